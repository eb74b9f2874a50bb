"""How well an advocate fits a request: weighted agreement in [0, 1], explained.

Each factor scores from 0 to 1: industry (1 for the advocate's own, the
policy's expertise credit for one they list as expertise), use cases and
products (the share of the prospect's that the advocate's account has), size
band (1 for the same band, the adjacent-band credit for a neighbour), region
and persona (1 if equal, compared case-insensitively), score (the score over
the policy's scale, capped at 1) and rest (days since the last activity over
the policy's recency days, capped at 1; 1 for someone never asked).

    fit = sum(weight x value) / sum(weight)

over the factors that apply: a factor the request does not specify (an
unknown industry, no use cases) is left out of both sums, so it neither
helps nor hurts anyone. Score and rest always apply.

Keep this in step with docs/explanation/matching.md.
"""

from __future__ import annotations

import functools
import html
import operator
from collections.abc import Callable, Hashable
from typing import Any, Final

import attrs
import pendulum

from advocacy._internal.checks import FRACTION, optional, text
from advocacy._internal.validation import check_fields, checked, unchecked
from advocacy._matching.policy import FitFactor, MatchPolicy
from advocacy._model.customers import Account, Advocate
from advocacy._model.enums import SizeBand
from advocacy._model.records import ReferenceRequest
from advocacy.exceptions import InvalidValueError

__all__ = [
    "RULES",
    "FactorRule",
    "Fit",
    "FitComponent",
    "Offer",
    "Want",
    "combine",
    "explain",
    "industry_value",
    "match_values",
    "own_values",
    "same",
    "share",
    "size_value",
    "values",
    "weights_of",
]


_ORDER: Final = tuple(FitFactor)


@functools.lru_cache(maxsize=4096)
def _folded(values: frozenset[str]) -> frozenset[str]:
    """The values case-folded; a pool repeats few sets, so each is made once."""
    return frozenset(v.casefold() for v in values)


@attrs.frozen
class Offer:
    """What one advocate brings to any request, prepared once per batch."""

    industry: str
    expertise: frozenset[str]
    use_cases: frozenset[str]
    products: frozenset[str]
    size: SizeBand
    region: str
    persona: str
    score: int | None
    last_activity: pendulum.Date | None

    @classmethod
    def of(
        cls,
        advocate: Advocate,
        account: Account,
        *,
        score: int | None,
        last_activity: pendulum.Date | None,
        policy: MatchPolicy,
    ) -> Offer:
        """The advocate's side of every fit."""
        return cls(
            industry=account.industry.casefold(),
            expertise=_folded(advocate.industry_expertise),
            use_cases=_folded(account.use_cases),
            products=_folded(account.products),
            size=policy.size_bands.band(account.employees),
            region=account.region.casefold(),
            persona=advocate.persona.casefold(),
            score=score,
            last_activity=last_activity,
        )


@attrs.frozen
class Want:
    """What one request asks for, prepared once per request."""

    industry: str | None
    use_cases: frozenset[str]
    products: frozenset[str]
    size: SizeBand | None
    region: str | None
    persona: str | None

    @classmethod
    def of(cls, request: ReferenceRequest, policy: MatchPolicy) -> Want:
        """The request's side of every fit."""
        prospect = request.prospect
        return cls(
            industry=None
            if prospect.industry is None
            else prospect.industry.casefold(),
            use_cases=_folded(prospect.use_cases),
            products=_folded(prospect.products),
            size=(
                None
                if prospect.employees is None
                else policy.size_bands.band(prospect.employees)
            ),
            region=None if prospect.region is None else prospect.region.casefold(),
            persona=None if prospect.persona is None else prospect.persona.casefold(),
        )


def match_values(
    offer: Offer, want: Want, policy: MatchPolicy
) -> tuple[float | None, ...]:
    """The six matchable factors' values (industry to persona); None: unspecified."""
    return tuple(
        rule.value(rule.wanted(want), rule.offered(offer), policy) for rule in RULES
    )


def industry_value(
    wanted: str | None, industry: str, expertise: frozenset[str], policy: MatchPolicy
) -> float | None:
    """1 for the advocate's own industry, the expertise credit for one they list."""
    if wanted is None:
        return None
    if wanted == industry:
        return 1.0
    return policy.expertise_credit if wanted in expertise else 0.0


def share(wanted: frozenset[str], have: frozenset[str]) -> float | None:
    """The share of the wanted items the advocate has (None: none wanted)."""
    return len(wanted & have) / len(wanted) if wanted else None


