"""Net Promoter Score: -100 to 100, its margin of error, and a small-sample flag."""

from __future__ import annotations

import json
import math
import random
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import NetPromoterScore, net_promoter_score
from advocacy.exceptions import InvalidTypeError, InvalidValueError
from advocacy.synthetic import demo_program
from tests.checks import refused

# 60 promoters, 25 passives, 15 detractors.
HUNDRED = [10] * 30 + [9] * 30 + [8] * 15 + [7] * 10 + [6] * 5 + [3] * 5 + [0] * 5


class TestScore:
    def test_worked_example(self) -> None:
        nps = net_promoter_score(HUNDRED)
        assert (nps.promoters, nps.passives, nps.detractors) == (60, 25, 15)
        assert nps.score == 45.0
        # Indicator variance: p + d - (p - d)² = 0.60 + 0.15 - 0.45² = 0.5475.
        assert nps.standard_error == pytest.approx(100 * math.sqrt(0.5475 / 100))
        assert nps.margin == pytest.approx(1.959963984540054 * nps.standard_error)  # type: ignore[operator]
        assert nps.margin == pytest.approx(14.5024, abs=1e-4)
        assert not nps.directional
        assert nps.explain() == (
            "NPS +45.0 ± 14.5 (95% CI +30.5 to +59.5) from 100 responses: "
            "60 promoters, 25 passives, 15 detractors"
        )
        assert repr(nps) == "NetPromoterScore(+45.0 ± 14.5, 100 responses)"

    def test_categories_at_their_edges(self) -> None:
        nps = net_promoter_score([9, 8, 7, 6])
        assert (nps.promoters, nps.passives, nps.detractors) == (1, 2, 1)
        assert nps.score == 0.0

    def test_small_samples_are_directional(self) -> None:
        nps = net_promoter_score([10, 9, 9, 8, 6])
        assert nps.score == 40.0
        assert nps.directional
        headline, warning = nps.explain().splitlines()
        assert headline.startswith("NPS +40.0 ± ")
        assert warning == "warning: fewer than 50 responses; directional only"
        assert repr(nps).endswith("5 responses, directional)")
        assert net_promoter_score([10] * 50).directional is False
        assert net_promoter_score([10] * 20, min_responses=20).directional is False
        assert net_promoter_score([10] * 19, min_responses=20).directional
        one = net_promoter_score([3], min_responses=1)
        assert (one.score, one.directional) == (-100.0, False)

    def test_the_interval_stays_on_the_scale(self) -> None:
        nps = net_promoter_score([10, 10, 10, 2])
        low, high = nps.interval  # type: ignore[misc]
        assert high == 100.0
        assert low == pytest.approx(nps.score - nps.margin)  # type: ignore[operator]
        unanimous = net_promoter_score([0] * 12)
        assert (unanimous.score, unanimous.margin) == (-100.0, 0.0)
        assert unanimous.interval == (-100.0, -100.0)

    def test_no_responses(self) -> None:
        nps = net_promoter_score([])
        assert (nps.score, nps.standard_error, nps.margin, nps.interval) == (
            None,
            None,
            None,
            None,
        )
        assert nps.explain() == "NPS: n/a (no responses)"
        assert repr(nps) == "NetPromoterScore(no responses)"
        record = nps.to_records()[0]
        assert (record["low"], record["high"]) == (None, None)
        assert (nps.responses, nps.promoters, nps.passives, nps.detractors) == (
            0,
            0,
            0,
            0,
        )

    def test_outputs(self) -> None:
        nps = net_promoter_score(HUNDRED)
        record = nps.to_records()[0]
        assert record["score"] == 45.0
        assert record["directional"] is False
        assert (record["low"], record["high"]) == nps.interval
        json.dumps(nps.to_records())
        table = nps._repr_html_()
        assert table.count("<tr>") == len(record) + 1
        assert (
            "<tr><td>responses</td><td>100</td></tr>"
            "<tr><td>promoters</td><td>60</td></tr>"
        ) in table

    def test_demo_signals(self) -> None:
        program = demo_program(as_of=pendulum.date(2026, 9, 30))
        answers = [s.nps for s in program.signals.values() if s.nps is not None]
        nps = net_promoter_score(answers)
        assert isinstance(nps, NetPromoterScore)
        assert (nps.responses, nps.promoters, nps.detractors) == (474, 236, 102)


