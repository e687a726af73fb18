"""A single post page: its own post, from every layer of evidence, ranked (see :mod:`.evidence`).

The post's *scope* is the element that holds its title heading: the ``<article>``, ``h-entry``,
microdata item or ``<main>`` around it.  Its markup ranks above the rest of the page's content
(a sidebar that shows the date or the authors), and both above the page-wide meta tags that many
sites fill with the site's owner.  Names the page shows as the site's own (the site's name, the
footer's copyright holder, the footer's h-card, a ``rel=author`` link in the page header) are
recognised, and such a name is a post's author only when nothing else names one.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ...model import Name
from ...urls import match_key, resolve
from .evidence import (FALLBACK, META, META_AUTHOR, OPENGRAPH, OWNER, PAGE, SCOPE, Evidence, LdPost,
                       md_item, mf_entry, read_markup, read_microdata, read_microformats, strip_by)
from .page import HEADINGS, Page, chrome_ancestor, classes, inside, line, strip_site_suffix, text

__all__ = ["main_heading", "post_scope", "read_post", "site_names", "is_post_page", "ld_post_of_page", "POST_MARKERS"]

# Meta names (lower case) per field, most trusted first, with their rank.
POST_META: dict[str, tuple[tuple[str, int], ...]] = {
    "title": (("citation_title", META), ("dc.title", META), ("dcterms.title", META), ("og:title", OPENGRAPH),
              ("twitter:title", OPENGRAPH)),
    "issued": (("citation_publication_date", META), ("citation_date", META), ("citation_online_date", META),
               ("dc.date.issued", META), ("dcterms.issued", META), ("dc.date", META), ("dcterms.date", META),
               ("dcterms.created", META), ("dc.date.created", META), ("article:published_time", OPENGRAPH),
               ("og:published_time", OPENGRAPH), ("datepublished", OPENGRAPH), ("date", OPENGRAPH),
               ("pubdate", OPENGRAPH), ("publishdate", OPENGRAPH), ("publish-date", OPENGRAPH),
               ("publication_date", OPENGRAPH), ("parsely-pub-date", OPENGRAPH), ("sailthru.date", OPENGRAPH)),
    "url": (("citation_public_url", META), ("citation_abstract_html_url", META),
            ("citation_fulltext_html_url", META), ("dc.identifier", META), ("dcterms.identifier", META),
            ("og:url", OPENGRAPH)),
    "abstract": (("citation_abstract", META), ("dc.description", META), ("dcterms.abstract", META),
                 ("dcterms.description", META), ("og:description", OPENGRAPH), ("description", FALLBACK)),
    "container": (("citation_journal_title", META), ("citation_conference_title", META), ("dc.publisher", META),
                  ("dcterms.ispartof", META), ("og:site_name", OPENGRAPH)),
    "language": (("citation_language", META), ("dc.language", META), ("dcterms.language", META)),
}
# Meta names whose presence makes a page a single post page.
POST_MARKERS = ("citation_title", "dc.title", "dcterms.title", "article:published_time", "citation_publication_date")
_SCOPES = ("article", "main")


def main_heading(page: Page, exclude: set[Any], titles: tuple[str, ...] = ()) -> Any:
    """The post's title heading: the heading that reads as the post's title as its metadata gives
    it (``titles``), else the first ``h1`` of the page's content (an ``h2`` only on a page without
    one) that links nowhere else: the site's name links the home page, while a post's title may
    link itself (its address, or ``rel=bookmark``, the permalink)."""
    wanted = {" ".join(t.split()).casefold() for t in titles if t}
    if wanted:
        for h in page.body.iter(*HEADINGS):
            if text(h).casefold() in wanted and not inside(h, exclude):
                return h
    for level in HEADINGS[:2]:
        found = False
        for h in page.body.iter(level):
            if inside(h, exclude) or chrome_ancestor(h) is not None or not text(h):
                continue
            found = True
            if all(links_itself(page, a) for a in h.iter("a")):
                return h
        if found:
            return None
    return None


def links_itself(page: Page, a: Any) -> bool:
    href = (a.get("href") or "").strip()
    if not href or href.startswith("#") or "bookmark" in (a.get("rel") or "").lower().split():
        return True
    return match_key(page.url(href)) in page.self_keys


def post_scope(page: Page, heading: Any, exclude: set[Any]) -> Any:
    """The element that holds the post: the article, h-entry, microdata item or main content around
    its heading; without a heading, the page's only article, else its main content, else its body."""
    if heading is not None:
        for anc in heading.iterancestors():
            if anc.tag in _SCOPES or anc.get("role") in ("main", "article") or \
                    classes(anc) & {"h-entry", "hentry"} or anc.get("itemscope") is not None:
                return anc
        return page.body
    articles = [a for a in page.body.iter("article") if not inside(a, exclude)
                and not any(o is not a and inside(a, {o}) for o in page.body.iter("article"))]
    if len(articles) == 1:
        return articles[0]
    main = next(iter(page.body.xpath(".//main | .//*[@role='main']")), None)
    return main if main is not None else page.body


