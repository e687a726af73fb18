"""Writing output files: atomically, and never over one of the inputs.

Shared by the CLI (``-o FILE``) and :meth:`blogbib.ReadingList.save`, so a
crash, a full disk or Ctrl-C never leaves a half-written bibliography behind:
the text goes to a temporary file in the target's folder, which then replaces
the target in one step (``os.replace``).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "out.bib", "@misc{a,}\\n").read_text()
'@misc{a,}\\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import BlogbibError

__all__ = ["write_atomic", "refuse_inputs"]

_SLICE = 1 << 20


def refuse_inputs(target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise :class:`BlogbibError` if ``target`` is the same file as one of ``inputs``.

    ``-`` (standard input) and inputs that do not exist are ignored.
    """
    if not os.path.exists(target):
        return
    for spec in inputs:
        if str(spec) != "-" and os.path.exists(spec) and os.path.samefile(spec, target):
            raise BlogbibError(f"{os.fspath(target)}: refusing to overwrite an input file")


def _mode(path: Path) -> int:
    """The existing file's permissions, else what a plain ``open`` would give."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(
    target: str | os.PathLike[str], text: str, *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``target`` atomically; return its path.

    The folder must exist.  ``inputs`` are files that must not be overwritten.
    An OS error (no such folder, no permission) is a :class:`BlogbibError`
    naming the file.  The target is resolved through symbolic links, so a link
    to an input is refused and a link elsewhere is written through, not replaced.
    """
    path = Path(os.path.realpath(target))
    refuse_inputs(path, inputs)
    if path.is_dir():
        raise BlogbibError(f"{os.fspath(target)}: is a directory, not a file")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".blogbib-", dir=path.parent)
    except OSError as exc:
        raise BlogbibError(f"{os.fspath(target)}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for start in range(0, len(text), _SLICE):  # in slices: no second, encoded copy of a big text
                handle.write(text[start : start + _SLICE])
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(path))  # mkstemp makes the file private (0600)
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise BlogbibError(
                f"{os.fspath(target)}: cannot write: {exc.strerror or exc}; the file was not changed") from None
        raise
    return path
