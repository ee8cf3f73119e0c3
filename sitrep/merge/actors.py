"""Actors across articles: one actor per name key, spelling variants joined, kind, name and
roles picked from every mention."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..model import Actor, ArticleResult
from ..text import name_key, sentence_key


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


def _merge_actors(results: list[ArticleResult]) -> tuple[list[Actor], dict[str, str]]:
    """Actors across articles, and a map from every (folded) name or alias to the merged name."""
    union = _Union()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    full_persons: dict[str, str] = {}  # tail ("dembele", "abass dembele") -> full key
    for result in results:
        for mention in result.actors:
            key = name_key(mention.name)
            union.find(key)
            kinds[key][mention.kind] += len(mention.evidence) or 1
            spellings[key][mention.name] += len(mention.evidence) or 1
            for alias in mention.aliases:
                akey = name_key(alias)
                if akey and akey != key:
                    union.union(key, akey)
            words = key.split()
            if mention.kind == "person" and len(words) >= 2:
                for n in (1, 2):
                    full_persons.setdefault(" ".join(words[-n:]), key)
                full_persons.setdefault(words[0] + "#first", key)
    for key in list(spellings):
        words = key.split()
        person_like = kinds[key].most_common(1)[0][0] in ("person", "organisation")
        if len(words) <= 2 and key in full_persons and full_persons[key] != key and person_like:
            union.union(full_persons[key], key)
        # "Lord Goldsmith": a peer's one-word name matches its bare form.
        if len(words) == 2 and words[0] in ("lord", "lady", "baroness", "sir") and words[1] in spellings:
            union.union(key, words[1])
    _join_spelling_variants([k for k in spellings if kinds[k].most_common(1)[0][0] == "person"], union)
    # "Boko Harem" and "Boko Haram": one group misspelt, alike in every word
    _join_spelling_variants([k for k in spellings
                             if kinds[k].most_common(1)[0][0] in ("armed group", "organisation")],
                            union)

    groups: dict[str, list[str]] = defaultdict(list)
    for key in spellings:
        groups[union.find(key)].append(key)
    alias_to_name: dict[str, str] = {}
    actors: dict[str, Actor] = {}
    for root, keys in groups.items():
        kind_votes: Counter[str] = Counter()
        names: Counter[str] = Counter()
        for key in keys:
            kind_votes.update(kinds[key])
            names.update(spellings[key])
        kind = _pick_kind(kind_votes)
        name = _pick_name(names, kind)
        actors[root] = Actor(name=name, kind=kind)  # type: ignore[arg-type]
        for key in keys:
            alias_to_name[key] = name
    # Fill in roles, aliases, evidence and events per actor.
    seen_paragraphs: dict[str, set[str]] = defaultdict(set)
    role_counts: dict[str, Counter[str]] = defaultdict(Counter)
    known_aliases: dict[str, set[str]] = defaultdict(set)
    known_articles: dict[str, set[str]] = defaultdict(set)
    for result in results:
        for mention in result.actors:
            actor = actors[union.find(name_key(mention.name))]
            for alias in [mention.name, *mention.aliases]:
                if alias != actor.name and alias not in known_aliases[actor.name] \
                        and name_key(alias) != name_key(actor.name):
                    known_aliases[actor.name].add(alias)
                    actor.aliases.append(alias)
                alias_to_name.setdefault(name_key(alias), actor.name)
            for role in mention.roles:
                role_counts[actor.name][role] += 1
            if result.path not in known_articles[actor.name]:
                known_articles[actor.name].add(result.path)
                actor.articles.append(result.path)
            for ev in mention.evidence:
                mark = (
                    ev.paragraph + "|" + sentence_key(ev.sentence)[:80]
                    if ev.paragraph
                    else ev.file + ev.sentence
                )
                if mark in seen_paragraphs[actor.name]:
                    continue
                seen_paragraphs[actor.name].add(mark)
                actor.mentions += 1
                actor.evidence.append(ev)
    places = _place_keys(results)
    for actor in actors.values():
        actor.roles = _pick_roles(role_counts[actor.name])
        if actor.kind in ("person", "organisation") and not actor.roles and name_key(actor.name) in places \
                and not set(name_key(actor.name).split()) & _BODY_WORDS:
            actor.kind = "place"  # "in Ladakh" in one article: "Ladakh" elsewhere is that place
    return list(actors.values()), alias_to_name


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
    out = [r for r in out if not any(o != r and o.lower().endswith(" " + r.lower()) for o in out)]
    return out[:5]
