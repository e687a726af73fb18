"""Every CSL variable reaches the model and comes back out: names, dates with ranges, seasons, circa,
literals and years before the common era, numbers and text (issue 18, item 1)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogbib.errors import Diagnostics
from blogbib.formats import get
from blogbib.model import Date, Name, Reference

from ..strategies import csl_dates, literal_dates, names, optional, references, variables

CHAPTER = {
    "id": "tanaka2018kernel", "type": "chapter", "title": "Kernel Methods",
    "author": [{"family": "Tanaka", "given": "Hiro"}],
    "editor": [{"family": "Ito", "given": "Aya"}, {"family": "King", "given": "Martin", "suffix": "Jr.",
                                                   "comma-suffix": True}],
    "translator": [{"literal": "Translation Team"}],
    "container-author": [{"family": "Mao", "given": "Zedong", "static-ordering": True}],
    "collection-editor": [{"family": "Sato", "given": "Ken"}],
    "container-title": "Handbook of Learning", "collection-title": "Lecture Notes", "collection-number": 12,
    "publisher": "Springer", "publisher-place": "Berlin", "page": "10-20", "volume": "3", "edition": 2,
    "DOI": "10.1000/xyz", "ISBN": "978-3-16-148410-0",
    "issued": {"date-parts": [[2018, 21]]},
    "original-date": {"date-parts": [[-50]]},
    "event-date": {"date-parts": [[2017, 7, 3], [2017, 7, 7]]},
    "available-date": {"date-parts": [[1990]], "circa": True, "literal": "about 1990"},
    "submitted": {"date-parts": [[2017]], "season": "Winter"},
}


def _read(items) -> list[Reference]:
    diag = Diagnostics(strict=True)
    refs = get("csl-json").read(json.dumps(items), source="in.json", diag=diag)
    assert not diag.errors and not diag.warnings, [str(p) for p in diag.problems]
    return refs


def test_every_variable_of_a_chapter_is_in_the_model_and_none_in_extra():
    (ref,) = _read([CHAPTER])
    assert ref.extra == ()
    assert ref.get("editor") == (Name(family="Ito", given="Aya"),
                                 Name(family="King", given="Martin", suffix="Jr.", comma_suffix=True))
    assert ref.get("translator") == (Name(literal="Translation Team"),)
    assert ref.get("container-author") == (Name(family="Mao", given="Zedong", static_ordering=True),)
    assert ref.get("collection-editor") == (Name(family="Sato", given="Ken"),)
    assert (ref.get("page"), ref.get("edition"), ref.get("collection-number")) == ("10-20", "2", "12")
    assert ref.issued == Date(2018, season=1)  # month 21 is spring
    assert ref.get("original-date") == Date(-50)
    assert ref.get("event-date") == Date(2017, 7, 3, end=Date(2017, 7, 7))
    assert ref.get("available-date") == Date(1990, circa=True, literal="about 1990")
    assert ref.get("submitted") == Date(2017, season=4)


def test_written_back_schema_valid_and_read_again_the_same(csl_schema):
    import jsonschema

    (ref,) = _read([CHAPTER])
    data = json.loads(get("csl-json").write([ref]))
    assert list(jsonschema.Draft7Validator(csl_schema).iter_errors(data)) == []
    item = data[0]
    assert item["editor"][1] == {"family": "King", "given": "Martin", "suffix": "Jr.", "comma-suffix": True}
    assert item["event-date"] == {"date-parts": [[2017, 7, 3], [2017, 7, 7]]}
    assert item["issued"] == {"date-parts": [[2018, 21]]}
    assert item["original-date"] == {"date-parts": [[-50]]}
    assert _read(data) == [ref]


def test_valid_csl_json_that_strict_reading_refused():
    items = [{"id": "a", "type": "book", "title": "Old", "issued": {"date-parts": [[-300, 3]]}},
             {"id": "b", "type": "book", "title": "Spring", "issued": {"date-parts": [[1995, 22]]}},
             {"id": "c", "type": "book", "title": "Empty", "issued": {"date-parts": [[]]}}]
    a, b, c = _read(items)
    assert (a.issued, b.issued, c.issued) == (Date(-300, 3), Date(1995, season=2), None)


def test_a_bad_season_is_an_error_naming_the_item():
    diag = Diagnostics()
    refs = get("csl-json").read(json.dumps([{"id": "x", "type": "book", "issued": {"date-parts": [[2000]],
                                                                                   "season": 9}}]),
                                source="in.json", diag=diag)
    assert refs == [] and "season 9" in str(diag.problems[0]) and "in.json:1" in str(diag.problems[0])


def test_the_model_refuses_a_value_of_the_wrong_kind():
    import pytest

    for bad in ({"editor": "Ito"}, {"original-date": "1990"}, {"page": 10}, {"title": "x"}):
        with pytest.raises(ValueError):
            Reference(variables=bad)


WORD = st.from_regex(r"[A-Z][a-z]{1,7}", fullmatch=True)
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(refs=st.lists(references(
    id=st.from_regex(r"[a-z]{1,8}", fullmatch=True), title=optional(TEXT),
    issued=optional(csl_dates(literal=optional(TEXT)) | literal_dates(TEXT)),
    variables=variables(names(WORD, given=optional(WORD), mononyms=1 / 8), TEXT, csl_dates(literal=optional(TEXT)) | literal_dates(TEXT))),
    min_size=1, max_size=3))
def test_any_variables_are_written_schema_valid_100_examples(refs, csl_schema):
    import jsonschema

    data = json.loads(get("csl-json").write(refs))
    assert list(jsonschema.Draft7Validator(csl_schema).iter_errors(data)) == []


def test_a_season_that_is_no_season_is_kept_as_text():
    # Zotero has written a time of day as the season (the CSL test suite has such an item)
    (ref,) = _read([{"id": "z", "type": "webpage", "accessed": {"date-parts": [["2013", 1, 30]], "season": "22:56:08"}}])
    assert ref.accessed == Date(2013, 1, 30, season="22:56:08")
    assert json.loads(get("csl-json").write([ref]))[0]["accessed"] == {"date-parts": [[2013, 1, 30]],
                                                                       "season": "22:56:08"}
