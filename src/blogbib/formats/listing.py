"""Plain-text blog listings, as people copy a blog's index out of a browser.

Each post is two lines: the title, then a meta line
``Mon D, YYYY (Authors). Excerpt... Continue``.  Tolerated: blank lines or none
between posts, CRLF, a BOM, trailing spaces, a meta line with no byline (older
templates print none), no excerpt, no trailing ``Continue``, full or short
month names and ISO dates.  The byline is only ever the parenthesis right
after the date, so parentheses inside an excerpt are never taken for authors.

Read-only: a listing carries too little to be a target format.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..dates import DateError, parse_date
from ..errors import Diagnostics
from ..model import Origin, Reference
from ..names import parse_byline
from . import ReadOptions

__all__ = ["read", "parse_meta"]

_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# The date at the start of a meta line (validated afterwards by parse_date).
_DATE_HEAD = re.compile(
    rf"(?:{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH_WORD},?\s+\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    rf"|{_MONTH_WORD},?\s+\d{{4}}|\d{{4}}-\d{{1,2}})(?![\w-])",
    re.I,
)
# Anything that starts like a date: such a line is a (possibly broken) meta line.
_LOOKS_LIKE_META = re.compile(rf"(?:{_MONTH_WORD}\s+\d|\d{{1,2}}\s+{_MONTH_WORD}\s+\d|\d{{4}}-\d)", re.I)
_SPACES = re.compile(r"\s*")
# What separates the date or byline from the excerpt.
_LEAD = re.compile(r"\s*[.:;,\u2014\u2013-]?\s*")
# Applied to right-stripped text.  No leading ``\s*``: searched for, that retried
# every start inside a run of spaces (quadratic on long runs).
_CONTINUE = re.compile(
    r"(?:Continue(?:\s+reading)?|Read\s+more|Read\s+the\s+rest)\s*(?:→|»|›|\.\.\.|…)?$", re.I
)


# A big listing repeats its dates: parse each distinct one once (Date is frozen;
# errors are not cached).  The texts are short, as _DATE_HEAD matched them.
_parse_date = lru_cache(maxsize=32768)(parse_date)


# The last word a _CONTINUE match can end with, before its optional arrow.
_CONTINUE_LAST_WORD = re.compile(r"(?:continue|reading|more|rest)$", re.I)
_CONTINUE_ARROWS = ("→", "»", "›", "...", "…")


def _may_end_in_continue(text: str) -> bool:
    """False when ``_CONTINUE.search(text)`` (``text`` right-stripped) cannot match.

    That search tries every position of the excerpt; this looks at its end only.
    """
    for arrow in _CONTINUE_ARROWS:
        if text.endswith(arrow):
            text = text[: -len(arrow)].rstrip()
            break
    return _CONTINUE_LAST_WORD.search(text[-8:]) is not None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _balanced(text: str, start: int) -> int | None:
    """Index just past the parenthesis group opening at ``text[start]``, if it closes."""
    close = text.find(")", start)
    if close < 0:
        return None
    if text.find("(", start + 1, close) < 0:
        return close + 1  # the usual byline: no parenthesis inside
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def parse_meta(line: str) -> tuple[str, str | None, str | None]:
    """Split a meta line into (date text, byline or None, excerpt or None).

    Raises ValueError if the line does not start with a date.

    >>> parse_meta("Oct 3, 2019 (Wei Hu and Simon Du). (Crossposted.) Traditional... Continue")
    ('Oct 3, 2019', 'Wei Hu and Simon Du', '(Crossposted.) Traditional...')
    >>> parse_meta("Jul 19, 2017. A core problem")
    ('Jul 19, 2017', None, 'A core problem')
    """
    m = _DATE_HEAD.match(line)
    if not m:
        raise ValueError("no date")
    date_text = m.group(0)
    byline = None
    start = _SPACES.match(line, m.end()).end()
    if line.startswith("(", start):
        end = _balanced(line, start)
        if end is not None:
            byline = line[start + 1 : end - 1].strip() or None
            start = end
    rest = line[_LEAD.match(line, start).end():].rstrip()
    if rest.endswith("Continue"):
        # The usual case, and what _CONTINUE.search would find: a match that
        # ends the text with "Continue" (no arrow after it) is that word alone.
        rest = rest[:-8]
    elif _may_end_in_continue(rest):
        more = _CONTINUE.search(rest)
        if more:
            rest = rest[: more.start()]
    return date_text, byline, rest.strip() or None


_BLOCK = 1 << 16  # characters _lines splits at once (then on to the next newline)


def _lines(text: str) -> Iterator[str]:
    """The text's lines (CRLF and CR too), split a block at a time: a big listing is not copied into one list."""
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    start = 0
    while True:
        end = text.find("\n", start + _BLOCK)
        if end < 0:
            yield from text[start:].split("\n")
            return
        yield from text[start:end].split("\n")
        start = end + 1


def _squeeze(line: str) -> str:
    """``" ".join(line.split())``, without splitting the usual line that needs nothing done.

    Every whitespace character but the space is unprintable, so a printable
    line needs work only for a double space or a space at either end.
    """
    if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return line
    return " ".join(line.split())


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Reference]:
    refs: list[Reference] = []
    pending: tuple[int, str] | None = None  # (line number, title) waiting for its meta line

    for number, raw in enumerate(_lines(text), start=1):
        line = _squeeze(raw)
        if not line:
            continue
        if pending is None:
            pending = (number, line)
            diag.stats.read += 1
            continue
        title_line, title = pending
        if not _LOOKS_LIKE_META.match(line):
            # The title had no meta line: report it, and this line starts the next post.
            diag.error(source, title_line, f'no date line after title "{_short(title)}"')
            pending = (number, line)
            diag.stats.read += 1
            continue
        pending = None
        ref = _entry(title, title_line, line, number, source, diag, options)
        if ref is not None:
            refs.append(ref)
    if pending is not None:
        diag.error(source, pending[0], f'no date line after title "{_short(pending[1])}"')
    return refs


def _entry(
    title: str, title_line: int, line: str, number: int, source: str, diag: Diagnostics, options: ReadOptions
) -> Reference | None:
    try:
        date_text, byline, excerpt = parse_meta(line)
        issued = _parse_date(date_text)
    except DateError as exc:
        diag.error(source, number, f'no valid date in "{_short(line)}": {exc}')
        return None
    except ValueError:
        diag.error(source, number, f'no date in "{_short(line)}"')
        return None
    if issued.day is None:
        diag.warn(source, number, f'date "{date_text}" has no day')
    authors, more = parse_byline(byline) if byline else ([], False)
    for name in authors:
        if name.literal is not None:
            diag.warn(source, number, f'"{name.literal}" read as an organisation (literal author)')
    return Reference(
        title=title,
        author=tuple(authors),
        more_authors=more,
        issued=issued,
        container_title=options.blog_title,
        abstract=excerpt,
        origin=Origin(source, title_line),
    )
