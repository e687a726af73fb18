"""Single post pages: every layer of evidence, ranked, and the site's own name kept out (formats/html/post.py)."""

from __future__ import annotations

from blogbib.errors import Diagnostics
from blogbib.formats import ReadOptions, get
from blogbib.model import Date


def read(page: str, **options):
    diag = Diagnostics()
    refs = get("html").read(page, source="post.html", diag=diag, options=ReadOptions(**options))
    return refs, diag


def people(ref) -> list[str]:
    return [n.display() for n in ref.author]


SITE_HEADER = '<header class="top"><a class="brand" rel="author" href="/">Field Notes</a></header>'


def test_title_date_and_byline_only_in_the_body():
    page = f"""<html><head><title>On moss · Field Notes</title></head><body>{SITE_HEADER}
      <div class="content"><div class="x"><h1 class="y">On moss</h1><span class="z">09 Dec 2022</span>
      <p>By <strong>Ada Lovelace, Alan Turing and Grace Hopper</strong></p><p>Body text.</p></div>
      <div class="related"><h2>Related Posts</h2><ul>
        <li><h3><a href="/2023/06/01/a/">Another post <small>01 Jun 2023</small></a></h3></li>
        <li><h3><a href="/2022/12/02/b/">Yet another <small>02 Dec 2022</small></a></h3></li></ul></div>
      </div></body></html>"""
    [ref], diag = read(page, base_url="https://f.example/")
    assert (ref.title, ref.issued) == ("On moss", Date(2022, 12, 9))
    assert people(ref) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert ref.container_title == "Field Notes"


def test_after_by_lower_case_names_and_nicknames_are_names_but_a_phrase_is_not():
    def byline(words: str) -> list[str]:
        page = f"""<html><body><main><h1>On moss</h1><p>{words}</p>
          <time datetime="2022-12-09">December 9, 2022</time><p>Body text.</p></main></body></html>"""
        [ref], _ = read(page, base_url="https://f.example/")
        return people(ref)

    assert byline("By <strong>tef</strong>") == ["tef"]
    assert byline("By <strong>bell hooks</strong>") == ["bell hooks"]
    assert byline("By <strong>Dmitri &ldquo;Mitya&rdquo; Chklovskii</strong>") == ["Dmitri Chklovskii"]
    assert byline("By the way, moss grows.") == []


def test_a_meta_line_with_the_date_and_the_authors_in_parentheses():
    page = """<html><body><div class="post"><h1>Saddles again</h1>
      <p class="m">Mar 24, 2016 (Benjamin Recht).</p><p>Text.</p></div></body></html>"""
    [ref], _ = read(page)
    assert ref.issued == Date(2016, 3, 24) and people(ref) == ["Benjamin Recht"]


def test_author_links_separated_only_by_markup_are_several_people():
    page = """<html><head><meta property="article:published_time" content="2022-12-09T00:00:00Z"></head><body>
      <article><h1>RLHF</h1><div class="who">
        <a href="/authors/nl/">Nathan Lambert</a><span class="sep">•</span><a href="/authors/lc/">Louis Castricato</a>
      </div><div class="tags"><a href="/t/x">Leandro von Werra</a> <a href="/t/y">Alex Havrilla</a></div>
      <p class="author">Nathan Lambert</p></article></body></html>"""
    [ref], _ = read(page)
    assert people(ref) == ["Nathan Lambert"]  # only the element marked as the author's
    page = page.replace('class="who"', 'class="post-authors"')
    [ref], _ = read(page)
    assert people(ref) == ["Nathan Lambert", "Louis Castricato"]


