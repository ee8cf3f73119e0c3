"""What the merge reads from one article, worked out once per result and kept between merges."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from ..dates import When
from ..model import ActorMention, ArticleInfo, ArticleResult, Claim, Dispute
from ..text import name_key, sentence_key
from .actors import _place_keys
from .common import government_key
from .context import _title_words
from .disputes import _REFUTED

MentionKeys = tuple[str, ActorMention, tuple[str, ...], tuple[str, ...]]
"""An actor mention with its name key, the keys of its name and aliases and its evidence marks."""


@dataclass(frozen=True, slots=True)
class DisputeKeys:
    """What the dispute stage reads from one of an article's disputes."""

    sentences: tuple[str, ...]
    """The sentence key of each claim."""
    actor_keys: tuple[str, ...]
    """The name key of each actor."""
    repeat_key: tuple[str, frozenset[str]] | None
    """(kind, its sentences' keys) for a dispute that reaches de-duplication as extracted: a
    thin-sourcing or silence item, or a contradiction neither one-sided (a one-sided denial may be
    joined with others) nor a refutation to pair. A later dispute with the same key changes
    nothing: every sentence it would add is already shown, or already contested."""
    refutable: bool
    """A refutation with no side asserting it: the merge may pair it with another article's lede."""
    denier: str | None
    """For a one-sided denial that is no refutation: who denies (`common.government_key` of its
    first side's source), whose other denials it may be joined with."""


def dispute_keys(dispute: Dispute, sentence_keys: Mapping[str, str] | None = None) -> DisputeKeys:
    """The keys of one article dispute (`sentence_keys`: `text.sentence_key` of its claims'
    sentences, when known)."""
    keys = _SentenceKeys() if sentence_keys is None else sentence_keys
    claims, kind = dispute.claims, dispute.kind
    sentences = tuple([keys[c.sentence] for c in claims])
    stances = [c.stance for c in claims]
    refutable = kind == "contradiction" and bool(_REFUTED.match(dispute.subject)) and "asserts" not in stances
    one_sided = stances.count("denies") == len(stances)
    plain = kind in ("thin sourcing", "silence") or (
        kind == "contradiction" and not one_sided and not refutable)
    denier = government_key(claims[0].source) \
        if kind == "contradiction" and one_sided and not refutable else None
    return DisputeKeys(sentences, tuple(map(name_key, dispute.actors)),
                       (kind, frozenset(sentences)) if plain else None, refutable, denier)


class _SentenceKeys(dict[str, str]):
    """`text.sentence_key` of each sentence looked up, worked out once: an article names each of
    its sentences from many places (mentions, events, ledes, claims), and a key costs a slice and
    a hash of up to 200 characters."""

    def __missing__(self, sentence: str) -> str:
        key = self[sentence] = sentence_key(sentence)
        return key


_EVIDENCE_FIELDS = attrgetter("file", "sentence", "paragraph")
"""What makes two pieces of evidence equal (`Evidence.__eq__`), as a tuple that hashes in C."""


@dataclass(frozen=True, slots=True)
class ArticlePrep:
    """One article's keys, as the merge stages use them: computing them is most of a merge's
    work per article, and they depend on that article alone."""

    result: ArticleResult
    path: str
    """The article's file (`result.path`), read by the passes over every article of an actor or
    a sentence without going through its result."""
    mentions: tuple[MentionKeys, ...]
    keys: dict[str, tuple[int, ...]]
    """The mentions (indexes into `mentions`) of each name key, in order."""
    """Per actor mention: its name key, the mention, the keys of its name and aliases, and the
    mark of each piece of its evidence (`actors.evidence_mark`)."""
    place_keys: frozenset[str]
    headline: frozenset[str] | None
    """The headline's words, None when the title is no real headline."""
    title_key: str
    event_keys: tuple[tuple[str, str], ...]
    """Per event: the name key of its actor and the sentence key of its evidence."""
    fact_keys: tuple[tuple[str, str, str], ...]
    """Per event: what it tells, whoever it is about (`ledger.Fact`)."""
    facts: dict[tuple[str, str, str], tuple[int, ...]]
    """The events (indexes) that tell each fact, in order."""
    lead_keys: tuple[str, ...]
    """Per lede: its sentence key."""
    context_keys: tuple[tuple[str, str], ...]
    """Per context item: its merge key (kind, folded text)."""
    context_index: dict[tuple[str, str], tuple[int, ...]]
    """The context items (indexes) with each merge key, in order."""
    place_countries: tuple[str, ...]
    """The country of each place it names with one ("Omdurman (Sudan)" gives "Sudan")."""
    day: When | None
    """The article's date, read."""
    disputes: tuple[DisputeKeys, ...]
    """Per dispute: its keys."""
    always: tuple[int, ...]
    """The disputes (indexes) other than figures and one-sided denials that always reach the
    join: those without a `DisputeKeys.repeat_key` or `DisputeKeys.denier`."""
    denials: dict[str, tuple[int, ...]]
    """Per denier (`DisputeKeys.denier`): its one-sided denials (indexes), in order."""
    repeats: dict[tuple[str, frozenset[str]], int]
    """Per repeat key of its disputes: the first dispute (index) with it."""
    figures: dict[str, tuple[Claim, ...]]
    """Per count its figure disputes give (their subject): their claims, in order."""
    info: ArticleInfo
    """The article as the report's Sources list it."""
    context_plain: bool
    """Every piece of its context items' evidence was read in this article, and no two of its
    items with one merge key repeat a piece: their evidence is joined by putting it together."""

    @property
    def start(self) -> date | None:
        """The first day the article's date may mean."""
        return self.day.start if self.day is not None else None


