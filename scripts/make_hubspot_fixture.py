"""Write examples/data/hubspot_export.json: part of the demo program, in HubSpot.

Run it with `python scripts/make_hubspot_fixture.py`. It draws only from its
own `random.Random(2026)` and reads no clock, so every run writes the same
file. Each record has the shape `hubspot-api-client`'s
`SimplePublicObjectWithAssociations(...).to_dict()` gives (its datetimes as
ISO text, as JSON holds them) and the property and association names of
`HubSpotSchema.default()`.

The demo program has one advocate per account, and a HubSpot portal several
contacts per company. So the advocates taken (the most active, and some who
did nothing in the year) are grouped by industry and size band, and each
group's advocates work at a few of their own accounts: about 40 customer
companies. Deals are the demo's deals of those advocates' activities and
some others; new business goes to about 10 prospect companies (lifecycle
stage lead or opportunity), a few deals have no company.

The dirt a real export has, spread over the records, is counted in `DIRT`
below: each entry says what and where, and the script checks that it wrote
each kind, exactly that many times (a change to the script that changes the
file changes a count).

Six impossible records, one of each, which loading must reject (checked at
the end, with every other record loading as the demo program has it):
a customer company whose customer-since date is after 2026-09-30; a contact
with an NPS of 11 (its profile's signals); an activity of type "podcast";
an activity of -1.5 hours; a profile with no contact; a deal closed before
it was created.
"""

from __future__ import annotations

import datetime
import json
import random
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs
import pendulum

from advocacy import (
    Account,
    Activity,
    Advocate,
    Aliases,
    DealOutcome,
    Money,
    Opportunity,
    OpportunitySource,
    ProspectProfile,
    RegionTable,
    Signals,
    load_hubspot,
)
from advocacy.synthetic import demo_program

Record = dict[str, Any]

AS_OF: Final = pendulum.date(2026, 9, 30)
EXPORTED_AT: Final = "2026-09-30T18:00:00Z"
EXPORTED: Final = datetime.datetime(2026, 9, 30, 18, tzinfo=datetime.UTC)
EPOCH: Final = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MILLISECOND: Final = datetime.timedelta(milliseconds=1)
OUT: Final = Path(__file__).parent.parent / "examples" / "data" / "hubspot_export.json"

ACTIVE: Final = 92  # the most active advocates taken
INACTIVE: Final = 44  # and advocates with no activity in the year
PER_COMPANY: Final = 3.4  # advocates per company, on average
PROSPECTS: Final = 10
DEALS: Final = 50
IMPOSSIBLE: Final = 6  # records loading must reject, one of each kind

DIRT: Final = {
    # Numbers: employees, amounts and ARR with thousands separators ("1,200"),
    # whole numbers with a decimal point ("98.0", "20700.00").
    "thousands separator": 44,
    "whole number with a point": 22,
    # Unknown values: JSON null, "", "N/A" and "null", in any property.
    "unknown as null": 179,
    "unknown as blank": 201,
    "unknown as N/A": 71,
    "unknown as 'null'": 59,
    # feature_adoption as a bare percent ("73" for 73%).
    "bare percent": 136,
    # Dates and datetimes: ISO ending in Z ("2023-05-01T14:03:11.000Z"), with
    # an offset ("2023-05-01T09:30:00+02:00"), epoch milliseconds as text
    # ("1682899200000"), a plain date where HubSpot writes a datetime.
    "datetime ending in Z": 481,
    "datetime with an offset": 120,
    "epoch milliseconds": 98,
    "plain date for a datetime": 47,
    "datetime for a date": 44,
    # Booleans: "true"/"false" are HubSpot's; "Yes", "no", "TRUE"... are not.
    "yes/no word": 276,
    # Enum values in other cases or spellings ("Reference Call", "SOCIAL_SHARE")
    # and aliases ("review", "cab", "closedwon", "newbusiness").
    "enum in another case": 478,
    "enum alias": 403,
    # Countries as codes ("USA", "UK", "DE").
    "country code": 23,
    # Multi-selects with spaces after the separator ("Analytics; Security").
    "spaced multi-select": 66,
    # Lifecycle stages: "Customer" in another case, "evangelist", and none
    # (read as an account).
    "lifecycle stage in another case": 10,
    "lifecycle stage evangelist": 1,
    "no lifecycle stage": 1,
    # Associations: the unlabelled twin listed before the primary, a former
    # employer listed first, a profile also associated with its company, a
    # deal with no company.
    "unlabelled association first": 26,
    "former employer listed first": 13,
    "profile with its company": 46,
    "deal with no company": 2,
    # Deals: no closed/won flags (outcome from dealstage), an open deal's
    # expected close date (ignored), a currency in lower case or left out.
    "deal without flags": 12,
    "open deal with a close date": 7,
    "currency in lower case": 6,
    "currency left out": 3,
    # Names with surrounding spaces.
    "name with spaces": 10,
}

