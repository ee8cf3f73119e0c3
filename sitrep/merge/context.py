"""Regional context across articles, history from the ledgers, the focus country and the
situation's title."""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections import Counter
from collections.abc import Container
from datetime import date
from itertools import chain, compress, repeat, takewhile
from pathlib import Path
from typing import TYPE_CHECKING

from ..dates import When
from ..model import Actor, ArticleResult, ContextItem, Evidence
from ..text import name_key
from .index import Changes, Postings, changes

if TYPE_CHECKING:
    from .prep import ArticlePrep


class ContextIndex:
    """Context items across articles, kept by merge key between merges: an item is joined
    again only when an article giving it comes, changes or goes (or its actors' merged names
    change). The result is `_merge_context` of the same articles."""

    def __init__(self) -> None:
        self._postings: Postings[tuple[str, str]] = Postings(lambda prep: prep.context_keys)
        self._joined: dict[tuple[str, str], tuple[list[Evidence], ContextItem]] = {}
        """Per key: the evidence of every item with it, and the last merged item."""
        self._runs: dict[tuple[str, str], dict[int, list[Evidence]]] = {}
        """Per key, by the id of each article's prep: the evidence of its items with the key."""
        self._paths: Counter[str] = Counter()
        """How many of the articles are read under each path."""
        self._shared = 0
        """How many paths more than one article is read under."""
        self._unplain = 0
        """How many of the articles are not `ArticlePrep.context_plain`."""
        self.history_sentences: dict[str, int] = {}
        """How many pieces of the merged history items' evidence have each sentence."""
        self._steady: set[tuple[str, str]] = set()
        """The keys whose evidence this merge's change leaves as it was (`_steady_keys`)..."""
        self._spliced: dict[tuple[str, str], _Splice] = {}
        """... and those whose evidence one file changed in place replaced (`_splice`)."""

    def _update(self, change: Changes) -> None:
        """Take in the articles that came, changed or went: their evidence by key, their paths."""
        if change.restart:
            self._joined, self._runs, self._paths, self._shared, self._unplain = {}, {}, Counter(), 0, 0
            self.history_sentences = {}
        paths, runs = self._paths, self._runs
        self._steady, self._spliced = self._steady_keys(change) if change.in_place else (set(), {})
        for prep in change.removed:
            path = prep.path
            paths[path] -= 1
            self._shared -= paths[path] == 1
            if not paths[path]:
                del paths[path]
            self._unplain -= not prep.context_plain
            for key in prep.context_index:
                held = runs[key]
                del held[id(prep)]
                if not held:
                    del runs[key]
        for prep in change.added:
            path = prep.path
            paths[path] += 1
            self._shared += paths[path] == 2
            self._unplain += not prep.context_plain
            for key, indexes in prep.context_index.items():
                runs.setdefault(key, {})[id(prep)] = _run(prep, indexes)

    def _steady_keys(self, change: Changes) -> tuple[set[tuple[str, str]], dict[tuple[str, str], _Splice]]:
        """Of a change made in place, the keys whose evidence it leaves as it was: each file
        changed in place (under the same name, as plain as before) gives the key the same
        evidence before and after, or does not hold it. And the keys one plain file changed in
        place under the same name gives other evidence: its place, its evidence before and after
        (`merge` splices the one for the other)."""
        steady: set[tuple[str, str]] = set()
        unsteady: set[tuple[str, str]] = set()
        spliced: dict[tuple[str, str], _Splice] = {}
        touched: Counter[tuple[str, str]] = Counter()
        for old, new in zip(change.removed, change.added, strict=True):
            before, after = old.context_index, new.context_index
            touched.update(before.keys() | after.keys())
            if old.result.path != new.result.path or not old.context_plain or not new.context_plain:
                unsteady.update(before, after)
                continue
            place = change.pos[id(new)]
            for key in before.keys() | after.keys():
                was = self._runs[key][id(old)] if key in before else []
                now = _run(new, after[key]) if key in after else []
                if key in before and key in after and was == now:
                    steady.add(key)
                else:
                    unsteady.add(key)
                    spliced[key] = (place, list(was), list(now))
        return steady - unsteady, {key: found for key, found in spliced.items() if touched[key] == 1}

    def _splice(self, key: tuple[str, str], evidence: list[Evidence],
                pos: dict[int, int]) -> list[Evidence] | None:
        """The key's evidence after one plain file changed in place gave it other evidence
        (`_steady_keys`): the last merge's evidence with that file's pieces before replaced by its
        pieces now, found after the pieces of the articles before it; None when that cannot be
        told so (a piece may repeat across articles, or the key is no longer held)."""
        found = self._spliced.get(key)
        articles = self._postings.articles.get(key)
        if found is None or not articles or self._unplain or self._shared:
            return None
        place, was, now = found
        runs = self._runs[key]
        before = articles[:bisect_left(articles, place, key=lambda p: pos[id(p)])]
        at = sum(map(len, map(runs.__getitem__, map(id, before))))
        if len(evidence) < at + len(was) or not all(map(operator.is_, evidence[at:at + len(was)], was)):
            return None
        return [*evidence[:at], *now, *evidence[at + len(was):]]

    def _evidence(self, key: tuple[str, str], articles: list[ArticlePrep]) -> list[Evidence]:
        """`_evidence` of the key's articles: when each article's pieces were read in it alone
        (plain, under a path of its own), no piece repeats and each article's evidence follows
        the last one's, as kept by `_update`."""
        if self._unplain or self._shared:
            return _evidence(key, articles)
        return list(chain.from_iterable(map(self._runs[key].__getitem__, map(id, articles))))

    def merge(self, change: Changes, focus: str | None, alias_to_name: dict[str, str]) -> list[ContextItem]:
        """Context items across articles, repeats joined, history sorted by year, neighbours added."""
        self._update(change)
        postings = self._postings.articles
        history = self.history_sentences
        kept: dict[tuple[str, str], list[Evidence]] = {}
        """The evidence of keys whose items are made again though their evidence stands."""
        pos = change.pos
        for key in self._postings.update(change):
            gone = self._joined.pop(key, None)
            if gone is not None and key in self._steady:
                kept[key] = gone[0]  # its first item may have changed: made again, on the same evidence
                continue
            spliced = None if gone is None else self._splice(key, gone[0], pos)
            if spliced is not None:
                kept[key] = spliced
                was, now = self._spliced[key][1:]
            elif gone is not None:
                was, now = gone[0], []
            else:
                continue
            if key[0] == "history":
                for piece in was:
                    count = history[piece.sentence] - 1
                    if count:
                        history[piece.sentence] = count
                    else:
                        del history[piece.sentence]
                for piece in now:
                    history[piece.sentence] = history.get(piece.sentence, 0) + 1
        firsts: list[tuple[int, int, ContextItem]] = []
        for key, articles in postings.items():
            first = articles[0]
            index = first.context_index[key][0]  # = context_keys.index(key), without the walk
            item = first.result.context[index]
            actors = [alias_to_name.get(name_key(a), a) for a in item.actors]
            joined = self._joined.get(key)
            if joined is None or joined[1].actors != actors:
                if joined is not None:
                    evidence = joined[0]
                elif key in kept:
                    evidence = kept[key]
                else:
                    evidence = self._evidence(key, articles)
                    if key[0] == "history":
                        for piece in evidence:
                            history[piece.sentence] = history.get(piece.sentence, 0) + 1
                merged = ContextItem(item.kind, item.text, list(item.years), list(evidence), actors)
                joined = (evidence, merged)
                self._joined[key] = joined
            firsts.append((pos[id(first)], index, joined[1]))
        firsts.sort(key=lambda t: (t[0], t[1]))
        return _ordered([item for _at, _index, item in firsts], focus)


