"""A folder's last report kept in the cache (`cache.keep_reports`): a fresh engine over the
unchanged folder shows it without decoding a row or merging; any change merges as before."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import sitrep.cache as cache_module
from sitrep.config import Config
from sitrep.engine import Engine
from sitrep.model import Situation
from sitrep.progress import Progress

from tui_fixtures import copy_seeds, temp_config, write_article

SECOND = """Bamako, 3 May 2025 (Reuters) - The army said on Thursday that General Abass Dembele had been
released after questioning, a spokesman told reporters in the capital.
"""
OLD = 1_700_000_000.0
"""An mtime long past: hashed signatures are settled, so a fresh engine reads no file."""


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder of two articles and a cache holding their rows (no stored report)."""
    base = tmp_path_factory.mktemp("warm")
    folder = copy_seeds(base / "articles", mtime=OLD)
    write_article(folder, "second.txt", SECOND, mtime=OLD)
    config = temp_config(base)
    engine = Engine(config)
    engine.analyse(folder, stored=False)
    engine._unsaved = None  # the template holds rows only
    engine.close()
    return folder, Path(config.cache.path)


@pytest.fixture
def setup(warm: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Config]:
    """A copy of the warm folder and cache for one test."""
    folder = tmp_path / "articles"
    shutil.copytree(warm[0], folder)
    for path in folder.iterdir():
        os.utime(path, (OLD, OLD))
    config = temp_config(tmp_path)
    shutil.copyfile(warm[1], config.cache.path)
    return folder, config


@pytest.fixture
def rows_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many rows each `get_many` call was asked for."""
    calls: list[int] = []
    real = cache_module.ResultCache.get_many

    def counting(self: cache_module.ResultCache, hashes: list[str]) -> dict:
        hashes = list(hashes)
        calls.append(len(hashes))
        return real(self, hashes)

    monkeypatch.setattr(cache_module.ResultCache, "get_many", counting)
    yield calls


def run(config: Config, folder: Path, *, prime: bool = False) -> tuple[Situation, Engine]:
    """A fresh engine's first report of `folder` (closed afterwards: it stores its report)."""
    engine = Engine(config)
    try:
        situation = engine.analyse(folder)
        if prime:
            engine.prime(folder)
        return situation, engine
    finally:
        engine.close()


def stored_reports(config: Config) -> list[tuple[str, str]]:
    db = sqlite3.connect(config.cache.path)
    try:
        return db.execute("SELECT folder, key FROM reports").fetchall()
    finally:
        db.close()


def test_a_fresh_engine_over_an_unchanged_folder_shows_the_stored_report_without_reading_rows(
        setup: tuple[Path, Config], rows_read: list[int]) -> None:
    folder, config = setup
    merged, first = run(config, folder)
    assert not first.served_stored and rows_read == [2]
    shown, second = run(config, folder)
    assert second.served_stored and rows_read == [2]  # no row asked for the second time
    assert shown == merged
    assert second.parsed_last_run == 0 and not second.model_loaded


def test_the_folder_has_one_stored_report_under_its_absolute_path(setup: tuple[Path, Config]) -> None:
    folder, config = setup
    run(config, folder)
    write_article(folder, "second.txt", SECOND + "More.\n", mtime=OLD)
    run(config, folder)
    assert [f for f, _key in stored_reports(config)] == [os.path.abspath(folder)]


def test_a_changed_article_is_merged_again_not_shown_from_the_stored_report(
        setup: tuple[Path, Config]) -> None:
    folder, config = setup
    run(config, folder)
    write_article(folder, "second.txt", SECOND.replace("released", "detained"), mtime=OLD)
    shown, engine = run(config, folder)
    assert not engine.served_stored and engine.parsed_last_run == 1
    fresh = Engine(config)
    try:
        assert shown == fresh.analyse(folder, stored=False)
    finally:
        fresh.close()


def test_a_touched_file_is_merged_again(setup: tuple[Path, Config]) -> None:
    folder, config = setup
    before, _ = run(config, folder)
    os.utime(folder / "second.txt", (OLD + 60, OLD + 60))
    after, engine = run(config, folder)
    assert not engine.served_stored and engine.parsed_last_run == 0
    assert max(a.mtime for a in after.articles) == OLD + 60 != max(a.mtime for a in before.articles)


def test_a_file_gone_is_merged_again(setup: tuple[Path, Config]) -> None:
    folder, config = setup
    run(config, folder)
    (folder / "second.txt").unlink()
    shown, engine = run(config, folder)
    assert not engine.served_stored and [a.path for a in shown.articles] == [
        "mali_2025_coup_plot_soldiers_arrested.txt"]


