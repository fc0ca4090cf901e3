#!/usr/bin/env python3
"""A seeded corpus of news-like articles, at any size, for the speed benchmarks.

usage: python benchmarks/corpus.py OUT_DIR [--articles N] [--seed S]

Real archives cannot be shipped, and a corpus made by repeating a handful of
articles flatters every cache. These articles are written from sentence
templates about places drawn from the gazetteer index itself (cities, towns,
regions and countries on every continent), with dates in the forms newsrooms
use (explicit, partial, relative, ranges), people and organisations, so the
per-article stage meets the mix of names and dates a real archive gives it.
The same (seed, N) always gives byte-identical files; article i is the same
in a corpus of 10 and of 100,000, so a corpus can be grown by one article.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIRST = ("Amina", "Tomasz", "Keiko", "Rafael", "Ingrid", "Kwame", "Lucia", "Dmitri", "Farah", "Oliver", "Priya",
         "Mateus", "Sofia", "Hamid", "Yara", "Bjorn", "Chen", "Esperanza", "Tariq", "Marguerite", "Nikolai", "Wanjiru")
LAST = ("Okonkwo", "Haddad", "Lindqvist", "Moreau", "Castellanos", "Nakamura", "Petrov", "Adeyemi", "Kowalczyk",
        "Fitzgerald", "Banerjee", "Oyelaran", "Vasquez", "Halvorsen", "Demir", "Achterberg", "Mbeki", "Quispe")
ROLES = ("spokesperson", "mayor", "provincial governor", "police chief", "aid coordinator", "economist",
         "senior engineer", "local historian", "school principal", "union leader")
ORGS = ("the Red Cross", "the World Bank", "the United Nations", "Doctors Without Borders", "the Ministry of Health",
        "the national electricity company", "the Chamber of Commerce", "the regional water authority",
        "the Transport Workers Union", "Amnesty International", "the central bank", "the Meteorological Office")
TOPICS = (
    ("floods", "heavy rain swept away roads and bridges", "water levels rose overnight"),
    ("election", "voters queued outside polling stations", "turnout was higher than expected"),
    ("strike", "dock workers walked off the job", "talks with employers stalled"),
    ("festival", "thousands gathered for the opening night", "hotels reported full bookings"),
    ("drought", "farmers lost most of the harvest", "reservoirs fell to record lows"),
    ("earthquake", "a magnitude 5.8 tremor shook buildings", "rescue teams searched collapsed homes"),
    ("trade deal", "negotiators signed a framework agreement", "exporters welcomed lower tariffs"),
    ("wildfire", "firefighters battled flames on three fronts", "residents were told to leave"),
    ("rail line", "the first passenger train arrived on schedule", "the line cut travel times by half"),
    ("protest", "crowds marched to the city hall", "police closed several streets"),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_POPULATED = ("capital", "city", "town")


@dataclass(frozen=True, slots=True)
class Atlas:
    """What the generator draws on: per country, its name and its populated places and regions, sorted."""

    countries: tuple[tuple[str, str], ...]  # (iso2, name)
    places: dict[str, tuple[str, ...]]  # iso2 -> town and city names
    regions: dict[str, tuple[str, ...]]  # iso2 -> first-level subdivision names


def load_atlas(index: Path, min_population: int = 20_000) -> Atlas:
    """Countries with at least three towns over `min_population`, read from a gazetteer index."""
    con = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    names = dict(con.execute("SELECT country, name FROM places WHERE kind = 'country'"))
    places: dict[str, list[str]] = {}
    for iso, name in con.execute(
        f"SELECT country, name FROM places WHERE kind IN ({','.join('?' * len(_POPULATED))}) AND population >= ? "
        "ORDER BY country, population DESC, id", (*_POPULATED, min_population),
    ):
        if name.isascii() and " " not in name and "-" not in name:
            places.setdefault(iso, []).append(name)
    regions: dict[str, list[str]] = {}
    for iso, name in con.execute(
        "SELECT country, name FROM places WHERE kind IN ('state', 'province', 'region', 'governorate') "
        "ORDER BY country, id"
    ):
        if name.isascii():
            regions.setdefault(iso, []).append(name)
    con.close()
    kept = sorted((iso, names[iso]) for iso, ps in places.items() if len(ps) >= 3 and iso in names)
    return Atlas(tuple(kept), {iso: tuple(places[iso][:40]) for iso, _ in kept},
                 {iso: tuple(regions.get(iso, ())) for iso, _ in kept})


def _date_phrase(r: random.Random, today: dt.date) -> str:
    """A date as an article would write it, relative to the article's own date."""
    day = today - dt.timedelta(days=r.randrange(1, 400))
    form = r.randrange(9)
    if form == 0:
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"
    if form == 1:
        return f"on {MONTHS[day.month - 1]} {day.day}, {day.year}"
    if form == 2:
        return f"on {WEEKDAYS[(today - dt.timedelta(days=r.randrange(1, 7))).weekday()]}"
    if form == 3:
        return f"in {MONTHS[day.month - 1]} {day.year}"
    if form == 4:
        return f"in {day.year}"
    if form == 5:
        return r.choice(("last week", "last month", "yesterday", "two weeks ago", "three days ago", "last year"))
    if form == 6:
        return f"on {day.isoformat()}"
    if form == 7:
        end = day + dt.timedelta(days=r.randrange(1, 5))
        return f"from {day.day} to {end.day} {MONTHS[end.month - 1]}" if end.month == day.month else f"in {day.year}"
    return f"in early {MONTHS[day.month - 1]}"


