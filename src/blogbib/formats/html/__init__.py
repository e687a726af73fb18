"""Blog index pages and single post pages (HTML).

A page is first sorted: a *post page* when its metadata says so (``citation_*``, Dublin Core,
``article:published_time``, an OpenGraph article that is not the home page, a JSON-LD post of
this page's address) or when it has a title heading with a date and no list of posts; an *index
page* when it lists posts (:mod:`.entries` finds the repeated entries, whatever the theme calls
them) or carries JSON-LD posts.

Each post's fields then come from every layer of evidence that says something, ranked
(:mod:`.evidence`): per-post metadata over the post's own markup over the page's site-wide
metadata.  The reason for each field goes with the reference (``extra["evidence"]``).  Dates are
found in attributes and in text in many languages (:mod:`.when`); an instant in another time zone
gives way to the day the page shows its readers.  Authors are read element by element where the
markup separates them, and a byline's text goes through :mod:`blogbib.names`.  A page that yields
no post is one error saying what was looked for and what the page seems to be.

Links are resolved against ``<base href>``, else the canonical link, else ``og:url``, else the
page's own URL, and written in their canonical form (``…/post/index.html`` → ``…/post/``).  With
``--base-url`` every link into the blog's own site is moved onto that address.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from ...dates import in_timezone
from ...errors import Diagnostics
from ...model import Date, Name, Origin, Reference
from ...names import names_from_bylines
from ...text import shorten
from ...urls import canonical, is_web_url, match_key, resolve, site_of
from ...options import ReadOptions
from ..sniff import html as sniff  # noqa: F401  (sniffing lives in the registry)
from ..listing import parse_meta
from .entries import CONTINUE, PAGINATION, Entry, Group, find_groups, main_entries
from .evidence import (FALLBACK, META_AUTHOR, OWNER, PAGE, SCOPE, Evidence, LdPost, md_item, mf_entry,
                       page_dates, read_json_ld, read_markup, read_microdata, read_microformats)
from .page import HEADINGS, Page, inside, line, make_page, parse, text, tokens, without_page_number
from .post import links_itself, is_post_page, ld_post_of_page, main_heading, read_post

__all__ = ["read", "sniff", "page_links", "PageLinks"]

EVIDENCE = "evidence"  # the extra field that says where each field came from


# ----------------------------------------------------------------------------- reading


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Reference]:
    try:
        doc = parse(text)
    except ValueError as exc:
        diag.error(source, 1, str(exc), skipped=False)
        return []
    try:
        found, page, looks = _posts(doc, source, options, diag)
    except RecursionError:
        diag.error(source, 1, "the page is nested too deeply to read", skipped=False)
        return []
    if not found:
        diag.error(source, 1, "no posts found: looked for repeated entries with links, h-entry/hentry, "
                   "JSON-LD BlogPosting, microdata, citation/Dublin Core/OpenGraph meta tags and a title heading "
                   f"with a date; the page looks like: {looks}", skipped=False)
        return []
    refs = []
    for ev, where in found:
        diag.stats.read += 1
        ref = _reference(ev, page, diag, where)
        if ref is not None:
            refs.append(ref)
    relative = next((r for r in refs if r.url and not is_web_url(r.url)), None)
    if relative is not None:
        diag.warn(source, relative.origin.line if relative.origin else None,
                  f"links such as {relative.url!r} are relative and the page names no address of its own; "
                  "give the blog's address with --base-url")
    return refs


def _posts(doc: Any, source: str, options: ReadOptions, diag: Diagnostics) -> tuple[list[tuple[Evidence, str]],
                                                                                        Page, str]:
    """The evidence for each post of the page, the page, and what the page looks like (for errors)."""
    page = make_page(doc, source, options)
    ld_posts, ld_names = read_json_ld(page, lambda ln, msg: diag.warn(source, ln, msg))
    if not page.blog_name and ld_names:
        page.blog_name = ld_names[0]
    groups = find_groups(page)
    others = _other_entries(page, groups)
    why_post = is_post_page(page, ld_posts)
    best = groups[0] if groups else None
    listing = best is not None and not best.chrome and len(best.entries) >= 2
    if not why_post and not listing and not _paginated(page):
        heading = main_heading(page, others)
        if heading is not None and any(not inside(c.element, others) for c in page_dates(page)):
            why_post = "a title heading with a date"
    if why_post:
        ev = read_post(page, others, ld_post_of_page(page, ld_posts), ld_names)
        ev.add(EVIDENCE, f"a post page ({why_post})", "", 0)
        if ev.best("title") is not None:
            return [(ev, "post page")], page, "a post page"
    entries = main_entries(page, groups) if groups else []
    if page.title and not page.blog_name:
        page.blog_name = without_page_number(page.title)  # an index page's <title> is the blog's name
    found = _index_posts(page, entries, ld_posts)
    if found:
        return found, page, "an index page"
    heading = main_heading(page, others)
    if heading is not None:
        return [], page, f'a single page titled "{shorten(text(heading))}" without dates or posts'
    return [], page, "a page without headings, dated entries or post metadata"


def _paginated(page: Page) -> bool:
    """The page is one of a listing's pages: its address, or a link of its own site, is a page number."""
    if any(PAGINATION.search(key) for key in page.self_keys) or PAGINATION.search(canonical(page.source) or ""):
        return True
    if page.self_keys & page.home_keys:
        return True
    for a in page.doc.iter("a", "link"):
        if a.tag == "link" and not tokens(a.get("rel")) & {"next", "prev", "previous"}:
            continue
        href = a.get("href")
        url = page.url(href) if href and not href.strip().startswith("#") else None
        if url and page.is_own(url) and PAGINATION.search(match_key(url) or ""):
            return True
    return False


