"""Tests for `sitrep.changes.LastSeenStore`: what was seen of each folder, kept between sessions in
one JSON file; a bad or foreign file reads as "nothing seen yet" and is never written over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.changes import LastSeenStore, Snapshot


def snapshot() -> Snapshot:
    """A small snapshot with every field set."""
    return Snapshot(actors={"Assimi Goita": "in power"}, aliases={"Assimi Goita": ["Goita"]},
                    status=["junta in power"], disputes=["numeric: toll"], context=["history: 2012 coup"],
                    saved_at=1754800000.0)


def test_a_saved_snapshot_is_loaded_back(tmp_path: Path) -> None:
    store = LastSeenStore(tmp_path / "last_seen.json")
    assert store.save(tmp_path / "seeds", snapshot())
    assert store.load(tmp_path / "seeds") == snapshot()


def test_a_missing_file_is_nothing_seen(tmp_path: Path) -> None:
    assert LastSeenStore(tmp_path / "last_seen.json").load(tmp_path / "seeds") is None


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"version": 1, "folders": ' + "[" * 100_000 + "]" * 100_000 + "}"],
    ids=["a 100,000-deep array", "folders 100,000 deep"],
)
def test_a_deeply_nested_file_is_nothing_seen(tmp_path: Path, text: str) -> None:
    (tmp_path / "last_seen.json").write_text(text, encoding="utf-8")
    assert LastSeenStore(tmp_path / "last_seen.json").load(tmp_path / "seeds") is None


@pytest.mark.parametrize(
    "record",
    [
        {"actors": {"X": ["nested", ["list"]]}},
        {"actors": {"X": "ok"}, "aliases": {"X": [1, 2]}},
        {"status": [{"a": 1}]},
        {"saved_at": "yesterday"},
        {"saved_at": [1]},
        "not an object",
    ],
    ids=["status of an actor a list", "aliases numbers", "status lines objects", "saved_at text",
         "saved_at a list", "a string"],
)
def test_a_record_with_values_of_the_wrong_type_is_nothing_seen(tmp_path: Path, record: object) -> None:
    store = LastSeenStore(tmp_path / "last_seen.json")
    key = store.key(tmp_path / "seeds")
    state = {"version": 1, "folders": {key: record}}
    (tmp_path / "last_seen.json").write_text(json.dumps(state), encoding="utf-8")
    assert store.load(tmp_path / "seeds") is None


@pytest.mark.parametrize(
    "text",
    ["my own notes\n", "[" * 100_000 + "]" * 100_000, '{"name": "another program"}', ""],
    ids=["text", "deep JSON", "another program's JSON", "empty"],
)
def test_a_file_that_is_not_a_last_seen_file_is_never_written_over(tmp_path: Path, text: str) -> None:
    (tmp_path / "last_seen.json").write_text(text, encoding="utf-8")
    assert not LastSeenStore(tmp_path / "last_seen.json").save(tmp_path / "seeds", snapshot())
    assert (tmp_path / "last_seen.json").read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["last_seen.json"]


def test_a_last_seen_file_of_another_state_version_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "last_seen.json").write_text('{"version": 0, "folders": {}}', encoding="utf-8")
    store = LastSeenStore(tmp_path / "last_seen.json")
    assert store.save(tmp_path / "seeds", snapshot())
    assert store.load(tmp_path / "seeds") == snapshot()
