"""Same input, byte-identical output: across runs and across hash seeds, for every writable format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from blogbib import formats

ROOT = Path(__file__).resolve().parents[2]

# Every format the export command can write: the data formats and the rendered (CSL) outputs.
WRITERS = formats.outputs()
SEEDS = ["0", "4242", "random"]


def console_script() -> list[str]:
    script = Path(sys.executable).with_name("blogbib")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from blogbib.cli import main; main()"]


@pytest.fixture(scope="module")
def inputs(listing_path, tmp_path_factory) -> list[str]:
    """The real listing plus CSL-JSON items whose unknown fields and custom keys come in scrambled order."""
    extra = tmp_path_factory.mktemp("det") / "extra.json"
    items = [
        {"id": "zz", "type": "post-weblog", "title": "Zed", "zeta": 1, "alpha": [1, 2], "custom": {"b": 1, "a": {"y": 1, "x": 2}},
         "author": [{"family": "Doe", "given": "Jane"}], "keyword": "b, a, c", "issued": {"date-parts": [[2020, 2, 1]]}},
        {"id": "aa", "type": "webpage", "title": "Ay", "mid": "m", "custom": {"k": "v", "c": "w"}},
        {"title": "Saddles again and again", "author": [{"family": "Recht", "given": "Benjamin"}],
         "issued": {"date-parts": [[2016, 3, 25]]}},  # its key clashes with the listing's post: suffix letters
    ]
    extra.write_text(json.dumps(items), encoding="utf-8")
    return [str(listing_path), str(extra)]


@pytest.mark.parametrize("fmt", WRITERS)
def test_output_is_byte_identical_across_hash_seeds(fmt, inputs, tmp_path):
    outputs = {}
    for seed in SEEDS:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": seed}
        target = tmp_path / f"{seed}.out"
        proc = subprocess.run([*console_script(), "export", *inputs, "-f", fmt, "--blog-title", "Off the Convex Path",
                               "-q"], capture_output=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr.decode()
        if seed == "random":
            subprocess.run([*console_script(), "export", *inputs, "-f", fmt, "--blog-title", "Off the Convex Path",
                            "-q", "-o", str(target)], check=True, env=env, timeout=120)
            assert target.read_bytes() == proc.stdout  # the file and standard output agree byte for byte
        outputs[seed] = proc.stdout
    assert len(set(outputs.values())) == 1, f"{fmt} output depends on the hash seed"
    assert b"Saddles Again" in outputs["0"] and b"Saddles again and again" in outputs["0"]
    print(f"{fmt}: {len(outputs['0'])} bytes, identical under PYTHONHASHSEED={', '.join(SEEDS)}")
