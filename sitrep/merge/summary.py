"""The Status lines: the newest ledes, the main actors' current facts, the latest figures and
the live disputes."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Literal

from ..dates import When, resolve, years_in
from ..model import Actor, ArticleResult, Certainty, Claim, Dispute, Evidence, Lead, StatusEvent, StatusLine
from ..sourcing import Mention, SourceCounter, count_sources
from ..text import nation_key, sentence_key
from .common import _LEXICON, CERTAINTY_RANK, FAMILY, _held_at, own_account
from .disputes import _subject_words, disagree
from .ledger import _current_states, status_line

_MAIN_FAMILIES = ("killed", "detained", "sentenced", "convicted", "ousted", "resigned", "dismissed",
                  "in power", "fled", "released", "injured", "acquitted", "kidnapped", "plans", "missing")

LEADS_IN_SUMMARY = 4

STATUS_LINES = 6


def _newest_first(as_of: str) -> int:
    """A sort key putting later dates first and undated lines last."""
    when = When.from_iso(as_of) if as_of else None
    return -when.end.toordinal() if when is not None else 0


def _line_date(line: StatusLine) -> str:
    return line.as_of or ""

STALE_LEDE_DAYS = 30
"""An older article's lede this long before the newest article's day is left out of Status."""

STALE_EVENT_DAYS = 30
"""A group's incident this long before the newest article is no line of what is happening now."""

LATEST_FIGURE_DAYS = 7
"""A count last given this long before the newest article no longer says what holds now."""

FIGURES_IN_LINE = 3

_FIGURE_ORDER = ("killed", "stranded", "abducted", "detained", "missing", "injured", "escaped", "released")


FigurePart = tuple[int, date, str, Claim]
"""One count's latest figure: its category's rank, its day, its text and the claim it quotes."""


def _latest_figures(figures: dict[str, list[Claim]], newest: date | None,
                    counter: SourceCounter, memo: SummaryMemo | None = None) -> StatusLine | None:
    """"Latest figures: 2,500 migrants stranded (United Nations, 29 May 2015); 139 ...": for each
    count, the figure given on the latest day it was given, when that day is recent and its
    figures agree (differing ones are a dispute line of their own)."""
    parts: list[FigurePart] = []
    for subject, claims in figures.items():
        parts += memo.figure_parts(subject, claims, newest) if memo is not None else \
            _figure_parts(subject, claims, newest)
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
                      as_of=max(p[1] for p in chosen).isoformat(), independent_sources=count,
                      article_count=articles)


def _figure_parts(subject: str, claims: list[Claim], newest: date | None) -> list[FigurePart]:
    """The latest figure of one count for each group of people it counts (in the order the
    groups first appear)."""
    by_group: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_group[nation_key(claim.group)].append(claim)  # Cameroon's soldiers apart from Nigeria's
    groups = [g for g in by_group if g]
    if "" in by_group and len(groups) == 1:  # "20 soldiers" with the only "20 Indian soldiers"
        by_group[groups[0]] += by_group.pop("")
    parts: list[FigurePart] = []
    for claims_of_group in by_group.values():
        dated = [(w.end, c) for c in claims_of_group if c.value and c.when
                 and (w := When.from_iso(c.when)) is not None and w.precision != "range"]
        if not dated:
            continue
        # A toll given again weeks after it was first given ("India has said 20 troops were
        # killed", in September, of June's clash) is that old toll retold, not the latest count.
        first: dict[object, date] = {}
        for day, claim in dated:
            if day < first.get(claim.value, date.max):
                first[claim.value] = day
        dated = [(first[c.value] if (d - first[c.value]).days > LATEST_FIGURE_DAYS else d, c)
                 for d, c in dated]
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
        figure = pick.text[0].lower() + pick.text[1:] if pick.text[1:2].islower() else pick.text  # "At least"
        text = f"{figure} {people} {category} ({by}as of {When.from_iso(pick.when).label})"  # type: ignore[union-attr]
        parts.append((rank, day, text, pick))
    return parts


