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


SITES = Path(__file__).resolve().parents[1] / "data" / "sites"


def test_author_strings_are_cleaned_one_name_each():
    """A Ruby array printed as the name (jekyll-feed with ``author: [A, B]``), markup escaped in the
    feed, decorations: each author once, as a person or (by evidence) an organisation."""
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            '<entry><title>A</title><link href="http://a.example/1"/><published>2020-01-01T00:00:00Z</published>'
            '<author><name>["Nathan Lambert", "Leandro von Werra", "Team PyTorch"]</name></author></entry>'
            '<entry><title>B</title><link href="http://a.example/2"/><published>2020-01-02T00:00:00Z</published>'
            '<author><name>&lt;a href="/go/"&gt;Russ Cox&lt;/a&gt;, on behalf of the Go team</name></author>'
            '<author><name>tef</name></author><author><name>Russ Cox</name></author></entry></feed>')
    diag = Diagnostics()
    first, second = get("feed").read(atom, source="a.xml", diag=diag)
    assert first.author == (Name(family="Lambert", given="Nathan"),
                            Name(family="Werra", given="Leandro", non_dropping_particle="von"),
                            Name(literal="Team PyTorch"))
    assert second.author == (Name(family="Cox", given="Russ"), Name(family="tef"))
    assert [w.message for w in diag.warnings] == ['"Team PyTorch" read as an organisation (literal author)']


def test_a_ruby_array_printed_by_a_real_jekyll_feed():
    refs, _ = read_feed(SITES / "jekyll-minima3" / "site" / "feed.xml")
    rlhf = next(r for r in refs if r.url.endswith("/rlhf/"))
    assert [n.display() for n in rlhf.author] == ["Nathan Lambert", "Louis Castricato", "Leandro von Werra",
                                                  "Alex Havrilla"]
    assert all(r.author for r in refs)


def test_the_channels_author_is_the_sites_not_each_posts():
    """Hexo's Atom feed names only the site's owner, at the feed's level: kept apart, with a warning."""
    refs, diag = read_feed(SITES / "hexo-landscape" / "site" / "atom.xml")
    assert all(r.author == () for r in refs)
    assert all(r.extra_dict["site-author"] == "Moritz Hardt" for r in refs)
    [warning] = [w for w in diag.warnings if "site-author" in w.message]
    assert "20 of 20 items name no author" in warning.message and warning.line == 19


def test_items_with_their_own_authors_carry_no_site_author():
    refs, diag = read_feed(SITES / "mkdocs-material" / "site" / "feed_rss_created.xml")  # managingEditor: the owner
    assert all(r.author and "site-author" not in r.extra_dict for r in refs)
    assert not any("site-author" in w.message for w in diag.warnings)


def test_json_feed_reads_as_its_rss_twin():
    """mkdocs-rss-plugin writes the same posts as RSS and as JSON Feed 1.1: the same references."""
    folder = SITES / "mkdocs-material" / "site"
    rss, rss_diag = read_feed(folder / "feed_rss_created.xml")
    json_feed, diag = read_feed(folder / "feed_json_created.json")
    assert diag.errors == [] and [w.message for w in diag.warnings] == [w.message for w in rss_diag.warnings]
    assert len(json_feed) == len(rss) == 20
    for a, b in zip(json_feed, rss):
        assert (a.title, a.url, a.author, a.container_title) == (b.title, b.url, b.author, b.container_title)
        assert (a.issued.year, a.issued.month, a.issued.day) == (b.issued.year, b.issued.month, b.issued.day)
    assert {r.origin.line for r in json_feed} == {1}  # the plugin writes the whole feed on one line


def test_json_feed_fields_and_versions():
    text = ('{"version": "https://jsonfeed.org/version/1", "title": "Blog", "home_page_url": "https://b.example/",\n'
            ' "author": {"name": "Site Owner"},\n'
            ' "items": [\n'
            '  {"id": "1", "url": "/posts/one/", "title": "One", "date_published": "2021-03-23T00:30:00+08:00",\n'
            '   "author": {"name": "苏剑林"}, "content_html": "<p>Hello <b>world</b></p>", "tags": ["a", 3]},\n'
            '  {"id": "https://b.example/two/", "title": "Two", "date_published": "2021-03-24T10:00:00Z",\n'
            '   "content_text": "Plain"},\n'
            '  {"id": "3", "content_text": "no title", "date_published": "2021-03-25"}\n'
            ' ]}')
    diag = Diagnostics()
    one, two = get("feed").read(text, source="feed.json", diag=diag)
    assert (one.title, one.url, one.container_title) == ("One", "https://b.example/posts/one/", "Blog")
    assert one.issued == Date(2021, 3, 23, "00:30:00+08:00") and one.author == (Name(family="苏剑林"),)
    assert (one.abstract, one.keyword) == ("Hello world", ("a",))
    assert (two.url, two.abstract, two.author) == ("https://b.example/two/", "Plain", ())
    assert two.extra_dict["site-author"] == "Site Owner"
    assert [(e.line, e.message) for e in diag.errors] == [(8, "feed item has no title")]
    assert diag.stats.read == 3


@pytest.mark.parametrize("text", ['{"version": "https://jsonfeed.org/version/1.1", "items": 3}', '{"items": []}',
                                  '{"version": "https://jsonfeed.org/version/1.1", "items": [', "{"])
def test_broken_json_feeds_are_errors_not_tracebacks(text):
    diag = Diagnostics()
    assert get("feed").read(text, source="f.json", diag=diag) == []
    assert diag.errors
