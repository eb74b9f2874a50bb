"""Tiers as a frame column: the count-then-cut rule over any engine's frame.

The engine counts rows per (score, tier held); the tier policy's code decides
the cut-offs from those counts (`advocacy._scoring.tier_cuts`, the rule
`assign_tiers` uses too); only the rows tied at a cut score are fetched and
ranked. The tiers then go back as one column expression, so a lazy frame
stays lazy and nothing but counts and the tied rows is collected.

Keep this in step with docs/explanation/tiers-at-scale.md.
"""

from __future__ import annotations

from typing import Any, Final

import attrs
import narwhals.stable.v2 as nw

from advocacy._internal.checks import instance_of, integer, optional, text
from advocacy._internal.validation import raise_all, require
from advocacy._model.enums import Tier
from advocacy._scoring.tier_cuts import Row, TierCuts, cut_tiers
from advocacy._scoring.tier_policy import TierPolicy
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from advocacy.frames._native import (
    Frame,
    NumericColumn,
    back,
    check_numbers,
    frame_of,
    require_columns,
    rows_of,
)

__all__ = ["assign_tiers_frame"]

_OWNER: Final = "assign_tiers_frame"


@attrs.frozen
class _Columns:
    """The columns read: score, engagement, id, and the tier held (with a margin)."""

    score: str
    engagement: str | None
    id: str
    held: str | None

    def engaged(self) -> nw.Expr:
        return nw.col(self.engagement) if self.engagement else nw.lit(0)

    def was(self) -> nw.Expr:
        return nw.col(self.held) if self.held else nw.lit(None, nw.String())


_TIER_VALUES: Final = {tier.value: tier for tier in Tier}
_BELOW: Final = -1  # the score group of everyone below every floor


def assign_tiers_frame(
    frame: Any,
    policy: TierPolicy | None = None,
    *,
    score: str = "score",
    engagement: str | None = None,
    id: str = "id",  # noqa: A002  # the column's name, as assign_tiers's ids
    previous: str | None = None,
    margin: int = 0,
    tier: str = "tier",
) -> Any:
    """Add each row's tier, exactly as `assign_tiers` gives it, as a column.

    Ranks by score (high first), then engagement (more first), then id;
    fills Champion, then Advocate, then Supporter within each minimum score
    and cap (the floor of share x the number of rows); with `previous` and a
    margin, a tier held keeps admitting its holder down to its minimum less
    the margin.

    Args:
        frame: One row per advocate scored: pandas, polars (eager or lazy),
            PyArrow, DuckDB, Dask or PySpark.
        policy: The tier policy; `TierPolicy.default()` if `None`.
        score: The column of score totals (whole numbers, 0 or more).
        engagement: The column of engagement counts (activities in the 12
            months to the assignment date, as `engagement_counts` gives
            them); `None`: 0 for everyone.
        id: The column of ids (distinct strings), the last tie-break.
        previous: The column of last period's tiers (`"champion"`, ... or
            null), read only with a margin.
        margin: The hysteresis margin (0: a fresh assignment).
        tier: The name of the column added (a column of that name is
            replaced): the tier's value, or null for none.

    Returns:
        The frame of the same kind (lazy stays lazy) with the tier column.

    Raises:
        InvalidValueError: A column is missing, holds a negative or
            fractional score or engagement, a repeated id, or an unknown
            tier; `margin` is negative (every refusal at once).
        InvalidTypeError: `frame` is not a frame, or a column is of the
            wrong type.
    """
    require(_OWNER, "policy", policy, optional(instance_of(TierPolicy, "a TierPolicy")))
    require(_OWNER, "margin", margin, integer(0))
    for name, value in (("score", score), ("id", id), ("tier", tier)):
        require(_OWNER, name, value, text)
    for name, optional_value in (("engagement", engagement), ("previous", previous)):
        require(_OWNER, name, optional_value, optional(text))
    rules = (TierPolicy.default() if policy is None else policy).rules
    data = frame_of(_OWNER, frame)
    _check(data, _Columns(score, engagement, id, previous))
    columns = _Columns(score, engagement, id, previous if margin else None)
    lowest = min(rule.min_score for rule in rules) - margin
    cuts = cut_tiers(
        rules,
        _counts(data, columns, lowest),
        margin=margin,
        rows_at=lambda at: _rows_at(data, at, columns),
    )
    return back(data.with_columns(_expression(cuts, columns).alias(tier)))


