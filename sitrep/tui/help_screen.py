"""The help screen (`?`): keys, what the marks mean, and where the data comes from."""

from __future__ import annotations

from functools import lru_cache

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from .flat_static import FlatStatic, flatten
from .marks import CERTAINTY, certainty_style, changed_mark, new_mark, palette_key, tone

KEYS: list[tuple[str, str]] = [
    ("/", "filter by actor (fuzzy, names and aliases); enter applies"),
    ("esc", "clear the filter"),
    ("enter", "on an actor: filter on it · elsewhere: show its evidence"),
    ("1 2 3 4 5", ("jump to Status, Actors, Disputed facts, Context, Sources (under 90 columns or 28 rows "
                   "one pane shows at a time: these keys, tab and the switcher line change it)")),
    ("e", "jump to the evidence view"),
    ("tab / shift+tab", "next / previous pane"),
    ("↑ ↓ home end", "move in a pane; the evidence view follows the cursor"),
    ("j k g G", "down, up, first row, last row (a long pane builds its rows as you go)"),
    ("c", "copy the row's sentences, each with its file, to the clipboard"),
    ("o", "open the row's article in $PAGER (less if unset); quit the pager to come back"),
    ("t", "timeline: dated events per day, marked by certainty, for the current filter (esc closes)"),
    ("x", "export what the panes show (filter included) as md, json, csv, acled or geojson to a path"),
    ("s / S", "actors: sort on the next column / reverse (or click a header)"),
    ("z", "maximise the focused pane (z or esc again to restore)"),
    ("r", "reload the folder now"),
    ("ctrl+p", "command palette: actions, jump to an actor, Theme (the theme picked is remembered)"),
    ("?", "this help"),
    ("q", "quit"),
]


def help_text() -> Table:
    """The help as a Rich table (no markup from outside the program)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style=f"bold {tone('neutral')}", no_wrap=True)
    table.add_column()
    table.add_row(Text("Keys", style="bold underline"), "")
    for key, what in KEYS:
        table.add_row(key, what)
    table.add_row("", "")
    table.add_row(Text("Certainty", style="bold underline"), "")
    meanings = {
        "stated": "said in the article's own voice or on the record",
        "reported": "attributed to reports or unnamed sources",
        "alleged": "an accusation or allegation",
        "unclear": "hedged: may, possibly, unconfirmed",
        "denied": "denied by someone",
        "contested": "both affirmed and denied by sources",
    }
    for name, (symbol, word, _tone) in CERTAINTY.items():
        table.add_row(Text(f"{symbol} {word}", style=certainty_style(name)), meanings.get(name, ""))
    table.add_row("", "")
    table.add_row(Text("Marks", style="bold underline"), "")
    table.add_row(new_mark(), "new since the previous load (or since you last closed sitrep)")
    table.add_row(changed_mark(), "status changed since then; the evidence view says what it was")
    table.add_row(Text("●●◐✕", style="bold"),
                  "actors, Claims (or Mix): the certainty of each claim of the actor, a symbol per claim "
                  "(in proportion past 8); the evidence view counts them")
    table.add_row("", "On a narrow screen only the symbol shows; the Actors border counts them.")
    table.add_row("", "")
    table.add_row(Text("Dates", style="bold underline"), "")
    table.add_row("as of …", "status: the date the line holds at (the event's, else its article's)")
    table.add_row("time", "sources: publication date, newest first; the evidence view says \"published: …\"")
    table.add_row(Text("file time …", style="italic"),
                  "an article that gives no date, placed by when its file last changed")
    table.add_row("claims over time", "actors (evidence view): each claim oldest first; \"superseded by\" "
                                      "when a later value overturned it, \"history\" for background")
    table.add_row("", "")
    table.add_row(Text("Header", style="bold underline"), "")
    table.add_row("▁▃█", "articles per day by publication date (hover for the span); articles with no day "
                         "of their own (file time) are left out")
    table.add_row("N articles", "articles read; outlets named by the files, \"unknown\" when none is")
    table.add_row("updated …", "when the newest article file last changed")
    table.add_row("unreadable", "files that could not be read; Sources lists each with the reason")
    table.add_row("", "")
    table.add_row(Text("Live", style="bold underline"), "")
    table.add_row("", "The folder is watched: add, edit, rename or delete an article and every pane "
                      "updates. Only changed articles are analysed again.")
    return table


BOX_WIDTH = 90
"""The help box's width in cells (`#help-box` in the stylesheet)..."""
BOX_MAX_SHARE = 0.95
"""... at most this share of the screen's..."""
BOX_FRAME = 7
"""... of which its border, padding and scrollbar gutter take this many."""


def help_width(screen_width: int) -> int:
    """The width the help text gets on a screen `screen_width` cells wide: the box's CSS width,
    capped by the screen, less its border, padding and scrollbar gutter."""
    return min(BOX_WIDTH, int(screen_width * BOX_MAX_SHARE)) - BOX_FRAME


def flat_help(width: int) -> Text:
    """The help laid out at `width` in the current theme's colours.

    Laying the table out is the largest part of opening the help the first time (36-66 ms of
    136-246 ms over 2,000 articles), so the last few layouts are kept, and the app makes the
    one it will need while the user is idle (`SitrepApp`'s `_lay_out_help`).
    """
    return _flat_help(width, palette_key()).copy()


@lru_cache(maxsize=4)
def _flat_help(width: int, _palette: tuple[tuple[str, str], ...]) -> Text:
    return flatten(help_text(), width)


class HelpScreen(ModalScreen[None]):
    """A modal with the keys and the meaning of every mark; any of esc, ? or q closes it."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._drawn_for: str | None = None
        """The theme the help text was last drawn in."""

    def compose(self) -> ComposeResult:
        """The help text in a scrollable box, laid out at the width the box will give it."""
        with VerticalScroll(id="help-box") as box:
            box.border_title = "sitrep help"
            box.border_subtitle = "esc closes"
            yield FlatStatic(flat_help, help_width(self.app.size.width), id="help-text")

    def on_screen_resume(self) -> None:
        """Drawn again when shown in another theme than last time: the certainty colours follow it
        (drawing and measuring it every time took a quarter of the 200 ms a keypress may take)."""
        if self._drawn_for is not None and self._drawn_for != self.app.theme:
            self.query_one("#help-text", FlatStatic).redraw()
        self._drawn_for = self.app.theme

