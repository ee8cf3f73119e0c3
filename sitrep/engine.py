"""The engine: a folder in, a `Situation` out, parsing only what the cache does not hold.

Flow (one way): list the folder -> hash each file's bytes -> look the hashes up (the previous
run's results in memory, then the SQLite cache) -> read and clean only the files not found
(`reader.read_article`) -> `nlp` + `extract` for the misses (in batches, spaCy loaded lazily and
once) -> `merge` -> `Situation`. A warm run never imports spaCy (nor the reader's cleaning, imported with
`reader.read_article` on first use), and a file whose bytes are cached under its own path is not
even cleaned again. A file whose stat signature is the one it was hashed under, in this process or
in the cache's `files` table, is not even read (see `_signature`). Each `analyse` call is a `_Run`, whose
steps follow that flow: `look_up`, `read_unread` and `parse_unread`, `snapshot`.

The first run of an engine over a folder whose every file hashed the same as when its last report
was stored (`sitrep.snapshot`, `cache.keep_reports`) shows that report and stops there: no row is
decoded and nothing merged. `prime` then does that work, so that the next run is incremental (the
dashboard's analysis process calls it while idle); `close` stores the last report made.

With `model.jobs` > 1 a cold run parses and extracts in that many worker processes (spawned
once per engine, each loading the model once); the results are the same as in one process.
Given an `executor` (any `concurrent.futures.Executor`, such as a Dask cluster's from
`sitrep.executors`), the engine sends it the same chunks instead. Each task carries the config,
never the `nlp` object (pickling a pipeline is slow and breaks: spaCy issues #2757, #13506), and
each worker process loads the pipeline once, in `load_worker_pipeline`.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import math
import os
import stat
import threading
import time
from collections import ChainMap
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import compress, islice
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, cast

from . import gcpolicy, heap, reader
from .cache import NullCache, ResultCache, Signature, Signed, decode_result, encode_results, open_cache
from .config import Config
from .model import Article, ArticleResult, BadFile, Situation
from .progress import Progress, ProgressCallback
from .reader import BadFileError, FolderListing, check_folder, is_article_path, read_bytes, walk_folder
from .reader.files import is_listed_name, skip_reason
from .rows import from_row, repointed, to_row
from .snapshot import decode_report, encode_report, report_key

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

    from spacy.language import Language
    from spacy.tokens import Doc

    from .merge import IncrementalMerge

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000
"""Longest article text handed to spaCy (its `nlp.max_length` default; longer raises E088).
The reader refuses longer texts before cleaning them."""

SNAPSHOT_INTERVAL = 1.0
"""Least seconds between partial reports during a long analysis (each one is a full merge)."""
SNAPSHOT_COST_FACTOR = 10.0
"""Partial reports are also spaced by this many times the last merge's duration, so merging
snapshots costs at most about a tenth of the run however large the folder grows."""

BATCH_CHARS = 42_000
"""Most characters of text in one batch the model runs (`parse_batch`). The model's per-batch
arrays grow with the batch's tokens and set the parse's peak: at 10,000 articles the fullest
batches of 32 (51,700 characters of cleaned text, against 36,800 on average and 42,400 for nine
in ten) took it to 403 MB. About one batch in ten is cut."""

CHUNK_BATCHES = 4
"""Batches of `model.batch_size` articles parsed in one go in this process, after the first."""

TOUCHED_MAX = 256
"""A reload told of more touched paths than this lists the folder again (as the watcher does)."""

STREAM_BLOCK = 1000
"""Files `Engine.stream` looks up, reads and parses together: its memory holds about one block's
results. Worker processes wait for the next block only at the end of each (a chunk or so)."""


class Engine:
    """Holds the loaded model and the cache between runs; safe to call from one worker at a time."""

    accepts_touched = True
    """`analyse` takes the paths the watcher saw touched (the dashboard asks before passing them)."""

    def __init__(self, config: Config, *, isolated: bool = False, executor: Executor | None = None,
                 one_run: bool = False) -> None:
        self.config = config
        self.one_run = one_run
        """The engine serves one `analyse` and is then closed (`sitrep report`), and spends a little
        time to hold less memory: while it parses, each result is only stored in the cache (held
        as its encoded row when the cache keeps nothing), and the model is released before the
        results are read back and merged, so that the model and the merge are never in memory
        together (see `release_model`, `_Run._pack`); once merged, the results and the merge's
        state go before the report is stored and written (`results` is then empty); files are
        not kept from hashing to reading (see `_Run.hash_files`)."""
        self.isolated = isolated
        """Parse in worker processes even with `model.jobs` = 1 (the dashboard: its event loop must
        not wait on the parser for the GIL, and the model's memory stays out of its process)."""
        self.executor = executor
        """Where uncached articles are parsed instead of this process or its own pool (then
        `model.jobs` is not used); whoever made it shuts it down, `close` does not."""
        if executor is None and (isolated or config.model.jobs > 1):
            # Worker processes need multiprocessing's resource tracker, and starting it later, under
            # a Textual app, fails: the app's stderr capture has fileno -1 ("bad value(s) in fds_to_keep").
            from multiprocessing import resource_tracker

            resource_tracker.ensure_running()
        self._nlp: Language | None = None
        self._nlp_lock = threading.Lock()
        self._cache: ResultCache | NullCache | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._memo: dict[str, ArticleResult] = {}
        """The last run's results by content hash: a reload looks these up before SQLite."""
        self._signed: dict[str, Signed] = {}
        """The last run's content hash and mtime per file (by absolute path), under the file's stat
        signature: a reload reads and hashes again only the files whose signature changed (see
        `_signature`). A run over another folder starts from the cache's (`_stored`)."""
        self._stored: dict[str, Signed] = {}
        """The signatures the cache holds for `_stored_folder`'s files, as this engine last read or
        wrote them: each run stores only the difference."""
        self._stored_folder: str | None = None
        self._rejected: dict[str, str] = {}
        """Why the last run refused files for their bytes alone (empty, binary, too long...), by
        content hash: a reload does not read and clean them again."""
        self.parsed_last_run = 0
        """How many articles the last `analyse` had to parse (the rest came from the cache)."""
        self.timings: dict[str, float] = {}
        """Seconds the last `analyse` spent reading, looking up, parsing and merging."""
        self.results: list[ArticleResult] = []
        """The last `analyse`'s per-article results in folder order (what `sitrep extract` writes;
        a one-run engine that parsed drops them once merged: see `one_run`)."""
        self._merger: IncrementalMerge | None = None
        """Merges each run's results, reusing what the last merge worked out for unchanged articles;
        made when a merge first needs it (`merger`): a run that serves the folder's stored report
        never does, and its module is a fifth of the analysis process's imports."""
        self.served_stored = False
        """Whether the last `analyse` showed the folder's stored report (then `results` is empty and
        nothing is held for the next run: see `prime`)."""
        self.stored_digest: str | None = None
        """The SHA-256 of the stored form of the report the last `analyse` showed, as the cache
        holds it (when `served_stored`): what names it to a reader of the same cache row."""
        self._report_found: str | None = None
        """The key of the stored report the last run found, if it found one."""
        self._unsaved: tuple[_Run, Situation] | None = None
        """The last run made by merging, and its report: `close` stores the report under its key."""
        self._listed: _Listed | None = None
        """The folder as the last run listed it, if that run merged and finished: a reload told which
        paths changed since (`analyse`'s `touched`) starts from it instead of listing again."""

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
                _load_extractors()
            return self._nlp

    def merger(self) -> IncrementalMerge:
        """The merge kept between runs, made on first use."""
        if self._merger is None:
            from .merge import IncrementalMerge

            self._merger = IncrementalMerge()
        return self._merger

    def release_model(self) -> None:
        """Drop this process's spaCy pipeline and give its memory back (`gcpolicy.release`): the
        next parse loads it again. A pipeline is a web of cycles (the language, its components and
        their shared vocab), which only a collection frees."""
        with self._nlp_lock:
            if self._nlp is None:
                return
            self._nlp = None
        gcpolicy.release()

    def read(self, folder: Path) -> tuple[list[Article], list[BadFile]]:
        """Read and clean every article under `folder`; bad files come back with their reason."""
        result = reader.scan(folder, max_bytes=self._max_bytes,
                             follow_outside_links=self._follow_outside_links)
        return result.articles, result.bad_files

    @property
    def _max_bytes(self) -> int:
        return int(self.config.seeds.max_file_mb * 1024 * 1024)

    @property
    def _follow_outside_links(self) -> bool:
        return self.config.seeds.follow_outside_links

    @property
    def _keeps_reports(self) -> bool:
        return self.config.cache.keep_reports and isinstance(self.cache, ResultCache)

    def analyse(self, folder: Path, progress: ProgressCallback | None = None, *,
                stored: bool = True, touched: Collection[str] | None = None,
                previous: bool = False) -> Situation:
        """The situation for `folder`: cached articles at once, the rest parsed in batches.

        Files not found in the cache are read lazily, a batch at a time as the parser asks for
        them, so reading overlaps parsing when worker processes do the parsing. The first run of
        the engine may show the folder's stored report instead (see the module docstring);
        `stored=False` never does.

        `touched` (the dashboard's watcher) names every path, absolute or relative to the working
        directory, that may have changed since the last run began: only those are looked at, and
        the other files keep the last run's listing and hashes (see `_Listed.update`). The folder
        is listed whole as without it when the hint cannot be used: no finished last run over
        this folder, the folder replaced, more than `TOUCHED_MAX` paths, a folder among them, or
        one not directly in a folder the last run listed.

        `previous` (the dashboard): on a first run over a folder that changed since its last
        report was stored, that report is told to `progress` first, as `Progress("previous", ...)`,
        while the run works out the current one (decoding it takes a tenth of a second at 10,000
        articles; the merge it stands in for, seconds).
        """
        listed, self._listed = self._listed, None  # kept again only if this run finishes
        run = _Run(self, folder, progress)
        run.notify(Progress("reading", 0, 0))
        run.hash_files(hint=(listed, touched) if listed is not None and touched is not None else None)
        self.served_stored, self.stored_digest = False, None
        if stored and run.first_run and self._keeps_reports:
            kept = self._stored_report(run)
            if kept is not None:
                self.served_stored = True
                self.parsed_last_run = 0
                self._memo, self.results, self._unsaved = {}, [], None
                self.timings = dict(run.clock.times)
                count = len(kept.articles)
                run.notify(Progress("cached", count, count))  # the stages of any warm run
                run.notify(Progress("done", count, count, kept))
                return kept
            if previous and run.listening:
                self._show_previous(run)
        run.fill()
        # The cached part is worth a merge only on a first run: on a reload it is just the report
        # already on screen minus the changed files.
        early = run.listening and run.first_run and run.results and run.unread
        run.notify(Progress("cached", len(run.results), run.total, run.snapshot() if early else None))
        self.parsed_last_run = 0
        if run.unread:
            run.lean = self.one_run
            run.parse_unread()
        self.results = run._articles()
        if run.base is None:
            self._memo = {r.content_hash: r for r in self.results}
        else:  # the last run's, with the results of the files hashed again (no copy: each is right)
            for result in run.gone:
                if self._memo.get(result.content_hash) is result:
                    del self._memo[result.content_hash]
            for at in run.todo or ():
                slot = run.slots[at]
                if isinstance(slot, ArticleResult):
                    self._memo[slot.content_hash] = slot
        run.clock.times.pop("merge", None)  # only the final merge counts in the timings
        situation = run.snapshot(self.results)
        if run.lean:
            # Merged once and for all: what the merger keeps for a next merge (every article's keys,
            # the indexes, the results through them) goes before the report is stored and written.
            # It holds reference cycles, which only a collection frees (`sitrep report` runs
            # without). So do the results: no reload follows, and at 10,000 articles storing and
            # writing the report beside them took the run from 357 to 404 MB.
            self._merger = None
            self.results, self._memo = [], {}
            run.drop_results()
            gcpolicy.release()
        self.timings = dict(run.clock.times)
        self._unsaved = (run, situation) if self._keeps_reports else None
        run.notify(Progress("done", run.total, run.total, situation))
        # Not when the callback raised: the caller may lose track of changes.
        self._listed = None if run.lean else run.finished()
        return situation

    def prime(self, folder: Path, progress: ProgressCallback | None = None) -> None:
        """After a run that showed the stored report (`served_stored`): decode the rows and merge
        them now, so that the next run over `folder` only works on what changed (a progress
        callback that raises abandons it; the next run then does it)."""
        if self.served_stored:
            self.analyse(folder, progress, stored=False)

    def _stored_report(self, run: _Run) -> Situation | None:
        """The report stored for `run`'s folder under the key of what the run hashed, if any."""
        with run.clock("lookup"):
            key = run.report_key()
            found = self._read_report(run, key, logging.WARNING, "; merging instead") \
                if key is not None else None
        if found is None:
            return None
        situation, data = found
        self._report_found = key
        self.stored_digest = hashlib.sha256(data).hexdigest()
        return situation

    def _show_previous(self, run: _Run) -> None:
        """Tell `run`'s listener the folder's last stored report, made before the folder changed."""
        with run.clock("lookup"):
            found = self._read_report(run, None, logging.INFO)
        if found is not None:
            run.notify(Progress("previous", 0, run.total, found[0]))

    def _read_report(self, run: _Run, key: str | None, level: int,
                     then: str = "") -> tuple[Situation, bytes] | None:
        """The report the cache keeps for `run`'s folder under `key` (None: its last one, whatever
        its key), decoded, with its stored form; None when there is none, or when it is unreadable
        (logged at `level`, `then` saying what follows)."""
        cache = self.cache
        if not isinstance(cache, ResultCache):
            return None
        data = cache.get_last_report(run.root) if key is None else cache.get_report(run.root, key)
        if data is None:
            return None
        try:
            return decode_report(data), data
        except ValueError as exc:
            log.log(level, "cache %s: the %s report of %s is unreadable (%s)%s", cache.path,
                    "last" if key is None else "stored", run.folder, exc, then)
            return None

    def _store_report(self) -> None:
        """Store the last report made by merging under its key (unless that is the report found)."""
        if self._unsaved is None:
            return
        run, situation = self._unsaved
        self._unsaved = None
        key = run.report_key()
        if key is None or key == self._report_found:
            return
        try:
            data = encode_report(situation)
        except (TypeError, ValueError, UnicodeError) as exc:  # a name that is not UTF-8 cannot be JSON
            log.info("the report of %s is not kept (%s)", run.folder, exc)
            return
        self.cache.put_report(run.root, key, data)
        self._report_found = key

    def stream(self, folder: Path, progress: ProgressCallback | None = None,
               block: int | None = None) -> Iterator[ArticleResult | BadFile]:
        """Each article's result in folder order, then the files that could not be read (in the
        order a report lists them), without merging and without keeping them: what `analyse`
        puts in `results` and the report's bad files, for `sitrep extract` over an archive.

        The folder is listed once, then looked up, read and parsed `block` files at a time
        (`STREAM_BLOCK` unless given; the cache fills as in `analyse`), so memory holds one block's
        results, never the folder's.
        `progress` hears how many articles are done out of the folder's; it gets no partial
        report. The last run's results (`results`, the reload memo) are left as they were.
        """
        notify = progress or (lambda _p: None)
        clock = _Clock()
        with clock("read"):
            check_folder(folder)
            listing = walk_folder(folder)
        files = listing.articles
        block = max(1, block or STREAM_BLOCK)
        notify(Progress("reading", 0, 0))
        bad: list[BadFile] = []
        done = 0
        self.parsed_last_run = 0
        for start in range(0, len(files), block):
            run = _Run(self, folder, None)
            run.clock = clock
            run.signed = None  # an archive's signatures would fill memory for no reload
            run.look_up(files[start:start + block])
            later = len(files) - start - len(run.slots)

            def relay(step: Progress, before: int = done, later: int = later) -> None:
                notify(Progress(step.stage, before + step.done, before + step.total + later))

            run.notify = relay
            if run.unread:
                run.parse_unread()
            for slot in run.slots:
                if isinstance(slot, BadFile):
                    bad.append(slot)
                elif slot is not None and slot.path in run.results:
                    done += 1
                    yield run.results[slot.path]
        self.timings = dict(clock.times)
        notify(Progress("done", done, done))
        yield from bad
        yield from listing.skipped_files()

    def _read_one(self, path: Path, folder: Path, quick: tuple[str, float] | None,
                  found: Mapping[str, ArticleResult],
                  data: tuple[bytes, float] | None = None) -> ArticleResult | BadFile | Article:
        """Read and clean one file (from `data`, its bytes and mtime, when hashing kept them): its
        cached result (same bytes under another name), why it is bad, or the article to parse."""
        relative = path.relative_to(folder).as_posix()
        try:
            article = reader.read_article(path, folder, self._max_bytes, data=data,
                                          follow_outside_links=self._follow_outside_links,
                                          max_chars=MAX_TEXT_CHARS)
        except BadFileError as exc:
            if exc.content_hash is not None:
                self._rejected[exc.content_hash] = str(exc)
            return BadFile(relative, str(exc))
        except Exception as exc:
            log.exception("unexpected error reading %s", path)
            return BadFile(relative, reader.unforeseen(exc))
        hit = found.get(article.content_hash)
        if hit is None and article.content_hash != (quick[0] if quick else None):
            hit = self.cache.get_many([article.content_hash]).get(article.content_hash)
        if hit is not None:
            return _relocate(hit, article)
        return article

    def _hash_file(self, path: Path, folder: Path, key: str,
                   keep: dict[Path, tuple[bytes, float]] | None = None,
                   signed: dict[str, Signed] | None = None,
                   recheck: bool = False) -> tuple[str, float] | BadFile | None:
        """SHA-256 of a file's bytes and its mtime; a `BadFile` when it cannot be read (a link
        outside the folder, too large, not a regular file...); None on an unexpected error. The
        bytes of a file the last run did not have go into `keep`, for reading it without opening
        it again.

        The hash is the reader's `content_hash`, so a hit needs no reading or cleaning at all;
        None sends the file through `read_article`, which reports the error.

        A file whose stat signature is the one the last run (or the cache) hashed it under is not
        read at all; `key` is its absolute path, under which `signed` collects this run's
        signatures (None: not kept, as for a stream over an archive). `recheck` reads it whatever
        its signature (a path the watcher saw touched: a rewrite in the file system clock's tick
        leaves the signature as it was).
        """
        signature = _signature(path)  # before the read: a change during it shows as a new signature
        if signature is not None and not recheck:
            known = self._signed.get(key)
            if known is not None and known[0] == signature and signature[2] <= self._max_bytes:
                if signed is not None:
                    signed[key] = known
                return known[1], known[2]
        try:
            data, mtime = read_bytes(path, folder, self._max_bytes, self._follow_outside_links)
        except BadFileError as exc:
            return BadFile(path.relative_to(folder).as_posix(), str(exc))
        except Exception:  # noqa: BLE001 - reported when the file is read
            return None
        digest = hashlib.sha256(data).hexdigest()
        if keep is not None and digest not in self._memo:
            keep[path] = (data, mtime)
        if signed is not None and signature is not None and _settled(signature):
            signed[key] = (signature, digest, mtime)
        return digest, mtime

    def _recall_signatures(self, root: str) -> None:
        """Start from the cache's signatures of the files under the absolute path `root`, unless
        the last run was over that folder (then its own are as new)."""
        if self._stored_folder != root:
            self._stored = self.cache.get_signatures(root)
            self._stored_folder = root
            self._signed = dict(self._stored)

    def _forget_signatures(self) -> None:
        """Drop the signatures held for a next run (it reads them from the cache again)."""
        self._signed, self._stored, self._stored_folder = {}, {}, None

    def _store_signatures(self, signed: dict[str, Signed], dirty: Collection[str] | None = None) -> None:
        """Keep this run's signatures (`_recall_signatures`'s folder), and write the cache the
        difference: new and changed ones, and those of files gone or changed too recently. Given
        `dirty`, only those keys may differ from the last run's (a reload told what changed)."""
        self._signed = signed
        stored = self._stored
        if dirty is None:
            changed = {key: value for key, value in signed.items() if stored.get(key) != value}
            gone = [key for key in stored if key not in signed]
        else:
            changed = {key: signed[key] for key in dirty if key in signed and stored.get(key) != signed[key]}
            gone = [key for key in dirty if key in stored and key not in signed]
        if (changed or gone) and self._stored_folder is not None:
            self.cache.put_signatures(self._stored_folder, changed, gone)
        self._stored = signed

    def _parse(self, articles: Iterator[Article], expected: int,
               starting: Callable[[], None]) -> Generator[Batch, None, None]:
        """Parse and extract `articles` (about `expected` of them) in batches, each batch's results
        as it is ready; `starting` is called once, before the model is needed."""
        jobs = self.config.model.jobs
        if self.executor is not None or self.isolated or (jobs > 1 and expected >= 2 * jobs):
            yield from self._parse_in_workers(articles, expected, starting)
        else:
            yield from self._parse_here(articles, starting)

    def _parse_here(self, articles: Iterator[Article], starting: Callable[[], None]) -> Iterator[Batch]:
        """Parse in this process with the lazily loaded pipeline (loaded only if anything needs it).

        The first chunk is one batch, so the first partial report comes as soon as it can; the
        next ones are `CHUNK_BATCHES` batches, which the model runs back to back (see `parse_batch`).
        """
        size = self.config.model.batch_size
        nlp: Language | None = None
        take = size
        while chunk := list(islice(articles, take)):
            if nlp is None:
                starting()
                nlp = self.nlp()
            yield Batch(parse_batch(nlp, chunk, size))
            take = size * CHUNK_BATCHES

    def _parse_in_workers(self, articles: Iterator[Article], expected: int,
                          starting: Callable[[], None]) -> Iterator[Batch]:
        """Parse in the worker processes, a few chunks in flight per worker, results as they come.

        Chunks are at most `batch_size` articles and small enough that every worker gets work
        even for a few dozen articles. The next chunk is read while the workers parse. Workers
        also encode the cache rows, so this process only stores them. Abandoning the generator
        (a superseded run) cancels the chunks not yet started.
        """
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        jobs = self.worker_count
        size = max(1, min(self.config.model.batch_size, math.ceil(expected / (4 * jobs))))
        pending: set[Future[Batch]] = set()
        exhausted = False
        pool: Executor | None = None
        try:
            while True:
                while not exhausted and len(pending) < 3 * jobs:
                    chunk = list(islice(articles, size))
                    if not chunk:
                        exhausted = True
                        break
                    if pool is None:
                        starting()
                        pool = self.workers()
                    pending.add(pool.submit(_worker_parse, chunk, self.cache.encodes, self.config))
                if not pending:
                    return
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        except BrokenProcessPool:
            # A worker died (killed, out of memory): this run fails, the next one starts fresh workers.
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            raise
        finally:
            for future in pending:
                future.cancel()

    @property
    def worker_count(self) -> int:
        """How many chunks are parsed at once when workers parse: the executor's width when one
        was given, else `model.jobs` (at least one)."""
        if self.executor is not None:
            from .executors import executor_width

            return executor_width(self.executor, default=max(1, self.config.model.jobs))
        return max(1, self.config.model.jobs)

    def workers(self) -> Executor:
        """The executor given to this engine, else its own worker processes (`model.jobs` of them,
        at least one), started on first use and kept until `close`.

        Its own are spawned (not forked: the TUI calls the engine from a thread); an initializer
        gives each the config, and each loads the pipeline on its first chunk.
        """
        if self.executor is not None:
            return self.executor
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                max_workers=self.worker_count,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_init,
                initargs=(self.config,),
            )
        return self._pool

    def warm_up(self) -> None:
        """Load the model now (or, when workers parse, start them and load it in each)."""
        if self.config.model.jobs <= 1 and not self.isolated and self.executor is None:
            self.nlp()
            return
        pool = self.workers()
        jobs = self.worker_count
        barrier_done = [pool.submit(_worker_warm_up, jobs, self.config) for _ in range(jobs)]
        for future in barrier_done:
            future.result()

    def close(self) -> None:
        """Store the last report (see `cache.keep_reports`), close the cache and stop the engine's
        own worker processes (unstarted chunks are dropped)."""
        if self._unsaved is not None and self._cache is not None:
            self._store_report()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._cache is not None:
            self._cache.close()
            self._cache = None


