"""Disambiguation (render/csl/disambiguation.py): given names added name by name, names added
together with them, the all-names rules applied across every cite.  Expected strings follow
CSL 1.0.2 and the CSL test suite (disambiguate_AndreaEg*, disambiguate_AllNames*)."""

from __future__ import annotations

from blogbib.render.csl import Citation, CiteItem, Processor

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation et-al-min="3" et-al-use-first="1" {attrs}>
    <layout delimiter="; "><group delimiter=" ">
      <names variable="author"><name form="short" and="symbol" delimiter=", " initialize-with=". "/></names>
      <date variable="issued" prefix="(" suffix=")"><date-part name="year"/></date></group></layout>
  </citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""


def item(key: str, *names: tuple[str, str], year: int = 1980) -> dict:
    return {"id": key, "type": "book", "title": key, "issued": {"date-parts": [[year]]},
            "author": [{"family": f, "given": g} for f, g in names]}


def cite(attrs: str, items: list[dict]) -> str:
    processor = Processor(STYLE.format(attrs=attrs))
    return processor.citations(items, [Citation(tuple(CiteItem(i["id"]) for i in items))])[0]


def test_names_and_given_names_added_name_by_name():
    items = [item("a", ("Smith", "Ann"), ("Brown", "Bob"), ("Jones", "John")),
             item("b", ("Smith", "Ann"), ("Benson", "Bea"), ("Jones", "John")),
             item("c", ("Smith", "Ann"), ("Brown", "Bob"), ("Jones", "Alan"))]
    attrs = 'disambiguate-add-names="true" disambiguate-add-givenname="true"'
    assert cite(attrs, items) == ("Smith, Brown, & J. Jones (1980); Smith, Benson, et al. (1980); "
                                  "Smith, Brown, & A. Jones (1980)")


def test_all_names_rule_expands_names_that_share_a_family_name_in_every_cite():
    items = [item("a", ("Asthma", "Albert"), year=1980), item("b", ("Asthma", "Arthur"), year=1995),
             item("c", ("Dropsy", "Dan"), year=1995)]
    attrs = 'disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names"'
    assert cite(attrs, items) == "Albert Asthma (1980); Arthur Asthma (1995); Dropsy (1995)"
    attrs = 'disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names-with-initials"'
    assert cite(attrs, items) == "Asthma (1980); Asthma (1995); Dropsy (1995)"  # initials would not help
    items[1] = item("b", ("Asthma", "Bertram"), year=1995)
    assert cite(attrs, items) == "A. Asthma (1980); B. Asthma (1995); Dropsy (1995)"


def test_by_cite_leaves_names_alone_when_the_cites_differ():
    items = [item("a", ("Asthma", "Albert"), year=1980), item("b", ("Asthma", "Arthur"), year=1995)]
    assert cite('disambiguate-add-givenname="true"', items) == "Asthma (1980); Asthma (1995)"
