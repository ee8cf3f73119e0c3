"""Live reload over a hostile folder, in the app: it keeps going and says why, never goes quiet.

The watcher's own behaviour is specified in `test_watch.py`; these tests check that what it
tells the user reaches a toast, and that the panes follow the folder afterwards.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from test_tui_live import SIZE, change_until, live_app, record_toasts, source_keys, watching
from tui_fixtures import (
    BBC,
    BBC_TEXT,
    copy_seeds,
    settled,
    shared_engine,  # noqa: F401  (a fixture)
    wait_for,
    write_article,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX names")
LATER = "Junta Names New Minister\n\nColonel Sadio Camara was named minister in Bamako on Friday.\n"


@posix_only
async def test_a_file_name_that_is_not_utf8_leaves_live_reload_on_and_says_so(tmp_path: Path,
                                                                             shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    bad = os.path.join(os.fsencode(tmp_path / "seeds"), b"bad\xff\xfename.txt")
    with open(bad, "w", encoding="utf-8") as handle:
        handle.write(BBC_TEXT)
    toasts = record_toasts(app)

    def touch_bad() -> None:
        with open(bad, "a", encoding="utf-8") as handle:
            handle.write("\nThe junta said nothing more.\n")

    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await watching(app)
        await change_until(touch_bad, lambda: any("not valid UTF-8" in t for t in toasts), "the notice")
        await change_until(lambda: write_article(tmp_path / "seeds", "later.txt", LATER),
                           lambda: "article:later.txt" in source_keys(app), "an article added afterwards")
    assert not any("Live reload is off" in t for t in toasts)
    assert sum("not valid UTF-8" in t for t in toasts) == 1


@posix_only
async def test_a_folder_replaced_by_a_new_one_is_followed_and_the_user_told(tmp_path: Path,
                                                                           shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    folder = tmp_path / "seeds"
    toasts = record_toasts(app)

    def replace_folder() -> None:
        folder.rename(tmp_path / "old")
        copy_seeds(folder)
        write_article(folder, BBC, BBC_TEXT)

    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await watching(app)
        replace_folder()
        await wait_for(lambda: f"article:{BBC}" in source_keys(app), 15, "the new folder's article")
        await change_until(lambda: write_article(folder, "later.txt", LATER),
                           lambda: "article:later.txt" in source_keys(app), "an article added afterwards")
        await wait_for(lambda: any("replaced" in t for t in toasts), description="the notice")
    shutil.rmtree(tmp_path / "old")
