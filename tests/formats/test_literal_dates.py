"""A date that is only text ("forthcoming", "n.d.", "Spring term 2020"), read by every reader, written by every
writer and printed by CSL as it is (issue 18: literal-only dates)."""

from __future__ import annotations

import json

import pytest

from blogbib.errors import Diagnostics
from blogbib.formats import get
from blogbib.model import Date, Reference
from blogbib.render import render

FORTHCOMING = Date(literal="forthcoming")


def _read(fmt: str, text: str) -> tuple[list[Reference], Diagnostics]:
    diag = Diagnostics()
    return get(fmt).read(text, source="in", diag=diag), diag


@pytest.mark.parametrize("value", [{"literal": "forthcoming"}, {"raw": "forthcoming"}, "forthcoming",
                                   {"date-parts": [[]], "literal": "forthcoming"}])
def test_csl_json_literal_or_raw_with_no_date_parts_is_a_literal_only_date(value):
    (ref,), diag = _read("csl-json", json.dumps([{"id": "a", "type": "book", "issued": value}]))
    assert ref.issued == FORTHCOMING and not diag.problems
    assert json.loads(get("csl-json").write([ref]))[0]["issued"] == {"literal": "forthcoming"}


def test_csl_json_keeps_circa_on_a_literal_only_date_and_a_date_that_does_not_exist_is_still_an_error():
    (ref,), _ = _read("csl-json", json.dumps([{"id": "a", "type": "book",
                                               "original-date": {"literal": "ca. Spring", "circa": True}}]))
    assert ref.get("original-date") == Date(literal="ca. Spring", circa=True)
    refs, diag = _read("csl-json", json.dumps([{"id": "b", "type": "book", "issued": {"raw": "2021-02-30"}}]))
    assert refs == [] and "has no day 30" in str(diag.errors[0])


BIB = """@book{a, author = {Doe, Jane}, title = {Tomorrow}, year = {forthcoming}}
@book{b, author = {Doe, Jane}, title = {Undated}, date = {n.d.}, urldate = {Spring term}}
@book{c, author = {Doe, Jane}, title = {Yesterday}, year = {2001}, origdate = {Hilary term \\& after}}
@book{d, title = {Bad}, date = {2021-02-30}}
"""


def test_bibtex_year_or_date_that_is_no_date_is_a_literal_only_date():
    (a, b, c), diag = _read("bibtex", BIB)
    assert a.issued == FORTHCOMING and a.extra == ()
    assert (b.issued, b.accessed) == (Date(literal="n.d."), Date(literal="Spring term"))
    assert c.get("original-date") == Date(literal="Hilary term & after")
    assert [str(p) for p in diag.problems] == ["in:4: @book{d}: date: February 2021 has no day 30"]


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_bibtex_and_biblatex_write_a_literal_only_date_as_the_year_biber_keeps(fmt):
    refs, _ = _read("bibtex", BIB)
    text = get(fmt).write(refs)
    assert "year         = {forthcoming}" in text and "year         = {n.d.}" in text
    assert "date         = {n.d.}" not in text and "month" not in text.split("@book{b")[0]
    assert r"origdate     = {Hilary term \& after}" in text
    back, diag = _read("bibtex", text)
    assert back == refs and not diag.errors


def test_ris_da_or_py_that_is_no_date_is_a_literal_only_date_and_written_to_da_alone():
    text = "TY  - BOOK\nTI  - Tomorrow\nPY  - forthcoming\nER  - \n\nTY  - BOOK\nTI  - Spring\nDA  - Spring term 2020\n" \
           "Y2  - n.d.\nER  - \n"
    (a, b), diag = _read("ris", text)
    assert (a.issued, b.issued, b.accessed) == (FORTHCOMING, Date(literal="Spring term 2020"), Date(literal="n.d."))
    assert not diag.problems
    written = get("ris").write([a, b])
    assert "DA  - forthcoming" in written and "PY  -" not in written
    assert _read("ris", written)[0] == [a, b]
    refs, diag = _read("ris", "TY  - BOOK\nDA  - 2021/02/30\nER  - \n")
    assert refs == [] and diag.errors  # a numeric date that does not exist stays an error


def test_csl_prints_the_literal_as_it_is_and_sorts_it_after_the_dated_works():
    refs, _ = _read("bibtex", BIB)
    text = render(refs[:3], style="chicago-author-date", format="text")
    assert text.splitlines() == ["Doe, Jane. (Hilary term & after) 2001. Yesterday.", "Doe, Jane. forthcoming. Tomorrow.",
                                 "Doe, Jane. n.d. Undated."]
