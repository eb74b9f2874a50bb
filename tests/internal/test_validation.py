"""The small named checks and lenient converters behind every value object."""

from __future__ import annotations

import attrs
import numpy
import pendulum
import pytest

from advocacy import AccountPolicy, Advocate, ScoringModel, assign_tiers
from advocacy._internal.checks import Refusal, count_range, integer, number
from advocacy._internal.validation import (
    check_fields,
    checked,
    require,
    require_each,
    unchecked,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError


class TestChecks:
    def test_integer_bound_words(self) -> None:
        assert integer(high=5)(6) == Refusal("an integer of at most 5")
        assert integer()(2.5) == Refusal("an integer")
        assert integer()("2") == Refusal("an integer", wrong_type=True)

    def test_number_above(self) -> None:
        above = number(above=0)
        assert above(0) == Refusal("a number above 0")
        assert above(0.001) is None

    @pytest.mark.parametrize(
        ("value", "refused"),
        [
            (None, False),
            ((0, 0), False),
            ((2, 1), True),
            ((1,), True),
            ((1.0, 2), True),
        ],
    )
    def test_count_range(self, value: object, *, refused: bool) -> None:
        assert (count_range(value) is not None) is refused

    def test_require_each_names_the_first_refused_by_its_index(self) -> None:
        plain = require_each("owner", "xs", iter([1, numpy.int64(2)]), integer(0))
        assert plain == [1, 2]
        assert type(plain[1]) is int
        with pytest.raises(InvalidValueError, match=r"^owner\.xs\[1\]: got -2"):
            require_each("owner", "xs", [1, -2, -3], integer(0))

    @pytest.mark.parametrize(
        ("items", "hint"),
        [(None, None), (5, None), ("ab", "wrap it in a list"), (b"ab", None)],
    )
    def test_require_each_refuses_what_is_no_collection(
        self, items: object, hint: str | None
    ) -> None:
        with pytest.raises(InvalidTypeError, match=r"^owner\.xs: got") as caught:
            require_each("owner", "xs", items, integer(0))  # type: ignore[arg-type]
        assert caught.value.expected == "a list or other iterable"
        if hint is None:
            assert caught.value.hint is None
        else:
            assert hint in (caught.value.hint or "")

    def test_require_returns_the_value_or_raises(self) -> None:
        assert require("owner", "x", 3, integer(0)) == 3
        with pytest.raises(InvalidValueError, match=r"owner\.x: got -1"):
            require("owner", "x", -1, integer(0))


class TestConvertersLeaveTheUnknownForChecks:
    def test_persona_must_be_text(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"Advocate\.persona"):
            Advocate(id="a", account_id="b", name="c", persona=5)  # type: ignore[arg-type]

    def test_enum_set_given_one_string(self) -> None:
        with pytest.raises(InvalidTypeError, match="wrap it in a list"):
            AccountPolicy(restricted="social_share")

    def test_nested_items_not_a_list(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"ScoringModel\.criteria"):
            ScoringModel(criteria=None)  # type: ignore[arg-type]

    def test_score_keys_must_be_strings(self) -> None:
        with pytest.raises(InvalidTypeError, match="string ids"):
            assign_tiers({"a": 1, 2: 3}, as_of=pendulum.date(2026, 1, 1))  # type: ignore[dict-item]


@attrs.frozen
class _Counted:
    count: int = attrs.field(metadata=checked(integer(0)))
    label: str

    def __attrs_post_init__(self) -> None:
        check_fields(self)


@attrs.frozen
class _Later:
    count: int
    total: int = attrs.field(init=False, default=0)


class TestUnchecked:
    def test_builds_the_same_value_without_the_checks(self) -> None:
        built = unchecked(_Counted)(count=3, label="calls")
        assert built == _Counted(3, "calls")
        # The checks do not run: that is the point, so a caller must pass
        # values the checked constructor would accept.
        assert unchecked(_Counted)(count=-1, label="calls").count == -1
        with pytest.raises(InvalidValueError, match=r"^_Counted\.count: got -1"):
            attrs.evolve(unchecked(_Counted)(count=-1, label="calls"))

    def test_takes_exactly_the_fields(self) -> None:
        with pytest.raises(TypeError, match=r"_Counted takes exactly its fields"):
            unchecked(_Counted)(count=3)  # type: ignore[call-arg]
        with pytest.raises(TypeError, match=r"_Counted takes exactly its fields"):
            unchecked(_Counted)(count=3, label="calls", extra=1)  # type: ignore[call-arg]

    def test_refuses_a_class_with_fields_set_after_init(self) -> None:
        with pytest.raises(TypeError, match=r"_Later has fields set after init"):
            unchecked(_Later)
