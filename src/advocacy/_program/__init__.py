"""Running the program week to week: health, fairness, goals, workflows, what-if.

Health metrics, load fairness, goals, workflow actions, recruitment waves
and framed asks, what-if comparisons of policies, success stories. This
layer may use every other capability. Documented in
docs/explanation/health-metrics.md, docs/explanation/fairness.md,
docs/explanation/workflows.md and docs/explanation/what-if.md.
"""
