"""Exports: the open data of a build, aggregated from per-article analyses.

Places and events become one GeoDataFrame each, written as GeoJSON and CSV
(GeoPackage on request) in a fixed order, so two builds of the same articles
are byte-identical and a newsroom can diff them.
"""
from __future__ import annotations

import csv
import io
import json
import pickle
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from mapgen.escaping import csv_cell
from mapgen.model import Analysis, Candidate, Document, Event, Source, by_constructor

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


def source_of(d: Document) -> Source:
    return Source(d.id, d.path, d.title, d.date.isoformat() if d.date else None, d.sha256)


def label_of(name: str, spelled: dict[str, int]) -> str:
    """The gazetteer's name where the articles use it, else their most used spelling (written in
    capitals only in datelines, so mixed case first)."""
    if not spelled or name in spelled:
        return name
    return min(spelled, key=lambda s: (s.isupper(), -spelled[s], s))


class PlaceShare(NamedTuple):
    """What one article says of one place, for the build-wide table of places (kept with the
    article's other pieces, see `EventText`, so a rebuild need not unpack its analysis). A tuple, and
    kept as a plain one: a rebuild unpacks hundreds of thousands, four times faster than through a
    class. The gazetteer entry stays packed: a rebuild unpacks one a place, not one an article and place."""

    place_id: str
    spellings: tuple[tuple[str, int], ...]  # each way the article writes it, and how often (counted here: a
    # rebuild adds up one count a spelling, not every mention of every article)
    confidence: float
    packed: bytes  # the Candidate, pickled

    def candidate(self) -> Candidate:
        return pickle.loads(self.packed)


def place_shares(a: Analysis) -> tuple[PlaceShare, ...]:
    return tuple(PlaceShare(p.id, tuple(Counter(m.surface for m in p.mentions).items()), p.confidence,
                            pickle.dumps(p.candidate, protocol=pickle.HIGHEST_PROTOCOL)) for p in a.places)


def combine(articles: Iterable[tuple[Source, Iterable[tuple]]], events: Iterable[Event] = (),
            naming: dict[str, list[int]] | None = None) -> Collection:
    """The build-wide collection from each article's source and place shares, in source-id order
    (a place's gazetteer entry is the last article's: the entry is the same but for how it was matched);
    `naming`, when given, is filled with each place's articles (their positions in `articles`)."""
    sums: dict[str, list] = {}
    listed = []
    for at, (source, shares) in enumerate(articles):
        listed.append(source)
        add_shares(sums, at, shares)
    if naming is not None:
        naming.update((pid, place[3]) for pid, place in sums.items())
    places = tuple(place_row(packed, spelled, tuple(sorted({listed[n].id for n in at})), confidence)
                   for _, (packed, spelled, confidence, at) in sorted(sums.items()))
    return Collection(tuple(listed), places, tuple(sorted(events, key=event_order)))


def add_shares(sums: dict[str, list], at: int, shares: Iterable[tuple]) -> None:
    """Add the place shares of the article at position `at` (after those before it) to `sums`: place id
    -> [gazetteer entry packed, as the last article has it; spelling -> times written; the highest
    confidence, at least 0; the positions of the articles naming it]. One look-up a share: a rebuild
    of an archive adds up a million."""
    for pid, spellings, confidence, packed in shares:  # PlaceShare's fields (as plain tuples, when kept)
        place = sums.get(pid)
        if place is None:
            sums[pid] = place = [packed, {}, 0.0, []]
        else:
            place[0] = packed
        if confidence > place[2]:
            place[2] = confidence
        spelled = place[1]
        for s, n in spellings:
            spelled[s] = spelled.get(s, 0) + n
        place[3].append(at)


@contextmanager
def _gpkg_dated(day: str) -> Iterator[None]:
    """GeoPackage files written meanwhile say their tables last changed on `day` (the newest article's
    date), not at the time of writing: the same articles, the same bytes (GDAL's OGR_CURRENT_DATE)."""
    import pyogrio

    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": f"{day[:10]}T00:00:00.000Z"})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def place_row(packed: bytes, spelled: dict[str, int], ids: tuple[str, ...], confidence: float) -> PlaceRow:
    """A place's row from its sums over the articles naming it (see `combine`): its gazetteer entry
    packed, how often each spelling was written, the articles' source ids (sorted, once each), the
    highest confidence."""
    c = _unpacked_candidate(packed)
    return PlaceRow(c, tuple(sorted(spelled)), ids, sum(spelled.values()), round(confidence, 3),
                    label_of(c.name, spelled))