def _check(data: Frame, columns: _Columns) -> None:
    wanted = {"score": columns.score, "id": columns.id}
    if columns.engagement is not None:
        wanted["engagement"] = columns.engagement
    if columns.held is not None:
        wanted["previous"] = columns.held
    schema = require_columns(
        _OWNER, data, wanted, "name the column: assign_tiers_frame(frame, score=...)"
    )
    raise_all(
        _OWNER,
        [
            InvalidTypeError(
                _OWNER, f"frame[{column!r}]", str(schema[column]), "a text column"
            )
            for column in (columns.id, columns.held)
            if column is not None and schema[column] != nw.String
        ],
    )
    numbers = [NumericColumn("scores", columns.score, 0, None, whole=True)]
    if columns.engagement is not None:
        numbers.append(
            NumericColumn("engagement", columns.engagement, 0, None, whole=True)
        )
    check_numbers(_OWNER, data, numbers)
    ids = nw.col(columns.id)
    (row,) = rows_of(
        data.select(
            nw.len().alias("rows"),
            ids.n_unique().alias("ids"),
            ids.null_count().alias("missing"),
        )
    )
    if row["missing"] or row["ids"] != row["rows"]:
        raise InvalidValueError(
            _OWNER,
            f"frame[{columns.id!r}]",
            f"{row['rows']} rows, {row['ids']} distinct ids"
            + (f", {row['missing']} missing" if row["missing"] else ""),
            "one distinct id per row",
        )


def _counts(
    data: Frame, columns: _Columns, lowest: int
) -> dict[int, dict[Tier | None, int]]:
    """Rows per (score, tier held); everyone below `lowest` in one group."""
    scores = nw.col(columns.score)
    keys = [
        nw.when(scores >= lowest)
        .then(scores.cast(nw.Int64()))
        .otherwise(nw.lit(_BELOW, nw.Int64()))
        .alias("score"),
        columns.was().alias("held"),
    ]
    grouped = data.select(*keys).group_by("score", "held").agg(nw.len().alias("n"))
    counts: dict[int, dict[Tier | None, int]] = {}
    unknown = set()
    for row in rows_of(grouped):
        value = row["held"]
        if value is not None and value not in _TIER_VALUES:
            unknown.add(value)
            continue
        tier = None if value is None else _TIER_VALUES[value]
        group = counts.setdefault(int(row["score"]), {})
        group[tier] = group.get(tier, 0) + int(row["n"])
    if unknown:
        raise InvalidValueError(
            _OWNER,
            f"frame[{columns.held!r}]",
            sorted(unknown)[0],
            f"a tier's value ({', '.join(_TIER_VALUES)}) or null",
            f"unknown values: {sorted(unknown)}" if len(unknown) > 1 else None,
        )
    return counts


def _rows_at(data: Frame, at: int, columns: _Columns) -> list[Row]:
    """The (few) rows tied at a cut score: id, engagement, tier held."""
    selected = data.filter(nw.col(columns.score) == at).select(
        nw.col(columns.id).alias("id"),
        columns.engaged().alias("engagement"),
        columns.was().alias("held"),
    )
    return [
        (
            row["id"],
            0 if row["engagement"] is None else int(row["engagement"]),
            None if row["held"] is None else _TIER_VALUES[row["held"]],
        )
        for row in rows_of(selected)
    ]


def _expression(cuts: TierCuts, columns: _Columns) -> nw.Expr:
    """The tier column: by score group, and by id at the cut scores.

    At most one condition per (tier held, tier) and one per tier at the
    cuts, however many scores there are.
    """
    at_cuts: dict[Tier, list[str]] = {}
    for advocate_id, found in cuts.rows.items():
        if found is not None:
            at_cuts.setdefault(found, []).append(advocate_id)
    by_group: dict[tuple[Tier | None, Tier], list[int]] = {}
    for (at, was), found in cuts.groups.items():
        if found is not None:
            by_group.setdefault((was, found), []).append(at)
    conditions = [
        (nw.col(columns.id).is_in(sorted(ids)), t) for t, ids in at_cuts.items()
    ]
    for (was, found), scores in by_group.items():
        condition = nw.col(columns.score).is_in(sorted(scores))
        if columns.held is not None:
            held = nw.col(columns.held)
            condition &= held.is_null() if was is None else held == was.value
        conditions.append((condition, found))
    result: nw.Expr = nw.lit(None, nw.String())
    for condition, found in conditions:
        result = nw.when(condition).then(nw.lit(found.value)).otherwise(result)
    return result
