"""The Salesforce adapter: REST records in, sObject Collections update bodies out.

Records are built exactly as `simple-salesforce` hands them over: its
`parse_result_to_json` decodes the REST API's JSON with
`object_pairs_hook=OrderedDict` (and no `parse_float`), so a record is an
`OrderedDict` whose `attributes` (`type`, `url`) come first, then the API
fields, a relationship queried with it (`Account.Name`) nested as its own
record with its own `attributes`, numbers as JSON numbers (currency as
`125000.0`), `CreatedDate` as `"2025-10-01T10:00:00.000+0000"` (no colon in
the offset) and multi-select picklists separated by `;`. `sf.query(...)`
returns the page as an `OrderedDict(totalSize, done, records)`;
`sf.query_all(...)` a plain dict of every page's records. The last class
drives simple-salesforce itself (when installed) against a fake org behind
requests' transport, to pin that the shapes here are the library's own.
"""

from __future__ import annotations

import json
import math
import re
import string
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, cast

import attrs
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
    ColumnMapping,
    CrmRecords,
    DealKind,
    DealOutcome,
    LoadedRecords,
    Money,
    Motivation,
    Opportunity,
    OpportunitySource,
    ProspectProfile,
    SalesforceSchema,
    ScoringModel,
    Signals,
    Tier,
    Unit,
    assign_tiers,
    load_salesforce,
    salesforce_contact_updates,
)
from advocacy._io import salesforce as module
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.checks import refused
from tests.strategies import activities_for, as_of_dates, score_maps

API = "/services/data/v59.0"
AS_OF = pendulum.date(2026, 2, 28)

ACME = "0015g00000Acme1AAA"
GLOBEX = "0015g00000Glob1AAA"
INITECH = "0015g00000Init1AAA"
ADA = "0035g00000Ada01AAA"
BOB = "0035g00000Bob01AAA"
CALL = "a0B5g00000Act01AAA"
DEAL = "0065g00000Opp01AAA"

CREATED = "2025-10-01T10:00:00.000+0000"


# --- records as simple-salesforce hands them over ------------------------------


def sobject(kind: str, record_id: str | None, **fields: Any) -> OrderedDict[str, Any]:
    """A record of a query: its `attributes` first, then `Id`, then `fields`."""
    record: OrderedDict[str, Any] = OrderedDict()
    record["attributes"] = OrderedDict(
        [("type", kind), ("url", f"{API}/sobjects/{kind}/{record_id}")]
    )
    if record_id is not None:
        record["Id"] = record_id
    record.update(fields)
    return record


def related(kind: str, record_id: str, **fields: Any) -> OrderedDict[str, Any]:
    """A relationship queried with a record (`Account.Name`): no `Id` unless asked."""
    record = sobject(kind, record_id, **fields)
    del record["Id"]
    return record


def page(*records: Mapping[str, Any]) -> OrderedDict[str, Any]:
    """A whole query result, as `sf.query(...)` returns its one page."""
    return OrderedDict(
        [("totalSize", len(records)), ("done", True), ("records", list(records))]
    )


def decoded(text: str) -> Any:
    """JSON as simple-salesforce's `parse_result_to_json` decodes it."""
    return json.loads(text, object_pairs_hook=OrderedDict, parse_float=None)


def without(record: Mapping[str, Any], *names: str) -> OrderedDict[str, Any]:
    """A copy of `record` without the fields `names` (not queried)."""
    return OrderedDict((k, v) for k, v in record.items() if k not in names)


def changed(record: Mapping[str, Any], **fields: Any) -> OrderedDict[str, Any]:
    """A copy of `record` with `fields` set."""
    found = OrderedDict(record)
    found.update(fields)
    return found


def acme(record_id: str = ACME, **fields: Any) -> OrderedDict[str, Any]:
    """A customer account with every field the default schema reads."""
    return changed(
        sobject(
            "Account",
            record_id,
            Name="Acme",
            Type="Customer - Direct",
            Industry="Software",
            NumberOfEmployees=250,
            BillingCountry="Germany",
            CreatedDate=CREATED,
            Products__c="Core;Analytics",
            Use_Cases__c="Reporting",
            ARR__c=125000.0,
            CurrencyIsoCode="EUR",
            Public_Advocacy_Allowed__c=False,
            Advocacy_Approval_Required__c=True,
            Restricted_Advocacy_Activities__c="Press;Speaking",
            Health_Score__c=80.0,
        ),
        **fields,
    )


ACME_ACCOUNT = Account(
    id=ACME,
    name="Acme",
    industry="Software",
    employees=250,
    region="EMEA",
    customer_since=pendulum.date(2025, 10, 1),
    products=frozenset({"Core", "Analytics"}),
    use_cases=frozenset({"Reporting"}),
    arr=Money(Decimal("125000.0"), "EUR"),
    policy=AccountPolicy(
        public_allowed=False,
        approval_required=True,
        restricted=frozenset({ActivityType.PRESS, ActivityType.SPEAKING}),
    ),
)


def ada(**fields: Any) -> OrderedDict[str, Any]:
    """A Contact with every field the default schema reads, and its Account."""
    return changed(
        sobject(
            "Contact",
            ADA,
            AccountId=ACME,
            Name="Ada Lovelace",
            Title="VP of Engineering",
            Advocate_Persona__c="VP Engineering",
            Preferred_Activities__c="Reference Call;Case Study;G2 Review",
            Advocacy_Motivations__c="Peer Connection;Recognition",
            Available_For_References__c=True,
            Do_Not_Contact_Until__c="2026-03-01",
            Advocacy_Opt_Out__c=False,
            Industry_Expertise__c="Fintech;Retail",
            Award_Recipient__c=False,
            Public_Recognition__c=True,
            Advocacy_Tier__c="Champion",
            NPS_Score__c=9.0,
            Feature_Adoption__c=73.0,
            Positive_Mentions__c=3.0,
            Responded_To_Requests__c=True,
            Account=related("Account", ACME, Health_Score__c=80.0, CreatedDate=CREATED),
        ),
        **fields,
    )


