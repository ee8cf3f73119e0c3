"""Dates in news English: "on 22 August 2020", "last Saturday", "two weeks ago", "since 2012".

`resolve(text, anchor)` finds the first date expression in a clause and resolves it against the
article's publication day (`anchor`); without an anchor only absolute dates resolve. Results
are `When` values that keep their precision (a day, a month, a year or a range), so "in 2009"
never pretends to be 1 January 2009.

Pure Python and deterministic: the clock is never read, and the same text and anchor always
give the same answer. A cheap pre-check skips the grammar for clauses with no date word, since
this runs on every sentence of every article.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

__all__ = ["MONTHS", "Precision", "When", "publication_day", "resolve", "resolve_all", "years_in"]

Precision = Literal["day", "month", "year", "range"]

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
"""Lower-case English month names and abbreviations -> month number."""

_MONTH_NAMES = ["", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class When:
    """A stretch of calendar time a text talks about, with the precision it was stated in."""

    start: date
    """First day covered."""
    end: date
    """Last day covered (equal to `start` for a day)."""
    precision: Precision

    @classmethod
    def day(cls, day: date) -> When:
        """One calendar day."""
        return cls(day, day, "day")

    @classmethod
    def month(cls, year: int, month: int) -> When:
        """One calendar month."""
        return cls(date(year, month, 1), _month_end(year, month), "month")

    @classmethod
    def year(cls, year: int) -> When:
        """One calendar year."""
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @property
    def _whole_years(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    @property
    def _whole_months(self) -> bool:
        return self.start.day == 1 and self.end == _month_end(self.end.year, self.end.month)

    @property
    def iso(self) -> str:
        """ISO 8601 text: "2020-09-02", "2020-09", "2020", "2012/2014" or "2020-09-01/2020-09-07"."""
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self._whole_years:
            return f"{self.start.year:04d}/{self.end.year:04d}"
        if self._whole_months:
            return (f"{self.start.year:04d}-{self.start.month:02d}"
                    f"/{self.end.year:04d}-{self.end.month:02d}")
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    @property
    def label(self) -> str:
        """Plain English: "2 September 2020", "September 2020", "2020", "2012-2014"."""
        s, e = self.start, self.end
        if self.precision == "day":
            return f"{s.day} {_MONTH_NAMES[s.month]} {s.year}"
        if self.precision == "month":
            return f"{_MONTH_NAMES[s.month]} {s.year}"
        if self.precision == "year":
            return str(s.year)
        if self._whole_years:
            return f"{s.year}-{e.year}"
        if self._whole_months:
            if s.year == e.year:
                return f"{_MONTH_NAMES[s.month]}-{_MONTH_NAMES[e.month]} {e.year}"
            return f"{_MONTH_NAMES[s.month]} {s.year}-{_MONTH_NAMES[e.month]} {e.year}"
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.day}-{e.day} {_MONTH_NAMES[e.month]} {e.year}"
        if s.year == e.year:
            return f"{s.day} {_MONTH_NAMES[s.month]}-{e.day} {_MONTH_NAMES[e.month]} {e.year}"
        return f"{s.day} {_MONTH_NAMES[s.month]} {s.year}-{e.day} {_MONTH_NAMES[e.month]} {e.year}"

    @classmethod
    def from_iso(cls, text: str) -> When | None:
        """The inverse of `iso`; also reads a date-time ("2015-05-14T09:21", "...T09:21+01:00")."""
        text = text.strip()
        if "/" in text:
            first, _, last = text.partition("/")
            a, b = _iso_part(first), _iso_part(last)
            if a is None or b is None or b.end < a.start:
                return None
            return cls(a.start, b.end, "range")
        return _iso_part(text)


_ISO_PART = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
)


def _iso_part(text: str) -> When | None:
    m = _ISO_PART.fullmatch(text.strip())
    if m is None:
        return None
    try:
        year = int(m["y"])
        if m["d"]:
            return When.day(date(year, int(m["m"]), int(m["d"])))
        if m["m"]:
            return When.month(year, int(m["m"]))
        return When.year(year)
    except ValueError:
        return None


def publication_day(date_text: str | None) -> date | None:
    """The calendar day of an `Article.date` string ("2020-09-02", "2020-09-02T15:29+00:00").

    The day is the one written (local to the article), never converted to another zone. A
    month- or year-precision date ("2012-03", "2012") has no day: None.
    """
    if not date_text:
        return None
    when = When.from_iso(date_text)
    return when.start if when is not None and when.precision == "day" else None


# --------------------------------------------------------------------------------------------
# The grammar: one alternation; every alternative is a named group, tried in this order at each
# position, so the leftmost expression wins and, at one position, the most specific one.

_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = rf"(?:{_FULL}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
_WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WD_PREFIX = rf"(?:(?:{_WEEKDAY_NAMES}|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?,?\s+(?:the\s+)?)?"
_ORD = r"(?:st|nd|rd|th)?"
_DAY = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_YEAR = r"(?<![\d,.])(?:19|20)\d{2}(?!\d)"
_NUMBER = r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+couple\s+of"
_PREP = r"in|since|during|until|till|by|before|after|from|through|throughout|of|last|this|next"
_YEAR_PREP = r"in|since|during|until|till|before|after|throughout"  # not "of", "by": "a total of 2000 ..."
_MM = r"0[1-9]|1[0-2]"
_DD = r"[0-2]\d|3[01]"
_DECADE = r"(?<!\d)(?:19|20)\d0"
_NOT_DATE_AFTER_MONTH = r"(?!\s*,?\s*(?:of\s+)?\d)"


def _g(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


_ALTERNATIVES = [
    # "23-24 September 2013", "September 23rd-24th 2013"
    _g("dd_my", rf"{_g('a_d1', _DAY)}{_ORD}\s*[-–]\s*{_g('a_d2', _DAY)}{_ORD}\s+(?:of\s+)?"
                rf"{_g('a_m', _MONTH)},?\s+{_g('a_y', _YEAR)}"),
    _g("m_dd_y", rf"{_g('b_m', _MONTH)}\s+{_g('b_d1', _DAY)}{_ORD}\s*[-–]\s*{_g('b_d2', _DAY)}{_ORD},?\s+"
                 rf"{_g('b_y', _YEAR)}"),
    _g("iso", rf"{_g('c_y', _YEAR)}-{_g('c_m', _MM)}-{_g('c_d', _DD)}(?!\d)"),
    _g("dmy", rf"{_WD_PREFIX}{_g('d_d', _DAY)}{_ORD}\s+(?:of\s+)?{_g('d_m', _MONTH)},?\s+{_g('d_y', _YEAR)}"),
    _g("mdy", rf"{_WD_PREFIX}{_g('e_m', _MONTH)}\s+{_g('e_d', _DAY)}{_ORD},?\s+{_g('e_y', _YEAR)}"),
    _g("my", rf"{_g('f_m', _MONTH)},?\s+(?:of\s+)?{_g('f_y', _YEAR)}"),
    _g("dm", rf"{_WD_PREFIX}{_g('g_d', _DAY)}{_ORD}\s+(?:of\s+)?{_g('g_m', _MONTH)}"),
    _g("md", rf"{_WD_PREFIX}{_g('h_m', _MONTH)}\s+{_g('h_d', _DAY)}{_ORD}\b"),
    _g("decade", rf"(?:(?i:the)\s+)?{_g('i_y', _DECADE)}s\b"),
    _g("years", rf"(?:(?i:between|from)\s+)?{_g('j_y1', _YEAR)}"
                rf"\s*(?:[-–/]|\s(?i:and|to|until|till|through)\s)\s*{_g('j_y2', _YEAR)}"),
    _g("in_years", rf"(?i:in)\s+{_g('k_y1', _YEAR)}\s+(?i:and)\s+{_g('k_y2', _YEAR)}"),
    _g("p_year", rf"{_g('l_p', rf'(?i:{_YEAR_PREP}|early|late|mid-?)')}\s*(?:(?i:early|late|mid-?)\s*)?"
                 rf"{_g('l_y', _YEAR)}(?![-/]\d)"),
    _g("p_month", rf"{_g('m_p', rf'(?i:{_PREP}|early|late|mid-?)')}\s*(?:(?i:early|late|mid-?)\s*)?"
                  rf"{_g('m_m', _FULL)}\b{_NOT_DATE_AFTER_MONTH}"
                  # "in April last year", "in May of next year"
                  rf"(?:,?\s+(?:(?i:of)\s+)?{_g('m_rel', '(?i:last|this|next)')}\s+(?i:year)\b)?"),
    _g("s_month", rf"{_g('n_m', _FULL.replace('May|', ''))}(?:'s|’s)"),
    _g("weekday", rf"(?:{_g('o_p', r'(?i:last|this|next|on|since|until|by|from|early|late)')}\s+)?"
                  rf"{_g('o_w', _WEEKDAY_NAMES)}\b(?:'s|’s)?"
                  rf"(?!,?\s+(?:the\s+)?(?:{_DAY}{_ORD}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY}))"
                  r"(?:\s+(?i:night|morning|afternoon|evening))?"),
    _g("rel_day", r"(?i:the\s+day\s+before\s+yesterday|yesterday|last\s+night|today|tonight|tomorrow"
                  r"|this\s+(?:morning|afternoon|evening))"),
    _g("rel_this", rf"(?i:{_g('p_mod', 'earlier|later')}\s+)?(?i:this)\s+"
                   rf"{_g('p_u', '(?i:week|month|year)')}\b"),
    _g("rel_last", rf"(?<!(?i:the)\s){_g('q_mod', '(?i:last|next)')}\s+"
                   rf"{_g('q_u', '(?i:week|month|year)')}\b"),
    # "less than a year ago" is any day since then, not that year
    _g("ago", rf"(?<!(?i:less\sthan)\s)(?i:{_g('r_n', _NUMBER)})\s+{_g('r_u', '(?i:day|week|month|year)')}s?"
              r"\s+(?i:ago)\b"),
]


@cache
def _grammar() -> re.Pattern[str]:
    """The grammar compiled, on first use: the dashboard imports this module only to read ISO
    dates, and compiling the grammar took 7-10 ms of its start."""
    return re.compile("|".join(_ALTERNATIVES))


# Every expression above holds a trigger word (a month or weekday name, a four-digit number or a
# relative word) and starts at most three words before its first one: the grammar is only tried
# there, which keeps a clause without a trigger at a few microseconds.
_CAPITALISED = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_RELATIVE = ("yesterday", "today", "tonight", "tomorrow", "week", "month", "year", "ago", "night", "morning",
             "afternoon", "evening")
_RELATIVE_WORDS = frozenset(_RELATIVE) | {w + "s" for w in ("week", "month", "year", "day")}
_FOUR_DIGITS = re.compile(r"\d\d\d\d")
_WORDS = re.compile(r"\w+")
_LEAD_WORDS = 3


def _may_hold_a_date(text: str) -> bool:
    """A cheap test with no false negatives: substring checks, then one digit scan."""
    if any(name in text for name in _CAPITALISED):
        return True
    lower = text.lower()
    return any(word in lower for word in _RELATIVE) or _FOUR_DIGITS.search(text) is not None


_NAME_WORDS = frozenset(_FULL.split("|") + _WEEKDAY_NAMES.split("|")
                        + "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec".split())


_LEADERS = frozenset(
    f"{_PREP}|{_YEAR_PREP}|early|late|mid|between|from|the|earlier|later|on|a|an|{_NUMBER}".split("|")
) | {w[:3] for w in _WEEKDAY_NAMES.split("|")} | {"Tues", "Thur", "Thurs"}
"""Words an expression can start with, besides its trigger word and a number."""


def _may_lead(word: str) -> bool:
    return word[0].isdigit() or word.lower() in _LEADERS or _is_trigger(word)


def _is_trigger(word: str) -> bool:
    if word in _NAME_WORDS or word.lower() in _RELATIVE_WORDS:
        return True
    return len(word) >= 4 and word[:2] in ("19", "20") and word[2:4].isascii() and word[2:4].isdigit()


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The grammar's matches, leftmost first and never overlapping, like `finditer`."""
    words = [(m.start(), m.group()) for m in _WORDS.finditer(text)]
    grammar = _grammar()
    pos = 0
    for k, (start, word) in enumerate(words):
        if start < pos or not _is_trigger(word):
            continue
        for candidate, lead in words[max(0, k - _LEAD_WORDS) : k + 1]:
            if candidate < pos or not _may_lead(lead):
                continue
            m = grammar.match(text, candidate)
            if m is not None:
                pos = m.end()
                yield m
                break


