"""Writing output files: atomically, and never over one of the inputs.

Shared by the CLI (``-o FILE``) and :meth:`blogbib.ReadingList.save`, so a
crash, a full disk or Ctrl-C never leaves a half-written bibliography behind:
the text goes to a temporary file in the target's folder, which then replaces
the target in one step (``os.replace``).  What is not a regular file (a FIFO,
a terminal, ``/dev/null``, ``/dev/stdout``) is written in place instead, as a
stream: replacing it would put a file where the device or pipe was.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> pathlib.Path(write_atomic(folder / "out.bib", "@misc{a,}\\n")).read_text()
'@misc{a,}\\n'

Only ``os`` is imported (no pathlib or tempfile): ``-o`` is on the path of
every ``blogbib export``, whose start-up is measured (bench/RESULTS.md).
"""

from __future__ import annotations

import os
import stat
from typing import Iterable

from .errors import BlogbibError

__all__ = ["write_atomic", "refuse_inputs"]

_SLICE = 1 << 20
# Files in these trees belong to the system (devices, /proc/self/fd/N): written in place, never replaced.
_SYSTEM_TREES = ("/dev/", "/proc/")


def refuse_inputs(target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise :class:`BlogbibError` if ``target`` is the same file as one of ``inputs``.

    ``-`` (standard input) and inputs that do not exist are ignored.
    """
    if not os.path.exists(target):
        return
    for spec in inputs:
        if str(spec) != "-" and os.path.exists(spec) and os.path.samefile(spec, target):
            raise BlogbibError(f"{os.fspath(target)}: refusing to overwrite an input file")


def _mode(path: str) -> int:
    """The existing file's permissions, else what a plain ``open`` would give."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_protected(info: os.stat_result) -> bool:
    """The file's permission bits deny its writer: the owner, group or others bit that applies to this user.

    The bits, not ``os.access``: a user running as root is still told that a read-only file is read-only.
    """
    if info.st_uid == os.geteuid():
        return not info.st_mode & stat.S_IWUSR
    if info.st_gid in {os.getegid(), *os.getgroups()}:
        return not info.st_mode & stat.S_IWGRP
    return not info.st_mode & stat.S_IWOTH


def _write_stream(target: str | os.PathLike[str], text: str) -> None:
    """Write into what is already there (a pipe, a device): in slices, as the reader takes them."""
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            for start in range(0, len(text), _SLICE):
                handle.write(text[start : start + _SLICE])
    except OSError as exc:
        raise BlogbibError(f"{os.fspath(target)}: cannot write: {exc.strerror or exc}") from None


def _temporary(folder: str) -> tuple[int, str]:
    """A new, private file in ``folder`` (created exclusively, so never someone else's): (descriptor, path)."""
    for _ in range(100):
        path = os.path.join(folder, f".blogbib-{os.getpid()}-{os.urandom(4).hex()}.tmp")
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def write_atomic(
    target: str | os.PathLike[str], text: str, *, inputs: Iterable[str | os.PathLike[str]] = (),
    force: bool = False,
) -> str:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``target`` atomically; return the path written.

    The folder must exist.  ``inputs`` are files that must not be overwritten.
    An OS error (no such folder, no permission) is a :class:`BlogbibError`
    naming the file.  The target is resolved through symbolic links, so a link
    to an input is refused and a link elsewhere is written through, not replaced.
    A regular file keeps its permissions; a write-protected one is refused
    unless ``force``.  A FIFO, a character device or anything under ``/dev``
    or ``/proc`` is written in place.
    """
    try:
        info: os.stat_result | None = os.stat(target)
    except OSError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise BlogbibError(f"{os.fspath(target)}: is a directory, not a file")
    given = os.path.abspath(target)
    path = os.path.realpath(target)
    if (info is not None and not stat.S_ISREG(info.st_mode)) or any(
            p.startswith(_SYSTEM_TREES) for p in (given, path)):
        _write_stream(target, text)
        return given
    refuse_inputs(path, inputs)
    if info is not None and not force and _write_protected(info):
        raise BlogbibError(f"{os.fspath(target)}: the file is write-protected; "
                           "not replaced (--force, or force=True, replaces it)")
    try:
        fd, tmp = _temporary(os.path.dirname(path))
    except OSError as exc:
        raise BlogbibError(f"{os.fspath(target)}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for start in range(0, len(text), _SLICE):  # in slices: no second, encoded copy of a big text
                handle.write(text[start : start + _SLICE])
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(path))  # the temporary file was made private (0600)
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise BlogbibError(
                f"{os.fspath(target)}: cannot write: {exc.strerror or exc}; the file was not changed") from None
        raise
    return path
