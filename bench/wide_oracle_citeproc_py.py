"""Agreement of plain citeproc-py (without blogbib's engine) with citeproc-js over the wide oracle.

    PYTHONPATH=src python bench/wide_oracle_citeproc_py.py

The baseline beside which docs/csl-oracle.md gives blogbib's agreement: the same 120 styles, locales
and item sets as tests/render/test_wide_oracle.py, HTML only (citeproc-py's HTML, its entities
rewritten as citeproc-js writes them, by tests/render/suite/plain_citeproc.py); items go to
citeproc-py's own CSL-JSON reader unchanged, one citation per item.  A style or item set on which
citeproc-py raises counts every entry of it as a difference.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.render.oracle import normalise  # noqa: E402
from tests.render.suite.plain_citeproc import Citation, CiteItem, Processor  # noqa: E402

WIDE = ROOT / "tests" / "data" / "oracle-wide"


def main() -> None:
    from blogbib.render.styles import resolve_style

    styles = json.loads((WIDE / "styles.json").read_text(encoding="utf-8"))
    totals = {"bibliography": [0, 0], "citations": [0, 0]}
    raised = 0
    for entry in styles:
        name, locale = entry["style"], entry["locale"]
        xml = Path(resolve_style(name).path).read_text(encoding="utf-8")
        for item_set in ("offconvex", "edge", "mixed"):
            items = json.loads((WIDE / "items" / f"{item_set}.json").read_text(encoding="utf-8"))
            for mode in ("bibliography", "citations"):
                theirs = [json.loads(line) for line in
                          (WIDE / name / f"{item_set}.{mode}.html.jsonl").read_text(encoding="utf-8").splitlines()
                          if line.strip()]
                if theirs == [{"error": "no-bibliography"}]:
                    continue
                totals[mode][1] += len(theirs)
                try:
                    processor = Processor(xml, locale)
                    if mode == "bibliography":
                        ours = dict(processor.bibliography(items))
                        good = sum(normalise(ours.get(w["id"], ""), True) == normalise(w["entry"], True)
                                   for w in theirs)
                    else:
                        cites = processor.citations(items, [Citation((CiteItem(i["id"]),)) for i in items])
                        by_id = dict(zip([i["id"] for i in items], cites))
                        good = sum(normalise(by_id.get(w["id"], "")) == normalise(w["citation"]) for w in theirs)
                except Exception:  # citeproc-py raising on a style or an item is a measured outcome here
                    raised += 1
                    good = 0
                totals[mode][0] += good
    for mode, (good, total) in totals.items():
        print(f"{mode:13} html {good:6}/{total:6} = {100 * good / max(total, 1):6.2f}%")
    print(f"style x item set x mode runs on which citeproc-py raised: {raised}")


if __name__ == "__main__":
    main()
