"""The dashboard's measurements, each in a child process: first paint, filter keystrokes, and the
soak under file churn."""

from __future__ import annotations

import os
import random
import statistics
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sitrep
from bench import BASE_MTIME, START
from bench.children import _config, _current_rss_mb
from bench.corpus import CorpusMaker, load_sources

SITREP_DIR = str(Path(sitrep.__file__).resolve().parent)
"""sitrep's own files: the soak's watchdog blames the innermost frame among them."""
LIBRARY_DIR = sysconfig.get_paths()["purelib"]
"""Where Textual and Rich are installed: their frames count in the soak's inclusive tally."""


def _synthetic_situation(actors: int) -> Any:
    """A situation with `actors` distinct actors (for the filter keystroke measurement)."""
    from sitrep.model import Actor, ArticleInfo, Evidence, Situation

    rng = random.Random(actors)
    given = ["Amadou", "Fatoumata", "Ibrahim", "Aminata", "Moussa", "Mariam", "Oumar", "Awa", "Seydou",
             "Kadiatou", "John", "Mary", "Peter", "Sarah", "David", "Helen", "Charles", "Anne", "Robert",
             "Grace"]
    family = ["Traore", "Keita", "Diarra", "Coulibaly", "Toure", "Sangare", "Dembele", "Maiga", "Cisse",
              "Konate", "Smith", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Wright", "Hughes", "Green",
              "Hall"]
    kinds = ["person", "organisation", "country", "place", "armed group", "collective"]
    files = [f"{i:05d}-news.txt" for i in range(200)]
    out: list[Actor] = []
    for index in range(actors):
        name = f"{rng.choice(given)} {rng.choice(family)} {index}"
        file = rng.choice(files)
        sentence = f"{name} was seen in the capital on the day the talks resumed, officials said."
        out.append(Actor(name=name, kind=rng.choice(kinds), aliases=[name.split()[1] + f" {index}"],  # type: ignore[arg-type]
                         roles=["minister"] if index % 7 == 0 else [], mentions=1 + index % 5,
                         articles=[file], evidence=[Evidence(file, sentence)], score=float(actors - index),
                         minor=index > 300))
    articles = [ArticleInfo(f, f"Headline {i}", "News", None, BASE_MTIME + i, 300)
                for i, f in enumerate(files)]
    return Situation(folder="synthetic", title="Synthetic: 2,000 actors", actors=out, articles=articles)


class _FixedEngine:
    """An engine that reports one prepared situation (EngineLike for `make_app`)."""

    def __init__(self, situation: Any) -> None:
        self.situation = situation

    def analyse(self, folder: Path, progress: Callable[[Any], None] | None = None) -> Any:
        """The prepared situation, through the progress protocol."""
        from sitrep.engine import Progress

        if progress is not None:
            progress(Progress("done", len(self.situation.articles), len(self.situation.articles),
                              self.situation))
        return self.situation


