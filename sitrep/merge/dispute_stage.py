"""The dispute stage of a merge, kept between merges.

Most article disputes of a large folder are wire copies of each other. The stage keeps which
articles hold each repeated dispute (`prep.DisputeKeys.repeat_key`: only the first one in folder
order can change the result) and each count's figures, updated only where an article came,
changed or went. A merge then joins and de-duplicates the first of each repeated dispute and the
disputes that are always joined (one-sided denials, refutations), copying only those that reach
the result.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date

from ..model import Actor, ArticleResult, Claim, Dispute, StatusEvent
from ..text import name_key
from .common import government_key
from .disputes import (
    _blame,
    _competing_claims,
    _contradictions,
    _dedupe_disputes,
    _join_denials,
    _name_disagreements,
    _pair_refutations,
    _slot_conflicts,
    numeric_disputes,
)
from .index import Changes, Postings
from .prep import ArticlePrep, DisputeKeys


class DisputeStage:
    """The disputes across articles, joined and de-duplicated (not yet settled or weighed), and
    every figure by the count it gives. Equal to the stage run afresh on the same articles."""

    def __init__(self, remember: bool = True) -> None:
        """`remember`: keep each count's figure disputes for the next merge."""
        self._remember = remember
        self._always: Postings[str] = Postings(lambda prep: ("",) if prep.always else ())
        self._repeats: Postings[tuple[str, frozenset[str]]] = Postings(lambda prep: prep.repeats)
        self._subjects: Postings[str] = Postings(lambda prep: prep.figures)
        self._figures: dict[str, list[Claim]] = {}
        """Each count's figures, from every article in folder order."""
        self._numeric: dict[str, tuple[tuple[Claim, ...], list[Dispute]]] = {}
        """Each count's figure disputes, by its figures."""
        self._joined: dict[str, _Joined] = {}
        """Each denier's joined denials."""

    def _update(self, change: Changes) -> dict[str, list[Claim]]:
        """Take in the articles that came, changed or went; every figure by its count, the counts
        in the order they first appear."""
        if change.restart:
            self._figures = {}
        self._always.update(change)
        self._repeats.update(change)
        for subject in self._subjects.update(change):
            articles = self._subjects.articles.get(subject)
            if articles:
                self._figures[subject] = [c for p in articles for c in p.figures[subject]]
            else:
                self._figures.pop(subject, None)
        pos = change.pos
        first = {subject: (pos[id(p)], list(p.figures).index(subject))
                 for subject, (p, *_rest) in self._subjects.articles.items()}
        return {subject: self._figures[subject] for subject in sorted(self._figures, key=first.__getitem__)}

    def _reaching(self, change: Changes) -> list[tuple[ArticlePrep, int]]:
        """The article disputes (article, index) the join must see, in folder order: every one
        without a repeat key, and the first of each repeat key."""
        pos = change.pos
        items = [(pos[id(p)], index, p) for p in self._always.articles.get("", ()) for index in p.always]
        items += [(pos[id(p)], p.repeats[key], p) for key, (p, *_rest) in self._repeats.articles.items()]
        items.sort(key=lambda t: (t[0], t[1]))
        return [(p, index) for _at, index, p in items]

    def disputes(self, change: Changes, results: list[ArticleResult], events: list[StatusEvent],
                 actors: list[Actor], alias_to_name: dict[str, str], window_start: date | None,
                 ) -> tuple[list[Dispute], dict[str, list[Claim]]]:
        """The disputes of this merge's articles (`change`, `results` in folder order), its merged
        `events` and `actors`; and every figure by its count."""
        figures = self._update(change)
        originals: dict[int, DisputeKeys] = {}
        sentences: dict[int, str] = {}
        contradictions: list[Dispute] = []
        thin: list[Dispute] = []
        for prep, index in self._reaching(change):
            dispute, keys = prep.result.disputes[index], prep.disputes[index]
            sentences.update(zip(map(id, dispute.claims), keys.sentences, strict=True))
            if keys.refutable:
                dispute = dispute_copy(dispute, keys, alias_to_name)  # a copy: pairing adds a claim
            else:
                originals[id(dispute)] = keys
            (contradictions if dispute.kind == "contradiction" else thin).append(dispute)

        def copy(dispute: Dispute) -> Dispute:
            keys = originals.get(id(dispute))
            return dispute if keys is None else dispute_copy(dispute, keys, alias_to_name)

        def named(dispute: Dispute) -> list[str]:
            keys = originals.get(id(dispute))
            return dispute.actors if keys is None else merged_names(dispute, keys, alias_to_name)

        disputes = _contradictions(events) + _slot_conflicts(actors) + _blame(events)
        disputes += _competing_claims(events, {a.name: a.kind for a in actors}, window_start)
        numeric: dict[str, tuple[tuple[Claim, ...], list[Dispute]]] = {}
        for subject, claims in figures.items():
            found = self._numeric.get(subject)
            if found is None or len(found[0]) != len(claims) or not all(map(operator.is_, found[0], claims)):
                found = (tuple(claims), numeric_disputes(subject, claims))
            numeric[subject] = found
            disputes += map(_copy, found[1])
        if self._remember:
            self._numeric = numeric
        disputes += _pair_refutations(contradictions, results)
        disputes += _name_disagreements(actors)
        disputes += thin
        joined = self._join(disputes, originals, sentences, alias_to_name, copy, named)
        return _dedupe_disputes([copy(d) for d in joined], sentences), figures

    def _join(self, disputes: list[Dispute], originals: dict[int, DisputeKeys], sentences: dict[int, str],
              alias_to_name: dict[str, str], copy: Callable[[Dispute], Dispute],
              named: Callable[[Dispute], list[str]]) -> list[Dispute]:
        """`_join_denials` of the disputes, one denier at a time: a denier's one-sided denials are
        joined only among themselves, so its joined denials are reused while they are the same
        disputes and their actors keep their merged names."""
        rest: list[tuple[int, Dispute]] = []
        deniers: dict[str, list[tuple[int, Dispute]]] = {}
        for at, dispute in enumerate(disputes):
            keys = originals.get(id(dispute))
            if keys is not None:
                who = keys.denier
            elif dispute.kind == "contradiction" and all(c.stance == "denies" for c in dispute.claims):
                who = government_key(dispute.claims[0].source)
            else:
                who = None
            if who is None:
                rest.append((at, dispute))
            else:
                deniers.setdefault(who, []).append((at, dispute))
        kept: dict[str, _Joined] = {}
        for who, denials in deniers.items():
            members = tuple(d for _at, d in denials)
            found = self._joined.get(who)
            if found is None or not found.holds(members, alias_to_name, originals):
                found = _Joined(members, originals, sentences, copy, named, alias_to_name)
            kept[who] = found
            rest += [(denials[offset][0], _copy(home)) for offset, home in found.homes]
        if self._remember:
            self._joined = kept
        rest.sort(key=lambda t: t[0])
        return [d for _at, d in rest]


