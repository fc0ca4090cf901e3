"""What a reader sees on a map page, offline, at phone, column and desktop widths.

Every non-file request is blocked, as in a CMS preview or on a train: the
pages must draw their outline basemap, frame every place the article names,
label the important ones without hover, and work from the keyboard.
"""
import json
import re

import pytest

from mapgen.build import build
from mapgen.maps import MapStyle

ARTICLES = {
    "porto.txt": " date 2023-03-04 Floods close roads in northern Portugal\n"
    "Floods closed roads in Porto and Coimbra on 3 March 2023. Officials in Lisbon said Portugal and Spain would share "
    "pumps. Braga was spared, and Porto reopened its bridges on Saturday. Porto's mayor thanked volunteers.\n",
    "greece.txt": " date 2022-08-13 Fires burn in the Peloponnese\n"
    "Wildfires burned near Nafplio and Tripoli in Greece on 12 August 2022, firefighters in Athens said. "
    "Canada sent two water bombers. Nafplio was evacuated on Friday.\n",
    "belgium.txt": " date 2024-02-03 Storm hits Flanders\n"
    "Storms struck Ghent, Bruges, Antwerp, Leuven, Mechelen and Aalst on 2 February 2024, officials in Brussels said. "
    "Ostend lost power. Ghent and Antwerp reopened schools on Monday.\n",
    "quiet.txt": " date 2024-01-01 A quiet day\nNothing happened today, the committee said. Members meet next week.\n",
    "harbour.txt": " date 2021-12-20 A year in the harbour\n" + " ".join(
        f"On {d} {m} 2021 a ship docked in Gdansk." for d, m in [
            (3, "January"), (9, "February"), (14, "March"), (2, "April"), (21, "May"), (6, "June"), (30, "July"),
            (11, "August"), (19, "September"), (8, "October"), (25, "November")]) + "\n",
}
WIDTHS = [320, 600, 1200]


def _build(root, gazetteer, **style):
    arts = root / "articles"
    arts.mkdir(exist_ok=True)
    for name, body in ARTICLES.items():
        (arts / name).write_text(body)
    report = build([arts], root / "out", gazetteer=gazetteer, style=MapStyle(self_contained=True, **style))
    return root / "out", report


@pytest.fixture(scope="module")
def outline(tmp_path_factory, gazetteer):
    return _build(tmp_path_factory.mktemp("outline"), gazetteer, basemap="outline")


@pytest.fixture(scope="module")
def tiled(tmp_path_factory, gazetteer):
    return _build(tmp_path_factory.mktemp("tiled"), gazetteer)


def _sources(out):
    return {s["file"].rsplit("/", 1)[-1]: s["id"] for s in json.loads((out / "data" / "sources.json").read_text())}


def _places(out, source_id):
    feats = json.loads((out / "data" / "places.geojson").read_text())["features"]
    return [dict(f["properties"], lon=f["geometry"]["coordinates"][0], lat=f["geometry"]["coordinates"][1])
            for f in feats if source_id in f["properties"]["sources"]]


@pytest.fixture
def offline(browser):
    """Open a page with every non-file request aborted; records console errors and what was blocked."""
    contexts = []

    def open_page(path, width, height=450, init=None):
        ctx = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(ctx)
        pg = ctx.new_page()
        if init:
            pg.add_init_script(init)
        pg.errors, pg.blocked = [], []
        pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))

        def handle(route):
            if route.request.url.startswith(("file:", "data:")):
                return route.continue_()
            pg.blocked.append(route.request.url)
            return route.abort()

        pg.route("**/*", handle)
        pg.goto(path.as_uri())
        pg.wait_for_selector("#mapgen-map.mapgen-ready")
        pg.wait_for_timeout(150)
        return pg

    yield open_page
    for ctx in contexts:
        ctx.close()


def _in_view(pg, places):
    return pg.evaluate(
        "(ps) => ps.filter(p => mapgenMap.getBounds().contains([p.lat, p.lon])).map(p => p.name)",
        [{"lat": p["lat"], "lon": p["lon"], "name": p["name"]} for p in places])


def _visible_labels(pg):
    return pg.evaluate("""() => [...document.querySelectorAll('.mapgen-label, .mapgen-cluster')]
        .filter(e => getComputedStyle(e).display !== 'none')
        .map(e => { const r = e.getBoundingClientRect(); return {text: e.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom}; })""")


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("article", ["porto.txt", "belgium.txt"])
def test_every_place_of_an_article_is_in_its_initial_view(outline, offline, article, width):
    out, _ = outline
    sid = _sources(out)[article]
    places = _places(out, sid)
    pg = offline(out / "sources" / f"{sid}.html", width)
    assert sorted(_in_view(pg, places)) == sorted(p["name"] for p in places)
    box = pg.locator("#mapgen-map").bounding_box()
    for el in pg.locator("path.mapgen-marker").all():  # markers whole, not cut by the frame
        r = el.bounding_box()
        assert r["x"] >= box["x"] and r["x"] + r["width"] <= box["x"] + box["width"]
        assert r["y"] >= box["y"] and r["y"] + r["height"] <= box["y"] + box["height"]
    assert pg.errors == [] and pg.blocked == []


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_a_far_country_is_noted_rather_than_zooming_the_story_out(outline, offline, width):
    out, _ = outline
    sid = _sources(out)["greece.txt"]
    places = _places(out, sid)
    pg = offline(out / "sources" / f"{sid}.html", width)
    shown = set(_in_view(pg, places))
    assert {p["name"] for p in places} - shown == {"Canada"}
    note = pg.locator(".mapgen-far")
    assert note.inner_text() == "+ Canada"
    note.click()
    assert set(_in_view(pg, places)) == {p["name"] for p in places}
    assert pg.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("article", ["porto.txt", "belgium.txt", "greece.txt"])
