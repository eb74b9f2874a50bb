"""What `goal_progress` returns: each goal's value, pace and status, explained.

Keep this in step with docs/explanation/workflows.md.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from advocacy._internal.text import percent_text, plural, table
from advocacy._internal.validation import check_fields
from advocacy._model.money import Money
from advocacy._program.goal import ProgramGoal, Target

__all__ = ["GoalProgress", "GoalReport", "GoalStatus"]


class GoalStatus(enum.StrEnum):
    """Where a goal stands."""

    ON_TRACK = "on_track"
    """At or ahead of pace (cumulative), or at or above target (level)."""

    BEHIND = "behind"
    """Behind pace, or below target."""

    NO_DATA = "no_data"
    """A level metric with nothing measured yet."""


@attrs.frozen
class GoalProgress:
    """One goal's progress as of a date, and why it stands where it does.

    Attributes:
        goal: The goal.
        actual: The measured value (`Money`, an int, a fraction or an NPS),
            `None` for a level metric with nothing measured.
        progress: actual / target (NPS below zero counts as 0), `None`
            without a value.
        elapsed_days: Days of the period gone by `as_of`, `as_of` included.
        status: On track, behind or no data.
        records: How many records were counted (deals, activities, closed
            renewals or responses).
        detail: What was counted, in words.
    """

    goal: ProgramGoal
    actual: Target | None
    progress: float | None
    elapsed_days: int
    status: GoalStatus
    records: int
    detail: str

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

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
        as_of: The date progress is measured on.
        goals: One row per goal, by metric (`GoalMetric` order), start,
            end, label, then target.
    """

    as_of: pendulum.Date
    goals: tuple[GoalProgress, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

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
