"""The format registry: every format blogbib reads, writes or renders, in one table.

A format is one :class:`Format` record, and a name is one record (``html``
reads blog pages and renders bibliographies).  There are three kinds:

* data formats (BibTeX, BibLaTeX, CSL-JSON, RIS) are read and written, and
  state what a round trip through them keeps (:class:`Capability`);
* input formats (a listing, a feed, an HTML page) are only read;
* rendered formats (text, HTML, Markdown) format references through a CSL
  style and cannot be read back; HTML and Markdown can also be reading-list
  documents.

Readers and writers live in one module per format, its field mapping at the
top, and are imported on their first call, so a command loads only what it
uses.  Adding a format is one module, one line in :data:`FORMATS` and a
folder of golden files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import BlogbibError
from ..options import BIBTEX_PROFILES, ReadOptions, RenderOptions, WriteOptions
from . import sniff

if TYPE_CHECKING:
    from typing import Any, Callable, Sequence

    from ..errors import Diagnostics
    from ..model import Reference

__all__ = ["Format", "FORMATS", "Capability", "ReadOptions", "WriteOptions", "RenderOptions", "BIBTEX_PROFILES",
           "get", "detect", "readable", "writable", "outputs", "for_suffix", "CAPABILITIES", "carried",
           "capabilities_table"]


class _Lazy:
    """A function of another module, imported on its first call: ``@_Lazy`` on a function that imports it."""

    __slots__ = ("_load", "_function")

    def __init__(self, load: Callable[[], Callable[..., Any]]) -> None:
        self._load = load
        self._function: Callable[..., Any] | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._function is None:
            self._function = self._load()
        return self._function(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<{self._load.__name__.lstrip('_')}, imported on first call>"


@dataclass(frozen=True)
class Capability:
    """What a round trip through a data format keeps; everything not listed comes back exactly."""

    time: bool  # Date.time (a time of day) is kept
    extra: str  # "all" extra fields, "bibtex" (only bibtex:* and latex-title), or "none"
    more_authors: bool  # "et al." is kept
    dropping_particle: bool  # Name.dropping_particle is kept
    given_less_names_are_literal: bool  # a person with no given name comes back as a literal
    whitespace: bool  # text keeps its whitespace exactly (else runs collapse to one space)
    keyword_separators: str  # characters a keyword must not contain to survive
    type_after_round_trip: Callable[[str], str] = field(compare=False)  # a CSL type → the type read back
    notes: str = ""
    variables: frozenset[str] | None = None  # the Reference.variables kept (None: every one)
    dates: str = "all"  # beyond year, month and day: "all", "no literal" (nor text season) or "none"
    name_flags: bool = True  # Name.comma_suffix and static_ordering are kept
    page_ranges: bool = True  # an en dash in a page range is kept (else it comes back a hyphen)
    given_only_names: bool = True  # a person with a given name alone (Plato) is kept (else it comes back a literal)
    # (CSL type, variable) → whether a variable of ``variables`` comes back for that type (None: always)
    variable_kept: Callable[[str, str], bool] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Format:
    """One format: what it reads, writes or renders, and how it is recognised."""

    name: str
    description: str
    suffixes: tuple[str, ...] = ()  # file suffixes: for --from auto, and for ReadingList.save
    read: Callable[..., list[Reference]] | None = field(default=None, compare=False)  # (text, *, source, diag, options)
    write: Callable[[Sequence[Reference], WriteOptions], str] | None = field(default=None, compare=False)
    render: Callable[[Sequence[Reference], RenderOptions], str] | None = field(default=None, compare=False)
    documents: bool = False  # render also makes reading-list documents (RenderOptions.document)
    sniff: Callable[[str], bool] | None = field(default=None, compare=False)  # recognises the text
    capability: Capability | None = None  # data formats: what a round trip keeps
    folder: bool = False  # reads a folder (a blog's source), not text

    @property
    def kind(self) -> str:
        """``data``, ``rendered`` or ``input``."""
        return "data" if self.write else "rendered" if self.render else "input"

    @property
    def can_read(self) -> bool:
        return self.read is not None

    @property
    def can_write(self) -> bool:
        """Writes records that can be read back (a data format)."""
        return self.write is not None

    @property
    def can_output(self) -> bool:
        return self.write is not None or self.render is not None

    def check_output(self, render: RenderOptions) -> None:
        """Raise :class:`BlogbibError` if this format cannot be written as asked."""
        if not self.can_output:
            raise BlogbibError(f"blogbib cannot write {self.name}; formats it writes: {', '.join(outputs())}")
        if render.document and not self.documents:
            raise BlogbibError(f"grouping makes a reading-list document: use "
                               f"{' or '.join(f.name for f in FORMATS if f.documents)}, not {self.name}")

    def output(self, refs: Sequence[Reference], write: WriteOptions, render: RenderOptions) -> str:
        """The text of ``refs`` in this format: written with ``write``, or rendered with ``render``."""
        self.check_output(render)
        if self.write is not None:
            return self.write(refs, write)
        return self.render(refs, render)  # type: ignore[misc]


# ----------------------------------------------------------------------------- readers and writers, imported on first use


@_Lazy
def _read_feed() -> Callable[..., list[Reference]]:
    from .feed import read

    return read


@_Lazy
def _read_html() -> Callable[..., list[Reference]]:
    from .html import read

    return read


@_Lazy
def _read_source_folder() -> Callable[..., list[Reference]]:
    from .source import read

    return read


@_Lazy
def _read_listing() -> Callable[..., list[Reference]]:
    from .listing import read

    return read


@_Lazy
def _read_bibtex() -> Callable[..., list[Reference]]:  # both dialects: one reader
    from .bibtex import read

    return read


@_Lazy
def _write_bibtex() -> Callable[..., str]:
    from .bibtex import write_bibtex

    return write_bibtex


@_Lazy
def _write_biblatex() -> Callable[..., str]:
    from .bibtex import write_biblatex

    return write_biblatex


@_Lazy
def _read_csl_json() -> Callable[..., list[Reference]]:
    from .csl_json import read

    return read


@_Lazy
def _write_csl_json() -> Callable[..., str]:
    from .csl_json import write

    return write


@_Lazy
def _read_ris() -> Callable[..., list[Reference]]:
    from .ris import read

    return read


@_Lazy
def _write_ris() -> Callable[..., str]:
    from .ris import write

    return write


@_Lazy
def _ris_type() -> Callable[[str], str]:
    from .ris import type_after_round_trip

    return type_after_round_trip


@_Lazy
def _bibtex_type() -> Callable[[str], str]:
    from .bibtex import type_after_round_trip

    return lambda kind: type_after_round_trip(kind, biblatex=False)


@_Lazy
def _biblatex_type() -> Callable[[str], str]:
    from .bibtex import type_after_round_trip

    return lambda kind: type_after_round_trip(kind, biblatex=True)


def _ris_variable_kept(kind: str, variable: str) -> bool:
    from .ris import variable_kept

    return variable_kept(kind, variable)


def _same_type(kind: str) -> str:
    return kind


@_Lazy
def _markdown_document() -> Callable[..., str]:
    from ..render.documents import markdown

    return markdown


@_Lazy
def _html_document() -> Callable[..., str]:
    from ..render.documents import html

    return html


class _Rendered:
    """A rendered format's output: the bibliography in a CSL style, or a reading-list document."""

    __slots__ = ("_format", "_document")

    def __init__(self, format: str, document: Callable[..., str] | None = None) -> None:
        self._format, self._document = format, document

    def __call__(self, refs: Sequence[Reference], options: RenderOptions) -> str:
        if options.document and self._document is not None:
            return self._document(refs, options)
        from ..render import render

        return render(list(refs), style=options.style, format=self._format, locale=options.locale)


