"""HubSpot records to scored, tiered advocates, against building the same values typed.

Run: `python benchmarks/bench_ingest.py [--profiles N] [--repeat R]`.

Builds N Advocate Profile records (default 100,000) as HubSpot's CRM v3 API
returns them: every property a string ("1,200" employees, ISO datetimes
ending in `Z`, `;`-separated multi-selects, "true"/"false", blanks and
"N/A"), each associated with a contact, each contact with one of N/5
companies (country names, not regions), plus one advocacy activity per
profile. Then times, in the same process:

- the library: `load_hubspot` (companies, contacts, profiles, activities),
  then `ScoringModel.score_many` on the loaded signals and `assign_tiers`;
- the baseline: the same `Account`, `Advocate`, `Signals` and `Activity`
  values built from already-typed Python values (what a host that parsed
  the export by hand would construct), then the same scoring and tiering.

Checks that both paths build equal values and tiers, and prints records per
second and the ratio of the two end-to-end times (target: within 3x).
Machines are noisy: read the ratio.
"""

from __future__ import annotations

import argparse
import random
from typing import Any

import pendulum
from timing import best_of  # benchmarks/timing.py

from advocacy import (
    Account,
    Activity,
    ActivityType,
    Advocate,
    ScoringModel,
    Signals,
    Tier,
    TierAssignment,
    assign_tiers,
    load_hubspot,
)

AS_OF = pendulum.date(2026, 9, 30)
INDUSTRIES = ["Software", "Financial Services", "Healthcare", "Retail", "Energy"]
COUNTRIES = {
    "United States": "North America",
    "Germany": "EMEA",
    "Japan": "APAC",
    "Brazil": "LATAM",
}
PREFERRED = [
    ActivityType.REFERENCE_CALL,
    ActivityType.CASE_STUDY,
    ActivityType.ONLINE_REVIEW,
]


def association(key: str, target: str) -> dict[str, Any]:
    """An association group as the API returns it."""
    return {key: {"results": [{"id": target, "type": f"{key}_to_x"}]}}


