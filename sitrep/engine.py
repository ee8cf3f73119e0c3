"""The engine: a folder in, a `Situation` out, parsing only what the cache does not hold.

Flow (one way): `reader.scan` -> cache lookup by content hash -> `nlp` + `extract` for the
misses (in batches, spaCy loaded lazily and once) -> `merge` -> `Situation`. A warm run never
imports spaCy.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .cache import NullCache, ResultCache, open_cache
from .config import Config
from .merge import merge
from .model import Article, ArticleResult, BadFile, Situation
from .reader import scan

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

Stage = Literal["reading", "cached", "loading model", "analysing", "done"]


@dataclass(frozen=True)
class Progress:
    """How far an analysis has got; `situation` is a partial report when one is ready."""

    stage: Stage
    done: int
    total: int
    situation: Situation | None = None


ProgressCallback = Callable[[Progress], None]


class Engine:
    """Holds the loaded model and the cache between runs; safe to call from one worker at a time."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._nlp: Language | None = None
        self._nlp_lock = threading.Lock()
        self._cache: ResultCache | NullCache | None = None
        self.parsed_last_run = 0
        """How many articles the last `analyse` had to parse (the rest came from the cache)."""

    @property
    def cache(self) -> ResultCache | NullCache:
        """The result cache, opened on first use."""
        if self._cache is None:
            self._cache = open_cache(self.config) if self.config.cache.enabled else NullCache()
        return self._cache

    @property
    def model_loaded(self) -> bool:
        """Whether spaCy has been loaded in this process."""
        return self._nlp is not None

    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use (the only place spaCy is imported)."""
        with self._nlp_lock:
            if self._nlp is None:
                from .nlp.pipeline import load_pipeline

                self._nlp = load_pipeline(self.config)
            return self._nlp

    def read(self, folder: Path) -> tuple[list[Article], list[BadFile]]:
        """Read and clean every article under `folder`; bad files come back with their reason."""
        result = scan(folder, max_bytes=int(self.config.seeds.max_file_mb * 1024 * 1024))
        return result.articles, result.bad_files

    def analyse(self, folder: Path, progress: ProgressCallback | None = None) -> Situation:
        """The situation for `folder`: cached articles at once, the rest parsed in batches."""
        notify = progress or (lambda _p: None)
        notify(Progress("reading", 0, 0))
        articles, bad_files = self.read(folder)
        total = len(articles)
        cached = self.cache.get_many([a.content_hash for a in articles])
        results: dict[str, ArticleResult] = {}
        missing: list[Article] = []
        for article in articles:
            hit = cached.get(article.content_hash)
            if hit is None:
                missing.append(article)
            else:
                results[article.path] = _relocate(hit, article)
        self.parsed_last_run = len(missing)

        def snapshot() -> Situation:
            ordered = [results[a.path] for a in articles if a.path in results]
            return merge(ordered, bad_files, folder)

        notify(Progress("cached", len(results), total, snapshot() if results and missing else None))
        if missing:
            notify(Progress("loading model", len(results), total))
            for batch_results in self._parse(missing):
                for result in batch_results:
                    results[result.path] = result
                self.cache.put_many(batch_results)
                done = len(results)
                notify(Progress("analysing", done, total, snapshot() if done < total else None))
        situation = snapshot()
        notify(Progress("done", total, total, situation))
        return situation

    def _parse(self, articles: list[Article]):  # type: ignore[no-untyped-def]
        """Parse articles in batches, yielding the extracted results of each batch."""
        from .extract import extract_article
        from .nlp.pipeline import doc_texts

        nlp = self.nlp()
        size = self.config.model.batch_size
        for start in range(0, len(articles), size):
            batch = articles[start : start + size]
            docs = nlp.pipe(doc_texts(batch), batch_size=size)
            yield [extract_article(doc, article) for doc, article in zip(docs, batch, strict=True)]

    def close(self) -> None:
        """Close the cache."""
        if self._cache is not None:
            self._cache.close()
            self._cache = None


def _relocate(result: ArticleResult, article: Article) -> ArticleResult:
    """A cached result re-pointed at the file it was found in now (same content, maybe renamed)."""
    if result.path == article.path and result.mtime == article.mtime:
        return result
    clone = ArticleResult.from_dict(result.to_dict())
    old, new = result.path, article.path
    clone.path, clone.mtime, clone.title, clone.outlet = new, article.mtime, article.title, article.outlet
    if old != new:
        for mention in clone.actors:
            mention.evidence = [e.__class__(new, e.sentence, e.paragraph) for e in mention.evidence]
        for event in clone.events:
            event.evidence = event.evidence.__class__(new, event.evidence.sentence, event.evidence.paragraph)
        for item in clone.context:
            item.evidence = [e.__class__(new, e.sentence, e.paragraph) for e in item.evidence]
        for dispute in clone.disputes:
            for claim in dispute.claims:
                claim.article = new
    return clone
