"""Keeping a bibliography up to date: add the new posts, keep every existing entry's text.

``blogbib update refs.bib SOURCE…`` (:func:`blogbib.api.update`) reads ``refs.bib`` (BibTeX or BibLaTeX,
CSL-JSON or RIS), reads the sources, and keys the sources' posts with the
file's entries pinned (:func:`blogbib.keys.assign_keys`): a post already in
the file gets that entry's key, a new post a key no entry has.  New posts are
written by the format's writer and spliced in after the existing text, which is
never re-serialised, so comments, ``@string``s, other entry types, field order
and the user's edits stay as they are, byte for byte.  A post whose title,
authors or date changed upstream is reported; with ``refresh`` only that
entry's text is replaced.  The file is written atomically (:mod:`blogbib.output`).

How a format's text is spliced is the table :data:`SPLICERS`: where an entry
ends, and how new entries join the text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import BlogbibError, Problem, Reported
from .text import fold

if TYPE_CHECKING:
    from typing import Callable, Sequence

    from .model import Date, Name, Reference

__all__ = ["splice", "target_format", "changes", "Update", "Change", "SPLICERS"]


@dataclass(frozen=True)
class Change:
    """A field of an entry that differs upstream: ``old`` is the file's, ``new`` the source's."""

    key: str
    field: str  # "title", "author" or "issued"
    old: str
    new: str
    line: int | None = None  # the entry's line in the file

    def __str__(self) -> str:
        return f"{self.key}: {self.field} changed upstream: {self.old!r} → {self.new!r}"


@dataclass(frozen=True)
class Update(Reported):
    """What :func:`update` did: the file's new text and what changed in it."""

    path: str
    text: str
    format: str
    added: tuple[Reference, ...]
    changed: tuple[Change, ...]  # every upstream change found
    refreshed: tuple[str, ...]  # keys of the entries rewritten (with refresh)
    kept: int  # entries of the file found in the sources
    problems: tuple[Problem, ...]
    read: int
    skipped: int

    def summary(self) -> str:
        changed = {c.key for c in self.changed}
        text = f"{self.path}: {len(self.added)} added, {self.kept} already there"
        if changed:
            kept = len(changed) - len(self.refreshed)
            text += f", {len(changed)} changed upstream"
            text += f" ({len(self.refreshed)} refreshed)" if self.refreshed else ""
            text += f" ({kept} kept as they are; --refresh rewrites them)" if kept else ""
        return text + f"; {self.read} read, {self.skipped} skipped"


# ----------------------------------------------------------------------------- splicing, per format


def _bib_span(text: str, start: int, key: str) -> tuple[int, int] | None:
    """The span of the BibTeX entry ``@type{key,`` found at or after ``start``."""
    found = re.compile(r"@\s*\w+\s*([{(])\s*" + re.escape(key) + r"\s*,").search(text, start)
    if found is None:
        return None
    close = "}" if found[1] == "{" else ")"
    depth, i = 0, found.end()
    while i < len(text):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
        elif ch == close and depth == 0:
            return found.start(), i + 1
        i += 1
    return None


def _ris_span(text: str, start: int, key: str) -> tuple[int, int] | None:
    """The span of the RIS record whose ``TY`` line starts at ``start``: through its ``ER`` line."""
    end = re.compile(r"^ER  -.*$", re.M).search(text, start)
    return (start, end.end()) if end else None


def _json_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the objects of a CSL-JSON array, in order."""
    import json

    decoder = json.JSONDecoder()
    i = text.index("[") + 1
    spans = []
    while True:
        while i < len(text) and text[i] in " \t\r\n,":
            i += 1
        if i >= len(text) or text[i] == "]":
            return spans
        _, end = decoder.raw_decode(text, i)
        spans.append((i, end))
        i = end


def _append_records(text: str, new: Sequence[str], eol: str) -> str:
    """BibTeX and RIS: the new entries after the text, a blank line before each."""
    if not new:
        return text
    head = text if not text or text.endswith("\n") else text + eol
    return head + (eol if head.strip() else "") + eol.join(entry.rstrip("\r\n") + eol for entry in new)


def _append_json(text: str, new: Sequence[str], eol: str) -> str:
    """CSL-JSON: the new objects after the last one, inside the array."""
    if not new:
        return text
    spans = _json_spans(text) if text.strip() else []
    joined = f",{eol}  ".join(new)
    if spans:
        end = spans[-1][1]
        return text[:end] + f",{eol}  " + joined + text[end:]
    if not text.strip():
        return f"[{eol}  {joined}{eol}]{eol}"
    opening = text.index("[") + 1
    return text[:opening] + f"{eol}  {joined}{eol}" + text[opening:].lstrip(" \t\r\n")


def _json_objects(written: str) -> list[str]:
    """The objects' texts of a written CSL-JSON array."""
    return [written[a:b] for a, b in _json_spans(written)]


def _records(written: str) -> list[str]:
    return [written]


@dataclass(frozen=True)
class Splicer:
    """How new entries join a format's text: where an existing entry ends, how new ones are appended."""

    # (text, offset of the entry's first line, key) → the entry's span; None: the n-th entry read is the n-th span
    span: Callable[[str, int, str], tuple[int, int] | None] | None
    append: Callable[[str, Sequence[str], str], str]  # (text, new entries, line end) → the text with them
    entries: Callable[[str], list[str]]  # the writer's text for one reference → its entry texts


