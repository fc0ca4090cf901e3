import json

import pytest

from mapgen.build import build
from mapgen.corrections import Corrections, line_for, parse_row
from mapgen.errors import InputError

ARTICLE = "Date: 2024-03-02\n\nFarmers in Athens protested on Friday, and traffic in Lagos was blocked.\n"


@pytest.fixture
def desk(tmp_path):
    d = tmp_path / "arts"
    d.mkdir()
    (d / "protest.txt").write_text(ARTICLE)
    (d / "other.txt").write_text("Date: 2024-03-03\n\nAthens hosted the summit, officials said.\n")
    return d


def places(out):
    features = json.loads((out / "data" / "places.geojson").read_text())["features"]
    return {f["properties"]["id"]: f for f in features}


def test_without_corrections_athens_is_greece(desk, tmp_path, gazetteer):
    assert "geonames:264371" in places_of(desk, tmp_path, gazetteer)


def places_of(desk, tmp_path, gazetteer, name="out"):
    build([desk], tmp_path / name, gazetteer=gazetteer)
    return places(tmp_path / name)


def test_a_correction_pins_a_name_in_every_article_and_survives_rebuilds(desk, tmp_path, gazetteer):
    (desk / "corrections.csv").write_text("name,place,lat,lon,kind,article,note\nAthens,geonames:4180386,,,,,our Athens\n")
    for n in ("a", "b"):
        found = places_of(desk, tmp_path, gazetteer, n)
        assert "geonames:4180386" in found and "geonames:264371" not in found  # Athens, Georgia
        athens = found["geonames:4180386"]["properties"]
        assert sorted(athens["sources"]) and len(athens["sources"]) == 2
    for page in (tmp_path / "b" / "sources").glob("*.html"):
        assert "-83.37" in page.read_text() and "23.7" not in page.read_text()  # the map shows Athens, Georgia, not Athens, Greece


def test_a_correction_for_one_article_leaves_the_others(desk, tmp_path, gazetteer):
    (desk / "corrections.csv").write_text("name,place,lat,lon,kind,article,note\nAthens,geonames:4180386,,,,protest.txt,\n")
    found = places_of(desk, tmp_path, gazetteer)
    assert {"geonames:4180386", "geonames:264371"} <= set(found)


def test_not_a_place_and_a_place_with_coordinates(desk, tmp_path, gazetteer):
    (desk / "corrections.csv").write_text(
        "name,place,lat,lon,kind,article,note\nLagos,none,,,,,\nAthens,,33.95,-83.38,town,,a map of our own\n")
    found = places_of(desk, tmp_path, gazetteer)
    assert not any(f["properties"]["name"] == "Lagos" for f in found.values())
    own = found["correction:athens"]
    assert own["geometry"]["coordinates"] == [-83.38, 33.95]
    events = json.loads((tmp_path / "out" / "data" / "events.geojson").read_text())["features"]
    assert any(e["properties"]["place_id"] == "correction:athens" for e in events)


def test_corrections_in_mapgen_toml(desk, tmp_path, gazetteer):
    (desk / "mapgen.toml").write_text('[[corrections]]\nname = "Lagos"\nplace = "none"\n')
    assert not any(f["properties"]["name"] == "Lagos" for f in places_of(desk, tmp_path, gazetteer).values())


def test_an_unknown_id_stops_the_build_before_any_work(desk, tmp_path, gazetteer):
    (desk / "corrections.csv").write_text("name,place,lat,lon,kind,article,note\nAthens,geonames:999999999,,,,,\n")
    with pytest.raises(InputError, match=r"corrections.csv, line 2: geonames:999999999 is not in the gazetteer"):
        build([desk], tmp_path / "out", gazetteer=gazetteer)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("row, message", [
    ({"name": "", "place": "none"}, "needs a name"),
    ({"name": "X", "place": ""}, "give a gazetteer id"),
    ({"name": "X", "place": "", "lat": "north", "lon": "1"}, "must be numbers"),
    ({"name": "X", "place": "", "lat": "95", "lon": "1"}, "out of range"),
])
def test_bad_rows_are_named(row, message):
    with pytest.raises(InputError, match=message):
        parse_row(row, "corrections.csv, line 7")


def test_the_line_to_paste_reads_back_as_the_same_correction(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("name,place,lat,lon,kind,article,note\n" + line_for('Athens, "GA"', "geonames:4180386") + "\n"
                    + line_for("Lagos") + "\n")
    c = Corrections.load(path).items
    assert (c[0].name, c[0].place, c[1].place) == ('Athens, "GA"', "geonames:4180386", "none")


def test_fingerprint_changes_with_the_corrections():
    a = Corrections((parse_row({"name": "A", "place": "none"}, "x"),))
    b = Corrections((parse_row({"name": "A", "place": "geonames:1"}, "x"),))
    assert a.fingerprint != b.fingerprint != Corrections().fingerprint


@pytest.mark.parametrize("line, message", [
    ("Athens,none,,,,protest.txtt,", "no article is 'protest.txtt'"),
    ("Athenz,none,,,,,", "'Athenz' is in none of the articles"),
])
def test_a_line_that_changes_nothing_is_warned_about(desk, tmp_path, gazetteer, line, message):
    (desk / "corrections.csv").write_text("name,place,lat,lon,kind,article,note\n" + line + "\n")
    report = build([desk], tmp_path / "out", gazetteer=gazetteer)
    assert len(report.warnings) == 1 and report.warnings[0].startswith(f"corrections.csv, line 2: {message}")


def test_a_line_without_a_name_is_an_error(desk, tmp_path, gazetteer):
    (desk / "corrections.csv").write_text("name,place,lat,lon,kind,article,note\n,none,,,,,\n")
    with pytest.raises(InputError, match="corrections.csv, line 2: a correction needs a name"):
        build([desk], tmp_path / "out", gazetteer=gazetteer)


def test_unused_lines_ask_for_the_texts_they_need_a_batch_at_a_time(tmp_path):
    from mapgen.corrections import unused
    from mapgen.documents import parse

    docs = [parse(f"Date: 2024-03-0{1 + n % 9}\n\nStory {n}: rain in Kisumu.\n".encode(), f"s{n}.txt")
            for n in range(600)]
    path = tmp_path / "corrections.csv"
    path.write_text("name,place,lat,lon,kind,article,note\nKisumu,none,,,,,\nKisimu,none,,,,,\nVoi,none,,,,s5.txt,\n")
    asked = []

    def texts_of(indices):
        asked.append(len(indices))
        return [docs[i].text for i in indices]

    warnings = unused(Corrections.load(path), [d for d in docs], texts_of)
    assert warnings == unused(Corrections.load(path), docs)  # the same lines, texts held or asked for
    assert [w.split(": ")[1].split(";")[0] for w in warnings] == [
        "'Kisimu' is in none of the articles it applies to", "'Voi' is in none of the articles it applies to"]
    assert asked == [256, 256, 88]  # the misspelt line, for every article: three batches, not 600 asks
