"""Resolution: which gazetteer entry each name in an article refers to, and how sure we are.

The evidence is what a reader uses: how big a place is, whether the article
names its country (or its people: "Azerbaijani troops"), how close it lies to
the other places the article names, and whether the text around the name
looks like a place at all. A name that fits nothing well enough is left out
rather than guessed: a wrong dot on a published map costs more than a
missing one.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from mapgen.mentions import Extraction
from mapgen.model import CITY_REGION, Candidate, Mention, Place, Resolution

THRESHOLD = 0.6
PROMINENT_POPULATION = 100_000
SMALL_TOWN = 5_000
SEAT_RULE_POPULATION = 1_000_000  # a district named after its town means the town; a state means itself
OTHER_NAME_POPULATION = 1_000_000  # "Bombay" needs no context; "Stepanakert" needs its country named
MIN_CONTEXT_SHARE = 0.1
SIBLING_BONUS = 0.4  # "Georgia and Arizona", "California or Washington": states of one country
NEIGHBOUR_BONUS = 0.3  # "Stepanakert" in an article about Armenia: across the border, not across the world
WORLD_CITY_POPULATION = 1_000_000  # London, Vienna: a namesake needs local evidence, not just its country
LOCAL_KM = 150
FAR_KM = 1_000  # "Fano militias" in a story from Amhara is not Fano, Italy
FAMOUS_RATIO = 30  # Boston, New York (8,000) beside Boston (650,000): the small one needs its state named
# mentions with these flags never name a place; with these others, only a prominent one
BLOCKING = frozenset({"person", "demonym", "date", "generic", "feature", "handle"})
NEEDS_PROMINENT = frozenset({"common", "partial", "org", "acronym", "facility"})
EARTH_RADIUS_KM = 6371.009  # the mean radius geopy's great_circle uses


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine). geopy's great_circle gives the same figure but builds two
    Point objects a call, a fifth of the per-article time when every candidate meets every anchor."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Context:
    """What an article says about where it is: countries named (and their peoples), and anchor points."""

    countries: dict[str, float] = field(default_factory=dict)  # ISO-2 -> share of country evidence
    anchors: tuple[tuple[str, float, float], ...] = ()  # (name key, lat, lon) of confidently placed names
    admin1: frozenset[tuple[str, str]] = frozenset()  # (country, admin1 code) of subdivisions named
    neighbours: frozenset[str] = frozenset()  # countries bordering those the article is about
    states: dict[str, str] = field(default_factory=dict)  # name key -> country, of subdivisions placed
    beside: frozenset[str] = frozenset()  # countries one of whose subdivisions is listed with the name
    _nearest: dict[str, float | None] = field(default_factory=dict, init=False, compare=False, repr=False)

    def for_name(self, key: str, listed_with: frozenset[str] = frozenset()) -> Context:
        """The context for resolving `key`: a name is no evidence for itself, and the states it is
        listed with ("Georgia and Arizona") say which country's it is."""
        anchors = tuple(a for a in self.anchors if a[0] != key)
        beside = frozenset(self.states[k] for k in listed_with if k != key and k in self.states)
        if anchors == self.anchors and beside == self.beside:
            return self
        return replace(self, anchors=anchors, beside=beside)

    def nearest_km(self, c: Candidate) -> float | None:
        """How far c lies from the nearest anchor, leaving out c itself named another way ("Mexico City");
        None without anchors. Score and penalties both ask, so each candidate is measured once."""
        if c.id not in self._nearest:
            d = [km(c.lat, c.lon, lat, lon) for _, lat, lon in self.anchors if (lat, lon) != (c.lat, c.lon)]
            self._nearest[c.id] = min(d) if d else None
        return self._nearest[c.id]

    def about(self, country: str) -> bool:
        """Is the article about this country, enough for its names to count as evidence?"""
        return self.countries.get(country, 0.0) >= MIN_CONTEXT_SHARE

    @classmethod
    def from_countries(cls, *iso2: str) -> Context:
        return cls({c.upper(): 1.0 / len(iso2) for c in iso2} if iso2 else {})


POPULATED = frozenset({"capital", "city", "town", "village"})
KIND_BONUS = {"country": 1.0, "continent": 0.9, "region": 0.7, "sea": 0.7, "landmark": 0.7, "capital": 0.3}


def is_area(c: Candidate) -> bool:
    return c.kind not in POPULATED


