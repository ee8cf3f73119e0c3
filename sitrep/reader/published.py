"""When an article was published: dates in its metadata, its provenance note, its URL or a top line.

`Article.date` is an ISO 8601 string whose length is its precision: "2020-09-02T15:29+01:00" or
"2020-09-02T15:29" (a time, with the offset when the source gave a zone), "2020-09-02" (a day),
"2012-03" (only the month is known) or "2012" (only the year). `dates.publication_day` reads it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from ..dates import MONTHS, resolve, resolve_all
from .markdown import URL

_DATE_KEYS = ("date", "published", "published_at", "publish_date", "pubdate", "created", "updated",
              "modified")


_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"


_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"


_LABEL = r"(?:(?:first\s+)?(?:published|posted|updated|last\s+updated|modified)(?:\s+(?:on|at))?\s*:?\s*)?"


_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?P<ampm>[ap]\.?m\b\.?)?"


_TIME = rf"(?:(?:,|\s+at)?[\sT]+{_CLOCK})?"


_ZONE = r"(?:\s*\(?(?P<zone>(?-i:Z|[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)|[+-]\d{2}:?\d{2})\)?)?"


_DAY_MONTH_YEAR = rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})"


_MONTH_DAY_YEAR = rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"


_DATE_FORMS = [
    re.compile(rf"{_LABEL}{date_part}{_TIME}{_ZONE}", re.IGNORECASE)
    for date_part in (r"(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})",
                      r"(?P<year>\d{4})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})",
                      _DAY_MONTH_YEAR, _MONTH_DAY_YEAR)
] + [
    # "06:28 EST, 29 September 2013": the time and zone before the date, as in a byline block
    re.compile(rf"{_LABEL}{_CLOCK}{_ZONE},?\s+{date_part}", re.IGNORECASE)
    for date_part in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR)
] + [
    # "2020-09-07-14-20-08": a date-time joined by dashes, as some static-site generators write it
    re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})-(?P<hour>\d{2})-(?P<minute>\d{2})(?:-\d{2})?"),
]


_PARTIAL_FORMS = [  # only the month or the year: for metadata values, never for a body line
    re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})"),
    re.compile(rf"{_MONTH},?\s+(?P<year>\d{{4}})", re.IGNORECASE),
    re.compile(r"(?P<year>(?:19|20)\d{2})"),
]


_ZONE_OFFSETS = {
    "Z": 0, "UTC": 0, "GMT": 0, "UT": 0, "WET": 0, "BST": 60, "IST": 60, "WEST": 60, "CET": 60, "WAT": 60,
    "CEST": 120, "EET": 120, "SAST": 120, "CAT": 120, "EEST": 180, "EAT": 180, "MSK": 180,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "HKT": 480, "SGT": 480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660,
}
"""Minutes east of UTC. "IST" is taken as Irish Summer Time, as in British and Irish bylines."""


_OFFSET = re.compile(r"(?P<name>[A-Z]{1,5})?(?:(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?)?")


def _zone_offset(zone: str | None) -> str | None:
    """ "+01:00" for "BST", "+0100", "GMT+1" or "UTC+01:00"; None for no zone or an unknown name."""
    if not zone:
        return None
    m = _OFFSET.fullmatch(zone)
    if m is None:
        return None
    minutes = 0
    if m["name"]:
        if m["name"] not in _ZONE_OFFSETS:
            return None
        minutes = _ZONE_OFFSETS[m["name"]]
    if m["sign"]:
        delta = int(m["h"]) * 60 + int(m["m"] or 0)
        minutes += delta if m["sign"] == "+" else -delta
    if abs(minutes) >= 24 * 60:
        return None
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _hour(hour: int, ampm: str | None) -> int:
    """The 24-hour hour: "2 p.m." is 14, "12 a.m." is 0; a 24-hour time ignores a stray am/pm."""
    if not ampm or not 1 <= hour <= 12:
        return hour
    pm = ampm[0].lower() == "p"
    return (hour % 12) + (12 if pm else 0)


def _month_number(groups: dict[str, str | None]) -> int | None:
    if groups.get("mon"):
        return int(groups["mon"] or 0)
    return MONTHS.get((groups.get("month") or "").rstrip(".").lower())


def _parse_date(text: str, partial: bool = False) -> str | None:
    """The ISO date of `text` when the whole text is one date, else None.

    "2015-05-14", "2015-05-14T09:21" or, with a known zone, "2015-05-14T09:21+01:00". With
    `partial`, a month or a year alone also reads ("2012-03", "2012"): fine for a metadata
    value, too loose for a body line.
    """
    text = text.strip().strip("()[]").strip()
    if not text or len(text) > 60:
        return None
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        groups = m.groupdict()
        month = _month_number(groups)
        if month is None:
            continue
        try:
            day = date(int(groups["year"] or 0), month, int(groups["day"] or 0))
            if not groups.get("hour"):
                return day.isoformat()
            when = datetime.combine(day, time(_hour(int(groups["hour"] or 0), groups.get("ampm")),
                                              int(groups["minute"] or 0)))
        except ValueError:
            continue
        return when.isoformat(timespec="minutes") + (_zone_offset(groups.get("zone")) or "")
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.isoformat(timespec="minutes")
    return _parse_partial_date(text) if partial else None


def _parse_partial_date(text: str) -> str | None:
    """ "2012-03" for "2012-03" or "March 2012"; "2012" for a year alone."""
    for form in _PARTIAL_FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        groups = m.groupdict()
        if "mon" not in groups and "month" not in groups:
            return groups["year"]
        month = _month_number(groups)
        if month is not None and 1 <= month <= 12:
            return f"{groups['year']}-{month:02d}"
    return None


_PUBLISHED = re.compile(r"\b(?:first\s+)?published\b(?:\s+(?:on|at))?\s*:?\s*", re.IGNORECASE)


_TOO_VAGUE_DAYS = 7
"""A span of days in a note ("September 23rd-24th 2013") gives its first day up to this length."""


def _note_date(note: str) -> str | None:
    """The publication date a provenance note states, or None.

    A date right after "published" wins; otherwise the first day in the note (or the first day
    of a span of a few days), else the first month ("2012-03"), else the first year ("2012").
    A span of years ("2004-2005") is too vague to be a publication date.
    """
    note = URL.sub(" ", note)
    for m in _PUBLISHED.finditer(note):
        when = resolve(note[m.end():], None)
        if when is not None and when.precision == "day":
            return when.iso
    found = [w for w in resolve_all(note, None)
             if w.precision != "range" or (w.end - w.start).days < _TOO_VAGUE_DAYS]
    for precision in ("day", "range", "month", "year"):
        for when in found:
            if when.precision == precision:
                return when.start.isoformat() if precision == "range" else when.iso
    return None


def _source_note(source: str) -> str:
    """The note of a provenance header ("<where it came from>; <a note>"), or ""."""
    _, sep, note = source.partition(";")
    return note if sep else ""


_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?:(?P<day>\d{1,2})(?:/|$|[?#]))?")


_URL_KEYS = ("original", "original_url", "canonical", "url", "link", "permalink", "src", "source", "sources",
             "via")


def _url_date(meta: dict[str, str]) -> str | None:
    """The date in the path of a metadata URL ("/2015/05/14/" or, month precision, "/2015/05/")."""
    keys = [k for k in _URL_KEYS if k in meta] + [k for k in meta if k not in _URL_KEYS]
    for key in keys:
        for url in URL.finditer(meta[key]):
            m = _URL_DATE.search(urlsplit(url[0] if "://" in url[0] else "http://" + url[0]).path)
            if m is None:
                continue
            try:
                if m["day"]:
                    return date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat()
                return date(int(m["year"]), int(m["month"]), 1).isoformat()[:7]
            except ValueError:
                continue
    return None


def publication_date(meta: dict[str, str]) -> str | None:
    """The article date: a date key, else the provenance note of `Source:`, else a dated URL.

    Text under a date key that does not read as a date stays in the metadata only.
    """
    for key in _DATE_KEYS:
        if meta.get(key):
            parsed = _parse_date(meta[key], partial=True)
            if parsed:
                return parsed
    note = _source_note(meta.get("source", ""))
    return (_note_date(note) if note else None) or _url_date(meta)


DATE_LABEL = re.compile(
    r"^(?P<label>(?:first\s+)?(?:published|posted)|(?:last\s+)?updated|modified)(?:\s+(?:on|at))?\s*:?\s*"
    r"(?P<rest>.*)$", re.IGNORECASE)


def date_line(text: str) -> tuple[str, str] | None:
    """`(key, date text)` for a line that is only a date, maybe labelled ("UPDATED: 02:34 EST, ...")."""
    label = DATE_LABEL.match(text)
    if label and label["rest"] and _parse_date(label["rest"]):
        key = "updated" if label["label"].lower().endswith(("updated", "modified")) else "published"
        return key, label["rest"]
    return ("date", text) if _parse_date(text) else None
