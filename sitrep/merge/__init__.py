"""Merge per-article results into one `Situation`.

Everything here is linear in the size of the input: actors are joined through a hash index of
their name keys (no pairwise comparison of all actors), evidence is de-duplicated by paragraph
fingerprint so the same wire copy in two outlets counts once, and disputes are grouped by key.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from .. import gcpolicy
from ..dates import When
from ..model import ArticleInfo, ArticleResult, BadFile, Claim, Situation, StatusEvent
from ..sourcing import SourceCounter
from ..text import name_key
from .actors import _merge_actors
from .common import FAMILY, KIND_BONUS, _window_start, is_history
from .context import _focus, _merge_context, _title, _with_ledger_history
from .disputes import (
    _WEIGHT,
    SETTLED_PENALTY,
    _blame,
    _centrality,
    _competing_claims,
    _contradictions,
    _dedupe_disputes,
    _join_denials,
    _name_disagreements,
    _numeric,
    _pair_refutations,
    _recency,
    _settle,
    _slot_conflicts,
    comparable,
    disagree,
    figure_summary,
)
from .ledger import _actor_status, _merge_events, ledger, source_relation, status_line
from .summary import _summary

__all__ = ["FAMILY", "comparable", "disagree", "figure_summary", "is_history", "ledger", "merge",
           "source_relation", "status_line"]


def merge(results: list[ArticleResult], bad_files: list[BadFile], folder: Path | str) -> Situation:
    """One `Situation` from the per-article results (in folder order)."""
    # Merging builds many small objects and no reference cycles: the cyclic collector would only
    # rescan the ever-growing heap (half the time at 10,000 articles).
    with gcpolicy.paused():
        return _merge(results, bad_files, folder)


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
        dispute.weight = (
            _WEIGHT.get(dispute.kind, 1.0)
            + min(involved, 2.0)
            + 0.1 * min(len(dispute.claims), 5)
            + _centrality(dispute)
            + _recency(dispute, days, newest)
            - (SETTLED_PENALTY if dispute.settled_by else 0.0)
        )
    disputes.sort(key=lambda d: -d.weight)
    for dispute in disputes:
        sides: dict[str, list[Claim]] = defaultdict(list)
        for claim in dispute.claims:
            sides[claim.stance].append(claim)
        dispute.independent_sources = {stance: counter.claims(claims)[0] for stance, claims in sides.items()}

    context = _merge_context(results, focus.name if focus else None, alias_to_name)
    context = _with_ledger_history(context, actors, window_start)
    articles = [ArticleInfo(r.path, r.title, r.outlet, r.date, r.mtime, r.words, r.duplicates_removed,
                            r.provenance)
                for r in results]
    title = _title(results, focus.name if focus else None)
    return Situation(folder=str(folder), title=title, focus=focus.name if focus else None,
                     status=_summary(actors, disputes, results, window_start, counter, figures),
                     actors=actors, disputes=disputes, context=context,
                     articles=articles, bad_files=list(bad_files))
