import json
import os

import pytest

from mapgen.build import build
from mapgen.escaping import script_json, text

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "${alert(4)}",
    "back\\slash `tick`",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_escapes_markup_and_template_syntax(payload):
    out = text(payload)
    assert "<" not in out and ">" not in out and "`" not in out and "${" not in out and "\\" not in out


def test_script_json_cannot_close_its_script_element():
    s = script_json({"a": "</script><script>alert(1)</script>"})
    assert "</script>" not in s and json.loads(s) == {"a": "</script><script>alert(1)</script>"}


@pytest.fixture(scope="module")
def built(tmp_path_factory, gazetteer):
    root = tmp_path_factory.mktemp("maps")
    arts = root / "articles"
    arts.mkdir()
    (arts / "lachin.txt").write_text(
        " date 2020-12-02 Troops enter Lachin\nAzerbaijani troops entered Lachin on Dec. 1, officials in Baku said.\n"
    )
    hostile = " ".join(PAYLOADS)
    (arts / 'evil "><img src=x onerror=alert(9)>.txt').write_text(
        f" date 2021-01-05 {hostile} in Ganja\nMissiles struck Ganja on Sunday, Azerbaijan said. {hostile}\n"
    )
    report = build([arts], root / "out", gazetteer=gazetteer)
    return root / "out", report


def test_pages_have_a_title_and_no_random_ids(built):
    out, _ = built
    page = (out / "index.html").read_text()
    assert "<title>Where the news is: " in page
    assert "uuid" not in page
    for payload in PAYLOADS:
        assert payload not in page


# places drawn: a marker each, or counted in a cluster (markers are made only for what is shown singly near the view)
DRAWN = """() => document.querySelectorAll('path.leaflet-interactive').length
    + [...document.querySelectorAll('.mapgen-cluster')].reduce((n, e) => n + Number(e.textContent), 0)"""
CLUSTERED = "mapgenPlaces.filter(p => p.why === 'cluster').length"


def marker_of(page, place_id):
    """Zoom the map to a place (so no cluster hides it) and return its marker, to be clicked as a reader would."""
    return page.evaluate_handle(
        """(id) => {
            let target = null;
            window.mapgenLayer.eachLayer((l) => { if (l.feature.properties.id === id) target = l; });
            mapgenMap.setView(target.getLatLng(), 14, {animate: false});
            return target.getElement();
        }""",
        place_id,
    ).as_element()


@pytest.mark.browser
def test_crowded_places_cluster_and_a_click_opens_the_cluster(built, page):
    out, report = built
    page.set_viewport_size({"width": 500, "height": 400})
    page.goto((out / "index.html").as_uri())
    page.wait_for_selector("path.leaflet-interactive")
    page.evaluate("mapgenMap.setZoom(3, {animate: false})")
    clusters = page.locator(".mapgen-cluster")
    assert clusters.count() >= 1
    members = int(clusters.first.inner_text())
    label = clusters.first.get_attribute("aria-label")
    assert label.startswith(f"{members} places here: ")
    zoom = page.evaluate("mapgenMap.getZoom()")
    hidden = page.evaluate(CLUSTERED)
    assert hidden >= members
    clusters.first.click()
    page.wait_for_function(f"mapgenMap.getZoom() > {zoom}")
    page.wait_for_function(f"{CLUSTERED} < {hidden}")
    # every place in view is drawn, as its marker or in a cluster's count
    assert page.evaluate("""() => mapgenPlaces.filter(p => p.visible && mapgenMap.getBounds().contains([p.lat, p.lon]))
        .every(p => p.marker && document.body.contains(p.marker.getElement()))""")
    assert page.evaluate(f"mapgenPlaces.filter(p => p.visible).length + {CLUSTERED}") == report.places


