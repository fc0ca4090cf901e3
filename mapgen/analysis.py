"""The per-article stage: one document in, its places and events out.

A pure function of (article text, gazetteer, code version), so results can be
cached by content hash and computed on any worker: rendering and exports
only aggregate what this returns.
"""
from __future__ import annotations

from mapgen.events import events_for
from mapgen.gazetteer import Gazetteer
from mapgen.mentions import extract
from mapgen.model import Analysis, Document
from mapgen.resolve import resolve


def analyse(document: Document, gazetteer: Gazetteer, include_demonyms: bool = False) -> Analysis:
    extraction = extract(document.text, gazetteer.lookup_key, gazetteer.demonym)
    places = resolve(
        extraction, gazetteer.lookup_key, near=gazetteer.near, neighbours=gazetteer.neighbours,
        country=gazetteer.country if include_demonyms else None,
    )
    events = events_for(document, places, extraction.sentences)
    return Analysis(document, places, events)
