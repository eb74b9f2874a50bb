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
    tested = {"quickstart.py"}
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
