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


def test_superscript_characters_print_as_sup_in_html_as_citeproc_js_prints_them():
    from blogbib.render.csl.formatters import html_escape, html_escape_affix

    assert html_escape("1ʳᵉ éd. & ²") == "1<sup>r</sup><sup>e</sup> éd. &#38; <sup>2</sup>"
    assert html_escape_affix("(ª") == "(<sup>a</sup>"
    assert html_escape("plain text") == "plain text"