class SummaryMemo:
    """What the summary worked out, kept between merges by all it is computed from: each main
    actor's candidate lines and each actor's current and stale sentences (by the ledger kept
    under the key of its claim ledger, `ledger_keys`, which covers its name, events, the window,
    the files each event's sentence was read in and their outlets; with its kind and the newest
    article's day), and each count's latest figures (by its list of figures and the newest day).
    `new_merge` starts a merge; what the last merge did not ask for is forgotten."""

    def __init__(self) -> None:
        self.ledger_keys: dict[int, tuple[tuple[object, ...], object]] = {}
        """The key of each merged actor's ledger and what the key's ids belong to, by the actor's
        id (set by the merge)."""
        self._last: dict[tuple[object, ...], tuple[object, object]] = {}
        self._now: dict[tuple[object, ...], tuple[object, object]] = {}

    def new_merge(self) -> None:
        """Forget what the last merge did not use."""
        self._last, self._now = self._now, {}

    def _kept(self, key: tuple[object, ...], compute: Callable[[], Any], keep: object = None) -> Any:
        """The value under `key`, computed only when no merge has asked for it (`keep`: what the
        ids in the key belong to, held while it is kept)."""
        found = self._now.get(key)
        if found is None:
            found = self._last.get(key) or (compute(), keep)
            self._now[key] = found
        return found[0]

    def figure_parts(self, subject: str, claims: list[Claim], newest: date | None) -> list[FigurePart]:
        """`_figure_parts`, kept by the list of the count's figures (the dispute stage makes a new
        list when they change, `DisputeStage._update`, and never changes one in place)."""
        return self._kept(("figures", subject, newest, id(claims)),
                          lambda: _figure_parts(subject, claims, newest), claims)

    def actor_lines(self, actor: Actor, window_start: date | None, newest: date | None,
                    counter: SourceCounter) -> list[tuple[int, StatusLine]]:
        """`_actor_lines`, kept (the summary copies those it shows)."""
        found = self.ledger_keys.get(id(actor))
        if found is None:
            return _actor_lines(actor, window_start, newest, counter)
        # By the identity of what is kept under the ledger's key (one object per key, held with
        # the lines): hashing the key itself would go through every event of the actor again.
        return self._kept(("lines", id(found[1]), actor.kind, newest),
                          lambda: _actor_lines(actor, window_start, newest, counter), found[1])

    def sentences(self, actor: Actor) -> tuple[frozenset[str], frozenset[str]]:
        """`_ledger_sentences`, kept."""
        found = self.ledger_keys.get(id(actor))
        if found is None:
            return _ledger_sentences(actor)
        return self._kept(("sentences", id(found[1])), lambda: _ledger_sentences(actor), found[1])


def _ledger_sentences(actor: Actor) -> tuple[frozenset[str], frozenset[str]]:
    """The sentences of an actor's ledger entries that hold now, and of those a later claim
    superseded or that are history."""
    current = frozenset(e.sentence for s in actor.state if not (s.superseded_by or s.history)
                        for e in s.evidence)
    past = frozenset(e.sentence for s in actor.state if s.superseded_by or s.history for e in s.evidence)
    return current, past


