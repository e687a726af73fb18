"""Author strings as pages and feeds print them → names: cleaning, people vs organisations, inverted names."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from blogbib import names
from blogbib.errors import Diagnostics
from blogbib.model import Name
from blogbib.names import clean_byline, is_institutional, names_from_byline, names_from_bylines

from ..budget import alarm, fill


def people(text: str, **kwargs) -> list[str]:
    """Each name as ``Family|Given`` (``{literal}`` for an organisation), to compare splits exactly."""
    found, _ = names_from_byline(text, **kwargs)
    out = []
    for n in found:
        if n.literal is not None:
            out.append("{" + n.literal + "}")
        else:
            family = " ".join(p for p in (n.non_dropping_particle, n.family) if p)
            out.append(f"{family}|{n.given}" if n.given else family)
    return out


@pytest.mark.parametrize("text, expected", [
    # markup: links, escaped once more (a feed), entities, a <br>, footnote <sup>
    ('<a href="/authors/ge/">Rong Ge</a> and <a href="/authors/ma/">Tengyu Ma</a>', ["Ge|Rong", "Ma|Tengyu"]),
    ("&lt;a href=&quot;https://x.org/&quot;&gt;Russ Cox&lt;/a&gt;", ["Cox|Russ"]),
    ('<a class="url fn">Nathan Lambert</a> <a class="url fn">Leandro von Werra</a>',
     ["Lambert|Nathan", "von Werra|Leandro"]),
    ("Zo&euml; Ng &amp; Bo Li", ["Ng|Zoë", "Li|Bo"]),
    ("Anna Fuchs<br>Bo Li", ["Fuchs|Anna", "Li|Bo"]),
    ("Anna Fuchs<sup>1,2</sup>, Bo Li<sup>*</sup>", ["Fuchs|Anna", "Li|Bo"]),
    # arrays printed as text: JSON / Ruby inspect, Python repr, no quotes
    ('["Ed Page"]', ["Page|Ed"]),
    ('["Nathan Lambert", "Louis Castricato", "Leandro von Werra"]',
     ["Lambert|Nathan", "Castricato|Louis", "von Werra|Leandro"]),
    ("['Rong Ge', 'Tengyu Ma']", ["Ge|Rong", "Ma|Tengyu"]),
    ('["Zo\\u00eb Ng", "A \\"Bo\\" Li"]', ["Ng|Zoë", "Li|A"]),
    ('["The Go Team"]', ["{The Go Team}"]),
    ("[Rong Ge, Tengyu Ma]", ["Ge|Rong", "Ma|Tengyu"]),
    # decorations
    ("Russ Cox, on behalf of the Go team", ["Cox|Russ"]),
    ("Anna Fuchs*, Bo Li*†, Carl Mayer‡", ["Fuchs|Anna", "Li|Bo", "Mayer|Carl"]),
    ("Anna Fuchs1,2, Bo Li3", ["Fuchs|Anna", "Li|Bo"]),
    ("Anna Fuchs¹ and Bo Li²", ["Fuchs|Anna", "Li|Bo"]),
    ("Posted by Ben Recht on March 3, 2016", ["Recht|Ben"]),
    ("Ben Recht | 5 min read", ["Recht|Ben"]),
    # affiliations: in parentheses, or a place-kind organisation right after a person
    ("Jane Doe (MIT) and John Roe (Stanford University, CSAIL)", ["Doe|Jane", "Roe|John"]),
    ("Jane Doe, Stanford University", ["Doe|Jane"]),
    ("Jane Doe, MIT, John Roe, Google Research", ["Doe|Jane", "Roe|John"]),
    ("(Wei Hu and Simon Du)", ["Hu|Wei", "Du|Simon"]),
    # connector words
    ("Guest post by Ben Recht", ["Recht|Ben"]),
    ("Written by Ben Recht with Moritz Hardt", ["Recht|Ben", "Hardt|Moritz"]),
    ("By: Ben Recht", ["Recht|Ben"]),
    ("Authors: Wei Hu, Simon Du, and Rong Ge", ["Hu|Wei", "Du|Simon", "Ge|Rong"]),
    ("Ana López y Juan Pérez", ["López|Ana", "Pérez|Juan"]),
    ("Maria Rossi e Luca Bianchi", ["Rossi|Maria", "Bianchi|Luca"]),
    ("José Ortega y Gasset", ["Ortega y Gasset|José"]),
    ("Anna Müller und Jonas Weber", ["Müller|Anna", "Weber|Jonas"]),
    ("苏剑林、李飞飞", ["苏剑林", "李飞飞"]),
    ("苏剑林和李飞飞", ["苏剑林", "李飞飞"]),
    ("王和平", ["王和平"]),  # a name holding 和 is not two people
])
def test_cleaning(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text, expected", [
    # one word, or a non-Latin name without spaces: a person known by one name (family only)
    ("Grimes", ["Grimes"]), ("tef", ["tef"]), ("苏剑林", ["苏剑林"]), ("李飞飞", ["李飞飞"]),
    ("McDonald", ["McDonald"]), ("O'Brien", ["O'Brien"]),
    # lower case is no evidence of an organisation
    ("bell hooks", ["hooks|bell"]), ("danah boyd", ["boyd|danah"]),
    # organisations, each by evidence
    ("Team PyTorch", ["{Team PyTorch}"]), ("The Go Team", ["{The Go Team}"]), ("Google Research", ["{Google Research}"]),
    ("blogmasters", ["{blogmasters}"]), ("the editors", ["{the editors}"]), ("Acme Inc.", ["{Acme Inc.}"]),
    ("MIT", ["{MIT}"]), ("OpenAI", ["{OpenAI}"]), ("DeepMind", ["{DeepMind}"]), ("example.com", ["{example.com}"]),
    ("{Rong Ge}", ["{Rong Ge}"]),
])
def test_people_and_organisations(text, expected):
    assert people(text) == expected


def test_the_callers_evidence_of_an_organisation_keeps_the_name_whole():
    assert people("Sanjeev Arora and Partners", organisation=True) == ["{Sanjeev Arora and Partners}"]
    assert people("<b>Hugging Face</b>", organisation=True) == ["{Hugging Face}"]
    assert people("Hugging Face") == ["Face|Hugging"]  # without evidence: a person's name


@pytest.mark.parametrize("text, expected", [
    ("Smith, John", ["Smith|John"]),
    ("Lee, Jason D.", ["Lee|Jason D."]),
    ("van Rossum, Guido", ["van Rossum|Guido"]),
    ("Doe, Jane and Roe, John", ["Doe|Jane", "Roe|John"]),
    ("Arora, S., Ma, T., & Ge, R.", ["Arora|S.", "Ma|T.", "Ge|R."]),
    # not inverted: two-word first parts, several pairs with full given names, a suffix, a place
    ("Sanjeev Arora, Tengyu Ma", ["Arora|Sanjeev", "Ma|Tengyu"]),
    ("Grimes, Smith, Jones, Brown", ["Grimes", "Smith", "Jones", "Brown"]),
    ("Jane Doe, PhD", ["Doe|Jane"]),
    ("Doe, MIT", ["Doe"]),
    # a two-word family name written first cannot be told from a person and a one-word name
    ("Galindo Salgado, Pablo", ["Salgado|Galindo", "Pablo"]),
])
def test_family_given_order_by_evidence(text, expected):
    assert people(text) == expected


def test_a_mark_before_a_comma_ends_a_persons_name():
    assert people("Fuchs*, Müller†") == ["Fuchs", "Müller"]
    assert people("Anna Fuchs1,2, Bo Li3") == ["Fuchs|Anna", "Li|Bo"]
    assert people("Smith, John*") == ["Smith|John"]


def test_a_three_word_name_without_evidence_ends_in_its_family_name():
    assert people("Pablo Galindo Salgado") == ["Salgado|Pablo Galindo"]
    assert people("Ian Lance Taylor") == ["Taylor|Ian Lance"]


def test_et_al_survives_cleaning():
    found, more = names_from_byline("By <b>Sanjeev Arora</b> et al.")
    assert found == (Name(family="Arora", given="Sanjeev"),) and more is True


def test_nothing_left_is_no_name():
    assert names_from_byline("<span></span>") == ((), False)
    assert names_from_byline("[]") == ((), False)
    assert names_from_byline("By ") == ((), False)


def test_organisations_are_reported_with_source_and_line():
    diag = Diagnostics(strict=False)
    found, _ = names_from_byline("Team PyTorch and Bo Li", source="feed.xml", line=7, diag=diag)
    assert found == (Name(literal="Team PyTorch"), Name(family="Li", given="Bo"))
    [problem] = diag.problems
    assert (problem.source, problem.line) == ("feed.xml", 7)
    assert '"Team PyTorch" read as an organisation' in problem.message


def test_several_author_strings_of_one_post():
    diag = Diagnostics(strict=False)
    found, more = names_from_bylines(["Rong Ge", Name(literal="Lab X"), '["Rong Ge", "Wei Hu et al."]'],
                                     source="p.html", line=3, diag=diag)
    assert found == (Name(family="Ge", given="Rong"), Name(literal="Lab X"), Name(family="Hu", given="Wei"))
    assert more is True
    assert ["Lab X" in p.message for p in diag.problems] == [True]


def test_is_institutional_single_words_need_evidence():
    assert not is_institutional("Grimes") and not is_institutional("tef") and not is_institutional("苏剑林")
    assert not is_institutional("MacKenzie") and not is_institutional("LeBlanc")
    assert is_institutional("PyTorch") and is_institutional("IBM") and is_institutional("Web3")


# Text the trigger lets through unchanged must be text the general cleaning would not change either.
TEXT_PIECES = ["Rong", "Ge", " ", ",", ", ", " and ", "bell", "hooks", "Smith", "Jr.", "van", "\"Bo\"", "'",
               "Zoë", "苏剑林", "-", ".", ";", "&", "<b>", "</a>", "[", "]", "\"", "(", ")", "*", "†", "1", "¹",
               "by ", "By ", "with ", " y ", " e ", "on ", " | ", "和", "、", ":", "—", "Guest post ", "{", "}",
               "&amp;", "&#39;", "&", "&x", " with ", ", On behalf of ", "behalf", "\t", "  ", "٣", "Authors", "a"]


@settings(max_examples=3000)
@given(st.one_of(st.lists(st.sampled_from(TEXT_PIECES), max_size=8).map("".join), st.text(max_size=20)))
@example("Rong Ge  ")
@example(" Rong Ge, Wei Hu ")
@example("[Rong Ge]")
@example(" By Rong Ge")
@example("Rong Ge\ty Wei Hu")
def test_the_clean_shortcut_agrees_with_the_general_cleaning(text):
    quick = clean_byline(text)
    general = names._clean_generally(text)
    assert [names.split_byline(b) for b in quick] == [names.split_byline(b) for b in general], text


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(TEXT_PIECES + [" and ", ", ", "; ", " & ", "Wei Hu", "Tengyu Ma"]), max_size=8)
       .map("".join))
@example("Rong Ge and Guest Star")
@example("Rong Ge with Wei Hu")
def test_a_usual_byline_needs_no_cleaning(text):
    """The reader skips cleaning for the bylines split_byline takes by its usual path."""
    if names._usual_parts(text) is not None:
        assert names._clean_generally(text) == (text,), text


@pytest.mark.parametrize("unit", ['\\"', "'", '["a", ', "<a ", "a1,", "苏剑林和", " y ", "(", "with ", "、", "<sup>"])
def test_long_worst_case_text_is_read_in_linear_time(unit):
    """An alarm, not a timing: a quadratic pattern takes orders of magnitude longer than the limit."""
    size = 1 << 18
    for text in (fill(unit, size), "[" + fill(unit, size) + "]", "Jane Doe, " + fill(unit, size)):
        with alarm(30, f"names_from_byline on {size} characters of {unit!r}"):
            names._names_from_byline.__wrapped__(text, False)