def is_subdivision(c: Candidate) -> bool:
    """A state, province or rayon, whatever its country calls it ("region" in France and Senegal);
    Wales and Scotland, subdivisions that are countries in their own right, weigh as countries."""
    return is_area(c) and bool(c.admin1) and c.kind != "country"


def kind_bonus(c: Candidate) -> float:
    """Countries, continents, world regions, seas and landmarks are what a bare name most often means;
    a subdivision called a "region" is weighed like any other subdivision."""
    return 0.0 if is_subdivision(c) else KIND_BONUS.get(c.kind, 0.0)


def prominent(c: Candidate, context: Context | None = None) -> bool:
    """Big enough to be what a capitalised common word ("Split", "Enterprise") or a name inside
    an organisation's means: a country, a region, a capital, a state, a city of a million,
    a city of 100,000 in a country the article is about, or a town whose state it names."""
    if kind_bonus(c):
        return True
    if is_area(c):
        return c.population >= PROMINENT_POPULATION
    if c.population >= 10 * PROMINENT_POPULATION:
        return True
    if context is not None and c.admin1 and (c.country, c.admin1) in context.admin1:
        return True  # "London, Kentucky": the state named is evidence enough
    return c.population >= PROMINENT_POPULATION and context is not None and c.country in context.countries


def score(c: Candidate, context: Context) -> tuple[float, list[str]]:
    """One candidate's score (threshold 0.6) and the evidence behind it, in words."""
    evidence = []
    s = min(1.0, math.log10(c.population + 1) / 7)
    if c.population:
        evidence.append(f"population {c.population:,} (+{s:.2f})")
    bonus = kind_bonus(c)
    if bonus:
        s += bonus
        evidence.append(f"a {c.kind} (+{bonus:.2f})")
    if c.matched == "name":
        s += 0.3
        evidence.append("the entry's own name, not an alternate (+0.30)")
    elif c.matched == "alternate":
        s += 0.1
        evidence.append("a spelling of the entry's own name, not another name for it (+0.10)")
    share = context.countries.get(c.country, 0.0)
    if share and c.kind not in ("country", "continent"):
        bonus = 0.6 + 0.4 * share
        s += bonus
        evidence.append(f"article names {c.country} (share {share:.2f}, +{bonus:.2f})")
    elif c.country in context.neighbours and c.kind not in ("country", "continent"):
        s += NEIGHBOUR_BONUS
        evidence.append(f"article names a country next to {c.country} (+{NEIGHBOUR_BONUS:.2f})")
    if is_subdivision(c) and c.country in context.beside:
        s += SIBLING_BONUS
        evidence.append(f"named beside another state or province of {c.country} (+{SIBLING_BONUS:.2f})")
    if c.admin1 and (c.country, c.admin1) in context.admin1 and c.kind in POPULATED:
        s += 0.5
        evidence.append(f"article names its state or province ({c.country}.{c.admin1}, +0.50)")
    d = context.nearest_km(c) if c.kind in POPULATED else None
    if d is not None:
        bonus = 0.4 * math.exp(-d / 300.0)
        s += bonus
        if bonus >= 0.01:
            evidence.append(f"{d:,.0f} km from other places named (+{bonus:.2f})")
    return s, evidence


def _near_home(c: Candidate, context: Context) -> bool:
    """Is the article about c's country, a neighbour of it ("Stepanakert" beside "Armenian"),
    or a place near c?"""
    return (context.about(c.country) or c.country in context.neighbours
            or _local(c, context))


def _local(c: Candidate, context: Context) -> bool:
    """Does the article name c's state, or a place within LOCAL_KM of it?"""
    if c.admin1 and (c.country, c.admin1) in context.admin1:
        return True
    d = context.nearest_km(c)
    return d is not None and d <= LOCAL_KM


@dataclass(frozen=True)
class Rivals:
    """What the other entries answering to the same name say about each one."""

    seats: frozenset[tuple[str, str]]  # (country, admin1) holding a town of this name
    countries: frozenset[str]  # countries of this name
    sea: bool  # a sea of this name
    famous: int  # population of the biggest prominent town of this name
    world_city: Candidate | None  # a capital or a city of a million of this name

    @classmethod
    def of(cls, candidates: list[Candidate] | tuple[Candidate, ...]) -> Rivals:
        return cls(
            frozenset((c.country, c.admin1) for c in candidates if c.kind in POPULATED and c.admin1),
            frozenset(c.country for c in candidates if c.kind == "country"),
            any(c.kind == "sea" and c.matched == "name" for c in candidates),
            max((c.population for c in candidates if c.kind in POPULATED and prominent(c)), default=0),
            next((c for c in candidates if c.kind in POPULATED and c.matched == "name"
                  and (c.kind == "capital" or c.population >= WORLD_CITY_POPULATION)), None),
        )