def test_top_places_are_labelled_without_hover_and_labels_never_overlap(outline, offline, article, width):
    out, _ = outline
    sid = _sources(out)[article]
    places = sorted(_places(out, sid), key=lambda p: -p["mentions"])
    pg = offline(out / "sources" / f"{sid}.html", width)
    labels = _visible_labels(pg)
    texts = {x["text"] for x in labels}
    def called(p):  # a label is the gazetteer's name or the article's own spelling ("Ghent" for Gent)
        return {p["name"], *p["names_in_text"]}

    assert texts & called(places[0])  # the most-mentioned place is always labelled
    labelled = sum(bool(texts & called(p)) for p in places[:4])
    assert labelled >= min(3, len(places))
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not (a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]), (a, b)
    assert pg.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("article", ["porto.txt", "belgium.txt", "greece.txt", "harbour.txt"])
def test_first_popup_fits_a_phone_screen_above_the_controls(outline, offline, article):
    out, _ = outline
    sid = _sources(out)[article]
    pg = offline(out / "sources" / f"{sid}.html", 320, 480)
    pg.locator("path.mapgen-marker").first.click(force=True)
    popup = pg.locator(".leaflet-popup")
    popup.wait_for()
    pg.wait_for_timeout(400)  # auto-pan
    r = popup.bounding_box()
    assert r["x"] >= 0 and r["y"] >= 0 and r["x"] + r["width"] <= 320 and r["y"] + r["height"] <= 480
    close = pg.locator(".leaflet-popup-close-button").bounding_box()
    assert close["width"] >= 44 and close["height"] >= 44
    # the popup is drawn above the map's controls while it is open
    top = pg.evaluate("""() => { const r = document.querySelector('.leaflet-popup-content').getBoundingClientRect();
        const el = document.elementFromPoint(r.left + r.width / 2, r.top + 8); return !!el.closest('.leaflet-popup'); }""")
    assert top
    assert pg.errors == []


@pytest.mark.browser
def test_a_crowded_popup_is_capped_with_a_link_to_the_table(outline, offline):
    out, _ = outline
    sid = _sources(out)["harbour.txt"]
    pg = offline(out / "sources" / f"{sid}.html", 600)
    pg.locator("path.mapgen-marker").first.click(force=True)
    popup = pg.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("li").count() == 8
    more = popup.locator(".more a")
    assert more.inner_text() == "+ 3 more in the table"
    pg.wait_for_timeout(400)  # the popup's auto-pan, which moves the link, is over
    more.click()
    pg.wait_for_function("document.getElementById('mapgen-table').open", timeout=15_000)  # opened by the click
    assert pg.locator("#mapgen-table").evaluate("d => d.open")


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_controls_are_44_px_targets_and_the_legend_collapses_on_a_phone(outline, offline, width):
    out, _ = outline
    pg = offline(out / "index.html", width, 700)
    for sel in [".leaflet-control-zoom-in", ".leaflet-control-zoom-out", ".mapgen-fullscreen", ".mapgen-legend summary"]:
        r = pg.locator(sel).bounding_box()
        assert r["width"] >= 44 and r["height"] >= 44, sel
    legend = pg.locator(".mapgen-legend")
    assert legend.is_visible()
    assert legend.evaluate("d => d.open") == (width > 700)
    pg.locator(".mapgen-legend summary").click()  # a tap toggles it
    assert legend.evaluate("d => d.open") == (width <= 700)
    if width <= 700:
        assert "places grouped here" in legend.inner_text()


@pytest.mark.browser
def test_clusters_are_sized_by_count_apart_and_operable_by_keyboard(outline, offline):
    out, _ = outline
    pg = offline(out / "index.html", 600)
    pg.evaluate("mapgenMap.setView([46, 5], 3, {animate: false})")
    clusters = pg.locator(".mapgen-cluster")
    assert clusters.count() >= 2
    boxes = pg.evaluate("""() => [...document.querySelectorAll('.mapgen-cluster')].map(e => {
        const r = e.getBoundingClientRect(); return {n: +e.textContent, x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width}; })""")
    for i, a in enumerate(boxes):
        assert a["w"] >= 44
        for b in boxes[i + 1:]:
            assert ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 >= (a["w"] + b["w"]) / 2
            if a["n"] > b["n"]:
                assert a["w"] > b["w"]
    # only what is on screen is a tab stop: markers inside a cluster or off the view are not
    assert pg.evaluate("""() => { const m = document.getElementById('mapgen-map').getBoundingClientRect();
        return [...document.querySelectorAll('[tabindex="0"].mapgen-marker, [tabindex="0"].mapgen-cluster')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.right < m.left || r.left > m.right || r.bottom < m.top || r.top > m.bottom; }).length; }""") == 0
    # a place inside a cluster has no marker on the page, so it cannot be a tab stop
    assert pg.evaluate("""() => { const inside = mapgenPlaces.filter(p => p.why === 'cluster');
        return inside.length > 0 && inside.every(p => !p.marker || !document.body.contains(p.marker.getElement())); }""")
    big = max(boxes, key=lambda b: b["n"])
    zoom = pg.evaluate("mapgenMap.getZoom()")
    el = pg.locator(".mapgen-cluster", has_text=str(big["n"])).first
    el.focus()
    pg.keyboard.press("Enter")
    pg.wait_for_function(f"mapgenMap.getZoom() > {zoom}")
    pg.wait_for_timeout(300)
    focused = pg.evaluate("document.activeElement.getAttribute('class') || ''")
    assert "mapgen-marker" in focused or "mapgen-cluster" in focused  # focus stays on what was opened
    zoom = pg.evaluate("mapgenMap.getZoom()")
    cluster = pg.locator(".mapgen-cluster").first
    if cluster.count():
        cluster.focus()
        pg.keyboard.press(" ")
        pg.wait_for_function(f"mapgenMap.getZoom() > {zoom}")
    assert pg.errors == []


