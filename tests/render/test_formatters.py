"""Output formats: escaping of item and style text (text, HTML as citeproc-js, Markdown)."""

from __future__ import annotations

from blogbib.render.csl import Processor

from .test_processor import style


def test_angle_brackets_in_affixes_are_escaped_in_html():
    p = Processor(style(bibliography='<text variable="URL" prefix="Available at: &lt;" suffix="&gt;"/>'))
    items = [{"id": "a", "type": "webpage", "URL": "https://example.org/a?b=1&c=2"}]
    assert p.bibliography(items, "html") == [
        ("a", '  <div class="csl-entry">Available at: &#60;https://example.org/a?b=1&#38;c=2&#62;</div>')]
    assert p.bibliography(items) == [("a", "Available at: <https://example.org/a?b=1&c=2>")]


def test_ampersand_in_a_page_range_is_escaped_once():
    p = Processor(style(bibliography='<text variable="page"/>'))
    assert p.bibliography([{"id": "a", "type": "book", "page": "10-12 & 14"}], "html") == [
        ("a", '  <div class="csl-entry">10–12 &#38; 14</div>')]
