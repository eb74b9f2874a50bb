"""What has no domain knowledge: checks, converters, text, calendar, stats, solvers.

Nothing here imports the domain (`advocacy._model` or any capability);
`tests/test_architecture.py` fails on an import that breaks this. Helpers
live at the lowest layer that needs them, so a capability never imports
another just to draw a table or count a quarter.
"""
