"""Bylines → names: split the list first, then each name."""

import pytest

from blogbib.model import Name
from blogbib.names import is_institutional, parse_byline, parse_name, split_byline


@pytest.mark.parametrize(
    "byline, expected",
    [
        ("Sanjeev Arora and Yi Zhang", ["Sanjeev Arora", "Yi Zhang"]),
        ("Noam Razin, Asaf Maman, Nadav Cohen", ["Noam Razin", "Asaf Maman", "Nadav Cohen"]),
        ("A Person, B Person, and C Person", ["A Person", "B Person", "C Person"]),
        ("A Person & B Person", ["A Person", "B Person"]),
        ("A Person&B Person", ["A Person", "B Person"]),
        ("A Person; B Person", ["A Person", "B Person"]),
        ("Martin Luther King, Jr., and Coretta Scott King", ["Martin Luther King, Jr.", "Coretta Scott King"]),
        ("Jane Doe, PhD, John Roe", ["Jane Doe, PhD", "John Roe"]),
        ("by Rong Ge", ["Rong Ge"]),
        ("  Rong   Ge  ", ["Rong Ge"]),
        ("{Barnes and Noble}", ["{Barnes and Noble}"]),
        ("Bill and Melinda Gates Foundation", ["Bill and Melinda Gates Foundation"]),
    ],
)
def test_split_byline(byline, expected):
    assert split_byline(byline) == (expected, False)


@pytest.mark.parametrize("byline", ["Sanjeev Arora et al.", "Sanjeev Arora et al", "Sanjeev Arora, et al.",
                                    "Sanjeev Arora and others"])
def test_et_al_is_and_others_not_a_person(byline):
    names, more = parse_byline(byline)
    assert more is True
    assert names == (Name(family="Arora", given="Sanjeev"),)


def test_nickname_in_quotes_or_parentheses_never_in_given_or_family():
    for text in ['Dmitri "Mitya" Chklovskii', "Dmitri (Mitya) Chklovskii", "Dmitri “Mitya” Chklovskii",
                 "Dmitri 'Mitya' Chklovskii"]:
        assert parse_name(text) == Name(family="Chklovskii", given="Dmitri"), text


def test_apostrophes_in_names_are_not_nicknames():
    assert parse_name("Conan O'Brien") == Name(family="O'Brien", given="Conan")


def test_middle_initial_stays_in_given():
    assert parse_name("Jason D. Lee") == Name(family="Lee", given="Jason D.")


@pytest.mark.parametrize(
    "text, given, particle, family",
    [
        ("Guido van Rossum", "Guido", "van", "Rossum"),
        ("Juan de la Cruz", "Juan", "de la", "Cruz"),
        ("Johannes Diderik van der Waals", "Johannes Diderik", "van der", "Waals"),
        ("Ludwig von Mises", "Ludwig", "von", "Mises"),
    ],
)
def test_particles_are_particles(text, given, particle, family):
    name = parse_name(text)
    assert (name.given, name.non_dropping_particle, name.family) == (given, particle, family)
    assert name.display() == text


def test_capitalised_particle_stays_in_family():
    assert parse_name("Dick Van Dyke") == Name(family="Van Dyke", given="Dick")


@pytest.mark.parametrize("text", ["Martin Luther King Jr.", "Martin Luther King, Jr."])
def test_suffix(text):
    assert parse_name(text) == Name(family="King", given="Martin Luther", suffix="Jr.")


def test_roman_numeral_suffix_and_academic_suffix():
    assert parse_name("Henry Ford III").suffix == "III"
    assert parse_name("Jane Doe, PhD") == Name(family="Doe", given="Jane", suffix="PhD")


def test_capitalised_family_name_is_not_a_degree():
    # nameparser alone reads "MA" as Master of Arts
    assert parse_name("Jack MA") == Name(family="MA", given="Jack")


def test_titles_are_not_given_names():
    assert parse_name("Dr. Jane Smith") == Name(family="Smith", given="Jane")


@pytest.mark.parametrize(
    "text",
    ["blogmasters", "Google Research", "The Editors", "OpenAI", "the editors", "Google Brain Team",
     "Stanford University", "Acme Labs", "Team 42"],
)
def test_institutional_bylines_become_literals(text):
    assert is_institutional(text)
    name = parse_name(text)
    assert name.literal == text and name.given is None and name.family is None


def test_braces_force_a_literal():
    assert parse_name("{Rong Ge}") == Name(literal="Rong Ge")


@pytest.mark.parametrize(
    "text, given, family",
    [("Zoë Ng", "Zoë", "Ng"), ("Łukasz Kaiser", "Łukasz", "Kaiser"), ("Søren Kierkegaard", "Søren", "Kierkegaard"),
     ("José Álvarez-Núñez", "José", "Álvarez-Núñez")],
)
def test_non_ascii_names_pass_through(text, given, family):
    assert parse_name(text) == Name(family=family, given=given)


def test_people_are_not_institutions():
    for text in ["Rong Ge", "Yi Zhang", "Sanjeev Arora", "Yann LeCun", "Mary Ann Evans"]:
        assert not is_institutional(text), text


def test_name_invariants():
    assert Name(given="Plato").display() == "Plato"  # a given name alone (CSL's mononym)
    for bad in ({}, {"given": ""}, {"suffix": "Jr."}, {"family": "X", "literal": "X"}):
        with pytest.raises(ValueError):
            Name(**bad)
    with pytest.raises(ValueError):
        Name(literal="X", given="Y")
