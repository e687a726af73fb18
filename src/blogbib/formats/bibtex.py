"""BibTeX and BibLaTeX in bibtexparser v2's layout (the only module that may import bibtexparser).

BibTeX (``@misc``, for classic ``.bst`` styles) and BibLaTeX (``@online``, for
biber) share the name and text encoding; they differ in which fields carry the
blog, the dates and the URL.  Classic styles print ``howpublished``, then
``month`` and ``year`` as one date, then ``note``; so the blog goes in
``howpublished`` (``Blog post, \\emph{Off the Convex Path}``) and the day in
``month`` (``jan # "~25,"``), and the date prints once.  A full date also goes in
``date``, written before ``month``: biber then reads the date from it, and finds
the month it already has at the head of ``month``, so neither program warns.  Where
they look for the URL and access date depends on the style family, chosen with
a profile:

======== ============================= ===========================
profile  URL                           access date
======== ============================= ===========================
plain    ``note = {\\url{…}}``          in ``note`` (+ urldate)
natbib   ``url``                       in ``note`` (+ urldate)
urlbst   ``url``                       ``lastchecked`` (+ urldate)
acm      ``url``                       ``lastaccessed`` (+ urldate)
======== ============================= ===========================
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from .. import latex
from ..dates import DateError, NotADate, parse_date
from ..errors import Diagnostics
from ..model import (ATTRIBUTES, DATE_VARIABLES, NAME_VARIABLES, NUMBER_VARIABLES, STRING_VARIABLES, Date, Name,
                     Origin, Reference)
from ..options import ReadOptions, WriteOptions

__all__ = ["read", "write_bibtex", "write_biblatex", "format_name", "MONTH_MACROS"]

# English month names for dates in notes (calendar.month_name would follow the process locale).
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# CSL type → (BibTeX type, BibLaTeX type)
ENTRY_TYPES: dict[str, tuple[str, str]] = {
    "post-weblog": ("misc", "online"),
    "post": ("misc", "online"),
    "webpage": ("misc", "online"),
    "article-journal": ("article", "article"),
    "article-magazine": ("article", "article"),
    "article-newspaper": ("article", "article"),
    "book": ("book", "book"),
    "chapter": ("incollection", "incollection"),
    "paper-conference": ("inproceedings", "inproceedings"),
    "report": ("techreport", "report"),
    "thesis": ("phdthesis", "thesis"),
    "software": ("misc", "software"),
    "dataset": ("misc", "dataset"),
}
GENRE = {"post-weblog": "Blog post", "post": "Post", "webpage": "Web page"}
# Where each dialect puts the container (the blog is in howpublished or organization).
CONTAINER_FIELDS = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle"}
BIBLATEX_CONTAINER_FIELDS = {"article": "journaltitle", "incollection": "booktitle", "inproceedings": "booktitle"}
# CSL variable (of Reference.variables) → (BibTeX field, BibLaTeX field).  A variable not listed
# is written under its CSL name in lower case ("csl-" before it where that name means something
# else to BibTeX), which the reader maps back; styles skip fields they do not know.  CSL's issue
# is BibTeX's number in an article.
VARIABLE_FIELDS: dict[str, tuple[str, str]] = {
    "editor": ("editor", "editor"),
    "translator": ("translator", "translator"),
    "container-author": ("bookauthor", "bookauthor"),
    "page": ("pages", "pages"),
    "volume": ("volume", "volume"),
    "edition": ("edition", "edition"),
    "publisher": ("publisher", "publisher"),
    "publisher-place": ("address", "location"),
    "collection-title": ("series", "series"),
    "chapter-number": ("chapter", "chapter"),
    "number-of-volumes": ("volumes", "volumes"),
    "number-of-pages": ("pagetotal", "pagetotal"),
    "title-short": ("shorttitle", "shorttitle"),
    "DOI": ("doi", "doi"),
    "ISBN": ("isbn", "isbn"),
    "ISSN": ("issn", "issn"),
    "event-title": ("eventtitle", "eventtitle"),
    "event-place": ("venue", "venue"),
    "event-date": ("eventdate", "eventdate"),
    "original-date": ("origdate", "origdate"),
    "original-title": ("origtitle", "origtitle"),
    "original-publisher": ("origpublisher", "origpublisher"),
    "original-publisher-place": ("origlocation", "origlocation"),
    "genre": ("type", "type"),
    "version": ("version", "version"),
}
_ARTICLES = frozenset({"article-journal", "article-magazine", "article-newspaper", "article"})


# What cannot appear raw in a URL or would unbalance BibTeX: braces, backslashes, spaces
# and control characters, and non-ASCII (pdflatex's \url cannot typeset it).
_URL_UNSAFE = re.compile(r"[^\x21-\x7e]|[{}\\]")


def _percent_encoded(m: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in m[0].encode("utf-8", "surrogatepass"))  # UTF-8 bytes: the IRI to URI mapping


def _url(url: str) -> str:
    return _URL_UNSAFE.sub(_percent_encoded, url)


_ESCAPED_SPECIAL = re.compile(r"\\[&%$#_]")
_AND = re.compile(r"\band\b", re.I)


def _braced_specials(escaped: str) -> str:
    return _ESCAPED_SPECIAL.sub(lambda m: "{" + m[0] + "}", escaped) if "\\" in escaped else escaped


def _has_text(part: str | None) -> bool:
    """Whether a name part leaves any text in a .bib file (escaping drops control characters)."""
    return bool(part) and bool(part.isprintable() and part.strip() or latex.escape(part).strip())


def format_name(name: Name, ascii: bool = False, extended: bool = False) -> str:
    """One name in BibTeX syntax: ``van Rossum, Guido``, ``King, Jr., Martin``, ``{Google Research}``.

    With ``extended`` (BibLaTeX), a non-dropping particle uses biber's extended
    name format so it stays part of the family name when sorting and citing,
    and so does a given name alone (``given={Plato}``, which biber reads as a
    name with no family part); classic BibTeX has no such name: ``{Plato}``.
    """
    # In names, escaped specials are braced ({\&}): bibtexparser's name splitter drops a bare
    # "\&" that makes up a whole name part, and BibTeX treats a braced group as one letter.
    esc = lambda t: _braced_specials(latex.escape(t, ascii))  # noqa: E731
    if name.literal is not None:
        return "{" + esc(name.literal) + "}"
    if extended and name.family is None and _has_text(name.given):
        parts = [f"given={{{esc(name.given)}}}"]  # type: ignore[arg-type]
        parts += [f"{key}={{{esc(value)}}}" for key, value in (("prefix", name.non_dropping_particle),
                                                               ("suffix", name.suffix)) if _has_text(value)]
        return ", ".join(parts)
    if not _has_text(name.family):
        # A family name of control characters or blanks has no text to write ("Jane, " would
        # lose the rest of the name): what is left of the name is written as one literal.
        rest = latex.escape(name.display(), ascii).strip()
        return "{" + _braced_specials(rest) + "}" if rest else ""
    optional = (name.given, name.suffix, name.non_dropping_particle)
    if not all(_has_text(part) for part in optional if part is not None):
        # A part with no text is no part: "Doe, " (a given name of blanks or control characters) is a
        # BibTeX syntax error.
        given, suffix, particle = (part if _has_text(part) else None for part in optional)
        name = replace(name, given=given, suffix=suffix, non_dropping_particle=particle)
    if extended and name.non_dropping_particle:
        parts = [f"family={{{esc(name.family or '')}}}"]
        if name.given:
            parts.append(f"given={{{esc(name.given)}}}")
        parts.append(f"prefix={{{esc(name.non_dropping_particle)}}}")
        if name.suffix:
            parts.append(f"suffix={{{esc(name.suffix)}}}")
        parts.append("useprefix=true")
        return ", ".join(parts)

    def part(text: str) -> str:
        # A part containing a comma or the word "and" (any case) would be mis-split by BibTeX.
        return "{" + esc(text) + "}" if "," in text or _AND.search(text) else esc(text)

    family = part(name.family or "")
    if not (name.given or name.suffix or name.non_dropping_particle) and len((name.family or "").split()) > 1 \
            and not family.startswith("{"):
        # A family name of several words with no given name: braced, or BibTeX reads
        # its first word as the given name ("Doe Smith" → Doe, Smith).
        family = "{" + family + "}"
    if name.non_dropping_particle:
        family = f"{part(name.non_dropping_particle)} {family}"
    pieces = [family]
    if name.suffix:
        pieces.append(part(name.suffix))
    if name.given or name.suffix:
        pieces.append(part(name.given or ""))
    return ", ".join(pieces)


class _Memo:
    """The texts of the names and dates met in one write, by ``id`` of the object (they
    repeat across an archive, and the readers share the objects): look one up in
    ``names``/``dates``, call :meth:`name`/:meth:`date` on a miss.  It keeps every object
    it has seen, so no other object can take one's id while it lives."""

    def __init__(self, ascii: bool, extended: bool) -> None:
        self.ascii, self.extended = ascii, extended
        self.names: dict[int, str] = {}
        self.dates: dict[int, str] = {}
        self._seen: list[Name | Date] = []

    def name(self, name: Name) -> str:
        text = format_name(name, self.ascii, self.extended)
        # A name with no text left (only control characters) would be an empty author: "".
        text = self.names[id(name)] = text if text.strip("{} ") else ""
        self._seen.append(name)
        return text

    def date(self, date: Date) -> str:
        text = self.dates[id(date)] = date.iso()
        self._seen.append(date)
        return text


