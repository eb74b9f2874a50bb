"""Review maths: how new reviews move a rating, exactly and as displayed.

With c earlier reviews averaging m and k new ones averaging r:

```text
mean after       = (c m + k r) / (c + k)
reviews needed   = least k with mean after >= target
                 = ceil(c (target - m) / (r - target))     when r > target
earlier reviews  = k (after - r) / (before - after)         (implied c)
```

Platforms show a rounded mean: G2 rounds up to the nearest half star, so
4.01 shows as 4.5. A `RatingDisplay` holds the rule (round up, half up or
not at all, to a step such as 0.5 or 0.1, on a scale such as 1 to 5). To
reach a displayed target the mean only has to pass the lowest value that
displays as the target: above 4.0 for 4.5 under G2's rule, at least 4.45
under half-up rounding to 0.1.

Every inequality is decided in exact fractions (a float 4.2 is read as the
decimal 4.2), so boundary cases come out right; results are floats.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

import math
from fractions import Fraction

from advocacy._impact.rating_display import (
    Number,
    RatingDisplay,
    chosen_display,
    display_threshold,
    rating_value,
    shown,
)
from advocacy._internal.checks import boolean, integer
from advocacy._internal.text import decimal_text
from advocacy._internal.validation import require
from advocacy.exceptions import InvalidValueError

__all__ = ["implied_earlier_reviews", "rating_after", "reviews_needed"]
from advocacy._impact.review_results import (
    EarlierReviews,
    RatingForecast,
    ReviewsNeeded,
)


def _mean(count: int, mean: Fraction, new_count: int, new_mean: Fraction) -> Fraction:
    return (count * mean + new_count * new_mean) / (count + new_count)


def _text(value: Fraction) -> str:
    return decimal_text(value, 3)


def rating_after(
    mean: Number,
    count: int,
    *,
    new_mean: Number,
    new_count: int,
    display: RatingDisplay | None = None,
) -> RatingForecast:
    """The mean rating after `new_count` reviews averaging `new_mean`.

    ```text
    mean after = (count x mean + new_count x new_mean) / (count + new_count)
    ```

    Args:
        mean: The current mean (ignored, though checked, when `count` is 0).
        count: Reviews so far (0 or more).
        new_mean: The mean of the new reviews.
        new_count: New reviews (0 or more; at least 1 if `count` is 0).
        display: The platform's rule and scale; G2's if `None`.

    Returns:
        The exact mean and the displayed value, before and after.

    Raises:
        InvalidValueError: A rating outside the scale, a negative count, or
            no reviews at all.
        InvalidTypeError: A rating or count of the wrong kind.

    Example:
        >>> rating_after(4.2, 11, new_mean=4.6, new_count=34).mean_after
        4.502222222222223
    """
    owner = "rating_after"
    rule = chosen_display(owner, display)
    current = rating_value(rule, owner, "mean", mean)
    require(owner, "count", count, integer(0))
    added = rating_value(rule, owner, "new_mean", new_mean)
    require(owner, "new_count", new_count, integer(0 if count else 1))
    after = _mean(count, current, new_count, added)
    return RatingForecast(
        count=count,
        mean=float(current) if count else None,
        new_count=new_count,
        new_mean=float(added),
        mean_after=float(after),
        shown_before=float(shown(rule, current)) if count else None,
        shown_after=float(shown(rule, after)),
    )


def _least(
    count: int, mean: Fraction, new: Fraction, goal: Fraction, *, strict: bool
) -> int | None:
    """Least k >= 0 with mean after k new reviews >= goal (> if strict).

    k (new - goal) >= count (goal - mean) when the mean is to rise; `None`
    when no number of reviews gets there.
    """
    met = mean > goal if strict else mean >= goal
    if count and met:
        return 0
    if new < goal or (new == goal and (strict or count)):
        return None
    if new == goal:  # no earlier reviews: one review at the goal is the mean
        return 1
    bound = count * (goal - mean) / (new - goal)
    least = math.floor(bound) + 1 if strict else math.ceil(bound)
    return max(least, 0 if count else 1)


def reviews_needed(
    mean: Number,
    count: int,
    *,
    new_mean: Number,
    target: Number,
    display: RatingDisplay | None = None,
    of_display: bool = False,
) -> ReviewsNeeded:
    """How many new reviews at `new_mean` lift the rating to `target`.

    ```text
    exact mean:  least k with (count x mean + k x new_mean) / (count + k) >= target
                 = ceil(count (target - mean) / (new_mean - target))
    displayed:   the same against the least mean the platform shows as at
                 least target (strictly above it when rounding up)
    ```

    Args:
        mean: The current mean (checked, but ignored when `count` is 0).
        count: Reviews so far.
        new_mean: The mean the new reviews are expected to have.
        target: The rating wanted, on the scale.
        display: The platform's rule and scale; G2's if `None`.
        of_display: Target the displayed value instead of the exact mean.

    Returns:
        The least number of new reviews, and the rating they give.

    Raises:
        InvalidValueError: A rating outside the scale, a negative count, or
            a target that reviews at `new_mean` can never reach (the mean
            only moves towards `new_mean`).
        InvalidTypeError: A rating or count of the wrong kind.

    Example:
        >>> reviews_needed(4.2, 11, new_mean=4.6, target=4.5).reviews
        33
    """
    owner = "reviews_needed"
    rule = chosen_display(owner, display)
    current = rating_value(rule, owner, "mean", mean)
    require(owner, "count", count, integer(0))
    added = rating_value(rule, owner, "new_mean", new_mean)
    goal = rating_value(rule, owner, "target", target)
    require(owner, "of_display", of_display, boolean)
    if of_display:
        threshold, strict = display_threshold(rule, goal)
    else:
        threshold, strict = goal, False
    least = _least(count, current, added, threshold, strict=strict)
    if least is None:
        what = "displayed rating" if of_display else "mean"
        raise InvalidValueError(
            owner,
            "target",
            target,
            f"a {what} that new reviews averaging {_text(added)} can reach",
            f"the mean only moves towards {_text(added)}; the {what} "
            f"{_text(goal)} needs new reviews averaging "
            + ("above " if strict or count else "at least ")
            + _text(threshold),
        )
    after = _mean(count, current, least, added)
    return ReviewsNeeded(
        reviews=least,
        target=float(goal),
        of_display=of_display,
        count=count,
        mean=float(current) if count else None,
        new_mean=float(added),
        mean_after=float(after),
        shown_after=float(shown(rule, after)),
    )


def implied_earlier_reviews(
    before: Number,
    after: Number,
    *,
    new_mean: Number,
    new_count: int,
    display: RatingDisplay | None = None,
) -> EarlierReviews:
    """How many earlier reviews a rating had, from how new reviews moved it.

    Solving (c x before + k x new_mean) / (c + k) = after for c:

    ```text
    c = k (after - new_mean) / (before - after)
    ```

    Published ratings are rounded (4.2 may be anything from 4.15 to 4.25),
    so the exact solution is only an estimate; `count` rounds it to the
    nearest whole review rather than up or down, as neither direction is
    more likely.

    Args:
        before: The rating before the new reviews.
        after: The rating after; between `before` and `new_mean`.
        new_mean: The mean of the new reviews.
        new_count: New reviews (at least 1).
        display: The scale (only `low` and `high` are used); G2's if `None`.

    Returns:
        The exact estimate and the nearest whole count.

    Raises:
        InvalidValueError: A rating outside the scale, `after` equal to
            `before`, or `after` not between `before` and `new_mean`.
        InvalidTypeError: A rating or count of the wrong kind.

    Example:
        >>> implied_earlier_reviews(4.2, 4.5, new_mean=4.6, new_count=34).count
        11
    """
    owner = "implied_earlier_reviews"
    rule = chosen_display(owner, display)
    old = rating_value(rule, owner, "before", before)
    new_rating = rating_value(rule, owner, "after", after)
    added = rating_value(rule, owner, "new_mean", new_mean)
    require(owner, "new_count", new_count, integer(1))
    if new_rating == old or not min(old, added) <= new_rating <= max(old, added):
        raise InvalidValueError(
            owner,
            "after",
            after,
            f"a rating between before ({_text(old)}) and new_mean ({_text(added)}),"
            " other than before",
            "new reviews move the mean from before towards their own mean",
        )
    estimate = new_count * (new_rating - added) / (old - new_rating)
    return EarlierReviews(
        estimate=float(estimate),
        count=math.floor(estimate + Fraction(1, 2)),
        before=float(old),
        after=float(new_rating),
        new_count=new_count,
        new_mean=float(added),
    )
