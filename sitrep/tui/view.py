"""What the panes show: a `Situation` narrowed to one actor.

Pure functions over the model (no Textual), so filtering is tested without an app. Which actor
a typed name means is asked of `sitrep.query`, the one matcher the CLI uses too (its names are
re-exported here for the panes). An item "involves" an actor when it lists the actor by name,
or when its text or evidence names the actor or one of its aliases as a whole word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..changes import Changes
from ..model import Actor, Situation
from ..query import (
    ActorIndex,
    actor_by_name,
    filter_situation,
    find_actor,
    linked_actors,
    mentions,
    names_pattern,
    suggest_actors,
)
from ..text import fold

__all__ = ["ActorIndex", "View", "actor_by_name", "filter_situation", "find_actor", "linked_actors",
           "make_view", "mentions", "names_pattern", "suggest_actors"]


@dataclass(eq=False)
class View:
    """Everything a pane needs to draw itself (compared by identity, so every new view redraws)."""

    situation: Situation
    """What to show: the whole situation, or the part involving the filtered actor."""
    full: Situation
    """The whole situation (to look up actors the filtered one is linked with)."""
    changes: Changes = field(default_factory=Changes)
    actor: Actor | None = None
    """The actor filtered on, when the filter names a known actor."""
    filter_name: str | None = None
    """The filter as typed or chosen, when one is active."""
    _by_name: dict[str, Actor] | None = field(default=None, init=False, repr=False)

    def names_of(self, canonical: list[str]) -> tuple[str, ...]:
        """Every name and alias of the listed actors of the whole situation (for highlighting
        evidence); a name no actor has stays as it is.

        Looked up in an index built once per view: the panes ask for every row, and scanning
        every actor's folded names each time grew with actors × rows.
        """
        if self._by_name is None:
            self._by_name = {}
            for actor in self.full.actors:
                for name in actor.names():
                    self._by_name.setdefault(fold(name), actor)
        found: list[str] = []
        for name in canonical:
            match = self._by_name.get(fold(name.strip()))
            found.extend(match.names() if match else [name])
        return tuple(found)

    @property
    def filtered(self) -> bool:
        """Whether a filter is active."""
        return self.filter_name is not None

    @property
    def shown_name(self) -> str:
        """How to name the filter to the user: the actor's name, else the words typed."""
        return self.actor.name if self.actor is not None else self.filter_name or ""


def make_view(situation: Situation, changes: Changes, filter_name: str | None) -> View:
    """The view the panes draw: whole, or narrowed to `filter_name`."""
    if not filter_name:
        return View(situation, situation, changes)
    narrowed, actor = filter_situation(situation, filter_name)
    return View(narrowed, situation, changes, actor, filter_name)
