"""The URL crawl: from a blog's address, every post it publishes, each document read as it arrives.

1. The index pages (``rel="next"`` / "Older", up to ``max_pages``) and, with ``feed``, the feed the
   first page advertises (:func:`blogbib.fetch.fetch_index`).
2. With ``sitemap`` (the default), the sitemap: the ``Sitemap:`` lines of the host's ``robots.txt``,
   else ``sitemap.xml`` beside the address (and at the host's root); sitemap indexes are followed.  A
   sitemap URL is a post when it has the path shape of a post found in 1 (:func:`path_shape`), or, when
   1 found none, the shape most of the sitemap's URLs share; the home page and pagination never are.
3. With ``posts``, every post page found in 1 and 2 on the blog's own host, fetched by a few threads
   (``delay`` seconds between the starts of two requests, ``timeout`` for each), and read.

A post found only in the sitemap is read from its page (``posts``) or reported; a page that cannot be
fetched is reported and the rest kept.  Documents are read in the calling thread, in a fixed order.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterator
from urllib.parse import parse_qsl, urljoin, urlsplit

from .errors import Diagnostics, InputError
from .inputs import Source
from .urls import canonical, match_key, site_of

if TYPE_CHECKING:
    from .fetch import Fetched
    from .model import Reference
    from .options import ReadOptions

    Reader = Callable[[Source, Diagnostics], tuple[str, list[Reference]]]

__all__ = ["crawl", "path_shape", "sitemap_posts", "sitemap_locations", "MAX_SITEMAPS", "MAX_SITEMAP_URLS", "CONNECTIONS"]

CONNECTIONS = 4  # post pages fetched at once
MAX_SITEMAPS = 50  # sitemap files read from one site (an index and the sitemaps it lists)
MAX_SITEMAP_URLS = 50_000  # URLs taken from one sitemap file (the sitemaps protocol's own limit)
_PAGINATION = re.compile(r"^page-?\d*$", re.I)  # "page2", "page/2": a listing's later pages, not a post


def crawl(url: str, options: ReadOptions, diag: Diagnostics, read: Reader) -> Iterator[tuple[str, str, list]]:
    """(document URL, reader name, references) for each document of the blog at ``url``, read with ``read``
    (a source and the Diagnostics to report to).

    The start page's problems are reported at the end: when it holds no post (a landing page) but the
    crawl found posts on other pages, its "no posts found" is a warning, not an error.
    """
    from .fetch import fetch_index, session

    start = Diagnostics()
    elsewhere = 0  # references read from the documents after the start page
    with session(options.timeout, connections=CONNECTIONS) as client:
        pages = fetch_index(url, max_pages=options.max_pages, feed=options.feed, timeout=options.timeout,
                            diag=diag, client=client, delay=options.delay)
        found: dict[str, str] = {}  # match key → URL, for every post read so far
        for number, page in enumerate(pages):
            reader, refs = read(Source(page.url, page.text), diag if number else start)
            if number:
                elsewhere += len(refs)
            else:
                on_start = len(refs)
                for name in ("read", "skipped", "merged", "conflicts"):  # counted now, its problems at the end
                    setattr(diag.stats, name, getattr(diag.stats, name) + getattr(start.stats, name))
            yield page.url, reader, refs
            for ref in refs:
                if ref.url and match_key(ref.url) not in found:
                    found[match_key(ref.url)] = ref.url
        own = {s for s in (site_of(url), site_of(pages[0].url), site_of(options.base_url)) if s}
        only_in_sitemap: dict[str, str] = {}  # post URL → the sitemap that lists it
        if options.sitemap:
            listed = sitemap_locations(pages[0].url, client=client, diag=diag, timeout=options.timeout,
                                       delay=options.delay)
            known = {match_key(p.url) for p in pages} | {match_key(url)}
            posts = sitemap_posts(listed, [u for u in found.values() if site_of(u) in own], known)
            only_in_sitemap = {u: listed[u] for u in posts if match_key(u) not in found}
        if options.posts:
            fetched = {match_key(p.url) for p in pages}
            targets = [u for u in [*found.values(), *only_in_sitemap]
                       if site_of(u) in own and match_key(u) not in fetched]
            for page in _fetch_all(targets, client, options, diag):
                reader, refs = read(Source(page.url, page.text), diag)
                elsewhere += len(refs)
                yield page.url, reader, refs
        else:
            for post, where in only_in_sitemap.items():
                diag.warn(post, None, f"found in the sitemap only ({where}); use --posts to read it")
    landing = on_start == 0 and elsewhere > 0
    for problem in start.problems:
        if problem.severity == "warning" or landing and problem.severity == "error":
            note = "; the crawl found the posts on the other pages" if problem.severity == "error" else ""
            diag.warn(problem.source, problem.line, problem.message + note)
        else:
            diag.problems.append(problem)
            if diag.strict:
                raise InputError(problem)


# ----------------------------------------------------------------------------- post pages


def _fetch_all(urls: list[str], client: object, options: ReadOptions, diag: Diagnostics) -> Iterator[Fetched]:
    """Each URL's page, in the order given, fetched by :data:`CONNECTIONS` threads; failures reported."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from .fetch import fetch

    lock = threading.Lock()
    next_start = [time.monotonic()]

    def get(target: str) -> Fetched | InputError:
        if options.delay > 0:  # requests start at least ``delay`` seconds apart, whatever the threads
            with lock:
                wait = next_start[0] - time.monotonic()
                next_start[0] = max(next_start[0], time.monotonic()) + options.delay
            if wait > 0:
                time.sleep(wait)
        try:
            return fetch(target, timeout=options.timeout, client=client)
        except InputError as exc:
            return exc

    pool = ThreadPoolExecutor(max_workers=CONNECTIONS, thread_name_prefix="blogbib-fetch")
    try:
        for result in pool.map(get, urls):
            if isinstance(result, InputError):
                for problem in result.problems:
                    diag.error(problem.source, problem.line, f"{problem.message} (a post page; the other "
                               "pages were read)", skipped=False)
            else:
                yield result
    finally:  # stopped early (--strict, Ctrl-C): the pages not yet asked for never are
        pool.shutdown(wait=True, cancel_futures=True)


