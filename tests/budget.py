"""Time budgets for tests of hostile input: a slow (backtracking or quadratic) path fails, never hangs."""

from __future__ import annotations

import signal
from contextlib import contextmanager

MB = 1 << 20


@contextmanager
def alarm(seconds: float, what: str):
    """Raise TimeoutError in the block if it runs longer than ``seconds``."""

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
