"""CPU seconds of merging two sources of the same N synthetic posts (a listing and its CSL-JSON export).

    python bench/merge_timing.py 20000            # this checkout
    PYTHONPATH=/other/src python bench/merge_timing.py 20000   # another checkout, to compare

Reading is not timed: only :func:`blogbib.merge.merge` over the 2N references, median of 3 runs.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blogbib  # noqa: E402
from blogbib.errors import Diagnostics  # noqa: E402
from blogbib.merge import merge  # noqa: E402
from synth import listing  # noqa: E402


def main(n: int) -> None:
    work = Path(__file__).resolve().parent / ".work"
    work.mkdir(exist_ok=True)
    text, data = work / f"merge-{n}.txt", work / f"merge-{n}.json"
    if not data.exists():
        text.write_text(listing(n, 1), encoding="utf-8")
        data.write_text(blogbib.export([text], "csl-json").text, encoding="utf-8")
    refs, _ = blogbib.read_all([text, data], merge=False)
    times = []
    for _ in range(3):
        diag = Diagnostics()
        start = time.process_time()
        merged = merge(refs, diag)
        times.append(time.process_time() - start)
    print(f"{blogbib.__file__}: {len(refs)} references -> {len(merged)} ({diag.stats.merged} merged): "
          f"median {statistics.median(times):.2f} s CPU")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
