"""Layers of evidence about one post, each value kept with its reason and its rank.

A post's fields are collected from every layer that says something (rank 0 is the most trusted):

====  ======================================================================================
0     per-post citation meta tags (``citation_*``, Dublin Core ``DC.*``/``DCTERMS.*``)
1     per-post structured data: JSON-LD, microformats (``h-entry``, ``hentry``), microdata
2     OpenGraph / ``article:*`` meta tags of a post page
3     the post's own markup: its heading, ``<time>``, dates in attributes and text, bylines
4     the same, elsewhere in the page's content (outside the post's element)
5     page-level fallbacks: the ``<title>``, the page's address
6     ``<meta name="author">`` and ``article:author`` (often the site's owner on every page)
9     a name the page shows as the site's own (its name, the footer's owner): the last resort
====  ======================================================================================

:class:`Evidence` keeps the candidates; :func:`decide` picks the best of each field and says why.
The readers here look at one *scope* (an entry of an index page, or a post page's article).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ...dates import DateError
from ...model import Date, Name
from .page import HEADINGS, Page, attribute_words, classes, inside, line, text, tokens
from .when import find_dates, read_date

# ----------------------------------------------------------------------------- candidates

META, EXPLICIT, OPENGRAPH, SCOPE, PAGE, FALLBACK, META_AUTHOR, OWNER = 0, 1, 2, 3, 4, 5, 6, 9


@dataclass(frozen=True)
class Candidate:
    value: Any
    why: str
    rank: int


@dataclass
class Evidence:
    """What a page says about one post: candidates per field (title, url, issued, author, abstract,
    container, keyword, language; ``split``: a person's name as markup that separates given and family
    names gives it), and the dates the page shows its readers (``shown``)."""

    line: int | None
    fields: dict[str, list[Candidate]] = field(default_factory=dict)
    shown: list[Date] = field(default_factory=list)
    element: Any = None  # the entry or article it was read from

    def add(self, name: str, value: Any, why: str, rank: int) -> None:
        if value is None or value == "" or value == ():
            return
        self.fields.setdefault(name, []).append(Candidate(value, why, rank))

    def best(self, name: str) -> Candidate | None:
        found = self.fields.get(name)
        return min(found, key=lambda c: c.rank) if found else None  # min keeps the first of equals

    def all(self, name: str) -> list[Candidate]:
        return sorted(self.fields.get(name, []), key=lambda c: c.rank)

    def absorb(self, other: "Evidence") -> None:
        for name, found in other.fields.items():
            self.fields.setdefault(name, []).extend(found)
        self.shown.extend(other.shown)


# ----------------------------------------------------------------------------- authors

Authors = tuple  # (tuple[str | Name, ...]) strings are bylines for names.py, Names are decided already

_BY = re.compile(r"^\s*(?:(?:posted|written|published|authored|guest\s+post)\s+)?by\s*:?\s+|^\s*authors?\s*:\s*|"
                 r"^\s*(?:von|par|por|di|door|av|przez|автор:?)\s+", re.I)
_LINK_SEPARATORS = re.compile(r"^(?:\s|,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|[·•|/、，]|by\b|:)*$", re.I)
_NOT_AUTHOR_WORDS = re.compile(r"avatar|image|img|photo|picture|bio|description|desc\b|label|social|comment|"
                               r"follow|reply|respond", re.I)
_AUTHOR_WORDS = re.compile(r"author|byline|creator|writer|\bfn\b", re.I)


_MARKED = re.compile(r"author|byline|creator|writer|fn", re.I)


def _is_author_element(el: Any) -> bool:
    words = attribute_words(el)
    if not _AUTHOR_WORDS.search(words):
        return False
    if "author" in tokens(el.get("rel")) or re.search(r"\b(?:author|creator)\b", (el.get("itemprop") or "").lower()):
        return True
    own = " ".join(w for w in (el.get("class") or "").lower().split() + (el.get("id") or "").lower().split()
                   if _AUTHOR_WORDS.search(w))
    return bool(own) and not _NOT_AUTHOR_WORDS.search(own)


def split_name(given: str | None, family: str | None, shown: str | None = None) -> Name | None:
    """A person's name from markup that separates its parts (schema.org ``givenName``/``familyName``, vCard
    ``given-name``/``family-name``): the family name as given (``Galindo Salgado``, particles read off its
    front), the given name as given, else what the displayed name has before the family name.  None without
    a family name, or for one that reads as an organisation's."""
    from dataclasses import replace

    from ...names import parse_name

    family, given, shown = (" ".join((v or "").split()) for v in (family, given, shown))
    if not family:
        return None
    if not given and shown.casefold().endswith(" " + family.casefold()):
        given = shown[: -len(family)].strip()
    name = parse_name(f"{family}, {given or 'X'}")
    if name.literal is not None:
        return None
    return name if given else replace(name, given=None)


