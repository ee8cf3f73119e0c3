"""The garbage-collector policy (`sitrep.gcpolicy`): pauses that nest, and the dashboard's freeze."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitrep import gcpolicy


@pytest.fixture(autouse=True)
def collector_as_found() -> Iterator[None]:
    """Every test starts with automatic collection on, and leaves the collector as it found it."""
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    gc.enable()
    yield
    gc.set_threshold(*thresholds)
    (gc.enable if enabled else gc.disable)()


def test_a_pause_turns_automatic_collection_off_and_back_on() -> None:
    with gcpolicy.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_leaves_collection_off_when_it_was_off_before() -> None:
    gc.disable()
    with gcpolicy.paused():
        pass
    assert not gc.isenabled()


def test_collection_comes_back_only_when_the_last_of_overlapping_pauses_ends() -> None:
    """The merge (a worker thread) may start inside the dashboard's first-load pause and end after it."""
    gcpolicy.pause()  # the dashboard's
    merging, merged = threading.Event(), threading.Event()

    def merge() -> None:
        with gcpolicy.paused():
            merging.set()
            merged.wait(5)

    thread = threading.Thread(target=merge)
    thread.start()
    merging.wait(5)
    gcpolicy.resume()  # the dashboard's pause ends while the merge runs
    assert not gc.isenabled()
    merged.set()
    thread.join()
    assert gc.isenabled()


def test_what_a_pause_allocated_reaches_the_old_generation_in_one_collection() -> None:
    """Not a collection of generation 0 and then another of generation 1, each scanning all of it."""
    gc.collect()
    young: list[int] = []
    gc.callbacks.append(lambda phase, info: phase == "start" and young.append(info["generation"]))
    try:
        with gcpolicy.paused():
            made = [[index] for index in range(20_000)]
        assert young == [1]
        assert any(thing is made for thing in gc.get_objects(2))
    finally:
        gc.callbacks.pop()


def test_a_process_that_settles_after_each_run_collects_only_then() -> None:
    """The dashboard's analysis process: the end of a merge's pause no longer collects before its
    report is sent; `settle` still collects and freezes."""
    gc.collect()
    started: list[int] = []
    gc.callbacks.append(lambda phase, info: phase == "start" and started.append(info["generation"]))
    try:
        gcpolicy.collect_only_when_settling()
        with gcpolicy.paused():
            made = [[index] for index in range(20_000)]
        more = [[index] for index in range(20_000)]
        assert started == []
        gcpolicy.settle()
        assert started == [2]
        assert made and more
        gc.enable()  # as loading the spaCy model does (srsly.msgpack_loads)
        gcpolicy.settle()
        assert not gc.isenabled()
    finally:
        gc.callbacks.pop()
        gc.unfreeze()
        gcpolicy._settling_only = False


def test_a_resume_without_a_pause_is_an_error() -> None:
    with pytest.raises(RuntimeError):
        gcpolicy.resume()


def test_the_dashboard_stops_full_collections_after_the_first_report_and_gives_them_back() -> None:
    before = gc.get_threshold()
    collector = gcpolicy.Collector()
    collector.hold()
    assert not gc.isenabled()
    try:
        collector.release(freeze=True)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (before[0], before[1], gcpolicy.FULL_GC_NEVER)
    finally:
        collector.restore()
        gc.unfreeze()
    assert gc.get_threshold() == before


def test_the_dashboards_collection_waits_while_the_collector_is_held(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: runs.append(generation) or 0)
    collector = gcpolicy.Collector()
    collector.hold()
    collector.collect()
    assert runs == []
    collector.release(freeze=False)
    runs.clear()
    collector.collect()
    assert runs == [1]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Cycle:
    """An object in a reference cycle with itself (as Textual's strips are, through their caches)."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def frozen() -> Iterator[Callable[[], gcpolicy.Collector]]:
    """A collector (on a hand-moved clock) past the first report: the heap frozen; thawed after."""
    made: list[gcpolicy.Collector] = []

    def make() -> gcpolicy.Collector:
        collector = gcpolicy.Collector(clock=Clock())
        collector.release(freeze=True)
        made.append(collector)
        return collector

    yield make
    for collector in made:
        collector.restore()
    gc.unfreeze()


def test_after_a_redraw_only_the_young_generations_are_collected(
    frozen: Callable[[], gcpolicy.Collector], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report on screen is never frozen: a full collection would rescan all of it (100+ ms)."""
    collector = frozen()
    runs: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: runs.append(generation) or 0)
    assert collector.collect() is None
    assert runs == [1]


