"""Untrusted text made inert: one cleaning for every path, config key and text sitrep lets out.

File names, config keys and article text come from outside. Before any of them reaches a
terminal (the dashboard, a toast, stderr) or a report, `clean` removes terminal escape
sequences whole (7-bit and 8-bit CSI and OSC, DCS and the other string sequences), every other
C0 and C1 control, bidi overrides and isolates, and zero-width and other invisible format
characters; a byte of a file name that is not UTF-8 (a lone surrogate from `os.fsdecode`)
shows as U+FFFD. The reader strips the same escape sequences from article text with
`strip_escapes`. This module imports nothing from sitrep, so every layer can use it.
"""

from __future__ import annotations

import re

__all__ = ["REPLACEMENT", "UNSAFE", "clean", "for_cells", "strip_escapes", "without_surrogates"]

ESCAPE_SEQUENCES = re.compile(
    r"""
      \x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?       # OSC ... BEL or ST (unterminated: to end of line)
    | \x1b[PX^_][^\x1b\x07]*(?:\x1b\\|\x07)?     # DCS, SOS, PM, APC strings
    | \x1b\[[0-?]*[ -/]*[@-~]                    # CSI
    | \x1b[ -/]*[0-~]                            # other two- and three-byte escapes
    | \x9b[0-?]+[ -/]*[@-~]                      # 8-bit CSI with parameters
    | \x9d[^\x07\x9c\x1b\n]*(?:\x07|\x9c|\x1b\\) # 8-bit OSC, terminated
    """,
    re.VERBOSE,
)
"""Terminal escape sequences, matched whole.

The 8-bit forms need their parameters or terminator: a bare U+009B or U+009D is far more often
mojibake than an escape ("Å\\x9b" is a double-encoded "ś", "â\\x80\\x9d" a closing quote), and
the reader repairs mojibake after this runs. A C1 byte left over is removed as a control, and
without its introducer the rest of a sequence is plain text.
"""

UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
"""One character that must never be shown as is: a C0 or C1 control, a bidi override, mark or
isolate, or an invisible format character (zero-width space and joiners, word joiner, soft
hyphen, byte-order mark, interlinear annotation, tag characters)."""

REPLACEMENT = "\ufffd"
"""What a byte that is not UTF-8 (a lone surrogate) shows as."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def strip_escapes(text: str) -> str:
    """`text` without terminal escape sequences (each removed whole); nothing else changes."""
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        return ESCAPE_SEQUENCES.sub("", text)
    return text


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate (a byte of a name that is not UTF-8) as U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, text)


def clean(text: str) -> str:
    """`text` safe to print or write anywhere, on one line.

    Escape sequences go whole, line breaks and tabs become one space, other controls, bidi
    and invisible format characters go, and lone surrogates become U+FFFD. Printable text of
    any script, and text that only looks like markup ("[red]", "<b>"), is kept as it is.
    """
    text = _BREAKS.sub(" ", strip_escapes(text))
    return without_surrogates(UNSAFE.sub("", text))


_REGIONAL = re.compile("[\U0001f1e6-\U0001f1ff]")
_CELL_MODIFIERS = re.compile("[\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff]")


def for_cells(text: str) -> str:
    """Cleaned text whose width every terminal agrees on, for a grid of cells (the dashboard).

    Terminals and Rich disagree on the width of a flag (two regional indicators drawn as one
    emoji), an emoji with a variation selector, a skin tone or a keycap, which shifts a pane's
    border. A flag becomes its two letters ("🇫🇷" -> "FR"); the modifiers go; the emoji stay.
    """
    text = clean(text)
    if _REGIONAL.search(text):
        text = _REGIONAL.sub(lambda m: chr(ord(m.group()) - 0x1F1E6 + ord("A")), text)
    return _CELL_MODIFIERS.sub("", text)
