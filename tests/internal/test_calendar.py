"""Periods: whole days, both ends included; elapsed shares and quarters."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import Period, from_dict, to_dict
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.strategies import dates

d = pendulum.date


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(dates(d(2020, 1, 1), d(2030, 12, 31)))
    return Period(start, start.add(days=draw(st.integers(0, 800))))


def test_trailing_twelve_months_ends_on_as_of_and_starts_the_day_after() -> None:
    period = Period.trailing(d(2026, 9, 30))
    assert (period.start, period.end, period.days) == (
        d(2025, 10, 1),
        d(2026, 9, 30),
        365,
    )
    assert Period.trailing(d(2026, 3, 31), months=1) == Period(
        d(2026, 3, 1), d(2026, 3, 31)
    )


def test_calendar_quarter_and_year_of_a_day() -> None:
    assert Period.quarter_of(d(2026, 11, 22)) == Period(d(2026, 10, 1), d(2026, 12, 31))
    assert Period.quarter_of(d(2026, 1, 1)) == Period(d(2026, 1, 1), d(2026, 3, 31))
    assert Period.year_of(d(2024, 2, 29)) == Period(d(2024, 1, 1), d(2024, 12, 31))
    assert Period.year_of(d(2024, 2, 29)).days == 366


def test_both_ends_are_in_the_period() -> None:
    period = Period(d(2026, 1, 1), d(2026, 1, 31))
    assert d(2026, 1, 1) in period
    assert d(2026, 1, 31) in period
    assert d(2025, 12, 31) not in period
    assert d(2026, 2, 1) not in period
    assert str(period) == "2026-01-01 to 2026-01-31"


def test_elapsed_counts_as_of_itself() -> None:
    period = Period(d(2026, 1, 1), d(2026, 1, 10))
    assert period.elapsed(d(2025, 12, 31)) == 0
    assert period.elapsed(d(2026, 1, 1)) == Fraction(1, 10)
    assert period.elapsed(d(2026, 1, 5)) == Fraction(1, 2)
    assert period.elapsed(d(2026, 1, 10)) == 1
    assert period.elapsed(d(2027, 1, 1)) == 1
    assert Period(d(2026, 1, 1), d(2026, 1, 1)).elapsed(d(2026, 1, 1)) == 1


def test_quarters_are_clipped_to_the_period() -> None:
    period = Period(d(2026, 2, 15), d(2026, 7, 4))
    assert period.quarters() == (
        Period(d(2026, 2, 15), d(2026, 3, 31)),
        Period(d(2026, 4, 1), d(2026, 6, 30)),
        Period(d(2026, 7, 1), d(2026, 7, 4)),
    )


def test_a_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"Period\.end.*on or after start"):
        Period(d(2026, 2, 1), d(2026, 1, 31))


def test_datetimes_and_bad_lengths_are_refused_by_name() -> None:
    with pytest.raises(InvalidTypeError, match=r"Period\.start"):
        Period(pendulum.datetime(2026, 1, 1), d(2026, 2, 1))
    with pytest.raises(InvalidTypeError, match=r"Period\.day"):
        _ = pendulum.datetime(2026, 1, 5) in Period(d(2026, 1, 1), d(2026, 2, 1))
    with pytest.raises(InvalidValueError, match=r"Period\.trailing\.months"):
        Period.trailing(d(2026, 1, 1), months=0)
    with pytest.raises(InvalidTypeError, match=r"Period\.elapsed\.as_of"):
        Period(d(2026, 1, 1), d(2026, 2, 1)).elapsed("soon")  # type: ignore[arg-type]


def test_round_trips_through_a_plain_dict() -> None:
    period = Period(d(2026, 1, 1), d(2026, 3, 31))
    assert to_dict(period) == {"start": "2026-01-01", "end": "2026-03-31"}
    assert from_dict(Period, to_dict(period)) == period


@given(periods(), dates(d(2019, 1, 1), d(2033, 12, 31)), st.integers(1, 400))
def test_elapsed_is_a_share_that_never_falls(
    period: Period, day: pendulum.Date, later: int
) -> None:
    share = period.elapsed(day)
    assert 0 <= share <= 1
    assert period.elapsed(day.add(days=later)) >= share
    assert (share == 0) == (day < period.start)


@given(periods())
def test_quarters_tile_the_period_in_order(period: Period) -> None:
    quarters = period.quarters()
    assert quarters[0].start == period.start
    assert quarters[-1].end == period.end
    assert sum(q.days for q in quarters) == period.days
    for one, following in itertools.pairwise(quarters):
        assert following.start == one.end.add(days=1)
        assert following.start.month in (1, 4, 7, 10)
        assert following.start.day == 1
