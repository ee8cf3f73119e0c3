"""Disputes across articles: contradictions, slot conflicts, blame, competing claims to a role
or place, figures for the same count, refutations paired with what they refute, settlement,
de-duplication and ranking weights."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..dates import When
from ..model import Actor, ArticleResult, Claim, Dispute, StateEntry, StatusEvent
from ..text import name_key, nation_key, sentence_key
from .common import _LEXICON, FAMILY, _held_at, government_key, is_history, planned

_WEIGHT = {"contradiction": 3.0, "numeric": 2.5, "thin sourcing": 1.5, "silence": 1.2}


def _contradictions(events: list[StatusEvent]) -> list[Dispute]:
    """The same fact on the same actor both asserted and denied (within or across articles)."""
    groups: dict[tuple[str, str, str], list[StatusEvent]] = defaultdict(list)
    for event in events:
        family = FAMILY.get(event.event)
        if family == "plans":
            what = planned(event.detail)
            if what:
                groups[(event.actor, family, what)].append(event)
        elif family:
            groups[(event.actor, family, "")].append(event)
    out = []
    for (actor, family, _what), group in groups.items():
        if not any(e.polarity == "denied" for e in group) or not any(e.polarity == "affirmed" for e in group):
            continue
        claims = [
            Claim(text=e.phrase, source=e.source,
                  stance="denies" if e.polarity == "denied"
                  else ("asserts" if e.certainty == "stated" else "hedges"), article=e.evidence.file,
                  sentence=e.evidence.sentence)
            for e in group
        ]
        out.append(Dispute(subject=f"{actor}: {family}?", kind="contradiction", claims=claims,
                           actors=[actor]))
    return out

SETTLED_PENALTY = 4.0
"""A settled dispute sinks below every live one."""

RECENT_DAYS = 30
"""A disagreement this old (from the newest article) has lost its recency weight."""

_CENTRAL_FAMILIES = frozenset(
    f for f, slot in _LEXICON.slot.items() if slot in ("life", "liberty", "office")
) | {value for value, family in _LEXICON.family.items() if _LEXICON.slot.get(family) == "life"}
"""The words of life, liberty and office in a dispute's subject: the families, and each way of
telling a death or an injury ("dead" as well as "killed")."""


def _centrality(dispute: Dispute) -> float:
    """Life, liberty and power first: a dispute over whether someone is dead, held or in office,
    who leads, or whether a coup or an attack happened weighs more than one over a detail."""
    return _subject_centrality(dispute.subject)


@lru_cache(maxsize=1 << 14)
def _subject_centrality(subject: str) -> float:
    """`_centrality` of a dispute's subject (the same subjects come back on every merge)."""
    subject = subject.lower()
    if subject.startswith(("whether the ", "who leads", "who holds")) or any(
            re.search(rf"\b{re.escape(family)}\b", subject) for family in _CENTRAL_FAMILIES):
        return 0.5
    return 0.0


def _recency(dispute: Dispute, days: dict[str, date], newest: date | None) -> float:
    """Up to 0.5 for a disagreement voiced in the newest articles, nothing for one a month old."""
    voiced = [days[c.article] for c in dispute.claims if c.article in days]
    if newest is None or not voiced:
        return 0.0
    age = (newest - max(voiced)).days
    return 0.5 * max(0.0, 1.0 - age / RECENT_DAYS)

_ACTOR_QUESTION = re.compile(r"^(?P<actor>.+): (?P<families>[\w ]+?)\?$")


def _settle(disputes: list[Dispute], actors: list[Actor]) -> None:
    """Mark an actor's contradiction settled when a later plain statement fills the same slot
    ("detained?" disputed on Monday, "released" stated on Thursday): the question is moot."""
    by_name = {a.name: a for a in actors}
    for dispute in disputes:
        found = _ACTOR_QUESTION.match(dispute.subject)
        actor = by_name.get(found.group("actor")) if found and dispute.kind == "contradiction" else None
        if actor is None:
            continue
        families = set(found.group("families").split(" or "))  # type: ignore[union-attr]
        disputed = [e for e in actor.state if e.family in families and e.as_of]
        if not disputed:
            continue
        slot = disputed[0].slot
        until = max(w.end for e in disputed if (w := When.from_iso(e.as_of)) is not None)
        later = [(w, e) for e in actor.state if e.slot == slot and e.certainty == "stated" and e.as_of
                 and not (e.history or e.superseded_by or e.claimed_by)
                 and (w := When.from_iso(e.as_of)) is not None
                 and (w.start - until).days > SLOT_CONFLICT_DAYS]
        if later:
            held, entry = max(later, key=lambda t: t[0].end)
            by = f" ({', '.join(entry.sources[:2])})" if entry.sources else ""
            dispute.settled_by = f"{entry.value}, as of {held.label}{by}"


