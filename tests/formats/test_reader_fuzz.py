"""Fuzzing the readers added with the web sources: only blogbib's own errors, bounded time, full accounting."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogbib.errors import BlogbibError, Diagnostics
from blogbib.formats import get

from ..conftest import FIXTURES, shared_path

READERS = ["html", "feed", "bibtex", "csl-json"]
MARKUP = st.lists(st.sampled_from(["<", ">", "</", "<div>", "<a href='", "<article>", "<time datetime='2020-02-30'>",
                                   "<script type='application/ld+json'>", "{", "}", "[", "]", '"', "'", "@misc{",
                                   "<item>", "<title>", "&amp;", "&#58;", "<!ENTITY", "\\", "%", "#", "\n",
                                   "class='h-entry'", "class='post-link'", "Jul 6, 2017 (A and B).", "\x00", "\ufeff"])
                  | st.text(max_size=20), max_size=60).map("".join)


def _check(fmt: str, text: str) -> None:
    diag = Diagnostics()
    start = time.process_time()  # CPU time: a busy machine does not make a linear reader look slow
    try:
        refs = get(fmt).read(text, source="fuzz", diag=diag)
    except BlogbibError:
        return
    assert time.process_time() - start < 5  # the slowest case, 100,000 <div> through feedparser, takes ~2 s
    assert diag.stats.read == len(refs) + diag.stats.skipped


@pytest.mark.parametrize("fmt", READERS)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MARKUP)
def test_random_markup_200_examples(fmt, text):
    _check(fmt, text)


@pytest.mark.parametrize("name, fmt", [("offconvex-index.html", "html"), ("offconvex-feed-2017.xml", "feed")])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_fixtures_30_examples(name, fmt, data):
    lines = shared_path(FIXTURES / name).read_text(encoding="utf-8").splitlines(keepends=True)
    cut = data.draw(st.integers(0, len(lines)))
    shuffled = data.draw(st.permutations(lines[:40])) if data.draw(st.booleans()) else lines[:40]
    _check(fmt, "".join(shuffled) + "".join(lines[40:cut]) + data.draw(MARKUP))


# csl-json's deep-nesting case belongs to the robustness work (issue 6), which hardens json.loads.
@pytest.mark.parametrize("fmt", ["html", "feed", "bibtex"])
@pytest.mark.parametrize("text", ["x" * 1_000_000, "<div>" * 100_000, "{" * 100_000, "[" * 100_000,
                                  "<a class='post-link' href='/'>" + "(" * 200_000])
def test_long_lines_and_deep_nesting(fmt, text):
    _check(fmt, text)
