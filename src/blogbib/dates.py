"""Text → :class:`Date`.

Accepted: ``Jul 15, 2022``, ``July 15, 2022``, ``Sept 15 2022``, ``15 July 2022``,
``July 2022``, ISO 8601 (``2022-07-15``, ``2022-07``, ``2022``, and with a time:
``2022-07-15T08:00:00-07:00``).  An impossible date (``Feb 30, 2021``) is an
error, never a guess.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as _dt

from .model import Date

__all__ = ["parse_date", "today", "MONTHS", "DateError", "NotADate", "from_datetime", "in_timezone", "check_timezone"]


class DateError(ValueError):
    """The text is not a date, or names a day that does not exist."""


class NotADate(DateError):
    """The text has no date's shape at all ("forthcoming", "Spring term"): a reader may keep it as a
    literal date, where a date that does not exist (``2021-02-30``) is an error."""


MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ],
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PATTERNS = [
    # Jul 15, 2022 / July 15 2022 / Jul. 15, 2022
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"),
    # 15 July 2022
    re.compile(r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})"),
    # July 2022
    re.compile(_MONTH + r",?\s+(?P<year>\d{4})"),
    # ISO 8601: 2022-07-15, 2022-07, 2022, 2022/07/15, optional time and offset
    re.compile(
        r"(?P<year>\d{4})(?:[-/](?P<nmonth>\d{1,2})(?:[-/](?P<day>\d{1,2})"
        r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?))?)?)?"
    ),
]


def parse_date(text: str) -> Date:
    """Parse one date, raising :class:`DateError` with the reason.

    >>> parse_date("Jul 15, 2022")
    Date(year=2022, month=7, day=15, time=None)
    >>> parse_date("2021-02-30")
    Traceback (most recent call last):
    ...
    blogbib.dates.DateError: February 2021 has no day 30
    """
    cleaned = " ".join(text.split())
    for pattern in _PATTERNS:
        m = pattern.fullmatch(cleaned)
        if not m:
            continue
        groups = m.groupdict()
        if groups.get("month"):
            month = MONTHS.get(groups["month"].lower())
            if month is None:
                continue
        elif groups.get("nmonth"):
            month = int(groups["nmonth"])
        else:
            month = None
        day = int(groups["day"]) if groups.get("day") else None
        time = _normalise_time(groups["time"]) if groups.get("time") else None
        try:
            return Date(int(groups["year"]), month, day, time)
        except ValueError as exc:
            raise DateError(str(exc)) from None
    raise NotADate(f"not a date: {text!r}")


def _normalise_time(text: str) -> str:
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    m = re.fullmatch(r"(\d{2}:\d{2})(:\d{2})?(?:\.\d+)?([+-]\d{2}):?(\d{2})?", text)
    if m:
        return f"{m[1]}{m[2] or ':00'}{m[3]}:{m[4] or '00'}"
    return text if len(text) > 5 else text + ":00"


def today() -> Date:
    """The local date, for ``--accessed today``."""
    import datetime

    now = datetime.date.today()
    return Date(now.year, now.month, now.day)


def from_datetime(moment: _dt.datetime, timezone: str | None = None) -> Date:
    """A date with its time of day, in ``timezone`` (an IANA name such as
    ``America/Los_Angeles``, or ``UTC``); ``None`` keeps the offset the source
    wrote, which is the blog's own local time for feeds built by the blog.

    >>> import datetime as _dt
    >>> moment = _dt.datetime.fromisoformat("2017-07-06T23:00:00-07:00")
    >>> from_datetime(moment)
    Date(year=2017, month=7, day=6, time='23:00:00-07:00')
    >>> from_datetime(moment, "UTC")
    Date(year=2017, month=7, day=7, time='06:00:00+00:00')
    """
    if timezone is not None and moment.tzinfo is not None:
        moment = moment.astimezone(_zone(timezone))
    time = moment.strftime("%H:%M:%S")
    offset = moment.utcoffset()
    if offset is not None:
        minutes = int(offset.total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        time += f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return Date(moment.year, moment.month, moment.day, time)


def in_timezone(date: Date, timezone: str | None) -> Date:
    """Move a date that carries a time with an offset into ``timezone``.

    Dates without a time (or without an offset) are returned unchanged: a bare
    calendar date has no instant to convert.
    """
    if timezone is None or date.time is None or date.day is None:
        return date
    m = re.fullmatch(r"(\d{2}):(\d{2}):(\d{2})([+-]\d{2}:\d{2})", date.time)
    if not m:
        return date
    import datetime as _dt

    moment = _dt.datetime.fromisoformat(f"{date.iso()}T{date.time}")
    return from_datetime(moment, timezone)


def _zone(name: str) -> _dt.tzinfo:
    """An IANA time zone, or a :class:`DateError` naming it."""
    import datetime as _dt

    if name.upper() in ("UTC", "Z", "GMT"):
        return _dt.timezone.utc
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DateError(f"unknown time zone {name!r} (use an IANA name such as America/Los_Angeles, or UTC)") from None


def check_timezone(name: str) -> str:
    """Validate a time zone name early (for the command line)."""
    _zone(name)
    return name
