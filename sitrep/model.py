"""The plain data sitrep passes around: articles in, one `Situation` out.

Everything here is a dataclass with `to_dict`/`from_dict`, so per-article results can be cached
as JSON and the report writers and the TUI read the same objects. Nothing here imports spaCy
or Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

ActorKind = Literal["person", "organisation", "country", "place", "armed group", "collective"]
Certainty = Literal["stated", "reported", "alleged", "denied", "unclear"]
Polarity = Literal["affirmed", "denied"]
Stance = Literal["asserts", "denies", "hedges", "unconfirmed", "silent", "figure"]

# Encoding and decoding name every field by hand rather than going through `asdict` and
# `cls(**data)`: a warm start decodes every cached result, and the generic route was most of its
# time. Keys come out in field order (the cache and the JSON report rely on it), unknown keys are
# ignored, missing optional ones take their defaults, and a missing required one raises KeyError.
# Decoding also checks every value's type (a cache row may have been tampered with), raising
# TypeError, so a bad record is refused here and never reaches the merge.


def _record(data: Any) -> dict[str, Any]:
    """`data` if it is a JSON object, else `TypeError`."""
    if type(data) is not dict:
        raise TypeError(f"expected an object, got {type(data).__name__}")
    return data


def _text(value: Any) -> str:
    """`value` if it is a string, else `TypeError`."""
    if type(value) is not str:
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _optional_text(value: Any) -> str | None:
    """`value` if it is a string or None, else `TypeError`."""
    return None if value is None else _text(value)


def _list_of(value: Any, kind: type, what: str) -> list[Any]:
    """`value` if it is a list whose items are all exactly of `kind`, else `TypeError`."""
    if type(value) is not list:
        raise TypeError(f"expected a list of {what}, got {type(value).__name__}")
    for item in value:
        if type(item) is not kind:
            raise TypeError(f"expected a list of {what}, got {type(item).__name__} in it")
    return value


def _texts(value: Any) -> list[str]:
    """`value` if it is a list of strings, else `TypeError`."""
    return _list_of(value, str, "text")


def _integer(value: Any) -> int:
    """`value` if it is an integer (not a bool), else `TypeError`."""
    if type(value) is not int:
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _integers(value: Any) -> list[int]:
    """`value` if it is a list of integers (not bools), else `TypeError`."""
    return _list_of(value, int, "integers")


def _number(value: Any) -> float:
    """`value` if it is an integer or a float (not a bool), else `TypeError`."""
    if type(value) is not float and type(value) is not int:
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return value


def _flag(value: Any) -> bool:
    """`value` if it is a bool, else `TypeError`."""
    if type(value) is not bool:
        raise TypeError(f"expected true or false, got {type(value).__name__}")
    return value


_CERTAINTIES = frozenset(get_args(Certainty))
_POLARITIES = frozenset(get_args(Polarity))


def _one_of(value: Any, allowed: frozenset[str]) -> Any:
    """`value` if it is one of `allowed`, else `TypeError` (the merge indexes tables by these)."""
    if type(value) is not str or value not in allowed:
        raise TypeError(f"expected one of {sorted(allowed)}, got {value!r:.40}")
    return value


def _list(value: Any) -> list[Any]:
    """`value` if it is a list, else `TypeError`."""
    if type(value) is not list:
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


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


_URL_KEYS = ("url", "link", "canonical", "permalink", "original_url", "src", "original", "credit_urls", "source")
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
        ("107 of its fighters killed": the group's members were killed, not the group)."""
        members = re.match(rf"^(\S+{MEMBERS}\S+)(.*)$", self.detail)
        if members:
            return f"{members.group(1)} {self.event}{members.group(2)}"
        return self.event + (f" {self.detail}" if self.detail else "")

    @property
    def phrase(self) -> str:
        """A short honest phrase: "reported detained", "arrest denied by AFP"."""
        base = self.fact
        if self.polarity == "denied":
            by = "" if self.source in ("", "the article") else f" by {self.source}"
            return f"{base}: denied{by}"
        if self.certainty == "stated":
            return base
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

    kind: Literal["history", "alliance", "rupture", "organisation", "place", "neighbour", "pattern", "background"]
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

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict (with the paragraph fingerprint, for the cache)."""
        return {"text": self.text, "certainty": self.certainty, "source": self.source,
                "evidence": self.evidence.to_cache(), "actors": list(self.actors)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Lead:
        """Rebuild from `to_dict` output."""
        data = _record(data)
        return cls(_text(data["text"]), _one_of(data["certainty"], _CERTAINTIES), _text(data["source"]),
                   Evidence.from_dict(data["evidence"]), _texts(data.get("actors", [])))


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
        )


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
        return {"slot": self.slot, "family": self.family, "value": self.value, "certainty": self.certainty, "sources": list(self.sources),
                "as_of": self.as_of, "superseded_by": self.superseded_by, "claimed_by": self.claimed_by,
                "history": self.history, "relation": self.relation,
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
