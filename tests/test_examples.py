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
    tested = {"quickstart.py", "learn_weights.py", "match_requests.py"}
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
    assert "Squeezed pool" in out
