"""Print the fixture sites' table at the end of a test run that measured them."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    from . import measure

    if measure.LAST:
        terminalreporter.write_sep("=", "blogbib on the fixture sites (tests/sites, docs/sites.md)")
        terminalreporter.write_line(measure.table(measure.LAST))
        terminalreporter.write_line(measure.totals(measure.LAST))
