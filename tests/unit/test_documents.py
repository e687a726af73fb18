"""Reading-list documents: Markdown and the standalone HTML page."""

from __future__ import annotations

import re

import pytest

from blogbib import Date, Name, ReadingList, Reference
from blogbib.render.documents import md_escape

lxml_html = pytest.importorskip("lxml.html")

EVIL = "<script>alert('x')</script>"


def _straight(text: str) -> str:
    """Styles may set quotes typographically (‘x’); compare with straight ones."""
    return " ".join(text.replace("\u2018", "'").replace("\u2019", "'").split())


@pytest.fixture
def rl() -> ReadingList:
    return ReadingList([
        Reference(id="razin2022implicit", title="Implicit Regularization in Hierarchical Tensor Factorization",
                  author=[Name(family="Razin", given="Noam")], issued=Date(2022, 7, 15),
                  container_title="Off the Convex Path", url="https://www.offconvex.org/2022/07/15/imp-reg-htf/",
                  abstract="The ability of large neural networks to generalize", note="Start here.",
                  keyword=("theory", "to-read")),
        Reference(id="arora2019optimization", title="Is Optimization a Sufficient Language?",
                  author=[Name(family="Arora", given="Sanjeev")], issued=Date(2019, 6, 3),
                  container_title="Off the Convex Path", abstract="In this Deep Learning era"),
        Reference(id="undated", title="A post with no date", author=[Name(literal="blogmasters")],
                  url="ftp://example.org/file"),
    ])


@pytest.fixture
def evil() -> ReadingList:
    return ReadingList([Reference(
        id="evil", title=f"{EVIL} *stars* [link](http://bad.example) & more",
        author=[Name(family="O<b>Neil", given="A&B")], issued=Date(2020, 1, 1),
        container_title="<i>Blog</i>", url="javascript:alert(1)", abstract="<img src=x onerror=alert(2)>",
        note="<iframe src=//bad.example></iframe>", keyword=("<tag>", "a`b"),
    )])


# ----------------------------------------------------------------------------- helpers


def test_md_escape():
    assert md_escape("a *b* _c_ [d](e) <f> #g `h` \\ & !") == (
        r"a \*b\* \_c\_ \[d\](e) \<f\> \#g \`h\` \\ \& \!"
    )
    assert md_escape("1. not a list") == r"1\. not a list"
    assert md_escape("- not a bullet") == r"\- not a bullet"
    assert md_escape("two\nlines") == "two lines"


# ----------------------------------------------------------------------------- Markdown


def test_markdown_layout(rl):
    md = rl.to_markdown()
    assert md.startswith("# Reading list\n\n## 2022\n\n- ")
    headings = re.findall(r"^## (.*)$", md, re.M)
    assert headings == ["2022", "2019", "No date"]
    bullets = re.findall(r"^- (.*)$", md, re.M)
    assert len(bullets) == 3
    assert "Implicit Regularization in Hierarchical Tensor Factorization" in bullets[0]
    assert "Tags: `theory`, `to-read`" in md
    assert "**Note:** Start here." in md
    assert "The ability of large" not in md  # excerpts are off by default
    # The style printed the URL: it becomes an autolink; a non-http URL stays text.
    assert bullets[0].endswith("*Off the Convex Path*. <https://www.offconvex.org/2022/07/15/imp-reg-htf/>.")
    assert bullets[2].endswith("ftp://example.org/file.")


