"""Tests for `sitrep.nlp.word_matches`: a span ruler whose token patterns are single lower-case
words finds the same spans with the lookup matcher as with spaCy's `Matcher`, and keeps the
`Matcher` for any other token pattern."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.nlp.pattern_files import bundled_patterns
from sitrep.nlp.word_matches import LowerWordMatcher, speed_up_word_patterns

TEXTS = [
    "Former President Ibrahim Boubacar Keita and the acting Prime Minister met the then Interior Minister.",
    "FORMER deputy head, ex-President, self-declared leader; the late General and a Transitional Council.",
    "Nothing here matches at all.",
    "",
    "Deputy deputy DEPUTY deputies Late later acting-minister ex ex.",
]


def _ruler(nlp: Language, name: str, patterns: list[dict[str, object]]) -> object:
    ruler = nlp.add_pipe("span_ruler", name=name, config={"spans_key": name})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return ruler


def _spans(doc: Doc, key: str) -> list[tuple[int, int, str, str]]:
    group: list[Span] = list(doc.spans[key])
    return [(s.start, s.end, s.label_, s.id_) for s in group]


def test_the_titles_ruler_finds_the_same_spans_with_the_lookup_matcher() -> None:
    stock, fast = spacy.blank("en"), spacy.blank("en")
    _ruler(stock, "titles", bundled_patterns("titles"))
    ruler = _ruler(fast, "titles", bundled_patterns("titles"))
    assert speed_up_word_patterns(ruler)
    assert isinstance(ruler.matcher, LowerWordMatcher)  # type: ignore[attr-defined]
    for text in TEXTS:
        assert _spans(fast(text), "titles") == _spans(stock(text), "titles")


def test_single_word_patterns_match_whatever_the_case() -> None:
    nlp = spacy.blank("en")
    ruler = _ruler(nlp, "mods", [{"label": "MOD", "pattern": [{"LOWER": "former"}]},
                                 {"label": "OTHER", "pattern": [{"LOWER": "former"}], "id": "x"}])
    assert speed_up_word_patterns(ruler)
    assert _spans(nlp("Former and FORMER, formerly"), "mods") == [
        (0, 1, "MOD", ""), (0, 1, "OTHER", "x"), (2, 3, "MOD", ""), (2, 3, "OTHER", "x")]


def test_a_ruler_with_a_longer_token_pattern_keeps_the_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = _ruler(nlp, "mods", [{"label": "MOD", "pattern": [{"LOWER": "vice"}, {"LOWER": "president"}]}])
    assert not speed_up_word_patterns(ruler)
    assert not isinstance(ruler.matcher, LowerWordMatcher)  # type: ignore[attr-defined]


def test_a_ruler_with_an_other_attribute_keeps_the_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = _ruler(nlp, "mods", [{"label": "MOD", "pattern": [{"ORTH": "Former"}]}])
    assert not speed_up_word_patterns(ruler)
