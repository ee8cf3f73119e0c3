"""`EngineProcess`: the dashboard's analysis in a child process gives what an `Engine` gives.

The folder is the seeds plus a few articles recombined by the bench's generator; a module
fixture analyses it once in this process, warming a cache the child then reads.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench import DEFAULT_SOURCES
from bench.corpus import CorpusMaker, load_sources
from sitrep.config import Config
from sitrep.engine import Engine, Progress
from sitrep.engine_process import EngineProcess, EngineProcessError
from sitrep.model import Situation
from sitrep.reader import ReaderError

ROOT = Path(__file__).resolve().parents[1]


class Abandoned(Exception):
    """What the test's progress callback raises, as the dashboard does for a superseded run."""


def config_for(cache: Path) -> Config:
    config = Config(base_dir=ROOT)
    config.cache.path = str(cache)
    config.model.batch_size = 2
    return config


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Situation]:
    """A folder, a cache holding all of it, and its situation from an in-process engine."""
    root = tmp_path_factory.mktemp("engine-process")
    folder = root / "articles"
    folder.mkdir()
    for path in (ROOT / "seeds").glob("*.txt"):
        shutil.copy2(path, folder / path.name)
    maker = CorpusMaker(load_sources([p for p in DEFAULT_SOURCES if p.is_dir()]), seed=5)
    for name, text in maker.articles(5):
        (folder / name).write_text(text, encoding="utf-8")
    cache = root / "cache.sqlite3"
    engine = Engine(config_for(cache))
    try:
        situation = engine.analyse(folder)
    finally:
        engine.close()
    return folder, cache, situation


@pytest.fixture
def process(warm: tuple[Path, Path, Situation]) -> Any:
    engine = EngineProcess(config_for(warm[1]))
    yield engine
    engine.close()


def test_the_child_reports_what_an_engine_in_this_process_reports(
    process: EngineProcess, warm: tuple[Path, Path, Situation]
) -> None:
    folder, _cache, expected = warm
    assert process.analyse(folder).to_dict() == expected.to_dict()
    assert process.parsed_last_run == 0 and not process.model_loaded
    assert process.timings["read"] > 0 and "lookup" in process.timings  # the engine's, sent back


def test_progress_comes_from_the_child_stage_by_stage(
    process: EngineProcess, warm: tuple[Path, Path, Situation]
) -> None:
    seen: list[Progress] = []
    situation = process.analyse(warm[0], seen.append)
    assert [p.stage for p in seen] == ["reading", "cached", "done"]
    assert seen[-1].situation is not None and seen[-1].situation.to_dict() == situation.to_dict()


def test_the_child_tells_a_changed_folder_s_last_report_first(
    process: EngineProcess, warm: tuple[Path, Path, Situation], tmp_path: Path
) -> None:
    """The dashboard listens, so the child shows the last report while it merges the current one."""
    copy = tmp_path / "copy"
    shutil.copytree(warm[0], copy)
    engine = Engine(config_for(warm[1]))
    try:
        before = engine.analyse(copy)
    finally:
        engine.close()  # stores the copy's report
    min(copy.glob("0*.txt")).unlink()
    seen: list[Progress] = []
    after = process.analyse(copy, seen.append)
    reports = [(p.stage, p.situation.to_dict()) for p in seen if p.situation is not None]
    assert reports[0] == ("previous", before.to_dict())
    assert reports[-1] == ("done", after.to_dict()) and len(after.articles) == len(before.articles) - 1


