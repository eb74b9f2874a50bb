"""Program goals: progress from the records, pace, on track or behind."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Activity,
    ActivityType,
    GoalMetric,
    GoalProgress,
    GoalReport,
    GoalStatus,
    Money,
    NpsResponse,
    Opportunity,
    OpportunitySource,
    Period,
    ProgramGoal,
    ProspectProfile,
    Signals,
    from_dict,
    goal_progress,
    to_dict,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from tests import strategies

T = ActivityType
G = GoalMetric
START, END = pendulum.date(2026, 7, 1), pendulum.date(2026, 9, 30)  # 92 days
AS_OF = pendulum.date(2026, 8, 15)  # day 46 of 92: half the period gone


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def goal(metric: GoalMetric | str, target: Any, **changes: Any) -> ProgramGoal:
    period = Period(changes.pop("start", START), changes.pop("end", END))
    return ProgramGoal(metric, target, period, **changes)


def act(activity_id: str, kind: ActivityType, day: str) -> Activity:
    return Activity(activity_id, "adv-1", kind, day)


ACTIVITIES = [
    act("r0", T.REFERENCE_CALL, "2026-06-30"),  # before the period
    act("r1", T.REFERENCE_CALL, "2026-07-05"),
    act("r2", T.REFERENCE_CALL, "2026-07-20"),
    act("r3", T.REFERENCE_CALL, "2026-08-01"),
    act("r4", T.REFERENCE_CALL, "2026-08-15"),  # on as_of: counts
    act("r5", T.REFERENCE_CALL, "2026-08-16"),  # after as_of
    act("v1", T.ONLINE_REVIEW, "2026-07-02"),
    act("v2", T.ONLINE_REVIEW, "2026-08-02"),
    act("c1", T.CASE_STUDY, "2026-07-10"),
    act("c2", T.TESTIMONIAL, "2026-07-11"),
    act("c3", T.USER_GENERATED_CONTENT, "2026-07-12"),
    act("w1", T.WEBINAR, "2026-07-13"),  # not content
    act("f1", T.REFERRAL, "2026-07-09"),
]


def deal(deal_id: str, created: str, amount: int, **changes: Any) -> Opportunity:
    return Opportunity(deal_id, ProspectProfile(), usd(amount), created, **changes)


REFERRAL = OpportunitySource.REFERRAL
OPPORTUNITIES = [
    deal("o1", "2026-07-10", 100_000, source=REFERRAL),
    deal("o2", "2026-07-15", 60_000, activity_ids={"r2"}),  # influenced
    deal("o3", "2026-08-01", 40_000, source="inbound"),  # unattributed
    deal("o4", "2026-06-20", 500_000, source=REFERRAL),  # before the period
    deal("o5", "2026-08-20", 500_000, source=REFERRAL),  # after as_of
    # Renewals: 2 of the 3 closed in the period were won.
    deal(
        "n1", "2026-05-01", 10_000, kind="renewal", outcome="won", closed="2026-07-31"
    ),
    deal(
        "n2", "2026-05-01", 10_000, kind="renewal", outcome="won", closed="2026-08-10"
    ),
    deal(
        "n3", "2026-05-01", 10_000, kind="renewal", outcome="lost", closed="2026-08-12"
    ),
    deal(
        "n4", "2026-05-01", 10_000, kind="renewal", outcome="lost", closed="2026-06-30"
    ),
    deal("n5", "2026-05-01", 10_000, kind="renewal"),  # still open
]
# In the period: 3 promoters, 1 passive, 1 detractor: NPS 100 (3 - 1) / 5 = 40.
RESPONSES = [
    NpsResponse(day, score)
    for day, score in [
        ("2026-07-01", 10),
        ("2026-07-02", 10),
        ("2026-07-03", 9),
        ("2026-07-04", 8),
        ("2026-07-05", 6),
        ("2026-06-30", 0),  # before the period
    ]
]
GOALS = [
    goal(G.REFERENCES, 10),
    goal(G.REVIEWS, 4),
    goal(G.CONTENT_SOURCED, 3),
    goal(G.SOCIAL_SHARES, 20),
    goal(G.REFERRALS, 2),
    goal(G.PIPELINE_SOURCED, usd(400_000)),
    goal(G.PIPELINE_INFLUENCED, usd(100_000)),
    goal(G.RETENTION, 0.9),
    goal(G.NPS, 40),
]


def report(**changes: Any) -> GoalReport:
    options: dict[str, Any] = {
        "as_of": AS_OF,
        "activities": ACTIVITIES,
        "opportunities": OPPORTUNITIES,
        "nps_responses": RESPONSES,
    }
    return goal_progress(changes.pop("goals", GOALS), **(options | changes))


def row(result: GoalReport, metric: GoalMetric) -> GoalProgress:
    return next(g for g in result if g.goal.metric is metric)


class TestWorkedExample:
    RESULT = report()

    @pytest.mark.parametrize(
        ("metric", "actual", "progress", "status"),
        [
            (G.PIPELINE_SOURCED, usd(100_000), 0.25, GoalStatus.BEHIND),
            (G.PIPELINE_INFLUENCED, usd(60_000), 0.6, GoalStatus.ON_TRACK),
            (G.RETENTION, 2 / 3, (2 / 3) / 0.9, GoalStatus.BEHIND),
            (G.NPS, 40.0, 1.0, GoalStatus.ON_TRACK),
            (G.REFERRALS, 1, 0.5, GoalStatus.ON_TRACK),
            (G.REFERENCES, 4, 0.4, GoalStatus.BEHIND),
            (G.REVIEWS, 2, 0.5, GoalStatus.ON_TRACK),  # exactly at pace
            (G.CONTENT_SOURCED, 3, 1.0, GoalStatus.ON_TRACK),
            (G.SOCIAL_SHARES, 0, 0.0, GoalStatus.BEHIND),
        ],
    )
    def test_figures(
        self, metric: GoalMetric, actual: Any, progress: float, status: GoalStatus
    ) -> None:
        found = row(self.RESULT, metric)
        assert found.actual == actual
        assert found.progress == pytest.approx(progress)
        assert found.elapsed == 0.5
        assert found.elapsed_days == 46
        assert found.status is status

    def test_rows_in_metric_order(self) -> None:
        assert [g.goal.metric for g in self.RESULT] == list(GoalMetric)

    def test_records_counted(self) -> None:
        counted = {g.goal.metric: g.records for g in self.RESULT}
        assert counted == {
            G.PIPELINE_SOURCED: 1,
            G.PIPELINE_INFLUENCED: 1,
            G.RETENTION: 3,
            G.NPS: 5,
            G.REFERRALS: 1,
            G.REFERENCES: 4,
            G.REVIEWS: 2,
            G.CONTENT_SOURCED: 3,
            G.SOCIAL_SHARES: 0,
        }

    def test_expected_by_now(self) -> None:
        assert row(self.RESULT, G.PIPELINE_SOURCED).expected == usd(200_000)
        assert row(self.RESULT, G.REFERENCES).expected == 5.0
        assert row(self.RESULT, G.RETENTION).expected == 0.9

    def test_explain(self) -> None:
        assert self.RESULT.explain().splitlines() == [
            "9 goals as of 2026-08-15: 5 on track, 4 behind",
            (
                "  pipeline sourced (2026-07-01 to 2026-09-30): USD 100,000 of "
                "USD 400,000 (25%) with 50% of the period gone (1 deal sourced): "
                "behind, USD 200,000 expected by now"
            ),
            (
                "  pipeline influenced (2026-07-01 to 2026-09-30): USD 60,000 of "
                "USD 100,000 (60%) with 50% of the period gone (1 deal influenced): "
                "on track"
            ),
            (
                "  retention (2026-07-01 to 2026-09-30): 66.7% against a target of "
                "90.0% (2 of 3 closed renewals won): behind"
            ),
            (
                "  nps (2026-07-01 to 2026-09-30): +40.0 against a target of +40.0 "
                "(from 5 responses): on track"
            ),
            (
                "  referrals (2026-07-01 to 2026-09-30): 1 of 2 (50%) with 50% of the "
                "period gone (counting referral): on track"
            ),
            (
                "  references (2026-07-01 to 2026-09-30): 4 of 10 (40%) with 50% of "
                "the period gone (counting reference call): behind, 5 expected by now"
            ),
            (
                "  reviews (2026-07-01 to 2026-09-30): 2 of 4 (50%) with 50% of the "
                "period gone (counting online review): on track"
            ),
            (
                "  content sourced (2026-07-01 to 2026-09-30): 3 of 3 (100%) with 50% "
                "of the period gone (counting case study, testimonial, user generated "
                "content): on track"
            ),
            (
                "  social shares (2026-07-01 to 2026-09-30): 0 of 20 (0%) with 50% of "
                "the period gone (counting social share): behind, 10 expected by now"
            ),
        ]

    def test_records(self) -> None:
        records = self.RESULT.to_records()
        assert records[0] | {"why": ""} == {
            "metric": "pipeline_sourced",
            "name": "pipeline sourced",
            "start": "2026-07-01",
            "end": "2026-09-30",
            "target": Decimal(400_000),
            "currency": "USD",
            "actual": Decimal(100_000),
            "progress": 0.25,
            "elapsed": 0.5,
            "status": "behind",
            "records": 1,
            "why": "",
        }
        assert records[2]["currency"] is None
        assert records[2]["target"] == 0.9

    def test_repr_and_html(self) -> None:
        assert (
            repr(self.RESULT) == "GoalReport(2026-08-15, 9 goals: 5 on track, 4 behind)"
        )
        page = self.RESULT._repr_html_()
        assert page.startswith("<table><tr><th>goal</th>")
        assert "<td>USD 400,000</td>" in page
        assert len(self.RESULT) == 9
        assert [g.goal.metric for g in self.RESULT.behind] == [
            G.PIPELINE_SOURCED,
            G.RETENTION,
            G.REFERENCES,
            G.SOCIAL_SHARES,
        ]
        assert row(self.RESULT, G.NPS).on_track


class TestEdges:
    def test_retention_compares_exactly(self) -> None:
        renewals = [
            deal(f"n{n}", "2026-05-01", 1, kind="renewal", outcome=outcome,
                 closed="2026-07-15")
            for n, outcome in enumerate(["won"] * 9 + ["lost"])
        ]  # fmt: skip
        result = goal_progress(
            [goal(G.RETENTION, 0.9)], as_of=AS_OF, opportunities=renewals
        )
        assert result.goals[0].status is GoalStatus.ON_TRACK  # 9/10 is 0.9

    def test_no_data(self) -> None:
        result = goal_progress(
            [goal(G.RETENTION, 0.9), goal(G.NPS, 30)], as_of=AS_OF, nps_responses=[]
        )
        assert [g.status for g in result] == [GoalStatus.NO_DATA] * 2
        assert [g.actual for g in result] == [None, None]
        assert [g.progress for g in result] == [None, None]
        assert result.explain().splitlines() == [
            "2 goals as of 2026-08-15: 2 no data",
            (
                "  retention (2026-07-01 to 2026-09-30): no data yet, 0 of 0 closed "
                "renewals won; target 90.0%: no data"
            ),
            (
                "  nps (2026-07-01 to 2026-09-30): no data yet, from 0 responses; "
                "target +30.0: no data"
            ),
        ]
        assert repr(result).endswith("2 goals: 2 no data)")
        assert "<td>n/a</td>" in result._repr_html_()

    def test_negative_nps_is_no_progress(self) -> None:
        answers = [NpsResponse("2026-07-10", s) for s in (0, 0, 10)]
        result = goal_progress([goal(G.NPS, 20)], as_of=AS_OF, nps_responses=answers)
        (found,) = result
        assert found.actual == pytest.approx(-100 / 3)
        assert found.progress == 0.0
        assert found.status is GoalStatus.BEHIND

    def test_nps_from_signals(self) -> None:
        signals = {
            "a": Signals(nps=10),
            "b": Signals(nps=9),
            "c": Signals(nps=0),
            "d": Signals(),
        }
        later = goal(G.NPS, 30, start="2026-09-01", name="next month")
        result = goal_progress([goal(G.NPS, 30), later], as_of=AS_OF, signals=signals)
        started, not_yet = result
        assert started.actual == pytest.approx(100 / 3)
        assert started.records == 3
        assert started.status is GoalStatus.ON_TRACK
        assert not_yet.status is GoalStatus.NO_DATA
        assert not_yet.elapsed == 0.0

    def test_before_the_period_nothing_is_due(self) -> None:
        result = report(as_of=pendulum.date(2026, 6, 1))
        for found in result:
            assert found.elapsed == 0.0
            if found.goal.metric.cumulative:
                assert found.progress == 0.0
                assert found.status is GoalStatus.ON_TRACK

    def test_after_the_period_everything_is_due(self) -> None:
        result = report(as_of=pendulum.date(2026, 12, 31))
        assert {g.elapsed for g in result} == {1.0}
        assert row(result, G.REFERENCES).actual == 5
        assert row(result, G.PIPELINE_SOURCED).actual == usd(600_000)

    def test_custom_types_and_name(self) -> None:
        webinars = goal(
            G.CONTENT_SOURCED, 1, activity_types={"webinar"}, name="Webinars"
        )
        (found,) = report(goals=[webinars])
        assert found.actual == 1
        assert found.goal.label == "Webinars"
        assert found.goal.counted_types == {T.WEBINAR}

    def test_influence_window(self) -> None:
        # The reference call (07-20) is 5 days after o2 was created; o2 is
        # still open, so its end is as_of (08-15), 26 days after the call.
        tight = report(goals=[goal(G.PIPELINE_INFLUENCED, usd(1))], window_days=10)
        assert tight.goals[0].actual == usd(0)
        wide = report(goals=[goal(G.PIPELINE_INFLUENCED, usd(1))], window_days=30)
        assert wide.goals[0].actual == usd(60_000)

    def test_decimal_targets(self) -> None:
        assert goal(G.RETENTION, Decimal("0.9")).target == 0.9
        assert goal(G.NPS, Fraction(45)).target == 45.0

    def test_round_trips_through_json(self) -> None:
        for original in [*GOALS, goal(G.REVIEWS, 3, activity_types={"online_review"})]:
            plain = json.loads(json.dumps(to_dict(original)))
            assert from_dict(ProgramGoal, plain) == original

    def test_show(self) -> None:
        assert goal(G.REFERENCES, 3).show(Fraction(15, 2)) == "7.5"


class TestBadInput:
    def test_period_ending_before_it_starts(self) -> None:
        with pytest.raises(InvalidValueError, match=r"Period\.end") as caught:
            goal(G.REVIEWS, 4, end="2026-06-30")
        assert "on or after start (2026-07-01)" in str(caught.value)

    @pytest.mark.parametrize(
        ("metric", "target", "error", "words"),
        [
            (G.REFERENCES, -3, InvalidValueError, "at least 1 as a references target"),
            (G.REFERENCES, 0, InvalidValueError, "at least 1"),
            (G.REFERENCES, 2.5, InvalidValueError, "an integer"),
            (G.REVIEWS, usd(4), InvalidTypeError, "an integer"),
            (G.PIPELINE_SOURCED, usd(-5), InvalidValueError, "a Money above zero"),
            (G.PIPELINE_SOURCED, usd(0), InvalidValueError, "a Money above zero"),
            (G.PIPELINE_SOURCED, 400_000, InvalidTypeError, "give the currency"),
            (G.PIPELINE_INFLUENCED, Decimal(5), InvalidTypeError, "give the currency"),
            (G.RETENTION, -0.1, InvalidValueError, "above 0 of at most 1"),
            (G.RETENTION, 90, InvalidValueError, "did you mean 0.9"),
            (G.NPS, -10, InvalidValueError, "above 0 of at most 100"),
            (G.NPS, 0, InvalidValueError, "above 0"),
            (G.NPS, "40", InvalidTypeError, "a number"),
        ],
    )
    def test_bad_target(
        self, metric: GoalMetric, target: Any, error: type[Exception], words: str
    ) -> None:
        with pytest.raises(error, match=r"ProgramGoal\.target") as caught:
            goal(metric, target)
        assert words in str(caught.value)

    def test_unknown_metric(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"ProgramGoal\.metric.*'revenue'"):
            goal("revenue", 10)

    @pytest.mark.parametrize("types", [set(), {"webinar"}])
    def test_activity_types_only_for_counts(self, types: set[str]) -> None:
        metric = G.REVIEWS if not types else G.NPS
        with pytest.raises(InvalidValueError, match=r"ProgramGoal\.activity_types"):
            goal(metric, 10, activity_types=types)

    def test_several_at_once(self) -> None:
        with pytest.raises(InvalidFieldsError) as caught:
            goal(G.REVIEWS, -1, activity_types=set())
        assert [e.field for e in caught.value.errors] == ["target", "activity_types"]

    def test_nps_response(self) -> None:
        with pytest.raises(InvalidValueError, match=r"NpsResponse\.score"):
            NpsResponse("2026-07-01", 11)

    def test_responses_and_signals_together(self) -> None:
        with pytest.raises(InvalidValueError, match=r"goal_progress\.signals"):
            report(signals={})

    def test_currency_mismatch(self) -> None:
        euros = [Opportunity("e1", ProspectProfile(), Money(5, "EUR"), "2026-07-10")]
        with pytest.raises(CurrencyMismatchError, match="USD and EUR"):
            goal_progress(
                [goal(G.PIPELINE_SOURCED, usd(1))], as_of=AS_OF, opportunities=euros
            )

    def test_unknown_linked_activity(self) -> None:
        with pytest.raises(UnknownKeyError, match=r"attribute_pipeline\.activities"):
            report(activities=[])

    def test_wrong_kinds(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"goal_progress\.goals"):
            goal_progress(["references"], as_of=AS_OF)  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError, match=r"goal_progress\.nps_responses"):
            goal_progress([], as_of=AS_OF, nps_responses=[9])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError, match=r"goal_progress\.signals"):
            goal_progress([], as_of=AS_OF, signals=[])  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"goal_progress\.signals\['a'\]"):
            goal_progress([], as_of=AS_OF, signals={"a": 9})  # type: ignore[dict-item]
        with pytest.raises(InvalidValueError, match=r"goal_progress\.window_days"):
            goal_progress([], as_of=AS_OF, window_days=-1)
        with pytest.raises(InvalidValueError, match=r"goal_progress\.opportunities"):
            goal_progress([], as_of=AS_OF, opportunities=OPPORTUNITIES[:1] * 2)
        with pytest.raises(InvalidTypeError, match=r"goal_progress\.as_of"):
            goal_progress([], as_of="soon")  # type: ignore[arg-type]


# --- properties -------------------------------------------------------------------


@st.composite
def count_goals(draw: st.DrawFn) -> ProgramGoal:
    start = draw(
        strategies.dates(pendulum.date(2026, 1, 1), pendulum.date(2026, 12, 31))
    )
    days = draw(st.integers(0, 200))
    metric = draw(st.sampled_from([m for m in GoalMetric if m.activity_types]))
    return goal(metric, draw(st.integers(1, 12)), start=start, end=start.add(days=days))


class TestProperties:
    @given(
        st.lists(count_goals(), max_size=5),
        strategies.dates(pendulum.date(2025, 12, 1), pendulum.date(2027, 8, 1)),
        st.data(),
    )
    def test_progress_and_pace(
        self, goals: list[ProgramGoal], as_of: pendulum.Date, data: st.DataObject
    ) -> None:
        done = data.draw(strategies.activities_for(["adv-1", "adv-2"], as_of))
        for found in goal_progress(goals, as_of=as_of, activities=done):
            assert found.progress is not None
            assert found.progress >= 0
            assert 0 <= found.elapsed <= 1
            exact = Fraction(found.actual) / Fraction(found.goal.target)  # type: ignore[arg-type]
            gone = Fraction(found.elapsed_days, found.goal.period.days)
            assert found.on_track is (exact >= gone)
            assert found.progress == float(exact)

    @given(st.lists(count_goals(), max_size=6), st.randoms(use_true_random=False))
    def test_goal_order_does_not_matter(
        self, goals: list[ProgramGoal], rng: random.Random
    ) -> None:
        before = goal_progress(goals, as_of=AS_OF, activities=ACTIVITIES)
        rng.shuffle(goals)
        shuffled = list(ACTIVITIES)
        rng.shuffle(shuffled)
        assert goal_progress(goals, as_of=AS_OF, activities=shuffled) == before

    @given(
        st.lists(st.integers(0, 10), max_size=30),
        st.floats(0.5, 100),
    )
    def test_nps_on_track_means_at_target(
        self, answers: list[int], target: float
    ) -> None:
        responses = [NpsResponse("2026-07-10", a) for a in answers]
        (found,) = goal_progress(
            [goal(G.NPS, target)], as_of=AS_OF, nps_responses=responses
        )
        if not answers:
            assert found.status is GoalStatus.NO_DATA
            return
        assert found.progress is not None
        assert found.progress >= 0
        promoters = sum(a >= 9 for a in answers)
        detractors = sum(a <= 6 for a in answers)
        exact = Fraction(100 * (promoters - detractors), len(answers))
        assert found.on_track is (exact >= Fraction(repr(target)))


class TestResultValidation:
    """Rows and reports refuse values the rule never gives, naming the field."""

    RESULT = report()
    NO_DATA = row(report(nps_responses=[]), G.NPS)

    def test_the_rules_own_report_passes_unchanged(self) -> None:
        assert attrs.evolve(self.RESULT) == self.RESULT
        assert [attrs.evolve(g) for g in self.RESULT] == list(self.RESULT)
        assert self.NO_DATA.status is GoalStatus.NO_DATA
        assert attrs.evolve(self.NO_DATA) == self.NO_DATA

    @pytest.mark.parametrize(
        ("metric", "changes", "message"),
        [
            (G.REFERENCES, {"elapsed_days": -1}, r"elapsed_days: got -1"),
            (
                G.REFERENCES,
                {"elapsed_days": 93},
                r"elapsed_days: got 93; expected at most the days of the .* \(92\)",
            ),
            (G.REFERENCES, {"records": -1}, r"records: got -1"),
            (G.REFERENCES, {"progress": -0.5}, r"progress: got -0\.5"),
            (
                G.REFERENCES,
                {"progress": None},
                r"progress: got None; expected a number with a value",
            ),
            (
                G.REFERENCES,
                {"status": GoalStatus.NO_DATA},
                r"status: got .*; expected on_track or behind with a value",
            ),
            (
                G.REFERENCES,
                {"actual": None, "progress": None, "status": GoalStatus.NO_DATA},
                r"actual: got None; expected a value: a references goal always",
            ),
            (
                G.REFERENCES,
                {"actual": -1},
                r"actual: got -1; expected an integer of at least 0 for a refer",
            ),
            (G.REFERENCES, {"actual": 2.5}, r"actual: got 2\.5; expected an integer"),
            (
                G.RETENTION,
                {"actual": 1.5},
                r"actual: got 1\.5; expected a number from 0 to 1 for a retention",
            ),
            (
                G.NPS,
                {"actual": -101.0},
                r"actual: got -101\.0; expected a number from -100 to 100 for a nps",
            ),
            (
                G.PIPELINE_SOURCED,
                {"actual": Money(100, "EUR")},
                r"actual: got .*EUR.*; expected a Money of zero or more in USD, the",
            ),
            (
                G.PIPELINE_SOURCED,
                {"actual": 100_000},
                r"actual: got 100000; expected a Money of zero or more in USD",
            ),
            (
                G.PIPELINE_INFLUENCED,
                {"actual": Money(-1, "USD")},
                r"actual: got .*; expected a Money of zero or more in USD",
            ),
        ],
    )
    def test_a_row_refuses_what_the_rule_never_gives(
        self, metric: GoalMetric, changes: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"GoalProgress\.{message}"):
            attrs.evolve(row(self.RESULT, metric), **changes)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"progress": 0.5}, r"progress: got 0\.5; expected None without a value"),
            (
                {"status": GoalStatus.BEHIND},
                r"status: got .*; expected no_data",
            ),
            ({"records": 2}, r"records: got 2; expected 0 without a value"),
        ],
    )
    def test_no_data_is_no_value_no_progress_and_no_records(
        self, changes: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"GoalProgress\.{message}"):
            attrs.evolve(self.NO_DATA, **changes)

    def test_every_row_is_measured_as_of_the_reports_date(self) -> None:
        with pytest.raises(
            InvalidValueError,
            match=r"GoalReport\.goals\[0\]\.elapsed_days: got 46; expected the "
            r"days of 2026-07-01 to 2026-09-30 gone by as_of \(2026-09-01\): 63",
        ):
            attrs.evolve(self.RESULT, as_of=pendulum.date(2026, 9, 1))
        before = attrs.evolve(self.NO_DATA, elapsed_days=0)
        assert GoalReport(pendulum.date(2026, 6, 30), (before,)).goals == (before,)
