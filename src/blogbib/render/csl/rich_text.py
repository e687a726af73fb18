"""Markup inside item text, and typographic quotes.

CSL-JSON allows a little HTML in text fields: ``<i>``, ``<b>``, ``<sup>``, ``<sub>``,
``<span style="font-variant:small-caps;">`` (or ``<sc>``) and ``<span class="nocase">``.  These become output
nodes (formatting, or :class:`~.output.NoCase` text that ``text-case`` leaves alone); anything
else that looks like markup, and any unbalanced tag, is text (escaped later by the formatter).
"""

from __future__ import annotations

import re

from .output import RAW, RICH_FMTS, NoCase, Node, Output

__all__ = ["rich_text", "smart_quotes"]

_MARKUP = re.compile(
    r'(<i>|</i>|<b>|</b>|<sup>|</sup>|<sub>|</sub>|<sc>|</sc>|<span class="nocase">|'
    r'<span style="font-variant:\s*small-caps;?">|</span>)'
)
_CASE_KEPT = frozenset({"sc", "sup", "sub"})  # text-case leaves their text alone (citeproc-js)
_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\s|$)")
_OPENING_DOUBLE = re.compile(r'"(?=\w)')


def smart_quotes(text: str) -> str:
    """Straight quotes in item text become typographic ones (as citeproc-js prints them)."""
    if "'" in text:
        text = _APOSTROPHE.sub("\u2019", text).replace("'", "\u2018")
    if '"' in text:
        text = _OPENING_DOUBLE.sub("\u201c", text).replace('"', "\u201d")
    return text


def _plan(text: str) -> list[tuple[str, str]]:
    """(kind, value) steps: ``text``, ``open`` or ``close`` with a tag name; all text when unbalanced."""
    parts = _MARKUP.split(text)
    stack: list[str] = []
    plan: list[tuple[str, str]] = []
    for i, part in enumerate(parts):
        if not part:
            continue
        if i % 2 == 0:
            plan.append(("text", part))
        elif part.startswith("</"):
            name = part[2:-1]
            if stack and (stack[-1] == name or (name == "span" and stack[-1] in ("nocase", "sc"))):
                plan.append(("close", stack.pop()))
            else:
                plan.append(("text", part))
        else:
            name = part[1:-1]
            if name.startswith("span"):
                name = "nocase" if "nocase" in name else "sc"
            stack.append(name)
            plan.append(("open", name))
    return [("text", text)] if stack else plan


def rich_text(value: object) -> Output:
    """Item text as an output tree (a plain string when it holds no markup)."""
    text = str(value)
    if "<" not in text:
        return smart_quotes(text)
    plan = _plan(text)
    root: list[Output] = []
    stack: list[tuple[list[Output], str]] = []
    current = root
    nocase = 0
    for kind, value in plan:
        if kind == "text":
            piece = smart_quotes(value)
            current.append(NoCase(piece) if nocase else piece)
        elif value == "nocase":
            nocase += 1 if kind == "open" else -1
        elif kind == "open":
            stack.append((current, value))
            current = []
            if value in _CASE_KEPT:
                nocase += 1
        else:
            parent, name = stack.pop()
            if name in _CASE_KEPT:
                nocase -= 1
            if current:
                parent.append(Node(current, RICH_FMTS[name]))
            current = parent
    if len(root) == 1:
        return root[0]
    return Node(root, RAW)