def _actor_lines(actor: Actor, window_start: date | None, newest: date | None,
                 counter: SourceCounter) -> list[tuple[int, StatusLine]]:
    """An actor's candidate status lines: one per fact family of its current state, its two most
    important families, each with its importance (0: life, liberty or power)."""
    out: list[tuple[int, StatusLine]] = []
    families: dict[str, list[StatusEvent]] = defaultdict(list)
    for event in _current_states(actor, window_start):
        families[FAMILY[event.event]].append(event)
    _newest_way_out(families)
    ranked = sorted(families.items(),
                    key=lambda kv: (_MAIN_FAMILIES.index(kv[0]) if kv[0] in _MAIN_FAMILIES
                                    else len(_MAIN_FAMILIES)))
    for family, facts in ranked[:2]:
        facts = _one_count(facts)
        affirmed = [e for e in facts if e.polarity == "affirmed"]
        denied = [e for e in facts if e.polarity == "denied"]
        if affirmed and denied:
            certainty: Certainty = "unclear"
        elif denied:
            certainty = "denied"
        else:
            certainty = min((e.certainty for e in affirmed), key=lambda c: CERTAINTY_RANK[c])
        if certainty == "stated" and all(own_account(e.source, actor.name) for e in affirmed):
            certainty = "reported"  # an actor's own account is a claim, never a plain fact
        text = status_line(facts)
        if not text:
            continue
        answer = _denial_of_the_charge(actor) if family == "accused" else None
        if answer is not None:
            # "accused; denies conspiring to commit election fraud": the charge with its answer
            text = f"{text}; denies {answer.detail}"
            facts = [*facts, answer]
        sources = list(dict.fromkeys(e.source for e in facts if e.source))[:4]
        held = [w for e in facts if (w := _held_at(e)) is not None]
        # When some tellings date the incident, those dates place it: a telling without a date
        # ("20 soldiers were killed in hand-to-hand fighting" in September) retells the dated
        # one ("killed in June") rather than tells a new one, which news dates ("on Monday").
        # With no telling dated, the first one places it: later ones retell it ("India has said 20
        # troops were killed", in September, of what June's articles told).
        dated = [w for e in actor.events if e.when and FAMILY.get(e.event) == family
                 and not e.background and (w := _held_at(e)) is not None] or ([min(held)] if held else [])
        if (
            (actor.kind in ("collective", "armed group") or family == "plans")
            and dated
            and newest is not None
            and (newest - max(dated).end).days > STALE_EVENT_DAYS
            and FAMILY[facts[0].event] not in _LEXICON.ongoing
        ):
            # "Indian soldiers: killed in June" in September's report: a group's old incident is
            # background (a person's death or detention is a state that holds, and stays; a
            # group's killed or detained are its members); so is a plan told months before and
            # not since ("vowed to sell them" in May, in October's report)
            continue
        if family == "plans" and newest is not None and all(
                (day := _plan_day(e)) is not None and day <= newest for e in facts):
            # "plans to host a conference on May 29" in the report of May 29: its day has come
            continue
        line = StatusLine(text=f"{actor.name}: {text}", certainty=certainty, sources=sources,
                          evidence=list(dict.fromkeys(e.evidence for e in facts))[:4],
                          actors=[actor.name], as_of=max(held).iso if held else "")
        line.independent_sources, line.article_count = counter.events(facts)
        out.append((0 if family in _MAIN_FAMILIES else 1, line))
    return out


_WAYS_OUT = ("ousted", "dismissed", "resigned")
"""Ways of leaving office: told one after another of one person, each tells the same end."""


def _newest_way_out(families: dict[str, list[StatusEvent]]) -> None:
    """Of the ways out of office told, only the one told as held latest stays ("ousted" as party
    leader on Saturday, then "resigned" as president on Tuesday: resigned); undated ones count
    as the oldest."""
    told = [f for f in _WAYS_OUT if f in families]
    if len(told) < 2:
        return

    def latest(family: str) -> date:
        held = [w.end for e in families[family] if (w := _held_at(e)) is not None]
        return max(held, default=date.min)

    newest = max(told, key=latest)  # on a tie, the first in _WAYS_OUT
    for family in told:
        if family != newest:
            del families[family]


def _one_count(facts: list[StatusEvent]) -> list[StatusEvent]:
    """The tellings of a fact that give the count its line shows, when tellings give different
    counts ("at least 85 killed", the army; "over 100 killed", an article): the line is the surest
    telling's, resting on those that give its count, and the figures line shows the others."""
    counts = {_bare_count(e.count) for e in facts if e.polarity == "affirmed" and e.count}
    if len(counts) < 2:
        return facts
    best = min((e for e in facts if e.polarity == "affirmed"), key=lambda e: CERTAINTY_RANK[e.certainty])
    shown = _bare_count(best.count)
    return [e for e in facts if e.polarity != "affirmed" or _bare_count(e.count) == shown]


_COUNT_HEDGES = re.compile(
    r"^(?:at least|more than|over|about|around|some|nearly|almost|up to|as many as)\s+", re.I)


def _bare_count(count: str) -> str:
    """A count without its hedge: "at least eight" and "eight" give one figure."""
    return _COUNT_HEDGES.sub("", count.strip()).lower()


def _plan_day(event: StatusEvent) -> date | None:
    """The day a plan is for, from its own words ("to host a conference on May 29"), read forward
    from its article's day (dates resolve into the past: a weekday a week on, a day and month
    without a year the next year); None when its words give none."""
    anchor = When.from_iso(event.article_date) if event.article_date else None
    if anchor is None:
        return None
    when = resolve(event.detail, anchor.end)
    if when is None:
        return None
    day, gap = when.end, (anchor.end - when.end).days
    if 0 < gap <= 7 and when.precision == "day":
        day += timedelta(days=7)  # "on Friday", said on a Monday
    elif gap > 180 and when.precision == "day" and not years_in(event.detail):
        try:
            day = day.replace(year=day.year + 1)  # "on May 29", said on May 18
        except ValueError:
            return None
    return day


