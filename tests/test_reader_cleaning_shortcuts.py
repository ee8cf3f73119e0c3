"""`clean_text` skips the regex steps that would find nothing; what it gives is what running every
step every time gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings, strategies as st

from sitrep.reader.cleaning import _INVISIBLE, _SPACES, clean_text, repair
from sitrep.reader.duplicates import drop_repeats
from sitrep.text import strip_escapes


def _every_step_once(text: str) -> str:
    text = re.sub("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", "\n", text)
    text = repair(strip_escapes(text))
    text = re.sub("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", "\n", text)
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", _SPACES.sub(" ", text)))
    return re.sub(r" *\n *", "\n", re.sub(r" {2,}", " ", text)).strip()


def _every_step(text: str) -> str:
    for _ in range(4):
        cleaned = _every_step_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


PIECES = st.sampled_from([
    "\r\n", "\r", "\r\r\n", "\n", " \n", "\n ", "  ", " ", "\t", "\u00a0", "\u2028", "\x85", "\x0b", "\x1c",
    "\u200b", "\ufeff", "\x1b[31m", "GoÃ¯ta", "&amp;", "Â ", "e\u0301", "words",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=24).map("".join))
def test_cleaning_gives_what_every_step_every_time_gives(text: str) -> None:
    assert clean_text(text) == _every_step(text)


def test_a_carriage_return_before_a_line_feed_is_one_line_break() -> None:
    assert clean_text("one\r\ntwo\r\r\nthree\rfour") == "one\ntwo\n\nthree\nfour"


def test_a_paragraph_repeated_with_other_case_and_punctuation_is_dropped_once_remembered() -> None:
    paragraphs = ["The army said on Monday that it had taken the town.",
                  "Officials gave no figure.",
                  "THE ARMY SAID, ON MONDAY, THAT IT HAD TAKEN THE TOWN!"]
    assert drop_repeats(paragraphs) == (paragraphs[:2], 1)
    assert drop_repeats(paragraphs) == (paragraphs[:2], 1)  # the folds remembered give the same
