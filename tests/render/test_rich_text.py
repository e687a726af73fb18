"""Markup and quotation marks inside item text (render/csl/rich_text.py): quotes in a title are
markup, printed as the locale's quotes by depth (citeproc-js's flip-flop); an unpaired single
quote is an apostrophe; <sc> and small caps, superscript and subscript are kept from text-case."""

from __future__ import annotations

from blogbib.render.csl import Citation, CiteItem, Processor

from .test_processor import style


def title(text: str, quotes: bool = False, locale: str | None = None, fmt: str = "text", case: str = "") -> str:
    attrs = (' quotes="true"' if quotes else "") + (f' text-case="{case}"' if case else "")
    p = Processor(style(bibliography=f'<text variable="title"{attrs}/>'), locale=locale)
    return p.bibliography([{"id": "a", "type": "book", "title": text}], fmt)[0][1]


def test_quotes_in_a_title_print_by_depth():
    assert title("'Nobody Knows You're a Dog': On") == "“Nobody Knows You’re a Dog”: On"
    assert title("Life's 'Little' Surprises", quotes=True) == "“Life’s ‘Little’ Surprises”"
    assert title("Life's 'Little' Surprises", quotes=True, locale="fr-FR") == "«\u00a0Life’s “Little” Surprises\u00a0»"
    assert title("My “‘Amazing’ and Bogus” Title", quotes=True) == "“My ‘“Amazing” and Bogus’ Title”"


def test_an_unpaired_single_quote_is_an_apostrophe():
    assert title("Conference (ETFA '09)") == "Conference (ETFA ’09)"
    assert title("The students' work") == "The students’ work"


def test_markup_inside_quotes_and_small_caps_kept_from_text_case():
    assert title('It is ("<i>My Title</i>") now', fmt="html") == '  <div class="csl-entry">It is (“<i>My Title</i>”) now</div>'
    assert title("a <sc>small caps phrase</sc> here", case="title", fmt="html") == (
        '  <div class="csl-entry">A <span style="font-variant:small-caps;">small caps phrase</span> Here</div>')


def test_quotes_in_a_cite_suffix_leave_punctuation_outside():
    p = Processor(style(citation='<text variable="title"/>'))
    items = [{"id": "a", "type": "book", "title": "Some title"}]
    got = p.citations(items, [Citation((CiteItem("a", suffix=', "Hello there".'),))])
    assert got == ["Some title, “Hello there”."]

