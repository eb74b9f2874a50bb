"""Salesforce REST records in, Contact field updates out; no network.

`load_salesforce` reads records as Salesforce's REST API returns them (and
`simple-salesforce` hands them over: ordered dicts with `attributes`, a
relationship queried as `Account.Name` nested as its own record), or whole
query results (`sf.query_all(...)`, whose `records` are read). Accounts
become accounts; Contacts, advocates and their signals; the program's
`Advocacy_Activity__c` records, activities; Opportunities, opportunities.
Every record is read by record ingest, so each is built or rejected with
its reasons.

`salesforce_contact_updates` turns scores and tiers back into sObject
Collections update bodies, at most 200 records each; the host sends them
(`sf.restful("composite/sobjects", method="PATCH", json=body)`).

Keep this in step with docs/how-to/load-crm-data.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.checks import instance_of, integer, text
from advocacy._internal.validation import as_date, check_fields, checked, require
from advocacy._io.crm import (
    CrmRecords,
    batches,
    column_mapping,
    deal_outcome,
    flat,
    program_fields,
    prospect_id,
    records_of,
)
from advocacy._io.ingest import load_records
from advocacy._io.mapping import ColumnMapping, Unit
from advocacy._model.customers import Account, Advocate, Signals
from advocacy._model.enums import Tier
from advocacy._model.records import Activity, Opportunity
from advocacy._scoring.score import Score

__all__ = ["SalesforceSchema", "load_salesforce", "salesforce_contact_updates"]

Record = Mapping[str, Any]

_ACCOUNT_COLUMNS: Final = {
    "id": "Id",
    "name": "Name",
    "industry": "Industry",
    "employees": "NumberOfEmployees",
    "region": "BillingCountry",
    "customer_since": "CreatedDate",
    "products": "Products__c",
    "use_cases": "Use_Cases__c",
    "arr": "ARR__c",
    "arr.currency": "CurrencyIsoCode",
    "policy.public_allowed": "Public_Advocacy_Allowed__c",
    "policy.approval_required": "Advocacy_Approval_Required__c",
    "policy.restricted": "Restricted_Advocacy_Activities__c",
}
_ADVOCATE_COLUMNS: Final = {
    "id": "Id",
    "account_id": "AccountId",
    "name": "Name",
    "persona": "Advocate_Persona__c",
    "title": "Title",
    "activities": "Preferred_Activities__c",
    "motivations": "Advocacy_Motivations__c",
    "available_for_references": "Available_For_References__c",
    "do_not_contact_until": "Do_Not_Contact_Until__c",
    "opted_out": "Advocacy_Opt_Out__c",
    "industry_expertise": "Industry_Expertise__c",
    "award_recipient": "Award_Recipient__c",
    "public_recognition": "Public_Recognition__c",
    "tier": "Advocacy_Tier__c",
}
_SIGNAL_COLUMNS: Final = {
    "nps": "NPS_Score__c",
    "feature_adoption": "Feature_Adoption__c",
    "health_score": "Account.Health_Score__c",
    "customer_since": "Account.CreatedDate",
    "positive_mentions": "Positive_Mentions__c",
    "responded_to_requests": "Responded_To_Requests__c",
}
_ACTIVITY_COLUMNS: Final = {
    "id": "Id",
    "advocate_id": "Advocate__c",
    "type": "Type__c",
    "date": "Date__c",
    "minutes": "Hours__c",
    "opportunity_id": "Opportunity__c",
    "recognition_sent": "Recognition_Sent__c",
    "notes": "Notes__c",
}
_OPPORTUNITY_COLUMNS: Final = {
    "id": "Id",
    "prospect.name": "Account.Name",
    "prospect.account_id": "AccountId",
    "prospect.industry": "Account.Industry",
    "prospect.employees": "Account.NumberOfEmployees",
    "prospect.region": "Account.BillingCountry",
    "amount": "Amount",
    "amount.currency": "CurrencyIsoCode",
    "created": "CreatedDate",
    "outcome": "derived.outcome",
    "closed": "derived.closed",
    "source": "LeadSource",
    "kind": "Type",
}


@attrs.frozen
class SalesforceSchema:
    """How a Salesforce org names the program's objects and fields.

    Orgs name custom fields their own way; every name is here, with the
    defaults documented on the CRM how-to page. Rows given to record ingest
    hold a record's fields under their API names, a related record's as
    `<Relationship>.<Field>` (`Account.Industry`), and values the adapter
    derives as `derived.<name>`.

    Attributes:
        accounts: Account rows to `Account`; `region` is read from the
            billing country through the region table.
        advocates: Contact rows (with `Account.*`) to `Advocate`.
        signals: The same rows to `Signals`; `Feature_Adoption__c` is a
            percent field.
        activities: `Advocacy_Activity__c` rows to `Activity`; `Hours__c`
            in hours.
        opportunities: Opportunity rows (with `Account.*` for the prospect)
            to `Opportunity`.
        closed_field: The opportunity field saying it is closed.
        won_field: The opportunity field saying it is won.
        stage_field: The stage, read for the outcome when the two above
            are absent.
        close_date_field: The close date (the expected date while open, so
            it is read only once the opportunity is closed).
        type_field: The account's type.
        customer_types: The types of a customer: an account of another type
            is a prospect, not an account (one without a type is read as an
            account).
        contact_object: The object written back to.
        tier_field: The field written with the tier.
        score_field: The field written with the score.
        completed_field: The field written with the activities completed.
        last_participation_field: The field written with the date of the
            latest activity.
    """

    accounts: ColumnMapping = attrs.field(
        factory=lambda: column_mapping(_ACCOUNT_COLUMNS, regions=True)
    )
    advocates: ColumnMapping = attrs.field(
        factory=lambda: column_mapping(_ADVOCATE_COLUMNS)
    )
    signals: ColumnMapping = attrs.field(
        factory=lambda: column_mapping(
            _SIGNAL_COLUMNS, units={"feature_adoption": Unit.PERCENT}, row_id="Id"
        )
    )
    activities: ColumnMapping = attrs.field(
        factory=lambda: column_mapping(_ACTIVITY_COLUMNS, units={"minutes": Unit.HOURS})
    )
    opportunities: ColumnMapping = attrs.field(
        factory=lambda: column_mapping(_OPPORTUNITY_COLUMNS, regions=True)
    )
    closed_field: str = attrs.field(default="IsClosed", metadata=checked(text))
    won_field: str = attrs.field(default="IsWon", metadata=checked(text))
    stage_field: str = attrs.field(default="StageName", metadata=checked(text))
    close_date_field: str = attrs.field(default="CloseDate", metadata=checked(text))
    type_field: str = attrs.field(default="Type", metadata=checked(text))
    customer_types: frozenset[str] = frozenset(
        {"Customer - Direct", "Customer - Channel", "Customer"}
    )
    contact_object: str = attrs.field(default="Contact", metadata=checked(text))
    tier_field: str = attrs.field(default="Advocacy_Tier__c", metadata=checked(text))
    score_field: str = attrs.field(default="Advocacy_Score__c", metadata=checked(text))
    completed_field: str = attrs.field(
        default="Advocacy_Activities_Completed__c", metadata=checked(text)
    )
    last_participation_field: str = attrs.field(
        default="Last_Advocacy_Activity__c", metadata=checked(text)
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @classmethod
    def default(cls) -> SalesforceSchema:
        """The documented names (see the CRM how-to page)."""
        return cls()


# --- records to rows ----------------------------------------------------------


def _records(owner: str, name: str, given: Iterable[Record] | Record) -> list[Any]:
    """The records of a list, or of a query result's `records`."""
    if isinstance(given, Mapping) and isinstance(given.get("records"), list):
        return list(given["records"])
    return records_of(
        owner, name, given, "an iterable of Salesforce records, or a query result"
    )


