"""A reload reads only the files whose stat signature changed (device, inode, size, mtime, ctime),
and so does a fresh process, from the signatures stored in the cache (like git's index).

With thousands of articles, reading and hashing every file again was most of a reload's cost, and
of a warm run's in a fresh process. Each test starts from a folder the module's engine analysed once
(the model loads once, here).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import sitrep.engine as engine_module
from sitrep.cache import _folder_key
from sitrep.config import Config
from sitrep.engine import Engine
from sitrep.model import Situation

from test_cache import read_only, run_without_permission_override  # noqa: F401 - read_only is a fixture

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


def rewrite_with_old_mtime(path: Path) -> None:
    """Give `path` the bytes of b.txt (the same size as a.txt's) and set its mtime back: only its
    ctime shows the change."""
    before = os.stat(path)
    path.write_text(B, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def content_hashes(engine: Engine) -> dict[str, str]:
    """The content hash of each article of the engine's last run, by path."""
    return {result.path: result.content_hash for result in engine.results}


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
        rewrite_with_old_mtime(folder / "a.txt")
        reads.clear()
        engine.analyse(folder)
        assert reads == ["a.txt"]
        assert content_hashes(engine)["a.txt"] == content_hashes(engine)["b.txt"]
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


# --- across processes: the signatures stored in the cache -------------------------------------
# A fresh `Engine` starts with nothing in memory, as a fresh process does (`sitrep report`, the
# dashboard's analysis child): what it knows of the files comes from the cache's `files` table.


def analyse_once(cache: Path, folder: Path) -> Situation:
    """The report of `folder` by a fresh engine over `cache`, closed after."""
    engine = Engine(config_for(cache))
    try:
        return engine.analyse(folder)
    finally:
        engine.close()


def test_a_fresh_engine_over_a_warm_cache_reads_no_unchanged_file(
    folder: Path, cache: Path, reads: list[str]
) -> None:
    first = analyse_once(cache, folder)
    assert sorted(reads) == ["a.txt", "b.txt"]
    reads.clear()
    assert analyse_once(cache, folder).to_dict() == first.to_dict()
    assert reads == []


def test_a_file_rewritten_at_the_same_size_with_its_mtime_restored_is_read_by_a_fresh_engine(
    folder: Path, cache: Path, reads: list[str]
) -> None:
    analyse_once(cache, folder)
    rewrite_with_old_mtime(folder / "a.txt")
    reads.clear()
    engine = Engine(config_for(cache))
    try:
        engine.analyse(folder)
        assert reads == ["a.txt"]
        assert content_hashes(engine)["a.txt"] == content_hashes(engine)["b.txt"]
    finally:
        engine.close()


def test_a_file_rewritten_in_the_same_second_it_was_hashed_is_read_by_the_next_process(
    folder: Path, cache: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file system whose clock ticks once a second: a rewrite at the same size in the same tick
    # leaves the signature as it was, so only a signature that had settled may be stored.
    monkeypatch.setattr(engine_module, "RACY_SECONDS", 3600.0)  # every file here changed "just now"
    real_signature = engine_module._signature

    def coarse(path: Path) -> tuple[int, int, int, int, int] | None:
        signature = real_signature(path)
        if signature is None:
            return None
        device, inode, size, mtime_ns, ctime_ns = signature
        return device, inode, size, mtime_ns // 10**9 * 10**9, ctime_ns // 10**9 * 10**9

    monkeypatch.setattr(engine_module, "_signature", coarse)
    analyse_once(cache, folder)
    rewrite_with_old_mtime(folder / "a.txt")
    reads.clear()
    engine = Engine(config_for(cache))
    try:
        engine.analyse(folder)
        assert sorted(reads) == ["a.txt", "b.txt"]
        assert content_hashes(engine)["a.txt"] == content_hashes(engine)["b.txt"]
    finally:
        engine.close()


@pytest.mark.parametrize(("column", "value"), [("sha256", "not a hash"), ("mtime", "yesterday")])
def test_a_tampered_signature_row_is_ignored_and_its_file_read(
    folder: Path, cache: Path, reads: list[str], column: str, value: str
) -> None:
    first = analyse_once(cache, folder)
    with sqlite3.connect(cache) as db:
        changed = db.execute(f"UPDATE files SET {column} = ? WHERE folder = ? AND name = ?",
                             (value, _folder_key(os.path.abspath(folder)), "a.txt")).rowcount
    assert changed == 1
    reads.clear()
    again = analyse_once(cache, folder)
    assert reads == ["a.txt"]
    assert again.to_dict() == first.to_dict()


def test_a_folder_s_vanished_file_loses_its_stored_signature(
    folder: Path, cache: Path, reads: list[str]
) -> None:
    analyse_once(cache, folder)
    (folder / "b.txt").unlink()
    analyse_once(cache, folder)
    with sqlite3.connect(cache) as db:
        stored = [row[0] for row in db.execute("SELECT name FROM files WHERE folder = ?",
                                               (_folder_key(os.path.abspath(folder)),))]
    assert stored == ["a.txt"]


_FRESH_RUN = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    import sitrep.engine as engine_module
    from sitrep.config import Config
    from sitrep.engine import Engine

    engine_module.RACY_SECONDS = 0.0
    reads = []
    real = engine_module.read_bytes

    def counting(path, *args, **kwargs):
        reads.append(Path(path).name)
        return real(path, *args, **kwargs)

    engine_module.read_bytes = counting
    config = Config(base_dir=Path(sys.argv[1]))
    config.cache.path = sys.argv[2]
    engine = Engine(config)
    situation = engine.analyse(Path(sys.argv[3]))
    print(json.dumps({"reads": sorted(reads), "articles": len(situation.articles),
                      "problem": engine.cache.problem, "parsed": engine.parsed_last_run,
                      "ftfy": "ftfy" in sys.modules, "cleaning": "sitrep.reader.cleaning" in sys.modules,
                      "spacy": "spacy" in sys.modules}))
    engine.close()
    """
)


def fresh_process(cache: Path, folder: Path, *, without_override: bool = False) -> dict[str, Any]:
    """`_FRESH_RUN` over `folder` in a new interpreter (one file permissions apply to, if asked)."""
    arguments = [str(ROOT), str(cache), str(folder)]
    if without_override:
        return run_without_permission_override(_FRESH_RUN, *arguments)
    done = subprocess.run([sys.executable, "-c", _FRESH_RUN, *arguments], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_warm_run_in_a_fresh_process_reads_no_file_and_imports_no_text_cleaning(
    folder: Path, cache: Path, reads: list[str]
) -> None:
    analyse_once(cache, folder)
    report = fresh_process(cache, folder)
    assert report["articles"] == 2 and report["parsed"] == 0 and report["reads"] == []
    assert not report["ftfy"] and not report["cleaning"] and not report["spacy"]


@pytest.mark.parametrize("stored", [True, False], ids=["with-signatures", "made-before-signatures"])
def test_a_read_only_cache_still_gives_the_report_without_parsing(
    folder: Path, cache: Path, reads: list[str], tmp_path: Path, stored: bool,
    read_only: Callable[[Path, int], None],
) -> None:
    place = tmp_path / "cache"
    place.mkdir()
    own = place / "cache.sqlite3"
    shutil.copy2(cache, own)
    analyse_once(own, folder)
    if not stored:
        with sqlite3.connect(own) as db:
            db.execute("DROP TABLE files")
    read_only(own, 0o444)
    read_only(place, 0o555)
    report = fresh_process(own, folder, without_override=True)
    assert "read-only" in report["problem"]
    assert report["articles"] == 2 and report["parsed"] == 0
    assert report["reads"] == ([] if stored else ["a.txt", "b.txt"])
