"""Bibliography entries: subsequent-author-substitute, second-field-align, the entry's shape.

HTML entries are shaped like citeproc-js's: ``<div class="csl-entry">…</div>``, with a
``csl-left-margin`` and a ``csl-right-inline`` div when ``second-field-align`` splits the first
field (the citation number) from the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .output import NAMES, Fmt, Node, Output, find_tag, node, replace_tag
from .punctuation import finish
from .state import BIBLIOGRAPHY

if TYPE_CHECKING:
    from .engine import Session
    from .formatters import Renderer
    from .groups import Layout
    from .state import RenderContext

__all__ = ["entries"]


def _split(layout: "Layout", ctx: "RenderContext") -> list[Output | None]:
    """[the first child that renders, the rest] of an entry, for second-field-align: the layout's
    prefix goes with the first, its suffix and delimiter with the rest, its fonts with both."""
    first: Output | None = None
    rest: list[Output] = []
    present = ctx.present
    for child in layout.children:
        if child.prune is not None and child.prune.isdisjoint(present):
            continue
        out = child.evaluate(ctx)
        if child.transparent:
            out = node(out) if out else None  # type: ignore[arg-type]
        if out is None:
            continue
        if first is None:
            first = out
        else:
            rest.append(out)
    fmt = layout.fmt
    left = Node([first], Fmt(prefix=fmt.prefix)) if first is not None else None
    right = Node(rest, Fmt(suffix=fmt.suffix, delimiter=layout.delimiter)) if rest else None
    if fmt.fonts:
        left = Node([left], fmt.only_fonts()) if left is not None else None
        right = Node([right], fmt.only_fonts()) if right is not None else None
    return [left, right]


def _substitute(tree: Output | None, text: str) -> Output | None:
    """The tree with its first names replaced by ``text`` (inside the names' own affixes)."""
    if tree is None:
        return None
    return replace_tag(tree, NAMES, lambda names: Node([text], names.fmt, names.tag))


def entries(session: "Session", renderer: "Renderer") -> list[tuple[str, str]]:
    """(id, entry) for every item, in bibliography order."""
    section = session.processor.style.bibliography
    layout = section.layout
    split = section.attrib.get("second-field-align") in ("flush", "margin")
    substitute = section.attrib.get("subsequent-author-substitute")
    html = renderer.formatter.name == "html"
    out: list[tuple[str, str]] = []
    previous: list | None = None
    for item in session.ordered:
        ctx = session.context(item, BIBLIOGRAPHY, section)
        if split:
            parts = _split(layout, ctx)
        else:
            content = layout.evaluate(ctx)
            parts = [layout.wrap(content) if content is not None else None]
        names = next((found for found in (find_tag(p, NAMES) for p in parts if p is not None) if found), None)
        current = names.children if names is not None else None
        if substitute is not None and current is not None and current == previous:
            for i, part in enumerate(parts):
                if part is not None and find_tag(part, NAMES) is not None:
                    parts[i] = _substitute(part, substitute)
                    break
        previous = current
        if split:
            out.append((item.id, _split_entry(parts[0], parts[1], renderer, html)))
        else:
            text = finish(renderer.render(parts[0]))
            out.append((item.id, f'  <div class="csl-entry">{text}</div>' if html else text))
    return out


def _split_entry(left: Output | None, right: Output | None, renderer: "Renderer", html: bool) -> str:
    left_text, right_text = finish(renderer.render(left)), finish(renderer.render(right))
    if html:  # citeproc-js trims the end of the right-inline part (not of the margin)
        right_text = right_text.rstrip()
        return ('  <div class="csl-entry">\n'
                f'    <div class="csl-left-margin">{left_text}</div><div class="csl-right-inline">{right_text}</div>\n'
                "  </div>")
    return f"{left_text.rstrip()} {right_text.lstrip()}".strip()
