"""The compact row of one article's result: each evidence sentence stored once, referred to by index.

An `ArticleResult` names the same evidence (file, sentence, paragraph fingerprint) from many
places: every mention of an actor, every event, context item and lede, and every disputed claim's
sentence. Its `to_dict` writes each of them out in full, so a row held each sentence about four
times. A `Row` keeps three tables instead:

- `files`: the evidence files and claim articles (almost always just the article's own path);
- `texts`: every distinct sentence, once;
- `evidence`: every distinct evidence as `[file index, text index, paragraph fingerprint]`;

and the records refer to them by index: `ActorRow.evidence` and `ContextRow.evidence` are lists
of evidence indexes, `EventRow.evidence` and `LeadRow.evidence` one index, `ClaimRow.article` a
file index, and the texts of claims, context items and ledes and a claim's sentence text indexes
(such a text is most often an evidence sentence itself). Decoding builds each `Evidence` once and every
record that names it shares the one (frozen) object.

The layout is typed with msgspec structs. `sitrep extract` writes a row as a JSON object (field
names as below; a field at its default is left out), the `row` of each line. The cache stores it
as JSON arrays instead (`encode_stored`: each record's fields in their order, no names), zlib-
compressed against `stored_dictionary()`: a quarter fewer bytes before compression, and the field
names had cost about a twentieth of a compressed row.
Decoding checks every type and every index, so a tampered or foreign row raises `ValueError`
and never reaches the merge. `ROW_SCHEMA` is raised when a field changes meaning or goes away.
"""

from __future__ import annotations

import base64
import dataclasses
import re
import sys
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, NamedTuple, cast, get_args, get_origin, get_type_hints

import msgspec

from .model import (
    ActorKind,
    ActorMention,
    ArticleResult,
    Certainty,
    Claim,
    ContextItem,
    Dispute,
    Evidence,
    Lead,
    Polarity,
    Provenance,
    Stance,
    StatusEvent,
)

ROW_SCHEMA = 1
"""Version of the row layout below (the `schema_version` of `sitrep extract` output)."""

Index = Annotated[int, msgspec.Meta(ge=0)]
"""A position in one of the row's tables (a negative one is refused: it would read from the end)."""


class _Record(msgspec.Struct, omit_defaults=True, gc=False):
    """A row record: fields at their default are left out of the encoding. Records hold only
    text, numbers, lists and other records, never a cycle, so the cyclic collector skips them."""


class ActorRow(_Record):
    """An `ActorMention`."""

    name: str
    kind: str
    aliases: list[str] = []
    roles: list[str] = []
    evidence: list[Index] = []
    cited_as_source: bool = False


class EventRow(_Record):
    """A `StatusEvent`."""

    actor: str
    event: str
    polarity: Polarity
    certainty: Certainty
    source: str
    evidence: Index
    detail: str = ""
    when: str = ""
    article_date: str = ""
    background: bool = False
    prior: bool = False


class ClaimRow(_Record):
    """A `Claim`: `article` indexes `files`, `text` and `sentence` index `texts` (a claim's text is
    most often its sentence)."""

    text: Index
    source: str
    stance: str
    article: Index
    sentence: Index
    value: tuple[float, float] | None = None
    when: str = ""
    group: str = ""


class DisputeRow(_Record):
    """A `Dispute`."""

    subject: str
    kind: str
    claims: list[ClaimRow]
    actors: list[str] = []
    weight: float = 0.0
    independent_sources: dict[str, int] = {}
    settled_by: str = ""


class ContextRow(_Record):
    """A `ContextItem`: `text` indexes `texts` (background is often a whole sentence)."""

    kind: str
    text: Index
    years: list[int] = []
    evidence: list[Index] = []
    actors: list[str] = []


class LeadRow(_Record):
    """A `Lead`: `text` indexes `texts` (a lede's text is most often its evidence sentence)."""

    text: Index
    certainty: Certainty
    source: str
    evidence: Index
    actors: list[str] = []
    also: list[str] = []


