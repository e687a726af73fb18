"""The repeated entries of an index page, whatever the theme calls them.

An index page lists its posts as sibling elements that each hold a link into the same site and a
title, and usually a date and a byline: cards, list items, table rows, ``<article>``s, headings.
This module finds them without knowing any class name:

1. every link into the blog's own site (not the page itself, its home page, feeds, files, tag,
   author or pagination links) is a candidate post link;
2. every element whose children hold such links is a candidate list, its children of one tag the
   candidate entries; an entry's post link is the one in (or around) its heading, else the one
   it repeats, else its first; the entries of a list must link to different posts;
3. each entry scores for a title (a heading, several words), a date, a byline and some text; a
   list scores the sum, much less inside page furniture (navigation, sidebars, footers, related
   posts, comments, see :func:`.page.is_chrome`), and the best list wins;
4. entries elsewhere on the page with the same shape as the winners (title element, date,
   byline) join them, so a "featured" post set apart from the list is not lost; a post is never
   listed twice;
5. a sibling of the winners in their own shape whose post link leaves the site (a cross-post, a
   post on another host of the blog) is an entry too: a list's shape, not its links' host, makes
   it a list of posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...urls import match_key
from .evidence import author_elements, is_heading, marked_authors, page_dates
from .page import HEADINGS, Page, chrome_ancestor, inside, is_chrome, text, tokens

__all__ = ["Entry", "Group", "find_groups", "main_entries", "CONTINUE", "PAGINATION"]

# A "Continue" link's whole text (a link saying "more about GANs" inside an excerpt is kept).
CONTINUE = re.compile(r"\s*(?:(?:continue|keep)\s+reading\b.*|continue|read\s+more\b.*|read\s+the\s+rest\b.*|more|"
                      r"weiterlesen|lire\s+la\s+suite|leer\s+más|leggi\s+tutto)\W*$", re.I | re.S)
_NOT_A_TITLE = re.compile(r"^(?:\W*|\d+|\W*(?:next|previous|prev|older|newer|first|last)(?:\s+(?:page|posts?|entries|"
                          r"articles))?\W*|page\s+\d+(?:\s+of\s+\d+)?)$", re.I)
_FILES = re.compile(r"\.(?:xml|rss|atom|json|png|jpe?g|gif|svg|webp|ico|css|js|zip|gz|tgz|tar|mp3|mp4|webm|"
                    r"woff2?|ttf|eot)$", re.I)
_NOT_POST_RELS = {"tag", "category", "author", "next", "prev", "previous", "home", "nofollow", "alternate",
                  "license", "me", "external", "search"}
PAGINATION = re.compile(r"(?:^|/)(?:page[/=-]?\d+|index\d+\.html?)/?$|[?&](?:page|paged)=\d+", re.I)


@dataclass
class Entry:
    element: Any
    anchor: Any  # the post link
    key: str
    url: str
    title: str
    title_element: Any
    title_kind: str  # "h1".."h6", "link" (the link's text), "label" (aria-label, title, alt)
    dated: bool
    bylined: bool
    score: float

    @property
    def shape(self) -> tuple[str, bool, bool]:
        return (self.title_kind, self.dated, self.bylined)


@dataclass
class Group:
    parent: Any
    entries: list[Entry]
    score: float
    chrome: bool
    off_site: list[Entry] = field(default_factory=list)  # siblings of the entries whose post link leaves the site


class _Index:
    """What the finder precomputes once per page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        body = page.body
        bylines = author_elements(body, set(), marked_authors(page))
        self.bylined: set[Any] = set()  # elements with a byline below them
        for el in bylines:
            node = el
            while node is not None and node not in self.bylined:
                self.bylined.add(node)
                node = node.getparent()
        self.anchors: dict[Any, tuple[str, str]] = {}  # <a> → (match key, url)
        self.anchor_scores: dict[Any, tuple[float, Any]] = {}
        self.holds: dict[Any, dict[str, list[Any]]] = {}  # element → key → its <a>s below it
        self.holds_off_site: dict[Any, dict[str, list[Any]]] = {}  # the same for links to other hosts
        for a in body.iter("a"):
            found, own = self._post_link(a)
            if found is None or inside(a, bylines):  # a link in a byline is a person's page
                continue
            self.anchors[a] = found
            holds = self.holds if own else self.holds_off_site
            for anc in a.iterancestors():
                holds.setdefault(anc, {}).setdefault(found[0], []).append(a)
                if anc is body:
                    break
        self.dated: set[Any] = set()  # elements with a publication date below them
        self.date_carriers: set[Any] = set()
        for clue in page_dates(page):
            self.date_carriers.add(clue.element)
            node = clue.element
            while node is not None and node not in self.dated:
                self.dated.add(node)
                node = node.getparent()

    def _post_link(self, a: Any) -> tuple[tuple[str, str] | None, bool]:
        """The link's (match key, url) if it may lead to a post, and whether it stays on the blog's site."""
        href = a.get("href")
        if not href or href.strip().startswith("#"):
            return None, False
        if tokens(a.get("rel")) & _NOT_POST_RELS or "author" in (a.get("class") or "").lower():
            return None, False
        url = self.page.url(href)
        if not url:
            return None, False
        key = match_key(url)
        if not key or key in self.page.self_keys or key in self.page.home_keys:
            return None, False
        path = key.split("/", 1)[1] if "/" in key else ""
        if not path.strip("/") or _FILES.search(path.split("?")[0]) or PAGINATION.search(path):
            return None, False
        return (key, url), self.page.is_own(url)


