"""Every text function that runs regexes on untrusted text, on worst cases growing in size.

Audited: listing.py (read with its post pattern, parse_meta and its date/"Continue" patterns), names.py
(byline splitting, "et al.", nicknames), dates.py, latex.py (escape, title
protection), keys.py (key words and patterns), the format sniffers.  Each call
is timed on n and 8n characters, relative to each other (tests/budget.py): a
pattern that backtracks catastrophically, or a loop quadratic in the input,
grows faster than n**1.5.  The quick run checks each function on runs of
every unit in turn; ``pytest -m deep`` checks every function on every unit.
Three of these were quadratic before this suite existed: the nickname pattern
on unclosed „ or “ quotes, title protection on long titles, and the BibTeX
sniffer on blank lines.
"""

from __future__ import annotations

import pytest

from blogbib import dates, formats, keys, latex, names
from blogbib.errors import Diagnostics
from blogbib.formats import listing
from blogbib.model import Date, Name, Reference
from ..budget import MAX_EXPONENT, alarm, fill, growth

SIZE = 1 << 13  # characters at the smaller size of the growth check (the larger is 8 times this; see tests/budget.py)
WATCHDOG = 120.0  # seconds: only a hang trips it




# Units repeated to the sizes checked: each aims at a quantifier in one of the audited patterns.
UNITS = [
    "a", " ", "\t \n", "(", ")", '"', "'", "„", "“", "«", "{", "\\", ",", " and ", " & ", "et al. ", "Jr., ",
    "Jul 1, ", "2020-01-01T", "Continue ", "\n@", "TY  - ", "GANs. ",
]
IDS = [repr(u)[1:-1].replace(" ", "_") or "empty" for u in UNITS]
MIXED = "".join(unit * 64 for unit in UNITS)  # runs of each unit, for the quick run

FUNCTIONS = {
    "listing.parse_meta": lambda t: _ignore_value_error(listing.parse_meta, "Jul 15, 2022 (" + t),
    "listing.parse_meta-bare": lambda t: _ignore_value_error(listing.parse_meta, t),
    "listing.read": lambda t: listing.read("Title\nJul 15, 2022 (" + t, source="t", diag=Diagnostics()),
    "listing.read-bare": lambda t: listing.read(t, source="t", diag=Diagnostics()),
    "names.split_byline": names.split_byline,
    "names.parse_byline": names.parse_byline,
    "names.parse_name": lambda t: names.parse_name.__wrapped__(t),  # past the cache
    "names.is_institutional": names.is_institutional,
    "dates.parse_date": lambda t: _ignore_value_error(dates.parse_date, t),
    "latex.escape": latex.escape,
    "latex.escape-ascii": lambda t: latex.escape(t, ascii=True),
    "latex.protect_title": latex.protect_title,
    "keys.make_key": lambda t: keys.make_key(Reference(title=t, author=(Name(literal=t),), issued=Date(2020),
                                                       container_title=t), "{auth}{year}{shorttitle}{blog}"),
    "keys.validate_pattern": lambda t: _ignore_value_error(keys.validate_pattern, t),
    "keys.safe_key": keys.safe_key,
    "formats.sniffers": lambda t: [f.sniff(t) for f in formats.FORMATS if f.sniff is not None],
    "formats.detect": lambda t: formats.detect(t, "x.txt"),
}


def _ignore_value_error(function, text):
    try:
        return function(text)
    except ValueError:
        return None


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_mixed_worst_cases_grow_linearly(name):
    """Every unit in turn, repeated: the quick run's check of each function."""
    check_growth(name, MIXED)


@pytest.mark.deep
@pytest.mark.parametrize("unit", UNITS, ids=IDS)
@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_worst_case_text_grows_linearly(name, unit):
    """Eight times the text takes about eight times the time, not 64 (quadratic) or more (backtracking)."""
    check_growth(name, unit)


def check_growth(name: str, unit: str) -> None:
    with alarm(WATCHDOG, f"{name} on {8 * SIZE} characters of {unit!r}"):
        exponent = growth(FUNCTIONS[name], lambda n: fill(unit, n), SIZE)
    assert exponent < MAX_EXPONENT, f"{name}: time grows as n**{exponent:.2f} on {unit[:40]!r} repeated"


def test_the_alarm_catches_a_backtracking_pattern():
    """The harness itself can fail: a classic catastrophic pattern is stopped by the alarm."""
    import re

    with pytest.raises(TimeoutError):
        with alarm(0.5, "(a+)+$"):
            re.match(r"(a+)+$", "a" * 64 + "b")


def test_the_growth_check_catches_a_quadratic_loop():
    """The harness itself can fail: a loop quadratic in the text grows as n**2, a linear scan as n."""

    def quadratic(text):  # counts from every 64th character to the end: n**2 / 64 characters read
        return [text.count("a", i) for i in range(0, len(text), 64)]

    assert growth(quadratic, lambda n: fill("a", n), SIZE) > MAX_EXPONENT
    assert growth(str.upper, lambda n: fill("a", n), SIZE) < MAX_EXPONENT
