"""Maps: static folium/Leaflet pages, one overview and one per article.

Places go into one GeoJSON layer whose popups and tooltips are HTML built
here, from text escaped here: folium's own Popup and Tooltip insert their
content raw (inside a JavaScript template literal, at that), which would let
an article's text run as code in a newsroom's page. The controls (time
filter, legend, full screen) are a few lines of plain Leaflet for the same
reason: no jQuery, no plugin CDN, nothing a self-contained page cannot carry.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from mapgen.assets import LEAFLET_CSS, LEAFLET_JS, make_self_contained
from mapgen.exports import Collection, PlaceRow
from mapgen.model import Event, Source

POPULATED = ("capital", "city", "town", "village")
COLOURS = {"populated": "#b2182b", "area": "#2166ac"}
DEFAULT_TILES = "OpenStreetMap.Mapnik"


@dataclass(frozen=True)
class MapStyle:
    """What a graphics desk sets once per build: words on the map and how it loads."""

    title: str = "Places in the news"
    dek: str = ""
    credit: str = ""
    tiles: str = DEFAULT_TILES
    self_contained: bool = False

    def tile_provider(self):
        """The xyzservices provider named by `tiles`; an unknown name is the user's error, said up front."""
        import xyzservices.providers as providers

        try:
            return providers.query_name(self.tiles)
        except ValueError as e:
            from mapgen.errors import InputError

            raise InputError(f"unknown --tiles {self.tiles!r} (an xyzservices name such as {DEFAULT_TILES})") from e


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


def interval(date: str, date_end: str | None) -> tuple[str, str]:
    """An ISO date at any precision as its first and last day."""
    def bounds(s: str) -> tuple[dt.date, dt.date]:
        parts = [int(p) for p in s.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        d = dt.date(*parts)
        return d, d

    lo = bounds(date)[0]
    hi = bounds(date_end or date)[1]
    return lo.isoformat(), hi.isoformat()


class PlaceLayer(MacroElement):
    """All places as one GeoJSON layer, popups, tooltips and event periods included."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data }}, {
            pointToLayer: function (feature, latlng) {
                return L.circleMarker(latlng, feature.properties.style);
            },
            onEachFeature: function (feature, layer) {
                layer.bindPopup(feature.properties.popup, {maxWidth: 340, maxHeight: 300,
                    autoPanPaddingTopLeft: [52, 12], autoPanPaddingBottomRight: [12, 12]});
                layer.bindTooltip(feature.properties.label);
            }
        }).addTo({{ this._parent.get_name() }});
        window.mapgenLayer = {{ this.get_name() }};
        {% endmacro %}
    """)

    def __init__(self, features: list[dict]):
        super().__init__()
        self._name = "PlaceLayer"
        self.data = script_json({"type": "FeatureCollection", "features": features})