def _label(a: Any) -> str:
    value = text(a)
    if value:
        return value
    for attr in ("aria-label", "title"):
        if a.get(attr) and a.get(attr).strip():
            return " ".join(a.get(attr).split())
    for img in a.iter("img"):
        if img.get("alt") and img.get("alt").strip():
            return " ".join(img.get("alt").split())
    return ""


def _heading_around(el: Any, stop: Any) -> Any:
    for anc in el.iterancestors():
        if is_heading(anc):
            return anc
        if anc is stop:
            return None
    return None


def _anchor_score(a: Any, index: _Index) -> tuple[float, Any]:
    """What a link scores wherever it is (in or around a heading, a title-like label), and the
    heading around it; computed once per link."""
    found = index.anchor_scores.get(a)
    if found is None:
        label = _label(a)
        heading = _heading_around(a, None)
        score = 3.0 * (heading is not None) + 3.0 * any(is_heading(d) for d in a.iter())
        score += (len(label.split()) >= 2) - 2.0 * bool(CONTINUE.match(label or "x"))
        found = index.anchor_scores[a] = (score, heading)
    return found


def _choose_anchor(entry: Any, keys: dict[str, list[Any]], index: _Index) -> Any:
    best, best_score = None, float("-inf")
    for anchors in keys.values():
        for a in anchors:
            score, heading = _anchor_score(a, index)
            if heading is not None and not inside(heading, {entry}):
                score -= 3  # the heading around it is outside this entry
            score += len(anchors) - 1
            if score > best_score:
                best, best_score = a, score
    return best


def _title(entry: Any, a: Any, index: _Index) -> tuple[str, Any, str]:
    heading = _heading_around(a, entry)
    if heading is None:
        heading = next((d for d in a.iter() if is_heading(d)), None)
    if heading is None:
        label = _label(a).casefold()
        own = [h for h in entry.iter(*HEADINGS) if not any(x in index.anchors and x is not a for x in h.iter("a"))]
        if own and (not text(a) or text(own[0]).casefold() in label or label in text(own[0]).casefold()):
            heading = own[0]
    element = heading if heading is not None else a
    inner_dates = [d for d in element.iter() if d in index.date_carriers and d is not element]
    value = text(element, skip=inner_dates)
    if value:
        return value, element, (element.tag if heading is not None else "link")
    return _label(a), a, "label"


def _entry(el: Any, keys: dict[str, list[Any]], index: _Index) -> Entry | None:
    a = _choose_anchor(el, keys, index)
    if a is None:
        return None
    key, url = index.anchors[a]
    title, title_el, kind = _title(el, a, index)
    if not title or _NOT_A_TITLE.match(title) or CONTINUE.match(title) or len(title) > 400:
        return None
    dated = el in index.dated
    bylined = el in index.bylined
    extra = len(" ".join(el.text_content().split())) - len(title)
    score = 1.0 + (kind in HEADINGS) + (len(title.split()) >= 2) + 2 * dated + 0.5 * bylined + 0.5 * (extra >= 40)
    return Entry(el, a, key, url, title, title_el, kind, dated, bylined, score)


