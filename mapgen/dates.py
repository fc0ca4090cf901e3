"""Date expressions in a sentence, resolved to ISO dates at the precision the text gives, and the article's date.

Recognition is one table of regular expressions, each paired with the function
that reads it (news copy writes dates in few shapes; dateparser reads many
languages but costs milliseconds a sentence and reads "May" or "March" in
names as dates). dateutil's relativedelta does the calendar arithmetic for
relative dates ("last month", "two weeks ago"). Month and weekday names match
as whole words only, and never inside a name the caller knows ("Mar del
Plata", "Jan Mayen") or a capitalised run ("in May Pen", "Bloody Sunday").
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from rapidfuzz.distance import OSA

MONTHS = {
    name.lower(): i for i, name in enumerate(calendar.month_name) if name
} | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS |= {"a": 1, "an": 1, "a few": 3, "several": 3}

_MONTH_WORDS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
                "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
_WEEKDAY_WORDS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# a whole word: "Nov" in "Novyye", "Mar" in "Marāgheh" and "Sept" in "Sept-Îles" are not months
_M = (r"(?P<m>(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![\w-])"
      r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?![\w-])))")
_M2 = _M.replace("?P<m>", "?P<m2>")
_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\w)"
_D2 = _D.replace("?P<d>", "?P<d2>")
_Y = r"(?P<y>(?:1[89]|20)\d\d)(?![\d%])"
_Y2 = _Y.replace("?P<y>", "?P<y2>")
_WD = rf"(?:(?:{_WEEKDAY_WORDS}),?\s+)?"
_TO = r"\s*(?:[-\u2013]|\s(?:to|until|till|through|and)\s)\s*"
# "a Sunday market", "every Friday", "on a Monday in spring": any such day, no date
_ANY = r"(?<!\b[Aa] )(?<!\b[Aa]n )(?<!\b[Ee]very )(?<!\b[Ee]ach )"
_NUM = r"(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|an?)"
_PREP = (r"(?i:in|since|of|by|until|till|from|during|before|after|around|circa|early|late|mid|the|year|"
         r"summer|winter|spring|autumn|fall)")
# a year before 1800 needs a preposition and nothing after it that makes it a count ("in 1500 homes")
_HISTORY_AFTER = (r"(?=\s*(?:[.,;:)!?\u2013\u2014]|$)|\s+(?:by|and|or|when|after|before|as|under|during|until|"
                  r"following|with|from|to|at|in|on|the|but|while|that|which|AD|CE)\b)")

# what the future looks like just before a date: "will meet on Tuesday", "is due to be handed over by Dec. 1"
# (and the future as it looked when the news broke: "was due to appear on Thursday", "storms were possible on
# Friday", "rain could fall through Sunday"), unless a clause of what made it so comes between ("will go to
# a runoff after no one won Sunday's round")
# a character of one clause: a number's "5,000" ends none, nor a time's "6 a.m.", nor a list's commas
# ("will visit Tbilisi, Gori and Batumi on Friday", "Batumi, Kutaisi, and Tbilisi")
_IN_CLAUSE = (r"(?:[^.;,]|(?<=\d)[.,](?=\d)|(?<=\b[ap])\.(?=m\.)|(?<=\b[ap]\.m)\.|(?<=\b[SMF]t)\.(?= [A-Z])"
              r"|,(?= [A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*)?(?:,| and | or ))|,(?= (?:and|or) [A-Z])"
              # "would run in Lamesa, in neighboring Dawson County, starting Monday": an aside of where, and
              # the phrase that times the clause, go on with it
              r"|,(?= (?:in|near) (?:the |neighbou?ring |nearby )?[A-Z])|,(?= (?:starting|beginning|effective) ))")
_FUTURE = re.compile(
    r"\b(?:will|shall|would|is due|are due|was due|were due|is scheduled|are scheduled|is set to|are set to|"
    r"is expected|are expected|was expected|were expected|(?:is|are|was|were)(?: also)? forecast|"
    r"(?:is|are|was|were) possible(?! that)|(?:could|should|must|might|(?-i:may))(?! not| have|n't)|plans? to|is to|"
    r"are to|forecast for|predicted for|"
    r"next|upcoming|"
    r"planned for|scheduled for|set for|later this|later in the|ahead of|in the run-up to|"
    r"(?:moved|postponed|pushed|brought|put) (?:back |forward |off )?(?:to|until)|rescheduled for)\b"
    rf"{_IN_CLAUSE}*$", re.IGNORECASE)
_APPOSITION = re.compile(r", ([A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?),(?= )")
_CAUSE = re.compile(r"\b(?i:after|since|because|following)\b")
# the present tense of schedules and forecasts: news tells the past in the past tense, so a weekday or a
# month after "Leeds host Derby", "the river peaks", "the vote is", "the law takes effect" is to come; not
# after an article or a number, where the word is a noun ("the hosts", "two visits")
_SCHEDULE_WORDS = ("host", "hosts", "plays", "visits", "faces", "meets", "opens", "reopens", "begin", "begins",
                   "starts", "resume", "resumes", "kick off", "kicks off", "take effect", "marks", "holds",
                   "celebrates", "ends", "closes", "takes on", "tips off", "travels to", "heads to", "arrives",
                   "peaks", "debuts", "premieres", "go to the polls", "goes to the polls", "takes effect",
                   "come into force", "comes into force", "takes place", "take place", "returns", "return",
                   "runs from", "run from", "leaves for", "departs for", "travel to", "face", "play", "visit",
                   "meet", "take on", "open", "reopen", "hold", "go on sale", "goes on sale", "moves to", "move to")
_SCHEDULED = re.compile(
    r"(?:\b(?:is|are)\s+(?:(?:on|in|from)\s+)?|(?<!\b[Tt]he )(?<!\b[Aa] )(?<!\btwo )(?<!\bthree )(?<![\d] )\b(?:"
    + "|".join(map(re.escape, sorted(_SCHEDULE_WORDS, key=len, reverse=True))) + rf")\b{_IN_CLAUSE}*)$")
_SCHEDULE_CUES = ("is ", "are ", *_SCHEDULE_WORDS)  # one of which a window must hold for the pattern to match
# the future after a date that opens the sentence: "On Thursday, the court will hear ...", "On Friday he visits"
_FUTURE_AFTER = re.compile(rf",?\s+(?:{_IN_CLAUSE}{{0,40}}?\s)?(?:will|is due|are due|is set to|are set to|"
                           r"is expected|are expected|is scheduled|are scheduled|"
                           + "|".join(map(re.escape, sorted(_SCHEDULE_WORDS, key=len, reverse=True))) + r")\b",
                           re.IGNORECASE)
# ... and a day's own event in the present tense after it: "Friday's stage runs from Lugo", "Monday is a rest day"
_SCHEDULE_AFTER = re.compile(
    r"(?:['\u2019]s\s+(?:[\w'\u2019-]+\s+){0,4}?(?:runs|starts|begins|ends|finishes|takes place|kicks off|opens|"
    r"closes|resumes|is scheduled|is set|is due)|\s+(?:is|are)\s+(?:a|an|the)\s)\b")
# "fire bans for Thursday", "a vote set for May": the day something is for is to come ("for Monday's attack" is not)
_FOR_A_DAY = re.compile(r"\bfor\s+$")
_POSSESSIVE_AFTER = re.compile(r"['\u2019]s?\b")
# a name's next word: "in May Pen", "on Sunday Times", "in Mar del Plata"
_NAME_AFTER = re.compile(
    rf"\s+(?:(?:de|del|della|di|da|do|dos|das|du|des|la|le|el|al|sur|am|an|der|upon)\s+)?"
    rf"(?!(?:{_MONTH_WORDS}|{_WEEKDAY_WORDS})\b)[A-Z]")
_NAME_BEFORE = re.compile(r"(?<![.!?:;\u2014\u2013-])\s(?!(?:On|In|By|Since|Until|Last|Next|This|Early|Late|Mid)\s)"
                          r"[A-Z][\w'\u2019-]*\s+$")

When = tuple[dt.date, "dt.date | None", str]  # first day, last day (or None), precision
Interpreter = Callable[[re.Match, "dt.date | None"], "When | None"]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    date: str
    date_end: str | None
    precision: str  # day, month or year
    relative: bool  # needed the article date
    text: str = ""  # the words that gave the date
    kind: str = ""  # the shape that read them

    def __init__(self, start: int, end: int, date: str, date_end: str | None, precision: str, relative: bool,
                 text: str = "", kind: str = "") -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "date_end", date_end)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "relative", relative)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "kind", kind)


# Where a match of a shape can begin, when not anywhere: at a month or weekday name ("name": a literal
# alternation, which the regex engine finds by its first letters), at a number, at "the" before a number,
# at the word before a number or a name (and spaces or hyphens: "in 1990", "mid-May"). Trying a pattern
# there alone finds what scanning the sentence with it finds, several times faster.
STARTS = frozenset({"name", "number", "the_number", "word_number", "word_name"})


@dataclass(frozen=True, slots=True)
class Shape:
    """One way news copy writes a date: its pattern and the function that reads a match of it."""

    name: str
    pattern: re.Pattern
    interpret: Interpreter
    relative: bool = False
    name_risk: bool = False  # a bare month or weekday word: also a name's first word ("May Pen")
    needs: tuple[str, ...] = ()  # the CUES the sentence must have for the pattern to be worth running
    starts: tuple[str, ...] = ()  # of STARTS: where in a sentence a match can begin (none: anywhere)

    def __post_init__(self):
        if not callable(self.interpret):
            raise TypeError(f"date shape {self.name!r} has no interpreter")
        if not STARTS.issuperset(self.starts):
            raise TypeError(f"date shape {self.name!r} starts at {self.starts!r}, not all of them in {sorted(STARTS)}")
        missing = set(_READS.get(self.interpret, ("?",))) - set(self.pattern.groupindex)
        if missing:
            raise TypeError(f"date shape {self.name!r}: its interpreter reads groups {sorted(missing)} "
                            "the pattern does not capture")


# interpreter -> the groups it reads (a table, not an attribute: a compiled function takes none)
_READS: dict[Callable, tuple[str, ...]] = {}


def _reads(*groups: str):
    """Declare the named groups an interpreter reads, so the table is checked against its patterns at import."""
    def mark(fn):
        _READS[fn] = groups
        return fn
    return mark


def _iso(d: dt.date, precision: str) -> str:
    return {"day": d.isoformat(), "month": f"{d.year:04d}-{d.month:02d}", "year": f"{d.year:04d}"}[precision]


def _month(m: str) -> int:
    return MONTHS[m.lower().rstrip(".")]


def _day(y: int, m: int, d: int) -> dt.date | None:
    """The date, or None where the calendar has no such day ("February 30", a day 0)."""
    if 1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
        return dt.date(y, m, d)
    return None


def future_before(text: str, at: int) -> bool:
    """Does the clause before `at` speak of what is to come ("will", "is due to", "next")?"""
    start = max(0, at - 160)  # one clause, however long: "will play X in Cork on June 21 and Y in Belfast on June 28"
    found = _FUTURE.search(text, start, at)
    if found is None:
        if ", " not in text[start:at]:
            return False
        # "will be held in Kotor, Montenegro, in July": a town's country between commas ends no clause
        text, start = _APPOSITION.sub(r" \1", text[start:at]), 0
        at = len(text)
        found = _FUTURE.search(text, start, at)
        if found is None:
            return False
    causes = [c.end() for c in _CAUSE.finditer(text, found.start(), at)]
    return not causes or bool(_FUTURE.search(text, causes[-1], at))  # a future's words after the cause's


def _to_come(g: re.Match) -> bool:
    """Is the date `g` (a match in one sentence) to come: after a future's words or a schedule's present
    tense, or opening a sentence whose clause speaks of the future ("In November, the band will play")?"""
    text, at = g.string, g.start()
    if future_before(text, at):
        return True
    window = text[max(0, at - 80):at]
    if any(cue in window for cue in _SCHEDULE_CUES) and (cue := _SCHEDULED.search(window)) \
            and not _PAST_BETWEEN.search(window, cue.start()):  # (most windows hold no cue)
        return True
    if _SCHEDULE_AFTER.match(text, g.end()) or (_FOR_A_DAY.search(text, max(0, at - 8), at)
                                                 and not _POSSESSIVE_AFTER.match(text, g.end())):
        return True
    return text[:at].strip(" \"'\u201c\u2018").lower() in _OPENING_WORDS and bool(_FUTURE_AFTER.match(text, g.end()))


_OPENING_WORDS = frozenset({"", "on", "by", "from", "until"})  # "On Friday, the ferry will resume sailings"


def _year_for(m: int, d: int, base: dt.date, future: bool) -> dt.date | None:
    """A month and day without a year, placed in the year the article means.

    News reports the past: the latest such day up to a month after the article
    (so "Dec. 28" in a January article is last year's), or, where the clause
    speaks of the future ("will meet on Jan. 5"), the first one from the article's day on.
    """
    days = [x for y in (base.year - 1, base.year, base.year + 1) if (x := _day(y, m, d))]
    if future:
        ahead = [x for x in days if x >= base]
        return ahead[0] if ahead else None
    behind = [x for x in days if x <= base + dt.timedelta(days=30)]
    return behind[-1] if behind else None


@_reads("y", "m", "d")
def _full(g: re.Match, base):
    return _day(int(g["y"]), _month(g["m"]), int(g["d"])), None, "day"


@_reads("m", "d", "d2", "y")
def _day_range(g: re.Match, base):
    """'February 25-26, 1992', 'Oct. 7 to 9', 'between 7 and 9 October'."""
    if " and " in g[0] and not g.string[:g.start()].rstrip().lower().endswith("between"):
        return None  # "on Oct. 7 and 9": two days, not the days between
    m = _month(g["m"])
    if g["y"]:
        y = int(g["y"])
    elif base is None:
        return None
    else:
        first = _year_for(m, int(g["d"]), base, _to_come(g) or _ahead(_day(base.year, m, int(g["d"])), base, g))
        if first is None:
            return None
        y = first.year
    lo, hi = _day(y, m, int(g["d"])), _day(y, m, int(g["d2"]))
    return (lo, hi, "day") if lo and hi else None


@_reads("m", "y")
def _month_year(g: re.Match, base):
    return dt.date(int(g["y"]), _month(g["m"]), 1), None, "month"


@_reads("y", "q")
def _decade(g: re.Match, base):
    y = int(g["y"])
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get((g["q"] or "").lower(), (0, 9))
    return dt.date(y + lo, 1, 1), dt.date(y + hi, 1, 1), "year"


@_reads("y")
def _year(g: re.Match, base):
    return dt.date(int(g["y"]), 1, 1), None, "year"


@_reads("y", "y2")
def _year_range(g: re.Match, base):
    """'from 1988 to 1994', 'between 1992 and 1994', '1992-1994'."""
    words = g[0].lower()
    if " and " in words and not words.startswith("between"):
        return None
    return dt.date(int(g["y"]), 1, 1), dt.date(int(g["y2"]), 1, 1), "year"


@_reads("m", "d")
def _month_day_last_year(g: re.Match, base):
    if base is None:
        return None
    return _day(base.year - 1, _month(g["m"]), int(g["d"])), None, "day"


_STEP = {"last": -1, "past": -1, "next": 1}  # "this", "earlier this", "later this": 0


# feasts on a fixed day, as news dates by them ("on Christmas Eve", "New Year's Day 2024")
_FEASTS = {"christmas eve": (12, 24), "christmas day": (12, 25), "boxing day": (12, 26), "new year's eve": (12, 31),
           "new year's day": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31)}
_FEAST_WORDS = r"christmas eve|christmas day|boxing day|new year['\u2019]s eve|new year['\u2019]s day|valentine['\u2019]s day|halloween"


@_reads("h", "y")
def _feast(g: re.Match, base):
    m, d = _FEASTS[g["h"].lower().replace("\u2019", "'")]
    if g["y"]:
        return _day(int(g["y"]), m, d), None, "day"
    if base is None:
        return None
    return _year_for(m, d, base, _later(g, _day(base.year, m, d), base)), None, "day"


@_reads("which")
def _weekend(g: re.Match, base):
    """A weekend is its Saturday and Sunday: "last weekend", "over the weekend" the latest one (a weekend
    article's own), "this weekend" the coming one (or the current), "next weekend" the one after that."""
    if base is None:
        return None
    which = " ".join(g["which"].lower().split())
    sat = base - dt.timedelta(days=(base.weekday() - 5) % 7)  # the latest Saturday, today's included
    if base.weekday() < 5 and (which in ("this", "later this", "next") or _to_come(g)):
        sat += dt.timedelta(days=7)  # from a weekday: the coming one
    elif which in ("last", "past") and base.weekday() >= 5:
        sat -= dt.timedelta(days=7)
    if which == "next":
        sat += dt.timedelta(days=7 if base.weekday() >= 5 else 0)
    return sat, sat + dt.timedelta(days=1), "day"


@_reads("m", "which")
def _month_of_year(g: re.Match, base):
    if base is None:
        return None
    return dt.date(base.year + _STEP.get(g["which"].lower(), 0), _month(g["m"]), 1), None, "month"


@_reads("m", "d")
def _month_day(g: re.Match, base):
    if base is None:
        return None
    m, d = _month(g["m"]), int(g["d"])
    if (years := _YEARS_ON.search(g.string, max(0, g.start() - 40), g.start())) is not None:
        n = int(years["n"]) if years["n"].isdigit() else NUMBERS[years["n"].lower()]
        last = _year_for(m, d, base, False)  # the anniversary, then the day itself that many years before
        return (_day(last.year - n, m, d) if last else None), None, "day"
    return _year_for(m, d, base, _later(g, _day(base.year, m, d), base)), None, "day"


def _until(g: re.Match) -> bool:
    """ "voted to extend the strike until Friday", "stays open through March 3": the day a span runs to is to
    come, unless a past verb just before says the span is over ("lasted until Monday", "was shut until May").
    ("until" is the match's own first word in the weekday and month shapes, the word before it in others.)"""
    if (g.groupdict().get("which") or "").strip().lower() == "until":
        at = g.start()
    else:
        until = _UNTIL.search(g.string, max(0, g.start() - 8), g.start())
        if until is None:
            return False
        at = until.start()
    past = _PAST_BEFORE.search(g.string, max(0, at - 60), at)
    return past is None or _RESCHEDULED.search(past.group()) is not None  # "postponed until May": to come


# past forms that are no present ("went", "held"), and those that are both ("set", "read"): the first are
# a past tense wherever they stand; a sentence read ahead must be free of both
_PAST_ONLY = (
    "was were had did said told went came took made won lost beat ran began left fell rose met held saw gave got found "
    "brought struck fought sold bought built kept led paid sent spent stood thought wrote spoke broke chose drove flew "
    "grew knew shot threw wore lit ate drank swam sang rang sank spun stole stuck swept swore taught tore woke bent bled "
    "fed felt fled flung forgot froze hid hung laid leapt lent meant rode sat shook shone slept slid sought sprang "
    "strode swung trod underwent upheld withdrew overcame overtook became arose bore bit blew caught drew heard knelt "
    "understood dug dealt crept clung forbade forgave mistook stung wound"
).split()
_PAST_OR_PRESENT = "hit set put cut let quit read hurt cost split spread shut".split()
_PAST_ONLY_WORDS = "|".join(_PAST_ONLY)
_PAST_ANYWHERE = re.compile(rf"\b(?:[a-z]{{2,}}ed|{_PAST_ONLY_WORDS}|{'|'.join(_PAST_OR_PRESENT)}"
                            r"|ago|last|earlier|since|former|previous|previously)\b")
# a past verb between the present tense and the date: the date is the past one's ("the men, who face
# ten years, were arrested on Sunday"; "the show that opens in Leeds closed in York in May")
_PAST_BETWEEN = re.compile(rf"\b(?:{_PAST_ONLY_WORDS})\b|\b(?:who|which|that)\s+[a-z]{{2,}}ed\b"
                           r"|\b[a-z]{3,}ed\s+(?:on|in|at|by|to|from|the|a|an|his|her|their|its)\b")
_AHEAD_DAYS = 200  # a date up to this far ahead, in a sentence without a past tense, is to come


def _later(g: re.Match, d: dt.date | None, base: dt.date) -> bool:
    """Is the day `g` names (`d`, this year's) to come: by a future's words, as the end of a span, or ahead
    in a sentence without a past tense?"""
    return _to_come(g) or _until(g) or _ahead(d, base, g)


def _ahead(d: dt.date | None, base: dt.date, g: re.Match) -> bool:
    """Is this year's `d`, later than the article's day, the one meant? Listings and previews name what is to
    come without a verb of the future ("Tickets for the June 27 final go on sale", "the festival, in
    September"); news of the past has a past tense somewhere in its sentence."""
    return d is not None and base < d <= base + dt.timedelta(days=_AHEAD_DAYS) \
        and _PAST_ANYWHERE.search(g.string) is None


_RESCHEDULED = re.compile(r"(?i:postponed|delayed|moved|pushed|extended|adjourned)\b")
_PAST_BEFORE = re.compile(rf"\b(?:\w{{2,}}ed|{_PAST_ONLY_WORDS})\b(?:\s+[\w'\u2019-]+){{0,3}}\s+$", re.IGNORECASE)


# "three years after the Feb. 6 earthquakes": a story on the anniversary of the day
_YEARS_ON = re.compile(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?)\s+"
                       r"years?\s+(?:after|since|on from)\s+(?:the\s+)?$", re.IGNORECASE)


@_reads()
def _today(g: re.Match, base):
    return (base, None, "day") if base else None


@_reads()
def _yesterday(g: re.Match, base):
    return (base - dt.timedelta(days=1), None, "day") if base else None


@_reads()
def _tomorrow(g: re.Match, base):
    return (base + dt.timedelta(days=1), None, "day") if base else None


@_reads("n", "unit")
def _ago(g: re.Match, base):
    if base is None:
        return None
    n = int(g["n"]) if g["n"].isdigit() else NUMBERS[g["n"].lower()]
    unit = g["unit"].lower().rstrip("s")
    if n > 999 or (unit == "year" and n >= base.year):
        return None
    d = base - relativedelta(**{unit + "s": n})
    return d, None, {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]


@_reads("which", "unit")
def _relative_period(g: re.Match, base):
    if base is None:
        return None
    which, unit = g["which"].lower(), g["unit"].lower()
    step = _STEP.get(which, 0)
    if unit == "week":
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=step)
        return monday, monday + dt.timedelta(days=6), "day"
    if unit == "month":
        return base.replace(day=1) + relativedelta(months=step), None, "month"
    return dt.date(base.year + step, 1, 1), None, "year"


