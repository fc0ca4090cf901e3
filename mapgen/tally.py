"""The sums a build makes of every article's summary, kept for the next build into the same output.

The table of places adds up what each article says of each place (see
`exports.combine`), and the overview and the review need each article's event
count, time span and least confident row: a rebuild of 10,000 articles unpacked
10,000 summaries and summed them, a sixth of its time after one article was
added. So a build keeps its sums with the articles (their contribution keys)
they were made from, and the next build adds only the articles that came, and
sums again only the places that an article that went had named. A contribution
key names everything its summary follows from, so the sums are those of
summing every article, to the byte (the tests compare).
"""
from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from mapgen.exports import Collection, add_shares, place_row
from mapgen.model import Source

# A summary, as contributions keeps it: (place shares as plain tuples, event count, span of the events,
# rank of the least confident review row or None, review rows).
Summary = tuple


class Article(NamedTuple):
    """What the build-wide files need of one article beyond its place shares."""

    names_a_place: bool
    events: int
    span: tuple  # maps.Span
    least: tuple | None  # its least confident review row's rank (review.least_confident_first)
    rows: int  # its review rows


# A place's sums: (the gazetteer entry packed, as the last article naming it has it; spelling -> times
# written; the highest confidence, at least 0; the positions in `Tally.keys` of the articles naming it;
# what its lines of the build-wide files follow from, see `place_key`).
PlaceSums = tuple[bytes, dict, float, tuple, str]


@dataclass(frozen=True)
class Tally:
    """Each article's facts and each place's sums, for the articles of `keys` in the data's order. Never
    changed once made (`update` makes another): a build holding one may hand it to the next."""

    keys: tuple[str, ...]
    articles: tuple[Article, ...]
    places: dict[str, PlaceSums]

    def __reduce__(self):  # articles as plain tuples: a rebuild stores and loads tens of thousands
        return _tally, (self.keys, tuple(map(tuple, self.articles)), self.places)

    def naming(self) -> dict[str, list[int]]:
        """Place id -> the positions of the articles naming it."""
        return {pid: list(sums[3]) for pid, sums in self.places.items()}

    def place_keys(self) -> dict[str, str]:
        """Place id -> its `place_key`."""
        return {pid: sums[4] for pid, sums in self.places.items()}

    def collection(self, sources: Sequence[Source]) -> Collection:
        """The build-wide collection (no events), from the `sources` of the articles in `keys` (whose ids
        are in order: a place's, listed in the order of its articles, are sorted)."""
        ids = [s.id for s in sources]
        return Collection(tuple(sources), tuple(
            place_row(sums[0], sums[1], tuple([ids[n] for n in sums[3]]), sums[2])
            for pid, sums in sorted(self.places.items())), ())


def place_key(pid: str, keys: Iterable[str]) -> str:
    """What a place's lines of the build-wide files follow from: the keys of the articles naming it, in
    order (its row is made of their summaries, which their keys name, and its events are theirs)."""
    return hashlib.sha256("\0".join((pid, *keys)).encode()).hexdigest()[:32]


def _tally(keys: tuple[str, ...], articles: tuple[tuple, ...], places: dict[str, PlaceSums]) -> Tally:
    return Tally(keys, tuple(map(Article._make, articles)), places)


_REDO_BEYOND = 0.25  # summed afresh when more than this share of the articles changed


def update(earlier: Tally | None, keys: Sequence[str], summaries: Callable[[list[int]], Iterable[Summary]]
           ) -> Tally:
    """The tally of the articles of `keys` (in the data's order), from the `earlier` one where it can:
    `summaries(positions)` gives the summaries of the articles at those positions of `keys`, in order,
    and is asked only for those the earlier tally does not hold (and those naming a place an article
    that went named)."""
    keys = tuple(keys)
    at = {k: n for n, k in enumerate(keys)}
    if earlier is None or len(at) != len(keys):
        return _summed(keys, summaries)
    moved = [at.get(k, -1) for k in earlier.keys]  # earlier position -> position now, -1 when gone
    stayed = [n for n in moved if n >= 0]
    came = sorted(at[k] for k in at.keys() - set(earlier.keys))
    if len(moved) == len(keys) and stayed == list(range(len(keys))):
        return earlier  # the same articles in the same order
    if (len(came) + len(moved) - len(stayed) > _REDO_BEYOND * len(keys)
            or any(a >= b for a, b in zip(stayed, stayed[1:]))):  # (the order is the data's: never so)
        return _summed(keys, summaries)
    new = dict(zip(came, summaries(came)))
    articles: list = [None] * len(keys)
    for p, n in enumerate(moved):
        if n >= 0:
            articles[n] = earlier.articles[p]
    for n in came:
        articles[n] = _article(new[n])
    places: dict[str, PlaceSums] = {}
    redo: set[str] = set()  # places an article that went named: summed afresh
    for pid, (packed, spelled, confidence, naming, key) in earlier.places.items():
        now = tuple(moved[p] for p in naming)
        if -1 in now:
            redo.add(pid)
        else:
            places[pid] = (packed, spelled, confidence, now, key)
    sums: dict[str, list] = {}
    if redo:
        again = sorted({moved[p] for pid in redo for p in earlier.places[pid][3] if moved[p] >= 0})
        for n, summary in heapq.merge(zip(again, summaries(again)), sorted(new.items()), key=itemgetter(0)):
            add_shares(sums, n, (share for share in summary[0] if share[0] in redo))
    added: dict[str, list[tuple[int, tuple]]] = {}
    for n in came:
        add_shares(sums, n, (share for share in new[n][0] if share[0] not in redo and share[0] not in places))
        for share in new[n][0]:
            if share[0] in places:
                added.setdefault(share[0], []).append((n, share))
    for pid, shares in added.items():
        places[pid] = _added(pid, places[pid], shares, keys)
    places.update(_summed_places(sums, keys))
    return Tally(keys, tuple(articles), places)


def _summed(keys: tuple[str, ...], summaries: Callable[[list[int]], Iterable[Summary]]) -> Tally:
    """Every summary summed, one at a time (an archive's million shares are never all held)."""
    articles = []
    sums: dict[str, list] = {}
    for n, summary in enumerate(summaries(list(range(len(keys))))):
        articles.append(_article(summary))
        add_shares(sums, n, summary[0])
    return Tally(keys, tuple(articles), _summed_places(sums, keys))


def _summed_places(sums: dict[str, list], keys: tuple[str, ...]) -> dict[str, PlaceSums]:
    return {pid: (packed, spelled, c, tuple(at), place_key(pid, (keys[n] for n in at)))
            for pid, (packed, spelled, c, at) in sums.items()}


def _article(summary: Summary) -> Article:
    shares, events, span, least, rows = summary
    return Article(bool(shares), events, span, least, rows)


def _added(pid: str, sums: PlaceSums, shares: list[tuple[int, tuple]], keys: tuple[str, ...]) -> PlaceSums:
    """`sums` with the shares of articles that came (an article that went would take away what only a
    sum from the start gives back: the highest confidence, the last entry)."""
    packed, spelled, confidence, naming, _ = sums
    spelled = dict(spelled)
    for _, (_, spellings, c, _) in shares:
        confidence = c if c > confidence else confidence
        for s, times in spellings:
            spelled[s] = spelled.get(s, 0) + times
    naming = tuple(sorted(naming + tuple(n for n, _ in shares)))
    last = shares[-1]
    return ((last[1][3] if last[0] == naming[-1] else packed), spelled, confidence, naming,
            place_key(pid, (keys[n] for n in naming)))
