"""Leaflet's own files: linked from a pinned CDN, and copied from the installed package into OUT/assets/.

A newsroom CMS may block third-party scripts, so every build writes Leaflet into
OUT/assets/: `--self-contained` pages load only that copy, CDN pages fall back to
it when the CDN is blocked. The files come from the `django-js-lib-leaflet` wheel
installed with mapgen (plain Leaflet, nothing Django about it), never from a
download during a build, never from a copy in this repository.
"""
from __future__ import annotations

import base64
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

LEAFLET_VERSION = "1.9.4"
LEAFLET_JS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"


def leaflet_dir() -> Path:
    return Path(str(resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"))


@lru_cache(maxsize=1)
def inline_leaflet() -> tuple[str, str]:
    """(script, stylesheet) as text, images in the CSS turned into data: URIs."""
    d = leaflet_dir()
    js = (d / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js).replace("</script", "<\\/script")

    def data_uri(m: re.Match) -> str:
        img = d / m.group(1)
        if not img.is_file():
            return m.group(0)
        return "url(data:image/png;base64," + base64.b64encode(img.read_bytes()).decode() + ")"

    css = re.sub(r"url\((images/[\w.\-]+\.png)\)", data_uri, (d / "leaflet.css").read_text(encoding="utf-8"))
    return js, css