@lru_cache(maxsize=1 << 16)
def _unpacked_candidate(packed: bytes) -> Candidate:
    """A gazetteer entry from its packed bytes, once for a process (`mapgen build --watch` combines
    the same few thousand places at every rebuild)."""
    return pickle.loads(packed)


def collect(analyses: list[Analysis]) -> Collection:
    analyses = sorted(analyses, key=lambda a: (a.document.id, a.document.path))
    return combine(((source_of(a.document), place_shares(a)) for a in analyses), (e for a in analyses for e in a.events))


def _place_records(c: Collection) -> list[dict]:
    return [{
        "id": p.id, "name": p.candidate.name, "kind": p.candidate.kind, "country": p.candidate.country or None,
        "population": int(p.candidate.population), "names_in_text": list(p.names_in_text),
        "sources": list(p.sources), "mentions": int(p.mentions), "confidence": float(p.confidence),
    } for p in c.places]


def _event_records(events: Iterable[Event]) -> Iterator[dict]:
    return ({f: getattr(e, f) for f in EVENT_FIELDS} for e in events)


def event_order(e: Event) -> tuple:
    """The events files' order: article by article, then as each article tells them."""
    return (e.source_id, e.start, e.place_id, e.date, e.id)


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
    events = gpd.GeoDataFrame(list(_event_records(c.events)), columns=EVENT_FIELDS,
                              geometry=[Point(*xy) for xy in event_points], crs="EPSG:4326")
    return places, events


@dataclass(frozen=True, slots=True)
class EventText:
    """Some events (one article's, in a build) as the lines they take in events.geojson and events.csv.

    The events files are most of a build's data and each line follows from one event and its place, so
    a build renders them where it analyses the article and keeps them in its result cache: the files
    are these pieces put in `event_order`, byte for byte what rendering all events at once writes."""

    features: bytes  # GeoJSON features, one a line, joined by ",\n" (UTF-8, as written: no decoding on the way)
    rows: bytes  # CSV rows, each ending in "\n"

    def __reduce__(self):  # through the constructor: a cached archive unpickles hundreds of thousands
        return by_constructor(self)


def event_text(events: Iterable[Event], points: dict[str, tuple[float, float]]) -> EventText:
    """The lines of `events` (in `event_order`), each at its place's (lon, lat) in `points`."""
    events = sorted(events, key=event_order)
    xy = [points[e.place_id] for e in events]
    records = list(_event_records(events))
    features = ",\n".join(_features(records, xy))
    out = io.StringIO()
    _rows(csv.writer(out, lineterminator="\n"), records, EVENT_FIELDS, xy)
    return EventText(features.encode(), out.getvalue().encode())


def article_event_text(a: Analysis) -> EventText:
    return event_text(a.events, {p.id: (float(p.candidate.lon), float(p.candidate.lat)) for p in a.places})


def _features(records: list[dict], points: list[tuple[float, float]]) -> Iterator[str]:
    """The records as GeoJSON Point features, one a line: a batch at a time in one call of the JSON
    encoder, the line breaks put in after, before each '{"type":"Feature"', which no JSON string can
    hold (its quotes are escaped)."""
    for i in range(0, len(records), _BATCH):
        text = _ENCODE([{"type": "Feature", "properties": r, "geometry": {"type": "Point", "coordinates": list(xy)}}
                        for r, xy in zip(records[i:i + _BATCH], points[i:i + _BATCH])])
        yield text[1:-1].replace('},{"type":"Feature"', '},\n{"type":"Feature"')


GEOJSON_HEAD, GEOJSON_TAIL = b'{"type":"FeatureCollection","features":[', b"\n]}\n"
EVENTS_CSV_HEAD = (",".join([*EVENT_FIELDS, "lon", "lat"]) + "\n").encode()
PLACES_CSV_HEAD = (",".join([*PLACE_FIELDS, "lon", "lat"]) + "\n").encode()


def place_lines(c: Collection, indices: list[int]) -> Iterator[tuple[bytes, bytes]]:
    """The places of `c` at `indices`, each as its places.geojson feature (without what joins it to
    the others) and its places.csv row, in UTF-8: the bytes `write_data` writes for it (a build
    splices the two files place by place)."""
    chosen = Collection((), tuple(c.places[n] for n in indices), ())
    records = _place_records(chosen)
    points = _points(chosen)[0]
    rows = io.StringIO()
    w = csv.writer(rows, lineterminator="\n")
    for r, xy in zip(records, points):
        _rows(w, [r], PLACE_FIELDS, [xy])
        row = rows.getvalue().encode()
        rows.seek(0)
        rows.truncate()
        yield (_ENCODE({"type": "Feature", "properties": r, "geometry": {"type": "Point", "coordinates": list(xy)}})
               .encode(), row)


