"""Maps: static folium/Leaflet pages, one overview and one per article.

Places go into one GeoJSON layer whose popups and tooltips are HTML built
here, from text escaped here: folium's own Popup and Tooltip insert their
content raw (inside a JavaScript template literal, at that), which would let
an article's text run as code in a newsroom's page.
"""
from __future__ import annotations

import html
import json
from collections import defaultdict
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from mapgen.exports import Collection, PlaceRow
from mapgen.model import Event, Source

LEAFLET_VERSION = "1.9.4"
LEAFLET_JS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"
POPULATED = ("capital", "city", "town", "village")
COLOURS = {"populated": "#b2182b", "area": "#2166ac"}


def text(value: object) -> str:
    """Article text or a file name, made safe for HTML and for any script it may end up in."""
    return (
        html.escape(str(value), quote=True)
        .replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")
        .replace("{", "&#123;").replace("}", "&#125;")
    )


def script_json(value: object) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def format_date(e: Event) -> str:
    return e.date + (f" \u2013 {e.date_end}" if e.date_end else "")


class PlaceLayer(MacroElement):
    """All places as one GeoJSON layer, popups and tooltips included."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data }}, {
            pointToLayer: function (feature, latlng) {
                return L.circleMarker(latlng, feature.properties.style);
            },
            onEachFeature: function (feature, layer) {
                layer.bindPopup(feature.properties.popup, {maxWidth: 340, maxHeight: 320});
                layer.bindTooltip(feature.properties.label);
            }
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, features: list[dict]):
        super().__init__()
        self._name = "PlaceLayer"
        self.data = script_json({"type": "FeatureCollection", "features": features})


def _popup(place: PlaceRow, events: list[Event], sources: dict[str, Source], link_prefix: str | None) -> str:
    c = place.candidate
    parts = [f'<div class="mapgen-popup"><h3>{text(c.name)}</h3>']
    spelled = [n for n in place.names_in_text if n != c.name]
    meta = [text(c.kind)] + ([text(c.country)] if c.country else [])
    parts.append(f"<p class=\"meta\">{' · '.join(meta)}" + (f"; written {text(', '.join(spelled))}" if spelled else "") + "</p>")
    if events:
        parts.append("<ul class=\"events\">")
        for e in sorted(events, key=lambda e: (e.date, e.date_end or "", e.source_id, e.start)):
            link = ""
            if link_prefix is not None:
                link = f' <a href="{link_prefix}{e.source_id}.html">article map</a>'
            parts.append(f"<li><b>{text(format_date(e))}</b> {text(e.text)}{link}</li>")
        parts.append("</ul>")
    named = [sources[s] for s in place.sources if s in sources]
    if named:
        parts.append("<p class=\"sources\">Named in: " + "; ".join(
            (f'<a href="{link_prefix}{s.id}.html">{text(s.title)}</a>' if link_prefix is not None else text(s.title))
            for s in named) + "</p>")
    parts.append("</div>")
    return "".join(parts)


def _features(c: Collection, link_prefix: str | None) -> list[dict]:
    by_place: dict[str, list[Event]] = defaultdict(list)
    for e in c.events:
        by_place[e.place_id].append(e)
    sources = {s.id: s for s in c.sources}
    feats = []
    for p in c.places:
        populated = p.candidate.kind in POPULATED
        radius = 5 + min(10, 2 * len(p.sources) + len(by_place[p.id]) // 3)
        feats.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(p.candidate.lon, 6), round(p.candidate.lat, 6)]},
            "properties": {
                "id": p.id,
                "label": text(p.candidate.name),
                "popup": _popup(p, by_place[p.id], sources, link_prefix),
                "style": {
                    "radius": radius, "weight": 1.5 if populated else 2.5, "color": "#ffffff" if populated else COLOURS["area"],
                    "fillColor": COLOURS["populated" if populated else "area"],
                    "fillOpacity": 0.85 if populated else 0.35, "dashArray": None if populated else "4 3",
                },
            },
        })
    return feats


_HEADER = """
<header class="mapgen-header">
  <h1>{title}</h1>{subtitle}
</header>
<footer class="mapgen-footer">{credit}</footer>
<style>
  body {{ display: flex; flex-direction: column; height: 100vh; margin: 0; }}
  .mapgen-header {{ order: 0; padding: 8px 12px 6px; font: 14px/1.35 Georgia, serif; }}
  .mapgen-header h1 {{ font-size: 19px; margin: 0; }}
  .mapgen-header p {{ margin: 2px 0 0; color: #444; }}
  .folium-map {{ order: 1; flex: 1 1 auto; height: auto !important; min-height: 160px; }}
  .mapgen-footer {{ order: 2; padding: 4px 12px; font: 11px/1.3 sans-serif; color: #444; }}
  .mapgen-popup h3 {{ margin: 0 0 2px; font-size: 15px; }}
  .mapgen-popup .meta {{ margin: 0 0 4px; color: #555; }}
  .mapgen-popup ul {{ padding-left: 16px; margin: 4px 0; }}
  .mapgen-popup li {{ margin-bottom: 4px; }}
</style>
"""


def render(c: Collection, title: str, subtitle: str, link_prefix: str | None) -> str:
    """One map page as HTML: deterministic, every piece of article text escaped."""
    m = folium.Map(location=[20, 0], zoom_start=2, tiles="OpenStreetMap", control_scale=True)
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    if c.places:
        lats = [p.candidate.lat for p in c.places]
        lons = [p.candidate.lon for p in c.places]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(40, 40), max_zoom=9)
    PlaceLayer(_features(c, link_prefix)).add_to(m)
    names = "; ".join(s.title for s in c.sources[:5]) + ("; \u2026" if len(c.sources) > 5 else "")
    root = m.get_root()
    root.header.add_child(Element(f"<title>{text(title)}</title>"), name="title")
    root.html.add_child(Element(_HEADER.format(
        title=text(title),
        subtitle=f"<p>{text(subtitle)}</p>" if subtitle else "",
        credit=f"Sources: {text(names)}, via mapgen" if names else "via mapgen",
    )), name="mapgen_header")
    for n, el in enumerate(_walk(m)):
        el._id = f"{n:04d}"
    return root.render()


def _walk(el):
    yield el
    for child in el._children.values():
        yield from _walk(child)


def write_maps(overview: Collection, articles: list[Collection], out: Path, title: str) -> None:
    """index.html for the whole build, sources/<id>.html for each article."""
    dates = sorted(s.date for s in overview.sources if s.date)
    span = f"{dates[0]} \u2013 {dates[-1]}" if len(dates) > 1 and dates[0] != dates[-1] else (dates[0] if dates else "")
    n = len(overview.sources)
    subtitle = f"{len(overview.places)} places named in {n} article{'s' * (n != 1)}" + (f", {span}" if span else "")
    (out / "index.html").write_text(render(overview, title, subtitle, "sources/"), encoding="utf-8")
    (out / "sources").mkdir(exist_ok=True)
    for c in articles:
        s = c.sources[0]
        sub = (s.date or "date unknown") + f" \u00b7 {len(c.places)} places"
        (out / "sources" / f"{s.id}.html").write_text(render(c, s.title, sub, ""), encoding="utf-8")