@pytest.mark.browser
def test_overview_map_shows_one_marker_per_place_and_popups_show_sentences(built, page):
    out, report = built
    page.goto((out / "index.html").as_uri())
    page.wait_for_selector("path.leaflet-interactive")
    assert page.evaluate(DRAWN) == report.places  # the first view frames every place
    marker_of(page, "geonames:147625").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Azerbaijani troops entered Lachin on Dec. 1" in popup.inner_text()
    assert "1 December 2020" in popup.inner_text()
    assert page.console_errors == [] and page.dialogs == []


@pytest.mark.browser
def test_hostile_article_text_and_file_name_render_as_text(built, page):
    out, _ = built
    sources = json.loads((out / "data" / "sources.json").read_text())
    evil = next(s for s in sources if "evil" in s["file"])
    page.goto((out / "sources" / f"{evil['id']}.html").as_uri())
    page.wait_for_selector("path.leaflet-interactive")
    seen_ganja = False
    ids = [f["properties"]["id"] for f in json.loads((out / "data" / "places.geojson").read_text())["features"]
           if evil["id"] in f["properties"]["sources"]]
    for place_id in ids:
        marker_of(page, place_id).click()
        page.wait_for_selector(".leaflet-popup-content")
        shown = page.locator(".leaflet-popup-content").last.inner_text()
        if shown.startswith("Ganja"):
            seen_ganja = True
            assert "<img src=x onerror=alert(2)>" in shown and "${alert(4)}" in shown and "back\\slash `tick`" in shown
        page.locator(".leaflet-popup-close-button").last.click()
        page.wait_for_selector(".leaflet-popup-content", state="detached")
    assert seen_ganja
    assert "<script>alert(1)</script>" in page.locator(".mapgen-header").inner_text()
    assert page.dialogs == [] and page.console_errors == []
    assert page.title().startswith("<script>alert(1)</script>")


@pytest.fixture(scope="module")
def styled(tmp_path_factory, gazetteer):
    from mapgen.maps import MapStyle

    root = tmp_path_factory.mktemp("styled")
    arts = root / "articles"
    arts.mkdir()
    (arts / "a.txt").write_text(" date 2020-12-02 Troops enter Lachin\nAzerbaijani troops entered Lachin on Dec. 1, officials in Baku said.\n")
    (arts / "b.txt").write_text(
        " date 2021-01-05 Ganja rebuilds\nMissiles struck Ganja in October 2020. "
        "Officials in Ganja said on Sunday that rebuilding had begun. Tovuz was calm in 2019.\n"
    )
    style = MapStyle(title="Karabakh, mapped", dek="Where the war was fought", credit="Graphics desk",
                     self_contained=True)
    build([arts], root / "out", gazetteer=gazetteer, style=style, base_url="https://example.org/maps/")
    return root / "out"


def test_page_basics_for_readers_and_assistive_technology(styled):
    page = (styled / "index.html").read_text()
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert "<title>Karabakh, mapped</title>" in page
    assert "user-scalable=no" not in page and "maximum-scale" not in page
    assert 'role="region" aria-label="Map of ' in page
    assert "Source: " in page and "Map: Graphics desk, made with mapgen." in page
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()


def test_embed_snippets_point_at_the_published_maps(styled):
    embed = (styled / "embed.txt").read_text()
    assert '<iframe id="mapgen-index" src="https://example.org/maps/index.html" title="Karabakh, mapped"' in embed
    assert embed.count("<iframe") == 3 and "mapgen-height" in embed


@pytest.mark.browser
def test_self_contained_page_needs_no_request_but_tiles(styled, browser):
    ctx = browser.new_context()
    pg = ctx.new_page()
    requests, errors = [], []
    pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
    pg.on("pageerror", lambda e: errors.append(str(e)))

    def handle(route):
        url = route.request.url
        if url.startswith("file://"):
            return route.continue_()
        if "tile" in url:
            return route.fulfill(body=_png(), content_type="image/png")
        requests.append(url)
        return route.abort()

    pg.route("**/*", handle)
    pg.goto((styled / "index.html").as_uri())
    pg.wait_for_selector("path.leaflet-interactive")
    assert pg.evaluate(DRAWN) == len(
        json.loads((styled / "data" / "places.geojson").read_text())["features"])
    assert requests == [] and errors == []
    ctx.close()


