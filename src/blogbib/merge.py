"""Several sources, one list: the same post read twice becomes one reference.

Identity.  Two references are the same post on the strongest of this evidence:

================================ ===========================================================
the same URL                     after :func:`blogbib.urls.match_key` (scheme, ``www.``,
                                 trailing slash, ``index.html``, tracking parameters, case),
                                 or the same path on two hosts found to be one blog's
                                 (another post has the same title and path on both)
title and date                   titles equal after :func:`title_key` (case, accents,
                                 punctuation, spacing, typographic quotes, ``&``/``and``),
                                 dates the same day, a partial date containing the other, or
                                 a day apart when one side has a time of day (a time zone)
title, dates a day apart *       as above, a day apart with no time of day on either side
title, no date to compare *      one side has no date; first authors do not contradict
similar title, first author *    titles near-identical (:func:`similar_titles`), the same
                                 first author, dates as above or missing
================================ ===========================================================

A match marked * rests on weaker evidence and is reported as a warning.  Except
on the same URL (or the same title and day within one document), a post takes
at most one entry from each source document, so two posts of the same title
listed on different days stay two, and a match never joins two different URLs.
Stronger matches are made first.

Conflicts.  The merged reference takes each field by the rule in
:data:`PRECEDENCE`, which depends on the values and on the kind of source
(``rank``: a bibliography or feed's explicit metadata over a page's markup over
a pasted listing's text, :data:`SOURCE_RANK`), never on the order of the
inputs.  A value that disagrees with the one kept is a :class:`Conflict`:
reported (``diag.conflict``, fatal under ``strict``) and written into the
reference's ``note``, so every output format keeps it.  ``extra["merged-from"]``
says where each kept field came from, then the other sources merged in.

>>> from blogbib.model import Reference, Name, Date, Origin
>>> index = Reference(title="Saddles Again", author=(Name(family="Recht", given="Benjamin"),),
...                   issued=Date(2016, 3, 24), url="http://www.offconvex.org/2016/03/24/saddles-again/",
...                   origin=Origin("index.html", 40))
>>> feed = Reference(title="Saddles again", issued=Date(2016, 3, 24, "03:00:00-07:00"),
...                  url="http://offconvex.org/2016/03/24/saddles-again?utm_source=rss", origin=Origin("feed.xml", 9))
>>> [ref] = merge([index, feed])
>>> ref.author[0].family, ref.issued.time, ref.title, ref.url
('Recht', '03:00:00-07:00', 'Saddles Again', 'http://www.offconvex.org/2016/03/24/saddles-again/')
>>> ref.extra_dict["merged-from"]
'author,title,url=index.html:40; issued=feed.xml:9'
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, NamedTuple, Sequence

from .errors import Diagnostics
from .model import Date, Draft, Name, Reference
from .text import fold, shorten
from .urls import is_tracked, match_key

if TYPE_CHECKING:
    Ref = Reference | Draft

__all__ = ["merge", "merge_report", "MergeReport", "Conflict", "same_post", "title_key", "similar_titles",
           "PRECEDENCE", "SOURCE_RANK", "MERGED_FROM", "CONFLICT_NOTE"]

MERGED_FROM = "merged-from"
EVIDENCE = "evidence"  # extra: why a reader took each field (the HTML reader's); per source, so merged by joining
CONFLICT_NOTE = "Merge conflict:"  # how a conflict's line in the note begins

# Reader → rank of its values when sources disagree (higher wins): structured bibliographic data
# over a feed's metadata over a page's markup over text pasted from a listing.
SOURCE_RANK: dict[str, int] = {"bibtex": 3, "biblatex": 3, "csl-json": 3, "ris": 3, "feed": 2, "html": 1,
                               "listing": 0}

# field → the rule for the value kept.  "Rank" is the source's rank (SOURCE_RANK, or the caller's);
# values that agree under the field's test are one value, written in its best form, never a conflict.
PRECEDENCE: dict[str, str] = {
    "id": "the key of the highest-ranked source, else the shortest, then alphabetically first; never a conflict",
    "type": "a type other than the default post-weblog; among those, by rank, then alphabetically",
    "title": "titles equal but for case, accents, quote style and spacing agree (the mixed-case, longer form is "
             "kept); else a conflict: by rank, then mixed case over all-capitals or all-lower case, then the "
             "longer, then alphabetically",
    "author": "lists agree when one contains the other (the same family names in order, given names or "
              "initials compatible, or the same name split otherwise): the longer list is kept, each name in "
              "its fullest spelling, split as a source's evidence splits it (given and family names apart); "
              "else a "
              "conflict: by rank, then the longer list, then alphabetically",
    "more_authors": "'et al.' if a source says so and its list is at least as long as the list kept",
    "issued": "dates agree when the same day, a partial date containing the other, or a day apart with a "
              "time of day (a time zone): the most precise is kept (time > day > month > year), except that "
              "a UTC instant gives way to a date written in the blog's own zone (a day, or a time with its "
              "offset) that falls on another day the instant has somewhere within ±14 h: feeds write UTC, "
              "the blog's pages show its day; else a conflict: by rank, then precision, then the earlier",
    "accessed": "the latest access date; never a conflict",
    "container_title": "names equal but for case, accents and spacing agree (the mixed-case, longer form is "
                       "kept); else a conflict: by rank, then mixed case, then the longer, then alphabetically",
    "url": "URLs agree when they identify the same page (see identity): the one without tracking "
           "parameters, https, shorter, is kept; else a conflict: by rank, then the same order",
    "abstract": "excerpts agree when one extends the other (a trailing ellipsis aside): the longest is kept; "
                "else a conflict: by rank, then the longer",
    "keyword": "all keywords, each once (case and accents aside), highest-ranked source's first",
    "note": "every distinct note, joined by a line break (one containing another counts once), then one "
            "line per conflict",
    "language": "tags agree when equal or one is the other's prefix (en, en-US): the longer is kept; else a "
                "conflict: by rank, then the longer, then alphabetically",
    "extra": "all extra fields; evidence (a reader's reasons) joined, one part per source; for any other "
             "name, values must be equal, else a conflict: by rank, then "
             "alphabetically",
    "variables": "the other CSL variables (editor, publisher, page, ...): equal sets agree; else a conflict: by "
                 "rank",
    "more_names": "the 'et al.' of the other name lists, as the source of the variables kept says",
}

_NOT_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def title_key(title: str | None) -> str | None:
    """A title as matching compares it: folded (:func:`blogbib.text.fold`), ``&`` as ``and``, punctuation as spaces.

    >>> title_key("Beyond Log-Concave Sampling (Part 3)") == title_key("beyond log concave sampling: part 3")
    True
    """
    if not title:
        return None
    return _NOT_WORD.sub(" ", fold(title).replace("&", " and ")).strip() or None


def similar_titles(a: str, b: str) -> bool:
    """Near-identical title keys: equal without spaces, or 90% alike with the same numbers in them.

    >>> similar_titles("beyond logconcave sampling", "beyond log concave sampling")
    True
    >>> similar_titles("beyond log concave sampling part 2", "beyond log concave sampling part 3")
    False
    """
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    if _DIGITS.findall(a) != _DIGITS.findall(b):
        return False
    from difflib import SequenceMatcher

    m = SequenceMatcher(None, a, b, autojunk=False)
    return m.real_quick_ratio() >= 0.9 and m.quick_ratio() >= 0.9 and m.ratio() >= 0.9


def _date_relation(a: Date | None, b: Date | None) -> str | None:
    """How two dates compare: ``same``, ``contains`` (a partial date holding the other), ``zone`` (a day apart,
    a time of day on one side), ``near`` (a day apart, no time), ``missing`` (one absent), None (different)."""
    if a is None or b is None:
        return "missing"
    if a.year is None or b.year is None:  # a literal-only date ("forthcoming") is compared as text
        return "same" if a == b else "missing" if a.year is not None or b.year is not None else None
    if a.day is not None and b.day is not None:
        if (a.year, a.month, a.day) == (b.year, b.month, b.day):
            return "same"
        if abs(_day(a) - _day(b)) == 1:  # type: ignore[operator]
            return "zone" if a.time or b.time else "near"
        return None
    if a.year != b.year or (a.month is not None and b.month is not None and a.month != b.month):
        return None
    return "same" if (a.month, a.day) == (b.month, b.day) else "contains"


def _day(date: Date | None) -> int | None:
    """A full date's day number (consecutive days, consecutive numbers); None for a partial or no date."""
    if date is None or date.day is None:
        return None
    return datetime.date(date.year, date.month, date.day).toordinal()  # type: ignore[arg-type]


