"""Each actor's claim ledger: its events in order, the value each slot holds now, what a later
claim superseded, and the honest one-line status."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Set as AbstractSet
from dataclasses import replace
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING

from ..datefmt import as_of_label
from ..dates import When
from ..model import Actor, Certainty, StateEntry, StatusEvent
from ..sourcing import SourceCounter
from ..text import name_key
from .common import (
    _LEXICON,
    CERTAINTY_RANK,
    FAMILY,
    _held_at,
    dated_before,
    is_history,
    own_account,
    planned,
    retold_history,
)
from .index import Changes, Postings, changes

if TYPE_CHECKING:
    from .prep import ArticlePrep


def _merge_events(preps: list[ArticlePrep], alias_to_name: dict[str, str],
                  ) -> tuple[list[StatusEvent], dict[int, str]]:
    """All events re-pointed at merged actor names, the same fact from the same paragraph once;
    and the sentence key of each by its id."""
    return EventIndex().merge(changes([], preps), alias_to_name)


Fact = tuple[str, str, str]
"""What an event tells, whoever it is about: (event, polarity, its paragraph or else its sentence)."""


class EventIndex:
    """The events of a changing set of articles, kept by fact between merges.

    Of each fact told of one (merged) actor the first telling in folder order is kept: a fact is
    worked out again only when an article telling it comes or goes, or the merged name of an
    actor it is told of changes. Re-pointed copies keep their identity while they stand (the
    claim ledgers are kept by the ids of their events)."""

    def __init__(self) -> None:
        self._facts: Postings[Fact] = Postings(lambda prep: prep.facts)
        self._actors: Postings[str] = Postings(lambda prep: [key for key, _sentence in prep.event_keys])
        self._kept: dict[Fact, list[tuple[ArticlePrep, int, StatusEvent, str]]] = {}
        """Per fact: its first telling of each actor (article, index, the event re-pointed, its
        sentence key)."""
        self._tellers: dict[Fact, Counter[tuple[str, str]]] = {}
        """Per fact: who it is told of (name key, name as told), counted over every telling."""
        self._told: list[tuple[int, int, StatusEvent, str]] = []
        """The kept tellings of the last merge in folder order: (place, index, event, sentence key)."""
        self._names: dict[str, str] = {}

    def _count_tellers(self, change: Changes) -> None:
        """Count who each fact is told of in the articles that came, changed or went."""
        if change.restart:
            self._tellers = {}
        tellers = self._tellers
        for prep, sign in [*((p, -1) for p in change.removed), *((p, 1) for p in change.added)]:
            events = prep.result.events
            for fact, indexes in prep.facts.items():
                counts = tellers.get(fact)
                if counts is None:
                    counts = tellers[fact] = Counter()
                for index in indexes:
                    teller = (prep.event_keys[index][0], events[index].actor)
                    count = counts[teller] + sign
                    if count:
                        counts[teller] = count
                    else:
                        del counts[teller]
                if not counts:
                    del tellers[fact]

    def merge(self, change: Changes, alias_to_name: dict[str, str],
              ) -> tuple[list[StatusEvent], dict[int, str]]:
        """The events (in folder order) and the sentence key of each by its id."""
        if change.restart:
            self._kept = {}
        self._count_tellers(change)
        dirty = self._facts.update(change)
        self._actors.update(change)
        old = self._names
        renamed = {key for key, name in alias_to_name.items() if old.get(key) != name}
        renamed |= {key for key in old if key not in alias_to_name}
        # Facts told of an actor whose merged name changed are worked out again, unless every
        # fact is already (a first merge renames every actor: a pass over every event, for nothing).
        for key in () if self._facts.articles.keys() <= dirty else renamed:
            for prep in self._actors.articles.get(key, ()):
                dirty.update(fact for (actor, _s), fact in zip(prep.event_keys, prep.fact_keys, strict=True)
                             if actor == key)
        self._names = dict(alias_to_name)
        pos = change.pos
        gone: set[int] = set()
        """The ids of the tellings the dirty facts kept at the last merge."""
        came: list[tuple[int, int, StatusEvent, str]] = []
        for fact in dirty:
            gone.update(id(out) for _prep, _index, out, _sentence in self._kept.get(fact, ()))
            articles = self._facts.articles.get(fact)
            if not articles:
                self._kept.pop(fact, None)
                continue
            before = {(id(prep.result.events[index]), out.actor): out
                      for prep, index, out, _sentence in self._kept.get(fact, ())}
            kept: list[tuple[ArticlePrep, int, StatusEvent, str]] = []
            seen: set[str] = set()
            # Each name it is told of has its first telling once every name is seen: a wire fact
            # is told in thousands of articles, mostly of one actor.
            names = len({alias_to_name.get(key, told) for key, told in self._tellers[fact]})
            for prep in articles:
                for index in prep.facts[fact]:
                    event = prep.result.events[index]
                    actor_key, sentence = prep.event_keys[index]
                    name = alias_to_name.get(actor_key, event.actor)
                    if name in seen:
                        continue
                    seen.add(name)
                    out = event if name == event.actor else \
                        before.get((id(event), name)) or replace(event, actor=name)
                    kept.append((prep, index, out, sentence))
                if len(seen) == names:
                    break
            self._kept[fact] = kept
            came += [(pos[id(prep)], index, out, sentence) for prep, index, out, sentence in kept]
        if change.in_place and not change.restart:
            # The places of the others stand: the last merge's tellings without those of the
            # dirty facts, and theirs now, sorted (nearly in order already).
            told = [t for t in self._told if id(t[2]) not in gone] if gone else list(self._told)
            told += came
            told.sort(key=_PLACE)
        else:
            told = sorted(((pos[id(prep)], index, out, sentence) for kept in self._kept.values()
                           for prep, index, out, sentence in kept), key=_PLACE)
        self._told = told
        return [t[2] for t in told], {id(t[2]): t[3] for t in told}


_PLACE = itemgetter(0, 1)
"""Where a kept telling stands in folder order: its article's place and its index there."""


