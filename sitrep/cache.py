"""Per-article results cached in SQLite by content hash and pipeline version.

A second run over the same folder parses nothing; a changed file re-parses only itself. The
cache is never fatal, and it never harms a file that sitrep did not make:

- a file at the cache path that is not a sitrep cache (SQLite header with our application id)
  is left as it is, and the run goes on without a cache; a symlink is followed only to a cache
  of our own;
- only a damaged cache of our own is set aside (renamed to a free `*.corrupt` name, never
  deleted) and rebuilt;
- a cache that is locked, read-only or on a full or failing disk is not damaged: it is read
  without saving new results;
- stored rows are checked as they are decoded, and a bad one is re-parsed.

Rows unused for `max_age_days`, and rows of other pipeline versions unused for a day, are
evicted when the cache is opened.

Beside the results, table `files` keeps each file's stat signature and content hash by absolute
path, like git's index: a fresh process takes an unchanged file's hash from there instead of
reading and hashing the file again (`sitrep.engine` decides what may be stored and trusted).
Table `reports` keeps each folder's last report under the key of everything it was made from
(`sitrep.snapshot`): a fresh process over an unchanged folder shows it without decoding the
rows and merging them.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import math
import os
import re
import sqlite3
import stat
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .config import Config
from .model import ArticleResult
from .rows import (
    COMPRESSION_DICTIONARY,
    decode_row,
    decode_stored,
    encode_stored,
    stored_dictionary,
    stored_dictionary_id,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 5
"""5: rows in the array layout (`sitrep.rows.encode_stored`) compressed against
`sitrep.rows.stored_dictionary`, keyed by the pipeline version and that dictionary together; a row
keeps the first 16 bytes of its content hash (with the 64-bit key, enough to tell two rows apart)
and a 32-bit tag of its version in place of the version's text; `reports` has no rowid. 4: a
result's row is found by an integer key made of its content hash and pipeline version
(`_row_key`, so no index repeats the 64 hex digits of every hash), the
hashes are stored as 32 bytes, times of use as whole seconds, and a row leaves out its own content
hash (the key holds it); `files` has no index by the time a file was seen. 3: rows compressed
against `sitrep.rows.COMPRESSION_DICTIONARY`; 2: rows in the compact layout of `sitrep.rows`,
each sentence once; 1: `ArticleResult.to_dict`.

A cache of version 3 or 4 is converted in place when opened (`_from_old`: its rows are
decoded and stored again; making the rows again takes minutes per thousand articles, converting
them about 0.3 s per thousand); its file signatures and stored reports are dropped (the next run
hashes the files once and stores its report again). A cache of any other schema is emptied, so
its rows are simply misses (older sitrep empties a cache of version 5 the same way).

The `files` table came later without a new version: it was added to caches of version 3 in place,
and its layout is checked by its columns (`_FILES_COLUMNS`): a `files` table of another layout is
dropped and made again. The `reports` table came the same way (`_REPORTS_COLUMNS`)."""
PAGE_SIZE = 16_384
"""SQLite page size of a new cache. A row is about 1.2 KB compressed: 4 KB pages (SQLite's
default) held two or three and left a fifth of the file empty; 16 KB pages leave a twentieth."""
_LEVEL = 6
"""zlib's level: 6 makes rows 7% smaller than 1 for a few milliseconds per 100 articles."""
_APP_ID = 0x53495452  # "SITR": marks the file as ours, so a foreign SQLite file is never used
_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT = 10.0
"""Seconds to wait for another process's lock on the cache before giving up on one step."""
MAX_ROW_BYTES = 64 * 1024 * 1024
"""A stored row that inflates past this is refused unread (the largest article's result is a
few megabytes; a tampered row could otherwise inflate a thousandfold)."""
_PIECE = 1 << 20
DAY = 86_400.0
OTHER_VERSION_GRACE = DAY
"""Rows of another pipeline version are evicted once unused this many seconds: two configs that
share one cache keep their rows while both are in use, and an old version's rows go soon."""
FILES_MAX_AGE = 30 * DAY
"""Rows of `files` not seen for this long (or `max_age_days`, when shorter) are evicted: those of
a folder no longer analysed. A folder's vanished files lose theirs at its next run."""
_RESULTS_TABLE = (
    "CREATE TABLE IF NOT EXISTS results ("
    " id INTEGER PRIMARY KEY, key INTEGER NOT NULL, hash BLOB NOT NULL, tag INTEGER NOT NULL,"
    " data BLOB NOT NULL, used INTEGER NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS results_key ON results (key)",
    "CREATE INDEX IF NOT EXISTS results_used ON results (used)")
