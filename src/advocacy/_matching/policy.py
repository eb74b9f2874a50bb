"""The match policy and the policy bundle: the rules of matching, as data.

[`MatchPolicy`][advocacy.MatchPolicy] holds the rest period, the quarterly
caps, the asks per batch and the fit weights; [`Policies`][advocacy.Policies]
bundles it with the tier policy and the activity catalog, the three values
every matching, gap, health and what-if rule reads.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

import attrs

from advocacy._internal.checks import (
    FRACTION,
    collection_of,
    instance_of,
    integer,
    member_of,
    optional,
)
from advocacy._internal.convert import members, to_float
from advocacy._internal.validation import check_fields, checked, require
from advocacy._model.catalog import ActivityCatalog
from advocacy._model.customers import SizeBands
from advocacy._scoring.tier_policy import TierPolicy
from advocacy.exceptions import InvalidValueError

__all__ = ["FitFactor", "FitWeights", "MatchPolicy", "Policies", "policies_for"]


class FitFactor(enum.StrEnum):
    """The kinds of agreement a match's fit weighs."""

    INDUSTRY = "industry"
    """The prospect's industry: the advocate's own, or one of their expertise."""

    USE_CASES = "use_cases"
    """The share of the prospect's use cases the advocate's account has."""

    PRODUCTS = "products"
    """The share of the prospect's products the advocate's account owns."""

    SIZE = "size"
    """The prospect's size band (an adjacent band earns partial credit)."""

    REGION = "region"
    """The prospect's region."""

    PERSONA = "persona"
    """The persona the prospect asked to speak with."""

    SCORE = "score"
    """The advocate's score: a small preference for the keenest."""

    REST = "rest"
    """Time since the advocate's last activity: spreads the load."""


_MATCHABLE: Final = frozenset(FitFactor) - {FitFactor.SCORE, FitFactor.REST}


def _to_factors(
    value: Iterable[FitFactor | str],
) -> frozenset[FitFactor | str] | Iterable[FitFactor | str]:
    return members(FitFactor, value)


_WEIGHT: Final = checked(FRACTION)


@attrs.frozen
class FitWeights:
    """How much each kind of agreement counts in a match's fit.

    Weights are shares from 0 to 1; the fit divides by the weights that apply
    to the request, so they need not sum to 1. The defaults sum to 1.

    Attributes:
        industry: Same industry as the prospect (or industry expertise).
        use_cases: Share of the prospect's use cases the advocate's account has.
        products: Share of the prospect's products the account owns.
        size: Same size band (an adjacent band earns partial credit).
        region: Same region.
        persona: The persona the prospect asked for.
        score: The advocate's score (a small preference for the keenest).
        rest: Time since the advocate was last asked (spreads the load).
    """

    industry: float = attrs.field(converter=to_float, default=0.25, metadata=_WEIGHT)
    use_cases: float = attrs.field(converter=to_float, default=0.20, metadata=_WEIGHT)
    products: float = attrs.field(converter=to_float, default=0.15, metadata=_WEIGHT)
    size: float = attrs.field(converter=to_float, default=0.10, metadata=_WEIGHT)
    region: float = attrs.field(converter=to_float, default=0.10, metadata=_WEIGHT)
    persona: float = attrs.field(converter=to_float, default=0.10, metadata=_WEIGHT)
    score: float = attrs.field(converter=to_float, default=0.05, metadata=_WEIGHT)
    rest: float = attrs.field(converter=to_float, default=0.05, metadata=_WEIGHT)

    def __attrs_post_init__(self) -> None:
        """Check the weights, then that at least one is above zero."""
        check_fields(self)
        if not any(attrs.astuple(self)):
            raise InvalidValueError(
                "FitWeights",
                "weights",
                attrs.asdict(self),
                "at least one weight above 0",
            )


