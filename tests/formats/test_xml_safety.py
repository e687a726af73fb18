"""Readers that parse XML or HTML: no entity expansion bombs, no external entities; fetching is size-capped.

The readers are found in the registry: every reader whose suffixes are XML or
HTML ones, or whose sniffer claims an RSS document, gets every payload.  Each
read runs under an alarm and a memory check; a secret file referenced as an
external entity must never show up in what is read.
"""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from blogbib import formats
from blogbib.errors import BlogbibError, Diagnostics, InputError
from ..budget import alarm

MARKUP_SUFFIXES = {".xml", ".rss", ".atom", ".html", ".htm", ".xhtml"}
RSS = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Blog</title>'
       '<link>http://example.org/</link><item><title>Post</title><link>http://example.org/p</link>'
       '<pubDate>Mon, 06 Jul 2020 00:00:00 +0000</pubDate></item></channel></rss>')


def markup_readers() -> list[formats.Format]:
    return [f for f in formats.FORMATS if f.can_read and (
        MARKUP_SUFFIXES & set(f.suffixes) or (f.sniff is not None and f.sniff(RSS)))]



LAUGHS = "".join(
    f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' if i else '<!ENTITY lol0 "lol">' for i in range(10)
)
BIG = "x" * 50000


def payloads(secret: Path) -> dict[str, str]:
    url = secret.as_uri()
    rss_item = ("<rss version=\"2.0\"><channel><title>{t}</title><link>http://example.org/</link><item>"
                "<title>{t}</title><link>http://example.org/p</link><description>{t}</description>"
                "<pubDate>Mon, 06 Jul 2020 00:00:00 +0000</pubDate></item></channel></rss>")
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>{t}</title><entry><title>{t}</title>'
            '<link href="http://example.org/p"/><updated>2020-07-06T00:00:00Z</updated><summary>{t}</summary>'
            '</entry></feed>')
    page = ('<html><head><title>{t}</title></head><body><h3 class="post-title"><a class="post-link" '
            'href="/p">{t}</a></h3><span class="post-meta">Jul 6, 2020 ({t})</span></body></html>')
    return {
        "billion laughs (RSS)": f'<?xml version="1.0"?><!DOCTYPE rss [{LAUGHS}]>' + rss_item.format(t="&lol9;"),
        "billion laughs (Atom)": f'<?xml version="1.0"?><!DOCTYPE feed [{LAUGHS}]>' + atom.format(t="&lol9;"),
        "billion laughs after 100 kB of comment": ('<?xml version="1.0"?><!--' + " " * 100000 + f'--><!DOCTYPE rss '
                                                   f'[{LAUGHS}]>' + rss_item.format(t="&lol9;")),
        "quadratic blowup": (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{BIG}">]>'
                             + rss_item.format(t="&a;" * 20000)),
        "external entity (RSS)": (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{url}">]>'
                                  + rss_item.format(t="&xxe;")),
        "external entity (Atom)": (f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "{url}">]>'
                                   + atom.format(t="&xxe;")),
        "external parameter entity": (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{url}"> %p;]>'
                                      + rss_item.format(t="t")),
        "external DTD": f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{url}">' + rss_item.format(t="t"),
        "XInclude": ('<?xml version="1.0"?>' + rss_item.format(
            t=f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}" parse="text"/>')),
        "billion laughs (XHTML page)": (f'<?xml version="1.0"?><!DOCTYPE html [{LAUGHS}]>'
                                        + page.format(t="&lol9;")),
        "external entity (XHTML page)": (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "{url}">]>'
                                         + page.format(t="&xxe;")),
        "deeply nested markup": "<html><body>" + "<div>" * 100000 + "x" + "</div>" * 100000 + "</body></html>",
        "deeply nested feed": ('<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title>'
                               + "<x>" * 100000 + "</x>" * 100000 + "</item></channel></rss>"),
        "unclosed tags flood": "<html><body>" + "<p><b><i><a href='x'>" * 50000,
    }


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-MARKER-7f3a\n", encoding="utf-8")
    return path


def all_text(refs) -> str:
    return "\n".join(repr(r) for r in refs)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_the_markup_readers_are_the_feed_and_html_readers():
    assert sorted(f.name for f in markup_readers()) == ["feed", "html"]


@pytest.mark.parametrize("name", sorted(payloads(Path("/x"))))
def test_markup_readers_resist_entity_bombs_and_external_entities(name, secret):
    readers = markup_readers()
    text = payloads(secret)[name]
    for fmt in readers:
        diag = Diagnostics()
        before = peak_rss_mb()
        with alarm(30, f"{fmt.name} reading {name}"):
            try:
                refs = fmt.read(text, source="hostile.xml", diag=diag)
            except BlogbibError:
                refs = []
        grown = peak_rss_mb() - before
        assert grown < 400, f"{fmt.name} on {name}: memory grew by {grown:.0f} MB"
        assert diag.stats.read == len(refs) + diag.stats.skipped
        out = all_text(refs)
        assert "TOP-SECRET-MARKER" not in out, f"{fmt.name} read the external entity in {name}"
        assert "lollollollollol" * 100 not in out, f"{fmt.name} expanded the entities in {name}"
        assert len(out) < 2_000_000, f"{fmt.name} on {name}: {len(out)} characters read"
        assert all("TOP-SECRET-MARKER" not in str(p) for p in diag.problems)


# ------------------------------------------------------------------ fetch size cap


def fetch_module():
    from blogbib import fetch

    return fetch


def mock_client(body: bytes, *, declare_length: bool):
    import httpx

    def handler(request):
        headers = {"content-type": "text/html; charset=utf-8"}
        if declare_length:
            return httpx.Response(200, headers=headers, content=body)

        def stream():
            for i in range(0, len(body), 65536):
                yield body[i:i + 65536]

        return httpx.Response(200, headers=headers, content=stream())

    return httpx.Client(transport=httpx.MockTransport(handler))


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "streamed"])
def test_fetched_documents_are_size_capped(declare_length):
    fetch = fetch_module()
    body = b"<html><body>" + b"a" * 300_000 + b"</body></html>"
    with mock_client(body, declare_length=declare_length) as client:
        with pytest.raises(InputError, match="over the 100,000-byte limit"):
            fetch.fetch("http://example.org/big", max_bytes=100_000, client=client)
    with mock_client(body, declare_length=declare_length) as client:
        got = fetch.fetch("http://example.org/big", max_bytes=1_000_000, client=client)
        assert len(got.text) == len(body)


def test_the_default_cap_exists_and_is_modest():
    fetch = fetch_module()
    assert 0 < fetch.DEFAULT_MAX_BYTES <= 100 * 1024 * 1024


def test_only_http_urls_are_fetched(secret):
    fetch = fetch_module()
    for url in (secret.as_uri(), "ftp://example.org/x", "gopher://example.org/", "javascript:alert(1)"):
        with pytest.raises(InputError):
            fetch.fetch(url)
