"""Agreement with citeproc-js on the wide oracle (tests/data/oracle-wide): 120 styles, each in the locale
it ran in, three item sets, bibliography and citations, text and HTML.

Whitespace is normalised and HTML entries are compared without their outer csl-entry div (the
oracle's README).  Every difference must be listed, with its reason, in
``wide_oracle_known_differences.json``; the same two-way ratchet as the seven-style oracle
(:func:`oracle.ratchet`): a new difference fails, and so does a listed one that went away or changed.
``BLOGBIB_UPDATE_GOLDEN=1`` rewrites the list from a full run, keeping the reasons of unchanged
entries and generating the others (suite/reasons.py): review the diff.  The per-style table is
printed at the end of the run (conftest.py).
"""

from __future__ import annotations

import functools
import json
import os

import pytest

from ..conftest import ORACLE_WIDE, shared_path
from . import oracle
from .suite import reasons

pytestmark = pytest.mark.deep  # a long suite: `pytest -m deep` runs it (README, .ci/run)

STYLES = oracle.wide().styles


@functools.cache
def measured(style: str) -> tuple[dict, list[dict]]:
    return oracle.run_style(style, oracle.wide())


@functools.cache
def known() -> list[dict]:
    return oracle.load_known(oracle.WIDE_KNOWN)


@pytest.mark.parametrize("style", STYLES)
def test_style_agrees_or_the_difference_is_known(style, wide_oracle_tables):
    table, diffs = measured(style)
    listed = [d for d in known() if d["style"] == style]
    wide_oracle_tables[style] = (table, len(listed))
    assert sum(n for n, _ in table.values()) > 0
    problems = oracle.ratchet(diffs, listed)
    assert not problems, f"{style}: " + "\n".join(problems)


def test_the_oracle_and_the_list_cover_the_same_styles():
    if os.environ.get("BLOGBIB_UPDATE_GOLDEN"):
        _rewrite()
    shared_path(ORACLE_WIDE / "styles.json")
    assert len(STYLES) == 120
    strays = {d["style"] for d in known()} - set(STYLES)
    assert not strays, f"known differences of styles the oracle does not hold: {sorted(strays)}"
    keys = [oracle.key(d) for d in known()]
    assert len(keys) == len(set(keys)), "a difference is listed twice"


def test_the_ratchet_catches_new_gone_changed_and_unexplained_differences():
    diff = {"id": "a", "style": "s", "items": "edge", "mode": "citations", "format": "text", "ours": "x",
            "theirs": "y"}
    listed = {**diff, "reason": "engine: why"}
    assert oracle.ratchet([diff], [listed]) == []
    assert "new differences" in oracle.ratchet([diff], [])[0]
    assert "went away" in oracle.ratchet([], [listed])[0]
    assert "changed" in oracle.ratchet([{**diff, "ours": "z"}], [listed])[0]
    assert "without a reason" in oracle.ratchet([diff], [{**diff, "reason": ""}])[0]


def _rewrite() -> None:
    from blogbib.render.styles import resolve_style

    old = {(oracle.key(d), d["ours"]): d["reason"] for d in known()}
    items = {s: {str(i["id"]): i for i in oracle._items(ORACLE_WIDE, s)} for s in oracle.wide().item_sets}
    lines = []
    for style in STYLES:
        csl = open(resolve_style(style).path, encoding="utf-8").read()
        for diff in sorted(measured(style)[1], key=oracle.key):
            reason = old.get((oracle.key(diff), diff["ours"])) or reasons.oracle_reason(
                diff, csl, reasons.lost_variables(items[diff["items"]][diff["id"]]))
            lines.append(json.dumps({**diff, "reason": reason}, ensure_ascii=False))
    oracle.WIDE_KNOWN.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    known.cache_clear()
