"""The one data model every reader produces and every writer consumes.

Field names follow CSL-JSON (``container-title`` is ``container_title``), so the
CSL-JSON format is nearly a rename and every other format maps onto CSL names
through the table at the top of its module.  All values are frozen: a change is
a new object (``dataclasses.replace``), never an in-place edit.

This module imports nothing from the rest of blogbib.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field, fields, replace
from collections.abc import Mapping

__all__ = ["Name", "Date", "Origin", "Reference", "Draft", "replace"]


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name split into CSL parts, or an institutional ``literal``.

    >>> Name(family="Rossum", given="Guido", non_dropping_particle="van").display()
    'Guido van Rossum'
    >>> Name(literal="Google Research").display()
    'Google Research'
    """

    family: str | None = None
    given: str | None = None
    non_dropping_particle: str | None = None
    dropping_particle: str | None = None
    suffix: str | None = None
    literal: str | None = None

    def __post_init__(self) -> None:
        if (self.literal is None) == (self.family is None):
            raise ValueError(f"a Name needs exactly one of family or literal: {self!r}")
        if self.literal is not None and any(
            (self.given, self.non_dropping_particle, self.dropping_particle, self.suffix)
        ):
            raise ValueError(f"a literal Name has no other parts: {self!r}")

    @property
    def is_literal(self) -> bool:
        return self.literal is not None

    @property
    def family_full(self) -> str:
        """The family name with its non-dropping particle: ``van Rossum``."""
        if self.literal is not None:
            return self.literal
        return " ".join(p for p in (self.non_dropping_particle, self.family) if p)

    def display(self) -> str:
        """The name in reading order: ``Martin Luther King Jr.``."""
        if self.literal is not None:
            return self.literal
        parts = (self.given, self.dropping_particle, self.non_dropping_particle, self.family)
        text = " ".join(p for p in parts if p)
        return f"{text} {self.suffix}" if self.suffix else text

    def sort_key(self) -> tuple[str, str]:
        """Family name first (particles after), then given name; case-folded."""
        if self.literal is not None:
            return (self.literal.casefold(), "")
        return (self.family.casefold(), (self.given or "").casefold())  # type: ignore[union-attr]


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """As ``calendar.monthrange(year, month)[1]`` (proleptic Gregorian), without importing calendar."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date, possibly partial (year, or year and month).

    ``time`` keeps a time of day with its UTC offset (``08:00:00-07:00``) when a
    source such as a feed gives one; formats without a place for it drop it.

    >>> Date(2022, 7, 15).iso()
    '2022-07-15'
    >>> Date(2022).iso()
    '2022'
    """

    year: int
    month: int | None = None
    day: int | None = None
    time: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
        elif not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            last = _days_in_month(self.year, self.month)  # type: ignore[arg-type]
            if not 1 <= self.day <= last:
                import calendar

                raise ValueError(
                    f"{calendar.month_name[self.month]} {self.year} has no day {self.day}"  # type: ignore[index]
                )
        if self.time is not None and self.day is None:
            raise ValueError("a time needs a full date")

    def parts(self) -> list[int]:
        """CSL ``date-parts`` for this date: ``[2022, 7, 15]``."""
        return [p for p in (self.year, self.month, self.day) if p is not None]

    def iso(self) -> str:
        """ISO 8601 / EDTF text, as BibLaTeX's ``date`` field wants it."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a reference was read from, for messages.  Never part of equality."""

    source: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source


@dataclass(frozen=True, slots=True)
class Reference:
    """One citable item, by default a blog post (CSL type ``post-weblog``).

    ``id`` is the citation key ("" until keys are assigned).  ``extra`` holds
    input fields that have no home in the model, so nothing read is dropped;
    ``more_authors`` records a byline's "et al." (BibTeX's ``and others``).
    """

    id: str = ""
    type: str = "post-weblog"
    title: str | None = None
    author: tuple[Name, ...] = ()
    more_authors: bool = False
    issued: Date | None = None
    accessed: Date | None = None
    container_title: str | None = None
    url: str | None = None
    abstract: str | None = None
    keyword: tuple[str, ...] = ()
    note: str | None = None
    language: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Accept lists for convenience, store tuples so the value stays frozen.
        if not isinstance(self.author, tuple):
            object.__setattr__(self, "author", tuple(self.author))
        if not isinstance(self.keyword, tuple):
            object.__setattr__(self, "keyword", tuple(self.keyword))
        if isinstance(self.extra, tuple):
            pass  # the usual case, and a tuple is never a Mapping (whose isinstance check is slow)
        elif isinstance(self.extra, Mapping):
            object.__setattr__(self, "extra", tuple(self.extra.items()))
        else:
            object.__setattr__(self, "extra", tuple(self.extra))

    @property
    def extra_dict(self) -> dict[str, str]:
        return dict(self.extra)


Draft = namedtuple("Draft", [f.name for f in fields(Reference)], defaults=[f.default for f in fields(Reference)],
                   module=__name__)
Draft.__doc__ = """A reference being read, before its key is known: the fields of a :class:`Reference`.

A reader that builds many references may return drafts; :func:`blogbib.keys.assign_keys`
makes each the Reference it describes, with its key, in one constructor call (a Reference
built early would be built a second time to take its key).  ``draft._replace(...)`` changes
fields, as ``dataclasses.replace`` does for a Reference.
"""
