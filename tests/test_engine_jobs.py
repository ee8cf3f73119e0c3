"""`model.jobs` / `--jobs`: parallel analysis gives exactly the one-process result.

The folder is the seeds plus a dozen articles recombined from real paragraphs by the bench's
generator (and the shared corpus when it is beside the repository). Also checked here: the
engine's warm paths (a second process on the cache, a reload in the same engine, a rename)
agree with a cold run, and a cached run never imports spaCy.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import DEFAULT_SOURCES
from bench.corpus import CorpusMaker, load_sources
from sitrep.cli import _config, _report_parser
from sitrep.config import Config
from sitrep.engine import Engine, Progress
from sitrep.model import Situation

ROOT = Path(__file__).resolve().parents[1]


def config_for(cache: Path | None, jobs: int = 1, batch_size: int = 4) -> Config:
    """Defaults with this cache (None: none), job count and a small batch (several chunks)."""
    config = Config(base_dir=ROOT)
    config.cache.enabled = cache is not None
    config.cache.path = str(cache) if cache else ""
    config.model.jobs = jobs
    config.model.batch_size = batch_size
    return config


def analysed_once(config: Config, folder: Path) -> Situation:
    """One analysis in a fresh engine, closed afterwards (warming a cache, or a cold reference)."""
    engine = Engine(config)
    try:
        return engine.analyse(folder)
    finally:
        engine.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds plus 12 generated articles (one a byte-for-byte copy of another, one empty)."""
    target = tmp_path_factory.mktemp("jobs") / "articles"
    target.mkdir()
    for path in (ROOT / "seeds").glob("*.txt"):
        shutil.copy2(path, target / path.name)
    maker = CorpusMaker(load_sources([p for p in DEFAULT_SOURCES if p.is_dir()]), seed=11)
    for name, text in maker.articles(12):
        (target / name).write_text(text, encoding="utf-8")
    first = min(target.glob("0*.txt"))
    shutil.copyfile(first, target / "zz-copy.txt")
    (target / "zz-empty.txt").write_text("")
    return target


@pytest.fixture(scope="module")
def one_process(folder: Path) -> Situation:
    """The reference: a cold analysis in this process, no cache."""
    return analysed_once(config_for(None), folder)


def test_two_jobs_give_the_one_process_result(folder: Path, one_process: Situation) -> None:
    """Workers parse and extract; the merged situation is identical item for item."""
    engine = Engine(config_for(None, jobs=2))
    try:
        progress: list[str] = []
        situation = engine.analyse(folder, progress=lambda p: progress.append(p.stage))
        assert engine.parsed_last_run == len(one_process.articles)
        assert not engine.model_loaded  # the parsing happened in the workers
    finally:
        engine.close()
    assert situation.to_dict() == one_process.to_dict()
    assert [a.name for a in situation.actors] == [a.name for a in one_process.actors]
    assert progress[0] == "reading" and progress[-1] == "done" and "analysing" in progress


def test_warm_paths_agree_with_a_cold_run(folder: Path, one_process: Situation, tmp_path: Path) -> None:
    """Cold into a cache, warm from it in a new engine, a reload, a rename: all equal a cold run."""
    cache = tmp_path / "cache.sqlite3"
    assert analysed_once(config_for(cache, jobs=2), folder).to_dict() == one_process.to_dict()
    warm = Engine(config_for(cache))
    try:
        assert warm.analyse(folder).to_dict() == one_process.to_dict()
        assert warm.parsed_last_run == 0 and not warm.model_loaded
        assert warm.analyse(folder).to_dict() == one_process.to_dict()  # from the engine's memory
        copy = tmp_path / "copy"
        shutil.copytree(folder, copy)
        seed = next(copy.glob("mali_*.txt"))
        seed.rename(copy / "renamed.txt")
        renamed = warm.analyse(copy)
        assert warm.parsed_last_run == 0
    finally:
        warm.close()
    assert renamed.to_dict() == analysed_once(config_for(None), copy).to_dict()


