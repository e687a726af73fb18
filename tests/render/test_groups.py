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


def test_group_whose_variables_are_all_empty_is_suppressed_with_its_nested_literal_group():
    # the item has `issued`, but without a day the date renders nothing: the nested group of
    # literal text does not count as a rendered variable
    p = Processor(style(bibliography='<text variable="title"/><group prefix=" (" suffix=")" delimiter=" ">'
                                     '<group><text value="day"/></group><date variable="issued">'
                                     '<date-part name="day"/></date></group>'))
    dated = {**ITEM, "issued": {"date-parts": [[2020, 5, 4]]}}
    year_only = {**NO_URL, "issued": {"date-parts": [[2020]]}}
    assert p.bibliography([dated, year_only]) == [("a", "T (day 4)"), ("b", "U")]
