"""``cs:name`` and ``cs:name-part``: one name list as the style prints it.

Options are inherited (``cs:name``, then ``cs:citation``/``cs:bibliography``, then
``cs:style``) and resolved once per element and section.  Disambiguation widens the list (add
names) and expands given names (add given names); ``demote-non-dropping-particle`` places
particles in inverted names and sort keys; et-al, et-al-use-last and the "and" term join it.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING, Any

from .elements import Element
from .items import MoreNames, NameData
from .output import NAME, PLAIN, Fmt, Node, Output, plain_text
from .state import CITATION, SORT

if TYPE_CHECKING:
    from .state import RenderContext

__all__ = ["Name", "NamePart", "NameOptions", "initialize", "is_cjk"]

_CJK = ((0x3000, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF),
        (0xFF00, 0xFFEF), (0x20000, 0x2FA1F))


def is_cjk(char: str) -> bool:
    """Whether a character is Chinese, Japanese or Korean (ideographs, kana, hangul, CJK punctuation)."""
    return bool(char) and any(low <= ord(char) <= high for low, high in _CJK)


_GIVEN_TOKEN = re.compile(r"([^\s.]+)(\.?)")


def initialize(given: str, mark: str, hyphen: bool, words: bool = True) -> str:
    """Given names as initials: ``Jean-Paul`` → ``J.-P.``, ``Ji-won`` → ``J.`` (as citeproc-js).

    A word written with a period or of one letter (``Ph.``, ``M``) is an initial already and
    is kept whole; other words become their first letter (only with ``words``: the style's
    ``initialize`` is true); lower-case words (particles) stay whole.
    """
    if not words:  # only initials are rewritten; a hyphenated name stays one word
        pieces = [given]
    else:
        pieces = given.split("-") if hyphen else [given.replace("-", " ")]
        pieces = pieces[:1] + [p for p in pieces[1:] if not p[:1].islower()]
    out = []
    for piece in pieces:
        text = ""
        group: list[str] = []
        for word, period in _GIVEN_TOKEN.findall(piece):
            if word[0].isupper() and (period or len(word) == 1):
                group.append(word)
            elif word[0].isupper() and words:  # "TSerendorjiin" → "Ts" (a two-letter initial, citeproc-js)
                two = len(word) > 2 and word[1].isupper() and word[2:].islower()
                group.append(word[0] + word[1].lower() if two else word[0])
            else:
                if group:
                    text += mark.join(group) + mark + " "
                text += word + " "
                group = []
        if group:
            text += mark.join(group) + mark
        out.append(" ".join(text.split()))
    return "-".join(out)


def _words(parts: Any) -> str:
    """Name parts joined by spaces, except after a particle that ends with an apostrophe or a
    hyphen ("d’Aubignac", "al-One")."""
    out = ""
    for part in parts:
        if not part:
            continue
        out += part if not out or out[-1] in "\u2019'-" else " " + part
    return out


class NamePart(Element):
    """``cs:name-part``: formatting of the given or family part."""

    __slots__ = ("name",)

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        self.name = self.attrib.get("name")
        fmt = self.fmt
        if "normal" in (fmt.font_style, fmt.font_variant, fmt.font_weight):  # citeproc-js ignores these on a name-part
            self.fmt = Fmt(fmt.prefix, fmt.suffix, fmt.delimiter, *(v if v != "normal" else "" for v in (
                fmt.font_style, fmt.font_variant, fmt.font_weight)), fmt.text_decoration, fmt.vertical_align, fmt.quotes)


class NameOptions:
    """A cs:name's options in one section (and sort key), resolved."""

    __slots__ = ("and_", "delimiter", "et_al_min", "et_al_use_first", "et_al_subsequent_min",
                 "et_al_subsequent_use_first", "et_al_use_last", "initialize_with", "initialize",
                 "initialize_with_hyphen", "name_as_sort_order", "sort_separator", "form", "precedes_et_al",
                 "precedes_last")

    def __init__(self, name: "Name", section: Any, sort_key: Any) -> None:
        own = name.attrib
        overrides = sort_key.name_overrides() if sort_key is not None else {}

        def option(key: str, inherited: str | None = None) -> Any:
            if key in overrides:
                return overrides[key]
            if key in own:
                return own[key]
            return section.option(inherited or key)

        self.and_ = option("and")
        self.delimiter = option("delimiter", "name-delimiter")
        self.et_al_min = int(option("et-al-min"))
        self.et_al_use_first = int(option("et-al-use-first"))
        subsequent_min, subsequent_first = option("et-al-subsequent-min"), option("et-al-subsequent-use-first")
        self.et_al_subsequent_min = int(subsequent_min) if subsequent_min is not None else self.et_al_min
        self.et_al_subsequent_use_first = (int(subsequent_first) if subsequent_first is not None
                                           else self.et_al_use_first)
        self.et_al_use_last = str(option("et-al-use-last")).lower() == "true"
        self.initialize_with = option("initialize-with")
        self.initialize = str(option("initialize")).lower() != "false"
        self.initialize_with_hyphen = str(option("initialize-with-hyphen")).lower() == "true"
        self.name_as_sort_order = option("name-as-sort-order")
        self.sort_separator = option("sort-separator")
        self.form = option("form", "name-form")
        self.precedes_et_al = option("delimiter-precedes-et-al")
        self.precedes_last = option("delimiter-precedes-last")


