"""Every number the resolver weighs evidence with, declared once, each with its reason.

The rules (`rules.py`) read these by name; nothing numeric lives in a rule's
body. `mapgen resolve --weights FILE` and `benchmarks/fit_weights.py` load
another table from TOML (`[weights]` keys named like the fields below), so a
sweep can try values without touching code. The defaults were chosen by the
procedure in `benchmarks/fit_weights.py` (see the README: figures on the dev
sets are in-sample).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from mapgen.errors import InputError


def w(default: float, why: str):
    return field(default=default, metadata={"why": why})


@dataclass(frozen=True, slots=True)
class Weights:
    # what is placed at all
    threshold: float = w(0.6, "score a candidate needs to be placed: below it the name is left off the map")
    anchor_confidence: float = w(0.8, "confidence a first-pass town needs to vouch for places near it")
    # population and kind
    population_scale: float = w(7.0, "log10 of the population that earns the full population point (10 million)")
    own_name: float = w(0.3, "the entry's own name, not an alternate: 'Paris' means Paris before a Paris-like spelling")
    alternate: float = w(0.1, "a spelling of the entry's own name ('Shushi' for Shusha), not another name for it")
    country: float = w(1.0, "a bare country name is the country")
    continent: float = w(0.9, "a bare continent name is the continent")
    world_region: float = w(0.7, "curated regions ('Middle East', 'Donbas') are what a bare region name means")
    sea: float = w(0.7, "a sea's name ('Red Sea') is the sea")
    landmark: float = w(0.7, "'White House', 'Kremlin': the building news copy names")
    capital: float = w(0.3, "a capital outranks same-named towns of similar size")
    # what the article says about where it is
    country_named_base: float = w(0.6, "the article names the place's country (or its people)")
    country_named_share: float = w(0.4, "more, the larger that country's share of the article's countries")
    min_context_share: float = w(0.1, "share of country evidence that makes the article 'about' a country")
    neighbour: float = w(0.3, "the article names a country next door: across a border, not across the world")
    sibling_state: float = w(0.4, "listed with another state of the same country ('Georgia and Arizona')")
    sibling_country: float = w(0.4, "listed with a country ('Georgia and Armenia', 'Lebanon and Jordan')")
    sibling_city: float = w(0.4, "listed with cities of a million of the same country ('Boston, Chicago and Toronto')")
    state_named: float = w(0.5, "the article names the town's state or province ('Springfield, Illinois')")
    holds_named_town: float = w(0.6, "a subdivision in which a town the article names lies ('Macon ... Georgia')")
    distance: float = w(0.4, "bonus at distance 0 from the other places named, decaying with distance")
    distance_km: float = w(300.0, "distance in km over which that bonus falls to 1/e")
    cluster: float = w(0.3, "a town near what two other names of the article may mean: local stories cluster")
    others_per_name: int = w(12, "how many of each other name's biggest towns the cluster rule looks at")
    dateline: float = w(0.5, "the dateline's city ('ATLANTA \u2014') and its country are the story's home")
    dateline_km: float = w(400.0, "distance in km from the dateline's city over which its pull falls to 1/e")
    area_word: float = w(0.8, "'the Kalbajar district', 'Clarke County': a name followed by an area noun is the area")
    area_word_against_town: float = w(0.5, "... and not the town of that name")
    home: float = w(0.3, "the newsroom's home (mapgen.toml `home`): weak prior context for every article")
    # why a candidate is the less likely meaning of its name (penalties)
    seat_town: float = w(0.5, "a subdivision named after its main town: the bare name means the town")
    bare_county: float = w(0.5, "a county's bare name ('Norfolk') abroad: the town of that name is likelier")
    own_country_name: float = w(0.5, "a subdivision named like its own country ('Mexico' state): the name means the country")
    sea_name: float = w(1.0, "a subdivision named like a sea ('Red Sea' state): the name means the sea")
    state_namesake: float = w(0.6, "a town named like another state of its country ('Maine', Oregon): the name means the state")
    country_city_alternate: float = w(0.5, "another name of a city that is also a country's name ('Kuwait', 'Benin')")
    own_country_town: float = w(2.7, "a town named like its own country (a village 'Colombia' in Colombia): all the"
                                     " local evidence it can earn (country 1.0, state 0.5, distance 0.4, cluster 0.3,"
                                     " dateline 0.5) speaks as much for the country, so it is taken back (arithmetic)")
    own_state_town: float = w(1.7, "a town named like the big state it lies in ('Oklahoma' for Oklahoma City): the local"
                                   " evidence only a town earns (state named 0.5, distance 0.4, cluster 0.3, dateline"
                                   " 0.5) speaks as much for the state, so it is taken back (arithmetic)")
    dateline_namesake: float = w(2.8, "a town dateline_ratio times smaller than a namesake of 100,000, named by a wire"
                                      " dateline without its state: all a town can earn (population under 0.9, own"
                                      " name 0.3, country 1.0, state 0.5, distance 0.4, cluster 0.3) beyond the"
                                      " threshold (0.6) is taken back (arithmetic)")
    small_namesake: float = w(0.6, "a town 30 times smaller than a famous one of the same name, its state not named")
    unlike_its_list: float = w(2.0, "a town under 100,000 listed with big cities of other countries ('Boston,"
                                    " Chicago and Toronto') while a city has its name: what the evidence of the"
                                    " story's own country can earn it (country 1.0, state 0.5, distance 0.4, cluster"
                                    " 0.3: 2.2), less a population gap (0.2), is taken back (arithmetic)")
    world_city_village: float = w(1.25, "a village under small_town named like a capital or a city of a million,"
                                        " its state not named and no place near it: what its country named earns it"
                                        " (1.0), with the dateline's pull, less the population gap, is taken back"
                                        " (arithmetic, as for world_area_namesake)")
    world_city_namesake: float = w(0.6, "a namesake of a capital or city of a million, with no local evidence")
    world_area_namesake: float = w(1.25, "a town under 100,000 named like a sea or world region, with no local"
                                         " evidence: what it can earn over the area (country 1.0, population under"
                                         " 0.72, own name 0.3, less the area's kind 0.7 and spelling 0.1: 1.21) is"
                                         " taken back (arithmetic)")
    country_namesake: float = w(1.25, "a town under 100,000 named like a country, no place near it named: what it"
                                      " can earn over the country beyond local_km (population under 0.72, own name"
                                      " 0.3, country 1.0, state 0.5, distance 0.24, dateline 0.34, cluster 0.3: 3.4,"
                                      " less the country's 2.3: 1.1) is taken back (arithmetic)")
    small_foreign_town: float = w(0.35, "a village in a country the article does not name")
    far_foreign_town: float = w(0.5, "a town far from all else named, in a country not named: a town below a city's"
                                     " size must not clear the threshold on its population and own name alone")
    far_village: float = w(1.25, "a village under small_town far from all else named, in a state not named of a"
                                 " country whose states are: what it can earn (population under 0.53, own name 0.3,"
                                 " country 1.0) beyond the threshold (0.6), 1.23, is taken back (arithmetic)")
    # sizes and distances
    prominent_population: int = w(100_000, "a city this big may be what a common word or an organisation's name means")
    small_town: int = w(5_000, "below this a town in an unnamed country is a wild guess")
    seat_ratio: float = w(30.0, "a town this many times smaller than the area named like it is not the seat whose name"
                                " the area yields (Junín, 15,000 people, in a Peruvian region of 900,000)")
    seat_rule_population: int = w(1_000_000, "a subdivision this big keeps its name against its seat town, unless a city of a million")
    other_name_population: int = w(1_000_000, "'Bombay' needs no context; 'Stepanakert' needs its country named")
    other_name_town: int = w(10_000, "with only its country named, an other name counts for a town this big")
    small_country_population: int = w(30_000_000, "naming a country this small singles out its villages' spellings")
    world_city_population: int = w(1_000_000, "London, Paris: a namesake needs local evidence")
    dateline_ratio: float = w(10.0, "how many times bigger a city must be to be the one a wire dateline names bare")
    famous_ratio: float = w(30.0, "how many times bigger a famous namesake must be to overshadow a town")
    local_km: float = w(150.0, "within this distance another place named counts as local evidence")
    fuzzy_near_km: float = w(400.0, "a near-miss spelling's place lies this close to the towns the article places"
                                    " in its country (a region's breadth: Fizuli is 290 km from Baku)")
    far_km: float = w(1000.0, "beyond this a town is far from the story")
    # country evidence in the first pass
    demonym_evidence: float = w(0.5, "a people's name ('Azerbaijani') counts half a country name")
    big_state_evidence: float = w(0.5, "a state of a million ('Texas') counts half a name of its country")
    cluster_evidence: float = w(0.5, "a town name whose towns in one country only lie near two other names' counts"
                                     " half a name of that country")
    # confidence
    confidence_slope: float = w(6.0, "steepness of confidence around the threshold")
    margin_slope: float = w(8.0, "steepness of confidence in the margin over the runner-up")
    # near-miss spellings
    fuzzy_min_population: int = w(5_000, "a spelling guess only among towns of this size (and areas)")
    fuzzy_margin: float = w(0.3, "a spelling guess must clear the threshold by this much")
    fuzzy_confidence: float = w(0.8, "confidence is scaled by this for a spelling guess")

    @classmethod
    def load(cls, path: Path) -> Weights:
        """A table from TOML: a `[weights]` table (or top-level keys) named like the fields."""
        import tomllib

        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise InputError(f"{path}: cannot read the weights table ({e})") from e
        return cls.from_mapping(data.get("weights", data), str(path))

    @classmethod
    def from_mapping(cls, values: dict, where: str = "weights") -> Weights:
        known = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise InputError(f"{where}: unknown weight {', '.join(unknown)}")
        typed = {}
        for k, v in values.items():
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                raise InputError(f"{where}: weight {k} must be a number, not {v!r}")
            typed[k] = type(known[k].default)(v)
        return dataclasses.replace(cls(), **typed)

    def why(self, name: str) -> str:
        return next(f.metadata["why"] for f in dataclasses.fields(self) if f.name == name)


DEFAULT = Weights()
