"""Identification and segment supply, as queries in the caller's engine.

- `potential_advocates_frame`: the rows `IdentificationRule.matches` flags,
  as a filter of the caller's frame;
- `segment_supply_frame`: per segment, the customers and the approved
  references `count_supply` counts (an account owning several products
  counts once in each product's segment), one row a segment;
- `segment_counts`: that frame's customers as
  `reference_gaps(customers=...)` takes them, so a gap analysis of a
  million accounts builds values only of the advocates' accounts.

An approved reference is an advocate no standing rule excludes from the
activity (`advocacy._matching.eligibility.type_reasons`): not opted out,
opted in to it, available for references if it is a reference call, of a
tier the tier policy allows for it, at an account that allows public
activities if it is public and does not forbid it.

Keep this in step with docs/explanation/gap-analysis.md.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, cast

import narwhals.stable.v2 as nw

from advocacy._gaps.plan import (
    DEFAULT_DIMENSIONS,
    Segment,
    SegmentDimension,
    segment_dimensions,
)
from advocacy._internal.checks import instance_of, integer, member_of, optional
from advocacy._internal.text import a_or_an
from advocacy._internal.validation import raise_all, require
from advocacy._io import parse
from advocacy._io.mapping import ColumnMapping
from advocacy._matching.policy import Policies, policies_for
from advocacy._model.customers import SizeBands
from advocacy._model.enums import ActivityType, Tier, to_activity_type
from advocacy._scoring.identification import IdentificationRule
from advocacy.exceptions import (
    FieldError,
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from advocacy.frames._columns import (
    VALUE,
    Columns,
    check_frames,
    enum_parser,
    errors_of,
    text_parser,
)
from advocacy.frames._native import (
    Frame,
    back,
    frame_of,
    is_lazy,
    require_columns,
    rows_of,
)
from advocacy.frames._segments import (
    grouped,
    per_account,
    products_of,
    with_approved,
)

__all__ = ["potential_advocates_frame", "segment_counts", "segment_supply_frame"]

_IDENTIFY: Final = "potential_advocates_frame"
_SUPPLY: Final = "segment_supply_frame"
_COUNTS: Final = "segment_counts"
_MAPPING: Final = optional(instance_of(ColumnMapping, "a ColumnMapping"))


def _mapping(owner: str, columns: ColumnMapping | None) -> ColumnMapping:
    require(owner, "columns", columns, _MAPPING)
    return ColumnMapping.default() if columns is None else columns


# --- identification -------------------------------------------------------------


def potential_advocates_frame(
    frame: object,
    rule: IdentificationRule | None = None,
    *,
    columns: ColumnMapping | None = None,
) -> Any:
    """The rows the identification rule flags as potential advocates.

    Keeps exactly the rows for which `rule.matches(signals)` holds, for the
    signals record ingest reads from them: an NPS response of at least
    `rule.nps_at_least` and a health score above `rule.health_above`. A
    missing value (null, or NaN on any engine) never matches. The columns
    are checked as `Signals` checks them (NPS whole numbers 0-10, health
    0-100) by the schema and one aggregate pass; the filter itself is not
    computed: a lazy frame comes back lazy, an eager one eager.

    Args:
        frame: A DataFrame of pandas, polars, PyArrow, Dask or PySpark, a
            polars LazyFrame or a DuckDB relation, a row per contact.
        rule: The identification rule; `IdentificationRule.default()`.
        columns: Where `nps` and `health_score` are read from;
            `ColumnMapping.default()`.

    Returns:
        The same kind of frame, holding the flagged rows, every column kept.

    Raises:
        InvalidTypeError: `frame` is not a dataframe, `rule` or `columns` of
            the wrong kind, or a column read is not numeric.
        InvalidValueError: A column read is absent, holds a value `Signals`
            refuses, or the mapping gives either field a unit (every
            refusal of the frame at once).
    """
    applied = IdentificationRule.default() if rule is None else rule
    require(
        _IDENTIFY,
        "rule",
        applied,
        instance_of(IdentificationRule, "an IdentificationRule"),
    )
    mapping = _mapping(_IDENTIFY, columns)
    fields = {
        "nps": mapping.column("nps"),
        "health_score": mapping.column("health_score"),
    }
    raise_all(
        _IDENTIFY,
        [
            InvalidValueError(
                _IDENTIFY,
                f"columns.units[{field!r}]",
                mapping.units[field],
                "no unit: NPS and health are read as written",
            )
            for field in fields
            if field in mapping.units
        ],
    )
    read = Columns(_IDENTIFY, "frame", frame_of(_IDENTIFY, frame), fields, mapping)
    read.number("nps", 0, 10, whole=True, required=False)
    read.number("health_score", 0, 100, whole=False, required=False)
    check_frames(_IDENTIFY, [read])
    nps, health = (
        read.col(field).cast(nw.Float64()).fill_nan(None) for field in fields
    )
    flagged = (nps >= applied.nps_at_least) & (health > applied.health_above)
    return back(read.original(read.frame.filter(flagged.fill_null(value=False))))


# --- segment supply -------------------------------------------------------------


def segment_supply_frame(
    accounts: object,
    *,
    dimensions: Iterable[SegmentDimension | str] = DEFAULT_DIMENSIONS,
    columns: ColumnMapping | None = None,
    size_bands: SizeBands | None = None,
    advocates: object = None,
    activity: ActivityType | str = ActivityType.REFERENCE_CALL,
    policies: Policies | None = None,
) -> Any:
    """Customers and approved references per segment, as a grouped frame.

    One row per segment with customers: a column per dimension, named by
    its value (`product`, `industry`, `region`, `size`: the size band's
    value, `"mid_market"`), then `customers`, and, given `advocates`,
    `approved`. The figures are `count_supply`'s: an account owning several
    products counts once in each product's segment (products are a
    multi-select text column split on `columns.separator`, or a list
    column) and in none when it owns none; an approved reference (an
    advocate no standing rule excludes from `activity`) counts in each
    segment of their account.

    Columns are read through `columns` as record ingest reads `Account` and
    `Advocate` rows (an id trimmed; industries, regions, tiers and
    multi-selects by their distinct values, parsed as ingest parses them:
    aliases, any case, missing markers), and refused as ingest would refuse
    them. Accounts: `id`, the columns of the dimensions (`products`,
    `industry`, `region`, `employees`), and given advocates
    `policy.restricted` (and `policy.public_allowed` for a public
    activity). Advocates: `id`, `account_id`, `opted_out`, `activities`,
    `tier` (and `available_for_references` for reference calls). Besides
    the checks (a few small aggregates and the distinct picklist values),
    nothing is computed: a lazy frame comes back lazy, an eager one eager.

    Args:
        accounts: A frame of any engine `advocacy.frames` takes, a row per
            account.
        dimensions: How to cut the customer base; product x industry x
            region by default.
        columns: Where each field is read from (the same mapping for both
            frames); `ColumnMapping.default()`.
        size_bands: Where size bands begin; the match policy's by default.
        advocates: A frame of the same engine, a row per advocate.
        activity: The activity references are approved for.
        policies: The tier policy, activity catalog and match policy;
            `Policies.default()`.

    Returns:
        The grouped frame, sorted by the dimensions; counts are Int64.

    Raises:
        InvalidTypeError: A frame is not a dataframe (or the two are of
            different engines), an argument is of the wrong kind, or a
            column has the wrong type.
        InvalidValueError: A dimension is unknown, or a column is absent or
            holds what ingest refuses (a missing required value, a repeated
            id, an unknown tier or activity type): every refusal of both
            frames at once.
        UnknownKeyError: An advocate's account is not among `accounts`.
    """
    chosen = segment_dimensions(_SUPPLY, dimensions)
    mapping = _mapping(_SUPPLY, columns)
    rules = policies_for(_SUPPLY, policies)
    require(_SUPPLY, "size_bands", size_bands, optional(instance_of(SizeBands)))
    bands = rules.match.size_bands if size_bands is None else size_bands
    kind = cast(
        "ActivityType",
        require(
            _SUPPLY, "activity", to_activity_type(activity), member_of(ActivityType)
        ),
    )
    homes, people = _read(
        accounts, advocates, chosen=chosen, mapping=mapping, kind=kind, rules=rules
    )
    if people is None:
        table = per_account(homes, chosen, bands, None)
    else:
        allows = _allows(homes, kind, rules)
        table = with_approved(
            per_account(homes, chosen, bands, allows),
            people,
            _approved(people, kind, rules),
        )
    products = products_of(homes, chosen)
    return back(grouped(table, chosen, products, approved=people is not None))


def _read(
    accounts: object,
    advocates: object,
    *,
    chosen: Sequence[SegmentDimension],
    mapping: ColumnMapping,
    kind: ActivityType,
    rules: Policies,
) -> tuple[Columns, Columns | None]:
    """The frames' columns, checked (every refusal of both at once)."""
    homes_frame = _frame("accounts", accounts)
    public = rules.catalog[kind].public
    if advocates is None:
        homes = _accounts(homes_frame, chosen, mapping, policy=False, public=public)
        check_frames(_SUPPLY, [homes])
        return homes, None
    people_frame = _frame("advocates", advocates)
    _same_engine(homes_frame, people_frame)
    homes = _accounts(homes_frame, chosen, mapping, policy=True, public=public)
    people = _advocates(people_frame, mapping, kind)
    unknown = check_frames(_SUPPLY, [homes, people], _homeless(homes, people))
    if unknown:
        raise UnknownKeyError(
            _SUPPLY,
            people.where("account_id"),
            unknown[0],
            "the id of an account in accounts, for every advocate",
        )
    return homes, people


