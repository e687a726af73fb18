"""Bibliography entries: subsequent-author-substitute (and its rule), second-field-align, the entry's shape.

HTML entries are shaped like citeproc-js's: ``<div class="csl-entry">…</div>``, with a
``csl-left-margin`` and a ``csl-right-inline`` div when ``second-field-align`` splits the first
field (the citation number) from the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .output import NAME, NAMES, Fmt, Node, Output, find_tag, find_tags, map_tagged, node, replace_tag
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
    return [left, right]  # the layout's fonts go around both (see _split_entry)


def _substitute(tree: Output, text: str, rule: str, current: Node, previous: Node) -> Output:
    """subsequent-author-substitute: the entry's first names, which repeat the entry before's,
    replaced by ``text`` as ``rule`` says."""
    mine, theirs = find_tags(current, NAME), find_tags(previous, NAME)
    if rule == "complete-all" or not mine:  # (a substitute that is not a name list counts as a whole)
        if current.children != previous.children:
            return tree
        return replace_tag(tree, NAMES, lambda names: Node([text], names.fmt, names.tag))  # type: ignore[return-value]
    if rule == "complete-each":
        if current.children != previous.children:
            return tree
        count = len(mine)
    else:  # partial-each, partial-first: the names that repeat, from the first
        count = 0
        while count < min(len(mine), len(theirs)) and mine[count] == theirs[count]:
            count += 1
        if rule == "partial-first":
            count = min(count, 1)
    if not count:
        return tree
    return map_tagged(tree, NAME, lambda i, name: Node([text], name.fmt, name.tag) if i < count else name)


def entries(session: "Session", renderer: "Renderer") -> list[tuple[str, str]]:
    """(id, entry) for every item, in bibliography order."""
    section = session.processor.style.bibliography
    layout = section.layout
    split = section.attrib.get("second-field-align") in ("flush", "margin")
    substitute = section.attrib.get("subsequent-author-substitute")
    rule = section.attrib.get("subsequent-author-substitute-rule", "complete-all")
    html = renderer.formatter.name == "html"
    out: list[tuple[str, str]] = []
    previous: Node | None = None
    for item in session.ordered:
        ctx = session.context(item, BIBLIOGRAPHY, section)
        if split:
            parts = _split(layout, ctx)
        else:
            content = layout.evaluate(ctx)
            parts = [layout.wrap(content) if content is not None else None]
        if substitute is not None:
            names = next((found for found in (find_tag(p, NAMES) for p in parts if p is not None) if found), None)
            if names is not None and previous is not None:
                i = next(i for i, p in enumerate(parts) if p is not None and find_tag(p, NAMES) is names)
                parts[i] = _substitute(parts[i], substitute, rule, names, previous)  # type: ignore[arg-type]
            previous = names
        if split:
            out.append((item.id, _split_entry(parts[0], parts[1], renderer, html, layout.fmt)))
        else:
            text = finish(renderer.render(parts[0]))
            out.append((item.id, f'  <div class="csl-entry">{text}</div>' if html else text))
    return out


def _split_entry(left: Output | None, right: Output | None, renderer: "Renderer", html: bool, fmt: Fmt) -> str:
    """The two parts of a second-field-align entry; the layout's fonts around both (as citeproc-js
    writes them, around the two divs)."""
    left_text, right_text = finish(renderer.render(left)), finish(renderer.render(right))
    if html:  # citeproc-js trims the end of the right-inline part (not of the margin)
        right_text = right_text.rstrip()
        inner = f'\n    <div class="csl-left-margin">{left_text}</div><div class="csl-right-inline">{right_text}</div>\n  '
        if fmt.fonts:
            inner = renderer.fonts(inner, fmt)
        return f'  <div class="csl-entry">{inner}</div>'
    text = f"{left_text.rstrip()} {right_text.lstrip()}".strip()
    return renderer.fonts(text, fmt) if fmt.fonts else text
