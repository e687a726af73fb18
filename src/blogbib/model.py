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

__all__ = ["Name", "Date", "Origin", "Reference", "Draft", "replace", "NAME_VARIABLES", "DATE_VARIABLES",
           "NUMBER_VARIABLES", "STRING_VARIABLES", "ATTRIBUTES"]


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name split into CSL parts, or an institutional ``literal``.  A person known by one
    name may have only a ``given`` part (CSL's mononym: ``{"given": "Plato"}``).

    >>> Name(family="Rossum", given="Guido", non_dropping_particle="van").display()
    'Guido van Rossum'
    >>> Name(literal="Google Research").display(), Name(given="Plato").family_full
    ('Google Research', 'Plato')
    """

    family: str | None = None
    given: str | None = None
    non_dropping_particle: str | None = None
    dropping_particle: str | None = None
    suffix: str | None = None
    literal: str | None = None
    comma_suffix: bool = False  # CSL's name flags: "King, Jr." with a comma before the suffix,
    static_ordering: bool = False  # and a name printed family first whatever the style says

    def __post_init__(self) -> None:
        if self.literal is not None and self.family is not None or \
                self.literal is None and self.family is None and not self.given:
            raise ValueError(f"a Name needs exactly one of family or literal, or a given name alone: {self!r}")
        if self.literal is not None and any(
            (self.given, self.non_dropping_particle, self.dropping_particle, self.suffix)
        ):
            raise ValueError(f"a literal Name has no other parts: {self!r}")

    @property
    def is_literal(self) -> bool:
        return self.literal is not None

    @property
    def family_full(self) -> str:
        """The family name with its non-dropping particle: ``van Rossum`` (a given name alone stands for it)."""
        if self.literal is not None:
            return self.literal
        if self.family is None:
            return self.given  # type: ignore[return-value]
        return " ".join(p for p in (self.non_dropping_particle, self.family) if p)

    def display(self) -> str:
        """The name in reading order: ``Martin Luther King Jr.``."""
        if self.literal is not None:
            return self.literal
        parts = (self.given, self.dropping_particle, self.non_dropping_particle, self.family)
        text = " ".join(p for p in parts if p)
        return f"{text} {self.suffix}" if self.suffix else text

    def __repr__(self) -> str:
        shown = (f"Name(family={self.family!r}, given={self.given!r}, non_dropping_particle="
                 f"{self.non_dropping_particle!r}, dropping_particle={self.dropping_particle!r}, "
                 f"suffix={self.suffix!r}, literal={self.literal!r}")
        for flag in ("comma_suffix", "static_ordering"):
            if getattr(self, flag):
                shown += f", {flag}=True"
        return shown + ")"

    def sort_key(self) -> tuple[str, str]:
        """Family name first (particles after), then given name; case-folded."""
        if self.literal is not None:
            return (self.literal.casefold(), "")
        if self.family is None:
            return (self.given.casefold(), "")  # type: ignore[union-attr]
        return (self.family.casefold(), (self.given or "").casefold())


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """As ``calendar.monthrange(year, month)[1]`` (proleptic Gregorian), without importing calendar."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date as CSL knows it: possibly partial (a year, a month or a season), possibly a
    range (``end``), approximate (``circa``), with the text it was given as (``literal``).

    Years follow CSL-JSON: a negative year is before the common era (``-50`` is 50 BC; there is
    no year 0).  A date with no year is only its ``literal`` ("Spring 2020", "forthcoming"): CSL
    prints it as it is, and it sorts after every dated one.  ``season`` is 1-4 (spring, summer, autumn, winter) in place of a month, or a
    text CSL prints as it is ("Trinity term").
    ``time`` keeps a time of day with its UTC offset (``08:00:00-07:00``) when a source such as
    a feed gives one; formats without a place for it drop it.

    >>> Date(2022, 7, 15).iso()
    '2022-07-15'
    >>> Date(2022).iso()
    '2022'
    >>> Date(2018, 3, end=Date(2018, 5)).iso(), Date(1995, season=2).iso(), Date(-50).iso()
    ('2018-03/2018-05', '1995-22', '-0049')
    >>> Date(literal="forthcoming").iso(), Date(literal="forthcoming").parts()
    ('forthcoming', [])
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    time: str | None = None
    season: int | str | None = None
    circa: bool = False
    literal: str | None = None
    end: Date | None = None

    def __post_init__(self) -> None:
        if self.year is None:
            if not self.literal or any(v is not None for v in (self.month, self.day, self.time, self.season, self.end)):
                raise ValueError("a date without a year is only its literal text")
            return
        if not -9999 <= self.year <= 9999 or self.year == 0:
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
        if type(self.season) is int and (self.month is not None or not 1 <= self.season <= 4):
            raise ValueError(f"a season is 1-4, in place of a month: {self.season}")
        if self.end is not None and (self.end.end is not None or self.end.time is not None
                                     or self.end.literal is not None):
            raise ValueError("the end of a range is a plain date")

    @property
    def plain(self) -> bool:
        """Only a year, month and day (and time): what every format can hold."""
        return self.season is None and not self.circa and self.literal is None and self.end is None

    def parts(self) -> list[int]:
        """CSL ``date-parts`` for this date: ``[2022, 7, 15]`` (a season is month 21-24); none for a literal-only date."""
        month = 20 + self.season if type(self.season) is int else self.month
        return [p for p in (self.year, month, self.day) if p is not None]

    def iso(self) -> str:
        """ISO 8601 / EDTF text, as BibLaTeX's ``date`` field wants it (EDTF counts a year 0:
        50 BC is ``-0049``; ``~`` marks circa, seasons are months 21-24, a range is ``start/end``).
        A date with no year has no EDTF form: its literal text."""
        if self.year is None:
            return self.literal  # type: ignore[return-value]
        year = self.year + 1 if self.year < 0 else self.year
        text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        elif type(self.season) is int:
            text += f"-{20 + self.season}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.circa:
            text += "~"
        if self.end is not None:
            text += "/" + self.end.iso()
        return text

    def sort_key(self) -> tuple[int, int, int]:
        """(year, month, day); a date with no year after every year."""
        return (self.year if self.year is not None else 10000, self.month or 0, self.day or 0)

    def __repr__(self) -> str:
        shown = f"Date(year={self.year!r}, month={self.month!r}, day={self.day!r}, time={self.time!r}"
        for name in ("season", "circa", "literal", "end"):
            value = getattr(self, name)
            if value:
                shown += f", {name}={value!r}"
        return shown + ")"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a reference was read from, for messages.  Never part of equality."""

    source: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source


# CSL's name and date variables, as the csl-data.json schema lists them (the others are numbers or text).
NAME_VARIABLES = frozenset("""
    author chair collection-editor compiler composer container-author contributor curator director
    editor editorial-director executive-producer guest host interviewer illustrator
    narrator organizer original-author performer producer recipient reviewed-author script-writer
    series-creator translator""".split())
DATE_VARIABLES = frozenset("accessed available-date event-date issued original-date submitted".split())
NUMBER_VARIABLES = frozenset("""
    chapter-number citation-number collection-number edition first-reference-note-number issue
    locator number number-of-pages number-of-volumes page page-first part printing supplement
    volume""".split())
STRING_VARIABLES = frozenset("""
    citation-key language journalAbbreviation shortTitle abstract annote archive archive_collection
    archive_location archive-place authority call-number citation-label collection-title
    container-title container-title-short dimensions division DOI event event-title event-place genre
    ISBN ISSN jurisdiction keyword medium note original-publisher original-publisher-place
    original-title part-title PMCID PMID publisher publisher-place references reviewed-genre
    reviewed-title scale section source status title title-short URL version volume-title volume-title-short
    year-suffix""".split())
# The variables a Reference has an attribute for; every other one lives in ``variables``.
ATTRIBUTES: dict[str, str] = {
    "title": "title", "author": "author", "issued": "issued", "accessed": "accessed",
    "container-title": "container_title", "URL": "url", "abstract": "abstract", "keyword": "keyword",
    "note": "note", "language": "language",
}


@dataclass(frozen=True, slots=True)
class Reference:
    """One citable item, by default a blog post (CSL type ``post-weblog``).

    ``id`` is the citation key ("" until keys are assigned).  The CSL variables a blog post
    has are attributes; every other CSL variable is in ``variables`` by its CSL name, sorted:
    a name variable (``editor``) as a tuple of :class:`Name`, a date variable
    (``original-date``) as a :class:`Date`, a number or text variable (``page``, ``publisher``)
    as text.  ``extra`` holds input fields that are no CSL variable, so nothing read is
    dropped; ``more_authors`` records a byline's "et al." (BibTeX's ``and others``), ``more_names``
    the other name variables whose lists end so (``("editor",)``).

    >>> ref = Reference(title="Kernel Methods", variables={"editor": [Name(family="Ito")], "page": "10-20"})
    >>> ref.variables
    (('editor', (Name(family='Ito', given=None, non_dropping_particle=None, dropping_particle=None, suffix=None, literal=None),)), ('page', '10-20'))
    >>> ref.get("page"), ref.get("title"), ref.get("volume")
    ('10-20', 'Kernel Methods', None)
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
    variables: tuple[tuple[str, tuple[Name, ...] | Date | str], ...] = ()
    more_names: tuple[str, ...] = ()
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
        if self.variables or type(self.variables) is not tuple:
            object.__setattr__(self, "variables", _checked_variables(self.variables))
        if self.more_names:
            more = tuple(sorted(set(self.more_names)))
            if not set(more) <= NAME_VARIABLES - {"author"}:
                raise ValueError(f"more_names holds name variables other than author: {more}")
            object.__setattr__(self, "more_names", more)

    @property
    def extra_dict(self) -> dict[str, str]:
        return dict(self.extra)

    def __str__(self) -> str:
        """One readable line: authors (date). Title. Blog. URL [key].

        (A CSL style's citation is :func:`blogbib.render`'s; the model imports nothing of blogbib.)

        >>> print(Reference(id="recht2016saddles", title="Saddles Again", author=[Name(family="Recht", given="Ben")],
        ...                 issued=Date(2016, 3, 24), container_title="Off the Convex Path"))
        Ben Recht (2016-03-24). Saddles Again. Off the Convex Path. [recht2016saddles]
        """
        names = [n.display() for n in self.author]
        if self.more_authors:
            names.append("others")
        authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""
        date = f"({self.issued.iso()})" if self.issued else "(no date)"
        parts = [f"{authors} {date}".strip(), self.title, self.container_title]
        text = " ".join(p if p.endswith((".", "?", "!")) else f"{p}." for p in parts if p)
        if self.url:
            text += f" {self.url}"
        return f"{text} [{self.id}]" if self.id else text

    def get(self, variable: str) -> tuple[Name, ...] | Date | str | tuple[str, ...] | None:
        """The value of a CSL variable (``editor``, ``page``, ``container-title``), or None."""
        attr = ATTRIBUTES.get(variable)
        if attr is not None:
            return getattr(self, attr) or None
        for name, value in self.variables:
            if name == variable:
                return value
        return None


