"""RSS 2.0, RSS 1.0 and Atom feeds, through feedparser (the only module importing it), and JSON Feed.

Per item: title, link, date and time, authors (``author``, every
``dc:creator``, every Atom ``<author><name>``, JSON Feed ``authors``), summary;
the channel title is the blog's name.  Titles and summaries marked up as HTML
come out as people read them: ``&amp;#58;`` inside the XML is a colon, tags are
dropped.  Author strings go through :func:`blogbib.names.names_from_bylines`
(markup, arrays printed as text such as ``["A", "B"]``, decorations).  A
channel-level author (``<managingEditor>``, the feed's ``<author>``) is the
site's owner, not each post's author: it is kept in ``extra`` as
``site-author`` for the items that name no author, with a warning.

Dates keep their time of day.  A feed's date is an instant with an offset
(``Thu, 06 Jul 2017 23:00:00 -0700``).  By default the date is the one written
in the feed, in the offset the feed gives, which for a blog that writes its own
feed is the blog's time zone: the date its readers see on the index page (the
example above is July 6, not July 7 as in UTC).  ``ReadOptions.timezone``
(``--timezone``) converts to a named zone first, for feeds written in UTC.  A
feed written in UTC (``GMT``, ``Z``) keeps its time too, so a merge can match
the same post a day apart.

A long summary (feeds often carry the whole post) is cut to its first
:data:`EXCERPT_WORDS` words, ending in "…".
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import html
import json
import re
from dataclasses import replace
from typing import Any

from ..dates import DateError, from_datetime, in_timezone, parse_date
from ..errors import Diagnostics
from ..model import Date, Origin, Reference
from ..names import names_from_bylines
from ..urls import rebase, resolve, site_of
from ..options import ReadOptions
from .sniff import feed as sniff  # noqa: F401  (sniffing lives in the registry)

__all__ = ["read", "sniff", "EXCERPT_WORDS", "feed_date", "JSON_FEED_ITEM"]

# JSON Feed 1.0/1.1 (jsonfeed.org): item field → the field of feedparser's entries it stands for, so
# both kinds of feed go through one reading of an entry.  (Top level: title, home_page_url, feed_url,
# authors or 1.0's author.)
JSON_FEED_ITEM = {
    "title": "title",
    "url": "link",  # else external_url, else an id that is a URL
    "date_published": "published",
    "date_modified": "updated",
    "authors": "authors",  # 1.0: author
    "summary": "summary",  # else content_text, else content_html
    "tags": "tags",
}
SITE_AUTHOR = "site-author"  # extra: the channel's author, for items that name none

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
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        parsed = _json_feed(text, source, diag)
    else:
        parsed = _xml_feed(text, source, diag)
    if parsed is None:
        return []
    channel, entries, starts = parsed
    blog = _plain(channel.get("title"), (channel.get("title_detail") or {}).get("type"))
    home = channel.get("link")
    self_links = [ln.get("href") for ln in channel.get("links", []) if ln.get("rel") == "self"]
    page_url = options.url or (source if re.match(r"https?://", source, re.I) else None)
    own_sites = {s for s in (site_of(u) for u in [home, page_url, *self_links]) if s}
    base = home or page_url or options.base_url
    owner = [p.get("name") for p in _people(channel) if (p.get("name") or "").strip()]
    refs = []
    for index, entry in enumerate(entries):
        diag.stats.read += 1
        line = starts[index] if index < len(starts) else None
        ref = _entry(entry, line, source, diag, options, blog, base, own_sites)
        if ref is not None:
            refs.append(ref)
    if owner and any(not r.author for r in refs):
        refs = _with_site_author(refs, owner, source, diag)
    return refs


def _with_site_author(refs: list[Reference], owner: list[str], source: str, diag: Diagnostics) -> list[Reference]:
    """The channel's author, kept in ``extra`` of the items that name none (not as their author)."""
    names, _ = names_from_bylines(owner)
    value = "; ".join(n.display() for n in names)
    if not value:
        return refs
    ownerless = [r for r in refs if not r.author]
    origin = ownerless[0].origin
    diag.warn(source, origin.line if origin else None,
              f'{len(ownerless)} of {len(refs)} items name no author; the feed\'s own author "{value}" is the '
              f'site\'s, not taken as theirs (kept as extra "{SITE_AUTHOR}")')
    return [r if r.author else replace(r, extra=(*r.extra, (SITE_AUTHOR, value))) for r in refs]