"""Rows are appended in the order they are stored (`id`), so the table's pages fill up: keyed by
`key` itself, rows inserted in hash order left them a third empty. The index by `key` is 8 bytes
and an `id` a row."""
_FILES_COLUMNS = ("folder", "name", "device", "inode", "size", "mtime_ns", "ctime_ns", "sha256", "mtime",
                  "seen")
_FILES_TABLE = (
    "CREATE TABLE IF NOT EXISTS files ("
    " folder INTEGER NOT NULL, name TEXT NOT NULL, device INTEGER NOT NULL, inode INTEGER NOT NULL,"
    " size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,"
    " sha256 BLOB NOT NULL, mtime REAL NOT NULL, seen INTEGER NOT NULL, PRIMARY KEY (folder, name))"
    " WITHOUT ROWID")
"""A file is stored by its folder's `_folder_key` and its path inside that folder, not by its
absolute path: the folder's path, repeated in every row, was a quarter of the table. Eviction of
files not seen for a month scans the table (a few milliseconds per 10,000 files, at each opening):
an index by `seen` cost more than a third of the table's size."""
_REPORTS_COLUMNS = ("folder", "key", "data", "made")
_ADDED_TABLES = (
    ("files", _FILES_COLUMNS, _FILES_TABLE),
    ("reports", _REPORTS_COLUMNS,
     "CREATE TABLE IF NOT EXISTS reports ("
     " folder TEXT NOT NULL PRIMARY KEY, key TEXT NOT NULL, data BLOB NOT NULL, made REAL NOT NULL)"
     " WITHOUT ROWID"),
)
"""Tables added to schema 3 in place (see `SCHEMA_VERSION`): name, columns, statements that make
them. A table of another layout than its columns is dropped and made again. (`reports` lost its
rowid at schema 5: a table-and-index pair of 16 KB pages for one row per folder.)"""
_HASH = re.compile(r"[0-9a-f]{64}")
_HELD = 16
"""Bytes of its content hash a row keeps: the 64-bit key and these tell two rows apart with odds
of one in 2**192 of being wrong, where the whole 32 bytes cost a sixtieth of the cache."""
_INT64 = (-(1 << 63), (1 << 63) - 1)
"""SQLite's integers: a device or inode number past these is not stored (that file is read)."""
_CORRUPTION = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
_COMPANIONS = ("-wal", "-shm", "-journal")
"""Files SQLite keeps beside a database and would write into."""


Signature = tuple[int, int, int, int, int]
"""A regular file's device, inode, size, modification and change times in ns (see `sitrep.engine`)."""
Signed = tuple[Signature, str, float]
"""A file's signature, its content hash and its mtime as a run hashed it."""


class _NotOurs(Exception):
    """The cache path holds something sitrep did not make (the message says what)."""


def encode_result(result: ArticleResult) -> bytes:
    """The stored form of a result: its compact row in the array layout without its content hash
    (`sitrep.rows.encode_stored`), compressed with zlib against `sitrep.rows.stored_dictionary`
    (worker processes make these too)."""
    deflater = zlib.compressobj(_LEVEL, zdict=stored_dictionary())
    return deflater.compress(encode_stored(result)) + deflater.flush()


def encode_results(results: Iterable[ArticleResult]) -> list[tuple[str, bytes]]:
    """Each result as (content hash, `encode_result`): the rows `put_encoded` stores."""
    return [(result.content_hash, encode_result(result)) for result in results]


def inflate(data: bytes, limit: int = MAX_ROW_BYTES, zdict: bytes | None = None) -> bytearray:
    """`data` decompressed against `zdict` (by default the stored rows' dictionary), a piece at a
    time so a bomb is never inflated whole; `ValueError` when it is not zlib, is cut short,
    names another dictionary or inflates past `limit` bytes."""
    inflater = zlib.decompressobj(zdict=stored_dictionary() if zdict is None else zdict)
    text = bytearray()  # grown a piece at a time: one buffer, never twice the bound
    pending = data
    try:
        while not inflater.eof:
            piece = inflater.decompress(pending, _PIECE)
            pending = inflater.unconsumed_tail
            if not piece and not pending and not inflater.eof:
                raise ValueError("truncated")
            text += piece
            if len(text) > limit:
                raise ValueError(f"inflates past {limit:,} bytes")
    except zlib.error as exc:
        raise ValueError(f"not zlib: {exc}") from exc
    return text


