"""Actors across articles: one actor per name key, spelling variants joined, kind, name and
roles picked from every mention."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Actor, ActorMention, ArticleResult, Evidence
from ..text import name_key, sentence_key

if TYPE_CHECKING:
    from .prep import ArticlePrep, MentionKeys


class _Union:
    """Union-find over actor keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent.setdefault(key, key)
        if parent != key:
            parent = self.parent[key] = self.find(parent)
        return parent

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _merge_actors(preps: list[ArticlePrep], memo: dict[tuple[object, ...], _Filled] | None = None,
                  places: set[str] | None = None) -> tuple[list[Actor], dict[str, str]]:
    """Actors across articles, and a map from every (folded) name or alias to the merged name.

    `memo` keeps each actor's roles, aliases, articles and evidence between merges, keyed by its
    name and the very mentions it was built from: an actor no changed article names is reused."""
    memo = {} if memo is None else memo
    union = _Union()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    full_persons: dict[str, str] = {}  # tail ("dembele", "abass dembele") -> full key
    for prep in preps:
        for key, mention, akeys, _marks in prep.mentions:
            union.find(key)
            weight = len(mention.evidence) or 1
            kinds[key][mention.kind] += weight
            spellings[key][mention.name] += weight
            for akey in akeys[1:]:
                if akey and akey != key:
                    union.union(key, akey)
            if mention.kind == "person":
                words = key.split()
                if len(words) >= 2:
                    for n in (1, 2):
                        full_persons.setdefault(" ".join(words[-n:]), key)
                    full_persons.setdefault(words[0] + "#first", key)
    top_kind = {key: votes.most_common(1)[0][0] for key, votes in kinds.items()}
    for key in list(spellings):
        words = key.split()
        person_like = top_kind[key] in ("person", "organisation")
        if len(words) <= 2 and key in full_persons and full_persons[key] != key and person_like:
            union.union(full_persons[key], key)
        # "Lord Goldsmith": a peer's one-word name matches its bare form.
        if len(words) == 2 and words[0] in ("lord", "lady", "baroness", "sir") and words[1] in spellings:
            union.union(key, words[1])
    _join_spelling_variants([k for k in spellings if top_kind[k] == "person"], union)
    # "Boko Harem" and "Boko Haram": one group misspelt, alike in every word
    _join_spelling_variants([k for k in spellings if top_kind[k] in ("armed group", "organisation")], union)

    groups: dict[str, list[str]] = defaultdict(list)
    for key in spellings:
        groups[union.find(key)].append(key)
    alias_to_name: dict[str, str] = {}
    named: dict[str, tuple[str, str]] = {}  # root -> (name, kind)
    for root, keys in groups.items():
        kind_votes: Counter[str] = Counter()
        names: Counter[str] = Counter()
        for key in keys:
            kind_votes.update(kinds[key])
            names.update(spellings[key])
        kind = _pick_kind(kind_votes)
        name = _pick_name(names, kind)
        named[root] = (name, kind)
        for key in keys:
            alias_to_name[key] = name
    # Each actor's mentions in article order; every alias points at its actor.
    members: dict[str, list[tuple[ArticlePrep, MentionKeys]]] = defaultdict(list)
    for prep in preps:
        for item in prep.mentions:
            root = union.find(item[0])
            members[root].append((prep, item))
            name = named[root][0]
            for akey in item[2]:
                alias_to_name.setdefault(akey, name)
    if places is None:
        places = set().union(*(prep.place_keys for prep in preps))
    used: dict[tuple[object, ...], _Filled] = {}
    actors: list[Actor] = []
    for root, (name, kind) in named.items():
        items = members[root]
        signature = (name, *[part for prep, item in items for part in (id(item[1]), prep.result.path)])
        filled = memo.get(signature)
        if filled is None:
            filled = _fill(name, items)
        used[signature] = filled
        actor = Actor(name=name, kind=kind, aliases=list(filled.aliases),  # type: ignore[arg-type]
                      roles=list(filled.roles), mentions=filled.mentions, articles=list(filled.articles),
                      evidence=list(filled.evidence))
        if actor.kind in ("person", "organisation") and not actor.roles and filled.key in places \
                and not set(filled.key.split()) & _BODY_WORDS:
            actor.kind = "place"  # "in Ladakh" in one article: "Ladakh" elsewhere is that place
        actors.append(actor)
    memo.clear()
    memo.update(used)
    return actors, alias_to_name


@dataclass(frozen=True)
class _Filled:
    """What an actor's mentions give it, whatever the other actors: kept between merges."""

    key: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: int
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    sources: tuple[ActorMention, ...]
    """The mentions it was built from, held so that their ids in the memo's key stay theirs."""


