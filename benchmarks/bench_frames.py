"""Scoring and tiering a customer base as a dataframe, against hand-written baselines.

Run: `python benchmarks/bench_frames.py [--rows N ...] [--repeat R]
[--engines polars pandas dask spark] [--lazy-up-to N] [--objects-up-to N]`.

Builds a seeded customer base of N rows for each size (default 1,000,000
and 10,000,000): NPS 0-10 (10% missing), feature adoption 0-1 (5% NaN),
health 0-100 (3% NaN), customer-since dates over ten years (5% on a
month's last day, 2% missing), positive mentions (8% missing), responded
to requests (10% missing), engagement counts and shuffled string ids. The
scoring date is 2026-09-29, not a month's end, so a customer since the 30th
or 31st of a month is a month short and both halves of the tenure rule are
met. Then times, in one process, the best of R runs of each (the library and
its baseline taking turns, so a slow spell of a noisy machine falls on both):

- `score_frame` on a polars DataFrame against the default model's six rules
  written by hand as polars expressions, adding the same columns (a
  `points_<criterion>` column per rule, `score`, `qualified`) (target:
  within 1.5x);
- `score_frame` on pandas against the same rules written by hand in NumPy
  over the frame's arrays, a missing value (NaN, NaT, pd.NA) worth 0 points
  (target: within 2x);
- `assign_tiers_frame` on the polars scores against `np.lexsort` of the
  ranking keys (-score, -engagement, id) alone, ids already a NumPy string
  array (target: within 5x);
- score and tiers end to end (`score_frame`, then `assign_tiers_frame`) on
  polars, pandas, Dask (`dd.from_pandas`, 4 partitions) and Spark
  (`local[2]`), in rows per second. Every run ends with the same aggregate,
  collected: rows, sum of `score` and of `qualified` per tier, so a lazy
  engine computes every column (score needs every criterion's points, the
  tier needs the score). Each engine's start-up (import and session, then a
  first trivial query) is timed once and reported on its own, as is loading
  the base into it (Spark: `createDataFrame` from Arrow, cached and counted);
  neither is in the rows per second. Dask and Spark run at sizes up to
  `--lazy-up-to` (default 1,000,000) only, polars and pandas at every size:
  on two cores Spark takes about a second per 100,000 rows, so 10,000,000
  rows would take minutes per run.

Both baselines must give exactly the library's columns, and their scores
the object path's (`ScoringModel.score_many`) on the first 20,000 rows;
every engine must give polars' aggregate; the tiers read in the lexsort's
order must never rise (champion, advocate, supporter, none), and at sizes up
to `--objects-up-to` (default 1,000,000; the object path is slow) they must
be `assign_tiers`'s on the same scores and activities. A disagreement stops
the run: a wrong answer is no result.

The library checks its input as the object path does (`score_frame` in one
aggregate pass; `assign_tiers_frame` in a bounds pass and a distinct-id
pass before it counts rows per score), and a lazy engine recomputes the
scores for each query; the baselines check nothing. Machines are noisy:
read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import calendar
import functools
import time
import warnings
from collections.abc import Sequence
from typing import Any, Final

import narwhals.stable.v2 as nw
import numpy as np
import numpy.typing as npt
import pandas as pd
import pendulum
import polars as pl
from timing import best_of, race  # benchmarks/timing.py

from advocacy import (
    Activity,
    ActivityType,
    ScoringModel,
    Signals,
    Tier,
    assign_tiers,
)
from advocacy.frames._scoring import score_frame
from advocacy.frames._tiers import assign_tiers_frame

AS_OF: Final = pendulum.date(2026, 9, 29)
SEED: Final = 2026
ENGINES: Final = ("polars", "pandas", "dask", "spark")
LAZY: Final = frozenset({"dask", "spark"})
SAMPLE: Final = 20_000  # rows checked against the object path at every size
POINTS: Final = (
    "points_promoter",
    "points_power_user",
    "points_healthy",
    "points_established",
    "points_active",
    "points_willing",
)
OUTPUT: Final = (*POINTS, "score", "qualified")
RANKS: Final = {"champion": 0, "advocate": 1, "supporter": 2}
Summary = list[tuple[str | None, int, int, int]]


def same(what: str, agree: bool) -> None:  # noqa: FBT001  # a check, not a flag
    """Stop if the library and its baseline disagree: a wrong answer is no result."""
    if not agree:
        raise SystemExit(f"{what}: the library and the baseline disagree")


# --- the data -------------------------------------------------------------


def make_base(rows: int, seed: int) -> pl.DataFrame:
    """The customer base as polars holds it: nulls for gaps, NaN in floats."""
    rng = np.random.default_rng(seed)

    def gaps(share: float) -> npt.NDArray[np.bool_]:
        return rng.random(rows) < share

    def with_gaps(values: npt.NDArray[Any], share: float) -> pl.Series:
        return pl.Series(values).set(pl.Series(gaps(share)), None)

    def with_nan(values: npt.NDArray[np.float64], share: float) -> pl.Series:
        return pl.Series(np.where(gaps(share), np.nan, values))

    as_of = np.datetime64(AS_OF.isoformat(), "D")
    since = as_of - rng.integers(0, 3653, rows).astype("timedelta64[D]")
    # A month's last day: the day before the next month's first (months
    # back from last month, so none is after AS_OF).
    months_back = rng.integers(1, 121, rows).astype("timedelta64[M]")
    month_end = (as_of.astype("datetime64[M]") - months_back + 1).astype(
        "datetime64[D]"
    ) - np.timedelta64(1, "D")
    since = np.where(gaps(0.05), month_end, since)
    ids = pl.Series(rng.permutation(rows)).cast(pl.String).str.zfill(9)
    return pl.DataFrame(
        {
            "id": "acct-" + ids,
            "nps": with_gaps(rng.integers(0, 11, rows), 0.10),
            "feature_adoption": with_nan(np.round(rng.random(rows), 2), 0.05),
            "health_score": with_nan(rng.integers(0, 101, rows).astype(float), 0.03),
            "customer_since": with_gaps(since, 0.02).cast(pl.Date),
            "positive_mentions": with_gaps(rng.integers(0, 5, rows), 0.08),
            "responded_to_requests": with_gaps(rng.random(rows) < 0.5, 0.10),
            "engagement": rng.poisson(0.5, rows),
        }
    )


def to_pandas(base: pl.DataFrame) -> pd.DataFrame:
    """The base as pandas reads one.

    Ints with a gap become floats with NaN, dates `datetime64` with NaT, and
    the yes/no column pandas' nullable `boolean`.
    """
    frame = base.drop("responded_to_requests").to_pandas()
    responded = base["responded_to_requests"]
    frame["responded_to_requests"] = pd.arrays.BooleanArray(
        responded.fill_null(value=False).to_numpy(), responded.is_null().to_numpy()
    )
    return frame


def signals_of(base: pl.DataFrame) -> list[Signals]:
    """The object path's `Signals` for each row (NaN and null read as missing)."""
    return [
        Signals(
            nps=row["nps"],
            feature_adoption=_known(row["feature_adoption"]),
            health_score=_known(row["health_score"]),
            customer_since=None
            if row["customer_since"] is None
            else pendulum.Date.fromordinal(row["customer_since"].toordinal()),
            positive_mentions=row["positive_mentions"],
            responded_to_requests=row["responded_to_requests"],
        )
        for row in base.iter_rows(named=True)
    ]


