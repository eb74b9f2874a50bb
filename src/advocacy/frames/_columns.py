"""A frame argument's columns, read and refused as record ingest reads rows.

A rule declares the fields it reads of each frame argument (`Columns.ids`,
`flag`, `number`, `picklist`), then `check_frames` refuses what
`load_records` would, in two small queries over all its frames: a wrong
type by the schema; a missing required value, a number out of bounds or a
repeated id by one row of aggregates; a picklist value ingest cannot read by
the distinct values. Every refusal names the argument and the column
(`segment_supply_frame.advocates['tier']`), all of them at once.

Picklist text (industries, regions, tiers, and multi-select columns of
products or activity types, as text split on the mapping's separator or as
lists) is read by its distinct values: a CRM's picklists hold few, so they
are collected in one small query and parsed in Python by `advocacy._io.parse`
exactly as ingest parses them, and a rule on them becomes `is_in` over the
raw values that read right. Ids, which are not few, are compared in the
engine, trimmed.
"""

from __future__ import annotations

import ast
import enum
import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, cast

import attrs
import narwhals.stable.v2 as nw

from advocacy._internal.validation import raise_all
from advocacy._io import parse
from advocacy._io.mapping import ColumnMapping
from advocacy._io.regions import region_parser
from advocacy.exceptions import (
    FieldError,
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)
from advocacy.frames._native import (
    Frame,
    NumberChecks,
    NumericColumn,
    frame_of,
    require_columns,
    rows_of,
    schema_of,
)

__all__ = [
    "VALUE",
    "Columns",
    "Picklist",
    "check_frames",
    "enum_parser",
    "errors_of",
    "readable",
    "restored",
    "text_parser",
]

_WHICH: Final = "_advocacy_which"
_VALUE: Final = "_advocacy_value"
VALUE: Final = _VALUE
"""The column of the frame `check_frames` is given as `more`."""
_MORE: Final = "_more"
_KEY: Final = "_advocacy_key"
_COUNT: Final = "_advocacy_count"

_HINT: Final = (
    "name a field's column in the mapping: "
    "ColumnMapping(columns={'<field>': '<column>'})"
)


def errors_of(error: FieldError | InvalidFieldsError) -> list[FieldError]:
    """The refusals an error holds (one, or each of several)."""
    return list(error.errors) if isinstance(error, InvalidFieldsError) else [error]


def readable(frame: Frame, columns: Iterable[str]) -> tuple[Frame, dict[str, str]]:
    """`frame` with each of `columns` readable by name, and where each now is.

    Spark reads `policy.restricted` as the field of a struct `policy`, and
    narwhals does not escape it: a dotted column is renamed natively (lazily)
    first. On every other engine the frame is returned as it is.
    """
    wanted = list(dict.fromkeys(columns))
    dotted = [c for c in wanted if "." in c]
    if not dotted or not frame.implementation.is_spark_like():
        return frame, {c: c for c in wanted}
    renamed = {c: f"_advocacy_column_{n}" for n, c in enumerate(dotted)}
    native = nw.to_native(frame).withColumnsRenamed(renamed)
    return frame_of("frames", native), {c: renamed.get(c, c) for c in wanted}


def restored(frame: Frame, at: Mapping[str, str]) -> Frame:
    """`frame` with the columns `readable` renamed given their names back."""
    renamed = {actual: column for column, actual in at.items() if actual != column}
    if not renamed:
        return frame
    return frame_of("frames", nw.to_native(frame).withColumnsRenamed(renamed))


def text_parser(field: str, mapping: ColumnMapping) -> parse.Parser:
    """How ingest reads a text field (a region through the mapping's table)."""
    table = mapping.regions
    if table is None or not field.endswith("region"):
        return parse.text
    return region_parser(table)


def enum_parser(enum_cls: type[enum.Enum], mapping: ColumnMapping) -> parse.Parser:
    """How ingest reads one member of `enum_cls`, aliases included."""
    lookup = parse.enum_lookup(enum_cls, mapping.aliases.of(enum_cls))
    return parse.enum_member(enum_cls, lookup)


