"""Blog index pages and single post pages (HTML).

Parser: lxml's HTML parser, used directly.  It is a real, error-tolerant HTML
parser (libxml2), it is already a dependency of the stack, it gives every
element its ``sourceline`` (so a bad entry is reported as ``page.html:123``,
which BeautifulSoup over lxml cannot do), it never fetches anything and does
not expand entities from a DTD, and XPath lets each markup convention be one
short query.  mf2py (microformats) brings BeautifulSoup along; it is only
called when the page has an ``h-entry``.

What an index page can say about its posts, tried in this order (the form that
yields the most posts wins, so a page carrying two of them is read once):

=========== ==============================================================
json-ld     ``<script type="application/ld+json">``: BlogPosting/Article,
            lists of them, ``@graph``, ``ItemList``, ``Blog.blogPost``
h-entry     microformats2 (``h-entry`` / ``h-feed``), through mf2py
markup      the common blog template: ``.post-title``/``.entry-title`` with a
            link (``a.post-link``), a ``.post-meta`` line "Jul 15, 2022
            (Authors)." read by :func:`blogbib.formats.listing.parse_meta`,
            the excerpt, a "Continue" link (dropped)
article     ``<article>`` holding a heading and a ``<time datetime>``
=========== ==============================================================

A single post page (one post at most found above, plus post-level meta) is
read from its meta tags, most specific first: ``citation_*`` (Google
Scholar), Dublin Core ``DC.*``/``DCTERMS.*``, JSON-LD, h-entry, the page's own
byline markup, OpenGraph ``og:*`` and ``article:published_time``.  A
``<meta name="author">`` is used only when nothing else names an author (and
then with a warning): many sites put the site owner there on every page.

Links are resolved against ``<base href>``, else the canonical link, else
``og:url``, else the page's own URL.  With ``--base-url`` every link into the
blog's own site (the hosts of those addresses) is moved onto that address.
The blog's name comes from ``og:site_name``, a JSON-LD ``Blog``/``WebSite``
name, ``application-name``, or (index pages only) ``<title>``.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..dates import DateError, in_timezone, parse_date
from ..errors import Diagnostics
from ..model import Date, Name, Origin, Reference
from ..names import parse_byline, parse_name
from ..text import shorten
from ..urls import is_web_url, rebase, resolve, site_of
from ..options import ReadOptions
from .sniff import html as sniff  # noqa: F401  (sniffing lives in the registry)
from .listing import parse_meta

__all__ = ["read", "sniff", "page_links", "PageLinks"]

POST_TYPES = {
    "blogposting", "article", "newsarticle", "techarticle", "scholarlyarticle",
    "socialmediaposting", "posting", "liveblogposting", "report", "reportagenewsarticle",
}
# Meta names (lower case) per model field, most trusted first, for single post pages.
POST_META: dict[str, tuple[str, ...]] = {
    "title": ("citation_title", "dc.title", "dcterms.title", "og:title", "twitter:title"),
    "author": ("citation_author", "dc.creator", "dcterms.creator"),
    "issued": ("citation_publication_date", "citation_date", "citation_online_date", "dc.date.issued",
               "dcterms.issued", "dc.date", "dcterms.date", "article:published_time"),
    "url": ("citation_public_url", "citation_abstract_html_url", "citation_fulltext_html_url",
            "dc.identifier", "dcterms.identifier", "og:url"),
    "abstract": ("citation_abstract", "dc.description", "dcterms.abstract", "dcterms.description",
                 "og:description", "description"),
    "container_title": ("citation_journal_title", "citation_conference_title", "dc.publisher",
                        "dcterms.ispartof", "og:site_name"),
    "language": ("citation_language", "dc.language", "dcterms.language"),
    "keyword": ("citation_keywords", "article:tag", "keywords"),
}
# Meta names whose presence makes a page a single post page.
POST_PAGE_MARKERS = ("citation_title", "dc.title", "dcterms.title", "article:published_time",
                     "citation_publication_date")
_TITLE_CLASSES = ("post-title", "entry-title", "article-title")
_META_CLASSES = ("post-meta", "entry-meta", "post-info", "byline", "meta")
_BYLINE_CLASSES = ("author", "byline", "p-author", "post-author", "entry-author")
# A "Continue" link's whole text (a link saying "more about GANs" inside an excerpt is kept).
_CONTINUE_WORDS = re.compile(r"\s*(?:(?:continue|keep)\s+reading\b.*|continue|read\s+more|read\s+the\s+rest|more)\W*$",
                             re.I | re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


# ----------------------------------------------------------------------------- parsing


def _parse(text: str) -> Any:
    from lxml import etree
    from lxml import html as lxml_html

    cleaned = _CONTROL.sub("", text.lstrip("\ufeff"))
    cleaned = re.sub(r"^\s*<\?xml[^>]{0,200}\?>", "", cleaned)
    if not cleaned.strip():
        raise ValueError("the page is empty")
    parser = lxml_html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True)
    try:
        return lxml_html.document_fromstring(cleaned, parser=parser)
    except (etree.LxmlError, ValueError, UnicodeError) as exc:
        raise ValueError(f"not an HTML document ({exc})") from None


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").lower().split())


def _has_class(names: tuple[str, ...]) -> str:
    """An XPath test for an element having any of these class tokens."""
    tests = [f'contains(concat(" ", normalize-space(@class), " "), " {n} ")' for n in names]
    return "(" + " or ".join(tests) + ")"


def _text(el: Any, skip: tuple[Any, ...] = ()) -> str:
    """Visible text of an element, whitespace collapsed, minus ``skip`` subtrees."""
    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(el, False)]
    while stack:
        node, tail_only = stack.pop()
        if tail_only:
            if node.tail:
                parts.append(node.tail)
            continue
        if node is not el:
            stack.append((node, True))  # its tail comes after its content
        if node in skip or not isinstance(node.tag, str) or node.tag in ("script", "style", "template"):
            continue
        if node.text:
            parts.append(node.text)
        for child in reversed(node):
            stack.append((child, False))
    return " ".join("".join(parts).split())


def _line(el: Any) -> int | None:
    line = getattr(el, "sourceline", None)
    return int(line) if line else None


@dataclass
class _Post:
    """What one strategy found about one post, before it becomes a Reference."""

    line: int | None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    authors: list[str | Name] = field(default_factory=list)
    more_authors: bool = False
    excerpt: str | None = None
    container: str | None = None
    keywords: list[str] = field(default_factory=list)
    language: str | None = None
    how: str = ""


@dataclass
class _Page:
    """The page-level facts every strategy shares."""

    doc: Any
    source: str
    options: ReadOptions
    link_base: str | None
    own_sites: set[str]
    blog_name: str | None
    meta: dict[str, list[str]]

    def url(self, href: str | None) -> str | None:
        base = self.link_base or self.options.base_url
        url = resolve(href, base)
        return rebase(url, self.options.base_url, self.own_sites)


def _meta(doc: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in doc.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value is not None and value.strip():
            found.setdefault(key, []).append(" ".join(value.split()))
    return found


def _page(doc: Any, source: str, options: ReadOptions) -> _Page:
    page_url = options.url or (source if re.match(r"https?://", source, re.I) else None)
    meta = _meta(doc)
    base_href = next((b.get("href") for b in doc.iter("base") if b.get("href")), None)
    canonical = next((ln.get("href") for ln in doc.iter("link")
                      if "canonical" in (ln.get("rel") or "").lower().split() and ln.get("href")), None)
    og_url = (meta.get("og:url") or [None])[0]
    candidates = [resolve(u, page_url) for u in (base_href, canonical, og_url)]
    link_base = next((u for u in candidates if u), None) or page_url
    if options.base_url and not link_base:
        link_base = options.base_url
    own_sites = {s for s in (site_of(u) for u in [page_url, *candidates]) if s}
    title_el = next(doc.iter("title"), None)
    names = meta.get("og:site_name") or meta.get("application-name") or []
    blog_name = names[0] if names else None
    page = _Page(doc, source, options, link_base, own_sites, blog_name, meta)
    page.meta["<title>"] = [_text(title_el)] if title_el is not None and _text(title_el) else []
    return page


# ----------------------------------------------------------------------------- strategies


def _from_markup(page: _Page) -> list[_Post]:
    """The common blog template: a title link per post and a meta line."""
    doc = page.doc
    links = doc.xpath(f"//a[{_has_class(('post-link',))}]")
    if not links:
        links = doc.xpath(f"//*[{_has_class(_TITLE_CLASSES)}]//a[@href][1]")
    posts = []
    for link in links:
        heading = link
        for anc in link.iterancestors():
            if anc.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or _classes(anc) & set(_TITLE_CLASSES):
                heading = anc
                break
        container = _container(heading)
        post = _Post(line=_line(link), title=_text(link) or None, url=page.url(link.get("href")), how="markup")
        if container is not None:
            _read_meta_line(page, post, container, skip=(heading,))
        posts.append(post)
    return posts


def _container(heading: Any) -> Any:
    for anc in heading.iterancestors():
        if anc.tag in ("article", "li", "section") or _classes(anc) & {"post", "entry", "hentry", "h-entry", "post-item"}:
            return anc
        if anc.tag in ("body", "html"):
            break
    parent = heading.getparent()
    return parent if parent is not None and parent.tag not in ("body", "html") else None


def _read_meta_line(page: _Page, post: _Post, container: Any, skip: tuple[Any, ...]) -> None:
    """Date, byline and excerpt from the text after the title (``Jul 15, 2022 (A and B). Excerpt…``)."""
    metas = container.xpath(f".//*[{_has_class(_META_CLASSES)}]")
    continue_links = tuple(a for a in container.iter("a") if _CONTINUE_WORDS.match(_text(a)) and a not in skip)
    rest = _text(container, skip=skip + continue_links)
    meta_text = _text(metas[0]) if metas else ""
    for number, candidate in enumerate((rest, meta_text)):
        try:
            date_text, byline, excerpt = parse_meta(candidate)
        except ValueError:
            continue
        post.date = date_text
        if byline:
            post.authors.append(byline)
        if number == 0:
            post.excerpt = excerpt
        else:
            excerpt_text = _text(container, skip=skip + continue_links + (metas[0],))
            post.excerpt = excerpt_text or None
        break
    else:
        times = container.xpath(".//time")
        if times:
            post.date = times[0].get("datetime") or _text(times[0])
            summary = container.xpath(".//p")
            post.excerpt = _text(summary[0], skip=continue_links) or None if summary else None
    if not post.authors:
        for el in container.xpath(f'.//*[@rel="author" or @itemprop="author" or {_has_class(_BYLINE_CLASSES)}]'):
            text = re.sub(r"^\s*(?:by|posted by)\s+", "", _text(el), flags=re.I)
            if text:
                post.authors.append(text)
                break


def _from_articles(page: _Page) -> list[_Post]:
    posts = []
    for art in page.doc.xpath("//article[not(ancestor::article)][.//time]"):
        heading = next(iter(art.xpath(".//h1|.//h2|.//h3|.//h4")), None)
        if heading is None:
            continue
        link = next(iter(heading.xpath(".//a[@href]")), None)
        if link is None:
            link = next(iter(art.xpath('.//a[@rel="bookmark"][@href]')), None)
        post = _Post(line=_line(art), title=_text(heading) or None,
                     url=page.url(link.get("href")) if link is not None else None, how="article")
        time = art.xpath(".//time")[0]
        post.date = time.get("datetime") or _text(time)
        for el in art.xpath(f'.//*[@rel="author" or @itemprop="author" or {_has_class(_BYLINE_CLASSES)}]'):
            text = re.sub(r"^\s*(?:by|posted by)\s+", "", _text(el), flags=re.I)
            if text:
                post.authors.append(text)
                break
        for p in art.xpath(".//p"):
            if p.xpath("ancestor::header|ancestor::footer|.//time"):
                continue
            continues = tuple(a for a in p.iter("a") if _CONTINUE_WORDS.match(_text(a)))
            post.excerpt = _text(p, skip=continues) or None
            break
        posts.append(post)
    return posts


def _ld_types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type") or ()
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).rsplit("/", 1)[-1].lower() for k in kinds}


def _ld_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object that may be a post: lists, @graph, ItemList, Blog.blogPost."""
    if depth > 12:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_nodes(item, depth + 1)
        return
    if not isinstance(data, dict):
        return
    yield data
    for key in ("@graph", "itemListElement", "item", "blogPost", "blogPosts", "mainEntity", "hasPart"):
        if key in data:
            yield from _ld_nodes(data[key], depth + 1)


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or value.get("@id") or value.get("url")
    if value is None or isinstance(value, (dict, list)):
        return None
    # Many sites entity-encode JSON-LD strings ("&#8217;"): text as people read it.
    text = " ".join(html.unescape(str(value)).split())
    return text or None


