"""Hypothesis profiles for the suite.

`thorough` (the default) runs many examples; `fast` is for quick local runs:
`HYPOTHESIS_PROFILE=fast pytest`. Deadlines are off: timings do not belong in
tests on shared, noisy machines.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "thorough",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("fast", max_examples=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "thorough"))
