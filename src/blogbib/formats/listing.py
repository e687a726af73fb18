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
from ..model import Draft, Origin
from ..names import names_from_byline
from ..text import is_squeezed, shorten, squeeze
from ..options import ReadOptions

__all__ = ["read", "parse_meta"]

_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# The date at the start of a meta line (validated afterwards by parse_date), case ignored.
_DATE_HEAD_TEXT = (
    rf"(?:{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH_WORD},?\s+\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    rf"|{_MONTH_WORD},?\s+\d{{4}}|\d{{4}}-\d{{1,2}})(?![\w-])"
)
# Anything that starts like a date (case ignored): such a line is a (possibly broken) meta line.
_LOOKS_LIKE_META_TEXT = rf"(?:{_MONTH_WORD}\s+\d|\d{{1,2}}\s+{_MONTH_WORD}\s+\d|\d{{4}}-\d)"


# Compiled on first use: a listing in the usual shape is read by _POST, which contains both.
@lru_cache(maxsize=None)
def _date_head() -> re.Pattern[str]:
    return re.compile(_DATE_HEAD_TEXT, re.I)


@lru_cache(maxsize=None)
def _looks_like_meta() -> re.Pattern[str]:
    return re.compile(_LOOKS_LIKE_META_TEXT, re.I)


_SPACES = re.compile(r"\s*")
# What separates the date or byline from the excerpt.
_LEAD = re.compile(r"\s*[.:;,\u2014\u2013-]?\s*")
# Applied to right-stripped text, with no leading ``\s*`` (which is quadratic on long runs of spaces).
_CONTINUE = re.compile(
    r"(?:Continue(?:\s+reading)?|Read\s+more|Read\s+the\s+rest)\s*(?:→|»|›|\.\.\.|…)?$", re.I
)


# A big listing repeats its dates: each distinct one is parsed once (errors are not cached).
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
    m = _date_head().match(line)
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
        # The usual case: what _CONTINUE.search finds when "Continue" ends the text.
        rest = rest[:-8]
    elif _may_end_in_continue(rest):
        more = _CONTINUE.search(rest)
        if more:
            rest = rest[: more.start()]
    return rest.strip() or None


# A post in the usual shape, title line and meta line, in one match (see _usual_post): a date
# _date_head() takes (atomic: no other reading tried), a byline at most two parentheses deep, and
# ". EXCERPT Continue", which _excerpt would read as EXCERPT.
_POST = re.compile(
    r"(?P<title>[^\n]+)\n"
    rf"(?P<meta>(?=(?i:{_LOOKS_LIKE_META_TEXT}))(?P<date>(?>(?i:{_DATE_HEAD_TEXT})))"
    r"(?:(?> ?)\((?P<byline>[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)|(?> ?)(?!\())"
    r"(?:\. (?P<excerpt>[^\n]+) Continue(?![^\n])|(?P<rest>[^\n]*)))"
)


def read(text: str, *, source: str, diag: Diagnostics, options: ReadOptions = ReadOptions()) -> list[Draft]:
    """The listing's posts, as drafts (their keys come later)."""
    return _read(text, source, diag, options, usual_posts=True)


def _usual_post(text: str, pos: int) -> re.Match[str] | None:
    """The post starting at ``pos`` if it has the usual shape, read whole; None sends it line by line.

    Taken only where the line-by-line path reads the same post: both lines as
    squeeze leaves them, and the match as the line-by-line steps would split it.
    """
    post = _POST.match(text, pos)
    return post if post is not None and is_squeezed(post["title"]) and is_squeezed(post["meta"]) else None


def _read(text: str, source: str, diag: Diagnostics, options: ReadOptions, usual_posts: bool) -> list[Draft]:
    """Line by line, the text walked in place; with ``usual_posts``, :func:`_usual_post` takes what it can.

    tests/formats/test_listing_shortcuts.py reads with and without it and compares.
    """
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    refs: list[Draft] = []
    pending: tuple[int, str] | None = None  # (line number, title) waiting for its meta line
    pos, number = 0, 1  # where the line numbered ``number`` starts
    size = len(text)
    while pos <= size:
        post = _usual_post(text, pos) if pending is None and usual_posts else None
        if post is not None:
            title, meta, date_text, byline, excerpt, rest = post.groups()
            diag.stats.read += 1
            ref = _reference(title, number, date_text, byline and byline.strip() or None,
                             excerpt or _excerpt(rest), meta, number + 1, source, diag, options)
            if ref is not None:
                refs.append(ref)
            pos, number = post.end() + 1, number + 2
            continue
        end = text.find("\n", pos)
        if end < 0:
            end = size
        line = squeeze(text[pos:end])
        here, pos, number = number, end + 1, number + 1
        if not line:
            continue
        if pending is None:
            pending = (here, line)
            diag.stats.read += 1
            continue
        title_line, title = pending
        if not _looks_like_meta().match(line):
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
) -> Draft | None:
    """The post read from its title and its meta line ``line`` (numbered ``number``), split by parse_meta."""
    try:
        issued = _parse_date(date_text)
    except DateError as exc:
        diag.error(source, number, f'no valid date in "{shorten(line)}": {exc}')
        return None
    if issued.day is None:
        diag.warn(source, number, f'date "{date_text}" has no day')
    # names_from_byline reads each distinct byline once: a big listing repeats them.
    authors, more = names_from_byline(byline, source=source, line=number, diag=diag) if byline else ((), False)
    return Draft(
        title=title,
        author=authors,
        more_authors=more,
        issued=issued,
        container_title=options.blog_title,
        abstract=excerpt,
        origin=Origin(source, title_line),
    )
