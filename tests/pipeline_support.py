"""Texts to run a swapped pipeline component and the stock one over: the seeds, the caller's
awkward cases, and the first two articles of each corpus set when `../shared/corpus` is there."""

from __future__ import annotations

from pathlib import Path

from sitrep.reader import scan

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def sample_texts(*extra: str) -> list[str]:
    """The seeds' texts, then `extra`, then two articles of each corpus set (if present)."""
    texts = [a.text for a in scan(ROOT / "seeds").articles] + list(extra)
    if CORPUS.is_dir():
        for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
            texts += [a.text for a in scan(folder).articles if a.path.endswith(".txt")][:2]
    return texts