_BARE_CLAIMS = {"accusations", "allegations", "claims", "reports", "accusation", "allegation", "claim",
                "report"}
"""Sources that are only the claims' own name ("hits back at accusations that X are to blame"): no
one to be "accused by"."""


def status_line(events: list[StatusEvent]) -> str:
    """One honest line for an actor: each fact with its certainty, denials named."""
    by_family: dict[str, list[StatusEvent]] = defaultdict(list)
    for event in events:
        if event.event == "says":
            continue
        by_family[FAMILY.get(event.event, event.event)].append(event)
    parts: list[tuple[int, str]] = []
    for family, group in by_family.items():
        affirmed = [e for e in group if e.polarity == "affirmed"]
        denied = [e for e in group if e.polarity == "denied"]
        if family == "plans" and affirmed and denied:
            # plans to do different things do not dispute each other ("promised to reduce his
            # powers", "said he would not leave the country"): only a denial of a plan told
            told = {planned(e.detail) for e in affirmed} - {""}
            denied = [e for e in denied if planned(e.detail) in told]
        text = ""
        if affirmed:
            best = min(affirmed, key=lambda e: (CERTAINTY_RANK[e.certainty], not e.detail))
            sources = _sources(e for e in affirmed if e.certainty == best.certainty)
            base = best.fact if family not in ("says",) else best.event
            if all(own_account(e.source, e.actor) for e in affirmed):
                text = f"{base} (claimed by {best.actor})"  # its own account: a claim, never a fact
            elif best.certainty == "stated":
                text = base
            elif best.event == "accused" and sources and sources.lower() not in _BARE_CLAIMS:
                text = f"accused by {sources}" + (f" {best.detail}" if best.detail else "")
            else:
                word = {"reported": "reported", "alleged": "reportedly", "unclear": "possibly"}[
                    best.certainty
                ]
                if best.event == "whereabouts unknown":
                    word = ""  # already a statement of uncertainty
                text = f"{word} {base}".strip() + (f" ({sources})" if sources else "")
        if (
            denied
            and all(e.certainty == "stated" and e.source == "the article" for e in denied)
            and not affirmed
        ):
            # Negated in the writer's own voice ("had not yet threatened the capitals"): a plain "not".
            first = denied[0]
            parts.append((1, f"not {first.event}" + (f" {first.detail}" if first.detail else "")))
            continue
        if denied and not affirmed and family == "plans":
            # "The government said it would not pay any ransom": no plans to, on its word
            first = denied[0]
            parts.append((1, f"no plans {first.detail}".strip() + f" ({_sources(denied)})"))
            continue
        if denied:
            sources = _sources(denied)
            verb = "not confirmed" if all(e.certainty == "unclear" for e in denied) else "denied"
            noun = _LEXICON.noun.get(family, f"“{family}”")
            clause = f"{noun} {verb}" + (f" by {sources}" if sources else "")
            # Asserted by one source and denied or unconfirmed by another: say it is disputed.
            text = f"{text}; disputed: {clause}" if text else clause
        if text:
            rank = 0 if family in ("detained", "killed", "injured", "fled", "ousted", "resigned", "released",
                                   "in power") else 1
            parts.append((rank, text))
    said = _main_statement(events)
    if said and len(parts) < 2:
        parts.append((2, f"says {said}"))
    parts.sort(key=lambda p: p[0])
    return "; ".join(text for _, text in parts[:4])


