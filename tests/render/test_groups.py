"""cs:group suppression (CSL 1.0.2): a group is suppressed when it calls variables and all are empty."""

from __future__ import annotations

from blogbib.render.csl import Processor

from .test_processor import style

ITEM = {"id": "a", "type": "webpage", "title": "T", "URL": "https://example.org/a"}
NO_URL = {"id": "b", "type": "webpage", "title": "U"}


def test_group_of_terms_only_renders():
    p = Processor(style(bibliography='<group delimiter=": "><group delimiter=" "><text term="retrieved" '
                                     'text-case="capitalize-first"/><text term="from"/></group>'
                                     '<text variable="URL"/></group>'))
    assert p.bibliography([ITEM]) == [("a", "Retrieved from: https://example.org/a")]


def test_group_whose_variables_are_all_empty_is_suppressed():
    # `issued` is there, but without a day the date renders nothing
    p = Processor(style(bibliography='<text variable="title"/><group prefix=" (" suffix=")" delimiter=" ">'
                                     '<text value="day"/><date variable="issued"><date-part name="day"/></date>'
                                     '</group>'))
    dated = {**ITEM, "issued": {"date-parts": [[2020, 5, 4]]}}
    year_only = {**NO_URL, "issued": {"date-parts": [[2020]]}}
    assert p.bibliography([dated, year_only]) == [("a", "T (day 4)"), ("b", "U")]


def test_nested_group_or_macro_that_renders_counts_as_a_rendered_variable():
    # citeproc-js: "(n.d.)" for an item without publisher and date, though the publisher group is empty
    p = Processor(style(bibliography='<text variable="title"/><group prefix=" (" suffix=")" delimiter="; ">'
                                     '<group><text variable="publisher"/></group><text macro="year"/></group>',
                        macros='<macro name="year"><choose><if variable="issued"><date variable="issued">'
                               '<date-part name="year"/></date></if><else><text term="no date" form="short"/>'
                               '</else></choose></macro>'))
    assert p.bibliography([{**ITEM, "publisher": "Acme"}, NO_URL]) == [("a", "T (Acme; n.d.)"), ("b", "U (n.d.)")]


def test_macro_whose_variables_are_all_empty_renders_nothing():
    p = Processor(style(bibliography='<text variable="title"/><text macro="url" prefix=" "/>',
                        macros='<macro name="url"><text value="at"/><text variable="URL" prefix=" "/></macro>'))
    assert p.bibliography([ITEM, NO_URL]) == [("a", "T at https://example.org/a"), ("b", "U")]
