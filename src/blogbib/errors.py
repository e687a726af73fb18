"""One root exception, and the collector that readers report problems to.

Every message names its source and line (``offconvex.txt:34: no date in …``).
Third-party errors are translated into these at the module that calls the
library, so a user never sees a traceback for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

__all__ = ["BlogbibError", "InputError", "Problem", "Reported", "Diagnostics", "ReadStats"]


class BlogbibError(Exception):
    """Root of every error blogbib raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: an ``error`` skips an entry, a ``warning`` does not, a
    ``conflict`` is two sources disagreeing about a post (both values are kept, one in a note)."""

    source: str
    line: int | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {prefix}{self.message}"


class InputError(BlogbibError):
    """Bad input: carries the problems found, each naming file and line."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("<input>", None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ReadStats:
    """Counts kept while reading: entries read, skipped, merged into another entry for the same post,
    and the values on which merged sources disagreed (conflicts)."""

    __slots__ = ("read", "skipped", "merged", "conflicts")

    def __init__(self, read: int = 0, skipped: int = 0, merged: int = 0, conflicts: int = 0) -> None:
        self.read, self.skipped, self.merged, self.conflicts = read, skipped, merged, conflicts

    def _counts(self) -> tuple[int, int, int, int]:
        return (self.read, self.skipped, self.merged, self.conflicts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReadStats):
            return NotImplemented
        return self._counts() == other._counts()

    def __repr__(self) -> str:
        return (f"ReadStats(read={self.read}, skipped={self.skipped}, merged={self.merged}, "
                f"conflicts={self.conflicts})")


class Reported:
    """What holds the problems of a run (the collector, and the records of export, update and kit):
    its errors and warnings are views of them."""

    __slots__ = ()
    problems: Sequence[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class Diagnostics(Reported):
    """Collects problems while reading.

    In strict mode the first error raises :class:`InputError`; otherwise the
    reader skips the bad entry and goes on, and the caller reports the list.
    Every entry a reader sees is counted as read, then either kept or skipped,
    so ``read == kept + skipped`` can be checked.
    """

    __slots__ = ("strict", "problems", "stats")

    def __init__(self, strict: bool = False, problems: list[Problem] | None = None,
                 stats: ReadStats | None = None) -> None:
        self.strict = strict
        self.problems: list[Problem] = problems if problems is not None else []
        self.stats = stats if stats is not None else ReadStats()

    def __repr__(self) -> str:
        return f"Diagnostics(strict={self.strict}, problems={self.problems!r}, stats={self.stats!r})"

    def error(self, source: str, line: int | None, message: str, *, skipped: bool = True) -> None:
        problem = Problem(source, line, message, "error")
        self.problems.append(problem)
        if skipped:
            self.stats.skipped += 1
        if self.strict:
            raise InputError(problem)

    def warn(self, source: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(source, line, message, "warning"))

    def conflict(self, source: str, line: int | None, message: str) -> None:
        """Two sources disagree about a post: counted, and fatal in strict mode."""
        problem = Problem(source, line, message, "conflict")
        self.problems.append(problem)
        self.stats.conflicts += 1
        if self.strict:
            raise InputError(problem)
