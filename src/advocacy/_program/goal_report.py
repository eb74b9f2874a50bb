"""What `goal_progress` returns: each goal's value, pace and status, explained.

Keep this in step with docs/explanation/workflows.md.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.checks import Check, integer, number, optional
from advocacy._internal.text import headline_repr, percent_text, plural, table
from advocacy._internal.validation import check_fields, checked
from advocacy._model.money import Money
from advocacy._program.goal import GoalMetric, ProgramGoal, Target
from advocacy.exceptions import InvalidValueError

__all__ = ["GoalProgress", "GoalReport", "GoalStatus"]


_LEVELS: Final[dict[GoalMetric, Check]] = {
    GoalMetric.RETENTION: number(0, 1),
    GoalMetric.NPS: number(-100, 100),
}
_COUNT: Final = integer(0)


def _value_words(goal: ProgramGoal, actual: Target) -> str | None:
    """What `goal` accepts as its measured value, in words; `None` if `actual`."""
    target = goal.target
    if isinstance(target, Money):
        if (
            isinstance(actual, Money)
            and actual.currency == target.currency
            and actual.amount >= 0
        ):
            return None
        return f"a Money of zero or more in {target.currency}, the target's currency"
    refusal = _LEVELS.get(goal.metric, _COUNT)(actual)
    if refusal is None:
        return None
    return f"{refusal.expected} for a {goal.metric.value} goal"


class GoalStatus(enum.StrEnum):
    """Where a goal stands."""

    ON_TRACK = "on_track"
    """At or ahead of pace (cumulative), or at or above target (level)."""

    BEHIND = "behind"
    """Behind pace, or below target."""

    NO_DATA = "no_data"
    """A level metric with nothing measured yet."""


@headline_repr
@attrs.frozen(repr=False)
class GoalProgress:
    """One goal's progress as of a date, and why it stands where it does.

    Attributes:
        goal: The goal.
        actual: The measured value, `None` for a level metric with nothing
            measured: a `Money` of zero or more in the target's currency
            (pipeline), a count of zero or more, a retention from 0 to 1 or
            an NPS from -100 to 100.
        progress: actual / target (NPS below zero counts as 0), at least 0;
            `None` without a value.
        elapsed_days: Days of the period gone by `as_of`, `as_of` included
            (0 to the period's days).
        status: On track, behind, or no data exactly when there is no value.
        records: How many records were counted (deals, activities, closed
            renewals or responses); 0 without a value.
        detail: What was counted, in words.
    """

    goal: ProgramGoal
    actual: Target | None
    progress: float | None = attrs.field(metadata=checked(optional(number(0))))
    elapsed_days: int = attrs.field(metadata=checked(integer(0)))
    status: GoalStatus
    records: int = attrs.field(metadata=checked(integer(0)))
    detail: str

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the value, status and days fit the goal."""
        check_fields(self)
        owner = "GoalProgress"
        days = self.goal.period.days
        if self.elapsed_days > days:
            raise InvalidValueError(
                owner,
                "elapsed_days",
                self.elapsed_days,
                f"at most the days of the goal's period ({days})",
            )
        if self.actual is not None:
            expected = _value_words(self.goal, self.actual)
            if expected is not None:
                raise InvalidValueError(owner, "actual", self.actual, expected)
        measured = self.actual is not None
        if (self.progress is not None) != measured:
            raise InvalidValueError(
                owner,
                "progress",
                self.progress,
                "a number with a value" if measured else "None without a value",
            )
        if (self.status is GoalStatus.NO_DATA) == measured:
            raise InvalidValueError(
                owner,
                "status",
                self.status,
                "on_track or behind with a value" if measured else "no_data",
            )
        if not measured and self.goal.metric.cumulative:
            raise InvalidValueError(
                owner,
                "actual",
                None,
                f"a value: a {self.goal.metric.value} goal always has one",
            )
        if not measured and self.records:
            raise InvalidValueError(owner, "records", self.records, "0 without a value")

    @property
    def on_track(self) -> bool:
        """Whether the status is on track."""
        return self.status is GoalStatus.ON_TRACK

    @property
    def elapsed(self) -> float:
        """The share of the period gone by `as_of`, 0 to 1."""
        return self.elapsed_days / self.goal.period.days

    @property
    def expected(self) -> Target:
        """Where the goal should be by now.

        target x elapsed for a cumulative goal (pipeline, counts); the target
        itself for a level goal (retention, NPS).
        """
        goal = self.goal
        if not goal.metric.cumulative:
            return goal.target
        if isinstance(goal.target, Money):
            amount = goal.target.amount * self.elapsed_days / goal.period.days
            return Money(amount, goal.target.currency)
        return float(Fraction(goal.target) * self.elapsed_days / goal.period.days)

    def explain(self) -> str:
        """The goal, its value, progress, pace and status in one line."""
        goal = self.goal
        head = f"{goal.label} ({goal.period})"
        target = goal.show(goal.target)
        status = self.status.value.replace("_", " ")
        if self.actual is None or self.progress is None:
            return f"{head}: no data yet, {self.detail}; target {target}: {status}"
        actual = goal.show(self.actual)
        if not goal.metric.cumulative:
            return (
                f"{head}: {actual} against a target of {target} "
                f"({self.detail}): {status}"
            )
        line = (
            f"{head}: {actual} of {target} ({self.progress:.0%}) with "
            f"{self.elapsed:.0%} of the period gone ({self.detail}): {status}"
        )
        if self.status is GoalStatus.BEHIND:
            line += f", {goal.show(self.expected)} expected by now"
        return line


@attrs.frozen(repr=False)
class GoalReport:
    """Every goal's progress as of a date.

    Made by `goal_progress`.

    Attributes:
        as_of: The date progress is measured on (every row's elapsed days
            are counted up to it).
        goals: One row per goal, by metric (`GoalMetric` order), start,
            end, label, then target.
    """

    as_of: pendulum.Date
    goals: tuple[GoalProgress, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that every row is measured as of `as_of`."""
        check_fields(self)
        for index, row in enumerate(self.goals):
            period = row.goal.period
            gone = period.elapsed(self.as_of) * period.days
            if row.elapsed_days != gone:
                raise InvalidValueError(
                    "GoalReport",
                    f"goals[{index}].elapsed_days",
                    row.elapsed_days,
                    f"the days of {period} gone by as_of ({self.as_of}): {gone}",
                )

    def __iter__(self) -> Iterator[GoalProgress]:
        """The rows, in order."""
        return iter(self.goals)

    def __len__(self) -> int:
        """How many goals."""
        return len(self.goals)

    @property
    def behind(self) -> tuple[GoalProgress, ...]:
        """The goals behind."""
        return tuple(g for g in self.goals if g.status is GoalStatus.BEHIND)

    def counts(self) -> dict[GoalStatus, int]:
        """Goals per status, every status present."""
        return {s: sum(g.status is s for g in self.goals) for s in GoalStatus}

    def explain(self) -> str:
        """A count per status, then one line per goal."""
        counts = ", ".join(
            f"{n} {s.value.replace('_', ' ')}" for s, n in self.counts().items() if n
        )
        head = f"{plural(len(self), 'goal')} as of {self.as_of}: {counts or 'none'}"
        return "\n".join([head, *(f"  {g.explain()}" for g in self.goals)])

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per goal, ready for `pandas.DataFrame`.

        Money values are exact `Decimal` amounts with a `currency` column.
        """

        def plain(value: Target | None) -> Any:
            return value.amount if isinstance(value, Money) else value

        return [
            {
                "metric": g.goal.metric.value,
                "name": g.goal.label,
                "start": g.goal.period.start.isoformat(),
                "end": g.goal.period.end.isoformat(),
                "target": plain(g.goal.target),
                "currency": (
                    g.goal.target.currency if isinstance(g.goal.target, Money) else None
                ),
                "actual": plain(g.actual),
                "progress": g.progress,
                "elapsed": g.elapsed,
                "status": g.status.value,
                "records": g.records,
                "why": g.explain(),
            }
            for g in self.goals
        ]

    def __repr__(self) -> str:
        """`GoalReport(2026-09-30, 5 goals: 3 on track, 2 behind)`."""
        counts = ", ".join(
            f"{n} {s.value.replace('_', ' ')}" for s, n in self.counts().items() if n
        )
        return f"GoalReport({self.as_of}, {plural(len(self), 'goal')}: {counts})"

    def _repr_html_(self) -> str:
        return table(
            ("goal", "period", "actual", "target", "progress", "elapsed", "status"),
            [
                (
                    g.goal.label,
                    str(g.goal.period),
                    "n/a" if g.actual is None else g.goal.show(g.actual),
                    g.goal.show(g.goal.target),
                    percent_text(g.progress),
                    f"{g.elapsed:.0%}",
                    g.status.value,
                )
                for g in self.goals
            ],
        )
