"""CSL-JSON: our output is valid against the official schema; bad input is reported by item, field and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blogbib.errors import Diagnostics
from blogbib.formats import ReadOptions, get
from blogbib.formats.csl_json import check_item

from ..conftest import FIXTURES, shared_path

HTML = Path(__file__).resolve().parent.parent / "fixtures" / "html"


def _validator(csl_schema):
    import jsonschema

    return jsonschema.Draft7Validator(csl_schema)


def test_listing_output_is_schema_valid(offconvex, csl_schema):
    data = json.loads(get("csl-json").write(list(offconvex)))
    errors = list(_validator(csl_schema).iter_errors(data))
    assert errors == [] and len(data) == 51


@pytest.mark.parametrize("name", ["jsonld-index.html", "hentry-index.html", "post-meta.html", "article-index.html"])
def test_output_from_pages_is_schema_valid(name, csl_schema):
    refs = get("html").read((HTML / name).read_text(encoding="utf-8"), source=name, diag=Diagnostics())
    data = json.loads(get("csl-json").write(refs))
    assert data and list(_validator(csl_schema).iter_errors(data)) == []


def test_merged_output_with_provenance_is_schema_valid(offconvex, csl_schema):
    from blogbib.merge import merge

    feed = shared_path(FIXTURES / "offconvex-feed-2017.xml").read_text(encoding="utf-8")
    refs = merge(list(offconvex) + get("feed").read(feed, source="feed.xml", diag=Diagnostics()))
    data = json.loads(get("csl-json").write(refs))
    assert any("merged-from" in item.get("custom", {}) for item in data)
    assert list(_validator(csl_schema).iter_errors(data)) == []


def test_our_checks_agree_with_the_schema_on_bad_items(csl_schema):
    validator = _validator(csl_schema)
    bad_items = [
        {"id": "a", "type": "blog"},
        {"id": "b", "type": "webpage", "author": {"family": "X"}},
        {"id": "c", "type": "webpage", "author": [{"family": 3}]},
        {"id": "d", "type": "webpage", "issued": {"date-parts": [[2020, 1, 2, 3]]}},
        {"id": "e", "type": "webpage", "issued": {"date-parts": "2020"}},
        {"id": "f", "type": "webpage", "title": ["list"]},
        {"id": "g", "type": "webpage", "issued": {"day": 3}},
    ]
    for item in bad_items:
        assert list(validator.iter_errors([item])), item  # the schema rejects it ...
        assert any(sev == "error" for _, _, sev in check_item(item)), item  # ... and so do we
    good = {"id": "h", "type": "post-weblog", "title": "t", "issued": {"date-parts": [[2020, 2, 29]]},
            "author": [{"family": "A", "given": "B"}, {"literal": "C"}], "custom": {"x": 1}}
    assert list(validator.iter_errors([good])) == [] and check_item(good) == []


def test_errors_name_item_field_and_line():
    text = """[
  {"id": "ok", "type": "post-weblog", "title": "Fine"},
  {"id": "bad-type",
   "type": "blog"},
  {"id": "bad-date", "type": "webpage",
   "title": "x",
   "issued": {"date-parts": [[2021, 2, 30]]}},
  {"id": "unknown", "type": "webpage", "foo": "bar"}
]"""
    diag = Diagnostics()
    refs = get("csl-json").read(text, source="items.json", diag=diag, options=ReadOptions())
    assert [r.id for r in refs] == ["ok", "unknown"]
    assert [str(e) for e in diag.errors] == [
        "items.json:4: item 2, type: 'blog' is not a CSL type (e.g. post-weblog, webpage, article-journal)",
        "items.json:7: item 3, issued: February 2021 has no day 30",
    ]
    [warning] = diag.warnings
    assert str(warning) == "items.json:8: warning: item 4, foo: not a CSL variable, kept in extra: foo"
    assert refs[1].extra_dict["foo"] == "bar"
    assert diag.stats.read == 4 and diag.stats.skipped == 2
