"""Shared helpers for extractor tests: one spaCy pipeline per test session, text in, results out."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from sitrep.config import Config
from sitrep.extract import extract_article
from sitrep.merge import merge
from sitrep.model import ArticleResult, Situation, StatusEvent
from sitrep.nlp.pipeline import doc_texts, load_pipeline
from sitrep.reader import read_article


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The configured pipeline, loaded once for the whole test session."""
    return load_pipeline(Config())


def analyse(text: str, tmp_path: Path, name: str = "article.txt", headline: bool = True) -> ArticleResult:
    """Write `text` as an article file and run the reader, the pipeline and every extractor.

    Unless `headline` is False (the text brings its own), a `Title:` header is added so the
    first sentence is read as body text, not as the headline."""
    path = tmp_path / name
    if headline and not text.lstrip().startswith("Title:"):
        text = f"Title: Test article\n\n{text}"
    path.write_text(text, encoding="utf-8")
    article = read_article(path, tmp_path)
    doc = pipeline()(next(iter(doc_texts([article]))))
    return extract_article(doc, article)


def situation(texts: dict[str, str], tmp_path: Path) -> Situation:
    """Several articles (file name -> text) merged into one Situation."""
    results = [analyse(text, tmp_path, name) for name, text in texts.items()]
    return merge(results, [], tmp_path)


def events_of(result: ArticleResult, actor: str, event: str | None = None) -> list[StatusEvent]:
    """The events on one actor (by a word of its name), optionally of one kind."""
    return [e for e in result.events if actor.lower() in e.actor.lower()
            and (event is None or e.event == event)]