@_reads("which", "m")
def _bare_month(g: re.Match, base):
    if base is None:
        return None
    which, m = g["which"].strip().lower(), _month(g["m"])
    if which == "next":
        year = base.year + (m <= base.month)
    elif which not in ("last", "this", "since") and _NEXT_YEAR.search(g.string, 0, g.start()):
        year = base.year + 1  # "will tour next year, opening in Monterrey in March"
    elif which not in ("last", "this") and (_to_come(g) or _until(g) if which == "since"
                                            else _later(g, dt.date(base.year, m, 1), base.replace(day=1))):
        # "will close in May" in a May story: this May
        year = base.year + (m < base.month)
    elif which == "this":
        year = base.year
    else:  # "in May", "last May": news reports the past, so the most recent one
        year = base.year - (m > base.month or (which == "last" and m == base.month))
    return dt.date(year, m, 1), None, "month"


_NEXT_YEAR = re.compile(r"\b(?i:next year)\b(?!['\u2019]s)")  # not "next year's budget, unveiled in March"


def _weekday_on(target: int, which: str, base: dt.date, future: bool) -> dt.date:
    """'on Sunday' in a Thursday article is four days before; 'next Monday' or 'will meet on Monday' is ahead
    (and 'will meet on Thursday' in a Thursday article is that day, as 'met on Thursday' is)."""
    back = (base.weekday() - target) % 7
    if which == "next":
        return base + dt.timedelta(days=(target - base.weekday()) % 7 or 7)
    if future and which not in ("last", "since"):  # "will meet on Monday" in a Monday story: that day
        return base + dt.timedelta(days=(target - base.weekday()) % 7)
    if which == "last" and back == 0:
        back = 7
    return base - dt.timedelta(days=back)


