"""The plain data sitrep passes around: articles in, one `Situation` out.

Everything here is a dataclass with `to_dict`/`from_dict`, so per-article results can be cached
as JSON and the report writers and the TUI read the same objects. Nothing here imports spaCy
or Textual, nor any other sitrep module: this is the ground floor.

- `kinds`: the closed vocabularies (actor kinds, certainties, polarities, stances);
- `codec`: checked decoding of JSON records (a cache row may have been tampered with);
- `article`: one article as read and what the extractors found in it (`ArticleResult`);
- `situation`: the merged report (`Situation`, its actors, status lines and sources).

Import from here (`from sitrep.model import Situation`); the modules are how it is laid out.
"""

from .article import (
    MEMBERS,
    ActorMention,
    Article,
    ArticleResult,
    BadFile,
    Claim,
    ContextItem,
    Dispute,
    Evidence,
    Lead,
    Provenance,
    StatusEvent,
)
from .kinds import ActorKind, Certainty, Polarity, Stance
from .situation import Actor, ArticleInfo, Situation, StateEntry, StatusLine, sourcing_phrase

__all__ = [
    "MEMBERS",
    "Actor",
    "ActorKind",
    "ActorMention",
    "Article",
    "ArticleInfo",
    "ArticleResult",
    "BadFile",
    "Certainty",
    "Claim",
    "ContextItem",
    "Dispute",
    "Evidence",
    "Lead",
    "Polarity",
    "Provenance",
    "Situation",
    "Stance",
    "StateEntry",
    "StatusEvent",
    "StatusLine",
    "sourcing_phrase",
]
