"""The pipeline on one screen: read → prepare (blog name, access date, keys) → select → write or render.

Each step takes one options value (:mod:`blogbib.options`,
:class:`blogbib.selection.Selection`); :func:`export` and :func:`select` also
take those values' fields as keywords.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from . import formats
from .errors import BlogbibError, Diagnostics, InputError, Problem, Reported
from .inputs import Source, load
from .keys import assign_keys, safe_key, validate_pattern
from .model import Draft, Origin, Reference
from .options import ReadOptions, RenderOptions, WriteOptions
from .reading_list import ReadingList
from .selection import Selection

if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator, Sequence

    from .splice import Update

    Input = str | os.PathLike[str]

__all__ = ["read", "read_all", "write", "select", "export", "update", "pinned_keys", "kit", "Export", "Kit",
           "InputError"]


def _source(spec: Input) -> Source:
    if isinstance(spec, str) and (
        "\n" in spec or spec.lstrip().startswith(("[", "{")) and not os.path.exists(spec)
    ):
        return Source("<text>", spec)  # literal text, not a path (a file named "[draft].txt" is a path)
    return load(spec)


def _readings(spec: Input, options: ReadOptions, diag: Diagnostics) -> Iterator[tuple[str, str, list[Reference]]]:
    """(document name, reader name, references) for each document of one input: a URL is crawled
    (:mod:`blogbib.crawl`), anything else is its sources."""
    from .fetch import is_url

    if is_url(spec):
        from .crawl import crawl

        yield from crawl(str(spec).strip(), options, diag, lambda source, to: _read_checked(source, options, to))
        return
    for source in _sources(spec, options, diag):
        yield (source.name, *_read_checked(source, options, diag))


def _sources(spec: Input, options: ReadOptions, diag: Diagnostics) -> list[Source]:
    """A path, stdin or text is one source; ``file://`` is a path."""
    scheme = _SCHEME.match(spec) if isinstance(spec, str) else None
    if scheme and scheme.group(1).lower() == "file":
        from urllib.parse import unquote, urlsplit

        source = load(unquote(urlsplit(spec).path))
        return [Source(spec, source.text, source.path)]
    if scheme and not os.path.exists(spec):
        raise InputError(Problem(spec, None, f"cannot read {scheme.group(1)}:// URLs; blogbib fetches http:// "
                                 "and https:// (and reads file:// as a path)"))
    if options.format in ("auto", "source") and str(spec) != "-" and os.path.isdir(spec):
        return [Source(os.fspath(spec), "", path=os.fspath(spec))]  # a blog's source folder: read by formats.source
    return [_source(spec)]


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")


def _read_source(source: Source, options: ReadOptions, diag: Diagnostics) -> tuple[str, list[Reference]]:
    """The reader's name and what it read."""
    if options.format == "auto" and source.path is not None and not source.text and os.path.isdir(source.path):
        reader = formats.get("source")
    else:
        reader = formats.detect(source.text, source.path) if options.format == "auto" else formats.get(options.format)
    if not reader.can_read:
        raise BlogbibError(f"blogbib cannot read {reader.name}; readable: {', '.join(formats.readable())}")
    if source.name.startswith(("http://", "https://")):
        options = replace(options, url=source.name)
    refs = reader.read(source.text, source=source.name, diag=diag, options=options)
    if options.blog_title:
        refs = [r if r.container_title else _changed(r, container_title=options.blog_title) for r in refs]
    return reader.name, refs


def _read_checked(source: Source, options: ReadOptions, diag: Diagnostics) -> tuple[str, list[Reference]]:
    """:func:`_read_source`, with a warning when the source held no entry at all."""
    before = diag.stats.read, len(diag.problems)
    name, refs = _read_source(source, options, diag)
    if (diag.stats.read, len(diag.problems)) == before:
        diag.warn(source.name, None, "no entries found: not a blog listing, page or feed, "
                  "nor BibTeX, CSL-JSON or RIS that blogbib recognises")
    return name, refs


def _changed(ref: Reference | Draft, **changes: Any) -> Reference | Draft:
    """``ref`` with some fields changed, a draft still a draft."""
    return ref._replace(**changes) if isinstance(ref, Draft) else replace(ref, **changes)


