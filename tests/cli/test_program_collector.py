"""Run as the program, blogbib turns the cyclic garbage collector off; a caller gets it back."""

from __future__ import annotations

import gc

import pytest

from blogbib.cli import main


@pytest.fixture
def collector():
    """The collector on, nothing frozen, before and after the test."""
    enabled = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not enabled:
        gc.disable()


def test_a_caller_that_goes_on_gets_the_collector_back(collector, listing_path, tmp_path):
    main(["export", str(listing_path), "-q", "-f", "csl-json", "-o", str(tmp_path / "out.json")],
         standalone_mode=False)
    assert (tmp_path / "out.json").read_text(encoding="utf-8").startswith("[")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing frozen: the process goes on


def test_the_program_freezes_what_is_alive_when_it_exits(collector, listing_path, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(listing_path), "-q", "-f", "ris", "-o", str(tmp_path / "out.ris")])
    assert exit_.value.code == 0
    assert (tmp_path / "out.ris").read_text(encoding="utf-8").startswith("TY  - ")
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_the_collector_is_off_while_the_command_runs(collector, listing_path, tmp_path, monkeypatch):
    import blogbib

    states = []
    real_export = blogbib.export
    monkeypatch.setattr(blogbib, "export", lambda *a, **k: states.append(gc.isenabled()) or real_export(*a, **k))
    with pytest.raises(SystemExit):
        main(["export", str(listing_path), "-q", "-f", "ris", "-o", str(tmp_path / "out.ris")])
    assert states == [False]
