"""Dump what the reader makes of every file in the corpus sets and `seeds/`, as JSON.

    python tools/reader_dump.py [-o FILE] [FOLDER ...]

Each folder (by default every `../shared/corpus/*/` and `seeds/`) goes through `reader.scan`, as
the engine reads it; each file it lists is written as one JSON object: the cleaned `Article`
(path, title, outlet, date, paragraphs, text, metadata, repeats removed, content hash) or the
reason it was skipped. The modification time is left out, so two dumps of the same files are
byte-identical. Dump before and after a change to the reader, then `diff` the two files: every
difference is a change in what the rest of sitrep is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def default_folders() -> list[Path]:
    """Every corpus set (sorted by name), then `seeds/`."""
    sets = sorted(p for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []
    return [*sets, ROOT / "seeds"]


def dump_folder(folder: Path) -> list[dict[str, Any]]:
    """One JSON-ready object per file the reader lists in `folder`, articles and skipped files
    together, sorted by path."""
    from sitrep.reader import scan

    result = scan(folder)
    rows: list[dict[str, Any]] = [
        {
            "path": a.path,
            "title": a.title,
            "outlet": a.outlet,
            "date": a.date,
            "metadata": a.metadata,
            "duplicates_removed": a.duplicates_removed,
            "content_hash": a.content_hash,
            "paragraphs": a.paragraphs,
            "text": a.text,
        }
        for a in result.articles
    ]
    rows += [{"path": b.path, "skipped": b.reason} for b in result.bad_files]
    return sorted(rows, key=lambda row: row["path"])


def dump(folders: list[Path]) -> str:
    """The whole dump: `{folder name: [file, ...]}` as indented JSON, keys in order."""
    data = {folder.name: dump_folder(folder) for folder in folders}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the dump to `-o FILE` or standard output."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="folders to read (default: the corpus and "
                                                              "seeds/)")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    text = dump(args.folders or default_folders())
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
