"""Author strings → a tuple of :class:`Name`.

Three steps, in this order (nameparser alone reads ``Sanjeev Arora and Yi Zhang``
as one person and ``blogmasters`` as a given name):

1. :func:`clean_byline` turns an author string as a page or feed prints it into
   plain bylines: markup and entities (``<a href=…>A</a>``, escaped or not), an
   array printed as text (``["A", "B"]``), decorations (``Fuchs*``, ``†``,
   footnote digits, ``, on behalf of …``, affiliations in parentheses) and
   connector words (``Posted by``, ``A with B``, ``A y B``, ``A、B``).
2. :func:`split_byline` splits the list: ``A and B``, ``A, B, C``, ``A, B, and C``,
   ``A & B``, ``A; B``, ``A et al.``; a ``, Jr.`` stays with its name, and
   ``Family, Given`` (``Smith, John``, ``Arora, S., Ma, T.``) is one name each.
3. :func:`parse_name` turns one name into a :class:`Name`: organisations
   become literals (by evidence: a word of :data:`ORGANISATION_WORDS`, braces,
   an acronym, a brand's inner capital), a single word is a person known by one
   name (``Grimes``, ``tef``, ``苏剑林``: family name only), nicknames in
   quotes or parentheses are dropped, lower-case particles (``van``, ``de la``)
   become the non-dropping particle, and only real suffixes (``Jr.``, ``III``,
   ``PhD``) are suffixes (``Jack MA`` is family ``MA``).

:func:`names_from_byline` is the whole step, shared by every reader; with a
``diag`` it also warns of each name read as an organisation.  A name of three
words is read ``Given Given Family`` (``Ian Lance Taylor``): without other
evidence (a reader's own given/family fields, or braces) a two-word family name
(``Pablo Galindo Salgado``) cannot be told from a middle name.
"""

from __future__ import annotations

import html
import json
import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable

from .model import Name

if TYPE_CHECKING:
    from .errors import Diagnostics

__all__ = ["names_from_byline", "names_from_bylines", "clean_byline", "parse_byline", "split_byline", "parse_name",
           "is_institutional", "ORGANISATION_WORDS"]

# "et al." and friends at the end of a byline: recorded as "and others".
_MORE = re.compile(r"(?:,?\s*(?:et\.?\s+al\.?|and\s+others|and\s+colleagues|&\s+al\.?)\s*)$", re.I)
# Separators between names.  Commas are handled separately (see _merge_suffixes).
# Every match starts with a space, ";" or "&": the lookahead rejects other starts at once.
_AND = re.compile(r"(?=[\s;&])(?:\s+(?:and|&|und|et)\s+|\s*;\s*|\s*&\s*)", re.I)

# Suffixes that belong to a name ("Martin Luther King, Jr.").
_GENERATIONAL = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "vi", "2nd", "3rd", "4th"}
_ACADEMIC = {
    "phd", "ph.d.", "ph.d", "md", "m.d.", "jd", "j.d.", "esq", "esq.", "mba", "dphil",
    "d.phil.", "frs", "msc", "m.sc.", "bsc", "mph",
}
_SUFFIXES = _GENERATIONAL | _ACADEMIC

# Lower-case words that start a family name ("van Rossum", "de la Cruz").
_PARTICLES = {
    "af", "al", "av", "bin", "binti", "d'", "da", "das", "de", "degli", "dei", "del",
    "della", "dello", "den", "der", "des", "di", "dos", "du", "el", "ibn", "la", "le",
    "lo", "op", "'t", "ten", "ter", "van", "vande", "vanden", "vander", "von", "zu", "zum",
    "zur", "y",
}

# Words that mark a name as an organisation's, not a person's: the one vocabulary of that evidence.
# "place" words name where people work: after a person's name (``Jane Doe, Stanford University``)
# such an organisation is the person's affiliation, not a co-author.
ORGANISATION_WORDS: dict[str, str] = {
    **dict.fromkeys((
        "academy", "agency", "bureau", "center", "centre", "college", "company", "corp", "corp.",
        "corporation", "department", "dept", "dept.", "gmbh", "inc", "inc.", "institute", "institution",
        "lab", "labs", "laboratory", "laboratories", "llc", "llp", "ltd", "ltd.", "ministry", "plc",
        "research", "school", "university",
    ), "place"),
    **dict.fromkeys((
        "admin", "administrator", "administrators", "alliance", "anonymous", "association", "authors",
        "blog", "blogmasters", "board", "collective", "commission", "committee", "community", "consortium",
        "contributors", "council", "developers", "editor", "editorial", "editors", "foundation", "group",
        "guest", "initiative", "maintainers", "network", "newsroom", "office", "organisation",
        "organization", "partners", "press", "program", "programme", "project", "society", "staff", "team",
        "webmaster", "webmasters",
    ), "author"),
}
_INSTITUTION_WORDS = frozenset(ORGANISATION_WORDS)

_LEADING_AND = re.compile(r"^\s*(?:and|&)\s+", re.I)
_BY = re.compile(r"^by\s+", re.I)
# How a _MORE match can end, case-folded: only a byline ending so is searched.
_MORE_ENDINGS = ("al", "al.", "others", "colleagues")
# Text that split_byline runs through _protect_braces (the marks it uses must not be in the byline already).
_PROTECTED = re.compile("[{\x00-\x03]")
# Each quoted body also excludes its opening mark, so a long run of unclosed
# openers is scanned once rather than once per opener (that was quadratic).
# The lookahead, implied by every alternative, rejects most starts at once.
_NICKNAME = re.compile(r"(?=[\s\"“„«('])\s*(?:\"[^\"]*\"|“[^“”]*”|„[^„“”]*[“”]|«[^«»]*»|\([^()]*\)|(?<!\w)'[^']*'(?!\w))\s*")
_BRACED = re.compile(r"\{([^{}]*)\}")


