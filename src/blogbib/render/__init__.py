"""Formatted bibliographies and in-text citations through CSL styles.

>>> from blogbib.model import Reference, Name, Date
>>> refs = [Reference(id="razin2022implicit", title="Implicit Regularization",
...                   author=(Name(family="Razin", given="Noam"),), issued=Date(2022, 7, 15),
...                   container_title="Off the Convex Path", url="http://www.offconvex.org/x/")]
>>> print(render(refs, "apa"))
Razin, N. (2022, July 15). Implicit Regularization. Off the Convex Path. http://www.offconvex.org/x/
>>> cite(refs, "apa")
['(Razin, 2022)']

The style is a path to a ``.csl`` file, a style in blogbib's ``styles/`` or
any official style name (see :func:`list_styles`); ``None`` is blogbib's own
reading-list style.  Formats: ``text``, ``html`` (a fragment shaped like
citeproc-js's) and ``markdown``.  Only :mod:`blogbib.render.citeproc`
imports citeproc-py, and only when something is rendered.
"""

from __future__ import annotations

from typing import Sequence

from ..errors import BlogbibError
from ..model import Reference

DEFAULT_STYLE = "blogbib-reading-list"

__all__ = ["render", "bibliography_entries", "cite", "cite_clusters", "list_styles", "resolve_style_early", "FORMATS",
           "DEFAULT_STYLE"]

FORMATS = ("text", "html", "markdown")


def _check_format(format: str) -> str:
    if format not in FORMATS:
        raise BlogbibError(f"unknown output format {format!r}; choose one of: {', '.join(FORMATS)}")
    return format


def list_styles(query: str | None = None) -> list[str]:
    """Every style name blogbib can use (its own first), filtered by ``query`` (case-insensitive)."""
    from .styles import list_styles as _list

    return _list(query)


def resolve_style_early(style: str | None, locale: str | None = None) -> None:
    """Raise :class:`BlogbibError` now if the style or locale is unknown (nothing is parsed)."""
    from .styles import resolve_locale, resolve_style

    resolve_style(style)
    if locale is not None:
        from .citeproc import available_locales

        resolve_locale(locale, available_locales())


def _engine(style: str | None, locale: str | None):
    from . import citeproc

    return citeproc.engine(style, locale)


def bibliography_entries(
    refs: Sequence[Reference], style: str | None = None, format: str = "text", locale: str | None = None
) -> list[tuple[str, str]]:
    """(citation key, formatted entry) for each reference, in the style's bibliography order."""
    _check_format(format)
    return _engine(style, locale).bibliography(list(refs), format)


def render(
    refs: Sequence[Reference], style: str | None = None, format: str = "text", locale: str | None = None
) -> str:
    """The whole bibliography as one string.

    ``text`` and ``markdown`` give one entry per line; ``html`` gives a
    ``<div class="csl-bib-body">`` holding one ``<div class="csl-entry">`` per entry.
    """
    entries = bibliography_entries(refs, style, format, locale)
    if format == "html":
        body = "".join(f"{entry}\n" for _, entry in entries)
        return f'<div class="csl-bib-body">\n{body}</div>\n'
    return "".join(f"{entry}\n" for _, entry in entries)


def cite(
    refs: Sequence[Reference], style: str | None = None, format: str = "text", locale: str | None = None
) -> list[str]:
    """Each reference's in-text citation, in input order.

    Every reference is cited once, in sequence, as a document would cite them,
    so disambiguation (``2017a`` / ``2017b``) runs across the whole list.
    """
    _check_format(format)
    return _engine(style, locale).citations(list(refs), format)


def cite_clusters(
    refs: Sequence[Reference], clusters: Sequence[Sequence[str]], style: str | None = None, format: str = "text",
    locale: str | None = None,
) -> list[str]:
    """One in-text citation per cluster of keys, in order, as a document citing them reads.

    The style's cite grouping and collapsing apply within a cluster, positions
    (``ibid``, ``subsequent``) across the clusters.
    """
    _check_format(format)
    from .csl import Citation, CiteItem

    items = _csl_items(refs, unique_ids=True)
    citations = [Citation(tuple(CiteItem(key) for key in keys)) for keys in clusters]
    return _processor(style, locale).citations(items, citations, format)