ADA_ADVOCATE = Advocate(
    id=ADA,
    account_id=ACME,
    name="Ada Lovelace",
    persona="VP Engineering",
    title="VP of Engineering",
    activities=frozenset(
        {
            ActivityType.REFERENCE_CALL,
            ActivityType.CASE_STUDY,
            ActivityType.ONLINE_REVIEW,
        }
    ),
    motivations=frozenset({Motivation.PEER_CONNECTION, Motivation.RECOGNITION}),
    available_for_references=True,
    do_not_contact_until=pendulum.date(2026, 3, 1),
    opted_out=False,
    industry_expertise=frozenset({"Fintech", "Retail"}),
    award_recipient=False,
    public_recognition=True,
    tier=Tier.CHAMPION,
)
ADA_SIGNALS = Signals(
    nps=9,
    feature_adoption=0.73,
    health_score=80.0,
    customer_since=pendulum.date(2025, 10, 1),
    positive_mentions=3,
    responded_to_requests=True,
)


def call(**fields: Any) -> OrderedDict[str, Any]:
    """An `Advocacy_Activity__c` record with every field the schema reads."""
    return changed(
        sobject(
            "Advocacy_Activity__c",
            CALL,
            Name="AA-0001",
            Advocate__c=ADA,
            Type__c="Reference Call",
            Date__c="2026-01-15",
            Hours__c=1.5,
            Opportunity__c=DEAL,
            Recognition_Sent__c=True,
            Notes__c="Call with Globex",
        ),
        **fields,
    )


CALL_ACTIVITY = Activity(
    id=CALL,
    advocate_id=ADA,
    type=ActivityType.REFERENCE_CALL,
    date=pendulum.date(2026, 1, 15),
    minutes=90,
    opportunity_id=DEAL,
    recognition_sent=True,
    notes="Call with Globex",
)

GLOBEX_ACCOUNT = related(
    "Account",
    GLOBEX,
    Name="Globex",
    Industry="Manufacturing",
    NumberOfEmployees=1200,
    BillingCountry="United States",
)


def deal(**fields: Any) -> OrderedDict[str, Any]:
    """A won Opportunity, its prospect's Account queried with it."""
    return changed(
        sobject(
            "Opportunity",
            DEAL,
            Name="Globex - Platform",
            AccountId=GLOBEX,
            Account=GLOBEX_ACCOUNT,
            Amount=125000.0,
            CurrencyIsoCode="USD",
            CreatedDate=CREATED,
            CloseDate="2026-01-15",
            StageName="Closed Won",
            IsClosed=True,
            IsWon=True,
            LeadSource="Word of mouth",
            Type="New Customer",
        ),
        **fields,
    )


GLOBEX_PROSPECT = ProspectProfile(
    name="Globex",
    account_id=GLOBEX,
    industry="Manufacturing",
    employees=1200,
    region="North America",
)
WON_DEAL = Opportunity(
    id=DEAL,
    prospect=GLOBEX_PROSPECT,
    amount=Money(Decimal("125000.0"), "USD"),
    created=pendulum.date(2025, 10, 1),
    outcome=DealOutcome.WON,
    closed=pendulum.date(2026, 1, 15),
    source=OpportunitySource.REFERRAL,
    kind=DealKind.NEW_BUSINESS,
)


def errors_of(load: Any) -> list[tuple[str, str | None, Any]]:
    """Every rejection reason of a load: field, column and raw value."""
    return [(e.field, e.column, e.value) for row in load.rejected for e in row.errors]


def only(load: Any) -> Any:
    """The one value a load built (and it rejected nothing)."""
    assert load.rejected == ()
    (value,) = load.values
    return value


# --- the records decoded from the API's JSON ----------------------------------

CONTACT_QUERY = """{
  "totalSize": 1,
  "done": true,
  "records": [
    {
      "attributes": {
        "type": "Contact",
        "url": "/services/data/v59.0/sobjects/Contact/0035g00000Ada01AAA"
      },
      "Id": "0035g00000Ada01AAA",
      "AccountId": "0015g00000Acme1AAA",
      "Name": "Ada Lovelace",
      "Title": "VP of Engineering",
      "Advocate_Persona__c": "VP Engineering",
      "Preferred_Activities__c": "Reference Call;Case Study;G2 Review",
      "Advocacy_Motivations__c": "Peer Connection;Recognition",
      "Available_For_References__c": true,
      "Do_Not_Contact_Until__c": "2026-03-01",
      "Advocacy_Opt_Out__c": false,
      "Industry_Expertise__c": "Fintech;Retail",
      "Award_Recipient__c": false,
      "Public_Recognition__c": true,
      "Advocacy_Tier__c": "Champion",
      "NPS_Score__c": 9.0,
      "Feature_Adoption__c": 73.0,
      "Positive_Mentions__c": 3.0,
      "Responded_To_Requests__c": true,
      "Account": {
        "attributes": {
          "type": "Account",
          "url": "/services/data/v59.0/sobjects/Account/0015g00000Acme1AAA"
        },
        "Health_Score__c": 80.0,
        "CreatedDate": "2025-10-01T10:00:00.000+0000"
      }
    }
  ]
}"""


class TestRecordShapes:
    def test_the_helpers_build_what_the_api_json_decodes_to(self) -> None:
        result = decoded(CONTACT_QUERY)
        assert result == page(ada())
        (record,) = result["records"]
        assert type(record) is OrderedDict
        assert type(record["Account"]) is OrderedDict
        assert next(iter(record)) == "attributes"
        assert type(record["NPS_Score__c"]) is float

    def test_a_decoded_query_result_loads_as_its_records_do(self) -> None:
        from_json = load_salesforce(contacts=decoded(CONTACT_QUERY))
        assert only(from_json.advocates) == ADA_ADVOCATE
        assert only(from_json.signals) == ADA_SIGNALS


# --- accounts -----------------------------------------------------------------