def _authors(ref: Reference, memo: _Memo) -> str:
    texts = []
    for name in ref.author:
        text = memo.names.get(id(name))
        if text is None:
            text = memo.name(name)
        if text:
            texts.append(text)
    if ref.more_authors:
        texts.append("others")
    return " and ".join(texts)


def _long_date(date: Date) -> str:
    """``January 2, 2024``: month, day and year in the order of the day in ``month``."""
    if date.year is None:
        return date.literal  # type: ignore[return-value]
    if date.day:
        return f"{MONTH_NAMES[date.month]} {date.day}, {date.year}"  # type: ignore[index]
    if date.month:
        return f"{MONTH_NAMES[date.month]} {date.year}"
    return str(date.year)


def _date_field(date: Date, ascii: bool) -> str:
    """A date field's value: EDTF, or the text of a date with no year (read back as that literal)."""
    return date.iso() if date.year is not None else latex.escape(date.literal, ascii)  # type: ignore[arg-type]


def _month_value(date: Date) -> str:
    """The ``month`` value: the bare macro, then the day where there is one (``jan # "~25,"``).  The month comes
    first so that biber, which compares ``month`` as a number with the month of ``date``, finds them equal."""
    macro = MONTH_MACROS[date.month - 1]  # type: ignore[operator]
    return f'{macro} # "~{date.day},"' if date.day else macro


