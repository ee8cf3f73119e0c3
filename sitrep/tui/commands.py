"""Command palette: sitrep's actions, and "Filter on actor" for every actor in the report.

Actor names come from articles, so hits are displayed as plain `Content` highlighted by offset
(Textual's `Matcher.highlight` would read a name as markup).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from ..model import Situation
from ..query import ActorIndex
from ..text import clean

if TYPE_CHECKING:
    from .app import SitrepApp


def sitrep_commands(app: SitrepApp) -> Iterable[SystemCommand]:
    """The app's own actions, for `App.get_system_commands`."""
    yield SystemCommand("Reload", "Analyse the folder again now (r)", app.action_reload)
    yield SystemCommand("Filter by actor", "Type a name or alias to narrow every pane (/)", app.action_filter)
    yield SystemCommand("Clear filter", "Show the whole situation again (esc)", app.action_clear_filter)
    yield SystemCommand("Sort actors", "Sort the actors on the next column (s)", app.action_sort_actors)
    yield SystemCommand("Copy row", "Copy the selected row's sentences and files (c)", app.action_copy)
    yield SystemCommand("Open article", "Open the selected row's article in $PAGER (o)",
                        app.action_open_article)
    yield SystemCommand("Timeline", "Dated events per day, marked by certainty, for the filter (t)",
                        app.action_timeline)
    yield SystemCommand("Export", "Write what the panes show as md, json, csv, acled or geojson (x)",
                        app.action_export)
    yield SystemCommand("Help", "Keys and the meaning of the marks (?)", app.action_help)
    for number, (pane, label) in enumerate(app.PANES, start=1):
        yield SystemCommand(f"Go to {label}", f"Focus the {label} pane ({number})",
                            partial(app.action_focus_pane, pane), discover=False)


def plain_letters(text: str) -> str:
    """`text` with each letter's accent dropped, same length ("Goïta" -> "Goita"), for matching."""
    return "".join(unicodedata.normalize("NFKD", c)[:1] or c for c in text)


def _highlight(matcher: Matcher, candidate: str, prefix: str) -> Content:
    """`prefix` + `candidate` as plain content with the matched letters of `candidate` styled."""
    content = Content(prefix + candidate)
    _score, offsets = matcher.fuzzy_search.match(plain_letters(matcher.query), plain_letters(candidate))
    for offset in offsets:
        if not candidate[offset].isspace():
            start = len(prefix) + offset
            content = content.stylize(matcher.match_style, start, start + 1)
    return content


class ActorCommands(Provider):
    """One "Filter on actor" command per actor in the current report that matches what is typed."""

    _index: tuple[Situation, ActorIndex] | None = None
    """The name index of the situation last searched (built once per report, not per keystroke)."""

    def _command(self, name: str):  # type: ignore[no-untyped-def]
        """The callback that filters on `name`."""
        app: SitrepApp = self.app  # type: ignore[assignment]
        return partial(app.set_filter, name)

    async def discover(self) -> Hits:
        """The main actors when nothing is typed yet."""
        situation = getattr(self.app, "situation", None)
        if situation is None:
            return
        for actor in [a for a in situation.actors if not a.minor][:10]:
            yield DiscoveryHit(Content("Filter on actor: " + clean(actor.name)), self._command(actor.name),
                               help=clean(actor.kind))

    async def search(self, query: str) -> Hits:
        """The actors `sitrep.query` matches to what is typed (the matcher of the `/` filter and of
        `--actor`), best first; Textual's fuzzy score orders them among the other commands."""
        situation = getattr(self.app, "situation", None)
        if situation is None or not query.strip():
            return
        if self._index is None or self._index[0] is not situation:
            self._index = (situation, ActorIndex(situation))
        found = self._index[1].suggest(query.removeprefix("actor ").strip(), limit=20)
        matcher = self.matcher(plain_letters(query))
        for rank, (actor, matched) in enumerate(found):
            label = clean(actor.name)
            about = clean(f"{actor.kind}" + (f" · {actor.status}" if actor.status else ""))
            help_text = about if matched == actor.name else f"as {clean(matched)} · {about}"
            # Below any subsequence match, in the matcher's order, for a typo only it finds.
            score = matcher.match(plain_letters(label)) or 0.5 * (1 - rank / len(found))
            yield Hit(score, _highlight(matcher, label, "Filter on actor: "), self._command(actor.name),
                      text=f"Filter on actor: {label}", help=help_text)