RACY_SECONDS = 2.0
"""A file changed this recently when hashed is hashed again next time, whatever its signature: a
write in the same tick of the file system's clock would leave the signature as it was. Such a
signature is neither kept for a reload nor stored in the cache for another process."""


def _signature(path: Path) -> Signature | None:
    """What changes whenever the file's bytes do: device, inode, size, mtime and ctime. The ctime
    cannot be set back (`touch -d` sets the mtime only), so content rewritten at the same size with
    its old mtime restored still shows. None for anything but a regular file (a link, whose target
    may change or lead outside; a folder; a special file): those are read every time."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _settled(signature: Signature) -> bool:
    """Whether the file last changed long enough ago for its signature to be trusted (`RACY_SECONDS`)."""
    return time.time_ns() - max(signature[3], signature[4]) > RACY_SECONDS * 1e9


def _identity(folder: Path) -> tuple[int, int] | None:
    """(device, inode) of the folder: another means the folder was replaced (None: cannot stat)."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st.st_dev, st.st_ino


Quick = tuple[str, float] | BadFile | None
"""What hashing found of a file: its content hash and mtime, why it is bad, or None (read it)."""


@dataclass(frozen=True)
class _Listed:
    """A folder as one finished run listed, hashed and filled it: what a reload told which paths
    changed starts from. The lists are in `listing.articles`' order; a reload copies them."""

    root: str
    """The folder as an absolute path."""
    identity: tuple[int, int]
    """The folder's device and inode when listed."""
    listing: FolderListing
    walked: frozenset[str]
    """`listing.folders` as absolute paths."""
    hashed: list[tuple[Path, Quick]]
    slots: list[Slot]
    """Each file's result or why it is bad (never an unparsed article, never None)."""
    results: dict[str, ArticleResult]
    """The results by path."""
    recheck: frozenset[str]
    """The files (relative paths) whose hash was not vouched for by a trusted signature (changed
    too recently, a link, unreadable...): hashed again on every run, as a full listing does."""

    def update(self, folder: Path, root: str, touched: Collection[str]) -> tuple[_Listed, set[str]] | None:
        """This listing as `walk_folder` would give it now, if only the paths in `touched` changed
        since (absolute, or relative to the working directory), and the relative paths of the
        files among them; None when only a new walk can tell: another folder, the folder replaced,
        more than `TOUCHED_MAX` paths, a folder touched (or now at one of the paths, or a link to
        one), a path not directly in a listed folder, or one that cannot be looked at. The files
        touched have no hash (None) and no slot (None) in the copy, and no result."""
        if root != self.root or len(touched) > TOUCHED_MAX or _identity(folder) != self.identity:
            return None
        articles, skipped = list(self.listing.articles), list(self.listing.skipped)
        hashed, slots, results = list(self.hashed), list(self.slots), dict(self.results)
        fresh: set[str] = set()
        for path in touched:
            full = os.path.abspath(path)
            if full in self.walked or os.path.dirname(full) not in self.walked:
                return None
            try:
                st = os.lstat(full)
            except FileNotFoundError:
                st = None
            except OSError:
                return None
            if st is not None and (stat.S_ISDIR(st.st_mode) or os.path.isdir(full)):
                return None
            relative = os.path.relpath(full, root).replace(os.sep, "/")
            fresh.add(relative)
            results.pop(relative, None)
            at = bisect.bisect_left(articles, relative, key=_first)
            if at < len(articles) and articles[at][0] == relative:
                del articles[at], hashed[at], slots[at]
            at = bisect.bisect_left(skipped, relative, key=_first)
            if at < len(skipped) and skipped[at][0] == relative:
                del skipped[at]
            if st is None:
                continue
            name = os.path.basename(full)
            # The walk's rule (`reader.walk_folder`): articles by name, other listed names skipped.
            if is_article_path(relative):
                at = bisect.bisect_left(articles, relative, key=_first)
                articles.insert(at, (relative, Path(folder, relative)))
                hashed.insert(at, (articles[at][1], None))
                slots.insert(at, None)
            elif is_listed_name(name):
                bisect.insort(skipped, (relative, skip_reason(name)), key=_first)
        listing = FolderListing(articles, self.listing.folders, skipped)
        return _Listed(root, self.identity, listing, self.walked, hashed, slots, results, self.recheck), fresh


