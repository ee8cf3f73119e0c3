"""Tests for `sitrep.watch`: listings compared into changes, bursts merged, and the watcher on
a real folder (including a file saved while the watcher is still starting)."""

from __future__ import annotations

import asyncio
import functools
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep import watch
from sitrep.watch import FolderChange, compare_listings, is_article_path, watch_folder


def test_a_listing_comparison_names_added_modified_and_removed_files() -> None:
    before = {"a.txt": (1, 10, 100), "b.txt": (2, 10, 100), "c.txt": (3, 10, 100)}
    after = {"a.txt": (1, 10, 100), "b.txt": (2, 12, 200), "d.md": (4, 5, 300)}
    assert compare_listings(before, after) == FolderChange(added=("d.md",), modified=("b.txt",),
                                                           removed=("c.txt",))


def test_a_file_added_then_removed_within_a_burst_is_no_change() -> None:
    assert not FolderChange(added=("tmp.txt",)).merge(FolderChange(removed=("tmp.txt",)))


def test_a_file_removed_then_added_again_is_modified() -> None:
    assert FolderChange(removed=("a.txt",)).merge(FolderChange(added=("a.txt",))) == FolderChange(
        modified=("a.txt",)
    )


@pytest.mark.parametrize(("path", "article"), [("a.txt", True), ("sub/b.MD", True), (".hidden.txt", False),
                                               ("a.txt~", False), ("#a.txt#", False), (".git/x.txt", False),
                                               ("notes.docx", False)])
def test_only_article_files_count(path: str, article: bool) -> None:
    assert is_article_path(path) is article


async def _next_change(folder: Path, stop: asyncio.Event, timeout: float = 10) -> FolderChange:
    changes = watch_folder(folder, debounce_ms=50, max_wait_ms=500, stop_event=stop)
    try:
        return await asyncio.wait_for(anext(changes), timeout)
    finally:
        stop.set()
        await changes.aclose()


async def test_a_new_article_in_the_folder_is_reported(tmp_path: Path) -> None:
    stop = asyncio.Event()

    async def write_soon() -> None:
        await asyncio.sleep(1.5)
        (tmp_path / "new.txt").write_text("Soldiers were arrested in Bamako.\n", encoding="utf-8")

    writer = asyncio.create_task(write_soon())
    change = await _next_change(tmp_path, stop)
    await writer
    assert change == FolderChange(added=("new.txt",))


