"""cs:date and cs:date-part (CSL 1.0.2 "Date"), with citeproc-js as the reference."""

from __future__ import annotations

from blogbib.render.csl import Processor

from .test_processor import style


def test_implicit_year_suffix_follows_the_year_with_the_years_affixes():
    year = '<date variable="issued"><date-part name="year" prefix="(" suffix=")"/></date>'
    p = Processor(style('<text macro="author"/>', f'<text macro="author"/>{year}',
                        citation_attrs='disambiguate-add-year-suffix="true"'))
    items = [{"id": k, "type": "book", "title": k, "author": [{"family": "Doe"}], "issued": {"date-parts": [[2016]]}}
             for k in ("a", "b")]
    assert p.bibliography(items) == [("a", "Doe(2016)(a)"), ("b", "Doe(2016)(b)")]


DAY = ('<date variable="issued"><date-part name="day" form="ordinal" suffix=" "/><date-part name="month" '
       'suffix=" "/><date-part name="year"/></date>')


def _days(locale: str, *days: int) -> list[str]:
    p = Processor(style(bibliography=DAY), locale)
    items = [{"id": str(d), "type": "book", "issued": {"date-parts": [[2021, 1, d]]}} for d in days]
    return [entry for _, entry in p.bibliography(items)]


def test_day_ordinal_agrees_with_the_gender_of_the_month():
    # pt-BR months have no gender: the ordinal without one ("º"), not the first gendered variant ("ª")
    assert _days("pt-BR", 1) == ["1º janeiro 2021"]
    # French months are masculine: "1er"; ordinal-01 matches the whole number only, so 21 takes "e"
    assert _days("fr-FR", 1) == ["1ᵉʳ janvier 2021"]


def test_ordinal_suffixes_by_last_digits():
    p = Processor(style(bibliography='<number variable="edition" form="ordinal"/>'))
    items = [{"id": str(n), "type": "book", "edition": str(n)} for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)]
    assert [e for _, e in p.bibliography(items)] == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st",
                                                   "22nd", "101st", "111th"]
    french = Processor(style(bibliography='<number variable="edition" form="ordinal"/>'), "fr-FR")
    assert [e for _, e in french.bibliography([items[0], items[7]])] == ["1ʳᵉ", "21ᵉ"]  # édition is feminine


def test_an_open_range_ends_with_its_delimiter():
    p = Processor(style(bibliography='<date variable="issued"><date-part name="year"/></date>'))
    items = [{"id": "a", "type": "book", "issued": {"date-parts": [[1987], [0]]}}]
    assert p.bibliography(items) == [("a", "1987–")]
