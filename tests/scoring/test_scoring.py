"""The scoring model: SPEC §2's table, its boundaries and its invariants."""

from __future__ import annotations

import datetime
import json
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from advocacy import (
    Comparison,
    Criterion,
    CriterionScore,
    ScoringModel,
    Signal,
    Signals,
    from_dict,
    tenure_months,
    to_dict,
)
from advocacy.exceptions import (
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
    ValidationError,
)
from tests import strategies
from tests.scoring.values import AS_OF, MISSING_ROW, MODEL, PERFECT, ROW, SCORE


def awarded(signals: Signals, name: str, *, as_of: pendulum.Date = AS_OF) -> bool:
    score = MODEL.score(signals, as_of=as_of)
    return next(row for row in score.rows if row.name == name).awarded


class TestDefaultModel:
    def test_is_the_spec_table(self) -> None:
        table = [(c.label, c.describe(), c.points) for c in MODEL.criteria]
        assert table == [
            ("Promoter", "nps >= 9", 25),
            ("Power User", "feature_adoption > 0.7", 20),
            ("Healthy", "health_score > 80", 20),
            ("Established", "tenure_months > 12", 15),
            ("Active", "positive_mentions >= 1", 10),
            ("Willing", "responded_to_requests is true", 10),
        ]
        assert MODEL.maximum == 100
        assert MODEL.qualify_above == 60

    def test_perfect_signals_score_the_maximum(self) -> None:
        score = MODEL.score(PERFECT, as_of=AS_OF)
        assert score.total == 100
        assert score.qualified
        assert score.missing == ()

    @pytest.mark.parametrize(
        ("nps", "expected"), [(8, False), (9, True), (10, True), (0, False)]
    )
    def test_promoter_boundary(self, nps: int, *, expected: bool) -> None:
        assert awarded(Signals(nps=nps), "promoter") is expected

    @pytest.mark.parametrize(
        ("adoption", "expected"), [(0.70, False), (0.71, True), (0.7000001, True)]
    )
    def test_power_user_boundary(self, adoption: float, *, expected: bool) -> None:
        assert awarded(Signals(feature_adoption=adoption), "power_user") is expected

    @pytest.mark.parametrize(
        ("health", "expected"), [(80, False), (80.0, False), (80.5, True), (81, True)]
    )
    def test_healthy_boundary(self, health: float, *, expected: bool) -> None:
        assert awarded(Signals(health_score=health), "healthy") is expected

    @pytest.mark.parametrize(
        ("since", "expected"),
        [
            (pendulum.date(2025, 11, 22), False),  # exactly 12 months
            (pendulum.date(2025, 11, 23), False),  # 11 months and 30 days
            (pendulum.date(2025, 10, 22), True),  # exactly 13 months
            (pendulum.date(2025, 10, 23), False),  # 12 months and 30 days
        ],
    )
    def test_established_boundary(
        self, since: pendulum.Date, *, expected: bool
    ) -> None:
        assert awarded(Signals(customer_since=since), "established") is expected

    def test_active_needs_one_mention(self) -> None:
        assert not awarded(Signals(positive_mentions=0), "active")
        assert awarded(Signals(positive_mentions=1), "active")

    def test_willing_needs_true(self) -> None:
        assert awarded(Signals(responded_to_requests=True), "willing")
        assert not awarded(Signals(responded_to_requests=False), "willing")

    def test_exactly_60_is_not_qualified_and_65_is(self) -> None:
        # Promoter 25 + Established 15 + Active 10 + Willing 10 = 60.
        sixty = attrs.evolve(PERFECT, feature_adoption=0.7, health_score=80)
        score = MODEL.score(sixty, as_of=AS_OF)
        assert (score.total, score.qualified) == (60, False)
        # Promoter 25 + Power User 20 + Healthy 20 = 65.
        sixty_five = Signals(nps=9, feature_adoption=0.8, health_score=85)
        score = MODEL.score(sixty_five, as_of=AS_OF)
        assert (score.total, score.qualified) == (65, True)

    def test_missing_signals_award_nothing_and_are_marked(self) -> None:
        score = MODEL.score(Signals(), as_of=AS_OF)
        assert score.total == 0
        assert all(row.missing and not row.awarded for row in score.rows)
        assert score.missing == tuple(c.name for c in MODEL.criteria)

    def test_rows_carry_observed_values(self) -> None:
        score = MODEL.score(PERFECT, as_of=AS_OF)
        observed = {row.name: row.observed for row in score.rows}
        assert observed == {
            "promoter": 10,
            "power_user": 0.9,
            "healthy": 95,
            "established": 82,
            "active": 3,
            "willing": True,
        }


