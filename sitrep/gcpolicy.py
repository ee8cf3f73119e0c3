"""When sitrep lets Python's cyclic garbage collector run: the whole policy, in one place.

sitrep's data (articles, per-article results, reports) holds no reference cycles, so reference
counting frees it; the cyclic collector only costs time rescanning an ever larger heap. So:
- `paused()`: no automatic collection while a block runs (the merge, from whichever thread).
  Pauses nest and may overlap across threads: collection comes back when the last one ends,
  and only if it was on before the first began; the young generations, which hold all the
  pauses allocated, are then collected at once if that is due (one scan to the old
  generation, not two).
- `Collector`: the dashboard's policy. Paused while the first report is read from the cache;
  after that report is shown, everything alive is frozen and full collections no longer start
  by themselves. A moment after each redraw the app collects the young generations (`collect`),
  which is cheap: it scans only what was made since the last one. A full collection scans
  every object not frozen, the report on screen above all (each reload's is new, and is never
  frozen: a freeze would also keep for good the Textual objects alive at that moment, whose
  cycles then never go), so it runs only when the old generation has grown by half since the
  last one (the garbage of reloads, which Textual's strips and caches make in cycles), and
  only once input has been quiet for `QUIET` seconds (or it has waited `FULL_WAIT_MAX`): a
  keypress does not wait behind it. `note_input` is told of every key and click. `restore`
  gives the collector back as it was.
- `settle`: the dashboard's analysis process (`sitrep.engine_process`), after each run. Its heap
  is the engine's results, indexes and last report, long-lived and free of cycles (no Textual
  there): it collects once and freezes what survives, so that no later collection rescans it.
  That process calls `collect_only_when_settling` first: no collection starts by itself there
  (a cold run of 60 articles leaves some 260 objects in cycles, so a run's garbage waits for its
  `settle` at no cost), and the end of a merge's pause no longer collects before the report is
  sent (2-6 collections, 13-16 ms, in a reload of one changed file among 10,000 articles).
- `one_shot`: `sitrep report` run as a command. Nothing it makes is garbage before it exits, so
  no collection runs; `release` collects once, when the command drops the spaCy pipeline after
  its parse (`Engine.release_model`); `before_exit` freezes what it leaves, so that the
  interpreter's last collection, as the process exits, scans none of it.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

FULL_GC_NEVER = 1_000_000
"""Threshold that keeps the cyclic collector from starting full collections by itself."""
QUIET = 0.3
"""Seconds without a key or click before a full collection may run."""
FULL_GROWTH = 0.5
"""A full collection is due once the old generation has grown by this share since the last one..."""
FULL_FLOOR = 20_000
"""... and by at least this many objects (a small heap is not worth a full collection)."""
FULL_WAIT_MAX = 30.0
"""Seconds a due full collection waits for quiet input at most (memory must not grow unbounded)."""

_lock = threading.Lock()
_pauses = 0
"""How many pauses are under way."""
_was_enabled = False
"""Whether automatic collection was on when the first pause under way began."""


def pause() -> None:
    """Turn automatic collection off until the matching `resume` (pauses nest)."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1


