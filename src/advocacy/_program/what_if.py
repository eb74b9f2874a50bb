"""What-if: the same records under changed rules, and what the change costs.

A program manager weighing "two reference calls a quarter instead of three"
or "rest 30 days between asks, not 14" wants the price in requests and
gaps before changing anything. `what_if` runs the library's own matching
(`assign_requests`) and gap analysis (`reference_gaps`) twice on the same
records, once under each `Scenario`, and reports the difference: requests
filled and their priority, which requests change hands, and each segment's
capacity, gap and recruits. Nothing is re-implemented here; a scenario only
chooses the policies the two rules read.

Keep this in step with docs/explanation/what-if.md.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Final

import attrs
import pendulum

from advocacy._gaps.analysis import reference_gaps
from advocacy._gaps.plan import (
    DEFAULT_DIMENSIONS,
    DemandPlan,
    Segment,
    SegmentDimension,
    segment_dimensions,
)
from advocacy._gaps.report import GapReport
from advocacy._internal.checks import instance_of, text
from advocacy._internal.validation import (
    check_fields,
    checked,
    require,
    require_each,
)
from advocacy._matching.batch import assign_requests
from advocacy._matching.outcomes import BatchAssignment
from advocacy._matching.policy import Policies
from advocacy._model.checks import ACCOUNT, ACTIVITY, ADVOCATE, COMMITMENT, REQUEST
from advocacy._model.customers import Account, Advocate, Signals
from advocacy._model.records import Activity, Commitment, ReferenceRequest
from advocacy.exceptions import InvalidValueError

__all__ = ["Scenario", "SegmentChange", "WhatIf", "policy_changes", "what_if"]


@attrs.frozen
class Scenario:
    """A named set of policies: what one run of matching and gap analysis reads.

    Attributes:
        name: What to call the scenario in reports (e.g. `"cap 2"`).
        policies: The match policy, activity catalog and tier policy; the
            defaults if left out, exactly as when a rule is called without
            them.
    """

    name: str = attrs.field(metadata=checked(text))
    policies: Policies = attrs.field(
        factory=Policies,
        metadata=checked(instance_of(Policies, "a Policies")),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @classmethod
    def current(cls) -> Scenario:
        """The library's default policies, named `"current"`."""
        return cls("current")


def _settings(path: str, value: Any) -> dict[str, Any]:
    """Every setting inside a policy value, by its path (`match.rest_days`)."""
    if attrs.has(type(value)):
        found: dict[str, Any] = {}
        for field in attrs.fields(type(value)):
            if field.init:
                inner = f"{path}.{field.alias}" if path else field.alias
                found |= _settings(inner, getattr(value, field.name))
        return found
    if isinstance(value, tuple) and any(attrs.has(type(item)) for item in value):
        found = {}
        for index, item in enumerate(value):
            found |= _settings(f"{path}[{index}]", item)
        return found
    return {path: _readable(value)}


def _readable(value: Any) -> Any:
    """A setting as people compare it: enum values, sets as sorted lists."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset):
        return sorted((_readable(item) for item in value), key=str)
    if isinstance(value, tuple):
        return [_readable(item) for item in value]
    return value


def policy_changes(baseline: Scenario, changed: Scenario) -> tuple[str, ...]:
    """Every setting that differs between two scenarios, as `path: old -> new`."""
    before = _settings("", baseline.policies)
    after = _settings("", changed.policies)
    return tuple(
        f"{key}: {before.get(key)!r} -> {after.get(key)!r}"
        for key in sorted(before.keys() | after.keys())
        if before.get(key) != after.get(key)
    )


@attrs.frozen
class SegmentChange:
    """How one segment's gap analysis moves between the scenarios.

    Attributes:
        segment: The segment.
        capacity: Its capacity, baseline then changed (each at least 0).
        gap: Its gap, baseline then changed (each at least 0).
        recruits: Its recruits needed, baseline then changed (each at least 0).
    """

    segment: Segment
    capacity: tuple[Fraction, Fraction]
    gap: tuple[int, int]
    recruits: tuple[int, int]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that no figure is below 0."""
        check_fields(self)
        for name in ("capacity", "gap", "recruits"):
            pair = getattr(self, name)
            if min(pair) < 0:
                raise InvalidValueError(
                    "SegmentChange", name, pair, "a pair of figures of at least 0"
                )


def _difference(pair: tuple[Any, Any]) -> Any:
    return pair[1] - pair[0]