def _frame(name: str, native: object) -> Frame:
    """The narwhals frame of the argument `name`."""
    try:
        return frame_of(_SUPPLY, native)
    except InvalidTypeError as error:
        raise InvalidTypeError(_SUPPLY, name, native, error.expected) from None


def _same_engine(accounts: Frame, advocates: Frame) -> None:
    """Refuse advocates of another engine, or lazy where accounts are eager."""
    if (advocates.implementation, is_lazy(advocates)) != (
        accounts.implementation,
        is_lazy(accounts),
    ):
        kind = "lazy" if is_lazy(accounts) else "eager"
        raise InvalidTypeError(
            _SUPPLY,
            "advocates",
            type(back(advocates)).__name__,
            f"a frame of the accounts' engine ({accounts.implementation}, {kind})",
        )


def _accounts(
    frame: Frame,
    chosen: Sequence[SegmentDimension],
    mapping: ColumnMapping,
    *,
    policy: bool,
    public: bool,
) -> Columns:
    """The accounts' columns the segments (and, with advocates, policy) read."""
    wanted = ["id", *(_FIELDS[dimension] for dimension in chosen)]
    if policy:
        wanted.append("policy.restricted")
        if public:
            wanted.append("policy.public_allowed")
    read = Columns(
        _SUPPLY, "accounts", frame, {f: mapping.column(f) for f in wanted}, mapping
    )
    read.ids("id", unique=True)
    for field in ("industry", "region"):
        if field in read.fields:
            read.picklist(
                field, text_parser(field, mapping), multiple=False, required=True
            )
    if "employees" in read.fields:
        read.number("employees", 1, whole=True, required=True)
    if "products" in read.fields:
        read.picklist("products", parse.text, multiple=True, required=False)
    if policy:
        restricted = enum_parser(ActivityType, mapping)
        read.picklist("policy.restricted", restricted, multiple=True, required=False)
    if "policy.public_allowed" in read.fields:
        read.flag("policy.public_allowed")
    return read


