"""Rating forecasts and implied earlier reviews: the results and their checks."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Money,
    RatingDisplay,
    implied_earlier_reviews,
    rating_after,
    review_campaign,
    reviews_needed,
)
from advocacy.exceptions import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.impact.reviews import COSTS, EXACT, G2, RATINGS, TENTHS, usd


class TestRatingAfter:
    def test_the_spec_campaign(self) -> None:
        after = rating_after(4.2, 11, new_mean=4.6, new_count=34)
        assert after.mean_after == float(Fraction(2026, 450))  # 202.6 / 45
        assert after.count_after == 45
        assert after.shown_before == 4.5  # G2 rounds 4.2 up to 4.5
        assert after.shown_after == 5.0  # and 4.502 up to 5
        assert after.explain() == (
            "11 reviews at 4.2 (shown 4.5) + 34 at 4.6 -> 45 at 4.502 (shown 5)"
        )

    def test_repr_is_the_headline(self) -> None:
        after = rating_after(4.2, 11, new_mean=4.6, new_count=34)
        assert repr(after) == (
            "RatingForecast(11 reviews at 4.2 (shown 4.5) + 34 at 4.6 -> 45 at "
            "4.502 (shown 5))"
        )
        assert repr(reviews_needed(4.2, 11, new_mean=4.6, target=4.5)) == (
            "ReviewsNeeded(33 new reviews at 4.6 lift the mean to 4.5: 44 reviews "
            "at 4.500 (shown 4.5))"
        )
        earlier = implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=34)
        assert repr(earlier) == (
            "EarlierReviews(34 new reviews at 4.6 moving 4.2 to 4.5 imply about 11 "
            "earlier reviews (11.33))"
        )

    def test_records(self) -> None:
        after = rating_after(4.2, 11, new_mean=4.6, new_count=34)
        record = after.to_records()[0]
        assert (record["count_after"], record["shown_after"]) == (45, 5.0)
        needed = reviews_needed(4.2, 11, new_mean=4.6, target=4.5)
        assert needed.to_records() == [
            {
                "reviews": 33,
                "target": 4.5,
                "of_display": False,
                "count": 11,
                "mean": 4.2,
                "new_mean": 4.6,
                "mean_after": 4.5,
                "shown_after": 4.5,
            }
        ]
        earlier = implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=34)
        assert earlier.to_records()[0]["count"] == 11
        json.dumps([*after.to_records(), *earlier.to_records()])

    def test_unrounded_display_shows_the_mean(self) -> None:
        after = rating_after(4.2, 11, new_mean=4.6, new_count=34, display=EXACT)
        assert after.shown_after == after.mean_after

    def test_no_earlier_reviews(self) -> None:
        after = rating_after(1, 0, new_mean=4.6, new_count=34)
        assert (after.mean, after.shown_before, after.mean_after) == (None, None, 4.6)
        assert after.explain().startswith("no reviews + 34 at 4.6 -> 34 at 4.600")

    def test_no_reviews_at_all_is_an_error(self) -> None:
        with pytest.raises(InvalidValueError, match=r"rating_after\.new_count"):
            rating_after(4.2, 0, new_mean=4.6, new_count=0)

    @pytest.mark.parametrize(
        ("value", "error"),
        [
            (5.5, InvalidValueError),
            (0, InvalidValueError),
            (float("nan"), InvalidValueError),
            (Decimal("Infinity"), InvalidValueError),
            (True, InvalidTypeError),
            ("4.2", InvalidTypeError),
        ],
    )
    def test_ratings_outside_the_scale(
        self, value: object, error: type[Exception]
    ) -> None:
        with pytest.raises(error, match=r"rating_after\.new_mean") as caught:
            rating_after(4.2, 10, new_mean=value, new_count=3)  # type: ignore[arg-type]
        assert "a rating from 1 to 5" in str(caught.value)

    def test_another_scale(self) -> None:
        ten = RatingDisplay.unrounded(low=0, high=10)
        assert (
            rating_after(7, 3, new_mean=10, new_count=1, display=ten).mean_after == 7.75
        )
        with pytest.raises(InvalidValueError, match=r"rating_after\.mean"):
            rating_after(7, 3, new_mean=10, new_count=1)

    def test_the_display_must_be_a_rule(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"rating_after\.display"):
            rating_after(4, 1, new_mean=4, new_count=1, display="g2")  # type: ignore[arg-type]


class TestImpliedEarlierReviews:
    def test_the_spec_campaign_implies_about_eleven(self) -> None:
        earlier = implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=34)
        assert earlier.estimate == pytest.approx(34 / 3)
        assert earlier.count == 11
        assert earlier.explain() == (
            "34 new reviews at 4.6 moving 4.2 to 4.5 imply about 11 earlier "
            "reviews (11.33)"
        )

    def test_halves_round_up(self) -> None:
        earlier = implied_earlier_reviews(3, 3.2, new_mean=3.7, new_count=1)
        assert (earlier.estimate, earlier.count) == (2.5, 3)

    def test_a_falling_rating(self) -> None:
        assert implied_earlier_reviews(4.5, 4.2, new_mean=3, new_count=10).count == 40

    def test_after_at_the_new_mean_means_no_earlier_reviews(self) -> None:
        assert implied_earlier_reviews(4.2, 4.6, new_mean=4.6, new_count=5).count == 0

    @pytest.mark.parametrize(("before", "after"), [(4.5, 4.5), (4.2, 4.7), (4.2, 4.1)])
    def test_after_must_lie_between(self, before: float, after: float) -> None:
        with pytest.raises(InvalidValueError, match=r"implied_earlier_reviews\.after"):
            implied_earlier_reviews(before, after, new_mean=4.6, new_count=34)

    def test_new_count_must_be_positive(self) -> None:
        with pytest.raises(InvalidValueError, match=r"\.new_count"):
            implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=0)

    @given(
        st.integers(1, 1000),
        st.integers(1, 200),
        st.integers(10, 50),
        st.integers(10, 50),
    )
    def test_recovers_the_count_from_exact_means(
        self, count: int, new_count: int, before: int, new_mean: int
    ) -> None:
        old, new = Fraction(before, 10), Fraction(new_mean, 10)
        if old == new:
            return
        after = (count * old + new_count * new) / (count + new_count)
        earlier = implied_earlier_reviews(old, after, new_mean=new, new_count=new_count)
        assert earlier.count == count
        assert earlier.estimate == pytest.approx(count)


class TestResultValidation:
    @given(RATINGS, st.integers(0, 500), RATINGS, st.integers(1, 500), RATINGS)
    def test_the_rules_results_pass_unchanged(
        self, mean: float, count: int, new_mean: float, new_count: int, other: float
    ) -> None:
        for display in (G2, EXACT, TENTHS):
            forecast = rating_after(
                mean, count, new_mean=new_mean, new_count=new_count, display=display
            )
            assert attrs.evolve(forecast) == forecast
            for of_display in (False, True):
                try:
                    needed = reviews_needed(
                        mean,
                        count,
                        new_mean=new_mean,
                        target=other,
                        display=display,
                        of_display=of_display,
                    )
                except InvalidValueError:  # a target the new reviews never reach
                    continue
                assert attrs.evolve(needed) == needed
        if min(mean, new_mean) <= other <= max(mean, new_mean) and other != mean:
            earlier = implied_earlier_reviews(
                mean, other, new_mean=new_mean, new_count=new_count
            )
            assert attrs.evolve(earlier) == earlier

    @given(st.integers(0, 500), st.data(), COSTS, COSTS)
    def test_the_campaigns_pass_unchanged(
        self, invited: int, data: st.DataObject, each: Money | None, fixed: Money | None
    ) -> None:
        published = data.draw(st.integers(0, invited))
        campaign = review_campaign(
            invited=invited, published=published, per_review=each, fixed_cost=fixed
        )
        assert attrs.evolve(campaign) == campaign

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"count": -1}, "count"),
            ({"new_mean": -0.5}, "new_mean"),
            (
                {"count": 0, "new_count": 0, "mean": None, "shown_before": None},
                "new_count",
            ),
            # 11 reviews at 4.2 and 34 at 4.6.
            ({"mean": None}, "mean"),
            ({"shown_before": None}, "shown_before"),
            ({"mean_after": 4.7}, "mean_after"),
            ({"new_count": 0}, "mean_after"),
            ({"count": 0, "mean": None, "shown_before": None}, "mean_after"),
        ],
    )
    def test_a_forecast_that_is_not_a_mean_of_its_reviews(
        self, changes: dict[str, Any], field: str
    ) -> None:
        forecast = rating_after(4.2, 11, new_mean=4.6, new_count=34)
        refused(
            InvalidValueError,
            rf"RatingForecast\.{field}",
            lambda: attrs.evolve(forecast, **changes),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"reviews": -1}, "reviews"),
            ({"target": -1.0}, "target"),
            ({"count": 0, "reviews": 0, "mean": None}, "reviews"),
            # 33 reviews at 4.6 lift 11 at 4.2 to exactly 4.5.
            ({"mean": None}, "mean"),
            ({"mean_after": 4.1}, "mean_after"),
            ({"reviews": 0}, "mean_after"),
            ({"target": 4.55}, "mean_after"),
            ({"target": 4.55, "of_display": True}, "shown_after"),
        ],
    )
    def test_an_answer_that_misses_its_target(
        self, changes: dict[str, Any], field: str
    ) -> None:
        needed = reviews_needed(4.2, 11, new_mean=4.6, target=4.5)
        assert (needed.reviews, needed.mean_after, needed.shown_after) == (33, 4.5, 4.5)
        refused(
            InvalidValueError,
            rf"ReviewsNeeded\.{field}",
            lambda: attrs.evolve(needed, **changes),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"estimate": -1.0}, "estimate"),
            ({"new_count": 0}, "new_count"),
            ({"before": -1.0}, "before"),
            # 34 new at 4.6 moved 4.2 to 4.5: about 11.33 earlier reviews.
            ({"after": 4.7}, "after"),
            ({"count": 12}, "count"),
        ],
    )
    def test_an_inference_that_does_not_fit_its_ratings(
        self, changes: dict[str, Any], field: str
    ) -> None:
        earlier = implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=34)
        refused(
            InvalidValueError,
            rf"EarlierReviews\.{field}",
            lambda: attrs.evolve(earlier, **changes),
        )

    def test_a_huge_estimate_keeps_the_count_of_the_exact_one(self) -> None:
        # The exact estimate 2**53 + 1.2 rounds to 2**53 + 1 reviews, but its
        # nearest float is 2**53 + 2: a whole unit from the count.
        exact = 2**53 + Fraction(6, 5)
        before = Fraction(21, 5) - Fraction(2, 5) / exact
        earlier = implied_earlier_reviews(
            before, Fraction(21, 5), new_mean=Fraction(23, 5), new_count=1
        )
        assert (earlier.count, earlier.estimate) == (2**53 + 1, 2**53 + 2)
        assert attrs.evolve(earlier) == earlier
        refused(
            InvalidValueError,
            r"EarlierReviews\.count",
            lambda: attrs.evolve(earlier, count=2**53 - 2),
        )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"invited": -1}, "invited"),
            ({"conversion": 1.5}, "conversion"),
            ({"total_cost": usd(-1)}, "total_cost"),
            # 34 of 50 published at 25 each plus 500: 1,350, or 39.71 each.
            ({"published": 51}, "published"),
            ({"conversion": 0.7}, "conversion"),
            ({"total_cost": usd(1349)}, "total_cost"),
            ({"per_review": None}, "total_cost"),
            ({"cost_per_review": usd(40)}, "cost_per_review"),
            (
                {"published": 0, "conversion": 0.0, "total_cost": usd(500)},
                "cost_per_review",
            ),
        ],
    )
    def test_a_campaign_whose_figures_do_not_follow(
        self, changes: dict[str, Any], field: str
    ) -> None:
        campaign = review_campaign(
            invited=50, published=34, per_review=usd(25), fixed_cost=usd(500)
        )
        refused(
            InvalidValueError,
            rf"ReviewCampaign\.{field}",
            lambda: attrs.evolve(campaign, **changes),
        )

    def test_a_campaign_in_one_currency(self) -> None:
        campaign = review_campaign(invited=50, published=34, per_review=usd(25))
        refused(
            CurrencyMismatchError,
            "ReviewCampaign",
            lambda: attrs.evolve(campaign, total_cost=Money(850, "EUR")),
        )


class TestRefusalsNameTheirFigures:
    """The refusals pin the field, the value given and what is accepted."""

    def test_a_forecast_without_any_review(self) -> None:
        forecast = rating_after(4.2, 11, new_mean=4.6, new_count=34)
        error = refused(
            InvalidValueError,
            r"RatingForecast\.new_count",
            lambda: attrs.evolve(
                forecast, count=0, new_count=0, mean=None, shown_before=None
            ),
            value=0,
        )
        assert error.expected == "at least 1 when count is 0 (a mean needs a review)"

    def test_an_answer_without_any_review(self) -> None:
        needed = reviews_needed(4.2, 11, new_mean=4.6, target=4.5)
        error = refused(
            InvalidValueError,
            r"ReviewsNeeded\.reviews",
            lambda: attrs.evolve(needed, count=0, reviews=0, mean=None),
            value=0,
        )
        assert error.expected == "at least 1 when count is 0 (a mean needs a review)"

    def test_a_mean_of_no_earlier_reviews(self) -> None:
        forecast = rating_after(1, 0, new_mean=4.6, new_count=34)
        error = refused(
            InvalidValueError,
            r"RatingForecast\.mean",
            lambda: attrs.evolve(forecast, mean=4.2),
            value=4.2,
        )
        assert error.expected == "a rating when count is above 0, None when it is 0"

    def test_a_mean_after_outside_the_two_means(self) -> None:
        forecast = rating_after(4.2, 11, new_mean=4.6, new_count=34)
        error = refused(
            InvalidValueError,
            r"RatingForecast\.mean_after",
            lambda: attrs.evolve(forecast, mean_after=4.7),
            value=4.7,
        )
        assert error.expected == "a rating between mean and new_mean (4.2 and 4.6)"

    def test_a_mean_after_that_is_not_the_only_mean(self) -> None:
        forecast = rating_after(4.2, 11, new_mean=4.6, new_count=34)
        error = refused(
            InvalidValueError,
            r"RatingForecast\.mean_after",
            lambda: attrs.evolve(forecast, new_count=0),
            value=forecast.mean_after,
        )
        assert error.expected == "the mean of the only reviews (4.2)"

    def test_an_answer_below_its_target(self) -> None:
        needed = reviews_needed(4.2, 11, new_mean=4.6, target=4.5)
        error = refused(
            InvalidValueError,
            r"ReviewsNeeded\.mean_after",
            lambda: attrs.evolve(needed, target=4.55),
            value=4.5,
        )
        assert error.expected == "at least the target (4.55)"

    def test_after_outside_before_and_the_new_mean(self) -> None:
        earlier = implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=34)
        error = refused(
            InvalidValueError,
            r"EarlierReviews\.after",
            lambda: attrs.evolve(earlier, after=4.7),
            value=4.7,
        )
        assert error.expected == "a rating between before and new_mean (4.2 and 4.6)"

    @pytest.mark.parametrize(
        ("before", "after", "new_mean", "new_count", "rounded"),
        [
            (4.2, 4.5, 4.6, 34, 11),  # 11.33 rounds down
            (3, 3.2, 3.7, 1, 3),  # 2.5 rounds up
        ],
    )
    def test_a_count_far_from_the_estimate(
        self,
        before: float,
        after: float,
        new_mean: float,
        new_count: int,
        rounded: int,
    ) -> None:
        earlier = implied_earlier_reviews(
            before, after, new_mean=new_mean, new_count=new_count
        )
        assert earlier.count == rounded
        error = refused(
            InvalidValueError,
            r"EarlierReviews\.count",
            lambda: attrs.evolve(earlier, count=rounded + 5),
            value=rounded + 5,
        )
        assert error.expected == (
            f"the estimate rounded to the nearest whole review ({rounded})"
        )

    def test_a_count_a_half_and_a_spacing_from_the_estimate(self) -> None:
        # 2**51 is spaced 0.5 from the next float: counts 1 away still fit.
        earlier = implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=34)
        edge = attrs.evolve(earlier, estimate=float(2**51), count=2**51 + 1)
        assert edge.count == 2**51 + 1
        refused(
            InvalidValueError,
            r"EarlierReviews\.count",
            lambda: attrs.evolve(earlier, estimate=float(2**51), count=2**51 + 2),
            value=2**51 + 2,
        )
