"""Properties of sort, filter and group_by over random lists (hypothesis)."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from blogbib import Date, ReadingList, Reference

from ..strategies import dates


# A quarter undated; years close together, so bounds and ties are met often.
maybe_dates = st.one_of(st.none(), dates(st.integers(2014, 2016), whole_months=True),
                        dates(st.integers(2014, 2016), whole_months=True), dates(st.integers(2014, 2016), whole_months=True))
lists = st.lists(maybe_dates, max_size=25).map(
    lambda ds: ReadingList(Reference(id=f"k{i}", issued=d) for i, d in enumerate(ds))
)


def _span(d: Date) -> tuple[dt.date, dt.date]:
    if d.month is None:
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if d.day is None:
        return dt.date(d.year, d.month, 1), dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return dt.date(d.year, d.month, d.day), dt.date(d.year, d.month, d.day)


@settings(max_examples=150, deadline=None)
@given(lists, st.booleans())
def test_sort_by_date_is_a_stable_permutation_with_undated_last(rl, reverse):
    out = rl.sort("date", reverse=reverse)
    assert sorted(out.keys) == sorted(rl.keys)
    dated = [r for r in out if r.issued is not None]
    undated = [r for r in out if r.issued is None]
    assert list(out) == dated + undated
    assert undated == [r for r in rl if r.issued is None]  # original order
    index = {r.id: i for i, r in enumerate(rl)}
    for a, b in zip(dated, dated[1:]):
        ka, kb = a.issued.sort_key(), b.issued.sort_key()
        assert (ka >= kb) if reverse else (ka <= kb)
        if ka == kb:
            assert index[a.id] < index[b.id]  # ties keep their order, reversed or not


@settings(max_examples=150, deadline=None)
@given(lists, dates(), dates())
def test_filter_by_dates_is_period_overlap(rl, since, until):
    out = rl.filter(since=since, until=until)
    expected = []
    for r in rl:
        if r.issued is None and (since or until):
            continue
        if since is not None and _span(r.issued)[1] < _span(since)[0]:
            continue
        if until is not None and _span(r.issued)[0] > _span(until)[1]:
            continue
        expected.append(r.id)
    assert out.keys == expected


@settings(max_examples=100, deadline=None)
@given(lists)
def test_group_by_year_partitions_in_order(rl):
    groups = rl.group_by("year")
    assert sorted(k for _, g in groups for k in g.keys) == sorted(rl.keys)
    years = [label for label, _ in groups if label != "No date"]
    assert years == sorted(years, reverse=True)
    for label, group in groups:
        index = [rl.keys.index(k) for k in group.keys]
        assert index == sorted(index)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Saddles", "Saddles Again", "Tea", ""]), dates()), max_size=25),
       st.integers(-5, 5), dates())
def test_selections_need_no_new_keys(posts, step, since):
    # Selections skip the key check; the checking constructor must keep every
    # reference of theirs as it is (the same keys, the same objects).
    rl = ReadingList(Reference(title=title or None, issued=d) for title, d in posts)
    selections = [rl[1:], rl[:: step or 1], rl.filter(since=since), rl.sort("title"), rl.sort("date", reverse=True),
                  rl.query(reverse=True), rl.limit(3), *(group for _, group in rl.group_by("year"))]
    for picked in selections:
        checked = ReadingList(list(picked))
        assert checked == picked
        assert all(a is b for a, b in zip(checked, picked))