def _png():
    from conftest import _PNG_1x1

    return _PNG_1x1


@pytest.mark.browser
def test_time_control_changes_what_is_shown(styled, page):
    page.goto((styled / "index.html").as_uri())
    page.wait_for_selector("path.leaflet-interactive")
    total = page.evaluate(DRAWN)
    slider = page.locator("#mapgen-time-input")
    assert slider.get_attribute("max") == "3"  # 2019, 2020, 2021
    slider.fill("1")  # 2019: only Tovuz was named for it
    assert page.locator("#mapgen-time-value").inner_text() == "2019"
    assert page.evaluate(DRAWN) == 1
    slider.fill("2")  # 2020
    assert 1 < page.evaluate(DRAWN) < total
    slider.fill("0")
    assert page.evaluate(DRAWN) == total
    assert page.console_errors == []


@pytest.mark.browser
def test_table_alternative_is_reachable_by_keyboard(styled, page):
    page.goto((styled / "index.html").as_uri())
    page.wait_for_selector("path.leaflet-interactive")
    page.focus(".mapgen-table summary")
    page.keyboard.press("Enter")
    table = page.locator(".mapgen-table table")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == len(json.loads((styled / "data" / "places.geojson").read_text())["features"])
    assert "Azerbaijani troops entered Lachin on Dec. 1" in table.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 600, 1200])
def test_map_fills_its_frame_at_any_width(styled, browser, width):
    ctx = browser.new_context(viewport={"width": width, "height": 480})
    pg = ctx.new_page()
    pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.fulfill(body=_png()))
    pg.goto((styled / "index.html").as_uri())
    pg.wait_for_selector("path.leaflet-interactive")
    box = pg.locator(".folium-map").bounding_box()
    assert box["width"] == pytest.approx(width, abs=1) and box["height"] >= 180
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    ctx.close()


@pytest.mark.browser
def test_embed_snippet_resizes_its_iframe(styled, page):
    snippet = next(line for line in (styled / "embed.txt").read_text().splitlines() if 'id="mapgen-index"' in line)
    host = styled / "host.html"
    host.write_text("<!DOCTYPE html><html><body style='width:500px'>" + snippet.replace(
        "https://example.org/maps/", "") + "</body></html>")
    page.goto(host.as_uri())
    page.wait_for_function("document.getElementById('mapgen-index').style.height !== '520px'", timeout=10_000)
    height = page.evaluate("parseInt(document.getElementById('mapgen-index').style.height)")
    assert 260 < height < 900


@pytest.mark.parametrize(("first", "last", "words"), [
    ("2020", None, "2020"),
    ("2020-12", None, "December 2020"),
    ("2020-12-01", None, "1 December 2020"),
    ("2020-12-01", "2020-12-03", "1\u20133 December 2020"),
    ("2020-11-28", "2020-12-03", "28 November \u2013 3 December 2020"),
    ("2020-12", "2021-02", "December 2020 \u2013 February 2021"),
    ("2019", "2021", "2019 \u2013 2021"),
])
def test_dates_are_written_in_words(first, last, words):
    from mapgen.maps import human_span

    assert human_span(first, last) == words


def test_unknown_basemap_is_the_users_error():
    from mapgen.errors import InputError
    from mapgen.maps import MapStyle

    with pytest.raises(InputError, match="--basemap 'satellite'"):
        MapStyle(basemap="satellite").tile_provider()


_TILES_IN_A_FRESH_PROCESS = """
import json, sys
from mapgen.maps import MapStyle
t = MapStyle(tiles=sys.argv[1]).tile_provider()
print(json.dumps([t.url, t.attribution, t.max_zoom, "xyzservices" in sys.modules]))
"""