@pytest.mark.browser
def test_a_popup_opened_from_the_keyboard_takes_focus_and_gives_it_back(outline, offline):
    out, _ = outline
    sid = _sources(out)["porto.txt"]
    pg = offline(out / "sources" / f"{sid}.html", 600)
    marker = pg.locator("path.mapgen-marker[tabindex='0']").first
    marker.focus()
    name = marker.get_attribute("aria-label")
    pg.keyboard.press("Enter")
    pg.locator(".leaflet-popup").wait_for()
    assert pg.evaluate("!!document.activeElement.closest('.leaflet-popup')")
    assert pg.evaluate("document.activeElement.textContent").startswith(name.split(" (")[0])
    pg.keyboard.press("Escape")
    pg.locator(".leaflet-popup").wait_for(state="detached")
    assert pg.evaluate("document.activeElement.getAttribute('aria-label')") == name
    # the map's buttons come before its places, and the table after the map, in the focus order
    assert pg.evaluate("""() => { const c = document.querySelector('.leaflet-control-zoom-in');
        return !!(c.compareDocumentPosition(document.querySelector('path.mapgen-marker')) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    assert pg.evaluate("""() => !!(document.getElementById('mapgen-map')
        .compareDocumentPosition(document.getElementById('mapgen-table')) & Node.DOCUMENT_POSITION_FOLLOWING)""")


def _outline_colours(pg):
    """How many distinct colours the outline's canvas has drawn (0 when it is blank)."""
    pg.wait_for_timeout(300)
    return pg.evaluate("""() => { const c = document.querySelector('.leaflet-mapgen-outline-pane canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, seen = new Set();
        for (let i = 0; i < d.length; i += 4 * 97) if (d[i + 3] > 0) seen.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2]);
        return seen.size; }""")


@pytest.mark.browser
def test_outline_basemap_draws_when_every_request_is_blocked(tiled, offline):
    out, _ = tiled
    sid = _sources(out)["porto.txt"]
    pg = offline(out / "sources" / f"{sid}.html", 600)
    pg.wait_for_selector(".mapgen-outline-on .leaflet-mapgen-outline-pane canvas", timeout=5000)
    assert _outline_colours(pg) >= 2  # land, and sea or borders
    assert pg.blocked  # the tiles were asked for and refused
    assert [e for e in pg.errors if "Failed to load resource" not in e] == []


@pytest.mark.browser
def test_chosen_outline_basemap_asks_for_nothing(outline, offline):
    out, _ = outline
    pg = offline(out / "index.html", 600)
    pg.wait_for_selector(".leaflet-mapgen-outline-pane canvas")
    assert _outline_colours(pg) >= 2
    assert pg.blocked == [] and pg.errors == []
    assert "GSHHS" in pg.locator(".leaflet-control-attribution").inner_text()


@pytest.mark.browser
def test_a_page_whose_cdn_is_blocked_falls_back_to_its_own_leaflet(tmp_path, gazetteer, offline):
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "porto.txt").write_text(ARTICLES["porto.txt"])
    build([arts], tmp_path / "out", gazetteer=gazetteer, style=MapStyle(self_contained=False, basemap="outline"))
    assert "cdn.jsdelivr.net" in (tmp_path / "out" / "index.html").read_text()
    pg = offline(tmp_path / "out" / "index.html", 600)
    assert pg.locator("path.mapgen-marker").count() > 0
    assert pg.evaluate("getComputedStyle(document.querySelector('.leaflet-pane')).position") == "absolute"  # its CSS too
    assert any("leaflet" in u for u in pg.blocked)
    assert [e for e in pg.errors if "Failed to load resource" not in e] == []


@pytest.mark.browser
def test_time_filter_shows_its_range_and_the_table_follows_it(outline, offline):
    out, _ = outline
    pg = offline(out / "index.html", 1200)
    slider = pg.locator("#mapgen-time-input")
    assert pg.locator(".mapgen-time-range").inner_text() == "2021 \u2013 2024"
    rows = pg.locator("#mapgen-table tbody tr")
    total = rows.count()
    slider.fill("1")  # 2021: only the harbour
    assert pg.locator("#mapgen-time-value").inner_text() == "2021"
    pg.locator("#mapgen-table summary").click()
    assert pg.locator("#mapgen-table tbody tr:not([hidden])").count() == 1
    slider.fill("0")
    assert pg.locator("#mapgen-table tbody tr:not([hidden])").count() == total


def test_an_article_with_no_place_gets_no_page_and_no_embed(outline):
    out, report = outline
    sid = _sources(out)["quiet.txt"]
    assert not (out / "sources" / f"{sid}.html").exists()
    assert f"{sid}.html" not in (out / "embed.txt").read_text()
    assert [p.rsplit("/", 1)[-1] for p in report.unmapped] == ["quiet.txt"]


def test_pages_share_one_copy_of_leaflet(outline):
    out, _ = outline
    pages = [out / "index.html", *sorted((out / "sources").glob("*.html"))]
    assert len(pages) == 5
    for p in pages:
        html = p.read_text()
        assert "@preserve" not in html and len(html) < 40_000  # Leaflet's banner: its code is not in the page
        assert 'assets/leaflet.js"' in html
    assert "@preserve" in (out / "assets" / "leaflet.js").read_text()


@pytest.mark.browser
def test_links_open_in_the_parent_page_not_inside_the_iframe(outline, offline):
    out, _ = outline
    pg = offline(out / "index.html", 1200, 700)
    pg.evaluate("""() => { let t = null; mapgenLayer.eachLayer(l => { if (l.feature.properties.name === 'Porto') t = l; });
        mapgenMap.setView(t.getLatLng(), 12, {animate: false}); t.openPopup(); }""")
    links = pg.locator(".leaflet-popup-content a")
    assert links.count() >= 2  # its events' article map and the article naming it
    assert {a.get_attribute("target") for a in links.all()} == {"_top"}
    pg.locator("#mapgen-table summary").click()
    table_links = pg.locator("#mapgen-table a")
    assert table_links.count() > 0 and {a.get_attribute("target") for a in table_links.all()} == {"_top"}
    sid = _sources(out)["porto.txt"]
    article = (out / "sources" / f"{sid}.html").read_text()
    assert '<a href="../index.html" target="_top">' in article


@pytest.mark.browser
def test_a_tap_near_a_small_dot_opens_it(outline, offline):
    out, _ = outline
    sid = _sources(out)["porto.txt"]
    pg = offline(out / "sources" / f"{sid}.html", 320, 480)
    box = pg.evaluate("""() => { const ps = [...document.querySelectorAll('path.mapgen-marker')].map(e => e.getBoundingClientRect());
        const m = document.getElementById('mapgen-map').getBoundingClientRect();
        // a dot with nothing else within 30 px, so the tap can only mean it
        const lone = ps.find(r => ps.every(o => o === r || Math.hypot(o.x - r.x, o.y - r.y) > 30)
                                  && r.left > m.left + 60 && r.right < m.right - 40 && r.top > m.top + 10 && r.bottom < m.bottom - 60);
        return lone ? {x: lone.x + lone.width / 2, y: lone.y + lone.height / 2, r: lone.width / 2} : null; }""")
    assert box is not None
    pg.mouse.click(box["x"] + box["r"] + 12, box["y"])  # beside the dot, inside a 44 px target
    pg.locator(".leaflet-popup").wait_for(timeout=3000)


