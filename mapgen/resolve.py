"""Resolution: which gazetteer entry each name in an article refers to, and how sure we are.

The order of work is what a careful reader does. An editor's correction
decides first. Then the article's geography: the countries it names (and
their peoples), its dateline, a newsroom's home. Then each name is ranked by
the rules (`rules.py`) in that context; the towns placed confidently become
anchors, and a second pass ranks again with them. A name right after a town
and a comma is that town's state ("Athens, Georgia"). A name that fits
nothing well enough is left out rather than guessed: a wrong dot on a
published map costs more than a missing one.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from mapgen.corrections import Correction, Corrections
from mapgen.mentions import LIST_JOINS, POSSESSIVE_ENDINGS, Extraction
from mapgen.model import Candidate, Finding, Flag, Kind, Mention, Place, Resolution, by_constructor
from mapgen.rules import (  # noqa: F401 (re-exported)
    BLOCKING, COUNTY_NOUNS, SOVEREIGN, Context, in_country, is_subdivision, kind_bonus, km, local_scale,
    neighbours_of, rank, shares, usable,
)
from mapgen.sentences import Sentence
from mapgen.weights import DEFAULT, Weights


@dataclass(frozen=True)
class Options:
    """What a newsroom sets for every article of a build."""

    weights: Weights = DEFAULT
    corrections: Corrections = field(default_factory=Corrections)
    home: str = ""  # "US-GA" or "US": weak prior context, off by default
    include_demonyms: bool = False

    @property
    def fingerprint(self) -> str:
        """What a cached article result depends on besides the article and its corrections."""
        import hashlib

        return hashlib.sha256(repr((self.weights, self.home, self.include_demonyms)).encode()).hexdigest()[:16]

    def __reduce__(self):
        return by_constructor(self)  # it travels to Dask workers


@dataclass(frozen=True, slots=True)
class Resolved:
    places: tuple[Place, ...]
    unplaced: tuple[Place, ...]  # names whose best meaning scored below the threshold, for the review page
    unknown: tuple[Mention, ...] = ()  # names where a place goes that no gazetteer name matches, for the review


Chosen = dict[str, tuple[Resolution, list[Mention]]]


def resolve(extraction: Extraction, lookup, *, near=None, country=None, neighbours=None, get=None,
            options: Options = Options(), source: tuple[str, str] = ("", "")) -> Resolved:
    """Resolve every name of one article.

    `lookup(key)` gives a name's candidates; `get(id)` one entry by id (for corrections). With
    `near(key, countries)` (keys a few edits away, among those countries' names), a word no name
    matches is tried against the spellings of the article's own countries; with `country(iso)`,
    demonyms become their countries' points when `options.include_demonyms`; `neighbours(iso)`
    (the countries bordering one) lets a former or foreign name count in an article about the
    country next door. `source` is the article's (id, file name), which corrections may name.
    """
    w = options.weights
    fixed = _corrections(extraction, options.corrections.for_article(*source), get)
    by_key: dict[str, list[Mention]] = defaultdict(list)  # a name, or a name given as an area or a town
    given: dict[str, str] = {}
    for m in extraction.mentions:
        if not m.flags & BLOCKING and m.key not in fixed and f"none:{m.key}" not in fixed:
            noun = m.area_noun or ("town" if Flag.TOWN_WORD in m.flags else "")
            group = f"{m.key}|{noun}" if noun else m.key
            by_key[group].append(m)
            given[group] = noun

    adjacent = _adjacent(extraction)
    pairs = _town_state_pairs(adjacent, lookup, w, extraction.sentences, by_key)
    context = _geography(extraction, by_key, lookup, neighbours, options, pairs, country)
    if country is not None:
        sizes = {iso: c.population for iso in context.countries if (c := country(iso)) is not None}
        context = replace(context, country_sizes=sizes)
    listed = _listed_together(adjacent)

    ids = {ms[0].key: frozenset(c.id for c in lookup(ms[0].key)) for ms in by_key.values()}  # once, not per pass

    def choose(ctx: Context) -> tuple[Chosen, Chosen]:
        chosen, below = {}, {}
        for group, ms in by_key.items():
            key = ms[0].key
            cands = lookup(key)
            own = ctx.for_name(key, listed.get(key, frozenset()), given[group], ids[key])
            ranked = rank(cands, own)
            if not ranked:
                continue
            best = ranked[0]  # only the best candidate is ever considered: no fall-through to a worse one
            kept = [m for m in ms if usable(m, best.candidate, own)]
            if len(kept) < len(ms) and any(Flag.NEIGHBOURHOOD in m.flags and all(m is not x for x in kept)
                                           for m in ms):
                kept = []  # "the Forest Park neighborhood": the headline's "Forest Park" is that neighbourhood too
            if kept and best.score >= w.threshold:
                chosen[group] = (_with_runner_up(best, ranked), kept)
            elif kept:
                below[group] = (_with_runner_up(best, ranked), kept)
            elif best.score >= w.threshold and _worth_a_look(best.candidate, ms, w):
                below[group] = (_with_runner_up(_ruled_out(best, ms), ranked), ms)
        return chosen, below

    def settle(chosen: Chosen) -> Chosen:
        """What no ranking may overrule: town-state pairs, then the editor's corrections."""
        _apply_pairs(pairs, chosen)
        chosen.update((key, (res, ms)) for key, (res, ms) in fixed.items() if res is not None)
        return chosen

    first_chosen, first_below = choose(context)
    first = settle(first_chosen)
    sure_towns = sorted(((key.partition("|")[0], r.candidate) for key, (r, _) in first.items()
                         if r.candidate.category.populated and r.confidence >= w.anchor_confidence),
                        key=lambda kc: (kc[0], kc[1].id))
    counties = {key.partition("|")[0] for key, (r, _) in first.items() if r.candidate.category is Kind.COUNTY}
    named_in = {(key.partition("|")[0], (r.candidate.country, r.candidate.admin1)) for key, (r, kept) in first.items()
                if r.candidate.category.area and r.candidate.admin1 and any(Flag.ORG not in m.flags for m in kept)}
    paired_states = {id(state_m) for _, _, state_m, _ in pairs}
    named_beyond = {(r.candidate.country, r.candidate.admin1) for r, kept in first.values()  # (a county in it too)
                    if r.candidate.category.area
                    and not all(id(m) in paired_states or Flag.ORG in m.flags for m in kept)}  # ("Texas Tech")
    paired_only = frozenset(a for _, a in named_in) - named_beyond
    admin1 = frozenset(a for _, a in named_in) | context.admin1  # "University of Texas": not where the story is
    # a province of a million whose own name its seat shares ("in Quebec") vouches for no city by that name
    # ("Mykolaiv" is a spelling of Mykolaivska oblast's name, and does vouch for its city)
    big_areas = {key.partition("|")[0] for key, (r, _) in first.items() if is_subdivision(r.candidate)
                 and r.candidate.matched == "name" and r.candidate.population >= w.seat_rule_population}
    own_admin1 = _own_states(named_in, counties | big_areas, context.admin1)
    states = {key.partition("|")[0]: r.candidate.country for key, (r, _) in first.items() if is_subdivision(r.candidate)}
    nations = frozenset(key for key, (r, _) in first.items() if r.candidate.category is Kind.COUNTRY)
    big_cities = {key: r.candidate.country for key, (r, _) in first.items() if r.candidate.category is Kind.CAPITAL
                  or (r.candidate.category.populated and r.candidate.population >= w.world_city_population)}
    sure = {key for key, (r, _) in first.items() if r.confidence >= w.anchor_confidence}
    others = tuple(sorted({(ms[0].key, c.lat, c.lon) for group, ms in by_key.items() if group not in sure
                           for c in [c for c in lookup(ms[0].key) if local_scale(c)][:w.others_per_name]}))
    final_context = replace(  # anchor_admin1 and anchor_countries follow from `towns` in Context.for_name
        context, admin1=admin1, own_admin1=own_admin1, states=states, others=others, nations=nations,
        big_cities=big_cities,
        anchors=tuple((key, c.lat, c.lon) for key, c in sure_towns),
        towns=tuple((key, c.id, c.country, c.admin1) for key, c in sure_towns),
        paired_admin1=paired_only - context.admin1,
        counties=tuple(sorted((key.partition("|")[0], r.candidate.lat, r.candidate.lon) for key, (r, _) in first.items()
                              if r.candidate.category is Kind.COUNTY and r.confidence >= w.anchor_confidence)),
        country_sizes={**context.country_sizes, **{iso: c.population for iso in {t.country for _, t in sure_towns}
                                                   if country is not None and (c := country(iso)) is not None}},
    )
    if sure_towns or admin1 or states or others or final_context.counties or any(nations & ks for ks in listed.values()):
        final, below = choose(final_context)
        settle(final)
    else:
        final, below = first, first_below
    _outside_their_area(adjacent, final, below, extraction.sentences, lookup)
    _short_for_their_county(final, w)
    _beside_their_people(extraction, final, below, lookup)
    if near is not None:
        final.update(_fuzzy(extraction.unmatched, lookup, near, final_context))
    if country is not None and options.include_demonyms:
        for m, iso in extraction.demonym_mentions:
            c = country(iso)
            if c is not None:
                why = Finding("demonym", 0.0, f"the demonym {m.surface!r} names {c.name} (--include-demonyms)")
                final.setdefault(f"demonym:{m.key}", (Resolution(c, 1.0, 0.9, (why,)), []))[1].append(m)
    placed = {id(m) for _, ms in final.values() for m in ms}
    unplaced = {k: (r, [m for m in ms if id(m) not in placed]) for k, (r, ms) in below.items() if k not in final}
    unknown = tuple(m for m in extraction.unmatched if id(m) not in placed)
    return Resolved(_places(final), _places({k: v for k, v in unplaced.items() if v[1]}), unknown)


_IN_JOINS = frozenset({", in ", ", in the "})


def _outside_their_area(adjacent: list[Adjacent], chosen: Chosen, below: Chosen,
                        sentences: tuple[Sentence, ...], lookup) -> None:
    """ "Palma, in Cabo Delgado province": a town said to lie in an area the article places is not a
    namesake elsewhere (Palma de Mallorca, where the gazetteer lacks Mozambique's Palma); its mention goes
    to the review list instead of the map. So with a bare comma, where the area ends the phrase ("near Weldon,
    Sask., on Friday": no Weldon of Saskatchewan is known, and California's is not meant), but not in a list
    that goes on ("Delhi, Punjab and Haryana"). A town said to lie in or near a city the article places lies
    within a city's reach of it: the namesake there, if the gazetteer has one ("Lincoln near Christchurch"
    is New Zealand's), else the review list ("Shinagawa in Tokyo": GeoNames' Shinagawa is in Ehime)."""
    if not any(between in _IN_JOINS or between == ", " or between in _BY_A_CITY for _, _, between in adjacent):
        return  # (most articles: no mention index to build)
    at = {id(m): (key, r) for key, (r, ms) in chosen.items() for m in ms}
    listed_on = {id(first) for first, _, between in adjacent if between in LIST_JOINS}
    # mentions the text puts in an area ("Rome, Italy"): theirs is no sense another mention of the name settles
    put = {id(first) for first, second, between in adjacent if (between in _IN_JOINS or between in (", ", " in "))
           and id(second) in at and at[id(second)][1].candidate.category.area}
    for town_m, area_m, between in adjacent:
        if between in _BY_A_CITY and id(town_m) in at and id(area_m) in at and not area_m.area_noun \
                and at[id(area_m)][1].candidate.category.populated:
            _by_a_city(at[id(town_m)], at[id(area_m)][1].candidate, between, town_m, chosen, below, lookup, area_m)
            continue
        if id(town_m) not in at or id(area_m) not in at:
            continue
        # "Dublin in Laurens County", "Palma in Cabo Delgado province"; but "Vannes beat Grenoble in Brittany"
        # says where the match was
        in_an_area = between == " in " and _said_to_be_an_area(at[id(area_m)][1].candidate, area_m)
        if between not in _IN_JOINS and not in_an_area and (
                between != ", " or id(area_m) in listed_on or not _ends_its_phrase(area_m, sentences)):
            continue
        key, town = at[id(town_m)]
        area = at[id(area_m)][1].candidate
        c = town.candidate
        if area.category in (Kind.SEA, Kind.CONTINENT, Kind.REGION) or not area.category.area or c is area \
                or not c.category.populated:
            continue
        if _lies_in(c, area, county_km=math.inf) or not area.country:  # (a county's town may be far from its point)
            continue
        # one sense per article: the name's other mentions here are the town outside it too ("El Alto,
        # Bolivia", then "El Alto" again, is no Peruvian village), but for one the text puts elsewhere
        same = [m for m in chosen[key][1] if m.key == town_m.key and (m is town_m or id(m) not in put)] \
            if key in chosen else [town_m]
        there = [x for x in lookup(town_m.key) if x.category.populated and _lies_in(x, area)]
        if there:  # the namesake in that area, where the gazetteer has one
            _place_at(chosen, max(there, key=lambda x: (x.population, x.id)), same,
                      f"the text puts it in {area.name}", rule="in_its_area")
            continue
        _take_off(chosen, same)
        for m in same:
            _for_review(below, f"outside:{key}", town, m, Finding(
                "outside_its_area", 0.0, f"the text puts it in {area.name}, and this place is not there"))


def _short_for_their_county(chosen: Chosen, w: Weights) -> None:
    """ "Terrebonne" in a story of Terrebonne Parish, "Orange officials" in one of Orange County, Florida: the
    county, not a town of that name elsewhere (Quebec's Terrebonne, California's Orange). A town of the name
    in the county's state stays ("Jefferson" in Jefferson Parish; "ELKO, Nev." is the seat of Elko County,
    whose point lies 100 km off), and so does what a bare name means first, a capital or a city of a
    million ("officials in Washington" beside Washington County)."""
    counties: dict[str, Candidate] = {}
    for r, ms in chosen.values():
        if r.candidate.category is Kind.COUNTY:
            for m in ms:
                head, _, word = m.key.rpartition(" ")
                if head and word in COUNTY_NOUNS:
                    counties.setdefault(head, r.candidate)
    if not counties:
        return
    for r, ms in list(chosen.values()):
        c = r.candidate
        bare = [m for m in ms if m.key in counties]
        if not bare or not c.category.populated or c.category is Kind.CAPITAL or c.population >= w.world_city_population:
            continue
        county = counties[bare[0].key]
        if (c.country, c.admin1) != (county.country, county.admin1):
            _place_at(chosen, county, bare, f"short for {county.name}, which the article names", rule="its_county")


def _said_to_be_an_area(c: Candidate, m: Mention) -> bool:
    """A county (its name says so), or a state or province the text calls one."""
    return c.category is Kind.COUNTY or (is_subdivision(c) and bool(m.area_noun))


_COUNTY_REACH_KM = 60.0  # from a county's point to its farthest town, but for the West's largest counties


def _lies_in(c: Candidate, area: Candidate, county_km: float = _COUNTY_REACH_KM) -> bool:
    """Is the town in the area: its country (or a territory of it: "MARIEHAMN, Finland" is Åland's), its
    state, or a county's state within `county_km` of the county's point (the gazetteer knows no town's
    county)?"""
    if area.category is Kind.COUNTRY:
        return in_country(c, area.country)
    if c.country != area.country:
        return False
    if area.category is Kind.COUNTY:
        return c.admin1 == area.admin1 and km(c.lat, c.lon, area.lat, area.lon) <= county_km
    return not is_subdivision(area) or not area.admin1 or c.admin1 == area.admin1


# "Shinagawa in Tokyo", "Ebenezer, near Ipswich", "the Pilsen neighborhood of Chicago": how far from the city
# the town may lie (a part of it: no namesake more than 150 km off; nearer, GeoNames may hold a city's
# neighbourhood only as a village of that name elsewhere in its state)
_BY_A_CITY = {" in ": 75.0, ", in ": 75.0, " near ": 150.0, ", near ": 150.0, " neighborhood of ": 150.0,
              " neighbourhood of ": 150.0, " suburb of ": 150.0, " district of ": 150.0, " area of ": 150.0}


def _by_a_city(town_at: tuple[str, Resolution], city: Candidate, between: str, m: Mention, chosen: Chosen,
               below: Chosen, lookup, area_m: Mention | None = None) -> None:
    key, town = town_at
    c = town.candidate
    if not c.category.populated or c.id == city.id:
        return
    reach = _BY_A_CITY[between]
    said = between.strip(", ")
    said = said if said in ("in", "near") else f"in a {said}"  # "in a neighborhood of Chicago"
    d = km(c.lat, c.lon, city.lat, city.lon)
    if d > reach and said == "in" and area_m is not None:
        # "Salina Cruz, in Oaxaca": the state of the city's name that holds the town is the one meant
        holding = [x for x in lookup(area_m.key) if is_subdivision(x) and x.country == c.country and x.admin1
                   and x.admin1 == c.admin1]
        if holding:
            _place_at(chosen, holding[0], [area_m], f"the text puts {c.name} in it", rule="by_a_city")
            return
    if d > reach:
        there = [x for x in lookup(m.key) if x.category.populated and x.id != city.id
                 and km(x.lat, x.lon, city.lat, city.lon) <= reach]
        if there:
            _place_at(chosen, max(there, key=lambda x: (x.population, x.id)), [m],
                      f"the text puts it {said} {city.name}", rule="by_a_city")
            return
        _take_off(chosen, [m])
        _for_review(below, f"outside:{key}", town, m, Finding(
            "outside_its_area", 0.0, f"the text puts it {said} {city.name}, and this place is "
                                     f"{d:,.0f} km from it"))


_PHRASE_END = re.compile(r"\.?(?:[,;:)]|\.?$|\.\s|\s*[\u2014\u2013]|\s+--?\s)(?!\s*(?:and|or)\b)")


def _ends_its_phrase(m: Mention, sentences: tuple[Sentence, ...]) -> bool:
    """Does punctuation close the phrase after `m` ("Weldon, Sask., killed"), not a list's "and"?"""
    s = sentences[m.sentence]
    return _PHRASE_END.match(s.text, m.end - s.start) is not None


def _for_review(below: Chosen, key: str, res: Resolution, m: Mention, why: Finding) -> None:
    """List a mention taken off the map on the review page, with the reason."""
    below.setdefault(key, (Resolution(res.candidate, res.score, 0.0, (*res.findings, why), res.runner_up), []))[1] \
        .append(m)


def _beside_their_people(extraction: Extraction, chosen: Chosen, below: Chosen, lookup) -> None:
    """ "Swedish Lapland", "Pakistani Kashmir": a people's name right before a place's says whose part of it
    is meant. The namesake in that country where the gazetteer has one; else the name goes to review
    rather than to Finland's Lapland."""
    if not extraction.demonym_mentions:
        return
    at = {(m.sentence, m.start): (key, r, m) for key, (r, ms) in chosen.items() for m in ms}
    for dm, iso in extraction.demonym_mentions:
        s = extraction.sentences[dm.sentence]
        if s.text[dm.end - s.start:dm.end - s.start + 1] != " " or (dm.sentence, dm.end + 1) not in at:
            continue
        key, placed, m = at[(dm.sentence, dm.end + 1)]
        c = placed.candidate
        if not c.country or c.country == iso or c.category is Kind.COUNTRY:
            continue
        theirs = [x for x in lookup(m.key) if x.country == iso and x.category is not Kind.COUNTRY]
        if theirs:
            _place_at(chosen, max(theirs, key=lambda x: (x.population, x.id)), [m],
                      f"named as {dm.surface}, so the one in {iso}", "their_people")
        else:
            _take_off(chosen, [m])
            _for_review(below, f"people:{key}", placed, m,
                        Finding("their_people", 0.0, f"named as {dm.surface}, and this place is not in {iso}"))


def _own_states(named_in: set[tuple[str, tuple[str, str]]], counties: set[str], given: frozenset) -> dict[str, frozenset]:
    """Each county's states that no other name (nor the newsroom's home) vouches for: a county placed
    in a state is no evidence for itself that the story is in that state; the state named outright, or
    another area placed in it, is. (Counties lose their own state, and so do provinces of a million,
    whose bare name is the province's, "in Quebec"; a smaller state does vouch for its namesake city.)"""
    by_state: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, state in named_in:
        by_state[state].add(key)
    own: dict[str, set] = defaultdict(set)
    for state, keys in by_state.items():
        if len(keys) == 1 and state not in given and (key := next(iter(keys))) in counties:
            own[key].add(state)
    return {k: frozenset(v) for k, v in own.items()}


# flags of words English uses as words or given names: left off the map without a review row
_WORDS_NOT_NAMES = frozenset({Flag.COMMON, Flag.WORD, Flag.OPENING, Flag.GIVEN_NAME, Flag.ACRONYM, Flag.SHORT,
                              Flag.CAPS})


def _worth_a_look(c: Candidate, ms: list[Mention], w: Weights) -> bool:
    """Would an editor want to see that this name was left off? A town of 5,000 or a country, state or
    region that the words around every mention ruled out ("Boston" in a list with a far bigger namesake's
    peers, "Galway" after a title), unless the name reads as an English word or a given name."""
    if c.category.populated:
        big = c.population >= w.small_town
    else:
        big = kind_bonus(c, w) > 0 or c.population >= w.prominent_population
    return big and not any(m.flags & _WORDS_NOT_NAMES for m in ms)


def _ruled_out(best: Resolution, ms: list[Mention]) -> Resolution:
    flags = sorted({f.value for m in ms for f in m.flags})
    why = Finding("ruled_out", 0.0, "its score would place it, but the words around the name rule this place out"
                  + (f" ({', '.join(flags)})" if flags else ""))
    return Resolution(best.candidate, best.score, 0.0, (*best.findings, why), best.runner_up)


def _with_runner_up(best: Resolution, ranked: list[Resolution]) -> Resolution:
    if len(ranked) < 2:
        return best
    return Resolution(best.candidate, best.score, best.confidence, best.findings, ranked[1].candidate)


def _places(chosen: Chosen) -> tuple[Place, ...]:
    merged: dict[str, tuple[Resolution, list[Mention]]] = {}
    for key in sorted(chosen):
        res, kept = chosen[key]
        if res.candidate.id in merged:
            prev, prev_kept = merged[res.candidate.id]
            merged[res.candidate.id] = (max(prev, res, key=lambda r: r.confidence), prev_kept + kept)
        else:
            merged[res.candidate.id] = (res, kept)
    return tuple(
        Place(r.candidate, tuple(sorted(ms, key=lambda m: m.start)), r.confidence, r.evidence, r.runner_up)
        for _, (r, ms) in sorted(merged.items())
    )


def _corrections(extraction: Extraction, corrections: dict[str, Correction], get) -> dict:
    """The names an editor decided: key -> (resolution, mentions), or "none:key" -> (None, mentions)."""
    out: dict = {}
    if not corrections:
        return out
    for m in extraction.mentions:
        c = corrections.get(m.key)
        if c is None:
            continue
        if c.not_a_place:
            out.setdefault(f"none:{m.key}", (None, []))[1].append(m)
            continue
        entry = get(c.place) if (c.place and get is not None) else None
        if entry is None:
            if c.lat is None or c.lon is None:
                continue  # an unknown id: the build reports it (see analysis.check_corrections)
            entry = Candidate(c.entry_id, c.name, c.kind, "", c.lat, c.lon)
        elif c.lat is not None:
            entry = replace(entry, lat=c.lat, lon=c.lon)
        why = Finding("correction", 0.0, f"set by the newsroom's corrections ({c.where})")
        out.setdefault(m.key, (Resolution(entry, 1.0, 1.0, (why,)), []))[1].append(m)
    return out


def _geography(extraction: Extraction, by_key, lookup, neighbours, options: Options, pairs: list, country=None
               ) -> Context:
    """Pass 1: the countries the article names outright, their peoples, its big states, its dateline
    and the newsroom's home set its geography. Each name's own evidence is kept apart, as a name is
    no evidence for itself."""
    w = options.weights
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for m in extraction.demonym_mentions:
        votes[f"demonym:{m[0].key}"][m[1]] += w.demonym_evidence
    dateline, dateline_key, wire = None, "", False
    for ms in by_key.values():
        key = ms[0].key
        cands = lookup(key)
        countries = [c for c in cands if c.category is Kind.COUNTRY]
        if any(Flag.DATELINE in m.flags for m in ms):
            paired = {id(p[0]): p[1] for p in pairs}  # "NORFOLK, Neb. --": the town in that state
            city = next((paired[id(m)] for m in ms if id(m) in paired and Flag.DATELINE in m.flags), None) or \
                _dateline_city(ms, cands, by_key, lookup, w)
            if city is not None and dateline is None:
                dateline, dateline_key = (city.lat, city.lon, city.country), key
                wire = any(Flag.WIRE in m.flags and id(m) not in paired for m in ms)
                votes[key][city.country] += 1
        if countries and any(usable(m, countries[0]) for m in ms):
            votes[key][countries[0].country] += len(ms)
        elif cands and cands[0].category.area and cands[0].country and cands[0].matched != "other" \
                and cands[0].population >= 10 * w.prominent_population and any(usable(m, cands[0]) for m in ms):
            votes[key][cands[0].country] += w.big_state_evidence * len(ms)  # "Texas" says the article is about the US
    for key, iso in (_clustered(by_key, lookup, w) if not votes else {}).items():  # (a story naming no country)
        nation = country(iso) if country is not None else None
        if nation is not None and nation.population < w.small_country_population:
            votes[key][iso] += w.cluster_evidence
    home_country, _, home_admin1 = options.home.upper().partition("-")
    if home_country:
        votes["home:"][home_country] += w.home * max(1.0, sum(sum(v.values()) for v in votes.values()))
    votes_dict = {k: dict(v) for k, v in votes.items() if v}
    all_shares = shares(votes_dict)
    context = Context(all_shares, weights=w, dateline=dateline, dateline_key=dateline_key, wire_dateline=wire,
                      votes=votes_dict,
                      admin1=frozenset({(home_country, home_admin1)}) if home_admin1 else frozenset())
    if neighbours is not None:
        bordering = {iso: frozenset(neighbours(iso)) for iso in all_shares}
        context = replace(context, bordering=bordering, neighbours=neighbours_of(all_shares, bordering, w))
    return context


def _dateline_city(ms: list[Mention], cands, by_key, lookup, w: Weights) -> Candidate | None:
    """The city a bare dateline names: the biggest of its name, unless the story's other names that only
    one country has lie around another town of the name (see `_lain_around`: "HAMILTON —" over a story
    of Te Awamutu and the Waipa District is New Zealand's Hamilton, not Ontario's; "DUBLIN —" over a tour
    of American cities stays Ireland's)."""
    cities = [c for c in cands if c.category.populated and any(usable(m, c) for m in ms if Flag.DATELINE in m.flags)]
    if len({c.country for c in cities}) > 1:
        return _lain_around(cities, ms[0].key, by_key, lookup, w)
    return cities[0] if cities else None


def _lain_around(towns: list[Candidate], key: str, by_key, lookup, w: Weights) -> Candidate:
    """Of the namesakes `towns` (the likeliest first) of the name `key`, the one at least a tenth the first's
    size that two or more of the story's other names that only one country has lie within `local_km` of,
    more than of the first; else the first."""
    # namesakes of a size with the first only: a village of the name beside the story's towns is no rival to
    # its city ("DALIAN, China" over Yingkou and Shenyang is the port, not a village near them)
    rivals = [c for c in towns[1:] if 10 * c.population >= towns[0].population]
    if not rivals:
        return towns[0]
    around = []
    for others in by_key.values():
        found = lookup(others[0].key) if others[0].key != key else ()
        if found and len({c.country for c in found}) == 1 and any(usable(m, found[0]) for m in others):
            around.append(found[0])  # (its own: "Madison" has towns all over the country)

    def near(town: Candidate) -> int:
        return sum(1 for c in around if km(town.lat, town.lon, c.lat, c.lon) <= w.local_km)

    best = max(rivals, key=lambda c: (near(c), c.population))
    if near(best) >= 2 and near(best) > near(towns[0]):
        return best
    return towns[0]


def _clustered(by_key, lookup, w: Weights) -> dict[str, str]:
    """A local story's places lie together, and where the story never names its country they say it: a
    town name whose towns in one country only lie near towns two other names of the article may mean
    ("Dingle" beside "Kenmare" and "Listowel": Ireland's, not Liverpool's) is evidence for that country.
    Names that may also mean a country, state or region take no part ("Lebanon, Jordan and Syria")."""
    points: list[tuple[str, str, float, float]] = []
    for ms in by_key.values():
        cands = lookup(ms[0].key)
        if cands and all(local_scale(c) for c in cands):
            points.extend((ms[0].key, c.country, c.lat, c.lon) for c in cands[:w.others_per_name])
    if len({p[0] for p in points}) < 3:
        return {}
    step = w.local_km / 111.0  # degrees of latitude
    grid: dict[tuple[int, int], list[tuple[str, str, float, float]]] = defaultdict(list)
    for p in points:
        grid[(math.floor(p[2] / step), math.floor(p[3] / step))].append(p)
    near: dict[str, set[str]] = defaultdict(set)  # key -> countries where it has a town near two other names'
    for key, iso, lat, lon in points:
        row, col = math.floor(lat / step), math.floor(lon / step)
        wide = math.ceil(1 / max(0.2, math.cos(math.radians(lat))))
        others = {k for y in (row - 1, row, row + 1) for x in range(col - wide, col + wide + 1)
                  for k, i, la, lo in grid.get((y, x), ()) if k != key and i == iso and km(lat, lon, la, lo) <= w.local_km}
        if len(others) >= 2:
            near[key].add(iso)
    return {key: next(iter(isos)) for key, isos in near.items() if len(isos) == 1}


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
    """Name keys listed together in the text ("Georgia and Arizona"), each to the others: every item of one
    list ("plays Denver, Austin, Atlanta and Chicago": Denver is listed with Chicago too)."""
    lists: list[list[str]] = []
    last: Mention | None = None
    for a, b, between in adjacent:
        if between not in LIST_JOINS:
            continue
        if last is not a:
            lists.append([a.key])
        lists[-1].append(b.key)
        last = b
    out: dict[str, set[str]] = defaultdict(set)
    for keys in lists:
        for k in keys:
            out[k].update(keys)
    for k, v in out.items():
        v.discard(k)
    return {k: frozenset(v) for k, v in out.items() if v}


Pair = tuple[Mention, Candidate, Mention, Candidate]


_POSSESSIVE_JOINS = frozenset(ending + " " for ending in POSSESSIVE_ENDINGS)
# "Southport, northwest England", "Tikrit, in northern Iraq": the town's state or country, and where in it
_COMPASS_BETWEEN = re.compile(r", (?:in )?(?:(?:north|south)-?(?:east|west)?(?:ern)?|(?:east|west)(?:ern)?|central) ")


def _town_state_pairs(adjacent: list[Adjacent], lookup, w: Weights, sentences: tuple[Sentence, ...],
                      by_key) -> list[Pair]:
    """ "Athens, Georgia", "Yakima, Wash.": a name right after a town's name and a comma is that town's
    state or province whenever the gazetteer has a town of the first name in a state of the second,
    whatever either name means elsewhere; so is a state's name with "'s" before a town's ("Ohio's
    Marietta"). Where no such state holds a town of that name, a country may ("Naples, Italy"). The
    biggest such town is the one meant; of a country's, the one the story's other places lie around
    where they do (`_lain_around`: "SÃO SEBASTIÃO, Brazil", over Ubatuba and Caraguatatuba, is the
    coast's)."""
    out = []
    listed_on = {id(first) for first, _, between in adjacent if between in LIST_JOINS}  # a list goes on after it
    for first, second, between in adjacent:
        if between == ", " or _COMPASS_BETWEEN.fullmatch(between):
            town_m, state_m = first, second
        elif between in _POSSESSIVE_JOINS:
            town_m, state_m = second, first
        else:
            continue
        if town_m.flags & BLOCKING or state_m.flags & (BLOCKING - {Flag.GENERIC}):
            continue
        holders = lookup(state_m.key)
        named = lookup(town_m.key)
        places = [c for c in named if c.category.populated and c.matched in ("name", "alternate")]
        states = {(c.country, c.admin1): c for c in holders if is_subdivision(c)
                  and (c.matched != "abbreviation" or Flag.DOTTED in state_m.flags)}
        towns = [c for c in places if (c.country, c.admin1) in states]
        if towns:
            town = _by_its_own_name(towns)
            state = states[(town.country, town.admin1)]
            if id(state_m) in listed_on and any(is_subdivision(c) and c.country == town.country and c.id != state.id
                                                and c.population > town.population for c in named):
                continue  # "Nuevo Leon, Coahuila, Queretaro": a list of states, not a Coahuila village and its state
            out.append((town_m, town, state_m, state))
            continue
        # "Naples, Italy", "Italy's Naples": the country's own town, as datelines abroad name them; not
        # "Turkey's Van province", "Tavush, Armenia's ministry said" (the country heads what follows), nor
        # "Venezuela, Cuba and Norway" (a country is no town; a country's foreign name is: "Alba, Italy")
        s = sentences[state_m.sentence]
        if town_m.area_noun or (Flag.DATELINE not in town_m.flags  # "LIBERIA, Costa Rica —" is a town
                                and any(c.category is Kind.COUNTRY and c.matched != "other" for c in named)) or (
                between == ", " and s.text[state_m.end - s.start:state_m.end - s.start + 2] in POSSESSIVE_ENDINGS):
            continue
        nations = {c.country: c for c in holders if c.category is Kind.COUNTRY and c.matched in ("name", "alternate")}
        nations.update({t: nations[iso] for t, iso in SOVEREIGN.items() if iso in nations})  # "Torshavn, Denmark"
        # (a town GeoNames knows by this name only among its other names, where the text names its country:
        # "Santa Cruz, Bolivia" is Santa Cruz de la Sierra)
        towns = [c for c in places if c.country in nations] or [
            c for c in named if c.category.populated and c.matched == "other" and c.country in nations]
        if towns:
            own = _by_its_own_name(towns)
            town = _lain_around([own, *sorted((c for c in towns if c is not own),
                                              key=lambda c: (c.population, c.id), reverse=True)],
                                town_m.key, by_key, lookup, w)
            # "Kocaeli, Turkey": a province of 900,000 there, not its village of 600 ("Naples, Italy" stays the city)
            areas = [c for c in named if is_subdivision(c) and c.country == town.country
                     and c.matched in ("name", "alternate") and c.population >= w.seat_ratio * max(town.population, 1)]
            out.append((town_m, max(areas, key=lambda c: (c.population, c.id)) if areas else town, state_m,
                        nations[town.country]))
    return out


def _by_its_own_name(towns: list[Candidate]) -> Candidate:
    """The biggest of a state's towns of a name, but a town whose own name it is over a bigger one that
    GeoNames gives it only as another spelling, unless that one is ten times bigger ("Caramoan, Camarines
    Sur" is Caramoan, not Caramoran, whose alternate spelling it is; "Kiev, Ukraine" is still Kyiv)."""
    biggest = max(towns, key=lambda c: (c.population, c.id))
    own = [c for c in towns if c.matched == "name" and 10 * c.population >= biggest.population]
    return biggest if biggest.matched == "name" or not own else max(own, key=lambda c: (c.population, c.id))


def _apply_pairs(pairs: list[Pair], chosen: Chosen) -> None:
    """Place both names of each town-state pair; the town's other bare mentions in the article
    follow it (one sense per article: after "Norfolk, Neb." a later "Norfolk" is the same town). A
    name written with its own state keeps that state's town, and where two pairs name two towns of
    one name ("Paris, Texas" and "Paris, Tenn."), a bare mention follows the last pair before it."""
    paired = {id(town_m) for town_m, _, _, _ in pairs}
    for town_m, town, state_m, state in pairs:
        what = "country" if state.category is Kind.COUNTRY else "state or province"
        _place_at(chosen, town, [town_m], f"named with {state.name}, its {what}")
        _place_at(chosen, state, [state_m], f"named with {town.name}, and {state.name} is its {what}")
        if state.category is Kind.COUNTRY:  # a country named outright is the country all through the article
            _place_at(chosen, state, [m for _, kept in chosen.values() for m in kept if m.key == state_m.key
                                      and not m.area_noun], f"{state.name}, named with {town.name} in the article")
    for town_m, town, _, _ in pairs:
        same = [m for _, kept in chosen.values() for m in kept if m.key == town_m.key and not m.area_noun
                and id(m) not in paired and _pair_before(pairs, m) is town_m]
        _place_at(chosen, town, same, f"{town.name} with its state, earlier in the article")


def _pair_before(pairs: list[Pair], m: Mention) -> Mention:
    """The town mention of the pair that a bare mention m of its name follows: the last one before m,
    else the first."""
    own = sorted((p[0] for p in pairs if p[0].key == m.key), key=lambda x: x.start)
    return next((x for x in reversed(own) if x.start < m.start), own[0])


def _take_off(chosen: Chosen, mentions: list[Mention], but: str = "") -> None:
    """Take these mentions off wherever they were placed (but at `but`); a place keeps its other mentions."""
    ids = {id(m) for m in mentions}
    for key, (_, kept) in list(chosen.items()):
        if key != but and any(id(x) in ids for x in kept):
            kept[:] = [x for x in kept if id(x) not in ids]
            if not kept:
                del chosen[key]


def _place_at(chosen: Chosen, c: Candidate, mentions: list[Mention], why: str, rule: str = "town_state_pair") -> None:
    """Take these mentions from wherever they were placed and place them at `c`."""
    _take_off(chosen, mentions, f"at:{c.id}")
    if mentions:
        entry = chosen.setdefault(f"at:{c.id}", (Resolution(c, 1.0, 0.95, (Finding(rule, 0.0, why),)), []))
        entry[1].extend(m for m in mentions if all(m is not x for x in entry[1]))


def _fuzzy(unmatched, lookup, near, context: Context) -> Chosen:
    """Near-miss spellings ("Fizuly" for Fizuli), only among the places of the article's own countries,
    and held to a higher score than exact names: a spelling guess must not invent a place. Where the
    article places towns or names states in that country, only within a few hundred km of them or in those
    states: "Okhla, in south Delhi" is no misspelt Okha, 1,000 km away in Gujarat."""
    w = context.weights
    countries = tuple(sorted(iso for iso in context.countries if context.about(iso)))
    if not countries:
        return {}
    placed_in = context.anchor_countries | {iso for iso, _ in context.admin1}
    out: Chosen = {}
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in unmatched:
        by_key[m.key].append(m)
    for key, ms in sorted(by_key.items()):
        cands = [c for k in near(key, countries) for c in lookup(k)
                 if c.country in countries and c.category not in (Kind.COUNTRY, Kind.CONTINENT)
                 and (c.category.area or c.population >= w.fuzzy_min_population)
                 and (c.country not in placed_in or context.names_state(c)
                      or context.near_a_town(c, w.fuzzy_near_km))]
        if not cands:
            continue
        best = rank(cands, context)[0]
        if best.score < w.threshold + w.fuzzy_margin:
            continue
        spelled = Finding("fuzzy", 0.0, f"no exact name; spelled like {best.candidate.name!r} in {best.candidate.country}")
        res = Resolution(best.candidate, best.score, round(best.confidence * w.fuzzy_confidence, 3),
                         best.findings + (spelled,))
        out[f"fuzzy:{key}"] = (res, ms)
    return out
