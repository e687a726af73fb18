"""The tables printed at the end of a test run and written to the docs."""

from __future__ import annotations

from collections import Counter
from typing import Iterable


def by_category(outcomes: Iterable) -> dict[str, tuple[int, int]]:
    """category → (passed, total)."""
    passed: Counter = Counter()
    total: Counter = Counter()
    for outcome in outcomes:
        total[outcome.category] += 1
        passed[outcome.category] += bool(outcome.passed)
    return {category: (passed[category], total[category]) for category in sorted(total)}


def category_table(outcomes: Iterable, columns: int = 4) -> list[str]:
    """Pass counts by category, several categories to a line, then the total."""
    table = by_category(outcomes)
    cells = [f"{category:<14}{p:>4}/{t:<4}" for category, (p, t) in table.items()]
    cells[-1] = cells[-1].rstrip() if cells else ""
    lines = ["   ".join(cells[i:i + columns]) for i in range(0, len(cells), columns)]
    passed = sum(p for p, _ in table.values())
    total = sum(t for _, t in table.values())
    lines.append(f"{'(all)':<14}{passed:>4}/{total:<4} = {100 * passed / max(total, 1):.1f}%")
    return lines


def markdown_table(columns: dict[str, dict[str, tuple[int, int]]]) -> list[str]:
    """One row per category, one column per engine: ``passed/total``."""
    names = list(columns)
    categories = sorted({c for table in columns.values() for c in table})
    lines = ["| category | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for category in categories:
        cells = [f"{columns[n][category][0]}/{columns[n][category][1]}" if category in columns[n] else ""
                 for n in names]
        lines.append(f"| `{category}` | " + " | ".join(cells) + " |")
    totals = []
    for n in names:
        passed = sum(p for p, _ in columns[n].values())
        total = sum(t for _, t in columns[n].values())
        totals.append(f"**{passed}/{total}**")
    lines.append("| (all) | " + " | ".join(totals) + " |")
    return lines


def _agreement(table: dict, mode: str) -> tuple[int, int]:
    """(agreeing, compared) over both formats of one mode."""
    total = sum(n for (_, m, _), (n, _) in table.items() if m == mode)
    bad = sum(b for (_, m, _), (_, b) in table.items() if m == mode)
    return total - bad, total


def _pct(agree: int, total: int) -> str:
    return f"{100 * agree / total:5.1f}%" if total else "   — "


def oracle_table(tables: dict[str, tuple[dict, int]], columns: int = 2) -> list[str]:
    """Totals by mode and format, then each style below 100%: bibliography %, citations %, known differences."""
    merged: dict = {}
    for table, _ in tables.values():
        merged.update(table)
    lines = []
    for mode in ("bibliography", "citations"):
        cells = []
        for fmt in ("text", "html"):
            total = sum(n for (_, m, f), (n, _) in merged.items() if (m, f) == (mode, fmt))
            bad = sum(b for (_, m, f), (_, b) in merged.items() if (m, f) == (mode, fmt))
            cells.append(f"{fmt} {total - bad}/{total} = {_pct(total - bad, total).strip()}")
        lines.append(f"{mode:<13}" + "   ".join(cells))
    below = []
    for style, (table, known) in tables.items():
        bib, cite = _agreement(table, "bibliography"), _agreement(table, "citations")
        if bib[0] < bib[1] or cite[0] < cite[1]:
            below.append((bib[0] / max(bib[1], 1) + cite[0] / max(cite[1], 1), style, bib, cite, known))
    below.sort()
    lines.append(f"{len(tables) - len(below)} styles agree everywhere; below 100% (bibliography, citations, known):")
    cells = [f"{style[:40]:<40} {_pct(*bib)} {_pct(*cite)} {known:>4}" for _, style, bib, cite, known in below]
    lines += ["   ".join(cells[i:i + columns]) for i in range(0, len(cells), columns)]
    return lines
