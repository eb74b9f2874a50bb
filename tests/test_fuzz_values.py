"""Junk into every public class, by constructor and by `from_dict`: only library errors.

For every public value, policy and result class, a real instance has one or
more of its fields replaced by junk (None, negatives, huge ints, NaN,
infinity, `Decimal('NaN')`, empty and 300-character strings, lists, dicts,
naive datetimes, `object()`). The class must either refuse it with an
`AdvocacyError` or accept it and hold no NaN or infinity anywhere.
"""

from __future__ import annotations

import datetime
import json
import math
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy import from_dict, to_dict
from advocacy.exceptions import AdvocacyError
from tests.instances import PUBLIC_CLASSES, target
from tests.strategies import VALUES

JUNK: list[Any] = [
    None,
    -1,
    0,
    -(10**30),
    10**30,
    1.5,
    -0.5,
    float("nan"),
    float("inf"),
    -float("inf"),
    Decimal("NaN"),
    Decimal("-Infinity"),
    Decimal("-1"),
    "",
    " ",
    "x" * 300,
    "2026-13-45",
    [],
    [1, "a", None],
    {},
    {"a": 1},
    (),
    (float("nan"),),
    frozenset({1}),
    True,
    datetime.datetime(2026, 1, 1, 9, 30),  # noqa: DTZ001  # naive on purpose
    datetime.date(2026, 1, 1),
    object(),
]
"""What the fuzz puts where a field's value should be."""

PLAIN_JUNK: list[Any] = [
    value
    for value in JUNK
    if isinstance(value, str | int | float | list | dict | type(None))
]
"""The junk that can arrive in plain data (JSON's kinds, and NaN)."""


def finite_throughout(value: Any, seen: set[int] | None = None) -> bool:  # noqa: PLR0911
    """Whether no float or Decimal anywhere inside `value` is NaN or infinite."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return True
    seen.add(id(value))
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Decimal):
        return value.is_finite()
    if attrs.has(type(value)):
        return all(
            finite_throughout(getattr(value, f.name), seen)
            for f in attrs.fields(type(value))
        )
    if isinstance(value, tuple | list | frozenset | set):
        return all(finite_throughout(item, seen) for item in value)
    if isinstance(value, dict):
        return all(
            finite_throughout(k, seen) and finite_throughout(v, seen)
            for k, v in value.items()
        )
    return True


classes = st.sampled_from(sorted(PUBLIC_CLASSES, key=lambda c: c.__name__))


def init_fields(cls: type) -> list[attrs.Attribute[Any]]:
    return [field for field in attrs.fields(cls) if field.init]


@st.composite
def spoiled(draw: st.DrawFn) -> tuple[type, dict[str, Any]]:
    """A class and constructor arguments with one to three fields made junk."""
    cls = draw(classes)
    base = draw(VALUES[cls])
    fields = init_fields(cls)
    arguments = {str(field.alias): getattr(base, field.name) for field in fields}
    for field in draw(st.lists(st.sampled_from(fields), min_size=1, max_size=3)):
        arguments[str(field.alias)] = draw(st.sampled_from(JUNK))
    return cls, arguments


@st.composite
def spoiled_plain(draw: st.DrawFn) -> tuple[type, dict[str, Any]]:
    """A class and its plain dict with one to three keys made junk or unknown."""
    cls = draw(classes)
    value = draw(VALUES[cls])
    plain = to_dict(value)
    keys = [*plain, "not_a_key"]
    for key in draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3)):
        plain[key] = draw(st.sampled_from(PLAIN_JUNK))
    return target(cls, value), plain


FUZZ = settings(
    max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None
)


@FUZZ
@given(spoiled())
def test_constructors_refuse_junk_with_library_errors(
    case: tuple[type, dict[str, Any]],
) -> None:
    cls, arguments = case
    try:
        made = cls(**arguments)
    except AdvocacyError:
        return
    assert finite_throughout(made), (cls.__name__, arguments)


@FUZZ
@given(spoiled_plain())
def test_from_dict_refuses_junk_with_library_errors(
    case: tuple[type, dict[str, Any]],
) -> None:
    cls, plain = case
    try:
        made: object = from_dict(cls, plain)
    except AdvocacyError:
        return
    assert finite_throughout(made), (cls, plain)
    json.dumps(to_dict(made))  # what was accepted is storable
