"""ACLED-style event rows: one row per dated event, in ACLED's columns plus sitrep's own.

ACLED (the Armed Conflict Location & Event Data project) codes each event with a date and its
precision, an event type and sub-event type from its codebook, two actors, a place with its
precision, sources, notes and fatalities. sitrep maps its lexicon values onto that taxonomy
(`EVENT_TYPES`) and adds what ACLED has no column for: `certainty` (stated, reported, alleged,
unclear), `independent_sources` (one wire story in four outlets is one) and `evidence` (the
file and sentence of each mention).

- `event_date` is ISO (YYYY-MM-DD). `time_precision` is ACLED's: 1 the day is known, 2 the
  week (an event dated to a few days, or undated in an article of that day), 3 the month (the
  15th is given).
- `actor1` does, `actor2` undergoes: an arrest, a killing or an abduction puts the actor it
  happened to in `actor2` and leaves `actor1` empty when the articles do not say who did it;
  an attack, a capture or an agreement puts the actor that acts in `actor1` and an actor named
  in its object ("attacked the army base") in `actor2`.
- A killing or an attack is a Battle (armed clash) when the actor it hits is armed (an armed
  group, soldiers, troops, police, militants...; for an attack with no known target, when its
  object names a force: "attacked an army convoy"), else Violence against civilians (attack).
- `geo_precision` is ACLED's: 1 a town named in the sentence, 2 the article's dateline town,
  3 only the country (its capital's point); see `places.py`.
- `fatalities` counts the dead of a killing, from its detail, the actor's name or the words
  before that name in the sentence ("eight soldiers" 8, a person 1, "dozens" 12,
  "hundreds" 100, as ACLED's codebook reads such words); 0 for any other event or when no
  number is given.

Events sitrep knows but ACLED does not code (accusations, trials, resignations, flight) are
left out here; they are on the Markdown timeline.
"""

from __future__ import annotations

import re

from ..model import Actor, Situation
from ..query import mentions
from ..text import fold
from .csv_text import joined, to_csv
from .events import DatedEvent, dated_events
from .places import PLACE_KINDS, Locator
from .tables import evidence_cell

COLUMNS = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "certainty",
    "independent_sources",
    "evidence",
)
"""The columns of an event row, in order: ACLED's, then sitrep's own three."""

VIOLENCE = "violence"
"""Placeholder type of killings and attacks: a Battle or Violence against civilians, by target."""
TERRITORY = "territory"
"""Placeholder type of captures: a government or a non-state actor taking ground."""

EVENT_TYPES: dict[str, tuple[str, str, str]] = {
    "arrested": ("Strategic developments", "Arrests", "target"),
    "detained": ("Strategic developments", "Arrests", "target"),
    "jailed": ("Strategic developments", "Arrests", "target"),
    "abducted": ("Violence against civilians", "Abduction/forced disappearance", "target"),
    "released": ("Strategic developments", "Other", "target"),
    "killed": (VIOLENCE, VIOLENCE, "target"),
    "injured": (VIOLENCE, VIOLENCE, "target"),
    "attacked": (VIOLENCE, VIOLENCE, "actor"),
    "seized": ("Battles", TERRITORY, "actor"),
    "occupied": ("Battles", TERRITORY, "actor"),
    "withdrew": ("Strategic developments", "Non-violent transfer of territory", "actor"),
    "ousted": ("Strategic developments", "Other", "target"),
    "seized power": ("Strategic developments", "Other", "actor"),
    "took power": ("Strategic developments", "Other", "actor"),
    "came to power": ("Strategic developments", "Other", "actor"),
    "returned to power": ("Strategic developments", "Other", "actor"),
    "sworn in": ("Strategic developments", "Other", "actor"),
    "agreed": ("Strategic developments", "Agreement", "actor"),
    "allied": ("Strategic developments", "Agreement", "actor"),
    "cut ties": ("Strategic developments", "Other", "actor"),
}
"""Lexicon value -> (ACLED event type, sub-event type, the role of the actor the event is about:
"target" goes to actor2, "actor" to actor1)."""

ARMED_WORDS = frozenset(
    {
        "soldier",
        "soldiers",
        "troops",
        "army",
        "military",
        "forces",
        "militants",
        "militant",
        "fighters",
        "rebels",
        "rebel",
        "police",
        "policemen",
        "gunmen",
        "guards",
        "officers",
        "junta",
        "militia",
        "militias",
        "jihadists",
        "insurgents",
        "security",
        "commander",
        "general",
        "colonel",
    }
)
"""Words that make an actor armed (with kind "armed group")."""

STATE_WORDS = frozenset({"army", "military", "troops", "government", "police", "forces", "soldiers", "junta"})
"""Words that make an actor a state force (with kind "country")."""

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "dozens": 12,
    "several": 10,
    "scores": 20,
    "hundreds": 100,
}
_PRECISION = {"day": 1, "week": 2, "month": 3}


