"""Exports: the open data of a build, aggregated from per-article analyses.

Places and events become one GeoDataFrame each, written as GeoJSON and CSV
(GeoPackage on request) in a fixed order, so two builds of the same articles
are byte-identical and a newsroom can diff them.
"""
from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from mapgen.escaping import csv_cell
from mapgen.model import Analysis, Candidate, Event, Source

PLACE_FIELDS = ["id", "name", "kind", "country", "population", "names_in_text", "sources", "mentions", "confidence"]
EVENT_FIELDS = ["id", "place_id", "source_id", "date", "date_end", "precision", "text", "start", "end",
                "when", "when_start", "when_end"]


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A place across the whole build: every article and spelling that named it."""

    candidate: Candidate
    names_in_text: tuple[str, ...]
    sources: tuple[str, ...]
    mentions: int
    confidence: float
    label: str = ""  # what the map calls it: the articles' own spelling ("Kupiansk", not GeoNames' "Kupyansk")

    @property
    def id(self) -> str:
        return self.candidate.id


@dataclass(frozen=True, slots=True)
class Collection:
    """What the exports and maps are made from."""

    sources: tuple[Source, ...]
    places: tuple[PlaceRow, ...]
    events: tuple[Event, ...]


def source_of(a: Analysis) -> Source:
    d = a.document
    return Source(d.id, d.path, d.title, d.date.isoformat() if d.date else None, d.sha256)


def label_of(name: str, spelled: Counter) -> str:
    """The gazetteer's name where the articles use it, else their most used spelling (written in
    capitals only in datelines, so mixed case first)."""
    if not spelled or name in spelled:
        return name
    return min(spelled, key=lambda s: (s.isupper(), -spelled[s], s))


def collect(analyses: list[Analysis]) -> Collection:
    analyses = sorted(analyses, key=lambda a: (a.document.id, a.document.path))
    cands: dict[str, Candidate] = {}
    names: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, Counter] = defaultdict(Counter)
    sources: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    conf: dict[str, float] = defaultdict(float)
    events: list[Event] = []
    for a in analyses:
        for p in a.places:
            cands[p.id] = p.candidate
            names[p.id].update(m.surface for m in p.mentions)
            spelled[p.id].update(m.surface for m in p.mentions)
            sources[p.id].add(a.document.id)
            counts[p.id] += len(p.mentions)
            conf[p.id] = max(conf[p.id], p.confidence)
        events.extend(a.events)
    places = tuple(
        PlaceRow(cands[pid], tuple(sorted(names[pid])), tuple(sorted(sources[pid])), counts[pid], round(conf[pid], 3),
                 label_of(cands[pid].name, spelled[pid]))
        for pid in sorted(cands)
    )
    events.sort(key=lambda e: (e.source_id, e.start, e.place_id, e.date, e.id))
    return Collection(tuple(source_of(a) for a in analyses), places, tuple(events))


def _place_records(c: Collection) -> list[dict]:
    return [{
        "id": p.id, "name": p.candidate.name, "kind": p.candidate.kind, "country": p.candidate.country or None,
        "population": int(p.candidate.population), "names_in_text": list(p.names_in_text),
        "sources": list(p.sources), "mentions": int(p.mentions), "confidence": float(p.confidence),
    } for p in c.places]


def _event_records(c: Collection) -> Iterator[dict]:
    return ({f: getattr(e, f) for f in EVENT_FIELDS} for e in c.events)


def _points(c: Collection) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(lon, lat) of every place and of every event (its place's)."""
    by_id = {p.id: (float(p.candidate.lon), float(p.candidate.lat)) for p in c.places}
    return [by_id[p.id] for p in c.places], [by_id[e.place_id] for e in c.events]


def _frames(c: Collection):
    """GeoDataFrames of places and events, for the GeoPackage (OGR writes it)."""
    import geopandas as gpd
    from shapely.geometry import Point

    place_points, event_points = _points(c)
    places = gpd.GeoDataFrame(_place_records(c), columns=PLACE_FIELDS,
                              geometry=[Point(*xy) for xy in place_points], crs="EPSG:4326")
    events = gpd.GeoDataFrame(list(_event_records(c)), columns=EVENT_FIELDS,
                              geometry=[Point(*xy) for xy in event_points], crs="EPSG:4326")
    return places, events


def _write_geojson(path: Path, records: Iterable[dict], points: Iterable[tuple[float, float]]) -> None:
    """A FeatureCollection of Points, one feature per line, so a newsroom's diff of two builds shows what changed.

    Written directly rather than through GeoDataFrame.to_json, which builds every feature twice for
    the same text (tests check it is the same); a batch of features at a time, each batch in one
    call of the JSON encoder, the line breaks put in after, before each '{"type":"Feature"', which no
    JSON string can hold (its quotes are escaped).
    """
    with path.open("w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[')
        rows = zip(records, points)
        sep = "\n"
        while batch := list(islice(rows, _BATCH)):
            text = _ENCODE([{"type": "Feature", "properties": r,
                             "geometry": {"type": "Point", "coordinates": list(xy)}} for r, xy in batch])
            f.write(sep + text[1:-1].replace('},{"type":"Feature"', '},\n{"type":"Feature"'))
            sep = ",\n"
        f.write("\n]}\n")


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_BATCH = 4096  # features encoded at once: a large archive's events are never all in memory as text


def _flat_lists(df):
    """List-valued columns as "a|b" strings, for formats without lists (GeoPackage)."""
    df = df.copy()
    for col in ("names_in_text", "sources"):
        if col in df:
            df[col] = df[col].map("|".join)
    return df


def _csv(records: Iterable[dict], fields: list[str], points: Iterable[tuple[float, float]], path: Path) -> None:
    """The rows with lon and lat last (to 6 decimals, ~10 cm), written with the csv module: pandas took
    longer to import than the rows of most builds take to write."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([*fields, "lon", "lat"])
        w.writerows([*(csv_cell(r[k]) for k in fields), round(x, 6), round(y, 6)] for r, (x, y) in zip(records, points))


def write_data(c: Collection, data_dir: Path, formats: tuple[str, ...] = ()) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "sources.json").write_text(
        json.dumps([{"id": s.id, "file": s.file, "title": s.title, "date": s.date, "sha256": s.sha256}
                    for s in c.sources], ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    places = _place_records(c)
    place_points, event_points = _points(c)
    _write_geojson(data_dir / "places.geojson", places, place_points)
    _write_geojson(data_dir / "events.geojson", _event_records(c), event_points)
    _csv(places, PLACE_FIELDS, place_points, data_dir / "places.csv")
    _csv(_event_records(c), EVENT_FIELDS, event_points, data_dir / "events.csv")
    if "gpkg" in formats:
        gpkg = data_dir / "mapgen.gpkg"
        for name, gdf in zip(("places", "events"), _frames(c)):
            _flat_lists(gdf).to_file(gpkg, layer=name, driver="GPKG")
