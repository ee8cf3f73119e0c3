"""Which files are articles, the walk that lists them, and reading one file's bytes safely.

A file is an article by its name (`*.txt`, `*.md`, `*.html`, `*.htm`; not hidden, swap, backup or temp)
and its place (no hidden folder on the way); the watcher and the engine ask `is_article_path` and
`walk_folder` rather than deciding for themselves. Any other file the user put in the folder (a PDF, a
spreadsheet, a file with no extension) is listed as skipped, with `skip_reason` saying why, so that it is
never left out silently; only hidden, swap, backup and temp files and the desktop's own index files
(`Thumbs.db`, `desktop.ini`) are passed over unseen. `read_bytes` opens a listed file without hanging on a
pipe, refuses what is not a regular file or is too large, and says why in one line.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..model import BadFile
from .errors import BadFileError, ReaderError

log = logging.getLogger(__name__)


DEFAULT_MAX_BYTES = 20 * 1024 * 1024


ARTICLE_SUFFIXES = (".txt", ".md")
"""Plain text and Markdown: the articles read with no optional extra (what an empty folder asks for)."""

HTML_SUFFIXES = (".html", ".htm")
"""Saved web pages, read through trafilatura (the `html` extra)."""

_ARTICLE_ENDINGS = ARTICLE_SUFFIXES + HTML_SUFFIXES


_BACKUP_SUFFIXES = {".swp", ".swo", ".swx", ".bak", ".tmp", ".temp", ".orig", ".rej", ".part", ".crdownload"}


_DESKTOP_FILES = {"thumbs.db", "ehthumbs.db", "desktop.ini"}
"""Files the desktop leaves in any folder; not the user's, so not worth a line in Sources."""


def is_listed_name(name: str) -> bool:
    """Whether a file name is one the listing shows at all: not hidden, swap, backup, temp or the
    desktop's index files."""
    lower = name.lower()
    if name.startswith((".", "#", "~")) or name.endswith(("~", "#")) or lower in _DESKTOP_FILES:
        return False
    # Path(name).suffixes without building a Path (a tenth of a reload's listing at 10,000 files):
    # a name ending in "." has none.
    return lower.endswith(".") or not any(f".{part}" in _BACKUP_SUFFIXES for part in lower.split(".")[1:])


def _is_candidate_name(name: str) -> bool:
    """Whether a file name looks like an article and not a hidden, swap, backup or temp file."""
    lower = name.lower()
    if not lower.endswith(_ARTICLE_ENDINGS) or lower in _ARTICLE_ENDINGS:
        return False
    return is_listed_name(name)


def is_article_path(relative: str | Path) -> bool:
    """Whether a path relative to the folder is an article file's: no hidden folder on the way and
    an article's name (`*.txt`, `*.md`, `*.html`, `*.htm`; not hidden, swap, backup or temp). The
    listing's rule."""
    parts = Path(relative).parts
    if not parts or any(part.startswith(".") for part in parts[:-1]):
        return False
    return _is_candidate_name(parts[-1])


def skip_reason(name: str) -> str:
    """Why a listed file that is not an article is skipped: "not an article format: .pdf"."""
    suffix = Path(name).suffix.lower()
    kind = suffix if suffix and suffix != name.lower() else "no file extension"
    return f"not an article format: {kind} (articles are .txt, .md or .html files)"


@dataclass(frozen=True)
class FolderListing:
    """One walk of a folder: its article files and the folders walked to find them."""

    articles: list[tuple[str, Path]]
    """(path relative to the folder with `/`, path) per article file, sorted by relative path.
    Subfolders that cannot be listed are here too, so that reading them says why."""
    folders: list[Path]
    """The folder and every subfolder listed: never a hidden or linked one."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(path relative to the folder, reason) per other file (see `skip_reason`), sorted by path.
    Never opened: a PDF or a spreadsheet is refused by its name."""

    def skipped_files(self) -> list[BadFile]:
        """The skipped files as the `BadFile`s a report lists."""
        return [BadFile(relative, reason) for relative, reason in self.skipped]


def walk_folder(folder: Path) -> FolderListing:
    """Every article file under `folder`, at any depth, and the folders walked (see `FolderListing`).

    The walk keeps its own stack rather than recursing, so no nesting is too deep for it. Hidden
    folders and symlinked folders are not entered (so no loops, and nothing outside through a
    link); symlinked files are listed even when broken or looping, for `scan` to say why.
    """
    folder = Path(folder)
    found: list[tuple[str, Path]] = []
    skipped: list[tuple[str, str]] = []
    walked: list[Path] = []
    stack: list[tuple[str, str]] = [(os.fspath(folder), "")]
    while stack:
        path, prefix = stack.pop()
        try:
            with os.scandir(path) as listing:
                entries = list(listing)
        except OSError as exc:
            log.debug("cannot list %s: %s", path, exc)
            if prefix and os.path.isdir(path):
                # Listed like a file so that reading it reports the folder (see `read_bytes`).
                found.append((prefix[:-1], Path(path)))
            continue
        walked.append(Path(path))
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                enter = is_dir and not entry.is_symlink() and not entry.name.startswith(".")
            except OSError:
                is_dir = enter = False
            if enter:
                stack.append((entry.path, f"{prefix}{entry.name}/"))
            elif not is_dir and _is_candidate_name(entry.name):
                found.append((prefix + entry.name, Path(entry.path)))
            elif not is_dir and is_listed_name(entry.name):
                skipped.append((prefix + entry.name, skip_reason(entry.name)))
    found.sort(key=lambda item: item[0])
    skipped.sort()
    return FolderListing(found, walked, skipped)


