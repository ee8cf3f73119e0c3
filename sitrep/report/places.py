"""Where things happened: the places of a situation on the map, and the place of an event.

A place is a name the gazetteer knows (it gives the geonameid, the country and a point): an
actor of kind "place" or "country", a place of the Regional context ("Bamako (Mali)"), or, in an
event's sentence, a run of capitalised words that names a city or a country (not the
sentence's first word alone, not part of another actor's name, not a weekday, month or title:
"Police" and "Mobile" are towns too). An event is placed, in this order, at:
1. a city named in one of its sentences (geo precision 1, ACLED's "the town itself");
2. its article's dateline city (precision 2: reported from there, maybe nearby);
3. a country named in one of its sentences, else the situation's focus country (precision 3:
   only the country is known; the point is its capital's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Actor, ContextItem, Evidence, Situation
from ..nlp.gazetteer import Gazetteer, Place, load_gazetteer
from ..query import mentions
from ..text import fold
from .events import SURENESS, DatedEvent

PLACE_KINDS = ("place", "country")


@dataclass(frozen=True)
class Located:
    """Where an event is placed, and how precisely (ACLED's geo_precision: 1, 2 or 3)."""

    place: Place
    precision: int


@dataclass
class MapPlace:
    """One point on the map: a place, what happened there and who was involved."""

    place: Place
    names: list[str]
    """The situation's names for it ("Mali", "Malian Republic")."""
    actors: list[str] = field(default_factory=list)
    """Other actors named with it or in events placed there, most prominent first."""
    files: list[str] = field(default_factory=list)
    mentions: int = 0
    events: int = 0
    certainty: str | None = None
    """The surest certainty of the events placed there; None when no event is."""


_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}")
_NOT_PLACES = frozenset(
    fold(w)
    for w in (
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
        "August September October November December General President Minister Colonel Captain Mr Mrs Ms Dr "
        "The A An In On At By Of For And But He She They It We His Her Their"
    ).split()
)


class Locator:
    """Places the events of one situation (built once per export)."""

    def __init__(self, situation: Situation, gazetteer: Gazetteer | None = None) -> None:
        self.situation = situation
        self.gazetteer = gazetteer or load_gazetteer()
        self.places: list[tuple[tuple[str, ...], Place]] = []
        """Every place the situation names that the gazetteer knows, with its names, in report order."""
        self.sources: dict[int, list[Actor | ContextItem]] = {}
        """What names each place (by geonameid): place actors and Regional context places."""
        for actor in situation.actors:
            if actor.kind in PLACE_KINDS:
                place = self._place(actor.name) or next(filter(None, map(self._place, actor.aliases)), None)
                if place is not None:
                    self._add(tuple(actor.names()), place, actor)
        for item in situation.context:
            name, _, country = item.text.partition(" (")
            place = self._place(name) if item.kind == "place" else None
            if place is not None and (not country or country.rstrip(")") == place.country):
                self._add((name,), place, item)
        self.other_names = [n for a in situation.actors if a.kind not in PLACE_KINDS for n in a.names()]
        self.dateline_of = {
            a.path: a.provenance.dateline for a in situation.articles if a.provenance.dateline
        }
        self.focus = self._place(situation.focus) if situation.focus else None

    def _add(self, names: tuple[str, ...], place: Place, source: Actor | ContextItem) -> None:
        self.places.append((names, place))
        self.sources.setdefault(place.geonameid, []).append(source)

    def _place(self, name: str) -> Place | None:
        """The gazetteer's place for `name`, when it has a point."""
        place = self.gazetteer.locate(name)
        return place if place is not None and place.latitude is not None else None

    def named_in(self, sentence: str) -> list[Place]:
        """The known places a sentence names, cities first (see the module docstring)."""
        found = [place for names, place in self.places if mentions(sentence, names)]
        for match in _CAPITALISED.finditer(sentence):
            words = match[0].split()
            for size in range(len(words), 0, -1):
                for start in range(len(words) - size + 1):
                    name = " ".join(words[start : start + size]).rstrip(".")
                    if (
                        size == 1 and (match.start() == 0 and start == 0 or fold(name) in _NOT_PLACES)
                    ) or any(mentions(other, (name,)) for other in self.other_names):
                        continue
                    place = self._place(name)
                    if place is not None:
                        found.append(place)
        return sorted(dict.fromkeys(found), key=lambda p: p.feature != "city")

    def locate(self, evidence: list[Evidence]) -> Located | None:
        """Where the event told by `evidence` happened (see the module docstring)."""
        named = [place for e in evidence for place in self.named_in(e.sentence)]
        city = next((p for p in named if p.feature == "city"), None)
        if city is not None:
            return Located(city, 1)
        for e in evidence:
            dateline = self._place(self.dateline_of.get(e.file, ""))
            if dateline is not None and dateline.feature == "city":
                return Located(dateline, 2)
        country = next((p for p in named if p.feature == "country"), None) or self.focus
        return Located(country, 3) if country is not None else None


def map_places(
    situation: Situation, events: list[DatedEvent], locator: Locator | None = None
) -> list[MapPlace]:
    """One `MapPlace` per geonameid named in `situation` or where an event is placed, most
    mentioned first."""
    locator = locator or Locator(situation)
    by_id: dict[int, MapPlace] = {}
    involved: dict[int, dict[str, float]] = {}
    sentences_of: dict[int, set[str]] = {}
    scores = {a.name: a.score for a in situation.actors}
    for names, place in locator.places:
        point = by_id.setdefault(place.geonameid, MapPlace(place, []))
        point.names += [n for n in names[:1] if n not in point.names]
    for geonameid, sources in locator.sources.items():
        point = by_id[geonameid]
        for source in sources:
            evidence = source.evidence
            point.mentions += source.mentions if isinstance(source, Actor) else len(evidence)
            files = source.articles if isinstance(source, Actor) else [e.file for e in evidence]
            point.files = list(dict.fromkeys([*point.files, *files]))
            sentences_of.setdefault(geonameid, set()).update(e.sentence for e in evidence)
            if isinstance(source, ContextItem):
                for name in source.actors:
                    involved.setdefault(geonameid, {})[name] = scores.get(name, 0.0)
    for actor in situation.actors:
        if actor.kind in PLACE_KINDS:
            continue
        sentences = {e.sentence for e in actor.evidence}
        for geonameid, place_sentences in sentences_of.items():
            if sentences & place_sentences:
                involved.setdefault(geonameid, {})[actor.name] = actor.score
    for event in events:
        located = locator.locate(event.evidence)
        if located is None:
            continue
        point = by_id.setdefault(located.place.geonameid, MapPlace(located.place, [located.place.name]))
        point.events += 1
        point.files = list(dict.fromkeys([*point.files, *event.files]))
        if point.certainty is None or SURENESS[event.certainty] > SURENESS[point.certainty]:
            point.certainty = event.certainty
        if event.actor.kind not in PLACE_KINDS:
            involved.setdefault(located.place.geonameid, {})[event.actor.name] = scores.get(
                event.actor.name, 0.0
            )
    for geonameid, point in by_id.items():
        ranked = sorted(involved.get(geonameid, {}).items(), key=lambda item: (-item[1], item[0]))
        point.actors = [name for name, _score in ranked if name not in point.names]
    return sorted(by_id.values(), key=lambda p: (-p.mentions, p.place.country, p.names[0]))
