"""examples/crm_sync.py: what it loads from the HubSpot export, and what it writes back.

The example's functions are run on the export in examples/data (written by
scripts/make_hubspot_fixture.py), so the tests pin its records, its six
impossible rows and the update bodies, not only the printed text.
"""

from __future__ import annotations

import json
import math
import runpy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pendulum
import pytest

from advocacy import CrmRecords, TierAssignment
from advocacy._io import hubspot as module

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "crm_sync.py"
FIXTURE = ROOT / "scripts" / "make_hubspot_fixture.py"
AS_OF = pendulum.date(2026, 9, 30)
PROPERTIES = {
    "advocacy_tier",
    "advocacy_score",
    "activities_completed",
    "last_participation_date",
}

# The fixture's six impossible records: each rejected row's kind, id and the
# fields (with their columns) it was rejected for.
REJECTED = {
    ("Account", "21804402107"): [
        ("Account.customer_since", "hs_lifecyclestage_customer_date", "2026-11-02")
    ],
    ("Advocate", "31200167311"): [
        ("Advocate.account_id", "company.id", None),
        ("Advocate.name", "derived.name", None),
    ],
    ("Signals", "31200088843"): [
        ("Signals.nps", "contact.hs_feedback_last_nps_rating", "11")
    ],
    ("Activity", "31300667562"): [("Activity.type", "activity_type", "podcast")],
    ("Activity", "31300669274"): [("Activity.minutes", "hours", "-1.5")],
    ("Opportunity", "18700031553"): [
        ("Opportunity.closed", "derived.closed", "2025-12-23T20:18:14.000Z")
    ],
}


