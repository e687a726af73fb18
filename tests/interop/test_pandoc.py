"""pandoc reads our BibLaTeX and CSL-JSON and gets the same authors, titles, dates, blog and URLs."""

from __future__ import annotations

import json
import subprocess

import pytest

from .helpers import interop_references, require


def pandoc_items(text: str, from_format: str) -> dict:
    pandoc = require("pandoc")
    proc = subprocess.run([pandoc, "-f", from_format, "-t", "csljson"], input=text, capture_output=True,
                          text=True, check=True)
    return {item["id"]: item for item in json.loads(proc.stdout)}


def plain(text: str) -> str:
    """pandoc's CSL-JSON keeps rich text as HTML-ish markup; compare the letters."""
    import re

    # pandoc also applies smart punctuation (' → ’) when it reads.
    return re.sub(r"<[^>]+>", "", text).replace("\u00a0", " ").replace("\u2019", "'")


def without_unmatched_braces(text: str) -> str:
    from blogbib.latex import _matched_braces

    matched = _matched_braces(text)
    return "".join(ch for i, ch in enumerate(text) if ch not in "{}" or i in matched)


def expected_name(name) -> dict:
    if name.literal:
        return {"literal": name.literal}
    out = {"family": name.family, "given": name.given}
    if name.non_dropping_particle:
        out["non-dropping-particle"] = name.non_dropping_particle
    if name.suffix:
        out["suffix"] = name.suffix
    return {k: v for k, v in out.items() if v}


@pytest.mark.parametrize("fmt, pandoc_format", [("biblatex", "biblatex"), ("csl-json", "csljson")])
def test_pandoc_reads_our_output(fmt, pandoc_format):
    refs = interop_references()
    items = pandoc_items(refs.write(fmt), pandoc_format)
    assert set(items) == {r.id for r in refs}
    for ref in refs:
        item = items[ref.id]
        title = plain(item["title"])
        if fmt == "biblatex":
            # pandoc turns English BibLaTeX titles into sentence case, keeping brace-protected words.
            # pandoc does not know \textbraceleft{}, which we must use for an unmatched brace.
            assert title.lower() == without_unmatched_braces(ref.title).lower(), ref.id
            for word in ("GANs", "NTK", "BibTeX"):
                assert (word in title) == (word in ref.title), ref.id
        else:
            assert title == ref.title, ref.id
        names = [{k: v for k, v in n.items() if k in ("family", "given", "literal", "non-dropping-particle",
                                                          "suffix")} for n in item.get("author", [])]
        expected = [expected_name(n) for n in ref.author]
        if ref.more_authors and fmt == "biblatex":
            expected.append({"literal": "others"})  # pandoc's reading of BibLaTeX's "and others"
        assert names == expected, ref.id
        assert item["issued"]["date-parts"][0] == ref.issued.parts(), ref.id
        assert item["container-title" if fmt == "csl-json" else "publisher"] == ref.container_title, ref.id
        assert item.get("URL") == ref.url
        assert item["accessed"]["date-parts"][0] == [2024, 1, 2]
