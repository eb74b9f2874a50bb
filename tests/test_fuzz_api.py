"""Junk into every public function and classmethod: only library errors escape.

The fuzz walks `advocacy.__all__`. For every function, and every public
classmethod of a public class, it draws each parameter of the signature:
junk (None, wrong types, NaN, infinity, `Decimal('NaN')`, negatives, huge
ints, empty and 300-character strings, naive datetimes, empty and repeated
collections), a real value of the annotated type, a list of them, or (for
an optional parameter) nothing. The call must either raise an
`AdvocacyError` or return a result holding no NaN or infinity anywhere.
"""

from __future__ import annotations

import collections.abc
import datetime
import inspect
import types
import typing
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import advocacy
from advocacy.exceptions import AdvocacyError
from tests.strategies import VALUES
from tests.test_fuzz_values import JUNK, finite_throughout


def _public_callables() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in advocacy.__all__:
        value = getattr(advocacy, name)
        if inspect.isfunction(value):
            found[name] = value
        elif inspect.isclass(value):
            for attribute, member in vars(value).items():
                if isinstance(member, classmethod) and not attribute.startswith("_"):
                    found[f"{name}.{attribute}"] = getattr(value, attribute)
    return found


CALLABLES = _public_callables()

MORE_JUNK: list[Any] = [
    ["a", "a"],  # a repeated collection
    [None],
    datetime.datetime(2026, 1, 1, 9, 30, tzinfo=datetime.UTC),  # aware
    pendulum.date(2026, 9, 30),
    pendulum.datetime(2026, 9, 30, 12),
]


def _real(hint: Any) -> st.SearchStrategy[Any] | None:
    """Real values of an annotated type, where the tests know how to make them."""
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        options = [s for s in map(_real, arguments) if s is not None]
        return st.one_of(options) if options else None
    if hint in VALUES:
        return VALUES[hint]
    if hint is pendulum.Date:
        return st.just(pendulum.date(2026, 9, 30))
    if origin in (
        collections.abc.Iterable,
        collections.abc.Sequence,
        collections.abc.Collection,
        list,
        tuple,
    ):
        inner = _real(arguments[0]) if arguments else None
        return None if inner is None else st.lists(inner, max_size=3)
    return None


@st.composite
def calls(draw: st.DrawFn, name: str) -> tuple[list[Any], dict[str, Any]]:
    """Arguments for `CALLABLES[name]`: junk, real values, or nothing."""
    function = CALLABLES[name]
    hints = typing.get_type_hints(function)
    positional: list[Any] = []
    keywords: dict[str, Any] = {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is parameter.VAR_KEYWORD:
            continue
        real = _real(hints.get(parameter.name, Any))
        options = [st.sampled_from([*JUNK, *MORE_JUNK])]
        if real is not None:
            options.append(real)
        optional = parameter.default is not parameter.empty
        if optional:
            options.append(st.just(parameter.default))
        value = draw(st.one_of(options), label=parameter.name)
        if parameter.kind is parameter.VAR_POSITIONAL:
            positional.extend(draw(st.lists(st.just(value), max_size=2)))
        elif parameter.kind is parameter.POSITIONAL_ONLY:
            positional.append(value)
        else:
            keywords[parameter.name] = value
    return positional, keywords


FUZZ = settings(
    max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None
)


def test_the_fuzz_walks_every_public_function_and_classmethod() -> None:
    assert len(CALLABLES) >= 70
    assert "assign_requests" in CALLABLES
    assert "ScoringModel.default" in CALLABLES


@pytest.mark.parametrize("name", sorted(CALLABLES))
@FUZZ
@given(data=st.data())
def test_junk_raises_only_library_errors(name: str, data: st.DataObject) -> None:
    positional, keywords = data.draw(calls(name))
    try:
        result = CALLABLES[name](*positional, **keywords)
    except AdvocacyError:
        return
    assert finite_throughout(result), name
