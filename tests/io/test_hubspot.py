"""The HubSpot adapter: CRM v3 records in, Advocate Profile batch-update bodies out.

Records are built exactly as `hubspot-api-client` hands them over: each
object's own model (`hubspot.crm.companies.models`, `.contacts.`, `.deals.`,
and `.objects.` for the custom Advocate Profile and Advocacy Activity
objects), `SimplePublicObjectWithAssociations(...).to_dict()`: snake_case
keys, an `id`, `properties` whose values are all strings (or `None` for a
property asked for and not set), and `associations` as
`{"contacts": {"paging": None, "results": [{"id": ..., "type": ...}]}}`,
HubSpot listing a labelled (primary) association and its `..._unlabeled`
twin. Datetime properties are ISO 8601 text (`"2025-10-01T10:00:00.000Z"`)
or, in older portals and exports, epoch milliseconds (`"1759312800000"`);
multi-selects are separated by `;`; booleans are `"true"`/`"false"`. The
last class drives hubspot-api-client itself against a fake portal behind
urllib3's pool manager, to pin that the shapes here are the library's own.
"""

from __future__ import annotations

import copy
import datetime
import io
import json
import math
import re
import string
import types
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, cast

import attrs
import hubspot.crm.companies.models as company_models
import hubspot.crm.contacts.models as contact_models
import hubspot.crm.deals.models as deal_models
import hubspot.crm.objects.models as object_models
import pendulum
import pytest
from hubspot.crm.objects import ApiClient
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
    HubSpotSchema,
    LoadedRecords,
    Money,
    Motivation,
    Opportunity,
    OpportunitySource,
    ProspectProfile,
    ScoringModel,
    Signals,
    Tier,
    Unit,
    assign_tiers,
    hubspot_profile_updates,
    load_hubspot,
)
from advocacy._io import hubspot as module
from advocacy._io import parse
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.checks import refused
from tests.strategies import activities_for, as_of_dates, score_maps

AS_OF = pendulum.date(2026, 9, 30)

ACME = "21804300001"
GLOBEX = "21804300002"
INITECH = "21804300003"
ADA_CONTACT = "98100001"
BOB_CONTACT = "98100002"
ADA = "31200000001"
BOB = "31200000002"
CALL = "31300000001"
DEAL = "18700000001"

CREATED_AT = datetime.datetime(2025, 10, 1, 10, tzinfo=datetime.UTC)

Pair = tuple[str, str]


# --- records as hubspot-api-client hands them over -------------------------------


def hubspot_record(
    models: Any,
    record_id: str,
    properties: Mapping[str, str | None],
    associations: Mapping[str, list[Pair]] | None = None,
) -> dict[str, Any]:
    """A record of one object, as its model's `.to_dict()` gives it."""
    links = None
    if associations is not None:
        links = {
            key: models.CollectionResponseAssociatedId(
                results=[models.AssociatedId(id=i, type=t) for i, t in pairs]
            )
            for key, pairs in associations.items()
        }
    record: dict[str, Any] = models.SimplePublicObjectWithAssociations(
        id=record_id,
        properties={"hs_object_id": record_id, **properties},
        created_at=CREATED_AT,
        updated_at=CREATED_AT,
        archived=False,
        associations=links,
    ).to_dict()
    return record


def group(*pairs: Pair) -> dict[str, Any]:
    """One association group (`"contacts"`'s), as `.to_dict()` writes it."""
    found: dict[str, Any] = object_models.CollectionResponseAssociatedId(
        results=[object_models.AssociatedId(id=i, type=t) for i, t in pairs]
    ).to_dict()
    return found


def changed(record: Mapping[str, Any], **properties: str | None) -> dict[str, Any]:
    """A copy of `record` with `properties` set."""
    found = copy.deepcopy(dict(record))
    found["properties"].update(properties)
    return found