_SINCE_BEFORE = re.compile(r"(?i:\bsince)\s+$")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _week(day: date) -> When:
    monday = day - timedelta(days=day.weekday())
    return When(monday, monday + timedelta(days=6), "range")


def _day_month(anchor: date | None, month: int, day: int) -> When | None:
    """Day and month without a year: the anchor's year, or the year before if that is later."""
    if anchor is None:
        return None
    try:
        found = date(anchor.year, month, day)
    except ValueError:
        found = None
    if found is None or found > anchor:
        try:
            found = date(anchor.year - 1, month, day)
        except ValueError:
            return None
    return When.day(found)


def _month_alone(anchor: date | None, month: int, mode: str) -> When | None:
    """A month without a year: the latest on or before the anchor (after it for "next")."""
    if anchor is None:
        return None
    year = anchor.year
    if mode == "last":
        year -= month >= anchor.month
    elif mode == "next":
        year += month <= anchor.month
    elif mode != "this":
        year -= month > anchor.month
    return When.month(year, month)


def _month_of_year(anchor: date | None, month: int, which: str) -> When | None:
    """A month of last year, this year or next year ("in April last year")."""
    if anchor is None:
        return None
    return When.month(anchor.year + {"last": -1, "this": 0, "next": 1}[which.lower()], month)


