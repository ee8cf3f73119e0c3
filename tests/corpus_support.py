"""Score the real corpus in ../shared/corpus against its keys, and keep the ratchet file.

Each situation's articles (everything but the key files) are copied to a temp folder with
their modification times, analysed cold, written as a JSON report and scored by
../shared/tools/score_report.py. `tests/corpus_ratchet.json` records, per set, the best numbers
reached so far; `tests/test_corpus_scores.py` fails when a set does worse than its record.

Run as a script to print the table, or with `--write` to raise the records to today's numbers
(a record only ever moves in the better direction):

    python tests/corpus_support.py [--write] [--reports DIR]

A refactor proves itself with the same articles: `--reports DIR` also writes each set's report
as the JSON writer does (`SET.report.json`, the temp folder and the time written made fixed, so
two runs on the same code give the same bytes), and `--compare DIR` analyses every set again
(without scoring) and tells which reports are no longer byte-identical to those in DIR:

    python tests/corpus_support.py --reports /tmp/before   # before the refactor
    python tests/corpus_support.py --compare /tmp/before   # after it: exit 0 when identical

`tests/test_report_identity.py` runs the same comparison when `$SITREP_REPORTS_BASELINE` names
such a folder.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitrep.engine import Engine
    from sitrep.model import Situation

SHARED = Path(os.environ.get("SITREP_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_report.py"
KEY_FILES = {"EXPECTED.md", "expected.json"}
RATCHET = Path(__file__).with_name("corpus_ratchet.json")
# Higher is better for these; for every other recorded number lower is better.
HIGHER_IS_BETTER = {"score"}
RECORDED = ("score", "misstated", "false_disputes", "junk")
# The time a comparable report says it was written (the JSON writer's `generated_at`).
FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
REPORT_SUFFIX = ".report.json"


def corpus_sets() -> list[str]:
    """The situations in ../shared/corpus that have a machine key, sorted by name."""
    if not CORPUS.is_dir() or not SCORER.is_file():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file())


def score_line(report: Path, key: Path, verbose: bool = False) -> str:
    """The scorer's output for one report (its last line holds the numbers)."""
    args = [sys.executable, str(SCORER), str(report), str(key)] + (["--verbose"] if verbose else [])
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()


def parse_scores(line: str) -> dict[str, float]:
    """The numbers of the scorer's summary line, by name (`actors 9/10` gives actors_found/wanted)."""
    numbers: dict[str, float] = {}
    for name, found, wanted in re.findall(r"(\w+) (\d+)/(\d+)", line):
        numbers[f"{name}_found"], numbers[f"{name}_wanted"] = int(found), int(wanted)
    for name, value in re.findall(r"(\w+) (-?\d+(?:\.\d+)?)(?=\s|$)", line):
        numbers[name] = float(value) if "." in value else int(value)
    return numbers