def _other_entries(page: Page, groups: list[Group]) -> set[Any]:
    """Entries of lists of posts on the page (related posts, archives): never a post page's own
    content, unless an entry holds a title heading (``h1``) that links nowhere else."""
    found = set()
    for g in groups:
        if len(g.entries) < 2 or not all(e.dated or e.title_kind in HEADINGS for e in g.entries):
            continue
        for e in g.entries:
            if not any(all(links_itself(page, a) for a in h.iter("a")) for h in e.element.iter("h1")):
                found.add(e.element)
    return found


def _index_posts(page: Page, entries: list[Entry], ld_posts: list[LdPost]) -> list[tuple[Evidence, str]]:
    ld_posts = [p for p in ld_posts if not p.webpage]
    by_key: dict[str, LdPost] = {}
    for post in ld_posts:
        key = match_key(post.url)
        if key and key not in by_key:
            by_key[key] = post
    found = []
    used: set[int] = set()
    for entry in entries:
        ev = _entry_evidence(entry, page)
        ld = by_key.get(entry.key)
        if ld is not None:
            ev.absorb(ld.evidence)
            used.add(id(ld))
        found.append((ev, "entry"))
    for post in ld_posts:  # posts the page's structured data lists and its markup does not
        if id(post) not in used and not (post.url and any(match_key(post.url) == e.key for e in entries)):
            found.append((post.evidence, "JSON-LD post"))
    return found


def _entry_evidence(entry: Entry, page: Page) -> Evidence:
    el = entry.element
    ev = Evidence(line(el))
    ev.element = el
    root = mf_entry(el)
    if root is not None:
        read_microformats(root, page, ev)
    item = md_item(el)
    if item is not None:
        read_microdata(item, page, ev)
    ev.add("title", entry.title, f"the entry's {entry.title_kind if entry.title_kind != 'label' else 'link label'}",
           SCOPE)
    ev.add("url", entry.url, "the entry's link", SCOPE)
    markup = read_markup(page, el, set(), {entry.title_element})
    for clue in sorted(markup.dates, key=lambda c: c.visible):
        ev.add("issued", clue.date, clue.why, SCOPE)
        if clue.visible:
            ev.shown.append(clue.date)  # type: ignore[arg-type]
    continues = {a for a in el.iter("a") if a is not entry.anchor and CONTINUE.match(text(a))
                 or (a is entry.anchor and entry.title_element is not a and CONTINUE.match(text(a)))}
    rest = text(el, skip={entry.title_element, *continues})
    excerpt = None
    try:
        _, byline, excerpt = parse_meta(rest)  # "Jul 15, 2022 (A and B). Excerpt…" after the title
    except ValueError:
        byline = None
    if markup.authors:
        ev.add("author", tuple(markup.authors), "author elements", SCOPE)
    elif byline or markup.byline:
        ev.add("author", (byline or markup.byline,), "byline", SCOPE)
    # A paragraph of its own is the excerpt; the text after the meta line only when there is none
    # (it may hold the meta line's other parts: "2 minute read").
    excerpt = _excerpt(el, {entry.title_element, *continues, *markup.author_elements}, markup.meta_line) or excerpt
    ev.add("abstract", excerpt, "the entry's text", SCOPE)
    return ev