def penalties(c: Candidate, rivals: Rivals, context: Context) -> list[tuple[float, str]]:
    """Why c is the less likely meaning of its name, with what each reason costs."""
    out = []
    if is_subdivision(c):
        if (c.country, c.admin1) in rivals.seats and (c.population < SEAT_RULE_POPULATION or c.kind == CITY_REGION):
            out.append((0.5, "a town of the same name lies in it, and is the likelier meaning"))
        elif c.country in rivals.countries:
            out.append((0.5, "named like its own country, which is the likelier meaning"))
        elif rivals.sea:
            out.append((1.0, "named like a sea, which is the likelier meaning"))
    elif c.kind in POPULATED and c.matched != "name" and c.country in rivals.countries:
        out.append((0.5, "another name of a city named like its own country, which is the likelier meaning"))
    elif c.kind in POPULATED and c.kind != "capital" and c.population * FAMOUS_RATIO < rivals.famous \
            and (c.country, c.admin1) not in context.admin1:
        out.append((0.6, "a small namesake of a far bigger city, and its state is not named"))
    elif rivals.world_city is not None and c.kind in POPULATED and c.id != rivals.world_city.id \
            and c.population < rivals.world_city.population and not _local(c, context):
        city = rivals.world_city
        out.append((0.6, f"a namesake of {city.name} ({city.country}), and neither its state nor a place near it "
                         "is named"))
    if c.kind in POPULATED and c.country not in context.countries:
        if c.population < SMALL_TOWN and (c.country, c.admin1) not in context.admin1:
            out.append((0.35, "a small town in a country the article does not name"))
        elif c.population < PROMINENT_POPULATION and c.country not in context.neighbours \
                and (context.nearest_km(c) or 0.0) > FAR_KM:
            out.append((0.4, "a town far from every other place named, in a country the article does not name"))
    return out


def rank(candidates: list[Candidate] | tuple[Candidate, ...], context: Context) -> list[Resolution]:
    """Candidates best first, each with a score, a confidence and its evidence."""
    rivals = Rivals.of(candidates)

    def scored_one(c: Candidate) -> tuple[tuple[float, list[str]], Candidate]:
        s, ev = score(c, context)
        for cost, why in penalties(c, rivals, context):
            s -= cost
            ev.append(f"{why} (-{cost:.2f})")
        return (s, ev), c

    scored = sorted(map(scored_one, candidates), key=lambda sc: (-sc[0][0], -sc[1].population, sc[1].id))
    out = []
    top = [x[0][0] for x in scored[:2]]
    for i, ((s, ev), c) in enumerate(scored):
        rival = top[1] if i == 0 and len(top) > 1 else top[0] if i > 0 else None
        absolute = 1 / (1 + math.exp(-6 * (s - THRESHOLD)))
        relative = 1 / (1 + math.exp(-8 * (s - rival))) if rival is not None else 1.0
        out.append(Resolution(c, round(s, 4), round(absolute * relative, 3), tuple(ev)))
    return out


def _usable(flags: frozenset[str], c: Candidate, context: Context | None = None) -> bool:
    """May a mention with these flags name this candidate?"""
    if flags & BLOCKING:
        return False
    if "region_of" in flags and c.kind == "continent":
        return False  # "North Africa" is not Africa's centre
    if c.matched == "abbreviation":
        return "dotted" in flags
    if c.matched in ("code", "dotted"):
        return "acronym" in flags and (c.matched == "code" or "stops" in flags)
    if "acronym" in flags and c.matched == "alternate" and c.kind not in ("country", "continent"):
        return False  # "SANA", the news agency, is not Sanaa spelt another way
    if c.matched == "other" and ("caps" in flags or not (
            c.population >= OTHER_NAME_POPULATION or (context is not None and _near_home(c, context)))):
        return False  # a former, foreign or nick-name ("Epiphaneia", "Motown") needs the article to be nearby
    if "short" in flags:
        return False
    if "frequent_name" in flags and not (c.population >= PROMINENT_POPULATION or kind_bonus(c) or (
            context is not None and context.about(c.country))):
        return False  # "in Chattanooga" yes; "to Heathrow" is not a Florida village
    needs = flags & NEEDS_PROMINENT
    if not needs:
        return True
    if needs <= {"common", "acronym"}:
        return prominent(c, context)
    if "facility" in needs:
        return prominent(c)  # "Hampton Avenue": only a city big enough to lend its name to the street
    # inside an organisation's name or beside unexplained words: a big place, whatever state is named
    return prominent(c, Context(context.countries) if context else None)


