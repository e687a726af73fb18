"""Reader of the CSL test suite's human-readable fixture format (tests/data/csl-test-suite).

A fixture is a text file of sections, each between an opening line
``>>===== NAME =====>>`` and a closing line ``<<===== NAME =====<<`` (any
number of ``=``); text outside the sections is ignored.  MODE, RESULT, CSL and
INPUT are required; CITATION-ITEMS, CITATIONS, BIBENTRIES, BIBSECTION, OPTIONS,
ABBREVIATIONS, ... are optional.  JSON sections are decoded, the others are
kept as text (the lines between the markers, joined with ``\\n``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

SUITE = Path(__file__).resolve().parents[2] / "data" / "csl-test-suite"

_OPEN = re.compile(r">>=+\s*([A-Z0-9-]+)\s*=+>>")
_CLOSE = re.compile(r"<<=+\s*([A-Z0-9-]+)\s*=+<<")
REQUIRED = ("MODE", "RESULT", "CSL", "INPUT")
JSON_SECTIONS = frozenset({"INPUT", "INPUT2", "CITATION-ITEMS", "CITATIONS", "BIBENTRIES", "BIBSECTION", "OPTIONS",
                           "ABBREVIATIONS", "LANGPARAMS", "MULTIAFFIX"})


class FixtureError(ValueError):
    """A fixture file that does not follow the format; the message names the file and line."""


@dataclass(frozen=True)
class Fixture:
    name: str
    mode: str                                  # "citation" or "bibliography" (citeproc-js also knows submodes)
    result: str
    csl: str
    input: tuple[Mapping[str, Any], ...]
    citation_items: tuple | None = None       # [[{"id", "locator", ...}, ...], ...]
    citations: tuple | None = None            # [[{"citationID", "citationItems", "properties"}, pre, post], ...]
    sections: Mapping[str, Any] = field(default_factory=dict)  # every section, decoded

    @property
    def category(self) -> str:
        """The name's prefix (``affix``, ``name``, ``sort`` ...), the suite's grouping of fixtures."""
        return self.name.split("_", 1)[0]


def parse_sections(text: str, source: str = "<fixture>") -> dict[str, str]:
    """Section name → its text; raises FixtureError for an unclosed or mismatched section."""
    sections: dict[str, str] = {}
    current: str | None = None
    start = 0
    lines: list[str] = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        opening, closing = _OPEN.search(line), _CLOSE.search(line)
        if opening and not closing:
            if current is not None:
                raise FixtureError(f"{source}:{number}: section {opening[1]} opens inside {current} "
                                   f"(opened on line {start})")
            current, start, lines = opening[1], number, []
        elif closing:
            if current != closing[1]:
                raise FixtureError(f"{source}:{number}: {closing[1]} closes, but the open section is {current}")
            if current in sections:
                raise FixtureError(f"{source}:{number}: a second {current} section")
            sections[current] = "\n".join(lines)
            current = None
        elif current is not None:
            lines.append(line)
    if current is not None:
        raise FixtureError(f"{source}:{start}: section {current} is never closed")
    return sections


def parse_fixture(text: str, name: str, source: str | None = None) -> Fixture:
    source = source or name
    raw = parse_sections(text, source)
    missing = [s for s in REQUIRED if s not in raw]
    if missing:
        raise FixtureError(f"{source}: no {', '.join(missing)} section")
    decoded: dict[str, Any] = {}
    for section, body in raw.items():
        if section in JSON_SECTIONS:
            try:
                decoded[section] = json.loads(body)
            except json.JSONDecodeError as exc:
                raise FixtureError(f"{source}: {section}: invalid JSON at line {exc.lineno} of the section: "
                                   f"{exc.msg}") from None
        else:
            decoded[section] = body
    if not isinstance(decoded["INPUT"], list):
        raise FixtureError(f"{source}: INPUT must be a JSON array of items")
    return Fixture(
        name=name,
        mode=decoded["MODE"].strip(),
        result=decoded["RESULT"],
        csl=decoded["CSL"],
        input=tuple(decoded["INPUT"]),
        citation_items=tuple(decoded["CITATION-ITEMS"]) if "CITATION-ITEMS" in decoded else None,
        citations=tuple(decoded["CITATIONS"]) if "CITATIONS" in decoded else None,
        sections=decoded,
    )


def load(path: Path) -> Fixture:
    return parse_fixture(path.read_text(encoding="utf-8"), path.stem, str(path))


def names(folder: Path = SUITE) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.txt"))


def load_all(folder: Path = SUITE) -> list[Fixture]:
    return [load(folder / f"{name}.txt") for name in names(folder)]