def size_value(
    wanted: SizeBand | None, size: SizeBand, policy: MatchPolicy
) -> float | None:
    """1 for the same size band, the adjacent-band credit for a neighbour."""
    if wanted is None:
        return None
    return (1.0, policy.adjacent_size_credit, 0.0)[wanted.distance(size)]


def same(wanted: str | None, have: str) -> float | None:
    """1 if equal (both already case-folded), else 0 (None: not specified)."""
    return None if wanted is None else float(wanted == have)


@attrs.frozen
class FactorRule:
    """How one matchable factor is valued: what each side brings, and the rule.

    `value(wanted(want), offered(offer), policy)` is the factor's value; the
    keys are hashable, so a pool can value each distinct pair of keys once
    and index advocates by their key. `wanted` is `None` exactly when the
    request does not specify the factor (then the value is `None`).
    """

    factor: FitFactor
    wanted: Callable[[Want], Hashable]
    offered: Callable[[Offer], Hashable]
    value: Callable[[Any, Any, MatchPolicy], float | None]


def _industry_rule(
    wanted: str | None, offered: tuple[str, frozenset[str]], policy: MatchPolicy
) -> float | None:
    return industry_value(wanted, *offered, policy)


def _items(items: frozenset[str]) -> frozenset[str] | None:
    return items or None


def _share(
    wanted: frozenset[str] | None, have: frozenset[str], _: MatchPolicy
) -> float | None:
    return None if wanted is None else share(wanted, have)


def _same(wanted: str | None, have: str, _: MatchPolicy) -> float | None:
    return same(wanted, have)


RULES: Final = (
    FactorRule(
        FitFactor.INDUSTRY,
        operator.attrgetter("industry"),
        operator.attrgetter("industry", "expertise"),
        _industry_rule,
    ),
    FactorRule(
        FitFactor.USE_CASES,
        lambda want: _items(want.use_cases),
        operator.attrgetter("use_cases"),
        _share,
    ),
    FactorRule(
        FitFactor.PRODUCTS,
        lambda want: _items(want.products),
        operator.attrgetter("products"),
        _share,
    ),
    FactorRule(
        FitFactor.SIZE,
        operator.attrgetter("size"),
        operator.attrgetter("size"),
        size_value,
    ),
    FactorRule(
        FitFactor.REGION,
        operator.attrgetter("region"),
        operator.attrgetter("region"),
        _same,
    ),
    FactorRule(
        FitFactor.PERSONA,
        operator.attrgetter("persona"),
        operator.attrgetter("persona"),
        _same,
    ),
)
"""The matchable factors' rules, in `FitFactor` order (industry to persona)."""


def values(
    offer: Offer, want: Want, *, as_of: pendulum.Date, policy: MatchPolicy
) -> tuple[float | None, ...]:
    """Each factor's value in `FitFactor` order; None where it does not apply."""
    return (*match_values(offer, want, policy), *own_values(offer, as_of, policy))


def own_values(
    offer: Offer, as_of: pendulum.Date, policy: MatchPolicy
) -> tuple[float, float]:
    """The score and rest values: the advocate's own, whatever the request."""
    rested = (
        1.0
        if offer.last_activity is None
        else min(
            (as_of.toordinal() - offer.last_activity.toordinal()) / policy.recency_days,
            1.0,
        )
    )
    scored = 0.0 if offer.score is None else min(offer.score / policy.score_scale, 1.0)
    return scored, rested


def combine(parts: tuple[float | None, ...], weights: tuple[float, ...]) -> float:
    """The weighted mean of the factors that apply (0 if no weight applies).

    `weights` are the policy's in `FitFactor` order (`weights_of(policy)`).
    """
    total = weight_sum = 0.0
    for weight, value in zip(weights, parts, strict=True):
        if value is not None:
            total += weight * value
            weight_sum += weight
    return total / weight_sum if weight_sum else 0.0


def weights_of(policy: MatchPolicy) -> tuple[float, ...]:
    """The policy's fit weights in `FitFactor` order."""
    return tuple(attrs.astuple(policy.weights))


_ALWAYS: Final = frozenset({FitFactor.SCORE, FitFactor.REST})