class TestScoreResult:
    def test_explain_names_every_criterion(self) -> None:
        text = MODEL.score(Signals(nps=9), as_of=AS_OF).explain()
        assert text.splitlines()[0] == "25/100, not qualified (qualified above 60)"
        assert "Promoter (nps >= 9): observed 9, +25" in text
        assert "Healthy (health_score > 80): missing, 0" in text

    def test_repr_lists_awarded_criteria(self) -> None:
        score = MODEL.score(Signals(nps=9, responded_to_requests=True), as_of=AS_OF)
        assert repr(score) == "Score(35/100, not qualified; Promoter +25, Willing +10)"
        assert repr(MODEL.score(Signals(), as_of=AS_OF)).endswith("; nothing)")

    def test_records_are_plain_and_complete(self) -> None:
        records = MODEL.score(PERFECT, as_of=AS_OF).to_records()
        assert len(records) == 6
        assert records[0] == {
            "name": "promoter",
            "label": "Promoter",
            "rule": "nps >= 9",
            "points": 25,
            "awarded": True,
            "earned": 25,
            "observed": 10,
            "missing": False,
        }
        json.dumps(records)  # plain values only

    def test_html_table_has_a_row_per_criterion(self) -> None:
        html = MODEL.score(Signals(nps=3), as_of=AS_OF)._repr_html_()
        assert html.count("<tr>") == 7
        assert "not qualified" in html


class TestCriterion:
    def test_between_includes_both_ends(self) -> None:
        c = Criterion("mid", Signal.NPS, Comparison.BETWEEN, (7, 8), 5)
        assert [c.test(v) for v in (6, 7, 8, 9, None)] == [
            False,
            True,
            True,
            False,
            False,
        ]
        assert c.describe() == "nps between 7 and 8"

    @pytest.mark.parametrize(
        ("comparison", "results"),
        [
            (Comparison.GT, [False, False, True]),
            (Comparison.GE, [False, True, True]),
            (Comparison.LT, [True, False, False]),
            (Comparison.LE, [True, True, False]),
            (Comparison.EQ, [False, True, False]),
        ],
    )
    def test_comparisons(self, comparison: Comparison, results: list[bool]) -> None:
        c = Criterion("x", Signal.HEALTH_SCORE, comparison, 50, 1)
        assert [c.test(v) for v in (49, 50, 51)] == results

    def test_accepts_plain_values_for_enums(self) -> None:
        c = Criterion("promoter", "nps", "ge", 9, 25, "Promoter")
        assert c == MODEL.criteria[0]

    @pytest.mark.parametrize("points", [0, -5])
    def test_points_must_be_positive(self, points: int) -> None:
        with pytest.raises(InvalidValueError, match=r"Criterion\.points") as error:
            Criterion("x", Signal.NPS, Comparison.GE, 9, points)
        assert error.value.field == "points"
        assert error.value.value == points

    def test_adoption_threshold_as_percentage_gets_a_hint(self) -> None:
        with pytest.raises(InvalidValueError, match=r"did you mean 0\.7") as error:
            Criterion("x", Signal.FEATURE_ADOPTION, Comparison.GT, 70, 20)
        assert error.value.field == "threshold"

    @pytest.mark.parametrize(
        ("signal", "comparison", "threshold"),
        [
            (Signal.NPS, Comparison.GE, 11),
            (Signal.NPS, Comparison.IS_TRUE, None),
            (Signal.RESPONDED_TO_REQUESTS, Comparison.GE, 1),
            (Signal.RESPONDED_TO_REQUESTS, Comparison.IS_TRUE, True),
            (Signal.HEALTH_SCORE, Comparison.BETWEEN, (90, 80)),
            (Signal.HEALTH_SCORE, Comparison.BETWEEN, (80, 101)),
            (Signal.TENURE_MONTHS, Comparison.GT, -1),
            (Signal.POSITIVE_MENTIONS, Comparison.GE, float("nan")),
        ],
    )
    def test_threshold_must_suit_signal_and_comparison(
        self, signal: Signal, comparison: Comparison, threshold: object
    ) -> None:
        with pytest.raises(InvalidValueError, match=r"Criterion\.threshold"):
            Criterion("x", signal, comparison, threshold, 5)  # type: ignore[arg-type]

    @pytest.mark.parametrize("threshold", ["9", (1, 2, 3), None])
    def test_threshold_of_wrong_kind(self, threshold: object) -> None:
        comparison = (
            Comparison.BETWEEN if isinstance(threshold, tuple) else Comparison.GE
        )
        with pytest.raises(InvalidTypeError, match=r"Criterion\.threshold"):
            Criterion("x", Signal.NPS, comparison, threshold, 5)  # type: ignore[arg-type]

    def test_unknown_signal_and_comparison_are_named_together(self) -> None:
        with pytest.raises(InvalidFieldsError) as error:
            Criterion("x", "karma", "approx", 9, 5)
        assert [e.field for e in error.value.errors] == ["signal", "comparison"]
        assert "one of 'nps'" in str(error.value)


