"""The columnar path: the library's rules as dataframe expressions.

`advocacy.frames` compiles scoring models, tier policies and the
identification rule into the expressions of the dataframe engine that holds
the data, through narwhals: pandas, polars (eager and lazy), PyArrow tables,
DuckDB relations, Dask and PySpark DataFrames. Nothing is collected into
Python but small aggregates; an eager frame in gives an eager frame out, a
lazy one a lazy one. Install it with the optional extra:
`pip install 'advocacy[frames]'`.

The how-to is docs/how-to/score-a-customer-base.md; the tiering algorithm
is explained in docs/explanation/tiers-at-scale.md.
"""

from __future__ import annotations

try:
    import narwhals.stable.v2  # noqa: F401  # the one optional dependency
# The suite runs with narwhals installed; tests/frames/test_import.py runs
# this branch in a subprocess where it is hidden.
except ImportError as error:  # pragma: no cover
    raise ImportError(
        "advocacy.frames needs narwhals, which the optional 'frames' extra "
        "installs: pip install 'advocacy[frames]'"
    ) from error

from advocacy.frames._scoring import score_frame
from advocacy.frames._supply import (
    potential_advocates_frame,
    segment_counts,
    segment_supply_frame,
)
from advocacy.frames._tiers import assign_tiers_frame
from advocacy.frames._values import frame_values

__all__ = [
    "assign_tiers_frame",
    "frame_values",
    "potential_advocates_frame",
    "score_frame",
    "segment_counts",
    "segment_supply_frame",
]