def _known(value: float | None) -> float | None:
    return None if value is None or np.isnan(value) else value


def activities_of(base: pl.DataFrame) -> list[Activity]:
    """Each row's engagement as that many activities in the 12 months to AS_OF."""
    days = [AS_OF.subtract(days=n) for n in range(300)]
    counts = base.select("id", "engagement").filter(pl.col("engagement") > 0)
    activities: list[Activity] = []
    for advocate_id, count in counts.iter_rows():
        activities += [
            Activity(
                id=f"act-{len(activities) + n}",
                advocate_id=advocate_id,
                type=ActivityType.ONLINE_REVIEW,
                date=days[(len(activities) + n) % len(days)],
            )
            for n in range(count)
        ]
    return activities


# --- the baselines --------------------------------------------------------


def month_end(day: pendulum.Date) -> bool:
    """Whether `day` is its month's last."""
    return day.day == calendar.monthrange(day.year, day.month)[1]


def hand_written_polars(frame: pl.DataFrame, as_of: pendulum.Date) -> pl.DataFrame:
    """The default model's six rules as polars expressions, written by hand."""
    since = pl.col("customer_since")
    months = (as_of.year * 12 + as_of.month) - (
        since.dt.year().cast(pl.Int32) * 12 + since.dt.month().cast(pl.Int32)
    )
    if not month_end(as_of):
        months = pl.when(since.dt.day() > as_of.day).then(months - 1).otherwise(months)
    adoption, health = pl.col("feature_adoption"), pl.col("health_score")
    # Polars orders NaN above every number, so NaN > 0.70 holds: ruled out.
    tests = (
        (pl.col("nps") >= 9, 25),
        ((adoption > 0.70) & adoption.is_not_nan(), 20),
        ((health > 80) & health.is_not_nan(), 20),
        (months > 12, 15),
        (pl.col("positive_mentions") >= 1, 10),
        (pl.col("responded_to_requests"), 10),
    )
    points = [
        pl.when(test).then(pl.lit(worth, pl.Int64)).otherwise(pl.lit(0, pl.Int64))
        for test, worth in tests
    ]
    return (
        frame.with_columns(
            p.alias(name) for p, name in zip(points, POINTS, strict=True)
        )
        .with_columns(score=pl.sum_horizontal(POINTS))
        .with_columns(qualified=pl.col("score") > 60)
    )


