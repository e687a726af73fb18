"""CSL-JSON items as the engine reads them: names, dates and rich text prepared once.

Every variable of an item is kept under its CSL name.  Name variables become tuples of
:class:`NameData`, date variables :class:`DateData` (with a range end, a season, ``circa`` or
a literal), the text variables that may hold markup become output trees
(:mod:`.rich_text`), ``URL`` a :class:`~.output.Link`, everything else a string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .output import Link
from .rich_text import rich_text, smart_quotes

__all__ = ["Item", "NameData", "MoreNames", "DateData", "prepare", "citation_label", "NAME_VARIABLES", "DATE_VARIABLES",
           "NUMBER_VARIABLES"]

NAME_VARIABLES = frozenset("""
author chair collection-editor compiler composer container-author contributor curator director editor
editorial-director editor-translator executive-producer guest host illustrator interviewer narrator organizer
original-author performer producer recipient reviewed-author script-writer series-creator translator
""".split())
DATE_VARIABLES = frozenset("accessed available-date container event-date issued original-date submitted".split())
NUMBER_VARIABLES = frozenset("""
chapter-number citation-number collection-number edition first-reference-note-number issue locator number
number-of-pages number-of-volumes page page-first part-number printing-number section supplement-number version
volume
""".split())
# text variables whose value may hold markup (<i>, <b>, nocase spans …)
RICH_VARIABLES = frozenset("title container-title title-short container-title-short collection-title abstract "
                           "note".split())
_NOT_VARIABLES = frozenset({"id", "type", "custom", "citation-key"})
_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
_GENERATED_PRESENT = frozenset({"citation-label"})  # always there: generated when the item has none
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


class NameData:
    """One name of a name variable, its parts with typographic quotes."""

    __slots__ = ("family", "given", "dropping_particle", "non_dropping_particle", "suffix", "literal",
                 "comma_suffix", "static_ordering")

    def __init__(self, family: str | None = None, given: str | None = None, dropping_particle: str | None = None,
                 non_dropping_particle: str | None = None, suffix: str | None = None, literal: str | None = None,
                 comma_suffix: bool = False, static_ordering: bool = False) -> None:
        self.family = family
        self.given = given
        self.dropping_particle = dropping_particle
        self.non_dropping_particle = non_dropping_particle
        self.suffix = suffix
        self.literal = literal
        self.comma_suffix = comma_suffix
        self.static_ordering = static_ordering

    def parts(self) -> tuple[str | None, str | None, str | None, str | None, str | None]:
        """(given, family, dropping particle, non-dropping particle, suffix); a literal is the family."""
        if self.literal is not None:
            return (None, self.literal, None, None, None)
        return (self.given, self.family, self.dropping_particle, self.non_dropping_particle, self.suffix)

    def key(self) -> tuple:
        """The parts, for comparing and hashing (not kept: names are many, and long-lived)."""
        return (self.family, self.given, self.dropping_particle, self.non_dropping_particle, self.suffix,
                self.literal)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NameData) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def __repr__(self) -> str:
        return "NameData(" + ", ".join(f"{n}={v!r}" for n, v in zip(_NAME_PARTS, self.key()) if v) + ")"


class DateData:
    """A date variable: year (negative before 1 CE), month, day, season; a range end; circa; or a literal."""

    __slots__ = ("year", "month", "day", "season", "circa", "literal", "end")

    def __init__(self, year: int | None = None, month: int | None = None, day: int | None = None,
                 season: int | str | None = None, circa: bool = False, literal: str | None = None,
                 end: "DateData | None" = None) -> None:
        self.year = year
        self.month = month
        self.day = day
        self.season = season
        self.circa = circa
        self.literal = literal
        self.end = end

    def key(self) -> tuple:
        """The parts, for comparing and hashing."""
        return (self.year, self.month, self.day, self.season, self.circa, self.literal,
                self.end.key() if self.end is not None else None)

    def sort_key(self) -> str:
        """Year, month and day as one comparable string (before 1 CE sorts first); a range's end follows."""
        if self.year is None:
            return self.literal or ""
        key = f"{self.year + 10000:05}{self.month or 0:02}{self.day or 0:02}"
        if self.end is not None and self.end.year is not None:
            key += "/" + self.end.sort_key()
        return key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateData) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def __repr__(self) -> str:
        return f"DateData{self.key()!r}"


