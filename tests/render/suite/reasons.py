"""A first, generated reason for each failing fixture of the CSL test suite and each difference from the
wide oracle, grouped by cause (reviewed by hand afterwards).

Reasons start with who is at fault: ``input:`` (the item data never reaches the engine intact),
``engine:`` (the engine renders it wrongly or cannot express it) or ``runner:`` (this runner cannot
pass the fixture to the engine interface).  The order of the checks below is the order of blame: data
lost on the way in first, then the shape of the difference, then the CSL feature the fixture is about.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter

from .fixtures import Fixture
from .runner import Outcome

# the CSL feature a fixture's category tests
CATEGORY = {
    "affix": "affixes", "collapse": "collapsing", "condition": "conditions", "date": "dates",
    "decorations": "decorations", "disambiguate": "disambiguation", "display": "display attribute",
    "etal": "et-al", "flipflop": "flip-flop of quotes and italics", "form": "short forms", "group": "groups",
    "label": "labels", "locale": "locale terms and dates", "locator": "locators", "name": "names",
    "nameattr": "name options inherited from cs:style/cs:citation", "nameorder": "name order",
    "number": "numbers", "page": "page ranges", "plural": "plurals", "position": "positions (ibid, subsequent)",
    "punctuation": "punctuation", "quotes": "quotes", "sort": "sorting", "sortseparator": "sorting",
    "substitute": "substitute", "textcase": "text-case", "variables": "variables",
    "integration": "citations across a document", "unicode": "unicode",
}
# differences too plain to blame on lost input
SIMPLE = ("spacing", "HTML markup", "quote marks", "text-case")
_TAG = re.compile(r"<[^>]+>")
_PUNCT = re.compile(r"[\W_]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def _units(text: str) -> list[str]:
    """The citations (lines) or bibliography entries of an output."""
    if "csl-entry" in text:
        return re.findall(r'<div class="csl-entry">(.*?)</div>(?=<div class="csl-entry">|</div>$)', text, re.S)
    return text.split("\n")


def difference(expected: str, got: str) -> str | None:
    """The kind of difference between two outputs, when it is one of a few simple kinds."""
    if not _plain(got).strip() and _plain(expected).strip():
        return "renders nothing"
    if got.count("&#60;") > expected.count("&#60;"):
        return "markup in item data printed as text"
    if re.sub(r"\s+", "", expected) == re.sub(r"\s+", "", got):
        return "spacing"
    if _plain(expected) == _plain(got):
        return "HTML markup"
    if _plain(expected).translate(_QUOTES) == _plain(got).translate(_QUOTES):
        return "quote marks"
    if expected.casefold() == got.casefold():
        return "text-case"
    fold = lambda s: _PUNCT.sub("", unicodedata.normalize("NFKC", _plain(s)))  # noqa: E731
    if fold(expected) == fold(got):
        return "punctuation"
    if fold(expected).casefold() == fold(got).casefold():
        return "text-case"
    if len(_units(expected)) > 1 and Counter(_units(expected)) == Counter(_units(got)):
        return "order of entries or cites"
    return None


def reason(fixture: Fixture, outcome: Outcome, lost_variables=None) -> str:
    """One short reason for a failing fixture."""
    if outcome.error:
        return outcome.error
    kind = difference(outcome.expected, outcome.got or "")
    if lost_variables is not None and kind not in SIMPLE:
        lost = list(dict.fromkeys(v for item in fixture.input for v in lost_variables(item)))
        if _input_lost(fixture.csl, lost):
            return _input_lost(fixture.csl, lost)
    feature = CATEGORY.get(fixture.category)
    if feature is None:  # bugreports, magic, fullstyles ...: the kind of difference is all there is to say
        return f"engine: {kind}" if kind else "engine: other (see the diff)"
    return f"engine: {feature}" + (f" ({kind})" if kind and kind != feature else "")


def cause(text: str) -> str:
    """The cause a reason names, without its detail: ``engine: names (spacing)`` → ``engine: names``."""
    from blogbib.model import DATE_VARIABLES, NAME_VARIABLES

    if text.startswith("input: rejected"):
        return "input: rejected by the CSL-JSON reader"
    lost = re.match(r"input: (.*) not passed intact$", text)
    if lost:
        variables = set(lost[1].replace(" …", "").split(", "))
        if variables <= NAME_VARIABLES - {"author"}:
            return "input: name variables other than author dropped"
        if variables <= DATE_VARIABLES:
            return "input: dates not passed intact (ranges, seasons, other date variables)"
    if text.startswith("engine: raises"):
        return text.split(":", 3)[0] + ": raises " + text.split(":", 3)[1].split()[-1]
    return text.split(" (", 1)[0]


# ------------------------------------------------------------------ the wide oracle's differences

_TOKEN = re.compile(r"\w+|[^\w\s]")
_HTML_TOKEN = re.compile(r"<[^>]+>|\w+|[^\w\s]")
# (what citeproc-js wrote that we did not, the reason) for the kinds issue 13 names
_ORACLE_KINDS = (
    (re.compile(r"&#60;"), "'<' and '>' in affixes not escaped in HTML"),
    (re.compile(r"^—{2,}|[^—]—{2,}[,. ]"), "subsequent-author-substitute"),
    (re.compile(r'class="csl-(?:block|indent|left-margin|right-inline)"'), "display attribute (csl-* divs missing)"),
    (re.compile(r'<span style="baseline">'), "vertical-align=\"baseline\" span not written"),
)


def _span(text: str, tokens: list[re.Match], start: int, end: int) -> str:
    if start >= end:
        return ""
    piece = text[tokens[start].start():tokens[end - 1].end()]
    return piece if len(piece) <= 40 else piece[:37] + "…"


def word_difference(ours: str, theirs: str, markup: bool = False) -> str:
    """The first place two outputs differ, in words (and tags, with ``markup``):
    ``missing 'X'``, ``extra 'X'``, ``'X' for 'Y'``."""
    import difflib

    a, b = (ours, theirs) if markup else (_plain(ours), _plain(theirs))
    token = _HTML_TOKEN if markup else _TOKEN
    ta, tb = list(token.finditer(a)), list(token.finditer(b))
    ops = [op for op in difflib.SequenceMatcher(None, [m[0] for m in ta], [m[0] for m in tb],
                                                autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return "spacing"
    tag, i1, i2, j1, j2 = ops[0]
    more = " …" if len(ops) > 1 else ""
    if tag == "insert":
        return f"missing '{_span(b, tb, j1, j2)}'{more}"
    if tag == "delete":
        return f"extra '{_span(a, ta, i1, i2)}'{more}"
    return f"'{_span(a, ta, i1, i2)}' for '{_span(b, tb, j1, j2)}'{more}"


# generated reasons of the wide oracle, reviewed: what the generated words turned out to mean
REVIEWED = (
    (re.compile(r"^engine: missing 'Available from:'$"),
     "engine: a cs:group holding only terms renders nothing ('Available from:')"),
    (re.compile(r"^engine: extra '[-. ]*won"), "engine: initials of a hyphenated given name ('Ji-won')"),
    (re.compile(r"^engine: HTML markup \(missing '</(?:span|b)>'"),
     "engine: name formatting applied around the whole name list, not to each name"),
    (re.compile(r"^engine: '(\d{4})[a-z]' for '\1[a-z]'$"), "engine: year-suffix letters in another order"),
)


def normalise_end(text: str) -> str:
    return re.sub(r"\s+((?:</div>)*)$", r"\1", text)


def _input_lost(csl: str, lost: list[str] | None) -> str | None:
    used = [v for v in lost or () if _used_in(csl, v)]
    if used:
        return f"input: {', '.join(used[:2])}{' …' if len(used) > 2 else ''} not passed intact"
    return None


def oracle_reason(diff: dict, csl: str, lost: list[str] | None = None) -> str:
    """A first reason for one difference from the wide oracle (``csl``: the style's XML)."""
    generated = _oracle_reason(diff, csl, lost)
    return next((text for pattern, text in REVIEWED if pattern.search(generated)), generated)


def _oracle_reason(diff: dict, csl: str, lost: list[str] | None) -> str:
    ours, theirs = diff["ours"], diff["theirs"]
    kind = difference(theirs, ours)
    if kind not in SIMPLE and _input_lost(csl, lost):
        return _input_lost(csl, lost)
    other = re.match(r"\[([a-z][a-z0-9-]*)\] ", ours)  # oracle.compare marks an entry of another item so
    if other and other[1] != diff["id"] and diff["mode"] == "bibliography":
        return "engine: bibliography order"
    for pattern, name in _ORACLE_KINDS:
        if pattern.search(theirs) and not pattern.search(ours):
            return f"engine: {name}"
    tidy = re.sub(r"([.?!])((?:</[a-z]+>)*)\s*\.", r"\1\2", theirs)
    if tidy != theirs and normalise_end(tidy) == normalise_end(ours):
        return "citeproc-js: duplicate punctuation ('. .', '?.') after a field, arguably wrong; blogbib drops it"
    if kind == "spacing" and normalise_end(ours) == theirs:
        return "engine: spacing (a space at the end of the entry)"
    if kind == "HTML markup":
        return f"engine: HTML markup ({word_difference(ours, theirs, markup=True)})"
    if kind in ("quote marks", "text-case"):
        return f"engine: {kind} ({word_difference(ours, theirs)})"
    if kind == "renders nothing":
        return f"engine: {kind}"
    return f"engine: {word_difference(ours, theirs)}"


def _used_in(csl: str, variable: str) -> bool:
    """Whether a style names ``variable`` (in ``variable``, ``is-numeric`` or ``is-uncertain-date``)."""
    pattern = rf'(?:variable|is-numeric|is-uncertain-date)="(?:[^"]*\s)?{re.escape(variable)}(?:\s[^"]*)?"'
    return re.search(pattern, csl) is not None


def lost_variables(item: dict) -> list[str]:
    """The CSL variables of ``item`` that do not come back unchanged from blogbib's model
    (``to_csl(from_csl(item))``): what the engine cannot have rendered as given."""
    from blogbib.formats.csl_json import from_csl, to_csl

    try:
        back = to_csl(from_csl(dict(item)))
    except ValueError:
        return []
    return [key for key, value in item.items()
            if key not in ("id", "type", "custom") and _plain(value) != _plain(back.get(key))]


def _plain(value: object) -> object:
    """A value as far as rendering goes: numbers in dates as numbers, name parts and other scalars as text."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: ([[_number(p) for p in parts] for parts in v] if k == "date-parts" and isinstance(v, list)
                    else _plain(v)) for k, v in value.items()}
    return None if value is None else str(value)


def _number(part: object) -> object:
    try:
        return int(part)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return part