def _excerpt(el: Any, skip: set[Any], meta_line: Any) -> str | None:
    """The first paragraph of an entry that is not its title, date line or byline."""
    avoid = skip | ({meta_line} if meta_line is not None else set())
    for p in el.iter("p", "div", "section"):
        if inside(p, avoid) or any(inside(a, {p}) for a in avoid if a is not None) and p.tag != "p":
            continue
        if p.tag != "p" and not re.search(r"excerpt|summary|description|content|teaser|snippet",
                                          p.get("class") or "", re.I):
            continue
        if any(a.tag in ("header", "footer") for a in p.iterancestors() if inside(a, {el})):
            continue
        value = text(p, skip=avoid)
        if value and not (meta_line is not None and inside(meta_line, {p})):
            return value
    return None


# ----------------------------------------------------------------------------- deciding


def _decide_date(ev: Evidence, timezone: str | None) -> tuple[Date | None, str | None, Exception | None]:
    best = ev.best("issued")
    if best is None:
        return None, None, None
    if isinstance(best.value, Exception):
        return None, best.why, best.value
    date: Date = best.value
    why = best.why
    if date.time is None:  # the same day, with its time, from another source
        for other in ev.all("issued"):
            value = other.value
            if isinstance(value, Date) and value.time and value.parts() == date.parts():
                return value, f"{why}; time from {other.why}", None
        return date, why, None
    if timezone is not None:
        return in_timezone(date, timezone), f"{why}, in {timezone}", None
    if re.search(r"[+-]\d{2}:\d{2}$", date.time) and date.day is not None:
        day = _dt.date(date.year, date.month, date.day)  # type: ignore[arg-type]
        for shown in ev.shown:
            if shown.day is None or shown.parts() == date.parts():
                continue
            if abs((_dt.date(shown.year, shown.month, shown.day) - day).days) <= 1:  # type: ignore[arg-type]
                return Date(shown.year, shown.month, shown.day), f"the day the page shows ({why} is {date.iso()}T" \
                       f"{date.time})", None
    return date, why, None


def _decide_authors(ev: Evidence) -> tuple[tuple[Name, ...], bool, str | None, int]:
    names, more, why, rank = _choose_authors(ev)
    # A person the page also names with given and family names apart takes that split over one made from
    # the displayed name ("Pablo Galindo Salgado": family name "Galindo Salgado", not "Salgado").
    splits: dict[str, Name] = {}
    for cand in reversed(ev.all("split")):  # the best-ranked last, so it stays
        splits[_shown_key(cand.value)] = cand.value
    if splits:
        names = tuple(splits.get(_shown_key(n), n) if n.literal is None else n for n in names)
    return names, more, why, rank


def _shown_key(name: Name) -> str:
    return " ".join(name.display().split()).casefold()


def _choose_authors(ev: Evidence) -> tuple[tuple[Name, ...], bool, str | None, int]:
    parsed = []
    for cand in ev.all("author"):
        names, more = names_from_bylines([v for v in cand.value if v])  # Names pass as they are
        if names:
            parsed.append((names, more, cand))
    if not parsed:
        return (), False, None, 0
    names, more, cand = parsed[0]
    why = cand.why
    shown = [n.display().casefold() for n in names]
    for other_names, other_more, other in parsed[1:]:
        if other.rank > PAGE:
            break
        if len(other_names) > len(names) and [n.display().casefold() for n in other_names[: len(names)]] == shown:
            return other_names, other_more, f"{other.why} (extends {why})", other.rank
    return names, more, why, cand.rank


