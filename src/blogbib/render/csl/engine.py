"""The processor: one compiled style in one locale, rendering bibliographies and citations.

A :class:`Processor` compiles its style once.  Each call makes a :class:`Session` over the
items given: prepares them (:mod:`.items`), numbers them in citation order, sorts them for the
bibliography, disambiguates their cites, then renders (:mod:`.bibliography`,
:mod:`.citations`).  A processor keeps no state between calls except caches, so it can serve
several calls, also at once.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping, Sequence

from ...errors import BlogbibError
from .bibliography import entries
from .caches import RenderCaches, StyleCaches
from .citations import Citation, render_citations
from .disambiguation import disambiguate
from .formatters import FORMATTERS, Quotes, Renderer
from .items import Item, prepare
from .output import Output
from .parsing import compile_style, parse_xml
from .sorting import sort_items
from .state import CITATION, FIRST_CITE, SORT, CiteData, Env, ItemState, RenderContext

__all__ = ["Processor", "Session"]


class Processor:
    """A CSL style (a :class:`~blogbib.render.styles.StyleSource`, a path to a ``.csl`` file or CSL
    XML text) compiled for one locale (the style's default locale, else en-US, when ``None``)."""

    def __init__(self, style: Any, locale: str | None = None) -> None:
        path = getattr(style, "path", None)
        if path is not None:  # a StyleSource
            where, text, is_text = str(path), str(path), False
            default_locale = getattr(style, "default_locale", None)
            self.name = str(getattr(style, "name", None) or os.path.splitext(os.path.basename(text))[0])
        else:
            text = os.fspath(style)
            is_text = text.lstrip().startswith("<")
            where = "the style" if is_text else text
            default_locale = None
            self.name = "the style" if is_text else os.path.splitext(os.path.basename(text))[0]
        root = parse_xml(text, is_text, where)
        lang = locale or default_locale or root.get("default-locale") or "en-US"
        self.locale = lang
        self.style = compile_style(root, lang, where)
        self.caches = StyleCaches()
        self.env = Env(self.style, self.style.locale, self.caches)
        chain = self.style.locale
        self.quotes = Quotes(chain.term("open-quote") or "“", chain.term("close-quote") or "”",
                             chain.term("open-inner-quote"), chain.term("close-inner-quote"),
                             chain.option("punctuation-in-quote"))
        self._renderers = {name: Renderer(formatter, self.quotes) for name, formatter in FORMATTERS.items()}
        self.plain = self._renderers["text"].render
        self.sort_text = Renderer(FORMATTERS["text"], self.quotes, affixes=False).render

    def renderer(self, format: str) -> Renderer:
        if format not in self._renderers:
            raise BlogbibError(f"unknown output format {format!r}; choose one of: {', '.join(self._renderers)}")
        return self._renderers[format]

    def bibliography(self, items: Sequence[Mapping[str, Any]], format: str = "text") -> list[tuple[str, str]]:
        """(id, entry) for each item, in the style's bibliography order."""
        renderer = self.renderer(format)
        if not items:
            return []
        if self.style.bibliography is None:
            raise BlogbibError(f"style {self.name!r} has no bibliography; cite its items instead")
        return entries(Session(self, items), renderer)

    def citations(self, items: Sequence[Mapping[str, Any]], citations: Iterable[Citation],
                  format: str = "text") -> list[str]:
        """One string per citation, in order; positions and disambiguation run across all of them."""
        renderer = self.renderer(format)
        citations = list(citations)
        if not citations:
            return []
        cited = [cite.id for citation in citations for cite in citation.items]
        return render_citations(Session(self, items, cited), citations, renderer)


class Session:
    """One call's items: prepared, numbered, sorted and disambiguated."""

    def __init__(self, processor: Processor, csl_items: Sequence[Mapping[str, Any]],
                 cited: list[str] | None = None) -> None:
        self.processor = processor
        self.memo = RenderCaches()
        self.plain = processor.plain
        self.items: list[Item] = [prepare(i, item) for i, item in enumerate(csl_items)]
        shared: dict[frozenset, frozenset] = {}
        for item in self.items:  # items with the same variables share one set (conditions key on it)
            item.present = shared.setdefault(item.present, item.present)
        self.states = [ItemState() for _ in self.items]
        self.first_cites: dict[int, Output | None] = {}  # first cites rendered while disambiguating
        self.numbers = self._cited_order(cited)
        style = processor.style
        bibliography = style.bibliography
        if bibliography is not None and bibliography.sort is not None:
            self.ordered = sort_items(self.items, bibliography.sort, self._sort_value)
        else:
            self.ordered = sorted(self.items, key=lambda item: self.numbers[item.index])
        for n, item in enumerate(self.ordered, 1):
            self.numbers[item.index] = n
        disambiguate(self, self.ordered)

    def _cited_order(self, cited: list[str] | None) -> list[int]:
        """Citation numbers before sorting: order of first citation, then the rest in input order."""
        numbers = [0] * len(self.items)
        first: dict[str, int] = {}
        for item in self.items:
            first.setdefault(item.id, item.index)
        order: list[int] = []
        seen: set[int] = set()
        for key in cited or ():
            index = first.get(str(key))
            if index is not None and index not in seen:
                seen.add(index)
                order.append(index)
        order += [item.index for item in self.items if item.index not in seen]
        for n, index in enumerate(order, 1):
            numbers[index] = n
        return numbers

    def _sort_value(self, item: Item, key: Any) -> tuple | None:
        section = self.processor.style.bibliography
        return key.value(self.context(item, SORT, section, sort_key=key), self.processor.sort_text)

    def context(self, item: Item, mode: str, section: Any, cite: CiteData = FIRST_CITE,
                sort_key: Any = None) -> RenderContext:
        return RenderContext(self.processor.env, self.memo, item, mode, section, self.states[item.index],
                             self.numbers[item.index], cite, sort_key)

    def first_cite_text(self, item: Item) -> str:
        """The item's cite in first position as plain text (kept for the citations that follow)."""
        section = self.processor.style.citation
        tree = section.layout.evaluate(self.context(item, CITATION, section))
        self.first_cites[item.index] = tree
        return self.plain(tree)