# ----------------------------------------------------------------------------- the table

# The variables formats/ris.py's VARIABLE_TAGS hold (spelt out so the registry need not import it;
# tests/formats/test_roundtrip.py checks the two agree).
_RIS_VARIABLES = frozenset({"editor", "collection-editor", "translator", "container-author", "title-short",
                            "container-title-short", "collection-title", "volume", "issue", "number-of-volumes",
                            "page", "edition", "publisher", "publisher-place", "genre", "DOI", "ISBN", "ISSN"})

# Order matters for --from auto: the first sniffer that recognises the text wins.
FORMATS: tuple[Format, ...] = (
    Format("feed", "RSS 2.0 / RSS 1.0 / Atom feeds (feedparser)", (".xml", ".rss", ".atom"),
           read=_read_feed, sniff=sniff.feed),
    Format("html", "read: a blog's index or post page (own markup, JSON-LD, h-entry, <article>, meta tags); "
                   "write: a formatted bibliography, or a reading-list page", (".html", ".htm", ".xhtml"),
           read=_read_html, sniff=sniff.html, render=_Rendered("html", _html_document), documents=True),
    Format("bibtex", "BibTeX @misc for classic .bst styles", (".bib",), read=_read_bibtex, write=_write_bibtex,
           sniff=sniff.bibtex,
           capability=Capability(time=False, extra="bibtex", more_authors=True, dropping_particle=False,
                                 given_less_names_are_literal=False, whitespace=False, keyword_separators=",;",
                                 type_after_round_trip=_bibtex_type,
                                 notes="types by entry type and howpublished; URLs with braces, backslashes or "
                                       "spaces are percent-encoded; --ascii turns typographic quotes into ' and `; "
                                       "a page range's dash is BibTeX's --",
                                 dates="no literal", name_flags=False, page_ranges=False, given_only_names=False)),
    Format("biblatex", "BibLaTeX @online for biber", (".bib",), read=_read_bibtex, write=_write_biblatex,
           capability=Capability(time=False, extra="bibtex", more_authors=True, dropping_particle=False,
                                 given_less_names_are_literal=False, whitespace=False, keyword_separators=",;",
                                 type_after_round_trip=_biblatex_type,
                                 notes="@online comes back as post-weblog; same URL, --ascii and page limits as "
                                       "BibTeX",
                                 dates="no literal", name_flags=False, page_ranges=False)),
    Format("csl-json", "CSL-JSON post-weblog items (Zotero, pandoc, citeproc)", (".json",), read=_read_csl_json,
           write=_write_csl_json, sniff=sniff.csl_json,
           capability=Capability(time=False, extra="all", more_authors=True, dropping_particle=True,
                                 given_less_names_are_literal=False, whitespace=True, keyword_separators=",",
                                 type_after_round_trip=_same_type,
                                 notes="keywords travel as one comma-separated string; extra as custom")),
    Format("ris", "RIS TY BLOG records (Zotero, EndNote, Mendeley)", (".ris",), read=_read_ris, write=_write_ris,
           sniff=sniff.ris,
           capability=Capability(time=False, extra="none", more_authors=False, dropping_particle=False,
                                 given_less_names_are_literal=True, whitespace=False, keyword_separators="",
                                 type_after_round_trip=_ris_type,
                                 notes="one AU line per name ('Family, Given'); a name part may not contain a "
                                       "comma; SN is a book's or chapter's ISBN, any other record's ISSN",
                                 variables=_RIS_VARIABLES, dates="none", name_flags=False, given_only_names=False,
                                 variable_kept=_ris_variable_kept)),
    Format("listing", "a blog's index copied as text: title line, then 'Mon D, YYYY (Authors). Excerpt'",
           (".txt", ".text", ".md"), read=_read_listing),
    Format("source", "a blog's source folder (Jekyll, Hugo, Hexo, Pelican, MkDocs Material blog): its configuration "
                     "and each post's front matter", read=_read_source_folder, folder=True),
    Format("text", "a formatted bibliography in a CSL style, one entry per line", (".txt",),
           render=_Rendered("text")),
    Format("markdown", "a formatted bibliography, or a reading-list document, in Markdown", (".md", ".markdown"),
           render=_Rendered("markdown", _markdown_document), documents=True),
)