def without(record: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """A copy of `record` without the properties `names` (not asked for)."""
    found = copy.deepcopy(dict(record))
    for name in names:
        del found["properties"][name]
    return found


def linked(record: Mapping[str, Any], **groups: Any) -> dict[str, Any]:
    """A copy of `record` with association groups set; `None` drops a group."""
    found = copy.deepcopy(dict(record))
    links = dict(found["associations"] or {})
    for key, value in groups.items():
        if value is None:
            links.pop(key, None)
        else:
            links[key] = value
    found["associations"] = links or None
    return found


ACME_PROPERTIES = {
    "name": "Acme",
    "domain": "acme.com",
    "industry": "Software",
    "numberofemployees": "250",
    "country": "Germany",
    "lifecyclestage": "customer",
    "hs_lifecyclestage_customer_date": "2025-10-01T10:00:00.000Z",
    "products_owned": "Core;Analytics",
    "use_cases": "Reporting",
    "arr": "125000",
    "health_score": "80",
    "public_advocacy_allowed": "false",
    "advocacy_approval_required": "true",
    "restricted_advocacy_activities": "press;speaking",
}


def acme(record_id: str = ACME, **properties: str | None) -> dict[str, Any]:
    """A customer company with every property the default schema reads."""
    return hubspot_record(company_models, record_id, {**ACME_PROPERTIES, **properties})


ACME_ACCOUNT = Account(
    id=ACME,
    name="Acme",
    industry="Software",
    employees=250,
    region="EMEA",
    customer_since=pendulum.date(2025, 10, 1),
    products=frozenset({"Core", "Analytics"}),
    use_cases=frozenset({"Reporting"}),
    arr=Money(Decimal(125000), "USD"),
    policy=AccountPolicy(
        public_allowed=False,
        approval_required=True,
        restricted=frozenset({ActivityType.PRESS, ActivityType.SPEAKING}),
    ),
)


def globex(**properties: str | None) -> dict[str, Any]:
    """A prospect company (lifecycle stage opportunity)."""
    return hubspot_record(
        company_models,
        GLOBEX,
        {
            "name": "Globex",
            "industry": "Manufacturing",
            "numberofemployees": "1200",
            "country": "United States",
            "lifecyclestage": "opportunity",
            "hs_lifecyclestage_customer_date": None,
            **properties,
        },
    )


def ada_contact(**properties: str | None) -> dict[str, Any]:
    """Ada's contact, at Acme: the primary association and its unlabelled twin."""
    return hubspot_record(
        contact_models,
        ADA_CONTACT,
        {
            "firstname": "Ada",
            "lastname": "Lovelace",
            "email": "ada@acme.com",
            "jobtitle": "VP of Engineering",
            "hs_feedback_last_nps_rating": "9",
            **properties,
        },
        {
            "companies": [
                (ACME, "contact_to_company"),
                (ACME, "contact_to_company_unlabeled"),
            ]
        },
    )


def ada(**properties: str | None) -> dict[str, Any]:
    """Ada's Advocate Profile, associated with her contact."""
    return hubspot_record(
        object_models,
        ADA,
        {
            "advocacy_tier": "champion",
            "persona": "VP Engineering",
            "preferred_activities": "reference_call;case_study;review",
            "motivations": "peer_connection;recognition",
            "available_for_references": "true",
            "do_not_contact_until": "2026-10-15",
            "opted_out": "false",
            "industry_expertise": "Fintech;Retail",
            "award_recipient": "false",
            "public_recognition": "true",
            "feature_adoption": "73",
            "positive_mentions": "3",
            "responded_to_requests": "true",
            **properties,
        },
        {"contacts": [(ADA_CONTACT, "advocate_profile_to_contact")]},
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
    do_not_contact_until=pendulum.date(2026, 10, 15),
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


def ada_program(**properties: str | None) -> dict[str, Any]:
    """Acme, Ada's contact and her profile (with `properties`): load's arguments."""
    return {
        "companies": [acme()],
        "contacts": [ada_contact()],
        "profiles": [ada(**properties)],
    }


def call(**properties: str | None) -> dict[str, Any]:
    """An Advocacy Activity: Ada's reference call, which influenced the deal."""
    return hubspot_record(
        object_models,
        CALL,
        {
            "activity_type": "reference_call",
            "activity_date": "2026-09-15",
            "hours": "1.5",
            "recognition_sent": "true",
            "notes": "Call with Globex",
            **properties,
        },
        {
            "advocate_profiles": [(ADA, "advocacy_activity_to_advocate_profile")],
            "deals": [(DEAL, "advocacy_activity_to_deal")],
        },
    )


CALL_ACTIVITY = Activity(
    id=CALL,
    advocate_id=ADA,
    type=ActivityType.REFERENCE_CALL,
    date=pendulum.date(2026, 9, 15),
    minutes=90,
    opportunity_id=DEAL,
    recognition_sent=True,
    notes="Call with Globex",
)


def deal(**properties: str | None) -> dict[str, Any]:
    """A won deal with Globex, which Ada's call influenced."""
    return hubspot_record(
        deal_models,
        DEAL,
        {
            "dealname": "Globex - Platform",
            "amount": "125000",
            "deal_currency_code": "USD",
            "createdate": "2026-06-01T10:00:00.000Z",
            "closedate": "2026-09-20T16:00:00.000Z",
            "hs_is_closed": "true",
            "hs_is_closed_won": "true",
            "dealstage": "closedwon",
            "pipeline": "default",
            "dealtype": "newbusiness",
            "hs_analytics_source": "PAID_SEARCH",
            **properties,
        },
        {
            "companies": [
                (GLOBEX, "deal_to_company"),
                (GLOBEX, "deal_to_company_unlabeled"),
            ],
            "advocacy_activities": [(CALL, "deal_to_advocacy_activity")],
        },
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
    amount=Money(Decimal(125000), "USD"),
    created=pendulum.date(2026, 6, 1),
    outcome=DealOutcome.WON,
    closed=pendulum.date(2026, 9, 20),
    source=OpportunitySource.INBOUND,
    kind=DealKind.NEW_BUSINESS,
    activity_ids=frozenset({CALL}),
)


def errors_of(load: Any) -> list[tuple[str, str | None, Any]]:
    """Every rejection reason of a load: field, column and raw value."""
    return [(e.field, e.column, e.value) for row in load.rejected for e in row.errors]


def only(load: Any) -> Any:
    """The one value a load built (and it rejected nothing)."""
    assert load.rejected == ()
    (value,) = load.values
    return value


def the_deal(record: Mapping[str, Any], **options: Any) -> Opportunity:
    """The opportunity one deal loads as, Globex given."""
    loaded = load_hubspot(companies=[globex()], deals=[record], **options)
    value: Opportunity = only(loaded.opportunities)
    return value


# --- the records as the API's JSON has them -----------------------------------------


def api_json(record: Mapping[str, Any]) -> str:
    """A `.to_dict()` record as the v3 API writes it: camelCase, ISO text.

    Associations are there only when asked for, each group without `paging`.
    """
    found = {
        "id": record["id"],
        "properties": record["properties"],
        "createdAt": "2025-10-01T10:00:00.000Z",
        "updatedAt": "2025-10-01T10:00:00.000Z",
        "archived": False,
    }
    if record["associations"] is not None:
        found["associations"] = {
            key: {"results": links["results"]}
            for key, links in record["associations"].items()
        }
    return json.dumps(found)


def deserialized(text: str) -> dict[str, Any]:
    """The API's JSON as hubspot-api-client decodes it, then `.to_dict()`."""
    response = types.SimpleNamespace(data=text)
    found: dict[str, Any] = (
        ApiClient()
        .deserialize(response, "SimplePublicObjectWithAssociations")
        .to_dict()
    )
    return found


class TestRecordShapes:
    @pytest.mark.parametrize(
        "record",
        [acme(), ada_contact(), ada(), call(), deal()],
        ids=["company", "contact", "profile", "activity", "deal"],
    )
    def test_the_helpers_build_what_the_client_decodes_the_api_json_to(
        self, record: dict[str, Any]
    ) -> None:
        assert deserialized(api_json(record)) == record
        assert all(type(v) is str or v is None for v in record["properties"].values())

    def test_an_association_group_has_paging_and_results(self) -> None:
        links = ada_contact()["associations"]["companies"]
        assert links == {
            "paging": None,
            "results": [
                {"id": ACME, "type": "contact_to_company"},
                {"id": ACME, "type": "contact_to_company_unlabeled"},
            ],
        }

    def test_the_api_json_itself_loads_as_the_clients_records_do(self) -> None:
        records: dict[str, Any] = {
            "companies": [acme(), globex()],
            "contacts": [ada_contact()],
            "profiles": [ada()],
            "activities": [call()],
            "deals": [deal()],
        }
        from_json: dict[str, Any] = {
            name: [json.loads(api_json(r)) for r in given]
            for name, given in records.items()
        }
        assert load_hubspot(**from_json, as_of=AS_OF) == load_hubspot(
            **records, as_of=AS_OF
        )

    def test_a_record_written_to_json_loads_as_it_did(self) -> None:
        # As examples/data holds records: `.to_dict()`, datetimes as text.
        written = json.loads(json.dumps([ada()], default=str))
        assert type(written[0]["created_at"]) is str
        loaded = load_hubspot(**{**ada_program(), "profiles": written})
        assert loaded == load_hubspot(**ada_program())
        assert only(loaded.advocates) == ADA_ADVOCATE


# --- companies ----------------------------------------------------------------------


class TestCompanies:
    def test_a_customer_company_is_read_with_every_property(self) -> None:
        loaded = load_hubspot(companies=[acme()])
        assert only(loaded.accounts) == ACME_ACCOUNT
        assert loaded.accounts.ids == (ACME,)
        assert loaded.prospects == ()

    @pytest.mark.parametrize(
        "stage", ["customer", "Customer", "CUSTOMER", " customer ", "evangelist"]
    )
    def test_a_customer_stage_in_any_case_is_read_as_an_account(
        self, stage: str
    ) -> None:
        loaded = load_hubspot(companies=[acme(lifecyclestage=stage)])
        assert only(loaded.accounts) == ACME_ACCOUNT
        assert loaded.prospects == ()

    @pytest.mark.parametrize(
        "stage",
        [
            "subscriber",
            "lead",
            "marketingqualifiedlead",
            "salesqualifiedlead",
            "opportunity",
            "other",
        ],
    )
    def test_another_stage_is_listed_as_a_prospect_not_read(self, stage: str) -> None:
        loaded = load_hubspot(companies=[acme(), globex(lifecyclestage=stage)])
        assert loaded.prospects == (GLOBEX,)
        assert only(loaded.accounts) == ACME_ACCOUNT
        assert loaded.accounts.total == 1

    @pytest.mark.parametrize(
        "record",
        [
            without(acme(), "lifecyclestage"),
            acme(lifecyclestage=None),
            acme(lifecyclestage=""),
            acme(lifecyclestage="N/A"),
        ],
        ids=["not asked for", "null", "blank", "N/A"],
    )
    def test_a_company_without_a_stage_is_read_as_an_account(
        self, record: dict[str, Any]
    ) -> None:
        loaded = load_hubspot(companies=[record])
        assert only(loaded.accounts) == ACME_ACCOUNT
        assert loaded.prospects == ()

    def test_a_prospect_without_an_id_is_rejected_not_listed(self) -> None:
        record = globex()
        del record["id"]
        loaded = load_hubspot(companies=[record])
        assert loaded.prospects == ()
        assert ("Account.id", "id", None) in errors_of(loaded.accounts)

    @pytest.mark.parametrize("blank", ["", " ", "N/A", [1]])
    def test_a_prospect_with_an_unreadable_id_is_rejected_not_listed(
        self, blank: object
    ) -> None:
        loaded = load_hubspot(companies=[{**globex(), "id": blank}])
        assert loaded.prospects == ()
        assert [row.id for row in loaded.accounts.rejected] == [None]
        assert "Account.id" in [e[0] for e in errors_of(loaded.accounts)]

    def test_prospects_are_listed_in_record_order(self) -> None:
        initech = changed(globex(), name="Initech")
        initech["id"] = INITECH
        loaded = load_hubspot(companies=[initech, acme(), globex()])
        assert loaded.prospects == (INITECH, GLOBEX)
        assert "2 companies read as prospects only" in loaded.explain()

    @pytest.mark.parametrize(
        ("country", "region"),
        [
            ("Germany", "EMEA"),
            ("DE", "EMEA"),
            ("United States", "North America"),
            ("USA", "North America"),
            ("Japan", "APAC"),
            ("Brazil", "LATAM"),
            ("  united   kingdom ", "EMEA"),
        ],
    )
    def test_the_region_is_the_countrys(self, country: str, region: str) -> None:
        loaded = load_hubspot(companies=[acme(country=country)])
        assert only(loaded.accounts).region == region

    def test_an_unknown_country_rejects_the_company_naming_its_region(self) -> None:
        loaded = load_hubspot(companies=[acme(country="Atlantis")])
        (rejected,) = loaded.accounts.rejected
        assert rejected.id == ACME
        assert errors_of(loaded.accounts) == [("Account.region", "country", "Atlantis")]
        assert "a country the region table knows" in rejected.explain()

    @pytest.mark.parametrize(
        ("written", "since"),
        [
            ("2025-10-01T10:00:00.000Z", pendulum.date(2025, 10, 1)),
            ("2025-10-01", pendulum.date(2025, 10, 1)),
            # A datetime gives its date as written, in its own offset.
            ("2025-09-30T23:30:00-05:00", pendulum.date(2025, 9, 30)),
            ("2025-10-01T00:30:00+02:00", pendulum.date(2025, 10, 1)),
            # Epoch milliseconds, as HubSpot writes timestamps: read in UTC.
            ("1759312800000", pendulum.date(2025, 10, 1)),
            ("1759275000000", pendulum.date(2025, 9, 30)),
        ],
    )
    def test_the_customer_since_date_is_read_from_any_form(
        self, written: str, since: pendulum.Date
    ) -> None:
        loaded = load_hubspot(companies=[acme(hs_lifecyclestage_customer_date=written)])
        assert only(loaded.accounts).customer_since == since

    def test_a_customer_since_date_after_as_of_rejects_the_company(self) -> None:
        loaded = load_hubspot(
            companies=[acme(hs_lifecyclestage_customer_date="1790812800000")],
            as_of=AS_OF,
        )
        assert errors_of(loaded.accounts) == [
            (
                "Account.customer_since",
                "hs_lifecyclestage_customer_date",
                "2026-10-01",
            )
        ]

    def test_without_as_of_a_future_customer_since_is_read(self) -> None:
        record = acme(hs_lifecyclestage_customer_date="2026-10-01")
        loaded = load_hubspot(companies=[record])
        assert only(loaded.accounts).customer_since == pendulum.date(2026, 10, 1)

    @pytest.mark.parametrize(
        ("written", "employees"), [("1,200", 1200), ("1200.0", 1200), (" 98 ", 98)]
    )
    def test_employees_are_read_as_exports_write_them(
        self, written: str, employees: int
    ) -> None:
        loaded = load_hubspot(companies=[acme(numberofemployees=written)])
        assert only(loaded.accounts).employees == employees

    def test_unreadable_employees_reject_the_company_naming_the_column(self) -> None:
        loaded = load_hubspot(companies=[acme(numberofemployees="1.2k")])
        assert errors_of(loaded.accounts) == [
            ("Account.employees", "numberofemployees", "1.2k")
        ]

    @pytest.mark.parametrize(
        ("allowed", "required", "policy"),
        [
            ("true", "false", (True, False)),
            ("false", "true", (False, True)),
            ("TRUE", "False", (True, False)),
            ("yes", "no", (True, False)),
        ],
    )
    def test_policy_flags_are_read_from_true_and_false(
        self, allowed: str, required: str, policy: tuple[bool, bool]
    ) -> None:
        record = acme(
            public_advocacy_allowed=allowed, advocacy_approval_required=required
        )
        read = only(load_hubspot(companies=[record]).accounts).policy
        assert (read.public_allowed, read.approval_required) == policy

    @pytest.mark.parametrize("unknown", [None, "", "N/A", "null", " n/a "])
    def test_a_blank_or_na_property_reads_as_no_value(
        self, unknown: str | None
    ) -> None:
        record = acme(
            public_advocacy_allowed=unknown,
            advocacy_approval_required=unknown,
            restricted_advocacy_activities=unknown,
            use_cases=unknown,
            arr=unknown,
        )
        account = only(load_hubspot(companies=[record]).accounts)
        assert account.policy == AccountPolicy()
        assert account.use_cases == frozenset()
        assert account.arr is None

    def test_a_blank_required_property_rejects_the_company_as_required(self) -> None:
        loaded = load_hubspot(companies=[acme(industry="N/A", name="")])
        assert errors_of(loaded.accounts) == [
            ("Account.name", "name", ""),
            ("Account.industry", "industry", "N/A"),
        ]

    def test_an_unreadable_flag_rejects_the_company_naming_its_field(self) -> None:
        loaded = load_hubspot(companies=[acme(public_advocacy_allowed="maybe")])
        assert errors_of(loaded.accounts) == [
            ("Account.policy.public_allowed", "public_advocacy_allowed", "maybe")
        ]

    @pytest.mark.parametrize(
        "written",
        ["Core;Analytics", "Core; Analytics", "Analytics;Core;", ";Core;;Analytics"],
    )
    def test_a_multi_select_is_split_on_semicolons(self, written: str) -> None:
        loaded = load_hubspot(companies=[acme(products_owned=written)])
        assert only(loaded.accounts).products == frozenset({"Core", "Analytics"})

    def test_a_multi_select_of_activities_reads_each_item(self) -> None:
        record = acme(restricted_advocacy_activities="Press; speaking;REVIEW")
        restricted = only(load_hubspot(companies=[record]).accounts).policy.restricted
        assert restricted == {
            ActivityType.PRESS,
            ActivityType.SPEAKING,
            ActivityType.ONLINE_REVIEW,
        }

    def test_an_unknown_item_of_a_multi_select_names_the_field(self) -> None:
        loaded = load_hubspot(
            companies=[acme(restricted_advocacy_activities="press;skydiving")]
        )
        assert errors_of(loaded.accounts) == [
            (
                "Account.policy.restricted",
                "restricted_advocacy_activities",
                "press;skydiving",
            )
        ]
        assert "'skydiving' is not an ActivityType" in loaded.accounts.explain()

    def test_arr_is_in_the_mappings_currency(self) -> None:
        loaded = load_hubspot(companies=[acme(arr="1,250,000.00")])
        assert only(loaded.accounts).arr == Money(Decimal(1250000), "USD")

    def test_a_company_whose_properties_are_not_a_mapping_is_rejected(self) -> None:
        record = acme()
        record["properties"] = None
        loaded = load_hubspot(companies=[record])
        (rejected,) = loaded.accounts.rejected
        assert rejected.id == ACME
        assert [e[0] for e in errors_of(loaded.accounts)] == [
            "Account.name",
            "Account.industry",
            "Account.employees",
            "Account.region",
            "Account.customer_since",
        ]

    def test_a_rejected_companys_raw_row_holds_its_properties_and_id(self) -> None:
        loaded = load_hubspot(companies=[acme(numberofemployees="0")])
        (rejected,) = loaded.accounts.rejected
        assert rejected.raw["numberofemployees"] == "0"
        assert rejected.raw["id"] == ACME
        assert rejected.raw["domain"] == "acme.com"
        assert "associations" not in rejected.raw
        assert "created_at" not in rejected.raw


# --- contacts and Advocate Profiles ---------------------------------------------------


class TestProfiles:
    def test_a_profile_is_an_advocate_and_their_signals(self) -> None:
        loaded = load_hubspot(**ada_program())
        assert only(loaded.advocates) == ADA_ADVOCATE
        assert only(loaded.signals) == ADA_SIGNALS
        assert loaded.signals.by_id() == {ADA: ADA_SIGNALS}
        assert loaded.advocates.ids == (ADA,)

    def test_contacts_are_joined_not_loaded(self) -> None:
        loaded = load_hubspot(
            companies=[acme()], contacts=[ada_contact(), ada_contact()]
        )
        assert [load.total for load in loaded.loads] == [1, 0, 0, 0, 0]

    @pytest.mark.parametrize(
        ("first", "last", "name"),
        [
            (" Ada ", "Lovelace ", "Ada Lovelace"),
            ("Ada", None, "Ada"),
            ("", "Lovelace", "Lovelace"),
            ("N/A", "Lovelace", "Lovelace"),
        ],
    )
    def test_the_name_joins_first_and_last_name(
        self, first: str, last: str | None, name: str
    ) -> None:
        program = ada_program()
        program["contacts"] = [ada_contact(firstname=first, lastname=last)]
        assert only(load_hubspot(**program).advocates).name == name

    @pytest.mark.parametrize(
        "names",
        [{"firstname": None, "lastname": None}, {"firstname": " ", "lastname": ""}],
    )
    def test_a_contact_without_a_name_rejects_the_advocate(
        self, names: dict[str, str | None]
    ) -> None:
        program = ada_program()
        program["contacts"] = [ada_contact(**names)]
        loaded = load_hubspot(**program)
        assert errors_of(loaded.advocates) == [("Advocate.name", "derived.name", None)]
        assert only(loaded.signals) == ADA_SIGNALS

    def test_a_name_that_is_not_text_is_left_out(self) -> None:
        contact = ada_contact()
        contact["properties"]["firstname"] = 7
        program = {**ada_program(), "contacts": [contact]}
        assert only(load_hubspot(**program).advocates).name == "Lovelace"

    def test_the_company_is_the_contacts_primary_one(self) -> None:
        # The unlabelled twin of a former employer, listed first, and the
        # twin of the primary before it: the labelled association wins.
        contact = linked(
            ada_contact(),
            companies=group(
                (INITECH, "contact_to_company_unlabeled"),
                (ACME, "contact_to_company_unlabeled"),
                (ACME, "contact_to_company"),
            ),
        )
        initech = acme(INITECH, name="Initech")
        loaded = load_hubspot(
            companies=[initech, acme()], contacts=[contact], profiles=[ada()]
        )
        assert only(loaded.advocates).account_id == ACME

    def test_an_unlabelled_association_is_read_when_it_is_the_only_one(self) -> None:
        contact = linked(
            ada_contact(), companies=group((ACME, "contact_to_company_unlabeled"))
        )
        program = {**ada_program(), "contacts": [contact]}
        assert only(load_hubspot(**program).advocates) == ADA_ADVOCATE

    def test_the_first_company_given_is_taken_when_the_primary_is_not(self) -> None:
        contact = linked(
            ada_contact(),
            companies=group(
                (GLOBEX, "contact_to_company"), (ACME, "contact_to_company_unlabeled")
            ),
        )
        program = {**ada_program(), "contacts": [contact]}
        assert only(load_hubspot(**program).advocates).account_id == ACME

    def test_the_profiles_own_company_comes_before_the_contacts(self) -> None:
        profile = linked(
            ada(), companies=group((INITECH, "advocate_profile_to_company"))
        )
        initech = acme(INITECH, name="Initech", health_score="40")
        loaded = load_hubspot(
            companies=[acme(), initech], contacts=[ada_contact()], profiles=[profile]
        )
        assert only(loaded.advocates).account_id == INITECH
        assert only(loaded.signals).health_score == 40.0

    def test_a_profiles_company_not_given_falls_back_to_the_contacts(self) -> None:
        profile = linked(
            ada(), companies=group((INITECH, "advocate_profile_to_company"))
        )
        program = {**ada_program(), "profiles": [profile]}
        assert only(load_hubspot(**program).advocates).account_id == ACME

    def test_a_profile_with_its_company_and_no_contact_is_rejected_for_its_name(
        self,
    ) -> None:
        profile = linked(
            ada(),
            contacts=None,
            companies=group((ACME, "advocate_profile_to_company")),
        )
        loaded = load_hubspot(companies=[acme()], profiles=[profile])
        assert errors_of(loaded.advocates) == [("Advocate.name", "derived.name", None)]
        assert only(loaded.signals) == attrs.evolve(ADA_SIGNALS, nps=None)

    @pytest.mark.parametrize(
        "profile",
        [
            linked(ada(), contacts=None),
            linked(ada(), contacts=group((BOB_CONTACT, "advocate_profile_to_contact"))),
            linked(ada(), contacts=group()),
        ],
        ids=["no association", "a contact not given", "no results"],
    )
    def test_a_profile_without_its_contact_is_no_advocate_but_has_signals(
        self, profile: dict[str, Any]
    ) -> None:
        loaded = load_hubspot(
            companies=[acme()], contacts=[ada_contact()], profiles=[profile]
        )
        assert errors_of(loaded.advocates) == [
            ("Advocate.account_id", "company.id", None),
            ("Advocate.name", "derived.name", None),
        ]
        assert only(loaded.signals) == Signals(
            feature_adoption=0.73, positive_mentions=3, responded_to_requests=True
        )

    def test_a_contact_without_a_company_gives_no_account(self) -> None:
        contact = linked(ada_contact(), companies=None)
        program = {**ada_program(), "contacts": [contact]}
        loaded = load_hubspot(**program)
        assert errors_of(loaded.advocates) == [
            ("Advocate.account_id", "company.id", None)
        ]
        assert only(loaded.signals) == attrs.evolve(
            ADA_SIGNALS, health_score=None, customer_since=None
        )

    def test_a_company_listed_as_a_prospect_is_still_the_advocates(self) -> None:
        # Joined by id, whatever its stage: the advocate is not lost.
        program = ada_program()
        program["companies"] = [acme(lifecyclestage="lead")]
        loaded = load_hubspot(**program)
        assert loaded.prospects == (ACME,)
        assert only(loaded.advocates) == ADA_ADVOCATE

    @pytest.mark.parametrize(
        ("associations", "account_id"),
        [
            (None, None),
            ({}, None),
            ({"companies": None}, None),
            ({"companies": "21804300001"}, None),
            ({"companies": {"results": None}}, None),
            # The API's JSON without `paging`, and a bare list of results.
            ({"companies": {"results": [{"id": ACME}]}}, ACME),
            ({"companies": [{"id": ACME, "type": "contact_to_company"}]}, ACME),
            # Results that name no id are passed over.
            ({"companies": {"results": [None, {"type": "x"}, {"id": ACME}]}}, ACME),
            # Ids as numbers, as some exports write them.
            ({"companies": {"results": [{"id": 21804300001}]}}, ACME),
        ],
    )
    def test_associations_are_read_in_every_shape(
        self, associations: Any, account_id: str | None
    ) -> None:
        contact = ada_contact()
        contact["associations"] = associations
        program = {**ada_program(), "contacts": [contact]}
        advocates = load_hubspot(**program).advocates
        found = advocates.values[0].account_id if advocates.values else None
        assert found == account_id

    @pytest.mark.parametrize(
        ("written", "nps"),
        [("9", 9), ("10", 10), ("0", 0), ("9.0", 9), ("", None), ("N/A", None)],
    )
    def test_nps_is_the_contacts_last_rating(
        self, written: str, nps: int | None
    ) -> None:
        program = ada_program()
        program["contacts"] = [ada_contact(hs_feedback_last_nps_rating=written)]
        assert only(load_hubspot(**program).signals).nps == nps

    @pytest.mark.parametrize("written", ["11", "-1", "9.5"])
    def test_an_impossible_nps_rejects_the_signals_not_the_advocate(
        self, written: str
    ) -> None:
        program = ada_program()
        program["contacts"] = [ada_contact(hs_feedback_last_nps_rating=written)]
        loaded = load_hubspot(**program)
        assert errors_of(loaded.signals) == [
            ("Signals.nps", "contact.hs_feedback_last_nps_rating", written)
        ]
        assert loaded.signals.rejected[0].id == ADA
        assert only(loaded.advocates) == ADA_ADVOCATE

    @pytest.mark.parametrize(
        ("written", "adoption"),
        [("73", 0.73), ("100", 1.0), ("0", 0.0), ("73%", 0.73), ("", None)],
    )
    def test_feature_adoption_is_a_percent_with_or_without_its_sign(
        self, written: str, adoption: float | None
    ) -> None:
        loaded = load_hubspot(**ada_program(feature_adoption=written))
        assert only(loaded.signals).feature_adoption == adoption

    @pytest.mark.parametrize(
        ("written", "tier"),
        [
            ("champion", Tier.CHAMPION),
            ("Advocate", Tier.ADVOCATE),
            ("SUPPORTER", Tier.SUPPORTER),
            ("", None),
            (None, None),
        ],
    )
    def test_the_tier_is_read_in_any_case(self, written: str, tier: Tier) -> None:
        loaded = load_hubspot(**ada_program(advocacy_tier=written))
        assert only(loaded.advocates).tier is tier

    def test_an_unknown_tier_rejects_the_advocate_naming_it(self) -> None:
        loaded = load_hubspot(**ada_program(advocacy_tier="gold"))
        assert errors_of(loaded.advocates) == [
            ("Advocate.tier", "advocacy_tier", "gold")
        ]

    def test_preferred_activities_are_read_with_aliases(self) -> None:
        written = "Reference Call; G2 Review;cab;SOCIAL_SHARE"
        advocate = only(
            load_hubspot(**ada_program(preferred_activities=written)).advocates
        )
        assert advocate.activities == {
            ActivityType.REFERENCE_CALL,
            ActivityType.ONLINE_REVIEW,
            ActivityType.ADVISORY_BOARD,
            ActivityType.SOCIAL_SHARE,
        }

    @pytest.mark.parametrize(
        "written", ["2026-10-15", "1792022400000", "2026-10-15T00:00:00.000Z"]
    )
    def test_a_date_property_is_read_from_text_or_epoch_milliseconds(
        self, written: str
    ) -> None:
        loaded = load_hubspot(**ada_program(do_not_contact_until=written))
        assert only(loaded.advocates).do_not_contact_until == pendulum.date(
            2026, 10, 15
        )

    def test_booleans_are_read_from_true_and_false(self) -> None:
        loaded = load_hubspot(
            **ada_program(
                available_for_references="false",
                opted_out="true",
                award_recipient="TRUE",
                responded_to_requests="False",
            )
        )
        advocate = only(loaded.advocates)
        assert (
            advocate.available_for_references,
            advocate.opted_out,
            advocate.award_recipient,
        ) == (False, True, True)
        assert only(loaded.signals).responded_to_requests is False

    def test_a_company_customer_since_after_as_of_rejects_the_signals(self) -> None:
        program = ada_program()
        program["companies"] = [acme(hs_lifecyclestage_customer_date="2026-10-01")]
        loaded = load_hubspot(**program, as_of=AS_OF)
        assert [e[:2] for e in errors_of(loaded.signals)] == [
            ("Signals.customer_since", "company.hs_lifecyclestage_customer_date")
        ]
        assert only(loaded.advocates) == ADA_ADVOCATE
        assert loaded.accounts.values == ()

    def test_a_repeated_profile_is_rejected_in_both_loads(self) -> None:
        program = {**ada_program(), "profiles": [ada(), ada()]}
        loaded = load_hubspot(**program)
        assert loaded.advocates.rows == (0,)
        assert loaded.signals.rows == (0,)
        assert [e[:2] for e in errors_of(loaded.advocates)] == [("Advocate.id", "id")]
        assert [e[:2] for e in errors_of(loaded.signals)] == [("Signals", "id")]

    def test_a_rejected_profiles_raw_row_holds_the_joined_properties(self) -> None:
        loaded = load_hubspot(**ada_program(opted_out="maybe"))
        (rejected,) = loaded.advocates.rejected
        assert rejected.raw["opted_out"] == "maybe"
        assert rejected.raw["contact.jobtitle"] == "VP of Engineering"
        assert rejected.raw["company.health_score"] == "80"
        assert rejected.raw["derived.name"] == "Ada Lovelace"


# --- Advocacy Activities --------------------------------------------------------------


class TestActivities:
    def test_an_advocacy_activity_is_read_with_every_property(self) -> None:
        loaded = load_hubspot(activities=[call()])
        assert only(loaded.activities) == CALL_ACTIVITY

    @pytest.mark.parametrize(
        ("hours", "minutes"),
        [
            ("1.5", 90),
            ("0.25", 15),
            ("2", 120),
            ("2.00", 120),
            ("0.01", 1),
            ("", None),
            ("N/A", None),
            (None, None),
        ],
    )
    def test_hours_are_read_as_minutes(
        self, hours: str | None, minutes: int | None
    ) -> None:
        loaded = load_hubspot(activities=[call(hours=hours)])
        assert only(loaded.activities).minutes == minutes

    def test_negative_hours_reject_the_activity(self) -> None:
        loaded = load_hubspot(activities=[call(hours="-1.5")])
        assert errors_of(loaded.activities) == [("Activity.minutes", "hours", "-1.5")]

    @pytest.mark.parametrize(
        ("written", "kind"),
        [
            ("reference_call", ActivityType.REFERENCE_CALL),
            ("Reference Call", ActivityType.REFERENCE_CALL),
            ("REFERENCE_CALL", ActivityType.REFERENCE_CALL),
            ("review", ActivityType.ONLINE_REVIEW),
            ("customer story", ActivityType.CASE_STUDY),
            ("cab", ActivityType.ADVISORY_BOARD),
        ],
    )
    def test_activity_types_are_read_in_any_case_and_with_aliases(
        self, written: str, kind: ActivityType
    ) -> None:
        loaded = load_hubspot(activities=[call(activity_type=written)])
        assert only(loaded.activities).type is kind

    def test_an_unknown_type_rejects_the_activity_naming_it(self) -> None:
        loaded = load_hubspot(activities=[call(activity_type="podcast")])
        assert errors_of(loaded.activities) == [
            ("Activity.type", "activity_type", "podcast")
        ]

    @pytest.mark.parametrize(
        "written",
        [
            "2026-09-15",
            "2026-09-15T00:00:00.000Z",
            "2026-09-15T22:00:00-04:00",
            "1789430400000",
        ],
    )
    def test_the_date_is_read_from_any_form(self, written: str) -> None:
        loaded = load_hubspot(activities=[call(activity_date=written)])
        assert only(loaded.activities).date == pendulum.date(2026, 9, 15)

    def test_an_activity_after_as_of_is_rejected_naming_its_date(self) -> None:
        loaded = load_hubspot(
            activities=[call(activity_date="2026-10-01")], as_of=AS_OF
        )
        assert errors_of(loaded.activities) == [
            ("Activity.date", "activity_date", "2026-10-01")
        ]

    def test_an_activity_without_a_profile_is_rejected(self) -> None:
        loaded = load_hubspot(activities=[linked(call(), advocate_profiles=None)])
        assert errors_of(loaded.activities) == [
            ("Activity.advocate_id", "profile.id", None)
        ]

    def test_an_activity_without_a_deal_influenced_none(self) -> None:
        loaded = load_hubspot(activities=[linked(call(), deals=None)])
        assert only(loaded.activities) == attrs.evolve(
            CALL_ACTIVITY, opportunity_id=None
        )

    def test_the_primary_deal_is_the_one_it_influenced(self) -> None:
        links = group(
            ("18700000009", "advocacy_activity_to_deal_unlabeled"),
            (DEAL, "advocacy_activity_to_deal"),
        )
        loaded = load_hubspot(activities=[linked(call(), deals=links)])
        assert only(loaded.activities).opportunity_id == DEAL

    def test_the_profile_is_taken_from_the_association_as_it_is(self) -> None:
        # No profile record is needed: the association names its id.
        loaded = load_hubspot(activities=[call()], profiles=[])
        assert only(loaded.activities).advocate_id == ADA

    def test_blank_notes_are_empty_and_recognition_false(self) -> None:
        loaded = load_hubspot(activities=[call(notes="", recognition_sent="false")])
        activity = only(loaded.activities)
        assert (activity.notes, activity.recognition_sent) == ("", False)


# --- deals ----------------------------------------------------------------------------


class TestDeals:
    def test_a_won_deal_is_read_with_every_property(self) -> None:
        assert the_deal(deal()) == WON_DEAL

    @pytest.mark.parametrize(
        ("closed", "won", "outcome", "close"),
        [
            ("true", "true", DealOutcome.WON, pendulum.date(2026, 9, 20)),
            ("true", "false", DealOutcome.LOST, pendulum.date(2026, 9, 20)),
            ("false", "false", DealOutcome.OPEN, None),
            ("TRUE", "False", DealOutcome.LOST, pendulum.date(2026, 9, 20)),
        ],
    )
    def test_the_flags_give_the_outcome_and_close_date(
        self,
        closed: str,
        won: str,
        outcome: DealOutcome,
        close: pendulum.Date | None,
    ) -> None:
        # The stage disagrees on purpose: the flags are read first.
        record = deal(
            hs_is_closed=closed, hs_is_closed_won=won, dealstage="qualifiedtobuy"
        )
        value = the_deal(record)
        assert (value.outcome, value.closed) == (outcome, close)

    @pytest.mark.parametrize(
        ("stage", "outcome", "close"),
        [
            ("closedwon", DealOutcome.WON, pendulum.date(2026, 9, 20)),
            ("closedlost", DealOutcome.LOST, pendulum.date(2026, 9, 20)),
            ("Closed Won", DealOutcome.WON, pendulum.date(2026, 9, 20)),
            ("appointmentscheduled", DealOutcome.OPEN, None),
            ("contractsent", DealOutcome.OPEN, None),
            ("open", DealOutcome.OPEN, None),
        ],
    )
    def test_without_the_flags_the_stage_gives_the_outcome(
        self, stage: str, outcome: DealOutcome, close: pendulum.Date | None
    ) -> None:
        record = without(deal(dealstage=stage), "hs_is_closed", "hs_is_closed_won")
        value = the_deal(record)
        assert (value.outcome, value.closed) == (outcome, close)

    @pytest.mark.parametrize(
        "flags",
        [
            {"hs_is_closed_won": None},
            {"hs_is_closed": ""},
            {"hs_is_closed": "N/A", "hs_is_closed_won": "N/A"},
        ],
    )
    def test_one_unreadable_flag_falls_back_to_the_stage(
        self, flags: dict[str, str | None]
    ) -> None:
        record = deal(dealstage="closedlost", **flags)
        assert the_deal(record).outcome is DealOutcome.LOST

    def test_an_unknown_stage_rejects_the_deal_naming_its_outcome(self) -> None:
        record = without(deal(dealstage="stalled"), "hs_is_closed", "hs_is_closed_won")
        loaded = load_hubspot(deals=[record])
        assert errors_of(loaded.opportunities) == [
            ("Opportunity.outcome", "derived.outcome", "stalled")
        ]

    def test_an_open_deal_keeps_no_expected_close_date(self) -> None:
        record = deal(
            hs_is_closed="false", hs_is_closed_won="false", closedate="2026-12-31"
        )
        value = the_deal(record, as_of=AS_OF)
        assert (value.outcome, value.closed) == (DealOutcome.OPEN, None)

    def test_a_deal_closed_before_it_was_created_is_rejected(self) -> None:
        loaded = load_hubspot(deals=[deal(closedate="2026-05-20")])
        assert errors_of(loaded.opportunities) == [
            ("Opportunity.closed", "derived.closed", "2026-05-20")
        ]
        assert "a date on or after created (2026-06-01)" in (
            loaded.opportunities.explain()
        )

    def test_a_close_date_after_as_of_rejects_the_deal(self) -> None:
        loaded = load_hubspot(deals=[deal(closedate="1790812800000")], as_of=AS_OF)
        assert [e[:2] for e in errors_of(loaded.opportunities)] == [
            ("Opportunity.closed", "derived.closed")
        ]

    def test_the_dates_are_read_from_epoch_milliseconds(self) -> None:
        record = deal(createdate="1759312800000", closedate="1789430400000")
        value = the_deal(record)
        assert (value.created, value.closed) == (
            pendulum.date(2025, 10, 1),
            pendulum.date(2026, 9, 15),
        )

    @pytest.mark.parametrize(
        ("properties", "amount"),
        [
            ({"deal_currency_code": "EUR"}, Money(Decimal(125000), "EUR")),
            ({"deal_currency_code": "usd"}, Money(Decimal(125000), "USD")),
            ({"deal_currency_code": None}, Money(Decimal(125000), "USD")),
            ({"deal_currency_code": ""}, Money(Decimal(125000), "USD")),
            ({"amount": "125,000.00"}, Money(Decimal(125000), "USD")),
            ({"amount": "99.95"}, Money(Decimal("99.95"), "USD")),
        ],
    )
    def test_the_amount_is_in_the_deals_currency(
        self, properties: dict[str, str | None], amount: Money
    ) -> None:
        assert the_deal(deal(**properties)).amount == amount

    def test_a_missing_amount_rejects_the_deal(self) -> None:
        loaded = load_hubspot(deals=[deal(amount="")])
        assert errors_of(loaded.opportunities) == [("Opportunity.amount", "amount", "")]

    @pytest.mark.parametrize(
        ("written", "source"),
        [
            ("ORGANIC_SEARCH", OpportunitySource.INBOUND),
            ("REFERRALS", OpportunitySource.INBOUND),
            ("OTHER_CAMPAIGNS", OpportunitySource.OUTBOUND),
            ("OFFLINE", OpportunitySource.OTHER),
            ("Customer Referral", OpportunitySource.REFERRAL),
            (None, OpportunitySource.OTHER),
        ],
    )
    def test_original_sources_are_read_with_aliases(
        self, written: str | None, source: OpportunitySource
    ) -> None:
        assert the_deal(deal(hs_analytics_source=written)).source is source

    @pytest.mark.parametrize(
        ("written", "kind"),
        [
            ("newbusiness", DealKind.NEW_BUSINESS),
            ("existingbusiness", DealKind.EXPANSION),
            ("renewal", DealKind.RENEWAL),
            (None, DealKind.NEW_BUSINESS),
        ],
    )
    def test_deal_types_are_read_with_aliases(
        self, written: str | None, kind: DealKind
    ) -> None:
        assert the_deal(deal(dealtype=written)).kind is kind

    def test_the_prospect_is_a_customer_company_too(self) -> None:
        loaded = load_hubspot(
            companies=[acme()], deals=[linked(deal(), companies=group((ACME, "x")))]
        )
        assert only(loaded.opportunities).prospect == ProspectProfile(
            name="Acme",
            account_id=ACME,
            industry="Software",
            employees=250,
            region="EMEA",
        )

    @pytest.mark.parametrize(
        "record",
        [
            linked(deal(), companies=None),
            linked(deal(), companies=group((INITECH, "deal_to_company"))),
        ],
        ids=["no company", "a company not given"],
    )
    def test_without_its_company_the_prospect_is_unknown(
        self, record: dict[str, Any]
    ) -> None:
        assert the_deal(record).prospect == ProspectProfile()

    def test_an_unknown_prospect_country_names_the_prospects_region(self) -> None:
        loaded = load_hubspot(companies=[globex(country="Narnia")], deals=[deal()])
        assert errors_of(loaded.opportunities) == [
            ("Opportunity.prospect.region", "company.country", "Narnia")
        ]

    def test_the_activities_are_the_associated_ones_each_once(self) -> None:
        links = group(
            (CALL, "deal_to_advocacy_activity_unlabeled"),
            (CALL, "deal_to_advocacy_activity"),
            ("31300000002", "deal_to_advocacy_activity"),
        )
        record = linked(deal(), advocacy_activities=links)
        assert the_deal(record).activity_ids == {CALL, "31300000002"}

    def test_a_deal_without_activities_has_none(self) -> None:
        record = linked(deal(), advocacy_activities=None)
        assert the_deal(record).activity_ids == frozenset()


# --- arguments ------------------------------------------------------------------------

LOADED = ("companies", "profiles", "activities", "deals")


def load_of(loaded: CrmRecords, argument: str) -> Any:
    """The load an argument's records go to (a profile's: its advocate)."""
    return {
        "companies": loaded.accounts,
        "profiles": loaded.advocates,
        "activities": loaded.activities,
        "deals": loaded.opportunities,
    }[argument]


def first_of(argument: str) -> dict[str, Any]:
    """A good record of an argument (with Ada's program, a good value)."""
    return {
        "companies": acme(),
        "profiles": ada(),
        "activities": call(),
        "deals": deal(),
    }[argument]


class TestArguments:
    @pytest.mark.parametrize("argument", LOADED)
    def test_a_record_that_is_not_a_mapping_is_rejected_not_dropped(
        self, argument: str
    ) -> None:
        program = {**ada_program(), argument: [first_of(argument), DEAL, None]}
        load = load_of(load_hubspot(**program), argument)
        assert load.total == 3
        assert load.rows == (0,)
        assert [row.row for row in load.rejected] == [1, 2]
        assert errors_of(load) == [(load.kind, None, DEAL), (load.kind, None, None)]

    def test_a_profile_that_is_not_a_mapping_is_rejected_in_both_loads(self) -> None:
        loaded = load_hubspot(profiles=[ADA])  # type: ignore[list-item]
        assert errors_of(loaded.advocates) == [("Advocate", None, ADA)]
        assert errors_of(loaded.signals) == [("Signals", None, ADA)]

    def test_a_contact_that_is_not_a_mapping_is_passed_over(self) -> None:
        program = {**ada_program(), "contacts": [None, 42, ada_contact()]}
        assert only(load_hubspot(**program).advocates) == ADA_ADVOCATE

    def test_a_company_without_an_id_is_joined_to_nothing(self) -> None:
        company = acme()
        company["id"] = None
        program = {**ada_program(), "companies": [company]}
        loaded = load_hubspot(**program)
        assert ("Account.id", "id", None) in errors_of(loaded.accounts)
        assert errors_of(loaded.advocates) == [
            ("Advocate.account_id", "company.id", None)
        ]

    @pytest.mark.parametrize(
        "argument", ["companies", "contacts", "profiles", "activities", "deals"]
    )
    @pytest.mark.parametrize(
        "value",
        [ACME, b"records", 42, None, {"results": []}, acme()],
        ids=["str", "bytes", "int", "None", "a page", "a record"],
    )
    def test_an_argument_that_is_not_records_is_refused_by_name(
        self, argument: str, value: object
    ) -> None:
        refused(
            InvalidTypeError,
            f"load_hubspot.{argument}",
            lambda: load_hubspot(**cast("dict[str, Any]", {argument: value})),
        )

    def test_any_iterable_of_records_is_read(self) -> None:
        from_generators = load_hubspot(
            companies=(r for r in [acme(), globex()]),
            contacts=iter([ada_contact()]),
            profiles=(ada(),),
            activities=(r for r in [call()]),
            deals=(r for r in [deal()]),
        )
        assert from_generators == load_hubspot(
            companies=[acme(), globex()],
            contacts=[ada_contact()],
            profiles=[ada()],
            activities=[call()],
            deals=[deal()],
        )
        assert only(from_generators.opportunities) == WON_DEAL
        assert only(from_generators.advocates) == ADA_ADVOCATE

    def test_nothing_given_loads_nothing(self) -> None:
        loaded = load_hubspot()
        assert [load.total for load in loaded.loads] == [0, 0, 0, 0, 0]
        assert loaded.prospects == ()

    @pytest.mark.parametrize(
        "as_of", [20260930, pendulum.datetime(2026, 9, 30), "30/09/2026"]
    )
    def test_as_of_must_be_a_date(self, as_of: object) -> None:
        refused(
            InvalidTypeError,
            "load_hubspot.as_of",
            lambda: load_hubspot(as_of=as_of),  # type: ignore[arg-type]
        )


# --- the schema -----------------------------------------------------------------------


def custom_schema() -> HubSpotSchema:
    """A portal naming every object, association and property its own way."""
    default = HubSpotSchema.default()
    return HubSpotSchema(
        companies="p_companies",
        contacts="p_contacts",
        deals="p_deals",
        profiles="p_profiles",
        activity_records="p_activities",
        accounts=attrs.evolve(
            default.accounts,
            columns={**default.accounts.columns, "arr.currency": "arr_currency"},
        ),
        activities=attrs.evolve(
            default.activities,
            columns={**default.activities.columns, "minutes": "duration_minutes"},
            units={},
        ),
        signals=ColumnMapping(
            columns={
                "nps": "contact.nps_score",
                "feature_adoption": "adoption",
                "health_score": "company.health",
            },
            units={"feature_adoption": Unit.PERCENT},
            row_id="id",
        ),
        closed_property="is_done",
        won_property="is_success",
        stage_property="phase",
        close_date_property="done_on",
        lifecycle_property="relationship",
        customer_stages=frozenset({"Client"}),
        first_name_property="given_name",
        last_name_property="family_name",
        tier_property="tier",
        score_property="score",
        completed_property="done",
        last_participation_property="last",
    )


class TestSchema:
    def test_the_default_is_the_documented_names(self) -> None:
        schema = HubSpotSchema.default()
        assert schema == HubSpotSchema()
        assert (schema.companies, schema.contacts, schema.deals) == (
            "companies",
            "contacts",
            "deals",
        )
        assert (schema.profiles, schema.activity_records) == (
            "advocate_profiles",
            "advocacy_activities",
        )
        assert schema.accounts.column("region") == "country"
        assert schema.accounts.regions is not None
        assert schema.advocates.regions is None
        assert schema.signals.units == {"feature_adoption": Unit.PERCENT}
        assert schema.signals.row_id == "id"
        assert schema.activities.units == {"minutes": Unit.HOURS}
        assert schema.opportunities.column("closed") == "derived.closed"
        assert schema.customer_stages == {"customer", "evangelist"}
        assert (schema.closed_property, schema.won_property) == (
            "hs_is_closed",
            "hs_is_closed_won",
        )

    def test_renamed_companies_and_stages_are_read(self) -> None:
        client = acme(relationship="client", arr_currency="EUR")
        lead = changed(globex(), relationship="Lead", lifecyclestage="customer")
        loaded = load_hubspot(companies=[client, lead], schema=custom_schema())
        assert only(loaded.accounts).arr == Money(Decimal(125000), "EUR")
        assert loaded.prospects == (GLOBEX,)

    def test_renamed_associations_and_properties_are_read_for_profiles(
        self,
    ) -> None:
        contact = changed(ada_contact(), given_name="Augusta", nps_score="10")
        contact["associations"] = {"p_companies": group((ACME, "contact_to_company"))}
        profile = linked(
            ada(adoption="50"),
            contacts=None,
            p_contacts=group((ADA_CONTACT, "advocate_profile_to_contact")),
        )
        loaded = load_hubspot(
            companies=[acme(health="90")],
            contacts=[contact],
            profiles=[profile],
            schema=custom_schema(),
        )
        advocate = only(loaded.advocates)
        assert (advocate.name, advocate.account_id) == ("Augusta", ACME)
        # The renamed mapping reads customer since from a column of its own
        # name, which the row lacks.
        assert only(loaded.signals) == attrs.evolve(
            ADA_SIGNALS,
            nps=10,
            feature_adoption=0.5,
            health_score=90.0,
            customer_since=None,
        )

    def test_renamed_associations_are_read_for_activities_and_deals(self) -> None:
        activity = call(duration_minutes="45")
        activity["associations"] = {
            "p_profiles": group((ADA, "x")),
            "p_deals": group((DEAL, "y")),
        }
        record = without(
            deal(is_done="true", is_success="false", done_on="2026-09-01"),
            "hs_is_closed",
            "hs_is_closed_won",
        )
        record["associations"] = {
            "p_companies": group((GLOBEX, "z")),
            "p_activities": group((CALL, "w")),
        }
        loaded = load_hubspot(
            companies=[globex()],
            activities=[activity],
            deals=[record],
            schema=custom_schema(),
        )
        assert only(loaded.activities) == attrs.evolve(CALL_ACTIVITY, minutes=45)
        value = only(loaded.opportunities)
        assert (value.outcome, value.closed) == (
            DealOutcome.LOST,
            pendulum.date(2026, 9, 1),
        )
        assert (value.prospect, value.activity_ids) == (GLOBEX_PROSPECT, {CALL})

    def test_the_renamed_stage_is_read_without_the_flags(self) -> None:
        record = without(
            deal(phase="Closed Won", done_on="2026-09-01"),
            "hs_is_closed",
            "hs_is_closed_won",
            "closedate",
        )
        value = the_deal(record, schema=custom_schema())
        assert (value.outcome, value.closed) == (
            DealOutcome.WON,
            pendulum.date(2026, 9, 1),
        )

    def test_renamed_properties_are_written(self) -> None:
        (body,) = hubspot_profile_updates(
            {ADA: 70},
            {ADA: Tier.ADVOCATE},
            activities=[CALL_ACTIVITY],
            as_of=AS_OF,
            schema=custom_schema(),
        )
        assert body["inputs"] == [
            {
                "id": ADA,
                "properties": {
                    "tier": "advocate",
                    "score": "70",
                    "done": "1",
                    "last": "2026-09-15",
                },
            }
        ]

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("tier_property", 5, InvalidTypeError),
            ("tier_property", "", InvalidValueError),
            ("closed_property", None, InvalidTypeError),
            ("profiles", " ", InvalidValueError),
            ("customer_stages", {"customer"}, InvalidTypeError),
            ("customer_stages", frozenset({1}), InvalidTypeError),
            ("accounts", {"id": "id"}, InvalidTypeError),
        ],
    )
    def test_a_wrong_field_is_refused_by_name(
        self, field: str, value: object, error: type[Exception]
    ) -> None:
        refused(
            error,
            f"HubSpotSchema.{field}",
            lambda: HubSpotSchema(**cast("dict[str, Any]", {field: value})),
        )


