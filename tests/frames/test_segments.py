"""Supply counted per segment inside the engine, as count_supply counts it."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advocacy import (
    Account,
    AccountPolicy,
    ActivityType,
    Advocate,
    ColumnMapping,
    DemandPlan,
    Money,
    PlanLine,
    Policies,
    RegionTable,
    ScoringModel,
    Segment,
    Signals,
    SizeBand,
    SizeBands,
    Tier,
    TierPolicy,
    reference_gaps,
)
from advocacy._gaps.plan import DEFAULT_DIMENSIONS, segment_dimensions
from advocacy._gaps.supply import count_supply, index_histories
from advocacy.exceptions import (
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from advocacy.frames._supply import (
    segment_counts,
    segment_supply_frame,
)
from tests.checks import refused
from tests.frames.engines import (
    DISTRIBUTED,
    DISTRIBUTED_EXAMPLES,
    ENGINES,
    IN_PROCESS,
    native,
    rows,
)
from tests.frames.supply import (
    _A,
    AS_OF,
    Q4,
    SUPPLY_EXAMPLES,
    D,
    Table,
)

# --- segment supply -------------------------------------------------------------

PRODUCTS = ("P", "Q", "R")
KINDS = (_A.REFERENCE_CALL, _A.CASE_STUDY, _A.SPEAKING, _A.ONLINE_REVIEW)
SPELLINGS: dict[Any, list[str]] = {
    _A.REFERENCE_CALL: [
        "reference_call",
        "Reference Call",
        "ref call",
        " REFERENCE-CALL",
    ],
    _A.CASE_STUDY: ["case_study", "Case Study", "customer story"],
    _A.SPEAKING: ["speaking", "Speaker"],
    _A.ONLINE_REVIEW: ["online_review", "review", "G2 Review"],
    Tier.CHAMPION: ["champion", "Champion", " CHAMPION"],
    Tier.ADVOCATE: ["advocate", "Advocate "],
    Tier.SUPPORTER: ["supporter", "SUPPORTER"],
}
MISSING = st.sampled_from([None, "", "N/A", " "])
ACCOUNT_TYPES = {
    "id": "str",
    "industry": "str",
    "region": "str",
    "employees": "int",
    "products": "str",
    "policy.public_allowed": "bool",
    "policy.restricted": "str",
}
ADVOCATE_TYPES = {
    "id": "str",
    "account_id": "str",
    "opted_out": "bool",
    "activities": "str",
    "tier": "str",
    "available_for_references": "bool",
}


@attrs.frozen
class World:
    """Accounts and advocates as values, and the same rows as tables."""

    accounts: list[Account]
    advocates: list[Advocate]
    account_table: Table
    advocate_table: Table
    mapping: ColumnMapping


@st.composite
def written(
    draw: st.DrawFn, items: frozenset[Any], *, listed: bool, separator: str
) -> Any:
    """A multi-select as a CRM writes it: spelled, padded, repeated, blank items."""
    order: list[Any] = draw(st.permutations(sorted(items)))
    words: list[str] = [
        draw(st.sampled_from(SPELLINGS[item])) if item in SPELLINGS else item
        for item in order
    ]
    repeat: bool = draw(st.booleans())
    blank: bool = draw(st.booleans())
    if words and repeat:
        words.append(words[0])
    if words and blank:
        words.insert(draw(st.integers(0, len(words))), " ")
    if listed:
        return words or draw(st.sampled_from([None, []]))
    if not words:
        return draw(MISSING)
    return separator.join(f" {w}" if draw(st.booleans()) else w for w in words)


def _padded(draw: st.DrawFn, text: str) -> str:
    return (
        draw(st.sampled_from(["", " ", "  "])) + text + draw(st.sampled_from(["", " "]))
    )


def _flag(draw: st.DrawFn, value: bool, default: bool) -> bool | None:
    """A yes/no as a table holds it: null where it is the field's default."""
    return None if value is default and draw(st.booleans()) else value


