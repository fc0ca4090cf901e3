"""The values passed between pipeline stages: documents -> mentions -> places -> events.

Frozen, slotted dataclasses so a stage can neither mutate another's output nor
pass an ad-hoc dict by mistake; everything here is also cheap to pickle, which
is what a cache or a Dask worker needs.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from disk.

    `text` is the article body with any ` date YYYY-MM-DD` marker removed;
    every offset elsewhere in mapgen indexes this string.
    """

    id: str
    path: str
    title: str
    text: str
    sha256: str
    date: dt.date | None = None
    date_source: str = "unknown"  # "marker", or dates.article_date's "dateline", "body" or "unknown"

    def __post_init__(self):
        if not self.id or not self.sha256:
            raise TypeError("Document needs an id and a sha256")


@dataclass(frozen=True, slots=True)
class Source:
    """What the exports say about an article (sources.json)."""

    id: str
    file: str
    title: str
    date: str | None
    sha256: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that may name a place, before resolution."""

    surface: str
    start: int
    end: int
    sentence: int
    key: str  # the gazetteer look-up key the span matched


# the kind of a first-level subdivision that is a city (Kyiv, Tbilisi): an area, not a populated place
CITY_REGION = "city region"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    population: int = 0
    admin1: str = ""
    matched: str = "name"  # "name" (primary), "alternate", "other" (a former or foreign name), "code"...

    def __post_init__(self):
        if not (-90.0 <= self.lat <= 90.0 and -180.0 <= self.lon <= 180.0):
            raise TypeError(f"{self.id}: coordinates out of range ({self.lat}, {self.lon})")


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entry chosen for one name in one document, and why."""

    candidate: Candidate
    score: float
    confidence: float
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place in one document, with every mention that named it."""

    candidate: Candidate
    mentions: tuple[Mention, ...]
    confidence: float
    evidence: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.candidate.id


@dataclass(frozen=True, slots=True)
class Event:
    """A dated thing that happened at a place, as one article tells it."""

    id: str
    place_id: str
    source_id: str
    date: str  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    date_end: str | None
    precision: str  # "day", "month" or "year"
    text: str
    start: int
    end: int
    when: str = ""  # the words that gave the date ("on Sunday"; "said" for the article's own date)
    when_start: int = -1  # their offsets in the article body
    when_end: int = -1


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything mapgen learns from one article; a pure function of its text."""

    document: Document
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