def _add_splits(ev: Evidence, names: Any, why: str, rank: int) -> None:
    for name in names:
        if isinstance(name, Name) and name.family and name.literal is None:
            ev.add("split", name, why, rank)


def strip_by(value: str) -> str:
    return _BY.sub("", value).strip(" \t\n,;:·•|—–-")


def _element_authors(el: Any) -> list[str]:
    """The author strings one author element holds: one per link when it lists linked names
    with nothing but separators between them, else its text, else an image's alt text."""
    links = [a for a in el.iter("a") if text(a)]
    whole = text(el)
    if len(links) >= 2:
        rest = text(el, skip=links)
        if _LINK_SEPARATORS.match(rest):
            return [strip_by(text(a)) for a in links]
    if whole:
        return [strip_by(whole)] if len(whole) <= 200 else []
    for img in el.iter("img"):
        alt = " ".join((img.get("alt") or img.get("title") or "").split())
        if alt:
            return [_shown_beside(el, alt) or alt]
    label = el.get("aria-label") or el.get("title")
    return [strip_by(" ".join(label.split()))] if label else []


def _shown_beside(el: Any, alt: str) -> str | None:
    """The name written out next to an avatar whose ``alt`` is its start (a profile block showing
    ``Dmitri "Mitya" Chklovskii`` beside an image whose alt lost everything after a quote)."""
    block = el.getparent()
    if block is None:
        return None
    start = alt.casefold()
    shown = [text(o) for o in block.iter() if isinstance(o.tag, str) and not inside(o, {el})]
    # the innermost element that does: the shortest such text (the alt itself, when written out whole)
    best = min((t for t in shown if len(t) <= 80 and t.casefold().startswith(start)), key=len, default=None)
    return best if best is not None and len(best) > len(alt) else None


def marked_authors(page: Page) -> list[Any]:
    """Every element of the page marked as an author's (class, id, itemprop, rel), once per page."""
    if "authors" not in page.memo:
        page.memo["authors"] = [el for el in page.body.iter() if isinstance(el.tag, str) and el.attrib
                                and _MARKED.search(attribute_words(el)) and _is_author_element(el)]
    return page.memo["authors"]  # type: ignore[no-any-return]


def author_elements(scope: Any, skip: set[Any], marked: list[Any] | None = None) -> list[Any]:
    """The innermost author-marked elements in ``scope`` that name someone (not in ``skip``);
    ``marked`` are the page's author-marked elements when known."""
    if marked is None:
        marked = [el for el in scope.iter() if isinstance(el.tag, str) and _is_author_element(el)]
    found = [el for el in marked if inside(el, {scope}) and not inside(el, skip) and not _in_comments(el, scope)]
    leaves = []
    for el in found:
        inner = [o for o in found if o is not el and inside(o, {el})]
        if inner and any(_element_authors(o) for o in inner):
            continue
        if _element_authors(el):
            leaves.append(el)
    return leaves


def _in_comments(el: Any, stop: Any) -> bool:
    node = el
    while node is not None and node is not stop:
        if "comment" in f"{node.get('class') or ''} {node.get('id') or ''}".lower():
            return True
        node = node.getparent()
    return False


