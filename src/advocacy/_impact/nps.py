"""Net Promoter Score of a set of 0-10 responses, with its margin of error.

```text
p     = promoters (9-10) / n          d = detractors (0-6) / n
NPS   = 100 (p - d)                                   from -100 to 100
SE    = 100 sqrt((p + d - (p - d)²) / n)
margin (95%) = 1.959963984540054 x SE
```

The standard error is that of the mean of an indicator that is +1 for a
promoter, -1 for a detractor and 0 for a passive: its variance is
p + d - (p - d)². The variance is computed in exact fractions, so it is
never negative from rounding. Below 50 responses the score is flagged as
directional only.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Final

import attrs

from advocacy._internal.checks import integer, number, optional
from advocacy._internal.stats import Z_95
from advocacy._internal.text import plural
from advocacy._internal.validation import (
    check_fields,
    checked,
    require,
    require_each,
)
from advocacy.exceptions import InvalidValueError

__all__ = ["MIN_NPS_RESPONSES", "NetPromoterScore", "net_promoter_score"]


MIN_NPS_RESPONSES: Final = 50
"""Fewer responses than this make a score directional only."""

_RESPONSE: Final = integer(0, 10)
_COUNT: Final = checked(integer(0))


def _figures(promoters: int, detractors: int, n: int) -> tuple[float, float, float]:
    """The score, its standard error and its 95% margin, for n >= 1 responses."""
    p, d = Fraction(promoters, n), Fraction(detractors, n)
    variance = (p + d - (p - d) ** 2) / n
    error = 100 * math.sqrt(variance)
    return float(100 * (p - d)), error, Z_95 * error


_FORMULAS: Final = (
    ("score", "100 (promoters - detractors) / responses"),
    ("standard_error", "100 sqrt((p + d - (p - d)²) / responses)"),
    ("margin", f"{Z_95} x standard_error"),
)


@attrs.frozen(repr=False)
class NetPromoterScore:
    """A Net Promoter Score with its counts and margin of error.

    Made by `net_promoter_score`. Scores, errors and margins are in points
    (-100 to 100), as floats; all are `None` with no responses, and
    otherwise exactly the formulas of the counts.

    Attributes:
        responses: Responses counted: promoters + passives + detractors.
        promoters: Responses of 9 or 10.
        passives: Responses of 7 or 8.
        detractors: Responses of 0 to 6.
        score: 100 x (promoters - detractors) / responses, from -100 to 100.
        standard_error: Its standard error, in points (0 or more).
        margin: Half the width of its 95% interval, in points (0 or more).
        min_responses: Below this many responses the score is directional
            (at least 1).
    """

    responses: int = attrs.field(metadata=_COUNT)
    promoters: int = attrs.field(metadata=_COUNT)
    passives: int = attrs.field(metadata=_COUNT)
    detractors: int = attrs.field(metadata=_COUNT)
    score: float | None = attrs.field(metadata=checked(optional(number(-100, 100))))
    standard_error: float | None = attrs.field(metadata=checked(optional(number(0))))
    margin: float | None = attrs.field(metadata=checked(optional(number(0))))
    min_responses: int = attrs.field(metadata=checked(integer(1)))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the counts add up and fit the figures."""
        check_fields(self)
        owner = "NetPromoterScore"
        counted = self.promoters + self.passives + self.detractors
        if counted != self.responses:
            raise InvalidValueError(
                owner,
                "responses",
                self.responses,
                f"promoters + passives + detractors ({counted})",
            )
        expected = (
            _figures(self.promoters, self.detractors, self.responses)
            if self.responses
            else (None, None, None)
        )
        for (name, formula), figure in zip(_FORMULAS, expected, strict=True):
            if getattr(self, name) != figure:
                words = (
                    f"{formula} = {figure!r}"
                    if self.responses
                    else "None with no responses"
                )
                raise InvalidValueError(owner, name, getattr(self, name), words)

    @property
    def directional(self) -> bool:
        """Whether there are too few responses to quote the score as a figure."""
        return self.responses < self.min_responses

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95% interval, score ± margin, kept within -100 to 100."""
        if self.score is None or self.margin is None:
            return None
        return max(-100.0, self.score - self.margin), min(
            100.0, self.score + self.margin
        )

    def explain(self) -> str:
        """The score, its margin and its counts in one or two lines."""
        counts = ", ".join(
            plural(n, word)
            for n, word in (
                (self.promoters, "promoter"),
                (self.passives, "passive"),
                (self.detractors, "detractor"),
            )
        )
        if self.score is None or self.margin is None or self.interval is None:
            return "NPS: n/a (no responses)"
        low, high = self.interval
        line = (
            f"NPS {self.score:+.1f} ± {self.margin:.1f} (95% CI {low:+.1f} to "
            f"{high:+.1f}) from {self.responses} responses: {counts}"
        )
        if self.directional:
            line += (
                f"\nwarning: fewer than {self.min_responses} responses; "
                "directional only"
            )
        return line

    def to_records(self) -> list[dict[str, Any]]:
        """The score as one plain dict, ready for `pandas.DataFrame`."""
        interval = self.interval
        return [
            {
                **attrs.asdict(self),
                "low": None if interval is None else interval[0],
                "high": None if interval is None else interval[1],
                "directional": self.directional,
            }
        ]

    def __repr__(self) -> str:
        """`NetPromoterScore(+48.0 ± 11.2, 120 responses)`."""
        if self.score is None or self.margin is None:
            return "NetPromoterScore(no responses)"
        flag = ", directional" if self.directional else ""
        return (
            f"NetPromoterScore({self.score:+.1f} ± {self.margin:.1f}, "
            f"{self.responses} responses{flag})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{key}</td><td>{html.escape(str(value))}</td></tr>"
            for key, value in self.to_records()[0].items()
        )
        return f"<table><tr><th>metric</th><th>value</th></tr>{rows}</table>"


def net_promoter_score(
    responses: Iterable[int], *, min_responses: int = MIN_NPS_RESPONSES
) -> NetPromoterScore:
    """The Net Promoter Score of 0-10 responses, with its 95% margin.

    ```text
    NPS    = 100 (p - d),  p = share of 9-10, d = share of 0-6
    SE     = 100 sqrt((p + d - (p - d)²) / n)
    margin = 1.959963984540054 x SE
    ```

    Args:
        responses: Integer answers from 0 to 10, in any order.
        min_responses: Fewer responses than this are flagged as directional
            (50 by default).

    Returns:
        The score, its counts, its standard error and margin.

    Raises:
        InvalidValueError: A response outside 0-10 or not whole (3.5).
        InvalidTypeError: A response that is not a number (a bool, a
            string).

    Example:
        >>> net_promoter_score([10, 9, 9, 8, 6]).score
        40.0
    """
    owner = "net_promoter_score"
    require(owner, "min_responses", min_responses, integer(1))
    counts = [0] * 11
    for response in require_each(owner, "responses", responses, _RESPONSE):
        counts[response] += 1
    n = sum(counts)
    promoters = counts[9] + counts[10]
    detractors = sum(counts[:7])
    passives = n - promoters - detractors
    if not n:
        return NetPromoterScore(0, 0, 0, 0, None, None, None, min_responses)
    score, error, margin = _figures(promoters, detractors, n)
    return NetPromoterScore(
        responses=n,
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        score=score,
        standard_error=error,
        margin=margin,
        min_responses=min_responses,
    )
