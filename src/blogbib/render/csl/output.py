"""The intermediate output tree: what evaluating a style for an item gives, before any format.

A tree is a leaf or a :class:`Node`.  Leaves are strings of raw text (escaping is the
formatter's job): ``str`` for ordinary text, :class:`NoCase` for text that ``text-case`` leaves
alone, :class:`Link` for a URL (an autolink in Markdown).  A node holds its children, a
:class:`Fmt` (affixes, delimiter, fonts, quotes, display) and optionally a tag naming what it
is (``names``, ``year-suffix``, …) so that later steps can find it.
"""

from __future__ import annotations

from typing import Callable, Iterator, Union

__all__ = ["NoCase", "Link", "Fmt", "PLAIN", "RAW", "Node", "Output", "node", "leaves", "map_leaves", "find_tag",
           "replace_tag", "find_tags", "map_tagged", "plain_text", "NAMES", "NAME", "DATE", "YEAR_SUFFIX", "CITATION_NUMBER", "TERM", "RICH_FMTS"]

# tags
NAMES = "names"  # the output of a top-level cs:names (subsequent-author-substitute, suppress-author)
NAME = "name"  # one name of a name list
YEAR_SUFFIX = "year-suffix"
DATE = "date"  # the output of a cs:date that has a year (cite collapsing compares years)
CITATION_NUMBER = "citation-number"
TERM = "term"  # the text of a cs:text term


class NoCase(str):
    """Text protected from ``text-case`` (a ``<span class="nocase">`` in item data)."""

    __slots__ = ()


class Link(str):
    """A URL: plain text, or an autolink in Markdown."""

    __slots__ = ()


class Fmt:
    """How a node's content is dressed: fonts, then quotes, then affixes (CSL's order).

    ``seams`` is whether the punctuation rules apply where the children meet (not inside
    item text, whose markup only splits it into pieces).
    """

    __slots__ = ("prefix", "suffix", "delimiter", "font_style", "font_variant", "font_weight", "text_decoration",
                 "vertical_align", "quotes", "display", "seams", "fonts", "affixed")

    def __init__(self, prefix: str = "", suffix: str = "", delimiter: str = "", font_style: str = "",
                 font_variant: str = "", font_weight: str = "", text_decoration: str = "",
                 vertical_align: str = "", quotes: bool | str = False, display: str | None = None,
                 seams: bool = True) -> None:
        self.prefix = prefix
        self.suffix = suffix
        self.delimiter = delimiter
        self.font_style = font_style
        self.font_variant = font_variant
        self.font_weight = font_weight
        self.text_decoration = text_decoration
        self.vertical_align = vertical_align
        self.quotes = quotes
        self.display = display
        self.seams = seams
        # fonts are "" when not set; an explicit "normal" undoes a font in force (formatters.py)
        self.fonts = bool(font_style or font_variant or font_weight or text_decoration or vertical_align)
        self.affixed = bool(prefix or suffix)

    def without_suffix(self) -> "Fmt":
        return Fmt(self.prefix, "", self.delimiter, self.font_style, self.font_variant, self.font_weight,
                   self.text_decoration, self.vertical_align, self.quotes, self.display, self.seams)

    def only_fonts(self) -> "Fmt":
        return Fmt(font_style=self.font_style, font_variant=self.font_variant, font_weight=self.font_weight,
                   text_decoration=self.text_decoration, vertical_align=self.vertical_align)

    def only_affixes(self) -> "Fmt":
        return Fmt(prefix=self.prefix, suffix=self.suffix, delimiter=self.delimiter, display=self.display)

    def _key(self) -> tuple:
        return tuple(getattr(self, name) for name in Fmt.__slots__[:11])

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Fmt) and self._key() == other._key())

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        defaults = PLAIN._key()
        changed = [f"{n}={v!r}" for n, v, d in zip(Fmt.__slots__, self._key(), defaults) if v != d]
        return f"Fmt({', '.join(changed)})"


PLAIN = Fmt()  # children concatenated, the punctuation rules applied where they meet
RAW = Fmt(seams=False)  # children concatenated as they are (pieces of one item text)

