"""When sitrep lets Python's cyclic garbage collector run: the whole policy, in one place.

sitrep's data (articles, per-article results, reports) holds no reference cycles, so reference
counting frees it; the cyclic collector only costs time rescanning an ever larger heap. So:
- `paused()`: no automatic collection while a block runs (the merge, from whichever thread).
  Pauses nest and may overlap across threads: collection comes back when the last one ends,
  and only if it was on before the first began.
- `Collector`: the dashboard's policy. Paused while the first report is read from the cache;
  after that report is shown, everything alive is frozen and full collections no longer start
  by themselves; the app runs one (`collect`) a moment after each redraw, in a turn of its own.
  `restore` gives the collector back as it was.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

FULL_GC_NEVER = 1_000_000
"""Threshold that keeps the cyclic collector from starting full collections by itself."""

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
    """End one `pause`; the last one turns collection back on if it was on before."""
    global _pauses
    with _lock:
        if _pauses == 0:
            raise RuntimeError("gcpolicy.resume() without a pause")
        _pauses -= 1
        if _pauses == 0 and _was_enabled:
            gc.enable()


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

    def __init__(self) -> None:
        self._paused = False
        self._thresholds: tuple[int, int, int] | None = None
        """The collector's thresholds before `release(freeze=True)` changed them."""

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
        From then on full collections run when a redraw has finished (`collect`), never in the
        middle of one; the young generations are collected as usual.
        """
        if freeze:
            gc.freeze()
            if self._thresholds is None:
                self._thresholds = gc.get_threshold()
            gc.set_threshold(self._thresholds[0], self._thresholds[1], FULL_GC_NEVER)
        if self._paused:
            self._paused = False
            resume()

    def collect(self) -> None:
        """A full collection now, unless automatic collection is off."""
        if gc.isenabled():
            gc.collect()

    def restore(self) -> None:
        """End any pause and give back the thresholds `release(freeze=True)` changed."""
        self.release(freeze=False)
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
