"""The resolver's rules: each a small named function over one candidate, in one declared order.

A rule returns a `Finding` (its name, what it adds to the score, the sentence
`mapgen resolve` prints) or nothing. Three kinds, each a table below:

- SCORE: evidence for a candidate (population, kind, what the article names, distance);
- PENALTY_GROUPS: reasons a candidate is the less likely meaning of its name. Within a
  group only the first rule that fires counts ("only one of these applies"): a town
  is not both a small namesake of a famous city and a namesake of a world city;
- GATES: may a mention, given what the text around it says (its flags), name this
  candidate at all? The first gate with an answer decides; a gate with no opinion
  passes the question on.

Every number comes from `Weights`; the evidence a rule reads is a `Context`.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from mapgen.model import PART, Candidate, Finding, Flag, Kind, Mention, Resolution
from mapgen.names import name_key
from mapgen.weights import DEFAULT, Weights

EARTH_RADIUS_KM = 6371.009  # the mean radius geopy's great_circle uses
# second-level areas and their parts: "Berlin Township" is a township (which the gazetteer lacks),
# never the town or the state it is named after
COUNTY_NOUNS = frozenset({"county", "parish", "borough", "township"})


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine). geopy's great_circle gives the same figure but builds two
    Point objects a call, a fifth of the per-article time when every candidate meets every anchor."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _kms_from(lat1: float, lon1: float, points: list[tuple[float, float]]) -> list[float]:
    """km() from one point to each of `points`, to the last bit: the same operations in the same
    order, with the point's own radians and cosine worked out once rather than per pair."""
    p1 = math.radians(lat1)
    cos1 = math.cos(p1)
    out = []
    for lat2, lon2 in points:
        p2 = math.radians(lat2)
        h = math.sin((p2 - p1) / 2) ** 2 + cos1 * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
        out.append(2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h))))
    return out


