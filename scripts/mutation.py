"""Mutation testing of the rule modules: does the suite catch a wrong rule?

mutmut (3.8) changes one thing at a time in a rule module's code (a `>`
becomes `>=`, a constant changes, a message loses its value) and runs the
module's own tests against each change. A change no test notices, a
*survivor*, is a rule or a message the suite does not pin.

    pip install -e '.[test,mutation]'
    python scripts/mutation.py                # every rule module
    python scripts/mutation.py nps tiers      # some of them
    python scripts/mutation.py --list         # the modules and their tests

For each module it prints the mutants, killed, survived, equivalent and the
kill rate, then every survivor's diff, and at the end a table of all the
modules it ran. It exits 1 if a module's kill rate is under 90%.

Two traps are avoided:

- Each module runs in a fresh copy of `src/` and `tests/` under
  `build/mutation/<module>/`, so a run sees neither another module's results
  nor a half-edited tree.
- mutmut runs its mutants in workers forked from one process that has
  imported the tests. An object a test module builds at import time is
  built before the mutant is switched on, so mutmut cannot see which tests
  use it. Every mutant mutmut reports as surviving (or as having no tests)
  is therefore run again in a fresh process against its module's whole test
  files, with the mutant on from the first import; only a mutant that
  survives that counts as a survivor. That costs a run of the module's
  tests per survivor; `--no-recheck` skips it while you work (it can only
  under-count kills).

The tests run with the `mutation` Hypothesis profile (`tests/conftest.py`):
derandomized and with no example database, so one mutant's failing example
is never replayed against another.

A survivor that cannot change behaviour (an *equivalent mutant*) goes in
`scripts/equivalent_mutants.txt`, with a one-line reason; it is left out of
the kill rate.
Mutant names carry a number per function, which moves when the function
changes: an entry whose mutant no longer survives is reported as stale.

After adding tests, `--again` re-runs only the last run's survivors, in
fresh processes against the current tests: the killed stay killed, since
tests were added, and that takes a run of the tests per survivor instead of
one per mutant. It refuses to when `src/` has changed since.

This is not part of CI (a full run of every module takes one to two hours
on two cores); run it before you resolve an issue that changes a rule.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "mutation"
MUTMUT = Path(sys.executable).with_name("mutmut")
FLOOR = 90.0


@dataclass(frozen=True)
class Module:
    """A rule module: the source files mutated and the tests that pin them."""

    sources: tuple[str, ...]
    tests: tuple[str, ...]


def _module(package: str, sources: str, tests: str = "") -> Module:
    """The sources of `package`, tested by their mirrored modules and `tests`."""
    folder = package.removeprefix("_")
    mirrored = [f"{folder}/test_{name}" for name in sources.split()]
    named = [
        f"tests/{name}.py"
        for name in dict.fromkeys([*mirrored, *tests.split()])
        if (ROOT / "tests" / f"{name}.py").exists()
    ]
    return Module(
        tuple(f"src/advocacy/{package}/{name}.py" for name in sources.split()),
        tuple(named),
    )


MODULES: dict[str, Module] = {
    "scoring": _module(
        "_scoring",
        "criteria model score propensity propensity_fit",
        "scoring/test_scoring",
    ),
    "tiers": _module(
        "_scoring", "tier_policy tier_decisions tiers tier_cuts identification"
    ),
    "eligibility": _module("_matching", "eligibility"),
    "fit": _module("_matching", "fit"),
    "batch": _module("_matching", "batch", "matching/test_outcomes"),
    "flow": _module("_internal", "flow"),
    "lifecycle": _module("_requests", "lifecycle", "requests/test_events"),
    "gaps": _module("_gaps", "analysis demand plan report supply"),
    "roi": _module("_impact", "roi roi_inputs"),
    "attribution": _module("_impact", "attribution attribution_report"),
    "impact": _module(
        "_impact", "impact impact_figures impact_policy impact_report links"
    ),
    "nps": _module("_impact", "nps"),
    "reviews": _module(
        "_impact", "reviews review_results rating_display review_campaign"
    ),
    "fairness": _module("_program", "fairness"),
    "health": _module("_program", "health health_report"),
    "goals": _module("_program", "goal goal_report goals"),
    "ledger": _module("_gamification", "ledger"),
    "points": _module(
        "_gamification", "points", "gamification/test_ledger gamification/test_policy"
    ),
    "rewards": _module("_gamification", "rewards", "gamification/test_policy"),
    "recruitment": _module("_program", "waves recruitment"),
    "workflows": _module("_program", "workflows", "program/test_actions"),
}
"""Each rule module: its sources, and its tests (the sources' mirrored test
modules, `tests/<folder>/test_<name>.py`, where they exist, and the others
named)."""

EQUIVALENTS = ROOT / "scripts" / "equivalent_mutants.txt"


def _equivalent() -> dict[str, str]:
    """The allow-list: each equivalent mutant's name and why it is one."""
    pairs = (
        line.split(" ", 1)
        for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    return {name: reason.strip() for name, reason in pairs}


EQUIVALENT: Final = _equivalent()
"""Survivors that cannot change behaviour, by name, with the reason."""

# mutmut's exit codes (mutmut.stats.status_by_exit_code) that count as caught.
KILLED = {1: "killed", 3: "killed", 36: "timeout", -24: "timeout", 37: "type check"}


@dataclass
class Result:
    """What one module's run found."""

    name: str
    mutants: int = 0
    killed: int = 0
    rechecked: int = 0
    survivors: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Killed as a share of the mutants that are not equivalent, in %."""
        counted = self.mutants - len(self.equivalent)
        return 100.0 if counted == 0 else 100.0 * self.killed / counted


def _prepare(name: str, module: Module) -> Path:
    work = BUILD / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "src", work / "src")
    shutil.copytree(ROOT / "tests", work / "tests")
    shutil.copy(ROOT / "pyproject.toml", work / "pyproject.toml")
    lines = "\n    ".join
    (work / "setup.cfg").write_text(
        "[mutmut]\n"
        f"only_mutate =\n    {lines(module.sources)}\n"
        f"pytest_add_cli_args_test_selection =\n    {lines(module.tests)}\n"
        "pytest_add_cli_args = -p no:cacheprovider\n",
        encoding="utf-8",
    )
    return work


def _environment() -> dict[str, str]:
    return {**os.environ, "HYPOTHESIS_PROFILE": "mutation", "PYTHONHASHSEED": "0"}


def _exit_codes(work: Path, module: Module) -> dict[str, int | None]:
    codes: dict[str, int | None] = {}
    for source in module.sources:
        meta = work / "mutants" / f"{source}.meta"
        if meta.exists():
            codes.update(
                json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
            )
    return codes


def _survives_fresh(work: Path, module: Module, mutant: str) -> bool:
    """Whether the mutant survives its module's tests in a fresh process."""
    environment = _environment() | {"MUTANT_UNDER_TEST": mutant, "PYTHONPATH": "src"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    status = subprocess.run(
        [*command, *module.tests],
        cwd=work / "mutants",
        env=environment,
        capture_output=True,
        check=False,
    ).returncode
    return status == 0


@functools.cache
def _functions(path: Path) -> dict[str, str]:
    """The source of each function in a mutated file, by name."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    return {
        node.name: "".join(lines[node.lineno - 1 : node.end_lineno])
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def _diff(work: Path, mutant: str) -> str:
    """The mutant's function against the original, as a unified diff.

    mutmut writes every mutant of a function next to the original in the
    mutated copy of the file (`name__mutmut_3`, `name__mutmut_orig`).
    """
    module, function = mutant.rsplit(".", 1)
    segments = _functions(work / "mutants" / "src" / f"{module.replace('.', '/')}.py")
    original = re.sub(r"__mutmut_\d+$", "__mutmut_orig", function)
    mangled = original.removesuffix("__mutmut_orig")
    bare = mangled.split("ǁ")[-1] if "ǁ" in mangled else mangled.removeprefix("x_")
    before, after = (
        segments[name].replace(name, bare, 1).splitlines(keepends=True)
        for name in (original, function)
    )
    relative = f"src/{module.replace('.', '/')}.py"
    diff = difflib.unified_diff(before, after, relative, relative, n=2)
    return f"# {mutant}: survived\n{''.join(diff).rstrip()}"


def _mutate(name: str, module: Module, workers: int) -> Path:
    """A fresh copy of the tree with every mutant of the module run by mutmut."""
    work = _prepare(name, module)
    with (work / "mutmut.log").open("w", encoding="utf-8") as log:
        subprocess.run(
            [str(MUTMUT), "run", "--max-children", str(workers)],
            cwd=work,
            env=_environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    return work


def _last_run(name: str) -> Path:
    """The module's last run, its mutated tree given the current tests."""
    work = BUILD / name
    if not (work / "mutants" / "src").is_dir():
        sys.exit(f"{name}: no earlier run in {work}; run it without --again first")
    if _sources_changed(work):
        sys.exit(f"{name}: src/ changed since the last run; run it without --again")
    shutil.rmtree(work / "mutants" / "tests")
    shutil.copytree(ROOT / "tests", work / "mutants" / "tests")
    return work


def _sources_changed(work: Path) -> bool:
    return any(
        path.read_bytes() != (work / path.relative_to(ROOT)).read_bytes()
        for path in (ROOT / "src").rglob("*.py")
    )


def run(
    name: str,
    module: Module,
    workers: int,
    *,
    recheck: bool = True,
    again: bool = False,
) -> Result:
    """Mutate one module, re-check its survivors, and print what it found.

    With `again`, the module's last run is reused: only the mutants it did
    not kill are run, in fresh processes against the current tests. The
    sources must be as they were (the tests may have changed).
    """
    started = time.perf_counter()
    work = _last_run(name) if again else _mutate(name, module, workers)
    codes = _exit_codes(work, module)
    if not codes:
        sys.exit(f"{name}: mutmut ran no mutant; see {work / 'mutmut.log'}")
    result = Result(name, mutants=len(codes))
    result.killed = sum(code in KILLED for code in codes.values())
    suspects = sorted(mutant for mutant, code in codes.items() if code not in KILLED)
    with ThreadPoolExecutor(workers) as pool:
        fresh = (
            list(pool.map(lambda m: _survives_fresh(work, module, m), suspects))
            if recheck
            else [True] * len(suspects)
        )
    for mutant, survives in zip(suspects, fresh, strict=True):
        if not survives:
            result.killed += 1
            result.rechecked += 1
        elif mutant in EQUIVALENT:
            result.equivalent.append(mutant)
        else:
            result.survivors.append(mutant)
    result.seconds = time.perf_counter() - started
    _report(work, result, codes)
    return result


def _report(work: Path, result: Result, codes: dict[str, int | None]) -> None:
    print(
        f"\n== {result.name}: {result.mutants} mutants, {result.killed} killed "
        f"({result.rechecked} on the fresh re-check), "
        f"{len(result.survivors)} survived, "
        f"{len(result.equivalent)} equivalent: kill rate {result.rate:.1f}% "
        f"({result.seconds:.0f} s)",
        flush=True,
    )
    statuses = Counter(codes.values())
    print(f"   mutmut's exit codes: {dict(sorted(statuses.items(), key=str))}")
    modules = {mutant.rsplit(".", 1)[0] for mutant in codes}
    stale = sorted(
        mutant
        for mutant in EQUIVALENT
        if mutant.rsplit(".", 1)[0] in modules and mutant not in result.equivalent
    )
    for mutant in stale:
        print(f"   stale EQUIVALENT entry (no longer a survivor): {mutant}")
    for mutant in result.survivors:
        print(f"\n{_diff(work, mutant)}")


def main() -> int:
    """Run the modules named on the command line, or all of them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="module", help=", ".join(MODULES))
    parser.add_argument("--list", action="store_true", help="list the modules and stop")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--again",
        action="store_true",
        help="re-run only the last run's survivors against the current tests",
    )
    parser.add_argument(
        "--no-recheck",
        action="store_true",
        help="skip the fresh-process re-check (quicker; can only under-count kills)",
    )
    arguments = parser.parse_args()
    if arguments.list:
        for name, module in MODULES.items():
            print(f"{name}: {' '.join(module.sources)}")
            print(f"    tests: {' '.join(module.tests)}")
        return 0
    unknown = [name for name in arguments.modules if name not in MODULES]
    if unknown:
        parser.error(f"unknown {', '.join(unknown)}; known: {', '.join(MODULES)}")
    if not MUTMUT.exists():
        sys.exit("mutmut is not installed: pip install -e '.[test,mutation]'")
    names = arguments.modules or list(MODULES)
    recheck = arguments.again or not arguments.no_recheck
    results = [
        run(
            name,
            MODULES[name],
            arguments.workers,
            recheck=recheck,
            again=arguments.again,
        )
        for name in names
    ]
    print("\n| module | mutants | killed | survived | equivalent | kill rate |")
    print("|---|---|---|---|---|---|")
    for result in results:
        print(
            f"| {result.name} | {result.mutants} | {result.killed} "
            f"| {len(result.survivors)} | {len(result.equivalent)} "
            f"| {result.rate:.1f}% |"
        )
    return 1 if any(result.rate < FLOOR for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
