"""A reporting period: a run of whole days, both ends included.

Health reports, goals and load fairness all read records "in a period".
One value says what that means everywhere: a record dated `day` is in the
period when `start <= day <= end`. The share of a period elapsed on `as_of`
counts whole days, `as_of` included: on the first day 1 / days, on the last
day 1.
"""

from __future__ import annotations

import calendar
import functools
from fractions import Fraction
from typing import Final, cast

import attrs
import pendulum

from advocacy._internal.checks import date, instance_of, integer
from advocacy._internal.convert import to_date
from advocacy._internal.validation import (
    as_date,
    check_fields,
    checked,
    in_order,
    require,
)

__all__ = [
    "PERIOD",
    "Period",
    "is_month_end",
    "months_before",
    "next_quarter",
    "quarter_start",
    "quarter_starts",
]


@attrs.frozen
class Period:
    """A run of whole days from `start` to `end`, both included.

    Attributes:
        start: The first day.
        end: The last day (on or after `start`).
    """

    start: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))
    end: pendulum.Date = attrs.field(converter=to_date, metadata=checked(date))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the period does not end before it starts."""
        check_fields(self)
        in_order(self, "start", "end")

    @classmethod
    def trailing(cls, as_of: pendulum.Date, *, months: int = 12) -> Period:
        """The `months` months ending on `as_of`: the day after `as_of - months`.

        `Period.trailing(date(2026, 9, 30))` is 2025-10-01 to 2026-09-30.
        """
        end = as_date("Period.trailing", "as_of", as_of)
        return cls(months_before("Period.trailing", end, months).add(days=1), end)

    @classmethod
    def quarter_of(cls, day: pendulum.Date) -> Period:
        """The calendar quarter `day` falls in."""
        first = quarter_start(as_date("Period.quarter_of", "day", day))
        return cls(first, first.add(months=3).subtract(days=1))

    @classmethod
    def year_of(cls, day: pendulum.Date) -> Period:
        """The calendar year `day` falls in."""
        year = as_date("Period.year_of", "day", day).year
        return cls(pendulum.Date(year, 1, 1), pendulum.Date(year, 12, 31))

    @property
    def days(self) -> int:
        """Days in the period, both ends counted."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        """Whether a date falls in the period (`day in period`)."""
        return self.start <= as_date("Period", "day", day) <= self.end

    def elapsed(self, as_of: pendulum.Date) -> Fraction:
        """The share of the period's days up to and including `as_of`, in [0, 1]."""
        day = as_date("Period.elapsed", "as_of", as_of)
        if day < self.start:
            return Fraction(0)
        if day >= self.end:
            return Fraction(1)
        return Fraction((day - self.start).days + 1, self.days)

    def quarters(self) -> tuple[Period, ...]:
        """The calendar quarters the period touches, clipped to the period."""
        found = []
        first = quarter_start(self.start)
        while first <= self.end:
            last = first.add(months=3).subtract(days=1)
            found.append(Period(max(first, self.start), min(last, self.end)))
            first = first.add(months=3)
        return tuple(found)

    def __str__(self) -> str:
        """`2025-10-01 to 2026-09-30`."""
        return f"{self.start} to {self.end}"


PERIOD: Final = instance_of(Period, "a Period")
"""Accept a `Period`."""


def months_before(owner: str, day: pendulum.Date, months: object) -> pendulum.Date:
    """`day` less `months` months: a count from 1 back to the calendar's first month.

    Raises:
        InvalidValueError: `months` is below 1, or reaches before year 1.
        InvalidTypeError: `months` is not an integer.
    """
    most = (day.year - 1) * 12 + day.month - 1
    count = cast("int", require(owner, "months", months, integer(1, most)))
    return day.subtract(months=count)


def is_month_end(day: pendulum.Date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def quarter_start(day: pendulum.Date) -> pendulum.Date:
    """The first day of `day`'s calendar quarter."""
    return _quarter_start(day.year, (day.month - 1) // 3)


@functools.lru_cache(maxsize=1024)
def _quarter_start(year: int, quarter: int) -> pendulum.Date:
    """The first day of a year's quarter (0 to 3), made once: dates are values."""
    return pendulum.Date(year, 3 * quarter + 1, 1)


def next_quarter(day: pendulum.Date) -> pendulum.Date:
    """The first day of the calendar quarter after `day`'s."""
    return quarter_start(day).add(months=3)


def quarter_starts(start: pendulum.Date, end: pendulum.Date) -> list[pendulum.Date]:
    """The first days of the calendar quarters the period touches."""
    quarters, quarter = [], quarter_start(start)
    while quarter <= end:
        quarters.append(quarter)
        quarter = quarter.add(months=3)
    return quarters
