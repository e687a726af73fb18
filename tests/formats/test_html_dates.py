"""Dates as pages write them (formats/html/when.py) and which one a page's post gets."""

from __future__ import annotations

import pytest

from blogbib.dates import DateError
from blogbib.errors import Diagnostics
from blogbib.formats import ReadOptions, get
from blogbib.formats.html.when import find_dates, read_date
from blogbib.model import Date


@pytest.mark.parametrize("text, expected", [
    ("Mar 24, 2016", Date(2016, 3, 24)),
    ("March 24th, 2016", Date(2016, 3, 24)),
    ("Sept. 5 2016", Date(2016, 9, 5)),
    ("24 March 2016", Date(2016, 3, 24)),
    ("Published: Thu 24 March 2016", Date(2016, 3, 24)),
    ("2016-03-24", Date(2016, 3, 24)),
    ("2016/03/24", Date(2016, 3, 24)),
    ("24.03.2016", Date(2016, 3, 24)),
    ("24. März 2016", Date(2016, 3, 24)),
    ("le 24 mars 2016", Date(2016, 3, 24)),
    ("1er juin 2023", Date(2023, 6, 1)),
    ("24 de marzo de 2016", Date(2016, 3, 24)),
    ("24 marzo 2016", Date(2016, 3, 24)),
    ("24 maart 2016", Date(2016, 3, 24)),
    ("24 marca 2016", Date(2016, 3, 24)),
    ("24 марта 2016", Date(2016, 3, 24)),
    ("2016年3月24日", Date(2016, 3, 24)),
    ("2016년 3월 24일", Date(2016, 3, 24)),
    ("2022-12-09 00:00:00 +0900 JST", Date(2022, 12, 9, "00:00:00+09:00")),
    ("2023-05-31T16:00:00.000Z", Date(2023, 5, 31, "16:00:00+00:00")),
    ("March 2016", Date(2016, 3)),
])
def test_dates_in_text_in_many_forms_and_languages(text, expected):
    [found] = find_dates(text)
    assert found.date == expected


@pytest.mark.parametrize("text", ["Python 3.11.0", "2016", "03/04/2016", "40 mayors in 2016", "Feb 30, 2021",
                                  "call 555-12-34", "v2.10.2023"])
def test_no_date_is_guessed(text):
    assert find_dates(text) == []


def test_several_dates_in_order_without_overlap():
    found = find_dates("Posted Jun 1, 2023; updated 2023-07-02T10:00:00Z")
    assert [f.date.iso() for f in found] == ["2023-06-01", "2023-07-02"]
    assert found[1].date.time == "10:00:00+00:00"


def test_attribute_values():
    assert read_date("2023-06-01") == Date(2023, 6, 1)
    assert read_date("2019/08/17") == Date(2019, 8, 17)
    assert read_date("Permalink to a post") is None
    with pytest.raises(DateError, match="February 2021 has no day 30"):
        read_date("2021-02-30")


def _one(page: str, **options):
    diag = Diagnostics()
    refs = get("html").read(page, source="p.html", diag=diag, options=ReadOptions(**options))
    return refs, diag


INDEX = """<html><head><title>Notes</title></head><body><main>
<article><h2><a href="https://n.example/a/">First post title</a></h2>
  <time datetime="{a}">{shown_a}</time><p>Text of the first post.</p></article>
<article><h2><a href="https://n.example/b/">Second post title</a></h2>
  <time datetime="{b}">{shown_b}</time><p>Text of the second post.</p></article>
</main></body></html>"""


def test_an_instant_in_another_zone_gives_way_to_the_day_the_page_shows():
    page = INDEX.format(a="2020-07-05T16:00:00.000Z", shown_a="Jul 6, 2020",
                        b="2020-07-05T10:00:00.000Z", shown_b="Jul 5, 2020")
    refs, _ = _one(page)
    assert refs[0].issued == Date(2020, 7, 6)  # the blog's own day, as its readers see it
    assert "the day the page shows" in refs[0].extra_dict["evidence"]
    assert refs[1].issued == Date(2020, 7, 5, "10:00:00+00:00")  # same day: the instant is kept


def test_an_instant_alone_is_kept_for_the_merge_and_a_timezone_moves_it():
    page = INDEX.format(a="2020-07-05T16:00:00Z", shown_a="", b="2020-07-05T03:00:00-07:00", shown_b="")
    refs, _ = _one(page)
    assert refs[0].issued == Date(2020, 7, 5, "16:00:00+00:00")
    refs, _ = _one(page, timezone="Asia/Shanghai")
    assert refs[0].issued == Date(2020, 7, 6, "00:00:00+08:00")


def test_a_last_modified_date_is_never_the_publication_date():
    page = """<html><body><main>
    <article><h2><a href="https://n.example/a/">A post title</a></h2>
      <p><time class="updated" datetime="2021-01-01">Jan 1, 2021</time> Last updated: Feb 2, 2021</p>
      <p>Posted Mar 3, 2020</p></article>
    <article><h2><a href="https://n.example/b/">Another post</a></h2><p>Posted Mar 4, 2020</p></article>
    </main></body></html>"""
    refs, _ = _one(page)
    assert [r.issued for r in refs] == [Date(2020, 3, 3), Date(2020, 3, 4)]


def test_a_date_in_an_excerpt_is_not_the_posts_date():
    long = "On 1 January 1999 a long story began, " + "and it went on for a while " * 12
    page = f"""<html><body><main>
    <div class="p"><h3><a href="https://n.example/a/">A</a></h3><p>{long}</p><small>Mar 3, 2020</small></div>
    <div class="p"><h3><a href="https://n.example/b/">B</a></h3><p>Short.</p><small>Mar 4, 2020</small></div>
    </main></body></html>"""
    refs, _ = _one(page)
    assert [r.issued for r in refs] == [Date(2020, 3, 3), Date(2020, 3, 4)]


def test_a_numeric_date_with_slashes_is_read_only_when_a_number_over_12_tells_the_day():
    assert [f.date for f in find_dates("3/15/2023, 15/3/2023")] == [Date(2023, 3, 15), Date(2023, 3, 15)]
    assert find_dates("3/4/2023") == []  # March 4 or April 3: not guessed
