"""How the engine feeds the model in its own process: a first chunk of one batch (the first partial
report comes soon), then chunks of `CHUNK_BATCHES` batches that the model parses back to back
before any of them is extracted (extraction between batches pushed the model out of the caches)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sitrep.engine as engine_module
import sitrep.extract as extract_module
from sitrep.config import Config
from sitrep.engine import CHUNK_BATCHES, Engine, parse_batch
from sitrep.reader import scan

from extract_support import pipeline

ARTICLE = "Title: Soldiers detained\n\nThe army said on Monday that {n} soldiers were detained in Bamako.\n"


def folder_of(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:03}.txt").write_text(ARTICLE.format(n=n + 2), encoding="utf-8")
    return folder


def test_the_first_chunk_is_one_batch_and_the_next_ones_are_several(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = Config(base_dir=tmp_path)
    config.cache.enabled = False
    config.model.batch_size = 2
    sizes: list[int] = []

    def recording(nlp: Any, articles: list[Any], batch_size: int) -> list[Any]:
        sizes.append(len(articles))
        return parse_batch(nlp, articles, batch_size)

    monkeypatch.setattr(engine_module, "parse_batch", recording)
    engine = Engine(config)
    monkeypatch.setattr(engine, "nlp", pipeline)
    try:
        situation = engine.analyse(folder_of(tmp_path, 2 + 2 * CHUNK_BATCHES + 1))
    finally:
        engine.close()
    assert sizes == [2, 2 * CHUNK_BATCHES, 1]
    assert len(situation.articles) == 2 + 2 * CHUNK_BATCHES + 1


class _LoggingPipeline:
    """The real pipeline, noting each doc as `nlp.pipe` hands it on."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def pipe(self, texts: Any, batch_size: int) -> Iterator[Any]:
        for doc in pipeline().pipe(texts, batch_size=batch_size):
            self.log.append("parsed")
            yield doc


def test_a_chunk_is_parsed_whole_before_any_of_it_is_extracted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log: list[str] = []
    real = extract_module.extract_article

    def extracting(doc: Any, article: Any) -> Any:
        log.append("extracted")
        return real(doc, article)

    monkeypatch.setattr(extract_module, "extract_article", extracting)
    articles = scan(folder_of(tmp_path, 6)).articles
    results = parse_batch(_LoggingPipeline(log), articles, 2)  # type: ignore[arg-type]
    assert log == ["parsed"] * 6 + ["extracted"] * 6
    assert [r.path for r in results] == [a.path for a in articles]