class Row(_Record):
    """One article's result, every sentence once (see the module docstring)."""

    path: str
    title: str
    outlet: str
    date: str | None
    content_hash: str
    mtime: float
    words: int
    sentences: int = 0
    duplicates_removed: int = 0
    provenance: Provenance = msgspec.field(default_factory=Provenance)
    files: list[str] = []
    texts: list[str] = []
    evidence: list[tuple[Index, Index, str]] = []
    actors: list[ActorRow] = []
    events: list[EventRow] = []
    disputes: list[DisputeRow] = []
    context: list[ContextRow] = []
    leads: list[LeadRow] = []
    endings: list[LeadRow] = []
    measures: list[LeadRow] = []
    calls: list[LeadRow] = []


class Layout(NamedTuple):
    """The record types a row is built of: the named ones above, or their array twins."""

    row: Any
    actor: Any
    event: Any
    claim: Any
    dispute: Any
    context: Any
    lead: Any


OBJECTS = Layout(Row, ActorRow, EventRow, ClaimRow, DisputeRow, ContextRow, LeadRow)
"""The layout `sitrep extract` writes: JSON objects."""


def _array_twin(record: type[msgspec.Struct], twins: dict[type, type]) -> type[msgspec.Struct]:
    """A struct with `record`'s fields, defaults and checks, encoded as a JSON array; a record type
    among its fields' types is replaced by its twin in `twins` (made before it)."""
    def swap(kind: Any) -> Any:
        if kind in twins:
            return twins[kind]
        if get_origin(kind) is list:
            return list[swap(get_args(kind)[0])]  # type: ignore[misc]
        return kind

    hints = get_type_hints(record, include_extras=True)
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for field in msgspec.structs.fields(record):
        if field.default is not msgspec.NODEFAULT:
            fields.append((field.name, swap(hints[field.name]), field.default))
        elif field.default_factory is not msgspec.NODEFAULT:
            factory = msgspec.field(default_factory=field.default_factory)
            fields.append((field.name, swap(hints[field.name]), factory))
        else:
            fields.append((field.name, swap(hints[field.name])))
    return msgspec.defstruct(f"{record.__name__}Array", fields, array_like=True, gc=False, module=__name__)


def _array_layout() -> Layout:
    """The array twins of the row's records, each made after the records it holds."""
    twins: dict[type, type] = {}
    for record in (ActorRow, EventRow, ClaimRow, DisputeRow, ContextRow, LeadRow, Row):  # parts first
        twins[record] = _array_twin(record, twins)
    return Layout(*(twins[record] for record in OBJECTS))


ARRAYS = _array_layout()
"""The layout the cache stores: the same records as JSON arrays."""


class _Tables:
    """The three tables of a row being built, each entry added once."""

    def __init__(self, path: str) -> None:
        self.files: dict[str, int] = {path: 0}
        self.texts: dict[str, int] = {}
        self.evidence: dict[Evidence, int] = {}
        self.rows: list[tuple[int, int, str]] = []

    def file(self, name: str) -> int:
        """The index of `name` in `files`."""
        return self.files.setdefault(name, len(self.files))

    def text(self, sentence: str) -> int:
        """The index of `sentence` in `texts`."""
        return self.texts.setdefault(sentence, len(self.texts))

    def of(self, evidence: Evidence) -> int:
        """The index of `evidence` in the evidence table."""
        index = self.evidence.get(evidence)
        if index is None:
            index = self.evidence[evidence] = len(self.rows)
            self.rows.append((self.file(evidence.file), self.text(evidence.sentence), evidence.paragraph))
        return index


