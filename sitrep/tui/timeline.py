"""The timeline's content: dated events per day, marked by certainty, as Rich renderables.

Pure functions (no Textual), so what the timeline shows is tested without an app. The events
are the ones the ACLED rows and the Mermaid timeline count (`sitrep.report.events`), narrowed to
the actor filter: an event stays when its actor is the actor filtered on (or, for words that
name no known actor, an actor those words name), or when one of its sentences names it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..report.events import DatedEvent, dated_events
from .marks import CERTAINTY, certainty_style, plural, safe
from .view import View, mentions

MAX_DAYS = 400
"""Days drawn at most; a longer timeline says how many more (the filter narrows it)."""
MAX_MARKERS = 40
"""Markers drawn on one day's line at most; more are counted ("+12")."""
DATE_WIDTH = 11
"""The date column: "2031-04-01~"."""
CERTAINTY_ORDER = ("stated", "reported", "alleged", "unclear")
"""How a day's markers are ordered: surest first (a dated event is never only denied)."""
PRECISION_MARK = {"day": " ", "week": "~", "month": ""}
"""After the date: nothing for a day, "~" for on or up to a week before it; a month shows as "2031-04"."""


@dataclass(frozen=True)
class Day:
    """The events of one date (or one month, for events known only to the month)."""

    label: str
    """ "2031-04-01", "2031-04-01~" (within the week before), "2031-04" (in that month)."""
    start: date
    events: list[DatedEvent]


def timeline_events(view: View) -> list[DatedEvent]:
    """The dated events of the whole situation, oldest first, narrowed to the view's filter."""
    events = dated_events(view.full)
    if not view.filtered:
        return events
    canonical = view.actor.name if view.actor is not None else None
    names = tuple(view.actor.names()) if view.actor is not None else (view.filter_name or "",)
    return [e for e in events if _involves(e, canonical, names)]


def _involves(event: DatedEvent, canonical: str | None, names: tuple[str, ...]) -> bool:
    if canonical is not None and event.actor.name == canonical:
        return True
    if canonical is None and any(mentions(name, names) for name in event.actor.names()):
        return True
    return any(mentions(e.sentence, names) for e in event.evidence)


def _label(event: DatedEvent) -> str:
    if event.precision == "month":
        return event.when.start.strftime("%Y-%m")
    return event.day.isoformat() + PRECISION_MARK.get(event.precision, " ")


def group_days(events: Iterable[DatedEvent]) -> list[Day]:
    """`events` (oldest first) grouped by their date label, in order."""
    days: dict[str, Day] = {}
    for event in events:
        label = _label(event)
        day = days.get(label)
        if day is None:
            day = days[label] = Day(label, event.day, [])
        day.events.append(event)
    return sorted(days.values(), key=lambda d: (d.start, d.label))


def gap_text(before: date, after: date) -> str:
    """How long passed between two dates with nothing dated: "3 days", "5 months", "2 years"."""
    days = (after - before).days
    if days < 60:
        return plural(days, "day")
    if days < 730:
        return plural(round(days / 30.44), "month")
    return plural(round(days / 365.25), "year")


def markers(events: list[DatedEvent]) -> Text:
    """One certainty symbol per event, in its colour, surest first: "●●◐◌ 4 events"."""
    ordered = sorted(events, key=lambda e: CERTAINTY_ORDER.index(e.certainty)
                     if e.certainty in CERTAINTY_ORDER else len(CERTAINTY_ORDER))
    text = Text()
    for event in ordered[:MAX_MARKERS]:
        symbol = CERTAINTY.get(event.certainty, CERTAINTY["unclear"])[0]
        text.append(symbol, style=certainty_style(event.certainty))
    if len(ordered) > MAX_MARKERS:
        text.append(f"+{len(ordered) - MAX_MARKERS}", style="dim")
    text.append(f" {plural(len(events), 'event')}", style="dim")
    return text


def event_line(event: DatedEvent) -> Text:
    """ "◐ reported  protesters killed — Meridian Wire (2 sources)": certainty, actor, what, who says so."""
    symbol, word, _colour = CERTAINTY.get(event.certainty, CERTAINTY["unclear"])
    line = Text.assemble((f"{symbol} {word}".ljust(11), certainty_style(event.certainty)), " ",
                         safe(event.actor.name, style="bold"), " ", safe(event.phrase))
    sources = [s for s in event.sources if s]
    if sources:
        line.append(" — ", style="dim")
        line.append_text(safe(", ".join(sources[:3]) + (" …" if len(sources) > 3 else ""), style="italic"))
    if event.independent_sources > 1:
        line.append(f" ({event.independent_sources} independent sources)", style="dim")
    if event.denied_by:
        line.append_text(Text.assemble(("  ✕ denied by ", certainty_style("denied")),
                                       safe(", ".join(event.denied_by), style=certainty_style("denied"))))
    return line


def summary(events: list[DatedEvent], days: list[Day], view: View) -> Text:
    """The line above the days: how many events, over what span, for which filter."""
    if not events:
        what = f" involving {view.shown_name}" if view.filtered else ""
        return safe(f"No dated events{what}: an event needs a date in its sentence or its article's day.")
    span = days[0].label.strip("~ ") if len(days) == 1 else (
        f"{days[0].label.strip('~ ')} to {days[-1].label.strip('~ ')}")
    text = Text(f"{plural(len(events), 'dated event')} on {plural(len(days), 'date')} · {span}")
    if view.filtered:
        text.append_text(Text.assemble(" · involving ", safe(view.shown_name, style="bold")))
    return text


def legend(events: list[DatedEvent]) -> Text:
    """What the symbols and the date marks mean, with a count per certainty."""
    counts = Counter(e.certainty for e in events)
    text = Text()
    for certainty in CERTAINTY_ORDER:
        symbol, word, _colour = CERTAINTY[certainty]
        text.append(f"{symbol} {word} {counts.get(certainty, 0)}", style=certainty_style(certainty))
        text.append("  ")
    text.rstrip()
    text.append("\n~ on that day or up to a week before it · YYYY-MM: some day that month", style="dim")
    return text


def timeline(view: View, events: list[DatedEvent]) -> RenderableType:
    """The whole timeline: a summary, a legend, then per date its markers and its events,
    with the time that passed between dates far apart."""
    days = group_days(events)
    parts: list[RenderableType] = [summary(events, days, view)]
    if not events:
        return Group(*parts)
    parts.append(legend(events))
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=DATE_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    previous: Day | None = None
    for day in days[:MAX_DAYS]:
        if previous is not None and (day.start - previous.start).days > 1:
            gap = gap_text(previous.start, day.start)
            grid.add_row(Text("┆", style="dim"), Text(f"{gap} later", style="dim"))
        grid.add_row(Text(day.label, style="bold"), markers(day.events))
        for event in day.events:
            grid.add_row("", event_line(event))
        previous = day
    parts += [Text(""), grid]
    if len(days) > MAX_DAYS:
        more = len(days) - MAX_DAYS
        parts.append(Text(f"… and {plural(more, 'more date')} ({sum(len(d.events) for d in days[MAX_DAYS:])} "
                          "events): filter on an actor with / to see them", style="dim"))
    return Group(*parts)
