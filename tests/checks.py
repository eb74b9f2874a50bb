"""Assertions the tests share."""

from __future__ import annotations

from collections.abc import Callable

import pytest


def refused(error: type[Exception], field: str, make: Callable[[], object]) -> None:
    """`make()` raises exactly `error`, its message starting with `field`.

    `field` is the owner and the field, as the message names them
    (`"GapRow.gap"`), so the check pins which input was refused.
    """
    with pytest.raises(error, match=rf"^{field}: ") as caught:
        make()
    assert type(caught.value) is error
