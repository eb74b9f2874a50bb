"""Confidence intervals: Wilson, Newcombe, and a ratio of two means.

All are two-sided 95% intervals with z = 1.959963984540054. Wilson's score
interval for s successes in n trials:

```text
centre = (p + z²/2n) / (1 + z²/n)
half   = z / (1 + z²/n) * sqrt(p(1 - p)/n + z²/4n²)
```

Newcombe's hybrid score interval for p1 - p2 (method 10 of Newcombe, 1998),
with (l1, u1) and (l2, u2) the Wilson intervals of p1 and p2:

```text
low  = (p1 - p2) - sqrt((p1 - l1)² + (u2 - p2)²)
high = (p1 - p2) + sqrt((u1 - p1)² + (p2 - l2)²)
```

An approximate interval for a ratio of two means m1/m2, by the delta method
on its log:

```text
se = sqrt(s1² / (n1 m1²) + s2² / (n2 m2²))
ratio interval = (m1/m2) * exp(±z se)
```

Bounds are clamped against float rounding only: exactly, Wilson's interval
already lies within [0, 1] around p, and Newcombe's within [-1, 1] around
p1 - p2.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Final

from advocacy._internal.checks import integer
from advocacy._internal.validation import require

__all__ = [
    "Z_95",
    "Interval",
    "gini",
    "newcombe_bounds",
    "newcombe_interval",
    "ratio_interval",
    "wilson_bounds",
    "wilson_interval",
]


Z_95: Final = 1.959963984540054
"""The standard normal quantile of 0.975: two-sided 95% intervals."""

Interval = tuple[float, float]


def _check_count(owner: str, successes: int, trials: int, suffix: str = "") -> None:
    require(owner, f"trials{suffix}", trials, integer(1))
    require(owner, f"successes{suffix}", successes, integer(0, trials))


def wilson_bounds(successes: int, trials: int) -> Interval:
    p = successes / trials
    z2 = Z_95 * Z_95
    scale = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / scale
    half = Z_95 / scale * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    # Exactly, low <= p <= high within [0, 1]; clamp away float rounding.
    return max(0.0, min(centre - half, p)), min(1.0, max(centre + half, p))


def wilson_interval(successes: int, trials: int) -> Interval:
    """Wilson's score 95% interval for a proportion `successes / trials`.

    ```text
    centre = (p + z²/2n) / (1 + z²/n)
    half   = z / (1 + z²/n) * sqrt(p(1 - p)/n + z²/4n²)
    ```

    Args:
        successes: Successes, from 0 to `trials`.
        trials: Trials, at least 1.

    Returns:
        `(low, high)` within [0, 1], always containing the proportion.

    Raises:
        InvalidValueError: A count out of range.
        InvalidTypeError: A count that is not an int.

    Example:
        >>> low, high = wilson_interval(81, 263)
        >>> round(low, 4), round(high, 4)
        (0.2553, 0.3662)
    """
    _check_count("wilson_interval", successes, trials)
    return wilson_bounds(successes, trials)


def newcombe_bounds(s1: int, n1: int, s2: int, n2: int) -> Interval:
    p1, p2 = s1 / n1, s2 / n2
    l1, u1 = wilson_bounds(s1, n1)
    l2, u2 = wilson_bounds(s2, n2)
    difference = p1 - p2
    low = difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return max(-1.0, min(low, difference)), min(1.0, max(high, difference))


def newcombe_interval(
    successes_a: int, trials_a: int, successes_b: int, trials_b: int
) -> Interval:
    """Newcombe's hybrid score 95% interval for a difference of two proportions.

    Method 10 of Newcombe (1998), built from the two Wilson intervals
    (l1, u1) and (l2, u2) of p1 = a successes / a trials and p2 likewise:

    ```text
    low  = (p1 - p2) - sqrt((p1 - l1)² + (u2 - p2)²)
    high = (p1 - p2) + sqrt((u1 - p1)² + (p2 - l2)²)
    ```

    Args:
        successes_a: Successes in the first group.
        trials_a: Trials in the first group (at least 1).
        successes_b: Successes in the second group.
        trials_b: Trials in the second group (at least 1).

    Returns:
        `(low, high)` for p1 - p2, within [-1, 1] and containing it.

    Raises:
        InvalidValueError: A count out of range.
        InvalidTypeError: A count that is not an int.

    Example:
        >>> low, high = newcombe_interval(56, 70, 48, 80)
        >>> round(low, 4), round(high, 4)
        (0.0524, 0.3339)
    """
    _check_count("newcombe_interval", successes_a, trials_a, "_a")
    _check_count("newcombe_interval", successes_b, trials_b, "_b")
    return newcombe_bounds(successes_a, trials_a, successes_b, trials_b)


def ratio_interval(
    with_values: Sequence[float], without_values: Sequence[float]
) -> Interval | None:
    """Approximate 95% interval for mean(with) / mean(without), delta method."""
    if len(with_values) < 2 or len(without_values) < 2:
        return None
    m1, m2 = statistics.fmean(with_values), statistics.fmean(without_values)
    if m1 <= 0 or m2 <= 0:
        return None
    v1, v2 = statistics.variance(with_values), statistics.variance(without_values)
    se = math.sqrt(
        v1 / (len(with_values) * m1 * m1) + v2 / (len(without_values) * m2 * m2)
    )
    ratio = m1 / m2
    return ratio * math.exp(-Z_95 * se), ratio * math.exp(Z_95 * se)


def gini(loads: Iterable[int]) -> Fraction:
    """The Gini coefficient of whole-number loads, exactly (0 if all are 0)."""
    ordered = sorted(loads)
    n, total = len(ordered), sum(ordered)
    if not total:
        return Fraction(0)
    ranked = sum(i * load for i, load in enumerate(ordered, start=1))
    return Fraction(2 * ranked, n * total) - Fraction(n + 1, n)
