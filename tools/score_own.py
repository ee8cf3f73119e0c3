"""Score sitrep's own fictional situations (tests/situations/*) with the shared scorer.

    python tools/score_own.py [--verbose]

Each situation's articles (only the .txt files, never its key) are copied to a temporary folder
and analysed cold; the JSON report is scored against the situation's expected.json with
`../shared/tools/score_report.py`. The last line per situation is the scorer's summary.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sitrep.config import Config
from sitrep.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
SITUATIONS = ROOT / "tests" / "situations"
SCORER = ROOT.parent / "shared" / "tools" / "score_report.py"


def main(argv: list[str]) -> int:
    """Analyse and score every situation; print the scorer's lines."""
    if not SCORER.is_file():
        print(f"no scorer at {SCORER}", file=sys.stderr)
        return 2
    config = Config()
    config.cache.enabled = False
    engine = Engine(config)
    verbose = "--verbose" in argv
    with tempfile.TemporaryDirectory() as tmp:
        for situation in sorted(p for p in SITUATIONS.iterdir() if p.is_dir()):
            folder = Path(tmp) / situation.name
            folder.mkdir()
            for article in situation.glob("*.txt"):
                shutil.copy2(article, folder / article.name)
            report = Path(tmp) / f"{situation.name}.json"
            situation_json = json.dumps(engine.analyse(folder).to_dict(), ensure_ascii=False)
            report.write_text(situation_json, encoding="utf-8")
            command = [sys.executable, str(SCORER), str(report), str(situation / "expected.json")]
            run = subprocess.run(command + (["--verbose"] if verbose else []), capture_output=True, text=True,
                                 check=False)
            lines = run.stdout.strip().splitlines()
            print(situation.name)
            print("\n".join(lines if verbose else lines[-1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
