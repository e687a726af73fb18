"""The fixture sites (tests/data/sites, built by the real generators) read by blogbib, scored against truth.json.

A two-way ratchet, like the oracle tests: tests/sites/scores.json holds, per site and input kind, how
many posts were expected and found and which posts had a wrong title, date, authors or URL.  A change
for the worse fails; so does one for the better, until the file is rewritten with
``BLOGBIB_UPDATE_GOLDEN=1 pytest tests/sites``.  The table is printed at the end of the run and is the
one in docs/sites.md.
"""

from __future__ import annotations

import json
import os

import pytest

from . import measure

SITES = measure.sites()
UPDATE = os.environ.get("BLOGBIB_UPDATE_GOLDEN") == "1"
DOC = measure.ROOT / "docs" / "sites.md"
START, END = "<!-- sites-table: start (written by BLOGBIB_UPDATE_GOLDEN=1 pytest tests/sites) -->", "<!-- sites-table: end -->"


def doc_table(result) -> str:
    return f"{START}\n{measure.table(result, markdown=True)}\n\n{measure.totals(result)}\n{END}"


@pytest.fixture(scope="module")
def measured():
    result = measure.measure(SITES)
    measure.LAST.clear()
    measure.LAST.update(result)  # for the terminal summary (conftest.py)
    if UPDATE:
        recorded = {site: {kind: s.record() for kind, s in kinds.items()} for site, kinds in result.items()}
        measure.SCORES.write_text(json.dumps(recorded, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                  encoding="utf-8")
        text = DOC.read_text(encoding="utf-8")
        head, rest = text.split(START, 1)
        DOC.write_text(head + doc_table(result) + rest.split(END, 1)[1], encoding="utf-8")
    return result


def test_every_site_is_there():
    assert len(SITES) >= 9, SITES
    for site in SITES:
        t = measure.truth(site)
        assert len(t["posts"]) >= 50 and t["inputs"]["index_pages"] and t["inputs"]["feed"], site
        for rel in t["inputs"]["index_pages"] + t["inputs"]["post_pages"] + [t["inputs"]["feed"]]:
            assert (measure.SITES_DIR / site / "site" / rel).is_file(), (site, rel)


@pytest.mark.parametrize("site", SITES)
def test_scores_are_recorded(measured, site):
    """Each site's scores equal the recorded ones: no regression, and no silent improvement."""
    recorded = json.loads(measure.SCORES.read_text(encoding="utf-8"))
    assert site in recorded, f"{site} has no recorded scores: run with BLOGBIB_UPDATE_GOLDEN=1"
    worse, better = [], []
    for kind in measure.KINDS:
        now, was = measured[site][kind].record(), recorded[site][kind]
        assert now["expected"] == was["expected"], f"{site} {kind}: the input changed ({was['expected']} → {now['expected']} posts)"
        lost, won = set(now["missing"]) - set(was["missing"]), set(was["missing"]) - set(now["missing"])
        if lost:
            worse.append(f"{kind}: no longer found {sorted(lost)}")
        if won:
            better.append(f"{kind}: now found {sorted(won)}")
        if now["extra"] != was["extra"]:
            (worse if now["extra"] > was["extra"] else better).append(
                f"{kind}: {now['extra']} entries that are no post (was {was['extra']})")
        for f in measure.FIELDS:
            broke = set(now[f]) - set(was[f]) - set(now["missing"])
            fixed = set(was[f]) - set(now[f]) - set(now["missing"])
            if broke:
                worse.append(f"{kind} {f} now wrong: {sorted(broke)}")
            if fixed:
                better.append(f"{kind} {f} now right: {sorted(fixed)}")
    assert not worse, f"{site} got worse:\n" + "\n".join(worse) + "\n(see python -m tests.sites.measure --wrong)"
    assert not better, (f"{site} got better (update tests/sites/scores.json with BLOGBIB_UPDATE_GOLDEN=1 "
                        "and the table in docs/sites.md):\n" + "\n".join(better))


def test_the_table_in_the_docs_is_the_measured_one(measured):
    text = DOC.read_text(encoding="utf-8")
    assert doc_table(measured) in text, "docs/sites.md's table is out of date: run BLOGBIB_UPDATE_GOLDEN=1 pytest tests/sites"


def test_the_scoring_can_fail():
    """The comparison sees each kind of mistake (a wrong field, a missing post, an extra entry)."""
    from blogbib import Date, Name, Reference

    post = {"title": "Tail Recursion Elimination", "date": "2009-04-22", "url": "http://x.example.org/a/",
            "authors": [{"name": "Guido van Rossum", "given": "Guido", "particle": "van", "family": "Rossum"}]}
    other = {**post, "title": "Other", "url": "http://x.example.org/b/"}
    right = Reference(id="a", title="Tail Recursion  Elimination", issued=Date(2009, 4, 22),
                      url="http://x.example.org/a/index.html",
                      author=(Name(family="Rossum", given="Guido", non_dropping_particle="van"),))
    s = measure.score([right], [post, other], [post, other], "http://x.example.org/")
    assert s.found == 1 and s.missing == ["b"] and not s.wrong and not s.extra
    wrong = Reference(id="a", title="Tail Recursion Elimination", issued=Date(2009, 4, 21),
                      url="http://x.example.org/a/", author=(Name(literal="Guido van Rossum"),))
    s = measure.score([wrong, Reference(id="z", title="Archive", url="http://x.example.org/tags/")],
                      [post], [post], "http://x.example.org/")
    assert set(s.wrong) == {"date", "authors"} and len(s.extra) == 1
    assert s.record()["date"] == ["a"] and s.record()["found"] == 1