def authors_in(scope: Any, skip: set[Any], marked: list[Any] | None = None) -> tuple[list[str], list[Any]]:
    """Author strings read element by element, and the elements they came from."""
    leaves = author_elements(scope, skip, marked)
    out: list[str] = []
    seen: set[str] = set()
    for el in leaves:
        for value in _element_authors(el):
            key = value.casefold()
            if value and key not in seen:
                seen.add(key)
                out.append(value)
    return out, leaves


_NOT_BYLINE = re.compile(r"\d|\b(?:min(?:ute)?s?|read(?:ing)?|words?|comments?|views?|published|posted|updated|"
                         r"modified|tags?|categor(?:y|ies)|filed|share|edit)\b|^(?:in|on|at|under)\b", re.I)
_CONNECTORS = {"and", "&", "van", "von", "der", "den", "de", "la", "le", "du", "da", "di", "del", "bin", "al", "el",
               "y", "e", "ter", "ten", "dos", "das"}


# Lower-case words that start or fill a phrase rather than a name ("by the way", "by default").
_PHRASE_WORDS = {"the", "a", "an", "this", "that", "these", "our", "my", "your", "their", "its", "of", "to", "in",
                 "on", "at", "for", "from", "is", "was", "default", "way", "far", "now", "then", "me", "us", "it"}
_NAME_EDGES = ",;\"'“”„«»‘’()"


def _looks_like_names(value: str, after_by: bool = False) -> bool:
    """Capitalised words (particles and "and" aside), or words of a script without case; nicknames in
    quotes pass.  ``after_by``: the text follows an explicit "by", which says names come next, so
    lower-case names pass too (``tef``, ``bell hooks``) unless a word reads as part of a phrase."""
    words = [w.strip(_NAME_EDGES) for w in value.split()]
    if not words or len(words) > 16 or ":" in value:
        return False
    for word in words:
        if not word or word.lower() in _CONNECTORS:
            continue
        first = word[0]
        if not first.isalpha():
            return False
        if first.lower() != first.upper() and not first.isupper() and (not after_by or word in _PHRASE_WORDS):
            return False
    return words[0].lower() not in _CONNECTORS


def byline_in_meta_text(rest: str) -> str | None:
    """A byline in a meta line whose date has been taken out: ``(A and B)`` right after the date,
    ``by A``, or the one part between separators (``·``, ``•``, ``|``) that reads as names.

    >>> byline_in_meta_text(" (Noam Razin). "), byline_in_meta_text(" · 3 min · Team PyTorch")
    ('Noam Razin', 'Team PyTorch')
    >>> byline_in_meta_text("Posted on  by Hilde Rasmussen"), byline_in_meta_text(" · 5 min read") is None
    ('Hilde Rasmussen', True)
    """
    rest = rest.strip()
    m = re.match(r"^[\s.,:;·•|—–-]*\(([^()]+)\)", rest)
    if m and m.group(1).strip():
        return m.group(1).strip()
    m = re.search(r"(?:^|[\s·•|,])(?:(?:posted|written|published)\s+)?by\s+([^·•|]+)", rest, re.I)
    if m:
        value = re.split(r"\s+(?:on|in)\s+|\s[-–—]\s", m.group(1))[0].strip(" .,;:")
        if value and _looks_like_names(value, after_by=True):
            return value
    parts = [p.strip(" .,;:—–-") for p in re.split(r"[·•|]|\s[-–—]\s", rest)]
    parts = [p for p in parts if p and not _NOT_BYLINE.search(p)]
    if len(parts) == 1 and _looks_like_names(parts[0]):
        return parts[0]
    return None


# ----------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateClue:
    date: Date | DateError
    why: str
    element: Any
    visible: bool  # the page shows it to readers (text), rather than keeping it in an attribute
    start: int = 0  # where the date's text starts in the element's text (visible clues)
    end: int = 0