SPLICERS: dict[str, Splicer] = {
    "bibtex": Splicer(_bib_span, _append_records, _records),
    "biblatex": Splicer(_bib_span, _append_records, _records),
    "csl-json": Splicer(None, _append_json, _json_objects),
    "ris": Splicer(_ris_span, _append_records, _records),
}


# ----------------------------------------------------------------------------- what changed upstream

_NOT_WORD = re.compile(r"[\W_]+")


def _title(title: str | None) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold(title or "")).split())


def _names(names: Sequence[Name]) -> list[str]:
    return [_title(name.display()) for name in names]


def _dates_differ(old: Date | None, new: Date | None) -> bool:
    """Whether two dates disagree on a part both give (a less precise date is not a change)."""
    if old is None or new is None:
        return old is None and new is not None
    return any(a is not None and b is not None and a != b
               for a, b in ((old.year, new.year), (old.month, new.month), (old.day, new.day)))


def changes(old: Reference, new: Reference, line: int | None = None) -> list[Change]:
    """The upstream changes of title, authors and date between an entry and its post."""
    found = []
    if new.title and _title(old.title) != _title(new.title):
        found.append(Change(old.id, "title", old.title or "", new.title, line))
    if new.author and _names(old.author) != _names(new.author):
        found.append(Change(old.id, "author", "; ".join(n.display() for n in old.author),
                            "; ".join(n.display() for n in new.author), line))
    if _dates_differ(old.issued, new.issued):
        found.append(Change(old.id, "issued", old.issued.iso() if old.issued else "",
                            new.issued.iso() if new.issued else "", line))
    return found


# ----------------------------------------------------------------------------- the command


def target_format(path: str, text: str | None, name: str | None) -> str:
    """The format of the file to update: ``name`` if given, else from its content, then its suffix."""
    from . import formats

    if name is not None:
        fmt = formats.get(name)
    elif text is not None and text.strip():
        fmt = formats.detect(text, path)
    else:
        fmt = formats.for_suffix(os.path.splitext(path)[1]) or formats.get("listing")
    if fmt.name not in SPLICERS:
        raise BlogbibError(f"{path}: blogbib updates a bibliography ({', '.join(SPLICERS)}), not {fmt.name}")
    if fmt.name == "csl-json" and text and text.strip() and not text.lstrip().startswith("["):
        raise BlogbibError(f"{path}: blogbib updates a CSL-JSON array of items; this file holds something else")
    if fmt.name == "bibtex" and name is None and text and re.search(r"@\s*online\s*[{(]", text, re.I):
        return "biblatex"  # a file of @online entries is BibLaTeX: new entries follow it
    return fmt.name


def _line_start(text: str, line: int | None) -> int:
    """The offset where 1-based ``line`` starts."""
    if not line or line <= 1:
        return 0
    at = 0
    for _ in range(line - 1):
        at = text.find("\n", at) + 1
        if at == 0:
            return len(text)
    return at


def splice(path: str, name: str, text: str, existing: Sequence[Reference], keyed: Sequence[Reference],
           write_one: Callable[[Reference], str], *, refresh: bool = False
           ) -> tuple[str, list[Reference], list[Change], list[str], int]:
    """The file's new text: ``keyed`` posts whose key no ``existing`` entry has are appended.

    ``keyed`` were keyed with ``existing`` pinned, so a post found in the file
    carries its entry's key.  Returns the text, the posts added, the upstream
    changes, the keys of the entries rewritten (``refresh``) and how many
    posts were already there.
    """
    splicer = SPLICERS[name]
    eol = "\r\n" if "\r\n" in text else "\n"  # new text follows the file's line ends

    def entries(ref: Reference) -> list[str]:
        return [entry.replace("\n", eol) for entry in splicer.entries(write_one(ref))]

    by_key = {ref.id: ref for ref in existing}
    added = [ref for ref in keyed if ref.id not in by_key]
    found = {ref.id: ref for ref in keyed if ref.id in by_key}
    all_changes: list[Change] = []
    for key, ref in found.items():
        old = by_key[key]
        all_changes += changes(old, ref, old.origin.line if old.origin else None)

    new_text = text
    refreshed: list[str] = []
    if refresh and all_changes:
        changed_keys = {c.key for c in all_changes}
        in_order = _json_spans(text) if splicer.span is None else []
        spans: dict[str, tuple[int, int]] = {}
        for index, old in enumerate(existing):
            if old.id not in changed_keys or old.id in spans:
                continue
            if splicer.span is None:
                span = in_order[index] if index < len(in_order) else None
            else:
                span = splicer.span(text, _line_start(text, old.origin.line if old.origin else None), old.id)
            if span is None:
                raise BlogbibError(f"{path}: cannot find the text of entry {old.id!r} to refresh it; "
                                   "the file was not changed")
            spans[old.id] = span
        for key, (start, end) in sorted(spans.items(), key=lambda item: -item[1][0]):  # from the end: offsets hold
            [entry] = entries(found[key])
            new_text = new_text[:start] + entry.rstrip("\r\n") + new_text[end:]
            refreshed.append(key)
        refreshed.reverse()
    if added:
        new_text = splicer.append(new_text, [entry for ref in added for entry in entries(ref)], eol)
    return new_text, added, all_changes, refreshed, len(found)
