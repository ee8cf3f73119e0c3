"""Tests for `sitrep.reader.duplicates.drop_repeats`: which repeated paragraphs go, and that the
indexed version keeps exactly what the plain definition keeps.

`_plain_drop_repeats` below is the definition written the slow, obvious way (every word's
frequency looked up per paragraph, one count per rare word): the speed-ups in the module must not
change a single kept paragraph or the count removed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings, strategies as st

from sitrep.reader import scan
from sitrep.reader.duplicates import drop_repeats
from sitrep.text import fold_words, folded_fingerprint

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _plain_drop_repeats(paragraphs: list[str]) -> tuple[list[str], int]:
    word_sets = [frozenset(fold_words(p).split()) for p in paragraphs]
    frequency: Counter[str] = Counter()
    for words in word_sets:
        frequency.update(words)
    kept: list[str] = []
    kept_sets: list[frozenset[str]] = []
    index: dict[str, list[int]] = {}
    seen: set[str] = set()
    removed = 0
    for paragraph, words in zip(paragraphs, word_sets, strict=True):
        fp = folded_fingerprint(fold_words(paragraph))
        if fp in seen or (len(words) >= 8 and _plain_contained(words, kept_sets, index, frequency)):
            removed += 1
            continue
        seen.add(fp)
        for word in words:
            index.setdefault(word, []).append(len(kept))
        kept.append(paragraph)
        kept_sets.append(words)
    return kept, removed


def _plain_contained(words: frozenset[str], kept_sets: list[frozenset[str]], index: dict[str, list[int]],
                     frequency: Counter[str]) -> bool:
    rare = sorted(words, key=lambda w: (frequency[w], w))[:8]
    hits: Counter[int] = Counter()
    for word in rare:
        hits.update(index.get(word, [])[-200:])
    numbers = {w for w in words if any(c.isdigit() for c in w)}
    for k, _ in hits.most_common(32):
        earlier = kept_sets[k]
        if not numbers <= earlier:
            continue
        shared = len(words & earlier)
        if shared >= 0.85 * len(words) and (len(earlier) > len(words) or shared == len(words)):
            return True
        if len(words) > len(earlier) and shared >= 0.9 * len(earlier) and shared >= 0.8 * len(words):
            return True
    return False


BODY = "Soldiers from the army reached the northern town of Kidal on Tuesday after a long march"


def test_an_exact_repeat_goes() -> None:
    assert drop_repeats([BODY, "Something else entirely.", BODY.upper() + "!"]) == (
        [BODY, "Something else entirely."], 1)


def test_a_caption_holding_most_of_an_earlier_paragraph_goes() -> None:
    caption = BODY.replace(" after a long march", "")
    assert drop_repeats([BODY, caption]) == ([BODY], 1)


def test_a_paragraph_with_a_number_the_earlier_one_lacks_stays() -> None:
    earlier = "Three soldiers were killed when the convoy was ambushed near the northern town of Kidal"
    later = "Five soldiers were killed when the convoy was ambushed near the northern town of Kidal"
    assert drop_repeats([earlier, later]) == ([earlier, later], 0)


def test_a_short_paragraph_is_only_dropped_as_an_exact_repeat() -> None:
    assert drop_repeats(["The army said so.", "The army said so again."]) == (
        ["The army said so.", "The army said so again."], 0)


def test_a_later_paragraph_that_only_extends_an_earlier_one_a_little_goes() -> None:
    longer = BODY + " through the desert"
    assert drop_repeats([BODY, longer]) == ([BODY], 1)


def test_an_earlier_paragraph_sharing_only_the_eighth_rarest_word_is_found() -> None:
    def words(stem: str, count: int) -> list[str]:
        return [stem + chr(ord("a") + n // 26) + chr(ord("a") + n % 26) for n in range(count)]

    common = words("common", 42)
    earlier = " ".join(["linkword", *common, *words("extra", 8)])
    caption = " ".join([*words("unique", 7), "linkword", *common])
    later = " ".join(common)
    paragraphs = [earlier, caption, later, later + " again"]
    assert drop_repeats(paragraphs) == ([earlier], 3) == _plain_drop_repeats(paragraphs)


def test_nothing_in_nothing_out() -> None:
    assert drop_repeats([]) == ([], 0)


_WORDS = st.sampled_from(["army", "town", "kidal", "the", "of", "rebels", "said", "killed", "3", "three",
                          "5", "2024", "march", "élite", "Élite", "convoy", "x1", "north", "²", "a"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=16).map(" ".join), max_size=12))
def test_the_indexed_version_keeps_what_the_plain_definition_keeps(paragraphs: list[str]) -> None:
    assert drop_repeats(paragraphs) == _plain_drop_repeats(paragraphs)


def test_the_indexed_version_keeps_what_the_plain_definition_keeps_on_real_articles() -> None:
    folders = [ROOT / "seeds"]
    if CORPUS.is_dir():
        folders += sorted(p for p in CORPUS.iterdir() if p.is_dir())
    for folder in folders:
        for article in scan(folder).articles:
            halves = [p[: len(p) // 2] for p in article.paragraphs]
            doubled = article.paragraphs + article.paragraphs[::2] + halves
            assert drop_repeats(doubled) == _plain_drop_repeats(doubled)
