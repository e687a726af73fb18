"""Shared test fixtures: the real inputs, kept in tests/data (see its README for their origin)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FIXTURES = DATA / "fixtures"
LISTING = FIXTURES / "offconvex-listing.txt"
ORACLE = DATA / "oracle"
ORACLE_WIDE = DATA / "oracle-wide"
SCHEMA = DATA / "schemas" / "csl-data.json"
BLOG = "Off the Convex Path"


def shared_path(path: Path) -> Path:
    """A file of tests/data; a missing one is a broken checkout, so the test fails."""
    if not path.exists():
        pytest.fail(f"{path} is missing from the test data")
    return path


@pytest.fixture(scope="session")
def listing_path() -> Path:
    return shared_path(LISTING)


@pytest.fixture(scope="session")
def offconvex(listing_path):
    import blogbib

    return blogbib.read(listing_path, blog_title=BLOG)


@pytest.fixture(scope="session")
def oracle_items():
    import json

    return json.loads(shared_path(ORACLE / "items" / "offconvex.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def csl_schema():
    import json

    return json.loads(shared_path(SCHEMA).read_text(encoding="utf-8"))
