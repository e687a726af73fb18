"""Time blogbib's CSL rendering against pandoc's citeproc on synthetic blog posts.

    PYTHONPATH=src python bench/render_timing.py [N ...] [--style apa] [--pandoc]

Deterministic items (seeded): many authors sharing surnames and years, so
sorting and year-suffix disambiguation do real work.  Prints seconds for the
bibliography, the citations, and (with --pandoc) pandoc on the same CSL-JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GIVEN = ["Sanjeev", "Noam", "Nadav", "Elad", "Rong", "Tengyu", "Yi", "Wei", "Anima", "Moritz", "Zoë", "José",
         "Ludwig", "Martin Luther", "Jean", "Hrishikesh", "Ana María", "Björn", "Çağrı", "Nguyễn"]
FAMILY = [("Arora", None), ("Razin", None), ("Cohen", None), ("Hazan", None), ("Ge", None), ("Ma", None),
          ("Zhang", None), ("Hu", None), ("Beethoven", "van"), ("Fontaine", "de la"), ("Müller-Lüdenscheidt", None),
          ("Çelik", None), ("Gogh", "van"), ("Risteski", None), ("Vishnoi", None), ("Khodak", None)]
WORDS = ("implicit regularization in deep networks gradient descent on non-convex landscapes a view from the "
         "convex path with tensor methods and sampling beyond log-concavity for GANs").split()


def items(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        authors = []
        for _ in range(rnd.choice([1, 1, 1, 2, 2, 3, 4, 8])):
            family, particle = rnd.choice(FAMILY)
            name = {"family": family, "given": rnd.choice(GIVEN)}
            if particle:
                name["non-dropping-particle" if particle == "van" else "dropping-particle"] = particle
            if rnd.random() < 0.03:
                name["suffix"] = "Jr."
            authors.append(name)
        if rnd.random() < 0.02:
            authors = [{"literal": "Google Research"}]
        title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 10))).capitalize()
        item = {"id": f"post{i}", "type": "post-weblog", "title": title, "container-title": "Off the Convex Path",
                "author": authors, "issued": {"date-parts": [[rnd.randint(2010, 2024), rnd.randint(1, 12),
                                                              rnd.randint(1, 28)]]},
                "URL": f"https://example.org/{i}/"}
        out.append(item)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--style", default="apa")
    parser.add_argument("--pandoc", action="store_true")
    args = parser.parse_args()
    from blogbib.formats.csl_json import from_csl
    from blogbib.render import bibliography_entries, cite
    from blogbib.render.styles import resolve_style

    for n in args.sizes:
        data = items(n)
        refs = [from_csl(d) for d in data]
        clock = time.process_time  # CPU seconds: the machine is shared, wall time is noisy
        t0 = clock()
        bibliography_entries(refs[:2], args.style)  # parse the style once, as a warm process would
        t1 = clock()
        w1 = time.perf_counter()
        entries = bibliography_entries(refs, args.style)
        t2 = clock()
        w2 = time.perf_counter()
        cites = cite(refs, args.style)
        t3 = clock()
        print(f"{args.style} n={n}: style load {t1 - t0:.2f}s  bibliography {t2 - t1:.2f}s CPU "
              f"({1000 * (t2 - t1) / n:.2f} ms/entry; wall {w2 - w1:.2f}s)  citations {t3 - t2:.2f}s CPU  "
              f"[{len(entries)} / {len(cites)}]")
        if args.pandoc and shutil.which("pandoc"):
            with tempfile.TemporaryDirectory() as tmp:
                bib = Path(tmp) / "items.json"
                bib.write_text(json.dumps(data), encoding="utf-8")
                doc = Path(tmp) / "doc.md"
                doc.write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t4 = time.perf_counter()
                subprocess.run(["pandoc", str(doc), "--citeproc", "--bibliography", str(bib), "--csl",
                                resolve_style(args.style).path, "-t", "plain", "-o", str(Path(tmp) / "out.txt")],
                               check=True)
                t5 = time.perf_counter()
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
                print(f"pandoc citeproc n={n}: {cpu:.2f}s CPU ({1000 * cpu / n:.2f} ms/entry; wall {t5 - t4:.2f}s), "
                      "whole process")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