def names_from_byline(
    text: str, *, organisation: bool = False, source: str | None = None, line: int | None = None,
    diag: Diagnostics | None = None,
) -> tuple[tuple[Name, ...], bool]:
    """An author string as a page, feed or listing prints it → its names, and whether it ended in "et al.".

    The one step every reader runs: :func:`clean_byline`, :func:`split_byline`,
    :func:`parse_name`, affiliations after a person's name dropped.
    ``organisation`` (the caller's evidence, e.g. a schema.org ``Organization``)
    keeps the cleaned text whole as one literal.  With ``diag``, each name read
    as an organisation is reported at ``source``/``line``.

    >>> names, more = names_from_byline('By <a href="/a/">Sanjeev Arora</a> and Tengyu Ma (Princeton)')
    >>> [n.display() for n in names], more
    (['Sanjeev Arora', 'Tengyu Ma'], False)
    >>> [n.display() for n in names_from_byline('["Grimes", "Smith, John"]')[0]]
    ['Grimes', 'John Smith']
    """
    names, more, literals = _names_from_byline(text, organisation)
    if diag is not None:
        for literal in literals:
            diag.warn(source, line, f'"{literal}" read as an organisation (literal author)')
    return names, more


def names_from_bylines(
    bylines: Iterable[str | Name], *, source: str | None = None, line: int | None = None,
    diag: Diagnostics | None = None,
) -> tuple[tuple[Name, ...], bool]:
    """Several author strings of one post (one per tag or element; a :class:`Name` passes as it is):
    their names in order, each once, with the same warnings as :func:`names_from_byline`."""
    names: list[Name] = []
    more = False
    for byline in bylines:
        if isinstance(byline, Name):
            names.append(byline)
        else:
            found, etal, _ = _names_from_byline(byline, False)
            names.extend(found)
            more = more or etal
    unique = tuple(dict.fromkeys(names))
    if diag is not None:
        for name in unique:
            if name.literal is not None:
                diag.warn(source, line, f'"{name.literal}" read as an organisation (literal author)')
    return unique, more


def parse_byline(text: str) -> tuple[tuple[Name, ...], bool]:
    """:func:`names_from_byline` without warnings.

    >>> names, more = parse_byline("Sanjeev Arora, Mikhail Khodak, and Nikunj Saunshi")
    >>> [n.family for n in names], more
    (['Arora', 'Khodak', 'Saunshi'], False)
    >>> parse_byline("blogmasters")
    ((Name(family=None, given=None, non_dropping_particle=None, dropping_particle=None, suffix=None, literal='blogmasters'),), False)
    """
    names, more, _ = _names_from_byline(text, False)
    return names, more


# Readers meet the same bylines again and again: each distinct one is read once.
@lru_cache(maxsize=65536)
def _names_from_byline(text: str, organisation: bool) -> tuple[tuple[Name, ...], bool, tuple[str, ...]]:
    """The names, the "et al." flag and the literals among the names (to warn of)."""
    if not organisation:
        usual = _usual_parts(text)
        if usual is not None:  # the usual byline: nothing to clean, split at its separators
            return _read_parts(usual, False)
    cleaning = _needs_cleaning(text)
    bylines = _clean_generally(text) if cleaning else (text,) if text.strip() else ()
    if organisation:
        literal = ", ".join(bylines)
        return ((Name(literal=literal),), False, (literal,)) if literal else ((), False, ())
    found: list[Name] = []
    more = False
    for byline in bylines:
        parts, etal = split_byline(byline)
        if cleaning and _has_digit(byline):
            parts = [_without_footnote_digits(p) for p in parts]
        read = _read_parts(parts, etal)
        if len(bylines) == 1:
            return read
        found.extend(read[0])
        more = more or etal
    names = tuple(dict.fromkeys(found))
    return names, more, tuple(n.literal for n in names if n.literal is not None)


def _read_parts(parts: list[str], more: bool) -> tuple[tuple[Name, ...], bool, tuple[str, ...]]:
    """One name per part, affiliations dropped; with the "et al." flag and the literals."""
    parsed = tuple(map(parse_name, parts))
    literals = tuple([n.literal for n in parsed if n.literal is not None])
    if literals and len(parsed) > 1:
        parsed = _without_affiliations(parts, parsed)
        literals = tuple(n.literal for n in parsed if n.literal is not None)
    return parsed, more, literals


def _without_footnote_digits(part: str) -> str:
    """``Fuchs1`` → ``Fuchs``; ``Web3 Foundation`` and ``Team 42`` stay as they are."""
    plain = _GLUED_DIGITS.sub("", part)
    return plain if plain and plain != part and not _has_digit(plain) and not is_institutional(plain) else part


def _without_affiliations(parts: list[str], parsed: tuple[Name, ...]) -> tuple[Name, ...]:
    """An organisation of :data:`ORGANISATION_WORDS`'s "place" kind, or an acronym, right after a
    person's name is that person's affiliation (``Jane Doe, MIT``), not a co-author: dropped."""
    return tuple(n for i, n in enumerate(parsed) if not (
        i and n.literal is not None and parsed[i - 1].literal is None and not parts[i].startswith("{")
        and _is_place(n.literal)))


def _is_place(text: str) -> bool:
    words = text.split()
    if len(words) == 1 and words[0].isupper():
        return True
    return any(ORGANISATION_WORDS.get(w.strip(".,").lower()) == "place" for w in words)


