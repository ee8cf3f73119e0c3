"""Questions asked of a `Situation`: which actor a typed name means, and what involves it.

The one actor matcher: `sitrep report --actor`, `sitrep DIR --actor`, the dashboard's `/`
filter and its command palette all ask `find_actor` or `ActorIndex.suggest` here, so a name
that finds an actor in one finds the same actor in all ("General Abass Dembele", a typo such
as "Goldsmith", "goita" without its accent). And one meaning of "what involves it":
`filter_situation` narrows a report, the JSON of `--actor` and the dashboard's panes alike (the
actor and those named with it; its status, disputes, context and articles).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .model import Actor, ContextItem, Dispute, Evidence, Situation, StatusLine
from .text import fold, fold_chars

FUZZY_CUTOFF = 75.0
"""Lowest rapidfuzz WRatio score at which a typed name counts as a match."""


def actor_by_name(situation: Situation, name: str) -> Actor | None:
    """The actor whose canonical name or alias is `name` (case- and accent-insensitive)."""
    wanted = fold(name.strip())
    for actor in situation.actors:
        if any(fold(n) == wanted for n in actor.names()):
            return actor
    return None


class ActorIndex:
    """Every actor name and alias of a situation, folded once, for suggestions as the user types.

    Built once per filter box opening: folding and splitting 4,000 names on every keystroke was
    most of a keystroke's time with 2,000 actors.
    """

    def __init__(self, situation: Situation) -> None:
        self.main = [a for a in situation.actors if not a.minor]
        self.entries: list[tuple[str, str, str, Actor]] = []
        """(name, folded name, its folded words each after one space, actor), in report order."""
        for actor in situation.actors:
            for name in actor.names():
                lowered = fold(name)
                self.entries.append((name, lowered, " " + " ".join(lowered.split()), actor))
        from rapidfuzz import utils  # imported on first use: 9 ms of the dashboard's start

        self.processed = [utils.default_process(lowered) for _name, lowered, _words, _actor in self.entries]
        """The folded names as rapidfuzz's default processor leaves them (for the fuzzy scores)."""

    def suggest(self, query: str, limit: int = 8) -> list[tuple[Actor, str]]:
        """Actors best matching `query` as (actor, the name or alias that matched); see `suggest_actors`."""
        query = query.strip()
        if not query:
            return [(a, a.name) for a in self.main[:limit]]
        from rapidfuzz import fuzz, process, utils

        folded = fold(query)
        # A word of a name starts with a one-word query when " " + query is in its spaced words.
        word_start = None if any(c.isspace() for c in folded) else " " + folded
        fuzzy = {index: score for _choice, score, index in process.extract(
            utils.default_process(folded), self.processed, scorer=fuzz.WRatio, processor=None,
            score_cutoff=FUZZY_CUTOFF, limit=None)}
        scored: dict[str, tuple[float, Actor, str]] = {}
        for index, (name, lowered, words, actor) in enumerate(self.entries):
            if lowered == folded:
                score = 200.0
            elif lowered.startswith(folded) or (word_start is not None and word_start in words):
                score = 150.0 + len(folded) / max(len(lowered), 1)
            elif index in fuzzy:
                score = fuzzy[index]
            else:
                continue
            score -= 5 if actor.minor else 0
            best = scored.get(actor.name)
            if best is None or score > best[0]:
                scored[actor.name] = (score, actor, name)
        ranked = sorted(scored.values(), key=lambda t: (-t[0], -t[1].score))
        return [(actor, name) for _score, actor, name in ranked[:limit]]


def suggest_actors(situation: Situation, query: str, limit: int = 8) -> list[tuple[Actor, str]]:
    """Actors best matching `query` as (actor, the name or alias that matched), best first.

    An empty query lists the main actors in report order. Exact and prefix matches on any name
    rank above fuzzy ones.
    """
    return ActorIndex(situation).suggest(query, limit)


def find_actor(situation: Situation, query: str) -> Actor | None:
    """The actor a typed name means: an exact name or alias, else the best fuzzy match (a
    title, a missing accent or a typo still finds it), else None."""
    exact = actor_by_name(situation, query)
    if exact is not None:
        return exact
    names = {fold(n): a for a in situation.actors for n in a.names()}
    if not names or not query.strip():
        return None
    from rapidfuzz import fuzz, process, utils

    best = process.extractOne(fold(query), list(names), scorer=fuzz.WRatio, processor=utils.default_process,
                              score_cutoff=FUZZY_CUTOFF)
    return names[best[0]] if best else None


@lru_cache(maxsize=256)
def names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """A case- and accent-insensitive whole-word pattern for any of `names`, longest first (None if
    empty), to search in `fold_chars(text)`."""
    cleaned = sorted({fold_chars(n.strip()) for n in names if n.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(re.escape(n) for n in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def mentions(text: str, names: tuple[str, ...]) -> bool:
    """Whether `text` names any of `names` as a whole word."""
    pattern = names_pattern(names)
    return bool(pattern and pattern.search(fold_chars(text)))


def _evidence_mentions(evidence: list[Evidence], names: tuple[str, ...]) -> bool:
    return any(mentions(e.sentence, names) for e in evidence)


def _line_involves(line: StatusLine, canonical: str, names: tuple[str, ...]) -> bool:
    return canonical in line.actors or mentions(line.text, names) or _evidence_mentions(line.evidence, names)


def _dispute_involves(dispute: Dispute, canonical: str, names: tuple[str, ...]) -> bool:
    return (
        canonical in dispute.actors
        or mentions(dispute.subject, names)
        or any(mentions(c.text, names) or mentions(c.sentence, names) or mentions(c.source, names)
               for c in dispute.claims)
    )


def _context_involves(item: ContextItem, canonical: str, names: tuple[str, ...]) -> bool:
    return canonical in item.actors or mentions(item.text, names) or _evidence_mentions(item.evidence, names)


def linked_actors(situation: Situation, actor: Actor) -> list[Actor]:
    """Other actors named in the same sentences as `actor`, in report order."""
    sentences = {e.sentence for e in actor.evidence}
    linked: list[Actor] = []
    for other in situation.actors:
        if other.name == actor.name:
            continue
        if any(e.sentence in sentences for e in other.evidence):
            linked.append(other)
    return linked


def filter_situation(situation: Situation, name: str) -> tuple[Situation, Actor | None]:
    """The part of `situation` that involves the actor `name` means, and that actor (if known).

    Unknown names still filter, on the words themselves, so a filter typed before the article
    that names the actor arrives (or kept after it is deleted) narrows rather than vanishes.
    """
    actor = find_actor(situation, name)
    canonical = actor.name if actor else name
    names = tuple(actor.names()) if actor else (name,)
    if actor is not None:
        actors = [actor, *linked_actors(situation, actor)]
        files = set(actor.articles) | {e.file for e in actor.evidence}
    else:
        actors = [a for a in situation.actors if any(mentions(n, names) for n in a.names())]
        files = set()
    status = [s for s in situation.status if _line_involves(s, canonical, names)]
    disputes = [d for d in situation.disputes if _dispute_involves(d, canonical, names)]
    context = [c for c in situation.context if _context_involves(c, canonical, names)]
    for item in status:
        files.update(e.file for e in item.evidence)
    for dispute in disputes:
        files.update(c.article for c in dispute.claims)
    articles = [a for a in situation.articles if a.path in files or mentions(a.title, names)]
    narrowed = replace(situation, status=status, actors=actors, disputes=disputes, context=context,
                       articles=articles, bad_files=[])
    return narrowed, actor

