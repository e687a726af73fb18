"""The listing reader's shortcuts give what the plain code they replace gives.

Each oracle below is the straightforward form of one step (as the reader was
first written); the reader must agree with it on generated input.  The post
shortcut's oracle is the reader's own line-by-line path (the shortcut turned off).
"""

from __future__ import annotations

import re
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st

from blogbib.errors import Diagnostics, InputError
from blogbib.formats import listing
from blogbib.text import is_squeezed, squeeze

WHITESPACE = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()]


def test_every_whitespace_character_but_the_space_is_unprintable():
    assert [c for c in WHITESPACE if c.isprintable()] == [" "]


lines = st.text(alphabet=st.one_of(st.sampled_from(" ab"), st.sampled_from(WHITESPACE), st.characters()), max_size=40)


@settings(max_examples=500)
@given(lines)
@example("a ")
@example(" a")
@example("a  b")
@example("a\u3000b")
def test_squeeze_is_split_and_join(line):
    assert squeeze(line) == " ".join(line.split())
    if is_squeezed(line):
        assert line == " ".join(line.split())
    elif line.isprintable():
        assert line != " ".join(line.split())


# Pieces of listings: titles, meta lines in the usual shape and around it (no byline, nested or
# unbalanced parentheses, dates _date_head() takes but _looks_like_meta() does not, impossible dates,
# institutional authors), and what breaks lines or makes a line need squeezing.
LISTING_PIECES = [
    "Title", "A (B) title", "Jul 3, 2019", "Jul 3, 2019 (Ann Lee). Ex... Continue", "Feb 30, 2019 (Ann Lee).",
    "2019-07-03 (Ann Lee and Bo Li). Ex", "July 2019 (Ann Lee)", "3 July, 2019 (Ann Lee)", "3 July 2019",
    "Jul 3, 2019. No byline... Continue", "Jul 3, 2019 (A (B) C). x", "Jul 3, 2019 (A ((B)) C). x",
    "Jul 3, 2019 (A (B C). x", "Jul 3, 2019(Ann Lee).", "Jul 3, 2019 ( Ann Lee ) x", "Jul 3, 2019 () x",
    "Jul 3, 2019 (Google Research). x", "Jul 3, 2019 (A, B, et al.)", "2019-07-03T08:00 (A B)",
    ". x Continue", ". Continue", " Continue", " continue", "CONTINUE", " Continue reading", "..", ". -x", " →",
    "\n", "\n", "\n", "\r\n", "\r", " ", "  ", "\t", "\u00a0", "\u200b", "\ufeff", "(", ")", "x",
]
listings = st.lists(st.sampled_from(LISTING_PIECES), max_size=14).map("".join)


def _read(text: str, *, strict: bool, usual_posts: bool = True):
    diag = Diagnostics(strict=strict)
    try:
        refs = listing._read(text, "t.txt", diag, listing.ReadOptions(), usual_posts=usual_posts)
    except InputError as exc:
        refs = exc
    return ([(ref, ref.origin) for ref in refs] if isinstance(refs, list) else str(refs),
            diag.problems, diag.stats)


@settings(max_examples=2000)
@given(listings, st.booleans())
@example("Title\nJul 3, 2019 (Ann Lee). Ex... Continue\n\nT2\nJul 4, 2019 (Bo Li)", False)
@example("\ufeffTitle\r\nJul 3, 2019 (A (B) C). x\r\nT\n3 July, 2019 (Ann Lee)\nJul 3, 2019", False)
def test_the_post_shortcut_reads_what_the_line_by_line_path_reads(text, strict):
    assert _read(text, strict=strict) == _read(text, strict=strict, usual_posts=False), text


def test_the_post_shortcut_takes_the_usual_posts():
    text = "T\nJul 3, 2019 (Ann Lee). Ex... Continue\n\nT2\nJuly 4, 2019 (A (B) C). x\nT3\n2019-07-05 (B)"
    assert [m["title"] for m in listing._POST.finditer(text)] == ["T", "T2", "T3"]
    assert listing._usual_post(text, 0)["excerpt"] == "Ex..." and listing._usual_post("T \nJul 3, 2019", 0) is None


def _parse_meta_plainly(line: str) -> tuple[str, str | None, str | None]:
    m = listing._date_head().match(line)
    if not m:
        raise ValueError("no date")
    date_text, rest = m.group(0), line[m.end():]
    byline = None
    stripped = rest.lstrip()
    if stripped.startswith("("):
        offset = len(rest) - len(stripped)
        end = listing._balanced(rest, offset)
        if end is not None:
            byline = rest[offset + 1 : end - 1].strip() or None
            rest = rest[end:]
    rest = re.sub(r"^\s*[.:;,\u2014\u2013-]?\s*", "", rest, count=1).rstrip()
    more = listing._CONTINUE.search(rest)
    excerpt = (rest[: more.start()] if more else rest).strip() or None
    return date_text, byline, excerpt


PIECES = ["Jul 3, 2019", "2019-07-03", "3 July 2019", " ", "  ", "\t", "(", ")", "(A B)", "(A (B) C)", ".", ":",
          "—", "-", ",", "Continue", "continue", "CONTINUE", "Continue reading", "Read more", "Read the rest",
          "→", "...", "…", "»", "xContinue", "text", "Excerpt e.g. (see figure)"]


@settings(max_examples=1500)
@given(st.sampled_from(PIECES[:3]), st.lists(st.sampled_from(PIECES), max_size=8))
def test_parse_meta_agrees_with_the_plain_code(date, pieces):
    line = date + "".join(pieces)
    for text in (line, " ".join(line.split())):
        assert _outcome(listing.parse_meta, text) == _outcome(_parse_meta_plainly, text), text


def _outcome(parse, text):
    try:
        return parse(text)
    except ValueError:
        return "no date"


@settings(max_examples=300)
@given(st.text(max_size=30))
def test_a_text_ending_in_continue_loses_exactly_that_word(prefix):
    rest = (prefix + "Continue").rstrip()
    assert listing._CONTINUE.search(rest).start() == len(rest) - len("Continue")