def _dates_agree(a: Date, b: Date) -> bool:
    return _date_relation(a, b) in ("same", "contains", "zone")


def _utc(date: Date) -> bool:
    """A time of day written in UTC (a feed's instant), not in the blog's own zone."""
    return date.time is not None and date.time.endswith(("+00:00", "-00:00"))


def _blog_day(instant: Date, candidates: Sequence[Any]) -> Any | None:
    """Of the candidates agreeing with a UTC ``instant``, the best written in the blog's own zone (a day, or a
    time with another offset) whose day differs from the instant's and is the instant's day at some offset
    within ±14 h; None when there is none (the instant's own day stands)."""
    hour = int(instant.time[:2])  # type: ignore[index]
    day = _day(instant)
    local = [c for c in candidates if c.value.day is not None and not _utc(c.value)
             and (_day(c.value) == day + 1 and hour >= 10 or _day(c.value) == day - 1 and hour < 14)]  # type: ignore[operator]
    return min(local, key=lambda c: (c.value.time is None, -c.rank, _show(c.value)), default=None)


def _family(name: Name) -> str:
    return fold(name.family_full if name.family is None else name.family)


def _same_person(a: Name, b: Name) -> bool:
    """The same family name, and given names that could be one (either missing, or the same initial); or the
    same name shown, split otherwise (``Pablo Galindo | Salgado``, ``Pablo | Galindo Salgado``)."""
    if _family(a) != _family(b):
        return a.literal is None and b.literal is None and _shown(a) == _shown(b)
    ga, gb = fold(a.given or ""), fold(b.given or "")
    return not ga or not gb or ga[0] == gb[0]


