"""Shared test fixtures: the real inputs in ../shared, read in place (never copied)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BLOGBIB_SHARED", ROOT.parent / "shared"))
FIXTURES = SHARED / "fixtures"
LISTING = FIXTURES / "offconvex-listing.txt"
ORACLE = SHARED / "oracle"
SCHEMA = SHARED / "schemas" / "csl-data.json"
BLOG = "Off the Convex Path"


def shared_path(path: Path) -> Path:
    """A file from ../shared: skip locally if absent, fail loudly in CI."""
    if not path.exists():
        message = f"{path} is missing: the tests read ../shared in place (set BLOGBIB_SHARED to its location)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
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
