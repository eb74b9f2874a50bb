"""The domain's value objects: money, customers, records, enums, the activity catalog.

Values only, no rules. Every class is a frozen attrs class validated at
construction. The model imports only `advocacy._internal`; every capability
imports the model.
"""
