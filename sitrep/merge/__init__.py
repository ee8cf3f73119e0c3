"""Merge per-article results into one `Situation`.

Everything here is linear in the size of the input: actors are joined through a hash index of
their name keys (no pairwise comparison of all actors), evidence is de-duplicated by paragraph
fingerprint so the same wire copy in two outlets counts once, and disputes are grouped by key.
"""

from __future__ import annotations

import operator
import threading
from collections import defaultdict
from datetime import date, timedelta
from itertools import compress, islice
from operator import attrgetter
from pathlib import Path

from .. import gcpolicy
from ..model import (
    Actor,
    ArticleInfo,
    ArticleResult,
    BadFile,
    Claim,
    Situation,
    StateEntry,
    StatusEvent,
)
from ..sourcing import Mention, SourceCounter
from .actors import ActorIndex, path_of
from .common import FAMILY, KIND_BONUS, WINDOW_MARGIN_DAYS, is_history
from .context import ContextIndex, FocusVotes, HeadlineIndex, _focus, _title, _with_ledger_history
from .counting import MemoCounter
from .dispute_stage import DisputeStage
from .disputes import (
    _WEIGHT,
    SETTLED_PENALTY,
    _centrality,
    _recency,
    _settle,
    comparable,
    corroborated_dropped,
    disagree,
    figure_summary,
)
from .index import REPLACED_MAX, ArticleTotals, Changes, NewestFirst, Postings, changes
from .ledger import EventIndex, _actor_status, ledger, source_relation, status_line
from .offices import OfficeHolders
from .prep import ArticlePrep, prepare
from .summary import SummaryMemo, _summary

Ledger = tuple[list[StatusEvent], list[StateEntry], str, tuple[object, ...]]
"""An actor's events, claim ledger and status line, and the lists of files its events' sentences
were read in (held while the ledger is kept: its key holds their ids)."""

__all__ = ["FAMILY", "IncrementalMerge", "comparable", "disagree", "figure_summary", "is_history", "ledger",
           "merge", "source_relation", "status_line"]


def _steady(change: Changes) -> tuple[set[str], set[str]]:
    """Of a change made in place (`Changes.in_place`), the sentence keys of events and ledes
    whose files and mentions it leaves as they were: each file changed in place, under the same
    name, reads the sentence (opens with the lede, from the same source in the same words)
    before and after, or neither."""
    steady: set[str] = set()
    steady_leads: set[str] = set()
    unsteady: set[str] = set()
    unsteady_leads: set[str] = set()
    for old, new in zip(change.removed, change.added, strict=True):
        before = {sentence for _actor, sentence in old.event_keys}
        after = {sentence for _actor, sentence in new.event_keys}
        led_before = _lede_mentions(old)
        led_after = _lede_mentions(new)
        if old.result.path != new.result.path:
            unsteady |= before | after
            unsteady_leads |= led_before.keys() | led_after.keys()
            continue
        steady |= before & after
        unsteady |= before ^ after
        for key in led_before.keys() | led_after.keys():
            (steady_leads if led_before.get(key) == led_after.get(key) else unsteady_leads).add(key)
    return steady - unsteady, steady_leads - unsteady_leads


def _lede_mentions(prep: ArticlePrep) -> dict[str, list[tuple[str, str]]]:
    """The article's ledes by key: (source, text) of each."""
    out: dict[str, list[tuple[str, str]]] = {}
    for lead, key in zip(prep.result.leads, prep.lead_keys, strict=True):
        out.setdefault(key, []).append((lead.source, lead.text))
    return out


def merge(results: list[ArticleResult], bad_files: list[BadFile], folder: Path | str) -> Situation:
    """One `Situation` from the per-article results (in folder order)."""
    return IncrementalMerge(remember=False).merge(results, bad_files, folder)


