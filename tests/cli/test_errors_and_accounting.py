"""Bad input on the command line: a clear message naming file and line, an honest summary, never a traceback.

Accounting: over every fixture a current reader handles, and every writable
format, ``read == written + skipped`` as printed in the summary, and the
written count is what the output really holds.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from blogbib import formats
from blogbib.cli import main

ROOT = Path(__file__).resolve().parents[2]
WRITERS = [f.name for f in formats.FORMATS if f.can_write]
SUMMARY = re.compile(r"^(\d+) read, (\d+) written(?:, (\d+) merged)?, (\d+) skipped", re.M)


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def console_script() -> list[str]:
    """The installed ``blogbib`` script next to this Python, or the same entry point through ``-c``."""
    script = Path(sys.executable).with_name("blogbib")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from blogbib.cli import main; main()"]


def run_script(*args: str, stdin: bytes = b"", cwd: Path | None = None, env: dict | None = None):
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([*console_script(), *args], input=stdin, capture_output=True, cwd=cwd,
                          env=environment, timeout=120)


def count_entries(fmt: str, text: str) -> int:
    if fmt == "csl-json":
        return len(json.loads(text))
    if fmt == "ris":
        return len(re.findall(r"^TY  - ", text, re.M))
    if fmt in ("bibtex", "biblatex"):
        return len(re.findall(r"^@\w+\{", text, re.M))
    raise AssertionError(f"no entry counter for {fmt}: add one here")


def handled_fixtures(listing_path: Path) -> list[tuple[Path, formats.Format]]:
    """Fixtures whose suffix a current reader claims (README excluded)."""
    out = []
    for path in sorted(listing_path.parent.iterdir()):
        if path.name == "README.md":
            continue
        for fmt in formats.FORMATS:
            if fmt.can_read and path.suffix.lower() in fmt.suffixes:
                out.append((path, fmt))
                break
    return out


@pytest.fixture
def broken_listing(tmp_path, listing_path) -> Path:
    """The real listing with line 34's date made impossible: 51 posts, one of them bad."""
    lines = listing_path.read_text(encoding="utf-8").split("\n")
    assert lines[33].startswith("Jul 10, 2019 (")
    lines[33] = lines[33].replace("Jul 10, 2019", "Jul 45, 2019", 1)
    path = tmp_path / "offconvex.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# ------------------------------------------------------------------ accounting


@pytest.mark.parametrize("writer", WRITERS)
def test_accounting_over_every_handled_fixture(listing_path, writer):
    fixtures = handled_fixtures(listing_path)
    assert fixtures, "no fixture is handled by any reader"
    for path, reader in fixtures:
        result = run("export", str(path), "--from", reader.name, "-f", writer, "--blog-title", "Off the Convex Path")
        m = SUMMARY.search(result.stderr)
        assert m, f"{path.name}: no summary in {result.stderr!r}"
        read, written, merged, skipped = (int(g or 0) for g in m.groups())
        assert read == written + merged + skipped, result.stderr
        assert count_entries(writer, result.stdout) == written
        if path == listing_path:
            assert (read, written, skipped) == (51, 51, 0)  # the README's count of posts


@pytest.mark.parametrize("writer", WRITERS)
def test_one_bad_entry_is_reported_with_file_line_and_reason_and_the_rest_written(broken_listing, writer):
    result = run("export", str(broken_listing), "-f", writer)
    assert result.exit_code == 1
    assert f"{broken_listing}:34: no valid date in \"Jul 45, 2019 (Nadav Cohen and Wei Hu)." in result.stderr
    assert "51 read, 50 written, 1 skipped" in result.stderr
    assert count_entries(writer, result.stdout) == 50
    assert "Understanding implicit regularization" not in result.stdout  # the bad post, and only it, is gone
    assert "Landscape Connectivity" in result.stdout


def test_strict_makes_the_bad_entry_fatal_and_writes_nothing(broken_listing, tmp_path):
    out = tmp_path / "out.bib"
    result = run("export", str(broken_listing), "--strict", "-o", str(out))
    assert result.exit_code == 1
    assert f"{broken_listing}:34: no valid date" in result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".blogbib-*"))

    out.write_text("earlier output\n", encoding="utf-8")
    result = run("export", str(broken_listing), "--strict", "-o", str(out))
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "earlier output\n"

    result = run("export", str(broken_listing), "--strict")
    assert result.exit_code == 1 and result.stdout == ""


