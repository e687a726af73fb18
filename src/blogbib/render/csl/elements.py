"""The base of every compiled CSL element, and the attributes most elements share.

An element is built from its XML element by :mod:`.parsing` (which holds the registry of
element classes) and never changes afterwards.  Evaluating it for an item (``evaluate(ctx)``)
gives an output tree or ``None`` when it renders nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from .output import PLAIN, Fmt, Node, Output
from .text_case import cased, strip_periods

if TYPE_CHECKING:
    from .parsing import Compiler
    from .state import RenderContext

__all__ = ["Element", "OneVariable", "Stub", "fmt_from", "FONT_DEFAULTS"]

FONT_DEFAULTS = (("font-style", "normal"), ("font-variant", "normal"), ("font-weight", "normal"),
                 ("text-decoration", "none"), ("vertical-align", "baseline"))
_FMT_ATTRIBUTES = ("prefix", "suffix", "delimiter", "quotes", "display") + tuple(name for name, _ in FONT_DEFAULTS)


def fmt_from(attrib: Mapping[str, str], delimiter: bool = False, quotes: bool = False) -> Fmt:
    """The formatting an element's attributes ask for (:data:`~.output.PLAIN` when none)."""
    if not any(name in attrib for name in _FMT_ATTRIBUTES):
        return PLAIN
    fmt = Fmt(prefix=attrib.get("prefix", ""), suffix=attrib.get("suffix", ""),
              delimiter=attrib.get("delimiter", "") if delimiter else "",
              font_style=attrib.get("font-style", ""), font_variant=attrib.get("font-variant", ""),
              font_weight=attrib.get("font-weight", ""), text_decoration=attrib.get("text-decoration", ""),
              vertical_align=attrib.get("vertical-align", ""),
              quotes=quotes and attrib.get("quotes", "false").lower() == "true", display=attrib.get("display"))
    return PLAIN if fmt == PLAIN else fmt


class Stub:
    """Stands in for an XML element: attributes and no children (an implied or merged element)."""

    def __init__(self, attrib: Mapping[str, str] | None = None) -> None:
        self.attrib = dict(attrib or {})

    def __iter__(self):
        return iter(())


class Element:
    """A compiled CSL element.

    ``children``: compiled child elements; ``fmt``: its formatting; ``prune``: the variables
    without which the element renders nothing (None: unknown), set by the static analysis of
    :mod:`.parsing` once the whole style is compiled, from the ``computes_*`` answers below.  ``transparent`` elements (cs:choose)
    give their parent a list of pieces to join rather than one piece.
    """

    __slots__ = ("attrib", "children", "fmt", "text_case", "strip_periods", "prune")

    transparent = False
    delimited = False  # whether the element's delimiter joins its own children
    quotable = False  # whether quotes="true" applies (cs:text)

    def __init__(self, xml: Any, compiler: "Compiler") -> None:
        self.attrib: dict[str, str] = dict(xml.attrib)
        self.fmt = fmt_from(self.attrib, self.delimited, self.quotable)
        self.text_case = self.attrib.get("text-case")
        self.strip_periods = self.attrib.get("strip-periods", "false").lower() == "true"
        self.prune: frozenset[str] | None = None
        self.children: list[Element] = compiler.children(xml)

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        return None

    # ------------------------------------------------------------------ static analysis
    def own_variables(self) -> tuple[str, ...]:
        """The variables this element renders itself (not through children)."""
        return ()

    def references(self) -> list["Element"]:
        """Elements evaluated on behalf of this one besides its children (a macro)."""
        return []

    # The static analysis (parsing.Analysis) asks each element three questions; ``an`` answers
    # them for other elements.
    def computes_always_attempts(self, an: "Any") -> bool:
        """Does evaluating the element always try a variable?"""
        return any(an.attempts(child) for child in self.children)

    def computes_renders_empty(self, an: "Any") -> bool:
        """May it render something for an item without any of its variables?"""
        return any(an.renders_empty(child) for child in self.children)

    def computes_succeeds_empty(self, an: "Any") -> bool:
        """May it count as a rendered variable for its group, for an item without its variables
        (a nested group or macro that renders does)?"""
        return False

    # ------------------------------------------------------------------ helpers for evaluate
    def dress(self, content: Output, ctx: "RenderContext") -> Output:
        """strip-periods, text-case, then the element's formatting, quotes and affixes."""
        if self.strip_periods:
            content = strip_periods(content)
        if self.text_case is not None:
            content = cased(content, self.text_case, ctx.english)
        if self.fmt is PLAIN:
            return content
        return Node([content], self.fmt)

    def evaluate_children(self, ctx: "RenderContext") -> list[Output]:
        """The children's output, pieces of a transparent child spliced in."""
        pieces: list[Output] = []
        present = ctx.present
        for child in self.children:
            prune = child.prune
            if prune is not None and prune.isdisjoint(present):
                ctx.attempt = True  # a group that cannot render: its variables were tried in vain
                continue
            out = child.evaluate(ctx)
            if out is None:
                continue
            if child.transparent:
                pieces.extend(out)  # type: ignore[arg-type]
            else:
                pieces.append(out)
        return pieces

    def __repr__(self) -> str:
        attrs = " ".join(f'{k}="{v}"' for k, v in self.attrib.items())
        return f"<{type(self).__name__} {attrs}>"


class OneVariable(Element):
    """An element that renders one variable itself (``cs:date``, ``cs:number``): it always tries
    that variable, and renders nothing for an item without it."""

    __slots__ = ("variable",)

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.variable = self.attrib.get("variable", "")

    def own_variables(self) -> tuple[str, ...]:
        return (self.variable,)

    def computes_always_attempts(self, an: "Any") -> bool:
        return True

    def computes_renders_empty(self, an: "Any") -> bool:
        return False
