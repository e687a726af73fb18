"""``cs:choose``, ``cs:if``, ``cs:else-if``, ``cs:else``.

A condition that looks only at the item's type and which variables it has, and at the cite's
context (mode, position, locator, disambiguation), is a function of the render state's
``shape``: its result, and for a choose made only of such conditions the branch taken, is
remembered per shape (:class:`~.caches.StyleCaches`).  Conditions on the data itself
(``is-numeric``, ``is-uncertain-date``, the generated ``year-suffix``) are tested every time.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .elements import Element
from .output import Output, plain_text
from .state import CITATION

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Choose", "Condition", "Else"]

_NUMERIC = re.compile(r"^([A-Z]*\d+[A-Z]*)$", re.I)


class Condition(Element):
    """``cs:if`` or ``cs:else-if``: the tests, and the children rendered when they hold."""

    __slots__ = ("match", "types", "variables", "numeric", "uncertain", "locators", "positions", "disambiguate",
                 "reads_data", "contextual")

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        attrib = self.attrib
        self.match = attrib.get("match", "all")
        self.types = tuple(attrib.get("type", "").split())
        self.variables = tuple(attrib.get("variable", "").split())
        self.numeric = tuple(attrib.get("is-numeric", "").split())
        self.uncertain = tuple(attrib.get("is-uncertain-date", "").split())
        self.locators = tuple(v.replace("-", " ") for v in attrib.get("locator", "").split())
        self.positions = tuple(attrib.get("position", "").split())
        self.disambiguate = attrib.get("disambiguate")
        self.reads_data = bool(self.numeric or self.uncertain) or "year-suffix" in self.variables
        self.contextual = bool(self.locators or self.positions or self.disambiguate is not None)

    def holds(self, ctx: "RenderContext") -> bool:
        if not (self.reads_data or self.contextual):  # type and variables only
            present = ctx.present
            hit_type = bool(self.types) and ctx.item.type in self.types
            if self.match == "any":
                return hit_type or any(v in present for v in self.variables)
            if self.match == "none":
                return not (hit_type or any(v in present for v in self.variables))
            if self.types and any(t != ctx.item.type for t in self.types):
                return False
            return all(v in present for v in self.variables)
        results = [t == ctx.item.type for t in self.types]
        for variable in self.variables:
            if variable == "year-suffix":
                results.append(bool(ctx.state.year_suffix))
            else:
                results.append(variable in ctx.present)
        for variable in self.numeric:
            value = ctx.vars.get(variable)
            results.append(value is not None and _NUMERIC.match(plain_text(value)) is not None)
        for variable in self.uncertain:
            date = ctx.vars.get(variable)
            results.append(bool(getattr(date, "circa", False)))
        for label in self.locators:
            results.append(ctx.cite.locator is not None and ctx.cite.label == label)
        for position in self.positions:
            results.append(_position(position, ctx))
        if self.disambiguate is not None:
            results.append(ctx.state.disambiguate == (self.disambiguate == "true"))
        if self.match == "any":
            return any(results)
        if self.match == "none":
            return not any(results)
        return all(results)


def _position(position: str, ctx: "RenderContext") -> bool:
    if ctx.mode != CITATION:
        return False
    current = ctx.cite.position
    if position == "first":
        return current == "first"
    if position == "subsequent":
        return current != "first"
    if position == "ibid":
        return current in ("ibid", "ibid-with-locator")
    if position == "ibid-with-locator":
        return current == "ibid-with-locator"
    if position == "near-note":
        return current != "first" and ctx.cite.near_note
    return False


class Else(Element):
    """``cs:else``."""


class Choose(Element):
    """``cs:choose``: the children of the first branch whose condition holds."""

    __slots__ = ("branches", "by_shape")

    transparent = True

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.branches = [c for c in self.children if isinstance(c, (Condition, Else))]
        # without data tests the branch taken is a function of the render state's shape
        self.by_shape = not any(isinstance(c, Condition) and c.reads_data for c in self.branches)

    def computes_always_attempts(self, an: Any) -> bool:
        # every branch tries a variable, and one of them is always taken (a cs:else)
        return (bool(self.branches) and isinstance(self.branches[-1], Else)
                and all(an.attempts(branch) for branch in self.branches))

    def computes_succeeds_empty(self, an: Any) -> bool:
        return any(an.succeeds_empty(child) for branch in self.branches for child in branch.children)

    def _branch(self, ctx: "RenderContext") -> int:
        cache = ctx.env.caches.branches
        if self.by_shape:
            key = (self, ctx.shape)
            index = cache.get(key)
            if index is None:
                index = cache[key] = next((i for i, c in enumerate(self.branches)
                                           if not isinstance(c, Condition) or c.holds(ctx)), -1)
            return index
        for i, branch in enumerate(self.branches):
            if not isinstance(branch, Condition):
                return i
            if branch.reads_data:
                if branch.holds(ctx):
                    return i
                continue
            key = (branch, ctx.shape)
            result = cache.get(key)
            if result is None:
                result = cache[key] = branch.holds(ctx)
            if result:
                return i
        return -1

    def evaluate(self, ctx: "RenderContext") -> list[Output] | None:  # type: ignore[override]
        index = self._branch(ctx)
        if index < 0:
            return None
        pieces = self.branches[index].evaluate_children(ctx)
        return pieces or None
