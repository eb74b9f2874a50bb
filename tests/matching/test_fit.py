"""Fit: weighted agreement over what the request specifies, explained."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Fit,
    FitFactor,
    FitWeights,
    MatchPolicy,
    ProspectProfile,
    rank_candidates,
)
from advocacy._matching.fit import (
    Offer,
    Want,
    combine,
    explain,
    share,
    values,
    weights_of,
)
from advocacy.exceptions import InvalidValueError
from tests.checks import refused
from tests.world import AS_OF, INDUSTRIES, REGIONS, account, activity, advocate, request

POLICY = MatchPolicy.default()


def fit_of(
    prospect: ProspectProfile,
    *,
    score: int | None = 80,
    last: pendulum.Date | None = None,
    policy: MatchPolicy = POLICY,
    **account_changes: object,
) -> float:
    offer = Offer.of(
        advocate("v1", "a1", industry_expertise={"Health"}),
        account("a1", **account_changes),
        score=score,
        last_activity=last,
        policy=policy,
    )
    want = Want.of(request("r1", prospect=prospect), policy)
    return explain(offer, want, as_of=AS_OF, policy=policy).value


class TestWorkedExample:
    def test_hand_computed(self) -> None:
        # Industry via expertise 0.5, 1 of 2 use cases 0.5, products 1,
        # size one band away 0.5, region 0, persona 1, score 80/100 0.8,
        # rested 90 of 180 days 0.5. Weights .25 .20 .15 .10 .10 .10 .05 .05.
        prospect = ProspectProfile(
            industry="Health",
            use_cases={"dashboards", "alerts"},
            products={"Analytics"},
            employees=5000,
            region="APAC",
            persona="cio",
        )
        expected = (
            0.25 * 0.5 + 0.20 * 0.5 + 0.15 * 1 + 0.10 * 0.5
            + 0.10 * 0 + 0.10 * 1 + 0.05 * 0.8 + 0.05 * 0.5
        )  # fmt: skip
        assert fit_of(prospect, last=AS_OF.subtract(days=90)) == pytest.approx(expected)

    def test_breakdown_rows(self) -> None:
        offer = Offer.of(
            advocate("v1", "a1"), account("a1"), score=None, last_activity=None,
            policy=POLICY,
        )  # fmt: skip
        want = Want.of(
            request("r1", prospect=ProspectProfile(industry="Banking")), POLICY
        )
        fit = explain(offer, want, as_of=AS_OF, policy=POLICY)
        rows = {c.factor: c for c in fit.components}
        assert [c.factor for c in fit.components] == list(FitFactor)
        assert rows[FitFactor.INDUSTRY].detail == "retail != banking"
        assert rows[FitFactor.USE_CASES].value is None
        assert not rows[FitFactor.USE_CASES].applies
        assert rows[FitFactor.SCORE].detail == "not scored"
        assert rows[FitFactor.REST].detail == "never asked"
        # Industry 0 x .25, score 0 x .05, rest 1 x .05 over weights .35.
        assert fit.value == pytest.approx(0.05 / 0.35)
        assert fit.explain().splitlines()[0] == f"fit {fit.value:.3f}"
        assert repr(fit).startswith("Fit(0.143; industry 0.00")
        assert fit._repr_html_().count("<tr>") == 9


class TestRules:
    def test_unspecified_factors_do_not_count(self) -> None:
        # Only score (0.8) and rest (1.0) apply: (.05 x .8 + .05 x 1) / .1.
        assert fit_of(ProspectProfile()) == pytest.approx(0.9)

    def test_a_perfect_match(self) -> None:
        prospect = ProspectProfile(
            industry="retail", use_cases={"Dashboards"}, products={"analytics"},
            employees=600, region="emea", persona="CIO",
        )  # fmt: skip
        assert fit_of(prospect, score=100) == pytest.approx(1.0)

    @pytest.mark.parametrize(
        ("employees", "credit"), [(500, 1.0), (5000, 0.5), (20, 0.5)]
    )
    def test_size_credit(self, employees: int, credit: float) -> None:
        only_size = MatchPolicy(
            weights=FitWeights(**{f.value: 0 for f in FitFactor} | {"size": 1})
        )
        assert fit_of(
            ProspectProfile(employees=employees), policy=only_size
        ) == pytest.approx(credit)

    def test_size_two_bands_apart(self) -> None:
        only_size = MatchPolicy(
            weights=FitWeights(**{f.value: 0 for f in FitFactor} | {"size": 1})
        )
        assert (
            fit_of(ProspectProfile(employees=20), policy=only_size, employees=5000) == 0
        )

    def test_no_applicable_weight_gives_zero(self) -> None:
        only_region = MatchPolicy(
            weights=FitWeights(**{f.value: 0 for f in FitFactor} | {"region": 1})
        )
        assert fit_of(ProspectProfile(), policy=only_region) == 0.0

    def test_score_is_capped_at_the_scale(self) -> None:
        assert fit_of(ProspectProfile(), score=250) == pytest.approx(1.0)


class TestProperties:
    @given(
        st.sampled_from(INDUSTRIES),
        st.sampled_from(REGIONS),
        st.integers(1, 100_000),
        st.none() | st.integers(0, 100),
        st.none() | st.integers(0, 400),
    )
    def test_fit_is_between_zero_and_one(
        self, industry: str, region: str, employees: int, score: int | None,
        days: int | None,
    ) -> None:  # fmt: skip
        prospect = ProspectProfile(
            industry=industry, region=region, employees=employees, persona="Admin"
        )
        last = None if days is None else AS_OF.subtract(days=days)
        assert 0.0 <= fit_of(prospect, score=score, last=last) <= 1.0

    @given(st.integers(0, 400), st.integers(0, 400))
    def test_longer_rest_never_lowers_the_fit(self, one: int, other: int) -> None:
        recent, older = sorted((one, other))
        prospect = ProspectProfile(industry="Retail")
        assert fit_of(prospect, last=AS_OF.subtract(days=older)) >= fit_of(
            prospect, last=AS_OF.subtract(days=recent)
        )

    @given(st.sampled_from(INDUSTRIES), st.sampled_from(REGIONS))
    def test_fast_path_equals_the_breakdown(self, industry: str, region: str) -> None:
        offer = Offer.of(
            advocate("v1", "a1"), account("a1"), score=70,
            last_activity=AS_OF.subtract(days=40), policy=POLICY,
        )  # fmt: skip
        want = Want.of(
            request("r1", prospect=ProspectProfile(industry=industry, region=region)),
            POLICY,
        )
        fast = combine(
            values(offer, want, as_of=AS_OF, policy=POLICY), weights_of(POLICY)
        )
        assert fast == explain(offer, want, as_of=AS_OF, policy=POLICY).value


def test_ranking_uses_the_same_fit() -> None:
    ranking = rank_candidates(
        request("r1"),
        [advocate("v1", "a1")],
        [activity("x", "v1", AS_OF.subtract(days=30))],
        accounts={"a1": account("a1")},
        as_of=AS_OF,
        scores={"v1": 50},
    )
    offer = Offer.of(
        advocate("v1", "a1"), account("a1"), score=50,
        last_activity=AS_OF.subtract(days=30), policy=POLICY,
    )  # fmt: skip
    want = Want.of(request("r1"), POLICY)
    assert ranking.candidates[0].fit == explain(offer, want, as_of=AS_OF, policy=POLICY)


def breakdown(
    prospect: ProspectProfile,
    *,
    score: int | None = 80,
    expertise: frozenset[str] = frozenset(),
    weights: tuple[float, ...] | None = None,
) -> Fit:
    """The fit of a retail mid-market CIO in EMEA, last asked 40 days ago."""
    offer = Offer.of(
        advocate("v1", "a1", industry_expertise=expertise), account("a1"),
        score=score, last_activity=AS_OF.subtract(days=40), policy=POLICY,
    )  # fmt: skip
    return explain(
        offer, Want.of(request("r1", prospect=prospect), POLICY),
        as_of=AS_OF, policy=POLICY, weights=weights,
    )  # fmt: skip


# Industry matches, region does not; use cases and the rest are not specified.
PARTIAL = breakdown(ProspectProfile(industry="Retail", region="APAC"))


class TestFitValidation:
    """A `Fit` is the weighted mean of its components, each from 0 to 1."""

    @given(
        st.sampled_from(INDUSTRIES),
        st.none() | st.sampled_from(REGIONS),
        st.none() | st.integers(1, 100_000),
        st.none() | st.integers(0, 300),
    )
    def test_every_fit_passes_unchanged(
        self, industry: str, region: str | None, employees: int | None,
        score: int | None,
    ) -> None:  # fmt: skip
        prospect = ProspectProfile(
            industry=industry, region=region, employees=employees
        )
        fit = breakdown(prospect, score=score)
        rebuilt = attrs.evolve(
            fit, components=tuple(attrs.evolve(c) for c in fit.components)
        )
        assert rebuilt == fit

    def test_the_fit_used_here(self) -> None:
        applies = {c.factor: c.applies for c in PARTIAL.components}
        assert applies[FitFactor.INDUSTRY]
        assert not applies[FitFactor.USE_CASES]
        assert [c.value for c in PARTIAL.components][4] == 0.0  # region

    @pytest.mark.parametrize(
        ("index", "changes", "field"),
        [
            (0, {"weight": 1.5}, "weight"),
            (0, {"weight": -0.1}, "weight"),
            (0, {"value": 1.2}, "value"),
            (4, {"value": -0.5}, "value"),
            (0, {"detail": ""}, "detail"),
            (6, {"value": None}, "value"),
            (7, {"value": None}, "value"),
        ],
    )
    def test_a_component_is_refused_by_name(
        self, index: int, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^FitComponent\.{field}: got"):
            attrs.evolve(PARTIAL.components[index], **changes)

    def test_a_factor_the_request_leaves_out_has_no_value(self) -> None:
        persona = attrs.evolve(PARTIAL.components[5], value=None)
        assert not persona.applies

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"value": 1.5}, "value"),
            ({"value": PARTIAL.value + 0.01}, "value"),
            ({"components": PARTIAL.components[::-1]}, "components"),
            ({"components": PARTIAL.components[:-1]}, "components"),
        ],
    )
    def test_a_fit_is_refused_by_name(
        self, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^Fit\.{field}: got"):
            attrs.evolve(PARTIAL, **changes)

    def test_the_mean_is_named_in_the_message(self) -> None:
        refused(
            InvalidValueError, r"Fit\.value",
            lambda: attrs.evolve(PARTIAL, value=0.5),
            value=0.5,
            expected=(
                f"the weighted mean of the components that apply ({PARTIAL.value!r})"
            ),
        )  # fmt: skip

    def test_components_out_of_order_are_named_with_the_order_expected(self) -> None:
        refused(
            InvalidValueError, r"Fit\.components",
            lambda: attrs.evolve(PARTIAL, components=PARTIAL.components[::-1]),
            value=tuple(f.value for f in reversed(FitFactor)),
            expected=(
                "one component per factor, in FitFactor order: industry, "
                "use_cases, products, size, region, persona, score, rest"
            ),
        )  # fmt: skip

    @pytest.mark.parametrize(("index", "factor"), [(6, "score"), (7, "rest")])
    def test_score_and_rest_without_a_value_say_they_always_apply(
        self, index: int, factor: str
    ) -> None:
        refused(
            InvalidValueError, r"FitComponent\.value",
            lambda: attrs.evolve(PARTIAL.components[index], value=None),
            value=None,
            expected=f"a number from 0 to 1 for {factor!r}, which always applies",
        )  # fmt: skip


# Every factor specified: industry via expertise (.5), 1 of 2 use cases (.5),
# 1 of 2 products (.5), mid-market for an enterprise prospect (.5), region
# 0, persona 1, score 80/100 (.8), rest 40 of 180 days (.222...). Default
# weights sum to 1: .125 + .1 + .075 + .05 + 0 + .1 + .04 + .0111 = .5011.
SPECIFIED = breakdown(
    ProspectProfile(
        industry="Health", use_cases={"dashboards", "alerts"},
        products={"Analytics", "Automation"}, employees=5000, region="APAC",
        persona="cio",
    ),
    expertise=frozenset({"Health"}),
)  # fmt: skip


# Nothing specified: only score and rest apply.
UNSPECIFIED = breakdown(ProspectProfile())


def details(fit: Fit) -> list[str]:
    return [c.detail for c in fit.components]


class TestDetails:
    """Each row says in words what was compared."""

    def test_every_factor_specified(self) -> None:
        assert SPECIFIED.value == pytest.approx(0.5011, abs=1e-4)
        assert details(SPECIFIED) == [
            "health is among their expertise",
            "1 of 2 use cases",
            "1 of 2 products",
            "mid_market for a enterprise prospect",
            "emea != apac",
            "cio = cio",
            "score 80",
            f"last activity or ask {AS_OF.subtract(days=40)}",
        ]

    def test_nothing_specified(self) -> None:
        assert details(UNSPECIFIED)[:6] == [
            "industry not specified",
            "use cases not specified",
            "products not specified",
            "size not specified",
            "region not specified",
            "persona not specified",
        ]

    def test_equal_values_are_shown_equal(self) -> None:
        fit = breakdown(ProspectProfile(industry="Retail", region="emea"))
        assert details(fit)[0] == "retail = retail"
        assert details(fit)[4] == "emea = emea"

    def test_the_own_industry_is_not_called_expertise(self) -> None:
        # The advocate lists their own industry as expertise too: it is theirs.
        fit = breakdown(
            ProspectProfile(industry="Retail"), expertise=frozenset({"Retail"})
        )
        assert details(fit)[0] == "retail = retail"
        assert fit.components[0].value == 1.0

    def test_an_industry_outside_the_expertise_differs(self) -> None:
        fit = breakdown(
            ProspectProfile(industry="Banking"), expertise=frozenset({"Health"})
        )
        assert details(fit)[0] == "retail != banking"


class TestShown:
    """The explanation, repr and HTML show each figure."""

    def test_explain_shows_value_weight_and_detail(self) -> None:
        lines = SPECIFIED.explain().splitlines()
        assert lines[0] == "fit 0.501"
        assert lines[1] == "  industry: 0.50 x 0.25 (health is among their expertise)"
        assert lines[6] == "  persona: 1.00 x 0.1 (cio = cio)"
        assert lines[8] == (
            f"  rest: 0.22 x 0.05 (last activity or ask {AS_OF.subtract(days=40)})"
        )

    def test_explain_shows_a_factor_left_out_as_not_applicable(self) -> None:
        lines = UNSPECIFIED.explain().splitlines()
        assert lines[2] == "  use_cases: n/a x 0.2 (use cases not specified)"
        assert lines[7] == "  score: 0.80 x 0.05 (score 80)"

    def test_repr_lists_the_factors_that_apply(self) -> None:
        assert repr(SPECIFIED) == (
            "Fit(0.501; industry 0.50, use_cases 0.50, products 0.50, size 0.50,"
            " region 0.00, persona 1.00, score 0.80, rest 0.22)"
        )
        assert repr(UNSPECIFIED).endswith("; score 0.80, rest 0.22)")

    def test_html_has_a_row_per_factor(self) -> None:
        table = SPECIFIED._repr_html_()
        assert table.startswith("<table><caption>fit 0.501</caption>")
        assert (
            "<tr><td>industry</td><td>0.50</td><td>0.25</td>"
            "<td>health is among their expertise</td></tr>"
            "<tr><td>use_cases</td><td>0.50</td><td>0.2</td>"
            "<td>1 of 2 use cases</td></tr>"
        ) in table
        assert (
            "<tr><td>region</td><td>n/a</td><td>0.1</td>"
            "<td>region not specified</td></tr>"
        ) in UNSPECIFIED._repr_html_()


class TestGivenWeights:
    def test_weights_at_hand_are_used(self) -> None:
        # Industry alone counts: the fit is its expertise credit.
        only_industry = (1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        fit = breakdown(
            ProspectProfile(industry="Health"),
            expertise=frozenset({"Health"}),
            weights=only_industry,
        )
        assert tuple(c.weight for c in fit.components) == only_industry
        assert fit.value == POLICY.expertise_credit


class TestShare:
    def test_the_share_of_the_wanted_items_held(self) -> None:
        assert share(frozenset({"a", "b"}), frozenset({"a", "c"})) == 0.5

    def test_nothing_wanted_has_no_share(self) -> None:
        assert share(frozenset(), frozenset({"a"})) is None


class TestCombine:
    def test_the_weighted_mean_of_what_applies(self) -> None:
        # (.5 x 1 + .25 x 0) / .75; the unspecified part counts nowhere.
        assert combine((1.0, None, 0.0), (0.5, 0.3, 0.25)) == pytest.approx(2 / 3)

    @pytest.mark.parametrize("weights", [(0.5,), (0.5, 0.5, 0.5)])
    def test_weights_and_parts_of_different_lengths_are_refused(
        self, weights: tuple[float, ...]
    ) -> None:
        with pytest.raises(ValueError, match="zip"):
            combine((1.0, 0.0), weights)
