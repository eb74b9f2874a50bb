"""Pausing Python's cyclic garbage collector while a rule builds large batches.

Matching a big batch makes millions of small objects (pairs, edges, flows)
and no reference cycles. CPython's cyclic collector runs whenever enough
objects have been made, and each full run walks every live object: on a
batch of 20,000 requests and 50,000 advocates that is over a third of the
time, spent finding no garbage. `paused_collection` switches the collector
off for the duration and back on after (only if it was on; a host that
turned it off keeps it off), even when the rule raises. Reference counting
still frees everything as usual; nothing the rule makes needs the collector.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_collection"]


@contextlib.contextmanager
def paused_collection() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off, then restore it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