def _title(ref: Reference, ascii: bool) -> str:
    """The title with the capitals protected that styles must keep (the excerpt is the
    evidence for proper nouns), or as a person braced it in a BibTeX source (kept in
    ``extra``) when that still spells this title."""
    if ref.extra:
        raw = ref.extra_dict.get(LATEX_TITLE)
        if raw and (raw.isascii() or not ascii) and " ".join(latex.decode(raw).split()) == ref.title:
            return raw
    return latex.protect_title(ref.title or "", ascii, ref.abstract)


# The layout of bibtexparser v2's writer with BibtexFormat(indent="  ", value_column=15,
# trailing_comma=True, block_separator="\n") and no middleware; tests/formats/test_bibtex_layout.py
# checks it against bibtexparser.
def _line(name: str, value: str) -> str:
    return f"  {name:<12} = {value}"


def _head(ref: Reference, entry_type: str, ascii: bool, memo: _Memo) -> list[str]:
    """The entry's first line, then the author and title fields (both dialects start so)."""
    lines = [f"@{entry_type}{{{ref.id}"]
    authors = _authors(ref, memo)
    if authors:
        lines.append(f"  author       = {{{authors}}}")
    if ref.title:
        # Only a reference read from BibTeX (extra) may keep its title as it was braced there.
        title = _title(ref, ascii) if ref.extra else latex.protect_title(ref.title, ascii, ref.abstract)
        lines.append(f"  title        = {{{title}}}")
    return lines


def _end(ref: Reference, lines: list[str], ascii: bool, biblatex: bool) -> str:
    """Add the fields both dialects end with and those kept from a BibTeX source; the entry's text."""
    if ref.language:
        lines.append(_line("langid" if biblatex else "language", "{" + latex.escape(ref.language, ascii) + "}"))
    if ref.abstract:
        lines.append(f"  abstract     = {{{latex.escape(ref.abstract, ascii)}}}")
    if ref.keyword:
        lines.append(f"  keywords     = {{{latex.escape(', '.join(ref.keyword), ascii)}}}")
    if ref.note:
        lines.append(_line("annotation" if biblatex else "annote", "{" + latex.escape(ref.note, ascii) + "}"))
    if ref.extra:
        _kept_fields(ref, lines, ascii)
    return ",\n".join(lines) + ",\n}\n"


def _kept_fields(ref: Reference, lines: list[str], ascii: bool) -> None:
    """Append the fields a BibTeX source had that the model has no place for."""
    names = {line.split(None, 1)[0] for line in lines[1:]}  # the fields written so far
    for key, value in ref.extra:
        name = key[len(EXTRA_PREFIX):] if key.startswith(EXTRA_PREFIX) else None
        if name and re.fullmatch(r"[a-z][a-z0-9_.:+-]*", name) and name not in names:
            lines.append(_line(name, "{" + (_url(value) if name == "url" else latex.escape(value, ascii)) + "}"))
            names.add(name)


def _variable_field(variable: str, kind: str, biblatex: bool) -> str:
    """The field a variable of ``Reference.variables`` is written to, for a reference of CSL type ``kind``."""
    if variable == "issue" and kind in _ARTICLES:
        return "number"
    if variable == "number" and kind in _ARTICLES:
        return "csl-number"
    pair = VARIABLE_FIELDS.get(variable)
    if pair is not None:
        return pair[biblatex]
    name = variable.lower()
    return "csl-" + name if name in _RESERVED else name


def _variable_lines(ref: Reference, lines: list[str], ascii: bool, biblatex: bool, memo: _Memo) -> None:
    """Append the CSL variables the model keeps in ``variables``: names as an author list, dates
    as EDTF (ranges, seasons, circa), a page range with BibTeX's ``--``, text escaped."""
    for variable, value in ref.variables:
        field = _variable_field(variable, ref.type, biblatex)
        if isinstance(value, tuple):
            text = " and ".join(t for t in (memo.names.get(id(n)) or memo.name(n) for n in value) if t)
            if text and variable in ref.more_names:
                text += " and others"
        elif isinstance(value, Date):
            text = _date_field(value, ascii)
        else:
            text = latex.escape(value, ascii)
            if variable == "page":
                text = _PAGE_RANGE.sub("--", text)
        if text:
            lines.append(_line(field, "{" + text + "}"))


_PAGE_RANGE = re.compile(r"(?<=\w)[-–](?=\w)")


