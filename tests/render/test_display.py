"""CSL ``display`` on cs:group and cs:text: citeproc-js's divs in HTML, no words run together in text."""

from __future__ import annotations

import re

from blogbib.render.csl import Processor

from .test_processor import style

LAYOUT = ('<group display="block"><text variable="title"/></group>'
          '<group display="left-margin"><date variable="issued"><date-part name="year"/></date></group>'
          '<group display="right-inline" suffix="."><text variable="publisher"/></group>'
          '<text display="indent" variable="abstract"/>')
ITEM = {"id": "a", "type": "book", "title": "Title", "issued": {"date-parts": [[1989]]}, "publisher": "Acme",
        "abstract": "What it says"}


def test_display_in_html_is_citeproc_js_divs():
    (_, entry), = Processor(style(bibliography=LAYOUT)).bibliography([ITEM], "html")
    assert re.sub(r"\s+", " ", entry).strip() == (
        '<div class="csl-entry"> <div class="csl-block">Title</div> <div class="csl-left-margin">1989</div>'
        '<div class="csl-right-inline">Acme.</div> <div class="csl-indent">What it says</div> </div>')


def test_display_block_in_text_is_set_apart():
    p = Processor(style(bibliography='<text variable="publisher"/><text variable="abstract" display="block"/>'))
    assert p.bibliography([ITEM]) == [("a", "Acme What it says")]
    assert p.bibliography([ITEM], "markdown") == [("a", "Acme What it says")]