def test_json_ld_author_extended_by_the_visible_byline_and_the_shown_day_over_a_utc_instant():
    page = """<html><head><link rel="canonical" href="https://g.example/rlhf/">
      <meta property="og:site_name" content="Field Notes">
      <meta property="article:published_time" content="2022-12-08T23:00:00.000Z">
      <script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article",
        "headline": "RLHF", "url": "https://g.example/rlhf/", "datePublished": "2022-12-08T23:00:00.000Z",
        "author": {"@type": "Person", "name": "Nathan Lambert"},
        "publisher": {"@type": "Organization", "name": "Field Notes"}}</script></head><body>
      <main><article><h1>RLHF</h1><h4 class="post-author-name"><a href="/author/a/">Nathan Lambert</a>,
        <a href="/author/b/">Louis Castricato</a></h4><time datetime="2022-12-09">09 Dec 2022</time>
        <p>Text.</p></article></main>
      <section class="more"><div class="feed">
        <article><a href="/other/"><h3>Other post</h3><time datetime="2023-06-01">01 Jun 2023</time></a></article>
        <article><a href="/third/"><h3>Third post</h3><time datetime="2022-10-24">24 Oct 2022</time></a></article>
      </div></section></body></html>"""
    refs, diag = read(page)
    assert len(refs) == 1  # the cards after the post are other posts, not this one
    [ref] = refs
    assert people(ref) == ["Nathan Lambert", "Louis Castricato"]
    assert ref.issued == Date(2022, 12, 9)
    assert ref.url == "https://g.example/rlhf/"
    assert "extends JSON-LD author" in ref.extra_dict["evidence"]


def test_the_site_owner_in_article_author_and_the_footer_is_a_last_resort_with_a_warning():
    page = """<html><head><meta property="og:type" content="article">
      <meta property="og:title" content="A post"><meta property="og:url" content="https://h.example/a/index.html">
      <meta property="article:published_time" content="2022-12-08T16:00:00.000Z">
      <meta property="article:modified_time" content="2026-01-01T00:00:00.000Z">
      <meta property="article:author" content="Pat Owner"></head><body>
      <article><h1>A post</h1><time datetime="2022-12-08T16:00:00.000Z">2022-12-09</time><p>Text.</p></article>
      <footer>&copy; 2026 Pat Owner<br>Powered by something</footer></body></html>"""
    [ref], diag = read(page)
    assert ref.url == "https://h.example/a/"  # index.html is the folder
    assert ref.issued == Date(2022, 12, 9)  # the day shown, not the UTC instant, never the modified one
    assert people(ref) == ["Pat Owner"]
    assert any("the site's own" in w.message for w in diag.warnings)
    byline = page.replace("<p>Text.</p>", '<p class="byline">by Ada Lovelace</p>')
    [ref], diag = read(byline)
    assert people(ref) == ["Ada Lovelace"] and diag.warnings == []


def test_the_site_title_link_is_not_the_author():
    page = f"""<html><head><meta property="og:site_name" content="Field Notes"></head><body>{SITE_HEADER}
      <main><article class="h-entry"><h1 class="p-name">Notes</h1>
      <time class="dt-published" datetime="2020-01-02T10:00:00+01:00">Jan 2, 2020</time></article></main>
      <footer class="site-footer h-card"><span class="p-name">Pat Owner</span></footer></body></html>"""
    [ref], diag = read(page)
    assert ref.author == () and ref.issued == Date(2020, 1, 2, "10:00:00+01:00")


def test_a_heading_without_a_date_is_no_post():
    refs, diag = read("<html><body><main><h1>Contact</h1><p>Write to me.</p></main></body></html>")
    assert refs == [] and "without dates or posts" in diag.errors[0].message


def test_a_saved_page_naming_no_address_gets_it_from_its_path_in_the_shape_of_the_sites_links():
    page = """<html><body><div class="post"><h1>On moss</h1><span>27 Nov 2020</span><p>Body.</p></div>
      <div class="related"><ul><li><a href="/2023/06/01/rust/">Rust <small>01 Jun 2023</small></a></li>
      <li><a href="/2022/12/09/rlhf/">RLHF <small>09 Dec 2022</small></a></li></ul></div></body></html>"""
    def url(source: str, **options) -> str | None:
        diag = Diagnostics()
        [ref] = get("html").read(page, source=source, diag=diag, options=ReadOptions(**options))
        return ref.url

    assert url("/home/me/site/2020/11/27/moss/index.html", base_url="https://f.example/") == \
        "https://f.example/2020/11/27/moss/"
    # a name of the user's choosing, or no --base-url: no address is made up
    assert url("/home/me/Downloads/On moss.html", base_url="https://f.example/") is None
    assert url("/home/me/site/2020/11/27/moss/index.html") is None