def _bibtex_entry(ref: Reference, ascii: bool, profile: str, memo: _Memo) -> str:
    entry_type = ENTRY_TYPES.get(ref.type, _MISC)[0]
    lines = _head(ref, entry_type, ascii, memo)
    if not ref.author:
        # plain.bst sorts and labels an author-less entry by its key field.
        lines.append(f"  key          = {{{latex.escape(ref.container_title or ref.title or ref.id, ascii)}}}")
    container = CONTAINER_FIELDS.get(entry_type)
    blog = r"\emph{" + latex.escape(ref.container_title, ascii) + "}" if ref.container_title and not container else ""
    genre = GENRE.get(ref.type)
    note = []
    if entry_type == "misc":
        howpublished = f"{genre}, {blog}" if genre and blog else genre or blog
        if howpublished:
            lines.append(f"  howpublished = {{{howpublished}}}")
    elif container and ref.container_title:
        lines.append(_line(container, "{" + latex.escape(ref.container_title, ascii) + "}"))
    elif blog:
        note.append(blog)  # other entry types do not print howpublished
    issued, accessed = ref.issued, ref.accessed
    if issued and issued.year is None:
        lines.append(_line("year", "{" + latex.escape(issued.literal, ascii) + "}"))  # type: ignore[arg-type]
    elif issued:
        if issued.day or not issued.plain:  # for biber, before month (see the module docstring)
            lines.append(f"  date         = {{{issued.iso()}}}")
        if issued.month:
            lines.append(f"  month        = {_month_value(issued)}")
        lines.append(f"  year         = {{{issued.year}}}")
    if ref.url and profile == "plain":
        note.append(r"\url{" + _url(ref.url) + "}")
    if accessed and accessed.year is not None and profile in ("plain", "natbib"):
        note.append(f"Accessed {_long_date(accessed)}")
    if note:
        lines.append(f"  note         = {{{'. '.join(note)}}}")
    if ref.url and profile != "plain":
        lines.append(f"  url          = {{{_url(ref.url)}}}")
    if accessed:
        if profile == "urlbst" and accessed.year is not None:
            lines.append(f"  lastchecked  = {{{_long_date(accessed)}}}")
        elif profile == "acm" and accessed.year is not None:
            lines.append(f"  lastaccessed = {{{_long_date(accessed)}}}")
        lines.append(f"  urldate      = {{{_date_field(accessed, ascii)}}}")
    if ref.variables:
        _variable_lines(ref, lines, ascii, False, memo)
    return _end(ref, lines, ascii, biblatex=False)


def _biblatex_entry(ref: Reference, ascii: bool, profile: str, memo: _Memo) -> str:
    lines = _head(ref, ENTRY_TYPES.get(ref.type, _MISC)[1], ascii, memo)
    if ref.issued and ref.issued.year is None:
        # biber ignores a date field that is no date, and keeps a year field's text (warning it may not sort)
        lines.append(_line("year", "{" + latex.escape(ref.issued.literal, ascii) + "}"))  # type: ignore[arg-type]
    elif ref.issued:
        date = memo.dates.get(id(ref.issued))
        if date is None:
            date = memo.date(ref.issued)
        lines.append(f"  date         = {{{date}}}")
    if ref.container_title:
        # The standard @online driver prints organization, not journaltitle or howpublished.
        field = BIBLATEX_CONTAINER_FIELDS.get(lines[0][1:lines[0].index("{")], "organization")
        lines.append(_line(field, "{" + latex.escape(ref.container_title, ascii) + "}"))
    if ref.url:
        lines.append(f"  url          = {{{_url(ref.url)}}}")
    if ref.accessed:
        lines.append(f"  urldate      = {{{_date_field(ref.accessed, ascii)}}}")
    if ref.variables:
        _variable_lines(ref, lines, ascii, True, memo)
    return _end(ref, lines, ascii, biblatex=True)


_MISC = ("misc", "misc")


def _write(refs: Sequence[Reference], options: WriteOptions, biblatex: bool, diag: Diagnostics | None = None) -> str:
    """Every entry in bibtexparser's layout, spelt out with f-strings (building bibtexparser's
    objects to write them is much slower: bench/); with ``ascii``, what still needs UTF-8 or
    a package is reported to ``diag``, naming the entry."""
    entry = _biblatex_entry if biblatex else _bibtex_entry
    ascii, profile = options.ascii, options.bibtex_profile
    memo = _Memo(ascii, extended=biblatex)
    entries = [entry(ref, ascii, profile, memo) for ref in refs]
    if ascii and diag is not None:
        for ref, text in zip(refs, entries):
            fields = text.partition("\n")[2]
            for problem in latex.ascii_problems(fields):
                where = ref.origin or Origin("<output>")
                diag.warn(where.source, where.line, f"{text[: text.index(',')]}}}: {problem}")
    return "\n".join(entries)


def write_bibtex(refs: Sequence[Reference], options: WriteOptions = WriteOptions(),
                 diag: Diagnostics | None = None) -> str:
    return _write(refs, options, biblatex=False, diag=diag)


def write_biblatex(refs: Sequence[Reference], options: WriteOptions = WriteOptions(),
                   diag: Diagnostics | None = None) -> str:
    return _write(refs, options, biblatex=True, diag=diag)


# ----------------------------------------------------------------------------- reading
#
# Both dialects are read by one reader: the field tables below invert the
# writers' choices (and accept what other tools write), so our own output reads
# back to the same references.  Values are resolved here (``@string`` macros,
# month macros, ``#`` concatenation), then LaTeX is decoded with
# :func:`blogbib.latex.decode`.  A field with no home in the model is kept in
# ``extra`` as ``bibtex:<field>`` and written back out by both writers.

EXTRA_PREFIX = "bibtex:"
LATEX_TITLE = "latex-title"  # the title as written, when its braces say more than ours would

