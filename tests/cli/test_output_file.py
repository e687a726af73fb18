"""``-o FILE``: written atomically, never over one of its own inputs, earlier output kept on failure."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from blogbib.cli import main

ROOT = Path(__file__).resolve().parents[2]
EARLIER = "@misc{earlier,\n  title = {Earlier output},\n}\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def listing(tmp_path, listing_path) -> Path:
    path = tmp_path / "offconvex.txt"
    path.write_bytes(listing_path.read_bytes())
    return path


@pytest.fixture
def earlier(tmp_path) -> Path:
    path = tmp_path / "out.bib"
    path.write_text(EARLIER, encoding="utf-8")
    return path


def leftovers(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if p.name.startswith(".blogbib-")]


def test_output_is_written_and_no_temporary_file_is_left(listing, tmp_path):
    out = tmp_path / "new.bib"
    result = run("export", str(listing), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").count("@misc{") == 51
    assert result.stdout == ""
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_usual_permissions_and_an_old_one_keeps_its_own(listing, tmp_path, earlier):
    old_umask = os.umask(0o022)
    try:
        out = tmp_path / "new.bib"
        assert run("export", str(listing), "-o", str(out)).exit_code == 0
        assert out.stat().st_mode & 0o777 == 0o644  # as open() would make it, not mkstemp's 0600
        earlier.chmod(0o640)
        assert run("export", str(listing), "-o", str(earlier)).exit_code == 0
        assert earlier.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old_umask)


@pytest.mark.parametrize("failing", ["os.replace", "os.fsync", "os.fdopen-write"])
def test_a_failed_write_leaves_the_earlier_file_intact(listing, tmp_path, earlier, monkeypatch, failing):
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if failing == "os.replace":
        monkeypatch.setattr(os, "replace", no_space)
    elif failing == "os.fsync":
        monkeypatch.setattr(os, "fsync", no_space)
    else:
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])  # half of it reaches the disk, then the disk is full
                no_space()

        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))
    result = run("export", str(listing), "-o", str(earlier))
    assert result.exit_code == 1
    assert f"{earlier}: cannot write: No space left on device; the file was not changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert earlier.read_text(encoding="utf-8") == EARLIER
    assert leftovers(tmp_path) == []


def test_a_real_write_failure_in_the_console_script_leaves_the_earlier_file_intact(listing, tmp_path, earlier):
    """The process may write at most 4 kB per file (RLIMIT_FSIZE): the temporary file cannot be completed."""

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    script = Path(sys.executable).with_name("blogbib")
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from blogbib.cli import main; main()"]
    proc = subprocess.run([*command, "export", str(listing), "-o", str(earlier)], capture_output=True,
                          preexec_fn=limit, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    stderr = proc.stderr.decode()
    assert proc.returncode == 1, stderr
    assert "cannot write: File too large; the file was not changed" in stderr
    assert "Traceback" not in stderr
    assert earlier.read_text(encoding="utf-8") == EARLIER
    assert leftovers(tmp_path) == []


def spellings(listing: Path, tmp_path: Path) -> dict[str, str]:
    sub = tmp_path / "sub"
    sub.mkdir(exist_ok=True)
    link = tmp_path / "link.txt"
    link.symlink_to(listing)
    hard = tmp_path / "hard.txt"
    os.link(listing, hard)
    return {
        "same path": str(listing),
        "dot-dot path": str(sub / ".." / listing.name),
        "relative path": os.path.relpath(listing),
        "symlink to the input": str(link),
        "hard link to the input": str(hard),
    }


def test_refuses_to_overwrite_its_own_input_however_it_is_spelled(listing, tmp_path):
    before = listing.read_bytes()
    for name, target in spellings(listing, tmp_path).items():
        result = run("export", str(listing), "-o", target)
        assert result.exit_code == 1, name
        assert "refusing to overwrite an input file" in result.stderr, name
        assert listing.read_bytes() == before, name
    assert leftovers(tmp_path) == []


def test_refuses_when_the_input_is_named_through_a_symlink(listing, tmp_path):
    link = tmp_path / "via-link.txt"
    link.symlink_to(listing)
    before = listing.read_bytes()
    result = run("export", str(link), "-o", str(listing))
    assert result.exit_code == 1 and "refusing to overwrite" in result.stderr
    assert listing.read_bytes() == before


def test_an_output_symlink_is_written_through_not_replaced(listing, tmp_path, earlier):
    link = tmp_path / "current.bib"
    link.symlink_to(earlier)
    assert run("export", str(listing), "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert earlier.read_text(encoding="utf-8").count("@misc{") == 51
