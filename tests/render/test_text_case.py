"""text-case="title" (render/csl/text_case.py) as citeproc-js applies it."""

from __future__ import annotations

from .test_rich_text import title


def test_title_case_keeps_capitals_capitalizes_the_last_word_and_a_stop_word_before_a_hyphen():
    assert title("UK", case="title") == "UK"
    assert title("research for", case="title") == "Research For"
    assert title("employee pro-environmental behavior", case="title") == "Employee Pro-Environmental Behavior"
    assert title("a pen that is red", case="title") == "A Pen That Is Red"
    assert title("07-x test", case="title") == "07-x Test"
