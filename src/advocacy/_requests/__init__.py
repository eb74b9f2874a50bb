"""The request lifecycle: events, replayed state, time to fulfil.

A request's state is derived from its ordered events (pure), illegal
transitions raise `TransitionError`, and the fulfilment summary measures
time to fulfil against the industry norms. Documented in
docs/explanation/request-lifecycle.md. Imports only the model and
`advocacy._internal`.
"""
