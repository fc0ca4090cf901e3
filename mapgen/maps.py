"""Maps: static Leaflet pages, one overview and one per article, sharing one folder of assets per build.

Each page is the Jinja template `templates/page.html` with the map's data as
JSON; `templates/map.js` draws it (markers, permanent labels, clusters,
framing, popups, legend, time filter, outline basemap) and builds popups in
the browser from fields escaped here, so a 5,000-place overview carries its
data once rather than as 5,000 pieces of popup HTML. Leaflet, the page's
script and style and the outline basemap are written once into OUT/assets/,
not copied into every page. An archive's overview would still carry every
event (35 MB for 10,000 articles): past `EVENTS_INLINE_UP_TO` each place's
events are a script of their own (`place_file`), loaded when first needed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from mapgen.assets import LEAFLET_CSS, LEAFLET_JS, inline_leaflet
from mapgen.escaping import script_json_text, text
from mapgen.exports import Collection, PlaceRow
from mapgen.model import Event, by_constructor

POPULATED = ("capital", "city", "town", "village")
DEFAULT_TILES = "OpenStreetMap.Mapnik"
BASEMAPS = ("tiles", "outline")
CLUSTER_FROM = 30  # places on an article's map before touching markers are grouped (the overview always groups)
FRAME_CAP_KM = 1500  # a far country joins an article's frame only while the frame stays within this (or 4x the towns' span)
# an overview telling more events than this (~180 bytes each in the page) loads each place's from a file of
# its own when its popup opens: 10,000 articles tell ~170,000, a 35 MB page a phone cannot draw
EVENTS_INLINE_UP_TO = 10_000
PLACE_FILES = "places/"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True, slots=True)
class MapStyle:
    """What a graphics desk sets once per build: words on the map and how it loads.

    `title` empty means a title made from the places most named; `basemap`
    "outline" draws coastlines and borders shipped with mapgen instead of tiles
    (tiles fall back to the outline by themselves when they cannot load).
    """

    title: str = ""
    dek: str = ""
    credit: str = ""
    tiles: str = DEFAULT_TILES
    self_contained: bool = False
    basemap: str = "tiles"

    def tile_provider(self) -> Tiles:
        """The tiles named by `tiles` (an xyzservices name); an unknown name is the user's error, said up front."""
        from mapgen.errors import InputError

        if self.basemap not in BASEMAPS:
            raise InputError(f"unknown --basemap {self.basemap!r} (known: {', '.join(BASEMAPS)})")
        try:
            return _tiles(self.tiles)
        except ValueError as e:
            raise InputError(f"unknown --tiles {self.tiles!r} (an xyzservices name such as {DEFAULT_TILES})") from e


@dataclass(frozen=True)
class Tiles:
    """What a page needs of an xyzservices provider."""

    url: str  # with {r} for the retina suffix
    attribution: str  # HTML
    max_zoom: int
    subdomains: object  # a string of letters or a list, as xyzservices has it


@lru_cache(maxsize=8)
def _tiles(name: str) -> Tiles:
    """xyzservices' `query_name` walks every provider, and importing it loads Python's HTTP stack and 850 KB
    of JSON: a twentieth of a rebuild that changed one article. What it answered is kept in mapgen's cache
    folder, for each xyzservices version."""
    import json
    from dataclasses import asdict
    from importlib.metadata import version

    from mapgen.gazetteer.index import cache_dir
    from mapgen.housekeeping import keep

    path = cache_dir() / "tiles" / f"xyzservices-{version('xyzservices')}.json"
    known: object = {}
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
        return Tiles(**known[name])  # type: ignore[index]
    except (OSError, ValueError, KeyError, TypeError):
        known = known if isinstance(known, dict) else {}
    import xyzservices.providers as providers

    p = providers.query_name(name)  # ValueError for a name it does not know
    tiles = Tiles(p.build_url(scale_factor="{r}"), p.html_attribution, p.get("max_zoom", 18), p.get("subdomains", "abc"))
    known[name] = asdict(tiles)
    keep(path, json.dumps(known, sort_keys=True).encode("utf-8"))
    return tiles


def _safe(value: object) -> object:
    """Jinja finalizer: every value a template prints goes through `text()` unless already markup."""
    return value if isinstance(value, Markup) else Markup(text(value))


