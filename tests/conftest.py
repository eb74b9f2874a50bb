"""Hypothesis profiles for the suite.

`thorough` (the default, what CI runs) runs many examples, derandomized: the
same examples on every run, so a green run stays green and a red one is
reproducible. `explore` runs as many examples from a fresh random seed each
time, to hunt for new failures locally (`HYPOTHESIS_PROFILE=explore
pytest`); `fast` is for quick local runs; `mutation` is what
`scripts/mutation.py` runs each mutant's tests with: derandomized and without
the example database, so no mutant's result depends on another's run.
Deadlines are off: timings do not belong in tests on shared, noisy machines.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "thorough",
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("fast", max_examples=30, deadline=None)
settings.register_profile(
    "mutation",
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    # mutmut runs a test class's tests more than once in one process (its
    # stats run, its clean run); with no database there is nothing to replay.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "thorough"))
