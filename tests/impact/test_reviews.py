"""Review maths: exact means, displayed ratings, least reviews needed, campaigns."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    RatingDisplay,
    RatingRounding,
    implied_earlier_reviews,
    rating_after,
    reviews_needed,
)
from advocacy._impact.rating_display import shown
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
from tests.checks import refused
from tests.impact.reviews import EXACT, G2, TENTHS


class TestReviewsNeeded:
    def test_the_exact_mean(self) -> None:
        needed = reviews_needed(4.2, 11, new_mean=4.6, target=4.5)
        assert needed.reviews == 33
        assert needed.mean_after == 4.5
        assert needed.explain() == (
            "33 new reviews at 4.6 lift the mean to 4.5: 44 reviews at 4.500 "
            "(shown 4.5)"
        )
        assert reviews_needed(4.2, 100, new_mean=4.6, target=4.5).reviews == 300

    def test_the_displayed_rating_under_g2(self) -> None:
        # 4.2 already shows as 4.5; five stars need a mean above 4.5.
        assert (
            reviews_needed(4.2, 11, new_mean=4.6, target=4.5, of_display=True).reviews
            == 0
        )
        five = reviews_needed(4.2, 11, new_mean=4.6, target=5, of_display=True)
        assert five.reviews == 34  # the SPEC campaign: exactly enough
        assert five.shown_after == 5.0
        assert five.explain().startswith(
            "34 new reviews at 4.6 lift the displayed rating to 5: 45 reviews at 4.502"
        )

    def test_the_displayed_rating_rounded_half_up(self) -> None:
        # 4.5 shows once the mean reaches 4.45: 0.15 k >= 11 x 0.25.
        needed = reviews_needed(
            4.2, 11, new_mean=4.6, target=4.5, display=TENTHS, of_display=True
        )
        assert needed.reviews == 19
        assert needed.shown_after == 4.5

    def test_an_unrounded_display_targets_the_mean(self) -> None:
        needed = reviews_needed(
            4.2, 11, new_mean=4.6, target=4.5, display=EXACT, of_display=True
        )
        assert needed.reviews == 33

    def test_the_bottom_of_the_scale_is_always_shown(self) -> None:
        assert reviews_needed(1, 4, new_mean=1, target=1, of_display=True).reviews == 0
        assert reviews_needed(1, 0, new_mean=1, target=1, of_display=True).reviews == 1

    def test_a_target_already_met_needs_none(self) -> None:
        assert reviews_needed(4.7, 20, new_mean=4.0, target=4.5).reviews == 0

    def test_without_earlier_reviews_one_is_enough(self) -> None:
        assert reviews_needed(1, 0, new_mean=4.6, target=4.5).reviews == 1
        assert reviews_needed(1, 0, new_mean=4.5, target=4.5).reviews == 1
        with pytest.raises(InvalidValueError, match=r"at least 4\.6"):
            reviews_needed(1, 0, new_mean=4.5, target=4.6)

    @pytest.mark.parametrize(("target", "of_display"), [(4.6, False), (4.8, False)])
    def test_a_target_at_or_above_the_new_mean_is_an_error(
        self, target: float, of_display: bool
    ) -> None:
        with pytest.raises(
            InvalidValueError, match=r"reviews_needed\.target"
        ) as caught:
            reviews_needed(4.2, 11, new_mean=4.6, target=target, of_display=of_display)
        assert "the mean only moves towards 4.6" in str(caught.value)
        assert "averaging above" in str(caught.value)

    def test_an_unreachable_displayed_target(self) -> None:
        with pytest.raises(InvalidValueError, match="displayed rating"):
            reviews_needed(4.2, 11, new_mean=4.5, target=5, of_display=True)

    def test_a_target_above_the_scale(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"reviews_needed\.target"
        ) as caught:
            reviews_needed(4.2, 11, new_mean=4.6, target=5.5)
        assert "a rating from 1 to 5" in str(caught.value)

    def test_bad_counts_and_flags(self) -> None:
        with pytest.raises(InvalidValueError, match=r"reviews_needed\.count"):
            reviews_needed(4.2, -1, new_mean=4.6, target=4.5)
        with pytest.raises(InvalidTypeError, match=r"reviews_needed\.of_display"):
            reviews_needed(4.2, 1, new_mean=4.6, target=4.5, of_display=1)  # type: ignore[arg-type]

    @given(
        st.tuples(
            st.integers(0, 500),
            st.integers(10, 50),
            st.integers(10, 50),
            st.integers(10, 50),
        ),
        st.sampled_from([G2, EXACT, TENTHS, RatingDisplay(RatingRounding.UP, "0.1")]),
        st.booleans(),
    )
    def test_reviews_needed_is_the_least_that_reaches_the_target(
        self, case: tuple[int, int, int, int], rule: RatingDisplay, of_display: bool
    ) -> None:
        count, mean, new_mean, target = case
        current, new, goal = (Fraction(v, 10) for v in (mean, new_mean, target))

        def reaches(k: int) -> bool:
            if count + k == 0:
                return False
            after = (count * current + k * new) / (count + k)
            return (shown(rule, after) if of_display else after) >= goal

        try:
            needed = reviews_needed(
                current,
                count,
                new_mean=new,
                target=goal,
                display=rule,
                of_display=of_display,
            )
        except InvalidValueError:
            # Unreachable: the mean only moves towards the new reviews' mean.
            assert not reaches(10**9)
            return
        assert reaches(needed.reviews)
        assert needed.reviews == 0 or not reaches(needed.reviews - 1)


class TestReviewsNeededBoundaries:
    def test_a_mean_exactly_at_the_round_up_threshold_needs_one_more(self) -> None:
        # G2 shows 5 only above 4.5: a mean of exactly 4.5 still shows 4.5.
        needed = reviews_needed(4.5, 10, new_mean=5, target=5, of_display=True)
        assert needed.reviews == 1
        assert needed.shown_after == 5.0

    def test_reaching_the_half_up_threshold_exactly_is_enough(self) -> None:
        # 4.5 shows from 4.45 on: one review at 4.5 lifts 4.4 to exactly 4.45.
        needed = reviews_needed(
            4.4, 1, new_mean=4.5, target=4.5, display=TENTHS, of_display=True
        )
        assert needed.reviews == 1
        assert needed.mean_after == 4.45
        assert needed.shown_after == 4.5
        alone = reviews_needed(
            1, 0, new_mean=4.45, target=4.5, display=TENTHS, of_display=True
        )
        assert alone.reviews == 1

    def test_an_unreachable_mean_is_refused_with_its_figures(self) -> None:
        error = refused(
            InvalidValueError,
            "reviews_needed.target",
            lambda: reviews_needed(4.2, 11, new_mean=Fraction(13, 3), target=4.5),
            value=4.5,
        )
        assert error.expected == "a mean that new reviews averaging 4.333 can reach"
        assert error.hint == (
            "the mean only moves towards 4.333; the mean 4.5 needs new reviews "
            "averaging above 4.5"
        )

    def test_an_unreachable_displayed_rating_is_refused_with_its_figures(
        self,
    ) -> None:
        error = refused(
            InvalidValueError,
            "reviews_needed.target",
            lambda: reviews_needed(4.2, 11, new_mean=4.5, target=5, of_display=True),
            value=5,
        )
        assert error.expected == (
            "a displayed rating that new reviews averaging 4.5 can reach"
        )
        assert error.hint == (
            "the mean only moves towards 4.5; the displayed rating 5 needs new "
            "reviews averaging above 4.5"
        )

    @pytest.mark.parametrize("field", ["mean", "new_mean"])
    def test_a_rating_off_the_scale_names_its_argument(self, field: str) -> None:
        ratings: dict[str, float] = {"mean": 4.2, "new_mean": 4.6}
        ratings[field] = 6

        def make() -> object:
            return reviews_needed(
                ratings["mean"], 11, new_mean=ratings["new_mean"], target=4.5
            )

        refused(
            InvalidValueError,
            f"reviews_needed.{field}",
            make,
            value=6,
            expected="a rating from 1 to 5",
        )

    def test_a_display_of_the_wrong_kind(self) -> None:
        refused(
            InvalidTypeError,
            "reviews_needed.display",
            lambda: reviews_needed(4.2, 11, new_mean=4.6, target=4.5, display="g2"),  # type: ignore[arg-type]
            value="g2",
        )


class TestRatingAfterArguments:
    def test_no_new_reviews_keeps_the_rating(self) -> None:
        after = rating_after(4.2, 11, new_mean=4.6, new_count=0)
        assert after.new_count == 0
        assert after.mean_after == 4.2
        assert after.shown_after == 4.5

    def test_a_negative_count(self) -> None:
        refused(
            InvalidValueError,
            "rating_after.count",
            lambda: rating_after(4.2, -1, new_mean=4.6, new_count=5),
            value=-1,
            expected="an integer of at least 0",
        )


class TestImpliedEarlierReviewsArguments:
    def test_the_display_sets_the_scale(self) -> None:
        ten = RatingDisplay.unrounded(high=10)
        earlier = implied_earlier_reviews(7, 8, new_mean=9, new_count=1, display=ten)
        assert earlier.count == 1
        assert earlier.estimate == 1.0

    def test_a_display_of_the_wrong_kind(self) -> None:
        refused(
            InvalidTypeError,
            "implied_earlier_reviews.display",
            lambda: implied_earlier_reviews(
                4.2,
                4.5,
                new_mean=4.6,
                new_count=34,
                display="g2",  # type: ignore[arg-type]
            ),
            value="g2",
        )

    @pytest.mark.parametrize("field", ["before", "after", "new_mean"])
    def test_a_rating_off_the_scale_names_its_argument(self, field: str) -> None:
        ratings: dict[str, float] = {"before": 4.2, "after": 4.5, "new_mean": 4.6}
        ratings[field] = 6

        def make() -> object:
            return implied_earlier_reviews(
                ratings["before"],
                ratings["after"],
                new_mean=ratings["new_mean"],
                new_count=34,
            )

        refused(
            InvalidValueError,
            f"implied_earlier_reviews.{field}",
            make,
            value=6,
            expected="a rating from 1 to 5",
        )

    def test_no_new_reviews(self) -> None:
        refused(
            InvalidValueError,
            "implied_earlier_reviews.new_count",
            lambda: implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=0),
            value=0,
            expected="an integer of at least 1",
        )

    def test_an_after_past_the_new_mean_is_refused_with_its_figures(self) -> None:
        error = refused(
            InvalidValueError,
            "implied_earlier_reviews.after",
            lambda: implied_earlier_reviews(4.2, 4.7, new_mean=4.6, new_count=34),
            value=4.7,
        )
        assert error.expected == (
            "a rating between before (4.2) and new_mean (4.6), other than before"
        )
        assert error.hint == (
            "new reviews move the mean from before towards their own mean"
        )
