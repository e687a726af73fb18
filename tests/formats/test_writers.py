"""Writers checked by independent parsers: jsonschema, bibtexparser, a plain RIS line reader."""

from __future__ import annotations

import json
import re

import pytest

import blogbib
from blogbib.model import Date, Name, Reference

pytest.importorskip("jsonschema")


def test_csl_json_validates_against_the_official_schema(offconvex, csl_schema):
    import jsonschema

    items = json.loads(offconvex.to_csl_json())
    jsonschema.validate(items, csl_schema)
    assert {i["type"] for i in items} == {"post-weblog"}
    assert all(i["citation-key"] == i["id"] for i in items)


def test_csl_json_fields(offconvex):
    items = {i["id"]: i for i in json.loads(offconvex.to_csl_json())}
    item = items["pehlevan2018search"]
    assert item["author"] == [{"family": "Pehlevan", "given": "Cengiz"}, {"family": "Chklovskii", "given": "Dmitri"}]
    assert item["issued"] == {"date-parts": [[2018, 12, 3]]}
    assert item["container-title"] == "Off the Convex Path"
    assert item["abstract"].startswith("This is the second post")
    assert items["blogmasters2015go"]["author"] == [{"literal": "blogmasters"}]


def test_csl_json_particles_suffix_and_et_al_validate(csl_schema):
    import jsonschema

    ref = Reference(id="k", title="T", author=(Name(family="Rossum", given="Guido", non_dropping_particle="van"),
                                              Name(family="King", given="Martin", suffix="Jr.")),
                    more_authors=True, issued=Date(2020, 1), accessed=Date(2024, 1, 2), url="http://x.org/")
    items = json.loads(blogbib.write([ref], "csl-json"))
    jsonschema.validate(items, csl_schema)
    assert items[0]["author"][0] == {"family": "Rossum", "given": "Guido", "non-dropping-particle": "van"}
    assert items[0]["author"][1]["suffix"] == "Jr."
    assert items[0]["URL"] == "http://x.org/" and items[0]["accessed"] == {"date-parts": [[2024, 1, 2]]}
    assert items[0]["custom"] == {"more-authors": True}


def _bibtex_entries(text: str) -> dict:
    import bibtexparser

    library = bibtexparser.parse_string(text)  # the default stack removes the outer braces
    assert not library.failed_blocks
    return {e.key: {f.key: f.value for f in e.fields} | {"_type": e.entry_type} for e in library.entries}


def test_bibtex_reparses_to_the_same_data(offconvex):
    entries = _bibtex_entries(offconvex.to_bibtex())
    assert list(entries) == [r.id for r in offconvex]
    for ref in offconvex:
        entry = entries[ref.id]
        assert entry["_type"] == "misc"
        assert entry["year"] == str(ref.issued.year)
        month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"][ref.issued.month - 1]
        assert entry["month"] == f'{month} # "~{ref.issued.day},"'  # the month first, then the day
        assert entry["date"] == ref.issued.iso()  # for biber, which reads it before month
        # Undo only our brace protection; the title text is otherwise untouched.
        assert entry["title"].replace("{", "").replace("}", "") == ref.title
        expected_authors = " and ".join(
            "{" + n.literal + "}" if n.literal else f"{n.family}, {n.given}" for n in ref.author)
        assert entry["author"] == expected_authors
        assert entry["howpublished"] == r"Blog post, \emph{Off the Convex Path}"
        assert "note" not in entry  # no URL and no access date: the date is printed once, from month and year


def test_bibtex_month_is_a_macro_and_acronyms_are_protected(offconvex):
    text = offconvex.to_bibtex()
    assert '  date         = {2022-07-15},\n  month        = jul # "~15,",' in text  # the date before the month
    assert not re.search(r"month\s*=\s*\{", text)
    assert "month        = jul," in blogbib.write([Reference(id="k", issued=Date(2022, 7))], "bibtex")
    assert "title        = {Predicting Generalization using {GANs}}" in text
    assert "Ultra-Wide Deep Nets and Neural Tangent Kernel ({NTK})" in text
    assert "author       = {{blogmasters}}" in text


