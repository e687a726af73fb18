"""The export command with pages, feeds, BibTeX and several inputs."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from blogbib.cli import main

from ..conftest import FIXTURES, shared_path

HTML = Path(__file__).resolve().parent.parent / "fixtures" / "html"


def run(*args: str):
    return CliRunner().invoke(main, ["export", *args])


def test_index_and_feed_merge_into_csl_json():
    page = str(shared_path(FIXTURES / "offconvex-index-2017.html"))
    feed = str(shared_path(FIXTURES / "offconvex-feed-2017.xml"))
    result = run(page, feed, "--format", "csl-json", "--base-url", "http://www.offconvex.org/")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 10
    assert items[0]["URL"] == "http://www.offconvex.org/2017/07/19/saddle-efficiency/"
    assert items[0]["issued"] == {"date-parts": [[2017, 7, 19]]}
    sources = items[0]["custom"]["merged-from"]
    assert "offconvex-index-2017.html" in sources and "offconvex-feed-2017.xml" in sources


def test_from_overrides_detection_and_bad_input_is_one_line():
    page = str(HTML / "jsonld-index.html")
    assert run(page, "--from", "html", "-f", "ris").exit_code == 0
    wrong = run(page, "--from", "bibtex", "-f", "ris")
    assert "Traceback" not in wrong.output
    assert run(page, "--from", "nonsense").exit_code == 2  # click rejects unknown choices


def test_bibtex_in_csl_json_out(tmp_path):
    bib = tmp_path / "in.bib"
    bib.write_text("@online{k, author={Doe, Jane}, title={A {GAN} story}, date={2020-01-02}, url={http://x.example/}}\n",
                   encoding="utf-8")
    result = run(str(bib), "-f", "csl-json")
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)
    assert item["id"] == "k" and item["title"] == "A GAN story" and item["author"] == [{"family": "Doe", "given": "Jane"}]


def test_timezone_option_is_checked_and_applied():
    feed = str(shared_path(FIXTURES / "offconvex-feed-2017.xml"))
    utc = run(feed, "-f", "csl-json", "--timezone", "UTC")
    assert json.loads(utc.stdout)[1]["issued"] == {"date-parts": [[2017, 7, 7]]}
    local = run(feed, "-f", "csl-json")
    assert json.loads(local.stdout)[1]["issued"] == {"date-parts": [[2017, 7, 6]]}
    bad = run(feed, "--timezone", "Mars/Olympus")
    assert bad.exit_code == 2 and "unknown time zone 'Mars/Olympus'" in bad.stderr


def test_cli_format_choices_follow_the_registry():
    from blogbib import cli
    from blogbib.formats import readable, writable

    assert set(cli.READ_FORMATS) == {"auto", *readable()}
    assert set(writable()) <= set(cli.WRITE_FORMATS)  # plus formatted (CSL) outputs
