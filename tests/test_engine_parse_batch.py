"""`parse_batch`, the one place the pipeline and the extractors run: each doc's tensor (tok2vec's
output, which no extractor reads) is dropped before extraction, and the results stay the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import sitrep.engine as engine_module
import sitrep.extract
from sitrep.engine import parse_batch
from sitrep.extract import extract_article
from sitrep.reader import read_article

from extract_support import pipeline

TEXTS = [
    "Title: Junta arrests officers\n\nMali's junta arrested two generals in Bamako on Monday.\n",
    "Title: Officials deny plot\n\nThe government denied that officers had plotted a coup, AFP reported.\n",
    "Title: Soldiers detained\n\nThe army said on Tuesday that 12 soldiers were detained in Kati.\n",
]


def articles_in(tmp_path: Path) -> list[Any]:
    for n, text in enumerate(TEXTS):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    return [read_article(tmp_path / f"{n}.txt", tmp_path) for n in range(len(TEXTS))]


def test_the_extractors_get_each_doc_without_its_tensor(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []

    def extracting(doc: Any, article: Any) -> Any:
        sizes.append(doc.tensor.size)
        return extract_article(doc, article)

    monkeypatch.setattr(sitrep.extract, "extract_article", extracting)
    results = parse_batch(pipeline(), articles_in(tmp_path), batch_size=2)
    assert len(results) == 3
    assert sizes == [0, 0, 0]


def test_dropping_the_tensors_leaves_the_results_as_they_were(tmp_path: Path) -> None:
    articles = articles_in(tmp_path)
    nlp = pipeline()
    with_tensors = [extract_article(doc, article) for doc, article in zip(
        nlp.pipe((a.text for a in articles), batch_size=2), articles, strict=True)]
    assert parse_batch(nlp, articles, batch_size=2) == with_tensors


def test_a_batch_is_cut_before_it_passes_the_most_characters(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The model's per-batch arrays grow with the batch's text: a batch of long articles is cut
    short of `batch_size` (never below one article)."""
    articles = articles_in(tmp_path)
    lengths = [len(a.text) for a in articles]
    monkeypatch.setattr(engine_module, "BATCH_CHARS", lengths[0] + lengths[1])
    assert [len(b) for b in engine_module._batches(articles, 3)] == [2, 1]
    assert [len(b) for b in engine_module._batches(articles, 1)] == [1, 1, 1]
    monkeypatch.setattr(engine_module, "BATCH_CHARS", 1)
    assert [len(b) for b in engine_module._batches(articles, 3)] == [1, 1, 1]


def test_batches_cut_by_their_text_give_the_same_results(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = articles_in(tmp_path)
    nlp = pipeline()
    whole = parse_batch(nlp, articles, batch_size=3)
    monkeypatch.setattr(engine_module, "BATCH_CHARS", 1)
    assert parse_batch(nlp, articles, batch_size=3) == whole
