"""The layering: imports run one way, as CONTRIBUTING.md's layer table says.

The table between the `layers` markers of CONTRIBUTING.md declares which
layers each layer may import directly (and so, transitively, what those may
import). Every `import` of the package's own modules anywhere in a module,
`TYPE_CHECKING` blocks and function bodies included, must follow it, and the
module graph must have no cycle. And the tests mirror the package: each
source module has its test module under the same folders.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "src" / "advocacy"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def declared_layers(text: str) -> dict[str, set[str]]:
    """Layer to the layers it may import, transitively, from the table."""
    after = text.split("<!-- layers:start -->", maxsplit=1)[1]
    block = after.split("<!-- layers:end -->", maxsplit=1)[0]
    direct: dict[str, set[str]] = {}
    for row in block.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) != 2 or not cells[0].startswith("`"):
            continue
        direct[cells[0].strip("`")] = set(re.findall(r"`([\w.]+)`", cells[1]))
    allowed: dict[str, set[str]] = {}

    def reach(layer: str) -> set[str]:
        if layer not in allowed:
            found: set[str] = set()
            for below in direct[layer]:
                found |= {below, *reach(below)}
            allowed[layer] = found
        return allowed[layer]

    for layer in direct:
        reach(layer)
    return allowed


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    """`advocacy._matching.batch` -> `_matching`; the package itself -> `advocacy`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "advocacy"


def imports_of(source: str) -> set[str]:
    """Every module of the package `source` imports, wherever the import is."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {n for n in names if n == "advocacy" or n.startswith("advocacy.")}
    return found


def the_graph() -> dict[str, set[str]]:
    return {
        module_name(path): imports_of(path.read_text())
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def forbidden(
    graph: Mapping[str, Iterable[str]], allowed: Mapping[str, set[str]]
) -> list[str]:
    """One message per import the layer table does not allow."""
    found = []
    for module, targets in sorted(graph.items()):
        mine = layer_of(module)
        for target in sorted(targets):
            theirs = layer_of(target)
            if theirs != mine and theirs not in allowed[mine]:
                found.append(
                    f"{module} imports {target}: layer {mine} may not import "
                    f"{theirs} (CONTRIBUTING.md, Layers: {mine} may import "
                    f"{', '.join(sorted(allowed[mine])) or 'nothing'})"
                )
    return found


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Import cycles among the modules, each as the path that closes it."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return found


ALLOWED = declared_layers(CONTRIBUTING.read_text())


def test_every_layer_of_the_package_is_declared() -> None:
    assert {layer_of(m) for m in the_graph()} == set(ALLOWED)


def test_imports_follow_the_layer_table() -> None:
    assert forbidden(the_graph(), ALLOWED) == []


def test_the_module_graph_has_no_cycle() -> None:
    assert cycles(the_graph()) == []


def test_exceptions_import_nothing_of_the_package() -> None:
    assert the_graph()["advocacy.exceptions"] == set()


class TestTheChecksCanFail:
    """The checks above catch what they are for."""

    def test_a_forbidden_import_is_named_with_its_edge(self) -> None:
        graph = the_graph()
        graph["advocacy._scoring.model"] = {
            *graph["advocacy._scoring.model"],
            "advocacy._matching.policy",
        }
        (message,) = forbidden(graph, ALLOWED)
        assert message.startswith(
            "advocacy._scoring.model imports advocacy._matching.policy: "
            "layer _scoring may not import _matching"
        )

    def test_an_import_under_type_checking_counts(self) -> None:
        source = (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n"
            "    from advocacy._program.health import program_health\n"
        )
        graph = {"advocacy._internal.text": imports_of(source)}
        (message,) = forbidden(graph, ALLOWED)
        assert "layer _internal may not import _program" in message

    def test_a_cycle_is_found(self) -> None:
        graph = {"advocacy._x.a": {"advocacy._x.b"}, "advocacy._x.b": {"advocacy._x.a"}}
        assert cycles(graph) == [["advocacy._x.a", "advocacy._x.b", "advocacy._x.a"]]

    @pytest.mark.parametrize(
        ("layer", "reaches"),
        [
            ("_internal", {"exceptions"}),
            ("_gaps", {"_matching", "_scoring", "_model", "_internal", "exceptions"}),
            ("exceptions", set()),
        ],
    )
    def test_the_table_is_read_transitively(
        self, layer: str, reaches: set[str]
    ) -> None:
        assert ALLOWED[layer] == reaches


def mirrored_test_module(source: Path) -> Path:
    """`src/advocacy/_x/y.py` -> `tests/x/test_y.py` (`exceptions.py` at the top)."""
    relative = source.relative_to(PACKAGE)
    folders = [part.removeprefix("_") for part in relative.parts[:-1]]
    return ROOT.joinpath("tests", *folders, f"test_{source.stem.removeprefix('_')}.py")


def test_every_source_module_has_its_mirrored_test_module() -> None:
    sources = sorted(
        path for path in PACKAGE.rglob("*.py") if path.name != "__init__.py"
    )
    assert mirrored_test_module(PACKAGE / "_model" / "money.py") == (
        ROOT / "tests" / "model" / "test_money.py"
    )
    missing = [
        str(mirrored_test_module(path).relative_to(ROOT))
        for path in sources
        if not mirrored_test_module(path).exists()
    ]
    assert missing == []
