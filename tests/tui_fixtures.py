"""Hand-built situations and helpers for the TUI tests.

`mali_situation()` is what the engine should make of `seeds/mali_2025_coup_plot_soldiers_arrested.txt`
(sentences quoted verbatim); `mali_update()` is the same story after a second article arrives,
with a new actor, a changed status and a new dispute; `large_situation()` has 2,000 of each row.
`FakeEngine` plays a list of situations back through the engine's progress protocol, and
`wait_for` polls a condition instead of sleeping.

For tests with the real engine: `shared_engine` (one `Engine` per module, temporary cache),
`copy_seeds` / `write_article` to build a folder, `BBC_TEXT` and `MARKUP_TEXT` as articles to
drop in, `frozen_timezone` for stable file times, `settled` to wait for a finished report on
screen, `shown` to wait until every pane shows a view (after a filter or a reload), and
`screen_text` for exactly the characters the terminal would get.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from sitrep.model import (
    Actor,
    ArticleInfo,
    BadFile,
    Claim,
    ContextItem,
    Dispute,
    Evidence,
    Situation,
    StatusEvent,
    StatusLine,
)
from sitrep.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MALI = "mali_2025_coup_plot_soldiers_arrested.txt"
FIXED_MTIME = 1_754_913_600.0  # 2025-08-11 12:00 UTC: makes snapshot text deterministic

S_INITIAL = (
    "Initial reports suggested high-profile detainees, including General Abass Dembele and General "
    "Nema Sagara, who is noted for being among the few women in top military positions."
)
S_DENIED = "However, a source close to Dembele has denied his arrest, stating he is in good health."
S_AFP = (
    "The AFP news agency claimed that scores of soldiers, with numbers ranging from 20 to 50, were "
    "apprehended based on allegations of plotting to destabilize the ruling junta."
)
S_GOITA = (
    "The military government led by General Asimi Goïta came to power through a pair of coups in "
    "2020 and 2021."
)
S_MARA = (
    "Recent attempts by former Prime Ministers Moussa Mara and Choguel Maiga to criticize the junta "
    "have led to their detention, heightening fears of dissent within the regime."
)
S_RUSSIA = (
    "The continuing jihadist threat, linked to the insurgency that has plagued Mali since 2012, has "
    "also intensified security concerns, prompting the junta to seek alliances with Russia to "
    "bolster its military efforts after severing ties with France."
)
S_NEIGHBOURS = (
    "The situation in Mali echoes a regional struggle as neighboring countries also contend with "
    "similar security dilemmas and military-led governance."
)
S_SOURCES = (
    "In recent developments, sources indicate that multiple soldiers have been arrested in Mali, "
    "accused of conspiring to overthrow the military junta that has ruled since 2021."
)
S_SILENT = "The authorities have refrained from commenting on the specifics of the arrests."
S_NORTH = (
    "Reports indicate that dozens of Malian soldiers have been detained on suspicions of planning a "
    "coup against the ruling junta, reflecting the internal conflicts and unrest in the country."
)


def ev(sentence: str, file: str = MALI) -> Evidence:
    """Evidence from the Mali article (or another file)."""
    return Evidence(file, sentence)


def _event(actor: str, event: str, certainty: str, source: str, sentence: str, polarity: str = "affirmed",
           detail: str = "") -> StatusEvent:
    return StatusEvent(actor, event, polarity, certainty, source, ev(sentence), detail)  # type: ignore[arg-type]


def mali_situation(folder: str = "seeds") -> Situation:
    """The situation the engine should build from the bundled Mali article."""
    dembele_events = [
        _event("Abass Dembele", "detained", "reported", "initial reports", S_INITIAL),
        _event("Abass Dembele", "arrested", "stated", "a source close to Dembele", S_DENIED,
               polarity="denied"),
    ]
    actors = [
        Actor("Abass Dembele", "person", ["Dembele", "General Abass Dembele"], ["General"],
              "reported detained (initial reports); arrest denied by a source close to Dembele",
              dembele_events, 3, [MALI], [ev(S_INITIAL), ev(S_DENIED)], 9.0),
        Actor("Nema Sagara", "person", ["General Nema Sagara", "Sagara"], ["General"],
              "reported detained (initial reports)",
              [_event("Nema Sagara", "detained", "reported", "initial reports", S_INITIAL)],
              2, [MALI], [ev(S_INITIAL)], 7.0),
        Actor("Asimi Goïta", "person", ["Goïta", "Asimi Goita"],
              ["General", "head of the military government"], "in power since 2021",
              [_event("Asimi Goïta", "in power", "stated", "the article", S_GOITA,
                                             detail="since 2021")],
              2, [MALI], [ev(S_GOITA)], 6.5),
        Actor("Moussa Mara", "person", ["Mara"], ["former Prime Minister"],
              "detained after criticising the junta",
              [_event("Moussa Mara", "detained", "stated", "the article", S_MARA,
                      detail="after criticising the junta")], 2, [MALI], [ev(S_MARA)], 6.0),
        Actor("Choguel Maiga", "person", ["Maiga"], ["former Prime Minister"],
              "detained after criticising the junta",
              [_event("Choguel Maiga", "detained", "stated", "the article", S_MARA,
                      detail="after criticising the junta")], 1, [MALI], [ev(S_MARA)], 5.5),
        Actor("Malian soldiers", "collective", ["soldiers"], [], "reported detained (AFP: 20 to 50)",
              [_event("Malian soldiers", "detained", "reported", "AFP", S_AFP, detail="20 to 50")],
              4, [MALI], [ev(S_NORTH), ev(S_AFP), ev(S_SOURCES)], 5.0),
        Actor("the junta", "collective", ["junta", "military junta", "military government"], ["ruling"],
              "in power since 2021", [], 6, [MALI], [ev(S_SOURCES), ev(S_GOITA), ev(S_RUSSIA)], 4.5),
        Actor("AFP", "organisation", ["AFP news agency"], ["news agency"], "", [], 1, [MALI], [ev(S_AFP)],
              3.0),
        Actor("Mali", "country", ["Malian"], [], "", [], 6, [MALI], [ev(S_SOURCES), ev(S_RUSSIA)], 2.5),
        Actor("Russia", "country", [], ["ally"], "", [], 1, [MALI], [ev(S_RUSSIA)], 1.0, minor=True),
        Actor("France", "country", [], ["former ally"], "", [], 1, [MALI], [ev(S_RUSSIA)], 1.0, minor=True),
    ]
    status = [
        StatusLine(
            "Dozens of soldiers reported detained over an alleged coup plot against the junta",
            "reported",
            ["AFP", "sources"],
            [ev(S_NORTH), ev(S_AFP)],
            ["Malian soldiers", "the junta"],
        ),
        StatusLine(
            "General Abass Dembele reported detained; a source close to him denies the arrest",
            "denied",
            ["initial reports", "a source close to Dembele"],
            [ev(S_INITIAL), ev(S_DENIED)],
            ["Abass Dembele"],
        ),
        StatusLine(
            "General Nema Sagara reported detained",
            "reported",
            ["initial reports"],
            [ev(S_INITIAL)],
            ["Nema Sagara"],
        ),
        StatusLine(
            "Former prime ministers Moussa Mara and Choguel Maiga detained after criticising the junta",
            "stated",
            ["the article"],
            [ev(S_MARA)],
            ["Moussa Mara", "Choguel Maiga"],
        ),
        StatusLine("The authorities have not commented on the arrests", "unclear", [], [ev(S_SILENT)], []),
    ]
    disputes = [
        Dispute("Arrest of Abass Dembele", "contradiction", [
            Claim("detained", "initial reports", "asserts", MALI, S_INITIAL),
            Claim("not arrested, in good health", "a source close to Dembele", "denies", MALI, S_DENIED),
        ], ["Abass Dembele"], 0.9),
        Dispute("Number of soldiers arrested", "numeric", [
            Claim("dozens", "reports", "figure", MALI, S_NORTH, (24.0, 99.0)),
            Claim("20 to 50", "AFP", "figure", MALI, S_AFP, (20.0, 50.0)),
        ], ["Malian soldiers"], 0.6),
        Dispute("Details of the arrests", "silence", [
            Claim("multiple soldiers arrested", "sources", "unconfirmed", MALI, S_SOURCES),
            Claim("no comment", "the authorities", "silent", MALI, S_SILENT),
        ], ["the junta"], 0.4),
    ]
    context = [
        ContextItem("history", "Jihadist insurgency in Mali since 2012", [2012], [ev(S_RUSSIA)], ["Mali"]),
        ContextItem("history", "Military came to power in a pair of coups", [2020, 2021], [ev(S_GOITA)],
                    ["Asimi Goïta", "the junta"]),
        ContextItem("alliance", "Junta seeks alliances with Russia", [], [ev(S_RUSSIA)],
                    ["the junta", "Russia"]),
        ContextItem("rupture", "Ties with France severed", [], [ev(S_RUSSIA)], ["the junta", "France"]),
        ContextItem("neighbour", "Neighbouring countries face similar security dilemmas and military rule",
                    [], [ev(S_NEIGHBOURS)], []),
        ContextItem("place", "Northern regions of Mali: jihadist insurgency", [], [ev(S_NORTH)], ["Mali"]),
    ]
    articles = [
        ArticleInfo(MALI, "Mali's Military Faces Internal Turmoil Amid Coup Allegations as Soldiers Arrested",
                    "", None, FIXED_MTIME, 402, 4),
    ]
    return Situation(str(folder), "Mali: soldiers arrested over alleged coup plot", "Mali", status, actors,
                     disputes, context, articles, [])


def large_situation(count: int = 2_000) -> Situation:
    """The Mali situation with `count` disputes, context items, actors and articles each (as a
    folder of 2,000 articles makes), every one distinct."""
    situation = mali_situation()
    dispute, item, actor = situation.disputes[0], situation.context[0], situation.actors[0]
    disputes = [replace(dispute, subject=f"{dispute.subject} ({n})") for n in range(count)]
    context = [replace(item, text=f"{item.text} ({n})") for n in range(count)]
    actors = [replace(actor, name=f"Abass Dembele {n}", aliases=[], score=float(count - n))
              for n in range(count)]
    articles = [ArticleInfo(f"{n:05d}.txt", f"Headline {n}", "AFP", None, FIXED_MTIME + n, 300)
                for n in range(count)]
    return replace(situation, disputes=disputes, context=context, actors=actors, articles=articles)


BBC = "bbc_mali_update.txt"
S_BBC = "General Abass Dembele was released on Tuesday, a military spokesman told the BBC."
S_SPOKES = "Colonel Souleymane Dembele, the army spokesman, said the situation was under control."


def mali_update(folder: str = "seeds") -> Situation:
    """The Mali situation after a second article: a new actor, Dembele's status changed, a new dispute."""
    situation = mali_situation(folder)
    actors = list(situation.actors)
    actors[0] = replace(actors[0], status="reported released (BBC); earlier reported detained",
                        mentions=5, articles=[MALI, BBC],
                        evidence=[*actors[0].evidence, ev(S_BBC, BBC)])
    actors.insert(5, Actor("Souleymane Dembele", "person", ["Colonel Souleymane Dembele"], ["army spokesman"],
                           "", [], 1, [BBC], [ev(S_SPOKES, BBC)], 5.2))
    disputes = [
        Dispute("Whether Abass Dembele is still held", "contradiction", [
            Claim("released", "a military spokesman", "asserts", BBC, S_BBC),
            Claim("detained", "initial reports", "asserts", MALI, S_INITIAL),
        ], ["Abass Dembele"], 1.0),
        *situation.disputes,
    ]
    articles = [*situation.articles,
                ArticleInfo(BBC, "Mali general freed, army says", "BBC", "2025-08-12", FIXED_MTIME + 3600,
                            120)]
    return replace(situation, actors=actors, disputes=disputes, articles=articles,
                   bad_files=[BadFile("broken.txt", "not text (binary data)")])


