"""`blogbib export --format text|html|markdown`, `blogbib cite` and `blogbib styles` through click."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from blogbib.cli import main

BLOG = "Off the Convex Path"


@pytest.fixture()
def runner():
    return CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()


@pytest.fixture()
def items(tmp_path, oracle_items):
    path = tmp_path / "offconvex.json"
    path.write_text(json.dumps(oracle_items), encoding="utf-8")
    return str(path)


def test_export_text_matches_the_api(runner, items):
    import blogbib
    from blogbib.formats.csl_json import from_csl

    result = runner.invoke(main, ["export", items, "--format", "text", "--style", "apa"])
    assert result.exit_code == 0, result.output
    refs = list(blogbib.ReadingList([from_csl(i) for i in json.loads(open(items, encoding="utf-8").read())]))
    assert result.stdout == blogbib.render(refs, "apa")
    lines = result.stdout.splitlines()
    assert len(lines) == 51
    assert lines[0].startswith("Anandkumar, A. (2016, January 25). NIPS 2015 workshop")


def test_export_html_and_markdown(runner, items):
    html = runner.invoke(main, ["export", items, "-f", "html", "-s", "ieee"])
    assert html.exit_code == 0
    assert html.stdout.startswith('<div class="csl-bib-body">\n  <div class="csl-entry">\n    <div class="csl-left-margin">')
    md = runner.invoke(main, ["export", items, "-f", "markdown", "-s", "apa"])
    assert md.exit_code == 0 and "*Off the Convex Path*" in md.stdout


def test_export_with_locale(runner, items):
    result = runner.invoke(main, ["export", items, "-f", "text", "-s", "apa", "--locale", "de-DE"])
    assert result.exit_code == 0
    assert "(2016, Januar 25)" in result.stdout


def test_cite_prints_one_citation_per_line_in_input_order(runner, items):
    result = runner.invoke(main, ["cite", items, "--style", "apa"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["(Razin, 2022)", "(Arora & Zhang, 2022)"]
    assert "(Arora, 2017a)" in lines and "(Arora, 2017c)" in lines
    html = runner.invoke(main, ["cite", items, "--style", "apa", "--format", "html"])
    assert html.stdout.splitlines()[1] == "(Arora &#38; Zhang, 2022)"


def test_cite_from_a_listing_with_the_default_style(runner, listing_path):
    listing = listing_path
    result = runner.invoke(main, ["cite", str(listing), "--blog-title", BLOG])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "(Razin 2022)"


def test_styles_lists_and_searches(runner):
    everything = runner.invoke(main, ["styles"])
    assert everything.exit_code == 0
    names = everything.stdout.splitlines()
    assert names[0] == "blogbib-reading-list" and "apa" in names and len(names) > 1000
    some = runner.invoke(main, ["styles", "vancouver"])
    assert some.exit_code == 0 and all("vancouver" in n for n in some.stdout.splitlines())
    none = runner.invoke(main, ["styles", "no-such-style-anywhere"])
    assert none.exit_code == 1


@pytest.mark.parametrize("command", [["export", "-f", "text", "-s", "apaa"], ["cite", "-s", "apaa"]])
def test_unknown_style_is_a_clear_error(runner, items, command):
    result = runner.invoke(main, [command[0], items, *command[1:]])
    assert result.exit_code == 2  # a usage error
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert "unknown style 'apaa'; did you mean: apa" in err
    assert "Traceback" not in err


def test_unknown_locale_is_a_clear_error(runner, items):
    result = runner.invoke(main, ["cite", items, "-s", "apa", "--locale", "xx-YY"])
    assert result.exit_code == 2
    assert "unknown locale 'xx-YY'" in (result.stderr if hasattr(result, "stderr") else result.output)
