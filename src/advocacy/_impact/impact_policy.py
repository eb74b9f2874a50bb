"""The reference impact policy: what counts as a reference, which deals compare.

`ImpactPolicy.default()` compares new-business and expansion deals with and
without a reference call. A win-rate comparison needs 10 closed deals in each
group, with at least 5 wins and 5 losses; cycle and size comparisons need 10
won deals in each group; below that a comparison is flagged as too thin.

Keep this in step with docs/explanation/roi.md.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from advocacy._internal.checks import collection_of, integer, member_of
from advocacy._internal.convert import members
from advocacy._internal.validation import check_fields, checked
from advocacy._model.enums import ActivityType, DealKind, to_activity_types
from advocacy.exceptions import InvalidValueError

__all__ = ["ImpactPolicy"]


def _to_deal_kinds(
    value: Iterable[DealKind | str],
) -> frozenset[DealKind | str] | Iterable[DealKind | str]:
    return members(DealKind, value)


@attrs.frozen
class ImpactPolicy:
    """What counts as a referenced deal, and how much data a comparison needs.

    Defaults: reference calls make a deal referenced; new business and
    expansion deals are compared (renewals differ in kind); a win-rate
    comparison needs 10 closed deals in each group with at least 5 wins and
    5 losses in each; cycle and size comparisons need 10 won deals in each
    group. Below these, one deal moves a rate by ten points or more, so the
    result is flagged as insufficient data.

    Attributes:
        reference_types: Activity types that make a deal referenced.
        deal_kinds: The kinds of deal compared.
        min_closed: Closed deals each group needs for the win rate.
        min_each_outcome: Wins, and losses, each group needs for the win rate.
        min_won: Won deals each group needs for cycle and size (at least 2,
            for a spread).
    """

    reference_types: frozenset[ActivityType] = attrs.field(
        default=frozenset({ActivityType.REFERENCE_CALL}),
        converter=to_activity_types,
        metadata=checked(collection_of(member_of(ActivityType), "ActivityType values")),
    )
    deal_kinds: frozenset[DealKind] = attrs.field(
        default=frozenset({DealKind.NEW_BUSINESS, DealKind.EXPANSION}),
        converter=_to_deal_kinds,
        metadata=checked(collection_of(member_of(DealKind), "DealKind values")),
    )
    min_closed: int = attrs.field(default=10, metadata=checked(integer(1)))
    min_each_outcome: int = attrs.field(default=5, metadata=checked(integer(0)))
    min_won: int = attrs.field(default=10, metadata=checked(integer(2)))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that something is compared."""
        check_fields(self)
        for name in ("reference_types", "deal_kinds"):
            if not getattr(self, name):
                raise InvalidValueError(
                    "ImpactPolicy", name, getattr(self, name), "at least one value"
                )

    @classmethod
    def default(cls) -> ImpactPolicy:
        """Reference calls; new business and expansion; 10 / 5 / 10 deals."""
        return cls()
