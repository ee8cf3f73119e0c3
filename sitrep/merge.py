"""Merge per-article results into one `Situation`.

Everything here is linear in the size of the input: actors are joined through a hash index of
their name keys (no pairwise comparison of all actors), evidence is de-duplicated by paragraph
fingerprint so the same wire copy in two outlets counts once, and disputes are grouped by key.
"""

from __future__ import annotations

import gc
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from .datefmt import as_of_label
from .dates import When
from .model import (
    Actor,
    ArticleInfo,
    ArticleResult,
    BadFile,
    Certainty,
    Claim,
    ContextItem,
    Dispute,
    Evidence,
    Situation,
    StateEntry,
    StatusEvent,
    StatusLine,
)
from .lexicon import lexicon
from .names import name_key, nation_key, sentence_key
from .sourcing import SourceCounter

CERTAINTY_RANK: dict[str, int] = {"stated": 0, "reported": 1, "alleged": 2, "unclear": 3, "denied": 4}
_LEXICON = lexicon()
FAMILY = _LEXICON.family
"""Event families: wordings of one fact that must be compared with each other."""
KIND_BONUS = {"person": 1.5, "armed group": 1.2, "country": 0.8, "organisation": 0.8, "collective": 0.6, "place": 0.2}
_WEIGHT = {"contradiction": 3.0, "numeric": 2.5, "thin sourcing": 1.5, "silence": 1.2}


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
                mark = ev.paragraph + "|" + sentence_key(ev.sentence)[:80] if ev.paragraph else ev.file + ev.sentence
                if mark in seen_paragraphs[actor.name]:
                    continue
                seen_paragraphs[actor.name].add(mark)
                actor.mentions += 1
                actor.evidence.append(ev)
    for actor in actors.values():
        actor.roles = _pick_roles(role_counts[actor.name])
    return list(actors.values()), alias_to_name


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
                if a != b and all(ratio(x, y) >= SPELLING_SIMILARITY for x, y in zip(a, b)) \
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


def _merge_events(results: list[ArticleResult], alias_to_name: dict[str, str]) -> list[StatusEvent]:
    """All events re-pointed at merged actor names, the same fact from the same paragraph once."""
    out: list[StatusEvent] = []
    seen: set[tuple[str, str, str, str]] = set()
    for result in results:
        for event in result.events:
            name = alias_to_name.get(name_key(event.actor), event.actor)
            mark = (name, event.event, event.polarity, event.evidence.paragraph or event.evidence.sentence)
            if mark in seen:
                continue
            seen.add(mark)
            if name != event.actor:
                event = replace(event, actor=name)
            out.append(event)
    return out


def status_line(events: list[StatusEvent]) -> str:
    """One honest line for an actor: each fact with its certainty, denials named."""
    by_family: dict[str, list[StatusEvent]] = defaultdict(list)
    for event in events:
        if event.event == "says":
            continue
        by_family[FAMILY.get(event.event, event.event)].append(event)
    parts: list[tuple[int, str]] = []
    for family, group in by_family.items():
        affirmed = [e for e in group if e.polarity == "affirmed"]
        denied = [e for e in group if e.polarity == "denied"]
        text = ""
        if affirmed:
            best = min(affirmed, key=lambda e: (CERTAINTY_RANK[e.certainty], not e.detail))
            sources = _sources(e for e in affirmed if e.certainty == best.certainty)
            base = best.fact if family not in ("says",) else best.event
            if all(e.source == e.actor for e in affirmed):
                text = f"{base} (claimed by {best.actor})"  # its own account: a claim, never a fact
            elif best.certainty == "stated":
                text = base
            else:
                word = {"reported": "reported", "alleged": "reportedly", "unclear": "possibly"}[best.certainty]
                if best.event == "whereabouts unknown":
                    word = ""  # already a statement of uncertainty
                text = f"{word} {base}".strip() + (f" ({sources})" if sources else "")
        if denied and all(e.certainty == "stated" and e.source == "the article" for e in denied) and not affirmed:
            # Negated in the writer's own voice ("had not yet threatened the capitals"): a plain "not".
            first = denied[0]
            parts.append((1, f"not {first.event}" + (f" {first.detail}" if first.detail else "")))
            continue
        if denied:
            sources = _sources(denied)
            verb = "not confirmed" if all(e.certainty == "unclear" for e in denied) else "denied"
            noun = _LEXICON.noun.get(family, f"“{family}”")
            clause = f"{noun} {verb}" + (f" by {sources}" if sources else "")
            # Asserted by one source and denied or unconfirmed by another: say it is disputed.
            text = f"{text}; disputed: {clause}" if text else clause
        if text:
            rank = 0 if family in ("detained", "killed", "injured", "fled", "ousted", "released", "in power") else 1
            parts.append((rank, text))
    said = _main_statement(events)
    if said and len(parts) < 2:
        parts.append((2, f"says {said}"))
    parts.sort(key=lambda p: p[0])
    return "; ".join(text for _, text in parts[:4])


def _current_states(actor: Actor, window_start: date | None) -> list[StatusEvent]:
    """The actor's state events that hold now: not history, not in a family a later value superseded."""
    superseded = {e.family for e in actor.state if e.superseded_by}
    current = [e for e in actor.events if e.event in FAMILY and e.event != "says"
               and not is_history(e, window_start) and FAMILY[e.event] not in superseded]
    held = any(FAMILY[e.event] == "detained" and e.polarity == "affirmed" for e in current)
    # "the news that Navalny has been released": with no detention in the situation and no "from
    # prison", a bare release is more likely from hospital than from custody; not a status.
    return [e for e in current if held or e.event != "released" or e.detail]


