"""Sync with HubSpot: load an export, score and tier, build the profile updates.

Run it with `python examples/crm_sync.py`. It reads the HubSpot export in
`examples/data/hubspot_export.json` (companies, contacts, Advocate Profiles,
Advocacy Activities and deals, as HubSpot's v3 API returns them; written by
`scripts/make_hubspot_fixture.py`), loads it as of 2026-09-30 and says what
it built and what it rejected, and why. It then scores the loaded advocates
with the default model, assigns tiers, and builds the batch updates that
write each profile's tier, score, activities completed and last
participation back.

Nothing is sent: this example never imports `hubspot`. The host sends each
body with `hubspot-api-client`, as one batch update of the Advocate Profile
object (its type id, or its fully qualified name, is the portal's own):

    from hubspot import HubSpot
    from hubspot.crm.objects import BatchInputSimplePublicObjectBatchInput

    client = HubSpot(access_token=token)
    for body in bodies:
        client.crm.objects.batch_api.update(
            "2-12345678", BatchInputSimplePublicObjectBatchInput(**body)
        )
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pendulum

from advocacy import (
    CrmRecords,
    ScoringModel,
    Tier,
    TierAssignment,
    assign_tiers,
    hubspot_profile_updates,
    load_hubspot,
)

AS_OF = pendulum.date(2026, 9, 30)
EXPORT = Path(__file__).parent / "data" / "hubspot_export.json"
OBJECTS = ("companies", "contacts", "advocate_profiles", "advocacy_activities", "deals")


def load(path: Path) -> CrmRecords:
    """The export's records, loaded as of `AS_OF`; print what was built."""
    export = json.loads(path.read_text(encoding="utf-8"))
    records = load_hubspot(
        companies=export["companies"],
        contacts=export["contacts"],
        profiles=export["advocate_profiles"],
        activities=export["advocacy_activities"],
        deals=export["deals"],
        as_of=AS_OF,
    )
    print(f"HubSpot export of {export['exported_at']}, loaded as of {AS_OF}")
    print("  " + ", ".join(f"{len(export[name])} {name}" for name in OBJECTS))
    print(f"  {records.rejected} records rejected\n")
    print(records.explain())
    return records


def score_and_tier(records: CrmRecords) -> tuple[dict[str, int], TierAssignment]:
    """Score the advocates whose profile and signals both loaded; tier them."""
    advocates = records.advocates.by_id()
    signals = records.signals.by_id()
    ids = sorted(advocates.keys() & signals.keys())
    skipped = sorted(advocates.keys() ^ signals.keys())
    totals = ScoringModel.default().score_many([signals[i] for i in ids], as_of=AS_OF)
    scores = dict(zip(ids, totals, strict=True))
    tiers = assign_tiers(scores, as_of=AS_OF, activities=records.activities.values)
    print(
        f"\nScored {len(scores)} advocates (default model); not scored, "
        f"profile or signals rejected: {', '.join(skipped)}"
    )
    counts = tiers.counts()
    for tier in (*Tier, None):
        name = tier.value.capitalize() if tier else "No tier"
        print(f"  {name:<10} {counts[tier]:>4}")
    return scores, tiers


def updates(
    records: CrmRecords, scores: dict[str, int], tiers: TierAssignment
) -> list[dict[str, Any]]:
    """The batch-update bodies for the scored profiles; print the top champion's."""
    bodies = hubspot_profile_updates(
        scores, tiers, activities=records.activities.values, as_of=AS_OF
    )
    sizes = [len(body["inputs"]) for body in bodies]
    print(
        f"\nProfile updates: {len(bodies)} batch bodies, {sum(sizes)} inputs "
        f"({', '.join(map(str, sizes))}; at most 100 a batch)"
    )
    top = tiers.members(Tier.CHAMPION)[0]
    (sample,) = [i for body in bodies for i in body["inputs"] if i["id"] == top]
    print(f"  the top champion's input (score {scores[top]}):")
    text = json.dumps(sample, indent=2, sort_keys=True)
    print("\n".join(f"  {line}" for line in text.splitlines()))
    return bodies


def main() -> None:
    """Load, score and tier, and build the write-back."""
    records = load(EXPORT)
    scores, tiers = score_and_tier(records)
    updates(records, scores, tiers)


if __name__ == "__main__":
    main()
