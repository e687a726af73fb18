"""Choosing, ordering and grouping references: what ``--author … --sort … --limit`` and ``--group-by`` do.

:class:`Selection` states a choice; :func:`select`, :func:`sort` and
:func:`group` apply it to any sequence of references.  The same conventions
hold everywhere:

* Text comparisons (author, text, blog, keyword) ignore case and accents:
  ``"rene"`` matches ``René``, ``"LUKASZ"`` matches ``Łukasz``.
* A missing value (no date, no author, no title, no blog) never matches a
  criterion on that field, and always sorts after every present value, with
  ``reverse`` or without; such entries keep their relative order.
* Sorting is stable: entries that compare equal keep their order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import BlogbibError
from .text import fold

if TYPE_CHECKING:
    import datetime as _dt
    from typing import Any, Callable, Iterable, Sequence

    from .model import Date, Name, Reference

    DateBound = str | int | Date | _dt.date
    Labels = Callable[[Reference], str | Iterable[str] | None]

__all__ = ["Selection", "select", "sort", "group", "SORT_FIELDS", "GROUP_FIELDS",
           "NO_DATE", "NO_AUTHOR", "NO_BLOG", "NO_KEYWORD"]

SORT_FIELDS = ("date", "author", "title", "blog", "key")
GROUP_FIELDS = ("year", "author", "blog", "keyword")
#: Labels :func:`group` gives to the group of entries lacking the value.
NO_DATE = "No date"
NO_AUTHOR = "No author"
NO_BLOG = "No blog"
NO_KEYWORD = "No tags"


@dataclass(frozen=True)
class Selection:
    """Which references to keep, in which order, how many.

    The criteria ``author``, ``since``, ``until``, ``text``, ``blog``, ``type``,
    ``keyword`` and ``predicate`` are those of :meth:`blogbib.ReadingList.filter`
    (every one given must hold).  Then ``sort`` (a field of :data:`SORT_FIELDS`
    or a key function; see :func:`sort`), ``reverse`` (the order, sorted or
    not) and ``limit`` (keep the first ``limit``).
    """

    author: str | Iterable[str] | None = None
    since: DateBound | None = None
    until: DateBound | None = None
    text: str | None = None
    blog: str | None = None
    type: str | Iterable[str] | None = None
    keyword: str | Iterable[str] | None = None
    predicate: Callable[[Reference], bool] | None = None
    sort: str | Callable[[Reference], Any] | None = None
    reverse: bool = False
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 0:
            raise BlogbibError(f"limit must be 0 or more, not {self.limit}")


def select(refs: Sequence[Reference], selection: Selection) -> Sequence[Reference]:
    """The references ``selection`` keeps, in its order (``refs`` itself when it keeps all, unordered).

    >>> from blogbib.model import Reference, Date
    >>> refs = [Reference(id=k, issued=Date(y)) for k, y in [("a", 2018), ("b", 2021), ("c", 2020)]]
    >>> [r.id for r in select(refs, Selection(since="2019", sort="date", reverse=True, limit=1))]
    ['b']
    """
    tests = _tests(selection)
    picked: Sequence[Reference] = [r for r in refs if all(test(r) for test in tests)] if tests else refs
    if selection.sort is not None:
        picked = sort(picked, selection.sort, reverse=selection.reverse)
    elif selection.reverse:
        picked = picked[::-1]
    if selection.limit is not None:
        picked = picked[: selection.limit]
    return picked


def _tests(s: Selection) -> list[Callable[[Reference], bool]]:
    tests: list[Callable[[Reference], bool]] = []
    if s.author is not None:
        wanted = {fold(a) for a in _as_strings(s.author)}
        tests.append(lambda r: any(wanted & _name_forms(n) for n in r.author))
    if s.since is not None:
        start = _date_bounds(_as_date(s.since, "since"))[0]
        tests.append(lambda r: _dated(r) and _date_bounds(r.issued)[1] >= start)
    if s.until is not None:
        end = _date_bounds(_as_date(s.until, "until"))[1]
        tests.append(lambda r: _dated(r) and _date_bounds(r.issued)[0] <= end)
    if s.text is not None:
        needle = fold(s.text)
        tests.append(lambda r: any(needle in fold(t) for t in (r.title, r.abstract) if t))
    if s.blog is not None:
        blog = fold(s.blog)
        tests.append(lambda r: r.container_title is not None and blog in fold(r.container_title))
    if s.type is not None:
        types = set(_as_strings(s.type))
        tests.append(lambda r: r.type in types)
    if s.keyword is not None:
        tags = {fold(k) for k in _as_strings(s.keyword)}
        tests.append(lambda r: any(fold(k) in tags for k in r.keyword))
    if s.predicate is not None:
        tests.append(s.predicate)
    return tests


def sort(refs: Iterable[Reference], by: str | Callable[[Reference], Any] = "date",
         reverse: bool = False) -> list[Reference]:
    """``refs`` sorted by ``"date"``, ``"author"``, ``"title"``, ``"blog"``, ``"key"`` or a key function.

    ``author`` sorts by the authors' family names then given names (an
    institutional author by its name; a particle does not count, so
    ``van Rossum`` sorts under R); ``title`` and ``blog`` ignore case and
    accents.  Entries lacking the value (or whose key function returns
    ``None``) come last in their original order, with ``reverse`` or without.
    """
    key = _sort_key(by)
    present, missing = [], []
    for ref in refs:
        value = key(ref)
        (missing if value is None else present).append((value, ref))
    present.sort(key=lambda pair: pair[0], reverse=reverse)  # stable, with reverse too
    return [ref for _, ref in present] + [ref for _, ref in missing]


def _sort_key(by: str | Callable[[Reference], Any]) -> Callable[[Reference], Any]:
    if callable(by):
        return by
    if by == "date":
        return lambda r: r.issued.sort_key() if _dated(r) else None  # a literal-only date sorts with the undated
    if by == "author":
        return lambda r: tuple(map(_name_order, r.author)) or None
    if by == "title":
        return lambda r: fold(r.title) if r.title else None
    if by == "blog":
        return lambda r: fold(r.container_title) if r.container_title else None
    if by == "key":
        return lambda r: r.id
    raise BlogbibError(f"cannot sort by {by!r}; choose one of: {', '.join(SORT_FIELDS)}, or a function")


def group(refs: Iterable[Reference], by: str | Labels = "year") -> list[tuple[str, list[Reference]]]:
    """``(label, references)`` groups; references keep their order in each group.

    * ``"year"``: newest year first, then :data:`NO_DATE`.
    * ``"author"``: one group per author (``"Nadav Cohen"``), alphabetical by
      family name; a post by two authors is in both groups; :data:`NO_AUTHOR` last.
    * ``"blog"``: alphabetical, then :data:`NO_BLOG`.
    * ``"keyword"``: one group per tag, alphabetical; a post with two tags is in
      both; :data:`NO_KEYWORD` last.
    * a function returning a label, several labels or ``None``: groups in
      order of first appearance, the ``None`` group (labelled ``"Other"``) last.
    """
    if callable(by):
        labeller = by
        return _groups(refs, lambda r: [(label, None) for label in _labels_of(labeller(r))], ranked=False,
                       missing="Other")
    if by == "year":
        return _groups(refs, lambda r: [(str(r.issued.year), -r.issued.year)] if _dated(r) else [], ranked=True,
                       missing=NO_DATE)
    if by == "author":
        return _groups(refs, lambda r: [(n.display(), _name_order(n))
                                        for n in r.author], ranked=True, missing=NO_AUTHOR)
    if by == "blog":
        return _groups(refs, lambda r: [(r.container_title, fold(r.container_title))] if r.container_title else [],
                       ranked=True, missing=NO_BLOG)
    if by == "keyword":
        return _groups(refs, lambda r: [(k, fold(k)) for k in r.keyword], ranked=True, missing=NO_KEYWORD)
    raise BlogbibError(f"cannot group by {by!r}; choose one of: {', '.join(GROUP_FIELDS)}, or a function")


def _groups(refs: Iterable[Reference], labels: Callable[[Reference], list[tuple[str, Any]]], ranked: bool,
            missing: str) -> list[tuple[str, list[Reference]]]:
    """Groups by (label, rank) pairs: by rank then label when ``ranked``, else by first appearance."""
    groups: dict[str, list[Reference]] = {}
    ranks: dict[str, Any] = {}
    rest: list[Reference] = []
    for ref in refs:
        found = labels(ref)
        if not found:
            rest.append(ref)
        placed: set[str] = set()  # a label listed twice for one reference counts once
        for label, rank in found:
            if label not in groups:
                groups[label], ranks[label] = [], rank
            if label not in placed:
                groups[label].append(ref)
                placed.add(label)
    names = list(groups)
    if ranked:
        names.sort(key=lambda label: (ranks[label], label))
    out = [(label, groups[label]) for label in names]
    if rest:
        out.append((missing, rest))
    return out


def _labels_of(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None]


def _as_strings(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _name_order(name: Name) -> tuple[str, str]:
    """Family name (an institution's, or a given name alone), then given name, folded."""
    if name.family is None:
        return (fold(name.display()), "")
    return (fold(name.family), fold(name.given or ""))


def _name_forms(name: Name) -> set[str]:
    """The spellings an ``author`` criterion may use for one name, folded."""
    if name.family is None:  # an institution, or a given name alone
        return {fold(name.display())}
    forms = {name.family or "", name.family_full, name.display()}
    given = name.given or ""
    if given:
        forms |= {f"{given} {name.family_full}", f"{name.family_full}, {given}", f"{name.family}, {given}"}
        first = given.split()[0]
        if first != given:  # "Jason Lee" finds Jason D. Lee
            forms |= {f"{first} {name.family_full}", f"{name.family_full}, {first}"}
    return {fold(f) for f in forms if f}


def _dated(ref: Reference) -> bool:
    """Whether the reference has a date with a year (not none, nor only a literal such as "forthcoming")."""
    return ref.issued is not None and ref.issued.year is not None


def _date_bounds(date: Date) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """First and last day, as (year, month, day), that a possibly partial date may stand for."""
    if date.month is None:
        return (date.year, 1, 1), (date.year, 12, 31)
    if date.day is None:
        import calendar

        return (date.year, date.month, 1), (date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    day = (date.year, date.month, date.day)
    return day, day


def _as_date(value: DateBound, what: str) -> Date:
    import datetime as _dt

    from .model import Date

    if isinstance(value, Date):
        return value
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return Date(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):  # a year
        try:
            return Date(value)
        except ValueError as exc:
            raise BlogbibError(f"{what}: {exc}") from None
    if isinstance(value, str):
        from .dates import DateError, parse_date

        try:
            return parse_date(value.strip())
        except DateError as exc:
            raise BlogbibError(f"{what}: {exc} (use e.g. 2019, 2019-06 or 2019-06-30)") from None
    raise BlogbibError(f"{what}: expected a date such as '2019-06', got {value!r}")
