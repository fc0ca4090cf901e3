"""Copy-paste embed snippets: an <iframe> per map that resizes itself to the map it holds.

The map pages post their preferred height (see maps.py); the snippet's few
lines of script listen for it, so the embed keeps a sensible shape at any
column width, as pym.js and Datawrapper embeds do.
"""
from __future__ import annotations

from mapgen.errors import printable
from mapgen.escaping import text

# the frame's id goes between the two halves (an archive's embed.txt has a snippet per article: no format())
_RESIZE = ('<script>window.addEventListener("message",function(e){var f=document.getElementById("',
           '");if(f&&e.source===f.contentWindow&&e.data&&typeof e.data["mapgen-height"]==="number")'
           '{f.style.height=e.data["mapgen-height"]+"px";}});</script>')


def snippet(url: str, title: str, frame_id: str, height: int = 520) -> str:
    return (
        f'<iframe id="{frame_id}" src="{text(url)}" title="{text(title)}" '
        f'style="width:100%;height:{height}px;border:0;" loading="lazy" '
        f'allow="fullscreen" allowfullscreen></iframe>{_RESIZE[0]}{frame_id}{_RESIZE[1]}'
    )


def embed_text(pages: list[tuple[str, str]], base_url: str = "") -> str:
    """OUT/embed.txt: one snippet per map page; `base_url` is where the folder will be published."""
    lines = [
        "Embed codes for the maps in this folder. Publish the folder, then paste a snippet into your CMS;",
        "replace the address with the published one if you did not pass --base-url.",
        "",
    ]
    for path, title in pages:
        fid = "mapgen-" + path.replace("/", "-").removesuffix(".html")
        lines += [f"# {' '.join(printable(title).split())}", snippet(base_url + path, title, fid), ""]
    return "\n".join(lines)
