"""Events: for each place and article, the dates that the sentences naming the place talk about.

An event is a sentence that reports something happening at a place on a
date. A sentence's own dates come first, each paired with the places of its
own clause ("X is due by Dec. 1, and Y was retaken in October"); the whole
sentence is the fallback when only one clause has dates. A sentence without a
date counts as happening on the article's date only when it reports the
present ("said", "today", or a quotation someone is said to have said) —
background history ("Armenia made territorial claims") gets no date rather
than a wrong one. A headline, or a dateline ("BAKU, Azerbaijan, Nov. 8"), is
not an event: it says where and when the story was filed, not what happened;
but a lead that names no place of its own ("PARIS, Texas - A fire destroyed a
warehouse on Sunday") happened where it was filed.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from mapgen.dates import PRESENT, STATED_BEFORE, DateMention, dateline_span, find_dates
from mapgen.model import Document, Event, Flag, Mention, Place
from mapgen.sentences import Clause, Sentence, clauses

_HEADLINE_END = re.compile(r"[.!?\"\u201d\u2019:]\s*$")
_UNASKED = object()
_DATE_THEN_PLACE = re.compile(r"\s*,?\s*(?:at|in|near|on|from|for|to)\s+(?:the\s+)?")
# what opens the next turn: "on Tuesday and to Kampala", "this weekend, before the shows move to Paris" (not
# "on Monday to mark the day the fighters drove IS out of the town in January 2015": that date is the town's too)
_NEXT_TURN = re.compile(r"\s*,?\s*(?:and|before|after|then)\b")
_RELATIVE_NEXT = re.compile(r"\s*,\s*(?:which|who|whom|whose|where)\s+$")


@dataclass(frozen=True, slots=True)
class _When:
    """A date an event has, and the words in the article that gave it."""

    date: str
    date_end: str | None
    precision: str
    words: str
    start: int
    end: int

    def __init__(self, date: str, date_end: str | None, precision: str, words: str, start: int, end: int) -> None:
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "date_end", date_end)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)


def event_id(source_id: str, place_id: str, start: int, date: str, date_end: str | None) -> str:
    raw = f"{source_id}|{place_id}|{start}|{date}|{date_end or ''}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _present(sentence: Sentence, sentences: tuple[Sentence, ...]) -> _When | None:
    """How the sentence reports the present: its own words ("said", "today"), or its quotation's attribution."""
    for said in (sentence, sentences[sentence.said_by] if sentence.said_by is not None else None):
        if said is not None and (m := PRESENT.search(said.text)):
            return _When("", None, "day", m.group(), said.start + m.start(), said.start + m.end())
    return None


def _no_events(document: Document, sentences: tuple[Sentence, ...]) -> tuple[set[int], tuple[int, int] | None]:
    """Sentences that are a headline or only a dateline, and the span of a dateline that opens the body."""
    skip: set[int] = set()
    text = document.text
    first = text.lstrip()
    first_line_end = len(text) - len(first) + (first.find("\n") if "\n" in first else len(first))
    if sentences and sentences[0].end == first_line_end and not _HEADLINE_END.search(sentences[0].text) \
            and first_line_end < len(text.rstrip()):
        skip.add(0)
    span = dateline_span(text)
    if span is not None:
        for i, s in enumerate(sentences):
            if span[0] <= s.start and s.end <= span[1] + 1:
                skip.add(i)
    return skip, span


def _clause_index(cls: tuple[Clause, ...], at: int) -> int:
    for i, c in enumerate(cls):
        if at < c.end:
            return i
    return len(cls) - 1


def _pair(sentence: Sentence, mentions: list[Mention], dates: list[DateMention]) -> dict[int, list[DateMention]]:
    """Which of the sentence's dates each mention gets: its own clause's where the clauses' dates differ,
    else the dates after it where places and their dates take turns (`_in_turns`)."""
    everyone = {m.start: dates for m in mentions}
    if len(dates) < 2:
        return everyone
    cls = clauses(sentence)
    where = {id(d): _clause_index(cls, d.start) for d in dates}
    dated_groups = {cls[i].group for i in where.values()}
    if len(dated_groups) < 2:
        return _in_turns(sentence, mentions, dates) or everyone
    by_group: dict[int, list[DateMention]] = defaultdict(list)
    for d in dates:
        by_group[cls[where[id(d)]].group].append(d)
    out: dict[int, list[DateMention]] = {}
    for m in mentions:
        i = _clause_index(cls, m.start)
        got = list(by_group.get(cls[i].group, ()))
        if i + 1 < len(cls) and cls[i + 1].relative and _RELATIVE_NEXT.fullmatch(sentence.text, m.end - sentence.start,
                                                                                   cls[i + 1].start - sentence.start):
            got += by_group.get(cls[i + 1].group, [])  # "Shushi, which fell on Sunday": the clause is about Shushi
        if not got:  # a clause without a date of its own: the one before it, else the one after
            order = [j for j in range(i - 1, -1, -1)] + list(range(i + 1, len(cls)))
            nearest = next((j for j in order if by_group.get(cls[j].group) and not cls[j].relative), None)
            got = list(by_group[cls[nearest].group]) if nearest is not None else list(dates)
        out[m.start] = sorted(set(got), key=lambda d: d.start)
    return out


