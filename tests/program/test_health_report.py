"""Health reports: funnel, overuse and attainment refuse values the rule never gives."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from advocacy import (
    Period,
    PlanAttainment,
)
from advocacy.exceptions import InvalidValueError
from tests.checks import refused
from tests.program.health import (
    T,
    d,
    no_time,
    report,
)


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

    def test_refusals_carry_the_value_refused(self) -> None:
        health = self.HEALTH
        refused(
            InvalidValueError,
            r"HealthReport\.members_by_tier",
            lambda: attrs.evolve(health, pool=5),
            value=health.members_by_tier,
        )
        fewer = {k: n for k, n in health.active_by_tier.items() if k != "no tier"}
        refused(
            InvalidValueError,
            r"HealthReport\.active_by_tier",
            lambda: attrs.evolve(health, active_by_tier=fewer),
            value=fewer,
        )
        refused(
            InvalidValueError,
            r"HealthReport\.by_type",
            lambda: attrs.evolve(
                health, by_type={T.REFERENCE_CALL: 2}, by_month={"2026-07": 2}
            ),
            value={T.REFERENCE_CALL: 2},
        )
        more = health.by_month | {"2026-09": 1}
        refused(
            InvalidValueError,
            r"HealthReport\.by_month",
            lambda: attrs.evolve(health, by_month=more),
            value=more,
        )
        spring = Period.quarter_of(d(2026, 4, 1))
        refused(
            InvalidValueError,
            r"HealthReport\.quarter",
            lambda: attrs.evolve(health, quarter=spring),
            value=spring,
        )


class TestReading:
    """The explanation, records and HTML a program manager reads."""

    HEALTH = report()

    def test_explain_lists_types_and_the_first_three_overused(self) -> None:
        lines = self.HEALTH.explain().splitlines()
        assert lines[2] == (
            "activities by type: reference_call 4, online_review 1, case_study 1, "
            "social_share 2"
        )
        # Four over-used advocate-quarters: the first three are named.
        lines = report(policies=no_time()).explain().splitlines()
        assert lines[4] == (
            "over-used: 4 advocate-quarters; a1 2026-01-01 (5 min, champion "
            "budget 0); a3 2026-04-01 (20 min, supporter budget 0); a1 2026-07-01 "
            "(4 reference calls, cap 3, 120 min, champion budget 0)"
        )

    def test_records_of_activities_by_type(self) -> None:
        records = self.HEALTH.to_records()
        by_type = [r for r in records if r["section"] == "by_type"]
        assert by_type == [
            {"section": "by_type", "key": "reference_call", "value": 4},
            {"section": "by_type", "key": "online_review", "value": 1},
            {"section": "by_type", "key": "case_study", "value": 1},
            {"section": "by_type", "key": "social_share", "value": 2},
        ]

    def test_html_is_the_repr_over_one_row_per_plan_line(self) -> None:
        page = self.HEALTH._repr_html_()
        head = (
            "<table><caption>HealthReport(3 of 4 active, 1 over-used, plan 0 of 6 "
            "met)</caption><tr><th>activity</th><th>actual</th><th>plan</th>"
            "<th>status</th></tr>"
        )
        rows = [
            ("reference_call", 1, "8-12"),
            ("online_review", 0, "10-15"),
            ("case_study", 1, "2-3"),
            ("webinar", 0, "1-2"),
            ("advisory_board", 0, "10-15"),
            ("social_share", 0, "20-30"),
        ]
        body = "".join(
            f"<tr><td>{name}</td><td>{n}</td><td>{plan}</td><td>below</td></tr>"
            for name, n, plan in rows
        )
        assert page == f"{head}{body}</table>"
