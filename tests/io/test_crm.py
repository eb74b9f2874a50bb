"""What the CRM adapters share: the loaded program, joined rows, write-back figures."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Account,
    Activity,
    Advocate,
    ColumnMapping,
    CrmRecords,
    Opportunity,
    ScoringModel,
    Signals,
    Tier,
    load_records,
)
from advocacy._io.crm import (
    batches,
    deal_outcome,
    flat,
    is_customer,
    participation,
    prospect_id,
    score_total,
    tier_value,
)
from advocacy.exceptions import InvalidTypeError
from tests.checks import refused
from tests.strategies import activities_for, as_of_dates

AS_OF = pendulum.date(2026, 9, 30)
MAPPING = ColumnMapping.default()


def empty() -> CrmRecords:
    """A program read from a CRM that held nothing."""
    return CrmRecords(
        accounts=load_records(Account, []),
        advocates=load_records(Advocate, []),
        signals=load_records(Signals, []),
        activities=load_records(Activity, []),
        opportunities=load_records(Opportunity, []),
    )


class TestCrmRecords:
    def test_nothing_read_explains_five_empty_loads(self) -> None:
        records = empty()
        assert records.rejected == 0
        assert [load.kind for load in records.loads] == [
            "Account",
            "Advocate",
            "Signals",
            "Activity",
            "Opportunity",
        ]
        assert records.explain().splitlines() == [
            f"{kind}: 0 of 0 rows built, 0 rejected"
            for kind in ("Account", "Advocate", "Signals", "Activity", "Opportunity")
        ]

    def test_rejected_counts_every_loads_rejected_rows(self) -> None:
        rows: list[Any] = [{"id": "a"}, "not a row"]
        records = CrmRecords(
            accounts=load_records(Account, rows),
            advocates=load_records(Advocate, []),
            signals=load_records(Signals, []),
            activities=load_records(Activity, [{}, {}, {}]),
            opportunities=load_records(Opportunity, []),
            prospects=("p-1", "p-2"),
        )
        assert records.rejected == 5
        lines = records.explain().splitlines()
        assert lines[0] == "Account: 0 of 2 rows built, 2 rejected"
        assert "row 0 (id a):" in lines
        assert "Activity: 0 of 3 rows built, 3 rejected" in lines
        assert lines[-1] == "2 companies read as prospects only (not customers)"

    def test_one_prospect_is_named_in_the_singular(self) -> None:
        records = attrs.evolve(empty(), prospects=("p-1",))
        assert records.explain().endswith(
            "\n1 company read as prospects only (not customers)"
        )

    @pytest.mark.parametrize("field", ["accounts", "opportunities"])
    def test_a_load_that_is_not_a_load_is_refused_by_name(self, field: str) -> None:
        loads: dict[str, Any] = {
            "accounts": empty().accounts,
            "advocates": empty().advocates,
            "signals": empty().signals,
            "activities": empty().activities,
            "opportunities": empty().opportunities,
            field: [],
        }
        refused(InvalidTypeError, f"CrmRecords.{field}", lambda: CrmRecords(**loads))


class TestIsCustomer:
    @pytest.mark.parametrize("value", [None, "", "N/A", float("nan"), "  "])
    def test_an_unknown_stage_counts_as_a_customer(self, value: object) -> None:
        assert is_customer(value, frozenset({"customer"}))

    @pytest.mark.parametrize("value", ["customer", "Customer", " CUSTOMER "])
    def test_a_customer_word_in_any_case_is_a_customer(self, value: str) -> None:
        assert is_customer(value, frozenset({"Customer"}))

    @pytest.mark.parametrize("value", ["lead", "opportunity", 3, True])
    def test_anything_else_is_not(self, value: object) -> None:
        assert not is_customer(value, frozenset({"customer"}))


class TestProspectId:
    CUSTOMERS = frozenset({"customer"})

    @pytest.mark.parametrize(
        ("record", "expected"),
        [
            ({"id": " 9002 "}, "9002"),
            ({"id": 9002.0}, "9002"),
            ({"id": None}, None),
            ({"id": "N/A"}, None),
            ({"id": ""}, None),
            ({"id": 1.5}, None),
            ({}, None),
            ("not a record", None),
        ],
    )
    def test_a_prospects_readable_id(
        self, record: object, expected: str | None
    ) -> None:
        assert prospect_id(record, "id", "lead", self.CUSTOMERS) == expected

    @pytest.mark.parametrize("stage", ["customer", None, ""])
    def test_a_customer_or_unknown_stage_is_no_prospect(self, stage: object) -> None:
        assert prospect_id({"id": "9"}, "id", stage, self.CUSTOMERS) is None


class TestFlat:
    def test_nested_mappings_become_dotted_keys(self) -> None:
        record = {"Id": "1", "Account": {"Name": "Acme", "Owner": {"Id": "u"}}}
        assert flat(record) == {
            "Id": "1",
            "Account.Name": "Acme",
            "Account.Owner.Id": "u",
        }
        assert flat({"Name": "Acme"}, "Account.") == {"Account.Name": "Acme"}

    @given(
        st.recursive(
            st.dictionaries(st.sampled_from("abc"), st.integers(), max_size=3),
            lambda inner: st.dictionaries(
                st.sampled_from("abc"), inner | st.integers(), max_size=3
            ),
            max_leaves=12,
        )
    )
    def test_every_leaf_is_kept_once_and_flat_is_idempotent(
        self, record: Mapping[str, Any]
    ) -> None:
        def leaves(value: Any) -> list[Any]:
            if isinstance(value, Mapping):
                return [leaf for item in value.values() for leaf in leaves(item)]
            return [value]

        flattened = flat(record)
        assert sorted(flattened.values()) == sorted(leaves(record))
        assert flat(flattened) == flattened


class TestDealOutcome:
    CLOSED = pendulum.date(2026, 3, 1)

    @pytest.mark.parametrize(
        ("closed", "won", "expected"),
        [
            ("true", "true", ("won", CLOSED)),
            ("true", "false", ("lost", CLOSED)),
            (True, False, ("lost", CLOSED)),
            ("false", "false", ("open", None)),
            ("false", "true", ("open", None)),
        ],
    )
    def test_readable_flags_give_the_outcome(
        self, closed: object, won: object, expected: tuple[object, object]
    ) -> None:
        assert deal_outcome(closed, won, "ignored", self.CLOSED, MAPPING) == expected

    @pytest.mark.parametrize(
        ("stage", "expected"),
        [
            ("Closed Won", ("won", CLOSED)),
            ("closedlost", ("lost", CLOSED)),
            ("appointmentscheduled", ("open", None)),
            ("Haggling", ("Haggling", None)),
        ],
    )
    def test_without_readable_flags_the_stage_gives_it(
        self, stage: str, expected: tuple[object, object]
    ) -> None:
        assert deal_outcome(None, "maybe", stage, self.CLOSED, MAPPING) == expected


class TestBatches:
    @given(st.lists(st.integers(), max_size=50), st.integers(1, 60))
    def test_runs_of_size_in_order_only_the_last_short(
        self, items: list[int], size: int
    ) -> None:
        runs = list(batches(items, size))
        assert [item for run in runs for item in run] == items
        assert len(runs) == math.ceil(len(items) / size)
        assert all(len(run) == size for run in runs[:-1])
        assert all(0 < len(run) <= size for run in runs)


ADVOCATES = st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, unique=True)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Activity], pendulum.Date]:
    """Activities of a few advocates, some after the date they are counted to."""
    as_of = draw(as_of_dates)
    activities = draw(activities_for(draw(ADVOCATES), as_of.add(days=30)))
    return activities, as_of


class TestParticipation:
    @given(histories())
    def test_count_and_latest_date_of_each_advocates_activities_to_as_of(
        self, case: tuple[list[Activity], pendulum.Date]
    ) -> None:
        activities, as_of = case
        found = participation(activities, as_of=as_of)
        done = [a for a in activities if a.date <= as_of]
        assert set(found) == {a.advocate_id for a in done}
        for advocate_id, (count, last) in found.items():
            own = [a.date for a in done if a.advocate_id == advocate_id]
            assert (count, last) == (len(own), max(own))

    def test_an_item_that_is_not_an_activity_is_refused(self) -> None:
        refused(
            InvalidTypeError,
            r"participation.activities\[0\]",
            lambda: participation(["a call"], as_of=AS_OF),  # type: ignore[list-item]
        )

    def test_as_of_must_be_a_date(self) -> None:
        refused(
            InvalidTypeError,
            "participation.as_of",
            lambda: participation([], as_of=20260930),  # type: ignore[arg-type]
        )


class TestScoreTotal:
    def test_an_int_or_a_scores_total(self) -> None:
        score = ScoringModel.default().score(Signals(nps=10), as_of=AS_OF)
        assert score_total("f", "a", 42) == 42
        assert score_total("f", "a", score) == score.total

    @pytest.mark.parametrize("value", [True, 4.0, "42", None])
    def test_anything_else_is_refused_naming_the_id(self, value: object) -> None:
        refused(
            InvalidTypeError, r"f\.scores\['a'\]", lambda: score_total("f", "a", value)
        )


def test_tier_value_is_the_tiers_value_or_none() -> None:
    tiers: dict[str, Tier | None] = {"a": Tier.CHAMPION, "b": None}
    assert [tier_value("test", tiers, key) for key in "abc"] == ["champion", None, None]
    refused(
        InvalidTypeError,
        r"test\.tiers\['a'\]",
        lambda: tier_value("test", {"a": "gold"}, "a"),  # type: ignore[dict-item]
    )
