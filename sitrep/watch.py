"""Watch a seeds folder for added, changed, renamed and deleted articles.

`watch_folder` is an async generator over `watchfiles.awatch`: it yields one `FolderChange`
per burst of file-system events (an editor's save dance, a hundred files copied at once).
Which files changed is decided by comparing folder listings before and after the burst, not by
the raw events: those arrive as an unordered set, so "deleted then re-created" (a save) and
"created then deleted" (a temp file) would otherwise look the same. A rename is a removal plus
an addition. Only article files count: `*.txt` and `*.md`, never hidden, backup or swap files.

Nothing here imports Textual: the TUI runs this in a worker and posts what it yields.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .textsafe import clean

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = frozenset({".txt", ".md"})

Signature = tuple[int, int, int]
"""What tells two versions of a file apart: (inode, size, mtime in ns)."""


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
        return FolderChange(
            added=tuple(sorted(p for p, k in state.items() if k == "+")),
            modified=tuple(sorted(p for p, k in state.items() if k == "~")),
            removed=tuple(sorted(p for p, k in state.items() if k == "-")),
        )


def is_article_path(relative: str | Path) -> bool:
    """Whether a path (relative to the folder) is an article: `*.txt`/`*.md`, not hidden or a swap file."""
    parts = Path(relative).parts
    if not parts:
        return False
    if any(part.startswith(".") for part in parts):
        return False
    name = parts[-1]
    if name.startswith(("~", "#")) or name.endswith(("~", "#")):
        return False
    return Path(name).suffix.lower() in ARTICLE_SUFFIXES


def list_articles(folder: Path) -> dict[str, Signature]:
    """Every article file under `folder` with its signature; unreadable entries are skipped."""
    found: dict[str, Signature] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root, name)
            relative = path.relative_to(folder).as_posix()
            if not is_article_path(relative):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            found[relative] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return found


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
) -> AsyncIterator[FolderChange]:
    """Yield one `FolderChange` per burst of changes to the articles under `folder`.

    A burst ends when no event has arrived for `debounce_ms`, or `max_wait_ms` after it
    began, whichever is first. Set `stop_event` to end the generator promptly (cancelling the
    task alone waits for watchfiles' thread to time out). Once the watcher is running (its
    first idle tick), the folder is listed again, so a file saved while it was starting is
    not missed. Listings run in a thread: a big folder never blocks the caller's event loop.
    """
    import asyncio

    from watchfiles import awatch

    folder = Path(folder)
    known = await asyncio.to_thread(list_articles, folder)
    reconciled = False
    async for raw in awatch(
        folder,
        step=debounce_ms,
        debounce=max_wait_ms,
        stop_event=stop_event,  # type: ignore[arg-type]
        rust_timeout=1_000,
        yield_on_timeout=True,
        recursive=True,
        watch_filter=_relevant,
    ):
        if not raw and reconciled:
            continue  # an idle tick: nothing to look at
        reconciled = True
        current = await asyncio.to_thread(list_articles, folder)
        change = compare_listings(known, current)
        known = current
        if change:
            log.debug("folder change: %s", describe_change(change))
            yield change


def _relevant(_change: object, path: str) -> bool:
    """Wake up for article files and for directories (a moved-in folder brings articles)."""
    name = os.path.basename(path)
    if name.startswith("."):
        return False
    suffix = os.path.splitext(name)[1].lower()
    return suffix in ARTICLE_SUFFIXES or suffix == "" or os.path.isdir(path)


def describe_change(change: FolderChange, limit: int = 3) -> str:
    """A short line for a toast: "+ bbc.txt, ~ afp.txt, - old.txt" (long lists as "+ 97 files").

    Names are cleaned (`textsafe.clean`): a file name is the one thing a stranger chooses that
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