def _current_states(actor: Actor, window_start: date | None) -> list[StatusEvent]:
    """The actor's state events that hold now: not history, not in a family a later value superseded."""
    superseded = {e.family for e in actor.state if e.superseded_by}
    retold = retold_history(actor.events, window_start)
    current = [e for e in actor.events if e.event in FAMILY and e.event != "says"
               and not is_history(e, window_start) and FAMILY[e.event] not in superseded
               and id(e) not in retold]
    held = any(FAMILY[e.event] == "detained" and e.polarity == "affirmed" for e in current)
    # "the news that Navalny has been released": with no detention in the situation and no "from
    # prison", a bare release is more likely from hospital than from custody; not a status.
    return [e for e in current if held or e.event != "released" or e.detail]


def _backstory(event: StatusEvent, window_start: date | None) -> bool:
    """Whether an action (no state: "seized", "attacked") is told as what came before the story:
    in the writer's own past perfect with no date of its own ("China had seized Tibet ten years
    before"), or dated before the situation's window. An undated action in a relative clause
    ("al-Shabab, which carried out the attack") and a past perfect in what someone said ("activists
    said fighters had seized the prison") are the story's own."""
    return (event.background and event.prior) or dated_before(event, window_start)


def _actor_status(actor: Actor, window_start: date | None) -> str:
    """The actor's status line: what holds now; superseded values and history only as "earlier"."""
    # Background hides old states (arrested in 2012); what an actor did ("carried out the attack",
    # told in a relative clause) is no state and stays, as do its statements, unless told as
    # backstory, which reads as "earlier".
    holding = {id(e) for e in _current_states(actor, window_start)}
    actions = [e for e in actor.events if e.event != "says" and e.event not in FAMILY]
    before = {id(e) for e in actions if _backstory(e, window_start)}
    current = [e for e in actor.events if e.event == "says" or id(e) in holding
               or (e.event not in FAMILY and id(e) not in before)]
    text = status_line(current)
    past = [f"{e.value}" + (f" ({e.as_of})" if e.as_of else "")
            for e in actor.state if e.superseded_by or (e.history and e.certainty != "denied")]
    told_now = {e.event for e in current}
    backstory: dict[str, list[StatusEvent]] = defaultdict(list)
    for event in actions:
        if id(event) in before and event.event not in told_now:
            backstory[event.event].append(event)
    for group in backstory.values():
        dates = {e.when for e in group}
        past.append(status_line(group) + (f" ({dates.pop()})" if len(dates) == 1 and "" not in dates else ""))
    if past and len(text.split("; ")) < 4:
        past_text = "; ".join(past[-2:])
        text = f"{text}; earlier: {past_text}" if text else f"earlier: {past_text}"
    return text


def _main_statement(events: list[StatusEvent]) -> str:
    """What an actor says most often across sources (the first such statement on a tie)."""
    said = [e.detail for e in events if e.event == "says" and e.detail and len(e.detail.split()) >= 3]
    if not said:
        return ""
    counts = Counter(said)
    best = max(said, key=lambda d: counts[d])
    words = best.split()
    return " ".join(words[:25]) + ("..." if len(words) > 25 else "")


def _sources(events: Iterable[StatusEvent]) -> str:
    """Who the events rest on, naming an actor's word about itself as its own account."""
    names = list(dict.fromkeys("own account" if own_account(e.source, e.actor) else e.source
                               for e in events if e.source and e.source != "the article"))
    return ", ".join(names[:3])