def _first(item: tuple[str, object]) -> str:
    return item[0]


Slot = ArticleResult | BadFile | Article | None
"""One file of a run: its result, why it is bad, the article to parse, or None (not read yet)."""


class _Run:
    """One `Engine.analyse` call: the folder's files in order, what is known of each so far, the
    results, and where the time went."""

    def __init__(self, engine: Engine, folder: Path, progress: ProgressCallback | None) -> None:
        self.engine = engine
        self.folder = folder
        self.notify: ProgressCallback = progress or (lambda _p: None)
        self.listening = progress is not None
        self.first_run = not engine._memo
        self.clock = _Clock()
        self.listing: FolderListing
        """The folder's article files and the files it skipped (set by `look_up`)."""
        self.raw: dict[Path, tuple[bytes, float]] = {}
        """The bytes and mtime of files still to read, kept from hashing: each file is read once."""
        self.files: list[tuple[str, Path]] = []
        """The files hashed: (path relative to the folder, path) in folder order."""
        self.root = ""
        """The folder as an absolute path (set by `hash_files`)."""
        self.hashed: list[tuple[Path, tuple[str, float] | BadFile | None]] = []
        """Each file with its content hash and mtime (or why it is bad, or None: read it to find out)."""
        self.found: Mapping[str, ArticleResult] = {}
        """Results by content hash: the last run's and the cache's for this folder's hashes."""
        self.slots: list[Slot] = []
        """Per file in folder order (see `Slot`)."""
        self.results: dict[str, ArticleResult] = {}
        """The results so far, by path."""
        self.unread: list[int] = []
        """The slots the lookup did not fill: files to read, and to parse unless found by content."""
        self.total = 0
        """Articles to report; files found bad while reading are taken off as they turn up."""
        self.signed: dict[str, Signed] | None = {}
        """The files' stat signatures as hashed in this run, for the next and for the cache (None:
        not kept)."""
        self.identity: tuple[int, int] | None = None
        """The folder's device and inode when this run listed it whole (None: a stream's block, or
        a folder that could not be identified): the next run may then start from this one."""
        self.todo: list[int] | None = None
        """On a reload told which paths changed: the files this run hashed and filled (the others
        kept the last run's hash and slot); None: every file."""
        self.recheck: frozenset[str] = frozenset()
        """The files whose hash no trusted signature vouched for (see `_Listed.recheck`)."""
        self.base: _Listed | None = None
        """The last run's state this run started from, updated at the touched paths (see `todo`)."""
        self.gone: list[ArticleResult] = []
        """The last run's results of the files this run hashed again (when it started from it)."""
        self.lean = False
        """Hold nothing of what the parse makes but where the cache stored it (`stored`; or the rows
        themselves, `packed`, when the cache keeps nothing) until it ends, then release the model
        and read the results back (`Engine.one_run`)."""
        self.stored: dict[int, str] = {}
        """The parsed results not read back yet, by slot: the content hash the cache stored each
        one's row under (while a lean run parses)."""
        self.packed: dict[int, tuple[str, bytes]] = {}
        """The parsed results not decoded yet, as encoded rows by slot (while a lean run parses, the
        ones the cache did not store)."""
        self._taken: set[str] = set()
        """The content hashes in `stored`: another file with the same bytes, parsed in the same
        chunk, keeps its own row (the cache holds one row per hash, with one file's name)."""

    def look_up(self, files: list[tuple[str, Path]] | None = None) -> None:
        """List and hash the folder's files (or only `files`, (relative, path) pairs of a block of
        an `Engine.stream`), then fill each slot (`fill`)."""
        self.hash_files(files)
        self.fill()

    def hash_files(self, files: list[tuple[str, Path]] | None = None,
                   hint: tuple[_Listed, Collection[str]] | None = None) -> None:
        """List the folder (unless given `files`, (relative, path) pairs of a block of an
        `Engine.stream`) and hash each file.

        Given `hint`, the last finished run's state and the paths touched since (see
        `Engine.analyse`), the run starts from that state updated at those paths: only the files
        touched, and those whose hash no trusted signature vouched for, are hashed (and filled)
        again; a hint `_Listed.update` refuses is ignored."""
        engine, folder = self.engine, self.folder
        with self.clock("read"):
            root = self.root = os.path.abspath(folder)
            updated = hint[0].update(folder, root, hint[1]) if hint is not None and files is None else None
            if updated is not None:
                self._hash_touched(hint[0], *updated)  # type: ignore[index]
                return
            if files is None:
                check_folder(folder)
                self.identity = _identity(folder)
                self.listing = walk_folder(folder)
                files = self.listing.articles
            self.files = files
            if self.signed is not None:
                engine._recall_signatures(root)
            # A one-run engine reads each file it must parse twice (hashing, then reading) rather
            # than hold every such file's bytes from hashing to parsing: at 10,000 articles those
            # bytes and the holes they leave as they go were 41 MB of the run's RSS throughout.
            keep = None if engine.one_run else self.raw
            self.hashed = [(path, engine._hash_file(path, folder, f"{root}/{relative}", keep, self.signed))
                           for relative, path in files]
            if self.signed is not None:
                engine._store_signatures(self.signed)
                signed = self.signed
                self.recheck = frozenset(relative for relative, _path in files
                                         if f"{root}/{relative}" not in signed)
                if engine.one_run:  # no reload to vouch for: stored, they need not stay (5 MB at 10,000)
                    engine._forget_signatures()
                    self.signed = None

    def _hash_touched(self, last: _Listed, listed: _Listed, fresh: set[str]) -> None:
        """Start from the last run's state (`listed`: updated at the `fresh` paths): hash the
        files touched (whatever their signature: a rewrite within one tick of the file system's
        clock leaves it as it was) and those the last run could not vouch for."""
        engine, root = self.engine, self.root
        self.listing, self.identity = listed.listing, listed.identity
        self.files = files = listed.listing.articles
        self.hashed, self.base = listed.hashed, listed
        again = fresh | last.recheck
        self.gone = [last.results[relative] for relative in again if relative in last.results]
        signed = self.signed = dict(engine._signed)
        dirty = {f"{root}/{relative}" for relative in again}
        for key in dirty:
            signed.pop(key, None)
        self.todo = []
        for relative in sorted(again):
            at = bisect.bisect_left(files, relative, key=_first)
            if at < len(files) and files[at][0] == relative:
                self.todo.append(at)
        for at in self.todo:
            relative, path = files[at]
            self.hashed[at] = (path, engine._hash_file(path, self.folder, f"{root}/{relative}", self.raw,
                                                       signed, recheck=relative in fresh))
        engine._store_signatures(signed, dirty)
        self.recheck = frozenset(files[at][0] for at in self.todo if f"{root}/{files[at][0]}" not in signed)

    def drop_results(self) -> None:
        """Forget the files' results (a lean run's, once merged); what names the folder's report
        (`report_key`) stays."""
        self.slots, self.results, self.found = [], {}, {}

    def finished(self) -> _Listed | None:
        """This run's state for the next run to start from (None: not a whole folder's)."""
        if self.identity is None:
            return None
        walked = self.base.walked if self.base is not None else frozenset(
            os.path.abspath(f) for f in self.listing.folders)
        return _Listed(self.root, self.identity, self.listing, walked, self.hashed, self.slots, self.results,
                       self.recheck)

    def report_key(self) -> str | None:
        """The key of the folder's report as hashed (`sitrep.snapshot.report_key`); None when a
        file could not be hashed (only reading it says what it is)."""
        entries: list[tuple[str, str, float]] = []
        bad: list[BadFile] = []
        for (relative, _listed), (_path, quick) in zip(self.files, self.hashed, strict=True):
            if quick is None:
                return None
            if isinstance(quick, BadFile):
                bad.append(quick)
            else:
                entries.append((relative, *quick))
        engine = self.engine
        return report_key(engine.cache.version if isinstance(engine.cache, ResultCache) else "",
                          (engine._max_bytes, engine._follow_outside_links), str(self.folder),
                          entries, bad + self.listing.skipped_files())

    def fill(self) -> None:
        """Fill each hashed file's slot from the last run, the cache, or the files the last run
        refused for their bytes alone (on a reload told which paths changed, only the files
        `hash_files` hashed: the others keep the last run's slot)."""
        engine, files, hashed = self.engine, self.files, self.hashed
        todo = range(len(files)) if self.todo is None else self.todo
        with self.clock("lookup"):
            memo = engine._memo
            wanted = [quick[0] for quick in (hashed[at][1] for at in todo)
                      if isinstance(quick, tuple) and quick[0] not in memo]
            hits = engine.cache.get_many(wanted)
            # A reload looks up a few hashes: chained, not a copy of the memo of every article.
            self.found = {**memo, **hits} if self.base is None else ChainMap(hits, memo)
        if self.base is None:
            rejected, engine._rejected = engine._rejected, {}
            self.slots = [self._slot(relative, quick, rejected)
                          for (relative, _listed), (_hashed, quick) in zip(files, hashed, strict=True)]
            results = self._articles()
            self.results = dict(zip(map(attrgetter("path"), results), results, strict=True))
        else:
            self.slots, self.results = self.base.slots, self.base.results
            for at in todo:
                relative = files[at][0]
                self.results.pop(relative, None)
                slot = self.slots[at] = self._slot(relative, hashed[at][1], engine._rejected)
                if isinstance(slot, ArticleResult):
                    self.results[relative] = slot
        self.unread = [at for at in todo if self.slots[at] is None]
        unread = {hashed[at][0] for at in self.unread}
        self.raw = {path: data for path, data in self.raw.items() if path in unread}  # hits need no bytes
        self.total = len(self.slots) - list(map(type, self.slots)).count(BadFile)

    def _slot(self, relative: str, quick: Quick, rejected: dict[str, str]) -> Slot:
        """A hashed file's slot: its result if the last run or the cache holds it under this name,
        why it is bad, or None (read it)."""
        if isinstance(quick, BadFile):
            return quick
        hit = self.found.get(quick[0]) if quick is not None else None
        if hit is not None and quick is not None and hit.path == relative:
            return _with_mtime(hit, quick[1])
        if quick is not None and quick[0] in rejected:
            self.engine._rejected[quick[0]] = rejected[quick[0]]
            return BadFile(relative, rejected[quick[0]])
        return None

    def _articles(self) -> list[ArticleResult]:
        """The results so far in folder order (a parsed file's slot holds its result)."""
        slots = self.slots
        return cast("list[ArticleResult]", list(compress(slots, map(ArticleResult.__instancecheck__, slots))))

    def snapshot(self, results: list[ArticleResult] | None = None) -> Situation:
        """The report of the results so far (`results`, if `_articles` gave them already; the
        merge is timed)."""
        slots = self.slots
        bad_files = cast("list[BadFile]", list(compress(slots, map(BadFile.__instancecheck__, slots))))
        with self.clock("merge"):
            return self.engine.merger().merge(self._articles() if results is None else results,
                                             bad_files + self.listing.skipped_files(), self.folder)

    def read_unread(self) -> Iterator[Article]:
        """Read the files the cache did not hold; yield the ones that need parsing."""
        for index in self.unread:
            path, quick = self.hashed[index]
            with self.clock("read"):
                slot = self.engine._read_one(path, self.folder, quick if isinstance(quick, tuple) else None,
                                             self.found, self.raw.pop(path, None))
            self.slots[index] = slot
            if isinstance(slot, BadFile):
                self.total -= 1
            elif isinstance(slot, ArticleResult):
                self.results[slot.path] = slot
            else:
                yield slot

    def parse_unread(self) -> None:
        """Read, parse and cache the unread files, with partial reports as batches come in."""
        engine, clock = self.engine, self.clock
        partial = _Throttle()
        read_before = clock.times.get("read", 0.0)
        batches = engine._parse(self.read_unread(), len(self.unread),
                                lambda: self.notify(Progress("loading model", len(self.results), self.total)))
        places = {self.files[at][0]: at for at in self.unread}
        try:
            with clock("parse"):
                for batch in batches:
                    if self.lean:
                        self._pack(batch, places)
                        heap.trim()  # see `_pack`
                    else:
                        for result in batch.results:
                            self.results[result.path] = result
                            self.slots[places[result.path]] = result
                        if batch.encoded is not None:
                            engine.cache.put_encoded(batch.encoded)
                        else:
                            engine.cache.put_many(batch.results)
                    engine.parsed_last_run += len(batch.results)
                    del batch  # not held while the next chunk is parsed
                    done = len(self.results) + len(self.stored) + len(self.packed)
                    due = self._partial_due(partial, done)
                    with clock.paused("parse"):
                        self.notify(Progress("analysing", done, self.total,
                                             partial.timed(self.snapshot) if due else None))
        finally:
            batches.close()  # a superseded run (the callback raised) drops its queued chunks now
        clock.times["parse"] -= clock.times.get("read", 0.0) - read_before  # reading happened inside
        if self.stored or self.packed:
            self._unpack()

    def _pack(self, batch: Batch, places: dict[str, int]) -> None:
        """Keep nothing of a parsed batch but where the cache stored each result (`stored`), or,
        for the rows the cache did not take (it keeps nothing, it stopped saving, or another file
        of this run has the same bytes under another name), the encoded rows themselves.

        Held in memory, the rows (about 1.3 KB each) were the one thing the parse's heap kept
        growing by, each left among the holes of the model's per-batch arrays: at 10,000
        articles the parse peaked at 428 MB, against 378-385 at 1,000 and 2,000. Without them it
        still reached 418 MB: the holes themselves stay resident in glibc's heap as they shift
        from chunk to chunk, so after each chunk the lean run gives them back (`heap.trim`),
        which holds the parse at about 233 MB between chunks (375 without) and its peak at
        2,000 articles at 371 MB, at 10,000 at 403 MB; the pages are faulted in again by the next
        chunk, once (CPU within the noise at 1,000 articles).
        """
        rows = batch.encoded if batch.encoded is not None else encode_results(batch.results)
        cache, stored, taken, hashed = self.engine.cache, self.stored, self._taken, self.hashed
        cache.put_encoded(rows)
        saved = cache.encodes  # still saving: the rows went in (a failed write stops it)
        for result, (content_hash, row) in zip(batch.results, rows, strict=True):
            at = places[result.path]
            if saved and content_hash not in taken:
                quick = hashed[at][1]
                # The hash from hashing, when it is the same: no new string kept per article.
                key = quick[0] if isinstance(quick, tuple) and quick[0] == content_hash else content_hash
                stored[at] = key
                taken.add(key)
            else:
                self.packed[at] = (content_hash, row)
            self.slots[at] = None  # the article read for the parse (its whole text) goes now

    def _unpack(self) -> None:
        """Release the model, then read the stored results back from the cache and decode the
        packed rows, into their slots (a lean run's end). A result the cache no longer holds as
        stored (a write skipped for a lock held by another process, the file set aside) is parsed
        again."""
        engine = self.engine
        engine.release_model()
        stored, self.stored, self._taken = self.stored, {}, set()
        packed, self.packed = self.packed, {}
        again: list[int] = []
        with self.clock("unpack"), gcpolicy.paused():  # many small objects and no cycles (see the cache)
            found = engine.cache.get_many(stored.values()) if stored else {}
            for at, content_hash in stored.items():
                result = found.get(content_hash)
                if result is None or result.path != self.files[at][0]:
                    again.append(at)
                    continue
                self.slots[at] = result
                self.results[result.path] = result
            del found
            for at in list(packed):
                content_hash, row = packed.pop(at)  # each row freed once decoded
                result = self.slots[at] = decode_result(row, content_hash)
                self.results[result.path] = result
        if again:
            log.info("cache %s: %d parsed result(s) not found again; parsing them again",
                     getattr(engine.cache, "path", ""), len(again))
            engine.parsed_last_run -= len(again)
            self.unread, self.lean = sorted(again), False
            self.parse_unread()
            engine.release_model()

    def _partial_due(self, partial: _Throttle, done: int) -> bool:
        """Whether a partial report is worth merging now. Partial reports while a reload parses a
        few files would only redraw the report on screen; they are for first runs and big batches."""
        if self.lean:  # a partial report would need the results as objects
            return False
        big = len(self.unread) > 2 * self.engine.config.model.batch_size
        return self.listening and (self.first_run or big) and done < self.total and partial.due()


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


