"""Tests for the text helpers of `sitrep.extract.base` that every extractor calls: the fast
forms give what their plain regex definitions give."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from sitrep.extract.base import clean_span_text, strip_determiner


def _plain_clean_span_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def _plain_strip_determiner(text: str) -> str:
    return re.sub(r"^(the|a|an|his|her|their|its)\s+", "", text, flags=re.I)


def test_runs_of_whitespace_become_one_space_and_the_ends_lose_spaces_and_separators() -> None:
    assert clean_span_text(" ,\n the  army\t\tsaid ;: ") == "the army said"


def test_every_unicode_space_counts_as_whitespace() -> None:
    assert clean_span_text("a\u00a0b\u2028c\u3000d\x1ce\x85f") == "a b c d e f"


def test_a_separator_inside_is_kept() -> None:
    assert clean_span_text("Bamako, Mali; 2024: ") == "Bamako, Mali; 2024"


_SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u2028", "\u3000", "\x1c", "\x85", "\u200b"])
_PIECES = st.one_of(_SPACES, st.sampled_from([",", ";", ":", ", ", "The", "the ", "A ", "an", "his", "army"]),
                    st.text(max_size=4))


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_clean_span_text_is_the_regex_definition(text: str) -> None:
    assert clean_span_text(text) == _plain_clean_span_text(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_strip_determiner_is_the_regex_definition(text: str) -> None:
    assert strip_determiner(text) == _plain_strip_determiner(text)


def test_only_a_leading_determiner_goes() -> None:
    assert strip_determiner("The leader of the junta") == "leader of the junta"