# ----------------------------------------------------------------------------- cleaning


# Characters that the cleaning may remove or act on (with the checks in _needs_cleaning).
_TRIGGERS = frozenset("<*∗⁎†‡§¶⁰¹²³⁴⁵⁶⁷⁸⁹()（）|·•、，；和与及:—–0123456789")
_ENTITY = re.compile(r"&(?:#|[A-Za-z][A-Za-z0-9]*;)")
_NON_ASCII_DIGIT = re.compile(r"\d")
_ESCAPED_TAG = re.compile(r"&lt;/?[A-Za-z]")
_SUP = re.compile(r"<sup\b[^<>]*>[^<]*</sup\s*>", re.I)  # footnote marks
# Links with nothing but spaces between them are one author each (``<a>A</a> <a>B</a>``).
_ADJACENT_LINKS = re.compile(r"</a\s*>(?=\s*<a[\s>])", re.I)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*|!-)[^<>]*>")
_BLOCK_TAGS = {"br", "p", "div", "li", "ul", "ol", "dd", "dt", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
_LEAD = re.compile(
    r"^(?:(?:a\s+)?guest\s+post(?:\s+by\b)?|(?:originally\s+)?(?:posted|written|authored|published|contributed|"
    r"created|edited)\s+by\b|by\b|authors?\s*(?=:))\s*:?\s*", re.I)
_BEHALF = re.compile(r",? [Oo]n behalf of\b.*$")
_ON_DATE = re.compile(r" on (?:[A-Za-z]{3,9}\.? )?\d")
_AFTER_BAR = re.compile(r" [|·•—–] ")
_PARENTHESES = re.compile(r"\s*[(（][^()（）]*[)）]")
_MARKS = re.compile(r"[*∗⁎†‡§¶⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<=[^\W\d_])\d{1,2}(?:,\d{1,2})+(?!\w)")
# A mark closing a part before a comma ends a person's name there: ``Fuchs*, Müller†`` is two people.
_MARK_THEN_COMMA = re.compile(rf"(?:{_MARKS.pattern})\s*,")
_GLUED_DIGITS = re.compile(r"(?<=[^\W\d_])\d{1,2}\b")
_WITH = re.compile(r" with (?:(?:contributions?|help|input) from )?")
_Y_E = re.compile(r" [ye] ")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_AND = re.compile(rf"(?<=[{_CJK}]{{2}})[和与及](?=[{_CJK}]{{2}})")
_CJK_SEPARATORS = str.maketrans({"、": ", ", "，": ", ", "；": "; "})


def clean_byline(text: str) -> tuple[str, ...]:
    """An author string as printed → the plain bylines it holds (one, or one per array element).

    >>> clean_byline('["Nathan Lambert", "Louis Castricato"]')
    ('Nathan Lambert', 'Louis Castricato')
    >>> clean_byline("Guest post by Anna Fuchs*† (MIT) with Bo Li")
    ('Anna Fuchs and Bo Li',)
    >>> clean_byline("&lt;a href='/rsc/'&gt;Russ Cox&lt;/a&gt;, on behalf of the Go team")
    ('Russ Cox',)
    """
    if not _needs_cleaning(text):
        return (text,) if text.strip() else ()
    return _clean_generally(text)


def _needs_cleaning(text: str) -> bool:
    """False when :func:`_clean_generally` would change nothing that :func:`split_byline` sees
    (the tests check this on generated text): most bylines are plain names and separators."""
    if not _TRIGGERS.isdisjoint(text) or not text.isprintable() or "  " in text:
        return True  # a character some step acts on, or whitespace that squeezing changes
    if ("&" in text and _ENTITY.search(text)) or (not text.isascii() and _NON_ASCII_DIGIT.search(text)):
        return True
    if " y " in text or " e " in text or " with " in text or "behalf" in text:
        return True
    stripped = text.strip()
    return (stripped[:1] == "[" and stripped[-1:] == "]") or _LEAD.match(stripped) is not None


def _clean_generally(text: str) -> tuple[str, ...]:
    """:func:`clean_byline` for any text (the tests check that text without a trigger needs nothing done)."""
    if "<" in text or ("&" in text and _ENTITY.search(text)):
        text = _without_markup(text)
    items = _array_items(text)
    cleaned = (_clean_one(item) for item in (items if items is not None else [text]))
    return tuple(item for item in cleaned if item)


def _without_markup(text: str) -> str:
    if _ESCAPED_TAG.search(text):
        text = html.unescape(text)  # markup escaped once more, as in a feed's text
    if "<" in text:
        text = _ADJACENT_LINKS.sub("</a>;", _SUP.sub("", text))
        text = _TAG.sub(lambda m: "; " if m[2].lower() in _BLOCK_TAGS else "", text)
    return html.unescape(text) if "&" in text else text


def _array_items(text: str) -> list[str] | None:
    """``["A", "B"]`` (JSON, Ruby or Python printing a list) → its strings; ``[A, B]`` → ``A, B``."""
    text = text.strip()
    if not (text.startswith("[") and text.endswith("]")):
        return None
    inner = text[1:-1]
    return _quoted_strings(inner) or [inner]


def _quoted_strings(text: str) -> list[str] | None:
    """The strings of ``"A", 'B'`` (commas and spaces between), or None if there is anything else.

    A scan, not a pattern: a pattern tried from every quote of a long unclosed run is quadratic.
    """
    out = []
    i, end = 0, len(text)
    while i < end:
        quote = text[i]
        if quote in " ,\t\r\n":
            i += 1
            continue
        if quote not in "\"'":
            return None
        j = i + 1
        while True:
            j = text.find(quote, j)
            if j < 0:
                return None
            k = j
            while k > i + 1 and text[k - 1] == "\\":
                k -= 1
            if (j - k) % 2 == 0:  # not escaped
                break
            j += 1
        out.append(_unquote(text[i:j + 1]))
        i = j + 1
    return out or None


def _unquote(text: str) -> str:
    if text[0] == '"':
        try:
            return str(json.loads(text))
        except ValueError:
            pass
    return text[1:-1].replace("\\" + text[0], text[0]).replace("\\\\", "\\")


def _clean_one(text: str) -> str:
    text = " ".join(text.translate(_CJK_SEPARATORS).split())
    text = _LEAD.sub("", text)
    text = _BEHALF.sub("", text)
    for cut in (_ON_DATE.search(text), _AFTER_BAR.search(text)):
        if cut is not None and (cut.re is _ON_DATE or _has_digit(text[cut.end():])):
            text = text[: cut.start()]  # "… on Mar 3, 2020", "… | 5 min read": the date, not the author
    if "{" not in text:  # a braced literal is kept as written
        whole = text[:1] in "(（" and _PARENTHESES.fullmatch(text)
        text = text.strip()[1:-1] if whole else _PARENTHESES.sub("", text)
    text = _MARKS.sub("", _MARK_THEN_COMMA.sub(";", text))
    text = _WITH.sub(" and ", text)
    if " y " in text or " e " in text:
        sides = _Y_E.split(text)
        if all(len(side.split()) > 1 for side in sides):  # "García y Vega" is one family name
            text = " and ".join(sides)
    text = _CJK_AND.sub(", ", text)
    return " ".join(text.split()).strip(" :|·•—–")


def split_byline(text: str) -> tuple[list[str], bool]:
    """Split a byline into one string per name.

    >>> split_byline("A. Person & B. Person et al.")
    (['A. Person', 'B. Person'], True)
    >>> split_byline("Martin Luther King, Jr., and Coretta Scott King")
    (['Martin Luther King, Jr.', 'Coretta Scott King'], False)
    """
    usual = _usual_parts(text)
    return (usual, False) if usual is not None else _split_byline_generally(text)


def _usual_parts(text: str) -> list[str] | None:
    """The names of a byline in the usual shape (which needs no cleaning either), or None."""
    if _USUAL_BYLINE.fullmatch(text) and not text[-10:].casefold().endswith(_MORE_ENDINGS):
        return _USUAL_SEPARATOR.split(text)
    return None


# The usual byline, which _split_byline_generally splits at its separators and
# nowhere else (the tests check this on generated bylines): names of two or more
# words between single spaces (so no name is a suffix to re-attach, and no part
# is a lone word that could make it one organisation), no word a separator in
# any case, no "by " in front, no braces; and (checked apart) no ending that
# could be "et al." or "and others".
# A usual word is no separator, no connector that the cleaning acts on (by, with, y, e, behalf, guest),
# and holds no character the cleaning acts on (markup, marks, digits, parentheses, brackets, ...).
_USUAL_WORD = (r"(?!(?i:and|und|et|by|with|y|e|behalf|guest)(?![^ ,;]))"
               r"[^\s,;&{}\x00-\x03<*∗⁎†‡§¶⁰¹²³⁴⁵⁶⁷⁸⁹()（）|·•、，；和与及:—–\d\[\]]+")
# A name there does not start with a lower-case word or an apostrophe: that could be a particle
# starting a family name written first (``van Rossum, Guido``), which the general path keeps whole.
_USUAL_NAME = rf"(?![a-z']){_USUAL_WORD}(?: {_USUAL_WORD})+"
_USUAL_SEPARATOR = re.compile(", and |, |; | & | and ")
_USUAL_BYLINE = re.compile(rf"(?!(?i:by) ){_USUAL_NAME}(?:(?:{_USUAL_SEPARATOR.pattern}){_USUAL_NAME})*")


def _split_byline_generally(text: str) -> tuple[list[str], bool]:
    """:func:`split_byline` for any byline."""
    text = " ".join(text.split())  # from here on the only whitespace is single spaces
    if text[:1] in "bB":
        text = _BY.sub("", text)
    more = False
    if text[-10:].casefold().endswith(_MORE_ENDINGS):
        m = _MORE.search(text)
        if m and m.start() > 0:
            more = True
            text = text[: m.start()]
    text = text.strip().rstrip(",;").strip()
    if not text:
        return [], more
    braces = _PROTECTED.search(text) is not None
    chunks = _AND.split(_protect_braces(text) if braces else text)
    if (braces and _BRACED.fullmatch(text)) or _whole_is_institution(text, _AND.split(text) if braces else chunks):
        return [text], more
    pieces: list[str] = []  # each stripped and not empty
    for chunk in chunks:
        pieces.extend(_inverted(_merge_suffixes(chunk.split(","))))
    if not braces:
        return pieces, more
    names = [_unprotect_braces(p).strip() for p in pieces]
    return [n for n in names if n], more


def _inverted(parts: list[str]) -> list[str]:
    """``Smith, John`` and ``Arora, S., Ma, T.`` (the parts between commas) → one name per pair.

    A pair is inverted when its first part has the shape of a family name (one
    word, after lower-case particles: ``van Rossum``) and its second the shape of
    given names (one to three capitalised words or initials); with more than one
    pair, every given part must be initials (``Grimes, Smith, Jones, Brown`` stays
    four people).  ``Sanjeev Arora, Tengyu Ma`` has no family-name shape: two people.
    """
    if len(parts) < 2 or len(parts) % 2:
        return parts
    pairs = list(zip(parts[0::2], parts[1::2]))
    for family, given in pairs:
        if not (_family_shape(family) and _given_shape(given, initials=len(pairs) > 1)):
            return parts
    return [f"{family}, {given}" for family, given in pairs]


def _family_shape(text: str) -> bool:
    *particles, last = text.split(" ")
    return all(p in _PARTICLES for p in particles) and not last.islower() and not is_institutional(last)


_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)+[^\W\d_]?|[^\W\d_]")


