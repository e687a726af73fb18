"""Where an export's time goes: CPU seconds per pipeline stage, in one process.

    python bench/stages.py bench/.work/synthetic-100000.txt bibtex [--profile read|keys|write]

Stages: import, read (the listing reader builds References), keys (assign_keys, as an export keys what it read),
write (the format writer returns the text).  ``--profile STAGE`` prints that
stage's cProfile table (its times are inflated by profiling; use them to rank,
not to judge).  The judge is bench/run.py, which times whole processes.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("listing")
    parser.add_argument("format")
    parser.add_argument("--profile", choices=("read", "keys", "write"))
    parser.add_argument("--rows", type=int, default=30)
    args = parser.parse_args()

    gc.disable()  # as the blogbib program does (blogbib.cli)
    clock = time.process_time
    started = clock()
    from blogbib.errors import Diagnostics
    from blogbib.formats import WriteOptions, get, listing
    from blogbib.keys import assign_keys

    times = {"import": clock() - started}
    with open(args.listing, encoding="utf-8") as handle:
        text = handle.read()
    diag = Diagnostics()
    stages = {
        "read": lambda: listing.read(text, source=args.listing, diag=diag),
        "keys": lambda: assign_keys(value),
        "write": lambda: get(args.format).write(value, WriteOptions()),
    }
    value = None
    for name, stage in stages.items():
        started = clock()
        if name == args.profile:
            profiler = cProfile.Profile()
            value = profiler.runcall(stage)
            times[name] = clock() - started
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(args.rows)
        else:
            value = stage()
            times[name] = clock() - started
    total = sum(times.values())
    print("  ".join(f"{name} {seconds:.2f}s" for name, seconds in times.items()) + f"  total {total:.2f}s")


if __name__ == "__main__":
    main()