def decode_result(data: bytes, content_hash: str) -> ArticleResult:
    """A row stored under `content_hash` back as a result; `ValueError` unless `encode_result`
    could have made it (not zlib, inflating past `MAX_ROW_BYTES`, not JSON, a field of the wrong
    type, an index past its table)."""
    return decode_stored(inflate(data), content_hash)


def _decode_4(data: bytes, content_hash: str) -> ArticleResult:
    """A row as schema 3 or 4 stored it (the object layout, against the old dictionary)."""
    return decode_row(inflate(data, zdict=COMPRESSION_DICTIONARY), content_hash)


def _digest(content_hash: str) -> bytes | None:
    """The 32 bytes of a SHA-256 content hash given in lower-case hex (as `hexdigest` writes it);
    None for anything else (`bytes.fromhex` alone would take capitals and spaces too)."""
    return bytes.fromhex(content_hash) if _HASH.fullmatch(content_hash) else None


def _row_key(digest: bytes, version: str) -> int:
    """The integer key of the row of content hash `digest` (32 bytes) and `version` (`_stored_as`):
    64 bits of a hash of both. Two rows meeting on one key are told apart by the part of the hash
    and the version's tag stored beside it (a lookup checks both, and the later row replaces the
    earlier: a miss, never a wrong result)."""
    return _hashed(digest + version.encode("utf-8", "surrogatepass"), 8)


def _hashed(data: bytes, size: int) -> int:
    """A signed integer of `size` bytes of a hash of `data` (what SQLite holds in one integer)."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=size).digest(), "big", signed=True)


def _folder_key(folder: str) -> int:
    """The 64-bit key the signatures of the files under the absolute path `folder` are stored by.
    Two folders meeting on one key can only cost a file read again, never a wrong hash: a stored
    signature is trusted only for the file of that very device, inode, size and times."""
    return _hashed(folder.encode("utf-8", "surrogatepass"), 8)


def _tag(version: str) -> int:
    """The 32-bit tag a row keeps of its `version` (`_stored_as`): rows of other versions are
    evicted sooner, and a lookup checks it."""
    return _hashed(version.encode("utf-8", "surrogatepass"), 4)


def _stored_as(version: str) -> str:
    """What a row of pipeline `version` is keyed by: the version and the stored rows' dictionary,
    so that a row compressed against another dictionary is a miss, not a row that fails to inflate."""
    return f"{version}/{stored_dictionary_id():08x}"


def _convert(db: sqlite3.Connection, rows: Iterable[tuple[bytes | None, str, bytes, int]]) -> None:
    """Store again, in the caller's transaction, rows of schema 3 or 4 given as (content hash's 32
    bytes or None, pipeline version, data, time of use), each re-encoded as schema 5 stores it;
    a row that cannot be read is left out (a miss). A thousand rows at a time: a cache of a
    million rows is never held whole."""
    for statement in _RESULTS_TABLE:
        db.execute(statement)
    kept = []
    for digest, version, data, used in rows:
        if digest is None or not isinstance(data, bytes) or not isinstance(used, (int, float)):
            continue
        try:
            result = _decode_4(data, digest.hex())
        except ValueError:
            continue
        stored = _stored_as(version)
        kept.append((_row_key(digest, stored), digest[:_HELD], _tag(stored), encode_result(result),
                     int(used)))
        if len(kept) == _CONVERT_BATCH:
            db.executemany(_INSERT_ROW, kept)
            kept.clear()
    db.executemany(_INSERT_ROW, kept)


_INSERT_ROW = "INSERT OR REPLACE INTO results (key, hash, tag, data, used) VALUES (?, ?, ?, ?, ?)"
_CONVERT_BATCH = 1000
"""Rows a conversion stores at a time (`_convert`)."""


_OLD_LAYOUTS: dict[int, tuple[tuple[str, ...], str, Callable[[object], bytes | None], tuple[str, ...]]] = {
    3: (("hash", "version", "data", "used"), "rowid",
        lambda held: _digest(held) if isinstance(held, str) else None, ("results_used", "files_seen")),
    4: (("id", "key", "hash", "version", "data", "used"), "id",
        lambda held: held if isinstance(held, bytes) and len(held) == 32 else None,
        ("results_key", "results_used")),
}
"""The older schemas converted (see `SCHEMA_VERSION`): the columns of `results`, the column that
orders its rows as they were stored, how a row held its content hash (hex at 3, 32 bytes at 4),
and the indexes it had."""


def _from_old(db: sqlite3.Connection, schema: int) -> None:
    """Convert a cache of an older `schema` (in `_OLD_LAYOUTS`) to this one, in the caller's
    transaction: every row is stored again (`_convert`, a later row of one key replacing an earlier
    one); its file signatures and reports are dropped (a signature by absolute path cannot tell
    which folder it was listed under; the next run hashes the files once, and stores its report)."""
    columns, order, digest_of, indexes = _OLD_LAYOUTS[schema]
    for index in indexes:
        db.execute(f"DROP INDEX IF EXISTS {index}")  # an index moves with its table's new name
    db.execute("DROP TABLE IF EXISTS files")
    db.execute("DROP TABLE IF EXISTS reports")
    if tuple(r[1] for r in db.execute("PRAGMA table_info(results)")) != columns:
        db.execute("DROP TABLE results")  # not the layout that version wrote: nothing to keep
        return
    db.execute("ALTER TABLE results RENAME TO results_old")
    rows = db.execute("SELECT hash, version, data, used FROM results_old WHERE typeof(version) = 'text'"
                      f" ORDER BY {order}")  # read as they are stored again, never whole
    _convert(db, ((digest_of(held), version, data, used) for held, version, data, used in rows))
    db.execute("DROP TABLE results_old")


def _is(exc: BaseException, names: tuple[str, ...]) -> bool:
    """Whether SQLite's error code for `exc` is one of `names` (or an extended code of one)."""
    return str(getattr(exc, "sqlite_errorname", "")).startswith(names)


