"""``cs:label``: the term for a number variable or a locator, singular or plural.

A label renders nothing for a variable the item does not have.  Inside ``cs:names`` the label
is the role's term (``editor``/``editors``), plural when the variable holds several names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .elements import Element
from .output import Output, plain_text

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Label", "is_plural"]

_MULTIPLE = re.compile(r"\d+[^\d.]+\d+")  # "1-3", "2, 4"; not "2.0"


def is_plural(variable: str, value: str) -> bool:
    """Whether a number variable's value holds more than one number."""
    if variable.startswith("number-of"):
        try:
            return int(value) > 1
        except ValueError:
            pass
    return _MULTIPLE.search(value) is not None


class Label(Element):
    __slots__ = ("variable", "form", "plural")

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.variable = self.attrib.get("variable", "")
        self.form = self.attrib.get("form", "long")
        self.plural = self.attrib.get("plural", "contextual")

    def own_variables(self) -> tuple[str, ...]:
        return (self.variable,) if self.variable else ()

    def computes_renders_empty(self, an: Any) -> bool:
        return False

    def term(self, name: str, plural: bool, ctx: "RenderContext") -> Output | None:
        plural = self.plural == "always" or (self.plural == "contextual" and plural)
        text = ctx.env.locale.term(name, self.form, plural)
        return self.dress(text, ctx) if text else None

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        if self.variable == "locator":
            if ctx.cite.locator is None:
                return None
            return self.term(ctx.cite.label, is_plural("locator", ctx.cite.locator), ctx)
        value = ctx.vars.get(self.variable)
        if value is None or self.variable in ctx.suppressed:
            return None
        return self.term(self.variable, is_plural(self.variable, plain_text(value)), ctx)