TITLE_ONLY_CSL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Title only</title><id>title-only</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title" font-style="italic"/></layout></bibliography>
</style>
"""


def test_a_link_is_added_when_the_style_prints_no_url(rl, tmp_path):
    style = tmp_path / "title-only.csl"
    style.write_text(TITLE_ONLY_CSL, encoding="utf-8")
    md = rl[:1].to_markdown(style=str(style))
    assert "- *Implicit Regularization in Hierarchical Tensor Factorization* " \
           "[Link](<https://www.offconvex.org/2022/07/15/imp-reg-htf/>)" in md
    doc = lxml_html.document_fromstring(rl[:1].to_html(style=str(style)))
    entry = doc.get_element_by_id("razin2022implicit")
    assert entry.find(".//div[@class='entry']").text_content() == \
        "Implicit Regularization in Hierarchical Tensor Factorization"
    assert [a.get("href") for a in entry.iter("a")] == ["https://www.offconvex.org/2022/07/15/imp-reg-htf/"]


def test_markdown_options(rl):
    md = rl.to_markdown(style="apa", group_by="author", excerpts=True, notes=False, title="Weekend reading")
    assert md.startswith("# Weekend reading\n")
    assert re.findall(r"^## (.*)$", md, re.M) == ["Sanjeev Arora", "blogmasters", "Noam Razin"]
    assert "Razin, N. (2022, July 15). Implicit Regularization" in md  # APA's author and date form
    assert "  > The ability of large neural networks to generalize" in md
    assert "Start here" not in md


def test_markdown_flat_and_untitled(rl):
    md = rl.to_markdown(group_by=None, title=None)
    assert not re.search(r"^#", md, re.M)
    assert [line[:2] for line in md.splitlines() if line and not line.startswith(" ")] == ["- "] * 3


def test_markdown_empty():
    assert ReadingList().to_markdown() == "# Reading list\n\n*No entries.*\n"


def test_markdown_escapes_item_text(evil):
    md = evil.to_markdown(excerpts=True)
    assert "<script" not in md.replace("\\<script", "")
    assert "\\*stars\\*" in md and "\\[link\\]" in md and "\\<i\\>Blog\\</i\\>" in md
    assert "\\<img" in md and "\\<iframe" in md
    assert "](<javascript" not in md


def test_markdown_converts_with_pandoc(rl, evil, tmp_path):
    """pandoc reads the document as intended: headings, list items, no raw HTML from items."""
    import shutil
    import subprocess

    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    source = (rl + evil).to_markdown(excerpts=True)
    html = subprocess.run(["pandoc", "-f", "commonmark", "-t", "html"], input=source,
                          capture_output=True, text=True, check=True).stdout
    doc = lxml_html.fromstring(f"<div>{html}</div>")
    assert [h.text_content() for h in doc.iter("h2")] == ["2022", "2020", "2019", "No date"]
    assert len(doc.findall(".//li")) == 4
    assert not doc.findall(".//script") and not doc.findall(".//img") and not doc.findall(".//iframe")
    text = _straight(doc.text_content())
    assert "<script>alert('x')</script> *stars* [link](http://bad.example) & more" in text
    assert "O<b>Neil, A&B" in text and "<img src=x onerror=alert(2)>" in text
    assert [a.get("href") for a in doc.iter("a")] == ["https://www.offconvex.org/2022/07/15/imp-reg-htf/"]


# ----------------------------------------------------------------------------- HTML


def test_html_is_a_complete_page(rl):
    page = rl.to_html(title="Off the Convex Path: a reading list")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    doc = lxml_html.document_fromstring(page)
    assert doc.find(".//head/meta[@charset]").get("charset") == "utf-8"
    assert "width=device-width" in doc.find(".//meta[@name='viewport']").get("content")
    assert doc.findtext(".//title") == "Off the Convex Path: a reading list"
    css = doc.findtext(".//style")
    assert "@media (max-width" in css and "prefers-color-scheme: dark" in css
    assert not doc.findall(".//link") and not doc.findall(".//script")  # standalone: nothing fetched
    sections = doc.findall(".//section")
    assert [s.find("h2").text.strip() for s in sections] == ["2022", "2019", "No date"]
    assert [len(s.findall("ol/li")) for s in sections] == [1, 1, 1]
    assert [a.get("href") for a in doc.findall(".//nav/a")] == [f"#{s.get('id')}" for s in sections]


def test_html_entries(rl):
    doc = lxml_html.document_fromstring(rl.to_html(style="apa", excerpts=True))
    first = doc.get_element_by_id("razin2022implicit")
    assert "Razin, N. (2022, July 15)." in first.text_content()
    assert first.find(".//div[@class='entry']//i").text == "Off the Convex Path"  # the style's markup kept
    url = "https://www.offconvex.org/2022/07/15/imp-reg-htf/"
    links = list(first.iter("a"))  # the URL the style printed, and the "Read the post" link
    assert [(a.get("href"), a.get("class")) for a in links] == [(url, None), (url, "read")]
    assert links[0].text == url
    assert [t.text for t in first.find_class("tag")] == ["theory", "to-read"]
    assert first.find_class("note")[0].text_content() == "Note: Start here."
    assert first.find_class("excerpt")[0].text_content() == "The ability of large neural networks to generalize"
    undated = doc.get_element_by_id("undated")
    assert not list(undated.iter("a"))  # ftp: not a link


def test_html_escapes_everything_from_items(evil):
    page = evil.to_html(excerpts=True, title="<b>My</b> list")
    doc = lxml_html.document_fromstring(page)
    for tag in ("script", "img", "iframe", "b"):
        assert not doc.findall(f".//body//{tag}"), tag
    assert [a.get("href") for a in doc.iter("a") if not a.get("href").startswith("#")] == []
    text = _straight(doc.text_content())
    assert EVIL in text and "O<b>Neil" in text and "<i>Blog</i>" in text
    assert "<img src=x onerror=alert(2)>" in text and "<iframe src=//bad.example></iframe>" in text
    assert doc.findtext(".//title") == "<b>My</b> list"


def test_html_empty_page():
    doc = lxml_html.document_fromstring(ReadingList().to_html())
    assert doc.find_class("empty")[0].text == "No entries." and not doc.findall(".//section")


def test_save_documents(rl, tmp_path):
    md = rl.save(tmp_path / "reading.md", group_by="author")
    assert md.read_text(encoding="utf-8") == rl.to_markdown(group_by="author")
    page = rl.save(tmp_path / "reading.html", style="apa", excerpts=True)
    assert page.read_text(encoding="utf-8") == rl.to_html(style="apa", excerpts=True)


def test_render_and_cite_methods(rl):
    text = rl.render(style="apa")
    assert text.splitlines()[0].startswith("Arora, S. (2019, June 3).")  # APA sorts by author
    assert rl.cite(style="apa") == ["(Razin, 2022)", "(Arora, 2019)", "(blogmasters, n.d.)"]
    assert rl.cite("arora2019optimization", style="apa") == ["(Arora, 2019)"]
    with pytest.raises(KeyError):
        rl.cite("nope")
