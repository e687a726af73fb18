"""Disambiguation of cites that render alike (CSL 1.0.2, in the specification's order).

Given names are shown name by name: a *hint* on a name (1: its long form, with the style's
initials; 2: its long form with the full given name) applies wherever the item's cite prints it.

0. with ``disambiguate-add-givenname`` and a ``givenname-disambiguation-rule`` other than
   ``by-cite``, names are disambiguated across all cites first: every name that shares its family
   name with another gets initials, or its given name when the initials are the same too (only
   the first name of a list for the ``primary-name`` rules);
1. ``disambiguate-add-names``: for an ambiguous group, the smallest number of names that tells a
   member apart (compared as the rule shows them) is shown for the members still ambiguous;
2. ``disambiguate-add-givenname`` (``by-cite``): names at the same place in the lists of an
   ambiguous group that share a family name get initials or given names;
3. ``cs:if disambiguate="true"`` holds for the cites still ambiguous;
4. ``disambiguate-add-year-suffix``: letters in bibliography order.

Cites are compared as plain text, each item cited once in first position (jgm/citeproc's
algorithm, which citeproc-js's results agree with on the CSL test suite).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .items import Item, NameData
from .names import Names

if TYPE_CHECKING:
    from .engine import Session

__all__ = ["disambiguate", "year_suffix_letters", "year_suffix_number"]

_MISSING = object()


def year_suffix_letters(n: int) -> str:
    """Year-suffix letters: a … z, aa, ab …

    >>> [year_suffix_letters(i) for i in (0, 25, 26, 27)]
    ['a', 'z', 'aa', 'ab']
    """
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


def year_suffix_number(letters: str) -> int | None:
    """The inverse of :func:`year_suffix_letters`.

    >>> [year_suffix_number(s) for s in ("a", "z", "aa", "ab", "2")]
    [0, 25, 26, 27, None]
    """
    if not letters or not all("a" <= c <= "z" for c in letters):
        return None
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 96
    return n - 1


def _ambiguous(texts: dict[int, str], keys: list[int]) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for key in keys:
        if texts[key]:
            groups.setdefault(texts[key], []).append(key)
    return [g for g in groups.values() if len(g) > 1]


_INITIAL_SPLIT = re.compile(r"[\s.\-]+")


def _same_person(a: NameData, b: NameData) -> bool:
    """The same name but for the spacing of its given names ("J. J." and "J.J.")."""
    return a == b or (a.family == b.family and a.non_dropping_particle == b.non_dropping_particle
                      and (a.given or "").replace(" ", "") == (b.given or "").replace(" ", ""))


def _rivals(name: NameData, others: Any) -> list[NameData]:
    """Other names with the same family name (and particle) as ``name``."""
    if name.literal is not None:
        return []
    return [o for o in others if o.family == name.family and o.non_dropping_particle == name.non_dropping_particle
            and not _same_person(o, name)]


def _initials(name: NameData) -> tuple[str, ...]:
    return tuple(w[0] for w in _INITIAL_SPLIT.split(name.given or "") if w)


def _name_variables(style: Any) -> list[str]:
    """The name variables the citation's cs:names print, in the order they are tried."""
    seen: set[int] = set()
    out: list[str] = []
    stack = [style.citation.layout]
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        if isinstance(element, Names):
            out += [v for v in element.variables if v not in out]
        stack += reversed(list(element.children) + list(element.references()))
    return out


