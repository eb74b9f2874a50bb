"""The match policy: the rules of matching and the weights of fit, as data."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from advocacy._internal.convert import members, to_float
from advocacy._internal.serde import structure
from advocacy._internal.validation import (
    FRACTION,
    check_fields,
    checked,
    collection_of,
    instance_of,
    integer,
    member_of,
    optional,
    require,
)
from advocacy._model.catalog import ActivityCatalog
from advocacy._model.customers import SizeBands
from advocacy._scoring.tier_policy import TierPolicy
from advocacy.exceptions import InvalidValueError

__all__ = ["FitFactor", "FitWeights", "MatchPolicy"]


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


def _to_size_bands(value: SizeBands | Mapping[str, object]) -> SizeBands:
    return structure(SizeBands, value)


def _to_factors(value: Iterable[FitFactor | str]) -> frozenset[FitFactor]:
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

    industry: float = attrs.field(default=0.25, converter=to_float, metadata=_WEIGHT)
    use_cases: float = attrs.field(default=0.20, converter=to_float, metadata=_WEIGHT)
    products: float = attrs.field(default=0.15, converter=to_float, metadata=_WEIGHT)
    size: float = attrs.field(default=0.10, converter=to_float, metadata=_WEIGHT)
    region: float = attrs.field(default=0.10, converter=to_float, metadata=_WEIGHT)
    persona: float = attrs.field(default=0.10, converter=to_float, metadata=_WEIGHT)
    score: float = attrs.field(default=0.05, converter=to_float, metadata=_WEIGHT)
    rest: float = attrs.field(default=0.05, converter=to_float, metadata=_WEIGHT)

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


def _to_weights(value: FitWeights | Mapping[str, float]) -> FitWeights:
    if isinstance(value, Mapping):
        return FitWeights(**value)
    return value


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
        converter=_to_weights,
        metadata=checked(instance_of(FitWeights, "a FitWeights")),
    )
    adjacent_size_credit: float = attrs.field(
        default=0.5, converter=to_float, metadata=_WEIGHT
    )
    expertise_credit: float = attrs.field(
        default=0.5, converter=to_float, metadata=_WEIGHT
    )
    recency_days: int = attrs.field(default=180, metadata=checked(integer(1)))
    score_scale: int = attrs.field(default=100, metadata=checked(integer(1)))
    size_bands: SizeBands = attrs.field(
        factory=SizeBands,
        converter=_to_size_bands,
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


@attrs.frozen
class Context:
    """What the rules read besides the advocate and the request."""

    policy: MatchPolicy
    tier_policy: TierPolicy
    catalog: ActivityCatalog


def context_for(
    policy: MatchPolicy | None,
    tier_policy: TierPolicy | None,
    catalog: ActivityCatalog | None,
    owner: str,
) -> Context:
    """The rules' context, defaults filled in and arguments checked."""
    require(
        owner, "policy", policy, optional(instance_of(MatchPolicy, "a MatchPolicy"))
    )
    require(
        owner,
        "tier_policy",
        tier_policy,
        optional(instance_of(TierPolicy, "a TierPolicy")),
    )
    require(
        owner,
        "catalog",
        catalog,
        optional(instance_of(ActivityCatalog, "an ActivityCatalog")),
    )
    chosen_catalog = ActivityCatalog.default() if catalog is None else catalog
    return Context(
        policy=MatchPolicy.default() if policy is None else policy,
        tier_policy=(
            TierPolicy.default(chosen_catalog) if tier_policy is None else tier_policy
        ),
        catalog=chosen_catalog,
    )
