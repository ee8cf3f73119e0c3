"""Per-article results cached in SQLite by content hash and pipeline version.

A second run over the same folder parses nothing; a changed file re-parses only itself. A
corrupt, foreign or locked cache is set aside and rebuilt, never fatal: the worst case is
a slower run.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
import zlib
from collections.abc import Iterable
from pathlib import Path

from .config import Config
from .model import ArticleResult

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_APP_ID = 0x53495452  # "SITR": marks the file as ours, so a foreign SQLite file is not reused


def encode_result(result: ArticleResult) -> bytes:
    """The stored form of a result: compressed JSON (worker processes make these too)."""
    return zlib.compress(json.dumps(result.to_dict()).encode(), 1)


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

    def close(self) -> None:
        """Nothing to close."""


class ResultCache:
    """SQLite table `results(hash, version, data)`; `version` is the pipeline version."""

    encodes = True

    def __init__(self, path: Path, version: str) -> None:
        self.path = path
        self.version = version
        self.problem: str | None = None
        """Why the cache was rebuilt or disabled, if it was (shown to the user)."""
        self._db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect()
        except sqlite3.DatabaseError as exc:
            self.problem = f"cache {self.path} was unreadable ({exc}); rebuilt it"
            log.warning(self.problem)
            self._set_aside()
            try:
                return self._connect()
            except (sqlite3.Error, OSError) as exc2:
                self.problem = f"cache {self.path} unusable ({exc2}); running without a cache"
                return None
        except OSError as exc:
            self.problem = f"cache {self.path} unusable ({exc}); running without a cache"
            log.warning(self.problem)
            return None

    def _connect(self) -> sqlite3.Connection:
        """Open the file and make sure it holds our schema; `DatabaseError` if it is not ours.

        The check and the schema setup run in one write transaction, so a second process
        opening a new cache at the same moment sees the whole schema or none of it (never a
        `results` table without our application id, which would look like a foreign file).
        """
        db = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 10000")
            db.execute("BEGIN IMMEDIATE")
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and app_id != _APP_ID:
                raise sqlite3.DatabaseError("not a sitrep cache")
            user_version = db.execute("PRAGMA user_version").fetchone()[0]
            if tables and user_version != SCHEMA_VERSION:
                db.execute("DROP TABLE IF EXISTS results")
            db.execute(
                "CREATE TABLE IF NOT EXISTS results ("
                " hash TEXT NOT NULL, version TEXT NOT NULL, data BLOB NOT NULL, used REAL NOT NULL,"
                " PRIMARY KEY (hash, version))"
            )
            db.execute(f"PRAGMA application_id = {_APP_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.close()
            raise
        try:
            db.execute("PRAGMA journal_mode = WAL")  # after the check: a foreign file is never changed
        except sqlite3.OperationalError:
            pass  # another process holds it; the default journal works too
        return db

    def _set_aside(self) -> None:
        """Move a bad cache file out of the way (kept as *.corrupt for a post-mortem)."""
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                try:
                    p.replace(p.with_name(p.name + ".corrupt"))
                except OSError:
                    p.unlink(missing_ok=True)

    def get_many(self, hashes: Iterable[str]) -> dict[str, ArticleResult]:
        """Cached results for these content hashes (missing or unreadable ones left out)."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, ArticleResult] = {}
        if self._db is None or not wanted:
            return found
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT hash, data FROM results WHERE version = ? AND hash IN ({marks})",
                    [self.version, *chunk],
                ).fetchall()
                for key, blob in rows:
                    try:
                        found[key] = ArticleResult.from_dict(json.loads(zlib.decompress(blob)))
                    except (zlib.error, ValueError, KeyError, TypeError) as exc:
                        log.warning("cache entry %s unreadable (%s); re-parsing", key[:12], exc)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
        return found

    def put_many(self, results: Iterable[ArticleResult]) -> None:
        """Store results under their content hash and this pipeline version."""
        if self._db is not None:
            self.put_encoded([(r.content_hash, encode_result(r)) for r in results])

    def put_encoded(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Store rows already encoded by `encode_result`, as (content hash, data)."""
        if self._db is None:
            return
        now = time.time()
        records = [(key, self.version, data, now) for key, data in rows]
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", records)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self._recover(exc)

    def _recover(self, exc: Exception) -> None:
        """A database error mid-run: rebuild the cache file once, else carry on without it."""
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            log.warning("cache busy (%s); skipping this write", exc)
            return
        self.problem = f"cache {self.path} failed ({exc}); rebuilt it"
        log.warning(self.problem)
        self.close()
        self._set_aside()
        try:
            self._db = self._connect()
        except (sqlite3.Error, OSError):
            self._db = None

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            try:
                self._db.close()
            finally:
                self._db = None


def open_cache(config: Config) -> ResultCache:
    """The cache named in `config`, for the current pipeline version."""
    from .version import pipeline_version

    return ResultCache(config.cache_path, pipeline_version(config))
