"""The columnar path is optional.

The core works without narwhals; the extra, imported without it, says what
to install.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

# Run in a fresh interpreter where narwhals cannot be imported, as on a
# machine without the extra.
HIDDEN = "import sys; sys.modules['narwhals'] = None\n"


IMPORTED = "import sys, advocacy; print('narwhals' in sys.modules)"


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", HIDDEN + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_core_imports_and_scores_without_narwhals() -> None:
    done = run(
        """
        import pendulum
        import advocacy
        from advocacy import ScoringModel, Signals, assign_tiers
        day = pendulum.date(2026, 9, 30)
        total = ScoringModel.default().score(Signals(nps=10), as_of=day).total
        tiers = assign_tiers({"a": total}, as_of=day)
        print(total, len(tiers), sys.modules["narwhals"] is not None)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["25", "1", "False"]


def test_the_core_does_not_import_narwhals() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, advocacy; print('narwhals' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "False", done.stderr


def test_the_extra_without_narwhals_says_what_to_install() -> None:
    done = run("import advocacy.frames")
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last == (
        "ImportError: advocacy.frames needs narwhals, which the optional 'frames' "
        "extra installs: pip install 'advocacy[frames]'"
    )