class MoreNames(tuple):
    """A name list the source ended with "and others" (blogbib's ``custom``: ``more-authors``, ``more-names``):
    printed with the et-al term after the names shown."""

    __slots__ = ()


def _more_names(csl: Mapping[str, Any]) -> frozenset[str]:
    custom = csl.get("custom")
    if not _is_mapping(custom):
        return frozenset()
    more = custom.get("more-names")
    found = {v for v in more if type(v) is str} if isinstance(more, list) else set()
    if custom.get("more-authors") is True:
        found.add("author")
    return frozenset(found)


class Item:
    """One CSL-JSON item, ready to render."""

    __slots__ = ("index", "id", "type", "vars", "present", "language", "source")

    def __init__(self, index: int, id: str, type: str, vars: dict[str, Any], language: str | None,
                 source: Mapping[str, Any]) -> None:
        self.index = index
        self.id = id
        self.type = type
        self.vars = vars
        self.present = frozenset(vars) | _GENERATED_PRESENT
        self.language = language
        self.source = source  # the CSL-JSON item, for variables generated on demand

    def citation_label(self) -> str:
        """The item's ``citation-label``: its own, or the generated trigraph."""
        return self.vars.get("citation-label") or citation_label(self.source)

    def __repr__(self) -> str:
        return f"Item({self.id!r})"


def _is_mapping(value: Any) -> bool:
    return type(value) is dict or isinstance(value, Mapping)


def _int(value: Any) -> int | None:
    if type(value) is int:
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _date_parts(parts: Any) -> tuple[int, int | None, int | None, int | None] | None:
    """(year, month, day, season) from one CSL-JSON date-parts list."""
    if not isinstance(parts, (list, tuple)) or not parts:
        return None
    year = _int(parts[0])
    if year is None:
        return None
    month = _int(parts[1]) if len(parts) > 1 else None
    day = _int(parts[2]) if len(parts) > 2 else None
    season = None
    if month is not None and 21 <= month <= 24:
        season, month = month - 20, None
    elif month is not None and not 1 <= month <= 12:
        month = None
    if month is None:
        day = None
    return year, month, day, season  # type: ignore[return-value]


def _date(value: Any) -> DateData | None:
    if not _is_mapping(value):
        return None
    parts = value.get("date-parts")
    begin = _date_parts(parts[0]) if isinstance(parts, (list, tuple)) and parts else None
    if begin is None:
        literal = value.get("literal") or value.get("raw")
        return DateData(literal=str(literal)) if literal else None
    year, month, day, season = begin
    end = None
    if len(parts) > 1:
        last = _date_parts(parts[1])
        if last is not None and last != begin:
            end = DateData(*last)
    if season is None and month is None and value.get("season") is not None:
        raw = value["season"]
        season = _int(raw) or _SEASONS.get(str(raw).strip().lower(), str(raw))  # type: ignore[assignment]
    circa = value.get("circa")
    circa = bool(circa) and str(circa).lower() not in ("false", "0")
    return DateData(year, month, day, season, circa, None, end)


def _text(value: Any) -> str | None:
    """A name part with typographic quotes (None when empty)."""
    return smart_quotes(value if type(value) is str else str(value)) if value else None


_FAMILY_PARTICLE = re.compile(r"^((?:[a-z][\w\u2019']*(?:\s+|(?<=[\u2019'-])|-))+)(?=\S)(.*\S.*)$")
_GIVEN_PARTICLE = re.compile(r"^(.*?\S)\s+((?:[a-z][\w\u2019']*\s*)+)$")


