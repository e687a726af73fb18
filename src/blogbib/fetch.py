"""Fetching inputs from the web (the only module that imports httpx).

``blogbib export https://blog.example/`` reads the page, follows the index's
pagination (``rel="next"``, an "Older" link) up to ``max_pages`` pages, and can
also read the feed the page advertises (``<link rel="alternate">``); the rest of
the crawl (sitemap, post pages) is :mod:`blogbib.crawl`.

Every request has a timeout, a size cap (checked against ``Content-Length``
and while streaming, so a huge or endless body is cut off; a gzip file, such as
``sitemap.xml.gz``, is unpacked within the same cap), at most
:data:`MAX_REDIRECTS` redirects, and only ``http``/``https`` URLs.  Any failure
is an :class:`~blogbib.errors.InputError` naming the URL and saying what went
wrong, never a traceback; when an older page or the feed fails, the pages
already fetched are kept and the failure is reported (see :func:`fetch_index`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import Diagnostics, InputError, Problem
from .inputs import decode

__all__ = ["Fetched", "fetch", "fetch_index", "session", "is_url", "DEFAULT_TIMEOUT", "DEFAULT_MAX_BYTES", "MAX_REDIRECTS"]

DEFAULT_TIMEOUT = 20.0  # seconds, for connecting and for each read
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
USER_AGENT = "blogbib (+https://pypi.org/project/blogbib/)"


def is_url(spec: object) -> bool:
    return isinstance(spec, str) and re.match(r"https?://", spec.strip(), re.I) is not None


@dataclass(frozen=True)
class Fetched:
    """One fetched document: the URL it finally came from, its text and media type."""

    url: str
    text: str
    content_type: str = ""


def session(timeout: float = DEFAULT_TIMEOUT, connections: int = 1) -> Any:
    """An HTTP client for several requests (closed by ``with``): redirects followed, ``timeout`` per
    request, at most ``connections`` open at once; safe to share between threads."""
    import httpx

    return httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=httpx.Timeout(timeout),
                        headers={"User-Agent": USER_AGENT},
                        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections))


def _fail(url: str, message: str) -> InputError:
    return InputError(Problem(url, None, message))


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
          client: object | None = None) -> Fetched:
    """GET one URL and decode it (charset from the header, else a BOM or UTF-8)."""
    import httpx

    if not is_url(url):
        raise _fail(url, "only http:// and https:// URLs can be fetched")
    own = client is None
    http = client or session(timeout)
    try:
        with http.stream("GET", url, timeout=timeout) as response:  # type: ignore[attr-defined]
            if response.status_code >= 400:
                raise _fail(url, f"could not fetch: HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise _fail(url, f"could not fetch: the document is {int(declared):,} bytes, "
                                 f"over the {max_bytes:,}-byte limit")
            chunks, total = [], 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise _fail(url, f"could not fetch: the document is over the {max_bytes:,}-byte limit")
                chunks.append(chunk)
            final = str(response.url)
            content_type = response.headers.get("content-type", "")
            charset = response.charset_encoding
    except httpx.TooManyRedirects:
        raise _fail(url, f"could not fetch: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise _fail(url, f"could not fetch: no answer within {timeout:g} seconds") from None
    except httpx.InvalidURL as exc:
        raise _fail(url, f"not a valid URL ({exc})") from None
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise _fail(url, f"could not fetch: {reason}") from None
    finally:
        if own:
            http.close()  # type: ignore[attr-defined]
    data = b"".join(chunks)
    if data.startswith(b"\x1f\x8b"):  # a gzip file (sitemap.xml.gz), not a gzip transfer encoding
        data = _gunzip(data, url, max_bytes)
    return Fetched(final, _decode(data, charset, final), content_type.split(";")[0].strip().lower())


def _gunzip(data: bytes, url: str, max_bytes: int) -> bytes:
    """The content of a gzip file, no more than ``max_bytes`` of it (a small file can unpack to gigabytes)."""
    import zlib

    unpacker = zlib.decompressobj(wbits=31)
    try:
        out = unpacker.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise _fail(url, f"could not fetch: a damaged gzip file ({exc})") from None
    if len(out) > max_bytes:
        raise _fail(url, f"could not fetch: the document unpacks to over the {max_bytes:,}-byte limit")
    return out


def _decode(data: bytes, charset: str | None, name: str) -> str:
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong header: the bytes themselves decide below
    try:
        return decode(data, name)
    except InputError:
        declared = re.search(rb"""<meta[^>]{0,200}charset=["']?([A-Za-z0-9_-]{1,40})""", data[:4096], re.I)
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise


def fetch_index(url: str, *, max_pages: int = 10, feed: bool = False, timeout: float = DEFAULT_TIMEOUT,
                max_bytes: int = DEFAULT_MAX_BYTES, diag: Diagnostics | None = None, client: Any = None,
                delay: float = 0.0) -> list[Fetched]:
    """The page at ``url``, the older index pages after it (up to ``max_pages``
    pages in all), and with ``feed`` the first feed the first page advertises;
    ``delay`` seconds between two requests, through ``client`` if given (:func:`session`).

    Pagination stops at a page already seen, so a loop of "Older" links ends.
    The first page must be fetched (else :class:`InputError`).  An older page
    or the feed that cannot be fetched is reported to ``diag`` as an input
    that could not be read, and the pages fetched so far are kept; without
    ``diag`` it raises like the first page.
    """
    import time
    from contextlib import nullcontext

    from .formats.html import page_links, sniff

    if max_pages < 1:
        raise InputError(Problem(url, None, "max_pages must be at least 1"))
    pages: list[Fetched] = []
    seen: set[str] = set()
    feeds: tuple[str, ...] = ()

    def later(target: str) -> Fetched | None:
        if delay > 0:
            time.sleep(delay)
        try:
            return fetch(target, timeout=timeout, max_bytes=max_bytes, client=client)
        except InputError as exc:
            if diag is None:
                raise
            for problem in exc.problems:
                diag.error(problem.source, problem.line, f"{problem.message} (linked from {url}; "
                           f"the {len(pages)} page{'s' if len(pages) != 1 else ''} fetched before it were read)",
                           skipped=False)
            return None

    with nullcontext(client) if client is not None else session(timeout) as client:
        next_url: str | None = url
        while next_url and len(pages) < max_pages and next_url not in seen:
            seen.add(next_url)
            page = later(next_url) if pages else fetch(next_url, timeout=timeout, max_bytes=max_bytes, client=client)
            if page is None:
                break
            seen.add(page.url)
            pages.append(page)
            if "html" not in page.content_type and not sniff(page.text):
                break  # a feed or a bibliography: nothing to paginate
            links = page_links(page.text, page.url)
            if len(pages) == 1:
                feeds = links.feeds
            next_url = links.next
        if feed and feeds and feeds[0] not in seen:
            fetched = later(feeds[0])
            if fetched is not None:
                pages.append(fetched)
    return pages
