"""PNG previews of the maps (for social cards and print), drawn by headless Chromium.

Optional: needs the `playwright` package and a Chromium binary (Debian's
/usr/bin/chromium, or $MAPGEN_CHROMIUM); mapgen never downloads a browser.
"""
from __future__ import annotations

import os
from pathlib import Path

from mapgen.errors import OutputError

CHROMIUM = os.environ.get("MAPGEN_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def _serve_leaflet(route) -> None:
    from mapgen.assets import leaflet_dir

    name = route.request.url.rsplit("/dist/", 1)[1].split("?")[0]
    local = leaflet_dir() / name
    if not local.is_file():
        return route.abort()
    kind = {".js": "application/javascript", ".css": "text/css", ".png": "image/png"}.get(local.suffix, "")
    route.fulfill(body=local.read_bytes(), content_type=kind)


def write_previews(folder: Path, pages: list[str], width: int = 1200, height: int = 675) -> None:
    """Save <page>.png beside each page, 1200x675 (a social card's shape)."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as e:
        raise OutputError("--png needs the playwright package: pip install 'mapgen[png]'") from e
    if not Path(CHROMIUM).exists():
        raise OutputError(f"--png needs Chromium at {CHROMIUM} (apt-get install chromium, or set MAPGEN_CHROMIUM)")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route("**/npm/leaflet@*/dist/*", _serve_leaflet)  # the pinned CDN files, from the package
            # a still picture: no buttons, sliders or table to press, labels placed without them in the way
            page.add_init_script("document.documentElement.classList.add('mapgen-preview')")
            for rel in pages:
                page.goto((folder / rel).resolve().as_uri(), wait_until="load", timeout=30_000)
                page.wait_for_selector("#mapgen-map.mapgen-ready", timeout=10_000)
                # again once the page is there: the init script can run before <html> exists
                page.evaluate("document.documentElement.classList.add('mapgen-preview'); "
                              "window.dispatchEvent(new Event('resize'))")
                page.wait_for_timeout(500)
                page.screenshot(path=str((folder / rel).with_suffix(".png")))
            browser.close()
    except Error as e:
        raise OutputError(f"PNG preview failed: {str(e).splitlines()[0]}") from e
