"""The editor's last word: a newsroom's corrections, applied before any rule scores a candidate.

`corrections.csv` beside the articles (or a `[[corrections]]` table in `mapgen.toml`) says,
per line, that a name is a given gazetteer entry, a place at given coordinates, or not a
place at all, in every article or in one (by source id or file name). A rebuild keeps the
correction; `mapgen resolve NAME` prints the line to paste, and `OUT/review.html` the line
that would change each resolution.

    name,place,lat,lon,kind,article,note
    Georgia,geonames:4197000,,,,,our coverage means the US state
    Camp Lemonnier,,11.547,43.159,landmark,,the base, not in GeoNames
    Jordan,none,,,,3f2a9c0d11e4b7a2,a player's name in this match report
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mapgen.errors import InputError
from mapgen.names import name_key

FIELDS = ["name", "place", "lat", "lon", "kind", "article", "note"]
NOT_A_PLACE = "none"
FILE_NAME = "corrections.csv"


@dataclass(frozen=True, slots=True)
class Correction:
    name: str
    place: str  # a gazetteer id, "" with coordinates, or "none"
    lat: float | None = None
    lon: float | None = None
    kind: str = "town"
    article: str = ""  # "" for every article, else a source id or a file name
    where: str = ""  # "corrections.csv, line 4": what the evidence cites

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def not_a_place(self) -> bool:
        return self.place == NOT_A_PLACE

    @property
    def entry_id(self) -> str:
        """The id of the entry this correction points to, a made-up one for coordinates."""
        if self.place and not self.not_a_place:
            return self.place
        slug = re.sub(r"[^a-z0-9]+", "-", self.key).strip("-") or "place"
        return f"correction:{slug}"

    def applies_to(self, source_id: str, file: str) -> bool:
        return not self.article or self.article in (source_id, file, Path(file).name)


@dataclass(frozen=True)
class Corrections:
    items: tuple[Correction, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def fingerprint(self) -> str:
        """Changes whenever a correction does: part of what a cached article result depends on."""
        raw = "\n".join(repr((c.name, c.place, c.lat, c.lon, c.kind, c.article)) for c in self.items)
        return hashlib.sha256(raw.encode()).hexdigest()[:16] if self.items else "none"

    def fingerprint_for(self, document) -> str:
        """The fingerprint of the corrections that touch one article: editing a correction for one
        article re-resolves that article only."""
        mine = self.for_article(document.id, document.path)
        if not mine:
            return "none"
        raw = "\n".join(repr((c.name, c.place, c.lat, c.lon, c.kind, c.article)) for _, c in sorted(mine.items()))
        return hashlib.sha256(raw.encode()).hexdigest()[:16]

    def for_article(self, source_id: str, file: str) -> dict[str, Correction]:
        """Name key -> correction for one article; one made for this article beats one for all."""
        out: dict[str, Correction] = {}
        for c in sorted(self.items, key=lambda c: bool(c.article)):
            if c.applies_to(source_id, file):
                out[c.key] = c
        return out

    @classmethod
    def load(cls, path: Path) -> Corrections:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"{path}: cannot read corrections ({e})") from e
        reader = csv.DictReader(io.StringIO(text))
        if reader.fieldnames is None or not {"name", "place"} <= set(reader.fieldnames):
            raise InputError(f"{path}: the first line must name the columns: {','.join(FIELDS)}")
        return cls(tuple(parse_row(row, f"{Path(path).name}, line {n}") for n, row in enumerate(reader, start=2)
                         if any((v or "").strip() for v in row.values() if isinstance(v, str))))

    @classmethod
    def from_rows(cls, rows: list[dict], where: str) -> Corrections:
        return cls(tuple(parse_row({k: "" if v is None else str(v) for k, v in r.items()}, f"{where}, entry {n}")
                         for n, r in enumerate(rows, start=1)))


def parse_row(row: dict[str, str], where: str) -> Correction:
    name = (row.get("name") or "").strip()
    place = (row.get("place") or "").strip()
    lat, lon = (row.get("lat") or "").strip(), (row.get("lon") or "").strip()
    if not name:
        raise InputError(f"{where}: a correction needs a name")
    if place.lower() == NOT_A_PLACE:
        place = NOT_A_PLACE
    try:
        la, lo = (float(lat), float(lon)) if lat or lon else (None, None)
    except ValueError as e:
        raise InputError(f"{where}: lat and lon must be numbers ({lat!r}, {lon!r})") from e
    if la is not None and not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise InputError(f"{where}: coordinates out of range ({la}, {lo})")
    if not place and la is None:
        raise InputError(f"{where}: give a gazetteer id (geonames:...), coordinates, or 'none' for {name!r}")
    return Correction(name, place, la, lo, (row.get("kind") or "").strip() or "town",
                      (row.get("article") or "").strip(), where)


def unused(corrections: Corrections, documents: Sequence, texts_of: Callable[[list[int]], list[str]] | None = None
           ) -> list[str]:
    """Lines that can change nothing in this build: their article is none of the build's, or their name
    is in none of the articles they apply to (a typo the editor must hear about). `texts_of(indices)`
    gives the texts of those `documents` when they are held without: asked a batch at a time, for the
    articles a line not yet found applies to."""
    if not corrections:
        return []
    items = corrections.items
    applies, found = [False] * len(items), [False] * len(items)
    for start in range(0, len(documents), _A_BATCH):
        batch = range(start, min(start + _A_BATCH, len(documents)))
        lines = {i: [n for n, c in enumerate(items) if c.applies_to(documents[i].id, documents[i].path)] for i in batch}
        texts = {}
        if texts_of is not None:
            wanted = [i for i in batch if any(items[n].key and not found[n] for n in lines[i])]
            texts = dict(zip(wanted, texts_of(wanted))) if wanted else {}
        for i in batch:  # one article at a time: an archive's texts are never all held
            folded = None
            for n in lines[i]:
                applies[n] = True
                if not found[n] and items[n].key:
                    if folded is None:  # not into name_key's cache
                        folded = name_key.__wrapped__(texts[i] if texts_of is not None else documents[i].text)
                    found[n] = items[n].key in folded
    out = []
    for c, applied, named in zip(items, applies, found):
        if not applied:
            out.append(f"{c.where}: no article is {c.article!r}; the line changes nothing")
        elif not named:
            out.append(f"{c.where}: {c.name!r} is in none of the articles it applies to; the line changes nothing")
    return out


_A_BATCH = 256  # articles whose texts are asked for at once


def line_for(name: str, place_id: str = "", article: str = "", note: str = "") -> str:
    """The CSV line that makes `name` mean `place_id` (or no place, with 'none')."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([name, place_id or NOT_A_PLACE, "", "", "", article, note])
    return buf.getvalue()


def point_line(name: str, article: str = "") -> str:
    """The CSV line that places `name`, which the gazetteer lacks, once LAT and LON are filled in."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([name, "", "LAT", "LON", "town", article, ""])
    return buf.getvalue()


def find(inputs: list[Path]) -> Corrections:
    """Corrections from the first input folder that has a corrections.csv or a mapgen.toml table."""
    import tomllib

    items: list[Correction] = []
    for given in inputs:
        folder = Path(given)
        if not folder.is_dir():
            continue
        if (folder / FILE_NAME).is_file():
            items += Corrections.load(folder / FILE_NAME).items
        toml = folder / "mapgen.toml"
        if toml.is_file():
            try:
                rows = tomllib.loads(toml.read_text(encoding="utf-8")).get("corrections", [])
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                rows = []  # read_config reports a broken mapgen.toml
            if not isinstance(rows, list):
                raise InputError(f"{toml}: corrections must be a list of tables ([[corrections]])")
            items += Corrections.from_rows(rows, str(toml)).items
    return Corrections(tuple(items))
