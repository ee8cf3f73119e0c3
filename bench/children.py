"""The measurements that run in a child process, one each, the result as one JSON line on stdout
(the dashboard's are in `bench.dashboard`)."""

from __future__ import annotations

import gc
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from bench import ROOT


def _config(cache: Path | None, jobs: int = 1) -> Any:
    """A default config with this cache file (None: no cache) and job count."""
    from sitrep.config import Config

    config = Config(base_dir=ROOT)
    if cache is None:
        config.cache.enabled = False
    else:
        config.cache.path = str(cache)
    config.model.jobs = jobs
    return config


def _rss_mb() -> float:
    """Peak RSS of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb(pid: int | None = None) -> float:
    """Current RSS of this process (or of process `pid`: 0.0 once it is gone) in MB (Linux /proc;
    this process's peak RSS elsewhere)."""
    try:
        with open(f"/proc/{pid or 'self'}/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError):
        return 0.0 if pid else _rss_mb()


def _cache_mb(cache: Path) -> float:
    """The cache's size on disk (database plus any write-ahead log) in MB."""
    total = 0
    for suffix in ("", "-wal", "-shm"):
        path = Path(str(cache) + suffix)
        if path.exists():
            total += path.stat().st_size
    return total / (1024 * 1024)


def _remove_cache(cache: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(cache) + suffix).unlink(missing_ok=True)


def child_raw(folder: str, batch_size: int = 32) -> dict[str, Any]:
    """Raw `nlp.pipe` of the bare configured model over the cleaned texts (load not timed)."""
    from sitrep.nlp.pipeline import load_model
    from sitrep.reader import scan

    config = _config(None)
    articles = scan(Path(folder)).articles
    texts = [a.text for a in articles]
    start = time.perf_counter()
    nlp = load_model(config.model.names)
    load = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "load": load, "articles": len(articles),
            "words": sum(a.words for a in articles), "rss_mb": _rss_mb(), "model": nlp.meta.get("name")}


def child_cold(folder: str, cache: str, jobs: int) -> dict[str, Any]:
    """A cold `Engine.analyse` into an empty cache; model (or worker) start-up timed apart."""
    from sitrep.engine import Engine

    _remove_cache(Path(cache))
    engine = Engine(_config(Path(cache), jobs))
    start = time.perf_counter()
    engine.warm_up()
    load = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    situation = engine.analyse(Path(folder))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    parsed = engine.parsed_last_run
    engine.close()  # waits for the workers, so their peak RSS is counted below
    return {
        "seconds": seconds, "cpu": cpu, "load": load, "parsed": parsed, "timings": engine.timings,
        "articles": len(situation.articles), "words": sum(a.words for a in situation.articles),
        "actors": len(situation.actors), "disputes": len(situation.disputes), "rss_mb": _rss_mb(),
        "workers_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if jobs > 1 else 0.0,
        "cache_mb": _cache_mb(Path(cache)),
    }


def child_warm_breakdown(folder: str, cache: str) -> dict[str, Any]:
    """Where a warm run's time goes (engine timings), a reload in the same engine, merge alone."""
    from sitrep.engine import Engine
    from sitrep.merge import merge

    engine = Engine(_config(Path(cache)))
    start = time.perf_counter()
    situation = engine.analyse(Path(folder), stored=False)  # the rows decoded and merged
    first = time.perf_counter() - start
    timings = dict(engine.timings)
    start = time.perf_counter()
    engine.analyse(Path(folder))
    reload = time.perf_counter() - start
    from sitrep import gcpolicy

    gcpolicy.settle()  # as the dashboard's analysis process does after each run
    settled = []
    for _ in range(3):
        start = time.perf_counter()
        engine.analyse(Path(folder))
        settled.append(time.perf_counter() - start)
        gcpolicy.settle()
    gc.unfreeze()
    engine.close()
    merges = []
    for _ in range(3):  # merge alone, fastest of three: the number that shows how merging grows
        results = list(_as_results(situation, engine))  # merge leaves its inputs as they are
        start = time.perf_counter()
        merge(results, situation.bad_files, folder)
        merges.append(time.perf_counter() - start)
    return {"merge_min": min(merges), "analyse": first, "read": timings.get("read", 0.0),
            "lookup": timings.get("lookup", 0.0), "merge": timings.get("merge", 0.0), "reload": reload,
            "reloads_settled": settled,
            "reload_timings": engine.timings, "parsed": engine.parsed_last_run,
            "articles": len(situation.articles), "actors": len(situation.actors),
            "spacy": "spacy" in sys.modules}


def _as_results(situation: Any, engine: Any) -> list[Any]:
    """The situation's articles in report order, as keys into the engine's remembered results."""
    by_path = {r.path: r for r in engine._memo.values()}
    return [by_path[a.path] for a in situation.articles if a.path in by_path]


def child_ensure_warm(folder: str, cache: str) -> dict[str, Any]:
    """Bring the cache up to date for the current code (other work may have changed it mid-run),
    as the `sitrep report` command would: with an engine that serves one run, in a process set up
    as the command sets up its own (`gcpolicy.one_shot`), so that after a change to the code its
    peak RSS is a cold `sitrep report`'s in one process."""
    from sitrep import gcpolicy
    from sitrep.engine import Engine

    gcpolicy.one_shot()
    engine = Engine(_config(Path(cache)), one_run=True)
    start = time.perf_counter()
    engine.analyse(Path(folder), stored=False)  # every row checked, not the stored report
    engine.close()  # stores the folder's report, as a `sitrep report` would
    return {"parsed": engine.parsed_last_run, "seconds": time.perf_counter() - start, "rss_mb": _rss_mb(),
            "cpu": time.process_time()}


def _wait_past_racy(folder: Path) -> None:
    """Wait until every file of `folder` last changed over `engine.RACY_SECONDS` ago, as in a
    folder the dashboard watches: the folder was copied just before, and a file changed that
    recently is hashed again on every run (on a fast machine, every file of the copy was still so
    when the reload was timed, and the reload read and hashed all 10,000 of them)."""
    from sitrep.engine import RACY_SECONDS

    with os.scandir(folder) as entries:
        newest = max((max(st.st_mtime_ns, st.st_ctime_ns) for st in (e.stat() for e in entries)), default=0)
    wait = (newest - time.time_ns()) / 1e9 + RACY_SECONDS + 0.1
    if wait > 0:
        time.sleep(wait)


WARM_UP = "The first parse in a process pays one-time costs, a reload after many does not."
"""The sentence the "changed" child's pipelines parse before anything is timed."""


def child_changed(folder: str, cache: str, name: str, text: str) -> dict[str, Any]:
    """One rewritten file in a warm folder, as the dashboard meets it.

    The dashboard's analysis process (`sitrep.engine_process`) runs an engine that parses in that
    process (`model.jobs` = 1) and has loaded the model; its first run shows the stored report,
    then it primes the engine (`Engine.prime`) and settles its heap after each run
    (`gcpolicy.settle`), collecting only then (`gcpolicy.collect_only_when_settling`). So here: the
    same, then one file rewritten and the folder analysed again, told of the rewritten path as the
    dashboard's watcher tells it (`touched`). The overhead is that `analyse` minus the article's
    own parse and extraction, timed afterwards as the first parse of that text by a pipeline
    loaded afresh and warmed up as the engine's was (fastest of three pipelines).
    The garbage collections during that `analyse` are counted and timed.
    """
    from sitrep import gcpolicy
    from sitrep.engine import Engine, parse_batch
    from sitrep.reader import read_article

    gcpolicy.collect_only_when_settling()  # as `engine_process.serve`
    root = Path(folder)
    config = _config(Path(cache))
    engine = Engine(config)
    engine.warm_up()
    engine.nlp()(WARM_UP)
    _wait_past_racy(root)
    engine.analyse(root)
    engine.prime(root)
    gcpolicy.settle()
    path = root / name
    path.write_text(text, encoding="utf-8")
    collections: list[float] = []
    began = [0.0]

    def timed(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            collections.append(time.perf_counter() - began[0])

    gc.callbacks.append(timed)
    start = time.perf_counter()
    situation = engine.analyse(root, touched=[str(path)])
    total = time.perf_counter() - start
    gc.callbacks.remove(timed)
    timings = dict(engine.timings)
    parsed = engine.parsed_last_run
    engine.close()
    article = read_article(path, root)
    reflected = any(a.path == name and a.words == article.words for a in situation.articles)
    nlp = engine.nlp()
    # The article's own parse, as the reload met it: its first parse by a pipeline that has seen
    # only the warm-up sentence. Parsed again by the same pipeline, it can take less (spaCy's
    # tokenizer and lemmatizer cache what they have seen: up to 20-30 ms in some runs), which the
    # overhead then wrongly held; that figure is kept as `own_parse_again`.
    from sitrep.nlp.pipeline import load_pipeline

    own = []
    for _ in range(3):
        fresh = load_pipeline(config)
        fresh(WARM_UP)
        start = time.perf_counter()
        parse_batch(fresh, [article], config.model.batch_size)
        own.append(time.perf_counter() - start)
        del fresh
    again = []
    for _ in range(3):
        start = time.perf_counter()
        parse_batch(nlp, [article], config.model.batch_size)
        again.append(time.perf_counter() - start)
    return {"total": total, "own_parse": min(own), "own_parses": own, "own_parse_again": min(again),
            "overhead": total - min(own), "parsed": parsed,
            "reflected": reflected, "article_words": article.words, "timings": timings,
            "collections": len(collections), "collections_s": sum(collections)}
