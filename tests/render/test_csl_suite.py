"""The CSL processor test suite (tests/data/csl-test-suite: 845 fixtures) against blogbib's engine.

One test per fixture.  ``csl_suite_expected_failures.json`` lists the fixtures the engine fails, each
with its reason: a failing fixture that is not listed fails the run, and so does a listed one that
passes (remove it from the list).  ``BLOGBIB_UPDATE_GOLDEN=1`` rewrites the list from a full run,
keeping the reasons of fixtures that still fail and generating the others (tests/render/suite/reasons.py):
review the diff.  The pass count by category is printed at the end of the run (see conftest.py).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import pytest

from .suite import engine, fixtures, reasons, runner

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "csl_suite_expected_failures.json"
NAMES = fixtures.names()
API = runner.api_of(engine)


@functools.cache
def outcome(name: str) -> runner.Outcome:
    return runner.run(fixtures.load(fixtures.SUITE / f"{name}.txt"), API)


@functools.cache
def expected_failures() -> dict[str, str]:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def _diff(result: runner.Outcome) -> str:
    if result.error:
        return result.error
    return f"expected:\n{result.expected}\ngot:\n{result.got}"


@pytest.mark.parametrize("name", NAMES)
def test_fixture(name, csl_suite_outcomes):
    result = outcome(name)
    csl_suite_outcomes[name] = result
    listed = expected_failures().get(name)
    if listed and result.passed:
        pytest.fail(f"{name} passes now: remove it from {EXPECTED.name}")
    if not listed and not result.passed:
        pytest.fail(f"{name} fails and is not in {EXPECTED.name}:\n{_diff(result)}")


def test_the_expected_failures_are_fixtures_with_reasons():
    if os.environ.get("BLOGBIB_UPDATE_GOLDEN"):
        _rewrite()
    listed = expected_failures()
    assert len(NAMES) == 845, "tests/data/csl-test-suite is incomplete"
    assert not set(listed) - set(NAMES), f"not fixtures: {sorted(set(listed) - set(NAMES))}"
    assert all(isinstance(r, str) and r.strip() for r in listed.values()), "every listed fixture needs a reason"
    assert list(listed) == sorted(listed), f"keep {EXPECTED.name} sorted (BLOGBIB_UPDATE_GOLDEN=1 does)"


def _rewrite() -> None:
    old = json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.exists() else {}
    lost = getattr(engine, "lost_variables", None)
    new = {}
    for name in NAMES:
        result = outcome(name)
        if not result.passed:
            fixture = fixtures.load(fixtures.SUITE / f"{name}.txt")
            new[name] = old.get(name) or reasons.reason(fixture, result, lost)
    EXPECTED.write_text(json.dumps(new, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected_failures.cache_clear()
