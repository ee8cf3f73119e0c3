"""`sitrep.transfer`: a report sliced for the pipe comes back equal, one small unpickle at a time."""

from __future__ import annotations

import pickle
import threading
import time
from dataclasses import replace

import pytest

from sitrep import transfer
from sitrep.model import Situation
from sitrep.transfer import SLICE, SlicedReport, join_report, slice_report

from tui_fixtures import large_situation, mali_situation


def test_a_sliced_report_joins_back_equal() -> None:
    situation = large_situation(300)
    assert join_report(slice_report(situation)) == situation


def test_a_report_with_empty_lists_joins_back_equal() -> None:
    empty = Situation(folder="f", title="Nothing yet", focus="Mali")
    assert join_report(slice_report(empty)) == empty


@pytest.mark.parametrize("size", [1, 7, SLICE, 10_000])
def test_slices_of_any_size_keep_the_order_of_every_list(size: int) -> None:
    situation = large_situation(120)
    joined = join_report(slice_report(situation, size))
    assert [a.name for a in joined.actors] == [a.name for a in situation.actors]
    assert [d.subject for d in joined.disputes] == [d.subject for d in situation.disputes]


def test_no_slice_holds_more_than_its_share_of_a_list() -> None:
    sliced = slice_report(large_situation(300), 40)
    for name, slices in sliced.lists:
        assert all(len(pickle.loads(piece)) <= 40 for piece in slices), name


def test_the_head_travels_without_the_lists() -> None:
    situation = mali_situation()
    head = pickle.loads(slice_report(situation).head)
    assert head.title == situation.title and head.focus == situation.focus
    assert all(getattr(head, name) == [] for name in transfer.LISTS)


def test_a_slice_size_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        slice_report(mali_situation(), 0)


def test_a_head_that_is_not_a_report_is_refused() -> None:
    with pytest.raises(TypeError, match="not a Situation"):
        join_report(SlicedReport(pickle.dumps(["not", "a", "report"]), ()))


def test_a_list_the_report_does_not_have_is_refused() -> None:
    sliced = slice_report(mali_situation())
    with pytest.raises(ValueError, match="no list 'folder'"):
        join_report(replace(sliced, lists=(("folder", (pickle.dumps([]),)),)))


def test_joining_lets_another_thread_run_between_slices() -> None:
    """Unpickled whole, the report held the GIL for one long call; joined a slice at a time, a
    thread that wants the interpreter gets it within a few slices. Measured as the longest gap
    between two ticks of a thread that ticks every millisecond while the report is rebuilt: it
    must be well under what unpickling the whole report takes (each being the least of 3 tries,
    so that a busy machine does not decide it)."""
    situation = large_situation(4_000)
    whole, sliced = pickle.dumps(situation), slice_report(situation)

    def longest_gap(work: object) -> tuple[float, float]:
        gaps: list[float] = []
        done = threading.Event()

        def tick() -> None:
            last = time.perf_counter()
            while not done.is_set():
                time.sleep(0.001)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        ticker = threading.Thread(target=tick)
        ticker.start()
        time.sleep(0.02)
        start = time.perf_counter()
        work()  # type: ignore[operator]
        took = time.perf_counter() - start
        time.sleep(0.01)
        done.set()
        ticker.join()
        return max(gaps), took

    whole_runs = [longest_gap(lambda: pickle.loads(whole)) for _ in range(3)]
    sliced_gap = min(longest_gap(lambda: join_report(sliced))[0] for _ in range(3))
    whole_took = min(took for _gap, took in whole_runs)
    assert whole_took > 0.01, "the report is too small for the measure to mean anything"
    assert sliced_gap < whole_took / 2
