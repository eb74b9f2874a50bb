"""The points ledger: earn, reverse and redeem events replayed into balances.

The library keeps no state. The host stores what happened to advocates'
points as events, each with its own id, and `points_ledger` replays them, in
the order given, into each advocate's figures:

- *earned*: the points of every earn event;
- *reversed*: the points a reverse event clawed back from the balance;
- *written off*: the part of a reversal that could not be clawed back
  because it had already been spent (the advocate keeps the reward);
- *redeemed*: the points spent on rewards;
- *balance* (spendable) = earned - reversed - redeemed, never negative;
- *lifetime* = earned - reversed - written off: the points of every earn
  that still stands. Redemptions never lower it; a reversed earn leaves it
  whole, whether or not it could be clawed back.

Rules, checked in this order for each event:

1. An event whose id was applied before is ignored if it is the same event
   (a repeat: it counts once) and refused if it is a different one.
2. Events must be in time order (equal times are fine); a repeat is
   recognised first, so a re-delivered event may carry its original time.
3. The advocate must be one of the known advocates.
4. A reverse names an earn applied before, of the same advocate, not yet
   reversed, and carries its points. It claws back at most the balance;
   the rest is written off.
5. A redeem may not exceed the balance, the advocate's limit for the period
   or the program's limit for the period (`RedemptionLimits`).

A refused event raises a library error naming it and changes nothing.

Keep this in step with docs/explanation/ledger.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from advocacy._gamification.points import (
    PointsBalance,
    PointsEvent,
    PointsEventKind,
    RedemptionLimits,
    Reversal,
)
from advocacy._internal.checks import instance_of
from advocacy._internal.text import plural, table, when
from advocacy._internal.validation import check_fields, require
from advocacy._model.checks import ADVOCATE
from advocacy._model.customers import Advocate
from advocacy.exceptions import InvalidValueError, UnknownKeyError

__all__ = ["PointsLedger", "points_ledger"]


_EVENT: Final = instance_of(PointsEvent, "a PointsEvent")
_EVENTS: Final = instance_of(Iterable, "an iterable of PointsEvent")
_ADVOCATES: Final = instance_of(Mapping, "a mapping of advocate id to Advocate")
_LIMITS: Final = instance_of(RedemptionLimits, "a RedemptionLimits")
_OWNER: Final = "PointsLedger"


@attrs.define
class _Figures:
    earned: int = 0
    reversed: int = 0
    written_off: int = 0
    redeemed: int = 0
    balance: int = 0


@attrs.define
class _Fold:
    """The mutable replay behind `points_ledger`: every check before any change."""

    owner: str
    advocates: Mapping[str, Advocate]
    limits: RedemptionLimits
    events: list[PointsEvent] = attrs.Factory(list)
    by_id: dict[str, PointsEvent] = attrs.Factory(dict)
    figures: dict[str, _Figures] = attrs.Factory(dict)
    reversed_by: dict[str, str] = attrs.Factory(dict)
    reversals: list[Reversal] = attrs.Factory(list)
    usage: dict[str, dict[str, int]] = attrs.Factory(dict)
    repeats: list[str] = attrs.Factory(list)

    def apply(self, field: str, event: PointsEvent) -> None:
        """Check `event` (named `field` in errors) and apply it."""
        require(self.owner, field, event, _EVENT)
        earlier = self.by_id.get(event.id)
        if earlier is not None:
            if earlier == event:
                self.repeats.append(event.id)
                return
            raise InvalidValueError(
                self.owner,
                f"{field}.id",
                event.id,
                "an id not used by another event",
                hint=f"an earlier {earlier.kind.value!r} event has this id; a "
                "repeat must be the same event",
            )
        if self.events and event.at < self.events[-1].at:
            last = self.events[-1]
            raise InvalidValueError(
                self.owner,
                f"{field}.at",
                event.at,
                f"a time on or after {when(last.at)}, the time of {last.id} "
                "before it; events must be in time order",
            )
        who = event.advocate_id
        if who not in self.advocates:
            raise UnknownKeyError(
                self.owner,
                f"{field}.advocate_id",
                who,
                "the id of an advocate in advocates",
            )
        require(self.owner, f"advocates[{who!r}]", self.advocates[who], ADVOCATE)
        figures = self.figures.get(who, _Figures())
        if event.kind is PointsEventKind.EARN:
            figures.earned += event.points
            figures.balance += event.points
        elif event.kind is PointsEventKind.REVERSE:
            self.reverse(field, event, figures)
        else:
            self.redeem(field, event, figures)
        self.figures[who] = figures
        self.by_id[event.id] = event
        self.events.append(event)

    def reverse(self, field: str, event: PointsEvent, figures: _Figures) -> None:
        earn_id = str(event.reverses)
        earn = self.by_id.get(earn_id)
        if earn is None:
            raise UnknownKeyError(
                self.owner,
                f"{field}.reverses",
                earn_id,
                "the id of an earn event applied before it",
            )
        if earn.kind is not PointsEventKind.EARN:
            expected = f"the id of an earn event; {earn_id} is a {earn.kind.value!r}"
        elif earn_id in self.reversed_by:
            expected = (
                f"an earn not reversed yet; {earn_id} was reversed by "
                f"{self.reversed_by[earn_id]}"
            )
        else:
            expected = None
        if expected is not None:
            raise InvalidValueError(self.owner, f"{field}.reverses", earn_id, expected)
        if earn.advocate_id != event.advocate_id:
            raise InvalidValueError(
                self.owner,
                f"{field}.advocate_id",
                event.advocate_id,
                f"{earn.advocate_id!r}, who earned {earn_id}",
            )
        if earn.points != event.points:
            raise InvalidValueError(
                self.owner,
                f"{field}.points",
                event.points,
                f"{earn.points}, the points of {earn_id}",
            )
        clawed_back = min(event.points, figures.balance)
        written_off = event.points - clawed_back
        figures.reversed += clawed_back
        figures.written_off += written_off
        figures.balance -= clawed_back
        self.reversed_by[earn_id] = event.id
        self.reversals.append(
            Reversal(
                event.id,
                earn_id,
                event.advocate_id,
                event.points,
                clawed_back,
                written_off,
            )
        )

    def redeem(self, field: str, event: PointsEvent, figures: _Figures) -> None:
        who, points, limits = event.advocate_id, event.points, self.limits
        name = f"{field}.points"
        if points > figures.balance:
            raise InvalidValueError(
                self.owner,
                name,
                points,
                f"at most {who}'s spendable balance of {figures.balance:,} points",
            )
        period = limits.period.of(event.at)
        used = self.usage.get(period, {})
        mine, everyone = used.get(who, 0), sum(used.values())
        if limits.per_advocate is not None and mine + points > limits.per_advocate:
            raise InvalidValueError(
                self.owner,
                name,
                points,
                f"at most {limits.per_advocate - mine:,} points: {who} may redeem "
                f"{limits.per_advocate:,} a {limits.period.value} and redeemed "
                f"{mine:,} in {period}",
            )
        if limits.program is not None and everyone + points > limits.program:
            raise InvalidValueError(
                self.owner,
                name,
                points,
                f"at most {limits.program - everyone:,} points: the program may "
                f"redeem {limits.program:,} a {limits.period.value} in all and "
                f"redeemed {everyone:,} in {period}",
            )
        figures.redeemed += points
        figures.balance -= points
        used[who] = mine + points
        self.usage[period] = used

    def ledger(self) -> PointsLedger:
        return PointsLedger(
            limits=self.limits,
            advocates=dict(self.advocates),
            events=tuple(self.events),
            repeats=tuple(self.repeats),
            balances={
                who: PointsBalance(who, **attrs.asdict(self.figures[who]))
                for who in sorted(self.figures)
            },
            reversals=tuple(self.reversals),
            redemptions={
                period: dict(sorted(self.usage[period].items()))
                for period in sorted(self.usage)
            },
        )


def _start(
    owner: str,
    events: Iterable[PointsEvent],
    advocates: Mapping[str, Advocate],
    limits: RedemptionLimits | None,
) -> _Fold:
    require(owner, "events", events, _EVENTS)
    require(owner, "advocates", advocates, _ADVOCATES)
    if limits is None:
        limits = RedemptionLimits.default()
    require(owner, "limits", limits, _LIMITS)
    return _Fold(owner, advocates, limits)


@attrs.frozen(repr=False)
class PointsLedger:
    """Every advocate's points after the events, and how they got there.

    Made by `points_ledger`; every figure is derived from the events.

    Attributes:
        limits: The redemption limits applied.
        advocates: The known advocates, by id.
        events: The events applied, in order, repeats left out: distinct
            ids, in time order, each of a known advocate.
        repeats: Ids of events ignored as repeats, in the order they came
            (each the id of an event applied).
        balances: Advocate id to figures, for every advocate with an event,
            in id order; the sums of their events and reversals.
        reversals: What each reverse event clawed back, in order: one per
            reverse event.
        redemptions: Period (`2026-Q1`) to advocate id to points redeemed,
            in order: the redeem events' points, within the limits.
    """

    limits: RedemptionLimits
    advocates: Mapping[str, Advocate]
    events: tuple[PointsEvent, ...]
    repeats: tuple[str, ...]
    balances: Mapping[str, PointsBalance]
    reversals: tuple[Reversal, ...]
    redemptions: Mapping[str, Mapping[str, int]]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that every figure follows from the events."""
        check_fields(self)
        self._check_events()
        self._check_reversals()
        self._check_figures()

    def _check_events(self) -> None:
        """Distinct ids in time order, of known advocates; repeats of them."""
        ids: set[str] = set()
        for index, event in enumerate(self.events):
            before = self.events[index - 1] if index else event
            value: object
            if event.id in ids:
                name, value, expected = "id", event.id, "an id not used before"
            elif event.at < before.at:
                name, value = "at", event.at
                expected = f"a time on or after {when(before.at)} ({before.id})"
            elif event.advocate_id not in self.advocates:
                name, value = "advocate_id", event.advocate_id
                expected = "the id of an advocate in advocates"
            else:
                ids.add(event.id)
                continue
            raise InvalidValueError(_OWNER, f"events[{index}].{name}", value, expected)
        for index, repeat in enumerate(self.repeats):
            if repeat not in ids:
                expected = "the id of an event applied"
                raise InvalidValueError(_OWNER, f"repeats[{index}]", repeat, expected)

    def _check_reversals(self) -> None:
        """One reversal per reverse event, in order, of its earn and points."""
        made = [
            (e.id, e.reverses, e.advocate_id, e.points)
            for e in self.events
            if e.kind is PointsEventKind.REVERSE
        ]
        found = [
            (r.event_id, r.earn_id, r.advocate_id, r.points) for r in self.reversals
        ]
        if found != made:
            raise InvalidValueError(
                _OWNER,
                "reversals",
                self.reversals,
                "one reversal per reverse event, in order, with its event id, "
                "earn id, advocate and points",
            )

    def _check_figures(self) -> None:
        """Balances and redemptions: the sums of the events, within the limits."""
        figures: dict[str, list[int]] = {}  # earned, reversed, written off, redeemed
        used: dict[str, dict[str, int]] = {}
        for event in self.events:
            mine = figures.setdefault(event.advocate_id, [0, 0, 0, 0])
            if event.kind is PointsEventKind.EARN:
                mine[0] += event.points
            elif event.kind is PointsEventKind.REDEEM:
                mine[3] += event.points
                period = used.setdefault(self.limits.period.of(event.at), {})
                who = event.advocate_id
                period[who] = period.get(who, 0) + event.points
        for done in self.reversals:
            figures[done.advocate_id][1] += done.clawed_back
            figures[done.advocate_id][2] += done.written_off
        for who in sorted(figures.keys() | self.balances.keys()):
            self._check_balance(who, figures.get(who))
        self._check_redemptions(used)

    def _check_balance(self, who: str, figures: list[int] | None) -> None:
        found = self.balances.get(who)
        if figures is None:
            expected = "no figures: no event is theirs"
        elif found is None or [who, *figures] != [
            found.advocate_id,
            found.earned,
            found.reversed,
            found.written_off,
            found.redeemed,
        ]:
            earned, clawed_back, written_off, redeemed = figures
            expected = (
                f"{who}'s figures from the events: earned {earned}, reversed "
                f"{clawed_back}, written off {written_off}, redeemed {redeemed}"
            )
        else:
            return
        raise InvalidValueError(_OWNER, f"balances[{who!r}]", found, expected)

    def _check_redemptions(self, used: dict[str, dict[str, int]]) -> None:
        limits = self.limits
        if self.redemptions != used:
            raise InvalidValueError(
                _OWNER,
                "redemptions",
                dict(self.redemptions),
                f"the points of the redeem events per {limits.period.value} and "
                f"advocate: {used}",
            )
        for period, points in used.items():
            most = max(points, key=points.__getitem__)
            for name, redeemed, limit, words in (
                (f"[{most!r}]", points[most], limits.per_advocate, "per-advocate"),
                ("", sum(points.values()), limits.program, "program"),
            ):
                if limit is not None and redeemed > limit:
                    raise InvalidValueError(
                        _OWNER,
                        f"redemptions[{period!r}]{name}",
                        redeemed,
                        f"at most the {words} limit ({limit:,})",
                    )

    def balance(self, advocate_id: str) -> PointsBalance:
        """The figures of one known advocate (all 0 if they have no events).

        Raises:
            UnknownKeyError: `advocate_id` is not a known advocate.
        """
        found = self.balances.get(advocate_id)
        if found is not None:
            return found
        if advocate_id in self.advocates:
            return PointsBalance(advocate_id)
        raise UnknownKeyError(
            "PointsLedger", "advocate_id", advocate_id, "the id of a known advocate"
        )

    def redeemed_in(self, period: str, advocate_id: str | None = None) -> int:
        """Points redeemed in `period` (`"2026-Q1"`, `"2026-03"`), by one or all."""
        used = self.redemptions.get(period, {})
        if advocate_id is None:
            return sum(used.values())
        return used.get(advocate_id, 0)

    def apply(self, events: Iterable[PointsEvent]) -> PointsLedger:
        """The ledger after more events; this one is left as it is.

        Errors name the new events by their position among `events`.

        Args:
            events: The events that followed, in order.

        Returns:
            A new ledger.

        Raises:
            InvalidValueError: An event is refused (see `points_ledger`).
            UnknownKeyError: An event names an unknown advocate or earn.
            InvalidTypeError: An event is not a `PointsEvent`.
        """
        fold = _start("PointsLedger.apply", events, self.advocates, self.limits)
        for event in self.events:
            fold.apply("events", event)
        fold.repeats = list(self.repeats)
        for index, event in enumerate(events):
            fold.apply(f"events[{index}]", event)
        return fold.ledger()

    def explain(self) -> str:
        """The ledger in words: totals, limits, each advocate, each reversal."""
        lines = [
            (
                f"points ledger: {plural(len(self.events), 'event')}, "
                f"{plural(len(self.repeats), 'repeat')} ignored, "
                f"{plural(len(self.balances), 'advocate')} with points"
            ),
            self.limits.explain(),
            *(b.explain() for b in self.balances.values()),
            *(r.explain() for r in self.reversals),
        ]
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per advocate with points, ready for `pandas.DataFrame`."""
        return [
            {**attrs.asdict(b), "lifetime": b.lifetime} for b in self.balances.values()
        ]

    def __repr__(self) -> str:
        """`PointsLedger(9 events, 2 advocates, 1,230 points spendable)`."""
        spendable = sum(b.balance for b in self.balances.values())
        return (
            f"PointsLedger({plural(len(self.events), 'event')}, "
            f"{plural(len(self.balances), 'advocate')}, {spendable:,} points "
            "spendable)"
        )

    def _repr_html_(self) -> str:
        records = self.to_records()
        head = [
            "advocate_id",
            "lifetime",
            "balance",
            "earned",
            "reversed",
            "written_off",
            "redeemed",
        ]
        return table(head, [[r[key] for key in head] for r in records])


def points_ledger(
    events: Iterable[PointsEvent],
    *,
    advocates: Mapping[str, Advocate],
    limits: RedemptionLimits | None = None,
) -> PointsLedger:
    """Replay points events, in the order given, into every advocate's figures.

    balance = earned - reversed - redeemed, never negative; lifetime =
    earned - reversed - written off. A repeated event (same id, same event)
    counts once; a reverse claws back at most the balance and writes off the
    rest; a redeem beyond the balance or a limit is refused. See the module
    notes and docs/explanation/ledger.md for every rule.

    Args:
        events: The events, in time order (equal times are fine).
        advocates: Advocate id to advocate, for every advocate with points.
        limits: Redemption limits (default `RedemptionLimits.default()`).

    Returns:
        The ledger.

    Raises:
        InvalidValueError: An id is reused by a different event, an event is
            dated before the one it follows, a reverse does not match its
            earn or names one already reversed, or a redeem exceeds the
            balance or a limit.
        UnknownKeyError: An event names an advocate not in `advocates`, or a
            reverse names an earn not applied before it.
        InvalidTypeError: An argument or event is of the wrong kind.
    """
    fold = _start("points_ledger", events, advocates, limits)
    for index, event in enumerate(events):
        fold.apply(f"events[{index}]", event)
    return fold.ledger()
