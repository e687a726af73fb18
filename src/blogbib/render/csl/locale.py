"""CSL locales: terms, ordinals, localized date formats and locale options.

The locale files are citeproc-py's (``citeproc/data/locales``, found without importing
citeproc-py's engine).  A style's own ``cs:locale`` elements come first; the search order is
citeproc-py's and CSL's: in-style locale for the dialect, for the language, without a language;
then the locale file of the dialect, of the language's primary dialect, and en-US.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

__all__ = ["Term", "LocaleData", "LocaleChain", "locale_chain", "available_locales", "locales_path", "CSL_NS",
           "XML_LANG"]

CSL_NS = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# CSL 1.0.2 term-form fallback
_FORMS = {"long": ("long",), "short": ("short", "long"), "verb": ("verb", "long"),
          "verb-short": ("verb-short", "verb", "long"), "symbol": ("symbol", "short", "long")}


@functools.lru_cache(maxsize=1)
def locales_path() -> str:
    """citeproc-py's folder of locale files."""
    spec = importlib.util.find_spec("citeproc")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("citeproc-py is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], "data", "locales")


@functools.lru_cache(maxsize=1)
def _locales_json() -> dict[str, Any]:
    with open(os.path.join(locales_path(), "locales.json"), encoding="utf-8") as handle:
        return json.load(handle)


@functools.lru_cache(maxsize=1)
def available_locales() -> list[str]:
    """Every locale citeproc-py ships a file for (``de-DE``, ``en-US``, …)."""
    return sorted(name[len("locales-"):-len(".xml")] for name in os.listdir(locales_path())
                  if name.startswith("locales-") and name.endswith(".xml"))


@dataclass(frozen=True)
class Term:
    single: str
    multiple: str
    gender: str | None = None  # of a noun term (month-01 …): decides the gendered ordinal
    gender_form: str | None = None  # of an ordinal term: the gender it is for
    match: str | None = None


@dataclass
class LocaleData:
    """One ``cs:locale`` (a file, or in a style)."""

    lang: str | None
    terms: dict[tuple[str, str], list[Term]] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=dict)  # form → the cs:date XML element
    options: dict[str, str] | None = None  # cs:style-options attributes (None: no such element)


def _text(element) -> str:
    return element.text or ""


def read_locale(element) -> LocaleData:
    """A ``cs:locale`` XML element as :class:`LocaleData`."""
    data = LocaleData(element.get(XML_LANG))
    for child in element:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag[len(CSL_NS):] if child.tag.startswith(CSL_NS) else child.tag
        if tag == "style-options":
            data.options = dict(child.attrib)
        elif tag == "date":
            data.dates.setdefault(child.get("form", ""), child)
        elif tag == "terms":
            for term in child:
                if not isinstance(term.tag, str):
                    continue
                single = term.find(CSL_NS + "single")
                multiple = term.find(CSL_NS + "multiple")
                text = _text(term)
                value = Term(_text(single) if single is not None else text,
                             _text(multiple) if multiple is not None else text,
                             term.get("gender"), term.get("gender-form"), term.get("match"))
                data.terms.setdefault((term.get("name"), term.get("form", "long")), []).append(value)
    return data


@functools.lru_cache(maxsize=64)
def _locale_file(name: str) -> LocaleData | None:
    path = os.path.join(locales_path(), f"locales-{name}.xml")
    if not os.path.exists(path):
        return None
    parser = etree.XMLParser(remove_comments=True, no_network=True, resolve_entities=False)
    return read_locale(etree.parse(path, parser).getroot())