_Splice = tuple[int, list[Evidence], list[Evidence]]
"""A file changed in place: its place, and its evidence for a key before and after."""


def _run(prep: ArticlePrep, indexes: list[int] | tuple[int, ...]) -> list[Evidence]:
    """The evidence of an article's items with one key (`indexes`), in order."""
    context = prep.result.context
    return context[indexes[0]].evidence if len(indexes) == 1 \
        else [e for index in indexes for e in context[index].evidence]


def _evidence(key: tuple[str, str], articles: list[ArticlePrep]) -> list[Evidence]:
    """The evidence of the items with this key: the first item's, then each other piece once."""
    out: list[Evidence] | None = None
    held: set[Evidence] = set()
    for prep in articles:
        for index in prep.context_index[key]:
            item = prep.result.context[index]
            if out is None:
                out, held = list(item.evidence), set(item.evidence)
                continue
            for evidence in item.evidence:
                if evidence not in held:
                    held.add(evidence)
                    out.append(evidence)
    return out or []


def _merge_context(preps: list[ArticlePrep], focus: str | None,
                   alias_to_name: dict[str, str]) -> list[ContextItem]:
    """Context items across articles, repeats joined, history sorted by year, neighbours added."""
    return ContextIndex().merge(changes([], preps), focus, alias_to_name)