# ----------------------------------------------------------------------------- which sitemap URLs are posts


def path_shape(url: str) -> tuple[str, ...] | None:
    """What a blog's posts share in their addresses: host, fixed path segments, numbers (dates, ids)
    as ``#``, the last segment (the slug) as ``*`` with its file suffix, the trailing slash and the
    query's parameter names.  None for the home page.

    >>> path_shape("http://x.org/blog/2020/07/06/gan-min-max/") == path_shape("http://x.org/blog/2016/03/24/saddles/")
    True
    >>> path_shape("http://x.org/blog/tags/gans/") == path_shape("http://x.org/blog/2016/03/24/saddles/")
    False
    >>> path_shape("http://x.org/posts/rlhf.html"), path_shape("http://x.org/index.html")
    (('x.org', 'posts', '*.html', ''), None)
    """
    parts = urlsplit(canonical(url) or url)
    segments = [s for s in parts.path.split("/") if s]
    query = tuple(sorted(name for name, _ in parse_qsl(parts.query)))
    if not segments and not query:
        return None
    shape = ["#" if s.isdigit() else s for s in segments[:-1]]
    if segments:
        last = segments[-1]
        suffix = re.search(r"\.[A-Za-z0-9]{1,5}$", last)
        shape.append("#" if last.isdigit() else "*" + (suffix[0].lower() if suffix else ""))
    return (site_of(url) or "", *shape, "/" if parts.path.endswith("/") and segments else "", *query)


def sitemap_posts(listed: dict[str, str], posts_found: list[str], known: set[str | None]) -> list[str]:
    """The sitemap URLs that are posts: those shaped like a post found, else like most of the sitemap's."""
    candidates = [u for u in listed if match_key(u) not in known and not _is_pagination(u)]
    shapes = {path_shape(u) for u in posts_found} - {None}
    if not shapes:  # nothing to compare with: the shape most of the sitemap's URLs share
        counts = Counter(path_shape(u) for u in candidates)
        counts.pop(None, None)
        if counts:
            shape, count = counts.most_common(1)[0]
            shapes = {shape} if count >= 2 else set()
    return [u for u in candidates if path_shape(u) in shapes]


