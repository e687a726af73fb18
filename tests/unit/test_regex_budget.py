"""Every text function that runs regexes on untrusted text, on a megabyte of worst cases.

Audited: listing.py (read with its post pattern, parse_meta and its date/"Continue" patterns), names.py
(byline splitting, "et al.", nicknames), dates.py, latex.py (escape, title
protection), keys.py (key words and patterns), the format sniffers.  Each call
runs under an alarm; a pattern that backtracks catastrophically (or a loop that
is quadratic in the input) exceeds it by orders of magnitude on this size.
Three of these were quadratic before this suite existed: the nickname pattern
on unclosed „ or “ quotes, title protection on long titles, and the BibTeX
sniffer on blank lines.
"""

from __future__ import annotations

import time

import pytest

from blogbib import dates, formats, keys, latex, names
from blogbib.errors import Diagnostics
from blogbib.formats import listing
from blogbib.model import Date, Name, Reference
from ..budget import alarm, fill

MB = 1 << 20
LIMIT = 15.0




# Units repeated to a megabyte: each aims at a quantifier in one of the audited patterns.
UNITS = [
    "a", " ", "\t \n", "(", ")", '"', "'", "„", "“", "«", "{", "\\", ",", " and ", " & ", "et al. ", "Jr., ",
    "Jul 1, ", "2020-01-01T", "Continue ", "\n@", "TY  - ", "GANs. ",
]
IDS = [repr(u)[1:-1].replace(" ", "_") or "empty" for u in UNITS]

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


@pytest.mark.parametrize("unit", UNITS, ids=IDS)
@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_megabyte_of_worst_case_text_runs_in_linear_time(name, unit):
    text = fill(unit)
    start = time.perf_counter()
    with alarm(LIMIT, f"{name} on a megabyte of {unit!r}"):
        FUNCTIONS[name](text)
    assert time.perf_counter() - start < LIMIT


def test_the_alarm_catches_a_backtracking_pattern():
    """The harness itself can fail: a classic catastrophic pattern is stopped by the alarm."""
    import re

    with pytest.raises(TimeoutError):
        with alarm(0.5, "(a+)+$"):
            re.match(r"(a+)+$", "a" * 64 + "b")
