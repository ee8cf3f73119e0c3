"""The headline: a date line and byline at the top taken into metadata, the title chosen and removed."""

from __future__ import annotations

import re

from .duplicates import clean_fingerprint
from .markdown import Line, markdown_text
from .outlets import strip_outlet_suffix
from .published import DATE_LABEL, date_line
from .sentences import FUNCTION_WORDS, ends_sentence, headline_like, starts_new, title_case

_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al|el)){0,6}(?:,.*)?$")


_MAX_TITLE_WORDS = 25


def _first_lines(md: list[Line], count: int) -> list[int]:
    """Indices of the first `count` non-blank lines."""
    return [i for i, line in enumerate(md) if line.kind != "blank"][:count]


_BLOCK_SEPARATOR = re.compile(r"^[|•·]$")


_TOP_LINES = 3


_BYLINE_BLOCK_LINES = 10


def top_date_and_byline(md: list[Line], meta: dict[str, str]) -> None:
    """Take date lines and a byline among the first lines into metadata.

    A byline block ("PUBLISHED:" and "UPDATED:" labels, each over its date line, "|" between
    them) is followed beyond the first three lines for as long as each of its lines is taken;
    a labelled date goes under "published" or "updated", a bare one under "date".
    """
    label: tuple[int, str] | None = None  # a "PUBLISHED:" line waiting for its date line
    taken = True
    for n, i in enumerate(_first_lines(md, _BYLINE_BLOCK_LINES)):
        if n >= _TOP_LINES and not taken:
            break
        line = md[i].text.strip()
        taken = True
        dated = date_line(line)
        heading = DATE_LABEL.match(line)
        if dated is not None:
            key, value = dated
            if label is not None and key == "date":
                key = label[1]
                md[label[0]] = Line("", "blank")
            meta.setdefault(key, value)
            label = None
        elif heading is not None and not heading["rest"]:
            is_update = heading["label"].lower().endswith(("updated", "modified"))
            label = (i, "updated" if is_update else "published")
            continue  # blanked only when its date line follows
        elif _BLOCK_SEPARATOR.match(line) and ("published" in meta or "updated" in meta):
            pass
        elif n < _TOP_LINES and _BYLINE.match(line) and len(line.split()) <= 10 \
                and line.split()[1].strip(",") not in _NOT_NAMES:  # "By Tuesday, troops had ..." is text
            meta.setdefault("author", line[3:].strip())
        else:
            taken = False
            continue
        md[i] = Line("", "blank")


_NAME = r"[A-Z][\w.'’-]+"
_PERSON = rf"{_NAME}(?: {_NAME}){{1,3}}"
_STANDALONE_BYLINE = re.compile(
    rf"^By (?P<who>{_PERSON}(?:,? (?:and|&) {_PERSON})?)(?: in (?P<where>{_NAME}(?: {_NAME}){{0,3}}))?$")
"""A line that is a byline and nothing else: "By Petra Vallin in Merrow Bay", "By A and B"."""
_NOT_NAMES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
              "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December", "The", "Then", "Now", "Late", "Early", "Noon", "Midnight"}
_LATE_BYLINE_LINES = 8


def late_byline(md: list[Line], meta: dict[str, str]) -> None:
    """A byline standing alone a few lines down (after the standfirst or the lede, as some sites
    place it) goes into metadata and out of the text, with its dateline place: it is never news,
    and its name is never an actor."""
    for i in _first_lines(md, _LATE_BYLINE_LINES):
        found = _STANDALONE_BYLINE.match(md[i].text.strip())
        if found is None or found["who"].split()[0] in _NOT_NAMES:
            continue
        meta.setdefault("author", found["who"])
        if found["where"]:
            meta.setdefault("dateline", found["where"])
        md[i] = Line("", "blank")
        return


def choose_title(md: list[Line], meta: dict[str, str], stem: str) -> tuple[str, int | None]:
    """The title and the index of the body line it was taken from (None if not from the body)."""
    given = markdown_text(meta.get("title") or meta.get("headline") or "")
    if given:
        return strip_outlet_suffix(given), None
    for i in _first_lines(md, 10):
        line = md[i]
        if line.level != 1 or date_line(line.text) is not None:
            continue
        words = line.text.split()
        if len(words) <= _MAX_TITLE_WORDS * 2 and not (len(words) > _MAX_TITLE_WORDS
                                                       and ends_sentence(line.text)):
            return strip_outlet_suffix(line.text), i
        # A long H1 is a summary; "Topic: summary sentence" still gives a short title.
        head, sep, tail = line.text.partition(":")
        if sep and 2 <= len(head.split()) <= 12 and len(tail.split()) >= 3:
            md[i] = Line(tail.strip(), "single")
            return head.strip(), None
        break
    for n, i in enumerate(_first_lines(md, 5)):
        line = md[i]
        # After body text has begun, only a Title Case line is taken for the headline: a
        # sentence-case line there is more likely a caption or a subheading.
        if (_is_standalone_headline(md, i) and (n == 0 or title_case(line.text))
                and date_line(line.text) is None):
            return strip_outlet_suffix(line.text), i
    readable = re.sub(r"[_\-.\s]+", " ", stem).strip() or "Untitled"
    return readable[:1].upper() + readable[1:], None


def _is_standalone_headline(md: list[Line], i: int) -> bool:
    """Whether line `i` is a headline on its own line, not a fragment of a wrapped sentence."""
    line = md[i]
    if not headline_like(line.text) or (line.kind == "single" and line.level == 0):
        return False
    if line.kind == "single":
        return True
    prev = md[i - 1] if i > 0 else None
    if prev is not None and prev.kind == "text" and not ends_sentence(prev.text):
        return False
    nxt = md[i + 1] if i + 1 < len(md) else None
    if nxt is None or nxt.kind != "text":
        return True
    if line.text.split()[-1].lower() in FUNCTION_WORDS:
        return False  # "...complained that the" + "civilian government...": a wrapped sentence
    # Hard-wrapped lines have similar lengths; a headline is much shorter than the text after it.
    return starts_new(nxt.text) and (title_case(line.text) or len(line.text) <= 0.6 * len(nxt.text))


def remove_title(md: list[Line], title: str, title_index: int | None) -> int:
    """Blank the title line and every repeat of it; the number of repeats."""
    target = clean_fingerprint(title)
    repeats = 0
    for i, line in enumerate(md):
        if (line.kind != "blank" and len(line.text) <= 4 * len(title) + 40
                and clean_fingerprint(line.text) == target):
            md[i] = Line("", "blank")
            if i != title_index:
                repeats += 1
    return repeats