_OWNER_PLACES = (".//*[contains(@rel, 'author') or contains(@class, 'p-name') or contains(@class, 'fn')] | "
                 ".//footer | .//*[@role='contentinfo']")


def site_names(page: Page, ld_names: list[str], scope: Any) -> set[str]:
    """Names the page shows as the site's own, case-folded: the site's name, and the people its
    chrome names (copyright holder, footer h-card, a ``rel=author`` link outside the post)."""
    names = {n for n in [page.blog_name, *ld_names] if n}
    if page.title and page.blog_name is None:
        head, sep, tail = page.title.rpartition(" | ")
        if sep:
            names.add(tail)
    for el in page.body.xpath(_OWNER_PLACES):
        if scope is not None and inside(el, {scope}):
            continue
        words = classes(el)
        if "author" in (el.get("rel") or "").lower().split() or words & {"p-name", "fn"} and \
                any(classes(a) & {"h-card", "vcard"} for a in el.iterancestors()):
            value = text(el)
            if value and len(value) < 80:
                names.add(value)
        if el.tag == "footer" or (el.get("role") or "") == "contentinfo":
            m = re.search(r"(?:©|&copy;|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*([^\n·|•,.<]{2,60})",
                          text(el), re.I)
            if m and m.group(1).strip():
                names.add(re.split(r"\s{2,}|\s(?:all rights|powered by|built with)", m.group(1), flags=re.I)[0]
                          .strip())
    return {n.casefold() for n in names if n}