def _fields(record: Record, prefix: str = "") -> dict[str, Any]:
    """A record's fields, flat, without the API's `attributes` at any depth."""
    # A related record queried with it (`Account.Name`) has its own
    # `attributes`: metadata, not fields, like the record's own.
    return {
        key: value
        for key, value in flat(record, prefix).items()
        if "attributes" not in key.split(".")
    }


def _row(record: Any, accounts: Mapping[str, Record]) -> Any:
    """A record's flat row, with its account's fields as `Account.*`."""
    if not isinstance(record, Mapping):
        return record  # ingest rejects it by name
    row = _fields(record)
    account = accounts.get(str(row.get("AccountId")))
    if account is not None:
        for key, value in _fields(account, "Account.").items():
            row.setdefault(key, value)
    return row


def _deal_row(
    record: Any, accounts: Mapping[str, Record], schema: SalesforceSchema
) -> Any:
    row = _row(record, accounts)
    if not isinstance(row, dict):
        return row
    outcome, closed = deal_outcome(
        row.get(schema.closed_field),
        row.get(schema.won_field),
        row.get(schema.stage_field),
        row.get(schema.close_date_field),
        schema.opportunities,
    )
    return {**row, "derived.outcome": outcome, "derived.closed": closed}


def load_salesforce(
    *,
    accounts: Iterable[Record] | Record = (),
    contacts: Iterable[Record] | Record = (),
    activities: Iterable[Record] | Record = (),
    opportunities: Iterable[Record] | Record = (),
    schema: SalesforceSchema | None = None,
    as_of: pendulum.Date | None = None,
) -> CrmRecords:
    """A program from Salesforce records, every record built or rejected.

    Each argument takes a list of records or a whole query result. A
    Contact's or Opportunity's account fields are read from the relationship
    queried with it (`Account.Industry`) or, failing that, from `accounts`
    by its `AccountId`.

    Args:
        accounts: Account records: accounts.
        contacts: Contact records: advocates and their signals.
        activities: `Advocacy_Activity__c` records: activities.
        opportunities: Opportunity records: opportunities.
        schema: The org's names; `SalesforceSchema.default()`.
        as_of: When given, dates of things that have happened after it
            reject their record (see `load_records`).

    Returns:
        Accounts, advocates, signals, activities and opportunities, each
        with its rejected records and their reasons.

    Raises:
        InvalidTypeError: An argument is neither records nor a query result.
    """
    owner = "load_salesforce"
    given = SalesforceSchema.default() if schema is None else schema
    require(owner, "schema", given, _SCHEMA)
    day = None if as_of is None else as_date(owner, "as_of", as_of)
    account_records = _records(owner, "accounts", accounts)
    by_id = {
        str(record["Id"]): record
        for record in account_records
        if isinstance(record, Mapping) and record.get("Id") is not None
    }
    people = [_row(r, by_id) for r in _records(owner, "contacts", contacts)]
    deals = [
        _deal_row(r, by_id, given)
        for r in _records(owner, "opportunities", opportunities)
    ]
    customers = []
    prospects = []
    for record in account_records:
        stage = record.get(given.type_field) if isinstance(record, Mapping) else None
        prospect = prospect_id(record, "Id", stage, given.customer_types)
        if prospect is None:
            customers.append(_row(record, {}))
        else:
            prospects.append(prospect)
    return CrmRecords(
        accounts=load_records(Account, customers, given.accounts, as_of=day),
        advocates=load_records(Advocate, people, given.advocates, as_of=day),
        signals=load_records(Signals, people, given.signals, as_of=day),
        activities=load_records(
            Activity,
            [_row(r, {}) for r in _records(owner, "activities", activities)],
            given.activities,
            as_of=day,
        ),
        opportunities=load_records(Opportunity, deals, given.opportunities, as_of=day),
        prospects=tuple(prospects),
    )


