"""The per-article stage: one document in, its places and events out.

A pure function of (article, gazetteer, corrections and options, code version), so results
can be cached by content hash and computed on any worker: rendering and exports only
aggregate what this returns.
"""
from __future__ import annotations

from mapgen.events import events_for
from mapgen.gazetteer import Gazetteer
from mapgen.mentions import extract
from mapgen.model import Analysis, Document
from mapgen.resolve import Options, resolve


def analyse(document: Document, gazetteer: Gazetteer, include_demonyms: bool = False, *,
            options: Options | None = None) -> Analysis:
    options = options or Options(include_demonyms=include_demonyms)
    extraction = extract(document.text, gazetteer.lookup_key, gazetteer.demonym)
    resolved = resolve(
        extraction, gazetteer.lookup_key, near=gazetteer.near, neighbours=gazetteer.neighbours,
        country=gazetteer.country, get=gazetteer.get, options=options, source=(document.id, document.path),
    )
    events = events_for(document, resolved.places, extraction.sentences)
    return Analysis(document, resolved.places, events, resolved.unplaced, resolved.unknown)
