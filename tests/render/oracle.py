"""Compare blogbib's formatted output with citeproc-js's (the oracle in tests/data/oracle).

Also runnable as a script, to print every difference:
``PYTHONPATH=src python tests/render/oracle.py [style]``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
try:
    from ..conftest import ORACLE
except ImportError:  # run as a script
    sys.path.insert(0, str(HERE.parent.parent))
    from tests.conftest import ORACLE

STYLES = ("apa", "chicago-author-date", "harvard-cite-them-right", "ieee", "modern-language-association",
          "nature", "nlm-citation-sequence")
ITEM_SETS = ("offconvex", "edge")
MODES = ("bibliography", "citations")
FORMATS = ("text", "html")
KNOWN = HERE / "known_differences.json"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load_refs(item_set: str):
    from blogbib.formats.csl_json import from_csl

    items = json.loads((ORACLE / "items" / f"{item_set}.json").read_text(encoding="utf-8"))
    return [from_csl(item) for item in items]


def expected(style: str, item_set: str, mode: str, fmt: str) -> list[dict]:
    path = ORACLE / style / f"{item_set}.{mode}.{fmt}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def compare(style: str, item_set: str, mode: str, fmt: str) -> tuple[int, list[dict]]:
    """(entries compared, differences) for one oracle file."""
    from blogbib.render import bibliography_entries, cite

    refs = load_refs(item_set)
    theirs = expected(style, item_set, mode, fmt)
    diffs = []
    if mode == "bibliography":
        ours = bibliography_entries(refs, style, fmt)
        for i, want in enumerate(theirs):
            got_id, got = ours[i] if i < len(ours) else (None, "")
            if got_id != want["id"] or normalise(got) != normalise(want["entry"]):
                diffs.append({"id": want["id"], "style": style, "items": item_set, "mode": mode, "format": fmt,
                              "ours": normalise(got) if got_id == want["id"] else f"[{got_id}] {normalise(got)}",
                              "theirs": normalise(want["entry"])})
    else:
        ours = cite(refs, style, fmt)
        ids = [r.id for r in refs]
        for want in theirs:
            got = ours[ids.index(want["id"])]
            if normalise(got) != normalise(want["citation"]):
                diffs.append({"id": want["id"], "style": style, "items": item_set, "mode": mode, "format": fmt,
                              "ours": normalise(got), "theirs": normalise(want["citation"])})
    return len(theirs), diffs


def run(styles=STYLES):
    table = {}
    all_diffs = []
    for style in styles:
        for mode in MODES:
            for fmt in FORMATS:
                total = bad = 0
                for item_set in ITEM_SETS:
                    n, diffs = compare(style, item_set, mode, fmt)
                    total += n
                    bad += len(diffs)
                    all_diffs += diffs
                table[(style, mode, fmt)] = (total, bad)
    return table, all_diffs


def report(table) -> str:
    lines = []
    for mode in MODES:
        for fmt in FORMATS:
            total = sum(v[0] for k, v in table.items() if k[1:] == (mode, fmt))
            bad = sum(v[1] for k, v in table.items() if k[1:] == (mode, fmt))
            lines.append(f"{mode:12} {fmt:5} {total - bad:4}/{total:4} = {100 * (total - bad) / max(total, 1):6.2f}%")
    for (style, mode, fmt), (total, bad) in sorted(table.items()):
        lines.append(f"  {style:28} {mode:12} {fmt:5} {total - bad:3}/{total:3}")
    return "\n".join(lines)


if __name__ == "__main__":
    styles = sys.argv[1:] or STYLES
    table, diffs = run(styles)
    for d in diffs:
        print(f"--- {d['style']} {d['items']} {d['mode']} {d['format']} {d['id']}\n  ours:   {d['ours']}\n  theirs: {d['theirs']}")
    print(report(table))