@attrs.frozen
class MatchPolicy:
    """The rules of matching, as data.

    Defaults: 14 days' rest between activities, at most 3 reference calls a
    quarter, one ask per advocate in a batch, the default fit weights.

    Attributes:
        rest_days: Days an advocate rests after an activity before the next ask.
        reference_calls_per_quarter: Most reference calls an advocate takes in
            a calendar quarter (done and in flight).
        asks_per_batch: Most requests one advocate is given in one batch.
        weights: The fit weights.
        adjacent_size_credit: Fit credit for a company one size band away.
        expertise_credit: Industry credit for an advocate whose own industry
            differs but who lists the prospect's industry as expertise.
        recency_days: Days since the last activity at which the rest term of
            the fit reaches full credit.
        score_scale: The score that earns full score credit (the model's
            maximum, 100 by default).
        size_bands: Where company size bands begin.
        required: Factors that must match fully for an advocate to be
            eligible at all (e.g. the same industry and region), where the
            request specifies them. None by default.
        node_limit: Flows the batch solver may solve while proving a batch
            with multi-advocate requests optimal (see `assign_requests`).
    """

    rest_days: int = attrs.field(default=14, metadata=checked(integer(0)))
    reference_calls_per_quarter: int = attrs.field(
        default=3, metadata=checked(integer(0))
    )
    asks_per_batch: int = attrs.field(default=1, metadata=checked(integer(1)))
    weights: FitWeights = attrs.field(
        factory=FitWeights,
        metadata=checked(instance_of(FitWeights, "a FitWeights")),
    )
    adjacent_size_credit: float = attrs.field(
        converter=to_float, default=0.5, metadata=_WEIGHT
    )
    expertise_credit: float = attrs.field(
        converter=to_float, default=0.5, metadata=_WEIGHT
    )
    recency_days: int = attrs.field(default=180, metadata=checked(integer(1)))
    score_scale: int = attrs.field(default=100, metadata=checked(integer(1)))
    size_bands: SizeBands = attrs.field(
        factory=SizeBands,
        metadata=checked(instance_of(SizeBands, "a SizeBands")),
    )
    required: frozenset[FitFactor] = attrs.field(
        factory=frozenset,
        converter=_to_factors,
        metadata=checked(
            collection_of(
                member_of(FitFactor), "FitFactor values other than score and rest"
            )
        ),
    )
    node_limit: int = attrs.field(default=16, metadata=checked(integer(1)))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that only matchable factors are required."""
        check_fields(self)
        if not self.required <= _MATCHABLE:
            raise InvalidValueError(
                "MatchPolicy",
                "required",
                sorted(self.required - _MATCHABLE),
                f"factors among {sorted(_MATCHABLE)} (score and rest are preferences)",
            )

    @classmethod
    def default(cls) -> MatchPolicy:
        """14 days' rest, 3 reference calls a quarter, one ask per batch."""
        return cls()


def _default_tiers(policies: Policies) -> TierPolicy:
    """The default tiers for the bundle's catalog.

    A catalog of the wrong kind is left to the field checks, which refuse it
    by its own name (`Policies.catalog`).
    """
    catalog: object = policies.catalog  # not yet checked
    return TierPolicy.default(catalog if isinstance(catalog, ActivityCatalog) else None)


@attrs.frozen(kw_only=True)
class Policies:
    """The three policies matching, gap analysis, health and what-if read.

    One value, so a host stores, compares and passes them together:
    `assign_requests(..., policies=Policies(match=MatchPolicy(rest_days=30)))`.
    A policy left out takes its default; the default tier policy allows each
    tier the activity types whose lowest tier (in `catalog`) it meets, so a
    custom catalog also shapes the default tiers.

    Attributes:
        match: Rest period, quarterly caps, asks per batch and fit weights.
        catalog: Each activity type's effort, lowest tier and publicity.
        tiers: Each tier's minimum score, share cap, time budget and
            activities.
    """

    match: MatchPolicy = attrs.field(
        factory=MatchPolicy,
        metadata=checked(instance_of(MatchPolicy, "a MatchPolicy")),
    )
    catalog: ActivityCatalog = attrs.field(
        factory=ActivityCatalog.default,
        metadata=checked(instance_of(ActivityCatalog, "an ActivityCatalog")),
    )
    tiers: TierPolicy = attrs.field(
        default=attrs.Factory(_default_tiers, takes_self=True),
        metadata=checked(instance_of(TierPolicy, "a TierPolicy")),
    )

    def __attrs_post_init__(self) -> None:
        """Check the fields."""
        check_fields(self)

    @classmethod
    def default(cls) -> Policies:
        """The default match policy, activity catalog and tier policy."""
        return cls()


_POLICIES: Final = optional(instance_of(Policies, "a Policies"))


def policies_for(owner: str, policies: Policies | None) -> Policies:
    """`policies`, checked, or the defaults for `None`."""
    require(owner, "policies", policies, _POLICIES)
    return Policies.default() if policies is None else policies