def _together(candidates: list[tuple[int, int, StatusLine]]) -> list[tuple[int, int, StatusLine]]:
    """Actors' lines that tell the same of each from the same sentences as one line, where the
    first of them stands ("Jan Kowalski and Piotr Nowak: accused; denies ..." for two men one
    sentence charges and one denial answers)."""
    out: list[tuple[int, int, StatusLine]] = []
    at: dict[tuple[object, ...], int] = {}
    names: dict[int, tuple[str, list[str]]] = {}
    """Per line kept: what it tells after the name, and the names that tell it."""
    for importance, order, line in candidates:
        name, _, told = line.text.partition(": ")
        key = (told, line.certainty, line.as_of, tuple(line.evidence),
               tuple(s for s in line.sources if s != name))
        if key in at and told:
            names[at[key]][1].append(name)
            continue
        at[key] = len(out)
        names[len(out)] = (told, [name])
        out.append((importance, order, line))
    for index, (told, group) in names.items():
        if len(group) > 1:
            importance, order, line = out[index]
            joined = ", ".join(group[:-1]) + " and " + group[-1]
            out[index] = (importance, order, replace(line, text=f"{joined}: {told}",
                                                     actors=list(dict.fromkeys([*line.actors, *group]))))
    return out


def _denial_of_the_charge(actor: Actor) -> StatusEvent | None:
    """What an accused actor denies in its own words ("Mr Afzal ... deny conspiring to commit
    election fraud"), the newest telling; None when it denies nothing by name."""
    answers = [e for e in actor.events if e.event == "denies" and e.polarity == "affirmed" and e.detail
               and not e.background and e.source in ("the article", actor.name)]
    return answers[-1] if answers else None