class TestAccounts:
    def test_a_customer_account_is_read_with_every_field(self) -> None:
        loaded = load_salesforce(accounts=[acme()])
        assert only(loaded.accounts) == ACME_ACCOUNT
        assert loaded.accounts.ids == (ACME,)
        assert loaded.prospects == ()

    @pytest.mark.parametrize(
        "kind",
        ["Customer - Direct", "Customer - Channel", "Customer", "customer  -  DIRECT"],
    )
    def test_a_customer_type_in_any_case_is_read_as_an_account(self, kind: str) -> None:
        loaded = load_salesforce(accounts=[acme(Type=kind)])
        assert only(loaded.accounts) == ACME_ACCOUNT
        assert loaded.prospects == ()

    @pytest.mark.parametrize("kind", ["Prospect", "Partner", "Other"])
    def test_another_type_is_listed_as_a_prospect_not_read(self, kind: str) -> None:
        prospect = sobject("Account", GLOBEX, Name="Globex", Type=kind)
        loaded = load_salesforce(accounts=[acme(), prospect])
        assert loaded.prospects == (GLOBEX,)
        assert only(loaded.accounts) == ACME_ACCOUNT
        assert loaded.accounts.total == 1

    @pytest.mark.parametrize(
        "record",
        [without(acme(), "Type"), acme(Type=None), acme(Type=""), acme(Type="N/A")],
        ids=["not queried", "null", "blank", "N/A"],
    )
    def test_an_account_without_a_type_is_read_as_an_account(
        self, record: OrderedDict[str, Any]
    ) -> None:
        loaded = load_salesforce(accounts=[record])
        assert only(loaded.accounts) == ACME_ACCOUNT
        assert loaded.prospects == ()

    @pytest.mark.parametrize("blank", [None, "", "N/A"])
    def test_a_prospect_type_without_an_id_is_rejected_not_listed(
        self, blank: str | None
    ) -> None:
        loaded = load_salesforce(accounts=[sobject("Account", blank, Type="Prospect")])
        assert loaded.prospects == ()
        assert [row.id for row in loaded.accounts.rejected] == [None]

    @pytest.mark.parametrize(
        ("country", "region"),
        [
            ("Germany", "EMEA"),
            ("United States", "North America"),
            ("USA", "North America"),
            ("Japan", "APAC"),
            ("Brazil", "LATAM"),
            ("  united   kingdom ", "EMEA"),
        ],
    )
    def test_the_region_is_the_billing_countrys(
        self, country: str, region: str
    ) -> None:
        loaded = load_salesforce(accounts=[acme(BillingCountry=country)])
        assert only(loaded.accounts).region == region

    def test_an_unknown_country_rejects_the_account_naming_its_region(self) -> None:
        loaded = load_salesforce(accounts=[acme(BillingCountry="Atlantis")])
        assert loaded.accounts.values == ()
        (rejected,) = loaded.accounts.rejected
        assert rejected.id == ACME
        assert errors_of(loaded.accounts) == [
            ("Account.region", "BillingCountry", "Atlantis")
        ]
        assert "a country the region table knows" in rejected.explain()

    def test_a_missing_country_rejects_the_account_as_required(self) -> None:
        loaded = load_salesforce(accounts=[acme(BillingCountry=None)])
        assert errors_of(loaded.accounts) == [
            ("Account.region", "BillingCountry", None)
        ]

    @pytest.mark.parametrize(
        ("created", "since"),
        [
            ("2025-10-01T10:00:00.000+0000", pendulum.date(2025, 10, 1)),
            ("2025-12-31T23:59:59.000+0000", pendulum.date(2025, 12, 31)),
            ("2024-02-29T00:00:00.000+0000", pendulum.date(2024, 2, 29)),
        ],
    )
    def test_created_date_is_the_customer_since_date(
        self, created: str, since: pendulum.Date
    ) -> None:
        loaded = load_salesforce(accounts=[acme(CreatedDate=created)])
        assert only(loaded.accounts).customer_since == since

    def test_a_created_date_after_as_of_rejects_the_account(self) -> None:
        loaded = load_salesforce(
            accounts=[acme(CreatedDate="2026-03-01T09:00:00.000+0000")], as_of=AS_OF
        )
        assert [e[:2] for e in errors_of(loaded.accounts)] == [
            ("Account.customer_since", "CreatedDate")
        ]

    def test_an_account_in_one_currency_takes_the_mapping_default(self) -> None:
        loaded = load_salesforce(accounts=[without(acme(), "CurrencyIsoCode")])
        assert only(loaded.accounts).arr == Money(Decimal(125000), "USD")

    def test_a_rejected_accounts_raw_row_holds_fields_not_attributes(self) -> None:
        loaded = load_salesforce(accounts=[acme(NumberOfEmployees=0)])
        (rejected,) = loaded.accounts.rejected
        assert rejected.raw["NumberOfEmployees"] == 0
        assert rejected.raw["ARR__c"] == 125000.0
        assert not [key for key in rejected.raw if "attributes" in key]


# --- contacts -----------------------------------------------------------------


class TestContacts:
    def test_a_contact_is_an_advocate_and_their_signals(self) -> None:
        loaded = load_salesforce(contacts=[ada()])
        assert only(loaded.advocates) == ADA_ADVOCATE
        assert only(loaded.signals) == ADA_SIGNALS
        assert loaded.signals.by_id() == {ADA: ADA_SIGNALS}
        assert loaded.advocates.ids == (ADA,)

    def test_account_fields_are_joined_from_accounts_by_account_id(self) -> None:
        contact = without(ada(), "Account")
        loaded = load_salesforce(accounts=[acme()], contacts=[contact])
        assert only(loaded.signals) == ADA_SIGNALS

    def test_without_the_relationship_or_the_account_no_account_fields(self) -> None:
        loaded = load_salesforce(contacts=[without(ada(), "Account")])
        assert only(loaded.signals) == attrs.evolve(
            ADA_SIGNALS, health_score=None, customer_since=None
        )

    def test_the_nested_relationship_takes_precedence_over_the_join(self) -> None:
        nested = related("Account", ACME, Health_Score__c=95.0)
        loaded = load_salesforce(
            accounts=[acme(Health_Score__c=40.0)], contacts=[ada(Account=nested)]
        )
        signals = only(loaded.signals)
        assert signals.health_score == 95.0
        # Fields the relationship did not query still come from the account.
        assert signals.customer_since == pendulum.date(2025, 10, 1)

    def test_a_null_relationship_is_joined_from_accounts(self) -> None:
        loaded = load_salesforce(accounts=[acme()], contacts=[ada(Account=None)])
        assert only(loaded.signals) == ADA_SIGNALS

    def test_percent_feature_adoption_is_a_fraction(self) -> None:
        loaded = load_salesforce(contacts=[ada(Feature_Adoption__c=100.0)])
        assert only(loaded.signals).feature_adoption == 1.0

    def test_a_contact_without_an_account_is_rejected_as_an_advocate(self) -> None:
        loaded = load_salesforce(contacts=[ada(AccountId=None, Account=None)])
        assert errors_of(loaded.advocates) == [
            ("Advocate.account_id", "AccountId", None)
        ]
        assert loaded.signals.total == 1

    def test_an_unknown_activity_in_a_multi_select_names_the_field(self) -> None:
        loaded = load_salesforce(
            contacts=[ada(Preferred_Activities__c="Reference Call;Skydiving")]
        )
        assert errors_of(loaded.advocates) == [
            (
                "Advocate.activities",
                "Preferred_Activities__c",
                "Reference Call;Skydiving",
            )
        ]

    def test_a_repeated_contact_is_rejected_in_both_loads(self) -> None:
        loaded = load_salesforce(contacts=[ada(), ada()])
        assert loaded.advocates.rows == (0,)
        assert loaded.signals.rows == (0,)
        assert [e[:2] for e in errors_of(loaded.advocates)] == [("Advocate.id", "Id")]
        assert [e[:2] for e in errors_of(loaded.signals)] == [("Signals", "Id")]

    def test_a_rejected_contacts_raw_row_drops_every_attributes(self) -> None:
        loaded = load_salesforce(contacts=[ada(Name=None)])
        (rejected,) = loaded.advocates.rejected
        assert rejected.raw["Account.Health_Score__c"] == 80.0
        assert not [key for key in rejected.raw if "attributes" in key]