# --- write-back -----------------------------------------------------------------------


def a_score(nps: int) -> Any:
    """A `Score` from the default model."""
    return ScoringModel.default().score(
        Signals(nps=nps, feature_adoption=0.8), as_of=AS_OF
    )


def batch_model(body: Mapping[str, Any]) -> Any:
    """A body as hubspot-api-client's own batch-update model."""
    return object_models.BatchInputSimplePublicObjectBatchInput(
        inputs=[
            object_models.SimplePublicObjectBatchInput(**item)
            for item in body["inputs"]
        ]
    )


def sent(body: Mapping[str, Any]) -> Any:
    """A body as hubspot-api-client serialises it for the request."""
    return ApiClient().sanitize_for_serialization(batch_model(body))


class TestProfileUpdates:
    def test_the_worked_example(self) -> None:
        score = a_score(9)
        activities = [
            CALL_ACTIVITY,
            attrs.evolve(CALL_ACTIVITY, id="a2", date=pendulum.date(2026, 9, 20)),
            # After as_of: not counted, not the last participation.
            attrs.evolve(CALL_ACTIVITY, id="a3", date=pendulum.date(2026, 10, 2)),
            attrs.evolve(CALL_ACTIVITY, id="a4", advocate_id="someone else"),
        ]
        bodies = hubspot_profile_updates(
            {BOB: 72, ADA: score},
            {ADA: Tier.CHAMPION, BOB: None},
            activities=activities,
            as_of=AS_OF,
        )
        assert bodies == [
            {
                "inputs": [
                    {
                        "id": ADA,
                        "properties": {
                            "advocacy_tier": "champion",
                            "advocacy_score": str(score.total),
                            "activities_completed": "2",
                            "last_participation_date": "2026-09-20",
                        },
                    },
                    {
                        "id": BOB,
                        "properties": {
                            "advocacy_tier": "",
                            "advocacy_score": "72",
                            "activities_completed": "0",
                            "last_participation_date": "",
                        },
                    },
                ]
            }
        ]
        assert [sent(body) for body in bodies] == bodies

    def test_a_score_object_is_written_as_its_total(self) -> None:
        score = a_score(10)
        (body,) = hubspot_profile_updates({ADA: score}, {}, as_of=AS_OF)
        assert body["inputs"][0]["properties"]["advocacy_score"] == str(score.total)

    def test_ids_without_a_tier_clear_it_and_tiers_without_a_score_are_not_sent(
        self,
    ) -> None:
        (body,) = hubspot_profile_updates({ADA: 10}, {BOB: Tier.CHAMPION}, as_of=AS_OF)
        assert [item["id"] for item in body["inputs"]] == [ADA]
        assert body["inputs"][0]["properties"]["advocacy_tier"] == ""

    def test_a_tier_assignment_gives_the_tiers(self) -> None:
        scores = {f"312{n:08d}": 40 + 3 * n for n in range(20)}
        tiers = assign_tiers(scores, as_of=AS_OF)
        (body,) = hubspot_profile_updates(scores, tiers, as_of=AS_OF)
        written = {i["id"]: i["properties"]["advocacy_tier"] for i in body["inputs"]}
        expected = {}
        for key in scores:
            tier = tiers[key]
            expected[key] = "" if tier is None else tier.value
        assert written == expected
        assert set(written.values()) == {"", "advocate", "supporter"}

    def test_at_most_100_inputs_a_body(self) -> None:
        scores = {f"312{n:08d}": n % 101 for n in range(250)}
        bodies = hubspot_profile_updates(scores, {}, as_of=AS_OF)
        assert [len(body["inputs"]) for body in bodies] == [100, 100, 50]
        assert all(set(body) == {"inputs"} for body in bodies)
        assert module.BATCH_LIMIT == 100

    @pytest.mark.parametrize(
        ("size", "lengths"),
        [(1, [1, 1, 1, 1, 1]), (2, [2, 2, 1]), (5, [5]), (100, [5])],
    )
    def test_batch_size_is_honoured(self, size: int, lengths: list[int]) -> None:
        scores = {f"312-{n}": n for n in range(5)}
        bodies = hubspot_profile_updates(scores, {}, as_of=AS_OF, batch_size=size)
        assert [len(body["inputs"]) for body in bodies] == lengths

    def test_a_whole_float_batch_size_is_read_as_its_integer(self) -> None:
        scores = {f"312-{n}": n for n in range(5)}
        bodies = hubspot_profile_updates(
            scores,
            {},
            as_of=AS_OF,
            batch_size=2.0,  # type: ignore[arg-type]
        )
        assert [len(body["inputs"]) for body in bodies] == [2, 2, 1]

    @pytest.mark.parametrize(
        ("size", "error"),
        [
            (0, InvalidValueError),
            (101, InvalidValueError),
            (-1, InvalidValueError),
            (2.5, InvalidValueError),
            (True, InvalidTypeError),
            ("50", InvalidTypeError),
        ],
    )
    def test_batch_size_outside_1_to_100_is_refused(
        self, size: object, error: type[Exception]
    ) -> None:
        refused(
            error,
            "hubspot_profile_updates.batch_size",
            lambda: hubspot_profile_updates(
                {ADA: 1},
                {},
                as_of=AS_OF,
                batch_size=size,  # type: ignore[arg-type]
            ),
        )

    def test_no_scores_no_bodies(self) -> None:
        assert hubspot_profile_updates({}, {ADA: Tier.CHAMPION}, as_of=AS_OF) == []

    @pytest.mark.parametrize("score", [80.0, "80", True, None, Decimal(80)])
    def test_a_score_neither_int_nor_score_is_refused_naming_its_id(
        self, score: object
    ) -> None:
        refused(
            InvalidTypeError,
            re.escape(f"hubspot_profile_updates.scores[{ADA!r}]"),
            lambda: hubspot_profile_updates(
                {ADA: score},  # type: ignore[dict-item]
                {},
                as_of=AS_OF,
            ),
        )

    def test_as_of_must_be_a_date(self) -> None:
        refused(
            InvalidTypeError,
            "hubspot_profile_updates.as_of",
            lambda: hubspot_profile_updates(
                {ADA: 1},
                {},
                as_of=pendulum.datetime(2026, 9, 30),
            ),
        )

    def test_the_loaded_program_round_trips_to_its_profiles(self) -> None:
        loaded = load_hubspot(**ada_program(), activities=[call()], as_of=AS_OF)
        signals = loaded.signals.by_id()
        scores = {key: a_score(signals[key].nps or 0) for key in signals}
        bodies = hubspot_profile_updates(
            scores,
            {ADA: only(loaded.advocates).tier},
            activities=loaded.activities.values,
            as_of=AS_OF,
        )
        assert bodies[0]["inputs"][0]["id"] == ADA
        assert bodies[0]["inputs"][0]["properties"]["activities_completed"] == "1"