def test_a_changed_file_is_parsed_in_the_child_and_only_it(
    process: EngineProcess, warm: tuple[Path, Path, Situation], tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(warm[0], copy)
    process.analyse(copy)
    changed = min(copy.glob("0*.txt"))
    added = "\nThe army said it had arrested two officers.\n"
    changed.write_text(changed.read_text(encoding="utf-8") + added, encoding="utf-8")
    situation = process.analyse(copy)
    assert process.parsed_last_run == 1 and process.model_loaded
    assert "two officers" in json.dumps(situation.to_dict())


def test_an_exception_from_the_progress_callback_ends_the_run_and_the_next_run_is_whole(
    process: EngineProcess, warm: tuple[Path, Path, Situation]
) -> None:
    def abandon(_progress: Progress) -> None:
        raise Abandoned

    with pytest.raises(Abandoned):
        process.analyse(warm[0], abandon)
    seen: list[Progress] = []
    assert process.analyse(warm[0], seen.append).to_dict() == warm[2].to_dict()
    assert seen[0].stage == "reading"  # nothing left over from the abandoned run


def test_an_error_in_the_child_is_raised_here_with_its_own_type(
    process: EngineProcess, tmp_path: Path
) -> None:
    with pytest.raises(ReaderError, match="no-such-folder"):
        process.analyse(tmp_path / "no-such-folder")


def test_a_killed_child_is_an_error_naming_the_signal_and_the_next_run_starts_a_new_one(
    process: EngineProcess, warm: tuple[Path, Path, Situation]
) -> None:
    process.begin(warm[0])  # a fresh child's first run: still under way when the callback kills it
    victim = process.pid
    assert victim is not None

    def kill(_progress: Progress) -> None:
        os.kill(victim, signal.SIGKILL)

    with pytest.raises(EngineProcessError, match="killed by signal 9"):
        process.analyse(warm[0], kill)
    assert process.analyse(warm[0]).to_dict() == warm[2].to_dict()
    assert process.pid != victim


def test_close_ends_the_child(process: EngineProcess, warm: tuple[Path, Path, Situation]) -> None:
    process.analyse(warm[0])
    pid = process.pid
    assert pid is not None
    process.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(EngineProcessError, match="closed"):
        process.analyse(warm[0])


def test_a_begun_run_is_taken_over_by_the_next_analysis_of_its_folder_from_its_first_stage(
    process: EngineProcess, warm: tuple[Path, Path, Situation]
) -> None:
    process.begin(warm[0])
    seen: list[Progress] = []
    assert process.analyse(warm[0], seen.append).to_dict() == warm[2].to_dict()
    # (the folder's stored report, read in this process meanwhile, comes as "previous": see
    # test_engine_process_peek.py)
    assert [p.stage for p in seen if p.stage != "previous"] == ["reading", "cached", "done"]


def test_a_begun_run_of_another_folder_is_dropped_for_the_one_asked_for(
    process: EngineProcess, warm: tuple[Path, Path, Situation], tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy2(next((ROOT / "seeds").glob("*.txt")), other / "only.txt")
    process.begin(other)
    seen: list[Progress] = []
    assert process.analyse(warm[0], seen.append).to_dict() == warm[2].to_dict()
    assert seen[0].stage == "reading" and seen[-1].total == len(warm[2].articles)


def test_the_dashboards_process_imports_neither_the_engine_nor_the_readers_cleaning() -> None:
    """The child reads and merges; the dashboard's own start-up skips those imports (ftfy alone is
    a tenth of a second)."""
    code = ("import sys, sitrep.tui.app; "
            "print(sorted(m for m in ('ftfy', 'sitrep.engine', 'sitrep.reader.cleaning', 'sitrep.merge') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_dashboards_process_unpickles_progress_and_reports_without_importing_the_engine(
    warm: tuple[Path, Path, Situation]
) -> None:
    code = ("import sys; from pathlib import Path; from sitrep.config import Config; "
            "from sitrep.engine_process import EngineProcess; "
            f"config = Config(base_dir=Path({str(ROOT)!r})); config.cache.path = {str(warm[1])!r}; "
            "engine = EngineProcess(config); stages = []; "
            f"engine.analyse(Path({str(warm[0])!r}), lambda p: stages.append(p.stage)); engine.close(); "
            "print(stages, 'sitrep.engine' in sys.modules, 'sitrep.merge' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "['reading', 'cached', 'done'] False False"


def test_a_process_that_never_closes_its_engine_still_exits(warm: tuple[Path, Path, Situation]) -> None:
    """The dashboard skips `close` when a run is under way as it unmounts: exiting must not wait
    on the child, which waits on a request (multiprocessing's exit hook joins live children)."""
    code = ("from pathlib import Path; from sitrep.config import Config; "
            "from sitrep.engine_process import EngineProcess; "
            f"config = Config(base_dir=Path({str(ROOT)!r})); config.cache.path = {str(warm[1])!r}; "
            f"engine = EngineProcess(config); engine.analyse(Path({str(warm[0])!r})); print('analysed')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.strip() == "analysed"


def test_the_childs_warnings_are_logged_in_this_process(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a cache\n", encoding="utf-8")
    folder = tmp_path / "empty"
    folder.mkdir()
    engine = EngineProcess(config_for(foreign))
    try:
        with caplog.at_level("WARNING"):
            engine.analyse(folder)
    finally:
        engine.close()
    warned = [record.getMessage() for record in caplog.records if record.name == "sitrep.cache"]
    assert any("notes.txt" in message for message in warned)
    assert foreign.read_text(encoding="utf-8") == "not a cache\n"
