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


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """A merge key for a name: folded, possessive and punctuation dropped, words kept."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text).replace("'s", "")))


def sentence_key(text: str) -> str:
    """A cheap key for "the same sentence" across copies: the name key of its first 200 characters."""
    return name_key(text[:200])[:120]

