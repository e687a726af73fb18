"""Our BibTeX printed by real styles: a document citing hostile and non-ASCII titles, compiled
once per style with pdflatex (LaTeX's default OT1 font encoding unless the case says T1), read
back with pdftotext.  Each title prints exactly as the style's sentence case should print it,
each post's date once, and no ¡, ¿, brace or backslash leaks into the text."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

import blogbib
from blogbib.model import Date, Name, Reference

from .helpers import interop_references, require

ACCESSED = Date(2024, 1, 2)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _post(key, title, year, *, author=("Arora", "Sanjeev"), abstract=None, blog="Off the Convex Path"):
    family, given = author if author else (None, None)
    return Reference(id=key, title=title, author=(Name(family=family, given=given),) if author else (),
                     issued=Date(year, (year % 12) + 1, (year % 27) + 1), accessed=ACCESSED, container_title=blog,
                     url=f"http://www.offconvex.org/posts/{key}/", abstract=abstract)


# (reference, the title as a style that sentence-cases titles prints it).  Each post has a
# year of its own, so counting a year in the bibliography counts that post's dates.
CASES = [
    (_post("razin", "Implicit Regularization in Tensor Factorization: Can Tensor Rank Shed Light on "
                    "Generalization in Deep Learning?", 2011),
     "Implicit regularization in tensor factorization: Can tensor rank shed light on generalization in deep "
     "learning?"),
    (_post("models", "T5, mT5 and GPT-4: Scaling Laws for C++ & C# Code (Part I)", 2012),
     "T5, mT5 and GPT-4: Scaling laws for C++ & C# code (part I)"),
    (_post("traps", 'Straight "Quotes", <b>Tags</b> and a | Pipe', 2013),
     "Straight “quotes”, <b>tags</b> and a | pipe"),
    (_post("markov", "Linear algebraic structure of Markov chains, part II", 2014),
     "Linear algebraic structure of Markov chains, part II"),
    (_post("langevin", "Escaping Saddle Points With Langevin Dynamics", 2015,
           abstract="We show that Langevin dynamics escapes saddle points quickly."),
     "Escaping saddle points with Langevin dynamics"),
    (_post("erdos", "Schrödinger Bridges Meet Erdős Graphs", 2016, author=("Ng", "Zoë"),
           abstract="Random graphs of Erdős and Rényi, bridged."),
     "Schrödinger bridges meet Erdős graphs"),
    (_post("question", "What Is a Blog Post? A Citable Thing", 2017, author=None),
     "What is a blog post? A citable thing"),
    (_post("quoted", '"Attention" Is What You Need, I Think', 2018),
     "“Attention” is what you need, I think"),
]
REFS = [ref for ref, _ in CASES]


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)
    ok = proc.returncode == 0 or (cmd[0].endswith("bibtex") and proc.returncode == 1)  # 1: warnings only
    assert ok, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}"
    return proc


def latex_problems(log: str) -> list[str]:
    patterns = [r"Citation .* undefined", r"There were undefined references", r"Missing character",
                r"Undefined control sequence", r"^! ", r"Empty bibliography", r"Unicode character .* not set up"]
    return [line for line in log.splitlines() if any(re.search(p, line) for p in patterns)]


def compile_bibtex(tmp: Path, bib: str, style: str, keys: list[str], fontenc: str | None = None) -> str:
    """Compile a document citing ``keys`` with ``style``; the text of its bibliography."""
    pdflatex, bibtex = require("pdflatex"), require("bibtex")
    (tmp / "refs.bib").write_text(bib, encoding="utf-8")
    preamble = [r"\pdfgentounicode=1 \input{glyphtounicode}", r"\documentclass{article}", r"\usepackage{url}",
                r"\usepackage[margin=1cm,paperwidth=60cm,paperheight=60cm]{geometry}"]
    if fontenc:
        preamble.append(rf"\usepackage[{fontenc}]{{fontenc}}")
    if style == "plainnat":
        preamble.append(r"\usepackage{natbib}")
    body = (r"\begin{document}\hyphenpenalty=10000 \exhyphenpenalty=10000 \sloppy" "\n"
            rf"\nocite{{{','.join(keys)}}}\bibliographystyle{{{style}}}\bibliography{{refs}}\end{{document}}" "\n")
    (tmp / "doc.tex").write_text("\n".join(preamble) + "\n" + body, encoding="utf-8")
    latex = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    run(latex, tmp)
    run([bibtex, "doc"], tmp)
    run(latex, tmp)
    run(latex, tmp)
    blg = (tmp / "doc.blg").read_text(errors="replace")
    assert "error message" not in blg, blg
    assert latex_problems((tmp / "doc.log").read_text(errors="replace")) == []
    return pdf_text(tmp / "doc.pdf")


def pdf_text(pdf: Path) -> str:
    pdftotext = require("pdftotext")
    text = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("References", 1)[-1]  # the bibliography (a natbib citation repeats a year)


def squash(text: str) -> str:
    """Compare text without spaces or line breaks (TeX reflows), composed (pdftotext gives an OT1
    accent as a combining mark), ’ as typed '."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text).replace("\u2019", "'"))


