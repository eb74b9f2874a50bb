"""Ranking the candidates for one request."""

from __future__ import annotations

import json
import random
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    AccountPolicy,
    FitFactor,
    Ineligibility,
    MatchPolicy,
    Policies,
    Tier,
    rank_candidates,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
from tests.world import AS_OF, World, account, activity, advocate, request, worlds

ACCOUNTS = {
    "a1": account("a1"),
    "a2": account("a2", industry="Banking"),
    "a3": account("a3", policy=AccountPolicy(approval_required=True)),
}


class TestRanking:
    def test_best_fit_first_then_fewer_recent_uses_then_id(self) -> None:
        advocates = [
            advocate("v-banker", "a2"),  # wrong industry: lower fit
            advocate("v-busy", "a1"),
            advocate("v-fresh", "a1"),
            advocate("v-also", "a1"),
        ]
        # v-busy and v-fresh were last active on the same day, so they fit
        # equally; v-busy has more activity in the year.
        history = [
            activity("1", "v-busy", AS_OF.subtract(days=60)),
            activity("2", "v-busy", AS_OF.subtract(days=300)),
            activity("3", "v-fresh", AS_OF.subtract(days=60)),
        ]
        ranking = rank_candidates(
            request("r1"), advocates, history, accounts=ACCOUNTS, as_of=AS_OF
        )
        assert [c.advocate_id for c in ranking.candidates] == [
            "v-also",
            "v-fresh",
            "v-busy",
            "v-banker",
        ]
        assert ranking.candidates[1].fit.value == ranking.candidates[2].fit.value
        assert [c.recent_uses for c in ranking.candidates[1:3]] == [1, 2]

    def test_excluded_are_counted_and_explained(self) -> None:
        advocates = [
            advocate("v1", "a1"),
            advocate("v2", "a1", opted_out=True, tier=None),
            advocate("v3", "a3"),
            advocate("v4", "a1", do_not_contact_until=AS_OF.add(days=5)),
        ]
        ranking = rank_candidates(
            request("r1"), advocates, accounts=ACCOUNTS, as_of=AS_OF
        )
        assert [c.advocate_id for c in ranking.candidates] == ["v1"]
        assert ranking.excluded == {
            Ineligibility.APPROVAL_NEEDED: 1,
            Ineligibility.DO_NOT_CONTACT: 1,
            Ineligibility.NO_TIER: 1,
            Ineligibility.OPTED_OUT: 1,
        }
        later = {e.advocate_id: e.next_eligible for e in ranking.ineligible}
        assert later == {"v2": None, "v3": None, "v4": AS_OF.add(days=5)}

    def test_outputs(self) -> None:
        ranking = rank_candidates(
            request("r1"),
            [advocate("v1", "a1"), advocate("v2", "a1", tier=Tier.SUPPORTER)],
            accounts=ACCOUNTS,
            as_of=AS_OF,
            scores={"v1": 90},
        )
        records = ranking.to_records()
        assert records[0]["rank"] == 1
        assert records[0]["advocate_id"] == "v1"
        assert records[0]["fit_industry"] == 1.0
        json.dumps(records)
        assert repr(ranking) == "CandidateRanking(r1: 1 eligible, best v1 0.99)"
        assert "excluded by tier_not_allowed: 1" in ranking.explain()
        assert ranking._repr_html_().count("<tr>") == 2

    def test_nobody_eligible(self) -> None:
        ranking = rank_candidates(request("r1"), [], accounts={}, as_of=AS_OF)
        assert ranking.candidates == ()
        assert repr(ranking) == "CandidateRanking(r1: 0 eligible)"

    def test_required_factors_exclude_mismatches(self) -> None:
        ranking = rank_candidates(
            request("r1"),
            [advocate("v1", "a1"), advocate("v2", "a2")],
            accounts=ACCOUNTS,
            as_of=AS_OF,
            policies=Policies(match=MatchPolicy(required={FitFactor.INDUSTRY})),
        )
        assert [c.advocate_id for c in ranking.candidates] == ["v1"]
        assert ranking.excluded == {Ineligibility.MISMATCH: 1}


class TestProperties:
    @given(worlds(), st.randoms())
    def test_independent_of_input_order(self, world: World, rng: random.Random) -> None:
        shuffled = list(world.advocates)
        rng.shuffle(shuffled)
        one = rank_candidates(
            world.requests[0], world.advocates, accounts=world.accounts, as_of=AS_OF
        )
        other = rank_candidates(
            world.requests[0], shuffled, accounts=world.accounts, as_of=AS_OF
        )
        assert one == other

    @given(worlds())
    def test_candidates_and_ineligible_partition_the_pool(self, world: World) -> None:
        ranking = rank_candidates(
            world.requests[0], world.advocates, accounts=world.accounts, as_of=AS_OF
        )
        ids = [c.advocate_id for c in ranking.candidates] + [
            e.advocate_id for e in ranking.ineligible
        ]
        assert sorted(ids) == sorted(a.id for a in world.advocates)
        fits = [c.fit.value for c in ranking.candidates]
        assert fits == sorted(fits, reverse=True)
        assert all(not e.eligible for e in ranking.ineligible)