def test_the_tiles_xyzservices_names_are_kept_so_later_builds_need_not_import_it(tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "MAPGEN_CACHE_DIR": str(tmp_path)}

    def tiles(name: str) -> list:
        done = subprocess.run([sys.executable, "-c", _TILES_IN_A_FRESH_PROCESS, name], env=env,
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    first = tiles("CartoDB.Positron")
    assert "basemaps.cartocdn.com" in first[0] and "{r}" in first[0] and "CARTO" in first[1]
    assert first[3] is True  # asked xyzservices
    again = tiles("CartoDB.Positron")
    assert again[:3] == first[:3] and again[3] is False
    # another name is asked again and kept beside the first; a damaged file is asked again and rewritten
    assert tiles("OpenStreetMap.Mapnik")[3] is True and tiles("OpenStreetMap.Mapnik")[3] is False
    (kept,) = (tmp_path / "tiles").iterdir()
    assert sorted(json.loads(kept.read_text(encoding="utf-8"))) == ["CartoDB.Positron", "OpenStreetMap.Mapnik"]
    kept.write_text("{not json", encoding="utf-8")
    assert tiles("CartoDB.Positron") == first and tiles("CartoDB.Positron")[:3] == first[:3]


def test_an_unknown_tiles_name_is_the_users_error_with_the_names_kept():
    from mapgen.errors import InputError
    from mapgen.maps import MapStyle

    MapStyle().tile_provider()
    with pytest.raises(InputError, match="unknown --tiles 'Nope.Tiles'"):
        MapStyle(tiles="Nope.Tiles").tile_provider()


def test_outline_basemap_is_land_lakes_and_borders_in_range_and_light():
    from mapgen.basemap import outline_geojson, outline_script

    kinds = {f["properties"]["kind"]: f["geometry"] for f in outline_geojson()["features"]}
    assert set(kinds) == {"land", "lake", "border"}
    assert len(kinds["land"]["coordinates"]) > 100 and len(kinds["border"]["coordinates"]) > 100
    for ring in (r for poly in kinds["land"]["coordinates"] for r in poly):
        assert ring[0] == ring[-1]
        assert all(-180.01 <= x <= 180.01 and -90.01 <= y <= 90.01 for x, y in ring)
    assert len(outline_script()) < 1_000_000


@pytest.mark.browser
def test_labels_use_the_articles_spelling_and_the_popup_the_gazetteers(built, page):
    out, _ = built
    page.goto((out / "index.html").as_uri())
    page.wait_for_selector("#mapgen-map.mapgen-ready")
    labels = page.locator(".mapgen-label").all_inner_texts()
    assert "Lachin" in labels and "La\u00e7\u0131n" not in labels  # the article writes Lachin
    marker_of(page, "geonames:147625").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("h3").inner_text() == "Lachin" and "in the gazetteer, La\u00e7\u0131n" in popup.inner_text()


def test_the_table_lists_places_by_the_name_shown_accents_and_case_aside():
    from mapgen.exports import Collection, PlaceRow
    from mapgen.maps import page_places
    from mapgen.model import Candidate

    def row(gid, name, label=""):
        c = Candidate(f"geonames:{gid}", name, "city", "XX", 0.0, 0.0)
        return PlaceRow(c, (name,), ("s",), 1, 1.0, label) if label else PlaceRow(c, (name,), ("s",), 1, 1.0)

    places = (row(1, "Zwolle"), row(2, "Ürümqi"), row(3, "aachen"), row(4, "Republic of the Congo", "Congo"),
              row(5, "Delta Amacuro"), row(6, "Urumqi"))
    shown = [p.label or p.candidate.name for p in page_places(Collection((), places, ()))]
    assert shown == ["aachen", "Congo", "Delta Amacuro", "Ürümqi", "Urumqi", "Zwolle"]
