"""The cache's layout (schema 5): a result's row found by an integer key made of its content hash,
pipeline version and the rows' dictionary, stored as JSON arrays against that dictionary; and caches
of schemas 3 and 4 converted in place with their rows and file signatures kept."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
import zlib
from pathlib import Path

import pytest

import sitrep.cache as cache_module
from sitrep.cache import SCHEMA_VERSION, ResultCache
from sitrep.rows import COMPRESSION_DICTIONARY, encode_row

from test_cache import make_result
from test_cache_signatures import FOLDER, SIGNED

_SCHEMA_3 = (
    "CREATE TABLE results (hash TEXT NOT NULL, version TEXT NOT NULL, data BLOB NOT NULL,"
    " used REAL NOT NULL, PRIMARY KEY (hash, version))",
    "CREATE INDEX results_used ON results (used)",
    "CREATE TABLE files (path TEXT NOT NULL PRIMARY KEY, device INTEGER NOT NULL, inode INTEGER NOT NULL,"
    " size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, hash TEXT NOT NULL,"
    " mtime REAL NOT NULL, seen REAL NOT NULL) WITHOUT ROWID",
    "CREATE INDEX files_seen ON files (seen)",
    "CREATE TABLE reports (folder TEXT NOT NULL PRIMARY KEY, key TEXT NOT NULL, data BLOB NOT NULL,"
    " made REAL NOT NULL)",
)


def schema_3_cache(path: Path, now: float) -> None:
    """A cache as sitrep wrote it at schema 3: rows with their content hash inside, keyed by the hash
    in hex; one file signature; one stored report."""
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA page_size = {cache_module.PAGE_SIZE}")
    db.execute("PRAGMA auto_vacuum = INCREMENTAL")
    for statement in _SCHEMA_3:
        db.execute(statement)
    for content_hash in ("a" * 64, "b" * 64, *(f"{n:064x}" for n in range(300))):
        deflater = zlib.compressobj(6, zdict=COMPRESSION_DICTIONARY)
        data = deflater.compress(encode_row(make_result(content_hash))) + deflater.flush()
        db.execute("INSERT INTO results VALUES (?, ?, ?, ?)", (content_hash, "v1", data, now))
    db.execute("INSERT INTO results VALUES (?, ?, ?, ?)", ("not hex", "v1", b"x", now))
    (device, inode, size, mtime_ns, ctime_ns), digest, mtime = SIGNED
    db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (f"{FOLDER}/a.txt", device, inode, size, mtime_ns, ctime_ns, digest, mtime, now))
    db.execute("INSERT INTO reports VALUES (?, ?, ?, ?)", (FOLDER, "k" * 64, b"stored report", now))
    db.execute(f"PRAGMA application_id = {0x53495452}")
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()


def names(path: Path) -> set[str]:
    """The tables and indexes of the database at `path`."""
    db = sqlite3.connect(path)
    try:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
    finally:
        db.close()


def test_a_cache_of_schema_3_keeps_its_rows_when_converted(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    schema_3_cache(path, now=1_800_000_000.0)
    cache = ResultCache(path, "v1")
    found = cache.get_many(["a" * 64, "b" * 64])
    assert cache.problem is None
    assert found == {"a" * 64: make_result("a" * 64), "b" * 64: make_result("b" * 64)}


def test_a_cache_of_schema_3_drops_its_file_signatures_and_report_when_converted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.sqlite3"
    schema_3_cache(path, now=1_800_000_000.0)
    cache = ResultCache(path, "v1")
    assert cache.get_signatures(FOLDER) == {}  # stored by absolute path: its folder is not known
    assert cache.get_last_report(FOLDER) is None


def test_a_converted_cache_has_this_schema_and_no_index_left_over(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    schema_3_cache(path, now=1_800_000_000.0)
    ResultCache(path, "v1").close()
    assert names(path) == {"results", "results_key", "results_used", "files", "reports"}
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    assert set(db.execute("SELECT typeof(hash), length(hash), typeof(tag), typeof(used) FROM results")) == {
        ("blob", 16, "integer", "integer")}
    db.close()


def after_conversion(tmp_path: Path, query: str) -> object:
    """The first value of `query` on a schema-3 cache once sitrep has opened (converted) it."""
    path = tmp_path / "c.sqlite3"
    schema_3_cache(path, now=1_800_000_000.0)
    ResultCache(path, "v1").close()
    db = sqlite3.connect(path)
    try:
        return db.execute(query).fetchone()[0]
    finally:
        db.close()


def test_a_schema_3_row_whose_hash_is_not_a_hash_is_dropped_in_the_conversion(tmp_path: Path) -> None:
    assert after_conversion(tmp_path, "SELECT count(*) FROM results") == 302


def test_a_conversion_in_batches_keeps_every_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "_CONVERT_BATCH", 7)  # 302 rows: 43 whole batches and one of 1
    assert after_conversion(tmp_path, "SELECT count(*) FROM results") == 302


def test_the_conversion_gives_the_old_tables_pages_back(tmp_path: Path) -> None:
    assert after_conversion(tmp_path, "PRAGMA freelist_count") == 0


def test_two_rows_meeting_on_one_key_are_told_apart_by_their_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "_row_key", lambda digest, version: 7)
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result("a" * 64)])
    cache.put_many([make_result("b" * 64)])  # replaces the first on key 7
    assert cache.get_many(["a" * 64, "b" * 64]) == {"b" * 64: make_result("b" * 64)}


def test_a_row_of_another_version_on_the_same_key_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "_row_key", lambda digest, version: 7)
    ResultCache(tmp_path / "c.sqlite3", "v2").put_many([make_result("a" * 64)])
    assert ResultCache(tmp_path / "c.sqlite3", "v1").get_many(["a" * 64]) == {}


def test_a_hash_that_is_not_sha256_hex_is_neither_stored_nor_found(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result("not a hash")])
    assert cache.get_many(["not a hash"]) == {}
    assert cache.writable and cache.problem is None


@pytest.mark.parametrize("content_hash", ["A" * 64, "aa " * 21 + "a", "g" * 64, "a" * 63])
def test_only_a_lower_case_hex_sha256_is_taken_as_a_content_hash(tmp_path: Path, content_hash: str) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result(content_hash)])
    assert cache.get_many([content_hash]) == {} and cache.writable


def test_the_key_differs_by_version_and_by_hash() -> None:
    a, b = bytes.fromhex("a" * 64), bytes.fromhex("b" * 64)
    keys = {cache_module._row_key(a, "v1"), cache_module._row_key(a, "v2"), cache_module._row_key(b, "v1")}
    assert len(keys) == 3 and all(-(1 << 63) <= key < (1 << 63) for key in keys)


def schema_4_cache(path: Path, now: int) -> None:
    """A cache as sitrep wrote it at schema 4: rows of the object layout against the old dictionary,
    keyed by `_row_key` of the hash and the version's text; one file signature; one stored report."""
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA page_size = {cache_module.PAGE_SIZE}")
    db.execute("PRAGMA auto_vacuum = INCREMENTAL")
    db.execute("CREATE TABLE results (id INTEGER PRIMARY KEY, key INTEGER NOT NULL, hash BLOB NOT NULL,"
               " version TEXT NOT NULL, data BLOB NOT NULL, used INTEGER NOT NULL)")
    db.execute("CREATE UNIQUE INDEX results_key ON results (key)")
    db.execute("CREATE INDEX results_used ON results (used)")
    db.execute("CREATE TABLE files (path TEXT NOT NULL PRIMARY KEY, device INTEGER NOT NULL,"
               " inode INTEGER NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
               " ctime_ns INTEGER NOT NULL, sha256 BLOB NOT NULL, mtime REAL NOT NULL, seen INTEGER NOT NULL)"
               " WITHOUT ROWID")
    db.execute("CREATE TABLE reports (folder TEXT NOT NULL PRIMARY KEY, key TEXT NOT NULL,"
               " data BLOB NOT NULL, made REAL NOT NULL)")
    for content_hash in ("a" * 64, "b" * 64):
        deflater = zlib.compressobj(6, zdict=COMPRESSION_DICTIONARY)
        data = deflater.compress(encode_row(make_result(content_hash), with_hash=False)) + deflater.flush()
        digest = bytes.fromhex(content_hash)
        key = int.from_bytes(hashlib.blake2b(digest + b"v1", digest_size=8).digest(), "big", signed=True)
        db.execute("INSERT INTO results (key, hash, version, data, used) VALUES (?, ?, ?, ?, ?)",
                   (key, digest, "v1", data, now))
    db.execute("INSERT INTO results (key, hash, version, data, used) VALUES (1, ?, 'v1', x'00', ?)",
               (bytes.fromhex("c" * 64), now))
    (device, inode, size, mtime_ns, ctime_ns), digest_hex, mtime = SIGNED
    db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (f"{FOLDER}/a.txt", device, inode, size, mtime_ns, ctime_ns, bytes.fromhex(digest_hex), mtime,
                now))
    db.execute("INSERT INTO reports VALUES (?, ?, ?, ?)", (FOLDER, "k" * 64, b"stored report", now))
    db.execute(f"PRAGMA application_id = {0x53495452}")
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()


