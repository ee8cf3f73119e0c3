"""`sitrep extract` streams: `Engine.stream` hands over each article's result a block of files at a
time, without merging or keeping them, and the rows are written as they come. What it writes is
exactly what writing the results of one whole `Engine.analyse` gives, as JSONL (byte for byte) and
as Parquet (the same table, over several row groups); a failure leaves no partial file.

The folder is the seeds plus ten articles recombined from real paragraphs by the bench's
generator, one in a subfolder, a byte-for-byte copy, an empty file and a PDF (refused by name).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import sitrep.engine
import sitrep.extracted
from bench import DEFAULT_SOURCES
from bench.corpus import CorpusMaker, load_sources
from sitrep.cli import main
from sitrep.config import Config
from sitrep.engine import Engine, Progress
from sitrep.extracted import Line, line_of, lines, to_jsonl
from sitrep.model import ArticleResult, BadFile
from sitrep.version import pipeline_version

ROOT = Path(__file__).resolve().parents[1]
pq = pytest.importorskip("pyarrow.parquet")


def config_for(cache: Path | None, batch_size: int = 2) -> Config:
    """Defaults with this cache (None: none) and a small batch, so a block holds several."""
    config = Config(base_dir=ROOT)
    config.cache.enabled = cache is not None
    config.cache.path = str(cache) if cache else ""
    config.model.batch_size = batch_size
    return config


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The articles (see the module's docstring)."""
    target = tmp_path_factory.mktemp("stream") / "articles"
    (target / "sub").mkdir(parents=True)
    for path in (ROOT / "seeds").glob("*.txt"):
        shutil.copy2(path, target / path.name)
    maker = CorpusMaker(load_sources([p for p in DEFAULT_SOURCES if p.is_dir()]), seed=13)
    for index, (name, text) in enumerate(maker.articles(10)):
        (target / ("sub" if index == 4 else ".") / name).write_text(text, encoding="utf-8")
    shutil.copyfile(min(target.glob("0*.txt")), target / "zz-copy.txt")
    (target / "empty.txt").write_text("")
    (target / "sub" / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    return target


@pytest.fixture(scope="module")
def whole(folder: Path) -> list[Line]:
    """The lines of one whole `Engine.analyse` of the folder, as `sitrep extract` wrote them before
    it streamed: every result, then the report's bad files."""
    engine = Engine(config_for(None))
    try:
        situation = engine.analyse(folder)
        return lines(str(folder), engine.results, situation.bad_files, pipeline_version(engine.config))
    finally:
        engine.close()


@pytest.fixture(scope="module")
def cache(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache filled by streaming the folder once, 3 files a block."""
    path = tmp_path_factory.mktemp("stream-cache") / "cache.sqlite3"
    engine = Engine(config_for(path))
    try:
        for _item in engine.stream(folder, block=3):
            pass
    finally:
        engine.close()
    return path


def streamed(folder: Path, config: Config, block: int) -> list[Line]:
    """The lines of `Engine.stream` over the folder, `block` files at a time."""
    engine = Engine(config)
    try:
        version = pipeline_version(config)
        return [line_of(str(folder), item, version) for item in engine.stream(folder, block=block)]
    finally:
        engine.close()


def test_streaming_uncached_articles_in_blocks_gives_the_lines_of_the_whole_analysis(
    folder: Path, whole: list[Line]
) -> None:
    assert to_jsonl(streamed(folder, config_for(None), block=3)) == to_jsonl(whole)


def test_streaming_cached_articles_gives_the_lines_of_the_whole_analysis(
    folder: Path, whole: list[Line], cache: Path
) -> None:
    assert to_jsonl(streamed(folder, config_for(cache), block=4)) == to_jsonl(whole)


def test_bad_files_come_after_every_article_in_the_order_a_report_lists_them(whole: list[Line]) -> None:
    skipped = [line.file for line in whole if line.skipped]
    assert skipped == ["empty.txt", "sub/notes.pdf"]
    assert all(line.skipped for line in whole[-2:])


def test_a_stream_parses_a_block_only_when_the_one_before_is_taken(folder: Path) -> None:
    engine = Engine(config_for(None))
    try:
        items = engine.stream(folder, block=3)
        first = next(items)
        assert isinstance(first, ArticleResult)
        assert engine.parsed_last_run == 3
        rest = list(items)
        assert engine.parsed_last_run == 12  # 13 files, one of them empty: the copy is parsed too
        assert engine.results == []  # nothing kept for a reload
        assert sum(isinstance(item, BadFile) for item in rest) == 2
    finally:
        engine.close()


def test_stream_progress_counts_up_to_the_articles_of_the_folder(folder: Path, cache: Path) -> None:
    heard: list[Progress] = []
    engine = Engine(config_for(None))
    try:
        for _item in engine.stream(folder, heard.append, block=5):
            pass
    finally:
        engine.close()
    analysing = [(p.done, p.total) for p in heard if p.stage == "analysing"]
    assert [done for done, _total in analysing] == sorted(done for done, _total in analysing)
    assert analysing[-1] == (12, 12)
    assert heard[-1].stage == "done" and all(p.situation is None for p in heard)


def write_config(tmp_path: Path, cache: Path) -> Path:
    """A config file for the command line: this cache, batches of 2."""
    config = tmp_path / "config.toml"
    config.write_text(f'[cache]\npath = "{cache}"\n\n[model]\nbatch_size = 2\n', encoding="utf-8")
    return config


def extract(folder: Path, target: Path, config: Path) -> int:
    """`sitrep extract FOLDER -o TARGET --config CONFIG` in this process."""
    return main(["extract", str(folder), "-o", str(target), "--config", str(config)])


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """`sitrep extract` streams 3 files a block and writes 4 lines a Parquet row group."""
    monkeypatch.setattr(sitrep.engine, "STREAM_BLOCK", 3)
    monkeypatch.setattr(sitrep.extracted, "ROW_GROUP", 4)


def test_extract_writes_the_jsonl_of_the_whole_analysis_byte_for_byte(
    folder: Path, whole: list[Line], cache: Path, tmp_path: Path, small_blocks: None
) -> None:
    target = tmp_path / "rows.jsonl"
    assert extract(folder, target, write_config(tmp_path, cache)) == 0
    assert target.read_bytes() == to_jsonl(whole)


def test_extract_writes_the_parquet_table_of_the_whole_analysis_in_row_groups(
    folder: Path, whole: list[Line], cache: Path, tmp_path: Path, small_blocks: None
) -> None:
    target = tmp_path / "rows.parquet"
    assert extract(folder, target, write_config(tmp_path, cache)) == 0
    before = tmp_path / "whole.parquet"
    before.write_bytes(sitrep.extracted.to_parquet(whole))
    assert pq.read_table(target).to_pylist() == pq.read_table(before).to_pylist()
    assert pq.ParquetFile(target).num_row_groups == 4  # 14 lines, 4 a group


def test_an_extract_that_fails_midway_leaves_the_earlier_rows_file_and_no_temporary_file(
    folder: Path, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "rows.jsonl"
    target.write_text("earlier rows\n", encoding="utf-8")
    real = Engine.stream

    def failing(self: Engine, *args: object, **kwargs: object) -> Iterator[ArticleResult | BadFile]:
        items = real(self, *args, **kwargs)  # type: ignore[arg-type]
        yield next(items)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Engine, "stream", failing)
    assert extract(folder, target, write_config(tmp_path, cache)) == 1
    assert target.read_text(encoding="utf-8") == "earlier rows\n"
    assert [p.name for p in out.iterdir()] == ["rows.jsonl"]