def find_groups(page: Page) -> list[Group]:
    """Every candidate list of entries on the page, best first."""
    index = _Index(page)
    entries: dict[Any, Entry | None] = {}
    groups: list[Group] = []
    for parent in index.holds:
        children = [c for c in parent if isinstance(c.tag, str) and c in index.holds]
        by_tag: dict[str, list[Any]] = {}
        for child in children:
            by_tag.setdefault(child.tag, []).append(child)
        for members in by_tag.values():
            found: list[Entry] = []
            seen: set[str] = set()
            for child in members:
                if child not in entries:
                    entries[child] = _entry(child, index.holds[child], index)
                entry = entries[child]
                if entry is not None and entry.key not in seen:
                    seen.add(entry.key)
                    found.append(entry)
            if any(_good(e) for e in found):  # a coherent list: no bare links beside dated or headed entries
                found = [e for e in found if _good(e)]
            elif not found or len(found) < 2:
                continue
            chrome = chrome_ancestor(parent) is not None or all(is_chrome(e.element) for e in found)
            score = sum(e.score for e in found) * (0.2 if chrome else 1.0)
            tag = found[0].element.tag
            off_site = [e for c in parent if c.tag == tag and c not in index.holds and c in index.holds_off_site
                        for e in [_entry(c, index.holds_off_site[c], index)] if e is not None]
            groups.append(Group(parent, found, score, chrome, off_site))
    # Content before furniture: a list in a sidebar wins only where the content lists nothing
    # with a heading or a date; furniture listing nothing dated or headed is no list of posts.
    groups = [g for g in groups if not g.chrome or any(_good(e) for e in g.entries)]
    groups.sort(key=lambda g: (g.chrome or not any(_good(e) for e in g.entries), -g.score, -_depth(g.parent)))
    return groups


def _good(entry: Entry) -> bool:
    return entry.dated or entry.title_kind in HEADINGS


def _depth(el: Any) -> int:
    return sum(1 for _ in el.iterancestors())


def main_entries(page: Page, groups: list[Group]) -> list[Entry]:
    """The best list, then entries of the same shape elsewhere (not in page furniture), each post once,
    in the page's order; labels that all start alike (``post link to …``) lose the common start."""
    if not groups:
        return []
    best = groups[0]
    shapes = {e.shape for e in best.entries}
    chosen = {e.key: e for e in best.entries}
    for e in best.off_site:  # a cross-post, or a post on another host of the blog, in the list's own shape
        if e.key not in chosen and e.shape in shapes and _good(e):
            chosen[e.key] = e
    for group in groups[1:]:
        if _in_navigation(group.parent):
            continue
        for e in group.entries:
            if e.key not in chosen and e.shape in shapes and e.dated and not any(
                    inside(e.element, {c.element}) or inside(c.element, {e.element}) for c in chosen.values()):
                chosen[e.key] = e
    result = sorted(chosen.values(), key=lambda e: page.order(e.element))
    _strip_common_label_start(result)
    return result


def _in_navigation(el: Any) -> bool:
    """Inside the page's navigation, header or footer (an aside may still feature a post)."""
    node = el
    while node is not None and node.tag not in ("body", "html"):
        if node.tag in ("nav", "header", "footer") and is_chrome(node) or \
                (node.get("role") or "").lower() in ("navigation", "banner", "contentinfo"):
            return True
        node = node.getparent()
    return False


def _strip_common_label_start(entries: list[Entry]) -> None:
    """``post link to A``, ``post link to B`` → ``A``, ``B``: the words all labels start with, up to the
    last one that reads as part of the label (lower case, or ending in a colon or dash)."""
    labels = [e for e in entries if e.title_kind == "label"]
    if len(labels) < 2:
        return
    words = [e.title.split() for e in labels]
    common = 0
    while all(len(w) > common + 1 for w in words) and len({w[common].casefold() for w in words}) == 1:
        common += 1
    cut = 0
    for i in range(common):
        word = words[0][i]
        if word[-1:] in (":", "-", "–", "—") or word.islower():
            cut = i + 1
    if cut:
        for e, w in zip(labels, words):
            e.title = " ".join(w[cut:])