def _given_shape(text: str, initials: bool) -> bool:
    words = text.split(" ")
    if len(words) > 3 or text.lower() in _SUFFIXES:
        return False
    for word in words:
        if _INITIALS.fullmatch(word) and word[0].isupper():
            continue
        if initials or not _capitalised_word(word) or is_institutional(word):
            return False
    return True


def _capitalised_word(word: str) -> bool:
    """Tengyu, Jean-Luc, Łukasz: each hyphenated part a capital and lower-case letters."""
    return all(p[:1].isupper() and p[1:].isalpha() and p[1:].islower() for p in word.split("-"))


def _whole_is_institution(text: str, parts: list[str]) -> bool:
    """``Bill and Melinda Gates Foundation`` is one organisation, not two names (``parts``: text split at _AND)."""
    if " and " not in text and " & " not in text:
        return False
    return any(" " not in p.strip() for p in parts) and is_institutional(text)


def _protect_braces(text: str) -> str:
    # Separators inside {…} are part of a literal name: hide them while splitting.
    return _BRACED.sub(lambda m: "{" + m[1].replace(",", "\x00").replace("&", "\x01")
                       .replace(" and ", "\x02").replace(";", "\x03") + "}", text)


def _unprotect_braces(text: str) -> str:
    return (text.replace("\x00", ",").replace("\x01", "&").replace("\x02", " and ")
            .replace("\x03", ";"))


