"""Wall time of crawling a generated 200-post blog over a local HTTP server, as a user runs it.

    python bench/crawl_timing.py            # median of 3 runs of each command

The blog is the one tests/sites/test_crawl.py serves (20 index pages of 10 posts, a sitemap index, 200
post pages whose authors only they carry; 10 posts only in the sitemap; one post page answering 500).
Each run is ``blogbib export URL --max-pages 50 -f csl-json`` as a process, without and with ``--posts``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.sites.test_crawl import _blog  # noqa: E402


def main() -> None:
    script = Path(sys.executable).with_name("blogbib")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "blogbib"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with _blog() as (url, handler):
        for extra in ([], ["--posts"]):
            times, items = [], 0
            for _ in range(3):
                start = time.perf_counter()
                proc = subprocess.run([*command, "export", url, "--max-pages", "50", "-f", "csl-json", *extra],
                                      capture_output=True, env=env, timeout=300)
                times.append(time.perf_counter() - start)
                data = json.loads(proc.stdout)
                items = len(data)
                authored = sum(1 for item in data if item.get("author"))
            print(f"export {' '.join(extra) or '(index pages + sitemap)'}: {items} posts, {authored} with authors, "
                  f"exit {proc.returncode}; median {statistics.median(times):.2f} s wall "
                  f"(min {min(times):.2f}), peak {handler.peak} requests at once")


if __name__ == "__main__":
    main()
