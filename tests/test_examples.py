"""Every script in examples/ runs, in a subprocess, and prints what its listings say."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env["PYTHON"] = sys.executable
    env["COLUMNS"] = "100"
    return env


def _run(args: list[str], cwd: Path) -> str:
    result = subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result.stdout


def _listing(name: str) -> list[tuple[str, str]]:
    """(title, year) per post, read from the example listing without blogbib."""
    lines = [l for l in (EXAMPLES / name).read_text(encoding="utf-8").splitlines() if l.strip()]
    return [(t, re.match(r"\w{3} \d{1,2}, (\d{4})", m)[1]) for t, m in zip(lines[::2], lines[1::2])]


def test_every_script_is_tested():
    scripts = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".py", ".sh"))
    assert scripts == ["cli.sh", "publish.py", "reading_list.py"]


def test_reading_list_script(tmp_path):
    out = _run([sys.executable, str(EXAMPLES / "reading_list.py")], tmp_path)
    posts = _listing("colah.txt") + _listing("lillog.txt")
    assert out.startswith(f"{len(posts)} posts from 2 blogs\n")
    assert re.findall(r"^picked: (\S+)  (\S+)  (.*)$", out, re.M) == [
        ("weng2018attention", "2018-06-24", "Attention? Attention!"),
        ("olah2015understanding", "2015-08-27", "Understanding LSTM Networks"),
    ]
    assert "by weng: 4 | by 'Christopher Olah': 4" in out
    years = re.findall(r"^(\d{4}): (.*)$", out, re.M)
    assert [y for y, _ in years] == sorted({y for _, y in posts}, reverse=True)
    assert sum(len(keys.split(", ")) for _, keys in years) == len(posts)
    assert re.search(r"@misc\{olah2015understanding,.*keywords\s+= \{rnn, to-read\},\s+"
                     r"annote\s+= \{Read before the attention posts\.\}", out, re.S)


def test_publish_script(tmp_path):
    out = _run([sys.executable, str(EXAMPLES / "publish.py"), str(tmp_path / "site")], tmp_path)
    site = tmp_path / "site"
    assert sorted(p.name for p in site.iterdir()) == ["reading.bib", "reading.html", "reading.json"]
    for name in ("reading.bib", "reading.json", "reading.html"):
        assert f"wrote {name}: {(site / name).stat().st_size} bytes" in out
    assert (site / "reading.bib").read_text().count("@misc{") == 8
    items = json.loads((site / "reading.json").read_text())
    assert [i["issued"]["date-parts"][0][0] for i in items] == sorted(
        (i["issued"]["date-parts"][0][0] for i in items), reverse=True)
    diffusion = next(i for i in items if i["title"] == "What are Diffusion Models?")
    assert diffusion["note"] == "The clearest introduction to diffusion models." and diffusion["keyword"] == "generative"
    page = (site / "reading.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<title>Deep learning, explained</title>" in page
    assert re.findall(r"<h2>([^<]*) <span", page) == ["colah&#x27;s blog", "Lil&#x27;Log"]
    assert all(title.replace("'", "&#x27;") in page or title in page
               for title, _ in _listing("colah.txt") + _listing("lillog.txt"))
    apa = [l for l in out.splitlines() if l.startswith("Olah, C. (")]
    assert len(apa) == len(_listing("colah.txt"))


def test_cli_script(tmp_path):
    out = _run(["sh", str(EXAMPLES / "cli.sh")], tmp_path)
    table, rest = out.split("TY  - BLOG", 1)
    rows = table.strip().splitlines()
    assert rows[0].split() == ["KEY", "DATE", "AUTHORS", "TITLE", "BLOG"]
    since_2015 = [p for p in _listing("colah.txt") + _listing("lillog.txt") if p[1] >= "2015"]
    assert len(rows) - 1 == len(since_2015)
    dates = [r.split()[1] for r in rows[1:]]
    assert dates == sorted(dates, reverse=True)
    ris_titles = re.findall(r"^TI  - (.*)$", out, re.M)
    assert ris_titles == ["Understanding LSTM Networks", "Deep Learning, NLP, and Representations",
                          "Neural Networks, Manifolds, and Topology"]  # "networks" in title or excerpt
    assert re.findall(r"^## (.*)$", out, re.M) == ["2021", "2020"]
    assert "  > Diffusion models are inspired by non-equilibrium thermodynamics." in out
