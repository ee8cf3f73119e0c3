"""Tests for `sitrep.reader.cleaning.repair`: fixing a text line by line, with remembered lines,
gives what one ftfy call over the whole text gives."""

from __future__ import annotations

import re

import ftfy
from hypothesis import given, settings, strategies as st

from sitrep.reader.cleaning import _FTFY, repair


def _whole_text_repair(text: str) -> str:
    if text.isascii() and "&" not in text:
        return text
    text = ftfy.fix_text(text, _FTFY)
    return re.sub(r"(?<![A-ZÀ-Þ])Â(?=[ \u00a0\n]|$)", "", text) if "Â" in text else text


PIECES = st.sampled_from([
    "GoÃ¯ta", "prÃ©sident", "&#233;", "&amp;", "&eacute;", "â€™", "â€œquotedâ€\x9d", "Â ", "Â", "\n", "\n\n",
    "\r\n", "\r", "\u2028", "\u0085", "\x1b[31m", "ﬁ", "ＬＯＵＤ", "plain words ", "é", "Ã", "\x00", " ",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=20).map("".join))
def test_line_by_line_is_one_whole_text_ftfy_call(text: str) -> None:
    assert repair(text) == _whole_text_repair(text)


def test_the_same_text_twice_is_repaired_the_same_both_times() -> None:
    text = "Le prÃ©sident GoÃ¯ta a dit\nqu&#8217;il reste.\n\nSecond line"
    assert repair(text) == repair(text) == _whole_text_repair(text) == (
        "Le président Goïta a dit\nqu\u2019il reste.\n\nSecond line")


def test_a_line_too_long_to_remember_is_still_repaired() -> None:
    text = "prÃ©sident " * 500 + "\nend"
    assert repair(text) == _whole_text_repair(text) == "président " * 500 + "\nend"