def _stress_collection(n=5000):
    """n made-up towns spread like news places (dense in Europe, sparse at sea), two dated events each."""
    import random

    from mapgen.exports import Collection, PlaceRow
    from mapgen.model import Candidate, Event, Source

    rnd = random.Random(11)
    sources = tuple(Source(f"{i:016x}", f"s{i}.txt", f"Dispatch {i}", "2022-05-01", "0") for i in range(200))
    places, events = [], []
    for i in range(n):
        lat, lon = max(-60.0, min(70.0, rnd.gauss(35, 18))), max(-170.0, min(170.0, rnd.gauss(15, 50)))
        name = "Hamlet <b>bold</b> & co" if i == 0 else f"Hamlet {i}"
        c = Candidate(f"geonames:{900000 + i}", name, "town", "ZZ", lat, lon)
        s = sources[i % len(sources)].id
        places.append(PlaceRow(c, (name,), (s,), 1 + i % 5, 1.0))
        events += [Event(f"x{i}-{k}", c.id, s, f"{2019 + k}-0{1 + i % 9}-0{1 + k}", None, "day",
                         f"A ferry called at {name} ({k}).", 0, 5) for k in range(2)]
    return Collection(sources, tuple(places), tuple(events))


@pytest.fixture(scope="module")
def stress(tmp_path_factory):
    from mapgen.maps import write_maps

    out = tmp_path_factory.mktemp("stress")
    write_maps(_stress_collection(), out, MapStyle(self_contained=True, basemap="outline"))
    return out


_DRAWN = """() => { const m = document.getElementById('mapgen-map').getBoundingClientRect();
    const on = e => { const r = e.getBoundingClientRect();
                      return r.right >= m.left && r.left <= m.right && r.bottom >= m.top && r.top <= m.bottom; };
    const paths = [...document.querySelectorAll('path.mapgen-marker')], clusters = [...document.querySelectorAll('.mapgen-cluster')];
    return {paths: paths.length, counted: paths.length + clusters.reduce((n, e) => n + Number(e.textContent), 0),
            tabs: [...document.querySelectorAll('[tabindex="0"]')].filter(e => e.matches('.mapgen-marker, .mapgen-cluster')).length,
            offTabs: [...document.querySelectorAll('[tabindex="0"]')].filter(e => e.matches('.mapgen-marker, .mapgen-cluster') && !on(e)).length}; }"""


@pytest.mark.browser
def test_a_5000_place_overview_draws_only_what_is_near_the_view_and_keeps_every_place_reachable(stress, offline):
    pg = offline(stress / "index.html", 600)
    first = pg.evaluate(_DRAWN)
    assert first["counted"] == 5000  # the first view frames the world: every place is a marker or in a cluster's count
    assert first["paths"] < 500 and first["offTabs"] == 0 and 0 < first["tabs"] < 300
    # zoomed in on a crowded region: markers only near the view, and every place in the view drawn or clustered
    pg.evaluate("() => { mapgenMap.setView([45, 10], 6, {animate: false}); }")
    near = pg.evaluate(_DRAWN)
    assert 0 < near["paths"] < 2000 and near["offTabs"] == 0
    assert pg.evaluate("""() => { const b = mapgenMap.getBounds(), s = mapgenMap.getSize(), pad = {contains: (ll) => {
            const c = mapgenMap.latLngToContainerPoint(ll);  // within half a view of the screen
            return c.x >= -s.x / 2 - 1 && c.x <= 1.5 * s.x + 1 && c.y >= -s.y / 2 - 1 && c.y <= 1.5 * s.y + 1; }};
        const inView = mapgenPlaces.filter(p => b.contains([p.lat, p.lon]));
        const drawn = mapgenPlaces.filter(p => p.marker && document.body.contains(p.marker.getElement()));
        return inView.length > 0 && inView.every(p => p.why === 'cluster' || (p.visible && drawn.includes(p)))
            && drawn.every(p => pad.contains([p.lat, p.lon])); }""")
    # panned away: what came into view is drawn, what left it is dropped, labels still apart
    pg.evaluate("() => { mapgenMap.panBy([900, 0], {animate: false}); }")
    pg.wait_for_timeout(100)
    assert pg.evaluate("""() => { const b = mapgenMap.getBounds(), s = mapgenMap.getSize(), pad = {contains: (ll) => {
            const c = mapgenMap.latLngToContainerPoint(ll);  // within half a view of the screen
            return c.x >= -s.x / 2 - 1 && c.x <= 1.5 * s.x + 1 && c.y >= -s.y / 2 - 1 && c.y <= 1.5 * s.y + 1; }};
        return mapgenPlaces.filter(p => b.contains([p.lat, p.lon])).every(p => p.why === 'cluster' || (p.marker && document.body.contains(p.marker.getElement())))
            && mapgenPlaces.filter(p => p.marker && document.body.contains(p.marker.getElement())).every(p => pad.contains([p.lat, p.lon])); }""")
    labels = _visible_labels(pg)
    assert any(x["text"].startswith("Hamlet") for x in labels)
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not (a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]), (a, b)
    # a place reached by zooming in has a marker whose popup shows its escaped name as text
    pg.evaluate("""() => { const p = mapgenPlaces.find(p => p.id === 'geonames:900000');
        mapgenMap.setView([p.lat, p.lon], 18, {animate: false}); p.marker.openPopup(); }""")
    popup = pg.locator(".leaflet-popup-content h3")
    popup.wait_for()
    assert popup.inner_text() == "Hamlet <b>bold</b> & co"
    assert pg.locator(".leaflet-popup-content b").count() >= 1  # its events' dates, not the name
    assert pg.errors == [] and pg.blocked == []