_MODIFIED_WORDS = re.compile(r"updat|modif|lastmod|edited|revis", re.I)
_PUBLISHED_WORDS = re.compile(r"publish|dt-published|datecreated|created", re.I)
_MODIFIED_BEFORE = re.compile(r"(?:updated|modified|edited|revised|last\s+\w+|mis\s+à\s+jour|aktualisiert|"
                              r"actualizado)\s*(?:on|:)?\s*$", re.I)


# Only what may hold a date is looked at: attributes and text with four digits in a row (a year).
_DATED_ATTRIBUTES = ".//*[@datetime or contains(translate(@title, '0123456789', '##########'), '####')]"
_DATED_TEXT = ".//text()[contains(translate(., '0123456789', '##########'), '####')]"
_NO_TEXT = {"script", "style", "template", "noscript"}


def _outside(el: Any, scope: Any, skip: set[Any]) -> bool:
    """``el`` is not in ``skip``, a script, or an "updated"/"modified" element, up to ``scope``."""
    node = el
    while node is not None and node is not scope:
        if node in skip or node.tag in _NO_TEXT or not isinstance(node.tag, str) or _modified(node):
            return False
        node = node.getparent()
    return node is not None and scope not in skip


def _modified(el: Any) -> bool:
    """Marked as a modification date, and not also as the publication date (``class="published
    updated"`` is a post never changed, in the hAtom convention)."""
    words = f"{el.get('class') or ''} {el.get('itemprop') or ''} {el.get('id') or ''}"
    return bool(_MODIFIED_WORDS.search(words)) and not _PUBLISHED_WORDS.search(words)


def dates_in(scope: Any, skip: set[Any]) -> list[DateClue]:
    """Publication dates in ``scope``: ``<time datetime>``, a ``title`` attribute holding a date
    (``abbr``, ``span``), and dates in visible text; "updated"/"modified" ones are left out."""
    clues: list[DateClue] = []
    for el in scope.xpath(_DATED_ATTRIBUTES):
        if not _outside(el, scope, skip):
            continue
        for attr in ("datetime", "title"):
            value = el.get(attr)
            if not value or (attr == "title" and not any(ch.isdigit() for ch in value)):
                continue
            try:
                date = read_date(value)
            except DateError as exc:
                clues.append(DateClue(exc, f"{el.tag}[{attr}]", el, False))
                continue
            if date is not None and date.day is not None:
                clues.append(DateClue(date, "<time datetime>" if el.tag == "time" else f"{el.tag}[{attr}]",
                                      el, False))
    for value in scope.xpath(_DATED_TEXT):
        owner = value.getparent()
        if value.is_tail:
            owner = owner.getparent()
        if owner is None or len(value) > 300 or not _outside(owner, scope, skip):
            continue
        for found in find_dates(str(value)):
            if found.date.day is None or _MODIFIED_BEFORE.search(value[: found.start]):
                continue
            clues.append(DateClue(found.date, "date in the text", owner, True))
    return clues


def pick_date(clues: list[DateClue]) -> DateClue | None:
    """Attributes first (they are written for machines), then text; document order within each."""
    attrs = [c for c in clues if not c.visible]
    return (attrs or clues or [None])[0]


# ----------------------------------------------------------------------------- microformats


_MF_ROOT = re.compile(r"^h-[a-z]+(?:-[a-z]+)*$")
_MF1_ROOTS = {"hentry", "vcard", "hfeed", "hcard", "hreview", "hcite"}


def _is_mf_root(el: Any) -> bool:
    return any(_MF_ROOT.match(c) or c in _MF1_ROOTS for c in classes(el))


def _mf_props(root: Any) -> Iterator[tuple[str, Any]]:
    """(class token, element) for every property element of ``root``, not of a nested item."""
    return _item_properties(root, _mf_names, _is_mf_root)


def _mf_names(el: Any) -> list[str]:
    names = list(classes(el))
    return names + ["rel-bookmark"] if "bookmark" in tokens(el.get("rel")) else names


