"""escape() and protect_title(), quick exits included, give exactly what a straightforward
reading of the rules gives: each gap and word escaped on its own, each word judged by its
form, its place in the title and the evidence, with no shortcut."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
from hypothesis import settings
from hypothesis import strategies as st

from blogbib import latex
from ..depth import fuzz_test

# Pieces that steer each rule and quick exit: capitals after letters, digits and
# apostrophes, one-letter capitals, + and #, title case, sentence case, sentence ends,
# colons, opening marks, specials, typed ligatures, control characters, non-ASCII letters
# (a mathematical capital has no lower case; a titlecase letter is not upper case),
# decomposed accents.
PIECES = ["Deep", "deep", "learning", "Learning", "of", "the", "GANs", "NTK", "BibTeX", "iPhone", "2D", "3d", "T5",
          "mT5", "GPT-4", "C++", "C#", "Part", "I", "II", "V", "A", "a", "O'Neil", "don't", "Don'T", "rock'n'roll",
          "x''y", "Markov", "markov", "Self-supervised", "Self-Supervised", "x_1", "50%", "R&D", "$100", "{braces}",
          "}{", "\\TeX", "~", "^", "#", "+", "--", "---", "``", "''", "!`", "?`", "'", "`", "-", "?", "!", ":", ": ",
          ".", ",", "(", ")", "[", '"', "<", ">", "|", "“", "‘", "—", "–", "…", "\x00", "\t", "\n", "\x7f",
          "Schrödinger", "Erdős", "ÉCOLE", "école", "naïve", "Ǆemal", "ǅ", "𝐀BC", "x𝐀", "Ⓐb", "ß", "İ", "’",
          "d’Alembert", "Łukasz", "\u00a0", "é", "E\u0301", "ễ", "ư", "ℓ", "α", "Σ", " ", " ", " ", " "]
EVIDENCE = ["", "We show that Markov chains mix.", "markov Deep Learning and deep learning", "Learning. Deep (Part)",
            "the Schrödinger equation", 'as "Markov" said: Deep', "ÉCOLE Learning?",
            "by Erdo\u030bs and Schro\u0308dinger"]
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_OPENING = "([\"'“‘«"


def _reference_escape(text: str, ascii: bool) -> str:
    text = latex._CONTROL_RE.sub(latex._control, unicodedata.normalize("NFC", text))
    return latex._escape_span(text, 0, len(text), latex._matched_braces(text), ascii)


def _mark_before(text: str, start: int) -> str:
    """The last character before ``start`` that is not a space or an opening mark."""
    rest = text[:start]
    while rest and (rest[-1].isspace() or rest[-1] in _OPENING):
        rest = rest[:-1]
    return rest[-1:]


def _reference_nouns(evidence: str) -> set[str]:
    return {m[0] for m in _WORD.finditer(evidence)
            if m[0][0].isupper() and _mark_before(evidence, m.start()) not in ("", *".?!:…")}


def _reference_protect_title(text: str, ascii: bool, evidence: str | None = None) -> str:
    text = latex._CONTROL_RE.sub(latex._control, unicodedata.normalize("NFC", text))
    evidence = unicodedata.normalize("NFC", evidence or "")
    words = list(_WORD.finditer(text))

    def inherent(word: str) -> bool:
        return any(c.isupper() for c in word[1:])

    def by_form(m: re.Match[str]) -> bool:
        word = m[0]
        return word[0].isupper() and (any(c.isdigit() for c in word) or (len(word) == 1 and word != "A")
                                      or text[m.end() : m.end() + 1] in ("+", "#"))

    content = [m[0] for m in words[1:] if len(m[0]) >= 4 and not inherent(m[0])]
    lower = sum(w[0].islower() for w in content)
    capitalised = sum(w[0].isupper() and not any(c.isdigit() for c in w) for w in content)
    sentence_case = lower > capitalised
    nouns = _reference_nouns(evidence)
    matched = latex._matched_braces(text)
    out, last = [], 0
    for m in words:
        word, gap = m[0], text[last : m.start()]
        out.append(latex._escape_span(text, last, m.start(), matched, ascii))
        kept = m.start() == 0 or (gap[-1:] in (" ", "\t") and gap.rstrip(" \t").endswith(":"))
        sentence = _mark_before(text, m.start()) in ".?!:…"  # "" (only opening marks before it) too
        if inherent(word):
            protect = True
        elif not word[0].isupper() or kept:
            protect = False
        else:
            protect = by_form(m) or sentence or sentence_case or word in nouns
        body = latex._escape_span(text, m.start(), m.end(), matched, ascii)
        out.append("{" + body + "}" if protect else body)
        last = m.end()
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
    rng = random.Random(5)
    for text in _titles(20_000, seed=3):
        evidence = rng.choice(EVIDENCE)
        assert latex.protect_title(text, ascii, evidence) == _reference_protect_title(text, ascii, evidence), text
        assert latex.escape(text, ascii) == _reference_escape(text, ascii), text


@fuzz_test(settings(max_examples=500, deadline=None),
           text=st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=10).map("".join), ascii=st.booleans(),
           evidence=st.sampled_from(EVIDENCE) | st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join))
def test_any_text_matches_the_reference(text, ascii, evidence):
    assert latex.protect_title(text, ascii, evidence) == _reference_protect_title(text, ascii, evidence)
    assert latex.escape(text, ascii) == _reference_escape(text, ascii)


@pytest.mark.parametrize("title", [
    "Completion embeddings structure memory descent contrastive",  # sentence case
    "Scaling Escape Bounds Models Contrastive Learning Graph Federated Saddle?",  # title case
    "Learning (Deep) Networks: A Survey",
    "2020 in review",
])
def test_plain_titles_take_the_quick_exit(title):
    assert latex._plain_title(title, None)
    assert latex._plain_title(title, "an excerpt that capitalises none of its words")


@pytest.mark.parametrize("title, evidence", [
    ("Scaling GANs", None),  # an inherent capital
    ("Learning of 2D Shapes", None),  # a capital after a digit
    ("Scaling T5 Models", None),  # a capital with a digit
    ("O'Neil Learns", None),  # a capital after an apostrophe
    ("Learning C++ Fast", None),  # a capital before +
    ("Learning, Part I", None),  # one capital letter
    ("Why Learn? A Survey", None),  # a sentence BibTeX does not see
    ("Survey:A Review", None),  # a colon with no space after it
    ("Linear algebraic structure of Markov chains", None),  # a proper noun in sentence case
    ("Schrödinger Equations", None),  # not ASCII
    ("Self-supervised Learning Models", None),  # not str.istitle
    ("Escaping Saddle Points With Langevin Dynamics", "we show that Langevin dynamics escape"),  # evidence
])
def test_other_titles_take_the_full_path(title, evidence):
    assert not latex._plain_title(title, evidence)


@fuzz_test(settings(max_examples=500, deadline=None),
           text=st.lists(st.sampled_from([p for p in PIECES if p.isascii()])
                         | st.text(st.characters(max_codepoint=127), max_size=4), max_size=10).map("".join))
def test_ascii_titles_split_into_the_same_words(text):
    assert latex._ASCII_WORD.split(text) == latex._WORD.split(text)