@_reads("which", "wd")
def _weekday(g: re.Match, base):
    if base is None:
        return None
    which = (g["which"] or "").strip().lower()
    return _weekday_on(WEEKDAYS[g["wd"].lower()], which, base, _to_come(g) or _until(g)), None, "day"


@_reads("wd", "week")
def _weekday_of_week(g: re.Match, base):
    """ "on Thursday next week", "on Monday last week": that week's day (weeks start on Monday)."""
    if base is None:
        return None
    monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=_STEP.get(g["week"].lower(), 0))
    return monday + dt.timedelta(days=WEEKDAYS[g["wd"].lower()]), None, "day"


@_reads("which", "wd")
def _misspelt_weekday(g: re.Match, base):
    """'Wendesday', 'Thrusday': one letter off (or two swapped), as copy sometimes ships."""
    if base is None:
        return None
    word = g["wd"].lower()
    close = [i for name, i in WEEKDAYS.items() if OSA.distance(word, name) == 1]
    if len(close) != 1:
        return None
    which = (g["which"] or "").strip().lower()
    return _weekday_on(close[0], which, base, _to_come(g)), None, "day"


def _table(rows: Iterable[tuple]) -> tuple[Shape, ...]:
    shapes = tuple(Shape(name, re.compile(pattern), interpret, **flags) for name, pattern, interpret, flags in rows)
    names = [s.name for s in shapes]
    if len(set(names)) != len(names):
        raise TypeError(f"date shapes named twice: {sorted({n for n in names if names.count(n) > 1})}")
    return shapes