# --- activities ---------------------------------------------------------------


class TestActivities:
    def test_an_advocacy_activity_is_read_with_every_field(self) -> None:
        loaded = load_salesforce(activities=[call()])
        assert only(loaded.activities) == CALL_ACTIVITY

    @pytest.mark.parametrize(
        ("hours", "minutes"),
        [(1.5, 90), (0.25, 15), (2.0, 120), (1, 60), (None, None)],
    )
    def test_hours_are_read_as_minutes(
        self, hours: float | None, minutes: int | None
    ) -> None:
        loaded = load_salesforce(activities=[call(Hours__c=hours)])
        assert only(loaded.activities).minutes == minutes

    @pytest.mark.parametrize(
        ("written", "kind"),
        [
            ("G2 Review", ActivityType.ONLINE_REVIEW),
            ("Case Study", ActivityType.CASE_STUDY),
            ("customer advisory board", ActivityType.ADVISORY_BOARD),
        ],
    )
    def test_activity_types_are_read_with_aliases(
        self, written: str, kind: ActivityType
    ) -> None:
        loaded = load_salesforce(activities=[call(Type__c=written)])
        assert only(loaded.activities).type is kind

    def test_an_activity_after_as_of_is_rejected_naming_its_date(self) -> None:
        loaded = load_salesforce(activities=[call(Date__c="2026-03-01")], as_of=AS_OF)
        assert errors_of(loaded.activities) == [
            ("Activity.date", "Date__c", "2026-03-01")
        ]


# --- opportunities ------------------------------------------------------------


class TestOpportunities:
    def test_a_won_opportunity_is_read_with_every_field(self) -> None:
        loaded = load_salesforce(opportunities=[deal()])
        assert only(loaded.opportunities) == WON_DEAL

    @pytest.mark.parametrize(
        ("closed", "won", "outcome", "close"),
        [
            (True, True, DealOutcome.WON, pendulum.date(2026, 1, 15)),
            (True, False, DealOutcome.LOST, pendulum.date(2026, 1, 15)),
            (False, False, DealOutcome.OPEN, None),
        ],
    )
    def test_the_flags_give_the_outcome_and_close_date(
        self,
        closed: bool,
        won: bool,
        outcome: DealOutcome,
        close: pendulum.Date | None,
    ) -> None:
        # The stage disagrees on purpose: the flags are read first.
        record = deal(IsClosed=closed, IsWon=won, StageName="Qualification")
        value = only(load_salesforce(opportunities=[record]).opportunities)
        assert (value.outcome, value.closed) == (outcome, close)

    def test_an_open_opportunity_keeps_no_expected_close_date(self) -> None:
        record = deal(
            IsClosed=False, IsWon=False, StageName="Prospecting", CloseDate="2026-06-30"
        )
        value = only(load_salesforce(opportunities=[record], as_of=AS_OF).opportunities)
        assert value.outcome is DealOutcome.OPEN
        assert value.closed is None

    @pytest.mark.parametrize(
        ("stage", "outcome", "close"),
        [
            ("Closed Won", DealOutcome.WON, pendulum.date(2026, 1, 15)),
            ("Closed Lost", DealOutcome.LOST, pendulum.date(2026, 1, 15)),
            ("Prospecting", DealOutcome.OPEN, None),
            ("Negotiation/Review", DealOutcome.OPEN, None),
            ("Id. Decision Makers", DealOutcome.OPEN, None),
        ],
    )
    def test_without_the_flags_the_stage_gives_the_outcome(
        self, stage: str, outcome: DealOutcome, close: pendulum.Date | None
    ) -> None:
        record = without(deal(StageName=stage), "IsClosed", "IsWon")
        value = only(load_salesforce(opportunities=[record]).opportunities)
        assert (value.outcome, value.closed) == (outcome, close)

    def test_one_unreadable_flag_falls_back_to_the_stage(self) -> None:
        record = deal(IsWon=None, StageName="Closed Lost")
        value = only(load_salesforce(opportunities=[record]).opportunities)
        assert value.outcome is DealOutcome.LOST

    def test_an_unknown_stage_rejects_the_opportunity_naming_its_outcome(
        self,
    ) -> None:
        record = without(deal(StageName="Stalled"), "IsClosed", "IsWon")
        loaded = load_salesforce(opportunities=[record])
        assert [e[0] for e in errors_of(loaded.opportunities)] == [
            "Opportunity.outcome"
        ]
        assert errors_of(loaded.opportunities)[0][2] == "Stalled"

    def test_a_close_date_after_as_of_rejects_the_opportunity(self) -> None:
        loaded = load_salesforce(
            opportunities=[deal(CloseDate="2026-03-15")], as_of=AS_OF
        )
        assert [e[0] for e in errors_of(loaded.opportunities)] == ["Opportunity.closed"]

    @pytest.mark.parametrize(
        ("lead_source", "source"),
        [
            ("Web", OpportunitySource.INBOUND),
            ("Phone Inquiry", OpportunitySource.INBOUND),
            ("Partner Referral", OpportunitySource.PARTNER),
            ("Purchased List", OpportunitySource.OUTBOUND),
            ("Word of mouth", OpportunitySource.REFERRAL),
            ("Trade Show", OpportunitySource.EVENT),
            ("Other", OpportunitySource.OTHER),
            (None, OpportunitySource.OTHER),
        ],
    )
    def test_lead_sources_are_read_with_aliases(
        self, lead_source: str | None, source: OpportunitySource
    ) -> None:
        loaded = load_salesforce(opportunities=[deal(LeadSource=lead_source)])
        assert only(loaded.opportunities).source is source

    @pytest.mark.parametrize(
        ("written", "kind"),
        [
            ("New Customer", DealKind.NEW_BUSINESS),
            ("Existing Customer - Upgrade", DealKind.EXPANSION),
            (None, DealKind.NEW_BUSINESS),
        ],
    )
    def test_opportunity_types_are_read_with_aliases(
        self, written: str | None, kind: DealKind
    ) -> None:
        loaded = load_salesforce(opportunities=[deal(Type=written)])
        assert only(loaded.opportunities).kind is kind

    @pytest.mark.parametrize(
        ("record", "amount"),
        [
            (deal(CurrencyIsoCode="EUR"), Money(Decimal(125000), "EUR")),
            (deal(CurrencyIsoCode="jpy"), Money(Decimal(125000), "JPY")),
            (without(deal(), "CurrencyIsoCode"), Money(Decimal(125000), "USD")),
            (deal(Amount=99.95), Money(Decimal("99.95"), "USD")),
        ],
    )
    def test_the_amount_is_in_its_currency_iso_code(
        self, record: OrderedDict[str, Any], amount: Money
    ) -> None:
        loaded = load_salesforce(opportunities=[record])
        assert only(loaded.opportunities).amount == amount

    def test_the_prospect_is_joined_from_accounts_without_the_relationship(
        self,
    ) -> None:
        globex = changed(GLOBEX_ACCOUNT, Id=GLOBEX, Type="Prospect")
        loaded = load_salesforce(
            accounts=[globex], opportunities=[without(deal(), "Account")]
        )
        assert only(loaded.opportunities) == WON_DEAL
        assert loaded.prospects == (GLOBEX,)

    def test_an_unknown_prospect_country_names_the_prospects_region(self) -> None:
        record = deal(Account=changed(GLOBEX_ACCOUNT, BillingCountry="Narnia"))
        loaded = load_salesforce(opportunities=[record])
        assert errors_of(loaded.opportunities) == [
            ("Opportunity.prospect.region", "Account.BillingCountry", "Narnia")
        ]

    def test_a_missing_amount_rejects_the_opportunity(self) -> None:
        loaded = load_salesforce(opportunities=[deal(Amount=None)])
        assert errors_of(loaded.opportunities) == [
            ("Opportunity.amount", "Amount", None)
        ]


