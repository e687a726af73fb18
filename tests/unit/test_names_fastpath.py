"""The plain-name fast path gives exactly what nameparser gives, and declines the rest."""

from __future__ import annotations

import random
import string
import subprocess
import sys

import pytest
from hypothesis import settings
from hypothesis import strategies as st

from blogbib import names
from blogbib.model import Name
from ..depth import fuzz_test

GIVEN = """James Mary Robert Patricia Michael Linda Sanjeev Noam Nadav Yi Yu Wei Rong Chi Tengyu Simon
Holden Andrej Zhiyuan Nisheeth Orestis Priya Ngozi Kwame Hiroshi Mei Jun Ahmed Layla Łukasz Zoë José
Chloé Björn Søren Jürgen Françoise Ðorđe Håkon Ólafur Øystein Iñaki Renée Şebnem Kateřina Matías""".split()
FAMILY = """Smith Johnson Lee Razin Arora Zhang Cohen Bai Chen Risteski Li Ma Du Ge Jin Hu Wang Liu Kim
Nguyen Okafor Tanaka Yılmaz Müller Schröder Weiß Łukasiewicz Wójcik Dvořák Horváth Ramírez Núñez
Sørensen Åberg Þórsson Nguyễn Trần Phạm""".split()
ODD = ["Vi", "Iii", "Ix", "Ivanovich", "Petrovna", "Oglu", "Uly", "Mill", "Mac", "Mc", "Van", "De", "St",
       "Dr", "Jr", "Sr", "Bin", "Abu", "Ann", "Anne", "Jo", "Jean", "Marie", "Del", "La", "Le", "Da", "Dean",
       "Judge", "Major", "King", "Pope", "Sir", "Rev", "Saint", "Chief", "Esq", "Phd", "Md", "Ii", "Iv", "E.",
       "Y.", "I.", "V.", "İlker", "Iı", "Faſt", "Vı", "Ivanovıch", "Kızı", "Yıldız", "ıvan", "Işık"]


def _vocab_words() -> list[str]:
    vocab = names._nameparser_vocab()
    if vocab is None:
        pytest.fail("the nameparser vocabulary snapshot does not match the installed nameparser: "
                    "regenerate src/blogbib/_nameparser_vocab.txt (see its header)")
    return sorted(vocab)


def _word(rng: random.Random, vocab: list[str]) -> str:
    r = rng.random()
    if r < 0.25:
        return rng.choice(GIVEN)
    if r < 0.5:
        return rng.choice(FAMILY)
    if r < 0.58:
        return rng.choice(string.ascii_uppercase) + "."
    if r < 0.75:
        word = rng.choice(vocab)
        return word[:1].upper() + word[1:]
    if r < 0.82:
        return rng.choice(ODD)
    if r < 0.9:
        return rng.choice("ÀÉÎÕÜŁŚŻĆÐÞØÅÆŒǅḐỄ") + "".join(
            rng.choice("aeiouéèêëłśżćđðþøåæœßńňřšžễạı") for _ in range(rng.randint(1, 7)))
    return rng.choice(string.ascii_uppercase) + "".join(
        rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 8)))


PARTICLES = ["van", "de", "de la", "van der", "von", "da", "bin", "le", "du", "y", "del", "das", "van den",
             "dos", "ter", "la", "d'", "het", "van het", "zu", "zum", "de los", "x", "lo"]
SUFFIXES = ["Jr.", "Jr", "Sr.", "II", "III", "IV", "V", "VI", "PhD", "Ph.D.", "MD", "Esq.", "MBA", "jr", "2nd",
            "JR", "Md", "X", "Iii", "FRS", "M.D."]


def _family_word(rng: random.Random, vocab: list[str]) -> str:
    """A one-word family name in a shape other than one capitalised word (or not quite one)."""
    a, b = _word(rng, vocab), _word(rng, vocab)
    r = rng.random()
    if r < 0.3:
        return b.lower()
    if r < 0.55:
        return f"{a}-{b}"
    if r < 0.9:
        return rng.choice(names._FAMILY_PREFIXES + ("Mac", "Mc", "O'", "St", "Al-", "Ó")) + b
    return rng.choice([f"{a}-{b.lower()}", f"{a}'{b}", f"{a}--{b}", f"{a}-", f"o'{b}", a.upper(), a + b])