def _actor_status(actor: Actor, window_start: date | None) -> str:
    """The actor's status line: what holds now; superseded values and history only as "earlier"."""
    # Background hides old states (arrested in 2012); what an actor did ("carried out the attack",
    # told in a relative clause) is no state and stays, as do its statements.
    holding = {id(e) for e in _current_states(actor, window_start)}
    current = [e for e in actor.events if e.event == "says" or e.event not in FAMILY or id(e) in holding]
    text = status_line(current)
    earlier = [e for e in actor.state if e.superseded_by or (e.history and e.certainty != "denied")]
    if earlier and len(text.split("; ")) < 4:
        past = "; ".join(f"{e.value}" + (f" ({e.as_of})" if e.as_of else "") for e in earlier[-2:])
        text = f"{text}; earlier: {past}" if text else f"earlier: {past}"
    return text


def _main_statement(events: list[StatusEvent]) -> str:
    """What an actor says most often across sources (the first such statement on a tie)."""
    said = [e.detail for e in events if e.event == "says" and e.detail and len(e.detail.split()) >= 3]
    if not said:
        return ""
    counts = Counter(said)
    best = max(said, key=lambda d: counts[d])
    words = best.split()
    return " ".join(words[:25]) + ("..." if len(words) > 25 else "")


def _sources(events: Iterable[StatusEvent]) -> str:
    """Who the events rest on, naming an actor's word about itself as its own account."""
    names = list(dict.fromkeys("own account" if e.source == e.actor else e.source
                               for e in events if e.source and e.source != "the article"))
    return ", ".join(names[:3])


def _contradictions(events: list[StatusEvent]) -> list[Dispute]:
    """The same fact on the same actor both asserted and denied (within or across articles)."""
    groups: dict[tuple[str, str], list[StatusEvent]] = defaultdict(list)
    for event in events:
        family = FAMILY.get(event.event)
        if family:
            groups[(event.actor, family)].append(event)
    out = []
    for (actor, family), group in groups.items():
        if not any(e.polarity == "denied" for e in group) or not any(e.polarity == "affirmed" for e in group):
            continue
        claims = [
            Claim(text=e.phrase, source=e.source,
                  stance="denies" if e.polarity == "denied" else ("asserts" if e.certainty == "stated" else "hedges"),
                  article=e.evidence.file, sentence=e.evidence.sentence)
            for e in group
        ]
        out.append(Dispute(subject=f"{actor}: {family}?", kind="contradiction", claims=claims, actors=[actor]))
    return out


SETTLED_PENALTY = 4.0
"""A settled dispute sinks below every live one."""
RECENT_DAYS = 30
"""A disagreement this old (from the newest article) has lost its recency weight."""
_CENTRAL_FAMILIES = frozenset(f for f, slot in _LEXICON.slot.items() if slot in ("life", "liberty", "office"))


def _centrality(dispute: Dispute) -> float:
    """Life, liberty and power first: a dispute over whether someone is dead, held or in office,
    who leads, or whether a coup or an attack happened weighs more than one over a detail."""
    subject = dispute.subject.lower()
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
                 and (w := When.from_iso(e.as_of)) is not None and (w.start - until).days > SLOT_CONFLICT_DAYS]
        if later:
            held, entry = max(later, key=lambda t: t[0].end)
            by = f" ({', '.join(entry.sources[:2])})" if entry.sources else ""
            dispute.settled_by = f"{entry.value}, as of {held.label}{by}"


CLAIM_DAYS = 3
"""Claims to one role or place this close in time compete; further apart, the later one supersedes."""
_HOLDING = {"controls", "seized", "occupied"}
_CLAIM_STOPWORDS = {"the", "a", "an", "of", "and", "still", "most", "much", "part", "parts", "all", "its", "their",
                    "state", "country", "whole", "key", "main"}


def _claim_words(detail: str) -> frozenset[str]:
    return frozenset(w for w in name_key(detail).split() if w not in _CLAIM_STOPWORDS and len(w) > 2)


def _competing_claims(events: list[StatusEvent], kinds: dict[str, str], window_start: date | None) -> list[Dispute]:
    """Two people each said to lead one body, or two sides each said to hold one place, by
    different sources at about the same time: "who leads the army?", "who holds the airport?".
    Two captures alone are one side told twice (and its allies); a place is disputed only when
    someone is said to hold it still."""
    candidates: list[tuple[str, frozenset[str], StatusEvent, date]] = []
    for event in events:
        if event.polarity != "affirmed" or event.certainty == "denied" or is_history(event, window_start) \
                or event.background:
            continue
        # "said they had seized the airport": reported as news, so as of its article
        held = _held_at(event) or (When.from_iso(event.article_date) if event.article_date else None)
        words = _claim_words(event.detail)
        if held is None or not words:
            continue
        if event.event == "leads" and kinds.get(event.actor) == "person":
            candidates.append(("leads", words, event, held.end))
        elif event.event in _HOLDING:
            candidates.append(("holds", words, event, held.end))
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
CUMULATIVE_DAYS = 3
"""Counts from a start ("since Tuesday") are one count when their starts and ends are this close."""


def _window(claim: Claim) -> When | None:
    return When.from_iso(claim.when) if claim.when else None


