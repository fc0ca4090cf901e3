import csv
import json
import os
import shutil
import sqlite3
import time

import pytest

from conftest import FIXTURES
from mapgen.build import build
from mapgen.cache import cache_file, code_version
from mapgen.errors import InputError, OutputError

PLACE_PROPS = {"id", "name", "kind", "country", "population", "names_in_text", "sources", "mentions"}
EVENT_PROPS = {"id", "place_id", "source_id", "date", "date_end", "precision", "text", "start", "end",
               "when", "when_start", "when_end"}


@pytest.fixture
def articles(tmp_path):
    d = tmp_path / "articles"
    shutil.copytree(FIXTURES / "articles", d)
    return d


def test_output_contract(articles, tmp_path, gazetteer):
    out = tmp_path / "out"
    report = build([articles], out, gazetteer=gazetteer)
    assert report.articles == 2 and report.places > 5 and report.events > 5
    sources = json.loads((out / "data" / "sources.json").read_text())
    assert [set(s) for s in sources] == [{"id", "file", "title", "date", "sha256"}] * 2
    assert {s["file"] for s in sources} == {"ganja_strike.txt", "lachin_handover.txt"}
    places = json.loads((out / "data" / "places.geojson").read_text())
    assert places["type"] == "FeatureCollection"
    place_ids = set()
    for f in places["features"]:
        assert f["geometry"]["type"] == "Point" and PLACE_PROPS <= set(f["properties"])
        assert f["properties"]["id"].split(":")[0] in ("geonames", "mapgen")
        assert set(f["properties"]["sources"]) <= {s["id"] for s in sources}
        place_ids.add(f["properties"]["id"])
    events = json.loads((out / "data" / "events.geojson").read_text())
    for f in events["features"]:
        p = f["properties"]
        assert set(p) == EVENT_PROPS and p["place_id"] in place_ids
        assert p["precision"] in ("day", "month", "year") and len(p["date"]) in (4, 7, 10)
    with open(out / "data" / "places.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(places["features"]) and {"lat", "lon"} | PLACE_PROPS <= set(rows[0])
    with open(out / "data" / "events.csv", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(events["features"])
    assert (out / "index.html").exists()
    assert sorted(p.stem for p in (out / "sources").glob("*.html")) == sorted(s["id"] for s in sources)


def test_two_builds_are_byte_identical(articles, tmp_path, gazetteer):
    a, b = tmp_path / "a", tmp_path / "b"
    build([articles], a, gazetteer=gazetteer)
    build([articles], b, gazetteer=gazetteer)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for f in files:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f


@pytest.mark.parametrize("interruption", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_failed_or_interrupted_build_leaves_previous_output(articles, tmp_path, gazetteer, monkeypatch, interruption):
    out = tmp_path / "out"
    build([articles], out, gazetteer=gazetteer)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (articles / "new.txt").write_text("Missiles struck Baku.")

    def broken(*args, **kwargs):
        raise interruption

    monkeypatch.setattr("mapgen.build.overview_frame", broken)
    with pytest.raises(type(interruption)):
        build([articles], out, gazetteer=gazetteer)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out"]  # no temporary folders, no lock


def test_a_second_build_into_the_same_folder_fails_clearly(articles, tmp_path, gazetteer):
    from mapgen.output import lock_for

    out = tmp_path / "out"
    with lock_for(out):
        with pytest.raises(OutputError, match="another mapgen build"):
            build([articles], out, gazetteer=gazetteer)


def test_bad_and_duplicate_articles_are_reported_not_fatal(articles, tmp_path, gazetteer):
    (articles / "empty.txt").write_bytes(b"")
    (articles / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    shutil.copy(articles / "ganja_strike.txt", articles / "ganja_copy.txt")
    report = build([articles], tmp_path / "out", gazetteer=gazetteer)
    assert report.articles == 2
    assert {f.rsplit("/", 1)[1] for f, _ in report.skipped} == {"empty.txt", "scan.txt"}
    assert [f.rsplit("/", 1)[1] for f, _ in report.duplicates] == ["ganja_strike.txt"]


def test_inputs_and_outputs_that_cannot_work(tmp_path, articles, gazetteer):
    with pytest.raises(InputError, match="no such file or folder"):
        build([tmp_path / "missing"], tmp_path / "out", gazetteer=gazetteer)
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="is a file"):
        build([articles], tmp_path / "file", gazetteer=gazetteer)
    empty = tmp_path / "only-bad"
    empty.mkdir()
    (empty / "a.txt").write_bytes(b"")
    with pytest.raises(InputError, match="no article could be read"):
        build([empty], tmp_path / "out2", gazetteer=gazetteer)


def test_geopackage_on_request(articles, tmp_path, gazetteer):
    import geopandas as gpd

    out = tmp_path / "out"
    build([articles], out, formats=("gpkg",), gazetteer=gazetteer)
    places = gpd.read_file(out / "data" / "mapgen.gpkg", layer="places")
    assert "geonames:586523" in set(places["id"])  # Ganja
    assert places.crs.to_epsg() == 4326
    time.sleep(1.1)  # GDAL's clock would stamp a later second
    build([articles], tmp_path / "again", formats=("gpkg",), gazetteer=gazetteer, cache=False)
    assert (out / "data" / "mapgen.gpkg").read_bytes() == (tmp_path / "again" / "data" / "mapgen.gpkg").read_bytes()
    with sqlite3.connect(out / "data" / "mapgen.gpkg") as db:  # dated as of the newest article
        newest = max(s["date"] for s in json.loads((out / "data" / "sources.json").read_text()) if s["date"])
        assert {d for (d,) in db.execute("SELECT last_change FROM gpkg_contents")} == {f"{newest}T00:00:00.000Z"}
    db.close()


def test_leftovers_of_a_killed_build_are_cleared(articles, tmp_path, gazetteer):
    (tmp_path / ".out.building-dead").mkdir()
    (tmp_path / ".out.building-dead" / ".mapgen-building").write_text("")
    (tmp_path / ".out.building-dead" / "index.html").write_text("half")
    build([articles], tmp_path / "out", gazetteer=gazetteer)
    assert not (tmp_path / ".out.building-dead").exists()


def test_unwritable_output_is_one_clear_error(articles, gazetteer):
    with pytest.raises(OutputError, match="/proc/mapgen-out"):
        build([articles], __import__("pathlib").Path("/proc/mapgen-out"), gazetteer=gazetteer)


def test_csv_cells_never_run_as_spreadsheet_formulas(tmp_path, gazetteer):
    arts = tmp_path / "a"
    arts.mkdir()
    (arts / "x.txt").write_text(' date 2021-01-01 T\n=HYPERLINK("http://x") Baku officials said so.\n')
    build([arts], tmp_path / "out", gazetteer=gazetteer)
    with open(tmp_path / "out" / "data" / "events.csv", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh)]
    assert texts and all(t.startswith("'=HYPERLINK") for t in texts)
    events = json.loads((tmp_path / "out" / "data" / "events.geojson").read_text())
    assert events["features"][0]["properties"]["text"].startswith("=HYPERLINK")  # GeoJSON keeps the text as is


def test_a_misspelt_basemap_fails_before_any_article_is_analysed(articles, tmp_path, gazetteer, monkeypatch):
    from mapgen.maps import MapStyle

    def must_not_run(*args, **kwargs):
        raise AssertionError("articles were analysed before the settings were checked")

    monkeypatch.setattr("mapgen.engine.analyse", must_not_run)
    with pytest.raises(InputError, match="unknown --tiles 'Nope.Tiles'"):
        build([articles], tmp_path / "out", gazetteer=gazetteer, style=MapStyle(tiles="Nope.Tiles"))
    assert not (tmp_path / "out").exists()


def _files(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _inodes(out):
    return {p.name: p.stat().st_ino for p in (out / "sources").glob("*.html")}


def test_a_rebuild_takes_over_the_pages_of_unchanged_articles(articles, tmp_path, gazetteer):
    out, clean = tmp_path / "out", tmp_path / "clean"
    build([articles], out, gazetteer=gazetteer)
    before = _inodes(out)
    (articles / "ferry.txt").write_text(" date 2022-05-06\nA ferry sank off Mombasa on Friday; survivors reached Malindi.\n")
    build([articles], out, gazetteer=gazetteer)
    after = _inodes(out)
    assert len(after) == len(before) + 1 and all(after[name] == ino for name, ino in before.items())
    build([articles], clean, gazetteer=gazetteer, cache=False)
    assert _files(out) == _files(clean)  # the manifest too: what a page was made from, and its digest


def test_a_hand_edited_page_stops_the_rebuild_and_is_kept(articles, tmp_path, gazetteer):
    out, clean = tmp_path / "out", tmp_path / "clean"
    build([articles], out, gazetteer=gazetteer)
    page = sorted((out / "sources").glob("*.html"))[0]
    edited = page.read_text().replace("<title>", "<title>EDITED ")
    time.sleep(0.01)  # the edit comes after the build, as it would
    page.write_text(edited)
    with pytest.raises(OutputError, match=f"sources/{page.name} changed since mapgen wrote it"):
        build([articles], out, gazetteer=gazetteer)
    assert page.read_text() == edited
    saved = tmp_path / page.name
    page.rename(saved)  # the desk keeps its edit elsewhere; the rebuild may then go on
    build([articles], out, gazetteer=gazetteer)
    build([articles], clean, gazetteer=gazetteer, cache=False)
    assert "EDITED" in saved.read_text() and _files(out) == _files(clean)


def test_a_page_touched_but_not_changed_does_not_stop_the_rebuild(articles, tmp_path, gazetteer):
    out = tmp_path / "out"
    build([articles], out, gazetteer=gazetteer)
    page = sorted((out / "sources").glob("*.html"))[0]
    time.sleep(0.01)
    page.write_bytes(page.read_bytes())  # a copy tool or a sync rewrote it as it was
    report = build([articles], out, gazetteer=gazetteer)
    assert report.articles and page.is_file()


def test_a_new_style_draws_every_page_again(articles, tmp_path, gazetteer):
    from mapgen.maps import MapStyle

    out = tmp_path / "out"
    build([articles], out, gazetteer=gazetteer, style=MapStyle(credit="Desk A"))
    before = _inodes(out)
    build([articles], out, gazetteer=gazetteer, style=MapStyle(credit="Desk B"))
    pages = sorted((out / "sources").glob("*.html"))
    assert all(p.stat().st_ino != before[p.name] and "Desk B" in p.read_text() for p in pages) and pages


def _reads(monkeypatch):
    """The files a build reads (rather than takes from an earlier build's reading)."""
    import mapgen.build

    read, real = [], mapgen.build.read_document
    monkeypatch.setattr(mapgen.build, "read_document", lambda path, *a, **k: read.append(path.name) or real(path, *a, **k))
    return read


def test_a_rebuild_reads_again_only_the_files_changed_since(articles, tmp_path, gazetteer, monkeypatch,
                                                            private_cache):
    monkeypatch.setattr("mapgen.documents._SETTLED_NS", 0)  # files written by the test count as settled at once
    out, clean = tmp_path / "out", tmp_path / "clean"
    build([articles], out, gazetteer=gazetteer)
    read = _reads(monkeypatch)
    build([articles], out, gazetteer=gazetteer)
    assert read == []
    ferry = articles / "ferry.txt"
    ferry.write_text(" date 2022-05-06\nA ferry sank off Mombasa on Friday; survivors reached Malindi.\n")
    same_size = ferry.read_text().replace("Malindi", "Lamu Is")  # same length, same mtime: the ctime tells
    stat = ferry.stat()
    ferry.write_text(same_size)
    os.utime(ferry, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    build([articles], out, gazetteer=gazetteer)
    assert read == ["ferry.txt"]
    build([articles], clean, gazetteer=gazetteer, cache=False)
    assert _files(out) == _files(clean) and "Lamu" in (out / "data" / "events.csv").read_text()


def test_a_file_changed_moments_ago_is_always_read(articles, tmp_path, gazetteer, monkeypatch, private_cache):
    """A write in the same clock tick as a build's reading could leave size and times as they were."""
    out = tmp_path / "out"
    monkeypatch.setattr("mapgen.documents._SETTLED_NS", 10**18)  # every file changed moments before
    build([articles], out, gazetteer=gazetteer)
    monkeypatch.setattr("mapgen.documents._SETTLED_NS", 0)
    read = _reads(monkeypatch)
    build([articles], out, gazetteer=gazetteer)
    assert sorted(read) == sorted(p.name for p in articles.iterdir()) and read


def test_a_rebuild_copies_the_unchanged_articles_lines_of_the_build_wide_files(articles, tmp_path, gazetteer,
                                                                              monkeypatch, private_cache):
    import mapgen.splice

    out, clean = tmp_path / "out", tmp_path / "clean"
    (articles / "ferry.txt").write_text(" date 2022-05-06\nA ferry sank off Mombasa on Friday; survivors reached Malindi.\n")
    build([articles], out, gazetteer=gazetteer)
    spliced, real = {}, mapgen.splice.write_spliced

    def spy(path, head, keys, render, tail, earlier=None):
        rendered = []
        result = real(path, head, keys, lambda indices: rendered.extend(indices) or render(indices), tail, earlier)
        name = f"data/{path.name}" if path.parent.name == "data" else path.name
        spliced[name] = (earlier is not None, len(rendered), len(keys))
        return result

    monkeypatch.setattr(mapgen.splice, "write_spliced", spy)
    (articles / "ferry.txt").write_text(" date 2022-05-07\nA ferry sank off Lamu on Saturday; survivors reached Malindi.\n")
    (articles / "quake.txt").write_text(" date 2023-02-06\nAn earthquake shook Gaziantep and Kahramanmaras on Monday.\n")
    build([articles], out, gazetteer=gazetteer)
    by_place = [spliced.pop(f) for f in ("index.html", "data/places.geojson", "data/places.csv", "review.html")]
    assert set(spliced) == {"data/events.geojson", "data/events.csv", "review.csv", "data/sources.json"}
    # from the earlier file, drawing only the changed and new articles' lines (and what follows the head)
    assert all(earlier and 1 <= rendered <= 3 and rendered < keys for earlier, rendered, keys in spliced.values())
    for earlier, rendered, keys in by_place:  # and only the places those articles name (and their review rows)
        assert earlier and 1 <= rendered < keys
    build([articles], clean, gazetteer=gazetteer, cache=False)
    assert _files(out) == _files(clean)


def test_a_build_without_the_cache_draws_every_line(articles, tmp_path, gazetteer, monkeypatch, private_cache):
    import mapgen.splice

    out = tmp_path / "out"
    build([articles], out, gazetteer=gazetteer)
    earlier, real = [], mapgen.splice.write_spliced
    monkeypatch.setattr(mapgen.splice, "write_spliced", lambda *a, **k: earlier.append(a[5]) or real(*a, **k))
    build([articles], out, gazetteer=gazetteer, cache=False)
    assert earlier == [None] * 8


def test_the_overview_drawn_a_few_places_at_a_time_is_the_same_page(articles, tmp_path, gazetteer, monkeypatch):
    out, whole = tmp_path / "out", tmp_path / "whole"
    build([articles], whole, gazetteer=gazetteer, cache=False)
    monkeypatch.setattr("mapgen.build._NAMINGS_A_BATCH", 1)  # a batch a place
    build([articles], out, gazetteer=gazetteer, cache=False)
    assert (out / "index.html").read_bytes() == (whole / "index.html").read_bytes()


def test_rebuilds_as_articles_come_change_and_go_are_the_clean_builds(tmp_path, gazetteer, monkeypatch,
                                                                      private_cache):
    import mapgen.tally

    monkeypatch.setattr(mapgen.tally, "_REDO_BEYOND", float("inf"))  # the kept tally updated, however much changed
    news, out = tmp_path / "news", tmp_path / "out"
    news.mkdir()
    stories = {
        "port.txt": " date 2023-03-01\nDockers in Mombasa went on strike on Monday; ships waited off Malindi.\n",
        "dhow.txt": " date 2023-03-02\nA dhow race left Lamu on Saturday for Malindi.\n",
        "rail.txt": " date 2023-03-03\nThe train from Nairobi reached Mombasa late on Friday.\n",
        "hotel.txt": " date 2023-03-04\nA hotel opened in Kilifi last week.\n",
    }
    for name, text in stories.items():
        (news / name).write_text(text)
    summed = []
    real = mapgen.tally.update

    def spy(earlier, keys, summaries):
        return real(earlier, keys, lambda positions: summed.extend(positions) or summaries(positions))

    monkeypatch.setattr("mapgen.build.update", spy)
    build([news], out, gazetteer=gazetteer)
    steps = [
        lambda: (news / "ferry.txt").write_text(" date 2023-03-05\nA ferry from Lamu sank near Kilifi on Sunday.\n"),
        lambda: (news / "dhow.txt").write_text(" date 2023-03-02\nA dhow race left Lamu on Saturday for Kiunga.\n"),
        lambda: (news / "port.txt").unlink(),
    ]
    for n, step in enumerate(steps):
        step()
        summed.clear()
        build([news], out, gazetteer=gazetteer)
        assert 1 <= len(summed) < len(list(news.iterdir()))  # not every article's summary
        clean = tmp_path / f"clean{n}"
        build([news], clean, gazetteer=gazetteer, cache=False)
        assert _files(out) == _files(clean)


def test_a_rebuild_reads_from_the_cache_the_texts_of_only_the_articles_analysed_again(
        articles, tmp_path, gazetteer, monkeypatch, private_cache):
    import sqlite3

    from mapgen.cache import ResultCache

    monkeypatch.setattr("mapgen.documents._SETTLED_NS", 0)
    (articles / "ferry.txt").write_text(" date 2022-05-06\nA ferry sank off Mombasa on Friday; survivors reached Malindi.\n")
    out, clean = tmp_path / "out", tmp_path / "clean"
    build([articles], out, gazetteer=gazetteer)
    fetched, real = [], ResultCache.load_texts
    monkeypatch.setattr(ResultCache, "load_texts", lambda self, keys, *a: fetched.extend(keys) or real(self, keys, *a))
    read = _reads(monkeypatch)
    build([articles], out, gazetteer=gazetteer)
    assert fetched == [] and read == []
    # a correction for one article: analysed again, its text from the cache, its file not read
    (articles / "corrections.csv").write_text("name,place,lat,lon,kind,article,note\nMalindi,none,,,,ferry.txt,\n")
    build([articles], out, gazetteer=gazetteer)
    assert len(fetched) == 1 and read == []
    build([articles], clean, gazetteer=gazetteer, cache=False)
    assert _files(out) == _files(clean) and "Malindi" not in (out / "data" / "places.csv").read_text()
    # its text gone from the cache: the file, unchanged, is read again
    with sqlite3.connect(cache_file(private_cache, code_version())) as db:
        db.execute("DELETE FROM texts")
    db.close()
    (articles / "corrections.csv").write_text("name,place,lat,lon,kind,article,note\nMombasa,none,,,,ferry.txt,\n")
    read.clear()
    build([articles], out, gazetteer=gazetteer)
    assert read == ["ferry.txt"] and "Malindi" in (out / "data" / "places.csv").read_text()


def test_an_article_whose_cached_text_is_gone_is_read_again_only_if_unchanged(tmp_path):
    from mapgen.build import _read_again
    from mapgen.documents import packed, read_document, whole
    from mapgen.errors import CacheError
    from mapgen.inputs import InputFile

    story = tmp_path / "ferry.txt"
    story.write_text(" date 2022-05-06\nA ferry sank off Mombasa on Friday.\n")
    f = InputFile("ferry.txt", str(story))
    d, _ = packed(read_document(f.path, f.shown, 10_000, name=f.name))
    assert "Mombasa" in whole(d, _read_again(f, d, 10_000)).text
    story.write_text(" date 2022-05-06\nA ferry sank off Lamu on Friday.\n")
    with pytest.raises(CacheError, match="ferry.txt: changed while the build ran; build again"):
        _read_again(f, d, 10_000)
    story.write_bytes(b"\0\1\2" * 10_000)
    with pytest.raises(CacheError, match="ferry.txt: its text left the result cache and the file cannot be read"):
        _read_again(f, d, 10_000)


def test_a_text_the_cache_lost_is_never_taken_from_the_files_earlier_content(articles, tmp_path, gazetteer,
                                                                             monkeypatch, private_cache):
    """A long-running build (--watch) holds a file's new document in memory; if the cache's write of its
    text failed, the text kept from the file's earlier content must not stand in for it."""
    from mapgen.cache import Memory, ResultCache

    monkeypatch.setattr("mapgen.documents._SETTLED_NS", 0)
    ferry = articles / "ferry.txt"
    ferry.write_text(" date 2022-05-06\nA ferry sank off Mombasa on Friday; survivors reached Malindi.\n")
    memory, out, clean = Memory(), tmp_path / "out", tmp_path / "clean"
    build([articles], out, gazetteer=gazetteer, memory=memory)
    ferry.write_text(" date 2022-05-07\nA ferry sank off Lamu on Saturday; survivors reached Kilifi.\n")
    real = ResultCache.flush

    def failing(self):  # what a failed transaction leaves: nothing written
        self._pending = []

    monkeypatch.setattr(ResultCache, "flush", failing)
    try:
        build([articles], out, gazetteer=gazetteer, memory=memory)
    except Exception:  # noqa: BLE001 (with nothing kept, the writers may find nothing: either way)
        pass
    monkeypatch.setattr(ResultCache, "flush", real)
    # a correction for the ferry article alone: analysed again, from its text
    (articles / "corrections.csv").write_text("name,place,lat,lon,kind,article,note\nKilifi,none,,,,ferry.txt,\n")
    build([articles], out, gazetteer=gazetteer, memory=memory)
    build([articles], clean, gazetteer=gazetteer, cache=False)
    assert _files(out) == _files(clean) and "Lamu" in (out / "data" / "places.csv").read_text()


def _page_data(out):
    page = (out / "index.html").read_text(encoding="utf-8")
    return json.loads(page.split('<script type="application/json" id="mapgen-data">', 1)[1].split("</script>", 1)[0])


def _place_file(out, key):
    """(events, [[source id, title], ...]) of the place whose file is `key`."""
    script = (out / "places" / f"{key}.js").read_text(encoding="utf-8")
    assert script.startswith(f'mapgenEvents("{key}",') and script.endswith(");\n")
    return json.loads("[" + script[len(f'mapgenEvents("{key}",'):-3] + "]")


def _months(day):
    return int(day[:4]) * 12 + int(day[5:7]) - 1


@pytest.fixture
def apart(monkeypatch):
    """Every overview keeps its events apart, as an archive's does."""
    monkeypatch.setattr("mapgen.maps.EVENTS_INLINE_UP_TO", 0)


def test_an_archives_overview_keeps_each_places_events_in_a_file_of_its_own(articles, tmp_path, gazetteer,
                                                                           monkeypatch):
    inline, out = tmp_path / "inline", tmp_path / "out"
    (articles / "floods.txt").write_text(" date 2021-06-10 Coast floods\nFloods hit Mombasa in March 2021 and again on 4 May 2021. "
                                         "A regatta was held in Mombasa in 2019.\n")
    build([articles], inline, gazetteer=gazetteer, cache=False)
    monkeypatch.setattr("mapgen.maps.EVENTS_INLINE_UP_TO", 0)
    build([articles], out, gazetteer=gazetteer, cache=False)
    whole = {p["id"]: p for p in _page_data(inline)["places"]}
    data, titles = _page_data(out), _page_data(inline)["sources"]
    assert data["placeFiles"] == "places/" and "placeFiles" not in _page_data(inline) and data["sources"] == {}
    assert [p["id"] for p in data["places"]] == list(whole) and sum(len(p["events"]) for p in whole.values()) > 5
    page = (out / "index.html").read_text(encoding="utf-8")
    for p in data["places"]:
        events, sources = whole[p["id"]].pop("events"), whole[p["id"]].pop("sources")
        assert {k: v for k, v in p.items() if k not in ("n", "months", "file", "v")} == whole[p["id"]]
        assert _place_file(out, p["file"]) == [events, [[s, titles[s]["t"]] for s in sources]]
        assert p["n"] == len(events) and sources
        assert not any(e[1] in page for e in events)  # the sentences are not in the page
        # the months named are exactly those some event touches, in runs
        runs = [range(p["months"][i], p["months"][i + 1] + 1) for i in range(0, len(p["months"]), 2)]
        touched = {m for e in events for m in range(_months(e[3]), _months(e[-1]) + 1)}
        assert {m for r in runs for m in r} == touched and all(a.stop < b.start for a, b in zip(runs, runs[1:]))
    listed = json.loads((out / "mapgen-manifest.json").read_text())["sha256"]
    assert sorted(f for f in listed if f.startswith("places/")) == sorted(
        f"places/{p['file']}.js" for p in data["places"])
    (mombasa,) = [p for p in data["places"] if p["name"] == "Mombasa"]
    assert mombasa["months"] == [2019 * 12, 2019 * 12 + 11, 2021 * 12 + 2, 2021 * 12 + 2, 2021 * 12 + 4, 2021 * 12 + 4]


def test_an_article_added_changes_the_event_files_of_only_the_places_it_names(articles, tmp_path, gazetteer, apart,
                                                                              private_cache, monkeypatch):
    import mapgen.output

    out, clean = tmp_path / "out", tmp_path / "clean"
    build([articles], out, gazetteer=gazetteer)
    before = {p.name: p.stat().st_ino for p in (out / "places").iterdir()}
    ganja = next(f"{p['file']}.js" for p in _page_data(out)["places"] if p["name"] == "Ganja")
    (articles / "ferry.txt").write_text(" date 2022-05-06\nA ferry sank off Mombasa on Friday; survivors reached Malindi.\n")
    (articles / "again.txt").write_text(" date 2022-05-08\nMissiles struck Ganja again on Saturday.\n")
    hashed, real = [], mapgen.output._sha256
    monkeypatch.setattr(mapgen.output, "_sha256", lambda path: hashed.append(str(path)) or real(path))
    build([articles], out, gazetteer=gazetteer)
    after = {p.name: p.stat().st_ino for p in (out / "places").iterdir()}
    assert set(before) < set(after)  # a file a place, under the same name from build to build
    assert after[ganja] != before[ganja] and "again on Saturday" in (out / "places" / ganja).read_text()
    kept = [name for name in before if name != ganja]
    assert kept and all(after[name] == before[name] for name in kept)  # linked, not drawn
    assert not [h for h in hashed if any(h.endswith(name) for name in kept)]  # nor read again for the manifest
    build([articles], clean, gazetteer=gazetteer, cache=False)
    assert _files(out) == _files(clean)
    gone = sorted((out / "places").iterdir())[0]  # a file lost from the output is written again
    gone.unlink()
    build([articles], out, gazetteer=gazetteer)
    assert _files(out) == _files(clean)


def test_an_overview_that_crosses_the_line_either_way_is_the_clean_build(articles, tmp_path, gazetteer, monkeypatch,
                                                                         private_cache):
    out = tmp_path / "out"
    for n, inline_up_to in enumerate([10_000, 0, 10_000]):  # inline, apart, inline again
        monkeypatch.setattr("mapgen.maps.EVENTS_INLINE_UP_TO", inline_up_to)
        build([articles], out, gazetteer=gazetteer)
        build([articles], tmp_path / f"clean{n}", gazetteer=gazetteer, cache=False)
        assert _files(out) == _files(tmp_path / f"clean{n}")
        assert (out / "places").exists() == (inline_up_to == 0)
