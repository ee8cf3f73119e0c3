"""Name keys: how two spellings of one name are recognised as the same ("Goïta" = "Goita")."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip accents ("Goïta" -> "goita")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def name_key(text: str) -> str:
    """A merge key for a name: folded, possessive and punctuation dropped, words kept."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text).replace("'s", "")))
