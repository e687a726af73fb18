"""Citation keys: ``razin2022implicit``, unique within a list, from a pattern.

A pattern is text with fields in braces; the default is ``{auth}{year}{title}``.
Fields: ``auth`` (first author's family name), ``authors`` (up to three family
names), ``year``, ``shortyear``, ``month``, ``day``, ``title`` (first
significant title word), ``shorttitle`` (first three), ``blog`` (first
significant word of the blog's name).  Field values are ASCII-transliterated and
lower-cased; a capitalised field name (``{Auth}``, ``{Title}``) keeps the case.
Keys are made unique by suffixes ``a``, ``b``, … ``z``, ``aa``… in list order,
so the same input gives the same keys every run.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import lru_cache
from operator import attrgetter
from typing import Callable, Iterable, Sequence

from .model import Draft, Reference
from .text import ascii_fold

__all__ = ["DEFAULT_PATTERN", "make_key", "assign_keys", "validate_pattern", "safe_key"]

DEFAULT_PATTERN = "{auth}{year}{title}"

# Words skipped when picking a title's "significant" word: articles, conjunctions,
# short prepositions, auxiliaries and question words that open blog titles.
STOP_WORDS = frozenset(
    """a an the and or but nor of in on at to for from by with via into onto as vs versus
    is are was were be been being do does did can could will would shall should may might
    must how why what when where which who whom whose whether if not no yes""".split()
)

_FIELD = re.compile(r"\{(\w+)\}")
_WORD = re.compile(r"[\w'’-]+")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")
_NOT_KEY = re.compile(r"[^A-Za-z0-9_:.+/-]")


def _significant(text: str | None, count: int) -> str:
    """The first ``count`` significant words of ``text`` joined, in ASCII letters and digits.

    A word is a run of ``[\\w'’-]`` in the transliterated text, counted by its
    part before any hyphen ("Ultra-Wide" → "Ultra") and kept without its
    apostrophes and underscores; stop words do not count.
    """
    if not text:
        return ""
    if count == 1:
        # The usual title opens with a plain ASCII word: the loop below would find it as it is.
        first = text.partition(" ")[0]
        if first.isascii() and first.isalnum() and first.lower() not in STOP_WORDS:
            return first
    picked = []
    for match in _WORD.finditer(ascii_fold(text)):
        clean = _NOT_ALNUM.sub("", match[0].partition("-")[0])
        if clean and clean.lower() not in STOP_WORDS:
            picked.append(clean)
            if len(picked) == count:
                break
    return "".join(picked)


def _family(ref: Reference, index: int) -> str:
    if index >= len(ref.author):
        return ""
    name = ref.author[index]
    if name.literal is not None:
        return _significant(name.literal, 1) or name.literal.strip()
    return name.family or ""


@lru_cache(maxsize=4096)
def _alnum(text: str) -> str:
    """``text`` transliterated, in ASCII letters and digits only: ``Nguyễn`` → ``Nguyen`` (cached: authors repeat)."""
    return _NOT_ALNUM.sub("", ascii_fold(text))


# Field name → its value for a reference, in ASCII letters and digits only.
_FIELDS: dict[str, Callable[[Reference], str]] = {
    "auth": lambda ref: _alnum(_family(ref, 0) or _significant(ref.container_title, 1) or "anon"),
    "authors": lambda ref: _alnum("".join(_family(ref, i) for i in range(3)) or "anon"),
    "year": lambda ref: str(ref.issued.year) if ref.issued else "nd",
    "shortyear": lambda ref: f"{ref.issued.year % 100:02d}" if ref.issued else "nd",
    "month": lambda ref: f"{ref.issued.month:02d}" if ref.issued and ref.issued.month else "",
    "day": lambda ref: f"{ref.issued.day:02d}" if ref.issued and ref.issued.day else "",
    "title": lambda ref: _significant(ref.title, 1),
    "shorttitle": lambda ref: _significant(ref.title, 3),
    "blog": lambda ref: _significant(ref.container_title, 1),
}


def validate_pattern(pattern: str) -> str:
    """Check a key pattern, raising ValueError that names the unknown field."""
    known = set(_FIELDS)
    fields = _FIELD.findall(pattern)
    if not fields:
        raise ValueError(f"key pattern {pattern!r} has no field such as {{auth}} or {{year}}")
    for name in fields:
        if name.lower() not in known:
            raise ValueError(f"unknown key field {{{name}}}; known: {', '.join(sorted(known))}")
    return pattern


def make_key(ref: Reference, pattern: str = DEFAULT_PATTERN) -> str:
    """The key a reference gets from a pattern, before uniqueness suffixes.

    >>> from blogbib.model import Name, Date
    >>> make_key(Reference(title="How to Escape Saddle Points", author=(Name(family="Jin", given="Chi"),), issued=Date(2017)))
    'jin2017escape'
    """
    return _compile(pattern)([ref])[0]


@lru_cache(maxsize=64)
def _compile(pattern: str) -> Callable[[Sequence[Reference]], list[str]]:
    """A pattern as one function from references to their keys (before suffixes)."""
    # Literal text and field names alternate: text, name, text, …, text.
    pieces: list[str | Callable[[Reference], str]] = []
    lowered: list[bool] = []
    for i, piece in enumerate(_FIELD.split(pattern)):
        if i % 2:
            pieces.append(_FIELDS[piece.lower()])
            lowered.append(not piece[0].isupper())
        elif text := _NOT_KEY.sub("", piece):  # field values are clean: the literal text is cleaned once
            pieces.append(text)
            lowered.append(False)

    if not pieces:
        return lambda refs: ["ref"] * len(refs)

    def keys(refs: Sequence[Reference]) -> list[str]:
        # Column by column (one field for every reference), then each key joined from its row.
        columns: list[Iterable[str]] = []
        for piece, lower in zip(pieces, lowered):
            if isinstance(piece, str):
                columns.append([piece] * len(refs))
            else:
                column = map(piece, refs)
                columns.append(map(str.lower, column) if lower else column)
        return [key or "ref" for key in map("".join, zip(*columns))]

    return keys


# What a key read from a source may keep: letters and digits of any script and
# ``_ : . + / -``.  Everything else (space, ``@ , { } ( ) " # % ' = \\ ~``) would
# end the key early in a .bib file or inject text after it.
_UNSAFE_KEY = re.compile(r"[^\w:.+/-]")


def safe_key(key: str) -> str:
    """A key read from a source, with characters BibTeX/biber cannot take removed.

    >>> safe_key("doe2020,title={x}"), safe_key("müller:2020")
    ('doe2020titlex', 'müller:2020')
    """
    return _UNSAFE_KEY.sub("", key)[:200]


def _suffix(n: int) -> str:
    """1 → a, 26 → z, 27 → aa."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def assign_keys(refs: Sequence[Reference | Draft], pattern: str | None = None) -> list[Reference]:
    """Give every reference a unique key, in list order; drafts become References.

    Keys already present (from a BibTeX or CSL-JSON source) are kept unless a
    ``pattern`` is given; empty keys are generated with the pattern (default
    ``{auth}{year}{title}``).  Clashes get ``a``, ``b``, … appended, the first
    occurrence keeping the bare key.  A reference that keeps its key is
    returned as it is; any other is a new Reference.
    """
    if pattern is None and _keys_final(refs) and all(type(ref) is Reference for ref in refs):
        return list(refs)  # every key kept as it is: e.g. a list built from another list's references
    keys = _unique_keys(refs, pattern)
    return [ref if ref.id == key and type(ref) is Reference else _finished(ref, key)  # type: ignore[misc]
            for ref, key in zip(refs, keys)]


def _unique_keys(refs: Sequence[Reference], pattern: str | None) -> list[str]:
    """The key :func:`assign_keys` gives each reference."""
    make = _compile(pattern or DEFAULT_PATTERN)
    given = [ref.id and safe_key(ref.id) for ref in refs] if pattern is None else []
    if any(given):
        made = iter(make([ref for ref, key in zip(refs, given) if not key]))
        wanted = [key or next(made) for key in given]
    else:
        wanted = make(refs)
    # The first occurrence of a wanted key gets it bare, and suffixed keys avoid every wanted key:
    # a key already used is a repeat, and takes the next free suffix.
    wanted_set = set(wanted)
    used: set[str] = set()
    keys = []
    next_suffix: dict[str, int] = {}  # where the search for a free suffix resumes, per base key
    for base in wanted:
        key = base
        if key in used:
            n = next_suffix.get(base, 1)  # resuming keeps thousands of clashing keys linear
            while key in used or key in wanted_set:
                key = base + _suffix(n)
                n += 1
            next_suffix[base] = n
        used.add(key)
        keys.append(key)
    return keys


def _keys_final(refs: Sequence[Reference]) -> bool:
    """Whether every reference has a key, safe as it is, and no two share one."""
    if not all(ref.id for ref in refs):
        return False  # the usual case, found at the first reference read from a listing
    ids = [ref.id for ref in refs]
    # safe_key(key) == key for every key: at most 200 characters, and no unsafe one in all of them joined.
    return (len(set(ids)) == len(ids) and max(map(len, ids), default=0) <= 200
            and not _UNSAFE_KEY.search("".join(ids)))


# Every field of a Reference after its id, in order: a keyed reference is one constructor call.
_FIELD_NAMES = tuple(f.name for f in fields(Reference))
assert _FIELD_NAMES[0] == "id"
_after_id = attrgetter(*_FIELD_NAMES[1:])


def _finished(ref: Reference | Draft, key: str) -> Reference:
    """The Reference ``ref`` describes, with the key ``key``."""
    return Reference(key, *_after_id(ref))
