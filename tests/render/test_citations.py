"""Citation clusters (render/csl/citations.py): cite prefixes and suffixes as rich text, the layout
delimiter beside punctuation in them, a note's citation capitalizing a term it opens with."""

from __future__ import annotations

from blogbib.render.csl import Citation, CiteItem, Processor

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">
  <citation><layout delimiter="; " suffix=".">
    <choose><if position="subsequent"><text term="ibid"/></if><else><text variable="title"/></else></choose>
  </layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""

ITEMS = [{"id": "a", "type": "book", "title": "Book A"}, {"id": "b", "type": "book", "title": "Book B"}]


def cite(*clusters: tuple[CiteItem, ...], cls: str = "note", format: str = "text") -> list[str]:
    processor = Processor(STYLE.format(cls=cls))
    return processor.citations(ITEMS, [Citation(c, note_index=i) for i, c in enumerate(clusters, 1)], format)


def test_prefix_and_suffix_markup_and_quotes_as_in_item_text():
    got = cite((CiteItem("a", prefix='<i>see</i> "also" '),), format="html")
    assert got == ["<i>see</i> “also” Book A."]


def test_a_prefix_starting_with_punctuation_replaces_the_layout_delimiter():
    assert cite((CiteItem("a"), CiteItem("b", prefix=", cited in ")),) == ["Book A, cited in Book B."]
    assert cite((CiteItem("a", suffix=" is one,"), CiteItem("b")),) == ["Book A is one, Book B."]


def test_a_note_opening_with_a_term_capitalizes_it():
    assert cite((CiteItem("a"),), (CiteItem("a"),)) == ["Book A.", "Ibid."]
    assert cite((CiteItem("a"),), (CiteItem("a", prefix="See "),)) == ["Book A.", "See ibid."]
    assert cite((CiteItem("a"),), (CiteItem("a", prefix="That was said. "),)) == ["Book A.", "That was said. Ibid."]
    assert cite((CiteItem("a"),), (CiteItem("a"),), cls="in-text") == ["Book A.", "ibid."]


POSITIONS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <citation><layout delimiter="; ">
    <choose><if position="ibid-with-locator"><text value="ibid-loc"/></if>
      <else-if position="ibid"><text value="ibid"/></else-if>
      <else-if position="subsequent"><group delimiter=" "><text variable="title"/>
        <text variable="first-reference-note-number" prefix="n "/></group></else-if>
      <else><text variable="title"/></else></choose>
  </layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""


def test_positions_by_note_and_first_reference_note_number():
    p = Processor(POSITIONS)
    cites = [Citation((CiteItem("a"),), 1), Citation((CiteItem("b"),), 1), Citation((CiteItem("b"),), 2),
             Citation((CiteItem("b"),), 3), Citation((CiteItem("b", locator="4"),), 3),
             Citation((CiteItem("b", locator="4", label="chapter"),), 3), Citation((CiteItem("a"),), 4)]
    # note 1 holds two citations: the cite in note 2 is not ibid; a label change is a new locator
    assert p.citations(ITEMS, cites) == ["Book A", "Book B", "Book B n 1", "ibid", "ibid-loc", "ibid-loc",
                                         "Book A n 1"]
