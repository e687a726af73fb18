"""Real posts through a spread of the official styles: none may fail.

Every twentieth name :func:`list_styles` gives (about 540 of its 10,845
independent and dependent styles) plus the most used styles renders a
bibliography of twenty real posts, a cross-post (same author, year and title
on another blog) and an undated post, and cites three of them.  A note style
without a bibliography must say so with a BlogbibError.  An entry may be
empty: some styles print only the item types they know (springer-basic-note
lists journal articles and books, not blog posts).  (Run over all 2,865
independent styles, the same list renders, or gets that error, in about 40 s.)
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from blogbib import BlogbibError, read
from blogbib.render import bibliography_entries, cite, list_styles

from ..conftest import BLOG, LISTING, shared_path

POPULAR = ["apa", "chicago-author-date", "chicago-fullnote-bibliography", "modern-language-association", "ieee",
           "harvard-cite-them-right", "nature", "vancouver", "american-medical-association",
           "american-chemical-society", "elsevier-harvard", "springer-basic-author-date",
           "association-for-computing-machinery", "din-1505-2", "american-sociological-association"]
SPREAD = sorted(set(list_styles()[1::20]) | {s for s in POPULAR if s in list_styles()})


@pytest.fixture(scope="module")
def posts():
    refs = list(read(str(shared_path(LISTING)), blog_title=BLOG))[:20]
    return refs + [replace(refs[0], id="crosspost", container_title="Another Blog"),
                   replace(refs[1], id="undated", issued=None)]


def test_the_spread_includes_the_popular_styles():
    assert len(SPREAD) > 500 and "chicago-author-date" in SPREAD and "apa" in SPREAD


@pytest.mark.parametrize("style", SPREAD)
def test_every_style_renders_real_posts(style, posts):
    try:
        entries = bibliography_entries(posts, style)
    except BlogbibError as exc:
        assert "has no bibliography" in str(exc)  # a note style: citations only
    else:
        assert sorted(key for key, _ in entries) == sorted(ref.id for ref in posts)
    citations = cite(posts[:3], style)
    assert len(citations) == 3 and all(c.strip() for c in citations)