def _weekday(anchor: date | None, weekday: int, mode: str) -> When | None:
    """The latest such weekday on or before the anchor (strictly before for "last")."""
    if anchor is None:
        return None
    if mode == "next":
        return When.day(anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7))
    back = (anchor.weekday() - weekday) % 7
    if mode == "last" and back == 0:
        back = 7
    return When.day(anchor - timedelta(days=back))


def _relative_day(phrase: str, anchor: date) -> When:
    phrase = " ".join(phrase.lower().split())
    if phrase == "the day before yesterday":
        return When.day(anchor - timedelta(days=2))
    if phrase in ("yesterday", "last night"):
        return When.day(anchor - timedelta(days=1))
    if phrase == "tomorrow":
        return When.day(anchor + timedelta(days=1))
    return When.day(anchor)


def _this(unit: str, mode: str | None, anchor: date) -> When:
    """ "this week", "earlier this year", "later this month"."""
    if unit == "week":
        period = _week(anchor)
    elif unit == "month":
        period = When.month(anchor.year, anchor.month)
    else:
        period = When.year(anchor.year)
    if mode == "earlier":
        return When(period.start, anchor, "range")
    if mode == "later":
        return When(anchor, period.end, "range")
    return period


def _last(unit: str, mode: str, anchor: date) -> When:
    """ "last week", "next month", "last year"."""
    step = -1 if mode == "last" else 1
    if unit == "week":
        return _week(anchor + timedelta(weeks=step))
    if unit == "month":
        return When.month(*_add_months(anchor.year, anchor.month, step))
    return When.year(anchor.year + step)


