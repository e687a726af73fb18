"""One HTML page: parsing, the facts every layer shares (addresses, meta tags, the site's own name),
and the small helpers for text and for where an element sits (content or page chrome).

Parser: lxml's HTML parser, used directly.  It is error-tolerant (libxml2), gives every element
its ``sourceline`` (so a bad entry is reported as ``page.html:123``), never fetches anything and
does not expand entities from a DTD.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from ...urls import canonical, match_key, rebase, resolve, site_of
from ...options import ReadOptions

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NO_TEXT = ("script", "style", "template", "noscript")
# Where a page keeps what is not its content: landmarks by tag and by ARIA role.
_CHROME_TAGS = {"nav", "aside", "footer", "header"}
_CHROME_ROLES = {"navigation", "complementary", "contentinfo", "banner", "menu", "menubar"}
# Class or id words that name page furniture rather than content (matched as parts of a token).
_CHROME_WORDS = re.compile(r"(?:^|[\s_-])(?:sidebar|widgets?|menu|breadcrumbs?|pagination|pager|related|"
                           r"recommended|comments?|share|sharing|masthead|navbar|toc)(?:$|[\s_-])", re.I)
_POSTISH = re.compile(r"(?:^|[-_])(?:post|entry|article)s?(?:$|[-_])", re.I)


def parse(text: str) -> Any:
    """The document, or ValueError saying why there is none."""
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


def tokens(value: str | None) -> set[str]:
    return set((value or "").lower().split())


def classes(el: Any) -> set[str]:
    return tokens(el.get("class"))


def text(el: Any, skip: Iterable[Any] = ()) -> str:
    """Visible text of an element, whitespace collapsed, minus the ``skip`` subtrees."""
    skip = set(skip)
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
        if node in skip or not isinstance(node.tag, str) or node.tag in _NO_TEXT:
            continue
        if node.tag == "br":
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in reversed(node):
            stack.append((child, False))
    return " ".join("".join(parts).split())


def line(el: Any) -> int | None:
    number = getattr(el, "sourceline", None)
    return int(number) if number else None


def inside(el: Any, roots: Iterable[Any]) -> bool:
    """``el`` is one of ``roots`` or below one."""
    roots = roots if isinstance(roots, (set, frozenset)) else set(roots)
    if not roots:
        return False
    node = el
    while node is not None:
        if node in roots:
            return True
        node = node.getparent()
    return False


def is_chrome(el: Any) -> bool:
    """The element is page furniture: a landmark (nav, aside, footer, header, ARIA roles) or a block
    whose class or id names a sidebar, widget, menu, pagination, related posts or comments."""
    if not isinstance(el.tag, str):
        return False
    if el.tag in _CHROME_TAGS and not (el.tag in ("header", "footer") and _in_post(el)):
        return True
    if (el.get("role") or "").lower() in _CHROME_ROLES:
        return True
    words = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_CHROME_WORDS.search(words))


def _in_post(el: Any) -> bool:
    """A header or footer of an article or entry (its title or byline), not of the page."""
    for anc in el.iterancestors():
        if anc.tag in ("article", "main", "li") or classes(anc) & {"h-entry", "hentry"} or anc.get("itemscope") \
                is not None or _POSTISH.search(anc.get("class") or ""):
            return True
        if anc.tag == "body":
            return False
    return False


def chrome_ancestor(el: Any, stop: Any = None) -> Any:
    """The nearest ancestor-or-self that is page chrome (see :func:`is_chrome`), below ``stop``."""
    node = el
    while node is not None and node is not stop and node.tag not in ("body", "html"):
        if is_chrome(node):
            return node
        node = node.getparent()
    return None


def attribute_words(el: Any) -> str:
    """Class, id, itemprop and rel of an element, lower-cased, for matching words such as "author"."""
    return " ".join(el.get(a) or "" for a in ("class", "id", "itemprop", "rel")).lower()


@dataclass
class Page:
    """The facts about one page that every layer of evidence shares."""

    doc: Any
    source: str
    options: ReadOptions
    page_url: str | None
    link_base: str | None
    own_sites: set[str]
    meta: dict[str, list[str]]
    title: str | None  # the <title>
    blog_name: str | None = None
    self_keys: set[str] = field(default_factory=set)  # the page's own addresses (match_key)
    home_keys: set[str] = field(default_factory=set)  # the site's home page
    _order: dict[Any, int] | None = None
    memo: dict[str, Any] = field(default_factory=dict)  # what one layer computes once for the others

    def url(self, href: str | None) -> str | None:
        """A link of the page as an absolute, canonical address on the blog's chosen host."""
        known = self.memo.setdefault("urls", {})
        if href not in known:
            base = self.link_base or self.options.base_url
            known[href] = canonical(rebase(resolve(href, base), self.options.base_url, self.own_sites))
        return known[href]  # type: ignore[no-any-return]

    def is_own(self, url: str) -> bool:
        site = site_of(url)
        return site is None or site in self.own_sites or site == site_of(self.options.base_url)

    def order(self, el: Any) -> int:
        """Document order of an element."""
        if self._order is None:
            self._order = {node: i for i, node in enumerate(self.doc.iter())}
        return self._order.get(el, 0)

    @property
    def body(self) -> Any:
        found = self.doc.find("body")
        return found if found is not None else self.doc