# --- properties -----------------------------------------------------------------------

HUBSPOT_IDS = st.sampled_from(
    [ACME, GLOBEX, INITECH, ADA_CONTACT, BOB_CONTACT, ADA, BOB, CALL, DEAL]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
)
PROPERTY_VALUES = (
    st.none()
    | st.text(max_size=10)
    | st.sampled_from(
        [
            "N/A",
            "",
            "null",
            "true",
            "false",
            "2026-09-15",
            "2026-10-15T09:00:00.000Z",
            "1759312800000",
            "Germany",
            "Atlantis",
            "customer",
            "lead",
            "reference_call;case_study",
            "closedwon",
            "stalled",
            "73",
            "11",
            "-1.5",
            "1,200",
        ]
    )
    | SCALARS
)
ASSOCIATION_TYPES = st.sampled_from(["primary", "x_to_y", "x_to_y_unlabeled", None])
ASSOCIATION_KEYS = st.sampled_from(
    ["companies", "contacts", "deals", "advocate_profiles", "advocacy_activities"]
)
ASSOCIATED = st.fixed_dictionaries(
    {"id": HUBSPOT_IDS | SCALARS, "type": ASSOCIATION_TYPES}
)
GROUPS = (
    st.builds(lambda items: {"paging": None, "results": items}, st.lists(ASSOCIATED))
    | st.lists(ASSOCIATED | SCALARS, max_size=3)
    | SCALARS
)
BASES = {
    "companies": [acme(), globex()],
    "contacts": [ada_contact()],
    "profiles": [ada()],
    "activities": [call()],
    "deals": [deal()],
}