def _item_properties(root: Any, names: Callable[[Any], Iterable[str]],
                     is_item: Callable[[Any], bool]) -> Iterator[tuple[str, Any]]:
    """(property name, element) for the elements below ``root`` in document order (microformats or
    microdata), not below a nested item, whose own element is still given."""
    stack = list(reversed(root))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        for name in names(el):
            yield name, el
        if not is_item(el):
            stack.extend(reversed(el))


def _mf_text(el: Any) -> str:
    values = [v for v in el.iter() if "value" in classes(v) and v is not el]
    if values:
        return " ".join(" ".join((v.get("title") or v.get("value") or text(v)).split()) for v in values)
    if el.tag == "abbr" and el.get("title"):
        return " ".join(el.get("title").split())
    if el.tag in ("data", "input") and el.get("value"):
        return el.get("value").strip()
    if el.tag in ("img", "area") and el.get("alt"):
        return " ".join(el.get("alt").split())
    return text(el)


def _mf_date(el: Any) -> str:
    for attr in ("datetime", "title", "value", "content"):
        if el.get(attr) and (attr != "title" or el.tag == "abbr" or any(ch.isdigit() for ch in el.get(attr))):
            return el.get(attr)
    return _mf_text(el)


def _mf_url(el: Any) -> str | None:
    if el.tag in ("a", "area", "link"):
        return el.get("href")
    if el.tag in ("img", "audio", "video", "source"):
        return el.get("src")
    return el.get("href") or el.get("value") or text(el) or None


def _card_name(card: Any) -> str:
    for c, el in _mf_props(card):
        if c in ("p-name", "fn"):
            return _mf_text(el)
    imgs = [i for i in card.iter("img") if i.get("alt")]
    return text(card) or (" ".join(imgs[0].get("alt").split()) if imgs else "")


def _card_split(card: Any, shown: str) -> Name | None:
    """An h-card's (or vCard's) own split of its name: ``p-given-name``/``p-family-name``, ``given-name``/
    ``family-name``."""
    parts: dict[str, str] = {}
    for c, el in _mf_props(card):
        for part in ("given", "family"):
            if c in (f"p-{part}-name", f"{part}-name"):
                parts.setdefault(part, _mf_text(el))
    return split_name(parts.get("given"), parts.get("family"), shown) if parts.get("family") else None


def mf_entry(scope: Any) -> Any:
    """The h-entry/hentry the scope is, or the only one at the top of it."""
    if classes(scope) & {"h-entry", "hentry"}:
        return scope
    found = scope.xpath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' h-entry ') or "
                        "contains(concat(' ', normalize-space(@class), ' '), ' hentry ')]")
    top = [el for el in found if not any(o is not el and inside(el, {o}) for o in found)]
    return top[0] if len(top) == 1 else None


def read_microformats(root: Any, page: Page, ev: Evidence, rank: int = EXPLICIT) -> None:
    """An h-entry (microformats 2) or hentry (microformats 1): name, url, published, authors, summary."""
    authors: list[str | Name] = []
    for c, el in _mf_props(root):
        if c in ("p-name", "entry-title"):
            ev.add("title", _mf_text(el), f"microformats {c}", rank)
        elif c in ("u-url", "u-uid", "rel-bookmark"):
            ev.add("url", page.url(_mf_url(el)), f"microformats {c}", rank)
        elif c in ("dt-published", "published"):
            value = _mf_date(el)
            try:
                date = read_date(value)
            except DateError as exc:
                ev.add("issued", exc, f"microformats {c}", rank)
                continue
            ev.add("issued", date, f"microformats {c}", rank)
            _shown(ev, el)
        elif c in ("p-author", "author") and (c == "p-author" or _is_mf_root(el)):
            name = _card_name(el) if _is_mf_root(el) else _mf_text(el)
            split = _card_split(el, name) if _is_mf_root(el) else None
            if split is not None:
                authors.append(split)
            elif name and not re.match(r"https?://", name):
                authors.extend(_element_authors(el) if not _is_mf_root(el) else [strip_by(name)])
        elif c in ("p-summary", "entry-summary"):
            ev.add("abstract", _mf_text(el), f"microformats {c}", rank)
        elif c in ("p-category",):
            ev.add("keyword", _mf_text(el), f"microformats {c}", rank)
    if authors:
        ev.add("author", tuple(dict.fromkeys(a for a in authors if a)), "microformats author", rank)
        _add_splits(ev, authors, "microformats given and family names", rank)


