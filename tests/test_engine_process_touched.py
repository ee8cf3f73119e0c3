"""The paths the watcher saw touched reach the engine in the dashboard's analysis process."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import sitrep.engine as engine_module
from sitrep.engine_process import EngineProcess
from sitrep.model import Situation

from test_engine_process import config_for, warm  # noqa: F401 - warm is a fixture


def wait_until_settled(folder: Path) -> None:
    """Wait until every file in `folder` changed longer ago than the engine's racy window, so that
    the engine trusts their signatures (a file changed "just now" is hashed on every run)."""
    newest = max(max(p.stat().st_mtime, p.stat().st_ctime) for p in folder.iterdir())
    time.sleep(max(0.0, newest + engine_module.RACY_SECONDS + 0.1 - time.time()))


def test_the_child_looks_at_the_touched_paths_alone_and_lists_whole_without_them(
    warm: tuple[Path, Path, Situation], tmp_path: Path  # noqa: F811 - the imported fixture
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(warm[0], copy)
    wait_until_settled(copy)
    process = EngineProcess(config_for(warm[1]))
    try:
        before = process.analyse(copy)
        gone = sorted(copy.glob("*.txt"))[0]
        gone.unlink()
        untouched = sorted(copy.glob("*.txt"))[0]
        # Told of another file alone, the child trusts that the rest is as it was...
        told = process.analyse(copy, touched=[os.fspath(untouched)])
        assert told.to_dict() == before.to_dict()
        # ...and told nothing, it lists the folder whole and finds the file gone.
        listed = process.analyse(copy)
        assert gone.name in {a.path for a in before.articles} - {a.path for a in listed.articles}
    finally:
        process.close()
