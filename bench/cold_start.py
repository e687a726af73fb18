"""Cold start as users have it: a normal install in a fresh virtual environment.

    python bench/cold_start.py              # make bench/.work/cold-venv, pip install ., measure
    python bench/cold_start.py --reuse      # measure the environment made before (after reinstalling blogbib)

The environment has no system site packages and blogbib installed with
``pip install .`` (not editable: an editable install adds an import hook to
every start of that interpreter, which slows the baseline too), its modules
compiled to bytecode as pip compiles them.  Every figure is a whole process,
the baseline ``python -c pass`` run with the same environment's interpreter;
the runs of the commands are interleaved, so a change in the machine's load
touches them alike.  ``python -X importtime`` on the export gives the modules
that cost most.  The figures go into bench/RESULTS.md, between the cold-start
markers (bench/run.py keeps that section when it rewrites the file).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import REAL_LISTING, ROOT, WORK, machine, run_once  # noqa: E402

BEGIN, END = "<!-- cold-start: bench/cold_start.py -->", "<!-- /cold-start -->"
TARGET = 4.0  # issue 20: the export at most this many times `python -c pass`


def make_venv(venv: Path, reuse: bool) -> None:
    if not reuse:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps",
                    str(ROOT)] if reuse else [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(ROOT)],
                   check=True)


def commands(venv: Path) -> dict[str, list[str]]:
    python, blogbib = str(venv / "bin" / "python"), str(venv / "bin" / "blogbib")
    return {
        "python -c pass": [python, "-c", "pass"],
        "blogbib export (51 posts) -f bibtex": [blogbib, "export", str(REAL_LISTING), "-f", "bibtex", "-q",
                                                "--blog-title", "Off the Convex Path", "-o", str(WORK / "cold.bib")],
        "blogbib --help": [blogbib, "--help"],
        "blogbib --version": [blogbib, "--version"],
    }


def measure(cmds: dict[str, list[str]], runs: int) -> dict[str, tuple[list[float], list[float]]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    out: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            wall, cpu, _ = run_once(cmd, env=env)
            out[name][0].append(wall)
            out[name][1].append(cpu)
    return out


def import_times(venv: Path, runs: int) -> list[tuple[str, float, float]]:
    """(module, median self ms, median cumulative ms) for the export's imports, most costly first."""
    code = ("import sys; sys.argv = ['blogbib', 'export', sys.argv[1], '-f', 'bibtex', '-q', '-o', sys.argv[2]];"
            "from blogbib.cli import main; main()")
    samples: dict[str, list[tuple[int, int]]] = {}
    for _ in range(runs):
        done = subprocess.run([str(venv / "bin" / "python"), "-X", "importtime", "-c", code, str(REAL_LISTING),
                               str(WORK / "cold.bib")], capture_output=True, text=True)
        for line in done.stderr.splitlines():
            found = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (.*)$", line)
            if found:
                samples.setdefault(found.group(3), []).append((int(found.group(1)), int(found.group(2))))
    rows = [(name, statistics.median(s for s, _ in v) / 1000, statistics.median(c for _, c in v) / 1000)
            for name, v in samples.items()]
    return sorted(rows, key=lambda row: -row[2])


def report(header: list[str], figures: dict[str, tuple[list[float], list[float]]], imports, runs: int) -> str:
    base_wall, base_cpu = (statistics.median(x) for x in figures["python -c pass"])
    lines = [BEGIN, "", "## Cold start from a normal install (bench/cold_start.py)", "",
             "A fresh virtual environment without system site packages, `pip install .` (not editable; pip",
             "compiles the modules to bytecode); the baseline is `python -c pass` run with that environment's",
             f"interpreter. Medians of {runs} interleaved runs of each command.", "", *header, "",
             "| command | median wall | median CPU | × `python -c pass` (wall) | × (CPU) |", "|---|---:|---:|---:|---:|"]
    for name, (wall, cpu) in figures.items():
        w, c = statistics.median(wall), statistics.median(cpu)
        lines.append(f"| `{name}` | {w * 1000:.1f} ms | {c * 1000:.1f} ms | {w / base_wall:.2f}× | {c / base_cpu:.2f}× |")
    export_wall = statistics.median(figures["blogbib export (51 posts) -f bibtex"][0])
    ratio = export_wall / base_wall
    verdict = "met" if ratio <= TARGET else "**not met**"
    lines += ["", f"Target (issue 20): the export at most {TARGET:.0f}× `python -c pass`: {ratio:.2f}×, {verdict}.", "",
              "The ten costliest imports of that export (`python -X importtime`, median of the runs; cumulative",
              "time includes the modules a module imports, so nested rows are counted again in their parents):", "",
              "| module | cumulative | self |", "|---|---:|---:|"]
    lines += [f"| `{name.strip()}` | {cum:.1f} ms | {own:.1f} ms |" for name, own, cum in imports[:10]]
    top = sum(cum for name, _, cum in imports if not name.startswith(" "))
    lines += ["", f"All imports of the export: {top:.1f} ms (the sum of the top-level rows).", "", END]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=WORK / "cold-venv")
    parser.add_argument("--reuse", action="store_true", help="keep the environment, reinstall blogbib only")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    make_venv(args.venv, args.reuse)
    cmds = commands(args.venv)
    header = machine() + [f"- measured environment: {args.venv}",
                          f"- load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"]
    figures = measure(cmds, args.runs)
    section = report(header, figures, import_times(args.venv, 7), args.runs)
    print(section)
    text = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