# BibTeX/BibLaTeX field → model attribute, for plain text fields.
TEXT_FIELDS: dict[str, str] = {
    "title": "title",
    "abstract": "abstract",
    "annote": "note",
    "annotation": "note",
    "language": "language",
    "langid": "language",
    "organization": "container_title",
    "journaltitle": "container_title",
    "journal": "container_title",
    "booktitle": "container_title",
    "maintitle": "container_title",
}
# Fields the writers compute from the model; read back into it, never kept as extra.
DERIVED_FIELDS = {"howpublished", "note", "key", "month", "year", "date", "url", "urldate", "lastchecked",
                  "lastaccessed", "author", "keywords", "day"}
# Entry type → CSL type (BibTeX's @misc is refined by ``howpublished``).
READ_TYPES: dict[str, str] = {
    "online": "post-weblog", "electronic": "webpage", "www": "webpage", "article": "article-journal",
    "book": "book", "incollection": "chapter", "inbook": "chapter", "inproceedings": "paper-conference",
    "conference": "paper-conference", "techreport": "report", "report": "report", "phdthesis": "thesis",
    "mastersthesis": "thesis", "thesis": "thesis", "software": "software", "dataset": "dataset",
    "unpublished": "manuscript", "misc": "document", "booklet": "document", "manual": "report",
}
_GENRE_TYPES = {label.casefold(): csl for csl, label in GENRE.items()}
# Fields the writers give a meaning of their own: a CSL variable of that name is written as csl-<name>.
_RESERVED = frozenset({*DERIVED_FIELDS, *TEXT_FIELDS, "number", "issue", "type", "crossref",
                       *(f for pair in VARIABLE_FIELDS.values() for f in pair)})
# Field → CSL variable, for Reference.variables: the table's fields in both dialects, what other
# tools call the same thing, and every other variable under its own name.
_FIELD_VARIABLES: dict[str, str] = {
    **{v.lower(): v for v in (NAME_VARIABLES | DATE_VARIABLES | NUMBER_VARIABLES | STRING_VARIABLES) - set(ATTRIBUTES)
       if v.lower() not in _RESERVED},
    **{"csl-" + v.lower(): v for v in (NAME_VARIABLES | DATE_VARIABLES | NUMBER_VARIABLES | STRING_VARIABLES)
       - set(ATTRIBUTES)},
    **{f: v for v, pair in VARIABLE_FIELDS.items() for f in pair},
    "issue": "issue", "number": "issue", "institution": "publisher", "school": "publisher",
}
_MONTH_NUMBERS = {name: i for i, name in enumerate(MONTH_MACROS, start=1)}


class _EntryError(ValueError):
    pass


def _split_concatenation(raw: str) -> list[str]:
    """``blog # " x"`` → ``['blog', '" x"']`` (``#`` outside braces and quotes; BibTeX's
    count of braces, where a backslash escapes nothing)."""
    return [p.strip() for p in latex.split_top(raw, "#", escapes=False, quotes=True)]


def _resolve(raw: str, strings: dict[str, str], field: str) -> str:
    """A raw BibTeX value (braced, quoted, number, macro, or ``#`` of them) → its LaTeX text."""
    out = []
    for piece in _split_concatenation(raw):
        if len(piece) >= 2 and piece[0] == "{" and piece[-1] == "}":
            out.append(piece[1:-1])
        elif len(piece) >= 2 and piece[0] == '"' and piece[-1] == '"':
            out.append(piece[1:-1])
        elif piece.isdigit():
            out.append(piece)
        elif piece.lower() in strings:
            out.append(strings[piece.lower()])
        elif piece.lower()[:3] in _MONTH_NUMBERS and len(piece) == 3:
            out.append(piece.lower())  # a month macro: read by _month
        elif not piece:
            raise _EntryError(f"{field}: empty value")
        else:
            raise _EntryError(f"{field}: undefined macro {piece!r} (no @string defines it)")
    return "".join(out)


_DAY_MONTH = re.compile(r"(\d{1,2})[\s~]+([a-z]+)|([a-z]+)[\s~]+(\d{1,2}),?")


def _month(text: str) -> tuple[int, int | None]:
    """A ``month`` value → (month, day): ``jul``, ``7``, ``July``, and with a day
    (``"15~" # jul``, which reads ``15~jul``, or ``jul # "~15,"``)."""
    from ..dates import MONTHS

    word = " ".join(latex.decode(text).split()).rstrip(".").lower()
    if word.isdigit() and 1 <= int(word) <= 12:
        return int(word), None
    if word in MONTHS:
        return MONTHS[word], None
    m = _DAY_MONTH.fullmatch(word)
    if m and (m[2] or m[3]).rstrip(".") in MONTHS:
        day = int(m[1] or m[4])
        if 1 <= day <= 31:
            return MONTHS[(m[2] or m[3]).rstrip(".")], day
    raise _EntryError(f"month: not a month: {text!r}")


def _split_top(text: str, sep: str) -> list[str]:
    """Split LaTeX at ``sep`` outside braces."""
    return latex.split_top(text, sep)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    value = " ".join(latex.decode(text).split())
    return value or None


