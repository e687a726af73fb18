"""The format registry: one record per format, in one explicit table.

Each format is one module in this package with its field mapping at the top,
exposing ``read(text, source=, diag=, options=)`` and/or ``write(refs, options)``.
Modules are imported on first use so a command loads only what it needs.

Adding a format is one module, one line in :data:`FORMATS`, and a folder of
golden files.  Formatted citations are not a format: they need a style and
cannot be read back, so they live in :mod:`blogbib.render`.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from types import ModuleType
from typing import Callable, Sequence

from ..errors import BlogbibError, Diagnostics
from ..model import Reference

__all__ = ["Format", "FORMATS", "ReadOptions", "WriteOptions", "get", "readable", "writable", "detect"]


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may be told beyond the text itself."""

    blog_title: str | None = None
    base_url: str | None = None


BIBTEX_PROFILES = ("plain", "natbib", "urlbst", "acm")


@dataclass(frozen=True)
class WriteOptions:
    """What a writer may be told beyond the references."""

    ascii: bool = False  # BibTeX: LaTeX-encode accents instead of writing UTF-8
    bibtex_profile: str = "plain"  # where classic BibTeX puts the URL and access date


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # module in this package that implements it
    suffixes: tuple[str, ...] = ()
    can_read: bool = False
    can_write: bool = False
    sniff: Callable[[str], bool] | None = field(default=None, compare=False)
    description: str = ""
    writer: str = "write"  # function names in the module
    reader: str = "read"

    def _module(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.module}")

    def read(
        self, text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()
    ) -> list[Reference]:
        if not self.can_read:
            raise BlogbibError(f"blogbib cannot read {self.name}")
        return getattr(self._module(), self.reader)(text, source=source, diag=diag, options=options)

    def write(self, refs: Sequence[Reference], options: WriteOptions = WriteOptions()) -> str:
        if not self.can_write:
            raise BlogbibError(f"blogbib cannot write {self.name}")
        return getattr(self._module(), self.writer)(refs, options)


def _sniff_csl_json(text: str) -> bool:
    head = text.lstrip()[:1]
    return head in ("[", "{")


def _sniff_ris(text: str) -> bool:
    return text.lstrip().startswith("TY  -")


def _sniff_bibtex(text: str) -> bool:
    import re

    return re.search(r"^\s*@\s*[A-Za-z]+\s*[{(]", text[:20000], re.M) is not None


# The one table of formats.  Order matters for sniffing: most specific first.
FORMATS: tuple[Format, ...] = (
    Format("bibtex", "bibtex", (".bib",), can_write=True, sniff=_sniff_bibtex,
           description="BibTeX @misc for classic .bst styles", writer="write_bibtex"),
    Format("biblatex", "bibtex", (".bib",), can_write=True,
           description="BibLaTeX @online for biber", writer="write_biblatex"),
    Format("csl-json", "csl_json", (".json",), can_read=True, can_write=True, sniff=_sniff_csl_json,
           description="CSL-JSON post-weblog items (Zotero, pandoc, citeproc)"),
    Format("ris", "ris", (".ris",), can_read=True, can_write=True, sniff=_sniff_ris,
           description="RIS TY BLOG records (Zotero, EndNote, Mendeley)"),
    Format("listing", "listing", (".txt", ".text", ".md"), can_read=True,
           description="a blog's index copied as text: title line, then 'Mon D, YYYY (Authors). Excerpt'"),
)

_BY_NAME = {f.name: f for f in FORMATS}
_ALIASES = {"csljson": "csl-json", "json": "csl-json", "bib": "bibtex", "txt": "listing", "text": "listing"}


def get(name: str) -> Format:
    key = _ALIASES.get(name.lower(), name.lower())
    try:
        return _BY_NAME[key]
    except KeyError:
        raise BlogbibError(
            f"unknown format {name!r}; known: {', '.join(f.name for f in FORMATS)}"
        ) from None


def readable() -> list[str]:
    return [f.name for f in FORMATS if f.can_read]


def writable() -> list[str]:
    return [f.name for f in FORMATS if f.can_write]


def _suffix(path: str) -> str:
    """``PurePath(path).suffix`` without importing pathlib (slow to import) on POSIX."""
    if os.sep != "/" or os.altsep:
        from pathlib import PurePath

        return PurePath(path).suffix
    parts = [p for p in path.split("/") if p and p != "."]
    name = parts[-1] if parts else ""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def detect(text: str, path: str | None = None) -> Format:
    """``--from auto``: the content decides, then the file suffix; a listing otherwise."""
    for fmt in FORMATS:
        if fmt.can_read and fmt.sniff is not None and fmt.sniff(text):
            return fmt
    if path:
        suffix = _suffix(path).lower()
        for fmt in FORMATS:
            if fmt.can_read and suffix in fmt.suffixes:
                return fmt
    return _BY_NAME["listing"]
