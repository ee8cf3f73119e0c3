"""The cache's `files` table: each file's stat signature and content hash by its folder and its path
inside it, so that a fresh process need not read and hash an unchanged file (like git's index).

What may be stored and when a signature is trusted is the engine's call
(`tests/test_engine_signatures.py`); here: what comes back, what is refused, how the table is
upgraded into an older cache of ours and how it is kept from growing.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

import sitrep.cache as cache_module
from sitrep.cache import SCHEMA_VERSION, NullCache, ResultCache, Signed

from test_cache import make_result

FOLDER = "/articles/mali"
SIGNED: Signed = ((2049, 131, 75, 1_754_800_000_123_456_789, 1_754_800_001_000_000_000), "c" * 64,
                  1754800000.1234567)


def signed(size: int = 75, digest: str = "c" * 64) -> Signed:
    """`SIGNED` with another size or content hash."""
    (device, inode, _size, mtime_ns, ctime_ns), _digest, mtime = SIGNED
    return (device, inode, size, mtime_ns, ctime_ns), digest, mtime


def test_stored_signatures_come_back_by_absolute_path(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_signatures(FOLDER, {f"{FOLDER}/a.txt": SIGNED, f"{FOLDER}/sub/b.txt": signed(80)}, [])
    cache.close()
    again = ResultCache(tmp_path / "c.sqlite3", "v1")
    assert again.get_signatures(FOLDER) == {f"{FOLDER}/a.txt": SIGNED, f"{FOLDER}/sub/b.txt": signed(80)}


def test_only_the_files_under_the_folder_come_back(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_signatures(FOLDER, {f"{FOLDER}/a.txt": SIGNED}, [])
    for other in (f"{FOLDER}-old", f"{FOLDER}0", "/articles"):
        cache.put_signatures(other, {f"{other}/a.txt": SIGNED}, [])
    assert list(cache.get_signatures(FOLDER)) == [f"{FOLDER}/a.txt"]
    assert list(cache.get_signatures("/articles")) == ["/articles/a.txt"]


def test_a_path_outside_the_folder_it_is_stored_under_is_not_stored(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_signatures(FOLDER, {f"{FOLDER}/a.txt": SIGNED, f"{FOLDER}-old/a.txt": SIGNED,
                                  "/articles/a.txt": SIGNED}, [])
    assert list(cache.get_signatures(FOLDER)) == [f"{FOLDER}/a.txt"]
    assert cache.get_signatures(f"{FOLDER}-old") == {} and cache.get_signatures("/articles") == {}


def test_a_file_is_stored_by_its_folder_s_key_and_its_path_inside_the_folder(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_signatures(FOLDER, {f"{FOLDER}/sub/b.txt": SIGNED}, [])
    assert cache._db is not None
    assert cache._db.execute("SELECT folder, name FROM files").fetchall() == [
        (cache_module._folder_key(FOLDER), "sub/b.txt")]


def test_a_gone_file_s_signature_is_forgotten_and_a_changed_one_replaced(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_signatures(FOLDER, {f"{FOLDER}/a.txt": SIGNED, f"{FOLDER}/b.txt": SIGNED}, [])
    cache.put_signatures(FOLDER, {f"{FOLDER}/b.txt": signed(90, "d" * 64)}, [f"{FOLDER}/a.txt"])
    assert cache.get_signatures(FOLDER) == {f"{FOLDER}/b.txt": signed(90, "d" * 64)}


def test_a_path_that_is_not_utf8_is_not_stored_and_the_rest_are(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    odd = f"{FOLDER}/caf\udce9.txt"  # a Latin-1 name as Python keeps it
    cache.put_signatures(FOLDER, {odd: SIGNED, f"{FOLDER}/a.txt": SIGNED}, [odd])
    assert cache.problem is None and cache.writable
    assert list(cache.get_signatures(FOLDER)) == [f"{FOLDER}/a.txt"]


def test_an_inode_past_sqlite_s_integers_is_not_stored(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    (device, _inode, size, mtime_ns, ctime_ns), digest, mtime = SIGNED
    huge = ((device, 1 << 63, size, mtime_ns, ctime_ns), digest, mtime)
    cache.put_signatures(FOLDER, {f"{FOLDER}/a.txt": huge}, [])
    assert cache.writable and cache.get_signatures(FOLDER) == {}


@pytest.mark.parametrize(("column", "value"), [
    ("sha256", "not a hash"),
    ("sha256", 12345),
    ("sha256", "c" * 64),  # the digits, not the 32 bytes
    ("sha256", b"\xcc" * 31),
    ("mtime", "yesterday"),
    ("mtime", 1e300),
    ("mtime", 1754000000.0),  # not the float of the row's mtime_ns
    ("size", -1),
    ("size", "75 bytes"),
    ("inode", 1.5),
])
def test_a_tampered_signature_row_is_left_out_and_the_others_come_back(
    tmp_path: Path, column: str, value: object
) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_signatures(FOLDER, {f"{FOLDER}/a.txt": SIGNED, f"{FOLDER}/b.txt": SIGNED}, [])
    assert cache._db is not None
    cache._db.execute(f"UPDATE files SET {column} = ? WHERE name = ?", (value, "a.txt"))
    assert cache.get_signatures(FOLDER) == {f"{FOLDER}/b.txt": SIGNED}


def alter(path: Path, *statements: str) -> None:
    """Run `statements` on the cache at `path` from outside sitrep (as an older sitrep left it)."""
    old = sqlite3.connect(path)
    for statement in statements:
        old.execute(statement)
    old.commit()
    old.close()


def test_a_cache_made_before_the_files_table_keeps_its_results_and_gains_the_table(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    cache = ResultCache(path, "v1")
    cache.put_many([make_result("a" * 64)])
    cache.close()
    alter(path, "DROP TABLE files")  # as the previous sitrep left it: same schema version, no files
    again = ResultCache(path, "v1")
    assert again.problem is None and list(again.get_many(["a" * 64])) == ["a" * 64]
    again.put_signatures(FOLDER, {f"{FOLDER}/a.txt": SIGNED}, [])
    assert again.get_signatures(FOLDER) == {f"{FOLDER}/a.txt": SIGNED}
    assert again._db is not None
    assert again._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_files_table_of_another_layout_is_made_again_and_the_results_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    cache = ResultCache(path, "v1")
    cache.put_many([make_result("a" * 64)])
    cache.close()
    alter(path, "DROP TABLE files", "CREATE TABLE files (path TEXT PRIMARY KEY, hash TEXT)")
    again = ResultCache(path, "v1")
    again.put_signatures(FOLDER, {f"{FOLDER}/a.txt": SIGNED}, [])
    assert again.writable and again.problem is None
    assert again.get_signatures(FOLDER) == {f"{FOLDER}/a.txt": SIGNED}
    assert list(again.get_many(["a" * 64])) == ["a" * 64]


def test_a_cache_without_the_files_table_opened_read_only_knows_no_file(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    ResultCache(path, "v1").close()
    alter(path, "DROP TABLE files")
    cache = ResultCache(path, "v1")
    cache.close()
    cache._db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)  # as `_read_only` opens it
    cache.writable = False
    assert cache.get_signatures(FOLDER) == {}
    cache.put_signatures(FOLDER, {f"{FOLDER}/a.txt": SIGNED}, [])  # not saved, not an error
    assert cache.problem is None


def test_signatures_not_seen_for_files_max_age_are_evicted_on_opening(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    cache = ResultCache(path, "v1")
    cache.put_signatures(FOLDER, {f"{FOLDER}/old.txt": SIGNED, f"{FOLDER}/new.txt": SIGNED}, [])
    assert cache._db is not None
    cache._db.execute("UPDATE files SET seen = ? WHERE name = ?",
                      (time.time() - cache_module.FILES_MAX_AGE - 60, "old.txt"))
    cache.close()
    assert list(ResultCache(path, "v1").get_signatures(FOLDER)) == [f"{FOLDER}/new.txt"]


def test_reading_a_signature_over_a_day_old_marks_it_seen(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    cache = ResultCache(path, "v1")
    cache.put_signatures(FOLDER, {f"{FOLDER}/a.txt": SIGNED}, [])
    assert cache._db is not None
    long_ago = time.time() - cache_module.FILES_MAX_AGE + 3600
    cache._db.execute("UPDATE files SET seen = ?", (long_ago,))
    assert list(cache.get_signatures(FOLDER)) == [f"{FOLDER}/a.txt"]
    assert cache._db.execute("SELECT seen FROM files").fetchone()[0] > time.time() - 60


def test_null_cache_knows_no_file() -> None:
    cache = NullCache()
    cache.put_signatures(FOLDER, {f"{FOLDER}/a.txt": SIGNED}, [])
    assert cache.get_signatures(FOLDER) == {}


def test_a_cache_made_before_the_reports_table_keeps_its_results_and_gains_the_table(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    cache = ResultCache(path, "v1")
    cache.put_many([make_result("a" * 64)])
    cache.close()
    alter(path, "DROP TABLE reports")
    again = ResultCache(path, "v1")
    assert again.problem is None and list(again.get_many(["a" * 64])) == ["a" * 64]
    again.put_report(FOLDER, "k" * 64, b"report")
    assert again.get_report(FOLDER, "k" * 64) == b"report"


def test_a_reports_table_of_another_layout_is_made_again_and_the_results_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    cache = ResultCache(path, "v1")
    cache.put_many([make_result("a" * 64)])
    cache.close()
    alter(path, "DROP TABLE reports", "CREATE TABLE reports (folder TEXT PRIMARY KEY, data BLOB)")
    again = ResultCache(path, "v1")
    again.put_report(FOLDER, "k" * 64, b"report")
    assert again.writable and again.problem is None
    assert again.get_report(FOLDER, "k" * 64) == b"report" and again.get_report(FOLDER, "j" * 64) is None
    assert list(again.get_many(["a" * 64])) == ["a" * 64]