@attrs.frozen
class Picklist:
    """What each distinct raw value of a picklist column reads as.

    Attributes:
        column: The column's expression.
        listed: A list column: `read` maps each raw item to the item it
            reads as (`None`: a blank item, skipped). Otherwise `read` maps
            each raw cell to the items it reads as (one for a single-valued
            column; none for a missing cell).
    """

    column: nw.Expr
    listed: bool
    read: Mapping[Any, Any]

    def items(self) -> set[Any]:
        """Every item some cell holds."""
        if self.listed:
            return {item for item in self.read.values() if item is not None}
        return {item for items in self.read.values() for item in items}

    def has(self, wanted: Callable[[Any], bool]) -> nw.Expr:
        """Whether a row's cell holds an item `wanted` accepts (missing: no)."""
        found: nw.Expr
        if self.listed:
            tests = [
                self.column.list.contains(raw)
                for raw, item in self.read.items()
                if item is not None and wanted(item)
            ]
            found = functools.reduce(operator.or_, tests, nw.lit(value=False))
        else:
            cells = [raw for raw, items in self.read.items() if any(map(wanted, items))]
            found = self.column.is_in(cells) if cells else nw.lit(value=False)
        return found.fill_null(value=False)

    def value(self) -> nw.Expr:
        """A single-valued text column as ingest reads it (trimmed, looked up)."""
        changed = [
            (raw, item)
            for raw, items in self.read.items()
            for item in items
            if item != raw
        ]
        if not changed:
            return self.column
        # nw.when(...).then(...), then .when(...).then(...) for each other value.
        chain: Any = nw
        for raw, item in changed:
            chain = chain.when(self.column == raw).then(nw.lit(item))
        result: nw.Expr = chain.otherwise(self.column)
        return result


@attrs.frozen
class _Pick:
    field: str
    parser: parse.Parser
    multiple: bool
    required: bool
    listed: bool


