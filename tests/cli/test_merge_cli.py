"""Merging on the command line: a conflict is printed (even with --quiet), counted, and fatal under --strict."""

from __future__ import annotations

from click.testing import CliRunner

from blogbib.cli import main

from ..conftest import FIXTURES, shared_path

BYLINE = "Jul 15, 2022 (Noam Razin)."


def _inputs(tmp_path, monkeypatch) -> list[str]:
    """The shared listing with one post's byline changed, and the shared index page, run from tmp_path."""
    listing = shared_path(FIXTURES / "offconvex-listing.txt").read_text(encoding="utf-8")
    assert listing.count(BYLINE) == 1
    (tmp_path / "listing.txt").write_text(listing.replace(BYLINE, "Jul 15, 2022 (Elad Hazan)."), encoding="utf-8")
    (tmp_path / "index.html").write_bytes(shared_path(FIXTURES / "offconvex-index.html").read_bytes())
    monkeypatch.chdir(tmp_path)
    return ["listing.txt", "index.html"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_conflict_is_printed_with_both_places_and_counted_even_when_quiet(tmp_path, monkeypatch):
    inputs = _inputs(tmp_path, monkeypatch)
    for quiet in ([], ["--quiet"]):
        result = run("export", *inputs, "--format", "ris", *quiet)
        assert result.exit_code == 0, result.output
        conflicts = [line for line in result.stderr.splitlines() if ": conflict: " in line]
        assert conflicts == [('listing.txt:1: conflict: author "Elad Hazan" differs from "Noam Razin" at '
                              'index.html:80; kept the latter (html over listing), noted the other')]
        summary = "102 read, 51 written, 51 merged, 1 conflict, 0 skipped"
        assert (summary in result.stderr) is not bool(quiet)  # --quiet keeps the summary for errors
        assert 'N1  - Merge conflict: author "Elad Hazan" (listing.txt:1); kept "Noam Razin" (index.html:80)' \
            in result.stdout
        assert ("warning:" in result.stderr) is not bool(quiet)


def test_strict_makes_a_conflict_fatal_and_writes_nothing(tmp_path, monkeypatch):
    inputs = _inputs(tmp_path, monkeypatch)
    result = run("export", *inputs, "--strict", "-o", "out.bib")
    assert result.exit_code == 1
    assert "listing.txt:1: conflict: author" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out.bib").exists()
