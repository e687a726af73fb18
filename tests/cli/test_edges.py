"""The command line at its edges, through the installed console script: output targets, exit codes, Ctrl-C.

Exit status: 0 done, 1 bad input (what was sound is written), 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from blogbib.cli import main

from .terminal import stderr_of
from .test_errors_and_accounting import console_script, run_script

WATCHDOG = 60  # seconds: a subprocess that takes longer is hung


def entries(text: bytes | str) -> int:
    return (text.decode() if isinstance(text, bytes) else text).count("@misc{")


@pytest.fixture
def listing(tmp_path, listing_path) -> Path:
    path = tmp_path / "offconvex.txt"
    path.write_bytes(listing_path.read_bytes())
    return path


# ------------------------------------------------------------------ -o: what the target is


def test_output_to_a_fifo_streams_into_it_and_leaves_it_a_fifo(listing, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    proc = run_script("export", str(listing), "-q", "-o", str(fifo))
    reader.join(WATCHDOG)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert entries(received[0]) == 51


def test_output_to_dev_stdout_writes_to_standard_output(listing):
    proc = run_script("export", str(listing), "-q", "-o", "/dev/stdout")
    assert proc.returncode == 0, proc.stderr
    assert entries(proc.stdout) == 51


def test_output_to_dev_stdout_redirected_to_a_file(listing, tmp_path):
    out = tmp_path / "redirected.bib"
    with open(out, "wb") as handle:
        proc = subprocess.run([*console_script(), "export", str(listing), "-q", "-o", "/dev/stdout"],
                              stdout=handle, stderr=subprocess.PIPE, timeout=WATCHDOG)
    assert proc.returncode == 0, proc.stderr
    assert entries(out.read_bytes()) == 51


def test_output_to_dev_null_leaves_the_device_alone(listing):
    before = os.stat("/dev/null")
    proc = run_script("export", str(listing), "-q", "-o", "/dev/null")
    assert proc.returncode == 0, proc.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_directory_is_refused_clearly(listing, tmp_path):
    proc = run_script("export", str(listing), "-q", "-o", str(tmp_path))
    assert proc.returncode == 1
    assert proc.stderr.decode() == f"blogbib: {tmp_path}: is a directory, not a file\n"


def test_a_write_protected_file_is_refused_unless_forced(listing, tmp_path):
    out = tmp_path / "mine.bib"
    out.write_text("@misc{kept,}\n", encoding="utf-8")
    out.chmod(0o444)
    proc = run_script("export", str(listing), "-q", "-o", str(out))
    assert proc.returncode == 1
    assert "write-protected" in proc.stderr.decode() and "--force" in proc.stderr.decode()
    assert out.read_text(encoding="utf-8") == "@misc{kept,}\n"
    forced = run_script("export", str(listing), "-q", "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert entries(out.read_text(encoding="utf-8")) == 51
    assert out.stat().st_mode & 0o777 == 0o444  # replaced, and still read-only
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".blogbib-")] == []


# ------------------------------------------------------------------ exit codes


@pytest.mark.parametrize("args, says", [
    (["--style", "apaa", "-f", "text"], "did you mean: apa"),
    (["--locale", "xx-YY", "-f", "text"], "unknown locale 'xx-YY'"),
    (["--key-format", "{nope}"], "unknown key field {nope}"),
    (["--timezone", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
    (["--group-by", "year", "-f", "bibtex"], "use html or markdown, not bibtex"),
    (["--base-url", "notaurl"], "'notaurl' is not a web address"),
    (["--since", "2019-13"], "--since"),
    (["--bibtex-profile", "nope"], "'nope' is not one of"),
])
def test_a_wrong_option_value_is_a_usage_error(listing, args, says):
    proc = run_script("export", str(listing), *args)
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert stderr.startswith("Usage: ") and "Try '" in stderr and "Error: " in stderr
    assert says in stderr
    assert proc.stdout == b""


def test_every_unreadable_input_is_reported_and_the_rest_written(listing, tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    proc = run_script("export", str(tmp_path / "missing.txt"), str(listing), str(tmp_path), str(binary),
                      "ftp://example.org/feed.xml")
    stderr = proc.stderr.decode()
    assert proc.returncode == 1
    assert entries(proc.stdout) == 51
    assert f"{tmp_path / 'missing.txt'}: no such file" in stderr
    assert f"{tmp_path}: not a blog source folder" in stderr  # a folder is read as a blog's sources
    assert f"{binary}:1: not valid UTF-8 text" in stderr
    assert "ftp://example.org/feed.xml: cannot read ftp:// URLs" in stderr
    assert stderr.rstrip().endswith("51 read, 51 written, 0 skipped, 4 inputs not readable")


def test_a_file_url_is_read_as_its_path(listing):
    proc = run_script("export", listing.as_uri(), "-q")
    assert proc.returncode == 0, proc.stderr
    assert entries(proc.stdout) == 51


@pytest.mark.parametrize("content", ["", "\n\n", "[]"])
def test_reading_nothing_is_never_a_silent_success(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    proc = run_script("export", str(path))
    stderr = proc.stderr.decode()
    assert proc.returncode == 1
    assert "0 read, 0 written, 0 skipped" in stderr and "nothing was read" in stderr
    quiet = run_script("export", str(path), "-q")
    assert quiet.returncode == 1 and "nothing was read" in quiet.stderr.decode()


def test_options_the_format_does_not_use_are_warned_about_once(listing):
    proc = run_script("export", str(listing), "-f", "csl-json", "--style", "apa", "--ascii", "--excerpts",
                      "--max-pages", "3", "--posts", "--no-sitemap", "--delay", "1")
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.decode().splitlines() if line.startswith("blogbib: warning: ")]
    assert warnings == [
        "blogbib: warning: --style applies to text, html and markdown, not csl-json: ignored",
        "blogbib: warning: --ascii applies to bibtex and biblatex, not csl-json: ignored",
        "blogbib: warning: --excerpts applies only with --group-by (a reading-list document): ignored",
        "blogbib: warning: --max-pages applies to URL inputs: ignored",
        "blogbib: warning: --sitemap applies to URL inputs: ignored",
        "blogbib: warning: --posts applies to URL inputs: ignored",
        "blogbib: warning: --delay applies to URL inputs: ignored",
    ]
    quiet = run_script("export", str(listing), "-f", "csl-json", "--style", "apa", "-q")
    assert quiet.returncode == 0 and quiet.stderr == b""


# ------------------------------------------------------------------ Ctrl-C


def _blocked_reading(pid: int) -> bool:
    """Whether the process waits in a read of a pipe (its kernel wait channel says so)."""
    try:
        return "pipe" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False


def test_ctrl_c_exits_130_and_leaves_no_file(tmp_path, listing):
    out = tmp_path / "out.bib"
    proc = subprocess.Popen([*console_script(), "export", "-", str(listing), "-o", str(out)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(b"A post\n")  # and then nothing: blogbib waits on standard input
    proc.stdin.flush()
    deadline = time.monotonic() + WATCHDOG
    while not _blocked_reading(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=WATCHDOG)
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr and b"interrupted" in stderr
    assert list(tmp_path.iterdir()) == [listing]


def test_ctrl_c_while_writing_leaves_the_earlier_file_and_no_temporary_one(listing, tmp_path, monkeypatch):
    out = tmp_path / "out.bib"
    out.write_text("@misc{earlier,}\n", encoding="utf-8")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = CliRunner().invoke(main, ["export", str(listing), "-q", "-o", str(out)])
    assert result.exit_code == 130
    assert out.read_text(encoding="utf-8") == "@misc{earlier,}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["offconvex.txt", "out.bib"]


# ------------------------------------------------------------------ stdin on a terminal


def test_a_note_when_standard_input_is_a_terminal(listing):
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([*console_script(), "export", "-f", "ris"], stdin=slave, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        os.write(master, b"\x04")  # Ctrl-D: the end of what was typed
        _, stderr = proc.communicate(timeout=WATCHDOG)
    finally:
        os.close(master)
        os.close(slave)
    assert "reading standard input" in stderr.decode()
    piped = run_script("export", "-f", "ris", stdin=listing.read_bytes())
    assert "reading standard input" not in piped.stderr.decode()


# ------------------------------------------------------------------ progress


def _run_slowly(args: list[str], listing: Path, stderr_on_terminal: bool) -> bytes:
    """Run with the listing arriving on stdin over two seconds; return what reached stderr."""
    data = listing.read_bytes()
    return stderr_of(args, terminal=stderr_on_terminal, stdin=(data[: len(data) // 2], data[len(data) // 2:]),
                     pause=2.0, watchdog=WATCHDOG)  # the work now takes more than a second


def test_progress_is_shown_on_a_terminal_when_work_takes_long(listing):
    stderr = _run_slowly(["export", "-", "-o", os.devnull], listing, stderr_on_terminal=True)
    assert b"blogbib: entries read" in stderr
    assert b"]  51\x1b" in stderr  # the final count


def test_no_progress_in_a_pipe_or_with_quiet(listing):
    assert b"entries read" not in _run_slowly(["export", "-", "-o", os.devnull], listing, stderr_on_terminal=False)
    assert b"entries read" not in _run_slowly(["export", "-", "-q", "-o", os.devnull], listing,
                                              stderr_on_terminal=True)


# ------------------------------------------------------------------ cite: clusters


def test_cite_prints_one_cluster_per_pandoc_citation_or_key_list(listing):
    pytest.importorskip("blogbib.render.csl", reason="citation clusters need the CSL engine of blogbib.render.csl")
    keys = ["razin2022implicit", "arora2022predicting"]
    bracket = run_script("cite", str(listing), "-q", "--style", "apa", "[@razin2022implicit; @arora2022predicting]")
    by_key = run_script("cite", str(listing), "-q", "--style", "apa", "--key", keys[0], "--key", keys[1])
    assert bracket.returncode == 0 and by_key.returncode == 0, bracket.stderr + by_key.stderr
    assert bracket.stdout == by_key.stdout
    (cluster,) = bracket.stdout.decode().splitlines()
    assert cluster.startswith("(") and "Razin" in cluster and "Arora" in cluster and cluster.count("(") == 1
    notes = run_script("cite", str(listing), "-q", "--style", "oscola", "[@razin2022implicit]", "[@razin2022implicit]",
                       "[@arora2022predicting; @razin2022implicit]")
    first, second, third = notes.stdout.decode().splitlines()
    assert first.startswith("Noam Razin, ") and second == "Ibid."  # the same item again: ibid
    assert third.startswith("Sanjeev Arora and Yi Zhang, ") and third.endswith("; Razin (1).")  # a back reference


def test_cite_names_every_key_it_cannot_find(listing):
    proc = run_script("cite", str(listing), "-q", "[@nope2020; @razin2022implicit; @gone1999]")
    assert proc.returncode == 1
    assert proc.stderr.decode() == "blogbib: no entry has the keys nope2020, gone1999 (`blogbib list` shows the keys)\n"


def test_list_and_cite_take_the_same_input_options_as_export(listing):
    for command in ("export", "list", "cite"):
        proc = run_script(command, str(listing), "-q", "--key-format", "{Auth}_{year}", "--strict",
                          "--blog-title", "Off the Convex Path", "--timezone", "UTC", "--author", "Razin")
        assert proc.returncode == 0, (command, proc.stderr)
    listed = run_script("list", str(listing), "-q", "--key-format", "{Auth}_{year}", "--author", "Razin", "-w", "200")
    assert "Razin_2022" in listed.stdout.decode()


def test_a_style_without_a_bibliography_points_to_cite(listing):
    proc = run_script("export", str(listing), "-f", "text", "--style", "agora")
    assert proc.returncode == 2
    assert "style 'agora' has no bibliography, only citations: `blogbib cite` prints them" in proc.stderr.decode()
    assert "cite()" not in proc.stderr.decode()


def test_a_formatted_bibliography_without_blog_names_is_warned_about(listing):
    proc = run_script("export", str(listing), "-f", "text", "--style", "apa")
    assert proc.returncode == 0
    assert "blogbib: warning: 51 of 51 entries have no blog name (--blog-title gives it)" in proc.stderr.decode()
    named = run_script("export", str(listing), "-f", "text", "--style", "apa", "--blog-title", "Off the Convex Path")
    assert "no blog name" not in named.stderr.decode()
