"""``cs:names``, ``cs:et-al`` and ``cs:substitute``.

A ``cs:names`` renders each of its variables (a role label before or after the names), joined
by its delimiter; with none of them, its ``cs:substitute`` renders the first child that gives
output, and every variable rendered there is suppressed for the rest of the item (CSL 1.0.2).
The output of a top-level ``cs:names`` is tagged :data:`~.output.NAMES`: subsequent-author-
substitute, suppress-author and author-only work on that node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .elements import Element, Stub
from .items import MoreNames
from .labels import Label
from .name_format import Name
from .output import NAMES, PLAIN, Fmt, Node, Output, node

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Names", "EtAl", "Substitute"]


class EtAl(Element):
    """``cs:et-al``: the et-al term (or ``and others``) with its formatting."""

    __slots__ = ("term",)

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.term = compiler.locale.term(self.attrib.get("term", "et-al"))

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        return self.dress(self.term, ctx) if self.term else None


class Substitute(Element):
    """``cs:substitute``: the first child that renders stands in for the names."""

    def substitute(self, ctx: "RenderContext", names: "Names") -> Output | None:
        # A bare cs:names anywhere in here (in a cs:choose, in a macro) borrows the parent's name,
        # et-al and label (see Names.evaluate).
        outer, ctx.substituting = ctx.substituting, names
        try:
            for child in self.children:
                out = child.evaluate(ctx)
                if child.transparent:
                    out = node(out) if out else None  # type: ignore[arg-type]
                if out:
                    return out
            return None
        finally:
            ctx.substituting = outer


class Names(Element):
    """``cs:names``."""

    __slots__ = ("variables", "own_name", "name", "et_al", "label", "label_first", "substitute", "delimiter")

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.variables = tuple(self.attrib.get("variable", "").split())
        self.own_name: Name | None = next((c for c in self.children if isinstance(c, Name)), None)
        self.name = self.own_name if self.own_name is not None else Name(Stub(), compiler)  # all inherited
        self.et_al: EtAl | None = next((c for c in self.children if isinstance(c, EtAl)), None)
        self.label: Label | None = next((c for c in self.children if isinstance(c, Label)), None)
        # A label before the cs:name goes before the names; with no cs:name, the implicit one comes first.
        self.label_first = (self.label is not None and self.own_name is not None
                            and self.children.index(self.label) < self.children.index(self.own_name))
        self.substitute: Substitute | None = next((c for c in self.children if isinstance(c, Substitute)), None)
        self.delimiter = self.attrib.get("delimiter")  # else the section's names-delimiter

    def own_variables(self) -> tuple[str, ...]:
        return self.variables

    def computes_always_attempts(self, an: Any) -> bool:
        return True

    def computes_renders_empty(self, an: Any) -> bool:
        return self.substitute is not None and an.renders_empty(self.substitute)

    def computes_succeeds_empty(self, an: Any) -> bool:
        return an.renders_empty(self)

    def evaluate(self, ctx: "RenderContext") -> Output | None:
        if self.own_name is None and self.et_al is None and self.label is None and ctx.substituting is not None:
            return self.render(ctx, ctx.substituting)  # a bare cs:names standing in for another
        return self.render(ctx, self)

    def render(self, ctx: "RenderContext", source: "Names") -> Output | None:
        """The names, with the cs:name, cs:et-al and cs:label of ``source`` (self, or the cs:names
        a bare substitute cs:names borrows them from)."""
        variables = self.variables
        if variables and all(v in ctx.suppressed for v in variables):
            return None
        top = ctx.names_depth == 0
        ctx.names_depth += 1
        record: set[str] = set()
        outer = ctx.recording
        ctx.recording = outer + (record,)
        try:
            content = self._names(ctx, source)
            if content is None and self.substitute is not None:
                content = self.substitute.substitute(ctx, self)
        finally:
            ctx.recording = outer
            ctx.names_depth -= 1
        if record:  # what a cs:substitute rendered is not rendered again
            ctx.suppressed = ctx.suppressed | record
        if ctx.recording:
            for variable in variables:
                if variable in ctx.vars:
                    ctx.used(variable)
        ctx.tried(content)
        if content is None:
            return None
        if top:
            return Node([content], self.fmt, NAMES)
        return content if self.fmt is PLAIN else Node([content], self.fmt)

    def _names(self, ctx: "RenderContext", source: "Names") -> Output | None:
        values = ctx.vars
        roles = self.variables
        if ctx.suppressed:  # what a cs:substitute rendered is not rendered again
            roles = tuple(role for role in roles if role not in ctx.suppressed)
        editor_translator = False
        if (len(roles) == 2 and set(roles) == {"editor", "translator"} and "editor" in values
                and values.get("editor") == values.get("translator")
                and ctx.env.locale.find("editortranslator") is not None):
            roles, editor_translator = ("editor",), True
        name = source.name
        label = source.label
        pieces: list[Output] = []
        counts = 0
        for role in roles:
            names = values.get(role)
            if not names:
                continue
            text = name.format(ctx, names, source.et_al)
            if type(text) is int:
                counts += text
                continue
            if not text:
                continue
            text = name.dress_list(text)  # type: ignore[arg-type]
            if label is not None:
                plural = len(names) > 1 or type(names) is MoreNames  # "Smith et al. (Eds.)"
                term = label.term("editortranslator" if editor_translator else role, plural, ctx)
                if term is not None:
                    text = Node([term, text]) if source.label_first else Node([text, term])
            pieces.append(text)
        if counts:
            return str(counts)
        if not pieces:
            return None
        delimiter = self.delimiter if self.delimiter is not None else ctx.section.option("names-delimiter", "")
        return node(pieces, Fmt(delimiter=delimiter)) if len(pieces) > 1 else pieces[0]
