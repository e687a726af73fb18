"""ReadingList: an immutable sequence of references with unique keys.

Every operation returns a new list; the references themselves are frozen.

>>> import blogbib
>>> rl = blogbib.read('''Saddles Again
... Mar 24, 2016 (Benjamin Recht). Thanks to Rong for the post.
... Markov Chains Through the Looking Glass
... Dec 16, 2015 (Nisheeth Vishnoi). A wonderful world.
... Tensor Methods in Machine Learning
... Dec 17, 2015 (Rong Ge). One of the trends.''', blog_title="Off the Convex Path")
>>> [r.id for r in rl.filter(since="2015-12-17").sort("date")]
['ge2015tensor', 'recht2016saddles']
>>> [(year, len(group)) for year, group in rl.group_by("year")]
[('2016', 1), ('2015', 2)]

Conventions, the same for every operation:

* Text comparisons (author, text, blog, keyword) ignore case and accents:
  ``"rene"`` matches ``René``, ``"LUKASZ"`` matches ``Łukasz``.
* A missing value (no date, no author, no title, no blog) never matches a
  filter on that field, and always sorts after every present value, with
  ``reverse`` or without; such entries keep their relative order.
* Sorting is stable: entries that compare equal keep their order in the list.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, overload

from .errors import BlogbibError
from .keys import assign_keys
from .text import fold
from .model import Date, Name, Reference

__all__ = ["ReadingList", "NO_DATE", "NO_AUTHOR", "NO_BLOG", "NO_KEYWORD", "SAVE_FORMATS"]

#: Labels :meth:`ReadingList.group_by` gives to the group of entries lacking the value.
NO_DATE = "No date"
NO_AUTHOR = "No author"
NO_BLOG = "No blog"
NO_KEYWORD = "No tags"

#: File suffix → what :meth:`ReadingList.save` writes.
SAVE_FORMATS: dict[str, str] = {
    ".bib": "bibtex",
    ".json": "csl-json",
    ".ris": "ris",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
SORT_FIELDS = ("date", "author", "title", "blog", "key")
GROUP_FIELDS = ("year", "author", "blog", "keyword")


# ----------------------------------------------------------------------------- helpers


def _name_forms(name: Name) -> set[str]:
    """The spellings an ``author=`` filter may use for one name, folded."""
    if name.literal is not None:
        return {fold(name.literal)}
    forms = {name.family or "", name.family_full, name.display()}
    given = name.given or ""
    if given:
        forms |= {f"{given} {name.family_full}", f"{name.family_full}, {given}", f"{name.family}, {given}"}
        first = given.split()[0]
        if first != given:  # "Jason Lee" finds Jason D. Lee
            forms |= {f"{first} {name.family_full}", f"{name.family_full}, {first}"}
    return {fold(f) for f in forms if f}


def _date_bounds(date: Date) -> tuple[_dt.date, _dt.date]:
    """First and last day a (possibly partial) date may stand for."""
    import calendar

    if date.month is None:
        return _dt.date(date.year, 1, 1), _dt.date(date.year, 12, 31)
    if date.day is None:
        last = calendar.monthrange(date.year, date.month)[1]
        return _dt.date(date.year, date.month, 1), _dt.date(date.year, date.month, last)
    day = _dt.date(date.year, date.month, date.day)
    return day, day


def _as_date(value: "str | Date | _dt.date", what: str) -> Date:
    if isinstance(value, Date):
        return value
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return Date(value.year, value.month, value.day)
    if isinstance(value, str):
        from .dates import DateError, parse_date

        try:
            return parse_date(value.strip())
        except DateError as exc:
            raise BlogbibError(f"{what}: {exc} (use e.g. 2019, 2019-06 or 2019-06-30)") from None
    raise BlogbibError(f"{what}: expected a date such as '2019-06', got {value!r}")


def _as_strings(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


# ----------------------------------------------------------------------------- the list


class ReadingList:
    """An immutable, ordered list of :class:`Reference` whose keys are unique.

    It behaves like a tuple (``len``, iteration, indexing, slicing, ``in`` by
    reference or by key, ``+``, ``==``); every operation returns a new list.
    Keys already present are kept; missing or clashing ones are generated
    (see :mod:`blogbib.keys`).

    >>> from blogbib.model import Date, Name, Reference
    >>> post = Reference(title="Saddles Again", author=[Name(family="Recht", given="Ben")], issued=Date(2016))
    >>> rl = ReadingList([post, post])
    >>> len(rl), [r.id for r in rl], "recht2016saddlesa" in rl
    (2, ['recht2016saddles', 'recht2016saddlesa'], True)
    """

    __slots__ = ("_refs",)

    def __init__(self, refs: Iterable[Reference] = ()) -> None:
        self._refs: tuple[Reference, ...] = tuple(assign_keys(list(refs)))

    def _selection(self, refs: Iterable[Reference]) -> "ReadingList":
        """Some of this list's references, each at most once, as a new list.

        Their keys were unique and safe in this list, so they are in any
        selection of it: they are not checked again.
        """
        picked = ReadingList.__new__(ReadingList)
        picked._refs = tuple(refs)
        return picked

    # ----------------------------------------------------------- sequence protocol
    def __len__(self) -> int:
        return len(self._refs)

    def __iter__(self) -> Iterator[Reference]:
        return iter(self._refs)

    @overload
    def __getitem__(self, index: int) -> Reference: ...
    @overload
    def __getitem__(self, index: slice) -> "ReadingList": ...
    def __getitem__(self, index: int | slice) -> "Reference | ReadingList":
        if isinstance(index, slice):
            return self._selection(self._refs[index])
        return self._refs[index]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return any(r.id == item for r in self._refs)
        return item in self._refs

    def __add__(self, other: Iterable[Reference]) -> "ReadingList":
        return ReadingList((*self._refs, *other))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ReadingList):
            return self._refs == other._refs
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._refs)

    def __repr__(self) -> str:
        return f"ReadingList({len(self)} references)"

    @property
    def references(self) -> tuple[Reference, ...]:
        """The references, as a tuple."""
        return self._refs

    @property
    def keys(self) -> list[str]:
        """The citation keys, in list order."""
        return [r.id for r in self._refs]

    def get(self, key: str) -> Reference:
        """The reference with citation key ``key``; :class:`KeyError` if there is none.

        >>> from blogbib.model import Reference
        >>> ReadingList([Reference(id="a", title="A")]).get("a").title
        'A'
        """
        for ref in self._refs:
            if ref.id == key:
                return ref
        raise KeyError(key)

    # ------------------------------------------------------------------ selecting
    def filter(
        self,
        *,
        author: str | Iterable[str] | None = None,
        since: "str | Date | _dt.date | None" = None,
        until: "str | Date | _dt.date | None" = None,
        text: str | None = None,
        blog: str | None = None,
        type: str | Iterable[str] | None = None,
        keyword: str | Iterable[str] | None = None,
        predicate: Callable[[Reference], bool] | None = None,
    ) -> "ReadingList":
        """The references that meet every criterion given (criteria left out match all).

        * ``author``: a name, or several (any may match), compared with each
          author's family name (``"Cohen"``, ``"van Rossum"``), full name
          (``"Nadav Cohen"``, ``"Cohen, Nadav"``; a middle name or initial may be
          left out) or institutional literal
          (``"Google Research"``), ignoring case and accents.
        * ``since`` / ``until``: inclusive bounds, a :class:`~blogbib.Date`, a
          :class:`datetime.date` or text (``"2019"``, ``"2019-06"``,
          ``"2019-06-30"``, ``"Jun 30, 2019"``).  A partial bound covers its whole
          period: ``until="2019"`` keeps all of 2019.  A partially dated entry
          matches if its period overlaps the range.  Undated entries never match.
        * ``text``: found in the title or the excerpt (case and accents ignored).
        * ``blog``: found in the blog's name (case and accents ignored).
        * ``type``: a CSL type such as ``"post-weblog"``, or several.
        * ``keyword``: a tag the reference carries (any of several).
        * ``predicate``: any function of a :class:`Reference` returning a bool.

        >>> from blogbib.model import Reference, Name, Date
        >>> rl = ReadingList([
        ...     Reference(id="a", title="Café", author=[Name(family="Müller", given="Anna")], issued=Date(2019, 6)),
        ...     Reference(id="b", title="Tea", author=[Name(literal="Google Research")], issued=Date(2021, 1, 2)),
        ...     Reference(id="c", title="Undated"),
        ... ])
        >>> rl.filter(author="anna muller").keys, rl.filter(author="google research").keys
        (['a'], ['b'])
        >>> rl.filter(since="2019-06-15").keys, rl.filter(until="2019").keys
        (['a', 'b'], ['a'])
        >>> rl.filter(text="CAFE").keys, len(rl.filter(text="nothing"))
        (['a'], 0)
        """
        tests: list[Callable[[Reference], bool]] = []
        if author is not None:
            wanted = {fold(a) for a in _as_strings(author)}
            tests.append(lambda r: any(wanted & _name_forms(n) for n in r.author))
        if since is not None:
            start = _date_bounds(_as_date(since, "since"))[0]
            tests.append(lambda r: r.issued is not None and _date_bounds(r.issued)[1] >= start)
        if until is not None:
            end = _date_bounds(_as_date(until, "until"))[1]
            tests.append(lambda r: r.issued is not None and _date_bounds(r.issued)[0] <= end)
        if text is not None:
            needle = fold(text)
            tests.append(lambda r: any(needle in fold(t) for t in (r.title, r.abstract) if t))
        if blog is not None:
            blog_needle = fold(blog)
            tests.append(lambda r: r.container_title is not None and blog_needle in fold(r.container_title))
        if type is not None:
            types = set(_as_strings(type))
            tests.append(lambda r: r.type in types)
        if keyword is not None:
            tags = {fold(k) for k in _as_strings(keyword)}
            tests.append(lambda r: any(fold(k) in tags for k in r.keyword))
        if predicate is not None:
            tests.append(predicate)
        if not tests:
            return self  # nothing to test: the list is immutable, so it is its own copy
        return self._selection(r for r in self._refs if all(test(r) for test in tests))

    def sort(
        self,
        by: str | Callable[[Reference], Any] = "date",
        reverse: bool = False,
    ) -> "ReadingList":
        """A sorted copy, by ``"date"``, ``"author"``, ``"title"``, ``"blog"``, ``"key"`` or a key function.

        ``author`` sorts by the authors' family names then given names (an
        institutional author by its name; a particle does not count, so
        ``van Rossum`` sorts under R); ``title`` and ``blog`` ignore case and
        accents.  The sort is stable, and entries lacking the value (no date, no
        author…, or a key function returning ``None``) come last in their
        original order, with ``reverse`` or without.

        >>> from blogbib.model import Reference, Date
        >>> rl = ReadingList([Reference(id="old", issued=Date(2019)), Reference(id="none"),
        ...                   Reference(id="new", issued=Date(2022, 7)), Reference(id="tie", issued=Date(2019))])
        >>> rl.sort("date").keys
        ['old', 'tie', 'new', 'none']
        >>> rl.sort("date", reverse=True).keys
        ['new', 'old', 'tie', 'none']
        """
        key = self._sort_key(by)
        present, missing = [], []
        for ref in self._refs:
            value = key(ref)
            (missing if value is None else present).append((value, ref))
        # list.sort is stable, and stays stable with reverse=True (ties keep their order).
        present.sort(key=lambda pair: pair[0], reverse=reverse)
        return self._selection([ref for _, ref in present] + [ref for _, ref in missing])

    @staticmethod
    def _sort_key(by: str | Callable[[Reference], Any]) -> Callable[[Reference], Any]:
        if callable(by):
            return by
        if by == "date":
            return lambda r: r.issued.sort_key() if r.issued else None
        if by == "author":
            return lambda r: tuple(
                (fold(n.family or n.literal or ""), fold(n.given or "")) for n in r.author
            ) or None
        if by == "title":
            return lambda r: fold(r.title) if r.title else None
        if by == "blog":
            return lambda r: fold(r.container_title) if r.container_title else None
        if by == "key":
            return lambda r: r.id
        raise BlogbibError(f"cannot sort by {by!r}; choose one of: {', '.join(SORT_FIELDS)}, or a function")

    def group_by(
        self, by: str | Callable[[Reference], str | Iterable[str] | None] = "year"
    ) -> list[tuple[str, "ReadingList"]]:
        """Split into ``(label, ReadingList)`` groups; entries keep their order in each group.

        * ``"year"``: newest year first, then :data:`NO_DATE`.
        * ``"author"``: one group per author (``"Nadav Cohen"``), alphabetical by
          family name; a post by two authors is in both groups; :data:`NO_AUTHOR` last.
        * ``"blog"``: alphabetical, then :data:`NO_BLOG`.
        * ``"keyword"``: one group per tag, alphabetical; a post with two tags is in
          both; :data:`NO_KEYWORD` last.
        * a function returning a label, several labels or ``None``: groups in
          order of first appearance, the ``None`` group (labelled ``"Other"``) last.

        >>> from blogbib.model import Reference, Date
        >>> rl = ReadingList([Reference(id="a", issued=Date(2019)), Reference(id="b"),
        ...                   Reference(id="c", issued=Date(2022)), Reference(id="d", issued=Date(2019, 5))])
        >>> [(label, group.keys) for label, group in rl.group_by("year")]
        [('2022', ['c']), ('2019', ['a', 'd']), ('No date', ['b'])]
        """
        if callable(by):
            return self._groups(lambda r: _labels_of(by(r)), order=None, missing="Other")
        if by == "year":
            return self._groups(
                lambda r: [(str(r.issued.year), -r.issued.year)] if r.issued else [], order=True, missing=NO_DATE
            )
        if by == "author":
            return self._groups(
                lambda r: [(n.display(), (fold(n.family or n.literal or ""), fold(n.given or ""))) for n in r.author], order=True, missing=NO_AUTHOR,
            )
        if by == "blog":
            return self._groups(
                lambda r: [(r.container_title, fold(r.container_title))] if r.container_title else [],
                order=True, missing=NO_BLOG,
            )
        if by == "keyword":
            return self._groups(lambda r: [(k, fold(k)) for k in r.keyword], order=True, missing=NO_KEYWORD)
        raise BlogbibError(f"cannot group by {by!r}; choose one of: {', '.join(GROUP_FIELDS)}, or a function")

    def _groups(
        self, labels: Callable[[Reference], list[Any]], order: bool | None, missing: str
    ) -> list[tuple[str, "ReadingList"]]:
        groups: dict[str, list[Reference]] = {}
        ranks: dict[str, Any] = {}
        rest: list[Reference] = []
        for ref in self._refs:
            found = labels(ref)
            if not found:
                rest.append(ref)
            placed: set[str] = set()  # a label listed twice for one reference counts once
            for item in found:
                label, rank = item if order else (item, None)
                if label not in groups:
                    groups[label], ranks[label] = [], rank
                if label not in placed:
                    groups[label].append(ref)
                    placed.add(label)
        names = list(groups)
        if order:
            names.sort(key=lambda label: (ranks[label], label))
        out = [(label, self._selection(groups[label])) for label in names]
        if rest:
            out.append((missing, self._selection(rest)))
        return out

    def limit(self, n: int | None) -> "ReadingList":
        """The first ``n`` entries (all of them when ``n`` is ``None``).

        >>> from blogbib.model import Reference
        >>> ReadingList([Reference(id=k) for k in "abc"]).limit(2).keys
        ['a', 'b']
        """
        if n is not None and n < 0:
            raise BlogbibError(f"limit must be 0 or more, not {n}")
        return self if n is None else self[:n]

    def query(
        self,
        *,
        author: str | Iterable[str] | None = None,
        since: "str | Date | _dt.date | None" = None,
        until: "str | Date | _dt.date | None" = None,
        text: str | None = None,
        blog: str | None = None,
        type: str | Iterable[str] | None = None,
        keyword: str | Iterable[str] | None = None,
        sort: str | Callable[[Reference], Any] | None = None,
        reverse: bool = False,
        limit: int | None = None,
    ) -> "ReadingList":
        """:meth:`filter`, then :meth:`sort` (if ``sort`` is given), then keep the first ``limit``.

        This is what the command line's ``--author … --sort … --limit`` options do.

        >>> from blogbib.model import Reference, Date
        >>> rl = ReadingList([Reference(id=k, issued=Date(y)) for k, y in [("a", 2018), ("b", 2021), ("c", 2020)]])
        >>> rl.query(since="2019", sort="date", reverse=True, limit=1).keys
        ['b']
        """
        picked = self.filter(author=author, since=since, until=until, text=text, blog=blog, type=type,
                             keyword=keyword)
        if sort is not None:
            picked = picked.sort(sort, reverse=reverse)
        elif reverse:
            picked = picked._selection(reversed(picked._refs))
        return picked.limit(limit)

    # ---------------------------------------------------------------- annotating
    def annotate(
        self,
        key: str,
        note: str | None = None,
        tags: Iterable[str] = (),
        *,
        replace_tags: bool = False,
    ) -> "ReadingList":
        """A copy where reference ``key`` carries a personal ``note`` and ``tags``.

        ``note`` replaces the note (``None`` keeps it, ``""`` removes it).  ``tags``
        are added to the reference's keywords (a tag already there, in any case,
        is not repeated), or replace them with ``replace_tags=True``.  Notes and
        tags are written as ``note`` / ``keyword`` in CSL-JSON, ``annote`` (BibLaTeX
        ``annotation``) / ``keywords`` in BibTeX, and ``N1`` / ``KW`` in RIS.
        Raises :class:`KeyError` for an unknown key.

        >>> from blogbib.model import Reference
        >>> rl = ReadingList([Reference(id="a", title="A", keyword=("theory",))])
        >>> a = rl.annotate("a", note="Read first.", tags=["to-read", "Theory"]).get("a")
        >>> a.note, a.keyword
        ('Read first.', ('theory', 'to-read'))
        """
        ref = self.get(key)
        keywords = [] if replace_tags else list(ref.keyword)
        seen = {fold(k) for k in keywords}
        for tag in _as_strings(tags):
            tag = " ".join(tag.split())
            if tag and fold(tag) not in seen:
                keywords.append(tag)
                seen.add(fold(tag))
        new_note = ref.note if note is None else (note.strip() or None)
        changed = replace(ref, note=new_note, keyword=tuple(keywords))
        return ReadingList(changed if r.id == key else r for r in self._refs)

    # ------------------------------------------------------------------- merging
    def dedupe(self) -> "ReadingList":
        """One reference per post: the same post read twice (same URL, or same title and date) becomes one.

        The rules are those of :mod:`blogbib.merge` (the first input wins among
        equals; keywords are united; a value that loses a real disagreement is
        kept in ``extra`` as ``merge-conflict:<field>``).  Order: first appearance.

        >>> from blogbib.model import Reference, Date
        >>> rl = ReadingList([Reference(id="a", title="Saddles Again", issued=Date(2016, 3, 24)),
        ...                   Reference(title="Saddles again", issued=Date(2016, 3, 24), url="http://offconvex.org/s")])
        >>> [(r.id, r.url) for r in rl.dedupe()]
        [('a', 'http://offconvex.org/s')]
        """
        from .merge import merge

        return ReadingList(merge(self._refs))

    def merge(self, other: Iterable[Reference]) -> "ReadingList":
        """This list and ``other`` as one, each post once (see :meth:`dedupe`); this list's values win ties.

        Unlike ``+``, which keeps both copies of a post under two keys.

        >>> from blogbib.model import Reference, Date
        >>> mine = ReadingList([Reference(id="a", title="Saddles Again", issued=Date(2016, 3, 24))])
        >>> theirs = [Reference(title="Saddles Again", issued=Date(2016, 3, 24), keyword=("optimization",))]
        >>> len(mine + theirs), [(r.id, r.keyword) for r in mine.merge(theirs)]
        (2, [('a', ('optimization',))])
        """
        from .merge import merge

        return ReadingList(merge([*self._refs, *other]))

    # ------------------------------------------------------------------- writing
    def write(self, format: str, **options: Any) -> str:
        """Serialise to a format by name: ``bibtex``, ``biblatex``, ``csl-json``, ``ris``.

        Options are those of :func:`blogbib.write` (``ascii``, ``bibtex_profile``).
        """
        from .api import write

        return write(self, format, **options)

    def to_bibtex(self, **options: Any) -> str:
        """BibTeX (``@misc``, for classic ``.bst`` styles); see :func:`blogbib.write` for options.

        >>> from blogbib.model import Reference
        >>> print(ReadingList([Reference(id="x", title="Post", note="Good")]).to_bibtex())
        @misc{x,
          title        = {Post},
          key          = {Post},
          howpublished = {Blog post},
          annote       = {Good},
        }
        <BLANKLINE>
        """
        return self.write("bibtex", **options)

    def to_biblatex(self, **options: Any) -> str:
        """BibLaTeX (``@online``, for biber).

        >>> from blogbib.model import Reference, Date
        >>> print(ReadingList([Reference(id="x", title="Post", issued=Date(2022, 7))]).to_biblatex())
        @online{x,
          title        = {Post},
          date         = {2022-07},
        }
        <BLANKLINE>
        """
        return self.write("biblatex", **options)

    def to_csl_json(self) -> str:
        """CSL-JSON: an array of items (pandoc, Zotero, citeproc).

        >>> import json
        >>> from blogbib.model import Reference
        >>> json.loads(ReadingList([Reference(id="x", title="Post", keyword=("a", "b"))]).to_csl_json())[0]
        {'id': 'x', 'citation-key': 'x', 'type': 'post-weblog', 'title': 'Post', 'keyword': 'a, b'}
        """
        return self.write("csl-json")

    def to_ris(self) -> str:
        """RIS: ``TY  - BLOG`` records (Zotero, EndNote, Mendeley).

        >>> from blogbib.model import Reference
        >>> print(ReadingList([Reference(id="x", title="Post", note="Read me")]).to_ris())
        TY  - BLOG
        ID  - x
        TI  - Post
        N1  - Read me
        ER  -
        <BLANKLINE>
        """
        return self.write("ris")

    def render(self, style: str | None = None, format: str = "text", locale: str | None = None) -> str:
        """The formatted bibliography in a CSL ``style`` as ``text``, ``html`` or ``markdown``.

        A thin layer over :func:`blogbib.render.render`; ``style`` is a name
        (``"apa"``) or a path to a ``.csl`` file, ``None`` for blogbib's default.

        >>> from blogbib.model import Reference, Name, Date
        >>> rl = ReadingList([Reference(title="Saddles Again", author=[Name(family="Recht", given="Benjamin")],
        ...                             issued=Date(2016, 3, 24), container_title="Off the Convex Path")])
        >>> print(rl.render(style="apa", format="markdown"), end="")
        Recht, B. (2016, March 24). Saddles Again. *Off the Convex Path*.
        """
        from .render import render

        return render(list(self._refs), style=style, format=format, locale=locale)

    def cite(self, *keys: str, style: str | None = None, format: str = "text",
             locale: str | None = None) -> list[str]:
        """In-text citations in a CSL ``style``, one per reference (or per key given).

        A thin layer over :func:`blogbib.render.cite`.

        >>> from blogbib.model import Reference, Name, Date
        >>> rl = ReadingList([Reference(title="Saddles Again", author=[Name(family="Recht", given="Benjamin")],
        ...                             issued=Date(2016, 3, 24))])
        >>> rl.cite(style="apa")
        ['(Recht, 2016)']
        """
        from .render import cite

        refs = [self.get(k) for k in keys] if keys else list(self._refs)
        return cite(refs, style=style, format=format, locale=locale)

    def to_markdown(
        self,
        style: str | None = None,
        group_by: str | Callable[[Reference], str | Iterable[str] | None] | None = "year",
        excerpts: bool = False,
        notes: bool = True,
        *,
        title: str | None = "Reading list",
        locale: str | None = None,
    ) -> str:
        """A reading-list document in Markdown: a heading per group, a bullet per entry.

        Each entry is formatted by the CSL ``style`` (see :meth:`render`), linked
        to the post, and followed by its tags, its note (``notes``) and its
        excerpt (``excerpts``, as a quotation).  ``group_by`` is anything
        :meth:`group_by` takes, or ``None`` for one flat list; entries keep this
        list's order inside each group, so :meth:`sort` first.

        >>> from blogbib.model import Reference, Name, Date
        >>> rl = ReadingList([Reference(title="Saddles Again", author=[Name(family="Recht", given="Benjamin")],
        ...                             issued=Date(2016, 3, 24), url="https://www.offconvex.org/2016/03/24/saddles-again/",
        ...                             note="A short, clear read.")])
        >>> print(rl.to_markdown(style="apa"))
        # Reading list
        <BLANKLINE>
        ## 2016
        <BLANKLINE>
        - Recht, B. (2016, March 24). *Saddles Again*. <https://www.offconvex.org/2016/03/24/saddles-again/>
        <BLANKLINE>
          **Note:** A short, clear read.
        <BLANKLINE>
        """
        from .documents import to_markdown

        return to_markdown(self, style=style, group_by=group_by, excerpts=excerpts, notes=notes,
                           title=title, locale=locale)

    def to_html(
        self,
        style: str | None = None,
        group_by: str | Callable[[Reference], str | Iterable[str] | None] | None = "year",
        excerpts: bool = False,
        notes: bool = True,
        *,
        title: str | None = "Reading list",
        locale: str | None = None,
    ) -> str:
        """A reading-list document as a complete, standalone HTML page.

        Same layout and options as :meth:`to_markdown`; the page has its CSS
        inline, adapts to narrow screens and dark mode, and escapes all item
        text (only ``http``/``https`` URLs become links).

        >>> from blogbib.model import Reference
        >>> page = ReadingList([Reference(title="<Saddles> & more", url="javascript:alert(1)")]).to_html()
        >>> page.startswith("<!DOCTYPE html>"), "&lt;Saddles&gt; &amp; more" in page, 'href="javascript' in page
        (True, True, False)
        """
        from .documents import to_html

        return to_html(self, style=style, group_by=group_by, excerpts=excerpts, notes=notes,
                       title=title, locale=locale)

    def to_table(self, width: int = 100) -> str:
        """A plain-text table (key, date, authors, title, blog) fitted to ``width`` columns.

        Long cells are cut with ``…`` (the title first); narrow widths drop the
        blog, then the authors column, and only a very narrow one cuts keys.

        >>> from blogbib.model import Reference, Name, Date
        >>> rl = ReadingList([Reference(id="ge2015tensor", title="Tensor Methods in Machine Learning",
        ...                             author=[Name(family="Ge", given="Rong")], issued=Date(2015, 12, 17),
        ...                             container_title="Off the Convex Path")])
        >>> print(rl.to_table(width=60))
        KEY           DATE        AUTHORS  TITLE
        ge2015tensor  2015-12-17  Ge       Tensor Methods in Machin…
        """
        from .documents import to_table

        return to_table(self, width=width)

    def save(self, path: str | os.PathLike[str], format: str | None = None, **options: Any) -> Path:
        """Write the list to ``path`` atomically, in the format its suffix names.

        ``.bib`` → BibTeX (``format="biblatex"`` for BibLaTeX), ``.json`` →
        CSL-JSON, ``.ris`` → RIS, ``.md`` → :meth:`to_markdown`, ``.html`` →
        :meth:`to_html`.  ``options`` go to that writer (``ascii=True``,
        ``style="apa"``, ``group_by="author"``…).  Returns the path written.

        >>> import tempfile, pathlib
        >>> from blogbib.model import Reference
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "reading.ris"
        >>> ReadingList([Reference(id="x", title="Post")]).save(target).read_text().splitlines()[0]
        'TY  - BLOG'
        """
        from .output import write_atomic

        if format is None:
            suffix = Path(path).suffix.lower()
            try:
                format = SAVE_FORMATS[suffix]
            except KeyError:
                raise BlogbibError(
                    f"{os.fspath(path)}: cannot tell the format from the suffix {suffix or '(none)'!r}; "
                    f"use one of {', '.join(SAVE_FORMATS)} or pass format="
                ) from None
        if format == "markdown":
            text = self.to_markdown(**options)
        elif format == "html":
            text = self.to_html(**options)
        else:
            text = self.write(format, **options)
        return write_atomic(path, text)


def _labels_of(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None]
