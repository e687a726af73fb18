"""The CSL-JSON writer lays its text out itself: it must stay exactly what
``json.dumps([to_csl(r) ...], ensure_ascii=False, indent=2)`` gives (the general path)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogbib.formats import csl_json
from blogbib.model import Date, Name, Reference

from ..strategies import dates, names, optional, references

# Any text at all: quotes, backslashes, control characters, non-ASCII, astral characters, lone surrogates.
TEXT = st.one_of(st.text(), st.sampled_from(['"', "\\", "\n\t\x00\x1f\x7f", "Łódź 日本語 😀", "\u2028", "\ud800"]))
OPTIONAL_TEXT = st.one_of(st.none(), st.just(""), TEXT)
# Values a custom field can hold when a Reference is built by hand, not only the strings readers give.
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)


def items() -> st.SearchStrategy[Reference]:
    extra_keys = st.one_of(TEXT, st.just(csl_json.MORE_AUTHORS))
    return references(
        id=TEXT,
        type=st.one_of(st.just("post-weblog"), TEXT),
        title=OPTIONAL_TEXT,
        author=st.lists(names(family=TEXT, given=OPTIONAL_TEXT, particle=OPTIONAL_TEXT, dropping=OPTIONAL_TEXT,
                              suffix=OPTIONAL_TEXT), max_size=3),
        more_authors=st.booleans(),
        issued=optional(dates()),
        accessed=optional(dates()),
        container_title=OPTIONAL_TEXT,
        url=OPTIONAL_TEXT,
        abstract=OPTIONAL_TEXT,
        keyword=st.lists(TEXT, max_size=3),
        note=OPTIONAL_TEXT,
        language=OPTIONAL_TEXT,
        # a list of pairs, so a key can repeat (dict() keeps the last, as to_csl does)
        extra=st.lists(st.tuples(extra_keys, st.one_of(TEXT, JSON_VALUES)), max_size=3),
    )


def general(refs: list[Reference]) -> str:
    return json.dumps([csl_json.to_csl(r) for r in refs], ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(refs=st.lists(items(), max_size=4))
def test_write_is_json_dumps_of_to_csl(refs: list[Reference]) -> None:
    assert csl_json.write(refs) == general(refs)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 7])
def test_items_across_chunk_boundaries(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    monkeypatch.setattr(csl_json, "_ITEMS_PER_CHUNK", 2)
    refs = [Reference(id=f"k{i}", title=f"Post {i}", author=(Name(family="Ng", given="Andrew"),),
                      issued=Date(2020, 1 + i % 12)) for i in range(count)]
    assert csl_json.write(refs) == general(refs)


def test_the_layout_caches_are_emptied_after_each_write() -> None:
    csl_json.write([Reference(id="a", author=(Name(family="Ng"),), issued=Date(2020))])
    assert csl_json._name_text.cache_info().currsize == 0
    assert csl_json._date_text.cache_info().currsize == 0
