"""Activities, deals and reference requests, their checks and derived values."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
import pytest

from advocacy import (
    Activity,
    ActivityType,
    DealKind,
    DealOutcome,
    Money,
    OpportunitySource,
)
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from tests.model.makers import DAY, account, opportunity, request


class TestActivity:
    def test_defaults(self) -> None:
        made = Activity(id="a", advocate_id="adv-1", type="case_study", date=DAY)
        assert made.type is ActivityType.CASE_STUDY
        assert made.minutes is None
        assert made.opportunity_id is None
        assert not made.recognition_sent

    def test_datetime_refused(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"Activity\.date.*value\.date\(\)"):
            Activity(
                id="a", advocate_id="b", type=ActivityType.WEBINAR, date=pendulum.now()
            )

    def test_negative_minutes(self) -> None:
        with pytest.raises(InvalidValueError, match="minutes"):
            Activity(
                id="a", advocate_id="b", type=ActivityType.WEBINAR, date=DAY, minutes=-5
            )


class TestOpportunity:
    def test_nested_values_from_plain_data(self) -> None:
        made = opportunity()
        assert made.amount == Money("120000", "USD")
        assert made.prospect.region == "EMEA"
        assert made.outcome is DealOutcome.WON
        assert made.source is OpportunitySource.REFERRAL
        assert made.kind is DealKind.EXPANSION

    def test_open_opportunity_has_no_close_date(self) -> None:
        assert opportunity(outcome="open", closed=None).closed is None
        with pytest.raises(InvalidValueError, match="None while the outcome is open"):
            opportunity(outcome="open")

    def test_closed_opportunity_needs_a_close_date(self) -> None:
        with pytest.raises(InvalidValueError, match="close date of a lost opportunity"):
            opportunity(outcome="lost", closed=None)

    def test_close_before_creation(self) -> None:
        with pytest.raises(InvalidValueError, match="on or after created"):
            opportunity(closed=DAY.subtract(years=1))


class TestAmountsCannotBeNegative:
    """A deal, ARR and a deal at stake are zero or more (a refund is no deal)."""

    @pytest.mark.parametrize(
        ("build", "where"),
        [
            (lambda m: opportunity(amount=m), r"^Opportunity\.amount"),
            (lambda m: account(arr=m), r"^Account\.arr"),
            (lambda m: request(deal_amount=m), r"^ReferenceRequest\.deal_amount"),
        ],
    )
    def test_a_negative_amount_is_refused_by_name(
        self, build: Callable[[Money], object], where: str
    ) -> None:
        with pytest.raises(
            InvalidValueError, match=where + r": got .*-1.*zero or more"
        ):
            build(Money("-1", "USD"))
        assert build(Money("0", "USD")) is not None


class TestReferenceRequest:
    def test_defaults(self) -> None:
        made = request()
        assert made.advocates_needed == 1
        assert made.priority == 1
        assert made.excluded == frozenset()

    @pytest.mark.parametrize("needed", [0, -1])
    def test_needs_at_least_one_advocate(self, needed: int) -> None:
        with pytest.raises(InvalidValueError, match="advocates_needed"):
            request(advocates_needed=needed)

    def test_needed_by_before_requested(self) -> None:
        with pytest.raises(
            InvalidValueError, match="on or after requested_on"
        ) as caught:
            request(needed_by=DAY.subtract(days=1))
        assert caught.value.field == "needed_by"

    def test_prospect_must_be_a_profile(self) -> None:
        with pytest.raises(InvalidTypeError, match="ProspectProfile"):
            request(prospect="Acme")
