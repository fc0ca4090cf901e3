"""The values passed between pipeline stages: documents -> mentions -> places -> events.

Frozen, slotted dataclasses so a stage can neither mutate another's output nor
pass an ad-hoc dict by mistake; everything here is also cheap to pickle, which
is what a cache or a Dask worker needs. The values made by the thousand per
article write their __init__ out: mypyc compiles those (setup.py), about twenty
times as fast as the one dataclasses writes when the module is imported
(tests/test_compiled.py checks each takes its dataclass's fields).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from enum import Enum, StrEnum
from functools import lru_cache


def by_constructor(obj) -> tuple:
    """How pickle makes a frozen value again: through its constructor, since compiled classes
    (setup.py) take no attribute assignment after it; computed fields are computed again."""
    cls = type(obj)
    names = _INIT_FIELDS.get(cls)
    if names is None:
        names = _INIT_FIELDS[cls] = tuple(f.name for f in fields(cls) if f.init)
    return cls, tuple(getattr(obj, n) for n in names)


_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


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
    # where the date came from: "marker", "header", "front matter", "page metadata" (formats), or
    # dates.article_date's "dateline", "body" or "unknown"; `date_note` says which words, and any doubt
    date_source: str = "unknown"
    date_note: str = ""

    def __post_init__(self):
        if not self.id or not self.sha256:
            raise TypeError("Document needs an id and a sha256")

    def __reduce__(self):
        return by_constructor(self)


@dataclass(frozen=True, slots=True)
class Source:
    """What the exports say about an article (sources.json)."""

    id: str
    file: str
    title: str
    date: str | None
    sha256: str

    def __reduce__(self):
        return by_constructor(self)


class Flag(StrEnum):
    """What the text around a name says about it, recorded by `mentions` and weighed by `rules`."""

    PERSON = "person"  # inside a person's name ("Lynne Tracy"), or a surname seen as one
    ORG = "org"  # inside an organisation's name ("Trend News Agency")
    CIVIC = "civic"  # ... a local government's, named after its place ("Dover Police Department")
    FACILITY = "facility"  # a building's or street's name ("Lancaster Hall")
    STREET = "street"  # a street's ("Dover Street"): never the place it is named after
    BUILDING = "building"  # ... with the building's noun after the name ("Canada Life Centre"): a town's, not a country's
    PARTIAL = "partial"  # part of a longer capitalised run the gazetteer does not know
    FEATURE = "feature"  # a river, lake, mountain or sea named after the place ("Mississippi River")
    DISEASE = "disease"  # a disease named after the place ("Marburg virus", "Lyme disease")
    REGION_OF = "region_of"  # a part of it ("Southern Asia")
    HANDLE = "handle"  # "@Paris", "#Paris"
    AGENCY = "agency"  # between a dateline's brackets and its dash: the news agency ("MANILA (Xinhua) --")
    CAPS = "caps"  # written in capitals: shouting or an acronym
    DOTTED = "dotted"  # a state abbreviated with a stop after a town and a comma ("Calif.")
    ACRONYM = "acronym"  # one word of up to five capitals
    SHORT = "short"  # ... of up to three: only a code the gazetteer lists
    STOPS = "stops"  # written with stops ("N.C.")
    FREQUENT_NAME = "frequent_name"  # a frequent word that is only a name, where English puts a place
    COMMON = "common"  # a frequent English word ("Victory")
    LOCATIVE = "locative"  # ... where English puts a place, read as a word or a given name ("to Denver", "from Boston")
    WORD = "word"  # ... in the dictionary too, where English puts a word, not a place ("Lion", "Basic")
    OPENING = "opening"  # ... an everyday one opening its sentence before a lower-case word ("Young people")
    GIVEN_NAME = "given_name"  # a given name alone, not where English puts a place ("Ramona thanked them")
    DEMONYM = "demonym"  # a people's name ("Azerbaijani")
    DATE = "date"  # a month or weekday
    GENERIC = "generic"  # a direction or generic word ("South")
    GENERIC_NAME = "generic_name"  # a name of generic words only ("Northern Province", "North East")
    PRONOUN = "pronoun"  # "US" as in "let US know"
    AREA_WORD = "area_word"  # followed by an area noun ("the Kalbajar district", "Clarke County")
    TOWN_WORD = "town_word"  # after "the town of", "the city of"
    UNKNOWN_BESIDE = "unknown_beside"  # listed with a name the gazetteer lacks ("to Mykonos and Kalafati")
    DATELINE = "dateline"  # opens a dateline ("ATLANTA \u2014", "BAKU, Nov. 25 \u2014")
    WIRE = "wire"  # opens a wire service's dateline, its agency in brackets ("DALLAS (AP) \u2014")
    NEIGHBOURHOOD = "neighbourhood"  # before "neighborhood": a part of a town ("the Pilsen neighborhood")
    DEFINITE = "definite"  # after "the", heading its phrase ("the Red Cross said"): a body's or a thing's name
    TAIL = "tail"  # the later of two names side by side ("Wellington Phoenix"): a team's name, or an area's
    WHOSE = "whose"  # before "'s" and a person's name ("Kenya's Daniel Kiprop"): whose, not where anything happened


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that may name a place, before resolution, with what the text around it says."""

    surface: str
    start: int
    end: int
    sentence: int
    key: str  # the gazetteer look-up key the span matched
    flags: frozenset[Flag] = frozenset()
    area_noun: str = ""  # the area noun that follows it ("district", "county"), with Flag.AREA_WORD

    def __init__(self, surface: str, start: int, end: int, sentence: int, key: str,
                 flags: frozenset[Flag] = frozenset(), area_noun: str = "") -> None:
        object.__setattr__(self, "surface", surface)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "flags", flags)
        object.__setattr__(self, "area_noun", area_noun)

    def __reduce__(self):
        return by_constructor(self)


