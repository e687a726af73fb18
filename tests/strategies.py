"""Hypothesis strategies for blogbib's values, shared by the property tests.

The shape of each value is written once here; a test passes the strategies for
what it varies (text that survives a round trip, hostile text, words that matter
to citation keys), so a field added to the model is added to the tests here.
"""

from __future__ import annotations

import calendar
from typing import Any

from hypothesis import strategies as st

from blogbib.model import Date, Name, Reference

__all__ = ["optional", "dates", "names", "references", "NO_TIME"]

NO_TIME: st.SearchStrategy[str | None] = st.none()


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def dates(draw: st.DrawFn, years: st.SearchStrategy[int] = st.integers(1, 9999), *, whole_months: bool = False,
          times: st.SearchStrategy[str | None] = NO_TIME) -> Date:
    """A year, a month or a day; ``whole_months`` draws any day of the month (else 1-28); a day may have a time."""
    year = draw(years)
    month = draw(optional(st.integers(1, 12)))
    if month is None:
        return Date(year)
    day = draw(optional(st.integers(1, calendar.monthrange(year, month)[1] if whole_months else 28)))
    return Date(year, month, day, draw(times) if day is not None else None)


@st.composite
def names(draw: st.DrawFn, family: st.SearchStrategy[str], *, literal: st.SearchStrategy[str] | None = None,
          given: st.SearchStrategy[str | None] = st.none(), particle: st.SearchStrategy[str | None] = st.none(),
          dropping: st.SearchStrategy[str | None] = st.none(), suffix: st.SearchStrategy[str | None] = st.none(),
          family_alone: st.SearchStrategy[str] | None = None, literals: float = 0.5) -> Name:
    """A person's name from its parts' strategies (``family_alone``: the family when there is no given
    name), or (a ``literals`` share of the time) an institutional literal."""
    if literals >= 1 or (literals > 0 and draw(st.floats(0, 1, exclude_max=True)) < literals):
        return Name(literal=draw(literal if literal is not None else family))
    first = draw(given)
    last = draw(family_alone if first is None and family_alone is not None else family)
    return Name(family=last, given=first, non_dropping_particle=draw(particle), dropping_particle=draw(dropping),
                suffix=draw(suffix))


def references(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Reference]:
    """References whose fields are drawn from ``fields`` (every field of the model may be given; others keep their
    defaults)."""
    unknown = set(fields) - set(Reference.__dataclass_fields__)
    if unknown:
        raise TypeError(f"not fields of Reference: {sorted(unknown)}")
    return st.builds(Reference, **fields)