def test_a_cached_report_never_imports_spacy(folder: Path, tmp_path: Path) -> None:
    """`sitrep report` over a cached folder, in a fresh process: spaCy is never imported."""
    cache = tmp_path / "cache.sqlite3"
    analysed_once(config_for(cache), folder)
    config_file = tmp_path / "config.toml"
    config_file.write_text(f"[cache]\npath = {json.dumps(str(cache))}\n", encoding="utf-8")
    code = (
        "import json, os, sys\n"
        "from sitrep.cli import main\n"
        "code = main(['report', sys.argv[1], '--config', sys.argv[2], '--format', 'json', '-o', "
        "os.devnull])\nprint(json.dumps({'code': code, 'spacy': sorted(m for m in sys.modules if "
        "m.split('.')[0] in ('spacy', 'thinc', 'textual'))}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(folder), str(config_file)], capture_output=True,
                          text=True, check=False, cwd=tmp_path)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "spacy": []}, proc.stderr


@pytest.mark.parametrize(("argv", "jobs"), [([], 1), (["--jobs", "2"], 2), (["--jobs", "3", "."], 3)])
def test_jobs_flag_sets_the_config(argv: list[str], jobs: int, tmp_path: Path) -> None:
    """`--jobs N` overrides `model.jobs`; without it the config's value stands."""
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")  # a named config must exist; an empty one leaves every default
    args = _report_parser().parse_args(["--config", str(empty), *argv])
    assert _config(args).model.jobs == jobs


@pytest.mark.parametrize("value", ["0", "65", "two"])
def test_jobs_flag_rejects_bad_values(value: str) -> None:
    """Out-of-range or non-numeric `--jobs` is a usage error."""
    with pytest.raises(SystemExit):
        _report_parser().parse_args(["--jobs", value])


def test_a_dead_worker_fails_one_run_and_the_next_starts_fresh(folder: Path, one_process: Situation) -> None:
    """A killed worker (out of memory, say) fails that run; the next run gets new workers."""
    import os
    import signal
    from concurrent.futures.process import BrokenProcessPool

    engine = Engine(config_for(None, jobs=2))
    try:
        engine.warm_up()
        victim = next(iter(engine.workers()._processes))  # private, but the only way to a worker pid
        os.kill(victim, signal.SIGKILL)
        with pytest.raises(BrokenProcessPool):
            engine.analyse(folder)
        assert engine.analyse(folder).to_dict() == one_process.to_dict()
    finally:
        engine.close()


def test_an_isolated_engine_parses_in_a_worker_process_with_the_same_result(
    folder: Path, one_process: Situation, tmp_path: Path
) -> None:
    """The dashboard's engine: even with one job, parsing happens in another process."""
    engine = Engine(config_for(tmp_path / "cache.sqlite3"), isolated=True)
    try:
        assert engine.analyse(folder).to_dict() == one_process.to_dict()
        assert engine.parsed_last_run == len(one_process.articles) and not engine.model_loaded
        changed = next(folder.glob("0*.txt"))
        copy = tmp_path / "copy"
        shutil.copytree(folder, copy)
        (copy / changed.name).write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n",
                                         encoding="utf-8")
        engine.analyse(copy)
        assert engine.parsed_last_run == 1 and not engine.model_loaded
    finally:
        engine.close()


def test_only_a_first_run_merges_a_partial_report_of_the_cached_articles(
    folder: Path, tmp_path: Path
) -> None:
    """On a reload the cached part is the report on screen minus the changed files: no merge for it."""
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    cache = tmp_path / "cache.sqlite3"
    analysed_once(config_for(cache), copy)
    changed = next(copy.glob("0*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe army said nothing.\n", encoding="utf-8")
    engine = Engine(config_for(cache))
    try:
        first: list[Progress] = []
        engine.analyse(copy, progress=first.append)
        changed.write_text(changed.read_text(encoding="utf-8") + "\nNor did the junta.\n", encoding="utf-8")
        reload: list[Progress] = []
        engine.analyse(copy, progress=reload.append)
    finally:
        engine.close()
    assert [p.situation is not None for p in first if p.stage == "cached"] == [True]
    assert [p.situation is not None for p in reload if p.stage == "cached"] == [False]
