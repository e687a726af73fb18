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
from ..dates import DateError, parse_date
from ..errors import Diagnostics
from ..model import Origin, Reference
from ..names import names_from_byline
from ..text import shorten
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
    byline = None
    start = _SPACES.match(line, m.end()).end()
    if line.startswith("(", start):
        end = _balanced(line, start)
        if end is not None:
            byline = line[start + 1 : end - 1].strip() or None
            start = end
    return m.group(0), byline, _excerpt(line[start:])


def _excerpt(rest: str) -> str | None:
    """The excerpt in what follows the date and byline: without its lead punctuation or "Continue"."""
    rest = rest[_LEAD.match(rest).end():].rstrip()
    if rest.endswith("Continue"):
        # The usual case, and what _CONTINUE.search would find: a match that
        # ends the text with "Continue" (no arrow after it) is that word alone.
        rest = rest[:-8]
    elif _may_end_in_continue(rest):
        more = _CONTINUE.search(rest)
        if more:
            rest = rest[: more.start()]
    return rest.strip() or None


# One post in the usual shape, from its title line to the end of its meta line,
# taken only where the line-by-line path reads the same post: the meta line
# looks like one (_LOOKS_LIKE_META), its date is what _DATE_HEAD matches (in an
# atomic group, so no other reading of it is tried), the byline is a balanced
# parenthesis group at most two deep (which _balanced finds too), and with no
# byline taken no "(" follows the date.  Both lines must also be as _squeeze
# leaves them; the reader checks that after the match.  In a squeezed line,
# ``. EXCERPT Continue`` is what _excerpt reads as EXCERPT, so the usual
# excerpt comes straight from the match.
_POST = re.compile(
    r"(?P<title>[^\n]+)\n"
    rf"(?P<meta>(?=(?i:{_LOOKS_LIKE_META.pattern}))(?P<date>(?>(?i:{_DATE_HEAD.pattern})))"
    r"(?:(?> ?)\((?P<byline>[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)|(?> ?)(?!\())"
    r"(?:\. (?P<excerpt>[^\n]+) Continue(?![^\n])|(?P<rest>[^\n]*)))"
)


def _is_squeezed(line: str) -> bool:
    """``line == " ".join(line.split())``, without splitting.

    Every whitespace character but the space is unprintable, so a printable
    line is squeezed unless it has a double space or a space at either end.
    """
    return line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "


def _squeeze(line: str) -> str:
    """``" ".join(line.split())``, without splitting the usual line that needs nothing done."""
    return line if _is_squeezed(line) else " ".join(line.split())


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Reference]:
    """The listing's posts, line by line; a post in the usual shape is read whole by _POST.

    The text is walked in place (a big listing is not copied into a list of lines).
    """
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    refs: list[Reference] = []
    pending: tuple[int, str] | None = None  # (line number, title) waiting for its meta line
    pos, number = 0, 1  # where the line numbered ``number`` starts
    size = len(text)
    while pos <= size:
        if pending is None:
            post = _POST.match(text, pos)
            if post is not None:
                title, meta, date_text, byline, excerpt, rest = post.groups()
                if _is_squeezed(title) and _is_squeezed(meta):
                    diag.stats.read += 1
                    ref = _reference(title, number, date_text, byline and byline.strip() or None,
                                     excerpt or _excerpt(rest), meta, number + 1, source, diag, options)
                    if ref is not None:
                        refs.append(ref)
                    pos, number = post.end() + 1, number + 2
                    continue
        # Line by line: blank lines, and what the shortcut above does not take.
        end = text.find("\n", pos)
        if end < 0:
            end = size
        line = _squeeze(text[pos:end])
        here, pos, number = number, end + 1, number + 1
        if not line:
            continue
        if pending is None:
            pending = (here, line)
            diag.stats.read += 1
            continue
        title_line, title = pending
        if not _LOOKS_LIKE_META.match(line):
            # The title had no meta line: report it, and this line starts the next post.
            diag.error(source, title_line, f'no date line after title "{shorten(title)}"')
            pending = (here, line)
            diag.stats.read += 1
            continue
        pending = None
        try:
            date_text, byline, excerpt = parse_meta(line)
        except ValueError:
            diag.error(source, here, f'no date in "{shorten(line)}"')
            continue
        ref = _reference(title, title_line, date_text, byline, excerpt, line, here, source, diag, options)
        if ref is not None:
            refs.append(ref)
    if pending is not None:
        diag.error(source, pending[0], f'no date line after title "{shorten(pending[1])}"')
    return refs


def _reference(
    title: str, title_line: int, date_text: str, byline: str | None, excerpt: str | None,
    line: str, number: int, source: str, diag: Diagnostics, options: ReadOptions,
) -> Reference | None:
    """The post read from its title and its meta line ``line`` (numbered ``number``), split by parse_meta."""
    try:
        issued = _parse_date(date_text)
    except DateError as exc:
        diag.error(source, number, f'no valid date in "{shorten(line)}": {exc}')
        return None
    if issued.day is None:
        diag.warn(source, number, f'date "{date_text}" has no day')
    authors, more = names_from_byline(byline, source=source, line=number, diag=diag) if byline else ((), False)
    return Reference(
        title=title,
        author=authors,
        more_authors=more,
        issued=issued,
        container_title=options.blog_title,
        abstract=excerpt,
        origin=Origin(source, title_line),
    )
