"""The docs' snippets (docs/blog-owners.md) on sites built by the real generators: Jekyll (Debian's, the minima
theme) and Hugo (Debian's) build a fixture blog with the kit's data file and the include/partial, and every
built post page carries the post's head tags and its "Cite this post" block; headless Chromium renders the
block (the screenshot in the docs is rewritten with BLOGBIB_UPDATE_GOLDEN=1)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from blogbib.api import kit
from tests.formats.test_source import build
from tests.interop.helpers import require
from tests.sites import measure

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "blog-owners.md"
SHOT = ROOT / "docs" / "blog-owners-cite.png"
lxml_html = pytest.importorskip("lxml.html")


def snippets() -> dict[str, str]:
    """File name → text of each snippet the docs page gives."""
    text = DOC.read_text(encoding="utf-8")
    return {m[1]: m[2] for m in re.finditer(r"<!-- file: (\S+) -->\n```[\w-]*\n(.*?)```", text, re.S)}


JEKYLL_FILES = {
    "_includes/head.html": '<head><meta charset="utf-8"><title>{{ page.title }}</title>'
                           '{% include cite-head.html %}</head>\n',
    "_layouts/post.html": "---\nlayout: default\n---\n<article><h1 class=\"post-title\">{{ page.title }}</h1>"
                          "{{ content }}{% include cite-this-post.html %}</article>\n",
}
HUGO_FILES = {
    "layouts/_default/single.html": '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title>'
                                    '{{ partial "cite-head.html" . }}</head><body><article><h1>{{ .Title }}</h1>'
                                    '{{ .Content }}{{ partial "cite-this-post.html" . }}</article></body></html>\n',
    "layouts/_default/list.html": "<html><body></body></html>\n",
}


def make_site(tmp_path: Path, site: str, generator: str) -> tuple[Path, Path, dict]:
    src = tmp_path / "src"
    shutil.copytree(measure.SITES_DIR / site / "source", src)
    doc = snippets()
    files = {**(JEKYLL_FILES if generator == "jekyll" else HUGO_FILES),
             **{name: text for name, text in doc.items() if name.startswith("_includes/" if generator == "jekyll"
                                                                             else "layouts/")}}
    assert len(files) == 4
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    out_dir = src / ("citations" if generator == "jekyll" else "static/citations")
    result = kit([str(src)], out_dir, link_base="/citations/")
    assert not result.errors and len(result.references) == 61
    data_dir = src / ("_data" if generator == "jekyll" else "data")
    data_dir.mkdir(exist_ok=True)
    shutil.move(out_dir / "citations.json", data_dir / "citations.json")
    data = json.loads((data_dir / "citations.json").read_text(encoding="utf-8"))
    return src, build(generator, src, tmp_path / "out"), data


@pytest.mark.parametrize("site,generator", [("jekyll-minima2", "jekyll"), ("hugo-papermod", "hugo")])
def test_every_built_post_has_the_tags_and_the_block(tmp_path, site, generator):
    require(generator)
    src, out, data = make_site(tmp_path, site, generator)
    assert len(data["by_url"]) == 61
    for path, key in data["by_url"].items():
        page = out / path.lstrip("/") / "index.html"
        doc = lxml_html.document_fromstring(page.read_bytes())
        entry = data["posts"][key]
        tags = [{("name" if el.get("name") else "property"): el.get("name") or el.get("property"),
                 "content": el.get("content")}
                for el in doc.xpath("//head/meta[@content]") if (el.get("name") or el.get("property"))]
        assert tags == entry["head"], path
        ld = doc.xpath('//head/script[@type="application/ld+json"]')
        assert json.loads(ld[0].text) == entry["json_ld"]
        block = doc.xpath('//section[@class="blogbib-cite"]')
        assert len(block) == 1, path
        assert block[0].xpath('.//code')[0].text_content() == entry["bibtex"]
        assert " ".join(block[0].xpath('.//div[@class="blogbib-citation"]')[0].text_content().split()) == \
            " ".join(entry["citation"]["apa"]["text"].split())
        assert (out / "citations" / f"{key}.bib").is_file()  # the link's target is served


def test_chromium_renders_the_block(tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        require("chromium")
    src, out, data = make_site(tmp_path, "jekyll-minima2", "jekyll")
    key = data["by_url"]["/2022/12/09/rlhf/"]
    page = out / "2022/12/09/rlhf/index.html"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([chromium, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=180).stdout
    doc = lxml_html.document_fromstring(dom)
    section = doc.xpath('//section[@class="blogbib-cite"]')[0]
    assert section.xpath(".//h2")[0].text_content() == "Cite this post"
    assert "Lambert, N., Castricato, L., von Werra, L., & Havrilla, A. (2022" in section.text_content()
    assert section.xpath('.//button[@class="blogbib-copy"]')[0].text_content() == "Copy BibTeX"
    assert [a.get("href") for a in section.xpath(".//a")] == [f"/citations/{key}.bib", f"/citations/{key}.ris",
                                                             f"/citations/{key}.json"]
    shot = tmp_path / "shot.png"
    subprocess.run([chromium, *flags, f"--screenshot={shot}", "--window-size=900,900", "--hide-scrollbars",
                    page.as_uri()], capture_output=True, timeout=180)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000
    if os.environ.get("BLOGBIB_UPDATE_GOLDEN") == "1":
        shutil.copy(shot, SHOT)
    assert SHOT.is_file()