BBC_TEXT = f"""Mali general freed, army says

BBC News

{S_BBC} {S_SPOKES}

Opposition leader Ismael Sacko called for calm in Bamako and urged the junta to free all detained soldiers.
"""
"""A second article for live tests: the real engine finds Souleymane Dembele and Ismael Sacko in it."""

MARKUP_TEXT = (
    "Breaking: [red]Evil[/red] \x1b[31mcoup\x1b[0m [link=http://evil.example]click[/link]\n\n"
    "General [bold]Oumar Diarra[/bold] was arrested in Bamako on Monday, officials said. "
    "\x1b]0;pwned\x07The army of Mali confirmed the arrest of Oumar Diarra.\n"
)
"""An article whose text holds Rich markup and terminal escape sequences."""


class FakeEngine:
    """Returns `situations` one per `analyse` call (the last one forever), reporting progress.

    With `partial`, the first call first reports that partial situation (as the real engine
    does with cached articles while the model loads, or at `partial_stage` "previous" with the
    folder's last report) and then waits for `release` to be set.
    """

    def __init__(self, *situations: Situation, error: Exception | None = None,
                 partial: Situation | None = None, partial_stage: str = "cached") -> None:
        self.situations = list(situations)
        self.error = error
        self.partial = partial
        self.partial_stage = partial_stage
        self.release = threading.Event()
        self.calls = 0
        self.threads: list[threading.Thread] = []

    def analyse(self, folder: Path, progress: Callable[[Any], None] | None = None) -> Situation:
        """Play the next situation back, or raise `error` if one is set."""
        self.calls += 1
        self.threads.append(threading.current_thread())
        notify = progress or (lambda _p: None)
        notify(Progress("reading", 0, 0))
        if self.error is not None:
            raise self.error
        index = min(self.calls - 1, len(self.situations) - 1)
        situation = self.situations[index]
        total = len(situation.articles)
        if self.partial is not None and self.calls == 1:
            notify(Progress(self.partial_stage, len(self.partial.articles), total, self.partial))  # type: ignore[arg-type]
            notify(Progress("loading model", len(self.partial.articles), total))
            if not self.release.wait(10):
                raise TimeoutError("the test never released the fake engine")
        notify(Progress("done", total, total, situation))
        return situation


