"""Agreement of blogbib's CSL output with citeproc-js over the wide oracle (tests/data/oracle-wide).

    PYTHONPATH=src python bench/wide_oracle.py [--dump FILE] [--diffs] [STYLE ...]

120 styles, each run in the locale that tests/data/oracle-wide/styles.json gives, over three
item sets, bibliography and citations, text and HTML, compared as tests/render/oracle.py does
(whitespace normalised).  Prints agreement per mode and format and the worst styles; --dump
writes every output (text, HTML and Markdown) to a JSON file, so two checkouts can be compared
output by output; --diffs prints each difference.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDE = ROOT / "tests" / "data" / "oracle-wide"
ITEM_SETS = ("offconvex", "edge", "mixed")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("styles", nargs="*")
    parser.add_argument("--dump")
    parser.add_argument("--diffs", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from blogbib import BlogbibError
    from blogbib.formats.csl_json import from_csl
    from blogbib.render import bibliography_entries, cite

    styles = json.loads((WIDE / "styles.json").read_text(encoding="utf-8"))
    if args.styles:
        styles = [s for s in styles if s["style"] in args.styles]
    refs = {name: [from_csl(i) for i in json.loads((WIDE / "items" / f"{name}.json").read_text(encoding="utf-8"))]
            for name in ITEM_SETS}
    totals: dict[tuple[str, str], list[int]] = {}
    per_style: dict[str, list[int]] = {}
    dump: dict[str, object] = {}
    for entry in styles:
        style, locale = entry["style"], entry["locale"]
        for name in ITEM_SETS:
            for fmt in ("text", "html", "markdown"):
                try:
                    bib = bibliography_entries(refs[name], style, fmt, locale)
                except BlogbibError as exc:
                    bib = [("error", str(exc))]
                cites = cite(refs[name], style, fmt, locale)
                dump[f"{style}|{name}|bibliography|{fmt}"] = bib
                dump[f"{style}|{name}|citations|{fmt}"] = cites
                if fmt == "markdown":
                    continue
                for mode in ("bibliography", "citations"):
                    path = WIDE / style / f"{name}.{mode}.{fmt}.jsonl"
                    theirs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
                    if theirs and "error" in theirs[0]:
                        continue
                    if mode == "bibliography":
                        ours = {k: v for k, v in bib}
                        order = [k for k, _ in bib]
                        pairs = [(t["id"], t["entry"], ours.get(t["id"], ""),
                                  i < len(order) and order[i] == t["id"]) for i, t in enumerate(theirs)]
                    else:
                        ids = [r.id for r in refs[name]]
                        pairs = [(t["id"], t["citation"], cites[ids.index(t["id"])], True) for t in theirs]
                    cell = totals.setdefault((mode, fmt), [0, 0])
                    mine = per_style.setdefault(style, [0, 0])
                    for key, want, got, in_place in pairs:
                        good = in_place and normalise(want) == normalise(got)
                        cell[0] += good
                        cell[1] += 1
                        mine[0] += good
                        mine[1] += 1
                        if not good and args.diffs:
                            print(f"--- {style} {name} {mode} {fmt} {key}\n  ours:   {normalise(got)}\n"
                                  f"  theirs: {normalise(want)}")
    for (mode, fmt), (good, total) in sorted(totals.items()):
        print(f"{mode:12} {fmt:5} {good:5}/{total:5} = {100 * good / max(total, 1):6.2f}%")
    good = sum(v[0] for v in totals.values())
    total = sum(v[1] for v in totals.values())
    print(f"{'all':18} {good:5}/{total:5} = {100 * good / max(total, 1):6.2f}%")
    worst = sorted(per_style.items(), key=lambda kv: kv[1][0] / max(kv[1][1], 1))[:15]
    print("worst styles: " + ", ".join(f"{s} {100 * g / max(t, 1):.0f}%" for s, (g, t) in worst))
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
