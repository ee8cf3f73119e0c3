"""The shape of a line: does it end a sentence, start one, or read like a headline."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?…؟。！？][\"'”’»)\]]*$")


_OPENERS = "\"'“‘«(["


_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "cpt", "sgt", "maj", "gov", "sen", "rep",
    "st", "mt", "jr", "sr", "no", "vs", "etc", "u.s", "u.k", "u.n", "inc", "ltd", "co", "corp", "fig",
    "approx",
}


FUNCTION_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but", "by", "with", "from", "as",
    "that", "which", "who", "whose", "its", "his", "her", "their", "our", "my", "this", "these", "those",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "not", "into", "than", "mr", "mrs",
    "ms", "dr", "if", "so", "because", "while", "when", "where", "said", "says",
}


_SMALL_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "as", "by", "with", "from",
    "vs", "amid", "over", "into", "after", "before", "via", "per", "is", "be", "are", "was", "nor", "up",
}


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence (. ! ? or a closing quote after one), not an abbreviation."""
    if not _SENTENCE_END.search(text):
        return False
    last = text.rstrip("\"'”’»)]").rstrip(".!?…").rsplit(None, 1)[-1:] or [""]
    word = last[0].lower().lstrip(_OPENERS)
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def starts_new(text: str) -> bool:
    """Whether a line starts like a new sentence: capital (or uncased letter), digit or quote."""
    first = text[:1]
    return bool(first) and (first in _OPENERS[:5] or first.isdigit()
                            or (first.isalpha() and not first.islower()))


def title_case(text: str) -> bool:
    """Whether most significant words are capitalised ("Soldiers Arrested Amid Coup Fears")."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS]
    if len(words) < 2:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.75 * len(words)


def headline_like(text: str) -> bool:
    """Short, starts like a sentence, and not shaped like a sentence or a wrapped fragment."""
    words = text.split()
    if not 2 <= len(words) <= 25 or not starts_new(text) or text[-1] in ",;:-–—(":
        return False
    return not (_SENTENCE_END.search(text) and not title_case(text))
