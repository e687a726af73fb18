"""The engine's memos give what rendering every time gives.

Every cache of the CSL engine lives in blogbib/render/csl/caches.py: per render,
each distinct name, date and date part is formatted once; per processor, a
condition's result is remembered per item shape.  Here the same generated items
are rendered with those memos and with mappings that keep nothing, in styles that
exercise initials, given-name disambiguation, particles, et-al, year suffixes
(rendered by the style and implicit), text-case and localized dates, in every
format.
"""

from __future__ import annotations

import random

import pytest

from blogbib.model import Date, Name, Reference

from blogbib.render import _compiled, cite, render
from blogbib.render.csl.caches import RenderCaches, StyleCaches

STYLES = ["apa", "ieee", "modern-language-association", None, "harvard-cite-them-right", "din-1505-2-alphanumeric",
          "chicago-author-date"]
GIVEN = ["Sanjeev", "Noam", "Nadav", "Elad", "Rong", "Martin Luther", "Jean-Paul", "Ana María", "Björn", "Çağrı"]
FAMILY = [("Arora", None, None), ("Cohen", None, None), ("Ge", None, None), ("Beethoven", "van", None),
          ("Fontaine", None, "de la"), ("Müller-Lüdenscheidt", None, None), ("Gogh", "van", None)]


class _KeepNothing(dict):
    def __setitem__(self, key, value) -> None:
        pass


def _items(n: int, seed: int = 11) -> list[Reference]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        if rnd.random() < 0.05:
            authors = (Name(literal="Google Research"),)
        else:
            authors = []
            for _ in range(rnd.choice([1, 1, 2, 3, 4, 7])):
                family, ndp, dp = rnd.choice(FAMILY)
                authors.append(Name(family=family, given=rnd.choice(GIVEN), non_dropping_particle=ndp,
                                    dropping_particle=dp, suffix="Jr." if rnd.random() < 0.05 else None))
            authors = tuple(authors)
        month = rnd.choice([None, rnd.randint(1, 12)])
        day = rnd.randint(1, 28) if month and rnd.random() < 0.7 else None
        out.append(Reference(id=f"p{i}", title=rnd.choice(["a view from the convex path", "Tensor methods",
                                                            "on GANs: a note"]),
                             author=authors, issued=Date(rnd.randint(2015, 2018), month, day),
                             container_title="Off the Convex Path", url=f"https://example.org/{i}/",
                             language=rnd.choice([None, None, "en", "de"])))
    return out


def _use(monkeypatch, memo: type) -> None:
    monkeypatch.setattr(RenderCaches, "memo_type", memo)
    monkeypatch.setattr(StyleCaches, "memo_type", memo)
    _compiled.cache_clear()  # processors made from now on hold the new style caches


@pytest.mark.parametrize("style", STYLES)
def test_memoized_render_equals_unmemoized(style, monkeypatch):
    refs = _items(150)
    outputs = {}
    for memo in (dict, _KeepNothing):
        _use(monkeypatch, memo)
        outputs[memo] = [render(refs, style, fmt) for fmt in ("text", "html", "markdown")] + [cite(refs, style)]
    _compiled.cache_clear()
    assert outputs[dict] == outputs[_KeepNothing]


def test_the_memos_are_used(monkeypatch):
    """Guards the test above: with each memo counting its hits, names, dates, date parts and
    conditions do repeat."""
    hits: dict[int, int] = {}

    class Counting(dict):
        def get(self, key, default=None):
            if key in self:
                hits[id(self)] = hits.get(id(self), 0) + 1
            return super().get(key, default)

    made: list[tuple[str, Counting]] = []
    original_render, original_style = RenderCaches.__init__, StyleCaches.__init__

    def record(original):
        def init(self):
            original(self)
            made.extend((name, memo) for name, memo in vars(self).items() if isinstance(memo, Counting))
        return init

    _use(monkeypatch, Counting)
    monkeypatch.setattr(RenderCaches, "__init__", record(original_render))
    monkeypatch.setattr(StyleCaches, "__init__", record(original_style))
    render(_items(150), "apa")
    _compiled.cache_clear()
    used = {name for name, memo in made if hits.get(id(memo))}
    assert {"names", "dates", "date_parts", "branches"} <= used, used


def test_pruned_groups_render_what_evaluating_them_renders(monkeypatch):
    """The static analysis skips groups and macros that cannot render for an item (see
    csl/parsing.py): over the wide oracle's styles and items, skipping them changes nothing."""
    import json

    from blogbib.render.csl import Citation, CiteItem, Processor, parsing
    from blogbib.render.styles import resolve_style

    from ..conftest import ORACLE_WIDE, shared_path

    styles = json.loads(shared_path(ORACLE_WIDE / "styles.json").read_text(encoding="utf-8"))
    items = [item for name in ("edge", "mixed")
             for item in json.loads((ORACLE_WIDE / "items" / f"{name}.json").read_text(encoding="utf-8"))]
    citations = [Citation((CiteItem(item["id"]),)) for item in items]
    pruned_somewhere = False
    analyses = (parsing.analyse, lambda elements: None)
    for entry in styles:
        outputs = []
        for analyse in analyses:
            monkeypatch.setattr(parsing, "analyse", analyse)
            p = Processor(resolve_style(entry["style"]), entry["locale"])
            pruned_somewhere |= any(e.prune is not None for e in p.style.elements)
            bibliography = p.bibliography(items) if p.style.bibliography is not None else []
            outputs.append((bibliography, p.citations(items, citations)))
        assert outputs[0] == outputs[1], entry["style"]
    assert pruned_somewhere