def _reference(ev: Evidence, page: Page, diag: Diagnostics, where: str) -> Reference | None:
    source = page.source
    title_c = ev.best("title")
    if title_c is None:
        diag.error(source, ev.line, f"{where} has no title")
        return None
    title = title_c.value
    issued, date_why, error = _decide_date(ev, page.options.timezone)
    if error is not None:
        diag.error(source, ev.line, f'{where} "{shorten(title)}": no valid date in {date_why}: {error}')
        return None
    if issued is None:
        diag.warn(source, ev.line, f'{where} "{shorten(title)}" has no date')
    names, more, author_why, author_rank = _decide_authors(ev)
    if author_rank >= OWNER:
        diag.warn(source, ev.line, f'author "{"; ".join(n.display() for n in names)}" is the name the page shows as '
                  "the site's own (its name or owner); taken as the post's author for want of a byline")
    elif author_rank >= META_AUTHOR:
        diag.warn(source, ev.line, f'author "{"; ".join(n.display() for n in names)}" taken from {author_why}, '
                  "which many sites set to the site owner on every page")
    for name in names:
        if name.literal is not None:
            diag.warn(source, ev.line, f'"{name.literal}" read as an organisation (literal author)')
    url_c = ev.best("url")
    url = url_c.value if url_c else None
    if url is None:
        diag.warn(source, ev.line, f'{where} "{shorten(title)}" has no link')
    container_c = ev.best("container")
    container = page.options.blog_title or (container_c.value if container_c else None) or page.blog_name
    keywords = ev.all("keyword")
    top = keywords[0].rank if keywords else 0
    abstract_c = ev.best("abstract")
    language_c = ev.best("language")
    reasons = [c.value for c in ev.fields.get(EVIDENCE, [])]
    reasons += [f"{name}: {why}" for name, why in (("title", title_c.why), ("issued", date_why),
                                                   ("author", author_why), ("url", url_c.why if url_c else None))
                if why]
    return Reference(
        title=title,
        author=names,
        more_authors=more,
        issued=issued,
        container_title=container,
        url=url,
        abstract=abstract_c.value if abstract_c else None,
        keyword=tuple(dict.fromkeys(c.value for c in keywords if c.rank == top)),
        language=language_c.value if language_c else None,
        extra=((EVIDENCE, "; ".join(reasons)),),
        origin=Origin(source, ev.line),
    )


# ----------------------------------------------------------------------------- links for fetching


@dataclass(frozen=True)
class PageLinks:
    """Where to go from a page: the next (older) index page and the feeds it names."""

    next: str | None
    feeds: tuple[str, ...]


def page_links(text_: str, url: str | None) -> PageLinks:
    """The ``rel="next"`` / "Older" link and ``<link rel="alternate">`` feeds, made absolute.

    >>> page_links('<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    ...            '</head><body><a class="pagination-item" href="/page2/">Older</a></body></html>',
    ...            "http://example.org/")
    PageLinks(next='http://example.org/page2/', feeds=('http://example.org/feed.xml',))
    """
    try:
        doc = parse(text_)
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
    paged, numbered = _numbered_pages(doc, base, url)
    if paged and (nxt is None or not PAGINATION.search(nxt)):
        nxt = numbered  # a listing's own page numbers over a rel=next that leads out of the listing
    if nxt is None:
        for a in doc.iter("a"):
            words = text(a).lower().strip(" «»‹›←→")
            if words in ("older", "older posts", "older entries", "next page", "previous posts") and a.get("href"):
                nxt = resolve(a.get("href"), base)
                break
    return PageLinks(nxt, tuple(dict.fromkeys(feeds)))


def _page_number(url: str) -> int | None:
    m = PAGINATION.search(url)
    return int(re.findall(r"\d+", m[0])[-1]) if m else None


def _numbered_pages(doc: Any, base: str | None, url: str | None) -> tuple[bool, str | None]:
    """Whether the page is one of a numbered listing's pages (its address or its links to the same
    site are ``page/2/``, ``?paged=3``), and the next one: the lowest number above its own (1 when
    its address has none)."""
    current = (_page_number(url) if url else None)
    paged = current is not None
    site = site_of(base) if base else None
    best: tuple[int, str] | None = None
    for a in doc.iter("a"):
        href = resolve(a.get("href"), base)
        number = _page_number(href) if href else None
        if number is None or (site is not None and site_of(href) != site):
            continue
        paged = True
        if number > (current or 1) and (best is None or number < best[0]):
            best = (number, href)
    return paged, best[1] if best else None