def hand_written_numpy(
    frame: pd.DataFrame, as_of: pendulum.Date
) -> dict[str, npt.NDArray[Any]]:
    """The default model's six rules in NumPy over the frame's arrays.

    NaN compares false, so a missing number earns nothing; NaT and pd.NA
    are ruled out explicitly.
    """
    since = frame["customer_since"].to_numpy()
    month = since.astype("datetime64[M]")
    months = ((as_of.year - 1970) * 12 + as_of.month - 1) - month.astype(np.int64)
    if not month_end(as_of):
        day = (since.astype("datetime64[D]") - month).astype(np.int64) + 1
        months -= day > as_of.day
    responded = frame["responded_to_requests"].to_numpy(dtype=bool, na_value=False)
    tests = (
        (frame["nps"].to_numpy() >= 9, 25),
        (frame["feature_adoption"].to_numpy() > 0.70, 20),
        (frame["health_score"].to_numpy() > 80, 20),
        (~np.isnat(since) & (months > 12), 15),
        (frame["positive_mentions"].to_numpy() >= 1, 10),
        (responded, 10),
    )
    columns = {
        name: np.where(test, worth, 0).astype(np.int64, copy=False)
        for name, (test, worth) in zip(POINTS, tests, strict=True)
    }
    score = sum(columns.values(), np.zeros(len(frame), np.int64))
    return {**columns, "score": score, "qualified": score > 60}


def lexsort(
    ids: npt.NDArray[np.str_],
    engagement: npt.NDArray[np.int64],
    score: npt.NDArray[np.int64],
) -> npt.NDArray[np.intp]:
    """The ranking: score, then engagement (high first), then id."""
    return np.lexsort((ids, -engagement, -score))


# --- the engines ----------------------------------------------------------


def pipeline(frame: Any) -> Summary:
    """Score every row, assign the tiers, collect the summary: on any engine."""
    scored = score_frame(frame, as_of=AS_OF)
    return summary(assign_tiers_frame(scored, engagement="engagement"))


def summary(result: Any) -> Summary:
    """Rows, sum of score and of qualified per tier: collected, so computed."""
    grouped = (
        nw.from_native(result)
        .with_columns(nw.col("qualified").cast(nw.Int64()))
        .group_by("tier")
        .agg(nw.len().alias("rows"), nw.col("score").sum(), nw.col("qualified").sum())
    )
    eager = grouped.collect() if isinstance(grouped, nw.LazyFrame) else grouped
    # Dask and pandas give NaN for the null tier, numpy ints for the sums.
    found = [
        (tier if isinstance(tier, str) else None, int(rows), int(score), int(qualified))
        for tier, rows, score, qualified in eager.rows()
    ]
    return sorted(found, key=lambda row: RANKS.get(row[0] or "", len(RANKS)))