@pytest.mark.browser
def test_opening_the_table_on_a_phone_keeps_the_map_and_fits_the_width(outline, offline):
    out, _ = outline
    pg = offline(out / "index.html", 320, 568)
    before = pg.evaluate("document.querySelector('.mapgen-map').getBoundingClientRect().height")
    pg.click(".mapgen-table summary")
    pg.wait_for_selector(".mapgen-table tbody tr")
    after = pg.evaluate("document.querySelector('.mapgen-map').getBoundingClientRect().height")
    assert after >= before - 1
    assert pg.evaluate("document.documentElement.scrollWidth") <= 320
    assert pg.errors == []


@pytest.fixture(scope="module")
def apart(tmp_path_factory, gazetteer):
    """The same articles as `outline`, their overview keeping each place's events apart, as an archive's does."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr("mapgen.maps.EVENTS_INLINE_UP_TO", 0)
        return _build(tmp_path_factory.mktemp("apart"), gazetteer, basemap="outline")


def _open_place(pg, name):
    """A real click on the place's marker, zoomed in so that it stands alone."""
    pg.evaluate("""(name) => { const p = mapgenPlaces.find(p => p.name === name);
        mapgenMap.setView([p.lat, p.lon], 12, {animate: false}); }""", name)
    pg.wait_for_timeout(100)
    pg.locator("path.mapgen-marker").first.click(force=True)
    pg.locator(".leaflet-popup-content ul.events, .leaflet-popup-content .loading").first.wait_for()


@pytest.mark.browser
def test_an_archives_overview_loads_a_places_events_when_its_popup_opens(outline, apart, offline):
    inline = offline(outline[0] / "index.html", 600)
    _open_place(inline, "Gdansk")
    pg = offline(apart[0] / "index.html", 600)
    assert pg.evaluate("mapgenPlaces.every(p => p.events === null)")  # nothing loaded up front
    _open_place(pg, "Gdansk")
    pg.locator(".leaflet-popup-content ul.events").wait_for()
    assert pg.locator(".leaflet-popup-content").inner_html() == inline.locator(".leaflet-popup-content").inner_html()
    assert pg.locator(".leaflet-popup-content .sources").inner_text() == "Named in: A year in the harbour"
    assert pg.locator(".leaflet-popup-content li").count() == 8
    # the overview leads with the latest: 25 November back to 2 April, the three before in the table
    dates = pg.locator(".leaflet-popup-content li b").all_inner_texts()
    assert dates[0] == "25 November 2021" and dates[-1] == "2 April 2021" and len(dates) == 8
    assert pg.locator(".leaflet-popup-content .more a").inner_text() == "+ 3 earlier in the table"
    pg.locator(".leaflet-popup-content .more a").click()  # its row, already loaded
    pg.wait_for_function("document.getElementById('mapgen-table').open")
    assert pg.evaluate("document.activeElement.closest('tr').querySelector('th').textContent").startswith("Gdansk")
    row = pg.locator("#mapgen-table tr", has_text="Gdansk")
    assert row.locator("li").count() == 11
    assert pg.evaluate("[...document.scripts].filter(s => s.src.includes('/places/')).length") == 0  # loaded and gone
    assert pg.errors == [] and pg.blocked == []


@pytest.mark.browser
def test_an_archives_overview_opened_from_the_keyboard_keeps_focus_as_its_events_load(apart, offline):
    pg = offline(apart[0] / "index.html", 600)
    pg.evaluate("""() => { const p = mapgenPlaces.find(p => p.name === 'Gdansk');
        mapgenMap.setView([p.lat, p.lon], 12, {animate: false}); }""")
    pg.wait_for_timeout(100)
    marker = pg.locator("path.mapgen-marker[tabindex='0']").first
    marker.focus()
    pg.keyboard.press("Enter")
    pg.locator(".leaflet-popup-content ul.events").wait_for()
    assert pg.evaluate("!!document.activeElement.closest('.leaflet-popup')")
    pg.keyboard.press("Escape")
    pg.locator(".leaflet-popup").wait_for(state="detached")
    assert pg.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Gdansk")


@pytest.mark.browser
def test_an_archives_table_and_time_filter_agree_with_the_page_that_holds_every_event(outline, apart, offline):
    pages = [offline(out / "index.html", 1200) for out in (outline[0], apart[0])]
    for pg in pages:
        pg.locator("#mapgen-table summary").click()
    steps = int(pages[0].locator("#mapgen-time-input").get_attribute("max"))
    assert steps >= 3
    for step in range(steps + 1):
        shown = []
        for pg in pages:
            pg.locator("#mapgen-time-input").fill(str(step))
            shown.append(pg.evaluate("[...document.querySelectorAll('#mapgen-table tbody tr:not([hidden])')]"
                                     ".map(tr => tr.dataset.place)"))
            shown.append(pg.evaluate("mapgenPlaces.filter(p => p.visible || p.why === 'cluster').map(p => p.id).sort()"))
        assert shown[0] == shown[2] and shown[1] == shown[3] and shown[0]
    inline, pg = pages
    for page in pages:
        page.locator("#mapgen-time-input").fill("1")  # 2021: the harbour's events
    button = pg.locator("#mapgen-table tr", has_text="Gdansk").locator("button.mapgen-show")
    assert button.inner_text() == "Show its 11 events"
    assert button.bounding_box()["height"] >= 44
    button.click()
    row = pg.locator("#mapgen-table tr", has_text="Gdansk")
    row.locator("ul").wait_for()
    # focus where the button was, on the list, named
    assert pg.evaluate("document.activeElement.getAttribute('aria-label')") == "Events of Gdansk"
    assert re.sub("<ul [^>]*>", "<ul>", row.inner_html()) == inline.locator("#mapgen-table tr", has_text="Gdansk").inner_html()
    assert pg.locator("[role=status]").inner_text() == "11 events of Gdansk loaded."
    assert pg.errors == [] and pg.blocked == []