def _check(options: ReadOptions) -> None:
    """Options that can be wrong fail before any input is read."""
    try:
        if options.key_format is not None:
            validate_pattern(options.key_format)
        if options.timezone is not None:
            from .dates import check_timezone

            check_timezone(options.timezone)
    except ValueError as exc:  # DateError is a ValueError
        raise BlogbibError(str(exc)) from None


def read_all(inputs: Iterable[Input], options: ReadOptions | None = None, *, diag: Diagnostics | None = None,
             **keywords: Any) -> tuple[list[Reference], Diagnostics]:
    """Read several inputs into one list, collecting problems in ``diag``.

    Keywords set fields of ``options`` (``format``, ``blog_title``…).  URLs
    are crawled (:mod:`blogbib.crawl`: an index page's older pages, up to
    ``max_pages``; with ``feed`` the feed it advertises; with ``sitemap`` the
    site's sitemap; with ``posts`` every post page found).  When more than one document was
    read, the same post from several of them is merged into one reference
    (:func:`blogbib.merge.merge`), unless ``merge`` is false.  Keys are not
    assigned yet.
    """
    options = _options(keywords, read=options)["read"]
    _check(options)
    if diag is None:
        diag = Diagnostics(strict=options.strict)
    elif options.strict:
        diag.strict = True
    refs: list[Reference] = []
    readers: dict[str, str] = {}  # source → the reader that read it
    documents = 0
    for spec in inputs:
        try:
            for name, reader, read in _readings(spec, options, diag):
                documents += 1
                readers[name] = reader
                refs.extend(read)
        except InputError as exc:  # a whole input unreadable: reported, and the others are still read
            if diag.strict:
                raise
            diag.problems.extend(exc.problems)
    if options.merge and documents > 1:
        from .merge import merge

        refs = merge(refs, diag, kind=lambda ref: readers.get(ref.origin.source, "") if ref.origin else "")
    for ref in refs:
        if ref.id and safe_key(ref.id) != ref.id:
            where = ref.origin or Origin("<input>")
            diag.warn(where.source, where.line, f"citation key {ref.id[:60]!r} has characters a .bib file "
                      f"cannot hold; written as {safe_key(ref.id) or 'a generated key'!r}")
    return refs, diag


def pinned_keys(paths: Iterable[Input]) -> list[Reference]:
    """The entries of bibliographies (BibTeX, CSL-JSON, RIS) whose keys are pinned (``--keys-from``).

    Read strictly: a bad entry raises :class:`InputError` naming file and line.
    """
    entries: list[Reference] = []
    for path in paths:
        source = load(path)
        fmt = formats.detect(source.text, source.path)
        if not fmt.can_write:
            raise BlogbibError(f"{source.name}: keys are taken from a bibliography ("
                               f"{', '.join(formats.writable())}), not from {fmt.name}")
        entries += fmt.read(source.text, source=source.name, diag=Diagnostics(strict=True),
                            options=ReadOptions(format=fmt.name, strict=True))
    return entries


def _prepared(refs: list[Reference | Draft], options: ReadOptions,
              pinned: Sequence[Reference] = ()) -> list[Reference]:
    """The references as they are written: with the access date asked for, and keys (``pinned`` ones kept)."""
    if options.accessed is not None:
        refs = [_changed(r, accessed=options.accessed) for r in refs]
    return assign_keys(refs, options.key_format, pinned)


def read(source: Input, *, format: str = "auto", blog_title: str | None = None, base_url: str | None = None,
         strict: bool = True) -> ReadingList:
    """Read one input (a path, ``-`` for stdin, or the text itself) into a ReadingList.

    With ``strict`` (the default in the API) any bad entry raises
    :class:`~blogbib.errors.InputError`, which lists every problem with its line.

    >>> rl = read("Saddles Again\\nMar 24, 2016 (Benjamin Recht). Thanks to Rong.", blog_title="Off the Convex Path")
    >>> rl[0].id, rl[0].author[0].family, rl[0].container_title
    ('recht2016saddles', 'Recht', 'Off the Convex Path')
    """
    options = ReadOptions(format=format, blog_title=blog_title, base_url=base_url, strict=strict)
    refs, _ = read_all([source], options)
    return ReadingList(_prepared(refs, options))


def write(refs: Iterable[Reference], format: str, *, ascii: bool = False, bibtex_profile: str = "plain") -> str:
    """Serialise references to ``bibtex``, ``biblatex``, ``csl-json`` or ``ris``."""
    reading_list = refs if isinstance(refs, ReadingList) else ReadingList(refs)
    return reading_list.write(format, ascii=ascii, bibtex_profile=bibtex_profile)


