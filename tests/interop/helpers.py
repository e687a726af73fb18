"""Shared bits for tests that run real clients (pandoc, bibtex, biber)."""

from __future__ import annotations

import shutil

import pytest

from ..conftest import FIXTURES, ROOT, shared_path

GOLDEN = ROOT / "tests" / "golden"


def require(tool: str) -> str:
    """The path of an external tool the tests need; missing, the test fails (never skips):
    .ci/run installs every one of them."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed; .ci/run installs it (see its apt-get line)")
    return path


def interop_references():
    """The real listing plus the golden cases that exercise names, specials and URLs."""
    import blogbib
    from blogbib.dates import parse_date

    rl = blogbib.read(shared_path(FIXTURES / "offconvex-listing.txt"), blog_title="Off the Convex Path")
    rl = rl + blogbib.read(GOLDEN / "particles-suffixes-nicknames" / "input.txt", blog_title="Gradient Notes")
    rl = rl + blogbib.read(GOLDEN / "latex-specials-ascii" / "input.txt", blog_title="Café & Co.")
    rl = rl + blogbib.read(GOLDEN / "no-author-no-excerpt" / "input.txt", blog_title="Gradient Notes")
    rl = rl + blogbib.read(GOLDEN / "urls-accessed-natbib" / "input.json")
    from dataclasses import replace

    return blogbib.ReadingList(replace(r, accessed=parse_date("2024-01-02")) for r in rl)


__all__ = ["require", "interop_references"]
