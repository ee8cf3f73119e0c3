"""A reload reads only the files whose stat signature changed (device, inode, size, mtime, ctime).

With thousands of articles, reading and hashing every file again was most of a reload's cost. Each
test starts from a folder the module's engine analysed once (the model loads once, here).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import sitrep.engine as engine_module
from sitrep.config import Config
from sitrep.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
A = "The army said on Monday that it had arrested two officers in the capital.\n"
B = "The police said on Monday that it had detained six officers in the north.\n"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache holding the results of the two articles (same size, other words)."""
    assert len(A) == len(B)
    root = tmp_path_factory.mktemp("signatures")
    folder = root / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    engine = Engine(config_for(root / "cache.sqlite3"))
    try:
        engine.analyse(folder)
    finally:
        engine.close()
    return root / "cache.sqlite3"


def config_for(cache: Path) -> Config:
    config = Config(base_dir=ROOT)
    config.cache.path = str(cache)
    return config


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "articles"
    target.mkdir()
    (target / "a.txt").write_text(A, encoding="utf-8")
    (target / "b.txt").write_text(B, encoding="utf-8")
    return target


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the files the engine reads (every change counts at once: no racy window)."""
    monkeypatch.setattr(engine_module, "RACY_SECONDS", 0.0)
    names: list[str] = []
    real = engine_module.read_bytes

    def counting(path: Path, *args: object, **kwargs: object) -> tuple[bytes, float]:
        names.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_module, "read_bytes", counting)
    yield names


def test_a_reload_of_an_unchanged_folder_reads_no_file(folder: Path, cache: Path, reads: list[str]) -> None:
    engine = Engine(config_for(cache))
    try:
        first = engine.analyse(folder)
        assert sorted(reads) == ["a.txt", "b.txt"]
        reads.clear()
        assert engine.analyse(folder).to_dict() == first.to_dict()
        assert reads == []
    finally:
        engine.close()


def test_bytes_rewritten_at_the_same_size_with_the_old_mtime_restored_are_read_again(
    folder: Path, cache: Path, reads: list[str]
) -> None:
    engine = Engine(config_for(cache))
    try:
        engine.analyse(folder)
        before = os.stat(folder / "a.txt")
        (folder / "a.txt").write_text(B, encoding="utf-8")
        os.utime(folder / "a.txt", ns=(before.st_atime_ns, before.st_mtime_ns))
        reads.clear()
        engine.analyse(folder)
        assert reads == ["a.txt"]
        hashes = {result.path: result.content_hash for result in engine.results}
        assert hashes["a.txt"] == hashes["b.txt"]
    finally:
        engine.close()


def test_a_file_replaced_by_another_under_its_name_is_read_again(
    folder: Path, cache: Path, reads: list[str], tmp_path: Path
) -> None:
    engine = Engine(config_for(cache))
    try:
        engine.analyse(folder)
        spare = tmp_path / "spare.txt"
        shutil.copy2(folder / "b.txt", spare)
        os.replace(spare, folder / "a.txt")  # an editor's atomic save: a new inode
        reads.clear()
        engine.analyse(folder)
        assert reads == ["a.txt"]
    finally:
        engine.close()


def test_a_file_changed_just_before_it_was_hashed_is_hashed_again_next_time(
    folder: Path, cache: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "RACY_SECONDS", 3600.0)  # every file here changed "just now"
    engine = Engine(config_for(cache))
    try:
        engine.analyse(folder)
        reads.clear()
        engine.analyse(folder)
        assert sorted(reads) == ["a.txt", "b.txt"]
    finally:
        engine.close()