@dataclass(frozen=True)
class Export(Reported):
    """What :func:`export` produced: the output text and the accounting."""

    text: str
    references: ReadingList
    problems: tuple[Problem, ...]
    read: int
    skipped: int
    merged: int = 0  # entries folded into another entry for the same post
    conflicts: int = 0  # values on which merged sources disagreed (each kept in the entry's note)

    @property
    def written(self) -> int:
        return len(self.references)

    def summary(self) -> str:
        merged = f", {self.merged} merged" if self.merged else ""
        if self.conflicts:
            merged += f", {self.conflicts} conflict{'s' if self.conflicts > 1 else ''}"
        text = f"{self.read} read, {self.written} written{merged}, {self.skipped} skipped"
        unreadable = len(self.errors) - self.skipped  # errors about a whole input, not one entry
        if unreadable > 0:
            text += f", {unreadable} input{'s' if unreadable > 1 else ''} not readable"
        return text


# Keywords of select/export that are not named as the field they set.
_RENAMED = {"from_format": "format", "search": "text"}


def _options(keywords: dict[str, Any], **given: Any) -> dict[str, Any]:
    """The options values, from those ``given`` and the fields of each set by ``keywords``.

    ``given`` maps a kind (read, selection, write, render) to a value or None.
    """
    kinds = {"read": ReadOptions, "selection": Selection, "write": WriteOptions, "render": RenderOptions}
    changes: dict[str, dict[str, Any]] = {kind: {} for kind in given}
    for keyword, value in keywords.items():
        name = _RENAMED.get(keyword, keyword)
        kind = next((k for k in given if name in {f.name for f in fields(kinds[k])}), None)
        if kind is None:
            raise TypeError(f"unexpected keyword argument {keyword!r}")
        changes[kind][name] = value
    return {kind: replace(given[kind] or kinds[kind](), **changes[kind]) for kind in given}


def select(inputs: Sequence[Input], read: ReadOptions | None = None, selection: Selection | None = None, *,
           diag: Diagnostics | None = None, **keywords: Any) -> Export:
    """Read every input, prepare the references and pick some (no output text).

    The first half of :func:`export`, and what ``blogbib list`` shows.
    Keywords set fields of ``read`` and ``selection`` (``from_format`` sets
    :attr:`ReadOptions.format <blogbib.options.ReadOptions.format>`, ``search``
    sets :attr:`Selection.text <blogbib.selection.Selection.text>`).  A
    ``diag`` given collects the problems (and counts entries as they are read).

    >>> result = select(["Saddles Again\\nMar 24, 2016 (Benjamin Recht). Thanks."], author="recht")
    >>> result.summary(), result.references.keys
    ('1 read, 1 written, 0 skipped', ['recht2016saddles'])
    """
    chosen = _options(keywords, read=read, selection=selection)
    read, selection = chosen["read"], chosen["selection"]
    _check(read)
    pinned = pinned_keys(read.keys_from)  # before any input is read: a bad file fails early
    refs, diag = read_all(inputs or ["-"], read, diag=diag)
    reading_list = ReadingList(_prepared(refs, read, pinned)).query(selection)
    stats = diag.stats
    return Export("", reading_list, tuple(diag.problems), stats.read, stats.skipped, stats.merged, stats.conflicts)


def export(inputs: Sequence[Input], format: str = "bibtex", read: ReadOptions | None = None,
           selection: Selection | None = None, write: WriteOptions | None = None,
           render: RenderOptions | None = None, *, diag: Diagnostics | None = None, **keywords: Any) -> Export:
    """Read every input, prepare the references, write them in ``format``.

    Sound entries are written and bad ones reported (``strict`` makes any
    error fatal: :class:`InputError` is raised and nothing is written).
    ``format`` is a data format (written with ``write``) or ``text``,
    ``html`` or ``markdown``, formatted by a CSL style (``render``; see
    :func:`blogbib.render.render`).  Keywords set the fields of ``read``,
    ``selection``, ``write`` and ``render`` (see :func:`select`);
    ``group_by`` makes a reading-list document (``"none"``: one without
    headings), see :meth:`ReadingList.to_markdown`.
    """
    group_by = keywords.pop("group_by", None)
    if group_by is not None:
        keywords.update(document=True, group_by=None if group_by == "none" else group_by)
    chosen = _options(keywords, read=read, selection=selection, write=write, render=render)
    fmt = formats.get(format)
    fmt.check_output(chosen["render"])  # before any input is read
    if fmt.kind == "rendered":
        from .render import resolve_style_early

        resolve_style_early(chosen["render"].style, chosen["render"].locale)  # fails before any input is read
    result = select(inputs, chosen["read"], chosen["selection"], diag=diag)
    return replace(result, text=fmt.output(result.references, chosen["write"], chosen["render"]))


