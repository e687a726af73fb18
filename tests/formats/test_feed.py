"""RSS and Atom feeds through feedparser: titles as people read them, local dates with times."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogbib.errors import Diagnostics, InputError
from blogbib.formats import ReadOptions, detect, get
from blogbib.model import Date, Name

from ..conftest import FIXTURES, shared_path

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"


def read_feed(path: Path, diag: Diagnostics | None = None, **options):
    diag = diag if diag is not None else Diagnostics()
    return get("feed").read(path.read_text(encoding="utf-8"), source=path.name, diag=diag,
                            options=ReadOptions(**options)), diag


@pytest.fixture(scope="module")
def feed_2017() -> Path:
    return shared_path(FIXTURES / "offconvex-feed-2017.xml")


def test_real_feed_ten_items_with_local_dates_and_times(feed_2017):
    refs, diag = read_feed(feed_2017)
    assert len(refs) == 10 and diag.problems == []
    # pubDate "Thu, 06 Jul 2017 23:00:00 -0700": the blog's readers saw July 6 (UTC says July 7).
    assert refs[1].issued == Date(2017, 7, 6, "23:00:00-07:00")
    assert refs[5].issued == Date(2016, 12, 20, "09:00:00-08:00")  # winter time
    assert {r.container_title for r in refs} == {"Off the convex path"}
    assert all(r.author == () for r in refs)  # the real feed names no authors
    assert refs[0].url == "http://offconvex.github.io/2017/07/19/saddle-efficiency/"


def test_feed_dates_equal_the_index_pages_dates(feed_2017):
    refs, _ = read_feed(feed_2017)
    page = shared_path(FIXTURES / "offconvex-index-2017.html").read_text(encoding="utf-8")
    from_page = get("html").read(page, source="index", diag=Diagnostics())
    assert [(r.issued.year, r.issued.month, r.issued.day) for r in refs] == \
           [(r.issued.year, r.issued.month, r.issued.day) for r in from_page]
    assert [r.url for r in refs] == [r.url for r in from_page]


def test_titles_with_entities_inside_xml_read_as_people_read_them(feed_2017):
    refs, _ = read_feed(feed_2017)
    assert refs[6].title == "The search for biologically plausible neural computation: The conventional approach"
    assert not any("&" in r.title for r in refs)


def test_timezone_option_converts(feed_2017):
    refs, _ = read_feed(feed_2017, timezone="UTC")
    assert refs[1].issued == Date(2017, 7, 7, "06:00:00+00:00")
    refs, _ = read_feed(feed_2017, timezone="Asia/Tokyo")
    assert refs[0].issued == Date(2017, 7, 19, "19:00:00+09:00")


def test_base_url_moves_feed_links_onto_the_blogs_address(feed_2017, oracle_items):
    refs, _ = read_feed(feed_2017, base_url="http://www.offconvex.org/")
    oracle = {item["URL"] for item in oracle_items}
    assert all(r.url in oracle for r in refs)


def test_summary_is_text_and_cut_to_an_excerpt(feed_2017):
    refs, _ = read_feed(feed_2017)
    assert all("<" not in r.abstract for r in refs)
    assert refs[0].abstract.startswith("A core, emerging problem in nonconvex optimization")
    assert refs[0].abstract.endswith("…") and len(refs[0].abstract.split()) == 50


def test_atom_several_authors_html_titles_and_updated_only():
    refs, diag = read_feed(HERE / "atom-authors.xml")
    assert refs[0].title == "Anemones & the low tide"
    assert refs[0].author == (Name(family="Kahale", given="Keanu"), Name(family="Dubois", given="Mireille"))
    assert refs[0].issued == Date(2024, 1, 31, "23:30:00-08:00")
    assert refs[0].url == "https://tidepools.example/2024/01/31/anemones/"
    assert refs[0].keyword == ("anemones",)
    assert refs[0].container_title == "Tide Pools & Rock Shores"
    assert refs[1].issued == Date(2023, 12, 5, "08:00:00+00:00")
    assert refs[1].author == (Name(literal="The Tide Pool Team"),)
    assert any("updated date" in w.message and w.line == 19 for w in diag.warnings)


def test_rss_dc_creators_and_bad_items_reported_by_line():
    refs, diag = read_feed(HERE / "rss-creators.xml")
    [ref] = refs
    assert ref.title == "Carburettor jets: a field guide"
    assert [n.display() for n in ref.author] == ["Ruth Abernathy", "Kwame Mensah"]
    assert ref.abstract == "Sizes, threads and why they clog."
    assert [(e.line, e.message.split(":")[0]) for e in diag.errors] == [(15, '"Spark plug gaps"'), (21, "feed item has no title")]
    assert diag.stats.read == 3 and diag.stats.skipped == 2
    with pytest.raises(InputError, match="rss-creators.xml:15"):
        read_feed(HERE / "rss-creators.xml", diag=Diagnostics(strict=True))


def test_entity_declarations_are_refused():
    refs, diag = read_feed(HERE / "entities.xml")
    assert refs == []
    [error] = diag.errors
    assert "entities" in error.message and error.line == 3


@pytest.mark.parametrize("text", ["<rss version='2.0'><channel><title>x</title><item><title>a",
                                  "<feed xmlns='http://www.w3.org/2005/Atom'>",
                                  "<rss>" * 2000, "http://example.org/feed.xml", "/etc/passwd"])
def test_broken_feeds_are_errors_not_tracebacks(text):
    diag = Diagnostics()
    refs = get("feed").read(text, source="f.xml", diag=diag)
    assert diag.stats.read == len(refs) + diag.stats.skipped
    if not refs:
        assert diag.problems  # reported, never silently empty


def test_detection(feed_2017):
    assert detect(feed_2017.read_text(encoding="utf-8")).name == "feed"
    assert detect((HERE / "atom-authors.xml").read_text(encoding="utf-8")).name == "feed"


def test_atom_content_without_summary_gives_its_opening_words_as_text():
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title>'
            '<link href="http://a.example/1"/><published>2020-01-01T00:00:00Z</published>'
            '<content type="html">&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</content></entry></feed>')
    [ref] = get("feed").read(atom, source="a.xml", diag=Diagnostics())
    assert ref.abstract == "Hello world"