def collect_meta(doc: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in doc.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        if key.startswith(("dc:", "dcterms:", "bepress_")):  # RDFa and repository spellings of the same names
            key = key.replace(":", ".", 1).removeprefix("bepress_")
        value = el.get("content")
        if key and value is not None and value.strip() and not _in_itemscope(el):
            found.setdefault(key, []).append(" ".join(value.split()))
    return found


def _in_itemscope(el: Any) -> bool:
    """A ``<meta itemprop>`` inside microdata belongs to that item, not to the page."""
    return el.get("itemprop") is not None and any(a.get("itemscope") is not None for a in el.iterancestors())


def make_page(doc: Any, source: str, options: ReadOptions) -> Page:
    page_url = options.url or (source if re.match(r"https?://", source, re.I) else None)
    meta = collect_meta(doc)
    base_href = next((b.get("href") for b in doc.iter("base") if b.get("href")), None)
    canonical_link = next((ln.get("href") for ln in doc.iter("link")
                           if "canonical" in tokens(ln.get("rel")) and ln.get("href")), None)
    og_url = (meta.get("og:url") or [None])[0]
    candidates = [resolve(u, page_url) for u in (base_href, canonical_link, og_url)]
    link_base = next((u for u in candidates if u), None) or page_url
    if options.base_url and not link_base:
        link_base = options.base_url
    own_sites = {s for s in (site_of(u) for u in [page_url, *candidates, options.base_url]) if s} or _guess_site(doc)
    title_el = next(doc.iter("title"), None)
    title = text(title_el) if title_el is not None else None
    names = meta.get("og:site_name") or meta.get("application-name") or []
    page = Page(doc, source, options, page_url, link_base, own_sites, meta, title or None,
                blog_name=names[0] if names else None)
    for url in (page_url, resolve(canonical_link, link_base), resolve(og_url, link_base)):
        if url:
            page.self_keys.add(match_key(page.url(url)))
    for url in (link_base, page_url, options.base_url):
        if url:
            root = resolve("/", url)
            page.home_keys.add(match_key(page.url(root)))
    if options.base_url:
        page.home_keys.add(match_key(page.url(options.base_url)))
    if not page.home_keys:  # a saved page with no address: the root of the site its links point to
        page.home_keys.update(match_key(f"http://{site}/") for site in own_sites)
    for a in doc.iter("a", "link"):
        if "home" in tokens(a.get("rel")) and a.get("href"):
            page.home_keys.add(match_key(page.url(a.get("href"))))
    page.self_keys.discard(None)  # type: ignore[arg-type]
    page.home_keys.discard(None)  # type: ignore[arg-type]
    if page.blog_name is None:
        page.blog_name = _home_link_name(page)
    return page


_NOT_A_NAME = re.compile(r"^(?:home|blog|start|index|accueil|inicio|startseite|posts?|articles?|main|top|back|"
                         r"newer.*|older.*|next.*|prev.*|previous.*|\W*\d*\W*|[«»←→‹›<>].*|.*[«»←→‹›]|©.*)$", re.I)


def _home_link_name(page: Page) -> str | None:
    """The site's name as its title link shows it: the first link to the home page that names something."""
    for a in page.body.iter("a"):
        href = a.get("href")
        if not href or match_key(page.url(href)) not in page.home_keys:
            continue
        name = text(a) or " ".join((a.get("title") or a.get("aria-label") or "").split())
        if name and len(name) <= 80 and not _NOT_A_NAME.match(name):
            return name
    return None


def without_page_number(title: str) -> str:
    """A listing page's ``<title>`` without its page number: ``Blog (Page 2)``, ``Blog – Page 2 – …``.

    >>> without_page_number("Off the Convex Path (Page 2)"), without_page_number("Page 2 of 7 for Blog | Notes")
    ('Off the Convex Path', 'Blog | Notes')
    """
    title = re.sub(r"^\s*page\s+\d+(?:\s+of\s+\d+)?\s+(?:for|of|[-–—|:·])\s+", "", title, flags=re.I)
    title = re.sub(r"\s*(?:[(\[]\s*page\s+\d+(?:\s+of\s+\d+)?\s*[)\]]|[-–—|:·]\s*page\s+\d+(?:\s+of\s+\d+)?)"
                   r"(?=\s*(?:[-–—|:·]|$))", "", title, flags=re.I)
    return title.strip() or title


def _guess_site(doc: Any) -> set[str]:
    """A saved page that names no address of its own: its site is where its feeds and home link
    point, else the host most of its links go to."""
    hinted = [site_of(el.get("href")) for el in doc.iter("link", "a")
              if tokens(el.get("rel")) & {"alternate", "home", "index", "start"}]
    hinted = [s for s in hinted if s]
    if hinted:
        return {Counter(hinted).most_common(1)[0][0]}  # a tie goes to the first in the page
    hosts = [site_of(a.get("href")) for a in doc.iter("a") if re.match(r"\s*https?://", a.get("href") or "", re.I)]
    hosts = [h for h in hosts if h]
    return {Counter(hosts).most_common(1)[0][0]} if hosts else set()


def strip_site_suffix(title: str, site: str | None) -> str:
    """``Post | Blog`` → ``Post`` when ``Blog`` is the site's name."""
    if site:
        for sep in (" | ", " - ", " – ", " — ", " · ", " :: ", " « ", " » "):
            head, _, tail = title.rpartition(sep)
            if head and tail.strip().casefold() == site.casefold():
                return head.strip()
    return title
