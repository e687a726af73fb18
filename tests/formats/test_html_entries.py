"""Index pages: the repeated entries, whatever the theme calls them (formats/html/entries.py).

Each page below is one kind of markup seen on real blogs, written small and with made-up class
names: the reader must not depend on any theme's names.
"""

from __future__ import annotations

from blogbib.errors import Diagnostics
from blogbib.formats import ReadOptions, get
from blogbib.model import Date, Name


def read(page: str, **options):
    diag = Diagnostics()
    refs = get("html").read(page, source="index.html", diag=diag, options=ReadOptions(**options))
    return refs, diag


def people(ref) -> list[str]:
    return [n.display() for n in ref.author]


def test_cards_with_an_empty_overlay_link_a_date_in_a_title_attribute_and_a_footer_byline():
    cards = "".join(f"""
      <div class="qq-card"><header><h2>Post number {i}: a title</h2></header>
        <section><p>Summary of post {i}.</p></section>
        <footer><span title="2022-12-0{i} 00:00:00 +0900 JST">December {i}, 2022</span>&nbsp;·&nbsp;Ada Lovelace, Alan Turing</footer>
        <a class="zz" aria-label="go to Post number {i}: a title" href="/2022/12/p{i}/"></a></div>""" for i in (1, 2, 3))
    refs, diag = read(f"<html><body><main>{cards}</main></body></html>", base_url="https://cards.example/")
    assert [r.title for r in refs] == [f"Post number {i}: a title" for i in (1, 2, 3)]
    assert [r.url for r in refs] == [f"https://cards.example/2022/12/p{i}/" for i in (1, 2, 3)]
    assert refs[0].issued == Date(2022, 12, 1, "00:00:00+09:00")
    assert people(refs[0]) == ["Ada Lovelace", "Alan Turing"]
    assert refs[0].abstract == "Summary of post 1."
    assert diag.problems == []


def test_overlay_links_without_a_heading_are_titled_by_their_labels_less_the_common_start():
    items = "".join(f'<li><a href="/p{i}/" aria-label="Read the post: Title {i}"></a><i>May {i}, 2021</i></li>'
                    for i in (1, 2))
    refs, _ = read(f"<html><body><ul>{items}</ul></body></html>", base_url="https://x.example/")
    assert [r.title for r in refs] == ["Title 1", "Title 2"]


def test_a_plain_list_of_links_with_text_dates_and_a_navigation_menu():
    page = """<html><body><nav><ul><li><a href="/about/">About</a></li><li><a href="/tags/">Tags</a></li></ul></nav>
      <section><ul>
        <li><span>June 1, 2023</span> <a href="/2023/06/rust/">Announcing Rust 1.70.0</a></li>
        <li><span>December 9, 2022</span> <a href="/2022/12/rlhf/">Illustrating RLHF</a></li>
      </ul></section>
      <aside><h3>Recent</h3><ul><li><a href="/2023/06/rust/">Announcing Rust 1.70.0</a></li></ul></aside>
      </body></html>"""
    refs, diag = read(page, base_url="https://l.example/")
    assert [(r.title, r.issued) for r in refs] == [("Announcing Rust 1.70.0", Date(2023, 6, 1)),
                                                   ("Illustrating RLHF", Date(2022, 12, 9))]
    assert not any("About" in p.message for p in diag.problems)


def test_cards_that_are_links_around_a_heading_with_a_by_line():
    cards = "".join(f"""<article><a href="/{slug}/"><h3>{title}</h3><p>Excerpt.</p>
        <footer><span class="kk-author">By {by}</span> <time datetime="2023-06-0{i}">0{i} Jun 2023</time></footer>
        </a></article>""" for i, (slug, title, by) in enumerate(
        [("one", "One", "Grace Hopper, Katherine Johnson"), ("two", "Two", "The Go Team")], start=1))
    refs, _ = read(f"<html><body><div>{cards}</div></body></html>", base_url="https://g.example/")
    assert [r.url for r in refs] == ["https://g.example/one/", "https://g.example/two/"]
    assert people(refs[0]) == ["Grace Hopper", "Katherine Johnson"]
    assert refs[1].author == (Name(literal="The Go Team"),)


def test_table_rows():
    rows = "".join(f'<tr><td>2021-0{i}-15</td><td><a href="/p/{i}.html">Row post {i}</a></td></tr>' for i in (1, 2, 3))
    refs, _ = read(f"<html><body><table><tbody>{rows}</tbody></table></body></html>",
                   base_url="https://t.example/")
    assert [(r.title, r.issued.iso()) for r in refs] == [(f"Row post {i}", f"2021-0{i}-15") for i in (1, 2, 3)]


def test_microformats_1_with_several_authors_and_a_featured_post_set_apart():
    def entry(slug: str, title: str, names: list[str], day: int, cls: str = ' class="hentry"') -> str:
        fns = "\n".join(f'<a class="url fn" href="/author/{n.lower().replace(" ", "-")}.html">{n}</a>' for n in names)
        return f"""<article{cls}><header><h1 class="entry-title"><a href="/{slug}/" rel="bookmark">{title}</a></h1>
          </header><footer class="post-info"><abbr class="published" title="2022-12-{day:02d}T00:00:00-06:00">
          Fri {day:02d} December 2022</abbr><address class="vcard author">By {fns}</address></footer>
          <p>Text.</p><a class="readmore" href="/{slug}/">read more</a></article>"""

    page = f"""<html><body><header><h1><a href="/">The Blog</a></h1></header>
      <aside id="featured">{entry("newest", "The newest post", ["Ada Lovelace"], 12, "")}</aside>
      <section><ol class="hfeed">
        <li>{entry("rlhf", "RLHF", ["Nathan Lambert", "Louis Castricato", "Leandro von Werra"], 9)}</li>
        <li>{entry("older", "An older post", ["Alan Turing"], 2)}</li>
      </ol></section></body></html>"""
    refs, _ = read(page, base_url="https://p.example/")
    assert [r.title for r in refs] == ["The newest post", "RLHF", "An older post"]
    assert people(refs[1]) == ["Nathan Lambert", "Louis Castricato", "Leandro von Werra"]
    assert refs[1].issued == Date(2022, 12, 9, "00:00:00-06:00")
    assert refs[0].container_title == "The Blog"  # the site's title link


