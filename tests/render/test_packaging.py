"""The default style is found from a built wheel and from an editable install."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.deep  # builds and installs the package: `pytest -m deep` runs it (README, .ci/run)

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import blogbib, importlib.util; from blogbib.model import Reference, Name;"
    "print(blogbib.__file__);"
    "spec = importlib.util.find_spec('blogbib.styles');"
    "print(list(spec.submodule_search_locations) if spec else None);"
    "print(blogbib.render([Reference(id='k', title='T', author=(Name(family='Doe', given='Jane'),))]), end='')"
)


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)


def _need(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        message = f"{what} failed:\n{result.stdout}\n{result.stderr}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)  # e.g. no network for the build backend


def _probe(path_entries: list[str], cwd: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = os.pathsep.join(path_entries)
    result = _run([sys.executable, "-c", PROBE], env=env, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_default_style_from_a_built_wheel(tmp_path):
    wheels = tmp_path / "wheels"
    _need(_run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)]), "pip wheel")
    (wheel,) = wheels.glob("blogbib-*.whl")
    target = tmp_path / "site"
    _need(_run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)]),
          "pip install")
    assert (target / "blogbib" / "styles" / "blogbib-reading-list.csl").is_file()
    where, styles, entry = _probe([str(target)], tmp_path)
    assert where.startswith(str(target))
    assert styles == str([str(target / "blogbib" / "styles")])
    assert entry == "Doe, Jane. n.d. “T.”"


def test_default_style_from_an_editable_install(tmp_path):
    prefix = tmp_path / "prefix"
    # --ignore-installed: without it pip uninstalls the running environment's own blogbib first.
    _need(_run([sys.executable, "-m", "pip", "install", "--no-deps", "--ignore-installed", "-q", "--prefix",
                str(prefix), "-e", str(ROOT)]), "pip install -e")
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix), "platbase": str(prefix)}))
    # -S: our editable install first, then the dependencies of the running environment
    deps = sysconfig.get_path("purelib")
    # (and no other checkout of blogbib on sys.path, such as another editable install's src/)
    code = (f"import os, site, sys; site.addsitedir({str(site)!r}); site.addsitedir({deps!r}); "
            "sys.path[:] = [p for p in sys.path if not os.path.isdir(os.path.join(p, 'blogbib'))]; " + PROBE)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = _run([sys.executable, "-S", "-c", code], env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    where, styles, entry = result.stdout.splitlines()
    assert where.startswith(str(ROOT / "src"))
    assert styles == str([str(ROOT / "styles")])  # the mapped package, not a guess from __file__
    assert entry == "Doe, Jane. n.d. “T.”"


def test_default_style_from_the_source_tree(tmp_path):
    where, styles, entry = _probe([str(ROOT / "src")], tmp_path)
    assert where.startswith(str(ROOT / "src"))
    # No mapping from src/ alone; an editable install of this checkout (as in CI) adds its own finder.
    assert styles in ("None", str([str(ROOT / "styles")]))
    assert entry == "Doe, Jane. n.d. “T.”"
