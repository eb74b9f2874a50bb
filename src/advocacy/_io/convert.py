"""The one converter: every value, policy and result to plain data and back.

`to_dict` turns any attrs value of the library into a JSON-ready dict:
enums by value, dates and datetimes ISO 8601, `Decimal` and `Fraction` exact
strings (`"2400000.00"`, `"7/3"`), sets sorted lists, tuples lists, mapping
keys strings (a `None` key is `"null"`, as JSON itself writes it).
`from_dict` builds the value back, so `from_dict(type(x), to_dict(x)) == x`,
through `json.dumps` and `json.loads` too.

Built on cattrs. Structuring reads the plain form and hands every scalar to
the classes themselves unchanged, so a value loaded from a dict is validated
exactly as one passed to its constructor, and the messages are the same.
Every error of one call is reported at once, each at its full path
(`Account.arr.amount`, `ScoringModel.criteria[2].points`), unknown and
missing keys included, as one library error: the field errors of a class
whose nested values failed are still reported beside them.

Keep this in step with docs/how-to/store-policies.md and
docs/explanation/errors-and-values.md.
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Final, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from advocacy._internal.checks import Refusal, instance_of
from advocacy._internal.convert import member, to_date, to_datetime
from advocacy._internal.text import a_or_an
from advocacy._internal.typed import field_checks
from advocacy._internal.validation import require
from advocacy.exceptions import (
    AdvocacyError,
    CurrencyMismatchError,
    FieldError,
    InvalidFieldsError,
    InvalidTypeError,
    InvalidValueError,
)

__all__ = ["from_dict", "to_dict"]

T = TypeVar("T")

_NULL_KEY: Final = "null"
"""How a `None` mapping key is written (as `json.dumps` writes it)."""


# --- plain data out ---------------------------------------------------------------


def _sort_key(item: Any) -> str:
    return str(item.value) if isinstance(item, enum.Enum) else str(item)


def _plain_key(key: Any) -> Any:
    if key is None:
        return _NULL_KEY
    if isinstance(key, enum.Enum):
        return key.value
    if isinstance(key, datetime.date):
        return key.isoformat()
    return key


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, use_alias=True)

    # Out: exact, JSON-ready forms.
    # A StrEnum is a str, and cattrs would hand str subclasses over as they
    # are; plain data holds the value itself.
    converter.register_unstructure_hook(enum.Enum, _enum_value)
    converter.register_unstructure_hook(enum.StrEnum, _enum_value)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_unstructure_hook(Fraction, str)
    converter.register_unstructure_hook(pendulum.Date, pendulum.Date.isoformat)
    converter.register_unstructure_hook(pendulum.DateTime, pendulum.DateTime.isoformat)
    converter.register_unstructure_hook_func(
        _is_frozenset,
        lambda value: sorted(
            (converter.unstructure(item) for item in value), key=_sort_key
        ),
    )
    converter.register_unstructure_hook_func(
        _is_tuple, lambda value: [converter.unstructure(item) for item in value]
    )
    converter.register_unstructure_hook_factory(attrs.has, _class_out(converter))
    converter.register_unstructure_hook_func(
        _is_mapping,
        lambda value: {
            _plain_key(k): converter.unstructure(v) for k, v in value.items()
        },
    )

    # In: scalars pass through untouched, for the classes to check.
    for scalar in (int, float, str, bool, Any):
        converter.register_structure_hook(scalar, _as_given)
    converter.register_structure_hook(Decimal, _decimal)
    converter.register_structure_hook(Fraction, _fraction)
    converter.register_structure_hook(pendulum.DateTime, _datetime)
    converter.register_structure_hook(pendulum.Date, _date)
    # Enums by singledispatch too: a StrEnum is a str, and the str hook
    # above would otherwise take it.
    converter.register_structure_hook(enum.Enum, _member)
    converter.register_structure_hook(enum.StrEnum, _member)
    converter.register_structure_hook_func(_is_union, _union(converter))
    converter.register_structure_hook_factory(_is_collection, _collection(converter))
    converter.register_structure_hook_factory(attrs.has, _class_hook(converter))
    return converter


def _class_out(converter: cattrs.Converter) -> Callable[[type], Any]:
    """Cattrs' unstructuring of a class, its annotations resolved first.

    The library's modules postpone annotations (they are strings until
    resolved); resolving them lets every field unstructure by its type.
    """

    def factory(cls: type) -> Any:
        attrs.resolve_types(_plain_class(cls))
        return make_dict_unstructure_fn(cls, converter)

    return factory


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _is_tuple(hint: Any) -> bool:
    return bool(hint is tuple or typing.get_origin(hint) is tuple)


def _is_frozenset(hint: Any) -> bool:
    return bool(hint is frozenset or typing.get_origin(hint) is frozenset)


def _is_mapping(hint: Any) -> bool:
    origin = typing.get_origin(hint)
    return origin is dict or origin is Mapping


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _as_given(value: Any, _hint: Any) -> Any:
    return value


def _member(value: Any, hint: Any) -> Any:
    return member(hint, value)


def _decimal(value: Any, _hint: Any) -> Any:
    # Exact strings (as `to_dict` writes them) and ints; a float stays a
    # float, for the class to refuse with its hint.
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


def _fraction(value: Any, _hint: Any) -> Any:
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            return value
    return value


def _date(value: Any, _hint: Any) -> Any:
    return to_date(value)


def _datetime(value: Any, _hint: Any) -> Any:
    return to_datetime(value)


def _union(converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """`X | None` and the library's few other unions: by the plain form's shape.

    `None` is `None`; `"null"` is `None` where the union admits `None` (a
    mapping key); a dict is the union's attrs class, a list its tuple;
    anything else goes to its first scalar member, which hands it on
    unchanged for the class to check.
    """

    def structure(value: Any, hint: Any) -> Any:
        members = [m for m in typing.get_args(hint) if m is not type(None)]
        if value is None:
            return None
        if value == _NULL_KEY and len(members) < len(typing.get_args(hint)):
            return None
        for kind in members:
            if isinstance(value, Mapping) and attrs.has(kind):
                return converter.structure(value, kind)
            if isinstance(value, list) and typing.get_origin(kind) is tuple:
                return converter.structure(value, kind)
        scalars = [
            m for m in members if not attrs.has(m) and typing.get_origin(m) is None
        ]
        return converter.structure(value, (scalars or members)[0])

    return structure


def _is_collection(hint: Any) -> bool:
    return typing.get_origin(hint) in (tuple, frozenset)


def _collection(converter: cattrs.Converter) -> Callable[[Any], Any]:
    """A tuple or frozenset from a JSON list, each item by its type.

    A string or a mapping is not a list of its characters or keys: it is
    handed on unchanged, for the class to refuse by name ("a single string
    was given; wrap it in a list"). Every item's error is collected, at its
    index.
    """

    def factory(hint: Any) -> Callable[[Any, Any], Any]:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        homogeneous = len(args) == 2 and args[1] is Ellipsis

        def structure(value: Any, _hint: Any) -> Any:
            if isinstance(value, str | bytes | Mapping) or not isinstance(
                value, list | tuple | set | frozenset
            ):
                return value
            items, errors = [], []
            for index, item in enumerate(value):
                kind = args[0] if homogeneous else args[min(index, len(args) - 1)]
                try:
                    items.append(converter.structure(item, kind))
                except Exception as error:  # collected, reported below
                    error.add_note(
                        IterableValidationNote(f"@ index {index}", index, kind)
                    )
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While structuring {hint}", errors, hint)
            try:
                return origin(items)
            except TypeError:  # an unhashable item: the class names it
                return tuple(items)

        return structure

    return factory


def _class_hook(converter: cattrs.Converter) -> Callable[[type], Any]:
    """Structure a class as cattrs does, and check the sibling fields too.

    When a nested value fails, cattrs does not call the class: the fields
    that did structure are then checked on their own, so their errors are
    reported with the nested ones.
    """

    def factory(cls: type) -> Callable[[Any, Any], Any]:
        base: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter)

        def structure(data: Any, _hint: Any) -> Any:
            if not isinstance(data, Mapping):
                name = _plain_class(cls).__name__
                raise InvalidTypeError(name, "", data, f"{a_or_an(name)} as a mapping")
            try:
                return base(data, cls)
            except ClassValidationError as group:
                noted, _ = group.group_exceptions()
                failed = {note.name for _, note in noted}
                # With no attribute failed, the class itself ran and refused:
                # its own error already names every field.
                siblings = (
                    _sibling_errors(converter, cls, data, failed) if failed else []
                )
                if not siblings:
                    raise
                raise ClassValidationError(
                    group.message, [*group.exceptions, *siblings], cls
                ) from None

        return structure

    return factory


def _sibling_errors(
    converter: cattrs.Converter, cls: type, data: Mapping[str, Any], failed: set[str]
) -> list[Exception]:
    """The field checks of `cls` on the fields that structured."""
    plain = _plain_class(cls)
    hints = typing.get_type_hints(plain)
    converters = {a.name: a.converter for a in attrs.fields(plain)}
    found: list[Exception] = []
    for name, alias, check in field_checks(plain):
        if name in failed or alias not in data:
            continue
        hint = _bound(cls, hints.get(name, Any))
        value = converter.structure(data[alias], hint)
        given = converters[name]
        if callable(given):
            value = given(value)
        refusal = check(check.normalise(value))
        if refusal is not None:
            found.append(refusal.error(plain.__name__, alias, data[alias]))
    return found


def _plain_class(cls: Any) -> type:
    """The class itself, for a parameterised generic (`LoadedRecords[Account]`)."""
    origin = typing.get_origin(cls)
    return cls if origin is None else origin  # type: ignore[no-any-return]  # a class either way


def _bound(cls: Any, hint: Any) -> Any:
    """`hint` with the type parameters of a parameterised `cls` filled in."""
    origin = typing.get_origin(cls)
    if origin is None:
        return hint
    # The library's generics hold their parameter inside a container
    # (`values: tuple[T, ...]`), never as a bare field.
    bound = dict(zip(origin.__parameters__, typing.get_args(cls), strict=True))
    free = getattr(hint, "__parameters__", ())
    return hint[tuple(bound.get(p, Any) for p in free)] if free else hint


_CONVERTER: Final = _make_converter()


# --- errors with their full paths --------------------------------------------------


class _Missing:
    """What a message shows for a required key that is not there."""

    def __repr__(self) -> str:
        return "nothing (the key is missing)"


_MISSING: Final = _Missing()

_Found = tuple[type[FieldError], str, Any, str, str | None]
"""One error: its kind, its path below the root, the value, expected, hint."""


def _errors(  # noqa: PLR0911  # one return per kind of error
    exception: BaseException, path: str, data: Any
) -> list[_Found]:
    """Every error inside `exception`, each at its full path."""
    found: list[_Found] = []
    if isinstance(exception, ClassValidationError):
        by_attribute, others = exception.group_exceptions()
        for sub, note in by_attribute:
            alias = _alias_of(exception.cl, note.name)
            found += _errors(sub, f"{path}.{alias}", _at(data, alias))
        for sub in others:
            found += _errors(sub, path, data)
        return found
    if isinstance(exception, IterableValidationError):
        by_index, others = exception.group_exceptions()
        for sub, item in by_index:
            found += _errors(sub, f"{path}[{item.index!r}]", _at(data, item.index))
        # Every item's error carries its index; should one not, it is still
        # reported, at the collection's path.
        return found + [e for sub in others for e in _errors(sub, path, data)]
    if isinstance(exception, ForbiddenExtraKeysError):
        accepted = sorted(a.alias for a in attrs.fields(exception.cl) if a.init)
        return [
            (
                InvalidValueError,
                f"{path}.{key}",
                _at(data, key),
                f"one of {exception.cl.__name__}'s keys: {', '.join(accepted)}",
                "unknown key",
            )
            for key in sorted(exception.extra_fields)
        ]
    if isinstance(exception, InvalidFieldsError):
        return [e for error in exception.errors for e in _errors(error, path, data)]
    if isinstance(exception, FieldError):
        where = f"{path}.{exception.field}" if exception.field else path
        return [
            (
                type(exception),
                where,
                exception.value,
                exception.expected,
                exception.hint,
            )
        ]
    if isinstance(exception, CurrencyMismatchError):
        met = " and ".join(exception.currencies)
        words = f"amounts in one currency, not {met}"
        return [(InvalidValueError, path, data, words, "convert them first")]
    if isinstance(exception, KeyError):
        return [
            (InvalidValueError, path, _MISSING, "a value for every required key", None)
        ]
    # Any other refusal (a library error about the value as a whole) and, for
    # the rest, plain data cattrs could not shape.
    library = isinstance(exception, AdvocacyError)
    kind = InvalidValueError if library else InvalidTypeError
    words = (
        str(exception) if library else f"plain data of the right shape ({exception})"
    )
    return [(kind, path, data, words, None)]


def _alias_of(cls: type, name: str) -> str:
    return str(attrs.fields_dict(_plain_class(cls))[name].alias)


def _at(data: Any, key: Any) -> Any:
    try:
        return data[key]
    except (KeyError, IndexError, TypeError):
        return None


# --- the public functions ----------------------------------------------------------


def _is_attrs_instance(value: object) -> Refusal | None:
    if attrs.has(type(value)):
        return None
    return Refusal("an advocacy value object", wrong_type=True)


_MAPPING: Final = instance_of(Mapping, "a mapping of field names to values")


def to_dict(value: Any) -> dict[str, Any]:
    """A JSON-ready dict of any `advocacy` value, policy or result.

    Enums become their values, dates and datetimes ISO 8601 strings,
    `Decimal` and `Fraction` exact strings, sets sorted lists, tuples lists;
    nested values become nested dicts, keyed by their constructor's argument
    names. [`from_dict`][advocacy.from_dict] turns the dict back into an
    equal value, and so does it after a `json.dumps` / `json.loads` trip.

    Args:
        value: Any attrs value of this library (a `ScoringModel`, a
            `TierPolicy`, an `Account`, a `BatchAssignment`, ...).

    Returns:
        A dict of str, int, float, bool, None, lists and dicts only.

    Raises:
        InvalidTypeError: `value` is not an attrs value object.
    """
    require("to_dict", "value", value, _is_attrs_instance)
    result: dict[str, Any] = _CONVERTER.unstructure(value)
    return result


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """Build a `cls` from the plain dict [`to_dict`][advocacy.to_dict] made.

    Values are validated exactly as if passed to the constructors. Every
    refused value, unknown key and missing key is reported at once, each at
    its full path: `Account.arr.amount`, `ScoringModel.criteria[2].points`.

    Args:
        cls: The class to build, e.g. `ScoringModel`; a generic one with
            what it holds, e.g. `LoadedRecords[Account]`.
        data: Its plain dict.

    Returns:
        The value, equal to the one `to_dict` was given.

    Raises:
        InvalidTypeError: `data` is not a mapping, one value is of the
            wrong kind, or `cls` is generic and its parameter is not given.
        InvalidValueError: One value is refused, or one key is unknown or
            missing.
        InvalidFieldsError: Several were; `error.errors` lists each.
    """
    if not isinstance(_plain_class(cls), type):
        raise InvalidTypeError("from_dict", "cls", cls, "a class of the library")
    owner = _plain_class(cls).__name__
    if getattr(cls, "__parameters__", ()):
        raise InvalidTypeError(
            "from_dict",
            "cls",
            cls,
            "a class with its type parameters given",
            hint=f"name what it holds, e.g. {owner}[Account]",
        )
    require(f"from_dict({owner})", "data", data, _MAPPING)
    try:
        result: T = _CONVERTER.structure(data, cls)
    except (ClassValidationError, IterableValidationError, AdvocacyError) as error:
        errors = tuple(
            kind(owner, path.lstrip("."), value, expected, hint)
            for kind, path, value, expected, hint in _errors(error, "", data)
        )
        if len(errors) == 1:
            raise errors[0] from None
        raise InvalidFieldsError(owner, errors) from None
    return result
