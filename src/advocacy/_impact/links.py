"""Opportunities linked to the advocacy that touched them, seen as of a date.

An opportunity's linked activities are the union of both links: the ids in
`Opportunity.activity_ids` and every activity whose `opportunity_id` names
it. A linked activity counts only inside the attribution window:

```text
end    = the close date of a deal won or lost by as_of, else as_of
counts = end - window_days <= activity.date <= end    (no lower bound if
                                                       window_days is None)
```

An opportunity created after `as_of` is left out; one closed after it is
still open. Attribution and reference impact both read deals this way.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import attrs
import pendulum

from advocacy._internal.checks import integer, optional
from advocacy._internal.validation import require, unique_ids
from advocacy._model.checks import ACTIVITY, OPPORTUNITY
from advocacy._model.enums import DealOutcome
from advocacy._model.money import Money, one_currency
from advocacy._model.records import Activity, Opportunity
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidValueError,
    UnknownKeyError,
)

__all__ = ["Link", "deal_currency", "link_activities"]


@attrs.frozen
class Link:
    """An opportunity as seen on `as_of`, with its linked activities split.

    Attributes:
        opportunity: The record.
        outcome: Its outcome on `as_of`.
        end: Its close date if it closed by `as_of`, else `as_of`.
        counted: Linked activities inside the window, by date then id.
        outside: Linked activities outside it, by date then id.
    """

    opportunity: Opportunity
    outcome: DealOutcome
    end: pendulum.Date
    counted: tuple[Activity, ...]
    outside: tuple[Activity, ...]


_WINDOW: Final = optional(integer(0))


def link_activities(
    owner: str,
    opportunities: Iterable[Opportunity],
    activities: Iterable[Activity],
    *,
    as_of: pendulum.Date,
    window_days: int | None,
) -> tuple[list[Link], int]:
    """Each opportunity created by `as_of`, with its activities split by the window.

    Returns:
        The links in opportunity id order, and how many opportunities were
        created after `as_of`.

    Raises:
        InvalidTypeError: An item is not an `Opportunity` or `Activity`.
        InvalidValueError: Two opportunities, or two activities, share an id.
        UnknownKeyError: An opportunity links an activity not given.
    """
    require(owner, "window_days", window_days, _WINDOW)
    deals = unique_ids(owner, "opportunities", opportunities, OPPORTUNITY)
    known = unique_ids(owner, "activities", activities, ACTIVITY)
    pointed: dict[str, set[str]] = {}
    for activity in known.values():
        if activity.opportunity_id is not None:
            pointed.setdefault(activity.opportunity_id, set()).add(activity.id)
    links = []
    later = 0
    for deal_id in sorted(deals):
        deal: Opportunity = deals[deal_id]
        missing = sorted(i for i in deal.activity_ids if i not in known)
        if missing:
            raise UnknownKeyError(
                owner,
                "activities",
                missing[0],
                f"every activity opportunity {deal_id} links to",
                "pass all the activities the opportunities link to",
            )
        if deal.created > as_of:
            later += 1
            continue
        if deal.closed is not None and deal.closed <= as_of:
            outcome, end = deal.outcome, deal.closed
        else:
            outcome, end = DealOutcome.OPEN, as_of
        start = None if window_days is None else end.subtract(days=window_days)
        linked = sorted(
            (known[i] for i in deal.activity_ids | pointed.get(deal_id, set())),
            key=lambda a: (a.date, a.id),
        )
        counted = tuple(
            a for a in linked if a.date <= end and (start is None or a.date >= start)
        )
        outside = tuple(a for a in linked if a not in counted)
        links.append(Link(deal, outcome, end, counted, outside))
    return links, later


def deal_currency(
    owner: str, opportunities: Sequence[Opportunity], currency: str | None
) -> str:
    """The one currency of the deals' amounts (or `currency`, which must agree).

    Raises:
        CurrencyMismatchError: Amounts in several currencies, or not in
            `currency`.
        InvalidValueError: No deals and no currency to report in.
    """
    if currency is not None:
        code = Money.zero(currency).currency
        for deal in opportunities:
            if deal.amount.currency != code:
                raise CurrencyMismatchError(owner, (code, deal.amount.currency))
        return code
    found = one_currency(owner, [d.amount for d in opportunities])
    if found is None:
        raise InvalidValueError(
            owner,
            "currency",
            None,
            "a currency when there are no opportunities to take it from",
        )
    return found
