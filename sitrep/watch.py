"""Watch a seeds folder for added, changed, renamed and deleted articles.

`watch_folder` is an async generator over `watchfiles.awatch`: it yields one `FolderChange`
per burst of file-system events (an editor's save dance, a hundred files copied at once).
Which files changed is decided by comparing folder listings before and after the burst, not by
the raw events: those arrive as an unordered set, so "deleted then re-created" (a save) and
"created then deleted" (a temp file) would otherwise look the same. A rename is a removal plus
an addition. Which files are articles is the reader's answer (`reader.walk_folder`). After the
first listing, a burst that touched only files in watched folders is answered by looking at those
paths alone (`update_snapshot`): the same listing, without walking a folder of 10,000 articles in
the dashboard's process for every saved file. A folder that came, went or was touched, or a burst
of more than `INCREMENTAL_MAX` paths, is listed again whole. Each change also carries the paths
the bursts since the last one touched (`FolderChange.touched`), so that the engine can look at
those alone too; after a whole listing they are unknown (None), and the engine lists whole.

The OS watcher watches the folder and each real subfolder, each on its own and never through a
symlink: a link to `/usr` would otherwise cost thousands of watches. It is set up again when
the subfolders change, when the folder is replaced by a new one of the same name, and after an
event it cannot decode (a file name that is not UTF-8), so live reload never silently stops. A
folder whose own name is not UTF-8, which the OS watcher cannot take, is looked at on each of its
idle ticks instead (once a second): its files, listed with their signatures, compared.

Nothing here imports Textual: the TUI runs this in a worker and posts what it yields.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import stat
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterable
from contextlib import aclosing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .reader import is_article_path, walk_folder
from .text import clean

if TYPE_CHECKING:
    from watchfiles import Change

log = logging.getLogger(__name__)

__all__ = ["FolderChange", "Signature", "Snapshot", "compare_listings", "describe_change", "is_article_path",
           "list_articles", "take_snapshot", "watch_folder"]

Signature = tuple[int, int, int]
"""What tells two versions of a file apart: (inode, size, mtime in ns)."""

INCREMENTAL_MAX = 256
"""A burst touching more paths than this is answered by listing the whole folder again."""

RESTART_DELAY = 0.5
"""Seconds to wait before setting the OS watcher up again after it failed, or while the folder
is missing (so a name it cannot decode, touched in a loop, never makes a busy loop)."""

UNDECODABLE = ("A name in the folder is not valid UTF-8 text, which the file watcher cannot read. "
               "Live reload goes on (a folder of such a name is looked at once a second); renaming "
               "it is safer.")
REPLACED = "The folder was replaced by a new one of the same name. Live reload now watches the new one."


class StopEvent(Protocol):
    """Anything with `is_set()`: an `asyncio.Event`, `anyio.Event` or `threading.Event`."""

    def is_set(self) -> bool:
        """Whether watching should stop."""
        ...


@dataclass(frozen=True)
class FolderChange:
    """The article files added, modified and removed in one burst (paths relative, with `/`)."""

    added: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    touched: frozenset[str] | None = field(default=None, compare=False)
    """Every path (as the OS watcher gave it) that the bursts behind this change touched, article
    or not, or None when that is not known (a change not made by the watcher, or one found by
    listing the whole folder): what `Engine.analyse` may look at alone (its `touched`)."""

    def __bool__(self) -> bool:
        return bool(self.added or self.modified or self.removed)

    @property
    def count(self) -> int:
        """How many files changed in any way."""
        return len(self.added) + len(self.modified) + len(self.removed)

    def merge(self, later: FolderChange) -> FolderChange:
        """This change followed by `later`, as one change (a file added then removed vanishes)."""
        state: dict[str, str] = {}
        for kind, paths in (("+", self.added), ("~", self.modified), ("-", self.removed)):
            for path in paths:
                state[path] = kind
        for kind, paths in (("+", later.added), ("~", later.modified), ("-", later.removed)):
            for path in paths:
                before = state.get(path)
                if before == "+" and kind == "-":
                    del state[path]
                elif before == "+" and kind == "~":
                    continue
                elif before == "-" and kind == "+":
                    state[path] = "~"
                else:
                    state[path] = kind
        touched = None if self.touched is None or later.touched is None else self.touched | later.touched
        return FolderChange(
            added=tuple(sorted(p for p, k in state.items() if k == "+")),
            modified=tuple(sorted(p for p, k in state.items() if k == "~")),
            removed=tuple(sorted(p for p, k in state.items() if k == "-")),
            touched=touched,
        )


@dataclass(frozen=True)
class Snapshot:
    """One listing of the folder: its article files with their signatures, and the folders to watch."""

    articles: dict[str, Signature]
    folders: frozenset[str]
    """The folder and its real subfolders (never hidden or linked ones), as absolute paths."""


def _signature(st: os.stat_result) -> Signature:
    """A file's `Signature` from its status."""
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _status(path: str | Path) -> os.stat_result | None:
    """The file's status through a link, else the link's own (a broken or looping link); None
    when the entry is gone."""
    try:
        return os.stat(path)
    except OSError:
        try:
            return os.lstat(path)
        except OSError:
            return None


