"""Item data never reaches HTML or Markdown output unescaped (a security property)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from blogbib.model import Date, Name, Reference
from blogbib.render import cite, render

NASTY = Reference(
    id="x",
    title='<script>alert("x")</script> & <img src=x onerror=alert(1)> [x](javascript:alert(1)) *em* "quoted"',
    author=(Name(family="O'Brien & <Sons>", given='"Q" Tom'), Name(literal="<b onclick=alert(2)>Org</b> & Co")),
    issued=Date(2020, 1, 2),
    container_title="Tom & Jerry's <blog> \"live\"",
    url='https://e.org/?a=1&b="<x>"&c=\'y\'',
)
STYLES = [None, "apa", "ieee", "modern-language-association", "chicago-author-date", "nature",
          "nlm-citation-sequence", "harvard-cite-them-right", "chicago-notes-bibliography"]
ALLOWED = {"div", "i", "b", "sup", "sub", "span"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


@pytest.mark.parametrize("style", STYLES)
def test_html_escapes_all_item_data(style):
    out = render([NASTY], style, format="html") + "".join(cite([NASTY], style, format="html"))
    parser = _Tags()
    parser.feed(out)
    assert {tag for tag, _ in parser.tags} <= ALLOWED
    for tag, attrs in parser.tags:
        assert all(name in ("class", "style") for name, _ in attrs), (tag, attrs)
    assert "<script" not in out.lower() and "<img" not in out.lower()
    assert re.search(r"&(?!#\d+;|[a-z]+;)", out) is None, "a raw & in HTML output"
    # the data survives as text
    assert "<script>" in parser.text.lower() and "& <img" in parser.text.lower() and "<sons>" in parser.text.lower()


@pytest.mark.parametrize("style", STYLES)
def test_markdown_neutralises_links_and_markup(style):
    out = render([NASTY], style, format="markdown")
    assert re.search(r"(?<!\\)\[x\]", out, re.I) is None and "\\[x\\](" in out.lower()
    # The URL, where the style prints it, is the one autolink: its angle brackets are percent-encoded.
    autolink = "<https://e.org/?a=1&b=\"%3Cx%3E\"&c='y'>"
    assert out.count(autolink) <= 1 and (out.count(autolink) == 1) == ("e.org" in out)
    rest = out.replace(autolink, "").replace("<sup>", "").replace("</sup>", "")
    assert re.search(r"(?<!\\)<", rest) is None
    assert re.search(r"\\\*em\\\*", out, re.I)


def test_text_output_is_the_plain_data():
    out = render([NASTY], "apa")
    assert '<script>alert(“x”)</script> & <img src=x onerror=alert(1)>' in out
    assert html.unescape(out) == out
