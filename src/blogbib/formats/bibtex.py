"""BibTeX and BibLaTeX in bibtexparser v2's layout (the only module that may import bibtexparser).

BibTeX (``@misc``, for classic ``.bst`` styles) and BibLaTeX (``@online``, for
biber) share the name and text encoding; they differ in which fields carry the
blog, the dates and the URL.  Where classic styles look for the URL and access
date depends on the style family, chosen with a profile:

======== ===================================== =========================
profile  URL                                   access date
======== ===================================== =========================
plain    ``howpublished = {\\url{…}}`` + url    in ``note`` (+ urldate)
natbib   ``url``                               in ``note`` (+ urldate)
urlbst   ``url``                               ``lastchecked``
acm      ``url``                               ``lastaccessed``
======== ===================================== =========================
"""

from __future__ import annotations

import re
from typing import Sequence

from .. import latex
from ..dates import DateError, parse_date
from ..errors import Diagnostics
from ..model import Date, Name, Origin, Reference
from ..options import ReadOptions, WriteOptions

__all__ = ["read", "write_bibtex", "write_biblatex", "format_name", "MONTH_MACROS"]

# English month names for the note (calendar.month_name would follow the process locale).
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
    name format so it stays part of the family name when sorting and citing.
    """
    # In names, escaped specials are braced ({\&}): bibtexparser's name splitter drops a bare
    # "\&" that makes up a whole name part, and BibTeX treats a braced group as one letter.
    esc = lambda t: _braced_specials(latex.escape(t, ascii))  # noqa: E731
    if name.literal is not None:
        return "{" + esc(name.literal) + "}"
    if not _has_text(name.family):
        # A family name of control characters or blanks has no text to write ("Jane, " would
        # lose the rest of the name): what is left of the name is written as one literal.
        rest = latex.escape(name.display(), ascii).strip()
        return "{" + _braced_specials(rest) + "}" if rest else ""
    optional = (name.given, name.suffix, name.non_dropping_particle)
    if not all(_has_text(part) for part in optional if part is not None):
        # A part with no text is no part: "Doe, " (a given name of blanks or control characters) is a
        # BibTeX syntax error.
        from dataclasses import replace

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
    """The texts of the names and dates met in one write, by ``id`` of the object:
    ``names`` holds the :func:`format_name` text of each name, ``dates`` the ISO
    text of each date (BibLaTeX's ``date``).  Callers look an object up there and
    call :meth:`name` or :meth:`date` on a miss.

    Names and dates repeat across a big archive (the listing reader shares one
    ``Name`` per distinct name and one ``Date`` per distinct date text), and an
    identity lookup is much cheaper than hashing them (a dataclass hash builds a
    tuple of the fields) or formatting them again.  The memo holds every object
    it has seen, so no other object can take one's id while the memo lives.
    """

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
    if date.day:
        return f"{MONTH_NAMES[date.month]} {date.day}, {date.year}"  # type: ignore[index]
    if date.month:
        return f"{MONTH_NAMES[date.month]} {date.year}"
    return str(date.year)


def _title(ref: Reference, ascii: bool) -> str:
    """The title with its inherent capitals protected, or as a person braced it
    in a BibTeX source (kept in ``extra``) when that still spells this title."""
    raw = ref.extra_dict.get(LATEX_TITLE) if ref.extra else None
    if raw and (raw.isascii() or not ascii) and " ".join(latex.decode(raw).split()) == ref.title:
        return raw
    return latex.protect_title(ref.title or "", ascii)


# The layout bibtexparser v2's writer produces with BibtexFormat(indent="  ",
# value_column=15, trailing_comma=True, block_separator="\n") and an empty
# unparse stack (no middleware): ``@type{key,``, one ``  name<pad> = value,``
# line per field (the name padded to 12 characters: value_column less the 3 of
# " = "), ``}``, a blank line between entries.  The entry writers below spell
# their lines out in it; tests/formats/test_bibtex_layout.py checks them
# against bibtexparser.
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
        title = _title(ref, ascii) if ref.extra else latex.protect_title(ref.title, ascii)
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


def _bibtex_entry(ref: Reference, ascii: bool, profile: str, memo: _Memo) -> str:
    lines = _head(ref, ENTRY_TYPES.get(ref.type, _MISC)[0], ascii, memo)
    if not ref.author:
        # plain.bst sorts and labels an author-less entry by its key field.
        lines.append(f"  key          = {{{latex.escape(ref.container_title or ref.title or ref.id, ascii)}}}")
    howpublished = GENRE.get(ref.type, "")
    if ref.url and profile == "plain":
        url = r"\url{" + _url(ref.url) + "}"
        howpublished = f"{howpublished}, {url}" if howpublished else url
    if howpublished:
        lines.append(f"  howpublished = {{{howpublished}}}")
    issued, accessed = ref.issued, ref.accessed
    note = r"\emph{" + latex.escape(ref.container_title, ascii) + "}" if ref.container_title else ""
    if issued and issued.day:
        note = f"{note}, {_long_date(issued)}" if note else _long_date(issued)
    if accessed and profile in ("plain", "natbib"):
        note = f"{note}. Accessed {_long_date(accessed)}" if note else f"Accessed {_long_date(accessed)}"
    if issued:
        if issued.month:
            lines.append(f"  month        = {MONTH_MACROS[issued.month - 1]}")
        lines.append(f"  year         = {{{issued.year}}}")
    if note:
        lines.append(f"  note         = {{{note}}}")
    if ref.url:
        lines.append(f"  url          = {{{_url(ref.url)}}}")
    if accessed:
        if profile == "urlbst":
            lines.append(f"  lastchecked  = {{{_long_date(accessed)}}}")
        elif profile == "acm":
            lines.append(f"  lastaccessed = {{{_long_date(accessed)}}}")
        lines.append(f"  urldate      = {{{accessed.iso()}}}")
    return _end(ref, lines, ascii, biblatex=False)


def _biblatex_entry(ref: Reference, ascii: bool, profile: str, memo: _Memo) -> str:
    lines = _head(ref, ENTRY_TYPES.get(ref.type, _MISC)[1], ascii, memo)
    if ref.issued:
        date = memo.dates.get(id(ref.issued))
        if date is None:
            date = memo.date(ref.issued)
        lines.append(f"  date         = {{{date}}}")
    if ref.container_title:
        # The standard @online driver prints organization, not journaltitle or howpublished.
        lines.append(f"  organization = {{{latex.escape(ref.container_title, ascii)}}}")
    if ref.url:
        lines.append(f"  url          = {{{_url(ref.url)}}}")
    if ref.accessed:
        lines.append(f"  urldate      = {{{ref.accessed.iso()}}}")
    return _end(ref, lines, ascii, biblatex=True)


_MISC = ("misc", "misc")


def _write(refs: Sequence[Reference], options: WriteOptions, biblatex: bool) -> str:
    """Format every entry in bibtexparser's layout (tests/formats check it is byte-identical).

    Why not bibtexparser's own writer: measured on 100,000 synthetic posts
    (bench/run.py), building its Entry/Field/Library objects and calling
    ``write_string`` (empty unparse stack, no deepcopy) took about 3 s, as
    much as the whole time the benchmark allows (3x a plain-Python floor of
    about 1.1 s), against 0.3 s for these f-strings; and importing it costs
    about 10 ms of a cold ``blogbib export``.  bibtexparser stays the reference
    for the layout: the tests read our output with it, write it back and compare.
    """
    entry = _biblatex_entry if biblatex else _bibtex_entry
    ascii, profile = options.ascii, options.bibtex_profile
    memo = _Memo(ascii, extended=biblatex)
    return "\n".join([entry(ref, ascii, profile, memo) for ref in refs])


def write_bibtex(refs: Sequence[Reference], options: WriteOptions = WriteOptions()) -> str:
    return _write(refs, options, biblatex=False)


def write_biblatex(refs: Sequence[Reference], options: WriteOptions = WriteOptions()) -> str:
    return _write(refs, options, biblatex=True)


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
_MONTH_NUMBERS = {name: i for i, name in enumerate(MONTH_MACROS, start=1)}


class _EntryError(ValueError):
    pass


def _split_concatenation(raw: str) -> list[str]:
    """``blog # " x"`` → ``['blog', '" x"']`` (``#`` outside braces and quotes)."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(raw):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    return [p.strip() for p in parts]


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


def _month(text: str) -> int:
    word = latex.decode(text).strip().rstrip(".").lower()
    if word.isdigit() and 1 <= int(word) <= 12:
        return int(word)
    from ..dates import MONTHS

    if word in MONTHS:
        return MONTHS[word]
    raise _EntryError(f"month: not a month: {text!r}")


def _split_top(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside braces."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            start = i + len(sep)
            i = start
            continue
        i += 1
    parts.append(text[start:])
    return parts


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
    family = _clean(parts.get("family"))
    if family is None:
        raise _EntryError(f"author: a name without family: {text!r}")
    return Name(family=family, given=_clean(parts.get("given")),
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
    depth = 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i == len(text) - 1
    return False


def _emph_prefix(text: str) -> tuple[str | None, str]:
    """``\\emph{Blog}, rest`` → ``('Blog', 'rest')``."""
    if not text.startswith("\\emph{"):
        return None, text
    depth = 0
    for i in range(5, len(text)):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[6:i], text[i + 1 :].lstrip(", ")
    return None, text


_LONG_DATE = r"[A-Z][a-z]+ \d{1,2}, \d{4}|[A-Z][a-z]+ \d{4}|\d{4}"


def _read_note(note: str) -> tuple[str | None, Date | None, Date | None] | None:
    """The note our BibTeX writer composes: ``\\emph{Blog}, July 15, 2022. Accessed May 2, 2024``.

    Returns (blog, posted, accessed), or None for any other note.
    """
    blog, rest = _emph_prefix(note.strip())
    m = re.fullmatch(rf"(?P<posted>(?!Accessed )(?:{_LONG_DATE}))?(?:\.\s*)?(?:Accessed (?P<accessed>(?:{_LONG_DATE})))?", rest.strip())
    if m is None or (blog is None and not m.group("posted") and not m.group("accessed")):
        return None
    try:
        posted = parse_date(m["posted"]) if m["posted"] else None
        accessed = parse_date(m["accessed"]) if m["accessed"] else None
    except DateError:
        return None
    return (_clean(blog) if blog is not None else None), posted, accessed


def _read_howpublished(text: str) -> tuple[str | None, str | None] | None:
    """``Blog post, \\url{…}`` → (type, url), or None if it says anything else."""
    kind, url = None, None
    for part in _split_top(text, ", "):
        part = part.strip()
        m = re.fullmatch(r"\\url\{([^{}]*)\}", part)
        if m and url is None:
            url = m[1]
        elif part.casefold() in _GENRE_TYPES and kind is None:
            kind = _GENRE_TYPES[part.casefold()]
        elif part:
            return None
    return kind, url


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
        ours = {" ".join(latex.protect_title(decoded, ascii).split()) for ascii in (False, True)}
        if raw not in ours:
            extra[LATEX_TITLE] = raw  # braces chosen by a person: written back as they were
    if "author" in fields:
        names, more = _names(fields["author"])
        attrs["author"], attrs["more_authors"] = tuple(names), more
    if "keywords" in fields:
        words = _clean(fields["keywords"]) or ""
        attrs["keyword"] = tuple(w.strip() for w in re.split(r"[,;]", words) if w.strip())

    # Dates: BibLaTeX's date, else year + month (+ the day in our note, or a day field).
    issued: Date | None = None
    if "date" in fields:
        text = latex.decode(fields["date"]).strip()
        start, slash, _ = text.partition("/")
        if slash:
            diag.warn(source, line, f"date range {text!r}: the start is used")
            extra[EXTRA_PREFIX + "date"] = text
        try:
            issued = parse_date(start)
        except DateError as exc:
            raise _EntryError(f"date: {exc}") from None
    elif "year" in fields:
        year = latex.decode(fields["year"]).strip()
        if not re.fullmatch(r"\d{1,4}", year):
            diag.warn(source, line, f"year {year!r} is not a number; kept as {EXTRA_PREFIX}year")
            extra[EXTRA_PREFIX + "year"] = year
        else:
            month = _month(fields["month"]) if "month" in fields else None
            day = None
            if "day" in fields and month is not None:
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
                accessed = parse_date(latex.decode(fields[name]).strip())
            except DateError as exc:
                raise _EntryError(f"{name}: {exc}") from None

    if "howpublished" in fields:
        hp = _read_howpublished(fields["howpublished"])
        if hp is None:
            extra[EXTRA_PREFIX + "howpublished"] = _clean(fields["howpublished"]) or ""
        else:
            kind, hp_url = hp
            if kind and entry_type == "misc":
                attrs["type"] = kind
            url = url or hp_url
    if "note" in fields:
        ours = _read_note(fields["note"])
        if ours is None:
            extra[EXTRA_PREFIX + "note"] = _clean(fields["note"]) or ""
        else:
            blog, posted, note_accessed = ours
            if blog and "container_title" not in attrs:
                attrs["container_title"] = blog
            if posted and issued and posted.year == issued.year and posted.month == issued.month and not issued.day:
                issued = posted
            elif posted and issued is None:
                issued = posted
            accessed = accessed or note_accessed
    if "key" in fields:
        key = _clean(fields["key"])
        if key not in (attrs.get("container_title"), attrs.get("title"), entry.key):
            extra[EXTRA_PREFIX + "key"] = key or ""

    for name, value in fields.items():
        if name not in TEXT_FIELDS and name not in DERIVED_FIELDS:
            extra[EXTRA_PREFIX + name] = _clean(value) or ""
    attrs.update(issued=issued, accessed=accessed, url=url)
    return Reference(**attrs, extra=tuple(sorted(extra.items())), origin=Origin(source, line))  # type: ignore[arg-type]


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
