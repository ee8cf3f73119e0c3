"""Tests for `sitrep.cache`: results by content hash and pipeline version, and a cache that is never fatal.

The last section runs the real `Engine` over a temporary copy of `seeds/` with the cache in a
temporary folder: a warm run parses nothing and a changed file re-parses only itself.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

import sitrep.cache as cache_module
from sitrep.cache import NullCache, ResultCache, open_cache
from sitrep.config import Config, parse_config
from sitrep.engine import Engine
from sitrep.model import (
    ActorMention,
    ArticleResult,
    Claim,
    ContextItem,
    Dispute,
    Evidence,
    StatusEvent,
)
from sitrep.rows import ActorRow, ClaimRow, ContextRow, DisputeRow, EventRow, LeadRow, Row, encode_row
from sitrep.version import pipeline_version

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_NAME = "mali_2025_coup_plot_soldiers_arrested.txt"
SECOND_ARTICLE = (
    "Soldiers Detained In Bamako\n\n"
    "General Abass Dembele was detained in Bamako on Monday, AFP reported.\n\n"
    "The junta did not comment on the arrests.\n"
)


def make_result(content_hash: str = "a" * 64, path: str = "a.txt") -> ArticleResult:
    """An `ArticleResult` using every kind of nested record, so a round trip checks them all."""
    evidence = Evidence(path, "General Abass Dembele was arrested, AFP said.", "f00d")
    return ArticleResult(
        path=path,
        title="Soldiers arrested",
        outlet="AFP",
        date="2025-08-10",
        content_hash=content_hash,
        mtime=1754800000.5,
        words=120,
        actors=[
            ActorMention(
                "Abass Dembele", "person", aliases=["Dembele"], roles=["General"], evidence=[evidence]
            ),
            ActorMention("AFP", "organisation", evidence=[evidence], cited_as_source=True),
        ],
        events=[StatusEvent("Abass Dembele", "arrested", "denied", "reported", "a friend", evidence)],
        disputes=[
            Dispute(
                "soldiers arrested",
                "numeric",
                [Claim("20 to 50 soldiers", "AFP", "figure", path, evidence.sentence, (20.0, 50.0))],
                actors=["AFP"],
                weight=0.5,
            )
        ],
        context=[ContextItem("history", "coups in 2020 and 2021", years=[2020, 2021], evidence=[evidence])],
        sentences=9,
        duplicates_removed=5,
    )


def corrupt_files(folder: Path) -> list[str]:
    """Names of the files set aside as `*.corrupt` in `folder`."""
    return sorted(p.name for p in folder.glob("*.corrupt"))


# --- round trip ------------------------------------------------------------------------------


def test_a_result_comes_back_unchanged_by_its_content_hash(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    result = make_result()
    cache.put_many([result])
    assert cache.get_many([result.content_hash]) == {result.content_hash: result}
    assert cache.problem is None


def test_a_second_open_finds_the_stored_result(tmp_path: Path) -> None:
    first = ResultCache(tmp_path / "c.sqlite3", "v1")
    first.put_many([make_result()])
    first.close()
    second = ResultCache(tmp_path / "c.sqlite3", "v1")
    assert second.get_many(["a" * 64]) == {"a" * 64: make_result()}


def test_a_different_pipeline_version_misses(tmp_path: Path) -> None:
    ResultCache(tmp_path / "c.sqlite3", "v1").put_many([make_result()])
    assert ResultCache(tmp_path / "c.sqlite3", "v2").get_many(["a" * 64]) == {}


def test_unknown_hashes_are_left_out(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    assert set(cache.get_many(["a" * 64, "b" * 64, "a" * 64])) == {"a" * 64}
    assert cache.get_many([]) == {}


def test_many_hashes_are_looked_up_in_one_call(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    results = [make_result(f"{i:064x}", f"{i}.txt") for i in range(1200)]
    cache.put_many(results)
    found = cache.get_many(r.content_hash for r in results)
    assert len(found) == 1200 and found[f"{7:064x}"].path == "7.txt"


def test_storing_the_same_hash_again_replaces_it(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result(path="old.txt")])
    cache.put_many([make_result(path="new.txt")])
    assert cache.get_many(["a" * 64])["a" * 64].path == "new.txt"


def test_the_cache_folder_is_created(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "deep" / "er" / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    assert (tmp_path / "deep" / "er" / "c.sqlite3").is_file() and cache.problem is None


# --- bad cache files -------------------------------------------------------------------------


def test_an_old_schema_of_our_own_is_replaced_without_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    ours = ResultCache(path, "v1")
    ours.close()
    old = sqlite3.connect(path)
    old.execute("DROP TABLE results")
    old.execute("CREATE TABLE results (hash TEXT PRIMARY KEY, blob BLOB)")
    old.execute("PRAGMA user_version = 2")
    old.commit()
    old.close()
    cache = ResultCache(path, "v1")
    cache.put_many([make_result()])
    assert cache.problem is None and "a" * 64 in cache.get_many(["a" * 64])


def test_an_unreadable_entry_is_a_miss_not_an_error(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result("a" * 64), make_result("b" * 64)])
    cache.close()
    db = sqlite3.connect(tmp_path / "c.sqlite3")
    db.execute("UPDATE results SET data = ? WHERE hash = ?", (b"not zlib", bytes.fromhex("a" * 32)))
    db.execute("UPDATE results SET data = ? WHERE hash = ?",
               (zlib.compress(b'[3]'), bytes.fromhex("b" * 32)))
    db.commit()
    db.close()
    assert ResultCache(tmp_path / "c.sqlite3", "v1").get_many(["a" * 64, "b" * 64]) == {}


def test_a_cache_that_cannot_be_created_runs_without_a_cache(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    cache = ResultCache(tmp_path / "file" / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    assert cache.get_many(["a" * 64]) == {}
    assert cache.problem is not None and "without a cache" in cache.problem


def test_a_cache_file_corrupted_while_open_is_rebuilt_on_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    cache = ResultCache(path, "v1")
    cache.put_many([make_result("a" * 64)])
    cache.close()
    cache = ResultCache(path, "v1")
    for name in ("c.sqlite3", "c.sqlite3-wal", "c.sqlite3-shm"):
        if (tmp_path / name).exists():
            (tmp_path / name).write_bytes(random.Random(name).randbytes(8192))
    cache.get_many(["a" * 64])
    cache.put_many([make_result("b" * 64)])
    assert "b" * 64 in cache.get_many(["b" * 64])
    assert cache.problem is not None


# --- files that are not ours: never renamed, written over or deleted ---------------------------


def listing(folder: Path) -> dict[str, tuple[str, str]]:
    """Every entry under `folder`, links not followed: relative name -> (type, content digest or
    link target), so a before/after comparison shows any file renamed, changed or deleted."""
    entries: dict[str, tuple[str, str]] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            entries[name] = ("link", os.readlink(path))
        elif path.is_file():
            entries[name] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            entries[name] = ("dir", "")
    return entries


def sqlite_file(path: Path, *statements: str) -> Path:
    """A SQLite database of some other program at `path`, made by running `statements`."""
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()
    return path


def our_cache(path: Path, *hashes: str) -> Path:
    """A sitrep cache at `path` holding a result for each hash (closed again)."""
    cache = ResultCache(path, "v1")
    cache.put_many([make_result(h) for h in hashes])
    assert cache.problem is None
    cache.close()
    return path


def garble(path: Path) -> bytes:
    """Overwrite all but the 100-byte header of a database file in place; the new content."""
    content = path.read_bytes()[:100] + random.Random(3).randbytes(8092)
    path.write_bytes(content)
    return content


FOREIGN_FILES = {
    "random bytes": lambda p: p.write_bytes(random.Random(7).randbytes(8192)),
    "text": lambda p: p.write_bytes(b"this is a text file, not a database\n" * 20),
    "sqlite header then garbage": lambda p: p.write_bytes(
        b"SQLite format 3\x00" + random.Random(8).randbytes(4080)),
    "empty file": lambda p: p.write_bytes(b""),
    "database with a table": lambda p: sqlite_file(
        p, "CREATE TABLE users (name TEXT)", "INSERT INTO users VALUES ('alice')"),
    "database with a results table": lambda p: sqlite_file(
        p, "CREATE TABLE results (hash TEXT, version TEXT, data BLOB, used REAL)",
        "PRAGMA application_id = 1234"),
    "database holding only a view": lambda p: sqlite_file(p, "CREATE VIEW v AS SELECT 1"),
    "folder": lambda p: p.mkdir(),
}


@pytest.mark.parametrize("make", FOREIGN_FILES.values(), ids=FOREIGN_FILES.keys())
def test_a_foreign_file_at_the_cache_path_is_left_untouched_and_the_run_goes_on_without_a_cache(
    tmp_path: Path, make: Any
) -> None:
    make(tmp_path / "c.sqlite3")
    before = listing(tmp_path)
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    assert cache.get_many(["a" * 64]) == {}
    cache.close()
    assert listing(tmp_path) == before
    assert cache.problem is not None
    assert "not a sitrep cache" in cache.problem and "without a cache" in cache.problem


def test_a_foreign_file_whose_name_is_too_long_to_set_aside_keeps_its_content(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 250)
    path.write_text("the user's notes\n", encoding="utf-8")
    ResultCache(path, "v1").put_many([make_result()])
    assert path.read_text(encoding="utf-8") == "the user's notes\n"


def test_a_corrupt_cache_of_our_own_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    content = garble(our_cache(tmp_path / "c.sqlite3", "a" * 64))
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    assert cache.problem is not None and "set it aside" in cache.problem
    assert (tmp_path / "c.sqlite3.corrupt").read_bytes() == content
    cache.put_many([make_result()])
    assert cache.get_many(["a" * 64]) == {"a" * 64: make_result()}


def test_a_corrupt_cache_of_our_own_that_cannot_be_renamed_is_kept_not_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite3"
    content = garble(our_cache(path, "a" * 64))

    def refuse(source: object, target: object) -> None:
        raise OSError(errno.ENAMETOOLONG, "File name too long", str(target))

    monkeypatch.setattr(os, "rename", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    cache = ResultCache(path, "v1")
    assert cache.problem is not None and "without a cache" in cache.problem
    assert path.read_bytes() == content and corrupt_files(tmp_path) == []


def test_setting_a_cache_aside_never_replaces_an_earlier_corrupt_copy(tmp_path: Path) -> None:
    (tmp_path / "c.sqlite3.corrupt").write_bytes(b"kept from last time")
    content = garble(our_cache(tmp_path / "c.sqlite3", "a" * 64))
    ResultCache(tmp_path / "c.sqlite3", "v1").close()
    assert (tmp_path / "c.sqlite3.corrupt").read_bytes() == b"kept from last time"
    assert content in [p.read_bytes() for p in tmp_path.glob("c.sqlite3.corrupt*")]


def test_no_cache_is_made_beside_a_leftover_file_sqlite_would_take_for_its_log(tmp_path: Path) -> None:
    (tmp_path / "c.sqlite3-wal").write_text("somebody's file\n", encoding="utf-8")
    before = listing(tmp_path)
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    cache.close()
    assert listing(tmp_path) == before and cache.problem is not None


SYMLINK_TARGETS = {
    "empty file": lambda p: p.write_bytes(b""),
    "text file": lambda p: p.write_text("private notes\n", encoding="utf-8"),
    "database holding only a view": lambda p: sqlite_file(p, "CREATE VIEW v AS SELECT 1"),
    "missing file": lambda p: None,
}


@pytest.mark.parametrize("make", SYMLINK_TARGETS.values(), ids=SYMLINK_TARGETS.keys())
def test_a_symlink_to_a_file_that_is_not_a_sitrep_cache_is_never_written_through(
    tmp_path: Path, make: Any
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "cache").mkdir()
    make(tmp_path / "elsewhere" / "target")
    (tmp_path / "cache" / "c.sqlite3").symlink_to(tmp_path / "elsewhere" / "target")
    before = listing(tmp_path)
    cache = ResultCache(tmp_path / "cache" / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    cache.close()
    assert listing(tmp_path) == before
    assert cache.problem is not None and "without a cache" in cache.problem


def test_a_symlink_to_a_cache_of_our_own_is_used(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    our_cache(tmp_path / "elsewhere" / "c.sqlite3", "a" * 64)
    (tmp_path / "link.sqlite3").symlink_to(tmp_path / "elsewhere" / "c.sqlite3")
    cache = ResultCache(tmp_path / "link.sqlite3", "v1")
    assert cache.get_many(["a" * 64]) == {"a" * 64: make_result()} and cache.problem is None
    assert (tmp_path / "link.sqlite3").is_symlink()


# --- locked, read-only, full: not corruption ---------------------------------------------------


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up on another process's lock after a fifth of a second instead of ten."""
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.2)


