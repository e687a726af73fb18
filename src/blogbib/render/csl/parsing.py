"""CSL style XML → a compiled style: the element registry, the compiler and the static analysis.

:data:`ELEMENTS` is the one table from CSL tag to element class.  :class:`Compiler` builds the
tree (macros by name, locale-dependent parts such as localized dates resolved for the
processor's locale); :func:`analyse` then computes what the evaluation needs to know in
advance: which elements call variables, and which variables a ``cs:group`` could render at all.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...errors import BlogbibError
from .conditions import Choose, Condition, Else
from .dates import Date, DatePart
from .elements import Element
from .groups import Group, Layout
from .labels import Label
from .locale import CSL_NS, LocaleChain, locale_chain
from .name_format import Name, NamePart
from .names import EtAl, Names, Substitute
from .numbers import Number
from .sorting import Key, Sort
from .text import GENERATED, Macro, Text

__all__ = ["ELEMENTS", "Compiler", "Style", "Section", "parse_xml", "compile_style", "GENERATED"]

# The registry: every CSL element the engine evaluates, by tag (cs:macro is compiled by name, see
# Compiler.macro; cs:info and cs:locale are not rendering elements).
ELEMENTS: dict[str, type[Element]] = {
    "text": Text,
    "number": Number,
    "label": Label,
    "names": Names,
    "name": Name,
    "name-part": NamePart,
    "et-al": EtAl,
    "substitute": Substitute,
    "date": Date,
    "date-part": DatePart,
    "group": Group,
    "choose": Choose,
    "if": Condition,
    "else-if": Condition,
    "else": Else,
    "layout": Layout,
    "sort": Sort,
    "key": Key,
}


# inheritable options of cs:style, cs:citation and cs:bibliography, with CSL's defaults
DEFAULTS = {
    "and": None, "delimiter-precedes-et-al": "contextual", "delimiter-precedes-last": "contextual",
    "et-al-min": 0, "et-al-use-first": 1, "et-al-subsequent-min": None, "et-al-subsequent-use-first": None,
    "et-al-use-last": "false", "initialize-with": None, "initialize": "true", "initialize-with-hyphen": "true",
    "name-as-sort-order": None, "sort-separator": ", ", "name-form": "long", "name-delimiter": ", ",
    "names-delimiter": "",
}


def _tag(xml: Any) -> str | None:
    tag = xml.tag
    if not isinstance(tag, str) or not tag.startswith(CSL_NS):
        return None
    return tag[len(CSL_NS):]


class Section:
    """``cs:citation`` or ``cs:bibliography``: its options, sort and layout."""

    def __init__(self, kind: str, attrib: dict[str, str], style_attrib: dict[str, str], layout: Layout,
                 sort: Sort | None) -> None:
        self.kind = kind
        self.attrib = attrib
        self.style_attrib = style_attrib
        self.layout = layout
        self.sort = sort

    def option(self, name: str, default: Any = None) -> Any:
        """An inheritable option: set here, else on cs:style, else ``default`` or CSL's default."""
        if name in self.attrib:
            return self.attrib[name]
        if name in self.style_attrib:
            return self.style_attrib[name]
        return DEFAULTS.get(name) if default is None else default


class Style:
    """A compiled style in one locale."""

    def __init__(self, attrib: dict[str, str], locale: LocaleChain, macros: dict[str, Macro],
                 citation: Section, bibliography: Section | None, elements: list[Element]) -> None:
        self.attrib = attrib
        self.locale = locale
        self.macros = macros
        self.citation = citation
        self.bibliography = bibliography
        self.elements = elements
        self.implicit_year_suffix = not any(isinstance(e, Text) and e.variable == "year-suffix" for e in elements)
        self.has_disambiguate_condition = any(isinstance(e, Condition) and e.disambiguate is not None
                                              for e in elements)
        self.note = attrib.get("class") == "note"


