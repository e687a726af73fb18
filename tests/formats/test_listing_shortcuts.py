"""The listing reader's shortcuts give what the plain code they replace gives.

Each oracle below is the straightforward form of one step (as the reader was
first written); the reader must agree with it on generated input.
"""

from __future__ import annotations

import re
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st

from blogbib.formats import listing

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
    assert listing._squeeze(line) == " ".join(line.split())


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab\n\r \ufeff"), max_size=60), st.integers(1, 8))
def test_lines_split_a_block_at_a_time_as_all_at_once(text, block):
    expected = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    saved = listing._BLOCK
    listing._BLOCK = block
    try:
        assert list(listing._lines(text)) == expected
    finally:
        listing._BLOCK = saved


def _parse_meta_plainly(line: str) -> tuple[str, str | None, str | None]:
    m = listing._DATE_HEAD.match(line)
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
