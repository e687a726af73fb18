"""``cs:number``, page ranges and number forms (ordinal, long ordinal, roman).

Numbers and ranges are split on raw text (``12-14, 17 & 19``); each number is formatted by the
element's ``form``, ranges of two numbers are joined by the locale's ``page-range-delimiter``
(pages) or an en dash, and page ranges are shortened by the style's ``page-range-format``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable

from .elements import OneVariable
from .output import Output
from .punctuation import join

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Number", "format_numbers", "page_range", "shorten", "ordinal", "romanize"]

EN_DASH = "\u2013"


def ordinal(number: int, ctx: "RenderContext", gender: str | None = None) -> str:
    """``number`` as an ordinal in the output locale (``1st``, ``1.``), agreeing with a noun of ``gender``."""
    return f"{number}{ctx.env.locale.ordinal_suffix(number, gender)}"


def romanize(number: int) -> str:
    numerals = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50),
                ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
    out = []
    for letters, value in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


_NUMBERED = re.compile(r"(.*?)(\d+)$")  # an optional prefix, then the number
_ROMAN = re.compile(r"^[ivxlcdm]+$|^[IVXLCDM]+$")


def _range_parts(first: str, last: str) -> tuple[str, str, str] | None:
    """(prefix, first number, last number) when ``first-last`` is a range of two numbers with the
    same prefix (or none on the last); None for anything else (``3-B``, ``N110-P5``)."""
    m1, m2 = _NUMBERED.match(first), _NUMBERED.match(last)
    if m1 is None or m2 is None:
        return None
    prefix, last_prefix = m1.group(1), m2.group(1)
    if last_prefix and last_prefix != prefix or (prefix and not last_prefix):
        return None
    return prefix, m1.group(2), m2.group(2)


def _minimal(first: str, last: str, keep: int) -> str:
    """The last number without the leading digits it shares with the first (at least ``keep`` digits)."""
    if len(first) != len(last):
        return last
    i = 0
    while i < len(last) - keep and first[i] == last[i]:
        i += 1
    return last[i:]


def shorten(first: str, last: str, range_format: str) -> str:
    """The last number of a page range in ``page-range-format`` (CSL 1.0.2 appendix V)."""
    if range_format == "minimal":
        return _minimal(first, last, 1)
    if range_format == "minimal-two":
        return _minimal(first, last, 2)
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        number = int(first)
        if number < 100 or number % 100 == 0:
            return last
        if number % 100 < 10:
            return _minimal(first, last, 1)
        short = _minimal(first, last, 2)
        if range_format != "chicago-16" and len(first) == 4 and len(short) > 2:
            return last  # Chicago 15: 1496–1504
        return short
    return last  # expanded


def page_range(first: str, last: str, range_format: str | None, delimiter: str) -> str:
    """A page range: the last page given in full first (``1536-38`` is 1536–1538), then shortened as
    ``page-range-format`` says; as written with no format; as written too when it is not a range of
    two numbers."""
    parts = _range_parts(first, last)
    if parts is None:
        if _ROMAN.match(first) and _ROMAN.match(last):  # "xxv–xxviii": joined, never shortened
            return f"{first}{delimiter}{last}"
        return f"{first}-{last}"
    if range_format is None:
        return f"{first}{delimiter}{last}"
    prefix, start, end = parts
    if len(end) < len(start):
        end = start[:len(start) - len(end)] + end
    short = shorten(start, end, range_format)
    return f"{first}{delimiter}{prefix + end if short == end else short}"


def format_numbers(value: str, variable: str, one: Callable[[str], str], ctx: "RenderContext") -> str:
    """A number variable's text with each number formatted by ``one`` and ranges joined; ``\\-`` is a
    hyphen that is not a range."""
    pages = variable.startswith("page")
    delimiter = (ctx.env.locale.term("page-range-delimiter") if pages else "") or EN_DASH
    range_format = ctx.env.style.attrib.get("page-range-format") if pages else None

    def number_or_range(text: str) -> str:
        if "\\-" in text:
            return one(text.replace("\\-", "-").strip())
        pieces = text.replace(EN_DASH, "-").split("-")
        if len(pieces) != 2:
            return one(text.strip())
        first, last = (p.strip() for p in pieces)
        if variable == "page-first":
            return one(first)
        if pages:
            return page_range(first, last, range_format, delimiter)
        if _range_parts(first, last) is None:
            return f"{first}-{last}"
        return join([one(first), one(last)], delimiter)

    return join([join([number_or_range(part) for part in item.split("&")], " & ")
                 for item in str(value).split(",")], ", ")


class Number(OneVariable):
    """``cs:number``: a number variable in a numeric, ordinal, long-ordinal or roman form."""

    __slots__ = ("form",)

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.form = self.attrib.get("form", "numeric")

    def one(self, text: str, noun: str, ctx: "RenderContext") -> str:
        """One number in the element's form; ``noun`` is the term whose gender ordinals agree with."""
        try:
            number = int(text)
        except ValueError:
            return text
        form = self.form
        if form == "ordinal":
            return ordinal(number, ctx, ctx.env.locale.gender(noun))
        if form == "long-ordinal":
            return ctx.env.locale.long_ordinal(number, ctx.env.locale.gender(noun))
        if form == "roman":
            return romanize(number)
        return str(number)

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        variable = self.variable
        if variable in ctx.suppressed:
            ctx.tried(None)
            return None
        if variable == "locator":
            value = ctx.cite.locator
            variable = ctx.cite.label
        elif variable == "page-first":
            value = ctx.vars.get("page")
        else:
            value = ctx.vars.get(variable)
        if value is None or value == "":
            ctx.tried(None)
            return None
        text = format_numbers(str(value), variable, lambda t: self.one(t, variable, ctx), ctx)
        ctx.tried(text)
        if not text:
            return None
        ctx.used(self.variable)
        return self.dress(text, ctx)