# --- arguments ----------------------------------------------------------------

ARGUMENTS = ("accounts", "contacts", "activities", "opportunities")


def load_of(loaded: CrmRecords, argument: str) -> Any:
    """The load an argument's records go to (a contact's: its advocate)."""
    return {
        "accounts": loaded.accounts,
        "contacts": loaded.advocates,
        "activities": loaded.activities,
        "opportunities": loaded.opportunities,
    }[argument]


class TestArguments:
    @pytest.mark.parametrize("argument", ARGUMENTS)
    def test_a_record_that_is_not_a_mapping_is_rejected_not_dropped(
        self, argument: str
    ) -> None:
        given = {"accounts": acme(), "contacts": ada()}
        first = given.get(argument, call() if argument == "activities" else deal())
        records: dict[str, Any] = {argument: [first, DEAL, None]}
        loaded = load_salesforce(**records)
        load = load_of(loaded, argument)
        assert load.total == 3
        assert load.rows == (0,)
        assert [row.row for row in load.rejected] == [1, 2]
        assert [e[2] for e in errors_of(load)] == [DEAL, None]
        assert all(e[0] == load.kind for e in errors_of(load))

    @pytest.mark.parametrize("argument", ARGUMENTS)
    @pytest.mark.parametrize(
        "value",
        [
            ACME,
            b"records",
            42,
            None,
            {"totalSize": 0, "done": True},
            OrderedDict([("totalSize", 1), ("done", True), ("records", None)]),
            acme(),
        ],
        ids=["str", "bytes", "int", "None", "no records", "null records", "record"],
    )
    def test_an_argument_that_is_not_records_is_refused_by_name(
        self, argument: str, value: object
    ) -> None:
        refused(
            InvalidTypeError,
            f"load_salesforce.{argument}",
            lambda: load_salesforce(**{argument: value}),  # type: ignore[arg-type]
        )

    @pytest.mark.parametrize(
        "given",
        [
            page(acme(), acme(GLOBEX, Type="Prospect")),
            {
                "records": [acme(), acme(GLOBEX, Type="Prospect")],
                "totalSize": 2,
                "done": True,
            },
            (record for record in (acme(), acme(GLOBEX, Type="Prospect"))),
        ],
        ids=["query", "query_all", "generator"],
    )
    def test_query_results_and_iterables_read_as_their_records(
        self, given: Any
    ) -> None:
        loaded = load_salesforce(accounts=given)
        assert loaded == load_salesforce(
            accounts=[acme(), acme(GLOBEX, Type="Prospect")]
        )
        assert only(loaded.accounts) == ACME_ACCOUNT
        assert loaded.prospects == (GLOBEX,)

    def test_nothing_given_loads_nothing(self) -> None:
        loaded = load_salesforce()
        assert [load.total for load in loaded.loads] == [0, 0, 0, 0, 0]
        assert loaded.prospects == ()

    def test_as_of_must_be_a_date(self) -> None:
        refused(
            InvalidTypeError,
            "load_salesforce.as_of",
            lambda: load_salesforce(as_of=20260228),  # type: ignore[arg-type]
        )


# --- the schema ---------------------------------------------------------------


