"""The dispute stage of a merge, kept between merges.

Most article disputes of a large folder are wire copies of each other. The stage keeps which
articles hold each repeated dispute (`prep.DisputeKeys.repeat_key`: only the first one in folder
order can change the result), each count's figures and each denier's one-sided denials, updated
only where an article came, changed or went. A merge then joins and de-duplicates the first of
each repeated dispute, the refutations, and each denier's denials joined among themselves (kept
from the last merge while its articles and their actors' merged names are the same), copying
only those that reach the result.
"""

from __future__ import annotations

from datetime import date

from ..model import Actor, ArticleResult, Claim, Dispute, StatusEvent
from ..text import name_key, sentence_key
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
    claim_candidate,
    numeric_disputes,
)
from .index import Changes, Postings
from .prep import ArticlePrep, DisputeKeys

Place = tuple[int, ...]
"""Where a dispute stands in the list the join reads (`_join_denials` keeps that order): (0, n)
for the n-th of those worked out from the merged events and actors and the figures, (1, article,
index) for an article's contradiction, (2, n) for the n-th name disagreement, (3, article, index)
for an article's other dispute."""


class DisputeStage:
    """The disputes across articles, joined and de-duplicated (not yet settled or weighed), and
    every figure by the count it gives. Equal to the stage run afresh on the same articles."""

    def __init__(self, remember: bool = True) -> None:
        """`remember`: keep each count's figure disputes and each denier's joined denials for the
        next merge."""
        self._remember = remember
        self._always: Postings[str] = Postings(lambda prep: ("",) if prep.always else ())
        self._repeats: Postings[tuple[str, frozenset[str]]] = Postings(lambda prep: prep.repeats)
        self._subjects: Postings[str] = Postings(lambda prep: prep.figures)
        self._denials: Postings[str] = Postings(lambda prep: prep.denials)
        self._figures: dict[str, list[Claim]] = {}
        """Each count's figures, from every article in folder order."""
        self._numeric: dict[str, tuple[list[Claim], list[Dispute]]] = {}
        """Each count's figure disputes, with the list of its figures they were worked out from."""
        self._joined: dict[str, _Joined] = {}
        """Each denier's joined denials."""
        self._candidates: dict[int, tuple[StatusEvent, tuple[frozenset[str], date] | None]] = {}
        """Each merged event's `claim_candidate` (by its id, with the event it was worked out for)..."""
        self._candidates_start: date | None = None
        """... in the window that starts on this day."""
        self._keys: dict[str, str] = {}
        """The sentence key of each sentence of the last merge's claims (`_sentence_keys`)."""

    def _update(self, change: Changes) -> tuple[dict[str, list[Claim]], set[str]]:
        """Take in the articles that came, changed or went; every figure by its count (the counts
        in the order they first appear; a new list for each count whose articles changed, the
        last merge's list for the others), and the deniers whose denials changed."""
        if change.restart:
            self._figures = {}
        self._always.update(change)
        self._repeats.update(change)
        deniers = self._denials.update(change)
        for subject in self._subjects.update(change):
            articles = self._subjects.articles.get(subject)
            if articles:
                self._figures[subject] = [c for p in articles for c in p.figures[subject]]
            else:
                self._figures.pop(subject, None)
        pos = change.pos
        # The first holder of each (`[0]`: unpacking would copy every holder's list on each merge).
        first = {subject: (pos[id(holders[0])], list(holders[0].figures).index(subject))
                 for subject, holders in self._subjects.articles.items()}
        order = sorted(self._figures, key=first.__getitem__)
        return {subject: self._figures[subject] for subject in order}, deniers

    def _reaching(self, change: Changes) -> list[tuple[ArticlePrep, int]]:
        """The article disputes (article, index) the join must see other than one-sided denials,
        in folder order: every one without a repeat key, and the first of each repeat key."""
        pos = change.pos
        items = [(pos[id(p)], index, p) for p in self._always.articles.get("", ()) for index in p.always]
        items += [(pos[id(holders[0])], holders[0].repeats[key], holders[0])
                  for key, holders in self._repeats.articles.items()]
        items.sort(key=lambda t: (t[0], t[1]))
        return [(p, index) for _at, index, p in items]

    def _competing(self, events: list[StatusEvent], actors: list[Actor],
                   window_start: date | None) -> list[Dispute]:
        """`_competing_claims` of the merged events, each event's candidate kept while it stands."""
        kept = self._candidates if window_start == self._candidates_start else {}
        found: dict[int, tuple[StatusEvent, tuple[frozenset[str], date] | None]] = {}

        def candidate(event: StatusEvent) -> tuple[frozenset[str], date] | None:
            held = kept.get(id(event))
            if held is None or held[0] is not event:
                held = (event, claim_candidate(event, window_start))
            found[id(event)] = held
            return held[1]

        out = _competing_claims(events, {a.name: a.kind for a in actors}, window_start, candidate)
        if self._remember:
            self._candidates, self._candidates_start = found, window_start
        return out

    def disputes(self, change: Changes, results: list[ArticleResult], events: list[StatusEvent],
                 actors: list[Actor], alias_to_name: dict[str, str], window_start: date | None,
                 ) -> tuple[list[Dispute], dict[str, list[Claim]]]:
        """The disputes of this merge's articles (`change`, `results` in folder order), its merged
        `events` and `actors`; and every figure by its count."""
        figures, dirty = self._update(change)
        pos = change.pos
        originals: dict[int, DisputeKeys] = {}
        sentences: dict[int, str] = {}
        contradictions: list[tuple[Place, Dispute]] = []
        refutations: list[Dispute] = []
        thin: list[tuple[Place, Dispute]] = []
        for prep, index in self._reaching(change):
            dispute, keys = prep.result.disputes[index], prep.disputes[index]
            sentences.update(zip(map(id, dispute.claims), keys.sentences, strict=True))
            if keys.refutable:
                dispute = dispute_copy(dispute, keys, alias_to_name)  # a copy: pairing adds a claim
                refutations.append(dispute)
            else:
                originals[id(dispute)] = keys
            place = (pos[id(prep)], index)
            if dispute.kind == "contradiction":
                contradictions.append(((1, *place), dispute))
            else:
                thin.append(((3, *place), dispute))

        merged = _contradictions(events) + _slot_conflicts(actors) + _blame(events)
        merged += self._competing(events, actors, window_start)
        numeric: dict[str, tuple[list[Claim], list[Dispute]]] = {}
        for subject, claims in figures.items():
            found = self._numeric.get(subject)
            if found is None or found[0] is not claims:  # `_update` makes a new list when they change
                found = (claims, numeric_disputes(subject, claims))
            numeric[subject] = found
            merged += map(_copy, found[1])
        if self._remember:
            self._numeric = numeric
        _pair_refutations(refutations, results)  # in place
        placed: list[tuple[Place, Dispute]] = [((0, n), d) for n, d in enumerate(merged)]
        placed += contradictions
        placed += [((2, n), d) for n, d in enumerate(_name_disagreements(actors))]
        placed += thin
        joined = self._join(placed, dirty, pos, sentences, alias_to_name)

        def copy(dispute: Dispute) -> Dispute:
            keys = originals.get(id(dispute))
            return dispute if keys is None else dispute_copy(dispute, keys, alias_to_name)

        self._sentence_keys(joined, sentences)
        return _dedupe_disputes([copy(d) for d in joined], sentences), figures

    def _sentence_keys(self, disputes: list[Dispute], sentences: dict[int, str]) -> None:
        """Add to `sentences` the sentence key of each claim of the disputes it lacks (the
        claims made by this merge), kept by sentence from the last merge: the same sentences
        come back on every merge, and a key costs a slice and a hash of the sentence's start."""
        last: dict[str, str] = self._keys
        now: dict[str, str] = {}
        for dispute in disputes:
            for claim in dispute.claims:
                if id(claim) not in sentences:
                    text = claim.sentence
                    key = now.get(text)
                    if key is None:
                        key = now[text] = last.get(text) or sentence_key(text)
                    sentences[id(claim)] = key
        if self._remember:
            self._keys = now

    def _join(self, placed: list[tuple[Place, Dispute]], dirty: set[str], pos: dict[int, int],
              sentences: dict[int, str], alias_to_name: dict[str, str]) -> list[Dispute]:
        """`_join_denials` of the articles' one-sided denials (`_denials`) and the other disputes
        (`placed`, none of them an article's denial as extracted), one denier at a time: a
        denier's one-sided denials are joined only among themselves, so its joined denials are
        reused while its articles and their actors' merged names are the same. Adds the sentence
        key of each joined denial's claims to `sentences`."""
        rest: list[tuple[Place, Dispute]] = []
        others: dict[str, list[tuple[Place, Dispute]]] = {}
        """One-sided denials not extracted as such (a refutation no lede answered), by denier."""
        for place, dispute in placed:
            if dispute.kind == "contradiction" and all(c.stance == "denies" for c in dispute.claims):
                others.setdefault(government_key(dispute.claims[0].source), []).append((place, dispute))
            else:
                rest.append((place, dispute))
        kept: dict[str, _Joined] = {}
        for who in [*self._denials.articles, *(w for w in others if w not in self._denials.articles)]:
            found = self._joined.get(who)
            if found is None or who in dirty or who in others or found.others \
                    or not found.holds(alias_to_name):
                found = _Joined(self._denials.articles.get(who, []), who, others.get(who, []), pos,
                                alias_to_name)
            kept[who] = found
            rest += [(found.place(offset, pos), _copy(home)) for offset, home in found.homes]
            sentences.update(found.sentences)
        if self._remember:
            self._joined = kept
        rest.sort(key=lambda t: t[0])
        return [d for _place, d in rest]