def _merge_suffixes(chunks: list[str]) -> list[str]:
    """Re-attach ``, Jr.`` and ``, PhD`` to the name they follow; drop a leading ``and``."""
    merged: list[list[str]] = []  # pieces of each name, joined once (repeated += was quadratic)
    for chunk in chunks:
        chunk = chunk.strip()
        if chunk[:1] in ("a", "A", "&"):  # only then can it start with "and " or "& "
            chunk = _LEADING_AND.sub("", chunk)
        if not chunk:
            continue
        if merged and chunk.lower() in _SUFFIXES:
            merged[-1].append(chunk)
        else:
            merged.append([chunk])
    return [", ".join(pieces) for pieces in merged]


def is_institutional(text: str) -> bool:
    """True for a name that evidence marks as an organisation's or a role's, not a person's.

    Evidence: a word of :data:`ORGANISATION_WORDS`, a leading "the", an ``@``, a
    ``/`` or a digit; for a single word also an acronym (``MIT``), a brand's
    inner capital (``OpenAI``, not ``McDonald``) or a domain name.  Having one
    word, or being in lower case, is no evidence (``Grimes``, ``bell hooks``).

    >>> is_institutional("Google Research"), is_institutional("The Editors"), is_institutional("Rong Ge")
    (True, True, False)
    >>> is_institutional("Grimes"), is_institutional("MIT"), is_institutional("OpenAI"), is_institutional("McDonald")
    (False, True, True, False)
    """
    lowered = [w.strip(".,") for w in text.lower().split()]
    if len(lowered) <= 1:
        return _one_word_organisation(text.strip().strip(".,"), lowered[0] if lowered else "")
    if lowered[0] == "the" or not _INSTITUTION_WORDS.isdisjoint(lowered):
        return True
    return "@" in text or "/" in text or _has_digit(text)


# A lower-case letter then a capital inside a word: a brand (OpenAI, DeepMind) unless it ends a name prefix.
_INNER_CAPITAL = re.compile(r"[^\W\d_](?=[A-Z])")
_DOMAIN = re.compile(r"[^\W_]\.[a-z]{2,}$")


def _one_word_organisation(word: str, lowered: str) -> bool:
    if not word or lowered in _INSTITUTION_WORDS or "@" in word or "/" in word or _has_digit(word):
        return True
    if len(word) > 1 and word.isupper() and sum(c.isalpha() for c in word) > 1:
        return True  # an acronym: MIT, IBM, NASA
    inner = [m.end() for m in _INNER_CAPITAL.finditer(word) if word[m.start()].islower()]
    if inner and not (len(inner) == 1 and word[:inner[0]] in _FAMILY_PREFIXES):
        return True  # OpenAI, PyTorch (McDonald, LeBlanc, MacKenzie are names)
    return _DOMAIN.search(word) is not None


def _has_digit(text: str) -> bool:
    """``any(map(str.isdigit, text))``; in ASCII text (known at once) only 0-9 are digits, which a search finds."""
    return _ASCII_DIGIT.search(text) is not None if text.isascii() else any(map(str.isdigit, text))


_ASCII_DIGIT = re.compile("[0-9]")


@lru_cache(maxsize=65536)
def parse_name(text: str) -> Name:
    """One name → :class:`Name`.

    >>> parse_name('Dmitri "Mitya" Chklovskii')
    Name(family='Chklovskii', given='Dmitri', non_dropping_particle=None, dropping_particle=None, suffix=None, literal=None)
    >>> n = parse_name("Juan de la Cruz"); (n.given, n.non_dropping_particle, n.family)
    ('Juan', 'de la', 'Cruz')
    >>> parse_name("Martin Luther King Jr.").suffix
    'Jr.'
    """
    return _parse(text, _parse_person)