@pytest.mark.browser
def test_an_archives_popup_says_so_when_its_events_cannot_be_loaded(apart, offline, tmp_path):
    import shutil

    out = tmp_path / "copy"
    shutil.copytree(apart[0], out)
    shutil.rmtree(out / "places")
    pg = offline(out / "index.html", 600)
    _open_place(pg, "Gdansk")
    pg.locator(".leaflet-popup-content .loading", has_text="could not be loaded").wait_for()
    assert pg.locator("[role=status]").inner_text() == "The events of Gdansk could not be loaded."
    shutil.copytree(apart[0] / "places", out / "places")  # back: the next opening tries again
    pg.locator(".leaflet-popup-close-button").click()
    pg.locator(".leaflet-popup").wait_for(state="detached")
    pg.locator("path.mapgen-marker").first.click(force=True)
    pg.locator(".leaflet-popup-content ul.events").wait_for()
    assert [e for e in pg.errors if "ERR_FILE_NOT_FOUND" not in e] == []


# the places' scripts held back until the test lets them load, as on a slow connection
_HELD = """(() => { const held = [], append = Node.prototype.appendChild;
    window.placesAsked = [];
    Node.prototype.appendChild = function (el) {
        if (el.tagName === 'SCRIPT' && el.src.includes('/places/')) {
            window.placesAsked.push(el.src); held.push(() => append.call(this, el)); return el; }
        return append.call(this, el); };
    window.releasePlaces = () => held.splice(0).forEach(f => f()); })()"""


@pytest.mark.browser
def test_events_that_load_late_leave_the_focus_where_the_reader_moved_it(apart, offline):
    pg = offline(apart[0] / "index.html", 1200, 700, init=_HELD)
    pg.locator("#mapgen-table summary").click()
    buttons = pg.locator("#mapgen-table button.mapgen-show")
    buttons.nth(0).focus()
    pg.keyboard.press("Enter")
    assert pg.locator("[role=status]").inner_text().startswith("Loading the events of ")
    assert pg.evaluate("document.activeElement.getAttribute('aria-busy')") == "true"  # still on the button
    # asked for by the place (its file's name) and what it holds (its key): a cache going by address is never stale
    place = pg.evaluate("mapgenPlaces.find(p => p.waiting)")
    assert pg.evaluate("placesAsked") == [(apart[0] / "places" / f"{place['file']}.js").as_uri() + f"?v={place['v']}"]
    pg.keyboard.press("Tab")  # moved on before they came
    moved_to = pg.evaluate("document.activeElement.outerHTML")
    pg.evaluate("releasePlaces()")
    pg.wait_for_function("document.querySelectorAll('#mapgen-table ul').length === 1")
    assert pg.evaluate("document.activeElement.outerHTML") == moved_to
    buttons.nth(0).focus()  # (the first left is now the next place's)
    pg.keyboard.press("Enter")
    pg.evaluate("releasePlaces()")
    pg.wait_for_function("document.activeElement.tagName === 'UL'")  # stayed, so the list takes the focus
    # a popup opened from the keyboard: its close button focused while its events load keeps the focus
    pg.evaluate("""() => { const p = mapgenPlaces.find(p => p.name === 'Gdansk');
        mapgenMap.setView([p.lat, p.lon], 12, {animate: false}); }""")
    pg.wait_for_timeout(100)
    pg.locator("path.mapgen-marker[tabindex='0']").first.focus()
    pg.keyboard.press("Enter")
    pg.locator(".leaflet-popup-content .loading").wait_for()
    pg.locator(".leaflet-popup-close-button").focus()
    pg.evaluate("releasePlaces()")
    pg.locator(".leaflet-popup-content ul.events").wait_for()
    assert pg.evaluate("document.activeElement.classList.contains('leaflet-popup-close-button')")
    assert pg.errors == [] and pg.blocked == []


_ON_TOP = """(selector) => { const r = document.querySelector(selector).getBoundingClientRect();
    const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return !!el && !!el.closest(selector); }"""


@pytest.mark.browser
def test_an_open_popup_covers_only_the_controls_it_must(outline, offline):
    out, _ = outline
    wide = offline(out / "index.html", 1200, 700)
    wide.evaluate("() => { const p = mapgenPlaces.find(p => p.name === 'Porto'); mapgenMap.setView([p.lat, p.lon], 9, {animate: false}); }")
    wide.wait_for_timeout(100)
    wide.locator("path.mapgen-marker").first.click(force=True)
    wide.locator(".leaflet-popup").wait_for()
    wide.wait_for_timeout(400)  # auto-pan
    for control in (".leaflet-control-zoom-in", ".mapgen-fullscreen", ".leaflet-control-attribution"):
        assert wide.evaluate(_ON_TOP, control), control  # above the map and its markers, usable
    zoom = wide.evaluate("mapgenMap.getZoom()")
    wide.locator(".leaflet-control-zoom-in").click()
    wide.wait_for_function(f"mapgenMap.getZoom() > {zoom}")
    # on a phone the popup is drawn above the corner it covers; the corners it does not cover stay above the map
    phone = offline(out / "index.html", 320, 480)
    phone.locator("path.mapgen-marker").first.click(force=True)
    phone.locator(".leaflet-popup").wait_for()
    phone.wait_for_timeout(400)
    assert phone.evaluate(_ON_TOP, ".leaflet-popup-content")
    clear = phone.evaluate("""() => { const r = document.querySelector('.leaflet-popup').getBoundingClientRect();
        return [...document.querySelectorAll('.leaflet-control')].filter(c => { const b = c.getBoundingClientRect();
            return b.width > 0 && !(b.left < r.right && r.left < b.right && b.top < r.bottom && r.top < b.bottom); })
            .map(c => { const b = c.getBoundingClientRect(), el = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
                        return !!el && c.contains(el); }); }""")
    assert clear and all(clear)
    covered = phone.evaluate("""() => { const r = document.querySelector('.leaflet-popup').getBoundingClientRect();
        return [...document.querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect())
            .filter(b => b.width > 0 && b.left < r.right && r.left < b.right && b.top < r.bottom && r.top < b.bottom)
            .map(b => { const x = (Math.max(b.left, r.left) + Math.min(b.right, r.right)) / 2,
                              y = (Math.max(b.top, r.top) + Math.min(b.bottom, r.bottom)) / 2;
                        return !!document.elementFromPoint(x, y).closest('.leaflet-popup'); }); }""")
    assert covered and all(covered)  # where the popup and a control meet, the popup is on top
    phone.locator(".leaflet-popup-close-button").click()
    assert phone.evaluate(_ON_TOP, ".leaflet-control-zoom-in")  # and every control is back once it closes
    assert wide.errors == [] and phone.errors == []


