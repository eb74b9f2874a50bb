"""The README's usage example runs and prints what the README says."""

from __future__ import annotations

import doctest
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"


def test_readme_examples() -> None:
    result = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0
    assert result.failed == 0


def test_readme_holds_both_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert ".venv/bin/python examples/quickstart.py" in text
    start, end = "<!-- test-command:start -->", "<!-- test-command:end -->"
    block = text[text.index(start) : text.index(end)]
    assert "scripts/check.py" in block