def corroborated_dropped(disputes: list[Dispute], actors: list[Actor]) -> list[Dispute]:
    """The disputes without the thin items whose claim rests on more than a hedge after all:
    "Ali Abdullah Saleh: killed" told by one article as "reportedly killed", when the actor's
    claims hold it (the same event) as stated now by two independent sources or more, and by
    articles other than the hedged ones (one article's "sources indicate" and "AFP claimed" stay)."""
    by_name = {a.name: a for a in actors}
    out = []
    for dispute in disputes:
        if dispute.kind == "thin sourcing" and len(dispute.actors) == 1 and ": " in dispute.subject:
            actor = by_name.get(dispute.actors[0])
            # one fact in any of its wordings ("detained", "arrested")
            told = [FAMILY.get(w, w) for w in dispute.subject.split(": ", 1)[1].split()[:1]]
            hedged_in = {claim.article for claim in dispute.claims}
            if actor is not None and told and any(
                    e.certainty == "stated" and e.independent_sources >= 2
                    and [FAMILY.get(w, w) for w in e.value.split()[:1]] == told
                    and not (e.history or e.superseded_by or e.claimed_by)
                    and any(ev.file not in hedged_in for ev in e.evidence) for e in actor.state):
                continue
        out.append(dispute)
    return out


CLAIM_DAYS = 3
"""Claims to one role or place this close in time compete; further apart, the later one supersedes."""

_HOLDING = {"controls", "seized", "occupied"}

_CLAIM_STOPWORDS = {"the", "a", "an", "of", "and", "still", "most", "much", "part", "parts", "all", "its",
                    "their", "state", "country", "whole", "key", "main"}


def _claim_words(detail: str) -> frozenset[str]:
    return frozenset(_content_words(detail, _CLAIM_STOPWORDS))


def _content_words(text: str, stopwords: AbstractSet[str]) -> set[str]:
    """The words of a name key that say something: not a stopword, longer than two letters."""
    return {w for w in name_key(text).split() if w not in stopwords and len(w) > 2}


def claim_candidate(event: StatusEvent, window_start: date | None) -> tuple[frozenset[str], date] | None:
    """What `_competing_claims` reads of one event that may claim a role or place: the words of
    what it claims and the last day it held; None for any other event."""
    if event.event != "leads" and event.event not in _HOLDING:
        return None
    if event.polarity != "affirmed" or event.certainty == "denied" or is_history(event, window_start) \
            or event.background:
        return None
    # "said they had seized the airport": reported as news, so as of its article
    held = _held_at(event) or (When.from_iso(event.article_date) if event.article_date else None)
    words = _claim_words(event.detail)
    if held is None or not words:
        return None
    return words, held.end


