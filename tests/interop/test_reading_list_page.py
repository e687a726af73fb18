"""The reading-list page from the real Off the Convex Path listing, opened in headless Chromium.

Chromium loads the page from disk (no network), ``--dump-dom`` gives the DOM it
built, and ``--screenshot`` a PNG that is kept as a test artifact in
``build/test-artifacts/`` (or ``$BLOGBIB_ARTIFACTS``) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from .helpers import require

ROOT = Path(__file__).resolve().parents[2]
BLOG = "Off the Convex Path"
lxml_html = pytest.importorskip("lxml.html")

WIDTH, HEIGHT = 1280, 2400
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    return shutil.which("chromium-browser") or require("chromium")


def _artifacts() -> Path:
    folder = Path(os.environ.get("BLOGBIB_ARTIFACTS", ROOT / "build" / "test-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180)


def _listing_posts(path: Path) -> list[tuple[str, str]]:
    """(title, year) for each post, read from the listing text without blogbib."""
    lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    posts = []
    for title, meta in zip(lines, lines[1:]):
        m = re.match(r"[A-Z][a-z]{2} \d{1,2}, (\d{4})", meta)
        if m and not re.match(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", title):
            posts.append((title, m[1]))
    return posts


def _plain(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split())


def _png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of a PNG (chunk CRCs checked)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    height = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    return width, height, zlib.decompress(idat)


@pytest.fixture(scope="module")
def page(offconvex, tmp_path_factory):
    first = offconvex.keys[0]
    rl = offconvex.annotate(first, note="Start here: the clearest statement of the question.",
                            tags=["to-read", "implicit regularization"])
    path = _artifacts() / "reading-list.html"
    rl.save(path, style="apa", excerpts=True, title="Off the Convex Path: a reading list")
    return rl, path, tmp_path_factory.mktemp("chromium")


def test_chromium_renders_every_entry(page, listing_path):
    rl, path, tmp = page
    result = _run(["--dump-dom", path.as_uri()], tmp / "profile-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    doc = lxml_html.document_fromstring(result.stdout)
    text = _plain(doc.text_content())
    posts = _listing_posts(listing_path)
    assert len(posts) == len(rl) > 40
    missing = [title for title, _ in posts if _plain(title) not in text]
    assert missing == []
    sections = doc.findall(".//section")
    years = sorted({year for _, year in posts}, reverse=True)
    assert [s.find("h2").text.strip() for s in sections] == years
    for section, year in zip(sections, years):
        assert len(section.findall("ol/li")) == sum(1 for _, y in posts if y == year)
    first = doc.get_element_by_id(rl.keys[0])
    assert "Start here: the clearest statement of the question." in first.text_content()
    assert [t.text for t in first.find_class("tag")] == ["to-read", "implicit regularization"]
    assert BLOG in doc.findtext(".//header/p")


def test_chromium_screenshot(page):
    rl, path, tmp = page
    shot = _artifacts() / "reading-list.png"
    if shot.exists():
        shot.unlink()
    result = _run([f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", "--hide-scrollbars",
                   path.as_uri()], tmp / "profile-shot")
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert len(data) > 20_000
    width, height, pixels = _png_pixels(data)
    assert (width, height) == (WIDTH, HEIGHT)
    # A blank page compresses to a handful of byte values; a page of text does not.
    assert len(set(pixels[: len(pixels) // 2])) > 64


def test_chromium_narrow_screen_has_no_horizontal_scroll(page):
    """On a narrow window the page reflows (the small-screen CSS applies) and nothing sticks out.

    500 pixels: headless Chromium's --dump-dom does not make windows narrower than that.
    """
    rl, path, tmp = page
    probe = path.with_name("reading-list-probe.html")
    script = ("<script>const d = document.documentElement; document.body.dataset.probe = [window.innerWidth, "
              "d.clientWidth, d.scrollWidth, getComputedStyle(document.querySelector('main')).paddingLeft]"
              ".join('|');</script></body>")
    probe.write_text(path.read_text(encoding="utf-8").replace("</body>", script), encoding="utf-8")
    try:
        result = _run(["--dump-dom", "--window-size=500,800", probe.as_uri()], tmp / "profile-narrow")
    finally:
        probe.unlink()
    assert result.returncode == 0, result.stderr[-2000:]
    m = re.search(r'data-probe="(\d+)\|(\d+)\|(\d+)\|([^"]*)"', result.stdout)
    assert m is not None, "the probe script did not run"
    inner, client, scroll, padding = int(m[1]), int(m[2]), int(m[3]), m[4]
    assert inner == 500
    assert scroll <= client  # no horizontal scrolling
    assert padding == "13.6px"  # main's padding from the max-width: 560px rule (.85rem)