class _Disambiguator:
    """One session's disambiguation: its items' cites as text, re-rendered as states change."""

    def __init__(self, session: "Session", ordered: list[Item]) -> None:
        self.session = session
        self.states = session.states
        self.by_key = {item.index: item for item in ordered}
        self.keys = [item.index for item in ordered]
        self.texts = {key: session.first_cite_text(self.by_key[key]) for key in self.keys}
        style = session.processor.style
        self.variables = _name_variables(style)
        attrib = style.citation.attrib
        self.rule = attrib.get("givenname-disambiguation-rule", "by-cite") \
            if attrib.get("disambiguate-add-givenname") == "true" else None

    def names(self, key: int) -> tuple[NameData, ...]:
        values = self.by_key[key].vars
        for variable in self.variables:
            found = values.get(variable)
            if found:
                return found
        return ()

    def rerender(self, members: list[int]) -> None:
        for key in members:
            self.session.first_cites.pop(key, None)
            self.texts[key] = self.session.first_cite_text(self.by_key[key])

    def groups(self) -> list[list[int]]:
        return _ambiguous(self.texts, self.keys)

    def hint(self, key: int, name: NameData, level: int, primary: bool = False) -> bool:
        """Give ``name`` a hint in the item's cite; whether that changed anything."""
        state = self.states[key]
        if state.hints.get(name) == (level, primary):
            return False
        hints = dict(state.hints)
        hints[name] = (level, primary)
        state.hints = hints
        return True

    def global_names(self) -> None:
        """Step 0: the name hints shared by every cite (rules other than by-cite)."""
        rule = self.rule
        primary = rule.startswith("primary-name")
        lists = [self.names(k) for k in self.keys]
        relevant = {n for names in lists for n in (names[:1] if primary else names) if n.literal is None}
        hints: dict[NameData, tuple[int, bool]] = {}
        for name in relevant:
            rivals = _rivals(name, relevant)
            if not rivals:
                continue
            same = [o for o in rivals if _initials(o) == _initials(name)]
            if same and not rule.endswith("with-initials"):
                hints[name] = (2, primary)
            elif len(same) < len(rivals):  # initials tell it from some
                hints[name] = (1, primary)
        if not hints:
            return
        for key in self.keys:
            if any(n in hints for n in self.names(key)):
                self.states[key].hints = hints
                self.rerender([key])

    def compared(self, names: tuple[NameData, ...]) -> tuple:
        """A list of names as the rule shows them (what adding names can tell apart)."""
        rule = self.rule
        if rule in ("by-cite", "all-names"):
            return tuple(n.key() for n in names)
        if rule == "all-names-with-initials":
            return tuple((n.family, n.literal, _initials(n)) for n in names)
        if rule == "primary-name":
            return tuple(n.key() if i == 0 else (n.family, n.literal) for i, n in enumerate(names))
        if rule == "primary-name-with-initials":
            return tuple((n.family, n.literal, _initials(n)) if i == 0 else (n.family, n.literal)
                         for i, n in enumerate(names))
        return tuple((n.family, n.literal) for n in names)

    def add_names(self, group: list[int]) -> None:
        """Step 1: show as many names as tell the members apart."""
        if self.rule == "by-cite":
            self.add_given_names(group)
        pending = list(group)
        changed = set()
        most = max(len(self.names(k)) for k in group)
        for n in range(1, most + 1):
            shown = {k: self.compared(self.names(k)[:n]) for k in pending}
            done = [k for k in pending if all(k == o or shown[o] != shown[k] for o in pending)]
            if not done:
                continue
            for k in pending:
                if self.states[k].names != n:
                    self.states[k].names = n
                    changed.add(k)
            pending = [k for k in pending if k not in done]
            if not pending:
                break
        self.rerender([k for k in group if k in changed])

    def add_given_names(self, group: list[int]) -> None:
        """Step 2 (by-cite): names in the same place that share a family name get initials, or
        given names when the initials are the same."""
        pending = list(group)
        changed = set()
        lists = {k: self.names(k) for k in group}
        for position in range(max(len(names) for names in lists.values())):
            column = [(k, lists[k][position]) for k in pending if len(lists[k]) > position]
            hinted = set()
            for k, name in column:
                rivals = _rivals(name, [o for _, o in column])
                if rivals:
                    same = any(_initials(o) == _initials(name) for o in rivals)
                    if self.hint(k, name, 2 if same else 1):
                        changed.add(k)
                    hinted.add(k)
            pending = [k for k in pending if k not in hinted]
        self.rerender([k for k in group if k in changed])


def disambiguate(session: "Session", ordered: list[Item]) -> None:
    """Set each item's :class:`~.state.ItemState` so that its cite differs from the others'."""
    style = session.processor.style
    attrib = style.citation.attrib
    add_names = attrib.get("disambiguate-add-names") == "true"
    add_given = attrib.get("disambiguate-add-givenname") == "true"
    add_suffix = attrib.get("disambiguate-add-year-suffix") == "true"
    if not (add_names or add_given or add_suffix or style.has_disambiguate_condition):
        return
    d = _Disambiguator(session, ordered)
    if add_given and d.rule != "by-cite":
        d.global_names()
    groups = d.groups()
    if groups and add_names:
        for group in groups:
            d.add_names(group)
        groups = d.groups()
    if groups and add_given and d.rule == "by-cite":
        for group in groups:
            d.add_given_names(group)
        groups = d.groups()
    if groups and style.has_disambiguate_condition:
        for group in groups:
            for k in group:
                d.states[k].disambiguate = True
            d.rerender(group)
        groups = d.groups()
    if groups and add_suffix:
        for group in groups:
            for i, k in enumerate(group):  # `keys` is in bibliography order, so are the groups
                d.states[k].year_suffix = year_suffix_letters(i)
                session.first_cites.pop(k, None)