def _ordered(items: list[ContextItem], focus: str | None) -> list[ContextItem]:
    """The context items in reading order, with the focus country's neighbours."""
    items = list(items)
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


def _with_ledger_history(context: list[ContextItem], actors: list[Actor], window_start: date | None,
                         shown: Container[str] | None = None) -> list[ContextItem]:
    """History from the claim ledger (facts dated before the situation's window) joins Context >
    History, unless its sentence is there already; history stays in time order. A fact merely
    told as background ("the engineer who escaped on Wednesday") is no history. `shown`: the
    sentences of the history items' evidence, if known (`ContextIndex.history_sentences`)."""
    if shown is None:
        shown = {e.sentence for item in context if item.kind == "history" for e in item.evidence}
    known: set[str] = set()
    """The sentences of the history added here."""
    added: list[ContextItem] = []
    for actor in actors:
        for entry in actor.state:
            held = When.from_iso(entry.as_of) if entry.as_of else None
            if not entry.history or held is None or entry.certainty == "denied" \
                    or window_start is None or held.end >= window_start:
                continue
            sentences = [e for e in entry.evidence if e.sentence not in shown and e.sentence not in known]
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


_TITLE_KEY = operator.attrgetter("title_key")
_PLACE_COUNTRIES = operator.attrgetter("place_countries")


class FocusVotes:
    """What the articles give each country's claim to be the focus, kept between merges: the
    places they put in it and the headlines that name it."""

    def __init__(self) -> None:
        self.places: Counter[str] = Counter()
        self._titles: dict[str, int] = {}
        """Per country key asked about so far: how many headlines name it."""

    def update(self, change: Changes) -> None:
        """Take in the articles that came, changed or went."""
        if change.restart:
            self.places, self._titles = Counter(), {}
        places, titles = self.places, self._titles
        for prep in change.removed:
            places.subtract(prep.place_countries)
        # The places every added article names, counted in one call (in C): a first merge adds all.
        places.update(chain.from_iterable(map(_PLACE_COUNTRIES, change.added)))
        if titles:
            for prep, sign in [(p, -1) for p in change.removed] + [(p, 1) for p in change.added]:
                for key in titles:
                    if key in prep.title_key:
                        titles[key] += sign

    def headlines(self, country_key: str, preps: list[ArticlePrep]) -> int:
        """How many of the articles' headlines (folded) name the country."""
        if country_key not in self._titles:
            self.count_headlines([country_key], preps)
        return self._titles[country_key]

    def count_headlines(self, country_keys: list[str], preps: list[ArticlePrep]) -> None:
        """Count the headlines naming each of these countries not asked about yet: the articles'
        title keys are read once, then searched in C once per country (a first merge asks about
        every country named, each a pass over every article)."""
        wanted = [key for key in dict.fromkeys(country_keys) if key not in self._titles]
        if wanted:
            titles = list(map(_TITLE_KEY, preps))
            for key in wanted:
                self._titles[key] = sum(map(operator.contains, titles, repeat(key, len(titles))))


