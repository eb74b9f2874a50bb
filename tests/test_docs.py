"""Every Python snippet in the docs runs and prints what the page shows.

Each page's ```python blocks run in order in one namespace; a ```text block
right after a python block must equal what that block printed.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "```python" in p.read_text("utf-8"))
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def test_pages_with_code_are_found() -> None:
    assert len(PAGES) >= 8


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_snippets(page: Path) -> None:
    namespace: dict[str, object] = {}
    printed: str | None = None
    for language, body in BLOCK.findall(page.read_text("utf-8")):
        if language == "python":
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(body, str(page), "exec"), namespace)  # noqa: S102
            printed = out.getvalue()
        elif language == "text" and printed is not None:
            assert printed.strip() == body.strip()
            printed = None