class Columns:
    """The fields a rule reads of one frame argument, checked together.

    Declare the fields (`ids`, `flag`, `number`, `picklist`), then check
    them with `check_frames`, which reads `picklists` (by field).
    `col(field)` is a field's column; `prefix` names this reader's
    aggregates and picklist queries among those of several frames.
    """

    def __init__(
        self,
        owner: str,
        name: str,
        frame: Frame,
        fields: Mapping[str, str],
        mapping: ColumnMapping,
    ) -> None:
        """Read `fields` (field path to column) of `frame`, named `name`.

        `name` is the argument's name, in messages (`accounts['id']`) and
        in `prefix`.

        Raises:
            InvalidValueError: A column is absent (every absent one at once,
                in an `InvalidFieldsError` when several are).
        """
        self.owner, self.name, self.mapping = owner, name, mapping
        self.fields = dict(fields)
        self._shown = {column: column for column in fields.values()}
        try:
            self.schema = require_columns(owner, frame, fields, _HINT)
        except (FieldError, InvalidFieldsError) as error:
            found = self.renamed(errors_of(error))
            if len(found) == 1:
                raise found[0] from None
            raise InvalidFieldsError(owner, tuple(found)) from None
        self.frame, self._at = readable(frame, fields.values())
        self._shown = {actual: column for column, actual in self._at.items()}
        self._refused: list[FieldError] = []
        self._numbers: list[NumericColumn] = []
        self._nullable: set[str] = set()
        self._required: list[str] = []
        self._unique: list[str] = []
        self._picks: list[_Pick] = []
        self.picklists: dict[str, Picklist] = {}
        self.prefix = f"_{name}_"
        self._checks = NumberChecks(owner, {}, [])
        self._required_numbers: list[NumericColumn] = []

    # --- declaring ----------------------------------------------------------

    def col(self, field: str) -> nw.Expr:
        """The field's column."""
        return nw.col(self._at[self.fields[field]])

    def where(self, field: str) -> str:
        """How messages name the field's column: `accounts['tier']`."""
        return f"{self.name}[{self.fields[field]!r}]"

    def original(self, frame: Frame) -> Frame:
        """A frame derived from `self.frame` with the caller's column names."""
        return restored(frame, self._at)

    def trimmed(self, field: str) -> nw.Expr:
        """An id field's column as text, trimmed, as ingest reads an id."""
        return self.col(field).cast(nw.String()).str.strip_chars()

    def ids(self, field: str, *, unique: bool) -> None:
        """A required id field: text or whole numbers (each row's own if `unique`)."""
        dtype = self.schema[self.fields[field]]
        if dtype != nw.String and not dtype.is_integer():
            self._wrong_type(field, dtype, f"a String or integer column of {field}")
            return
        self._required.append(field)
        if unique:
            self._unique.append(field)

    def flag(self, field: str) -> None:
        """A yes/no field: a Boolean column (null: the field's default)."""
        dtype = self.schema[self.fields[field]]
        if dtype != nw.Boolean:
            self._wrong_type(
                field, dtype, f"a Boolean column (true, false or null) for {field}"
            )

    def number(
        self,
        field: str,
        low: float,
        high: float | None = None,
        *,
        whole: bool,
        required: bool,
    ) -> None:
        """A numeric field within bounds (NaN is missing; refused if `required`)."""
        actual = self._at[self.fields[field]]
        self._numbers.append(NumericColumn(field, actual, low, high, whole=whole))
        if not required:
            self._nullable.add(actual)

    def picklist(
        self, field: str, parser: parse.Parser, *, multiple: bool, required: bool
    ) -> None:
        """A text field of few values; `multiple`: a multi-select of items."""
        dtype = self.schema[self.fields[field]]
        listed = isinstance(dtype, nw.List) and dtype.inner == nw.String
        if dtype == nw.String or (multiple and listed):
            self._picks.append(_Pick(field, parser, multiple, required, listed))
            return
        kind = "a String or List(String) column" if multiple else "a String column"
        self._wrong_type(field, dtype, f"{kind} of {field}")

    def renamed(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """`frame['<column>']` refusals as this argument's (`accounts['id']`)."""
        found = []
        for error in errors:
            column = ast.literal_eval(error.field.removeprefix("frame")[1:-1])
            field = f"{self.name}[{self._shown.get(column, column)!r}]"
            found.append(
                type(error)(error.owner, field, error.value, error.expected, error.hint)
            )
        return found

    # --- checking -----------------------------------------------------------

    def aggregated(self) -> Frame:
        """One row of every aggregate the checks read, named `_<name>_...`."""
        schema = schema_of(self.frame)
        self._checks = NumberChecks(self.owner, schema, self._numbers)
        numeric = [spec for spec in self._numbers if schema[spec.column].is_numeric()]
        self._required_numbers = [
            spec for spec in numeric if spec.column not in self._nullable
        ]
        aggregates = [*self._checks.aggregates, *self._aggregates()]
        one = self._clean(numeric).select(*aggregates)
        return one.select(nw.all().name.prefix(self.prefix))

    def refusals(self, row: Mapping[str, Any]) -> list[FieldError]:
        """Every refusal by type and by the aggregates (`row`, theirs alone)."""
        found = [*self._refused, *self.renamed(self._checks.refusals(row))]
        return found + self._missing(row) + self._repeated(row)

    def parts(self, row: Mapping[str, Any]) -> list[Frame]:
        """The queries of each picklist's distinct values, one frame each."""
        parts = []
        for n, pick in enumerate(self._picks):
            which = nw.lit(f"{self.prefix}{n}").alias(_WHICH)
            column = self.col(pick.field)
            if not pick.listed:
                parts.append(self.frame.select(which, column.alias(_VALUE)))
                continue
            for i in range(int(row[f"_long{n}"] or 0)):
                shorter = self.frame.filter(column.list.len() > i)
                parts.append(shorter.select(which, column.list.get(i).alias(_VALUE)))
        return parts

    def read(self, raws: Mapping[str, list[Any]]) -> list[FieldError]:
        """Read the picklists from their distinct values; refuse the bad ones."""
        refused = []
        for n, pick in enumerate(self._picks):
            read, refusal = self._parse(pick, raws.get(f"{self.prefix}{n}", []))
            self.picklists[pick.field] = Picklist(
                self.col(pick.field), pick.listed, read
            )
            if refusal is not None:
                refused.append(refusal)
        return refused

    def _wrong_type(self, field: str, dtype: Any, expected: str) -> None:
        self._refused.append(
            InvalidTypeError(self.owner, self.where(field), str(dtype), expected)
        )

    def _clean(self, numeric: list[NumericColumn]) -> Frame:
        """The frame with NaN read as missing in the numeric columns checked."""
        schema = schema_of(self.frame)
        floats = [spec.column for spec in numeric if schema[spec.column].is_float()]
        if not floats:
            return self.frame
        return self.frame.with_columns(nw.col(*floats).fill_nan(None))

    def _aggregates(self) -> list[nw.Expr]:
        markers = sorted(self.mapping.missing | {""})
        found = [nw.len().alias(_COUNT)]
        for n, field in enumerate(self._required):
            blank = self.trimmed(field).str.to_lowercase().is_in(markers)
            missing = self.col(field).is_null() | blank.fill_null(value=True)
            found.append(missing.cast(nw.Int64()).sum().alias(f"_missing{n}"))
        for n, field in enumerate(self._unique):
            found.append(self.trimmed(field).n_unique().alias(f"_distinct{n}"))
        for n, spec in enumerate(self._required_numbers):
            nulls = nw.col(spec.column).is_null().cast(nw.Int64()).sum()
            found.append(nulls.alias(f"_nulls{n}"))
        for n, pick in enumerate(self._picks):
            if pick.listed:
                found.append(self.col(pick.field).list.len().max().alias(f"_long{n}"))
        return found

    def _missing(self, row: Mapping[str, Any]) -> list[FieldError]:
        """A refusal per required field some row has no value of."""
        numbers = enumerate(self._required_numbers)
        counts = {
            field: row[f"_missing{n}"] for n, field in enumerate(self._required)
        } | {spec.field: row[f"_nulls{n}"] for n, spec in numbers}
        return [
            InvalidValueError(
                self.owner,
                self.where(field),
                None,
                f"a value in every row ({field} is required)",
                f"{_rows(count)} none",
            )
            for field, count in counts.items()
            if count
        ]

    def _repeated(self, row: Mapping[str, Any]) -> list[FieldError]:
        """A refusal per unique id field whose ids repeat, naming one."""
        found: list[FieldError] = []
        for n, field in enumerate(self._unique):
            distinct, rows = row[f"_distinct{n}"], row[_COUNT]
            # No rows: DuckDB counts no distinct values as null, not 0.
            if not rows or distinct == rows:
                continue
            if row[f"_missing{self._required.index(field)}"]:
                continue  # a missing id is refused as such
            key = self.trimmed(field).alias(_KEY)
            repeats = (
                self.frame.select(key)
                .group_by(_KEY)
                .agg(nw.len().alias(_COUNT))
                .filter(nw.col(_COUNT) > 1)
                .sort(_KEY)
                .head(1)
            )
            (example,) = rows_of(repeats)
            found.append(
                InvalidValueError(
                    self.owner,
                    self.where(field),
                    example[_KEY],
                    "an id no other row has",
                    f"{_rows(rows - distinct)} an earlier row's id",
                )
            )
        return found

    def _parse(
        self, pick: _Pick, raws: list[Any]
    ) -> tuple[dict[Any, Any], FieldError | None]:
        """What each raw value reads as, and the refusal of the first bad one."""
        read: dict[Any, Any] = {}
        refusal = None
        for raw in sorted(raws, key=lambda raw: (raw is None, str(raw))):
            try:
                read[raw] = self._read(pick, raw)
            except parse.Unparsed as error:
                if refusal is None:
                    refusal = InvalidValueError(
                        self.owner,
                        self.where(pick.field),
                        raw,
                        error.expected,
                        error.hint,
                    )
        return read, refusal

    def _read(self, pick: _Pick, raw: Any) -> Any:
        """One raw value as ingest reads it (see `Picklist.read`)."""
        if pick.listed:
            if type(raw) is str and not raw.strip():
                return None
            return pick.parser(raw)
        if raw is None or parse.is_missing(raw, self.mapping.missing):
            if pick.required:
                raise parse.Unparsed(f"a value in every row ({pick.field} is required)")
            return frozenset()
        if pick.multiple:
            return parse.items(pick.parser, self.mapping.separator)(raw)
        return frozenset({pick.parser(raw)})


def _rows(count: int) -> str:
    return "1 row has" if count == 1 else f"{count} rows have"


def check_frames(
    owner: str, readers: Sequence[Columns], more: Callable[[], Frame] | None = None
) -> list[Any]:
    """Check every reader's fields in two queries; raise every refusal at once.

    The first query is one row of all the aggregates (the readers' one-row
    frames, cross-joined); the second the distinct values of every picklist,
    and, when nothing was refused, `more()`'s: a frame of one String column
    `VALUE` (its values are returned). The readers' `picklists` are read.

    Raises:
        InvalidTypeError: A column has the wrong type.
        InvalidValueError: A column holds what ingest refuses (every
            refusal of every reader, in an `InvalidFieldsError` if several).
    """
    one = functools.reduce(
        lambda left, right: left.join(cast("Any", right), how="cross"),
        [reader.aggregated() for reader in readers],
    )
    (row,) = rows_of(one)
    theirs = [
        {
            key.removeprefix(reader.prefix): value
            for key, value in row.items()
            if key.startswith(reader.prefix)
        }
        for reader in readers
    ]
    found = [
        e for r, mine in zip(readers, theirs, strict=True) for e in r.refusals(mine)
    ]
    parts = [p for r, mine in zip(readers, theirs, strict=True) for p in r.parts(mine)]
    if more is not None and not found:
        parts.append(more().select(nw.lit(_MORE).alias(_WHICH), nw.col(VALUE)))
    raws: dict[str, list[Any]] = {}
    if parts:
        for each in rows_of(nw.concat(cast("Any", parts)).unique()):
            raws.setdefault(each[_WHICH], []).append(each[_VALUE])
    for reader in readers:
        found += reader.read(raws)
    raise_all(owner, found)
    return raws.get(_MORE, [])
