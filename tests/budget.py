"""Catching slow paths on hostile input without a clock budget: growth with input size, and a watchdog for hangs.

:func:`growth` times a function on n and 8n characters of the same text,
relative to each other, and gives the exponent k in time ~ n**k: about 1 for
linear work, 2 for a quadratic loop, more for a backtracking regex.  A load on
the machine slows both sizes alike, so the exponent holds where an absolute
limit would not, and process time leaves out the waits.  What a load does
change is how much of the memory caches a process keeps: a text that fits
them at n and not at 8n makes linear work look superlinear.  So the sizes
callers pass are kept small (tens of kilobytes), where a quadratic loop or a
backtracking pattern already shows plainly, and a function too quick to time
at that size is looped.  :func:`alarm` is only a watchdog: generous, it stops
a run that would otherwise hang the suite.
"""

from __future__ import annotations

import gc
import math
import signal
import time
from contextlib import contextmanager
from typing import Any, Callable

MB = 1 << 20
#: Between linear (1) and quadratic (2): a slow path grows faster than this.
MAX_EXPONENT = 1.5
_FACTOR = 8  # the larger text is this many times the smaller
#: Enough CPU time per timing that the clock's resolution and one interruption are small beside it.
_MIN_TIMED = 0.005
_MAX_LOOPS = 256  # at most this many calls per timing


@contextmanager
def alarm(seconds: float, what: str):
    """Raise TimeoutError in the block if it runs longer than ``seconds`` (a watchdog: keep it generous)."""

    def fire(signum, frame):
        raise TimeoutError(f"{what} took more than {seconds:.0f} s: backtracking or a quadratic loop?")

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def fill(unit: str, size: int = MB) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def growth(function: Callable[[str], Any], text: Callable[[int], str], size: int, repeats: int = 3) -> float:
    """The exponent k in time ~ n**k, from CPU time on ``text(size)`` and ``text(8 * size)``.

    Each size is timed ``repeats`` times, interleaved, and the best kept; each
    run gets a fresh string (a number in front), so no cache answers it; a
    function too quick to time at ``size`` runs in a loop, the same count at
    both sizes.  An exponent above :data:`MAX_EXPONENT` is measured once more
    (a slow path is slow both times, a disturbance rarely is), the smaller kept.
    """
    exponent = _growth(function, text, size, repeats)
    return exponent if exponent < MAX_EXPONENT else min(exponent, _growth(function, text, size, repeats))


def _growth(function: Callable[[str], Any], text: Callable[[int], str], size: int, repeats: int) -> float:
    def timed(n: int, run: int, loops: int) -> float:
        texts = [f"{run}.{i} " + text(n) for i in range(loops)]
        start = time.process_time()
        for t in texts:
            function(t)
        return time.process_time() - start

    enabled = gc.isenabled()
    gc.disable()
    try:
        loops = 1
        while timed(size, 0, loops) < _MIN_TIMED and loops < _MAX_LOOPS:
            loops *= 4
        best = [float("inf"), float("inf")]
        for run in range(1, repeats + 1):
            best[0] = min(best[0], timed(size, run, loops))
            best[1] = min(best[1], timed(_FACTOR * size, run, loops))
    finally:
        if enabled:
            gc.enable()
    return math.log(max(best[1], 1e-9) / max(best[0], 1e-9)) / math.log(_FACTOR)