def _extended_name(text: str) -> Name:
    """BibLaTeX's ``family=Rossum, given=Guido, prefix=van, useprefix=true``."""
    parts: dict[str, str] = {}
    for item in _split_top(text, ","):
        key, sep, value = item.partition("=")
        if not sep:
            raise _EntryError(f"author: cannot read name part {item.strip()!r}")
        value = value.strip()
        if value.startswith("{") and value.endswith("}"):
            value = value[1:-1]
        parts[key.strip().lower()] = value
    family, given = _clean(parts.get("family")), _clean(parts.get("given"))
    if family is None and given is None:
        raise _EntryError(f"author: a name without family or given part: {text!r}")
    return Name(family=family, given=given,
                non_dropping_particle=_clean(parts.get("prefix")), suffix=_clean(parts.get("suffix")))


def _names(text: str) -> tuple[list[Name], bool]:
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    names, more = [], False
    for person in split_multiple_persons_names(text):
        person = person.strip()
        if not person:
            continue
        if person == "others":
            more = True
            continue
        if re.match(r"^\s*(?:family|given|prefix|suffix)\s*=", person, re.I):
            names.append(_extended_name(person))
            continue
        if person.startswith("{") and _group_closes_at_end(person):
            literal = _clean(person)
            if literal:
                names.append(Name(literal=literal))
            continue
        if person.endswith(",") and person.count(",") == 2:
            person += " {}"  # "King, Jr., " (a suffix and no given name): an empty given part
        try:
            parts = parse_single_name_into_parts(person, strict=True)
        except Exception as exc:  # noqa: BLE001 - bibtexparser's name errors carry the reason
            raise _EntryError(f"author: cannot read name {person!r}: {exc}") from None
        if "," not in person and parts.first and not parts.von and all(w[:1].islower() for w in parts.first):
            parts.von, parts.first = parts.first, []  # "van Gogh": BibTeX reads the lower-case word as von
        if parts.von:
            _fix_von(parts, comma_form="," in person)
        family = _clean(" ".join(parts.last))
        if family is None:
            raise _EntryError(f"author: no family name in {person!r}")
        names.append(Name(
            family=family,
            given=_clean(" ".join(parts.first)),
            non_dropping_particle=_clean(" ".join(parts.von)),
            suffix=_clean(" ".join(parts.jr)),
        ))
    return names, more


def _fix_von(parts, comma_form: bool) -> None:
    """bibtexparser takes ``{\\L}a`` for a lower-case word; BibTeX (and we) read the
    letter the command makes.  Upper-case words move out of the von part."""
    von = list(parts.von)
    upper = [bool(latex.decode(w)[:1].isupper()) for w in von]
    while von and upper[-1]:
        parts.last.insert(0, von.pop())
        upper.pop()
    if not comma_form:
        while von and upper[0]:
            parts.first.append(von.pop(0))
            upper.pop(0)
    parts.von = von


def _group_closes_at_end(text: str) -> bool:
    """Whether ``text`` is one brace group (BibTeX's count: a literal name is ``{…}``)."""
    return latex.brace_pairs(text, escapes=False).get(0) == len(text) - 1


def _wrapped(text: str, command: str) -> str | None:
    """The argument of ``text`` when it is exactly ``\\command{argument}``."""
    opening = len(command) + 1
    if text.startswith("\\" + command + "{") and latex.brace_pairs(text).get(opening) == len(text) - 1:
        return text[opening + 1 : -1]
    return None


_LONG_DATE = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4}|[A-Z][a-z]+ \d{4}|\d{4}")


def _read_note(note: str) -> tuple[str | None, str | None, Date | None, Date | None] | None:
    """The note our BibTeX writer composes, sentences joined by ". ": the blog
    (``\\emph{Blog}``, with the posting date in notes written before the day
    moved to ``month``), the URL (``\\url{…}``), ``Accessed January 2, 2024`` (earlier
    versions wrote ``2 January 2024``).

    Returns (blog, url, posted, accessed), or None for any other note.
    """
    blog = url = posted = accessed = None
    for sentence in _split_top(note.strip(), ". "):
        sentence = sentence.strip().removesuffix(".")
        try:
            if sentence.startswith("Accessed ") and accessed is None and _LONG_DATE.fullmatch(sentence[9:]):
                accessed = parse_date(sentence[9:])
                continue
            if _wrapped(sentence, "url") is not None and url is None:
                url = _wrapped(sentence, "url")
                continue
            first, _, rest = sentence.partition(", ")
            if _wrapped(first, "emph") is not None and blog is None and (not rest or _LONG_DATE.fullmatch(rest)):
                blog = _wrapped(first, "emph")
                posted = parse_date(rest) if rest else None
                continue
            if _LONG_DATE.fullmatch(sentence) and posted is None:
                posted = parse_date(sentence)
                continue
        except DateError:
            pass
        return None
    return (_clean(blog) if blog is not None else None), url, posted, accessed


def _read_howpublished(text: str) -> tuple[str | None, str | None, str | None] | None:
    """``Blog post, \\emph{Blog}`` (or ``, \\url{…}``, as earlier versions wrote) →
    (type, blog, url), or None if it says anything else."""
    kind = blog = url = None
    for part in _split_top(text, ", "):
        part = part.strip()
        if _wrapped(part, "url") is not None and url is None and not re.search(r"[{}\\]", part[5:-1]):
            url = part[5:-1]
        elif _wrapped(part, "emph") is not None and blog is None:
            blog = _clean(_wrapped(part, "emph"))
        elif part.casefold() in _GENRE_TYPES and kind is None:
            kind = _GENRE_TYPES[part.casefold()]
        elif part:
            return None
    return kind, blog, url