def _shown(ev: Evidence, el: Any) -> None:
    """The dates an element shows in its text (the day as the blog's readers see it)."""
    for found in find_dates(text(el)):
        if found.date.day is not None:
            ev.shown.append(found.date)


# ----------------------------------------------------------------------------- microdata

POST_TYPES = {
    "blogposting", "article", "newsarticle", "techarticle", "scholarlyarticle",
    "socialmediaposting", "posting", "liveblogposting", "report", "reportagenewsarticle",
}
WEBPAGE_TYPES = {"webpage", "itempage", "aboutpage", "qapage", "medicalwebpage"}
ORG_TYPES = {"organization", "corporation", "newsmediaorganization", "educationalorganization"}


def _item_types(el: Any) -> set[str]:
    return {t.rstrip("/").rsplit("/", 1)[-1].lower() for t in (el.get("itemtype") or "").split()}


def md_item(scope: Any) -> Any:
    """The microdata post item the scope is, or the only one at the top of it."""
    if scope.get("itemscope") is not None and _item_types(scope) & POST_TYPES:
        return scope
    found = [el for el in scope.iter() if isinstance(el.tag, str) and el.get("itemscope") is not None
             and _item_types(el) & POST_TYPES]
    top = [el for el in found if not any(o is not el and inside(el, {o}) for o in found)]
    return top[0] if len(top) == 1 else None


def _md_props(item: Any) -> Iterator[tuple[str, Any]]:
    return _item_properties(item, lambda el: (el.get("itemprop") or "").split(),
                            lambda el: el.get("itemscope") is not None)


def _md_value(el: Any) -> str | None:
    for attr in ("content", "datetime"):
        if el.get(attr):
            return " ".join(el.get(attr).split())
    if el.tag in ("a", "link", "area"):
        return el.get("href")
    return text(el) or None


def read_microdata(item: Any, page: Page, ev: Evidence, rank: int = EXPLICIT) -> None:
    authors: list[str | Name] = []
    for prop, el in _md_props(item):
        if prop in ("headline", "name"):
            ev.add("title", _md_value(el), f"microdata {prop}", rank)
        elif prop in ("datePublished", "dateCreated"):
            try:
                ev.add("issued", read_date(_md_value(el)), f"microdata {prop}", rank)
            except DateError as exc:
                ev.add("issued", exc, f"microdata {prop}", rank)
            _shown(ev, el)
        elif prop in ("author", "creator"):
            if el.get("itemscope") is not None:
                props = {p: _md_value(n) for p, n in reversed(list(_md_props(el)))}  # the first of each
                value = props.get("name") or text(el)
                split = split_name(props.get("givenName"), props.get("familyName"), value) \
                    if not _item_types(el) & ORG_TYPES else None
                if split is not None:
                    authors.append(split)
                elif value and _item_types(el) & ORG_TYPES:
                    authors.append(Name(literal=value))
                elif value:
                    authors.append(strip_by(value))
            else:
                authors.extend(_element_authors(el))
        elif prop in ("url", "mainEntityOfPage") and el.tag in ("a", "link", "meta"):
            ev.add("url", page.url(_md_value(el)), f"microdata {prop}", rank)
        elif prop == "description":
            ev.add("abstract", _md_value(el), "microdata description", rank)
        elif prop == "inLanguage":
            ev.add("language", _md_value(el), "microdata inLanguage", rank)
    if authors:
        ev.add("author", tuple(dict.fromkeys(authors)), "microdata author", rank)
        _add_splits(ev, authors, "microdata givenName and familyName", rank)


# ----------------------------------------------------------------------------- JSON-LD


