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
citeproc-js's) and ``markdown``.  The CSL processor is :mod:`blogbib.render.csl`
(the only package that imports citeproc-py), loaded when something is rendered.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any, Sequence

from ..errors import BlogbibError
from ..model import Reference

if TYPE_CHECKING:
    from .csl import Processor

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
        from .csl import available_locales

        resolve_locale(locale, available_locales())


def _processor(style: str | None, locale: str | None) -> "Processor":
    """The processor for a style and locale: compiled once, then reused."""
    from .csl import available_locales
    from .styles import resolve_locale, resolve_style

    source = resolve_style(style)
    locale = resolve_locale(locale, available_locales())
    return _compiled(source, os.path.getmtime(source.path), locale or source.default_locale)


@functools.lru_cache(maxsize=32)
def _compiled(source: Any, mtime: float, locale: str | None) -> "Processor":
    from .csl import Processor

    return Processor(source, locale)


def _csl_items(refs: Sequence[Reference], unique_ids: bool = False) -> list[dict[str, Any]]:
    """The references as CSL-JSON items; what ``extra`` keeps under a CSL variable's name is used too
    (a name list or date that a reader kept as JSON text is decoded).

    With ``unique_ids``, items whose id repeats an earlier one's get a positional id, so that
    each can be cited.
    """
    from ..formats.csl_json import to_csl
    from .csl.items import DATE_VARIABLES, NAME_VARIABLES

    items = []
    seen: set[str] = set()
    for i, ref in enumerate(refs):
        item = to_csl(ref)
        for key, value in ref.extra:
            if not isinstance(value, str) or key in item:
                continue
            if key in NAME_VARIABLES or key in DATE_VARIABLES:
                value = _json_value(value)
                if value is None:
                    continue
            item[key] = value
        if unique_ids:
            if item["id"] in seen:
                item["id"] = f"\x00{i}"
            seen.add(item["id"])
        items.append(item)
    return items


def _json_value(text: str) -> Any:
    """A CSL-JSON name list or date kept as JSON text, or None."""
    if not text.startswith(("[", "{")):
        return None
    import json

    try:
        return json.loads(text)
    except ValueError:
        return None


def bibliography_entries(
    refs: Sequence[Reference], style: str | None = None, format: str = "text", locale: str | None = None
) -> list[tuple[str, str]]:
    """(citation key, formatted entry) for each reference, in the style's bibliography order."""
    _check_format(format)
    return _processor(style, locale).bibliography(_csl_items(refs), format)


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
    from .csl import Citation, CiteItem

    items = _csl_items(refs, unique_ids=True)
    citations = [Citation((CiteItem(item["id"]),)) for item in items]
    return _processor(style, locale).citations(items, citations, format)


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