class Export:
    """A portal's records and, for each, the typed values they stand for."""

    def __init__(self, profiles: int, rng: random.Random) -> None:
        self.rng = rng
        self.companies: list[dict[str, Any]] = []
        self.contacts: list[dict[str, Any]] = []
        self.profiles: list[dict[str, Any]] = []
        self.activities: list[dict[str, Any]] = []
        self.typed: dict[str, list[dict[str, Any]]] = {
            "accounts": [],
            "advocates": [],
            "signals": [],
            "activities": [],
        }
        for n in range(max(1, profiles // 5)):
            self.company(n)
        for n in range(profiles):
            self.person(n, company=n % len(self.companies))

    def company(self, n: int) -> None:
        """One customer company."""
        employees = self.rng.choice([40, 400, 1200, 25_000])
        country = self.rng.choice(list(COUNTRIES))
        since = pendulum.date(2018, 1, 1).add(days=self.rng.randint(0, 2500))
        health = self.rng.choice([None, 55, 80, 97])
        company_id = str(9_000_000 + n)
        self.companies.append(
            {
                "id": company_id,
                "properties": {
                    "name": f"Customer {n}",
                    "industry": INDUSTRIES[n % len(INDUSTRIES)],
                    "numberofemployees": f"{employees:,}",
                    "country": country,
                    "hs_lifecyclestage_customer_date": f"{since}T08:30:00.000Z",
                    "lifecyclestage": "customer",
                    "health_score": "N/A" if health is None else str(health),
                },
            }
        )
        self.typed["accounts"].append(
            {
                "id": company_id,
                "name": f"Customer {n}",
                "industry": INDUSTRIES[n % len(INDUSTRIES)],
                "employees": employees,
                "region": COUNTRIES[country],
                "customer_since": since,
                "health": health,
            }
        )

    def person(self, n: int, company: int) -> None:
        """One contact, their Advocate Profile and one activity."""
        account = self.typed["accounts"][company]
        contact_id, profile_id = str(100_000_000 + n), str(200_000_000 + n)
        nps = self.rng.choice([None, *range(11)])
        adoption = self.rng.choice([None, 12, 48, 73, 95])
        mentions = self.rng.randint(0, 6)
        preferred = self.rng.sample(PREFERRED, self.rng.randint(0, 3))
        references = self.rng.choice([True, False])
        self.contacts.append(
            {
                "id": contact_id,
                "properties": {
                    "firstname": "Ada",
                    "lastname": f"Number{n}",
                    "jobtitle": "VP Operations",
                    "hs_feedback_last_nps_rating": "" if nps is None else str(nps),
                },
                "associations": association("companies", account["id"]),
            }
        )
        self.profiles.append(
            {
                "id": profile_id,
                "properties": {
                    "preferred_activities": ";".join(p.value for p in preferred),
                    "available_for_references": str(references).lower(),
                    "feature_adoption": "" if adoption is None else str(adoption),
                    "positive_mentions": str(mentions),
                },
                "associations": association("contacts", contact_id),
            }
        )
        day = AS_OF.subtract(days=self.rng.randint(0, 700))
        self.activities.append(
            {
                "id": str(300_000_000 + n),
                "properties": {
                    "activity_type": "reference_call",
                    "activity_date": f"{day}T15:00:00Z",
                    "hours": "0.5",
                },
                "associations": association("advocate_profiles", profile_id),
            }
        )
        self.typed["advocates"].append(
            {
                "id": profile_id,
                "account_id": account["id"],
                "name": f"Ada Number{n}",
                "title": "VP Operations",
                "activities": frozenset(preferred),
                "available_for_references": references,
            }
        )
        self.typed["signals"].append(
            {
                "nps": nps,
                "feature_adoption": None if adoption is None else adoption / 100,
                "health_score": account["health"],
                "customer_since": account["customer_since"],
                "positive_mentions": mentions,
            }
        )
        self.typed["activities"].append(
            {
                "id": str(300_000_000 + n),
                "advocate_id": profile_id,
                "type": ActivityType.REFERENCE_CALL,
                "date": day,
                "minutes": 30,
            }
        )


def built_from_typed(
    typed: dict[str, list[dict[str, Any]]],
) -> tuple[list[Account], list[Advocate], dict[str, Signals], list[Activity]]:
    """The values a host builds from already-parsed fields."""
    accounts = [
        Account(**{k: v for k, v in row.items() if k != "health"})
        for row in typed["accounts"]
    ]
    advocates = [Advocate(**row) for row in typed["advocates"]]
    signals = {
        advocate.id: Signals(**row)
        for advocate, row in zip(advocates, typed["signals"], strict=True)
    }
    activities = [Activity(**row) for row in typed["activities"]]
    return accounts, advocates, signals, activities


def tiered(
    model: ScoringModel, signals: dict[str, Signals], activities: list[Activity]
) -> TierAssignment:
    """Score every advocate and assign tiers."""
    totals = model.score_many(signals.values(), as_of=AS_OF)
    scores = dict(zip(signals, totals, strict=True))
    return assign_tiers(scores, as_of=AS_OF, activities=activities)


def main() -> None:
    """Build the export, time both paths, check they agree, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    export = Export(args.profiles, random.Random(11))
    model = ScoringModel.default()
    print(
        f"{len(export.companies):,} companies, {len(export.contacts):,} contacts, "
        f"{len(export.profiles):,} profiles, {len(export.activities):,} activities"
    )

    def library() -> tuple[Any, TierAssignment]:
        loaded = load_hubspot(
            companies=export.companies,
            contacts=export.contacts,
            profiles=export.profiles,
            activities=export.activities,
            as_of=AS_OF,
        )
        signals = dict(loaded.signals.by_id())
        return loaded, tiered(model, signals, list(loaded.activities.values))

    def baseline() -> tuple[Any, TierAssignment]:
        accounts, advocates, signals, activities = built_from_typed(export.typed)
        return (accounts, advocates, signals, activities), tiered(
            model, signals, activities
        )

    ours, (loaded, tiers) = best_of(args.repeat, library)
    floor, ((accounts, advocates, signals, activities), expected) = best_of(
        args.repeat, baseline
    )
    if loaded.rejected:
        raise SystemExit(loaded.explain())
    same = (
        list(loaded.accounts.values) == accounts
        and list(loaded.advocates.values) == advocates
        and dict(loaded.signals.by_id()) == signals
        and list(loaded.activities.values) == activities
        and dict(tiers) == dict(expected)
    )
    if not same:
        raise SystemExit("the loaded values differ from the typed ones")
    rows = len(export.profiles)
    champions = tiers.counts().get(Tier.CHAMPION, 0)
    print(
        f"library  {ours:.3f}s  {rows / ours:,.0f} profiles/s  (load, score, tier)\n"
        f"baseline {floor:.3f}s  {rows / floor:,.0f} profiles/s  "
        "(typed construction, score, tier)\n"
        f"ratio {ours / floor:.2f}x  (target <= 3x); {champions:,} champions"
    )


if __name__ == "__main__":
    main()
