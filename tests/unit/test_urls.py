"""Which URLs may become links, and how a Markdown link to one is written."""

from __future__ import annotations

import pytest

from blogbib.urls import markdown_autolink, safe_url

BAD = ("javascript:alert(1)", " JavaScript:x", "data:text/html,x", "ftp://a.org", "/relative",
       "https://a.org/\nx", "https://a.org/a b", "mailto:a@b.org", "https://", None, "")


def test_safe_url():
    assert safe_url("https://a.org/x?y=1&z=2") == "https://a.org/x?y=1&z=2"
    assert safe_url("HTTP://A.ORG") == "HTTP://A.ORG"
    for bad in BAD:
        assert safe_url(bad) is None, bad


@pytest.mark.parametrize("url", BAD)
def test_no_autolink_for_a_url_that_may_not_be_a_link(url):
    assert markdown_autolink(url) is None


def test_autolink_keeps_markdown_characters_and_encodes_angle_brackets():
    # Backslash escapes are not read inside an autolink: "_" and "*" stay as they are.
    assert markdown_autolink("http://www.offconvex.org/2016/03/22/saddle_points/") == \
        "<http://www.offconvex.org/2016/03/22/saddle_points/>"
    assert markdown_autolink("https://e.org/?q=<script>*x*") == "<https://e.org/?q=%3Cscript%3E*x*>"