_FIELDS: Final = {
    SegmentDimension.PRODUCT: "products",
    SegmentDimension.INDUSTRY: "industry",
    SegmentDimension.REGION: "region",
    SegmentDimension.SIZE: "employees",
}


def _advocates(frame: Frame, mapping: ColumnMapping, kind: ActivityType) -> Columns:
    """The advocates' columns the standing rules read."""
    wanted = ["id", "account_id", "opted_out", "activities", "tier"]
    if kind is ActivityType.REFERENCE_CALL:
        wanted.append("available_for_references")
    read = Columns(
        _SUPPLY, "advocates", frame, {f: mapping.column(f) for f in wanted}, mapping
    )
    read.ids("id", unique=True)
    read.ids("account_id", unique=False)
    read.flag("opted_out")
    if kind is ActivityType.REFERENCE_CALL:
        read.flag("available_for_references")
    activities = enum_parser(ActivityType, mapping)
    read.picklist("activities", activities, multiple=True, required=False)
    read.picklist("tier", enum_parser(Tier, mapping), multiple=False, required=False)
    return read


def _homeless(homes: Columns, people: Columns) -> Callable[[], Frame]:
    """The query of the first advocates' account id not among the accounts'."""

    def query() -> Frame:
        known = homes.frame.select(homes.trimmed("id").alias(VALUE))
        asked = people.frame.select(people.trimmed("account_id").alias(VALUE))
        missing = asked.unique().join(cast("Any", known), on=VALUE, how="anti")
        return missing.sort(VALUE).head(1)

    return query


