import json

import pytest

from mapgen.exports import EVENT_FIELDS, PLACE_FIELDS, Collection, PlaceRow, write_data
from mapgen.model import Candidate, Event, Source


def reference_geojson(gdf) -> str:
    """What geopandas itself writes for a frame, laid out one feature per line."""
    features = json.loads(gdf.to_json(drop_id=True, na="null"))["features"]
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    return '{"type":"FeatureCollection","features":[\n' + lines + ("\n" if lines else "") + "]}\n"


def reference_csv(gdf, path):
    """pandas' CSV of the frame, every cell that a spreadsheet would run as a formula prefixed with '."""
    from mapgen.escaping import _FORMULA_START
    from mapgen.exports import _flat_lists

    def cell(value):
        return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value

    flat = _flat_lists(gdf.drop(columns="geometry"))
    flat["lon"] = gdf.geometry.x.round(6)
    flat["lat"] = gdf.geometry.y.round(6)
    flat.map(cell).to_csv(path, index=False, lineterminator="\n")


def collection(n_places: int) -> Collection:
    places, events = [], []
    for i in range(n_places):
        c = Candidate(f"geonames:{900 + i}", f"{'+' * (i == 3)}Ville-{i} \u00e9\u201c", "town", "" if i == 1 else "FR",
                      45.123456789 + i / 7, -1.0 / 3 - i, population=1000 * i)
        places.append(PlaceRow(c, (f"Ville {i}", "=cmd|' /C calc'!A0"), ("a1", "b2"), 3 + i, round(0.1 + i / 9, 3)))
        events.append(Event(f"e{i}", c.id, "a1", "2021-03", None if i % 2 else "2021-04", "month",
                            f"{'-' * (i % 2)}\u201cQuoted\u201d -{i} <b>text</b>\n", 10 * i, 10 * i + 5))
    return Collection((Source("a1", "a.txt", "A", "2021-03-01", "00"),), tuple(places), tuple(events))


@pytest.mark.parametrize("n_places", [0, 1, 5])
def test_exports_are_what_geopandas_writes(tmp_path, n_places):
    from mapgen.exports import _frames

    c = collection(n_places)
    write_data(c, tmp_path)
    places, events = _frames(c)
    assert list(places.columns[:-1]) == PLACE_FIELDS and list(events.columns[:-1]) == EVENT_FIELDS
    assert (tmp_path / "places.geojson").read_text() == reference_geojson(places)
    assert (tmp_path / "events.geojson").read_text() == reference_geojson(events)
    for name, gdf in (("places", places), ("events", events)):
        reference_csv(gdf, tmp_path / f"{name}.ref.csv")
        assert (tmp_path / f"{name}.csv").read_bytes() == (tmp_path / f"{name}.ref.csv").read_bytes()


@pytest.mark.parametrize("sources", [
    (),
    (Source("a1", 'odd "name" <b>.txt', "Line\nbreak \u2028 and Şuşa", None, "ff00"),),
    (Source("a1", "x.md", "One", "2020-11-08", "aa"), Source("b2", "y.html", "Two", None, "bb")),
])
def test_sources_json_is_what_json_writes_with_an_indent(sources):
    from mapgen.exports import _sources_json

    listed = [{"id": s.id, "file": s.file, "title": s.title, "date": s.date, "sha256": s.sha256} for s in sources]
    assert _sources_json(sources) == json.dumps(listed, ensure_ascii=False, indent=1) + "\n"
    assert json.loads(_sources_json(sources)) == listed


@pytest.mark.parametrize("n_places", [0, 1, 5])
def test_the_places_lines_a_build_splices_are_the_same_for_any_subset(n_places):
    from mapgen.exports import place_lines

    c = collection(n_places)
    whole = list(place_lines(c, list(range(n_places))))  # what write_data writes (checked against geopandas)
    assert [line for n in range(n_places) for line in place_lines(c, [n])] == whole
    assert list(place_lines(c, [n for n in range(n_places) if n % 2])) == whole[1::2]
