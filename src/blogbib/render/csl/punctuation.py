"""CSL's punctuation rules: where two pieces meet, inside quotes, after an empty field.

* Where two rendered pieces meet (a delimiter, an affix, the next piece), a space after a
  space and a ``.``, ``,``, ``;``, ``:``, ``!`` or ``?`` after the same mark are dropped, and so
  are a period after ``;``, ``:``, ``?``, ``!`` and a colon after ``;``, ``?``, ``!``
  (``2022;.`` → ``2022;``, ``Learning?:`` → ``Learning?``); a colon or semicolon before ``!``
  or ``?`` gives way to it (citeproc-js's table).
* punctuation-in-quote (a locale option): a period or comma after a closing quote moves inside
  it.  The formatter marks each closing quote so that :func:`finish` can find it.
* A period after ``?``, ``!`` or ``.`` (across closing quotes and markup) is dropped:
  ``path?.`` → ``path?``.
* The stray punctuation an empty field leaves between two affixes goes: ``2019. . Off`` →
  ``2019. Off``.
* In text and Markdown, a ``display="block"`` or ``"indent"`` element is set apart by a space.
"""

from __future__ import annotations

import re

__all__ = ["seam", "join", "affix", "finish", "QUOTE_OPEN", "QUOTE_PIQ", "QUOTE_END", "BREAK"]

_SEAM_MARKS = frozenset(".,;:!? ")

# private-use marks around a closing quote: QUOTE_OPEN, the quote, then QUOTE_PIQ when
# punctuation-in-quote applies or QUOTE_END when it does not
QUOTE_OPEN, QUOTE_PIQ, QUOTE_END = "\ue001", "\ue000", "\ue002"
BREAK = "\ue003"  # around a display="block" or "indent" element in text and Markdown: a space


_ENTITY = re.compile(r"&#?\w+;$")
# (mark, the mark after it): the second is dropped, or (_REPLACED) the first (citeproc-js's table,
# the CSL test suite's punctuation_FullMonty fixtures)
_ABSORBED = frozenset({(";", "."), (";", ":"), (":", "."), ("?", ":"), ("!", ":"), ("?", "."), ("!", ".")})
_REPLACED = frozenset({(":", "!"), (":", "?"), (";", "!"), (";", "?")})


def seam(left: str, right: str) -> str:
    """``right`` without its first character when the mark ``left`` ends with swallows it."""
    if left and right:
        last, first = left[-1], right[0]
        if (last == first and first in _SEAM_MARKS) or (last, first) in _ABSORBED:
            if last == ";" and _ENTITY.search(left[-10:]):  # "&#62;" is not a semicolon
                return right
            return right[1:]
    return right


_TOUCHING = _ABSORBED | _REPLACED | {(c, c) for c in _SEAM_MARKS}  # the pairs the rules concern


def meet(left: str, right: str) -> str:
    """``left + right`` with the punctuation rules where they meet (:func:`seam`, and a colon
    or semicolon giving way to a following ``!`` or ``?``)."""
    if not left or not right or (left[-1], right[0]) not in _TOUCHING:
        return left + right
    if (left[-1], right[0]) in _REPLACED and not (left[-1] == ";" and _ENTITY.search(left[-10:])):
        return left[:-1] + right
    return left + seam(left, right)


def join(parts: list[str], delimiter: str = "") -> str:
    """The parts joined by ``delimiter``, with the punctuation rules wherever two pieces meet."""
    if len(parts) == 1:
        return parts[0]
    out = parts[0]
    for part in parts[1:]:
        if delimiter:
            out = meet(out, delimiter)
        out = meet(out, part)
    return out


def affix(prefix: str, text: str, suffix: str) -> str:
    """``text`` between its affixes, with the punctuation rules at both joins."""
    if prefix:
        text = meet(prefix, text)
    if suffix:
        text = meet(text, suffix)
    return text


_CLOSING = rf"{QUOTE_OPEN}[^{QUOTE_PIQ}{QUOTE_END}]*[{QUOTE_PIQ}{QUOTE_END}]"
# a period or comma after a closing quote (and after closing markup: "<i>“Book”</i>.")
_MOVE_IN = re.compile(rf"({QUOTE_OPEN}[^{QUOTE_PIQ}{QUOTE_END}]*{QUOTE_PIQ}(?:</[a-z]+>)*)([.,]+)")
_DOUBLE = re.compile(rf"([?!]|(?<![.])\.)((?:</[a-z]+>|\*|{_CLOSING}|[”’])*)\.")
_MARKS = re.compile(f"[{QUOTE_OPEN}{QUOTE_PIQ}{QUOTE_END}]")
_EMPTY_FIELD = re.compile(r"(?<=[.,]) ([.,])(?= |$)")  # ". ." / ", ,": the affixes of a field that was empty
_SPACES = re.compile(r"  +")
_BREAKS = re.compile(rf"\s*{BREAK}[\s{BREAK}]*")


def finish(text: str) -> str:
    """Apply the rules that need the whole rendered entry or citation (see the module docstring)."""
    if QUOTE_OPEN in text:  # moved in, and on into a quote that closes just before (“… ‘One.’”)
        for _ in range(4):
            moved = _MOVE_IN.sub(lambda m: m.group(2) + m.group(1), text)
            if moved == text:
                break
            text = moved
    text = _DOUBLE.sub(lambda m: m.group(1) + m.group(2), text)
    if QUOTE_OPEN in text:
        text = _MARKS.sub("", text)
    if " ." in text or " ," in text:
        text = _EMPTY_FIELD.sub("", text)
    if BREAK in text:
        text = _BREAKS.sub(" ", text).strip()
    return _SPACES.sub(" ", text)
