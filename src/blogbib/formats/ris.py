"""RIS, both directions, from one tag table.

``TY  - BLOG`` lands in Zotero as a blog post: ``T2`` is the blog, ``DA`` the
full date (it wins over ``PY``), ``Y2`` the access date (never ``VL``), one
``AU  - Family, Given`` line per author (editors, translators … likewise, from
VARIABLE_TAGS).  A name with no comma is a
single-field (institutional) name, as Zotero reads it.  Every value is written
on one line, so text can never start a new tag.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..errors import Diagnostics
from ..model import Date, Name, Origin, Reference
from ..text import squeeze
from ..options import ReadOptions, WriteOptions

__all__ = ["read", "write", "type_after_round_trip", "variable_kept", "TAGS", "TYPES"]

# (tag, model attribute, kind) in writing order; reading uses the same table.
TAGS: tuple[tuple[str, str, str], ...] = (
    ("ID", "id", "text"),
    ("AU", "author", "names"),
    ("TI", "title", "text"),
    ("T2", "container_title", "text"),
    ("DA", "issued", "date"),
    ("PY", "issued", "year"),
    ("UR", "url", "text"),
    ("Y2", "accessed", "date"),
    ("AB", "abstract", "text"),
    ("KW", "keyword", "list"),
    ("N1", "note", "text"),
    ("LA", "language", "text"),
)
# (tag, CSL variable, kind) for Reference.variables, in writing order, as Zotero reads them: A2 is a
# book's series editor and everything else's editor, A3 the other way round (see _variable_tag); A4 the
# translator; ED is read as the editor; SP and EP are a page range's two ends; SN is a book's or a chapter's
# ISBN and any other record's ISSN (as Zotero reads and writes it; see _sn_variable).
VARIABLE_TAGS: tuple[tuple[str, str, str], ...] = (
    ("A2", "editor", "names"),
    ("A3", "collection-editor", "names"),
    ("A4", "translator", "names"),
    ("C2", "container-author", "names"),
    ("ST", "title-short", "text"),
    ("J2", "container-title-short", "text"),
    ("T3", "collection-title", "text"),
    ("VL", "volume", "text"),
    ("IS", "issue", "text"),
    ("NV", "number-of-volumes", "text"),
    ("SP", "page", "page"),
    ("ET", "edition", "text"),
    ("PB", "publisher", "text"),
    ("CY", "publisher-place", "text"),
    ("M3", "genre", "text"),
    ("DO", "DOI", "text"),
    ("SN", "ISBN", "text"),
    ("SN", "ISSN", "text"),
)
_ISBN_TYPES = frozenset({"BOOK", "CHAP", "EBOOK", "ECHAP", "EDBOOK"})
_SWAPPED = {"A2": "A3", "A3": "A2"}  # in a BOOK record, editor is A3 and the series editor A2
_READ_VARIABLE_TAGS = {tag: (variable, kind) for tag, variable, kind in VARIABLE_TAGS} | {"ED": ("editor", "names")}
_PAGE_ENDS = re.compile(r"(.*?\S)-(\S.*)")
# CSL type ↔ RIS type; the first CSL type listed for a RIS type is the one read back.
TYPES: tuple[tuple[str, str], ...] = (
    ("post-weblog", "BLOG"),
    ("webpage", "ELEC"),
    ("post", "ELEC"),
    ("article-journal", "JOUR"),
    ("article-magazine", "MGZN"),
    ("article-newspaper", "NEWS"),
    ("book", "BOOK"),
    ("chapter", "CHAP"),
    ("paper-conference", "CPAPER"),
    ("report", "RPRT"),
    ("thesis", "THES"),
    ("software", "COMP"),
    ("dataset", "DATA"),
    ("manuscript", "UNPB"),
    ("document", "GEN"),
)
_TO_RIS = {}
_FROM_RIS = {}
for _csl, _ris in TYPES:
    _TO_RIS.setdefault(_csl, _ris)
    _FROM_RIS.setdefault(_ris, _csl)
_TO_RIS.setdefault("article", "JOUR")


def type_after_round_trip(kind: str) -> str:
    """The CSL type read back from a record written with CSL type ``kind``.

    >>> type_after_round_trip("post"), type_after_round_trip("dataset"), type_after_round_trip("map")
    ('webpage', 'dataset', 'document')
    """
    return _FROM_RIS.get(_TO_RIS.get(kind, "GEN"), "document")

def _sn_variable(ris_type: str) -> str:
    return "ISBN" if ris_type in _ISBN_TYPES else "ISSN"


def variable_kept(kind: str, variable: str) -> bool:
    """Whether ``variable`` (one of VARIABLE_TAGS') comes back from a record written with CSL type ``kind``:
    SN holds one number, the ISBN of a book or chapter, the ISSN of anything else.

    >>> variable_kept("book", "ISBN"), variable_kept("book", "ISSN"), variable_kept("article-journal", "ISSN")
    (True, False, True)
    """
    return variable not in ("ISBN", "ISSN") or variable == _sn_variable(_TO_RIS.get(kind, "GEN"))


_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


def _name_out(name: Name) -> str:
    if name.literal is not None or name.family is None:
        return squeeze(name.display())  # one field, no comma: an institution, or a given name alone (Plato)
    parts = [name.family_full, name.given or ""]
    if name.suffix:
        parts.append(name.suffix)
    return squeeze(", ".join(parts).rstrip(", ") if not name.suffix else ", ".join(parts))


def _date_out(date: Date) -> str:
    """``YYYY/MM/DD``: RIS has no place for a season, a range or circa; a date with no year is its text."""
    if date.year is None:
        return squeeze(date.literal)  # type: ignore[arg-type]
    parts = [p for p in (date.year, date.month, date.day) if p is not None]
    return "/".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts))


def write(refs: Sequence[Reference], options: WriteOptions = WriteOptions()) -> str:
    out: list[str] = []
    for ref in refs:
        out.append(f"TY  - {_TO_RIS.get(ref.type, 'GEN')}")
        for tag, attr, kind in TAGS:
            value = getattr(ref, attr)
            if not value:
                continue
            if kind == "names":
                out.extend(f"{tag}  - {_name_out(n)}" for n in value)
            elif kind == "list":
                out.extend(f"{tag}  - {squeeze(v)}" for v in value)
            elif kind == "date":
                out.append(f"{tag}  - {_date_out(value)}")
            elif kind == "year":
                if value.year is not None:  # a literal-only date is in DA alone
                    out.append(f"{tag}  - {value.year:04d}")
            else:
                out.append(f"{tag}  - {squeeze(value)}")
        if ref.variables:
            _write_variables(ref, out)
        out.append("ER  - ")
        out.append("")
    return "\n".join(out)


def _write_variables(ref: Reference, out: list[str]) -> None:
    ris_type = _TO_RIS.get(ref.type, "GEN")
    book = ris_type == "BOOK"
    for tag, variable, kind in VARIABLE_TAGS:
        value = ref.get(variable)
        if not value or tag == "SN" and variable != _sn_variable(ris_type):
            continue
        tag = _SWAPPED.get(tag, tag) if book else tag
        if kind == "names":
            out.extend(f"{tag}  - {_name_out(n)}" for n in value)  # type: ignore[union-attr]
            continue
        text = squeeze(value)  # type: ignore[arg-type]
        ends = _PAGE_ENDS.fullmatch(text) if kind == "page" else None
        if ends:
            out.append(f"SP  - {ends[1]}")
            out.append(f"EP  - {ends[2]}")
        else:
            out.append(f"{tag}  - {text}")


# ----------------------------------------------------------------------------- reading


def _name_in(text: str) -> Name:
    if "," not in text:
        return Name(literal=text)
    family, _, rest = text.partition(",")
    given, _, suffix = rest.partition(",")
    words = family.split()
    lead = 0
    while lead < len(words) - 1 and words[lead].islower():
        lead += 1
    return Name(
        family=" ".join(words[lead:]) or family.strip(),
        given=given.strip() or None,
        non_dropping_particle=" ".join(words[:lead]) or None,
        suffix=suffix.strip() or None,
    )


_NUMERIC_DATE = re.compile(r"\s*-?\d+\s*(/|$)")


def _date_in(text: str) -> Date:
    """``YYYY/MM/DD`` (parts may be empty); text that does not start with a year is a literal-only date."""
    if not _NUMERIC_DATE.match(text):
        return Date(literal=text.strip())
    parts = [p for p in text.strip().split("/") if p.strip()][:3]
    numbers = [int(p) for i, p in enumerate(parts) if (p.strip().removeprefix("-") if i == 0 else p.strip()).isdigit()]
    if not numbers or len(numbers) != len(parts):
        raise ValueError(f"not a RIS date: {text!r}")
    return Date(*numbers)


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Reference]:
    refs: list[Reference] = []
    record: dict[str, list[str]] | None = None
    start = 0
    last_tag: str | None = None
    wrapped: list[str] = []  # continuation lines of the last value, joined once (not += per line)

    def unwrap() -> None:
        if wrapped and record is not None and last_tag:
            record[last_tag][-1] = " ".join([record[last_tag][-1], *wrapped])
        wrapped.clear()

    # Only CR and LF end lines (str.splitlines would also split at U+2028, form feeds, …).
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        m = _LINE.match(line)
        if m is None:
            if record is not None and last_tag and line.strip():
                wrapped.append(line.strip())  # a wrapped value
            elif line.strip():
                diag.warn(source, number, f"ignored a line outside any record: {line[:60]!r}")
            continue
        unwrap()
        tag, value = m[1], (m[2] or "").strip()
        if tag == "TY":
            if record is not None:
                diag.stats.read += 1
                diag.error(source, start, "record has no ER line")
            record, start, last_tag = {"TY": [value]}, number, "TY"
            continue
        if record is None:
            diag.warn(source, number, f"{tag} outside a record (no TY before it)")
            continue
        if tag == "ER":
            diag.stats.read += 1
            ref = _record(record, source, start, diag)
            if ref is not None:
                refs.append(ref)
            record, last_tag = None, None
            continue
        record.setdefault(tag, []).append(value)
        last_tag = tag
    unwrap()
    if record is not None:
        diag.stats.read += 1
        diag.error(source, start, "record has no ER line (file truncated?)")
    return refs


def _record(record: dict[str, list[str]], source: str, line: int, diag: Diagnostics) -> Reference | None:
    fields: dict[str, object] = {"type": _FROM_RIS.get(record["TY"][0], "document")}
    extra: dict[str, str] = {}
    variables: dict[str, object] = {}
    book = record["TY"][0] == "BOOK"
    try:
        for tag, values in record.items():
            if tag == "TY":
                continue
            if tag == "EP" and "SP" in record:
                continue  # read with SP
            if tag in _READ_VARIABLE_TAGS:
                variable, kind = _READ_VARIABLE_TAGS[_SWAPPED.get(tag, tag) if book else tag]
                if tag == "SN":
                    variable = _sn_variable(record["TY"][0])
                if kind == "names":
                    names = tuple(_name_in(v) for v in values if v.strip(" ,"))
                    variables[variable] = variables.get(variable, ()) + names  # type: ignore[operator]
                elif kind == "page":
                    variables[variable] = "-".join(v for v in (values[0], (record.get("EP") or [""])[0]) if v)
                elif values[0]:
                    variables[variable] = values[0]
                continue
            if tag not in {t for t, _, _ in TAGS}:
                extra[f"RIS:{tag}"] = "\n".join(values)
                continue
            attr, kind = next((a, k) for t, a, k in TAGS if t == tag)
            if kind == "names":
                # "AU  - ," names nobody: dropped here, it would be an empty name everywhere else.
                fields[attr] = tuple(_name_in(v) for v in values if v.strip(" ,"))
            elif kind == "list":
                fields[attr] = tuple(v for v in values if v)
            elif kind == "date":
                if values[0]:
                    fields[attr] = _date_in(values[0])
            elif kind == "year":
                if "issued" not in fields and values[0][:4].isdigit():
                    fields["issued"] = Date(int(values[0][:4]))
                elif "issued" not in fields and "DA" not in record and values[0]:
                    fields["issued"] = _date_in(values[0])  # "forthcoming": kept as it is
            elif values[0]:
                fields[attr] = values[0]
    except ValueError as exc:
        diag.error(source, line, str(exc))
        return None
    return Reference(**fields, variables=variables, extra=tuple(sorted(extra.items())),  # type: ignore[arg-type]
                     origin=Origin(source, line))
