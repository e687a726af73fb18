"""Agreement with citeproc-js (tests/data/oracle) over every style, item set, mode and format.

Every remaining difference must be listed in known_differences.json with its
reason; the test fails on a new difference and on a listed one that went away.
"""

from __future__ import annotations

import pytest

from ..conftest import ORACLE, shared_path

from .oracle import FORMATS, KNOWN, MODES, load_known, ratchet, report, run


@pytest.fixture(scope="module")
def measured():
    shared_path(ORACLE / "apa" / "offconvex.bibliography.text.jsonl")
    return run()


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
    problems = ratchet(diffs, load_known(KNOWN))
    assert not problems, "\n".join(problems)