class TestModelValidation:
    def test_two_criteria_with_one_name(self) -> None:
        twice = (MODEL.criteria[0], attrs.evolve(MODEL.criteria[1], name="promoter"))
        with pytest.raises(InvalidValueError, match="repeated name: promoter") as error:
            ScoringModel(twice)
        assert error.value.field == "criteria"
        assert len(str(error.value)) < 400  # the value is shown cut short

    def test_decimal_thresholds_become_floats(self) -> None:
        c = Criterion(
            "x", Signal.FEATURE_ADOPTION, Comparison.BETWEEN, [Decimal("0.5"), 1], 5
        )
        assert c.threshold == (0.5, 1.0)
        assert Criterion("y", Signal.NPS, Comparison.GE, Decimal(9), 5).threshold == 9.0

    def test_no_criteria(self) -> None:
        with pytest.raises(InvalidValueError, match=r"ScoringModel\.criteria"):
            ScoringModel(())

    def test_criteria_of_wrong_kind(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"ScoringModel\.criteria"):
            ScoringModel(("promoter",))  # type: ignore[arg-type]

    @pytest.mark.parametrize("threshold", [100, 250])
    def test_threshold_nobody_could_pass(self, threshold: int) -> None:
        with pytest.raises(InvalidValueError, match="nobody could qualify"):
            ScoringModel(MODEL.criteria, qualify_above=threshold)

    def test_computes_its_own_maximum(self) -> None:
        model = ScoringModel(MODEL.criteria[:2], qualify_above=10)
        assert model.maximum == 45