def _competing_claims(events: list[StatusEvent], kinds: dict[str, str], window_start: date | None,
                      candidate: Callable[[StatusEvent], tuple[frozenset[str], date] | None] | None = None,
                      ) -> list[Dispute]:
    """Two people each said to lead one body, or two sides each said to hold one place, by
    different sources at about the same time: "who leads the army?", "who holds the airport?".
    Two captures alone are one side told twice (and its allies); a place is disputed only when
    someone is said to hold it still. `candidate`: `claim_candidate` of an event in this window,
    if kept from earlier merges."""
    candidates: list[tuple[str, frozenset[str], StatusEvent, date]] = []
    for event in events:
        found = claim_candidate(event, window_start) if candidate is None else candidate(event)
        if found is None:
            continue
        words, day = found
        if event.event == "leads" and kinds.get(event.actor) == "person":
            candidates.append(("leads", words, event, day))
        elif event.event in _HOLDING:
            candidates.append(("holds", words, event, day))
    out: list[Dispute] = []
    used: set[int] = set()
    for i, (what, words, event, day) in enumerate(candidates):
        if i in used:
            continue
        rivals = [(j, e) for j, (w2, words2, e, d2) in enumerate(candidates)
                  if j != i and w2 == what and e.actor != event.actor and words & words2
                  and abs((d2 - day).days) <= CLAIM_DAYS and name_key(e.source) != name_key(event.source)]
        if what == "holds":
            rivals = [(j, e) for j, e in rivals if "controls" in (e.event, event.event)]
        if not rivals:
            continue
        sides = {event.actor: event}
        for j, e in rivals:
            sides.setdefault(e.actor, e)
            used.add(j)
        used.add(i)
        claims = [Claim(text=f"{e.actor}: {e.event} {e.detail}", source=e.source,
                        stance="asserts" if e.certainty == "stated" else "hedges",
                        article=e.evidence.file, sentence=e.evidence.sentence) for e in sides.values()]
        thing = re.sub(r"^(the|a|an|his|her|their|its)\s+", "", event.detail, flags=re.I)
        subject = f"who leads the {thing}?" if what == "leads" else f"who holds the {thing}?"
        out.append(Dispute(subject=subject, kind="contradiction", claims=claims, actors=list(sides)))
    return out

FIGURE_DAYS = 1
"""Tolls reported on different days are not a dispute: a later toll supersedes an earlier one."""

@dataclass(frozen=True)
class Stock:
    """A count that holds from day to day, followed from figure to figure."""

    days: int
    """Each figure counts the same stock as the one before it when given within this many days."""
    factor: float
    """Figures days apart disagree only when one is at least this many times another."""


STOCKS = {
    # People stranded or missing drift as they land or are found: "7,000 at sea", then "2,500".
    "stranded": Stock(days=10, factor=2.0),
    "missing": Stock(days=10, factor=2.0),
    # A meeting is announced weeks ahead, and every change is news: 15 invited, 17 at the table.
    "at the meeting": Stock(days=30, factor=1.0),
}
"""Counts that hold from day to day, by the category that ends a figure's subject."""

CUMULATIVE_DAYS = 3
"""Counts from a start ("since Tuesday") are one count when their starts and ends are this close."""


def _window(claim: Claim) -> When | None:
    return When.from_iso(claim.when) if claim.when else None


def comparable(a: Claim, b: Claim, days: int = FIGURE_DAYS) -> bool:
    """Whether two figures can count the same thing: reported within `days` of each other, or,
    for counts from a start ("since Tuesday"), over the same period.

    Undated figures (undated articles) are compared with each other and with nothing else."""
    ga, gb = nation_key(a.group), nation_key(b.group)
    if ga and gb and not (ga.startswith(gb) or gb.startswith(ga)):
        return False  # "eight Cameroonian soldiers" and "nine Nigerian troops" count different people
    wa, wb = _window(a), _window(b)
    if wa is None or wb is None:
        return wa is None and wb is None
    ranged_a, ranged_b = wa.precision == "range", wb.precision == "range"
    if ranged_a or ranged_b:
        return ranged_a and ranged_b and abs((wa.start - wb.start).days) <= CUMULATIVE_DAYS \
            and abs((wa.end - wb.end).days) <= CUMULATIVE_DAYS
    return abs((wa.start - wb.start).days) <= days


def disagree(values: list[tuple[float, float]]) -> bool:
    """Whether some two figures cannot both be true ("at least 8" and "8" can; "8" and "10" cannot)."""
    return any(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(values) for b in values[i + 1:])

SLOT_CONFLICT_DAYS = 1