def _parse(text: str, person: Callable[[str], Name]) -> Name:
    """Literals and nicknames first; ``person`` reads what is left as a person's name."""
    text = " ".join(text.split())
    braced = _BRACED.fullmatch(text)
    if braced:
        return Name(literal=braced[1].strip())
    stripped = " ".join(_NICKNAME.sub(" ", text).split()) or text
    if is_institutional(stripped) or _too_long_for_a_person(stripped):
        return Name(literal=stripped)
    if " " not in stripped:
        return Name(family=stripped)  # a person known by one name: Grimes, tef, 苏剑林
    return person(stripped)


def _too_long_for_a_person(text: str) -> bool:
    """No person's name has a dozen words or hundreds of letters: keep such text whole, as a literal.

    (It also keeps megabyte "names" from hostile input away from nameparser, which is slow on them.)
    """
    return len(text) > 200 or text.count(" ") >= 12


def _parse_name_slowly(text: str) -> Name:
    """:func:`parse_name` with every person through nameparser: what the fast path must equal."""
    return _parse(text, _parse_with_nameparser)


# A plain name of two or three words: capitalised words in Latin letters, initials before the last.
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_PLAIN = re.compile(rf"(?:(?:[{_LATIN}]+|[A-Z]\.) ){{1,2}}[{_LATIN}]+")
_VOCAB_FILE = "_nameparser_vocab.txt"
# Words nameparser reads by pattern rather than vocabulary: Roman numerals
# (suffixes), East Slavic patronymics and Turkic patronymic words (reordered).
_NAMEPARSER_PATTERNS = re.compile(
    r"(?:x|ix|iv|v?i{0,3})|.*(?:ovich|ovna|evich|evna|ichna|ilyich|kuzmich|lukich|fomich|fokich)"
    r"|oglu|oğlu|ogly|ogli|qizi|kizi|kyzy|gyzy|uly|uulu"
)
# Initials nameparser could read as Roman numerals but does not, where an initial can stand
# (not last): the tests probe it.  Their letters' vocabulary positions still apply.
_ROMAN_INITIALS = frozenset({"I.", "V.", "X."})
# Positions in a plain name: F2 L2 (first, last of two words), F3 M3 L3.
_POSITIONS = ("F2", "L2", "F3", "M3", "L3")
# Plain words around a vocabulary word when the snapshot asks nameparser where it is harmless.
_PROBE_GIVEN = ("Simon", "Tengyu", "Xqzt", "Anna", "Bolorj", "Y.")
_PROBE_FAMILY = ("Smith", "Jin", "Xqzt", "Okafor", "Łukasiewicz")
_PROBE_GIVEN_PARTS = _PROBE_GIVEN + ("Anna Q.", "Kwame Mensah")
# Particle runs and suffix spellings the snapshot tries (kept if nameparser + our rules read them plainly).
_PARTICLE_RUNS = tuple(sorted(p for p in _PARTICLES if p.isalpha())) + (
    "van der", "van den", "van de", "de la", "de las", "de los", "de le", "von der", "von dem", "da la")
_SUFFIX_SPELLINGS = tuple(sorted({v for w in _SUFFIXES for v in (w, w.upper(), w.capitalize())}
                                 | {"PhD", "Ph.D.", "DPhil", "MSc", "BSc", "M.Sc.", "MBA", "Esq."}))


def _nameparser_version() -> str | None:
    """The installed nameparser's version, from its dist-info folder (importing it costs ~50 ms)."""
    from importlib.machinery import PathFinder  # already loaded at start-up, unlike importlib.util

    spec = PathFinder.find_spec("nameparser")
    if spec is None or not spec.submodule_search_locations:
        return None
    site = os.path.dirname(list(spec.submodule_search_locations)[0])
    found = [d[len("nameparser-"):-len(".dist-info")] for d in os.listdir(site)
             if d.startswith("nameparser-") and d.endswith(".dist-info")]
    return found[0] if len(found) == 1 else None


_EXTRA_KEYS = {"particle": " particles", "suffix": " suffixes", "comma-suffix": " comma-suffixes"}


@lru_cache(maxsize=1)
def _nameparser_vocab() -> dict[str, frozenset[str]] | None:
    """nameparser's vocabulary words → the positions where they still parse plainly.

    Read from the snapshot ``_nameparser_vocab.txt`` (made by
    :func:`vocab_snapshot`) if it was made for the installed nameparser, so
    plain names need not import nameparser; None (no fast path) otherwise.
    The snapshot's ``+particle``, ``+suffix`` and ``+comma-suffix`` lines are
    under the keys ``" particles"``, ``" suffixes"`` and ``" comma-suffixes"``.
    """
    try:
        lines = open(os.path.join(os.path.dirname(__file__), _VOCAB_FILE), encoding="utf-8").read().split("\n")
    except OSError:
        return None
    if lines[0] != f"# nameparser {_nameparser_version()}":
        return None
    vocab: dict[str, frozenset[str]] = {}
    extras: dict[str, set[str]] = {" particles": set(), " suffixes": set(), " comma-suffixes": set()}
    for line in lines[1:]:
        if not line or line.startswith("#"):
            continue
        if line.startswith("+"):
            kind, _, value = line[1:].partition(" ")
            extras[_EXTRA_KEYS[kind]].add(value)
            continue
        word, *positions = line.split(" ")
        vocab[word] = frozenset(positions)
    vocab.update((k, frozenset(v)) for k, v in extras.items())
    return vocab