_REL = {"relative": True}
_DM = {"needs": ("digit", "month", "year")}
_DMR = {"needs": ("digit", "month"), "relative": True}
_AT_NAME = {"starts": ("name",)}
_AT_NUMBER = {"starts": ("number",)}
_YEAR = {"needs": ("digit", "year")}
_NAMED = {"relative": True, "name_risk": True}
# Longest shapes first: a span one shape reads is not read again by a later one.
SHAPES: tuple[Shape, ...] = _table([
    ("mdy_range", rf"\b{_WD}{_M}\s+{_D}{_TO}{_D2},?\s+{_Y}", _day_range, _DM | _AT_NAME),
    ("mdy", rf"\b{_WD}{_M}\s+{_D},?\s+{_Y}", _full, _DM | _AT_NAME),
    ("dmy_range", rf"\b{_D}{_TO}{_D2}\s+{_M},?\s+{_Y}", _day_range, _DM | _AT_NUMBER),
    ("dmy", rf"\b{_WD}(?:the\s+)?{_D}(?:\s+of)?\s+{_M},?\s+{_Y}", _full,
     _DM | {"starts": ("name", "the_number", "number")}),
    ("md_last_year", rf"\b{_M}\s+{_D}(?!\d),?\s+last\s+year\b", _month_day_last_year, _DMR | _AT_NAME),
    ("md_range", rf"\b{_WD}{_M}\s+{_D}{_TO}{_D2}(?!\d)(?P<y>)(?!,?\s+\d{{4}})", _day_range, _DMR | _AT_NAME),
    ("dm_range", rf"\b{_D}{_TO}{_D2}\s+{_M}(?P<y>)(?!,?\s+\d{{4}})", _day_range, _DMR | _AT_NUMBER),
    ("md", rf"\b{_WD}{_M}\s+{_D}(?![\d,]*\s*\d{{4}})(?!\d)", _month_day, _DMR | _AT_NAME),
    ("weekend", r"\b(?P<which>(?i:over the|during the|at the|on the|this|last|next|past|later this|earlier this))\s+"
                r"(?i:weekend)\b", _weekend, {"needs": ("weekend",), **_REL}),
    ("feast", rf"\b(?P<which>(?i:until|till|through)\s+)?(?P<h>(?i:{_FEAST_WORDS}))(?:,?\s+(?P<y>(?:1[89]|20)\d\d)(?!\d))?\b",
     _feast, {"needs": ("feast",), **_REL}),
    ("dm", rf"\b{_D}\s+{_M}(?!,?\s+\d{{4}})", _month_day, _DMR | _AT_NUMBER),
    ("my", rf"\b{_M}(?:\s+of)?,?\s+{_Y}", _month_year, _DM | _AT_NAME),
    ("decade", r"(?:\b(?P<q>(?i:early|mid|late))[-\s])?\b(?P<y>(?:1[89]|20)\d0)s\b", _decade,
     _YEAR | {"starts": ("word_number", "number")}),
    ("year_range", rf"\b(?:(?i:from|between)\s+)?{_Y}{_TO}{_Y2}\b", _year_range,
     _YEAR | {"starts": ("word_number", "number")}),
    ("year", rf"\b{_PREP}[-\s]+{_Y}\b", _year, _YEAR | {"starts": ("word_number",)}),
    ("history_year", rf"\b(?i:in|since|by|until|from|of|circa|around|year)\s+(?P<y>1[0-7]\d\d){_HISTORY_AFTER}",
     _year, {"needs": ("digit", "old_year"), "starts": ("word_number",)}),
    ("today", r"\b(?i:today|tonight|this (?:morning|afternoon|evening))\b", _today, {"needs": ("near",), **_REL}),
    ("yesterday", r"\b(?i:yesterday)\b", _yesterday, {"needs": ("near",), **_REL}),
    ("tomorrow", r"\b(?i:tomorrow)\b", _tomorrow, {"needs": ("near",), **_REL}),
    ("ago", rf"\b(?<!-)(?i:{_NUM}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)\b", _ago, {"needs": ("ago",), **_REL}),
    ("month_of_year", rf"\b{_M}\s+(?:of\s+)?(?P<which>(?i:last|this|next))\s+year\b", _month_of_year,
     {"needs": ("month", "period"), "starts": ("name",), **_REL}),
    ("weekday_of_week", rf"\b(?:(?i:on)\s+)?(?P<wd>{_WEEKDAY_WORDS})\s+(?P<week>(?i:next|last|this))\s+(?i:week)\b",
     _weekday_of_week, {"needs": ("day", "period"), **_REL}),
    ("relative_period", r"\b(?i:(?P<which>last|this|next|earlier this|later this|past)\s+(?P<unit>week|month|year))\b",
     _relative_period, {"needs": ("period",), **_REL}),
    ("month", rf"\b(?P<which>(?i:in|on|since|by|until|during|early|late|mid|last|next|this)[-\s]+){_M}(?!\.?\s+\d)",
     _bare_month, {"needs": ("month",), "starts": ("word_name",), **_NAMED}),
    ("weekday", rf"\b(?P<which>(?i:on|last|this|next|since|by|until|late|early)\s+)?{_ANY}(?P<wd>{_WEEKDAY_WORDS})\b",
     _weekday, {"needs": ("day",), **_NAMED}),
    ("misspelt_weekday", rf"\b(?P<which>(?i:on|last|this|next|since|by|until|late|early)\s+)?{_ANY}(?P<wd>[A-Z][a-z]{{2,7}}day)\b",
     _misspelt_weekday, {"needs": ("odd_day",), **_NAMED}),
])
# what the shapes above need somewhere in the sentence: most sentences have few of these, and one
# search for each saves running the shapes that cannot match
CUES = {
    "digit": re.compile(r"\d"),
    # the year every shape with a year holds ("1990s" too); most sentences with a digit have none
    "year": re.compile(r"(?:1[89]|20)\d\d"),
    "old_year": re.compile(r"1[0-7]\d\d"),
    # a month's name, even inside a word ("Marseille"): no shape reads one there, but a literal alternation
    # is found several times faster than one between word boundaries, and a cue may find more than it must
    "month": re.compile(_MONTH_WORDS),
    "near": re.compile(r"[Tt]o(?:day|night|morrow)|[Tt]his (?:morning|afternoon|evening)|[Yy]esterday"),
    "ago": re.compile(r"(?i:\bago\b)"),
    "period": re.compile(r"(?i:\b(?:week|month|year)\b)"),
    "day": re.compile(r"[a-z]day\b"),
    "weekend": re.compile(r"(?i:weekend)"),
    "feast": re.compile(r"(?i:christmas|new year|valentine|halloween|boxing day)"),
    "odd_day": re.compile(r"\b[A-Z][a-z]{2,7}day\b(?<!Monday)(?<!Tuesday)(?<!Wednesday)(?<!Thursday)(?<!Friday)"
                         r"(?<!Saturday)(?<!Sunday)"),
}
_DIGIT_CUES = frozenset({"year", "old_year"})  # what cannot be there without a digit, which CUES puts first
# words every match of a cue holds, in lower case: a substring test on the lowered sentence rules
# most sentences out before the regex (slow when case-blind) runs
_CUE_WORDS = {
    "near": ("today", "tonight", "tomorrow", "this ", "yesterday"),
    "ago": ("ago",),
    "period": ("week", "month", "year"),
    "day": ("day",),
    "odd_day": ("day",),
    "weekend": ("weekend",),
    "feast": ("christmas", "new year", "valentine", "halloween", "boxing day"),
}
_NAMES = re.compile(f"{_MONTH_WORDS}|{_WEEKDAY_WORDS}")
_NUMBERS = re.compile(r"\d+")
_UNKNOWN_CUES = {c for shape in SHAPES for c in shape.needs} - set(CUES)
if _UNKNOWN_CUES:
    raise TypeError(f"date shapes need cues no one looks for: {sorted(_UNKNOWN_CUES)}")
