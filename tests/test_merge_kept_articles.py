"""A reload of changed files replaces results in place; the incremental merge then puts the
report's Sources list together from the last merge's, with the changed articles' entries put in
their places, and reuses its preps without copying them. The report must still be a full
merge's, and a report handed out must not share the list the merge keeps."""

from __future__ import annotations

from dataclasses import replace

from sitrep.merge import IncrementalMerge, merge

from test_incremental_merge import report, slots


def test_a_changed_article_s_entry_in_the_sources_list_is_the_new_one() -> None:
    pool = slots()
    folder = [versions[0] for versions in pool.values()]
    merger = IncrementalMerge()
    merger.merge(folder, [], "folder")
    at = len(folder) // 2
    folder[at] = replace(folder[at], title="A headline written again", words=folder[at].words + 7)
    situation = merger.merge(folder, [], "folder")
    assert situation.articles[at].title == "A headline written again"
    assert situation.articles == merge(folder, [], "folder").articles


def test_a_report_s_sources_list_changed_by_its_reader_leaves_the_next_report_alone() -> None:
    pool = slots()
    folder = [versions[0] for versions in pool.values()]
    merger = IncrementalMerge()
    first = merger.merge(folder, [], "folder")
    first.articles.reverse()
    folder[0] = pool[next(iter(pool))][1]
    assert report(merger.merge(folder, [], "folder")) == report(merge(folder, [], "folder"))


def test_one_result_put_in_two_changed_places_gives_the_full_merge_s_report() -> None:
    pool = slots()
    folder = [versions[0] for versions in pool.values()]
    merger = IncrementalMerge()
    merger.merge(folder, [], "folder")
    again = pool[next(iter(pool))][1]
    folder[0] = folder[-1] = again  # one result object twice: each place needs its own prep
    assert report(merger.merge(folder, [], "folder")) == report(merge(folder, [], "folder"))
