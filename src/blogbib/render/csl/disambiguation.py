"""Disambiguation of cites that render alike (CSL 1.0.2, in the specification's order).

1. ``disambiguate-add-names``: show more names of a list cut by et-al, one at a time, as long
   as that splits the ambiguous group;
2. ``disambiguate-add-givenname``: initials, then full given names (as
   ``givenname-disambiguation-rule`` allows);
3. ``cs:if disambiguate="true"`` holds for the cites still ambiguous;
4. ``disambiguate-add-year-suffix``: letters in bibliography order.

Each step that does not help is undone.  Cites are compared as plain text, each item cited
once in first position.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .items import Item

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
        groups.setdefault(texts[key], []).append(key)
    return [g for g in groups.values() if len(g) > 1]


def _authors(item: Item) -> tuple:
    return tuple(n.key() for n in item.vars.get("author", ()))


def disambiguate(session: "Session", ordered: list[Item]) -> None:
    """Set each item's :class:`~.state.ItemState` so that its cite differs from the others'."""
    style = session.processor.style
    attrib = style.citation.attrib
    add_names = attrib.get("disambiguate-add-names") == "true"
    add_given = attrib.get("disambiguate-add-givenname") == "true"
    add_suffix = attrib.get("disambiguate-add-year-suffix") == "true"
    if not (add_names or add_given or add_suffix or style.has_disambiguate_condition):
        return
    by_key = {item.index: item for item in ordered}
    states = session.states
    keys = [item.index for item in ordered]
    texts = {key: session.first_cite_text(by_key[key]) for key in keys}
    groups = _ambiguous(texts, keys)
    if not groups:
        return
    saved_cites = session.first_cites

    def rerender(members: list[int]) -> None:
        for key in members:
            texts[key] = session.first_cite_text(by_key[key])

    def snapshot(members: list[int]) -> dict[int, tuple[str, Any]]:
        return {k: (texts[k], saved_cites.get(k, _MISSING)) for k in members}

    def restore(saved: dict[int, tuple[str, Any]]) -> None:  # a step that did not help is undone without rendering
        for k, (text, tree) in saved.items():
            texts[k] = text
            if tree is _MISSING:
                saved_cites.pop(k, None)
            else:
                saved_cites[k] = tree

    def same_names(group: list[int]) -> bool:
        """Members with the same authors: adding names or given names cannot tell them apart."""
        first = _authors(by_key[group[0]])
        return all(_authors(by_key[k]) == first for k in group[1:])

    et_al_min, et_al_first = session.processor.env.citation_et_al
    if add_names:
        for group in groups:
            if same_names(group):
                continue
            most = max(len(by_key[k].vars.get("author", ())) for k in group)
            pending = list(group)
            for n in range(et_al_first + 1, most + 1):
                if len(pending) < 2:
                    break
                old = {k: states[k].names for k in pending}
                saved = snapshot(pending)
                for k in pending:
                    states[k].names = n
                # only a list cut by et-al shows one more name at this step
                rerender([k for k in pending if len(by_key[k].vars.get("author", ())) >= max(n, et_al_min)])
                parts = _ambiguous(texts, pending)
                still = [k for part in parts for k in part]
                if len(parts) == 1 and len(still) == len(pending):  # no split: this step does not help
                    for k in pending:
                        states[k].names = old[k]
                    restore(saved)
                    continue
                pending = still
        groups = _ambiguous(texts, keys)
    if add_given and groups:
        for group in groups:
            if same_names(group):
                continue
            saved = snapshot(group)
            for level in session.processor.env.givenname_levels:
                for k in group:
                    states[k].givenname = level
                rerender(group)
                parts = _ambiguous(texts, group)
                if len(parts) != 1 or len(parts[0]) != len(group):
                    break
            else:
                for k in group:
                    states[k].givenname = 0
                restore(saved)
        groups = _ambiguous(texts, keys)
    if style.has_disambiguate_condition and groups:
        for group in groups:
            for k in group:
                states[k].disambiguate = True
            rerender(group)
        groups = _ambiguous(texts, keys)
    if add_suffix and groups:
        for group in groups:
            for i, k in enumerate(group):  # `keys` is in bibliography order, so are the groups
                states[k].year_suffix = year_suffix_letters(i)
                saved_cites.pop(k, None)