@st.composite
def records(draw: st.DrawFn, argument: str) -> Any:
    """A record of a kind with properties changed or dropped, new links, or junk."""
    if draw(st.integers(0, 9)) == 0:
        return draw(SCALARS | st.lists(SCALARS, max_size=2))
    record = copy.deepcopy(draw(st.sampled_from(BASES[argument])))
    names = sorted(record["properties"])
    # A few changes a record, so that many still load and the joins are
    # exercised.
    for name in draw(st.lists(st.sampled_from(names), max_size=3, unique=True)):
        record["properties"][name] = draw(PROPERTY_VALUES)
    for name in draw(st.lists(st.sampled_from(names), max_size=2, unique=True)):
        del record["properties"][name]
    if draw(st.integers(0, 4)) == 0:
        record["id"] = draw(HUBSPOT_IDS | SCALARS)
    if draw(st.integers(0, 4)) == 0:
        record["associations"] = draw(
            st.none() | st.dictionaries(ASSOCIATION_KEYS, GROUPS, max_size=3)
        )
    if draw(st.integers(0, 9)) == 0:
        record["properties"] = draw(SCALARS)
    return record


programs = st.fixed_dictionaries(
    {name: st.lists(records(name), max_size=6) for name in BASES}
)


def read_id(value: object) -> str | None:
    """An id as ingest reads it, or `None` where it reads none."""
    if parse.is_missing(value):
        return None
    try:
        return parse.text(value) or None
    except parse.Unparsed:
        return None


