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


def test_explicit_normal_fonts_undo_a_font_in_force_and_baseline_is_written_as_citeproc_js_does():
    p = Processor(style(bibliography='<group font-style="italic"><text variable="title" font-style="normal"/></group>'
                                     '<text variable="title" prefix=" " font-style="normal"/>'
                                     '<text value="x" prefix=" " vertical-align="baseline"/>'))
    items = [{"id": "a", "type": "book", "title": "T <span class=\"nodecor\">v.</span> U"}]
    assert p.bibliography(items, "html") == [
        ("a", '  <div class="csl-entry"><i><span style="font-style:normal;">T v. U</span></i> T v. U '
              '<span style="baseline">x</span></div>')]


def test_item_markup_bold_in_bold_and_small_caps_in_small_caps_print_normal():
    p = Processor(style(bibliography='<text variable="title" font-weight="bold"/>'
                                     '<text variable="title" prefix=" " font-variant="small-caps"/>'))
    items = [{"id": "a", "type": "book", "title": "a <b>b</b> <sc>c</sc>"}]
    sc, normal = '<span style="font-variant:small-caps;">', '<span style="font-variant:normal;">'
    assert p.bibliography(items, "html") == [
        ("a", '  <div class="csl-entry"><b>a <span style="font-weight:normal;">b</span> ' + sc + 'c</span></b> '
              + sc + 'a <b>b</b> ' + normal + 'c</span></span></div>')]


def test_style_italics_inside_style_italics_stay_italic_and_item_italics_flip():
    p = Processor(style(bibliography='<group font-style="italic"><text variable="title" font-style="italic"/></group>'))
    items = [{"id": "a", "type": "thesis", "title": "A <i>B</i>"}]
    assert p.bibliography(items, "html") == [
        ("a", '  <div class="csl-entry"><i><i>A <span style="font-style:normal;">B</span></i></i></div>')]
