"""Lenient parsers: every form a CRM export or DataFrame writes, and the boundaries."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import ActivityType, DealOutcome, Tier
from advocacy._io import parse
from advocacy._io.parse import Unparsed

REVIEW_LOOKUP = parse.enum_lookup(ActivityType, {"review": ActivityType.ONLINE_REVIEW})
ACTIVITY = parse.enum_member(ActivityType, REVIEW_LOOKUP)


class TestMissing:
    @pytest.mark.parametrize(
        "value",
        [
            None,
            "",
            "  ",
            "N/A",
            "n/a",
            "NA",
            "null",
            "NULL",
            "None",
            "nan",
            "NaT",
            "<NA>",
            "-",
            "--",
            float("nan"),
            np.float64("nan"),
            Decimal("NaN"),
            pd.NA,
            pd.NaT,
            np.datetime64("NaT"),
        ],
    )
    def test_no_value(self, value: object) -> None:
        assert parse.is_missing(value)

    @pytest.mark.parametrize(
        "value", [0, 0.0, False, "0", "no", "x", np.int64(0), np.array([1, 2]), [], {}]
    )
    def test_a_value(self, value: object) -> None:
        assert not parse.is_missing(value)

    def test_markers_are_the_given_ones(self) -> None:
        assert parse.is_missing("unknown", frozenset({"unknown"}))
        assert not parse.is_missing("N/A", frozenset({"unknown"}))
        assert parse.is_missing(None, frozenset())


class TestText:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (" Acme ", "Acme"),
            (1234, "1234"),
            (1234.0, "1234"),
            (np.int64(7), "7"),
            (Decimal("12.00"), "12"),
            ("", ""),
        ],
    )
    def test_read(self, value: object, expected: str) -> None:
        assert parse.text(value) == expected

    @pytest.mark.parametrize("value", [True, 1.5, float("inf"), ["a"], object()])
    def test_refused(self, value: object) -> None:
        with pytest.raises(Unparsed, match=r"^text$"):
            parse.text(value)


class TestNumbers:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("9", 9.0),
            (" 0.73 ", 0.73),
            ("73%", 0.73),
            ("73 %", 0.73),
            ("1,200", 1200.0),
            ("1,200.5", 1200.5),
            ("-1,000", -1000.0),
            ("1e3", 1000.0),
            (9, 9.0),
            (0.25, 0.25),
            (np.float32(0.5), 0.5),
            (np.int64(3), 3.0),
            (Decimal("0.1"), 0.1),
        ],
    )
    def test_number(self, value: object, expected: float) -> None:
        assert parse.number(value) == expected
        assert type(parse.number(value)) is float

    def test_a_scale_multiplies_exactly(self) -> None:
        assert parse.number("73", Decimal("0.01")) == 0.73
        assert parse.number("0.5", Decimal("0.01")) == 0.005

    @pytest.mark.parametrize("value", ["73%", " 73 % "])
    def test_percent_text_in_a_percent_column_is_not_scaled_twice(
        self, value: str
    ) -> None:
        assert parse.number(value, parse.PERCENT) == 0.73
        assert parse.whole_number("100%", parse.PERCENT) == 1
        assert parse.whole_number("100", parse.PERCENT) == 1

    def test_percent_text_in_another_unit_is_scaled(self) -> None:
        assert parse.number("50%", Decimal(60)) == 30.0
        assert parse.whole_number("50%", Decimal(60)) == 30

    @pytest.mark.parametrize(
        "value",
        [
            "1,2",
            "12,34",
            "1,2000",
            "0,73",
            "abc",
            "1.2k",
            "inf",
            "-Infinity",
            "inf%",
            float("inf"),
            Decimal("Infinity"),
            np.float64("-inf"),
            True,
            np.bool_(True),
            [1],
            "1.0.0",
        ],
    )
    def test_number_refused(self, value: object) -> None:
        with pytest.raises(Unparsed, match=r"^a number"):
            parse.number(value)

    def test_a_decimal_comma_gets_a_hint(self) -> None:
        with pytest.raises(Unparsed) as caught:
            parse.number("0,73")
        assert caught.value.hint is not None
        assert "'0.73'" in caught.value.hint

    def test_a_yes_no_value_is_not_a_number(self) -> None:
        with pytest.raises(Unparsed) as caught:
            parse.number(True)
        assert caught.value.hint == "a yes/no value is not a number"

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("9", 9),
            ("1,200", 1200),
            ("9.0", 9),
            (9.0, 9),
            (np.int32(4), 4),
            (Decimal("12.000"), 12),
            ("1e3", 1000),
            (" 42 ", 42),
            ("-3", -3),
        ],
    )
    def test_whole_number(self, value: object, expected: int) -> None:
        assert parse.whole_number(value) == expected
        assert type(parse.whole_number(value)) is int

    @pytest.mark.parametrize(
        "value", ["9.5", 9.5, "1.2k", "", True, float("nan"), "\u00b9", "\u00b2" * 13]
    )
    def test_whole_number_refused(self, value: object) -> None:
        with pytest.raises(Unparsed, match=r"^a whole number"):
            parse.whole_number(value)

    def test_a_fraction_is_named(self) -> None:
        with pytest.raises(Unparsed) as caught:
            parse.whole_number("9.5")
        assert caught.value.hint == "9.5 has a fraction"

    def test_hours_round_half_to_even(self) -> None:
        assert parse.whole_number("1.5", Decimal(60)) == 90
        assert parse.whole_number("0.0125", Decimal(60)) == 1  # 0.75 minutes
        assert parse.whole_number("0.025", Decimal(60)) == 2  # 1.5 -> 2
        assert parse.whole_number("0.0083333", Decimal(60)) == 0  # 0.499998

    @given(st.integers(min_value=-(10**15), max_value=10**15))
    def test_every_written_form_of_an_integer(self, n: int) -> None:
        for form in (str(n), f"{n:,}", f"{n}.0", f" {n} ", n, float(n), Decimal(n)):
            assert parse.whole_number(form) == n
        assert parse.number(f"{n:,}") == float(n)

    @given(st.floats(allow_nan=False, allow_infinity=False))
    def test_every_written_form_of_a_float(self, x: float) -> None:
        exact = Decimal(repr(x))
        for form in (repr(x), x, f"{exact * 100}%", np.float64(x)):
            assert parse.number(form) == x
        assert parse.number(str(exact * 100), Decimal("0.01")) == x


class TestBooleans:
    @pytest.mark.parametrize(
        "value",
        [
            True,
            "true",
            "TRUE",
            " yes ",
            "Y",
            "t",
            "1",
            "on",
            1,
            1.0,
            np.bool_(True),
            np.int64(1),
        ],
    )
    def test_true(self, value: object) -> None:
        assert parse.boolean(value) is True

    @pytest.mark.parametrize(
        "value", [False, "false", "No", "n", "F", "0", "OFF", 0, 0.0, np.bool_(False)]
    )
    def test_false(self, value: object) -> None:
        assert parse.boolean(value) is False

    @pytest.mark.parametrize("value", ["maybe", 2, -1, 0.5, "yes please", None, [True]])
    def test_refused(self, value: object) -> None:
        with pytest.raises(Unparsed, match=r"^yes or no"):
            parse.boolean(value)


DAY = pendulum.Date(2026, 3, 31)


class TestDates:
    @pytest.mark.parametrize(
        "value",
        [
            "2026-03-31",
            " 2026-03-31 ",
            "20260331",
            "2026-03-31T09:00:00Z",
            "2026-03-31T23:30:00-05:00",
            "2026-03-31T00:30:00+09:00",
            "2026-03-31T10:00:00.000+0000",
            "2026-03-31 12:00",
            DAY,
            datetime.date(2026, 3, 31),
            datetime.datetime(2026, 3, 31, 23, 59),  # noqa: DTZ001  # naive, as given
            pendulum.datetime(2026, 3, 31, 23, 0, tz="America/New_York"),
            pd.Timestamp("2026-03-31 18:00"),
            pd.Timestamp("2026-03-31T01:00", tz="Asia/Tokyo"),
            np.datetime64("2026-03-31"),
            np.datetime64("2026-03-31T12:00:00"),
            "1774915200000",
            1774915200000,
            1774915200000 + 86_399_999,
            np.int64(1774915200000),
        ],
    )
    def test_the_date_as_written(self, value: object) -> None:
        day = parse.date(value)
        assert day == DAY
        assert type(day) is pendulum.Date

    def test_epoch_milliseconds_begin_at_twelve_digits(self) -> None:
        assert parse.date("100000000000") == pendulum.Date(1973, 3, 3)
        with pytest.raises(Unparsed):
            parse.date("10000000000")  # 11 digits: not a timestamp, not ISO
        with pytest.raises(Unparsed):
            parse.date(10_000_000_000)

    @pytest.mark.parametrize(
        "value",
        [
            "03/31/2026",
            "31.03.2026",
            "2026-02-30",
            "next week",
            "",
            2026,
            3.5,
            True,
            "9" * 30,
            10**30,
        ],
    )
    def test_refused(self, value: object) -> None:
        with pytest.raises(Unparsed, match=r"^a date"):
            parse.date(value)

    def test_slashes_get_a_hint(self) -> None:
        with pytest.raises(Unparsed) as caught:
            parse.date("03/04/2026")
        assert caught.value.hint is not None
        assert "ISO 8601" in caught.value.hint

    @given(st.dates(min_value=datetime.date(1971, 1, 1)))
    def test_every_written_form_of_a_date(self, day: datetime.date) -> None:
        expected = pendulum.Date(day.year, day.month, day.day)
        midnight = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
        epoch_ms = int(midnight.timestamp() * 1000)
        forms: list[Any] = [
            day.isoformat(),
            f"{day.isoformat()}T23:59:59Z",
            f"{day.isoformat()}T00:00:00-11:00",
            pd.Timestamp(day),
            np.datetime64(day.isoformat()),
            day,
        ]
        # Epoch milliseconds are read from 12 digits on (from March 1973):
        # fewer digits are a number, not a timestamp.
        if len(str(epoch_ms)) >= 12:
            forms += [str(epoch_ms), epoch_ms]
        for form in forms:
            assert parse.date(form) == expected

    def test_fewer_than_12_digits_are_no_epoch(self) -> None:
        # 1973-01-01 in epoch milliseconds has 11 digits: a number, not a date.
        with pytest.raises(Unparsed, match=r"^a date"):
            parse.date("94694400000")

    @pytest.mark.parametrize("value", ["\u00b2" * 13, "\u0661" * 13])
    def test_digits_of_other_scripts_are_no_epoch(self, value: str) -> None:
        with pytest.raises(Unparsed, match=r"^a date"):
            parse.date(value)


class TestEnums:
    @pytest.mark.parametrize(
        "value",
        [
            "online_review",
            "Online Review",
            "ONLINE-REVIEW",
            " online review ",
            "review",
            "Review",
            "ONLINE_REVIEW",
            ActivityType.ONLINE_REVIEW,
        ],
    )
    def test_any_spelling(self, value: object) -> None:
        assert ACTIVITY(value) is ActivityType.ONLINE_REVIEW

    @pytest.mark.parametrize("value", ["podcast", "", 3, Tier.CHAMPION, None])
    def test_refused(self, value: object) -> None:
        with pytest.raises(
            Unparsed, match=r"^an ActivityType: one of 'reference_call'"
        ):
            ACTIVITY(value)

    def test_the_message_says_aliases_exist_only_when_they_do(self) -> None:
        plain = parse.enum_member(Tier, parse.enum_lookup(Tier, {}))
        with pytest.raises(Unparsed) as caught:
            plain("gold")
        assert "alias" not in caught.value.expected
        with pytest.raises(Unparsed) as caught:
            ACTIVITY("podcast")
        assert "or an alias in the mapping's table" in caught.value.expected

    def test_an_alias_never_replaces_a_members_own_value(self) -> None:
        lookup = parse.enum_lookup(DealOutcome, {"won": DealOutcome.LOST})
        assert parse.enum_member(DealOutcome, lookup)("won") is DealOutcome.WON

    @pytest.mark.parametrize(
        ("word", "spelled"),
        [
            ("Reference Call", "reference_call"),
            ("  a -- b / c  ", "a_b_c"),
            ("__x__", "x"),
            ("Closed  Won", "closed_won"),
        ],
    )
    def test_spelling(self, word: str, spelled: str) -> None:
        assert parse.spelling(word) == spelled

    @given(st.sampled_from(list(ActivityType)), st.data())
    def test_every_written_form_of_a_member(
        self, member: ActivityType, data: st.DataObject
    ) -> None:
        words = member.value.split("_")
        joiner = data.draw(st.sampled_from([" ", "-", "_", " - ", "/"]))
        cased = data.draw(st.sampled_from([str.upper, str.lower, str.title]))
        assert ACTIVITY(cased(joiner.join(words))) is member
        assert ACTIVITY(member.name) is member


TYPES = parse.items(ACTIVITY, ";")


class TestItems:
    def test_split_on_the_separator(self) -> None:
        assert TYPES("reference_call; Review ;;") == frozenset(
            {ActivityType.REFERENCE_CALL, ActivityType.ONLINE_REVIEW}
        )
        assert TYPES("") == frozenset()

    def test_lists_and_sets(self) -> None:
        assert TYPES(["webinar", "press"]) == frozenset(
            {ActivityType.WEBINAR, ActivityType.PRESS}
        )
        assert TYPES(("webinar",)) == {ActivityType.WEBINAR}

    def test_the_bad_item_is_named(self) -> None:
        with pytest.raises(Unparsed, match=r"'podcast' is not an ActivityType"):
            TYPES("webinar;podcast")

    def test_other_separators(self) -> None:
        assert parse.items(parse.text, "|")("a|b") == frozenset({"a", "b"})
        assert parse.items(parse.text, "|")("a;b") == frozenset({"a;b"})

    @pytest.mark.parametrize("value", [3, {"a": 1}, b"a;b"])
    def test_refused(self, value: object) -> None:
        with pytest.raises(Unparsed, match=r"^a list, or text separated by ';'"):
            TYPES(value)


def test_no_parser_returns_nan_or_infinity() -> None:
    for value in ("nan", "NaN", "inf", "1e999", float("nan")):
        try:
            parsed = parse.number(value)
        except Unparsed:
            continue
        assert math.isfinite(parsed)
