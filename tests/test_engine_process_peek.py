"""The dashboard reads the folder's stored report itself while its analysis process starts.

`EngineProcess.begin` reads the report from the cache file (read-only) in a thread and shows it as
the previous report; the child, finding the folder unchanged, names the report it would send by
its digest instead of sending it, and the copy read here becomes the current report.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
import zstandard

from sitrep import engine_process
from sitrep.cache import ResultCache
from sitrep.engine import Engine, Progress
from sitrep.engine_process import EngineProcess, _read_stored
from sitrep.model import Situation

from test_engine_process import config_for, warm  # noqa: F401 - warm is a fixture


def stored_copy(warm: tuple[Path, Path, Situation], tmp_path: Path) -> tuple[Path, Path, Situation]:
    """A copy of the warm folder and of its cache, the copy's report stored in the copied cache."""
    folder, cache = tmp_path / "copy", tmp_path / "cache.sqlite3"
    shutil.copytree(warm[0], folder)
    shutil.copy2(warm[1], cache)
    engine = Engine(config_for(cache))
    try:
        situation = engine.analyse(folder)
    finally:
        engine.close()  # stores the copy's report
    return folder, cache, situation


def first_run(cache: Path, folder: Path) -> tuple[Situation, list[Progress]]:
    """The dashboard's first run over `folder`: begun, then taken over by `analyse`."""
    process = EngineProcess(config_for(cache))
    seen: list[Progress] = []
    try:
        process.begin(folder)
        situation = process.analyse(folder, seen.append)
    finally:
        process.close()
    return situation, seen


def test_an_unchanged_folder_s_report_read_here_is_shown_at_once_and_then_confirmed_not_sent(
    warm: tuple[Path, Path, Situation], tmp_path: Path  # noqa: F811 - the imported fixture
) -> None:
    folder, cache, expected = stored_copy(warm, tmp_path)
    situation, seen = first_run(cache, folder)
    assert situation.to_dict() == expected.to_dict()
    previous = [p.situation for p in seen if p.stage == "previous"]
    assert len(previous) == 1 and previous[0] is situation  # the very copy read here, not another
    assert [p.stage for p in seen if p.stage != "previous"] == ["reading", "cached", "done"]


def test_a_report_read_here_that_is_not_the_one_the_child_found_is_replaced_by_the_child_s(
    warm: tuple[Path, Path, Situation], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """The stored form read here was replaced in the cache before the child read it (another writer,
    here the same report at another zstd level): the digests differ, and the child sends its own."""
    folder, cache, expected = stored_copy(warm, tmp_path)
    read_here = _read_stored(cache, str(folder))
    db = sqlite3.connect(cache)
    (key, data), = db.execute("SELECT key, data FROM reports WHERE folder = ?", (str(folder),)).fetchall()
    db.close()
    squeezed = zstandard.ZstdCompressor(level=19).compress(zstandard.ZstdDecompressor().decompress(data))
    assert squeezed != data and read_here is not None
    stored = ResultCache(cache, "unused")
    stored.put_report(str(folder), key, squeezed)
    stored.close()
    monkeypatch.setattr(engine_process, "_read_stored", lambda *_args: read_here)
    situation, seen = first_run(cache, folder)
    previous = [p.situation for p in seen if p.stage == "previous"]
    assert situation.to_dict() == expected.to_dict() and previous[0] is not situation
    assert seen[-1].stage == "done" and seen[-1].situation is situation


def test_a_changed_folder_shows_the_report_read_here_as_previous_and_the_child_s_once(
    warm: tuple[Path, Path, Situation], tmp_path: Path  # noqa: F811 - the imported fixture
) -> None:
    folder, cache, before = stored_copy(warm, tmp_path)
    min(folder.glob("0*.txt")).unlink()
    after, seen = first_run(cache, folder)
    reports = [(p.stage, p.situation.to_dict()) for p in seen if p.situation is not None]
    assert reports[0] == ("previous", before.to_dict())
    assert [stage for stage, _report in reports].count("previous") == 1  # the child's own is not sent
    assert reports[-1] == ("done", after.to_dict()) and len(after.articles) == len(before.articles) - 1


def test_the_report_is_read_only_from_a_cache_of_sitrep_s_and_nothing_is_written(
    warm: tuple[Path, Path, Situation], tmp_path: Path  # noqa: F811 - the imported fixture
) -> None:
    folder, cache, expected = stored_copy(warm, tmp_path)
    found = _read_stored(cache, str(folder))
    assert found is not None and found.situation.to_dict() == expected.to_dict()
    ours = sqlite3.connect(cache)
    (data,), = ours.execute("SELECT data FROM reports WHERE folder = ?", (str(folder),)).fetchall()
    ours.close()
    foreign = tmp_path / "foreign.sqlite3"  # the same table and report, in a file sitrep did not make
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE reports (folder, key, data, made)")
    db.execute("INSERT INTO reports VALUES (?, 'k', ?, 0)", (str(folder), data))
    db.commit()
    db.close()
    before = foreign.read_bytes()
    assert _read_stored(foreign, str(folder)) is None
    assert foreign.read_bytes() == before
    missing = tmp_path / "missing.sqlite3"
    assert _read_stored(missing, str(folder)) is None and not missing.exists()




def first_run_with_the_child_ahead(cache: Path, folder: Path) -> tuple[Situation, list[Progress]]:
    """The dashboard's first run over `folder` on a busy machine: the child's next message is
    always in the pipe (the run waits for it) whenever the run looks."""
    process = EngineProcess(config_for(cache))
    seen: list[Progress] = []

    def next_message_in() -> None:
        deadline = time.monotonic() + 30
        while not process._conn.poll(0.02):  # type: ignore[union-attr] - the child's pipe
            assert time.monotonic() < deadline, "the child never sent its next message"

    def progress(step: Progress) -> None:
        seen.append(step)
        if step.stage != "done":
            next_message_in()

    try:
        process.begin(folder)
        next_message_in()
        situation = process.analyse(folder, progress)
    finally:
        process.close()
    return situation, seen


def test_a_child_that_answers_before_the_run_looks_for_it_sends_its_report_and_nothing_is_read_here(
    warm: tuple[Path, Path, Situation], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """A busy machine: the dashboard's start takes longer than the child's run, so reading and
    decoding the report here would only cost it CPU."""
    folder, cache, expected = stored_copy(warm, tmp_path)
    read: list[str] = []
    monkeypatch.setattr(engine_process, "_read_stored", lambda *args: read.append("read"))
    situation, seen = first_run_with_the_child_ahead(cache, folder)
    assert situation.to_dict() == expected.to_dict()
    assert [p.stage for p in seen] == ["reading", "cached", "done"] and not read


def test_the_begun_run_over_a_changed_folder_leaves_its_last_report_to_the_dashboard(
    warm: tuple[Path, Path, Situation], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """The child neither reads nor sends the folder's last report: the dashboard reads it itself
    when it catches up with the child, and reading it in the child came before the merge. Here the
    child stays ahead, so no report but the current one comes at all."""
    folder, cache, before = stored_copy(warm, tmp_path)
    min(folder.glob("0*.txt")).unlink()
    read: list[str] = []
    monkeypatch.setattr(engine_process, "_read_stored", lambda *args: read.append("read"))
    after, seen = first_run_with_the_child_ahead(cache, folder)
    assert [p.stage for p in seen] == ["reading", "cached", "done"] and not read
    assert len(after.articles) == len(before.articles) - 1
