"""Assertions the tests share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, TypeVar

import pytest

from advocacy.exceptions import FieldError

E = TypeVar("E", bound=Exception)

ANY: Final = object()
"""`refused`'s default for `value`: any value is accepted."""


def refused(
    error: type[E],
    field: str,
    make: Callable[[], object],
    *,
    value: object = ANY,
    expected: str | None = None,
    hint: str | None = None,
) -> E:
    """`make()` raises exactly `error`, its message starting with `field`.

    `field` is the owner and the field, as the message names them
    (`"GapRow.gap"`), so the check pins which input was refused. The
    parts a user reads are pinned where given: the `value` passed (equal),
    the words of what is `expected` and the `hint` (each a part of the
    error's own). Returns the error for further checks.
    """
    with pytest.raises(error, match=rf"^{field}: ") as caught:
        make()
    refusal = caught.value
    assert type(refusal) is error
    if value is not ANY or expected is not None or hint is not None:
        assert isinstance(refusal, FieldError)
        if value is not ANY:
            assert refusal.value == value, refusal.value
        if expected is not None:
            assert expected in refusal.expected, refusal.expected
        if hint is not None:
            assert refusal.hint is not None
            assert hint in refusal.hint, refusal.hint
    return refusal