_BY_NAME = {f.name: f for f in FORMATS}
_ALIASES = {"csljson": "csl-json", "json": "csl-json", "bib": "bibtex", "txt": "listing"}


def get(name: str) -> Format:
    """The format called ``name`` (or an alias: ``json``, ``csljson``, ``bib``, ``txt``)."""
    key = _ALIASES.get(name.lower(), name.lower())
    try:
        return _BY_NAME[key]
    except KeyError:
        raise BlogbibError(f"unknown format {name!r}; known: {', '.join(f.name for f in FORMATS)}") from None


def readable() -> list[str]:
    return [f.name for f in FORMATS if f.can_read]


def writable() -> list[str]:
    """The data formats: written, and read back."""
    return [f.name for f in FORMATS if f.can_write]


def outputs() -> list[str]:
    """Every format blogbib writes: the data formats, then the rendered ones."""
    return writable() + [f.name for f in FORMATS if f.render is not None and not f.can_write]


def for_suffix(suffix: str) -> Format | None:
    """The format an output file with this suffix gets (``.bib`` is BibTeX, ``.md`` Markdown), if any."""
    suffix = suffix.lower()
    return next((f for f in FORMATS if f.can_output and suffix in f.suffixes), None)


def _suffix(path: str) -> str:
    """``PurePath(path).suffix`` without importing pathlib (slow to import) on POSIX."""
    import os

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
# The round-trip tests check ``read(write(refs)) == [carried(r, fmt) for r in refs]``
# and docs/round-trips.md prints capabilities_table().

