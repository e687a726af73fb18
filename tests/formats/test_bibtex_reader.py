"""Reading BibTeX and BibLaTeX: macros, accents, name parts, kept fields, our own output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from blogbib import latex
from blogbib.errors import Diagnostics, InputError
from blogbib.formats import WriteOptions, detect, get
from blogbib.model import Date, Name, Reference

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "bib"


def read_bib(text: str, strict: bool = False, source: str = "t.bib"):
    diag = Diagnostics(strict=strict)
    return get("bibtex").read(text, source=source, diag=diag), diag


@pytest.fixture(scope="module")
def others():
    return read_bib((HERE / "others.bib").read_text(encoding="utf-8"), source="others.bib")


def test_strings_concatenation_accents_and_name_parts(others):
    refs, _ = others
    online = refs[0]
    assert online.type == "post-weblog" and online.id == "okafor2021"
    assert online.title == "On Bayesian GANs and the über-ßieve: 50% & more"
    assert online.author == (Name(family="Okafor", given="Grace"), Name(family="Zola", given="Émile"),
                             Name(family="Rossum", given="Guido", non_dropping_particle="van", suffix="Jr."))
    assert online.container_title == "Gardening Under Glass"  # @string, braces dropped
    assert online.url == "https://garden.example/2021/03/04/bayes/"  # macro # "text"
    assert online.issued == Date(2021, 3, 4) and online.accessed == Date(2024, 1, 2)
    assert online.keyword == ("gans", "sieves") and online.language == "english"


def test_month_macro_et_al_and_ligatures(others):
    refs, _ = others
    misc = refs[1]
    assert misc.issued == Date(2020, 2)
    assert misc.more_authors is True and misc.author == (Name(family="Ferreira", given="Ana"),)
    assert misc.title == "Lichens – a field guide"  # "--" prints an en dash


def test_biblatex_extended_names_and_literals(others):
    refs, _ = others
    article = refs[2]
    assert article.type == "article-journal"
    assert article.author == (Name(family="Beethoven", given="Ludwig", non_dropping_particle="van"),
                              Name(literal="Google Research"))
    assert article.container_title == "Music & Machines" and article.issued == Date(1801, 3)


def test_unknown_fields_are_kept_and_written_back(others):
    refs, _ = others
    assert refs[0].get("DOI") == "10.1234/abc" and "bibtex:doi" not in refs[0].extra_dict  # a CSL variable
    assert refs[1].extra_dict["bibtex:note"] == "Printed in 200 copies"
    assert refs[1].extra_dict["bibtex:howpublished"] == "Zine"
    for fmt in ("bibtex", "biblatex"):
        text = get(fmt).write(refs, WriteOptions())
        assert re.search(r"\n  doi\s+= \{10\.1234/abc\},\n", text)
        assert "Printed in 200 copies" in text
        again, diag = read_bib(text)
        assert again[0].get("DOI") == "10.1234/abc" and diag.errors == []


def test_hand_placed_title_braces_survive_a_round_trip(others):
    refs, _ = others
    text = get("biblatex").write(refs[:1], WriteOptions())
    assert re.search(r"\n  title\s+= \{On \{B\}ayesian \{GANs\} and the \{\\\"u\}ber-\{\\ss\}ieve: 50\\% \\& more\},", text)
    assert read_bib(text)[0] == refs[:1]


def test_broken_entries_reported_with_line_and_skipped(others):
    refs, diag = others
    assert [r.id for r in refs] == ["okafor2021", "ferreira2020", "extended"]
    assert [(e.line, e.message) for e in diag.errors] == [
        (26, 'broken entry: the entry is not closed (a missing } or ")'),
        (39, "@misc{badmonth}: month: not a month: 'Smarch'"),
    ]
    assert diag.stats.read == 5 and diag.stats.skipped == 2
    with pytest.raises(InputError, match="others.bib:26"):
        read_bib((HERE / "others.bib").read_text(encoding="utf-8"), strict=True, source="others.bib")


def test_undefined_macro_and_impossible_date_are_entry_errors():
    refs, diag = read_bib("@misc{a, title = nosuchmacro}\n@online{b, date = {2021-02-30}}\n@misc{c, title={ok}}")
    assert [r.id for r in refs] == ["c"]
    assert [e.line for e in diag.errors] == [1, 2]
    assert "undefined macro 'nosuchmacro'" in diag.errors[0].message
    assert "February 2021 has no day 30" in diag.errors[1].message


def test_our_own_bibtex_output_reads_back_with_every_profile(offconvex):
    refs = list(offconvex)
    for profile in ("plain", "natbib", "urlbst", "acm"):
        for fmt in ("bibtex", "biblatex"):
            back, diag = read_bib(get(fmt).write(refs, WriteOptions(bibtex_profile=profile)))
            assert back == refs and diag.problems == []


def test_the_access_date_and_day_come_back_from_classic_bibtex_fields():
    ref = Reference(id="x", title="T", container_title="Blog", issued=Date(2022, 7, 15),
                    accessed=Date(2024, 5, 2), url="http://b.example/p/")
    text = get("bibtex").write([ref], WriteOptions(bibtex_profile="plain"))
    assert 'month        = jul # "~15,",' in text and "Accessed May 2, 2024" in text
    assert r"howpublished = {Blog post, \emph{Blog}}" in text and r"note         = {\url{http://b.example/p/}." in text
    assert read_bib(text)[0] == [ref]


@pytest.mark.parametrize("fields", [
    # blogbib before the day moved to month: the blog and day in the note, the URL in howpublished
    r"""howpublished = {Blog post, \url{http://b.example/p/}}, month = jul, year = {2022},
        note = {\emph{Blog}, July 15, 2022. Accessed May 2, 2024}""",
    # the day written the other way round in month ("15~" # jul, as BibTeX's xampl.bib), and a day field
    r"""howpublished = {Blog post, \emph{Blog}}, month = "15~" # jul, year = 2022,
        note = {\url{http://b.example/p/}. Accessed 2 May 2024}""",
    r"""howpublished = {Blog post}, month = {July}, day = {15}, year = 2022, organization = {Blog},
        url = {http://b.example/p/}, lastchecked = {May 2, 2024}""",
])
def test_other_spellings_of_the_same_post_read_the_same(fields):
    ref = Reference(id="x", title="T", container_title="Blog", issued=Date(2022, 7, 15),
                    accessed=Date(2024, 5, 2), url="http://b.example/p/")
    refs, diag = read_bib("@misc{x, title = {T}, key = {Blog}, " + fields + "}")
    assert refs == [ref] and diag.problems == []


@pytest.mark.parametrize("note", [r"\emph{Blog}, posted on the 15th", "Accessed sometime", r"\url{a}. \url{b}"])
def test_a_note_that_is_not_ours_is_kept_as_written(note):
    refs, _ = read_bib("@misc{x, title = {T}, note = {" + note + "}}")
    assert refs[0].extra_dict["bibtex:note"] == latex.decode(note)


@pytest.mark.parametrize("text", ["@", "@misc{", "@misc{a, title={x}} @misc{a, title={y}}", "{" * 3000,
                                  "@misc{a, author = {Jones, and, , Smith}}", "@string{x = y}\n@misc{b, title=x}"])
def test_hostile_input_gives_problems_not_tracebacks(text):
    refs, diag = read_bib(text)
    assert diag.stats.read == len(refs) + diag.stats.skipped


def test_detection_of_bib_files(others):
    text = (HERE / "others.bib").read_text(encoding="utf-8")
    assert detect(text).name == "bibtex"
