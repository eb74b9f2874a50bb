"""Program health: every section of the weekly report, figured by hand."""

from __future__ import annotations

import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Activity,
    Advocate,
    MatchPolicy,
    Overuse,
    Period,
    PlanAttainment,
    Policies,
    RecruitmentFunnel,
    ScoringModel,
    program_health,
)
from advocacy._program.health import score_bins  # the bins, tested on their own
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
from tests.checks import refused
from tests.program.health import (
    ACTIVITIES,
    ADVOCATES,
    AS_OF,
    SCORES,
    T,
    d,
    fulfilled_requests,
    no_time,
    programs,
    report,
)
from tests.strategies import T0
from tests.world import activity


def test_pool_activity_and_tiers() -> None:
    health = report()
    assert health.period == Period(d(2025, 10, 1), d(2026, 9, 30))
    assert health.pool == 4
    assert health.members_by_tier == {
        "champion": 1,
        "advocate": 1,
        "supporter": 1,
        "no tier": 1,
    }
    assert health.active_by_tier == {
        "champion": 1,
        "advocate": 1,
        "supporter": 1,
        "no tier": 0,
    }
    assert (health.active, health.activities) == (3, 8)


def test_activities_by_type_and_month() -> None:
    health = report()
    assert health.by_type == {
        T.REFERENCE_CALL: 4,
        T.ONLINE_REVIEW: 1,
        T.CASE_STUDY: 1,
        T.SOCIAL_SHARE: 2,
    }
    assert list(health.by_type) == [
        T.REFERENCE_CALL,
        T.ONLINE_REVIEW,
        T.CASE_STUDY,
        T.SOCIAL_SHARE,
    ]
    assert health.by_month == {"2026-01": 1, "2026-04": 2, "2026-07": 4, "2026-08": 1}


def test_participation_is_the_share_of_the_pool_active_each_quarter() -> None:
    assert report().participation == {
        d(2025, 10, 1): 0.0,
        d(2026, 1, 1): 0.25,
        d(2026, 4, 1): 0.25,
        d(2026, 7, 1): 0.5,
    }
    # A quarter of the period not yet started on as_of is left out.
    later = report(period=Period(d(2026, 7, 1), d(2026, 12, 31)))
    assert list(later.participation) == [d(2026, 7, 1)]


def test_score_distribution_in_documented_bins() -> None:
    assert report().scores == {
        "0-9": 0,
        "10-19": 0,
        "20-29": 0,
        "30-39": 0,
        "40-49": 1,
        "50-59": 0,
        "60-69": 1,
        "70-79": 1,
        "80-89": 1,
        "90-100": 1,
    }


def test_score_bins_edges() -> None:
    bins = score_bins([0, 9, 10, 89, 90, 99, 100], 100)
    assert (bins["0-9"], bins["10-19"], bins["80-89"], bins["90-100"]) == (2, 1, 1, 3)
    assert score_bins([7, 25], 25) == {"0-9": 1, "10-19": 0, "20-25": 1}
    assert score_bins([5, 10], 10) == {"0-10": 2}
    assert score_bins([], 1) == {"0-1": 0}


def test_the_funnel_nests_each_stage_in_the_one_before() -> None:
    funnel = report().funnel
    # Qualified above 60: a1 85, a2 70, a4 61 and the opted-out x 90.
    # Invited among them: a1, a2, x; accepted: a1, x. a3 (45) was invited too.
    assert funnel == RecruitmentFunnel(
        qualified=4, invited=3, accepted=2, invited_unqualified=1
    )
    assert funnel.invite_rate == 0.75
    assert funnel.acceptance_rate == pytest.approx(2 / 3)
    assert funnel.conversion == 0.5
    empty = RecruitmentFunnel(0, 0, 0, 0)
    assert (empty.invite_rate, empty.acceptance_rate, empty.conversion) == (
        None,
        None,
        None,
    )


