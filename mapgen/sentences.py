"""Sentence spans, who said the quoted ones, and the clauses within a sentence.

A regex splitter is enough for news copy and keeps per-article work in
microseconds; what it must get right is not splitting after "Nov." or
"U.S.", splitting after "…", and always splitting at a line break (headlines,
captions, datelines have no full stop). A quotation that runs over several
sentences (or paragraphs) is attributed once, so each of its sentences knows
which sentence says who said it. Clauses are what a date in a long sentence
belongs to: "X is due by Dec. 1, and Y was retaken in October".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov", "prof",
    "no", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "mt", "ft", "ave", "approx", "est",
    "sens", "reps", "govs", "gens", "rev", "hon", "det", "cpl", "pvt", "maj", "adm", "cmdr", "brig", "supt",
}
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS)) + 1
# stops, closing quotes or brackets, space, and what opens a sentence; "[.!?]+" written as alternatives that
# each open with a literal, which the regex engine then looks for alone between stops
_BOUNDARY = re.compile(
    r"(?:\.[.!?]*|![.!?]*|\?[.!?]*|\u2026)[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f])")
_LINES = re.compile(r"[^\n]+")
_LAST_WORD = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]+)\.$")  # a whole word: the "s" of "the 1990s." is no initial
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|stated|states|declared|declares|announced|announces|"
    r"asked|asks|according to|promised|promises|vowed|vows|insisted|insists|noted|notes|explained|explains|"
    r"warned|warns|recalled|recalls|continued|replied|tweeted|posted)\b", re.IGNORECASE)
_OPEN, _CLOSE = "\u201c", "\u201d"
_QUOTE_MARK = re.compile(r"[\u201c\u201d\"\n]")
_BLANK = re.compile(r"\s*")


def _blank_end(text: str, at: int) -> int:
    m = _BLANK.match(text, at)
    return m.end() if m else at


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    said_by: int | None = None  # inside a quotation: the index of the sentence that says who said it

    def __init__(self, start: int, end: int, text: str, said_by: int | None = None) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "said_by", said_by)


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a sentence; clauses of one `group` are one clause interrupted by another ("X, which..., Y")."""

    start: int
    end: int
    group: int
    relative: bool = False  # a "which/who/where" clause: it is about the name just before it

    def __init__(self, start: int, end: int, group: int, relative: bool = False) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "group", group)
        object.__setattr__(self, "relative", relative)


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for line in _LINES.finditer(text):
        _split_line(text, line.start(), line.group(), out)
    return _attribute(text, out)


def sentence_at(text: str, offset: int) -> Sentence | None:
    """The sentence of `text` holding `offset`, as `split_sentences` cuts it (without who said it): a
    sentence never crosses a line, so only that line is split."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    out: list[Sentence] = []
    _split_line(text, start, text[start:len(text) if end < 0 else end], out)
    return next((s for s in out if s.start <= offset < s.end), None)


def _split_line(text: str, base: int, chunk: str, out: list[Sentence]) -> None:
    cut = 0
    for m in _BOUNDARY.finditer(chunk):
        # the word before the stop, looked for in the few letters before it (an abbreviation is short;
        # a longer word cut short is no abbreviation either), not in the whole sentence
        word = _LAST_WORD.search(chunk, max(cut, m.start() - _LONGEST_ABBREVIATION), m.start() + 1)
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        _add(out, text, base + cut, base + m.end())
        cut = m.end()
    _add(out, text, base + cut, base + len(chunk))


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech. Curly quotes pair up; a paragraph that opens a quote and never closes it
    continues into the next paragraph that opens with a quote mark, as news copy sets multi-paragraph quotes."""
    out: list[tuple[int, int]] = []
    start = None
    for q in _QUOTE_MARK.finditer(text):
        at, ch = q.start(), q.group()
        if ch == "\n":
            if start is not None and not text.startswith((_OPEN, '"'), _blank_end(text, at + 1)):
                out.append((start, at))  # the open quote ends with its paragraph after all
                start = None
            continue
        if start is None:
            if ch != _CLOSE:
                start = at
        elif ch == _CLOSE or ch == '"':
            out.append((start, at + 1))
            start = None
        # an opening mark inside an open quote starts the next paragraph of it: nothing to do
    if start is not None:
        out.append((start, len(text)))
    return out


def _attribute(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Mark each sentence inside a quotation with the sentence that attributes it ("..., he said")."""
    if '"' not in text and _OPEN not in text:
        return sentences
    starts = [s.start for s in sentences]

    def index(at: int) -> int:
        lo, hi = 0, len(starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if starts[mid] <= at:
                lo = mid + 1
            else:
                hi = mid
        return max(0, lo - 1)

    out = list(sentences)
    for qs, qe in quotations(text):
        first, last = index(qs), index(max(qs, qe - 1))
        by = None
        closing = sentences[last]
        if qe < closing.end and _SPEECH.search(text, qe, closing.end):
            by = last  # "…,” Aliyev said."
        elif _SPEECH.search(text, sentences[first].start, qs):
            by = first  # "Aliyev said: “…"
        elif last + 1 < len(sentences) and _SPEECH.match(sentences[last + 1].text.split(" ", 2)[-1] or ""):
            by = last + 1  # "“…” / He said so on television."
        if by is None:
            continue
        for i in range(first, last + 1):
            if out[i].said_by is None:
                out[i] = replace(out[i], said_by=by)
    return out


# where one clause ends and the next begins: a semicolon, ", and" / ", but" before a new subject,
# "while"/"whereas", and the relative clauses ", which" / ", who" / ", where" (until their closing comma)
_CLAUSE_BREAK = re.compile(
    r";\s*|,\s+(?:and|or|but|yet|while|whereas|although|though|whilst)\s+(?!\d|(?:in|on)\s+\d)|\s+(?:while|whereas|whilst)\s+"
    r"|(?P<rel>,\s+(?:which|who|whom|whose|where)\s+)")


def clauses(sentence: Sentence) -> tuple[Clause, ...]:
    """The sentence's clauses, in order, with absolute offsets; one clause when nothing divides it.

    A relative clause runs to its closing comma, after which its main clause
    resumes (same group): "Shushi, which fell on Sunday, was rebuilt in 2021".
    """
    text, base = sentence.text, sentence.start
    pieces: list[Clause] = []
    group = last_group = 0
    pos = 0
    while m := _CLAUSE_BREAK.search(text, pos):
        pieces.append(Clause(base + pos, base + m.start(), group))
        pos = m.end()
        last_group += 1
        if not m["rel"]:
            group = last_group
            continue
        close = text.find(",", pos)
        after = _CLAUSE_BREAK.search(text, pos)
        end = min(x for x in (close, after.start() if after else -1, len(text)) if x >= 0)
        pieces.append(Clause(base + pos, base + end, last_group, relative=True))
        pos = end + 1 if end == close and not (after and after.start() == close) else end
    pieces.append(Clause(base + pos, base + len(text), group))
    return tuple(c for c in pieces if c.end > c.start)