def _slot_conflicts(actors: list[Actor]) -> list[Dispute]:
    """Sources that give one actor incompatible values in one slot at the same time ("killed" by
    one, "alive" by another; "detained" against "released" on the same day). A value a later
    claim overturned is superseded, not disputed: only claims within a day of each other count."""
    out = []
    for actor in actors:
        # one dispute per pair of values: "killed or injured?" told by three sources is one question
        asked: dict[frozenset[str], Dispute] = {}
        by_slot: dict[str, list[tuple[date, StateEntry]]] = defaultdict(list)
        for entry in actor.state:
            held = When.from_iso(entry.as_of) if entry.as_of else None
            if held is not None and not entry.history and entry.certainty != "denied":
                by_slot[entry.slot].append((held.end, entry))
        for dated in by_slot.values():
            dated.sort(key=lambda t: t[0])  # stable: entries of one day keep their ledger order
            for i, (day_a, a) in enumerate(dated):
                for day_b, b in dated[i + 1:]:
                    if (day_b - day_a).days > SLOT_CONFLICT_DAYS:
                        break  # later claims supersede; only those within the window conflict
                    if not _LEXICON.excluded(a.family, b.family) or set(a.sources) == set(b.sources):
                        continue
                    if frozenset((a.family, b.family)) in _SEQUENCES and _one_file(a, b):
                        continue  # "arrested ..., then allowed to leave shortly after": one story in order
                    if actor.kind == "collective" and {a.family, b.family} == {"killed", "injured"}:
                        continue  # "13 soldiers killed", "15 soldiers injured": other members of the group
                    conflict = _slot_conflict(actor.name, a, b)
                    pair = frozenset((a.family, b.family))
                    if pair not in asked:
                        asked[pair] = conflict
                        out.append(conflict)
                        continue
                    told = asked[pair].claims
                    seen = {(t.text, t.sentence) for t in told}
                    told += [c for c in conflict.claims if (c.text, c.sentence) not in seen]
    return out


_SEQUENCES = {frozenset(("detained", "released")), frozenset(("in power", "ousted")),
              frozenset(("in power", "resigned"))}
"""A state and what ends it: one article telling both tells what happened in turn, not a conflict."""


def _one_file(a: StateEntry, b: StateEntry) -> bool:
    """Whether two ledger entries rest on one and the same article."""
    files = {e.file for e in (*a.evidence, *b.evidence)}
    return len(files) == 1


def _slot_conflict(actor: str, a: StateEntry, b: StateEntry) -> Dispute:
    """The dispute between two incompatible ledger entries, each side with its first sentence."""
    claims = [Claim(text=e.phrase, source=", ".join(e.sources[:2]) or "the article",
                    stance="asserts" if e.certainty == "stated" else "hedges",
                    article=e.evidence[0].file if e.evidence else "",
                    sentence=e.evidence[0].sentence if e.evidence else "") for e in (a, b)]
    return Dispute(subject=f"{actor}: {a.family} or {b.family}?", kind="contradiction", claims=claims,
                   actors=[actor])


def _blame(events: list[StatusEvent]) -> list[Dispute]:
    """Two sides that each accuse the other (of firing first, of shelling the town): one dispute
    with both accusations, whether told in one sentence ("accused each other") or two."""
    by_pair: dict[tuple[str, str], list[StatusEvent]] = defaultdict(list)
    for event in events:
        if FAMILY.get(event.event) == "accused" and event.polarity == "affirmed" and event.source \
                and event.source not in ("the article", event.actor):
            by_pair[(event.source, event.actor)].append(event)
    out = []
    for (accuser, accused), charges in by_pair.items():
        if accuser >= accused or (accused, accuser) not in by_pair:
            continue  # each pair once, and only when the accusation runs both ways
        back = by_pair[(accused, accuser)]
        # "accused each other of firing first": the two charges one sentence tells, when there are
        # (a side's charge over something else, years before, is no part of this exchange)
        pair = next(((a, b) for a in charges for b in back if a.evidence.sentence == b.evidence.sentence),
                    (charges[0], back[0]))
        claims = [Claim(text=f"{e.source} accuses {e.actor}" + (f" {e.detail}" if e.detail else ""),
                        source=e.source, stance="asserts", article=e.evidence.file,
                        sentence=e.evidence.sentence)
                  for e in pair]
        detail = next((e.detail for e in (*pair, *charges, *back) if e.detail), "")
        charge = re.sub(r"^(of|for)\s+", "", detail)
        subject = f"{accuser} and {accused} blame each other" + (f": {charge}" if charge else "")
        out.append(Dispute(subject=subject, kind="contradiction", claims=claims, actors=[accuser, accused]))
    return out


