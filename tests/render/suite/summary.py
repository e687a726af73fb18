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