def resolve(extraction: Extraction, lookup, *, near=None, country=None, neighbours=None) -> tuple[Place, ...]:
    """Resolve every name of one article.

    `lookup(key)` gives a name's candidates. With `near(key, countries)` (keys a
    few edits away, among those countries' names), a word no name matches is
    tried against the spellings of the article's own countries; with
    `country(iso)`, demonyms ("Azerbaijani") become their countries' points too;
    `neighbours(iso)` (the countries bordering one) lets a former or foreign name
    count in an article about the country next door.
    """
    by_key: dict[str, list[tuple[Mention, frozenset[str]]]] = defaultdict(list)
    for m, f in zip(extraction.mentions, extraction.flags):
        if not f & BLOCKING:
            by_key[m.key].append((m, f))

    # pass 1: countries named outright, their peoples and their big states set the article's geography
    weights: Counter = Counter({iso: 0.5 * n for iso, n in extraction.demonyms.items()})
    for key, ms in by_key.items():
        cands = lookup(key)
        countries = [c for c in cands if c.kind == "country"]
        if countries and any(_usable(f, countries[0]) for _, f in ms):
            weights[countries[0].country] += len(ms)
        elif cands and is_area(cands[0]) and cands[0].matched != "other" \
                and cands[0].population >= 10 * PROMINENT_POPULATION \
                and any(_usable(f, cands[0]) for _, f in ms):
            weights[cands[0].country] += 0.5 * len(ms)  # "Texas" says the article is about the US
    total = sum(weights.values())
    shares = {iso: w / total for iso, w in weights.items()} if total else {}
    context = Context(shares)
    if neighbours is not None:
        context = replace(context, neighbours=frozenset(n for iso in shares if context.about(iso) for n in neighbours(iso)))

    adjacent = _adjacent(extraction)
    listed = _listed_together(adjacent)

    def choose(ctx: Context) -> dict[str, tuple[Resolution, list[Mention]]]:
        chosen = {}
        for key, ms in by_key.items():
            own = ctx.for_name(key, listed.get(key, frozenset()))
            for res in rank(lookup(key), own):
                kept = [m for m, f in ms if _usable(f, res.candidate, own)]
                if kept and res.score >= THRESHOLD:
                    chosen[key] = (res, kept)
                break  # only the best candidate is ever considered: no fall-through to a worse one
        return chosen

    first = choose(context)
    _town_state_pairs(adjacent, lookup, first)  # "Gainesville, Va." names Virginia for the second pass
    anchors = tuple(sorted(
        (key, r.candidate.lat, r.candidate.lon) for key, (r, _) in first.items()
        if r.candidate.kind in POPULATED and r.confidence >= 0.8
    ))
    flags_of = {id(m): f for m, f in zip(extraction.mentions, extraction.flags)}
    admin1 = frozenset(  # "University of California" says where a university is, not where the story is
        (r.candidate.country, r.candidate.admin1) for r, kept in first.values()
        if is_area(r.candidate) and r.candidate.admin1 and any("org" not in flags_of.get(id(m), ()) for m in kept)
    )
    states = {key: r.candidate.country for key, (r, _) in first.items() if is_subdivision(r.candidate)}
    final_context = replace(context, anchors=anchors, admin1=admin1, states=states)
    final = choose(final_context) if anchors or admin1 or states else first
    _town_state_pairs(adjacent, lookup, final)
    if near is not None:
        final.update(_fuzzy(extraction.unmatched, lookup, near, final_context))
    if country is not None:
        for m, iso in extraction.demonym_mentions:
            c = country(iso)
            if c is not None:
                res = Resolution(c, 1.0, 0.9, (f"the demonym {m.surface!r} names {c.name} (--include-demonyms)",))
                final.setdefault(f"demonym:{m.key}", (res, []))[1].append(m)

    merged: dict[str, tuple[Resolution, list[Mention]]] = {}
    for key in sorted(final):
        res, kept = final[key]
        if res.candidate.id in merged:
            prev, prev_kept = merged[res.candidate.id]
            merged[res.candidate.id] = (max(prev, res, key=lambda r: r.confidence), prev_kept + kept)
        else:
            merged[res.candidate.id] = (res, kept)
    return tuple(
        Place(r.candidate, tuple(sorted(ms, key=lambda m: m.start)), r.confidence, r.evidence)
        for pid, (r, ms) in sorted(merged.items())
    )