# the area noun of a name read as a part of an area: "upstate New York", "western Washington"
PART = "part"

# the kind of a first-level subdivision that is a city (Kyiv, Tbilisi): an area, not a populated place
CITY_REGION = "city region"


class Kind(Enum):
    """What the resolver reasons about; a candidate's `kind` string keeps the gazetteer's own word
    ("rayon", "state", "oblast"), which the exports publish."""

    CAPITAL = "capital"
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    COUNTRY = "country"
    CONTINENT = "continent"
    REGION = "region"  # a world or curated region ("Middle East", "Donbas")
    SEA = "sea"
    LANDMARK = "landmark"
    CITY_REGION = CITY_REGION
    SUBDIVISION = "subdivision"  # a first-level area: state, province, rayon, oblast
    COUNTY = "county"  # a second-level area

    @property
    def populated(self) -> bool:
        return self._name_ in _POPULATED_NAMES  # a str's hash is cached; an Enum's __hash__ is Python code

    @property
    def area(self) -> bool:
        return self._name_ not in _POPULATED_NAMES


_POPULATED = frozenset({Kind.CAPITAL, Kind.CITY, Kind.TOWN, Kind.VILLAGE})
_POPULATED_NAMES = frozenset(k.name for k in _POPULATED)
# what GeoNames' second-level areas call themselves (a few countries' first-level counties weigh the same)
SECOND_LEVEL_WORDS = frozenset({"county", "parish", "borough", "census area", "two-tier county", "unitary authority",
                                "metropolitan district", "raion", "city and borough"})

# curated physical features: a lake weighs as a sea, an island, range, desert or park as a region
NATURAL_FEATURES = {"lake": Kind.SEA, "island": Kind.REGION, "mountains": Kind.REGION, "mountain": Kind.REGION,
                    "desert": Kind.REGION, "park": Kind.REGION}