def _summary(actors: list[Actor], disputes: list[Dispute], results: list[ArticleResult],
             window_start: date | None, counter: SourceCounter,
             figures: dict[str, list[Claim]] | None = None, memo: SummaryMemo | None = None,
             newest_first: Iterable[ArticleResult] | None = None,
             newest: date | None | Literal["results"] = "results") -> list[StatusLine]:
    """3-6 lines on what holds now, then the live disputes.

    The ledes of the latest articles come first (the news as the newest reports put it, each
    with its own certainty and speaker), then the current state of the main actors: one fact
    family of one actor per line, history and superseded values left out, each with its own
    certainty, so a denied, hedged or party claim is never marked as stated.
    `newest_first`: the results by date and path, newest first, and `newest`: the last day the
    newest article's date may mean (both worked out from `results` when not given)."""
    lines: list[StatusLine] = []
    seen_leads: set[str] = set()
    # A lede that tells what a later claim overturned, or old history, no longer says what holds.
    current: set[str] = set()
    past: set[str] = set()
    for actor in actors:
        now, before = memo.sentences(actor) if memo is not None else _ledger_sentences(actor)
        current |= now
        past |= before
    stale = past - current
    if newest_first is None:
        newest_first = sorted(results, key=lambda r: (r.date or "", r.path), reverse=True)
    told_by: dict[tuple[str, str], set[str]] = defaultdict(set)
    """The words of the ledes shown, by their speaker (other than the article) and certainty."""
    day = max((w.end for r in results if r.date and (w := When.from_iso(r.date)) is not None),
              default=None) if isinstance(newest, str) else newest
    stated: list[tuple[frozenset[str], StatusLine]] = []
    """The writers' own ledes shown, with their words."""
    for rank, result in enumerate(newest_first):
        when = When.from_iso(result.date) if result.date else None
        if rank and when is not None and day is not None and (day - when.end).days > STALE_LEDE_DAYS:
            break  # older still: the news of months ago is no line of what is happening now
        # The newest article gives its lede and the news sentence after it; older ones their lede.
        for lead in result.leads[: 2 if rank == 0 else 1]:
            if sentence_key(lead.text) in seen_leads or lead.evidence.sentence in stale:
                continue
            if lead.source != "the article" and _retold(lead.text, lead.source,
                                                        told_by.get((lead.source, lead.certainty))):
                continue
            if lead.source == "the article":
                same = _same_news(lead, stated)
                if same is not None:
                    # another outlet's own lede telling the same news in its words: one line, two sources
                    outlet = result.outlet or "the article"
                    if outlet not in same.sources:
                        same.sources.append(outlet)
                        same.independent_sources += 1
                        same.article_count += 1
                    same.evidence.append(lead.evidence)
                    continue
            seen_leads.add(sentence_key(lead.text))
            if lead.source != "the article":
                told_by[(lead.source, lead.certainty)] |= _subject_words(lead.text)
            source = (result.outlet or "the article") if lead.source == "the article" else lead.source
            line = StatusLine(text=lead.text, certainty=lead.certainty,
                              sources=[source, *lead.also] if source else list(lead.also),
                              evidence=[lead.evidence], actors=list(lead.actors),
                              as_of=when.iso if when else "")
            line.independent_sources, line.article_count = counter.lead(lead.text)
            lines.append(line)
            if lead.source == "the article":
                stated.append((_subject_words(lead.text), line))
        if len(lines) >= LEADS_IN_SUMMARY:
            break
    candidates: list[tuple[int, int, StatusLine]] = []
    top = [a for a in actors if not a.minor]
    for order, actor in enumerate(top):
        for importance, line in (memo.actor_lines(actor, window_start, day, counter) if memo is not None
                                 else _actor_lines(actor, window_start, day, counter)):
            candidates.append((importance, order, line))
    # Main facts first (life, liberty, power), then the newest, then the more prominent actor.
    candidates.sort(key=lambda c: (c[0], _newest_first(c[2].as_of), c[1]))
    candidates = _together(candidates)
    # "soldiers: seized power (claimed by soldiers)" gathered from the very ledes shown, as sure
    # as they are, tells the reader the same thing again: its room goes to another actor's fact
    # ("civilians: reported killed (state TV)" under "State TV reported that about 400 civilians
    # had been killed" even lost the number).
    led = {(e.sentence, line.certainty) for line in lines for e in line.evidence}
    candidates = [c for c in candidates
                  if not all((e.sentence, c[2].certainty) in led for e in c[2].evidence)]
    room = max(2, STATUS_LINES - len(lines))
    # Copies: a memo keeps the lines for the next merge.
    lines += [replace(line, sources=list(line.sources), evidence=list(line.evidence),
                      actors=list(line.actors)) for _, _, line in candidates[:room]]
    lines.sort(key=lambda line: (CERTAINTY_RANK[line.certainty]))
    lines.sort(key=_line_date, reverse=True)
    lines = lines[:STATUS_LINES]
    ended = _newest_ending(results, counter)
    if ended is not None:
        lines.append(ended)
    for taken in (_newest_measures(results, counter, day), _newest_calls(results, counter, day)):
        if taken is not None:
            lines.append(taken)
    # The live disputes follow: the main contradictions, differing figures, official silence.
    live = [d for d in disputes if not d.settled_by]
    two_sided = [d for d in live if d.kind == "contradiction" and "name is given" not in d.subject
                 and "denies" in (stances := {c.stance for c in d.claims}) and stances & {"asserts", "hedges"}
                 and not _about_the_past(d, window_start)]
    told = {line.text.split(":")[0] for line in lines if "disputed:" in line.text}
    # "Dembele: reportedly detained ...; disputed: arrest denied by ..." already tells "Dembele: detained?"
    two_sided = [d for d in two_sided if d.subject.split(":")[0] not in told]
    for dispute in two_sided[:2]:
        asserted = list(dict.fromkeys(_in_line(c.source) for c in dispute.claims if c.stance == "asserts"))
        hedged = list(dict.fromkeys(_in_line(c.source) for c in dispute.claims if c.stance == "hedges"))
        denied = list(dict.fromkeys(_in_line(c.source) for c in dispute.claims if c.stance == "denies"))
        sides = "; ".join(part for part in (
            f"asserted by {', '.join(asserted[:3])}" if asserted else "",
            f"reported by {', '.join(hedged[:3])}" if hedged else "",  # a hedged side asserts nothing
            f"denied by {', '.join(denied[:3])}" if denied else "") if part)
        count, articles = counter.claims(dispute.claims)
        lines.append(StatusLine(text=f"Disputed: {dispute.subject} ({sides})", certainty="unclear",
                                sources=list(dict.fromkeys(asserted + hedged + denied))[:4],
                                evidence=[Evidence(c.article, c.sentence) for c in dispute.claims[:4]],
                                actors=dispute.actors, independent_sources=count, article_count=articles))
    latest = _latest_figures(figures or {}, day, counter, memo)
    if latest is not None:
        lines.append(latest)
    numeric = next((d for d in live if d.kind == "numeric"), None)
    if numeric is not None:
        figures = list(dict.fromkeys(c.text.split(":")[0] for c in numeric.claims))
        count, articles = counter.claims(numeric.claims)
        lines.append(StatusLine(text=f"Figures differ on the {numeric.subject}: {', '.join(figures[:5])}",
                                certainty="unclear",
                                sources=list(dict.fromkeys(c.source for c in numeric.claims))[:4],
                                evidence=[Evidence(c.article, c.sentence) for c in numeric.claims[:4]],
                                actors=numeric.actors, independent_sources=count, article_count=articles))
    silence = next((d for d in disputes if d.kind == "silence"
                    and d.claims[0].source not in ("the article", "")),
                   None)
    if silence is not None:
        count, articles = counter.claims(silence.claims)
        # "police: declined to say how many" reads as one sentence: "police declined to say how many"
        said = silence.subject.replace(": ", " ", 1)
        who, _, what = silence.subject.partition(": ")
        if what.lower().startswith("no official") or who == "unnamed sources":
            said = what  # "no official figures on the number of people killed": no one to name
        lines.append(StatusLine(text=f"No official word: {said}", certainty="stated",
                                sources=[silence.claims[0].source],
                                evidence=[Evidence(silence.claims[0].article, silence.claims[0].sentence)],
                                actors=silence.actors, independent_sources=count, article_count=articles))
    # what holds, whether it is over, measures, calls, two disputes, figures, silence
    return lines[:STATUS_LINES + 6]