def _checked_variables(given: object) -> tuple[tuple[str, tuple[Name, ...] | Date | str], ...]:
    """``variables`` as a sorted tuple, each value of its variable's kind (empty ones left out)."""
    items = given.items() if isinstance(given, Mapping) else given
    out = {}
    for name, value in items:  # type: ignore[union-attr]
        if value is None:
            continue
        if name in ATTRIBUTES:
            raise ValueError(f"{name} is an attribute of Reference, not one of its variables")
        if name in NAME_VARIABLES:
            value = tuple(value)
            if not all(isinstance(n, Name) for n in value):
                raise ValueError(f"{name}: a name variable holds Names")
        elif name in DATE_VARIABLES:
            if not isinstance(value, Date):
                raise ValueError(f"{name}: a date variable holds a Date")
        elif not isinstance(value, str):
            raise ValueError(f"{name}: a number or text variable holds text")
        if value:
            out[name] = value
    return tuple(sorted(out.items()))


Draft = namedtuple("Draft", [f.name for f in fields(Reference)], defaults=[f.default for f in fields(Reference)],
                   module=__name__)
Draft.__doc__ = """A reference being read, before its key is known: the fields of a :class:`Reference`.

A reader that builds many references may return drafts; :func:`blogbib.keys.assign_keys`
makes each the Reference it describes, with its key, in one constructor call (a Reference
built early would be built a second time to take its key).  ``draft._replace(...)`` changes
fields, as ``dataclasses.replace`` does for a Reference.
"""
