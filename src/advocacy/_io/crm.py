"""What the CRM adapters share: the loaded program, joined rows, write-back figures.

An adapter turns a CRM's records into flat rows (an object's own properties
under their names, an associated object's under `<object>.<property>`),
reads them with record ingest, and turns results back into the payloads
the CRM's API takes. It never sends anything: the host does.

Keep this in step with docs/how-to/load-crm-data.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, NamedTuple, TypeVar

import attrs
import pendulum

from advocacy._internal.checks import instance_of
from advocacy._internal.text import headline_repr
from advocacy._internal.validation import as_date, check_fields, require, require_each
from advocacy._io import parse
from advocacy._io.ingest import LoadedRecords
from advocacy._io.mapping import ColumnMapping, Unit
from advocacy._io.regions import RegionTable
from advocacy._model.checks import ACTIVITY
from advocacy._model.customers import Account, Advocate, Signals
from advocacy._model.enums import DealOutcome, Tier
from advocacy._model.records import Activity, Opportunity
from advocacy._scoring.score import Score
from advocacy.exceptions import InvalidTypeError

__all__ = [
    "CrmRecords",
    "ProgramFields",
    "batches",
    "column_mapping",
    "deal_outcome",
    "flat",
    "is_customer",
    "participation",
    "program_fields",
    "prospect_id",
    "records_of",
    "score_total",
    "tier_value",
]

T = TypeVar("T")


@headline_repr
@attrs.frozen(repr=False)
class CrmRecords:
    """A program read from a CRM: each kind of value as record ingest loaded it.

    Every loaded value and every rejected row, with its reasons, is here:
    nothing read is lost.

    Attributes:
        accounts: Customer companies.
        advocates: Advocates, by the id of their CRM record.
        signals: What scoring reads, by advocate id (`signals.by_id()`).
        activities: Advocacy activities.
        opportunities: Deals.
        prospects: The ids of companies read only as deals' prospects: not
            customers by their lifecycle stage or type, so not accounts.
    """

    accounts: LoadedRecords[Account]
    advocates: LoadedRecords[Advocate]
    signals: LoadedRecords[Signals]
    activities: LoadedRecords[Activity]
    opportunities: LoadedRecords[Opportunity]
    prospects: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @property
    def loads(self) -> tuple[LoadedRecords[Any], ...]:
        """The five loads, in field order."""
        return (
            self.accounts,
            self.advocates,
            self.signals,
            self.activities,
            self.opportunities,
        )

    @property
    def rejected(self) -> int:
        """How many rows were rejected, over all five loads."""
        return sum(len(load.rejected) for load in self.loads)

    def explain(self) -> str:
        """Each load's counts and rejected rows, with their reasons."""
        lines = [load.explain() for load in self.loads]
        if self.prospects:
            count = len(self.prospects)
            companies = "1 company" if count == 1 else f"{count} companies"
            lines.append(f"{companies} read as prospects only (not customers)")
        return "\n".join(lines)


def column_mapping(
    columns: Mapping[str, str],
    *,
    regions: bool = False,
    units: Mapping[str, Unit] | None = None,
    row_id: str | None = None,
) -> ColumnMapping:
    """A schema's mapping: its columns, units and row id, countries if `regions`."""
    return ColumnMapping(
        columns=dict(columns),
        units={} if units is None else dict(units),
        regions=RegionTable.default() if regions else None,
        row_id=row_id,
    )


def records_of(owner: str, name: str, given: object, what: str) -> list[Any]:
    """The records of an argument, refused by name unless it is an iterable of them."""
    if isinstance(given, str | bytes | Mapping) or not isinstance(given, Iterable):
        raise InvalidTypeError(owner, name, type(given).__name__, what)
    return list(given)


def is_customer(value: object, customers: frozenset[str]) -> bool:
    """Whether a lifecycle stage or account type names a customer.

    An unknown stage (`None`, blank) counts as a customer, so the record is
    read as an account and built or rejected, never passed over.
    """
    if value is None or parse.is_missing(value):
        return True
    return isinstance(value, str) and parse.spelling(value) in {
        parse.spelling(word) for word in customers
    }


def prospect_id(
    record: object, id_key: str, stage: object, customers: frozenset[str]
) -> str | None:
    """The id of a company record that is a prospect, else `None`.

    A prospect has a readable id and a stage (or type) that is not a
    customer's. Anything else, a record without a readable id included, is
    read as an account: built, or rejected with its reasons, never listed
    under an id it does not have.
    """
    if not isinstance(record, Mapping) or is_customer(stage, customers):
        return None
    raw = record.get(id_key)
    if parse.is_missing(raw):
        return None
    try:
        found = parse.text(raw)
    except parse.Unparsed:
        return None
    return found or None


