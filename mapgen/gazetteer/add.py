"""Opt-in online look-up of a name the local gazetteer lacks, written into the curated file.

The only network access in mapgen, and never during a build: the answer is
stored with its source, so every later build is offline and reproducible.
"""
from __future__ import annotations

import re
from pathlib import Path

from mapgen.errors import GeocodeError
from mapgen.gazetteer import curated
from mapgen.gazetteer.entries import Entry
from mapgen.names import name_key

USER_AGENT = "mapgen-gazetteer-add"


def add_from_geocoder(
    name: str, service: str = "nominatim", *, domain: str = "nominatim.openstreetmap.org",
    scheme: str = "https", curated_file: Path | None = None, timeout: float = 10.0,
) -> tuple[Entry, Path]:
    if service != "nominatim":
        raise GeocodeError(f"unknown geocoder {service!r} (known: nominatim)")
    from geopy.exc import GeopyError
    from geopy.geocoders import Nominatim

    geocoder = Nominatim(user_agent=USER_AGENT, domain=domain, scheme=scheme, timeout=timeout)
    try:
        found = geocoder.geocode(name, exactly_one=True, addressdetails=True, language="en")
    except GeopyError as e:
        raise GeocodeError(f"{name}: geocoder at {domain} failed ({e})") from e
    if found is None:
        raise GeocodeError(f"{name}: the geocoder at {domain} knows no such place")
    raw = found.raw or {}
    address = raw.get("address") or {}
    osm = f"{raw.get('osm_type', 'place')}-{raw.get('osm_id', '')}".strip("-")
    key = re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-") or "place"
    entry = Entry(
        id=f"nominatim:{osm}" if raw.get("osm_id") else f"mapgen:{key}",
        name=name.strip(),
        kind=str(raw.get("addresstype") or raw.get("type") or "place"),
        country=str(address.get("country_code", "")).upper(),
        lat=float(found.latitude),
        lon=float(found.longitude),
    )
    path = Path(curated_file) if curated_file else curated.default_path()
    existing = {r["id"] for r in curated.rows(path)}
    if entry.id in existing:
        raise GeocodeError(f"{name}: {entry.id} is already in {path}")
    curated.append(path, entry, source=f"Nominatim ({domain}): {found.address}")
    return entry, path
