"""A report passed between processes in slices, so that rebuilding it never holds the GIL long.

The dashboard receives each report from its analysis process (`sitrep.engine_process`) in a
thread of its own, while its event loop draws. Unpickled whole, a report is one call into C that
holds the GIL throughout: 30-45 ms for 2,000 articles, several times that for 10,000, during which
the event loop cannot answer a key. Sliced, it is a pickle of the report with its lists empty and,
for each list, pickles of `SLICE` items at a time; rebuilding it unpickles one slice at a time, and
between two slices the interpreter can hand the GIL to the event loop (the longest wait the loop
saw went from 33 ms to 8 ms at 2,000 articles).

Items in different slices no longer share objects; nothing relies on that (the stored reports of
`sitrep.snapshot` share nothing either).
"""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass

from .model import Situation

SLICE = 50
"""Items of a list per pickle (each unpickles in well under a millisecond)."""
LISTS = ("status", "actors", "disputes", "context", "articles", "bad_files")
"""The report's lists, sliced; everything else travels in the head."""


@dataclass(frozen=True)
class SlicedReport:
    """A `Situation` as pickles: its head (the lists empty) and each list's slices."""

    head: bytes
    lists: tuple[tuple[str, tuple[bytes, ...]], ...]


def slice_report(situation: Situation, size: int = SLICE) -> SlicedReport:
    """`situation` in slices of `size` items per list."""
    if size < 1:
        raise ValueError(f"slices must hold at least one item, not {size}")
    head = dataclasses.replace(situation, status=[], actors=[], disputes=[], context=[], articles=[],
                               bad_files=[])
    lists = tuple((name, tuple(pickle.dumps(items[start:start + size], pickle.HIGHEST_PROTOCOL)
                               for start in range(0, len(items), size)))
                  for name in LISTS for items in [getattr(situation, name)])
    return SlicedReport(pickle.dumps(head, pickle.HIGHEST_PROTOCOL), lists)


def join_report(sliced: SlicedReport) -> Situation:
    """The `Situation` that `slice_report` sliced, rebuilt one slice at a time."""
    situation: Situation = pickle.loads(sliced.head)
    if not isinstance(situation, Situation):
        raise TypeError(f"a sliced report's head is a {type(situation).__name__}, not a Situation")
    for name, slices in sliced.lists:
        if name not in LISTS:
            raise ValueError(f"a sliced report has no list {name!r}")
        items: list[object] = []
        for piece in slices:
            items.extend(pickle.loads(piece))
        setattr(situation, name, items)
    return situation