def identities(folder: Path) -> dict[str, int]:
    """File name -> inode, for every file in `folder`."""
    return {p.name: p.stat().st_ino for p in folder.iterdir()}


def test_a_cache_locked_by_another_process_is_read_but_never_set_aside(
    tmp_path: Path, short_busy_timeout: None
) -> None:
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO results (key, hash, tag, data, used) VALUES (1, x'00', 1, x'00', 0)")
    held = identities(tmp_path)
    cache = ResultCache(path, "v1")
    assert cache.get_many(["a" * 64]) == {"a" * 64: make_result()}
    cache.put_many([make_result("b" * 64)])
    assert identities(tmp_path) == held and corrupt_files(tmp_path) == []
    assert cache.problem is not None and "locked" in cache.problem
    holder.execute("COMMIT")
    holder.close()
    cache.close()
    assert ResultCache(path, "v1").get_many(["a" * 64]) == {"a" * 64: make_result()}


def test_a_write_while_another_process_holds_the_lock_is_skipped_not_rebuilt(
    tmp_path: Path, short_busy_timeout: None
) -> None:
    cache = ResultCache(our_cache(tmp_path / "c.sqlite3", "a" * 64), "v1")
    holder = sqlite3.connect(tmp_path / "c.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    cache.put_many([make_result("b" * 64)])
    holder.execute("ROLLBACK")
    holder.close()
    cache.put_many([make_result("c" * 64)])
    assert set(cache.get_many(["a" * 64, "b" * 64, "c" * 64])) == {"a" * 64, "c" * 64}
    assert corrupt_files(tmp_path) == []


def test_a_full_disk_stops_saving_without_setting_the_cache_aside(tmp_path: Path) -> None:
    cache = ResultCache(our_cache(tmp_path / "c.sqlite3", "a" * 64), "v1")
    assert cache._db is not None
    pages = cache._db.execute("PRAGMA page_count").fetchone()[0]
    cache._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
    # Rows are put one by one until the pages run out: how many fit depends on the row's bytes.
    for i in range(500):
        cache.put_many([make_result(f"{i:064x}", "x" * 5000)])
        if cache.problem is not None:
            break
    assert cache.problem is not None and "full" in cache.problem
    assert cache.get_many(["a" * 64]) == {"a" * 64: make_result()}
    assert corrupt_files(tmp_path) == []


_FILE_SIZE_LIMITED = textwrap.dedent(
    """
    import json, random, resource, signal, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_cache import make_result
    from sitrep.cache import ResultCache

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    cache = ResultCache(Path(sys.argv[1]), "v1")
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
    for i in range(40):
        cache.put_many([make_result(f"{{i:064x}}", random.Random(i).randbytes(20_000).hex())])
    print(json.dumps({{"problem": cache.problem, "found": sorted(cache.get_many(["a" * 64]))}}))
    """
).format(tests=str(Path(__file__).parent))


def test_a_disk_io_error_stops_saving_without_setting_the_cache_aside(tmp_path: Path) -> None:
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64)
    report = json.loads(run_workers(_FILE_SIZE_LIMITED, [[str(path)]])[0])
    assert "I/O error" in report["problem"] and report["found"] == ["a" * 64]
    assert corrupt_files(tmp_path) == []