class Run:
    """The example's results, from its own functions, and what they printed."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        example = runpy.run_path(str(EXAMPLE), run_name="crm_sync")
        load: Callable[[Path], CrmRecords] = example["load"]
        self.export = json.loads(example["EXPORT"].read_text(encoding="utf-8"))
        self.records = load(example["EXPORT"])
        self.scores, self.tiers = example["score_and_tier"](self.records)
        self.bodies: list[dict[str, Any]] = example["updates"](
            self.records, self.scores, self.tiers
        )
        self.out = capsys.readouterr().out
        self.inputs = [item for body in self.bodies for item in body["inputs"]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    return Run(capsys)


class TestExport:
    def test_the_export_is_what_the_fixture_script_writes_and_checks(self) -> None:
        # render() raises SystemExit when a record does not load as the demo
        # program has it, or the dirt counts are off.
        script = runpy.run_path(str(FIXTURE), run_name="make_hubspot_fixture")
        _export, text = script["render"]()
        assert script["OUT"] == ROOT / "examples" / "data" / "hubspot_export.json"
        assert text == script["OUT"].read_text(encoding="utf-8")

    def test_the_export_is_small_and_sized_as_documented(self, run: Run) -> None:
        written = ROOT / "examples" / "data" / "hubspot_export.json"
        assert len(written.read_bytes()) < 700_000
        sizes = {
            name: len(run.export[name]) for name in run.export if name != "exported_at"
        }
        assert sizes == {
            "companies": 53,
            "contacts": 136,
            "advocate_profiles": 136,
            "advocacy_activities": 331,
            "deals": 50,
        }


class TestLoading:
    def test_the_example_reads_the_export_beside_it(self) -> None:
        example = runpy.run_path(str(EXAMPLE), run_name="crm_sync")
        assert example["EXPORT"] == EXAMPLE.parent / "data" / "hubspot_export.json"
        assert example["AS_OF"] == AS_OF

    def test_every_record_is_built_rejected_or_a_prospect(self, run: Run) -> None:
        loaded = run.records
        companies = run.export["companies"]
        assert loaded.accounts.total + len(loaded.prospects) == len(companies) == 53
        assert loaded.advocates.total == len(run.export["advocate_profiles"]) == 136
        assert loaded.signals.total == 136
        assert loaded.activities.total == len(run.export["advocacy_activities"])
        assert loaded.opportunities.total == len(run.export["deals"]) == 50

    def test_the_counts_built(self, run: Run) -> None:
        built = [len(load.values) for load in run.records.loads]
        assert built == [42, 135, 135, 329, 49]
        assert len(run.records.prospects) == 10
        assert "Account: 42 of 43 rows built, 1 rejected" in run.out
        assert "Advocate: 135 of 136 rows built, 1 rejected" in run.out
        assert "Signals: 135 of 136 rows built, 1 rejected" in run.out
        assert "Opportunity: 49 of 50 rows built, 1 rejected" in run.out

    def test_the_prospects_are_the_companies_not_in_a_customer_stage(
        self, run: Run
    ) -> None:
        stages = {
            c["id"]: c["properties"]["lifecyclestage"] for c in run.export["companies"]
        }
        assert {stages[i] for i in run.records.prospects} == {"lead", "opportunity"}
        assert set(run.records.accounts.by_id()).isdisjoint(run.records.prospects)

    def test_exactly_the_six_impossible_records_are_rejected_by_field(
        self, run: Run
    ) -> None:
        found = {
            (load.kind, row.id): [(e.field, e.column, e.value) for e in row.errors]
            for load in run.records.loads
            for row in load.rejected
        }
        assert found == REJECTED
        assert run.records.rejected == 6
        assert "  6 records rejected" in run.out

    def test_each_rejection_is_explained_with_its_reason(self, run: Run) -> None:
        assert (
            "Account.customer_since (column 'hs_lifecyclestage_customer_date'): "
            "got '2026-11-02'; expected a date on or before as_of (2026-09-30)"
        ) in run.out
        assert (
            "Signals.nps (column 'contact.hs_feedback_last_nps_rating'): got '11'"
        ) in run.out
        assert "Activity.type (column 'activity_type'): got 'podcast'" in run.out
        assert "Activity.minutes (column 'hours'): got '-1.5'" in run.out
        assert "expected a date on or after created (2026-01-04)" in run.out

    def test_a_rejected_profile_is_kept_where_its_other_half_loaded(
        self, run: Run
    ) -> None:
        # The NPS-11 contact's profile is an advocate without signals; the
        # profile without a contact has signals but is no advocate.
        advocates = run.records.advocates.by_id()
        signals = run.records.signals.by_id()
        assert "31200088843" in advocates
        assert "31200088843" not in signals
        assert "31200167311" in signals
        assert "31200167311" not in advocates


class TestScoring:
    def test_the_advocates_with_signals_are_scored(self, run: Run) -> None:
        loaded = run.records
        both = loaded.advocates.by_id().keys() & loaded.signals.by_id().keys()
        assert set(run.scores) == both
        assert len(run.scores) == 134
        assert all(0 <= total <= 100 for total in run.scores.values())
        assert "Scored 134 advocates (default model)" in run.out

    def test_everyone_scored_is_tiered(self, run: Run) -> None:
        assert isinstance(run.tiers, TierAssignment)
        assert set(run.tiers) == set(run.scores)
        counts = run.tiers.counts()
        assert sum(counts.values()) == 134
        assert counts[None] < 134


class TestUpdates:
    def test_one_input_per_scored_profile_in_id_order(self, run: Run) -> None:
        assert [item["id"] for item in run.inputs] == sorted(run.scores)

    def test_bodies_hold_at_most_100_inputs_and_all_but_the_last_are_full(
        self, run: Run
    ) -> None:
        sizes = [len(body["inputs"]) for body in run.bodies]
        assert sizes == [100, 34]
        assert len(run.bodies) == math.ceil(len(run.scores) / module.BATCH_LIMIT)
        assert all(set(body) == {"inputs"} for body in run.bodies)
        assert "2 batch bodies, 134 inputs (100, 34; at most 100 a batch)" in run.out

    def test_every_property_value_is_a_string(self, run: Run) -> None:
        for item in run.inputs:
            assert set(item) == {"id", "properties"}
            assert type(item["id"]) is str
            assert set(item["properties"]) == PROPERTIES
            assert all(type(v) is str for v in item["properties"].values())

    def test_the_values_written_are_the_scores_tiers_and_activities(
        self, run: Run
    ) -> None:
        done: dict[str, list[pendulum.Date]] = {}
        for activity in run.records.activities.values:
            if activity.date <= AS_OF:
                done.setdefault(activity.advocate_id, []).append(activity.date)
        for item in run.inputs:
            key, written = item["id"], item["properties"]
            tier = run.tiers[key]
            dates = done.get(key, [])
            assert written["advocacy_score"] == str(run.scores[key])
            assert written["advocacy_tier"] == ("" if tier is None else tier.value)
            assert written["activities_completed"] == str(len(dates))
            assert written["last_participation_date"] == (
                max(dates).isoformat() if dates else ""
            )

    def test_the_top_champions_input_is_printed(self, run: Run) -> None:
        (item,) = [i for i in run.inputs if i["id"] == "31200097203"]
        assert item["properties"]["advocacy_tier"] == "champion"
        assert json.dumps(item, indent=2, sort_keys=True).splitlines()[1] in run.out
        assert '"last_participation_date": "2026-09-16"' in run.out

    def test_each_body_is_what_hubspot_api_client_sends(self, run: Run) -> None:
        models = pytest.importorskip("hubspot.crm.objects.models")
        client = pytest.importorskip("hubspot.crm.objects.api_client")
        for body in run.bodies:
            batch = models.BatchInputSimplePublicObjectBatchInput(
                inputs=[
                    models.SimplePublicObjectBatchInput(**i) for i in body["inputs"]
                ]
            )
            sent = client.ApiClient().sanitize_for_serialization(batch)
            assert sent == body


class TestProgram:
    def test_it_runs_without_hubspot_installed(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        for name in [n for n in sys.modules if n.split(".")[0] == "hubspot"]:
            monkeypatch.delitem(sys.modules, name)
        monkeypatch.setitem(sys.modules, "hubspot", None)  # import hubspot fails
        runpy.run_path(str(EXAMPLE), run_name="__main__")
        assert "Profile updates: 2 batch bodies" in capsys.readouterr().out

    def test_its_output_is_the_same_every_run(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        outputs = []
        for _ in range(2):
            runpy.run_path(str(EXAMPLE), run_name="__main__")
            outputs.append(capsys.readouterr().out)
        assert outputs[0] == outputs[1]
        assert outputs[0].startswith("HubSpot export of 2026-09-30T18:00:00Z")