class TestBadInput:
    def test_unknown_account(self) -> None:
        with pytest.raises(UnknownKeyError, match="advocate 'v1'"):
            rank_candidates(
                request("r1"),
                [advocate("v1", "nowhere")],
                accounts=ACCOUNTS,
                as_of=AS_OF,
            )

    def test_duplicate_advocates(self) -> None:
        with pytest.raises(InvalidValueError, match="unique advocate ids"):
            rank_candidates(
                request("r1"),
                [advocate("v1", "a1"), advocate("v1", "a2")],
                accounts=ACCOUNTS,
                as_of=AS_OF,
            )

    @pytest.mark.parametrize(
        ("arguments", "match"),
        [
            ({"request": "r1"}, r"rank_candidates\.request"),
            ({"advocates": ["v1"]}, r"advocates\[0\]"),
            ({"activities": ["x"]}, r"activities\[0\]"),
            ({"commitments": ["x"]}, r"commitments\[0\]"),
            ({"accounts": [("a1", 1)]}, r"rank_candidates\.accounts"),
            ({"scores": [("v1", 1)]}, r"rank_candidates\.scores"),
        ],
    )
    def test_wrong_kinds_are_named(
        self, arguments: dict[str, object], match: str
    ) -> None:
        given_arguments: dict[str, object] = {
            "request": request("r1"),
            "advocates": [advocate("v1", "a1")],
            "accounts": ACCOUNTS,
            "as_of": AS_OF,
        } | arguments
        with pytest.raises(InvalidTypeError, match=match):
            rank_candidates(**given_arguments)  # type: ignore[arg-type]


RANKED = rank_candidates(
    request("r1"),
    [
        advocate("v-banker", "a2"),
        advocate("v-busy", "a1"),
        advocate("v-fresh", "a1"),
        advocate("v-gone", "a1", opted_out=True),
        advocate("v-later", "a1", do_not_contact_until=AS_OF.add(days=5)),
    ],
    [
        activity("1", "v-busy", AS_OF.subtract(days=60)),
        activity("2", "v-busy", AS_OF.subtract(days=300)),
        activity("3", "v-fresh", AS_OF.subtract(days=60)),
    ],
    accounts=ACCOUNTS,
    as_of=AS_OF,
)
FIRST = RANKED.candidates[0]


class TestRankingValidation:
    """A `CandidateRanking` is ordered, and its counts are its reasons counted."""

    @given(worlds())
    def test_every_ranking_passes_unchanged(self, world: World) -> None:
        ranking = rank_candidates(
            world.requests[0], world.advocates, accounts=world.accounts, as_of=AS_OF
        )
        rebuilt = attrs.evolve(
            ranking,
            candidates=tuple(attrs.evolve(c) for c in ranking.candidates),
            excluded=dict(ranking.excluded),
        )
        assert rebuilt == ranking

    def test_the_ranking_used_here(self) -> None:
        assert [c.advocate_id for c in RANKED.candidates] == [
            "v-fresh",
            "v-busy",
            "v-banker",
        ]
        assert [e.advocate_id for e in RANKED.ineligible] == ["v-gone", "v-later"]
        assert list(RANKED.excluded) == [
            Ineligibility.DO_NOT_CONTACT,
            Ineligibility.OPTED_OUT,
        ]

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"advocate_id": ""}, "advocate_id"),
            ({"account_id": " "}, "account_id"),
            ({"recent_uses": -1}, "recent_uses"),
        ],
    )
    def test_a_candidate_is_refused_by_name(
        self, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^Candidate\.{field}: got"):
            attrs.evolve(FIRST, **changes)

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"request_id": ""}, "request_id"),
            ({"candidates": RANKED.candidates[::-1]}, r"candidates\[1\]"),
            (
                {"candidates": (FIRST, attrs.evolve(FIRST, recent_uses=9))},
                "candidates",
            ),
            (
                {"ineligible": (attrs.evolve(RANKED.ineligible[0], request_id="r2"),)},
                r"ineligible\[0\]",
            ),
            (
                {
                    "ineligible": (
                        attrs.evolve(RANKED.ineligible[0], as_of=AS_OF.add(days=1)),
                    )
                },
                r"ineligible\[0\]",
            ),
            (
                {
                    "ineligible": (
                        attrs.evolve(
                            RANKED.ineligible[0], reasons=(), next_eligible=AS_OF
                        ),
                    )
                },
                r"ineligible\[0\]",
            ),
            (
                {
                    "ineligible": (
                        attrs.evolve(RANKED.ineligible[0], advocate_id="v-busy"),
                        RANKED.ineligible[1],
                    )
                },
                "ineligible",
            ),
            (
                {"excluded": {**RANKED.excluded, Ineligibility.OPTED_OUT: 2}},
                "excluded",
            ),
            ({"excluded": dict(list(RANKED.excluded.items())[::-1])}, "excluded"),
            ({"ineligible": RANKED.ineligible[:1]}, "excluded"),
        ],
    )
    def test_a_ranking_is_refused_by_name(
        self, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(
            InvalidValueError, match=rf"^CandidateRanking\.{field}: got"
        ):
            attrs.evolve(RANKED, **changes)

    def test_the_counts_are_named_in_the_message(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(RANKED, ineligible=RANKED.ineligible[:1])
        assert caught.value.expected == (
            "the reasons of ineligible counted, most first (opted_out 1)"
        )
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(RANKED, ineligible=())
        assert caught.value.expected.endswith("most first (none)")


def test_scores_are_whole_totals_of_zero_or_more() -> None:
    """A negative or fractional score is refused by name, not turned into a fit."""
    for bad, error in (
        (-50, InvalidValueError),
        (1.5, InvalidValueError),
        ("90", InvalidTypeError),
    ):
        with pytest.raises(error, match=r"rank_candidates\.scores\['v1'\]"):
            rank_candidates(
                request("r1"),
                [advocate("v1", "a1")],
                accounts=ACCOUNTS,
                as_of=AS_OF,
                scores={"v1": bad},  # type: ignore[dict-item]
            )
