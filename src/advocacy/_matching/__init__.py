"""Which advocate takes which request: eligibility, fit, ranking, optimal batches.

The match policy and the policy bundle (`Policies`), each advocate's
capacity in a quarter, the hard eligibility rules, the explained fit, the
ranking of one request's candidates and the globally optimal assignment of a
batch. Documented in docs/explanation/matching.md. Imports the scoring
layer (for the tier policy), the model and `advocacy._internal`.
"""