@given(programs, st.none() | as_of_dates)
def test_every_record_is_built_rejected_or_a_listed_prospect(
    program: dict[str, Any], as_of: pendulum.Date | None
) -> None:
    loaded = load_hubspot(**program, as_of=as_of)
    companies = program["companies"]
    assert loaded.accounts.total + len(loaded.prospects) == len(companies)
    assert "None" not in loaded.prospects
    rows_of: list[tuple[LoadedRecords[Any], list[Any]]] = [
        (loaded.advocates, program["profiles"]),
        (loaded.signals, program["profiles"]),
        (loaded.activities, program["activities"]),
        (loaded.opportunities, program["deals"]),
    ]
    for load, given_records in rows_of:
        assert load.total == len(given_records)
        numbers = sorted([*load.rows, *(row.row for row in load.rejected)])
        assert numbers == list(range(len(given_records)))
    for load in loaded.loads:
        assert all(rejected.errors for rejected in load.rejected)
    # Advocates and prospects are only ever of the companies given, their
    # ids read as ingest reads text (`0.0` is `"0"`).
    known = {read_id(c.get("id")) for c in companies if isinstance(c, Mapping)} - {None}
    assert {a.account_id for a in loaded.advocates.values} <= known
    assert set(loaded.prospects) <= known
    assert {o.prospect.account_id for o in loaded.opportunities.values} <= known | {
        None
    }
    if as_of is not None:
        assert all(a.date <= as_of for a in loaded.activities.values)


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


