"""What the program returns: ROI, attribution, reference impact, NPS, reviews.

Documented in docs/explanation/roi.md. Imports only the model and
`advocacy._internal`.
"""
