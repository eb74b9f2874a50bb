"""The impact policy: its defaults and checks."""

from __future__ import annotations

import json

import pytest

from advocacy import (
    ActivityType,
    DealKind,
    ImpactPolicy,
    from_dict,
    reference_impact,
    to_dict,
)
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.impact.impact import (
    AS_OF,
    WON,
    deal,
)


class TestPolicy:
    def test_renewals_are_left_out_by_default(self) -> None:
        made, calls = deal(1, referenced=True, outcome=WON, kind=DealKind.RENEWAL)
        assert reference_impact([made], calls, as_of=AS_OF).with_reference == 0
        policy = ImpactPolicy(deal_kinds={"renewal"})
        counted = reference_impact([made], calls, as_of=AS_OF, policy=policy)
        assert counted.with_reference == 1

    def test_reference_types_decide_what_is_referenced(self) -> None:
        made, calls = deal(1, referenced=True, outcome=WON)
        policy = ImpactPolicy(reference_types=[ActivityType.CASE_STUDY])
        impact = reference_impact([made], calls, as_of=AS_OF, policy=policy)
        assert (impact.with_reference, impact.without_reference) == (0, 1)
        assert "deals with a case study" in impact.explain()

    def test_the_window_applies(self) -> None:
        made, calls = deal(1, referenced=True, outcome=WON, days=100)
        # The call was 100 days before the close.
        assert reference_impact([made], calls, as_of=AS_OF).with_reference == 1
        narrow = reference_impact([made], calls, as_of=AS_OF, window_days=30)
        assert narrow.with_reference == 0

    def test_default_and_round_trip(self) -> None:
        policy = ImpactPolicy.default()
        assert policy.reference_types == {ActivityType.REFERENCE_CALL}
        assert (policy.min_closed, policy.min_each_outcome, policy.min_won) == (
            10,
            5,
            10,
        )
        assert from_dict(ImpactPolicy, json.loads(json.dumps(to_dict(policy)))) == (
            policy
        )

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("reference_types", [], InvalidValueError),
            ("reference_types", ["brochure"], InvalidTypeError),
            ("deal_kinds", [], InvalidValueError),
            ("min_closed", 0, InvalidValueError),
            ("min_each_outcome", -1, InvalidValueError),
            ("min_won", 1, InvalidValueError),
        ],
    )
    def test_bad_policies(
        self, field: str, value: object, error: type[Exception]
    ) -> None:
        with pytest.raises(error, match=rf"ImpactPolicy\.{field}"):
            ImpactPolicy(**{field: value})  # type: ignore[arg-type]

    @pytest.mark.parametrize("field", ["reference_types", "deal_kinds"])
    def test_an_empty_choice_compares_nothing(self, field: str) -> None:
        error = refused(
            InvalidValueError,
            rf"ImpactPolicy\.{field}",
            lambda: ImpactPolicy(**{field: []}),  # type: ignore[arg-type]
            value=frozenset(),
        )
        assert error.expected == "at least one value"
        assert error.hint is None
