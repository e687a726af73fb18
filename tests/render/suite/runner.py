"""Run a CSL test-suite fixture through the engine interface, as citeproc-js's test runner does.

What each section means for the calls (citeproc-js's runner, Juris-M/citeproc-test-runner):

* Without CITATIONS, every INPUT item is registered, in INPUT order (``updateItems``), so the
  bibliography holds them all and citation numbers follow that order.
* CITATION-ITEMS: each list is one citation (``makeCitationCluster``), outside any note.
* CITATIONS: a series of ``processCitationCluster(citation, pre, post)`` calls, each ``pre + [citation]
  + post`` being the whole document at that moment (a repeated ``citationID`` replaces the earlier
  citation, one left out of ``pre``/``post`` is deleted).  Only cited items are registered.  The
  RESULT lists the final document's citations as ``..[i] text`` or ``>>[i] text`` (``>>`` marks
  those the last call updated); the markers are not compared (pandoc's citeproc runner does the
  same), the text, count and order of the citations are.
* Neither, in citation mode: one citation of every item, in INPUT order.
* In bibliography mode the citations are not passed on: ``bibliography()`` takes the registered items.
* Citations are joined with newlines.  A bibliography is citeproc-js's
  ``<div class="csl-bib-body">`` holding one ``<div class="csl-entry">`` per entry; whitespace
  that holds a line break next to a ``div`` tag is layout, so it is not compared (citeproc-js puts
  blank lines around ``csl-block`` divs).  Everything else is compared exactly, in citeproc-js's
  HTML (``&#38;``, ``<i>``, ``<b>``, ``<span style="font-variant:small-caps;">`` ...).

Submodes (``citation-rtf``, ``bibliography-header`` ...) and sections the interface cannot express
(BIBSECTION, ABBREVIATIONS, OPTIONS ...) are failures with that reason (:class:`Unsupported`).
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Mapping

from .fixtures import Fixture, FixtureError


class Unsupported(Exception):
    """A fixture the engine (or this runner) cannot express; the message is the reason."""


@dataclass(frozen=True)
class Outcome:
    name: str
    category: str
    passed: bool
    expected: str
    got: str | None = None
    error: str | None = None      # the reason when nothing could be compared


# sections of citeproc-js's runner that the engine interface has no way to pass
UNEXPRESSED = ("BIBSECTION", "BIBENTRIES", "ABBREVIATIONS", "OPTIONS", "LANGPARAMS", "MULTIAFFIX", "INPUT2")
MARKER = re.compile(r"^(?:>>|\.\.)\[\d+\] ", re.M)
_DIV = r"(?:<div\b[^>]*>|</div>)"
_LAYOUT_SPACE = (re.compile(rf"({_DIV})[ \t]*\n\s*"), re.compile(rf"[ \t]*\n\s*({_DIV})"))


def layout_blind(html: str) -> str:
    """``html`` without the line breaks and indentation beside ``div`` tags."""
    for pattern in _LAYOUT_SPACE:
        html = pattern.sub(r"\1", html)
    return html


def bib_body(entries: list[str]) -> str:
    """The entries inside citeproc-js's bibliography wrapper."""
    return '<div class="csl-bib-body">\n' + "".join(f"  {entry.strip()}\n" for entry in entries) + "</div>"


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def cite_item(api, data: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]):
    """One cite; its id is the cited item's own (citeproc-js matches ids as text: 1 cites "1")."""
    if str(data["id"]) not in by_id:
        raise FixtureError(f"a citation cites {data['id']!r}, which is not in INPUT")
    return api.CiteItem(
        by_id[str(data["id"])]["id"], locator=_text(data.get("locator")), label=data.get("label"),
        prefix=data.get("prefix"), suffix=data.get("suffix"), suppress_author=bool(data.get("suppress-author")),
        author_only=bool(data.get("author-only")))


def document(calls) -> list[tuple[str, Mapping[str, Any], int | None]]:
    """The final document of a CITATIONS section: (citationID, citation, note number) in order."""
    defined: dict[str, Mapping[str, Any]] = {}
    order: list[tuple[str, Any]] = []
    for call in calls:
        new, pre, post = call
        cid = new["citationID"]
        defined[cid] = new
        order = [(p[0], p[1]) for p in pre] + [(cid, (new.get("properties") or {}).get("noteIndex"))]
        order += [(p[0], p[1]) for p in post]
    missing = [cid for cid, _ in order if cid not in defined]
    if missing:
        raise FixtureError(f"CITATIONS refers to undefined citations {missing}")
    return [(cid, defined[cid], note or None) for cid, note in order]  # note 0: not in a footnote


@dataclass(frozen=True)
class Plan:
    """The engine calls for one fixture."""
    mode: str
    items: list[Mapping[str, Any]]
    citations: list          # of api.Citation
    markers: bool            # the RESULT carries ``..[i]`` markers


def plan(fixture: Fixture, api) -> Plan:
    mode = fixture.mode
    if mode not in ("citation", "bibliography"):
        raise Unsupported(f"runner: mode {mode!r} is not expressible")
    present = [s for s in UNEXPRESSED if s in fixture.sections]
    if present:
        raise Unsupported(f"runner: the {present[0]} section is not expressible")
    # an item without an id (four fixtures) is registered by citeproc-js's runner all the same
    items = [item if "id" in item else {**item, "id": f"item-{i + 1}"} for i, item in enumerate(fixture.input)]
    by_id = {str(item["id"]): item for item in items}
    if fixture.citations is not None:
        doc = document(fixture.citations)
        citations = [api.Citation(tuple(cite_item(api, c, by_id) for c in cit["citationItems"]), note_index=note)
                     for _, cit, note in doc]
        items = [by_id[i] for i in dict.fromkeys(str(c["id"]) for _, cit, _ in doc for c in cit["citationItems"])]
        return Plan(mode, items, citations, markers=True)
    if fixture.citation_items is not None:
        citations = [api.Citation(tuple(cite_item(api, c, by_id) for c in cit)) for cit in fixture.citation_items]
    elif mode == "citation":
        citations = [api.Citation(tuple(api.CiteItem(item["id"]) for item in items))]
    else:
        citations = []
    return Plan(mode, items, citations, markers=False)


def render(fixture: Fixture, api) -> tuple[str, str]:
    """(expected, got) in the form they are compared."""
    p = plan(fixture, api)
    processor = api.Processor(fixture.csl)
    if p.mode == "citation":
        expected = MARKER.sub("", fixture.result) if p.markers else fixture.result
        return expected, "\n".join(processor.citations(p.items, p.citations, format="html"))
    entries = processor.bibliography(p.items, format="html")
    return layout_blind(fixture.result), layout_blind(bib_body([entry for _, entry in entries]))


def run(fixture: Fixture, api) -> Outcome:
    try:
        expected, got = render(fixture, api)
    except Unsupported as exc:
        return Outcome(fixture.name, fixture.category, False, fixture.result, error=str(exc))
    except FixtureError:
        raise
    except Exception as exc:  # an engine that raises fails the fixture, with the error as its reason
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Outcome(fixture.name, fixture.category, False, fixture.result,
                       error=f"engine: raises {type(exc).__name__}: {str(exc)[:120]} "
                             f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})")
    return Outcome(fixture.name, fixture.category, expected == got, expected, got)


def api_of(module) -> SimpleNamespace:
    """The engine interface (Processor, Citation, CiteItem) of a module."""
    return SimpleNamespace(Processor=module.Processor, Citation=module.Citation, CiteItem=module.CiteItem)
