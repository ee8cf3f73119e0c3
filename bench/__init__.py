"""Benchmarks: `python -m bench [--sizes 100,1000,10000] [--jobs 2]`, `--soak SECONDS` and
`--long-article CHARS`.

Corpora of N articles are made deterministically from real articles (the bundled `seeds/` and
the shared corpus beside the repository, when present) by recombining their cleaned paragraphs
with a seeded RNG, under `bench/corpora/` (git-ignored). Article i depends only on the seed and
on articles before it, so the 100-article corpus is the start of the 1,000 and 10,000 ones.

Every measurement runs in a fresh child process, so its peak RSS and its imports are its own:
raw `nlp.pipe` of the bare model over the cleaned texts, a cold analysis in one process and
with `--jobs N` (model and worker start-up timed apart), the warm `sitrep report` as a user runs
it (wall time of the whole process, which must never import spaCy), one changed file in a
warm folder, and the dashboard's first paint and filter keystroke under the Textual Pilot.
The result is a Markdown report with the machine's details, printed to stdout and saved with
the raw numbers as JSON under `bench/corpora/`.

`--soak SECONDS` runs the dashboard on a folder under bounded churn instead, sampling RSS, the
event loop's longest stall and how long a keypress takes to show (`?` opening help, Esc closing
it, once a second); `--soak-size N` sets the folder's articles (default 100; issue #12 row 13
measured 2,000).

`--long-article CHARS` times one made-up article of CHARS characters and one of twice that,
each against raw `nlp.pipe` of the same text in the same run: doubling an article's size must
about double sitrep's time, as it does the model's.

The package lives beside `sitrep/`, not in it: it is a developer tool, never installed with
sitrep. `corpus` makes the articles, `children` and `dashboard` are the measurements each child
process runs, `run` drives a whole run from the parent process, `report` turns the numbers into
Markdown, and `__main__` parses the command line (and dispatches `--child KIND JSON`).
"""

from __future__ import annotations

import time
from pathlib import Path

START = time.perf_counter()
"""When the benchmark was imported: the start of a dashboard child's "first paint" clock."""

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = ROOT / "bench" / "corpora"
DEFAULT_SOURCES = (ROOT / "seeds", ROOT.parent / "shared" / "corpus")
DEFAULT_SIZES = (100, 1_000, 10_000)
GENERATOR_VERSION = 1
"""Bump when `CorpusMaker` changes what it writes (stale corpora are then rebuilt)."""
RESULT_MARK = "BENCH-RESULT "
"""The prefix of the one line of JSON a child process prints as its result."""
BASE_MTIME = 1_754_913_600.0
"""Article i gets mtime BASE_MTIME + i, so "newest article" is the same on every machine."""
SKIPPED_NAMES = {"expected.md", "expected.json"}
