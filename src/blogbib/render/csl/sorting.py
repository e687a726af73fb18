"""``cs:sort`` and ``cs:key``: sort keys from variables and macros, and the sort itself.

Keys compare numbers as numbers and text folded (case, accents, quotes and markup ignored);
a name variable compares its names one by one; an item without a value for a key sorts after
those with one, whatever the direction.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import groupby
from typing import TYPE_CHECKING, Any, Callable

from .elements import Element
from .items import DATE_VARIABLES, NAME_VARIABLES, NUMBER_VARIABLES, Item
from .output import plain_text

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Sort", "Key", "collation_key", "sort_items"]

_FOLD_DROP = re.compile(r"[“”‘’„\"'\ue000\ue001\ue002«»()\[\]]|<[^>]+>")


def collation_key(text: str) -> str:
    """Locale-blind stand-in for a collator: case and accents ignored, quotes and markup dropped."""
    text = _FOLD_DROP.sub("", text)
    if not text.isascii():  # ASCII text has no decomposition and no combining marks
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().strip()


class Key(Element):
    """``cs:key``: a variable or a macro, ascending or descending."""

    __slots__ = ("variable", "macro", "descending", "overrides")

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        attrib = self.attrib
        self.variable = attrib.get("variable")
        self.macro = compiler.macro(attrib["macro"]) if "macro" in attrib and not self.variable else None
        self.descending = attrib.get("sort", "ascending") == "descending"
        self.overrides = {"name-as-sort-order": "all"}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in attrib:
                self.overrides[option.replace("names", "et-al")] = attrib[option]

    def references(self) -> list[Element]:
        return [self.macro] if self.macro is not None else []

    def name_overrides(self) -> dict[str, str]:
        """Name options this key sets for the names its macro renders."""
        return self.overrides

    def value(self, ctx: "RenderContext", render: Callable[[Any], str]) -> tuple | None:
        """The key's value for ctx's item (None: no value); ``render`` turns output into text."""
        if self.variable is not None:
            return _variable_value(self.variable, ctx)
        if self.macro is None:
            return None
        folded = collation_key(render(self.macro.evaluate(ctx)))
        if not folded:
            return None
        if folded.isdigit():
            return (0, int(folded), "")
        return (1, 0, folded)


def _variable_value(variable: str, ctx: "RenderContext") -> tuple | None:
    if variable == "citation-number":
        return (0, ctx.number, "")
    value = ctx.item.citation_label() if variable == "citation-label" else ctx.vars.get(variable)
    if value is None:
        return None
    if variable in NAME_VARIABLES:
        never = ctx.env.demote == "never"
        names = []
        for name in value:
            given, family, dp, ndp, suffix = name.parts()
            if name.literal is None and never:
                family, ndp = " ".join(p for p in (ndp, family) if p), None
            names.append(" ".join(p for p in (family, given, dp, ndp, suffix) if p))
        return (1, 0, collation_key("\x01".join(names)))
    if variable in DATE_VARIABLES:
        return (1, 0, value.sort_key())
    text = plain_text(value)
    if variable in NUMBER_VARIABLES and text.isdigit():
        return (0, int(text), "")
    return (1, 0, collation_key(text))


class Sort(Element):
    """``cs:sort``: its keys, in order."""

    __slots__ = ("keys",)

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.keys = [c for c in self.children if isinstance(c, Key)]


def sort_items(items: list[Item], sort: Sort, value: Callable[[Item, Key], tuple | None]) -> list[Item]:
    """``items`` in the order of ``sort`` (stable); ``value(item, key)`` gives a key's value."""
    keys = sort.keys
    cache: dict[tuple[int, int], tuple | None] = {}

    def get(item: Item, level: int) -> tuple | None:
        slot = (level, item.index)
        if slot not in cache:
            cache[slot] = value(item, keys[level])
        return cache[slot]

    def sort_group(group: list[Item], level: int) -> list[Item]:
        if level == len(keys) or len(group) < 2:
            return group
        present = [(get(it, level), it) for it in group]
        missing = [it for v, it in present if v is None]
        ranked = [(v, it) for v, it in present if v is not None]
        ranked.sort(key=lambda pair: pair[0], reverse=keys[level].descending)
        out: list[Item] = []
        for _, run in groupby(ranked, key=lambda pair: pair[0]):
            out.extend(sort_group([it for _, it in run], level + 1))
        out.extend(sort_group(missing, level + 1))
        return out

    return sort_group(list(items), 0)