def comparable(a: Claim, b: Claim) -> bool:
    """Whether two figures can count the same thing: reported within a day of each other, or,
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
    return abs((wa.start - wb.start).days) <= FIGURE_DAYS


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
                    out.append(_slot_conflict(actor.name, a, b))
    return out


def _slot_conflict(actor: str, a: StateEntry, b: StateEntry) -> Dispute:
    """The dispute between two incompatible ledger entries, each side with its first sentence."""
    claims = [Claim(text=e.phrase, source=", ".join(e.sources[:2]) or "the article",
                    stance="asserts" if e.certainty == "stated" else "hedges",
                    article=e.evidence[0].file if e.evidence else "",
                    sentence=e.evidence[0].sentence if e.evidence else "") for e in (a, b)]
    return Dispute(subject=f"{actor}: {a.family} or {b.family}?", kind="contradiction", claims=claims, actors=[actor])


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
        claims = [Claim(text=f"{e.source} accuses {e.actor}" + (f" {e.detail}" if e.detail else ""), source=e.source,
                        stance="asserts", article=e.evidence.file, sentence=e.evidence.sentence)
                  for e in (charges[0], back[0])]
        detail = next((e.detail for e in charges + back if e.detail), "")
        charge = re.sub(r"^(of|for)\s+", "", detail)
        subject = f"{accuser} and {accused} blame each other" + (f": {charge}" if charge else "")
        out.append(Dispute(subject=subject, kind="contradiction", claims=claims, actors=[accuser, accused]))
    return out


def _numeric(disputes: list[Dispute]) -> list[Dispute]:
    """Figures for the same count at the same time that cannot all be true, within or across
    articles. Figures for other periods (a toll days later, a year's total) are kept apart."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    seen: dict[str, set[tuple[tuple[float, float] | None, str]]] = defaultdict(set)
    for dispute in disputes:
        for claim in dispute.claims:
            mark = (claim.value, claim.sentence)
            if mark not in seen[dispute.subject]:
                seen[dispute.subject].add(mark)
                groups[dispute.subject].append(claim)
    out = []
    for subject, claims in groups.items():
        clusters: list[list[Claim]] = []
        for claim in sorted(claims, key=lambda c: (c.when or "~", c.article)):
            home = next((cl for cl in clusters if all(comparable(claim, other) for other in cl)), None)
            if home is None:
                clusters.append([claim])
            else:
                home.append(claim)
        for n, cluster in enumerate(clusters):
            values = list(dict.fromkeys(c.value for c in cluster if c.value))
            if len(values) < 2 or not disagree(values):
                continue
            days = [w for c in cluster if (w := _window(c)) is not None]
            when = f" (as of {max(days).label})" if days else ""
            dispute = Dispute(subject=subject + when + figure_summary(cluster), kind="numeric", claims=cluster)
            later = [c for other in clusters[n + 1:] for c in other
                     if days and (w := _window(c)) is not None and (w.end - max(days).end).days > FIGURE_DAYS]
            if later:
                # A toll given days later supersedes the day's disagreement.
                last = max(later, key=lambda c: (c.when, c.article))
                held = _window(last)
                dispute.settled_by = f"a later figure: {last.text} ({last.source})" + (f", {held.label}" if held else "")
            out.append(dispute)
    return out


CONSERVATIVE = {"dozens": 12.0, "scores": 20.0, "hundreds": 100.0, "thousands": 1000.0}
"""ACLED's rule for vague counts: the lowest number the word can mean."""


def _figure(value: float) -> str:
    return f"{value:,.0f}"


def figure_summary(claims: list[Claim]) -> str:
    """The range the figures span, the lowest (ACLED's conservative reading: "dozens" is 12)
    and the latest, with who gave it: " — 20 to 99; lowest 20; latest: scores (AFP)"."""
    valued = [c for c in claims if c.value]
    if not valued:
        return ""
    lows = [CONSERVATIVE.get(c.text.lower().strip(), c.value[0]) for c in valued]  # type: ignore[index]
    top = max(c.value[1] for c in valued)  # type: ignore[index]
    if top < 1e8:
        span = f"{_figure(min(lows))} to {_figure(top)}"
    else:  # "at least 30": the highest floor is what the figures say at most
        span = f"{_figure(min(lows))} to at least {_figure(max(c.value[0] for c in valued))}"  # type: ignore[index]
    latest = max(valued, key=lambda c: (c.when or "", c.article))
    return f" — {span}; lowest {_figure(min(lows))}; latest: {latest.text} ({latest.source})"


_SUBJECT_STOPWORDS = {"any", "all", "the", "a", "an", "of", "in", "on", "and", "to", "with", "its", "his", "her",
                      "their", "that", "this", "it", "was", "is", "be", "been", "has", "had", "have", "said"}


def _subject_words(subject: str) -> set[str]:
    return {w for w in name_key(subject).split() if w not in _SUBJECT_STOPWORDS and len(w) > 2}


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
            lead = next((lead for lead in result.leads if result.path not in articles and told.search(lead.text)
                         and lead.certainty != "denied"
                         and name_key(lead.source if lead.source != "the article" else result.outlet or "")
                         not in deniers), None)
            if lead is not None:
                source = (result.outlet or "the article") if lead.source == "the article" else lead.source
                dispute.claims.insert(0, Claim(text=lead.text, source=source, stance="asserts", article=result.path,
                                               sentence=lead.evidence.sentence))
                break
    return disputes


def _join_denials(disputes: list[Dispute]) -> list[Dispute]:
    """One denier's repeated denial of one thing is one dispute ("denies any involvement", "has
    denied involvement in the poison plot"): one-sided denials by the same source whose subjects
    share their content words are joined, the shortest subject kept."""
    out: list[Dispute] = []
    groups: dict[str, list[tuple[set[str], Dispute]]] = defaultdict(list)
    for dispute in disputes:
        one_sided = dispute.kind == "contradiction" and all(c.stance == "denies" for c in dispute.claims)
        if not one_sided:
            out.append(dispute)
            continue
        who = name_key(dispute.claims[0].source)
        words = _subject_words(dispute.subject)
        home = next((d for w, d in groups[who] if words and w and (words <= w or w <= words)), None)
        if home is None:
            groups[who].append((words, dispute))
            out.append(dispute)
            continue
        said = {sentence_key(c.sentence) for c in home.claims}
        home.claims.extend(c for c in dispute.claims if sentence_key(c.sentence) not in said)  # wire copies once
        home.actors.extend(a for a in dispute.actors if a not in home.actors)
        if len(dispute.subject) < len(home.subject):
            home.subject = dispute.subject
    return out


def _dedupe_disputes(disputes: list[Dispute]) -> list[Dispute]:
    """Join disputes that are one: the same sentences, the same contested claim, the same thin claim."""
    out: list[Dispute] = []
    seen: set[tuple[str, str]] = set()
    by_side: dict[tuple[str, str], Dispute] = {}
    claim_marks: dict[int, set[tuple[str, str, str, str]]] = {}
    claim_sides: dict[int, tuple[set[tuple[str, str, str]], set[str]]] = {}
    contested: set[str] = set()
    """Sentences already shown as one side of a contradiction: no need to repeat them as thin sourcing."""
    for dispute in disputes:
        marks = {(dispute.kind, sentence_key(c.sentence)) for c in dispute.claims}
        if marks <= seen:
            continue
        if dispute.kind == "thin sourcing" and {sentence_key(c.sentence) for c in dispute.claims} <= contested:
            continue
        seen |= marks
        if dispute.kind == "contradiction":
            contested |= {sentence_key(c.sentence) for c in dispute.claims}
        side = (dispute.kind, name_key(dispute.subject))
        known = by_side.get(side)
        if known is not None and dispute.kind == "thin sourcing":
            # "soldiers arrested" resting on "sources" and on "AFP": one item with both sources.
            held = claim_marks[id(known)]
            for claim in dispute.claims:
                mark = (claim.stance, claim.source, claim.article, sentence_key(claim.sentence))
                if mark not in held:
                    held.add(mark)
                    known.claims.append(claim)
            continue
        if known is not None and dispute.kind == "contradiction":
            # Two deniers of one claim, or one denial in two outlets' copies: one dispute, more sides.
            have, sentences = claim_sides[id(known)]
            for claim in dispute.claims:
                who, said = (claim.stance, claim.source, claim.article), sentence_key(claim.sentence)
                if who not in have and said not in sentences:
                    have.add(who)
                    sentences.add(said)
                    known.claims.append(claim)
            continue
        by_side[side] = dispute
        out.append(dispute)
        claim_marks[id(dispute)] = {(c.stance, c.source, c.article, sentence_key(c.sentence)) for c in dispute.claims}
        claim_sides[id(dispute)] = ({(c.stance, c.source, c.article) for c in dispute.claims},
                                    {sentence_key(c.sentence) for c in dispute.claims})
    return out


def _merge_context(results: list[ArticleResult], focus: str | None, alias_to_name: dict[str, str]) -> list[ContextItem]:
    """Context items across articles, repeats joined, history sorted by year, neighbours added."""
    merged: dict[tuple[str, str], ContextItem] = {}
    held: dict[tuple[str, str], set[Evidence]] = {}
    for result in results:
        for item in result.context:
            key = (item.kind, name_key(item.text)[:100])
            found = merged.get(key)
            actors = [alias_to_name.get(name_key(a), a) for a in item.actors]
            if found is None:
                merged[key] = ContextItem(item.kind, item.text, list(item.years), list(item.evidence), actors)
                held[key] = set(item.evidence)
            else:
                for evidence in item.evidence:
                    if evidence not in held[key]:
                        held[key].add(evidence)
                        found.evidence.append(evidence)
    items = list(merged.values())
    if focus:
        from .nlp.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        neighbours = gaz.neighbours_of(focus)
        if neighbours:
            items.append(ContextItem("neighbour", f"{focus} borders {', '.join(neighbours)}", [], [], [focus]))
    order = {"history": 0, "rupture": 1, "alliance": 1, "pattern": 2, "organisation": 3, "background": 4,
             "neighbour": 5, "place": 6}
    items.sort(key=lambda i: (order.get(i.kind, 9), i.years[0] if i.years else 9999))
    return items


_MAIN_FAMILIES = ("killed", "detained", "sentenced", "convicted", "ousted", "in power", "fled", "released", "injured",
                  "resigned", "dismissed", "acquitted", "kidnapped", "plans", "missing")
LEADS_IN_SUMMARY = 4
STATUS_LINES = 6
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
    if event.background:
        return True
    held = When.from_iso(event.when) if event.when else None
    return held is not None and window_start is not None and held.end < window_start


_OFFICIAL_WORDS = {"ministry", "minister", "spokesman", "spokeswoman", "spokesperson", "police", "army", "military",
                   "government", "official", "officials", "president", "governor", "authorities", "embassy",
                   "office", "commander", "defence", "defense", "interior", "foreign", "navy", "presidency",
                   "cabinet", "mayor", "prosecutor", "prosecutors", "court"}
_ANONYMOUS_STARTS = {"a", "an", "unnamed", "sources", "source", "reports", "report", "initial", "one", "some",
                     "witnesses", "residents", "activists", "diplomats", "people", "insiders", "observers"}


def source_relation(source: str, actor: str, outlets: AbstractSet[str]) -> str:
    """How a source stands to a fact about `actor`: "own account", "article" (the writer's voice),
    "outlet" (a news outlet or agency), "anonymous", "official", or "party" (any other named side)."""
    if source == actor:
        return "own account"
    if source in ("", "the article"):
        return "article"
    if source in outlets:
        return "outlet"
    words = name_key(source).split()
    if not words or words[0] in _ANONYMOUS_STARTS:
        return "anonymous"
    if _OFFICIAL_WORDS & set(words):
        return "official"
    return "party"


def ledger(actor: str, events: list[StatusEvent], window_start: date | None,
           outlets: frozenset[str] = frozenset(), counter: SourceCounter | None = None) -> list[StateEntry]:
    """An actor's claim ledger: one entry per fact family, polarity and date, in time order, the
    earlier values of a slot marked as superseded by the latest one."""
    groups: dict[tuple[str, str, str], list[StatusEvent]] = defaultdict(list)
    for event in events:
        family = FAMILY.get(event.event)
        if family is None or event.event == "says":
            continue
        held = _held_at(event)
        groups[(family, event.polarity, held.iso if held else "")].append(event)
    entries: list[tuple[tuple[date, date], StateEntry]] = []
    for (family, polarity, as_of), group in groups.items():
        best = min(group, key=lambda e: CERTAINTY_RANK[e.certainty])
        certainty: Certainty = best.certainty
        if polarity == "denied":
            certainty = "unclear" if all(e.certainty == "unclear" for e in group) else "denied"
        own = [e for e in group if e.source == actor]
        claimed_by = actor if own and len(own) == len(group) else ""
        if claimed_by and certainty == "stated":
            certainty = "reported"
        value = best.fact
        sources = list(dict.fromkeys("own account" if e.source == actor else e.source for e in group if e.source))
        entry = StateEntry(slot=_LEXICON.slot.get(family, family), family=family, value=value, certainty=certainty,
                           sources=sources[:4], as_of=as_of,
                           evidence=list(dict.fromkeys(e.evidence for e in group))[:4], claimed_by=claimed_by,
                           history=all(is_history(e, window_start) for e in group),
                           relation=source_relation(best.source, actor, outlets))
        if counter is not None:
            entry.independent_sources, entry.article_count = counter.events(group)
        held = When.from_iso(as_of) if as_of else None
        order = (held.end, held.start) if held else (date.min, date.min)
        entries.append((order, entry))
    entries.sort(key=lambda t: (t[1].slot, t[0]))
    by_slot: dict[str, list[tuple[tuple[date, date], StateEntry]]] = defaultdict(list)
    for item in entries:
        by_slot[item[1].slot].append(item)
    for items in by_slot.values():
        current = [i for i in items if not i[1].history and i[1].certainty != "denied" and i[1].as_of]
        if not current:
            continue
        latest_order, latest = current[-1]
        for order, entry in items:
            if entry is latest or order >= latest_order or entry.family == latest.family:
                continue
            if entry.certainty != "denied" and (_LEXICON.excluded(entry.family, latest.family) or entry.history):
                entry.superseded_by = f"{latest.value}, {as_of_label(latest.as_of)}"
    return [entry for _, entry in entries]


def _newest_first(as_of: str) -> int:
    """A sort key putting later dates first and undated lines last."""
    when = When.from_iso(as_of) if as_of else None
    return -when.end.toordinal() if when is not None else 0


def _line_date(line: StatusLine) -> str:
    return line.as_of or ""


LATEST_FIGURE_DAYS = 7
"""A count last given this long before the newest article no longer says what holds now."""
FIGURES_IN_LINE = 3
_FIGURE_ORDER = ("killed", "stranded", "abducted", "detained", "missing", "injured", "escaped", "released")


def _latest_figures(figures: dict[str, list[Claim]], newest: date | None,
                    counter: SourceCounter) -> StatusLine | None:
    """"Latest figures: 2,500 migrants stranded (United Nations, 29 May 2015); 139 ...": for each
    count, the figure given on the latest day it was given, when that day is recent and its
    figures agree (differing ones are a dispute line of their own)."""
    parts: list[tuple[int, date, str, Claim]] = []
    by_group: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for subject, claims in figures.items():
        for claim in claims:
            by_group[(subject, nation_key(claim.group))].append(claim)  # Cameroon's soldiers apart from Nigeria's
    for subject in figures:
        groups = [g for (s, g) in by_group if s == subject and g]
        if (subject, "") in by_group and len(groups) == 1:  # "20 soldiers" with the only "20 Indian soldiers"
            by_group[(subject, groups[0])] += by_group.pop((subject, ""))
    for (subject, _), claims in by_group.items():
        dated = [(w.end, c) for c in claims if c.value and c.when and (w := When.from_iso(c.when)) is not None
                 and w.precision != "range"]
        if not dated:
            continue
        day = max(d for d, _ in dated)
        if newest is not None and (newest - day).days > LATEST_FIGURE_DAYS:
            continue
        on_day = [c for d, c in dated if d == day and c.value and (c.value[1] < 3 * max(c.value[0], 1)
                                                                    or c.value[1] >= 1e8)]
        if not on_day:
            continue  # "thousands", "dozens": a guess, not a count to report as the latest
        if disagree(list(dict.fromkeys(c.value for c in on_day if c.value))):
            continue
        found = re.match(r"^number of (?P<people>.+) (?P<category>\w+)$", subject)
        if found is None:
            continue
        category = found.group("category")
        rank = _FIGURE_ORDER.index(category) if category in _FIGURE_ORDER else len(_FIGURE_ORDER)
        pick = on_day[0]
        people = f"{pick.group} {found.group('people')}" if pick.group else found.group("people")
        by = "" if pick.source == "the article" else f"{pick.source}, "
        text = f"{pick.text} {people} {category} ({by}as of {When.from_iso(pick.when).label})"  # type: ignore[union-attr]
        parts.append((rank, day, text, pick))
    if not parts:
        return None
    parts.sort(key=lambda p: (p[0], -p[1].toordinal()))
    chosen = parts[:FIGURES_IN_LINE]
    claims = [p[3] for p in chosen]
    certainty: Certainty = "stated" if all(c.source == "the article" for c in claims) else "reported"
    count, articles = counter.claims(claims)
    return StatusLine(text="Latest figures: " + "; ".join(p[2] for p in chosen), certainty=certainty,
                      sources=list(dict.fromkeys(c.source for c in claims)),
                      evidence=[Evidence(c.article, c.sentence) for c in claims],
                      as_of=max(p[1] for p in chosen).isoformat(), independent_sources=count, article_count=articles)


def _summary(actors: list[Actor], disputes: list[Dispute], results: list[ArticleResult],
             window_start: date | None, counter: SourceCounter,
             figures: dict[str, list[Claim]] | None = None) -> list[StatusLine]:
    """3-6 lines on what holds now, then the live disputes.

    The ledes of the latest articles come first (the news as the newest reports put it, each
    with its own certainty and speaker), then the current state of the main actors: one fact
    family of one actor per line, history and superseded values left out, each with its own
    certainty, so a denied, hedged or party claim is never marked as stated."""
    lines: list[StatusLine] = []
    seen_leads: set[str] = set()
    # A lede that tells what a later claim overturned, or old history, no longer says what holds.
    current = {e.sentence for a in actors for s in a.state if not (s.superseded_by or s.history)
               for e in s.evidence}
    stale = {e.sentence for a in actors for s in a.state if s.superseded_by or s.history
             for e in s.evidence} - current
    newest_first = sorted(results, key=lambda r: (r.date or "", r.path), reverse=True)
    for rank, result in enumerate(newest_first):
        # The newest article gives its lede and the news sentence after it; older ones their lede.
        for lead in result.leads[: 2 if rank == 0 else 1]:
            if sentence_key(lead.text) in seen_leads or lead.evidence.sentence in stale:
                continue
            seen_leads.add(sentence_key(lead.text))
            source = (result.outlet or "the article") if lead.source == "the article" else lead.source
            when = When.from_iso(result.date) if result.date else None
            line = StatusLine(text=lead.text, certainty=lead.certainty, sources=[source] if source else [],
                              evidence=[lead.evidence], actors=list(lead.actors), as_of=when.iso if when else "")
            line.independent_sources, line.article_count = counter.lead(lead.text)
            lines.append(line)
        if len(lines) >= LEADS_IN_SUMMARY:
            break
    candidates: list[tuple[int, int, StatusLine]] = []
    top = [a for a in actors if not a.minor]
    for order, actor in enumerate(top):
        families: dict[str, list[StatusEvent]] = defaultdict(list)
        for event in _current_states(actor, window_start):
            families[FAMILY[event.event]].append(event)
        ranked = sorted(families.items(), key=lambda kv: (_MAIN_FAMILIES.index(kv[0]) if kv[0] in _MAIN_FAMILIES
                                                           else len(_MAIN_FAMILIES)))
        for family, facts in ranked[:2]:
            affirmed = [e for e in facts if e.polarity == "affirmed"]
            denied = [e for e in facts if e.polarity == "denied"]
            if affirmed and denied:
                certainty: Certainty = "unclear"
            elif denied:
                certainty = "denied"
            else:
                certainty = min((e.certainty for e in affirmed), key=lambda c: CERTAINTY_RANK[c])
            if certainty == "stated" and all(e.source == actor.name for e in affirmed):
                certainty = "reported"  # an actor's own account is a claim, never a plain fact
            text = status_line(facts)
            if not text:
                continue
            sources = list(dict.fromkeys(e.source for e in facts if e.source))[:4]
            held = [w for e in facts if (w := _held_at(e)) is not None]
            line = StatusLine(text=f"{actor.name}: {text}", certainty=certainty, sources=sources,
                              evidence=list(dict.fromkeys(e.evidence for e in facts))[:4], actors=[actor.name],
                              as_of=max(held).iso if held else "")
            line.independent_sources, line.article_count = counter.events(facts)
            importance = 0 if family in _MAIN_FAMILIES else 1
            candidates.append((importance, order, line))
    # Main facts first (life, liberty, power), then the newest, then the more prominent actor.
    candidates.sort(key=lambda c: (c[0], _newest_first(c[2].as_of), c[1]))
    room = max(2, STATUS_LINES - len(lines))
    lines += [line for _, _, line in candidates[:room]]
    lines.sort(key=lambda line: (CERTAINTY_RANK[line.certainty]))
    lines.sort(key=_line_date, reverse=True)
    lines = lines[:STATUS_LINES]
    # The live disputes follow: the main contradictions, differing figures, official silence.
    live = [d for d in disputes if not d.settled_by]
    two_sided = [d for d in live if d.kind == "contradiction" and "name is given" not in d.subject
                 and {c.stance for c in d.claims} >= {"asserts", "denies"}]
    for dispute in two_sided[:2]:
        asserted = list(dict.fromkeys(c.source for c in dispute.claims if c.stance != "denies"))
        denied = list(dict.fromkeys(c.source for c in dispute.claims if c.stance == "denies"))
        sides = "; ".join(part for part in (
            f"asserted by {', '.join(asserted[:3])}" if asserted else "",
            f"denied by {', '.join(denied[:3])}" if denied else "") if part)
        count, articles = counter.claims(dispute.claims)
        lines.append(StatusLine(text=f"Disputed: {dispute.subject} ({sides})", certainty="unclear",
                                sources=list(dict.fromkeys(asserted + denied))[:4],
                                evidence=[Evidence(c.article, c.sentence) for c in dispute.claims[:4]],
                                actors=dispute.actors, independent_sources=count, article_count=articles))
    days = [w.end for r in results if r.date and (w := When.from_iso(r.date)) is not None]
    latest = _latest_figures(figures or {}, max(days, default=None), counter)
    if latest is not None:
        lines.append(latest)
    numeric = next((d for d in live if d.kind == "numeric"), None)
    if numeric is not None:
        figures = list(dict.fromkeys(c.text.split(":")[0] for c in numeric.claims))
        count, articles = counter.claims(numeric.claims)
        lines.append(StatusLine(text=f"Figures differ on the {numeric.subject}: {', '.join(figures[:5])}",
                                certainty="unclear", sources=list(dict.fromkeys(c.source for c in numeric.claims))[:4],
                                evidence=[Evidence(c.article, c.sentence) for c in numeric.claims[:4]],
                                actors=numeric.actors, independent_sources=count, article_count=articles))
    silence = next((d for d in disputes if d.kind == "silence" and d.claims[0].source not in ("the article", "")),
                   None)
    if silence is not None:
        count, articles = counter.claims(silence.claims)
        lines.append(StatusLine(text=f"No official word: {silence.subject}", certainty="stated",
                                sources=[silence.claims[0].source],
                                evidence=[Evidence(silence.claims[0].article, silence.claims[0].sentence)],
                                actors=silence.actors, independent_sources=count, article_count=articles))
    return lines[:STATUS_LINES + 3]


def merge(results: list[ArticleResult], bad_files: list[BadFile], folder: Path | str) -> Situation:
    """One `Situation` from the per-article results (in folder order)."""
    # Merging builds many small objects and no reference cycles: the cyclic collector would only
    # rescan the ever-growing heap (half the time at 10,000 articles).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _merge(results, bad_files, folder)
    finally:
        if enabled:
            gc.enable()


def _merge(results: list[ArticleResult], bad_files: list[BadFile], folder: Path | str) -> Situation:
    actors, alias_to_name = _merge_actors(results)
    events = _merge_events(results, alias_to_name)
    by_actor: dict[str, list[StatusEvent]] = defaultdict(list)
    for event in events:
        by_actor[event.actor].append(event)
    window_start = _window_start(results)
    counter = SourceCounter(results)
    outlets = frozenset({r.outlet for r in results if r.outlet}
                        | {a.name for a in actors if any("agency" in role.lower() for role in a.roles)})
    for actor in actors:
        actor.events = by_actor.get(actor.name, [])
        actor.state = ledger(actor.name, actor.events, window_start, outlets, counter)
        actor.status = _actor_status(actor, window_start)
        facts = sum(1 for e in actor.events if e.event != "says")
        actor.score = (actor.mentions + 2.0 * (len(actor.articles) - 1) + 2.5 * facts
                       + (1.0 if actor.roles else 0.0)) * KIND_BONUS.get(actor.kind, 0.5)
        actor.minor = actor.mentions <= 1 and not facts and not actor.roles
    actors.sort(key=lambda a: (a.minor, -a.score, a.name))

    focus_name = _focus(actors, results)
    focus = next((a for a in actors if a.name == focus_name), None)
    # Copies: the disputes are joined and weighed below, and the inputs (cached, remembered
    # between reloads) must stay as extracted however often they are merged.
    article_disputes = [
        replace(d, claims=list(d.claims),
                actors=list(dict.fromkeys(alias_to_name.get(name_key(a), a) for a in d.actors)))
        for r in results for d in r.disputes
    ]
    disputes = _contradictions(events) + _slot_conflicts(actors) + _blame(events)
    disputes += _competing_claims(events, {a.name: a.kind for a in actors}, window_start)
    figures: dict[str, list[Claim]] = defaultdict(list)
    for dispute in article_disputes:
        if dispute.kind == "numeric":
            figures[dispute.subject] += dispute.claims
    disputes += _numeric([d for d in article_disputes if d.kind == "numeric"])
    disputes += _pair_refutations([d for d in article_disputes if d.kind == "contradiction"], results)
    disputes += _name_disagreements(actors)
    disputes += [d for d in article_disputes if d.kind in ("thin sourcing", "silence")]
    disputes = _dedupe_disputes(_join_denials(disputes))
    _settle(disputes, actors)
    scores = {a.name: a.score for a in actors}
    top = max(scores.values(), default=1.0) or 1.0
    days = {r.path: w.end for r in results if r.date and (w := When.from_iso(r.date)) is not None}
    newest = max(days.values(), default=None)
    for dispute in disputes:
        involved = sum(scores.get(a, 0.0) for a in dispute.actors) / top
        dispute.weight = (_WEIGHT.get(dispute.kind, 1.0) + min(involved, 2.0) + 0.1 * min(len(dispute.claims), 5)
                          + _centrality(dispute) + _recency(dispute, days, newest)
                          - (SETTLED_PENALTY if dispute.settled_by else 0.0))
    disputes.sort(key=lambda d: -d.weight)
    for dispute in disputes:
        sides: dict[str, list[Claim]] = defaultdict(list)
        for claim in dispute.claims:
            sides[claim.stance].append(claim)
        dispute.independent_sources = {stance: counter.claims(claims)[0] for stance, claims in sides.items()}

    context = _merge_context(results, focus.name if focus else None, alias_to_name)
    context = _with_ledger_history(context, actors, window_start)
    articles = [ArticleInfo(r.path, r.title, r.outlet, r.date, r.mtime, r.words, r.duplicates_removed, r.provenance)
                for r in results]
    title = _title(results, focus.name if focus else None)
    return Situation(folder=str(folder), title=title, focus=focus.name if focus else None,
                     status=_summary(actors, disputes, results, window_start, counter, figures),
                     actors=actors, disputes=disputes, context=context,
                     articles=articles, bad_files=list(bad_files))


def _with_ledger_history(context: list[ContextItem], actors: list[Actor],
                         window_start: date | None) -> list[ContextItem]:
    """History from the claim ledger (facts dated before the situation's window) joins Context >
    History, unless its sentence is there already; history stays in time order. A fact merely
    told as background ("the engineer who escaped on Wednesday") is no history."""
    known = {e.sentence for item in context if item.kind == "history" for e in item.evidence}
    added: list[ContextItem] = []
    for actor in actors:
        for entry in actor.state:
            held = When.from_iso(entry.as_of) if entry.as_of else None
            if not entry.history or held is None or entry.certainty == "denied" \
                    or window_start is None or held.end >= window_start:
                continue
            sentences = [e for e in entry.evidence if e.sentence not in known]
            if not sentences:
                continue
            known.update(e.sentence for e in sentences)
            years = list(range(held.start.year, held.end.year + 1))[:10]
            added.append(ContextItem("history", f"{actor.name}: {entry.value} ({held.label})", years, sentences,
                                     [actor.name]))
    if not added:
        return context
    history = sorted([i for i in context if i.kind == "history"] + added, key=lambda i: i.years[0] if i.years else 9999)
    return history + [i for i in context if i.kind != "history"]


def _focus(actors: list[Actor], results: list[ArticleResult]) -> str | None:
    """The country the situation is about: named most, counting "Sudan's army", "Malian
    soldiers", towns in it ("Omdurman (Sudan)") and headlines, not only the bare country name."""
    from .nlp.gazetteer import demonym_countries, load_gazetteer

    gaz = load_gazetteer()
    demonyms = demonym_countries()
    countries = {a.name for a in actors if a.kind == "country"}
    votes: Counter[str] = Counter()
    for actor in actors:
        if actor.kind == "country":
            votes[actor.name] += actor.mentions + 2 * len(actor.articles)
            continue
        first = actor.name.removeprefix("the ").split(" ")[0]
        owner = gaz.canonical_country(first) or demonyms.get(name_key(first))
        if owner in countries:
            votes[owner] += actor.mentions
    for result in results:
        for item in result.context:
            if item.kind == "place" and item.text.endswith(")"):
                country = item.text.rsplit("(", 1)[-1].rstrip(")")
                if country in countries:
                    votes[country] += 1
        title = name_key(result.title)
        for country in countries:
            if name_key(country) in title:
                votes[country] += 3
    if not votes:
        return None
    return max(sorted(votes), key=lambda c: votes[c])


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
            claims = [Claim(text=name, source="the article", stance="asserts", article=", ".join(actor.articles[:3]))
                      for name in distinct[:4]]
            out.append(Dispute(subject=f"{actor.name}: the name is given in different forms", kind="contradiction",
                               claims=claims, actors=[actor.name]))
    return out


TITLE_WORDS = 12
_TITLE_STOPWORDS = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "as", "with", "by", "after",
                    "over", "is", "are", "was", "were", "has", "have", "its", "his", "her", "their", "from", "says"}


