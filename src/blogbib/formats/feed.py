"""RSS 2.0, RSS 1.0 and Atom feeds, through feedparser (the only module importing it).

Per item: title, link, date and time, authors (``author``, every
``dc:creator``, Atom ``<author><name>``), summary; the channel title is the
blog's name.  Titles and summaries marked up as HTML come out as people read
them: ``&amp;#58;`` inside the XML is a colon, tags are dropped.

Dates keep their time of day.  A feed's date is an instant with an offset
(``Thu, 06 Jul 2017 23:00:00 -0700``).  By default the date is the one written
in the feed, in the offset the feed gives, which for a blog that writes its own
feed is the blog's time zone: the date its readers see on the index page (the
example above is July 6, not July 7 as in UTC).  ``ReadOptions.timezone``
(``--timezone``) converts to a named zone first, for feeds written in UTC.

A long summary (feeds often carry the whole post) is cut to its first
:data:`EXCERPT_WORDS` words, ending in "…".
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import html
import re
from typing import Any

from ..dates import DateError, from_datetime, in_timezone, parse_date
from ..errors import Diagnostics
from ..model import Date, Name, Origin, Reference
from ..names import parse_byline
from ..urls import rebase, resolve, site_of
from ..options import ReadOptions
from .sniff import feed as sniff  # noqa: F401  (sniffing lives in the registry)

__all__ = ["read", "sniff", "EXCERPT_WORDS", "feed_date"]

EXCERPT_WORDS = 50
_ROOT = re.compile(r"<(?:rss|feed|(?:rdf:)?RDF)[\s>]")
_ITEM_START = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(item|entry)[\s>/]")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)?[^<>]*>")
_BLOCK = {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
          "blockquote", "pre", "table", "hr", "section", "article", "figure", "figcaption", "dt", "dd"}


def _plain(value: str | None, kind: str | None = "text/html") -> str | None:
    """Text as people read it: tags dropped and entities decoded for HTML values."""
    if not value:
        return None
    if kind and "html" in kind:
        value = html.unescape(_TAG.sub(lambda m: " " if (m[2] or "").lower() in _BLOCK else "", value))
    text = " ".join(value.split())
    return text or None


def _excerpt(text: str | None) -> str | None:
    if not text:
        return None
    words = text.split()
    if len(words) <= EXCERPT_WORDS:
        return text
    return " ".join(words[:EXCERPT_WORDS]).rstrip(",;:") + "…"


def feed_date(text: str, timezone: str | None = None) -> Date:
    """An RFC 822 (RSS) or ISO 8601 (Atom) date, keeping its time and offset.

    >>> feed_date("Thu, 06 Jul 2017 23:00:00 -0700")
    Date(year=2017, month=7, day=6, time='23:00:00-07:00')
    >>> feed_date("Thu, 06 Jul 2017 23:00:00 -0700", "UTC").day
    7
    """
    text = " ".join(text.split())
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = None
    if isinstance(moment, _dt.datetime):
        try:
            return from_datetime(moment, timezone)
        except ValueError as exc:
            raise DateError(str(exc)) from None
    return in_timezone(parse_date(text), timezone)


def _line_starts(text: str) -> list[int]:
    lines, count, last = [], 1, 0
    for m in _ITEM_START.finditer(text):
        count += text.count("\n", last, m.start())
        last = m.start()
        lines.append(count)
    return lines


def _prepare(text: str) -> bytes:
    # Hand feedparser bytes (a str that looks like a URL or a path would be fetched or
    # opened) and say they are UTF-8, whatever the declaration said before decoding.
    text = text.lstrip("\ufeff")
    text = re.sub(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""", r'\1"utf-8"', text, count=1)
    return text.encode("utf-8", "surrogatepass")


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Reference]:
    import feedparser

    root = _ROOT.search(text)
    prolog = text[: root.start()] if root else text  # a DTD can only come before the root element
    declared = re.search(r"<!ENTITY", prolog, re.I)
    if declared:
        diag.error(source, prolog.count("\n", 0, declared.start()) + 1,
                   "the feed declares XML entities; refusing to expand them", skipped=False)
        return []
    try:
        parsed = feedparser.parse(_prepare(text), response_headers={"content-type": "application/xml; charset=utf-8"},
                                  sanitize_html=False, resolve_relative_uris=True)
    except Exception as exc:  # noqa: BLE001 - feedparser's own failures become one clear message
        diag.error(source, 1, f"not a readable feed ({type(exc).__name__}: {exc})", skipped=False)
        return []
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        exc = parsed.get("bozo_exception")
        line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else 1
        diag.error(source, line, f"not a readable RSS or Atom feed: {exc}", skipped=False)
        return []
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
        diag.warn(source, line, f"the feed is not well-formed XML ({exc}); read leniently")
    channel = parsed.get("feed", {})
    detail = channel.get("title_detail") or {}
    blog = _plain(channel.get("title"), detail.get("type"))
    home = channel.get("link")
    self_links = [ln.get("href") for ln in channel.get("links", []) if ln.get("rel") == "self"]
    page_url = options.url or (source if re.match(r"https?://", source, re.I) else None)
    own_sites = {s for s in (site_of(u) for u in [home, page_url, *self_links]) if s}
    base = home or page_url or options.base_url
    starts = _line_starts(text)
    refs = []
    for index, entry in enumerate(entries):
        diag.stats.read += 1
        line = starts[index] if index < len(starts) else None
        ref = _entry(entry, line, source, diag, options, blog, base, own_sites)
        if ref is not None:
            refs.append(ref)
    return refs


