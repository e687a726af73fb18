"""Golden files: each folder pins one case; outputs sit beside the input.

Set BLOGBIB_UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import blogbib
from blogbib.dates import parse_date

from ..conftest import DATA, shared_path

HERE = Path(__file__).parent
CASES = sorted(p for p in HERE.iterdir() if (p / "case.json").exists())
OUTPUTS = {"bibtex": "expected.bib", "biblatex": "expected.biblatex.bib", "csl-json": "expected.json",
           "ris": "expected.ris"}


def run_case(case: Path, fmt: str) -> str:
    spec = json.loads((case / "case.json").read_text())
    source = spec.pop("input")
    path = shared_path(DATA / source[len("@data/"):]) if source.startswith("@data/") else case / source
    if "accessed" in spec:
        spec["accessed"] = parse_date(spec["accessed"])
    return blogbib.export([path], fmt, **spec).text


@pytest.mark.parametrize("fmt", OUTPUTS)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden(case, fmt):
    expected_file = case / OUTPUTS[fmt]
    actual = run_case(case, fmt)
    if os.environ.get("BLOGBIB_UPDATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"no golden file {expected_file}; run with BLOGBIB_UPDATE_GOLDEN=1 and review"
    assert actual == expected_file.read_text(encoding="utf-8")
