"""De-duplication: paragraph fingerprints, and repeated or contained paragraphs dropped.

`fingerprint` counts the same wire copy in two outlets as one source (the extractors use it);
`drop_repeats` counts a paragraph repeated inside one article (a caption copy) once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from itertools import chain

from ..text import fold_words, folded_fingerprint
from .cleaning import repair


@lru_cache(maxsize=256)
def _fold_clean(text: str) -> str:
    """`fold_words` of cleaned text, remembered: the reader folds each line of an article up to
    three times (title repeats, then boilerplate, then repeats among paragraphs)."""
    return fold_words(text)


def fingerprint(paragraph: str) -> str:
    """A short stable hash of a paragraph, equal for near-identical copies.

    The text is repaired (mojibake, entities), case- and accent-folded, reduced to letters and
    digits and single-spaced before hashing, so case, punctuation, whitespace and mojibake
    differences do not matter. Used to count the same wire copy in two outlets as one source.
    """
    return folded_fingerprint(fold_words(repair(paragraph)))


def clean_fingerprint(text: str) -> str:
    """`fingerprint` of text that `clean_text` already repaired (ftfy is idempotent, so equal)."""
    return folded_fingerprint(_fold_clean(text))


_CONTAINMENT = 0.85


_EXTENSION = (0.9, 0.8)
"""An earlier paragraph >= 90% inside a longer later one that is >= 80% made of it: a caption
that repeats the body and adds a few words."""


_MIN_CONTAINED_WORDS = 8


def drop_repeats(paragraphs: list[str]) -> tuple[list[str], int]:
    """Drop exact repeats and paragraphs mostly contained in an earlier one (caption copies).

    Containment is checked only against earlier paragraphs sharing one of the new paragraph's
    rarest words, through an inverted index, so a huge file stays near linear.
    """
    folded = [_fold_clean(p) for p in paragraphs]
    word_sets = [frozenset(f.split()) for f in folded]
    frequency: Counter[str] = Counter()
    for words in word_sets:
        frequency.update(words)
    # Each word's place in the order (fewest paragraphs first, then alphabetical), worked out once
    # for the article instead of a key per word of every paragraph; two sorts with plain keys
    # (the second is stable) instead of one on (count, word) pairs.
    ordered = sorted(frequency)
    ordered.sort(key=frequency.__getitem__)
    rank = {word: n for n, word in enumerate(ordered)}
    kept: list[str] = []
    kept_sets: list[frozenset[str]] = []
    index: defaultdict[str, list[int]] = defaultdict(list)
    seen: set[str] = set()
    removed = 0
    for paragraph, flat, words in zip(paragraphs, folded, word_sets, strict=True):
        if flat in seen or (len(words) >= _MIN_CONTAINED_WORDS and kept
                          and _contained(words, kept_sets, index, rank)):
            removed += 1
            continue
        seen.add(flat)
        for word in words:
            index[word].append(len(kept))
        kept.append(paragraph)
        kept_sets.append(words)
    return kept, removed


def _has_digit(word: str) -> bool:
    return not word.isalpha() and any(c.isdigit() for c in word)


def _contained(
    words: frozenset[str],
    kept_sets: list[frozenset[str]],
    index: dict[str, list[int]],
    rank: dict[str, int],
) -> bool:
    """Whether an earlier kept paragraph repeats `words`: a longer one holding >= 85% of them,
    or a shorter one that `words` only extends a little. A paragraph with a number the earlier
    one lacks is never a repeat ("three killed" against "five killed" matters). Only the earlier
    paragraphs sharing one of the eight rarest words are compared, the most shared first.
    """
    rare = sorted(words, key=rank.__getitem__)[:8]
    found = [index[word][-200:] for word in rare if word in index]
    if not found:
        return False
    hits: Counter[int] = Counter(found[0] if len(found) == 1 else chain.from_iterable(found))
    numbers = {w for w in words if _has_digit(w)}
    for k, _ in hits.most_common(32):
        earlier = kept_sets[k]
        if not numbers <= earlier:
            continue
        shared = len(words & earlier)
        if shared >= _CONTAINMENT * len(words) and (len(earlier) > len(words) or shared == len(words)):
            return True
        if (len(words) > len(earlier) and shared >= _EXTENSION[0] * len(earlier)
                and shared >= _EXTENSION[1] * len(words)):
            return True
    return False
