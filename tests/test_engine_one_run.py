"""An engine that serves one run (`sitrep report`): it holds what the parse makes as encoded cache
rows only, releases the model once the parse is over, then decodes the rows and merges them, so
that the model and the merge are never in memory together. The report is the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import sitrep.engine as engine_module
from sitrep.cache import decode_result
from sitrep.config import Config
from sitrep.engine import Engine
from sitrep.merge import IncrementalMerge
from sitrep.model import ArticleResult
from sitrep.progress import Progress

from extract_support import pipeline

ARTICLES = [
    "Title: Junta arrests officers\n\nMali's junta arrested two generals in Bamako on Monday.\n",
    "Title: Officials deny plot\n\nThe government denied that officers had plotted a coup, AFP reported.\n",
    "Title: Soldiers detained\n\nThe army said on Tuesday that {n} soldiers were detained in Kati.\n",
]


def folder_of(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"{n:03}.txt").write_text(ARTICLES[n % len(ARTICLES)].format(n=n + 2), encoding="utf-8")
    return folder


def engine_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, one_run: bool,
               cache: bool = False) -> Engine:
    config = Config(base_dir=tmp_path)
    config.model.batch_size = 2
    if cache:
        config.cache.path = str(tmp_path / f"cache-{one_run}.sqlite3")
    else:
        config.cache.enabled = False
    engine = Engine(config, one_run=one_run)
    monkeypatch.setattr(engine, "nlp", pipeline)
    return engine


def test_a_one_run_engine_makes_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = folder_of(tmp_path, 7)
    reports = []
    for one_run in (False, True):
        engine = engine_for(tmp_path, monkeypatch, one_run=one_run)
        try:
            reports.append(engine.analyse(folder))
        finally:
            engine.close()
    assert reports[1].to_dict() == reports[0].to_dict()
    assert len(reports[1].articles) == 7


def test_the_model_is_released_before_the_rows_are_decoded_and_merged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[str] = []
    engine = engine_for(tmp_path, monkeypatch, one_run=True)
    monkeypatch.setattr(engine, "release_model", lambda: steps.append("release"))
    monkeypatch.setattr(engine_module, "decode_result",
                        lambda row, key: steps.append("decode") or decode_result(row, key))
    merge = IncrementalMerge.merge

    def merging(self: IncrementalMerge, results: list[ArticleResult], *args: Any) -> Any:
        steps.append(f"merge {len(results)}")
        return merge(self, results, *args)

    monkeypatch.setattr(IncrementalMerge, "merge", merging)
    try:
        engine.analyse(folder_of(tmp_path, 5))
    finally:
        engine.close()
    assert steps == ["release"] + ["decode"] * 5 + ["merge 5"]


def test_while_it_parses_no_result_is_held_as_objects(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Each batch's results are gone once the batch is packed: only their rows are kept."""
    import gc
    import weakref

    made: list[weakref.ref[Any]] = []
    parse = engine_module.parse_batch

    def parsing(nlp: Any, articles: list[Any], batch_size: int) -> list[ArticleResult]:
        assert all(ref() is None for ref in made), "a result of an earlier batch is still alive"
        results = parse(nlp, articles, batch_size)
        made.extend(weakref.ref(result) for result in results)
        return results

    monkeypatch.setattr(engine_module, "parse_batch", parsing)
    monkeypatch.setattr(engine_module, "CHUNK_BATCHES", 1)
    engine = engine_for(tmp_path, monkeypatch, one_run=True)
    gc.collect()
    try:
        situation = engine.analyse(folder_of(tmp_path, 6))
    finally:
        engine.close()
    assert made and len(situation.articles) == 6


def test_a_one_run_engine_sends_no_partial_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A partial report would need the results as objects; the command's bar draws none anyway."""
    monkeypatch.setattr(engine_module, "SNAPSHOT_INTERVAL", 0.0)
    partial: dict[bool, list[bool]] = {}
    for one_run in (False, True):
        seen: list[Progress] = []
        engine = engine_for(tmp_path, monkeypatch, one_run=one_run)
        try:
            engine.analyse(folder_of(tmp_path / str(one_run), 11), seen.append)
        finally:
            engine.close()
        partial[one_run] = [p.situation is not None for p in seen if p.stage == "analysing"]
        assert seen[-1].stage == "done" and seen[-1].situation is not None
    assert partial == {False: [True, True, False], True: [False, False, False]}