def take_snapshot(folder: Path) -> Snapshot:
    """List `folder` as the reader does, with a signature per article file (links that cannot be
    followed are signed by the link itself; entries that vanish are left out)."""
    listing = walk_folder(folder)
    found: dict[str, Signature] = {}
    for relative, path in listing.articles:
        st = _status(path)
        if st is not None:
            found[relative] = _signature(st)
    return Snapshot(found, frozenset(os.fspath(p) for p in listing.folders))


def update_snapshot(folder: Path, known: dict[str, Signature], folders: frozenset[str],
                    paths: Iterable[str]) -> dict[str, Signature] | None:
    """The articles `take_snapshot` would list now, worked out from `known` (the last listing,
    whose watched folders are `folders`) by looking at the `paths` a burst touched alone; None
    when only a new listing can tell: a folder touched or now at one of the paths, a path not
    directly in a watched folder, or more than `INCREMENTAL_MAX` paths."""
    touched = set(paths)
    if len(touched) > INCREMENTAL_MAX:
        return None
    base = os.path.abspath(folder)
    watched = {os.path.abspath(f) for f in folders}
    articles = dict(known)
    for path in touched:
        full = os.path.abspath(path)
        if full in watched or os.path.dirname(full) not in watched or os.path.isdir(full):
            return None
        relative = os.path.relpath(full, base).replace(os.sep, "/")
        if not is_article_path(relative):
            continue
        st = _status(full)
        if st is None:
            articles.pop(relative, None)
        else:
            articles[relative] = _signature(st)
    return articles


def list_articles(folder: Path) -> dict[str, Signature]:
    """Every article file under `folder` with its signature (see `take_snapshot`)."""
    return take_snapshot(folder).articles


def compare_listings(before: dict[str, Signature], after: dict[str, Signature]) -> FolderChange:
    """The change that turns listing `before` into listing `after`."""
    return FolderChange(
        added=tuple(sorted(after.keys() - before.keys())),
        modified=tuple(sorted(p for p in before.keys() & after.keys() if before[p] != after[p])),
        removed=tuple(sorted(before.keys() - after.keys())),
    )