def _particles(family: str, given: str | None) -> tuple[str, str | None, str | None, str | None]:
    """(family, given, dropping particle, non-dropping particle) from names written with their
    particles, as citeproc-js parses them: lower-case words before the family name ("van Gogh",
    "al-One", "d’Aubignac") are its non-dropping particle, lower-case words after the given names
    ("Alexander von") a dropping one; a family name in double quotes is taken as it is."""
    if len(family) > 2 and family[0] in "\u201c\"" and family[-1] in "\u201d\"":
        return family[1:-1], given, None, None
    dropping = None
    if given and " " in given:
        m = _GIVEN_PARTICLE.match(given)
        if m and m.group(1)[:1].isupper():
            given, dropping = m.group(1), m.group(2).strip()
    m = _FAMILY_PARTICLE.match(family) if family[0].islower() else None
    if m:
        return m.group(2), given, dropping, m.group(1).strip()
    return family, given, dropping, None


def _names(value: Any) -> tuple[NameData, ...]:
    names = []
    for part in value if isinstance(value, (list, tuple)) else ():
        if not _is_mapping(part):
            continue
        literal = _text(part.get("literal"))
        if literal is not None:
            names.append(NameData(literal=literal))
            continue
        fields = [_text(part.get(key)) for key in _NAME_PARTS[:5]]
        comma_suffix = bool(part.get("comma-suffix"))
        if fields[1] and fields[4] is None and "," in fields[1]:  # "John, III"; "John,! Jr." keeps its comma
            given, _, suffix = fields[1].partition(",")
            comma_suffix = comma_suffix or suffix.startswith("!")
            fields[1], fields[4] = given.strip() or None, suffix.lstrip("!").strip() or None
        if fields[0] and fields[2] is None and fields[3] is None and part.get("parse-names") not in (False, "false"):
            fields[0], fields[1], fields[2], fields[3] = _particles(fields[0], fields[1])
        if any(fields):
            names.append(NameData(*fields, comma_suffix=comma_suffix,
                                  static_ordering=bool(part.get("static-ordering"))))
    return tuple(names)


def prepare(index: int, csl: Mapping[str, Any]) -> Item:
    """The engine's view of one CSL-JSON item (``index``: its place among the items rendered)."""
    values: dict[str, Any] = {}
    more = _more_names(csl) if "custom" in csl else frozenset()
    for name, value in csl.items():
        if name in _NOT_VARIABLES or value is None or value == "" or value == []:
            continue
        if name in NAME_VARIABLES:
            names = _names(value)
            if names:
                values[name] = MoreNames(names) if name in more else names
        elif name in DATE_VARIABLES:
            date = _date(value)
            if date is not None:
                values[name] = date
        elif name == "language":
            values[name] = str(value)
        elif name in RICH_VARIABLES:
            values[name] = rich_text(value)
        elif name == "URL":
            values[name] = Link(str(value))
        elif isinstance(value, (str, int, float)):
            values[name] = str(value)
    language = values.get("language")
    return Item(index, str(csl.get("id", index)), str(csl.get("type") or "article"), values, language, csl)


def citation_label(item: Mapping[str, Any]) -> str:
    """The generated ``citation-label`` (citeproc-js's trigraph ``Aaaa00:AaAa00:AaAA00:AAAA00``).

    >>> citation_label({"author": [{"family": "Müller"}, {"family": "Çelik"}], "issued": {"date-parts": [[2021]]}})
    'MüÇe21'
    >>> citation_label({"author": [{"family": n} for n in ("arora", "Khan", "Pl", "Sa", "Zu")]})
    'AKPS'
    """
    names = [n.get("family") or n.get("literal") or "" for n in item.get("author") or item.get("editor") or []
             if _is_mapping(n)]
    names = [re.sub(r"\W", "", n) for n in names if n]
    names = [n[:1].upper() + n[1:].lower() for n in names if n]  # citeproc-js: "FiOb" for Fischer, O’Brien
    if not names:
        label = re.sub(r"\W", "", str(item.get("title") or ""))[:4]
    elif len(names) == 1:
        label = names[0][:4]
    elif len(names) == 2:
        label = names[0][:2] + names[1][:2]
    elif len(names) == 3:
        label = names[0][:2] + names[1][:1] + names[2][:1]
    else:
        label = "".join(name[:1] for name in names[:4])
    issued = item.get("issued") or {}
    parts = issued.get("date-parts") if _is_mapping(issued) else None
    if parts and parts[0] and _int(parts[0][0]) is not None:
        label += f"{_int(parts[0][0]) % 100:02d}"
    return label