def _is_pagination(url: str) -> bool:
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return bool(segments) and (_PAGINATION.match(segments[-1]) is not None
                               or len(segments) > 1 and segments[-1].isdigit() and _PAGINATION.match(segments[-2]))


# ----------------------------------------------------------------------------- reading sitemaps


def sitemap_locations(url: str, *, client: object, diag: Diagnostics, timeout: float, delay: float = 0.0
                      ) -> dict[str, str]:
    """Every page URL the site's sitemaps list, each with the sitemap that lists it.

    Sitemaps named by ``robots.txt`` must be readable (a failure is reported); without one, ``sitemap.xml``
    beside ``url`` and at the host's root are tried, and their absence is no problem.
    """
    import time

    from .fetch import fetch

    root = urljoin(url, "/")
    named: list[str] = []
    try:
        robots = fetch(urljoin(root, "robots.txt"), timeout=timeout, max_bytes=512 * 1024, client=client)
        named = [m.strip() for m in re.findall(r"(?im)^\s*sitemap\s*:\s*(\S+)", robots.text)]
    except InputError:
        pass  # no robots.txt: sitemaps are looked for where they usually are
    guesses = [] if named else list(dict.fromkeys([urljoin(url, "sitemap.xml"), urljoin(root, "sitemap.xml")]))
    queue = [(u, True) for u in named] + [(u, False) for u in guesses]
    seen: set[str] = set()
    pages: dict[str, str] = {}
    while queue and len(seen) < MAX_SITEMAPS:
        target, required = queue.pop(0)
        if target in seen or site_of(target) != site_of(url):
            continue
        seen.add(target)
        if delay > 0:
            time.sleep(delay)
        try:
            text = fetch(target, timeout=timeout, client=client).text
        except InputError as exc:
            if required or not any(re.search(r"HTTP 4\d\d", p.message) for p in exc.problems):
                for problem in exc.problems:
                    diag.error(problem.source, problem.line, f"{problem.message} (the blog's sitemap; the "
                               "posts found elsewhere were read)", skipped=False)
            continue
        parsed = _parse_sitemap(text, target, diag, required)
        if parsed is None:  # reported if it was named; a guessed address may answer with anything
            continue
        kind, locations = parsed
        if kind == "sitemapindex":
            queue += [(u, True) for u in locations]
            continue
        for location in locations:
            pages.setdefault(location, target)
    if queue and len(seen) >= MAX_SITEMAPS:
        diag.warn(url, None, f"more than {MAX_SITEMAPS} sitemaps; the first {MAX_SITEMAPS} were read")
    return pages


def _parse_sitemap(text: str, source: str, diag: Diagnostics, required: bool) -> tuple[str, list[str]] | None:
    """(``urlset`` or ``sitemapindex``, the ``<loc>`` URLs), or None (reported if ``required``).

    Entities are never expanded and no DTD or network is used."""
    from lxml import etree

    head = text.lstrip("\ufeff \t\r\n")
    if "<urlset" not in head and "<sitemapindex" not in head:
        if required:
            diag.error(source, None, "not a sitemap (no <urlset> or <sitemapindex>)", skipped=False)
        return None
    root_at = re.search(r"<(?:\w+:)?(?:urlset|sitemapindex)\b", head)
    if root_at and re.search(r"<!ENTITY|<!DOCTYPE", head[: root_at.start()], re.I):
        diag.error(source, None, "the sitemap declares a DTD or entities; refusing to read it", skipped=False)
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:  # already decoded: the declaration's encoding no longer applies
        root = etree.fromstring(re.sub(r"^<\?xml[^>]*\?>", "", head), parser)
    except etree.XMLSyntaxError as exc:
        diag.error(source, exc.lineno, f"not a readable sitemap ({exc.msg})", skipped=False)
        return None
    kind = etree.QName(root).localname
    locations = []
    for element in root.iter("{*}loc"):
        value = (element.text or "").strip()
        if re.match(r"https?://", value, re.I):
            locations.append(value)
        if len(locations) >= MAX_SITEMAP_URLS:
            diag.warn(source, None, f"over {MAX_SITEMAP_URLS:,} URLs; the first {MAX_SITEMAP_URLS:,} were read")
            break
    return kind, locations
