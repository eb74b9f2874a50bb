"""Program goals: progress from the records, pace, on track or behind."""

from __future__ import annotations

import enum
import json
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    GoalMetric,
    GoalStatus,
    Money,
    NpsResponse,
    ProgramGoal,
    Signals,
    from_dict,
    goal_progress,
    to_dict,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests import strategies
from tests.checks import refused
from tests.program.goals import (
    ACTIVITIES,
    AS_OF,
    GOALS,
    START,
    G,
    T,
    count_goals,
    deal,
    goal,
    report,
    row,
    usd,
)


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

    def test_rows_by_metric_start_end_label_target_then_types(self) -> None:
        # Each goal sorts before the next by one key alone; given in reverse.
        ordered = [
            goal(G.PIPELINE_SOURCED, Money(500, "EUR")),  # currency
            goal(G.PIPELINE_SOURCED, usd(100)),  # amount
            goal(G.PIPELINE_SOURCED, usd(200)),
            goal(G.REFERENCES, 5, start="2026-06-01"),  # start
            goal(G.REFERENCES, 5, end="2026-08-31"),  # end
            goal(G.REFERENCES, 5, name="a team"),  # label
            goal(G.REFERENCES, 3),  # target
            goal(G.REFERENCES, 5),  # no types first
            goal(G.REFERENCES, 5, activity_types={"case_study"}),  # types
            goal(G.REFERENCES, 5, activity_types={"webinar"}),
            goal(G.REVIEWS, 1),  # metric
        ]
        result = goal_progress(ordered[::-1], as_of=AS_OF)
        assert [g.goal for g in result] == ordered

    def test_signals_count_from_the_periods_first_day(self) -> None:
        signals = {"a": Signals(nps=10), "b": Signals(nps=9), "c": Signals(nps=0)}
        (first_day,) = goal_progress([goal(G.NPS, 30)], as_of=START, signals=signals)
        assert first_day.actual == pytest.approx(100 / 3)
        assert first_day.records == 3
        (before,) = goal_progress(
            [goal(G.NPS, 30)], as_of=START.subtract(days=1), signals=signals
        )
        assert before.status is GoalStatus.NO_DATA

    def test_a_zero_day_window(self) -> None:
        # The reference call came 5 days after o2 was created: outside it.
        (found,) = report(goals=[goal(G.PIPELINE_INFLUENCED, usd(1))], window_days=0)
        assert found.actual == usd(0)
        assert found.records == 0

    def test_an_int_subclass_target_counts_as_its_value(self) -> None:
        class Ten(enum.IntEnum):
            TEN = 10

        (found,) = report(goals=[goal(G.REFERENCES, Ten.TEN)])
        assert found.actual == 4
        assert found.progress == pytest.approx(0.4)
        assert found.status is GoalStatus.BEHIND

    def test_a_numpy_float_target_counts_as_its_value(self) -> None:
        numpy = pytest.importorskip("numpy")
        (plain,) = report(goals=[goal(G.NPS, 40.0)])
        (found,) = report(goals=[goal(G.NPS, numpy.float64(40.0))])
        assert found.progress == plain.progress
        assert found.status is plain.status


class TestRefusals:
    def test_responses_and_signals_together(self) -> None:
        error = refused(
            InvalidValueError,
            "goal_progress.signals",
            lambda: report(signals={}),
            value="<signals>",
        )
        assert error.expected == "None when nps_responses are given"

    def test_signals_not_a_mapping(self) -> None:
        error = refused(
            InvalidTypeError,
            "goal_progress.signals",
            lambda: goal_progress([], as_of=AS_OF, signals=[]),  # type: ignore[arg-type]
            value=[],
        )
        assert error.expected == "a mapping of signals"

    def test_repeated_activity_ids(self) -> None:
        refused(
            InvalidValueError,
            "goal_progress.activities",
            lambda: report(activities=[*ACTIVITIES, ACTIVITIES[1]]),
            value="r1",
            expected="unique ids",
            hint="repeated: r1",
        )


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
