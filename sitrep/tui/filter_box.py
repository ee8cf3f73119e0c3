"""The filter box: type an actor's name or alias, pick from fuzzy matches, Enter filters on it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ..model import Situation
from .marks import safe
from .messages import FilterRequested
from .view import ActorIndex


class FilterBox(Vertical):
    """An input with a list of matching actors; hidden until `open` is called."""

    BINDINGS = [
        Binding("escape", "cancel", "Clear filter", show=True),
        Binding("down", "move(1)", "Next match", show=False),
        Binding("up", "move(-1)", "Previous match", show=False),
        Binding("tab", "complete", "Complete", show=False, priority=True),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.situation: Situation | None = None
        self._index: ActorIndex | None = None
        self.border_title = "Filter by actor"
        self.border_subtitle = "enter applies · tab completes · esc clears"

    def compose(self) -> ComposeResult:
        """The input and the matches."""
        yield Input(placeholder="Actor name or alias…", id="filter-input", select_on_focus=True)
        yield OptionList(id="filter-matches", markup=False)

    @property
    def input(self) -> Input:
        """The text input."""
        return self.query_one("#filter-input", Input)

    @property
    def matches(self) -> OptionList:
        """The list of matching actors."""
        return self.query_one("#filter-matches", OptionList)

    def open(self, situation: Situation | None, current: str | None = None) -> None:
        """Show the box over `situation`'s actors, starting from the current filter."""
        self.situation = situation
        self._index = ActorIndex(situation) if situation else None
        names = [name for name, _folded, _words, _actor in self._index.entries] if self._index else []
        self.input.suggester = SuggestFromList(names, case_sensitive=False)
        self.display = True
        self.input.value = current or ""
        self._suggest(self.input.value)
        self.input.focus()

    def close(self) -> None:
        """Hide the box (focus goes back to the panes)."""
        self.display = False

    def _suggest(self, query: str) -> None:
        """Refill the matches for `query`."""
        matches = self.matches
        if self._index is None:
            matches.set_options([Option(Text("Report not loaded yet", style="italic dim"), disabled=True)])
            return
        found = self._index.suggest(query)
        options: list[Option] = []
        for actor, matched in found:
            prompt = Text.assemble(safe(actor.name, style="bold"), ("  " + actor.kind, "dim"))
            if matched != actor.name:
                prompt.append_text(Text.assemble(("  as ", "dim"), safe(matched, style="italic")))
            options.append(Option(prompt, id=actor.name))
        if not found:
            options.append(Option(Text("No actor matches; Enter filters on the words", style="italic dim"),
                                  disabled=True))
        matches.set_options(options)  # one refresh, not one per option
        if found:
            matches.highlighted = 0

    @on(Input.Changed, "#filter-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._suggest(event.value)

    @on(Input.Submitted, "#filter-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply()

    @on(OptionList.OptionSelected, "#filter-matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.close()
            self.post_message(FilterRequested(event.option.id))

    def apply(self) -> None:
        """Filter on the highlighted match, or on the typed words when nothing matches."""
        option = self.matches.highlighted_option
        query = self.input.value.strip()
        self.close()
        if option is not None and option.id is not None and not option.disabled:
            self.post_message(FilterRequested(option.id))
        elif query:
            self.post_message(FilterRequested(query))
        else:
            self.post_message(FilterRequested(None))

    def action_cancel(self) -> None:
        """Close and clear the filter."""
        self.close()
        self.post_message(FilterRequested(None))

    def action_move(self, step: int) -> None:
        """Move through the matches while typing."""
        matches = self.matches
        if step > 0:
            matches.action_cursor_down()
        else:
            matches.action_cursor_up()

    def action_complete(self) -> None:
        """Put the highlighted match's name in the input."""
        option = self.matches.highlighted_option
        if option is not None and option.id is not None:
            self.input.value = option.id
            self.input.cursor_position = len(option.id)