@given(write_backs(), st.integers(1, 100))
def test_one_input_per_scored_id_in_id_order_in_full_batches(
    case: tuple[dict[str, int], dict[str, Tier | None], list[Activity], pendulum.Date],
    size: int,
) -> None:
    scores, tiers, activities, as_of = case
    bodies = hubspot_profile_updates(
        scores, tiers, activities=activities, as_of=as_of, batch_size=size
    )
    inputs = [item for body in bodies for item in body["inputs"]]
    assert [item["id"] for item in inputs] == sorted(scores)
    assert len(bodies) == math.ceil(len(scores) / size)
    assert all(len(body["inputs"]) == size for body in bodies[:-1])
    assert all(0 < len(body["inputs"]) <= size for body in bodies)
    for item in inputs:
        tier = tiers.get(item["id"])
        written = item["properties"]
        assert written["advocacy_score"] == str(scores[item["id"]])
        assert written["advocacy_tier"] == ("" if tier is None else tier.value)
        assert all(type(value) is str for value in written.values())


@given(write_backs())
def test_completed_and_last_are_the_activities_on_or_before_as_of(
    case: tuple[dict[str, int], dict[str, Tier | None], list[Activity], pendulum.Date],
) -> None:
    scores, tiers, activities, as_of = case
    bodies = hubspot_profile_updates(scores, tiers, activities=activities, as_of=as_of)
    for body in bodies:
        for item in body["inputs"]:
            done = [
                a.date
                for a in activities
                if a.advocate_id == item["id"] and a.date <= as_of
            ]
            written = item["properties"]
            assert written["activities_completed"] == str(len(done))
            assert written["last_participation_date"] == (
                max(done).isoformat() if done else ""
            )


