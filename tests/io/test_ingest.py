"""Record ingest: every written form loads to the same value, and no row is lost."""

from __future__ import annotations

import csv
import datetime
import enum
import io
import json
import types
import typing
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Account,
    AccountPolicy,
    Activity,
    ActivityType,
    Advocate,
    Aliases,
    ColumnMapping,
    Commitment,
    LoadedRecords,
    Money,
    NpsResponse,
    Opportunity,
    ProspectProfile,
    ReferenceRequest,
    RegionTable,
    RejectedRow,
    RowError,
    Signals,
    Unit,
    from_dict,
    load_records,
    to_dict,
)
from advocacy._io.ingest import INPUTS, raw_form
from advocacy.exceptions import (
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)
from tests import instances
from tests.checks import refused
from tests.strategies import signals

AS_OF = pendulum.Date(2026, 9, 30)
ALIASES = Aliases.default()
ABSENT = object()
NONE_FORMS: tuple[Any, ...] = (
    "",
    "  ",
    "N/A",
    "null",
    None,
    float("nan"),
    pd.NA,
    pd.NaT,
)


# --- writing a value out as a CRM export or a DataFrame would -----------------


def _spellings(member: enum.Enum) -> list[str]:
    words = str(member.value).split("_")
    own = [
        str(member.value),
        str(member.value).upper(),
        " ".join(words).title(),
        "-".join(words),
        member.name,
    ]
    return own + [w for w, m in ALIASES.of(type(member)).items() if m is member]


def _date_forms(day: pendulum.Date) -> list[Any]:
    midnight = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    epoch_ms = int(midnight.timestamp() * 1000)
    return [
        day.isoformat(),
        f"{day.isoformat()}T17:45:00Z",
        f"{day.isoformat()}T23:59:00-08:00",
        str(epoch_ms),
        pd.Timestamp(day.isoformat()),
        np.datetime64(day.isoformat()),
        datetime.date(day.year, day.month, day.day),
        day,
    ]


