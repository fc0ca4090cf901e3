"""Events: for each place and article, the dates that the sentences naming the place talk about.

A sentence's own dates come first. A sentence without one counts as happening
on the article's date only when it reports the present ("said", "today") —
background history ("Armenia made territorial claims") gets no date rather
than a wrong one.
"""
from __future__ import annotations

import hashlib
import re

from mapgen.dates import find_dates
from mapgen.model import Document, Event, Place
from mapgen.sentences import Sentence

_PRESENT = re.compile(
    r"\b(?:said|says|told|tells|announced|announces|reported|reports|added|adds|stated|states|according to|"
    r"vowed|vows|promised|promises|denounced|denounces|declared|declares|confirmed|confirms|warned|warns|"
    r"urged|urges|wrote|writes|expressed|expresses|praised|praises|marked|marks|congratulated|"
    r"today|tonight|now|currently|this week|ongoing)\b",
    re.IGNORECASE,
)


_QUOTE = re.compile(r"[\u201c\"][^\u201c\u201d\"]*(?:[\u201d\"]|$)")


def _present(sentence: Sentence, text: str) -> bool:
    """Does the sentence report the present, itself or as part of a quote whose paragraph says who said it?"""
    if _PRESENT.search(sentence.text):
        return True
    para_start = text.rfind("\n", 0, sentence.start) + 1
    para_end = text.find("\n", sentence.end)
    paragraph = text[para_start:para_end if para_end >= 0 else len(text)]
    at = sentence.start - para_start
    quoted = any(q.start() <= at < q.end() for q in _QUOTE.finditer(paragraph))
    return quoted and bool(_PRESENT.search(paragraph))


def event_id(source_id: str, place_id: str, start: int, date: str, date_end: str | None) -> str:
    raw = f"{source_id}|{place_id}|{start}|{date}|{date_end or ''}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def events_for(document: Document, places: tuple[Place, ...], sentences: tuple[Sentence, ...]) -> tuple[Event, ...]:
    dated = {}
    out: dict[str, Event] = {}
    for place in places:
        for si in sorted({m.sentence for m in place.mentions}):
            s = sentences[si]
            if si not in dated:
                dated[si] = find_dates(s.text, document.date, s.start)
            found = [(d.date, d.date_end, d.precision) for d in dated[si]]
            if not found and document.date and _present(s, document.text):
                found = [(document.date.isoformat(), None, "day")]
            for date, date_end, precision in found:
                eid = event_id(document.id, place.id, s.start, date, date_end)
                out[eid] = Event(eid, place.id, document.id, date, date_end, precision, s.text, s.start, s.end)
    return tuple(sorted(out.values(), key=lambda e: (e.start, e.place_id, e.date, e.id)))
