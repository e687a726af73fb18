"""The render state: what every ``evaluate(ctx)`` reads, passed explicitly.

:class:`Env` is fixed for a processor (the compiled style, the locale chain, style-wide facts).
:class:`RenderContext` is made for one rendering of one item (in a citation, a bibliography
entry or a sort key) and dropped afterwards: its few mutable fields (variables suppressed by a
substitution, whether the year suffix was printed) concern that rendering only.
:class:`ItemState` is what disambiguation decided for an item.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .caches import RenderCaches, StyleCaches
    from .items import Item
    from .locale import LocaleChain

__all__ = ["Env", "ItemState", "CiteData", "RenderContext", "CITATION", "BIBLIOGRAPHY", "SORT"]

CITATION, BIBLIOGRAPHY, SORT = "citation", "bibliography", "sort"


class ItemState:
    """What disambiguation decided for one item."""

    __slots__ = ("names", "hints", "disambiguate", "year_suffix")

    def __init__(self) -> None:
        self.names = 0  # et-al-use-first raised to this many names (disambiguate-add-names)
        # name → (1: long form, 2: long form with the full given name; whether for a first name only)
        self.hints: dict = _NO_HINTS
        self.disambiguate = False  # cs:if disambiguate="true" holds
        self.year_suffix = ""


_NO_HINTS: dict = {}
NO_STATE = ItemState()
_NONE: frozenset[str] = frozenset()


class CiteData:
    """One cite of an item, as the conditions and the locator see it."""

    __slots__ = ("locator", "label", "position", "near_note", "first_note")

    def __init__(self, locator: str | None = None, label: str | None = None, position: str = "first",
                 near_note: bool = False, first_note: int | None = None) -> None:
        self.locator = locator
        self.label = label or "page"
        self.position = position  # first, subsequent, ibid, ibid-with-locator
        self.near_note = near_note
        self.first_note = first_note  # the note of the item's first cite, in a later cite


FIRST_CITE = CiteData()


class Env:
    """Facts fixed for a processor: the compiled style and the locale it renders in."""

    __slots__ = ("style", "locale", "caches", "english", "implicit_year_suffix", "citation_et_al",
                 "initials_only", "demote")

    def __init__(self, style: Any, locale: "LocaleChain", caches: "StyleCaches") -> None:
        self.style = style
        self.locale = locale
        self.caches = caches
        self.english = locale.english
        self.implicit_year_suffix = style.implicit_year_suffix
        citation = style.citation
        self.citation_et_al = (int(citation.option("et-al-min", 0)), int(citation.option("et-al-use-first", 1)))
        # givenname-disambiguation-rule "…-with-initials": a name is shown with initials at most
        self.initials_only = citation.attrib.get("givenname-disambiguation-rule", "").endswith("with-initials")
        self.demote = str(style.attrib.get("demote-non-dropping-particle", "display-and-sort")).lower()


class RenderContext:
    """The state of one rendering of one item."""

    __slots__ = ("env", "memo", "item", "vars", "cite", "mode", "section", "sort_key", "english", "state", "number",
                 "suppressed", "recording", "year_suffix_done", "names_depth", "present", "shape", "attempt",
                 "success", "substituting")

    def __init__(self, env: Env, memo: "RenderCaches", item: "Item", mode: str, section: Any,
                 state: ItemState = NO_STATE, number: int = 0, cite: CiteData = FIRST_CITE,
                 sort_key: Any = None) -> None:
        self.env = env
        self.memo = memo
        self.item = item
        self.vars = item.vars
        self.cite = cite
        self.mode = mode
        self.section = section  # the cs:citation or cs:bibliography whose options apply
        self.sort_key = sort_key  # the cs:key being computed, in SORT mode
        self.english = env.english if item.language is None else item.language.lower().startswith("en")
        self.state = state
        self.number = number  # citation-number
        self.suppressed: frozenset[str] = _NONE  # variables a cs:substitute rendered
        self.recording: tuple[set[str], ...] = ()  # variables rendered inside each open cs:names
        self.year_suffix_done = False
        self.names_depth = 0
        self.substituting: Any = None  # the cs:names whose cs:substitute is rendering (its name, et-al, label)
        self.attempt = False  # in the innermost open cs:group or macro: a variable was tried …
        self.success = False  # … and one rendered (or a nested group did)
        has_locator = cite.locator is not None
        self.present = item.present | {"locator"} if has_locator else item.present
        if cite.first_note is not None:
            self.present = self.present | {"first-reference-note-number"}
        # all that a condition without data-dependent tests can see
        self.shape = (item.type, item.present, mode, (cite.position, cite.near_note) if mode == CITATION else None,
                      state.disambiguate, has_locator)

    def tried(self, output: Any) -> None:
        """Record that a variable was tried, and whether it rendered (see groups.evaluate_group)."""
        self.attempt = True
        if output:
            self.success = True

    def used(self, variable: str) -> None:
        """Record a rendered variable for every cs:names being rendered (see names.Names)."""
        for record in self.recording:
            record.add(variable)
