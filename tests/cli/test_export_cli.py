"""`blogbib export` through click's CliRunner and as a real process: output, messages, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import blogbib
from blogbib.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample-listing.txt"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_version_and_help():
    result = run("--version")
    assert result.exit_code == 0 and blogbib.__version__ in result.output
    for args in (["--help"], ["export", "--help"]):
        result = run(*args)
        assert result.exit_code == 0 and "Usage:" in result.output


def test_export_bibtex_to_stdout(listing_path):
    result = run("export", str(listing_path), "--format", "bibtex", "--blog-title", "Off the Convex Path")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("@misc{") == 51


def test_stdin_with_dash_and_with_no_input():
    text = SAMPLE.read_text(encoding="utf-8")
    for args in (["export", "-", "-f", "ris"], ["export", "-f", "ris"]):
        result = run(*args, input=text)
        assert result.exit_code == 0, result.output
        assert result.stdout.count("TY  - BLOG") == 5


def test_output_file_and_accessed_and_key_format(tmp_path):
    out = tmp_path / "out.json"
    result = run("export", str(SAMPLE), "-f", "csl-json", "-o", str(out), "--accessed", "2024-01-02",
                 "--key-format", "{Auth}{year}")
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    assert items[0]["accessed"] == {"date-parts": [[2024, 1, 2]]}
    assert items[0]["id"] == "Cruz2023"
    assert result.stdout == ""


def test_accessed_today():
    import datetime

    result = run("export", str(SAMPLE), "-f", "csl-json", "--accessed", "today")
    today = datetime.date.today()
    assert json.loads(result.stdout)[0]["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}


def test_bad_input_exits_1_naming_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("One\nJul 1, 2020 (A B). x\nTwo\nJul 45, 2019 (C D). y\n", encoding="utf-8")
    result = run("export", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:4: no valid date in \"Jul 45, 2019 (C D). y\"" in result.stderr
    assert "2 read, 1 written, 1 skipped" in result.stderr
    assert result.stdout.count("@misc{") == 1  # the sound entry is still written
    strict = run("export", str(bad), "--strict")
    assert strict.exit_code == 1 and strict.stdout == ""


def test_missing_file_is_a_clear_error():
    result = run("export", "no-such-file.txt")
    assert result.exit_code == 1
    assert "no-such-file.txt: no such file" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ["export", str(SAMPLE), "--format", "docx"],
    ["export", str(SAMPLE), "--accessed", "Feb 30, 2021"],
    ["export", str(SAMPLE), "--bibtex-profile", "chicago"],
    ["export", str(SAMPLE), "--no-such-option"],
    ["nosuchcommand"],
])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_bad_key_format_is_a_usage_error():
    result = run("export", str(SAMPLE), "--key-format", "{author}")
    assert result.exit_code == 2 and "unknown key field {author}" in result.stderr
    assert "Usage: " in result.stderr and "Try " in result.stderr


def test_warnings_visible_and_quiet_silences_them():
    loud = run("export", str(SAMPLE))
    assert '"The Editors" read as an organisation' in loud.stderr
    quiet = run("export", str(SAMPLE), "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_console_script_runs_as_a_process(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Title\n\xff\xfe\xfa broken\n")
    proc = subprocess.run([sys.executable, "-m", "blogbib", "export", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "not valid UTF-8" in proc.stderr and "Traceback" not in proc.stderr
    ok = subprocess.run([sys.executable, "-m", "blogbib", "export", str(SAMPLE), "-q"], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.count("@misc{") == 5