def assert_prints_right(text: str, cases: list[tuple[Reference, str | None]], dates: bool = True) -> None:
    """Each title as ``cases`` says (None: not checked), each date and URL once, nothing leaked."""
    flat = squash(text)
    for ref, printed in cases:
        assert printed is None or squash(printed) in flat, f"{printed!r} is not printed; the bibliography:\n{text}"
        assert flat.count(str(ref.issued.year)) == 1, f"{ref.id}: its date is printed twice or not at all:\n{text}"
        if dates:
            day = f"{MONTHS[ref.issued.month - 1]}{ref.issued.day},{ref.issued.year}"
            assert flat.count(day) == 1, f"{ref.id}: {day} is not printed once:\n{text}"
        assert flat.count(squash(ref.url)) == 1, f"{ref.id}: its URL is not printed once:\n{text}"
    assert flat.count("January2,2024") == len(cases), text  # the access date, once each
    for leak in ("¡", "¿", "{", "}", "\\"):
        assert leak not in text, f"{leak!r} in the printed bibliography:\n{text}"


# Each style with the profile made for its family; the first style also in T1.
STYLES = [("plain", "plain", None), ("plain", "plain", "T1"), ("unsrt", "plain", None), ("alpha", "plain", None),
          ("plainnat", "natbib", None), ("plainurl", "urlbst", None), ("unsrturl", "urlbst", None),
          ("abbrvurl", "urlbst", None)]


@pytest.mark.parametrize("style, profile, fontenc", STYLES, ids=[f"{s}-{e or 'OT1'}" for s, _, e in STYLES])
def test_classic_style_prints_titles_and_dates_right(tmp_path, style, profile, fontenc):
    bib = blogbib.write(REFS, "bibtex", bibtex_profile=profile)
    text = compile_bibtex(tmp_path, bib, style, [r.id for r in REFS], fontenc)
    if style == "abbrvurl":  # abbreviated months: the date is "Jan. 25, 2016"
        text = re.sub(r"\b([A-Z][a-z]{2,3})\.? (\d+, \d{4})", lambda m: next(
            n for n in MONTHS if n.startswith(m[1])) + f" {m[2]}", text)
    assert_prints_right(text, CASES)


