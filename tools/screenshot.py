"""Save SVG screenshots of the sitrep dashboard: `docs/screenshot.svg` and `docs/timeline.svg`.

    python tools/screenshot.py [--screen main|timeline|both] [--size 120x40] [--actor NAME]
                               [-o docs/screenshot.svg] [--timeline-output docs/timeline.svg]

The main screen shows the bundled seeds; the timeline (`t`) shows the made-up Velmora set of
the tests (tests/situations/velmora_2031_junta_takeover, its articles only), whose events have
dates. Each runs the real app headless over a temporary copy of the articles with a temporary
cache and last-seen state, so the picture is the same on every machine: the files get a fixed
time, the clock is frozen ten minutes after it, and local time is UTC.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXED_MTIME = 1_754_913_600.0  # 2025-08-11 12:00 UTC, as in the snapshot tests
SEEDS = ROOT / "seeds"
VELMORA = ROOT / "tests" / "situations" / "velmora_2031_junta_takeover"
TIMEOUT = 120.0
"""Seconds the report may take (a cold run loads the model and parses every article)."""


async def _wait(condition: object, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshot: {what} did not happen within {TIMEOUT:.0f} s")
        await asyncio.sleep(0.05)


async def screenshot(size: tuple[int, int], actor: str | None, work: Path, source: Path,
                     timeline: bool) -> str:
    """The SVG of the main screen (or the timeline over it) once the report is on it."""
    from sitrep.config import Config
    from sitrep.engine import Engine
    from sitrep.tui.app import make_app
    from sitrep.tui.timeline_screen import TimelineScreen

    folder = work / source.name
    folder.mkdir()
    articles = sorted(source.glob("*.txt"))
    if not articles:
        raise SystemExit(f"screenshot: no *.txt articles in {source}")
    for article in articles:
        copied = folder / article.name
        shutil.copyfile(article, copied)
        os.utime(copied, (FIXED_MTIME, FIXED_MTIME))
    config = Config(base_dir=work)
    config.cache.path = str(work / "cache.sqlite3")
    engine = Engine(config)
    app = make_app(folder, config, actor=actor, engine=engine, state_path=work / "last_seen.json",
                   clock=lambda: FIXED_MTIME + 600, watch=False)
    try:
        async with app.run_test(size=size) as pilot:
            await _wait(lambda: app.last_complete is not None and not app.analysing, "the report")
            if app.last_error:
                raise SystemExit(f"screenshot: the analysis failed: {app.last_error}")
            await pilot.pause()
            if timeline:
                await pilot.press("t")
                await _wait(lambda: isinstance(app.screen, TimelineScreen) and app.screen.ready,
                            "the timeline")
                await pilot.pause()
            return app.export_screenshot(title="sitrep timeline" if timeline else "sitrep")
    finally:
        engine.close()


def main() -> None:
    """Parse the arguments and write the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screen", choices=("main", "timeline", "both"), default="both")
    parser.add_argument("--size", default="120x40", help="terminal WIDTHxHEIGHT (default 120x40)")
    parser.add_argument("--actor", help="start filtered on this actor")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.svg")
    parser.add_argument("--timeline-output", type=Path, default=ROOT / "docs" / "timeline.svg")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    os.environ["TZ"] = "UTC"
    time.tzset()
    jobs = [(False, SEEDS, args.output), (True, VELMORA, args.timeline_output)]
    for timeline, source, output in jobs:
        if args.screen != "both" and timeline != (args.screen == "timeline"):
            continue
        with tempfile.TemporaryDirectory(prefix="sitrep-shot-") as work:
            svg = asyncio.run(screenshot((width, height), args.actor, Path(work), source, timeline))
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(svg, encoding="utf-8")
        print(f"wrote {output}")


if __name__ == "__main__":
    main()
