"""Supply per segment: customers, approved references, their capacity, candidates.

An approved reference is an advocate no standing rule excludes from the
plan's activity (opted in, available, a tier allowed to be asked, an account
that allows it). Capacity is what the one capacity rule
(`advocacy._matching.capacity.asks_left`) leaves them in each quarter of the
plan's period; an advocate whose account falls in several segments (it owns
several products) counts an equal share in each.

Keep this in step with docs/explanation/gap-analysis.md.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, cast

import attrs
import pendulum

from advocacy._gaps.plan import DemandPlan, Segment, SegmentDimension
from advocacy._internal.calendar import quarter_starts
from advocacy._internal.validation import (
    require_each,
)
from advocacy._matching.capacity import History, quarter_asks
from advocacy._matching.eligibility import type_reasons
from advocacy._matching.policy import Policies
from advocacy._model.catalog import ActivityCatalog
from advocacy._model.checks import ACTIVITY, COMMITMENT
from advocacy._model.customers import Account, Advocate, SizeBands
from advocacy._model.enums import Tier
from advocacy._model.records import Activity, Commitment
from advocacy._scoring.model import ScoringModel
from advocacy.exceptions import UnknownKeyError

__all__ = ["Key", "Supply", "count_supply", "index_histories"]

Key = tuple[Any, ...]


def _key_reader(
    dimensions: Sequence[SegmentDimension], bands: SizeBands
) -> Callable[[Account], list[Key]]:
    """A function giving the segment keys of an account, fast.

    Keys are tuples of values in `SegmentDimension` order, not `Segment` values: a
    large customer base has millions of account-product pairs, and a
    validated value for each would cost more than all the counting. A
    customer has one key per product it owns when cut by product.
    """
    names = [
        d.value
        for d in dimensions
        if d not in (SegmentDimension.PRODUCT, SegmentDimension.SIZE)
    ]
    # attrgetter returns a bare value for one name and a tuple for several:
    # reading "id" as well keeps it a tuple (dropped below), unless no other
    # name is read at all.
    read: Callable[[Account], Any] = operator.attrgetter(*names, "id")
    sized = SegmentDimension.SIZE in dimensions
    by_product = SegmentDimension.PRODUCT in dimensions

    def keys(account: Account) -> list[Key]:
        fixed: Key = read(account)[:-1] if names else ()
        if sized:  # size is the last dimension
            fixed = (*fixed, bands.band(account.employees))
        if by_product:
            return [(product, *fixed) for product in account.products]
        return [fixed]

    return keys


def _segment(key: Key, dimensions: Sequence[SegmentDimension]) -> Segment:
    return Segment(**{d.value: v for d, v in zip(dimensions, key, strict=True)})


@attrs.frozen
class Supply:
    """Per segment: customers, approved references, capacity, candidates."""

    customers: dict[Segment, int]
    approved: dict[Segment, int]
    capacity: dict[Segment, Fraction]
    candidates: dict[Segment, list[tuple[int, str, str]]]


def count_supply(
    accounts: Sequence[Account],
    advocates: Sequence[Advocate],
    *,
    plan: DemandPlan,
    dimensions: Sequence[SegmentDimension],
    policies: Policies,
    histories: Mapping[str, History],
    totals: Mapping[str, int],
    qualify: ScoringModel,
) -> Supply:
    """Count customers, approved references and their capacity per segment."""
    keys_of = _key_reader(dimensions, policies.match.size_bands)
    wanted = {a.account_id for a in advocates}
    customers: Counter[Key] = Counter()
    homes: dict[str, tuple[Account, list[Key]]] = {}
    for account in accounts:
        keys = keys_of(account)
        customers.update(keys)
        if account.id in wanted:
            homes[account.id] = (account, keys)
    approved: Counter[Key] = Counter()
    capacity: dict[Key, Fraction] = {}
    candidates: dict[Key, list[tuple[int, str, str]]] = {}
    quarters = quarter_starts(plan.start, plan.end)
    for advocate in advocates:
        if advocate.account_id not in homes:
            raise UnknownKeyError(
                "reference_gaps",
                "accounts",
                advocate.account_id,
                f"an account for every advocate (advocate {advocate.id!r})",
            )
        home, keys = homes[advocate.account_id]
        if not keys:  # an account owning no product, cut by product
            continue
        if type_reasons(advocate, home, plan.activity, policies):
            total = totals.get(advocate.id)
            if (
                total is not None
                and qualify.qualifies(total)
                and not advocate.opted_out
            ):
                for key in keys:
                    candidates.setdefault(key, []).append(
                        (-total, advocate.id, home.id)
                    )
            continue
        left = _capacity(advocate, histories[advocate.id], quarters, plan, policies)
        share = Fraction(left, len(keys))
        for key in keys:
            approved[key] += 1
            capacity[key] = capacity.get(key, Fraction(0)) + share
    segment = {key: _segment(key, dimensions) for key in customers}
    return Supply(
        customers={segment[k]: n for k, n in customers.items()},
        approved={segment[k]: n for k, n in approved.items()},
        capacity={segment[k]: c for k, c in capacity.items()},
        candidates={segment[k]: found for k, found in candidates.items()},
    )


def _capacity(
    advocate: Advocate,
    history: History,
    quarters: Sequence[pendulum.Date],
    plan: DemandPlan,
    policies: Policies,
) -> int:
    """Asks of the plan's activity an approved advocate can still take."""
    # Approved advocates hold a tier: the standing rules refuse those without.
    tier = cast("Tier", advocate.tier)
    return sum(
        quarter_asks(tier, history, plan.activity, quarter, policies)
        for quarter in quarters
    )


def index_histories(
    people: Sequence[Advocate],
    activities: Iterable[Activity],
    commitments: Iterable[Commitment],
    catalog: ActivityCatalog,
    owner: str,
) -> dict[str, History]:
    """Each advocate's records, indexed by quarter (others' records are ignored)."""
    done: dict[str, list[Activity]] = {a.id: [] for a in people}
    for activity in require_each(owner, "activities", activities, ACTIVITY):
        done.get(activity.advocate_id, []).append(activity)
    asked: dict[str, list[Commitment]] = {a.id: [] for a in people}
    for commitment in require_each(owner, "commitments", commitments, COMMITMENT):
        asked.get(commitment.advocate_id, []).append(commitment)
    return {a.id: History.build(done[a.id], asked[a.id], catalog) for a in people}