def _shown(name: Name) -> str:
    return " ".join(fold(name.display()).split())


def _evidence_split(name: Name) -> bool:
    """A split of given and family names that the displayed name alone would not give: a source's evidence
    (structured data, "Family, Given")."""
    from .names import parse_name

    return name.literal is None and parse_name(name.display()) != name


def _contains(longer: Sequence[Name], shorter: Sequence[Name]) -> bool:
    """``shorter``'s names appear in ``longer``, in order."""
    rest = iter(longer)
    return all(any(_same_person(n, m) for m in rest) for n in shorter)


def _fullest(names: tuple[Name, ...], lists: list[tuple[Name, ...]]) -> tuple[Name, ...]:
    """``names``, each replaced by the longest spelling of the same person in ``lists``."""
    lists = [other for other in lists if other != names]
    if not lists:
        return names

    def spells(m: Name, n: Name) -> bool:  # m spells n out: "B." or "Ben" → "Benjamin"; or splits it otherwise
        return _same_person(n, m) and (fold(m.given or "").startswith(fold(n.given or "").rstrip("."))
                                       or _shown(m) == _shown(n))

    def fullest(n: Name) -> Name:
        others = [m for other in lists for m in other if m != n and spells(m, n)]
        return max((n, *others), key=lambda m: (len(m.display()), _evidence_split(m), m == n)) if others else n

    return tuple(fullest(n) for n in names)


def _authors_agree(a: Sequence[Name], b: Sequence[Name]) -> bool:
    return _contains(a, b) if len(a) >= len(b) else _contains(b, a)


def _strip_ellipsis(text: str) -> str:
    """Text reduced for "does one excerpt extend the other": a trailing ellipsis,
    spacing, punctuation, quote styles, case and accents do not count."""
    return _NOT_WORD.sub("", fold(re.sub(r"(?:\.\.\.|…)\s*$", "", text)))


def _extends(a: str, b: str) -> bool:
    x, y = _strip_ellipsis(a), _strip_ellipsis(b)
    return x.startswith(y) or y.startswith(x)


def _mixed_case(text: str) -> bool:
    return text != text.upper() and text != text.lower()


def _languages_agree(a: str, b: str) -> bool:
    x, y = fold(a).replace("_", "-"), fold(b).replace("_", "-")
    return x == y or x.startswith(y + "-") or y.startswith(x + "-")


def _show(value: object) -> str:
    if isinstance(value, Date):
        return value.iso() + (f"T{value.time}" if value.time else "")
    if isinstance(value, tuple):  # names, keywords, or the (variable, value) pairs of variables
        return "; ".join(n.display() if isinstance(n, Name) else f"{n[0]}: {_show(n[1])}" if isinstance(n, tuple)
                         else str(n) for n in value)
    return str(value)