def escape_name(text: str) -> str:
    """A name JSON can hold: a file name that is not UTF-8 (held with surrogate escapes) becomes
    NUL, then its bytes in base64; no real name starts with NUL."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "\x00" + base64.b64encode(text.encode("utf-8", "surrogateescape")).decode("ascii")


def unescape_name(text: str) -> str:
    """The inverse of `escape_name`; `ValueError` for a NUL name that is not base64."""
    if text.startswith("\x00"):
        return base64.b64decode(text[1:], validate=True).decode("utf-8", "surrogateescape")
    return text


def to_row(result: ArticleResult, layout: Layout = OBJECTS) -> Row:
    """The compact row of `result` (`from_row` gives back an equal result), of `layout`'s types."""
    t = _Tables(result.path)
    actors = [layout.actor(a.name, a.kind, list(a.aliases), list(a.roles), [t.of(e) for e in a.evidence],
                           a.cited_as_source) for a in result.actors]
    events = [layout.event(e.actor, e.event, e.polarity, e.certainty, e.source, t.of(e.evidence), e.detail,
                           e.when, e.article_date, e.background, e.prior) for e in result.events]
    disputes = [layout.dispute(d.subject, d.kind, [_claim_row(c, t, layout.claim) for c in d.claims],
                               list(d.actors), d.weight, dict(d.independent_sources), d.settled_by)
                for d in result.disputes]
    context = [layout.context(c.kind, t.text(c.text), list(c.years), [t.of(e) for e in c.evidence],
                              list(c.actors)) for c in result.context]
    leads = [layout.lead(t.text(lead.text), lead.certainty, lead.source, t.of(lead.evidence),
                         list(lead.actors), list(lead.also)) for lead in result.leads]
    endings = [layout.lead(t.text(e.text), e.certainty, e.source, t.of(e.evidence), list(e.actors))
               for e in result.endings]
    measures = [layout.lead(t.text(m.text), m.certainty, m.source, t.of(m.evidence), list(m.actors))
                for m in result.measures]
    calls = [layout.lead(t.text(c.text), c.certainty, c.source, t.of(c.evidence), list(c.actors))
             for c in result.calls]
    return cast("Row", layout.row(
        escape_name(result.path), escape_name(result.title), escape_name(result.outlet), result.date,
        result.content_hash, result.mtime, result.words, result.sentences, result.duplicates_removed,
        result.provenance, [escape_name(f) for f in t.files], list(t.texts), t.rows, actors, events,
        disputes, context, leads, endings, measures, calls))


def repointed(row: Row, rename: Callable[[str], str]) -> Row:
    """`row` with its path and every file of its table renamed by `rename` (names as given, not
    escaped): every evidence, lede, ending and claim names a file through that table."""
    return msgspec.structs.replace(row, path=escape_name(rename(unescape_name(row.path))),
                                   files=[escape_name(rename(unescape_name(f))) for f in row.files])


def _claim_row(claim: Claim, t: _Tables, make: Any) -> ClaimRow:
    return cast("ClaimRow", make(t.text(claim.text), claim.source, claim.stance, t.file(claim.article),
                                 t.text(claim.sentence), claim.value, claim.when, claim.group))


