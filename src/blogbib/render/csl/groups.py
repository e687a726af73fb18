"""``cs:group`` and ``cs:layout``.

A group is suppressed when at least one of its children calls a variable and none of those
that call one renders (CSL 1.0.2).  When the item has none of the variables a group could ever
render (through macros and substitutes; computed once, see :func:`.parsing.analyse`), the group
is skipped without being evaluated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .elements import Element
from .output import Node, Output, node

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Group", "Layout"]


class Group(Element):
    """``cs:group``."""

    delimited = True

    def set_pruning(self, possible: frozenset[str] | None) -> None:
        """Set by the static analysis: the variables without which the group cannot render."""
        self.prune = possible

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        present = ctx.present
        if self.prune is not None and self.prune.isdisjoint(present):
            return None
        pieces: list[Output] = []
        called = rendered = False
        for child in self.children:
            calls = child.calls_variable
            called = called or calls
            prune = child.prune
            if prune is not None and prune.isdisjoint(present):
                continue  # a group that cannot render
            out = child.evaluate(ctx)
            if out is None:
                continue
            if child.transparent:
                pieces.extend(out)  # type: ignore[arg-type]
            else:
                pieces.append(out)
            rendered = rendered or calls
        if pieces and (rendered or not called):
            return node(pieces, self.fmt)
        return None


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
