"""The installed distribution: metadata, version, typing marker, public API."""

from __future__ import annotations

from importlib import metadata, resources

import advocacy


def test_version_comes_from_the_installed_metadata() -> None:
    assert advocacy.__version__ == metadata.version("advocacy")


def test_runtime_dependencies_are_attrs_and_pendulum_only() -> None:
    requires = metadata.requires("advocacy") or []
    runtime = sorted(
        r.split(">")[0].split("=")[0].strip() for r in requires if "extra ==" not in r
    )
    assert runtime == ["attrs", "pendulum"]


def test_python_requirement() -> None:
    assert metadata.metadata("advocacy")["Requires-Python"] == ">=3.11"


def test_ships_the_typing_marker() -> None:
    assert resources.files("advocacy").joinpath("py.typed").is_file()


def test_public_api_is_sorted_and_complete() -> None:
    assert advocacy.__all__ == sorted(advocacy.__all__)
    for name in advocacy.__all__:
        value = getattr(advocacy, name)
        if name != "__version__":
            assert value.__doc__, name
    public = {n for n in vars(advocacy) if not n.startswith("_")}
    assert public - set(advocacy.__all__) <= {"exceptions", "synthetic"}