def _in_turns(sentence: Sentence, mentions: list[Mention], dates: list[DateMention]) -> dict[int, list[DateMention]] | None:
    """ "flew to Nairobi on Tuesday and to Kampala on Thursday", "began in Lyon on April 2 and spread to
    Marseille a week later": where the sentence names places, then their dates, then more places and theirs,
    each place gets the dates that follow it before the next places. None unless it opens with a place,
    ends with a date and takes at least two turns, each after the first opened by "and", "before", "after"
    or "then". The turns end where a source is said to speak ("..., the carmaker said on Thursday, as it
    ... in 2024"): that day, and the dates after it, tell of no one place; nor does a brief's own dateline
    ("DAKAR, June 9 (Reuters) -") take a turn."""
    base = sentence.start
    said = next((d.start for d in dates
                 if STATED_BEFORE.search(sentence.text, max(0, d.start - base - 30), d.start - base)), sentence.end)
    if any(m.start > said for m in mentions):
        return None
    opening = dateline_span(sentence.text)
    own = [d for d in dates if d.start < said and not (opening and d.start - base < opening[1])]
    if not own:
        return None
    starts = sorted(m.start for m in mentions)
    for d in own:  # "the forum is on April 22 at Vernon, another on April 20 at Howard": dates lead their places
        after = next((at for at in starts if at >= d.end), None)
        if after is not None and _DATE_THEN_PLACE.fullmatch(sentence.text, d.end - base, after - base):
            return None
    items = sorted([(m.start, 0, i) for i, m in enumerate(mentions)] + [(d.start, 1, i) for i, d in enumerate(own)])
    if items[0][1] != 0 or items[-1][1] != 1:
        return None
    turns: list[tuple[list[Mention], list[DateMention]]] = []
    for _, is_date, i in items:
        if is_date:
            turns[-1][1].append(own[i])
        elif not turns or turns[-1][1]:
            turns.append(([mentions[i]], []))
        else:
            turns[-1][0].append(mentions[i])
    if len(turns) < 2 or any(not _NEXT_TURN.match(sentence.text, ds[-1].end - base) for _, ds in turns[:-1]):
        return None
    after_said = [d for d in dates if d.start > said]
    return {m.start: ds + after_said for ms, ds in turns for m in ms}


def _lead(sentences: tuple[Sentence, ...], skip: set[int], dateline: tuple[int, int]) -> int | None:
    """The sentence the dateline opens (or, where the dateline stands alone, the next one)."""
    return next((i for i, s in enumerate(sentences) if i not in skip and s.end > dateline[1]), None)


def events_for(document: Document, places: tuple[Place, ...], sentences: tuple[Sentence, ...]) -> tuple[Event, ...]:
    skip, dateline = _no_events(document, sentences)
    in_sentence: dict[int, list[tuple[Place, Mention]]] = defaultdict(list)
    filed_at: list[tuple[Place, Mention]] = []
    for place in places:
        for m in place.mentions:
            if Flag.WHOSE in m.flags:
                continue  # "Kenya's Daniel Kiprop won in Monaco on Friday": his country, not where he won
            if dateline and dateline[0] <= m.start < dateline[1]:
                filed_at.append((place, m))
                continue
            in_sentence[m.sentence].append((place, m))
    if filed_at and dateline and (lead := _lead(sentences, skip, dateline)) is not None \
            and not in_sentence.get(lead):
        # "PARIS, Texas - A fire destroyed a warehouse on Sunday": a lead that names no place of its own
        # happened where it was filed; one that does ("GENEVA - Troops entered Lachin") happened there
        in_sentence[lead] = sorted(filed_at, key=lambda pm: pm[1].start)
    out: dict[str, Event] = {}
    for si in sorted(in_sentence):
        if si in skip:
            continue
        s = sentences[si]
        named = in_sentence[si]
        dates = [d for d in find_dates(s.text, document.date, s.start, [(m.start, m.end) for _, m in named],
                                   document=document.text)
                 if not (dateline and dateline[0] <= d.start < dateline[1])]
        paired = _pair(s, [m for _, m in named], dates)
        # read only when a name has no date of its own: most sentences with dates never ask
        present: _When | None | object = _UNASKED
        for place, m in named:
            whens = [_When(d.date, d.date_end, d.precision, d.text, d.start, d.end) for d in paired[m.start]]
            if not whens and document.date:
                if present is _UNASKED:
                    present = _present(s, sentences)
                if isinstance(present, _When):
                    whens = [_When(document.date.isoformat(), None, "day", present.words, present.start, present.end)]
            for w in whens:
                eid = event_id(document.id, place.id, s.start, w.date, w.date_end)
                if eid not in out:
                    out[eid] = Event(eid, place.id, document.id, w.date, w.date_end, w.precision, s.text, s.start,
                                     s.end, w.words, w.start, w.end)
    return tuple(sorted(out.values(), key=lambda e: (e.start, e.place_id, e.date, e.id)))