def _name(rng: random.Random, vocab: list[str]) -> str:
    words = [_word(rng, vocab) for _ in range(rng.randint(2, 3))]
    if rng.random() < 0.35:
        words[-1] = _family_word(rng, vocab)
    if rng.random() < 0.3:
        words.insert(len(words) - 1, rng.choice(PARTICLES))
    text = " ".join(words)
    if rng.random() < 0.3:
        text += rng.choice([" ", ", "]) + rng.choice(SUFFIXES)
    if rng.random() < 0.12:
        text = text.upper()
    return text


def test_fast_path_agrees_with_nameparser_on_a_large_generated_set():
    vocab = _vocab_words()
    rng = random.Random(20260127)
    taken = 0
    for _ in range(15000):
        text = _name(rng, vocab)
        fast = names._plain_name(text)
        if fast is None:
            continue
        taken += 1
        assert fast == names._parse_with_nameparser(text), text
    assert taken > 4000  # the set exercises the fast path, not only the declines


def test_parse_name_with_and_without_the_fast_path_agree():
    vocab = _vocab_words()
    rng = random.Random(99)
    for _ in range(3000):
        text = _name(rng, vocab)
        assert names.parse_name.__wrapped__(text) == names._parse_name_slowly(text), text


@fuzz_test(settings(max_examples=300, deadline=None), st.lists(st.one_of(st.sampled_from(GIVEN + FAMILY + ODD),
                          st.from_regex(r"[A-Z][a-zéøłß]{1,8}|[A-Z]\.", fullmatch=True)),
                min_size=2, max_size=3))
def test_fast_path_agrees_with_nameparser_hypothesis(words):
    text = " ".join(words)
    fast = names._plain_name(text)
    if fast is not None:
        assert fast == names._parse_with_nameparser(text)


@pytest.mark.parametrize("text", [
    "Dean Foster Smith Jones",  # four words
    "Judge Dredd", "Sir Isaac Newton", "Pope Francis",  # titles
    "Guido van het Rossum", "Juan d' Cruz", "Ana van Ma",  # particle runs not proven, or with a vocabulary word
    "Arthur Vi", "Anna Smith MD", "Sam Smith 2nd",  # Roman numerals, suffixes read otherwise
    "Ivan Petrovich Sidorov",  # patronymic
    "Jean-Luc Picard", "JACK MA", "ANNA DE SMITH", "ANNA SMITH JR.", "ANNA SMITH-JONES", "ANNA IV", "SIR ANNA",
    "İlker Başbuğ", "Simon Ma Du",  # two vocabulary words
    "Anna jr", "Anna Smith-Ma", "Anna McIv", "Anna O'King", "Anna de", "Anna Iı", "Ivan Petrovıch Sidorov",
    "Anna Kızı", "Anna Mc-Vı",  # vocabulary or patterns inside (ı read as i)
    "Anna Smith-jones", "Anna Mc-Do", "Anna Xu-", "Anna StJohn",  # shapes not proven
])
def test_fast_path_declines_what_it_cannot_prove(text):
    assert names._plain_name(text) is None


def test_fast_path_takes_particles_and_suffixes():
    assert names._plain_name("Guido van Rossum") == Name(family="Rossum", given="Guido", non_dropping_particle="van")
    assert names._plain_name("Juan Q. de la Cruz") == Name(family="Cruz", given="Juan Q.", non_dropping_particle="de la")
    assert names._plain_name("Martin Kong, Jr.") == Name(family="Kong", given="Martin", suffix="Jr.")
    assert names._plain_name("Martin King, Jr.") is None  # a vocabulary word (a title) beside a suffix
    assert names._plain_name("Tomás Kim III") == Name(family="Kim", given="Tomás", suffix="III")