@given(write_backs(), st.integers(1, 100))
def test_every_body_is_hubspots_batch_input_as_it_is_sent(
    case: tuple[dict[str, int], dict[str, Tier | None], list[Activity], pendulum.Date],
    size: int,
) -> None:
    scores, tiers, activities, as_of = case
    bodies = hubspot_profile_updates(
        scores, tiers, activities=activities, as_of=as_of, batch_size=size
    )
    for body in bodies:
        model = object_models.BatchInputSimplePublicObjectBatchInput(**body)
        assert model.to_dict() == body
        assert sent(body) == body
        assert json.loads(json.dumps(sent(body))) == body


# --- through hubspot-api-client itself ----------------------------------------------

API = "https://api.hubapi.com"
PROFILE_OBJECT = "2-12345678"


def response(document: Any) -> Any:
    """A JSON response as urllib3 hands it to the client."""
    urllib3 = pytest.importorskip("urllib3")
    return urllib3.HTTPResponse(
        body=io.BytesIO(json.dumps(document).encode()),
        headers={"Content-Type": "application/json;charset=utf-8"},
        status=200,
        reason="OK",
        preload_content=True,
    )


class FakePortal:
    """A HubSpot portal behind urllib3's pool manager: serves pages, keeps requests.

    Put in place of each API's pool manager, so hubspot-api-client builds,
    sends and decodes every request as it would against a real portal.
    """

    def __init__(self, pages: Mapping[str, Any]) -> None:
        self.pages = dict(pages)
        self.sent: list[tuple[str, str, dict[str, Any]]] = []

    def request(self, method: str, url: str, **options: Any) -> Any:
        self.sent.append((method, url, options))
        if method == "GET":
            return response(self.pages[url])
        inputs = json.loads(options["body"])["inputs"]
        return response(
            {
                "status": "COMPLETE",
                "results": [
                    {
                        "id": item["id"],
                        "properties": item["properties"],
                        "createdAt": "2025-10-01T10:00:00.000Z",
                        "updatedAt": "2026-09-30T18:00:00.000Z",
                        "archived": False,
                    }
                    for item in inputs
                ],
                "startedAt": "2026-09-30T18:00:00.000Z",
                "completedAt": "2026-09-30T18:00:01.000Z",
            }
        )


def page(*records: Mapping[str, Any]) -> dict[str, Any]:
    """One page of a v3 list endpoint, with no next page."""
    return {"results": [json.loads(api_json(record)) for record in records]}


@pytest.fixture
def portal() -> tuple[Any, FakePortal]:
    """A hubspot-api-client client on a fake portal with a page of each object."""
    client_module = pytest.importorskip("hubspot")
    discovery = pytest.importorskip("hubspot.discovery.discovery_base")
    fake = FakePortal(
        {
            f"{API}/crm/v3/objects/companies": page(acme(), globex()),
            f"{API}/crm/v3/objects/contacts": page(ada_contact()),
            f"{API}/crm/v3/objects/{PROFILE_OBJECT}": page(ada()),
        }
    )

    def factory(package: Any, name: str, config: Mapping[str, Any]) -> Any:
        api = discovery.DiscoveryBase._default_api_factory(package, name, config)
        api.api_client.rest_client.pool_manager = fake
        return api

    # A fake portal takes any token.
    token = "pat-na1-00000000"  # noqa: S105
    return client_module.HubSpot(access_token=token, api_factory=factory), fake


class TestThroughHubSpotApiClient:
    def test_get_all_hands_over_the_records_built_here(
        self, portal: tuple[Any, FakePortal]
    ) -> None:
        client, fake = portal
        companies = client.crm.companies.get_all()
        profiles = client.crm.objects.get_all(PROFILE_OBJECT, associations=["contacts"])
        assert [r.to_dict() for r in companies] == [acme(), globex()]
        assert [r.to_dict() for r in profiles] == [ada()]
        method, url, options = fake.sent[-1]
        assert (method, url) == ("GET", f"{API}/crm/v3/objects/{PROFILE_OBJECT}")
        assert ("associations", "contacts") in options["fields"]

    def test_the_clients_records_load_through_to_dict(
        self, portal: tuple[Any, FakePortal]
    ) -> None:
        client, _fake = portal
        loaded = load_hubspot(
            companies=[r.to_dict() for r in client.crm.companies.get_all()],
            contacts=[r.to_dict() for r in client.crm.contacts.get_all()],
            profiles=[r.to_dict() for r in client.crm.objects.get_all(PROFILE_OBJECT)],
        )
        assert only(loaded.accounts) == ACME_ACCOUNT
        assert loaded.prospects == (GLOBEX,)
        assert only(loaded.advocates) == ADA_ADVOCATE
        assert only(loaded.signals) == ADA_SIGNALS

    def test_batch_update_sends_each_body_as_built(
        self, portal: tuple[Any, FakePortal]
    ) -> None:
        client, fake = portal
        scores = {f"312{n:08d}": n % 101 for n in range(150)}
        bodies = hubspot_profile_updates(scores, {}, as_of=AS_OF)
        results = [
            client.crm.objects.batch_api.update(
                PROFILE_OBJECT,
                object_models.BatchInputSimplePublicObjectBatchInput(**body),
            )
            for body in bodies
        ]
        posts = [
            (url, options) for method, url, options in fake.sent if method == "POST"
        ]
        assert [json.loads(options["body"]) for _url, options in posts] == bodies
        assert all(
            url == f"{API}/crm/v3/objects/{PROFILE_OBJECT}/batch/update"
            for url, _options in posts
        )
        assert [len(result.results) for result in results] == [100, 50]
        assert all(result.status == "COMPLETE" for result in results)
