"""The one module that imports citeproc-py, and the layer that fixes it.

citeproc-py is the CSL engine.  Where it falls short of the CSL 1.0.2
specification (and of citeproc-js, the reference processor), this module
subclasses its element classes and parses styles with a lookup of its own, so
nothing in citeproc-py is modified globally.  Each fix names the CSL feature
it implements and has its own test in ``tests/render/test_fixes.py``:

* ``punctuation-in-quote`` (locale option) and duplicate punctuation (``path?.``);
* ``second-field-align`` (margin and body of numbered entries);
* ``initialize="false"`` on ``cs:name`` (Chicago, MLA);
* disambiguation: ``disambiguate-add-names``, ``-add-givenname``,
  ``cs:if disambiguate="true"`` and ``disambiguate-add-year-suffix``, with the
  suffix implicitly after the first ``issued`` year when the style does not
  render ``year-suffix`` itself; letters follow the bibliography order;
* ``text-case="title"``: citeproc-js's stop words, hyphenated words, English only;
* localized dates (``cs:date form="text"``) keep the locale's delimiter;
* rich text in item data (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small caps,
  ``<span class="nocase">``) and escaping of all item data for HTML/Markdown;
* bibliography sorting compares names, not rendered strings;
* ``subsequent-author-substitute``;
* substituted variables are suppressed in the rest of the entry (CSL 1.0.2
  ``cs:substitute``), so a no-author APA entry prints its title once;
* ordinals from the output locale's own terms (German ``1.``, not ``1st``);
* ``demote-non-dropping-particle`` in sort keys; ``givenname-disambiguation-rule``;
* a generated ``citation-label`` (DIN 1505 and other alphanumeric styles);
* italic item markup inside an italic field prints upright (flip-flop);
* a localized date part's override no longer leaks into the locale for good;
* the stray ``. .`` an empty field leaves between affixes is removed;
* performance: the style and locales are parsed once per engine, element
  lookups and terms are cached, ``cs:choose`` picks its branch (and each
  condition its result) once per item shape, a ``cs:group`` that cannot render
  is skipped before it is called, each distinct date, date part and name is
  formatted once per render (``Engine.memo_type``), citations are registered
  and numbered with dicts (nothing quadratic), no cyclic GC during a render.

Entry points: :func:`engine` (cached per style file and locale) and the
:class:`Engine` methods ``bibliography`` and ``citations``.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
import threading
import unicodedata
from itertools import groupby
from typing import Any, Sequence

import citeproc as _cp
from citeproc import model as _m
from citeproc.source import Citation, CitationItem
from citeproc.source import Date as _CpDate
from citeproc.source import Name as _CpName
from citeproc.source import Reference as _CpReference
from citeproc.source import VariableError as _VariableError
from citeproc.string import MixedString, NoCase, String
from citeproc.string import join as _join

try:
    from citeproc.string import normalize_seam as _normalize_seam
except ImportError:  # not in every 0.11 build: the seam rules are also applied by finish()
    def _normalize_seam(left, other):  # type: ignore[misc]
        return other
from lxml import etree

from ..errors import BlogbibError
from ..formats.csl_json import to_csl
from ..model import Reference
from ..text import markdown_escape
from ..urls import markdown_autolink
from .styles import StyleSource, resolve_locale, resolve_style

__all__ = ["engine", "Engine", "available_locales", "change_case", "rich_text", "finish"]


# =========================================================================== formatters


class _Formatter:
    """A citeproc-py output formatter as an object (the library uses modules)."""

    name = "text"
    tags: dict[str, tuple[str, str]] = {}

    def __init__(self) -> None:
        for kind in ("Italic", "Oblique", "Bold", "Light", "Underline", "Superscript", "Subscript", "SmallCaps"):
            setattr(self, kind, self._wrapper(kind))

    def preformat(self, text: object) -> str:
        return str(text)

    normal: tuple[str, str] = ("", "")  # how italic item markup inside italic style formatting is undone

    def _wrapper(self, kind: str):
        if kind not in self.tags:
            return lambda text: text
        start, end = self.tags[kind]
        flip = kind in ("Italic", "Oblique")

        def wrap(text):
            if flip and isinstance(text, MixedString):
                text = self._flip(text, start, end)
            return MixedString([_Tag(start)]) + text + _Tag(end)

        return wrap

    def _flip(self, text: MixedString, start: str, end: str) -> MixedString:
        """Italics in item data inside an italic field print upright (citeproc-js's flip-flop)."""
        out = MixedString()
        for segment in text:
            if isinstance(segment, MixedString):
                segment = self._flip(segment, start, end)
            elif isinstance(segment, _Tag) and str(segment) in (start, end):
                segment = self.normal[0 if str(segment) == start else 1]
                if not segment:
                    continue
                segment = _Tag(segment)
            out.append(segment)
        return out


class _TextFormatter(_Formatter):
    name = "text"


def html_escape(text: str) -> str:
    """Escape text for HTML the way citeproc-js does (numeric character references)."""
    return (text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
            .replace('"', "&#34;"))


class _HtmlFormatter(_Formatter):
    name = "html"
    tags = {
        "Italic": ("<i>", "</i>"),
        "Oblique": ("<i>", "</i>"),
        "Bold": ("<b>", "</b>"),
        "Light": ('<span style="font-weight:lighter;">', "</span>"),
        "Underline": ('<span style="text-decoration:underline;">', "</span>"),
        "Superscript": ("<sup>", "</sup>"),
        "Subscript": ("<sub>", "</sub>"),
        "SmallCaps": ('<span style="font-variant:small-caps;">', "</span>"),
    }

    normal = ('<span style="font-style:normal;">', "</span>")

    def preformat(self, text: object) -> str:
        return html_escape(str(text))


class _MarkdownFormatter(_Formatter):
    name = "markdown"
    tags = {"Italic": ("*", "*"), "Oblique": ("*", "*"), "Bold": ("**", "**"),
            "Superscript": ("<sup>", "</sup>"), "Subscript": ("<sub>", "</sub>")}

    def preformat(self, text: object) -> str:
        return markdown_escape(str(text))


FORMATTERS = {"text": _TextFormatter(), "html": _HtmlFormatter(), "markdown": _MarkdownFormatter()}


# =========================================================================== rich text


class _Tag(NoCase):
    """Markup inside item text (``<i>`` in a title), already in the output format."""


_MARKUP = re.compile(
    r'(<i>|</i>|<b>|</b>|<sup>|</sup>|<sub>|</sub>|<span class="nocase">|'
    r'<span style="font-variant:\s*small-caps;?">|</span>)'
)
_TAG_OUTPUT = {
    "html": {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
             "sc": ('<span style="font-variant:small-caps;">', "</span>"), "nocase": ("", "")},
    "markdown": {"i": ("*", "*"), "b": ("**", "**"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
                 "sc": ("", ""), "nocase": ("", "")},
}


def _smart_quotes(text: str) -> str:
    """Straight quotes in item text become typographic ones (as citeproc-js prints them)."""
    if "'" in text:
        text = re.sub(r"(?<=\w)'|'(?=\s|$)", "\u2019", text)
        text = text.replace("'", "\u2018")
    if '"' in text:
        text = re.sub(r'"(?=\w)', "\u201c", text)
        text = text.replace('"', "\u201d")
    return text


def rich_text(value: object, fmt: str) -> MixedString:
    """Item text → citeproc-py string segments, escaped for ``fmt``.

    The CSL-JSON rich-text tags (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small
    caps and ``<span class="nocase">``) become markup of the output format (or
    disappear in plain text); nocase spans are protected from text-case.  All
    other text, including anything that looks like HTML, is escaped.
    """
    text = str(value)
    preformat = FORMATTERS[fmt].preformat
    out = MixedString()
    if "<" not in text:
        out.append(String(preformat(_smart_quotes(text))))
        return out
    parts = _MARKUP.split(text)
    # check balance: an unbalanced tag is text, not markup
    stack: list[str] = []
    plan: list[tuple[str, str]] = []  # (kind, value) kind: text/open/close
    for i, part in enumerate(parts):
        if not part:
            continue
        if i % 2 == 0:
            plan.append(("text", part))
            continue
        if part.startswith("</"):
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
    if stack:  # unbalanced: everything is text
        plan = [("text", "".join(parts))]
    tags = _TAG_OUTPUT.get(fmt, {})
    nocase = 0
    for kind, value in plan:
        if kind == "text":
            out.append((NoCase if nocase else String)(preformat(_smart_quotes(value))))
            continue
        if value == "nocase":
            nocase += 1 if kind == "open" else -1
            continue
        markup = tags.get(value, ("", ""))[0 if kind == "open" else 1]
        if markup:
            out.append(_Tag(markup))
    return out


# =========================================================================== text case

# citeproc-js's list of words kept lower case in title case (English).
_STOP_WORDS = frozenset("""
a according aboard about above across afore after against ahead along alongside amid amidst among amongst an and
anenst apart apropos apud around as aside astride at athwart atop back barring because before behind below beneath
beside besides between beyond but by c ca circa close d' de despite down due during et except far for forenenst from
given in inside instead into lest like modulo near next nor notwithstanding of off on onto or out outside over per
plus prior pro pursuant qua rather regardless sans since so such than that the through thru throughout thruout till
to toward towards under underneath until unto up upon v. van versus via vis-à-vis von vs. where with within without
yet
""".split())


def _flatten(text: Any) -> list[tuple[str, str]]:
    """A citeproc-py string as (kind, text) runs: kind is text, nocase or tag."""
    if isinstance(text, MixedString):
        runs = []
        for segment in text:
            runs.extend(_flatten(segment))
        return runs
    if isinstance(text, _Tag):
        return [("tag", str(text))]
    if isinstance(text, NoCase):
        return [("nocase", str(text))]
    return [("text", str(text))]


def _rebuild(runs: list[tuple[str, str]]) -> MixedString:
    out = MixedString()
    for kind, value in runs:
        if not value:
            continue
        out.append(_Tag(value) if kind == "tag" else NoCase(value) if kind == "nocase" else String(value))
    return out


_WORD = re.compile(r"[^\s\-\u2013\u2014/]+")


def change_case(text: Any, case: str, english: bool = True) -> Any:
    """CSL ``text-case`` on citeproc-py strings; nocase spans and markup are kept as they are."""
    runs = _flatten(text)
    visible = "".join(v for k, v in runs if k != "tag")
    protected = [False] * len(visible)
    pos = 0
    for kind, value in runs:
        if kind == "tag":
            continue
        if kind == "nocase":
            for i in range(pos, pos + len(value)):
                protected[i] = True
        pos += len(value)
    chars = list(visible)

    def upper_at(i: int) -> None:
        if not protected[i]:
            up = chars[i].upper()
            chars[i] = up if len(up) == 1 else chars[i]

    def lower_range(a: int, b: int) -> None:
        for i in range(a, b):
            if not protected[i]:
                low = chars[i].lower()
                chars[i] = low if len(low) == 1 else chars[i]

    def first_letter(a: int, b: int) -> int | None:
        for i in range(a, b):
            if chars[i].isalpha():
                return i
        return None

    if case == "lowercase":
        lower_range(0, len(chars))
    elif case == "uppercase":
        for i in range(len(chars)):
            upper_at(i)
    elif case == "capitalize-first":
        m = _WORD.search(visible)
        if m:
            i = first_letter(m.start(), m.end())
            if i is not None:
                upper_at(i)
    elif case == "capitalize-all":
        for m in _WORD.finditer(visible):
            i = first_letter(m.start(), m.end())
            if i is not None and visible[m.start():m.end()].islower():
                upper_at(i)
    elif case == "sentence":
        if visible.isupper():
            lower_range(0, len(chars))
        m = _WORD.search(visible)
        if m:
            i = first_letter(m.start(), m.end())
            if i is not None:
                upper_at(i)
    elif case == "title":
        if not english:
            return text
        if visible.isupper():
            lower_range(0, len(chars))
            visible = "".join(chars)
        start_of_phrase = True
        for m in _WORD.finditer(visible):
            word = visible[m.start():m.end()]
            core = word.strip("“”‘’\"'([{.,:;?!").lower()
            hyphen_part = m.start() > 0 and visible[m.start() - 1] in "-/"
            i = first_letter(m.start(), m.end())
            variable_letter = len(word) == 1 and m.end() < len(visible) and visible[m.end()] == "-"
            if i is not None and word == word.lower() and not variable_letter:  # "n-grams" keeps its n
                if start_of_phrase or (core not in _STOP_WORDS and not (hyphen_part and core in _STOP_WORDS)):
                    upper_at(i)
            start_of_phrase = word[-1:] in (":", "?", "!") or (word.endswith(".") and len(core) > 2)
    else:
        return text
    new_visible = "".join(chars)
    out_runs = []
    pos = 0
    for kind, value in runs:
        if kind == "tag":
            out_runs.append((kind, value))
            continue
        out_runs.append((kind, new_visible[pos:pos + len(value)]))
        pos += len(value)
    return _rebuild(out_runs)


# =========================================================================== punctuation

_QUOTE_OPEN, _QUOTE_PIQ, _QUOTE_END = "\ue001", "\ue000", "\ue002"  # around a closing quote from cs:text quotes="true"
_CLOSING = rf"{_QUOTE_OPEN}[^{_QUOTE_PIQ}{_QUOTE_END}]*[{_QUOTE_PIQ}{_QUOTE_END}]"
_MOVE_IN = re.compile(rf"{_QUOTE_OPEN}([^{_QUOTE_PIQ}{_QUOTE_END}]*){_QUOTE_PIQ}([.,])")
_DOUBLE = re.compile(rf"([?!]|(?<![.])\.)((?:</[a-z]+>|\*|{_CLOSING}|[”’])*)\.")
_MARKS = re.compile(f"[{_QUOTE_OPEN}{_QUOTE_PIQ}{_QUOTE_END}]")
_EMPTY_FIELD = re.compile(r"(?<=[.,]) ([.,])(?= |$)")  # ". ." / ", ,": the affixes of a field that was empty
_SPACES = re.compile(r"  +")


def finish(text: str) -> str:
    """Apply CSL's punctuation rules to a rendered entry or citation.

    * punctuation-in-quote (a locale option): a period or comma after a closing
      quote moves inside it;
    * a period after ``?``, ``!`` or ``.`` (across closing quotes and markup) is
      dropped: ``path?.`` → ``path?``;
    * the stray punctuation an empty field leaves between two affixes goes:
      ``2019. . Off`` → ``2019. Off``.
    """
    if _QUOTE_OPEN in text:
        text = _MOVE_IN.sub(lambda m: m.group(2) + m.group(1), text)
    text = _DOUBLE.sub(lambda m: m.group(1) + m.group(2), text)
    if _QUOTE_OPEN in text:
        text = _MARKS.sub("", text)
    if " ." in text or " ," in text:
        text = _EMPTY_FIELD.sub("", text)
    return _SPACES.sub(" ", text)


# =========================================================================== rendering context


class _ItemState:
    """What disambiguation decided for one item."""

    __slots__ = ("names", "givenname", "disambiguate", "year_suffix")

    def __init__(self) -> None:
        self.names = 0  # et-al-use-first raised to this many names (add-names)
        self.givenname = 0  # 1: initials, 2: full given names (add-givenname)
        self.disambiguate = False  # cs:if disambiguate="true" holds
        self.year_suffix = ""


class _Context:
    """Per-render state the element classes read (kept on the style root)."""

    def __init__(self, engine: "Engine") -> None:
        self.engine = engine
        self.mode = "bibliography"
        self.english = True
        self.states: dict[str, _ItemState] = {}
        self.numbers: dict[str, int] = {}
        self.sorting = False
        self.implicit_year_suffix = True
        self.formatter: _Formatter = FORMATTERS["text"]
        self.dates: dict[tuple, Any] = {}  # rendered dates (see Date.process), emptied for each render
        self.names: dict[tuple, Any] = {}  # formatted names (see Name.process), emptied for each render
        self.terms: dict[tuple, str] = {}  # (root, formatter, name) -> term text (see _term_text)
        self.reset_item(None)

    def reset_item(self, key: str | None) -> None:
        self.key = key
        self.state = self.states.get(key) if key is not None else None
        self.suppressed: set[str] = set()
        self.recording: list[set[str]] = []
        self.year_suffix_done = False
        self.names_depth = 0
        self.first_names: str | None = None
        self.substitute_first_names: str | None = None
        self.date_variable: str | None = None
        self.choose_item: Any = None  # the item choose_shape was computed for (see Choose.render)
        self.choose_shape: tuple = ()

    def used(self, variable: str) -> None:
        for record in self.recording:
            record.add(variable)


def _ctx(element) -> _Context:
    try:
        return element._bb_ctx
    except AttributeError:  # the engine sets the root's context once, before any rendering
        ctx = element._bb_ctx = element.get_root().bb
        return ctx


# =========================================================================== elements


def _term_text(element, name: str) -> str:
    """A term's singular form as text: fixed for a style (or locale) and output format (Term.single
    preformats), so looked up once per engine."""
    ctx = _ctx(element)
    key = (element.get_root(), ctx.formatter, name)
    text = ctx.terms.get(key)
    if text is None:
        text = ctx.terms[key] = str(element.get_single_term(name=name))
    return text


class _Cached:
    """Caches of lookups citeproc-py repeats with XPath for every item."""

    def __getattr__(self, name):
        # citeproc-py reads child elements as attributes (layout.sort, names.name): found once
        if name.startswith("_bb") or name == "bb" or name.startswith("__"):
            raise AttributeError(name)
        # the answer becomes an instance attribute, so later reads do not come back here
        found = self.find("cs:" + name, self.nsmap)
        setattr(self, name, found)
        return found

    def get_root(self):
        try:
            return self._bb_root
        except AttributeError:
            root = self.getroottree().getroot()
            self._bb_root = root
            return root

    def calls_variable(self):
        # static for a parsed style: computed once per element (citeproc-py recurses on every render)
        try:
            return self._bb_calls_variable
        except AttributeError:
            value = self._bb_calls_variable = super().calls_variable()
            return value

    def get_formatter(self):
        # the engine sets the render's formatter on the context: no root lookup and type test per call
        return _ctx(self).formatter

    def _bb_kids(self):
        """The child elements, listed once (lxml builds new proxies on every iteration)."""
        try:
            return self._bb_children
        except AttributeError:
            kids = self._bb_children = list(self.iterchildren())
            return kids

    def iterchildren(self, *args, **kwargs):
        if args or kwargs:
            return super().iterchildren(*args, **kwargs)
        try:
            return iter(self._bb_children)
        except AttributeError:
            kids = self._bb_children = list(super().iterchildren())
            return iter(kids)

    def getchildren(self):
        return list(self.iterchildren())

    def render_children(self, item, delimiter="", **kwargs):
        # citeproc-py's Parent.render_children, on the cached child list; one piece needs no join
        output = []
        have = None
        try:
            kinds = self._bb_child_kinds
        except AttributeError:
            kinds = self._bb_kinds()
        for child, is_choose, prune in kinds:
            if prune is not None:  # a group that cannot render is skipped here, as Group.render would
                if have is None:
                    have = _present(item)
                if prune.isdisjoint(have):
                    continue
            try:
                if is_choose:
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
            except _VariableError:
                continue
            if text is not None:
                output.append(text)
        if not output:
            return None
        return output[0] if len(output) == 1 else _join(output, delimiter)

    def _bb_kinds(self):
        """The child elements, each with whether it is a cs:choose (passed the delimiter) and
        its :meth:`_bb_prune` set."""
        try:
            return self._bb_child_kinds
        except AttributeError:
            kinds = self._bb_child_kinds = tuple((child, isinstance(child, Choose), _prune(child))
                                                 for child in self._bb_kids())
            return kinds

    _FORMAT_ATTRS = (("font-style", "normal"), ("font-variant", "normal"), ("font-weight", "normal"),
                     ("text-decoration", "none"), ("vertical-align", "baseline"))

    def format(self, string):
        try:
            plain = self._bb_plain
        except AttributeError:
            plain = self._bb_plain = all(self.get(k, d) == d for k, d in self._FORMAT_ATTRS)
        if plain:
            return str(string) if isinstance(string, (int, float)) else string
        return super().format(string)

    def wrap(self, string):
        try:
            bare = self._bb_bare
        except AttributeError:
            bare = self._bb_bare = self.get("prefix") is None and self.get("suffix") is None
        if bare:
            return string
        return super().wrap(string)

    def get_date(self, form):
        root = self.get_root()
        try:
            cache = root._bb_dates
        except AttributeError:
            cache = root._bb_dates = {}
        if form not in cache:
            cache[form] = _m.CitationStylesElement.get_date(self, form)
        return cache[form]

    def get_macro(self, name):
        root = self.get_root()
        try:
            macros = root._bb_macros
        except AttributeError:
            macros = root._bb_macros = {m.get("name"): m for m in root.findall("cs:macro", self.nsmap)}
        return macros[name]

    def get_layout(self):
        try:
            return self._bb_layout
        except AttributeError:
            found = self.xpath_search("./ancestor-or-self::cs:layout[1]")
            if not found:
                # A cs:sort key renders its macro with the key as context, outside
                # any layout (citeproc-py's IndexError): use the layout beside the
                # sort, in the same cs:citation or cs:bibliography.
                parent = self._bb_context_element()
                found = parent.findall("cs:layout", self.nsmap) if parent is not None else []
            layout = self._bb_layout = found[0]
            return layout

    def _bb_context_element(self):
        """The cs:citation or cs:bibliography this element is in (None in a macro)."""
        try:
            return self._bb_ctx_el
        except AttributeError:
            found = self.xpath_search("./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
            self._bb_ctx_el = found[0] if found else None
            return self._bb_ctx_el

    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
        root = self.get_root()
        try:
            cache = root._bb_terms
        except AttributeError:
            cache = root._bb_terms = {}
        key = (name, form, fallback_locale, zero_padded)
        if key not in cache:
            cache[key] = _m.CitationStylesElement.get_term(self, name, form, fallback_locale, zero_padded)
        return cache[key]

    def get_locale_option(self, name):
        root = self.get_root()
        try:
            cache = root._bb_locale_options
        except AttributeError:
            cache = root._bb_locale_options = {}
        if name not in cache:
            cache[name] = _m.CitationStylesElement.get_locale_option(self, name)
        return cache[name]

    def quote(self, string):
        """cs:text quotes="true": localized quotes, inner quotes flipped, punctuation-in-quote marked."""
        try:
            quoted = self._bb_quoted
        except AttributeError:
            quoted = self._bb_quoted = self.get("quotes", "false").lower() == "true"
        if not quoted:
            return string
        # the terms are fixed for a style and output format (Term.single preformats): looked up once
        open_q, close_q = _term_text(self, "open-quote"), _term_text(self, "close-quote")
        inner_open, inner_close = _term_text(self, "open-inner-quote"), _term_text(self, "close-inner-quote")
        piq = (self.get_locale_option("punctuation-in-quote") or "false").lower() == "true"
        if open_q in str(string) and inner_open:
            string = string.replace(open_q, inner_open).replace(close_q, inner_close)
        close = _QUOTE_OPEN + close_q + (_QUOTE_PIQ if piq else _QUOTE_END)
        return MixedString([NoCase(open_q)]) + string + NoCase(close)

    def case(self, text, language=None):
        text_case = self.get("text-case")
        if text_case is None or text is None:
            return text
        ctx = _ctx(self)
        english = ctx.english if language is None else language
        return change_case(text, text_case, english)


class Layout(_Cached, _m.Layout):
    def render_bibliography(self, citation_items):
        raise NotImplementedError  # the engine renders entry by entry (render_entry)

    def render_entry(self, item, split: bool):
        """One bibliography entry: text, or (left margin, rest) with second-field-align."""
        children = list(self.iterchildren())
        if not split or len(children) < 2:
            text = self.render_children(item)
            return None if text is None else self.format(self.wrap(text))
        first = None
        rest_children = children
        for index, child in enumerate(children):
            try:
                first = child.render(item)
            except _VariableError:
                first = None
            if first is not None:
                rest_children = children[index + 1:]
                break
        output = []
        for child in rest_children:
            try:
                text = child.render(item)
            except _VariableError:
                continue
            if text is not None:
                output.append(text)
        rest = _join(output, self.get("delimiter", "")) if output else None
        prefix = self.get("prefix", "")
        suffix = self.get("suffix", "")
        left = self.format(prefix + first) if first is not None else None
        right = self.format(rest + _normalize_seam(rest, suffix)) if rest is not None else None
        return (left, right)


class Text(_Cached, _m.Text):
    _MARKUP_ATTRS = ("strip-periods", "text-case", "quotes", "prefix", "suffix", "font-style", "font-variant",
                     "font-weight", "text-decoration", "vertical-align", "display")

    def render(self, item, context=None, **kwargs):
        # citeproc-py's Text.render → process → Macro.render → render_children → markup, in one
        # frame: a cs:text is the most rendered element (most of them call a small macro)
        if context is None:
            context = self
        try:
            kind, macro = self._bb_kind
        except AttributeError:
            kind, macro = self._bb_kind = self._bb_kind_setup()
        if kind == "macro":
            text = macro.render_children(item, context=context, sort_options=None)
        elif kind == "variable":
            text = self._variable(item, context)
        elif kind == "term":
            text = self._term(item)
        else:
            text = String(self.preformat(self.get("value", "")))
        if not text:
            return None
        try:
            simple = self._bb_simple
        except AttributeError:
            simple = self._bb_simple = all(self.get(a) is None for a in self._MARKUP_ATTRS)
        return text if simple else _m.Text.markup(self, text, None)

    def _bb_kind_setup(self):
        """What this cs:text renders (variable, macro, term or value), and its macro: fixed per style."""
        attrib = self.attrib
        for kind in ("variable", "macro", "term"):
            if kind in attrib:
                return kind, self.get_macro(self.get("macro")) if kind == "macro" else None
        return "value", None

    def _variable(self, item, context):
        ctx = _ctx(self)
        variable = self.get("variable")
        if self.get("form") == "short":
            short = variable + "-short"
            if short.replace("-", "_") in item.reference:
                variable = short
        base = variable[:-6] if variable.endswith("-short") else variable
        if base in ctx.suppressed:
            return None
        if variable == "year-suffix":
            state = ctx.state
            ctx.year_suffix_done = True
            return String(state.year_suffix) if state is not None and state.year_suffix else None
        if variable == "citation-label":
            text = item.reference.get("citation_label")
            state = ctx.state
            if text and state is not None and state.year_suffix and not ctx.year_suffix_done:
                ctx.year_suffix_done = True  # the suffix belongs to a generated label ("MüÇe21a")
                text = String(str(text) + state.year_suffix)
            return text
        if variable == "citation-number":
            ctx.used(variable)
            return str(ctx.numbers.get(item.key, 0))
        if variable.startswith("page") or variable == "locator":
            text = super()._variable(item, context)
        else:
            text = dict.get(item.reference, variable.replace("-", "_"))  # missing: None, no exception
        if text is not None and text != "":
            ctx.used(base)
        return text


_MISSING = object()


class Date(_Cached, _m.Date):
    def process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        ctx = _ctx(self)
        var = variable or self.get("variable")
        if var in ctx.suppressed:
            return None
        # A rendered date is a function of this element, the calling context, the parts shown, the
        # date's own values, the output format and the language (text-case): dates repeat across
        # items, and rendering one walks the localized date and overrides each part's attributes.
        # The one other input, a year suffix Date_Part adds to the year itself (when the style
        # does not render year-suffix), is never cached.
        date = dict.get(item.reference, var.replace("-", "_"))
        state = ctx.state
        key = None
        if type(date) is _CpDate and (state is None or not state.year_suffix or not ctx.implicit_year_suffix):
            # only the parts shown are read (Date.parts filters by show_parts; a month that is
            # absent falls back to the season)
            shown = self._bb_shown() if show_parts is None else tuple(show_parts)
            values = tuple(dict.get(date, part) for part in shown)
            if "month" in shown:
                values += (dict.get(date, "season"),)
            key = (self, var, shown, context, values, ctx.english, ctx.formatter)
            text = ctx.dates.get(key, _MISSING)
            if text is not _MISSING:
                if text:
                    ctx.used(var)
                return text
        outer = ctx.date_variable
        ctx.date_variable = var
        try:
            text = super().process(item, variable, show_parts, context, **kwargs)
        finally:
            ctx.date_variable = outer
        if key is not None:
            ctx.dates[key] = text
        if text:
            ctx.used(var)
        return text

    # citeproc-py's Date.markup returns the text as it is: render is process, one frame less
    def render(self, *args, **kwargs):
        return self.process(*args, **kwargs)

    def _bb_shown(self) -> tuple:
        """The date parts citeproc-py's Date.process shows when the caller names none: the
        ``date-parts`` attribute of a localized date, else year, month and day."""
        try:
            return self._bb_shown_parts
        except AttributeError:
            parts = self.get("date-parts")
            localized = not self.is_locale_date() and self.get("form") is not None
            shown = self._bb_shown_parts = tuple(parts.split("-")) if localized and parts is not None \
                else ("year", "month", "day")
            return shown

    def render_single_date(self, date, show_parts=None, context=None):
        # A localized date (cs:locale/cs:date) joins its parts with its own delimiter.
        if context is not None and context is not self:
            parts = self.parts(date, show_parts, context)
        else:
            parts = self.parts(date, show_parts)
        if not parts:
            return None
        return self.join(parts)

    def is_locale_date(self):
        try:
            return self._bb_locale_date
        except AttributeError:
            self._bb_locale_date = super().is_locale_date()
            return self._bb_locale_date


class Date_Part(_Cached, _m.Date_Part):
    """A date part; in a localized date, the calling cs:date's matching part overrides its attributes.

    citeproc-py copied the override into the locale's element for good, so one
    cs:date's settings leaked into every later date; here the override lasts
    for one rendering.
    """

    format = _m.Formatted.format  # attributes change during an override: no cached flags
    wrap = _m.Affixed.wrap

    def _bb_override(self, context):
        if context is None or context is self:
            return None
        try:
            cache = self._bb_overrides
        except AttributeError:
            cache = self._bb_overrides = {}
        key = id(context)
        if key not in cache:
            name = self.get("name")
            found = [p for p in context._bb_kids() if isinstance(p, _m.Date_Part) and p.get("name") == name]
            cache[key] = (context, dict(found[0].attrib) if found else None)
        return cache[key][1]

    def render(self, date, context=None):
        # Memoized per render like Date.process: a part is a function of its value, the calling
        # cs:date (the override), the output format and the language; not when a year suffix is due.
        name = self.get("name")
        ctx = _ctx(self)
        state = ctx.state
        key = None
        if type(date) is _CpDate and not (name == "year" and ctx.implicit_year_suffix and state is not None
                                          and state.year_suffix):
            value = (dict.get(date, "month"), dict.get(date, "season")) if name == "month" else dict.get(date, name)
            key = (self, context, value, ctx.english, ctx.formatter)
            text = ctx.dates.get(key, _MISSING)
            if text is not _MISSING:
                return text
        text = self._render_overridden(date, context)
        if key is not None:
            ctx.dates[key] = text
        return text

    def _render_overridden(self, date, context):
        override = self._bb_override(context)
        if not override:
            return self._render(date, context)
        saved = dict(self.attrib)
        self.attrib.update(override)
        try:
            return self._render(date, context)
        finally:
            self.attrib.clear()
            self.attrib.update(saved)

    def _render(self, date, context):
        text = self.process(date, context)
        if self.get("name") == "year" and text:
            ctx = _ctx(self)
            state = ctx.state
            if (ctx.implicit_year_suffix and state is not None and state.year_suffix
                    and not ctx.year_suffix_done and ctx.date_variable == "issued"):
                ctx.year_suffix_done = True
                text = str(text) + state.year_suffix
        return self.markup(text)

    def process(self, date, context=None):
        terms = context if context is not None else self
        name = self.get("name")
        if name == "day":
            form = self.get("form", "numeric")
            day = date.day
            if form == "ordinal":
                limit = (self.get_locale_option("limit-day-ordinals-to-day-1") or "false").lower() == "true"
                if limit and day > 1:
                    return str(day)
                # the ordinal comes from the output locale's own terms (German "1.", never "1st")
                return _ordinal(day, self)
            return f"{day:02}" if form == "numeric-leading-zeros" else str(day)
        if name == "month":
            form = self.get("form", "long")
            try:
                index, term = date.month, "month"
            except _VariableError:
                index, term = date.season, "season"
            if form in ("long", "short"):
                return terms.get_single_term(name=f"{term}-{index:02}", form="short" if form == "short" else None)
            return f"{index:02}" if form == "numeric-leading-zeros" else str(index)
        if name == "year":
            if self.get("form", "long") == "short":
                return str(date.year)[-2:]
            text = str(abs(date.year))
            if date.year < 0:
                text += terms.get_single_term(name="bc")
            elif date.year < 1000:
                text += terms.get_single_term(name="ad")
            return text
        return None

    def case(self, text, language=None):
        return _Cached.case(self, text, language)


class Number(_Cached, _m.Number):
    def format_number(self, number):
        if self.get("form") == "ordinal":
            try:
                return _ordinal(int(number), self)
            except ValueError:
                return number
        return super().format_number(number)


def _ordinal(number: int, element) -> str:
    """An ordinal number in the output locale (CSL 1.0.2 ordinals)."""
    return f"{number}{_ctx(element).engine.ordinal_suffix(number)}"


class Names(_Cached, _m.Names):
    def get_parent_delimiter(self, context=None):
        el = (context if context is not None else self)
        parent = el._bb_context_element() if hasattr(el, "_bb_context_element") else None
        if parent is None:
            return self.get_root().get("names-delimiter", "")
        return parent.get_option("names-delimiter")

    def process(self, item, names_context=None, context=None, **kwargs):
        ctx = _ctx(self)
        try:
            variables, attrs = self._bb_variables
        except AttributeError:  # fixed for a parsed style
            variables = self.get("variable", "").split()
            attrs = tuple(v.replace("-", "_") for v in variables)
            self._bb_variables = (variables, attrs)
        if all(v in ctx.suppressed for v in variables):
            raise _VariableError
        top = ctx.names_depth == 0
        ctx.names_depth += 1
        record: set[str] = set()
        ctx.recording.append(record)
        try:
            text = self._bb_render_names(item, variables, names_context, context, **kwargs)
        finally:
            ctx.recording.pop()
            ctx.names_depth -= 1
        # what a cs:substitute rendered is not rendered again (CSL: substituted variables are suppressed)
        if record:
            ctx.suppressed |= record
        if ctx.recording:
            reference = item.reference
            for v, attr in zip(variables, attrs):
                if attr in reference:
                    ctx.used(v)
        if top and ctx.mode == "bibliography" and text and ctx.first_names is None:
            ctx.first_names = str(text)
            if ctx.substitute_first_names is not None:
                return ctx.substitute_first_names
        return text

    def render(self, *args, **kwargs):
        # citeproc-py's render → process → markup, one frame less (names render in every phase)
        text = self.process(*args, **kwargs)
        return self.wrap(self.format(text)) if text else None

    def _bb_render_names(self, item, roles, names_context, context, **kwargs):
        """citeproc-py's Names.process without its two exceptions per call (a missing cs:label
        and summing rendered names to detect form="count"); the same rules otherwise."""
        if context is None:
            context = self
        if names_context is None:
            names_context = self
        reference = item.reference
        ed_trans = False
        if len(roles) == 2 and set(roles) == {"editor", "translator"}:
            try:
                ed_trans = (reference.editor == reference.translator
                            and self.get_term("editortranslator").getchildren())
            except _VariableError:
                ed_trans = False
            if ed_trans:
                roles = ["editor"]
        output = []
        for role in roles:
            if role in reference:  # as citeproc-py: the CSL name, hyphen and all
                name_elem = names_context.name
                if name_elem is None:
                    name_elem = _m.Name()
                    names_context.insert(0, name_elem)
                text = name_elem.render(item, role, context=context, **kwargs)
                label_element = names_context.label
                if label_element is not None:
                    plural = len(reference[role]) > 1
                    try:  # citeproc-py ignores an AttributeError from the label
                        label = label_element.render(item, "editortranslator" if ed_trans else role, plural,
                                                     **kwargs)
                        if label is not None:
                            if label_element is names_context.getchildren()[0]:
                                text = label + text
                            else:
                                text = text + label
                    except AttributeError:
                        pass
                output.append(text)
        if output:
            if all(isinstance(part, int) for part in output):  # form="count": the numbers add up
                total = sum(output)
                return str(total) if total > 0 else None
            return self.join(output, self.get_parent_delimiter(context))
        substitute = self.substitute()
        if substitute is None:
            raise _VariableError
        return substitute.render(item, context=context, **kwargs)

    def substitute(self):
        try:
            return self._bb_substitute
        except AttributeError:
            self._bb_substitute = super().substitute()
            return self._bb_substitute


class Substitute(_Cached, _m.Substitute):
    def render(self, item, context=None, **kwargs):
        # the first child that renders wins; Names.process suppresses what it rendered
        names = self.getparent()
        for child in self._bb_kids():
            try:
                if isinstance(child, Names) and child.name is None:
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except _VariableError:
                continue
            if text:
                return text
        return None


class Name(_Cached, _m.Name):
    def get_option(self, name, context=None, sort_options=None):
        if not sort_options:
            try:
                cache = self._bb_options
            except AttributeError:
                cache = self._bb_options = {}
            key = (name, id(context))
            if key not in cache:
                cache[key] = (self._get_option(name, context, None), context)
            return cache[key][0]
        return self._get_option(name, context, sort_options)

    def _get_option(self, name, context=None, sort_options=None):
        if sort_options and name in sort_options:
            value = sort_options[name]
        else:
            el = context if context is not None else self
            parent = el._bb_context_element() if hasattr(el, "_bb_context_element") else None
            key = "name-" + name if name in ("form", "delimiter") else name
            if name in self.attrib:
                value = self.get(name)
            elif parent is not None:
                value = parent.get_option(key)
            else:
                root = self.get_root()
                value = root.get(key, root._default_options.get(key))
        if name in ("initialize-with-hyphen", "et-al-use-last"):
            value = str(value).lower() == "true"
        elif name.startswith("et-al"):
            value = int(value)
        return value

    def _inherited(self, name, default=None):
        if name in self.attrib:
            return self.get(name)
        for el in (self._bb_context_element(), self.get_root()):
            if el is not None and name in el.attrib:
                return el.get(name)
        return default

    def _bb_settings(self, context, sort_options) -> tuple:
        """The name options process() uses: fixed per style and calling context, so computed once
        for each context (sort keys pass their own options, looked up every time)."""
        if not sort_options:
            try:
                cache = self._bb_settings_cache
            except AttributeError:
                cache = self._bb_settings_cache = {}
            hit = cache.get(id(context))
            if hit is not None and hit[0] is context:
                return hit[1]
        opt = lambda n: self.get_option(n, context, sort_options)  # noqa: E731
        settings = (opt("and"), opt("delimiter"), opt("et-al-min"), opt("et-al-use-first"), opt("et-al-use-last"),
                    opt("initialize-with"), str(self._inherited("initialize", "true")).lower() != "false",
                    opt("name-as-sort-order"), opt("sort-separator"), opt("form"),
                    str(self.get_root().get("demote-non-dropping-particle", "display-and-sort")).lower())
        if not sort_options:
            cache[id(context)] = (context, settings)
        return settings

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        ctx = _ctx(self)
        names = item.reference.get(variable, [])
        (and_, delimiter, et_al_min, et_al_use_first, et_al_use_last, initialize_with, initialize,
         name_as_sort_order, sort_separator, form, demote) = self._bb_settings(context, sort_options)
        state = ctx.state
        if state is not None and state.names and not ctx.sorting:
            if ctx.mode == "citation" or ctx.engine.citation_et_al == (et_al_min, et_al_use_first):
                et_al_use_first = max(et_al_use_first, state.names)
        givenname = state.givenname if (state is not None and ctx.mode == "citation" and not ctx.sorting) else 0
        truncate = bool(et_al_min) and len(names) > 1 and len(names) >= et_al_min and et_al_use_first < len(names)
        use_last = truncate and et_al_use_last and et_al_use_first <= et_al_min - 2
        shown = names[:et_al_use_first] if truncate else list(names)
        if form == "count":
            return len(shown)

        parts = []
        settings = (self, context, initialize_with, initialize, name_as_sort_order, sort_separator, form, demote,
                    ctx.sorting, ctx.english, ctx.formatter)  # all that _bb_format_name reads
        names_cache = ctx.names
        for i, name in enumerate(shown):
            if "literal" in name:
                parts.append(name["literal"])
                continue
            expand = givenname if (i == 0 or not ctx.engine.givenname_primary) else 0
            # One name's text is a function of its parts, this element's settings, its position
            # (first or not), the given-name expansion, the language and the output format: names
            # repeat across items, so it is formatted once per render.
            key = (settings, i == 0, expand, name.get("given"), name.get("family"), name.get("dropping-particle"),
                   name.get("non-dropping-particle"), name.get("suffix"))
            part = names_cache.get(key)
            if part is None:
                part = names_cache[key] = self._bb_format_name(name, i, expand, context, form, initialize_with,
                                                               initialize, name_as_sort_order, sort_separator,
                                                               demote)
            parts.append(part)
        if ctx.sorting:
            return "\x01".join(str(p) for p in parts)
        return self._bb_join_names(parts, names, truncate, use_last, and_, delimiter, context, sort_options,
                                   name_as_sort_order, initialize_with, initialize, sort_separator, demote)

    def _bb_format_name(self, name, i, expand, context, form, initialize_with, initialize, name_as_sort_order,
                        sort_separator, demote):
        """The text of one (non-literal) name."""
        ctx = _ctx(self)
        given, family, dp, ndp, suffix = name.parts()
        name_form = "long" if expand else form
        if name_form == "short":
            pass
        elif given and initialize_with is not None and initialize and expand != 2:
            given = self.initialize(given, initialize_with, context)
        elif given and expand == 1 and initialize_with is None:
            given = self.initialize(given, ". ", context).strip()
        inverted = ctx.sorting or name_as_sort_order == "all" or (name_as_sort_order == "first" and i == 0)
        if name_form == "short":
            fam = " ".join(p for p in (ndp, family) if p)
            _, fam = self._name_parts(None, fam)
            return fam
        if inverted:
            if ctx.sorting:
                if demote in ("sort-only", "display-and-sort"):
                    fam, giv = family, " ".join(p for p in (given, dp, ndp) if p)
                else:
                    fam, giv = " ".join(p for p in (ndp, family) if p), " ".join(p for p in (given, dp) if p)
                return " ".join(p for p in (fam, giv, suffix) if p)
            if demote == "display-and-sort":
                fam, giv = family, " ".join(p for p in (given, dp, ndp) if p)
            else:
                fam, giv = " ".join(p for p in (ndp, family) if p), " ".join(p for p in (given, dp) if p)
            giv, fam = self._name_parts(giv, fam)
            return sort_separator.join(str(p) for p in (fam, giv, suffix) if p)
        fam = " ".join(p for p in (dp, ndp, family) if p)
        giv, fam = self._name_parts(given, fam)
        text = " ".join(str(p) for p in (giv, fam) if p)
        if suffix:
            text = f"{text} {suffix}"
        return text

    def _bb_join_names(self, parts, names, truncate, use_last, and_, delimiter, context, sort_options,
                       name_as_sort_order, initialize_with, initialize, sort_separator, demote):
        """The formatted names joined: et-al, et-al-use-last, the "and" term."""
        opt = lambda n: self.get_option(n, context, sort_options)  # noqa: E731
        if and_ == "text":
            and_term = _term_text(self, "and")
        elif and_ == "symbol":
            and_term = self.preformat("&")
        else:
            and_term = None
        if truncate:
            et_al = self.et_al()
            if use_last:
                return self._use_last(parts, names[-1], delimiter, context, name_as_sort_order,
                                      initialize_with, initialize, sort_separator, demote)
            if not et_al:
                return _join(parts, delimiter)
            precedes = opt("delimiter-precedes-et-al")
            inverted_last = name_as_sort_order in ("all",) or (name_as_sort_order == "first" and len(parts) == 1)
            if (precedes == "always" or (precedes == "contextual" and len(parts) >= 2)
                    or (precedes == "after-inverted-name" and inverted_last)):
                return _join(parts, delimiter) + _join(["", et_al], delimiter)
            return _join(parts, delimiter) + " " + et_al
        if len(parts) > 1 and and_term is not None:
            precedes = opt("delimiter-precedes-last")
            inverted_last = name_as_sort_order == "all" or (name_as_sort_order == "first" and len(parts) == 2)
            use_delim = (precedes == "always" or (precedes == "contextual" and len(parts) > 2)
                         or (precedes == "after-inverted-name" and inverted_last))
            head = _join(parts[:-1], delimiter)
            return head + (delimiter if use_delim else " ") + and_term + " " + parts[-1]
        return _join(parts, delimiter)

    def et_al(self):
        try:
            element = self._bb_et_al
        except AttributeError:
            found = self.xpath_search("./following-sibling::cs:et-al[1]")
            element = self._bb_et_al = found[0] if found else None
        if element is not None:
            return element.render()
        return self.get_single_term(name="et-al")

    def _use_last(self, parts, last, delimiter, context, order, init_with, initialize, sep, demote):
        given, family, dp, ndp, suffix = last.parts()
        if "literal" in last:
            text = family
        else:
            if given and init_with is not None and initialize:
                given = self.initialize(given, init_with, context)
            if order == "all":
                fam = family if demote == "display-and-sort" else " ".join(p for p in (ndp, family) if p)
                giv = " ".join(p for p in (given, dp, ndp if demote == "display-and-sort" else None) if p)
                text = sep.join(p for p in (fam, giv, suffix) if p)
            else:
                text = " ".join(p for p in (given, dp, ndp, family, suffix) if p)
        ellipsis = self.unicode_character("horizontal ellipsis")
        return _join(parts, delimiter) + _join(["", ""], delimiter).rstrip() + " " + ellipsis + " " + text

    def _name_parts(self, given, family):
        for part in self.findall("cs:name-part", self.nsmap):
            given, family = part.format_part(given, family)
        return given, family


class Name_Part(_Cached, _m.Name_Part):
    def format_part(self, given, family):
        if self.get("name") == "given" and given:
            given = self.wrap(self.format(self.case(given)))
        elif self.get("name") == "family" and family:
            family = self.wrap(self.format(self.case(family)))
        return given, family


class If(_Cached, _m.If):
    def _bb_test(self):
        """The condition, compiled once: (match, types, variables, other attributes present)."""
        try:
            return self._bb_compiled
        except AttributeError:
            pass
        attrib = self.attrib
        types = frozenset(attrib["type"].split()) if "type" in attrib else frozenset()
        variables = tuple(v.replace("-", "_") for v in attrib["variable"].split()) if "variable" in attrib else ()
        # tests that see more than the item's type and variables: data-dependent ones (is-numeric,
        # is-uncertain-date, year-suffix) and contextual ones (locator, position, disambiguate)
        data = any(k in attrib for k in ("is-numeric", "is-uncertain-date")) or "year_suffix" in variables
        contextual = any(k in attrib for k in ("locator", "position", "disambiguate"))
        compiled = self._bb_compiled = (attrib.get("match", "all"), types, variables, data or contextual, data)
        return compiled

    def holds(self, item, context=None) -> bool:
        """Whether the condition is true for ``item`` (no exceptions on the common path)."""
        match, types, variables, others, _ = self._bb_test()
        if others:
            try:
                self._full_test(item, context)
            except _m.ConditionFailed:
                return False
            return True
        reference = item.reference
        if match == "any":
            return ((bool(types) and dict.__getitem__(reference, "type") in types)
                    or any(v in reference for v in variables))
        if match == "none":
            return not ((bool(types) and dict.__getitem__(reference, "type") in types)
                        or any(v in reference for v in variables))
        if types:
            kind = dict.__getitem__(reference, "type")
            if any(t != kind for t in types):
                return False
        return all(v in reference for v in variables)

    def holds_for_shape(self, shape: tuple, item, context=None) -> bool:
        """:meth:`holds`, remembered per item shape (see Choose.render) unless the test reads data."""
        if self._bb_test()[4]:
            return self.holds(item, context)
        try:
            known = self._bb_by_shape
        except AttributeError:
            known = self._bb_by_shape = {}
        result = known.get(shape)
        if result is None:
            result = known[shape] = self.holds(item, context)
        return result

    def render(self, item, context=None, delimiter="", **kwargs):
        if not self.holds(item, context):
            raise _m.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def _full_test(self, item, context=None):
        results = []
        if "type" in self.attrib:
            results += self._type(item)
        if "variable" in self.attrib:
            results += self._variable(item)
        if "is-numeric" in self.attrib:
            results += self._is_numeric(item)
        if "is-uncertain-date" in self.attrib:
            results += self._is_uncertain_date(item)
        if "locator" in self.attrib:
            results += self._locator(item)
        if "position" in self.attrib:
            results += self._position(item, context)
        if "disambiguate" in self.attrib:
            state = _ctx(self).state
            wanted = self.get("disambiguate") == "true"
            results.append(bool(state is not None and state.disambiguate) == wanted)
        match = self.get("match", "all")
        if match == "any":
            ok = any(results)
        elif match == "none":
            ok = not any(results)
        else:
            ok = all(results)
        if not ok:
            raise _m.ConditionFailed

    def _type(self, item):
        return [t == item.reference.type for t in self.get("type").split()]

    def _variable(self, item):
        out = []
        for name in self.get("variable").split():
            variable = name.replace("-", "_")
            if variable == "locator":
                out.append("locator" in item)
            elif variable == "year_suffix":  # a generated variable: set when disambiguation gave a suffix
                state = _ctx(self).state
                out.append(bool(state is not None and state.year_suffix))
            else:
                out.append(variable in item.reference)
        return out

    def _position(self, item, context):
        ctx = _ctx(self)
        if ctx.mode != "citation":
            return [False for _ in self.get("position").split()]
        seen = ctx.engine.cited_keys
        return [(p == "first") == (item.key not in seen) if p in ("first", "subsequent") else False
                for p in self.get("position").split()]


class Else_If(If):
    pass


class Key(_Cached, _m.Key):
    pass


# variables not in the item's data (a cite's locator is: see _present)
_GENERATED = frozenset({"citation_number", "citation_label", "year_suffix",
                        "first_reference_note_number", "page_first"})


def _possible_variables(element, path: tuple = ()) -> frozenset | None:
    """Every variable an element could render (through macros and substitutes), or None when it
    could render a generated variable; computed once per element."""
    try:
        return element._bb_possible
    except AttributeError:
        pass
    found: set[str] = set()
    result: frozenset | None = None
    for el in element.iter():
        if not isinstance(el.tag, str):
            continue
        names = el.get("variable")
        if names and el.tag.endswith(("}text", "}names", "}date", "}number", "}label")):
            variables = {v.replace("-", "_") for v in names.split()}
            if variables & _GENERATED:
                break
            found |= variables
        macro = el.get("macro")
        if macro and el.tag.endswith("}text"):
            if macro in path:  # a macro calling itself: not valid CSL, never pruned
                break
            inner = _possible_variables(el.get_macro(macro), path + (macro,))
            if inner is None:
                break
            found |= inner
    else:
        result = frozenset(found)
    element._bb_possible = result
    return result


class Group(_Cached, _m.Group):
    def render(self, item, context=None, **kwargs):
        # citeproc-py's render → process → markup in one frame (groups are the most nested element).
        # CSL: a group that calls variables is suppressed when none of them renders; when the item
        # has none of the variables the group could ever render, that is known without rendering
        try:
            prune, delimiter, kids, plain = self._bb_group
        except AttributeError:
            prune, delimiter, kids, plain = self._bb_group_setup()
        have = _present(item)
        if prune is not None and prune.isdisjoint(have):
            raise _VariableError
        output = []
        called = rendered = False
        for child, is_choose, calls, child_prune in kids:
            called = called or calls
            if child_prune is not None and child_prune.isdisjoint(have):
                continue  # the child group would raise _VariableError: skipped without a call
            try:
                if is_choose:
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except _VariableError:
                continue
            if text is not None:
                output.append(text)
                rendered = rendered or calls
        if output and (rendered or not called):
            text = output[0] if len(output) == 1 else self.join(output)  # one piece: join() returns it as is
            if not text:
                return None
            return text if plain and not isinstance(text, (int, float)) else self.wrap(self.format(text))
        raise _VariableError

    def _bb_group_setup(self):
        """What process() needs, fixed for a parsed style: the variables that could render (when
        the group calls any), the delimiter, and each child with whether it is a cs:choose and calls
        a variable."""
        possible = _possible_variables(self)
        prune = possible if possible is not None and self.calls_variable() else None
        kids = tuple((child, isinstance(child, Choose), child.calls_variable(), _prune(child))
                     for child in self._bb_kids())
        # no formatting and no affixes: format() and wrap() would return the text as it is
        plain = (all(self.get(k, d) == d for k, d in self._FORMAT_ATTRS)
                 and self.get("prefix") is None and self.get("suffix") is None)
        setup = self._bb_group = (prune, self.get("delimiter", ""), kids, plain)
        return setup


def _prune(element) -> frozenset | None:
    """For a cs:group: the variables it could render, when it renders nothing unless the item has
    one of them (Group.render raises _VariableError then); None for every other element."""
    if not isinstance(element, Group):
        return None
    try:
        return element._bb_group[0]
    except AttributeError:
        return element._bb_group_setup()[0]


class Label(_Cached, _m.Label):
    pass


class Et_Al(_Cached, _m.Et_Al):
    pass


class Macro(_Cached, _m.Macro):
    pass


_LOCATOR = frozenset({"locator"})


def _present(item) -> frozenset:
    """The variables a cs:group's prune set is tested against: the reference's, and ``locator``
    when the cite has one (cs:text and cs:label with variable="locator" read the cite, and render
    nothing without one, so APA's label-locator group is skipped for a cite without a locator)."""
    have = _shape(item.reference)[1]
    return have | _LOCATOR if "locator" in item else have


def _shape(reference) -> tuple:
    """An item's type and the variables it has: all that type/variable conditions can see."""
    try:
        return reference.__dict__["_bb_shape"]
    except KeyError:
        shape = reference.__dict__["_bb_shape"] = (dict.__getitem__(reference, "type"), frozenset(reference))
        return shape


class Choose(_Cached, _m.Choose):
    def render(self, item, context=None, delimiter="", **kwargs):
        try:
            kids = self._bb_children
        except AttributeError:
            kids = self._bb_kids()
        try:
            branches = self._bb_branches
        except AttributeError:
            simple = all(not isinstance(c, If) or not c._bb_test()[4] for c in kids)
            branches = self._bb_branches = {} if simple else None
        # a condition without data-dependent tests is a function of the item's shape (type and
        # variables present) and of the context (mode, cited before, disambiguate, locator)
        ctx = _ctx(self)
        if ctx.choose_item is item:
            shape = ctx.choose_shape
        else:  # fixed while one item renders (reset_item starts over): computed once per render
            state = ctx.state
            shape = ctx.choose_shape = (_shape(item.reference), ctx.mode, item.key in ctx.engine.cited_keys,
                                        bool(state is not None and state.disambiguate), "locator" in item)
            ctx.choose_item = item
        if branches is not None:
            # no data-dependent tests here: the branch itself is a function of the shape
            index = branches.get(shape)
            if index is None:
                index = next((i for i, c in enumerate(kids) if not isinstance(c, If) or c.holds(item, context)), -1)
                branches[shape] = index
            if index < 0:
                return None
            return kids[index].render_children(item, context=context, delimiter=delimiter, **kwargs)
        for child in kids:
            if isinstance(child, If):
                if not child.holds_for_shape(shape, item, context):
                    continue
            return child.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return None


class Else(_Cached, _m.Else):
    pass


class Sort(_Cached, _m.Sort):
    pass


_ELEMENT_CLASSES = {cls.__name__.replace("_", "-").lower(): cls for cls in (
    Layout, Text, Date, Date_Part, Number, Names, Name, Name_Part, Substitute, If, Else_If, Key, Group, Label,
    Et_Al, Macro, Choose, Else, Sort)}


# =========================================================================== parsing


class Style(_Cached, _m.Style):
    def set_locale_list(self, output_locale, validate=False):
        """citeproc-py's locale search order, with the locale files parsed by our element classes."""
        self.locales = []
        self._bb_keep: list[list[Any]] = []
        added = set()

        def instyle(lang):
            expr = f'./cs:locale[@xml:lang="{lang}"]' if lang else "./cs:locale[not(@xml:lang)]"
            for element in self.xpath_search(expr):
                self.locales.append(element)

        def system(lang):
            if lang not in added:
                path = os.path.join(_cp.LOCALES_PATH, f"locales-{lang}.xml")
                if os.path.exists(path):
                    locale_root = _parse(path).getroot()
                    # keep the locale's element proxies alive with the style: their attributes are caches
                    self._bb_keep.append(list(locale_root.iter()))
                    self.locales.append(locale_root)
                    added.add(lang)

        language = output_locale.split("-")[0]
        instyle(output_locale)
        instyle(language)
        instyle(None)
        if output_locale in _cp.LANGUAGE_NAMES:
            system(output_locale)
        if language in _cp.PRIMARY_DIALECTS:
            system(_cp.PRIMARY_DIALECTS[language])
        system("en-US")
        for locale in self.locales:
            locale.style = self


class Locale(_Cached, _m.Locale):
    get_term = _m.Locale.get_term
    get_date = _m.Locale.get_date


_ELEMENT_CLASSES["style"] = Style
_ELEMENT_CLASSES["locale"] = Locale


@functools.lru_cache(maxsize=1)
def _parser() -> etree.XMLParser:
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace("http://purl.org/net/xbiblio/csl")
    namespace[None] = _m.CitationStylesElement
    namespace.update({cls.__name__.replace("_", "-").lower(): cls for cls in _m.CitationStylesElement.__subclasses__()})
    namespace.update(_ELEMENT_CLASSES)
    parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True, resolve_entities=False)
    parser.set_element_class_lookup(lookup)
    return parser


def _parse(path: str):
    return etree.parse(path, _parser())


@functools.lru_cache(maxsize=1)
def available_locales() -> list[str]:
    names = []
    for file in os.listdir(_cp.LOCALES_PATH):
        if file.startswith("locales-") and file.endswith(".xml"):
            names.append(file[len("locales-"):-len(".xml")])
    return sorted(names)


# =========================================================================== data


_NAME_FIELDS = {"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal"}
_RICH = {"title", "container_title", "title_short", "container_title_short", "collection_title", "abstract", "note"}


def _cp_reference(key: str, ref: Reference, fmt: str) -> _CpReference:
    """One blogbib reference as citeproc-py data, every string escaped for ``fmt``."""
    item = to_csl(ref)
    preformat = FORMATTERS[fmt].preformat
    fields: dict[str, Any] = {}
    extra = {k: v for k, v in ref.extra if isinstance(v, str)}
    for name, value in [*extra.items(), *item.items()]:
        attr = name.replace("-", "_")
        if attr in ("id", "citation_key", "type", "custom") or attr not in _cp.VARIABLES:
            continue
        if attr in _cp.NAMES:
            names = []
            for part in value if isinstance(value, list) else []:
                parts = {k: preformat(_smart_quotes(str(v))) for k, v in part.items() if k in _NAME_FIELDS and v}
                if parts:
                    names.append(_record(_CpName, parts))
            if names:
                fields[attr] = names
        elif attr in _cp.DATES:
            if isinstance(value, dict) and value.get("date-parts"):
                parts = value["date-parts"][0]
                date = dict(zip(("year", "month", "day"), (int(p) for p in parts)))
                date["circa"] = False
                fields[attr] = record = _record(_CpDate, date)
                # citeproc-py reads date parts as attributes (date.year), which its dict subclass
                # answers through two Python-level lookups; fixed values can be plain attributes
                record.__dict__.update(date)
        elif attr == "language":
            fields[attr] = str(value)
        elif attr in _RICH:
            fields[attr] = rich_text(value, fmt)
        elif attr == "URL" and fmt == "markdown" and markdown_autolink(str(value)):
            # A Markdown URL is a link, as pandoc's citeproc writes it; one that may
            # not be a link (javascript:, spaces) stays escaped text.
            fields[attr] = _Tag(markdown_autolink(str(value)))
        else:
            fields[attr] = String(preformat(str(value)))
    if "citation_label" not in fields:
        fields["citation_label"] = String(preformat(citation_label(item)))
    fields["key"] = key
    fields["type"] = str(item.get("type") or "post-weblog")
    return _record(_CpReference, fields)


def _record(cls, values: dict[str, Any]):
    """A citeproc-py data record (a dict subclass) filled directly: its constructor re-checks
    every key against the CSL variable list, which costs more than the rest of the conversion."""
    record = dict.__new__(cls)
    dict.update(record, values)
    return record


def citation_label(item: dict[str, Any]) -> str:
    """The generated ``citation-label`` (citeproc-js's trigraph ``Aaaa00:AaAa00:AaAA00``).

    >>> citation_label({"author": [{"family": "Müller"}, {"family": "Çelik"}], "issued": {"date-parts": [[2021]]}})
    'MüÇe21'
    """
    names = [n.get("family") or n.get("literal") or "" for n in item.get("author") or item.get("editor") or []]
    names = [re.sub(r"\W", "", n) for n in names if n]
    if not names:
        label = re.sub(r"\W", "", str(item.get("title") or ""))[:4]
    elif len(names) == 1:
        label = names[0][:4]
    elif len(names) == 2:
        label = names[0][:2] + names[1][:2]
    else:
        label = names[0][:2] + names[1][:1] + names[2][:1]
    issued = item.get("issued") or {}
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    if parts and parts[0]:
        label += f"{int(parts[0][0]) % 100:02d}"
    return label


class _Item(CitationItem):
    """A CitationItem that holds its reference (citeproc-py looks it up through three properties)."""

    def __init__(self, key: str, reference: _CpReference) -> None:
        super().__init__(key)
        self.__dict__["reference"] = reference
        self.__dict__["key"] = self["key"]  # read for every cs:choose: a plain attribute, not __getattr__

    # shadows the base class's property, so the instance attribute set in __init__ is read directly
    reference = None  # type: ignore[assignment]


class _Registry:
    """What citeproc-py's CitationItem expects of a bibliography: the data and the formatter."""

    def __init__(self, source: dict[str, _CpReference], formatter: _Formatter) -> None:
        self.source = source
        self.formatter = formatter
        self.keys: list[str] = []


_FOLD_DROP = re.compile(r"[“”‘’„\"'\ue000\ue001\ue002«»()\[\]]|<[^>]+>")


def _collation_key(text: str) -> str:
    """Locale-blind stand-in for a collator: case and accents ignored, quotes and markup dropped."""
    text = _FOLD_DROP.sub("", text)
    if not text.isascii():  # ASCII text has no decomposition and no combining marks
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().strip()


def _letters(n: int) -> str:
    """Year-suffix letters: a … z, aa, ab …"""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


# =========================================================================== engine


@contextlib.contextmanager
def _no_gc():
    """Rendering makes many small acyclic objects: the cyclic collector only adds
    work that grows with the number of live references (measured: per-entry time
    rose a third from 1,000 to 10,000 entries with it on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()



class Engine:
    """One parsed style in one locale: renders bibliographies and citations.

    The style and its locales are parsed once (engines are cached by
    :func:`engine`); a lock keeps concurrent renders apart, since citeproc-py
    keeps per-render state on the parsed style.
    """

    # the mapping type of the per-render memos of dates and names; the tests swap in one that
    # keeps nothing, to check that the memoized output is the output rendered every time
    memo_type: type = dict

    def __init__(self, source: StyleSource, locale: str | None) -> None:
        self.source = source
        self.locale = locale or source.default_locale or "en-US"
        self._lock = threading.RLock()
        try:
            tree = _parse(source.path)
        except (OSError, etree.XMLSyntaxError) as exc:
            raise BlogbibError(f"{source.path}: cannot read the style: {exc}") from None
        root = tree.getroot()
        if not isinstance(root, Style):
            raise BlogbibError(f"{source.path}: not a CSL style")
        self.tree = tree
        self.root = root
        self._elements = list(root.iter())  # keep proxies (and their caches) alive
        root.set_locale_list(self.locale)
        self.ctx = _Context(self)
        root.bb = self.ctx
        for loc in root.locales:
            loc.getroottree().getroot().bb = self.ctx
        self.english = self.ctx.english = self.locale.lower().startswith("en")
        self.citation_el = root.find("cs:citation", root.nsmap)
        self.bib_el = root.find("cs:bibliography", root.nsmap)
        if self.citation_el is None:
            raise BlogbibError(f"{source.path}: the style has no cs:citation")
        cit = self.citation_el
        self.citation_layout = cit.find("cs:layout", root.nsmap)
        self.citation_et_al = (
            int(cit.get("et-al-min", root.get("et-al-min", 0))),
            int(cit.get("et-al-use-first", root.get("et-al-use-first", 1))),
        )
        self.ctx.implicit_year_suffix = not root.xpath('//cs:text[@variable="year-suffix"]', namespaces=root.nsmap)
        self.has_disambiguate_condition = bool(root.xpath("//cs:if[@disambiguate] | //cs:else-if[@disambiguate]",
                                                          namespaces=root.nsmap))
        for el in (self.citation_el, self.bib_el):
            if el is not None:
                el.layout.repressed = {}  # citeproc-py's own suppression list; ours is _Context.suppressed
                el.cites = []
        # givenname-disambiguation-rule: which names may show given names, and how much of them
        rule = cit.get("givenname-disambiguation-rule", "by-cite")
        self.givenname_primary = rule.startswith("primary-name")
        self.givenname_levels = (1,) if rule.endswith("with-initials") else (1, 2)
        self.cited_keys: set[str] = set()
        self._first_cites: dict[str, Any] = {}
        self._term_cache: dict[tuple[str, ...], str] = {}

    # ------------------------------------------------------------------ locale terms
    def ordinal_suffix(self, number: int) -> str:
        """The ordinal suffix for ``number`` (CSL 1.0.2 ordinal terms), from the output locale's
        own language before any fallback locale: German "1." rather than English "1st"."""
        candidates = [f"ordinal-{number:02d}"] if number < 100 else []
        if not 11 <= number % 100 <= 13:
            candidates += [f"ordinal-{number % 100:02d}", f"ordinal-{number % 10:02d}"]
        candidates.append("ordinal")
        key = tuple(candidates)
        if key in self._term_cache:
            return self._term_cache[key]
        language = self.locale.split("-")[0]
        lang_key = "{http://www.w3.org/XML/1998/namespace}lang"
        found = ""
        for same_language in (True, False):
            for name in candidates:
                for locale in self.root.locales:
                    lang = locale.get(lang_key)
                    if same_language and lang is not None and lang.split("-")[0] != language:
                        continue
                    try:
                        term = locale.get_term(name)
                    except IndexError:
                        continue
                    found = str(term.single)
                    break
                else:
                    continue
                break
            else:
                continue
            break
        self._term_cache[key] = found
        return found

    # ------------------------------------------------------------------ preparing
    def _prepare(self, refs: Sequence[Reference], fmt: str) -> tuple[list[CitationItem], dict[str, str]]:
        source = {f"r{i}": _cp_reference(f"r{i}", ref, fmt) for i, ref in enumerate(refs)}
        registry = _Registry(source, FORMATTERS[fmt])
        self.root.formatter = self.ctx.formatter = registry.formatter
        self.ctx.dates = self.memo_type()
        self.ctx.names = self.memo_type()
        items = []
        for key in source:
            item = _Item(key, source[key])
            Citation([item]).bibliography = registry
            items.append(item)
        registry.keys = list(source)
        ctx = self.ctx
        ctx.states = {key: _ItemState() for key in source}
        ctx.numbers = {key: i + 1 for i, key in enumerate(source)}
        self.cited_keys = set()
        ordered = self._sort(items) if self.bib_el is not None else list(items)
        ctx.numbers = {item.key: i + 1 for i, item in enumerate(ordered)}
        self._first_cites = {}
        self._disambiguate(ordered)
        return ordered, {f"r{i}": ref.id for i, ref in enumerate(refs)}

    def _start_item(self, item: CitationItem, mode: str) -> None:
        ctx = self.ctx
        ctx.mode = mode
        ctx.reset_item(item.key)
        language = item.reference.get("language")
        ctx.english = str(language).lower().startswith("en") if language else self.english

    # ------------------------------------------------------------------ sorting
    def _sort(self, items: list[CitationItem]) -> list[CitationItem]:
        sort = self.bib_el.find("cs:sort", self.root.nsmap)
        if sort is None:
            return list(items)
        specs = [(key, key.get("sort", "ascending") == "descending") for key in sort.findall("cs:key", sort.nsmap)]
        cache: dict[tuple[int, str], Any] = {}

        def value(item: CitationItem, level: int):
            slot = (level, item.key)
            if slot not in cache:
                cache[slot] = self._sort_value(specs[level][0], item)
            return cache[slot]

        def sort_group(group: list[CitationItem], level: int) -> list[CitationItem]:
            if level == len(specs) or len(group) < 2:
                return group
            present = [(value(it, level), it) for it in group]
            missing = [it for v, it in present if v is None]
            present = [(v, it) for v, it in present if v is not None]
            present.sort(key=lambda pair: pair[0], reverse=specs[level][1])
            out: list[CitationItem] = []
            for _, run in groupby(present, key=lambda pair: pair[0]):
                out.extend(sort_group([it for _, it in run], level + 1))
            out.extend(sort_group(missing, level + 1))
            return out

        return sort_group(list(items), 0)

    def _sort_value(self, key, item: CitationItem):
        ctx = self.ctx
        ref = item.reference
        if "variable" in key.attrib:
            variable = key.get("variable").replace("-", "_")
            if variable == "citation_number":
                return (0, ctx.numbers[item.key], "")
            if variable not in ref:
                return None
            value = ref[variable]
            if variable in _cp.NAMES:
                demote = self.root.get("demote-non-dropping-particle", "display-and-sort")
                names = []
                for name in value:
                    given, family, dp, ndp, suffix = name.parts()
                    if "literal" not in name and demote == "never":
                        family = " ".join(p for p in (ndp, family) if p)
                        ndp = None
                    names.append(" ".join(p for p in (family, given, dp, ndp, suffix) if p))
                return (1, 0, _collation_key("\x01".join(names)))
            if variable in _cp.DATES:
                return (1, 0, value.sort_key()) if hasattr(value, "sort_key") else None
            text = str(value)
            if variable in _cp.NUMBERS and text.isdigit():
                return (0, int(text), "")
            return (1, 0, _collation_key(text))
        macro = self.root.get_macro(key.get("macro"))
        options = {"name-as-sort-order": "all"}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in key.attrib:
                options[option.replace("names", "et-al")] = key.get(option)
        self._start_item(item, "sort")
        ctx.sorting = True
        try:
            text = macro.render(item, context=key, sort_options=options)
        except _VariableError:
            text = None
        finally:
            ctx.sorting = False
        if text is None:
            return None
        folded = _collation_key(str(text))
        if not folded:
            return None
        if folded.isdigit():
            return (0, int(folded), "")
        return (1, 0, folded)

    # ------------------------------------------------------------------ disambiguation
    def _cite_text(self, item: CitationItem) -> str:
        self._start_item(item, "citation")
        layout = self.citation_layout
        try:
            text = layout.render_children(item)
        except _VariableError:
            text = None
        self._first_cites[item.key] = text  # reused by citations() while the item's state holds
        return str(text) if text is not None else ""

    @staticmethod
    def _ambiguous(texts: dict[str, str], keys: list[str]) -> list[list[str]]:
        groups: dict[str, list[str]] = {}
        for key in keys:
            groups.setdefault(texts[key], []).append(key)
        return [g for g in groups.values() if len(g) > 1]

    def _disambiguate(self, ordered: list[CitationItem]) -> None:
        cit = self.citation_el
        add_names = cit.get("disambiguate-add-names") == "true"
        add_given = cit.get("disambiguate-add-givenname") == "true"
        add_suffix = cit.get("disambiguate-add-year-suffix") == "true"
        if not (add_names or add_given or add_suffix or self.has_disambiguate_condition):
            return
        by_key = {item.key: item for item in ordered}
        states = self.ctx.states
        keys = [item.key for item in ordered]
        texts = {key: self._cite_text(by_key[key]) for key in keys}
        groups = self._ambiguous(texts, keys)
        if not groups:
            return

        def rerender(members: list[str]) -> None:
            for key in members:
                texts[key] = self._cite_text(by_key[key])

        def snapshot(members: list[str]) -> dict[str, tuple]:
            return {k: (texts[k], self._first_cites.get(k)) for k in members}

        def restore(saved: dict[str, tuple]) -> None:  # a step that did not help is undone without rendering
            for k, (text, raw) in saved.items():
                texts[k] = text
                self._first_cites[k] = raw

        def same_names(group: list[str]) -> bool:
            """Members with the same names: adding names or given names cannot tell them apart."""
            first = [tuple(n.parts()) for n in by_key[group[0]].reference.get("author", []) or []]
            return all([tuple(n.parts()) for n in by_key[k].reference.get("author", []) or []] == first
                       for k in group[1:])

        if add_names:
            for group in groups:
                if same_names(group):
                    continue
                most = max(len(by_key[k].reference.get("author", []) or []) for k in group)
                pending = list(group)
                start = self.citation_et_al[1]
                for n in range(start + 1, most + 1):
                    if len(pending) < 2:
                        break
                    old = {k: states[k].names for k in pending}
                    saved = snapshot(pending)
                    for k in pending:
                        states[k].names = n
                    # only a list cut by et-al shows one more name at this step
                    rerender([k for k in pending if len(by_key[k].reference.get("author") or ()) >= max(
                        n, self.citation_et_al[0])])
                    parts = self._ambiguous(texts, pending)
                    still = [k for part in parts for k in part]
                    if len(parts) == 1 and len(still) == len(pending):  # no split: this step does not help
                        for k in pending:
                            states[k].names = old[k]
                        restore(saved)
                        continue
                    pending = still
            groups = self._ambiguous(texts, keys)
        if add_given and groups:
            for group in groups:
                if same_names(group):
                    continue
                saved = snapshot(group)
                for level in self.givenname_levels:
                    for k in group:
                        states[k].givenname = level
                    rerender(group)
                    parts = self._ambiguous(texts, group)
                    if len(parts) != 1 or len(parts[0]) != len(group):
                        break
                else:
                    for k in group:
                        states[k].givenname = 0
                    restore(saved)
            groups = self._ambiguous(texts, keys)
        if self.has_disambiguate_condition and groups:
            for group in groups:
                for k in group:
                    states[k].disambiguate = True
                rerender(group)
            groups = self._ambiguous(texts, keys)
        if add_suffix and groups:
            for group in groups:
                for i, k in enumerate(group):  # `keys` is in bibliography order, so are the groups
                    states[k].year_suffix = _letters(i)
                    self._first_cites.pop(k, None)

    # ------------------------------------------------------------------ output
    def bibliography(self, refs: Sequence[Reference], fmt: str = "text") -> list[tuple[str, str]]:
        if not refs:
            return []
        if self.bib_el is None:
            raise BlogbibError(f"style {self.source.name!r} has no bibliography; use cite() instead")
        with self._lock, _no_gc():
            ordered, ids = self._prepare(refs, fmt)
            layout = self.bib_el.layout
            split = self.bib_el.get("second-field-align") in ("flush", "margin")
            substitute = self.bib_el.get("subsequent-author-substitute")
            out: list[tuple[str, str]] = []
            previous_names: str | None = None
            for item in ordered:
                self._start_item(item, "bibliography")
                rendered = layout.render_entry(item, split)
                names = self.ctx.first_names
                if substitute is not None and names is not None and names == previous_names:
                    self._start_item(item, "bibliography")
                    self.ctx.substitute_first_names = FORMATTERS[fmt].preformat(substitute)
                    rendered = layout.render_entry(item, split)
                previous_names = names
                out.append((ids[item.key], self._entry(rendered, fmt)))
            return out

    @staticmethod
    def _entry(rendered: Any, fmt: str) -> str:
        if isinstance(rendered, tuple):
            left, right = (finish(str(p)) if p is not None else "" for p in rendered)
            if fmt == "html":
                return ('  <div class="csl-entry">\n'
                        f'    <div class="csl-left-margin">{left}</div><div class="csl-right-inline">{right}</div>\n'
                        "  </div>")
            return f"{left.rstrip()} {right.lstrip()}".strip()
        text = finish(str(rendered)) if rendered is not None else ""
        if fmt == "html":
            return f'  <div class="csl-entry">{text}</div>'
        return text

    def citations(self, refs: Sequence[Reference], fmt: str = "text") -> list[str]:
        if not refs:
            return []
        with self._lock, _no_gc():
            ordered, _ = self._prepare(refs, fmt)
            by_key = {item.key: item for item in ordered}
            layout = self.citation_el.layout
            out = []
            for i in range(len(refs)):
                item = by_key[f"r{i}"]
                if item.key in self._first_cites:  # each item is cited once: its first cite was rendered already
                    text = self._first_cites.pop(item.key)
                else:
                    self._start_item(item, "citation")
                    try:
                        text = layout.render_children(item)
                    except _VariableError:
                        text = None
                self.cited_keys.add(item.key)
                if text is None:
                    out.append("")
                    continue
                out.append(finish(str(layout.format(layout.wrap(text)))))
            return out


@functools.lru_cache(maxsize=32)
def _engine(path: str, mtime: float, locale: str | None, name: str) -> Engine:
    source = resolve_style(path)
    return Engine(StyleSource(name, source.path, source.default_locale, source.parent), locale)


def engine(style: str | None, locale: str | None) -> Engine:
    """The engine for a style and locale: parsed once, then cached."""
    source = resolve_style(style)
    locale = resolve_locale(locale, available_locales())
    return _engine(source.path, os.path.getmtime(source.path), locale or source.default_locale, source.name)
