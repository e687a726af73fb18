"""cs:sort keys built from macros (CSL 1.0.2 "Sorting"), compared as citeproc-js compares them."""

from __future__ import annotations

from blogbib.render.csl import Processor

from .test_processor import style


def item(key: str, *authors: str, date: list[int], title: str = "T") -> dict:
    return {"id": key, "type": "post-weblog", "title": title, "issued": {"date-parts": [date]},
            "author": [{"family": a, "given": "A"} for a in authors]}


def test_sort_key_from_a_macro_compares_what_it_prints_not_its_punctuation():
    # The macro ends the names with "."; a single author still sorts before the same author with others.
    bibliography = '<text macro="names"/><text variable="title" prefix=" "/>'
    p = Processor(style(bibliography=bibliography, macros='<macro name="names"><group suffix="."><names '
                                                          'variable="author"><name/></names></group></macro>')
                  .replace("<bibliography>", '<bibliography><sort><key macro="names"/></sort>'))
    items = [item("pair", "Arora", "Ma", date=[2019], title="Pair"), item("solo", "Arora", date=[2015], title="Solo")]
    assert [key for key, _ in p.bibliography(items)] == ["solo", "pair"]


def test_dates_in_a_sort_macro_compare_in_time_order_and_give_the_year_suffixes():
    date = '<date variable="issued"><date-part name="year"/><date-part name="month"/><date-part name="day"/></date>'
    year = '<date variable="issued"><date-part name="year"/></date>'
    p = Processor(style(f'<text macro="author"/>{year}', f'<text variable="title"/>{year}',
                        citation_attrs='disambiguate-add-year-suffix="true"', layout_attrs='delimiter="; "',
                        macros=f'<macro name="date">{date}</macro>')
                  .replace("<bibliography>", '<bibliography><sort><key macro="date"/></sort>'))
    items = [item("dec", "Doe", date=[2017, 12, 8], title="December"),
             item("mar", "Doe", date=[2017, 3, 15], title="March")]
    assert p.bibliography(items) == [("mar", "March2017a"), ("dec", "December2017b")]


def test_a_date_range_sorts_by_its_start_then_its_end():
    p = Processor(style(bibliography='<text variable="title"/>').replace(
        "<bibliography>", '<bibliography><sort><key variable="issued"/></sort>'))
    items = [{"id": "a", "type": "book", "title": "A", "issued": {"date-parts": [[2000, 5], [2001, 5]]}},
             {"id": "b", "type": "book", "title": "B", "issued": {"date-parts": [[2000, 5], [1999, 5]]}}]
    assert [entry for _, entry in p.bibliography(items)] == ["B", "A"]
