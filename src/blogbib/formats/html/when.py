"""Dates as pages write them: in attributes (``datetime``, ``title``, ``content``) and in visible text.

:func:`find_dates` finds every date in a piece of text (``Mar 24, 2016``, ``24 March 2016``,
``24. März 2016``, ``24 de marzo de 2016``, ``2016-03-24``, ``2016/03/24``, ``24.03.2016``,
``2016年3月24日``, with a weekday or an ordinal suffix around them, and a month with its year
alone, and ``3/24/2016`` or ``24/3/2016`` when a number over 12 tells the day); :func:`read_date`
reads one attribute value that should be a date.  Month names come from one table of languages;
numeric dates whose day and month order is unknown (``03/04/2016``) are not guessed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from ...dates import DateError, parse_date
from ...model import Date

__all__ = ["Found", "find_dates", "read_date", "MONTH_NAMES"]

# Month names and their usual abbreviations, by language (case-folded; a trailing "." is optional).
MONTH_NAMES: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
           ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
           ("october", "oct"), ("november", "nov"), ("december", "dec")),
    "fr": (("janvier", "janv"), ("février", "fevrier", "févr", "fevr"), ("mars",), ("avril", "avr"), ("mai",),
           ("juin",), ("juillet", "juil"), ("août", "aout"), ("septembre",), ("octobre",),
           ("novembre",), ("décembre", "decembre", "déc")),
    "de": (("januar", "jänner"), ("februar",), ("märz", "maerz", "mär"), ("april",), ("mai",), ("juni",),
           ("juli",), ("august",), ("september",), ("oktober", "okt"), ("november",), ("dezember", "dez")),
    "es": (("enero", "ene"), ("febrero",), ("marzo",), ("abril", "abr"), ("mayo",), ("junio",), ("julio",),
           ("agosto", "ago"), ("septiembre", "setiembre"), ("octubre",), ("noviembre",), ("diciembre", "dic")),
    "it": (("gennaio", "gen"), ("febbraio",), ("marzo",), ("aprile",), ("maggio", "mag"), ("giugno", "giu"),
           ("luglio", "lug"), ("agosto",), ("settembre", "set"), ("ottobre", "ott"), ("novembre",),
           ("dicembre",)),
    "pt": (("janeiro",), ("fevereiro", "fev"), ("março", "marco"), ("abril",), ("maio",), ("junho",),
           ("julho",), ("agosto",), ("setembro",), ("outubro", "out"), ("novembro",), ("dezembro", "dez")),
    "nl": (("januari",), ("februari",), ("maart", "mrt"), ("april",), ("mei",), ("juni",), ("juli",),
           ("augustus",), ("september",), ("oktober",), ("november",), ("december",)),
    "sv": (("januari",), ("februari",), ("mars",), ("april",), ("maj",), ("juni",), ("juli",),
           ("augusti",), ("september",), ("oktober",), ("november",), ("december",)),
    "da": (("januar",), ("februar",), ("marts",), ("april",), ("maj",), ("juni",), ("juli",), ("august",),
           ("september",), ("oktober",), ("november",), ("december",)),
    "pl": (("stycznia", "styczeń", "sty"), ("lutego", "luty", "lut"), ("marca", "marzec"),
           ("kwietnia", "kwiecień", "kwi"), ("maja", "maj"), ("czerwca", "czerwiec", "cze"),
           ("lipca", "lipiec", "lip"), ("sierpnia", "sierpień", "sie"), ("września", "wrzesień", "wrz"),
           ("października", "październik", "paź"), ("listopada", "listopad", "lis"),
           ("grudnia", "grudzień", "gru")),
    "ru": (("января", "январь", "янв"), ("февраля", "февраль", "фев"), ("марта", "март", "мар"),
           ("апреля", "апрель", "апр"), ("мая", "май"), ("июня", "июнь", "июн"), ("июля", "июль", "июл"),
           ("августа", "август", "авг"), ("сентября", "сентябрь", "сен"), ("октября", "октябрь", "окт"),
           ("ноября", "ноябрь", "ноя"), ("декабря", "декабрь", "дек")),
}
_MONTH: dict[str, int] = {}
for _names in MONTH_NAMES.values():
    for _number, _forms in enumerate(_names, start=1):
        for _form in _forms:
            _MONTH.setdefault(_form, _number)

_NAME = "(?P<name>" + "|".join(sorted(map(re.escape, _MONTH), key=len, reverse=True)) + r")\.?"
_TIME = (r"(?:[T ]\s?(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
         r"\s?(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?")
_PATTERNS = [re.compile(p, re.I) for p in (
    # 2016-03-24, with a time and an offset (ISO 8601, RFC 3339, "2022-12-09 00:00:00 +0900 JST")
    r"(?<![\w.\-/])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _TIME + r"(?![\w\-])",
    # 2016/03/24, 2016.03.24
    r"(?<![\w.\-/])(?P<year>\d{4})(?P<sep>[/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\w/])",
    # 24.03.2016 (day first, the only order that writes dots)
    r"(?<![\w.\-/])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\w.]\d)",
    # 3/24/2016 or 24/3/2016: only when a number over 12 says which is the day
    r"(?<![\w.\-/])(?P<n1>\d{1,2})/(?P<n2>\d{1,2})/(?P<year>\d{4})(?![\w/])",
    # 2016年3月24日, 2016년 3월 24일
    r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]?",
    # Mar 24, 2016 / March 24th 2016
    r"(?<!\w)" + _NAME + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})(?!\d)",
    # 24 March 2016 / 24. März 2016 / 24 de marzo de 2016 / 1er juin 2023
    r"(?<![\w.])(?P<day>\d{1,2})(?:\.|er|º|st|nd|rd|th)?\s*(?:de\s+)?" + _NAME
    + r",?\s*(?:de\s+|del\s+)?(?P<year>\d{4})(?!\d)",
    # March 2016 (a month, no day)
    r"(?<!\w)" + _NAME + r",?\s+(?P<year>\d{4})(?!\d)",
)]


@dataclass(frozen=True)
class Found:
    """A date in a text, and where: ``text[start:end]``."""

    date: Date
    start: int
    end: int


def _time(m: re.Match[str]) -> str | None:
    if "hour" not in m.re.groupindex or m["hour"] is None:
        return None
    time = f"{m['hour']}:{m['minute']}:{m['second'] or '00'}"
    zone = m["zone"]
    if zone:
        if zone.upper() == "Z":
            zone = "+00:00"
        digits = zone[1:].replace(":", "")
        zone = f"{zone[0]}{digits[:2]}:{digits[2:4] or '00'}"
        time += zone
    return time


def _date(m: re.Match[str]) -> Date:
    """The match as a Date; ValueError names an impossible one."""
    groups = m.groupdict()
    if groups.get("n1"):
        first, second = int(groups["n1"]), int(groups["n2"])
        if (first > 12) == (second > 12):
            raise ValueError("day and month order unknown")
        day, month = (first, second) if first > 12 else (second, first)
        return Date(int(groups["year"]), month, day)
    month = _MONTH[groups["name"].casefold()] if groups.get("name") else int(groups["month"])
    day = int(groups["day"]) if groups.get("day") else None
    return Date(int(groups["year"]), month, day, _time(m) if day else None)


def find_dates(text: str) -> list[Found]:
    """Every date in ``text``, in order, never two overlapping (a full date wins over a month alone).

    >>> [f.date.iso() for f in find_dates("Published: Fri 09 December 2022 · updated 2023-01-05")]
    ['2022-12-09', '2023-01-05']
    >>> find_dates("24. März 2016")[0].date, find_dates("1er juin 2023")[0].date
    (Date(year=2016, month=3, day=24, time=None), Date(year=2023, month=6, day=1, time=None))
    >>> find_dates("2022-12-09 00:00:00 +0900 JST")[0].date
    Date(year=2022, month=12, day=9, time='00:00:00+09:00')
    >>> find_dates("version 3.11.0, 40 mayors in 2016, 03/04/2016")
    []
    >>> [f.date.iso() for f in find_dates("3/24/2016 and 24/3/2016")]
    ['2016-03-24', '2016-03-24']
    """
    if not text or not any(ch.isdigit() for ch in text):
        return []
    text = unicodedata.normalize("NFC", text)
    starts: list[int] = []  # the found spans, sorted and never overlapping
    found: dict[int, Found] = {}
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            at = bisect_left(starts, m.start())
            if (at < len(starts) and starts[at] < m.end()) or (at and found[starts[at - 1]].end > m.start()):
                continue
            try:
                found[m.start()] = Found(_date(m), m.start(), m.end())
            except (ValueError, KeyError):
                continue  # an impossible date in running text is not a date
            starts.insert(at, m.start())
    return [found[s] for s in starts]


def read_date(value: str | None) -> Date | None:
    """The date an attribute gives (``datetime``, ``title``, ``content``), or None if it gives none.

    Raises :class:`~blogbib.dates.DateError` for a date that cannot exist (``2021-02-30``).

    >>> read_date("2023-05-31T16:00:00.000Z"), read_date("Published 1 June 2023"), read_date("a title")
    (Date(year=2023, month=5, day=31, time='16:00:00+00:00'), Date(year=2023, month=6, day=1, time=None), None)
    """
    if not value or not value.strip():
        return None
    value = " ".join(value.split())
    try:
        return parse_date(value)
    except DateError as exc:
        if not str(exc).startswith("not a date"):
            raise
    found = find_dates(value)
    if found:
        return found[0].date
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?", value)
    if m:  # written as a date, but not one: say why
        try:
            Date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise DateError(str(exc)) from None
    return None
