"""Name lists as CSL has them (issue 18): a person with a given name alone (``{"given": "Plato"}``), and
"and others" at the end of any name list, not only the authors'."""

from __future__ import annotations

import json

import pytest

from blogbib.errors import Diagnostics
from blogbib.formats import get
from blogbib.model import Name, Reference
from blogbib.render import render

PLATO = [{"id": "plato", "type": "book", "title": "Republic", "author": [{"given": "Plato"}],
          "editor": [{"family": "Bloom", "given": "Allan"}, {"given": "Socrates"}], "issued": {"date-parts": [[1991]]}}]


def _read(fmt: str, text: str) -> list[Reference]:
    diag = Diagnostics(strict=True)
    refs = get(fmt).read(text, source="in", diag=diag)
    assert not diag.problems, [str(p) for p in diag.problems]
    return refs


def test_a_given_name_alone_is_read_kept_and_written_back_by_csl_json():
    (ref,) = _read("csl-json", json.dumps(PLATO))
    assert ref.author == (Name(given="Plato"),) and ref.get("editor")[1] == Name(given="Socrates")
    item = json.loads(get("csl-json").write([ref]))[0]
    assert item["author"] == [{"given": "Plato"}] and item["editor"][1] == {"given": "Socrates"}


def test_biblatex_writes_a_given_name_alone_in_biber_s_extended_format_and_bibtex_as_one_braced_name():
    (ref,) = _read("csl-json", json.dumps(PLATO))
    biblatex = get("biblatex").write([ref])
    assert "author       = {given={Plato}}" in biblatex
    assert "editor       = {Bloom, Allan and given={Socrates}}" in biblatex
    assert _read("biblatex", biblatex)[0].author == (Name(given="Plato"),)
    bibtex = get("bibtex").write([ref])
    assert "author       = {{Plato}}" in bibtex  # classic BibTeX has no name without a last part
    assert _read("bibtex", bibtex)[0].author == (Name(literal="Plato"),)
    assert "AU  - Plato\n" in get("ris").write([ref])


def test_csl_prints_a_given_name_alone_as_it_is():
    (ref,) = _read("csl-json", json.dumps(PLATO))
    assert render([ref], style="chicago-author-date", format="text").strip() == \
        "Plato. 1991. Republic. Edited by Allan Bloom and Socrates."


BIB = """@incollection{tanaka2018,
  author = {Tanaka, Hiro},
  editor = {Ito, Aya and others},
  translator = {others},
  title = {Kernel Methods},
  booktitle = {Handbook of Learning},
  publisher = {Springer},
  year = {2018},
}
"""


def test_an_editor_list_ending_in_and_others_round_trips_through_csl_json_and_bibtex():
    (ref,) = _read("bibtex", BIB)
    assert ref.more_names == ("editor",) and not ref.more_authors
    assert ref.extra_dict["bibtex:translator"] == "others"  # "others" alone names nobody: kept as written
    item = json.loads(get("csl-json").write([ref]))[0]
    assert item["custom"]["more-names"] == ["editor"] and item["editor"] == [{"family": "Ito", "given": "Aya"}]
    back = _read("csl-json", json.dumps([item]))
    assert back == [ref]
    for fmt in ("bibtex", "biblatex"):
        text = get(fmt).write(back)
        assert "editor       = {Ito, Aya and others}" in text and "translator   = {others}" in text
        assert _read("bibtex", text) == [ref]


@pytest.mark.parametrize("style, expected", [
    ("chicago-author-date", "Tanaka, Hiro. 2018. “Kernel Methods.” In Handbook of Learning, edited by Aya Ito et al. "
                            "Springer."),
    ("apa", "Tanaka, H. (2018). Kernel Methods. In A. Ito et al. (Eds.), Handbook of Learning. Springer."),
])
def test_an_editor_list_ending_in_and_others_prints_et_al_with_a_plural_label(style, expected):
    (ref,) = _read("bibtex", BIB)
    assert render([ref], style=style, format="text").strip() == expected


def test_authors_ending_in_and_others_print_et_al_too():
    (ref,) = _read("bibtex", "@book{a, author = {Doe, Jane and others}, title = {T}, year = {2001}}")
    assert ref.more_authors
    assert render([ref], style="apa", format="text").strip() == "Doe, J. et al. (2001). T."


def test_more_names_holds_name_variables_other_than_author():
    assert Reference(variables={"editor": [Name(family="Ito")]}, more_names=["editor", "editor"]).more_names == \
        ("editor",)
    for bad in (["author"], ["publisher"]):
        with pytest.raises(ValueError):
            Reference(more_names=bad)
