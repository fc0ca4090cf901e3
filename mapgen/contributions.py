"""What one article adds to the build-wide files, rendered beside its analysis.

Most of what a build writes is its events (events.geojson and events.csv), its
review rows and the overview's popups: 200 MB of text for a 10,000-article
archive, each line a function of one article's analysis. So each article's
lines are rendered where it is analysed, on the build's worker processes, and
kept in the result cache with the analysis: a rebuild after one article changed
puts the others' pieces together instead of rendering 170,000 events again. The
writers put the pieces in order, byte for byte what rendering everything at once
writes (the tests compare the two).

Each piece is packed (pickled and compressed) on its own, so a writer unpacks
only its own, one article at a time, and a build holds them compressed.
"""
from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields

from mapgen.cache import squeeze, unsqueeze
from mapgen.exports import article_event_text, place_shares
from mapgen.maps import event_span, popup_text
from mapgen import review
from mapgen.model import Analysis, by_constructor


@dataclass(frozen=True, slots=True)
class Contribution:
    summary: bytes  # packed (PlaceShares as plain tuples, number of events, maps.Span of the events, rank of
    # the least confident review row or None, number of review rows): see tally; no PlaceShare: names no place
    events: bytes  # packed EventText
    ranks: bytes  # packed ranks of its review rows (review.ranks)
    review: bytes  # packed ReviewText
    popups: bytes  # packed PopupText

    def __reduce__(self):  # through the constructor: a cached archive unpickles hundreds of thousands
        return by_constructor(self)


PIECES = tuple(f.name for f in fields(Contribution))  # kept apart in the store: each writer reads only its own


def contribute(a: Analysis) -> Contribution:
    shares = tuple(tuple(s) for s in place_shares(a))  # plain tuples (see PlaceShare)
    listed = tuple(review.rows([a]))
    ranks = review.ranks(listed)
    return Contribution(_pack((shares, len(a.events), event_span(a.events), min(ranks, default=None), len(ranks))),
                        _pack(article_event_text(a)), _pack(ranks),
                        _pack(review.review_text(listed)), _pack(popup_text(a.events)))


def unpacked(pieces: Iterable[bytes]) -> Iterator:
    """Pieces as their values: a summary (see `Contribution.summary`), EventText, review ranks,
    ReviewText or PopupText."""
    return (_unpack(p) for p in pieces)


def _pack(piece: object) -> bytes:
    return squeeze(pickle.dumps(piece, protocol=pickle.HIGHEST_PROTOCOL))


def _unpack(blob: bytes):
    return pickle.loads(unsqueeze(blob))