FUZZY_MIN_POPULATION = 5_000
_LIST_JOINS = frozenset({" and ", " or ", ", and ", ", or ", " & "})


Adjacent = tuple[Mention, Mention, str]  # two names in a row in one sentence, and the text between them


def _adjacent(extraction: Extraction) -> list[Adjacent]:
    """Each name with the next one in its sentence, and what separates them (", ", " and ")."""
    ms = sorted(extraction.mentions, key=lambda m: m.start)
    out = []
    for a, b in zip(ms, ms[1:]):
        if a.sentence == b.sentence:
            s = extraction.sentences[a.sentence]
            out.append((a, b, s.text[a.end - s.start:b.start - s.start]))
    return out


def _listed_together(adjacent: list[Adjacent]) -> dict[str, frozenset[str]]:
    """Name keys joined by "and" or "or" in the text ("Georgia and Arizona"), each to the others."""
    out: dict[str, set[str]] = defaultdict(set)
    for a, b, between in adjacent:
        if between in _LIST_JOINS:
            out[a.key].add(b.key)
            out[b.key].add(a.key)
    return {k: frozenset(v) for k, v in out.items()}


def _fuzzy(unmatched, lookup, near, context: Context) -> dict[str, tuple[Resolution, list[Mention]]]:
    """Near-miss spellings ("Fizuly" for Fizuli), only among the places of the article's own countries,
    and held to a higher score than exact names: a spelling guess must not invent a place."""
    countries = tuple(sorted(iso for iso in context.countries if context.about(iso)))
    if not countries:
        return {}
    out: dict[str, tuple[Resolution, list[Mention]]] = {}
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in unmatched:
        by_key[m.key].append(m)
    for key, ms in sorted(by_key.items()):
        cands = [c for k in near(key, countries) for c in lookup(k)
                 if c.country in countries and c.kind not in ("country", "continent")
                 and (is_area(c) or c.population >= FUZZY_MIN_POPULATION)]
        if not cands:
            continue
        best = rank(cands, context)[0]
        if best.score < THRESHOLD + 0.3:
            continue
        spelled = f"no exact name; spelled like {best.candidate.name!r} in {best.candidate.country}"
        res = Resolution(best.candidate, best.score, round(best.confidence * 0.8, 3), best.evidence + (spelled,))
        out[f"fuzzy:{key}"] = (res, ms)
    return out


def _town_state_pairs(adjacent: list[Adjacent], lookup, final: dict[str, tuple[Resolution, list[Mention]]]) -> None:
    """ "Tacoma, Washington": a name right after a town and a comma is the town's state or province
    when the gazetteer has one by that name, whatever the same name means elsewhere in the article."""
    placed = {id(m): res.candidate for res, ms in final.values() for m in ms}
    for town_m, state_m, between in adjacent:
        town = placed.get(id(town_m))
        if town is None or town.kind not in POPULATED or not town.admin1 or between != ", ":
            continue
        state = next((c for c in lookup(state_m.key) if is_subdivision(c)
                      and (c.country, c.admin1) == (town.country, town.admin1)), None)
        current = placed.get(id(state_m))
        if state is None or (current is not None and current.id == state.id):
            continue
        for key, (_, kept) in list(final.items()):
            if any(m is state_m for m in kept):
                kept[:] = [m for m in kept if m is not state_m]
                if not kept:
                    del final[key]
        evidence = (f"follows {town.name} and a comma, and {state.name} is its state or province",)
        final.setdefault(f"pair:{state.id}", (Resolution(state, 1.0, 0.95, evidence), []))[1].append(state_m)
