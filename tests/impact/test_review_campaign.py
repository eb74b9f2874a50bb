"""Review campaigns: who to ask for how many reviews, by when."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

from advocacy import (
    Money,
    review_campaign,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.impact.reviews import usd


class TestCampaign:
    def test_the_spec_campaign(self) -> None:
        campaign = review_campaign(invited=50, published=34, per_review=usd(25))
        assert campaign.conversion == 0.68
        assert campaign.total_cost == usd(850)
        assert campaign.cost_per_review == usd(25)
        assert campaign.explain() == (
            "34 of 50 invited published a review (68%); cost USD 850.00, "
            "USD 25.00 per review"
        )

    def test_fixed_costs_are_spread_over_the_published_reviews(self) -> None:
        campaign = review_campaign(
            invited=50, published=34, per_review=usd(25), fixed_cost=usd(500)
        )
        assert campaign.total_cost == usd(1350)
        assert campaign.cost_per_review == usd(1350).divide(34)
        assert campaign.explain().endswith("cost USD 1,350.00, USD 39.71 per review")

    def test_records(self) -> None:
        campaign = review_campaign(invited=50, published=34, per_review=usd(25))
        assert campaign.to_records() == [
            {
                "invited": 50,
                "published": 34,
                "conversion": 0.68,
                "per_review": Decimal(25),
                "fixed_cost": None,
                "total_cost": Decimal(850),
                "cost_per_review": Decimal(25),
                "currency": "USD",
            }
        ]
        assert (
            review_campaign(invited=1, published=0).to_records()[0]["currency"] is None
        )

    def test_empty_denominators_give_none(self) -> None:
        nothing = review_campaign(invited=0, published=0, fixed_cost=usd(100))
        assert nothing.conversion is None
        assert nothing.cost_per_review is None
        assert nothing.explain() == (
            "0 of 0 invited published a review (n/a (no invitations)); cost "
            "USD 100.00, n/a (none published) per review"
        )
        free = review_campaign(invited=10, published=3)
        assert free.total_cost is None
        assert free.explain().endswith("(30%); no cost given")

    def test_bad_input(self) -> None:
        with pytest.raises(InvalidValueError, match=r"review_campaign\.published"):
            review_campaign(invited=34, published=50)
        with pytest.raises(InvalidTypeError, match=r"review_campaign\.per_review") as e:
            review_campaign(invited=50, published=34, per_review=25.0)  # type: ignore[arg-type]
        assert "floats cannot hold amounts exactly" in str(e.value)
        with pytest.raises(InvalidValueError, match=r"review_campaign\.fixed_cost"):
            review_campaign(invited=50, published=34, fixed_cost=usd(-5))
        with pytest.raises(CurrencyMismatchError, match="review_campaign"):
            review_campaign(
                invited=50,
                published=34,
                per_review=usd(25),
                fixed_cost=Money(5, "EUR"),
            )
        with pytest.raises(InvalidValueError, match=r"review_campaign\.invited"):
            review_campaign(invited=-1, published=0)

    def test_a_plain_dict_is_not_money(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"review_campaign\.per_review"):
            review_campaign(
                invited=5,
                published=5,
                per_review={"amount": "10", "currency": "EUR"},  # type: ignore[arg-type]
            )


class TestCampaignRefusals:
    """The refusals pin the field, the value given and what is accepted."""

    def test_published_below_zero(self) -> None:
        refused(
            InvalidValueError,
            r"review_campaign\.published",
            lambda: review_campaign(invited=5, published=-1),
            value=-1,
            expected="an integer from 0 to 5",
        )

    def test_costs_in_two_currencies_name_the_rule(self) -> None:
        refused(
            CurrencyMismatchError,
            "review_campaign",
            lambda: review_campaign(
                invited=50, published=34, per_review=usd(25), fixed_cost=Money(5, "EUR")
            ),
        )

    def test_more_published_than_invited(self) -> None:
        campaign = review_campaign(invited=50, published=34)
        error = refused(
            InvalidValueError,
            r"ReviewCampaign\.published",
            lambda: attrs.evolve(campaign, published=51),
            value=51,
        )
        assert error.expected == "at most invited (50)"

    @pytest.mark.parametrize(
        ("changes", "field", "value", "expected"),
        [
            (
                {"conversion": 0.7},
                "conversion",
                0.7,
                "published / invited, or None with none invited (0.68)",
            ),
            (
                {"total_cost": usd(1349)},
                "total_cost",
                usd(1349),
                (
                    "per_review x published + fixed_cost, or None with no cost given "
                    "(Money('1350', 'USD'))"
                ),
            ),
            (
                {"published": 0, "conversion": 0.0, "total_cost": usd(500)},
                "cost_per_review",
                usd(1350).divide(34),
                "total_cost / published, or None with no cost or none published (None)",
            ),
        ],
    )
    def test_a_figure_that_does_not_follow(
        self, changes: dict[str, Any], field: str, value: object, expected: str
    ) -> None:
        campaign = review_campaign(
            invited=50, published=34, per_review=usd(25), fixed_cost=usd(500)
        )
        error = refused(
            InvalidValueError,
            rf"ReviewCampaign\.{field}",
            lambda: attrs.evolve(campaign, **changes),
            value=value,
        )
        assert error.expected == expected
