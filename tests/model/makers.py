"""Values the model tests share."""

from __future__ import annotations

import pendulum

from advocacy import (
    Account,
    AccountPolicy,
    ActivityType,
    Advocate,
    Money,
    Opportunity,
    ProspectProfile,
    ReferenceRequest,
)

DAY = pendulum.date(2026, 9, 30)


def account(**changes: object) -> Account:
    fields: dict[str, object] = {
        "id": "acct-1",
        "name": "Northwind Bank",
        "industry": "Financial Services",
        "employees": 2500,
        "region": "EMEA",
        "customer_since": pendulum.date(2021, 3, 1),
        "products": ["Analytics"],
        "use_cases": {"self-service BI"},
        "arr": Money("250000", "USD"),
        "policy": AccountPolicy(approval_required=True),
    }
    return Account(**{**fields, **changes})  # type: ignore[arg-type]


def advocate(**changes: object) -> Advocate:
    fields: dict[str, object] = {
        "id": "adv-1",
        "account_id": "acct-1",
        "name": "Ana Silva",
        "persona": "CIO",
        "activities": ["reference_call", ActivityType.WEBINAR],
        "motivations": ["peer_connection"],
        "do_not_contact_until": "2026-10-15",
        "tier": "champion",
    }
    return Advocate(**{**fields, **changes})  # type: ignore[arg-type]


def request(**changes: object) -> ReferenceRequest:
    fields: dict[str, object] = {
        "id": "req-1",
        "activity": ActivityType.REFERENCE_CALL,
        "prospect": ProspectProfile(name="Acme", industry="Retail", employees=300),
        "requested_on": DAY,
        "needed_by": DAY.add(days=2),
    }
    return ReferenceRequest(**{**fields, **changes})  # type: ignore[arg-type]


def opportunity(**changes: object) -> Opportunity:
    fields: dict[str, object] = {
        "id": "opp-1",
        "prospect": ProspectProfile(name="Acme", region="EMEA"),
        "amount": Money("120000", "USD"),
        "created": DAY.subtract(months=3),
        "outcome": "won",
        "closed": DAY,
        "source": "referral",
        "kind": "expansion",
        "activity_ids": ["act-1"],
    }
    return Opportunity(**{**fields, **changes})  # type: ignore[arg-type]