def custom_schema() -> SalesforceSchema:
    """An org naming every field its own way."""
    default = SalesforceSchema.default()
    return SalesforceSchema(
        activities=attrs.evolve(
            default.activities,
            columns={
                **default.activities.columns,
                "advocate_id": "Contact__c",
                "minutes": "Minutes__c",
            },
            units={},
        ),
        signals=ColumnMapping(
            columns={"nps": "Latest_NPS__c", "feature_adoption": "Adoption__c"},
            units={"feature_adoption": Unit.PERCENT},
            row_id="Id",
        ),
        closed_field="Is_Done__c",
        won_field="Is_Success__c",
        stage_field="Phase__c",
        close_date_field="Done_On__c",
        type_field="Relationship__c",
        customer_types=frozenset({"Client"}),
        contact_object="Member__c",
        tier_field="Tier__c",
        score_field="Score__c",
        completed_field="Done__c",
        last_participation_field="Last__c",
    )


class TestSchema:
    def test_the_default_is_the_documented_names(self) -> None:
        schema = SalesforceSchema.default()
        assert schema == SalesforceSchema()
        assert schema.accounts.column("region") == "BillingCountry"
        assert schema.signals.units == {"feature_adoption": Unit.PERCENT}
        assert schema.activities.units == {"minutes": Unit.HOURS}
        assert (schema.closed_field, schema.won_field) == ("IsClosed", "IsWon")
        assert schema.tier_field == "Advocacy_Tier__c"

    def test_renamed_fields_are_read(self) -> None:
        schema = custom_schema()
        loaded = load_salesforce(
            accounts=[
                acme(Type="Customer - Direct", Relationship__c="Client"),
                sobject("Account", GLOBEX, Type="Customer", Relationship__c="Lead"),
            ],
            contacts=[
                sobject("Contact", ADA, Latest_NPS__c=10.0, Adoption__c=50.0),
            ],
            activities=[
                without(
                    call(Contact__c=ADA, Minutes__c=45.0), "Advocate__c", "Hours__c"
                )
            ],
            opportunities=[
                without(
                    deal(
                        Is_Done__c="true",
                        Is_Success__c="false",
                        Phase__c="Closed Won",
                        Done_On__c="2026-02-01",
                    ),
                    "IsClosed",
                    "IsWon",
                )
            ],
            schema=schema,
        )
        assert only(loaded.accounts).id == ACME
        assert loaded.prospects == (GLOBEX,)
        assert only(loaded.signals) == Signals(nps=10, feature_adoption=0.5)
        assert only(loaded.activities) == attrs.evolve(CALL_ACTIVITY, minutes=45)
        value = only(loaded.opportunities)
        assert (value.outcome, value.closed) == (
            DealOutcome.LOST,
            pendulum.date(2026, 2, 1),
        )

    def test_the_renamed_stage_is_read_without_the_flags(self) -> None:
        record = without(deal(Phase__c="Closed Won"), "IsClosed", "IsWon", "CloseDate")
        loaded = load_salesforce(
            opportunities=[changed(record, Done_On__c="2026-02-01")],
            schema=custom_schema(),
        )
        value = only(loaded.opportunities)
        assert (value.outcome, value.closed) == (
            DealOutcome.WON,
            pendulum.date(2026, 2, 1),
        )

    def test_renamed_fields_are_written(self) -> None:
        (body,) = salesforce_contact_updates(
            {ADA: 70},
            {ADA: Tier.ADVOCATE},
            activities=[CALL_ACTIVITY],
            as_of=AS_OF,
            schema=custom_schema(),
        )
        assert body["records"] == [
            {
                "attributes": {"type": "Member__c"},
                "id": ADA,
                "Tier__c": "advocate",
                "Score__c": 70,
                "Done__c": 1,
                "Last__c": "2026-01-15",
            }
        ]

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("tier_field", 5, InvalidTypeError),
            ("tier_field", "", InvalidValueError),
            ("closed_field", None, InvalidTypeError),
            ("customer_types", {"Customer"}, InvalidTypeError),
            ("customer_types", frozenset({1}), InvalidTypeError),
            ("accounts", {"id": "Id"}, InvalidTypeError),
        ],
    )
    def test_a_wrong_field_is_refused_by_name(
        self, field: str, value: object, error: type[Exception]
    ) -> None:
        refused(
            error,
            f"SalesforceSchema.{field}",
            lambda: SalesforceSchema(**cast("dict[str, Any]", {field: value})),
        )


# --- write-back ---------------------------------------------------------------


def a_score(nps: int) -> Any:
    """A `Score` from the default model."""
    return ScoringModel.default().score(
        Signals(nps=nps, feature_adoption=0.8), as_of=AS_OF
    )


def sent(body: Mapping[str, Any]) -> Any:
    """A body as requests sends it (`json=`: no NaN allowed) and Salesforce reads it."""
    return json.loads(json.dumps(body, allow_nan=False))


