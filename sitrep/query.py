"""Questions asked of a `Situation`: find an actor by any of its names, keep what involves it.

Used by `sitrep report --actor` and by the TUI filter, so both narrow the same way.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Actor, Evidence, Situation
from .names import fold, name_key


def find_actor(situation: Situation, query: str) -> Actor | None:
    """The actor whose name or alias matches `query` (exact key first, then a whole-word match)."""
    key = name_key(query)
    if not key:
        return None
    for actor in situation.actors:
        if any(name_key(n) == key for n in actor.names()):
            return actor
    pattern = re.compile(r"(?<![a-z0-9])" + re.escape(key) + r"(?![a-z0-9])")
    for actor in situation.actors:
        if any(pattern.search(name_key(n)) for n in actor.names()):
            return actor
    return None


def mentions_actor(text: str, actor: Actor) -> bool:
    """Whether `text` names the actor by its name or any alias (whole words, accents folded)."""
    hay = fold(text)
    for name in actor.names():
        needle = fold(name)
        if len(needle) >= 2 and re.search(r"(?<![\w])" + re.escape(needle) + r"(?![\w])", hay):
            return True
    return False


def _evidence_names(evidence: list[Evidence], actor: Actor) -> bool:
    return any(mentions_actor(e.sentence, actor) for e in evidence)


def filter_situation(situation: Situation, actor: Actor) -> Situation:
    """The parts of `situation` that involve `actor`: its status, disputes and context naming it,
    the articles it appears in."""
    files = set(actor.articles)
    status = [s for s in situation.status if actor.name in s.actors or _evidence_names(s.evidence, actor)]
    disputes = [
        d for d in situation.disputes
        if actor.name in d.actors or mentions_actor(d.subject, actor) or any(mentions_actor(c.text, actor) for c in d.claims)
    ]
    context = [
        c for c in situation.context
        if actor.name in c.actors or mentions_actor(c.text, actor) or _evidence_names(c.evidence, actor)
    ]
    articles = [a for a in situation.articles if a.path in files]
    return replace(situation, status=status, actors=[actor], disputes=disputes, context=context, articles=articles)
