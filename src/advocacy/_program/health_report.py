"""What `program_health` returns: the report and its parts, each explained.

Keep this in step with docs/explanation/health-metrics.md.
"""

from __future__ import annotations

import enum
import html
import itertools
from collections.abc import Mapping
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.calendar import Period, quarter_start
from advocacy._internal.checks import integer
from advocacy._internal.text import percent_text
from advocacy._internal.validation import at_most, check_fields, checked
from advocacy._model.enums import ActivityType
from advocacy._requests.fulfilment import FulfilmentSummary
from advocacy.exceptions import InvalidValueError

__all__ = ["NO_TIER", "HealthReport", "Overuse", "PlanAttainment", "RecruitmentFunnel"]


NO_TIER: Final = "no tier"
"""The key under which advocates without a tier are counted."""


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _counts(owner: str, name: str, counts: Mapping[Any, int], low: int = 0) -> None:
    """Refuse a count below `low` in a mapping of counts, naming its key."""
    for key, count in counts.items():
        if count < low:
            shown = key.value if isinstance(key, enum.Enum) else key
            raise InvalidValueError(
                owner, f"{name}[{shown!r}]", count, f"a count of at least {low}"
            )


@attrs.frozen
class RecruitmentFunnel:
    """The recruitment funnel, each stage inside the one before.

    Attributes:
        qualified: Advocates scored above the model's threshold.
        invited: Of those, how many were invited (at most `qualified`).
        accepted: Of those, how many accepted (at most `invited`).
        invited_unqualified: Invitations sent to advocates who did not
            qualify (beside the funnel, not in it).
    """

    qualified: int = attrs.field(metadata=checked(integer(0)))
    invited: int = attrs.field(metadata=checked(integer(0)))
    accepted: int = attrs.field(metadata=checked(integer(0)))
    invited_unqualified: int = attrs.field(metadata=checked(integer(0)))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that each stage is inside the one before."""
        check_fields(self)
        owner = "RecruitmentFunnel"
        at_most(owner, "invited", self.invited, "qualified", self.qualified)
        at_most(owner, "accepted", self.accepted, "invited", self.invited)

    @property
    def invite_rate(self) -> float | None:
        """Invited / qualified (`None` with nobody qualified)."""
        return _rate(self.invited, self.qualified)

    @property
    def acceptance_rate(self) -> float | None:
        """Accepted / invited (`None` with nobody invited)."""
        return _rate(self.accepted, self.invited)

    @property
    def conversion(self) -> float | None:
        """Accepted / qualified: the whole funnel (`None` with nobody qualified)."""
        return _rate(self.accepted, self.qualified)


@attrs.frozen
class Overuse:
    """A quarter in which an advocate was asked for more than the rules allow.

    Attributes:
        advocate_id: The advocate.
        quarter: The quarter's first day.
        reference_calls: Reference calls they did in it.
        minutes: Minutes they spent in it.
        reasons: Which limits were passed, in words (at least one).
    """

    advocate_id: str
    quarter: pendulum.Date
    reference_calls: int = attrs.field(metadata=checked(integer(0)))
    minutes: int = attrs.field(metadata=checked(integer(0)))
    reasons: tuple[str, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the quarter's first day and the reasons."""
        check_fields(self)
        first = quarter_start(self.quarter)
        if self.quarter != first:
            raise InvalidValueError(
                "Overuse",
                "quarter",
                self.quarter,
                "the first day of a calendar quarter",
                f"this quarter starts on {first}",
            )
        if not self.reasons:
            raise InvalidValueError(
                "Overuse", "reasons", self.reasons, "at least one limit passed"
            )


@attrs.frozen
class PlanAttainment:
    """One line of the quarterly activity plan against what happened.

    Attributes:
        activity: The activity type.
        low: The plan's low end (advocates taking part in a quarter).
        high: Its high end (at least `low`).
        actual: Advocates who took part in the quarter (each counted once).
    """

    activity: ActivityType
    low: int = attrs.field(metadata=checked(integer(0)))
    high: int = attrs.field(metadata=checked(integer(0)))
    actual: int = attrs.field(metadata=checked(integer(0)))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the range does not end below its start."""
        check_fields(self)
        if self.high < self.low:
            raise InvalidValueError(
                "PlanAttainment", "high", self.high, f"at least low ({self.low})"
            )

    @property
    def attainment(self) -> float | None:
        """Actual / the plan's low end (`None` if the low end is 0)."""
        return _rate(self.actual, self.low)

    @property
    def status(self) -> str:
        """`"below"`, `"within"` or `"above"` the plan's range."""
        if self.actual < self.low:
            return "below"
        return "above" if self.actual > self.high else "within"


