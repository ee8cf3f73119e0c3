"""The engine: a folder in, a `Situation` out, parsing only what the cache does not hold.

Flow (one way): `reader.scan` -> cache lookup by content hash -> `nlp` + `extract` for the
misses (in batches, spaCy loaded lazily and once) -> `merge` -> `Situation`. A warm run never
imports spaCy.

With `model.jobs` > 1 a cold run parses and extracts in that many worker processes (spawned
once per engine, each loading the model once); the results are the same as in one process.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
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

SNAPSHOT_INTERVAL = 1.0
"""Least seconds between partial reports during a long analysis (each one is a full merge)."""
SNAPSHOT_COST_FACTOR = 10.0
"""Partial reports are also spaced by this many times the last merge's duration, so merging
snapshots costs at most about a tenth of the run however large the folder grows."""


class Engine:
    """Holds the loaded model and the cache between runs; safe to call from one worker at a time."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._nlp: Language | None = None
        self._nlp_lock = threading.Lock()
        self._cache: ResultCache | NullCache | None = None
        self._pool: ProcessPoolExecutor | None = None
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

        listening = progress is not None
        notify(Progress("cached", len(results), total, snapshot() if listening and results and missing else None))
        if missing:
            notify(Progress("loading model", len(results), total))
            partial = _Throttle()
            batches = self._parse(missing)
            try:
                for batch_results in batches:
                    for result in batch_results:
                        results[result.path] = result
                    self.cache.put_many(batch_results)
                    done = len(results)
                    due = listening and done < total and partial.due()
                    notify(Progress("analysing", done, total, partial.timed(snapshot) if due else None))
            finally:
                batches.close()  # a superseded run (the callback raised) drops its queued chunks now
        situation = snapshot()
        notify(Progress("done", total, total, situation))
        return situation

    def _parse(self, articles: list[Article]) -> Generator[list[ArticleResult], None, None]:
        """Parse and extract articles in batches, yielding each batch's results as it is ready."""
        jobs = self.config.model.jobs
        if jobs > 1 and len(articles) >= 2 * jobs:
            yield from self._parse_in_workers(articles, jobs)
        else:
            yield from self._parse_here(articles)

    def _parse_here(self, articles: list[Article]) -> Iterator[list[ArticleResult]]:
        """Parse in this process with the lazily loaded pipeline."""
        nlp = self.nlp()
        size = self.config.model.batch_size
        for start in range(0, len(articles), size):
            yield parse_batch(nlp, articles[start : start + size], size)

    def _parse_in_workers(self, articles: list[Article], jobs: int) -> Iterator[list[ArticleResult]]:
        """Parse in `jobs` worker processes, a few chunks in flight per worker, results as they come.

        Chunks are at most `batch_size` articles and small enough that every worker gets work
        even for a few dozen articles. Abandoning the generator (a superseded run) cancels the
        chunks not yet started.
        """
        pool = self.workers()
        size = max(1, min(self.config.model.batch_size, math.ceil(len(articles) / (4 * jobs))))
        chunks = [articles[start : start + size] for start in range(0, len(articles), size)]
        pending: set[Future[list[ArticleResult]]] = set()
        next_chunk = 0
        try:
            while next_chunk < len(chunks) or pending:
                while next_chunk < len(chunks) and len(pending) < 3 * jobs:
                    pending.add(pool.submit(_worker_parse, chunks[next_chunk]))
                    next_chunk += 1
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        finally:
            for future in pending:
                future.cancel()

    def workers(self) -> ProcessPoolExecutor:
        """The worker processes for `model.jobs` > 1, started on first use and kept until `close`.

        They are spawned (not forked: the TUI calls the engine from a thread) and each loads the
        pipeline for this engine's config on its first chunk.
        """
        if self._pool is None:
            import multiprocessing

            self._pool = ProcessPoolExecutor(
                max_workers=self.config.model.jobs,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_init,
                initargs=(self.config,),
            )
        return self._pool

    def warm_up(self) -> None:
        """Load the model now (or, with `model.jobs` > 1, start the workers and load it in each)."""
        jobs = self.config.model.jobs
        if jobs <= 1:
            self.nlp()
            return
        pool = self.workers()
        barrier_done = [pool.submit(_worker_warm_up, jobs) for _ in range(jobs)]
        for future in barrier_done:
            future.result()

    def close(self) -> None:
        """Close the cache and stop the worker processes (unstarted chunks are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._cache is not None:
            self._cache.close()
            self._cache = None


class _Throttle:
    """Decides when the next partial report is worth a merge (see `SNAPSHOT_INTERVAL`)."""

    def __init__(self) -> None:
        self.last = -math.inf
        self.cost = 0.0

    def due(self) -> bool:
        """Whether enough time has passed since the last partial report."""
        gap = max(SNAPSHOT_INTERVAL, SNAPSHOT_COST_FACTOR * self.cost)
        return time.monotonic() - self.last >= gap

    def timed(self, make: Callable[[], Situation]) -> Situation:
        """Make a partial report, remembering how long it took."""
        start = time.monotonic()
        situation = make()
        self.last = time.monotonic()
        self.cost = self.last - start
        return situation


def parse_batch(nlp: Language, articles: list[Article], batch_size: int) -> list[ArticleResult]:
    """Run the pipeline and the extractors over `articles` (the one place both happen)."""
    from .extract import extract_article
    from .nlp.pipeline import doc_texts

    docs = nlp.pipe(doc_texts(articles), batch_size=batch_size)
    return [extract_article(doc, article) for doc, article in zip(docs, articles, strict=True)]


# Worker-process side of `model.jobs` > 1: one pipeline per process, loaded on first use.
_worker_config: Config | None = None
_worker_nlp: Language | None = None


def _worker_init(config: Config) -> None:
    """Remember the engine's config in a fresh worker (loading waits for the first chunk)."""
    global _worker_config
    _worker_config = config


def _worker_pipeline() -> Language:
    global _worker_nlp
    if _worker_nlp is None:
        from .nlp.pipeline import load_pipeline

        assert _worker_config is not None, "worker started without a config"
        _worker_nlp = load_pipeline(_worker_config)
    return _worker_nlp


def _worker_parse(articles: list[Article]) -> list[ArticleResult]:
    """Parse and extract one chunk in a worker (errors travel back to the engine as raised)."""
    nlp = _worker_pipeline()
    assert _worker_config is not None
    return parse_batch(nlp, articles, _worker_config.model.batch_size)


def _worker_warm_up(jobs: int) -> None:
    """Load the pipeline, then linger a moment so the other warm-up calls reach other workers."""
    _worker_pipeline()
    time.sleep(0.2 if jobs > 1 else 0.0)


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
