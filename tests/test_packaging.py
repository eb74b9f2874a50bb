"""The installed distribution: metadata, version, typing marker, public API."""

from __future__ import annotations

from importlib import metadata, resources

import pytest

import advocacy


def test_version_comes_from_the_installed_metadata() -> None:
    assert advocacy.__version__ == metadata.version("advocacy")


def test_version_outside_an_installation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Imported from a source tree that is not installed, the version is unknown."""

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert advocacy.__version__ == "0+unknown"


def test_unknown_attributes_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        advocacy.nothing_here  # noqa: B018  # the attribute access is the test


def test_runtime_dependencies_are_attrs_cattrs_and_pendulum_only() -> None:
    requires = metadata.requires("advocacy") or []
    runtime = sorted(
        r.split(">")[0].split("=")[0].strip() for r in requires if "extra ==" not in r
    )
    assert runtime == ["attrs", "cattrs", "pendulum"]


def test_python_requirement() -> None:
    assert metadata.metadata("advocacy")["Requires-Python"] == ">=3.11"


def test_ships_the_typing_marker() -> None:
    assert resources.files("advocacy").joinpath("py.typed").is_file()
