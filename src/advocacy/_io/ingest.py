"""Lenient record ingest: rows of a table in, values and rejected rows out.

`load_records(Account, rows, mapping)` reads each row (a dict, a DataFrame
record, a `csv.DictReader` row: any mapping of column to value) into one
input value, parsing every field leniently (`advocacy._io.parse`), and
never loses a row: each is either built or rejected with every reason, so
`len(values) + len(rejected)` is the number of rows read. A row is rejected
when a field cannot be parsed, a required field is empty, the value's own
checks refuse it (every refusal, with its field path), its id repeats an
earlier row's, or, given `as_of`, a date of something that has happened is
after it.

Keep this in step with docs/explanation/record-ingest.md.
"""

from __future__ import annotations

import enum
import math
import types
import typing
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, Generic, TypeVar

import attrs
import pendulum

from advocacy._internal.checks import Refusal, instance_of, integer, optional
from advocacy._internal.text import headline_repr, plural
from advocacy._internal.typed import field_checks
from advocacy._internal.validation import as_date, check_fields, checked, require
from advocacy._io import parse
from advocacy._io.mapping import ColumnMapping
from advocacy._io.regions import region_parser
from advocacy._model.customers import Account, AccountPolicy, Advocate, Signals
from advocacy._model.money import CURRENCIES, Money
from advocacy._model.records import (
    Activity,
    Commitment,
    NpsResponse,
    Opportunity,
    ProspectProfile,
    ReferenceRequest,
)
from advocacy.exceptions import (
    FieldError,
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)

__all__ = [
    "HAPPENED",
    "INPUTS",
    "LoadedRecords",
    "RawValue",
    "RejectedRow",
    "RowError",
    "load_records",
    "raw_form",
]

T = TypeVar("T")

INPUTS: Final = (
    Account,
    AccountPolicy,
    Advocate,
    Signals,
    Activity,
    Commitment,
    NpsResponse,
    Opportunity,
    ProspectProfile,
    ReferenceRequest,
)
"""The value classes ingest builds from rows."""

HAPPENED: Final[Mapping[type, tuple[str, ...]]] = {
    Account: ("customer_since",),
    Signals: ("customer_since",),
    Activity: ("date",),
    NpsResponse: ("date",),
    Opportunity: ("created", "closed"),
    ReferenceRequest: ("requested_on",),
}
"""Dates of things that have happened: given `as_of`, none may be after it."""

RawValue = str | int | float | bool | None
"""A raw value as a rejection keeps it: plain data, or the value's text."""


def raw_form(value: object) -> RawValue:
    """`value` as plain data: text, a whole number, a finite float, a bool, None.

    Anything else (a numpy scalar, NaN, a timestamp, a list) becomes its text,
    so a rejection can always be stored and shown.
    """
    if value is None or isinstance(value, str | bool):
        return value
    if type(value) is int:
        return value
    if type(value) is float and math.isfinite(value):
        return value
    return str(value)


@attrs.frozen
class RowError:
    """One reason a row was rejected.

    Attributes:
        field: The field's full path (`Account.employees`,
            `Opportunity.prospect.industry`), or the class name for the row
            as a whole.
        column: The column it was read from, if one.
        value: The raw value (as plain data: see `raw_form`).
        expected: What is accepted, in words.
        hint: A likely fix, or `None`.
    """

    field: str
    column: str | None
    value: RawValue
    expected: str
    hint: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    def __str__(self) -> str:
        """`Account.employees (column 'size'): got '1.2k'; expected ...`."""
        where = (
            self.field
            if self.column is None
            else f"{self.field} (column {self.column!r})"
        )
        return str(InvalidValueError(where, "", self.value, self.expected, self.hint))