class _Joined:
    """One denier's one-sided denials joined (`_join_denials`), kept with what they rest on: its
    articles' denials and the merged names of their actors."""

    def __init__(self, articles: list[ArticlePrep], who: str, others: list[tuple[Place, Dispute]],
                 pos: dict[int, int], alias_to_name: dict[str, str]) -> None:
        """The denials `who` makes in `articles` (in folder order) and `others` (copies made by
        this merge, placed), joined."""
        self.others = bool(others)
        """Whether denials other than the articles' own were joined (then kept for no next merge)."""
        members: list[tuple[Place | tuple[ArticlePrep, int], Dispute, DisputeKeys | None]] = [
            ((prep, index), prep.result.disputes[index], prep.disputes[index])
            for prep in articles for index in prep.denials[who]]
        if others:
            members += [(place, dispute, None) for place, dispute in others]
            members.sort(key=lambda m: _placed(m[0], pos))
        self.starts = [m[0] for m in members]
        """Where each denial stands: (article, index) for an article's own, else its place."""
        originals = {id(d): keys for _at, d, keys in members if keys is not None}
        self.names = _names_of([(d, keys) for _at, d, keys in members])
        self.merged = tuple(alias_to_name.get(key, name) for key, name in self.names)
        sentences = {id(c): key for _at, d, keys in members if keys is not None
                     for c, key in zip(d.claims, keys.sentences, strict=True)}
        made: dict[int, int] = {}
        offset = {id(d): n for n, (_at, d, _keys) in enumerate(members)}

        def home(dispute: Dispute) -> Dispute:
            keys = originals.get(id(dispute))
            out = dispute if keys is None else dispute_copy(dispute, keys, alias_to_name)
            made[id(out)] = offset[id(dispute)]
            return out

        def named(dispute: Dispute) -> list[str]:
            keys = originals.get(id(dispute))
            return dispute.actors if keys is None else merged_names(dispute, keys, alias_to_name)

        joined = _join_denials([d for _at, d, _keys in members], sentences, home, named)
        self.homes = [(made[id(d)], d) for d in joined]
        """(offset of the denial it starts from, the joined denial)."""
        self.sentences = {id(c): sentences[id(c)] for _offset, d in self.homes for c in d.claims
                          if id(c) in sentences}
        """The sentence key of each joined denial's claims (those known)."""

    def place(self, offset: int, pos: dict[int, int]) -> Place:
        """Where the joined denial that starts from the denial at `offset` stands in this merge."""
        return _placed(self.starts[offset], pos)

    def holds(self, alias_to_name: dict[str, str]) -> bool:
        """Whether the actors of the denials keep their merged names."""
        return tuple(alias_to_name.get(key, name) for key, name in self.names) == self.merged


def _placed(start: Place | tuple[ArticlePrep, int], pos: dict[int, int]) -> Place:
    """The place of a denial: an article's own denial stands among the articles' contradictions."""
    if isinstance(start[0], int):
        return start
    prep, index = start
    return 1, pos[id(prep)], index


def _names_of(members: list[tuple[Dispute, DisputeKeys | None]]) -> tuple[tuple[str, str], ...]:
    """Each (name key, name) of the disputes' actors, once."""
    pairs: dict[tuple[str, str], None] = {}
    for dispute, keys in members:
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