RETOLD_SHARE = 0.5
"""An older lede whose words beyond its speaker's name are at least this share of what the same
speaker, with the same certainty, says in the newer ledes shown retells it."""


SAME_NEWS_SHARE = 0.75
"""Two writers' ledes sharing at least this share of the words of the later one tell the same news."""


def _same_news(lead: Lead, shown: list[tuple[frozenset[str], StatusLine]]) -> StatusLine | None:
    """The line of a writer's lede already shown that tells the same news as `lead` in other
    words ("Haiti's Prime Minister Ariel Henry resigned on Thursday as a new council was sworn
    in ..." in two outlets), of the same certainty; None when there is none."""
    words = _subject_words(lead.text)
    if not words:
        return None
    for said, line in shown:
        if line.certainty == lead.certainty and len(words & said) >= SAME_NEWS_SHARE * len(words):
            return line
    return None


def _retold(text: str, source: str, said: set[str] | None) -> bool:
    """Whether a speaker's older lede tells again what its newer ledes say ("The attorney general
    has denied his statement ... was drafted by Downing Street officials" after "Claims a written
    answer on the legality of the war was drafted by Downing Street were 'wholly unfounded', he
    insisted"): one speaker's one position fills one line, not three."""
    if not said:
        return False
    own = _subject_words(source)
    words = _subject_words(text) - own
    return bool(words) and len(words & (said - own)) >= RETOLD_SHARE * len(words)


def _about_the_past(dispute: Dispute, window_start: date | None) -> bool:
    """A dispute over an old affair (every side dated before the situation: "many still blame
    him for the 2019 shooting"): context, never a line of what is happening now."""
    held = [When.from_iso(c.when) for c in dispute.claims]
    return window_start is not None and bool(held) and all(w is not None and w.end < window_start
                                                           for w in held)


def _in_line(source: str) -> str:
    """A source as it reads inside a line: "denied by a source close to him", not "by A source"."""
    return source[0].lower() + source[1:] if source.startswith(("A ", "An ", "The ")) else source


def _newest_ending(results: list[ArticleResult], counter: SourceCounter) -> StatusLine | None:
    """"Over: four-day siege": the newest article's word that a happening ended, with who says so.
    Only the newest telling counts (in no window: an ending stays told until a newer one); an
    older one may have been overtaken."""
    return _newest_told(results, counter, None, "Over", lambda r: r.endings, lambda e: e.text.lower(),
                        lambda e: e.text, 1)


MEASURES_IN_LINE = 4

_DONE = frozenset({"suspended", "dissolved", "imposed", "declared", "closed", "held"})
"""The last word of a measure's thing ("curfew imposed"): what `extract.measures` says was done."""


