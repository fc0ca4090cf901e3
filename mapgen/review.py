"""The review page: every resolution of a build, least confident first, for an editor to check.

`OUT/review.html` is not linked from the public pages. Each row is one name in
one article: as written, the sentence it is in, the place chosen, the runner-up,
the evidence, and the `corrections.csv` line that would change it, so a wrong
pin costs an editor one paste and a rebuild. An archive names hundreds of
thousands of places, more than a browser shows at once and more than anyone
reads from the top: the page holds the least confident PAGE_ROWS, and
`OUT/review.csv` every row, article by article, for a spreadsheet's filters.
"""
from __future__ import annotations

import csv
import heapq
import io
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from mapgen.corrections import line_for, point_line
from mapgen.escaping import csv_cell
from mapgen.escaping import text as esc
from mapgen.model import Analysis, Candidate, Mention, by_constructor
from mapgen.sentences import sentence_at


PAGE_ROWS = 2_000  # rows on review.html; review.csv has them all
UNKNOWN = "not in the gazetteer, though written where a place goes"

CSV_FIELDS = ["confidence", "placed", "name", "article", "file", "source_id", "sentence", "chosen", "chosen_name",
              "chosen_kind", "chosen_country", "chosen_lat", "chosen_lon", "runner_up", "runner_up_name", "evidence",
              "line_runner_up", "line_place_it", "line_not_a_place", "line_add_point"]


@dataclass(frozen=True, slots=True)
class Row:
    """One name in one article, as the review shows it."""

    confidence: float
    written: str
    article: str
    file: str
    source_id: str
    sentence: str
    chosen: Candidate | None
    runner_up: Candidate | None
    evidence: tuple[str, ...]
    placed: bool

    def __reduce__(self):
        return by_constructor(self)


def rows(analyses: list[Analysis]) -> Iterator[Row]:
    """Every row, article by article (the page sorts the ones it shows)."""
    for a in analyses:
        d = a.document
        sentences: dict[int, str] = {}  # a sentence is cut once, however many of its names are rows
        for places, placed in ((a.places, True), (a.unplaced, False)):
            for p in places:
                for written in sorted({m.surface for m in p.mentions}):
                    m = next(m for m in p.mentions if m.surface == written)
                    if m.sentence not in sentences:
                        sentences[m.sentence] = _sentence_of(d.text, m)
                    yield Row(p.confidence if placed else 0.0, written, d.title, d.path, d.id,
                              sentences[m.sentence], p.candidate, p.runner_up, p.evidence, placed)
        for written in sorted({m.surface for m in a.unknown}):
            m = next(m for m in a.unknown if m.surface == written)
            if m.sentence not in sentences:
                sentences[m.sentence] = _sentence_of(d.text, m)
            yield Row(0.0, written, d.title, d.path, d.id, sentences[m.sentence], None, None, (UNKNOWN,), False)


def least_confident_first(r: Row) -> tuple:
    return (r.placed, r.confidence, r.file, r.written)


def _sentence_of(text: str, m: Mention) -> str:
    """The sentence the mention was found in, on one line."""
    s = sentence_at(text, m.start)
    return " ".join(s.text.split()) if s else ""


def _place(c: Candidate | None) -> str:
    if c is None:
        return "\u2014"
    where = ", ".join(x for x in (c.kind, c.country) if x)
    return f"{esc(c.name)} <small>({esc(where)}; {esc(c.id)}; {c.lat:.4f}, {c.lon:.4f})</small>"


def _lines(r: Row) -> list[tuple[str, str]]:
    """The corrections.csv lines that would change this row, each with what it does."""
    lines = []
    if r.placed and r.runner_up is not None:
        lines.append(("runner-up instead", line_for(r.written, r.runner_up.id, r.source_id)))
    if not r.placed and r.chosen is not None:
        lines.append(("place it", line_for(r.written, r.chosen.id, r.source_id)))
    if r.chosen is None:
        lines.append(("add its point", point_line(r.written, r.source_id)))
    if r.placed:
        lines.append(("not a place here", line_for(r.written, "", r.source_id)))
    return lines


def _correction(r: Row) -> str:
    return "".join(f"<div><span>{esc(label)}:</span> <code>{esc(line)}</code></div>" for label, line in _lines(r))


def render(shown: list[Row], total: int) -> str:
    """The page: `shown`, the least confident rows in order, of `total` in review.csv."""
    return page_head(len(shown), total) + "".join(map(row_html, shown)) + PAGE_TAIL


