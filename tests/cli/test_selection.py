"""``blogbib export`` selection options and ``blogbib list``, through click's CliRunner."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from blogbib.cli import main

BLOG = "Off the Convex Path"


@pytest.fixture
def run():
    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(main, list(args), input=input)

    return invoke


def _meta(listing_path):
    """(year-month-day, byline, title) per post, straight from the listing text."""
    import datetime as dt

    lines = [l for l in listing_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    posts = []
    for title, meta in zip(lines, lines[1:]):
        m = re.match(r"(\w{3}) (\d{1,2}), (\d{4})(?: \(([^)]*)\))?", meta)
        if m and not re.match(r"\w{3} \d{1,2}, \d{4}", title):
            day = dt.datetime.strptime(f"{m[1]} {m[2]} {m[3]}", "%b %d %Y").date()
            posts.append((day.isoformat(), m[4] or "", title))
    return posts


def test_export_author_since_sort_reverse(run, listing_path):
    result = run("export", str(listing_path), "--blog-title", BLOG, "-f", "csl-json",
                 "--author", "Sanjeev Arora", "--since", "2020", "--sort", "date", "--reverse")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    expected = sorted([p for p in _meta(listing_path) if "Sanjeev Arora" in p[1] and p[0] >= "2020"], reverse=True)
    assert [i["title"] for i in items] == [p[2] for p in expected]
    assert len(items) >= 3


def test_export_until_search_limit(run, listing_path):
    result = run("export", str(listing_path), "-f", "ris", "--search", "GAN", "--until", "2022-06",
                 "--limit", "2")
    assert result.exit_code == 0, result.output
    titles = re.findall(r"^TI  - (.*)$", result.stdout, re.M)
    expected = [p[2] for p in _meta(listing_path) if "gan" in p[2].lower() and p[0] <= "2022-06-30"][:2]
    assert titles == expected and len(titles) == 2


def test_export_several_authors(run, listing_path):
    result = run("export", str(listing_path), "-f", "csl-json", "--author", "Razin", "--author", "Risteski")
    items = json.loads(result.stdout)
    expected = [p for p in _meta(listing_path) if "Razin" in p[1] or "Risteski" in p[1]]
    assert len(items) == len(expected) > 2


def test_export_no_match_is_an_empty_bibliography(run, listing_path):
    result = run("export", str(listing_path), "-f", "csl-json", "--author", "Nobody At All")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_export_bad_date_is_a_usage_error(run, listing_path, option):
    result = run("export", str(listing_path), option, "2019-13")
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.output and "Traceback" not in result.output


def test_export_bad_limit_and_sort(run, listing_path):
    assert run("export", str(listing_path), "--limit", "-1").exit_code == 2
    assert run("export", str(listing_path), "--sort", "colour").exit_code == 2


def test_export_output_file_is_atomic_and_refuses_input(run, listing_path, tmp_path):
    target = tmp_path / "out.bib"
    result = run("export", str(listing_path), "--author", "Rong Ge", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text().count("@misc{") == len([p for p in _meta(listing_path) if "Rong Ge" in p[1]])
    copy = tmp_path / "in.txt"
    copy.write_text(listing_path.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("export", str(copy), "-o", str(copy))
    assert result.exit_code == 1 and "refusing to overwrite an input file" in result.output


def test_list_prints_a_table(run, listing_path):
    result = run("list", str(listing_path), "--blog-title", BLOG, "--width", "120", "--author", "Nadav Cohen",
                 "--sort", "date")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["KEY", "DATE", "AUTHORS", "TITLE", "BLOG"]
    expected = sorted(p for p in _meta(listing_path) if "Nadav Cohen" in p[1])
    assert [l.split()[1] for l in lines[1:]] == [p[0] for p in expected]
    assert all(BLOG in l and len(l) <= 120 for l in lines[1:])
    assert f"{len(expected)} listed" in result.stderr


def test_list_narrow_and_empty(run, listing_path):
    narrow = run("list", str(listing_path), "-w", "50", "-q")
    assert narrow.exit_code == 0 and all(len(l) <= 50 for l in narrow.stdout.splitlines())
    assert len(narrow.stdout.splitlines()) == len(_meta(listing_path)) + 1
    empty = run("list", str(listing_path), "--search", "no such words at all", "-q")
    assert empty.exit_code == 0 and empty.stdout.split() == ["KEY", "DATE", "AUTHORS", "TITLE", "BLOG"]


def test_list_reads_stdin_and_reports_bad_entries(run):
    text = "Good post\nMar 24, 2016 (Benjamin Recht). Fine.\nBroken post\nMarch 32, 2016 (X). Bad.\n"
    result = run("list", "-w", "80", input=text)
    assert result.exit_code == 1
    assert "recht2016good" in result.stdout and "Broken" not in result.stdout
    assert "<stdin>:4:" in result.stderr and "2 read, 1 listed, 1 skipped" in result.stderr


def test_list_missing_file(run, tmp_path):
    result = run("list", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1 and "missing.txt: no such file" in result.output


# ----------------------------------------------------------------------------- documents


def test_export_html_reading_list(run, listing_path, tmp_path):
    lxml_html = pytest.importorskip("lxml.html")
    target = tmp_path / "reading.html"
    result = run("export", str(listing_path), "--blog-title", BLOG, "-f", "html", "--group-by", "author",
                 "--author", "Nadav Cohen", "--author", "Noam Razin", "--style", "apa", "--excerpts",
                 "--title", "Implicit regularization", "-o", str(target), "-q")
    assert result.exit_code == 0, result.output
    doc = lxml_html.document_fromstring(target.read_text(encoding="utf-8"))
    assert doc.findtext(".//title") == "Implicit regularization"
    posts = _meta(listing_path)
    groups = {s.find("h2").text.strip(): len(s.findall("ol/li")) for s in doc.findall(".//section")}
    assert groups["Nadav Cohen"] == sum("Nadav Cohen" in p[1] for p in posts)
    assert groups["Noam Razin"] == sum("Noam Razin" in p[1] for p in posts)
    assert len(doc.find_class("excerpt")) == sum(groups.values())


def test_export_markdown_reading_list_and_flat_bibliography(run, listing_path):
    doc = run("export", str(listing_path), "--blog-title", BLOG, "-f", "markdown", "--group-by", "year",
              "--since", "2022", "-q")
    assert doc.exit_code == 0, doc.output
    expected = [p for p in _meta(listing_path) if p[0] >= "2022"]
    assert doc.stdout.startswith("# Reading list\n\n## 2022\n")
    assert len(re.findall(r"^- ", doc.stdout, re.M)) == len(expected)
    flat = run("export", str(listing_path), "--blog-title", BLOG, "-f", "markdown", "--since", "2022", "-q")
    assert flat.exit_code == 0 and "#" not in flat.stdout  # no --group-by: the plain bibliography
    assert len(flat.stdout.strip().splitlines()) == len(expected)


def test_export_group_by_needs_a_document_format(run, listing_path):
    result = run("export", str(listing_path), "-f", "bibtex", "--group-by", "year")
    assert result.exit_code == 1
    assert "use html or markdown, not bibtex" in result.output and "Traceback" not in result.output


def test_export_document_with_unknown_style(run, listing_path):
    result = run("export", str(listing_path), "-f", "html", "--group-by", "year", "--style", "no-such-style-xyz")
    assert result.exit_code == 1 and "unknown style 'no-such-style-xyz'" in result.output