_READ_AND_WRITE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_cache import make_result
    from sitrep.cache import ResultCache

    cache = ResultCache(Path(sys.argv[1]), "v1")
    found = cache.get_many(["a" * 64, "b" * 64])
    cache.put_many([make_result("b" * 64)])
    print(json.dumps({{"problem": cache.problem, "found": sorted(found)}}))
    """
).format(tests=str(Path(__file__).parent))


def run_without_permission_override(script: str, *arguments: str) -> dict[str, Any]:
    """Run a `_READ_AND_WRITE`-like script as a process that file permissions apply to (root
    drops its override with `setpriv`); the JSON it prints."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv, so file permissions cannot be enforced")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([*prefix, sys.executable, "-c", script, *arguments],
                          capture_output=True, text=True, env=env, timeout=60)
    if done.returncode != 0 and done.stderr.startswith("setpriv:"):
        pytest.skip(f"setpriv cannot drop the permission override here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path, int], None]]:
    """chmod a path for the test, and give every changed path its write permission back after."""
    changed: list[Path] = []

    def chmod(path: Path, mode: int) -> None:
        changed.append(path)
        path.chmod(mode)

    yield chmod
    for path in reversed(changed):
        path.chmod(0o755)


def test_a_cache_in_a_read_only_folder_is_read_without_saving(
    tmp_path: Path, read_only: Callable[[Path, int], None]
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    our_cache(folder / "c.sqlite3", "a" * 64)
    read_only(folder, 0o555)
    before = listing(folder)
    report = run_without_permission_override(_READ_AND_WRITE, str(folder / "c.sqlite3"))
    assert report["found"] == ["a" * 64] and "read-only" in report["problem"]
    assert listing(folder) == before


def test_a_read_only_cache_file_is_read_without_saving_and_never_set_aside(
    tmp_path: Path, read_only: Callable[[Path, int], None]
) -> None:
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64)
    content = path.read_bytes()
    read_only(path, 0o444)
    report = run_without_permission_override(_READ_AND_WRITE, str(path))
    assert report["found"] == ["a" * 64] and "read-only" in report["problem"]
    assert path.read_bytes() == content and corrupt_files(tmp_path) == []


def test_a_read_only_folder_without_a_cache_runs_without_one(
    tmp_path: Path, read_only: Callable[[Path, int], None]
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    read_only(folder, 0o555)
    report = run_without_permission_override(_READ_AND_WRITE, str(folder / "c.sqlite3"))
    assert report["found"] == [] and "without a cache" in report["problem"]
    assert list(folder.iterdir()) == []


# --- tampered rows ---------------------------------------------------------------------------


def tamper(path: Path, key: str, data: bytes) -> None:
    """Replace the stored bytes of one row, as someone with write access to the cache could."""
    db = sqlite3.connect(path)
    db.execute("UPDATE results SET data = ? WHERE hash = ?", (data, bytes.fromhex(key)[:16]))
    db.commit()
    db.close()


def stored_row() -> dict[str, Any]:
    """The row of `make_result()` as plain data with its field names (`sitrep extract`'s layout,
    see `sitrep.rows`), without its content hash as the cache stores it."""
    return json.loads(encode_row(make_result(), with_hash=False))


def as_arrays(data: Any, record: Any = Row) -> Any:
    """A row given by field names in the layout the cache stores: each record a JSON array of its
    fields in order, a field left out at its default. A value that is not a record, or not a list
    of records where the layout has one, is kept as it is (so a tampered type stays tampered)."""
    if not isinstance(data, dict) or record is None:
        return data
    out = []
    for field in msgspec.structs.fields(record):
        value = data[field.name] if field.name in data else msgspec.to_builtins(
            field.default if field.default is not msgspec.NODEFAULT else field.default_factory())
        inner = NESTED.get((record, field.name))
        if inner is not None and isinstance(value, list):
            value = [as_arrays(item, inner) for item in value]
        out.append(value)
    return out


NESTED: dict[tuple[Any, str], Any] = {
    (Row, "actors"): ActorRow, (Row, "events"): EventRow, (Row, "disputes"): DisputeRow,
    (Row, "context"): ContextRow, (Row, "leads"): LeadRow, (Row, "endings"): LeadRow,
    (Row, "measures"): LeadRow, (Row, "calls"): LeadRow,
    (DisputeRow, "claims"): ClaimRow,
}
"""The records inside records (`as_arrays`)."""


def packed(data: Any) -> bytes:
    """`data` (field names) stored as a row is: arrays (`as_arrays`), JSON, compressed."""
    return zlib.compress(json.dumps(as_arrays(data)).encode())


def with_dictionary(dictionary: bytes) -> bytes:
    """The stored row of `make_result()`, compressed against another preset dictionary."""
    deflater = zlib.compressobj(6, zdict=dictionary)
    return deflater.compress(json.dumps(as_arrays(stored_row())).encode()) + deflater.flush()


def with_field(change: Callable[[dict[str, Any]], None]) -> bytes:
    """A stored row of `make_result()` with one change made to its data."""
    data = stored_row()
    change(data)
    return packed(data)


TAMPERED_ROWS = {
    "nested 100,000 deep": zlib.compress(b"[" * 100_000),
    "title a number": with_field(lambda d: d.update(title=12345)),
    "actor name a number": with_field(lambda d: d["actors"][0].update(name=7)),
    "aliases a number": with_field(lambda d: d["actors"][0].update(aliases=5)),
    "aliases numbers": with_field(lambda d: d["actors"][0].update(aliases=[5, 6])),
    "evidence index past the table": with_field(lambda d: d["actors"][0].update(evidence=[1])),
    "evidence index negative": with_field(lambda d: d["actors"][0].update(evidence=[-1])),
    "sentence index past the table": with_field(lambda d: d["evidence"][0].__setitem__(1, 9)),
    "claim article past the files": with_field(lambda d: d["disputes"][0]["claims"][0].update(article=9)),
    "event evidence a list": with_field(lambda d: d["events"][0].update(evidence=[0])),
    "certainty not one of the five": with_field(lambda d: d["events"][0].update(certainty="certain")),
    "claim value text": with_field(lambda d: d["disputes"][0]["claims"][0].update(value=["a", "b"])),
    "years text": with_field(lambda d: d["context"][0].update(years="2020")),
    "words a string": with_field(lambda d: d.update(words="120")),
    "a list, not a record": packed([1, 2]),
    "an actor that is a string": with_field(lambda d: d.update(actors=["Dembele"])),
    "not zlib": b"not zlib",
    "not JSON": zlib.compress(b"\xff\xfe"),
    "a row of schema 1 (to_dict)": packed(make_result().to_dict()),
    "compressed against another dictionary": with_dictionary(b'{"path":"","title":""} another layout'),
}


def test_the_row_the_tampering_cases_change_is_read_back_unchanged() -> None:
    row = stored_row()
    assert cache_module.decode_result(packed(row), "a" * 64) == make_result()
    assert row["actors"][0]["evidence"] == [0] and len(row["evidence"]) == 1  # one evidence, named twice


@pytest.mark.parametrize("data", TAMPERED_ROWS.values(), ids=TAMPERED_ROWS.keys())
def test_a_tampered_row_is_a_miss_not_an_error(tmp_path: Path, data: bytes) -> None:
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64, "b" * 64)
    tamper(path, "a" * 64, data)
    assert set(ResultCache(path, "v1").get_many(["a" * 64, "b" * 64])) == {"b" * 64}


def test_a_row_is_compressed_against_the_rows_dictionary_and_is_smaller_for_it() -> None:
    row = encode_row(make_result(), with_hash=False)
    stored = cache_module.encode_result(make_result())
    assert len(stored) < len(zlib.compress(row, 9))
    assert cache_module.decode_result(stored, "a" * 64) == make_result()


def test_a_stored_row_leaves_out_its_content_hash_and_the_lookup_gives_it_back(tmp_path: Path) -> None:
    assert "a" * 64 not in json.dumps(stored_row())
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64)
    assert ResultCache(path, "v1").get_many(["a" * 64])["a" * 64].content_hash == "a" * 64