class _Joined:
    """One denier's one-sided denials joined (`_join_denials`), kept with what they rest on: the
    disputes (by identity) and the merged names of their actors."""

    def __init__(self, members: tuple[Dispute, ...], originals: dict[int, DisputeKeys],
                 sentences: dict[int, str], copy: Callable[[Dispute], Dispute],
                 named: Callable[[Dispute], list[str]], alias_to_name: dict[str, str]) -> None:
        self.members = members
        self.names = _names_of(members, originals)
        self.merged = tuple(alias_to_name.get(key, name) for key, name in self.names)
        made: dict[int, int] = {}

        def home(dispute: Dispute) -> Dispute:
            out = copy(dispute)
            made[id(out)] = offset[id(dispute)]
            return out

        offset = {id(d): n for n, d in enumerate(members)}
        self.homes = [(made[id(d)], d) for d in _join_denials(list(members), sentences, home, named)]
        """(offset of the denial it starts from, the joined denial)."""

    def holds(self, members: tuple[Dispute, ...], alias_to_name: dict[str, str],
              originals: dict[int, DisputeKeys]) -> bool:
        """Whether these are the same denials, their actors under the same merged names."""
        return len(members) == len(self.members) \
            and all(a is b for a, b in zip(members, self.members, strict=True)) \
            and tuple(alias_to_name.get(key, name) for key, name in self.names) == self.merged


def _names_of(members: tuple[Dispute, ...], originals: dict[int, DisputeKeys]) -> tuple[tuple[str, str], ...]:
    """Each (name key, name) of the disputes' actors, once."""
    pairs: dict[tuple[str, str], None] = {}
    for dispute in members:
        keys = originals.get(id(dispute))
        for key, name in zip(keys.actor_keys if keys is not None else [name_key(a) for a in dispute.actors],
                             dispute.actors, strict=True):
            pairs[(key, name)] = None
    return tuple(pairs)


def merged_names(dispute: Dispute, keys: DisputeKeys, alias_to_name: dict[str, str]) -> list[str]:
    """An article dispute's actors under their merged names, each once."""
    return list(dict.fromkeys(alias_to_name.get(key, name)
                              for key, name in zip(keys.actor_keys, dispute.actors, strict=True)))


def dispute_copy(dispute: Dispute, keys: DisputeKeys, alias_to_name: dict[str, str]) -> Dispute:
    """An article's dispute to join and weigh, its actors under their merged names: the inputs
    (cached, remembered between reloads) must stay as extracted however often they are merged."""
    return Dispute(dispute.subject, dispute.kind, list(dispute.claims),
                   merged_names(dispute, keys, alias_to_name), dispute.weight, dispute.independent_sources,
                   dispute.settled_by)


def _copy(dispute: Dispute) -> Dispute:
    """A kept dispute to hand out: the merge weighs and settles each merge's own."""
    return Dispute(dispute.subject, dispute.kind, list(dispute.claims), list(dispute.actors),
                   dispute.weight, dict(dispute.independent_sources), dispute.settled_by)
