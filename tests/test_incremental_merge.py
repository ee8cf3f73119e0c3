"""The incremental merge equals a full merge after any sequence of added, changed and removed articles.

The pool is real extraction: the seed article and the fictional situations under
`tests/situations/`, parsed once per session, each also as a copy under another file name (a
wire story run by a second outlet) and in variants: cut to every other actor, event, dispute and
context item; dated a year later; under another outlet and headline; dated years earlier.
Hypothesis draws a starting folder and a sequence of steps; after each step the
`IncrementalMerge` kept across the steps must give the very report `merge` gives for the same
results.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sitrep.merge import IncrementalMerge, merge
from sitrep.model import ArticleResult, Situation
from sitrep.report import to_json

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "seeds", *sorted(p for p in (ROOT / "tests" / "situations").iterdir() if p.is_dir())]
VARIANTS = 5
"""Per slot: the article as extracted, cut, dated a year later, under another outlet and headline, dated
years earlier (which moves the situation's window). A step also removes an article, makes a new
object of the same bytes, or moves the article to its wire copy's name."""

STEPS = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def extracted() -> tuple[ArticleResult, ...]:
    """Every pool article, read, parsed and extracted once per session."""
    from sitrep.extract import extract_article
    from sitrep.nlp.pipeline import doc_texts
    from sitrep.reader import read_article

    from extract_support import pipeline

    articles = [read_article(path, folder) for folder in FOLDERS for path in sorted(folder.glob("*.txt"))]
    docs = pipeline().pipe(doc_texts(articles))
    return tuple(extract_article(doc, article) for doc, article in zip(docs, articles, strict=True))


def fresh(result: ArticleResult, path: str | None = None) -> ArticleResult:
    """A new object with the same content (as the cache gives it back), maybe under another path."""
    text = json.dumps(result.to_dict())
    if path is not None:
        text = text.replace(json.dumps(result.path)[1:-1], json.dumps(path)[1:-1])
    return ArticleResult.from_dict(json.loads(text))


def variant(result: ArticleResult, which: int, other_title: str) -> ArticleResult:
    """One of the `VARIANTS` of an article (0: as extracted)."""
    out = fresh(result)
    if which == 1:
        out.actors, out.events = out.actors[::2], out.events[::2]
        out.disputes, out.context, out.leads = out.disputes[::2], out.context[::2], out.leads[:1]
    elif which == 2:
        day = date.fromisoformat(out.date[:10]) if out.date and len(out.date) >= 10 else date(2031, 4, 1)
        out.date = (day + timedelta(days=400)).isoformat()  # alone, its own dated facts are history
    elif which == 4:
        out.date = "2018-06-01"  # the situation's window opens years earlier: old facts are history no more
    elif which == 3:
        out.outlet, out.title = "Wire Service", other_title
    return out


@cache
def slots() -> dict[str, tuple[ArticleResult, ...]]:
    """Per file name in the pool's folder: its variants."""
    originals = extracted()
    out: dict[str, tuple[ArticleResult, ...]] = {}
    for n, result in enumerate(originals):
        other = originals[(n + 1) % len(originals)].title
        for path in (result.path, "wire/" + result.path):
            base = fresh(result, path)
            out[path] = tuple(variant(base, which, other) for which in range(VARIANTS))
    return dict(sorted(out.items()))


def report(situation: Situation) -> str:
    """The report as the JSON writer writes it, at a fixed time."""
    return to_json(situation, now=datetime(2000, 1, 1, tzinfo=UTC))


def test_the_pool_gives_the_merge_something_to_join() -> None:
    names = [m.name for r in extracted() for m in r.actors]
    assert len(extracted()) >= 10 and len(names) > len(set(names))  # actors recur across articles


def twin(name: str) -> str:
    """The name of the same article's wire copy in the pool (or of the original, for a copy)."""
    return name.removeprefix("wire/") if name.startswith("wire/") else "wire/" + name


@STEPS
@given(start=st.sets(st.integers(0, 21)), steps=st.lists(
    st.tuples(st.integers(0, 21), st.integers(0, VARIANTS + 2)), min_size=1, max_size=8))
def test_the_incremental_merge_equals_a_full_merge_after_every_step(start: set[int],
                                                                   steps: list[tuple[int, int]]) -> None:
    pool = slots()
    names = list(pool)
    folder: dict[str, ArticleResult] = {names[i]: pool[names[i]][0] for i in start}
    merger = IncrementalMerge()
    for slot, op in [(-1, -1), *steps]:
        if slot >= 0:
            name = names[slot]
            if op < VARIANTS:
                folder[name] = pool[name][op]  # added, or changed to another version
            elif op == VARIANTS:
                folder.pop(name, None)  # removed
            elif op == VARIANTS + 1:
                folder[name] = fresh(folder.get(name, pool[name][0]))  # same bytes, a new object
            else:
                # Moved to its wire copy's name between two merges: one article gone and one come,
                # the same figures, disputes and events, only their file changed.
                moved = folder.pop(name, None)
                version = next((n for n, r in enumerate(pool[name]) if r is moved), 0)
                folder[twin(name)] = pool[twin(name)][version]
        results = [folder[name] for name in sorted(folder)]
        assert report(merger.merge(results, [], "folder")) == report(merge(results, [], "folder"))


def test_figures_moved_to_another_file_between_merges_are_shown_from_it() -> None:
    pool = slots()
    folder = {name: versions[0] for name, versions in pool.items() if not name.startswith("wire/")}
    merger = IncrementalMerge()
    first = merger.merge([folder[name] for name in sorted(folder)], [], "folder")
    moved = next(d for d in first.disputes if d.kind == "numeric").claims[0].article
    folder[twin(moved)] = pool[twin(moved)][0]  # the same figures, from another file
    del folder[moved]
    results = [folder[name] for name in sorted(folder)]
    assert report(merger.merge(results, [], "folder")) == report(merge(results, [], "folder"))


def test_merging_again_leaves_the_results_as_extracted() -> None:
    results = [pool[0] for pool in slots().values()]
    before = [r.to_dict() for r in results]
    merger = IncrementalMerge()
    merger.merge(results, [], "folder")
    merger.merge(results[1:], [], "folder")
    merger.merge(results, [], "folder")
    assert [r.to_dict() for r in results] == before


def test_a_merge_that_fails_half_way_leaves_the_next_one_right(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.merge as merging

    pool = slots()
    names = list(pool)
    first = [pool[name][0] for name in names[:6]]
    second = [pool[name][1 if n == 2 else 0] for n, name in enumerate(names[:7])]
    merger = IncrementalMerge()
    merger.merge(first, [], "folder")

    def broken(*_args: object) -> None:
        raise RuntimeError("interrupted")

    with monkeypatch.context() as patch:
        patch.setattr(merging, "_focus", broken)  # after the actors, before the context and the title
        with pytest.raises(RuntimeError):
            merger.merge(second, [], "folder")
    assert report(merger.merge(second, [], "folder")) == report(merge(second, [], "folder"))
