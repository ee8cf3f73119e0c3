"""The merged report: one `Situation` of actors, status lines, disputes, context and sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .article import BadFile, ContextItem, Dispute, Evidence, Provenance, StatusEvent
from .kinds import ActorKind, Certainty


@dataclass
class StateEntry:
    """One row of an actor's claim ledger: a slot's value as one group of sources gives it."""

    slot: str
    """"liberty", "life", "office", "whereabouts", "control", "event", or another fact family."""
    value: str
    """The fact as a short phrase: "detained", "released", "killed", "in power since 2021"."""
    certainty: Certainty
    sources: list[str] = field(default_factory=list)
    as_of: str = ""
    """When it held: the event's date, else the article's date (ISO, maybe month or year only)."""
    superseded_by: str = ""
    """The later value that overturned it ("discharged, 2020-09-23"), empty for the current one."""
    evidence: list[Evidence] = field(default_factory=list)
    claimed_by: str = ""
    """The party whose own claim this is ("own account"): never shown as stated."""
    history: bool = False
    """Dated well before the situation's window: context, not status."""
    relation: str = ""
    """How the main source stands to the fact: "own account", "party", "official", "outlet",
    "anonymous" or "article" (the writer's own voice)."""
    independent_sources: int = 0
    """Sources that are not copies of each other (one wire story in four outlets is one)."""
    article_count: int = 0
    family: str = ""
    """The lexicon family the value belongs to ("arrested" is in "detained")."""

    @property
    def phrase(self) -> str:
        """The entry as one readable phrase with its certainty and date."""
        words = {"stated": "", "reported": "reported ", "alleged": "reportedly ", "unclear": "possibly ",
                 "denied": "denied: "}
        text = self.value if self.certainty != "denied" else f"{self.value}: denied"
        if self.certainty not in ("stated", "denied"):
            text = words[self.certainty] + self.value
        if self.claimed_by:
            text = f"{self.value} (claimed by {self.claimed_by})"
        elif self.sources and self.certainty != "stated":
            text += f" ({', '.join(self.sources[:3])})"
        return text + (f", as of {self.as_of}" if self.as_of else "")

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict (the report's `actor.state` entries)."""
        return {"slot": self.slot, "family": self.family, "value": self.value, "certainty": self.certainty,
                "sources": list(self.sources), "as_of": self.as_of, "superseded_by": self.superseded_by,
                "claimed_by": self.claimed_by, "history": self.history, "relation": self.relation,
                "independent_sources": self.independent_sources, "articles": self.article_count,
                "evidence": [e.to_dict() for e in self.evidence]}


@dataclass
class Actor:
    """One actor merged across all articles."""

    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    status: str = ""
    """One honest line: "reported detained (initial reports); arrest denied by ..."."""
    events: list[StatusEvent] = field(default_factory=list)
    mentions: int = 0
    articles: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    score: float = 0.0
    minor: bool = False
    """A one-mention name kept for completeness but ranked below the main list."""
    state: list[StateEntry] = field(default_factory=list)
    """The claim ledger: every slot's values over time, the current one last in each slot."""

    def names(self) -> list[str]:
        """The canonical name and every alias."""
        return [self.name, *self.aliases]

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict (the report contract)."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "roles": list(self.roles),
            "status": self.status,
            "events": [e.to_dict() for e in self.events],
            "mentions": self.mentions,
            "articles": list(self.articles),
            "score": round(self.score, 3),
            "minor": self.minor,
            "state": [s.to_dict() for s in self.state],
            "evidence": [e.to_dict() for e in self.evidence],
        }


def sourcing_phrase(independent: int, articles: int) -> str:
    """How many independent sources stand behind an item, said so one wire story is never
    taken for corroboration: "3 independent sources", "1 source, 4 articles", "1 source"."""
    if independent <= 0:
        return ""
    if independent == 1:
        return "1 source" + (f", {articles} articles" if articles > 1 else "")
    return f"{independent} independent sources"


@dataclass
class StatusLine:
    """One line of the situation summary."""

    text: str
    certainty: Certainty
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    as_of: str = ""
    """The date the line holds at (ISO day, month or year), empty when no source is dated."""
    independent_sources: int = 0
    """Sources that are not copies of each other: one wire story run by four outlets is one, a
    statement quoted by many outlets is one (its speaker)."""
    article_count: int = 0
    """Articles the line rests on."""

    @property
    def sourcing(self) -> str:
        """ "3 independent sources", "1 source, 4 articles", "1 source" ("" when not counted)."""
        return sourcing_phrase(self.independent_sources, self.article_count)

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {
            "text": self.text,
            "certainty": self.certainty,
            "sources": list(self.sources),
            "as_of": self.as_of,
            "independent_sources": self.independent_sources,
            "articles": self.article_count,
            "actors": list(self.actors),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class ArticleInfo:
    """An article as listed in the report's Sources."""

    path: str
    title: str
    outlet: str
    date: str | None
    mtime: float
    words: int
    duplicates_removed: int = 0
    provenance: Provenance = field(default_factory=Provenance)

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date,
            "mtime": self.mtime,
            "words": self.words,
            "duplicates_removed": self.duplicates_removed,
            "provenance": self.provenance.to_dict(),
        }


@dataclass
class Situation:
    """The whole report: the one thing the engine returns, read by the writers and the TUI."""

    folder: str
    title: str
    focus: str | None = None
    """The focus country detected from the folder, if any."""
    status: list[StatusLine] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    context: list[ContextItem] = field(default_factory=list)
    articles: list[ArticleInfo] = field(default_factory=list)
    bad_files: list[BadFile] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        """Distinct outlets, in article order."""
        return list(dict.fromkeys(a.outlet for a in self.articles if a.outlet))

    @property
    def newest_mtime(self) -> float | None:
        """Modification time of the newest article, if any."""
        return max((a.mtime for a in self.articles), default=None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report: `status`, `actors`, `disputes`, `context`, `articles`, ..."""
        return {
            "title": self.title,
            "folder": self.folder,
            "focus": self.focus,
            "status": [s.to_dict() for s in self.status],
            "actors": [a.to_dict() for a in self.actors],
            "disputes": [d.to_dict() for d in self.disputes],
            "context": [c.to_dict() for c in self.context],
            "articles": [a.to_dict() for a in self.articles],
            "bad_files": [b.to_dict() for b in self.bad_files],
        }