def test_the_same_folder_named_another_way_is_merged_again(setup: tuple[Path, Config],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    folder, config = setup
    run(config, folder)
    monkeypatch.chdir(folder.parent)
    shown, engine = run(config, Path("articles"))
    assert not engine.served_stored and shown.folder == "articles"


def test_no_report_is_kept_when_the_setting_is_off(setup: tuple[Path, Config]) -> None:
    folder, config = setup
    config.cache.keep_reports = False
    run(config, folder)
    _, engine = run(config, folder)
    assert not engine.served_stored and stored_reports(config) == []


def test_an_unreadable_stored_report_is_merged_instead_with_a_warning(
        setup: tuple[Path, Config], caplog: pytest.LogCaptureFixture) -> None:
    folder, config = setup
    merged, _ = run(config, folder)
    db = sqlite3.connect(config.cache.path)
    db.execute("UPDATE reports SET data = ?", (b"\x78\x9c tampered",))
    db.commit()
    db.close()
    with caplog.at_level(logging.WARNING, logger="sitrep.engine"):
        shown, engine = run(config, folder)
    assert not engine.served_stored and shown == merged
    assert "stored report" in caplog.text and "unreadable" in caplog.text


def test_priming_after_the_stored_report_makes_the_next_run_incremental(
        setup: tuple[Path, Config], rows_read: list[int]) -> None:
    folder, config = setup
    run(config, folder)
    engine = Engine(config)
    try:
        engine.analyse(folder)
        assert engine.served_stored
        engine.prime(folder)
        assert not engine.served_stored and rows_read[-1] == 2
        write_article(folder, "second.txt", SECOND.replace("released", "detained"))
        rows_read.clear()
        engine.analyse(folder)
        assert engine.parsed_last_run == 1
        assert rows_read in ([], [1])  # at most the changed file's own hash is looked up
    finally:
        engine.close()


def test_a_read_only_cache_still_shows_the_stored_report(setup: tuple[Path, Config]) -> None:
    folder, config = setup
    merged, _ = run(config, folder)
    os.chmod(config.cache.path, 0o444)
    os.chmod(Path(config.cache.path).parent, 0o555)
    try:
        if os.access(config.cache.path, os.W_OK):
            pytest.skip("running as a user who can write read-only files")
        shown, engine = run(config, folder)
        assert engine.served_stored and shown == merged
    finally:
        os.chmod(Path(config.cache.path).parent, 0o755)
        os.chmod(config.cache.path, 0o644)


def test_a_folder_with_a_name_that_is_not_utf8_still_reports(setup: tuple[Path, Config]) -> None:
    folder, config = setup
    (folder / os.fsdecode(b"bad-\xff.txt")).write_bytes(b"\x00\x01binary")
    merged, _ = run(config, folder)
    shown, _ = run(config, folder)
    assert shown == merged and any("\ufffd" in b.path or "\udcff" in b.path for b in shown.bad_files)


# --- the last report, shown while a changed folder's current one is made (the dashboard) -------


def stages(config: Config, folder: Path, *, previous: bool) -> tuple[list[Progress], Situation]:
    """Everything a fresh engine's first run over `folder` told its listener, and its report."""
    told: list[Progress] = []
    engine = Engine(config)
    try:
        return told, engine.analyse(folder, told.append, previous=previous)
    finally:
        engine.close()


def test_a_changed_folder_s_last_report_is_told_first_as_previous(setup: tuple[Path, Config]) -> None:
    folder, config = setup
    before, _ = run(config, folder)
    write_article(folder, "second.txt", SECOND.replace("released", "detained"), mtime=OLD)
    told, after = stages(config, folder, previous=True)
    reports = [(p.stage, p.situation) for p in told if p.situation is not None]
    assert reports[0] == ("previous", before)
    assert reports[-1] == ("done", after) and after != before


def test_the_last_report_is_told_only_when_asked_for(setup: tuple[Path, Config]) -> None:
    folder, config = setup
    run(config, folder)
    write_article(folder, "second.txt", SECOND.replace("released", "detained"), mtime=OLD)
    told, _ = stages(config, folder, previous=False)
    assert "previous" not in [p.stage for p in told]


def test_an_unchanged_folder_s_stored_report_is_the_current_one_not_a_previous_one(
        setup: tuple[Path, Config]) -> None:
    folder, config = setup
    merged, _ = run(config, folder)
    told, shown = stages(config, folder, previous=True)
    assert [p.stage for p in told if p.situation is not None] == ["done"] and shown == merged


def test_an_unreadable_last_report_is_not_told(setup: tuple[Path, Config]) -> None:
    folder, config = setup
    run(config, folder)
    db = sqlite3.connect(config.cache.path)
    db.execute("UPDATE reports SET data = ?", (b"\x78\x9c tampered",))
    db.commit()
    db.close()
    write_article(folder, "second.txt", SECOND.replace("released", "detained"), mtime=OLD)
    told, after = stages(config, folder, previous=True)
    assert "previous" not in [p.stage for p in told]
    fresh = Engine(config)
    try:
        assert after == fresh.analyse(folder, stored=False)
    finally:
        fresh.close()
