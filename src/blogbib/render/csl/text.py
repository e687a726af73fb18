"""``cs:text`` (a variable, a macro, a term or a value) and ``cs:macro``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .elements import Element, Stub
from .numbers import format_numbers
from .groups import evaluate_group
from .output import CITATION_NUMBER, PLAIN, TERM, YEAR_SUFFIX, Node, Output, plain_text
from .state import CITATION

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Text", "Macro", "GENERATED"]

# variables a style can render that are not in the item's data
GENERATED = frozenset({"citation-number", "citation-label", "year-suffix", "first-reference-note-number",
                       "page-first"})


class Macro(Element):
    """``cs:macro``: its children, joined as they are; suppressed like a group (as citeproc-js does)."""

    __slots__ = ("name",)

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(Stub(), compiler)  # filled by fill(), so that a macro may call itself
        self.name = ""

    def fill(self, xml: Any, compiler: Any) -> None:
        self.attrib = dict(xml.attrib)
        self.name = self.attrib.get("name", "")
        self.children = compiler.children(xml)

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        return evaluate_group(self, ctx)

    def computes_renders_empty(self, an: Any) -> bool:
        return an.group_renders_empty(self)

    def computes_succeeds_empty(self, an: Any) -> bool:
        return an.renders_empty(self)


class Text(Element):
    """``cs:text``."""

    __slots__ = ("variable", "form", "macro", "constant", "term")

    quotable = True

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        attrib = self.attrib
        self.variable = attrib.get("variable")
        self.form = attrib.get("form", "long")
        self.macro: Macro | None = compiler.macro(attrib["macro"]) if "macro" in attrib and not self.variable else None
        self.constant: str | None = None  # a term's text or a value: fixed for the locale
        self.term = False
        if self.variable is None and self.macro is None:
            if "term" in attrib:
                plural = attrib.get("plural", "false").lower() == "true"
                self.constant = compiler.locale.term(attrib["term"], self.form, plural)
                self.term = True
            else:
                self.constant = attrib.get("value", "")

    def own_variables(self) -> tuple[str, ...]:
        if not self.variable:
            return ()
        return (self.variable, self.variable + "-short") if self.form == "short" else (self.variable,)

    def references(self) -> list[Element]:
        return [self.macro] if self.macro is not None else []

    def computes_always_attempts(self, an: Any) -> bool:
        if self.variable:
            return self.variable != "year-suffix"
        return self.macro is not None and an.attempts(self.macro)

    def computes_renders_empty(self, an: Any) -> bool:
        if self.macro is not None:
            return an.renders_empty(self.macro)
        if self.variable:
            return self.variable in GENERATED
        return bool(self.constant)

    def computes_succeeds_empty(self, an: Any) -> bool:
        if self.macro is not None:
            return an.renders_empty(self.macro)  # a macro that renders counts as a rendered variable
        return bool(self.variable) and self.variable in GENERATED

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        if self.macro is not None:
            content = self.macro.evaluate(ctx)
        elif self.variable is not None:
            content = self._variable(ctx)
            if content is not None or self.variable != "year-suffix":  # no year suffix is no failure
                ctx.tried(content)
        else:
            content = self.constant
            if content and self.term and ctx.mode == CITATION:  # a note's cite capitalizes a term it starts with
                content = Node([content], PLAIN, TERM)
        if not content:
            return None
        return self.dress(content, ctx)

    def _variable(self, ctx: "RenderContext") -> Output | None:
        variable = self.variable
        values = ctx.vars
        if self.form == "short" and variable + "-short" in values:  # type: ignore[operator]
            variable = variable + "-short"  # type: ignore[operator]
        base = variable[:-6] if variable.endswith("-short") else variable  # type: ignore[union-attr]
        if base in ctx.suppressed:
            return None
        if variable == "year-suffix":
            ctx.year_suffix_done = True
            suffix = ctx.state.year_suffix
            return Node([suffix], PLAIN, YEAR_SUFFIX) if suffix else None
        if variable == "citation-label":
            text = ctx.item.citation_label()
            suffix = ctx.state.year_suffix
            if text and suffix and not ctx.year_suffix_done:
                ctx.year_suffix_done = True  # the suffix belongs to a generated label ("MüÇe21a")
                return Node([text, Node([suffix], PLAIN, YEAR_SUFFIX)])
            return text
        if variable == "citation-number":
            ctx.used(variable)
            return Node([str(ctx.number)], PLAIN, CITATION_NUMBER)
        if variable == "first-reference-note-number":
            return str(ctx.cite.first_note) if ctx.cite.first_note is not None else None
        if variable == "locator":  # a page locator is a page range
            locator = ctx.cite.locator
            label = "page" if ctx.cite.label == "page" else "locator"
            return format_numbers(locator, label, str, ctx) if locator else None
        if variable == "page" or variable == "page-first":
            value = values.get("page")
            text = format_numbers(plain_text(value), variable, str, ctx) if value else None
        else:
            text = values.get(variable)
        if text:
            ctx.used(base)
        return text
