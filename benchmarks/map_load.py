#!/usr/bin/env python3
"""How heavy the map pages are and how fast they load with a slow CPU, against issue 13's targets.

usage: python benchmarks/map_load.py OUT_DIR [--pages 5] [--throttle 4]

OUT_DIR is a finished `mapgen build` (any corpus). Prints the size of the
overview, the largest article page and the shared assets; then, in Debian's
Chromium with every non-file request blocked and the CPU slowed THROTTLE
times (Chrome DevTools' emulation), the time until the map is drawn
(the page's `mapgen-ready` performance mark) for the overview and a few article pages, each
beside the target (< 1.5 s).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

TARGET_S = 1.5


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=5)
    ap.add_argument("--throttle", type=float, default=4.0)
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    articles = sorted((a.out / "sources").glob("*.html"))
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
            ctx = browser.new_context(viewport={"width": 600, "height": 450})
            pg = ctx.new_page()
            pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
            cdp = ctx.new_cdp_session(pg)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": a.throttle})
            t = time.perf_counter()
            pg.goto(page_path.resolve().as_uri(), wait_until="domcontentloaded")
            pg.wait_for_selector("#mapgen-map.mapgen-ready", timeout=60_000)
            pg.wait_for_function("performance.getEntriesByName('mapgen-ready').length > 0", timeout=60_000)
            s = time.perf_counter() - t
            # the page's own clock, from navigation start to the map drawn: without the harness's round trips
            page_s = pg.evaluate("performance.getEntriesByName('mapgen-ready')[0].startTime") / 1000
            print(f"{page_path.relative_to(a.out)}: drawn in {page_s:.2f} s at {a.throttle:g}x slower CPU "
                  f"(target < {TARGET_S} s: {'met' if page_s < TARGET_S else 'NOT met'}; {s:.2f} s seen by the harness)")
            ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
