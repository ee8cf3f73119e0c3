"""Mermaid diagrams for the Markdown report: a timeline of dated events and a graph of relations.

GitHub, GitLab and Obsidian draw a fenced ```` ```mermaid ```` block. Names come from articles,
so every label goes through `mermaid_text`: cleaned by `text.clean`, then every character
but letters, digits, spaces and `.,'()/-` written as a Mermaid entity code (`#35;` for `#`),
which Mermaid shows as the character and never reads as syntax (no `:` ends a timeline entry,
no `"` ends a label, no `;`, `%%`, `<`, backtick or `click` directive gets through). Node ids
are made by sitrep (`a1`, `a2`), never taken from a name.

- The timeline lists the dated events (`events.py`) by period, each as "actor: event
  (certainty)"; an event dated only by its article reads "by 2 September 2020".
- The graph links the actors who act on each other: X accuses Y (an accusation whose source is
  a known actor), X attacks, allies with, cuts ties with, warns, condemns... Y (an actor's own
  act whose object names another actor), and X detains, kills, abducts or releases Y (when the
  event names who did it, "held by Boko Haram"). A denied act draws no edge.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Actor, Situation
from ..query import actor_by_name, names_pattern
from ..text import clean, fold_chars
from .events import SURENESS, DatedEvent, dated_events

TIMELINE_EVENTS = 40
"""At most this many events on the timeline (the surest and best sourced, shown in date order)."""
GRAPH_EDGES = 30
"""At most this many relations in the graph (the most often told)."""
LABEL_LENGTH = 60

ACTS = {
    "attacked": "attacks",
    "allied": "allies with",
    "cut ties": "cuts ties with",
    "agreed": "agrees with",
    "met": "meets",
    "negotiates": "negotiates with",
    "warned": "warns",
    "condemned": "condemns",
    "criticised": "criticises",
    "threatened": "threatens",
}
"""An actor's own act on another (the object names it) -> the edge label."""
UNDERGONE = {
    "arrested": "detains",
    "detained": "detains",
    "jailed": "detains",
    "abducted": "abducts",
    "killed": "kills",
    "injured": "injures",
    "released": "releases",
    "ousted": "ousts",
}
"""What happens to an actor, when the event names who did it ("by X") -> the edge label."""
ACCUSATIONS = frozenset({"accused", "charged", "suspected"})

_SAFE = re.compile(r"[^\w .,'()/-]|_")


def mermaid_text(text: str, limit: int = LABEL_LENGTH) -> str:
    """`text` as a Mermaid label: cleaned, on one line, at most `limit` characters, every
    character that could be syntax written as an entity code."""
    text = " ".join(clean(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _SAFE.sub(lambda m: "".join(f"#{ord(c)};" for c in m[0]), text)


def _period(event: DatedEvent) -> str:
    return f"by {event.when.label}" if event.dated_by == "article" else event.when.label


def timeline(events: list[DatedEvent]) -> list[str]:
    """The ```mermaid timeline block (lines), or [] when no event is dated."""
    if not events:
        return []
    chosen = sorted(events, key=lambda e: (-SURENESS[e.certainty], -e.independent_sources, e.day))[
        :TIMELINE_EVENTS
    ]
    chosen.sort(key=lambda e: (e.day, events.index(e)))
    lines = ["```mermaid", "timeline"]
    last = None
    for event in chosen:
        entry = mermaid_text(f"{event.actor.name}: {event.phrase} ({event.certainty})".replace(": ", " - "))
        period = mermaid_text(_period(event))
        if period != last:
            lines.append(f"    {period} : {entry}")
            last = period
        else:
            lines.append(f"    {' ' * len(period)} : {entry}")
    return [*lines, "```"]


class _Names:
    """The actors an event's detail may name, each actor's pattern compiled on first use and kept:
    asked for afresh per event, a folder with more actors than `names_pattern` keeps compiled
    made every event compile them all again."""

    def __init__(self, situation: Situation) -> None:
        self.actors = [a for a in situation.actors if a.kind != "place"]
        self.patterns: dict[int, re.Pattern[str] | None] = {}

    def first_in(self, text: str, besides: Actor) -> Actor | None:
        """The first actor (in the situation's order, not `besides`) that `text` names."""
        if not text.strip():
            return None
        folded = fold_chars(text)
        for index, actor in enumerate(self.actors):
            if actor is besides:
                continue
            if index not in self.patterns:
                self.patterns[index] = names_pattern(tuple(actor.names()))
            pattern = self.patterns[index]
            if pattern is not None and pattern.search(folded):
                return actor
        return None


def relations(situation: Situation) -> Counter[tuple[str, str, str]]:
    """(actor, label, other actor) -> how many events tell it."""
    names = _Names(situation)
    edges: Counter[tuple[str, str, str]] = Counter()
    for actor in situation.actors:
        for event in actor.events:
            if event.polarity == "denied":
                continue
            if event.event in ACCUSATIONS:
                accuser = actor_by_name(situation, event.source) if event.source else None
                if accuser is not None and accuser is not actor:
                    edges[(accuser.name, "accuses", actor.name)] += 1
            elif event.event in ACTS:
                other = names.first_in(event.detail, actor)
                if other is not None:
                    edges[(actor.name, ACTS[event.event], other.name)] += 1
            elif event.event in UNDERGONE and event.detail.lower().startswith("by "):
                doer = names.first_in(event.detail[3:], actor)
                if doer is not None:
                    edges[(doer.name, UNDERGONE[event.event], actor.name)] += 1
    return edges


def relation_graph(situation: Situation) -> list[str]:
    """The ```mermaid graph block (lines), or [] when no two actors act on each other."""
    edges = relations(situation).most_common(GRAPH_EDGES)
    if not edges:
        return []
    ids: dict[str, str] = {}
    for (source, _label, target), _count in edges:
        for name in (source, target):
            ids.setdefault(name, f"a{len(ids) + 1}")
    lines = ["```mermaid", "graph LR"]
    lines += [f'    {node}["{mermaid_text(name)}"]' for name, node in ids.items()]
    for (source, label, target), count in edges:
        text = mermaid_text(label + (f" x{count}" if count > 1 else ""))
        lines.append(f'    {ids[source]} -->|"{text}"| {ids[target]}')
    return [*lines, "```"]


def mermaid_sections(situation: Situation) -> list[str]:
    """The Markdown "Timeline" and "Relations" sections (each only when it has something)."""
    out: list[str] = []
    events = dated_events(situation)
    block = timeline(events)
    if block:
        out += ["## Timeline", "", *block, ""]
    block = relation_graph(situation)
    if block:
        out += ["## Relations", "", *block, ""]
    return out