def _numeric(disputes: list[Dispute]) -> list[Dispute]:
    """Figures for the same count at the same time that cannot all be true, within or across
    articles. Figures for other periods (a toll days later, a year's total) are kept apart."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for dispute in disputes:
        groups[dispute.subject] += dispute.claims
    return [d for subject, claims in groups.items() for d in numeric_disputes(subject, claims)]


def numeric_disputes(subject: str, figures: list[Claim]) -> list[Dispute]:
    """`_numeric` of one count: its figures, from every article in order (a figure given twice in
    one sentence counts once)."""
    seen: set[tuple[tuple[float, float] | None, str]] = set()
    claims: list[Claim] = []
    for claim in figures:
        mark = (claim.value, claim.sentence)
        if mark not in seen:
            seen.add(mark)
            claims.append(claim)
    out = []
    stock = next((s for category, s in STOCKS.items() if subject.endswith(category)), None)
    clusters: list[list[Claim]] = []
    for claim in sorted(claims, key=lambda c: (c.when or "~", c.article)):
        # A stock is followed from figure to figure (each within its days of the last); a toll
        # holds for its day only.
        home = (
            next((cl for cl in clusters if comparable(claim, cl[-1], stock.days)), None)
            if stock
            else next((cl for cl in clusters if all(comparable(claim, other) for other in cl)), None)
        )
        if home is None:
            clusters.append([claim])
        else:
            home.append(claim)
    for n, cluster in enumerate(clusters):
        values = list(dict.fromkeys(c.value for c in cluster if c.value))
        if len(values) < 2 or not disagree(values):
            continue
        days = [w for c in cluster if (w := _window(c)) is not None]
        spread = bool(days) and (max(days).end - min(days).start).days > FIGURE_DAYS
        if stock and spread and not _far_apart(values, stock.factor):
            continue  # a stock drifting day by day, not figures that contradict each other
        when = f" (as of {max(days).label})" if days else ""
        dispute = Dispute(subject=subject + when + figure_summary(cluster), kind="numeric",
                          claims=cluster)
        later = [c for other in clusters[n + 1:] for c in other
                 if days and (w := _window(c)) is not None and (w.end - max(days).end).days > FIGURE_DAYS]
        newest = (
            [c for c in cluster if (w := _window(c)) is not None and w == max(days)] if spread else []
        )
        if spread and all((max(days).end - w.end).days > FIGURE_DAYS
                          for c in cluster if c not in newest and (w := _window(c)) is not None):
            later = newest  # "7,000 at sea" (10 May), "2,500" (29 May): the newest figure holds
        if later:
            # A toll given days later supersedes the day's disagreement.
            last = max(later, key=lambda c: (c.when, c.article))
            held = _window(last)
            dispute.settled_by = f"a later figure: {last.text} ({last.source})" + (
                f", {held.label}" if held else ""
            )
        out.append(dispute)
    return out

def _far_apart(values: list[tuple[float, float]], factor: float) -> bool:
    """Whether one figure is at least `factor` times another ("7,000 to 8,000" against "2,500"
    for 2): the highest floor against the lowest ceiling. With 1, any two that disagree are."""
    return max(v[0] for v in values) >= factor * max(1.0, min(v[1] for v in values))


CONSERVATIVE = {"dozens": 12.0, "scores": 20.0, "hundreds": 100.0, "thousands": 1000.0}
"""ACLED's rule for vague counts: the lowest number the word can mean."""


_APPROXIMATE = re.compile(r"^(?:around|about|some|nearly|roughly|approximately|almost|close to)\s+([\d,]+)\b",
                          re.I)
"""A figure given roughly: "around 30" is 30 said roughly, not a count of 24."""


def _lowest(claim: Claim) -> float:
    """The lowest number a figure can mean: ACLED's reading of a vague count, the number itself
    of an approximate one, else the low end of its value."""
    text = claim.text.lower().strip()
    rough = _APPROXIMATE.match(text)
    if rough is not None:
        return float(rough.group(1).replace(",", ""))
    return CONSERVATIVE.get(text, claim.value[0])  # type: ignore[index]