def _focus(actors: list[Actor], preps: list[ArticlePrep], votes_of: FocusVotes | None = None) -> str | None:
    """The country the situation is about: named most, counting "Sudan's army", "Malian
    soldiers", towns in it ("Omdurman (Sudan)") and headlines, not only the bare country name."""
    from ..nlp.gazetteer import demonym_countries, load_gazetteer

    if votes_of is None:
        votes_of = FocusVotes()
        votes_of.update(changes([], preps))
    gaz = load_gazetteer()
    demonyms = demonym_countries()
    # A country never named as an actor is still the focus when its places and people are
    # ("Kaduna (Nigeria)", "Nigerian pupils", "Nigeria's President" in a story naming no "Nigeria").
    countries = {a.name for a in actors if a.kind == "country"}
    countries |= {country for country, n in votes_of.places.items() if n > 0}
    def owner_of(word: str) -> str | None:
        """The country a word names or is the people of ("Mali", "Malian")."""
        return gaz.canonical_country(word) or demonyms.get(name_key(word))

    votes: Counter[str] = Counter()
    for actor in actors:
        if actor.kind == "country":
            votes[actor.name] += actor.mentions + 2 * len(actor.articles)
            continue
        owner = owner_of(actor.name.removeprefix("the ").split(" ")[0])
        if owner not in countries and actor.kind == "person" and actor.roles:
            # "Russian President Vladimir Putin": his country's people and leaders are its story too
            owner = owner_of(actor.roles[0].split(" ")[0].removesuffix("'s").removesuffix("\u2019s"))
        if owner in countries:
            votes[owner] += actor.mentions
    votes_of.count_headlines([name_key(country) for country in countries], preps)
    for country in countries:
        votes[country] += votes_of.places[country] + 3 * votes_of.headlines(name_key(country), preps)
    if not votes:
        return None
    return max(sorted(votes), key=lambda c: votes[c])

TITLE_WORDS = 12

_TITLE_STOPWORDS = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "as", "with", "by", "after",
                    "over", "is", "are", "was", "were", "has", "have", "its", "his", "her", "their", "from",
                    "says"}


def _headline_words(title: str) -> set[str]:
    return _title_words(name_key(title))


def _title_words(title_key: str) -> set[str]:
    """The words of a title's name key that count in a headline: no stopword, no number."""
    return {w for w in title_key.split() if w not in _TITLE_STOPWORDS and not w.isdigit()}


def _real_headline(result: ArticleResult) -> bool:
    """A headline the article has, not one made from its file name or a stray date line."""
    stem = name_key(Path(result.path).stem.replace("_", " ").replace("-", " "))
    key = name_key(result.title)
    return bool(key) and key != stem and len(_headline_words(result.title)) >= 2


