"""Tables printed at the end of a run: the CSL test suite's pass counts and the wide oracle's agreement."""

from __future__ import annotations

import pytest

CSL_SUITE = pytest.StashKey[dict]()
WIDE_ORACLE = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def csl_suite_outcomes(request) -> dict:
    """Fixture name → outcome, filled by tests/render/test_csl_suite.py."""
    return request.config.stash.setdefault(CSL_SUITE, {})


@pytest.fixture(scope="session")
def wide_oracle_tables(request) -> dict:
    """Style → (its oracle table, known differences), filled by tests/render/test_wide_oracle.py."""
    return request.config.stash.setdefault(WIDE_ORACLE, {})


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    from .suite.summary import category_table, oracle_table

    outcomes = config.stash.get(CSL_SUITE, {})
    if outcomes:
        terminalreporter.write_sep("-", f"CSL test suite: {len(outcomes)} fixtures, pass counts by category")
        for line in category_table(outcomes.values()):
            terminalreporter.write_line(line)
    tables = config.stash.get(WIDE_ORACLE, {})
    if tables:
        terminalreporter.write_sep("-", f"wide oracle: agreement with citeproc-js over {len(tables)} styles")
        for line in oracle_table(tables):
            terminalreporter.write_line(line)
