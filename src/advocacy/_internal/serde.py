"""Plain-dict conversion at the edge: JSON-ready dicts in and out.

Value objects know nothing of serialization. `to_dict` walks an attrs value
with `attrs.asdict`, turning enums into their values, dates into ISO strings,
`Decimal` into exact strings and sets into sorted lists. `from_dict` checks
the keys and calls the class itself, whose lenient converters accept those
plain forms back, so validation is the constructor's, never duplicated here.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs

from advocacy._internal.checks import Refusal, instance_of
from advocacy._internal.validation import require
from advocacy.exceptions import InvalidValueError

__all__ = ["from_dict", "structure", "structure_items", "to_dict"]


T = TypeVar("T")


def _plain(_instance: object, _field: object, value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, frozenset):
        # Sets have no order; sort them so equal values give equal dicts.
        return sorted(value, key=_sort_key)
    if isinstance(value, tuple):
        return list(value)
    return value


def _sort_key(item: Any) -> str:
    return str(item.value) if isinstance(item, enum.Enum) else str(item)


def _is_init(attribute: attrs.Attribute[Any], _value: object) -> bool:
    return attribute.init


_MAPPING = instance_of(Mapping, "a mapping of field names to values")


def to_dict(value: Any) -> dict[str, Any]:
    """A JSON-ready dict of an `advocacy` value object or policy.

    Enums become their string values, dates ISO 8601 strings, `Decimal`
    amounts exact strings, sets sorted lists; nested values become nested
    dicts. [`from_dict`][advocacy.from_dict] turns the dict back into an
    equal value.

    Args:
        value: Any attrs value object of this library (a `ScoringModel`,
            `TierPolicy`, `Account`, `Money`, ...).

    Returns:
        A dict of str, int, float, bool, None, lists and dicts only.

    Raises:
        InvalidTypeError: `value` is not an attrs value object.
    """
    require("to_dict", "value", value, _is_attrs_instance)
    result: dict[str, Any] = attrs.asdict(
        value, filter=_is_init, value_serializer=_plain
    )
    return result


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """Build a `cls` from a dict made by [`to_dict`][advocacy.to_dict].

    Keys are checked first (unknown and missing ones are named); values are
    then validated by `cls` itself, exactly as if passed to its constructor.

    Args:
        cls: The attrs class to build, e.g. `ScoringModel`.
        data: Its plain dict.

    Returns:
        The value, equal to the one `to_dict` was given.

    Raises:
        InvalidValueError: A key is unknown or a required key is missing.
        InvalidTypeError: `data` is not a mapping.
        ValidationError: A value is refused by `cls` (the error names it).
    """
    owner = f"from_dict({cls.__name__})"
    require(owner, "data", data, _MAPPING)
    fields = [a for a in attrs.fields(cast("Any", cls)) if a.init]
    accepted = {a.alias for a in fields}
    unknown = sorted(set(data) - accepted, key=str)
    if unknown:
        raise InvalidValueError(
            owner, "data", unknown, f"keys among {sorted(accepted)}"
        )
    missing = [
        a.alias for a in fields if a.default is attrs.NOTHING and a.alias not in data
    ]
    if missing:
        raise InvalidValueError(
            owner, "data", missing, "every required key to be present"
        )
    return cls(**data)


def structure(cls: type[T], value: object) -> T:
    """For lenient converters: a mapping becomes `from_dict(cls, mapping)`."""
    if isinstance(value, Mapping):
        return from_dict(cls, value)
    return value  # type: ignore[return-value]  # the field's check refuses others


def structure_items(cls: type[T], value: object) -> tuple[T, ...]:
    """For lenient converters: a list or tuple whose mappings become `cls`."""
    if isinstance(value, list | tuple):
        return tuple(structure(cls, item) for item in value)
    return value  # type: ignore[return-value]  # the field's check refuses others


def _is_attrs_instance(value: object) -> Refusal | None:
    if attrs.has(type(value)):
        return None
    return Refusal("an advocacy value object", wrong_type=True)