class MapControls(MacroElement):
    """Legend, time filter, clustering and full-screen button, in plain Leaflet.

    Clustering is a few lines here rather than Leaflet.markercluster: no
    package installable with mapgen ships that plugin's files on their own, and
    a self-contained page must carry everything it runs.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var periods = {{ this.periods }};
            var places = window.mapgenLayer;
            var state = {period: null};
            var clusters = L.layerGroup().addTo(map);

            function inPeriod(layer) {
                var p = state.period;
                return !p || layer.feature.properties.periods.some(function (s) { return s[0] <= p.end && s[1] >= p.start; });
            }
            function show(layer, visible, why) {
                var el = layer.getElement();
                layer.setStyle({opacity: visible ? 1 : 0, fillOpacity: visible ? layer.feature.properties.style.fillOpacity : 0});
                if (el) {
                    el.style.pointerEvents = visible ? "" : "none";
                    el.classList.toggle("mapgen-hidden", why === "time");
                    el.classList.toggle("mapgen-clustered", why === "cluster");
                }
            }
            function refresh() {
                clusters.clearLayers();
                var groups = [];
                places.eachLayer(function (layer) {
                    if (!inPeriod(layer)) { show(layer, false, "time"); return; }
                    var pt = map.latLngToLayerPoint(layer.getLatLng()), group = null;
                    for (var i = 0; i < groups.length && !group; i++) {
                        if (groups[i].pt.distanceTo(pt) < {{ this.radius }}) { group = groups[i]; }
                    }
                    if (group) { group.members.push(layer); } else { groups.push({pt: pt, members: [layer]}); }
                });
                groups.forEach(function (g) {
                    if (g.members.length === 1 || map.getZoom() >= map.getMaxZoom()) {
                        g.members.forEach(function (l) { show(l, true, null); });
                        return;
                    }
                    g.members.forEach(function (l) { show(l, false, "cluster"); });
                    var bounds = L.latLngBounds(g.members.map(function (l) { return l.getLatLng(); }));
                    var names = g.members.map(function (l) { return l.feature.properties.name; }).join(", ");
                    var icon = L.divIcon({className: "mapgen-cluster", iconSize: [30, 30],
                                          html: "<span>" + g.members.length + "</span>"});
                    var marker = L.marker(bounds.getCenter(), {icon: icon, keyboard: true, riseOnHover: true});
                    marker.on("add", function () {
                        var el = marker.getElement();
                        el.setAttribute("role", "button");
                        el.setAttribute("aria-label", g.members.length + " places here: " + names + ". Zoom in to see them.");
                        el.title = names;
                    });
                    marker.on("click", function () {
                        var zoom = Math.min(map.getMaxZoom(), Math.max(map.getBoundsZoom(bounds.pad(0.2)), map.getZoom() + 2));
                        map.setView(bounds.getCenter(), zoom);
                    });
                    clusters.addLayer(marker);
                });
            }
            map.on("zoomend", refresh);
            refresh();

            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "mapgen-legend");
                div.innerHTML = {{ this.legend }};
                return div;
            };
            legend.addTo(map);

            var full = L.control({position: "topleft"});
            full.onAdd = function () {
                var a = L.DomUtil.create("a", "mapgen-fullscreen leaflet-bar");
                a.href = "#"; a.setAttribute("role", "button");
                a.title = "Full screen"; a.setAttribute("aria-label", "Show the map full screen");
                a.innerHTML = '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" style="vertical-align:-3px">'
                    + '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#222" stroke-width="2"/></svg>';
                L.DomEvent.on(a, "click", function (e) {
                    L.DomEvent.preventDefault(e);
                    var el = document.documentElement;
                    if (document.fullscreenElement) { document.exitFullscreen(); }
                    else if (el.requestFullscreen) { el.requestFullscreen(); }
                });
                return a;
            };
            full.addTo(map);

            if (periods.length < 2) { return; }
            var time = L.control({position: "topright"});
            time.onAdd = function () {
                var div = L.DomUtil.create("div", "mapgen-time");
                var label = L.DomUtil.create("label", "", div);
                label.htmlFor = "mapgen-time-input";
                label.textContent = "Events: ";
                var out = L.DomUtil.create("output", "", label);
                out.id = "mapgen-time-value";
                out.textContent = "all dates";
                var input = L.DomUtil.create("input", "", div);
                input.type = "range"; input.id = "mapgen-time-input";
                input.min = 0; input.max = periods.length; input.step = 1; input.value = 0;
                input.setAttribute("aria-valuetext", "all dates");
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                input.addEventListener("input", function () {
                    var i = parseInt(input.value, 10);
                    state.period = i === 0 ? null : periods[i - 1];
                    var name = state.period ? state.period.label : "all dates";
                    out.textContent = name; input.setAttribute("aria-valuetext", name);
                    refresh();
                });
                return div;
            };
            time.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, periods: list[dict], legend_html: str, radius: int = 22):
        super().__init__()
        self._name = "MapControls"
        self.periods = script_json(periods)
        self.legend = script_json(legend_html)
        self.radius = int(radius)


def _popup(place: PlaceRow, events: list[Event], sources: dict[str, Source], link_prefix: str | None) -> str:
    c = place.candidate
    parts = [f'<div class="mapgen-popup"><h3>{text(c.name)}</h3>']
    spelled = [n for n in place.names_in_text if n != c.name]
    meta = [text(c.kind)] + ([text(c.country)] if c.country else [])
    parts.append('<p class="meta">' + " \u00b7 ".join(meta)
                 + (f"; written {text(', '.join(spelled))}" if spelled else "") + "</p>")
    if events:
        parts.append('<ul class="events">')
        for e in sorted(events, key=lambda e: (e.date, e.date_end or "", e.source_id, e.start)):
            link = f' <a href="{link_prefix}{e.source_id}.html">article map</a>' if link_prefix is not None else ""
            parts.append(f"<li><b>{text(format_date(e))}</b> {text(e.text)}{link}</li>")
        parts.append("</ul>")
    named = [sources[s] for s in place.sources if s in sources]
    if named:
        parts.append('<p class="sources">Named in: ' + "; ".join(
            (f'<a href="{link_prefix}{s.id}.html">{text(s.title)}</a>' if link_prefix is not None else text(s.title))
            for s in named) + "</p>")
    parts.append("</div>")
    return "".join(parts)


def _by_place(c: Collection) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = defaultdict(list)
    for e in c.events:
        out[e.place_id].append(e)
    return out


def _features(c: Collection, by_place: dict[str, list[Event]], link_prefix: str | None) -> list[dict]:
    sources = {s.id: s for s in c.sources}
    feats = []
    for p in c.places:
        populated = p.candidate.kind in POPULATED
        radius = 5 + min(11, 2 * len(p.sources) + len(by_place[p.id]) // 2)
        feats.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(p.candidate.lon, 6), round(p.candidate.lat, 6)]},
            "properties": {
                "id": p.id,
                "label": text(p.candidate.name),
                "name": p.candidate.name,  # plain text, only ever set as an attribute through the DOM
                "popup": _popup(p, by_place[p.id], sources, link_prefix),
                "periods": sorted({interval(e.date, e.date_end) for e in by_place[p.id]}),
                "style": {
                    "radius": radius, "weight": 1.5 if populated else 2.5,
                    "color": "#ffffff" if populated else COLOURS["area"],
                    "fillColor": COLOURS["populated" if populated else "area"],
                    "fillOpacity": 0.85 if populated else 0.3, "dashArray": None if populated else "4 3",
                    "className": "mapgen-marker mapgen-" + ("populated" if populated else "area"),
                },
            },
        })
    return feats


def _periods(c: Collection) -> list[dict]:
    """The time filter's steps: the years with events, or their months when all events are dated to
    the month or day and fall within a year of each other."""
    if not c.events:
        return []
    spans = [interval(e.date, e.date_end) for e in c.events]
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    if all(e.precision != "year" for e in c.events) and int(last[:4]) * 12 + int(last[5:7]) - int(first[:4]) * 12 - int(first[5:7]) < 12:
        months = sorted({s[0][:7] for s in spans} | {s[1][:7] for s in spans})
        return [{"label": m, "start": interval(m, None)[0], "end": interval(m, None)[1]} for m in months]
    years = sorted({y for s in spans for y in range(int(s[0][:4]), int(s[1][:4]) + 1)})
    return [{"label": str(y), "start": f"{y}-01-01", "end": f"{y}-12-31"} for y in years]


_LEGEND = (
    '<div><span class="sw sw-populated"></span> town or city</div>'
    '<div><span class="sw sw-area"></span> country, region or area</div>'
    '<div class="small">Bigger: named in more articles and events</div>'
)


def _table(c: Collection, by_place: dict[str, list[Event]]) -> str:
    """The same content as the map, as a table a keyboard or a screen reader can reach."""
    rows = []
    for p in sorted(c.places, key=lambda p: (p.candidate.name, p.id)):
        events = "".join(
            f"<li>{text(format_date(e))}: {text(e.text)}</li>"
            for e in sorted(by_place[p.id], key=lambda e: (e.date, e.start))
        )
        rows.append(
            f"<tr><th scope=\"row\">{text(p.candidate.name)}</th><td>{text(p.candidate.kind)}</td>"
            f"<td>{text(p.candidate.country or '')}</td><td>{p.mentions}</td>"
            f"<td>{'<ul>' + events + '</ul>' if events else ''}</td></tr>"
        )
    return (
        '<details class="mapgen-table"><summary>The places on this map, as a table</summary>'
        "<table><caption>Places named, with dated events</caption><thead><tr><th scope=\"col\">Place</th>"
        "<th scope=\"col\">Kind</th><th scope=\"col\">Country</th><th scope=\"col\">Mentions</th>"
        "<th scope=\"col\">Events</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></details>"
    )


_CHROME = """
<header class="mapgen-header">
  <h1>{title}</h1>{dek}{dateline}