def flat(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A record with nested mappings flattened to dotted keys.

    `{"Account": {"Name": "Acme"}}` becomes `{"Account.Name": "Acme"}`.
    """
    found: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, Mapping):
            found.update(flat(value, f"{prefix}{key}."))
        else:
            found[f"{prefix}{key}"] = value
    return found


def deal_outcome(
    closed: object,
    won: object,
    stage: object,
    close_date: object,
    mapping: ColumnMapping,
) -> tuple[object, object]:
    """A deal's outcome and close date, as raw values for record ingest.

    From its closed and won flags when both are readable; else from its
    stage, read with the mapping's aliases (`"Closed Won"`, `"closedwon"`).
    A CRM's close date is the expected one while a deal is open, so it is
    kept only for a closed deal. A stage that names no outcome is passed on
    as it is, for ingest to refuse by name.
    """
    try:
        is_closed = parse.boolean(closed)
        is_won = parse.boolean(won)
    except parse.Unparsed:
        lookup = parse.enum_lookup(DealOutcome, mapping.aliases.of(DealOutcome))
        try:
            outcome = parse.enum_member(DealOutcome, lookup)(stage)
        except parse.Unparsed:
            return stage, None
        return outcome.value, None if outcome is DealOutcome.OPEN else close_date
    if not is_closed:
        return DealOutcome.OPEN.value, None
    return (DealOutcome.WON if is_won else DealOutcome.LOST).value, close_date


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """`items` in consecutive runs of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def participation(
    activities: Iterable[Activity],
    *,
    as_of: pendulum.Date,
    owner: str = "participation",
) -> dict[str, tuple[int, pendulum.Date]]:
    """Each advocate's activities completed, and the latest date, up to `as_of`.

    Activities dated after `as_of` are not counted. Advocates without an
    activity are absent. `owner` names the rule asking, in errors.
    """
    day = as_date(owner, "as_of", as_of)
    found: dict[str, tuple[int, pendulum.Date]] = {}
    for activity in require_each(owner, "activities", activities, ACTIVITY):
        if activity.date > day:
            continue
        count, last = found.get(activity.advocate_id, (0, activity.date))
        found[activity.advocate_id] = (count + 1, max(last, activity.date))
    return found


class ProgramFields(NamedTuple):
    """What a write-back sets on one advocate's CRM record."""

    id: str
    tier: str | None
    score: int
    completed: int
    last: str | None


def program_fields(
    owner: str,
    scores: Mapping[str, int | Score],
    tiers: Mapping[str, Tier | None],
    activities: Iterable[Activity],
    as_of: pendulum.Date,
) -> list[ProgramFields]:
    """What to write back for each scored id, in id order.

    Its tier's value, its score total, its activities completed and the date
    of the latest (ISO 8601) up to `as_of`; activities after it do not count.
    """
    require(owner, "scores", scores, _SCORES)
    require(owner, "tiers", tiers, _TIERS)
    figures = participation(activities, as_of=as_of, owner=owner)
    found = []
    for key in sorted(scores):
        completed, last = figures.get(key, (0, None))
        found.append(
            ProgramFields(
                id=key,
                tier=tier_value(owner, tiers, key),
                score=score_total(owner, key, scores[key]),
                completed=completed,
                last=None if last is None else last.isoformat(),
            )
        )
    return found


_SCORE: Final = "an int or a Score"
_SCORES: Final = instance_of(Mapping, "a mapping of id to score")
_TIERS: Final = instance_of(Mapping, "a mapping of id to Tier or None")


def score_total(owner: str, advocate_id: str, score: object) -> int:
    """A score's total, from an int or a `Score`."""
    if isinstance(score, Score):
        return score.total
    if isinstance(score, int) and not isinstance(score, bool):
        return score
    raise InvalidTypeError(owner, f"scores[{advocate_id!r}]", score, _SCORE)


def tier_value(
    owner: str, tiers: Mapping[str, Tier | None], advocate_id: str
) -> str | None:
    """The tier's value (`"champion"`), or `None` for no tier or an id not tiered."""
    tier: object = tiers.get(advocate_id)
    if tier is None:
        return None
    if not isinstance(tier, Tier):
        raise InvalidTypeError(owner, f"tiers[{advocate_id!r}]", tier, "a Tier or None")
    return tier.value