# --- results to payloads ------------------------------------------------------

BATCH_LIMIT: Final = 200
"""Salesforce's limit of records in one sObject Collections request."""


def salesforce_contact_updates(
    scores: Mapping[str, int | Score],
    tiers: Mapping[str, Tier | None],
    *,
    activities: Iterable[Activity] = (),
    as_of: pendulum.Date,
    schema: SalesforceSchema | None = None,
    batch_size: int = BATCH_LIMIT,
) -> list[dict[str, Any]]:
    """Update bodies (sObject Collections) setting each scored Contact's program fields.

    One record per id in `scores` (a Contact id), setting its tier (the
    tier's value, `None` to clear), score, activities completed and last
    participation date (ISO 8601, `None` for none) up to `as_of`. Each body
    is one `PATCH /services/data/vXX.X/composite/sobjects` request, with
    `allOrNone` false so one bad record does not fail the rest.

    Args:
        scores: Contact id to score total (or `Score`).
        tiers: Contact id to tier (a `TierAssignment` will do).
        activities: The advocates' activities, for the counts and dates.
        as_of: The day the figures are as of.
        schema: The org's field names; `SalesforceSchema.default()`.
        batch_size: Records per body, 1 to 200.

    Returns:
        The bodies, `{"allOrNone": False, "records": [...]}`, records in id
        order.

    Raises:
        InvalidTypeError: A score is neither an int nor a `Score`.
        InvalidValueError: `batch_size` is outside 1 to 200.
    """
    owner = "salesforce_contact_updates"
    given = SalesforceSchema.default() if schema is None else schema
    require(owner, "schema", given, _SCHEMA)
    size = require(owner, "batch_size", batch_size, integer(1, BATCH_LIMIT))
    records = [
        {
            "attributes": {"type": given.contact_object},
            "id": fields.id,
            given.tier_field: fields.tier,
            given.score_field: fields.score,
            given.completed_field: fields.completed,
            given.last_participation_field: fields.last,
        }
        for fields in program_fields(owner, scores, tiers, activities, as_of)
    ]
    return [
        {"allOrNone": False, "records": list(batch)} for batch in batches(records, size)
    ]


_SCHEMA: Final = instance_of(SalesforceSchema, "a SalesforceSchema")
