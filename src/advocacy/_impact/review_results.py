"""What the review rules return: forecasts, reviews needed, earlier reviews.

Each result keeps its exact ratings as floats for reading and checks that
they agree with one another (a mean after new reviews lies between the old
mean and the new reviews' mean). The rules are in `advocacy._impact.reviews`.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Final

import attrs

from advocacy._internal.checks import integer, number, optional
from advocacy._internal.text import headline_repr
from advocacy._internal.validation import check_fields, checked
from advocacy.exceptions import InvalidValueError

__all__ = ["EarlierReviews", "RatingForecast", "ReviewsNeeded"]


# Every scale starts at 0 or more (`RatingDisplay.low`), and every rating a
# result holds is on its scale.
_COUNT: Final = checked(integer(0))
_RATING: Final = checked(number(0))
_MAYBE_RATING: Final = checked(optional(number(0)))


def _only_with_reviews(owner: str, name: str, value: object, count: int) -> None:
    """Refuse a figure of the earlier reviews given without them, or missing."""
    if (value is None) is bool(count):
        raise InvalidValueError(
            owner, name, value, "a rating when count is above 0, None when it is 0"
        )


def _between(
    owner: str, name: str, value: float, ends: tuple[float, float], words: str
) -> None:
    """Refuse `value` outside the two ends (a mean of means lies between them)."""
    if not min(ends) <= value <= max(ends):
        raise InvalidValueError(
            owner,
            name,
            value,
            f"a rating between {words} ({ends[0]!r} and {ends[1]!r})",
        )


def _mean_after(
    owner: str, after: float, *, mean: float | None, new_count: int, new_mean: float
) -> None:
    """Refuse a mean after that is not the mean of the old and new reviews.

    The stored ratings are floats of exact values, so only what rounding
    keeps is checked: the mean lies between the two means, and is one of
    them when the other group is empty.
    """
    if mean is not None and new_count:
        _between(owner, "mean_after", after, (mean, new_mean), "mean and new_mean")
        return
    only = new_mean if mean is None else mean
    if after != only:
        raise InvalidValueError(
            owner, "mean_after", after, f"the mean of the only reviews ({only!r})"
        )


# --- rating after ---------------------------------------------------------------


@headline_repr
@attrs.frozen(repr=False)
class RatingForecast:
    """A rating before and after new reviews, exact and as displayed.

    Attributes:
        count: Reviews before.
        mean: Their mean (`None` exactly when there are none).
        new_count: New reviews (at least 1 when there were none before).
        new_mean: Their mean.
        mean_after: The mean of all reviews after (between `mean` and
            `new_mean`).
        shown_before: What the platform showed before (`None` exactly when
            there were no reviews).
        shown_after: What it shows after.
    """

    count: int = attrs.field(metadata=_COUNT)
    mean: float | None = attrs.field(metadata=_MAYBE_RATING)
    new_count: int = attrs.field(metadata=_COUNT)
    new_mean: float = attrs.field(metadata=_RATING)
    mean_after: float = attrs.field(metadata=_RATING)
    shown_before: float | None = attrs.field(metadata=_MAYBE_RATING)
    shown_after: float = attrs.field(metadata=_RATING)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the figures fit the counts and means."""
        check_fields(self)
        owner = "RatingForecast"
        if not self.count + self.new_count:
            raise InvalidValueError(
                owner,
                "new_count",
                0,
                "at least 1 when count is 0 (a mean needs a review)",
            )
        _only_with_reviews(owner, "mean", self.mean, self.count)
        _only_with_reviews(owner, "shown_before", self.shown_before, self.count)
        _mean_after(
            owner,
            self.mean_after,
            mean=self.mean,
            new_count=self.new_count,
            new_mean=self.new_mean,
        )

    @property
    def count_after(self) -> int:
        """Reviews after."""
        return self.count + self.new_count

    def explain(self) -> str:
        """The move in one line."""
        before = (
            "no reviews"
            if self.mean is None or self.shown_before is None
            else f"{self.count} reviews at {self.mean:g} (shown {self.shown_before:g})"
        )
        return (
            f"{before} + {self.new_count} at {self.new_mean:g} -> "
            f"{self.count_after} at {self.mean_after:.3f} (shown {self.shown_after:g})"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The forecast as one plain dict, ready for `pandas.DataFrame`."""
        return [{**attrs.asdict(self), "count_after": self.count_after}]


# --- reviews needed -------------------------------------------------------------


@headline_repr
@attrs.frozen(repr=False)
class ReviewsNeeded:
    """The fewest new reviews that lift a rating to a target.

    Attributes:
        reviews: New reviews needed (0 if the target is already met; at
            least 1 without earlier reviews).
        target: The target.
        of_display: Whether the target is the displayed value (else the
            exact mean).
        count: Reviews so far.
        mean: Their mean (`None` exactly when there are none).
        new_mean: The assumed mean of the new reviews.
        mean_after: The exact mean after `reviews` new ones (between `mean`
            and `new_mean`; at least `target` unless `of_display`).
        shown_after: What the platform shows then (at least `target` if
            `of_display`).
    """

    reviews: int = attrs.field(metadata=_COUNT)
    target: float = attrs.field(metadata=_RATING)
    of_display: bool
    count: int = attrs.field(metadata=_COUNT)
    mean: float | None = attrs.field(metadata=_MAYBE_RATING)
    new_mean: float = attrs.field(metadata=_RATING)
    mean_after: float = attrs.field(metadata=_RATING)
    shown_after: float = attrs.field(metadata=_RATING)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the reviews reach the target."""
        check_fields(self)
        owner = "ReviewsNeeded"
        if not self.count + self.reviews:
            raise InvalidValueError(
                owner,
                "reviews",
                0,
                "at least 1 when count is 0 (a mean needs a review)",
            )
        _only_with_reviews(owner, "mean", self.mean, self.count)
        _mean_after(
            owner,
            self.mean_after,
            mean=self.mean,
            new_count=self.reviews,
            new_mean=self.new_mean,
        )
        name = "shown_after" if self.of_display else "mean_after"
        reached = getattr(self, name)
        if reached < self.target:
            raise InvalidValueError(
                owner, name, reached, f"at least the target ({self.target!r})"
            )

    def explain(self) -> str:
        """The answer in one line."""
        what = "displayed rating" if self.of_display else "mean"
        return (
            f"{self.reviews} new reviews at {self.new_mean:g} lift the {what} to "
            f"{self.target:g}: {self.count + self.reviews} reviews at "
            f"{self.mean_after:.3f} (shown {self.shown_after:g})"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The answer as one plain dict, ready for `pandas.DataFrame`."""
        return [attrs.asdict(self)]


# --- earlier reviews ------------------------------------------------------------


@headline_repr
@attrs.frozen(repr=False)
class EarlierReviews:
    """How many reviews a rating had, inferred from how new reviews moved it.

    Attributes:
        estimate: The exact solution, k (after - new_mean) / (before - after)
            (0 or more).
        count: The estimate rounded to the nearest whole review (halves up).
        before: The rating before.
        after: The rating after (between `before` and `new_mean`).
        new_count: New reviews (at least 1).
        new_mean: Their mean.
    """

    estimate: float = attrs.field(metadata=checked(number(0)))
    count: int = attrs.field(metadata=_COUNT)
    before: float = attrs.field(metadata=_RATING)
    after: float = attrs.field(metadata=_RATING)
    new_count: int = attrs.field(metadata=checked(integer(1)))
    new_mean: float = attrs.field(metadata=_RATING)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the count against the estimate and the move."""
        check_fields(self)
        owner = "EarlierReviews"
        _between(
            owner,
            "after",
            self.after,
            (self.before, self.new_mean),
            "before and new_mean",
        )
        # The count is rounded from the exact estimate, of which `estimate` is
        # the nearest float: the two may differ by that float's spacing too.
        off = abs(self.count - Fraction(self.estimate))
        if off > Fraction(1, 2) + Fraction(math.ulp(self.estimate)):
            raise InvalidValueError(
                owner,
                "count",
                self.count,
                f"the estimate rounded to the nearest whole review "
                f"({math.floor(Fraction(self.estimate) + Fraction(1, 2))})",
            )

    def explain(self) -> str:
        """The inference in one line."""
        return (
            f"{self.new_count} new reviews at {self.new_mean:g} moving {self.before:g} "
            f"to {self.after:g} imply about {self.count} earlier reviews "
            f"({self.estimate:.2f})"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The inference as one plain dict, ready for `pandas.DataFrame`."""
        return [attrs.asdict(self)]
