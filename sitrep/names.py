"""Name keys: how two spellings of one name are recognised as the same ("Goïta" = "Goita")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


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