class TestBadInput:
    @pytest.mark.parametrize(
        ("response", "error"),
        [
            (11, InvalidValueError),
            (-1, InvalidValueError),
            (3.5, InvalidValueError),
            (True, InvalidTypeError),
            ("7", InvalidTypeError),
            (None, InvalidTypeError),
        ],
    )
    def test_a_bad_response_is_named_by_index(
        self, response: object, error: type[Exception]
    ) -> None:
        with pytest.raises(error, match=r"net_promoter_score\.responses\[2\]") as e:
            net_promoter_score([9, 10, response, 3])  # type: ignore[list-item]
        assert "an integer from 0 to 10" in str(e.value)

    def test_min_responses_must_be_positive(self) -> None:
        refused(
            InvalidValueError,
            r"net_promoter_score\.min_responses",
            lambda: net_promoter_score([9], min_responses=0),
            value=0,
            expected="an integer of at least 1",
        )


RESPONSES = st.lists(st.integers(0, 10), max_size=300)


class TestProperties:
    @given(RESPONSES)
    def test_within_the_scale(self, responses: list[int]) -> None:
        nps = net_promoter_score(responses)
        if not responses:
            assert nps.score is None
            return
        assert nps.score is not None
        assert nps.interval is not None
        assert -100 <= nps.interval[0] <= nps.score <= nps.interval[1] <= 100
        assert nps.margin is not None
        assert nps.margin >= 0
        assert nps.promoters + nps.passives + nps.detractors == len(responses)

    @given(RESPONSES, st.randoms())
    def test_order_does_not_matter(
        self, responses: list[int], rng: random.Random
    ) -> None:
        one = net_promoter_score(responses)
        rng.shuffle(responses)
        assert net_promoter_score(responses) == one

    @given(RESPONSES)
    def test_the_standard_error_is_the_indicator_mean_s(
        self, responses: list[int]
    ) -> None:
        if not responses:
            return
        scores = [1 if r >= 9 else -1 if r <= 6 else 0 for r in responses]
        mean = sum(scores) / len(scores)
        variance = sum((s - mean) ** 2 for s in scores) / len(scores)
        nps = net_promoter_score(responses)
        assert nps.score == pytest.approx(100 * mean)
        assert nps.standard_error == pytest.approx(
            100 * math.sqrt(variance / len(scores)), abs=1e-9
        )


class TestResultValidation:
    @given(RESPONSES, st.integers(1, 100))
    def test_the_rules_results_pass_unchanged(
        self, responses: list[int], minimum: int
    ) -> None:
        nps = net_promoter_score(responses, min_responses=minimum)
        assert attrs.evolve(nps) == nps

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"promoters": -1}, "promoters"),
            ({"min_responses": 0}, "min_responses"),
            ({"score": 100.5}, "score"),
            ({"standard_error": -1.0}, "standard_error"),
            ({"margin": -1.0}, "margin"),
            # 60 promoters, 25 passives and 15 detractors: +45.
            ({"responses": 99}, "responses"),
            ({"passives": 24}, "responses"),
            ({"score": 44.0}, "score"),
            ({"score": None}, "score"),
            ({"standard_error": 5.0}, "standard_error"),
            ({"margin": 14.5}, "margin"),
        ],
    )
    def test_figures_that_are_not_their_counts(
        self, changes: dict[str, Any], field: str
    ) -> None:
        nps = net_promoter_score(HUNDRED)
        refused(
            InvalidValueError,
            rf"NetPromoterScore\.{field}",
            lambda: attrs.evolve(nps, **changes),
        )

    def test_no_figures_without_responses(self) -> None:
        none = net_promoter_score([])
        refused(
            InvalidValueError,
            r"NetPromoterScore\.margin",
            lambda: attrs.evolve(none, margin=0.0),
            value=0.0,
            expected="None with no responses",
        )

    def test_a_mismatch_names_the_value_and_the_formula(self) -> None:
        nps = net_promoter_score(HUNDRED)
        refused(
            InvalidValueError,
            r"NetPromoterScore\.responses",
            lambda: attrs.evolve(nps, passives=24),
            value=100,
            expected="promoters + passives + detractors (99)",
        )
        refused(
            InvalidValueError,
            r"NetPromoterScore\.score",
            lambda: attrs.evolve(nps, score=44.0),
            value=44.0,
            expected="100 (promoters - detractors) / responses = 45.0",
        )
