"""One advocate's tier and why: the checks against each tier, in filling order.

A `TierCheck` is one tier considered for one advocate (its floor, its cap,
whether the score met it and whether the cap was full); a `TierDecision`
holds the checks up to the tier assigned and says why in one sentence.
`TierAssignment.decision` (in `advocacy._scoring.tiers`) makes them.

Keep this in step with docs/explanation/tier-policy.md.
"""

from __future__ import annotations

import attrs

from advocacy._internal.checks import (
    integer,
)
from advocacy._internal.validation import check_fields, checked
from advocacy._model.enums import Tier
from advocacy.exceptions import InvalidValueError

__all__ = ["TierCheck", "TierDecision"]


@attrs.frozen
class TierCheck:
    """How one advocate fared against one tier, in the order tiers fill.

    Attributes:
        tier: The tier considered.
        floor: The minimum score that applied (lowered by the hysteresis
            margin for the tier held last period).
        cap: The tier's cap (0 or more).
        meets_floor: Whether the score met the floor.
        cap_full: Whether the cap was already full when the advocate's
            turn came (always, for a cap of 0).
    """

    tier: Tier
    floor: int
    cap: int = attrs.field(metadata=checked(integer(0)))
    meets_floor: bool
    cap_full: bool

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that a cap of 0 is full."""
        check_fields(self)
        if self.cap == 0 and not self.cap_full:
            raise InvalidValueError(
                "TierCheck", "cap_full", self.cap_full, "True for a cap of 0"
            )

    @property
    def admits(self) -> bool:
        """Whether this tier took the advocate."""
        return self.meets_floor and not self.cap_full

    def explain(self, score: int) -> str:
        """This check in words."""
        name = self.tier.value.capitalize()
        if not self.meets_floor:
            return f"score {score} below {name}'s minimum {self.floor}"
        if self.cap_full:
            return (
                f"meets {name}'s minimum {self.floor} "
                f"but its cap of {self.cap} was full"
            )
        return (
            f"meets {name}'s minimum {self.floor} with room under its cap of {self.cap}"
        )


@attrs.frozen(repr=False)
class TierDecision:
    """One advocate's tier and why.

    Attributes:
        id: The advocate (or account) id.
        score: The score ranked on.
        engagement: Activities in the trailing 12 months (the first
            tie-break; 0 or more).
        rank: Position in the ranking, 1 for the first.
        tier: The tier assigned, or `None`.
        previous: Last period's tier, if given.
        checks: The tiers considered, most engaged first, up to the one
            assigned (every tier when none was): each meets its floor
            exactly when `score` does, only the last may admit, and it does
            exactly when a tier was assigned.
    """

    id: str
    score: int
    engagement: int = attrs.field(metadata=checked(integer(0)))
    rank: int = attrs.field(metadata=checked(integer(1)))
    tier: Tier | None
    previous: Tier | None
    checks: tuple[TierCheck, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the checks lead to the tier."""
        check_fields(self)
        tiers = tuple(check.tier for check in self.checks)
        names = tuple(tier.value for tier in tiers)
        if not tiers or tiers != tuple(Tier)[: len(tiers)]:
            raise InvalidValueError(
                "TierDecision",
                "checks",
                names,
                "checks of the tiers in order from champion, at least one",
            )
        for index, check in enumerate(self.checks):
            if check.meets_floor is not (self.score >= check.floor):
                raise InvalidValueError(
                    "TierDecision",
                    f"checks[{index}].meets_floor",
                    check.meets_floor,
                    f"{not check.meets_floor}, since the score {self.score} is "
                    f"{'at or above' if self.score >= check.floor else 'below'} "
                    f"the floor {check.floor}",
                )
        if any(check.admits for check in self.checks[:-1]):
            raise InvalidValueError(
                "TierDecision",
                "checks",
                names,
                "checks that stop at the first tier that admits",
            )
        last = self.checks[-1]
        assigned = last.tier if last.admits else None
        if self.tier is not assigned:
            raise InvalidValueError(
                "TierDecision",
                "tier",
                self.tier,
                "None, since its last check does not admit"
                if assigned is None
                else f"{assigned.value!r}, the tier its last check admits",
            )
        if assigned is None and len(tiers) < len(Tier):
            raise InvalidValueError(
                "TierDecision",
                "checks",
                names,
                "a check of every tier when none is assigned",
            )

    @property
    def reason(self) -> str:
        """Why this tier, in one sentence."""
        parts = "; ".join(check.explain(self.score) for check in self.checks)
        outcome = self.tier.value.capitalize() if self.tier else "no tier"
        return f"{outcome} (rank {self.rank}): {parts}"

    def __repr__(self) -> str:
        """`TierDecision(adv-0042: Advocate (rank 2): meets Champion's ...)`."""
        return f"TierDecision({self.id}: {self.reason})"
