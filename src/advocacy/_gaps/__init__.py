"""Reference gap analysis: where the reference pool will run short, and whom to recruit.

The demand plan, supply and capacity per segment, demand spread over
segments, the gap and recruits per segment, and the report that rolls them
up. Documented in docs/explanation/gap-analysis.md. Imports the matching
layer (eligibility and the capacity rule), scoring, the model and
`advocacy._internal`.
"""