def copy_seeds(target: Path, mtime: float | None = FIXED_MTIME) -> Path:
    """Copy the bundled seed articles into `target` (with a fixed mtime by default)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in SEEDS.glob("*.txt"):
        copied = target / path.name
        shutil.copyfile(path, copied)
        if mtime is not None:
            os.utime(copied, (mtime, mtime))
    return target


def write_article(folder: Path, name: str, text: str | bytes, mtime: float | None = None) -> Path:
    """Write an article file (text, or raw bytes for a broken one), optionally with a fixed mtime."""
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def temp_config(base: Path) -> Any:
    """A default `Config` whose cache lives under `base` (never the user's cache)."""
    from sitrep.config import Config

    config = Config(base_dir=base)
    config.cache.path = str(base / "cache.sqlite3")
    return config


@pytest.fixture(scope="module")
def shared_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One real `Engine` (spaCy loaded once) with a temporary cache, shared by a test module."""
    from sitrep.engine import Engine

    engine = Engine(temp_config(tmp_path_factory.mktemp("engine")))
    yield engine
    engine.close()


@pytest.fixture
def frozen_timezone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC for the test, so file times render the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def screen_text(app: Any) -> str:
    """Every character on the app's screen as plain text (what reaches the terminal, unstyled)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False).rstrip("\n")


async def settled(pilot: Any, timeout: float = 20.0) -> None:
    """Wait until the app has a finished report, no analysis runs, every pane shows it, and it is painted."""
    app = pilot.app
    await wait_for(lambda: app.last_complete is not None and not app.analysing, timeout,
                   "the analysis to finish")
    await shown(pilot, timeout=timeout, description="the finished report in every pane")
    # The focused row's evidence may come by message after the hand-out (the pane was focused
    # later): a screen pushed before it lands is drawn over a dashboard with a stale evidence view.
    await wait_for(lambda: evidence_in_step(app), timeout, "the focused row's evidence")
    await pilot.pause()


def evidence_in_step(app: Any) -> bool:
    """Whether the evidence view shows the focused row's evidence (or no row has any)."""
    from sitrep.tui.evidence_view import EvidenceView

    selected = getattr(app.focused, "selected_evidence", None)
    wanted = selected() if callable(selected) else None
    return wanted is None or app.query_one(EvidenceView).current == wanted


async def shown(pilot: Any, check: Callable[[Any], bool] | None = None, timeout: float = 10.0,
                description: str = "every pane to show the new view") -> Any:
    """Wait until every pane shows the app's view and it passes `check` (a filter applied, a
    reload's report...), then for the screen to be painted; the view.

    Waits on the app's `shown` (resolved when the hand-out to the panes ends), never on a sleep:
    a key that changes the view returns before the panes have it.
    """
    try:
        view = await asyncio.wait_for(pilot.app.shown(check), timeout)
    except TimeoutError:
        raise AssertionError(f"timed out after {timeout}s waiting for {description}") from None
    await pilot.pause()
    return view


async def wait_for(condition: Callable[[], bool], timeout: float = 10.0, description: str = "condition",
                   interval: float = 0.02) -> None:
    """Poll `condition` until it holds; fail naming `description` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if condition():
                return
        except Exception:  # a widget not mounted yet reads as "not yet"
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {description}")
        await asyncio.sleep(interval)
