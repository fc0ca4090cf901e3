#!/usr/bin/env python3
"""How heavy the map pages are and how fast they load with a slow CPU, against issue 13's targets.

usage: python benchmarks/map_load.py OUT_DIR [--pages 5] [--throttle 4] [--runs 3] [--stress N]

OUT_DIR is a finished `mapgen build` (any corpus); with `--stress N` it is
written first: an overview of N made-up places (seeded, two events each,
outline basemap, self-contained), the page the issue's 5,000-place review
used. Prints the size of the overview, the largest article page and the
shared assets; then, in Debian's Chromium with every non-file request blocked
and the CPU slowed THROTTLE times (Chrome DevTools' emulation), the time until
the map is drawn (the page's `mapgen-ready` performance mark, set after the
first paint of markers, clusters and labels) for the overview and a few
article pages, the median of RUNS loads each, beside the target (< 1.5 s);
and for the overview, the time to zoom in on a region, to pan a view, to show
the events of its busiest place (loaded from places/ in an archive's overview),
and, with its table open, for a step of the time slider (dragged, then at rest).
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

TARGET_S = 1.5
# in the page's clock, seconds for a zoom in on Europe (regrouping) and a pan of a view (drawing what came in)
MOVES = """() => { const t0 = performance.now(); mapgenMap.setView([48, 10], 6, {animate: false});
    const t1 = performance.now(); mapgenMap.panBy([mapgenMap.getSize().x, 0], {animate: false});
    return [(t1 - t0) / 1000, (performance.now() - t1) / 1000]; }"""
# in the page's clock, seconds from opening the popup of the place with the most events to its events shown (an
# archive's overview loads them from the place's file in places/ then), and how many there are
POPUP = """() => new Promise(done => { const p = mapgenPlaces.slice().sort((a, b) => b.n - a.n || b.m - a.m)[0];
    mapgenMap.setView([p.lat, p.lon], mapgenMap.getMaxZoom(), {animate: false}); const t0 = performance.now(); p.marker.openPopup();
    (function shown() { if (document.querySelector('.leaflet-popup-content ul.events')) { done([(performance.now() - t0) / 1000, p.n]); }
                        else { setTimeout(shown, 2); } })(); })"""
# in the page's clock, with the table open and filled: seconds per step of the time slider dragged (input events: the
# map redrawn, the table left until the slider rests) and for the table to follow a step (a change: every row filtered
# and laid out again), medians over the same steps
SLIDE = """async () => { const table = document.getElementById('mapgen-table'); table.open = true;
    const input = document.getElementById('mapgen-time-input'); if (!input || input.closest('[hidden]')) { return null; }
    while (table.querySelectorAll('tbody tr').length < mapgenPlaces.length) { await new Promise(r => setTimeout(r, 20)); }
    const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    const steps = [1, 3, 5, 8, 10, 15, 20, 0].filter(k => k <= +input.max), drag = [], rest = [];
    for (const k of steps) {
      await frame(); let t0 = performance.now(); input.value = k; input.dispatchEvent(new Event('input'));
      await frame(); drag.push(performance.now() - t0);
      t0 = performance.now(); input.dispatchEvent(new Event('change')); await frame(); rest.push(performance.now() - t0);
    }
    const median = xs => xs.sort((a, b) => a - b)[xs.length >> 1] / 1000;
    return [median(drag), median(rest), mapgenPlaces.length]; }"""
STRESS_MARK = ".map_load-stress"  # a folder this script wrote, so it may write it again


def write_stress(out: Path, n: int) -> None:
    """An overview of n towns spread like news places, dense in Europe and Asia, none at the poles."""
    from mapgen.exports import Collection, PlaceRow
    from mapgen.maps import MapStyle, write_maps
    from mapgen.model import Candidate, Event, Source

    if out.exists() and any(out.iterdir()) and not (out / STRESS_MARK).exists():
        raise SystemExit(f"{out} holds files this script did not write: choose a new folder")
    rnd = random.Random(7)
    sources = tuple(Source(f"{i:016x}", f"a{i}.txt", f"Article {i}", "2020-01-01", "0") for i in range(500))
    places, events = [], []
    for i in range(n):
        lat, lon = max(-60.0, min(70.0, rnd.gauss(30, 20))), max(-170.0, min(170.0, rnd.gauss(20, 60)))
        c = Candidate(f"geonames:{i}", f"Town {i}", "town", "XX", lat, lon)
        s = sources[i % len(sources)].id
        places.append(PlaceRow(c, (c.name,), (s,), 1 + i % 7, 1.0))
        events += [Event(f"e{i}-{k}", c.id, s, f"20{10 + k + i % 10}-0{1 + i % 9}-1{k}", None, "day",
                         f"Something happened in Town {i} ({k}).", 0, 10) for k in range(2)]
    out.mkdir(parents=True, exist_ok=True)
    (out / STRESS_MARK).write_text("written by benchmarks/map_load.py --stress\n")
    write_maps(Collection(sources, tuple(places), tuple(events)), out, MapStyle(self_contained=True, basemap="outline"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=5)
    ap.add_argument("--throttle", type=float, default=4.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--stress", type=int, default=0, metavar="N")
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    if a.stress:
        write_stress(a.out, a.stress)
    articles = sorted((a.out / "sources").glob("*.html")) if (a.out / "sources").exists() else []
    assets = sum(p.stat().st_size for p in (a.out / "assets").iterdir())
    biggest = max(articles, key=lambda p: p.stat().st_size) if articles else None
    print(f"overview {(a.out / 'index.html').stat().st_size / 1e3:.0f} KB; "
          f"largest article page {biggest.stat().st_size / 1e3 if biggest else 0:.0f} KB; "
          f"shared assets {assets / 1e3:.0f} KB once per build; whole folder "
          f"{sum(p.stat().st_size for p in a.out.rglob('*') if p.is_file()) / 1e6:.1f} MB")
    pages = [a.out / "index.html", *articles[: a.pages]]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for page_path in pages:
            drawn, seen, moves, popups, slides = [], [], [], [], []
            for _ in range(a.runs):
                ctx = browser.new_context(viewport={"width": 600, "height": 450})
                pg = ctx.new_page()
                pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
                cdp = ctx.new_cdp_session(pg)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": a.throttle})
                t = time.perf_counter()
                pg.goto(page_path.resolve().as_uri(), wait_until="domcontentloaded")
                pg.wait_for_function("performance.getEntriesByName('mapgen-ready').length > 0", timeout=60_000)
                seen.append(time.perf_counter() - t)
                # the page's own clock, from navigation start to the map painted: without the harness's round trips
                drawn.append(pg.evaluate("performance.getEntriesByName('mapgen-ready')[0].startTime") / 1000)
                if page_path.name == "index.html":  # then a reader zooms in on a region, and pans
                    moves.append(pg.evaluate(MOVES))
                    popups.append(pg.evaluate(POPUP))
                    slides.append(pg.evaluate(SLIDE))
                ctx.close()
            page_s = statistics.median(drawn)
            print(f"{page_path.relative_to(a.out)}: drawn in {page_s:.2f} s at {a.throttle:g}x slower CPU "
                  f"(median of {a.runs}, {min(drawn):.2f}-{max(drawn):.2f}; target < {TARGET_S} s: "
                  f"{'met' if page_s < TARGET_S else 'NOT met'}; {statistics.median(seen):.2f} s seen by the harness)")
            if moves:
                print(f"  then zoomed in to level 6 in {statistics.median(m[0] for m in moves):.2f} s, "
                      f"panned a view in {statistics.median(m[1] for m in moves):.2f} s (median of {a.runs})")
                print(f"  the popup of the place with the most events ({popups[0][1]}) showed them in "
                      f"{statistics.median(p[0] for p in popups):.2f} s (median of {a.runs})")
            if slides and None not in slides:
                print(f"  with the table open ({slides[0][2]} rows), a step of the time slider dragged redrew the map in "
                      f"{statistics.median(s[0] for s in slides):.2f} s; the table followed in "
                      f"{statistics.median(s[1] for s in slides):.2f} s once it rested (medians)")
        browser.close()


if __name__ == "__main__":
    main()