def analyse_set(engine: Engine, name: str, workdir: Path, comparable: Path | None = None) -> Path:
    """Copy one set's articles into workdir, analyse them and return the JSON report's path.

    With `comparable`, also write there the report as `comparable_json` gives it.
    """
    situation = engine.analyse(copy_articles(name, workdir))
    report = workdir / f"{name}.json"
    report.write_text(json.dumps(situation.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    if comparable:
        comparable.write_text(comparable_json(situation, name), encoding="utf-8")
    return report


def comparable_json(situation: Situation, name: str) -> str:
    """One set's report as the JSON writer writes it, with nothing that changes between runs.

    The folder (a temp folder) becomes the set's name and `generated_at` a fixed time, so the
    text depends only on the articles and the code that read them.
    """
    from sitrep.report.json_report import to_json

    return to_json(dataclasses.replace(situation, folder=name), now=FIXED_TIME)


def comparable_report(engine: Engine, name: str, workdir: Path) -> str:
    """Analyse one set's articles (copied into workdir) and return `comparable_json`."""
    return comparable_json(engine.analyse(copy_articles(name, workdir)), name)


def copy_articles(name: str, workdir: Path) -> Path:
    """Copy one set's articles (with their modification times) into workdir/name."""
    articles = workdir / name
    articles.mkdir(parents=True)
    for path in (CORPUS / name).iterdir():
        if path.is_file() and path.name not in KEY_FILES:
            shutil.copy2(path, articles / path.name)
    return articles


def compare_reports(engine: Engine, baseline: Path, workdir: Path) -> dict[str, str]:
    """Each set whose report differs from baseline/SET.report.json, with a line saying how."""
    differ = {}
    for name in corpus_sets():
        recorded = baseline / f"{name}{REPORT_SUFFIX}"
        if not recorded.is_file():
            differ[name] = f"no recorded report {recorded}"
            continue
        now, was = comparable_report(engine, name, workdir).encode("utf-8"), recorded.read_bytes()
        if now != was:
            pairs = enumerate(zip(now, was, strict=False))
            first = next((i for i, (a, b) in pairs if a != b), min(len(now), len(was)))
            line = now[:first].count(b"\n") + 1
            differ[name] = f"differs from line {line} ({len(was)} -> {len(now)} bytes)"
    return differ


def load_ratchet() -> dict[str, dict[str, float]]:
    """The recorded numbers per set ({} when the file does not exist yet)."""
    if not RATCHET.is_file():
        return {}
    return json.loads(RATCHET.read_text(encoding="utf-8"))


def worse(numbers: dict[str, float], record: dict[str, float]) -> list[str]:
    """What got worse than the record, as readable phrases (empty when nothing did)."""
    found = []
    for name in RECORDED:
        if name not in record or name not in numbers:
            continue
        now, was = numbers[name], record[name]
        if (now < was) if name in HIGHER_IS_BETTER else (now > was):
            found.append(f"{name} {was} -> {now}")
    return found


def better(numbers: dict[str, float], record: dict[str, float]) -> dict[str, float]:
    """The record raised to every number that improved on it."""
    merged = dict(record)
    for name in RECORDED:
        if name not in numbers:
            continue
        if name not in record:
            merged[name] = numbers[name]
        elif name in HIGHER_IS_BETTER:
            merged[name] = max(record[name], numbers[name])
        else:
            merged[name] = min(record[name], numbers[name])
    return merged


def main(argv: list[str]) -> int:
    """Print each set's numbers beside its record; with --write, raise the records.

    With --compare DIR, only say whether every report is byte-identical to those in DIR.
    """
    from sitrep.config import Config
    from sitrep.engine import Engine

    sets = corpus_sets()
    if not sets:
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    reports = Path(argv[argv.index("--reports") + 1]) if "--reports" in argv else None
    config = Config()
    config.cache.enabled = False
    engine = Engine(config)
    if "--compare" in argv:
        baseline = Path(argv[argv.index("--compare") + 1])
        with tempfile.TemporaryDirectory() as tmp:
            differ = compare_reports(engine, baseline, Path(tmp))
        for name in sets:
            print(f"{name:42} {differ.get(name, 'identical')}")
        print(f"{len(sets) - len(differ)}/{len(sets)} reports byte-identical to {baseline}")
        return 1 if differ else 0
    ratchet = load_ratchet()
    with tempfile.TemporaryDirectory() as tmp:
        for name in sets:
            if reports:
                reports.mkdir(parents=True, exist_ok=True)
            comparable = reports / f"{name}{REPORT_SUFFIX}" if reports else None
            report = analyse_set(engine, name, Path(tmp), comparable)
            if reports:
                shutil.copy(report, reports / report.name)
                (reports / f"{name}.score").write_text(
                    score_line(report, CORPUS / name / "expected.json", verbose=True) + "\n",
                    encoding="utf-8")
            line = score_line(report, CORPUS / name / "expected.json")
            numbers = parse_scores(line.splitlines()[-1])
            record = ratchet.get(name, {})
            status = "WORSE " + ", ".join(worse(numbers, record)) if worse(numbers, record) else "ok"
            print(f"{name:42} {line.splitlines()[-1]}\n{'':42} record {record or '-'}  {status}")
            ratchet[name] = better(numbers, record)
    if "--write" in argv:
        RATCHET.write_text(json.dumps({k: {n: v[n] for n in RECORDED if n in v}
                                       for k, v in sorted(ratchet.items())},
                                      indent=1) + "\n", encoding="utf-8")
        print(f"wrote {RATCHET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