class Engines:
    """The lazy engines, each started once, when first asked for."""

    def __init__(self) -> None:
        """Nothing is started yet."""
        self.started: dict[str, tuple[float, float]] = {}
        self._spark: Any = None

    def start(self, engine: str) -> None:
        """Start `engine` and run a first trivial query, timing both."""
        if engine in self.started or engine not in LAZY:
            return
        print(f"starting {engine} ...", flush=True)
        started = time.perf_counter()
        if engine == "dask":
            # Imported here: its import is start-up, and a run without Dask
            # needs none of it.
            import dask.dataframe as dd  # noqa: PLC0415

            ready = time.perf_counter()
            tiny = dd.from_pandas(pd.DataFrame({"x": [1, 2]}), npartitions=1)  # type: ignore[no-untyped-call]
            tiny["x"].sum().compute()
        else:
            from pyspark.sql import SparkSession  # noqa: PLC0415  # as Dask

            self._spark = (
                SparkSession.builder.master("local[2]")
                .appName("advocacy-bench")
                .config("spark.driver.memory", "8g")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate()
            )
            self._spark.sparkContext.setLogLevel("ERROR")
            ready = time.perf_counter()
            self._spark.range(1).count()
        self.started[engine] = (ready - started, time.perf_counter() - ready)

    def load(self, engine: str, base: pl.DataFrame, pandas: pd.DataFrame) -> Any:
        """The base on `engine`, as a user would hand it over."""
        if engine == "polars":
            return base
        if engine == "pandas":
            return pandas
        if engine == "dask":
            import dask.dataframe as dd  # noqa: PLC0415  # started already

            return dd.from_pandas(pandas, npartitions=4)  # type: ignore[no-untyped-call]
        table = base.to_arrow(compat_level=pl.CompatLevel.oldest())
        frame = self._spark.createDataFrame(table).cache()
        frame.count()
        return frame

    def stop(self) -> None:
        """Stop Spark's session, if one was started."""
        if self._spark is not None:
            self._spark.stop()


# --- the run --------------------------------------------------------------


def compare(
    rows: int, repeat: int, objects_up_to: int
) -> tuple[list[str], pl.DataFrame, pd.DataFrame, Summary]:
    """The three library-against-baseline comparisons at one size.

    Returns the table's lines, the base on polars and pandas, and the
    summary of the checked polars tiers, which every engine must match.
    """
    print(f"building {rows:,} rows ...", flush=True)
    base = make_base(rows, SEED)
    pandas = to_pandas(base)
    model = ScoringModel.default()
    lines = []

    def line(name: str, library: float, baseline: float, target: str) -> None:
        lines.append(
            f"{rows:>11,}  {name:<42} {library:8.3f}s {baseline:8.3f}s "
            f"{library / baseline:6.2f}x  {target}"
        )

    library, scored, baseline, expected = race(
        repeat,
        lambda: score_frame(base, as_of=AS_OF),
        lambda: hand_written_polars(base, AS_OF),
    )
    same("polars", scored.select(OUTPUT).equals(expected.select(OUTPUT)))
    sample = base.head(SAMPLE)
    totals = model.score_many(signals_of(sample), as_of=AS_OF)
    same("object path", expected["score"].head(SAMPLE).to_list() == totals)
    line("score_frame polars vs polars expressions", library, baseline, "<= 1.5x")

    library, scored_pd, baseline, arrays = race(
        repeat,
        lambda: score_frame(pandas, as_of=AS_OF),
        lambda: hand_written_numpy(pandas, AS_OF),
    )
    same(
        "pandas",
        all(
            scored_pd[name].dtype == arrays[name].dtype
            and np.array_equal(scored_pd[name].to_numpy(), arrays[name])
            for name in OUTPUT
        ),
    )
    same("pandas", np.array_equal(arrays["score"], scored["score"].to_numpy()))
    line("score_frame pandas vs NumPy", library, baseline, "<= 2x")

    ids = scored["id"].to_numpy().astype(str)
    engagement = scored["engagement"].to_numpy()
    score = scored["score"].to_numpy()
    library, result, baseline, order = race(
        repeat,
        lambda: assign_tiers_frame(scored, engagement="engagement"),
        lambda: lexsort(ids, engagement, score),
    )
    ranks = result["tier"].replace_strict(RANKS, default=len(RANKS)).to_numpy()
    same("tiers in rank order", bool(np.all(np.diff(ranks[order]) >= 0)))
    if rows <= objects_up_to:
        print(f"checking {rows:,} tiers against assign_tiers ...", flush=True)
        objects = assign_tiers(
            dict(zip(scored["id"].to_list(), score.tolist(), strict=True)),
            as_of=AS_OF,
            activities=activities_of(base),
        )
        wanted = {i: None if t is None else t.value for i, t in objects.items()}
        same("assign_tiers", dict(result.select("id", "tier").iter_rows()) == wanted)
        counts = objects.counts()
        champions = counts.get(Tier.CHAMPION, 0)
        print(f"{champions:,} champions, {counts.get(Tier.ADVOCATE, 0):,} advocates")
    line("assign_tiers_frame polars vs np.lexsort", library, baseline, "<= 5x")
    return lines, base, pandas, summary(result)


