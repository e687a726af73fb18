"""cs:label (CSL 1.0.2 "Label")."""

from __future__ import annotations

from blogbib.render.csl import Processor

from .test_processor import style


def test_label_of_a_missing_variable_renders_nothing():
    p = Processor(style(bibliography='<text variable="title"/><label variable="page" form="short" prefix=" "/>'
                                     '<text variable="page" prefix=" "/>'))
    items = [{"id": "a", "type": "chapter", "title": "A", "page": "3-5"},
             {"id": "b", "type": "chapter", "title": "B"}]
    assert p.bibliography(items) == [("a", "A pp. 3–5"), ("b", "B")]


def test_label_plural_follows_the_number_of_numbers():
    p = Processor(style(bibliography='<label variable="number-of-pages" form="short" suffix=" "/>'
                                     '<text variable="number-of-pages"/>'))
    items = [{"id": "a", "type": "book", "number-of-pages": "1"}, {"id": "b", "type": "book", "number-of-pages": "2"}]
    assert [entry for _, entry in p.bibliography(items)] == ["p. 1", "pp. 2"]