def test_fast_path_takes_common_plain_names():
    assert names._plain_name("Jason D. Lee") == Name(family="Lee", given="Jason D.")
    assert names._plain_name("Tengyu Ma") == Name(family="Ma", given="Tengyu")
    assert names._plain_name("Łukasz Wójcik") == Name(family="Wójcik", given="Łukasz")


def test_fast_path_takes_one_word_family_names_after_a_particle_or_before_a_suffix():
    assert names._plain_name("Elizabeth von O'Brien") == Name(family="O'Brien", given="Elizabeth",
                                                              non_dropping_particle="von")
    assert names._plain_name("Ryan FitzGerald, IV") == Name(family="FitzGerald", given="Ryan", suffix="IV")
    assert names._plain_name("Anna Kim-Li, Jr.") == Name(family="Kim-Li", given="Anna", suffix="Jr.")
    assert names._plain_name("Anna van der King") is None  # a vocabulary word beside a particle


def test_fast_path_takes_a_dotless_i_read_as_i_by_nameparser_s_patterns():
    for text in ["Rahul Yılmaz", "Işık Smith", "Donna von Yılmaz", "Samantha Yılmaz, Jr.", "Anna ıvan"]:
        assert names._plain_name(text) == names._parse_with_nameparser(text), text
    assert names._lookups("Yılmaz") == ("yılmaz", "yilmaz")


def test_fast_path_takes_names_in_capitals():
    assert names._plain_name("STEPHANIE WHITE") == Name(family="WHITE", given="STEPHANIE")
    assert names._plain_name("JASON D. LEE") == Name(family="LEE", given="JASON D.")


def test_fast_path_takes_one_word_family_names():
    for family in ["gómez", "Smith-Jones", "García-Márquez", "O'Brien", "D'Angelo", "McAllister", "MacLeod",
                   "FitzGerald", "LeBlanc", "DeWitt"]:
        assert names._plain_name(f"Anna {family}") == Name(family=family, given="Anna"), family
        assert names._plain_name(f"Anna Q. {family}") == Name(family=family, given="Anna Q."), family


def test_snapshot_matches_installed_nameparser():
    """The snapshot's word list and a sample of its positions agree with nameparser as installed."""
    from nameparser._lexicon import _VOCAB_FIELDS, _default_lexicon

    snapshot = names._nameparser_vocab()
    assert snapshot is not None, "regenerate src/blogbib/_nameparser_vocab.txt (see its header)"
    lexicon = _default_lexicon()
    words = {w for f in _VOCAB_FIELDS for entry in getattr(lexicon, f) for w in entry.split()}
    words |= {w for lower, _ in lexicon.capitalization_exceptions for w in lower.split()}
    plain = {w for w in words if names.re.fullmatch(f"[{names._LATIN}.'&-]+", w)}
    assert plain == {w for w in snapshot if not w.startswith(" ")}
    rng = random.Random(7)
    for word in rng.sample(sorted(w for w in snapshot if not w.startswith(" ")), 25):
        cap = word[:1].upper() + word[1:]
        expected = {p for p in names._POSITIONS if names._word_is_plain_at(cap, p)} \
            if names._PLAIN.fullmatch(f"X {cap}") else set()
        assert snapshot[word] == expected, word


def test_plain_names_do_not_import_nameparser():
    code = ("import sys; from blogbib.names import parse_byline\n"
            "names, _ = parse_byline('Sanjeev Arora, Tengyu Ma and Jason D. Lee')\n"
            "assert [n.family for n in names] == ['Arora', 'Ma', 'Lee'], names\n"
            "print('nameparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_initials_that_look_like_roman_numerals_are_plain_where_initials_stand():
    for initial in names._ROMAN_INITIALS:
        assert names._NAMEPARSER_PATTERNS.fullmatch(initial[0].lower())
        assert [p for p in names._POSITIONS if names._word_is_plain_at(initial, p)] == ["F2", "F3", "M3"], initial
    assert names._plain_name("V. Smith") == Name(family="Smith", given="V.")
    assert names._plain_name("Anna X. Smith") == Name(family="Smith", given="Anna X.")
