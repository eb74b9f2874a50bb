"""Program health: every section of the weekly report, figured by hand."""

from __future__ import annotations

import random
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityType,
    Advocate,
    HealthReport,
    MatchPolicy,
    Overuse,
    Period,
    PlanAttainment,
    Policies,
    RecruitmentFunnel,
    RequestState,
    ScoringModel,
    Tier,
    program_health,
    request_state,
)
from advocacy._program.health import score_bins  # the bins, tested on their own
from advocacy.exceptions import InvalidTypeError, InvalidValueError, UnknownKeyError
from tests.strategies import activities_for, reference_request, request_account
from tests.strategies import request_event as ev
from tests.world import activity, advocate

T = ActivityType
d = pendulum.date
AS_OF = d(2026, 9, 30)

# a1 champion, a2 advocate, a3 supporter, a4 without a tier; x opted out.
ADVOCATES = [
    advocate("a1", "acct-1"),
    advocate("a2", "acct-1", tier=Tier.ADVOCATE),
    advocate("a3", "acct-1", tier=Tier.SUPPORTER),
    advocate("a4", "acct-1", tier=None),
    advocate("x", "acct-1", opted_out=True),
]
ACTIVITIES = [
    # a1: four reference calls in Q3 2026 (cap 3) and a social share in Q1.
    *(activity(f"a1-call-{day}", "a1", d(2026, 7, day)) for day in (1, 10, 20, 31)),
    activity("a1-share", "a1", d(2026, 1, 15), type=T.SOCIAL_SHARE),
    # a2: a case study, 120 minutes: exactly the advocate tier's budget.
    activity("a2-story", "a2", d(2026, 8, 15), type=T.CASE_STUDY),
    # a3: a review and a share in Q2 (20 minutes), and a review before the period.
    activity("a3-review", "a3", d(2026, 4, 10), type=T.ONLINE_REVIEW),
    activity("a3-share", "a3", d(2026, 4, 11), type=T.SOCIAL_SHARE),
    activity("a3-old", "a3", d(2025, 9, 30), type=T.ONLINE_REVIEW),
    # Not counted: after as_of, by an opted-out advocate, by a stranger.
    activity("a4-future", "a4", d(2026, 10, 1)),
    activity("x-call", "x", d(2026, 7, 5)),
    activity("nobody", "nobody", d(2026, 7, 5)),
]
SCORES = {"a1": 85, "a2": 70, "a3": 45, "a4": 61, "x": 90}
INVITATIONS = {"a1": True, "a2": False, "x": True, "a3": False}


def report(**changes: object) -> HealthReport:
    arguments: dict[str, object] = {"as_of": AS_OF, "scores": SCORES}
    arguments["invitations"] = INVITATIONS
    return program_health(ADVOCATES, ACTIVITIES, **{**arguments, **changes})  # type: ignore[arg-type]


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


def fulfilled_requests() -> list[RequestState]:
    accounts = {"acct-1": request_account("acct-1")}
    advocates = {"a1": ADVOCATES[0]}
    made = []
    for request_id, start, answer in (
        ("in-1", 0.0, "accept"),
        ("in-2", 0.0, None),
        ("before", -24.0 * 365, "accept"),
    ):
        events = [
            ev("submit", start, request_id=request_id),
            ev("contact", start + 1, "a1", request_id),
        ]
        if answer:
            events.append(ev(answer, start + 20, "a1", request_id))
        made.append(
            request_state(
                reference_request(request_id),
                events,
                advocates=advocates,
                accounts=accounts,
            )
        )
    return made


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


ids = [f"adv-{n}" for n in range(6)]


@st.composite
def programs(draw: st.DrawFn) -> tuple[list[Advocate], list[Activity]]:
    advocates = [
        advocate(
            advocate_id,
            "acct-1",
            tier=draw(st.sampled_from([*Tier, None])),
            opted_out=draw(st.booleans()),
        )
        for advocate_id in ids
    ]
    return advocates, draw(activities_for(ids, AS_OF))


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


