"""Count, then cut: exactly the tiers of walking the whole ranking, row by row."""

from __future__ import annotations

from collections import Counter

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from advocacy import Tier, TierPolicy, assign_tiers
from advocacy._scoring.tier_cuts import Row, TierCuts, cut_tiers
from advocacy._scoring.tier_policy import TierRule
from tests.strategies import tier_policies

AS_OF = pendulum.date(2026, 9, 30)


def walked(
    rules: tuple[TierRule, ...],
    rows: list[tuple[str, int, int, Tier | None]],
    margin: int,
) -> tuple[dict[str, Tier | None], dict[Tier, int | None]]:
    """The plain rule: rank everyone, walk the ranking, fill tiers in order."""
    ranked = sorted(rows, key=lambda row: (-row[1], -row[2], row[0]))
    caps = [rule.cap(len(rows)) for rule in rules]
    taken = [0] * len(rules)
    filled: dict[Tier, int | None] = {
        rule.tier: (-1 if cap == 0 else None)
        for rule, cap in zip(rules, caps, strict=True)
    }
    tiers: dict[str, Tier | None] = {}
    for position, (advocate_id, score, _engagement, held) in enumerate(ranked):
        tiers[advocate_id] = None
        for k, rule in enumerate(rules):
            floor = rule.min_score - (margin if held is rule.tier else 0)
            if score >= floor and taken[k] < caps[k]:
                taken[k] += 1
                tiers[advocate_id] = rule.tier
                if taken[k] == caps[k]:
                    filled[rule.tier] = position
                break
    return tiers, filled


def cut(
    rules: tuple[TierRule, ...],
    rows: list[tuple[str, int, int, Tier | None]],
    margin: int,
) -> tuple[TierCuts, list[int]]:
    counts: dict[int, Counter[Tier | None]] = {}
    for _id, score, _engagement, held in rows:
        counts.setdefault(score, Counter())[held if margin else None] += 1
    asked: list[int] = []

    def rows_at(score: int) -> list[Row]:
        asked.append(score)
        return [(i, e, h if margin else None) for i, s, e, h in rows if s == score]

    return cut_tiers(rules, counts, margin=margin, rows_at=rows_at), asked


# Few distinct scores and engagements: ties at every cut.
bases = st.lists(
    st.tuples(
        st.integers(0, 12).map(lambda n: n * 8),
        st.integers(0, 3),
        st.none() | st.sampled_from(Tier),
    ),
    max_size=120,
).map(lambda rows: [(f"a{n:03d}", *row) for n, row in enumerate(rows)])


@given(tier_policies(), bases, st.integers(0, 12))
def test_the_tiers_and_fill_positions_are_the_walks(
    policy: TierPolicy,
    rows: list[tuple[str, int, int, Tier | None]],
    margin: int,
) -> None:
    expected, filled = walked(policy.rules, rows, margin)
    cuts, asked = cut(policy.rules, rows, margin)
    got = {
        i: cuts.tier(i, score, held if margin else None) for i, score, _e, held in rows
    }
    assert got == expected
    assert cuts.filled == filled
    # Rows are ranked only at the cuts, each of which fills a tier.
    assert asked == list(cuts.cuts)
    assert len(asked) <= len(policy.rules)
    assert set(cuts.rows) == {i for i, s, _e, _h in rows if s in cuts.cuts}


@given(tier_policies(), bases, st.integers(0, 12))
def test_assign_tiers_gives_the_walks_tiers_and_reasons(
    policy: TierPolicy,
    rows: list[tuple[str, int, int, Tier | None]],
    margin: int,
) -> None:
    # Engagement enters assign_tiers as activity counts; here it is drawn
    # directly, so the walk is checked through the cuts' own ranking.
    scores = {i: s for i, s, _e, _h in rows}
    previous = {i: h for i, _s, _e, h in rows}
    plain = [(i, s, 0, h) for i, s, _e, h in rows]
    expected, filled = walked(policy.rules, plain, margin)
    assignment = assign_tiers(
        scores, as_of=AS_OF, policy=policy, previous=previous, margin=margin
    )
    assert dict(assignment) == expected
    assert assignment.ranked == tuple(
        i for i, *_ in sorted(plain, key=lambda row: (-row[1], row[0]))
    )
    for advocate_id in scores:
        decision = assignment.decision(advocate_id)
        for check in decision.checks:
            position = decision.rank - 1
            at = filled[check.tier]
            assert check.cap_full == (at is not None and at < position)


def test_no_cut_ranks_nobody() -> None:
    rules = TierPolicy.default().rules
    # 100 scored: caps 3, 15, 40; two at 90 and ten at 70 fill nothing.
    counts: dict[int, dict[Tier | None, int]] = {
        90: {None: 2},
        70: {None: 10},
        10: {None: 88},
    }

    def never(score: int) -> list[Row]:
        raise AssertionError(score)

    cuts = cut_tiers(rules, counts, margin=0, rows_at=never)
    assert cuts.cuts == ()
    assert cuts.groups == {(90, None): Tier.CHAMPION, (70, None): Tier.ADVOCATE}
    assert cuts.tier("x", 10, None) is None
    assert cuts.filled == dict.fromkeys(Tier)


def test_a_cut_ranks_the_tied_rows_by_engagement_then_id() -> None:
    rules = TierPolicy.default().rules
    # 100 scored, Champion's cap 3: four tie at 95, the least engaged falls.
    counts: dict[int, dict[Tier | None, int]] = {95: {None: 4}, 0: {None: 96}}
    tied: list[Row] = [("d", 2, None), ("c", 5, None), ("b", 2, None), ("a", 0, None)]
    cuts = cut_tiers(rules, counts, margin=0, rows_at=lambda _score: tied)
    assert cuts.cuts == (95,)
    assert cuts.rows == {
        "c": Tier.CHAMPION,
        "b": Tier.CHAMPION,
        "d": Tier.CHAMPION,
        "a": Tier.ADVOCATE,
    }
    assert cuts.filled[Tier.CHAMPION] == 2


def test_once_every_cap_with_room_is_full_no_lower_score_is_walked() -> None:
    rules = TierPolicy.default().rules
    # 10 scored: caps 0, 1 and 4. The five tied at 95 fill Advocate (one) and
    # Supporter (four); Champion has no room from the start, so the five at
    # 50 (above Supporter's 40) are never considered and form no group.
    counts: dict[int, dict[Tier | None, int]] = {95: {None: 5}, 50: {None: 5}}
    tied: list[Row] = [(f"a{n}", 0, None) for n in range(5)]

    def rows_at(score: int) -> list[Row]:
        assert score == 95
        return tied

    cuts = cut_tiers(rules, counts, margin=0, rows_at=rows_at)
    assert cuts.cuts == (95,)
    assert cuts.rows == {
        "a0": Tier.ADVOCATE,
        **dict.fromkeys(["a1", "a2", "a3", "a4"], Tier.SUPPORTER),
    }
    assert cuts.groups == {}
    assert cuts.filled == {Tier.CHAMPION: -1, Tier.ADVOCATE: 0, Tier.SUPPORTER: 4}