def row_html(r: Row) -> str:
    """A row of the page (a build splices the page row by row: each follows from one article's row)."""
    status = f"{r.confidence:.2f}" if r.placed else "not placed"
    return (
        f"<tr class=\"{'placed' if r.placed else 'unplaced'}\"><td data-label=\"Confidence\">{status}</td>"
        f"<th scope=\"row\">{esc(r.written)}</th>"
        f"<td data-label=\"Article\">{esc(r.article)}<br><small>{esc(r.file)}</small></td>"
        f"<td data-label=\"Sentence\">{esc(r.sentence)}</td>"
        f"<td data-label=\"Chosen\">{_place(r.chosen)}</td><td data-label=\"Runner-up\">{_place(r.runner_up)}</td>"
        f"<td data-label=\"Evidence\"><ul>{''.join(f'<li>{esc(e)}</li>' for e in r.evidence)}</ul></td>"
        f"<td data-label=\"Correction\">{_correction(r)}</td></tr>"
    )


def page_head(shown: int, total: int) -> str:
    """The page up to its first row: `shown` rows of `total`."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"robots\" content=\"noindex\"><title>Review: every place name, least confident first</title>"
        "<style>body{font:14px/1.4 system-ui,sans-serif;margin:12px}table{border-collapse:collapse;width:100%;"
        "table-layout:fixed}th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;"
        "overflow-wrap:anywhere}col.n{width:7em}col.w{width:11%}col.s{width:20%}col.c{width:17%}"
        "tr.unplaced{background:#fff6e0}small{color:#555}code{font-size:12px;background:#f4f4f4;padding:1px 3px;"
        "user-select:all;word-break:break-all}ul{margin:0;padding-left:16px}"
        "@media (max-width:700px){table,thead,tbody,tr,th,td{display:block;width:auto}thead{display:none}"
        "tr{border-bottom:2px solid #999;padding:6px 0}td:before{content:attr(data-label) \": \";font-weight:bold}}"
        "</style></head><body>"
        "<h1>Review: every place name, least confident first</h1>"
        "<p>Not linked from the published maps. To change a resolution, paste its line into "
        "<code>corrections.csv</code> beside the articles (columns: name,place,lat,lon,kind,article,note) and rebuild; "
        "drop the article column to apply it to every article; for a name the gazetteer lacks, fill in its LAT and LON.</p>"
        + (f"<p>The {shown:,} least confident of {total:,} names are shown here; every one is in "
           "<a href=\"review.csv\">review.csv</a>.</p>" if total > shown else
           "<p>The same rows, for a spreadsheet: <a href=\"review.csv\">review.csv</a>.</p>") +
        "<table><colgroup><col class=\"n\"><col class=\"n\"><col class=\"w\"><col class=\"s\"><col class=\"w\">"
        "<col class=\"w\"><col><col class=\"c\"></colgroup><thead><tr><th scope=\"col\">Confidence</th><th scope=\"col\">Name as written</th>"
        "<th scope=\"col\">Article</th><th scope=\"col\">Sentence</th><th scope=\"col\">Chosen place</th>"
        "<th scope=\"col\">Runner-up</th><th scope=\"col\">Evidence</th><th scope=\"col\">Correction</th></tr></thead>"
        "<tbody>"
    )


PAGE_TAIL = "</tbody></table></body></html>\n"


def csv_row(r: Row) -> list:
    lines = dict(_lines(r))
    chosen, runner_up = r.chosen, r.runner_up
    return [csv_cell(x) for x in (
        f"{r.confidence:.2f}", "yes" if r.placed else "no", r.written, r.article, r.file, r.source_id, r.sentence,
        chosen.id if chosen else "", chosen.name if chosen else "", chosen.kind if chosen else "",
        chosen.country if chosen else "", round(chosen.lat, 6) if chosen else "", round(chosen.lon, 6) if chosen else "",
        runner_up.id if runner_up else "", runner_up.name if runner_up else "", " | ".join(r.evidence),
        lines.get("runner-up instead", ""), lines.get("place it", ""), lines.get("not a place here", ""),
        lines.get("add its point", ""))]


@dataclass(frozen=True, slots=True)
class ReviewText:
    """One article's rows, rendered where it is analysed (see `exports.EventText`): as review.csv
    lines, and the rows themselves, packed, so the page is drawn from what the build kept (never from
    the article's text again) and only the rows it shows are unpacked. Their ranks on the page are
    kept apart (`ranks`): the page ranks every row, the file needs only the lines."""

    csv: bytes  # UTF-8, as written
    packed: bytes  # the rows, pickled

    def rows(self) -> tuple[Row, ...]:
        return pickle.loads(self.packed)

    def __reduce__(self):  # through the constructor: a cached archive unpickles hundreds of thousands
        return by_constructor(self)


def review_text(listed: tuple[Row, ...]) -> ReviewText:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(csv_row(r) for r in listed)
    return ReviewText(out.getvalue().encode(), pickle.dumps(listed, protocol=pickle.HIGHEST_PROTOCOL))


def ranks(listed: tuple[Row, ...]) -> tuple[tuple, ...]:
    """Each row's place on the page (least_confident_first)."""
    return tuple(least_confident_first(r) for r in listed)


CSV_HEAD = (",".join(CSV_FIELDS) + "\n").encode()


def write(analyses: Iterable[Analysis], folder: Path, limit: int = PAGE_ROWS) -> None:
    listed = [tuple(rows([a])) for a in analyses]
    texts = [review_text(r) for r in listed]
    write_texts(lambda order: (ranks(listed[i]) for i in order), lambda order: (texts[i] for i in order),
                len(texts), folder, limit)


def write_texts(ranked: Callable[[Sequence[int]], Iterable[tuple[tuple, ...]]],
                texts: Callable[[Sequence[int]], Iterable[ReviewText]], count: int, folder: Path,
                limit: int = PAGE_ROWS, write_csv: Callable[[Path], None] | None = None,
                write_page: Callable[[Path, list[tuple], int], None] | None = None,
                least: tuple[list[tuple], int] | None = None) -> None:
    """review.html (the `limit` least confident rows) and review.csv (every row, article by article), from
    `count` articles, whose rows' ranks `ranked(indices)` and rows `texts(indices)` give in that order:
    an archive's hundreds of thousands of rows are never all held at once, and only the page's are
    unpacked. `write_csv(path)`, when given, writes review.csv instead, and `write_page(path, picked,
    total)` the page, from the (rank, article, row) picked of `total` (a build splices both); `least`,
    what `least_ranks` would give, when the caller knows it."""
    picked, total = _least_confident(ranked, count, limit, least)
    if write_csv is None:
        with (folder / "review.csv").open("wb") as f:
            f.write(CSV_HEAD)
            for t in texts(range(count)):
                f.write(t.csv)
    else:
        write_csv(folder / "review.csv")
    if write_page is not None:
        write_page(folder / "review.html", picked, total)
        return
    (folder / "review.html").write_text(render(picked_rows(picked, texts), total), encoding="utf-8")


def picked_rows(picked: list[tuple], texts: Callable[[Sequence[int]], Iterable[ReviewText]]) -> list[Row]:
    """The rows of (rank, article, row) `picked`, unpacking only their articles' rows."""
    shown = sorted({i for _, i, _ in picked})
    rows_of = {i: t.rows() for i, t in zip(shown, texts(shown))}
    return [rows_of[i][j] for _, i, j in picked]


def least_ranks(ranked: Callable[[Sequence[int]], Iterable[tuple[tuple, ...]]], count: int
                ) -> tuple[list[tuple], int]:
    """Each article's least confident row's rank, as (rank, article) for the articles with rows, and how
    many rows there are (what `write_texts` needs of every article; a build keeps them, see `tally`)."""
    total = 0
    firsts = []
    for i, rs in enumerate(ranked(range(count))):
        if rs:
            total += len(rs)
            firsts.append((min(rs), i))
    return firsts, total


def _least_confident(ranked: Callable[[Sequence[int]], Iterable[tuple[tuple, ...]]], count: int, limit: int,
                     least: tuple[list[tuple], int] | None = None) -> tuple[list[tuple], int]:
    """The `limit` least confident rows as (rank, article, row), ties in the articles' order, and how
    many rows there are. Each article's least confident row first (`least`, or see `least_ranks`): the
    `limit`-th smallest of those bounds the page (as many rows are at or below it), so only the
    articles at or below it are looked at row by row (an archive's 100,000 rows are ranked without
    making a tuple of each)."""
    firsts, total = least if least is not None else least_ranks(ranked, count)
    bound, below = _below(firsts, limit)
    rows = ((rank, i, j) for i, rs in zip(below, ranked(below)) for j, rank in enumerate(rs)
            if bound is None or rank <= bound)
    return heapq.nsmallest(limit, rows), total


def on_page(least: tuple[list[tuple], int], limit: int = PAGE_ROWS) -> list[int]:
    """The articles whose rows may be on the page, from what `least_ranks` gives."""
    return _below(least[0], limit)[1]


def _below(firsts: list[tuple], limit: int) -> tuple[tuple | None, list[int]]:
    """The rank bounding the page (None: every row is on it) and the articles with a row at or below it."""
    if len(firsts) <= limit:
        return None, [i for _, i in firsts]
    bound = heapq.nsmallest(limit, firsts)[-1][0]
    return bound, [i for first, i in firsts if first <= bound]