@pytest.mark.browser
def test_moving_the_time_slider_keeps_its_focus_when_it_closes_a_popup(outline, offline):
    out, _ = outline
    pg = offline(out / "index.html", 1200, 700)
    pg.locator("path.mapgen-marker[tabindex='0']").first.focus()
    pg.keyboard.press("Enter")
    pg.locator(".leaflet-popup").wait_for()
    pg.locator("#mapgen-time-input").focus()
    pg.keyboard.press("ArrowRight")
    pg.locator(".leaflet-popup").wait_for(state="detached")
    assert pg.evaluate("document.activeElement.id") == "mapgen-time-input"
    pg.keyboard.press("ArrowRight")
    assert pg.locator("#mapgen-time-input").input_value() == "2"


@pytest.mark.browser
def test_a_popup_says_how_many_of_its_events_the_time_filter_shows_and_a_phones_table_names_the_country(
        tmp_path, gazetteer, offline):
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "a.txt").write_text(" date 2021-05-04 Ferries\nFerries left Gdansk on 3 May 2021 for Sweden.\n")
    (arts / "b.txt").write_text(" date 2022-06-10 Ships\nA ship docked in Gdansk on 9 June 2022.\n")
    build([arts], tmp_path / "out", gazetteer=gazetteer, style=MapStyle(self_contained=True, basemap="outline"))
    pg = offline(tmp_path / "out" / "index.html", 1200)
    pg.locator("#mapgen-time-input").fill("1")  # 2021
    _open_place(pg, "Gdansk")
    assert pg.locator(".leaflet-popup-content .period").inner_text() == "1 of its 2 events in 2021"
    assert pg.locator(".leaflet-popup-content li").count() == 1
    pg.locator("#mapgen-time-input").fill("0")  # every date: nothing hidden, nothing to say
    _open_place(pg, "Gdansk")
    assert pg.locator(".leaflet-popup-content .period").count() == 0
    pg.locator("#mapgen-table summary").click()
    gdansk = pg.evaluate("mapgenPlaces.find(p => p.name === 'Gdansk').id")
    row = pg.locator(f"#mapgen-table tr[data-place='{gdansk}']")
    assert row.locator("th").inner_text() == "Gdansk" and row.locator(".period").count() == 0
    pg.locator("#mapgen-time-input").fill("1")  # the table says it too
    assert row.locator(".period").inner_text() == "1 of its 2 events in 2021"
    assert row.locator("li:not([hidden])").count() == 1
    pg.locator("#mapgen-time-input").fill("0")
    assert row.locator(".period").count() == 0 and row.locator("li:not([hidden])").count() == 2
    phone = offline(tmp_path / "out" / "index.html", 320, 568)
    phone.locator("#mapgen-table summary").click()
    assert phone.locator("#mapgen-table th", has_text="Gdansk").inner_text() == "Gdansk (PL)"
    assert pg.errors == [] and phone.errors == []


@pytest.mark.browser
def test_an_overview_cached_from_before_a_rebuild_still_finds_its_places_events(tmp_path, gazetteer, offline):
    import shutil

    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "harbour.txt").write_text(ARTICLES["harbour.txt"])
    style = MapStyle(self_contained=True, basemap="outline")
    with pytest.MonkeyPatch.context() as m:
        m.setattr("mapgen.maps.EVENTS_INLINE_UP_TO", 0)
        build([arts], tmp_path / "out", gazetteer=gazetteer, style=style)
        cached = (tmp_path / "out" / "index.html").read_bytes()  # what a reader's browser or a CDN holds
        (arts / "more.txt").write_text(" date 2022-01-05 Ice\nIce closed the port of Gdansk on 4 January 2022.\n")
        build([arts], tmp_path / "out", gazetteer=gazetteer, style=style)
    stale = tmp_path / "stale"
    shutil.copytree(tmp_path / "out", stale)
    (stale / "index.html").write_bytes(cached)
    pg = offline(stale / "index.html", 600)
    _open_place(pg, "Gdansk")
    pg.locator(".leaflet-popup-content ul.events").wait_for()  # the place's file, now with the newer event
    assert pg.evaluate("mapgenPlaces.find(p => p.name === 'Gdansk').events.length") == 12
    assert pg.errors == []


@pytest.mark.browser
def test_a_focused_marker_keeps_the_focus_as_the_map_redraws_and_a_row_as_its_events_come(apart, stress, offline):
    crowded = offline(stress / "index.html", 1200, 700)
    crowded.evaluate("() => { mapgenMap.setView([45, 10], 6, {animate: false}); }")
    marker = crowded.locator("path.mapgen-marker[tabindex='0']").first
    marker.focus()
    name = marker.get_attribute("aria-label")
    crowded.evaluate("() => { mapgenMap.panBy([200, 0], {animate: false}); }")  # new markers come in, all re-ordered
    assert crowded.evaluate("document.activeElement.getAttribute('aria-label')") == name
    pg = offline(apart[0] / "index.html", 1200, 700, init=_HELD)
    # a popup asks for a place's events; meanwhile the reader goes to its row in the table and presses its button
    _open_place(pg, "Gdansk")
    pg.locator("#mapgen-table summary").click()
    gdansk = pg.evaluate("mapgenPlaces.find(p => p.name === 'Gdansk').id")
    button = pg.locator(f"#mapgen-table tr[data-place='{gdansk}'] button.mapgen-show")
    button.focus()
    pg.keyboard.press("Enter")
    assert button.get_attribute("aria-busy") == "true" and button.inner_text() == "Loading\u2026"
    pg.evaluate("releasePlaces()")
    pg.wait_for_function("document.activeElement.tagName === 'UL'")  # the list, not the page's top
    assert pg.evaluate("placesAsked.length") == 1  # one load for the popup and the row
    assert pg.errors == [] and pg.blocked == []


@pytest.mark.browser
def test_closing_a_popup_gives_the_focus_back_only_from_the_popup(outline, offline):
    out, _ = outline
    sid = _sources(out)["harbour.txt"]
    pg = offline(out / "sources" / f"{sid}.html", 600)
    pg.locator("path.mapgen-marker[tabindex='0']").first.focus()
    pg.keyboard.press("Enter")
    pg.locator(".leaflet-popup .more a").click()  # to the table, the popup left open
    assert pg.evaluate("document.activeElement.tagName") == "TH"
    pg.keyboard.press("Escape")
    pg.locator(".leaflet-popup").wait_for(state="detached")
    assert pg.evaluate("document.activeElement.tagName") == "TH"  # not pulled back to the map