def test_a_new_cache_has_large_pages_so_rows_fill_them(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    cache.close()
    db = sqlite3.connect(tmp_path / "c.sqlite3")
    assert db.execute("PRAGMA page_size").fetchone()[0] == cache_module.PAGE_SIZE
    db.close()


def test_a_row_that_inflates_past_the_bound_is_refused_without_inflating_it(tmp_path: Path) -> None:
    bomb = zlib.compressobj(9)
    zeros = bytes(1 << 20)
    size = 4 * cache_module.MAX_ROW_BYTES
    data = b"".join(bomb.compress(zeros) for _ in range(size // len(zeros))) + bomb.flush()
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64, "b" * 64)
    tamper(path, "a" * 64, data)
    cache = ResultCache(path, "v1")
    tracemalloc.start()
    try:
        found = cache.get_many(["a" * 64, "b" * 64])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert set(found) == {"b" * 64}
    assert peak < 1.5 * cache_module.MAX_ROW_BYTES < size


# --- eviction --------------------------------------------------------------------------------

DAY = 86_400.0


def tag(version: str) -> int:
    """The tag rows of pipeline `version` carry."""
    return cache_module._tag(cache_module._stored_as(version))


def age(path: Path, key: str, version: str, days: float) -> None:
    """Make one row look last used `days` ago."""
    db = sqlite3.connect(path)
    db.execute("UPDATE results SET used = ? WHERE hash = ? AND tag = ?",
               (int(time.time() - days * DAY), bytes.fromhex(key)[:16], tag(version)))
    db.commit()
    db.close()


def stored(path: Path) -> set[tuple[str, str]]:
    """Every (hash, version) stored in the cache file, a hash by the 32 digits a row keeps of it,
    a version by name if it is "v1" or "v2"."""
    names = {tag(version): version for version in ("v1", "v2")}
    db = sqlite3.connect(path)
    rows = {(h.hex(), names.get(t, str(t))) for h, t in db.execute("SELECT hash, tag FROM results")}
    db.close()
    return rows


def test_rows_of_another_pipeline_version_unused_for_a_day_are_evicted(tmp_path: Path) -> None:
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64, "b" * 64)
    age(path, "a" * 64, "v1", 1.5)
    ResultCache(path, "v2").close()
    assert stored(path) == {("b" * 32, "v1")}


def test_evicting_rows_gives_every_page_they_held_back_to_the_disk(tmp_path: Path) -> None:
    path = our_cache(tmp_path / "c.sqlite3", *(f"{n:064x}" for n in range(400)))
    db = sqlite3.connect(path)
    db.execute("UPDATE results SET used = ?", (int(time.time() - 2 * DAY),))
    db.commit()
    db.close()
    ResultCache(path, "v2").close()
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 0
    assert db.execute("PRAGMA freelist_count").fetchone()[0] == 0
    db.close()


def test_rows_of_another_pipeline_version_in_recent_use_are_kept(tmp_path: Path) -> None:
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64)
    age(path, "a" * 64, "v1", 0.5)  # a second config sharing the cache, used this morning
    ResultCache(path, "v2").close()
    assert stored(path) == {("a" * 32, "v1")}