def prepare(result: ArticleResult) -> ArticlePrep:
    """The keys of one article."""
    skeys = _SentenceKeys()
    # An article's mentions share evidence (a decoded row holds each piece once): its mark is
    # worked out once per piece, by identity (`actors.evidence_mark`, written out).
    marks: dict[int, str] = {}
    mentions_list: list[MentionKeys] = []
    for m in result.actors:
        evidence_marks = []
        for ev in m.evidence:
            mark = marks.get(id(ev))
            if mark is None:
                mark = marks[id(ev)] = (ev.paragraph + "|" + skeys[ev.sentence][:80] if ev.paragraph
                                        else ev.file + ev.sentence)
            evidence_marks.append(mark)
        key = name_key(m.name)
        mentions_list.append((key, m, (key, *map(name_key, m.aliases)) if m.aliases else (key,),
                              tuple(evidence_marks)))
    mentions = tuple(mentions_list)
    keys: dict[str, list[int]] = {}
    for index, item in enumerate(mentions):
        keys.setdefault(item[0], []).append(index)
    title_key = name_key(result.title)
    words = _title_words(title_key)
    # `context._real_headline`, written out with the title's key worked out once
    stem = os.path.splitext(os.path.basename(result.path))[0].replace("_", " ").replace("-", " ")
    real = bool(title_key) and len(words) >= 2 and title_key != name_key(stem)
    headline = frozenset(words) if real else None
    disputes = tuple([dispute_keys(dispute, skeys) for dispute in result.disputes])
    context_keys = tuple([(item.kind, name_key(item.text)[:100]) for item in result.context])
    context_index: dict[tuple[str, str], list[int]] = {}
    for index, context_key in enumerate(context_keys):
        context_index.setdefault(context_key, []).append(index)
    path = result.path
    context_plain = True
    for indexes in context_index.values():
        pieces = [e for index in indexes for e in result.context[index].evidence]
        if any(e.file != path for e in pieces) or \
                (len(pieces) > 1 and len(set(map(_EVIDENCE_FIELDS, pieces))) != len(pieces)):
            context_plain = False
            break
    fact_keys = tuple([(e.event, e.polarity, e.evidence.paragraph or e.evidence.sentence)
                       for e in result.events])
    facts: dict[tuple[str, str, str], list[int]] = {}
    for index, fact in enumerate(fact_keys):
        facts.setdefault(fact, []).append(index)
    repeats: dict[tuple[str, frozenset[str]], int] = {}
    figures: dict[str, list[Claim]] = {}
    denials: dict[str, list[int]] = {}
    always: list[int] = []
    for index, (dispute, dkeys) in enumerate(zip(result.disputes, disputes, strict=True)):
        if dispute.kind == "numeric":
            figures.setdefault(dispute.subject, []).extend(dispute.claims)
        elif dkeys.repeat_key is not None:
            repeats.setdefault(dkeys.repeat_key, index)
        elif dkeys.denier is not None:
            denials.setdefault(dkeys.denier, []).append(index)
        else:
            always.append(index)
    return ArticlePrep(
        result=result,
        path=path,
        mentions=mentions,
        keys={key: tuple(indexes) for key, indexes in keys.items()},
        place_keys=frozenset(_place_keys([result])),
        headline=headline,
        title_key=title_key,
        event_keys=tuple([(name_key(e.actor), skeys[e.evidence.sentence]) for e in result.events]),
        fact_keys=fact_keys,
        facts={fact: tuple(indexes) for fact, indexes in facts.items()},
        lead_keys=tuple([skeys[lead.text] for lead in result.leads]),
        context_keys=context_keys,
        context_index={key: tuple(indexes) for key, indexes in context_index.items()},
        context_plain=context_plain,
        place_countries=tuple(item.text.rsplit("(", 1)[-1].rstrip(")") for item in result.context
                              if item.kind == "place" and item.text.endswith(")")),
        day=When.from_iso(result.date) if result.date else None,
        disputes=disputes,
        always=tuple(always),
        denials={denier: tuple(indexes) for denier, indexes in denials.items()},
        repeats=repeats,
        figures={subject: tuple(claims) for subject, claims in figures.items()},
        info=ArticleInfo(result.path, result.title, result.outlet, result.date, result.mtime, result.words,
                         result.duplicates_removed, result.provenance),
    )

