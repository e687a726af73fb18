"""A literal-only date ("forthcoming") where the library uses dates: keys, selection, merging, splicing, page
metadata (issue 18).  It has no year: it sorts after every dated reference and matches no date range."""

from __future__ import annotations

import pytest

from blogbib.keys import assign_keys
from blogbib.kit import head_tags
from blogbib.merge import merge, same_post
from blogbib.model import Date, Reference
from blogbib.selection import Selection, group, select, sort
from blogbib.splice import changes

LATER = Reference(id="", title="Tomorrow", issued=Date(literal="forthcoming"))
OLD = Reference(id="", title="Yesterday", issued=Date(2001))
NEW = Reference(id="", title="Today", issued=Date(2024, 5))


def test_the_model_holds_a_date_that_is_only_its_text():
    date = Date(literal="forthcoming")
    assert (date.year, date.parts(), date.iso(), date.plain) == (None, [], "forthcoming", False)
    assert Date(literal="ca. 1900", circa=True).circa
    for bad in ({}, {"literal": ""}, {"literal": "x", "month": 3}, {"literal": "x", "season": 1},
                {"literal": "x", "end": Date(2000)}):
        with pytest.raises(ValueError):
            Date(**bad)
    assert sorted([LATER.issued, OLD.issued, Date(9999)], key=Date.sort_key)[-1] == LATER.issued


def test_sorting_grouping_and_date_ranges():
    assert [r.title for r in sort([LATER, NEW, OLD], "date")] == ["Yesterday", "Today", "Tomorrow"]
    assert [r.title for r in sort([LATER, NEW, OLD], "date", reverse=True)] == ["Today", "Yesterday", "Tomorrow"]
    assert [(label, len(refs)) for label, refs in group([LATER, NEW, OLD])][-1][1] == 1
    assert select([LATER, NEW, OLD], Selection(since=2000)) == [NEW, OLD]
    assert select([LATER, NEW, OLD], Selection(until=2030)) == [NEW, OLD]


def test_keys_are_assigned_with_no_year_part():
    keys = [r.id for r in assign_keys([LATER, OLD], "{title}{year}")]
    assert keys == ["tomorrow", "yesterday2001"]
    pinned = [Reference(id="pinnedkey", title="Tomorrow", issued=Date(literal="forthcoming"))]
    assert [r.id for r in assign_keys([LATER], pinned=pinned)] == ["pinnedkey"]


def test_merging_compares_a_literal_date_as_text():
    assert same_post(LATER, Reference(title="Tomorrow", issued=Date(literal="forthcoming")))
    (merged,) = merge([LATER, Reference(title="Tomorrow", issued=Date(literal="forthcoming"), url="https://x.org/t")])
    assert merged.issued == LATER.issued and merged.url == "https://x.org/t"
    accessed = [Reference(title="T", url="https://x.org/t", accessed=Date(literal="someday")),
                Reference(title="T", url="https://x.org/t", accessed=Date(2020, 1, 2))]
    assert merge(accessed)[0].accessed == Date(2020, 1, 2)  # a real date is the latest access


def test_splice_reports_a_post_that_now_has_a_date_and_page_metadata_leaves_the_literal_out():
    entry = Reference(id="k", title="Tomorrow", issued=Date(literal="forthcoming"))
    assert [c.field for c in changes(entry, Reference(title="Tomorrow", issued=Date(2024, 1, 2)))] == ["issued"]
    assert changes(entry, entry) == []
    assert not [t for t in head_tags(entry) if "date" in t[1].lower() or "published" in t[1]]