@dataclass(frozen=True)
class Context:
    """What an article says about where it is: countries named (and their peoples), and anchor points."""

    countries: dict[str, float] = field(default_factory=dict)  # ISO-2 -> share of country evidence
    anchors: tuple[tuple[str, float, float], ...] = ()  # (name key, lat, lon) of confidently placed towns
    admin1: frozenset[tuple[str, str]] = frozenset()  # (country, admin1) of subdivisions named
    own_admin1: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)  # name key -> states only it named
    towns: tuple[tuple[str, str, str, str], ...] = ()  # (name key, id, country, admin1) of towns placed confidently
    votes: dict[str, dict[str, float]] = field(default_factory=dict)  # name key -> its country evidence
    anchor_admin1: frozenset[tuple[str, str]] = frozenset()  # (country, admin1) holding other towns placed
    anchor_countries: frozenset[str] = frozenset()  # countries of other towns placed
    neighbours: frozenset[str] = frozenset()  # countries bordering those the article is about
    states: dict[str, str] = field(default_factory=dict)  # name key -> country, of subdivisions placed
    beside: frozenset[str] = frozenset()  # countries one of whose subdivisions is named with the name
    dateline: tuple[float, float, str] | None = None  # (lat, lon, country) of the dateline's city
    dateline_key: str = ""  # the name key the dateline was read from: no evidence for that name itself
    others: tuple[tuple[str, float, float], ...] = ()  # (name key, lat, lon): what every other name may mean
    country_sizes: dict[str, int] = field(default_factory=dict)  # of the countries in `countries`, towns' placed
    area_noun: str = ""  # what the text calls the name's place: an area noun ("district") or "town"
    weights: Weights = DEFAULT
    nations: frozenset[str] = frozenset()  # name keys placed as countries
    beside_nation: bool = False  # the name is listed with a country ("Lebanon and Jordan")
    counties: tuple[tuple[str, float, float], ...] = ()  # (name key, lat, lon) of counties placed confidently
    paired_admin1: frozenset[tuple[str, str]] = frozenset()  # of `admin1`, those named only as a town's state
    wire_dateline: bool = False  # the dateline is a wire service's, with no state or country ("DALLAS (AP) \u2014")
    big_cities: dict[str, str] = field(default_factory=dict)  # name key -> country, of names placed as cities of a million
    beside_cities: frozenset[str] = frozenset()  # countries of such cities the name is listed with ("Boston, Chicago")
    beside_towns: frozenset[str] = frozenset()  # countries of `towns` the name is listed with ("Kaikoura and Nelson")
    bordering: dict[str, frozenset[str]] = field(default_factory=dict)  # ISO-2 -> its neighbours, for `countries`
    _nearest: dict[str, float | None] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __init__(self, countries: dict[str, float] | None = None, anchors: tuple[tuple[str, float, float], ...] = (),
                 admin1: frozenset[tuple[str, str]] = frozenset(),
                 own_admin1: dict[str, frozenset[tuple[str, str]]] | None = None,
                 towns: tuple[tuple[str, str, str, str], ...] = (), votes: dict[str, dict[str, float]] | None = None,
                 anchor_admin1: frozenset[tuple[str, str]] = frozenset(),
                 anchor_countries: frozenset[str] = frozenset(),
                 neighbours: frozenset[str] = frozenset(), states: dict[str, str] | None = None,
                 beside: frozenset[str] = frozenset(), dateline: tuple[float, float, str] | None = None,
                 dateline_key: str = "",
                 others: tuple[tuple[str, float, float], ...] = (), country_sizes: dict[str, int] | None = None,
                 area_noun: str = "", weights: Weights = DEFAULT, nations: frozenset[str] = frozenset(),
                 beside_nation: bool = False, counties: tuple[tuple[str, float, float], ...] = (),
                 paired_admin1: frozenset[tuple[str, str]] = frozenset(), wire_dateline: bool = False,
                 big_cities: dict[str, str] | None = None, beside_cities: frozenset[str] = frozenset(),
                 beside_towns: frozenset[str] = frozenset(),
                 bordering: dict[str, frozenset[str]] | None = None) -> None:
        object.__setattr__(self, "countries", {} if countries is None else countries)
        object.__setattr__(self, "anchors", anchors)
        object.__setattr__(self, "admin1", admin1)
        object.__setattr__(self, "own_admin1", {} if own_admin1 is None else own_admin1)
        object.__setattr__(self, "towns", towns)
        object.__setattr__(self, "votes", {} if votes is None else votes)
        object.__setattr__(self, "anchor_admin1", anchor_admin1)
        object.__setattr__(self, "anchor_countries", anchor_countries)
        object.__setattr__(self, "neighbours", neighbours)
        object.__setattr__(self, "states", {} if states is None else states)
        object.__setattr__(self, "beside", beside)
        object.__setattr__(self, "dateline", dateline)
        object.__setattr__(self, "dateline_key", dateline_key)
        object.__setattr__(self, "others", others)
        object.__setattr__(self, "country_sizes", {} if country_sizes is None else country_sizes)
        object.__setattr__(self, "area_noun", area_noun)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "nations", nations)
        object.__setattr__(self, "beside_nation", beside_nation)
        object.__setattr__(self, "counties", counties)
        object.__setattr__(self, "paired_admin1", paired_admin1)
        object.__setattr__(self, "wire_dateline", wire_dateline)
        object.__setattr__(self, "big_cities", {} if big_cities is None else big_cities)
        object.__setattr__(self, "beside_cities", beside_cities)
        object.__setattr__(self, "beside_towns", beside_towns)
        object.__setattr__(self, "bordering", {} if bordering is None else bordering)
        object.__setattr__(self, "_nearest", {})

    def for_name(self, key: str, listed_with: frozenset[str] = frozenset(), area_noun: str = "",
                 ids: frozenset[str] = frozenset()) -> Context:
        """The context for resolving `key`: a name is no evidence for itself ("Georgia" does not make
        an article about the country Georgia), nor is the dateline it opens ("ROCHESTER \u2014" read as the
        biggest Rochester must not pull "Rochester" there), and the states it is listed with ("Georgia and
        Arizona") say which country's it is."""
        anchors = tuple(a for a in self.anchors if a[0] != key)
        others = tuple(o for o in self.others if o[0] != key)
        counties = tuple(o for o in self.counties if o[0] != key)
        beside = frozenset(self.states[k] for k in listed_with if k != key and k in self.states)
        beside_nation = any(k != key and k in self.nations for k in listed_with)
        beside_cities = frozenset(self.big_cities[k] for k in listed_with if k != key and k in self.big_cities)
        towns = tuple(t for t in self.towns if t[0] != key and t[1] not in ids)  # nor is the place, spelt otherwise
        beside_towns = frozenset(t[2] for t in towns if t[0] in listed_with) if listed_with else frozenset()
        changes: dict = {}
        if key in self.votes:
            changes["countries"] = countries = shares(self.votes, leave_out=key)
            if self.bordering:  # nor are the neighbours of a country only it names ("Ontario" is no US evidence)
                changes["neighbours"] = neighbours_of(countries, self.bordering, self.weights)
        if key in self.own_admin1:  # "Marshall County" placed in Alabama is no evidence the story is there
            changes["admin1"] = self.admin1 - self.own_admin1[key]
        if anchors != self.anchors:
            changes["anchors"] = anchors
        if others != self.others:
            changes["others"] = others
        if counties != self.counties:
            changes["counties"] = counties
        if beside != self.beside:
            changes["beside"] = beside
        if beside_nation != self.beside_nation:
            changes["beside_nation"] = beside_nation
        if beside_cities != self.beside_cities:
            changes["beside_cities"] = beside_cities
        if beside_towns != self.beside_towns:
            changes["beside_towns"] = beside_towns
        if area_noun != self.area_noun:
            changes["area_noun"] = area_noun
        if key == self.dateline_key and self.dateline is not None:
            changes["dateline"] = None
        if towns != self.towns or not self.anchor_admin1 and towns:
            changes |= {"towns": towns, "anchor_admin1": frozenset((c, a) for _, _, c, a in towns if a),
                        "anchor_countries": frozenset(c for _, _, c, _ in towns)}
        return self._with(changes) if changes else self

    def _with(self, changes: dict) -> Context:
        """A copy with `changes`; its distance memo starts empty, as the anchors may have changed.
        (Called once a name and article: the constructor directly, a tenth of dataclasses.replace's time.)"""
        get = changes.get
        return Context(get("countries", self.countries), get("anchors", self.anchors), get("admin1", self.admin1),
                       get("own_admin1", self.own_admin1), get("towns", self.towns), get("votes", self.votes),
                       get("anchor_admin1", self.anchor_admin1), get("anchor_countries", self.anchor_countries),
                       get("neighbours", self.neighbours), get("states", self.states), get("beside", self.beside),
                       get("dateline", self.dateline), get("dateline_key", self.dateline_key),
                       get("others", self.others), get("country_sizes", self.country_sizes),
                       get("area_noun", self.area_noun), get("weights", self.weights), get("nations", self.nations),
                       get("beside_nation", self.beside_nation), get("counties", self.counties),
                       get("paired_admin1", self.paired_admin1), get("wire_dateline", self.wire_dateline),
                       get("big_cities", self.big_cities), get("beside_cities", self.beside_cities),
                       get("beside_towns", self.beside_towns), get("bordering", self.bordering))

    def nearest_km(self, c: Candidate) -> float | None:
        """How far c lies from the nearest anchor, leaving out c itself named another way ("Mexico City");
        None without anchors. Several rules ask, so each candidate is measured once."""
        if c.id not in self._nearest:
            d = _kms_from(c.lat, c.lon, [(lat, lon) for _, lat, lon in self.anchors if (lat, lon) != (c.lat, c.lon)])
            self._nearest[c.id] = min(d) if d else None
        return self._nearest[c.id]

    def about(self, country: str) -> bool:
        """Is the article about this country, enough for its names to count as evidence?"""
        return self.countries.get(country, 0.0) >= self.weights.min_context_share

    def narrows_to(self, country: str) -> bool:
        """Is the article about a country small enough that naming it singles out its villages? In a
        country of a hundred million, a village's other spelling is likelier a surname."""
        return self.about(country) and self._small(country)

    def places_towns_in_small(self, country: str) -> bool:
        """Does the article place other towns in this country, one small enough that a name of it said where
        a place goes is likelier its town than a word or a surname ("in Galway" beside Cork)?"""
        return country in self.anchor_countries and self._small(country)

    def _small(self, country: str) -> bool:
        size = self.country_sizes.get(country)
        return size is not None and size < self.weights.small_country_population

    def wire_dateline_name(self) -> bool:
        """Is the name being resolved the one a wire service's dateline gives without its state or country?
        (`for_name` leaves the dateline out of its own name's context.)"""
        return self.wire_dateline and self.dateline is None

    def names_state(self, c: Candidate, paired: bool = True) -> bool:
        """Does the article name c's state? Without `paired`, a state named only to say where one town is
        ("FORT WORTH, Texas \u2014", "grew up in Tyler, Texas") does not count: that town's nearness counts
        already (the dateline's pull, the distance to a town placed), and it says nothing of the story's
        other names."""
        state = (c.country, c.admin1)
        return bool(c.admin1) and state in self.admin1 and (paired or state not in self.paired_admin1)

    def near_a_town(self, c: Candidate, within: float | None = None) -> bool:
        """Does a town placed lie within `local_km` (or `within` km) of c?"""
        d = self.nearest_km(c)
        return d is not None and d <= (self.weights.local_km if within is None else within)

    def local(self, c: Candidate, paired: bool = True) -> bool:
        """Does the article name c's state (see `names_state`), or a place within `local_km` of it?"""
        return self.names_state(c, paired) or self.near_a_town(c)

    def near_home(self, c: Candidate) -> bool:
        """Is the article about c's country, a neighbour of it, or a place near c?"""
        return self.about(c.country) or c.country in self.neighbours or self.local(c)

    @classmethod
    def from_countries(cls, *iso2: str, weights: Weights = DEFAULT) -> Context:
        return cls({c.upper(): 1.0 / len(iso2) for c in iso2} if iso2 else {}, weights=weights)


