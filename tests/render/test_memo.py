"""The per-render memos of dates and names give what rendering every time gives.

The engine formats each distinct name and date once per render (see
``Name.process``, ``Date.process`` and ``Date_Part.render`` in
blogbib/render/citeproc.py).  Here the same generated items are rendered with
those memos and with a mapping that keeps nothing, in styles that exercise
initials, given-name disambiguation, particles, et-al, year suffixes (rendered
by the style and implicit), text-case and localized dates, in every format.
"""

from __future__ import annotations

import random

import pytest

from blogbib.model import Date, Name, Reference

citeproc = pytest.importorskip("blogbib.render.citeproc")
from blogbib.render import cite, render  # noqa: E402

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


@pytest.mark.parametrize("style", STYLES)
def test_memoized_render_equals_unmemoized(style, monkeypatch):
    refs = _items(150)
    outputs = {}
    for memo in (dict, _KeepNothing):
        monkeypatch.setattr(citeproc.Engine, "memo_type", memo)
        outputs[memo] = [render(refs, style, fmt) for fmt in ("text", "html", "markdown")] + [cite(refs, style)]
    assert outputs[dict] == outputs[_KeepNothing]


def test_the_memos_are_used(monkeypatch):
    """Guards the test above: with the memo mapping counting its hits, names and dates do repeat."""
    hits = []

    class Counting(dict):
        def get(self, key, default=None):
            value = super().get(key, default)
            if key in self:
                hits.append(key)
            return value

    monkeypatch.setattr(citeproc.Engine, "memo_type", Counting)
    render(_items(150), "apa")
    assert any(isinstance(k[0], citeproc.Date) for k in hits)
    assert any(isinstance(k[0], citeproc.Date_Part) for k in hits)
    assert any(isinstance(k[0], tuple) for k in hits)  # names: (settings, ...)