_OFFICIAL_WORDS = {"ministry", "minister", "spokesman", "spokeswoman", "spokesperson", "police", "army",
                   "military", "government", "official", "officials", "president", "governor", "authorities",
                   "embassy", "office", "commander", "defence", "defense", "interior", "foreign", "navy",
                   "presidency", "cabinet", "mayor", "prosecutor", "prosecutors", "court"}

_ANONYMOUS_STARTS = {"a", "an", "unnamed", "sources", "source", "reports", "report", "initial", "one", "some",
                     "witnesses", "residents", "activists", "diplomats", "people", "insiders", "observers"}


def source_relation(source: str, actor: str, outlets: AbstractSet[str]) -> str:
    """How a source stands to a fact about `actor`: "own account", "article" (the writer's voice),
    "outlet" (a news outlet or agency), "anonymous", "official", or "party" (any other named side)."""
    if own_account(source, actor):
        return "own account"
    if source in ("", "the article"):
        return "article"
    if source in outlets:
        return "outlet"
    words = name_key(source).split()
    if not words or words[0] in _ANONYMOUS_STARTS:
        return "anonymous"
    if _OFFICIAL_WORDS & set(words):
        return "official"
    return "party"


def ledger(actor: str, events: list[StatusEvent], window_start: date | None,
           outlets: frozenset[str] = frozenset(), counter: SourceCounter | None = None) -> list[StateEntry]:
    """An actor's claim ledger: one entry per fact family, polarity and date, in time order, the
    earlier values of a slot marked as superseded by the latest one."""
    groups: dict[tuple[str, str, str], list[StatusEvent]] = defaultdict(list)
    # a retelling of a once-only fact is told under the date the dated telling gives it
    retold = retold_history(events, window_start)
    for event in events:
        family = FAMILY.get(event.event)
        if family is None or event.event == "says":
            continue
        held = retold[id(event)] if id(event) in retold else _held_at(event)
        groups[(family, event.polarity, held.iso if held else "")].append(event)
    entries: list[tuple[tuple[date, date], StateEntry]] = []
    for (family, polarity, as_of), group in groups.items():
        best = min(group, key=lambda e: CERTAINTY_RANK[e.certainty])
        certainty: Certainty = best.certainty
        if polarity == "denied":
            certainty = "unclear" if all(e.certainty == "unclear" for e in group) else "denied"
        own = [e for e in group if own_account(e.source, actor)]
        claimed_by = actor if own and len(own) == len(group) else ""
        if claimed_by and certainty == "stated":
            certainty = "reported"
        value = best.fact
        sources = list(dict.fromkeys("own account" if own_account(e.source, actor) else e.source
                                     for e in group if e.source))
        entry = StateEntry(slot=_LEXICON.slot.get(family, family), family=family, value=value,
                           certainty=certainty, sources=sources[:4], as_of=as_of,
                           evidence=list(dict.fromkeys(e.evidence for e in group))[:4], claimed_by=claimed_by,
                           history=all(is_history(e, window_start) or id(e) in retold for e in group),
                           relation=source_relation(best.source, actor, outlets))
        if counter is not None:
            entry.independent_sources, entry.article_count = counter.events(group)
        held = When.from_iso(as_of) if as_of else None
        order = (held.end, held.start) if held else (date.min, date.min)
        entries.append((order, entry))
    entries.sort(key=lambda t: (t[1].slot, t[0]))
    by_slot: dict[str, list[tuple[tuple[date, date], StateEntry]]] = defaultdict(list)
    for item in entries:
        by_slot[item[1].slot].append(item)
    for items in by_slot.values():
        current = [i for i in items if not i[1].history and i[1].certainty != "denied" and i[1].as_of]
        if not current:
            continue
        latest_order, latest = current[-1]
        for order, entry in items:
            if entry is latest or order >= latest_order or entry.family == latest.family:
                continue
            if entry.certainty != "denied" and (_LEXICON.excluded(entry.family, latest.family)
                                                or entry.history):
                entry.superseded_by = f"{latest.value}, {as_of_label(latest.as_of)}"
    return [entry for _, entry in entries]
