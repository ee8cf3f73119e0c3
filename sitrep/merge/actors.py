"""Actors across articles: one actor per name key, spelling variants joined, kind, name and
roles picked from every mention."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ..model import Actor, ArticleResult, Evidence
from ..text import name_key, sentence_key
from .index import Changes, Postings, changes

if TYPE_CHECKING:
    from .prep import ArticlePrep


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


class Tally:
    """Items counted over a changing set of articles, each with its first holder in folder order
    (article, rank within it) and what that holder gives it: kept between merges, so that an
    article that comes or goes costs only its own items."""

    __slots__ = ("in_order", "items")

    def __init__(self) -> None:
        self.items: dict[Any, list[Any]] = {}
        """Per item: [count, first article, rank in it, what it gives]. Counted in folder order
        (`first`), the items are in the order they first appear."""
        self.in_order = True
        """Whether `items` are still in the order they first appear."""

    def first(self, item: Hashable, count: int, prep: ArticlePrep, rank: tuple[int, ...],
              given: object) -> None:
        """Count an item of the next article in folder order (when counting all from the start)."""
        found = self.items.get(item)
        if found is None:
            self.items[item] = [count, prep, rank, given]
        else:
            found[0] += count

    def add(self, item: Hashable, count: int, prep: ArticlePrep, rank: tuple[int, ...], given: object,
            pos: dict[int, int]) -> None:
        """Count an item of an article that came (`pos`: each article's place)."""
        found = self.items.get(item)
        if found is None:
            self.items[item] = [count, prep, rank, given]
            self.in_order = False
            return
        found[0] += count
        if (pos[id(prep)], rank) < (pos[id(found[1])], found[2]):
            found[1:] = [prep, rank, given]
            self.in_order = False

    def remove(self, item: Hashable, count: int, prep: ArticlePrep) -> bool:
        """Count an item of an article gone; False when that article held it first and others
        still hold it (its first holder is then unknown: count again)."""
        found = self.items[item]
        found[0] -= count
        if found[0] <= 0:
            del self.items[item]
            return True
        return found[1] is not prep

    def ordered(self, pos: dict[int, int]) -> list[tuple[Any, list[Any]]]:
        """(item, [count, first article, rank, what it gives]) in the order the items first appear."""
        if self.in_order:
            return list(self.items.items())
        return sorted(self.items.items(), key=lambda kv: (pos[id(kv[1][1])], kv[1][2]))

    def holder(self, item: Hashable) -> tuple[ArticlePrep, tuple[int, ...]] | None:
        """The first holder of an item: (article, rank)."""
        found = self.items.get(item)
        return None if found is None else (found[1], found[2])


class _Key:
    """What the mentions of one name key give it, from the articles that name it in folder order.

    Kept between merges: `update` counts the mentions of the articles that came or went, and
    counts all again only when an article that went held something first that others still hold."""

    __slots__ = ("aliases", "alias_tally", "empty_alias", "first", "flags", "kind_tally", "kinds", "person",
                 "spelling_tally", "spellings", "top_kind", "version")

    def __init__(self, key: str, articles: list[ArticlePrep], version: int, pos: dict[int, int]) -> None:
        kinds, spellings, aliases, flags = Tally(), Tally(), Tally(), Tally()
        self.kind_tally, self.spelling_tally, self.alias_tally, self.flags = kinds, spellings, aliases, flags
        full = len(key.split()) >= 2
        # In folder order, each item's first holder is the first to count it (written out: this
        # runs over every mention on a first merge).
        kind_items, spelling_items, alias_items = kinds.items, spellings.items, aliases.items
        flag_items = flags.items
        for prep in articles:
            mentions = prep.mentions
            for index in prep.keys[key]:
                _key, mention, akeys, marks = mentions[index]
                weight = len(marks) or 1  # a mark per piece of evidence
                found = kind_items.get(mention.kind)
                if found is None:
                    kind_items[mention.kind] = [weight, prep, (index,), None]
                else:
                    found[0] += weight
                found = spelling_items.get(mention.name)
                if found is None:
                    spelling_items[mention.name] = [weight, prep, (index,), None]
                else:
                    found[0] += weight
                if len(akeys) > 1:  # it gives aliases
                    for j in range(1, len(akeys)):
                        found = alias_items.get(akeys[j])
                        if found is None:
                            alias_items[akeys[j]] = [1, prep, (index, j - 1), None]
                        else:
                            found[0] += 1
                    if "" in akeys[1:]:
                        flags.first("empty", 1, prep, (index,), None)
                if full and mention.kind == "person":
                    found = flag_items.get("person")
                    if found is None:
                        flag_items["person"] = [1, prep, (index,), None]
                    else:
                        found[0] += 1
        self._settle(key, articles, version, pos)

    def _count(self, key: str, prep: ArticlePrep, pos: dict[int, int], sign: int) -> bool:
        full = len(key.split()) >= 2
        whole = True
        for index in prep.keys[key]:
            _key, mention, akeys, _marks = prep.mentions[index]
            weight = len(mention.evidence) or 1
            items: list[tuple[Tally, Hashable, int, tuple[int, ...]]] = [
                (self.kind_tally, mention.kind, weight, (index,)),
                (self.spelling_tally, mention.name, weight, (index,))]
            items += [(self.alias_tally, akey, 1, (index, j)) for j, akey in enumerate(akeys[1:])]
            if "" in akeys[1:]:
                items.append((self.flags, "empty", 1, (index,)))
            if full and mention.kind == "person":
                items.append((self.flags, "person", 1, (index,)))
            for tally, item, count, rank in items:
                if sign > 0:
                    tally.add(item, count, prep, rank, None, pos)
                else:
                    whole = tally.remove(item, count, prep) and whole
        return whole

    def update(self, key: str, removed: list[ArticlePrep], added: list[ArticlePrep],
               articles: list[ArticlePrep], version: int, pos: dict[int, int]) -> None:
        """Take in the articles naming it that came or went (`articles`: all that name it now)."""
        whole = True
        for prep in removed:
            whole = self._count(key, prep, pos, -1) and whole
        if not whole:
            self.__init__(key, articles, version, pos)  # type: ignore[misc]
            return
        for prep in added:
            self._count(key, prep, pos, 1)
        self._settle(key, articles, version, pos)

    def _settle(self, key: str, articles: list[ArticlePrep], version: int, pos: dict[int, int]) -> None:
        """Set what the merge reads from the counts."""
        self.version = version
        self.kinds: Counter[str] = Counter({kind: found[0] for kind, found in self.kind_tally.ordered(pos)})
        self.spellings: Counter[str] = Counter({name: found[0]
                                                for name, found in self.spelling_tally.ordered(pos)})
        self.aliases: dict[str, None] = dict.fromkeys(akey for akey, _found in self.alias_tally.ordered(pos))
        """Keys of every alias its mentions give ("" included), in order."""
        self.first = (articles[0], articles[0].keys[key][0])
        """Its first mention: (article, index)."""
        person, empty = self.flags.holder("person"), self.flags.holder("empty")
        self.person: tuple[ArticlePrep, int] | None = None if person is None else (person[0], person[1][0])
        """Its first mention as a person, when it has two words or more (a full name)."""
        self.empty_alias: tuple[ArticlePrep, int] | None = None if empty is None else (empty[0], empty[1][0])
        """Its first mention with an alias whose key is empty."""
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
        self._fills: dict[frozenset[str], _Fill] = {}
        self._paths: dict[frozenset[str], _Files] = {}
        """Each actor's files and their places, by its name keys, as the last merge listed them."""
        """Each actor's counted mentions, by its name keys."""
        self._variants: dict[frozenset[str], list[tuple[str, str]]] = {}

    def _update(self, change: Changes) -> tuple[dict[str, list[ArticlePrep]], dict[str, list[ArticlePrep]]]:
        """Take in the articles that came, changed or went since the last merge; those that went
        and those that came, by the name keys they hold."""
        removed: dict[str, list[ArticlePrep]] = defaultdict(list)
        added: dict[str, list[ArticlePrep]] = defaultdict(list)
        if change.restart:
            self._keys, self._places, self._fills, self._paths = {}, Counter(), {}, {}
        else:
            for prep in change.removed:
                for key in prep.keys:
                    removed[key].append(prep)
            for prep in change.added:
                for key in prep.keys:
                    added[key].append(prep)
        for prep in change.removed:
            self._places.subtract(prep.place_keys)
        for prep in change.added:
            self._places.update(prep.place_keys)
        for key in self._postings.update(change):
            articles = self._postings.articles.get(key)
            if articles:
                self._clock += 1
                info = self._keys.get(key)
                if info is None:
                    self._keys[key] = _Key(key, articles, self._clock, change.pos)
                else:
                    info.update(key, removed.get(key, []), added.get(key, []), articles, self._clock,
                                change.pos)
            else:
                self._keys.pop(key, None)
        return removed, added

    def _named_apart(self, short: str, full: str) -> bool:
        """Whether an article names both as two people ("Idriss Deby" and "his son General Mahamat
        Idriss Deby"): an article joins a name to the full name it ends, unless they are two."""
        postings = self._postings.articles
        if len(short.split()) < 2:
            return False
        held = set(map(id, postings.get(short, ())))
        return any(id(prep) in held for prep in postings.get(full, ()))

    def _articles(self, members: list[str], pos: dict[int, int]) -> list[ArticlePrep]:
        """The articles naming any of an actor's name keys, in folder order, each once."""
        postings = self._postings.articles
        if len(members) == 1:  # one key: its articles are in order already
            return postings[members[0]]
        return sorted({id(p): p for key in members for p in postings[key]}.values(), key=lambda p: pos[id(p)])

    def _files_in_place(self, kept: _Files, gone: list[ArticlePrep], came: list[ArticlePrep],
                        change: Changes) -> _Files | None:
        """An actor's files after a change made in place (`Changes.in_place`: a reload of changed
        files), worked out from `kept`, its files at the last merge and the place of each, where
        its articles went (`gone`) and came (`came`), instead of from each of its articles; None
        when that cannot be told so (a file name twice among its articles)."""
        paths, places = kept
        before = change.before_pos
        if before is None or any(id(p) not in before for p in gone):
            return None
        went = {before[id(p)]: p.result.path for p in gone}
        now = {change.pos[id(p)]: p.result.path for p in came}
        if went == now:
            return kept  # the same files in the same places
        if places is None:
            return None  # a file name twice among its articles: a place does not tell its file
        files, at = list(paths), list(places)
        for place in sorted(went):
            i = bisect_left(at, place)
            if i == len(at) or at[i] != place or files[i] != went[place]:
                return None
            del files[i], at[i]
        for place in sorted(now):
            if now[place] in files:
                return None  # the file of another of its articles too
            i = bisect_left(at, place)
            files.insert(i, now[place])
            at.insert(i, place)
        return tuple(files), tuple(at)

    def merge(self, change: Changes) -> tuple[list[Actor], dict[str, str]]:
        """Actors across articles, and a map from every (folded) name or alias to the merged name."""
        removed, added = self._update(change)
        fills: dict[frozenset[str], _Fill] = {}
        pos = change.pos
        keys = self._keys
        union = _Union()
        full_persons: dict[str, tuple[tuple[int, int], str]] = {}  # tail -> (first mention, full key)
        # "Moïse" is his wife Martine in one article and President Jovenel Moïse in the others: a
        # surname two people in the situation bear joins neither through an alias
        bearers: dict[str, set[str]] = defaultdict(set)
        by_surname: dict[str, list[str]] = defaultdict(list)  # two-word names, for initials
        for key, info in keys.items():
            if info.top_kind != "person" or " " not in key:
                continue
            first, surname = key.split(" ", 1)[0], key.rsplit(" ", 1)[-1]
            if not _initials(first):
                bearers[surname].add(_transliterated(first))
            if key.count(" ") == 1:
                by_surname[surname].append(key)
        shared = {surname for surname, firsts in bearers.items() if _two_people(firsts)}
        for key, info in keys.items():
            union.find(key)
            for akey in info.aliases:
                if akey and akey != key and akey not in shared:
                    union.union(key, akey)
            if info.person is not None:
                at = (pos[id(info.person[0])], info.person[1])
                words = key.split()
                # a two-word name is the three-word name it ends, wherever it is first named
                # ("Tayyip Erdogan" and "Recep Tayyip Erdogan")
                tails = (words[-1], " ".join(words[-2:]), words[0] + "#first") if len(words) != 2 \
                    else (words[-1], words[0] + "#first")
                for tail in tails:
                    found = full_persons.get(tail)
                    if found is None or at < found[0]:
                        full_persons[tail] = (at, key)
        # "Fernando Dias" and "Fernando Dias da Costa" (or "de Costa"): the first two words of
        # longer names that are one name, particles aside.
        longer: dict[str, set[str]] = defaultdict(set)
        for key, info in keys.items():
            words = key.split()
            if info.person is not None and len(words) >= 3:
                longer[" ".join(words[:2])].add(key)
        # "Abdel Fattah al-Burhan" and "Abdel Fattah Burhan": one person's name with and without
        # its particles, when two words or more are left
        bare_names: dict[str, str] = {}
        # "Awad Ibn Auf" and "Awad Mohamed Ahmed Ibn Auf": one person's name with and without some
        # of its middle names (the same first and last name, the shorter's words all in the longer,
        # in order), when every name of three words or more with that first and last name fits
        by_ends: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
        for key, info in keys.items():
            if info.top_kind == "person" and " " in key:
                bare = _without_particles(key)
                if " " in bare:
                    union.union(bare_names.setdefault(bare, key), key)
                words = key.split()
                if len(words) >= 3:
                    by_ends[(words[0], words[-1])].append(words)
        for names_alike in by_ends.values():
            if len(names_alike) < 2:
                continue
            names_alike.sort(key=len)
            longest = names_alike[-1]
            if all(_in_order(words, longest) for words in names_alike[:-1]):
                for words in names_alike[:-1]:
                    union.union(" ".join(words), " ".join(longest))
        for key, info in keys.items():
            words = key.split()
            person_like = info.top_kind in ("person", "organisation")
            full = full_persons.get(key)
            if len(words) <= 2 and full is not None and full[1] != key and person_like \
                    and not self._named_apart(key, full[1]):
                union.union(full[1], key)
            fuller = longer.get(key) if len(words) == 2 and info.top_kind == "person" else None
            if fuller and len({_without_particles(k) for k in fuller}) == 1:
                for other in fuller:
                    union.union(key, other)
            # "Lord Goldsmith": a peer's one-word name matches its bare form.
            if len(words) == 2 and words[0] in ("lord", "lady", "baroness", "sir") and words[1] in keys:
                union.union(key, words[1])
            # "Abe Shinzo" and "Shinzo Abe": a name in its family-first order is the same name
            if len(words) == 2 and info.top_kind == "person" and words[0] != words[1]:
                reverse = f"{words[1]} {words[0]}"
                if reverse in keys and keys[reverse].top_kind == "person":
                    union.union(key, reverse)
            # "SB Moyo" and "Sibusiso Moyo": initials and a surname are the one full name they fit
            if len(words) == 2 and info.top_kind == "person" and _initials(words[0]) \
                    and words[1] not in shared:
                fits = [k for k in by_surname.get(words[1], ()) if k != key
                        and k.split()[0][0] == words[0][0] and not _initials(k.split()[0])]
                if len(fits) == 1:
                    union.union(key, fits[0])
        variants: dict[frozenset[str], list[tuple[str, str]]] = {}
        surnames = {k.rsplit(" ", 1)[-1] for k, info in keys.items()
                    if info.top_kind == "person" and " " in k}
        for kinds in (("person",), ("armed group", "organisation")):
            # "Boko Harem" and "Boko Haram": one group misspelt, alike in every word
            bucket = frozenset(k for k, info in keys.items() if info.top_kind in kinds)
            if kinds == ("person",):
                # "Kassym-Zhomart Tokayev", read as a body in one article, and "Kassym-Jomart Tokayev"
                bucket |= {k for k, info in keys.items() if info.top_kind == "organisation" and " " in k
                           and k.rsplit(" ", 1)[-1] in surnames}
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
        paths: dict[frozenset[str], _Files] = {}
        actors: list[Actor] = []
        empty_alias: tuple[tuple[int, int], str] | None = None
        for members in groups.values():
            # Keys in the order they first appear: ties in the votes go to the first seen.
            if len(members) > 1:
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
            group = frozenset(members)
            fill = self._fills.get(group)
            filled = self._filled.get((name, signature))
            if filled is None:
                gone = [p for key in members for p in removed.get(key, ())]
                came = [p for key in members for p in added.get(key, ())]
                files = self._paths.get(group)
                if files is not None:
                    files = self._files_in_place(files, gone, came, change) if change.in_place else None
                articles: list[ArticlePrep] | None = None
                if fill is None or not fill.update(group, gone, came, pos):
                    articles = self._articles(members, pos)
                    fill = _Fill(group, articles)
                if files is None:
                    articles = self._articles(members, pos) if articles is None else articles
                    files = _files(articles, pos)
                filled = fill.filled(name, files[0], pos)
            else:
                files = self._paths.get(group)
                if files is None or not change.in_place:
                    # The places of its files moved with the articles around them (or are not known).
                    files = (filled.articles, None)
            if fill is not None:
                fills[group] = fill
            paths[group] = files
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
        self._named, self._filled, self._fills, self._paths = named, filled_now, fills, paths
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


class _Fill:
    """An actor's mentions counted (aliases, roles, evidence), kept between merges by its name
    keys: `update` counts only the articles that came or went."""

    __slots__ = ("aliases", "evidence", "roles")

    def __init__(self, members: frozenset[str], articles: list[ArticlePrep]) -> None:
        aliases, roles, evidence = Tally(), Tally(), Tally()
        self.aliases, self.roles, self.evidence = aliases, roles, evidence
        # In folder order, each item's first holder is the first to count it (written out: this
        # runs over every mention on a first merge).
        alias_items, role_items, evidence_items = aliases.items, roles.items, evidence.items
        single = next(iter(members)) if len(members) == 1 else None
        for prep in articles:
            mentions = prep.mentions
            for index in prep.keys[single] if single is not None else _indexes(members, prep):
                _key, mention, akeys, marks = mentions[index]
                found = alias_items.get(mention.name)
                if found is None:
                    alias_items[mention.name] = [1, prep, (index, 0), akeys[0]]
                else:
                    found[0] += 1
                for j, alias in enumerate(mention.aliases, 1):
                    found = alias_items.get(alias)
                    if found is None:
                        alias_items[alias] = [1, prep, (index, j), akeys[j]]
                    else:
                        found[0] += 1
                for j, role in enumerate(mention.roles):
                    found = role_items.get(role)
                    if found is None:
                        role_items[role] = [1, prep, (index, j), None]
                    else:
                        found[0] += 1
                for j, mark in enumerate(marks):
                    found = evidence_items.get(mark)
                    if found is None:
                        evidence_items[mark] = [1, prep, (index, j), mention.evidence[j]]
                    else:
                        found[0] += 1

    def _count(self, members: frozenset[str], prep: ArticlePrep, pos: dict[int, int], sign: int) -> bool:
        whole = True
        for index in _indexes(members, prep):
            _key, mention, akeys, marks = prep.mentions[index]
            items: list[tuple[Tally, Hashable, tuple[int, ...], object]] = [
                (self.aliases, alias, (index, j), akeys[j])
                for j, alias in enumerate([mention.name, *mention.aliases])]
            items += [(self.roles, role, (index, j), None) for j, role in enumerate(mention.roles)]
            items += [(self.evidence, mark, (index, j), mention.evidence[j]) for j, mark in enumerate(marks)]
            for tally, item, rank, given in items:
                if sign > 0:
                    tally.add(item, 1, prep, rank, given, pos)
                else:
                    whole = tally.remove(item, 1, prep) and whole
        return whole

    def update(self, members: frozenset[str], removed: list[ArticlePrep], added: list[ArticlePrep],
               pos: dict[int, int]) -> bool:
        """Count the articles that went and came (each once); False when one that went held
        something first that others still hold (then count all again)."""
        whole = True
        for prep in {id(p): p for p in removed}.values():
            whole = self._count(members, prep, pos, -1) and whole
        if whole:
            for prep in {id(p): p for p in added}.values():
                self._count(members, prep, pos, 1)
        return whole

    def filled(self, name: str, paths: tuple[str, ...], pos: dict[int, int]) -> _Filled:
        """What the mentions give the actor `name` (`paths`: the files of the articles naming it,
        in folder order, each once): each alias, role and piece of evidence (by `evidence_mark`)
        once, in the order the mentions first give it."""
        key = name_key(name)
        aliases = tuple(alias for alias, found in self.aliases.ordered(pos)
                        if alias != name and found[3] != key)
        roles = Counter({role: found[0] for role, found in self.roles.ordered(pos)})
        evidence = tuple(found[3] for _mark, found in self.evidence.ordered(pos))
        return _Filled(key, aliases, tuple(_pick_roles(roles)), len(evidence), paths, evidence)


path_of = attrgetter("path")
"""An article's file, as a function (`map` runs it over every article of an actor, or of a
sentence)."""

_Files = tuple[tuple[str, ...], tuple[int, ...] | None]
"""An actor's files in folder order, each once, and the place of the article each is the file of
(None when two of its articles share a file, or the places moved since they were listed)."""


def _files(articles: list[ArticlePrep], pos: dict[int, int]) -> _Files:
    """The files of an actor's articles (in folder order, each once) and their places."""
    paths = tuple(dict.fromkeys(map(path_of, articles)))
    return paths, (tuple([pos[id(p)] for p in articles]) if len(paths) == len(articles) else None)


def _indexes(members: frozenset[str], prep: ArticlePrep) -> list[int] | tuple[int, ...]:
    """The article's mentions (indexes) of the actor's name keys, in order."""
    if len(members) == 1:
        return prep.keys.get(next(iter(members)), ())
    return sorted(i for key in members if key in prep.keys for i in prep.keys[key])


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

    # Names are compared within buckets of one length and one start of the surname, or of the first
    # name ("Mohamed Morsi" and "Mohamed Mursi" differ in the surname's second letter).
    buckets: dict[tuple[int, str, str], list[list[str]]] = defaultdict(list)
    for key in persons:
        words = key.split()
        if len(words) >= 2 and all(len(w) >= 3 for w in words):
            buckets[(len(words), "last", words[-1][:3])].append(words)
            buckets[(len(words), "first", words[0][:3])].append(words)
    pairs: dict[tuple[str, str], None] = {}
    for names in buckets.values():
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if a != b and all(ratio(_transliterated(x), _transliterated(y)) >= SPELLING_SIMILARITY
                                  for x, y in zip(a, b, strict=False)) \
                        and min(len(x) for x in a + b) >= 4:
                    pairs[(" ".join(a), " ".join(b))] = None
    return list(pairs)


def _in_order(words: list[str], longer: list[str]) -> bool:
    """Whether every word of `words` is in `longer`, in the same order."""
    rest = iter(longer)
    return all(word in rest for word in words)


def _initials(word: str) -> bool:
    """Whether a name's first word is initials ("sb", "s.", "j.k."): two or three letters with no
    vowel, or letters each followed by a full stop."""
    letters = word.replace(".", "")
    return 0 < len(letters) <= 3 and letters.isalpha() and (
        "." in word or not any(c in "aeiouy" for c in letters))


def _two_people(first_names: set[str]) -> bool:
    """Whether these first names (of people with one surname) are two people's, not one name's
    spellings ("jovenel", "martine"; not "sergei", "sergey")."""
    from rapidfuzz.fuzz import ratio

    names = sorted(first_names)
    return any(ratio(a, b) < SPELLING_SIMILARITY for i, a in enumerate(names) for b in names[i + 1:])


_TRANSLITERATIONS = (("ks", "x"), ("kh", "h"), ("zh", "j"), ("yu", "iu"), ("ya", "ia"), ("y", "i"))
"""Spellings that transliterations of one name swap ("Aleksandr" and "Alexander", "Yevgeny" and
"Evgeny", "Zhomart" and "Jomart"), each to one form before names are compared."""


def _transliterated(word: str) -> str:
    """`word` with each of `_TRANSLITERATIONS` in its one form."""
    for variant, form in _TRANSLITERATIONS:
        word = word.replace(variant, form)
    return word


_PARTICLES = frozenset({"da", "de", "do", "dos", "das", "di", "du", "del", "della", "van", "von", "der",
                        "den", "la", "le", "bin", "ibn", "al", "el"})
"""Name particles that spellings of one name keep or change ("da Costa", "de Costa")."""


def _without_particles(key: str) -> str:
    """A name key without its particles."""
    return " ".join(w for w in key.split() if w not in _PARTICLES)


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