def _people(node: Any) -> list[dict]:
    people = node.get("authors") or ([{"name": node["author"]}] if node.get("author") else [])
    return [p for p in people if isinstance(p, dict)]


def _xml_feed(text: str, source: str, diag: Diagnostics) -> tuple[Any, list[Any], list[int]] | None:
    """RSS or Atom through feedparser: (channel, entries, the line each entry starts on), or None."""
    import feedparser

    root = _ROOT.search(text)
    prolog = text[: root.start()] if root else text  # a DTD can only come before the root element
    declared = re.search(r"<!ENTITY", prolog, re.I)
    if declared:
        diag.error(source, prolog.count("\n", 0, declared.start()) + 1,
                   "the feed declares XML entities; refusing to expand them", skipped=False)
        return None
    try:
        parsed = feedparser.parse(_prepare(text), response_headers={"content-type": "application/xml; charset=utf-8"},
                                  sanitize_html=False, resolve_relative_uris=True)
    except Exception as exc:  # noqa: BLE001 - feedparser's own failures become one clear message
        diag.error(source, 1, f"not a readable feed ({type(exc).__name__}: {exc})", skipped=False)
        return None
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        exc = parsed.get("bozo_exception")
        line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else 1
        diag.error(source, line, f"not a readable RSS or Atom feed: {exc}", skipped=False)
        return None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
        diag.warn(source, line, f"the feed is not well-formed XML ({exc}); read leniently")
    return parsed.get("feed", {}), entries, _line_starts(text)


def _json_list(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _json_feed(text: str, source: str, diag: Diagnostics) -> tuple[dict, list[dict], list[int]] | None:
    """A JSON Feed, its channel and items in feedparser's shape (see :data:`JSON_FEED_ITEM`)."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError as exc:
        diag.error(source, getattr(exc, "lineno", 1), f"not a readable JSON Feed: {exc}", skipped=False)
        return None
    except RecursionError:
        diag.error(source, 1, "not a readable JSON Feed: nested too deeply", skipped=False)
        return None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list) or "jsonfeed.org/version/" not in str(data.get("version", "")):
        diag.error(source, 1, 'not a JSON Feed (no "version" of jsonfeed.org and "items" list)', skipped=False)
        return None
    channel = {"title": data.get("title"), "title_detail": {"type": "text/plain"},
               "link": data.get("home_page_url"), "links": [{"rel": "self", "href": data.get("feed_url")}],
               "authors": _json_list(data.get("authors")) or _json_list([data.get("author")])}
    entries, lines = [], []
    at = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        entry = {JSON_FEED_ITEM[k]: v for k, v in item.items()
                 if k in JSON_FEED_ITEM and isinstance(v, list if k in ("authors", "tags") else str)}
        entry["title_detail"] = {"type": "text/plain"}
        if "link" not in entry:
            entry["link"] = item.get("external_url") or (
                item.get("id") if re.match(r"https?://", str(item.get("id", ""))) else None)
        entry["authors"] = _json_list(entry.get("authors")) or _json_list([item.get("author")])
        summary, kind = next(((item[k], t) for k, t in (("summary", "text/plain"), ("content_text", "text/plain"),
                                                          ("content_html", "text/html"))
                              if isinstance(item.get(k), str) and item[k].strip()), (None, None))
        entry["summary"], entry["summary_detail"] = summary, {"type": kind}
        entry["tags"] = [{"term": t} for t in entry.get("tags", []) if isinstance(t, str)]
        # The line an item starts on: where its id (else its URL) is first written after the last item's.
        key = item.get("id") or item.get("url")
        found = -1
        if isinstance(key, str) and key:
            quoted = json.dumps(key, ensure_ascii=False)
            found = next((i for i in (text.find(q, at) for q in (quoted, quoted.replace("/", "\\/"))) if i >= 0), -1)
        if found >= 0:
            at = found + 1
        lines.append(text.count("\n", 0, found) + 1 if found >= 0 else None)
        entries.append(entry)
    return channel, entries, lines


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
    bylines = [p["name"] for p in _people(entry) if isinstance(p.get("name"), str) and p["name"].strip()]
    names, more = names_from_bylines(bylines, source=source, line=line, diag=diag)
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
        author=names,
        more_authors=more,
        issued=issued,
        container_title=options.blog_title or blog,
        url=url,
        abstract=abstract,
        keyword=tuple(t for t in dict.fromkeys(tags) if t),
        origin=Origin(source, line),
    )