class NullCache:
    """A cache that holds nothing (when caching is turned off)."""

    encodes = False
    """Whether stored rows are wanted (workers skip encoding for a cache that keeps nothing)."""

    def get_many(self, hashes: Iterable[str]) -> dict[str, ArticleResult]:
        """Nothing is ever cached."""
        return {}

    def put_many(self, results: Iterable[ArticleResult]) -> None:
        """Forget the results."""

    def put_encoded(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Forget the rows."""

    def get_signatures(self, folder: str) -> dict[str, Signed]:
        """No file is known."""
        return {}

    def put_signatures(self, folder: str, changed: Mapping[str, Signed], gone: Iterable[str]) -> None:
        """Forget the signatures."""

    def get_report(self, folder: str, key: str) -> bytes | None:
        """No report is kept."""
        return None

    def put_report(self, folder: str, key: str, data: bytes) -> None:
        """Forget the report."""

    def close(self) -> None:
        """Nothing to close."""


class ResultCache:
    """SQLite table `results(id, key, hash, tag, data, used)`; `key` is `_row_key` of the content
    hash and the pipeline version `version` (`_stored_as`), `hash` the content hash's first `_HELD`
    bytes, `tag` the version's `_tag`, and `used` when the row was last stored or read.
    Table `files(folder, name, device, inode, size, mtime_ns, ctime_ns, sha256, mtime, seen)` holds
    the files' signatures by their folder's `_folder_key` and their path inside it; `seen` is when
    the row was last stored or read. Table `reports(folder, key,
    data, made)` holds each folder's last report."""

    def __init__(self, path: Path, version: str, max_age_days: float = 0.0) -> None:
        self.path = path
        self.version = version
        self.max_age_days = max_age_days
        """Rows unused for this many days are evicted on opening (0: kept however old)."""
        self.problem: str | None = None
        """Why the cache was rebuilt, is read-only or is not used, if so (shown to the user)."""
        self.writable = False
        """Whether new results are saved (not when read-only, locked, or after a failed write)."""
        self._file = path
        """The database file itself: `path`, or the cache of ours its symlink points at."""
        self._identity: tuple[int, int] | None = None
        """(device, inode) of the file checked as ours: the only file `_set_aside` may move."""
        self._rebuilt = False
        self._stored_as = _stored_as(version)
        """What rows of this version are keyed by (`_stored_as`)."""
        self._tag = _tag(self._stored_as)
        self._db = self._open()
        if self._db is not None and self.writable:
            self._evict()

    @property
    def encodes(self) -> bool:
        """Whether stored rows are wanted (workers skip encoding when nothing will be saved)."""
        return self._db is not None and self.writable

    # --- opening -----------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not os.path.lexists(self.path):
                self._create(self.path)
            self._file = self._own_file()
            db = self._connect()
        except _NotOurs as exc:
            return self._without(f"{exc}, so it was left untouched")
        except sqlite3.DatabaseError as exc:
            if _is(exc, _CORRUPTION):
                return self._rebuild(exc)
            return self._read_only(exc)
        except OSError as exc:
            return self._without(f"cannot be used ({exc.strerror or exc})")
        self.writable = True
        return db

    def _own_file(self) -> Path:
        """The file to open: the cache path, or the file its symlink points at, if it is a SQLite
        database with our application id; `_NotOurs` for anything else, which is never opened
        by SQLite (so never written)."""
        real = Path(os.path.realpath(self.path))
        try:
            info = os.stat(real)
        except FileNotFoundError:
            raise _NotOurs("is a link to a missing file") from None
        header = b""
        if stat.S_ISREG(info.st_mode):
            fd = os.open(real, os.O_RDONLY)
            try:
                info = os.fstat(fd)
                header = os.read(fd, 100)
            finally:
                os.close(fd)
        if header[:16] != _MAGIC or header[68:72] != _APP_ID.to_bytes(4, "big"):
            raise _NotOurs("is not a sitrep cache")
        self._identity = (info.st_dev, info.st_ino)
        return real

    def _create(self, path: Path) -> None:
        """Make a new, empty cache at `path` without ever replacing a file there.

        It is built under a temporary name and hard-linked into place, so another process never
        sees it half made, and an empty file at the path is never taken for a new cache of ours.
        """
        for suffix in _COMPANIONS:
            if os.path.lexists(f"{path}{suffix}"):
                if os.path.lexists(path):
                    return  # another process has just made the cache and opened it
                raise _NotOurs(f"is missing but {path.name}{suffix} is there")
        fd, temporary = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            db = sqlite3.connect(temporary, isolation_level=None)
            try:
                db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # lets eviction give space back
                self._prepare(db)
            finally:
                db.close()
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass  # another process made it at the same moment: `_own_file` checks theirs
            except OSError:  # a file system without hard links
                if not os.path.lexists(path):
                    os.rename(temporary, path)
        finally:
            for leftover in (temporary, f"{temporary}-journal"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(leftover)

    def _connect(self) -> sqlite3.Connection:
        """Open the checked file for reading and writing and make sure it holds our schema."""
        db = sqlite3.connect(f"{self._file.as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT,
                             check_same_thread=False, isolation_level=None)
        try:
            self._prepare(db)
        except BaseException:
            db.close()
            raise
        try:
            db.execute("PRAGMA journal_mode = WAL")  # after the check: a foreign file is never changed
        except sqlite3.OperationalError:
            pass  # another process holds it; the default journal works too
        return db

    @staticmethod
    def _prepare(db: sqlite3.Connection) -> None:
        """Check the database is ours and set up our schema, in one write transaction.

        A second process opening a new cache at the same moment sees the whole schema or none of
        it. A cache of schema 3 or 4 is converted, an older schema of ours replaced; another
        program's database raises `_NotOurs`.
        """
        converted = 0
        db.execute("BEGIN IMMEDIATE")
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and app_id != _APP_ID:
                raise _NotOurs("is not a sitrep cache")
            user_version = db.execute("PRAGMA user_version").fetchone()[0]
            if "results" in tables and user_version in _OLD_LAYOUTS:
                _from_old(db, user_version)
                converted = user_version
            elif tables and user_version != SCHEMA_VERSION:
                db.execute("DROP TABLE IF EXISTS results")
            for statement in _RESULTS_TABLE:
                db.execute(statement)
            for table, columns, *statements in _ADDED_TABLES:
                found = tuple(r[1] for r in db.execute(f"PRAGMA table_info({table})"))
                if found and found != columns:
                    db.execute(f"DROP TABLE {table}")
                for statement in statements:
                    db.execute(statement)
            if app_id != _APP_ID:
                db.execute(f"PRAGMA application_id = {_APP_ID}")
            if user_version != SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        if converted:
            log.info("cache converted from schema %d to %d, its rows kept", converted, SCHEMA_VERSION)
            with contextlib.suppress(sqlite3.Error):
                db.executescript("PRAGMA incremental_vacuum;")  # the old tables' pages back to the disk

    def _read_only(self, exc: sqlite3.Error) -> sqlite3.Connection | None:
        """After an error that is not damage (locked, read-only, full or failing disk): read the
        cache without saving to it, or run without one."""
        why = _why_unwritable(exc)
        for query in ("mode=ro", "mode=ro&immutable=1"):  # immutable: a WAL cache in a read-only folder
            try:
                db = sqlite3.connect(f"{self._file.as_uri()}?{query}", uri=True, timeout=BUSY_TIMEOUT,
                                     check_same_thread=False, isolation_level=None)
            except sqlite3.Error:
                continue
            try:
                ours = (db.execute("PRAGMA application_id").fetchone()[0] == _APP_ID
                        and db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION)
                db.execute("SELECT 1 FROM results LIMIT 1").fetchall()
            except sqlite3.Error:
                db.close()
                continue
            if not ours:
                db.close()
                break
            self.problem = f"cache {self.path} {why}; reading it without saving new results"
            log.warning(self.problem)
            return db
        return self._without(why)

    def _rebuild(self, exc: sqlite3.Error) -> sqlite3.Connection | None:
        """Our cache file is damaged: set it aside and start a new one (once per run)."""
        self._rebuilt = True
        kept = self._set_aside()
        if kept is None:
            return self._without(f"is damaged ({exc}) and could not be set aside, so it was left as it is")
        self.problem = (f"cache {self.path} was damaged ({exc}); "
                        f"set it aside as {kept.name} and started a new one")
        log.warning(self.problem)
        try:
            self._create(self._file)
            self._file = self._own_file()
            db = self._connect()
        except (_NotOurs, sqlite3.Error, OSError) as exc2:
            return self._without(f"could not be made again ({exc2})")
        self.writable = True
        return db

    def _set_aside(self) -> Path | None:
        """Rename our damaged cache file, with its -wal and -shm, to the first free `*.corrupt`
        name (kept for a post-mortem); None when it cannot be, and then nothing has moved.

        Only the very file that was checked as ours (same device and inode) is ever moved, and
        nothing is deleted.
        """
        file = self._file
        try:
            info = os.lstat(file)
        except OSError:
            return None
        if (info.st_dev, info.st_ino) != self._identity:
            return None
        for n in range(100):
            kept = file.with_name(f"{file.name}.corrupt{n or ''}")
            if not any(os.path.lexists(f"{kept}{suffix}") for suffix in ("", *_COMPANIONS)):
                break
        else:
            return None
        try:
            os.rename(file, kept)
        except OSError:
            return None
        for suffix in ("-wal", "-shm"):
            if os.path.lexists(f"{file}{suffix}"):
                with contextlib.suppress(OSError):  # a log left behind stops `_create` beside it
                    os.rename(f"{file}{suffix}", f"{kept}{suffix}")
        return kept

    def _without(self, why: str) -> sqlite3.Connection | None:
        """Run without a cache, saying why; None, the connection there is (`return self._without(...)`)."""
        self.problem = f"cache {self.path} {why}; running without a cache"
        log.warning(self.problem)
        self.writable = False
        return None

    def _failed(self, exc: sqlite3.Error) -> None:
        """A database error mid-run. Damage to our file: set it aside and rebuild, once. A lock
        held by another process: skip this step. Anything else (read-only, full or failing
        disk): stop saving for this run, keep reading."""
        if _is(exc, _CORRUPTION):
            self.close()
            self._db = None if self._rebuilt else self._rebuild(exc)
            if self._db is None and not self.problem:
                self._without(f"is damaged ({exc})")
        elif _is(exc, _BUSY):
            log.warning("cache %s busy (%s); skipping this step", self.path, exc)
        elif self.writable:
            self.writable = False
            self.problem = f"cache {self.path} {_why_unwritable(exc)}; not saving new results this run"
            log.warning(self.problem)
        else:
            log.warning("cache %s unreadable (%s)", self.path, exc)

    # --- eviction ----------------------------------------------------------------------------

    def _evict(self) -> None:
        """Delete rows of other pipeline versions unused for `OTHER_VERSION_GRACE`, every row
        unused for `max_age_days` (when set) and the signatures of files not seen for
        `FILES_MAX_AGE`; then give the space back to the disk."""
        assert self._db is not None
        now = time.time()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            gone = self._db.execute("DELETE FROM results WHERE used < ? AND tag != ?",
                                    (now - OTHER_VERSION_GRACE, self._tag)).rowcount
            if self.max_age_days > 0:
                gone += self._db.execute("DELETE FROM results WHERE used < ?",
                                         (now - self.max_age_days * DAY,)).rowcount
            files_age = min(FILES_MAX_AGE, self.max_age_days * DAY or FILES_MAX_AGE)
            unseen = self._db.execute("DELETE FROM files WHERE seen < ?", (now - files_age,)).rowcount
            unseen += self._db.execute("DELETE FROM reports WHERE made < ?", (now - files_age,)).rowcount
            self._db.execute("COMMIT")
            if gone:
                log.info("cache %s: evicted %d unused results", self.path, gone)
            if gone or unseen:
                # Run to the end by `executescript`: a cursor steps it once, which frees one page.
                self._db.executescript("PRAGMA incremental_vacuum;")
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            self._failed(exc)

    def _touch(self, update: str, keys: list[tuple[int]] | list[tuple[int, str]], now: float) -> None:
        """Mark rows as used now with `update` (its parameters: the time, then each key's); best
        effort, and skipped rather than waiting for a lock."""
        if self._db is None or not self.writable:
            return
        try:
            self._db.execute("PRAGMA busy_timeout = 0")
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(update, [(int(now), *key) for key in keys])
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if not _is(exc, _BUSY):
                self._failed(exc)
        finally:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")

    # --- reading and writing -----------------------------------------------------------------

    def get_many(self, hashes: Iterable[str]) -> dict[str, ArticleResult]:
        """Cached results for these content hashes (missing or unreadable ones left out)."""
        found: dict[str, ArticleResult] = {}
        if self._db is None:
            return found
        wanted: dict[int, tuple[str, bytes]] = {}
        for content_hash in dict.fromkeys(hashes):
            digest = _digest(content_hash)
            if digest is not None:
                wanted[_row_key(digest, self._stored_as)] = (content_hash, digest[:_HELD])
        if not wanted:
            return found
        keys = list(wanted)
        now = time.time()
        stale: list[tuple[int]] = []
        """Rows found that were last marked used over a day ago (marked again, at most daily)."""
        # Decoding makes many small objects and no reference cycles: the cyclic collector would
        # only rescan the growing heap of results (half the time of a lookup of 1,000 rows).
        collecting = gc.isenabled()
        gc.disable()
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, hash, tag, data, used FROM results WHERE key IN ({marks})", chunk,
                ).fetchall()
                for key, held, tag, blob, used in rows:
                    content_hash, wanted_held = wanted[key]
                    if held != wanted_held or tag != self._tag:
                        continue  # another row on the same key: a miss
                    try:
                        found[content_hash] = decode_result(blob, content_hash)
                    except ValueError as exc:
                        log.warning("cache entry %.12s unreadable (%s); re-parsing", content_hash, exc)
                        continue
                    if not isinstance(used, (int, float)) or used < now - DAY:
                        stale.append((key,))
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return found
        finally:
            if collecting:
                gc.enable()
        if stale:
            self._touch("UPDATE results SET used = ? WHERE key = ?", stale, now)
        return found

    def put_many(self, results: Iterable[ArticleResult]) -> None:
        """Store results under their content hash and this pipeline version."""
        if self._db is not None and self.writable:
            self.put_encoded(encode_results(results))

    def put_encoded(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Store rows already encoded by `encode_result`, as (content hash, data)."""
        if self._db is None or not self.writable:
            return
        now = int(time.time())
        records = [(_row_key(digest, self._stored_as), digest[:_HELD], self._tag, data, now)
                   for digest, data in ((_digest(key), data) for key, data in rows) if digest is not None]
        self._write(lambda db: db.executemany(_INSERT_ROW, records))

    def get_signatures(self, folder: str) -> dict[str, Signed]:
        """The stored signature, content hash and mtime of every file under the absolute path
        `folder`, by absolute path (`folder` + "/" + the path relative to it), in one query.
        A row that `put_signatures` could not have written is left out (that file is read)."""
        found: dict[str, Signed] = {}
        if self._db is None or not _storable(folder):
            return found
        key = _folder_key(folder)
        rows = self._select("SELECT name, device, inode, size, mtime_ns, ctime_ns, sha256, mtime, seen"
                            " FROM files WHERE folder = ?", (key,))
        if rows is None:
            return found
        now = time.time()
        stale: list[tuple[int, str]] = []
        bad = 0
        for name, device, inode, size, mtime_ns, ctime_ns, digest, mtime, seen in rows:
            signature = (device, inode, size, mtime_ns, ctime_ns)
            if not (isinstance(name, str) and name
                    and all(type(n) is int for n in signature) and size >= 0
                    and isinstance(digest, bytes) and len(digest) == 32
                    and type(mtime) is float and math.isfinite(mtime)
                    and abs(mtime * 1e9 - mtime_ns) < 1e9):  # the float of that very mtime_ns
                bad += 1
                continue
            found[f"{folder}/{name}"] = (signature, digest.hex(), mtime)
            if not isinstance(seen, (int, float)) or seen < now - DAY:
                stale.append((key, name))
        if bad:
            log.warning("cache %s: %d file signatures unreadable; those files are read", self.path, bad)
        if stale:
            self._touch("UPDATE files SET seen = ? WHERE folder = ? AND name = ?", stale, now)
        return found

    def put_signatures(self, folder: str, changed: Mapping[str, Signed], gone: Iterable[str]) -> None:
        """Store the signatures of `changed` files and forget those of `gone` ones, all by absolute
        path under the absolute path `folder`, in one transaction. Whether a signature may be
        trusted is the caller's call; a path outside `folder`, a path SQLite cannot hold (not
        UTF-8) or a number past its integers is not stored."""
        if self._db is None or not self.writable or not _storable(folder):
            return
        now = int(time.time())
        key, prefix = _folder_key(folder), f"{folder}/"
        records = [(key, path[len(prefix):], *signature, raw, mtime, now)
                   for path, (signature, digest, mtime) in changed.items()
                   if path.startswith(prefix) and _storable(path)
                   and all(_INT64[0] <= n <= _INT64[1] for n in signature)
                   and (raw := _digest(digest)) is not None]
        forgotten = [(key, path[len(prefix):]) for path in gone
                     if path.startswith(prefix) and _storable(path)]

        def work(db: sqlite3.Connection) -> None:
            db.executemany("DELETE FROM files WHERE folder = ? AND name = ?", forgotten)
            db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records)

        self._write(work)

    def get_report(self, folder: str, key: str) -> bytes | None:
        """The stored form of the last report of the absolute path `folder`, if it was stored
        under `key` (`sitrep.snapshot.report_key`); None otherwise, or when it cannot be read."""
        return self._report(folder, "AND key = ?", key)

    def get_last_report(self, folder: str) -> bytes | None:
        """The stored form of the last report of the absolute path `folder`, whatever it was made
        from (the folder may have changed since); None when there is none or it cannot be read."""
        return self._report(folder)

    def _report(self, folder: str, condition: str = "", *args: str) -> bytes | None:
        """The stored report of `folder` that meets `condition` (with `args`), if it can be read."""
        if self._db is None or not _storable(folder):
            return None
        rows = self._select(f"SELECT data FROM reports WHERE folder = ? {condition}", (folder, *args))
        return rows[0][0] if rows and isinstance(rows[0][0], bytes) else None

    def _write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """Run `work` in one write transaction (call with the database open); a database error
        rolls it back and is handled as any other mid-run failure (`_failed`), never raised."""
        assert self._db is not None
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            work(db)
            db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            self._failed(exc)

    def _select(self, query: str, args: tuple[object, ...]) -> list[Any] | None:
        """The rows of a query of a table added in place (`_ADDED_TABLES`); None when it fails: a
        damaged cache is set aside, and a read-only cache made before the table was has none."""
        assert self._db is not None
        try:
            return self._db.execute(query, args).fetchall()
        except sqlite3.DatabaseError as exc:
            if _is(exc, _CORRUPTION):
                self._failed(exc)
            else:
                log.debug("cache %s: %s (%s)", self.path, query.split(" FROM ")[1].split()[0], exc)
            return None

    def put_report(self, folder: str, key: str, data: bytes) -> None:
        """Keep `data`, the stored form of a report of the absolute path `folder` made from what
        `key` names, in place of that folder's last one."""
        if self._db is None or not self.writable or not _storable(folder):
            return
        self._write(lambda db: db.execute("INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?)",
                                          (folder, key, data, time.time())))

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            try:
                self._db.close()
            finally:
                self._db = None


def peek_last_report(path: Path, folder: str) -> bytes | None:
    """The stored form of the last report of the absolute path `folder` in the cache at `path`, as
    `ResultCache.get_last_report` gives it, read without opening the file for writing (never
    created, changed or converted); None when it is not a regular file bearing the cache's
    application id, holds no such report, or cannot be read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # SQLite would block on a FIFO
            return None
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1.0)
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        if db.execute("PRAGMA application_id").fetchone()[0] != _APP_ID:
            return None
        row = db.execute("SELECT data FROM reports WHERE folder = ?", (folder,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    return row[0] if row is not None and isinstance(row[0], bytes) else None


def _storable(path: str) -> bool:
    """Whether SQLite can hold `path` as text (a name that is not UTF-8 keeps surrogates)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _why_unwritable(exc: sqlite3.Error) -> str:
    """Why a cache cannot be written, for a warning: "is locked by another process (...)"."""
    if _is(exc, _BUSY):
        return f"is locked by another process ({exc})"
    if _is(exc, ("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH")):
        return f"is read-only ({exc})"
    if _is(exc, ("SQLITE_FULL",)):
        return f"is on a full disk ({exc})"
    return f"cannot be written ({exc})"


def open_cache(config: Config) -> ResultCache:
    """The cache named in `config`, for the current pipeline version."""
    from .version import pipeline_version

    return ResultCache(config.cache_path, pipeline_version(config), config.cache.max_age_days)
