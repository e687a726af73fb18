"""The CSL engine's entry points (blogbib.render.csl): Processor, Citation, CiteItem.

Styles are written for each test; expected strings follow the CSL 1.0.2 specification.
"""

from __future__ import annotations

import pytest

from blogbib import BlogbibError
from blogbib.render.csl import Citation, CiteItem, Processor
from blogbib.render.styles import resolve_style

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">
  <macro name="author"><names variable="author"><name form="short" and="symbol"/></names></macro>{macros}
  <citation {citation_attrs}>{citation_sort}<layout {layout_attrs}>{citation}</layout></citation>
  <bibliography><layout>{bibliography}</layout></bibliography>
</style>"""

ITEMS = [
    {"id": "Doe2020", "type": "book", "title": "Alpha", "author": [{"family": "Doe", "given": "Jane"}],
     "issued": {"date-parts": [[2020]]}},
    {"id": "doe2020", "type": "book", "title": "Beta", "author": [{"family": "Roe", "given": "Rick"}],
     "issued": {"date-parts": [[2019]]}},
]


def style(citation: str = '<text macro="author"/>', bibliography: str = '<text variable="title"/>', *,
          citation_attrs: str = "", citation_sort: str = "", layout_attrs: str = 'delimiter="; "',
          cls: str = "in-text", macros: str = "") -> str:
    return STYLE.format(**locals())


def cite(processor: Processor, *clusters: tuple[CiteItem, ...], items=ITEMS) -> list[str]:
    return processor.citations(items, [Citation(tuple(cluster)) for cluster in clusters])


def test_ids_are_kept_exactly_and_entries_follow_the_style_order():
    p = Processor(style(bibliography='<text variable="title"/>'))
    assert p.bibliography(ITEMS) == [("Doe2020", "Alpha"), ("doe2020", "Beta")]
    assert cite(p, [CiteItem("doe2020")], [CiteItem("Doe2020")]) == ["Roe", "Doe"]


def test_a_style_from_xml_text_a_path_or_a_style_source(tmp_path):
    text = style()
    path = tmp_path / "mine.csl"
    path.write_text(text, encoding="utf-8")
    for source in (text, str(path), resolve_style(str(path))):
        assert cite(Processor(source), [CiteItem("Doe2020")]) == ["Doe"]


def test_locator_with_its_label_prefix_and_suffix():
    p = Processor(style('<text macro="author"/><group prefix=", " delimiter=" "><label variable="locator" '
                        'form="short"/><text variable="locator"/></group>'))
    assert cite(p, [CiteItem("Doe2020", locator="4-6", label="page", prefix="see ", suffix=" for more")]) == [
        "see Doe, pp. 4–6 for more"]
    assert cite(p, [CiteItem("Doe2020", locator="3", label="chapter")]) == ["Doe, chap. 3"]
    assert cite(p, [CiteItem("Doe2020")]) == ["Doe"]  # no locator: the label group is suppressed


def test_several_cites_in_one_citation_sorted_by_the_citation_sort():
    p = Processor(style('<text macro="author"/><date variable="issued" prefix=" "><date-part name="year"/></date>',
                        citation_sort='<sort><key variable="issued"/></sort>',
                        layout_attrs='prefix="(" suffix=")" delimiter="; "'))
    assert cite(p, [CiteItem("Doe2020"), CiteItem("doe2020")]) == ["(Roe 2019; Doe 2020)"]


def test_suppress_author_and_author_only():
    p = Processor(style('<group delimiter=" "><text macro="author"/><date variable="issued"><date-part '
                        'name="year"/></date></group>'))
    assert cite(p, [CiteItem("Doe2020", suppress_author=True)]) == ["2020"]
    assert cite(p, [CiteItem("Doe2020", author_only=True)]) == ["Doe"]


def test_positions_first_subsequent_ibid_and_ibid_with_locator():
    body = ('<choose><if position="ibid-with-locator"><text value="Ibid., "/><text variable="locator"/></if>'
            '<else-if position="ibid"><text value="Ibid."/></else-if>'
            '<else-if position="subsequent"><text macro="author"/></else-if>'
            '<else><text macro="author"/><text variable="title" prefix=", "/></else></choose>')
    p = Processor(style(body, cls="note"))
    got = cite(p, [CiteItem("Doe2020")], [CiteItem("Doe2020")], [CiteItem("Doe2020", locator="5")],
               [CiteItem("doe2020")], [CiteItem("Doe2020")])
    assert got == ["Doe, Alpha", "Ibid.", "Ibid., 5", "Roe, Beta", "Doe"]


def test_every_name_and_date_variable_of_csl_json_is_read():
    item = {"id": "t", "type": "chapter", "title": "Kernels", "container-title": "Handbook",
            "author": [{"family": "Tanaka", "given": "Hiro"}],
            "editor": [{"family": "Brennan", "given": "Siobhan"}, {"family": "Wolff", "given": "Dieter"}],
            "original-date": {"date-parts": [[1999]]}, "issued": {"date-parts": [[2018, 3], [2018, 5]]}}
    p = Processor(style(bibliography='<group delimiter=". "><names variable="editor"><name and="text"/>'
                                     '<label form="short" prefix=" (" suffix=")"/></names>'
                                     '<date variable="original-date"><date-part name="year"/></date>'
                                     '<date variable="issued"><date-part name="month" suffix=" "/>'
                                     '<date-part name="year"/></date></group>'))
    assert p.bibliography([item]) == [("t", "Siobhan Brennan and Dieter Wolff (eds.). 1999. March–May 2018")]


def test_bad_requests_are_clear_errors():
    p = Processor(style())
    with pytest.raises(BlogbibError, match="citation 1: no item with id 'nobody'"):
        cite(p, [CiteItem("nobody")])
    with pytest.raises(BlogbibError, match="unknown output format 'pdf'"):
        p.bibliography(ITEMS, format="pdf")
    with pytest.raises(BlogbibError, match="not a CSL style"):
        Processor("<html/>")
    note_only = style().replace("<bibliography><layout><text variable=\"title\"/></layout></bibliography>", "")
    with pytest.raises(BlogbibError, match="has no bibliography"):
        Processor(note_only).bibliography(ITEMS)