@attrs.frozen
class FitComponent:
    """One factor's part in a fit.

    Attributes:
        factor: The factor.
        weight: Its weight in the policy, from 0 to 1.
        value: Its value from 0 to 1, or `None` when the request does not
            specify it (then it does not count; score and rest always
            count).
        detail: The comparison in words (non-empty).
    """

    factor: FitFactor
    weight: float = attrs.field(metadata=checked(FRACTION))
    value: float | None = attrs.field(metadata=checked(optional(FRACTION)))
    detail: str = attrs.field(metadata=checked(text))

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that score and rest have a value."""
        check_fields(self)
        if self.value is None and self.factor in _ALWAYS:
            raise InvalidValueError(
                "FitComponent",
                "value",
                None,
                f"a number from 0 to 1 for {self.factor.value!r}, which always applies",
            )

    @property
    def applies(self) -> bool:
        """Whether the factor counts in this fit."""
        return self.value is not None


@attrs.frozen(repr=False)
class Fit:
    """How well an advocate fits a request, with the reason for each part.

    Attributes:
        value: The fit from 0 to 1: the weighted mean of the factors that
            apply (`combine` of the components' values and weights).
        components: One row per factor, in `FitFactor` order.
    """

    value: float = attrs.field(metadata=checked(FRACTION))
    components: tuple[FitComponent, ...]

    def __attrs_post_init__(self) -> None:
        """Check the fields, then the components' order and the mean."""
        check_fields(self)
        factors = tuple(c.factor for c in self.components)
        if factors != _ORDER:
            raise InvalidValueError(
                "Fit",
                "components",
                tuple(f.value for f in factors),
                "one component per factor, in FitFactor order: "
                + ", ".join(f.value for f in _ORDER),
            )
        # The rule computes `value` with `combine` from these very parts, so
        # the two agree exactly; no tolerance is needed.
        mean = combine(
            tuple(c.value for c in self.components),
            tuple(c.weight for c in self.components),
        )
        if self.value != mean:
            raise InvalidValueError(
                "Fit",
                "value",
                self.value,
                f"the weighted mean of the components that apply ({mean!r})",
            )

    def explain(self) -> str:
        """One line per factor: value, weight and the comparison."""
        lines = [
            f"  {c.factor.value}: {_shown(c.value)} x {c.weight:g} ({c.detail})"
            for c in self.components
        ]
        return "\n".join([f"fit {self.value:.3f}", *lines])

    def __repr__(self) -> str:
        """`Fit(0.812; industry 1.00, use_cases 0.50, ...)`."""
        parts = ", ".join(
            f"{c.factor.value} {c.value:.2f}" for c in self.components if c.applies
        )
        return f"Fit({self.value:.3f}; {parts})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{c.factor.value}</td><td>{_shown(c.value)}</td>"
            f"<td>{c.weight:g}</td><td>{html.escape(c.detail)}</td></tr>"
            for c in self.components
        )
        return (
            f"<table><caption>fit {self.value:.3f}</caption><tr><th>factor</th>"
            f"<th>value</th><th>weight</th><th>why</th></tr>{rows}</table>"
        )


def explain(
    offer: Offer,
    want: Want,
    *,
    as_of: pendulum.Date,
    policy: MatchPolicy,
    weights: tuple[float, ...] | None = None,
) -> Fit:
    """The fit with a row per factor, from the same values as `values`.

    `weights` are the policy's (`weights_of(policy)`), if already at hand.
    """
    parts = values(offer, want, as_of=as_of, policy=policy)
    details = (
        _industry(want, offer),
        _overlap(want.use_cases, offer.use_cases, "use cases"),
        _overlap(want.products, offer.products, "products"),
        "size not specified"
        if want.size is None
        else f"{offer.size.value} for a {want.size.value} prospect",
        _compare(want.region, offer.region, "region"),
        _compare(want.persona, offer.persona, "persona"),
        "not scored" if offer.score is None else f"score {offer.score}",
        "never asked"
        if offer.last_activity is None
        else f"last activity or ask {offer.last_activity}",
    )
    weights = weights_of(policy) if weights is None else weights
    # Built from the parts just computed: `combine` of them is its value.
    return unchecked(Fit)(
        value=combine(parts, weights),
        components=tuple(
            _component(factor, weight, value, detail)
            for factor, weight, value, detail in zip(
                _ORDER, weights, parts, details, strict=True
            )
        ),
    )


_component: Final = functools.lru_cache(maxsize=4096)(FitComponent)
"""`FitComponent`, built once per distinct part: a batch repeats few of them,
and a component is a frozen value, so one instance serves every fit."""


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _industry(want: Want, offer: Offer) -> str:
    if want.industry != offer.industry and want.industry in offer.expertise:
        return f"{want.industry} is among their expertise"
    return _compare(want.industry, offer.industry, "industry")


def _compare(wanted: str | None, have: str, what: str) -> str:
    if wanted is None:
        return f"{what} not specified"
    return f"{have} {'=' if wanted == have else '!='} {wanted}"


def _overlap(wanted: frozenset[str], have: frozenset[str], what: str) -> str:
    if not wanted:
        return f"{what} not specified"
    return f"{len(wanted & have)} of {len(wanted)} {what}"
