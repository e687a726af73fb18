"""Plain citeproc-py 0.11, without blogbib's layer, behind the engine interface (for measurement only).

Items go to citeproc-py's own CSL-JSON reader unchanged (ids as text: citeproc-py lowercases them);
citations are citeproc-py ``Citation``s of ``CitationItem``s with locator (label ``page`` when none is
given), prefix and suffix; every item is registered first, in order, as citeproc-js's ``updateItems``
does.  citeproc-py escapes HTML as ``&amp;`` ``&lt;`` ``&gt;``: those become citeproc-js's numeric
``&#38;`` ``&#60;`` ``&#62;``, the only change made to its output.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from blogbib.render.csl import Citation, CiteItem  # noqa: F401  (the same plain records)

_ENTITIES = {"&amp;": "&#38;", "&lt;": "&#60;", "&gt;": "&#62;"}


def _js(text: str) -> str:
    for plain, numeric in _ENTITIES.items():
        text = text.replace(plain, numeric)
    return text


@dataclass
class Processor:
    style: str
    locale: str | None = None

    def _bibliography(self, items: Sequence[Mapping[str, Any]]):
        from citeproc import Citation as CpCitation
        from citeproc import CitationItem as CpItem
        from citeproc import CitationStylesBibliography, CitationStylesStyle, formatter
        from citeproc.source.json import CiteProcJSON

        with warnings.catch_warnings():  # citeproc-py warns of every CSL-JSON field it does not know
            warnings.simplefilter("ignore")
            style = CitationStylesStyle(io.BytesIO(self.style.encode("utf-8")), locale=self.locale, validate=False)
            source = CiteProcJSON([{**item, "id": str(item["id"])} for item in items])
        bib = CitationStylesBibliography(style, source, formatter.html)
        for item in items:
            bib.register(CpCitation([CpItem(str(item["id"]))]))
        return bib

    def bibliography(self, items, format: str = "html") -> list[tuple[str, str]]:
        bib = self._bibliography(items)
        bib.sort()
        return [(key, f'<div class="csl-entry">{_js(str(entry))}</div>')
                for key, entry in zip(bib.keys, bib.bibliography())]

    def citations(self, items, citations, format: str = "html") -> list[str]:
        from citeproc import Citation as CpCitation
        from citeproc import CitationItem as CpItem
        from citeproc.source import Locator

        bib = self._bibliography(items)
        clusters = []
        for citation in citations:
            cites = []
            for cite in citation.items:
                extra: dict[str, Any] = {}
                if cite.locator:
                    extra["locator"] = Locator(cite.label or "page", cite.locator)
                if cite.prefix:
                    extra["prefix"] = cite.prefix
                if cite.suffix:
                    extra["suffix"] = cite.suffix
                cites.append(CpItem(str(cite.id), **extra))
            clusters.append(CpCitation(cites))
            bib.register(clusters[-1])
        return [_js(str(bib.cite(cluster, lambda item: None))) for cluster in clusters]
