"""Storm test: a burst of file changes under the running dashboard ends in the right report.

While the app watches a folder (real engine, temporary cache), a few hundred files are
created, rewritten, renamed and deleted at once, including editor-style atomic saves (write a
temporary file, then `os.replace`), files written in two halves and files with hostile names.
Once the app settles, the situation it shows must equal a cold `Engine.analyse` of the final
folder, item for item.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench import DEFAULT_SOURCES
from bench.corpus import CorpusMaker, load_sources
from sitrep.config import Config
from sitrep.engine import Engine
from sitrep.model import Situation
from sitrep.tui.app import SitrepApp, make_app

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

HOSTILE_NAMES = [
    "osc\x1b]52;c;UFdORUQ=\x07", "c1\x9b31m\x9d0;TITLE\x07", "bidi\u202eevil\u2066", "zw\u200b\u200d",
    "bad\udcff\udcfe", "nl\n# INJECTED\n", "tick`<img src=x>`", "pipe|col", "ctl\x01\x7f\x85",
]
"""Every fourth new file is named with one of these: C0, C1, bidi, zero-width, bytes that are
not UTF-8 (as `os.fsdecode` gives them), a newline, a backtick and a pipe."""


class ShortArticles:
    """Short real-looking articles (title and one or two paragraphs), numbered and seeded."""

    def __init__(self, seed: int) -> None:
        self.maker = CorpusMaker(load_sources([p for p in DEFAULT_SOURCES if p.is_dir()]), seed)

    def text(self, index: int, variant: int = 0) -> str:
        """Article `index` in version `variant`."""
        _name, text = self.maker.article(index, variant)
        title, *paragraphs = text.strip().split("\n\n")
        keep = 1 + (index + variant) % 2
        return "\n\n".join([title, *paragraphs[:keep]]) + "\n"


def storm(folder: Path, articles: ShortArticles, rng: random.Random) -> dict[str, int]:
    """A few hundred changes as fast as the disk takes them; returns how many of each kind."""
    counts = {"create": 0, "rewrite": 0, "atomic": 0, "halves": 0, "rename": 0, "delete": 0, "temp": 0}
    next_index = 1_000

    def present() -> list[Path]:
        return sorted(folder.glob("*.txt"))

    for step in range(320):
        files = present()
        roll = rng.random()
        if roll < 0.30 or len(files) < 10:
            stem = HOSTILE_NAMES[next_index // 4 % len(HOSTILE_NAMES)] if next_index % 4 == 0 else "new"
            (folder / f"{stem}-{next_index}.txt").write_text(articles.text(next_index), encoding="utf-8")
            next_index += 1
            counts["create"] += 1
        elif roll < 0.45:
            target = rng.choice(files)
            target.write_text(articles.text(rng.randrange(5_000), step), encoding="utf-8")
            counts["rewrite"] += 1
        elif roll < 0.60:
            # An editor's save: a temporary file beside the article, then an atomic rename over it.
            target = rng.choice(files)
            tmp = folder / f".{target.name}.swp"
            tmp.write_text(articles.text(rng.randrange(5_000), step), encoding="utf-8")
            os.replace(tmp, target)
            counts["atomic"] += 1
        elif roll < 0.68:
            # A download written in two halves, the second a moment later.
            target = folder / f"halves-{step}.txt"
            text = articles.text(7_000 + step)
            with target.open("w", encoding="utf-8") as handle:
                handle.write(text[: len(text) // 2])
                handle.flush()
                os.fsync(handle.fileno())
                time.sleep(0.02)
                handle.write(text[len(text) // 2 :])
            counts["halves"] += 1
        elif roll < 0.80:
            source = rng.choice(files)
            os.replace(source, folder / f"renamed-{step}.txt")
            counts["rename"] += 1
        elif roll < 0.95:
            rng.choice(files).unlink()
            counts["delete"] += 1
        else:
            # A temporary article that comes and goes within the burst.
            temp = folder / f"temp-{step}.txt"
            temp.write_text(articles.text(9_000 + step), encoding="utf-8")
            temp.unlink()
            counts["temp"] += 1
    return counts


async def settle(app: SitrepApp, quiet: float = 2.5, timeout: float = 90.0) -> None:
    """Wait until no analysis has run or started for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    last = (app.last_complete, app.analysing)
    since = time.monotonic()
    while time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        now = (app.last_complete, app.analysing)
        if now[0] is not last[0] or now[1] != last[1]:
            last, since = now, time.monotonic()
        elif not app.analysing and app.last_complete is not None and time.monotonic() - since >= quiet:
            return
    raise AssertionError(f"the app did not settle within {timeout:.0f} s (analysing={app.analysing})")


async def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Poll `condition`; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def differences(shown: Situation, cold: Situation) -> list[str]:
    """What differs between the app's situation and the cold one, readably (empty when equal)."""
    out: list[str] = []
    a, b = shown.to_dict(), cold.to_dict()
    for key in ("articles", "bad_files", "actors", "disputes", "status", "context"):
        left, right = a[key], b[key]
        if left == right:
            continue
        out.append(f"{key}: app has {len(left)}, cold has {len(right)}")
        for index, (x, y) in enumerate(zip(left, right, strict=False)):
            if x != y:
                out.append(f"  first difference at {index}: app {str(x)[:300]}\n  cold {str(y)[:300]}")
                break
        names = {json_key(x) for x in left} ^ {json_key(y) for y in right}
        if names:
            out.append(f"  only on one side: {sorted(names)[:10]}")
    for key in ("title", "focus"):
        if a[key] != b[key]:
            out.append(f"{key}: app {a[key]!r}, cold {b[key]!r}")
    return out


def json_key(item: dict[str, Any]) -> str:
    return str(item.get("path") or item.get("name") or item.get("subject") or item.get("text"))


async def test_storm_ends_in_the_cold_report(tmp_path: Path) -> None:
    """Hundreds of changes at once; the settled dashboard equals a cold analysis of the folder."""
    folder = tmp_path / "articles"
    folder.mkdir()
    articles = ShortArticles(seed=5)
    for index in range(30):
        (folder / f"start-{index:02d}.txt").write_text(articles.text(index), encoding="utf-8")
    config = Config(base_dir=ROOT)
    config.cache.path = str(tmp_path / "cache.sqlite3")
    app = make_app(folder, config, state_path=tmp_path / "last_seen.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(lambda: app.last_complete is not None, "the first report", 60)
        await wait_until(lambda: any(w.group == "watch" and w.is_running for w in app.workers), "the watcher")
        await asyncio.sleep(0.5)  # let the watcher set up its watches
        counts = await asyncio.to_thread(storm, folder, articles, random.Random(1))
        await settle(app)
        await pilot.pause()
        shown = app.last_complete
        assert shown is not None
        assert app.situation is shown, "the panes show an older or partial report than the last one finished"
    cold_config = Config(base_dir=ROOT)
    cold_config.cache.enabled = False
    engine = Engine(cold_config)
    try:
        cold = engine.analyse(folder)
    finally:
        engine.close()
    assert sum(counts.values()) == 320
    assert len(cold.articles) > 50
    problems = differences(shown, cold)
    assert not problems, "after the storm the app differs from a cold analysis:\n" + "\n".join(problems)
