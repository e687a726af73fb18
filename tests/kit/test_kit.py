"""The citation kit (blogbib.kit, `blogbib kit`): on the shared listing and on a fixture source folder every
.bib compiles with bibtex and with biber, every CSL-JSON file validates, every head-tag set parses and
blogbib's own HTML reader reads the post back from a page carrying it; the block is escaped."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import blogbib
from blogbib.api import kit
from blogbib.cli import main
from blogbib.errors import Diagnostics
from blogbib.formats import html as html_reader
from tests.conftest import BLOG, LISTING, SCHEMA
from tests.interop.helpers import require
from tests.sites import measure

SOURCE = measure.SITES_DIR / "hugo-papermod" / "source"
INPUTS = {"listing": ([str(LISTING)], {"blog_title": BLOG}), "source": ([str(SOURCE)], {})}


@pytest.fixture(scope="module", params=sorted(INPUTS))
def made(request, tmp_path_factory):
    inputs, read = INPUTS[request.param]
    out = tmp_path_factory.mktemp("kit")
    result = kit(inputs, out, styles=("apa", "ieee"), **read)
    assert not result.errors
    return result, out


def run(cmd, cwd):
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}"
    return proc


def test_one_set_of_files_per_post_and_the_data_file(made):
    result, out = made
    keys = [r.id for r in result.references]
    assert len(keys) > 50 and len(set(keys)) == len(keys)
    for key in keys:
        for suffix in ("bib", "ris", "json", "html", "head.html"):
            assert (out / f"{key}.{suffix}").is_file()
    data = json.loads((out / "citations.json").read_text(encoding="utf-8"))
    assert sorted(data["posts"]) == sorted(keys) and data["styles"] == ["apa", "ieee"]
    for ref in result.references:
        entry = data["posts"][ref.id]
        if ref.url:  # the listing gives none
            assert data["by_url"][re.sub(r"^https?://[^/]+", "", ref.url)] == ref.id
        assert entry["bibtex"] == (out / f"{ref.id}.bib").read_text(encoding="utf-8")
        assert entry["citation"]["apa"]["text"] and entry["citation"]["ieee"]["text"]
        assert ref.title.split()[0] in entry["citation"]["apa"]["text"]
        assert entry["block"] == (out / f"{ref.id}.html").read_text(encoding="utf-8")
    if data["by_source"]:  # a source folder: every post by its file too
        assert len(data["by_source"]) == len(keys)
        assert data["by_source"]["content/posts/rlhf.md"] == data["by_url"]["/2022/12/rlhf/"]


def test_every_bib_compiles_with_bibtex(made, tmp_path):
    bibtex = require("bibtex")
    result, out = made
    names = [r.id for r in result.references]
    for key in names:
        (tmp_path / f"{key}.bib").write_bytes((out / f"{key}.bib").read_bytes())
    (tmp_path / "doc.aux").write_text("\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{" + ",".join(names) + "}\n")
    run([bibtex, "doc"], tmp_path)
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert "error message" not in blg and "Warning--" not in blg, blg
    assert (tmp_path / "doc.bbl").read_text(encoding="utf-8").count("\\bibitem") == len(names)


def test_every_bib_compiles_with_biber(made, tmp_path):
    pdflatex, biber = require("pdflatex"), require("biber")
    result, out = made
    names = [r.id for r in result.references]
    for key in names:
        (tmp_path / f"{key}.bib").write_bytes((out / f"{key}.bib").read_bytes())
    resources = "".join(f"\\addbibresource{{{key}.bib}}\n" for key in names)
    (tmp_path / "doc.tex").write_text("\\documentclass{article}\n\\usepackage[backend=biber]{biblatex}\n" + resources
                                      + "\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n")
    run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path)
    run([biber, "doc"], tmp_path)
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    # The classic-BibTeX .bib carries the day in `month` (so plain styles print the date once) and the date in
    # `date` before it: biber says nothing, not even of a legacy month.
    assert not [line for line in blg.splitlines() if "WARN - " in line or "ERROR" in line], blg
    assert (tmp_path / "doc.bbl").read_text(encoding="utf-8").count("\\entry{") == len(names)


def test_every_csl_json_validates(made):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    result, out = made
    for ref in result.references:
        items = json.loads((out / f"{ref.id}.json").read_text(encoding="utf-8"))
        jsonschema.validate(items, schema)
        assert items[0]["type"] == "post-weblog" and items[0]["id"] == ref.id


def test_every_head_tag_set_parses_and_reads_back(made):
    """The tags parse as HTML; Scholar's three are there (one citation_author per author); the JSON-LD is a
    BlogPosting with a Person per person; blogbib's HTML reader reads the post back from a page carrying them
    beside a site-wide author tag that must not win."""
    from lxml import html as lxml_html

    result, out = made
    for ref in result.references:
        head = (out / f"{ref.id}.head.html").read_text(encoding="utf-8")
        page = (f"<!DOCTYPE html><html><head><title>{ref.title} | Blog</title>"
                f'<meta name="author" content="Site Owner">{head}</head>'
                "<body><main><p>The post.</p></main></body></html>")
        doc = lxml_html.document_fromstring(page)
        meta = {}
        for el in doc.iter("meta"):
            meta.setdefault(el.get("name") or el.get("property"), []).append(el.get("content"))
        assert meta["citation_title"] == [ref.title]
        assert len(meta.get("citation_author", [])) == len(ref.author)
        assert meta["citation_publication_date"] == [ref.issued.iso().replace("-", "/")]
        assert meta["z:itemType"] == ["blogPost"] and meta["og:site_name"] == [ref.container_title]
        scripts = doc.xpath('//script[@type="application/ld+json"]')
        ld = json.loads(scripts[0].text)
        assert ld["@type"] == "BlogPosting" and len(ld["author"]) == len(ref.author)
        assert all(a["@type"] == "Person" for a, n in zip(ld["author"], ref.author) if not n.literal)
        diag = Diagnostics()
        back = html_reader.read(page, source="page.html", diag=diag)
        assert len(back) == 1, diag.problems
        got = back[0]
        assert (got.title, got.author, got.issued.iso(), got.url, got.container_title) == (
            ref.title, ref.author, ref.issued.iso(), ref.url, ref.container_title)


def test_the_block_and_tags_are_escaped(tmp_path):
    evil = tmp_path / "evil.json"
    evil.write_text(json.dumps([{"id": "x", "type": "post-weblog", "title": "</script><b onload=\"x\">T & 'q'",
                                 "author": [{"family": "O'Neil <i>", "given": "A & B"}],
                                 "issued": {"date-parts": [[2020, 1, 2]]}, "URL": "https://e.org/a?b=1&c=\"2\"",
                                 "container-title": "Blog"}]), encoding="utf-8")
    result = kit([str(evil)], tmp_path / "out")
    key = result.references[0].id
    block = (tmp_path / "out" / f"{key}.html").read_text(encoding="utf-8")
    head = (tmp_path / "out" / f"{key}.head.html").read_text(encoding="utf-8")
    assert "<b " not in block and "Neil <i>" not in block and "</script>" not in block  # (<i>Blog</i> is the style's)
    assert "&#60;/script&#62;&#60;b onload" in block  # numeric references, as citeproc-js escapes
    assert head.count("</script>") == 1 and "<b onload" not in head and 'content="https://e.org/a?b=1&amp;c=&quot;2&quot;"' in head


def test_the_command(tmp_path):
    out = tmp_path / "kit"
    result = CliRunner().invoke(main, ["kit", str(SOURCE), "--out", str(out), "--style", "apa", "--link-base", "/c/"])
    assert result.exit_code == 0, result.output
    assert "61 read, 61 in the kit, 0 skipped" in result.output
    block = (out / "lambert2022illustrating.html").read_text(encoding="utf-8")
    assert 'href="/c/lambert2022illustrating.bib"' in block and 'href="/c/lambert2022illustrating.ris"' in block
    bad = CliRunner().invoke(main, ["kit", str(SOURCE), "--out", str(out), "--style", "no-such-style"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
