"""Hypothesis profiles for the suite.

`thorough` (the default, what CI runs) runs many examples, derandomized: the
same examples on every run, so a green run stays green and a red one is
reproducible. `explore` runs as many examples from a fresh random seed each
time, to hunt for new failures locally (`HYPOTHESIS_PROFILE=explore
pytest`); `fast` is for quick local runs. Deadlines are off: timings do not
belong in tests on shared, noisy machines.
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
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "thorough"))
