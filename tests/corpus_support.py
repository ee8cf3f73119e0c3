"""Score the real corpus in ../shared/corpus against its keys, and keep the ratchet file.

Each situation's articles (everything but the key files) are copied to a temp folder with
their modification times, analysed cold, written as a JSON report and scored by
../shared/tools/score_report.py. `tests/corpus_ratchet.json` records, per set, the best numbers
reached so far; `tests/test_corpus_scores.py` fails when a set does worse than its record.

Run as a script to print the table, or with `--write` to raise the records to today's numbers
(a record only ever moves in the better direction):

    python tests/corpus_support.py [--write] [--reports DIR]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(os.environ.get("SITREP_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_report.py"
KEY_FILES = {"EXPECTED.md", "expected.json"}
RATCHET = Path(__file__).with_name("corpus_ratchet.json")
# Higher is better for these; for every other recorded number lower is better.
HIGHER_IS_BETTER = {"score"}
RECORDED = ("score", "misstated", "false_disputes", "junk")


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


def analyse_set(engine, name: str, workdir: Path) -> Path:  # noqa: ANN001 - an Engine
    """Copy one set's articles into workdir, analyse them and return the JSON report's path."""
    articles = workdir / name
    articles.mkdir(parents=True)
    for path in (CORPUS / name).iterdir():
        if path.is_file() and path.name not in KEY_FILES:
            shutil.copy2(path, articles / path.name)
    report = workdir / f"{name}.json"
    report.write_text(json.dumps(engine.analyse(articles).to_dict(), ensure_ascii=False, indent=1),
                      encoding="utf-8")
    return report


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
    """Print each set's numbers beside its record; with --write, raise the records."""
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
    ratchet = load_ratchet()
    with tempfile.TemporaryDirectory() as tmp:
        for name in sets:
            report = analyse_set(engine, name, Path(tmp))
            if reports:
                reports.mkdir(parents=True, exist_ok=True)
                shutil.copy(report, reports / report.name)
                (reports / f"{name}.score").write_text(
                    score_line(report, CORPUS / name / "expected.json", verbose=True) + "\n", encoding="utf-8")
            line = score_line(report, CORPUS / name / "expected.json")
            numbers = parse_scores(line.splitlines()[-1])
            record = ratchet.get(name, {})
            status = "WORSE " + ", ".join(worse(numbers, record)) if worse(numbers, record) else "ok"
            print(f"{name:42} {line.splitlines()[-1]}\n{'':42} record {record or '-'}  {status}")
            ratchet[name] = better(numbers, record)
    if "--write" in argv:
        RATCHET.write_text(json.dumps({k: {n: v[n] for n in RECORDED if n in v} for k, v in sorted(ratchet.items())},
                                      indent=1) + "\n", encoding="utf-8")
        print(f"wrote {RATCHET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
