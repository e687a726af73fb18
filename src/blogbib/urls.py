"""URLs of posts: resolving links, moving a blog to its chosen address, matching.

A blog is often served at several addresses (``offconvex.github.io`` and
``www.offconvex.org``).  Readers resolve links against the page's base and,
when the user names the blog's address (``--base-url``), move every link that
points into the blog's own site onto that address, so the same post read from
an index page and from a feed gets the same URL.  :func:`match_key` is what
:mod:`blogbib.merge` compares.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

__all__ = ["resolve", "rebase", "site_of", "match_key", "canonical", "is_tracked", "is_web_url", "safe_url",
           "markdown_autolink"]

# Query parameters that say how a reader arrived (campaign and click trackers), not which page:
# matching ignores them.
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
                             "mc_cid", "mc_eid", "ref", "ref_src", "_ga", "_gl"})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")


def _tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def is_tracked(url: str | None) -> bool:
    """Whether ``url`` carries a tracking parameter (``?utm_source=…``)."""
    if not url or "?" not in url:
        return False
    from urllib.parse import parse_qsl

    try:
        return any(_tracking(name) for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True))
    except ValueError:
        return False

# A folder's default page: a link to it is a link to the folder.
_INDEX_PAGES = ("index.html", "index.htm")


def is_web_url(text: str | None) -> bool:
    return bool(text) and urlsplit(text.strip()).scheme.lower() in ("http", "https")  # type: ignore[union-attr]


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute ``http``/``https`` URL that may be a link, else ``None``.

    >>> safe_url("https://www.offconvex.org/"), safe_url("javascript:alert(1)"), safe_url("//x.org")
    ('https://www.offconvex.org/', None, None)
    """
    if not url:
        return None
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def markdown_autolink(url: str | None) -> str | None:
    """The URL as a Markdown autolink (``<https://…>``) if it may be a link (see :func:`safe_url`).

    Backslash escapes do not work inside an autolink, so nothing is escaped;
    an angle bracket, which would end it, is percent-encoded.

    >>> markdown_autolink("https://e.org/a_b?x=<1>"), markdown_autolink("javascript:alert(1)")
    ('<https://e.org/a_b?x=%3C1%3E>', None)
    """
    url = safe_url(url)
    return None if url is None else "<" + url.replace(">", "%3E").replace("<", "%3C") + ">"


def resolve(href: str | None, base: str | None) -> str | None:
    """An absolute URL for ``href`` (or ``None`` for empty / script links).

    >>> resolve("/2022/07/15/post/", "http://offconvex.github.io/")
    'http://offconvex.github.io/2022/07/15/post/'
    >>> resolve("javascript:alert(1)", "http://example.org/") is None
    True
    """
    if href is None:
        return None
    href = "".join(href.split())  # browsers drop whitespace inside href values
    if not href or href.startswith("#"):
        return None
    try:
        url = urljoin(base, href) if base else href
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme and scheme not in ("http", "https"):
        return None  # javascript:, data:, mailto: are not post addresses
    return url


def site_of(url: str | None) -> str | None:
    """The ``host[:port]`` part of a URL, lower-cased, without ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url).netloc.lower()
    except ValueError:
        return None
    host = host.rsplit("@", 1)[-1]
    return host[4:] if host.startswith("www.") else host or None


def rebase(url: str | None, base_url: str | None, own_sites: set[str]) -> str | None:
    """Move ``url`` onto ``base_url`` if it points into one of ``own_sites``.

    >>> rebase("http://offconvex.github.io/2017/07/19/x/", "http://www.offconvex.org/", {"offconvex.github.io"})
    'http://www.offconvex.org/2017/07/19/x/'
    >>> rebase("https://arxiv.org/abs/1", "http://www.offconvex.org/", {"offconvex.github.io"})
    'https://arxiv.org/abs/1'
    """
    if not url or not base_url:
        return url
    site = site_of(url)
    if site is None or site not in own_sites | {site_of(base_url)}:
        return url
    old, new = urlsplit(url), urlsplit(base_url)
    prefix = new.path.rstrip("/")
    path = old.path
    if prefix and not path.startswith(prefix + "/") and path != prefix:
        path = prefix + (path if path.startswith("/") else "/" + path)
    return urlunsplit((new.scheme, new.netloc, path, old.query, old.fragment))


def canonical(url: str | None) -> str | None:
    """The address a post is known by: a folder's ``index.html`` written as the folder.

    >>> canonical("http://example.org/2022/12/09/post/index.html?x=1#top")
    'http://example.org/2022/12/09/post/?x=1#top'
    >>> canonical("http://example.org/index.html"), canonical("http://example.org/about.html")
    ('http://example.org/', 'http://example.org/about.html')
    """
    if not url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = parts.path
    for index in _INDEX_PAGES:
        if path == index or path.endswith("/" + index):
            return urlunsplit(parts._replace(path=path[: -len(index)]))
    return url


def match_key(url: str | None) -> str | None:
    """A URL reduced to what identifies a post: scheme, ``www.``, default port,
    ``index.html``, trailing slash, fragment, tracking parameters, the order of
    the other parameters and case do not matter.

    >>> match_key("HTTPS://www.Example.org:443/2017/Post/index.html?utm_source=rss#top")
    'example.org/2017/post'
    >>> match_key("http://example.org/2017/post/") == match_key("https://example.org/2017/post")
    True
    >>> match_key("http://example.org/?p=12&lang=en&fbclid=x")
    'example.org?lang=en&p=12'
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip().casefold() or None
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if port and port not in (80, 443):
        host += f":{port}"
    path = parts.path
    for index in ("index.html", "index.htm", "index.php"):
        if path.endswith("/" + index):
            path = path[: -len(index)]
    path = path.rstrip("/")
    query = parts.query
    if query:
        from urllib.parse import parse_qsl

        kept = sorted(f"{name}={value}" if value else name
                      for name, value in parse_qsl(query, keep_blank_values=True) if not _tracking(name))
        query = "&".join(kept)
    key = host + path + (f"?{query}" if query else "")
    return key.casefold() or None