def resume() -> None:
    """End one `pause`; the last one turns collection back on if it was on before, and collects
    the young generations at once if the pause allocated enough for a collection to be due.

    Left to the automatic collections, what a pause allocated (a report unpickled: 2,000
    articles are some 60,000 objects) was scanned twice, by a collection of generation 0 and
    then of generation 1 (50-150 ms each in the dashboard's soak); one collection of both moves
    it to the old generation in one scan.
    """
    global _pauses
    with _lock:
        if _pauses == 0:
            raise RuntimeError("gcpolicy.resume() without a pause")
        _pauses -= 1
        collect = _pauses == 0 and _was_enabled and gc.get_count()[0] > gc.get_threshold()[0]
        if _pauses == 0 and _was_enabled:
            gc.enable()
    if collect:  # outside the lock: a finalizer the collection runs may pause
        gc.collect(1)


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block (see `pause`)."""
    pause()
    try:
        yield
    finally:
        resume()


class Collector:
    """The dashboard's garbage-collection policy (one per app; all calls from its event loop)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._paused = False
        self._thresholds: tuple[int, int, int] | None = None
        """The collector's thresholds before `release(freeze=True)` changed them."""
        self._old_after_full: int | None = None
        """How many unfrozen objects the old generation held after the last full collection."""
        self._full_due_since: float | None = None
        """When a full collection became due (None: not due)."""
        self._last_input = float("-inf")

    def hold(self) -> None:
        """Pause automatic collection while the first report is read from the cache.

        Reading 1,000 cached results allocates most of what the app will ever hold; the cyclic
        collector, triggered as the heap grows, rescanned all of it several times (a quarter of
        the start-up). Nothing read from the cache forms reference cycles, so nothing is lost by
        waiting; `release` ends the pause.
        """
        if not self._paused:
            self._paused = True
            pause()

    def release(self, *, freeze: bool) -> None:
        """End the pause (if any); with `freeze`, never rescan what is alive now.

        Frozen at the first report: the imports, the widgets, the cached results and the report
        are all long-lived, and a full collection over them took 75-160 ms on the event loop
        (a stalled keystroke). What a reload replaces is still freed (by reference counting:
        results and reports hold no cycles); only cycles already garbage now are never collected.
        From then on the app decides when full collections run (`collect`); the young
        generations are collected as usual.
        """
        if freeze:
            gc.freeze()
            if self._thresholds is None:
                self._thresholds = gc.get_threshold()
            gc.set_threshold(self._thresholds[0], self._thresholds[1], FULL_GC_NEVER)
            self._old_after_full = len(gc.get_objects(2))
        if self._paused:
            self._paused = False
            resume()

    def note_input(self) -> None:
        """A key or click came in: a full collection waits until input has been quiet a while."""
        self._last_input = self._clock()

    def collect(self) -> float | None:
        """The collection due now, unless automatic collection is off: the young generations,
        and a full one if it is due and input has been quiet for `QUIET` seconds.

        Returns the seconds after which to call again (a full collection is due but had to
        wait for quiet input), or None.
        """
        if not gc.isenabled():
            return None
        now = self._clock()
        if self._full_due_since is None:
            gc.collect(1)
            old = len(gc.get_objects(2))  # after a young collection: everything not frozen
            if self._old_after_full is None:  # not frozen yet: Python's own thresholds decide
                return None
            if old < self._old_after_full * (1 + FULL_GROWTH) or old - self._old_after_full < FULL_FLOOR:
                return None
            self._full_due_since = now
        quiet_for = now - self._last_input
        if quiet_for < QUIET and now - self._full_due_since < FULL_WAIT_MAX:
            return QUIET - quiet_for
        gc.collect()
        self._full_due_since = None
        self._old_after_full = len(gc.get_objects(2))
        return None

    def restore(self) -> None:
        """End any pause and give back the thresholds `release(freeze=True)` changed."""
        self.release(freeze=False)
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
        self._old_after_full = None
        self._full_due_since = None


_settling_only = False
"""Whether `collect_only_when_settling` was called in this process."""


def collect_only_when_settling() -> None:
    """Turn automatic collection off in this process: `settle` after each run collects (see the
    module docstring), and turns it off again (loading the spaCy model turns it back on:
    `srsly.msgpack_loads` ends with `gc.enable()`). Pauses then end without a collection."""
    global _settling_only
    _settling_only = True
    gc.disable()


def one_shot() -> None:
    """Turn automatic collection off for the rest of a one-shot command (`sitrep report`).

    What such a command reads and merges lives until it exits and holds no cycles, so every
    collection only rescanned it: about 1.2 s of the 6-7 s of CPU a report merged from 10,000
    cached articles took, most of it the young-generation collection at the end of the merge's
    pause. Loading the spaCy model turns collection back on (see `collect_only_when_settling`), so
    a run that parses keeps its usual collections while it parses.
    """
    gc.disable()


def before_exit() -> None:
    """Freeze everything alive as a one-shot command ends (`one_shot`).

    As the interpreter exits it runs one last full collection, whether or not collection is on,
    and that scanned the whole heap the command left behind: 0.8 s after a report merged from
    10,000 cached articles, a quarter of the whole run. A frozen object is never scanned; the
    process is exiting, so nothing is lost by not looking for its cycles."""
    gc.freeze()


def settle() -> None:
    """Collect, then freeze everything that survives (see the module docstring).

    Left to the collector, a full collection rescanned the analysis process's whole heap now and
    then: one reload of 10,000 cached articles in three took 1.5 s instead of 0.4 s. The
    collection first keeps garbage cycles out of what is frozen; it scans only what is not yet
    frozen (the whole heap after the first run, about 1.1 s at 10,000 articles, then what each
    run made). What a later run replaces is still freed, by reference counting.
    """
    gc.collect()
    gc.freeze()
    if _settling_only:
        gc.disable()


def release() -> None:
    """Collect everything now, then give the C allocator's free memory back to the system
    (`heap.trim`): for a one-shot command that has just dropped something large made of cycles
    (the spaCy pipeline: the language, its components and their shared vocab), which only a
    collection frees, and whose memory glibc would otherwise keep."""
    from . import heap

    gc.collect()
    heap.trim()
