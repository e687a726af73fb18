"""Several sources, one list: the same post read twice becomes one reference.

Two references are the same post when

1. their URLs agree after :func:`blogbib.urls.match_key` (scheme, ``www.``,
   trailing slash, ``index.html``, fragment and case do not matter; readers
   have already moved a blog's alias hosts onto ``--base-url``), or
2. their titles agree after normalisation (case, punctuation, spacing,
   typographic quotes) and so do their dates (a day apart is allowed when one
   side carries a time of day, which a time zone may move), and their URLs do
   not contradict that (none, one, or the same path on two hosts).

They are merged field by field.  The rule for each field is stated in
:data:`PRECEDENCE` and depends on the values, not on which reader produced
them; among equals the input that came first wins, so the order of the inputs
on the command line is the final tie-breaker.

A value that loses a real disagreement is not dropped: it is kept in
``extra`` under ``merge-conflict:<field>`` with the place it came from, and a
warning is reported.  Every merged reference records where each field came
from in ``extra["merged-from"]`` (``title,author=index.html:83;
issued=feed.xml:10``).

>>> from blogbib.model import Reference, Name, Date, Origin
>>> index = Reference(title="Saddles Again", author=(Name(family="Recht", given="Benjamin"),),
...                   issued=Date(2016, 3, 24), url="http://www.offconvex.org/2016/03/24/saddles-again/",
...                   origin=Origin("index.html", 40))
>>> feed = Reference(title="Saddles again", issued=Date(2016, 3, 24, "03:00:00-07:00"),
...                  url="http://offconvex.org/2016/03/24/saddles-again", origin=Origin("feed.xml", 9))
>>> [ref] = merge([index, feed])
>>> ref.author[0].family, ref.issued.time, ref.title
('Recht', '03:00:00-07:00', 'Saddles Again')
>>> ref.extra_dict["merged-from"]
'author,title,url=index.html:40; issued=feed.xml:9'
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from .errors import Diagnostics
from .model import Date, Reference
from .text import fold
from .urls import match_key

__all__ = ["merge", "same_post", "PRECEDENCE", "MERGED_FROM", "CONFLICT_PREFIX"]

MERGED_FROM = "merged-from"
CONFLICT_PREFIX = "merge-conflict:"

# field → (rule, what it means).  Rules are implemented in _RULES below.
PRECEDENCE: dict[str, tuple[str, str]] = {
    "id": ("first", "the first non-empty key"),
    "type": ("specific", "the first type other than the default post-weblog"),
    "title": ("first", "the first non-empty title; a different title is a conflict"),
    "author": ("most", "the longest author list; a different non-empty list is a conflict"),
    "more_authors": ("any", "true if any source says 'et al.'"),
    "issued": ("precise", "the most precise date (time > day > month > year) agreeing with the others"),
    "accessed": ("latest", "the latest access date"),
    "container_title": ("first", "the first blog name; a different one is a conflict"),
    "url": ("first", "the first URL; one naming another post is a conflict"),
    "abstract": ("longest", "the longest excerpt when one extends the other; else the first, a conflict"),
    "keyword": ("union", "all keywords, in order of first appearance"),
    "note": ("first", "the first note; a different one is a conflict"),
    "language": ("first", "the first language; a different one is a conflict"),
    "extra": ("union", "all extra fields; for the same name, the first value, a conflict"),
}


_NOT_WORD = re.compile(r"[\W_]+")


def _title_key(title: str | None) -> str | None:
    """A title as matching compares it: folded (:func:`blogbib.text.fold`), punctuation as spaces."""
    if not title:
        return None
    return _NOT_WORD.sub(" ", fold(title)).strip() or None


def _dates_agree(a: Date | None, b: Date | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a.year != b.year and not (a.time or b.time):
        return False
    if a.month is None or b.month is None or a.day is None or b.day is None:
        return a.year == b.year and (a.month is None or b.month is None or a.month == b.month)
    if (a.year, a.month, a.day) == (b.year, b.month, b.day):
        return True
    if a.time or b.time:  # a time zone can move an instant across midnight
        import datetime as dt

        return abs((dt.date(a.year, a.month, a.day) - dt.date(b.year, b.month, b.day)).days) <= 1
    return False


def _path(url: str | None) -> str | None:
    key = match_key(url)
    return key.split("/", 1)[1] if key and "/" in key else None


def same_post(a: Reference, b: Reference) -> bool:
    """True when ``a`` and ``b`` describe the same post (see the module docstring)."""
    return _same(_Keys.of(a), _Keys.of(b))


class _Keys:
    """What matching compares, computed once per reference."""

    __slots__ = ("url", "path", "title", "issued")

    def __init__(self, url: str | None, title: str | None, issued: Date | None) -> None:
        self.url = match_key(url)
        self.path = self.url.split("/", 1)[1] if self.url and "/" in self.url else None
        self.title = _title_key(title)
        self.issued = issued

    @classmethod
    def of(cls, ref: Reference) -> "_Keys":
        return cls(ref.url, ref.title, ref.issued)


def _same(a: _Keys, b: _Keys) -> bool:
    if a.url and b.url and a.url == b.url:
        return True
    if not a.title or a.title != b.title or not _dates_agree(a.issued, b.issued):
        return False
    if a.url and b.url:
        return a.path == b.path
    return True


def _groups(refs: Sequence[Reference]) -> list[list[int]]:
    """Indices of the same post, grouped; groups in order of first appearance."""
    parent = list(range(len(refs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    keys = [_Keys.of(ref) for ref in refs]
    by_url: dict[str, int] = {}
    by_title: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if key.url is not None:
            if key.url in by_url:
                union(by_url[key.url], i)
            else:
                by_url[key.url] = i
        if key.title is not None:
            for j in by_title.get(key.title, []):
                if find(j) != find(i) and _same(keys[j], key):
                    union(j, i)
            by_title.setdefault(key.title, []).append(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(refs)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _where(ref: Reference) -> str:
    return str(ref.origin) if ref.origin is not None else "<input>"


def _empty(value: object) -> bool:
    return value is None or value == () or value == "" or value is False


def _precision(date: Date) -> int:
    return 1 + (date.month is not None) + (date.day is not None) + (date.time is not None)


def _strip_ellipsis(text: str) -> str:
    """Text reduced for "does one excerpt extend the other": a trailing ellipsis,
    spacing, punctuation, quote styles, case and accents do not count."""
    return _NOT_WORD.sub("", fold(re.sub(r"(?:\.\.\.|…)\s*$", "", text)))


def _choose(field: str, rule: str, refs: list[Reference]) -> tuple[int | None, list[int]]:
    """Index of the winning ref for ``field``, and indices whose different values lose."""
    present = [i for i, r in enumerate(refs) if not _empty(getattr(r, field))]
    if not present:
        return None, []
    values = {i: getattr(refs[i], field) for i in present}
    winner = present[0]
    if rule == "specific":
        specific = [i for i in present if values[i] != "post-weblog"]  # the default says nothing
        if not specific:
            return winner, []
        return specific[0], [i for i in specific if values[i] != values[specific[0]]]
    elif rule == "most":
        winner = max(present, key=lambda i: (len(values[i]), -i))
    elif rule == "precise":
        winner = max(present, key=lambda i: (_precision(values[i]), -i))
        losers = [i for i in present if not _dates_agree(values[i], values[winner])]
        return winner, losers
    elif rule == "latest":
        winner = max(present, key=lambda i: (values[i].sort_key(), -i))
        return winner, []
    elif rule == "longest":
        winner = max(present, key=lambda i: (len(values[i]), -i))
        best = _strip_ellipsis(values[winner])
        extends = all(best.startswith(_strip_ellipsis(values[i])) for i in present)
        if not extends:
            winner = present[0]
            first = _strip_ellipsis(values[winner])
            return winner, [i for i in present if _strip_ellipsis(values[i]) not in (first,)
                            and not first.startswith(_strip_ellipsis(values[i]))]
        return winner, []
    if field == "title":
        same: Callable[[object, object], bool] = lambda a, b: _title_key(a) == _title_key(b)  # type: ignore[arg-type]
    elif field == "url":
        same = lambda a, b: match_key(a) == match_key(b) or _path(a) == _path(b)  # type: ignore[arg-type]  # noqa: E731
    elif field == "author":
        same = lambda a, b: (not a or not b or list(a)[: len(b)] == list(b)[: len(a)])  # noqa: E731
    else:
        same = lambda a, b: a == b  # noqa: E731
    return winner, [i for i in present if not same(values[i], values[winner])]


def _show(value: object, limit: int | None = None) -> str:
    if isinstance(value, Date):
        text = value.iso() + (f"T{value.time}" if value.time else "")
    elif isinstance(value, tuple):
        text = "; ".join(n.display() if hasattr(n, "display") else str(n) for n in value)
    else:
        text = str(value)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _merge_group(refs: list[Reference], diag: Diagnostics | None) -> Reference:
    fields: dict[str, object] = {}
    sources: dict[str, list[str]] = {}
    conflicts: dict[str, str] = {}
    for field, (rule, _) in PRECEDENCE.items():
        if field in ("keyword", "extra", "more_authors"):
            continue
        winner, losers = _choose(field, rule, refs)
        if winner is None:
            continue
        fields[field] = getattr(refs[winner], field)
        if field not in ("id", "type"):
            sources.setdefault(_where(refs[winner]), []).append(field)
        for i in losers:
            lost = refs[i]
            conflicts[CONFLICT_PREFIX + field] = f"{_show(getattr(lost, field))} ({_where(lost)})"
            if diag is not None:
                origin = lost.origin
                diag.warn(origin.source if origin else "<input>", origin.line if origin else None,
                          f"{field} {_show(getattr(lost, field), 60)!r} differs from {_where(refs[winner])} "
                          f"({_show(fields[field], 60)!r}); kept the latter, recorded the other in extra")
    fields["more_authors"] = any(r.more_authors for r in refs)
    fields["keyword"] = tuple(dict.fromkeys(k for r in refs for k in r.keyword))
    extra: dict[str, str] = {}
    for ref in refs:
        for key, value in ref.extra:
            if key == MERGED_FROM:
                continue
            if key in extra and extra[key] != value:
                conflicts[CONFLICT_PREFIX + key] = f"{value} ({_where(ref)})"
                if diag is not None and ref.origin is not None:
                    diag.warn(ref.origin.source, ref.origin.line, f"extra field {key!r} differs between sources")
                continue
            extra.setdefault(key, value)
    extra.update(conflicts)
    extra[MERGED_FROM] = "; ".join(f"{','.join(sorted(f))}={where}" for where, f in sources.items())
    return Reference(**fields, extra=tuple(sorted(extra.items())), origin=refs[0].origin)  # type: ignore[arg-type]


def merge(refs: Sequence[Reference], diag: Diagnostics | None = None) -> list[Reference]:
    """One reference per post, in order of first appearance.

    Pure: the inputs are not changed; ``diag`` (if given) receives a warning
    per conflicting value, and ``diag.stats.merged`` counts the references
    folded into another.  A reference that matches nothing is returned as is.
    """
    out: list[Reference] = []
    for group in _groups(refs):
        members = [refs[i] for i in group]
        if len(members) == 1:
            out.append(members[0])
            continue
        if diag is not None:
            diag.stats.merged += len(members) - 1
        out.append(_merge_group(members, diag))
    return out