@st.composite
def worlds(draw: st.DrawFn, *, most: int = 12) -> World:
    listed = draw(st.booleans())
    separator = draw(st.sampled_from([";", ",", " | "]))
    accounts: list[Account] = []
    table: dict[str, list[Any]] = {field: [] for field in ACCOUNT_TYPES}
    for n in range(draw(st.integers(1, most))):
        account = Account(
            id=f"acct-{n:02d}",
            name=f"Customer {n}",
            industry=draw(st.sampled_from(["Retail", "Banking"])),
            employees=draw(st.sampled_from([1, 99, 100, 999, 1000, 20_000])),
            region=draw(st.sampled_from(["EMEA", "APAC"])),
            customer_since=pendulum.date(2020, 1, 1),
            products=draw(st.frozensets(st.sampled_from(PRODUCTS))),
            policy=AccountPolicy(
                public_allowed=draw(st.booleans()),
                restricted=draw(st.frozensets(st.sampled_from(KINDS), max_size=2)),
            ),
        )
        accounts.append(account)
        table["id"].append(_padded(draw, account.id))
        table["industry"].append(_padded(draw, account.industry))
        table["region"].append(account.region)
        table["employees"].append(account.employees)
        table["products"].append(
            draw(written(account.products, listed=listed, separator=separator))
        )
        table["policy.public_allowed"].append(
            _flag(draw, account.policy.public_allowed, default=True)
        )
        table["policy.restricted"].append(
            draw(written(account.policy.restricted, listed=listed, separator=separator))
        )
    many = "strs" if listed else "str"
    account_types = ACCOUNT_TYPES | {"products": many, "policy.restricted": many}
    advocates: list[Advocate] = []
    people: dict[str, list[Any]] = {field: [] for field in ADVOCATE_TYPES}
    for n in range(draw(st.integers(0, most))):
        advocate = Advocate(
            id=f"adv-{n:02d}",
            account_id=draw(st.sampled_from(accounts)).id,
            name=f"Advocate {n}",
            activities=draw(st.frozensets(st.sampled_from(KINDS))),
            available_for_references=draw(st.booleans()),
            opted_out=draw(st.sampled_from([False, False, True])),
            tier=draw(st.none() | st.sampled_from(Tier)),
        )
        advocates.append(advocate)
        people["id"].append(advocate.id)
        people["account_id"].append(_padded(draw, advocate.account_id))
        people["opted_out"].append(_flag(draw, advocate.opted_out, default=False))
        people["activities"].append(
            draw(written(advocate.activities, listed=listed, separator=separator))
        )
        people["tier"].append(
            draw(MISSING)
            if advocate.tier is None
            else draw(st.sampled_from(SPELLINGS[advocate.tier]))
        )
        people["available_for_references"].append(
            _flag(draw, advocate.available_for_references, default=True)
        )
    advocate_types = ADVOCATE_TYPES | {"activities": many}
    return World(
        accounts,
        advocates,
        (table, account_types),
        (people, advocate_types),
        ColumnMapping(separator=separator),
    )


DIMENSION_SETS = st.sampled_from(
    [
        DEFAULT_DIMENSIONS,
        (D.PRODUCT,),
        (D.INDUSTRY,),
        (D.SIZE, D.REGION),
        (D.PRODUCT, D.SIZE),
        tuple(D),
    ]
)


def expected(
    world: World, dimensions: Any, kind: ActivityType, policies: Policies
) -> tuple[dict[Segment, int], dict[Segment, int]]:
    """Customers and approved references per segment by `count_supply`."""
    chosen = segment_dimensions("test", dimensions)
    supply = count_supply(
        world.accounts,
        world.advocates,
        plan=DemandPlan(start=Q4[0], end=Q4[1], lines=(), activity=kind),
        dimensions=chosen,
        policies=policies,
        histories=index_histories(world.advocates, [], [], policies.catalog, "test"),
        totals={},
        qualify=ScoringModel.default(),
    )
    return supply.customers, supply.approved


def framed(
    engine: str, world: World, dimensions: Any, kind: ActivityType, **kw: Any
) -> tuple[dict[Segment, int], dict[Segment, int]]:
    result = segment_supply_frame(
        native(engine, *world.account_table),
        dimensions=dimensions,
        columns=world.mapping,
        advocates=native(engine, *world.advocate_table),
        activity=kind,
        **kw,
    )
    names = [d.value for d in segment_dimensions("test", dimensions)]
    found = rows(result)
    assert all(set(row) == {*names, "customers", "approved"} for row in found)
    segments = [Segment(**{name: row[name] for name in names}) for row in found]
    return (
        {s: row["customers"] for s, row in zip(segments, found, strict=True)},
        {
            s: row["approved"]
            for s, row in zip(segments, found, strict=True)
            if row["approved"]
        },
    )


