"""Saving a report to a file whole or not at all (`sitrep report -o FILE`).

The report goes to a temporary file beside FILE, then replaces it in one rename, so a full
disk or any other error leaves the previous FILE as it was and no temporary file behind. The
temporary file is hidden and ends in `.tmp`, so a report saved into the articles folder is
never taken for an article while it is being written.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def save_report(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically; raises `OSError` and leaves `target` untouched on failure.

    Through a symlink, the file it points at is replaced and the link kept. A file that exists
    keeps its permissions, and a read-only one is refused as writing to it would be. Something
    that is not a regular file (`/dev/null`, a named pipe) is written to directly: there is
    nothing there to replace.
    """
    with saving(target) as handle:
        handle.write(data)


@contextmanager
def saving(target: Path) -> Iterator[BinaryIO]:
    """A file to write `target` through, bit by bit, as `save_report` writes it whole: `target` is
    replaced when the block ends, and left untouched (no temporary file behind) when it raises."""
    path = Path(os.path.realpath(target))
    try:
        existing: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(path, "wb") as handle:
            yield handle
        return
    if existing is not None and not os.access(path, os.W_OK):
        raise PermissionError(13, "Permission denied", str(target))
    temporary, fd = _create_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(temporary, stat.S_IMODE(existing.st_mode))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _create_beside(path: Path) -> tuple[Path, int]:
    """A new hidden temporary file in `path`'s folder, created with the usual umask, and its fd."""
    while True:
        temporary = path.with_name(f".sitrep-report-{secrets.token_hex(6)}.tmp")
        try:
            return temporary, os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
