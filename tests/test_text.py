"""Tests for `sitrep.text`: untrusted names, keys and text made inert before they leave sitrep.

Also what rides on it: the dashboard's `marks.safe`, and the reader, which strips the same
escape sequences from article text without eating mojibake that looks like an 8-bit one.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, strategies as st

from sitrep.reader import clean_text
from sitrep.text import clean, for_cells, strip_escapes
from sitrep.tui.marks import safe

HOSTILE_NAMES = [
    "\x1b]52;c;Q0xJUEJPQVJE\x1b\\b.txt",
    "\x1b]52;c;UFdORUQ=\x07osc52.txt",
    "\x1b]0;PWNED-TITLE\x07empty.txt",
    "\x1b]2;TOASTTITLE\x07toast.txt",
    "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07.txt",
    "\x1b[2J\x1b[Hclear.txt",
    "\x9d0;C1TITLE\x07c1osc.txt",
    "\x9d0;C1TITLE\x9cc1st.txt",
    "c1\x9b31mred_title.txt",
    "\u202eevil\u202c.txt",
    "\u2066iso\u2069late.txt",
    "zero\u200bwidth\u200d\ufeff.txt",
    "bell\x07back\x08del\x7fnel\x85.txt",
]


def visible(text: str) -> bool:
    """No control, bidi or invisible format character, and no lone surrogate."""
    return all(unicodedata.category(c) not in ("Cc", "Cf", "Cs") for c in text)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_name_keeps_only_its_visible_text(name: str) -> None:
    cleaned = clean(name)
    assert visible(cleaned)
    assert cleaned.endswith(".txt")
    for payload in ("52;", "TITLE", "\x1b", "31m", "http"):
        assert payload not in cleaned


def test_an_osc_sequence_goes_whole_with_either_terminator() -> None:
    assert clean("a\x1b]0;title\x07b\x1b]52;c;aGk=\x1b\\c") == "abc"


def test_an_eight_bit_osc_goes_whole() -> None:
    assert clean("\x9d0;C1TITLE\x07name.txt") == "name.txt"


def test_an_eight_bit_csi_goes_whole() -> None:
    assert clean("c1\x9b31mred") == "c1red"


def test_line_breaks_and_tabs_become_one_space() -> None:
    assert clean("nl\n# INJECTED\r\n\tx\u2028y") == "nl # INJECTED x y"


def test_bidi_and_zero_width_characters_are_removed() -> None:
    assert clean("a\u202eb\u2066c\u2069d\u200be\u200df\u2060g\ufeffh\u061ci") == "abcdefghi"


def test_a_byte_that_is_not_utf8_shows_as_a_replacement_character() -> None:
    assert clean("bad\udcff\udcfename.txt") == "bad\ufffd\ufffdname.txt"
    assert clean("bad\udcffname.txt").encode("utf-8")


def test_printable_text_of_any_script_and_lookalike_markup_is_kept() -> None:
    text = "[bold red]x[/] <img src=x> `code` | Goïta مرحبا 军方 👮 e\u0301"
    assert clean(text) == text


def test_no_control_or_format_character_is_left_visible() -> None:
    # hypothesis found U+206A (a deprecated shaping control) now and then; every one is checked here
    left = [hex(c) for c in range(sys.maxunicode + 1)
            if unicodedata.category(chr(c)) in ("Cc", "Cf") and not visible(clean(chr(c)))]
    assert left == []


@given(st.text())
def test_cleaning_twice_changes_nothing_more(text: str) -> None:
    once = clean(text)
    assert visible(once)
    assert clean(once) == once


def test_strip_escapes_leaves_controls_that_are_not_escapes() -> None:
    assert strip_escapes("a\x1b[31mb\tc\x07") == "ab\tc\x07"


# --- what rides on it -----------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_the_dashboard_shows_a_name_cleaned_the_same_way(name: str) -> None:
    assert safe(name).plain == clean(name)


def test_the_reader_keeps_a_double_encoded_closing_quote_and_the_rest_of_its_line() -> None:
    assert clean_text("He said \u00e2\x80\x9cyes\u00e2\x80\x9d and left.") == "He said “yes” and left."


def test_the_reader_repairs_a_double_encoded_letter_that_looks_like_an_eight_bit_csi() -> None:
    assert clean_text("Caf\u00c3\u00a9 na \u00c5\x9bwiat") == "Café na świat"


def test_the_reader_still_strips_eight_bit_sequences_from_article_text() -> None:
    assert clean_text("Soldiers \x9b31mreturned\x9d0;TITLE\x07 home.") == "Soldiers returned home."


def test_a_flag_becomes_its_letters_for_the_dashboard() -> None:
    assert for_cells("\U0001f1eb\U0001f1f7 Paris") == "FR Paris"


def test_emoji_modifiers_that_terminals_draw_apart_are_left_out_for_the_dashboard() -> None:
    assert for_cells("ok \u263a\ufe0f \U0001f44d\U0001f3fd 1\ufe0f\u20e3") == "ok \u263a \U0001f44d 1"


def test_the_dashboard_text_has_the_width_rich_measures() -> None:
    from rich.cells import cell_len

    shown = for_cells("\U0001f1eb\U0001f1f7\U0001f468\u200d\U0001f469\u200d\U0001f467 \u263a\ufe0f")
    assert cell_len(shown) == sum(2 if ord(c) > 0x1F000 else 1 for c in shown)


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7F)))
def test_clean_leaves_printable_ascii_as_it_is_and_only_that_unchanged_by_the_markdown_fast_path(
        text: str) -> None:
    # `report.markdown._md` skips `clean` for printable ASCII: the same result, by this property
    if text.isascii() and text.isprintable():
        assert clean(text) == text
    else:
        assert clean(text) != text or not any(c < " " or c == "\x7f" for c in text)
