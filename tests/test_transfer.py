"""`sitrep.transfer`: a report sliced for the pipe comes back equal, one small unpickle at a time."""

from __future__ import annotations

import pickle
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


def test_joining_unpickles_no_more_than_a_slice_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `pickle.loads` is one call into C that holds the GIL throughout: joined a slice at a
    time, the event loop can take the interpreter between two (`python -m bench.transfer`
    measures the wait)."""
    situation = large_situation(2_000)
    sliced = slice_report(situation)
    whole = len(pickle.dumps(situation))
    loaded: list[int] = []
    original = pickle.loads

    def counted(data: bytes) -> object:
        loaded.append(len(data))
        return original(data)

    monkeypatch.setattr(transfer.pickle, "loads", counted)
    assert join_report(sliced) == situation
    assert len(loaded) > 10 and max(loaded) < whole / 10