def ld_types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type") or ()
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).rsplit("/", 1)[-1].lower() for k in kinds}


def ld_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object that may be a post: lists, @graph, ItemList, Blog.blogPost."""
    if depth > 12:
        return
    if isinstance(data, list):
        for item in data:
            yield from ld_nodes(item, depth + 1)
        return
    if not isinstance(data, dict):
        return
    yield data
    for key in ("@graph", "itemListElement", "item", "blogPost", "blogPosts", "mainEntity", "hasPart"):
        if key in data:
            yield from ld_nodes(data[key], depth + 1)


def ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or value.get("@id") or value.get("url")
    if value is None or isinstance(value, (dict, list)):
        return None
    # Many sites entity-encode JSON-LD strings ("&#8217;") or put markup in them: text as people read it.
    raw = html_lib.unescape(str(value))
    if "<" in raw:
        raw = re.sub(r"<[^<>]{0,500}>", " ", raw)
    out = " ".join(raw.split())
    return out or None


def _ld_authors(value: Any) -> tuple[str | Name, ...]:
    items = value if isinstance(value, list) else [value] if value else []
    out: list[str | Name] = []
    for item in items:
        if isinstance(item, dict):
            name = ld_text(item.get("name"))
            split = None if ld_types(item) & ORG_TYPES else \
                split_name(ld_text(item.get("givenName")), ld_text(item.get("familyName")), name)
            if split is not None:
                out.append(split)
            elif name:
                out.append(Name(literal=name) if ld_types(item) & ORG_TYPES else strip_by(name))
        elif isinstance(item, str) and item.strip() and not re.match(r"https?://", item.strip()):
            out.append(strip_by(ld_text(item) or ""))
    return tuple(a for a in out if a)


@dataclass
class LdPost:
    evidence: Evidence
    url: str | None
    main_entity: str | None  # the page this post is the main thing of, when it says so
    webpage: bool = False  # a WebPage node: says when a page was published, but not that it is a post


def read_json_ld(page: Page, warn: Callable[[int | None, str], None]) -> tuple[list[LdPost], list[str]]:
    """Every post node of the page's JSON-LD, and the names of the blogs and websites it names."""
    posts: list[LdPost] = []
    names: list[str] = []
    for script in page.doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError) as exc:
            warn(line(script), f"JSON-LD block ignored: not valid JSON ({exc})")
            continue
        seen: set[int] = set()
        for node in ld_nodes(data):
            types = ld_types(node)
            if types & {"blog", "website"} and ld_text(node.get("name")):
                names.append(ld_text(node.get("name")))  # type: ignore[arg-type]
            webpage = bool(types & WEBPAGE_TYPES) and not types & POST_TYPES
            if not (types & POST_TYPES or webpage) or id(node) in seen:
                continue
            seen.add(id(node))
            ev = Evidence(line(script))
            rank = OPENGRAPH if webpage else EXPLICIT
            main = node.get("mainEntityOfPage")
            href = ld_text(node.get("url")) or (ld_text(main) if main else None)
            ev.add("title", ld_text(node.get("headline")) or ld_text(node.get("name")), "JSON-LD headline", EXPLICIT)
            ev.add("url", page.url(href), "JSON-LD url", EXPLICIT)
            published = ld_text(node.get("datePublished")) or ld_text(node.get("dateCreated"))
            if published:
                try:
                    ev.add("issued", read_date(published) or DateError(f"not a date: {published!r}"),
                           "JSON-LD datePublished", EXPLICIT)
                except DateError as exc:
                    ev.add("issued", exc, "JSON-LD datePublished", EXPLICIT)
            authors = _ld_authors(node.get("author") or node.get("creator"))
            ev.add("author", authors, "JSON-LD author", EXPLICIT)
            _add_splits(ev, authors, "JSON-LD givenName and familyName", EXPLICIT)
            ev.add("abstract", ld_text(node.get("description")) or ld_text(node.get("abstract")),
                   "JSON-LD description", EXPLICIT)
            part_of = node.get("isPartOf")
            if isinstance(part_of, dict):
                ev.add("container", ld_text(part_of.get("name")), "JSON-LD isPartOf", EXPLICIT)
            keywords = node.get("keywords") or []
            if isinstance(keywords, str):
                keywords = keywords.split(",")
            if isinstance(keywords, list):
                for k in keywords:
                    if not isinstance(k, (dict, list)):
                        ev.add("keyword", ld_text(k), "JSON-LD keywords", EXPLICIT)
            ev.add("language", ld_text(node.get("inLanguage")), "JSON-LD inLanguage", EXPLICIT)
            if webpage:  # a page's node is less than a post's: its fields rank with OpenGraph's
                ev.fields = {k: [Candidate(c.value, c.why.replace("JSON-LD", "JSON-LD WebPage"), rank)
                                 for c in v] for k, v in ev.fields.items()}
            url = page.url(href or ld_text(node.get("@id")))
            posts.append(LdPost(ev, url, page.url(ld_text(main)) if main else None, webpage))
    return posts, names