CAPABILITIES: dict[str, Capability] = {f.name: f.capability for f in FORMATS if f.capability is not None}


def carried(ref: Reference, fmt: str) -> Reference:
    """``ref`` as it comes back from writing and reading ``fmt``, per its :class:`Capability`."""
    from dataclasses import replace

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
        if parts["family"] is None and parts["literal"] is None and not cap.given_only_names:
            return Name(literal=text(n.display()))
        if cap.given_less_names_are_literal and parts["literal"] is None and not parts["given"] and not parts["suffix"]:
            return Name(literal=" ".join(p for p in (parts["non_dropping_particle"], parts["family"]) if p))
        if cap.name_flags and parts["literal"] is None:
            parts.update(comma_suffix=n.comma_suffix, static_ordering=n.static_ordering)
        return Name(**parts)

    def date(d: Date | None) -> Date | None:
        if d is None or (d.plain and (cap.time or d.time is None)):
            return d
        if d.year is None:  # every format keeps a literal-only date's text
            return Date(literal=text(d.literal), circa=d.circa and cap.dates == "all")
        if cap.dates == "none":
            return Date(d.year, d.month, d.day, d.time if cap.time else None)
        if cap.dates == "all":
            return replace(d, time=d.time if cap.time else None)
        return replace(d, time=d.time if cap.time else None, literal=None,
                       season=d.season if type(d.season) is int else None)

    def variable(key: str, value: Any) -> Any:
        if isinstance(value, Date):
            return date(value)
        if isinstance(value, tuple):
            return tuple(name(n) for n in value)
        if key == "page" and not cap.page_ranges:
            import re

            value = re.sub(r"(?<=\w)–(?=\w)", "-", value)
        return text(value)

    variables = tuple((k, variable(k, v)) for k, v in ref.variables if cap.variables is None or k in cap.variables
                      and (cap.variable_kept is None or cap.variable_kept(ref.type, k)))

    keywords = tuple(k2 for k in ref.keyword for k2 in [text(k.strip()) if cap.whitespace else text(k)] if k2)
    if cap.extra == "all":
        extra = ref.extra
    elif cap.extra == "bibtex":
        extra = tuple((k, " ".join(v.split())) for k, v in ref.extra if k.startswith("bibtex:") or k == "latex-title")
    else:
        extra = ()
    return replace(
        ref,
        type=cap.type_after_round_trip(ref.type),
        title=text(ref.title),
        author=tuple(name(n) for n in ref.author),
        more_authors=ref.more_authors if cap.more_authors else False,
        more_names=tuple(v for v in ref.more_names if cap.more_authors and v in dict(variables)),
        issued=date(ref.issued),
        accessed=date(ref.accessed),
        container_title=text(ref.container_title),
        url=text(ref.url),
        abstract=text(ref.abstract),
        keyword=keywords,
        note=text(ref.note),
        language=text(ref.language),
        variables=variables,
        extra=extra,
    )


def capabilities_table() -> str:
    """A Markdown table of the data formats' capabilities, for the README and docs."""
    rows = ["| format | time of day | extra fields | et al. | dropping particle | person without given name "
            "| person with a given name alone | whitespace | keywords may not contain | other CSL variables "
            "| date ranges, seasons, circa | name flags | notes |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    yes = {True: "kept", False: "lost"}
    dates = {"all": "kept, and literals", "no literal": "kept (a literal beside the date and text seasons lost)",
             "none": "lost"}
    for fmt, cap in CAPABILITIES.items():
        separators = " ".join(f"`{c}`" for c in cap.keyword_separators) or "-"
        variables = "all" if cap.variables is None else ", ".join(sorted(cap.variables)) or "none"
        rows.append(f"| {fmt} | {yes[cap.time]} | {cap.extra} | {yes[cap.more_authors]} | "
                    f"{yes[cap.dropping_particle]} | {'read as a literal' if cap.given_less_names_are_literal else 'kept'} "
                    f"| {'kept' if cap.given_only_names else 'read as a literal'} "
                    f"| {'kept' if cap.whitespace else 'collapsed'} | {separators} | {variables} | {dates[cap.dates]} "
                    f"| {yes[cap.name_flags]} | {cap.notes} |")
    return "\n".join(rows) + "\n"
