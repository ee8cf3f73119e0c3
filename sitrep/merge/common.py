"""What every part of the merge shares: certainty ranks, lexicon families, the situation's
time window and when an event held."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from ..dates import When
from ..lexicon import lexicon
from ..model import ArticleResult, StatusEvent
from ..nlp.gazetteer import load_gazetteer
from ..text import ends_name, name_key

CERTAINTY_RANK: dict[str, int] = {"stated": 0, "reported": 1, "alleged": 2, "unclear": 3, "denied": 4}

_LEXICON = lexicon()

FAMILY = _LEXICON.family
"""Event families: wordings of one fact that must be compared with each other."""


@lru_cache(maxsize=1 << 14)
def own_account(source: str, actor: str) -> bool:
    """Whether `source` is `actor` speaking of itself, by its name or a shorter one it ends with
    ("Tayyip Erdogan" of the merged "Recep Tayyip Erdogan")."""
    return source == actor or bool(source) and ends_name(name_key(source), name_key(actor))


KIND_BONUS = {"person": 1.5, "armed group": 1.2, "country": 0.8, "organisation": 0.8, "collective": 0.6,
              "place": 0.2}

WINDOW_MARGIN_DAYS = 30
"""Facts dated this long before the first article are history, whatever their tense."""


def _held_at(event: StatusEvent) -> When | None:
    """When an event held: its own date, else its article's. An ongoing state ("in power since
    2021") holds as of its article, whatever its start."""
    ongoing = FAMILY.get(event.event) in _LEXICON.ongoing and not event.background
    if event.when and not ongoing:
        return When.from_iso(event.when)
    if event.background or event.prior:
        return None  # "has been repeatedly detained", "said he had been held": no date of its own
    return When.from_iso(event.article_date) if event.article_date else None


def _window_start(results: list[ArticleResult]) -> date | None:
    """The first day of the situation: the earliest article's date, less a margin."""
    days = [w.start for r in results if r.date and (w := When.from_iso(r.date)) is not None]
    return min(days) - timedelta(days=WINDOW_MARGIN_DAYS) if days else None


def is_history(event: StatusEvent, window_start: date | None) -> bool:
    """Told as background, or dated before the situation's window."""
    return event.background or dated_before(event, window_start)


ONCE_ONLY = frozenset({"killed"})
"""Families of what befalls an actor once: every telling of it is of the one event."""


def retold_history(events: list[StatusEvent], window_start: date | None) -> dict[int, When | None]:
    """The undated tellings (by id) of a once-only fact that another telling dates as history,
    each with when that telling holds it: "following the assassination of President Moïse" in
    2024 retells his killing "in 2021"."""
    old = {(FAMILY.get(e.event), e.polarity): _held_at(e) for e in events
           if FAMILY.get(e.event) in ONCE_ONLY and e.when and is_history(e, window_start)}
    if not old:
        return {}
    return {id(e): old[fact] for e in events
            if not e.when and (fact := (FAMILY.get(e.event), e.polarity)) in old}


def dated_before(event: StatusEvent, window_start: date | None) -> bool:
    """Whether the event's own date ends before the situation's window opens."""
    held = When.from_iso(event.when) if event.when else None
    return held is not None and window_start is not None and held.end < window_start


SEATS_OF_POWER = {"kremlin": "Russia", "white house": "United States", "pentagon": "United States",
                  "state department": "United States", "downing street": "United Kingdom",
                  "number 10": "United Kingdom", "no 10": "United Kingdom", "elysee": "France",
                  "zhongnanhai": "China", "quai d orsay": "France", "chancellery": "Germany"}
"""Buildings that stand for a government in news English ("the Kremlin denied")."""


@lru_cache(maxsize=1 << 14)
def government_key(source: str) -> str:
    """One key for a government however a source names it: the country ("Russia"), its capital
    ("Moscow" as metonymy) or its seat of power ("the Kremlin") give the same key; any other
    source keeps its own name key."""
    key = name_key(source.removeprefix("the ").removeprefix("The "))
    if key in SEATS_OF_POWER:
        return "government:" + name_key(SEATS_OF_POWER[key])
    gaz = load_gazetteer()
    country = gaz.canonical_country(source)
    if country is None:
        code = gaz.cities.get(key)
        if code and name_key(gaz.capitals.get(code, "")) == key:
            country = gaz.countries.get(code)
    return "government:" + name_key(country) if country else key


def planned(detail: str) -> str:
    """What a plan is to do, by its first verb ("to reduce his powers": "reduce"): plans to do
    different things do not contradict each other ("promised to reduce his powers" and "denied
    he would leave the country"). "" for a plan not to do something, which its denial would agree
    with, or one with no verb after "to"."""
    words = detail.lower().split()
    if "not" in words[:3] or len(words) < 2 or words[0] != "to":
        return ""
    return words[1]