@pytest.mark.browser
def test_the_map_is_told_when_the_table_opens_and_takes_its_room(outline, offline):
    """Opening the table sets the map's height (the page grows instead); Leaflet, which hears only of the
    window's resizing, must measure again, or its centre and bounds keep the old size."""
    pg = offline(outline[0] / "index.html", 1200, 700)
    sizes = "[mapgenMap.getSize().y, document.getElementById('mapgen-map').clientHeight]"
    before = pg.evaluate(sizes)
    pg.locator("#mapgen-table summary").click()
    pg.wait_for_function(f"(([a, b]) => a === b)({sizes}) && {sizes}[1] !== {before[1]}")
    pg.locator("#mapgen-table summary").click()
    pg.wait_for_function(f"(([a, b]) => a === b && b === {before[1]})({sizes})")
    assert pg.errors == []


@pytest.mark.browser
def test_while_the_slider_is_dragged_the_open_table_follows_when_it_rests(outline, offline):
    """Thousands of rows take far longer to lay out than the map to redraw: a drag (input events alone)
    redraws the map at each step and the table once it rests; a step from the keyboard (input, then
    change) filters the table at once."""
    pg = offline(outline[0] / "index.html", 1200)
    pg.locator("#mapgen-table summary").click()
    rows = "[...document.querySelectorAll('#mapgen-table tbody tr:not([hidden])')].map(tr => tr.dataset.place)"
    markers = "mapgenPlaces.filter(p => p.visible || p.why === 'cluster').map(p => p.id).sort()"
    everywhere = pg.evaluate(rows)
    drag = """k => { const s = document.getElementById('mapgen-time-input'); s.value = k;
                     s.dispatchEvent(new Event('input')); }"""
    pg.evaluate(drag, 1)
    shown = pg.evaluate(markers)
    assert 0 < len(shown) < len(everywhere)  # the map at once
    pg.wait_for_function(f"JSON.stringify({rows}) === JSON.stringify({json.dumps(shown)})")  # the table soon
    pg.evaluate("""() => { const s = document.getElementById('mapgen-time-input'); s.value = 0;
                           s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change')); }""")
    assert pg.evaluate(rows) == everywhere  # at once
    assert pg.errors == []


# the outline's canvas at a point, zoomed in to a street's scale: [r, g, b, a] at its centre, and whether a border's
# grey shows within 20 px of it
_OUTLINE_AT = """([lat, lon]) => new Promise(done => { mapgenMap.setView([lat, lon], 18, {animate: false});
    requestAnimationFrame(() => setTimeout(() => {
      const c = document.querySelector('.leaflet-mapgen-outline-pane canvas'), ctx = c.getContext('2d');
      const x = c.width >> 1, y = c.height >> 1, near = ctx.getImageData(x - 20, y - 20, 40, 40).data;
      let grey = false;
      for (let i = 0; i < near.length; i += 4) {
        if (near[i + 3] > 100 && near[i] < 200 && Math.abs(near[i] - near[i + 2]) < 12) { grey = true; }
      }
      done([[...ctx.getImageData(x, y, 1, 1).data], grey]); }, 0)); })"""


@pytest.mark.browser
def test_the_outline_is_drawn_whole_at_a_streets_zoom(outline, offline):
    """Zoomed in far, the outline's shapes and borders are cut to the canvas before they are drawn (a
    continent's coastline and a border's dashes run over millions of pixels there, which a canvas draws
    slowly): what shows is still the land, the sea and the border where they are."""
    pg = offline(outline[0] / "index.html", 600)
    land, _ = pg.evaluate(_OUTLINE_AT, [48.0, 2.5])  # inland France
    assert land == [243, 241, 236, 255]  # the land's fill
    sea, _ = pg.evaluate(_OUTLINE_AT, [35.0, -40.0])  # mid-Atlantic
    assert sea[3] == 0
    border = pg.evaluate("""() => { const f = mapgenOutline.features.find(f => f.properties.kind === 'border');
        const line = f.geometry.type === 'MultiLineString' ? f.geometry.coordinates[0] : f.geometry.coordinates;
        const [a, b] = line.slice(0, 2); return [(a[1] + b[1]) / 2, (a[0] + b[0]) / 2]; }""")
    _, grey = pg.evaluate(_OUTLINE_AT, border)
    assert grey
    _, grey = pg.evaluate(_OUTLINE_AT, [border[0] + 0.01, border[1] + 0.01])  # a kilometre off: no border
    assert not grey
    assert pg.errors == []


@pytest.mark.browser
def test_the_time_filter_steps_only_through_years_that_hold_events(tmp_path, gazetteer, offline):
    """One historical date in a year's news is one step, not ninety years of empty ones."""
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "quake.txt").write_text(" date 2024-02-06 Napier remembers\nNapier was levelled by an earthquake in 1931. "
                                    "On Monday, crowds gathered in Hastings and Wellington to remember it.\n")
    (arts / "floods.txt").write_text(" date 2024-05-10 Floods\nFloods cut roads around Gisborne on Thursday.\n")
    build([arts], tmp_path / "out", gazetteer=gazetteer, style=MapStyle(self_contained=True, basemap="outline"))
    pg = offline(tmp_path / "out" / "index.html", 1200)
    slider = pg.locator("#mapgen-time-input")
    assert slider.get_attribute("max") == "2" and pg.locator(".mapgen-time-range").inner_text() == "1931 \u2013 2024"
    slider.fill("1")
    assert pg.locator("#mapgen-time-value").inner_text() == "1931"
    assert pg.evaluate("mapgenPlaces.filter(p => p.visible).map(p => p.name)") == ["Napier"]
    slider.fill("2")
    assert pg.locator("#mapgen-time-value").inner_text() == "2024"
    assert "Napier" not in pg.evaluate("mapgenPlaces.filter(p => p.visible).map(p => p.name)")
    assert pg.errors == []