# markup inside item data (rich_text.py) as formatting
RICH_FMTS = {
    "i": Fmt(font_style="italic", seams=False),
    "b": Fmt(font_weight="bold", seams=False),
    "sup": Fmt(vertical_align="sup", seams=False),
    "sub": Fmt(vertical_align="sub", seams=False),
    "sc": Fmt(font_variant="small-caps", seams=False),
    "nodecor": Fmt(font_style="normal", font_variant="normal", font_weight="normal", text_decoration="none",
                   seams=False),
}


class Node:
    """Children (leaves or nodes) with their formatting and, optionally, a tag."""

    __slots__ = ("children", "fmt", "tag")

    def __init__(self, children: list["Output"], fmt: Fmt = PLAIN, tag: str | None = None) -> None:
        self.children = children
        self.fmt = fmt
        self.tag = tag

    def __eq__(self, other: object) -> bool:
        return self is other or (type(other) is Node and self.tag == other.tag and self.fmt == other.fmt
                                 and self.children == other.children)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        tag = f", tag={self.tag!r}" if self.tag else ""
        fmt = "" if self.fmt is PLAIN else f", {self.fmt!r}"
        return f"Node({self.children!r}{fmt}{tag})"


Output = Union[str, Node]


def node(children: list[Output], fmt: Fmt = PLAIN, tag: str | None = None) -> Output:
    """A node, or its only child when the node would add nothing."""
    if len(children) == 1 and fmt is PLAIN and tag is None:
        return children[0]
    return Node(children, fmt, tag)


def leaves(tree: Output) -> Iterator[str]:
    """The leaves in reading order."""
    if isinstance(tree, str):
        yield tree
        return
    for child in tree.children:
        yield from leaves(child)


def map_leaves(tree: Output, fn: Callable[[str], str]) -> Output:
    """The same tree with each leaf replaced by ``fn(leaf)`` (which keeps the leaf's type)."""
    if isinstance(tree, str):
        return fn(tree)
    return Node([map_leaves(child, fn) for child in tree.children], tree.fmt, tree.tag)


def plain_text(tree: Output | None) -> str:
    """The text of the leaves, without formatting or affixes (for comparisons and folding)."""
    if tree is None:
        return ""
    return tree if isinstance(tree, str) else "".join(leaves(tree))


def find_tag(tree: Output, tag: str) -> Node | None:
    """The first node tagged ``tag``, depth first."""
    if isinstance(tree, str):
        return None
    if tree.tag == tag:
        return tree
    for child in tree.children:
        found = find_tag(child, tag)
        if found is not None:
            return found
    return None


def find_tags(tree: Output, tag: str) -> list[Node]:
    """Every node tagged ``tag``, depth first (not looking inside one)."""
    if isinstance(tree, str):
        return []
    if tree.tag == tag:
        return [tree]
    return [found for child in tree.children for found in find_tags(child, tag)]


def map_tagged(tree: Output, tag: str, fn: Callable[[int, Node], Output]) -> Output:
    """The tree with the i-th node tagged ``tag`` (depth first) replaced by ``fn(i, node)``."""
    count = 0

    def walk(current: Output) -> Output:
        nonlocal count
        if isinstance(current, str):
            return current
        if current.tag == tag:
            count += 1
            return fn(count - 1, current)
        return Node([walk(child) for child in current.children], current.fmt, current.tag)

    return walk(tree)


def replace_tag(tree: Output, tag: str, fn: Callable[[Node], Output | None], every: bool = False) -> Output | None:
    """The tree with its first node tagged ``tag`` (every one, with ``every``) replaced by
    ``fn(node)`` (``None`` removes it).

    Nodes left without children by a removal are removed too.
    """
    done = False

    def walk(current: Output) -> Output | None:
        nonlocal done
        if done or isinstance(current, str):
            return current
        if current.tag == tag:
            done = not every
            return fn(current)
        children = []
        for child in current.children:
            new = walk(child)
            if new is not None and new != "":
                children.append(new)
        if not children:
            return None
        return Node(children, current.fmt, current.tag)

    return walk(tree)