class HeadlineIndex:
    """How many words each headline shares with the other headlines, and the headlines that share
    most, kept between merges.

    The words a headline shares are the count of each of its words' headlines, less one, summed.
    A changed headline moves the counts of its words and so the score of every headline holding
    one; instead of moving them all, each article keeps the score it had when the counts were
    last settled (its base) and each word how far its count has drifted since. A headline's score
    is its base plus its words' drift, within the total drift of its base: only headlines whose
    base comes that close to the top need their score worked out."""

    DRIFT_MAX = 256
    """Settle every base once the counts have drifted by this much in all."""

    def __init__(self) -> None:
        self._postings: Postings[str] = Postings(lambda prep: prep.headline or ())
        self._base: dict[int, int] = {}
        """By prep id, for each article with a headline: its score less its words' drift."""
        self._bases: dict[int, dict[int, ArticlePrep]] = {}
        """The articles with a headline by their base (and prep id)."""
        self._drift: dict[str, int] = {}
        """How far each word's count has moved since the bases were settled."""
        self._drifted = 0
        """The total of each move (however it nets out): how far any score may be from its base."""
        self._pos: dict[int, int] = {}

    def update(self, change: Changes) -> None:
        """Take in the articles that came, changed or went."""
        if change.restart:
            self._base, self._bases, self._drift, self._drifted = {}, {}, {}, 0
        self._pos = change.pos
        for prep in change.removed:
            self._unplace(prep)
        postings = self._postings.articles
        kept = bool(self._base)  # else every base is worked out below, with no drift
        before = {w: len(postings.get(w, ())) for p in (*change.removed, *change.added)
                  for w in p.headline or ()} if kept else {}
        self._postings.update(change)
        for word, count in before.items():
            moved = len(postings.get(word, ())) - count
            if moved:
                self._drift[word] = self._drift.get(word, 0) + moved
                self._drifted += abs(moved)
        drift = self._drift
        for prep in change.added:
            if prep.headline is not None:
                self._place(prep, sum(len(postings[w]) - 1 - drift.get(w, 0) for w in prep.headline))
        if self._drifted > self.DRIFT_MAX:
            self._settle()

    def _settle(self) -> None:
        """Move each base by its words' drift (only the headlines holding a word that drifted)."""
        moves: dict[int, int] = {}
        holders: dict[int, ArticlePrep] = {}
        for word, moved in self._drift.items():
            for prep in self._postings.articles.get(word, ()):
                moves[id(prep)] = moves.get(id(prep), 0) + moved
                holders[id(prep)] = prep
        for key, moved in moves.items():
            if moved:
                prep = holders[key]
                base = self._base[key]
                self._unplace(prep)
                self._place(prep, base + moved)
        self._drift, self._drifted = {}, 0

    def _place(self, prep: ArticlePrep, base: int) -> None:
        self._base[id(prep)] = base
        self._bases.setdefault(base, {})[id(prep)] = prep

    def _unplace(self, prep: ArticlePrep) -> None:
        base = self._base.pop(id(prep), None)
        if base is not None:
            held = self._bases[base]
            del held[id(prep)]
            if not held:
                del self._bases[base]

    def shared(self, prep: ArticlePrep) -> int:
        """The words the article's headline shares with the other headlines."""
        base = self._base.get(id(prep))
        if base is None:
            return 0
        drift = self._drift
        return base + sum(drift.get(w, 0) for w in prep.headline or ()) if drift else base

    def best(self) -> ArticlePrep | None:
        """Of the headlines sharing most words, the newest by date (then path, then the first in
        folder order); None when no article has a headline."""
        if not self._bases:
            return None
        known: dict[frozenset[str] | None, int] = {}

        def shared(prep: ArticlePrep) -> int:  # one headline's copies (wire stories) share as many
            found = known.get(prep.headline)
            if found is None:
                found = known[prep.headline] = self.shared(prep)
            return found

        bases = sorted(self._bases, reverse=True)
        # The top base's best score is a floor for the best; a score is within `_drifted` of its base.
        low = max(map(shared, self._bases[bases[0]].values())) - self._drifted
        near = [p for base in takewhile(low.__le__, bases) for p in self._bases[base].values()]
        scores = list(map(shared, near))
        top = max(scores)
        pos = self._pos
        return max(compress(near, map(top.__eq__, scores)),
                   key=lambda p: (p.result.date or "", p.result.path, -pos[id(p)]))


def _title(preps: list[ArticlePrep], focus: str | None, headlines: HeadlineIndex | None = None,
           headed: list[ArticlePrep] | None = None) -> str:
    """The situation's title: the focus and the headline that best speaks for the set.

    That is the headline sharing most words with the other headlines (the story they all
    follow), the newest by publication date on a tie; never the headline of whichever file was
    modified last, and never a title made from a file name. `headed`: the articles with a real
    headline, in folder order, if known."""
    if not preps:
        return "No articles yet"
    if headed is None:
        headed = [p for p in preps if p.headline is not None]
    if not headed:
        # No headlines: the newest lede, cut short, says what the story is.
        newest = max((p.result for p in preps), key=lambda r: (bool(r.leads), r.date or "", r.path))
        if not newest.leads:
            return focus or "Situation"
        words = newest.leads[0].text.split()
        lede = " ".join(words[:TITLE_WORDS]) + ("..." if len(words) > TITLE_WORDS else "")
        return f"{focus}: {lede}" if focus else lede
    if headlines is None:
        headlines = HeadlineIndex()
        headlines.update(changes([], preps))
    # How many other headlines carry each word: summed over a headline's words, that is the words
    # it shares with all the others, without comparing every pair (a merge runs on every reload).
    best = headlines.best()
    title = best.result.title if best is not None else ""
    if focus and name_key(focus) not in name_key(title):
        return f"{focus}: {title}"
    return title