async def _wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll `condition` every few milliseconds; fail naming `what` after `timeout` seconds."""
    import asyncio

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)


QUIET = 0.1
"""Seconds without a frame after which the screen counts as settled: Textual draws at most 60
frames a second, and the layouts that follow a report (a scrollbar appearing, the footer's keys)
each come within a frame or two of the one before."""


class _Frames:
    """When the app drew each frame, from `started`, and what it drew: Textual's `App._display`
    wrapped on this app. Each frame's update is kept as it was written (its strips never change)
    and played back onto a copy of the screen only when asked (`changed`), so that telling which
    frames changed the picture costs the app nothing while it runs."""

    def __init__(self, app: Any, started: float) -> None:
        self.times: list[float] = []
        self.updates: list[Any] = []
        display = app._display

        def timed(screen: Any, update: Any) -> None:
            display(screen, update)
            self.times.append(time.perf_counter() - started)
            self.updates.append(update)

        app._display = timed
        self.started = started

    async def settled(self, after: float = 0.0, timeout: float = 60) -> float:
        """The time of the last frame, once one has come at or after `after` (from the start) and
        none for `QUIET` seconds since: when the app stopped drawing what came at `after`. Unlike
        `Pilot.pause`, this neither waits for idle in slices of 20 ms nor draws a frame of its own."""
        import asyncio

        deadline = time.monotonic() + timeout
        while not self.times or self.times[-1] < after or \
                time.perf_counter() - self.started - self.times[-1] < QUIET:
            if time.monotonic() > deadline:
                raise TimeoutError("the screen never settled")
            await asyncio.sleep(0.005)
        return self.times[-1]

    def changed(self) -> list[bool]:
        """Per frame, whether it changed a cell of the picture (its character or its style) from
        what the frames before it had drawn (a frame of no update draws nothing). A frame that
        writes the cells already there shows nothing new: Textual lays the screen out a second time
        after a layout in which a widget of automatic size took a new size, and draws the same
        lines again."""
        from rich.cells import cell_len
        from rich.segment import ControlType

        cells: dict[tuple[int, int], tuple[str, object]] = {}
        out: list[bool] = []
        for update in self.updates:
            changed = False
            x = y = 0
            # An update's `__rich_console__` reads neither the console nor the options.
            for segment in update.__rich_console__(None, None) if update is not None else ():
                if segment.control:
                    for control in segment.control:
                        if control[0] == ControlType.CURSOR_MOVE_TO:
                            x, y = control[1], control[2]
                    continue
                if segment.text == "\n":
                    continue
                style = segment.style
                for char in segment.text:
                    if cells.get((x, y)) != (char, style):
                        cells[x, y] = (char, style)
                        changed = True
                    x += 1 if char.isascii() else cell_len(char)
            out.append(changed)
        return out

    def last_change(self, until: float, changed: list[bool] | None = None) -> float | None:
        """The time of the last frame drawn by `until` that changed the picture (`changed`, played
        back here unless given)."""
        changed = self.changed() if changed is None else changed
        times = [t for t, change in zip(self.times, changed, strict=True) if change and t <= until]
        return times[-1] if times else None

    def first_after(self, moment: float) -> float | None:
        """The first frame drawn at or after `moment`."""
        return next((t for t in self.times if t >= moment), None)


async def _shown(app: Any, started: float) -> float:
    """When, from `started`, a first report (the previous one, when shown) reached the app's
    panes, to 5 ms: the frame that draws it follows."""
    await _wait(lambda: app.situation is not None, 60, "a report on screen")
    return time.perf_counter() - started


def child_tui_paint(folder: str, cache: str, keep_reports: bool = True,
                    touch: bool = False) -> dict[str, Any]:
    """Dashboard first paint over a fully cached folder, from before Textual is imported (with
    `keep_reports` false, the rows are decoded and merged even when the folder's report is kept;
    with `touch`, the folder's first file gets a new mtime first: the folder changed since its
    report was stored, so the dashboard shows that report as the previous one while it merges).

    The first paint is the last frame that changed the picture (`_Frames.changed`) once the
    current report was in every pane and the app had stopped drawing (`_Frames.settled`): from
    then on the screen shows what it will show until something happens. `last_frame` is when the
    app stopped drawing: the frames between the two write the cells already on screen again.
    `report_frame` is the first frame drawn after a first report was in every pane. Also when,
    from the same start, the dashboard was imported, the app was running (its screen composed), a
    first report reached its panes (`first_shown`: the previous one, when shown) and the current
    report had reached the app (both to 5 ms); and the CPU seconds this process had used once the
    app stopped drawing (`cpu`) and its analysis process used in all (`analysis_cpu`): on a busy
    machine the two share the cores left, so their sum moves the first paint too."""
    import asyncio

    if touch:
        # An article (the corpus's are .txt files): the folder also holds the corpus's own
        # `.bench.json`, which sitrep never reads, and a touch of it changed nothing.
        first = min(p for p in Path(folder).iterdir() if p.is_file() and p.suffix == ".txt")
        os.utime(first)
    started = START

    async def run() -> dict[str, Any]:
        from sitrep.engine_process import EngineProcess

        # As `sitrep` starts the dashboard (cli.run_dashboard): the analysis process first, then Textual.
        config = _config(Path(cache))
        config.cache.keep_reports = keep_reports
        engine = EngineProcess(config)
        engine.begin(Path(folder).resolve())
        from sitrep.tui.app import make_app

        imported = time.perf_counter() - started

        with tempfile.TemporaryDirectory() as state:
            app = make_app(folder, config, watch=False, engine=engine,
                           state_path=Path(state) / "last_seen.json")
            frames = _Frames(app, started)
            async with app.run_test(size=(160, 50)):
                running = time.perf_counter() - started
                shown_task = asyncio.create_task(_shown(app, started))
                await _wait(lambda: app.last_complete is not None, 60, "the first report")
                arrived = time.perf_counter() - started
                await _wait(lambda: app.idle, 60, "the first report in every pane")
                # A report that reached the app changes the screen (the header says how fresh it
                # is), so a frame follows it: the last one before, however long ago, is not its.
                last_frame = await frames.settled(after=arrived)
                shown = await shown_task
                cpu = time.process_time()
                actors = len(app.last_complete.actors) if app.last_complete else 0
        engine.close()
        changed = frames.changed()
        paint = frames.last_change(last_frame, changed) or last_frame
        return {"first_paint": paint, "last_frame": last_frame, "actors": actors,
                "spacy": "spacy" in sys.modules,
                "dashboard_imported": imported, "app_running": running, "first_shown": shown,
                "report_arrived": arrived, "report_frame": frames.first_after(shown),
                "frames": [round(t, 3) for t in frames.times], "changed": changed, "cpu": cpu,
                "analysis_cpu": _children_cpu()}

    return asyncio.run(run())


def _children_cpu() -> float:
    """CPU seconds (user and system) of this process's children that have ended."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_tui_bare() -> dict[str, Any]:
    """The floor under the dashboard's first paint: a Textual app of a header, one line of text and
    a footer, from the same start (the child's start, before Textual is imported) to its first
    paint, under the same Pilot at the same size."""
    import asyncio

    started = START

    async def run() -> dict[str, Any]:
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header, Static

        imported = time.perf_counter() - started

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("Nothing yet.")
                yield Footer()

        app = Bare()
        frames = _Frames(app, started)
        async with app.run_test(size=(160, 50)):
            paint = await frames.settled()
        return {"first_paint": paint, "textual_imported": imported,
                "frames": [round(t, 3) for t in frames.times]}

    return asyncio.run(run())


def child_tui_filter(actors: int) -> dict[str, Any]:
    """Filter keystrokes with `actors` actors: press to repaint, under the Pilot."""
    import asyncio

    async def run() -> dict[str, Any]:
        from sitrep.tui.app import make_app

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
KEY_SAMPLE = 0.005
"""Seconds between the samples of where the threads are while a keypress is timed."""
KEY_TIMEOUT = 60.0
"""A keypress not shown after this long is counted as this long."""


TRACED = {
    "textual.screen:Screen._compositor_refresh": "render",
    "textual.screen:Screen._refresh_layout": "layout",
    "sitrep.tui.drawing:PaneDrawing._hand_next": "hand-out",
    "sitrep.tui.drawing:PaneDrawing._collect_garbage": "collect",
    "sitrep.tui.reload:LiveReload.on_analysis_done": "report in",
    "sitrep.tui.reload:LiveReload.on_analysis_progress": "progress in",
    "sitrep.tui.reload:LiveReload.on_folder_changed": "folder changed",
    "sitrep.tui.actions:KeyActions.action_help": "help",
}
"""Main-thread steps the soak times (module:qualified name -> label), to tell what a slow
keypress waited behind."""


def _trace_main_thread() -> list[tuple[str, float, float]]:
    """Wrap each of `TRACED` so that every call on the main thread is noted (label, start, ms);
    returns the list the notes go to. Only for the soak's child process."""
    import functools
    import importlib
    import threading

    spans: list[tuple[str, float, float]] = []
    main = threading.get_ident()
    for target, label in TRACED.items():
        module_name, qualified = target.split(":")
        owner_name, attribute = qualified.split(".")
        owner = getattr(importlib.import_module(module_name), owner_name, None)
        original = getattr(owner, attribute, None) if owner is not None else None
        if original is None:
            continue

        def traced(*args: Any, _original: Any = original, _label: str = label, **kwargs: Any) -> Any:
            if threading.get_ident() != main:
                return _original(*args, **kwargs)
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spans.append((_label, start, (time.perf_counter() - start) * 1000))

        setattr(owner, attribute, functools.wraps(original)(traced))
    return spans


def _tally(samples: list[str]) -> list[tuple[str, int]]:
    """The distinct places in `samples`, most sampled first."""
    counts: dict[str, int] = {}
    for place in samples:
        counts[place] = counts.get(place, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


async def _key_latency(app: Any, key: str, character: str | None, shown: Callable[[], bool],
                       tick: list[float] | None = None) -> float:
    """Seconds from a key reaching the app (as the terminal driver posts it) until `shown` holds
    and the screen has refreshed after it. `tick` is set to the time at each turn of this wait
    (the soak's watchdog reads a loop that is waiting here as running, not stalled)."""
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
        if tick is not None:
            tick[0] = time.perf_counter()
    try:
        await asyncio.wait_for(app.screen.wait_for_refresh(), KEY_TIMEOUT)
    except TimeoutError:
        return KEY_TIMEOUT
    return time.perf_counter() - start


def child_soak(folder: str, cache: str, seconds: float, seed: int, sources: list[str]) -> dict[str, Any]:
    """The dashboard under bounded churn: RSS over time, the event loop's longest stall, and
    keypress latency (`?` then Esc, every `KEY_EVERY` seconds)."""
    import asyncio
    import gc
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
    in_key: list[list[str] | None] = [None]
    """While a keypress is timed: where each thread was, every `KEY_SAMPLE` seconds."""
    blamed: dict[str, int] = {}
    inclusive: dict[str, int] = {}
    stalled_samples = [0]

    def key_sampler(stop: threading.Event, main_id: int, skip: set[int | None]) -> None:
        """While a keypress is timed, note where the main thread and the app's other threads are
        (the slowest keypresses list them: what they waited behind)."""
        import traceback

        while not stop.wait(KEY_SAMPLE):
            samples = in_key[0]
            if samples is None:
                continue
            for ident, frame in sys._current_frames().items():
                if ident == threading.get_ident() or ident in skip:
                    continue
                stack = traceback.extract_stack(frame)
                ours = [f for f in stack if f.filename.startswith(SITREP_DIR)]
                if ident != main_id and not ours:
                    continue  # an idle thread of the pool or the watcher
                spot = ours[-1] if ours else stack[-1]
                samples.append(f"{'main' if ident == main_id else 'thread'} "
                               f"{Path(spot.filename).name}:{spot.lineno} {spot.name} > "
                               f"{Path(stack[-1].filename).name}:{stack[-1].name}")

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
            stalled_samples[0] += 1
            # Inclusive counts, as a profiler's cumulative time: each function of sitrep, Textual or
            # Rich on the stack once per sample (what the loop was inside of, not only the leaf).
            for name in {f"{Path(f.filename).name}:{f.name}" for f in stack
                         if f.filename.startswith((SITREP_DIR, LIBRARY_DIR))}:
                inclusive[name] = inclusive.get(name, 0) + 1
            ours = [f for f in stack if f.filename.startswith(SITREP_DIR)]
            spot = ours[-1] if ours else stack[-1]
            where = (f"{Path(spot.filename).name}:{spot.lineno} {spot.name} > "
                     f"{Path(stack[-1].filename).name}:{stack[-1].name}")
            blamed[where] = blamed.get(where, 0) + 1

    collections: dict[int, list[float]] = {0: [], 1: [], 2: []}
    """Seconds each garbage collection took during the churn, by generation."""
    in_gc = [0.0, 0.0]
    """When the collection under way started, and the seconds all collections have taken so far."""

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        """Time every collection (from whichever thread: each holds the GIL throughout)."""
        if phase == "start":
            in_gc[0] = time.perf_counter()
        else:
            took = time.perf_counter() - in_gc[0]
            in_gc[1] += took
            collections[info["generation"]].append(took)

    async def run() -> dict[str, Any]:
        from sitrep.tui.app import make_app
        from sitrep.tui.help_screen import HelpScreen

        spans = _trace_main_thread()

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
                sampler = threading.Thread(target=key_sampler, daemon=True,
                                           args=(stop, threading.get_ident(), {dog.ident, worker.ident}))
                sampler.start()
                gc.callbacks.append(on_gc)
                begin = time.perf_counter()
                last_seen = app.last_complete
                next_sample = begin
                next_key = begin + KEY_EVERY
                while time.perf_counter() - begin < seconds:
                    if time.perf_counter() >= next_key:
                        helping = isinstance(app.screen, HelpScreen)
                        key, character = ("escape", None) if helping else ("question_mark", "?")
                        at, busy, gc_before = time.perf_counter() - begin, app.analysing, in_gc[1]
                        where: list[str] = []
                        in_key[0] = where
                        latency = await _key_latency(
                            app, key, character,
                            lambda was=helping: isinstance(app.screen, HelpScreen) != was, loop_tick)
                        in_key[0] = None
                        keys.append({"at": round(at, 2), "key": key, "ms": round(latency * 1000),
                                     "analysing": busy, "gc_ms": round((in_gc[1] - gc_before) * 1000),
                                     "where": _tally(where),
                                     "spans": [(name, round((start - begin - at) * 1000), round(ms))
                                               for name, start, ms in spans
                                               if start + ms / 1000 >= begin + at
                                               and start <= begin + at + latency]})
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
                        # The dashboard's process and its analysis process (`EngineProcess`), together.
                        engine_pid = getattr(app.engine, "pid", None)
                        samples.append((time.perf_counter() - begin, _current_rss_mb()
                                        + (_current_rss_mb(engine_pid) if engine_pid else 0.0)))
                        next_sample += 2.0
                gc.callbacks.remove(on_gc)
                stop.set()
                worker.join()
                dog.join()
                sampler.join()
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
                "blamed": sorted(blamed.items(), key=lambda item: -item[1])[:12],
                "stalled_samples": stalled_samples[0],
                "collections": {str(gen): {"count": len(runs), "total_ms": round(sum(runs) * 1000),
                                           "max_ms": round(max(runs, default=0.0) * 1000, 1)}
                                for gen, runs in collections.items()},
                "inclusive": sorted(inclusive.items(), key=lambda item: -item[1])[:40]}

    return asyncio.run(run())