class TestScoringInputs:
    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("nps", 11, InvalidValueError),
            ("nps", -1, InvalidValueError),
            ("nps", 9.5, InvalidValueError),
            ("nps", "9", InvalidTypeError),
            ("nps", True, InvalidTypeError),
            ("feature_adoption", 70, InvalidValueError),
            ("feature_adoption", -0.1, InvalidValueError),
            ("feature_adoption", float("inf"), InvalidValueError),
            ("health_score", 101, InvalidValueError),
            ("health_score", float("nan"), InvalidValueError),
            ("positive_mentions", -1, InvalidValueError),
            ("responded_to_requests", 1, InvalidTypeError),
            ("customer_since", pendulum.datetime(2020, 1, 1), InvalidTypeError),
            ("customer_since", datetime.datetime(2020, 1, 1), InvalidTypeError),  # noqa: DTZ001
            ("customer_since", "last year", InvalidTypeError),
        ],
    )
    def test_bad_signal_names_field_and_value(
        self, field: str, value: object, error: type[Exception]
    ) -> None:
        with pytest.raises(error) as caught:
            Signals(**{field: value})  # type: ignore[arg-type]
        message = str(caught.value)
        assert f"Signals.{field}" in message
        assert repr(value) in message
        assert isinstance(caught.value, ValidationError | TypeError)

    @pytest.mark.parametrize("exact", [Decimal("0.70"), Fraction(7, 10)])
    def test_exact_rates_become_floats_and_keep_the_boundary(
        self, exact: object
    ) -> None:
        signals = Signals(feature_adoption=exact, health_score=Decimal(80))  # type: ignore[arg-type]
        assert type(signals.feature_adoption) is float
        assert not awarded(signals, "power_user")
        assert not awarded(signals, "healthy")
        assert MODEL.score_many([signals], as_of=AS_OF) == [0]
        assert from_dict(Signals, json.loads(json.dumps(to_dict(signals)))) == signals

    def test_percentage_adoption_hints_at_a_fraction(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            Signals(feature_adoption=70)
        assert caught.value.hint == "this looks like a percentage; did you mean 0.7?"
        assert "expected a number from 0 to 1" in str(caught.value)

    def test_datetime_hint_says_take_the_date(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"value\.date\(\)"):
            Signals(customer_since=pendulum.datetime(2020, 1, 1))

    def test_several_bad_signals_reported_at_once(self) -> None:
        with pytest.raises(InvalidFieldsError) as caught:
            Signals(nps=11, feature_adoption=70, health_score=101)
        assert [e.field for e in caught.value.errors] == [
            "nps",
            "feature_adoption",
            "health_score",
        ]
        assert "3 inputs refused" in str(caught.value)

    def test_datetime_date_and_iso_strings_become_pendulum_dates(self) -> None:
        for value in (datetime.date(2020, 5, 17), "2020-05-17"):
            since = Signals(customer_since=value).customer_since
            assert type(since) is pendulum.Date
            assert since == pendulum.date(2020, 5, 17)

    def test_customer_since_after_as_of(self) -> None:
        late = Signals(customer_since=AS_OF.add(days=1))
        with pytest.raises(InvalidValueError, match="on or before as_of") as caught:
            MODEL.score(late, as_of=AS_OF)
        assert caught.value.field == "customer_since"
        with pytest.raises(InvalidValueError, match="on or before as_of") as caught:
            MODEL.score_many([PERFECT, late, late], as_of=AS_OF)
        # The first item refused is named by its index.
        assert caught.value.owner == "ScoringModel.score_many"
        assert caught.value.field == "signals[1].customer_since"
        assert caught.value.value == AS_OF.add(days=1)

    def test_future_start_refused_even_when_the_model_ignores_tenure(self) -> None:
        model = ScoringModel(MODEL.criteria[:1], qualify_above=10)
        late = Signals(nps=9, customer_since=AS_OF.add(days=1))
        with pytest.raises(InvalidValueError, match="on or before as_of"):
            model.score(late, as_of=AS_OF)
        with pytest.raises(InvalidValueError, match="on or before as_of"):
            model.score_many([late], as_of=AS_OF)

    def test_as_of_must_be_a_date(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"ScoringModel\.score\.as_of"):
            MODEL.score(PERFECT, as_of=pendulum.now())
        with pytest.raises(InvalidTypeError, match=r"score_many\.as_of"):
            MODEL.score_many([PERFECT], as_of="soon")  # type: ignore[arg-type]

    def test_score_refuses_what_is_not_signals(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"ScoringModel\.score\.signals"):
            MODEL.score({"nps": 9}, as_of=AS_OF)  # type: ignore[arg-type]

    def test_score_many_names_the_bad_item(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"signals\[1\]"):
            MODEL.score_many([PERFECT, {"nps": 9}], as_of=AS_OF)  # type: ignore[list-item]

    def test_score_many_accepts_any_iterable(self) -> None:
        generated = (s for s in [PERFECT, Signals()])
        assert MODEL.score_many(generated, as_of=AS_OF) == [100, 0]
        assert MODEL.score_many([], as_of=AS_OF) == []


class TestTenure:
    @pytest.mark.parametrize(
        ("since", "as_of", "months"),
        [
            (pendulum.date(2024, 1, 31), pendulum.date(2024, 2, 29), 1),  # clamped
            (pendulum.date(2024, 1, 31), pendulum.date(2024, 2, 28), 0),
            (pendulum.date(2023, 1, 31), pendulum.date(2023, 2, 28), 1),  # month end
            (pendulum.date(2024, 3, 15), pendulum.date(2024, 3, 15), 0),
            (pendulum.date(2024, 3, 15), pendulum.date(2025, 3, 14), 11),
            (pendulum.date(2024, 3, 15), pendulum.date(2025, 3, 15), 12),
        ],
    )
    def test_examples(
        self, since: pendulum.Date, as_of: pendulum.Date, months: int
    ) -> None:
        assert tenure_months(since, as_of) == months

    @given(strategies.dates(), strategies.dates())
    def test_is_the_largest_n_that_pendulum_adds_within_as_of(
        self, one: pendulum.Date, other: pendulum.Date
    ) -> None:
        since, as_of = sorted((one, other))
        n = tenure_months(since, as_of)
        assert since.add(months=n) <= as_of
        assert since.add(months=n + 1) > as_of

    def test_future_start_is_refused(self) -> None:
        with pytest.raises(InvalidValueError, match="customer_since"):
            tenure_months(pendulum.date(2027, 1, 1), AS_OF)


class TestProperties:
    @given(strategies.models(), strategies.signals(as_of=AS_OF))
    def test_total_within_zero_and_maximum(
        self, model: ScoringModel, signals: Signals
    ) -> None:
        score = model.score(signals, as_of=AS_OF)
        assert 0 <= score.total <= score.maximum == model.maximum

    @given(strategies.models(), strategies.signals(as_of=AS_OF))
    def test_total_is_the_sum_of_awarded_rows(
        self, model: ScoringModel, signals: Signals
    ) -> None:
        score = model.score(signals, as_of=AS_OF)
        assert score.total == sum(row.points for row in score.rows if row.awarded)
        assert score.qualified == (score.total > model.qualify_above)
        assert [row.name for row in score.rows] == [c.name for c in model.criteria]

    @given(
        strategies.models(),
        st.lists(strategies.signals(as_of=AS_OF), max_size=20),
        strategies.as_of_dates,
    )
    def test_batch_totals_equal_one_by_one(
        self, model: ScoringModel, many: list[Signals], as_of: pendulum.Date
    ) -> None:
        usable = [
            s for s in many if s.customer_since is None or s.customer_since <= as_of
        ]
        assert model.score_many(usable, as_of=as_of) == [
            model.score(s, as_of=as_of).total for s in usable
        ]

    @given(st.lists(strategies.signals(as_of=AS_OF), max_size=20), st.randoms())
    def test_batch_follows_input_order(
        self, many: list[Signals], rng: random.Random
    ) -> None:
        totals = MODEL.score_many(many, as_of=AS_OF)
        order = list(range(len(many)))
        rng.shuffle(order)
        shuffled = MODEL.score_many([many[i] for i in order], as_of=AS_OF)
        assert shuffled == [totals[i] for i in order]

    @given(strategies.signals(as_of=AS_OF), st.data())
    def test_improving_any_signal_never_lowers_the_default_score(
        self, signals: Signals, data: st.DataObject
    ) -> None:
        better = attrs.evolve(
            signals,
            nps=data.draw(st.integers(signals.nps or 0, 10)),
            feature_adoption=data.draw(st.floats(signals.feature_adoption or 0, 1)),
            health_score=data.draw(st.floats(signals.health_score or 0, 100)),
            customer_since=data.draw(
                strategies.dates(max_value=signals.customer_since or AS_OF)
            ),
            positive_mentions=data.draw(
                st.integers(signals.positive_mentions or 0, 60)
            ),
            responded_to_requests=data.draw(
                st.sampled_from(
                    [True] if signals.responded_to_requests else [False, True]
                )
            ),
        )
        before = MODEL.score(signals, as_of=AS_OF).total
        assert MODEL.score(better, as_of=AS_OF).total >= before

    @given(strategies.models())
    def test_model_round_trips_through_json(self, model: ScoringModel) -> None:
        plain = json.loads(json.dumps(to_dict(model)))
        assert from_dict(ScoringModel, plain) == model


def test_default_model_dict_is_readable() -> None:
    plain = to_dict(MODEL)
    assert plain["qualify_above"] == 60
    assert plain["criteria"][1] == {
        "name": "power_user",
        "signal": "feature_adoption",
        "comparison": "gt",
        "threshold": 0.7,
        "points": 20,
        "label": "Power User",
    }


class TestScoreValidation:
    """A `Score` and its rows hold only what the model can produce."""

    @given(strategies.models(), strategies.signals(as_of=AS_OF))
    def test_a_models_own_score_passes_unchanged(
        self, model: ScoringModel, signals: Signals
    ) -> None:
        score = model.score(signals, as_of=AS_OF)
        rebuilt = attrs.evolve(
            score, rows=tuple(attrs.evolve(row) for row in score.rows)
        )
        assert rebuilt == score
        assert 0 <= score.total <= score.maximum

    @pytest.mark.parametrize(
        ("row", "changes", "field"),
        [
            (ROW, {"name": ""}, "name"),
            (ROW, {"rule": " "}, "rule"),
            (ROW, {"points": 0}, "points"),
            (ROW, {"missing": True}, "missing"),
            (MISSING_ROW, {"missing": False}, "missing"),
            (MISSING_ROW, {"awarded": True}, "awarded"),
        ],
    )
    def test_a_row_is_refused_by_name(
        self, row: CriterionScore, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^CriterionScore\.{field}: got"):
            attrs.evolve(row, **changes)

    def test_missing_follows_observed(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(ROW, missing=True)
        assert caught.value.expected == "False, since a value was observed (9)"
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(MISSING_ROW, missing=False)
        assert caught.value.expected == "True, since observed is None"

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"total": -1}, "total"),
            ({"total": 36}, "total"),
            ({"total": 10}, "total"),
            ({"maximum": 0}, "maximum"),
            ({"maximum": 99}, "maximum"),
            ({"qualify_above": -1}, "qualify_above"),
            ({"qualify_above": 100}, "qualify_above"),
            ({"rows": ()}, "rows"),
            ({"rows": (*SCORE.rows, ROW)}, "rows"),
        ],
    )
    def test_a_score_is_refused_by_name(
        self, changes: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(InvalidValueError, match=rf"^Score\.{field}: got"):
            attrs.evolve(SCORE, **changes)

    def test_the_sums_are_named_in_the_message(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(SCORE, total=36)
        assert caught.value.expected == "the sum of the awarded rows' points (35)"
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(SCORE, maximum=99)
        assert caught.value.expected == "the sum of the rows' points (100)"
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(SCORE, rows=(*SCORE.rows, ROW))
        assert caught.value.hint == "repeated: promoter"

    def test_the_highest_threshold_is_one_below_the_maximum(self) -> None:
        assert attrs.evolve(SCORE, qualify_above=99).qualify_above == 99
        assert attrs.evolve(SCORE, qualify_above=0).qualified
