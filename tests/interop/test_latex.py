"""A LaTeX document citing every entry compiles cleanly with bibtex + plain.bst and with biber + biblatex."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .helpers import interop_references, require

PREAMBLE = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{textcomp}
\usepackage{url}
"""


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}"
    return proc


def latex_problems(log: str) -> list[str]:
    patterns = [r"Citation .* undefined", r"There were undefined references", r"Missing character",
                r"Undefined control sequence", r"^! ", r"Empty bibliography", r"Unicode character .* not set up"]
    return [line for line in log.splitlines() if any(re.search(p, line) for p in patterns)]


@pytest.mark.parametrize("profile, style", [("plain", "plain"), ("natbib", "plainnat")])
def test_bibtex_plain_compiles_cleanly(tmp_path, profile, style):
    pdflatex, bibtex = require("pdflatex"), require("bibtex")
    refs = interop_references()
    (tmp_path / "refs.bib").write_text(refs.write("bibtex", bibtex_profile=profile), encoding="utf-8")
    natbib = r"\usepackage{natbib}" if style == "plainnat" else ""
    (tmp_path / "doc.tex").write_text(
        PREAMBLE + natbib + "\n\\begin{document}\n\\cite{" + ",".join(r.id for r in refs) + "}\n"
        f"\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n\\end{{document}}\n", encoding="utf-8")
    latex = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    run(latex, tmp_path)
    run([bibtex, "doc"], tmp_path)
    run(latex, tmp_path)
    run(latex, tmp_path)
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert "Warning--" not in blg and "error message" not in blg, blg
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count(r"\bibitem") == len(refs)
    assert latex_problems((tmp_path / "doc.log").read_text(errors="replace")) == []
    assert (tmp_path / "doc.pdf").stat().st_size > 1000


def test_biber_biblatex_compiles_cleanly(tmp_path):
    pdflatex, biber = require("pdflatex"), require("biber")
    refs = interop_references()
    (tmp_path / "refs.bib").write_text(refs.write("biblatex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        PREAMBLE + "\\usepackage[backend=biber,style=authoryear]{biblatex}\n\\addbibresource{refs.bib}\n"
        "\\begin{document}\n\\cite{" + ",".join(r.id for r in refs) + "}\n\\printbibliography\n\\end{document}\n",
        encoding="utf-8")
    latex = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    run(latex, tmp_path)
    run([biber, "doc"], tmp_path)
    run(latex, tmp_path)
    run(latex, tmp_path)
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert not [line for line in blg.splitlines() if "WARN" in line or "ERROR" in line], blg
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count(r"\entry{") == len(refs)
    # biber understood the extended name format: van is a prefix, Rossum the family name.
    assert re.search(r"family=\{Rossum\}.*prefix=\{van\}|prefix=\{van\}.*family=\{Rossum\}", bbl.replace("\n", " "))
    assert latex_problems((tmp_path / "doc.log").read_text(errors="replace")) == []