def vocab_snapshot() -> str:
    """The text of ``_nameparser_vocab.txt`` for the installed nameparser (the tests compare).

    Every ASCII or Latin-letter word of nameparser's vocabulary (titles,
    particles, suffixes, conjunctions, ...), each with the positions of a
    two- or three-word name where nameparser, asked with plain words around
    it, still reads all but the last word as given name and the last as family.
    """
    from nameparser._lexicon import _VOCAB_FIELDS, _default_lexicon

    lexicon = _default_lexicon()
    words: set[str] = set()
    for field in _VOCAB_FIELDS:
        for entry in getattr(lexicon, field):
            words.update(entry.split())
    for lower, _ in lexicon.capitalization_exceptions:
        words.update(lower.split())
    lines = [
        f"# nameparser {_nameparser_version()}",
        "# Words of nameparser's vocabulary, each with the positions (F2 L2 F3 M3 L3: first/middle/last",
        "# of a 2- or 3-word name) where it still parses plainly. Made by blogbib.names.vocab_snapshot:",
        "# python -c 'from blogbib.names import vocab_snapshot as v; print(v(), end=\"\")' > src/blogbib/_nameparser_vocab.txt",
    ]
    for word in sorted(w for w in words if re.fullmatch(f"[{_LATIN}.'&-]+", w)):
        cap = word[:1].upper() + word[1:]
        safe = [p for p in _POSITIONS if _word_is_plain_at(cap, p)] if _PLAIN.fullmatch(f"X {cap}") else []
        lines.append(" ".join([word, *safe]))
    lines.append("# particle runs, suffixes and ', suffix' forms our rules plus nameparser read plainly:")
    for run in _PARTICLE_RUNS:
        if _reads_plainly(lambda g, f: f"{g} {run} {f}", lambda g, f: Name(family=f, given=g, non_dropping_particle=run)):
            lines.append(f"+particle {run}")
    for sep, kind in ((" ", "suffix"), (", ", "comma-suffix")):
        for suffix in _SUFFIX_SPELLINGS:
            if _reads_plainly(lambda g, f: f"{g} {f}{sep}{suffix}", lambda g, f: Name(family=f, given=g, suffix=suffix)):
                lines.append(f"+{kind} {suffix}")
    return "\n".join(lines) + "\n"


def _reads_plainly(text: Callable[[str, str], str], expected: Callable[[str, str], Name]) -> bool:
    return all(_parse_name_slowly(text(g, f)) == expected(g, f)
               for g in _PROBE_GIVEN_PARTS for f in _PROBE_FAMILY)


def _word_is_plain_at(word: str, position: str) -> bool:
    if position[0] == "L" and word.endswith("."):
        return False
    for given in _PROBE_GIVEN:
        for family in _PROBE_FAMILY:
            parts = {"F2": [word, family], "L2": [given, word], "F3": [word, given, family],
                     "M3": [given, word, family], "L3": [given, "Q.", word]}[position]
            if _parse_with_nameparser(" ".join(parts)) != Name(family=parts[-1], given=" ".join(parts[:-1])):
                return False
    return True


def _plain_name(text: str) -> Name | None:
    """``Given Family``, ``Given M. van der Family``, ``Given Family, Jr.`` without nameparser, or None.

    Taken only when every word is a capitalised word in Latin letters or an
    initial, no word is one nameparser reads by a pattern (the initials I.,
    V. and X. are not read so), and at most one is in its vocabulary, at a
    position where the snapshot found it harmless; a particle run before the
    family name or a suffix after it must be one the snapshot found read
    plainly (and then no other vocabulary word is allowed).  The family name
    may also be one of the one-word shapes of :func:`_one_word_family`
    (Smith-Jones, O'Brien, gómez), and a name all in capitals is taken when no
    word is in the vocabulary at all.  Such
    names are read as nameparser and our rules read them: the tests check
    this against the slow path on a large generated set.
    """
    vocab = _nameparser_vocab()
    if vocab is None or "İ" in text or "ſ" in text:
        # İ and ſ match i and s in nameparser's case-insensitive patterns, and change under
        # lower() (İ) or casefold() (ſ).  ı matches i too: _lookups checks both spellings.
        return None
    if text.isupper():
        return _name_in_capitals(text, vocab)
    suffix = None
    if "," in text:
        text, _, suffix = text.rpartition(", ")
        if suffix not in vocab[" comma-suffixes"] or "," in text:
            return None
    else:
        head, _, last = text.rpartition(" ")
        if last in vocab[" suffixes"]:
            text, suffix = head, last
    words = text.split(" ")
    particle = None
    if len(words) > 2 and words[-2].islower():
        first = len(words) - 2
        while first > 1 and words[first - 1].islower():
            first -= 1
        particle = " ".join(words[first:-1])
        if particle not in vocab[" particles"]:
            return None
        words = words[:first] + words[-1:]
    plain = _plain_words(words, vocab, strict=particle is not None or suffix is not None)
    if plain is None:
        return None
    if particle is None and suffix is None:
        return plain
    return Name(family=plain.family, given=plain.given, non_dropping_particle=particle, suffix=suffix)


def _plain_words(words: list[str], vocab: dict[str, frozenset[str]], strict: bool) -> Name | None:
    if not 2 <= len(words) <= 3:
        return None
    *given, family = words
    checked = words
    if not _PLAIN.fullmatch(" ".join(words)) or not _capitalised(family):
        # Still plain if the family name is one of the one-word shapes nameparser reads whole
        # (and the given names are as _PLAIN wants them: it checks them with a stand-in family).
        if not _PLAIN.fullmatch(" ".join(given) + " Family") or not _one_word_family(family, vocab):
            return None
        checked = given
    last = len(words) - 1
    in_vocab = False
    for i, word in enumerate(checked):
        hits = _vocab_hits(word)
        if hits is None:
            return None
        for safe in hits:
            position = ("F" if i == 0 else "L" if i == last else "M") + str(last + 1)
            if strict or in_vocab or position not in safe:
                return None
            in_vocab = True
    return Name(family=family, given=" ".join(given))


