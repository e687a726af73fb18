"""Fuzzing every reader in the registry: only blogbib's own errors, nothing lost, nothing injected.

The readers and writers are taken from ``blogbib.formats.FORMATS``, so a format
added to the table is fuzzed without touching this file.  Inputs: random text,
pieces of every format's syntax, JSON-shaped text, random bytes, markup, the
real fixtures mutated, and enormous lines or nesting.  For every input:

- a lenient read never raises, and its accounting holds:
  ``read == kept + skipped``, every error naming the source and a line;
- a strict read either succeeds with no error or raises :class:`InputError`;
- every writable format writes what was kept, and the output is well formed
  (CSL-JSON parses, RIS has one tag per line, BibTeX braces balance).

Each test runs a fifth of its examples (``N_*`` below) in the quick run and
all of them under ``pytest -m deep`` (tests/depth.py).  In CI (``CI=true``)
the runs are derandomized, so a failure reproduces.
"""

from __future__ import annotations

import json
import os
import random
import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from blogbib import formats
from blogbib.errors import Diagnostics, InputError
from blogbib.inputs import decode

from ..budget import alarm
from ..depth import DEPTHS, fuzz
from ..conftest import FIXTURES, shared_path

# One entry per reading function: formats sharing a module's reader (bibtex, biblatex) are fuzzed once.
READERS = list({id(f.read): f for f in reversed(formats.FORMATS) if f.can_read and not f.folder}.values())[::-1]
WRITERS = [f for f in formats.FORMATS if f.can_write]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SOURCE = "fuzz.in"

# Example counts: stated here, in the test names, and printed by each test.
N_TEXT = 150
N_TOKENS = 150
N_JSON = 150
N_BYTES = 100
N_MUTATED = 120
N_MARKUP = 200
N_PAGES = 30


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=timedelta(seconds=10),  # one example; a runaway regex or loop fails here
        derandomize=IN_CI,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.function_scoped_fixture],
        print_blob=True,
    )


# ------------------------------------------------------------------ the checks


def check_read(fmt: formats.Format, text: str) -> list:
    """Read leniently and strictly; check the accounting; write what was kept."""
    diag = Diagnostics(strict=False)
    refs = fmt.read(text, source=SOURCE, diag=diag)  # lenient: must not raise at all
    assert diag.stats.read == len(refs) + diag.stats.skipped, (diag.stats, len(refs))
    assert diag.stats.skipped <= len(diag.errors)
    for problem in diag.problems:
        assert problem.source == SOURCE and problem.message.strip()
        if problem.severity == "error":
            assert problem.line is not None and problem.line >= 1, problem
            assert str(problem).startswith(f"{SOURCE}:{problem.line}: ")

    strict = Diagnostics(strict=True)
    try:
        strict_refs = fmt.read(text, source=SOURCE, diag=strict)
    except InputError as exc:
        assert diag.errors, "strict mode raised where lenient mode found no error"
        assert str(exc).startswith(f"{SOURCE}:")
    else:
        assert not diag.errors, "strict mode accepted input lenient mode reported"
        assert strict_refs == refs
    check_writers(refs)
    return refs


def check_writers(refs: list) -> None:
    from blogbib.reading_list import ReadingList

    refs = list(ReadingList(refs))
    for fmt in WRITERS:
        out = fmt.write(refs)
        assert isinstance(out, str)
        out.encode("utf-8")  # no lone surrogates: the text can be saved
        check_well_formed(fmt.name, out, len(refs))


def check_well_formed(name: str, out: str, count: int) -> None:
    if name == "csl-json":
        assert len(json.loads(out)) == count
    elif name == "ris":
        lines = [line for line in out.split("\n") if line]
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines[:5]
        assert sum(line.startswith("TY  - ") for line in lines) == count
        assert sum(line.startswith("ER  - ") for line in lines) == count
    elif name in ("bibtex", "biblatex"):
        check_bib(out, count)


def check_bib(out: str, count: int) -> None:
    """Every entry starts a line with ``@type{key,``, and braces balance inside each entry."""
    assert len(re.findall(r"^@\w+\{[^,\s{}]+,$", out, re.M)) == count
    depth = 0
    for ch in out.replace(r"\{", "").replace(r"\}", ""):  # \{ \} are not brace groups to TeX
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0, "a closing brace ends a field early"
    assert depth == 0
    for line in out.split("\n"):
        if line.startswith("@"):
            continue
        # Every other line is a field ("  name = {…},"), or the end of an entry.
        assert line in ("", "}") or re.match(r"  [a-z][a-z0-9_.:+-]* += ", line), line[:80]


# ------------------------------------------------------------------ inputs

