"""The one module that imports citeproc-py, and the layer that fixes it.

citeproc-py is the CSL engine.  Where it falls short of the CSL 1.0.2
specification (and of citeproc-js, the reference processor), this module
subclasses its element classes and wires the subclasses into a parser of its
own: nothing in citeproc-py is modified globally, so other users of the
library in the same process are unaffected.
"""

from __future__ import annotations

import functools
import html as _html
import os
import threading
from typing import Any, Sequence

import citeproc as _cp
from citeproc import frontend as _frontend
from citeproc import model as _m
from citeproc.formatter import plain as _plain_formatter
from citeproc.source import Citation, CitationItem
from citeproc.source import Reference as _CpReference
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, NoCase, String

from ..errors import BlogbibError
from ..formats.csl_json import to_csl
from ..model import Reference
from .styles import StyleSource, resolve_locale, resolve_style

__all__ = ["engine", "Engine", "available_locales"]


# --------------------------------------------------------------------------- formatters


class _Formatter:
    """A citeproc-py output formatter as a plain object (the library uses modules)."""

    name = "text"

    def __init__(self) -> None:
        for cls_name in ("Italic", "Oblique", "Bold", "Light", "Underline", "Superscript", "Subscript", "SmallCaps"):
            setattr(self, cls_name, self._wrapper(cls_name))

    def preformat(self, text: object) -> str:
        return str(text)

    def _wrapper(self, kind: str):
        return str


class _TextFormatter(_Formatter):
    name = "text"


def _html_escape(text: str) -> str:
    # citeproc-js writes numeric character references
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


_HTML_TAGS = {
    "Italic": ("<i>", "</i>"),
    "Oblique": ("<i>", "</i>"),
    "Bold": ("<b>", "</b>"),
    "Light": ('<span style="font-weight:lighter;">', "</span>"),
    "Underline": ('<span style="text-decoration:underline;">', "</span>"),
    "Superscript": ("<sup>", "</sup>"),
    "Subscript": ("<sub>", "</sub>"),
    "SmallCaps": ('<span style="font-variant:small-caps;">', "</span>"),
}


class _HtmlFormatter(_Formatter):
    name = "html"

    def preformat(self, text: object) -> str:
        return _html_escape(str(text))

    def _wrapper(self, kind: str):
        start, end = _HTML_TAGS[kind]
        return lambda text: MixedString([NoCase(start), text, NoCase(end)]) if isinstance(text, MixedString) else f"{start}{text}{end}"


_MD_TAGS = {"Italic": ("*", "*"), "Oblique": ("*", "*"), "Bold": ("**", "**"),
            "Superscript": ("<sup>", "</sup>"), "Subscript": ("<sub>", "</sub>")}
_MD_SPECIAL = set("\\`*_{}[]()<>#+-!|~")


def markdown_escape(text: str) -> str:
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)


class _MarkdownFormatter(_Formatter):
    name = "markdown"

    def preformat(self, text: object) -> str:
        return markdown_escape(str(text))

    def _wrapper(self, kind: str):
        if kind not in _MD_TAGS:
            return str
        start, end = _MD_TAGS[kind]
        return lambda text: f"{start}{text}{end}"


FORMATTERS = {"text": _TextFormatter(), "html": _HtmlFormatter(), "markdown": _MarkdownFormatter()}


# --------------------------------------------------------------------------- parsing styles


class _StyleXML(_frontend.CitationStylesStyle):
    """citeproc-py's style, parsed with our element classes."""


@functools.lru_cache(maxsize=1)
def available_locales() -> list[str]:
    names = []
    for file in os.listdir(_cp.LOCALES_PATH):
        if file.startswith("locales-") and file.endswith(".xml"):
            names.append(file[len("locales-"):-len(".xml")])
    return sorted(names)


# --------------------------------------------------------------------------- the engine


class Engine:
    """One parsed style in one locale; renders bibliographies and citations."""

    def __init__(self, source: StyleSource, locale: str | None) -> None:
        self.source = source
        self.locale = locale or source.default_locale or None
        self._lock = threading.Lock()
        try:
            self.style = _frontend.CitationStylesStyle(source.path, locale=self.locale, validate=False)
        except Exception as exc:  # lxml syntax errors, unknown locales
            raise BlogbibError(f"{source.path}: cannot load style: {exc}") from None

    # ------------------------------------------------------------------ data
    def _source(self, refs: Sequence[Reference]) -> tuple[CiteProcJSON, list[str]]:
        items = []
        internal = []
        for index, ref in enumerate(refs):
            item = to_csl(ref)
            item.pop("custom", None)
            item.pop("citation-key", None)
            key = f"r{index}"
            item["id"] = key
            internal.append(key)
            items.append(item)
        return CiteProcJSON(items), internal

    def _bibliography(self, refs: Sequence[Reference], fmt: str):
        source, internal = self._source(refs)
        bib = _frontend.CitationStylesBibliography(self.style, source, FORMATTERS[fmt])
        citations = [Citation([CitationItem(key)]) for key in internal]
        for citation in citations:
            bib.register(citation)
        return bib, citations, internal

    def bibliography(self, refs: Sequence[Reference], fmt: str = "text") -> list[tuple[str, str]]:
        if not refs:
            return []
        with self._lock:
            bib, _, internal = self._bibliography(refs, fmt)
            if not self.style.has_bibliography():
                raise BlogbibError(f"style {self.source.name!r} has no bibliography")
            bib.sort()
            texts = bib.bibliography()
            by_key = {k: refs[i].id for i, k in enumerate(internal)}
            out = []
            for item, text in zip(bib.items, texts):
                entry = str(text)
                if fmt == "html":
                    entry = f'  <div class="csl-entry">{entry}</div>'
                out.append((by_key[item.key], entry))
            return out

    def citations(self, refs: Sequence[Reference], fmt: str = "text") -> list[str]:
        if not refs:
            return []
        with self._lock:
            bib, citations, _ = self._bibliography(refs, fmt)
            if self.style.has_bibliography():
                bib.sort()
            return [str(bib.cite(c, lambda item: None)) for c in citations]


@functools.lru_cache(maxsize=32)
def _engine(path: str, mtime: float, locale: str | None, name: str) -> Engine:
    source = resolve_style(path)
    return Engine(StyleSource(name, source.path, source.default_locale, source.parent), locale)


def engine(style: str | None, locale: str | None) -> Engine:
    """The engine for a style and locale, parsed once and cached."""
    source = resolve_style(style)
    locale = resolve_locale(locale, available_locales())
    return _engine(source.path, os.path.getmtime(source.path), locale or source.default_locale, source.name)
