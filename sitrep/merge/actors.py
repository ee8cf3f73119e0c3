"""Actors across articles: one actor per name key, spelling variants joined, kind, name and
roles picked from every mention."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Actor, ArticleResult, Evidence
from ..text import name_key, sentence_key
from .index import Changes, Postings, changes

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


class _Key:
    """What the mentions of one name key give it, from the articles that name it in folder order."""

    __slots__ = ("aliases", "empty_alias", "first", "kinds", "person", "spellings", "top_kind", "version")

    def __init__(self, key: str, articles: list[ArticlePrep], version: int) -> None:
        self.version = version
        self.kinds: Counter[str] = Counter()
        self.spellings: Counter[str] = Counter()
        self.aliases: dict[str, None] = {}
        """Keys of every alias its mentions give ("" included), in order."""
        self.first = (articles[0], articles[0].keys[key][0])
        """Its first mention: (article, index)."""
        self.person: tuple[ArticlePrep, int] | None = None
        """Its first mention as a person, when it has two words or more (a full name)."""
        self.empty_alias: tuple[ArticlePrep, int] | None = None
        """Its first mention with an alias whose key is empty."""
        full = len(key.split()) >= 2
        for prep in articles:
            for index in prep.keys[key]:
                _key, mention, akeys, _marks = prep.mentions[index]
                weight = len(mention.evidence) or 1
                self.kinds[mention.kind] += weight
                self.spellings[mention.name] += weight
                for akey in akeys[1:]:
                    self.aliases[akey] = None
                    if not akey and self.empty_alias is None:
                        self.empty_alias = (prep, index)
                if full and mention.kind == "person" and self.person is None:
                    self.person = (prep, index)
        self.top_kind = self.kinds.most_common(1)[0][0]


class ActorIndex:
    """The actors of a changing set of articles, kept by name key between merges.

    Each name key holds what its mentions give (kinds, spellings, aliases, first mentions),
    worked out again only when an article naming it comes, changes or goes. Joining keys into
    actors runs over the keys (not the mentions) each merge; an actor's name, kind, roles,
    aliases, articles and evidence are reused while none of its keys changed. The result is
    `_merge_actors` of the same articles."""

    def __init__(self) -> None:
        self._postings = Postings(lambda prep: prep.keys)
        self._keys: dict[str, _Key] = {}
        self._places: Counter[str] = Counter()
        self._clock = 0
        self._named: dict[tuple[object, ...], tuple[str, str]] = {}
        self._filled: dict[tuple[object, ...], _Filled] = {}
        self._variants: dict[frozenset[str], list[tuple[str, str]]] = {}

    def _update(self, change: Changes) -> None:
        """Take in the articles that came, changed or went since the last merge."""
        if change.restart:
            self._keys, self._places = {}, Counter()
        for prep in change.removed:
            self._places.subtract(prep.place_keys)
        for prep in change.added:
            self._places.update(prep.place_keys)
        for key in self._postings.update(change):
            articles = self._postings.articles.get(key)
            if articles:
                self._clock += 1
                self._keys[key] = _Key(key, articles, self._clock)
            else:
                self._keys.pop(key, None)

    def merge(self, change: Changes) -> tuple[list[Actor], dict[str, str]]:
        """Actors across articles, and a map from every (folded) name or alias to the merged name."""
        self._update(change)
        pos = change.pos
        keys = self._keys
        union = _Union()
        full_persons: dict[str, tuple[tuple[int, int], str]] = {}  # tail -> (first mention, full key)
        for key, info in keys.items():
            union.find(key)
            for akey in info.aliases:
                if akey and akey != key:
                    union.union(key, akey)
            if info.person is not None:
                at = (pos[id(info.person[0])], info.person[1])
                words = key.split()
                for tail in (words[-1], " ".join(words[-2:]), words[0] + "#first"):
                    found = full_persons.get(tail)
                    if found is None or at < found[0]:
                        full_persons[tail] = (at, key)
        for key, info in keys.items():
            words = key.split()
            person_like = info.top_kind in ("person", "organisation")
            full = full_persons.get(key)
            if len(words) <= 2 and full is not None and full[1] != key and person_like:
                union.union(full[1], key)
            # "Lord Goldsmith": a peer's one-word name matches its bare form.
            if len(words) == 2 and words[0] in ("lord", "lady", "baroness", "sir") and words[1] in keys:
                union.union(key, words[1])
        variants: dict[frozenset[str], list[tuple[str, str]]] = {}
        for kinds in (("person",), ("armed group", "organisation")):
            # "Boko Harem" and "Boko Haram": one group misspelt, alike in every word
            bucket = frozenset(k for k, info in keys.items() if info.top_kind in kinds)
            pairs = self._variants.get(bucket)
            if pairs is None:
                pairs = _spelling_variants(list(bucket))
            variants[bucket] = pairs
            for a, b in pairs:
                union.union(a, b)
        self._variants = variants

        groups: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            groups[union.find(key)].append(key)
        alias_to_name: dict[str, str] = {}
        named: dict[tuple[object, ...], tuple[str, str]] = {}
        filled_now: dict[tuple[object, ...], _Filled] = {}
        actors: list[Actor] = []
        empty_alias: tuple[tuple[int, int], str] | None = None
        for members in groups.values():
            # Keys in the order they first appear: ties in the votes go to the first seen.
            members.sort(key=lambda k: (pos[id(keys[k].first[0])], keys[k].first[1]))
            signature = tuple((k, keys[k].version) for k in members)
            picked = self._named.get(signature)
            if picked is None:
                kind_votes: Counter[str] = Counter()
                names: Counter[str] = Counter()
                for key in members:
                    kind_votes.update(keys[key].kinds)
                    names.update(keys[key].spellings)
                kind = _pick_kind(kind_votes)
                picked = (_pick_name(names, kind), kind)
            named[signature] = picked
            name, kind = picked
            for key in members:
                alias_to_name[key] = name
            filled = self._filled.get((name, signature))
            if filled is None:
                postings = self._postings.articles
                if len(members) == 1:  # one key: its articles are in order already
                    mentions = [(prep, prep.mentions[index]) for prep in postings[members[0]]
                                for index in prep.keys[members[0]]]
                else:
                    items = sorted(((pos[id(prep)], index, prep) for key in members
                                    for prep in postings[key] for index in prep.keys[key]),
                                   key=lambda t: (t[0], t[1]))
                    mentions = [(prep, prep.mentions[index]) for _at, index, prep in items]
                filled = _fill(name, mentions)
            filled_now[(name, signature)] = filled
            actor = Actor(name=name, kind=kind, aliases=list(filled.aliases),  # type: ignore[arg-type]
                          roles=list(filled.roles), mentions=filled.mentions, articles=list(filled.articles),
                          evidence=list(filled.evidence))
            if actor.kind in ("person", "organisation") and not actor.roles and self._places[filled.key] > 0 \
                    and not set(filled.key.split()) & _BODY_WORDS:
                actor.kind = "place"  # "in Ladakh" in one article: "Ladakh" elsewhere is that place
            actors.append(actor)
            for key in members:
                info = keys[key]
                if info.empty_alias is not None:
                    at = (pos[id(info.empty_alias[0])], info.empty_alias[1])
                    if empty_alias is None or at < empty_alias[0]:
                        empty_alias = (at, name)
        # Every alias points at its actor: the mentions that give one alias are all of one actor
        # (they were joined through it), except the empty key, which goes to the first one.
        for members in groups.values():
            name = alias_to_name[members[0]]
            for key in members:
                for akey in keys[key].aliases:
                    if akey:
                        alias_to_name.setdefault(akey, name)
        if empty_alias is not None:
            alias_to_name.setdefault("", empty_alias[1])
        self._named, self._filled = named, filled_now
        return actors, alias_to_name


def _merge_actors(preps: list[ArticlePrep]) -> tuple[list[Actor], dict[str, str]]:
    """Actors across articles, and a map from every (folded) name or alias to the merged name."""
    return ActorIndex().merge(changes([], preps))


@dataclass(frozen=True)
class _Filled:
    """What an actor's mentions give it, whatever the other actors: kept between merges."""

    key: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: int
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]


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
                   tuple(evidence))


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


def _spelling_variants(persons: list[str]) -> list[tuple[str, str]]:
    """Transliteration variants of one person's full name are one person ("Sergei Lavrov" and
    "Sergey Lavrov", "Abubakar Shekau" and "Abubakr Shekau"): same number of words, the surname
    alike and every other part alike. Relatives sharing a surname ("Yulia Skripal", "Sergei
    Skripal") stay apart, as do names too short to judge. The pairs to join."""
    from rapidfuzz.fuzz import ratio

    buckets: dict[tuple[int, str], list[list[str]]] = defaultdict(list)
    for key in persons:
        words = key.split()
        if len(words) >= 2 and all(len(w) >= 3 for w in words):
            buckets[(len(words), words[-1][:3])].append(words)
    pairs: list[tuple[str, str]] = []
    for names in buckets.values():
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if a != b and all(ratio(x, y) >= SPELLING_SIMILARITY for x, y in zip(a, b, strict=False)) \
                        and min(len(x) for x in a + b) >= 4:
                    pairs.append((" ".join(a), " ".join(b)))
    return pairs


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