@dataclass(frozen=True)
class Batch:
    """One parsed chunk: its results and, when a worker made them, their encoded cache rows."""

    results: list[ArticleResult]
    encoded: list[tuple[str, bytes]] | None = None


def parse_batch(nlp: Language, articles: list[Article], batch_size: int) -> list[ArticleResult]:
    """Run the pipeline and the extractors over `articles` (the one place both happen).

    The pipeline runs over every batch of `articles` before any is extracted: extraction between
    the model's batches pushed the model out of the CPU's caches, and a cold run of 1,000 articles
    in one process took 8-11% more CPU with one batch per call than with four parsed back to back
    (the batches, and so the docs, are the same either way).

    Each doc's tensor (tok2vec's output, 96 floats a token) is dropped as the doc comes out of
    the pipeline: no extractor reads it (sitrep uses no vectors), and the chunk's docs held 10 MB
    of them at once while the model's per-batch arrays were still alive.
    """
    from .extract import extract_article
    from .nlp.pipeline import doc_texts

    docs = [doc for batch in _batches(articles, batch_size)
            for doc in _without_tensors(nlp.pipe(doc_texts(batch), batch_size=len(batch)))]
    return [extract_article(doc, article) for doc, article in zip(docs, articles, strict=True)]


def _batches(articles: list[Article], size: int) -> Iterator[list[Article]]:
    """`articles` in batches of `size`, each also cut before it passes `BATCH_CHARS` of text
    (a batch of one article however long)."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and (len(batch) >= size or chars + len(article.text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.text)
    if batch:
        yield batch


def _without_tensors(docs: Iterable[Doc]) -> Iterator[Doc]:
    """`docs`, each with its tensor dropped (see `parse_batch`)."""
    import numpy

    empty = numpy.zeros((0, 0), dtype="float32")
    for doc in docs:
        doc.tensor = empty
        yield doc


def _load_extractors() -> None:
    """Import the extractors with the model, so that the first parse of a reload does not pay
    for compiling their patterns (a tenth of a second) while the user waits for one file."""
    from . import extract  # noqa: F401


# Worker side (the engine's own pool, or any executor's workers): one pipeline per process,
# loaded on first use, or up front by an executor's setup hook (the Dask worker plugin).
_worker_config: Config | None = None
_worker_nlp: Language | None = None
_worker_lock = threading.Lock()
"""Held while the pipeline loads or parses: an executor whose workers are threads shares one."""
worker_loads = 0
"""How many times this process has loaded the pipeline (once per worker; the tests check it)."""


def _worker_init(config: Config) -> None:
    """Remember the engine's config in a fresh worker (loading waits for the first chunk)."""
    global _worker_config
    _worker_config = config


