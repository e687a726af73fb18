"""Hypothesis strategies for blogbib's values, shared by the property tests.

The shape of each value is written once here; a test passes the strategies for
what it varies (text that survives a round trip, hostile text, words that matter
to citation keys), so a field added to the model is added to the tests here.
"""

from __future__ import annotations

import calendar
from typing import Any

from hypothesis import strategies as st

from blogbib.model import ATTRIBUTES, DATE_VARIABLES, NAME_VARIABLES, Date, Name, Reference

__all__ = ["optional", "dates", "csl_dates", "literal_dates", "names", "variables", "references", "with_more_names",
           "NO_TIME"]

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
def csl_dates(draw: st.DrawFn, years: st.SearchStrategy[int] = st.integers(-9999, 9999).filter(bool), *,
              literal: st.SearchStrategy[str | None] = st.none()) -> Date:
    """What CSL dates may be: a day, month, season (a number or a text) or year (before the common era too),
    a range, circa, and a ``literal`` text beside the parts."""
    start = draw(dates(years))
    text_season = st.sampled_from(["Trinity term", "Michaelmas"])  # a season CSL prints as given
    season = draw(optional(st.integers(1, 4) | text_season if start.month is None else text_season))
    end = None
    if season is None and draw(st.booleans()):
        later = draw(dates(st.integers(start.year, min(start.year + 30, 9999)).filter(bool)))
        end = later if later.parts() != start.parts() else None
    return Date(start.year, start.month, start.day, season=season, circa=draw(st.booleans()),
                literal=draw(literal), end=end)


def _no_date(text: str) -> bool:
    """Text no reader takes for a date: it starts with a letter, holds no range's slash, and has no date's shape."""
    from blogbib.dates import NotADate, parse_date

    words = " ".join(text.split())
    if not words[:1].isalpha() or "/" in words:
        return False
    try:
        parse_date(words)
    except NotADate:
        return True
    return False


@st.composite
def literal_dates(draw: st.DrawFn, text: st.SearchStrategy[str]) -> Date:
    """A date that is only its text ("forthcoming", "Spring term 2020"), perhaps circa."""
    words = st.sampled_from(["forthcoming", "n.d.", "Spring term 2020", "in press", "ca. 1900", "Frühjahr 1999"])
    return Date(literal=draw(words | text.filter(_no_date)), circa=draw(st.booleans()))


@st.composite
def names(draw: st.DrawFn, family: st.SearchStrategy[str], *, literal: st.SearchStrategy[str] | None = None,
          given: st.SearchStrategy[str | None] = st.none(), particle: st.SearchStrategy[str | None] = st.none(),
          dropping: st.SearchStrategy[str | None] = st.none(), suffix: st.SearchStrategy[str | None] = st.none(),
          family_alone: st.SearchStrategy[str] | None = None, literals: float = 0.5, mononyms: float = 0) -> Name:
    """A person's name from its parts' strategies (``family_alone``: the family when there is no given
    name), or (a ``literals`` share of the time) an institutional literal, or (a ``mononyms`` share) a given
    name alone (Plato)."""
    if literals >= 1 or (literals > 0 and draw(st.floats(0, 1, exclude_max=True)) < literals):
        return Name(literal=draw(literal if literal is not None else family))
    if mononyms > 0 and draw(st.floats(0, 1, exclude_max=True)) < mononyms:
        return Name(given=draw(family_alone if family_alone is not None else family))
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


def with_more_names(refs: st.SearchStrategy[Reference]) -> st.SearchStrategy[Reference]:
    """References some of whose name variables (other than author) end in "and others" (``more_names``)."""
    from dataclasses import replace

    marked = st.sets(st.sampled_from(sorted(NAME_VARIABLES - {"author"})), max_size=3)
    return st.builds(lambda ref, more: replace(ref, more_names=tuple(v for v, _ in ref.variables if v in more)),
                     refs, marked)


NUMBER_AND_TEXT_VARIABLES = ("page", "volume", "issue", "edition", "publisher", "publisher-place", "DOI", "ISBN",
                             "collection-title", "genre", "title-short", "event-place", "number", "dimensions", "ISSN")


def variables(names: st.SearchStrategy[Name], text: st.SearchStrategy[str], dates: st.SearchStrategy[Date], *,
              max_size: int = 4) -> st.SearchStrategy[tuple]:
    """``Reference.variables``: a few CSL name, date and number/text variables, sorted by name."""
    name_vars = sorted(NAME_VARIABLES - set(ATTRIBUTES))
    date_vars = sorted(DATE_VARIABLES - set(ATTRIBUTES))
    entry = st.one_of(
        st.tuples(st.sampled_from(name_vars), st.lists(names, min_size=1, max_size=3).map(tuple)),
        st.tuples(st.sampled_from(date_vars), dates),
        st.tuples(st.sampled_from(NUMBER_AND_TEXT_VARIABLES), text.filter(lambda t: t.strip())),
    )
    return st.lists(entry, max_size=max_size, unique_by=lambda kv: kv[0]).map(lambda kv: tuple(sorted(kv)))