# Pieces of every format's syntax, so random text reaches deep into the readers.
TOKENS = [
    "\n", "\r\n", "\n\n", " ", "\t", "\ufeff", "TY  - BLOG", "TY  - JOUR", "ER  - ", "AU  - ", "TI  - ",
    "DA  - ", "PY  - ", "2022/07/15", "Y2  - ", "ID  - ", "KW  - ", "UR  - ", "Jul 15, 2022", "Feb 30, 2021",
    "Jul 45, 2019", "2022-07-15", "15 July 2022", "(", ")", "(Noam Razin)", "(blogmasters)", ". ", "Continue",
    "… Continue", "Sanjeev Arora and Yi Zhang", ", Jr.", "et al.", "\"", "'", "“", "„", "«", "{", "}", "[", "]",
    "[{", "}]", ",", ":", '"id": ', '"title": ', '"author": ', '"issued": ', '{"date-parts": [[2020, 1, 2]]}',
    '"date-parts"', '{"family": "Doe", "given": "Jane"}', '{"literal": "Team"}', "null", "true", "12", "-1",
    "\\u0000", "\\ud800", "\\", "@misc{", "@online{", "title = {", "author = ", "<", ">", "<item>",
    "<title>", "</title>", "<![CDATA[", "]]>", "&amp;", "&lol;", "<!DOCTYPE x [", "<!ENTITY", "<a href=\"",
    "javascript:", "<script>", "%", "#", "&", "~", "^", "_", "$", "\\input{/etc/passwd}", "\\write18{ls}",
    "é", "😀", "\u0301", "\u200b", "\u2028", "\x00", "\x0c", "Ünïcödé", "0" * 30,
]


@st.composite
def token_text(draw) -> str:
    return "".join(draw(st.lists(st.sampled_from(TOKENS), max_size=80)))


def mutate(text: str, rnd: random.Random, steps: int) -> str:
    """Truncate, shuffle, duplicate, drop, swap lines; insert stray quotes and brackets."""
    lines = text.split("\n")
    for _ in range(steps):
        op = rnd.randrange(8)
        if not lines:
            lines = [""]
        i = rnd.randrange(len(lines))
        if op == 0:  # truncate the text at a random character
            joined = "\n".join(lines)
            lines = joined[: rnd.randrange(len(joined) + 1)].split("\n")
        elif op == 1:  # shuffle a window of lines
            j = min(len(lines), i + rnd.randrange(2, 12))
            window = lines[i:j]
            rnd.shuffle(window)
            lines[i:j] = window
        elif op == 2:  # duplicate a line
            lines.insert(i, lines[i])
        elif op == 3:  # drop a line
            del lines[i]
        elif op == 4:  # swap two lines
            k = rnd.randrange(len(lines))
            lines[i], lines[k] = lines[k], lines[i]
        else:  # a stray quote or bracket, somewhere in a line
            ch = rnd.choice("\"'{}[]()<>\\,:;“”„«»&%#")
            pos = rnd.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + ch * rnd.choice((1, 1, 2, 7)) + lines[i][pos:]
    return "\n".join(lines)


# ------------------------------------------------------------------ seeds from real fixtures


_SEEDS: dict[str, list[str]] = {}


def seeds_for(fmt: formats.Format, listing_path: Path) -> list[str]:
    """Real inputs for a reader: fixtures whose suffix it reads, and the listing written in its format.

    (A plain cache rather than a fixture, so hypothesis does not print the texts with every failure.)
    """
    if not _SEEDS:
        import blogbib

        fixtures = sorted(p for p in listing_path.parent.iterdir() if p.is_file() and p.name != "README.md")
        offconvex = blogbib.read(listing_path, blog_title="Off the Convex Path")
        for reader in READERS:
            texts = [decode(p.read_bytes(), p.name) for p in fixtures if p.suffix.lower() in reader.suffixes]
            if reader.can_write:
                texts.append(reader.write(list(offconvex)))
            _SEEDS[reader.name] = texts
    return _SEEDS[fmt.name]


CSL_KEYS = ["id", "citation-key", "type", "title", "author", "issued", "accessed", "container-title", "URL",
            "abstract", "keyword", "custom", "more-authors", "date-parts", "raw", "literal", "family", "given",
            "non-dropping-particle", "suffix", "note", "language", "x"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.sampled_from(["2020-02-30", "Jul 15, 2022", "\ud800", "post-weblog", "", "2022"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(CSL_KEYS), children, max_size=6),
    max_leaves=25,
)


@st.composite
def json_text(draw) -> str:
    value = draw(st.lists(json_values, max_size=4) | json_values)
    # A lone surrogate among the values comes out as the JSON escape \\ud800, as in a hostile file.
    return json.dumps(value, indent=draw(st.sampled_from([None, 1])))


# ------------------------------------------------------------------ the fuzz tests

reader_ids = [f.name for f in READERS]


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("fmt", READERS, ids=reader_ids)
def test_random_text(fmt, depth):
    fuzz(lambda text: check_read(fmt, text), fuzz_settings(depth.of(N_TEXT)), text=st.text(max_size=3000))


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("fmt", READERS, ids=reader_ids)
def test_format_tokens(fmt, depth):
    fuzz(lambda text: check_read(fmt, text), fuzz_settings(depth.of(N_TOKENS)), text=token_text())


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("fmt", READERS, ids=reader_ids)
def test_json_shaped_text(fmt, depth):
    fuzz(lambda text: check_read(fmt, text), fuzz_settings(depth.of(N_JSON)), text=json_text())


BYTES = st.binary(max_size=3000) | st.builds(lambda t, enc: t.encode(enc, "replace"), st.text(max_size=500),
                                             st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                                                              "utf-16-be", "latin-1", "cp1252", "utf-32"]))


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("fmt", READERS, ids=reader_ids)
def test_random_bytes_through_decode(fmt, depth):
    def check(data):
        try:
            text = decode(data, SOURCE)
        except InputError as exc:
            problem = exc.problems[0]
            assert problem.source == SOURCE and problem.line is not None
            assert str(exc).startswith(f"{SOURCE}:{problem.line}: ")
            return
        check_read(fmt, text)

    fuzz(check, fuzz_settings(depth.of(N_BYTES)), data=BYTES)


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("fmt", READERS, ids=reader_ids)
def test_mutated_fixtures(fmt, listing_path, depth):
    texts = seeds_for(fmt, listing_path)
    if not texts:
        pytest.skip(f"no real input for {fmt.name} among the fixtures")

    def check(seed, steps):
        rnd = random.Random(seed)
        check_read(fmt, mutate(rnd.choice(texts), rnd, steps))

    fuzz(check, fuzz_settings(depth.of(N_MUTATED)), seed=st.integers(0, 2**32 - 1), steps=st.integers(1, 6))