def _worker_pipeline(config: Config) -> Language:
    """This process's pipeline for `config` (call with `_worker_lock` held): loaded on first use,
    and again only if a task brings another config."""
    global _worker_config, _worker_nlp, worker_loads
    if _worker_nlp is None or _worker_config != config:
        from .nlp.pipeline import load_pipeline

        _worker_nlp = load_pipeline(config)
        _load_extractors()
        _worker_config = config
        worker_loads += 1
    return _worker_nlp


def load_worker_pipeline(config: Config) -> None:
    """Load the pipeline for `config` into this worker process now, so that its first chunk does
    not wait (an executor's per-worker setup calls this; tasks then find it loaded)."""
    with _worker_lock:
        _worker_pipeline(config)


def parse_articles(articles: list[Article], config: Config) -> list[ArticleResult]:
    """Parse and extract `articles` with this process's pipeline for `config`, loaded on the first
    call and kept, as the engine's workers keep theirs (for other engines' workers: see
    `sitrep.mapstep`); with no articles, nothing is loaded."""
    if not articles:
        return []
    with _worker_lock:
        return parse_batch(_worker_pipeline(config), articles, config.model.batch_size)


def _worker_parse(articles: list[Article], encode: bool, config: Config) -> Batch:
    """Parse and extract one chunk in a worker, with its cache rows when `encode` (errors travel
    back to the engine as raised)."""
    results = parse_articles(articles, config)
    return Batch(results, encode_results(results) if encode else None)


