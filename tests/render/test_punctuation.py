"""Punctuation where rendered pieces meet (csl/punctuation.py), as citeproc-js and pandoc's citeproc print it."""

from __future__ import annotations

from blogbib.render.csl import Processor

from .test_processor import style


def test_a_semicolon_swallows_the_period_after_it_and_a_question_mark_the_colon():
    p = Processor(style(bibliography='<group delimiter=". "><text variable="publisher" suffix=";"/>'
                                     '<text variable="URL"/></group><text variable="title" prefix=" " suffix=":"/>'
                                     '<text variable="genre" prefix=" "/>'))
    item = {"id": "a", "type": "report", "publisher": "Univ.", "URL": "https://e.org", "title": "Why?",
            "genre": "Report"}
    assert p.bibliography([item]) == [("a", "Univ.; https://e.org Why? Report")]


def test_an_html_entity_is_not_a_semicolon():
    p = Processor(style(bibliography='<text variable="URL" prefix="&lt;" suffix="&gt;"/><text value="." />'))
    assert p.bibliography([{"id": "a", "type": "webpage", "URL": "https://e.org"}], "html") == [
        ("a", '  <div class="csl-entry">&#60;https://e.org&#62;.</div>')]


def test_where_marks_meet_citeproc_js_table():
    from blogbib.render.csl.punctuation import join

    assert join(["colon:", ". period"]) == "colon: period"
    assert join(["semicolon;", ": colon"]) == "semicolon; colon"
    assert join(["colon:", "! exclamation"]) == "colon! exclamation"
    assert join(["semicolon;", "? question"]) == "semicolon? question"
    assert join(["period.", ": colon"]) == "period.: colon"
    assert join(["comma,", "; semicolon"]) == "comma,; semicolon"
    assert join(["&#62;", "? x"]) == "&#62;? x"


def test_punctuation_in_quote_moves_on_into_an_inner_quote_and_past_closing_markup():
    from blogbib.render.csl.punctuation import QUOTE_OPEN, QUOTE_PIQ, finish

    inner, outer = QUOTE_OPEN + "’" + QUOTE_PIQ, QUOTE_OPEN + "”" + QUOTE_PIQ
    assert finish("“This is ‘The One" + inner + outer + ".") == "“This is ‘The One.’”"
    assert finish("<i>“Book A" + outer + "</i>. 1900") == "<i>“Book A.”</i> 1900"