@lru_cache(maxsize=1)
def _page_template():
    env = Environment(loader=PackageLoader("mapgen", "templates"), autoescape=True, finalize=_safe,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.get_template("page.html")


def _template_text(name: str) -> str:
    return (resources.files("mapgen") / "templates" / name).read_text(encoding="utf-8")


# ---- dates, in words --------------------------------------------------------------------------------

def human_date(iso: str) -> str:
    """'2020' -> '2020', '2020-12' -> 'December 2020', '2020-12-01' -> '1 December 2020'."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"


@lru_cache(maxsize=1 << 14)  # an archive's events share a few thousand dates
def human_span(first: str, last: str | None) -> str:
    """A date or a range in words, sharing what the ends share: '1\u20133 December 2020'."""
    if not last or last == first:
        return human_date(first)
    a, b = first.split("-"), last.split("-")
    if len(a) == len(b) == 3 and a[:2] == b[:2]:
        return f"{int(a[2])}\u2013{human_date(last)}"
    if len(a) == len(b) and a[0] == b[0] and len(a) > 1:
        return f"{human_date(first).removesuffix(' ' + a[0])} \u2013 {human_date(last)}"
    return f"{human_date(first)} \u2013 {human_date(last)}"


def format_date(e: Event) -> str:
    return human_span(e.date, e.date_end)


@lru_cache(maxsize=1 << 14)
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


def _periods(first: str | None, last: str | None, yearly: bool, months: frozenset[int] = frozenset()) -> list[dict]:
    """The time filter's steps: every year some event falls in, or every such month when all events are
    dated to the month or day and fall within a year of each other (`first` and `last`: the first and
    last day of any event; `yearly`: some event is dated to the year; `months`: those any event falls in,
    as year * 12 + month - 1). Years and months no event falls in are no step: one historical date ("the
    earthquake of 1755") would otherwise stretch the slider of a year's news over 270 empty years."""
    if first is None or last is None:
        return []
    y0, m0, y1, m1 = int(first[:4]), int(first[5:7]), int(last[:4]), int(last[5:7])
    if not yearly and y1 * 12 + m1 - y0 * 12 - m0 < 12:
        steps = sorted(months) or range(y0 * 12 + m0 - 1, y1 * 12 + m1)
        ms = [f"{n // 12}-{n % 12 + 1:02d}" for n in steps]
        return [{"label": human_date(m), "start": interval(m, None)[0], "end": interval(m, None)[1]} for m in ms]
    years = sorted({n // 12 for n in months}) or range(y0, y1 + 1)
    return [{"label": str(y), "start": f"{y}-01-01", "end": f"{y}-12-31"} for y in years]


def _dateline(c: Collection) -> str:
    dates = sorted(s.date for s in c.sources if s.date)
    if not dates:
        return "Date unknown"
    return human_span(dates[0], dates[-1])


# ---- the page's data ----------------------------------------------------------------------------------

# (first day, last day, dated to the year only, months fallen in) of some events: the time filter's steps
Span = tuple  # (str | None, str | None, bool, frozenset[int])
_NO_SPAN: Span = (None, None, False, frozenset())


def event_span(events: Iterable[Event]) -> Span:
    """The first and last day of any of `events`, whether one is dated to the year only, and the months
    they fall in: what the overview's time filter steps through."""
    return joined_span((*interval(e.date, e.date_end), e.precision == "year", _months_of(e.date, e.date_end))
                       for e in events)


def joined_span(spans: Iterable[Span]) -> Span:
    """The span of all of `spans` (some articles' events)."""
    first, last, yearly, months = None, None, False, set()
    for a, b, y, m in spans:
        if a is not None:
            first = a if first is None or a < first else first
            last = b if last is None or b > last else last
        yearly = yearly or y
        months.update(m)
    return first, last, yearly, frozenset(months)


@lru_cache(maxsize=1 << 14)
def _months_of(date: str, date_end: str | None) -> frozenset[int]:
    """The months an event's dates fall in (year * 12 + month - 1, as `_month_span`); of a span over years,
    its first and last year's only: the years between hold no event of their own."""
    a, b = _month_span(f"{date}\0{date_end or ''}\0".encode())
    if b - a < 24:
        return frozenset(range(a, b + 1))
    return frozenset(range(a, a - a % 12 + 12)) | frozenset(range(b - b % 12, b + 1))


@dataclass(frozen=True, slots=True)
class PopupText:
    """Some events (one article's, in a build) as the overview's popups list them, rendered where the
    article is analysed (see `exports.EventText`): an archive's overview carries every event."""

    # each place's events, each as UTF-8 "order\1JSON" (order: its place in the popup's list; see
    # `_popup_order`): as bytes, an archive's 1.7 million events take a third less memory than as strs
    events: tuple[tuple[str, tuple[bytes, ...]], ...]

    def __reduce__(self):  # through the constructor: a cached archive unpickles hundreds of thousands
        return by_constructor(self)


def popup_text(events: Iterable[Event]) -> PopupText:
    by_place: dict[str, list[bytes]] = defaultdict(list)
    for e in events:
        by_place[e.place_id].append(f"{_popup_order(e)}\1{script_json_text(_event(e))}".encode())
    return PopupText(tuple((place, tuple(entries)) for place, entries in by_place.items()))


def _popup_order(e: Event) -> str:
    """A popup lists its events by date, then article and place in it: as one string (an archive's
    overview sorts every event), fields joined by a character below any of theirs, so that a date
    ends before a longer one goes on ('2020' before '2020-12')."""
    return f"{e.date}\0{e.date_end or ''}\0{e.source_id}\0{e.start:012d}\0{e.id}"  # (no \1: it ends the order)


def _event(e: Event) -> list:
    """[date in words, sentence, source id, first day, last day]; the last day left out when it is the first
    (a 5,000-place overview is a sixth lighter sent as lists than as objects)."""
    a, b = interval(e.date, e.date_end)
    return [text(format_date(e)), text(e.text), e.source_id, a] + ([b] if b != a else [])


def place_entry(p: PlaceRow, entries: list[bytes], first: bool) -> bytes:
    """The place's entry of the page's data (escaped JSON, UTF-8), with its events (`entries`, each
    "order\1JSON", sorted); but for the `first`, after a comma."""
    return (("" if first else ",") + _place(p, len(entries)) + ',"events":[').encode() + b",".join(
        [e.partition(b"\1")[2] for e in entries]) + b"]}"


def place_entry_apart(p: PlaceRow, entries: list[bytes], first: bool, key: str) -> bytes:
    """The place's entry of an overview whose events are in files of their own (`place_file`): how many
    there are and the months they fall in, for the time filter, and the place's `key` (`tally.place_key`,
    what its file follows from), asked for with the file so that a cache going by address never serves
    an earlier one; the articles naming it are in its file too (100,000 articles name a place 1.7
    million times)."""
    return (("" if first else ",") + _place(p, len(entries), apart=True) +
            f',"n":{len(entries)},"months":{_months(entries)},"file":"{_file_stem(p.id)}","v":"{key[:16]}"}}').encode()


def place_file(place_id: str) -> str:
    """Where an overview whose events are apart keeps a place's events: named by the place, not by what
    it holds, so that a page cached from before a rebuild still finds the place's events (the newer ones)."""
    return f"{PLACE_FILES}{_file_stem(place_id)}.js"


def _file_stem(place_id: str) -> str:
    return hashlib.sha256(place_id.encode()).hexdigest()[:16]  # (ids hold ':', and a desk's own ids more)


def place_file_text(entries: list[bytes], p: PlaceRow, titles: dict[str, str]) -> bytes:
    """The script that hands a place's events (`entries` as for `place_entry`) and the articles naming
    it, with their titles (`titles`: source id -> title), to the overview, which loads it when the
    place's popup or table row first needs them: a script, not JSON to fetch, as browsers let a page
    opened from disk load scripts beside it but not read files."""
    named = script_json_text([[s, titles[s]] for s in p.sources])
    return (f'mapgenEvents("{_file_stem(p.id)}",[').encode() + b",".join([e.partition(b"\1")[2] for e in entries]) + (
        f"],{named});\n").encode()


def source_titles(c: Collection) -> dict[str, str]:
    """Each source's title as the page shows it (escaped)."""
    return {s.id: text(s.title) for s in c.sources}


def events_apart(events: int) -> bool:
    """Whether an overview telling `events` events keeps them out of the page, in a file per place."""
    return events > EVENTS_INLINE_UP_TO


def _months(entries: list[bytes]) -> str:
    """The months the events (`entries`) fall in, as JSON: runs of months counted from year 0, each as
    its first and last ([24240,24242] is January to March 2020). The time filter steps by months or
    years, so a place is shown in a step exactly when one of its runs meets it."""
    runs: list[list[int]] = []
    for lo, hi in sorted({_month_span(e.partition(b"\1")[0]) for e in entries}):
        if runs and lo <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], hi)
        else:
            runs.append([lo, hi])
    return "[" + ",".join(f"{lo},{hi}" for lo, hi in runs) + "]"


def _month_span(order: bytes) -> tuple[int, int]:
    date, end, _ = order.decode().split("\0", 2)
    a, b = interval(date, end or None)
    return int(a[:4]) * 12 + int(a[5:7]) - 1, int(b[:4]) * 12 + int(b[5:7]) - 1


def _place(p: PlaceRow, events: int, apart: bool = False) -> str:
    """The place's entry of the page's data, as escaped JSON, but for its events and closing brace (and
    when `apart`, its sources)."""
    c = p.candidate
    entry = script_json_text({
        "id": p.id, "name": text(p.label or c.name), "kind": text(c.kind), "country": text(c.country or ""),
        "lat": round(c.lat, 5), "lon": round(c.lon, 5), "m": p.mentions, "area": c.kind not in POPULATED,
        "r": 5 + min(11, 2 * len(p.sources) + events // 2),
        "written": [text(n) for n in p.names_in_text if n != (p.label or c.name)],
        "gaz": text(c.name) if c.name != (p.label or c.name) else "",
        **({} if apart else {"sources": list(p.sources)}),
    })
    return entry[:-1]


def _source_line(c: Collection, overview: bool) -> str:
    if overview:
        n = len(c.sources)
        return f"Source: {n} news articles; each place's popup links to those naming it." if n > 3 else (
            "Source: " + "; ".join(s.title for s in c.sources) + ".")
    return f"Source: {c.sources[0].title}." if c.sources else ""


def default_title(c: Collection) -> str:
    """A headline from the places the articles name most: 'Where the news is: Ganja, Baku and Lachin'."""
    top = [p.candidate.name for p in sorted(c.places, key=lambda p: (-p.mentions, -len(p.sources), p.candidate.name))][:3]
    if not top:
        return "Places in these articles"
    names = top[0] if len(top) == 1 else ", ".join(top[:-1]) + " and " + top[-1]
    return f"Where the news is: {names}"


def render(c: Collection, style: MapStyle, link_prefix: str | None, page_id: str, dek: str = "",
           assets: str = "assets/", overview: str | None = None) -> str:
    """One map page as HTML: deterministic, every piece of article text escaped."""
    frame = page_frame(c, style, link_prefix, page_id, dek, assets, overview, event_span(c.events))
    return render_entries(c, *frame).decode()


def page_places(c: Collection) -> list[PlaceRow]:
    """The places in the order of the page's data and its table (the page orders markers by mentions): by
    the name shown, as a reader looks one up ('Ürümqi' beside 'Urumqi', not after 'Zwolle')."""
    return sorted(c.places, key=lambda p: (_sort_name(p.label or p.candidate.name), p.id))


@lru_cache(maxsize=1 << 14)
def _sort_name(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).casefold()


def page_frame(c: Collection, style: MapStyle, link_prefix: str | None, page_id: str, dek: str = "",
               assets: str = "assets/", overview: str | None = None, span: Span = _NO_SPAN,
               apart: bool = False) -> tuple[bytes, bytes]:
    """The page of `render` but for its places' entries (`place_entry`, in `page_places` order): what
    comes before the first and after the last, in UTF-8. `span`: that of every event the page shows;
    `apart`: its entries are `place_entry_apart`'s. An archive's overview is written entry by entry."""
    tiles = style.tile_provider()
    names = [p.candidate.name for p in sorted(c.places, key=lambda p: (-p.mentions, p.candidate.name))]
    label = f"Map of {len(c.places)} place{'s' * (len(c.places) != 1)} named in the news" + (
        ": " + ", ".join(names[:12]) + ("\u2026" if len(names) > 12 else "") if names else "")
    rest = script_json_text({
        **({"placeFiles": PLACE_FILES} if apart else {}),
        "sources": {} if apart else {s.id: {"t": text(s.title)} for s in c.sources},  # else in the places' files
        "article": overview is not None,  # one article's map (it links to the overview)
        "links": link_prefix,
        "periods": [dict(p, label=text(p["label"])) for p in _periods(*span)],
        "basemap": style.basemap,
        "tiles": None if style.basemap == "outline" else {
            "url": tiles.url, "attribution": tiles.attribution, "maxZoom": tiles.max_zoom,
            "subdomains": tiles.subdomains,
        },
        "assets": assets,
        "frameCapKm": FRAME_CAP_KM,
        "cluster": overview is None or len(c.places) >= CLUSTER_FROM,
    })
    credit = f"Map: {style.credit}, made with mapgen." if style.credit else "Map: made with mapgen."
    head, tail = _page_template().render(
        title=style.title or default_title(c), dek=dek or style.dek, dateline=_dateline(c), label=label,
        source=_source_line(c, overview is None),
        credit=credit, overview=overview, data=Markup(_DATA), chart_id=page_id, assets=assets,
        self_contained=style.self_contained, leaflet_js=LEAFLET_JS, leaflet_css=LEAFLET_CSS,
    ).split(_DATA)
    return (head + '{"places":[').encode(), ("]," + rest[1:] + tail).encode()


# where the data goes in the rendered template: no page text can hold it (a title's "<" is escaped)
_DATA = "<mapgen-data>"


def write_assets(folder: Path, style: MapStyle) -> None:
    """OUT/assets: Leaflet, mapgen's script and style and the outline basemap, once for every page of the build."""
    from mapgen.basemap import outline_script

    folder.mkdir(exist_ok=True)
    js, css = inline_leaflet()
    (folder / "leaflet.js").write_text(js, encoding="utf-8")
    (folder / "leaflet.css").write_text(css, encoding="utf-8")
    (folder / "mapgen.js").write_text(_template_text("map.js") + _template_text("frame.js"), encoding="utf-8")
    (folder / "mapgen.css").write_text(_template_text("map.css"), encoding="utf-8")
    (folder / "outline.js").write_text(outline_script(), encoding="utf-8")


def overview_frame(overview: Collection, style: MapStyle, span: Span, apart: bool = False) -> tuple[bytes, bytes, str]:
    """index.html but for its places' entries (see `page_frame`), and its title."""
    n = len(overview.sources)
    dek = style.dek or f"{len(overview.places)} places named in {n} article{'s' * (n != 1)}"
    title = overview_title(overview, style)
    page_style = MapStyle(title, style.dek, style.credit, style.tiles, style.self_contained, style.basemap)
    head, tail = page_frame(overview, page_style, "sources/", "index", dek, span=span, apart=apart)
    return head, tail, title


def overview_title(overview: Collection, style: MapStyle) -> str:
    return style.title or default_title(overview)


def write_maps(overview: Collection, out: Path, style: MapStyle) -> tuple[str, str]:
    """index.html for the whole build (from `overview`, with its events) and the assets every page
    shares; returns (page, title). A build writes its overview from its articles' pieces instead."""
    write_assets(out / "assets", style)
    head, tail, title = overview_frame(overview, style, event_span(overview.events))
    html = render_entries(overview, head, tail)
    (out / "index.html").write_bytes(html)
    return "index.html", title


def render_entries(c: Collection, head: bytes, tail: bytes) -> bytes:
    """The page of `c` in its frame (`page_frame`), its places' entries made from its events."""
    places = page_places(c)
    return b"".join([head, *place_entries(places, list(range(len(places))), [popup_text(c.events)]), tail])


def place_entries(places: list[PlaceRow], indices: list[int], popups: Iterable[PopupText]) -> Iterator[bytes]:
    """The entries of `places` (in `page_places` order) at `indices`, with their events from `popups`."""
    return (place_entry(places[n], entries, n == 0) for n, entries in zip(indices, place_events(places, indices, popups)))


def place_events(places: list[PlaceRow], indices: list[int], popups: Iterable[PopupText]) -> Iterator[list[bytes]]:
    """The events of `places` at `indices` from `popups` (those of other places passed over), each
    place's as `place_entry` takes them."""
    wanted = {places[n].id for n in indices}
    by_place: dict[str, list[bytes]] = defaultdict(list)
    for t in popups:
        for place_id, entries in t.events:
            if place_id in wanted:
                by_place[place_id].extend(entries)
    return (sorted(by_place.pop(places[n].id, ())) for n in indices)


def article_page(source_id: str) -> str:
    """Where an article's map goes in the output (an article with no place gets none: an empty map says nothing)."""
    return f"sources/{source_id}.html"


def write_article_page(c: Collection, out: Path, style: MapStyle) -> None:
    """The map of one article, `c` (which names a place)."""
    s = c.sources[0]
    article = MapStyle(s.title, "", style.credit, style.tiles, style.self_contained, style.basemap)
    k = len(c.places)
    sub = f"{k} place{'s' * (k != 1)} named in this article"
    html = render(c, article, None, s.id, sub, assets="../assets/", overview="../index.html")
    (out / "sources").mkdir(exist_ok=True)
    (out / article_page(s.id)).write_text(html, encoding="utf-8")