@headline_repr
@attrs.frozen(repr=False)
class RejectedRow:
    """A row that was not built, with every reason.

    Attributes:
        row: Its position among the rows read, from 0.
        id: Its row id (see `ColumnMapping.row_id`), if it has a readable one.
        raw: The row as read, column to value (as plain data: see
            `raw_form`).
        errors: Why it was rejected: every reason, in field order.
    """

    row: int = attrs.field(metadata=checked(integer(0)))
    id: str | None
    raw: Mapping[str, RawValue]
    errors: tuple[RowError, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields; a rejection has at least one reason."""
        check_fields(self)
        if not self.errors:
            raise InvalidValueError(
                "RejectedRow", "errors", self.errors, "at least one reason"
            )

    def explain(self) -> str:
        """One line per reason, under the row's number and id."""
        name = f"row {self.row}" + ("" if self.id is None else f" (id {self.id})")
        return "\n".join([f"{name}:", *(f"  - {error}" for error in self.errors)])


@attrs.frozen
class LoadedRecords(Generic[T]):
    """What ingest built from a table of rows, and what it rejected.

    Nothing is lost: `len(values) + len(rejected) == total`, the number of
    rows read.

    Attributes:
        kind: The name of the class built (`"Account"`).
        values: The built values, in row order.
        ids: Each value's row id (`None` where the rows have no id column).
        rows: Each value's row number, from 0.
        rejected: The rows not built, in row order, each with its reasons.
    """

    kind: str
    values: tuple[T, ...]
    ids: tuple[str | None, ...]
    rows: tuple[int, ...]
    rejected: tuple[RejectedRow, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields; one id and one row number per value."""
        check_fields(self)
        for name in ("ids", "rows"):
            if len(getattr(self, name)) != len(self.values):
                raise InvalidValueError(
                    "LoadedRecords",
                    name,
                    getattr(self, name),
                    f"one item per value ({len(self.values)})",
                )

    @property
    def total(self) -> int:
        """How many rows were read: built plus rejected."""
        return len(self.values) + len(self.rejected)

    def by_id(self) -> dict[str, T]:
        """The built values by row id.

        Raises:
            InvalidValueError: The rows had no id column (see
                `ColumnMapping.row_id`).
        """
        if any(key is None for key in self.ids):
            raise InvalidValueError(
                "LoadedRecords.by_id",
                "ids",
                None,
                "a row id for every value",
                hint="name the rows' id column: ColumnMapping(row_id=...)",
            )
        return {
            key: value
            for key, value in zip(self.ids, self.values, strict=True)
            if key is not None
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One plain record per reason a row was rejected (for a DataFrame)."""
        return [
            {
                "row": rejected.row,
                "id": rejected.id,
                "field": error.field,
                "column": error.column,
                "value": error.value,
                "expected": error.expected,
                "hint": error.hint,
            }
            for rejected in self.rejected
            for error in rejected.errors
        ]

    def explain(self) -> str:
        """How many rows were built, and every rejected row with its reasons."""
        head = (
            f"{self.kind}: {len(self.values)} of {plural(self.total, 'row')} built, "
            f"{len(self.rejected)} rejected"
        )
        return "\n".join([head, *(row.explain() for row in self.rejected)])

    def __repr__(self) -> str:
        """Counts, not contents (a load can hold a million values)."""
        return (
            f"LoadedRecords({self.kind}: {len(self.values)} built, "
            f"{len(self.rejected)} rejected)"
        )


# --- the plan: how each field of a class is read ----------------------------


@attrs.frozen
class _Slot:
    """How one field is read: a scalar by `parse`, money, or a nested value."""

    name: str  # the init argument
    path: str  # from the root class, dotted
    column: str
    required: bool
    parse: parse.Parser = parse.text
    nested: _Plan | None = None
    currency_column: str | None = None  # set for money


@attrs.frozen
class _Plan:
    cls: type
    prefix: str  # the path of this class's fields, "" for the root
    slots: tuple[_Slot, ...]


def _without_none(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        return members[0], len(members) < len(typing.get_args(hint))
    return hint, False


_PLAIN: Final[dict[Any, parse.Parser]] = {
    str: parse.text,
    bool: parse.boolean,
    pendulum.Date: parse.date,
}


def _scalar_parser(hint: Any, path: str, mapping: ColumnMapping) -> parse.Parser:
    """The parser of one field of type `hint` (None already taken out)."""
    unit = mapping.units.get(path)
    scale = None if unit is None else unit.scale
    if hint is int:
        return lambda value: parse.whole_number(value, scale)
    if hint is float:
        return lambda value: parse.number(value, scale)
    if unit is not None:
        raise InvalidValueError(
            "load_records",
            f"mapping.units[{path!r}]",
            unit,
            "a unit of a numeric field",
            hint=f"{path} is not a number",
        )
    if hint is str and mapping.regions is not None and path.endswith("region"):
        return region_parser(mapping.regions)
    if hint in _PLAIN:
        return _PLAIN[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        lookup = parse.enum_lookup(hint, mapping.aliases.of(hint))
        return parse.enum_member(hint, lookup)
    # frozenset[str] or frozenset[SomeEnum]: the only other fields of inputs.
    (item,) = typing.get_args(hint)
    return parse.items(_scalar_parser(item, path, mapping), mapping.separator)


def _plan(cls: type, prefix: str, mapping: ColumnMapping) -> _Plan:
    hints = typing.get_type_hints(cls)
    slots = []
    for attribute in attrs.fields(cls):
        path = f"{prefix}{attribute.name}"
        hint, _optional = _without_none(hints[attribute.name])
        required = attribute.default is attrs.NOTHING
        column = mapping.column(path)
        slot = _Slot(attribute.alias, path, column, required)
        if hint is Money:
            currency = mapping.column(f"{path}.currency")
            slot = attrs.evolve(slot, currency_column=currency)
        elif attrs.has(hint):
            slot = attrs.evolve(slot, nested=_plan(hint, f"{path}.", mapping))
        else:
            slot = attrs.evolve(slot, parse=_scalar_parser(hint, path, mapping))
        slots.append(slot)
    return _Plan(cls, prefix, tuple(slots))


def _paths(plan: _Plan) -> set[str]:
    found = set()
    for slot in plan.slots:
        if slot.nested is not None:
            found |= _paths(slot.nested)
        else:
            found.add(slot.path)
            if slot.currency_column is not None:
                found.add(f"{slot.path}.currency")
    return found


def _check_paths(cls: type, plan: _Plan, mapping: ColumnMapping) -> None:
    known = _paths(plan)
    errors = [
        InvalidValueError(
            "load_records",
            f"mapping.{name}",
            path,
            f"a field path of {cls.__name__}: one of {', '.join(sorted(known))}",
        )
        for name in ("columns", "units")
        for path in getattr(mapping, name)
        if path not in known
    ]
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InvalidFieldsError("load_records", tuple(errors))


# --- reading rows -------------------------------------------------------------

_AMOUNT: Final = "an amount: a number, e.g. 1200000, '1,200,000' or 'EUR 1,200'"


def _amount(value: Any) -> tuple[Decimal, str | None]:
    """An amount, and the currency code written with it ("EUR 1,200"), if any."""
    if type(value) is str:
        body = value.strip()
        for code, rest in ((body[:3], body[3:]), (body[-3:], body[:-3])):
            if len(body) > len(code) and code.isalpha() and code.upper() in CURRENCIES:
                return _exact(rest), code.upper()
    return _exact(value), None


def _exact(value: Any) -> Decimal:
    try:
        return parse.exact(value)
    except parse.Unparsed as error:
        raise parse.Unparsed(_AMOUNT, error.hint) from None


class _Reader:
    """Reads rows into values of one class by its plan."""

    def __init__(
        self, cls: type, mapping: ColumnMapping, as_of: pendulum.Date | None
    ) -> None:
        self.cls = cls
        self.plan = _plan(cls, "", mapping)
        _check_paths(cls, self.plan, mapping)
        self.mapping = mapping
        self.markers = mapping.missing
        self.owner = cls.__name__
        self.as_of = as_of
        self.happened = HAPPENED.get(cls, ()) if as_of is not None else ()
        self.columns = {}
        self.order = {
            f"{self.owner}.{slot.path}": n
            for n, slot in enumerate(_all_slots(self.plan))
        }
        for slot in _all_slots(self.plan):
            self.columns[slot.path] = slot.column
            if slot.currency_column is not None:
                self.columns[f"{slot.path}.currency"] = slot.currency_column

    def read(self, row: Mapping[str, Any], errors: list[RowError]) -> Any:
        """The value of one row, or `None` with its errors added to `errors`."""
        return self._build(self.plan, row, errors)

    def _build(
        self, plan: _Plan, row: Mapping[str, Any], errors: list[RowError]
    ) -> Any:
        before = len(errors)
        kwargs: dict[str, Any] = {}
        markers = self.markers
        for slot in plan.slots:
            if slot.nested is not None:
                value = self._build(slot.nested, row, errors)
                if value is not None:
                    kwargs[slot.name] = value
                continue
            raw = row.get(slot.column)
            if raw is None or parse.is_missing(raw, markers):
                if slot.required:
                    errors.append(self._empty(slot, row))
                continue
            try:
                if slot.currency_column is None:
                    kwargs[slot.name] = slot.parse(raw)
                else:
                    kwargs[slot.name] = self._money(slot.currency_column, raw, row)
            except parse.Unparsed as error:
                errors.append(
                    RowError(
                        f"{self.owner}.{slot.path}",
                        slot.column,
                        raw_form(raw),
                        error.expected,
                        error.hint,
                    )
                )
            except (FieldError, InvalidFieldsError) as error:  # Money refused it
                errors.extend(self._refused(error, f"{slot.path}.", row))
        if not plan.prefix and self.happened:
            self._check_happened(kwargs, errors)
        if len(errors) > before:
            self._check_parsed(plan, kwargs, row, errors)
            return None
        try:
            return plan.cls(**kwargs)
        except (FieldError, InvalidFieldsError) as error:
            errors.extend(self._refused(error, plan.prefix, row))
            return None

    def _check_parsed(
        self,
        plan: _Plan,
        kwargs: Mapping[str, Any],
        row: Mapping[str, Any],
        errors: list[RowError],
    ) -> None:
        """Add the refusals of the fields that parsed, when others did not.

        The value cannot be made, so its own checks would never run: run each
        field's, so a row's every problem is reported at once.
        """
        found = []
        for _name, alias, check in field_checks(plan.cls):
            if alias in kwargs:
                value = kwargs[alias]
                refusal = check(check.normalise(value))
                if refusal is not None:
                    found.append(refusal.error(plan.cls.__name__, alias, value))
        for error in found:
            errors.extend(self._refused(error, plan.prefix, row))
        errors.sort(key=lambda error: self.order.get(error.field, len(self.order)))

    def _empty(self, slot: _Slot, row: Mapping[str, Any]) -> RowError:
        if slot.column in row:
            return RowError(
                f"{self.owner}.{slot.path}",
                slot.column,
                raw_form(row[slot.column]),
                "a value (the field is required)",
            )
        return RowError(
            f"{self.owner}.{slot.path}",
            slot.column,
            None,
            "a value (the field is required)",
            f"the row has no column {slot.column!r}; name the field's column "
            f"in the mapping: ColumnMapping(columns={{{slot.path!r}: ...}})",
        )

    def _money(
        self, currency_column: str, raw: object, row: Mapping[str, Any]
    ) -> Money:
        amount, written = _amount(raw)
        given = row.get(currency_column)
        currency = written
        if given is not None and not parse.is_missing(given, self.markers):
            currency = given.strip().upper() if isinstance(given, str) else given
            if written is not None and currency != written:
                raise parse.Unparsed(
                    f"an amount in the row's currency ({currency})",
                    f"the amount says {written}",
                )
        return Money(amount, self.mapping.currency if currency is None else currency)

    def _check_happened(self, kwargs: dict[str, Any], errors: list[RowError]) -> None:
        for name in self.happened:
            day = kwargs.get(name)
            if day is not None and day > self.as_of:
                errors.append(
                    RowError(
                        f"{self.owner}.{name}",
                        self.columns[name],
                        str(day),
                        f"a date on or before as_of ({self.as_of})",
                        "it cannot have happened yet",
                    )
                )

    def _refused(
        self,
        error: FieldError | InvalidFieldsError,
        prefix: str,
        row: Mapping[str, Any],
    ) -> list[RowError]:
        """A constructor's refusal as row errors at full paths, with raw values."""
        if isinstance(error, InvalidFieldsError):
            return [
                found
                for each in error.errors
                for found in self._refused(each, prefix, row)
            ]
        path = f"{prefix}{error.field}".rstrip(".")
        column = self.columns.get(path.split("[", 1)[0])
        value = row[column] if column is not None and column in row else error.value
        return [
            RowError(
                f"{self.owner}.{path}" if path else self.owner,
                column,
                raw_form(value),
                error.expected,
                error.hint,
            )
        ]


def _all_slots(plan: _Plan) -> Iterable[_Slot]:
    for slot in plan.slots:
        yield slot
        if slot.nested is not None:
            yield from _all_slots(slot.nested)


def _has_id(cls: type) -> bool:
    return "id" in attrs.fields_dict(cls)


def _id_column(cls: type, mapping: ColumnMapping) -> str | None:
    if mapping.row_id is not None:
        return mapping.row_id
    if _has_id(cls):
        return mapping.column("id")
    return None


def _row_id(
    row: Mapping[str, Any], column: str | None, markers: frozenset[str]
) -> str | None:
    if column is None:
        return None
    raw = row.get(column)
    if raw is None or parse.is_missing(raw, markers):
        return None
    try:
        return parse.text(raw) or None
    except parse.Unparsed:
        return None


def _raw_row(row: Mapping[Any, Any]) -> dict[str, RawValue]:
    return {str(column): raw_form(value) for column, value in row.items()}


_MAPPING = optional(instance_of(ColumnMapping))
_CLASS = Refusal("one of " + ", ".join(c.__name__ for c in INPUTS), wrong_type=True)


def load_records(
    cls: type[T],
    rows: Iterable[Mapping[str, Any]],
    mapping: ColumnMapping | None = None,
    *,
    as_of: pendulum.Date | None = None,
) -> LoadedRecords[T]:
    """Build one value of `cls` per row, leniently; reject the rest with reasons.

    Each field is read from its column (see `ColumnMapping`) and parsed as
    CRM exports and DataFrames write it: `"1,200"`, `"73%"`, `"yes"`,
    `"2026-03-31T09:00:00Z"`, `"N/A"`, NaN, `pd.NA`, numpy scalars,
    `pd.Timestamp`, enum values in any case and their aliases (see the
    record-ingest page for every form). Columns the mapping does not read
    are ignored.

    Args:
        cls: What to build: `Account`, `Advocate`, `Signals`, `Activity`,
            `Opportunity`, `ReferenceRequest`, `NpsResponse`, `Commitment`,
            `ProspectProfile` or `AccountPolicy`.
        rows: Mappings of column to value: a list of dicts,
            `df.to_dict("records")`, a `csv.DictReader`.
        mapping: Where each field is read from; `ColumnMapping.default()`.
        as_of: When given, a date of something that has happened (a
            customer's start, an activity, an NPS answer, a deal's creation
            or close, a request) after `as_of` rejects its row.

    Returns:
        The built values with their row ids and numbers, and every rejected
        row with its reasons; `built + rejected == rows read`. A row whose
        id repeats an earlier row's is rejected.

    Raises:
        InvalidTypeError: `cls` is not an input value class, or `rows` is
            not an iterable of rows (a DataFrame: pass its records).
        InvalidValueError: The mapping names a field `cls` does not have,
            or a unit for a field that is not a number.
    """
    if cls not in INPUTS:
        raise _CLASS.error("load_records", "cls", cls)
    require("load_records", "mapping", mapping, _MAPPING)
    day = None if as_of is None else as_date("load_records", "as_of", as_of)
    if (
        hasattr(rows, "columns")
        or isinstance(rows, str | bytes | Mapping)
        or not isinstance(rows, Iterable)
    ):
        raise InvalidTypeError(
            "load_records",
            "rows",
            type(rows).__name__,
            "an iterable of mappings of column to value",
            hint="pass a DataFrame's records: df.to_dict('records')"
            if hasattr(rows, "columns")
            else None,
        )
    given = ColumnMapping.default() if mapping is None else mapping
    reader = _Reader(cls, given, day)
    id_column = _id_column(cls, given)
    named = _has_id(cls) and id_column == given.column("id")
    id_field = f"{cls.__name__}.id" if named else cls.__name__
    values: list[Any] = []
    ids: list[str | None] = []
    numbers: list[int] = []
    rejected: list[RejectedRow] = []
    seen: dict[str, int] = {}
    read: Iterable[object] = rows  # defended: anything may arrive
    for index, row in enumerate(read):
        if not isinstance(row, Mapping):
            error = RowError(
                cls.__name__, None, raw_form(row), "a mapping of column names to values"
            )
            rejected.append(RejectedRow(index, None, {}, (error,)))
            continue
        errors: list[RowError] = []
        key = _row_id(row, id_column, given.missing)
        if key is not None and key in seen:
            errors.append(
                RowError(
                    id_field,
                    id_column,
                    key,
                    "an id no earlier row has",
                    f"row {seen[key]} has it",
                )
            )
        value = reader.read(row, errors)
        if errors:
            rejected.append(RejectedRow(index, key, _raw_row(row), tuple(errors)))
            continue
        if key is not None:
            seen[key] = index
        values.append(value)
        ids.append(key)
        numbers.append(index)
    return LoadedRecords(
        cls.__name__, tuple(values), tuple(ids), tuple(numbers), tuple(rejected)
    )