@attrs.frozen(repr=False)
class WhatIf:
    """The same records under two scenarios, and the difference.

    Attributes:
        baseline: The scenario compared against.
        changed: The scenario being weighed.
        changes: Every setting that differs, as `path: old -> new`.
        matching: The batch assignment under each, if requests were given:
            the same requests, in the same order, on the same date.
        gaps: The gap report under each, if a plan was given: the same
            plan and dimensions, on the same date.

    At least one of `matching` and `gaps` is given.
    """

    baseline: Scenario
    changed: Scenario
    changes: tuple[str, ...]
    matching: tuple[BatchAssignment, BatchAssignment] | None
    gaps: tuple[GapReport, GapReport] | None

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that both runs of each rule read the same."""
        check_fields(self)
        owner = "WhatIf"
        if self.matching is None and self.gaps is None:
            raise InvalidValueError(
                owner,
                "matching",
                None,
                "a pair of batch assignments, or a pair of gap reports in gaps",
            )
        if self.matching is not None:
            before, after = self.matching
            if before.as_of != after.as_of or [
                o.request_id for o in before.outcomes
            ] != [o.request_id for o in after.outcomes]:
                raise InvalidValueError(
                    owner,
                    "matching",
                    f"{before!r}, {after!r}",
                    "two assignments of the same requests on the same date",
                )
        if self.gaps is not None:
            old, new = self.gaps
            if (old.as_of, old.plan, old.dimensions) != (
                new.as_of,
                new.plan,
                new.dimensions,
            ):
                raise InvalidValueError(
                    owner,
                    "gaps",
                    f"{old!r}, {new!r}",
                    "two gap reports of the same plan and dimensions on the same date",
                )

    @property
    def filled(self) -> tuple[int, int] | None:
        """Requests filled, baseline then changed."""
        if self.matching is None:
            return None
        return (self.matching[0].filled, self.matching[1].filled)

    @property
    def priority_filled(self) -> tuple[int, int] | None:
        """Priority filled, baseline then changed."""
        if self.matching is None:
            return None
        return (self.matching[0].priority_filled, self.matching[1].priority_filled)

    @property
    def lost(self) -> tuple[str, ...]:
        """Requests filled under the baseline but not under the change."""
        return self._moved(lost=True)

    @property
    def gained(self) -> tuple[str, ...]:
        """Requests filled under the change but not under the baseline."""
        return self._moved(lost=False)

    def _moved(self, *, lost: bool) -> tuple[str, ...]:
        if self.matching is None:
            return ()
        before, after = self.matching
        return tuple(
            old.request_id
            for old, new in zip(before.outcomes, after.outcomes, strict=True)
            if old.filled != new.filled and old.filled is lost
        )

    @property
    def totals(self) -> dict[str, tuple[Any, Any]]:
        """Each headline figure, baseline then changed."""
        figures: dict[str, tuple[Any, Any]] = {}
        if self.matching is not None:
            figures["requests"] = (len(self.matching[0]), len(self.matching[1]))
            figures["filled"] = (self.matching[0].filled, self.matching[1].filled)
            figures["priority filled"] = (
                self.matching[0].priority_filled,
                self.matching[1].priority_filled,
            )
        if self.gaps is not None:
            before, after = (report.totals for report in self.gaps)
            figures["requests expected"] = (before.requests, after.requests)
            figures["capacity"] = (before.capacity, after.capacity)
            figures["gap"] = (before.gap, after.gap)
            figures["recruits"] = (before.recruits, after.recruits)
        return figures

    @property
    def segments(self) -> tuple[SegmentChange, ...]:
        """Segments whose capacity, gap or recruits move, in segment order."""
        if self.gaps is None:
            return ()
        before = {row.segment: row for row in self.gaps[0].rows}
        found = []
        for new in self.gaps[1].rows:
            old = before[new.segment]
            change = SegmentChange(
                new.segment,
                (old.capacity, new.capacity),
                (old.gap, new.gap),
                (old.recruits, new.recruits),
            )
            pairs = (change.capacity, change.gap, change.recruits)
            if any(old != new for old, new in pairs):
                found.append(change)
        return tuple(found)

    def explain(self) -> str:
        """What changed in the rules, then in the results."""
        lines = [f"{self.changed.name} against {self.baseline.name}:"]
        lines += [f"  {change}" for change in self.changes] or ["  no setting differs"]
        for name, pair in self.totals.items():
            lines.append(f"{name}: {_shown(pair[0])} -> {_shown(pair[1])}")
        if self.lost:
            lines.append(f"no longer filled: {', '.join(self.lost)}")
        if self.gained:
            lines.append(f"newly filled: {', '.join(self.gained)}")
        if self.segments:
            lines.append(f"{len(self.segments)} segments move; the most:")
        moved = sorted(
            self.segments,
            key=lambda c: (-abs(_difference(c.gap)), -abs(_difference(c.recruits))),
        )
        lines += [
            f"  {c.segment}: capacity {_shown(c.capacity[0])} -> "
            f"{_shown(c.capacity[1])}, gap {c.gap[0]} -> {c.gap[1]}, "
            f"recruits {c.recruits[0]} -> {c.recruits[1]}"
            for c in moved[:5]
        ]
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain row per headline figure, with the difference."""
        return [
            {
                "figure": name,
                self.baseline.name: _plain(pair[0]),
                self.changed.name: _plain(pair[1]),
                "difference": _plain(_difference(pair)),
            }
            for name, pair in self.totals.items()
        ]

    def __repr__(self) -> str:
        """`WhatIf(cap 2 against current: filled 41 -> 37, gap 120 -> 180)`."""
        shown = ", ".join(
            f"{name} {_shown(pair[0])} -> {_shown(pair[1])}"
            for name, pair in self.totals.items()
            if name in {"filled", "gap"}
        )
        return f"WhatIf({self.changed.name} against {self.baseline.name}: {shown})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td>{_shown(pair[0])}</td>"
            f"<td>{_shown(pair[1])}</td><td>{_shown(_difference(pair))}</td></tr>"
            for name, pair in self.totals.items()
        )
        return (
            f"<table><caption>{html.escape(repr(self))}</caption><tr><th>figure</th>"
            f"<th>{html.escape(self.baseline.name)}</th>"
            f"<th>{html.escape(self.changed.name)}</th><th>difference</th></tr>"
            f"{rows}</table>"
        )


