"""Agreement with citeproc-js (tests/data/oracle) over every style, item set, mode and format.

Every remaining difference must be listed in known_differences.json with its
reason; the test fails on a new difference and on a listed one that went away.
"""

from __future__ import annotations

import json

import pytest

from ..conftest import ORACLE, shared_path

from .oracle import FORMATS, KNOWN, MODES, report, run


@pytest.fixture(scope="module")
def measured():
    shared_path(ORACLE / "apa" / "offconvex.bibliography.text.jsonl")
    return run()


def _key(d: dict) -> tuple:
    return (d["style"], d["items"], d["mode"], d["format"], d["id"])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_agreement_at_least_98_percent(measured, mode, fmt):
    table, _ = measured
    print("\n" + report(table))
    total = sum(v[0] for k, v in table.items() if k[1:] == (mode, fmt))
    bad = sum(v[1] for k, v in table.items() if k[1:] == (mode, fmt))
    assert total >= 7 * 54  # every style, both item sets
    assert (total - bad) / total >= 0.98, f"{mode}/{fmt}: {total - bad}/{total}"
    for (style, m, f), (n, b) in table.items():
        if (m, f) == (mode, fmt):
            assert (n - b) / n >= 0.95, f"{style} {mode} {fmt}: {n - b}/{n}"


def test_every_difference_is_known_and_every_known_one_is_real(measured):
    _, diffs = measured
    known = json.loads(KNOWN.read_text(encoding="utf-8"))
    assert all(d.get("reason") for d in known), "every known difference needs a reason"
    found = {_key(d): d for d in diffs}
    listed = {_key(d): d for d in known}
    new = [found[k] for k in found.keys() - listed.keys()]
    gone = [listed[k] for k in listed.keys() - found.keys()]
    assert not new, "new differences from citeproc-js:\n" + json.dumps(new, ensure_ascii=False, indent=1)
    assert not gone, "listed differences that went away (update known_differences.json):\n" + json.dumps(
        gone, ensure_ascii=False, indent=1)
    changed = [(found[k]["ours"], listed[k]["ours"]) for k in found if found[k]["ours"] != listed[k]["ours"]]
    assert not changed, f"a known difference changed: {changed}"