def _ago(number: str, unit: str, anchor: date) -> When | None:
    """ "three days ago" (a day), "two weeks ago" (that week), "six months ago", "a year ago"."""
    word = " ".join(number.lower().split())
    n = 2 if word.endswith("couple of") else int(word) if word.isdigit() else _NUMBER_WORDS[word]
    try:
        if unit == "day":
            return When.day(anchor - timedelta(days=n))
        if unit == "week":
            return _week(anchor - timedelta(weeks=n))
        if unit == "month":
            return When.month(*_add_months(anchor.year, anchor.month, -n))
        return When.year(anchor.year - n)
    except (ValueError, OverflowError):
        return None


def _years(first: str, last: str) -> When | None:
    a, b = int(first), int(last)
    return When(date(a, 1, 1), date(b, 12, 31), "range") if a < b else None


def _days(year: str, month: str, first: str, last: str) -> When | None:
    start = date(int(year), _month(month), int(first))
    end = date(int(year), _month(month), int(last))
    return When(start, end, "range") if start < end else None


_Handler = Callable[[re.Match[str], "date | None"], "When | None"]
_HANDLERS: dict[str, _Handler] = {
    "dd_my": lambda m, a: _days(m["a_y"], m["a_m"], m["a_d1"], m["a_d2"]),
    "m_dd_y": lambda m, a: _days(m["b_y"], m["b_m"], m["b_d1"], m["b_d2"]),
    "iso": lambda m, a: When.day(date(int(m["c_y"]), int(m["c_m"]), int(m["c_d"]))),
    "dmy": lambda m, a: When.day(date(int(m["d_y"]), _month(m["d_m"]), int(m["d_d"]))),
    "mdy": lambda m, a: When.day(date(int(m["e_y"]), _month(m["e_m"]), int(m["e_d"]))),
    "my": lambda m, a: When.month(int(m["f_y"]), _month(m["f_m"])),
    "dm": lambda m, a: _day_month(a, _month(m["g_m"]), int(m["g_d"])),
    "md": lambda m, a: _day_month(a, _month(m["h_m"]), int(m["h_d"])),
    "decade": lambda m, a: When(date(int(m["i_y"]), 1, 1), date(int(m["i_y"]) + 9, 12, 31), "range"),
    "years": lambda m, a: _years(m["j_y1"], m["j_y2"]),
    "in_years": lambda m, a: _years(m["k_y1"], m["k_y2"]),
    "p_year": lambda m, a: When.year(int(m["l_y"])),
    "p_month": lambda m, a: _month_of_year(a, _month(m["m_m"]), m["m_rel"]) if m["m_rel"]
    else _month_alone(a, _month(m["m_m"]), m["m_p"].lower()),
    "s_month": lambda m, a: _month_alone(a, _month(m["n_m"]), ""),
    "weekday": lambda m, a: _weekday(a, _WEEKDAYS[m["o_w"].lower()], (m["o_p"] or "").lower()),
    "rel_day": lambda m, a: _relative_day(m["rel_day"], a) if a else None,
    "rel_this": lambda m, a: _this(m["p_u"].lower(), (m["p_mod"] or "").lower() or None, a) if a else None,
    "rel_last": lambda m, a: _last(m["q_u"].lower(), m["q_mod"].lower(), a) if a else None,
    "ago": lambda m, a: _ago(m["r_n"], m["r_u"].lower(), a) if a else None,
}
_SINCE_KINDS = {"p_year", "p_month", "weekday"}


