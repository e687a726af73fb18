"""The pipeline on one screen: read → prepare (blog name, access date, keys) → write."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Sequence

from . import formats
from .errors import BlogbibError, Diagnostics, InputError, Problem
from .inputs import Source, load
from .keys import key_new_references, safe_key, validate_pattern
from .model import Date, Origin, Reference
from .reading_list import ReadingList

__all__ = ["read", "write", "export", "Export"]

#: Formats :func:`export` renders through a CSL style instead of a format writer.
RENDER_FORMATS = ("text", "html", "markdown")
#: Of those, the ones that can be a reading-list document (``group_by``).
DOCUMENT_FORMATS = ("markdown", "html")


def _source(spec: str | os.PathLike[str]) -> Source:
    if isinstance(spec, str) and (
        "\n" in spec or spec.lstrip().startswith(("[", "{")) and not os.path.exists(spec)
    ):
        return Source("<text>", spec)  # literal text, not a path (a file named "[draft].txt" is a path)
    return load(spec)


def _sources(spec: str | os.PathLike[str], max_pages: int, feed: bool, diag: Diagnostics) -> list[Source]:
    """A path, stdin or text is one source; a URL is its pages (and feed), fetched."""
    from .fetch import fetch_index, is_url

    if is_url(spec):
        pages = fetch_index(str(spec).strip(), max_pages=max_pages, feed=feed, diag=diag)
        return [Source(page.url, page.text) for page in pages]
    return [_source(spec)]


def _read_source(source: Source, fmt: str, options: formats.ReadOptions, diag: Diagnostics) -> list[Reference]:
    reader = formats.detect(source.text, source.path) if fmt == "auto" else formats.get(fmt)
    if not reader.can_read:
        raise BlogbibError(f"blogbib cannot read {reader.name}; readable: {', '.join(formats.readable())}")
    if source.name.startswith(("http://", "https://")):
        options = replace(options, url=source.name)
    refs = reader.read(source.text, source=source.name, diag=diag, options=options)
    if options.blog_title:
        refs = [r if r.container_title else replace(r, container_title=options.blog_title) for r in refs]
    return refs


def read_all(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    format: str = "auto",
    blog_title: str | None = None,
    base_url: str | None = None,
    timezone: str | None = None,
    max_pages: int = 10,
    feed: bool = False,
    merge: bool = True,
    diag: Diagnostics | None = None,
) -> tuple[list[Reference], Diagnostics]:
    """Read several inputs into one list, collecting problems in ``diag``.

    URLs are fetched (an index page's older pages too, up to ``max_pages``;
    with ``feed`` also the feed it advertises).  When more than one document
    was read, the same post from several of them is merged into one reference
    (:func:`blogbib.merge.merge`), unless ``merge`` is false.
    """
    diag = diag if diag is not None else Diagnostics()
    if timezone is not None:
        from .dates import DateError, check_timezone

        try:
            check_timezone(timezone)
        except DateError as exc:
            raise BlogbibError(str(exc)) from None
    options = formats.ReadOptions(blog_title=blog_title, base_url=base_url, timezone=timezone)
    refs: list[Reference] = []
    documents = 0
    for spec in inputs:
        for source in _sources(spec, max_pages, feed, diag):
            documents += 1
            refs.extend(_read_source(source, format, options, diag))
    if merge and documents > 1:
        from .merge import merge as merge_refs

        refs = merge_refs(refs, diag)
    for ref in refs:
        if ref.id and safe_key(ref.id) != ref.id:
            where = ref.origin or Origin("<input>")
            diag.warn(where.source, where.line, f"citation key {ref.id[:60]!r} has characters a .bib file "
                      f"cannot hold; written as {safe_key(ref.id) or 'a generated key'!r}")
    return refs, diag


def read(
    source: str | os.PathLike[str],
    *,
    format: str = "auto",
    blog_title: str | None = None,
    base_url: str | None = None,
    strict: bool = True,
) -> ReadingList:
    """Read one input (a path, ``-`` for stdin, or the text itself) into a ReadingList.

    With ``strict`` (the default in the API) any bad entry raises
    :class:`~blogbib.errors.InputError`, which lists every problem with its line.

    >>> rl = read("Saddles Again\\nMar 24, 2016 (Benjamin Recht). Thanks to Rong.", blog_title="Off the Convex Path")
    >>> rl[0].id, rl[0].author[0].family, rl[0].container_title
    ('recht2016saddles', 'Recht', 'Off the Convex Path')
    """
    refs, diag = read_all([source], format=format, blog_title=blog_title, base_url=base_url,
                          diag=Diagnostics(strict=strict))
    return ReadingList(key_new_references(refs))  # read just now: they take their keys in place


def write(
    refs: Iterable[Reference],
    format: str,
    *,
    ascii: bool = False,
    bibtex_profile: str = "plain",
) -> str:
    """Serialise references to ``bibtex``, ``biblatex``, ``csl-json`` or ``ris``."""
    if bibtex_profile not in formats.BIBTEX_PROFILES:
        raise BlogbibError(
            f"unknown BibTeX profile {bibtex_profile!r}; known: {', '.join(formats.BIBTEX_PROFILES)}"
        )
    refs = refs if isinstance(refs, ReadingList) else ReadingList(refs)
    options = formats.WriteOptions(ascii=ascii, bibtex_profile=bibtex_profile)
    return formats.get(format).write(list(refs), options)


@dataclass(frozen=True)
class Export:
    """What :func:`export` produced: the output text and the accounting."""

    text: str
    references: ReadingList
    problems: tuple[Problem, ...]
    read: int
    skipped: int
    merged: int = 0  # entries folded into another entry for the same post

    @property
    def written(self) -> int:
        return len(self.references)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def summary(self) -> str:
        merged = f", {self.merged} merged" if self.merged else ""
        text = f"{self.read} read, {self.written} written{merged}, {self.skipped} skipped"
        unreadable = len(self.errors) - self.skipped  # errors about a whole input, not one entry
        if unreadable > 0:
            text += f", {unreadable} input{'s' if unreadable > 1 else ''} not readable"
        return text


def select(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    from_format: str = "auto",
    blog_title: str | None = None,
    base_url: str | None = None,
    accessed: Date | None = None,
    key_format: str | None = None,
    strict: bool = False,
    timezone: str | None = None,
    max_pages: int = 10,
    feed: bool = False,
    author: str | Sequence[str] | None = None,
    since: str | Date | None = None,
    until: str | Date | None = None,
    search: str | None = None,
    sort: str | None = None,
    reverse: bool = False,
    limit: int | None = None,
) -> Export:
    """Read every input, prepare the references and pick some (no output text).

    The first half of :func:`export`, and what ``blogbib list`` shows:
    ``author`` … ``limit`` are those of :meth:`ReadingList.query`.

    >>> result = select(["Saddles Again\\nMar 24, 2016 (Benjamin Recht). Thanks."], author="recht")
    >>> result.summary(), result.references.keys
    ('1 read, 1 written, 0 skipped', ['recht2016saddles'])
    """
    if key_format is not None:
        try:
            validate_pattern(key_format)
        except ValueError as exc:
            raise BlogbibError(str(exc)) from None
    diag = Diagnostics(strict=strict)
    refs, diag = read_all(inputs or ["-"], format=from_format, blog_title=blog_title, base_url=base_url,
                          timezone=timezone, max_pages=max_pages, feed=feed, diag=diag)
    if accessed is not None:
        refs = [replace(r, accessed=accessed) for r in refs]
    # The references were built by the reading above and nothing else holds them: they take their keys in place.
    refs = key_new_references(refs, key_format)
    reading_list = ReadingList(refs).query(author=author, since=since, until=until, text=search, sort=sort,
                                           reverse=reverse, limit=limit)
    return Export("", reading_list, tuple(diag.problems), diag.stats.read, diag.stats.skipped, diag.stats.merged)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while a big export builds its objects.

    References, names and dates are frozen and hold no cycles, but with the
    default thresholds the collector runs every 700 allocations and keeps
    walking them: on 100,000 posts that was about 15% of the time.  Collecting
    every 100,000 allocations instead still frees the few cycles made on the
    way (the json encoder's closures).  The previous thresholds are restored.
    """
    import gc

    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def export(
    inputs: Sequence[str | os.PathLike[str]],
    format: str,
    *,
    from_format: str = "auto",
    blog_title: str | None = None,
    base_url: str | None = None,
    accessed: Date | None = None,
    key_format: str | None = None,
    ascii: bool = False,
    bibtex_profile: str = "plain",
    strict: bool = False,
    timezone: str | None = None,
    max_pages: int = 10,
    feed: bool = False,
    style: str | None = None,
    locale: str | None = None,
    author: str | Sequence[str] | None = None,
    since: str | Date | None = None,
    until: str | Date | None = None,
    search: str | None = None,
    sort: str | None = None,
    reverse: bool = False,
    limit: int | None = None,
    group_by: str | None = None,
    excerpts: bool = False,
    title: str | None = None,
) -> Export:
    """Read every input, prepare the references, write them in ``format``.

    Sound entries are written and bad ones reported (``strict`` makes any
    error fatal: :class:`InputError` is raised and nothing is written).
    ``text``, ``html`` and ``markdown`` are formatted bibliographies in the CSL
    ``style`` (and ``locale``): see :func:`blogbib.render.render`.
    ``author`` … ``limit`` select entries (see :func:`select`).  For
    ``markdown`` and ``html`` with ``group_by``, the output is a reading-list
    document (:meth:`ReadingList.to_markdown` / :meth:`~ReadingList.to_html`;
    ``group_by="none"`` is a document without groups).
    """
    if group_by is not None and format not in DOCUMENT_FORMATS:
        raise BlogbibError(f"grouping makes a reading-list document: use markdown or html, not {format}")
    if format in RENDER_FORMATS:
        from .render import resolve_style_early

        resolve_style_early(style, locale)  # a bad style name fails before any input is read
    else:
        writer = formats.get(format)
        if not writer.can_write:
            raise BlogbibError(f"blogbib cannot write {writer.name}; writable: {', '.join(formats.writable())}")
    with _collector_paused():
        result = select(inputs, from_format=from_format, blog_title=blog_title, base_url=base_url, accessed=accessed,
                        key_format=key_format, strict=strict, timezone=timezone, max_pages=max_pages, feed=feed,
                        author=author, since=since, until=until, search=search,
                        sort=sort, reverse=reverse, limit=limit)
        reading_list = result.references
        if group_by is not None:
            make = reading_list.to_markdown if format == "markdown" else reading_list.to_html
            text = make(style=style, group_by=None if group_by == "none" else group_by, excerpts=excerpts,
                        title=title or "Reading list", locale=locale)
        elif format in RENDER_FORMATS:
            text = reading_list.render(style=style, format=format, locale=locale)
        else:
            text = write(reading_list, writer.name, ascii=ascii, bibtex_profile=bibtex_profile)
        return replace(result, text=text)


__all__ += ["read_all", "select", "InputError"]
