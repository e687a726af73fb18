"""The format registry: one record per format, in one explicit table.

Each format is one module in this package with its field mapping at the top,
exposing ``read(text, source=, diag=, options=)`` and/or ``write(refs, options)``.
Modules are imported on first use so a command loads only what it needs.

Adding a format is one module, one line in :data:`FORMATS`, and a folder of
golden files.  Formatted citations are not a format: they need a style and
cannot be read back, so they live in :mod:`blogbib.render`.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from types import ModuleType
from typing import Callable, Sequence

from ..errors import BlogbibError, Diagnostics
from ..model import Reference

__all__ = ["Format", "FORMATS", "ReadOptions", "WriteOptions", "get", "readable", "writable", "detect",
           "Capability", "CAPABILITIES", "carried", "capabilities_table"]


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may be told beyond the text itself."""

    blog_title: str | None = None
    base_url: str | None = None  # where the blog lives: own-site links are rebased here
    url: str | None = None  # where the text came from (a fetched page), to resolve links
    # Feeds and pages give instants with an offset; None keeps the offset the
    # source wrote (the blog's own local time, i.e. the dates its readers see),
    # an IANA name or "UTC" converts to that zone first.
    timezone: str | None = None


BIBTEX_PROFILES = ("plain", "natbib", "urlbst", "acm")


@dataclass(frozen=True)
class WriteOptions:
    """What a writer may be told beyond the references."""

    ascii: bool = False  # BibTeX: LaTeX-encode accents instead of writing UTF-8
    bibtex_profile: str = "plain"  # where classic BibTeX puts the URL and access date


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # module in this package that implements it
    suffixes: tuple[str, ...] = ()
    can_read: bool = False
    can_write: bool = False
    sniff: Callable[[str], bool] | None = field(default=None, compare=False)
    description: str = ""
    writer: str = "write"  # function names in the module
    reader: str = "read"

    def _module(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.module}")

    def read(
        self, text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()
    ) -> list[Reference]:
        if not self.can_read:
            raise BlogbibError(f"blogbib cannot read {self.name}")
        return getattr(self._module(), self.reader)(text, source=source, diag=diag, options=options)

    def write(self, refs: Sequence[Reference], options: WriteOptions = WriteOptions()) -> str:
        if not self.can_write:
            raise BlogbibError(f"blogbib cannot write {self.name}")
        return getattr(self._module(), self.writer)(refs, options)


def _sniff_csl_json(text: str) -> bool:
    head = text.lstrip()[:1]
    return head in ("[", "{")


def _sniff_ris(text: str) -> bool:
    return text.lstrip().startswith("TY  -")


def _sniff_bibtex(text: str) -> bool:
    import re

    # Line by line: a multi-line ``^\s*@`` search backtracked quadratically over blank lines.
    entry = re.compile(r"@\s*[A-Za-z]+\s*[{(]")
    head = text[:20000]
    return any(entry.match(line.lstrip()) for line in head.splitlines() if line.lstrip().startswith("@"))


def sniff_feed(text: str) -> bool:
    """An RSS, RDF or Atom document (here, not in feed.py, so sniffing never imports a reader)."""
    import re

    head = text[:2048].lstrip("\ufeff \t\r\n")
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :]
    head = re.sub(r"^(?:\s*<!--.*?-->|\s*<\?[^>]*\?>)*", "", head, flags=re.S).lstrip()
    return bool(re.match(r"<(?:rss[\s>]|feed[\s>]|(?:rdf:)?RDF[\s>])", head))


def sniff_html(text: str) -> bool:
    """An HTML page (here, not in html.py, so sniffing never imports a reader)."""
    import re

    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :].lstrip()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(?:head|body)[\s>]", head))


