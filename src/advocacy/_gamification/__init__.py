"""Points, badges, levels and the points ledger.

The gamification policy (challenges, badges, levels, redemption limits),
points and badges earned from the records, and the ledger whose balance is
always earned - reversed - redeemed and never negative. Documented in
docs/explanation/ledger.md. Imports only the model and `advocacy._internal`.
"""