def _since(m: re.Match[str], kind: str, text: str) -> bool:
    """Whether the expression is introduced by "since" ("since 2012", "since May")."""
    if kind in _SINCE_KINDS:
        prep = m["l_p"] or m["m_p"] or m["o_p"]
        if prep and prep.lower() == "since":
            return True
    return _SINCE_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None


def resolve_all(text: str, anchor: date | None) -> Iterator[When]:
    """Every date expression in `text`, in order, resolved against `anchor` (see `resolve`)."""
    if not text or not _may_hold_a_date(text):
        return
    for m in _matches(text):
        kind = m.lastgroup or ""
        try:
            when = _HANDLERS[kind](m, anchor)
        except (ValueError, OverflowError, KeyError):
            when = None  # not a real date ("31 February"): skipped
        if when is None:
            continue
        if _since(m, kind, text):
            if anchor is not None and when.start <= anchor:
                when = When(when.start, anchor, "range")
        yield when


def resolve(text: str, anchor: date | None) -> When | None:
    """The date the first date expression in `text` talks about, or None.

    `anchor` is the article's publication day: relative phrases ("yesterday", "last Saturday",
    "two weeks ago"), a month alone ("in February") and a day without a year ("on March 12")
    are resolved against it; with no anchor only absolute dates resolve. Expressions that are
    not real dates ("31 February") are skipped.
    """
    return next(resolve_all(text, anchor), None)


_YEAR_MENTION = re.compile(r"(?<![\d,.])(?:19|20)\d{2}(?!\d|,\d)")


def years_in(text: str) -> list[int]:
    """Four-digit years from 1900 to 2099 mentioned in `text`, in order (repeats kept)."""
    return [int(y) for y in _YEAR_MENTION.findall(text)]


def years_before(text: str, anchor: date | None) -> list[int]:
    """The years `text` names that lie well before `anchor` (before the year before its own): an
    older story than the article's. Without an anchor, every year it names."""
    years = years_in(text)
    return years if anchor is None else [y for y in years if y < anchor.year - 1]