def test_the_funnel_follows_the_models_threshold() -> None:
    strict = attrs.evolve(ScoringModel.default(), qualify_above=80)
    assert report(model=strict).funnel == RecruitmentFunnel(2, 2, 2, 2)
    assert report(scores=SCORES, invitations=None).funnel == RecruitmentFunnel(
        4, 0, 0, 0
    )
    assert report(scores=None, invitations=None).funnel is None
    assert report(scores=None, invitations=None).scores["90-100"] == 0


def test_overuse_against_the_call_cap_and_the_tier_budget() -> None:
    assert report().overused == (
        Overuse("a1", d(2026, 7, 1), 4, 120, ("4 reference calls, cap 3",)),
    )
    # A cap of 4 lets a1's quarter pass; the case study sits exactly on budget.
    assert (
        report(
            policies=Policies(match=MatchPolicy(reference_calls_per_quarter=4))
        ).overused
        == ()
    )
    busier = [
        *ACTIVITIES,
        activity("a2-share", "a2", d(2026, 9, 1), type=T.SOCIAL_SHARE),
    ]
    health = program_health(ADVOCATES, busier, as_of=AS_OF)
    assert health.overused[1] == Overuse(
        "a2", d(2026, 7, 1), 0, 125, ("125 min, advocate budget 120",)
    )


def test_overuse_reads_whole_quarters_touching_the_period() -> None:
    # The period starts mid-quarter: a1's calls before it still fill the cap.
    health = report(period=Period(d(2026, 7, 25), d(2026, 9, 30)))
    assert health.by_type == {T.REFERENCE_CALL: 1, T.CASE_STUDY: 1}
    assert health.overused[0].reference_calls == 4


def test_the_quarterly_plan_against_actuals() -> None:
    health = report()
    assert health.quarter == Period(d(2026, 7, 1), d(2026, 9, 30))
    assert health.quarter_elapsed == 1
    assert health.plan == (
        PlanAttainment(T.REFERENCE_CALL, 8, 12, 1),
        PlanAttainment(T.ONLINE_REVIEW, 10, 15, 0),
        PlanAttainment(T.CASE_STUDY, 2, 3, 1),
        PlanAttainment(T.WEBINAR, 1, 2, 0),
        PlanAttainment(T.ADVISORY_BOARD, 10, 15, 0),
        PlanAttainment(T.SOCIAL_SHARE, 20, 30, 0),
    )
    assert health.plan[0].attainment == 0.125
    assert health.plan[2].attainment == 0.5
    # Mid-quarter: the plan is the quarter of as_of, read up to as_of.
    early = report(as_of=d(2026, 7, 10))
    assert early.quarter.start == d(2026, 7, 1)
    assert early.quarter_elapsed == pytest.approx(10 / 92)
    assert early.plan[0].actual == 1


def test_plan_status_boundaries() -> None:
    line = PlanAttainment(T.WEBINAR, 1, 2, 0)
    assert [attrs.evolve(line, actual=n).status for n in range(4)] == [
        "below",
        "within",
        "within",
        "above",
    ]
    assert PlanAttainment(T.WEBINAR, 0, 2, 0).attainment is None


def test_fulfilment_of_requests_submitted_in_the_period() -> None:
    states = fulfilled_requests()
    fulfilment = report(requests=states).fulfilment
    assert fulfilment is not None
    # "before" was submitted in March 2025, before the period.
    assert (fulfilment.requests, fulfilment.fulfilled, fulfilment.within) == (2, 1, 1)
    by_id = {state.request.id: state for state in states}
    assert report(requests=by_id).fulfilment == fulfilment
    assert report().fulfilment is None


