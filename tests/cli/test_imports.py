"""A command loads only what it uses: heavy libraries are imported on first use.

Behavioural, not timed: each case runs a fresh interpreter and lists the
third-party modules it ended up with.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("nameparser", "bibtexparser", "citeproc", "click", "anyascii", "feedparser", "lxml", "bs4", "httpx",
         # and our own readers of other formats: sniffing a listing must not import them
         "blogbib.formats.html", "blogbib.formats.feed")

PROBE = """
import json, sys, runpy
sys.argv = ["blogbib", *json.loads(sys.argv[1])]
code = 0
if sys.argv[1:] != ["<import>"]:
    from blogbib.cli import main
    try:
        main()
    except SystemExit as exc:
        code = exc.code or 0
else:
    import blogbib
heavy = {json.dumps(HEAVY)}
print(json.dumps([code, sorted(m for m in heavy if m in sys.modules)]), file=sys.stderr)
"""


def _loaded(args: list[str]) -> list[str]:
    probe = PROBE.replace("{json.dumps(HEAVY)}", json.dumps(HEAVY))
    done = subprocess.run([sys.executable, "-c", probe, json.dumps(args)], capture_output=True, text=True)
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 0, done.stderr
    return modules


def test_import_blogbib_loads_no_third_party_library():
    assert _loaded(["<import>"]) == []


def test_help_loads_only_click():
    assert _loaded(["--help"]) == ["click"]
    assert _loaded(["export", "--help"]) == ["click"]


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "biblatex", "csl-json"])
def test_export_of_plain_names_loads_only_click(listing_path, tmp_path, fmt):
    # The real listing's bylines are all plain names (or one-word literals): no nameparser,
    # and no writer needs bibtexparser or citeproc.
    out = tmp_path / "out"
    assert _loaded(["export", str(listing_path), "-q", "-f", fmt, "-o", str(out)]) == ["click"]
    assert out.stat().st_size > 1000


def test_hard_names_load_nameparser(tmp_path):
    listing = tmp_path / "hard.txt"
    listing.write_text("A post\nJul 15, 2022 (Guido van Rossum and Martin Luther King, Jr.). Text\n", encoding="utf-8")
    assert _loaded(["export", str(listing), "-q", "-f", "ris", "-o", str(tmp_path / "out.ris")]) == [
        "click", "nameparser"]


EXPORT_TO_BIBTEX = [
    "blogbib", "blogbib.api", "blogbib.cli", "blogbib.dates", "blogbib.errors", "blogbib.fetch", "blogbib.formats",
    "blogbib.formats.bibtex", "blogbib.formats.listing", "blogbib.formats.sniff", "blogbib.inputs", "blogbib.keys",
    "blogbib.latex", "blogbib.model", "blogbib.names", "blogbib.options", "blogbib.output", "blogbib.reading_list",
    "blogbib.render", "blogbib.selection", "blogbib.text",
]

MODULES = """
import json, sys
at_start = set(sys.modules)  # what the interpreter's own start-up loaded (site, .pth files)
sys.argv = ["blogbib", *json.loads(sys.argv[1])]
from blogbib.cli import main
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
ours = sorted(m for m in sys.modules if m == "blogbib" or m.startswith("blogbib."))
others = sorted({m.split(".")[0] for m in set(sys.modules) - at_start} - set(sys.stdlib_module_names)
                - {"blogbib"} - {m for m in sys.modules if m.startswith("_")})
print(json.dumps([ours, others]))
"""


def test_export_to_bibtex_loads_exactly_these_modules(listing_path, tmp_path):
    """The modules of `blogbib export LISTING -f bibtex -o FILE`: blogbib's own, and click as the only library.

    A module added to this list is start-up time for every export (bench/RESULTS.md, cold start).
    """
    args = ["export", str(listing_path), "-f", "bibtex", "-q", "-o", str(tmp_path / "out.bib")]
    done = subprocess.run([sys.executable, "-c", MODULES, json.dumps(args)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ours, others = json.loads(done.stdout)
    assert ours == EXPORT_TO_BIBTEX
    assert others == ["click"]
