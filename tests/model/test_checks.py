"""The shared instance checks: each accepts its value, refuses others in its words."""

from __future__ import annotations

import pytest

from advocacy import (
    Activity,
    ActivityType,
    Commitment,
    NpsResponse,
    Signals,
)
from advocacy._internal.checks import Check
from advocacy._model.checks import (
    ACCOUNT,
    ACTIVITY,
    ADVOCATE,
    COMMITMENT,
    NPS_RESPONSE,
    OPPORTUNITY,
    REQUEST,
    SIGNALS,
)
from tests.model.makers import DAY, account, advocate, opportunity, request

ACTIVITY_VALUE = Activity(
    id="a", advocate_id="b", type=ActivityType.WEBINAR, date=DAY, minutes=45
)

CASES: list[tuple[Check, object, str]] = [
    (ACCOUNT, account(), "an Account"),
    (ACTIVITY, ACTIVITY_VALUE, "an Activity"),
    (ADVOCATE, advocate(), "an Advocate"),
    (
        COMMITMENT,
        Commitment(
            advocate_id="b", request_id="r", activity=ActivityType.WEBINAR, on=DAY
        ),
        "a Commitment",
    ),
    (
        NPS_RESPONSE,
        NpsResponse(date=DAY, score=9),
        "an NpsResponse",
    ),
    (OPPORTUNITY, opportunity(), "an Opportunity"),
    (REQUEST, request(), "a ReferenceRequest"),
    (SIGNALS, Signals(nps=9), "a Signals"),
]


@pytest.mark.parametrize(("check", "value", "words"), CASES, ids=[w for *_, w in CASES])
def test_each_check_accepts_its_value_and_names_it(
    check: Check, value: object, words: str
) -> None:
    assert check(value) is None
    refusal = check("adv-1")
    assert refusal is not None
    assert (refusal.expected, refusal.wrong_type) == (words, True)
