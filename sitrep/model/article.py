"""Per-article data: an article as read, and what the extractors found in it (`ArticleResult`,
the unit the cache stores)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .codec import (
    _CERTAINTIES,
    _POLARITIES,
    _flag,
    _integer,
    _integers,
    _list,
    _number,
    _one_of,
    _optional_text,
    _record,
    _text,
    _texts,
)
from .kinds import ActorKind, Certainty, Polarity, Stance


@dataclass(frozen=True)
class Evidence:
    """Where an item comes from: the file (relative to the folder) and the sentence."""

    file: str
    sentence: str
    paragraph: str = ""
    """Fingerprint of the paragraph the sentence sits in; equal fingerprints are one source."""

    def to_dict(self) -> dict[str, Any]:
        """The evidence as a JSON-ready dict (without the internal fingerprint)."""
        return {"file": self.file, "sentence": self.sentence}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        """Rebuild evidence from `to_dict` output or a cache record."""
        file, sentence, paragraph = _record(data)["file"], data["sentence"], data.get("paragraph", "")
        if type(file) is not str or type(sentence) is not str or type(paragraph) is not str:
            raise TypeError("evidence: expected text")  # checked inline: the most numerous record
        return cls(file, sentence, paragraph)

    def to_cache(self) -> dict[str, Any]:
        """As a dict that keeps the paragraph fingerprint (for the cache)."""
        return {"file": self.file, "sentence": self.sentence, "paragraph": self.paragraph}


@dataclass
class Article:
    """One cleaned article, ready for the pipeline."""

    path: str
    """Path relative to the seeds folder, with forward slashes."""
    title: str
    outlet: str
    date: str | None
    paragraphs: list[str]
    """Cleaned body paragraphs, repeats inside the article removed."""
    content_hash: str
    """Hash of the raw bytes; the cache key together with the pipeline version."""
    mtime: float
    metadata: dict[str, str] = field(default_factory=dict)
    duplicates_removed: int = 0
    """How many repeated headlines or paragraphs were dropped."""

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        """Number of words in the cleaned body."""
        return sum(len(p.split()) for p in self.paragraphs)


_URL_KEYS = ("url", "link", "canonical", "permalink", "original_url", "src", "original", "credit_urls",
             "source")
_AUTHOR_KEYS = ("author", "authors", "byline", "by", "writer")
_AGENCY_KEYS = ("dateline_agency", "agency")


@dataclass(frozen=True)
class Provenance:
    """Where an article says it comes from, as its metadata gives it (each empty when not given)."""

    url: str = ""
    """The article's own web address (the first http or https URL under a URL-like key)."""
    author: str = ""
    dateline: str = ""
    """The place of a wire dateline ("Bamako" from "BAMAKO (AFP) -")."""
    agency: str = ""
    """The agency of the dateline, or an `agency` key."""

    @classmethod
    def from_metadata(cls, metadata: dict[str, str]) -> Provenance:
        """Provenance from `Article.metadata` (the reader's normalised keys)."""
        url = next((u for key in _URL_KEYS for u in metadata.get(key, "").replace(",", " ").split()
                    if u.lower().startswith(("http://", "https://"))), "")
        author = next((metadata[k].strip() for k in _AUTHOR_KEYS if metadata.get(k, "").strip()), "")
        agency = next((metadata[k].strip() for k in _AGENCY_KEYS if metadata.get(k, "").strip()), "")
        return cls(url, author, metadata.get("dateline", "").strip(), agency)

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {"url": self.url, "author": self.author, "dateline": self.dateline, "agency": self.agency}

    @classmethod
    def from_dict(cls, data: Any) -> Provenance:
        """Rebuild from `to_dict` output (missing keys are empty)."""
        data = _record(data)
        return cls(*(_text(data.get(key, "")) for key in ("url", "author", "dateline", "agency")))


