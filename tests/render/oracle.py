"""Compare blogbib's formatted output with citeproc-js's: the seven-style oracle (tests/data/oracle)
and the wide one (tests/data/oracle-wide, 120 styles, each in its own locale).

Every remaining difference is listed, with its reason, in a known-differences file that both
tests check both ways (:func:`ratchet`).  Also runnable as a script, to print every difference:
``PYTHONPATH=src python tests/render/oracle.py [--wide] [style ...]``.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

HERE = Path(__file__).resolve().parent
try:
    from ..conftest import ORACLE, ORACLE_WIDE
except ImportError:  # run as a script
    sys.path.insert(0, str(HERE.parent.parent))
    from tests.conftest import ORACLE, ORACLE_WIDE

STYLES = ("apa", "chicago-author-date", "harvard-cite-them-right", "ieee", "modern-language-association",
          "nature", "nlm-citation-sequence")
ITEM_SETS = ("offconvex", "edge")
MODES = ("bibliography", "citations")
FORMATS = ("text", "html")
KNOWN = HERE / "known_differences.json"
WIDE_KNOWN = HERE / "wide_oracle_known_differences.json"
_ENTRY_DIV = re.compile(r'^<div class="csl-entry">(.*)</div>$', re.S)


@dataclass(frozen=True)
class Oracle:
    """One folder of citeproc-js output and how to compare with it."""
    root: Path
    styles: tuple[str, ...]
    item_sets: tuple[str, ...]
    known: Path
    locales: Mapping[str, str] = field(default_factory=dict)   # style → the locale it ran in
    strip_entry_div: bool = False                              # compare HTML entries without their csl-entry div


SEVEN = Oracle(ORACLE, STYLES, ITEM_SETS, KNOWN)


@functools.cache
def wide() -> Oracle:
    styles = json.loads((ORACLE_WIDE / "styles.json").read_text(encoding="utf-8"))
    return Oracle(ORACLE_WIDE, tuple(s["style"] for s in styles), ("offconvex", "edge", "mixed"), WIDE_KNOWN,
                  locales={s["style"]: s["locale"] for s in styles}, strip_entry_div=True)


def normalise(text: str, strip_entry_div: bool = False) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if strip_entry_div:
        match = _ENTRY_DIV.match(text)
        text = match[1].strip() if match else text
    return text


@functools.cache
def _items(root: Path, item_set: str) -> tuple:
    return tuple(json.loads((root / "items" / f"{item_set}.json").read_text(encoding="utf-8")))


@functools.cache
def load_refs(item_set: str, root: Path = ORACLE) -> tuple:
    from blogbib.formats.csl_json import from_csl

    return tuple(from_csl(item) for item in _items(root, item_set))


def expected(style: str, item_set: str, mode: str, fmt: str, root: Path = ORACLE) -> list[dict]:
    path = root / style / f"{item_set}.{mode}.{fmt}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def compare(style: str, item_set: str, mode: str, fmt: str, oracle: Oracle = SEVEN) -> tuple[int, list[dict]]:
    """(entries compared, differences) for one oracle file."""
    from blogbib import BlogbibError
    from blogbib.render import bibliography_entries, cite

    refs = load_refs(item_set, oracle.root)
    theirs = expected(style, item_set, mode, fmt, oracle.root)
    locale = oracle.locales.get(style)
    strip = oracle.strip_entry_div and fmt == "html"
    diffs = []

    def differ(item_id: str, ours: str, want: str) -> None:
        diffs.append({"id": item_id, "style": style, "items": item_set, "mode": mode, "format": fmt,
                      "ours": ours, "theirs": want})

    if mode == "bibliography":
        if theirs == [{"error": "no-bibliography"}]:  # a note style without cs:bibliography
            try:
                ours = bibliography_entries(refs, style, fmt, locale)
            except BlogbibError:
                return 0, []
            differ("(no bibliography)", f"{len(ours)} entries", "no bibliography")
            return 1, diffs
        ours = bibliography_entries(refs, style, fmt, locale)
        for i, want in enumerate(theirs):
            got_id, got = ours[i] if i < len(ours) else (None, "")
            if got_id != want["id"] or normalise(got, strip) != normalise(want["entry"], strip):
                differ(want["id"], normalise(got, strip) if got_id == want["id"] else f"[{got_id}] {normalise(got)}",
                       normalise(want["entry"], strip))
    else:
        ours = cite(refs, style, fmt, locale)
        ids = [r.id for r in refs]
        for want in theirs:
            got = ours[ids.index(want["id"])]
            if normalise(got) != normalise(want["citation"]):
                differ(want["id"], normalise(got), normalise(want["citation"]))
    return len(theirs), diffs


def run_style(style: str, oracle: Oracle = SEVEN) -> tuple[dict, list[dict]]:
    """{(style, mode, format): (compared, different)} and the differences, over every item set."""
    table = {}
    all_diffs: list[dict] = []
    for mode in MODES:
        for fmt in FORMATS:
            total = bad = 0
            for item_set in oracle.item_sets:
                n, diffs = compare(style, item_set, mode, fmt, oracle)
                total += n
                bad += len(diffs)
                all_diffs += diffs
            table[(style, mode, fmt)] = (total, bad)
    return table, all_diffs


def run(styles=STYLES, oracle: Oracle = SEVEN):
    table: dict = {}
    all_diffs: list[dict] = []
    for style in styles:
        t, d = run_style(style, oracle)
        table.update(t)
        all_diffs += d
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


# ------------------------------------------------------------------ the known-differences ratchet

def key(d: dict) -> tuple:
    return (d["style"], d["items"], d["mode"], d["format"], d["id"])


def load_known(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def ratchet(diffs: list[dict], known: list[dict]) -> list[str]:
    """What is wrong with a known-differences list, given the differences found (empty: nothing).

    A difference not listed is new; a listed one not found went away; a listed one whose output
    changed must be looked at again; every listed one needs a reason."""
    problems = []
    unexplained = [k for k in known if not k.get("reason")]
    if unexplained:
        problems.append("known differences without a reason:\n" + _dump(unexplained))
    found = {key(d): d for d in diffs}
    listed = {key(d): d for d in known}
    new = [found[k] for k in found.keys() - listed.keys()]
    gone = [listed[k] for k in listed.keys() - found.keys()]
    changed = [{**listed[k], "ours now": found[k]["ours"]} for k in found.keys() & listed.keys()
               if found[k]["ours"] != listed[k]["ours"]]
    if new:
        problems.append("new differences from citeproc-js:\n" + _dump(new))
    if gone:
        problems.append("listed differences that went away (remove them from the list):\n" + _dump(gone))
    if changed:
        problems.append("a known difference changed (look again, then update its entry):\n" + _dump(changed))
    return problems


def _dump(entries: list[dict], limit: int = 20) -> str:
    shown = json.dumps(sorted(entries, key=key)[:limit], ensure_ascii=False, indent=1)
    return shown + (f"\n… and {len(entries) - limit} more" if len(entries) > limit else "")


if __name__ == "__main__":
    args = sys.argv[1:]
    chosen = wide() if "--wide" in args else SEVEN
    styles = [a for a in args if a != "--wide"] or chosen.styles
    table, diffs = run(styles, chosen)
    for d in diffs:
        print(f"--- {d['style']} {d['items']} {d['mode']} {d['format']} {d['id']}")
        print(f"  ours:   {d['ours']}\n  theirs: {d['theirs']}")
    print(report(table))
