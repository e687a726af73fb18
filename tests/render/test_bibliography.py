"""Bibliography entries: subsequent-author-substitute and its rules (CSL 1.0.2 "Reference Grouping")."""

from __future__ import annotations

import pytest

from blogbib.render.csl import Processor

from .test_processor import style


def book(key: str, *families: str) -> dict:
    return {"id": key, "type": "book", "title": key, "author": [{"family": f, "given": "A"} for f in families]}


ITEMS = [book("one", "Arora", "Ma"), book("two", "Arora", "Ma"), book("three", "Arora", "Ge"), book("four", "Ge")]


@pytest.mark.parametrize("rule, expected", [
    ("complete-all", ["A Arora, A Ma. one", "—. two", "A Arora, A Ge. three", "A Ge. four"]),
    ("complete-each", ["A Arora, A Ma. one", "—, —. two", "A Arora, A Ge. three", "A Ge. four"]),
    ("partial-each", ["A Arora, A Ma. one", "—, —. two", "—, A Ge. three", "A Ge. four"]),
    ("partial-first", ["A Arora, A Ma. one", "—, A Ma. two", "—, A Ge. three", "A Ge. four"]),
])
def test_subsequent_author_substitute_rule(rule, expected):
    text = style(bibliography='<group delimiter=". "><names variable="author"><name/></names>'
                              '<text variable="title"/></group>')
    text = text.replace("<bibliography>", f'<bibliography subsequent-author-substitute="—" '
                                          f'subsequent-author-substitute-rule="{rule}">')
    assert [entry for _, entry in Processor(text).bibliography(ITEMS)] == expected