def test_explain_repr_records_and_html() -> None:
    health = report(requests=fulfilled_requests())
    lines = health.explain().splitlines()
    assert lines[0] == (
        "3 of 4 advocates active, 8 activities (2025-10-01 to 2026-09-30); "
        "active/members by tier: champion 1/1, advocate 1/1, supporter 1/1, "
        "no tier 0/1"
    )
    assert lines[1] == (
        "participation by quarter: 2025-10-01 0%, 2026-01-01 25%, "
        "2026-04-01 25%, 2026-07-01 50%"
    )
    assert lines[3] == (
        "funnel: 4 qualified -> 3 invited (75%) -> 2 accepted (67%); "
        "1 more invited without qualifying"
    )
    assert lines[4].startswith("requests: 2 requests")
    assert lines[5] == (
        "over-used: 1 advocate-quarters; a1 2026-07-01 (4 reference calls, cap 3)"
    )
    assert lines[6] == (
        "plan for 2026-07-01 to 2026-09-30 (100% elapsed), advocates taking part:"
    )
    assert lines[7] == "  reference_call: 1 of 8-12 (12% of the low end, below)"
    assert repr(health) == "HealthReport(3 of 4 active, 1 over-used, plan 0 of 6 met)"
    records = health.to_records()
    assert {"section": "by_month", "key": "2026-07", "value": 4} in records
    assert {"section": "funnel", "key": "invited", "value": 3} in records
    assert {"section": "fulfilment", "key": "requests", "value": 2} in records
    assert {"section": "overused", "key": "a1 2026-07-01", "value": 120} in records
    assert {"section": "plan", "key": "case_study", "value": 1} in records
    assert "<td>case_study</td><td>1</td><td>2-3</td><td>below</td>" in (
        health._repr_html_()
    )


def test_an_empty_program_reports_zeros_not_errors() -> None:
    health = program_health([], [], as_of=AS_OF)
    assert (health.pool, health.active, health.activities) == (0, 0, 0)
    assert set(health.participation.values()) == {0.0}
    assert "activities by type: none" in health.explain()
    sections = {row["section"] for row in health.to_records()}
    assert sections == {
        "members_by_tier",
        "active_by_tier",
        "scores",
        "participation",
        "plan",
    }
    quiet = program_health(
        [], [], as_of=AS_OF, period=Period(d(2026, 12, 1), d(2026, 12, 31))
    )
    assert "participation by quarter: none started" in quiet.explain()


def test_bad_input_is_refused_by_name() -> None:
    with pytest.raises(InvalidValueError, match=r"Period\.end"):
        report(period=Period(d(2026, 9, 30), d(2026, 1, 1)))
    with pytest.raises(UnknownKeyError, match=r"program_health\.scores.*'ghost'"):
        report(scores={"ghost": 50})
    with pytest.raises(UnknownKeyError, match=r"program_health\.invitations"):
        report(invitations={"ghost": True})
    with pytest.raises(InvalidValueError, match=r"program_health\.scores\['a1'\]"):
        report(scores={"a1": 101})
    with pytest.raises(InvalidTypeError, match=r"program_health\.invitations\['a1'\]"):
        report(invitations={"a1": "yes"})
    with pytest.raises(InvalidValueError, match=r"invitations together with scores"):
        report(scores=None)
    with pytest.raises(InvalidValueError, match=r"program_health\.advocates.*unique"):
        program_health([*ADVOCATES, ADVOCATES[0]], [], as_of=AS_OF)
    with pytest.raises(InvalidTypeError, match=r"program_health\.advocates"):
        program_health(["a1"], [], as_of=AS_OF)  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match=r"program_health\.activities"):
        program_health(ADVOCATES, [None], as_of=AS_OF)  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match=r"program_health\.requests"):
        report(requests=["req-1"])
    with pytest.raises(InvalidTypeError, match=r"program_health\.scores"):
        report(scores=[("a1", 80)])
    with pytest.raises(InvalidTypeError, match=r"program_health\.period"):
        report(period=(d(2026, 1, 1), d(2026, 3, 31)))
    with pytest.raises(InvalidTypeError, match=r"program_health\.model"):
        report(model="default")
    with pytest.raises(InvalidTypeError, match=r"program_health\.policies"):
        report(policies="default")


