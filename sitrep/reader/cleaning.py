"""Cleaning scraped text: mojibake and HTML entities repaired, escapes and invisible characters removed.

`clean_text` keeps the line structure (the later steps read lines); terminal escape sequences
are the ones `text.strip_escapes` knows, so the reader and every other output agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ftfy

from ..text import strip_escapes

# A lone "Â" before a space is the UTF-8 no-break space read as Latin-1 with its second byte
# already turned into a plain space; ftfy leaves that case alone.
_LONE_A_CIRC = re.compile(r"(?<![A-ZÀ-Þ])Â(?=[ \u00a0\n]|$)")


_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ufffd\ufffe\uffff\ud800-\udfff\ue000-\uf8ff]"
)


_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""Line breaks other than "\\n", after "\\r\\n" has become "\\n" (`_newlines`)."""


_MULTI_SPACE = re.compile(r" {2,}")


_EDGE_SPACE = re.compile(r" *\n *")


_FTFY = ftfy.TextFixerConfig(unescape_html=True, uncurl_quotes=False, explain=False)


_REMEMBERED_LINE = 2_000
"""Lines up to this many characters have their ftfy result remembered (bounds the memo's memory)."""


def repair(text: str) -> str:
    """Fix mojibake and HTML entities (ftfy, plus the lone "Â " it leaves).

    ftfy fixes each line on its own (its documented segments: up to and including a newline), so
    the text is fixed line by line through `_fixed_line`, which remembers its answers: cleaning
    runs every text twice (the second pass proves nothing changes) and most lines are the same
    both times."""
    if text.isascii() and "&" not in text:
        return text
    text = "".join(_fixed_line(line) if len(line) <= _REMEMBERED_LINE else ftfy.fix_text(line, _FTFY)
                   for line in _segments(text))
    return _LONE_A_CIRC.sub("", text) if "Â" in text else text


def _segments(text: str) -> list[str]:
    """`text` cut after each "\\n" as ftfy cuts it (only there: not at "\\r" or U+2028)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


@lru_cache(maxsize=1024)  # an article's lines, for its second pass; a few MB at most
def _fixed_line(line: str) -> str:
    return ftfy.fix_text(line, _FTFY)


def clean_text(text: str) -> str:
    """Repair and normalise scraped text, keeping its line structure.

    Fixes mojibake ("GoÃ¯ta" -> "Goïta") and HTML entities ("pr&#233;cis" -> "précis");
    removes terminal escape sequences, control characters (tabs become spaces), zero-width
    and bidi-override characters; NFC-normalises; collapses runs of spaces and trims lines.
    Letters of any script are kept, and so is text that only looks like markup ("[red]").
    Cleaning is idempotent: removing a control character can expose more mojibake, so the
    steps repeat (at most a few times) until nothing changes.
    """
    for _ in range(4):
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


def _clean_once(text: str) -> str:
    text = _newlines(text)
    text = strip_escapes(text)
    text = repair(text)
    text = _newlines(text)  # ftfy may produce U+2028 and friends
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    # Substring tests are far cheaper than a regex scan that finds nothing, which is what the
    # second pass of every text (and most first ones) would do.
    text = collapse_spaces(text)
    if " \n" in text or "\n " in text:
        text = _EDGE_SPACE.sub("\n", text)
    return text.strip()


def collapse_spaces(text: str) -> str:
    """Runs of spaces as one space (a substring test first: most texts have none)."""
    return _MULTI_SPACE.sub(" ", text) if "  " in text else text


def _newlines(text: str) -> str:
    """Every line break as "\\n" ("\\r\\n" as one)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return _LINE_BREAKS.sub("\n", text)
