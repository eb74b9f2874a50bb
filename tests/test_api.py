"""The public API: grouped by section, documented, one reference page a group."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import attrs

import advocacy

ROOT = Path(__file__).parent.parent
INIT = ROOT / "src" / "advocacy" / "__init__.py"
GROUP = re.compile(
    r"^    # (?P<title>.+), documented in (?P<page>docs/reference/\S+\.md)$"
)
NAME = re.compile(r'^    "(?P<name>\w+)",$')


def groups() -> dict[str, list[str]]:
    """Reference page to the names its `__all__` group holds, in order."""
    found: dict[str, list[str]] = {}
    page = None
    inside = False
    for line in INIT.read_text().splitlines():
        if line.startswith("__all__ = ["):
            inside = True
        elif inside and line.startswith("]"):
            break
        elif inside and (match := GROUP.match(line)):
            page = match["page"]
            found[page] = []
        elif inside and page and (match := NAME.match(line)):
            found[page].append(match["name"])
    return found


def test_every_public_name_is_in_exactly_one_group() -> None:
    grouped = [name for names in groups().values() for name in names]
    assert len(grouped) == len(set(grouped))
    assert {*grouped, "__version__"} == set(advocacy.__all__)
    assert len(advocacy.__all__) == len(set(advocacy.__all__))


def test_each_group_is_its_reference_page() -> None:
    assert len(groups()) == 9
    for page, names in groups().items():
        text = (ROOT / page).read_text()
        documented = set(re.findall(r"^::: advocacy\.(\w+)$", text, re.M))
        assert documented - {"exceptions"} == set(names), page


def test_every_public_name_has_a_docstring() -> None:
    for name in advocacy.__all__:
        if name != "__version__":
            assert getattr(advocacy, name).__doc__, name


def test_nothing_public_is_left_out() -> None:
    public = {n for n in vars(advocacy) if not n.startswith("_")}
    assert public - set(advocacy.__all__) <= {
        "annotations",
        "exceptions",
        "frames",
        "synthetic",
    }


def explains_alone(cls: type) -> bool:
    """Whether `cls` has an `explain()` that takes nothing but the value."""
    explain = getattr(cls, "explain", None)
    return callable(explain) and len(inspect.signature(explain).parameters) == 1


def dumps_fields(cls: type) -> bool:
    """Whether `cls`'s `repr` is attrs' generated one (or `object`'s)."""
    code = getattr(cls.__repr__, "__code__", None)
    return code is None or code.co_filename.startswith("<attrs generated")


def test_every_explained_result_reprs_as_its_headline() -> None:
    """An attrs result with `explain()` has a written `repr`, not a field dump."""
    dumping = {
        name
        for name in advocacy.__all__
        if isinstance(cls := getattr(advocacy, name), type)
        and attrs.has(cls)
        and explains_alone(cls)
        and dumps_fields(cls)
    }
    assert not dumping, f"attrs' field dump as repr: {sorted(dumping)}"