def test_warnings_are_shown_and_quiet_silences_them_but_not_errors(listing_path, broken_listing):
    result = run("export", str(listing_path), "-f", "ris")
    assert result.exit_code == 0
    assert ':102: warning: "blogmasters" read as an organisation' in result.stderr
    assert "51 read, 51 written, 0 skipped" in result.stderr

    quiet = run("export", str(listing_path), "-f", "ris", "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == result.stdout

    quiet_bad = run("export", str(broken_listing), "--quiet")
    assert quiet_bad.exit_code == 1
    assert ":34: no valid date" in quiet_bad.stderr and ": warning:" not in quiet_bad.stderr
    assert "51 read, 50 written, 1 skipped" in quiet_bad.stderr


def test_strict_still_accepts_warnings(listing_path):
    """--strict is about errors (skipped entries, unreadable inputs); a guessed literal author stays a warning."""
    result = run("export", str(listing_path), "--strict", "-f", "csl-json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 51
    assert "warning" in result.stderr


def test_a_whole_unreadable_input_is_counted_and_fails(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"title": "a"},\n {"title": ]', encoding="utf-8")
    result = run("export", str(bad), "-f", "ris")
    assert result.exit_code == 1
    assert f"{bad}:2: not valid JSON" in result.stderr
    assert "0 read, 0 written, 0 skipped, 1 input not readable" in result.stderr


# ------------------------------------------------------------------ never a traceback


def hostile_files(tmp_path: Path) -> dict[str, tuple[list[str], bytes]]:
    """name → (arguments, stdin) for inputs that must fail cleanly."""
    def put(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    directory = tmp_path / "adir"
    directory.mkdir()
    return {
        "missing file": (["export", str(tmp_path / "nope.txt")], b""),
        "a directory": (["export", str(directory)], b""),
        "latin-1 text": (["export", put("latin1.txt", "Café\nJul 1, 2020 (José).".encode("latin-1"))], b""),
        "binary": (["export", put("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))], b""),
        "NUL in UTF-8": (["export", put("nul.txt", b"Title\x00\nJul 1, 2020 (A B).")], b""),
        "UTF-16 without BOM": (["export", put("u16.txt", "Title\nJul 1, 2020 (A B).".encode("utf-16-le"))], b""),
        "truncated UTF-16": (["export", put("t16.txt", "Title".encode("utf-16") + b"\x00")], b""),
        "bad JSON": (["export", put("bad.json", b'[{"title": "x",]')], b""),
        "deep JSON": (["export", put("deep.json", b"[" * 100000 + b"]" * 100000)], b""),
        "huge number": (["export", put("num.json", b'[{"issued": {"date-parts": [[' + b"9" * 10000 + b"]]}}]")],
                        b""),
        "lone surrogate": (["export", put("sur.json", b'[{"title": "\\ud800"}]')], b""),
        "wrong JSON types": (["export", put("types.json",
                                            b'[{"title": {"a": 1}}, {"author": "x"}, {"issued": {"date-parts": {}}}]'
                                            )], b""),
        "RIS without ER": (["export", put("cut.ris", b"TY  - BLOG\nTI  - x\n")], b""),
        "bad stdin": (["export", "-"], b"\xff\xfe\xfd garbage \x00"),
        "bad key pattern": (["export", "--key-format", "{nope}", put("ok.txt", b"T\nJul 1, 2020 (A B).")], b""),
        "output is a directory": (["export", put("ok2.txt", b"T\nJul 1, 2020 (A B)."), "-o", str(directory)], b""),
        "output directory missing": (["export", put("ok3.txt", b"T\nJul 1, 2020 (A B)."), "-o",
                                      str(tmp_path / "no" / "such" / "dir.bib")], b""),
        "output is the input": (["export", put("same.txt", b"T\nJul 1, 2020 (A B)."), "-o",
                                 str(tmp_path / "same.txt")], b""),
        "cite: undecodable input": (["cite", put("cite.txt", "T\nCafé".encode("latin-1"))], b""),
        "render: unknown style": (["export", "-f", "html", "--style", "no-such-style-xyz",
                                   put("ok5.txt", b"T\nJul 1, 2020 (A B).")], b""),
        "bad accessed date": (["export", "--accessed", "Feb 30, 2021", put("ok4.txt", b"T\nJul 1, 2020 (A B).")],
                              b""),
    }


def test_no_traceback_for_bad_input_in_process(tmp_path):
    for name, (args, stdin) in hostile_files(tmp_path).items():
        result = CliRunner().invoke(main, args, input=stdin)
        assert result.exit_code != 0, name
        assert result.exception is None or isinstance(result.exception, SystemExit), (name, result.exception)
        assert "Traceback" not in result.stderr + result.stdout, name
        assert result.stderr.strip(), f"{name}: no message"


def test_no_traceback_for_bad_input_from_the_console_script(tmp_path):
    cases = hostile_files(tmp_path)
    for name, (args, stdin) in cases.items():
        proc = run_script(*args, stdin=stdin)
        stderr = proc.stderr.decode("utf-8", "replace")
        assert proc.returncode in (1, 2), (name, proc.returncode, stderr)  # 2: click's usage errors
        assert "Traceback" not in stderr, f"{name}:\n{stderr}"
        assert stderr.strip(), f"{name}: no message"
    print(f"{len(cases)} kinds of bad input through {' '.join(console_script())}: no traceback")


def test_console_script_messages_name_file_and_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Title\nCafé au lait".encode("latin-1"))
    proc = run_script("export", str(path))
    assert proc.returncode == 1
    assert proc.stderr.decode() == (f"{path}:2: not valid UTF-8 text (byte 0xe9 at offset 9, column 4; "
                                    "invalid continuation byte); save the file as UTF-8\n"
                                    "0 read, 0 written, 0 skipped, 1 input not readable\n")


def test_closed_stdout_pipe_is_not_a_traceback(listing_path):
    script = " ".join(f"'{part}'" for part in console_script())
    proc = subprocess.run(f"{script} export '{listing_path}' -f csl-json | head -c 10 > /dev/null",
                          shell=True, capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert b"Traceback" not in proc.stderr and b"BrokenPipe" not in proc.stderr, proc.stderr