def _headline_words(title: str) -> set[str]:
    return {w for w in name_key(title).split() if w not in _TITLE_STOPWORDS and not w.isdigit()}


def _real_headline(result: ArticleResult) -> bool:
    """A headline the article has, not one made from its file name or a stray date line."""
    stem = name_key(Path(result.path).stem.replace("_", " ").replace("-", " "))
    key = name_key(result.title)
    return bool(key) and key != stem and len(_headline_words(result.title)) >= 2


def _title(results: list[ArticleResult], focus: str | None) -> str:
    """The situation's title: the focus and the headline that best speaks for the set.

    That is the headline sharing most words with the other headlines (the story they all
    follow), the newest by publication date on a tie; never the headline of whichever file was
    modified last, and never a title made from a file name."""
    if not results:
        return "No articles yet"
    headed = [r for r in results if _real_headline(r)]
    if not headed:
        # No headlines: the newest lede, cut short, says what the story is.
        newest = max(results, key=lambda r: (bool(r.leads), r.date or "", r.path))
        if not newest.leads:
            return focus or "Situation"
        words = newest.leads[0].text.split()
        lede = " ".join(words[:TITLE_WORDS]) + ("..." if len(words) > TITLE_WORDS else "")
        return f"{focus}: {lede}" if focus else lede
    words = {r.path: _headline_words(r.title) for r in headed}
    # How many other headlines carry each word: summed over a headline's words, that is the words
    # it shares with all the others, without comparing every pair (a merge runs on every reload).
    carried = Counter(w for r in headed for w in words[r.path])

    def shared(result: ArticleResult) -> int:
        return sum(carried[w] - 1 for w in words[result.path])

    best = max(headed, key=lambda r: (shared(r), r.date or "", r.path))
    title = best.title
    if focus and name_key(focus) not in name_key(title):
        return f"{focus}: {title}"
    return title
