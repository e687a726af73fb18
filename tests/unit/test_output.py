"""The shared atomic writer used by ``-o FILE`` and ReadingList.save."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from blogbib import BlogbibError
from blogbib.output import write_atomic


def test_writes_utf8_with_unix_newlines(tmp_path):
    path = Path(write_atomic(tmp_path / "x.txt", "é\nline\n"))
    assert path.read_bytes() == "é\nline\n".encode("utf-8")


def test_new_file_gets_normal_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        path = Path(write_atomic(tmp_path / "x.txt", "x"))
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600


def test_refuses_to_overwrite_an_input(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("precious")
    with pytest.raises(BlogbibError, match="refusing to overwrite an input"):
        write_atomic(source, "new", inputs=["-", str(tmp_path / "missing"), str(source)])
    assert source.read_text() == "precious"


def test_failure_leaves_target_and_folder_clean(tmp_path, monkeypatch):
    target = tmp_path / "x.txt"
    target.write_text("old")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(BlogbibError, match="x.txt: cannot write: No space left on device"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(BlogbibError, match="cannot write"):
        write_atomic(tmp_path / "nope" / "x.txt", "x")