_LIST_YEAR = re.compile(rf"(?:\s*,\s*|\s*,?\s+(?:and|or)\s+){_Y}\b")
_RANGE_GAP = re.compile(r"\s*(?:[-\u2013]|to|until|till|through|and)\s*")
_SINCE = re.compile(r"\b(?i:since)\s+$")
# "the lowest level since 2017", "for the first time since March": a yardstick, not a span of events
_COMPARED_SINCE = re.compile(
    r"\b(?i:lowest|highest|biggest|largest|smallest|worst|best|deadliest|strongest|weakest|wettest|driest|hottest|"
    r"coldest|warmest|fewest|the most|the least|the first|first time|record|unseen|not (?:been )?seen)\b"
    rf"{_IN_CLAUSE}*\b(?i:since)\s+$")
_UNTIL = re.compile(r"\b(?i:until|till|through)\s+$")
# "before 2011", "before the 2011 revolution", "before the 1990s": where an open stretch of the past ends, not
# when the sentence's events happened ("prior to 2011" is read as no date at all); a year to come stays a
# deadline, like "by 2030" ("not before 2032", "finished before 2035")
_BEFORE = re.compile(r"\b(?i:before|prior\s+to)(?:\s+the)?\s+$")


def _in_a_name(shape: Shape, m: re.Match, sentence: str) -> bool:
    """A month or weekday word that starts or ends a capitalised run is part of a name."""
    word_end = m.end("m") if "m" in shape.pattern.groupindex else m.end("wd")
    word_start = m.start("m") if "m" in shape.pattern.groupindex else m.start("wd")
    if _NAME_AFTER.match(sentence, word_end):
        return True
    return word_start == m.start() and bool(_NAME_BEFORE.search(sentence, max(0, word_start - 40), word_start))


def _mention(sentence: str, offset: int, s: int, e: int, lo: dt.date, hi: dt.date | None, precision: str,
             relative: bool, kind: str, hi_precision: str | None = None) -> DateMention:
    end = _iso(hi, hi_precision or precision) if hi is not None and hi != lo else None
    return DateMention(offset + s, offset + e, _iso(lo, precision), end, precision, relative, sentence[s:e], kind)


@dataclass(slots=True)
class _Selection:
    """Some shapes, the cues they need, and which of them each set of cues found lets run: a few
    cue sets recur, so each is worked out once rather than per sentence."""

    shapes: tuple[Shape, ...]
    needed: tuple[str, ...]
    runnable: dict[frozenset[str], tuple[Shape, ...]]

    def for_cues(self, cues: frozenset[str]) -> tuple[Shape, ...]:
        got = self.runnable.get(cues)
        if got is None:
            got = self.runnable[cues] = tuple(s for s in self.shapes if cues.issuperset(s.needs))
        return got


@functools.cache
def _selection(kinds: frozenset[str] | None) -> _Selection:
    """The shapes named in `kinds` (all when None) and the cues they need."""
    shapes = tuple(s for s in SHAPES if kinds is None or s.name in kinds)
    return _Selection(shapes, tuple(c for c in CUES if any(c in s.needs for s in shapes)), {})


def _cues(sentence: str, needed: tuple[str, ...]) -> frozenset[str]:
    """The cues the sentence has, among those needed: a year is not looked for without a digit, nor
    a case-blind word without its letters."""
    found = []
    low = None
    for name in needed:
        if name in _DIGIT_CUES and "digit" not in found:
            continue
        words = _CUE_WORDS.get(name)
        if words is not None:
            low = sentence.lower() if low is None else low
            if not any(w in low for w in words):
                continue
        if CUES[name].search(sentence):
            found.append(name)
    return frozenset(found)


def find_dates(sentence: str, base: dt.date | None, offset: int = 0,
               names: Iterable[tuple[int, int]] = (), kinds: frozenset[str] | None = None,
               document: str = "") -> list[DateMention]:
    """Every date expression in `sentence`, left to right, without overlaps (longest shape wins).

    `names` are (start, end) spans, in the same offsets, of names the caller
    has found (places, people): a date shape overlapping one is part of the name.
    Lists of years give one mention each; "from A to B", "between A and B",
    "since A" and "until A" give one mention spanning both ends. `kinds`
    limits the shapes read (by name) where a caller needs only some. With the
    whole `document` (the sentence at `offset` in it), a day without a year in
    a story told in a past year takes that year (see `story_year`).
    """
    selection = _selection(kinds)
    cues = _cues(sentence, selection.needed)
    counted = kinds is None and base is not None and _OFFSET_CUE.search(sentence) is not None
    if not cues and not counted:
        return []
    names = [(s - offset, e - offset) for s, e in names]
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, When, Shape]] = []
    starts: dict[str, list[int]] = {}
    for shape in selection.for_cues(cues):
        for m in _matches(shape, sentence, starts):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken) or any(s < ne and ns < e for ns, ne in names):
                continue
            if shape.name_risk and _in_a_name(shape, m, sentence):
                continue
            got = shape.interpret(m, base)
            if got is None or got[0] is None or (got[1] is not None and got[1] < got[0]):
                continue
            if document and base is not None and shape.name in _BARE_DAYS and got[0].year >= base.year - 1 \
                    and not _later(m, _day(base.year, got[0].month, got[0].day), base):
                got = _in_story(got, story_year(document, offset + s, base))
            taken.append((s, e))
            found.append((s, e, got, shape))
            if shape.name in ("year", "history_year"):
                at = e
                while (more := _LIST_YEAR.match(sentence, at)) and not any(
                        more.start("y") < ne and ns < more.end("y") for ns, ne in names):
                    taken.append(more.span("y"))
                    found.append((more.start("y"), more.end("y"), (dt.date(int(more["y"]), 1, 1), None, "year"), shape))
                    at = more.end()
    if counted and base is not None:
        _offsets(sentence, offset, found, taken, names, document, base)
    found.sort(key=lambda f: f[0])
    if document and base is not None and (that := _THAT_YEAR.search(sentence)):
        _into_that_year(sentence[:that.start()], document[max(0, offset - _STORY_REACH):offset], found)
    _share_the_year(sentence, found)
    return _spans(sentence, offset, found, base)


# "on Jan. 15 that year", "in June of the same year": the year is the one last written before
_THAT_YEAR = re.compile(r"\b(?i:that|the\s+same|that\s+same)\s+year\b(?!['\u2019]s)")


def _into_that_year(sentence_before: str, text_before: str, found: list) -> None:
    """Days and months without a year in a sentence saying "that year" are of the year last written before
    it, in the sentence or up to a paragraph or two back; with none written, their year is not known and
    they date nothing (this year's would be a phantom)."""
    years = _YEAR_WORD.findall(sentence_before) or _YEAR_WORD.findall(text_before)
    for i in range(len(found) - 1, -1, -1):
        s, e, got, shape = found[i]
        if shape.name in _YEARLESS or shape.name in _BARE_DAYS:
            if years:
                found[i] = (s, e, _in_story(got, (int(years[-1]), 1)), shape)
            else:
                del found[i]