class _Rule(NamedTuple):
    """How one field's values compare: ``agree`` (two values are one), ``quality`` (higher is better)."""

    agree: Callable[[Any, Any], bool]
    quality: Callable[[Any], tuple]
    tie: str  # the reason given when quality decides


_RULES: dict[str, _Rule] = {
    "type": _Rule(lambda a, b: a == b, lambda v: (), ""),
    "title": _Rule(lambda a, b: fold(a) == fold(b), lambda v: (_mixed_case(v), len(v)),
                   "mixed case over uniform case, then the longer title"),
    "author": _Rule(_authors_agree, lambda v: (len(v), sum(len(n.display()) for n in v)),
                    "the longer author list"),
    "issued": _Rule(_dates_agree, lambda v: (1 + (v.month is not None) + (v.day is not None) + (v.time is not None),),
                    "the more precise date"),
    "container_title": _Rule(lambda a, b: fold(a) == fold(b), lambda v: (_mixed_case(v), len(v)), "the longer name"),
    "url": _Rule(lambda a, b: match_key(a) == match_key(b),
                 lambda v: (not is_tracked(v), v.lower().startswith("https:"), -len(v)),
                 "no tracking parameters, https, the shorter URL"),
    "abstract": _Rule(_extends, lambda v: (len(v),), "the longer excerpt"),
    "language": _Rule(_languages_agree, lambda v: (len(v),), "the more specific tag"),
}
_PLAIN = _Rule(lambda a, b: a == b, lambda v: (), "")


@dataclass(frozen=True)
class Conflict:
    """Two sources disagreeing about one field of one post: the value kept and the other, with their places."""

    field: str
    kept: str
    kept_at: str
    other: str
    other_at: str
    reason: str

    def __str__(self) -> str:
        return (f"{CONFLICT_NOTE} {self.field.replace('_', '-')} \"{self.other}\" ({self.other_at}); "
                f"kept \"{self.kept}\" ({self.kept_at})")


class MergeReport(NamedTuple):
    """What :func:`merge_report` found: the merged references, the conflicts, and the weaker matches made
    (``(place, place, evidence)``)."""

    references: list[Reference | Draft]
    conflicts: tuple[Conflict, ...]
    weak_matches: tuple[tuple[str, str, str], ...]


def _where(ref: Ref) -> str:
    return str(ref.origin) if ref.origin is not None else "<input>"


# ----------------------------------------------------------------------------------- identity

_URL, _TITLE_DATE, _TITLE_NEAR, _WEAK = 4, 3, 2, 1


class _Keys:
    """What matching compares, computed once per reference."""

    __slots__ = ("url", "host", "rest", "title", "issued", "day", "first")

    def __init__(self, ref: Ref) -> None:
        self.url = match_key(ref.url)
        self.host, _, rest = (self.url or "").partition("/")
        self.rest = "/" + rest if self.url else None
        self.title = title_key(ref.title)
        self.issued = ref.issued
        self.day = _day(ref.issued)
        self.first = ref.author[0] if ref.author else None


def _title_evidence(a: _Keys, b: _Keys) -> tuple[int, str] | None:
    """The strength and name of a title-based match between a and b, or None."""
    if a.title is None or b.title is None:
        return None
    relation = _date_relation(a.issued, b.issued)
    if relation is None:
        return None
    first_agrees = a.first is None or b.first is None or _same_person(a.first, b.first)
    if a.title == b.title:
        if relation in ("same", "contains", "zone"):
            return _TITLE_DATE, "title and date"
        if relation == "near":
            return _TITLE_NEAR, "the title and dates a day apart"
        return (_WEAK, "the title only (no date to compare)") if first_agrees else None
    if a.first is not None and b.first is not None and first_agrees and similar_titles(a.title, b.title):
        return _WEAK, "a similar title and the same first author"
    return None


def same_post(a: Ref, b: Ref) -> bool:
    """True when ``a`` and ``b`` could be the same post on their own (see the module docstring)."""
    ka, kb = _Keys(a), _Keys(b)
    if ka.url and ka.url == kb.url:
        return True
    if ka.url and kb.url and ka.rest != kb.rest:
        return False
    return _title_evidence(ka, kb) is not None


