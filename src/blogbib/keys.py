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
from typing import Callable, Iterable, Iterator, Sequence

from .model import Date, Reference

__all__ = ["DEFAULT_PATTERN", "make_key", "assign_keys", "validate_pattern", "ascii_fold", "safe_key"]

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


def _iwords(text: str | None) -> Iterator[str]:
    # Hyphenated words count by their first part: "Ultra-Wide" → "Ultra".
    # Lazily: key fields want only the first one to three significant words.
    if text:
        for m in _WORD.finditer(ascii_fold(text)):
            if m[0].strip("-'’"):
                yield m[0].split("-")[0]


def _significant(text: str | None, count: int) -> str:
    picked = []
    for word in _iwords(text):
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
    if name.literal is not None:
        return _significant(name.literal, 1) or name.literal.strip()
    return name.family or ""


def _date_part(ref: Reference, fmt: Callable[[Date], str], missing: str) -> str:
    return fmt(ref.issued) if ref.issued else missing


# Field name → its value for a reference (module-level: nothing is built per reference).
_FIELDS: dict[str, Callable[[Reference], str]] = {
    "auth": lambda ref: _family(ref, 0) or _significant(ref.container_title, 1) or "anon",
    "authors": lambda ref: "".join(_family(ref, i) for i in range(3)) or "anon",
    "year": lambda ref: _date_part(ref, lambda d: str(d.year), "nd"),
    "shortyear": lambda ref: _date_part(ref, lambda d: f"{d.year % 100:02d}", "nd"),
    "month": lambda ref: _date_part(ref, lambda d: f"{d.month:02d}" if d.month else "", ""),
    "day": lambda ref: _date_part(ref, lambda d: f"{d.day:02d}" if d.day else "", ""),
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
    key = "".join(text if field is None else _expand(ref, field) for text, field in _compile(pattern))
    return _NOT_KEY.sub("", key) or "ref"


@lru_cache(maxsize=64)
def _compile(pattern: str) -> tuple[tuple[str, str | None], ...]:
    """A pattern as (literal text, None) and (field name as written, …) parts."""
    parts: list[tuple[str, str | None]] = []
    last = 0
    for m in _FIELD.finditer(pattern):
        if m.start() > last:
            parts.append((pattern[last : m.start()], None))
        parts.append(("", m[1]))
        last = m.end()
    if last < len(pattern):
        parts.append((pattern[last:], None))
    return tuple(parts)


def _expand(ref: Reference, name: str) -> str:
    value = _NOT_ALNUM.sub("", ascii_fold(_FIELDS[name.lower()](ref)))
    return value if name[0].isupper() else value.lower()


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


def assign_keys(
    refs: Sequence[Reference], pattern: str | None = None
) -> list[Reference]:
    """Give every reference a unique key, in list order.

    Keys already present (from a BibTeX or CSL-JSON source) are kept unless a
    ``pattern`` is given; empty keys are generated with the pattern (default
    ``{auth}{year}{title}``).  Clashes get ``a``, ``b``, … appended, the first
    occurrence keeping the bare key.
    """
    if pattern is None and _keys_final(refs):
        # Every key is kept as it is (e.g. a ReadingList built from another
        # one's references): the loop below would return ``refs`` unchanged.
        return list(refs)
    used: set[str] = set()
    wanted = [
        safe_key(ref.id) if ref.id and safe_key(ref.id) and pattern is None
        else make_key(ref, pattern or DEFAULT_PATTERN)
        for ref in refs
    ]
    # Keys that are taken as they are first, so a generated key never steals one.
    reserved = _first_occurrences(wanted)
    wanted_set = set(wanted)
    out = []
    next_suffix: dict[str, int] = {}  # where the search for a free suffix resumes, per base key
    for i, (ref, base) in enumerate(zip(refs, wanted)):
        key = base
        if i not in reserved or key in used:
            # Resuming (rather than starting at "a" each time) keeps thousands of
            # clashing keys linear; the keys given are the same either way.
            n = next_suffix.get(base, 1)
            while key in used or (key != base and key in wanted_set):
                key = base + _suffix(n)
                n += 1
            next_suffix[base] = n
        used.add(key)
        out.append(ref if ref.id == key else _with_id(ref, key))
    return out


def _keys_final(refs: Sequence[Reference]) -> bool:
    """Whether every reference has a key, safe as it is, and no two share one."""
    ids = {ref.id for ref in refs}
    return len(ids) == len(refs) and all(key and safe_key(key) == key for key in ids)


_REFERENCE_FIELDS = tuple(f.name for f in fields(Reference))


def _with_id(ref: Reference, key: str) -> Reference:
    """``dataclasses.replace(ref, id=key)``, without its per-call field introspection.

    ``ref`` is already a valid, normalised Reference, so copying its fields
    skips nothing that ``__init__``/``__post_init__`` would do.
    """
    new = object.__new__(Reference)
    for name in _REFERENCE_FIELDS:
        object.__setattr__(new, name, getattr(ref, name))
    object.__setattr__(new, "id", key)
    return new


def _first_occurrences(keys: Iterable[str]) -> set[int]:
    seen: set[str] = set()
    first = set()
    for i, key in enumerate(keys):
        if key not in seen:
            seen.add(key)
            first.add(i)
    return first
