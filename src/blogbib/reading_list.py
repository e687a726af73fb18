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

Choosing, sorting and grouping follow :mod:`blogbib.selection` (case and
accents ignored, missing values last, stable order); writing goes through the
format registry (:mod:`blogbib.formats`), formatted bibliographies and
documents through :mod:`blogbib.render`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, overload

from .errors import BlogbibError
from .keys import assign_keys
from .model import Reference
from .options import RenderOptions, WriteOptions
from .selection import NO_AUTHOR, NO_BLOG, NO_DATE, NO_KEYWORD, Selection, group, select
from .selection import sort as sorted_refs
from .text import fold, squeeze

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Callable, Iterable, Iterator

    from .selection import DateBound, Labels

__all__ = ["ReadingList", "NO_DATE", "NO_AUTHOR", "NO_BLOG", "NO_KEYWORD"]


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

    def _picked(self, refs: Iterable[Reference]) -> "ReadingList":
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
            return self._picked(self._refs[index])
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
        since: DateBound | None = None,
        until: DateBound | None = None,
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

        These are the criteria of a :class:`~blogbib.selection.Selection`.

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
        return self.query(Selection(author=author, since=since, until=until, text=text, blog=blog, type=type,
                                    keyword=keyword, predicate=predicate))

    def sort(self, by: str | Callable[[Reference], Any] = "date", reverse: bool = False) -> "ReadingList":
        """A sorted copy, by ``"date"``, ``"author"``, ``"title"``, ``"blog"``, ``"key"`` or a key function.

        See :func:`blogbib.selection.sort`: stable, and entries lacking the
        value come last in their original order, with ``reverse`` or without.

        >>> from blogbib.model import Reference, Date
        >>> rl = ReadingList([Reference(id="old", issued=Date(2019)), Reference(id="none"),
        ...                   Reference(id="new", issued=Date(2022, 7)), Reference(id="tie", issued=Date(2019))])
        >>> rl.sort("date").keys
        ['old', 'tie', 'new', 'none']
        >>> rl.sort("date", reverse=True).keys
        ['new', 'old', 'tie', 'none']
        """
        return self._picked(sorted_refs(self._refs, by, reverse))

    def group_by(self, by: str | Labels = "year") -> list[tuple[str, "ReadingList"]]:
        """Split into ``(label, ReadingList)`` groups; entries keep their order in each group.

        ``by`` is ``"year"``, ``"author"``, ``"blog"``, ``"keyword"`` or a
        function returning labels: see :func:`blogbib.selection.group`.

        >>> from blogbib.model import Reference, Date
        >>> rl = ReadingList([Reference(id="a", issued=Date(2019)), Reference(id="b"),
        ...                   Reference(id="c", issued=Date(2022)), Reference(id="d", issued=Date(2019, 5))])
        >>> [(label, group.keys) for label, group in rl.group_by("year")]
        [('2022', ['c']), ('2019', ['a', 'd']), ('No date', ['b'])]
        """
        return [(label, self._picked(refs)) for label, refs in group(self._refs, by)]

    def limit(self, n: int | None) -> "ReadingList":
        """The first ``n`` entries (all of them when ``n`` is ``None``).

        >>> from blogbib.model import Reference
        >>> ReadingList([Reference(id=k) for k in "abc"]).limit(2).keys
        ['a', 'b']
        """
        return self.query(limit=n)

    def query(self, selection: Selection | None = None, /, **fields: Any) -> "ReadingList":
        """The entries a :class:`~blogbib.selection.Selection` keeps: filtered, sorted, the first ``limit``.

        The selection's fields may also be given as keywords (they override
        those of ``selection``).  This is what the command line's ``--author …
        --sort … --limit`` options do.

        >>> from blogbib.model import Reference, Date
        >>> rl = ReadingList([Reference(id=k, issued=Date(y)) for k, y in [("a", 2018), ("b", 2021), ("c", 2020)]])
        >>> rl.query(since="2019", sort="date", reverse=True, limit=1).keys
        ['b']
        """
        if selection is None:
            selection = Selection(**fields)
        elif fields:
            from dataclasses import replace

            selection = replace(selection, **fields)
        picked = select(self._refs, selection)
        return self if picked is self._refs else self._picked(picked)

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
        for tag in [tags] if isinstance(tags, str) else tags:
            tag = squeeze(tag)
            if tag and fold(tag) not in seen:
                keywords.append(tag)
                seen.add(fold(tag))
        new_note = ref.note if note is None else (note.strip() or None)
        from dataclasses import replace

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
        """Serialise to a data format by name: ``bibtex``, ``biblatex``, ``csl-json``, ``ris``.

        Options are the fields of :class:`~blogbib.options.WriteOptions` (``ascii``, ``bibtex_profile``).
        """
        from . import formats

        fmt = formats.get(format)
        if not fmt.can_write:
            raise BlogbibError(f"blogbib cannot write {fmt.name}; data formats: {', '.join(formats.writable())}")
        return fmt.output(self, WriteOptions(**options), RenderOptions())

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

        ``style`` is a name (``"apa"``) or a path to a ``.csl`` file, ``None``
        for blogbib's default; see :func:`blogbib.render.render`.

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

        See :func:`blogbib.render.cite`.

        >>> from blogbib.model import Reference, Name, Date
        >>> rl = ReadingList([Reference(title="Saddles Again", author=[Name(family="Recht", given="Benjamin")],
        ...                             issued=Date(2016, 3, 24))])
        >>> rl.cite(style="apa")
        ['(Recht, 2016)']
        """
        from .render import cite

        refs = [self.get(k) for k in keys] if keys else list(self._refs)
        return cite(refs, style=style, format=format, locale=locale)

    def document(self, format: str, *, group_by: str | Labels | None = "year", **options: Any) -> str:
        """A reading-list document in ``markdown`` or ``html``: a heading per group, an entry per reference.

        ``options`` are the other fields of :class:`~blogbib.options.RenderOptions`
        (``style``, ``locale``, ``excerpts``, ``notes``, ``title``); ``group_by``
        is anything :meth:`group_by` takes, or ``None`` for one flat list.
        Entries keep this list's order inside each group, so :meth:`sort` first.

        >>> from blogbib.model import Reference, Date
        >>> rl = ReadingList([Reference(id="a", title="Saddles Again", issued=Date(2016, 3, 24))])
        >>> print(rl.document("markdown", group_by=None, title="To read", style="apa"))
        # To read
        <BLANKLINE>
        - *Saddles Again*. (2016, March 24).
        <BLANKLINE>
        """
        from . import formats

        render = RenderOptions(document=True, group_by=group_by, **options)
        return formats.get(format).output(self, WriteOptions(), render)

    def to_markdown(self, style: str | None = None, group_by: str | Labels | None = "year",
                    excerpts: bool = False, notes: bool = True, *, title: str | None = "Reading list",
                    locale: str | None = None) -> str:
        """A reading-list document in Markdown (see :meth:`document`).

        Each entry is formatted by the CSL ``style`` (see :meth:`render`), linked
        to the post, and followed by its tags, its note (``notes``) and its
        excerpt (``excerpts``, as a quotation).

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
        return self.document("markdown", style=style, group_by=group_by, excerpts=excerpts, notes=notes,
                             title=title, locale=locale)

    def to_html(self, style: str | None = None, group_by: str | Labels | None = "year",
                excerpts: bool = False, notes: bool = True, *, title: str | None = "Reading list",
                locale: str | None = None) -> str:
        """A reading-list document as a complete, standalone HTML page (see :meth:`document`).

        Same layout and options as :meth:`to_markdown`; the page has its CSS
        inline, adapts to narrow screens and dark mode, and escapes all item
        text (only ``http``/``https`` URLs become links).

        >>> from blogbib.model import Reference
        >>> page = ReadingList([Reference(title="<Saddles> & more", url="javascript:alert(1)")]).to_html()
        >>> page.startswith("<!DOCTYPE html>"), "&lt;Saddles&gt; &amp; more" in page, 'href="javascript' in page
        (True, True, False)
        """
        return self.document("html", style=style, group_by=group_by, excerpts=excerpts, notes=notes,
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
        from .render.documents import table

        return table(self._refs, width=width)

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
        from . import formats
        from .output import write_atomic

        if format is None:
            from pathlib import Path

            suffix = Path(path).suffix.lower()
            fmt = formats.for_suffix(suffix)
            if fmt is None:
                known = sorted({s for f in formats.FORMATS if f.can_output for s in f.suffixes})
                raise BlogbibError(f"{os.fspath(path)}: cannot tell the format from the suffix "
                                   f"{suffix or '(none)'!r}; use one of {', '.join(known)} or pass format=")
            format = fmt.name
        fmt = formats.get(format)
        text = self.write(format, **options) if fmt.can_write else self.document(format, **options)
        return write_atomic(path, text)