class Compiler:
    """Builds elements from XML, for one locale."""

    def __init__(self, root: Any, locale: LocaleChain) -> None:
        self.root = root
        self.locale = locale
        self.elements: list[Element] = []
        self.macros: dict[str, Macro] = {}
        self._macro_xml = {m.get("name"): m for m in root if _tag(m) == "macro"}

    def compile(self, xml: Any) -> Element | None:
        tag = _tag(xml)
        cls = ELEMENTS.get(tag) if tag else None
        if cls is None:
            return None
        element = cls(xml, self)
        self.elements.append(element)
        return element

    def children(self, xml: Any) -> list[Element]:
        out = []
        for child in xml:
            element = self.compile(child)
            if element is not None:
                out.append(element)
        return out

    def macro(self, name: str) -> Macro:
        """The macro called ``name``, compiled once (a macro calling itself gets an empty body)."""
        if name in self.macros:
            return self.macros[name]
        xml = self._macro_xml.get(name)
        if xml is None:
            raise BlogbibError(f"the style calls an undefined macro {name!r}")
        macro = self.macros[name] = Macro(xml, self)
        self.elements.append(macro)
        macro.fill(xml, self)
        return macro

    def compile_macros(self) -> None:
        """Compile every macro of the style (also those nothing calls)."""
        for name in self._macro_xml:
            self.macro(name)

    def section(self, kind: str) -> Section | None:
        xml = self.root.find(CSL_NS + kind)
        if xml is None:
            return None
        layout_xml = xml.find(CSL_NS + "layout")
        if layout_xml is None:
            raise BlogbibError(f"the style's cs:{kind} has no cs:layout")
        layout = self.compile(layout_xml)
        sort_xml = xml.find(CSL_NS + "sort")
        sort = self.compile(sort_xml) if sort_xml is not None else None
        return Section(kind, dict(xml.attrib), dict(self.root.attrib), layout, sort)  # type: ignore[arg-type]


def parse_xml(text_or_path: str, is_text: bool, where: str):
    """The root element of a style, or a BlogbibError naming ``where``."""
    parser = etree.XMLParser(remove_comments=True, no_network=True, resolve_entities=False)
    try:
        if is_text:
            root = etree.fromstring(text_or_path.encode("utf-8"), parser)
        else:
            root = etree.parse(text_or_path, parser).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise BlogbibError(f"{where}: cannot read the style: {exc}") from None
    if _tag(root) != "style":
        raise BlogbibError(f"{where}: not a CSL style")
    return root


def compile_style(root: Any, lang: str, where: str) -> Style:
    """The style rooted at ``root``, compiled for output language ``lang``."""
    locale = locale_chain(lang, [child for child in root if _tag(child) == "locale"])
    compiler = Compiler(root, locale)
    compiler.compile_macros()
    citation = compiler.section("citation")
    if citation is None:
        raise BlogbibError(f"{where}: the style has no cs:citation")
    bibliography = compiler.section("bibliography")
    style = Style(dict(root.attrib), locale, compiler.macros, citation, bibliography, compiler.elements)
    analyse(compiler.elements)
    return style


# ---------------------------------------------------------------------------- static analysis


class Analysis:
    """Static facts about compiled elements, each computed once from the elements' ``computes_*``
    answers.  A macro that calls itself (invalid CSL) gets the answer that prunes nothing."""

    def __init__(self) -> None:
        self._memo: dict[tuple[str, int], bool] = {}

    def _fact(self, question: str, element: Element, unknown: bool) -> bool:
        key = (question, id(element))
        if key not in self._memo:
            self._memo[key] = unknown  # asked again while being answered: a recursive macro
            self._memo[key] = getattr(element, question)(self)
        return self._memo[key]

    def attempts(self, element: Element) -> bool:
        return self._fact("computes_always_attempts", element, False)

    def renders_empty(self, element: Element) -> bool:
        return self._fact("computes_renders_empty", element, True)

    def succeeds_empty(self, element: Element) -> bool:
        return self._fact("computes_succeeds_empty", element, True)

    def fails_empty(self, group: Element) -> bool:
        """A group or macro that, for an item without its variables, tries one and has no success."""
        return self.attempts(group) and not any(self.succeeds_empty(child) for child in group.children)

    def group_renders_empty(self, group: Element) -> bool:
        return not self.fails_empty(group) and any(self.renders_empty(child) for child in group.children)


def analyse(elements: list[Element]) -> None:
    """Set the pruning set of every cs:group and of every cs:text calling a macro: the variables
    without which it renders nothing, when that is known."""
    an = Analysis()
    possible_memo: dict[int, frozenset | None] = {}
    for element in elements:
        if isinstance(element, Group):
            group = element
        elif isinstance(element, Text) and element.macro is not None:
            group = element.macro
        else:
            continue
        possible = possible_variables(element, possible_memo, ())
        if possible and an.fails_empty(group):
            element.prune = possible


def possible_variables(element: Element, memo: dict[int, frozenset | None], path: tuple) -> frozenset | None:
    """Every variable an element could render (through macros and substitutes), or None when it
    could render a generated variable or the answer is unknowable (a recursive macro)."""
    key = id(element)
    if key in memo:
        return memo[key]
    if key in path:
        return None
    found: set[str] = set()
    result: frozenset | None = None
    for variable in element.own_variables():
        if variable in GENERATED:
            break
        found.add(variable)
    else:
        for child in (*element.children, *element.references()):
            inner = possible_variables(child, memo, path + (key,))
            if inner is None:
                break
            found |= inner
        else:
            result = frozenset(found)
    memo[key] = result
    return result

