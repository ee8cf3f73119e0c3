"""The reader's two errors: the folder cannot be scanned, or one file cannot be an article; and
the reason a file is listed with when reading it failed in a way nobody foresaw."""

from __future__ import annotations


class ReaderError(Exception):
    """The folder itself cannot be scanned (missing, not a folder, unreadable)."""


class BadFileError(Exception):
    """One file cannot be used as an article; `str(error)` is the one-line reason."""

    content_hash: str | None = None
    """The SHA-256 of the bytes read when the reason lies in them alone (empty, binary, too
    long...): the same bytes always give the same reason. None when it lies elsewhere."""


def unforeseen(exc: Exception) -> str:
    """The reason a file is listed with when reading it raised `exc`, not a `BadFileError`: one odd
    file never stops a run (the caller logs the traceback)."""
    return f"could not be read ({type(exc).__name__}: {exc})"