def feature_lines(features: bytes, first: bool) -> bytes:
    """Some features' lines as they follow the head of a FeatureCollection (first) or other features."""
    return (b"\n" if first else b",\n") + features


def _write_geojson(f, features: Iterable[bytes]) -> None:
    """A FeatureCollection of Points into the binary file `f` (`features` in UTF-8), one feature per line,
    so a newsroom's diff of two builds shows what changed. Written directly rather than through
    GeoDataFrame.to_json, which builds every feature twice for the same text (tests check it is the same)."""
    f.write(GEOJSON_HEAD)
    first = True
    for text in features:
        if text:
            f.write(feature_lines(text, first))
            first = False
    f.write(GEOJSON_TAIL)


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_BATCH = 4096  # features encoded at once: a large archive's events are never all in memory as text


def _flat_lists(df):
    """List-valued columns as "a|b" strings, for formats without lists (GeoPackage)."""
    df = df.copy()
    for col in ("names_in_text", "sources"):
        if col in df:
            df[col] = df[col].map("|".join)
    return df


def _rows(w, records: Iterable[dict], fields: list[str], points: Iterable[tuple[float, float]]) -> None:
    """The rows with lon and lat last (to 6 decimals, ~10 cm), written with the csv module: pandas took
    longer to import than the rows of most builds take to write."""
    w.writerows([*(csv_cell(r[k]) for k in fields), round(x, 6), round(y, 6)] for r, (x, y) in zip(records, points))


def _sources_json(sources: tuple[Source, ...]) -> str:
    """What json.dumps(..., indent=1) gives for the sources, each value through the C encoder: with an
    indent, json encodes in Python, at a tenth of the speed (an archive lists 100,000 sources)."""
    if not sources:
        return "[]\n"
    return (SOURCES_HEAD + b"".join(source_item(s, n == 0) for n, s in enumerate(sources)) + SOURCES_TAIL).decode()


SOURCES_HEAD, SOURCES_TAIL = b"[\n ", b"\n]\n"  # of sources.json, around the items (when there are any)


def source_item(s: Source, first: bool) -> bytes:
    """A source's item of sources.json, as it follows the head (first) or another item, in UTF-8."""
    item = "{\n" + ",\n".join(f'  "{k}": {_ENCODE(v)}' for k, v in (
        ("id", s.id), ("file", s.file), ("title", s.title), ("date", s.date), ("sha256", s.sha256))) + "\n }"
    return (item if first else ",\n " + item).encode()


def write_data(c: Collection, data_dir: Path, formats: tuple[str, ...] = (),
               events: Callable[[Path, Path], None] | None = None,
               places: Callable[[Path, Path], None] | None = None,
               sources: Callable[[Path], None] | None = None) -> None:
    """The data files of `c`; `events(geojson, csv)`, when given, writes events.geojson and events.csv
    (a build puts them together from its articles' `EventText`s, the GeoJSON in a process of its own
    beside this one), `places(geojson, csv)` the places'
    (a build splices them from `place_lines`) and `sources(json)` sources.json (from `source_item`)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if sources is not None and c.sources:
        sources(data_dir / "sources.json")
    else:
        (data_dir / "sources.json").write_text(_sources_json(c.sources), encoding="utf-8")
    if places is not None:
        places(data_dir / "places.geojson", data_dir / "places.csv")
    else:
        lines = list(place_lines(c, list(range(len(c.places)))))
        (data_dir / "places.geojson").write_bytes(
            GEOJSON_HEAD + b"".join(feature_lines(f, n == 0) for n, (f, _) in enumerate(lines)) + GEOJSON_TAIL)
        (data_dir / "places.csv").write_bytes(PLACES_CSV_HEAD + b"".join(row for _, row in lines))
    if events is not None:
        events(data_dir / "events.geojson", data_dir / "events.csv")
    else:
        lines = event_text(c.events, {p.id: (float(p.candidate.lon), float(p.candidate.lat)) for p in c.places})
        with (data_dir / "events.geojson").open("wb") as geojson:
            _write_geojson(geojson, [lines.features])
        (data_dir / "events.csv").write_bytes(EVENTS_CSV_HEAD + lines.rows)
    if "gpkg" in formats:
        gpkg = data_dir / "mapgen.gpkg"
        with _gpkg_dated(max((s.date for s in c.sources if s.date), default="1970-01-01")):
            for name, gdf in zip(("places", "events"), _frames(c)):
                _flat_lists(gdf).to_file(gpkg, layer=name, driver="GPKG")
