"""HTML index and post pages: the blog's own markup, JSON-LD, h-entry, <article>, meta tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogbib.errors import Diagnostics, InputError
from blogbib.formats import ReadOptions, detect, get
from blogbib.model import Date, Name

from ..conftest import BLOG, FIXTURES, shared_path

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "html"


def read_html(path: Path, diag: Diagnostics | None = None, **options):
    diag = diag if diag is not None else Diagnostics()
    return get("html").read(path.read_text(encoding="utf-8"), source=path.name, diag=diag,
                            options=ReadOptions(**options)), diag


@pytest.fixture(scope="module")
def index_page() -> Path:
    return shared_path(FIXTURES / "offconvex-index.html")


@pytest.fixture(scope="module")
def index_2017() -> Path:
    return shared_path(FIXTURES / "offconvex-index-2017.html")


def test_index_page_gives_the_listing_posts(index_page, offconvex):
    refs, diag = read_html(index_page, blog_title=BLOG)
    assert len(refs) == len(offconvex) == 51
    for from_html, from_listing in zip(refs, offconvex):
        assert from_html.title == from_listing.title
        assert from_html.issued == from_listing.issued
        assert from_html.author == from_listing.author
        assert from_html.more_authors == from_listing.more_authors
        assert from_html.abstract == from_listing.abstract
        assert from_html.container_title == BLOG
    assert diag.errors == [] and diag.stats.read == 51 and diag.stats.skipped == 0


def test_index_links_resolve_against_the_canonical_link_by_default(index_page):
    refs, _ = read_html(index_page)
    assert refs[0].url == "http://offconvex.github.io/2022/07/15/imp-reg-htf-cnn/"
    assert all(r.url.startswith("http://offconvex.github.io/20") for r in refs)
    assert refs[0].origin.line is not None and refs[0].origin.line > 50  # the post's own line in the page


def test_base_url_gives_the_blogs_own_addresses(index_page, oracle_items):
    refs, _ = read_html(index_page, base_url="http://www.offconvex.org/")
    assert [r.url for r in refs] == [item["URL"] for item in oracle_items]


def test_blog_name_from_og_site_name(index_page):
    refs, _ = read_html(index_page)
    assert {r.container_title for r in refs} == {"Off the convex path"}


def test_older_template_without_bylines(index_2017):
    refs, diag = read_html(index_2017)
    assert len(refs) == 10 and diag.errors == []
    assert all(r.author == () for r in refs)
    assert refs[0].title == "How to Escape Saddle Points Efficiently"
    assert refs[0].issued == Date(2017, 7, 19)
    assert refs[-1].issued == Date(2016, 5, 8)
    assert refs[6].title == "The search for biologically plausible neural computation: The conventional approach"
    assert not refs[0].abstract.endswith("Continue")


def test_2017_dates_agree_with_the_listing(index_2017, offconvex):
    refs, _ = read_html(index_2017)
    by_title = {r.title: r.issued for r in offconvex}
    assert [by_title[r.title] for r in refs] == [r.issued for r in refs]


def test_json_ld_graph_item_list_and_plain_list():
    refs, diag = read_html(HERE / "jsonld-index.html")
    assert [r.title for r in refs] == ['Tomatoes under "cold" glass',
                                       "The Glasshouse Collective's yearly seed swap", "Watering by weight"]
    first = refs[0]
    assert first.author == (Name(family="Berg", given="Marta", non_dropping_particle="van der"),
                            Name(family="Kranjc", given="Ivo"))
    assert first.issued == Date(2023, 3, 1, "07:30:00-08:00")
    assert first.url == "https://glasshouse.example/2023/03/01/cold-glass/"  # relative, resolved via canonical
    assert first.keyword == ("tomatoes", "winter") and first.language == "en"
    assert refs[1].author == (Name(literal="The Glasshouse Collective"),)  # an Organization
    assert refs[1].url == "https://glasshouse.example/2022/11/20/seed-swap/"  # mainEntityOfPage
    assert {r.container_title for r in refs} == {"Notes from the Glasshouse"}
    assert diag.errors == []


def test_h_entries_with_base_href_and_a_bad_date_reported_by_line():
    refs, diag = read_html(HERE / "hentry-index.html")
    assert [r.title for r in refs] == ["Crustose lichens on city walls", "Reindeer moss is not a moss"]
    assert refs[0].url == "https://lichen.example/blog/2021/10/crustose/"
    assert refs[0].issued == Date(2021, 10, 9, "16:00:00+01:00")
    assert refs[0].keyword == ("urban",)
    assert [n.display() for n in refs[1].author] == ["Ana Ferreira", "Tomás Ó Briain"]
    assert refs[1].abstract == "Cladonia rangiferina, and why the name stuck."
    [error] = diag.errors
    assert error.source == "hentry-index.html" and error.line == 24 and "February 2021 has no day 30" in error.message
    assert diag.stats.read == 3 and diag.stats.skipped == 1


def test_articles_with_time_and_a_warning_for_relative_links():
    refs, diag = read_html(HERE / "article-index.html")
    assert [(r.title, r.issued) for r in refs] == [
        ("The iron bridge at Coalbrookdale", Date(2020, 5, 4)),
        ("Suspension bridges, a short history", Date(2019, 12, 30, "10:00:00+00:00")),
    ]
    assert refs[0].author == (Name(family="Okafor", given="Grace"),)
    assert refs[1].author == ()  # the site-wide <meta name="author"> is never a post's author on an index
    assert refs[0].abstract == "Cast iron, 1779, and still standing."
    assert any("--base-url" in w.message for w in diag.warnings)
    refs, _ = read_html(HERE / "article-index.html", base_url="https://bridges.example/")
    assert refs[0].url == "https://bridges.example/posts/iron-bridge/"


def test_post_page_citation_meta_wins_over_dublin_core_and_the_site_owner():
    [ref], diag = read_html(HERE / "post-meta.html")
    assert ref.title == "Counting moths by lamplight"
    assert ref.author == (Name(family="Lindqvist", given="Sofia"),
                          Name(family="Fontaine", given="Jean-Luc", non_dropping_particle="de la"))
    assert ref.issued == Date(2019, 8, 17, "21:45:00+02:00")  # citation date, time from article:published_time
    assert ref.url == "https://nightgarden.example/2019/08/17/moths/"
    assert ref.container_title == "The Night Garden"
    assert ref.keyword == ("moths", "night") and ref.language == "en"
    assert diag.problems == []


def test_post_page_byline_beats_site_wide_meta_author():
    [ref], diag = read_html(HERE / "post-og-byline.html")
    assert [n.display() for n in ref.author] == ["Noor Haddad", "Eli Brandt"]
    assert ref.issued == Date(2018, 4, 2, "09:00:00-07:00")
    assert ref.container_title == "Riverbank Essays"
    assert not any("Siteowner" in p.message for p in diag.problems)


def test_site_owner_used_only_as_last_resort_with_a_warning():
    [ref], diag = read_html(HERE / "post-owner-only.html")
    assert ref.author == (Name(family="Siteowner", given="Pat"),)
    assert any('<meta name="author">' in w.message for w in diag.warnings)


def test_malformed_json_ld_entries_are_reported_and_skipped():
    refs, diag = read_html(HERE / "bad-jsonld.html")
    assert [r.title for r in refs] == ["Fine post"]
    assert diag.stats.read == 3 and diag.stats.skipped == 2
    assert all(p.line is not None for p in diag.problems)
    assert any("not valid JSON" in w.message for w in diag.warnings)
    with pytest.raises(InputError, match=r"bad-jsonld.html:\d+: .*Impossible date"):
        read_html(HERE / "bad-jsonld.html", diag=Diagnostics(strict=True))


@pytest.mark.parametrize("text", ["", "   ", "<html><body><p>nothing here</p></body></html>", "\x00\x01<<<>>>",
                                  "<?xml version='1.0' encoding='latin-1'?><html><body></body></html>",
                                  "<div>" * 5000 + "deep"])
def test_pages_without_posts_are_one_clear_error(text):
    diag = Diagnostics()
    assert get("html").read(text, source="page.html", diag=diag) == []
    [error] = diag.errors
    assert error.source == "page.html" and error.line == 1


def test_detection_by_content(index_page):
    assert detect(index_page.read_text(encoding="utf-8")).name == "html"
    assert detect((HERE / "hentry-index.html").read_text(encoding="utf-8"), "x.txt").name == "html"


def test_entity_bombs_and_external_entities_are_not_expanded():
    levels = "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdef", "bcdefg"))
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">{levels}'
            '<!ENTITY x SYSTEM "file:///etc/passwd">]><html><head><meta name="citation_title" content="&g;">'
            '<meta name="citation_author" content="&x;"></head><body></body></html>')
    diag = Diagnostics()
    [ref] = get("html").read(page, source="bomb.html", diag=diag)
    assert len(ref.title) < 10 and "root:" not in str(ref.author)


def test_an_open_graph_article_without_a_date_is_a_post_page():
    page = ('<html><head><meta property="og:type" content="article"><meta property="og:title" content="Loose notes">'
            '<meta property="og:url" content="https://notes.example/loose/"></head><body><p>x</p></body></html>')
    diag = Diagnostics()
    [ref] = get("html").read(page, source="p.html", diag=diag)
    assert (ref.title, ref.url, ref.issued) == ("Loose notes", "https://notes.example/loose/", None)
    assert any("has no date" in w.message for w in diag.warnings)


def test_wordpress_style_entry_title_and_entry_meta():
    refs, diag = read_html(HERE / "entry-title-index.html")
    assert [r.title for r in refs] == ["Ash glaze, the slow way", "Pyrometric cones & why they bend"]
    assert refs[0].author == (Name(family="Rasmussen", given="Hilde"),) and refs[1].author == ()
    assert refs[0].issued == Date(2019, 11, 2, "18:20:00+00:00")
    # the "Continue reading …" link goes, a link inside the excerpt stays
    assert refs[0].abstract == "Three firings, one cord of birch, and more about glazes than I wanted to know."
    assert {r.container_title for r in refs} == {"Quiet Kilns"}  # application-name, not the <title>
    assert diag.problems == []


def test_page_links_find_older_pages_and_feeds():
    from blogbib.formats.html import page_links

    links = page_links((HERE / "entry-title-index.html").read_text(encoding="utf-8"), "https://kilns.example/")
    assert links.next == "https://kilns.example/page/2/" and links.feeds == ("https://kilns.example/feed/",)


def test_page_links_follow_a_listings_page_numbers_over_a_rel_next_out_of_it():
    from blogbib.formats.html import page_links

    def page(nav: str) -> str:
        return f"""<html><head><link rel="next" href="/blog/archive/2023/"></head><body>
          <nav class="pages"><a href="/blog/">1</a>{nav}</nav></body></html>"""

    first = page('<a href="page/2/">2</a> <a href="page/3/">3</a> <a href="page/7/">7</a>')
    assert page_links(first, "https://f.example/blog/").next == "https://f.example/blog/page/2/"
    middle = page('<a href="../2/">2</a> <a href="../4/">4</a>')
    assert page_links(middle, "https://f.example/blog/page/3/").next == "https://f.example/blog/page/4/"
    last = page('<a href="../6/">6</a>')
    assert page_links(last, "https://f.example/blog/page/7/").next is None  # the listing ends there
    # a page with no page numbers: its rel=next (a home page leading to the blog) is followed
    home = '<html><head><link rel="next" href="/blog/"></head><body><a href="/about/">About</a></body></html>'
    assert page_links(home, "https://f.example/").next == "https://f.example/blog/"