class TestSegmentSupply:
    @pytest.mark.parametrize("engine", IN_PROCESS)
    @settings(max_examples=SUPPLY_EXAMPLES)
    @given(world=worlds(), dimensions=DIMENSION_SETS, kind=st.sampled_from(KINDS))
    def test_the_counts_are_count_supplys_in_process(
        self, engine: str, world: World, dimensions: Any, kind: ActivityType
    ) -> None:
        want = expected(world, dimensions, kind, Policies.default())
        assert framed(engine, world, dimensions, kind) == want

    # Each call is six small Spark jobs (checks, picklists, the result): few
    # examples keep the suite quick; the in-process engines run the full count.
    @pytest.mark.parametrize("engine", DISTRIBUTED)
    @settings(max_examples=DISTRIBUTED_EXAMPLES // 4)
    @given(world=worlds(), dimensions=DIMENSION_SETS, kind=st.sampled_from(KINDS))
    def test_the_counts_are_count_supplys_distributed(
        self, engine: str, world: World, dimensions: Any, kind: ActivityType
    ) -> None:
        want = expected(world, dimensions, kind, Policies.default())
        assert framed(engine, world, dimensions, kind) == want

    # The worked example: four accounts, four advocates, reference calls.
    ACCOUNTS: Table = (  # read only
        {
            "id": ["a1", "a2", "a3", " a4 "],
            "industry": ["Retail", " Retail", "Banking", "Banking"],
            "region": ["EMEA", "EMEA", "EMEA", "APAC"],
            "employees": [50, 500, 5000, 99],
            "products": ["P;Q", "Q", None, "P ; ;P"],
            "policy.restricted": [None, "reference call", None, ""],
        },
        {
            "id": "str",
            "industry": "str",
            "region": "str",
            "employees": "int",
            "products": "str",
            "policy.restricted": "str",
        },
    )
    ADVOCATES: Table = (  # read only
        {
            # v1 approved; v2's account forbids calls; v3 has no tier; v4 is
            # opted in to webinars only; v5 opted out.
            "id": ["v1", "v2", "v3", "v4", "v5"],
            "account_id": ["a1", "a2", "a4", "a1", "a1"],
            "opted_out": [False, None, False, False, True],
            "activities": [
                "Reference Call",
                "ref call;webinar",
                "reference_call",
                "webinar",
                "reference_call",
            ],
            "tier": ["advocate", "Champion", None, "advocate", "champion"],
            "available_for_references": [True, True, None, True, True],
        },
        {
            "id": "str",
            "account_id": "str",
            "opted_out": "bool",
            "activities": "str",
            "tier": "str",
            "available_for_references": "bool",
        },
    )

    @pytest.mark.parametrize("engine", ENGINES)
    def test_the_worked_example(self, engine: str) -> None:
        accounts = native(engine, *self.ACCOUNTS)
        result = segment_supply_frame(
            accounts, advocates=native(engine, *self.ADVOCATES)
        )
        assert type(result) is type(accounts)
        assert [tuple(row.values()) for row in rows(result)] == [
            ("P", "Banking", "APAC", 1, 0),
            ("P", "Retail", "EMEA", 1, 1),
            ("Q", "Retail", "EMEA", 2, 1),
        ]
        assert list(rows(result)[0]) == [
            "product",
            "industry",
            "region",
            "customers",
            "approved",
        ]

    @pytest.mark.parametrize(
        ("dimensions", "want"),
        [
            (["size"], [("enterprise", 1), ("mid_market", 1), ("smb", 2)]),
            (["industry"], [("Banking", 2), ("Retail", 2)]),
            (["product"], [("P", 2), ("Q", 2)]),
        ],
    )
    def test_one_dimension_without_advocates(
        self, dimensions: list[str], want: list[tuple[str, int]]
    ) -> None:
        for engine in ("pyarrow", "dask"):
            result = segment_supply_frame(
                native(engine, *self.ACCOUNTS), dimensions=dimensions
            )
            assert [tuple(row.values()) for row in rows(result)] == want

    def test_size_bands_regions_and_a_public_activity(self) -> None:
        table, types = self.ACCOUNTS
        table = table | {
            "region": ["France", "fr", "Japan", "Germany"],
            "policy.public_allowed": [True, None, True, False],
        }
        types = types | {"policy.public_allowed": "bool"}
        people = self.ADVOCATES[0] | {"activities": ["case study"] * 5}
        result = segment_supply_frame(
            native("polars-lazy", table, types),
            dimensions=["size", "region"],
            columns=ColumnMapping(regions=RegionTable.default()),
            size_bands=SizeBands(mid_market_from=10, enterprise_from=100),
            advocates=native("polars-lazy", people, self.ADVOCATES[1]),
            activity="case_study",
        )
        # a4 (99 employees) is mid-market under these bands, a2 enterprise;
        # v1 counts (a1 allows public work), v4 too; a4 forbids public work.
        assert rows(result) == [
            {"size": "enterprise", "region": "APAC", "customers": 1, "approved": 0},
            {"size": "enterprise", "region": "EMEA", "customers": 1, "approved": 1},
            {"size": "mid_market", "region": "EMEA", "customers": 2, "approved": 2},
        ]

    def test_products_as_a_list_column_and_a_tier_policy(self) -> None:
        table, types = self.ACCOUNTS
        listed = table | {"products": [["P", " Q"], ["Q", ""], None, []]}
        calls_for_champions = TierPolicy(
            tuple(
                attrs.evolve(rule, activities=rule.activities - {_A.REFERENCE_CALL})
                if rule.tier is not Tier.CHAMPION
                else rule
                for rule in TierPolicy.default().rules
            )
        )
        for engine in ("pandas", "polars-lazy"):
            result = segment_supply_frame(
                native(engine, listed, types | {"products": "strs"}),
                dimensions=["product"],
                advocates=native(engine, *self.ADVOCATES),
                policies=Policies(tiers=calls_for_champions),
            )
            # Only v5 (opted out) and v2 (barred by a2) are champions.
            assert rows(result) == [
                {"product": "P", "customers": 1, "approved": 0},
                {"product": "Q", "customers": 2, "approved": 0},
            ]

    def test_no_products_at_all_gives_no_rows(self) -> None:
        table, types = self.ACCOUNTS
        none = table | {"products": [None] * 4}
        for engine in ("polars", "duckdb"):
            result = segment_supply_frame(
                native(engine, none, types), advocates=native(engine, *self.ADVOCATES)
            )
            assert rows(result) == []
            alone = segment_supply_frame(
                native(engine, none, types), dimensions=["product"]
            )
            assert rows(alone) == []

    # --- bad input ------------------------------------------------------------

    def supply(self, accounts: Table, advocates: Table | None, **kw: Any) -> Any:
        people = None if advocates is None else native("polars", *advocates)
        return segment_supply_frame(native("polars", *accounts), advocates=people, **kw)

    def test_missing_columns_of_both_frames(self) -> None:
        accounts = ({"id": ["a1"]}, {"id": "str"})
        with pytest.raises(InvalidFieldsError) as caught:
            self.supply(accounts, None)
        assert [e.field for e in caught.value.errors] == [
            "accounts['products']",
            "accounts['industry']",
            "accounts['region']",
        ]
        refused(
            InvalidValueError,
            r"segment_supply_frame.advocates\['grade'\]",
            lambda: self.supply(
                self.ACCOUNTS,
                (
                    {**self.ADVOCATES[0], "level": self.ADVOCATES[0]["tier"]},
                    {**self.ADVOCATES[1], "level": "str"},
                ),
                columns=ColumnMapping(columns={"tier": "grade"}),
            ),
        )

    def test_wrong_types_are_refused_together(self) -> None:
        table, types = self.ACCOUNTS
        accounts = (
            table
            | {"industry": [1, 2, 3, 4], "employees": ["50"] * 4, "id": [1.0] * 4},
            types | {"industry": "int", "employees": "str", "id": "float"},
        )
        people, kinds = self.ADVOCATES
        advocates = (
            people | {"opted_out": ["no"] * 5, "tier": [1] * 5, "activities": [0] * 5},
            kinds | {"opted_out": "str", "tier": "int", "activities": "int"},
        )
        with pytest.raises(InvalidFieldsError) as caught:
            self.supply(accounts, advocates, dimensions=["industry", "size"])
        assert {type(e) for e in caught.value.errors} == {InvalidTypeError}
        assert [e.field for e in caught.value.errors] == [
            "accounts['id']",
            "accounts['industry']",
            "accounts['employees']",
            "advocates['opted_out']",
            "advocates['activities']",
            "advocates['tier']",
        ]

    def test_values_ingest_refuses_are_refused_together(self) -> None:
        table, types = self.ACCOUNTS
        accounts = (
            table
            | {
                "id": ["a1", "a1 ", "a3", "a4"],
                "industry": ["Retail", "N/A", "Banking", "Banking"],
                "employees": [50, None, 0, 99],
                "policy.restricted": ["calls", None, None, None],
            },
            types,
        )
        people, kinds = self.ADVOCATES
        advocates = (
            people
            | {
                "id": ["v1", None, None, "v4", "v5"],
                "tier": ["gold", None, "silver", None, None],
                "activities": [None, None, None, None, "talks"],
            },
            kinds,
        )
        with pytest.raises(InvalidFieldsError) as caught:
            self.supply(accounts, advocates, dimensions=["industry", "size"])
        # Each refusal names its column and a value it holds (employees are
        # both below 1 and missing): the aggregates' first, then the
        # picklists' (the first value each cannot read).
        assert [(e.field, e.value) for e in caught.value.errors] == [
            ("accounts['employees']", 0),
            ("accounts['employees']", None),
            ("accounts['id']", "a1"),
            ("advocates['id']", None),
            ("accounts['industry']", "N/A"),
            ("accounts['policy.restricted']", "calls"),
            ("advocates['activities']", "talks"),
            ("advocates['tier']", "gold"),
        ]
        assert {type(e) for e in caught.value.errors} == {InvalidValueError}

    def test_a_country_the_region_table_does_not_know(self) -> None:
        table, types = self.ACCOUNTS
        accounts = (table | {"region": ["France", "Atlantis", "Japan", "fr"]}, types)
        refused(
            InvalidValueError,
            r"segment_supply_frame.accounts\['region'\]",
            lambda: self.supply(
                accounts, None, columns=ColumnMapping(regions=RegionTable.default())
            ),
        )

    def test_a_missing_employee_count_is_refused(self) -> None:
        table, types = self.ACCOUNTS
        accounts = (table | {"employees": [50, None, 10, 99]}, types)
        refused(
            InvalidValueError,
            r"segment_supply_frame.accounts\['employees'\]",
            lambda: self.supply(accounts, None, dimensions=["size"]),
        )

    def test_an_advocate_needs_a_known_account(self) -> None:
        people, kinds = self.ADVOCATES
        advocates = (people | {"account_id": ["a1", "a9", "a2", "a8", "a1"]}, kinds)
        with pytest.raises(UnknownKeyError, match="got 'a8'"):
            self.supply(self.ACCOUNTS, advocates)

    def test_a_list_of_activities_with_a_null_item(self) -> None:
        people, kinds = self.ADVOCATES
        items = [["reference call", None], None, [], ["webinar", " "], ["review"]]
        advocates = (people | {"activities": items}, kinds | {"activities": "strs"})
        with pytest.raises(InvalidValueError) as caught:
            self.supply(self.ACCOUNTS, advocates)
        assert caught.value.field == "advocates['activities']"
        assert caught.value.value is None

    def test_bad_arguments(self) -> None:
        frame = native("polars", *self.ACCOUNTS)
        lazy = native("polars-lazy", *self.ADVOCATES)
        cases: list[tuple[type[Exception], str, Any]] = [
            (InvalidTypeError, "accounts", lambda: segment_supply_frame([1])),
            (
                InvalidTypeError,
                "advocates",
                lambda: segment_supply_frame(frame, advocates={"id": []}),
            ),
            (
                InvalidTypeError,
                "advocates",
                lambda: segment_supply_frame(frame, advocates=lazy),
            ),
            (
                InvalidValueError,
                "dimensions",
                lambda: segment_supply_frame(frame, dimensions=["colour"]),
            ),
            (
                InvalidValueError,
                "dimensions",
                lambda: segment_supply_frame(frame, dimensions=[]),
            ),
            (
                InvalidTypeError,
                "activity",
                lambda: segment_supply_frame(frame, activity="calls"),
            ),
            (
                InvalidTypeError,
                "size_bands",
                lambda: segment_supply_frame(frame, size_bands=(10, 100)),  # type: ignore[arg-type]
            ),
            (
                InvalidTypeError,
                "policies",
                lambda: segment_supply_frame(frame, policies="default"),  # type: ignore[arg-type]
            ),
            (
                InvalidTypeError,
                "columns",
                lambda: segment_supply_frame(frame, columns={}),  # type: ignore[arg-type]
            ),
        ]
        for error, field, make in cases:
            refused(error, f"segment_supply_frame.{field}", make)


# --- the bridge to reference_gaps -------------------------------------------------


def usd(amount: int) -> Money:
    return Money(amount, "USD")


KEEN = Signals(
    nps=10, feature_adoption=0.9, health_score=90, responded_to_requests=True
)


@st.composite
def plans(draw: st.DrawFn, world: World) -> DemandPlan:
    """Goals for products some account owns, and marketing's asks."""
    owned = {p for account in world.accounts for p in account.products}
    lines = [
        PlanLine(
            Segment(product=p),
            usd(draw(st.integers(0, 2_000_000))),
            usd(draw(st.integers(10_000, 500_000))),
        )
        for p in sorted(owned)
        if draw(st.booleans())
    ]
    return DemandPlan(
        start=Q4[0],
        end=Q4[1],
        lines=lines,
        references_per_opportunity=draw(st.sampled_from([0.5, 1.5, 3])),
        win_rate=draw(st.none() | st.sampled_from([0.25, 1.0])),
    )


def gaps_both_ways(engine: str, world: World, plan: DemandPlan) -> None:
    """The report from every account equals the one from the advocates' and counts."""
    signals = {advocate.id: KEEN for advocate in world.advocates}
    full = reference_gaps(
        world.accounts, world.advocates, plan, as_of=AS_OF, signals=signals
    )
    counts = segment_counts(
        segment_supply_frame(
            native(engine, *world.account_table), columns=world.mapping
        )
    )
    homes = {advocate.account_id for advocate in world.advocates}
    given = [account for account in world.accounts if account.id in homes]
    assert (
        reference_gaps(
            given, world.advocates, plan, as_of=AS_OF, signals=signals, customers=counts
        )
        == full
    )


class TestSegmentCounts:
    @pytest.mark.parametrize("engine", ["pandas", "polars"])
    @settings(max_examples=SUPPLY_EXAMPLES)
    @given(data=st.data())
    def test_reference_gaps_from_counts_equals_it_from_every_account(
        self, engine: str, data: st.DataObject
    ) -> None:
        world = data.draw(worlds())
        gaps_both_ways(engine, world, data.draw(plans(world)))

    @settings(max_examples=DISTRIBUTED_EXAMPLES // 4)
    @given(data=st.data())
    def test_reference_gaps_from_counts_on_dask(self, data: st.DataObject) -> None:
        world = data.draw(worlds())
        gaps_both_ways("dask", world, data.draw(plans(world)))

    def test_the_counts_of_the_worked_example(self) -> None:
        frame = segment_supply_frame(native("duckdb", *TestSegmentSupply.ACCOUNTS))
        assert segment_counts(frame) == {
            Segment("P", "Banking", "APAC"): 1,
            Segment("P", "Retail", "EMEA"): 1,
            Segment("Q", "Retail", "EMEA"): 2,
        }
        sized = segment_supply_frame(
            native("duckdb", *TestSegmentSupply.ACCOUNTS), dimensions=["size"]
        )
        assert segment_counts(sized, ["size"])[Segment(size=SizeBand.SMB)] == 2

    def test_bad_frames(self) -> None:
        def counts(columns: dict[str, list[Any]], types: dict[str, str]) -> Any:
            return segment_counts(native("polars", columns, types), ["size", "region"])

        sizes = {"size": "str", "region": "str", "customers": "int"}
        refused(InvalidTypeError, "segment_counts.frame", lambda: segment_counts(None))
        refused(
            InvalidValueError,
            r"segment_counts.frame\['customers'\]",
            lambda: counts({"size": ["smb"], "region": ["EMEA"]}, sizes),
        )
        with pytest.raises(InvalidFieldsError) as caught:
            counts(
                {
                    "size": ["smb", "medium", None, "smb"],
                    "region": ["EMEA", "EMEA", "EMEA", "EMEA"],
                    "customers": [1, 2, 3, -4],
                },
                sizes,
            )
        assert [e.field for e in caught.value.errors] == [
            "frame['size']",
            "frame['customers']",
        ]
        with pytest.raises(InvalidValueError, match="expected an industry in every"):
            segment_counts(
                native(
                    "polars",
                    {"industry": [None], "customers": [1]},
                    {"industry": "str", "customers": "int"},
                ),
                ["industry"],
            )
        refused(
            InvalidValueError,
            "segment_counts.frame",
            lambda: counts(
                {"size": ["smb", "smb"], "region": ["EMEA"] * 2, "customers": [1, 2]},
                sizes,
            ),
        )
        refused(
            InvalidTypeError,
            r"segment_counts.frame\['customers'\]",
            lambda: counts(
                {"size": ["smb"], "region": ["EMEA"], "customers": ["1"]},
                sizes | {"customers": "str"},
            ),
        )
        refused(
            InvalidValueError,
            r"segment_counts.frame\['region'\]",
            lambda: counts({"size": ["smb"], "region": [" "], "customers": [1]}, sizes),
        )