def _person(r: random.Random) -> str:
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def article(i: int, seed: int, atlas: Atlas) -> tuple[str, str]:
    """Article number `i` of the corpus for `seed`: (file name, text). Independent of the corpus size."""
    r = random.Random(f"{seed}:{i}")
    iso, country = r.choice(atlas.countries)
    towns = list(atlas.places[iso])
    r.shuffle(towns)
    town, other, third = towns[0], towns[1], towns[2]
    region = r.choice(atlas.regions[iso]) if atlas.regions[iso] else country
    abroad_iso, abroad = r.choice(atlas.countries)
    abroad_town = r.choice(atlas.places[abroad_iso])
    topic, what, after = r.choice(TOPICS)
    today = dt.date(2015, 1, 1) + dt.timedelta(days=r.randrange(3650))
    who, who2 = _person(r), _person(r)
    org, org2 = r.choice(ORGS), r.choice(ORGS)
    role = r.choice(ROLES)
    d = [_date_phrase(r, today) for _ in range(6)]
    sentences = [
        f"{town.upper()}, {country} \u2014 {what.capitalize()} in {town} {d[0]}, officials said.",
        f"The {topic} also reached {other}, about {r.randrange(20, 300)} kilometres away, where {after}.",
        f"\u201cWe have not seen anything like this since {today.year - r.randrange(2, 30)},\u201d said {who}, "
        f"the {role} of {town}.",
        f"{org[0].upper() + org[1:]} sent a team to {region} {d[1]} and said it would stay until "
        f"{MONTHS[r.randrange(12)]}.",
        f"In {third}, residents told reporters that {after} {d[2]}.",
        f"{who2}, who leads {org2} in {country}, said the government in {towns[3] if len(towns) > 3 else town} "
        f"had promised {r.randrange(2, 90)} million in support.",
        f"A delegation from {abroad} arrived {d[3]}, and talks are expected in {abroad_town} {d[4]}.",
        f"Markets in {other} reopened {d[5]} after {r.randrange(2, 14)} days.",
        f"By the evening, {r.randrange(100, 9000):,} people had registered for help, according to {org}.",
        f"{who.split()[1]} said the next weeks would decide whether {town} could recover before the winter.",
        f"Schools in {third} and {other} stayed closed {d[1]}, and parents were asked to keep children at home "
        f"while inspectors checked the buildings.",
        f"The last time {region} faced a crisis of this size was {d[2]}, when the national government declared "
        f"an emergency and sent the army to help.",
        f"Engineers from {abroad_town} have offered equipment, {who2} added, although customs rules could delay "
        f"its arrival by several weeks.",
        f"According to figures published by {org2} {d[3]}, prices for food and fuel in {country} have risen "
        f"by {r.randrange(3, 40)} percent over the past year.",
        f"Opposition politicians in {towns[4] if len(towns) > 4 else other} criticised the response, saying help "
        f"had come too late for the villages outside {town}.",
        "Residents interviewed by reporters described long queues at petrol stations and pharmacies, and "
        "several shops in the old town had closed their doors for good.",
        f"A spokesperson for {org} said the organisation would publish a full assessment {d[4]}, and that it "
        f"had asked donors in {abroad} and elsewhere for {r.randrange(2, 60)} million.",
    ]
    sentences = sentences[:1] + r.sample(sentences[1:], len(sentences) - 1)
    body = sentences[0] + "\n\n" + "\n\n".join(
        " ".join(sentences[k:k + 2]) for k in range(1, len(sentences), 2)
    )
    title = f"{topic.capitalize()} in {town}: {after}"
    text = f" date {today.isoformat()}\n{title}\n\n{body}\n\nFiled as story {seed}-{i:07d}.\n"
    return f"{i // 1000:04d}/{i:07d}.txt", text


def generate(n: int, seed: int, atlas: Atlas, start: int = 0) -> Iterator[tuple[str, str]]:
    for i in range(start, start + n):
        yield article(i, seed, atlas)


def write_corpus(out: Path, n: int, seed: int, atlas: Atlas, start: int = 0) -> int:
    """Write articles `start`..`start+n-1` under `out` (one sub-folder per thousand); returns bytes written."""
    total = 0
    for name, text in generate(n, seed, atlas, start):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def default_atlas() -> Atlas:
    from mapgen.gazetteer import open_gazetteer

    return load_atlas(open_gazetteer().path)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", "-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    atlas = default_atlas()
    size = write_corpus(a.out, a.articles, a.seed, atlas)
    print(f"{a.articles:,} articles, {size / max(1, a.articles):,.0f} bytes each on average, "
          f"{len(atlas.countries)} countries -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