class TestResultValidation:
    """Each result refuses figures the rule never gives, naming the field."""

    HEALTH = report()

    def test_the_rules_own_report_passes_unchanged(self) -> None:
        health = self.HEALTH
        assert health.funnel is not None
        assert attrs.evolve(health) == health
        assert attrs.evolve(health.funnel) == health.funnel
        assert [attrs.evolve(o) for o in health.overused] == list(health.overused)
        assert [attrs.evolve(p) for p in health.plan] == list(health.plan)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"qualified": -1},
                r"qualified: got -1; expected an integer of at least 0",
            ),
            ({"invited_unqualified": -2}, r"invited_unqualified: got -2"),
            ({"invited": 5}, r"invited: got 5; expected at most qualified \(4\)"),
            ({"accepted": 4}, r"accepted: got 4; expected at most invited \(3\)"),
        ],
    )
    def test_a_funnel_stage_is_inside_the_one_before(
        self, changes: dict[str, Any], message: str
    ) -> None:
        funnel = self.HEALTH.funnel
        assert funnel is not None
        with pytest.raises(InvalidValueError, match=rf"RecruitmentFunnel\.{message}"):
            attrs.evolve(funnel, **changes)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"reference_calls": -1}, r"reference_calls: got -1"),
            ({"minutes": -5}, r"minutes: got -5"),
            (
                {"quarter": d(2026, 8, 1)},
                (
                    r"quarter: got .*2026.*; expected the first day of a calendar "
                    r"quarter \(this quarter starts on 2026-07-01\)"
                ),
            ),
            ({"reasons": ()}, r"reasons: got \(\); expected at least one limit"),
        ],
    )
    def test_an_overuse_is_a_quarter_past_a_limit(
        self, changes: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"Overuse\.{message}"):
            attrs.evolve(self.HEALTH.overused[0], **changes)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"low": -1}, r"low: got -1"),
            ({"actual": -1}, r"actual: got -1"),
            ({"high": 7}, r"high: got 7; expected at least low \(8\)"),
        ],
    )
    def test_a_plan_line_is_a_range_of_counts(
        self, changes: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"PlanAttainment\.{message}"):
            attrs.evolve(self.HEALTH.plan[0], **changes)

    def test_a_plan_range_may_start_at_zero(self) -> None:
        line = PlanAttainment(T.WEBINAR, 0, 0, 0)
        assert (line.attainment, line.status) == (None, "within")

    def bad(self, message: str, **changes: Any) -> None:
        with pytest.raises(InvalidValueError, match=rf"HealthReport\.{message}"):
            attrs.evolve(self.HEALTH, **changes)

    def test_counts_are_not_negative(self) -> None:
        members = self.HEALTH.members_by_tier
        self.bad(r"pool: got -1", pool=-1)
        self.bad(
            r"members_by_tier\['champion'\]: got -1; expected a count of at least 0",
            members_by_tier=members | {"champion": -1},
        )
        self.bad(
            r"active_by_tier\['no tier'\]: got -1",
            active_by_tier=self.HEALTH.active_by_tier | {"no tier": -1},
        )
        self.bad(r"scores\['0-9'\]: got -3", scores={"0-9": -3})

    def test_types_and_months_with_no_activity_are_left_out(self) -> None:
        self.bad(
            r"by_type\['webinar'\]: got 0; expected a count of at least 1",
            by_type=self.HEALTH.by_type | {T.WEBINAR: 0},
        )
        self.bad(
            r"by_month\['2026-09'\]: got 0; expected a count of at least 1",
            by_month=self.HEALTH.by_month | {"2026-09": 0},
        )

    def test_members_add_up_to_the_pool(self) -> None:
        self.bad(
            r"members_by_tier: got .*; expected counts adding up to the pool "
            r"\(5\), not 4",
            pool=5,
        )

    def test_the_active_are_members_of_the_same_tiers(self) -> None:
        active = dict(self.HEALTH.active_by_tier)
        self.bad(
            r"active_by_tier: got .*; expected the keys of members_by_tier "
            r"\(champion, advocate, supporter, no tier\)",
            active_by_tier={k: n for k, n in active.items() if k != "no tier"},
        )
        self.bad(
            r"active_by_tier\['champion'\]: got 2; expected at most "
            r"members_by_tier\['champion'\] \(1\)",
            active_by_tier=active | {"champion": 2},
        )

    def test_every_active_advocate_did_an_activity(self) -> None:
        self.bad(
            r"by_type: got .*; expected at least one activity per advocate "
            r"active \(3\), not 2",
            by_type={T.REFERENCE_CALL: 2},
            by_month={"2026-07": 2},
        )

    def test_months_count_the_same_activities_as_types(self) -> None:
        self.bad(
            r"by_month: got .*; expected counts adding up to the activities by "
            r"type \(8\), not 9",
            by_month=self.HEALTH.by_month | {"2026-09": 1},
        )

    def test_participation_is_a_share(self) -> None:
        self.bad(
            r"participation\[2026-07-01\]: got 1\.5; expected a share from 0 to 1",
            participation=self.HEALTH.participation | {d(2026, 7, 1): 1.5},
        )

    def test_overuse_by_quarter_then_advocate(self) -> None:
        (first,) = self.HEALTH.overused
        later = attrs.evolve(first, quarter=d(2026, 4, 1))
        self.bad(
            r"overused\[1\]: got 'a1 2026-04-01'; expected an advocate-quarter "
            r"after a1 2026-07-01: by quarter, then advocate",
            overused=(first, later),
        )
        self.bad(r"overused\[1\]: got 'a1 2026-07-01'", overused=(first, first))
        in_order = (first, attrs.evolve(first, advocate_id="a2"))
        assert attrs.evolve(self.HEALTH, overused=in_order).overused == in_order

    def test_the_plan_quarter_is_the_one_of_as_of_or_the_period_end(self) -> None:
        self.bad(
            r"quarter: got .*; expected the calendar quarter of as_of or of the "
            r"period's end if earlier \(2026-07-01 to 2026-09-30\)",
            quarter=Period.quarter_of(d(2026, 4, 1)),
        )
        ended = report(period=Period(d(2026, 1, 1), d(2026, 5, 15)))
        assert ended.quarter == Period.quarter_of(d(2026, 5, 15))