def _words(actor: Actor) -> set[str]:
    return set(re.findall(r"[a-z]+", fold(" ".join([actor.name, *actor.roles]))))


def is_armed(actor: Actor | None) -> bool:
    """Whether `actor` is armed: an armed group, or named or titled as a force ("soldiers", "General")."""
    return actor is not None and (actor.kind == "armed group" or bool(_words(actor) & ARMED_WORDS))


def is_state_force(actor: Actor) -> bool:
    """Whether `actor` is a state or its forces (a country, "the army", "government troops")."""
    return actor.kind == "country" or (actor.kind != "armed group" and bool(_words(actor) & STATE_WORDS))


def fatalities(event: DatedEvent) -> int:
    """The dead of a killing (see the module docstring); 0 for other events."""
    if event.event != "killed":
        return 0
    name = re.escape(event.actor.name.removeprefix("the "))
    counted = [
        m[0]
        for e in event.evidence
        for m in re.finditer(rf"\b[\w,]+(?:\s+[a-z-]+)?\s+{name}\b", e.sentence, re.IGNORECASE)
    ]
    for text in [*event.details, event.actor.name, *counted]:
        digits = re.search(r"\b(\d{1,6})\b", text.replace(",", ""))
        if digits:
            return int(digits[1])
        for word in re.findall(r"[a-z]+", fold(text)):
            if word in _NUMBER_WORDS:
                return _NUMBER_WORDS[word]
    return 1 if event.actor.kind == "person" else 0


def _other(event: DatedEvent, situation: Situation) -> Actor | None:
    """An actor named in the event's object ("attacked the army base" -> "the army"), not a place."""
    text = " ".join(event.details)
    if not text:
        return None
    return next(
        (
            a
            for a in situation.actors
            if a is not event.actor and a.kind not in PLACE_KINDS and mentions(text, tuple(a.names()))
        ),
        None,
    )


def _types(event: DatedEvent, other: Actor | None) -> tuple[str, str]:
    """ACLED's event type and sub-event type for `event`."""
    event_type, sub_type, role = EVENT_TYPES[event.event]
    if event_type == VIOLENCE:
        target = event.actor if role == "target" else other
        object_words = set(re.findall(r"[a-z]+", fold(" ".join(event.details))))
        if is_armed(target) or (target is None and object_words & ARMED_WORDS):
            return "Battles", "Armed clash"
        return "Violence against civilians", "Attack"
    if sub_type == TERRITORY:
        if is_state_force(event.actor):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    return event_type, sub_type


def _notes(event: DatedEvent) -> str:
    """ACLED-style notes: "On 2 September 2020, X: arrested (reported, according to AFP). Denied by Y."."""
    bits: list[str] = [] if event.certainty == "stated" else [event.certainty]
    sources = joined(s for s in event.sources if s and s != "the article")
    if sources:
        bits.append(f"according to {sources}")
    text = f"On {event.when.label}, {event.actor.name}: {event.phrase}" + (
        f" ({', '.join(bits)})" if bits else ""
    )
    if event.denied_by:
        text += f". Denied by {joined(event.denied_by, ', ')}"
    return text + "."


def acled_rows(
    situation: Situation, events: list[DatedEvent] | None = None, locator: Locator | None = None
) -> list[dict[str, str | int | float | None]]:
    """One row (column -> value) per dated event ACLED codes, oldest first."""
    events = dated_events(situation) if events is None else events
    locator = locator or Locator(situation)
    outlet_of = {a.path: a.outlet for a in situation.articles}
    rows: list[dict[str, str | int | float | None]] = []
    for event in events:
        if event.event not in EVENT_TYPES:
            continue
        other = _other(event, situation)
        event_type, sub_type = _types(event, other)
        role = EVENT_TYPES[event.event][2]
        actor1, actor2 = (
            (event.actor.name, other.name if other else "") if role == "actor" else ("", event.actor.name)
        )
        located = locator.locate(event.evidence)
        place = located.place if located else None
        rows.append(
            {
                "event_date": event.day.isoformat(),
                "time_precision": _PRECISION[event.precision],
                "event_type": event_type,
                "sub_event_type": sub_type,
                "actor1": actor1,
                "actor2": actor2,
                "country": place.country if place else "",
                "location": place.name if place else "",
                "latitude": place.latitude if place else None,
                "longitude": place.longitude if place else None,
                "geo_precision": located.precision if located else None,
                "source": joined(outlet_of.get(f) or "unknown outlet" for f in event.files),
                "notes": _notes(event),
                "fatalities": fatalities(event),
                "certainty": event.certainty,
                "independent_sources": event.independent_sources,
                "evidence": evidence_cell(event.evidence),
            }
        )
    return rows


def to_acled(situation: Situation) -> str:
    """The ACLED-style rows as one CSV document (`COLUMNS` as its header)."""
    rows = acled_rows(situation)
    return to_csv(COLUMNS, ([row[c] for c in COLUMNS] for row in rows))
