"""Every program under examples/ runs and prints what it promises."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"


def run(name: str, capsys: pytest.CaptureFixture[str]) -> str:
    runpy.run_path(str(EXAMPLES / name), run_name="__main__")
    return capsys.readouterr().out


def test_every_example_is_tested() -> None:
    tested = {
        "quickstart.py",
        "learn_weights.py",
        "match_requests.py",
        "roi_report.py",
        "gap_analysis.py",
        "program_dashboard.py",
        "crm_sync.py",
        "score_customer_base.py",
    }
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested


def test_quickstart(capsys: pytest.CaptureFixture[str]) -> None:
    out = run("quickstart.py", capsys)
    assert "Demo advocacy program as of 2026-09-30" in out
    assert "500 accounts, 500 advocates" in out
    assert "qualified (above 60): 66 of 500 (13%)" in out
    assert "Champion     15  [10-15]" in out
    assert "Advocate     51  [40-60]" in out
    assert "Supporter   177  [150-200]" in out
    assert out.count("Promoter") == 5  # one breakdown per top champion
    assert "potential advocates" in out
    assert "This week's reference requests: 24" in out
    assert "optimal  24 filled (priority 44), total fit 21.68" in out
    assert "greedy   24 filled (priority 44), total fit 21.59" in out
    assert "req-001: adv-0213 (0.84), adv-0291 (0.71)" in out
    assert (
        "Next quarter's reference gaps: 76 requests expected, capacity 138, "
        "61 recruits needed"
    ) in out
    assert "Security       requests  10  approved   5  gap   6  recruits  15" in out
    assert "return multiple 11.66x, net return 10.66" in out
    assert "win rate +3.5 points (95% CI -13.0 to +22.5)" in out
    assert "NPS +28.3 ± 7.2 from 474 answers" in out
    assert "Program health, 2025-10-01 to 2026-09-30" in out
    assert "173 of 490 advocates active; 410 activities; 63 advocate-quarters" in out
    assert "funnel: 66 qualified -> 42 invited -> 24 accepted" in out
    assert "busiest 98 did 82% of the work, Gini 0.79 (concentrated)" in out


def test_learn_weights(capsys: pytest.CaptureFixture[str]) -> None:
    out = run("learn_weights.py", capsys)
    assert "101 of 297 accepted (base rate 34.0%)" in out
    assert "cross-validated 0.622 vs 0.666" in out
    assert "verdict: the learned points do not beat the original" in out
    assert "Champion     15 ->   15" in out


def test_match_requests(capsys: pytest.CaptureFixture[str]) -> None:
    out = run("match_requests.py", capsys)
    assert "req-001: reference_call for Beaconlight Cloud" in out
    assert "33 eligible; the best three:" in out
    assert "industry: 1.00 x 0.25 (technology = technology)" in out
    assert "adv-0441 eligible again on 2026-10-01" in out
    assert "optimal  BatchAssignment(24 of 24 filled, priority 44, fit 21.68" in out
    assert "greedy   BatchAssignment(24 of 24 filled, priority 44, fit 21.59" in out
    assert "Why not adv-0444 for req-001?" in out
    assert "    given req-002 (priority 3, fit 0.84)" in out
    assert "forcing them onto req-001 would lose priority 0 and fit 0.07" in out
    assert "31 commitments to store; adv-0213 afterwards:" in out
    assert "90 of 120 minutes and 2 of 3 reference calls left this quarter" in out
    assert "not proven optimal); asked twice: 0" in out
    assert "Squeezed pool" in out


def test_roi_report(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run("roi_report.py", capsys).splitlines()
    assert (
        "  sourced                     15     USD 4,733,604     USD 1,189,501  46.7%"
        in lines
    )
    assert (
        "  influenced                  42    USD 17,470,946     USD 4,642,734  36.1%"
        in lines
    )
    assert (
        "  reference_call              35    USD 15,839,942     USD 4,490,574  36.7%"
        in lines
    )
    assert (
        "  win rate: 36.7% with vs 33.1% without (11 of 30 with vs 58 of 175 "
        "without): +3.5 points (95% CI -13.0 to +22.5), +11% relative"
    ) in lines
    assert (
        "  sales cycle: insufficient data (6 won with a reference, 10 needed); "
        "6 won with vs 63 without"
    ) in lines
    assert "return multiple 4.8x = attributed USD 1,200,000 / cost USD 250,000" in lines
    assert (
        "net return 3.8 = (attributed USD 1,200,000 - cost USD 250,000) / "
        "cost USD 250,000"
    ) in lines
    assert (
        "return multiple 11.66x = attributed USD 5,832,235 / cost USD 500,000"
    ) in lines
    assert (
        "34 of 50 invited published a review (68%); cost USD 850.00, "
        "USD 25.00 per review"
    ) in lines
    assert (
        "34 new reviews at 4.6 moving 4.2 to 4.5 imply about 11 earlier reviews (11.33)"
    ) in lines
    assert (
        "34 new reviews at 4.6 lift the displayed rating to 5: 45 reviews at "
        "4.502 (shown 5)"
    ) in lines
    assert (
        "NPS +28.3 ± 7.2 (95% CI +21.1 to +35.4) from 474 responses: "
        "236 promoters, 136 passives, 102 detractors"
    ) in lines


def test_gap_analysis(capsys: pytest.CaptureFixture[str]) -> None:
    out = run("gap_analysis.py", capsys)
    assert "GapReport(118 segments: 92 requests, gap 33, 72 recruits)" in out
    assert (
        "Data Platform: goal USD 1,800,000 / deal size USD 120,000 = 15.00 -> 15 "
        "deals; / win rate 0.25 -> 60 opportunities; x 0.5 references per "
        "opportunity -> 30 requests"
    ) in out
    assert "  Security              96        5       12      9.0    7       15" in out
    assert "46 segments with demand have fewer than 2 approved references" in out
    assert "Recruit first in Analytics / Technology / EMEA: adv-0206" in out


def test_program_dashboard(capsys: pytest.CaptureFixture[str]) -> None:
    out = run("program_dashboard.py", capsys)
    assert "Weekly dashboard, demo program, week ending 2026-09-30" in out
    assert "funnel: 66 qualified -> 42 invited (64%) -> 24 accepted (57%)" in out
    assert "reference_call: 12 of 8-12 (150% of the low end, within)" in out
    assert "busiest 98 did 82%, Gini 0.79" in out
    assert (
        "references (2026-01-01 to 2026-12-31): 30 of 40 (75%) with 75% of the "
        "period gone (counting reference call): on track"
    ) in out
    assert "identification: 0 actions (none), 57 skipped" in out
    assert "re_engagement: 903 actions" in out
    assert "Invitation waves: 150 to invite" in out
    assert "adv-0203: 2,070 points, 19 activities, Gold" in out
    assert "gap: 11 -> 19" in out
    assert "Automation: capacity 22.5 -> 15, gap 0 -> 5, recruits 0 -> 3" in out


def test_crm_sync(capsys: pytest.CaptureFixture[str]) -> None:
    out = run("crm_sync.py", capsys)
    assert "HubSpot export of 2026-09-30T18:00:00Z, loaded as of 2026-09-30" in out
    assert "53 companies, 136 contacts, 136 advocate_profiles" in out
    assert "  6 records rejected" in out
    assert "Account: 42 of 43 rows built, 1 rejected" in out
    assert "Activity: 329 of 331 rows built, 2 rejected" in out
    assert "10 companies read as prospects only (not customers)" in out
    assert "Scored 134 advocates (default model)" in out
    assert "Profile updates: 2 batch bodies, 134 inputs (100, 34;" in out
    assert '"advocacy_tier": "champion"' in out


def test_score_customer_base(capsys: pytest.CaptureFixture[str]) -> None:
    out = run("score_customer_base.py", capsys)
    assert "Customer base of 100,000 contacts, scored as of 2026-09-30" in out
    assert "qualified (above 60): 8,209" in out
    # Under the caps (3,000, 15,000, 40,000): minimum scores bind.
    assert "  champion     2,268" in out
    assert "  supporter   37,634" in out
    assert "potential advocates (NPS 9-10, health above 80): 9,495" in out
    assert "100/100, qualified (qualified above 60)" in out
    assert "Object path on 2,000 of them: the same scores and tiers" in out
