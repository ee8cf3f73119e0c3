"""What the incremental-merge tests share: a folder's states merged in turn by one
`IncrementalMerge`, each checked against a merge made afresh."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep.merge import IncrementalMerge, merge
from sitrep.model import ArticleResult, Situation
from sitrep.report import to_json


def report(situation: Situation) -> str:
    """The report as the JSON writer writes it, at a fixed time."""
    return to_json(situation, now=datetime(2000, 1, 1, tzinfo=UTC))


def merged_in_turn(*folders: list[ArticleResult]) -> Situation:
    """The last folder merged by one `IncrementalMerge` after the others; each merge must give
    the JSON report a merge made afresh gives."""
    merger = IncrementalMerge()
    situation = None
    for results in folders:
        situation = merger.merge(results, [], "folder")
        assert report(situation) == report(merge(results, [], "folder"))
    assert situation is not None
    return situation