def _ld_authors(value: Any) -> list[str | Name]:
    items = value if isinstance(value, list) else [value] if value else []
    out: list[str | Name] = []
    for item in items:
        if isinstance(item, dict):
            name = _ld_text(item.get("name"))
            if not name:
                continue
            if _ld_types(item) & {"organization", "corporation", "newsmediaorganization", "educationalorganization"}:
                out.append(Name(literal=name))
            elif _ld_types(item) & {"person"}:
                out.append(parse_name(name))  # one person: never split at commas
            else:
                out.append(name)
        elif isinstance(item, str) and item.strip() and not re.match(r"https?://", item.strip()):
            out.append(" ".join(item.split()))
    return out


def _from_json_ld(page: _Page, diag: Diagnostics) -> tuple[list[_Post], str | None]:
    posts, blog_name = [], None
    for script in page.doc.xpath("//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError) as exc:
            diag.warn(page.source, _line(script), f"JSON-LD block ignored: not valid JSON ({exc})")
            continue
        seen: set[int] = set()
        for node in _ld_nodes(data):
            types = _ld_types(node)
            if types & {"blog", "website"} and not blog_name:
                blog_name = _ld_text(node.get("name"))
            if not types & POST_TYPES or id(node) in seen:
                continue
            seen.add(id(node))
            main = node.get("mainEntityOfPage")
            href = _ld_text(node.get("url")) or (_ld_text(main) if main else None)
            keywords = node.get("keywords") or []
            if isinstance(keywords, str):
                keywords = keywords.split(",")
            part_of = node.get("isPartOf")
            posts.append(_Post(
                line=_line(script),
                title=_ld_text(node.get("headline")) or _ld_text(node.get("name")),
                url=page.url(href),
                date=_ld_text(node.get("datePublished")) or _ld_text(node.get("dateCreated")),
                authors=_ld_authors(node.get("author") or node.get("creator")),
                excerpt=_ld_text(node.get("description")) or _ld_text(node.get("abstract")),
                container=_ld_text(part_of.get("name")) if isinstance(part_of, dict) else None,
                keywords=[k for k in (_ld_text(k) for k in keywords if not isinstance(k, (dict, list))) if k],
                language=_ld_text(node.get("inLanguage")),
                how="json-ld",
            ))
    return posts, blog_name


def _from_h_entries(page: _Page, text: str) -> list[_Post]:
    elements = page.doc.xpath(f"//*[{_has_class(('h-entry',))}][not(ancestor::*[{_has_class(('h-entry',))}])]")
    if not elements:
        return []
    import mf2py

    try:
        parsed = mf2py.parse(doc=text, url=page.link_base or page.options.base_url, html_parser="lxml")
    except Exception:  # noqa: BLE001 - a third-party parser failing on odd markup: fall back to other forms
        return []
    entries: list[dict[str, Any]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if not isinstance(item, dict):
                continue
            if "h-entry" in item.get("type", ()):
                entries.append(item)
            else:
                walk(item.get("children", []))

    walk(parsed.get("items", []))
    posts = []
    for i, item in enumerate(entries):
        props = item.get("properties", {})

        def first(key: str) -> Any:
            values = props.get(key) or [None]
            return values[0]

        authors: list[str | Name] = []
        for author in props.get("author", []):
            if isinstance(author, dict):
                names = author.get("properties", {}).get("name") or [author.get("value")]
                if names and isinstance(names[0], str) and names[0].strip():
                    authors.append(parse_name(" ".join(names[0].split())))
            elif isinstance(author, str) and author.strip() and not re.match(r"https?://", author.strip()):
                authors.append(" ".join(author.split()))
        url = first("url")
        url = url.get("value") if isinstance(url, dict) else url
        summary = first("summary")
        summary = summary.get("value") if isinstance(summary, dict) else summary
        name = first("name")
        name = name.get("value") if isinstance(name, dict) else name
        published = first("published")
        published = published.get("value") if isinstance(published, dict) else published
        posts.append(_Post(
            line=_line(elements[i]) if i < len(elements) else None,
            title=" ".join(str(name).split()) or None if name else None,
            url=page.url(url) if isinstance(url, str) else None,
            date=str(published) if published else None,
            authors=authors,
            excerpt=" ".join(str(summary).split()) or None if summary else None,
            keywords=[" ".join(c.split()) for c in props.get("category", []) if isinstance(c, str) and c.strip()],
            how="h-entry",
        ))
    return posts


def _from_post_meta(page: _Page, found: _Post | None) -> _Post:
    """A single post page: meta tags first, then what the page's markup found."""
    meta = page.meta

    def first(field_name: str) -> str | None:
        for key in POST_META[field_name]:
            if meta.get(key):
                return meta[key][0]
        return None

    post = _Post(line=_line(next(page.doc.iter("head"), page.doc)) or 1, how="post page")
    post.title = first("title") or (found.title if found else None)
    if post.title is None and meta.get("<title>"):
        post.title = _strip_site_suffix(meta["<title>"][0], page.blog_name)
    authors = next((meta[k] for k in POST_META["author"] if meta.get(k)), None)
    if authors:
        # One person per tag, often "Family, Given": never split at the comma.
        post.authors = [parse_name(a) for a in authors]
    elif found and found.authors:
        post.authors = list(found.authors)
    else:
        byline = _page_byline(page)
        if byline:
            post.authors = [byline]
        else:
            named = [a for a in meta.get("article:author", []) if not re.match(r"https?://", a)]
            post.authors = list(named)
    dates = [v for key in POST_META["issued"] for v in meta.get(key, [])[:1]]
    if found and found.date:
        dates.append(found.date)
    post.date = _best_date(dates)
    post.url = page.url(first("url")) or (found.url if found else None) or page.link_base
    post.excerpt = first("abstract") or (found.excerpt if found else None)
    post.container = first("container_title") or (found.container if found else None)
    post.language = first("language") or (found.language if found else None)
    keywords = [k for key in POST_META["keyword"] for k in meta.get(key, [])]
    split = [w.strip() for k in keywords for w in (k.split(",") if ";" not in k else k.split(";"))]
    post.keywords = [w for w in dict.fromkeys(split) if w] or (found.keywords if found else [])
    return post


def _best_date(candidates: list[str]) -> str | None:
    """The first date given; if a later source gives the same day with a time, that one."""
    parsed = []
    for text in candidates:
        try:
            parsed.append((text, parse_date(text)))
        except DateError:
            parsed.append((text, None))
    if not parsed:
        return None
    first_text, first = parsed[0]
    if first is not None and first.time is None:
        for text, date in parsed[1:]:
            if date is not None and date.time and date.parts() == first.parts():
                return text
    return first_text


def _page_byline(page: _Page) -> str | None:
    """A byline in the post's own header (``.post-meta``, ``rel=author``, ``.byline``)."""
    doc = page.doc
    for el in doc.xpath(f"//*[{_has_class(_META_CLASSES)}]"):
        try:
            _, byline, _ = parse_meta(_text(el))
        except ValueError:
            continue
        if byline:
            return byline
    for el in doc.xpath(f'//body//*[@rel="author" or @itemprop="author" or {_has_class(_BYLINE_CLASSES)}]'):
        text = re.sub(r"^\s*(?:by|posted by|written by)\s+", "", _text(el), flags=re.I)
        if text and len(text) < 200:
            return text
    return None


def _strip_site_suffix(title: str, site: str | None) -> str:
    if site:
        for sep in (" | ", " - ", " – ", " — ", " · ", " :: "):
            head, _, tail = title.rpartition(sep)
            if head and tail.strip().casefold() == site.casefold():
                return head.strip()
    return title


# ----------------------------------------------------------------------------- reading


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Reference]:
    try:
        doc = _parse(text)
    except ValueError as exc:
        diag.error(source, 1, str(exc), skipped=False)
        return []
    try:
        page = _page(doc, source, options)
        ld_posts, ld_blog = _from_json_ld(page, diag)
        if ld_blog and not page.blog_name:
            page.blog_name = ld_blog
        found = [ld_posts, _from_h_entries(page, text), _from_markup(page), _from_articles(page)]
    except RecursionError:
        diag.error(source, 1, "the page is nested too deeply to read", skipped=False)
        return []
    posts = max(found, key=len)  # ties keep the earlier (more explicit) form
    is_post_page = any(page.meta.get(k) for k in POST_PAGE_MARKERS) or (
        not posts and (page.meta.get("og:type") or [""])[0].lower() in ("article", "blogposting")
        and bool(page.meta.get("og:title")))
    if is_post_page and len(posts) <= 1:
        posts = [_from_post_meta(page, posts[0] if posts else None)]
        if not any(page.meta.get(k) for k in POST_META["author"]) and not posts[0].authors:
            owner = page.meta.get("author")
            if owner:
                posts[0].authors = [owner[0]]
                diag.warn(source, posts[0].line, f'author "{owner[0]}" taken from <meta name="author">, '
                          "which many sites set to the site owner on every page")
    elif not page.blog_name and page.meta.get("<title>"):
        page.blog_name = page.meta["<title>"][0]  # an index page's <title> is the blog's name
    if not posts:
        diag.error(source, 1, "no blog posts found (looked for JSON-LD, h-entry, post-title links, "
                   "<article> with <time>, and citation/Dublin Core/OpenGraph meta tags)", skipped=False)
        return []
    refs = []
    for post in posts:
        diag.stats.read += 1
        ref = _reference(post, page, diag)
        if ref is not None:
            refs.append(ref)
    relative = next((r for r in refs if r.url and not is_web_url(r.url)), None)
    if relative is not None:
        diag.warn(source, relative.origin.line if relative.origin else None,
                  f"links such as {relative.url!r} are relative and the page names no address of its own; "
                  "give the blog's address with --base-url")
    return refs


def _reference(post: _Post, page: _Page, diag: Diagnostics) -> Reference | None:
    source = page.source
    where = "post page" if post.how == "post page" else f"{post.how} post"
    if not post.title:
        diag.error(source, post.line, f"{where} has no title")
        return None
    issued: Date | None = None
    if post.date:
        try:
            issued = in_timezone(parse_date(post.date), page.options.timezone)
        except DateError as exc:
            diag.error(source, post.line, f'{where} "{shorten(post.title)}": no valid date in {post.date!r}: {exc}')
            return None
    else:
        diag.warn(source, post.line, f'{where} "{shorten(post.title)}" has no date')
    names: list[Name] = []
    more = post.more_authors
    for author in post.authors:
        if isinstance(author, Name):
            names.append(author)
            continue
        parsed, etal = parse_byline(author)
        names.extend(parsed)
        more = more or etal
    for name in names:
        if name.literal is not None:
            diag.warn(source, post.line, f'"{name.literal}" read as an organisation (literal author)')
    if post.url is None:
        diag.warn(source, post.line, f'{where} "{shorten(post.title)}" has no link')
    container = page.options.blog_title or post.container or page.blog_name
    return Reference(
        title=post.title,
        author=tuple(dict.fromkeys(names)),
        more_authors=more,
        issued=issued,
        container_title=container,
        url=post.url,
        abstract=post.excerpt,
        keyword=tuple(post.keywords),
        language=post.language,
        origin=Origin(source, post.line),
    )


# ----------------------------------------------------------------------------- links for fetching


@dataclass(frozen=True)
class PageLinks:
    """Where to go from a page: the next (older) index page and the feeds it names."""

    next: str | None
    feeds: tuple[str, ...]


def page_links(text: str, url: str | None) -> PageLinks:
    """The ``rel="next"`` / "Older" link and ``<link rel="alternate">`` feeds, made absolute.

    >>> page_links('<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    ...            '</head><body><a class="pagination-item" href="/page2/">Older</a></body></html>',
    ...            "http://example.org/")
    PageLinks(next='http://example.org/page2/', feeds=('http://example.org/feed.xml',))
    """
    try:
        doc = _parse(text)
    except ValueError:
        return PageLinks(None, ())
    base = next((resolve(b.get("href"), url) for b in doc.iter("base") if b.get("href")), None) or url
    feeds = []
    nxt = None
    for el in doc.iter("link", "a"):
        rel = (el.get("rel") or "").lower().split()
        href = resolve(el.get("href"), base)
        if not href:
            continue
        kind = (el.get("type") or "").lower()
        if el.tag == "link" and "alternate" in rel and kind in (
            "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml"
        ):
            feeds.append(href)
        if nxt is None and "next" in rel:
            nxt = href
    if nxt is None:
        for a in doc.iter("a"):
            words = _text(a).lower().strip(" «»‹›←→")
            if words in ("older", "older posts", "older entries", "next page", "previous posts") and a.get("href"):
                nxt = resolve(a.get("href"), base)
                break
    return PageLinks(nxt, tuple(dict.fromkeys(feeds)))
