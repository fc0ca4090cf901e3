import json

import pytest

from mapgen.build import build
from mapgen.maps import script_json, text

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
    assert "<title>Places in the news</title>" in page
    assert "uuid" not in page
    for payload in PAYLOADS:
        assert payload not in page


@pytest.mark.browser
def test_overview_map_shows_one_marker_per_place_and_popups_show_sentences(built, page):
    out, report = built
    page.goto((out / "index.html").as_uri())
    page.wait_for_selector("path.leaflet-interactive")
    markers = page.locator("path.leaflet-interactive")
    assert markers.count() == report.places
    ids = [f["properties"]["id"] for f in json.loads((out / "data" / "places.geojson").read_text())["features"]]
    lachin = ids.index("geonames:147625")
    markers.nth(lachin).click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Azerbaijani troops entered Lachin on Dec. 1" in popup.inner_text()
    assert "2020-12-01" in popup.inner_text()
    assert page.console_errors == [] and page.dialogs == []


@pytest.mark.browser
def test_hostile_article_text_and_file_name_render_as_text(built, page):
    out, _ = built
    sources = json.loads((out / "data" / "sources.json").read_text())
    evil = next(s for s in sources if "evil" in s["file"])
    page.goto((out / "sources" / f"{evil['id']}.html").as_uri())
    page.wait_for_selector("path.leaflet-interactive")
    seen_ganja = False
    for m in range(page.locator("path.leaflet-interactive").count()):
        page.locator("path.leaflet-interactive").nth(m).click(force=True)
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
