"""The plain-text listing reader, on the real 51-post listing and on what browsers produce."""

import pytest

import blogbib
from blogbib.errors import Diagnostics, InputError
from blogbib.formats import get
from blogbib.model import Date, Name

LISTING = get("listing")


def read(text, strict=False):
    diag = Diagnostics(strict=strict)
    return LISTING.read(text, source="t.txt", diag=diag), diag


def csl_name(name: Name) -> dict:
    from blogbib.formats.csl_json import name_to_csl

    return name_to_csl(name)


def test_all_51_posts_match_the_independent_oracle_items(offconvex, oracle_items):
    # oracle/items/offconvex.json was prepared independently of blogbib (for citeproc-js).
    assert len(offconvex) == len(oracle_items) == 51
    for ref, item in zip(offconvex, oracle_items):
        assert ref.title == item["title"]
        assert ref.container_title == item["container-title"]
        assert [csl_name(n) for n in ref.author] == item["author"], ref.title
        assert ref.issued.parts() == item["issued"]["date-parts"][0]


def test_excerpts_are_whole_and_without_continue(offconvex, listing_path):
    text = listing_path.read_text(encoding="utf-8")
    for ref in offconvex:
        assert ref.abstract and ref.abstract in text
        assert not ref.abstract.endswith("Continue")
        assert ref.abstract.endswith("...")


def test_parentheses_in_excerpts_are_not_bylines(offconvex):
    hu = next(r for r in offconvex if r.id == "hu2019ultra")
    assert hu.abstract.startswith("(Crossposted at CMU ML.) Traditional wisdom")
    assert [n.family for n in hu.author] == ["Hu", "Du"]
    cohen = next(r for r in offconvex if r.id == "cohen2022gradient")
    assert "(cf. post by Sanjeev)" in cohen.abstract


def test_nickname_and_institution_in_the_real_listing(offconvex):
    pehlevan = next(r for r in offconvex if r.id == "pehlevan2018search")
    assert pehlevan.author[1] == Name(family="Chklovskii", given="Dmitri")
    assert offconvex[-1].author == (Name(literal="blogmasters"),)


SAMPLE = "Title One\nJul 15, 2022 (Noam Razin). Excerpt one... Continue\nTitle Two\nJun 6, 2022 (A B and C D). Two.\n"


@pytest.mark.parametrize("variant", [
    SAMPLE,
    SAMPLE.replace("\n", "\r\n"),
    "\ufeff" + SAMPLE,
    SAMPLE.replace("\n", "   \n"),
    SAMPLE.replace("\nTitle Two", "\n\n\nTitle Two"),
    "\n\n" + SAMPLE + "\n\n",
    SAMPLE.replace("Jul 15, 2022", "July 15, 2022").replace("Jun 6, 2022", "2022-06-06"),
])
def test_browser_copy_variants_read_the_same(variant):
    refs, diag = read(variant)
    assert not diag.errors
    assert [(r.title, r.issued, r.abstract, [n.family for n in r.author]) for r in refs] == [
        ("Title One", Date(2022, 7, 15), "Excerpt one...", ["Razin"]),
        ("Title Two", Date(2022, 6, 6), "Two.", ["B", "D"]),
    ]


@pytest.mark.parametrize("meta, authors, excerpt", [
    ("Jul 19, 2017. A core problem... Continue", [], "A core problem..."),
    ("Jul 19, 2017 (Chi Jin and Michael Jordan).", ["Jin", "Jordan"], None),
    ("Jul 19, 2017 (Chi Jin)", ["Jin"], None),
    ("Jul 19, 2017", [], None),
    ("Jul 19, 2017 (Chi Jin). Tricky (aside). More). Here... Continue reading →", ["Jin"],
     "Tricky (aside). More). Here..."),
    ("Jul 19, 2017 (Dmitri (Mitya) Chklovskii). Text", ["Chklovskii"], "Text"),
])
def test_meta_line_shapes(meta, authors, excerpt):
    refs, diag = read(f"A title\n{meta}\n")
    assert not diag.errors
    assert [n.family for n in refs[0].author] == authors
    assert refs[0].abstract == excerpt


def test_impossible_date_is_an_error_with_line():
    refs, diag = read("One\nJul 1, 2020 (A B). x\nTwo\nFeb 30, 2021 (C D). y\nThree\nMar 1, 2021 (E F). z\n")
    assert [r.title for r in refs] == ["One", "Three"]
    assert [(p.line, p.severity) for p in diag.problems] == [(4, "error")]
    assert "Feb 30, 2021" in diag.problems[0].message and "no day 30" in diag.problems[0].message
    assert diag.stats.read == 3 and diag.stats.skipped == 1


def test_missing_meta_line_reports_the_title_and_resynchronises():
    refs, diag = read("Lost title\nGood title\nJul 1, 2020 (A B). x\n")
    assert [r.title for r in refs] == ["Good title"]
    assert [(p.line, p.message) for p in diag.errors] == [(1, 'no date line after title "Lost title"')]


def test_title_at_end_of_file_without_meta_is_reported():
    refs, diag = read("One\nJul 1, 2020 (A B). x\nDangling\n")
    assert len(refs) == 1 and diag.errors[0].line == 3


def test_strict_mode_raises_with_file_and_line():
    with pytest.raises(InputError, match=r"t\.txt:2: no valid date"):
        read("One\nJul 45, 2019 (A B). x\n", strict=True)


def test_blog_title_becomes_container_title():
    rl = blogbib.read("One\nJul 1, 2020 (A B). x\n", blog_title="My Blog")
    assert rl[0].container_title == "My Blog"


def test_origin_names_source_and_title_line(offconvex):
    assert offconvex[1].origin.line == 3
    assert str(offconvex[1].origin).endswith("offconvex-listing.txt:3")