# The one table of formats.  Order matters for sniffing: most specific first
# (feeds and pages are recognised by how the document starts).
FORMATS: tuple[Format, ...] = (
    Format("feed", "feed", (".xml", ".rss", ".atom"), can_read=True, sniff=sniff_feed,
           description="RSS 2.0 / RSS 1.0 / Atom feeds (feedparser)"),
    Format("html", "html", (".html", ".htm", ".xhtml"), can_read=True, sniff=sniff_html,
           description="a blog's index or post page: own markup, JSON-LD, h-entry, <article>, meta tags"),
    Format("bibtex", "bibtex", (".bib",), can_read=True, can_write=True, sniff=_sniff_bibtex,
           description="BibTeX @misc for classic .bst styles", writer="write_bibtex"),
    Format("biblatex", "bibtex", (".bib",), can_read=True, can_write=True,
           description="BibLaTeX @online for biber", writer="write_biblatex"),
    Format("csl-json", "csl_json", (".json",), can_read=True, can_write=True, sniff=_sniff_csl_json,
           description="CSL-JSON post-weblog items (Zotero, pandoc, citeproc)"),
    Format("ris", "ris", (".ris",), can_read=True, can_write=True, sniff=_sniff_ris,
           description="RIS TY BLOG records (Zotero, EndNote, Mendeley)"),
    Format("listing", "listing", (".txt", ".text", ".md"), can_read=True,
           description="a blog's index copied as text: title line, then 'Mon D, YYYY (Authors). Excerpt'"),
)

_BY_NAME = {f.name: f for f in FORMATS}
_ALIASES = {"csljson": "csl-json", "json": "csl-json", "bib": "bibtex", "txt": "listing", "text": "listing"}


def get(name: str) -> Format:
    key = _ALIASES.get(name.lower(), name.lower())
    try:
        return _BY_NAME[key]
    except KeyError:
        raise BlogbibError(
            f"unknown format {name!r}; known: {', '.join(f.name for f in FORMATS)}"
        ) from None


def readable() -> list[str]:
    return [f.name for f in FORMATS if f.can_read]


def writable() -> list[str]:
    return [f.name for f in FORMATS if f.can_write]


def _suffix(path: str) -> str:
    """``PurePath(path).suffix`` without importing pathlib (slow to import) on POSIX."""
    if os.sep != "/" or os.altsep:
        from pathlib import PurePath

        return PurePath(path).suffix
    parts = [p for p in path.split("/") if p and p != "."]
    name = parts[-1] if parts else ""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def detect(text: str, path: str | None = None) -> Format:
    """``--from auto``: the content decides, then the file suffix; a listing otherwise."""
    for fmt in FORMATS:
        if fmt.can_read and fmt.sniff is not None and fmt.sniff(text):
            return fmt
    if path:
        suffix = _suffix(path).lower()
        for fmt in FORMATS:
            if fmt.can_read and suffix in fmt.suffixes:
                return fmt
    return _BY_NAME["listing"]


# ----------------------------------------------------------------------------- what survives a round trip
#
# The ONE statement of what each format that blogbib both reads and writes
# cannot carry.  The round-trip tests check ``read(write(refs)) ==
# [carried(r, fmt) for r in refs]`` and the docs print :func:`capabilities_table`.


@dataclass(frozen=True)
class Capability:
    """What a format loses; everything not listed comes back exactly."""

    time: bool  # Date.time (a time of day) is kept
    extra: str  # "all" extra fields, "bibtex" (only bibtex:* and latex-title), or "none"
    more_authors: bool  # "et al." is kept
    dropping_particle: bool  # Name.dropping_particle is kept
    given_less_names_are_literal: bool  # a person with no given name comes back as a literal
    whitespace: bool  # text keeps its whitespace exactly (else runs collapse to one space)
    keyword_separators: str  # characters a keyword must not contain to survive
    notes: str = ""