class IncrementalMerge:
    """Merges that reuse what the last merge worked out for what has not changed.

    A dashboard merges the whole folder again each time one file changes; held between those
    merges, this keeps each article's keys (`prep.ArticlePrep`, by result object), each actor's
    roles, aliases and evidence (by the mentions it was built from), its events re-pointed at
    merged names, and its claim ledger and status line (by its events, the situation's window,
    the outlets and the files each of its sentences was read in). What a changed article touched
    is worked out again; the rest is reused. The result equals `merge` of the same results:
    every cached value is keyed by all that it is computed from. Results must not be changed
    in place once merged (the engine never does)."""

    def __init__(self, remember: bool = True) -> None:
        """`remember`: keep ledgers and source counts for the next merge (a one-off merge,
        `merge`, has no next one and saves the keeping)."""
        self._remember = remember
        self._lock = threading.Lock()
        self._forget()

    def _forget(self) -> None:
        """Keep nothing from earlier merges."""
        self._preps: dict[int, ArticlePrep] = {}
        self._prepared_from: dict[int, ArticleResult] = {}
        self._results: list[ArticleResult] = []
        """The last merge's results, in the order given (`_order` holds their preps)."""
        """The result each prep in `_preps` was made from, by the same id."""
        self._order: list[ArticlePrep] = []
        self._pos: dict[int, int] = {}
        """`_order`'s places by the id of each prep (the last merge's `Changes.pos`)."""
        self._infos: list[ArticleInfo] = []
        """The last merge's `Situation.articles`: the `info` of each prep in `_order`."""
        self._actors = ActorIndex()
        self._event_index = EventIndex()
        self._ledgers: dict[tuple[object, ...], Ledger] = {}
        self._context = ContextIndex()
        self._focus = FocusVotes()
        self._headlines = HeadlineIndex()
        self._copies: Postings[str] = Postings(lambda prep: [key for _actor, key in prep.event_keys])
        self._paths: Postings[str] = Postings(lambda prep: (prep.path,))
        self._lead_keys: Postings[str] = Postings(lambda prep: prep.lead_keys)
        self._counter = MemoCounter(self._remember)
        self._dispute_stage = DisputeStage(self._remember)
        self._summary_memo = SummaryMemo()
        self._newest = NewestFirst()
        self._totals = ArticleTotals()

    def merge(self, results: list[ArticleResult], bad_files: list[BadFile], folder: Path | str) -> Situation:
        """One `Situation` from the per-article results (in folder order), equal to `merge`'s."""
        # Merging builds many small objects and no reference cycles: the cyclic collector would only
        # rescan the ever-growing heap (half the time at 10,000 articles).
        with self._lock, gcpolicy.paused():  # a superseded run may still be merging in its thread
            try:
                return self._merge(results, bad_files, folder)
            except BaseException:
                self._forget()  # some indexes took in this merge's changes, others not: start again
                raise

    def _prepared(self, results: list[ArticleResult]) -> tuple[list[ArticlePrep], list[int] | None]:
        """Each result's prep, kept from the last merge for the very same result object; and the
        places where the results differ from the last merge's, when only a few do (else None)."""
        last = self._results
        self._results = list(results)
        # A reload of changed files (the same number of results, each once): look where they differ.
        if len(results) == len(last) == len(self._preps):
            places = list(islice(compress(range(len(results)), map(operator.is_not, results, last)),
                                 REPLACED_MAX + 1))
            # Each new result once (else each needs its own prep: the general way below).
            if len(places) <= REPLACED_MAX and not any(id(results[at]) in self._preps for at in places) \
                    and len({id(results[at]) for at in places}) == len(places):
                # In place: copying the two dicts would touch every article (a few ms at 10,000).
                preps, by_id, made = list(self._order), self._preps, self._prepared_from
                for at in places:
                    del by_id[id(last[at])], made[id(last[at])]
                for at in places:
                    preps[at] = by_id[id(results[at])] = prepare(results[at])
                    made[id(results[at])] = results[at]
                return preps, places
        ids = list(map(id, results))  # map, zip, dict and compress: a reload runs this over every article
        found: list[ArticlePrep | None] = list(map(self._preps.get, ids))
        kept = dict(zip(ids, found, strict=True))
        if len(kept) == len(results):  # each result once
            # A prep is reused only for the very result it was made from (an id may be reused).
            stale = map(operator.is_not, map(self._prepared_from.get, ids), results)
            for at in list(compress(range(len(ids)), stale)):
                found[at] = kept[ids[at]] = prepare(results[at])  # new or changed
            self._preps = kept  # type: ignore[assignment]  # every one found or prepared
            self._prepared_from = dict(zip(ids, results, strict=True))
            return found, None  # type: ignore[return-value]
        old, self._preps = self._preps, {}
        preps = []
        for result in results:
            prep = old.get(id(result))
            if prep is None or prep.result is not result or id(result) in self._preps:
                prep = prepare(result)  # new, changed, or the same result twice (each needs its own)
            self._preps[id(result)] = prep
            preps.append(prep)
        self._prepared_from = {id(p.result): p.result for p in self._preps.values()}
        return preps, None

    def _ledger(self, actor: Actor, window_start: date | None, outlets: frozenset[str],
                counter: SourceCounter, sentence_keys: dict[int, str],
                used: dict[tuple[object, ...], Ledger],
                ) -> tuple[tuple[object, ...], Ledger] | None:
        """Set the actor's claim ledger and status line, reused when nothing they rest on changed;
        the key they were kept under and what is kept (None when merges are not remembered)."""
        if not self._remember:
            actor.state = ledger(actor.name, actor.events, window_start, outlets, counter)
            actor.status = _actor_status(actor, window_start)
            return None
        # The files each event's sentence was read in, by the list that holds them: `_count` makes
        # a new list when (and only when) those files, or the outlet of one of them, change.
        files = tuple(map(counter.copies.get, map(sentence_keys.__getitem__, map(id, actor.events))))
        signature = (actor.name, window_start, outlets, *map(id, actor.events), None, *map(id, files))
        found = self._ledgers.get(signature)
        if found is None:
            state = ledger(actor.name, actor.events, window_start, outlets, counter)
            actor.state = state
            found = (actor.events, state, _actor_status(actor, window_start), files)
        used[signature] = found
        actor.state = list(found[1])
        actor.status = found[2]
        return signature, found

    def _count(self, change: Changes, preps: list[ArticlePrep],
               sentence_keys: dict[int, str]) -> SourceCounter:
        """The source counter of the articles (as `SourceCounter(results)` makes it): the files of
        each event sentence and the ledes of each key worked out again only where an article
        holding them came, changed or went."""
        counter = self._counter
        counter.new_merge()
        counter.sentence_keys = sentence_keys
        if change.restart:
            counter.copies, counter.leads, counter.outlet_of, counter.stale_leads = {}, {}, {}, {}
        dirty = self._copies.update(change)
        outlet_of = counter.outlet_of  # each file's outlet, as `{path: outlet}` over the articles makes it
        moved: set[str] = set()  # read in a file whose outlet changed: a new list, even of the same files
        moved_leads: set[str] = set()  # the same for ledes
        for path in self._paths.update(change):
            holders = self._paths.articles.get(path)
            if not holders:
                outlet_of.pop(path, None)
            elif outlet_of.get(path) != holders[-1].result.outlet or path not in outlet_of:
                outlet_of[path] = holders[-1].result.outlet
                for prep in holders:  # another article under the same name: its sentences' files changed
                    moved.update(sentence for _actor, sentence in prep.event_keys)
                    moved_leads.update(prep.lead_keys)
        # A file changed in place that reads a sentence (or opens with a lede) before and after
        # leaves the sentence's files (the lede's mentions) as they were: no need to list them
        # again from each of the thousands of articles a wire sentence is read in.
        steady, steady_leads = _steady(change) if change.in_place else (set(), set())
        dirty = (dirty - steady) | moved
        copies = counter.copies
        for key in dirty:
            articles = self._copies.articles.get(key)
            if articles:
                files = list(dict.fromkeys(map(path_of, articles)))
                # A changed article still reading the sentence leaves its files as they were: the
                # list is kept, and with it what rests on its identity (ledgers, source counts).
                if key in moved or copies.get(key) != files:
                    copies[key] = files
            else:
                copies.pop(key, None)
        # A lede's mentions are listed again only when the summary asks for its count (a few
        # ledes a merge): the counter is told which are stale, and how to list them.
        counter.lede_mentions = self._lede_mentions
        stale = counter.stale_leads
        for key in (self._lead_keys.update(change) - steady_leads) | moved_leads:
            stale[key] = stale.get(key, False) or key in moved_leads
        return counter

    def _lede_mentions(self, key: str) -> list[Mention]:
        """The mentions of the ledes with this key, in folder order (as `SourceCounter` lists them)."""
        return [Mention(lead.source, lead.text, p.result.path) for p in self._lead_keys.articles.get(key, ())
                for lead, k in zip(p.result.leads, p.lead_keys, strict=True) if k == key]

    def _merge(self, results: list[ArticleResult], bad_files: list[BadFile], folder: Path | str) -> Situation:
        preps, places = self._prepared(results)
        change = changes(self._order, preps, self._pos, places)
        self._order, self._pos = preps, change.pos
        actors, alias_to_name = self._actors.merge(change)
        events, sentence_keys = self._event_index.merge(change, alias_to_name)
        by_actor: dict[str, list[StatusEvent]] = defaultdict(list)
        for event in events:
            by_actor[event.actor].append(event)
        totals = self._totals
        totals.update(change)
        first = totals.first_start
        window_start = first - timedelta(days=WINDOW_MARGIN_DAYS) if first is not None else None
        counter = self._count(change, preps, sentence_keys)
        outlets = frozenset(totals.outlets
                            | {a.name for a in actors if any("agency" in role.lower() for role in a.roles)})
        ledgers: dict[tuple[object, ...], Ledger] = {}
        memo = self._summary_memo
        memo.new_merge()
        memo.ledger_keys = {}
        for actor in actors:
            actor.events = by_actor.get(actor.name, [])
            key = self._ledger(actor, window_start, outlets, counter, sentence_keys, ledgers)
            if key is not None:
                memo.ledger_keys[id(actor)] = key
            facts = sum(1 for e in actor.events if e.event != "says")
            actor.score = (actor.mentions + 2.0 * (len(actor.articles) - 1) + 2.5 * facts
                           + (1.0 if actor.roles else 0.0)) * KIND_BONUS.get(actor.kind, 0.5)
            actor.minor = actor.mentions <= 1 and not facts and not actor.roles
        self._ledgers = ledgers
        actors.sort(key=lambda a: (a.minor, -a.score, a.name))

        self._focus.update(change)
        focus_name = _focus(actors, preps, self._focus)
        disputes, figures = self._dispute_stage.disputes(change, results, events, actors, alias_to_name,
                                                         window_start)
        offices = OfficeHolders(actors)
        disputes = offices.disputes(disputes)
        _settle(disputes, actors)
        disputes = corroborated_dropped(disputes, actors)
        scores = {a.name: a.score for a in actors}
        top = max(scores.values(), default=1.0) or 1.0
        days = totals.days
        newest = max(days.values(), default=None)
        for dispute in disputes:
            involved = sum(scores.get(a, 0.0) for a in dispute.actors) / top
            dispute.weight = (
                _WEIGHT.get(dispute.kind, 1.0)
                + min(involved, 2.0)
                + 0.1 * min(len(dispute.claims), 5)
                + _centrality(dispute)
                + _recency(dispute, days, newest)
                - (SETTLED_PENALTY if dispute.settled_by else 0.0)
            )
        disputes.sort(key=lambda d: -d.weight)
        for dispute in disputes:
            sides: dict[str, list[Claim]] = defaultdict(list)
            for claim in dispute.claims:
                sides[claim.stance].append(claim)
            dispute.independent_sources = {stance: counter.claims(claims)[0]
                                           for stance, claims in sides.items()}

        context = self._context.merge(change, focus_name, alias_to_name)
        context = _with_ledger_history(context, actors, window_start, self._context.history_sentences)
        articles = self._infos
        if change.in_place and len(articles) == len(preps):
            articles = list(articles)  # reading each prep's `info` again would touch every article
            for prep in change.added:
                articles[change.pos[id(prep)]] = prep.info
        else:
            articles = list(map(attrgetter("info"), preps))
        self._infos = articles
        self._headlines.update(change)
        title = _title(preps, focus_name, self._headlines, totals.headed)
        # The summary reads `results` only for the articles that tell of an ending, a measure or a call.
        return Situation(folder=str(folder), title=title, focus=focus_name,
                         status=offices.lines(_summary(actors, disputes, [p.result for p in totals.ending],
                                                       window_start, counter, figures,
                                                       memo if self._remember else None,
                                                       (p.result for p in self._newest.update(change, preps)),
                                                       totals.last_end)),
                         actors=actors, disputes=disputes, context=context,
                         articles=list(articles), bad_files=list(bad_files))  # its own list: kept here
