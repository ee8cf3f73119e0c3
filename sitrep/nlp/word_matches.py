"""One-word token patterns of a `span_ruler`, matched by table lookup.

The titles ruler holds a few token patterns that are each one word in lower case ("former",
"acting"). spaCy's `Matcher` tries every pattern at every token and cost twenty times the
ruler's phrase matching; such a pattern matches exactly the tokens whose `LOWER` is its word, so
`LowerWordMatcher` reads the doc's `LOWER` column once and looks each token up. The ruler still
does everything else (labels, de-duplication, order), so its spans are the same
(`tests/test_word_matches.py` compares them).

A ruler with any other token pattern keeps spaCy's `Matcher`.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LOWER
from spacy.tokens import Doc


class LowerWordMatcher:
    """Stands in for a span ruler's `Matcher` whose patterns are all `[{"LOWER": word}]`."""

    def __init__(self, by_lower: dict[int, list[int]]) -> None:
        self._by_lower = by_lower
        """Hash of a lower-case word -> the match ids of the patterns that are that word."""

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """`(match_id, start, end)` for every token one of the patterns matches."""
        if not len(doc) or not self._by_lower:
            return []
        found: list[tuple[int, int, int]] = []
        by_lower = self._by_lower
        for i, lower in enumerate(doc.to_array(LOWER).tolist()):
            keys = by_lower.get(lower)
            if keys:
                found.extend((key, i, i + 1) for key in keys)
        return found


def speed_up_word_patterns(ruler: Any) -> bool:
    """Give `ruler` (a `span_ruler` with its patterns added) a `LowerWordMatcher` when every token
    pattern it holds is one lower-case word; returns whether it did. Add no patterns afterwards."""
    matcher = ruler.matcher
    strings = ruler.nlp.vocab.strings
    by_lower: dict[int, list[int]] = {}
    keys = [key for key in ruler._match_label_id_map if key in matcher]
    if len(keys) != len(matcher):
        return False
    for key in keys:
        on_match, patterns = matcher.get(key)
        if on_match is not None:
            return False
        for pattern in patterns:
            if len(pattern) != 1 or list(pattern[0]) != ["LOWER"] or not isinstance(pattern[0]["LOWER"], str):
                return False
            by_lower.setdefault(strings.add(pattern[0]["LOWER"]), []).append(key)
    ruler.matcher = LowerWordMatcher(by_lower)
    return True
