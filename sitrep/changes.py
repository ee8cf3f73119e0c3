"""What changed between two loads of a situation, and the "last seen" state between sessions.

`diff(before, after)` compares a `Snapshot` (the small part of a `Situation` worth comparing)
with a new `Situation`: new actors, actors whose status line changed, new status lines, new
disputes and new context items. `LastSeenStore` keeps one snapshot per folder in a small JSON
file beside the cache, so a user who reopens sitrep sees what arrived since they closed it.

Nothing here imports Textual.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import ContextItem, Dispute, Situation, StatusLine
from .text import spacing_key

log = logging.getLogger(__name__)

STATE_VERSION = 1


def dispute_key(dispute: Dispute) -> str:
    """A stable identity for a dispute across loads."""
    return spacing_key(f"{dispute.kind}: {dispute.subject}")


def context_key(item: ContextItem) -> str:
    """A stable identity for a context item across loads."""
    return spacing_key(f"{item.kind}: {item.text}")


def status_key(line: StatusLine) -> str:
    """A stable identity for a status line across loads."""
    return spacing_key(line.text)


@dataclass
class Snapshot:
    """What a user has seen of a situation: actors with their status, and item keys."""

    actors: dict[str, str] = field(default_factory=dict)
    """Canonical name -> status line."""
    aliases: dict[str, list[str]] = field(default_factory=dict)
    """Canonical name -> other names, so a renamed actor is not taken for a new one."""
    status: list[str] = field(default_factory=list)
    disputes: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    saved_at: float = 0.0

    @classmethod
    def of(cls, situation: Situation, now: float | None = None) -> Snapshot:
        """The snapshot of a situation."""
        return cls(
            actors={a.name: a.status for a in situation.actors},
            aliases={a.name: list(a.aliases) for a in situation.actors if a.aliases},
            status=[status_key(s) for s in situation.status],
            disputes=[dispute_key(d) for d in situation.disputes],
            context=[context_key(c) for c in situation.context],
            saved_at=time.time() if now is None else now,
        )

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {
            "actors": dict(self.actors),
            "aliases": {k: list(v) for k, v in self.aliases.items()},
            "status": list(self.status),
            "disputes": list(self.disputes),
            "context": list(self.context),
            "saved_at": self.saved_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Snapshot:
        """Rebuild from `to_dict` output; raises `ValueError` on a malformed record (every value
        must have the type `to_dict` writes: the file may have been edited by hand)."""
        if not isinstance(data, dict):
            raise ValueError("snapshot is not an object")
        actors = data.get("actors", {})
        aliases = data.get("aliases", {})
        if not isinstance(actors, dict) or not all(isinstance(v, str) for v in actors.values()):
            raise ValueError("snapshot actors malformed")
        if not isinstance(aliases, dict) or not all(_is_texts(v) for v in aliases.values()):
            raise ValueError("snapshot aliases malformed")
        lists = {}
        for key in ("status", "disputes", "context"):
            value = data.get(key, [])
            if not _is_texts(value):
                raise ValueError(f"snapshot {key} malformed")
            lists[key] = list(value)
        saved_at = data.get("saved_at", 0.0)
        if isinstance(saved_at, bool) or not isinstance(saved_at, (int, float)):
            raise ValueError("snapshot saved_at malformed")
        return cls(
            actors=dict(actors),
            aliases={k: list(v) for k, v in aliases.items()},
            saved_at=float(saved_at),
            **lists,
        )


def _is_texts(value: Any) -> bool:
    """Whether `value` is a list of strings."""
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


@dataclass(frozen=True)
class Changes:
    """What is new in a situation compared with an earlier snapshot (empty when nothing is)."""

    new_actors: frozenset[str] = frozenset()
    changed_status: dict[str, str] = field(default_factory=dict)
    """Canonical name -> the status it had before."""
    new_status: frozenset[str] = frozenset()
    """`status_key`s of new summary lines."""
    new_disputes: frozenset[str] = frozenset()
    """`dispute_key`s."""
    new_context: frozenset[str] = frozenset()
    """`context_key`s."""
    gone_actors: frozenset[str] = frozenset()
    since: float = 0.0
    """When the earlier snapshot was taken (0 when unknown)."""

    def __bool__(self) -> bool:
        return bool(
            self.new_actors
            or self.changed_status
            or self.new_status
            or self.new_disputes
            or self.new_context
            or self.gone_actors
        )

    def is_new_actor(self, name: str) -> bool:
        """Whether the actor was not in the earlier snapshot."""
        return name in self.new_actors

    def summary(self) -> str:
        """One line: "2 new actors, 1 status changed, 1 new dispute" (or "nothing new")."""
        parts = [
            _count(len(self.new_actors), "new actor"),
            _count(len(self.changed_status), "status changed", "statuses changed"),
            _count(len(self.new_disputes), "new dispute"),
            _count(len(self.new_context), "new context item"),
            _count(len(self.gone_actors), "actor gone", "actors gone"),
        ]
        text = ", ".join(p for p in parts if p)
        return text or "nothing new"


def _count(n: int, singular: str, plural: str | None = None) -> str:
    """ "3 new actors", or "" for zero."""
    if n == 0:
        return ""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def diff(before: Snapshot | Situation | None, after: Situation) -> Changes:
    """What `after` adds to `before`; with no `before` (a first run) nothing is marked new."""
    if before is None:
        return Changes()
    old = before if isinstance(before, Snapshot) else Snapshot.of(before, now=0.0)
    known: dict[str, str] = {}
    for name, aliases in old.aliases.items():
        for alias in aliases:
            known.setdefault(spacing_key(alias), name)
    for name in old.actors:
        known[spacing_key(name)] = name
    new_actors: set[str] = set()
    changed: dict[str, str] = {}
    seen_old: set[str] = set()
    for actor in after.actors:
        match = next((known[spacing_key(n)] for n in actor.names() if spacing_key(n) in known), None)
        if match is None:
            new_actors.add(actor.name)
            continue
        seen_old.add(match)
        if spacing_key(old.actors.get(match, "")) != spacing_key(actor.status):
            changed[actor.name] = old.actors.get(match, "")
    old_status, old_disputes, old_context = set(old.status), set(old.disputes), set(old.context)
    return Changes(
        new_actors=frozenset(new_actors),
        changed_status=changed,
        new_status=frozenset(k for s in after.status if (k := status_key(s)) not in old_status),
        new_disputes=frozenset(k for d in after.disputes if (k := dispute_key(d)) not in old_disputes),
        new_context=frozenset(k for c in after.context if (k := context_key(c)) not in old_context),
        gone_actors=frozenset(set(old.actors) - seen_old),
        since=old.saved_at,
    )


class LastSeenStore:
    """Snapshots per folder in one JSON file: `{"version": 1, "folders": {abs path: snapshot}}`.

    A missing, corrupt or unwritable file is never fatal: it reads as "nothing seen yet" and a
    failed write is logged. A file that is not one of these (another program's, text, JSON
    nested too deep) is never written over: the path is the cache's sibling, and `cache.path`
    may name any folder.
    """

    def __init__(self, path: Path, max_folders: int = 50) -> None:
        self.path = path
        self.max_folders = max_folders

    @staticmethod
    def key(folder: Path) -> str:
        """The folder's key in the file: its absolute, resolved path."""
        return str(Path(folder).expanduser().resolve())

    def _read(self) -> dict[str, Any] | None:
        """The folders table: empty when the file is missing or of another state version, None
        when the file is not a last-seen file at all (unreadable, not JSON, nested too deep, or
        not shaped like one)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError) as exc:
            log.warning("ignoring unreadable last-seen state %s: %s", self.path, exc)
            return None
        if not isinstance(data, dict) or "version" not in data or not isinstance(data.get("folders"), dict):
            log.warning("ignoring %s: not a sitrep last-seen file", self.path)
            return None
        return data["folders"] if data["version"] == STATE_VERSION else {}

    def load(self, folder: Path) -> Snapshot | None:
        """What was seen of `folder` last time, or None."""
        record = (self._read() or {}).get(self.key(folder))
        if record is None:
            return None
        try:
            return Snapshot.from_dict(record)
        except (ValueError, TypeError) as exc:
            log.warning("ignoring malformed last-seen record for %s: %s", folder, exc)
            return None

    def save(self, folder: Path, snapshot: Snapshot) -> bool:
        """Record what was seen of `folder` (atomically); False if it could not be written, or
        if the file there is not a last-seen file (which is left as it is)."""
        folders = self._read()
        if folders is None:
            log.warning("not saving what was seen: %s is not a sitrep last-seen file", self.path)
            return False
        folders.pop(self.key(folder), None)
        folders[self.key(folder)] = snapshot.to_dict()
        if len(folders) > self.max_folders:  # keep the most recently saved folders
            ordered = sorted(folders.items(), key=lambda kv: _saved_at(kv[1]))
            folders = dict(ordered[-self.max_folders :])
        payload = json.dumps({"version": STATE_VERSION, "folders": folders}, ensure_ascii=False)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".last_seen.", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(payload)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.warning("could not save last-seen state %s: %s", self.path, exc)
            return False
        return True


def _saved_at(record: Any) -> float:
    """A record's save time, 0 when unknown."""
    try:
        return float(record.get("saved_at", 0.0))
    except (AttributeError, TypeError, ValueError):
        return 0.0