_YEARLESS = frozenset({"md", "dm", "month"})
_WITH_A_YEAR = frozenset({"mdy", "dmy", "my", "md_last_year", "month_of_year"})
_JOIN = r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|&)\s+)"
_COORDINATED = re.compile(rf"{_JOIN}(?:(?:{_MONTH_WORDS}){_JOIN})*")  # (bare months between: "June, July and")


def _share_the_year(sentence: str, found: list) -> None:
    """ "in June and November 2023", "on May 5 and June 7, 2023", "March and April last year": days or
    months coordinated with one that gives its year are of that year, down a list ("June, July and
    November 2023": right to left, each from the one after it once that one has the year written or given)."""
    given: set[int] = set()
    for i in range(len(found) - 2, -1, -1):
        s, e, (lo, hi, precision), shape = found[i]
        s2, _, (lo2, _, _), shape2 = found[i + 1]
        if shape.name not in _YEARLESS or hi is not None or not (shape2.name in _WITH_A_YEAR or i + 1 in given) \
                or not _COORDINATED.fullmatch(sentence, e, s2):
            continue
        moved = _day(lo2.year, lo.month, lo.day)
        if moved is not None and moved <= lo2:
            found[i] = (s, e, (moved, None, precision), shape)
            given.add(i)


# "a week later", "two days earlier", "the next day", "the same day": counted from the date before them
_OFFSET_CUE = re.compile(r"(?i:later|earlier|(?:next|following|previous|preceding|same|that) day)")
# (days and weeks only: "up 5% from a year earlier" compares figures, and dates nothing)
_OFFSET = re.compile(rf"\b(?i:{_NUM}\s+(?P<unit>days?|weeks?)\s+(?P<dir>later|earlier)"
                     r"|the\s+(?:next|following)\s+(?P<next>day)|the\s+(?:previous|preceding)\s+(?P<previous>day)"
                     r"|(?:the\s+same|that(?:\s+same)?)\s+(?P<same>day))\b")


@_reads()
def _anchored(g: re.Match, base):
    """Read by `_offsets`, which knows the date before: no reading of its own."""
    return None


_OFFSET_SHAPE = Shape("offset", _OFFSET, _anchored, relative=True)
_OFFSET_REACH = 600  # how far back in its paragraph the sentence before is looked for


def _offsets(sentence: str, offset: int, found: list, taken: list, names: list, document: str,
             base: dt.date) -> None:
    """ "reached Goma on May 2 and Bukavu a week later": a span of time after or before the last day named
    before it, in the sentence or in the one before it in its paragraph; none without such a day."""
    for m in _OFFSET.finditer(sentence):
        s, e = m.span()
        if any(s < te and ts < e for ts, te in taken) or any(s < ne and ns < e for ns, ne in names):
            continue
        anchor = _day_before(s, found, document, offset, base)
        if anchor is None:
            continue
        if m["next"] or m["previous"] or m["same"]:
            d = anchor + dt.timedelta(days=1 if m["next"] else -1 if m["previous"] else 0)
        else:
            n = int(m["n"]) if m["n"].isdigit() else NUMBERS.get(m["n"].lower(), 0)
            unit = m["unit"].lower().rstrip("s")
            if not 0 < n <= 99:
                continue
            d = anchor + relativedelta(**{unit + "s": n if m["dir"].lower() == "later" else -n})
        taken.append((s, e))
        found.append((s, e, (d, None, "day"), _OFFSET_SHAPE))


def _day_before(at: int, found: list, document: str, offset: int, base: dt.date) -> dt.date | None:
    days = [f for f in found if f[1] <= at and f[2][2] == "day" and f[2][1] is None]
    if days:
        return max(days, key=lambda f: f[1])[2][0]
    if not document:
        return None
    before = _paragraph_before(document, offset, _OFFSET_REACH)
    stops = [m.end() for m in _STOP.finditer(before)]
    previous = before[stops[-1]:] if stops else before
    days_then = [d for d in find_dates(previous, base) if d.precision == "day" and d.date_end is None]
    return dt.date.fromisoformat(days_then[-1].date) if days_then else None


# a past year's month or day as a time adverbial ("In July 1997,", "on 8 July 1997"), or a sentence opening
# "In 1997,": it sets when the story happens; "the flood of July 1997" or "since July 1997" does not
_STORY_FRAME = re.compile(re.sub(r"\?P<\w+>", "?:", (
    rf"\b(?i:in|on|by|during|throughout|early|late|mid)[-\s]+(?:the\s+)?(?:{_WD}{_M}\s+{_D},?\s+{_Y}"
    rf"|{_WD}{_D}(?:\s+of)?\s+{_M},?\s+{_Y}|{_M}(?:\s+of)?,?\s+{_Y})"
    rf"|(?:^|(?<=[.!?\n\u201c\"]\s)|(?<=\n))In\s+{_Y},")))
_FRAME_MONTH = re.compile(_MONTH_WORDS)
_BARE_DAYS = frozenset({"md", "dm", "md_range", "dm_range"})
_STORY_REACH = 1000  # how far back in its paragraph a frame is looked for,
_STORY_SENTENCES = 2  # and no more sentences back than this


def _paragraph_before(document: str, at: int, reach: int) -> str:
    """The text of `at`'s paragraph before it, at most `reach` characters: where a day or a year it counts
    from may be written."""
    return document[max(document.rfind("\n", 0, at) + 1, at - reach):at]


def story_year(document: str, at: int, base: dt.date) -> tuple[int, int] | None:
    """The (year, month) a story is told in at offset `at`, where its paragraph set a past year as the time
    of what follows ("In July 1997, the Oder rose. On July 8, it reached Racibórz"): a day without a year
    there is that year's, not this year's. Only years at least two before the article's (last year's
    figures in a news story frame nothing), only a sentence or two back in the same paragraph (the next
    one may be today's: "On July 8, survivors gathered"), and only where no other year is written between
    the frame and the day."""
    before = _paragraph_before(document, at, _STORY_REACH)
    frame = None
    for frame in _STORY_FRAME.finditer(before):
        pass
    if frame is None:
        return None
    year = _A_YEAR.findall(frame.group())[-1]
    if int(year) > base.year - 2 or any(y.group() != year for y in _A_YEAR.finditer(before, frame.end())) \
            or len(_STOP.findall(before, frame.end())) > _STORY_SENTENCES:
        return None
    month = _FRAME_MONTH.search(frame.group())
    return int(year), _month(month.group()) if month else 1


def _in_story(got: When, story: tuple[int, int] | None) -> When:
    """A day read as this year's moved into the story's year (the next one where the story runs past
    the new year: "In December 1997 ... on January 3")."""
    if story is None:
        return got
    lo, hi, precision = got
    year = story[0] + 1 if story[1] - lo.month > 6 else story[0]
    moved = _day(year, lo.month, lo.day)
    if moved is None:
        return got
    shift = year - lo.year
    return moved, (_day(hi.year + shift, hi.month, hi.day) if hi is not None else None), precision


def _matches(shape: Shape, sentence: str, starts: dict[str, list[int]]) -> Iterator[re.Match]:
    """What `shape.pattern.finditer(sentence)` gives, tried only where a match can begin (`starts` keeps
    the sentence's positions of each kind, for the next shape)."""
    if not shape.starts:
        yield from shape.pattern.finditer(sentence)
        return
    joined = "+".join(shape.starts)  # kept joined too: two shapes begin where a year or the word before it does
    at_all = starts.get(joined)
    if at_all is None:
        at_all = starts[joined] = sorted(set().union(*(_starts(sentence, kind, starts) for kind in shape.starts)))
    end = 0
    for at in at_all:
        if at >= end and (m := shape.pattern.match(sentence, at)) is not None:
            end = m.end()
            yield m


