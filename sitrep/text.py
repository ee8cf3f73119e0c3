"""Text, in one place: folding (how two spellings of one name are recognised as one, "Goïta" =
"Goita"), paragraph fingerprints (the same wire copy in two outlets), and untrusted text made
inert.

Inert text: file names, config keys and article text come from outside. Before any of them
reaches a terminal (the dashboard, a toast, stderr) or a report, `clean` removes terminal escape
sequences whole (7-bit and 8-bit CSI and OSC, DCS and the other string sequences), every other
C0 and C1 control, bidi overrides and isolates, and zero-width and other invisible format
characters; a byte of a file name that is not UTF-8 (a lone surrogate from `os.fsdecode`) shows
as U+FFFD. The reader strips the same escape sequences from article text with `strip_escapes`.

This module imports nothing from sitrep, so every layer can use it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache

# Folding and keys


def fold(text: str) -> str:
    """Lower-case and strip accents ("Goïta" -> "goita")."""
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


class _BaseLetters(dict[int, str]):
    """str.translate table: a character -> its first decomposed character, filled as met."""

    def __missing__(self, code: int) -> str:
        base = self[code] = unicodedata.normalize("NFD", chr(code))[0]
        return base


_BASE_LETTERS = _BaseLetters()


def fold_chars(text: str) -> str:
    """`text` with each letter's accents dropped, one character for one ("Goïta" -> "Goita"), so
    offsets in the result are offsets in `text` (unlike `fold`, which may change the length)."""
    return text if text.isascii() else text.translate(_BASE_LETTERS)


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """A merge key for a name: folded, possessive and punctuation dropped, words kept."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text).replace("'s", "").replace("\u2019s", "")))


def ends_name(short: str, full: str) -> bool:
    """Whether the name key `short` is a shorter name `full` ends with ("tayyip erdogan" and "erdogan"
    of "recep tayyip erdogan"): one name, told shorter."""
    said, named = short.split(), full.split()
    return 0 < len(said) < len(named) and named[-len(said):] == said


def sentence_key(text: str) -> str:
    """A cheap key for "the same sentence" across copies: the name key of its first 200 characters."""
    return name_key(text[:200])[:120]


_DEMONYM_ENDINGS = ("ians", "ian", "eans", "ean", "ans", "ese", "ish", "ia", "an", "i", "a")


def nation_key(name: str) -> str:
    """One key for a country and its people: "Cameroon" and "Cameroonian" -> "cameroon",
    "India" and "Indian" -> "ind". Niger and Nigeria share one; they are then compared, as
    figures with no group are."""
    word = name.lower().strip()
    for ending in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


# Fingerprints

_NOT_WORD = re.compile(r"[\W_]+")


@cache
def _combining_marks() -> dict[int, None]:
    """A `str.translate` table deleting every combining mark (all of them sit below U+30000)."""
    return {cp: None for cp in range(0x300, 0x30000) if unicodedata.combining(chr(cp))}


def fold_words(text: str) -> str:
    """Case- and accent-folded text with only letters and digits, single-spaced: what a paragraph
    fingerprint is taken of."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_combining_marks())
    return _NOT_WORD.sub(" ", text).strip()


def folded_fingerprint(folded: str) -> str:
    """A short stable hash of text `fold_words` folded."""
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest()


def spacing_key(text: str) -> str:
    """Case- and space-insensitive form of a key ("Disputed: X" = "disputed:  x")."""
    return " ".join(text.split()).casefold()


# Inert text

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
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
)
"""One character that must never be shown as is: a C0 or C1 control, a bidi override, mark or
isolate, or an invisible format character (zero-width space and joiners, word joiner, soft
hyphen, byte-order mark, interlinear annotation, tag characters, the deprecated shaping and
digit-shape controls, prepended number signs, hieroglyph and musical format controls): every
character Unicode calls a control or a format character."""

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