</header>
{table}
<footer class="mapgen-footer">{sources}{credit}</footer>
<style>
  html, body {{ margin: 0; padding: 0; }}
  body {{ display: flex; flex-direction: column; height: 100vh; min-width: 300px; font: 14px/1.35 Georgia, serif; }}
  .mapgen-header {{ order: 0; padding: 8px 12px 6px; }}
  .mapgen-header h1 {{ font-size: 19px; margin: 0; }}
  .mapgen-header p {{ margin: 2px 0 0; color: #444; }}
  .folium-map {{ order: 1; flex: 1 1 auto; height: auto !important; min-height: 180px; }}
  .mapgen-table {{ order: 2; padding: 2px 12px; font: 12px/1.4 sans-serif; max-height: 40vh; overflow: auto; }}
  .mapgen-table table {{ border-collapse: collapse; }}
  .mapgen-table th, .mapgen-table td {{ text-align: left; vertical-align: top; padding: 2px 6px; border-bottom: 1px solid #ddd; }}
  .mapgen-footer {{ order: 3; padding: 4px 12px 6px; font: 11px/1.3 sans-serif; color: #444; }}
  .mapgen-popup {{ font: 13px/1.4 Georgia, serif; }}
  .mapgen-popup h3 {{ margin: 0 0 2px; font: bold 15px/1.3 Georgia, serif; }}
  .mapgen-popup .meta {{ margin: 0 0 4px; color: #555; }}
  .mapgen-popup ul {{ padding-left: 16px; margin: 4px 0; }}
  .mapgen-popup li {{ margin-bottom: 4px; }}
  .mapgen-legend, .mapgen-time {{ background: rgba(255,255,255,.92); padding: 4px 8px; font: 12px/1.4 sans-serif;
    border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }}
  .mapgen-legend .small {{ color: #555; font-size: 11px; }}
  .mapgen-legend .sw {{ display: inline-block; width: 10px; height: 10px; border-radius: 50%; vertical-align: -1px; }}
  .sw-populated {{ background: {populated}; }}
  .sw-area {{ background: {area_fill}; border: 2px dashed {area}; width: 8px !important; height: 8px !important; }}
  .mapgen-time input {{ display: block; width: 160px; }}
  .mapgen-cluster {{ background: rgba(178,24,43,.85); border: 2px solid #fff; border-radius: 50%;
    box-shadow: 0 0 0 2px rgba(178,24,43,.35); color: #fff; font: bold 13px/26px sans-serif; text-align: center; }}
  a.mapgen-fullscreen {{ display: block; width: 30px; height: 30px; line-height: 30px; text-align: center;
    background: #fff; color: #000; font-size: 18px; text-decoration: none; }}
  @media (max-width: 480px) {{ .mapgen-header h1 {{ font-size: 16px; }} .mapgen-time input {{ width: 110px; }}
    .mapgen-legend {{ display: none; }} }}
</style>
<script>
  (function () {{
    // newsroom embeds resize iframes from postMessage: pym.js-style and Datawrapper-style height messages
    function send() {{
      if (window.parent === window) return;
      var head = document.querySelector(".mapgen-header"), foot = document.querySelector(".mapgen-footer");
      var h = Math.round((head ? head.offsetHeight : 0) + (foot ? foot.offsetHeight : 0)
        + Math.min(640, Math.max(260, window.innerWidth * 0.62)));
      window.parent.postMessage({{"mapgen-height": h}}, "*");
      window.parent.postMessage({{"datawrapper-height": {{"{chart_id}": h}}}}, "*");
      window.parent.postMessage("pym" + "xPYMx" + "{chart_id}" + "xPYMx" + "height" + "xPYMx" + h, "*");
    }}
    window.addEventListener("load", send);
    window.addEventListener("resize", send);
  }})();
</script>
"""


def _dateline(c: Collection) -> str:
    dates = sorted(s.date for s in c.sources if s.date)
    if not dates:
        return "Date unknown"
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} \u2013 {dates[-1]}"


def render(c: Collection, style: MapStyle, link_prefix: str | None, page_id: str, dek: str = "") -> str:
    """One map page as HTML: deterministic, every piece of article text escaped."""
    tiles = style.tile_provider()
    names = [p.candidate.name for p in sorted(c.places, key=lambda p: (-p.mentions, p.candidate.name))]
    label = f"Map of {len(c.places)} place{'s' * (len(c.places) != 1)} named in the news" + (
        ": " + ", ".join(names[:12]) + ("\u2026" if len(names) > 12 else "") if names else "")
    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None, control_scale=True, max_bounds=True)
    folium.TileLayer(tiles, name=tiles.name).add_to(m)
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    # frame the towns and cities when there are any: a country's point would zoom a map
    # about two towns out to half the world (the countries stay on it, a zoom away)
    framed = [p for p in c.places if p.candidate.kind in POPULATED] or list(c.places)
    if framed:
        lats = [p.candidate.lat for p in framed]
        lons = [p.candidate.lon for p in framed]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30), max_zoom=9)
    by_place = _by_place(c)
    PlaceLayer(_features(c, by_place, link_prefix)).add_to(m)
    MapControls(_periods(c), _LEGEND).add_to(m)
    titles = [s.title for s in c.sources]
    shown = "; ".join(titles[:3]) + (f"; and {len(titles) - 3} more" if len(titles) > 3 else "")
    root = m.get_root()
    root.header.add_child(Element(f"<title>{text(style.title)}</title>"), name="title")
    root.html.add_child(Element(_CHROME.format(
        title=text(style.title),
        dek=f"<p class=\"dek\">{text(dek or style.dek)}</p>" if (dek or style.dek) else "",
        dateline=f"<p class=\"dateline\">{text(_dateline(c))}</p>",
        table=_table(c, by_place),
        sources=f"Sources: {text(shown)}, via mapgen." if shown else "via mapgen.",
        credit=f" {text(style.credit)}" if style.credit else "",
        populated=COLOURS["populated"], area=COLOURS["area"], area_fill="rgba(33,102,172,.3)",
        chart_id=page_id,
    )), name="mapgen_chrome")
    for n, el in enumerate(_walk(m)):
        el._id = f"{n:04d}"
    page = root.render()
    page = page.replace("<html>", '<html lang="en">', 1)
    # folium forbids zooming the page, which low-vision readers need
    page = re.sub(r'<meta name="viewport"[^>]*>', '<meta name="viewport" content="width=device-width, initial-scale=1" />',
                  page, count=1)
    page = page.replace(f'<div class="folium-map" id="{m.get_name()}" >',
                        f'<div class="folium-map" id="{m.get_name()}" role="region" aria-label="{text(label)}">', 1)
    if style.self_contained:
        page = make_self_contained(page)
    return page


def _walk(el):
    yield el
    for child in el._children.values():
        yield from _walk(child)


def write_maps(overview: Collection, articles: list[Collection], out: Path, style: MapStyle) -> list[tuple[str, str]]:
    """index.html for the whole build, sources/<id>.html for each article; returns (page, title) pairs."""
    n = len(overview.sources)
    dek = style.dek or f"{len(overview.places)} places named in {n} article{'s' * (n != 1)}"
    (out / "index.html").write_text(render(overview, style, "sources/", "index", dek), encoding="utf-8")
    pages = [("index.html", style.title)]
    (out / "sources").mkdir(exist_ok=True)
    for c in articles:
        s = c.sources[0]
        article = MapStyle(s.title, "", style.credit, style.tiles, style.self_contained)
        sub = f"{len(c.places)} places named in this article"
        (out / "sources" / f"{s.id}.html").write_text(render(c, article, "", s.id, sub), encoding="utf-8")
        pages.append((f"sources/{s.id}.html", s.title))
    return pages