class _Finder:
    """Union-find over indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def __call__(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i


def _host_aliases(keys: list[_Keys], by_title: dict[str, list[int]]) -> dict[str, str]:
    """Hosts that serve one blog: two entries of the same title at the same path on each."""
    alias: dict[str, str] = {}

    def find(host: str) -> str:
        while alias.get(host, host) != host:
            host = alias[host]
        return host

    for members in by_title.values():
        located = [keys[i] for i in members if keys[i].url]
        for n, a in enumerate(located):
            for b in located[n + 1:]:
                if a.rest == b.rest and a.host != b.host:
                    ha, hb = find(a.host), find(b.host)
                    if ha != hb:
                        alias[max(ha, hb)] = min(ha, hb)
    return {host: find(host) for host in alias}


def _url_key(url: str | None, aliases: Mapping[str, str]) -> str | None:
    """The URL as matching compares it: :func:`match_key`, one host standing for each blog's hosts."""
    key = match_key(url)
    if not key or not aliases:
        return key
    host, slash, rest = key.partition("/")
    return aliases.get(host, host) + slash + rest


def _near_pairs(block: list[int], keys: list[_Keys]) -> Iterator[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of ``block`` whose dates may agree: full dates at most a day apart,
    and every pair with a partial or missing date."""
    by_day: dict[int, list[int]] = {}
    vague: list[int] = []
    for i in block:
        day = keys[i].day
        if day is None:
            vague.append(i)
        else:
            by_day.setdefault(day, []).append(i)
    for i in block:
        day = keys[i].day
        near = block if day is None else [*by_day.get(day - 1, ()), *by_day[day], *by_day.get(day + 1, ()), *vague]
        yield from ((i, j) for j in near if j > i)


def _groups(refs: Sequence[Ref], kinds: Sequence[str]) -> tuple[list[list[int]], list[tuple[int, int, str]],
                                                                 dict[str, str]]:
    """Indices of the same post, grouped in order of first appearance; the weaker matches made; and the
    hosts found to serve one blog (host → the one standing for them)."""
    keys = [_Keys(ref) for ref in refs]
    # A source document: its kind and name (two lists, or two texts, may share a name); none: its own.
    sources = [(kind, ref.origin.source) if ref.origin is not None else i
               for i, (ref, kind) in enumerate(zip(refs, kinds))]
    by_title: dict[str, list[int]] = {}
    by_first: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if key.title is not None:
            by_title.setdefault(key.title, []).append(i)
            if key.first is not None:
                by_first.setdefault(_family(key.first), []).append(i)
    aliases = _host_aliases(keys, by_title)
    urls = [aliases.get(k.host, k.host) + (k.rest or "") if k.url else None for k in keys]

    pairs: list[tuple[int, int, int, str]] = []  # (strength, i, j, evidence)
    first_at: dict[str, int] = {}
    for i, url in enumerate(urls):
        if url is not None:
            j = first_at.setdefault(url, i)
            if j != i:
                pairs.append((_URL, j, i, "the same URL"))
    for same_title, blocks in ((True, by_title), (False, by_first)):
        for block in blocks.values():
            for i, j in _near_pairs(block, keys):
                if (urls[i] and urls[j] and urls[i] != urls[j]) or (keys[i].title == keys[j].title) != same_title:
                    continue  # two addresses; or a pair of equal titles, found in its title's block
                found = _title_evidence(keys[i], keys[j])
                if found is not None:
                    pairs.append((found[0], i, j, found[1]))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))

    find = _Finder(len(refs))
    group_sources: dict[int, set[object]] = {i: {s} for i, s in enumerate(sources)}
    group_urls: dict[int, set[str]] = {i: {u} if u else set() for i, u in enumerate(urls)}
    weak: list[tuple[int, int, str]] = []
    for strength, i, j, evidence in pairs:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if strength < _URL:
            exact_twin = (strength == _TITLE_DATE and sources[i] == sources[j]
                          and keys[i].issued == keys[j].issued and keys[i].title == keys[j].title)
            if not exact_twin and not group_sources[ri].isdisjoint(group_sources[rj]):
                continue  # a document lists a post once: this is another post of the same title
            if group_urls[ri] and group_urls[rj] and group_urls[ri].isdisjoint(group_urls[rj]):
                continue  # two addresses: two posts
        root, other = min(ri, rj), max(ri, rj)
        find.parent[other] = root
        group_sources[root] |= group_sources.pop(other)
        group_urls[root] |= group_urls.pop(other)
        if strength < _TITLE_DATE:
            weak.append((i, j, evidence))
    groups: dict[int, list[int]] = {}
    for i in range(len(refs)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0]), weak, aliases


# ----------------------------------------------------------------------------------- fields


def _empty(value: object) -> bool:
    return value is None or value == () or value == ""


class _Candidate(NamedTuple):
    value: Any
    ref: Any
    rank: int
    kind: str


def _choose(field: str, candidates: list[_Candidate],
            rule: _Rule | None = None) -> tuple[_Candidate, list[tuple[_Candidate, str]]]:
    """The value kept for ``field`` (by ``rule``, else the field's), and each value that disagrees with it,
    with the reason it lost."""
    first = candidates[0].value
    if all(c.value == first for c in candidates):  # the usual case: every source says the same
        return min(candidates, key=lambda c: -c.rank), []
    rule = rule or _RULES.get(field, _PLAIN)
    # The preferred value: rank, then the field's quality, then the text (order-free).
    preferred = min(candidates, key=lambda c: (-c.rank, tuple(-int(q) for q in rule.quality(c.value)),
                                               _show(c.value)))
    agreeing = [c for c in candidates if rule.agree(c.value, preferred.value)]
    # Among agreeing values, the best form of the value.
    kept = min(agreeing, key=lambda c: (tuple(-int(q) for q in rule.quality(c.value)), -c.rank, _show(c.value)))
    agreed = {id(c) for c in agreeing}
    losers = []
    for c in candidates:
        if id(c) in agreed:
            continue
        if c.rank != preferred.rank:
            reason = f"{preferred.kind} over {c.kind}"
        elif rule.quality(c.value) != rule.quality(preferred.value):
            reason = rule.tie
        else:
            reason = "sources of equal rank: alphabetical order"
        losers.append((c, reason))
    return kept, losers


def _merge_group(refs: list[Ref], kinds: list[str], ranks: list[int], aliases: Mapping[str, str],
                 diag: Diagnostics | None) -> tuple[Reference, list[Conflict]]:
    """The group's references as one, and the conflicts found (each also a line of the note)."""
    fields: dict[str, object] = {}
    conflicts: list[Conflict] = []
    sources: dict[str, list[str]] = {}

    def candidates(field: str) -> list[_Candidate]:
        return [_Candidate(getattr(r, field), r, rank, kind) for r, rank, kind in zip(refs, ranks, kinds)
                if not _empty(getattr(r, field))]

    def lost(field: str, kept: _Candidate, loser: _Candidate, reason: str) -> None:
        conflict = Conflict(field, _show(kept.value), _where(kept.ref), _show(loser.value), _where(loser.ref), reason)
        conflicts.append(conflict)
        if diag is not None:
            origin = loser.ref.origin
            diag.conflict(origin.source if origin else "<input>", origin.line if origin else None,
                          f"{field.replace('_', '-')} \"{shorten(conflict.other, 80)}\" differs from "
                          f"\"{shorten(conflict.kept, 80)}\" at {conflict.kept_at}; kept the latter "
                          f"({reason}), noted the other")

    ids = candidates("id")
    if ids:
        fields["id"] = min(ids, key=lambda c: (-c.rank, len(c.value), c.value)).value
    types = candidates("type")
    specific = [c for c in types if c.value != "post-weblog"] or types
    if specific:
        kept, losers = _choose("type", specific)
        fields["type"] = kept.value
        for loser, reason in losers:
            lost("type", kept, loser, reason)
    for field in ("title", "author", "issued", "container_title", "url", "abstract", "language", "variables"):
        present = candidates(field)
        if not present:
            continue
        rule = None
        if field == "url" and aliases:
            rule = _RULES["url"]._replace(agree=lambda a, b: _url_key(a, aliases) == _url_key(b, aliases))
        kept, losers = _choose(field, present, rule)
        if field == "issued" and _utc(kept.value):  # the day the blog shows over a feed's UTC instant
            lost_ids = {id(c) for c, _ in losers}
            kept = _blog_day(kept.value, [c for c in present if id(c) not in lost_ids]) or kept
        fields[field] = kept.value
        if field == "author" and len(present) > 1:  # each name as fully as an agreeing list spells it
            lost_ids = {id(c) for c, _ in losers}
            fields[field] = _fullest(kept.value, [c.value for c in present if id(c) not in lost_ids])
        sources.setdefault(_where(kept.ref), []).append(field)
        for loser, reason in losers:
            lost(field, kept, loser, reason)
    kept_variables = fields.get("variables", ())
    fields["more_names"] = next((r.more_names for r in refs if r.variables == kept_variables), ())
    kept_authors = fields.get("author", ())
    fields["more_authors"] = any(r.more_authors and len(r.author) >= len(kept_authors)  # type: ignore[arg-type]
                                 for r in refs)
    accessed = candidates("accessed")
    if accessed:
        latest = max(accessed, key=lambda c: (c.value.year is not None, c.value.sort_key(), c.rank))
        fields["accessed"] = latest.value
        sources.setdefault(_where(latest.ref), []).append("accessed")
    by_rank = sorted(range(len(refs)), key=lambda i: -ranks[i])
    keywords: dict[str, str] = {}
    for i in by_rank:
        for keyword in refs[i].keyword:
            keywords.setdefault(fold(keyword), keyword)
    fields["keyword"] = tuple(keywords.values())

    extra: dict[str, str] = {}
    names = dict.fromkeys(k for r in refs for k, _ in r.extra if k != MERGED_FROM)
    for name in names:
        values = [_Candidate(v, r, rank, kind) for r, rank, kind in zip(refs, ranks, kinds)
                  for k, v in r.extra if k == name]
        if name == EVIDENCE:  # each source's own reasons: all kept, highest rank first, never a conflict
            extra[name] = " | ".join(dict.fromkeys(c.value for c in sorted(values, key=lambda c: -c.rank)))
            continue
        kept, losers = _choose(name, values, _PLAIN)  # an extra field is text, whatever its name
        extra[name] = kept.value
        for loser, reason in losers:
            lost(name, kept, loser, reason)
    for ref in refs:  # a source whose values were all matched by another's is listed too
        sources.setdefault(_where(ref), [])
    extra[MERGED_FROM] = "; ".join(f"{','.join(sorted(f))}={where}" if f else where for where, f in sources.items())

    notes: list[str] = []
    for note in sorted({c.value for c in candidates("note")}, key=lambda n: (-len(n), n)):
        if not any(fold(note) in fold(longer) for longer in notes):
            notes.append(note)
    text = "\n".join(notes)
    notes.extend(line for line in dict.fromkeys(map(str, conflicts)) if line not in text)  # not noted twice
    fields["note"] = "\n".join(notes) or None
    merged = Reference(**fields, extra=tuple(sorted(extra.items())), origin=refs[0].origin)  # type: ignore[arg-type]
    return merged, conflicts


def merge_report(refs: Sequence[Ref], diag: Diagnostics | None = None, kind: Callable[[Ref], str] | None = None,
                 ranks: Mapping[str, int] = SOURCE_RANK) -> MergeReport:
    """One reference per post, in order of first appearance, with the conflicts and weaker matches found.

    Pure: the inputs are not changed.  ``kind`` names each reference's kind of
    source (by default all are alike); ``ranks`` says which kind's values win
    a disagreement (higher wins, an unknown kind is 0).
    ``diag`` (if given) receives a conflict per disagreeing value and a warning
    per weaker match; ``diag.stats.merged`` counts the references folded into
    another.  A reference that matches nothing is returned as is.
    """
    kinds = [kind(r) for r in refs] if kind is not None else ["input"] * len(refs)
    groups, weak, aliases = _groups(refs, kinds)
    out: list[Reference | Draft] = []
    conflicts: list[Conflict] = []
    weak_matches = []
    for i, j, evidence in weak:
        weak_matches.append((_where(refs[i]), _where(refs[j]), evidence))
        if diag is not None:
            origin = refs[j].origin
            diag.warn(origin.source if origin else "<input>", origin.line if origin else None,
                      f"taken as the same post as {_where(refs[i])} on weaker evidence: {evidence}")
    for group in groups:
        members = [refs[i] for i in group]
        if len(members) == 1:
            out.append(members[0])
            continue
        if diag is not None:
            diag.stats.merged += len(members) - 1
        members_kinds = [kinds[i] for i in group]
        merged, found = _merge_group(members, members_kinds, [ranks.get(k, 0) for k in members_kinds], aliases, diag)
        conflicts.extend(found)
        out.append(merged)
    return MergeReport(out, tuple(conflicts), tuple(weak_matches))


def merge(refs: Sequence[Ref], diag: Diagnostics | None = None, kind: Callable[[Ref], str] | None = None,
          ranks: Mapping[str, int] = SOURCE_RANK) -> list[Reference | Draft]:
    """One reference per post, in order of first appearance (:func:`merge_report` without the report)."""
    return merge_report(refs, diag, kind, ranks).references