def _figure(value: float) -> str:
    return f"{value:,.0f}"


def figure_summary(claims: list[Claim]) -> str:
    """The range the figures span, the lowest (ACLED's conservative reading: "dozens" is 12)
    and the latest, with who gave it: " — 20 to 99; lowest 20; latest: scores (AFP)"."""
    valued = [c for c in claims if c.value]
    if not valued:
        return ""
    lows = [_lowest(c) for c in valued]
    top = max(c.value[1] for c in valued)  # type: ignore[index]
    if top < 1e8:
        span = f"{_figure(min(lows))} to {_figure(top)}"
    else:  # "at least 30": the highest floor is what the figures say at most
        span = f"{_figure(min(lows))} to at least {_figure(max(c.value[0] for c in valued))}"  # type: ignore[index]
    latest = max(valued, key=lambda c: (c.when or "", c.article))
    return f" — {span}; lowest {_figure(min(lows))}; latest: {latest.text} ({latest.source})"

_SUBJECT_STOPWORDS = {"any", "all", "the", "a", "an", "of", "in", "on", "and", "to", "with", "its", "his",
                      "her", "their", "that", "this", "it", "was", "is", "be", "been", "has", "had", "have",
                      "said"}


@lru_cache(maxsize=1 << 14)
def _subject_words(subject: str) -> frozenset[str]:
    return frozenset(_content_words(subject, _SUBJECT_STOPWORDS))

_REFUTED = re.compile(r"^whether the (?P<phrase>.+) (?:happened|succeeded)$")


def _pair_refutations(disputes: list[Dispute], results: list[ArticleResult]) -> list[Dispute]:
    """A side that says a happening did not happen (or failed), with no one asserting it in its
    own article, is answered by the earliest lede of another article that tells of it from
    another source: "Moscow called the poisoning a provocation" against "Germany says Navalny
    was poisoned"."""
    happenings = _LEXICON.happenings
    for dispute in disputes:
        found = _REFUTED.match(dispute.subject)
        if found is None or any(c.stance == "asserts" for c in dispute.claims):
            continue
        noun = next((w for w in found.group("phrase").lower().split() if w in happenings), "")
        if not noun:
            continue
        told = re.compile(rf"\b{re.escape(noun[:-3] if noun.endswith('ing') else noun)}", re.I)
        deniers = {name_key(c.source) for c in dispute.claims}
        articles = {c.article for c in dispute.claims}
        for result in sorted(results, key=lambda r: (r.date or "~", r.path)):
            lead = next((lead for lead in result.leads if result.path not in articles
                         and told.search(lead.text) and lead.certainty != "denied"
                         and name_key(lead.source if lead.source != "the article" else result.outlet or "")
                         not in deniers), None)
            if lead is not None:
                source = (result.outlet or "the article") if lead.source == "the article" else lead.source
                dispute.claims.insert(0,
                                      Claim(text=lead.text, source=source, stance="asserts",
                                            article=result.path,
                                               sentence=lead.evidence.sentence))
                break
    return disputes


def _sentence_of(claim: Claim, keys: Mapping[int, str]) -> str:
    """The sentence key of a claim: from `keys` (by the claim's id), worked out when not there."""
    found = keys.get(id(claim))
    return sentence_key(claim.sentence) if found is None else found