def neighbours_of(countries: dict[str, float], bordering: dict[str, frozenset[str]], w: Weights) -> frozenset[str]:
    """The countries bordering those the article is about (its share of country evidence is enough)."""
    return frozenset(n for iso, share in countries.items() if share >= w.min_context_share
                     for n in bordering.get(iso, ()))


def shares(votes: dict[str, dict[str, float]], leave_out: str = "") -> dict[str, float]:
    """Each country's share of the article's country evidence, leaving out one name's own."""
    total: dict[str, float] = {}
    for key, by_country in votes.items():
        if key != leave_out:
            for iso, x in by_country.items():
                total[iso] = total.get(iso, 0.0) + x
    s = sum(total.values())
    return {iso: x / s for iso, x in sorted(total.items())} if s else {}


def is_subdivision(c: Candidate) -> bool:
    """A first-level area (state, province, rayon, whatever its country calls it); Wales and Scotland,
    subdivisions that are countries in their own right, weigh as countries."""
    return c.category in _SUBDIVISIONS


_SUBDIVISIONS = (Kind.SUBDIVISION, Kind.CITY_REGION)
_WORLD_AREAS = (Kind.SEA, Kind.CONTINENT, Kind.REGION)


# the weight each kind a bare name most often means gets, by the name of its field in `Weights`
_KIND_WEIGHTS = {
    Kind.COUNTRY: "country", Kind.CONTINENT: "continent", Kind.REGION: "world_region", Kind.SEA: "sea",
    Kind.LANDMARK: "landmark", Kind.CAPITAL: "capital",
}


def kind_bonus(c: Candidate, w: Weights) -> float:
    """Countries, continents, world regions, seas and landmarks are what a bare name most often means.
    (A table of field names, not a dict of weights built per call: this runs for every candidate.)"""
    field_name = _KIND_WEIGHTS.get(c.category)
    return getattr(w, field_name) if field_name else 0.0


def prominent(c: Candidate, context: Context | None, w: Weights) -> bool:
    """Big enough to be what a capitalised common word ("Split", "Commerce") or a name inside an
    organisation's means: a country, a region, a capital, a state, a city of a million, a city of
    100,000 in a country the article is about or in a state holding the towns it places surely (a local
    story seldom names its country or its state), or a town whose state it names."""
    if kind_bonus(c, w):
        return True
    if c.category.area:
        return c.population >= w.prominent_population
    if c.population >= 10 * w.prominent_population:
        return True
    if context is not None and c.admin1 and (c.country, c.admin1) in context.admin1:
        return True
    return c.population >= w.prominent_population and context is not None and (
        c.country in context.countries or (c.country, c.admin1) in context.anchor_admin1)


# ---- score: evidence for a candidate --------------------------------------------------------------

Rule = Callable[[Candidate, "Rivals", "Context"], "Finding | None"]