class TestContactUpdates:
    def test_the_worked_example(self) -> None:
        score = a_score(9)
        activities = [
            CALL_ACTIVITY,
            attrs.evolve(CALL_ACTIVITY, id="a2", date=pendulum.date(2026, 2, 1)),
            # After as_of: not counted, not the last participation.
            attrs.evolve(CALL_ACTIVITY, id="a3", date=pendulum.date(2026, 3, 2)),
        ]
        bodies = salesforce_contact_updates(
            {BOB: 72, ADA: score},
            {ADA: Tier.CHAMPION, BOB: None},
            activities=activities,
            as_of=AS_OF,
        )
        assert bodies == [
            {
                "allOrNone": False,
                "records": [
                    {
                        "attributes": {"type": "Contact"},
                        "id": ADA,
                        "Advocacy_Tier__c": "champion",
                        "Advocacy_Score__c": score.total,
                        "Advocacy_Activities_Completed__c": 2,
                        "Last_Advocacy_Activity__c": "2026-02-01",
                    },
                    {
                        "attributes": {"type": "Contact"},
                        "id": BOB,
                        "Advocacy_Tier__c": None,
                        "Advocacy_Score__c": 72,
                        "Advocacy_Activities_Completed__c": 0,
                        "Last_Advocacy_Activity__c": None,
                    },
                ],
            }
        ]
        assert [sent(body) for body in bodies] == bodies

    def test_a_score_object_is_written_as_its_total(self) -> None:
        score = a_score(10)
        (body,) = salesforce_contact_updates({ADA: score}, {}, as_of=AS_OF)
        written = body["records"][0]["Advocacy_Score__c"]
        assert written == score.total
        assert type(written) is int

    def test_ids_without_a_tier_clear_it_and_tiers_without_a_score_are_not_sent(
        self,
    ) -> None:
        (body,) = salesforce_contact_updates(
            {ADA: 10}, {BOB: Tier.CHAMPION}, as_of=AS_OF
        )
        assert [record["id"] for record in body["records"]] == [ADA]
        assert body["records"][0]["Advocacy_Tier__c"] is None

    def test_a_tier_assignment_gives_the_tiers(self) -> None:
        scores = {f"003{n:015d}": 40 + 3 * n for n in range(20)}
        tiers = assign_tiers(scores, as_of=AS_OF)
        (body,) = salesforce_contact_updates(scores, tiers, as_of=AS_OF)
        written = {r["id"]: r["Advocacy_Tier__c"] for r in body["records"]}
        expected = {}
        for key in scores:
            tier = tiers[key]
            expected[key] = None if tier is None else tier.value
        assert written == expected
        assert set(written.values()) == {None, "advocate", "supporter"}

    def test_at_most_200_records_a_body(self) -> None:
        scores = {f"003{n:015d}": n % 101 for n in range(450)}
        bodies = salesforce_contact_updates(scores, {}, as_of=AS_OF)
        assert [len(body["records"]) for body in bodies] == [200, 200, 50]
        assert all(body["allOrNone"] is False for body in bodies)
        assert module.BATCH_LIMIT == 200

    @pytest.mark.parametrize(
        ("size", "lengths"),
        [(1, [1, 1, 1, 1, 1]), (2, [2, 2, 1]), (5, [5]), (200, [5])],
    )
    def test_batch_size_is_honoured(self, size: int, lengths: list[int]) -> None:
        scores = {f"003-{n}": n for n in range(5)}
        bodies = salesforce_contact_updates(scores, {}, as_of=AS_OF, batch_size=size)
        assert [len(body["records"]) for body in bodies] == lengths

    def test_a_whole_float_batch_size_is_read_as_its_integer(self) -> None:
        scores = {f"003-{n}": n for n in range(5)}
        bodies = salesforce_contact_updates(
            scores,
            {},
            as_of=AS_OF,
            batch_size=2.0,  # type: ignore[arg-type]
        )
        assert [len(body["records"]) for body in bodies] == [2, 2, 1]

    @pytest.mark.parametrize(
        ("size", "error"),
        [
            (0, InvalidValueError),
            (201, InvalidValueError),
            (-1, InvalidValueError),
            (True, InvalidTypeError),
            ("50", InvalidTypeError),
        ],
    )
    def test_batch_size_outside_1_to_200_is_refused(
        self, size: object, error: type[Exception]
    ) -> None:
        refused(
            error,
            "salesforce_contact_updates.batch_size",
            lambda: salesforce_contact_updates(
                {ADA: 1},
                {},
                as_of=AS_OF,
                batch_size=size,  # type: ignore[arg-type]
            ),
        )

    def test_no_scores_no_bodies(self) -> None:
        assert salesforce_contact_updates({}, {ADA: Tier.CHAMPION}, as_of=AS_OF) == []

    @pytest.mark.parametrize("score", [80.0, "80", True, None, Decimal(80)])
    def test_a_score_neither_int_nor_score_is_refused_naming_its_id(
        self, score: object
    ) -> None:
        refused(
            InvalidTypeError,
            re.escape(f"salesforce_contact_updates.scores[{ADA!r}]"),
            lambda: salesforce_contact_updates(
                {ADA: score},  # type: ignore[dict-item]
                {},
                as_of=AS_OF,
            ),
        )

    def test_as_of_must_be_a_date(self) -> None:
        refused(
            InvalidTypeError,
            "salesforce_contact_updates.as_of",
            lambda: salesforce_contact_updates(
                {ADA: 1},
                {},
                as_of=pendulum.datetime(2026, 2, 28),
            ),
        )


# --- properties ---------------------------------------------------------------

SALESFORCE_IDS = st.sampled_from([ACME, GLOBEX, INITECH, ADA, BOB, CALL, DEAL])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
    | st.sampled_from(
        [
            "N/A",
            "",
            "2026-01-15",
            CREATED,
            "Germany",
            "Atlantis",
            "Customer - Direct",
            "Prospect",
            "Reference Call;Case Study",
            "Closed Won",
            "Stalled",
            "73%",
            "1,200",
            "true",
        ]
    )
)
BASES = {
    "accounts": acme(),
    "contacts": ada(),
    "activities": call(),
    "opportunities": deal(),
}


@st.composite
def records(draw: st.DrawFn, argument: str) -> Any:
    """A record of a kind with some fields changed, dropped or nested, or junk."""
    if draw(st.integers(0, 9)) == 0:
        return draw(SCALARS | st.lists(SCALARS, max_size=2))
    base = BASES[argument]
    names = [name for name in base if name != "attributes"]
    record = changed(
        base,
        **{
            name: draw(SCALARS | st.just(GLOBEX_ACCOUNT))
            for name in draw(st.lists(st.sampled_from(names), unique=True))
        },
    )
    if draw(st.booleans()):
        record["Id"] = draw(SALESFORCE_IDS | SCALARS)
    return without(record, *draw(st.lists(st.sampled_from(names), max_size=3)))


def loads(argument: str) -> st.SearchStrategy[list[Any]]:
    return st.lists(records(argument), max_size=6)


@given(
    accounts=loads("accounts"),
    contacts=loads("contacts"),
    activities=loads("activities"),
    opportunities=loads("opportunities"),
    as_of=st.none() | as_of_dates,
)
def test_every_record_is_built_rejected_or_a_listed_prospect(
    accounts: list[Any],
    contacts: list[Any],
    activities: list[Any],
    opportunities: list[Any],
    as_of: pendulum.Date | None,
) -> None:
    loaded = load_salesforce(
        accounts=accounts,
        contacts=contacts,
        activities=activities,
        opportunities=opportunities,
        as_of=as_of,
    )
    assert loaded.accounts.total + len(loaded.prospects) == len(accounts)
    assert "None" not in loaded.prospects
    pairs: list[tuple[LoadedRecords[Any], list[Any]]] = [
        (loaded.advocates, contacts),
        (loaded.signals, contacts),
        (loaded.activities, activities),
        (loaded.opportunities, opportunities),
    ]
    for load, given_records in pairs:
        assert load.total == len(given_records)
        numbers = sorted([*load.rows, *(row.row for row in load.rejected)])
        assert numbers == list(range(len(given_records)))
    for load in loaded.loads:
        for rejected in load.rejected:
            assert rejected.errors
            assert not [key for key in rejected.raw if "attributes" in key.split(".")]