def test_bibtex_escapes_specials_everywhere_but_urls():
    ref = Reference(id="k", title="100% R&D_x #1 $5", abstract="a & b", container_title="A_B",
                    url="http://x.org/a_b?c=1&d=50%25#f", issued=Date(2020, 1, 2))
    text = blogbib.write([ref], "bibtex", bibtex_profile="natbib")
    assert r"100\% {R}\&{D}\_x \#1 \$5" in text  # one capital letter keeps its case: R&D
    assert r"howpublished = {Blog post, \emph{A\_B}}" in text and r"a \& b" in text
    assert "url          = {http://x.org/a_b?c=1&d=50%25#f}" in text


def test_ascii_option_encodes_accents():
    ref = Reference(id="k", title="Café", author=(Name(family="Żółć", given="Łukasz"),))
    text = blogbib.write([ref], "bibtex", ascii=True)
    assert text.isascii()
    assert r"{\.Z}{\'o}{\l}{\'c}, {\L}ukasz" in text and r"Caf{\'e}" in text
    assert "Żółć" in blogbib.write([ref], "bibtex")


@pytest.mark.parametrize("profile, present, absent", [
    # plain.bst prints no url field: the URL is in the note, and only there (a natbib style would print both)
    ("plain", [r"note         = {\url{http://x.org/}. Accessed January 2, 2024}"], ["lastchecked", "url          ="]),
    ("natbib", ["url          = {http://x.org/}", "note         = {Accessed January 2, 2024}"], [r"\url{"]),
    ("urlbst", ["lastchecked  = {January 2, 2024}"], ["Accessed", r"\url{", "note"]),
    ("acm", ["lastaccessed = {January 2, 2024}"], ["Accessed", r"\url{", "note"]),
])
def test_bibtex_profiles(profile, present, absent):
    ref = Reference(id="k", title="T", url="http://x.org/", issued=Date(2020, 1, 2), accessed=Date(2024, 1, 2))
    text = blogbib.write([ref], "bibtex", bibtex_profile=profile)
    for snippet in present:
        assert snippet in text
    for snippet in absent:
        assert snippet not in text


def test_unknown_profile_is_an_error():
    with pytest.raises(blogbib.BlogbibError, match="unknown BibTeX profile"):
        blogbib.write([], "bibtex", bibtex_profile="chicago")


def test_biblatex_online_entry(offconvex):
    entries = _bibtex_entries(offconvex.write("biblatex"))
    entry = entries["razin2022implicit"]
    assert entry["_type"] == "online"
    assert entry["date"] == "2022-07-15"
    assert entry["organization"] == "Off the Convex Path"
    assert "year" not in entry and "month" not in entry


def test_ris_records(offconvex):
    text = offconvex.to_ris()
    records = [r for r in text.split("ER  - ") if r.strip()]
    assert len(records) == 51
    for record, ref in zip(records, offconvex):
        lines = [line for line in record.strip().splitlines()]
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines)
        tags = [line[:2] for line in lines]
        assert tags[0] == "TY" and lines[0] == "TY  - BLOG"
        assert tags.count("AU") == len(ref.author)
        assert f"DA  - {ref.issued.year:04d}/{ref.issued.month:02d}/{ref.issued.day:02d}" in lines
        assert "T2  - Off the Convex Path" in lines and "VL" not in tags


def test_ris_newlines_cannot_start_a_tag():
    ref = Reference(id="k", title="Line one\nER  - \nTY  - JOUR", abstract="a\r\nAU  - Evil, Person")
    lines = blogbib.write([ref], "ris").splitlines()
    assert [line[:2] for line in lines if line] == ["TY", "ID", "TI", "AB", "ER"]
