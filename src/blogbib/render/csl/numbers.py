"""``cs:number``, page ranges and number forms (ordinal, long ordinal, roman).

Numbers and ranges are split on raw text (``12-14, 17 & 19``); each number is formatted by the
element's ``form``, ranges are joined by the locale's ``page-range-delimiter`` (pages) or an en
dash, and page ranges are shortened by the style's ``page-range-format``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable

from .elements import Element
from .output import Output
from .punctuation import join

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Number", "format_numbers", "last_page", "ordinal", "romanize"]

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


def last_page(first: str, last: str, range_format: str | None) -> str:
    """The last page of a range as ``page-range-format`` prints it (expanded, minimal, chicago …)."""
    common = 0
    for common, (f, l) in enumerate(zip(first, last)):  # noqa: B007
        if f != l:
            break
    else:
        common = min(len(first), len(last))
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        m = re.search(r"\d+", first)
        if not m:
            return last
        number = int(m.group())
        if number < 100 or number % 100 == 0:
            range_format = "expanded"
        elif len(first) >= 4 and common < 2:
            range_format = "expanded"
        elif number % 100 in range(1, 10):
            range_format = "minimal"
        else:
            range_format = "minimal-two"
    if range_format == "minimal":
        return last[common:]
    if range_format == "minimal-two":
        return last[min(common, len(first) - 2):]
    return last


def format_numbers(value: str, variable: str, one: Callable[[str], str], ctx: "RenderContext") -> str:
    """A number variable's text with each number formatted by ``one`` and ranges joined."""
    pages = variable.startswith("page")
    delimiter = (ctx.env.locale.term("page-range-delimiter") if pages else "") or EN_DASH
    range_format = ctx.env.style.attrib.get("page-range-format")

    def number_or_range(text: str) -> str:
        pieces = text.replace(EN_DASH, "-").split("-")
        if len(pieces) != 2:
            return one(text.strip())
        first, last = (p.strip() for p in pieces)
        first = one(first)
        if variable == "page-first":
            return first
        last = one(last_page(first, last, range_format) if variable == "page" else last)
        return join([first, last], delimiter)

    return join([join([number_or_range(part) for part in item.split("&")], " & ")
                 for item in str(value).split(",")], ", ")


class Number(Element):
    """``cs:number``: a number variable in a numeric, ordinal, long-ordinal or roman form."""

    __slots__ = ("variable", "form")

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.variable = self.attrib.get("variable", "")
        self.form = self.attrib.get("form", "numeric")

    def own_variables(self) -> tuple[str, ...]:
        return (self.variable,)

    def computes_always_attempts(self, an: Any) -> bool:
        return True

    def computes_renders_empty(self, an: Any) -> bool:
        return False

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