def test_the_name_written_beside_an_avatar_over_its_shorter_alt_text():
    page = """<html><body><main><h1>On moss</h1><time datetime="2022-12-09">December 9, 2022</time>
      <div class="profile"><span class="post-author"><img src="/a.png" alt="Dmitri "Mitya" Chklovskii"></span>
      <span class="about"><strong>Dmitri "Mitya" Chklovskii</strong><br>Author</span></div>
      <p>Body text.</p></main></body></html>"""
    [ref], _ = read(page, base_url="https://f.example/")
    assert people(ref) == ["Dmitri Chklovskii"]
    whole = page.replace('alt="Dmitri "Mitya" Chklovskii"', 'alt="Dmitri Chklovskii"').replace(
        '"Mitya" ', "")
    [ref], _ = read(whole, base_url="https://f.example/")
    assert people(ref) == ["Dmitri Chklovskii"]  # the block's "Author" label is no part of the name


TWO_WORD = "Pablo Galindo Salgado"


def _split(ref) -> list[tuple[str | None, str | None]]:
    return [(n.given, " ".join(p for p in (n.non_dropping_particle, n.family) if p)) for n in ref.author]


def _post(head: str = "", body: str = "") -> str:
    return f"""<html><head><title>A post</title>{head}</head><body><article>{body or '<h1>A post</h1>'}
      <time datetime="2022-10-24">24 Oct 2022</time><p>By {TWO_WORD} and Ian Lance Taylor</p></article></body></html>"""


def test_a_page_that_separates_given_and_family_names_is_followed_over_splitting_the_display_name():
    pages = {
        "JSON-LD": _post("""<script type="application/ld+json">{"@type": "BlogPosting", "headline": "A post",
            "author": [{"@type": "Person", "name": "Pablo Galindo Salgado", "givenName": "Pablo",
                        "familyName": "Galindo Salgado"}, {"@type": "Person", "name": "Ian Lance Taylor"}]}</script>"""),
        # the family name alone: the given name is what the displayed name has before it
        "microdata": _post(body="""<div itemscope itemtype="https://schema.org/BlogPosting"><h1 itemprop="headline">
            A post</h1><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">
            Pablo Galindo Salgado</span><meta itemprop="familyName" content="Galindo Salgado"></span>
            <span itemprop="author">Ian Lance Taylor</span></div>"""),
        "h-card": _post(body="""<div class="h-entry"><h1 class="p-name">A post</h1><span class="p-author h-card">
            <span class="p-given-name">Pablo</span> <span class="p-family-name">Galindo Salgado</span></span>
            <span class="p-author">Ian Lance Taylor</span></div>"""),
        "vCard": _post(body="""<div class="hentry"><h1 class="entry-title">A post</h1><address class="author vcard">
            <span class="fn"><span class="given-name">Pablo</span> <span class="family-name">Galindo Salgado</span>
            </span></address><address class="author vcard"><span class="fn">Ian Lance Taylor</span></address></div>"""),
        # a better-ranked source that shows the name whole: the split still comes from the page's markup
        "citation_author + JSON-LD": _post("""<meta name="citation_title" content="A post">
            <meta name="citation_author" content="Pablo Galindo Salgado">
            <meta name="citation_author" content="Ian Lance Taylor">
            <script type="application/ld+json">{"@type": "BlogPosting", "headline": "A post", "author":
              {"@type": "Person", "name": "Pablo Galindo Salgado", "familyName": "Galindo Salgado"}}</script>"""),
        "citation_author Family, Given": _post("""<meta name="citation_title" content="A post">
            <meta name="citation_author" content="Galindo Salgado, Pablo">
            <meta name="citation_author" content="Taylor, Ian Lance">"""),
    }
    for kind, page in pages.items():
        [ref], _ = read(page)
        assert _split(ref) == [("Pablo", "Galindo Salgado"), ("Ian Lance", "Taylor")], kind
    # without such markup the display name is split as names.py splits it (a middle name, as Ian Lance's)
    [ref], _ = read(_post())
    assert _split(ref) == [("Pablo Galindo", "Salgado"), ("Ian Lance", "Taylor")]


def test_a_given_and_family_split_keeps_particles_and_leaves_organisations_alone():
    page = _post("""<script type="application/ld+json">{"@type": "BlogPosting", "headline": "A post", "author": [
        {"@type": "Person", "name": "Guido van Rossum", "givenName": "Guido", "familyName": "van Rossum"},
        {"@type": "Organization", "name": "Team PyTorch", "familyName": "PyTorch"}]}</script>""")
    [ref], _ = read(page)
    assert (ref.author[0].given, ref.author[0].non_dropping_particle, ref.author[0].family) == \
        ("Guido", "van", "Rossum")
    assert ref.author[1].literal == "Team PyTorch"