@dataclass(frozen=True)
class BadFile:
    """A file that could not be read, and why."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {"path": self.path, "reason": self.reason}


@dataclass
class ActorMention:
    """One actor as seen in one article (before merging across articles)."""

    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    """One entry per mention (de-duplicated within the article)."""
    cited_as_source: bool = False

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict, evidence with fingerprints (for the cache)."""
        return {
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "evidence": [e.to_cache() for e in self.evidence],
            "cited_as_source": self.cited_as_source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActorMention:
        """Rebuild from `to_dict` output."""
        data = _record(data)
        return cls(
            _text(data["name"]),
            _text(data["kind"]),  # type: ignore[arg-type]
            _texts(data.get("aliases", [])),
            _texts(data.get("roles", [])),
            [Evidence.from_dict(e) for e in _list(data.get("evidence", []))],
            _flag(data.get("cited_as_source", False)),
        )


MEMBERS = " of its "
"""How an event's detail names a group's members ("107 of its fighters"): the members, not the
group, are killed or held."""


@dataclass
class StatusEvent:
    """Something that happened to (or was done by) an actor, with how sure the source is."""

    actor: str
    event: str
    """Normalised event type: "arrested", "released", "killed", "denied", "in power", ..."""
    polarity: Polarity
    certainty: Certainty
    source: str
    """Who says so: "AFP", "a source close to Dembele", or "the article" for its own voice."""
    evidence: Evidence
    detail: str = ""
    """Extra words worth showing: "since 2021", "after criticising the junta"."""
    when: str = ""
    """When it happened, as `dates.When.iso` ("2020-08-20", "2012/2014"), resolved against the
    article's date; empty when the sentence gives no date."""
    article_date: str = ""
    """The publication day of the article it comes from ("2020-09-02"), empty when undated."""
    background: bool = False
    """Told as background, not news: a relative clause, past perfect, "former", or dated well
    before the article."""
    prior: bool = False
    """Told in the past perfect with no date of its own ("he said he had been held"): it happened
    before the article, when is unknown, so the article's date is not its date."""

    @property
    def fact(self) -> str:
        """The event with its detail: "fled to Sudan"; members first when the detail names them
        ("107 of its fighters killed": the group's members were killed, not the group), and so is
        how many of a group ("eight detained", from the detail "(Eight)")."""
        members = re.match(rf"^(\S+{MEMBERS}\S+)(.*)$", self.detail)
        if members:
            return f"{members.group(1)} {self.event}{members.group(2)}"
        if self.count:
            return f"{self.count.lower()} {self.event}"
        return self.event + (f" {self.detail}" if self.detail else "")

    @property
    def count(self) -> str:
        """How many of a group, when that is all the detail says ("Eight" from "(Eight)"), else ""."""
        found = re.fullmatch(r"\(([^()]+)\)", self.detail)
        return found.group(1) if found else ""

    @property
    def phrase(self) -> str:
        """A short honest phrase: "reported detained", "arrest denied by AFP"."""
        base = self.fact
        if self.polarity == "denied":
            by = "" if self.source in ("", "the article") else f" by {self.source}"
            return f"{base}: denied{by}"
        if self.certainty == "stated":
            return base
        if self.event == "accused" and self.source not in ("", "the article", self.actor):
            # "accused by India of kidnapping five citizens": the accusation is certain, its charge India's
            return f"accused by {self.source}" + (f" {self.detail}" if self.detail else "")
        prefix = {"reported": "reported", "alleged": "allegedly", "unclear": "possibly"}.get(
            self.certainty, self.certainty
        )
        by = "" if self.source in ("", "the article") else f" ({self.source})"
        return f"{prefix} {base}{by}"

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        d = self.to_cache()
        d["evidence"] = self.evidence.to_dict()
        return d

    def to_cache(self) -> dict[str, Any]:
        """As a dict that keeps the paragraph fingerprint (for the cache)."""
        return {
            "actor": self.actor,
            "event": self.event,
            "polarity": self.polarity,
            "certainty": self.certainty,
            "source": self.source,
            "evidence": self.evidence.to_cache(),
            "detail": self.detail,
            "when": self.when,
            "article_date": self.article_date,
            "background": self.background,
            "prior": self.prior,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StatusEvent:
        """Rebuild from `to_cache` or `to_dict` output."""
        data = _record(data)
        return cls(
            _text(data["actor"]),
            _text(data["event"]),
            _one_of(data["polarity"], _POLARITIES),
            _one_of(data["certainty"], _CERTAINTIES),
            _text(data["source"]),
            Evidence.from_dict(data["evidence"]),
            _text(data.get("detail", "")),
            _text(data.get("when", "")),
            _text(data.get("article_date", "")),
            _flag(data.get("background", False)),
            _flag(data.get("prior", False)),
        )


@dataclass
class Claim:
    """One side of a dispute."""

    text: str
    source: str
    stance: Stance
    article: str
    sentence: str = ""
    value: tuple[float, float] | None = None
    """For numeric claims: the (low, high) range the wording stands for."""
    when: str = ""
    """For numeric claims: when the figure holds (`dates.When.iso`), else its article's day."""
    group: str = ""
    """For numeric claims: whose people the figure counts, when the sentence says ("cameroon" for
    "eight Cameroonian soldiers"); figures for different groups are never compared."""

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {
            "text": self.text,
            "source": self.source,
            "stance": self.stance,
            "article": self.article,
            "sentence": self.sentence,
            "value": list(self.value) if self.value else None,
            "when": self.when,
            "group": self.group,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """Rebuild from `to_dict` output."""
        data = _record(data)
        value = data.get("value")
        if value is not None and len(_list(value)) != 2:
            raise TypeError("expected a (low, high) pair")
        return cls(
            _text(data["text"]),
            _text(data["source"]),
            _text(data["stance"]),  # type: ignore[arg-type]
            _text(data["article"]),
            _text(data.get("sentence", "")),
            None if value is None else (float(_number(value[0])), float(_number(value[1]))),
            _text(data.get("when", "")),
            _text(data.get("group", "")),
        )


@dataclass
class Dispute:
    """A fact the sources do not agree on, or that rests on thin sourcing."""

    subject: str
    kind: Literal["contradiction", "numeric", "thin sourcing", "silence"]
    claims: list[Claim]
    actors: list[str] = field(default_factory=list)
    weight: float = 0.0
    """How much it matters; disputes are ranked by it."""
    independent_sources: dict[str, int] = field(default_factory=dict)
    """Per side (stance), how many independent sources stand behind it (set by the merge)."""
    settled_by: str = ""
    """The later claim that settles it ("released, as of 3 March 2031 (AFP)"), set by the merge:
    a settled dispute is kept for the record but no longer shown as live."""

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict (the merge's source counts and settlement only when set, so
        cached rows keep their shape)."""
        data = {
            "subject": self.subject,
            "kind": self.kind,
            "actors": list(self.actors),
            "weight": round(self.weight, 3),
            "claims": [c.to_dict() for c in self.claims],
        }
        if self.independent_sources:
            data["independent_sources"] = dict(self.independent_sources)
        if self.settled_by:
            data["settled_by"] = self.settled_by
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dispute:
        """Rebuild from `to_dict` output."""
        data = _record(data)
        return cls(
            _text(data["subject"]),
            _text(data["kind"]),  # type: ignore[arg-type]
            [Claim.from_dict(c) for c in _list(data["claims"])],
            _texts(data.get("actors", [])),
            _number(data.get("weight", 0.0)),
            settled_by=_text(data.get("settled_by", "")),
        )


@dataclass
class ContextItem:
    """A piece of regional context: dated history, an alliance, a place, a neighbour..."""

    kind: Literal["history", "alliance", "rupture", "organisation", "place", "neighbour", "pattern",
                  "background"]
    text: str
    years: list[int] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {
            "kind": self.kind,
            "text": self.text,
            "years": list(self.years),
            "actors": list(self.actors),
            "evidence": [e.to_dict() for e in self.evidence],
        }

    def to_cache(self) -> dict[str, Any]:
        """As a dict that keeps paragraph fingerprints (for the cache)."""
        return {
            "kind": self.kind,
            "text": self.text,
            "years": list(self.years),
            "evidence": [e.to_cache() for e in self.evidence],
            "actors": list(self.actors),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ContextItem:
        """Rebuild from `to_dict` or `to_cache` output."""
        data = _record(data)
        return cls(
            _text(data["kind"]),  # type: ignore[arg-type]
            _text(data["text"]),
            _integers(data.get("years", [])),
            [Evidence.from_dict(e) for e in _list(data.get("evidence", []))],
            _texts(data.get("actors", [])),
        )


@dataclass
class Lead:
    """An article's lede: the sentence that gives its main news, with who says it and how sure."""

    text: str
    certainty: Certainty
    source: str
    """Who says it: "the article" for the writer's own voice, else the speaker ("Germany")."""
    evidence: Evidence
    actors: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)
    """Other speakers with a claim of their own in the sentence ("..., while activists said ..."):
    `source` speaks for the first part only."""

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict (with the paragraph fingerprint, for the cache)."""
        return {"text": self.text, "certainty": self.certainty, "source": self.source,
                "evidence": self.evidence.to_cache(), "actors": list(self.actors), "also": list(self.also)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Lead:
        """Rebuild from `to_dict` output."""
        data = _record(data)
        return cls(_text(data["text"]), _one_of(data["certainty"], _CERTAINTIES), _text(data["source"]),
                   Evidence.from_dict(data["evidence"]), _texts(data.get("actors", [])),
                   _texts(data.get("also", [])))


@dataclass
class ArticleResult:
    """Everything extracted from one article: what the cache stores per content hash."""

    path: str
    title: str
    outlet: str
    date: str | None
    content_hash: str
    mtime: float
    words: int
    actors: list[ActorMention] = field(default_factory=list)
    events: list[StatusEvent] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    context: list[ContextItem] = field(default_factory=list)
    sentences: int = 0
    duplicates_removed: int = 0
    leads: list[Lead] = field(default_factory=list)
    """The lede and the sentence after it that carries news (the "nut graf"), in article order."""
    provenance: Provenance = field(default_factory=Provenance)
    endings: list[Lead] = field(default_factory=list)
    """Happenings the article says are over ("the four-day siege drew to a close"): each a `Lead`
    whose text names the happening, with who says so."""
    measures: list[Lead] = field(default_factory=list)
    """Measures the article says were taken on the state of things ("Mali's constitution
    suspended", "nationwide curfew imposed", "talks held in Chad"): each a `Lead` whose text
    names the measure, with who says so."""
    calls: list[Lead] = field(default_factory=list)
    """What a named side calls for ("the publication of the full legal advice", "an immediate
    ceasefire"): each a `Lead` whose text is what is asked for and whose source is whose call it is."""

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict that `from_dict` reads back unchanged (cache format)."""
        return {
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date,
            "content_hash": self.content_hash,
            "mtime": self.mtime,
            "words": self.words,
            "sentences": self.sentences,
            "duplicates_removed": self.duplicates_removed,
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_cache() for e in self.events],
            "disputes": [d.to_dict() for d in self.disputes],
            "context": [c.to_cache() for c in self.context],
            "leads": [lead.to_dict() for lead in self.leads],
            "provenance": self.provenance.to_dict(),
            "endings": [lead.to_dict() for lead in self.endings],
            "measures": [lead.to_dict() for lead in self.measures],
            "calls": [lead.to_dict() for lead in self.calls],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleResult:
        """Rebuild from `to_dict` output; `KeyError` or `TypeError` for a record it did not write."""
        data = _record(data)
        return cls(
            _text(data["path"]),
            _text(data["title"]),
            _text(data["outlet"]),
            _optional_text(data["date"]),
            _text(data["content_hash"]),
            _number(data["mtime"]),
            _integer(data["words"]),
            [ActorMention.from_dict(a) for a in _list(data.get("actors", []))],
            [StatusEvent.from_dict(e) for e in _list(data.get("events", []))],
            [Dispute.from_dict(d) for d in _list(data.get("disputes", []))],
            [ContextItem.from_dict(c) for c in _list(data.get("context", []))],
            _integer(data.get("sentences", 0)),
            _integer(data.get("duplicates_removed", 0)),
            [Lead.from_dict(lead) for lead in _list(data.get("leads", []))],
            Provenance.from_dict(data.get("provenance", {})),
            [Lead.from_dict(lead) for lead in _list(data.get("endings", []))],
            [Lead.from_dict(lead) for lead in _list(data.get("measures", []))],
            [Lead.from_dict(lead) for lead in _list(data.get("calls", []))],
        )

