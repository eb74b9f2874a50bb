"""Review maths: exact means, displayed ratings, least reviews needed, campaigns."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    RatingDisplay,
    RatingRounding,
    reviews_needed,
)
from advocacy._impact.rating_display import shown
from advocacy.exceptions import (
    InvalidTypeError,
    InvalidValueError,
)
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
