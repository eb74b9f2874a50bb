"""Run the full suite: lint, format check, type check, tests with coverage, docs.

This is the README's test command and what CI runs. Every step runs even if
an earlier one fails, so one run shows every problem; the exit status is 1
if any step failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# Material for MkDocs prints a banner about MkDocs 2 on every build.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

STEPS: list[tuple[str, list[str]]] = [
    ("lint", [PYTHON, "-m", "ruff", "check", "."]),
    ("format", [PYTHON, "-m", "ruff", "format", "--check", "."]),
    ("types", [PYTHON, "-m", "mypy"]),
    # Both cores (pytest-xdist), branch coverage collected by pytest-cov from
    # every worker; the report step below enforces the floor.
    (
        "tests",
        [
            PYTHON,
            "-m",
            "pytest",
            "-n",
            "auto",
            "--dist",
            "worksteal",
            "--cov",
            "--cov-report=",
        ],
    ),
    ("coverage", [PYTHON, "-m", "coverage", "report"]),
    ("docs", [PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]),
]


def main() -> int:
    """Run every step; return 1 if any failed."""
    failed = []
    for name, command in STEPS:
        print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
        started = time.perf_counter()
        status = subprocess.run(command, cwd=ROOT, check=False, env=ENV).returncode
        took = time.perf_counter() - started
        outcome = "ok" if status == 0 else f"FAILED ({status})"
        print(f"=== {name}: {outcome} in {took:.1f}s")
        if status != 0:
            failed.append(name)
    print("\nall steps passed" if not failed else f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