def test_the_last_page_of_a_listing_with_one_post_is_still_an_index():
    page = """<html><head><title>Posts (Page 7)</title></head><body>
      <main><h1>Latest</h1>
        <article><h2><a href="/only/">The only post here</a></h2><time datetime="2009-04-22">22 Apr 2009</time></article>
      </main><nav><a href="/page/6/">Newer posts</a></nav></body></html>"""
    [ref], _ = read(page, base_url="https://o.example/")
    assert (ref.title, ref.url) == ("The only post here", "https://o.example/only/")
    assert ref.container_title == "Posts"


def test_a_post_is_listed_once_and_pagination_links_are_no_posts():
    page = """<html><body><main>
      <div><h2><a href="/a/">Post A</a></h2><p>Jan 2, 2020</p><a href="/a/">Continue reading</a></div>
      <div><h2><a href="/b/">Post B</a></h2><p>Jan 1, 2020</p></div>
      <div><h2><a href="/a/">Post A</a></h2><p>Jan 2, 2020</p></div>
      </main><div class="pages"><a href="/page/2/">2</a><a href="/page/3/">3</a><a href="/page/2/">Next</a></div>
      </body></html>"""
    refs, _ = read(page, base_url="https://d.example/")
    assert [r.title for r in refs] == ["Post A", "Post B"]


def test_each_reference_says_where_its_fields_came_from():
    page = """<html><body><main>
      <article class="h-entry"><h2 class="p-name"><a class="u-url" href="/a/">A</a></h2>
        <time class="dt-published" datetime="2020-01-02">Jan 2</time></article>
      <article class="h-entry"><h2 class="p-name"><a class="u-url" href="/b/">B</a></h2>
        <time class="dt-published" datetime="2020-01-01">Jan 1</time></article></main></body></html>"""
    refs, _ = read(page, base_url="https://e.example/")
    assert refs[0].extra_dict["evidence"] == ("title: microformats p-name; issued: microformats dt-published; "
                                              "url: microformats u-url")


def test_a_page_with_no_posts_says_what_was_looked_for_and_what_it_looks_like():
    refs, diag = read("<html><body><h1>About me</h1><p>I write things.</p></body></html>")
    assert refs == []
    [error] = diag.errors
    assert error.line == 1
    assert "looked for repeated entries with links" in error.message
    assert 'a single page titled "About me" without dates or posts' in error.message


def test_the_excerpt_is_the_entrys_own_paragraph_not_the_rest_of_its_meta_line():
    items = "".join(f"""<article><h2><a href="/p{i}/">Post {i} title</a></h2>
      <p><span><time datetime="2019-04-1{i}">April 1{i}, 2019</time></span> <span>2 minute read</span></p>
      <p>What post {i} is about.</p></article>""" for i in (1, 2, 3))
    refs, _ = read(f"<html><body><main>{items}</main></body></html>", base_url="https://m.example/")
    assert [r.abstract for r in refs] == [f"What post {i} is about." for i in (1, 2, 3)]


def test_a_saved_page_with_no_address_names_its_blog_by_the_link_to_its_sites_root():
    items = "".join(f"""<article><h2><a href="https://clay.example/p{i}/">Post {i} title</a></h2>
      <time datetime="2022-03-0{i}">March {i}, 2022</time></article>""" for i in (1, 2, 3))
    page = f"""<html><head><title>Clay &#8211; Just another pottery blog</title></head><body>
      <header><p><a href="https://clay.example/">Clay</a></p></header><main>{items}</main></body></html>"""
    refs, _ = read(page)
    assert {r.container_title for r in refs} == {"Clay"}


def test_an_entry_in_the_lists_shape_that_links_to_another_host_is_a_post_and_a_blogroll_is_not():
    # A cross-post (or a post on another host of the blog) sits in the list like the others;
    # a list of links to other sites, undated and unheaded, is not a list of posts.
    def post(i, href):
        return f'<article><h2><a href="{href}">Post {i} title</a></h2><time datetime="2024-03-0{i}">Mar {i}</time></article>'
    page = f"""<html><body><main>{post(1, "/2024/03/one/")}{post(2, "https://medium.example/@me/two-8f3a")}
      {post(3, "/2024/03/three/")}</main>
      <aside><ul><li><a href="https://friend.example/">A friend's blog</a></li>
        <li><a href="https://other.example/2020/01/essay/">An essay I liked</a></li></ul></aside></body></html>"""
    refs, _ = read(page, base_url="https://me.example/")
    assert [(r.title, r.url) for r in refs] == [("Post 1 title", "https://me.example/2024/03/one/"),
                                                ("Post 2 title", "https://medium.example/@me/two-8f3a"),
                                                ("Post 3 title", "https://me.example/2024/03/three/")]
