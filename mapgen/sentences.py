"""Sentence spans: the unit both mentions and events are read in.

A regex splitter is enough for news copy and keeps per-article work in
microseconds; what it must get right is not splitting after "Nov." or
"U.S." and always splitting at a line break (headlines, captions, datelines
have no full stop).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov", "prof",
    "no", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "mt", "ft", "ave", "approx", "est",
    "sens", "reps", "govs", "gens", "rev", "hon", "det", "cpl", "pvt", "maj", "adm", "cmdr", "brig", "supt",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f])")
_LINES = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for line in _LINES.finditer(text):
        base, chunk = line.start(), line.group()
        cut = 0
        for m in _BOUNDARY.finditer(chunk):
            before = chunk[cut:m.start() + 1]
            word = re.search(r"([A-Za-z]+)\.$", before)
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
            _add(out, text, base + cut, base + m.end())
            cut = m.end()
        _add(out, text, base + cut, base + len(chunk))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