def test_refusals_name_the_field_value_and_what_is_accepted() -> None:
    error = refused(
        InvalidValueError,
        r"program_health\.invitations",
        lambda: report(scores=None),
        value="4 invitations",
    )
    assert error.expected == "invitations together with scores"
    assert error.hint == "the funnel starts from the advocates who qualify"
    unknown = refused(
        UnknownKeyError,
        r"program_health\.scores",
        lambda: report(scores={"ghost": 50}),
        value="ghost",
    )
    assert unknown.expected == "ids of advocates passed in `advocates`"
    wrong = refused(
        InvalidTypeError, r"program_health\.model", lambda: report(model="default")
    )
    assert wrong.expected == "a ScoringModel"
    refused(
        InvalidTypeError,
        r"program_health\.as_of",
        lambda: report(as_of="soon"),
        value="soon",
        expected="a date",
    )


def test_scores_run_from_zero_to_the_models_maximum() -> None:
    assert report(scores={"a1": 0}).scores["0-9"] == 1
    assert report(scores={"a1": 100}).scores["90-100"] == 1
    error = refused(
        InvalidValueError,
        r"program_health\.scores\['a1'\]",
        lambda: report(scores={"a1": -1}),
        value=-1,
    )
    assert error.expected == "an integer from 0 to 100"


def test_as_of_itself_counts() -> None:
    # a1's first call is on 2026-07-01, the day of the report and a quarter's start.
    health = report(as_of=d(2026, 7, 1))
    assert health.by_type[T.REFERENCE_CALL] == 1
    assert health.participation[d(2026, 7, 1)] == 0.25
    assert list(health.participation)[-1] == d(2026, 7, 1)
    # Requests submitted on as_of are counted too.
    fulfilment = report(as_of=T0.date(), requests=fulfilled_requests()).fulfilment
    assert fulfilment is not None
    assert fulfilment.requests == 2


def test_overuse_only_in_quarters_with_activity() -> None:
    # With no time budget, every advocate-quarter with minutes is over-used;
    # quarters without activity are not.
    assert [
        (o.advocate_id, o.quarter, o.minutes)
        for o in report(policies=no_time()).overused
    ] == [
        ("a1", d(2026, 1, 1), 5),
        ("a3", d(2026, 4, 1), 20),
        ("a1", d(2026, 7, 1), 120),
        ("a2", d(2026, 7, 1), 120),
    ]


def test_the_plan_counts_each_advocate_taking_part() -> None:
    busier = [*ACTIVITIES, activity("a2-call", "a2", d(2026, 8, 1))]
    health = program_health(ADVOCATES, busier, as_of=AS_OF)
    assert health.plan[0] == PlanAttainment(T.REFERENCE_CALL, 8, 12, 2)


@given(programs(), st.integers(0, 99))
def test_the_report_does_not_depend_on_input_order(
    program: tuple[list[Advocate], list[Activity]], seed: int
) -> None:
    advocates, activities = program
    rng = random.Random(seed)
    shuffled = (
        rng.sample(advocates, len(advocates)),
        rng.sample(activities, len(activities)),
    )
    assert program_health(*shuffled, as_of=AS_OF) == program_health(
        advocates, activities, as_of=AS_OF
    )


@given(programs())
def test_sections_add_up(program: tuple[list[Advocate], list[Activity]]) -> None:
    advocates, activities = program
    health = program_health(advocates, activities, as_of=AS_OF)
    assert health.pool == sum(health.members_by_tier.values())
    assert health.activities == sum(health.by_month.values())
    for tier, active in health.active_by_tier.items():
        assert 0 <= active <= health.members_by_tier[tier]
    for share in health.participation.values():
        assert 0 <= share <= 1
    for line in health.plan:
        assert 0 <= line.actual <= health.pool
    for overuse in health.overused:
        assert overuse.reasons