# Names repeat their words: each distinct word is looked at once.
@lru_cache(maxsize=8192)
def _vocab_hits(word: str) -> tuple[frozenset[str], ...] | None:
    """None if ``word`` cannot be in a plain name (not capitalised, or a word nameparser reads by
    a pattern); else the safe positions of each of its spellings in nameparser's vocabulary."""
    if not _capitalised(word):
        return None
    vocab = _nameparser_vocab()
    assert vocab is not None  # _plain_name goes no further without it
    hits = []
    for folded in _lookups(word.rstrip(".")):
        if _NAMEPARSER_PATTERNS.fullmatch(folded) and word not in _ROMAN_INITIALS:
            return None
        safe = vocab.get(folded)
        if safe is not None:
            hits.append(safe)
    return tuple(hits)


def _name_in_capitals(text: str, vocab: dict[str, frozenset[str]]) -> Name | None:
    """``OLIVIA SACHDEVA``, ``JASON D. LEE``: two or three words in capitals, none in nameparser's
    vocabulary or patterns at all (in capitals MA is a degree), read as nameparser reads them."""
    words = text.split(" ")
    if not 2 <= len(words) <= 3 or not _PLAIN.fullmatch(text) or len(text.lower()) != len(text):
        return None
    for word in words:
        for folded in _lookups(word.rstrip(".")):
            if folded in vocab or _NAMEPARSER_PATTERNS.fullmatch(folded):
                return None
    return Name(family=words[-1], given=" ".join(words[:-1]))


def _lookups(word: str) -> tuple[str, ...]:
    """``word`` in lower case as nameparser may compare it with its vocabulary and patterns:
    its case-insensitive patterns read a dotless ı as i, so such a word is checked both ways."""
    lower = word.lower()
    return (lower, lower.replace("ı", "i")) if "ı" in lower else (lower,)


def _capitalised(word: str) -> bool:
    """Łukasz or Q., not ŁUKASZ or łukasz; lower() keeps the length (no İ)."""
    return word[0].isupper() and (word[1:] == "." or word[1:].islower()) and len(word.lower()) == len(word)


# Family names written as one word that is not one capitalised word: the lower-case family
# of "Debra gómez", "Smith-Jones", and a capitalised word after one of these prefixes.
_FAMILY_PREFIXES = ("O'", "D'", "Mc", "Mac", "Fitz", "Le", "La", "De", "Di", "Da", "Du", "Van", "Von")
_HYPHENATED = re.compile(rf"[{_LATIN}]+-[{_LATIN}]+")
_LATIN_WORD = re.compile(rf"[{_LATIN}]+")


def _one_word_family(word: str, vocab: dict[str, frozenset[str]]) -> bool:
    """True for a family name nameparser reads whole (the tests check it on a generated set).

    Lower case letters; two capitalised words joined by a hyphen; or one of
    _FAMILY_PREFIXES run into a capitalised word (O'Brien, McAllister,
    LeBlanc).  Neither the word nor any capitalised part of it may be in
    nameparser's vocabulary or patterns (in any position: the snapshot's
    positions are for whole words).
    """
    if len(word.lower()) != len(word) or not _LATIN_WORD.fullmatch(word.replace("-", "").replace("'", "")):
        return False
    if word.islower():
        parts = [word]
    else:
        if _HYPHENATED.fullmatch(word):
            parts = word.split("-")
        else:
            prefix = next((p for p in _FAMILY_PREFIXES if word.startswith(p)), None)
            if prefix is None:
                return False
            parts = [word[len(prefix):]]
        if not all(part[:1].isupper() and part[1:].islower() for part in parts):
            return False
    return all(folded not in vocab and not _NAMEPARSER_PATTERNS.fullmatch(folded)
               for w in (word, *parts) for folded in _lookups(w))


def _parse_person(text: str) -> Name:
    plain = _plain_name(text)
    if plain is not None:
        return plain
    return _parse_with_nameparser(text)


def _parse_with_nameparser(text: str) -> Name:
    from nameparser import HumanName  # imported on first use: it is slow to import

    comma_suffix = None
    head, sep, tail = text.rpartition(",")
    if sep and tail.strip().lower() in _SUFFIXES:
        text, comma_suffix = head.strip(), tail.strip()
    human = HumanName(text)
    given = " ".join(p for p in (human.first, human.middle) if p) or None
    family = human.last or ""
    suffix = comma_suffix
    for word in human.suffix.replace(",", " ").split():
        if word.lower() in _GENERATIONAL or word.lower() in _ACADEMIC and word[0].isupper() and not word.isupper():
            suffix = f"{suffix} {word}" if suffix else word
        else:
            # nameparser reads "Jack MA" as a suffix "MA" (Master of Arts): it is the family name.
            family = f"{family} {word}".strip()
    if not family:
        if given and " " in given:
            given, family = given.rsplit(" ", 1)
        else:
            return Name(literal=text)
    particle = None
    words = family.split()
    lead = 0
    while lead < len(words) - 1 and (words[lead] in _PARTICLES or words[lead].islower()):
        lead += 1
    if lead:
        particle = " ".join(words[:lead])
        family = " ".join(words[lead:])
    return Name(family=family, given=given, non_dropping_particle=particle, suffix=suffix)
