"""The watcher's changes carry the paths their bursts touched (`FolderChange.touched`), so that
the engine can look at those alone; when only a whole listing could tell, they are unknown."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from sitrep.watch import FolderChange

from test_watch import Watching


def test_merged_changes_touched_every_path_either_touched() -> None:
    first = FolderChange(added=("a.txt",), touched=frozenset({"/f/a.txt", "/f/x.pdf"}))
    later = FolderChange(removed=("a.txt",), touched=frozenset({"/f/a.txt", "/f/b.txt"}))
    assert first.merge(later).touched == {"/f/a.txt", "/f/x.pdf", "/f/b.txt"}


def test_a_change_whose_touched_paths_are_unknown_makes_the_merge_unknown() -> None:
    known = FolderChange(added=("a.txt",), touched=frozenset({"/f/a.txt"}))
    assert known.merge(FolderChange(modified=("b.txt",))).touched is None
    assert FolderChange(modified=("b.txt",)).merge(known).touched is None


def test_the_touched_paths_do_not_make_two_changes_differ() -> None:
    assert FolderChange(added=("a.txt",), touched=frozenset({"/f/a.txt"})) == FolderChange(added=("a.txt",))


async def test_a_change_carries_what_its_bursts_touched_skipped_files_included(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    async with Watching(tmp_path) as watching:
        await watching.running()
        # The first change after the watcher started follows a whole listing: what was touched is unknown.
        assert watching.changes[0].touched is None
        await asyncio.sleep(0.6)  # the changes of the other files `running` wrote come in
        before = len(watching.changes)
        (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # no article: no change is yielded for it
        await asyncio.sleep(0.6)
        assert len(watching.changes) == before
        (tmp_path / "sub" / "second.txt").write_text("The junta denied it.\n", encoding="utf-8")
        await watching.until(lambda: "sub/second.txt" in watching.seen.added, "the next change")
    later = watching.changes[before:]
    assert all(change.touched is not None for change in later)
    touched = {os.path.abspath(path) for change in later for path in change.touched or ()}
    assert touched >= {os.path.abspath(tmp_path / "notes.pdf"),
                       os.path.abspath(tmp_path / "sub" / "second.txt")}