def _entry(entry: Any, line: int | None, source: str, diag: Diagnostics, options: ReadOptions,
           blog: str | None, base: str | None, own_sites: set[str]) -> Reference | None:
    title = _plain(entry.get("title"), (entry.get("title_detail") or {}).get("type", "text/html"))
    if not title:
        diag.error(source, line, "feed item has no title")
        return None
    issued: Date | None = None
    raw_date = entry.get("published") or entry.get("created")
    if not raw_date and entry.get("updated"):
        raw_date = entry.get("updated")
        diag.warn(source, line, f'"{title[:60]}": no publication date; using the updated date')
    if raw_date:
        try:
            issued = feed_date(raw_date, options.timezone)
        except DateError as exc:
            diag.error(source, line, f'"{title[:60]}": no valid date in {raw_date!r}: {exc}')
            return None
    else:
        diag.warn(source, line, f'"{title[:60]}" has no date')
    names: list[Name] = []
    more = False
    people = entry.get("authors") or ([{"name": entry["author"]}] if entry.get("author") else [])
    for person in people:
        text = (person.get("name") or "").strip() if isinstance(person, dict) else ""
        if not text:
            continue
        parsed, etal = parse_byline(text)
        names.extend(parsed)
        more = more or etal
    for name in names:
        if name.literal is not None:
            diag.warn(source, line, f'"{name.literal}" read as an organisation (literal author)')
    link = entry.get("link")
    if not link:
        link = next((ln.get("href") for ln in entry.get("links", []) if ln.get("rel") in (None, "alternate")), None)
    if not link and entry.get("guidislink") and entry.get("id"):
        link = entry.get("id")
    url = rebase(resolve(link, base or options.base_url), options.base_url, own_sites)
    summary_detail = entry.get("summary_detail") or {}
    abstract = _excerpt(_plain(entry.get("summary"), summary_detail.get("type", "text/html")))
    if abstract is None and entry.get("content"):
        content = entry["content"][0]  # Atom with <content> only: its opening words
        abstract = _excerpt(_plain(content.get("value"), content.get("type")))
    tags = [_plain(t.get("term"), "text/plain") for t in entry.get("tags", []) if isinstance(t, dict)]
    return Reference(
        title=title,
        author=tuple(dict.fromkeys(names)),
        more_authors=more,
        issued=issued,
        container_title=options.blog_title or blog,
        url=url,
        abstract=abstract,
        keyword=tuple(t for t in dict.fromkeys(tags) if t),
        origin=Origin(source, line),
    )
