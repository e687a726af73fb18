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