async def watch_folder(
    folder: Path,
    debounce_ms: int = 300,
    max_wait_ms: int = 5_000,
    stop_event: StopEvent | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> AsyncIterator[FolderChange]:
    """Yield one `FolderChange` per burst of changes to the articles under `folder`.

    A burst ends when no event has arrived for `debounce_ms`, or `max_wait_ms` after it
    began, whichever is first. Set `stop_event` to end the generator promptly (cancelling the
    task alone waits for watchfiles' thread to time out). Each time the OS watcher is set up,
    the folder is listed again at its first idle tick, so a file saved while it was starting
    is not missed. Listings run in a thread: a big folder never blocks the caller's event loop.

    `on_notice` is told, once each, of what the user should know while watching goes on: a
    name the watcher cannot decode, the folder replaced by a new one. Other errors (a watch
    limit reached) end the generator by raising.
    """
    folder = Path(folder)
    told: set[str] = set()

    def tell(text: str, once: bool = True) -> None:
        if once and text in told:
            return
        told.add(text)
        log.info("%s", text)
        if on_notice is not None:
            on_notice(text)

    def stopped() -> bool:
        return stop_event is not None and stop_event.is_set()

    known = (await asyncio.to_thread(take_snapshot, folder)).articles
    identity = _identity(folder)
    touched: set[str] | None = None
    """The paths the bursts since the last change touched; None after a whole listing (and at
    first: whoever listed the folder before this watcher started may have missed a change)."""
    while not stopped():
        folders = await asyncio.to_thread(_folders, folder)
        roots, polled = _watchable(folders, tell)
        if not roots:  # the folder is gone or unreadable: look again in a moment
            await _pause(RESTART_DELAY, stopped)
            continue
        try:
            async with aclosing(_watch_roots(roots, debounce_ms, max_wait_ms, stop_event)) as bursts:
                reconciled = False
                looked = await asyncio.to_thread(_files_in, polled)
                async for raw in bursts:
                    now = _identity(folder)
                    if now is not None and now != identity:
                        replaced, identity = identity is not None, now
                        if replaced:
                            tell(REPLACED, once=False)
                            break  # watch the new folder; its first tick lists it
                    unwatched_change = False
                    if polled and not raw:  # an idle tick: look at the folders the watcher cannot take
                        seen, looked = looked, await asyncio.to_thread(_files_in, polled)
                        unwatched_change = seen != looked
                    if not raw and reconciled and not unwatched_change:
                        continue  # an idle tick: nothing to look at
                    articles = None
                    if raw and reconciled and not unwatched_change:
                        articles = await asyncio.to_thread(update_snapshot, folder, known, folders,
                                                           [path for _kind, path in raw])
                    reconciled = True
                    listed = folders
                    if articles is None:
                        current = await asyncio.to_thread(take_snapshot, folder)
                        articles, listed = current.articles, current.folders
                        touched = None
                    elif touched is not None:
                        touched.update(path for _kind, path in raw)
                    change = compare_listings(known, articles)
                    known = articles
                    if change:
                        log.debug("folder change: %s", describe_change(change))
                        yield replace(change, touched=frozenset(touched) if touched is not None else None)
                        touched = set()
                    if listed != folders:
                        break  # subfolders came or went: watch the new set
                else:
                    return  # the stop event was set
        except FileNotFoundError:
            log.debug("a folder vanished while the watcher started; starting again")
            await _pause(RESTART_DELAY, stopped)
        except Exception as exc:
            if not _undecodable(exc):
                raise
            log.debug("watcher could not decode a path: %s", exc)
            tell(UNDECODABLE)
            await _pause(RESTART_DELAY, stopped)


def _watch_roots(roots: list[str], debounce_ms: int, max_wait_ms: int,
                 stop_event: StopEvent | None) -> AsyncGenerator[set[tuple[Change, str]], None]:
    """`watchfiles.awatch` over `roots`, each folder on its own (symlinks are never followed)."""
    from watchfiles import awatch

    return awatch(
        *roots,
        step=debounce_ms,
        debounce=max_wait_ms,
        stop_event=stop_event,
        rust_timeout=1_000,
        yield_on_timeout=True,
        recursive=False,
        ignore_permission_denied=True,
        watch_filter=_relevant,
    )


def _folders(folder: Path) -> frozenset[str]:
    """The folder and its real subfolders now (empty when it is gone or cannot be listed)."""
    return frozenset(os.fspath(path) for path in walk_folder(folder).folders)


def _watchable(folders: Iterable[str], tell: Callable[[str], None]) -> tuple[list[str], list[str]]:
    """The folders the OS watcher can take (those with UTF-8 names), and those it cannot, which
    are looked at on each idle tick instead; both sorted."""
    roots: list[str] = []
    polled: list[str] = []
    for path in sorted(folders):
        try:
            path.encode("utf-8")
        except UnicodeEncodeError:  # the watcher takes UTF-8 paths only
            tell(UNDECODABLE)
            polled.append(path)
            continue
        roots.append(path)
    return roots, polled


def _files_in(folders: Iterable[str]) -> frozenset[tuple[str, Signature]]:
    """The files directly in `folders` with their signatures (what a change to them changes)."""
    found: set[tuple[str, Signature]] = set()
    for path in folders:
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    with contextlib.suppress(OSError):
                        if entry.is_file(follow_symlinks=False):
                            found.add((entry.path, _signature(entry.stat(follow_symlinks=False))))
        except OSError:
            continue  # gone or unreadable: the next listing of the folder says so
    return frozenset(found)


def _identity(folder: Path) -> tuple[int, int] | None:
    """(device, inode) of the folder, or None when it is missing or not a folder."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None


def _undecodable(exc: BaseException) -> bool:
    """Whether `exc` is watchfiles' "Unable to decode path" error (alone, or all a task group raised)."""
    if isinstance(exc, BaseExceptionGroup):
        return all(_undecodable(inner) for inner in exc.exceptions)
    from watchfiles._rust_notify import WatchfilesRustInternalError

    return isinstance(exc, WatchfilesRustInternalError) and "decode path" in str(exc)


async def _pause(seconds: float, stopped: Callable[[], bool]) -> None:
    """Sleep for `seconds`, or less when watching is to stop."""
    deadline = time.monotonic() + seconds
    while not stopped() and time.monotonic() < deadline:
        await asyncio.sleep(min(0.1, seconds))


def _relevant(_change: object, path: str) -> bool:
    """Wake up for anything not hidden: articles, the other files a report lists as skipped, and
    folders whatever their name (one moved in or out brings or takes articles). A burst that
    changes no article yields nothing, but the paths it touched go with the next change."""
    return not os.path.basename(path).startswith(".")


def describe_change(change: FolderChange, limit: int = 3) -> str:
    """A short line for a toast: "+ bbc.txt, ~ afp.txt, - old.txt" (long lists as "+ 97 files").

    Names are cleaned (`text.clean`): a file name is the one thing a stranger chooses that
    the toast prints.
    """
    parts: list[str] = []
    for sign, paths in (("+", change.added), ("~", change.modified), ("-", change.removed)):
        parts.extend(_describe_kind(sign, paths, limit))
    return ", ".join(parts) if parts else "no article changed"


def _describe_kind(sign: str, paths: Iterable[str], limit: int) -> list[str]:
    """The items of one kind of change, folded into a count past `limit`."""
    listed = list(paths)
    if len(listed) > limit:
        return [f"{sign} {len(listed)} files"]
    return [f"{sign} {clean(path)}" for path in listed]