def _shown(value: Any) -> str:
    if isinstance(value, Fraction):
        return f"{float(value):.4g}"
    return str(value)


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, Fraction) else value


_SCENARIO: Final = instance_of(Scenario, "a Scenario")


def what_if(
    changed: Scenario,
    *,
    as_of: pendulum.Date,
    advocates: Iterable[Advocate],
    accounts: Iterable[Account] | Mapping[str, Account],
    activities: Iterable[Activity] = (),
    requests: Iterable[ReferenceRequest] = (),
    plan: DemandPlan | None = None,
    baseline: Scenario | None = None,
    scores: Mapping[str, int] | None = None,
    signals: Mapping[str, Signals] | None = None,
    commitments: Iterable[Commitment] = (),
    dimensions: Iterable[SegmentDimension | str] = DEFAULT_DIMENSIONS,
) -> WhatIf:
    """Re-run matching and gap analysis under changed rules; report the difference.

    Args:
        changed: The scenario to weigh (e.g. a match policy with a cap of 2).
        as_of: The date of the batch and of the analysis.
        advocates: Everyone who might be asked.
        accounts: The customers (an iterable, or id to account).
        activities: Activity records (rest periods, caps, capacity used).
        requests: A batch of requests to match under each scenario.
        plan: A demand plan to analyse gaps for under each scenario.
        baseline: The scenario compared against; `Scenario.current()` (the
            default policies) if `None`.
        scores: Advocate id to score, for matching's small score preference.
        signals: Advocate id to signals, for ranking recruitment candidates.
        commitments: Asks already in flight.
        dimensions: How the gap analysis cuts the customer base.

    Returns:
        Both runs of each rule, the settings that differ and the difference.

    Raises:
        InvalidValueError: Neither requests nor a plan were given.
        InvalidTypeError: An argument is of the wrong kind (named).
        ValidationError: Either rule refuses its input (the error names it).
    """
    owner = "what_if"
    before = Scenario.current() if baseline is None else baseline
    require(owner, "changed", changed, _SCENARIO)
    require(owner, "baseline", before, _SCENARIO)
    pool = tuple(require_each(owner, "advocates", advocates, ADVOCATE))
    done = tuple(require_each(owner, "activities", activities, ACTIVITY))
    promised = tuple(require_each(owner, "commitments", commitments, COMMITMENT))
    batch = tuple(require_each(owner, "requests", requests, REQUEST))
    if isinstance(accounts, Mapping):
        by_id = dict(accounts)
    else:
        by_id = {a.id: a for a in require_each(owner, "accounts", accounts, ACCOUNT)}
    if not batch and plan is None:
        raise InvalidValueError(
            owner, "requests", [], "requests to match, a plan to analyse, or both"
        )
    cuts = segment_dimensions(owner, dimensions)

    def match(scenario: Scenario) -> BatchAssignment:
        return assign_requests(
            batch,
            pool,
            done,
            accounts=by_id,
            as_of=as_of,
            scores=scores,
            commitments=promised,
            policies=scenario.policies,
        )

    def analyse(scenario: Scenario, demand: DemandPlan) -> GapReport:
        return reference_gaps(
            by_id.values(),
            pool,
            demand,
            as_of=as_of,
            signals=signals,
            activities=done,
            commitments=promised,
            dimensions=cuts,
            policies=scenario.policies,
        )

    return WhatIf(
        baseline=before,
        changed=changed,
        changes=policy_changes(before, changed),
        matching=(match(before), match(changed)) if batch else None,
        gaps=None if plan is None else (analyse(before, plan), analyse(changed, plan)),
    )