def _starts(sentence: str, kind: str, known: dict[str, list[int]]) -> list[int]:
    got = known.get(kind)
    if got is None:
        if kind == "name":
            got = [m.start() for m in _NAMES.finditer(sentence)]
        elif kind == "number":
            got = [m.start() for m in _NUMBERS.finditer(sentence)]
        elif kind == "the_number":
            got = [k - 3 for at in _starts(sentence, "number", known)
                   if 3 <= (k := _before_gap(sentence, at, False)) < at and sentence.startswith("the", k - 3)]
        else:
            got = []
            for at in _starts(sentence, "number" if kind == "word_number" else "name", known):
                k = _before_gap(sentence, at, True)
                word = k
                while word > 0 and (sentence[word - 1].isalnum() or sentence[word - 1] == "_"):  # what \w is
                    word -= 1
                if word < k < at:
                    got.append(word)
        known[kind] = got
    return got


def _before_gap(sentence: str, at: int, hyphens: bool) -> int:
    """Where the spaces (and hyphens) just before `at` begin."""
    while at > 0 and (sentence[at - 1].isspace() or (hyphens and sentence[at - 1] == "-")):
        at -= 1
    return at


def _spans(sentence: str, offset: int, found: list, base: dt.date | None) -> list[DateMention]:
    """Join "from A to B" and "between A and B" into one mention; stretch "since A" and "until A" to the article date."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        s, e, (lo, hi, precision), shape = found[i]
        if i + 1 < len(found):
            s2, e2, (lo2, hi2, precision2), shape2 = found[i + 1]
            before = sentence[:s].rstrip().lower()
            words = sentence[s:e].lower()
            opener = next((w for w in ("from", "between") if before.endswith(w) or words.startswith(w)), None)
            gap = _RANGE_GAP.fullmatch(sentence, e, s2)
            joined = gap and opener and (gap.group().strip() == "and") == (opener == "between")
            if joined and (hi2 or lo2) >= lo:
                out.append(_mention(sentence, offset, s, e2, lo, hi2 or lo2, precision,
                                    shape.relative or shape2.relative, "range", precision2))
                i += 2
                continue
        if precision != "day" and base is not None and lo.year < base.year \
                and (_BEFORE.search(sentence, max(0, s - 16), s) or sentence[s:e].lower().startswith("before")):
            i += 1
            continue
        if base is not None and hi is None:
            if (_SINCE.search(sentence, max(0, s - 8), s) or sentence[s:e].lower().startswith("since")) and lo < base:
                said = sentence[max(0, s - 80):s] + ("since " if sentence[s:e].lower().startswith("since") else "")
                if not _COMPARED_SINCE.search(said):
                    out.append(_mention(sentence, offset, s, e, lo, base, precision, True, "since"))
                i += 1
                continue
            if (_UNTIL.search(sentence, max(0, s - 10), s) or sentence[s:e].lower().startswith(("until", "till"))) and lo > base:
                out.append(_mention(sentence, offset, s, e, base, lo, precision, True, "until"))
                i += 1
                continue
        out.append(_mention(sentence, offset, s, e, lo, hi, precision, shape.relative, shape.name))
        i += 1
    return out


# --- the article's own date -------------------------------------------------------------------

# what reports the present: the day a sentence like this tells of is the day of the story
class _PresentWords:
    """What reports the present: a reporting verb ("said", "vowed") not made history by a passive
    ("independence was declared"), or "today", "now", "as of". One regex and a look at the word
    before is four times faster than lookbehinds at every position."""

    _WORDS = re.compile(
        r"\b(?:said|says|told|tells|announced|announces|reported|reports|added|adds|stated|states|"
        r"vowed|vows|promised|promises|denounced|denounces|declared|declares|confirmed|confirms|warned|warns|"
        r"urged|urges|wrote|writes|expressed|expresses|praised|praises|marked|marks|congratulated|"
        r"[Tt]oday|[Tt]onight|[Nn]ow|[Cc]urrently|this week|[Aa]ccording to|[Aa]s of)\b")
    _PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are) $")
    _ADVERBS = frozenset({"today", "tonight", "now", "currently", "this week", "according to", "as of"})

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        for m in self._WORDS.finditer(text, pos, len(text) if endpos is None else endpos):
            if m.group().lower() in self._ADVERBS or not self._PASSIVE.search(text, max(0, m.start() - 6), m.start()):
                return m
        return None


PRESENT = _PresentWords()
# a date told as the story's present: "officials said on Nov. 25", "as of December 1, 2020", "On Nov. 25, X said"
STATED_BEFORE = re.compile(r"\b(?:said|says|told|announced|reported|stated|declared|confirmed|as of|today|now)"
                            r"\s+(?:on\s+)?$", re.IGNORECASE)
_STATED_AFTER = re.compile(r",?\s+(?:[\w'\u2019-]+\s+){0,5}?(?:said|says|told|announced|reported|stated|declared|"
                           r"confirmed)\b")
# lines that caption a photo or video: their date is the picture's, not the story's
CAPTION = re.compile(
    r"^\s*(?:WATCH|VIDEO|PHOTO|PHOTOS|IMAGE|FILE|GALLERY|LISTEN|AUDIO|Click to play|Watch|Video|Photo|Image|File photo)\b"
    r"|\b(?:Getty Images|AP Photo|Reuters/|AFP/|/AP\b|/Reuters\b|Photo:|Photograph:|Credit:)")
_CAPTION_WORDS = ("WATCH", "VIDEO", "PHOTO", "PHOTOS", "IMAGE", "FILE", "GALLERY", "LISTEN", "AUDIO", "UPDATE",
                  "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "LIVE", "EDITORIAL", "COMMENTARY")
# "BAKU, Azerbaijan, Nov. 8 —", "ISLAMABAD:", "Baku, Azerbaijan –", "MOSCOW, Nov 25 (Reuters) -"
_CAP_WORD = r"[A-Z][\w.'\u2019]*(?:-[A-Z\w][\w.'\u2019]*)*"
DATELINE = re.compile(
    rf"(?P<where>{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,3}}(?:,\s*{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,3}}){{0,2}})"
    rf"(?:,\s*(?P<when>{_WD}(?i:{_MONTH_WORDS})\.?\s+[0-3]?\d(?:,?\s+(?:1[89]|20)\d\d)?"
    rf"|{_WD}[0-3]?\d\s+(?i:{_MONTH_WORDS})\.?(?:,?\s+(?:1[89]|20)\d\d)?))?"
    r"\s*(?:\([A-Z][\w .&-]*\)\s*)?(?P<sep>[\u2014\u2013:]|\s-|--|$|\.\s*/[A-Z]+/|,\s*[A-Z]{3,}\b)",
    re.MULTILINE,
)
# a line that is only a date ("Published: Nov. 25, 2020 10:31 a.m.", "By Jo Doe | November 25, 2020")
_DATE_LINE = re.compile(
    r"^(?:(?:By\s+[^|\u2013\u2014]{2,60}[|\u2013\u2014]\s*)|(?i:(?:published|updated|posted|last updated|date)"
    r"(?:\s+on)?:?\s*))?(?P<when>.{6,40}?)"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,5})?)?\s*$")
_TOP_LINES = 6
# a line that is only a numeric date: ISO, or day.month.year as European sites print it
_NUMERIC_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)\d\d)")
_CALENDAR_DAYS = frozenset({"mdy", "dmy", "md", "dm", "mdy_range", "dmy_range", "md_range", "dm_range", "range"})
_FULL_DAY_SHAPES = frozenset({"mdy", "dmy", "mdy_range", "dmy_range"})
_DAY_MONTH_HINT = re.compile(rf"(?:{_MONTH_WORDS})\.?\s+[0-3]?\d\b|\d\s+(?:of\s+)?(?:{_MONTH_WORDS})\b")
_FULL_DATE_HINT = re.compile(rf"(?:{_MONTH_WORDS})\.?\s+[0-3]?\d(?:\s*[-\u2013]\s*\d\d?)?,?\s+(?:1[89]|20)\d\d"
                             rf"|\d\s+(?:of\s+)?(?:{_MONTH_WORDS})\.?,?\s+(?:1[89]|20)\d\d")
_BODY_DAYS = _CALENDAR_DAYS | {"weekday", "misspelt_weekday"}
_STOP = re.compile(r"[.!?\u2026][\"\u201d\u2019)]*\s+(?=[\"\u201c\u2018(]?[A-Z])")
_A_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_YEAR_WORD = re.compile(r"\b(?=[12])(?<![,.])(?:1[89]|20)\d\d\b(?![%]|,\d)")
# how far before a date the text names a dateline or an estimate may still fall (a date given ahead of the story)
_SLACK = dt.timedelta(days=30)


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """The day an article tells of as its present, where it came from, and how sure that is."""

    date: dt.date | None
    source: str  # "dateline", "body" or "unknown"
    note: str  # the words that gave it, and any doubt


def _lines(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((at, line))
        at += len(line) + 1
    return out


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the dateline sits in `text` (offsets of its words and separator), if there is one."""
    for at, line in _lines(text)[:_TOP_LINES]:
        stripped = line.strip()
        m = DATELINE.match(stripped)
        if m is None or CAPTION.search(line) or m["where"].split(",")[0].strip() in _CAPTION_WORDS:
            continue
        if m["when"] or m["where"].split(",")[0].isupper() or m["sep"].strip() in ("\u2014", "\u2013", "-", "--"):
            lead = at + len(line) - len(line.lstrip())
            return lead, lead + m.end()
    return None


