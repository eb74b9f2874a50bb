"""The one converter: every value and result to plain data and back, exactly."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advocacy import (
    Account,
    DemandPlan,
    GapRow,
    LoadedRecords,
    Money,
    Period,
    PipelineAttribution,
    ProgramRoi,
    ScoringModel,
    Signals,
    Tier,
    TierAssignment,
    TierPolicy,
    assign_tiers,
    from_dict,
    to_dict,
)
from advocacy.exceptions import (
    AdvocacyError,
    FieldError,
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)
from tests import instances
from tests.strategies import VALUES

AS_OF = pendulum.date(2026, 9, 30)
JSON_SCALARS = (str, int, float, bool, type(None))


def plain_only(value: Any) -> bool:
    """Whether `value` is made of JSON's own types, all the way down."""
    if isinstance(value, dict):
        return all(type(k) is str and plain_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain_only(item) for item in value)
    return type(value) in JSON_SCALARS


def through_json(cls: type, value: Any) -> Any:
    plain = json.loads(json.dumps(to_dict(value)))
    return from_dict(instances.target(cls, value), plain)


class TestEveryPublicClass:
    def test_every_public_class_has_a_strategy(self) -> None:
        """A new public class fails here until tests/strategies.py can draw it."""
        assert set(VALUES) == set(instances.PUBLIC_CLASSES)

    def test_the_rules_make_every_public_class(self) -> None:
        missing = [c.__name__ for c in instances.PUBLIC_CLASSES if not instances.of(c)]
        assert missing == []

    @pytest.mark.parametrize(
        "cls", instances.PUBLIC_CLASSES, ids=lambda cls: cls.__name__
    )
    def test_round_trips_through_json(self, cls: type) -> None:
        for value in instances.of(cls)[:5]:
            plain = to_dict(value)
            assert plain_only(plain), cls.__name__
            back = through_json(cls, value)
            assert back == value
            assert to_dict(back) == plain

    @given(st.data())
    @settings(max_examples=200)
    def test_round_trip_of_drawn_values(self, data: st.DataObject) -> None:
        cls = data.draw(st.sampled_from(sorted(VALUES, key=lambda c: c.__name__)))
        value = data.draw(VALUES[cls])
        assert through_json(cls, value) == value


class TestForms:
    def test_exact_forms(self) -> None:
        assert to_dict(Money("2400000.50", "usd")) == {
            "amount": "2400000.50",
            "currency": "USD",
        }
        assert to_dict(Period(AS_OF, AS_OF)) == {
            "start": "2026-09-30",
            "end": "2026-09-30",
        }
        rules = to_dict(TierPolicy.default())["rules"]
        assert rules[0]["tier"] == "champion"
        assert rules[0]["activities"] == sorted(rules[0]["activities"])

    def test_fractions_are_exact_strings(self) -> None:
        (row,) = [r for r in instances.of(GapRow) if r.capacity.denominator > 1][:1]
        assert (
            to_dict(row)["capacity"]
            == f"{row.capacity.numerator}/{row.capacity.denominator}"
        )
        assert through_json(GapRow, row).capacity == row.capacity

    def test_a_none_key_is_null_as_json_writes_it(self) -> None:
        attribution = instances.of(PipelineAttribution)[0]
        plain = to_dict(attribution)
        assert "null" in plain["by_tier"]
        assert None in through_json(PipelineAttribution, attribution).by_tier

    def test_a_tier_assignment_round_trips_with_its_reasons(self) -> None:
        tiers = assign_tiers({"a": 90, "b": 70, "c": 10}, as_of=AS_OF)
        back = through_json(TierAssignment, tiers)
        assert dict(back) == dict(tiers)
        assert back.decision("b") == tiers.decision("b")
        assert back.caps == tiers.caps

    def test_refuses_what_is_not_a_value_object(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"to_dict\.value"):
            to_dict({"nps": 9})

    def test_defaults_fill_missing_optional_keys(self) -> None:
        assert from_dict(Signals, {}) == Signals()


