"""latex.py: the brace scanner, title protection's rules, the OT1 traps, --ascii."""

from __future__ import annotations

import pytest

from blogbib import latex
from blogbib.errors import Diagnostics
from blogbib.formats import WriteOptions, bibtex
from blogbib.model import Name, Origin, Reference

# ------------------------------------------------------------------ one brace scanner


@pytest.mark.parametrize("text, escapes, pairs", [
    ("{a{b}c}", True, {0: 6, 2: 4}),
    ("a}b{c}", True, {3: 5}),  # a stray } closes nothing
    ("{a{b}", True, {2: 4}),  # an unclosed { opens nothing
    (r"{a\}b}", True, {0: 5}),  # LaTeX: \} is a character
    (r"{a\}b}", False, {0: 3}),  # BibTeX counts it
])
def test_brace_pairs(text, escapes, pairs):
    assert latex.brace_pairs(text, escapes=escapes) == pairs


def test_a_brace_without_partner_is_a_character_everywhere():
    # Splitting goes on after it; decoding keeps it; escaping writes it as a command.
    assert latex.split_top("a}, b, {c, d}", ", ") == ["a}", "b", "{c, d}"]
    assert latex.split_top("{a, b", ", ") == ["{a", "b"]
    assert latex.decode("x} {y") == "x} {y"
    assert latex.decode("{a} b}") == "a b}"
    assert latex.escape("x} {y") == r"x\textbraceright{} \textbraceleft{}y"
    assert latex.escape("{x}") == r"\{x\}"


def test_concatenation_splits_outside_braces_and_quotes():
    assert bibtex._split_concatenation('"25~" # jan') == ['"25~"', "jan"]
    assert bibtex._split_concatenation('{a # b} # "c # d" # e') == ["{a # b}", '"c # d"', "e"]


# ------------------------------------------------------------------ title protection


@pytest.mark.parametrize("title, protected", [
    # by form
    ("Scaling T5, mT5 and GPT-4 on the iPhone", "Scaling {T5}, {mT5} and {GPT}-4 on the {iPhone}"),
    ("Learning in C++ and C# (Part I), Part II", "Learning in {C}++ and {C}\\# (Part {I}), Part {II}"),
    ("T5 at the start needs no braces", "T5 at the start needs no braces"),
    # sentence starts BibTeX does not see; the one after a colon and a space it does
    ("Why Learn? A Survey of Ideas", "Why Learn? {A} Survey of Ideas"),
    ('"Attention" Is What You Need', "{``}{Attention}{''} Is What You Need"),
    ("Deep Nets: A Survey", "Deep Nets: A Survey"),
    # sentence case: capitalised words within a sentence are proper nouns
    ("Linear algebraic structure of Markov chains", "Linear algebraic structure of {Markov} chains"),
    ("Is the sharp minima story true? Some evidence", "Is the sharp minima story true? {Some} evidence"),
    # Title Case: no word braced without evidence
    ("Implicit Regularization in Hierarchical Tensor Factorization",
     "Implicit Regularization in Hierarchical Tensor Factorization"),
])
def test_protect_title_rules(title, protected):
    assert latex.protect_title(title) == protected


def test_title_case_words_are_braced_on_the_excerpt_evidence():
    title = "Escaping Saddle Points With Langevin Dynamics"
    assert latex.protect_title(title, evidence="We show that Langevin dynamics escape.") == \
        "Escaping Saddle Points With {Langevin} Dynamics"
    # capitalised only where a sentence starts: no evidence
    assert latex.protect_title(title, evidence="Escaping is hard. Saddle points. Dynamics!") == title
    # a decomposed excerpt is evidence for a composed title
    assert latex.protect_title("On Erdős Graphs", evidence="graphs of Erdo\u030bs") == "On {Erdős} Graphs"


# ------------------------------------------------------------------ OT1 traps


@pytest.mark.parametrize("text, written", [
    ("<b> | x", "{$<$}b{$>$} {$|$} x"),
    ('say "hi" (and "bye")', "say {``}hi{''} (and {``}bye{''})"),
    ("wait!` and ?` and -- and ''", "wait!{}` and ?{}` and -{}- and '{}'"),
])
def test_ot1_traps_are_written_so_they_print_as_typed(text, written):
    assert latex.escape(text) == written
    assert latex.decode(written) == text


# ------------------------------------------------------------------ --ascii


@pytest.mark.parametrize("text, written", [
    ("ễ", r"{\~{\^e}}"),  # an accent over an accent: nested braces
    ("ệ", r"{\^{\d{e}}}"),
    ("naïve Ç", r"na{\"\i}ve {\c{C}}"),
    ("ℓ ≈ Ω", r"{$\ell$} {$\approx$} {$\Omega$}"),
    ("E\u0301cole", r"{\'E}cole"),  # decomposed input is composed first
])
def test_ascii_spellings(text, written):
    assert latex.escape(text, ascii=True) == written
    assert latex.decode(written) == latex._nfc(text)


def test_decomposed_input_never_reaches_the_bib_file():
    assert latex.escape("E\u0301cole") == "École" and latex.protect_title("Cafe\u0301 Notes") == "Café Notes"


def test_characters_with_no_ascii_form_are_kept_and_named():
    problems = latex.ascii_problems(latex.escape("Tiếng Việt: ư and ơ, Привет, {ą}", ascii=True))
    assert any("ư (U+01B0)" in p and "ơ (U+01A1)" in p and r"\usepackage[T5]{fontenc}" in p for p in problems)
    assert any("П (U+041F)" in p and r"\usepackage[T2A]{fontenc}" in p for p in problems)
    assert any(r"\usepackage[T1]{fontenc}" in p for p in problems)  # {\k{a}} needs T1
    assert latex.ascii_problems(latex.escape("Café ễ ℓ", ascii=True)) == []


def test_the_bibtex_writer_reports_them_naming_the_entry():
    refs = [Reference(id="nguyen2020hoc", title="Học sâu với ư", author=(Name(family="Nguyễn", given="Văn"),),
                      origin=Origin("viet.txt", 7)),
            Reference(id="plain2020", title="Café")]
    diag = Diagnostics()
    text = bibtex.write_bibtex(refs, WriteOptions(ascii=True), diag=diag)
    assert "ư" in text  # kept: nothing is lost
    [problem] = diag.problems
    assert (problem.source, problem.line, problem.severity) == ("viet.txt", 7, "warning")
    assert problem.message.startswith("@misc{nguyen2020hoc}: ớ (U+1EDB), ư (U+01B0): LaTeX has no ASCII form")
    assert bibtex.write_bibtex(refs, WriteOptions(ascii=False), diag=Diagnostics()) == \
        bibtex.write_bibtex(refs, WriteOptions(ascii=False))