async def test_a_file_saved_while_the_watcher_starts_is_not_missed(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Written after the first listing but before the OS watcher exists: no event will ever come."""
    real_listing = watch.take_snapshot
    calls: list[Path] = []

    def listing(folder: Path) -> watch.Snapshot:
        found = real_listing(folder)
        if not calls:
            (tmp_path / "early.txt").write_text("The junta denied it.\n", encoding="utf-8")
        calls.append(folder)
        return found

    monkeypatch.setattr(watch, "take_snapshot", listing)
    change = await _next_change(tmp_path, asyncio.Event())
    assert change == FolderChange(added=("early.txt",))


# --- hostile folders: odd names, linked folders, a folder replaced ---------------------------

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX names and symlinks")
ARTICLE = "Soldiers were arrested in Bamako.\n"


class Watching:
    """`watch_folder` running in a task, collecting what it yields and the notices it gives."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stop = asyncio.Event()
        self.changes: list[FolderChange] = []
        self.notices: list[str] = []
        self.task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Watching:
        self.task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self.stop.set()
        assert self.task is not None
        await asyncio.wait_for(self.task, 10)

    async def _run(self) -> None:
        changes = watch_folder(self.folder, debounce_ms=50, max_wait_ms=500, stop_event=self.stop,
                               on_notice=self.notices.append)
        async for change in changes:
            self.changes.append(change)

    @property
    def seen(self) -> FolderChange:
        """Every change so far, merged into one."""
        return functools.reduce(FolderChange.merge, self.changes, FolderChange())

    async def until(self, condition: Callable[[], bool], description: str, timeout: float = 10) -> None:
        """Wait for `condition`; a watcher that died fails the test with its own error."""
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.task is not None
            if self.task.done():
                self.task.result()  # raises the watcher's error
                raise AssertionError(f"the watcher stopped before {description}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {description}")
            await asyncio.sleep(0.05)

    async def running(self) -> None:
        """Wait until the OS watcher is set up: new files until one is reported (it only reports
        once watching), so that what the test does next happens while it watches."""
        for attempt in range(40):
            (self.folder / f"ready-{attempt}.txt").write_text(ARTICLE, encoding="utf-8")
            try:
                await self.until(lambda: bool(self.changes), "the watcher to start", timeout=0.5)
                return
            except AssertionError:
                if self.task is not None and self.task.done():
                    raise
        raise AssertionError("the watcher never started")


def append(path: Path | bytes, text: str = ARTICLE) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


@posix_only
async def test_a_file_name_that_is_not_utf8_does_not_stop_the_watcher(tmp_path: Path) -> None:
    bad = os.path.join(os.fsencode(tmp_path), b"bad\xff\xfename.txt")
    append(bad)
    async with Watching(tmp_path) as watching:
        await watching.running()
        append(bad)
        await watching.until(lambda: bool(watching.notices), "a notice about the name")
        (tmp_path / "new.txt").write_text(ARTICLE, encoding="utf-8")
        await watching.until(lambda: "new.txt" in watching.seen.added, "the next new file")
        append(bad)
        (tmp_path / "newer.txt").write_text(ARTICLE, encoding="utf-8")
        await watching.until(lambda: "newer.txt" in watching.seen.added, "a new file after another bad event")
    assert os.fsdecode(b"bad\xff\xfename.txt") in watching.seen.modified
    assert len(watching.notices) == 1 and "not valid UTF-8" in watching.notices[0]


def watched_inodes() -> set[int]:
    """The inodes this process holds inotify watches on now (Linux: /proc/self/fdinfo)."""
    inodes: set[int] = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") != "anon_inode:inotify":
                continue
            with open(f"/proc/self/fdinfo/{fd}", encoding="ascii") as info:
                inodes.update(int(found.group(1), 16) for line in info
                              if (found := re.search(r"^inotify wd:\S+ ino:([0-9a-f]+)", line)))
        except OSError:
            continue
    return inodes


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads inotify watches from /proc")
async def test_a_linked_folder_is_not_watched(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    for index in range(30):
        (outside / f"sub{index}").mkdir(parents=True)
    folder = tmp_path / "articles"
    (folder / "real").mkdir(parents=True)
    (folder / "link").symlink_to(outside, target_is_directory=True)
    async with Watching(folder) as watching:
        await watching.running()
        watched = watched_inodes()
    assert {folder.stat().st_ino, (folder / "real").stat().st_ino} <= watched
    assert not watched & {path.stat().st_ino for path in [outside, *outside.iterdir()]}


@posix_only
def test_the_watcher_watches_the_folder_and_its_real_subfolders_only(tmp_path: Path) -> None:
    (tmp_path / "outside" / "deep").mkdir(parents=True)
    folder = tmp_path / "articles"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "a" / "link").symlink_to(tmp_path / "outside", target_is_directory=True)
    roots = watch.take_snapshot(folder).folders
    assert sorted(Path(p).relative_to(folder).as_posix() for p in roots) == [".", "a", "a/b"]


async def test_files_in_a_new_subfolder_are_reported(tmp_path: Path) -> None:
    async with Watching(tmp_path) as watching:
        await watching.running()
        (tmp_path / "sub").mkdir()
        (tmp_path / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
        await watching.until(lambda: "sub/a.txt" in watching.seen.added, "the file in the new folder")
        (tmp_path / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
        await watching.until(lambda: "sub/b.txt" in watching.seen.added, "a later file in the new folder")


@posix_only
async def test_a_folder_replaced_by_a_new_one_of_the_same_name_is_watched_again(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    async with Watching(folder) as watching:
        await watching.running()
        folder.rename(tmp_path / "old")
        folder.mkdir()
        (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
        await watching.until(lambda: "b.txt" in watching.seen.added, "the file in the new folder")
        (folder / "c.txt").write_text(ARTICLE, encoding="utf-8")
        await watching.until(lambda: "c.txt" in watching.seen.added, "a later file in the new folder")
    assert "a.txt" in watching.seen.removed
    assert len(watching.notices) == 1 and "replaced" in watching.notices[0]


@posix_only
async def test_a_folder_name_that_is_not_utf8_does_not_stop_the_watcher(tmp_path: Path) -> None:
    os.mkdir(os.path.join(os.fsencode(tmp_path), b"sub\xff"))
    async with Watching(tmp_path) as watching:
        await watching.running()
        (tmp_path / "new.txt").write_text(ARTICLE, encoding="utf-8")
        await watching.until(lambda: "new.txt" in watching.seen.added, "a new file beside the folder")
    assert len(watching.notices) == 1 and "not valid UTF-8" in watching.notices[0]


@posix_only
async def test_files_in_a_folder_whose_name_is_not_utf8_are_still_reported(tmp_path: Path) -> None:
    sub = os.path.join(os.fsencode(tmp_path), b"sub\xff")
    os.mkdir(sub)
    name = os.fsdecode(b"sub\xff/a.txt")
    async with Watching(tmp_path) as watching:
        await watching.running()
        append(os.path.join(sub, b"a.txt"))
        await watching.until(lambda: name in watching.seen.added, "the new file in the folder")
        append(os.path.join(sub, b"a.txt"))
        await watching.until(lambda: any(name in c.modified for c in watching.changes), "the file's change")
        os.unlink(os.path.join(sub, b"a.txt"))
        await watching.until(lambda: any(name in c.removed for c in watching.changes), "the file's removal")


def _listed_folder(tmp_path: Path) -> Path:
    """A folder of articles, a nested one, a hidden folder and files that are not articles."""
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    for name in ("a.txt", "b.md", "sub/c.txt", ".hidden/d.txt", "notes.pdf"):
        (folder / name).write_text(ARTICLE, encoding="utf-8")
    return folder


def _create(folder: Path) -> list[Path]:
    (folder / "new.txt").write_text(ARTICLE, encoding="utf-8")
    return [folder / "new.txt"]


def _modify(folder: Path) -> list[Path]:
    with (folder / "a.txt").open("a", encoding="utf-8") as handle:
        handle.write("More soldiers were arrested.\n")
    return [folder / "a.txt"]


def _delete_nested(folder: Path) -> list[Path]:
    (folder / "sub" / "c.txt").unlink()
    return [folder / "sub" / "c.txt"]


def _rename(folder: Path) -> list[Path]:
    (folder / "b.md").rename(folder / "sub" / "b2.md")
    return [folder / "b.md", folder / "sub" / "b2.md"]


def _atomic_save(folder: Path) -> list[Path]:
    (folder / ".a.txt.swp").write_text("Soldiers were released.\n", encoding="utf-8")
    os.replace(folder / ".a.txt.swp", folder / "a.txt")
    return [folder / ".a.txt.swp", folder / "a.txt"]


def _not_articles(folder: Path) -> list[Path]:
    for name in ("draft.txt~", "report.pdf", ".secret.txt", "page.html.part"):
        (folder / name).write_text(ARTICLE, encoding="utf-8")
    return [folder / n for n in ("draft.txt~", "report.pdf", ".secret.txt", "page.html.part")]


def _broken_link(folder: Path) -> list[Path]:
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    return [folder / "gone.txt"]


@pytest.mark.parametrize("change", [_create, _modify, _delete_nested, _rename, _atomic_save, _not_articles,
                                    pytest.param(_broken_link, marks=posix_only)],
                         ids=lambda f: f.__name__.strip("_"))
def test_the_listing_updated_from_the_touched_paths_equals_a_new_listing(
        tmp_path: Path, change: Callable[[Path], list[Path]]) -> None:
    folder = _listed_folder(tmp_path)
    before = watch.take_snapshot(folder)
    touched = change(folder)
    updated = watch.update_snapshot(folder, before.articles, before.folders, map(os.fspath, touched))
    assert updated == watch.take_snapshot(folder).articles
    assert updated != before.articles or change is _not_articles


def test_a_new_subfolder_needs_a_new_listing(tmp_path: Path) -> None:
    folder = _listed_folder(tmp_path)
    before = watch.take_snapshot(folder)
    (folder / "more").mkdir()
    more = [os.fspath(folder / "more")]
    assert watch.update_snapshot(folder, before.articles, before.folders, more) is None


def test_a_path_outside_the_watched_folders_needs_a_new_listing(tmp_path: Path) -> None:
    folder = _listed_folder(tmp_path)
    before = watch.take_snapshot(folder)
    hidden = os.fspath(folder / ".hidden" / "d.txt")
    assert watch.update_snapshot(folder, before.articles, before.folders, [hidden]) is None


def test_a_burst_of_many_paths_needs_a_new_listing(tmp_path: Path) -> None:
    folder = _listed_folder(tmp_path)
    before = watch.take_snapshot(folder)
    many = [os.fspath(folder / f"{n}.txt") for n in range(watch.INCREMENTAL_MAX + 1)]
    assert watch.update_snapshot(folder, before.articles, before.folders, many) is None


async def test_a_saved_file_is_reported_without_listing_the_folder_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    listings: list[Path] = []
    real = watch.take_snapshot

    def counted(folder: Path) -> watch.Snapshot:
        listings.append(folder)
        return real(folder)

    monkeypatch.setattr(watch, "take_snapshot", counted)
    async with Watching(tmp_path) as watching:
        await watching.until(lambda: len(listings) >= 2, "the first tick's listing")
        await asyncio.sleep(0.3)
        first = len(listings)
        (tmp_path / "a.txt").write_text(ARTICLE + "More.\n", encoding="utf-8")
        await watching.until(lambda: "a.txt" in watching.seen.modified, "the saved file")
        (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
        await watching.until(lambda: "b.txt" in watching.seen.added, "the new file")
    assert len(listings) == first