def read_post(page: Page, exclude: set[Any], ld_post: LdPost | None, ld_names: list[str]) -> Evidence:
    """Every layer's evidence about the page's own post; ``exclude`` are other posts' entries."""
    meta = page.meta
    titles = tuple(v for key in ("citation_title", "dc.title", "dcterms.title", "og:title", "twitter:title")
                   for v in meta.get(key, [])[:1])
    if ld_post is not None:
        titles += tuple(c.value for c in ld_post.evidence.fields.get("title", []))
    if page.title:
        titles += (strip_site_suffix(page.title, page.blog_name),)
    heading = main_heading(page, exclude, titles)
    scope = post_scope(page, heading, exclude)
    ev = Evidence(line(heading) if heading is not None else line(next(page.doc.iter("head"), page.doc)) or 1)
    ev.element = scope
    for field, keys in POST_META.items():
        for key, rank in keys:
            for value in meta.get(key, [])[:1]:
                if field == "issued":
                    from .when import read_date

                    try:
                        ev.add(field, read_date(value), key, rank)
                    except ValueError as exc:
                        ev.add(field, exc, key, rank)
                elif field == "url":
                    ev.add(field, page.url(value), key, rank)
                else:
                    ev.add(field, value, key, rank)
    for key in ("citation_author", "dc.creator", "dcterms.creator"):
        if meta.get(key):  # one person per tag, often "Family, Given": never split at the comma
            people = tuple(_one_person(v) for v in meta[key])
            ev.add("author", people, key, META)
            for value, person in zip(meta[key], people):
                if "," in value and person.family and person.literal is None:  # "Family, Given": split
                    ev.add("split", person, f"{key} written Family, Given", META)
            break
    keywords = [w.strip() for key in ("citation_keywords", "article:tag", "keywords") for k in meta.get(key, [])
                for w in (k.split(";") if ";" in k else k.split(","))]
    for word in dict.fromkeys(w for w in keywords if w):
        ev.add("keyword", word, "meta keywords", OPENGRAPH)
    if ld_post is not None:
        ev.absorb(ld_post.evidence)
    root = mf_entry(scope) if scope is not None else None
    if root is None and heading is not None:
        root = next((a for a in heading.iterancestors() if classes(a) & {"h-entry", "hentry"}), None)
    if root is not None:
        read_microformats(root, page, ev)
    item = md_item(scope) if scope is not None else None
    if item is not None:
        read_microdata(item, page, ev)
    if heading is not None:
        ev.add("title", text(heading), f"the page's heading <{heading.tag}>", SCOPE)
        for a in heading.iter("a"):
            if (a.get("href") or "").strip()[:1] not in ("", "#"):
                ev.add("url", page.url(a.get("href")), "the title's link to the post itself", SCOPE)
    if scope is not None:
        chrome = _page_chrome(page) if scope is page.body else set()
        _markup(page, ev, scope, exclude | _others(scope, exclude) | chrome,
                {heading} if heading is not None else set(), SCOPE, "in the post")
        if scope is not page.body:
            outside = exclude | {scope} | _page_chrome(page)
            _markup(page, ev, page.body, outside, set(), PAGE, "elsewhere on the page")
    for key, why in (("author", '<meta name="author">'), ("article:author", "article:author")):
        named = [strip_by(a) for a in meta.get(key, []) if not re.match(r"https?://", a)]
        if named:  # one tag per author
            ev.add("author", tuple(named), why, META_AUTHOR)
            break
    if page.title:
        ev.add("title", strip_site_suffix(page.title, page.blog_name), "<title>", FALLBACK)
    own = next((u for u in (page.options.url, page.page_url, page.link_base) if u), None)
    if own and page.link_base and match_key(page.link_base) in page.self_keys:
        ev.add("url", page.url(own), "the page's own address", FALLBACK)
    elif ev.best("url") is None:
        ev.add("url", address_from_path(page), "its file path, in the shape of the site's links to posts", FALLBACK)
    _demote_site_names(ev, site_names(page, ld_names, scope))
    return ev


_SEPARATORS = re.compile(r"[\\/]")
_FOLDER_PAGE = re.compile(r"index\.(?:x?html?|php)", re.I)


def address_from_path(page: Page) -> str | None:
    """A saved page's address, when the page names none: the last folders of its file path, in the
    shape of the site's own links (``…/2020/11/27/slug/index.html`` among links like
    ``/2023/06/01/other/``: digits of the same lengths, the same words, then a slug), under ``--base-url``."""
    base = page.options.base_url
    if not base or re.match(r"[a-z][a-z0-9+.-]*://", page.source, re.I):
        return None
    parts = [p for p in _SEPARATORS.split(page.source) if p]
    folder = bool(parts) and _FOLDER_PAGE.fullmatch(parts[-1]) is not None
    segments = parts[:-1] if folder else parts
    prefix = [p for p in urlsplit(base).path.split("/") if p]
    votes: dict[str, int] = {}
    for a in page.doc.iter("a"):
        url = page.url(a.get("href"))
        if not url or not page.is_own(url):
            continue
        path = urlsplit(url).path
        linked = [p for p in path.split("/") if p]
        if linked[: len(prefix)] == prefix:
            linked = linked[len(prefix):]
        if len(linked) < 2 or len(segments) < len(linked) or path.endswith("/") != folder:
            continue
        mine = segments[-len(linked):]
        if all(_same_shape(x, y) for x, y in zip(linked[:-1], mine[:-1])) and \
                (folder or mine[-1].rpartition(".")[2] == linked[-1].rpartition(".")[2]):
            address = resolve("/".join(mine) + ("/" if folder else ""), base.rstrip("/") + "/")
            votes[address] = votes.get(address, 0) + 1
    return max(votes, key=votes.__getitem__) if votes else None


