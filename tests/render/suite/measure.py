"""Pass counts of the CSL test suite by category, for blogbib's engine and for plain citeproc-py.

A measurement, not a test:
``python -m tests.render.suite.measure [--engine blogbib|citeproc-py|both] [--markdown] [--failures]``
(from the repository root, with blogbib installed).  ``--failures`` prints each failing fixture
with its reason and, for differences, both outputs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from . import engine, fixtures, plain_citeproc, reasons, runner, summary

ENGINES = {"blogbib": engine, "citeproc-py": plain_citeproc}


def measure(name: str, suite: list) -> list[runner.Outcome]:
    api = runner.api_of(ENGINES[name])
    return [runner.run(fixture, api) for fixture in suite]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=[*ENGINES, "both"], default="both")
    parser.add_argument("--markdown", action="store_true", help="one Markdown table, a column per engine")
    parser.add_argument("--failures", action="store_true", help="every failure with its reason")
    args = parser.parse_args(argv)
    suite = fixtures.load_all()
    names = list(ENGINES) if args.engine == "both" else [args.engine]
    columns = {}
    for name in names:
        start = time.perf_counter()
        outcomes = measure(name, suite)
        elapsed = time.perf_counter() - start
        columns[name] = summary.by_category(outcomes)
        passed = sum(o.passed for o in outcomes)
        print(f"{name}: {passed}/{len(outcomes)} fixtures pass ({elapsed:.1f} s)", file=sys.stderr)
        if not args.markdown:
            print(f"== {name}")
            print("\n".join(summary.category_table(outcomes)))
        lost = getattr(ENGINES[name], "lost_variables", None)
        causes = Counter()
        for fixture, outcome in zip(suite, outcomes):
            if not outcome.passed:
                why = reasons.reason(fixture, outcome, lost)
                causes[reasons.cause(why)] += 1
                if args.failures:
                    print(f"--- {name} {fixture.name}: {why}")
                    if outcome.got is not None:
                        print(f"  expected: {outcome.expected!r}\n  got:      {outcome.got!r}")
        if not args.markdown:
            print("causes:", *(f"  {n:4} {c}" for c, n in causes.most_common(12)), sep="\n")
    if args.markdown:
        print("\n".join(summary.markdown_table(columns)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
