"""Shared rendering: certainty and stance badges, change marks, and untrusted text made safe.

Certainty is always a symbol and a word plus a colour, never colour alone. Article text,
names, titles and file names only ever become `rich.text.Text` built from plain strings (never
markup), cleaned by `text.clean`, so `[red]` shows literally and no escape sequence, control,
bidi override or zero-width character reaches the terminal.
"""

from __future__ import annotations

from rich.text import Text

from ..model import Actor, Situation
from ..reader import ARTICLE_SUFFIXES
from ..text import for_cells

CERTAINTY: dict[str, tuple[str, str, str]] = {
    "stated": ("●", "stated", "stated"),
    "reported": ("◐", "reported", "reported"),
    "alleged": ("◌", "alleged", "alleged"),
    "unclear": ("?", "unclear", "unclear"),
    "denied": ("✕", "denied", "denied"),
    "contested": ("⇄", "contested", "contested"),
}
"""certainty -> (symbol, word, tone: a key of the palette, see `tone`)."""

STANCE: dict[str, tuple[str, str]] = {
    "asserts": ("says", "stated"),
    "denies": ("denies", "denied"),
    "hedges": ("hedges", "reported"),
    "unconfirmed": ("unconfirmed", "reported"),
    "silent": ("silent", "unclear"),
    "figure": ("figure", "neutral"),
}
"""claim stance -> (word, tone)."""

DEFAULT_PALETTE: dict[str, str] = {
    "stated": "green",
    "reported": "yellow",
    "alleged": "dark_orange",
    "unclear": "magenta",
    "denied": "red",
    "contested": "red",
    "neutral": "cyan",
}
"""tone -> colour before a theme gives its own (the app sets them from the theme: `themes.py`)."""

_palette: dict[str, str] = dict(DEFAULT_PALETTE)


def use_palette(colours: dict[str, str]) -> None:
    """Colour every tone from now on as `colours` says (the app calls it when the theme changes).

    One palette for the process: the panes, the evidence view and the screens all render with
    these helpers, and there is one app.
    """
    _palette.update(colours)


def palette_key() -> tuple[tuple[str, str], ...]:
    """The current palette, hashable: what a row drawn in it depends on besides its content."""
    return tuple(sorted(_palette.items()))


def tone(key: str) -> str:
    """The colour of a tone ("stated", "denied", "neutral", ...) in the current theme."""
    return _palette.get(key, _palette["neutral"])

BADGE_WIDTH = 11

def safe(text: str, style: str = "") -> Text:
    """Untrusted text as a `Text` that renders literally (markup and escapes included)."""
    return Text(for_cells(text), style=style)


def count_sources(situation: Situation) -> str:
    """ "3 articles · 2 outlets", honest about outlets sitrep could not name.

    "1 article · outlet unknown", "4 articles · 2 outlets + 1 unknown".
    """
    articles = plural(len(situation.articles), "article")
    if not situation.articles:
        return articles
    named = len(situation.outlets)
    unknown = sum(1 for a in situation.articles if not a.outlet)
    if not named:
        return f"{articles} · {'outlet' if len(situation.articles) == 1 else 'outlets'} unknown"
    outlets = plural(named, "outlet")
    return f"{articles} · {outlets} + {unknown} unknown" if unknown else f"{articles} · {outlets}"


ARTICLE_PATTERNS = " or ".join(f"*{suffix}" for suffix in ARTICLE_SUFFIXES)
"""The files sitrep reads as articles, as a user would type them ("*.txt or *.md")."""


def clean_lines(text: str) -> str:
    """`text` cleaned line by line (`text.clean` would join its lines into one)."""
    return "\n".join(for_cells(line) for line in text.splitlines())


def safe_lines(text: str, style: str = "") -> Text:
    """Untrusted text of several lines as a `Text` that renders literally, line breaks kept."""
    return Text(clean_lines(text), style=style)


def empty_folder_text(situation: Situation) -> str | None:
    """What a pane with nothing to show says when the folder is the reason (None: it is not).

    An empty folder says what to drop into it; a folder of unreadable files says where the reasons are.
    """
    if situation.articles:
        return None
    if situation.bad_files:
        return f"No file could be read ({len(situation.bad_files)} tried): Sources says why."
    return f"Empty folder: drop {ARTICLE_PATTERNS} files into it."