class Name(Element):
    """``cs:name``."""

    __slots__ = ("given_part", "family_part", "each", "around")

    def __init__(self, xml: Any, compiler: Any) -> None:
        super().__init__(xml, compiler)
        # fonts dress each name (citeproc-js: small caps or bold stop before "and" and "et al."),
        # affixes the whole list
        self.each = self.fmt.only_fonts() if self.fmt.fonts else PLAIN
        self.around = self.fmt.only_affixes() if self.fmt.affixed else PLAIN
        self.given_part: NamePart | None = None
        self.family_part: NamePart | None = None
        for child in self.children:
            if isinstance(child, NamePart) and child.name == "given":
                self.given_part = child
            elif isinstance(child, NamePart) and child.name == "family":
                self.family_part = child

    def options(self, ctx: "RenderContext") -> NameOptions:
        key = (self, ctx.section, ctx.sort_key)
        cache = ctx.env.caches.name_options
        found = cache.get(key)
        if found is None:
            found = cache[key] = NameOptions(self, ctx.section, ctx.sort_key)
        return found

    def format(self, ctx: "RenderContext", names: tuple[NameData, ...], et_al: Any) -> Output | int | None:
        """The names of one variable: an output tree, a plain string in a sort key, a count for
        ``form="count"``."""
        o = self.options(ctx)
        sorting = ctx.mode == SORT
        et_al_min, use_first = o.et_al_min, o.et_al_use_first
        if ctx.mode == CITATION and ctx.cite.position != "first":
            et_al_min, use_first = o.et_al_subsequent_min, o.et_al_subsequent_use_first
        state = ctx.state
        if state.names and not sorting:
            if ctx.mode == CITATION or ctx.env.citation_et_al == (et_al_min, use_first):
                use_first = max(use_first, state.names)
        hints = state.hints if ctx.mode == CITATION else None
        count = len(names)
        more = type(names) is MoreNames  # the source's "and others": et al. whatever the style's limits
        truncate = bool(et_al_min) and count > 1 and count >= et_al_min and use_first < count
        use_last = truncate and not more and o.et_al_use_last and use_first <= et_al_min - 2
        shown = names[:use_first] if truncate else names
        truncate = truncate or more
        if o.form == "count":
            return len(shown)
        if not shown:  # et-al-use-first="0"
            return None
        memo = ctx.memo.names
        english = ctx.english
        parts: list[Output] = []
        for i, name in enumerate(shown):
            if name.literal is not None:  # an institution: formatted as a family name (citeproc-js)
                literal = name.literal if sorting else self._parts(None, name.literal, ctx)[1]
                parts.append(Node([literal], self.each, NAME))  # type: ignore[list-item]
                continue
            hint = hints.get(name) if hints else None  # disambiguation: this name in full
            expand = hint[0] if hint is not None and (i == 0 or not hint[1]) else 0
            key = (o, i == 0, expand, name, sorting, english)
            part = memo.get(key)
            if part is None:
                part = memo[key] = Node([self._one(name, i, expand, o, ctx)], self.each, NAME)
            parts.append(part)
        if sorting:
            return "\x01".join(plain_text(p) for p in parts)
        return self._join(parts, names, truncate, use_last, o, et_al, ctx)

    def dress_list(self, names: Output) -> Output:
        """The joined names with the element's affixes (its fonts dress each name)."""
        return names if self.around is PLAIN else Node([names], self.around)

    def _parts(self, given: Output | None, family: Output | None, ctx: "RenderContext") -> tuple:
        if self.given_part is not None and given:
            given = self.given_part.dress(given, ctx)
        if self.family_part is not None and family:
            family = self.family_part.dress(family, ctx)
        return given, family

    def _one(self, name: NameData, i: int, expand: int, o: NameOptions, ctx: "RenderContext") -> Output:
        """The text of one personal name."""
        given, family, dp, ndp, suffix = name.parts()
        form = "long" if expand else o.form
        if family is None:  # a name that is only a given name ("Banksy") is printed as it is
            return self._parts(given, None, ctx)[0] or ""
        if form == "short":
            pass
        elif given and o.initialize_with is not None and expand != 2:
            given = initialize(given, o.initialize_with, o.initialize_with_hyphen, o.initialize)
        elif given and expand == 1 and ctx.env.initials_only:
            given = initialize(given, ". ", o.initialize_with_hyphen).strip()
        sorting = ctx.mode == SORT
        demote = ctx.env.demote
        if form == "short":
            return self._parts(None, _words(p for p in (ndp, family) if p), ctx)[1]
        if sorting or o.name_as_sort_order == "all" or (o.name_as_sort_order == "first" and i == 0):
            if demote == "display-and-sort" or (sorting and demote == "sort-only"):
                fam, giv = family, _words(p for p in (given, dp, ndp) if p)
            else:
                fam, giv = _words(p for p in (ndp, family) if p), _words(p for p in (given, dp) if p)
            if sorting:
                return " ".join(p for p in (fam, giv, suffix) if p)
            giv_out, fam_out = self._parts(giv, fam, ctx)
            return _seq([p for p in (fam_out, giv_out, suffix) if p], o.sort_separator)
        giv_out, fam_out = self._parts(given, _words(p for p in (dp, ndp, family) if p), ctx)
        head = _seq([p for p in (giv_out, fam_out) if p], " ")
        if suffix:  # "Jeffrey Doe, Jr." with comma-suffix
            return _seq([head, suffix], ", " if name.comma_suffix else " ")
        return head

    def _join(self, parts: list[Output], names: tuple[NameData, ...], truncate: bool, use_last: bool,
              o: NameOptions, et_al_element: Any, ctx: "RenderContext") -> Output:
        """The formatted names joined: et-al, et-al-use-last, the "and" term."""
        delimiter = o.delimiter
        listed = Node(parts, Fmt(delimiter=delimiter)) if len(parts) > 1 else parts[0]
        nas = o.name_as_sort_order
        if truncate:
            if use_last:
                last = Node([self._last(names[-1], o, ctx)], self.each, NAME)
                return Node([listed, delimiter.rstrip(), " ", "\u2026", " ", last])
            et_al = et_al_element.evaluate(ctx) if et_al_element is not None else ctx.env.locale.term("et-al")
            if not et_al:
                return listed
            precedes = o.precedes_et_al
            inverted_last = nas == "all" or (nas == "first" and len(parts) == 1)
            if (precedes == "always" or (precedes == "contextual" and len(parts) >= 2)
                    or (precedes == "after-inverted-name" and inverted_last)):
                return Node([listed, delimiter, et_al])
            if is_cjk(plain_text(et_al)[:1]):  # citeproc-js: no space before a CJK term ("Bai等")
                return Node([listed, et_al])
            return Node([listed, " ", et_al])
        if o.and_ == "text":
            and_term = ctx.env.locale.term("and")
        elif o.and_ == "symbol":
            and_term = "&"
        else:
            and_term = None
        if len(parts) > 1 and and_term is not None:
            precedes = o.precedes_last
            inverted_last = nas == "all" or (nas == "first" and len(parts) == 2)
            use_delimiter = (precedes == "always" or (precedes == "contextual" and len(parts) > 2)
                             or (precedes == "after-inverted-name" and inverted_last))
            head = Node(parts[:-1], Fmt(delimiter=delimiter)) if len(parts) > 2 else parts[0]
            if is_cjk(and_term[:1]):  # citeproc-js: no spaces around a CJK term ("A和B")
                return Node([head, delimiter.strip() if use_delimiter else "", and_term, parts[-1]])
            return Node([head, delimiter if use_delimiter else " ", and_term, " ", parts[-1]])
        return listed

    def _last(self, name: NameData, o: NameOptions, ctx: "RenderContext") -> str:
        """The last name after the ellipsis of et-al-use-last."""
        given, family, dp, ndp, suffix = name.parts()
        if name.literal is not None:
            return family  # type: ignore[return-value]
        if given and o.initialize_with is not None:
            given = initialize(given, o.initialize_with, o.initialize_with_hyphen, o.initialize)
        demoted = ctx.env.demote == "display-and-sort"
        if o.name_as_sort_order == "all":
            fam = family if demoted else _words(p for p in (ndp, family) if p)
            giv = _words(p for p in (given, dp, ndp if demoted else None) if p)
            return o.sort_separator.join(p for p in (fam, giv, suffix) if p)  # type: ignore[union-attr]
        return _words(p for p in (given, dp, ndp, family, suffix) if p)


def _seq(parts: list[Output], separator: str) -> Output:
    """Name parts joined by ``separator``, as they are (no punctuation rules inside a name)."""
    if all(isinstance(p, str) for p in parts):
        return separator.join(parts)  # type: ignore[arg-type]
    return Node(parts, Fmt(delimiter=separator, seams=False))
