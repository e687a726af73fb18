"""The URL crawl (blogbib.crawl) over a local HTTP server on 127.0.0.1: index pages, sitemap, post pages.

A fixture site built by Jekyll (minima 3: paginated, a sitemap, authors only on the post pages) is
served under its own address from tests/data/sites; a generated 200-post blog tests scale, failures
and hostile sitemaps.  Nothing reaches the internet.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import blogbib
from blogbib.crawl import path_shape, sitemap_posts
from blogbib.errors import Diagnostics

from ..cli.terminal import stderr_of
from ..cli.test_errors_and_accounting import console_script
from . import measure

SITE = "jekyll-minima3"
TRUTH = measure.truth(SITE)
BASE = TRUTH["base_url"]
WATCHDOG = 120  # seconds: a crawl that takes longer is hung


@pytest.fixture
def site():  # per test: the proxy it sets in the environment is gone for the tests of the generated blog
    with measure.serving(measure.SITES_DIR / SITE / "site", BASE):
        yield BASE


def crawl(url: str, **options):
    return blogbib.read_all([url], diag=Diagnostics(), **options)


def found(refs) -> set[str]:
    return {measure.norm_url(r.url) for r in refs}


ALL_POSTS = {measure.norm_url(p["url"]) for p in TRUTH["posts"]}


# ----------------------------------------------------------------------------- the fixture site


def test_every_post_is_found_without_posts(site):
    refs, diag = crawl(site, max_pages=20)
    assert found(refs) == ALL_POSTS and len(refs) == len(ALL_POSTS)
    assert not [p for p in diag.problems if "sitemap" in p.message]  # the sitemap adds no post the pages lack


def test_a_post_only_in_the_sitemap_is_reported_without_posts(site):
    refs, diag = crawl(site, max_pages=2)
    on_pages = found(refs)
    assert len(on_pages) == 20 < len(ALL_POSTS)
    reported = {measure.norm_url(p.source) for p in diag.problems
                if p.message.startswith("found in the sitemap only") and "use --posts" in p.message}
    assert reported == ALL_POSTS - on_pages  # every other post, and nothing that is no post (tags, pages, 404)
    assert all(p.severity == "warning" for p in diag.problems if "sitemap" in p.message)
    refs, diag = crawl(site, max_pages=2, sitemap=False)
    assert found(refs) == on_pages and not [p for p in diag.problems if "sitemap" in p.message]


def test_posts_reads_the_sitemap_only_posts_and_the_authors_only_post_pages_carry(site):
    refs, diag = crawl(site, max_pages=2, posts=True)
    assert found(refs) == ALL_POSTS and len(refs) == len(ALL_POSTS)
    assert not diag.errors and diag.stats.conflicts == 0
    recorded = json.loads(measure.SCORES.read_text(encoding="utf-8"))[SITE]
    score = measure.score(refs, TRUTH["posts"], TRUTH["posts"], BASE)
    assert score.right("authors") == len(ALL_POSTS) - len(recorded["posts"]["authors"]) > 50
    assert set(score.wrong.get("authors", {})) == set(recorded["posts"]["authors"])  # what the pages themselves get wrong
    assert not score.wrong.get("title") and not score.wrong.get("date") and not score.wrong.get("url")
    without, _ = crawl(site, max_pages=20)
    assert sum(1 for r in without if r.author) < 15  # the index pages carry (almost) no authors
    merged = next(r for r in refs if r.url and r.url.rstrip("/").endswith("rlhf"))
    assert "/blog/:" in merged.extra_dict["merged-from"] and "rlhf/" in merged.extra_dict["merged-from"]


def test_posts_through_the_command_line(site):
    proc = subprocess.run([*console_script(), "export", site, "--posts", "--max-pages", "2", "-f", "csl-json",
                           "--delay", "0.01", "--timeout", "10"], capture_output=True, timeout=WATCHDOG)
    assert proc.returncode == 0, proc.stderr.decode()
    items = json.loads(proc.stdout)
    assert len(items) == len(ALL_POSTS) and sum(1 for item in items if item.get("author")) == len(ALL_POSTS)
    assert b"Traceback" not in proc.stderr and b"sitemap only" not in proc.stderr


def _stderr_of(args: list[str], terminal: bool) -> bytes:
    """Run the console script; what reached its stderr (a pseudo-terminal, or a pipe)."""
    return stderr_of(args, terminal=terminal, watchdog=WATCHDOG)


def test_progress_on_a_terminal_and_none_in_a_pipe(site):
    args = ["export", site, "--posts", "--delay", "0.04", "-o", os.devnull]  # 68 requests: over 2 seconds
    shown = _stderr_of(args, terminal=True)
    assert b"blogbib: entries read" in shown
    assert b"entries read" not in _stderr_of(args, terminal=False)


# ----------------------------------------------------------------------------- a generated blog


POSTS = 200
PER_PAGE = 10
LISTED = 190  # the oldest ten are only in the sitemap


FAMILIES = ("Adams", "Baker", "Clarke", "Dunn", "Evans", "Fisher", "Grant", "Hughes", "Irving", "Jones")


def _post(n: int) -> tuple[str, str, str, str]:
    """(path, title, date, authors) of generated post ``n``."""
    return (f"/2020/{1 + n % 12:02d}/post-{n:03d}/", f"Generated post number {n}", f"2020-{1 + n % 12:02d}-{1 + n % 28:02d}",
            f"Ada {FAMILIES[n % 10]} and Bo {FAMILIES[n // 10 % 10]}")


class _Blog(BaseHTTPRequestHandler):
    broken = _post(150)[0]  # a post page that fails (its index entry stays)
    hostile = False  # the sitemap declares entities
    landing = False  # the home page lists no post (a landing page)

    def log_message(self, *args) -> None:
        pass

    lock = threading.Lock()
    active = 0
    peak = 0  # the most requests answered at once

    def do_GET(self) -> None:  # noqa: N802
        cls = type(self)
        with cls.lock:
            cls.active += 1
            cls.peak = max(cls.peak, cls.active)
        time.sleep(0.005)  # long enough for the crawl's threads to overlap
        with cls.lock:  # before answering: a client's next request cannot have started yet
            cls.active -= 1
        self._answer()

    def _answer(self) -> None:
        path = self.path.split("?")[0]
        posts = {_post(n)[0]: _post(n) for n in range(POSTS)}
        if path == "/robots.txt":
            self._send("text/plain", "User-agent: *\nSitemap: http://{}/sitemap-index.xml\n".format(self.headers["Host"]))
        elif path == "/sitemap-index.xml":
            self._send("application/xml", '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                       f'sitemap/0.9"><sitemap><loc>http://{self.headers["Host"]}/sitemap-posts.xml</loc></sitemap>'
                       "</sitemapindex>")
        elif path == "/sitemap-posts.xml":
            host = self.headers["Host"]
            locs = [f"/tags/t{n}/" for n in range(5)] + ["/", "/about/", "/page/2/"] + list(posts)
            body = "".join(f"<url><loc>http://{host}{p}</loc></url>" for p in locs)
            dtd = '<!DOCTYPE urlset [<!ENTITY boom "boom">]>' if self.hostile else ""
            self._send("application/xml", f'<?xml version="1.0"?>{dtd}<urlset xmlns="http://www.sitemaps.org/schemas/'
                       f'sitemap/0.9">{body}</urlset>')
        elif path == "/" and self.landing:
            self._send("text/html", "<html><head><title>Welcome</title></head><body><h1>Welcome</h1>"
                       "<p>A research group's pages.</p></body></html>")
        elif path == "/" or path.startswith("/page/"):
            page = int(path.strip("/").split("/")[-1]) if path != "/" else 1
            first = (page - 1) * PER_PAGE
            shown = [_post(POSTS - 1 - n) for n in range(first, min(first + PER_PAGE, LISTED))]
            entries = "".join(f'<article class="h-entry"><h2><a class="u-url p-name" href="{p}">{t}</a></h2>'
                              f'<time class="dt-published" datetime="{d}">{d}</time><p>An excerpt.</p></article>'
                              for p, t, d, _ in shown)
            older = f'<a rel="next" href="/page/{page + 1}/">Older</a>' if first + PER_PAGE < LISTED else ""
            self._send("text/html", f"<html><head><title>Generated blog</title></head><body>{entries}{older}</body></html>")
        elif path in posts and path != self.broken:
            p, t, d, a = posts[path]
            self._send("text/html", f'<html><head><title>{t}</title><meta property="og:title" content="{t}">'
                       f'<meta property="article:published_time" content="{d}"></head><body><article>'
                       f'<h1>{t}</h1><p>By <strong>{a}</strong></p><p>Body.</p></article></body></html>')
        else:
            self.send_response(404 if path != self.broken else 500)
            self.end_headers()

    def _send(self, kind: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", kind + "; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def _blog(hostile: bool = False, landing: bool = False):
    handler = type("Handler", (_Blog,), {"hostile": hostile, "landing": landing, "active": 0, "peak": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_200_post_blog_is_crawled_whole_and_a_failing_page_is_reported():
    with _blog() as (url, handler):
        refs, diag = crawl(url, max_pages=50, posts=True)
    paths = {r.url.split(url.rstrip("/"), 1)[-1] for r in refs}
    assert paths == {_post(n)[0] for n in range(POSTS)}  # the ten only in the sitemap too, each once
    assert 1 < handler.peak <= 4  # pages fetched side by side, within the connection limit
    (failed,) = diag.errors
    assert failed.source == url.rstrip("/") + _Blog.broken and "HTTP 500" in failed.message
    by_path = {r.url.split(url.rstrip("/"), 1)[-1]: r for r in refs}
    for n in range(POSTS):
        ref = by_path[_post(n)[0]]
        if _post(n)[0] == _Blog.broken:
            assert not ref.author and ref.title == _post(n)[1]  # its page failed: the index entry is kept
            continue
        assert ref.title == _post(n)[1] and ref.issued.iso() == _post(n)[2]
        assert [a.family for a in ref.author] == [FAMILIES[n % 10], FAMILIES[n // 10 % 10]], (n, ref.author)


def test_a_sitemap_with_entities_is_refused_and_reported():
    with _blog(hostile=True) as (url, _):
        refs, diag = crawl(url, max_pages=50)
    assert len(refs) == LISTED
    (refused,) = diag.errors
    assert refused.source.endswith("/sitemap-posts.xml") and "refusing" in refused.message


def test_a_home_page_without_posts_leaves_the_sitemap_to_say_which_urls_are_posts():
    with _blog(landing=True) as (url, _):
        refs, diag = crawl(url)
        assert refs == []
        reported = {p.source for p in diag.problems if p.message.startswith("found in the sitemap only")}
        assert reported == {url.rstrip("/") + _post(n)[0] for n in range(POSTS)}  # no tag page, /about/ or /page/2/
        assert [p.source for p in diag.errors if "no posts found" in p.message] == [url]  # nothing read: an error
        refs, diag = crawl(url, posts=True)
    assert len(refs) == POSTS - 1 and all(len(r.author) == 2 for r in refs)
    assert [p.source for p in diag.errors] == [url.rstrip("/") + _Blog.broken]  # its page failed
    (landing,) = [p for p in diag.problems if p.source == url]  # the posts were found: the home page is no error
    assert landing.severity == "warning" and "no posts found" in landing.message and "other pages" in landing.message


def test_the_path_shape_tells_posts_from_other_pages():
    post = path_shape("http://b.org/2020/07/post-one/")
    assert path_shape("http://b.org/2016/12/other-post/") == post
    assert all(path_shape(u) != post for u in ("http://b.org/tags/x/", "http://b.org/about/", "http://b.org/2020/",
                                                "http://c.org/2016/12/other-post/", "http://b.org/2016/12/x.html"))
    assert path_shape("http://b.org/") is None and path_shape("http://b.org/?p=3") == ("b.org", "", "p")


def test_sitemap_posts_leave_out_the_home_page_pagination_and_known_pages():
    site = "http://b.org"
    listed = {f"{site}{p}": "sitemap.xml" for p in ("/", "/new-post/", "/old-post/", "/page2/", "/page/3/",
                                                     "/tags/x/", "/2020/", "/feed.xml")}
    posts = sitemap_posts(listed, [f"{site}/a-post/"], known=set())
    assert posts == [f"{site}/new-post/", f"{site}/old-post/"]
    from blogbib.urls import match_key

    assert sitemap_posts(listed, [f"{site}/a-post/"], known={match_key(f"{site}/old-post/")}) == [f"{site}/new-post/"]