def _forms(hint: Any, value: Any) -> list[Any]:  # noqa: PLR0911  # one return per kind
    """Every form of `value` (of type `hint`) ingest must read back as `value`."""
    if hint is bool:
        yes = ["true", "TRUE", "Yes", "y", "1", 1, np.bool_(True), True]
        no = ["false", "False", "NO", "n", "0", 0, np.bool_(False), False]
        return yes if value else no
    if hint is int:
        return [
            str(value),
            f"{value:,}",
            f"{value}.0",
            f" {value} ",
            float(value),
            np.int64(value),
            Decimal(value),
            value,
        ]
    if hint is float:
        exact = Decimal(repr(value))
        return [repr(value), f"{exact * 100}%", np.float64(value), value]
    if hint is str:
        return [value, f"  {value} "]
    if hint is pendulum.Date:
        return _date_forms(value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return [*_spellings(value), value]
    (item,) = typing.get_args(hint)  # a frozenset
    ordered = sorted(value, key=str)
    first = [str(_forms(item, v)[-2]) for v in ordered]
    return [";".join(first), " ; ".join(str(v) for v in ordered) + ";", list(value)]


def _without_none(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        return members[0], True
    return hint, False


@st.composite
def rows_of(draw: st.DrawFn, value: Any, prefix: str = "") -> dict[str, Any]:
    """A row any CRM or DataFrame might hold for `value`, in random forms."""
    hints = typing.get_type_hints(type(value))
    row: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        hint, optional = _without_none(hints[field.name])
        given = getattr(value, field.name)
        column = f"{prefix}{field.name}"
        if attrs.has(hint) and hint is not Money:
            row.update(draw(rows_of(given, f"{column}.")))
        elif given is None or given in ("", frozenset()):
            if optional or field.default is not attrs.NOTHING:
                form = draw(st.sampled_from((*NONE_FORMS, ABSENT)))
                if form is not ABSENT:
                    row[column] = form
        elif hint is Money:
            amount = given.amount
            row[column] = draw(
                st.sampled_from(
                    [str(amount), f"{amount:,}", f"{given.currency} {amount}"]
                )
            )
            row[f"{column}.currency"] = given.currency
        else:
            row[column] = draw(st.sampled_from(_forms(hint, given)))
    return row


def _examples(cls: type) -> st.SearchStrategy[Any]:
    if cls is Signals:
        return signals(AS_OF)
    return st.sampled_from(instances.of(cls))


class TestEveryWrittenFormLoadsBack:
    @pytest.mark.parametrize("cls", INPUTS, ids=lambda cls: cls.__name__)
    @given(st.data())
    def test_same_value_back(self, cls: type, data: st.DataObject) -> None:
        value = data.draw(_examples(cls))
        row = data.draw(rows_of(value))
        loaded: LoadedRecords[Any] = load_records(cls, [row], as_of=AS_OF)
        assert loaded.rejected == (), loaded.explain()
        assert loaded.values == (value,)

    @given(st.data())
    def test_a_table_of_them_keeps_its_order(self, data: st.DataObject) -> None:
        accounts = data.draw(
            st.lists(st.sampled_from(instances.of(Account)), unique=True, max_size=12)
        )
        rows = [data.draw(rows_of(a)) for a in accounts]
        loaded = load_records(Account, rows)
        assert loaded.values == tuple(accounts)
        assert loaded.ids == tuple(a.id for a in accounts)
        assert loaded.rows == tuple(range(len(accounts)))
        assert loaded.by_id() == {a.id: a for a in accounts}


# --- no row is lost -----------------------------------------------------------

JUNK = st.one_of(
    st.none(),
    st.text(max_size=6),
    st.integers(-5, 20_000),
    st.floats(),
    st.booleans(),
    st.sampled_from(["2026-01-01", "yes", "1,200", "73%", "N/A", "webinar", "EMEA"]),
    st.lists(st.text(max_size=3), max_size=2),
)


@st.composite
def junk_rows(draw: st.DrawFn, cls: type) -> Any:
    columns = [f.name for f in attrs.fields(cls)]
    if draw(st.integers(0, 9)) == 0:
        return draw(st.one_of(st.text(max_size=3), st.integers(), st.none()))
    return draw(st.dictionaries(st.sampled_from(columns), JUNK, max_size=len(columns)))


class TestNoRowIsLost:
    @pytest.mark.parametrize("cls", INPUTS, ids=lambda cls: cls.__name__)
    @given(st.data())
    def test_built_plus_rejected_is_rows_in(
        self, cls: type, data: st.DataObject
    ) -> None:
        rows = data.draw(st.lists(junk_rows(cls), max_size=8))
        loaded: LoadedRecords[Any] = load_records(cls, rows, as_of=AS_OF)
        assert loaded.total == len(rows)
        numbers = sorted([*loaded.rows, *(r.row for r in loaded.rejected)])
        assert numbers == list(range(len(rows)))
        for rejected in loaded.rejected:
            assert rejected.errors
            for error in rejected.errors:
                assert error.field.split(".")[0] == cls.__name__
        # Everything it holds is plain data: it can always be stored and shown.
        assert json.loads(json.dumps(to_dict(loaded))) == to_dict(loaded)

    def test_a_generator_of_rows(self) -> None:
        rows = ({"nps": str(n)} for n in range(12))
        loaded = load_records(Signals, rows)
        assert len(loaded.values) == 11
        assert [r.row for r in loaded.rejected] == [11]

    def test_rejected_rows_keep_the_row_as_read(self) -> None:
        row = {"nps": "eleven", "health_score": float("nan"), "x": [1], "y": 2.5}
        (rejected,) = load_records(Signals, [row]).rejected
        assert rejected.raw == {
            "nps": "eleven",
            "health_score": "nan",
            "x": "[1]",
            "y": 2.5,
        }
        assert rejected.id is None
        assert rejected.row == 0


# --- what a rejection says ----------------------------------------------------

ACCOUNT_ROW = {
    "id": "acct-1",
    "name": "Acme",
    "industry": "Retail",
    "employees": "1,200",
    "region": "EMEA",
    "customer_since": "2021-03-01",
}


def _rejected(cls: type, row: dict[str, Any], **kwargs: Any) -> RejectedRow:
    loaded: LoadedRecords[Any] = load_records(cls, [row], **kwargs)
    assert loaded.values == ()
    (rejected,) = loaded.rejected
    return rejected


def _fields(rejected: RejectedRow) -> list[str]:
    return [error.field for error in rejected.errors]


class TestDirtyRows:
    def test_every_reason_at_once(self) -> None:
        row = {
            **ACCOUNT_ROW,
            "employees": "1.2k",
            "region": "",
            "customer_since": "2031-01-01",
        }
        rejected = _rejected(Account, row, as_of=AS_OF)
        assert _fields(rejected) == [
            "Account.employees",
            "Account.region",
            "Account.customer_since",
        ]
        employees, region, since = rejected.errors
        assert employees.value == "1.2k"
        assert employees.expected.startswith("a whole number")
        assert region.expected == "a value (the field is required)"
        assert since.expected == "a date on or before as_of (2026-09-30)"
        assert since.hint == "it cannot have happened yet"

    def test_repr_is_the_row_and_id_without_the_colon(self) -> None:
        rejected = _rejected(Account, {**ACCOUNT_ROW, "employees": "1.2k"})
        assert rejected.explain().startswith("row 0 (id acct-1):\n  - ")
        assert repr(rejected) == "RejectedRow(row 0 (id acct-1))"
        assert repr(_rejected(Signals, {"nps": "11"})) == "RejectedRow(row 0)"

    def test_without_as_of_a_future_date_is_read(self) -> None:
        loaded = load_records(
            Account, [{**ACCOUNT_ROW, "customer_since": "2031-01-01"}]
        )
        assert loaded.values[0].customer_since == pendulum.Date(2031, 1, 1)

    def test_a_missing_column_says_how_to_map_it(self) -> None:
        row = {k: v for k, v in ACCOUNT_ROW.items() if k != "industry"}
        (error,) = _rejected(Account, row).errors
        assert error.field == "Account.industry"
        assert error.column == "industry"
        assert error.value is None
        assert error.hint is not None
        assert "ColumnMapping(columns={'industry': ...})" in error.hint

    def test_the_values_own_checks_name_the_field_and_raw_value(self) -> None:
        (error,) = _rejected(Signals, {"nps": "11"}).errors
        assert (error.field, error.column, error.value) == ("Signals.nps", "nps", "11")
        assert error.expected == "an integer from 0 to 10, or None"

    def test_a_cross_field_check(self) -> None:
        row = {
            "id": "o-1",
            "amount": "100",
            "created": "2026-02-01",
            "closed": "2026-01-01",
            "outcome": "won",
        }
        (error,) = _rejected(Opportunity, row).errors
        assert error.field == "Opportunity.closed"
        assert error.value == "2026-01-01"
        assert error.expected == "a date on or after created (2026-02-01)"

    def test_a_nested_field(self) -> None:
        row = {
            "id": "o-1",
            "amount": "100",
            "created": "2026-02-01",
            "prospect.employees": "0",
        }
        (error,) = _rejected(Opportunity, row).errors
        assert error.field == "Opportunity.prospect.employees"
        assert error.column == "prospect.employees"
        assert error.value == "0"

    def test_an_unknown_enum_value(self) -> None:
        row = {"id": "x", "advocate_id": "v", "type": "podcast", "date": "2026-01-01"}
        (error,) = _rejected(Activity, row).errors
        assert error.field == "Activity.type"
        assert (
            error.hint == "extend the mapping's alias table for a spelling of your own"
        )

    def test_a_repeated_id(self) -> None:
        loaded = load_records(Account, [ACCOUNT_ROW, {**ACCOUNT_ROW, "name": "Other"}])
        assert [a.name for a in loaded.values] == ["Acme"]
        (rejected,) = loaded.rejected
        (error,) = rejected.errors
        assert (error.field, error.value, error.hint) == (
            "Account.id",
            "acct-1",
            "row 0 has it",
        )

    def test_a_repeated_row_id_of_a_value_without_ids(self) -> None:
        mapping = ColumnMapping(row_id="contact")
        loaded = load_records(Signals, [{"contact": 7}, {"contact": "7"}], mapping)
        assert loaded.ids == ("7",)
        assert loaded.rejected[0].errors[0].field == "Signals"

    def test_a_row_that_is_not_a_mapping(self) -> None:
        rejected = _rejected(Account, ["acct-1", "Acme"])  # type: ignore[arg-type]  # the slip itself
        assert rejected.raw == {}
        (error,) = rejected.errors
        assert error.field == "Account"
        assert error.value == "['acct-1', 'Acme']"

    @pytest.mark.parametrize(
        ("arr", "currency", "expected"),
        [
            ("1,200,000", None, Money("1200000", "USD")),
            ("EUR 1,200", None, Money("1200", "EUR")),
            ("1200 gbp", None, Money("1200", "GBP")),
            ("1200", "eur", Money("1200", "EUR")),
            (1200.5, None, Money("1200.5", "USD")),
            ("EUR 5", "EUR", Money("5", "EUR")),
        ],
    )
    def test_amounts(self, arr: Any, currency: str | None, expected: Money) -> None:
        row = {**ACCOUNT_ROW, "arr": arr, "arr.currency": currency}
        assert load_records(Account, [row]).values[0].arr == expected

    @pytest.mark.parametrize(
        ("arr", "currency", "field", "expected"),
        [
            ("EUR 5", "USD", "Account.arr", "an amount in the row's currency (USD)"),
            ("five", None, "Account.arr", "an amount: a number, e.g. 1200000"),
            ("5", "XYZ", "Account.arr.currency", "an ISO 4217 code"),
        ],
    )
    def test_bad_amounts(
        self, arr: str, currency: str | None, field: str, expected: str
    ) -> None:
        row = {**ACCOUNT_ROW, "arr": arr, "arr.currency": currency}
        (error,) = _rejected(Account, row).errors
        assert error.field == field
        assert error.expected.startswith(expected)

    def test_the_mapping_currency_is_the_default(self) -> None:
        mapping = ColumnMapping(currency="EUR")
        assert load_records(Account, [{**ACCOUNT_ROW, "arr": "9"}], mapping).values[
            0
        ].arr == Money("9", "EUR")


# --- the mapping --------------------------------------------------------------


class TestMapping:
    def test_renamed_columns_and_units(self) -> None:
        mapping = ColumnMapping(
            columns={
                "nps": "NPS",
                "feature_adoption": "Adoption %",
                "customer_since": "Since",
            },
            units={"feature_adoption": Unit.PERCENT},
        )
        row = {"NPS": "9", "Adoption %": "73", "Since": "2020-05-01T08:00:00Z"}
        signed = {**row, "Adoption %": "73%"}
        expected = Signals(
            nps=9, feature_adoption=0.73, customer_since=pendulum.Date(2020, 5, 1)
        )
        assert load_records(Signals, [row, signed], mapping).values == (
            expected,
            expected,
        )

    def test_hours(self) -> None:
        mapping = ColumnMapping(units={"minutes": Unit.HOURS})
        row = {
            "id": "a",
            "advocate_id": "v",
            "type": "webinar",
            "date": "2026-01-01",
            "minutes": "1.5",
        }
        assert load_records(Activity, [row], mapping).values[0].minutes == 90

    def test_missing_markers_and_separator(self) -> None:
        mapping = ColumnMapping(missing=frozenset({"Unknown"}), separator="|")
        row = {**ACCOUNT_ROW, "products": "Analytics|Security", "arr": " UNKNOWN "}
        account = load_records(Account, [row], mapping).values[0]
        assert account.products == frozenset({"Analytics", "Security"})
        assert account.arr is None
        # "N/A" is text now, not a marker: the required field takes it as given.
        assert (
            load_records(Account, [{**ACCOUNT_ROW, "region": "N/A"}], mapping)
            .values[0]
            .region
            == "N/A"
        )

    def test_regions_from_countries(self) -> None:
        mapping = ColumnMapping(regions=RegionTable.default())
        assert (
            load_records(Account, [{**ACCOUNT_ROW, "region": "USA"}], mapping)
            .values[0]
            .region
            == "North America"
        )
        (error,) = _rejected(
            Account, {**ACCOUNT_ROW, "region": "Atlantis"}, mapping=mapping
        ).errors
        assert (error.field, error.value) == ("Account.region", "Atlantis")
        assert error.expected == "a country the region table knows"

    def test_aliases_the_user_adds(self) -> None:
        mapping = ColumnMapping(
            aliases=ALIASES.with_aliases(
                {"podcast": ActivityType.USER_GENERATED_CONTENT}
            )
        )
        row = {"id": "x", "advocate_id": "v", "type": "Podcast", "date": "2026-01-01"}
        assert load_records(Activity, [row], mapping).values[0].type is (
            ActivityType.USER_GENERATED_CONTENT
        )

    def test_unknown_paths_are_refused_all_at_once(self) -> None:
        mapping = ColumnMapping(columns={"employes": "n"}, units={"nsp": Unit.PERCENT})
        with pytest.raises(InvalidFieldsError) as caught:
            load_records(Signals, [], mapping)
        assert [e.field for e in caught.value.errors] == [
            "mapping.columns",
            "mapping.units",
        ]
        assert "feature_adoption" in caught.value.errors[0].expected

    def test_one_unknown_path(self) -> None:
        refused(
            InvalidValueError,
            "load_records.mapping.columns",
            lambda: load_records(
                Account, [], ColumnMapping(columns={"arr.amount": "x"})
            ),
        )

    def test_a_unit_of_a_field_that_is_not_a_number(self) -> None:
        refused(
            InvalidValueError,
            r"load_records.mapping.units\['name'\]",
            lambda: load_records(
                Account, [], ColumnMapping(units={"name": Unit.PERCENT})
            ),
        )

    def test_money_currency_paths_are_known(self) -> None:
        mapping = ColumnMapping(columns={"arr": "ARR", "arr.currency": "Currency"})
        row = {**ACCOUNT_ROW, "ARR": "10", "Currency": "GBP"}
        assert load_records(Account, [row], mapping).values[0].arr == Money("10", "GBP")


class TestArguments:
    def test_a_class_that_is_not_an_input(self) -> None:
        refused(InvalidTypeError, "load_records.cls", lambda: load_records(Money, []))

    def test_a_dataframe_gets_a_hint(self) -> None:
        frame = pd.DataFrame([ACCOUNT_ROW])
        with pytest.raises(InvalidTypeError, match=r"df.to_dict\('records'\)"):
            load_records(Account, frame)  # type: ignore[arg-type]  # the slip itself
        loaded = load_records(Account, frame.to_dict("records"))  # type: ignore[arg-type]  # str keys
        assert loaded.values[0].employees == 1200

    @pytest.mark.parametrize("rows", ["a,b", {"id": "x"}, 3])
    def test_rows_that_are_not_rows(self, rows: Any) -> None:
        refused(
            InvalidTypeError, "load_records.rows", lambda: load_records(Account, rows)
        )

    def test_a_bad_mapping_or_date(self) -> None:
        refused(
            InvalidTypeError,
            "load_records.mapping",
            lambda: load_records(Account, [], {}),  # type: ignore[arg-type]  # the slip
        )
        refused(
            InvalidTypeError,
            "load_records.as_of",
            lambda: load_records(Account, [], as_of=20260101),  # type: ignore[arg-type]  # the slip itself
        )


class TestSources:
    def test_a_csv_file(self) -> None:
        text = (
            "id,name,industry,employees,region,customer_since,arr\n"
            'acct-1,Acme,Retail,"1,200",EMEA,2021-03-01,"1,200,000"\n'
            "acct-2,Beta,Retail,N/A,EMEA,2021-03-01,\n"
        )
        loaded = load_records(Account, csv.DictReader(io.StringIO(text)))
        assert [a.id for a in loaded.values] == ["acct-1"]
        assert loaded.values[0].arr == Money("1200000", "USD")
        assert _fields(loaded.rejected[0]) == ["Account.employees"]

    def test_dataframe_records_with_nan_and_numpy(self) -> None:
        frame = pd.DataFrame(
            {
                "nps": [9, None, 7],
                "feature_adoption": [0.5, 0.25, np.nan],
                "customer_since": pd.to_datetime(["2020-01-01", "NaT", "2021-06-30"]),
                "responded_to_requests": pd.array([True, None, False], dtype="boolean"),
            }
        )
        loaded = load_records(Signals, frame.to_dict("records"))  # type: ignore[arg-type]  # str keys
        assert loaded.values == (
            Signals(
                nps=9,
                feature_adoption=0.5,
                customer_since=pendulum.Date(2020, 1, 1),
                responded_to_requests=True,
            ),
            Signals(feature_adoption=0.25),
            Signals(
                nps=7,
                customer_since=pendulum.Date(2021, 6, 30),
                responded_to_requests=False,
            ),
        )


# --- the result values ----------------------------------------------------------


class TestResults:
    def test_explain_and_records(self) -> None:
        loaded = load_records(
            Signals, [{"nps": "9"}, {"nps": "11", "health_score": "x"}]
        )
        assert (
            loaded.explain().splitlines()[0] == "Signals: 1 of 2 rows built, 1 rejected"
        )
        assert "row 1:" in loaded.explain()
        assert [r["field"] for r in loaded.to_records()] == [
            "Signals.health_score",
            "Signals.nps",
        ] or [r["field"] for r in loaded.to_records()] == [
            "Signals.nps",
            "Signals.health_score",
        ]
        assert repr(loaded) == "LoadedRecords(Signals: 1 built, 1 rejected)"

    def test_an_error_reads_like_the_librarys_errors(self) -> None:
        error = RowError("Account.employees", "size", "1.2k", "a whole number", "no k")
        assert str(error) == (
            "Account.employees (column 'size'): got '1.2k'; "
            "expected a whole number (no k)"
        )
        assert str(RowError("Account", None, 3, "a mapping")) == (
            "Account: got 3; expected a mapping"
        )

    def test_by_id_needs_row_ids(self) -> None:
        loaded = load_records(Signals, [{"nps": "9"}])
        refused(InvalidValueError, "LoadedRecords.by_id.ids", loaded.by_id)

    def test_round_trips_through_json(self) -> None:
        loaded = load_records(
            Account, [ACCOUNT_ROW, {**ACCOUNT_ROW, "id": "b", "employees": "?"}]
        )
        back = from_dict(
            LoadedRecords[Account], json.loads(json.dumps(to_dict(loaded)))
        )
        assert back == loaded

    def test_construction_checks(self) -> None:
        refused(
            InvalidValueError,
            "LoadedRecords.ids",
            lambda: LoadedRecords("Account", (), ("a",), (), ()),
        )
        refused(
            InvalidValueError,
            "RejectedRow.errors",
            lambda: RejectedRow(0, None, {}, ()),
        )
        refused(
            InvalidValueError,
            "RejectedRow.row",
            lambda: RejectedRow(-1, None, {}, (RowError("A", None, None, "x"),)),
        )

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (None, None),
            ("a", "a"),
            (3, 3),
            (True, True),
            (2.5, 2.5),
            (float("inf"), "inf"),
            (np.int64(3), "3"),
            (pendulum.Date(2026, 1, 1), "2026-01-01"),
            ([1], "[1]"),
        ],
    )
    def test_raw_form(self, value: object, expected: object) -> None:
        assert raw_form(value) == expected
        assert type(raw_form(value)) is type(expected)