def _approved(people: Columns, kind: ActivityType, rules: Policies) -> nw.Expr:
    """Whether no standing rule excludes an advocate (their account's aside)."""
    allowed = {rule.tier for rule in rules.tiers.rules if kind in rule.activities}
    approved = (
        ~people.col("opted_out").fill_null(value=False)
        & people.picklists["activities"].has(functools.partial(operator.is_, kind))
        & people.picklists["tier"].has(allowed.__contains__)
    )
    if kind is ActivityType.REFERENCE_CALL:
        approved = approved & people.col("available_for_references").fill_null(
            value=True
        )
    return approved


def _allows(homes: Columns, kind: ActivityType, rules: Policies) -> nw.Expr:
    """Whether an account's policy allows `kind` (public, not restricted)."""
    allows = ~homes.picklists["policy.restricted"].has(
        functools.partial(operator.is_, kind)
    )
    if rules.catalog[kind].public:
        allows = allows & homes.col("policy.public_allowed").fill_null(value=True)
    return allows


# --- the bridge to reference_gaps -------------------------------------------------


def segment_counts(
    frame: object,
    dimensions: Iterable[SegmentDimension | str] = DEFAULT_DIMENSIONS,
) -> dict[Segment, int]:
    """The customers per segment of a small grouped frame, as values.

    Reads `segment_supply_frame`'s result (or any frame with a column per
    dimension and `customers`, one row a segment) into what
    `reference_gaps(customers=...)` takes, collecting it.

    Args:
        frame: The grouped frame, of any engine `advocacy.frames` takes.
        dimensions: The dimensions it is cut by (as `segment_supply_frame`
            was given them).

    Returns:
        Segment to customers, a segment per row.

    Raises:
        InvalidTypeError: `frame` is not a dataframe, or a count not a
            whole number.
        InvalidValueError: A column is absent, a row has no value of a
            dimension or one `Segment` refuses, a negative count, or a
            segment is in two rows (one refusal per column, at once).
    """
    chosen = segment_dimensions(_COUNTS, dimensions)
    data = frame_of(_COUNTS, frame)
    names = [d.value for d in chosen]
    require_columns(_COUNTS, data, {name: name for name in [*names, "customers"]})
    counts: dict[Segment, int] = {}
    found: dict[str, FieldError] = {}
    for row in rows_of(data.select(*names, "customers")):
        segment = _segment(row, names, found)
        try:
            count = require(_COUNTS, "frame['customers']", row["customers"], integer(0))
        except FieldError as error:
            found.setdefault(error.field, error)
            continue
        if segment is None:
            continue
        if segment in counts:
            found.setdefault(
                "frame",
                InvalidValueError(
                    _COUNTS, "frame", str(segment), "one row per segment"
                ),
            )
        counts[segment] = count
    raise_all(_COUNTS, found.values())
    return counts


def _segment(
    row: Mapping[str, Any], names: list[str], found: dict[str, FieldError]
) -> Segment | None:
    """The row's segment, or `None` with its refusals added to `found`."""
    missing = [name for name in names if row[name] is None]
    for name in missing:
        found.setdefault(
            name,
            InvalidValueError(
                _COUNTS, f"frame[{name!r}]", None, f"{a_or_an(name)} in every row"
            ),
        )
    if missing:
        return None
    try:
        return Segment(**{name: row[name] for name in names})
    except (FieldError, InvalidFieldsError) as error:
        for each in errors_of(error):
            found.setdefault(
                each.field,
                InvalidValueError(
                    _COUNTS, f"frame[{each.field!r}]", each.value, each.expected
                ),
            )
        return None
