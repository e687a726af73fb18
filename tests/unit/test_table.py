"""The terminal table of ``blogbib list``: fitted to a width, never losing the key."""

from __future__ import annotations

import pytest

from blogbib import Date, Name, ReadingList, Reference
from blogbib.render.documents import _cell_width


def _rl() -> ReadingList:
    return ReadingList([
        Reference(id="razin2022implicit",
                  title="Implicit Regularization in Hierarchical Tensor Factorization and Deep Convolutional Networks",
                  author=[Name(family="Razin", given="Noam")], issued=Date(2022, 7, 15),
                  container_title="Off the Convex Path"),
        Reference(id="lee2021beyond", title="Beyond log-concave sampling (Part 2)",
                  author=[Name(family="Lee", given="Holden"), Name(family="Risteski", given="Andrej")],
                  issued=Date(2021, 3), container_title="Off the Convex Path"),
        Reference(id="anon", title="深層学習の理論\nand more"),
        Reference(id="team2020", title="Update", author=[Name(literal="Google Research")] * 3),
    ])


@pytest.mark.parametrize("width", [60, 80, 100, 140, 200])
def test_every_line_fits_and_keys_are_whole(width):
    lines = _rl().to_table(width=width).splitlines()
    header = lines[0].split()
    assert header[:2] == ["KEY", "DATE"] and "TITLE" in header
    assert header == [c for c in ["KEY", "DATE", "AUTHORS", "TITLE", "BLOG"] if c in header]
    assert len(lines) == 5
    for line, key in zip(lines[1:], ["razin2022implicit", "lee2021beyond", "anon", "team2020"]):
        assert _cell_width(line) <= width
        assert line.split()[0] == key


def test_wide_terminal_shows_everything_uncut():
    table = _rl().to_table(width=200)
    assert "…" not in table
    assert "Implicit Regularization in Hierarchical Tensor Factorization and Deep Convolutional Networks" in table
    assert "2021-03" in table and "Lee & Risteski" in table and "Google Research et al." in table
    assert "深層学習の理論 and more" in table  # newline collapsed, wide characters kept
    row = table.splitlines()[3]
    assert row.split()[1] == "-" and row.split()[2] == "-"  # no date, no author


def test_narrow_terminal_cuts_title_and_drops_columns():
    lines = _rl().to_table(width=60).splitlines()
    assert "BLOG" not in lines[0]
    assert "Implicit Regularization" in lines[1] and lines[1].endswith("…")


def test_columns_line_up_with_wide_characters():
    lines = _rl().to_table(width=100).splitlines()
    title_col = _cell_width(lines[0][: lines[0].index("TITLE")])
    for line in lines[1:]:
        prefix = ""
        for ch in line:
            if _cell_width(prefix) >= title_col:
                break
            prefix += ch
        assert _cell_width(prefix) == title_col


def test_empty_list_is_just_the_header():
    assert ReadingList().to_table(width=80).split() == ["KEY", "DATE", "AUTHORS", "TITLE", "BLOG"]