def test_rows_unused_for_max_age_days_are_evicted(tmp_path: Path) -> None:
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64, "b" * 64)
    age(path, "a" * 64, "v1", 31)
    age(path, "b" * 64, "v1", 29)
    ResultCache(path, "v1", max_age_days=30).close()
    assert stored(path) == {("b" * 32, "v1")}


def test_with_max_age_days_zero_rows_of_this_version_are_kept_however_old(tmp_path: Path) -> None:
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64)
    age(path, "a" * 64, "v1", 3650)
    ResultCache(path, "v1", max_age_days=0).close()
    assert stored(path) == {("a" * 32, "v1")}


def test_reading_a_row_counts_as_using_it(tmp_path: Path) -> None:
    path = our_cache(tmp_path / "c.sqlite3", "a" * 64)
    age(path, "a" * 64, "v1", 29)
    cache = ResultCache(path, "v1", max_age_days=30)
    cache.get_many(["a" * 64])
    cache.close()
    age_days = (time.time() - sqlite3.connect(path).execute("SELECT used FROM results").fetchone()[0]) / DAY
    assert age_days < 1


def test_open_cache_evicts_by_the_configured_max_age(tmp_path: Path) -> None:
    config = parse_config({"cache": {"path": str(tmp_path / "c.sqlite3"), "max_age_days": 7}})
    path = tmp_path / "c.sqlite3"
    cache = open_cache(config)
    cache.put_many([make_result()])
    cache.close()
    age(path, "a" * 64, cache.version, 8)
    open_cache(config).close()
    assert stored(path) == set()