def test_biber_biblatex_prints_titles_and_dates_right(tmp_path):
    pdflatex, biber = require("pdflatex"), require("biber")
    (tmp_path / "refs.bib").write_text(blogbib.write(REFS, "biblatex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\pdfgentounicode=1 \\input{glyphtounicode}\n\\documentclass{article}\n"
        "\\usepackage[margin=1cm,paperwidth=60cm,paperheight=60cm]{geometry}\n"
        "\\usepackage[backend=biber,style=numeric]{biblatex}\n\\addbibresource{refs.bib}\n"
        "\\begin{document}\\hyphenpenalty=10000 \\exhyphenpenalty=10000 \\sloppy\n"
        "\\nocite{*}\\printbibliography\\end{document}\n", encoding="utf-8")
    latex = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    run(latex, tmp_path)
    run([biber, "doc"], tmp_path)
    run(latex, tmp_path)
    run(latex, tmp_path)
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert not [line for line in blg.splitlines() if "WARN" in line or "ERROR" in line], blg
    assert latex_problems((tmp_path / "doc.log").read_text(errors="replace")) == []
    text = pdf_text(tmp_path / "doc.pdf")
    # biblatex prints titles as given (no sentence case), and dates as "Jan. 25, 2016" / "visited on 01/02/2024".
    titles = {ref.id: ref.title.replace('"Attention"', "“Attention”").replace('"Quotes"', "“Quotes”")
              for ref in REFS}
    flat = squash(text)
    for ref in REFS:
        assert squash(titles[ref.id]) in flat, f"{titles[ref.id]!r} is not printed:\n{text}"
        assert flat.count(str(ref.issued.year)) == 1, f"{ref.id}: its date is not printed once:\n{text}"
    for leak in ("¡", "¿", "{", "}", "\\"):
        assert leak not in text, f"{leak!r} in the printed bibliography:\n{text}"


def test_ascii_bibtex_prints_the_same_with_stacked_accents(tmp_path):
    viet = _post("viet", "Tiếng Việt: Học Sâu", 2019, author=("Nguyễn", "Văn"))
    refs = REFS + [viet]
    bib = blogbib.write(refs, "bibtex", ascii=True)
    assert bib.isascii() and r"{\~{\^e}}" in bib  # ễ: an accent over an accent, nested
    text = compile_bibtex(tmp_path, bib, "plain", [r.id for r in refs])
    # pdftotext cannot join TeX's stacked accents into one character: that title is not compared.
    assert_prints_right(text, CASES + [(viet, None)])


@pytest.mark.parametrize("profile, style", [("plain", "plain"), ("natbib", "plainnat")])
def test_the_real_listing_compiles_cleanly(tmp_path, profile, style):
    refs = interop_references()
    bib = refs.write("bibtex", bibtex_profile=profile)
    text = compile_bibtex(tmp_path, bib, style, [r.id for r in refs], fontenc="T1")
    assert "¡" not in text and "¿" not in text
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count(r"\bibitem") == len(refs)
    assert "Warning--" not in (tmp_path / "doc.blg").read_text(errors="replace")


def test_the_real_listing_compiles_cleanly_with_biber(tmp_path):
    pdflatex, biber = require("pdflatex"), require("biber")
    refs = interop_references()
    (tmp_path / "refs.bib").write_text(refs.write("biblatex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{url}\n"
        "\\usepackage[backend=biber,style=authoryear]{biblatex}\n\\addbibresource{refs.bib}\n"
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


def test_biber_reads_a_literal_year_a_given_name_alone_and_an_editors_et_al(tmp_path):
    """The BibLaTeX choices for what CSL has and BibTeX does not (issue 18): a literal-only date as ``year``
    (biber keeps its text, warning only that it may not sort), a given name alone as ``given={Plato}``,
    and an editor list's ``and others``."""
    pdflatex, biber = require("pdflatex"), require("biber")
    ref = Reference(id="plato", type="book", title="Republic", author=(Name(given="Plato"),),
                    issued=Date(literal="forthcoming"), variables={"editor": (Name(family="Bloom", given="Allan"),)},
                    more_names=("editor",))
    (tmp_path / "refs.bib").write_text(blogbib.write([ref], "biblatex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[backend=biber,style=authoryear]{biblatex}\n"
        "\\addbibresource{refs.bib}\n\\begin{document}\\nocite{*}\\printbibliography\\end{document}\n",
        encoding="utf-8")
    latex = [pdflatex, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    run(latex, tmp_path)
    run([biber, "doc"], tmp_path)
    warnings = [line for line in (tmp_path / "doc.blg").read_text(errors="replace").splitlines() if "WARN -" in line]
    assert len(warnings) == 1 and "'forthcoming'" in warnings[0] and "not sort" in warnings[0], warnings
    bbl = " ".join((tmp_path / "doc.bbl").read_text(encoding="utf-8").split())
    assert r"\field{year}{forthcoming}" in bbl and r"\true{moreeditor}" in bbl
    author = bbl[bbl.index(r"\name{author}"):bbl.index(r"\name{editor}")]
    assert "given={Plato}" in author and "family=" not in author
    run(latex, tmp_path)
    run(latex, tmp_path)
    assert latex_problems((tmp_path / "doc.log").read_text(errors="replace")) == []
    text = squash(pdf_text(tmp_path / "doc.pdf"))
    assert "Plato(forthcoming)" in text and "Bloometal" in text.replace(".", ""), text
