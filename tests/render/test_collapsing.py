"""Cite grouping and collapsing in a citation (render/csl/collapsing.py): collapse="citation-number",
"year", "year-suffix", "year-suffix-ranged", cite-group-delimiter, year-suffix-delimiter,
after-collapse-delimiter.  Expected strings follow CSL 1.0.2 and the CSL test suite's fixtures."""

from __future__ import annotations

from blogbib.render.csl import Citation, CiteItem, Processor

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation disambiguate-add-year-suffix="true" {attrs}>
    <layout prefix="(" suffix=")" delimiter="; ">{layout}</layout>
  </citation>
  <bibliography><sort><key variable="author"/><key variable="issued"/></sort>
    <layout><text variable="title"/></layout></bibliography>
</style>"""

AUTHOR_DATE = """<group delimiter=" "><names variable="author"><name form="short"/></names>
  <date variable="issued"><date-part name="year"/></date><text variable="locator"/></group>"""
NUMBERS = '<text variable="citation-number"/>'


def item(key: str, family: str, year: int) -> dict:
    return {"id": key, "type": "book", "title": key, "author": [{"family": family, "given": "A."}],
            "issued": {"date-parts": [[year]]}}


ITEMS = [item("s1", "Smith", 2000), item("s2", "Smith", 2000), item("s3", "Smith", 2000),
         item("j1", "Jones", 1999), item("s4", "Smith", 2001)]


def cite(attrs: str, layout: str, *ids: str, **kw) -> str:
    processor = Processor(STYLE.format(attrs=attrs, layout=layout))
    cites = tuple(CiteItem(i, **kw.get(i, {})) for i in ids)
    return processor.citations(ITEMS, [Citation(cites)])[0]


def test_citation_number_ranges_of_three_or_more():
    # numbered in bibliography order: j1 1, s1 2, s2 3, s3 4, s4 5
    assert cite('collapse="citation-number"', NUMBERS, "j1", "s1", "s2", "s3", "s4") == "(1–5)"
    assert cite('collapse="citation-number"', NUMBERS, "s1", "s2", "s4") == "(2; 3; 5)"
    assert cite('collapse="citation-number"', NUMBERS, "j1", "s2", "s3", "s4") == "(1; 3–5)"
    assert cite("", NUMBERS, "s1", "s2", "s3") == "(2; 3; 4)"


def test_year_collapse_drops_repeated_names_and_groups_same_names():
    assert cite('collapse="year"', AUTHOR_DATE, "s1", "j1", "s4") == "(Smith 2000a, 2001; Jones 1999)"


def test_a_cite_with_a_prefix_is_not_moved_into_a_group():
    got = cite('collapse="year"', AUTHOR_DATE, "s1", "j1", "s4", s4={"prefix": "see "})
    assert got == "(Smith 2000a; Jones 1999; see Smith 2001)"


def test_year_suffix_collapse_and_ranges():
    ids = ("s1", "s2", "s3", "s4")
    assert cite('collapse="year-suffix"', AUTHOR_DATE, *ids) == "(Smith 2000a; b; c; 2001)"
    assert cite('collapse="year-suffix" year-suffix-delimiter=","', AUTHOR_DATE, *ids) == "(Smith 2000a,b,c; 2001)"
    assert cite('collapse="year-suffix-ranged"', AUTHOR_DATE, *ids) == "(Smith 2000a–c; 2001)"


def test_cite_group_delimiter_and_after_collapse_delimiter():
    attrs = 'collapse="year" cite-group-delimiter=" &amp; " after-collapse-delimiter=" | "'
    assert cite(attrs, AUTHOR_DATE, "s1", "s4", "j1") == "(Smith 2000a & 2001 | Jones 1999)"