def test_cycles_that_reached_the_old_generation_are_collected_once_it_has_grown_and_input_is_quiet(
    frozen: Callable[[], gcpolicy.Collector],
) -> None:
    collector = frozen()
    clock: Clock = collector._clock  # type: ignore[assignment]
    cycles = [Cycle() for _ in range(gcpolicy.FULL_FLOOR + 1_000)]
    probe = weakref.ref(cycles[-1])
    collector.note_input()
    wait = collector.collect()  # the young collection moves the cycles, alive, to the old generation
    assert wait == pytest.approx(gcpolicy.QUIET)
    del cycles
    clock.now += gcpolicy.QUIET / 2
    assert collector.collect() == pytest.approx(gcpolicy.QUIET / 2)
    assert probe() is not None  # garbage now, but out of the young generations' reach
    clock.now += gcpolicy.QUIET
    assert collector.collect() is None
    assert probe() is None


def test_a_small_old_generation_gets_no_full_collection(frozen: Callable[[], gcpolicy.Collector]) -> None:
    collector = frozen()
    cycles = [Cycle() for _ in range(100)]
    collector.collect()
    probe = weakref.ref(cycles[-1])
    del cycles
    assert collector.collect() is None
    assert probe() is not None


def test_a_due_full_collection_waits_for_quiet_input_at_most_a_while(
    frozen: Callable[[], gcpolicy.Collector], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory must not grow without bound under someone who never stops typing."""
    monkeypatch.setattr(gcpolicy, "FULL_FLOOR", 0)
    monkeypatch.setattr(gcpolicy, "FULL_GROWTH", 0.0)
    collector = frozen()
    clock: Clock = collector._clock  # type: ignore[assignment]
    runs: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: runs.append(generation) or 0)
    start = clock.now
    while clock.now - start < gcpolicy.FULL_WAIT_MAX:
        collector.note_input()
        assert collector.collect() is not None
        clock.now += 1.0
    assert 2 not in runs
    collector.note_input()
    assert collector.collect() is None
    assert runs[-1] == 2


def test_settle_collects_garbage_cycles_then_freezes_what_survives() -> None:
    class Node:
        pass

    cycle = Node()
    cycle.me = cycle  # type: ignore[attr-defined]
    gone = weakref.ref(cycle)
    del cycle
    kept = [Node()]
    before = gc.get_freeze_count()
    try:
        gcpolicy.settle()
        assert gone() is None
        assert gc.get_freeze_count() > before
        assert not any(o is kept for o in gc.get_objects())  # frozen: no collection scans it
    finally:
        gc.unfreeze()



_GC_AFTER_MAIN = """
import gc, sys
from sitrep.cli import main
sys.argv = ["sitrep", *sys.argv[1:]]
code = main({argv})
print(gc.isenabled(), gc.get_freeze_count() > 0, code)
"""


def _gc_after_main(argv: str, *args: str) -> str:
    """What a fresh process running `main({argv})` with `args` on its command line prints: whether
    collection is on after it, whether anything is frozen, and its exit code (a missing folder:
    the report ends at once)."""
    done = subprocess.run([sys.executable, "-c", _GC_AFTER_MAIN.format(argv=argv), *args],
                          capture_output=True, text=True, timeout=120, check=False)
    return done.stdout.strip() or done.stderr


def test_sitrep_report_run_as_the_command_runs_no_collection(tmp_path: Path) -> None:
    """Everything a one-shot report makes lives until it exits: collections would only rescan it."""
    assert _gc_after_main("", "report", str(tmp_path / "missing")).startswith("False ")


def test_sitrep_report_run_as_the_command_freezes_what_it_leaves_before_the_interpreter_exits(
        tmp_path: Path) -> None:
    """The interpreter's last collection at exit would otherwise scan the whole report's heap."""
    (tmp_path / "a.txt").write_text("Soldiers were seen in the capital on Monday.\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f"[cache]\npath = {str(tmp_path / 'cache.sqlite3')!r}\n", encoding="utf-8")
    # (a parse turns collection back on: `one_shot`)
    assert _gc_after_main("", "report", str(tmp_path), "--config", str(config),
                          "-o", str(tmp_path / "out.md")).endswith(" True 0")


def test_main_called_with_arguments_leaves_the_callers_collector_on_and_nothing_frozen(
        tmp_path: Path) -> None:
    assert _gc_after_main(repr(["report", str(tmp_path / "missing")])) == "True False 2"


def test_release_frees_cycles_with_automatic_collection_off_then_trims_the_heap(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What `sitrep report` does once it drops the spaCy pipeline (a web of cycles)."""
    from sitrep import heap

    class Node:
        pass

    trimmed: list[bool] = []
    monkeypatch.setattr(heap, "trim", lambda: trimmed.append(True) or True)
    gc.disable()  # as `one_shot` leaves it
    node = Node()
    node.me = node  # type: ignore[attr-defined]
    alive = weakref.ref(node)
    del node
    assert alive() is not None
    gcpolicy.release()
    assert alive() is None and trimmed == [True]