@pytest.mark.parametrize("fmt", READERS, ids=reader_ids)
def test_unmutated_fixtures_read_without_errors(fmt, listing_path):
    """The real inputs themselves: everything is read, nothing skipped (the baseline for the mutations)."""
    if not seeds_for(fmt, listing_path):
        pytest.skip(f"no real input for {fmt.name} among the fixtures")
    for text in seeds_for(fmt, listing_path):
        diag = Diagnostics()
        refs = fmt.read(text, source=SOURCE, diag=diag)
        assert refs and not diag.errors, diag.errors[:3]
        assert diag.stats.read == len(refs)


def test_the_fuzz_covers_every_reader_in_the_registry():
    functions = {id(f.read) for f in formats.FORMATS if f.can_read and not f.folder}  # text readers (a folder
    # reader's own tests, tests/formats/test_source.py, give it broken files)
    assert functions == {id(f.read) for f in READERS} and {"listing", "csl-json", "ris"} <= set(reader_ids)
    names = reader_ids
    print(f"fuzzed readers: {sorted(names)}; examples per reader: text {N_TEXT}, tokens {N_TOKENS}, "
          f"JSON-shaped {N_JSON}, bytes {N_BYTES}, mutated fixtures {N_MUTATED}")


# ------------------------------------------------------------------ markup, and the web pages mutated

MARKUP = st.lists(st.sampled_from(["<", ">", "</", "<div>", "<a href='", "<article>", "<time datetime='2020-02-30'>",
                                   "<script type='application/ld+json'>", "{", "}", "[", "]", '"', "'", "@misc{",
                                   "<item>", "<title>", "&amp;", "&#58;", "<!ENTITY", "\\", "%", "#", "\n",
                                   "class='h-entry'", "class='post-link'", "Jul 6, 2017 (A and B).", "\x00", "\ufeff"])
                  | st.text(max_size=20), max_size=60).map("".join)


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("fmt", READERS, ids=reader_ids)
def test_markup(fmt, depth):
    fuzz(lambda text: check_read(fmt, text), fuzz_settings(depth.of(N_MARKUP)), text=MARKUP)


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("name, fmt", [("offconvex-index.html", "html"), ("offconvex-feed-2017.xml", "feed")])
def test_web_pages_cut_and_shuffled(name, fmt, depth):
    lines = shared_path(FIXTURES / name).read_text(encoding="utf-8").splitlines(keepends=True)

    def check(data):
        cut = data.draw(st.integers(0, len(lines)))
        shuffled = data.draw(st.permutations(lines[:40])) if data.draw(st.booleans()) else lines[:40]
        check_read(formats.get(fmt), "".join(shuffled) + "".join(lines[40:cut]) + data.draw(MARKUP))

    fuzz(check, fuzz_settings(depth.of(N_PAGES)), data=st.data())


HUGE = {"letters-1M": "x" * 1_000_000, "divs-100k": "<div>" * 100_000, "braces-100k": "{" * 100_000,
        "brackets-100k": "[" * 100_000, "post-link-then-parens-200k": "<a class='post-link' href='/'>" + "(" * 200_000}


@pytest.mark.deep
@pytest.mark.parametrize("fmt", READERS, ids=reader_ids)
@pytest.mark.parametrize("name", HUGE)
def test_huge_lines_and_deep_nesting(fmt, name):
    """Read leniently under a watchdog (a backtracking path hangs no run; tests/unit/test_regex_budget.py times growth)."""
    diag = Diagnostics()
    with alarm(120, f"{fmt.name} reading {name}"):
        refs = fmt.read(HUGE[name], source=SOURCE, diag=diag)
    assert diag.stats.read == len(refs) + diag.stats.skipped
