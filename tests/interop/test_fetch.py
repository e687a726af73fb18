"""Fetching from the web, against a local HTTP server on 127.0.0.1 (nothing reaches the internet)."""

from __future__ import annotations

import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

import blogbib
from blogbib.cli import main
from blogbib.errors import Diagnostics, InputError
from blogbib.fetch import fetch, fetch_index

from ..conftest import BLOG, FIXTURES, shared_path

# An older index page in the blog's own template, written for these tests; its "Older" link
# points back at the first page, so a loop must end.
PAGE2 = """<!DOCTYPE html><html><head><title>Off the convex path</title>
<link rel="canonical" href="http://offconvex.github.io/page2/"></head><body><div class="posts">
<div class="post"><h3 class="h2 post-title"><a href="/2016/04/04/test-post-one/" class="post-link">Test post one</a></h3>
<p class="post-summary"><span class="post-meta">Apr 4, 2016&nbsp;(Ada Tester).&nbsp;&nbsp;</span>
First test excerpt... <a href="/2016/04/04/test-post-one/">Continue</a></p></div>
<div class="post"><h3 class="h2 post-title"><a href="/2016/03/24/test-post-two/" class="post-link">Test post two</a></h3>
<p class="post-summary"><span class="post-meta">Mar 24, 2016&nbsp;(Bo Tester and Cy Tester).&nbsp;&nbsp;</span>
Second test excerpt... <a href="/2016/03/24/test-post-two/">Continue</a></p></div>
</div><div class="pagination"><a class="pagination-item" href="/">Newer</a>
<a class="pagination-item" href="/">Older</a></div></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[str, bytes]] = {}

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/redirect":
            self.send_response(301)
            self.send_header("Location", "/")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send("text/html", b"<html></html>")
        elif self.path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
        elif self.path == "/huge-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: HTTP/1.0 streams until close
            try:
                for _ in range(200):
                    self.wfile.write(b"x" * 10000)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path in self.routes:
            self._send(*self.routes[self.path])
        else:
            self.send_response(404)
            self.end_headers()

    def _send(self, kind: str, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    index = shared_path(FIXTURES / "offconvex-index-2017.html").read_bytes()
    feed = shared_path(FIXTURES / "offconvex-feed-2017.xml").read_bytes()
    _Handler.routes = {
        "/": ("text/html; charset=utf-8", index),
        "/page2/": ("text/html; charset=utf-8", PAGE2.encode("utf-8")),
        "/feed.xml": ("application/rss+xml", feed),
        # An index page whose older page and advertised feed are both gone.
        "/broken/": ("text/html; charset=utf-8", PAGE2.replace('href="/">Older', 'href="/gone/">Older').replace(
            "</head>", '<link rel="alternate" type="application/rss+xml" href="/gone.xml"></head>').encode("utf-8")),
        "/latin1": ("text/html; charset=iso-8859-1", "<html><title>Caf\u00e9</title></html>".encode("latin-1")),
        "/sitemap.xml.gz": ("application/x-gzip", gzip.compress(b"<urlset><url><loc>http://b.org/caf\xc3\xa9/</loc></url></urlset>")),
        "/bomb.gz": ("application/x-gzip", gzip.compress(b" " * 2_000_000)),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_follows_redirects_and_decodes_the_charset(server):
    page = fetch(server + "/redirect")
    assert page.url == server + "/" and page.content_type == "text/html"
    assert "How to Escape Saddle Points Efficiently" in page.text
    assert "Café" in fetch(server + "/latin1").text


@pytest.mark.parametrize("path, message", [
    ("/missing", "HTTP 404"),
    ("/loop", "redirects"),
    ("/huge-declared", "over the 1,000,000-byte limit"),
    ("/huge-streamed", "over the 1,000,000-byte limit"),
])
def test_failures_name_the_url_and_the_reason(server, path, message):
    with pytest.raises(InputError) as info:
        fetch(server + path, max_bytes=1_000_000)
    assert str(info.value).startswith(server + path + ": could not fetch")
    assert message in str(info.value)


def test_a_gzip_file_is_unpacked_within_the_size_cap(server):
    assert fetch(server + "/sitemap.xml.gz").text == "<urlset><url><loc>http://b.org/café/</loc></url></urlset>"
    with pytest.raises(InputError, match="unpacks to over the 1,000,000-byte limit"):
        fetch(server + "/bomb.gz", max_bytes=1_000_000)


def test_timeout(server):
    with pytest.raises(InputError, match="no answer within 0.3 seconds"):
        fetch(server + "/slow", timeout=0.3)


def test_nothing_but_http(server):
    with pytest.raises(InputError, match="only http"):
        fetch("file:///etc/passwd")


def test_pagination_stops_at_max_pages_and_at_a_loop(server):
    assert [p.url for p in fetch_index(server + "/", max_pages=1)] == [server + "/"]
    pages = fetch_index(server + "/", max_pages=10)
    assert [p.url for p in pages] == [server + "/", server + "/page2/"]  # page2's "Older" leads back to /
    with_feed = fetch_index(server + "/", max_pages=1, feed=True)
    assert [p.url for p in with_feed] == [server + "/", server + "/feed.xml"]


def test_export_a_url_reads_every_page(server):
    result = blogbib.export([server + "/"], "csl-json", base_url="http://www.offconvex.org/", blog_title=BLOG)
    items = json.loads(result.text)
    assert len(items) == 12 and result.read == 12 and result.skipped == 0
    assert items[0]["URL"] == "http://www.offconvex.org/2017/07/19/saddle-efficiency/"
    assert items[-1]["URL"] == "http://www.offconvex.org/2016/03/24/test-post-two/"
    assert [a["family"] for a in items[-1]["author"]] == ["Tester", "Tester"]


def test_export_with_the_advertised_feed_merges_times(server):
    result = blogbib.export([server + "/"], "csl-json", max_pages=1, feed=True)
    assert result.read == 20 and result.written == 10 and result.merged == 10
    assert all("merged-from" in item["custom"] for item in json.loads(result.text))
    assert all(ref.issued.time for ref in result.references)


def test_cli_with_a_url(server):
    runner = CliRunner()
    ok = runner.invoke(main, ["export", server + "/", "--max-pages", "1", "-f", "ris"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.count("TY  - BLOG") == 10
    bad = runner.invoke(main, ["export", server + "/missing"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert f"{server}/missing: could not fetch: HTTP 404" in bad.stderr


def test_an_older_page_or_feed_that_fails_is_reported_and_the_rest_kept(server):
    with pytest.raises(InputError, match="/gone/: could not fetch: HTTP 404"):
        fetch_index(server + "/broken/", max_pages=5)  # no collector: it raises, as for the first page
    diag = Diagnostics()
    pages = fetch_index(server + "/broken/", max_pages=5, feed=True, diag=diag)
    assert [p.url for p in pages] == [server + "/broken/"]
    assert [(p.source, p.severity) for p in diag.problems] == [(server + "/gone/", "error"), (server + "/gone.xml", "error")]
    assert all("HTTP 404" in p.message and "1 page fetched before it were read" in p.message for p in diag.problems)
    assert diag.stats.skipped == 0  # no entry was skipped: two inputs could not be read


def test_export_keeps_the_posts_of_the_pages_it_could_fetch(server):
    result = blogbib.export([server + "/broken/"], "csl-json", feed=True)
    assert [item["title"] for item in json.loads(result.text)] == ["Test post one", "Test post two"]
    assert result.read == 2 and result.skipped == 0
    assert result.summary() == "2 read, 2 written, 0 skipped, 2 inputs not readable"
    cli = CliRunner().invoke(main, ["export", server + "/broken/", "--feed", "-f", "csl-json"])
    assert cli.exit_code == 1 and "Test post two" in cli.stdout  # written, but a script notices the failure
    assert f"{server}/gone.xml: could not fetch: HTTP 404" in cli.stderr and "Traceback" not in cli.output
    strict = CliRunner().invoke(main, ["export", server + "/broken/", "--strict"])
    assert strict.exit_code == 1 and strict.stdout == "" and "/gone/: could not fetch" in strict.stderr