# ----------------------------------------------------------------------------- the post's own markup


@dataclass
class Scoped:
    """What the markup of one scope says, beyond the explicit layers: kept for the entry finder too."""

    dates: list[DateClue]
    authors: list[str]
    author_elements: list[Any]
    byline: str | None  # from the meta line around the date, when no author element names anyone
    meta_line: Any  # the element around the date


def meta_line_of(clue: DateClue, scope: Any, avoid: set[Any]) -> Any:
    """The short element around a date (``<p class="post-meta">Jun 1, 2023 · A</p>``), within ``scope``."""
    el = clue.element
    while True:
        parent = el.getparent()
        if parent is None or el is scope or parent is scope.getparent():
            return el
        if len(text(parent)) > 200 or any(inside(a, {parent}) for a in avoid) or parent is scope:
            return el
        el = parent


def page_dates(page: Page) -> list[DateClue]:
    """The dates of the whole page, once per page."""
    if "dates" not in page.memo:
        page.memo["dates"] = dates_in(page.body, set())
    return page.memo["dates"]  # type: ignore[no-any-return]


def read_markup(page: Page, scope: Any, skip: set[Any], avoid: set[Any]) -> Scoped:
    """Dates and bylines of a scope's markup; ``avoid`` are the title elements a meta line never holds."""
    dates = [c for c in page_dates(page) if inside(c.element, {scope}) and not inside(c.element, skip)]
    authors, elements = authors_in(scope, skip, marked_authors(page))
    byline, meta = None, None
    clue = pick_date(dates)
    visible = [c for c in dates if c.visible]
    if clue is not None:
        anchor = visible[0] if visible else clue
        meta = meta_line_of(anchor, scope, avoid)
        if not authors:
            whole = text(meta, skip=avoid)
            shown = find_dates(whole)
            if shown:
                first = shown[0]
                byline = byline_in_meta_text(whole[first.end:]) or byline_in_meta_text(whole[: first.start])
            else:
                byline = byline_in_meta_text(whole)
    if not authors and not byline:
        byline = _by_line(scope, skip | avoid)
    return Scoped(dates, authors, elements, byline, meta)


_BY_START = re.compile(r"^(?:(?:posted|written|published)\s+)?by\s+\S", re.I)


def _by_line(scope: Any, skip: set[Any]) -> str | None:
    """A short line of the scope that starts with "By" (``<p>By <strong>A, B and C</strong></p>``)."""
    for el in scope.iter("p", "div", "span", "address", "small", "li", "header", "footer", "section"):
        raw = el.text_content()
        if len(raw) > 400 or not _BY_START.match(raw.lstrip()) or inside(el, skip) or any(
                inside(s, {el}) for s in skip):
            continue
        value = text(el)
        if len(value) <= 200 and _BY_START.match(value):
            found = byline_in_meta_text(value)
            if found:
                return found
    return None


def is_heading(el: Any) -> bool:
    return isinstance(el.tag, str) and el.tag in HEADINGS