def population(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    return _population_finding(c.population, ctx.weights.population_scale) if c.population else None


@lru_cache(maxsize=65_536)
def _population_finding(people: int, scale: float) -> Finding:
    """A pure function of two numbers, and the same candidates come back in every article: a
    Finding is immutable, so one is shared rather than formatted again."""
    return Finding("population", min(1.0, math.log10(people + 1) / scale), f"population {people:,}")


def kind(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    bonus = kind_bonus(c, ctx.weights)
    return Finding("kind", bonus, f"a {c.kind}") if bonus else None


def own_name(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    if c.matched == "name":
        return Finding("own_name", ctx.weights.own_name, "the entry's own name, not an alternate")
    if c.matched == "alternate":
        return Finding("own_name", ctx.weights.alternate, "a spelling of the entry's own name, not another name for it")
    return None


def country_named(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    if c.category in (Kind.COUNTRY, Kind.CONTINENT):
        return None
    w, share = ctx.weights, ctx.countries.get(c.country, 0.0)
    if share:
        return Finding("country_named", w.country_named_base + w.country_named_share * share,
                       f"article names {c.country} (share {share:.2f})")
    if c.country in ctx.neighbours:
        return Finding("country_named", w.neighbour, f"article names a country next to {c.country}")
    return None


def sibling_state(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    if c.country in ctx.beside and is_subdivision(c):
        return Finding("sibling_state", ctx.weights.sibling_state,
                       f"named with another state or province of {c.country}")
    return None


def sibling_city(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "a tour that takes in Boston, Chicago and Toronto": a name listed with cities of a million is a town in
    one of their countries before a namesake elsewhere ("Dallas, Paris and Houston" is Paris, Texas). A
    world city's name so listed is their peer, that city, unless its namesake's state or a place near it is
    named: "relatives in London and New York" are not in London, Ohio."""
    if c.country in ctx.beside_cities and c.category.populated and (
            r.world_city is None or r.world_city.id == c.id or ctx.local(c, paired=False)):
        return Finding("sibling_city", ctx.weights.sibling_city, f"listed with big cities of {c.country}")
    return None


# ISO 3166-1 codes GeoNames files dependent territories under, and the state each belongs to: news copy
# writes "MARIEHAMN, Finland", "Torshavn, Denmark", "Papeete, France" where GeoNames has AX, FO and PF
SOVEREIGN: dict[str, str] = {
    "AX": "FI", "FO": "DK", "GL": "DK", "SJ": "NO", "BV": "NO",
    "PR": "US", "GU": "US", "VI": "US", "AS": "US", "MP": "US", "UM": "US",
    "RE": "FR", "GP": "FR", "MQ": "FR", "GF": "FR", "YT": "FR", "PM": "FR", "BL": "FR", "MF": "FR", "NC": "FR",
    "PF": "FR", "WF": "FR", "TF": "FR", "HK": "CN", "MO": "CN",
    "GI": "GB", "IM": "GB", "JE": "GB", "GG": "GB", "BM": "GB", "KY": "GB", "VG": "GB", "TC": "GB", "MS": "GB",
    "AI": "GB", "FK": "GB", "SH": "GB", "PN": "GB", "IO": "GB", "GS": "GB",
    "AW": "NL", "CW": "NL", "SX": "NL", "BQ": "NL", "CK": "NZ", "NU": "NZ", "TK": "NZ",
    "NF": "AU", "CX": "AU", "CC": "AU", "HM": "AU",
}


def in_country(c: Candidate, iso: str) -> bool:
    """Is c in the country `iso`, or in one of its dependent territories (see SOVEREIGN)?"""
    return c.country == iso or SOVEREIGN.get(c.country) == iso


def local_scale(c: Candidate) -> bool:
    """Towns and counties: places small enough that their state and their neighbours say which is meant."""
    kind = c.category
    return kind.populated or kind is Kind.COUNTY


def sibling_country(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "aid to Lebanon and Jordan": a name listed with a country is a country, not a town of its name
    in a state the article names elsewhere."""
    if ctx.beside_nation and c.category is Kind.COUNTRY:
        return Finding("sibling_country", ctx.weights.sibling_country, "listed with another country")
    return None


def state_named(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    if ctx.names_state(c, paired=False) and local_scale(c):
        return Finding("state_named", ctx.weights.state_named,
                       f"article names its state or province ({c.country}.{c.admin1})")
    return None


def holds_named_town(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "Early voting in Georgia ... Savannah and Macon": a state named like a foreign country is the
    state when the towns the article names lie in it; and of two countries answering to one name
    ("Congo"), the one the article's towns lie in."""
    if not r.countries - {c.country}:
        return None
    if is_subdivision(c) and (c.country, c.admin1) in ctx.anchor_admin1:
        return Finding("holds_named_town", ctx.weights.holds_named_town,
                       "named like a country, but towns the article names lie in it")
    if c.category is Kind.COUNTRY and c.country in ctx.anchor_countries:
        return Finding("holds_named_town", ctx.weights.holds_named_town,
                       "one of the countries of this name, the one towns the article names lie in")
    return None


def distance(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    if not ctx.anchors or not local_scale(c):  # (the cheaper question first: no anchors, no distance)
        return None
    d = ctx.nearest_km(c)
    if d is None:
        return None
    bonus = ctx.weights.distance * math.exp(-d / ctx.weights.distance_km)
    return Finding("distance", bonus, f"{d:,.0f} km from other places named") if bonus >= 0.01 else None


def cluster(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """A local story's places lie together: a town near what two other names of the article may
    mean is likelier than a namesake far from all of them, even when none of them is sure yet."""
    if not local_scale(c) or not ctx.others or r.big_area:
        return None  # which of several towns, not whether a village outranks a state
    near = _others_near(c, ctx)
    if not near:
        return None
    w = ctx.weights
    return Finding("cluster", w.cluster * min(len(near), 2) / 2, f"near what {len(near)} other name(s) may mean")


def _others_near(c: Candidate, ctx: Context) -> set[str]:
    """The other names of the article, not yet sure, that may mean a place within `local_km` of c."""
    w = ctx.weights
    dlat = w.local_km / 111.0
    dlon = dlat / max(0.2, math.cos(math.radians(c.lat)))
    return {k for k, lat, lon in ctx.others
            if abs(lat - c.lat) <= dlat and abs(lon - c.lon) <= dlon and km(c.lat, c.lon, lat, lon) <= w.local_km}


def dateline(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    if ctx.dateline is None or c.category in (Kind.COUNTRY, Kind.CONTINENT, Kind.REGION, Kind.SEA):
        return None
    lat, lon, _ = ctx.dateline
    return _dateline_finding(c.lat, c.lon, lat, lon, ctx.weights.dateline, ctx.weights.dateline_km)


@lru_cache(maxsize=65_536)
def _dateline_finding(lat: float, lon: float, lat2: float, lon2: float, weight: float, scale: float) -> Finding | None:
    """Pure, and asked again for each candidate in both passes (and in every article with that dateline)."""
    d = km(lat, lon, lat2, lon2)
    bonus = weight * math.exp(-d / scale)
    return Finding("dateline", bonus, f"{d:,.0f} km from the dateline's city") if bonus >= 0.01 else None


def given_as(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "the Kalbajar district", "Clarke County": the area of that kind; "the town of Lachin": the town."""
    noun, w = ctx.area_noun, ctx.weights
    if not noun:
        return None
    if noun == PART:
        return _part_of_area(c, r.cities, ctx.weights)
    if noun == "town":
        fits, other = c.category.populated, c.category in (Kind.SUBDIVISION, Kind.COUNTY)
    elif noun in COUNTY_NOUNS:  # a state or province is a county only where no county answers to the name
        fits = c.category is Kind.COUNTY or (c.category is Kind.SUBDIVISION and not r.counties)
        other = not fits and (c.category.populated or c.category is Kind.SUBDIVISION)
    else:
        fits = c.category in (Kind.SUBDIVISION, Kind.COUNTY) or (noun == "region" and c.category is Kind.REGION)
        other = c.category.populated
    if fits:
        return Finding("given_as", w.area_word, f"given as a {noun}, and this is one")
    if other:
        return Finding("given_as", -w.area_word_against_town, f"given as a {noun}, and this is not one")
    return None


def _part_of_area(c: Candidate, cities: tuple[tuple[float, float], ...], w: Weights) -> Finding | None:
    """ "upstate New York", "western Washington": a part of the state, not of the big city of its name,
    where that city lies far from the state's middle (a city's own east, "eastern Aleppo", lies near it).
    (Part of given_as, not a rule of its own.)"""
    if not cities or not (is_subdivision(c) or c.category is Kind.COUNTRY):
        return None
    if any(km(c.lat, c.lon, lat, lon) <= w.local_km for lat, lon in cities):
        return None
    return Finding("given_as", w.area_word, "a part of it is named ('western', 'upstate'), and the big city of its "
                                            "name lies far from its middle")


SCORE: tuple[Rule, ...] = (
    population, kind, own_name, country_named, sibling_state, sibling_country, sibling_city, state_named, holds_named_town, distance, cluster,
    dateline, given_as,
)


# ---- penalties: why a candidate is the less likely meaning of its name ----------------------------


@dataclass(frozen=True)
class Rivals:
    """What the other entries answering to the same name say about each one."""

    seats: frozenset[tuple[str, str]]  # (country, admin1) holding a town of this name
    countries: frozenset[str]  # countries of this name
    sea: bool  # a sea of this name
    famous: int  # population of the biggest prominent town of this name
    world_city: Candidate | None  # a capital or a city of a million of this name
    states_with_towns: frozenset[str]  # countries with a subdivision of this name holding a town placed
    big_area: bool  # a country, region or large subdivision of this name
    towns: frozenset[str]  # countries with a town of this name of 10,000 or more
    subdivisions: frozenset[tuple[str, str]] = frozenset()  # (country, admin1) of subdivisions of this name
    big_seats: frozenset[tuple[str, str]] = frozenset()  # (country, admin1) holding a city of a million of this name
    # (country, admin1, name key) of subdivisions whose own name this is, big enough to keep it against a town in them
    big_subdivisions: frozenset[tuple[str, str, str]] = frozenset()
    counties: bool = False  # a second-level area ("county", "parish") answers to this name
    cities: tuple[tuple[float, float], ...] = ()  # (lat, lon) of capitals and cities of a million, by any spelling
    world_area: bool = False  # a sea, continent or world region answers to this name ("Pacific", "Middle East")
    biggest: int = 0  # population of the biggest town whose own name this is

    def __init__(self, seats: frozenset[tuple[str, str]], countries: frozenset[str], sea: bool, famous: int,
                 world_city: Candidate | None, states_with_towns: frozenset[str], big_area: bool,
                 towns: frozenset[str], subdivisions: frozenset[tuple[str, str]] = frozenset(),
                 big_seats: frozenset[tuple[str, str]] = frozenset(),
                 big_subdivisions: frozenset[tuple[str, str, str]] = frozenset(), counties: bool = False,
                 cities: tuple[tuple[float, float], ...] = (), world_area: bool = False, biggest: int = 0) -> None:
        object.__setattr__(self, "seats", seats)
        object.__setattr__(self, "countries", countries)
        object.__setattr__(self, "sea", sea)
        object.__setattr__(self, "famous", famous)
        object.__setattr__(self, "world_city", world_city)
        object.__setattr__(self, "states_with_towns", states_with_towns)
        object.__setattr__(self, "big_area", big_area)
        object.__setattr__(self, "towns", towns)
        object.__setattr__(self, "subdivisions", subdivisions)
        object.__setattr__(self, "big_seats", big_seats)
        object.__setattr__(self, "big_subdivisions", big_subdivisions)
        object.__setattr__(self, "counties", counties)
        object.__setattr__(self, "cities", cities)
        object.__setattr__(self, "world_area", world_area)
        object.__setattr__(self, "biggest", biggest)

    @classmethod
    def of(cls, candidates, context: Context) -> Rivals:
        w = context.weights
        kinds = [(c, c.category) for c in candidates]  # one category look-up per candidate, not seven
        populated = [c for c, k in kinds if k.populated]
        # a town that answers to the name only as a former or foreign name ("Bahia" for Salvador) is not
        # the area's namesake seat: the name is the area's own
        namesakes = [c for c in populated if c.matched != "other"]
        # ... nor is a village far smaller than the area ("San Martín", a hamlet in Peru's San Martín region)
        areas: dict[tuple[str, str], int] = {}
        for c, k in kinds:
            if k in _SUBDIVISIONS:
                areas[(c.country, c.admin1)] = max(areas.get((c.country, c.admin1), 0), c.population)
        return cls(
            frozenset((c.country, c.admin1) for c in namesakes
                      if c.admin1 and c.population * w.seat_ratio >= areas.get((c.country, c.admin1), 0)),
            # a country's former or foreign name ("Alba" for Scotland) overshadows no town's own
            frozenset(c.country for c, k in kinds if k is Kind.COUNTRY and c.matched != "other"),
            any(k is Kind.SEA and c.matched == "name" for c, k in kinds),
            max((c.population for c in populated if prominent(c, None, w)), default=0),
            next((c for c, k in kinds if k.populated and c.matched == "name"
                  and (k is Kind.CAPITAL or c.population >= w.world_city_population)), None),
            frozenset(c.country for c, k in kinds
                      if k in _SUBDIVISIONS and (c.country, c.admin1) in context.anchor_admin1),
            any(not k.populated and (kind_bonus(c, w) or c.population >= w.prominent_population) for c, k in kinds),
            frozenset(c.country for c in populated if c.population >= 10_000),
            frozenset((c.country, c.admin1) for c, k in kinds
                      if k in _SUBDIVISIONS and c.matched in ("name", "alternate")),
            frozenset((c.country, c.admin1) for c in namesakes if c.admin1 and c.population >= w.world_city_population),
            frozenset((c.country, c.admin1, name_key(c.name)) for c, k in kinds if k in _SUBDIVISIONS
                      and c.matched == "name" and c.population >= w.seat_rule_population),
            any(k is Kind.COUNTY for _, k in kinds),
            tuple((c.lat, c.lon) for c in namesakes
                  if c.category is Kind.CAPITAL or c.population >= w.world_city_population),
            any(k in _WORLD_AREAS for _, k in kinds),
            max((c.population for c in populated if c.matched == "name"), default=0),
        )


Penalty = Callable[[Candidate, Rivals, Context], "Finding | None"]


def dateline_namesake(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "DALLAS (AP) \u2014": a wire service's dateline without its state or country names a city known
    without one, as wire style gives the state or country of every other; a town far smaller than a city
    whose own name it is would have carried its own, whatever else the story names near it. (A local
    paper's "MOSCOW \u2014" is its own town.) A capital is no namesake ("NEW DELHI", though Delhi answers
    to the name too)."""
    w = ctx.weights
    if ctx.wire_dateline_name() and c.category.populated and c.category is not Kind.CAPITAL \
            and r.biggest >= w.prominent_population \
            and c.population * w.dateline_ratio < r.biggest:
        return Finding("dateline_namesake", -w.dateline_namesake,
                       "a wire dateline without its state names the big city, not this far smaller namesake")
    return None


def seat_town(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "Tovuz", "Mombasa": an area named like a town in it is, named bare, the town (Kenya's first-level
    counties are "county" as much as Ohio's)."""
    if (c.country, c.admin1) in r.seats and (is_subdivision(c) or c.category is Kind.COUNTY) and (
            c.population < ctx.weights.seat_rule_population or c.category is Kind.CITY_REGION
            or (c.country, c.admin1) in r.big_seats) and not ctx.area_noun:
        return Finding("seat_town", -ctx.weights.seat_town, "a town of the same name lies in it, and is the likelier meaning")
    return None


def bare_county(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "Norfolk" without "County", in an article about another country: the town of the name is the
    likelier meaning; a county's bare name counts where the article is about its country."""
    if c.category is Kind.COUNTY and not ctx.area_noun and r.towns - {c.country} and not ctx.about(c.country):
        return Finding("bare_county", -ctx.weights.bare_county,
                       "a county's name without 'County', and the article is not about its country")
    return None


def own_country_name(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    if c.country in r.countries and is_subdivision(c):
        return Finding("own_country_name", -ctx.weights.own_country_name,
                       "named like its own country, which is the likelier meaning")
    return None


def sea_name(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    if r.sea and is_subdivision(c):
        return Finding("sea_name", -ctx.weights.sea_name, "named like a sea, which is the likelier meaning")
    return None


def country_city_alternate(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "Kuwait" for Kuwait City, "Benin" for Benin City: a city's other name that is a country's
    name means the country, its own or another."""
    if c.category.populated and c.matched != "name" and r.countries:
        return Finding("country_city_alternate", -ctx.weights.country_city_alternate,
                       "another name of a city that is a country's name, which is the likelier meaning")
    return None


def own_country_town(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """A village called Colombia in Colombia, Mexico City as "Mexico": whatever says the story is near it
    (its country, its state, the places around it, the dateline) says as much for the country, which is
    what the name means, whichever of the town's names it is."""
    if c.category.populated and c.country in r.countries:
        return Finding("own_country_town", -ctx.weights.own_country_town,
                       "a town named like its own country, which is the likelier meaning")
    return None


def own_state_town(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "Oklahoma" for Oklahoma City, "Rio Grande do Sul" for the city of Rio Grande: a town answering to
    the own name of the state it lies in, where the state is big enough to keep its name (seat_town), yields
    to the state: its state named, the places near it and the dateline speak as much for the state. A
    city keeps it where the name is its own or a spelling of it ("Zurich", "Marrakech" for Marrakesh),
    unless the names differ by whole words or the city's is another name; a small town never keeps it
    (a village whose spelling is "Minnesota" in Minnesota: state_namesake's rule within the state)."""
    if not c.category.populated or not r.big_subdivisions or (c.country, c.admin1) in r.big_seats:
        return None
    for country, admin1, state in r.big_subdivisions:
        if (country, admin1) == (c.country, c.admin1) and (c.matched == "other" or c.population < ctx.weights.prominent_population
                                                           or _by_whole_words(name_key(c.name), state)):
            return Finding("own_state_town", -ctx.weights.own_state_town,
                           "a town named like the big state it lies in, which is the likelier meaning")
    return None


def _by_whole_words(a: str, b: str) -> bool:
    """Does one name key extend the other by whole words ("oklahoma city", "oklahoma")?"""
    return a.startswith(b + " ") or b.startswith(a + " ")


def state_namesake(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "growers in Florida": the state, not a village named Florida in another state of the country; nor a
    city (but a capital) answering to the name only as an alternate GeoNames keeps ("Henan" for Hengyang,
    a city of Hunan)."""
    if c.category.populated and (c.population < ctx.weights.prominent_population or (
            c.matched != "name" and c.category is not Kind.CAPITAL)) and any(
            country == c.country and admin1 != c.admin1 for country, admin1 in r.subdivisions):
        return Finding("state_namesake", -ctx.weights.state_namesake,
                       "a town named like another state of its country, which is the likelier meaning")
    return None


def small_namesake(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    if c.category.populated and c.category is not Kind.CAPITAL and c.population * ctx.weights.famous_ratio < r.famous \
            and (c.country, c.admin1) not in ctx.admin1:
        return Finding("small_namesake", -ctx.weights.small_namesake,
                       "a small namesake of a far bigger city, and its state is not named")
    return None


def unlike_its_list(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "a tour that takes in Boston, Chicago and Toronto" in a story from Ireland and Britain: a name listed with
    cities of a million is their peer, a city, not a town under 100,000 in a country none of them lies in
    while a namesake of 100,000 exists (Boston in County Clare, or in Lincolnshire). "Dallas, Paris and
    Houston" keeps Paris, Texas."""
    w = ctx.weights
    if ctx.beside_cities and c.category.populated and c.country not in ctx.beside_cities \
            and c.population < w.prominent_population <= r.biggest:
        return Finding("unlike_its_list", -w.unlike_its_list,
                       "a town listed with big cities of other countries, while a city has its name")
    return None


def alternate_namesake(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "Rents fell in Phoenix, Nashville and Denver" in a Texas story: Denver, not Denver City, Texas, which
    GeoNames also calls so. A town answering to a name only by another of its names yields to a city thirty
    times its size whose own name it is, its state named or not, unless a place near the town is named.
    (small_namesake's weight: the same evidence against it.)"""
    w = ctx.weights
    if c.category.populated and c.matched != "name" and c.population * w.famous_ratio < r.biggest \
            and not ctx.near_a_town(c):
        return Finding("alternate_namesake", -w.small_namesake,
                       "another name of a town far smaller than the city whose own name it is, and no place near it is named")
    return None


def world_city_village(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "a concert hall in Montreal" in a story from Lyon: the city, not a French village of 1,932. A village
    named like a capital or a city of a million needs its state or a place near it named; the article's
    country alone does not make the name the village's."""
    city = r.world_city
    w = ctx.weights
    if city is not None and c.category.populated and c.id != city.id and c.population < w.small_town \
            and not ctx.local(c, paired=False):
        return Finding("world_city_village", -w.world_city_village,
                       f"a village named like {city.name} ({city.country}), and neither its state nor a place near it is named")
    return None


def world_city_namesake(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    city = r.world_city
    if city is not None and c.category.populated and c.id != city.id and c.population < city.population \
            and not ctx.local(c, paired=False):
        return Finding("world_city_namesake", -ctx.weights.world_city_namesake,
                       f"a namesake of {city.name} ({city.country}), and neither its state nor a place near it is named")
    return None


def world_area_namesake(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "the Pacific", "the Middle East" in a story that names the US: the ocean and the region, not
    villages of those names in Missouri and Maryland, unless their state or a place near them is named:
    within half the local distance, as for a country's namesake (`country_namesake`), since a big city's
    surroundings hold villages named after half the world ("the North Sea" in a story naming New York is
    no village on Long Island)."""
    if r.world_area and c.category.populated and c.population < ctx.weights.prominent_population \
            and not ctx.names_state(c) and not _named_close_by(c, ctx):
        return Finding("world_area_namesake", -ctx.weights.world_area_namesake,
                       "a town named like a sea, continent or world region, and neither its state nor a place "
                       "near it is named")
    return None


def country_namesake(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "extradited from Mexico" in a story from New York: the country, not the village of Mexico, New
    York. A country's name is so much likelier meant that naming the village's state is not enough: a
    town or a county close to the village must be named ("Palestine" beside Anderson County, Texas),
    within half the local distance: a city's surroundings hold villages named after half the world
    (China, Texas, 100 km from Houston)."""
    w = ctx.weights
    if r.countries and c.category.populated and c.country not in r.countries and c.population < w.prominent_population \
            and not _named_close_by(c, ctx):
        return Finding("country_namesake", -w.country_namesake, "a town named like a country, and no place near it is named")
    return None


def _named_close_by(c: Candidate, ctx: Context) -> bool:
    """Is a town or a county named within half the local distance of c? The evidence a namesake of a country
    or a sea needs: a big city's surroundings hold villages named after half the world."""
    close = ctx.weights.local_km / 2
    return ctx.near_a_town(c, within=close) or \
        min(_kms_from(c.lat, c.lon, [(lat, lon) for _, lat, lon in ctx.counties]), default=math.inf) <= close


def state_of_the_story(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "Georgia" in a story about Savannah and Macon: the state holding them, not the country."""
    if c.category is Kind.COUNTRY and r.states_with_towns and c.country not in ctx.anchor_countries:
        return Finding("state_of_the_story", -ctx.weights.holds_named_town,
                       "a state of this name holds towns the article names, and none lies in this country")
    return None


def small_foreign_town(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    if c.category.populated and c.country not in ctx.countries and c.population < ctx.weights.small_town \
            and (c.country, c.admin1) not in ctx.admin1:
        return Finding("small_foreign_town", -ctx.weights.small_foreign_town,
                       "a small town in a country the article does not name")
    return None


def far_foreign_town(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """Not where the article names the town's state: a story whose only sure town is a namesake far away
    (a bare "Springfield" read as another state's) is not far from a town in the state it names."""
    w = ctx.weights
    if c.category.populated and c.country not in ctx.countries and c.population < w.prominent_population \
            and c.country not in ctx.neighbours and (c.country, c.admin1) not in ctx.admin1 \
            and (ctx.nearest_km(c) or 0.0) > w.far_km:
        return Finding("far_foreign_town", -w.far_foreign_town,
                       "a town far from every other place named, in a country the article does not name")
    return None


def far_village(c: Candidate, r: Rivals, ctx: Context) -> Finding | None:
    """ "snow closed the road out to Wyalusing" in a Montana story: not Pennsylvania's village of that
    name, 2,800 km away in a state the article never names. In a story that names a state of the village's
    country (a local story there), a village so far from every place it names surely is a local place
    the gazetteer lacks, or a namesake of one; naming its country is no evidence. (A world story naming
    a country and a village in it, "Marina Bay" in Singapore, names no state of it; and a village among
    what the story's other names may mean is not far from all of them.)"""
    w = ctx.weights
    if c.category.populated and c.category is not Kind.CAPITAL and c.population < w.small_town \
            and (c.country, c.admin1) not in ctx.admin1 and any(country == c.country for country, _ in ctx.admin1) \
            and (ctx.nearest_km(c) or 0.0) > w.far_km and not _others_near(c, ctx):
        return Finding("far_village", -w.far_village,
                       "a village far from every other place named, in a state the article does not name")
    return None


# within a group, only the first rule that fires counts
PENALTY_GROUPS: tuple[tuple[Penalty, ...], ...] = (
    (dateline_namesake, seat_town, bare_county, own_country_name, sea_name, own_country_town, country_city_alternate, own_state_town,
     state_namesake, unlike_its_list, world_city_village, small_namesake, alternate_namesake, world_city_namesake, world_area_namesake, country_namesake),
    (state_of_the_story,),
    (small_foreign_town, far_foreign_town, far_village),
)


def rank(candidates, context: Context) -> list[Resolution]:
    """Candidates best first, each with a score, a confidence and the findings behind it."""
    w = context.weights
    rivals = Rivals.of(candidates, context)

    def scored(c: Candidate) -> tuple[float, tuple[Finding, ...], Candidate]:
        found = [f for rule in SCORE if (f := rule(c, rivals, context)) is not None]
        for group in PENALTY_GROUPS:
            for rule in group:
                if (f := rule(c, rivals, context)) is not None:
                    found.append(f)
                    break
        return sum([f.delta for f in found]), tuple(found), c

    ranked = sorted(map(scored, candidates), key=lambda x: (-x[0], -x[2].population, x[2].id))
    out = []
    top = [x[0] for x in ranked[:2]]
    for i, (s, found, c) in enumerate(ranked):
        rival = top[1] if i == 0 and len(top) > 1 else top[0] if i > 0 else None
        absolute = 1 / (1 + math.exp(-w.confidence_slope * (s - w.threshold)))
        relative = 1 / (1 + math.exp(-w.margin_slope * (s - rival))) if rival is not None else 1.0
        out.append(Resolution(c, round(s, 4), round(absolute * relative, 3), found))
    return out


# ---- gates: may a mention with these flags name this candidate? -----------------------------------

# flags that never name a place, whatever the candidate
BLOCKING = frozenset({Flag.PERSON, Flag.DEMONYM, Flag.DATE, Flag.GENERIC, Flag.FEATURE, Flag.HANDLE, Flag.PRONOUN,
                      Flag.STREET, Flag.DISEASE, Flag.AGENCY})
# flags that let only a prominent place through
NEEDS_PROMINENT = frozenset({Flag.COMMON, Flag.PARTIAL, Flag.ORG, Flag.ACRONYM, Flag.FACILITY})

Gate = Callable[[Mention, Candidate, "Context | None"], "bool | None"]


def blocked(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    return False if m.flags & BLOCKING else None


def dateline_city(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """A dateline names a city, in capitals or not: "BOSTON \u2014" is no acronym. A city-state's is its
    country's own name ("SINGAPORE \u2014", "MONACO \u2014"), which the country's entry answers to first."""
    if Flag.DATELINE not in m.flags:
        return None
    return (c.category.populated and c.matched in ("name", "alternate")) or (
        c.category is Kind.COUNTRY and c.matched == "name")


def neighbourhood(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "the Pilsen neighborhood": a part of a town the story is in, so a place near the towns it names or in
    a state it names (the gazetteer holds some neighbourhoods, "Harlem"), never a namesake elsewhere, even in
    the same country ("the Austin neighborhood" of a Chicago story is no pin on Texas)."""
    if Flag.NEIGHBOURHOOD not in m.flags or ctx is None or not ctx.countries or ctx.local(c):
        return None
    return False


def county_word(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "Ohio County", "Jefferson Parish": a county, never the state or town it is named after; or a state
    or province that the gazetteer itself calls "X County" (Romania's judete: "Cluj County")."""
    if m.area_noun not in COUNTY_NOUNS:
        return None
    return c.category is Kind.COUNTY or (c.category is Kind.SUBDIVISION and m.key.endswith(" " + m.area_noun))


def part_of_a_region(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "Southern Asia" is no pin on Asia; "West Midlands", a name the gazetteer lacks, is part of a
    place in the article's countries, not Zimbabwe's Midlands province in a story about Britain."""
    if Flag.REGION_OF not in m.flags:
        return None
    if c.category is Kind.CONTINENT:
        return False
    w = ctx.weights if ctx else DEFAULT
    if c.category.populated and c.population < w.prominent_population:
        return False  # "North Dallas" is a part of a city; "Southern Appalachia" no part of a village of 1,700
    if local_scale(c) or is_subdivision(c):  # a region's or a country's part may lie anywhere
        if ctx is not None and ctx.countries and c.country not in ctx.countries and c.country not in ctx.neighbours:
            return False
    return None


def abbreviation(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    if c.matched == "abbreviation":
        return Flag.DOTTED in m.flags  # "Calif." only after a town and a comma
    if c.matched in ("code", "dotted"):
        return Flag.ACRONYM in m.flags and (c.matched == "code" or Flag.STOPS in m.flags)
    return None


def acronym_spelling(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    if Flag.ACRONYM in m.flags and c.matched == "alternate" and c.category not in (Kind.COUNTRY, Kind.CONTINENT):
        return False  # an agency's acronym is not a city spelt another way
    return None


def other_name(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """A former, foreign or nick-name ("Stepanakert", "Bombay") needs the article to be nearby."""
    if c.matched != "other":
        return None
    w = ctx.weights if ctx else DEFAULT
    if Flag.CAPS in m.flags:
        return False
    if c.population >= w.other_name_population or (ctx is not None and (
            ctx.local(c) or ctx.narrows_to(c.country) or (ctx.near_home(c) and c.population >= w.other_name_town))):
        return None
    return False


def village_spelling(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """Another spelling of a village's name ("Evens" for a hamlet called Evans) is more often a
    surname or a typo: it needs the village's state named or a place near it."""
    w = ctx.weights if ctx else DEFAULT
    if c.matched == "alternate" and c.category.populated and c.population < w.small_town \
            and Flag.TOWN_WORD not in m.flags:  # "the town of Lachin" says so
        return None if ctx is not None and (ctx.local(c) or ctx.narrows_to(c.country)) else False
    return None


_FREQUENT = frozenset({Flag.COMMON, Flag.FREQUENT_NAME})  # as frequent as English words, whatever else


def word_as_spelling(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "Lion" is no spelling of Lyon, nor "Basic" a nickname of Henderson: GeoNames keeps other languages'
    spellings and old nicknames, and where one is an English word, English text that puts it where words
    go means the word. A town's short name made of a word of its own is English ("Hull", "Stoke"). A word
    as frequent as a brand's ("Samsung") is no spelling of a village either (but "Rhodes" is Ródos's)."""
    if c.matched not in ("alternate", "other") or not c.category.populated:
        return None
    village = c.population < (ctx.weights if ctx else DEFAULT).small_town
    if Flag.WORD not in m.flags and not (village and m.flags & _FREQUENT):
        return None
    return None if m.key in name_key(c.name).split() else False


def short_code(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    return False if Flag.SHORT in m.flags else None


def tail(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "Wellington Phoenix", "Adelaide Sydney Olympic": a town's name right after another's is the tail of a
    team's or a firm's name, however big the town; an area there qualifies the first ("Tucson Arizona")."""
    return False if Flag.TAIL in m.flags and c.category.populated else None


def frequent_name(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "in Tallahassee" yes; "to Heath" is no village."""
    if Flag.FREQUENT_NAME not in m.flags:
        return None
    w = ctx.weights if ctx else DEFAULT
    if c.population >= w.prominent_population or kind_bonus(c, w) or (
            ctx is not None and (ctx.local(c) or ctx.narrows_to(c.country) or ctx.places_towns_in_small(c.country))):
        return None
    return False


def unknown_beside(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "in Mirpur and Uttara", where the gazetteer lacks Uttara: two places the story's readers know, as
    likely two neighbourhoods of its city as towns; a namesake town counts only in a country the article is
    about, or by its state or a place near it named (a village of India is no part of Dhaka)."""
    if Flag.UNKNOWN_BESIDE not in m.flags or not c.category.populated or ctx is None or ctx.about(c.country) \
            or ctx.local(c):
        return None
    return False


def generic_name(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "Northern Province", "North East": names of generic words, found in many countries,
    name a place only in a country the article is about; a sea or world region whose own name it is ("the
    North Sea", "the Middle East") is one of a kind, but not one it is only another name of ("the East
    Sea" is the Sea of Japan in Korea and the South China Sea in Vietnam)."""
    if Flag.GENERIC_NAME not in m.flags or c.category is Kind.REGION or (
            c.category in _WORLD_AREAS and c.matched == "name"):
        return None
    return None if ctx is not None and ctx.about(c.country) else False


def given_name(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "Ramona thanked them": a given name alone, not after "in" or "near", is a person before it is a
    small town; it names the town only where the article names its state or a place near it."""
    if Flag.GIVEN_NAME not in m.flags:
        return None
    w = ctx.weights if ctx else DEFAULT
    if c.population >= w.prominent_population or kind_bonus(c, w) or (
            ctx is not None and (ctx.local(c) or ctx.narrows_to(c.country) or ctx.places_towns_in_small(c.country))):
        return None
    return False


def given_as_area(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "Aurora province", "Florida department": a frequent word with an area noun after it is that
    area's name, however few people GeoNames counts in it, when the area lies in a country the article
    is about."""
    if Flag.AREA_WORD not in m.flags or not m.flags & NEEDS_PROMINENT or m.flags & NEEDS_PROMINENT - {Flag.COMMON}:
        return None
    return True if (is_subdivision(c) or c.category is Kind.COUNTY) and ctx is not None and ctx.about(c.country) \
        else None


def definite_article(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    """ "the Red Cross said": a name with the article, heading its phrase, is a body's or a thing's;
    a town takes none, unless it is a city big enough to be the one meant ("the Hague")."""
    if Flag.DEFINITE in m.flags and c.category.populated \
            and c.population < (ctx.weights if ctx else DEFAULT).prominent_population:
        return False
    return None


def needs_prominence(m: Mention, c: Candidate, ctx: Context | None) -> bool | None:
    needs = m.flags & NEEDS_PROMINENT
    if Flag.CIVIC in m.flags and c.category not in _WORLD_AREAS:
        needs -= {Flag.ORG, Flag.PARTIAL}  # a town's or a county's own police or court names it, not a sea
    if not needs:
        return None
    w = ctx.weights if ctx else DEFAULT
    if needs <= {Flag.COMMON, Flag.ACRONYM}:  # a dictionary word opening its sentence: big without the article's help
        if prominent(c, None if Flag.OPENING in m.flags else ctx, w):
            return True
        # "flights from Atlanta to Boston and Denver": where a place goes, a city of 100,000 in the country of
        # the towns the article places surely (wire copy names neither its country nor a state), or an area
        # there ("homes across Mayo and Sligo": Ireland's counties go by bare names that are words too)
        if ctx is None:
            return False
        if Flag.LOCATIVE in m.flags and (c.category.area or c.population >= w.prominent_population) \
                and c.country in ctx.anchor_countries:
            return True
        # "Kaikoura and Nelson had rain": listed with a town placed surely, a town of its country
        return c.category.populated and c.population >= w.small_town and c.country in ctx.beside_towns
    if Flag.FACILITY in needs:  # "Dover Street": only a city big enough to lend its name to the street; a
        # building is named for its town, not its country ("Canada Life Centre", but "Building Ireland" loans)
        # and by its name today ("Salisbury Road" is no road in Harare, once Salisbury)
        return not (Flag.BUILDING in m.flags and c.category is Kind.COUNTRY) and c.matched != "other" \
            and prominent(c, None, w)
    if c.category in _WORLD_AREAS and c.matched != "name":
        return False  # "Pacific University", "Atlantic Council": a sea's short name lends itself to a name, not a place
    if Flag.PARTIAL in needs and Flag.WORD in m.flags and c.category.area and not (ctx and ctx.about(c.country)):
        return False  # "International Maritime Bureau": a word inside a longer name, not Togo's Maritime region
    # inside an organisation's name or beside unexplained words: a big place, whatever state is named
    return prominent(c, Context(ctx.countries, weights=w) if ctx else None, w)


GATES: tuple[Gate, ...] = (
    blocked, dateline_city, neighbourhood, county_word, part_of_a_region, abbreviation, acronym_spelling, other_name, village_spelling,
    word_as_spelling, short_code, frequent_name, given_name, unknown_beside, generic_name, given_as_area,
    definite_article, tail, needs_prominence,
)


def usable(m: Mention, c: Candidate, ctx: Context | None = None) -> bool:
    """May this mention name this candidate? The first gate with an answer decides; none: yes."""
    for gate in GATES:
        verdict = gate(m, c, ctx)
        if verdict is not None:
            return verdict
    return True