def test_a_cache_of_schema_4_keeps_its_rows_and_drops_its_signatures_and_report_when_converted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.sqlite3"
    schema_4_cache(path, now=int(time.time()))
    cache = ResultCache(path, "v1")
    assert cache.problem is None
    assert cache.get_many(["a" * 64, "b" * 64, "c" * 64]) == {
        "a" * 64: make_result("a" * 64), "b" * 64: make_result("b" * 64)}
    assert cache.get_signatures(FOLDER) == {} and cache.get_last_report(FOLDER) is None


def test_a_converted_schema_4_row_is_stored_as_arrays_against_the_new_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    schema_4_cache(path, now=int(time.time()))
    ResultCache(path, "v1").close()
    db = sqlite3.connect(path)
    blobs = [blob for (blob,) in db.execute("SELECT data FROM results")]
    db.close()
    assert len(blobs) == 2  # the unreadable row is left out
    assert all(json.loads(cache_module.inflate(blob))[0] == "a.txt" for blob in blobs)


def test_a_row_stored_against_another_dictionary_is_a_miss_not_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ResultCache(tmp_path / "c.sqlite3", "v1").put_many([make_result("a" * 64)])
    monkeypatch.setattr(cache_module, "stored_dictionary_id", lambda: 12345)
    with caplog.at_level(logging.WARNING):
        assert ResultCache(tmp_path / "c.sqlite3", "v1").get_many(["a" * 64]) == {}
    assert caplog.records == []


def test_a_stored_row_is_smaller_than_the_object_row_against_the_old_dictionary() -> None:
    row = encode_row(make_result(), with_hash=False)
    deflater = zlib.compressobj(6, zdict=COMPRESSION_DICTIONARY)
    assert len(cache_module.encode_result(make_result())) < len(deflater.compress(row) + deflater.flush())
