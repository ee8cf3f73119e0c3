"""Tests for `sitrep.nlp.gazetteer`: the stored copy that spares each process a quarter of a
second of JSON parsing is the same gazetteer, and a bad stored copy is simply rebuilt."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sitrep.nlp import gazetteer
from sitrep.nlp.gazetteer import Gazetteer, build_gazetteer

load_fresh = gazetteer.load_gazetteer.__wrapped__  # past the per-process lru_cache
ROOT = Path(__file__).resolve().parents[1]


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


def test_an_unwritable_cache_folder_still_gives_the_gazetteer(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setattr(gazetteer, "_stored_path", lambda: blocker / "gazetteer.marshal")
    assert isinstance(load_fresh(), Gazetteer) and load_fresh().countries == build_gazetteer().countries


def stored_copy(**fields: object) -> bytes:
    """A stored copy made from a built gazetteer, with some fields replaced."""
    built = build_gazetteer()
    data = {name: getattr(built, name) for name in gazetteer._STORED_FIELDS}
    data.update(fields)
    return marshal.dumps(data)


TAMPERED = {
    "every field a number": marshal.dumps(dict.fromkeys(gazetteer._STORED_FIELDS, 7)),
    "not a dict": marshal.dumps([1, 2, 3]),
    "a field missing": marshal.dumps({"countries": {}}),
    "city codes numbers": stored_copy(cities={"bamako": 7}),
    "neighbours not lists": stored_copy(neighbours={"ML": "NE"}),
    "neighbour codes numbers": stored_copy(neighbours={"ML": [1, 2]}),
    "major cities a list": stored_copy(major_cities=["Bamako"]),
    "country names numbers": stored_copy(countries={"ML": 12345}),
    "nested past marshal's limit": b"[\x01\x00\x00\x00" * 100_000,
}


@pytest.mark.parametrize("content", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_tampered_stored_gazetteer_is_rebuilt(stored: Path, content: bytes) -> None:
    stored.parent.mkdir(parents=True)
    stored.write_bytes(content)
    assert load_fresh() == build_gazetteer()


def test_a_failed_store_leaves_no_temporary_file(stored: Path) -> None:
    stored.mkdir(parents=True)  # a folder where the stored copy goes: the final rename fails
    assert load_fresh() == build_gazetteer()
    assert sorted(p.name for p in stored.parent.iterdir()) == [stored.name]


_LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from sitrep.nlp import gazetteer

    stored = Path(sys.argv[1])
    gazetteer._stored_path = lambda: stored
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    print(len(gazetteer.load_gazetteer().countries))
    """
)


def run_limited(stored: Path, max_file_bytes: int) -> str:
    """Load the gazetteer in a process that cannot write files past `max_file_bytes` nor use
    more than 2 GB; its output (the number of countries)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", _LIMITED, str(stored), str(max_file_bytes)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_store_cut_short_by_a_full_disk_leaves_no_temporary_file(tmp_path: Path) -> None:
    stored = tmp_path / "gazetteer-test.marshal"
    assert int(run_limited(stored, 100_000)) > 200
    assert list(tmp_path.iterdir()) == []


def test_a_stored_gazetteer_linked_to_an_endless_file_is_not_read_to_its_end(tmp_path: Path) -> None:
    stored = tmp_path / "gazetteer-test.marshal"
    stored.symlink_to("/dev/zero")
    assert int(run_limited(stored, 1 << 30)) > 200
    assert stored.is_symlink() and os.readlink(stored) == "/dev/zero"
