"""Date expressions in a sentence, resolved to ISO dates at the precision the text gives.

Recognition is a handful of regular expressions (news copy writes dates in
few shapes, and a general date-search library is both slow and eager to
read "May" or "March" as dates); the calendar arithmetic for relative dates
("last month", "on Sunday", "two weeks ago") is dateutil's relativedelta.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

MONTHS = {
    name.lower(): i for i, name in enumerate(calendar.month_name) if name
} | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS |= {"a": 1, "an": 1, "a few": 3, "several": 3}

_M = r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|" \
     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_M2 = _M.replace("?P<m>", "?P<m2>")
_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_D2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<y>(?:1[89]|20)\d\d)(?![\d%])"
_WD = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_NUM = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|an?)"
_PREP = r"(?i:in|since|of|by|until|till|from|during|before|after|around|circa|early|late|mid|the|year|summer|winter|spring|autumn|fall)"

PATTERNS: list[tuple[str, re.Pattern]] = [
    ("mdy_range", re.compile(rf"\b{_WD}{_M}\s+{_D}\s*[-\u2013]\s*{_D2},?\s+{_Y}")),
    ("mdy", re.compile(rf"\b{_WD}{_M}\s+{_D},?\s+{_Y}")),
    ("dmy_range", re.compile(rf"\b{_D}\s*[-\u2013]\s*{_D2}\s+{_M},?\s+{_Y}")),
    ("dmy", re.compile(rf"\b{_WD}(?:the\s+)?{_D}(?:\s+of)?\s+{_M},?\s+{_Y}")),
    ("md_last_year", re.compile(rf"\b{_M}\s+{_D}(?!\d),?\s+last\s+year\b")),
    ("md", re.compile(rf"\b{_WD}{_M}\s+{_D}(?![\d,]*\s*\d{{4}})(?!\d)")),
    ("dm", re.compile(rf"\b{_D}\s+{_M}(?!\w)(?!,?\s+\d{{4}})")),
    ("my", re.compile(rf"\b{_M}(?:\s+of)?,?\s+{_Y}")),
    ("decade", re.compile(r"\b(?P<q>(?i:early|mid|late))?[-\s]?(?P<y>(?:1[89]|20)\d0)s\b")),
    ("year", re.compile(rf"\b{_PREP}[-\s]+{_Y}\b")),
    ("today", re.compile(r"\b(?i:today|tonight|this (?:morning|afternoon|evening))\b")),
    ("yesterday", re.compile(r"\b(?i:yesterday)\b")),
    ("tomorrow", re.compile(r"\b(?i:tomorrow)\b")),
    ("ago", re.compile(rf"\b(?i:{_NUM}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)\b")),
    ("rel_period", re.compile(r"\b(?i:(?P<which>last|this|next|earlier this|later this|past)\s+(?P<unit>week|month|year))\b")),
    ("month_bare", re.compile(rf"\b(?P<which>(?i:in|on|since|by|until|during|early|late|mid|last|next|this)[-\s]+){_M}(?!\s+\d)")),
    ("weekday", re.compile(r"\b(?P<which>(?i:on|last|this|next|since|by|until|late|early)\s+)?"
                           r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
]
# what every pattern above needs somewhere in the sentence: most sentences have none, and one search
# is a seventeenth of the work
_ANY_DATE = re.compile(
    r"\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?i:today|tonight|this (?:morning|afternoon|evening)|yesterday|tomorrow|ago|week|month|year)"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    date: str
    date_end: str | None
    precision: str  # day, month or year
    relative: bool


def _iso(d: dt.date, precision: str) -> str:
    return {"day": d.isoformat(), "month": f"{d.year:04d}-{d.month:02d}", "year": f"{d.year:04d}"}[precision]


def _month(m: str) -> int:
    return MONTHS[m.lower().rstrip(".")]


def _interpret(kind: str, g: dict, base: dt.date | None) -> tuple[dt.date, dt.date | None, str] | None:
    """(first day, last day or None, precision) for one match, or None if it cannot be placed in time."""
    if kind in ("mdy", "dmy"):
        return dt.date(int(g["y"]), _month(g["m"]), int(g["d"])), None, "day"
    if kind in ("mdy_range", "dmy_range"):
        y, m = int(g["y"]), _month(g["m"])
        return dt.date(y, m, int(g["d"])), dt.date(y, m, int(g["d2"])), "day"
    if kind == "my":
        return dt.date(int(g["y"]), _month(g["m"]), 1), None, "month"
    if kind == "decade":
        y = int(g["y"])
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get((g.get("q") or "").lower(), (0, 9))
        return dt.date(y + lo, 1, 1), dt.date(y + hi, 1, 1), "year"
    if kind == "year":
        return dt.date(int(g["y"]), 1, 1), None, "year"
    if base is None:
        return None
    if kind == "md_last_year":
        return dt.date(base.year - 1, _month(g["m"]), int(g["d"])), None, "day"
    if kind == "md":
        return dt.date(base.year, _month(g["m"]), int(g["d"])), None, "day"
    if kind == "dm":
        return dt.date(base.year, _month(g["m"]), int(g["d"])), None, "day"
    if kind == "today":
        return base, None, "day"
    if kind == "yesterday":
        return base - dt.timedelta(days=1), None, "day"
    if kind == "tomorrow":
        return base + dt.timedelta(days=1), None, "day"
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else NUMBERS[g["n"].lower()]
        unit = g["unit"].lower().rstrip("s")
        d = base - relativedelta(**{unit + "s": n})
        return d, None, {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    if kind == "rel_period":
        which, unit = g["which"].lower(), g["unit"].lower()
        step = {"last": -1, "past": -1, "next": 1}.get(which, 0)
        if unit == "week":
            monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=step)
            return monday, monday + dt.timedelta(days=6), "day"
        if unit == "month":
            return base.replace(day=1) + relativedelta(months=step), None, "month"
        return dt.date(base.year + step, 1, 1), None, "year"
    if kind == "month_bare":
        which, m = g["which"].strip().lower(), _month(g["m"])
        if which == "next":
            year = base.year + (m <= base.month)
        elif which == "this":
            year = base.year
        else:  # "in May", "last May": news reports the past, so the most recent one
            year = base.year - (m > base.month or (which == "last" and m == base.month))
        return dt.date(year, m, 1), None, "month"
    if kind == "weekday":
        which = (g.get("which") or "").strip().lower()
        target = WEEKDAYS[g["wd"].lower()]
        back = (base.weekday() - target) % 7
        if which == "next":
            return base + dt.timedelta(days=(target - base.weekday()) % 7 or 7), None, "day"
        if which == "last" and back == 0:
            back = 7
        return base - dt.timedelta(days=back), None, "day"
    raise ValueError(kind)


def find_dates(sentence: str, base: dt.date | None, offset: int = 0) -> list[DateMention]:
    """Every date expression in `sentence`, left to right, without overlaps (longest shape wins)."""
    if not _ANY_DATE.search(sentence):
        return []
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            try:
                got = _interpret(kind, m.groupdict(), base)
            except (ValueError, KeyError, OverflowError):
                continue  # "February 30", a day 0: not a date
            if got is None:
                continue
            lo, hi, precision = got
            if hi is not None and hi < lo:
                continue
            taken.append((s, e))
            out.append(DateMention(
                offset + s, offset + e, _iso(lo, precision),
                _iso(hi, precision) if hi is not None and hi != lo else None,
                precision, kind not in ("mdy", "dmy", "mdy_range", "dmy_range", "my", "decade", "year"),
            ))
    return sorted(out, key=lambda d: d.start)


def date_in_header(text: str, lines: int = 8, max_line: int = 200) -> dt.date | None:
    """The article's date when it states one up top, as a dateline or caption does.

    Only a full date that opens or closes a short line among the first few
    (and a line that is not a sentence ending in a full stop) counts: a date
    inside a body paragraph is about what happened, not when it was written.
    """
    seen = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > lines:
            break
        if len(line) > max_line or line.endswith("."):
            continue
        for d in find_dates(line, None):
            at_edge = d.start == 0 or not line[d.end:].strip(" \t,;:-\u2013\u2014")
            if d.precision == "day" and not d.relative and d.date_end is None and at_edge:
                return dt.date.fromisoformat(d.date)
    return None
