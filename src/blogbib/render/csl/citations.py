"""Citations: clusters of cites, their positions, order, affixes and author handling.

A :class:`Citation` holds :class:`CiteItem` s.  Across a document's citations, in order, each
cite gets its position (``first``, ``subsequent``, ``ibid``, ``ibid-with-locator``; and whether it
is ``near-note``); the citation's ``cs:sort`` orders its cites; each cite renders the citation
layout, with suppress-author dropping (author-only keeping) its first names, and its prefix
and suffix around it; the layout's delimiter joins the cites and its affixes wrap them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...errors import BlogbibError
from .collapsing import CiteOutput, CollapseOptions, join_cites
from .output import NAMES, TERM, Node, Output, find_tag, replace_tag
from .rich_text import rich_text
from .text_case import change_case
from .punctuation import finish
from .sorting import sort_items
from .state import CITATION, FIRST_CITE, SORT, CiteData

if TYPE_CHECKING:
    from .engine import Session
    from .formatters import Renderer
    from .items import Item

__all__ = ["CiteItem", "Citation", "render_citations", "positions"]


@dataclass(frozen=True)
class CiteItem:
    """One cite of an item in a citation."""

    id: str
    locator: str | None = None
    label: str | None = None  # the locator's term: page (the default), chapter, section, …
    prefix: str | None = None
    suffix: str | None = None
    suppress_author: bool = False
    author_only: bool = False


@dataclass(frozen=True)
class Citation:
    """A citation: one or more cites, and the note it is in (note styles)."""

    items: tuple[CiteItem, ...]
    note_index: int | None = None


def positions(citations: list[list[tuple[CiteItem, "Item"]]], notes: list[int],
              near_note_distance: int) -> list[list[CiteData]]:
    """Each cite's position, in document order (CSL 1.0.2 "position"), and the note of the
    item's first cite (``first-reference-note-number``).

    A cite is ibid when the cite before it is of the same item: the one before in its citation,
    or, for the first cite of a citation, the citation before when it is in the same note, else
    every cite of the note before (citeproc-js); ibid-with-locator when the locator or its label
    differs.
    """
    seen: dict[int, int] = {}  # item index → note of its last cite
    first_note: dict[int, int] = {}
    previous: tuple[int, str | None, str | None] | None = None  # (item index, locator, label) of the cite before
    by_note: dict[int, list[int]] = {}  # note → items cited in it
    previous_note: int | None = None
    previous_citation: list[int] = []
    out: list[list[CiteData]] = []
    for citation, note in zip(citations, notes):
        datas = []
        if previous_note is None or note == previous_note:
            before = previous_citation
        else:
            before = by_note.get(previous_note, [])
        for j, (cite, item) in enumerate(citation):
            position = "first"
            near = False
            label = cite.label or "page"
            if item.index in seen:
                position = "subsequent"
                near = note - seen[item.index] <= near_note_distance
                if j > 0:
                    same = previous is not None and previous[0] == item.index
                else:
                    same = bool(before) and all(index == item.index for index in before)
                if same and previous is not None:
                    if cite.locator is None and previous[1] is not None:
                        position = "subsequent"
                    elif cite.locator is not None and (cite.locator, label) != (previous[1], previous[2]):
                        position = "ibid-with-locator"
                    else:
                        position = "ibid"
            if position == "first" and cite.locator is None and cite.label is None:
                datas.append(FIRST_CITE)
            else:
                datas.append(CiteData(cite.locator, cite.label, position, near,
                                      first_note.get(item.index) if position != "first" else None))
            seen[item.index] = note
            first_note.setdefault(item.index, note)
            previous = (item.index, cite.locator, label)
        items = [item.index for _, item in citation]
        by_note.setdefault(note, []).extend(items)
        previous_citation = items
        previous_note = note
        out.append(datas)
    return out


def render_citations(session: "Session", citations: list[Citation], renderer: "Renderer") -> list[str]:
    """One string per citation, in order."""
    style = session.processor.style
    section = style.citation
    layout = section.layout
    by_id: dict[str, "Item"] = {}
    for item in session.items:
        by_id.setdefault(item.id, item)
    clusters = []
    for n, citation in enumerate(citations, 1):
        cluster = []
        for cite in citation.items:
            item = by_id.get(str(cite.id))
            if item is None:
                raise BlogbibError(f"citation {n}: no item with id {cite.id!r}")
            cluster.append((cite, item))
        clusters.append(cluster)
    notes = [c.note_index if c.note_index is not None else i + 1 for i, c in enumerate(citations)]
    distance = int(section.attrib.get("near-note-distance", 5))
    all_positions = positions(clusters, notes, distance)
    options = CollapseOptions.of(section, layout.delimiter)
    out = []
    for cluster, datas in zip(clusters, all_positions):
        pairs = list(zip(cluster, datas))
        if section.sort is not None and len(pairs) > 1:
            order = sort_items([item for (_, item), _ in pairs], section.sort,
                               lambda item, key: key.value(session.context(item, SORT, section, sort_key=key),
                                                           session.processor.sort_text))
            rank = {item.index: i for i, item in enumerate(order)}
            pairs.sort(key=lambda pair: rank[pair[0][1].index])
        cites: list[CiteOutput] = []
        for (cite, item), data in pairs:
            tree = _cite(session, cite, item, data, not cites)
            if tree is not None:
                cites.append(CiteOutput(tree, cite.prefix or "", cite.suffix or "", cite.locator is not None))
        if not cites:
            out.append("")
            continue
        out.append(finish(renderer.render(layout.wrap(join_cites(cites, options)))))
    return out


def _cite(session: "Session", cite: CiteItem, item: "Item", data: CiteData, first: bool) -> Output | None:
    section = session.processor.style.citation
    plain = data.position == "first" and data.locator is None and not data.near_note
    if plain and item.index in session.first_cites:  # rendered while disambiguating
        tree = session.first_cites[item.index]
    else:
        tree = section.layout.evaluate(session.context(item, CITATION, section, cite=data))
    if tree is None:
        return None
    if cite.suppress_author:
        tree = replace_tag(tree, NAMES, lambda names: None)
    elif cite.author_only:
        tree = find_tag(tree, NAMES)
    if tree is None:
        return None
    if session.processor.style.attrib.get("class") == "note" and (
            _SENTENCE_END.search(cite.prefix) if cite.prefix else first):
        tree = _capitalize_term(tree)
    if cite.prefix or cite.suffix:  # markup and quotes in them as in item text
        tree = Node([rich_text(p, affix=True) if p is not tree else p for p in (cite.prefix, tree, cite.suffix) if p])
    return tree


# a prefix that ends a sentence of more than one word ("This has been said. ", not "Note. ")
_SENTENCE_END = re.compile(r"\S\s+\S.*[.!?][\"”’']*\s+$")


def _capitalize_term(tree: Output) -> Output:
    """A cite that starts with a term starts with a capital (citeproc-js: "Ibid." opening a note)."""
    if isinstance(tree, str):
        return tree
    if tree.tag == TERM:
        return change_case(tree, "capitalize-first")
    if not tree.children or tree.fmt.prefix:
        return tree
    return Node([_capitalize_term(tree.children[0])] + tree.children[1:], tree.fmt, tree.tag)
