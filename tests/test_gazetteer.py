"""Tests for `sitrep.nlp.gazetteer`: the stored copy that spares each process a quarter of a
second of JSON parsing is the same gazetteer, and a bad stored copy is simply rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.nlp import gazetteer
from sitrep.nlp.gazetteer import Gazetteer, build_gazetteer

load_fresh = gazetteer.load_gazetteer.__wrapped__  # past the per-process lru_cache


@pytest.fixture()
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The stored copy's path, in a temporary folder instead of the user's cache."""
    path = tmp_path / "cache" / "gazetteer-test.marshal"
    monkeypatch.setattr(gazetteer, "_stored_path", lambda: path)
    return path


def test_a_stored_gazetteer_equals_a_built_one(stored: Path) -> None:
    first = load_fresh()
    assert stored.is_file()
    second = load_fresh()
    assert second == first == build_gazetteer()
    assert second.country_of("Timbuktu") == "Mali" and "Niger" in second.neighbours_of("Mali")


def test_a_corrupt_stored_gazetteer_is_rebuilt(stored: Path) -> None:
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"\x00not marshal at all")
    assert load_fresh() == build_gazetteer()
    assert load_fresh() == build_gazetteer()  # and stored again, readable this time


def test_an_unwritable_cache_folder_still_gives_the_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setattr(gazetteer, "_stored_path", lambda: blocker / "gazetteer.marshal")
    assert isinstance(load_fresh(), Gazetteer) and load_fresh().countries == build_gazetteer().countries
