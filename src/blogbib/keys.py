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
from dataclasses import replace
from typing import Callable, Iterable, Sequence

from .model import Reference

__all__ = ["DEFAULT_PATTERN", "make_key", "assign_keys", "validate_pattern", "ascii_fold"]

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


def ascii_fold(text: str) -> str:
    """Transliterate to ASCII: ``Łukasz Żółć`` → ``Lukasz Zolc``."""
    if text.isascii():
        return text
    from anyascii import anyascii

    return anyascii(text)


def _words(text: str | None) -> list[str]:
    if not text:
        return []
    # Hyphenated words count by their first part: "Ultra-Wide" → "Ultra".
    return [w.split("-")[0] for w in _WORD.findall(ascii_fold(text)) if w.strip("-'’")]


def _significant(text: str | None, count: int) -> str:
    picked = []
    for word in _words(text):
        clean = _NOT_ALNUM.sub("", word)
        if clean and clean.lower() not in STOP_WORDS:
            picked.append(clean)
        if len(picked) == count:
            break
    return "".join(picked)


def _family(ref: Reference, index: int) -> str:
    if index >= len(ref.author):
        return ""
    name = ref.author[index]
    return name.literal.split()[0] if name.literal else name.family or ""


def _fields(ref: Reference) -> dict[str, Callable[[], str]]:
    date = ref.issued
    return {
        "auth": lambda: _family(ref, 0) or _significant(ref.container_title, 1) or "anon",
        "authors": lambda: "".join(_family(ref, i) for i in range(3)) or "anon",
        "year": lambda: str(date.year) if date else "nd",
        "shortyear": lambda: f"{date.year % 100:02d}" if date else "nd",
        "month": lambda: f"{date.month:02d}" if date and date.month else "",
        "day": lambda: f"{date.day:02d}" if date and date.day else "",
        "title": lambda: _significant(ref.title, 1),
        "shorttitle": lambda: _significant(ref.title, 3),
        "blog": lambda: _significant(ref.container_title, 1),
    }


def validate_pattern(pattern: str) -> str:
    """Check a key pattern, raising ValueError that names the unknown field."""
    known = set(_fields(Reference()))
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
    fields = _fields(ref)

    def expand(m: re.Match[str]) -> str:
        name = m[1]
        value = ascii_fold(fields[name.lower()]())
        value = _NOT_ALNUM.sub("", value)
        return value if name[0].isupper() else value.lower()

    key = _FIELD.sub(expand, pattern)
    return _NOT_KEY.sub("", key) or "ref"


def _suffix(n: int) -> str:
    """1 → a, 26 → z, 27 → aa."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def assign_keys(
    refs: Sequence[Reference], pattern: str | None = None
) -> list[Reference]:
    """Give every reference a unique key, in list order.

    Keys already present (from a BibTeX or CSL-JSON source) are kept unless a
    ``pattern`` is given; empty keys are generated with the pattern (default
    ``{auth}{year}{title}``).  Clashes get ``a``, ``b``, … appended, the first
    occurrence keeping the bare key.
    """
    used: set[str] = set()
    wanted = [
        ref.id if ref.id and pattern is None else make_key(ref, pattern or DEFAULT_PATTERN)
        for ref in refs
    ]
    # Keys that are taken as they are first, so a generated key never steals one.
    reserved = _first_occurrences(wanted)
    wanted_set = set(wanted)
    out = []
    for i, (ref, base) in enumerate(zip(refs, wanted)):
        key = base
        if i not in reserved or key in used:
            n = 1
            while key in used or (key != base and key in wanted_set):
                key = base + _suffix(n)
                n += 1
        used.add(key)
        out.append(ref if ref.id == key else replace(ref, id=key))
    return out


def _first_occurrences(keys: Iterable[str]) -> set[int]:
    seen: set[str] = set()
    first = set()
    for i, key in enumerate(keys):
        if key not in seen:
            seen.add(key)
            first.add(i)
    return first
