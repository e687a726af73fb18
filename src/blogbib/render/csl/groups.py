"""``cs:group`` and ``cs:layout``.

A group (and a macro, which citeproc-js treats as one) is suppressed when it tried variables
and none rendered (CSL 1.0.2).  As in citeproc-js, a nested group or macro that renders counts
as a rendered variable for the group around it, and one that is suppressed as a variable tried
in vain; a variable inside a cs:choose counts for the group around the choose.  When every way
through a group tries a variable and the item has none of the variables it could render
(through macros and substitutes; computed once, see :func:`.parsing.analyse`), the group is
skipped without being evaluated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .elements import Element
from .output import Fmt, Node, Output, node

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Group", "Layout", "evaluate_group"]


def evaluate_group(element: Element, ctx: "RenderContext", fmt: Fmt | None = None) -> Output | None:
    """The element's children as a group: None when they tried variables and none rendered."""
    outer = ctx.attempt, ctx.success
    ctx.attempt = ctx.success = False
    pieces = element.evaluate_children(ctx)
    failed = ctx.attempt and not ctx.success
    ctx.attempt, ctx.success = outer
    if failed:
        ctx.attempt = True
        return None
    if not pieces:
        return None
    ctx.success = True
    return node(pieces, fmt) if fmt is not None else node(pieces)


class Group(Element):
    """``cs:group``."""

    delimited = True

    def computes_renders_empty(self, an: Any) -> bool:
        return an.group_renders_empty(self)

    def computes_succeeds_empty(self, an: Any) -> bool:
        return an.renders_empty(self)

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        if self.prune is not None and self.prune.isdisjoint(ctx.present):
            ctx.attempt = True  # what evaluating it would have found
            return None
        return evaluate_group(self, ctx, self.fmt)


class Layout(Element):
    """``cs:layout``: the children of an entry or a cite, joined as they are.

    Its affixes and formatting wrap a whole bibliography entry or citation (see
    :mod:`.bibliography` and :mod:`.citations`); its delimiter separates the cites of a citation.
    """

    __slots__ = ("delimiter",)

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.delimiter = self.attrib.get("delimiter", "")

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        pieces = self.evaluate_children(ctx)
        return node(pieces) if pieces else None

    def wrap(self, content: Output) -> Output:
        """The layout's affixes inside its formatting (citeproc-js's order for a layout)."""
        fmt = self.fmt
        if fmt.affixed:
            content = Node([content], fmt.only_affixes())
        if fmt.fonts:
            content = Node([content], fmt.only_fonts())
        return content