class TestErrors:
    def test_data_must_be_a_mapping(self) -> None:
        with pytest.raises(InvalidTypeError, match="a mapping"):
            from_dict(Money, ["5", "USD"])  # type: ignore[arg-type]

    def test_values_are_validated_by_the_class(self) -> None:
        with pytest.raises(InvalidValueError, match=r"^Signals\.nps: got 11"):
            from_dict(Signals, {"nps": 11})

    def test_unknown_keys_are_named_at_their_path(self) -> None:
        with pytest.raises(
            InvalidValueError, match=r"^Signals\.karma: got 3"
        ) as caught:
            from_dict(Signals, {"nps": 9, "karma": 3})
        assert caught.value.hint == "unknown key"
        assert "nps" in caught.value.expected

    def test_missing_required_keys_are_named_at_their_path(self) -> None:
        with pytest.raises(InvalidValueError, match=r"^Money\.currency: got nothing"):
            from_dict(Money, {"amount": "5"})

    def test_nested_errors_carry_their_full_path(self) -> None:
        data = to_dict(ScoringModel.default())
        data["criteria"][2]["points"] = -1
        with pytest.raises(InvalidValueError) as caught:
            from_dict(ScoringModel, data)
        assert str(caught.value).startswith(
            "ScoringModel.criteria[2].points: got -1; expected an integer of at least 1"
        )

    def test_every_error_of_one_call_is_reported_at_once(self) -> None:
        data = {
            "id": "acct-1",
            "name": " ",
            "industry": "Retail",
            "employees": -5,
            "region": "EMEA",
            "customer_since": "2021-13-01",
            "arr": {"amount": 1.5, "currency": "usdx"},
            "policy": {"public_allowed": "yes"},
            "regoin": "EMEA",
        }
        with pytest.raises(InvalidFieldsError) as caught:
            from_dict(Account, data)
        paths = sorted(e.field for e in caught.value.errors)
        assert paths == [
            "arr.amount",
            "arr.currency",
            "customer_since",
            "employees",
            "name",
            "policy.public_allowed",
            "regoin",
        ]
        assert all(e.owner == "Account" for e in caught.value.errors)
        message = str(caught.value)
        assert message.startswith("Account: 7 inputs refused:")
        assert "Account.arr.amount: got 1.5" in message
        assert "floats cannot hold amounts exactly" in message
        assert "Account.policy.public_allowed: got 'yes'" in message

    def test_errors_inside_lists_name_their_index(self) -> None:
        data = to_dict(TierPolicy.default())
        data["rules"][1]["min_score"] = "sixty"
        data["rules"][2]["max_share"] = 40
        with pytest.raises(InvalidFieldsError) as caught:
            from_dict(TierPolicy, data)
        assert [e.field for e in caught.value.errors] == [
            "rules[1].min_score",
            "rules[2].max_share",
        ]
        assert caught.value.errors[1].hint == (
            "this looks like a percentage; did you mean 0.4?"
        )

    def test_a_nested_value_that_is_not_a_mapping(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"^Account\.arr: got 5"):
            from_dict(Account, {**to_dict(instances.of(Account)[0]), "arr": 5})

    def test_an_exact_string_that_is_not_a_fraction(self) -> None:
        plain = to_dict(instances.of(GapRow)[0])
        with pytest.raises(InvalidTypeError, match=r"^GapRow\.capacity: got '1/0'"):
            from_dict(GapRow, {**plain, "capacity": "1/0"})
        with pytest.raises(InvalidTypeError, match=r"^GapRow\.capacity: got \[1\]"):
            from_dict(GapRow, {**plain, "capacity": [1]})

    def test_an_exact_string_that_is_not_a_decimal(self) -> None:
        plain = to_dict(instances.of(ProgramRoi)[0])
        with pytest.raises(FieldError, match=r"^ProgramRoi\.return_multiple: got 'x'"):
            from_dict(ProgramRoi, {**plain, "return_multiple": "x"})

    def test_a_refusal_of_the_whole_value_is_named_at_its_path(self) -> None:
        plain = to_dict(instances.of(DemandPlan)[0])
        plain["lines"][0]["goal"]["currency"] = "EUR"
        with pytest.raises(
            InvalidValueError, match=r"^DemandPlan\.lines\[0\]: got"
        ) as line:
            from_dict(DemandPlan, plain)
        assert line.value.expected == "amounts in one currency, not EUR and USD"
        plain["lines"][0]["deal_size"]["currency"] = "EUR"
        with pytest.raises(InvalidValueError, match=r"^DemandPlan: got \{") as whole:
            from_dict(DemandPlan, plain)
        assert whole.value.hint == "convert them first"

    def test_a_string_is_not_a_list_of_its_characters(self) -> None:
        plain = {**to_dict(instances.of(Account)[0]), "products": "Analytics"}
        with pytest.raises(
            InvalidTypeError, match=r"^Account\.products: got 'Analytics'"
        ) as caught:
            from_dict(Account, plain)
        assert caught.value.hint == "a single string was given; wrap it in a list"

    def test_every_item_of_a_list_is_checked(self) -> None:
        with pytest.raises(InvalidFieldsError) as caught:
            from_dict(ScoringModel, {"criteria": [5, {"name": "x"}]})
        fields = [e.field for e in caught.value.errors]
        assert fields[:2] == ["criteria[0]", "criteria[1].signal"]

    def test_errors_inside_mappings_name_their_key(self) -> None:
        plain = to_dict(instances.of(PipelineAttribution)[0])
        key = next(iter(plain["by_type"]))
        plain["by_type"][key] = 5
        with pytest.raises(
            InvalidTypeError, match=rf"^PipelineAttribution\.by_type\['{key}'\]: got 5"
        ):
            from_dict(PipelineAttribution, plain)

    def test_a_list_where_a_mapping_is_meant(self) -> None:
        plain = {**to_dict(instances.of(PipelineAttribution)[0]), "by_type": [1, 2]}
        with pytest.raises(
            InvalidTypeError, match=r"^PipelineAttribution\.by_type: got \[1, 2\]"
        ) as caught:
            from_dict(PipelineAttribution, plain)
        assert caught.value.expected.startswith("plain data of the right shape")

    def test_unhashable_items_of_a_set_are_named(self) -> None:
        plain = {**to_dict(instances.of(Account)[0]), "products": [{"a": 1}]}
        with pytest.raises(
            InvalidTypeError, match=r"^Account\.products: got \(\{'a': 1\},\)"
        ):
            from_dict(Account, plain)

    def test_only_library_errors(self) -> None:
        for junk in ([], [1, 2], "x", 3.5, None, {"criteria": None}):
            with pytest.raises(AdvocacyError):
                from_dict(ScoringModel, {"criteria": junk})


