"""The installed console script run with its stderr on a pseudo-terminal or in a pipe (progress bars)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from typing import Sequence

from .test_errors_and_accounting import console_script


def stderr_of(args: Sequence[str], *, terminal: bool, stdin: Sequence[bytes] = (), pause: float = 0.0,
              watchdog: float = 120.0) -> bytes:
    """Run ``blogbib ARGS`` (it must succeed) and return what reached its stderr.

    ``stdin``, when given, is written in those pieces with ``pause`` seconds between them, so
    that the work takes long enough for a progress bar to appear.
    """
    import pty

    master, slave = pty.openpty() if terminal else (None, None)
    proc = subprocess.Popen([*console_script(), *args], stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave if terminal else subprocess.PIPE)
    received: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096) if terminal else proc.stderr.read(4096)  # type: ignore[arg-type, union-attr]
            except OSError:  # the terminal closed
                return
            if not data:
                return
            received.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    for n, piece in enumerate(stdin):
        if n:
            time.sleep(pause)
        proc.stdin.write(piece)  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
    if stdin:
        proc.stdin.close()  # type: ignore[union-attr]
    assert proc.wait(watchdog) == 0
    if terminal:
        os.close(slave)  # type: ignore[arg-type]
    reader.join(watchdog)
    if terminal:
        os.close(master)  # type: ignore[arg-type]
    return b"".join(received)