def update(target: Input, inputs: Sequence[Input], read: ReadOptions | None = None,
           write: WriteOptions | None = None, *, refresh: bool = False, format: str | None = None,
           **keywords: Any) -> "Update":
    """Add the posts of ``inputs`` that ``target`` (a .bib, CSL-JSON or RIS file) lacks; write it atomically.

    Every entry already in ``target`` is kept byte for byte (comments,
    ``@string``s, other entry types, the user's edits); a post found there
    (same normalised URL, else same title and date) keeps its key, and one
    whose title, authors or date changed upstream is reported, and rewritten
    only with ``refresh``.  New posts get keys no entry of ``target`` has.
    ``format`` names the target's format when its content and suffix do not
    (``bibtex`` or ``biblatex`` picks the writer for a .bib).  Keywords set
    fields of ``read`` and ``write``.  See :mod:`blogbib.splice`.
    """
    from .output import write_atomic
    from .splice import Update, splice, target_format

    chosen = _options(keywords, read=read, write=write)
    read, write = chosen["read"], chosen["write"]
    _check(read)
    path = os.fspath(target)
    text = load(path).text if os.path.exists(path) else None
    name = target_format(path, text, format)
    fmt = formats.get(name)
    existing: list[Reference] = []
    if text:
        # Strict: an entry the file's reader cannot take would be lost, so nothing is written.
        existing = fmt.read(text, source=path, diag=Diagnostics(strict=True),
                            options=replace(read, format=name, strict=True, key_format=None))
        # Entries without a key (RIS often has no ID) get one, so the posts they hold are found too.
        existing = assign_keys(existing)
    pinned = [*existing, *pinned_keys(read.keys_from)]
    refs, diag = read_all(inputs, read)
    keyed = _prepared(refs, read, pinned)
    new_text, added, changes, refreshed, kept = splice(
        path, name, text or "", existing, keyed, lambda ref: fmt.write([ref], write), refresh=refresh)
    if text is None or new_text != text:
        bom = ""
        if text is not None:
            with open(path, "rb") as handle:
                bom = "\ufeff" if handle.read(3) == b"\xef\xbb\xbf" else ""  # kept, as every other byte
        write_atomic(path, bom + new_text, inputs=inputs)
    return Update(path, new_text, name, tuple(added), tuple(changes), tuple(refreshed), kept,
                  tuple(diag.problems), diag.stats.read, diag.stats.skipped)


@dataclass(frozen=True)
class Kit(Reported):
    """What :func:`kit` wrote: the folder, its files, the posts' keys, and the accounting of the reading."""

    out: str
    files: tuple[str, ...]
    references: ReadingList
    problems: tuple[Problem, ...]
    read: int
    skipped: int

    def summary(self) -> str:
        return (f"{self.read} read, {len(self.references)} in the kit, {self.skipped} skipped; "
                f"{len(self.files)} files in {self.out}")


def kit(inputs: Sequence[Input], out: Input, *, styles: Sequence[str] = ("apa",), locale: str | None = None,
        link_base: str = "/citations/", read: ReadOptions | None = None, write: WriteOptions | None = None,
        **keywords: Any) -> Kit:
    """The citation kit for blog owners: read ``inputs`` (a blog's source folder, or any input) and write,
    per post, its .bib, .ris and CSL-JSON files, its "Cite this post" block and head tags, and one
    ``citations.json`` for the site's templates, into the folder ``out`` (:func:`blogbib.kit.write_kit`).
    Keywords set fields of ``read``.
    """
    from .kit import write_kit

    read = _options(keywords, read=read)["read"]
    if styles:
        from .render import resolve_style_early

        for style in styles:
            resolve_style_early(style, locale)  # before any input is read
    result = select(inputs, read)
    files = write_kit(result.references, out, styles=styles, locale=locale, link_base=link_base, write=write,
                      sources=inputs)
    return Kit(os.fspath(out), files, result.references, result.problems, result.read, result.skipped)