class TestGenericClasses:
    def test_an_unparameterised_generic_is_refused_naming_the_form(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"LoadedRecords\[Account\]"):
            from_dict(LoadedRecords, {})

    def test_every_error_under_a_parameterised_generic_has_its_path(self) -> None:
        data = {
            "kind": 5,
            "values": [{"id": 1}],
            "ids": ["a"],
            "rows": [0],
            "rejected": [],
        }
        with pytest.raises(InvalidFieldsError) as caught:
            from_dict(LoadedRecords[Account], data)
        fields = {f"{e.owner}.{e.field}" for e in caught.value.errors}
        assert {"LoadedRecords.kind", "LoadedRecords.values[0].id"} <= fields


class TestNumbersAsPyDataHandsThemOver:
    """numpy scalars, of every width, are accepted and stored as plain numbers."""

    np = pytest.importorskip("numpy")

    @pytest.mark.parametrize(
        "kind",
        ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"],
    )
    def test_numpy_integers_become_ints(self, kind: str) -> None:
        nps = getattr(self.np, kind)(9)
        signals = Signals(nps=nps, positive_mentions=getattr(self.np, kind)(2))
        assert type(signals.nps) is int
        assert type(signals.positive_mentions) is int
        assert signals == Signals(nps=9, positive_mentions=2)
        assert plain_only(to_dict(signals))

    @pytest.mark.parametrize("kind", ["float16", "float32", "float64"])
    def test_numpy_floats_become_floats(self, kind: str) -> None:
        signals = Signals(health_score=getattr(self.np, kind)(88.5))
        assert type(signals.health_score) is float
        assert signals.health_score == 88.5

    def test_integral_floats_are_ints_where_an_int_is_meant(self) -> None:
        assert Signals(nps=9.0).nps == 9  # type: ignore[arg-type]
        assert type(Signals(nps=self.np.float64(9.0)).nps) is int

    def test_numpy_bools_become_bools(self) -> None:
        signals = Signals(responded_to_requests=self.np.True_)
        assert signals.responded_to_requests is True

    def test_bools_are_never_numbers(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"Signals\.nps"):
            Signals(nps=True)
        with pytest.raises(InvalidTypeError, match=r"Signals\.nps"):
            Signals(nps=self.np.True_)

    @pytest.mark.parametrize("value", [float("nan"), float("inf"), 9.5])
    def test_nan_infinity_and_fractions_stay_refused(self, value: float) -> None:
        with pytest.raises(FieldError, match=r"Signals\.nps"):
            Signals(nps=value)  # type: ignore[arg-type]
        with pytest.raises(FieldError, match=r"Signals\.nps"):
            Signals(nps=self.np.float64(value))

    def test_exact_numbers_become_floats_where_a_rate_is_meant(self) -> None:
        assert Signals(feature_adoption=Decimal("0.8")).feature_adoption == 0.8
        assert Signals(feature_adoption=Fraction(4, 5)).feature_adoption == 0.8

    def test_rule_arguments_too(self) -> None:
        others = {f"o-{n}": self.np.int16(30) for n in range(40)}
        tiers = assign_tiers(
            {"a": self.np.int64(90), **others}, as_of=AS_OF, margin=self.np.int32(2)
        )
        assert tiers["a"] is Tier.CHAMPION
        assert type(tiers.decision("a").score) is int
        assert type(tiers.decision("o-1").score) is int

    def test_results_hold_no_numpy_scalar(self) -> None:
        tiers = assign_tiers({"a": self.np.int64(90)}, as_of=AS_OF)
        assert plain_only(to_dict(tiers))


def test_equal_values_give_equal_dicts() -> None:
    """Sets have no order: equal values give equal dicts whatever the order."""
    one = attrs.evolve(instances.of(Account)[0], products={"b", "a"})
    two = attrs.evolve(instances.of(Account)[0], products={"a", "b"})
    assert json.dumps(to_dict(one)) == json.dumps(to_dict(two))
