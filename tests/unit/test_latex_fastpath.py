"""escape() and protect_title(), quick exits included, give exactly what the straightforward
path gives: the title protection as first written (every gap and word escaped on its own)."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import settings
from hypothesis import strategies as st

from blogbib import latex
from ..depth import fuzz_test

# Pieces that steer each test of the quick exits: capitals after letters, digits and
# apostrophes, title case, sentence case, sentence ends, opening marks, specials,
# typed ligatures, control characters, non-ASCII letters (a mathematical capital has
# no lower case; a titlecase letter is not upper case).
PIECES = ["Deep", "deep", "learning", "Learning", "of", "the", "GANs", "NTK", "BibTeX", "iPhone", "2D", "3d",
          "O'Neil", "don't", "Don'T", "rock'n'roll", "x''y", "Markov", "markov", "Self-supervised", "Self-Supervised",
          "a", "A", "I", "x_1", "50%", "R&D", "$100", "{braces}", "}{", "\\TeX", "~", "^", "#", "--", "---", "``",
          "''", "'", "`", "-", "?", "!", ":", ".", ",", "(", ")", "[", '"', "“", "‘", "—", "–", "\x00", "\t", "\n",
          "\x7f", "Schrödinger", "Erdős", "ÉCOLE", "école", "naïve", "Ǆemal", "ǅ", "𝐀BC", "x𝐀", "Ⓐb", "ß", "İ",
          "’", "d’Alembert", "Łukasz", "\u00a0", "é", "E\u0301", " ", " ", " ", " "]
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _reference_escape(text: str, ascii: bool) -> str:
    text = latex._CONTROL_RE.sub(latex._control, text)
    return latex._escape_span(text, 0, len(text), latex._matched_braces(text), ascii)


def _reference_protect_title(text: str, ascii: bool) -> str:
    text = latex._CONTROL_RE.sub(latex._control, text)
    words = list(_WORD.finditer(text))
    capitals = [latex._inherent_capitals(m[0]) for m in words]
    content = [m[0] for m, inherent in zip(words[1:], capitals[1:]) if len(m[0]) >= 4 and not inherent]
    sentence_case = sum(w[0].islower() for w in content) > sum(w[0].isupper() for w in content)
    matched = latex._matched_braces(text)
    out, last, previous = [], 0, ""
    for m, inherent in zip(words, capitals):
        out.append(latex._escape_span(text, last, m.start(), matched, ascii))
        gap = text[last : m.start()].rstrip(latex._TITLE_STOPS)
        if gap:
            previous = gap[-1]
        starts_sentence = not previous or previous in ":?!.—–"
        body = latex._escape_span(text, m.start(), m.end(), matched, ascii)
        protect = inherent or (sentence_case and m[0][0].isupper() and not starts_sentence)
        out.append("{" + body + "}" if protect else body)
        last, previous = m.end(), m[0][-1]
    out.append(latex._escape_span(text, last, len(text), matched, ascii))
    return "".join(out)


def _titles(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    titles = []
    for _ in range(n):
        words = [rng.choice(PIECES) for _ in range(rng.randint(0, 9))]
        separator = rng.choice([" ", " ", "", "-"])
        titles.append(separator.join(words))
    return titles


@pytest.mark.parametrize("ascii", [False, True])
def test_generated_titles_and_fields_match_the_reference(ascii):
    for text in _titles(20_000, seed=3):
        assert latex.protect_title(text, ascii) == _reference_protect_title(text, ascii), text
        assert latex.escape(text, ascii) == _reference_escape(text, ascii), text


@fuzz_test(settings(max_examples=500, deadline=None),
           text=st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=10).map("".join), ascii=st.booleans())
def test_any_text_matches_the_reference(text, ascii):
    assert latex.protect_title(text, ascii) == _reference_protect_title(text, ascii)
    assert latex.escape(text, ascii) == _reference_escape(text, ascii)


@pytest.mark.parametrize("title", [
    "Completion embeddings structure memory descent contrastive",  # sentence case
    "Scaling Escape Bounds Models Contrastive Learning Graph Federated Saddle?",  # title case
    "Learning (Deep) Networks: A Survey",
    "2020 in review",
])
def test_plain_titles_take_the_quick_exit(title):
    assert latex._plain_title(title)


@pytest.mark.parametrize("title", [
    "Scaling GANs",  # an inherent capital
    "Learning of 2D Shapes",  # a capital after a digit
    "O'Neil Learns",  # a capital after an apostrophe
    "Linear algebraic structure of Markov chains",  # a proper noun in sentence case
    "Schrödinger Equations",  # not ASCII
    "Self-supervised Learning Models",  # not str.istitle
])
def test_other_titles_take_the_full_path(title):
    assert not latex._plain_title(title)


@fuzz_test(settings(max_examples=500, deadline=None),
           text=st.lists(st.sampled_from([p for p in PIECES if p.isascii()])
                         | st.text(st.characters(max_codepoint=127), max_size=4), max_size=10).map("".join))
def test_ascii_titles_split_into_the_same_words(text):
    assert latex._ASCII_WORD.split(text) == latex._WORD.split(text)