CAPABILITIES: dict[str, Capability] = {
    "csl-json": Capability(time=False, extra="all", more_authors=True, dropping_particle=True,
                           given_less_names_are_literal=False, whitespace=True, keyword_separators=",",
                           notes="keywords travel as one comma-separated string; extra as custom"),
    "bibtex": Capability(time=False, extra="bibtex", more_authors=True, dropping_particle=False,
                         given_less_names_are_literal=False, whitespace=False, keyword_separators=",;",
                         notes="types by entry type and howpublished; URLs with braces, backslashes or "
                               "spaces are percent-encoded; --ascii turns typographic quotes into ' and `"),
    "biblatex": Capability(time=False, extra="bibtex", more_authors=True, dropping_particle=False,
                           given_less_names_are_literal=False, whitespace=False, keyword_separators=",;",
                           notes="@online comes back as post-weblog; same URL and --ascii limits as BibTeX"),
    "ris": Capability(time=False, extra="none", more_authors=False, dropping_particle=False,
                      given_less_names_are_literal=True, whitespace=False, keyword_separators="",
                      notes="one AU line per name ('Family, Given'); a name part may not contain a comma"),
}


def _carried_type(kind: str, fmt: str) -> str:
    if fmt == "ris":
        from .ris import _FROM_RIS, _TO_RIS

        return _FROM_RIS.get(_TO_RIS.get(kind, "GEN"), "document")
    if fmt in ("bibtex", "biblatex"):
        from .bibtex import type_after_round_trip

        return type_after_round_trip(kind, biblatex=fmt == "biblatex")
    return kind


def carried(ref: Reference, fmt: str) -> Reference:
    """``ref`` as it comes back from writing and reading ``fmt``, per :data:`CAPABILITIES`."""
    from dataclasses import replace as _replace

    from ..model import Date, Name

    cap = CAPABILITIES[fmt]

    def text(value: str | None) -> str | None:
        if value is None:
            return None
        value = value if cap.whitespace else " ".join(value.split())
        return value or None

    def name(n: Name) -> Name:
        parts = {k: text(getattr(n, k)) for k in ("family", "given", "non_dropping_particle", "dropping_particle",
                                                 "suffix", "literal")}
        if not cap.dropping_particle:
            parts["dropping_particle"] = None
        if cap.given_less_names_are_literal and parts["literal"] is None and not parts["given"] and not parts["suffix"]:
            return Name(literal=" ".join(p for p in (parts["non_dropping_particle"], parts["family"]) if p))
        return Name(**parts)

    def date(d: Date | None) -> Date | None:
        return d if d is None or cap.time else Date(d.year, d.month, d.day)

    keywords = tuple(k2 for k in ref.keyword for k2 in [text(k.strip()) if cap.whitespace else text(k)] if k2)
    if cap.extra == "all":
        extra = ref.extra
    elif cap.extra == "bibtex":
        extra = tuple((k, " ".join(v.split())) for k, v in ref.extra if k.startswith("bibtex:") or k == "latex-title")
    else:
        extra = ()
    return _replace(
        ref,
        type=_carried_type(ref.type, fmt),
        title=text(ref.title),
        author=tuple(name(n) for n in ref.author),
        more_authors=ref.more_authors if cap.more_authors else False,
        issued=date(ref.issued),
        accessed=date(ref.accessed),
        container_title=text(ref.container_title),
        url=text(ref.url),
        abstract=text(ref.abstract),
        keyword=keywords,
        note=text(ref.note),
        language=text(ref.language),
        extra=extra,
    )


def capabilities_table() -> str:
    """A Markdown table of :data:`CAPABILITIES`, for the README and docs."""
    rows = ["| format | time of day | extra fields | et al. | dropping particle | person without given name "
            "| whitespace | keywords may not contain | notes |",
            "|---|---|---|---|---|---|---|---|---|"]
    yes = {True: "kept", False: "lost"}
    for fmt, cap in CAPABILITIES.items():
        separators = " ".join(f"`{c}`" for c in cap.keyword_separators) or "-"
        rows.append(f"| {fmt} | {yes[cap.time]} | {cap.extra} | {yes[cap.more_authors]} | "
                    f"{yes[cap.dropping_particle]} | {'read as a literal' if cap.given_less_names_are_literal else 'kept'} "
                    f"| {'kept' if cap.whitespace else 'collapsed'} | {separators} | {cap.notes} |")
    return "\n".join(rows) + "\n"
