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


# ------------------------------------------------------------------ the reader and the runner themselves

FIXTURE = """>>===== MODE =====>>
citation
<<===== MODE =====<<
text between sections is ignored
>>== RESULT ==>>
..[0] (Doe 2000)
>>[1] (Roe 2001)
<<== RESULT ==<<
>>===== CSL =====>>
<style/>
<<===== CSL =====<<
>>===== INPUT =====>>
[{"id": "A", "type": "book"}, {"id": 2, "type": "book"}, {"type": "book"}]
<<===== INPUT =====<<
>>===== CITATIONS =====>>
[[{"citationID": "C1", "citationItems": [{"id": "A"}], "properties": {"noteIndex": 1}}, [], []],
 [{"citationID": "C2", "citationItems": [{"id": "2", "locator": 12}], "properties": {"noteIndex": 1}},
  [], [["C1", 2]]]]
<<===== CITATIONS =====<<
"""


def test_a_fixture_is_read_section_by_section():
    fixture = fixtures.parse_fixture("\ufeff" + FIXTURE, "position_Example")
    assert fixture.category == "position" and fixture.mode == "citation"
    assert fixture.result == "..[0] (Doe 2000)\n>>[1] (Roe 2001)"
    assert [item.get("id") for item in fixture.input] == ["A", 2, None]
    assert fixture.citations[1][0]["citationID"] == "C2"


@pytest.mark.parametrize("broken, message", [
    (FIXTURE.replace("<<===== CSL =====<<\n", ""), "opens inside CSL"),
    (FIXTURE.replace("<<===== CITATIONS =====<<\n", ""), "CITATIONS is never closed"),
    (FIXTURE.replace('"type": "book"}]', '"type": "book"]'), "INPUT: invalid JSON"),
    (FIXTURE.replace("MODE", "MOOD"), "no MODE section"),
])
def test_a_broken_fixture_is_an_error_naming_the_file_and_line(broken, message):
    with pytest.raises(fixtures.FixtureError, match=message) as caught:
        fixtures.parse_fixture(broken, "x", "some/x.txt")
    assert str(caught.value).startswith("some/x.txt")


def test_citations_are_the_final_document_in_order_with_note_numbers():
    """The second call puts C2 before C1 and moves C1 to note 2; ids match as text; an item without an
    id gets one; only cited items are registered; the ``..[i]``/``>>[i]`` markers are not compared."""
    fixture = fixtures.parse_fixture(FIXTURE, "position_Example")
    plan = runner.plan(fixture, API)
    assert [(c.items[0].id, c.items[0].locator, c.note_index) for c in plan.citations] == [(2, "12", 1), ("A", None, 2)]
    assert [item["id"] for item in plan.items] == [2, "A"] and plan.markers
    assert runner.MARKER.sub("", fixture.result) == "(Doe 2000)\n(Roe 2001)"
    alone = fixtures.parse_fixture(FIXTURE.replace("CITATIONS", "DESCRIPTION"), "x")
    assert [c.id for c in runner.plan(alone, API).citations[0].items] == ["A", 2, "item-3"]


def test_a_bibliography_is_compared_without_the_layout_around_its_divs():
    expected = ('<div class="csl-bib-body">\n  <div class="csl-entry">\n\n    <div class="csl-block">Doe</div>\n'
                '    <div class="csl-left-margin">1. </div><div class="csl-right-inline"> <i>A</i> &#38; B</div>\n'
                '  </div>\n</div>')
    ours = runner.bib_body(['<div class="csl-entry"><div class="csl-block">Doe</div><div class="csl-left-margin">1. '
                            '</div><div class="csl-right-inline"> <i>A</i> &#38; B</div></div>'])
    assert runner.layout_blind(expected) == runner.layout_blind(ours)
    assert runner.layout_blind(expected) != runner.layout_blind(ours.replace("> <i>", "><i>"))


def test_a_mode_the_interface_cannot_express_fails_with_that_reason():
    fixture = fixtures.parse_fixture(FIXTURE.replace("citation\n", "bibliography-header\n", 1), "x")
    result = runner.run(fixture, API)
    assert not result.passed and result.error == "runner: mode 'bibliography-header' is not expressible"
