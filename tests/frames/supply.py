"""Values and helpers the supply tests share: engines' tables and rules."""

from __future__ import annotations

import math
from typing import Any

import pendulum
from hypothesis import settings
from hypothesis import strategies as st

from advocacy import (
    ActivityType,
    IdentificationRule,
    SegmentDimension,
    Signals,
)
from advocacy.frames._supply import (
    potential_advocates_frame,
)
from tests.frames.engines import (
    native,
    rows,
)

Table = tuple[dict[str, list[Any]], dict[str, str]]

# A supply example builds a customer base of values and runs two checking
# queries and the grouping on it; an identification example is lighter. The
# in-process properties run at most these many examples (the fast profile
# runs 30 of each), so that the thorough profile stays within about a minute
# and a half for these files, Spark's start included.
SUPPLY_EXAMPLES = min(settings().max_examples, 30)
FILTER_EXAMPLES = min(settings().max_examples, 60)

AS_OF = pendulum.date(2026, 9, 30)
Q4 = (pendulum.date(2026, 10, 1), pendulum.date(2026, 12, 31))
_A = ActivityType
D = SegmentDimension


# --- identification -------------------------------------------------------------

SIGNAL_TYPES = {"id": "str", "nps": "int", "health_score": "float"}


@st.composite
def contacts(draw: st.DrawFn) -> dict[str, list[Any]]:
    """Contacts with NPS and health at, around and missing the thresholds."""
    size = draw(st.integers(0, 30))
    column = _column_of(draw, size)
    return {
        "id": [f"c{n:02d}" for n in range(size)],
        "nps": column(st.none() | st.integers(0, 10)),
        "health_score": column(
            st.none()
            | st.just(math.nan)
            | st.sampled_from([0.0, 79.5, 80.0, 80.5, 100.0])
            | st.floats(0, 100)
        ),
    }


def _column_of(draw: st.DrawFn, size: int) -> Any:
    """A drawer of one column of `size` values."""
    return lambda values: draw(st.lists(values, min_size=size, max_size=size))


def rules() -> st.SearchStrategy[IdentificationRule]:
    return st.builds(
        IdentificationRule,
        nps_at_least=st.integers(0, 10),
        health_above=st.sampled_from([0, 50, 80, 99.5]),
    )


def flagged_ids(base: dict[str, list[Any]], rule: IdentificationRule) -> list[str]:
    """The ids `rule.matches` flags, reading NaN as missing as ingest does."""
    return [
        contact_id
        for contact_id, nps, health in zip(
            base["id"], base["nps"], base["health_score"], strict=True
        )
        if rule.matches(
            Signals(
                nps=nps,
                health_score=None if health is None or math.isnan(health) else health,
            )
        )
    ]


def framed_ids(engine: str, base: dict[str, list[Any]], rule: Any) -> list[str]:
    result = potential_advocates_frame(native(engine, base, SIGNAL_TYPES), rule)
    return sorted(row["id"] for row in rows(result))