@lru_cache(maxsize=1024)
def kind_of(kind: str, admin1: str) -> Kind:
    """The resolver's class for a gazetteer kind: a subdivision calls itself many things."""
    try:
        k = Kind(kind)
    except ValueError:
        if kind in NATURAL_FEATURES:
            return NATURAL_FEATURES[kind]
        return Kind.COUNTY if kind in SECOND_LEVEL_WORDS else Kind.SUBDIVISION
    if k is Kind.REGION and admin1:
        return Kind.SUBDIVISION  # France's and Senegal's "regions" are first-level subdivisions
    return k


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
    # the resolver's class of `kind`, read by nearly every rule: stored once rather than looked up per read
    category: Kind = field(init=False, compare=False, repr=False)

    def __init__(self, id: str, name: str, kind: str, country: str, lat: float, lon: float, population: int = 0,
                 admin1: str = "", matched: str = "name") -> None:
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise TypeError(f"{id}: coordinates out of range ({lat}, {lon})")
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "lat", lat)
        object.__setattr__(self, "lon", lon)
        object.__setattr__(self, "population", population)
        object.__setattr__(self, "admin1", admin1)
        object.__setattr__(self, "matched", matched)
        object.__setattr__(self, "category", kind_of(kind, admin1))

    def __reduce__(self):
        return by_constructor(self)


@dataclass(frozen=True, slots=True)
class Finding:
    """What one rule found about one candidate: its name, what it adds to the score, and why in words."""

    rule: str
    delta: float
    why: str

    def __init__(self, rule: str, delta: float, why: str) -> None:
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "delta", delta)
        object.__setattr__(self, "why", why)

    def __str__(self) -> str:
        return f"{self.why} ({self.delta:+.2f})" if self.delta else self.why

    def __reduce__(self):
        return by_constructor(self)


@dataclass(frozen=True, slots=True)
class Resolution:
    """One candidate for one name in one document, scored, with the findings behind the score."""

    candidate: Candidate
    score: float
    confidence: float
    findings: tuple[Finding, ...] = ()
    runner_up: Candidate | None = None

    def __init__(self, candidate: Candidate, score: float, confidence: float, findings: tuple[Finding, ...] = (),
                 runner_up: Candidate | None = None) -> None:
        object.__setattr__(self, "candidate", candidate)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "confidence", confidence)
        object.__setattr__(self, "findings", findings)
        object.__setattr__(self, "runner_up", runner_up)

    @property
    def evidence(self) -> tuple[str, ...]:
        return tuple(str(f) for f in self.findings)

    def __reduce__(self):
        return by_constructor(self)


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place in one document, with every mention that named it."""

    candidate: Candidate
    mentions: tuple[Mention, ...]
    confidence: float
    evidence: tuple[str, ...] = ()
    runner_up: Candidate | None = None  # the next best meaning of the name, for the review page

    def __init__(self, candidate: Candidate, mentions: tuple[Mention, ...], confidence: float,
                 evidence: tuple[str, ...] = (), runner_up: Candidate | None = None) -> None:
        object.__setattr__(self, "candidate", candidate)
        object.__setattr__(self, "mentions", mentions)
        object.__setattr__(self, "confidence", confidence)
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "runner_up", runner_up)

    @property
    def id(self) -> str:
        return self.candidate.id

    def __reduce__(self):
        return by_constructor(self)


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

    def __init__(self, id: str, place_id: str, source_id: str, date: str, date_end: str | None, precision: str,
                 text: str, start: int, end: int, when: str = "", when_start: int = -1,
                 when_end: int = -1) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "place_id", place_id)
        object.__setattr__(self, "source_id", source_id)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "date_end", date_end)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "when", when)
        object.__setattr__(self, "when_start", when_start)
        object.__setattr__(self, "when_end", when_end)

    def __reduce__(self):
        return by_constructor(self)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything mapgen learns from one article; a pure function of its text."""

    document: Document
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    unplaced: tuple[Place, ...] = ()  # names left off the map (best meaning below the threshold), for review
    unknown: tuple[Mention, ...] = ()  # names where a place goes ("in Diani") that the gazetteer lacks, for review

    def __reduce__(self):
        return by_constructor(self)