def test_the_rows_a_one_run_engine_keeps_are_the_ones_it_caches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = folder_of(tmp_path, 4)
    engine = engine_for(tmp_path, monkeypatch, one_run=True, cache=True)
    try:
        cold = engine.analyse(folder)
    finally:
        engine.close()
    engine = engine_for(tmp_path, monkeypatch, one_run=True, cache=True)
    try:
        warm = engine.analyse(folder, stored=False)
        assert engine.parsed_last_run == 0
    finally:
        engine.close()
    assert warm.to_dict() == cold.to_dict()


def test_release_model_drops_the_pipeline_so_the_next_parse_loads_it_again(tmp_path: Path) -> None:
    config = Config(base_dir=tmp_path)
    config.cache.enabled = False
    engine = Engine(config)
    engine._nlp = pipeline()  # as loaded (loading the model again here would only cost time)
    engine.release_model()
    assert not engine.model_loaded
    engine.release_model()  # nothing loaded: nothing to do
    assert not engine.model_loaded


def test_a_one_run_engine_reads_a_file_to_parse_again_instead_of_keeping_its_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hashing reads every file; keeping the bytes of each file to parse until the parser reaches it
    held a folder's worth of them (the dashboard's engine keeps them: it reads each file once)."""
    import sitrep.reader.article

    opened: list[str] = []
    real = engine_module.read_bytes

    def counting(path: Path, *args: Any, **kwargs: Any) -> tuple[bytes, float]:
        opened.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(engine_module, "read_bytes", counting)
    monkeypatch.setattr(sitrep.reader.article, "read_bytes", counting)
    folder = folder_of(tmp_path, 3)
    for one_run, times in ((False, 1), (True, 2)):
        opened.clear()
        engine = engine_for(tmp_path, monkeypatch, one_run=one_run)
        try:
            assert len(engine.analyse(folder).articles) == 3
        finally:
            engine.close()
        assert sorted(opened) == sorted(["000.txt", "001.txt", "002.txt"] * times)


def test_once_a_one_run_engine_is_dropped_its_results_go_without_a_collection(tmp_path: Path) -> None:
    """`sitrep report` writes its report with automatic collection off: the merge's state, which
    holds reference cycles, must not keep every result alive meanwhile."""
    import gc
    import weakref

    config = Config(base_dir=tmp_path)
    config.cache.enabled = False
    engine = Engine(config, one_run=True)
    engine._nlp = pipeline()  # as loaded (a monkeypatch would keep the engine alive)
    enabled = gc.isenabled()
    gc.disable()
    try:
        situation = engine.analyse(folder_of(tmp_path, 4))
        engine.close()
        results = [weakref.ref(result) for result in engine.results]
        del engine
        assert len(situation.articles) == 4 and len(results) == 4
        assert [ref() for ref in results] == [None] * 4
    finally:
        if enabled:
            gc.enable()


def test_a_one_run_engine_parsing_on_workers_keeps_their_rows_and_makes_the_same_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sitrep report --jobs N` or `--executor`: the workers hold the model and encode the rows;
    this process keeps those rows until the parse is over."""
    from concurrent.futures import ThreadPoolExecutor

    folder = folder_of(tmp_path, 5)
    here = engine_for(tmp_path, monkeypatch, one_run=False)
    try:
        expected = here.analyse(folder)
    finally:
        here.close()
    config = Config(base_dir=tmp_path)
    config.model.batch_size = 2
    config.cache.path = str(tmp_path / "workers.sqlite3")
    monkeypatch.setattr(engine_module, "_worker_pipeline", lambda _config: pipeline())
    decoded: list[bytes] = []
    monkeypatch.setattr(engine_module, "decode_result",
                        lambda row, key: decoded.append(row) or decode_result(row, key))
    with ThreadPoolExecutor(max_workers=1) as executor:
        engine = Engine(config, executor=executor, one_run=True)
        try:
            situation = engine.analyse(folder)
            assert not engine.model_loaded
        finally:
            engine.close()
    assert situation.to_dict() == expected.to_dict()
    assert len(decoded) == 5