@st.composite
def write_backs(
    draw: st.DrawFn,
) -> tuple[dict[str, int], dict[str, Tier | None], list[Activity], pendulum.Date]:
    scores = draw(score_maps)
    keys = sorted(scores) + draw(
        st.lists(st.text(string.ascii_lowercase, min_size=1, max_size=3), min_size=1)
    )
    tiers = draw(
        st.dictionaries(st.sampled_from(keys), st.none() | st.sampled_from(Tier))
    )
    as_of = draw(as_of_dates)
    activities = draw(activities_for(keys, as_of))
    return scores, tiers, activities, as_of


@given(write_backs(), st.integers(1, 200))
def test_one_record_per_scored_id_in_id_order_in_full_batches(
    case: tuple[dict[str, int], dict[str, Tier | None], list[Activity], pendulum.Date],
    size: int,
) -> None:
    scores, tiers, activities, as_of = case
    bodies = salesforce_contact_updates(
        scores, tiers, activities=activities, as_of=as_of, batch_size=size
    )
    written = [record for body in bodies for record in body["records"]]
    assert [record["id"] for record in written] == sorted(scores)
    assert len(bodies) == math.ceil(len(scores) / size)
    assert all(len(body["records"]) == size for body in bodies[:-1])
    assert all(0 < len(body["records"]) <= size for body in bodies)
    assert all(set(body) == {"allOrNone", "records"} for body in bodies)
    for record in written:
        tier = tiers.get(record["id"])
        assert record["Advocacy_Score__c"] == scores[record["id"]]
        assert record["Advocacy_Tier__c"] == (None if tier is None else tier.value)
        assert record["attributes"] == {"type": "Contact"}
    assert [sent(body) for body in bodies] == bodies


@given(write_backs())
def test_completed_and_last_are_the_activities_on_or_before_as_of(
    case: tuple[dict[str, int], dict[str, Tier | None], list[Activity], pendulum.Date],
) -> None:
    scores, tiers, activities, as_of = case
    bodies = salesforce_contact_updates(
        scores, tiers, activities=activities, as_of=as_of
    )
    for body in bodies:
        for record in body["records"]:
            done = [
                a.date
                for a in activities
                if a.advocate_id == record["id"] and a.date <= as_of
            ]
            assert record["Advocacy_Activities_Completed__c"] == len(done)
            assert record["Last_Advocacy_Activity__c"] == (
                max(done).isoformat() if done else None
            )


# --- through simple-salesforce itself -----------------------------------------

INSTANCE = "example.my.salesforce.com"


class FakeOrg:
    """A Salesforce org behind requests' transport: serves pages, keeps requests.

    Mounted on a real `requests.Session`, so simple-salesforce builds, sends
    and decodes every request as it would against a real org.
    """

    def __init__(self, pages: Mapping[str, str]) -> None:
        self.pages = dict(pages)
        self.sent: list[Any] = []

    def send(self, request: Any, **_options: Any) -> Any:
        requests = pytest.importorskip("requests")
        self.sent.append(request)
        response = requests.Response()
        response.status_code = 200
        response.encoding = "utf-8"
        response.url = request.url
        response.request = request
        response.headers["Content-Type"] = "application/json"
        if request.method == "GET":
            text = self.pages[request.path_url.split("?", 1)[0]]
        else:
            records = json.loads(request.body)["records"]
            text = json.dumps(
                [{"id": r["id"], "success": True, "errors": []} for r in records]
            )
        response._content = text.encode()
        return response

    def close(self) -> None:
        """Nothing to release."""


def query_page(records: list[Any], next_url: str | None = None) -> str:
    found: dict[str, Any] = {"totalSize": 3, "done": next_url is None}
    if next_url is not None:
        found["nextRecordsUrl"] = next_url
    found["records"] = records
    return json.dumps(found)


@pytest.fixture
def salesforce() -> Iterator[tuple[Any, FakeOrg]]:
    """A simple-salesforce client on a fake org with one query of two pages."""
    api = pytest.importorskip("simple_salesforce")
    requests = pytest.importorskip("requests")
    more = f"{API}/query/01gD000000Ex4mPAAA-2000"
    org = FakeOrg(
        {
            f"{API}/query/": query_page([acme(), without(acme(GLOBEX), "Type")], more),
            more: query_page([sobject("Account", INITECH, Type="Prospect")]),
        }
    )
    session = requests.Session()
    session.mount("https://", org)
    client = api.Salesforce(
        instance=INSTANCE, session_id="token", session=session, version="59.0"
    )
    yield client, org
    session.close()


class TestThroughSimpleSalesforce:
    def test_query_all_hands_over_the_records_built_here(
        self, salesforce: tuple[Any, FakeOrg]
    ) -> None:
        client, _org = salesforce
        result = client.query_all("SELECT Id, Name, Type FROM Account")
        assert result["records"] == [
            acme(),
            without(acme(GLOBEX), "Type"),
            sobject("Account", INITECH, Type="Prospect"),
        ]
        assert all(type(record) is OrderedDict for record in result["records"])
        assert type(result["records"][0]["attributes"]) is OrderedDict

    def test_a_query_all_result_loads_every_page(
        self, salesforce: tuple[Any, FakeOrg]
    ) -> None:
        client, _org = salesforce
        loaded = load_salesforce(accounts=client.query_all("SELECT Id FROM Account"))
        assert loaded.accounts.ids == (ACME, GLOBEX)
        assert loaded.accounts.values[0] == ACME_ACCOUNT
        assert loaded.prospects == (INITECH,)

    def test_restful_sends_each_body_as_built(
        self, salesforce: tuple[Any, FakeOrg]
    ) -> None:
        client, org = salesforce
        scores = {f"003{n:015d}": n for n in range(250)}
        bodies = salesforce_contact_updates(scores, {}, as_of=AS_OF)
        results = [
            client.restful("composite/sobjects", method="PATCH", json=body)
            for body in bodies
        ]
        patches = [request for request in org.sent if request.method == "PATCH"]
        assert [json.loads(request.body) for request in patches] == bodies
        assert all(
            request.url == f"https://{INSTANCE}{API}/composite/sobjects"
            for request in patches
        )
        assert [len(result) for result in results] == [200, 50]
        assert all(item["success"] for result in results for item in result)
