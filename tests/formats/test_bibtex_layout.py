"""blogbib writes BibTeX itself (for speed), in exactly the layout bibtexparser v2 writes."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

import blogbib
from blogbib.formats import WriteOptions
from blogbib.formats import bibtex as bib
from blogbib.model import Date, Name, Reference


def _through_bibtexparser(text: str) -> str:
    """``text`` read by bibtexparser (values kept as written) and written back in its layout."""
    import bibtexparser
    from bibtexparser import write_string
    from bibtexparser.writer import BibtexFormat

    library = bibtexparser.parse_string(text, parse_stack=[])
    assert not library.failed_blocks
    layout = BibtexFormat()
    layout.indent = "  "
    layout.value_column = 15
    layout.trailing_comma = True
    layout.block_separator = "\n"
    return write_string(library, unparse_stack=[], bibtex_format=layout)


def _generated(n: int) -> list[Reference]:
    rng = random.Random(11)
    words = ["Deep", "GANs", "x_1", "50%", "Schrödinger", "R&D", "{braces}", "learning", "of", "the", "NTK"]
    refs = []
    for i in range(n):
        authors = [Name(family=rng.choice(["Smith", "Rossum", "King", "Núñez"]), given=rng.choice(["Ana", None]),
                        non_dropping_particle=rng.choice([None, "van"]), suffix=rng.choice([None, "Jr."]))
                   for _ in range(rng.randint(0, 3))]
        if rng.random() < 0.2:
            authors.append(Name(literal="Google Research"))
        refs.append(Reference(
            title=" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))),
            author=authors, more_authors=rng.random() < 0.1,
            issued=rng.choice([None, Date(2020), Date(2021, 3), Date(2022, 7, 15)]),
            accessed=rng.choice([None, Date(2024, 1, 2)]),
            container_title=rng.choice([None, "Off the Convex Path"]),
            url=rng.choice([None, "https://example.org/a b{c}"]),
            abstract=rng.choice([None, "An excerpt with & and % and é."]),
            keyword=rng.choice([(), ("ml", "theory")]), note=rng.choice([None, "a note"]),
            language=rng.choice([None, "en"]),
            # Kept fields: a name of 12 characters or longer has no padding; one already written is not repeated.
            variables=rng.choice([(), (("DOI", "10.1000/x_1"), ("page", "10-20")),
                                  (("editor", (Name(family="Ito", given="Aya"), Name(literal="ACM"))),
                                   ("event-date", Date(2017, 7, 3, end=Date(2017, 7, 7))), ("publisher-place", "Berlin"))]),
            extra=rng.choice([(), (("bibtex:doi", "10.1000/x_1"),), (("bibtex:howpublished", "Online"),),
                              (("bibtex:publisherplace", "Berlin & Co"), ("bibtex:url", "https://other.example"))]),
        ))
    return list(blogbib.ReadingList(refs))


@pytest.mark.parametrize("biblatex", [False, True])
@pytest.mark.parametrize("options", [WriteOptions(), WriteOptions(ascii=True, bibtex_profile="urlbst"),
                                     WriteOptions(bibtex_profile="acm"), WriteOptions(bibtex_profile="natbib")])
def test_layout_matches_bibtexparser_on_generated_references(biblatex, options):
    text = bib._write(_generated(300), options, biblatex)
    assert text == _through_bibtexparser(text)


@pytest.mark.parametrize("biblatex", [False, True])
def test_layout_matches_bibtexparser_on_the_real_listing(offconvex, biblatex):
    refs = list(offconvex)
    options = WriteOptions()
    text = bib._write(refs, options, biblatex)
    assert text == _through_bibtexparser(text)
    assert text.count("\n@") == len(refs) - 1


def test_empty_list_writes_nothing():
    assert bib.write_bibtex([]) == _through_bibtexparser("") == ""


class _FreshEachTime(Sequence):
    """References rebuilt, with new Name objects, at every access: a Name is freed as soon as
    the writer is done with it, so a later Name may be given its address (and id)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if not 0 <= i < self.n:
            raise IndexError(i)
        return Reference(id=f"k{i}", title="T", author=(Name(family=f"Family{i}", given=f"Given{i}"),))


@pytest.mark.parametrize("biblatex", [False, True])
def test_names_memo_is_not_fooled_by_a_reused_id(biblatex):
    refs = _FreshEachTime(200)
    assert bib._write(refs, WriteOptions(), biblatex) == bib._write(list(refs), WriteOptions(), biblatex)
    assert all(f"Family{i}, Given{i}" in bib._write(refs, WriteOptions(), biblatex) for i in (0, 199))