def list_article_files(folder: Path) -> list[Path]:
    """Every article file (`*.txt`, `*.md`, `*.html`, `*.htm`) under `folder`, at any depth, sorted by
    relative path.

    Hidden files and folders, editor swap/backup/temp files and directories named like
    articles are skipped; symlinked directories are not followed (so no loops). Symlinked
    files are listed even when broken or looping, and subfolders that cannot be listed are
    listed themselves, so that `scan` can say why they are bad.
    """
    return [path for _relative_path, path in walk_folder(folder).articles]


def check_folder(folder: Path) -> None:
    """Raise `ReaderError` when `folder` is missing, not a folder or cannot be listed."""
    folder = Path(folder)
    try:
        st = folder.stat()
    except FileNotFoundError:
        raise ReaderError(f"folder not found: {folder}") from None
    except OSError as exc:
        raise ReaderError(f"cannot open folder {folder}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise ReaderError(f"not a folder: {folder}")
    try:
        with os.scandir(folder):
            pass
    except PermissionError:
        raise ReaderError(f"cannot read folder {folder}: permission denied") from None
    except OSError as exc:
        raise ReaderError(f"cannot read folder {folder}: {exc.strerror or exc}") from None


def human_size(n: float) -> str:
    """A byte count for people: "512 bytes", "3.2 KB", "25.0 MB"."""
    if n < 1024:
        return f"{int(n)} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _too_large(size: int, max_bytes: int) -> BadFileError:
    return BadFileError(
        f"too large: {human_size(size)} is over the {human_size(max_bytes)} limit (raise seeds.max_file_mb "
        "to read it)"
    )


_KIND_NAMES = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFDIR: "a directory",
}


def read_bytes(path: Path, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES,
               follow_outside_links: bool = False) -> tuple[bytes, float]:
    """The raw bytes and mtime of the regular file `path` in `folder`, or `BadFileError` saying
    why not: not a regular file, over `max_bytes`, or (unless `follow_outside_links`) a link that
    resolves outside `folder`."""
    if not follow_outside_links and _points_outside(path, folder):
        raise BadFileError("points outside the folder")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise BadFileError("broken symlink (its target does not exist)") from None
        raise BadFileError("vanished while reading") from None
    except PermissionError:
        raise BadFileError("unreadable: permission denied") from None
    except OSError as exc:
        raise _os_error(exc) from None
    if stat.S_ISDIR(st.st_mode):
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            raise BadFileError(f"folder unreadable ({exc.strerror or exc}): the articles in it are not "
                               "read") from None
    if not stat.S_ISREG(st.st_mode):
        kind = _KIND_NAMES.get(stat.S_IFMT(st.st_mode), "a special file")
        raise BadFileError(f"not a regular file ({kind})")
    if st.st_size > max_bytes:
        raise _too_large(st.st_size, max_bytes)
    try:
        # O_NONBLOCK: if the file was swapped for a pipe since the stat, open must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise BadFileError("vanished while reading") from None
    except PermissionError:
        raise BadFileError("unreadable: permission denied") from None
    except OSError as exc:
        raise _os_error(exc) from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise BadFileError("not a regular file")
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise _os_error(exc) from None
    if len(data) > max_bytes:
        raise _too_large(max(len(data), st.st_size), max_bytes)
    return data, st.st_mtime


def _points_outside(path: Path, folder: Path) -> bool:
    """Whether `path` is a symlink whose target (followed to the end) is not inside `folder`.

    Only the last component is checked: the listing never enters a linked folder, so the
    folders between `folder` and a listed file are real ones.
    """
    if not os.path.islink(path):
        return False
    root = os.path.realpath(folder)
    target = os.path.realpath(path)
    try:
        return os.path.commonpath([root, target]) != root
    except ValueError:  # another drive (Windows)
        return True


def _os_error(exc: OSError) -> BadFileError:
    """A one-line reason for an OS error while opening or reading a file."""
    if exc.errno == errno.ELOOP:
        return BadFileError("symlink loop (the link points back to itself)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return BadFileError("unreadable: permission denied")
    if exc.errno == errno.ENOENT:
        return BadFileError("vanished while reading")
    if exc.errno == errno.EISDIR:
        return BadFileError("not a regular file (a directory)")
    return BadFileError(f"unreadable: {exc.strerror or exc}")