def _fill(name: str, items: list[tuple[ArticlePrep, MentionKeys]]) -> _Filled:
    """Roles, aliases, articles and evidence of the actor `name` from its mentions in article order."""
    key = name_key(name)
    aliases: list[str] = []
    known_aliases: set[str] = set()
    role_counts: Counter[str] = Counter()
    articles: list[str] = []
    known_articles: set[str] = set()
    evidence: list[Evidence] = []
    seen: set[str] = set()
    for prep, (_key, mention, akeys, marks) in items:
        for alias, akey in zip([mention.name, *mention.aliases], akeys, strict=True):
            if alias != name and alias not in known_aliases and akey != key:
                known_aliases.add(alias)
                aliases.append(alias)
        for role in mention.roles:
            role_counts[role] += 1
        path = prep.result.path
        if path not in known_articles:
            known_articles.add(path)
            articles.append(path)
        for ev, mark in zip(mention.evidence, marks, strict=True):
            if mark in seen:
                continue
            seen.add(mark)
            evidence.append(ev)
    return _Filled(key, tuple(aliases), tuple(_pick_roles(role_counts)), len(evidence), tuple(articles),
                   tuple(evidence), tuple(item[1] for _prep, item in items))


def evidence_mark(ev: Evidence) -> str:
    """What makes two pieces of an actor's evidence one: the paragraph and the sentence's start,
    else the file and the sentence."""
    return ev.paragraph + "|" + sentence_key(ev.sentence)[:80] if ev.paragraph else ev.file + ev.sentence


def _place_keys(results: list[ArticleResult]) -> set[str]:
    """Name keys of the places some article reads as places ("Ladakh region" gives "ladakh")."""
    keys: set[str] = set()
    for result in results:
        for item in result.context:
            if item.kind == "place":
                name = item.text.split(" (")[0]
                keys.add(name_key(name))
                words = name.split()
                if len(words) == 2 and words[-1].lower() in _PLACE_TAILS:
                    keys.add(name_key(words[0]))
    return keys


_BODY_WORDS = {"centre", "center", "media", "council", "committee", "ministry", "office", "agency", "group",
               "institute", "party", "front", "army", "force", "forces", "union", "network", "foundation",
               "court"}
"""Words that make a name a body, whatever an article's place reading says ("Palmyra Media Centre")."""

_PLACE_TAILS = {"region", "province", "district", "state", "mall", "county", "valley"}

SPELLING_SIMILARITY = 80
"""rapidfuzz ratio (0-100) above which two spellings of one name part are one name."""


def _join_spelling_variants(persons: list[str], union: _Union) -> None:
    """Transliteration variants of one person's full name are one person ("Sergei Lavrov" and
    "Sergey Lavrov", "Abubakar Shekau" and "Abubakr Shekau"): same number of words, the surname
    alike and every other part alike. Relatives sharing a surname ("Yulia Skripal", "Sergei
    Skripal") stay apart, as do names too short to judge."""
    from rapidfuzz.fuzz import ratio

    buckets: dict[tuple[int, str], list[list[str]]] = defaultdict(list)
    for key in persons:
        words = key.split()
        if len(words) >= 2 and all(len(w) >= 3 for w in words):
            buckets[(len(words), words[-1][:3])].append(words)
    for names in buckets.values():
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if a != b and all(ratio(x, y) >= SPELLING_SIMILARITY for x, y in zip(a, b, strict=False)) \
                        and min(len(x) for x in a + b) >= 4:
                    union.union(" ".join(a), " ".join(b))


def _pick_kind(votes: Counter[str]) -> str:
    """The actor's kind: a gazetteer or person reading beats a statistical organisation guess."""
    for strong in ("country", "armed group"):
        if votes.get(strong):
            return strong
    if votes.get("person", 0) * 2 >= sum(votes.values()):
        return "person"
    return votes.most_common(1)[0][0]


def _pick_name(names: Counter[str], kind: str) -> str:
    """The display name: the fullest common spelling ("Abass Dembele" over "Dembele")."""
    if kind == "person":
        return max(names, key=lambda n: (len(n.split()) >= 2, names[n], len(n)))
    return names.most_common(1)[0][0]


def _pick_roles(counts: Counter[str]) -> list[str]:
    """Distinct roles, most frequent first, near-duplicates ("General"/"general") folded."""
    out: list[str] = []
    keys: set[str] = set()
    for role, _n in counts.most_common():
        key = role.lower().removeprefix("the ")
        if key in keys:
            continue
        keys.add(key)
        out.append(role)
    # "President" says less than "Senegalese President" beside it.
    tails = {low[i:] for low in (o.lower() for o in out) for i, c in enumerate(low) if c == " "}
    out = [r for r in out if " " + r.lower() not in tails]
    return out[:5]
