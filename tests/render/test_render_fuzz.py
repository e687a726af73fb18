"""Fuzzed item text through the CSL renderers: HTML stays inert, Markdown stays text.

Complements test_escaping.py (fixed nasty strings in many styles) with random
mixtures of markup, link syntax, entities and URLs, in the default style and
APA, through the public ``render`` and ``cite``.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from blogbib.model import Date, Name, Reference
from blogbib.urls import markdown_autolink

from ..depth import fuzz_test

render_module = pytest.importorskip("blogbib.render", reason="rendering is not merged on this branch")

N_EXAMPLES = 60
FUZZ = settings(max_examples=N_EXAMPLES, deadline=timedelta(seconds=20), database=None,
                derandomize=os.environ.get("CI", "").lower() in ("1", "true", "yes"),
                suppress_health_check=[HealthCheck.too_slow])
PIECES = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "javascript:",
          "[x](javascript:alert(1))", "![i](http://e.org/i.png)", "<http://e.org>", "*em*", "_u_", "**b**",
          "`code`", "# head", "> quote", "&amp;", "&lt;", "&#x3C;", "\\", "|", "~~s~~", "<!--", "-->", "{{x}}",
          "'", '"', "&", "<", ">", " ", "word", "é", "\n"]
text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join).filter(lambda t: t.strip())
URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
        'https://e.org/?a="><script>alert(1)</script>', "https://e.org/a b<c>", "vbscript:msgbox(1)"]


@st.composite
def hostile_refs(draw) -> list[Reference]:
    return [Reference(id=f"k{i}", title=draw(text), author=(Name(family=draw(text), given=draw(text)),
                                                            Name(literal=draw(text))),
                      issued=Date(2020, 1, i + 1), container_title=draw(text), url=draw(st.sampled_from(URLS)),
                      abstract=draw(text))
            for i in range(draw(st.integers(1, 2)))]


class Inspect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_comment(self, data):
        self.comments.append(data)


@pytest.mark.parametrize("style", [None, "apa"])
@fuzz_test(FUZZ, refs=hostile_refs())
def test_html_output_has_no_active_markup_60_examples(style, refs):
    out = render_module.render(refs, style, format="html") + "".join(render_module.cite(refs, style, format="html"))
    parser = Inspect()
    parser.feed(out)
    parser.close()
    assert {tag for tag, _ in parser.tags} <= {"div", "i", "b", "sup", "sub", "span", "a"}, parser.tags
    assert not parser.comments
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert re.match(r"https?://", value or ""), (tag, name, value)
    assert re.search(r"&(?!#\d+;|#x[0-9a-f]+;|[a-z]+;)", out, re.I) is None, "a raw & in HTML output"


@pytest.mark.parametrize("style", [None, "apa"])
@fuzz_test(FUZZ, refs=hostile_refs())
def test_markdown_output_cannot_form_links_html_or_code_60_examples(style, refs):
    out = render_module.render(refs, style, format="markdown")
    bare = out.replace("<sup>", "").replace("</sup>", "").replace("<sub>", "").replace("</sub>", "")
    for link in {markdown_autolink(r.url) for r in refs} - {None}:
        bare = bare.replace(link, "")  # an http(s) URL is the one autolink allowed
    assert re.search(r"(?<!\\)[<`]", bare) is None, bare  # no raw HTML, other autolinks or code spans
    assert re.search(r"(?<!\\)\]\(", out) is None  # no [text](url) link
