"""Shared checks that an argument is one of the model's values.

Rules check their arguments at the boundary with these, so every rule
refuses a wrong value in the same words (`"an Activity"`, `"a Commitment"`).
`MONEY` and `amount_check` (zero or more) live beside `Money`; its holders
(accounts, deals, plans) check with them.
"""

from __future__ import annotations

from typing import Final

from advocacy._internal.checks import instance_of
from advocacy._model.customers import Account, Advocate, Signals
from advocacy._model.records import (
    Activity,
    Commitment,
    NpsResponse,
    Opportunity,
    ReferenceRequest,
)

__all__ = [
    "ACCOUNT",
    "ACTIVITY",
    "ADVOCATE",
    "COMMITMENT",
    "NPS_RESPONSE",
    "OPPORTUNITY",
    "REQUEST",
    "SIGNALS",
]

ACCOUNT: Final = instance_of(Account, "an Account")
ACTIVITY: Final = instance_of(Activity, "an Activity")
ADVOCATE: Final = instance_of(Advocate, "an Advocate")
COMMITMENT: Final = instance_of(Commitment, "a Commitment")
NPS_RESPONSE: Final = instance_of(NpsResponse, "an NpsResponse")
OPPORTUNITY: Final = instance_of(Opportunity, "an Opportunity")
REQUEST: Final = instance_of(ReferenceRequest, "a ReferenceRequest")
SIGNALS: Final = instance_of(Signals, "a Signals")
