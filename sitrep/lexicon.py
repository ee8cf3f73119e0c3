"""The one event lexicon (`lexicon.json`): values, slots, families, trigger words, exclusions.

Extraction, merging and disputes all read their event vocabulary from here, so a wording
belongs to one family everywhere. The file is validated when loaded: a trigger that names an
unknown value, a value with an unknown slot or an exclusion between unknown families is a
`LexiconError` naming the entry, not a silent gap.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

SLOTS = ("liberty", "life", "office", "whereabouts", "control", "event", "legal", "role")
ROLES = ("patient", "agent")


class LexiconError(ValueError):
    """The lexicon file is inconsistent; the message names the entry."""


@dataclass(frozen=True)
class Lexicon:
    """The event vocabulary, as lookups."""

    family: dict[str, str]
    """value -> the family of wordings it is compared with ("arrested" -> "detained")."""
    slot: dict[str, str]
    """family -> slot ("detained" -> "liberty")."""
    noun: dict[str, str]
    """family -> the noun a denial of it uses ("detained" -> "arrest")."""
    figure: dict[str, str]
    """value -> the category a count of it joins ("jailed" -> "detained")."""
    ongoing: frozenset[str]
    """Families that hold from their start until overturned ("in power since 2021")."""
    minor: frozenset[str]
    """Values about an actor's own doings that matter less than what happens to it."""
    verbs: dict[str, tuple[str, str]]
    """verb lemma -> (value, who it is about: "patient" or "agent")."""
    power_verbs: dict[str, str]
    """verb lemma with "power"/"control" -> value ("seize" -> "seized power")."""
    nouns: dict[str, str]
    """noun lemma -> value ("arrest" -> "arrested")."""
    adjectives: dict[str, str]
    """predicate adjective -> value ("dead" -> "killed", "missing" -> "missing")."""
    excludes: frozenset[tuple[str, str]]
    """Pairs of families that cannot both hold for one actor at one time (both orders)."""
    happenings: frozenset[str] = frozenset()
    """Nouns for events whose very occurrence can be disputed ("coup", "attack", "poisoning")."""
    refutations: frozenset[str] = frozenset()
    """Words that call a happening untrue ("staged", "a hoax", "a joke", "fabricated")."""

    def excluded(self, a: str, b: str) -> bool:
        """Whether families `a` and `b` contradict each other ("detained" and "released")."""
        return (a, b) in self.excludes


def _validate(data: dict) -> None:
    values = data.get("values")
    if not isinstance(values, dict) or not values:
        raise LexiconError("lexicon: 'values' must be a non-empty object")
    for name, entry in values.items():
        family = entry.get("family")
        if family is not None and family not in values:
            raise LexiconError(f"lexicon: value {name!r} names unknown family {family!r}")
        if entry.get("slot") is not None and entry["slot"] not in SLOTS:
            raise LexiconError(f"lexicon: value {name!r} has unknown slot {entry['slot']!r} (one of "
                               f"{', '.join(SLOTS)})")
    for lemma, entry in data.get("verbs", {}).items():
        if entry.get("value") not in values:
            raise LexiconError(f"lexicon: verb {lemma!r} gives unknown value {entry.get('value')!r}")
        if entry.get("about") not in ROLES:
            raise LexiconError(f"lexicon: verb {lemma!r}: 'about' must be one of {ROLES}")
    for table in ("power_verbs", "nouns", "adjectives"):
        for lemma, value in data.get(table, {}).items():
            if value not in values:
                raise LexiconError(f"lexicon: {table} entry {lemma!r} gives unknown value {value!r}")
    for table in ("happenings", "refutations"):
        words = data.get(table, [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise LexiconError(f"lexicon: {table!r} must be a list of words")
    for pair in data.get("excludes", []):
        if len(pair) != 2 or any(values.get(v, {}).get("family") != v for v in pair):
            raise LexiconError(f"lexicon: exclusion {pair!r} must pair two families")


def parse_lexicon(data: dict) -> Lexicon:
    """A `Lexicon` from the file's JSON object, validated."""
    _validate(data)
    values: dict[str, dict] = data["values"]
    family = {v: e["family"] for v, e in values.items() if e.get("family")}
    return Lexicon(
        family=family,
        slot={e["family"]: e["slot"] for e in values.values() if e.get("family") and e.get("slot")},
        noun={v: e["noun"] for v, e in values.items() if e.get("noun") and family.get(v) == v},
        figure={v: e["figure"] for v, e in values.items() if e.get("figure")},
        ongoing=frozenset(v for v, e in values.items() if e.get("ongoing")),
        minor=frozenset(v for v, e in values.items() if e.get("minor")),
        verbs={lemma: (e["value"], e["about"]) for lemma, e in data.get("verbs", {}).items()},
        power_verbs=dict(data.get("power_verbs", {})),
        nouns=dict(data.get("nouns", {})),
        adjectives=dict(data.get("adjectives", {})),
        excludes=frozenset(p for a, b in data.get("excludes", []) for p in ((a, b), (b, a))),
        happenings=frozenset(data.get("happenings", [])),
        refutations=frozenset(data.get("refutations", [])),
    )


@cache
def lexicon() -> Lexicon:
    """The bundled lexicon, loaded once."""
    text = resources.files("sitrep").joinpath("lexicon.json").read_text(encoding="utf-8")
    return parse_lexicon(json.loads(text))
