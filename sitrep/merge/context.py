"""Regional context across articles, history from the ledgers, the focus country and the
situation's title."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..dates import When
from ..model import Actor, ArticleResult, ContextItem, Evidence
from ..text import name_key

if TYPE_CHECKING:
    from .prep import ArticlePrep


def _merge_context(preps: list[ArticlePrep], focus: str | None,
                   alias_to_name: dict[str, str]) -> list[ContextItem]:
    """Context items across articles, repeats joined, history sorted by year, neighbours added."""
    merged: dict[tuple[str, str], ContextItem] = {}
    held: dict[tuple[str, str], set[Evidence]] = {}
    for prep in preps:
        for item, key in zip(prep.result.context, prep.context_keys, strict=True):
            found = merged.get(key)
            actors = [alias_to_name.get(name_key(a), a) for a in item.actors]
            if found is None:
                merged[key] = ContextItem(item.kind, item.text, list(item.years), list(item.evidence), actors)
                held[key] = set(item.evidence)
            else:
                for evidence in item.evidence:
                    if evidence not in held[key]:
                        held[key].add(evidence)
                        found.evidence.append(evidence)
    items = list(merged.values())
    if focus:
        from ..nlp.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        neighbours = gaz.neighbours_of(focus)
        if neighbours:
            items.append(ContextItem("neighbour", f"{focus} borders {', '.join(neighbours)}", [], [],
                                     [focus]))
    order = {"history": 0, "rupture": 1, "alliance": 1, "pattern": 2, "organisation": 3, "background": 4,
             "neighbour": 5, "place": 6}
    items.sort(key=lambda i: (order.get(i.kind, 9), i.years[0] if i.years else 9999))
    return items


def _with_ledger_history(context: list[ContextItem], actors: list[Actor],
                         window_start: date | None) -> list[ContextItem]:
    """History from the claim ledger (facts dated before the situation's window) joins Context >
    History, unless its sentence is there already; history stays in time order. A fact merely
    told as background ("the engineer who escaped on Wednesday") is no history."""
    known = {e.sentence for item in context if item.kind == "history" for e in item.evidence}
    added: list[ContextItem] = []
    for actor in actors:
        for entry in actor.state:
            held = When.from_iso(entry.as_of) if entry.as_of else None
            if not entry.history or held is None or entry.certainty == "denied" \
                    or window_start is None or held.end >= window_start:
                continue
            sentences = [e for e in entry.evidence if e.sentence not in known]
            if not sentences:
                continue
            known.update(e.sentence for e in sentences)
            years = list(range(held.start.year, held.end.year + 1))[:10]
            added.append(ContextItem("history", f"{actor.name}: {entry.value} ({held.label})", years,
                                     sentences, [actor.name]))
    if not added:
        return context
    history = sorted([i for i in context if i.kind == "history"] + added,
                     key=lambda i: i.years[0] if i.years else 9999)
    return history + [i for i in context if i.kind != "history"]


def _focus(actors: list[Actor], preps: list[ArticlePrep]) -> str | None:
    """The country the situation is about: named most, counting "Sudan's army", "Malian
    soldiers", towns in it ("Omdurman (Sudan)") and headlines, not only the bare country name."""
    from ..nlp.gazetteer import demonym_countries, load_gazetteer

    gaz = load_gazetteer()
    demonyms = demonym_countries()
    countries = {a.name for a in actors if a.kind == "country"}
    votes: Counter[str] = Counter()
    for actor in actors:
        if actor.kind == "country":
            votes[actor.name] += actor.mentions + 2 * len(actor.articles)
            continue
        first = actor.name.removeprefix("the ").split(" ")[0]
        owner = gaz.canonical_country(first) or demonyms.get(name_key(first))
        if owner in countries:
            votes[owner] += actor.mentions
    country_keys = [(country, name_key(country)) for country in countries]
    for prep in preps:
        for item in prep.result.context:
            if item.kind == "place" and item.text.endswith(")"):
                country = item.text.rsplit("(", 1)[-1].rstrip(")")
                if country in countries:
                    votes[country] += 1
        title = prep.title_key
        for country, key in country_keys:
            if key in title:
                votes[country] += 3
    if not votes:
        return None
    return max(sorted(votes), key=lambda c: votes[c])

TITLE_WORDS = 12

_TITLE_STOPWORDS = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "as", "with", "by", "after",
                    "over", "is", "are", "was", "were", "has", "have", "its", "his", "her", "their", "from",
                    "says"}


def _headline_words(title: str) -> set[str]:
    return {w for w in name_key(title).split() if w not in _TITLE_STOPWORDS and not w.isdigit()}


def _real_headline(result: ArticleResult) -> bool:
    """A headline the article has, not one made from its file name or a stray date line."""
    stem = name_key(Path(result.path).stem.replace("_", " ").replace("-", " "))
    key = name_key(result.title)
    return bool(key) and key != stem and len(_headline_words(result.title)) >= 2


def _title(preps: list[ArticlePrep], focus: str | None) -> str:
    """The situation's title: the focus and the headline that best speaks for the set.

    That is the headline sharing most words with the other headlines (the story they all
    follow), the newest by publication date on a tie; never the headline of whichever file was
    modified last, and never a title made from a file name."""
    if not preps:
        return "No articles yet"
    headed = [(p.result, p.headline) for p in preps if p.headline is not None]
    if not headed:
        # No headlines: the newest lede, cut short, says what the story is.
        newest = max((p.result for p in preps), key=lambda r: (bool(r.leads), r.date or "", r.path))
        if not newest.leads:
            return focus or "Situation"
        words = newest.leads[0].text.split()
        lede = " ".join(words[:TITLE_WORDS]) + ("..." if len(words) > TITLE_WORDS else "")
        return f"{focus}: {lede}" if focus else lede
    # How many other headlines carry each word: summed over a headline's words, that is the words
    # it shares with all the others, without comparing every pair (a merge runs on every reload).
    carried = Counter(w for _result, headline in headed for w in headline)

    def shared(headline: frozenset[str]) -> int:
        return sum(carried[w] - 1 for w in headline)

    best = max(headed, key=lambda h: (shared(h[1]), h[0].date or "", h[0].path))[0]
    title = best.title
    if focus and name_key(focus) not in name_key(title):
        return f"{focus}: {title}"
    return title
