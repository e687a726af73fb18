"""Citation keys: ``razin2022implicit``, unique within a list, stable as the list grows.

A pattern is text with fields in braces; the default is ``{auth}{year}{title}``.
Fields: ``auth`` (first author's family name), ``authors`` (up to three family
names), ``year``, ``shortyear``, ``month``, ``day``, ``title`` (first
significant title word), ``shorttitle`` (first three), ``blog`` (first
significant word of the blog's name).  Field values are ASCII-transliterated and
lower-cased; a capitalised field name (``{Auth}``, ``{Title}``) keeps the case.
A field may name what stands in when it is empty: ``{year|nd}``, ``{auth|anon}``.

Keys people would choose:

* a significant title word is not a stop word (``How to Escape…`` → ``escape``),
  and a leading year is skipped (``2020 in Review`` → ``review``; in ``May 2020
  Update`` the month counts: ``may``);
* a post with no author takes its first significant title word for ``{auth}``
  (``{title}`` then takes the next one), never the blog's name;
* no date gives no ``nd`` unless the pattern asks (``{year|nd}``);
* a run of CJK characters gives at most four transliterated syllables;
* a generated key is at most 40 characters (before a suffix).

Stable keys: when several references want the same key, they take it in date
order, oldest first (the same day: by normalised URL, then by title), the
oldest bare and the others with ``a``, ``b``, … ``z``, ``aa``… (references
that want different keys are ordered by day, then by key).  A reference's
key depends only on those published before it, so adding newer posts, or giving
the inputs in another order, never changes an existing key.  Undated references
come after the dated ones.  Keys a source gives (a .bib, CSL-JSON) are kept, and
pinned keys (``pinned``: entries of an existing bibliography, matched by
normalised URL, else by title and date) win over both.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import fields
from functools import lru_cache
from operator import attrgetter
from typing import Callable, Iterable, Sequence

from .model import Draft, Reference
from .text import ascii_fold

__all__ = ["DEFAULT_PATTERN", "MAX_KEY", "make_key", "assign_keys", "validate_pattern", "safe_key", "age"]

DEFAULT_PATTERN = "{auth}{year}{title}"
MAX_KEY = 40  # characters of a generated key, before a suffix

# Words skipped when picking a title's "significant" word: articles, conjunctions,
# short prepositions, auxiliaries and question words that open blog titles.
STOP_WORDS = frozenset(
    """a an the and or but nor of in on at to for from by with via into onto as vs versus
    is are was were be been being do does did can could will would shall should may might
    must how why what when where which who whom whose whether if not no yes""".split()
)
# A stop word that is also a month ("May") is significant before a year: "May 2020 Update".
_MONTHS = frozenset("january february march april may june july august september october november december".split())

_FIELD = re.compile(r"\{(\w+)(?:\|([^{}|]*))?\}")  # {name} or {name|fallback}
_WORD = re.compile(r"[\w'’-]+")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")
_NOT_KEY = re.compile(r"[^A-Za-z0-9_:.+/-]")
# Scripts written without spaces between words (Han, kana, Hangul): a run is cut to a few syllables.
_CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]+")
CJK_SYLLABLES = 4


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and "1500" <= word <= "2999"


def _words(text: str) -> Iterable[str]:
    """The words of ``text`` in ASCII letters and digits.

    A word is a run of ``[\\w'’-]`` in the transliterated text, counted by its
    part before any hyphen ("Ultra-Wide" → "Ultra") and kept without its
    apostrophes and underscores; a run of CJK characters is a word of its
    first :data:`CJK_SYLLABLES` characters.
    """
    if not text.isascii():
        text = _CJK_RUN.sub(lambda run: f" {run[0][:CJK_SYLLABLES]} ", text)
    for match in _WORD.finditer(ascii_fold(text)):
        clean = _NOT_ALNUM.sub("", match[0].partition("-")[0])
        if clean:
            yield clean


def _significant(text: str | None, count: int, skip: int = 0) -> str:
    """The ``count`` significant words of ``text`` after the first ``skip`` ones, joined.

    Stop words do not count (a month before a year does), nor does a year
    before the first significant word.
    """
    if not text:
        return ""
    if count == 1 and not skip:
        # The usual title opens with a plain ASCII word: the loop below would find it as it is.
        first = text.partition(" ")[0]
        if first.isascii() and first.isalnum() and first.lower() not in STOP_WORDS and not _is_year(first):
            return first
    picked: list[str] = []
    words = iter(_words(text))
    word = next(words, None)
    while word is not None and len(picked) < skip + count:
        following = next(words, None)
        lower = word.lower()
        if lower in STOP_WORDS:
            if lower in _MONTHS and following is not None and _is_year(following):
                picked.append(word)
        elif picked or not _is_year(word):
            picked.append(word)
        word = following
    return "".join(picked[skip:])


def _family(ref: Reference, index: int) -> str:
    if index >= len(ref.author):
        return ""
    name = ref.author[index]
    if name.literal is not None:
        return _significant(name.literal, 1) or name.literal.strip()
    return name.family_full if name.family is None else name.family  # a given name alone: Plato


@lru_cache(maxsize=4096)
def _alnum(text: str) -> str:
    """``text`` transliterated, in ASCII letters and digits only: ``Nguyễn`` → ``Nguyen`` (cached: authors repeat)."""
    return _NOT_ALNUM.sub("", ascii_fold(text))


def _no_author(ref: Reference) -> bool:
    """Whether ``{auth}`` takes a title word: the reference names no author (or none with letters)."""
    if not ref.author:
        return True
    family = ref.author[0].family
    if family and family.isascii() and family.isalnum():
        return False  # the usual name: no need to fold it
    return not _alnum(_family(ref, 0))


def _authors(count: int, explicit_fallback: bool) -> Callable[[Reference], str]:
    """``{auth}`` / ``{authors}``: up to ``count`` family names.

    With no author: the first significant title word (else ``anon``), unless
    the pattern names its own fallback (``{auth|anon}``).
    """
    def value(ref: Reference) -> str:
        if ref.author:
            first = _family(ref, 0)
            if count == 1 and first.isascii() and first.isalnum():
                return first  # the usual name: nothing to fold
            if _alnum(first):
                return _alnum("".join(_family(ref, i) for i in range(count)))
        return "" if explicit_fallback else _alnum(_significant(ref.title, 1)) or "anon"
    return value


def _title(count: int, auth_takes_title: bool) -> Callable[[Reference], str]:
    """``{title}`` / ``{shorttitle}``; after an ``{auth}`` that took a title word, the words after it."""
    if not auth_takes_title:
        return lambda ref: _significant(ref.title, count)
    return lambda ref: _significant(ref.title, count, skip=1 if _no_author(ref) else 0)


def _date_part(part: Callable[[int], str], name: str) -> Callable[[Reference], str]:
    def value(ref: Reference) -> str:
        number = getattr(ref.issued, name) if ref.issued is not None else None
        return part(number) if number is not None else ""
    return value


# Field name → its value for a reference, in ASCII letters and digits only, given
# (auth_takes_title: the pattern's {auth} takes a title word when there is no author,
#  explicit_fallback: this field names its own fallback).
_FIELDS: dict[str, Callable[[bool, bool], Callable[[Reference], str]]] = {
    "auth": lambda auth_takes_title, explicit: _authors(1, explicit),
    "authors": lambda auth_takes_title, explicit: _authors(3, explicit),
    "year": lambda auth_takes_title, explicit: _date_part(str, "year"),
    "shortyear": lambda auth_takes_title, explicit: _date_part(lambda year: f"{year % 100:02d}", "year"),
    "month": lambda auth_takes_title, explicit: _date_part(lambda month: f"{month:02d}", "month"),
    "day": lambda auth_takes_title, explicit: _date_part(lambda day: f"{day:02d}", "day"),
    "title": lambda auth_takes_title, explicit: _title(1, auth_takes_title),
    "shorttitle": lambda auth_takes_title, explicit: _title(3, auth_takes_title),
    "blog": lambda auth_takes_title, explicit: lambda ref: _significant(ref.container_title, 1),
}


def validate_pattern(pattern: str) -> str:
    """Check a key pattern, raising ValueError that names the unknown field."""
    known = set(_FIELDS)
    names = [name for name, _ in _FIELD.findall(pattern)]
    if not names:
        raise ValueError(f"key pattern {pattern!r} has no field such as {{auth}} or {{year}}")
    for name in names:
        if name.lower() not in known:
            raise ValueError(f"unknown key field {{{name}}}; known: {', '.join(sorted(known))}")
    return pattern


def make_key(ref: Reference, pattern: str = DEFAULT_PATTERN) -> str:
    """The key a reference gets from a pattern, before uniqueness suffixes.

    >>> from blogbib.model import Name, Date
    >>> make_key(Reference(title="How to Escape Saddle Points", author=(Name(family="Jin", given="Chi"),), issued=Date(2017)))
    'jin2017escape'
    >>> make_key(Reference(title="May 2020 Update", author=(Name(family="Lee", given="Holden"),), issued=Date(2020)))
    'lee2020may'
    >>> make_key(Reference(title="How to Escape Saddle Points", container_title="Off the Convex Path"))
    'escapesaddle'
    >>> make_key(Reference(title="How to Escape Saddle Points"), "{auth|anon}{year|nd}")
    'anonnd'
    """
    return _compile(pattern)([ref])[0]


@lru_cache(maxsize=64)
def _compile(pattern: str) -> Callable[[Sequence[Reference]], list[str]]:
    """A pattern as one function from references to their keys (before suffixes)."""
    # Literal text, field name and fallback alternate: text, name, fallback, text, …, text.
    parts = _FIELD.split(pattern)
    auth_takes_title = any(name.lower() in ("auth", "authors") and not _NOT_KEY.sub("", fallback or "")
                           for name, fallback in zip(parts[1::3], parts[2::3]))
    pieces: list[str | tuple[Callable[[Reference], str], bool, str]] = []
    for i in range(0, len(parts), 3):
        if text := _NOT_KEY.sub("", parts[i]):  # field values are clean: the literal text is cleaned once
            pieces.append(text)
        if i + 1 < len(parts):
            name, fallback = parts[i + 1], _NOT_KEY.sub("", parts[i + 2] or "")
            pieces.append((_FIELDS[name.lower()](auth_takes_title, bool(fallback)), not name[0].isupper(), fallback))

    if not pieces:
        return lambda refs: ["ref"] * len(refs)

    def keys(refs: Sequence[Reference]) -> list[str]:
        # Column by column (one field for every reference), then each key joined from its row.
        columns: list[Iterable[str]] = []
        for piece in pieces:
            if isinstance(piece, str):
                columns.append([piece] * len(refs))
                continue
            function, lower, fallback = piece
            column: Iterable[str] = map(function, refs)
            if lower:
                column = map(str.lower, column)
            if fallback:
                column = [value or fallback for value in column]
            columns.append(column)
        return [key[:MAX_KEY] or "ref" for key in map("".join, zip(*columns))]

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


# Every field of a Reference after its id, in order: a keyed reference is one constructor call.
_FIELD_NAMES = tuple(f.name for f in fields(Reference))
assert _FIELD_NAMES[0] == "id" and _FIELD_NAMES[-1] == "origin"
_after_id = attrgetter(*_FIELD_NAMES[1:])
_content = attrgetter(*_FIELD_NAMES[1:-1])  # what the reference says: not its key, not where it was read


def age(ref: Reference) -> tuple[object, ...]:
    """Where a reference stands in date order: dated before undated, then by date, normalised URL, title.

    Two references that say the same thing compare equal; any other two differ.
    """
    from .text import fold
    from .urls import match_key

    issued = ref.issued
    return (issued is None, issued.sort_key() if issued else (0, 0, 0), match_key(ref.url) or "",
            fold(ref.title or ""), repr(_content(ref)))


def _date_order(refs: Sequence[Reference], wanted: Sequence[str], indexes: Iterable[int] | None = None) -> list[int]:
    """The indexes of ``refs`` (or those given) oldest first; on the same day by wanted key, then by :func:`age`.

    Only references that want the same key on the same day are compared in
    full (URL, title): the order among other references only has to be one
    that does not depend on the input's order.
    """
    def day(i: int) -> str:  # one text compares faster than nested tuples: "0" + yyyymmdd + key, undated "1"
        issued = refs[i].issued
        if issued is None or issued.year is None:  # no date, or only a literal one ("forthcoming")
            return "1" + wanted[i]
        return f"0{issued.year:04d}{issued.month or 0:02d}{issued.day or 0:02d}{wanted[i]}"

    decorated = sorted((day(i), i) for i in (range(len(refs)) if indexes is None else indexes))
    order = [i for _, i in decorated]
    start = 0
    for end in range(1, len(decorated) + 1):
        if end == len(decorated) or decorated[end][0] != decorated[start][0]:
            if end - start > 1:
                order[start:end] = sorted(order[start:end], key=lambda i: age(refs[i]))
            start = end
    return order


def assign_keys(refs: Sequence[Reference | Draft], pattern: str | None = None,
                pinned: Sequence[Reference] = ()) -> list[Reference]:
    """Give every reference a unique key; drafts become References.

    A reference that matches a ``pinned`` one (the same post: same normalised
    URL, else same title and date, see :func:`blogbib.merge.same_post`) takes
    its key, whatever the pattern; no other reference takes a pinned key.
    Keys already present (from a BibTeX or CSL-JSON source) are kept unless a
    ``pattern`` is given; empty keys are generated with the pattern (default
    ``{auth}{year}{title}``).  References that want the same key take it in
    date order (see the module docstring), the oldest bare, the others with
    ``a``, ``b``, … appended.  A reference that keeps its key is returned as
    it is; any other is a new Reference.
    """
    if (pattern is None and not pinned and _keys_final(refs)
            and all(type(ref) is Reference for ref in refs)):
        return list(refs)  # every key kept as it is: e.g. a list built from another list's references
    keys = _unique_keys(refs, pattern, pinned)
    return [ref if ref.id == key and type(ref) is Reference else _finished(ref, key)  # type: ignore[misc]
            for ref, key in zip(refs, keys)]


def _pins(refs: Sequence[Reference], pinned: Sequence[Reference], order: Sequence[int]) -> dict[int, str]:
    """Index of a reference → the key of the pinned entry it matches.

    References are matched oldest first, each entry at most once: an entry
    with the same normalised URL first, else the first entry (in ``pinned``
    order) that :func:`blogbib.merge.same_post` finds to be the same post.
    """
    from .merge import same_post
    from .urls import match_key

    by_url: dict[str, list[int]] = {}
    by_year: dict[int | None, list[int]] = {}  # two dates: same_post needs the same year, or one apart (a time zone)
    for n, entry in enumerate(pinned):
        if not safe_key(entry.id):
            continue
        if url := match_key(entry.url):
            by_url.setdefault(url, []).append(n)
        by_year.setdefault(entry.issued.year if entry.issued else None, []).append(n)
    taken: set[int] = set()
    found: dict[int, str] = {}
    for i in order:
        ref = refs[i]
        if ref.issued is None or ref.issued.year is None:  # no date to compare: any entry of that title may be it
            near: Iterable[int] = (n for n, entry in enumerate(pinned) if safe_key(entry.id))
        else:
            year = ref.issued.year
            near = sorted(n for y in (year - 1, year, year + 1, None) for n in by_year.get(y, ()))
        for n in (*by_url.get(match_key(ref.url) or "", ()), *near):
            if n not in taken and same_post(ref, pinned[n]):
                taken.add(n)
                found[i] = safe_key(pinned[n].id)
                break
    return found


def _unique_keys(refs: Sequence[Reference], pattern: str | None, pinned: Sequence[Reference] = ()) -> list[str]:
    """The key :func:`assign_keys` gives each reference."""
    make = _compile(pattern or DEFAULT_PATTERN)
    given = [ref.id and safe_key(ref.id) for ref in refs] if pattern is None else [""] * len(refs)
    reserved = {key for key in map(safe_key, (entry.id for entry in pinned)) if key}
    pins: dict[int, str] = {}
    if reserved:
        pins = _pins(refs, pinned, _date_order(refs, [""] * len(refs)))
        for i, key in pins.items():
            given[i] = key
    if any(given):
        made = iter(make([ref for ref, key in zip(refs, given) if not key]))
        wanted = [key or next(made) for key in given]
    else:
        wanted = make(refs)
    if len(set(wanted)) == len(wanted) and not (reserved and any(
            key in reserved and i not in pins for i, key in enumerate(wanted))):
        return wanted  # no clash: the usual case, with no sorting

    # In date order: pinned keys are held first, then the keys sources give, then the rest, each
    # taking its wanted key if free, else the next free suffix.  Only references whose wanted key
    # clashes, or is a clashing key with letters appended (a suffix it may meet), need the order;
    # every other one keeps its wanted key whatever the order.
    counts = Counter(wanted)
    clashing = {key for key, n in counts.items() if n > 1}
    clashing.update(key for i, key in enumerate(wanted) if key in reserved and i not in pins)
    contending = clashing | _extending(set(wanted), clashing)
    keys: list[str | None] = list(wanted)
    contended = [i for i, key in enumerate(wanted) if key in contending]
    for i in contended:
        keys[i] = None
    order = _date_order(refs, wanted, contended)
    used = set(reserved)
    used.update(key for key in keys if key is not None)
    for i, key in pins.items():
        keys[i] = key
    for i in order:
        if given[i] and i not in pins and given[i] not in used:
            keys[i] = given[i]
            used.add(given[i])
    next_suffix: dict[str, int] = {}  # where the search for a free suffix resumes, per base key
    for i in order:
        if keys[i] is not None:
            continue
        base = key = wanted[i]
        if key in used:
            n = next_suffix.get(base, 1)  # resuming keeps thousands of clashing keys linear
            while key in used:
                key = base + _suffix(n)
                n += 1
            next_suffix[base] = n
        used.add(key)
        keys[i] = key
    return keys  # type: ignore[return-value]


def _extending(keys: set[str], bases: set[str]) -> set[str]:
    """The ``keys`` that are one of ``bases`` with lower-case ASCII letters appended (as a suffix makes)."""
    ordered = sorted(keys)
    found = set()
    for base in bases:
        # The keys that start with base follow it in sorted order.
        i = bisect_right(ordered, base)
        while base and i < len(ordered) and ordered[i].startswith(base):
            tail = ordered[i][len(base):]
            if tail.isascii() and tail.isalpha() and tail.islower():
                found.add(ordered[i])
            i += 1
    return found


def _keys_final(refs: Sequence[Reference]) -> bool:
    """Whether every reference has a key, safe as it is, and no two share one."""
    if not all(ref.id for ref in refs):
        return False  # the usual case, found at the first reference read from a listing
    ids = [ref.id for ref in refs]
    # safe_key(key) == key for every key: at most 200 characters, and no unsafe one in all of them joined.
    return (len(set(ids)) == len(ids) and max(map(len, ids), default=0) <= 200
            and not _UNSAFE_KEY.search("".join(ids)))


def _finished(ref: Reference | Draft, key: str) -> Reference:
    """The Reference ``ref`` describes, with the key ``key``."""
    return Reference(key, *_after_id(ref))
