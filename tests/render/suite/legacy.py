"""Today's engine (``blogbib.render.citeproc``) behind the interface of ``blogbib.render.csl``.

The adapter adds no engine feature: items reach the engine as a user's CSL-JSON does
(``formats.csl_json.from_csl``, so what the model cannot hold is lost, see :func:`lost_variables`), and
a citation is what ``blogbib.render.cite`` renders: one item, no locator, prefix or suffix, each item
cited once (a repeated cite repeats its first rendering).  Anything else raises :class:`Unsupported`
with the reason.  Delete this module when ``blogbib.render.csl`` lands (see ``engine.py``).
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .runner import Unsupported

# CSL 1.0.2's name and date variables
NAME_VARIABLES = frozenset(
    "author chair collection-editor compiler composer container-author contributor curator director editor "
    "editorial-director editor-translator executive-producer guest host illustrator interviewer narrator organizer "
    "original-author performer producer recipient reviewed-author script-writer series-creator translator".split())
DATE_VARIABLES = frozenset("accessed available-date event-date issued original-date submitted".split())
_DEFAULT_LOCALE = re.compile(r'<style\b[^>]*\bdefault-locale="([^"]+)"')


@dataclass(frozen=True)
class CiteItem:
    id: str
    locator: str | None = None
    label: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    suppress_author: bool = False
    author_only: bool = False


@dataclass(frozen=True)
class Citation:
    items: tuple[CiteItem, ...]
    note_index: int | None = None


class Processor:
    def __init__(self, style: Any, locale: str | None = None) -> None:
        from blogbib.render import citeproc
        from blogbib.render.styles import StyleSource, resolve_style

        if isinstance(style, StyleSource):
            self._engine = citeproc.Engine(style, locale)
        elif "<" not in str(style):  # a path
            self._engine = citeproc.Engine(resolve_style(str(style)), locale)
        else:
            found = _DEFAULT_LOCALE.search(style)
            with tempfile.TemporaryDirectory() as folder:  # the engine parses the file once, here
                path = os.path.join(folder, "style.csl")
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(style)
                self._engine = citeproc.Engine(StyleSource("fixture", path, found and found[1]), locale)

    @staticmethod
    def _refs(items: Sequence[Mapping[str, Any]]):
        from blogbib.formats.csl_json import from_csl

        refs = []
        for item in items:
            try:
                refs.append(from_csl(dict(item)))
            except ValueError as exc:
                raise Unsupported(f"input: rejected: {exc}") from None
        return refs

    def bibliography(self, items: Sequence[Mapping[str, Any]], format: str = "text") -> list[tuple[str, str]]:
        refs = self._refs(items)
        return self._engine.bibliography(refs, format)

    def citations(self, items: Sequence[Mapping[str, Any]], citations: Sequence[Citation],
                  format: str = "text") -> list[str]:
        for citation in citations:
            if len(citation.items) != 1:
                raise Unsupported("engine: a citation of several items")
            cite = citation.items[0]
            if cite.locator or cite.prefix or cite.suffix or cite.suppress_author or cite.author_only:
                raise Unsupported("engine: no locator, prefix or suffix in a citation")
        refs = self._refs(items)
        texts = self._engine.citations(refs, format)
        by_id = {item["id"]: text for item, text in zip(items, texts)}
        return [by_id[citation.items[0].id] for citation in citations]


def lost_variables(item: Mapping[str, Any]) -> list[str]:
    """The CSL variables of ``item`` that do not reach today's engine, or reach it changed."""
    import citeproc

    from blogbib.formats.csl_json import from_csl, to_csl

    try:
        back = to_csl(from_csl(dict(item)))
    except ValueError:
        return []
    lost = []
    for key, value in item.items():
        if key in ("id", "type", "custom"):
            continue
        if key in ("author", "issued", "accessed"):
            if _plain(value) != _plain(back.get(key)):
                lost.append(key)
        elif key in NAME_VARIABLES or key in DATE_VARIABLES or key.replace("-", "_") not in citeproc.VARIABLES:
            lost.append(key)  # the engine takes only the variables citeproc-py knows, no other name or date
    return lost


def _plain(value: Any) -> Any:
    """A name list or date as the model keeps it: name parts as text, the first date's numbers."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict) and "date-parts" in value:
        parts = value["date-parts"]
        first = parts[0] if parts and isinstance(parts[0], list) else []
        more = {k: v for k, v in value.items() if k != "date-parts"} | ({"range": True} if len(parts) > 1 else {})
        return {"date-parts": [[_number(p) for p in first]], "more": more}
    if isinstance(value, dict):
        return {k: str(v) for k, v in value.items()}
    return value


def _number(part: Any) -> Any:
    try:
        return int(part)
    except (TypeError, ValueError):
        return part
