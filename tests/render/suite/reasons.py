"""A first, generated reason for each failing fixture, grouped by cause (reviewed by hand afterwards).

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


def _used(fixture: Fixture, variable: str) -> bool:
    """Whether the style names ``variable`` (in ``variable``, ``is-numeric`` or ``is-uncertain-date``)."""
    pattern = rf'(?:variable|is-numeric|is-uncertain-date)="(?:[^"]*\s)?{re.escape(variable)}(?:\s[^"]*)?"'
    return re.search(pattern, fixture.csl) is not None


def reason(fixture: Fixture, outcome: Outcome, lost_variables=None) -> str:
    """One short reason for a failing fixture."""
    if outcome.error:
        return outcome.error
    if lost_variables is not None:
        lost = dict.fromkeys(v for item in fixture.input for v in lost_variables(item) if _used(fixture, v))
        if lost:
            names = list(lost)
            shown = ", ".join(names[:2]) + (" …" if len(names) > 2 else "")
            return f"input: {shown} not passed intact"
    kind = difference(outcome.expected, outcome.got or "")
    feature = CATEGORY.get(fixture.category)
    if feature is None:  # bugreports, magic, fullstyles ...: the kind of difference is all there is to say
        return f"engine: {kind}" if kind else "engine: other (see the diff)"
    return f"engine: {feature}" + (f" ({kind})" if kind and kind != feature else "")


def cause(text: str) -> str:
    """The cause a reason names, without its detail: ``engine: names (spacing)`` → ``engine: names``."""
    if text.startswith("input: rejected"):
        return "input: rejected by the CSL-JSON reader"
    if text.startswith("engine: raises"):
        return text.split(":", 3)[0] + ": raises " + text.split(":", 3)[1].split()[-1]
    return text.split(" (", 1)[0]
