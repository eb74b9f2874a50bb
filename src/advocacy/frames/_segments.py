"""Counting per segment inside the engine: the grouped frame of segment supply.

`per_account` turns the accounts into a row each (id, segment keys, a 0/1
column per product owned); `with_approved` adds each account's approved
references; `grouped` sums them per segment. An account owning several
products counts once in each product's segment: one sum per product per
group of the other keys, in one pass over the accounts, unpivoted to a row
per product.

Keep this in step with docs/explanation/gap-analysis.md.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from typing import Any, Final, cast

import narwhals.stable.v2 as nw

from advocacy._gaps.plan import SegmentDimension
from advocacy._model.customers import SizeBands
from advocacy._model.enums import SizeBand
from advocacy.frames._columns import Columns
from advocacy.frames._native import Frame

__all__ = ["grouped", "per_account", "products_of", "with_approved"]

# The query's own columns.
_ID: Final = "_advocacy_id"
_OK: Final = "_advocacy_ok"
_N: Final = "_advocacy_approved"
_ONE: Final = "_advocacy_one"
_VARIABLE: Final = "_advocacy_variable"
_AMOUNT: Final = "_advocacy_amount"


def products_of(homes: Columns, chosen: Sequence[SegmentDimension]) -> list[str] | None:
    """The products the accounts own, in order (`None`: not cut by product)."""
    if SegmentDimension.PRODUCT not in chosen:
        return None
    return sorted(homes.picklists["products"].items())


def per_account(
    homes: Columns,
    chosen: Sequence[SegmentDimension],
    bands: SizeBands,
    allows: nw.Expr | None,
) -> Frame:
    """A row per account: its id, segment keys and 0/1 columns.

    A column per product (owned or not) and, given `allows`, whether the
    account's policy allows the activity.
    """
    keys: dict[str, nw.Expr] = {}
    for dimension in chosen:
        if dimension in (SegmentDimension.INDUSTRY, SegmentDimension.REGION):
            keys[dimension.value] = homes.picklists[dimension.value].value()
        elif dimension is SegmentDimension.SIZE:
            keys[dimension.value] = _band(homes.col("employees"), bands)
    owned = []
    for n, product in enumerate(products_of(homes, chosen) or []):
        has = homes.picklists["products"].has(functools.partial(operator.eq, product))
        owned.append(has.cast(nw.Int64()).alias(f"_has{n}"))
    return homes.frame.select(
        homes.trimmed("id").alias(_ID),
        *(key.alias(f"_key_{name}") for name, key in keys.items()),
        *owned,
        *([] if allows is None else [allows.cast(nw.Int64()).alias(_OK)]),
        nw.lit(1).cast(nw.Int64()).alias(_ONE),
    )


def _band(employees: nw.Expr, bands: SizeBands) -> nw.Expr:
    """The size band's value, as `SizeBands.band` gives it."""
    count = employees.cast(nw.Float64())
    return (
        nw.when(count >= bands.enterprise_from)
        .then(nw.lit(SizeBand.ENTERPRISE.value))
        .when(count >= bands.mid_market_from)
        .then(nw.lit(SizeBand.MID_MARKET.value))
        .otherwise(nw.lit(SizeBand.SMB.value))
    )


def with_approved(table: Frame, people: Columns, approved: nw.Expr) -> Frame:
    """`table` with each account's approved references (0 where its policy bars)."""
    counts = (
        people.frame.filter(approved)
        .select(people.trimmed("account_id").alias(_ID))
        .group_by(_ID)
        .agg(nw.len().alias(_N))
    )
    return table.join(cast("Any", counts), on=_ID, how="left").with_columns(
        (nw.col(_N).fill_null(0) * nw.col(_OK)).cast(nw.Int64()).alias(_N)
    )


def grouped(
    table: Frame,
    chosen: Sequence[SegmentDimension],
    products: list[str] | None,
    *,
    approved: bool,
) -> Frame:
    """The counts per segment, named and sorted by the dimensions."""
    keys = [f"_key_{d.value}" for d in chosen if d is not SegmentDimension.PRODUCT]
    counts = ["customers", "approved"] if approved else ["customers"]
    if products is None:
        sums = [nw.col(_ONE).sum().alias("customers")]
        if approved:
            sums.append(nw.col(_N).sum().alias("approved"))
        summed = table.group_by(*keys).agg(*sums)
    else:
        summed = _by_product(table, keys, products, approved=approved)
    names = [d.value for d in chosen]
    return summed.select(
        *(nw.col(f"_key_{name}").alias(name) for name in names),
        *(nw.col(count).cast(nw.Int64()) for count in counts),
    ).sort(*names)


def _by_product(
    table: Frame, keys: list[str], products: list[str], *, approved: bool
) -> Frame:
    """Counts per product and the other keys, in one pass over the accounts."""
    if not products:
        return table.filter(nw.col(_ONE) == 0).select(
            *keys,
            nw.lit(None, nw.String()).alias("_key_product"),
            nw.col(_ONE).alias("customers"),
            *([nw.col(_ONE).alias("approved")] if approved else []),
        )
    long = _wide(table, keys, len(products), approved=approved).unpivot(
        index=keys, variable_name=_VARIABLE, value_name=_AMOUNT
    )
    variable = nw.col(_VARIABLE)
    # nw.when(...).then(...), then .when(...).then(...) for each other product.
    product: Any = nw
    for n, name in enumerate(products):
        product = product.when(variable.is_in([f"_c{n}", f"_a{n}"])).then(nw.lit(name))
    counts = ["customers", "approved"] if approved else ["customers"]
    figures = [
        nw.when(variable.str.starts_with(f"_{count[0]}"))
        .then(nw.col(_AMOUNT))
        .otherwise(0)
        .alias(count)
        for count in counts
    ]
    summed = (
        long.with_columns(product.alias("_key_product"), *figures)
        .group_by(*keys, "_key_product")
        .agg(*(nw.col(count).sum() for count in counts))
    )
    return summed.filter(nw.col("customers") > 0)


def _wide(table: Frame, keys: list[str], products: int, *, approved: bool) -> Frame:
    """Per group of `keys`, `_c<n>`: accounts owning product n; `_a<n>`: theirs."""
    sums = [nw.col(f"_has{n}").sum().alias(f"_c{n}") for n in range(products)]
    if approved:
        table = table.with_columns(
            *(
                (nw.col(f"_has{n}") * nw.col(_N)).alias(f"_a{n}")
                for n in range(products)
            )
        )
        sums += [nw.col(f"_a{n}").sum().alias(f"_a{n}") for n in range(products)]
    wide = table.group_by(*keys).agg(*sums) if keys else table.select(*sums)
    # DuckDB sums to a 128-bit integer: one type, for the unpivot.
    measured = [f"_c{n}" for n in range(products)]
    if approved:
        measured += [f"_a{n}" for n in range(products)]
    return wide.with_columns(nw.col(*measured).cast(nw.Int64()))
