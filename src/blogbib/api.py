"""The pipeline on one screen: read → prepare (blog name, access date, keys) → write."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Sequence

from . import formats
from .errors import BlogbibError, Diagnostics, InputError, Problem
from .inputs import Source, load
from .keys import validate_pattern
from .model import Date, Reference
from .reading_list import ReadingList

__all__ = ["read", "write", "export", "Export"]


def _source(spec: str | os.PathLike[str]) -> Source:
    if isinstance(spec, str) and ("\n" in spec or spec.lstrip().startswith(("[", "{"))):
        return Source("<text>", spec)  # literal text, not a path
    return load(spec)


def _read_source(source: Source, fmt: str, options: formats.ReadOptions, diag: Diagnostics) -> list[Reference]:
    reader = formats.detect(source.text, source.path) if fmt == "auto" else formats.get(fmt)
    if not reader.can_read:
        raise BlogbibError(f"blogbib cannot read {reader.name}; readable: {', '.join(formats.readable())}")
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
    diag: Diagnostics | None = None,
) -> tuple[list[Reference], Diagnostics]:
    """Read several inputs into one list, collecting problems in ``diag``."""
    diag = diag if diag is not None else Diagnostics()
    options = formats.ReadOptions(blog_title=blog_title, base_url=base_url)
    refs: list[Reference] = []
    for spec in inputs:
        refs.extend(_read_source(_source(spec), format, options, diag))
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
    return ReadingList(refs)


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

    @property
    def written(self) -> int:
        return len(self.references)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def summary(self) -> str:
        return f"{self.read} read, {self.written} written, {self.skipped} skipped"


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
) -> Export:
    """Read every input, prepare the references, write them in ``format``.

    Sound entries are written and bad ones reported (``strict`` makes any
    error fatal: :class:`InputError` is raised and nothing is written).
    """
    writer = formats.get(format)
    if not writer.can_write:
        raise BlogbibError(f"blogbib cannot write {writer.name}; writable: {', '.join(formats.writable())}")
    if key_format is not None:
        try:
            validate_pattern(key_format)
        except ValueError as exc:
            raise BlogbibError(str(exc)) from None
    diag = Diagnostics(strict=strict)
    with _collector_paused():
        refs, diag = read_all(inputs or ["-"], format=from_format, blog_title=blog_title, base_url=base_url,
                              diag=diag)
        if accessed is not None:
            refs = [replace(r, accessed=accessed) for r in refs]
        if key_format is not None:
            from .keys import assign_keys

            refs = assign_keys(refs, key_format)
        reading_list = ReadingList(refs)
        text = write(reading_list, writer.name, ascii=ascii, bibtex_profile=bibtex_profile)
    return Export(text, reading_list, tuple(diag.problems), diag.stats.read, diag.stats.skipped)


__all__ += ["read_all", "InputError"]