class LocaleChain:
    """The locales searched, in order, for a term, a date format or an option."""

    def __init__(self, lang: str, locales: list[LocaleData]) -> None:
        self.lang = lang
        self.language = lang.split("-")[0]
        self.locales = locales
        self.english = lang.lower().startswith("en")

    def find(self, name: str, form: str = "long") -> Term | None:
        for candidate in _FORMS.get(form, (form, "long")):
            key = (name, candidate)
            for locale in self.locales:
                found = locale.terms.get(key)
                if found:
                    return _variant(found, None) or found[0]
        return None

    def term(self, name: str, form: str = "long", plural: bool = False) -> str:
        """A term's text ("" when no locale has it)."""
        found = self.find(name, form)
        if found is None:
            return ""
        return found.multiple if plural else found.single

    def gender(self, name: str) -> str | None:
        """The grammatical gender of a noun term (``month-01``, ``edition``), if the locale gives one."""
        found = self.find(name)
        return found.gender if found is not None else None

    def date_format(self, form: str):
        """The localized ``cs:date`` XML element for ``form`` ("text" or "numeric")."""
        for locale in self.locales:
            if form in locale.dates:
                return locale.dates[form]
        return None

    def option(self, name: str) -> bool:
        """A locale option (``punctuation-in-quote``, ``limit-day-ordinals-to-day-1``), from the first
        locale that has ``cs:style-options``."""
        for locale in self.locales:
            if locale.options is not None:
                return locale.options.get(name, "false").lower() == "true"
        return False

    def ordinal_suffix(self, number: int, gender: str | None = None) -> str:
        """The ordinal suffix for ``number`` agreeing with a noun of ``gender`` (CSL 1.0.2 ordinals).

        The first locale that defines ordinal terms supplies them all, the output locale's own
        language first (German "1." rather than English "1st").  Among ``ordinal-00`` …
        ``ordinal-99``, a whole-number match beats the last two digits, which beat the last digit;
        then the ``ordinal`` term.  A gendered variant is used for a noun of that gender, else
        the variant without a gender.
        """
        for locale in self._ordinal_locales():
            best: tuple[int, Term] | None = None
            for (name, form), variants in locale.terms.items():
                if form != "long" or not name.startswith("ordinal-") or not name[8:].isdigit():
                    continue
                term = _variant(variants, gender)
                rank = _ordinal_rank(int(name[8:]), term, number) if term is not None else 0
                if rank and (best is None or rank > best[0]):
                    best = (rank, term)  # type: ignore[assignment]
            if best is not None:
                return best[1].single
            generic = _variant(locale.terms.get(("ordinal", "long"), []), gender)
            if generic is not None:
                return generic.single
        return ""

    def long_ordinal(self, number: int, gender: str | None = None) -> str:
        """``first``, ``second`` … up to ten (``long-ordinal-01`` …), else the ordinal."""
        if 1 <= number <= 10:
            for locale in self.locales:
                term = _variant(locale.terms.get((f"long-ordinal-{number:02}", "long"), []), gender)
                if term is not None:
                    return term.single
        return f"{number}{self.ordinal_suffix(number, gender)}"

    def _ordinal_locales(self) -> list[LocaleData]:
        """Locales that define ordinal terms, those of the output language first."""
        def has_ordinals(locale: LocaleData) -> bool:
            return any(name == "ordinal" or name.startswith("ordinal-") for name, _ in locale.terms)

        own = [loc for loc in self.locales if loc.lang is None or loc.lang.split("-")[0] == self.language]
        return [loc for loc in own + [loc for loc in self.locales if loc not in own] if has_ordinals(loc)]


def _variant(variants: list[Term], gender: str | None) -> Term | None:
    """The variant of a term for a noun of ``gender``, else the one without a gender."""
    if gender is not None:
        for term in variants:
            if term.gender_form == gender:
                return term
    for term in variants:
        if term.gender_form is None:
            return term
    return None


def _ordinal_rank(value: int, term: Term, number: int) -> int:
    """How specifically ``ordinal-<value>`` matches ``number`` (0: not at all)."""
    match = term.match or ("last-digit" if value < 10 else "last-two-digits")
    if match == "whole-number":
        return 3 if number == value else 0
    if match == "last-two-digits":
        return 2 if number % 100 == value else 0
    return 1 if number % 10 == value else 0


def locale_chain(lang: str, style_locales: list[Any]) -> LocaleChain:
    """The chain for output language ``lang``, given the style's ``cs:locale`` XML elements."""
    language = lang.split("-")[0]
    in_style = [(element.get(XML_LANG), read_locale(element)) for element in style_locales]
    chain: list[LocaleData] = []
    for wanted in (lang, language, None):
        chain += [data for code, data in in_style if code == wanted]
    files: list[str] = []
    primary = _locales_json()["primary-dialects"]
    if lang in _locales_json()["language-names"]:
        files.append(lang)
    if language in primary:
        files.append(primary[language])
    files.append("en-US")
    for name in dict.fromkeys(files):
        data = _locale_file(name)
        if data is not None:
            chain.append(data)
    return LocaleChain(lang, chain)
