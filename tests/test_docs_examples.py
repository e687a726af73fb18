"""The ```python blocks of README.md and docs/*.md run, in order, per file.

A block whose fence says ```` ```python no-run ```` is shown, not run.  Blocks
run in a temporary folder where ``examples/`` points at the repository's.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```python([^\n]*)\n(.*?)^```\s*$", re.M | re.S)


def python_blocks(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m[2]) for m in FENCE.finditer(text)
            if "no-run" not in m[1].split()]


DOCS = [p for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))] if python_blocks(p)]


@pytest.mark.parametrize("path", DOCS, ids=[p.relative_to(ROOT).as_posix() for p in DOCS])
def test_python_blocks_run(path, tmp_path, monkeypatch, capsys):
    blocks = python_blocks(path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for line, code in blocks:
        try:
            exec(compile(code, f"{path.name}:{line}", "exec"), namespace)
        except Exception as exc:  # name the block that failed
            pytest.fail(f"{path.name}, block at line {line}: {type(exc).__name__}: {exc}")
    assert capsys.readouterr().out  # the blocks print what they promise


def test_the_documents_with_examples_are_run():
    assert {"README.md", "reading-lists.md", "round-trips.md"} <= {p.name for p in DOCS}
    assert len(python_blocks(ROOT / "docs" / "reading-lists.md")) >= 4