def _same_shape(linked: str, mine: str) -> bool:
    """Both digits of one length (a year, a month), or the same word."""
    return (linked.isdigit() and mine.isdigit() and len(linked) == len(mine)) or linked == mine


def _one_person(value: str) -> Name:
    from ...names import parse_name

    return parse_name(value)


def _others(scope: Any, exclude: set[Any]) -> set[Any]:
    return {el for el in exclude if inside(el, {scope})}


def _page_chrome(page: Page) -> set[Any]:
    """The page's own header and footer (not an article's), where the site's name and owner are."""
    found = set()
    for el in page.body.iter("header", "footer"):
        if not any(a.tag in ("article", "main") or classes(a) & {"h-entry", "hentry"} for a in el.iterancestors()):
            found.add(el)
    for el in page.body.iter():
        if isinstance(el.tag, str) and (el.get("role") or "") in ("banner", "contentinfo"):
            found.add(el)
    return found


def _markup(page: Page, ev: Evidence, scope: Any, skip: set[Any], avoid: set[Any], rank: int, where: str) -> None:
    found = read_markup(page, scope, skip, avoid)
    for clue in found.dates:
        if not clue.visible:
            ev.add("issued", clue.date, f"{clue.why} {where}", rank)
    for clue in found.dates:
        if clue.visible:
            ev.add("issued", clue.date, f"{clue.why} {where}", rank)
            ev.shown.append(clue.date)  # type: ignore[arg-type]
    if found.authors:
        ev.add("author", tuple(found.authors), f"author elements {where}", rank)
    elif found.byline:
        ev.add("author", (found.byline,), f"byline {where}", rank)


def _demote_site_names(ev: Evidence, names: set[str]) -> None:
    """An author list that is only the site's own name or owner, read outside the post, is a last resort."""
    found = ev.fields.get("author", [])
    for i, cand in enumerate(found):
        if cand.rank < META_AUTHOR and cand.rank != PAGE:
            continue
        shown = [a.display() if isinstance(a, Name) else a for a in cand.value]
        if shown and all(s.casefold() in names for s in shown):
            found[i] = type(cand)(cand.value, f"{cand.why}: the site's own name or owner", OWNER)


def is_post_page(page: Page, ld_posts: list[LdPost]) -> str | None:
    """Why the page is a single post page by its metadata, or None."""
    for key in POST_MARKERS:
        if page.meta.get(key):
            return key
    og_type = (page.meta.get("og:type") or [""])[0].lower()
    if og_type in ("article", "blogposting") and page.meta.get("og:title"):
        own = match_key(page.url((page.meta.get("og:url") or [None])[0]))
        if own is None or own not in page.home_keys:
            return "og:type article"
    for post in ld_posts:
        if not post.webpage and ((post.url and match_key(post.url) in page.self_keys) or (
                post.main_entity and match_key(post.main_entity) in page.self_keys)):
            return "JSON-LD post of this page"
    return None


def ld_post_of_page(page: Page, ld_posts: list[LdPost]) -> LdPost | None:
    """The JSON-LD post of this page: the one at its address, else the only one; else the page's
    own WebPage node."""
    posts = [p for p in ld_posts if not p.webpage]
    for post in posts + [p for p in ld_posts if p.webpage]:
        if (post.url and match_key(post.url) in page.self_keys) or (
                post.main_entity and match_key(post.main_entity) in page.self_keys):
            return post
    return posts[0] if len(posts) == 1 else None