# --- two processes ---------------------------------------------------------------------------

_WORKER = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_cache import make_result
    from sitrep.cache import ResultCache

    path, me, other = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    cache = ResultCache(path, "v1")
    seen_other = 0
    for i in range(60):
        mine = make_result(f"{{me}}{{i:063x}}", f"{{me}}/{{i}}.txt")
        cache.put_many([mine])
        assert cache.get_many([mine.content_hash]) == {{mine.content_hash: mine}}, i
        found = cache.get_many(f"{{other}}{{j:063x}}" for j in range(60))
        assert all(r.path.startswith(other + "/") for r in found.values())
        seen_other = max(seen_other, len(found))
    print(json.dumps({{"problem": cache.problem, "seen_other": seen_other}}))
    """
).format(tests=str(Path(__file__).parent))


def run_workers(script: str, argument_lists: list[list[str]]) -> list[str]:
    """Run `script` in one Python process per argument list, all at once; their outputs."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, *arguments],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for arguments in argument_lists
    ]
    outputs = [w.communicate(timeout=60) for w in workers]
    for worker, (_, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
    return [out for out, _ in outputs]


def test_two_processes_write_and_read_one_cache_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    outputs = run_workers(_WORKER, [[str(path), "a", "b"], [str(path), "b", "a"]])
    assert [json.loads(out)["problem"] for out in outputs] == [None, None]
    assert corrupt_files(tmp_path) == []
    everything = ResultCache(path, "v1").get_many(f"{me}{i:063x}" for me in "ab" for i in range(60))
    assert len(everything) == 120


_OPENER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from sitrep.cache import ResultCache

    folder, start, rounds = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    for r in range(rounds):
        while time.time() < start + r * 0.03:  # every process opens file r at the same moment
            pass
        cache = ResultCache(folder / f"{r}.sqlite3", "v1")
        print(cache.problem)
        cache.close()
    """
)


def test_processes_opening_a_new_cache_at_the_same_moment_never_set_it_aside(tmp_path: Path) -> None:
    start = f"{time.time() + 1.0:.3f}"
    outputs = run_workers(_OPENER, [[str(tmp_path), start, "15"] for _ in range(4)])
    problems = {line for out in outputs for line in out.splitlines()}
    assert problems == {"None"}
    assert corrupt_files(tmp_path) == []


# --- NullCache and open_cache ----------------------------------------------------------------


def test_null_cache_holds_nothing() -> None:
    cache = NullCache()
    cache.put_many([make_result()])
    assert cache.get_many(["a" * 64]) == {}
    cache.close()


def test_open_cache_uses_the_configured_path_and_pipeline_version(tmp_path: Path) -> None:
    config = parse_config({"cache": {"path": "sub/c.sqlite3"}}, base_dir=tmp_path)
    cache = open_cache(config)
    assert cache.path == tmp_path / "sub" / "c.sqlite3"
    assert cache.version == pipeline_version(config)
    cache.close()


def test_changing_the_user_patterns_changes_the_pipeline_version(tmp_path: Path) -> None:
    patterns = tmp_path / "p.jsonl"
    config = parse_config({"model": {"patterns": str(patterns)}})
    patterns.write_text('{"label": "ORG", "pattern": "Zorblax"}\n', encoding="utf-8")
    before = pipeline_version(config)
    patterns.write_text('{"label": "ORG", "pattern": "Zorblax Monitor"}\n', encoding="utf-8")
    assert pipeline_version(config) != before != pipeline_version(Config())


# --- the engine with a cache -----------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A temporary copy of `seeds/` plus one short second article."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    (target / "second.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    return target


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """Settings with the cache in the test's temporary folder."""
    return parse_config({"cache": {"path": str(tmp_path / "cache" / "c.sqlite3")}})


def analyse(config: Config, folder: Path) -> tuple[int, dict, bool]:
    """Run a fresh engine: (articles parsed, the report as a dict, whether spaCy was loaded). Its
    rows are read and merged, never the folder's stored report (`tests/test_stored_reports.py`)."""
    engine = Engine(config)
    try:
        situation = engine.analyse(folder, stored=False)
        return engine.parsed_last_run, situation.to_dict(), engine.model_loaded
    finally:
        engine.close()


def test_a_warm_run_parses_nothing_loads_no_model_and_gives_the_same_report(
    config: Config, folder: Path
) -> None:
    parsed, cold, _ = analyse(config, folder)
    assert parsed == 2
    parsed, warm, loaded = analyse(config, folder)
    assert (parsed, loaded) == (0, False)
    assert warm == cold


def test_a_changed_file_re_parses_only_itself(config: Config, folder: Path) -> None:
    engine = Engine(config)
    engine.analyse(folder)
    with (folder / "second.txt").open("a", encoding="utf-8") as f:
        f.write("\nGeneral Nema Sagara was also detained, the source said.\n")
    situation = engine.analyse(folder)
    engine.close()
    assert engine.parsed_last_run == 1
    assert {a.path for a in situation.articles} == {SEED_NAME, "second.txt"}


def test_a_renamed_file_is_not_re_parsed_and_its_evidence_names_the_new_file(
    config: Config, folder: Path
) -> None:
    analyse(config, folder)
    (folder / "second.txt").rename(folder / "renamed.txt")
    parsed, report, _ = analyse(config, folder)
    assert parsed == 0
    files = {e["file"] for actor in report["actors"] for e in actor["evidence"]}
    assert "renamed.txt" in files and "second.txt" not in files


def test_a_renamed_file_s_ending_names_the_new_file(config: Config, folder: Path) -> None:
    (folder / "siege.txt").write_text("Title: Siege over\nDate: 2025-08-12\n\nThe four-day siege of the "
                                      "Lusk mall drew to a close on Tuesday, the army said.\n",
                                      encoding="utf-8")
    analyse(config, folder)
    (folder / "siege.txt").rename(folder / "siege-renamed.txt")
    parsed, report, _ = analyse(config, folder)
    [over] = [line for line in report["status"] if line["text"].startswith("Over:")]
    assert parsed == 0 and [e["file"] for e in over["evidence"]] == ["siege-renamed.txt"]


def test_with_the_cache_disabled_every_run_parses_everything(folder: Path, tmp_path: Path) -> None:
    config = parse_config({"cache": {"enabled": False, "path": str(tmp_path / "c.sqlite3")}})
    Engine(config).analyse(folder)
    engine = Engine(config)  # a restart: nothing on disk to reuse
    engine.analyse(folder)
    engine.close()
    assert engine.parsed_last_run == 2
    assert not (tmp_path / "c.sqlite3").exists()


def test_a_corrupt_cache_file_does_not_stop_the_engine(config: Config, folder: Path) -> None:
    config.cache_path.parent.mkdir(parents=True)
    garble(our_cache(config.cache_path, "a" * 64))
    parsed, report, _ = analyse(config, folder)
    assert parsed == 2 and len(report["articles"]) == 2
    assert analyse(config, folder)[0] == 0


def test_a_foreign_file_at_the_cache_path_does_not_stop_the_engine(config: Config, folder: Path) -> None:
    config.cache_path.parent.mkdir(parents=True)
    config.cache_path.write_text("the user's notes\n", encoding="utf-8")
    parsed, report, _ = analyse(config, folder)
    assert parsed == 2 and len(report["articles"]) == 2
    assert config.cache_path.read_text(encoding="utf-8") == "the user's notes\n"


def test_a_tampered_row_is_re_parsed_and_the_report_is_unchanged(config: Config, folder: Path) -> None:
    _, cold, _ = analyse(config, folder)
    db = sqlite3.connect(config.cache_path)
    digest, blob = db.execute("SELECT hash, data FROM results ORDER BY hash LIMIT 1").fetchone()
    key = digest.hex()
    db.close()
    data = json.loads(cache_module.inflate(blob))
    data[1] = 12345  # the title
    tamper(config.cache_path, key, zlib.compress(json.dumps(data).encode()))
    parsed, warm, _ = analyse(config, folder)
    assert parsed == 1 and warm == cold
