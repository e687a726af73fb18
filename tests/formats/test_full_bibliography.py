"""A user's own .bib, not only blog posts: editors, translators, an edited volume, a date range and a
season survive BibTeX → CSL-JSON → BibTeX, and a CSL style prints them (issue 18, item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from blogbib.cli import main
from blogbib.errors import Diagnostics
from blogbib.formats import ReadOptions, WriteOptions, get
from blogbib.model import Date, Name

BIB = Path(__file__).resolve().parents[1] / "data" / "bibliographies" / "edited.bib"


def _read(fmt: str, text: str):
    diag = Diagnostics(strict=True)
    refs = get(fmt).read(text, source=f"<{fmt}>", diag=diag, options=ReadOptions())
    assert not diag.errors and not diag.warnings, [str(p) for p in diag.problems]
    return refs


@pytest.fixture(scope="module")
def refs():
    return _read("bibtex", BIB.read_text(encoding="utf-8"))


def test_every_field_is_a_csl_variable(refs):
    chapter, volume, paper, book = refs
    assert [r.extra for r in refs] == [(), (), (), ()]
    assert chapter.type == "chapter" and chapter.container_title == "Handbook of Learning"
    assert chapter.get("editor") == (Name(family="Ito", given="Aya"), Name(family="Müller", given="Jonas"))
    assert chapter.get("translator") == (Name(family="Chen", given="Li"),)
    assert [chapter.get(v) for v in ("publisher", "publisher-place", "collection-title", "volume", "edition",
                                     "page", "DOI")] == ["Springer", "Berlin", "Lecture Notes in Statistics", "3",
                                                         "2", "10-20", "10.1000/handbook.3.10"]
    assert volume.author == () and volume.get("editor")[1] == Name(family="Berg", given="Pieter",
                                                                   non_dropping_particle="van der")
    assert volume.issued == Date(2016, season=2)
    assert paper.issued == paper.get("event-date") == Date(2017, 7, 3, end=Date(2017, 7, 7))
    assert paper.get("event-place") == "Kyoto"
    assert book.get("container-author") == (Name(family="Weber", given="Marianne"),)
    assert (book.get("original-date"), book.issued, book.get("number-of-volumes")) == (Date(1922), Date(1978), "2")


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_bibtex_to_csl_json_to_bibtex_loses_nothing(refs, dialect):
    json_text = get("csl-json").write(refs, WriteOptions())
    from_json = _read("csl-json", json_text)
    assert from_json == refs
    bib_text = get(dialect).write(from_json, WriteOptions())
    assert _read("bibtex", bib_text) == refs
    assert "pages        = {10--20}" in bib_text and "booktitle    = {Handbook of Learning}" in bib_text
    assert "editor       = {Ito, Aya and M{\\\"u}ller, Jonas}" in bib_text or \
        "editor       = {Ito, Aya and Müller, Jonas}" in bib_text


def test_chicago_author_date_prints_the_editors_and_translators():
    result = CliRunner().invoke(main, ["export", str(BIB), "-f", "text", "--style", "chicago-author-date"])
    assert result.exit_code == 0, result.output
    assert "edited by Aya Ito and Jonas Müller" in result.output
    assert "translated by Li Chen" in result.output
    assert "edited by Chidi Okafor" in result.output
    assert "Translated by Guenther Roth and Claus Wittich" in result.output


def test_ris_keeps_editors_translators_and_the_publishing_details(refs):
    text = get("ris").write(refs, WriteOptions())
    assert "ID  - ito2016handbook\nTI  - Handbook of Learning" in text and "A3  - Ito, Aya" in text  # a book's editor
    assert "A2  - Ito, Aya" in text and "SP  - 10\nEP  - 20" in text and "A4  - Chen, Li" in text
    back = _read("ris", text)
    kept = ("editor", "translator", "container-author", "page", "publisher", "publisher-place", "volume",
            "edition", "collection-title", "DOI", "number-of-volumes")
    assert [[r.get(v) for v in kept] for r in back] == [[r.get(v) for v in kept] for r in refs]


def test_ris_sn_is_a_book_s_isbn_and_a_journal_s_issn_both_ways():
    from blogbib.model import Reference

    book = Reference(id="b", type="book", title="B", variables={"ISBN": "978-3-16-148410-0", "ISSN": "1234-5678"})
    article = Reference(id="a", type="article-journal", title="A", variables={"ISSN": "0028-0836", "ISBN": "x"})
    text = get("ris").write([book, article], WriteOptions())
    assert "SN  - 978-3-16-148410-0" in text and "SN  - 0028-0836" in text
    assert "1234-5678" not in text and "SN  - x" not in text  # one number per record: the type's own
    back = _read("ris", text)
    assert [r.variables for r in back] == [(("ISBN", "978-3-16-148410-0"),), (("ISSN", "0028-0836"),)]
    (chapter,) = _read("ris", "TY  - CHAP\nTI  - C\nSN  - 0-19-852663-6\nER  - \n")
    assert chapter.get("ISBN") == "0-19-852663-6" and chapter.extra == ()