def from_row(row: Row) -> ArticleResult:
    """The result a row stands for, of either layout; `ValueError` when an index points past its table.

    Kinds and stances are taken as text, as `ArticleResult.from_dict` takes them (certainty and
    polarity are checked by their `Literal` types). The short texts that recur from article to
    article (names, kinds, sources, event words) are interned: decoded afresh, each was its own
    string, and 10,000 results held them hundreds of thousands of times over. A certainty or
    polarity needs no interning: msgspec gives back its `Literal`'s own string.
    """
    files, texts = [unescape_name(f) for f in row.files], row.texts
    try:
        evidence = []
        # `Evidence(file, sentence, paragraph)` with its fields put in its `__dict__`: a frozen
        # dataclass's `__init__` sets each through `object.__setattr__`, a third of the cost of
        # the most numerous record decoded (`tests/test_rows.py` checks that both give equal ones).
        for f, s, p in row.evidence:
            ev = _new(Evidence)
            fields = ev.__dict__
            fields["file"], fields["sentence"], fields["paragraph"] = files[f], texts[s], p
            evidence.append(ev)
        at = evidence.__getitem__
        # An empty list of aliases, roles or actors is the row's own (msgspec makes each afresh):
        # kept as it is, there is nothing to intern.
        actors = [ActorMention(_i(a.name), _i(a.kind), a.aliases and _all(a.aliases),  # type: ignore[arg-type]
                               a.roles and _all(a.roles), list(map(at, a.evidence)),
                               a.cited_as_source) for a in row.actors]
        events = [StatusEvent(_i(e.actor), _i(e.event), e.polarity, e.certainty,
                              _i(e.source), evidence[e.evidence], e.detail, e.when, e.article_date,
                              e.background, e.prior) for e in row.events]
        disputes = [Dispute(d.subject, _i(d.kind),  # type: ignore[arg-type]
                            [Claim(texts[c.text], _i(c.source), _i(c.stance),  # type: ignore[arg-type]
                                   files[c.article], texts[c.sentence], c.value, c.when, c.group)
                             for c in d.claims],
                            d.actors and _all(d.actors), d.weight, d.independent_sources, d.settled_by)
                    for d in row.disputes]
        context = [ContextItem(_i(c.kind), texts[c.text], c.years,  # type: ignore[arg-type]
                               list(map(at, c.evidence)), c.actors and _all(c.actors))
                   for c in row.context]
        leads = [Lead(texts[lead.text], lead.certainty, _i(lead.source), evidence[lead.evidence],
                      lead.actors and _all(lead.actors), lead.also and _all(lead.also)) for lead in row.leads]
        endings = [Lead(texts[e.text], e.certainty, _i(e.source), evidence[e.evidence],
                        e.actors and _all(e.actors)) for e in row.endings]
        measures = [Lead(texts[m.text], m.certainty, _i(m.source), evidence[m.evidence],
                         m.actors and _all(m.actors)) for m in row.measures]
        calls = [Lead(texts[c.text], c.certainty, _i(c.source), evidence[c.evidence],
                      c.actors and _all(c.actors)) for c in row.calls]
    except IndexError as exc:
        raise ValueError(f"an index past its table ({exc})") from None
    return ArticleResult(unescape_name(row.path), unescape_name(row.title), _i(unescape_name(row.outlet)),
                         row.date, row.content_hash, row.mtime, row.words,
                         actors, events, disputes, context, row.sentences, row.duplicates_removed, leads,
                         row.provenance, endings, measures, calls)


def _all(texts: list[str]) -> list[str]:
    """`texts` with each one interned (`from_row`)."""
    return list(map(_i, texts))


_new = object.__new__


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Row)
_i = sys.intern


_ARTICLE_VOICE = "the article"
"""The source of what an article says in its own voice (most events and ledes)."""


def _record_shape(record: type[msgspec.Struct] | type[Provenance]) -> str:
    """A record of type `record` (a struct or dataclass) as JSON with every field present and
    empty: its keys in order."""
    if issubclass(record, msgspec.Struct):
        names = [field.encode_name for field in msgspec.structs.fields(record)]
    else:
        names = [field.name for field in dataclasses.fields(record)]
    return "{" + ",".join(f'"{name}":""' for name in names) + "}"


def _compression_dictionary() -> bytes:
    """What every row shares, for zlib to refer back to (a preset dictionary): the words of the
    closed vocabularies (kinds, certainties, stances), the field names of each record in their
    order, and the usual records as `encode_row` writes them. Built from the layout above and the
    model's types only, never from articles.

    zlib refers to the nearest copy most cheaply, so the most frequent strings come last. The
    stream of a row compressed with it names the dictionary's checksum: a row compressed with
    another dictionary fails to inflate (and is re-parsed), never decodes wrongly.
    """
    shapes = [_record_shape(s) for s in (Row, Provenance, DisputeRow, ClaimRow, LeadRow, ContextRow,
                                         EventRow, ActorRow)]
    return (_closed_words() + "".join(shapes)).encode() + _usual_records(OBJECTS)


def _closed_words() -> str:
    """The words of the closed vocabularies (stances, kinds, certainties, polarities), each as a
    JSON string and a comma, as a row holds them."""
    words = [*get_args(Stance), *get_args(get_type_hints(Dispute)["kind"]), *get_args(ActorKind),
             *get_args(Certainty), *get_args(Polarity), *get_args(get_type_hints(ContextItem)["kind"]),
             _ARTICLE_VOICE]
    return "".join(f'"{word}",' for word in words)