@attrs.frozen(repr=False)
class HealthReport:
    """The program's health, section by section.

    Attributes:
        period: The days counted.
        as_of: The day of the report.
        pool: Advocates counted (those who have not opted out).
        members_by_tier: Tier value (or `"no tier"`) to advocates in the
            pool; the counts add up to `pool`.
        active_by_tier: Tier value (or `"no tier"`) to those active in the
            period, for the same keys, none above its members.
        scores: Bin label (e.g. `"80-89"`) to advocates scored in it.
        by_type: Activity type to activities in the period (types with none
            left out), in the order of `ActivityType`; at least one activity
            per advocate active.
        by_month: `"YYYY-MM"` to activities in the period, in month order
            (months with none left out); the same activities as `by_type`.
        participation: Quarter's first day to the share of the pool active
            in it, 0 to 1 (quarters of the period that have started by
            `as_of`).
        funnel: The recruitment funnel, if scores were given.
        fulfilment: Fulfilment of the requests submitted in the period, if
            request states were given.
        overused: Over-used advocate-quarters, by quarter then advocate.
        quarter: The calendar quarter the plan is checked for: the one
            holding `as_of`, or the period's end if that is earlier.
        plan: The quarterly activity plan against actuals.
    """

    period: Period
    as_of: pendulum.Date
    pool: int = attrs.field(metadata=checked(integer(0)))
    members_by_tier: dict[str, int]
    active_by_tier: dict[str, int]
    scores: dict[str, int]
    by_type: dict[ActivityType, int]
    by_month: dict[str, int]
    participation: dict[pendulum.Date, float]
    funnel: RecruitmentFunnel | None
    fulfilment: FulfilmentSummary | None
    overused: tuple[Overuse, ...]
    quarter: Period
    plan: tuple[PlanAttainment, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the sections agree with each other."""
        check_fields(self)
        self._check_counts()
        self._check_dates()

    def _check_counts(self) -> None:
        """Counts of at least 0 (1 where empty keys are left out) that agree."""
        owner = "HealthReport"
        for name in ("members_by_tier", "active_by_tier", "scores"):
            _counts(owner, name, getattr(self, name))
        _counts(owner, "by_type", self.by_type, low=1)
        _counts(owner, "by_month", self.by_month, low=1)
        members = sum(self.members_by_tier.values())
        if members != self.pool:
            raise InvalidValueError(
                owner,
                "members_by_tier",
                self.members_by_tier,
                f"counts adding up to the pool ({self.pool}), not {members}",
            )
        if self.active_by_tier.keys() != self.members_by_tier.keys():
            raise InvalidValueError(
                owner,
                "active_by_tier",
                self.active_by_tier,
                f"the keys of members_by_tier ({', '.join(self.members_by_tier)})",
            )
        for tier, active in self.active_by_tier.items():
            limit = self.members_by_tier[tier]
            bound = f"members_by_tier[{tier!r}]"
            at_most(owner, f"active_by_tier[{tier!r}]", active, bound, limit)
        if self.activities < self.active:
            raise InvalidValueError(
                owner,
                "by_type",
                self.by_type,
                f"at least one activity per advocate active ({self.active}), "
                f"not {self.activities}",
            )
        monthly = sum(self.by_month.values())
        if monthly != self.activities:
            raise InvalidValueError(
                owner,
                "by_month",
                self.by_month,
                f"counts adding up to the activities by type ({self.activities}), "
                f"not {monthly}",
            )
        for quarter, share in self.participation.items():
            if not 0 <= share <= 1:
                raise InvalidValueError(
                    owner, f"participation[{quarter}]", share, "a share from 0 to 1"
                )

    def _check_dates(self) -> None:
        """Over-use in order, and the plan's quarter the one the report reads."""
        owner = "HealthReport"
        keys = [(o.quarter, o.advocate_id) for o in self.overused]
        for index, (before, after) in enumerate(itertools.pairwise(keys), start=1):
            if after <= before:
                raise InvalidValueError(
                    owner,
                    f"overused[{index}]",
                    f"{after[1]} {after[0]}",
                    f"an advocate-quarter after {before[1]} {before[0]}: "
                    "by quarter, then advocate",
                )
        expected = Period.quarter_of(min(self.as_of, self.period.end))
        if self.quarter != expected:
            raise InvalidValueError(
                owner,
                "quarter",
                self.quarter,
                f"the calendar quarter of as_of or of the period's end if "
                f"earlier ({expected})",
            )

    @property
    def active(self) -> int:
        """Advocates active in the period."""
        return sum(self.active_by_tier.values())

    @property
    def activities(self) -> int:
        """Activities in the period by the pool."""
        return sum(self.by_type.values())

    @property
    def quarter_elapsed(self) -> float:
        """The share of the plan's quarter elapsed on `as_of` (0-1)."""
        return float(self.quarter.elapsed(self.as_of))

    def explain(self) -> str:
        """Every section in a few lines, with the figures behind each rate."""
        tiers = ", ".join(
            f"{tier} {self.active_by_tier[tier]}/{count}"
            for tier, count in self.members_by_tier.items()
        )
        head = (
            f"{self.active} of {self.pool} advocates active, {self.activities} "
            f"activities ({self.period}); active/members by tier: {tiers}"
        )
        lines = [
            head,
            "participation by quarter: "
            + (
                ", ".join(f"{q} {r:.0%}" for q, r in self.participation.items())
                or "none started"
            ),
            "activities by type: "
            + (", ".join(f"{t.value} {n}" for t, n in self.by_type.items()) or "none"),
        ]
        if self.funnel is not None:
            f = self.funnel
            lines.append(
                f"funnel: {f.qualified} qualified -> {f.invited} invited "
                f"({percent_text(f.invite_rate)}) -> {f.accepted} accepted "
                f"({percent_text(f.acceptance_rate)}); {f.invited_unqualified} "
                "more invited without qualifying"
            )
        if self.fulfilment is not None:
            lines.append(f"requests: {self.fulfilment.explain().splitlines()[0]}")
        lines.append(
            f"over-used: {len(self.overused)} advocate-quarters"
            + "".join(
                f"; {o.advocate_id} {o.quarter} ({', '.join(o.reasons)})"
                for o in self.overused[:3]
            )
        )
        lines.append(
            f"plan for {self.quarter} ({self.quarter_elapsed:.0%} elapsed), "
            "advocates taking part:"
        )
        lines += [
            f"  {p.activity.value}: {p.actual} of {p.low}-{p.high} "
            f"({percent_text(p.attainment)} of the low end, {p.status})"
            for p in self.plan
        ]
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """Every figure as a plain row: section, key, value."""
        rows: list[dict[str, Any]] = []

        def add(section: str, items: Mapping[Any, Any]) -> None:
            rows.extend(
                {"section": section, "key": str(key), "value": value}
                for key, value in items.items()
            )

        add("members_by_tier", self.members_by_tier)
        add("active_by_tier", self.active_by_tier)
        add("scores", self.scores)
        add("by_type", {t.value: n for t, n in self.by_type.items()})
        add("by_month", self.by_month)
        add("participation", self.participation)
        if self.funnel is not None:
            add("funnel", attrs.asdict(self.funnel))
        if self.fulfilment is not None:
            add("fulfilment", self.fulfilment.to_records()[0])
        add(
            "overused",
            {f"{o.advocate_id} {o.quarter}": o.minutes for o in self.overused},
        )
        add("plan", {p.activity.value: p.actual for p in self.plan})
        return rows

    def __repr__(self) -> str:
        """`HealthReport(173 of 490 active, 12 over-used, plan 4 of 6 met)`."""
        met = sum(p.status != "below" for p in self.plan)
        return (
            f"HealthReport({self.active} of {self.pool} active, "
            f"{len(self.overused)} over-used, plan {met} of {len(self.plan)} met)"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{p.activity.value}</td><td>{p.actual}</td>"
            f"<td>{p.low}-{p.high}</td><td>{p.status}</td></tr>"
            for p in self.plan
        )
        return (
            f"<table><caption>{html.escape(repr(self))}</caption><tr><th>activity"
            f"</th><th>actual</th><th>plan</th><th>status</th></tr>{rows}</table>"
        )
