"""Markup inside item text, and typographic quotes.

CSL-JSON allows a little HTML in text fields: ``<i>``, ``<b>``, ``<sup>``, ``<sub>``,
``<span style="font-variant:small-caps;">`` (or ``<sc>``) and ``<span class="nocase">``.  These become output
nodes (formatting, or :class:`~.output.NoCase` text that ``text-case`` leaves alone); anything
else that looks like markup, and any unbalanced tag, is text (escaped later by the formatter).
"""

from __future__ import annotations

import re

from .output import RAW, RICH_FMTS, Fmt, NoCase, Node, Output

__all__ = ["rich_text", "smart_quotes"]

_MARKUP = re.compile(
    r'(<i>|</i>|<b>|</b>|<sup>|</sup>|<sub>|</sub>|<sc>|</sc>|<span class="nocase">|'
    r'<span style="font-variant:\s*small-caps;?">|<span class="nodecor">|</span>)'
)
QUOTED = Fmt(quotes=True, seams=False)  # a pair of quotation marks in item text
AFFIX_QUOTED = Fmt(quotes="fixed", seams=False)  # … in a cite's prefix or suffix: punctuation stays out
_CASE_KEPT = frozenset({"sc", "sup", "sub", "nodecor"})  # text-case leaves their text alone (citeproc-js)
_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\s|$)")
_OPENING_DOUBLE = re.compile(r'"(?=\w)')


def smart_quotes(text: str) -> str:
    """Straight quotes in item text become typographic ones (as citeproc-js prints them)."""
    if "'" in text:
        text = _APOSTROPHE.sub("\u2019", text).replace("'", "\u2018")
    if '"' in text:
        text = _OPENING_DOUBLE.sub("\u201c", text).replace('"', "\u201d")
    return text


_QUOTE = re.compile("[\"'\u201c\u201d\u2018\u2019]")
_SINGLE = "'\u2018\u2019"
_BEFORE_OPENING = "([{-\u2013\u2014/\u00ab"  # what may come before an opening quote, besides space
_AFTER_CLOSING = ".,;:!?)]}-\u2013\u2014/\u00bb\"'\u201d\u2019"  # … after a closing one, besides space


def _markup_plan(text: str) -> list[tuple[str, str]]:
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
            if stack and (stack[-1] == name or (name == "span" and stack[-1] in ("nocase", "sc", "nodecor"))):
                plan.append(("close", stack.pop()))
            else:
                plan.append(("text", part))
        else:
            name = part[1:-1]
            if name.startswith("span"):
                name = "nocase" if "nocase" in name else "nodecor" if "nodecor" in name else "sc"
            stack.append(name)
            plan.append(("open", name))
    return [("text", text)] if stack else plan


def _role(char: str, before: str, after: str) -> str:
    """What a quote character in item text is: ``open``, ``close``, ``either`` or ``apostrophe``."""
    single = char in _SINGLE
    if single and before.isalnum() and after.isalnum():
        return "apostrophe"
    opening = ((not before.strip() or before in _BEFORE_OPENING or before in "\u201c\u2018")
               and bool(after.strip()) and not (char == "'" and after == "'"))
    closing = bool(before.strip()) and (not after.strip() or after in _AFTER_CLOSING)
    if char in "\u201c\u2018":
        return "open" if opening else "apostrophe" if char == "\u2018" else "literal"
    if char in "\u201d\u2019":
        return "close" if closing else "apostrophe" if char == "\u2019" else "literal"
    if opening and closing:
        return "either"
    return "open" if opening else "close" if closing else "apostrophe" if single else "literal"


def _plan(text: str, straight_only: bool = False) -> list[tuple[str, str]]:
    """The markup steps with quotation marks as steps too: a pair of quotes in item text is
    markup (``open``/``close`` ``q``), printed as the locale's quotes by nesting depth
    (citeproc-js's flip-flop); an unpaired single quote is an apostrophe."""
    plan = _markup_plan(text)
    if not any(kind == "text" and _QUOTE.search(value) for kind, value in plan):
        return plan
    visible = "".join(value for kind, value in plan if kind == "text")
    pieces: list[list] = []  # [kind, value, quote kind, container] ; quotes get their own pieces
    containers = [0]
    opened = 0
    pos = 0
    for kind, value in plan:
        if kind != "text":
            if kind == "open":
                opened += 1
                containers.append(opened)
            else:
                containers.pop()
            pieces.append(["markup", (kind, value), None, None])
            continue
        last = 0
        for m in _QUOTE.finditer(value):
            if m.start() > last:
                pieces.append(["text", value[last:m.start()], None, None])
            at = pos + m.start()
            before = visible[at - 1] if at else " "
            after = visible[at + 1] if at + 1 < len(visible) else " "
            char = m.group()
            if straight_only and char not in "'\"":
                pieces.append(["text", char, None, None])
                last = m.end()
                continue
            pieces.append([_role(char, before, after), char, "s" if char in _SINGLE else "d", containers[-1]])
            last = m.end()
        if last < len(value):
            pieces.append(["text", value[last:], None, None])
        pos += len(value)
    stack: list[int] = []
    for i, piece in enumerate(pieces):
        role, _, quote, container = piece
        if role in ("close", "either"):
            match = next((j for j in range(len(stack) - 1, -1, -1)
                          if pieces[stack[j]][2] == quote and pieces[stack[j]][3] == container), None)
            if match is not None:
                for j in stack[match + 1:]:
                    pieces[j][0] = "stray"
                pieces[stack[match]][0] = "opening"
                piece[0] = "closing"
                del stack[match:]
                continue
            if role == "close":
                piece[0] = "stray"
                continue
        if role in ("open", "either"):
            stack.append(i)
    out: list[tuple[str, str]] = []
    for role, value, quote, _ in pieces:
        if role == "opening":
            out.append(("open", "q"))
        elif role == "closing":
            out.append(("close", "q"))
        elif role == "markup":
            out.append(value)
        elif role == "text":
            out.append((role, value))
        else:
            out.append(("text", _stray(value, role)))
    return out


def _stray(char: str, role: str) -> str:
    """A quote character that pairs with none: an apostrophe, or a typographic mark."""
    if char in _SINGLE:
        return "\u2019" if role != "open" or char == "'" else char
    if char == '"':
        return "\u201c" if role == "open" else "\u201d"
    return char


def rich_text(value: object, affix: bool = False) -> Output:
    """Item text as an output tree (a plain string when it holds no markup).  In a cite's
    ``affix`` only straight quotes pair up, and punctuation after them stays outside."""
    text = str(value)
    if "<" not in text and not _QUOTE.search(text):
        return text
    plan = _plan(text, affix)
    root: list[Output] = []
    stack: list[tuple[list[Output], str]] = []
    current = root
    nocase = 0
    for kind, value in plan:
        if kind == "text":
            if current and type(current[-1]) is str and not nocase:
                current[-1] += value  # type: ignore[operator]
            else:
                current.append(NoCase(value) if nocase else value)
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
                quoted = AFFIX_QUOTED if affix else QUOTED
                parent.append(Node(current, quoted if name == "q" else RICH_FMTS[name]))
            current = parent
    if len(root) == 1:
        return root[0]
    return Node(root, RAW)