def _join_denials(disputes: list[Dispute], keys: Mapping[int, str] | None = None,
                  copy: Callable[[Dispute], Dispute] | None = None,
                  names: Callable[[Dispute], list[str]] | None = None) -> list[Dispute]:
    """One denier's repeated denial of one thing is one dispute ("denies any involvement", "has
    denied involvement in the poison plot"): one-sided denials by the same government ("the
    Kremlin", "Moscow", "Russia") or source whose subjects share their content words, and name no
    one the other does not, are joined; the shortest subject that says what is denied is kept.

    `keys`: sentence keys of claims known already, by the claim's id. The denial others are
    joined to is changed in place, or first copied with `copy`; `names` gives a dispute's actors
    (by default its `actors`)."""
    keys = {} if keys is None else keys
    out: list[Dispute] = []
    groups: dict[str, list[list]] = defaultdict(list)  # denier -> [[words of the shortest subject, dispute]]
    for dispute in disputes:
        one_sided = dispute.kind == "contradiction" and all(c.stance == "denies" for c in dispute.claims)
        if not one_sided:
            out.append(dispute)
            continue
        who = government_key(dispute.claims[0].source)  # "the Kremlin" and "Moscow" deny as one
        words = _subject_words(dispute.subject)
        entry = next((e for e in groups[who] if words and e[0] and (words <= e[0] or e[0] <= words)
                      and not _names_beyond(dispute.subject, e[1].subject)), None)
        if entry is None:
            home = dispute if copy is None else copy(dispute)
            groups[who].append([words, home])
            out.append(home)
            continue
        home = entry[1]
        said = {_sentence_of(c, keys) for c in home.claims}
        # wire copies once
        home.claims.extend(c for c in dispute.claims if _sentence_of(c, keys) not in said)
        home.actors.extend(a for a in (dispute.actors if names is None else names(dispute))
                           if a not in home.actors)
        if len(words) < len(entry[0]):
            entry[0] = words  # the fewest words join the most wordings
        if _subject_rank(dispute.subject) < _subject_rank(home.subject):
            home.subject = dispute.subject
    return out


def _subject_rank(subject: str) -> tuple[bool, int]:
    """Which wording of one denial to show: the shortest that says what is denied
    ("involvement in the poison plot" over "any involvement")."""
    return len(_subject_words(subject)) < 2, len(subject)


def _names_beyond(a: str, b: str) -> bool:
    """Whether one subject names someone the other does not ("involvement in the Skripal plot"
    against "any involvement"): then they are denials of two things."""
    return bool(_names_in(a) ^ _names_in(b))


@lru_cache(maxsize=1 << 14)
def _names_in(text: str) -> frozenset[str]:
    """The names a subject mentions; a possessive ("Navalny's illness") names whose thing it is,
    not another affair."""
    return frozenset(re.findall(r"(?<!^)\b[A-Z][\w-]+\b(?!['’]s)", text))


def _dedupe_disputes(disputes: list[Dispute], keys: Mapping[int, str] | None = None) -> list[Dispute]:
    """Join disputes that are one: the same sentences, the same contested claim, the same thin claim.
    `keys`: sentence keys of claims known already, by the claim's id."""
    keys = {} if keys is None else keys
    out: list[Dispute] = []
    seen: set[tuple[str, str]] = set()
    by_side: dict[tuple[str, str], Dispute] = {}
    claim_marks: dict[int, set[tuple[str, str, str, str]]] = {}
    claim_sides: dict[int, tuple[set[tuple[str, str, str]], set[str]]] = {}
    contested: set[str] = set()
    """Sentences already shown as one side of a contradiction: no need to repeat them as thin sourcing."""
    by_happening: dict[str, list[tuple[str, Dispute]]] = defaultdict(list)
    """Thin items of a hedged happening, by its noun: (the named victim's key or "", the item)."""
    for dispute in disputes:
        marks = {(dispute.kind, _sentence_of(c, keys)) for c in dispute.claims}
        if marks <= seen:
            continue
        if (
            dispute.kind == "thin sourcing"
            and {_sentence_of(c, keys) for c in dispute.claims} <= contested
        ):
            continue
        seen |= marks
        if dispute.kind == "contradiction":
            contested |= {_sentence_of(c, keys) for c in dispute.claims}
        side = (dispute.kind, name_key(_withheld_matter(dispute)))
        known = by_side.get(side)
        hedged = _hedged_happening(dispute.subject) if dispute.kind == "thin sourcing" else None
        if known is None and hedged is not None:
            # "Navalny's alleged poisoning", "the alleged poisoning of the opposition figure", "the
            # suspected poisoning": one hedged happening, unless two name different victims.
            noun, whom = hedged
            told = by_happening[noun]
            at = next((i for i, (w, _) in enumerate(told) if not (w and whom and w != whom)), None)
            if at is None:
                told.append((whom, dispute))
            else:
                known = told[at][1]
                if whom and not told[at][0]:  # the wording that names whose it is
                    told[at] = (whom, known)
                    known.subject = dispute.subject
                known.actors.extend(a for a in dispute.actors if a not in known.actors)
        if known is not None and dispute.kind in ("thin sourcing", "silence"):
            # "soldiers arrested" resting on "sources" and on "AFP": one item with both sources.
            held = claim_marks[id(known)]
            for claim in dispute.claims:
                mark = (claim.stance, claim.source, claim.article, _sentence_of(claim, keys))
                if mark not in held:
                    held.add(mark)
                    known.claims.append(claim)
            continue
        if known is not None and dispute.kind == "contradiction":
            # Two deniers of one claim, or one denial in two outlets' copies: one dispute, more sides.
            have, sentences = claim_sides[id(known)]
            for claim in dispute.claims:
                who, said = (claim.stance, claim.source, claim.article), _sentence_of(claim, keys)
                if who not in have and said not in sentences:
                    have.add(who)
                    sentences.add(said)
                    known.claims.append(claim)
            continue
        by_side[side] = dispute
        out.append(dispute)
        claim_marks[id(dispute)] = {(c.stance, c.source, c.article, _sentence_of(c, keys))
                                    for c in dispute.claims}
        claim_sides[id(dispute)] = ({(c.stance, c.source, c.article) for c in dispute.claims},
                                    {_sentence_of(c, keys) for c in dispute.claims})
    return out


