"""The same inputs give the same outputs, whatever the process's hash seed.

Python randomises the order of sets of strings per process; a rule or the
demo generator that iterated one would give different answers in different
processes. This runs the whole pipeline in two processes with different hash
seeds and compares everything they print.
"""

from __future__ import annotations

import os
import subprocess
import sys

PIPELINE = """
import json
import pendulum
from advocacy import (
    ScoringModel, assign_requests, assign_tiers, fit_propensity, to_dict,
)
from advocacy.synthetic import demo_program

as_of = pendulum.date(2026, 9, 30)
program = demo_program(as_of=as_of)
print(json.dumps([to_dict(a) for a in program.accounts], sort_keys=True))
print(json.dumps([to_dict(a) for a in program.advocates], sort_keys=True))
print(json.dumps([to_dict(r) for r in program.requests], sort_keys=True))
print(json.dumps([to_dict(o) for o in program.opportunities], sort_keys=True))
ids = [a.id for a in program.advocates]
totals = ScoringModel.default().score_many(
    [program.signals[i] for i in ids], as_of=as_of
)
scores = dict(zip(ids, totals))
print(assign_tiers(scores, as_of=as_of, activities=program.activities).to_records())
print(fit_propensity(program.signals, program.invitations, as_of=as_of))
accounts = {a.id: a for a in program.accounts}
for method in ("optimal", "greedy"):
    result = assign_requests(
        program.requests, program.advocates, program.activities,
        accounts=accounts, as_of=as_of, scores=scores, method=method,
    )
    print(result.to_records())
"""


def run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", PIPELINE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_outputs_do_not_depend_on_the_hash_seed() -> None:
    first, second = run("1"), run("2")
    assert first.count("\n") == 8
    assert first == second