def _entry_to_reference(entry, strings: dict[str, str], source: str, line: int, diag: Diagnostics) -> Reference:
    fields: dict[str, str] = {}
    for f in entry.fields:
        key = f.key.lower()
        if key in fields:
            diag.warn(source, line, f"field {key} given twice; the first is kept")
            continue
        fields[key] = _resolve(str(f.value), strings, key)
    entry_type = entry.entry_type.lower()
    attrs: dict[str, object] = {"id": entry.key, "type": READ_TYPES.get(entry_type, "document")}
    extra: dict[str, str] = {}

    for name, attr in TEXT_FIELDS.items():
        if name in fields and attr not in attrs:
            value = _clean(fields[name])
            if value is not None:
                attrs[attr] = value
        elif name in fields and _clean(fields[name]) not in (None, attrs.get(attr)):
            extra[EXTRA_PREFIX + name] = _clean(fields[name]) or ""
    if "title" in fields and attrs.get("title") is not None:
        raw = " ".join(fields["title"].split())
        decoded = latex.decode(fields["title"])
        evidence = attrs.get("abstract")
        ours = {" ".join(latex.protect_title(decoded, ascii, evidence).split()) for ascii in (False, True)}
        if raw not in ours:
            extra[LATEX_TITLE] = raw  # braces chosen by a person: written back as they were
    if "author" in fields:
        names, more = _names(fields["author"])
        attrs["author"], attrs["more_authors"] = tuple(names), more
    if "keywords" in fields:
        words = _clean(fields["keywords"]) or ""
        attrs["keyword"] = tuple(w.strip() for w in re.split(r"[,;]", words) if w.strip())

    # Dates: BibLaTeX's date, else year + month (with the day in it, in a day field, or in an earlier version's note).
    issued: Date | None = None
    if "date" in fields:
        issued = _edtf(fields["date"], "date", source, line, diag, extra)
    elif "year" in fields:
        year = latex.decode(fields["year"]).strip()
        if not year:
            diag.warn(source, line, f"year is empty; kept as {EXTRA_PREFIX}year")
            extra[EXTRA_PREFIX + "year"] = year
        elif not re.fullmatch(r"-?\d{1,4}", year) or int(year) == 0:
            issued = Date(literal=_clean(fields["year"]))  # "forthcoming", "n.d.": printed as it is
            if "month" in fields:
                extra[EXTRA_PREFIX + "month"] = latex.decode(fields["month"])
        else:
            month, day = _month(fields["month"]) if "month" in fields else (None, None)
            if "day" in fields and month is not None and day is None:
                day_text = latex.decode(fields["day"]).strip()
                if not day_text.isdigit():
                    raise _EntryError(f"day: not a number: {day_text!r}")
                day = int(day_text)
            try:
                issued = Date(int(year), month, day)
            except ValueError as exc:
                raise _EntryError(f"year/month: {exc}") from None
    elif "month" in fields:
        extra[EXTRA_PREFIX + "month"] = latex.decode(fields["month"])

    url = " ".join(fields["url"].split()) or None if "url" in fields else None  # verbatim, as \\url reads it
    accessed: Date | None = None
    for name in ("urldate", "lastchecked", "lastaccessed"):
        if name in fields and accessed is None:
            try:
                accessed = _text_date(latex.decode(fields[name]))
            except DateError as exc:
                raise _EntryError(f"{name}: {exc}") from None

    if "howpublished" in fields:
        hp = _read_howpublished(fields["howpublished"])
        if hp is None:
            extra[EXTRA_PREFIX + "howpublished"] = _clean(fields["howpublished"]) or ""
        else:
            kind, hp_blog, hp_url = hp
            if kind and entry_type == "misc":
                attrs["type"] = kind
            if hp_blog and "container_title" not in attrs:
                attrs["container_title"] = hp_blog
            url = url or hp_url
    if "note" in fields:
        ours = _read_note(fields["note"])
        if ours is None:
            extra[EXTRA_PREFIX + "note"] = _clean(fields["note"]) or ""
        else:
            blog, note_url, posted, note_accessed = ours
            if blog and "container_title" not in attrs:
                attrs["container_title"] = blog
            url = url or note_url
            if posted and issued and posted.year == issued.year and posted.month == issued.month and not issued.day:
                issued = posted
            elif posted and issued is None:
                issued = posted
            accessed = accessed or note_accessed
    if "key" in fields:
        key = _clean(fields["key"])
        if key not in (attrs.get("container_title"), attrs.get("title"), entry.key):
            extra[EXTRA_PREFIX + "key"] = key or ""

    variables: dict[str, object] = {}
    more_names: list[str] = []  # name lists ending in "and others"
    for name, value in fields.items():
        if name in TEXT_FIELDS or name in DERIVED_FIELDS:
            continue
        variable = _FIELD_VARIABLES.get(name)
        if variable == "issue" and name == "number" and attrs["type"] not in _ARTICLES:
            variable = "number"
        if variable is None or variable in variables:
            extra[EXTRA_PREFIX + name] = _clean(value) or ""
        elif variable in NAME_VARIABLES:
            names, more = _names(value)
            if more and not names:  # "others" alone names nobody: kept as it was
                extra[EXTRA_PREFIX + name] = _clean(value) or ""
                continue
            variables[variable] = tuple(names)
            if more and variable != "author":
                more_names.append(variable)
        elif variable in DATE_VARIABLES:
            variables[variable] = _edtf(value, name, source, line, diag, extra)
        else:
            variables[variable] = _clean(_PAGE_DASHES.sub("-", value) if variable == "page" else value)
    attrs.update(issued=issued, accessed=accessed, url=url)
    return Reference(**attrs, variables=variables, more_names=tuple(more_names),  # type: ignore[arg-type]
                     extra=tuple(sorted(extra.items())), origin=Origin(source, line))