# How each region's countries are written: names, and codes ("USA", "DE"),
# all spellings the region table knows.
COUNTRIES: Final = {
    "North America": ("United States", "United States", "USA", "US", "Canada", "CA"),
    "EMEA": (
        "United Kingdom",
        "UK",
        "Germany",
        "DE",
        "France",
        "Netherlands",
        "Sweden",
        "Spain",
    ),
    "APAC": ("Australia", "AU", "Japan", "Singapore", "SG", "India"),
    "LATAM": ("Brazil", "BR", "Mexico", "MX", "Chile"),
}
OPEN_STAGES: Final = (
    "appointmentscheduled",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
)
SOURCES: Final = {
    OpportunitySource.INBOUND: (
        "ORGANIC_SEARCH",
        "PAID_SEARCH",
        "DIRECT_TRAFFIC",
        "EMAIL_MARKETING",
        "SOCIAL_MEDIA",
        "REFERRALS",
    ),
    OpportunitySource.OUTBOUND: ("OTHER_CAMPAIGNS",),
    OpportunitySource.PARTNER: ("Partner Referral", "partner"),
    OpportunitySource.EVENT: ("Trade Show", "event"),
    OpportunitySource.REFERRAL: ("Customer Referral", "referral"),
}
NOTES: Final = (
    "Thanked by email",
    "Follow up next quarter",
    "Prospect asked about the rollout",
    "Posted on G2",
    "Great energy on the call",
)


def check_countries() -> None:
    """Every country written is one the region table knows, in its region."""
    table = RegionTable.default()
    for region, countries in COUNTRIES.items():
        for country in countries:
            assert table.region(country) == region, country  # noqa: S101


# --- how values are written ----------------------------------------------------


