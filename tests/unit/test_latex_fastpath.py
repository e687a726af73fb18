"""The quick exits of escape() and protect_title() give exactly what the full path gives.

The full path is the same code with ``_needs_escaping`` answering "yes" to everything:
then escape() and every piece of a title go through the special, ligature and
accent replacements, and protect_title() never takes its plain-title exit.
"""

from __future__ import annotations

import random
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogbib import latex

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


def _full_path(function, text: str, ascii: bool) -> str:
    with mock.patch.object(latex, "_needs_escaping", lambda text, ascii: True):
        return function(text, ascii)


def _titles(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    titles = []
    for _ in range(n):
        words = [rng.choice(PIECES) for _ in range(rng.randint(0, 9))]
        separator = rng.choice([" ", " ", "", "-"])
        titles.append(separator.join(words))
    return titles


@pytest.mark.parametrize("ascii", [False, True])
def test_generated_titles_and_fields_match_the_full_path(ascii):
    for text in _titles(20_000, seed=3):
        assert latex.protect_title(text, ascii) == _full_path(latex.protect_title, text, ascii), text
        assert latex.escape(text, ascii) == _full_path(latex.escape, text, ascii), text


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=10).map("".join), ascii=st.booleans())
def test_any_text_matches_the_full_path(text, ascii):
    assert latex.protect_title(text, ascii) == _full_path(latex.protect_title, text, ascii)
    assert latex.escape(text, ascii) == _full_path(latex.escape, text, ascii)


def test_the_full_path_really_escapes():
    """The patch reaches the code it should (else the comparisons above compare a path with itself)."""
    assert _full_path(latex.escape, "a--b", False) == "a-{}-b"
    assert _full_path(latex.protect_title, "Deep learning of Markov chains", False) == \
        "Deep learning of {Markov} chains"


@pytest.mark.parametrize("title", [
    "Completion embeddings structure memory descent contrastive",  # sentence case
    "Scaling Escape Bounds Models Contrastive Learning Graph Federated Saddle?",  # title case
    "Learning (Deep) Networks: A Survey",
    "2020 in review",
])
def test_plain_titles_take_the_quick_exit(title):
    assert latex._plain_title(title, ascii=False)


@pytest.mark.parametrize("title", [
    "Scaling GANs",  # an inherent capital
    "Learning of 2D Shapes",  # a capital after a digit
    "O'Neil Learns",  # a capital after an apostrophe
    "Linear algebraic structure of Markov chains",  # a proper noun in sentence case
    "Deep Learning: 50% Faster",  # something to escape
    "Schrödinger Equations",  # not ASCII
    "Self-supervised Learning Models",  # not str.istitle
])
def test_other_titles_take_the_full_path(title):
    assert not latex._plain_title(title, ascii=False)
