"""Curated additions on top of GeoNames: a small CSV a journalist can read and edit.

A row either adds an entry of its own (an id with a `mapgen:` or other prefix,
a kind and coordinates), or, with the id of an existing entry, adds aliases to
it ("U.S." for the United States) and, with coordinates, moves its point to
where the row's source puts it.
"""
from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from mapgen.errors import GazetteerError
from mapgen.gazetteer.entries import Entry

FIELDS = ["id", "name", "aliases", "kind", "country", "lat", "lon", "population", "source", "note"]


def default_path() -> Path:
    return Path(str(resources.files("mapgen.gazetteer_data") / "curated.csv"))


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else "none"


def rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    try:
        reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
        if reader.fieldnames is None or not set(["id", "name", "aliases"]) <= set(reader.fieldnames):
            raise GazetteerError(f"{path}: not a curated gazetteer file (expected columns {', '.join(FIELDS)})")
        return [dict(r) for r in reader]
    except (UnicodeDecodeError, csv.Error) as e:
        raise GazetteerError(f"{path}: cannot read curated gazetteer file ({e})") from e


def _aliases(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())


def entries(path: Path) -> Iterator[Entry]:
    for n, row in enumerate(rows(path), start=2):
        if not (row.get("lat") or "").strip():
            continue
        try:
            yield Entry(
                id=row["id"].strip(),
                name=row["name"].strip(),
                kind=(row.get("kind") or "region").strip(),
                country=(row.get("country") or "").strip().upper(),
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=int(float(row.get("population") or 0)),
                alternates=_aliases(row),
            )
        except (KeyError, ValueError) as e:
            raise GazetteerError(f"{path}, line {n}: bad curated entry ({e})") from e


def aliases(path: Path) -> Iterator[tuple[str, str]]:
    """(existing entry id, alias) pairs from alias-only rows."""
    for row in rows(path):
        if (row.get("lat") or "").strip():
            continue
        for alias in _aliases(row):
            yield row["id"].strip(), alias


def append(path: Path, entry: Entry, source: str, note: str = "") -> None:
    """Add one entry to the curated file, keeping its header and existing rows."""
    new = not path.exists() or path.stat().st_size == 0
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    if new:
        w.writeheader()
    w.writerow({
        "id": entry.id, "name": entry.name, "aliases": "|".join(entry.alternates), "kind": entry.kind,
        "country": entry.country, "lat": f"{entry.lat:.5f}", "lon": f"{entry.lon:.5f}",
        "population": entry.population, "source": source, "note": note,
    })
    text = path.read_text(encoding="utf-8") if not new else ""
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + buf.getvalue(), encoding="utf-8")
