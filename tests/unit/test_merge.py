"""Merging several sources: the same post once, fields by a stated precedence, nothing dropped."""

from __future__ import annotations

from dataclasses import replace

import pytest

import blogbib
from blogbib.errors import Diagnostics
from blogbib.formats import ReadOptions, get
from blogbib.merge import CONFLICT_PREFIX, MERGED_FROM, PRECEDENCE, merge, same_post
from blogbib.model import Date, Name, Origin, Reference

from ..conftest import BLOG, FIXTURES, shared_path

OFFCONVEX = "http://www.offconvex.org/"


def _read(name: str, fmt: str, **options):
    path = shared_path(FIXTURES / name)
    diag = Diagnostics()
    refs = get(fmt).read(path.read_text(encoding="utf-8"), source=name, diag=diag, options=ReadOptions(**options))
    return refs, diag


def test_index_and_listing_merge_into_the_51_posts(offconvex):
    index, _ = _read("offconvex-index.html", "html", base_url=OFFCONVEX)
    diag = Diagnostics()
    merged = merge(list(offconvex) + index, diag)
    assert len(merged) == 51 and diag.stats.merged == 51
    assert [r.title for r in merged] == [r.title for r in offconvex]
    assert all(r.url and r.author == l.author for r, l in zip(merged, offconvex) if l.author)
    assert diag.errors == []


def test_listing_page_and_feed_give_authors_urls_and_times(offconvex, oracle_items):
    page, _ = _read("offconvex-index-2017.html", "html", base_url=OFFCONVEX)
    feed, _ = _read("offconvex-feed-2017.xml", "feed", base_url=OFFCONVEX)
    diag = Diagnostics()
    merged = merge(list(offconvex) + page + feed, diag)
    assert len(merged) == 51 and diag.stats.merged == 20
    urls = {item["title"]: item["URL"] for item in oracle_items}
    from_feed = {r.title for r in page}
    assert len(from_feed) == 10
    for ref in merged:
        if ref.title in from_feed:
            assert ref.author, ref.title  # from the listing
            assert ref.url == urls[ref.title]  # from the page (and the feed)
            assert ref.issued.time is not None  # from the feed
            sources = ref.extra_dict[MERGED_FROM]
            assert "offconvex-feed-2017.xml" in sources and "offconvex-listing.txt" in sources
    saddle = next(r for r in merged if r.title == "How to Escape Saddle Points Efficiently")
    assert saddle.issued == Date(2017, 7, 19, "03:00:00-07:00")
    assert [n.family for n in saddle.author] == ["Jin", "Jordan"]


def test_page_and_feed_alone_match_on_url_without_base_url():
    page, _ = _read("offconvex-index-2017.html", "html")
    feed, _ = _read("offconvex-feed-2017.xml", "feed")
    merged = merge(page + feed)
    assert len(merged) == 10
    assert merged[6].title == "The search for biologically plausible neural computation: The conventional approach"


def test_url_aliases_case_slash_and_scheme_match():
    a = Reference(title="A", url="http://www.example.org/2020/01/post/")
    b = Reference(title="A (feed)", url="HTTPS://example.org/2020/01/Post")
    assert same_post(a, b)
    assert not same_post(a, Reference(title="A", url="http://www.example.org/2020/01/other/"))


def test_title_and_date_match_when_urls_are_missing_and_a_timezone_moves_the_day():
    listing = Reference(title="Saddles  Again!", issued=Date(2016, 3, 24))
    feed = Reference(title="saddles again", issued=Date(2016, 3, 25, "01:00:00+00:00"))
    assert same_post(listing, feed)
    assert not same_post(listing, Reference(title="Saddles again", issued=Date(2017, 3, 24)))
    assert not same_post(listing, Reference(title="Saddles again", issued=Date(2016, 3, 26)))


def test_conflicts_are_warned_and_kept_in_extra():
    a = Reference(title="Post", url="http://b.example/p/", author=(Name(family="Ng", given="Al"),),
                  container_title="Blog A", origin=Origin("a.html", 3))
    b = Reference(title="Post", url="http://b.example/p", author=(Name(family="Wu", given="Bo"),),
                  container_title="Blog B", origin=Origin("b.xml", 9))
    diag = Diagnostics()
    [ref] = merge([a, b], diag)
    assert ref.author == a.author and ref.container_title == "Blog A"  # first wins among equals
    extra = ref.extra_dict
    assert extra[CONFLICT_PREFIX + "author"] == "Bo Wu (b.xml:9)"
    assert extra[CONFLICT_PREFIX + "container_title"] == "Blog B (b.xml:9)"
    assert {(w.source, w.line) for w in diag.warnings} == {("b.xml", 9)}
    assert len(diag.warnings) == 2


def test_precedence_rules_by_value():
    short = Reference(title="P", abstract="The first words...", issued=Date(2020, 5), keyword=("a",),
                      origin=Origin("one", 1))
    long = Reference(title="P", abstract="The first words of a longer excerpt", issued=Date(2020, 5, 2, "10:00:00-07:00"),
                     keyword=("b", "a"), more_authors=True, accessed=Date(2024, 1, 1), origin=Origin("two", 2))
    diag = Diagnostics()
    [ref] = merge([short, long], diag)
    assert ref.abstract == long.abstract  # the longest excerpt that extends the other
    assert ref.issued == long.issued  # the most precise date that agrees
    assert ref.keyword == ("a", "b") and ref.more_authors and ref.accessed == Date(2024, 1, 1)
    assert diag.warnings == []
    assert ref.extra_dict[MERGED_FROM] == "title=one:1; abstract,accessed,issued=two:2"
    assert set(PRECEDENCE) >= {"title", "author", "issued", "url", "abstract", "container_title"}


def test_merge_is_pure_and_keeps_unmatched_entries(offconvex):
    refs = list(offconvex)
    before = list(refs)
    extra = Reference(title="Unrelated", issued=Date(2001, 1, 1))
    out = merge(refs + [extra])
    assert refs == before and out[-1] is extra and len(out) == 52
    assert merge([]) == []


def test_accounting_read_equals_written_plus_merged_plus_skipped(tmp_path):
    listing = shared_path(FIXTURES / "offconvex-listing.txt")
    page = shared_path(FIXTURES / "offconvex-index-2017.html")
    feed = shared_path(FIXTURES / "offconvex-feed-2017.xml")
    result = blogbib.export([listing, page, feed], "csl-json", blog_title=BLOG, base_url=OFFCONVEX)
    assert result.read == 71 and result.written == 51 and result.merged == 20 and result.skipped == 0
    assert result.read == result.written + result.merged + result.skipped
    assert result.summary() == "71 read, 51 written, 20 merged, 0 skipped"


def test_single_input_is_not_merged(offconvex):
    twice = list(offconvex) + [replace(offconvex[0])]
    refs, diag = blogbib.read_all([FIXTURES / "offconvex-listing.txt"], blog_title=BLOG)
    assert len(refs) == 51 and diag.stats.merged == 0
    assert len(merge(twice)) == 51


def test_a_specific_type_wins_over_the_default_without_a_conflict():
    diag = Diagnostics()
    [ref] = merge([Reference(title="P", url="http://b.example/p"),
                   Reference(title="P", type="article-journal", url="http://b.example/p")], diag)
    assert ref.type == "article-journal" and diag.warnings == []