def plural(n: int, word: str) -> str:
    """ "1 article", "3 articles"."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def certainty_style(certainty: str) -> str:
    """The Rich style of a certainty's symbol and word ("bold yellow")."""
    _symbol, _word, key = CERTAINTY.get(certainty, ("?", certainty, "unclear"))
    return f"bold {tone(key)}"


def certainty_badge(certainty: str, width: int = BADGE_WIDTH) -> Text:
    """ "◐ reported" in its colour, padded to `width`."""
    symbol, word, _tone = CERTAINTY.get(certainty, ("?", certainty, "unclear"))
    return Text(f"{symbol} {word}".ljust(width), style=certainty_style(certainty))


def actor_certainty(actor: Actor) -> str | None:
    """How sure the sources are of an actor's status: None when there is nothing to qualify.

    Both affirmed and denied events make it "contested"; otherwise the weakest certainty wins.
    """
    if not actor.events:
        return None
    polarities = {e.polarity for e in actor.events}
    if polarities == {"affirmed", "denied"}:
        return "contested"
    if polarities == {"denied"}:
        return "denied"
    order = ["alleged", "reported", "unclear", "stated"]
    present = {e.certainty for e in actor.events}
    return next((c for c in order if c in present), "stated")


MIX_ORDER = ("stated", "reported", "alleged", "unclear", "denied")
"""The certainties of a mix bar, surest first."""


def certainty_mix(actor: Actor) -> dict[str, int]:
    """How many of an actor's claims each certainty has (a denial counts as "denied"), surest first."""
    counts = dict.fromkeys(MIX_ORDER, 0)
    for event in actor.events:
        key = "denied" if event.polarity == "denied" else event.certainty
        counts[key] = counts.get(key, 0) + 1
    return {key: n for key, n in counts.items() if n}


def mix_cells(counts: dict[str, int], width: int) -> dict[str, int]:
    """Cells of a bar of at most `width` cells per certainty: one per claim while they fit, else in
    proportion to `counts` (largest remainder), every certainty present keeping a cell while
    there are cells to give."""
    total = sum(counts.values())
    if not total or width <= 0:
        return {}
    width = min(width, total)
    shares = {key: n * width / total for key, n in counts.items()}
    cells = {key: max(1, int(share)) for key, share in shares.items()}
    while sum(cells.values()) > width:  # the minimums overshot: take from the largest first
        wide = [k for k in cells if cells[k] > 1]
        if wide:
            cells[max(wide, key=lambda k: cells[k] - shares[k])] -= 1
        else:  # more certainties than cells: the rarest goes
            del cells[min(cells, key=lambda k: counts[k])]
    while sum(cells.values()) < width:
        cells[max(cells, key=lambda k: shares[k] - cells[k])] += 1
    return cells


def mix_bar(actor: Actor, width: int) -> Text:
    """A bar of the certainty of an actor's claims, at most `width` cells: one symbol per cell in
    its colour ("●●●◐◐✕"), so it reads without colour too; empty when it has no claims."""
    cells = mix_cells(certainty_mix(actor), width)
    text = Text()
    for key, n in cells.items():
        text.append(CERTAINTY[key][0] * n, style=certainty_style(key))
    return text


def mix_summary(actor: Actor) -> Text:
    """ "● 3 stated · ◐ 2 reported · ✕ 1 denied": the counts behind the bar."""
    parts = [Text(f"{CERTAINTY[key][0]} {n} {CERTAINTY[key][1]}", style=certainty_style(key))
             for key, n in certainty_mix(actor).items()]
    return Text(" · ", style="dim").join(parts)


def stance_badge(stance: str) -> Text:
    """ "denies" in its colour."""
    word, key = STANCE.get(stance, (stance, "neutral"))
    return Text(word, style=f"bold {tone(key)}")


def new_mark() -> Text:
    """The mark for an item that is new since the previous load."""
    return Text("★ new", style=f"bold {tone('stated')}")


def changed_mark() -> Text:
    """The mark for an actor whose status changed since the previous load."""
    return Text("▲ changed", style=f"bold {tone('neutral')}")


def no_mark() -> Text:
    """An empty mark cell."""
    return Text("")