def _measure_key(text: str) -> tuple[str, str]:
    """What makes two tellings one measure: the thing's last word and what was done to it
    ("Mali's constitution suspended" and "the constitution suspended" are one)."""
    words = text.lower().split()
    at = next((i for i, word in enumerate(words) if word in _DONE and i), len(words) - 1)
    return words[at - 1], words[at]


def _newest_measures(results: list[ArticleResult], counter: SourceCounter,
                     newest: date | None) -> StatusLine | None:
    """"Measures: Mali's constitution suspended; nationwide curfew imposed", each with who says so."""
    return _newest_told(results, counter, newest, "Measures", lambda r: r.measures,
                        lambda m: _measure_key(m.text), lambda m: m.text, MEASURES_IN_LINE)


CALLS_IN_LINE = 3


_ARTICLES = frozenset({"the", "a", "an"})


def _call_key(call: Lead) -> tuple[str, ...]:
    """What makes two tellings one call: its first two words past an article ("the release of
    detained extremists" and "release of jailed extremists" are one call, "the Syrian army ...
    to save" and "Syrian troops ... to spare" two)."""
    return tuple([w for w in call.text.lower().split() if w not in _ARTICLES][:2])


def _newest_calls(results: list[ArticleResult], counter: SourceCounter,
                  newest: date | None) -> StatusLine | None:
    """"Called for: an immediate ceasefire (United Nations); the release of the journalists
    (opposition leaders)": what each side asks for, whose call it is."""
    return _newest_told(results, counter, newest, "Called for", lambda r: r.calls,
                        _call_key, lambda c: f"{c.text} ({c.source})", CALLS_IN_LINE,
                        whose=True)


def _newest_told(results: list[ArticleResult], counter: SourceCounter, newest: date | None, label: str,
                 items: Callable[[ArticleResult], list[Lead]], key: Callable[[Lead], Hashable],
                 text: Callable[[Lead], str], limit: int, whose: bool = False) -> StatusLine | None:
    """One Status line of what the articles of the last `STALE_LEDE_DAYS` tell (`items`), newest
    article first, each once (by `key`), at most `limit`. Its sources are who says so (`whose`:
    whose word each item is, as a call is its maker's). The line is as sure as its least sure
    item: one side's word is never a fact."""
    told: list[tuple[str, str, ArticleResult, Lead]] = []
    # ISO days compare as text: a day's article is read (`When`) only when it may be in the window
    # (a reload merges every article that tells one; reading each date cost more than the rest)
    cutoff = (newest - timedelta(days=STALE_LEDE_DAYS)).isoformat() if newest is not None else ""
    for result in results:
        found = items(result)
        if not found:
            continue
        if newest is not None:
            day = result.date
            if not day or (len(day) >= 10 and day[:10] < cutoff):
                continue  # undated, or older news than the newest can vouch for
            when = When.from_iso(day)
            if when is None or (newest - when.end).days > STALE_LEDE_DAYS:
                continue
        told += [(result.date or "", result.path, result, item) for item in found]
    if not told:
        return None
    told.sort(key=lambda t: (t[0], t[1]), reverse=True)  # newest article first (stable: in its order)
    chosen: dict[Hashable, tuple[ArticleResult, Lead]] = {}
    for _day, _path, result, item in told:
        chosen.setdefault(key(item), (result, item))
    shown = list(chosen.items())[:limit]
    sources = [(result.outlet or "the article") if m.source == "the article" and not whose else m.source
               for _, (result, m) in shown]
    certainty = max((m.certainty for _, (_, m) in shown), key=CERTAINTY_RANK.__getitem__)
    keys = {k for k, _ in shown}
    same = [Mention(m.source, m.evidence.sentence, m.evidence.file) for _, _, _, m in told if key(m) in keys]
    day = max((r.date or "" for _, (r, _) in shown), default="")
    when = When.from_iso(day) if day else None
    line = StatusLine(text=f"{label}: " + "; ".join(text(m) for _, (_, m) in shown), certainty=certainty,
                      sources=list(dict.fromkeys(s for s in sources if s)),
                      evidence=list(dict.fromkeys(m.evidence for _, (_, m) in shown)),
                      actors=list(dict.fromkeys(a for _, (_, m) in shown for a in m.actors)),
                      as_of=when.iso if when else "")
    line.independent_sources, line.article_count = count_sources(same, counter.outlet_of)
    return line
