"""Save an SVG screenshot of the sitrep dashboard on the bundled seeds to `docs/screenshot.svg`.

    python tools/screenshot.py [--size 120x40] [--actor NAME] [-o docs/screenshot.svg]

Runs the real app headless over a temporary copy of `seeds/` with a temporary cache and
last-seen state, so the picture is the same on every machine: the files get a fixed time, the
clock is frozen ten minutes after it, and local time is UTC.
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


async def screenshot(size: tuple[int, int], actor: str | None, work: Path) -> str:
    """The SVG of the main screen once the report is on it."""
    from sitrep.config import Config
    from sitrep.engine import Engine
    from sitrep.tui.app import make_app

    folder = work / "seeds"
    folder.mkdir()
    for article in sorted((ROOT / "seeds").glob("*.txt")):
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
            deadline = time.monotonic() + 60
            while app.last_complete is None or app.analysing:
                if time.monotonic() > deadline:
                    raise SystemExit("the report did not load within 60 s")
                await asyncio.sleep(0.05)
            await pilot.pause()
            return app.export_screenshot(title="sitrep")
    finally:
        engine.close()


def main() -> None:
    """Parse the arguments and write the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="120x40", help="terminal WIDTHxHEIGHT (default 120x40)")
    parser.add_argument("--actor", help="start filtered on this actor")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.svg")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    os.environ["TZ"] = "UTC"
    time.tzset()
    with tempfile.TemporaryDirectory(prefix="sitrep-shot-") as work:
        svg = asyncio.run(screenshot((width, height), args.actor, Path(work)))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(svg, encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
