"""HubSpot CRM v3 records in, Advocate Profile updates out; no network.

`load_hubspot` reads records in the shape HubSpot's v3 API returns them (the
`hubspot-api-client` objects' `.to_dict()`, or the JSON itself): an `id`, a
`properties` mapping whose values are strings, and `associations` naming
related records. Companies become accounts; each Advocate Profile (a custom
object), with its contact and the contact's company, an advocate and its
signals; each Advocacy Activity (a custom object) an activity; deals,
opportunities. Every record is read by record ingest, so each is built or
rejected with its reasons.

`hubspot_profile_updates` turns scores and tiers back into the batch-update
inputs HubSpot's API takes for the Advocate Profile object, at most 100 a
batch; the host sends them (`client.crm.objects.batch_api.update(...)`).

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
    program_fields,
    prospect_id,
    records_of,
)
from advocacy._io.ingest import load_records
from advocacy._io.mapping import ColumnMapping, Unit
from advocacy._io.parse import is_missing
from advocacy._model.customers import Account, Advocate, Signals
from advocacy._model.enums import Tier
from advocacy._model.records import Activity, Opportunity
from advocacy._scoring.score import Score

__all__ = ["HubSpotSchema", "hubspot_profile_updates", "load_hubspot"]

Record = Mapping[str, Any]

_ACCOUNT_COLUMNS: Final = {
    "employees": "numberofemployees",
    "region": "country",
    "customer_since": "hs_lifecyclestage_customer_date",
    "products": "products_owned",
    "policy.public_allowed": "public_advocacy_allowed",
    "policy.approval_required": "advocacy_approval_required",
    "policy.restricted": "restricted_advocacy_activities",
}
_ADVOCATE_COLUMNS: Final = {
    "account_id": "company.id",
    "name": "derived.name",
    "title": "contact.jobtitle",
    "activities": "preferred_activities",
    "tier": "advocacy_tier",
}
_SIGNAL_COLUMNS: Final = {
    "nps": "contact.hs_feedback_last_nps_rating",
    "health_score": "company.health_score",
    "customer_since": "company.hs_lifecyclestage_customer_date",
}
_ACTIVITY_COLUMNS: Final = {
    "advocate_id": "profile.id",
    "type": "activity_type",
    "date": "activity_date",
    "minutes": "hours",
    "opportunity_id": "deal.id",
}
_OPPORTUNITY_COLUMNS: Final = {
    "prospect.name": "company.name",
    "prospect.account_id": "company.id",
    "prospect.industry": "company.industry",
    "prospect.employees": "company.numberofemployees",
    "prospect.region": "company.country",
    "amount.currency": "deal_currency_code",
    "created": "createdate",
    "outcome": "derived.outcome",
    "closed": "derived.closed",
    "source": "hs_analytics_source",
    "kind": "dealtype",
    "activity_ids": "activities.ids",
}


@attrs.frozen
class HubSpotSchema:
    """How a HubSpot portal names the program's objects and properties.

    Portals rename properties and name custom objects their own way; every
    name is here, with the defaults documented on the CRM how-to page.
    Rows given to record ingest hold a record's own properties under their
    names, an associated record's as `<object>.<property>` (`contact.jobtitle`,
    `company.id`) and values the adapter derives as `derived.<name>`.

    Attributes:
        companies: The association key of companies.
        contacts: The association key of contacts.
        deals: The association key of deals.
        profiles: The association key of the Advocate Profile object.
        activity_records: The association key of the Advocacy Activity object.
        accounts: Company rows to `Account`; `region` is read from the
            company's country through the region table.
        advocates: Advocate Profile rows (with `contact.*` and `company.*`)
            to `Advocate`.
        signals: The same rows to `Signals`.
        activities: Advocacy Activity rows (with `profile.id`, `deal.id`)
            to `Activity`; `hours` in hours.
        opportunities: Deal rows (with `company.*` for the prospect and
            `activities.ids`) to `Opportunity`.
        closed_property: The deal property saying it is closed.
        won_property: The deal property saying it is won.
        stage_property: The deal stage, read for the outcome when the two
            above are absent.
        close_date_property: The deal's close date (its expected date while
            open, so it is read only once the deal is closed).
        lifecycle_property: The company's lifecycle stage.
        customer_stages: The stages of a customer: a company in another
            stage is a prospect, not an account (one without a stage is read
            as an account).
        first_name_property: The contact's first name.
        last_name_property: The contact's last name.
        tier_property: The profile property written with the tier.
        score_property: The profile property written with the score.
        completed_property: The profile property written with the number of
            activities completed.
        last_participation_property: The profile property written with the
            date of the latest activity.
    """

    companies: str = attrs.field(default="companies", metadata=checked(text))
    contacts: str = attrs.field(default="contacts", metadata=checked(text))
    deals: str = attrs.field(default="deals", metadata=checked(text))
    profiles: str = attrs.field(default="advocate_profiles", metadata=checked(text))
    activity_records: str = attrs.field(
        default="advocacy_activities", metadata=checked(text)
    )
    accounts: ColumnMapping = attrs.field(
        factory=lambda: column_mapping(_ACCOUNT_COLUMNS, regions=True)
    )
    advocates: ColumnMapping = attrs.field(
        factory=lambda: column_mapping(_ADVOCATE_COLUMNS)
    )
    signals: ColumnMapping = attrs.field(
        factory=lambda: attrs.evolve(
            column_mapping(_SIGNAL_COLUMNS, units={"feature_adoption": Unit.PERCENT}),
            row_id="id",
        )
    )
    activities: ColumnMapping = attrs.field(
        factory=lambda: column_mapping(_ACTIVITY_COLUMNS, units={"minutes": Unit.HOURS})
    )
    opportunities: ColumnMapping = attrs.field(
        factory=lambda: column_mapping(_OPPORTUNITY_COLUMNS, regions=True)
    )
    closed_property: str = attrs.field(default="hs_is_closed", metadata=checked(text))
    won_property: str = attrs.field(default="hs_is_closed_won", metadata=checked(text))
    stage_property: str = attrs.field(default="dealstage", metadata=checked(text))
    close_date_property: str = attrs.field(default="closedate", metadata=checked(text))
    lifecycle_property: str = attrs.field(
        default="lifecyclestage", metadata=checked(text)
    )
    customer_stages: frozenset[str] = frozenset({"customer", "evangelist"})
    first_name_property: str = attrs.field(default="firstname", metadata=checked(text))
    last_name_property: str = attrs.field(default="lastname", metadata=checked(text))
    tier_property: str = attrs.field(default="advocacy_tier", metadata=checked(text))
    score_property: str = attrs.field(default="advocacy_score", metadata=checked(text))
    completed_property: str = attrs.field(
        default="activities_completed", metadata=checked(text)
    )
    last_participation_property: str = attrs.field(
        default="last_participation_date", metadata=checked(text)
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @classmethod
    def default(cls) -> HubSpotSchema:
        """The documented names (see the CRM how-to page)."""
        return cls()


# --- records to rows ----------------------------------------------------------


def _properties(record: Record) -> Mapping[str, Any]:
    found = record.get("properties")
    return found if isinstance(found, Mapping) else {}


def _associated(record: Record, key: str) -> list[str]:
    """The ids of the records associated under `key`, primary first."""
    associations = record.get("associations")
    if not isinstance(associations, Mapping):
        return []
    group = associations.get(key)
    results = group.get("results") if isinstance(group, Mapping) else group
    if not isinstance(results, list):
        return []
    found = [
        (str(item.get("type", "")).endswith("unlabeled"), str(item["id"]))
        for item in results
        if isinstance(item, Mapping) and item.get("id") is not None
    ]
    # Labelled (primary) associations first; HubSpot lists an unlabelled
    # twin of each.
    ordered = [key for _unlabelled, key in sorted(found, key=lambda pair: pair[0])]
    return list(dict.fromkeys(ordered))


def _own(record: Record) -> dict[str, Any]:
    return {**_properties(record), "id": record.get("id")}


def _joined(prefix: str, record: Record | None) -> dict[str, Any]:
    if record is None:
        return {f"{prefix}.id": None}
    return {f"{prefix}.{key}": value for key, value in _own(record).items()}


def _by_id(records: Iterable[Any]) -> dict[str, Record]:
    return {
        str(record["id"]): record
        for record in records
        if isinstance(record, Mapping) and record.get("id") is not None
    }


def _first(record: Record, key: str, known: Mapping[str, Record]) -> Record | None:
    for found in _associated(record, key):
        if found in known:
            return known[found]
    return None


def _full_name(contact: Record | None, schema: HubSpotSchema) -> str | None:
    if contact is None:
        return None
    properties = _properties(contact)
    parts = [
        properties.get(schema.first_name_property),
        properties.get(schema.last_name_property),
    ]
    words = [p.strip() for p in parts if isinstance(p, str) and not is_missing(p)]
    return " ".join(words) or None


def _outcome(properties: Mapping[str, Any], schema: HubSpotSchema) -> tuple[Any, Any]:
    return deal_outcome(
        properties.get(schema.closed_property),
        properties.get(schema.won_property),
        properties.get(schema.stage_property),
        properties.get(schema.close_date_property),
        schema.opportunities,
    )


def _advocate_rows(
    profiles: Iterable[Any],
    contacts: Mapping[str, Record],
    companies: Mapping[str, Record],
    schema: HubSpotSchema,
) -> list[Any]:
    rows: list[Any] = []
    for profile in profiles:
        if not isinstance(profile, Mapping):
            rows.append(profile)  # ingest rejects it by name
            continue
        contact = _first(profile, schema.contacts, contacts)
        company = _first(profile, schema.companies, companies)
        if company is None and contact is not None:
            company = _first(contact, schema.companies, companies)
        rows.append(
            {
                **_own(profile),
                **_joined("contact", contact),
                **_joined("company", company),
                "derived.name": _full_name(contact, schema),
            }
        )
    return rows


def _activity_rows(activities: Iterable[Any], schema: HubSpotSchema) -> list[Any]:
    rows: list[Any] = []
    for activity in activities:
        if not isinstance(activity, Mapping):
            rows.append(activity)
            continue
        profile = _associated(activity, schema.profiles)
        deal = _associated(activity, schema.deals)
        rows.append(
            {
                **_own(activity),
                "profile.id": profile[0] if profile else None,
                "deal.id": deal[0] if deal else None,
            }
        )
    return rows


def _deal_rows(
    deals: Iterable[Any], companies: Mapping[str, Record], schema: HubSpotSchema
) -> list[Any]:
    rows: list[Any] = []
    for deal in deals:
        if not isinstance(deal, Mapping):
            rows.append(deal)
            continue
        outcome, closed = _outcome(_properties(deal), schema)
        rows.append(
            {
                **_own(deal),
                **_joined("company", _first(deal, schema.companies, companies)),
                "activities.ids": _associated(deal, schema.activity_records),
                "derived.outcome": outcome,
                "derived.closed": closed,
            }
        )
    return rows


def _records(owner: str, name: str, given: Iterable[Record]) -> list[Any]:
    return records_of(owner, name, given, "an iterable of HubSpot records")


def load_hubspot(
    *,
    companies: Iterable[Record] = (),
    contacts: Iterable[Record] = (),
    profiles: Iterable[Record] = (),
    activities: Iterable[Record] = (),
    deals: Iterable[Record] = (),
    schema: HubSpotSchema | None = None,
    as_of: pendulum.Date | None = None,
) -> CrmRecords:
    """A program from HubSpot v3 records, every record built or rejected.

    Args:
        companies: Company records: accounts (and deals' prospects).
        contacts: Contact records: the people behind Advocate Profiles.
        profiles: Advocate Profile records (associated with a contact, and
            through it or directly with a company): advocates and signals.
        activities: Advocacy Activity records (associated with a profile
            and, optionally, the deal they influenced): activities.
        deals: Deal records (associated with the prospect's company and the
            activities that influenced them): opportunities.
        schema: The portal's names; `HubSpotSchema.default()`.
        as_of: When given, dates of things that have happened after it
            reject their record (see `load_records`).

    Returns:
        Accounts, advocates, signals, activities and opportunities, each
        with its rejected records and their reasons.

    Raises:
        InvalidTypeError: A collection of records is not an iterable of
            records.
    """
    owner = "load_hubspot"
    given = HubSpotSchema.default() if schema is None else schema
    require(owner, "schema", given, _SCHEMA)
    day = None if as_of is None else as_date(owner, "as_of", as_of)
    company_records = _records(owner, "companies", companies)
    contact_records = _records(owner, "contacts", contacts)
    profile_records = _records(owner, "profiles", profiles)
    by_company = _by_id(company_records)
    by_contact = _by_id(contact_records)
    company_rows = []
    prospects = []
    for record in company_records:
        if not isinstance(record, Mapping):
            company_rows.append(record)  # ingest rejects it by name
            continue
        stage = _properties(record).get(given.lifecycle_property)
        prospect = prospect_id(record, "id", stage, given.customer_stages)
        if prospect is None:
            company_rows.append(_own(record))
        else:
            prospects.append(prospect)
    people = _advocate_rows(profile_records, by_contact, by_company, given)
    activity_rows = _activity_rows(_records(owner, "activities", activities), given)
    deal_rows = _deal_rows(_records(owner, "deals", deals), by_company, given)
    return CrmRecords(
        accounts=load_records(Account, company_rows, given.accounts, as_of=day),
        advocates=load_records(Advocate, people, given.advocates, as_of=day),
        signals=load_records(Signals, people, given.signals, as_of=day),
        activities=load_records(Activity, activity_rows, given.activities, as_of=day),
        opportunities=load_records(
            Opportunity, deal_rows, given.opportunities, as_of=day
        ),
        prospects=tuple(prospects),
    )


# --- results to payloads ------------------------------------------------------

BATCH_LIMIT: Final = 100
"""HubSpot's limit of inputs in one batch update."""


def hubspot_profile_updates(
    scores: Mapping[str, int | Score],
    tiers: Mapping[str, Tier | None],
    *,
    activities: Iterable[Activity] = (),
    as_of: pendulum.Date,
    schema: HubSpotSchema | None = None,
    batch_size: int = BATCH_LIMIT,
) -> list[dict[str, Any]]:
    """Batch-update inputs setting each scored Advocate Profile's program fields.

    One input per id in `scores` (an Advocate Profile id), setting its tier
    (the tier's value, empty for none), score, activities completed and last
    participation date (ISO 8601, empty for none) up to `as_of`, as the
    strings HubSpot's API takes. Each batch is the body of one
    `POST /crm/v3/objects/{profile object}/batch/update` (with
    `hubspot-api-client`: `BatchInputSimplePublicObjectBatchInput(**batch)`).

    Args:
        scores: Profile id to score total (or `Score`).
        tiers: Profile id to tier (a `TierAssignment` will do).
        activities: The advocates' activities, for the counts and dates.
        as_of: The day the figures are as of.
        schema: The portal's property names; `HubSpotSchema.default()`.
        batch_size: Inputs per batch, 1 to 100.

    Returns:
        The batches, `{"inputs": [{"id": ..., "properties": {...}}, ...]}`,
        inputs in id order.

    Raises:
        InvalidTypeError: A score is neither an int nor a `Score`.
        InvalidValueError: `batch_size` is outside 1 to 100.
    """
    owner = "hubspot_profile_updates"
    given = HubSpotSchema.default() if schema is None else schema
    require(owner, "schema", given, _SCHEMA)
    size = require(owner, "batch_size", batch_size, integer(1, BATCH_LIMIT))
    inputs = [
        {
            "id": fields.id,
            "properties": {
                given.tier_property: fields.tier or "",
                given.score_property: str(fields.score),
                given.completed_property: str(fields.completed),
                given.last_participation_property: fields.last or "",
            },
        }
        for fields in program_fields(owner, scores, tiers, activities, as_of)
    ]
    return [{"inputs": list(batch)} for batch in batches(inputs, size)]


_SCHEMA: Final = instance_of(HubSpotSchema, "a HubSpotSchema")
