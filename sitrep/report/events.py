"""Dated events: what happened to or was done by an actor, on a day, a week or a month.

One list serves the ACLED rows, the Mermaid timeline and the map, so all three count the same
events. An actor's `StatusEvent`s are grouped by (actor, event, date): one arrest told by four
articles is one event with four pieces of evidence, and its certainty is the surest any
source gives it. Speech ("says", "denies", "claims") is not an event here; neither is a state
held over time ("in power", "leads").

When an event has a date of its own (`StatusEvent.when`) that date is used. An event without
one took place on or shortly before its article's day, so that day is used with a week's
precision. An event told in the past perfect with no date (`prior`), or as background with no
date, is left out: when it happened is unknown. A date coarser than a month ("2012/2014")
is too vague for an event row and is left out too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..dates import When
from ..model import Actor, Certainty, Evidence, Situation, StatusEvent
from ..sourcing import Mention, count_sources

NOT_EVENTS = frozenset(
    {
        "says",
        "denies",
        "rejects",
        "claims",
        "refuses",
        "demands",
        "warned",
        "criticised",
        "condemned",
        "in power",
        "leads",
        "hosts",
        "protected",
        "alive",
        "retracted",
        "carried out",
        "threatened",
    }
)
"""Lexicon values that are speech or a lasting state, not something that happened on a day."""

SURENESS: dict[str, int] = {"stated": 4, "reported": 3, "alleged": 2, "unclear": 1, "denied": 0}
"""How sure each certainty is, for taking the surest of several sources."""


@dataclass
class DatedEvent:
    """One event on one date, with every source that tells it."""

    actor: Actor
    event: str
    """The lexicon value ("arrested", "killed", "seized")."""
    when: When
    precision: str
    """"day", "week" (a range of up to 7 days, or the article's day for an undated event) or "month"."""
    dated_by: str
    """"event" when a sentence dates it, "article" when only its article's day does."""
    certainty: Certainty
    details: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)
    """Sources that deny it (its denials are not rows of their own)."""
    independent_sources: int = 0
    article_count: int = 0

    @property
    def day(self) -> date:
        """The day a row gives: the day itself, the first day of a week, the 15th of a month
        (ACLED's convention for an event known to the month)."""
        if self.precision == "month":
            return self.when.start.replace(day=15)
        return self.when.start

    @property
    def files(self) -> list[str]:
        """The articles it comes from, in order."""
        return list(dict.fromkeys(e.file for e in self.evidence))

    @property
    def phrase(self) -> str:
        """ "arrested", "killed (107 of its fighters)": the event and its first detail."""
        detail = next((d for d in self.details if d), "")
        return f"{self.event} {detail}".strip()


def _event_date(event: StatusEvent) -> tuple[When, str, str] | None:
    """The date of `event`, its precision and what dates it; None when it has no usable date."""
    if event.when:
        when = When.from_iso(event.when)
        if when is None:
            return None
        if when.precision in ("day", "month"):
            return when, when.precision, "event"
        if when.precision == "range" and (when.end - when.start).days < 7:
            return when, "week", "event"
        return None
    if event.prior or event.background or not event.article_date:
        return None
    day = When.from_iso(event.article_date)
    if day is None or day.precision != "day":
        return None
    return day, "week", "article"


def dated_events(situation: Situation) -> list[DatedEvent]:
    """Every dated event of `situation`, oldest first (ties in actor order)."""
    outlet_of = {a.path: a.outlet for a in situation.articles}
    groups: dict[tuple[str, str, str], DatedEvent] = {}
    events_of: dict[tuple[str, str, str], list[StatusEvent]] = {}
    for actor in situation.actors:
        for event in actor.events:
            if event.event in NOT_EVENTS:
                continue
            dated = _event_date(event)
            if dated is None:
                continue
            when, precision, dated_by = dated
            key = (actor.name, event.event, when.iso)
            row = groups.get(key)
            if row is None:
                row = groups[key] = DatedEvent(actor, event.event, when, precision, dated_by, "denied")
            events_of.setdefault(key, []).append(event)
            if event.polarity == "denied":
                if event.source and event.source not in row.denied_by:
                    row.denied_by.append(event.source)
                continue
            if SURENESS[event.certainty] > SURENESS[row.certainty]:
                row.certainty = event.certainty
            if event.detail not in row.details:
                row.details.append(event.detail)
            if event.source not in row.sources:
                row.sources.append(event.source)
            if event.evidence not in row.evidence:
                row.evidence.append(event.evidence)
    _fold_into_dated(groups, events_of)
    rows = [row for row in groups.values() if row.certainty != "denied"]  # only denials: no event
    for key, row in groups.items():
        affirmed = [e for e in events_of[key] if e.polarity != "denied"]
        row.independent_sources, row.article_count = count_sources(
            (Mention(e.source, e.evidence.sentence, e.evidence.file) for e in affirmed), outlet_of
        )
    order = {a.name: n for n, a in enumerate(situation.actors)}
    return sorted(rows, key=lambda r: (r.day, order.get(r.actor.name, 0), r.event))


def _fold_into_dated(
    groups: dict[tuple[str, str, str], DatedEvent], events_of: dict[tuple[str, str, str], list[StatusEvent]]
) -> None:
    """An event dated only by its article joins the same actor's same event dated by a sentence
    in the week before that article ("killed on Monday" in one article, "killed" in the next):
    one event, not two."""
    for key, row in list(groups.items()):
        if row.dated_by != "article":
            continue
        article_day = row.when.start
        target = next(
            (
                k
                for k, other in groups.items()
                if other.dated_by == "event"
                and k[:2] == key[:2]
                and 0 <= (article_day - other.when.end).days <= 7
            ),
            None,
        )
        if target is None:
            continue
        into = groups[target]
        for event in events_of.pop(key):
            events_of[target].append(event)
            if event.polarity == "denied":
                into.denied_by += (
                    [event.source] if event.source and event.source not in into.denied_by else []
                )
                continue
            if SURENESS[event.certainty] > SURENESS[into.certainty]:
                into.certainty = event.certainty
            into.details += [event.detail] if event.detail not in into.details else []
            into.sources += [event.source] if event.source not in into.sources else []
            into.evidence += [event.evidence] if event.evidence not in into.evidence else []
        del groups[key]
