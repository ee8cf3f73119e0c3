"""The garbage-collector policy (`sitrep.gcpolicy`): pauses that nest, and the dashboard's freeze."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

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
    collector.collect()
    assert runs == [2]