_PAGE_DASHES = re.compile(r"(?<=\w)--(?=\w)")
_EDTF = re.compile(r"(-?\d{4,})(?:-(\d\d)(?:-(\d\d))?)?([~?%]?)")


def _text_date(text: str) -> Date:
    """Any date :func:`blogbib.dates.parse_date` reads; text with no date's shape is a literal-only date."""
    try:
        return parse_date(text.strip())
    except NotADate:
        return Date(literal=" ".join(text.split()))


def _edtf(text: str, field: str, source: str, line: int, diag: Diagnostics, extra: dict[str, str]) -> Date | None:
    """An EDTF date as BibLaTeX writes it (``2017-07-03/2017-07-07``, ``1995-22`` for summer, ``1990~``,
    ``-0049`` for 50 BC), else any date :func:`blogbib.dates.parse_date` reads, else (text with no date's
    shape: ``n.d.``) a literal-only date.  An open range keeps its start (the text goes to extra, with a
    warning)."""
    # EDTF's ~ (circa) is no LaTeX space here: only a value with braces or commands is decoded
    text = " ".join((latex.decode(text) if re.search(r"[{}\\]", text) else text).split())
    if not text:
        return None
    start_text, slash, end_text = text.partition("/")
    try:
        start = _edtf_part(start_text)
        if not slash or end_text.strip() in ("", ".."):
            if slash:
                diag.warn(source, line, f"{field} range {text!r} is open: the start is used")
                extra[EXTRA_PREFIX + field] = text
            return start
        end = _edtf_part(end_text)
        if end.end is not None or end.circa or end.season is not None or end.parts() == start.parts():
            raise DateError(f"not a date range: {text!r}")
        return replace(start, end=end)
    except NotADate:
        return Date(literal=text)
    except (DateError, ValueError) as exc:
        raise _EntryError(f"{field}: {exc}") from None


def _edtf_part(text: str) -> Date:
    m = _EDTF.fullmatch(text.strip())
    if m is None:
        return parse_date(text)
    year = int(m[1])
    year = year - 1 if year <= 0 else year  # EDTF counts a year 0; CSL's -50 is 50 BC
    month = int(m[2]) if m[2] else None
    season = None
    if month is not None and 21 <= month <= 24 and not m[3]:
        season, month = month - 20, None
    return Date(year, month, int(m[3]) if m[3] else None, season=season, circa=bool(m[4]))


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Reference]:
    """BibTeX or BibLaTeX → references; a broken entry is reported with its line and skipped."""
    import logging

    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock

    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)  # its messages become our Problems below
    try:
        library = bibtexparser.parse_string(text.lstrip("\ufeff"), parse_stack=[])
    except RecursionError:
        diag.error(source, 1, "the file is nested too deeply to read", skipped=False)
        return []
    except Exception as exc:  # noqa: BLE001 - a parser crash on odd input is still bad input
        diag.error(source, 1, f"not readable as BibTeX ({type(exc).__name__}: {exc})", skipped=False)
        return []
    finally:
        logger.setLevel(level)

    strings: dict[str, str] = {}
    for block in library.strings:
        try:
            strings[block.key.lower()] = _resolve(str(block.value), strings, f"@string {block.key}")
        except _EntryError as exc:
            diag.warn(source, (block.start_line or 0) + 1, str(exc))

    work: list[tuple[int, object]] = [((e.start_line or 0) + 1, e) for e in library.entries]
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock) and hasattr(block.ignore_error_block, "fields"):
            diag.warn(source, line, f"duplicate key {block.key!r}: both entries kept (keys are made unique on output)")
            work.append((line, block.ignore_error_block))
            continue
        diag.stats.read += 1
        error = getattr(block, "error", None)
        reason = (str(error).strip().splitlines() or [""])[0]
        if not reason:
            reason = "the entry is not closed (a missing } or \")" if "Aborted" in type(error).__name__ \
                else f"syntax error ({type(error).__name__})"
        reason = reason.replace("`", "")
        diag.error(source, line, f"broken entry: {reason}")
    refs: list[tuple[int, Reference]] = []
    for line, entry in sorted(work, key=lambda item: item[0]):
        diag.stats.read += 1
        try:
            refs.append((line, _entry_to_reference(entry, strings, source, line, diag)))
        except _EntryError as exc:
            diag.error(source, line, f"@{entry.entry_type}{{{entry.key}}}: {exc}")  # type: ignore[attr-defined]
    return [ref for _, ref in refs]


def type_after_round_trip(kind: str, biblatex: bool) -> str:
    """The CSL type a reference of type ``kind`` has after writing and reading this dialect."""
    bibtex_type, biblatex_type = ENTRY_TYPES.get(kind, ("misc", "misc"))
    entry_type = biblatex_type if biblatex else bibtex_type
    if entry_type == "misc" and not biblatex and kind in GENRE:
        return kind
    return READ_TYPES.get(entry_type, "document")
