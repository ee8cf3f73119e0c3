"""A reload of changed files replaces results in place; the incremental merge then works out each
actor's files from the places that changed (`ActorIndex._files_in_place`), and must still give the
report a full merge gives. Every article of the pool in turn loses half its actors and gets them
back, so each actor's file list loses a file and takes it back at every place a file can be."""

from __future__ import annotations

from sitrep.merge import IncrementalMerge, merge

from test_incremental_merge import report, slots


def test_each_article_changed_in_place_and_back_gives_the_full_merge_s_report() -> None:
    pool = slots()
    names = list(pool)
    folder = [pool[name][0] for name in names]
    merger = IncrementalMerge()
    merger.merge(folder, [], "folder")
    for at, name in enumerate(names):
        for version in (1, 0):  # half its actors cut, then as extracted again
            folder[at] = pool[name][version]
            expected = report(merge(folder, [], "folder"))
            assert report(merger.merge(folder, [], "folder")) == expected, (name, version)