def throughput(
    engines: Engines,
    base: pl.DataFrame,
    pandas: pd.DataFrame,
    *,
    reference: Summary,
    chosen: Sequence[str],
    repeat: int,
    lazy_up_to: int,
) -> list[str]:
    """Score and tiers end to end on each engine chosen, one line each."""
    rows = len(base)
    lines = []
    for engine in chosen:
        if engine in LAZY and rows > lazy_up_to:
            continue
        engines.start(engine)
        print(f"{engine}: score and tiers on {rows:,} rows ...", flush=True)
        started = time.perf_counter()
        frame = engines.load(engine, base, pandas)
        loaded = time.perf_counter() - started
        seconds, found = best_of(repeat, functools.partial(pipeline, frame))
        same(f"{engine} against polars", found == reference)
        load = f"{loaded:8.3f}s" if engine in LAZY else f"{'-':>9}"
        lines.append(
            f"{rows:>11,}  {engine:<8} {load} {seconds:10.3f}s {rows / seconds:>13,.0f}"
        )
        if engine == "spark":
            frame.unpersist()
    return lines


def main() -> None:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=ENGINES)
    parser.add_argument("--lazy-up-to", type=int, default=1_000_000)
    parser.add_argument("--objects-up-to", type=int, default=1_000_000)
    args = parser.parse_args()
    # Notices on import (narwhals' Dask support moving, PySpark on pandas 3),
    # not about this run.
    warnings.filterwarnings("ignore", category=FutureWarning)
    engines = Engines()
    ratios: list[str] = []
    speeds: list[str] = []
    try:
        for rows in args.rows:
            lines, base, pandas, reference = compare(
                rows, args.repeat, args.objects_up_to
            )
            ratios += lines
            speeds += throughput(
                engines,
                base,
                pandas,
                reference=reference,
                chosen=args.engines,
                repeat=args.repeat,
                lazy_up_to=args.lazy_up_to,
            )
            del base, pandas
    finally:
        engines.stop()
    print(
        f"\n{'rows':>11}  {'library vs baseline':<42} {'library':>9} "
        f"{'baseline':>9} {'ratio':>7}  target"
    )
    print("\n".join(ratios))
    print(
        f"\n{'rows':>11}  {'engine':<8} {'load':>9} {'score+tiers':>11} {'rows/s':>13}"
    )
    print("\n".join(speeds))
    if engines.started:
        print("\nstart-up, once per process (in no rows/s):")
        print(f"{'engine':<8} {'import+session':>15} {'first query':>12}")
    for engine, (start, first) in engines.started.items():
        print(f"{engine:<8} {start:14.3f}s {first:11.3f}s")
    print(f"\nbest of {args.repeat}; as of {AS_OF}; seed {SEED}")


if __name__ == "__main__":
    main()