def test_accountpolicy_and_prospect_alone() -> None:
    policy = load_records(
        AccountPolicy, [{"public_allowed": "no", "restricted": "press;Speaking"}]
    )
    assert policy.values == (
        AccountPolicy(
            public_allowed=False, restricted=frozenset({"press", "speaking"})
        ),
    )
    prospect = load_records(ProspectProfile, [{}])
    assert prospect.values == (ProspectProfile(),)


def test_requests_commitments_and_nps() -> None:
    request = load_records(
        ReferenceRequest,
        [
            {
                "id": "r",
                "activity": "Reference Call",
                "requested_on": "2026-01-01",
                "needed_by": "2026-01-15",
                "deal_amount": "50,000",
                "excluded": "a;b",
            }
        ],
    )
    assert request.values[0].deal_amount == Money("50000", "USD")
    assert request.values[0].excluded == frozenset({"a", "b"})
    commitment = load_records(
        Commitment,
        [
            {
                "advocate_id": "a",
                "request_id": "r",
                "activity": "ref call",
                "on": "2026-01-02",
            }
        ],
    )
    assert commitment.values[0].activity is ActivityType.REFERENCE_CALL
    nps = load_records(
        NpsResponse, [{"date": "2026-01-01", "score": "10"}], as_of=AS_OF
    )
    assert nps.values == (NpsResponse(pendulum.Date(2026, 1, 1), 10),)


def test_every_input_round_trips_as_advocate_too() -> None:
    advocate = instances.of(Advocate)[0]
    plain = to_dict(advocate)
    row = {k: (";".join(v) if isinstance(v, list) else v) for k, v in plain.items()}
    assert load_records(Advocate, [row]).values == (advocate,)


def test_several_refusals_of_the_value_itself() -> None:
    (rejected,) = load_records(
        Signals, [{"nps": "11", "positive_mentions": "-1"}]
    ).rejected
    assert _fields(rejected) == ["Signals.nps", "Signals.positive_mentions"]
    assert [e.value for e in rejected.errors] == ["11", "-1"]
