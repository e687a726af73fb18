"""Hostile inputs for every reader: megabyte lines, deep nesting, floods of brackets and quotes.

Each case runs under a watchdog: a regex that backtracks catastrophically, or
a loop quadratic in the line length, takes hours on a megabyte and fails here
instead of hanging CI.  The quick run reads 64 KB payloads; ``pytest -m deep``
reads each at a megabyte.  Every reader in the
registry gets every payload (the payloads carry pieces of each format's syntax);
what it keeps is written in every writable format under the same alarm.
"""

from __future__ import annotations

import sys

import pytest

from blogbib import formats
from blogbib.errors import Diagnostics, InputError
from blogbib.reading_list import ReadingList
from ..budget import alarm, fill

# One entry per reading function: formats sharing a module's reader (bibtex, biblatex) are fuzzed once.
READERS = list({id(f.read): f for f in reversed(formats.FORMATS) if f.can_read and not f.folder}.values())[::-1]
WRITERS = [f for f in formats.FORMATS if f.can_write]
MB = 1 << 20
WATCHDOG = 120.0  # seconds: only a hang trips it (a slow path is found by tests/unit/test_regex_budget.py's growth check)




TITLE = "A post title\n"
META = "Jul 15, 2022 ("
# name → the payload at size n (a megabyte in the deep run; counts scale with it)
PAYLOADS = {
    # one enormous line of each kind
    "letters": lambda n: fill("a", n),
    "words": lambda n: fill("ab ", n),
    "spaces": lambda n: "x" + fill(" ", n) + "y",
    "open-parens": lambda n: fill("(", n),
    "close-parens": lambda n: fill(")", n),
    "quotes": lambda n: fill('"', n),
    "apostrophes": lambda n: fill("'", n),
    "low-9-quotes": lambda n: fill("„", n),
    "curly-quotes": lambda n: fill("“", n),
    "guillemets": lambda n: fill("«", n),
    "braces": lambda n: fill("{", n),
    "brackets": lambda n: fill("[", n),
    "angles": lambda n: fill("<a ", n),
    "backslashes": lambda n: fill("\\", n),
    "commas": lambda n: fill(", ", n),
    "ands": lambda n: fill("A and ", n),
    "dates": lambda n: fill("Jul 1, 2020 ", n),
    "continue": lambda n: fill("Continue ", n),
    "at-entries": lambda n: fill("@misc{", n),
    "ris-dashes": lambda n: fill("TY  -", n),
    # a listing entry whose byline or excerpt is the megabyte
    "listing-byline-words": lambda n: TITLE + META + fill("Ab Cd, ", n) + ")",
    "listing-byline-parens": lambda n: TITLE + META + fill("(", n) + fill(")", 1000),
    "listing-byline-quotes": lambda n: TITLE + META + fill('„"“«\'', n) + ")",
    "listing-excerpt": lambda n: TITLE + "Jul 15, 2022 (Noam Razin). " + fill("tensor (rank) ", n) + " Continue",
    "listing-title": lambda n: fill("Generative Adversarial Networks (GANs) ", n) + "\n" + META + "Jane Doe).",
    # many lines and many entries
    "blank-lines": lambda n: fill("\n", n),
    "many-entries": lambda n: "Title\nJul 15, 2022 (Jane Doe). Excerpt.\n" * (n // 52),
    "ris-records": lambda n: "TY  - BLOG\nTI  - A title\nAU  - Doe, Jane\nER  - \n" * (n // 52),
    "ris-long-field": lambda n: "TY  - BLOG\nTI  - " + fill("word ", n) + "\nER  - \n",
    "ris-wrapped-field": lambda n: "TY  - BLOG\nTI  - x\n" + fill("continued line\n", n) + "ER  - \n",
    "json-deep-arrays": lambda n: "[" * (n // 5) + "]" * (n // 5),
    "json-deep-objects": lambda n: '{"a":' * (n // 5) + "1" + "}" * (n // 5),
    "json-deep-in-item": lambda n: '[{"title": "t", "custom": ' + '{"a":' * (n // 200) + "1" + "}" * (n // 200) + "}]",
    "json-long-string": lambda n: '[{"title": "' + fill("x", n) + '"}]',
    "json-many-items": lambda n: "[" + ",".join(['{"title": "t", "author": [{"family": "Doe"}]}'] * (n // 52)) + "]",
    "json-huge-number": lambda n: '[{"issued": {"date-parts": [[' + "9" * (n // 10) + "]]}}]",
    "json-long-name": lambda n: '[{"title": "t", "author": ["' + fill("Ab Cd ", n) + '"]}]',
}


SIZES = [pytest.param(MB // 16, id="64k"), pytest.param(MB, id="1M", marks=pytest.mark.deep)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", sorted(PAYLOADS))
@pytest.mark.parametrize("fmt", READERS, ids=[f.name for f in READERS])
def test_reader_survives_hostile_payload(fmt, name, size):
    text = PAYLOADS[name](size)
    diag = Diagnostics()
    with alarm(WATCHDOG, f"{fmt.name} reading {name!r}"):
        refs = fmt.read(text, source="hostile.in", diag=diag)
    assert diag.stats.read == len(refs) + diag.stats.skipped
    assert all(p.line is not None for p in diag.errors)
    with alarm(WATCHDOG, f"writing what {fmt.name} read from {name!r}"):
        kept = list(ReadingList(refs))
        for writer in WRITERS:
            writer.write(kept)
    print(f"{fmt.name} {name}: {len(text)} chars, {len(refs)} kept, {diag.stats.skipped} skipped")
    with alarm(WATCHDOG, f"{fmt.name} strict reading {name!r}"):
        try:
            fmt.read(text, source="hostile.in", diag=Diagnostics(strict=True))
        except InputError:
            assert diag.errors


def test_recursion_limit_is_not_raised_by_the_harness():
    """The deep payloads are deeper than Python's recursion limit, so they really test it."""
    assert PAYLOADS["json-deep-arrays"](MB // 16).count("[") > 10 * sys.getrecursionlimit()