def _usual_records(layout: Layout) -> bytes:
    """The usual records, empty but for their closed words, as `layout` encodes them (the most
    frequent, events and actors, last)."""
    usual: list[msgspec.Struct] = [
        layout.row(path="", title="", outlet="", date=None, content_hash="", mtime=0.0, words=0, sentences=1,
                   files=[""], texts=[""], evidence=[(0, 0, "")]),
        layout.lead(text=0, certainty="stated", source=_ARTICLE_VOICE, evidence=0),
        *(layout.context(kind=kind, text=0, evidence=[0], actors=[""]) for kind in ("background", "place")),
        *(layout.claim(text=0, source="", stance=stance, article=0, sentence=0)
          for stance in get_args(Stance)),
        *(layout.event(actor="", event="", polarity=polarity, certainty=certainty, source=_ARTICLE_VOICE,
                       evidence=0)
          for certainty in get_args(Certainty) for polarity in get_args(Polarity)),
        *(layout.actor(name="", kind=kind, evidence=[0]) for kind in get_args(ActorKind)),
    ]
    return b"".join(_encoder.encode(record) for record in usual)


COMPRESSION_DICTIONARY = _compression_dictionary()
"""The preset dictionary the cache compressed rows of the object layout with, up to its schema 4
(`sitrep.cache` reads them to convert them, `sitrep.snapshot` an old report)."""

_WORD = re.compile(r"[A-Za-z][a-z]+")


@cache
def stored_dictionary() -> bytes:
    """The preset dictionary of the rows the cache stores (`encode_stored`): the words of sitrep's
    own word lists (`lexicon.json`, `outlets.json`, the bundled entity patterns: verbs of news
    English, outlets, titles, demonyms, kinds of group), then the closed vocabularies and the usual
    records as `encode_stored` writes them, the most frequent last. Built from the package's own
    files and types, never from articles; those files are part of the pipeline version, and the
    cache keys rows by `stored_dictionary_id` too, so rows made with another dictionary are misses.

    The word lists made rows 7% smaller than the record shapes alone (1,000 bench articles)."""
    package = Path(__file__).parent
    files = [package / "lexicon.json", package / "outlets.json",
             *sorted((package / "nlp" / "patterns").glob("*.jsonl"))]
    words = set()
    for file in files:
        words.update(_WORD.findall(file.read_text(encoding="utf-8")))
    return (" ".join(sorted(words)) + " " + _closed_words()).encode() + _usual_records(ARRAYS)


@cache
def stored_dictionary_id() -> int:
    """The checksum zlib names `stored_dictionary` by in each stored row (worked out once: the
    cache keys every row it converts by it)."""
    return zlib.adler32(stored_dictionary())


def encode_row(result: ArticleResult, *, with_hash: bool = True) -> bytes:
    """The row of `result` as JSON (what the cache compresses and `sitrep extract` writes).
    Without its hash, `content_hash` is empty: the cache keys each row by it already, and its 64
    digits, which no dictionary can shorten, were a twentieth of a compressed row."""
    row = to_row(result)
    if not with_hash:
        row.content_hash = ""
    return _encoder.encode(row)


def encode_stored(result: ArticleResult) -> bytes:
    """The row of `result` as the cache stores it, before compression: JSON arrays of the
    `ARRAYS` layout, without its content hash (the cache's key holds it)."""
    row = to_row(result, ARRAYS)
    row.content_hash = ""
    return _encoder.encode(row)


def decode_stored(data: bytes | bytearray, content_hash: str) -> ArticleResult:
    """A row `encode_stored` made back as the result of `content_hash`; `ValueError` unless
    `encode_stored` could have made it."""
    row = _stored_decoder.decode(data)
    row.content_hash = content_hash
    return from_row(row)


_stored_decoder: msgspec.json.Decoder[Row] = msgspec.json.Decoder(ARRAYS.row)


def decode_row(data: bytes | bytearray | str, content_hash: str | None = None) -> ArticleResult:
    """A JSON row back as a result, with `content_hash` when given (a row stored without its
    hash); `ValueError` unless `encode_row` could have made it."""
    row = _decoder.decode(data)
    if content_hash is not None:
        row.content_hash = content_hash
    return from_row(row)
