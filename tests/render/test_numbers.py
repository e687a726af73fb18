"""cs:number and number variables (CSL 1.0.2 "Number", appendix V page ranges)."""

from __future__ import annotations


def test_page_range_format_expands_then_shortens_and_leaves_what_is_not_a_range():
    from blogbib.render.csl.numbers import page_range

    assert page_range("1536", "38", "minimal", "–") == "1536–8"
    assert page_range("1496", "504", "chicago", "–") == "1496–1504"  # Chicago 15: four digits, three change
    assert page_range("1496", "504", "chicago-16", "–") == "1496–504"
    assert page_range("321", "28", "minimal-two", "–") == "321–28"
    assert page_range("N110", "N5", "expanded", "–") == "N110–N115"
    assert page_range("N110", "5", "expanded", "–") == "N110-5"  # the prefix on one number only: as written
    assert page_range("110", "5", None, "–") == "110–5"  # no format: as given


def test_a_range_of_roman_numerals_is_joined_and_never_shortened():
    from blogbib.render.csl.numbers import page_range

    assert page_range("xxv", "xxviii", "chicago-16", "–") == "xxv–xxviii"
    assert page_range("i", "ix", None, "–") == "i–ix"
    assert page_range("3", "B", "chicago-16", "–") == "3-B"