def _worker_warm_up(jobs: int, config: Config) -> None:
    """Load the pipeline, then linger a moment so the other warm-up calls reach other workers."""
    load_worker_pipeline(config)
    time.sleep(0.2 if jobs > 1 else 0.0)


class _Clock:
    """Adds up the seconds spent in each named step (`with clock("read"): ...`)."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    @contextmanager
    def __call__(self, step: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.times[step] = self.times.get(step, 0.0) + time.perf_counter() - start

    @contextmanager
    def paused(self, step: str) -> Iterator[None]:
        """Leave the time spent inside out of `step` (a partial report inside the parse loop)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.times[step] = self.times.get(step, 0.0) - (time.perf_counter() - start)


def _with_mtime(result: ArticleResult, mtime: float) -> ArticleResult:
    """A cached result for the same file and bytes, with the file's current mtime."""
    return result if result.mtime == mtime else replace(result, mtime=mtime)


def _relocate(result: ArticleResult, article: Article) -> ArticleResult:
    """A cached result re-pointed at the file it was found in now (same content, maybe renamed)."""
    if result.path == article.path and result.mtime == article.mtime:
        return result
    old = result.path
    clone = from_row(repointed(to_row(result), lambda name: article.path if name == old else name))
    return replace(clone, mtime=article.mtime, title=article.title, outlet=article.outlet)
