"""Tests for `sitrep.watch`: listings compared into changes, bursts merged, and the watcher on
a real folder (including a file saved while the watcher is still starting)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from sitrep import watch
from sitrep.watch import FolderChange, compare_listings, is_article_path, watch_folder


def test_a_listing_comparison_names_added_modified_and_removed_files() -> None:
    before = {"a.txt": (1, 10, 100), "b.txt": (2, 10, 100), "c.txt": (3, 10, 100)}
    after = {"a.txt": (1, 10, 100), "b.txt": (2, 12, 200), "d.md": (4, 5, 300)}
    assert compare_listings(before, after) == FolderChange(added=("d.md",), modified=("b.txt",), removed=("c.txt",))


def test_a_file_added_then_removed_within_a_burst_is_no_change() -> None:
    assert not FolderChange(added=("tmp.txt",)).merge(FolderChange(removed=("tmp.txt",)))


def test_a_file_removed_then_added_again_is_modified() -> None:
    assert FolderChange(removed=("a.txt",)).merge(FolderChange(added=("a.txt",))) == FolderChange(modified=("a.txt",))


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
    real_listing = watch.list_articles
    calls: list[Path] = []

    def listing(folder: Path) -> dict[str, watch.Signature]:
        found = real_listing(folder)
        if not calls:
            (tmp_path / "early.txt").write_text("The junta denied it.\n", encoding="utf-8")
        calls.append(folder)
        return found

    monkeypatch.setattr(watch, "list_articles", listing)
    change = await _next_change(tmp_path, asyncio.Event())
    assert change == FolderChange(added=("early.txt",))
