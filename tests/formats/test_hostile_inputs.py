"""Hostile inputs for every reader: megabyte lines, deep nesting, floods of brackets and quotes.

Each case runs under a wall-clock alarm: a regex that backtracks
catastrophically, or a loop that is quadratic in the line length, takes hours
on a megabyte and fails here instead of hanging CI.  Every reader in the
registry gets every payload (the payloads carry pieces of each format's syntax);
what it keeps is written in every writable format under the same alarm.
"""

from __future__ import annotations

import sys
import time

import pytest

from blogbib import formats
from blogbib.errors import Diagnostics, InputError
from blogbib.reading_list import ReadingList
from ..budget import alarm, fill

# One entry per reading function: formats sharing a module's reader (bibtex, biblatex) are fuzzed once.
READERS = list({id(f.read): f for f in reversed(formats.FORMATS) if f.can_read and not f.folder}.values())[::-1]
WRITERS = [f for f in formats.FORMATS if f.can_write]
MB = 1 << 20
LIMIT = 30.0  # seconds per read (and per write); linear code needs well under 2 s for a megabyte




TITLE = "A post title\n"
META = "Jul 15, 2022 ("
PAYLOADS = {
    # one enormous line of each kind
    "letters": fill("a"),
    "words": fill("ab "),
    "spaces": "x" + fill(" ") + "y",
    "open-parens": fill("("),
    "close-parens": fill(")"),
    "quotes": fill('"'),
    "apostrophes": fill("'"),
    "low-9-quotes": fill("„"),
    "curly-quotes": fill("“"),
    "guillemets": fill("«"),
    "braces": fill("{"),
    "brackets": fill("["),
    "angles": fill("<a "),
    "backslashes": fill("\\"),
    "commas": fill(", "),
    "ands": fill("A and "),
    "dates": fill("Jul 1, 2020 "),
    "continue": fill("Continue "),
    "at-entries": fill("@misc{"),
    "ris-dashes": fill("TY  -"),
    # a listing entry whose byline or excerpt is the megabyte
    "listing-byline-words": TITLE + META + fill("Ab Cd, ") + ")",
    "listing-byline-parens": TITLE + META + fill("(") + fill(")", 1000),
    "listing-byline-quotes": TITLE + META + fill('„"“«\'') + ")",
    "listing-excerpt": TITLE + "Jul 15, 2022 (Noam Razin). " + fill("tensor (rank) ") + " Continue",
    "listing-title": fill("Generative Adversarial Networks (GANs) ") + "\n" + META + "Jane Doe).",
    # many lines and many entries
    "blank-lines": fill("\n"),
    "many-entries": "Title\nJul 15, 2022 (Jane Doe). Excerpt.\n" * 20000,
    "ris-records": "TY  - BLOG\nTI  - A title\nAU  - Doe, Jane\nER  - \n" * 20000,
    "ris-long-field": "TY  - BLOG\nTI  - " + fill("word ") + "\nER  - \n",
    "ris-wrapped-field": "TY  - BLOG\nTI  - x\n" + fill("continued line\n") + "ER  - \n",
    "json-deep-arrays": "[" * 200000 + "]" * 200000,
    "json-deep-objects": '{"a":' * 200000 + "1" + "}" * 200000,
    "json-deep-in-item": '[{"title": "t", "custom": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}]",
    "json-long-string": '[{"title": "' + fill("x") + '"}]',
    "json-many-items": "[" + ",".join(['{"title": "t", "author": [{"family": "Doe"}]}'] * 20000) + "]",
    "json-huge-number": '[{"issued": {"date-parts": [[' + "9" * 100000 + "]]}}]",
    "json-long-name": '[{"title": "t", "author": ["' + fill("Ab Cd ") + '"]}]',
}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
@pytest.mark.parametrize("fmt", READERS, ids=[f.name for f in READERS])
def test_reader_survives_hostile_payload_within_time_limit(fmt, name):
    text = PAYLOADS[name]
    diag = Diagnostics()
    start = time.perf_counter()
    with alarm(LIMIT, f"{fmt.name} reading {name!r}"):
        refs = fmt.read(text, source="hostile.in", diag=diag)
    elapsed = time.perf_counter() - start
    assert diag.stats.read == len(refs) + diag.stats.skipped
    assert all(p.line is not None for p in diag.errors)
    with alarm(LIMIT, f"writing what {fmt.name} read from {name!r}"):
        kept = list(ReadingList(refs))
        for writer in WRITERS:
            writer.write(kept)
    print(f"{fmt.name} {name}: {len(text)} chars, {len(refs)} kept, {diag.stats.skipped} skipped, "
          f"read in {elapsed:.2f} s")
    with alarm(LIMIT, f"{fmt.name} strict reading {name!r}"):
        try:
            fmt.read(text, source="hostile.in", diag=Diagnostics(strict=True))
        except InputError:
            assert diag.errors


def test_recursion_limit_is_not_raised_by_the_harness():
    """The deep payloads are deeper than Python's recursion limit, so they really test it."""
    assert PAYLOADS["json-deep-arrays"].count("[") > 10 * sys.getrecursionlimit()
