"""Timing shared by the benchmarks: the best of several runs, in the same process.

Machines are noisy, so every benchmark reports the fastest of `repeat` runs,
and compares the library with a baseline run in turns, so that a slow spell
falls on both.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
U = TypeVar("U")


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    """The fastest of `repeat` runs and the last result."""
    times = []
    result: T
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return min(times), result


def race(
    repeat: int, library: Callable[[], T], baseline: Callable[[], U]
) -> tuple[float, T, float, U]:
    """The fastest of `repeat` runs of each, taking turns, and the last results."""
    fastest = [math.inf, math.inf]
    for _ in range(repeat):
        mine, found = best_of(1, library)
        theirs, wanted = best_of(1, baseline)
        fastest = [min(fastest[0], mine), min(fastest[1], theirs)]
    return fastest[0], found, fastest[1], wanted
