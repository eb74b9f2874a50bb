"""Who is likely to advocate, and which tier they belong in.

Scoring (criteria, the model, explained scores), propensity (points learned
from who accepted), tiers (policy and assignment) and the identification
rule. Documented in docs/explanation/scoring-model.md,
docs/explanation/propensity.md and docs/explanation/tier-policy.md. Imports
only the model and `advocacy._internal`.
"""