class Writer:
    """Writes values as an export does, with its dirt, and counts the dirt."""

    def __init__(self, rng: random.Random) -> None:
        """Draw from `rng`."""
        self.rng = rng
        self.dirt: Counter[str] = Counter()
        aliases = Aliases.default()
        self.aliases: dict[object, list[str]] = defaultdict(list)
        for table in (aliases.activity_types, aliases.outcomes, aliases.kinds):
            for word, member in table.items():
                self.aliases[member].append(word)

    def chance(self, p: float) -> bool:
        """True with probability `p`."""
        return self.rng.random() < p

    def unknown(self) -> str | None:
        """No value, as exports write it."""
        form: str | None = self.rng.choice(
            [None, None, None, "", "", "", "N/A", "null"]
        )
        name = {None: "null", "": "blank", "N/A": "N/A", "null": "'null'"}[form]
        self.dirt[f"unknown as {name}"] += 1
        return form

    def whole(self, value: int | Decimal, *, point: str = ".0") -> str:
        """A whole number: `"98"`, `"1,200"` or `"98.0"`."""
        if value >= 1000 and self.chance(0.45):
            self.dirt["thousands separator"] += 1
            return f"{int(value):,}"
        if self.chance(0.12):
            self.dirt["whole number with a point"] += 1
            return f"{int(value)}{point}"
        return str(int(value))

    def flag(self, value: bool) -> str:  # noqa: FBT001  # the value written
        """A boolean: HubSpot's `"true"`/`"false"`, or a yes/no word."""
        if self.chance(0.22):
            self.dirt["yes/no word"] += 1
            return self.rng.choice(["Yes", "yes", "TRUE"] if value else ["no", "No"])
        return "true" if value else "false"

    def maybe_flag(self, value: bool | None) -> str | None:  # noqa: FBT001
        """A boolean, or no value."""
        return self.unknown() if value is None else self.flag(value)

    def datetime(self, day: pendulum.Date) -> str:
        """A datetime property on `day`, in one of the forms exports hold.

        The date as written is `day`, in whatever offset it is written (epoch
        milliseconds are read in UTC).
        """
        at = moment(day, self.rng)
        draw = self.rng.random()
        if draw < 0.66:
            self.dirt["datetime ending in Z"] += 1
            return f"{day}T{at:%H:%M:%S}.000Z"
        if draw < 0.8:
            self.dirt["datetime with an offset"] += 1
            hours = self.rng.choice([2, 1, -5, 9, -3])
            return f"{day}T{at:%H:%M:%S}{hours:+03d}:00"
        if draw < 0.94:
            self.dirt["epoch milliseconds"] += 1
            return str((at - EPOCH) // MILLISECOND)
        self.dirt["plain date for a datetime"] += 1
        return str(day)

    def date(self, day: pendulum.Date) -> str:
        """A date property: `"2026-03-31"`, sometimes written as a datetime."""
        if self.chance(0.15):
            self.dirt["datetime for a date"] += 1
            if self.chance(0.5):
                return f"{day}T00:00:00.000Z"
            # HubSpot's date properties are midnight UTC.
            midnight = datetime.datetime(
                day.year, day.month, day.day, tzinfo=datetime.UTC
            )
            return str((midnight - EPOCH) // MILLISECOND)
        return str(day)

    def member(self, value: object, *, alias_share: float = 0.3) -> str:
        """An enum value: as stored, in another case, or an alias."""
        text = str(value)
        words = self.aliases.get(value, [])
        draw = self.rng.random()
        if words and draw < alias_share:
            self.dirt["enum alias"] += 1
            return self.rng.choice(sorted(words))
        if draw < alias_share + 0.25:
            self.dirt["enum in another case"] += 1
            spaced = text.replace("_", " ")
            return self.rng.choice([spaced.title(), text.upper(), spaced.capitalize()])
        return text

    def many(self, values: Sequence[str]) -> str:
        """A multi-select: values joined by ";", sometimes with spaces."""
        if len(values) > 1 and self.chance(0.25):
            self.dirt["spaced multi-select"] += 1
            return "; ".join(values)
        return ";".join(values)

    def country(self, region: str) -> str:
        """A country of `region`, as someone typed it."""
        country = self.rng.choice(COUNTRIES[region])
        if len(country) <= 3:
            self.dirt["country code"] += 1
        return country

    def name(self, word: str) -> str:
        """A name, sometimes with spaces around it."""
        if self.chance(0.035):
            self.dirt["name with spaces"] += 1
            return f" {word} "
        return word


def moment(day: pendulum.Date, rng: random.Random) -> datetime.datetime:
    """A moment on `day` (UTC)."""
    midnight = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    return midnight + datetime.timedelta(seconds=rng.randrange(86_400))


def stamp(at: datetime.datetime) -> str:
    """A record's `created_at`/`updated_at` as JSON holds it: ISO, UTC, Z."""
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def ids(rng: random.Random, start: int) -> Iterator[str]:
    """Increasing record ids, as a portal hands them out."""
    current = start
    while True:
        current += rng.randint(1, 4000)
        yield str(current)


def associated(*pairs: tuple[str, str]) -> dict[str, Any]:
    """An association group as the client's `to_dict()` writes it."""
    return {"paging": None, "results": [{"id": i, "type": t} for i, t in pairs]}


def record(
    rng: random.Random,
    record_id: str,
    day: pendulum.Date,
    properties: Mapping[str, str | None],
    associations: Mapping[str, Any] | None,
) -> Record:
    """One record made on `day`, shaped as `SimplePublicObjectWithAssociations`'s."""
    # A record made on the export's day was made before the export.
    created = min(moment(day, rng), EXPORTED)
    updated = created + (EXPORTED - created) * rng.random()
    return {
        "archived": False,
        "archived_at": None,
        "associations": None if associations is None else dict(associations),
        "created_at": stamp(created),
        "id": record_id,
        "object_write_trace_id": None,
        "properties": {
            "hs_object_id": record_id,
            "hs_lastmodifieddate": stamp(updated),
            **properties,
        },
        "properties_with_history": None,
        "updated_at": stamp(updated),
    }


# --- the export -----------------------------------------------------------------


class Export:
    """The records written, and the values loading them must give."""

    def __init__(self) -> None:
        """Pick the demo program's part, then write every record."""
        self.rng = random.Random(2026)  # noqa: S311 - fixture data, not secrets
        self.write = Writer(self.rng)
        self.program = demo_program(as_of=AS_OF)
        self.companies: list[Record] = []
        self.contacts: list[Record] = []
        self.profiles: list[Record] = []
        self.activities: list[Record] = []
        self.deals: list[Record] = []
        self.accounts: dict[str, Account] = {}
        self.advocates: dict[str, Advocate] = {}
        self.signals: dict[str, Signals] = {}
        self.activity_values: dict[str, Activity] = {}
        self.opportunities: dict[str, Opportunity] = {}
        self.prospects: list[str] = []
        self.prospect_values: dict[str, ProspectProfile] = {}
        self.first_deals: dict[str, str] = {}  # demo deal id to prospect company
        self.rejected: dict[str, set[str]] = defaultdict(set)
        self.company_of: dict[str, str] = {}  # demo account id to company id
        self.profile_of: dict[str, str] = {}  # demo advocate id to profile id
        self.activity_of: dict[str, str] = {}  # demo activity id to record id
        self.deal_of: dict[str, str] = {}  # demo activity id to deal id

    def build(self) -> None:
        """Every record, in dependency order."""
        chosen, works_at = self.pick()
        self.write_companies(sorted(set(works_at.values())))
        self.write_people(chosen, works_at)
        deals = self.pick_deals()
        self.write_prospects(deals)
        deal_ids = self.allocate_deals(deals)
        self.write_activities(chosen)
        self.write_deals(deals, deal_ids)
        self.add_impossible(chosen)

    # -- picking ------------------------------------------------------------------

    def pick(self) -> tuple[list[str], dict[str, str]]:
        """The advocates taken, and the demo account each now works at."""
        program = self.program
        counts = Counter(a.advocate_id for a in program.activities)
        active = sorted(counts, key=lambda i: (-counts[i], i))[:ACTIVE]
        idle = [a.id for a in program.advocates if a.id not in counts]
        chosen = sorted(active + self.rng.sample(idle, INACTIVE))
        by_id = {a.id: a for a in program.advocates}
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for advocate_id in chosen:
            account = program.account_of(by_id[advocate_id])
            groups[account.industry, account.size_band.value].append(advocate_id)
        works_at: dict[str, str] = {}
        for key in sorted(groups):
            members = groups[key]
            self.rng.shuffle(members)
            heads = members[: max(1, round(len(members) / PER_COMPANY))]
            for advocate_id in members:
                head = advocate_id if advocate_id in heads else self.rng.choice(heads)
                works_at[advocate_id] = by_id[head].account_id
        return chosen, works_at

    def pick_deals(self) -> list[Opportunity]:
        """The deals of the activities taken, then others, by creation."""
        taken = {
            a.id for a in self.program.activities if a.advocate_id in self.profile_of
        }
        linked = [
            o
            for o in self.program.opportunities
            if o.activity_ids and o.activity_ids <= taken
        ]
        plain = [o for o in self.program.opportunities if not o.activity_ids]
        others = self.rng.sample(plain, DEALS - len(linked))
        return sorted(linked + others, key=lambda o: o.created)

    # -- companies ----------------------------------------------------------------

    def write_companies(self, account_ids: Sequence[str]) -> None:
        """The customer companies, oldest customer first."""
        accounts = {a.id: a for a in self.program.accounts}
        made = sorted(
            (accounts[i] for i in account_ids), key=lambda a: a.customer_since
        )
        numbers = ids(self.rng, 21_804_300_000)
        for account in made:
            company_id = next(numbers)
            self.company_of[account.id] = company_id
            self.companies.append(self.customer(company_id, account))
        self.company_ids = numbers

    def customer(self, company_id: str, account: Account) -> Record:
        """One customer company; its account is what loading must give."""
        write = self.write
        country = write.country(account.region)
        stage = self.rng.choices(
            ["customer", "Customer", "CUSTOMER", "evangelist", None], [30, 4, 2, 3, 1]
        )[0]
        if stage is None:
            self.write.dirt["no lifecycle stage"] += 1
        elif stage == "evangelist":
            self.write.dirt["lifecycle stage evangelist"] += 1
        elif stage != "customer":
            self.write.dirt["lifecycle stage in another case"] += 1
        advocate = next(a for a in self.program.advocates if a.account_id == account.id)
        health = self.program.signals[advocate.id].health_score
        arr = account.arr
        policy = account.policy
        properties = {
            "name": account.name,
            "domain": account.name.lower().replace(" ", "") + ".com",
            "industry": account.industry,
            "numberofemployees": write.whole(account.employees),
            "country": country,
            "lifecyclestage": stage if stage is not None else write.unknown(),
            "hs_lifecyclestage_customer_date": write.datetime(account.customer_since),
            "products_owned": write.many(sorted(account.products)),
            "use_cases": write.many(sorted(account.use_cases)),
            "health_score": (
                write.unknown() if health is None else write.whole(int(health))
            ),
            "arr": write.unknown()
            if arr is None
            else write.whole(arr.amount, point=".00"),
            "public_advocacy_allowed": self.policy_flag(
                policy.public_allowed, default=True
            ),
            "advocacy_approval_required": self.policy_flag(
                policy.approval_required, default=False
            ),
            "restricted_advocacy_activities": (
                write.many([write.member(t) for t in sorted(policy.restricted)])
                if policy.restricted
                else write.unknown()
                if write.chance(0.3)
                else ""
            ),
        }
        # Loading reads the company's id as the account's.
        self.accounts[company_id] = attrs.evolve(account, id=company_id)
        created = account.customer_since.subtract(days=self.rng.randint(20, 400))
        return record(self.rng, company_id, created, properties, None)

    def policy_flag(self, value: bool, *, default: bool) -> str | None:  # noqa: FBT001
        """A policy flag, often left unset where it is the default."""
        if value == default and self.write.chance(0.4):
            return self.write.unknown()
        return self.write.flag(value)

    def write_prospects(self, deals: Sequence[Opportunity]) -> None:
        """The prospect companies: the first new-business deals' prospects."""
        fresh = [d for d in deals if d.prospect.account_id is None][:PROSPECTS]
        write = self.write
        for deal in fresh:
            company_id = next(self.company_ids)
            prospect = deal.prospect
            assert prospect.employees is not None  # noqa: S101  # the demo's are known
            assert prospect.region is not None  # noqa: S101
            properties = {
                "name": prospect.name,
                "domain": prospect.name.lower().replace(" ", "") + ".com",
                "industry": prospect.industry,
                "numberofemployees": write.whole(prospect.employees),
                "country": write.country(prospect.region),
                "lifecyclestage": self.rng.choice(["lead", "opportunity"]),
                "hs_lifecyclestage_customer_date": None,
            }
            created = deal.created.subtract(days=self.rng.randint(1, 60))
            self.companies.append(
                record(self.rng, company_id, created, properties, None)
            )
            self.prospects.append(company_id)
            # Loading reads the company's id as the prospect's account id.
            self.prospect_values[company_id] = attrs.evolve(
                prospect, account_id=company_id
            )
            self.first_deals[deal.id] = company_id

    # -- contacts and profiles ------------------------------------------------------

    def write_people(self, chosen: Sequence[str], works_at: Mapping[str, str]) -> None:
        """A contact and an Advocate Profile per advocate taken."""
        by_id = {a.id: a for a in self.program.advocates}
        accounts = {a.id: a for a in self.program.accounts}
        contact_ids = ids(self.rng, 98_100_000)
        profile_ids = ids(self.rng, 31_200_000_000)
        order = sorted(chosen, key=lambda i: accounts[works_at[i]].customer_since)
        companies = sorted(self.company_of.values())
        for advocate_id in order:
            advocate = by_id[advocate_id]
            account = accounts[works_at[advocate_id]]
            company_id = self.company_of[account.id]
            contact_id, profile_id = next(contact_ids), next(profile_ids)
            self.profile_of[advocate_id] = profile_id
            created = account.customer_since.add(days=self.rng.randint(0, 200))
            created = min(created, AS_OF)
            self.contacts.append(
                self.contact(contact_id, created, advocate, company_id, companies)
            )
            self.profiles.append(
                self.profile(profile_id, created, advocate, contact_id, company_id)
            )
            signals = self.program.signals[advocate_id]
            company_signals = self.program.signals[
                next(a.id for a in self.program.advocates if a.account_id == account.id)
            ]
            # Health and tenure are the company's: its first advocate's in the demo.
            self.signals[profile_id] = attrs.evolve(
                signals,
                health_score=company_signals.health_score,
                customer_since=account.customer_since,
            )
            self.advocates[profile_id] = attrs.evolve(
                advocate, id=profile_id, account_id=company_id
            )

    def contact(
        self,
        contact_id: str,
        created: pendulum.Date,
        advocate: Advocate,
        company_id: str,
        companies: Sequence[str],
    ) -> Record:
        """The contact behind an advocate, associated with their company."""
        write = self.write
        first, last = advocate.name.split(" ", 1)
        nps = self.program.signals[advocate.id].nps
        primary = (company_id, "contact_to_company")
        twin = (company_id, "contact_to_company_unlabeled")
        draw = self.rng.random()
        if draw < 0.2:
            write.dirt["unlabelled association first"] += 1
            links = associated(twin, primary)
        elif draw < 0.27:
            write.dirt["former employer listed first"] += 1
            former = self.rng.choice([c for c in companies if c != company_id])
            links = associated((former, "contact_to_company_unlabeled"), primary, twin)
        else:
            links = associated(primary, twin)
        domain = self.accounts[company_id].name.lower().replace(" ", "")
        properties = {
            "firstname": write.name(first),
            "lastname": write.name(last),
            "email": f"{first}.{last}@{domain}.com".lower(),
            "jobtitle": advocate.title,
            "lifecyclestage": "customer",
            "createdate": write.datetime(created),
            "hs_feedback_last_nps_rating": (
                write.unknown() if nps is None else str(nps)
            ),
        }
        return record(self.rng, contact_id, created, properties, {"companies": links})

    def profile(
        self,
        profile_id: str,
        created: pendulum.Date,
        advocate: Advocate,
        contact_id: str,
        company_id: str,
    ) -> Record:
        """An Advocate Profile, associated with its contact (and its company)."""
        write = self.write
        signals = self.program.signals[advocate.id]
        adoption = signals.feature_adoption
        if adoption is not None:
            write.dirt["bare percent"] += 1
        links = {"contacts": associated((contact_id, "advocate_profile_to_contact"))}
        if write.chance(0.27):
            write.dirt["profile with its company"] += 1
            links["companies"] = associated((company_id, "advocate_profile_to_company"))
        until = advocate.do_not_contact_until
        properties = {
            "advocacy_tier": (
                write.unknown()
                if advocate.tier is None
                else write.member(advocate.tier, alias_share=0)
            ),
            "persona": advocate.persona,
            "preferred_activities": write.many(
                [write.member(t, alias_share=0.15) for t in sorted(advocate.activities)]
            ),
            "motivations": write.many(
                [write.member(m, alias_share=0) for m in sorted(advocate.motivations)]
            ),
            "available_for_references": write.flag(advocate.available_for_references),
            "do_not_contact_until": (
                write.unknown() if until is None else write.date(until)
            ),
            "opted_out": write.flag(advocate.opted_out),
            "industry_expertise": write.many(sorted(advocate.industry_expertise)),
            "award_recipient": write.flag(advocate.award_recipient),
            "public_recognition": write.flag(advocate.public_recognition),
            "feature_adoption": (
                write.unknown()
                if adoption is None
                else str((Decimal(str(adoption)) * 100).normalize())
            ),
            "positive_mentions": (
                write.unknown()
                if signals.positive_mentions is None
                else str(signals.positive_mentions)
            ),
            "responded_to_requests": write.maybe_flag(signals.responded_to_requests),
            "hs_createdate": write.datetime(created),
        }
        return record(self.rng, profile_id, created, properties, links)

    # -- activities and deals ---------------------------------------------------------

    def allocate_deals(self, deals: Sequence[Opportunity]) -> dict[str, str]:
        """Each deal's record id, and the deal of each activity it links."""
        numbers = ids(self.rng, 18_700_000_000)
        made = {}
        for deal in deals:
            made[deal.id] = next(numbers)
            for activity_id in deal.activity_ids:
                self.deal_of[activity_id] = made[deal.id]
        return made

    def write_activities(self, chosen: Sequence[str]) -> None:
        """Every activity of the advocates taken, by date."""
        numbers = ids(self.rng, 31_300_000_000)
        taken = set(chosen)
        for activity in self.program.activities:
            if activity.advocate_id not in taken:
                continue
            activity_id = next(numbers)
            self.activity_of[activity.id] = activity_id
            self.activities.append(self.activity(activity_id, activity))
        self.activity_ids = numbers

    def activity(self, activity_id: str, activity: Activity) -> Record:
        """One Advocacy Activity, associated with its profile (and deal)."""
        write = self.write
        profile_id = self.profile_of[activity.advocate_id]
        deal_id = self.deal_of.get(activity.id)
        links = {
            "advocate_profiles": associated(
                (profile_id, "advocacy_activity_to_advocate_profile")
            )
        }
        if deal_id is not None:
            links["deals"] = associated((deal_id, "advocacy_activity_to_deal"))
        minutes = activity.minutes
        hours: str | None
        if minutes is None or write.chance(0.04):
            hours, minutes = write.unknown(), None
        else:
            hours = str((Decimal(minutes) / 60).quantize(Decimal("0.01")))
        notes = self.rng.choice(NOTES) if write.chance(0.25) else None
        properties = {
            "activity_type": write.member(activity.type, alias_share=0.35),
            "activity_date": write.date(activity.date),
            "hours": hours,
            "recognition_sent": write.flag(activity.recognition_sent),
            "notes": notes if notes is not None else write.unknown(),
            "hs_createdate": write.datetime(activity.date),
        }
        self.activity_values[activity_id] = attrs.evolve(
            activity,
            id=activity_id,
            advocate_id=profile_id,
            minutes=minutes,
            opportunity_id=deal_id,
            notes=notes or "",
        )
        return record(self.rng, activity_id, activity.date, properties, links)

    def write_deals(
        self, deals: Sequence[Opportunity], made: Mapping[str, str]
    ) -> None:
        """The deals, each with its prospect's company and its activities.

        One closed deal without activities is written closed before it was
        created: loading must reject it.
        """
        customers = sorted(self.accounts)
        prospects = sorted(self.prospect_values)
        closed = [d.id for d in deals if d.closed is not None and not d.activity_ids]
        self.closed_early = self.rng.choice(closed)
        for deal in deals:
            company_id: str | None
            if deal.id in self.first_deals:
                company_id = self.first_deals[deal.id]
            elif deal.prospect.account_id is not None:
                company_id = self.rng.choice(customers)
            elif self.write.chance(0.1):
                self.write.dirt["deal with no company"] += 1
                company_id = None
            else:
                company_id = self.rng.choice(prospects)
            self.deals.append(self.deal(made[deal.id], deal, company_id))

    def deal(self, deal_id: str, deal: Opportunity, company_id: str | None) -> Record:
        """One deal; its opportunity is what loading must give."""
        write = self.write
        activity_ids = sorted(self.activity_of[a] for a in deal.activity_ids)
        links: dict[str, Any] = {}
        if company_id is not None:
            links["companies"] = associated(
                (company_id, "deal_to_company"),
                (company_id, "deal_to_company_unlabeled"),
            )
        if activity_ids:
            links["advocacy_activities"] = associated(
                *((a, "deal_to_advocacy_activity") for a in activity_ids)
            )
        closed = deal.outcome is not DealOutcome.OPEN
        won = deal.outcome is DealOutcome.WON
        flags = not write.chance(0.2)
        if not flags:
            write.dirt["deal without flags"] += 1
        close_date = deal.closed
        if close_date is None:
            write.dirt["open deal with a close date"] += 1
            close_date = AS_OF.add(days=self.rng.randint(5, 120))
        elif deal.id == self.closed_early:
            close_date = deal.created.subtract(days=self.rng.randint(3, 20))
        stage = (
            write.member(deal.outcome, alias_share=1)
            if closed
            else self.rng.choice(OPEN_STAGES)
        )
        currency: str | None = "USD"
        if write.chance(0.08):
            write.dirt["currency in lower case"] += 1
            currency = "usd"
        elif write.chance(0.1):
            write.dirt["currency left out"] += 1
            currency = write.unknown()
        kind = deal.kind
        properties = {
            "dealname": f"{deal.prospect.name} - {kind.value.replace('_', ' ')}",
            "amount": write.whole(deal.amount.amount, point=".00"),
            "deal_currency_code": currency,
            "createdate": write.datetime(deal.created),
            "closedate": write.datetime(close_date),
            "hs_is_closed": write.flag(closed) if flags else None,
            "hs_is_closed_won": write.flag(won) if flags else None,
            "dealstage": stage,
            "pipeline": "default",
            "dealtype": write.member(kind, alias_share=0.8),
            "hs_analytics_source": self.rng.choice(SOURCES[deal.source]),
        }
        if deal.id == self.closed_early:
            self.rejected["Opportunity"].add(deal_id)
        else:
            self.opportunities[deal_id] = self.opportunity(
                deal_id, deal, company_id, activity_ids
            )
        return record(self.rng, deal_id, deal.created, properties, links or None)

    def opportunity(
        self,
        deal_id: str,
        deal: Opportunity,
        company_id: str | None,
        activity_ids: Sequence[str],
    ) -> Opportunity:
        """What loading a deal must give."""
        return Opportunity(
            id=deal_id,
            prospect=self.prospect(company_id),
            amount=Money(deal.amount.amount, "USD"),
            created=deal.created,
            outcome=deal.outcome,
            closed=deal.closed,
            source=deal.source,
            kind=deal.kind,
            activity_ids=frozenset(activity_ids),
        )

    def prospect(self, company_id: str | None) -> ProspectProfile:
        """Who a deal's company is, as loading reads it."""
        if company_id is None:
            return ProspectProfile()
        if company_id in self.prospect_values:
            return self.prospect_values[company_id]
        account = self.accounts[company_id]
        return ProspectProfile(
            name=account.name,
            account_id=company_id,
            industry=account.industry,
            employees=account.employees,
            region=account.region,
        )

    # -- the impossible ---------------------------------------------------------------

    def add_impossible(self, chosen: Sequence[str]) -> None:
        """One record of each kind loading must reject."""
        rng = self.rng
        # A customer whose customer-since date is after the export.
        taken = set(self.company_of)
        spare = rng.choice([a for a in self.program.accounts if a.id not in taken])
        future_id = next(self.company_ids)
        future = attrs.evolve(spare, customer_since=pendulum.date(2026, 11, 2))
        self.companies.append(self.customer(future_id, future))
        del self.accounts[future_id]
        self.rejected["Account"].add(future_id)
        # A contact who answered 11 on a 0-10 scale.
        answered = [i for i in chosen if self.program.signals[i].nps is not None]
        eleven = self.profile_of[rng.choice(answered)]
        contact = self.contact_of_profile(eleven)
        contact["properties"]["hs_feedback_last_nps_rating"] = "11"
        del self.signals[eleven]
        self.rejected["Signals"].add(eleven)
        # A profile that lost its contact (and had no company of its own): no
        # name and no company.
        busy = {a.advocate_id for a in self.program.activities}
        idle = {self.profile_of[i] for i in chosen if i not in busy} - {eleven}
        profile = rng.choice(
            [
                p
                for p in self.profiles
                if p["id"] in idle and "companies" not in p["associations"]
            ]
        )
        orphan = profile["id"]
        profile["associations"] = None
        del self.advocates[orphan]
        self.rejected["Advocate"].add(orphan)
        own = self.signals[orphan]
        self.signals[orphan] = Signals(
            feature_adoption=own.feature_adoption,
            positive_mentions=own.positive_mentions,
            responded_to_requests=own.responded_to_requests,
        )
        # Two activities no catalog has: a podcast, and negative hours.
        someone = self.activities[rng.randrange(len(self.activities))]
        profile_link = someone["associations"]["advocate_profiles"]
        for activity_type, hours in (("podcast", "1"), ("reference_call", "-1.5")):
            activity_id = next(self.activity_ids)
            day = AS_OF.subtract(days=rng.randint(1, 60))
            self.activities.append(
                record(
                    rng,
                    activity_id,
                    day,
                    {
                        "activity_type": activity_type,
                        "activity_date": str(day),
                        "hours": hours,
                        "recognition_sent": "false",
                        "notes": self.write.unknown(),
                        "hs_createdate": self.write.datetime(day),
                    },
                    {"advocate_profiles": profile_link},
                )
            )
            self.rejected["Activity"].add(
                activity_id
            )  # The deal closed before it was created is written with the deals.

    def contact_of_profile(self, profile_id: str) -> Record:
        """The contact record a profile is associated with."""
        profile = next(p for p in self.profiles if p["id"] == profile_id)
        contact_id = profile["associations"]["contacts"]["results"][0]["id"]
        return next(c for c in self.contacts if c["id"] == contact_id)

    # -- out --------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        """The export, as the JSON file holds it."""
        return {
            "exported_at": EXPORTED_AT,
            "companies": self.companies,
            "contacts": self.contacts,
            "advocate_profiles": self.profiles,
            "advocacy_activities": self.activities,
            "deals": self.deals,
        }


# --- the check ------------------------------------------------------------------


def verify(export: Export, document: Mapping[str, Any]) -> None:
    """Loading the file gives the values, and rejects the impossible records."""
    loaded = load_hubspot(
        companies=document["companies"],
        contacts=document["contacts"],
        profiles=document["advocate_profiles"],
        activities=document["advocacy_activities"],
        deals=document["deals"],
        as_of=AS_OF,
    )
    wanted: dict[str, Mapping[str, object]] = {
        "Account": export.accounts,
        "Advocate": export.advocates,
        "Signals": export.signals,
        "Activity": export.activity_values,
        "Opportunity": export.opportunities,
    }
    problems = []
    for load in loaded.loads:
        got = load.by_id()
        expected = wanted[load.kind]
        wrong = sorted(
            key
            for key in got.keys() | expected.keys()
            if got.get(key) != expected.get(key)
        )
        problems += [
            f"{load.kind} {key}: {got.get(key)} != {expected.get(key)}" for key in wrong
        ]
        rejected = {row.id for row in load.rejected if row.id is not None}
        if rejected != export.rejected[load.kind] or len(rejected) != len(
            load.rejected
        ):
            problems.append(
                f"{load.kind} rejected {sorted(rejected)}: {load.explain()}"
            )
    if loaded.rejected != IMPOSSIBLE:
        problems.append(f"{loaded.rejected} rejected, not {IMPOSSIBLE}")
    if list(loaded.prospects) != export.prospects:
        problems.append(f"prospects {loaded.prospects} != {export.prospects}")
    written = export.write.dirt
    problems += [
        f"dirt {what!r}: {written[what]} written, DIRT says {DIRT.get(what, 0)}"
        for what in sorted(DIRT.keys() | written.keys())
        if written[what] != DIRT.get(what, 0) or not written[what]
    ]
    if problems:
        raise SystemExit("\n".join(problems))


def render() -> tuple[Export, str]:
    """The export built and checked, and the file's text."""
    check_countries()
    export = Export()
    export.build()
    text = json.dumps(export.document(), indent=1, sort_keys=True, ensure_ascii=False)
    # Checked as the file will be read back: JSON, not the objects built.
    verify(export, json.loads(text))
    return export, text + "\n"


def main() -> None:
    """Write the fixture, check it loads as it should, print a summary."""
    export, text = render()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.name}: {OUT.stat().st_size:,} bytes")
    for name, records in export.document().items():
        if isinstance(records, list):
            print(f"  {name:<20} {len(records):>4}")
    print(f"  prospects            {len(export.prospects):>4}")
    print("rejected on load, as intended:")
    for kind, rejected in sorted(export.rejected.items()):
        print(f"  {kind:<12} {', '.join(sorted(rejected))}")
    print("dirt:")
    for what, count in DIRT.items():
        print(f"  {what:<34} {count:>4}")


if __name__ == "__main__":
    main()
