"""Plain-dict conversion: JSON-ready out, validated back in."""

from __future__ import annotations

import pytest

from advocacy import Money, ScoringModel, Signals, from_dict, to_dict
from advocacy.exceptions import InvalidTypeError, InvalidValueError


def test_refuses_what_is_not_a_value_object() -> None:
    with pytest.raises(InvalidTypeError, match=r"to_dict\.value"):
        to_dict({"nps": 9})


def test_unknown_keys_are_named() -> None:
    with pytest.raises(InvalidValueError, match=r"\['karma'\].*keys among") as caught:
        from_dict(Signals, {"nps": 9, "karma": 3})
    assert caught.value.owner == "from_dict(Signals)"


def test_missing_required_keys_are_named() -> None:
    with pytest.raises(InvalidValueError, match=r"\['currency'\].*every required key"):
        from_dict(Money, {"amount": "5"})


def test_data_must_be_a_mapping() -> None:
    with pytest.raises(InvalidTypeError, match="a mapping"):
        from_dict(Money, ["5", "USD"])  # type: ignore[arg-type]


def test_values_are_validated_by_the_class() -> None:
    with pytest.raises(InvalidValueError, match=r"Signals\.nps"):
        from_dict(Signals, {"nps": 11})


def test_nested_lists_of_mappings_become_values() -> None:
    plain = to_dict(ScoringModel.default())
    assert isinstance(plain["criteria"], list)
    assert from_dict(ScoringModel, plain) == ScoringModel.default()


def test_defaults_fill_missing_optional_keys() -> None:
    assert from_dict(Signals, {}) == Signals()
