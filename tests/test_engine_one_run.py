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
from sitrep.model import ArticleResult, Situation
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


def _once(engine: Engine, folder: Path) -> Situation:
    """`engine`'s report of `folder`, the engine closed after."""
    try:
        return engine.analyse(folder)
    finally:
        engine.close()


def _twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: Path,
           stored: bool = True) -> tuple[Situation, Situation, Engine]:
    """A cold one-run report of `folder`, then a warm one by a second engine (and that engine)."""
    reports = []
    for _ in range(2):
        engine = engine_for(tmp_path, monkeypatch, one_run=True, cache=True)
        try:
            reports.append(engine.analyse(folder, stored=stored) if reports else engine.analyse(folder))
        finally:
            engine.close()
    return reports[0], reports[1], engine


def test_the_rows_a_one_run_engine_keeps_are_the_ones_it_caches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold, warm, engine = _twice(tmp_path, monkeypatch, folder_of(tmp_path, 4), stored=False)
    assert engine.parsed_last_run == 0
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


def test_once_a_one_run_engine_has_merged_its_results_go_without_a_collection(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sitrep report` stores and writes its report with automatic collection off: neither the
    merge's state, which holds reference cycles, nor the engine may keep the results alive
    meanwhile (at 10,000 articles they took storing and writing from 357 to 404 MB)."""
    import gc
    import weakref

    config = Config(base_dir=tmp_path)
    config.cache.enabled = False
    engine = Engine(config, one_run=True)
    engine._nlp = pipeline()  # as loaded (a monkeypatch would keep the engine alive)
    merged: list[weakref.ref[ArticleResult]] = []
    merge = IncrementalMerge.merge

    def merging(self: IncrementalMerge, results: list[ArticleResult], *args: Any) -> Any:
        merged.extend(weakref.ref(result) for result in results)
        return merge(self, results, *args)

    monkeypatch.setattr(IncrementalMerge, "merge", merging)
    enabled = gc.isenabled()
    gc.disable()
    try:
        situation = engine.analyse(folder_of(tmp_path, 4))
        assert len(situation.articles) == 4 and len(merged) == 4
        assert [ref() for ref in merged] == [None] * 4
        assert engine.results == []
    finally:
        engine.close()
        if enabled:
            gc.enable()


def test_a_one_run_engine_stores_the_report_of_what_it_dropped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The results go once merged, but what names the folder's report stays: the next
    `sitrep report` shows the stored report without decoding a row."""
    cold, warm, engine = _twice(tmp_path, monkeypatch, distinct_folder(tmp_path, 3))
    assert engine.served_stored
    assert warm.to_dict() == cold.to_dict()


def test_a_one_run_engine_parsing_on_workers_stores_their_rows_and_makes_the_same_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sitrep report --jobs N` or `--executor`: the workers hold the model and encode the rows;
    this process stores them and reads them back once the parse is over."""
    from concurrent.futures import ThreadPoolExecutor

    folder = folder_of(tmp_path, 5)
    expected = _once(engine_for(tmp_path, monkeypatch, one_run=False), folder)
    config = Config(base_dir=tmp_path)
    config.model.batch_size = 2
    config.cache.path = str(tmp_path / "workers.sqlite3")
    monkeypatch.setattr(engine_module, "_worker_pipeline", lambda _config: pipeline())
    with ThreadPoolExecutor(max_workers=1) as executor:
        engine = Engine(config, executor=executor, one_run=True)
        try:
            situation = engine.analyse(folder)
            assert not engine.model_loaded
        finally:
            engine.close()
    assert situation.to_dict() == expected.to_dict()


def distinct_folder(tmp_path: Path, count: int) -> Path:
    """A folder of `count` articles whose bytes all differ."""
    folder = tmp_path / "distinct"
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"{n:03}.txt").write_text(ARTICLES[2].format(n=n + 2), encoding="utf-8")
    return folder


def held_at_release(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """(results stored in the cache, rows held in memory) at each end of a lean parse."""
    seen: list[tuple[int, int]] = []
    unpack = engine_module._Run._unpack

    def unpacking(self: Any) -> None:
        seen.append((len(self.stored), len(self.packed)))
        unpack(self)

    monkeypatch.setattr(engine_module._Run, "_unpack", unpacking)
    return seen


def _held_over_five(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool) -> tuple[list[Any], int]:
    """What a one-run engine held at the release over five distinct articles, and how many it reported."""
    seen = held_at_release(monkeypatch)
    engine = engine_for(tmp_path, monkeypatch, one_run=True, cache=cache)
    try:
        situation = engine.analyse(distinct_folder(tmp_path, 5))
    finally:
        engine.close()
    return seen, len(situation.articles)


def test_while_it_parses_a_one_run_engine_holds_no_row_the_cache_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache has every row once its batch ends: after the release they are read back from it."""
    assert _held_over_five(tmp_path, monkeypatch, cache=True) == ([(5, 0)], 5)


def test_without_a_cache_a_one_run_engine_holds_the_rows_itself(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _held_over_five(tmp_path, monkeypatch, cache=False) == ([(0, 5)], 5)


def test_a_cache_that_stops_saving_mid_run_leaves_the_rows_with_the_engine(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed write stops the cache saving (a full disk): the rows it did not take are held."""
    seen = held_at_release(monkeypatch)
    want = _once(engine_for(tmp_path, monkeypatch, one_run=False), distinct_folder(tmp_path, 5))
    engine = engine_for(tmp_path, monkeypatch, one_run=True, cache=True)
    cache = engine.cache
    put = type(cache).put_encoded

    def failing_after_the_first(self: Any, rows: Any) -> None:
        if puts:
            self.writable = False  # as `_failed` leaves it
            return
        puts.append(1)
        put(self, rows)

    puts: list[int] = []
    monkeypatch.setattr(type(cache), "put_encoded", failing_after_the_first)
    try:
        situation = engine.analyse(tmp_path / "distinct")
    finally:
        engine.close()
    assert seen == [(2, 3)]  # the first chunk is one batch of 2
    assert situation.to_dict() == want.to_dict()


def test_a_result_the_cache_lost_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write skipped because another process held the lock leaves a hole: that article is
    parsed again, and the model released again before the merge."""
    folder = distinct_folder(tmp_path, 5)
    want = _once(engine_for(tmp_path, monkeypatch, one_run=False), folder)
    engine = engine_for(tmp_path, monkeypatch, one_run=True, cache=True)
    cache = engine.cache
    get_many = type(cache).get_many
    lost: list[str] = []

    def losing_one(self: Any, hashes: Any) -> dict[str, ArticleResult]:
        found = get_many(self, hashes)
        if len(found) > 1 and not lost:
            lost.append(sorted(found)[0])
            del found[lost[0]]
        return found

    monkeypatch.setattr(type(cache), "get_many", losing_one)
    parsed: list[int] = []
    parse = engine_module.parse_batch

    def parsing(nlp: Any, articles: list[Any], size: int) -> list[ArticleResult]:
        parsed.append(len(articles))
        return parse(nlp, articles, size)

    monkeypatch.setattr(engine_module, "parse_batch", parsing)
    try:
        situation = engine.analyse(folder)
        assert not engine.model_loaded
        assert engine.parsed_last_run == 5
    finally:
        engine.close()
    assert lost and sum(parsed) == 6
    assert situation.to_dict() == want.to_dict()


def test_files_with_the_same_bytes_parsed_together_keep_their_own_names(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache holds one row per content hash, with one file's name: a second file with those
    bytes in the same chunk keeps its own row."""
    folder = tmp_path / "twins"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(ARTICLES[0], encoding="utf-8")
    seen = held_at_release(monkeypatch)
    want = _once(engine_for(tmp_path, monkeypatch, one_run=False), folder)
    engine = engine_for(tmp_path, monkeypatch, one_run=True, cache=True)
    monkeypatch.setattr(engine_module, "CHUNK_BATCHES", 2)
    engine.config.model.batch_size = 3
    try:
        situation = engine.analyse(folder)
    finally:
        engine.close()
    assert seen == [(1, 2)]
    assert [a.path for a in situation.articles] == ["a.txt", "b.txt", "c.txt"]
    assert situation.to_dict() == want.to_dict()


def test_a_one_run_engine_stores_the_files_signatures_and_keeps_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No reload follows `sitrep report`: the signatures go to the cache, not into memory; the next
    process finds them there and reads no file."""
    monkeypatch.setattr(engine_module, "RACY_SECONDS", 0.0)  # the files' signatures are trusted at once
    folder = distinct_folder(tmp_path, 3)
    engine = engine_for(tmp_path, monkeypatch, one_run=True, cache=True)
    try:
        engine.analyse(folder)
        assert engine._signed == {} and engine._stored == {}
    finally:
        engine.close()
    opened: list[Path] = []
    real = engine_module.read_bytes
    monkeypatch.setattr(engine_module, "read_bytes",
                        lambda path, *args, **kwargs: opened.append(path) or real(path, *args, **kwargs))
    engine = engine_for(tmp_path, monkeypatch, one_run=True, cache=True)
    try:
        assert len(engine.analyse(folder, stored=False).articles) == 3
    finally:
        engine.close()
    assert opened == []


def test_a_one_run_engine_gives_the_heap_back_after_each_chunk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Freed per-batch arrays otherwise stay resident in glibc's heap, and the holes between them
    grew the parse's peak with the number of articles; the dashboard's engine does not trim."""
    import sitrep.heap

    trims: list[int] = []
    monkeypatch.setattr(sitrep.heap, "trim", lambda: trims.append(1) or True)
    for one_run, expected in ((True, 3), (False, 0)):
        trims.clear()
        engine = engine_for(tmp_path / str(one_run), monkeypatch, one_run=one_run)
        try:
            assert len(engine.analyse(distinct_folder(tmp_path / str(one_run), 11)).articles) == 11
        finally:
            engine.close()
        # The end of the merge trims too (the model here is the test's: no release to trim).
        parse_trims = len(trims) - (1 if one_run else 0)
        assert parse_trims == expected  # chunks of 2, then 8, then 1