def _latest_full(text: str) -> dt.date | None:
    """The latest day-and-year date anywhere in the text, captions included: the year a bare 'Nov. 25' is in.
    Without one, 1 July of the latest year the text names. Only lines that look like they hold a full
    date are read with the date shapes: most lines with a year hold only the year."""
    days = [dt.date.fromisoformat(d.date) for at, line in _lines(text)
            if _A_YEAR.search(line) and _FULL_DATE_HINT.search(line)
            for d in find_dates(line, None, at, kinds=_FULL_DAY_SHAPES)
            if d.precision == "day" and not d.relative and not future_before(text, d.start)]
    if days:
        return max(days)
    years = [int(y.group()) for y in _YEAR_WORD.finditer(text)]
    return dt.date(max(years), 7, 1) if years else None


def _sentence_present(line: str, d: DateMention) -> bool:
    """Does the sentence around the date report the present ("vowed Wednesday")?"""
    start = 0
    for stop in _STOP.finditer(line, 0, d.start):
        start = stop.end()
    after = _STOP.search(line, d.end)
    return bool(PRESENT.search(line, start, after.start() if after else len(line)))


def _quoted(paragraph: str) -> list[tuple[int, int]]:
    return [q.span() for q in re.finditer(r"[\u201c\"][^\u201c\u201d\"]*(?:[\u201d\"]|$)", paragraph)]


def article_date(text: str) -> ArticleDate:
    """The article's date when no metadata gives one, from its words alone.

    In order: a dateline or a date line at the top ("BAKU, Nov. 25 —",
    "Published Nov. 25, 2020"); else the latest date the body states as its
    present ("officials said on Nov. 25", "as of December 1, 2020"); else, where
    the body reports a weekday as its present ("vowed Wednesday"), the first
    such weekday after the latest date the body mentions (an estimate, said in
    `note`). A caption's date is the picture's, and a quoted date the
    speaker's: neither is the article's, though they may give the year.
    """
    lines = _lines(text)
    top = lines[:_TOP_LINES]
    ignored = []
    for at, line in top:
        stripped = line.strip()
        if CAPTION.search(stripped):
            if any(d.precision == "day" for d in find_dates(stripped, None)):
                ignored.append(f"a caption's date ({stripped[-40:]!r})")
            continue
        m = DATELINE.match(stripped)
        if m and m["when"] and (m["where"].split(",")[0].strip() not in _CAPTION_WORDS):
            got = _dated(m["when"].title() if m["when"].isupper() else m["when"], text)
            if got:
                return ArticleDate(got[0], "dateline", f"dateline {m.group().strip()!r}" + got[1])
            ignored.append(f"the dateline {m.group().strip()!r}, which gives no year the text can supply")
        if numeric := _NUMERIC_DATE.fullmatch(stripped):
            y, mo, d = (numeric["y"], numeric["m"], numeric["d"]) if numeric["y"] else (
                numeric["y2"], numeric["m2"], numeric["d2"])
            if day := _day(int(y), int(mo), int(d)):
                return ArticleDate(day, "dateline", f"date line {stripped!r}")
        only = _DATE_LINE.match(stripped)
        if only and len(stripped) <= 80:
            found = find_dates(only["when"], None)
            if len(found) == 1 and found[0].kind in ("mdy", "dmy") and found[0].text.strip(" ,") == only["when"].strip(" ,"):
                return ArticleDate(dt.date.fromisoformat(found[0].date), "dateline", f"date line {stripped!r}")
    return _from_body(text, lines, ignored)


def _dated(words: str, text: str) -> tuple[dt.date, str] | None:
    """A dateline's date; without a year, the year of the latest full date in the text (a caption's will do)."""
    found = find_dates(words, None)
    if found and found[0].precision == "day" and not found[0].relative:
        return dt.date.fromisoformat(found[0].date), ""
    ref = _latest_full(text)
    if ref is None:
        return None
    found = find_dates(words, ref)
    if not found or found[0].precision != "day":
        return None
    stated = dt.date.fromisoformat(found[0].date)
    day = min((x for y in (ref.year, ref.year + 1) if (x := _day(y, stated.month, stated.day)) and x >= ref - _SLACK),
              default=None)
    if day is None:
        return None  # "Feb. 29" in two years without one
    latest = f"full date in the text ({ref.isoformat()})" if ref.day != 1 or ref.month != 7 else \
        f"year the text names ({ref.year})"
    return day, f"; the year from the latest {latest}, which it follows; uncertain"


def _from_body(text: str, lines: list[tuple[int, str]], ignored: list[str]) -> ArticleDate:
    """Read paragraph by paragraph (a sentence is the span between full stops around a date): cheaper than
    splitting sentences, and what is read here is only dates, present-tense words and quotation marks."""
    stated: list[tuple[dt.date, str]] = []  # dates told as the present
    mentioned: list[dt.date] = []  # every past day the body names
    present_weekdays: list[tuple[int, str]] = []
    base = _latest_full(text)
    head = lines[0][0] + len(lines[0][1]) if lines else 0
    years = []
    for at, line in lines:
        if at < head:
            continue
        has_year = _A_YEAR.search(line)
        has_day_month = _DAY_MONTH_HINT.search(line)
        has_weekday = CUES["day"].search(line) and PRESENT.search(line)
        if not (has_year or has_day_month or has_weekday):
            continue
        if CAPTION.search(line):
            continue
        quotes = _quoted(line)
        years += [int(y.group()) for y in _YEAR_WORD.finditer(line) if not any(a <= y.start() < b for a, b in quotes)]
        if not (has_day_month or has_weekday):
            continue
        for d in find_dates(line, base, kinds=_BODY_DAYS):
            if any(a <= d.start < b for a, b in quotes):
                if d.precision == "day" and not d.relative:
                    ignored.append(f"a quoted date ({d.text!r})")
                continue
            if future_before(line, d.start):
                continue
            if d.kind in ("weekday", "misspelt_weekday"):
                if _sentence_present(line, d):
                    present_weekdays.append((dt.date.fromisoformat(d.date).weekday(), d.text))
                continue
            if d.precision != "day" or d.kind not in _CALENDAR_DAYS:
                continue
            last = dt.date.fromisoformat(d.date_end or d.date)
            mentioned.append(last)
            if STATED_BEFORE.search(line, max(0, d.start - 40), d.start) or _STATED_AFTER.match(line, d.end):
                stated.append((last, d.text))
    note_ignored = ("; not " + ", ".join(dict.fromkeys(ignored))) if ignored else ""
    if stated:
        day, words = max(stated)
        return ArticleDate(day, "body", f"the latest date the body states as the present ({words!r}); "
                                        f"uncertain: the story may be later{note_ignored}")
    if mentioned and present_weekdays and max(mentioned).year >= max(years, default=0):
        after = max(mentioned)
        target, words = present_weekdays[0]
        day = after + dt.timedelta(days=(target - after.weekday()) % 7)
        return ArticleDate(day, "body", f"estimated: the first {calendar.day_name[target]} (the body's present, "
                                        f"{words!r}) on or after {after.isoformat()}, the latest date it "
                                        f"mentions; uncertain{note_ignored}")
    return ArticleDate(None, "unknown", "no dated dateline, and no date the body states as the present" + note_ignored)
