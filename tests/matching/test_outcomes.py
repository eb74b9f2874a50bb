"""A batch's answers: why-not, the commitments it makes, capacity after it, display."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from advocacy import (
    ActivityType,
    BatchAssignment,
    CapacityLimit,
    Commitment,
    Ineligibility,
    MatchPolicy,
    Placement,
    Policies,
    Tier,
    Tradeoff,
    Unfilled,
    Verdict,
    assign_requests,
    check_eligibility,
    from_dict,
    rank_candidates,
    to_dict,
)
from advocacy._matching.batch import Method
from advocacy.exceptions import InvalidValueError, UnknownKeyError
from tests.world import (
    AS_OF,
    SCORES,
    STRANDED,
    World,
    account,
    activity,
    advocate,
    best_by_brute_force,
    prospect,
    request,
    worlds,
)

METHODS: tuple[Method, ...] = ("optimal", "greedy")


def assign(world: World, **options: object) -> BatchAssignment:
    return assign_requests(
        world.requests,
        world.advocates,
        world.activities,
        accounts=world.accounts,
        as_of=AS_OF,
        **{"scores": SCORES, **options},  # type: ignore[arg-type]
    )


OPTIMAL = assign(STRANDED)
GREEDY = assign(STRANDED, method="greedy")


class TestWhyNot:
    def test_given_the_request(self) -> None:
        answer = OPTIMAL.why_not("r-retail", "v-ben")
        assert answer.verdict is Verdict.ASSIGNED
        assert answer.tradeoff is None
        assert answer.fit == OPTIMAL["r-retail"].matches[0].fit
        assert answer.explain() == (
            f"v-ben was given r-retail (fit {answer.fit.value:.2f})"
        )

    def test_ineligible_names_the_rules_and_the_date(self) -> None:
        answer = OPTIMAL.why_not("r-bank", "v-ben")
        assert answer.verdict is Verdict.INELIGIBLE
        assert [r.kind for r in answer.eligibility.reasons] == [Ineligibility.EXCLUDED]
        assert answer.eligibility.next_eligible is None
        assert (answer.fit, answer.tradeoff, answer.elsewhere) == (None, None, ())
        assert answer.explain() == (
            "v-ben may not be asked for r-bank (not eligible again by time alone):\n"
            "  - excluded: excluded by the request"
        )

    def test_went_elsewhere_with_the_exact_cost_of_forcing(self) -> None:
        answer = OPTIMAL.why_not("r-retail", "v-ana")
        bank = OPTIMAL["r-bank"].matches[0].fit.value
        assert answer.verdict is Verdict.ASSIGNED_ELSEWHERE
        assert answer.elsewhere == (Placement("r-bank", 1, bank),)
        assert [m.advocate_id for m in answer.given] == ["v-ben"]
        # Forcing Ana onto retail strands banking (nobody else may take it),
        # and Ben is left over: priority 1 and both fits are lost, Ana's
        # retail fit is gained.
        tradeoff = answer.tradeoff
        assert tradeoff is not None
        assert (tradeoff.priority_lost, tradeoff.unfilled, tradeoff.proven) == (
            1,
            ("r-bank",),
            True,
        )
        ben = OPTIMAL["r-retail"].matches[0].fit.value
        assert answer.fit is not None
        millionths = (
            round(bank * 1e6) + round(ben * 1e6) - round(answer.fit.value * 1e6)
        )
        assert tradeoff.fit_lost == millionths / 1e6
        assert answer.explain().splitlines() == [
            f"v-ana went elsewhere instead of r-retail (fit {answer.fit.value:.2f})",
            f"  given r-bank (priority 1, fit {bank:.2f})",
            f"  r-retail went to v-ben ({ben:.2f})",
            (
                "  forcing them onto r-retail would lose priority 1 and fit "
                f"{tradeoff.fit_lost:.2f} (r-bank unfilled)"
            ),
        ]

    def test_greedy_forced_can_do_better_and_proves_nothing(self) -> None:
        # Greedy gave Ana to retail; forced onto banking, Ben takes retail.
        answer = GREEDY.why_not("r-bank", "v-ana")
        assert answer.verdict is Verdict.ASSIGNED_ELSEWHERE
        assert answer.tradeoff is not None
        assert (answer.tradeoff.priority_lost, answer.tradeoff.proven) == (-1, False)
        assert answer.explain().endswith("; the forced solve is not proven optimal")

    def test_not_needed_and_a_request_that_cannot_be_filled(self) -> None:
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"), advocate("v2", "a1")),
            requests=(
                request("one"),
                request(
                    "pair",
                    prospect=prospect(industry="Banking"),
                    advocates_needed=2,
                    excluded={"v2"},
                ),
            ),
        )
        batch = assign(world)
        spare = next(
            a
            for a in ("v1", "v2")
            if a not in [m.advocate_id for m in batch["one"].matches]
        )
        unused = batch.why_not("one", spare)
        assert unused.verdict is Verdict.UNUSED
        assert unused.tradeoff is not None
        assert unused.tradeoff.priority_lost == 0
        assert unused.tradeoff.fit_lost >= 0
        # The pair needs two; only v1 may take it: no trade-off to show.
        stuck = batch.why_not("pair", "v1")
        assert stuck.tradeoff is None
        assert stuck.explain().endswith("pair cannot be filled with them")

    def test_unknown_names_and_a_stored_assignment(self) -> None:
        with pytest.raises(UnknownKeyError, match="request_id"):
            OPTIMAL.why_not("r-nope", "v-ana")
        with pytest.raises(UnknownKeyError, match=r"why_not\.advocate_id"):
            OPTIMAL.why_not("r-bank", "v-nope")
        stored = from_dict(BatchAssignment, to_dict(OPTIMAL))
        assert stored == OPTIMAL
        with pytest.raises(InvalidValueError, match="assign the batch again"):
            stored.why_not("r-bank", "v-ana")
        with pytest.raises(InvalidValueError, match=r"BatchAssignment\.capacity"):
            stored.capacity("v-ana")

    @given(worlds(max_advocates=5, max_requests=4), st.data())
    def test_every_answer_agrees_with_the_batch_and_brute_force(
        self, world: World, data: st.DataObject
    ) -> None:
        policies = Policies(match=MatchPolicy(node_limit=256))
        batch = assign(world, policies=policies)
        candidates = {
            r.id: {
                c.advocate_id: c.fit.value
                for c in rank_candidates(
                    r,
                    world.advocates,
                    accounts=world.accounts,
                    as_of=AS_OF,
                    scores=SCORES,
                ).candidates
            }
            for r in world.requests
        }
        capacity = {a.id: 1 for a in world.advocates}
        best = best_by_brute_force(world.requests, candidates, capacity)
        note(batch.explain())
        req = data.draw(st.sampled_from(world.requests))
        person = data.draw(st.sampled_from(world.advocates))
        answer = batch.why_not(req.id, person.id)
        given = [m.advocate_id for m in batch[req.id].matches]
        assert (answer.verdict is Verdict.ASSIGNED) is (person.id in given)
        assert (answer.verdict is Verdict.INELIGIBLE) is (
            person.id not in candidates[req.id]
        )
        assert answer.eligibility == check_eligibility(
            person,
            req,
            account=world.accounts[person.account_id],
            as_of=AS_OF,
        )
        if answer.tradeoff is None:
            return
        forced = best_by_brute_force(
            world.requests, candidates, capacity, forced=(req.id, person.id)
        )
        # Exact: the forced solve is the best assignment giving them the
        # request, and never beats the batch (proven optimal here).
        assert answer.tradeoff.priority_lost == best[0] - forced[0]
        assert answer.tradeoff.priority_lost >= 0
        if answer.tradeoff.priority_lost == 0:
            assert answer.tradeoff.fit_lost >= 0
            slots = sum(r.advocates_needed for r in world.requests)
            assert answer.tradeoff.fit_lost == pytest.approx(
                best[1] - forced[1], abs=1e-5 * slots
            )


class TestCommitments:
    def test_one_per_advocate_given_dated_the_batch(self) -> None:
        assert OPTIMAL.commitments() == (
            Commitment("v-ana", "r-bank", ActivityType.REFERENCE_CALL, AS_OF),
            Commitment("v-ben", "r-retail", ActivityType.REFERENCE_CALL, AS_OF),
        )

    def test_asking_again_at_once_finds_them_resting(self) -> None:
        again = assign(STRANDED, commitments=OPTIMAL.commitments())
        assert again.filled == 0
        answer = again.why_not("r-retail", "v-ben")
        assert [r.kind for r in answer.eligibility.reasons] == [Ineligibility.RESTING]
        assert answer.eligibility.next_eligible == AS_OF.add(days=14)

    @given(
        worlds(max_advocates=6, max_requests=5),
        st.builds(
            MatchPolicy,
            rest_days=st.sampled_from([0, 14]),
            reference_calls_per_quarter=st.integers(1, 3),
            asks_per_batch=st.integers(1, 2),
        ),
        st.sampled_from(METHODS),
        st.integers(0, 20),
    )
    def test_two_batches_never_double_book_or_burn_out(
        self, world: World, policy: MatchPolicy, method: Method, later: int
    ) -> None:
        policies = Policies(match=policy)
        calls, rest_days = policy.reference_calls_per_quarter, policy.rest_days
        first = assign(world, policies=policies, method=method)
        day = AS_OF.add(days=later)
        second = assign_requests(
            world.requests,
            world.advocates,
            accounts=world.accounts,
            as_of=day,
            commitments=first.commitments(),
            policies=policies,
            method=method,
        )
        both = first.commitments() + second.commitments()
        for person in world.advocates:
            mine = [c for c in both if c.advocate_id == person.id]
            # Within the quarter's cap and the tier's budget, across both.
            assert len(mine) <= calls
            if mine:
                assert person.tier is not None
                budget = policies.tiers[person.tier].quarterly_minutes
                spent = len(mine) * policies.catalog.minutes(
                    ActivityType.REFERENCE_CALL
                )
                assert spent <= budget
            # Nobody asked again inside the rest period of the first batch.
            again = [c for c in second.commitments() if c.advocate_id == person.id]
            if again and any(c.advocate_id == person.id for c in first.commitments()):
                assert day.toordinal() - AS_OF.toordinal() >= rest_days


class TestCapacityAfterTheBatch:
    def test_the_batch_counts_and_its_own_limit_binds(self) -> None:
        after = OPTIMAL.capacity("v-ana")
        assert (after.calls_left, after.batch_asks) == (2, 0)
        assert after["reference_call"].asks == 0
        assert after["reference_call"].limit is CapacityLimit.BATCH
        assert after.minutes_left == after.budget - 30

    def test_an_advocate_not_given_anything(self) -> None:
        world = World(
            accounts=STRANDED.accounts,
            advocates=(*STRANDED.advocates, advocate("v-cy", "a1", opted_out=True)),
            requests=STRANDED.requests,
        )
        after = assign(world).capacity("v-cy")
        assert (after.calls_left, after.batch_asks) == (3, 1)
        assert after.asks(ActivityType.REFERENCE_CALL) == 1


class TestDisplay:
    def test_reprs_show_the_headline(self) -> None:
        outcome = OPTIMAL["r-retail"]
        assert repr(outcome) == f"RequestOutcome({outcome.explain()})"
        match = outcome.matches[0]
        assert repr(match) == f"AssignedAdvocate(v-ben, fit {match.fit.value:.2f})"
        answer = OPTIMAL.why_not("r-bank", "v-ben")
        assert repr(answer) == (
            "WhyNot(v-ben may not be asked for r-bank (not eligible again by time "
            "alone))"
        )
        assert repr(answer.eligibility) == (
            "Eligibility(v-ben is not eligible for r-bank (not eligible again by "
            "time alone))"
        )

    def test_the_batch_table_shows_each_advocate_s_fit(self) -> None:
        world = World(
            accounts={"a1": account("a1")},
            advocates=(advocate("v1", "a1"), advocate("v2", "a1")),
            requests=(request("pair", advocates_needed=2),),
        )
        batch = assign(world, scores={"v1": 100, "v2": 0})
        fits = [m.fit.value for m in batch["pair"].matches]
        page = batch._repr_html_()
        assert f"v1 ({fits[0]:.2f}), v2 ({fits[1]:.2f})" in page
        assert f"<td>{sum(fits) / 2:.2f}</td>" in page
        assert batch["pair"].fit == sum(fits) / 2
        assert batch["pair"].total_fit == sum(fits)
        assert batch.to_records()[0]["fits"] == fits

    def test_html_tables(self) -> None:
        answer = OPTIMAL.why_not("r-retail", "v-ana")
        page = answer._repr_html_()
        assert "<td>assigned_elsewhere</td>" in page
        assert "r-bank (priority 1" in page
        assert "forcing them would lose priority 1" in page
        ineligible = OPTIMAL.why_not("r-bank", "v-ben")
        assert "<td>excluded by the request</td>" in ineligible._repr_html_()
        assert "<td>eligible again</td><td>None</td>" in ineligible._repr_html_()
        assert "<td>excluded</td>" in ineligible.eligibility._repr_html_()
        eligible = OPTIMAL.why_not("r-retail", "v-ben").eligibility
        assert "<td>eligible</td>" in eligible._repr_html_()
        assert "<td>v-ben</td>" in OPTIMAL["r-retail"]._repr_html_()
        stranded = GREEDY["r-bank"]._repr_html_()
        assert "<td>needed_elsewhere</td>" in stranded
        assert "went to r-retail" in stranded


def test_a_later_batch_is_free_again_after_the_rest() -> None:
    later = assign_requests(
        STRANDED.requests,
        STRANDED.advocates,
        accounts=STRANDED.accounts,
        as_of=AS_OF.add(days=14),
        scores=SCORES,
        commitments=OPTIMAL.commitments(),
    )
    assert later.filled == 2


class TestValidation:
    @pytest.mark.parametrize(
        ("request_id", "advocate_id", "changes", "field"),
        [
            ("r-bank", "v-ben", {"verdict": Verdict.UNUSED}, "eligibility"),
            ("r-retail", "v-ben", {"fit": None}, "eligibility"),
            ("r-retail", "v-ana", {"elsewhere": ()}, "elsewhere"),
            (
                "r-retail",
                "v-ben",
                {"elsewhere": (Placement("r-x", 1, 0.5),)},
                "elsewhere",
            ),
            (
                "r-retail",
                "v-ben",
                {"tradeoff": Tradeoff(0, 0.0, (), proven=True)},
                "tradeoff",
            ),
        ],
    )
    def test_an_answer_is_refused_by_name(
        self, request_id: str, advocate_id: str, changes: dict[str, Any], field: str
    ) -> None:
        answer = OPTIMAL.why_not(request_id, advocate_id)
        with pytest.raises(InvalidValueError, match=rf"^WhyNot\.{field}: got"):
            attrs.evolve(answer, **changes)

    def test_parts_check_their_fields(self) -> None:
        with pytest.raises(InvalidValueError, match=r"^Placement\.fit: got"):
            Placement("r1", 1, 1.5)
        with pytest.raises(InvalidValueError, match=r"^Tradeoff\.unfilled: got"):
            Tradeoff(1, 0.0, ("r2", "r1"), proven=True)
        with pytest.raises(InvalidValueError, match=r"^Tradeoff\.fit_lost: got"):
            Tradeoff(1, float("nan"), (), proven=True)
        assert Tradeoff(0, 0.0, (), proven=True).explain() == (
            "forcing the pair would lose nothing"
        )


def test_no_tradeoff_when_an_earlier_group_uses_up_the_others() -> None:
    # Two asks a batch, so the webinar (more priority) is solved first and
    # takes v2's last hour; the reference pair then cannot be filled, and
    # forcing v1 onto it cannot fill it either.
    people = (
        advocate("v1", "a1", tier=Tier.ADVOCATE),
        advocate("v2", "a1", tier=Tier.ADVOCATE),
    )
    world = World(
        accounts={"a1": account("a1")},
        advocates=people,
        requests=(
            request("talk", activity=ActivityType.WEBINAR, priority=3, excluded={"v1"}),
            request("pair", advocates_needed=2),
        ),
        activities=(activity("done", "v2", AS_OF, type=ActivityType.WEBINAR),),
    )
    policies = Policies(match=MatchPolicy(asks_per_batch=2, rest_days=0))
    batch = assign(world, policies=policies)
    assert batch.groups == ((ActivityType.WEBINAR,), (ActivityType.REFERENCE_CALL,))
    assert [m.advocate_id for m in batch["talk"].matches] == ["v2"]
    assert batch["pair"].unfilled is Unfilled.NEEDED_ELSEWHERE
    answer = batch.why_not("pair", "v1")
    assert (answer.verdict, answer.tradeoff) == (Verdict.UNUSED, None)


def test_a_candidate_reprs_as_who_and_fit() -> None:
    ranking = rank_candidates(
        STRANDED.requests[0],
        STRANDED.advocates,
        accounts=STRANDED.accounts,
        as_of=AS_OF,
        scores=SCORES,
    )
    best = ranking.candidates[0]
    assert (
        repr(best)
        == f"Candidate({best.advocate_id}, fit {best.fit.value:.2f}, 0 recent uses)"
    )