def _withheld_matter(dispute: Dispute) -> str:
    """What a dispute is about, for telling two alike: its subject; for a refusal that names a
    matter of five words or more, the matter alone ("declined to say where Yingluck was being
    held", refused by an officer in one article and by "he" in another)."""
    if dispute.kind == "silence" and ": " in dispute.subject:
        matter = dispute.subject.split(": ", 1)[1]
        if len(matter.split()) >= 5:
            return matter
    return dispute.subject


_HEDGED_NOUN = re.compile(
    r"^(?:the )?(?:(?P<owner>[^\s'’]+(?: [^\s'’]+){0,2})['’]s? )?"
    r"(?:alleged|suspected|apparent|reported|purported|presumed) "
    r"(?P<noun>[\w-]+)(?: (?:attempt|bid|plot))?"  # "the alleged coup attempt"
    r"(?: (?:of|on|against) (?P<whom>.+)| (?:in|at|near) (?!the hands)[^,]+)?$")  # "... in the north"


@lru_cache(maxsize=1 << 12)
def _hedged_happening(subject: str) -> tuple[str, str] | None:
    """(the happening, the key of whom it names or "") of a thin item that is a hedged happening
    noun ("Navalny's alleged poisoning", "alleged poisoning of the opposition figure"); None for
    any other ("alleged rift", "suspected terrorists")."""
    found = _HEDGED_NOUN.match(subject)
    if found is None or found.group("noun").lower() not in _LEXICON.happenings:
        return None
    whom = found.group("owner") or found.group("whom") or ""
    # "the opposition figure" may be anyone named; "Navalny" and "Skripal" are two people.
    named = whom[:1].isupper() and not whom.lower().startswith(("the ", "a ", "an ", "his ", "her ", "their"))
    return found.group("noun").lower(), name_key(whom).rsplit(" ", 1)[-1] if named else ""  # by surname


def _name_disagreements(actors: list[Actor]) -> list[Dispute]:
    """An acronym expanded two different ways ("Reestablishment" vs "Return of Democracy")."""
    out = []
    for actor in actors:
        if actor.kind not in ("organisation", "armed group"):
            continue
        # One spelling per folded form: "People’s" and "People's" are one name.
        longs = list({name_key(a): a for a in [actor.name, *actor.aliases] if len(a.split()) >= 4}.items())
        # Shorter forms contained in a longer one are the same name cut short, not a disagreement.
        distinct = [a for key, a in longs if not any(key != other and key in other for other, _ in longs)]
        if len(distinct) >= 2:
            claims = [Claim(text=name, source="the article", stance="asserts",
                            article=", ".join(actor.articles[:3]))
                      for name in distinct[:4]]
            out.append(Dispute(subject=f"{actor.name}: the name is given in different forms",
                               kind="contradiction", claims=claims, actors=[actor.name]))
    return out
