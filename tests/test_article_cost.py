"""An article's analysis costs in proportion to its length (issue #12, adversarial finding 14).

One long article used to cost minutes and gigabytes, because each name rescanned every title
span of the whole document. Timing is left to `python -m bench --long-article CHARS`;
here the work is counted instead: the lines of sitrep's own code (the pipeline's components and
the extractors) executed while one made-up article is parsed and extracted, at two lengths. A
step that is linear does the same work per token at both; a step that rescans the document for
every mention does twice as much per token when the article doubles.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import spacy
from spacy.language import Language

import sitrep
from bench.corpus import long_article
from sitrep.config import Config
from sitrep.extract import extract_article
from sitrep.nlp.components import paragraph_breaks
from sitrep.nlp.pipeline import load_pipeline
from sitrep.reader import read_article

PACKAGE = str(Path(sitrep.__file__).parent)
SMALL = 20_000
"""Characters of the shorter article; the longer has twice as many. Before the fix, the work per
token already grew by a quarter between these two sizes."""


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The full sitrep pipeline for the default config (loaded once for the module)."""
    return load_pipeline(Config())


@dataclass
class Work:
    """What sitrep did for one article: lines of its code run, per function, and the tokens."""

    lines: Counter[str]
    tokens: int

    def per_token(self, where: str | None = None) -> float:
        """Lines run per token, by one function (`where`) or by all."""
        return (self.lines[where] if where else sum(self.lines.values())) / self.tokens


def _work(nlp: Language, tmp: Path, chars: int) -> Work:
    """Parse and extract one made-up article of about `chars` characters, counting the work."""
    path = tmp / f"long-{chars}.txt"
    path.write_text(long_article(chars), encoding="utf-8")
    article = read_article(path, tmp)
    lines: Counter[str] = Counter()

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        code = frame.f_code
        if not code.co_filename.startswith(PACKAGE):
            return None  # spaCy's own Python is the model's cost, measured by the benchmark
        where = f"{Path(code.co_filename).relative_to(PACKAGE)}:{code.co_firstlineno} {code.co_name}"

        def count(frame: FrameType, event: str, arg: Any) -> Any:
            if event == "line":
                lines[where] += 1
            return count

        return count

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        doc = nlp(article.text)
        extract_article(doc, article)
    finally:
        sys.settrace(previous)
    return Work(lines, len(doc))


@pytest.fixture(scope="module")
def work(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> tuple[Work, Work]:
    """The work for the short article and for the one twice as long."""
    tmp = tmp_path_factory.mktemp("articles")
    return _work(nlp, tmp, SMALL), _work(nlp, tmp, 2 * SMALL)


def test_the_longer_article_has_about_twice_the_tokens(work: tuple[Work, Work]) -> None:
    small, large = work
    assert 1.8 <= large.tokens / small.tokens <= 2.2


def test_doubling_an_article_does_not_raise_the_work_per_token(work: tuple[Work, Work]) -> None:
    small, large = work
    growth = large.per_token() / small.per_token()
    assert growth <= 1.1, f"sitrep's work per token grew ×{growth:.2f} when the article doubled"


def test_no_step_does_more_work_per_token_in_a_longer_article(work: tuple[Work, Work]) -> None:
    """Each function on its own, so that a quadratic helper is named even where it is still
    cheap next to the rest at these sizes (functions with too little work to measure left out)."""
    small, large = work
    growing = {
        where: round(large.per_token(where) / small.per_token(where), 2)
        for where in large.lines
        if large.lines[where] >= 1_000 and large.per_token(where) > 1.15 * small.per_token(where)
    }
    assert not growing, f"work per token grew in these steps when the article doubled: {growing}"


def test_a_paragraph_break_starts_a_sentence_after_any_blank_line() -> None:
    """`sitrep_paragraph_breaks` now sets every boundary in one write (setting them one token at
    a time scanned the whole doc each time, inside spaCy where no line is counted)."""
    doc = spacy.blank("en")('An army convoy moves on the highway\n\nSoldiers said the town was quiet. \n\n '
                            '"We left," one said.\n\n\n\nAnother paragraph\n')
    paragraph_breaks(doc)
    assert [t.text for t in doc if t.is_sent_start] == ["An", "Soldiers", '"', "Another"]
    assert all(t.is_sent_start is None for t in doc if t.text not in ("An", "Soldiers", '"', "Another"))
