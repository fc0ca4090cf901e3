"""A whole build: articles in, an output folder of data and maps out, atomically.

The output folder is checked before any work (see `output`: mapgen replaces
only a folder that is its own); articles are read and analysed one by one (a
bad one is reported, never fatal); everything is written into a temporary
folder that is swapped in at the end, under a lock.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from mapgen import review
from mapgen.corrections import Corrections
from mapgen.corrections import find as find_corrections
from mapgen.corrections import unused as unused_corrections
from mapgen.documents import DEFAULT_MAX_BYTES, Articles, file_state, packed, read_document
from mapgen.errors import ArticleSkipped, CacheError, InputError
from mapgen.formats import ARTICLE_SUFFIXES
from mapgen.inputs import InputFile, check_inputs_and_output, input_files
from mapgen.output import Written, check_output, digests, earlier_manifest, finish_interrupted, manifest_time, staged
from mapgen.exports import (EVENTS_CSV_HEAD, GEOJSON_HEAD, GEOJSON_TAIL, PLACES_CSV_HEAD, SOURCES_HEAD,
                            SOURCES_TAIL, Collection, EventText, PlaceRow, collect, feature_lines,
                            place_lines, source_item, source_of, write_data)
from mapgen.cache import Memory, ResultCache, scratch_root
from mapgen.gazetteer import Gazetteer, open_gazetteer
from mapgen.embed import embed_text
from mapgen.engine import (Analyses, Contributions, analyse_and_contribute, give_back_memory, is_url,
                           Started, kept_objects, read_urls)
from mapgen.maps import (PLACE_FILES, MapStyle, Span, article_page, events_apart, joined_span, overview_frame,
                         overview_title, page_places, place_entry, place_entry_apart, place_events, place_file,
                         place_file_text, source_titles, write_article_page, write_assets)
from mapgen.model import Document
from mapgen.resolve import Options
from mapgen.review import ReviewText
from mapgen.splice import Splicer, first_marked
from mapgen.tally import Tally, update


@dataclass
class BuildReport:
    out: Path
    articles: int = 0
    places: int = 0
    events: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, same content as)
    undated: list[tuple[str, str]] = field(default_factory=list)  # (file, why) of articles with no date
    warnings: list[str] = field(default_factory=list)  # what the user should hear about but does not stop the build
    notes: list[str] = field(default_factory=list)  # why a build took the time it took
    unmapped: list[str] = field(default_factory=list)  # files that name no place: no map page, no embed


def read_all(files: list[InputFile], max_bytes: int, report: BuildReport, kept: ResultCache | None = None
             ) -> Articles:
    """The articles of `files`, each read once however many paths name it; with `kept`, a file unchanged
    since an earlier build read it (`file_state`) is not read and parsed again (an archive's 10,000
    files took a sixth of a rebuild)."""
    read: dict[str, tuple[Document, bytes | None, int]] = {}  # id -> (document without its text, the text
    # packed or None when the cache holds it, the file)
    here = os.getcwd()  # (once: abspath would ask for each of an archive's files)
    keys = [kept.document_key(os.path.join(here, f.shown), f.name, f.shown, max_bytes) for f in files] if kept else []
    earlier = kept.load_documents(keys) if kept else [None] * len(files)
    for n, (f, before) in enumerate(zip(files, earlier)):
        state = file_state(f.shown) if kept else None
        text: bytes | None
        if before is not None and state is not None and before[0] == state:
            d, text = before[1], None  # fetched only if analysed again
        else:
            try:
                d, text = packed(read_document(f.path, f.shown, max_bytes, name=f.name))
            except ArticleSkipped as e:
                report.skipped.append((e.path, e.reason))
                continue
            if kept and state is not None:
                kept.store_document(keys[n], (state, d), text)
        if d.id in read:
            report.duplicates.append((f.shown, files[read[d.id][2]].shown))
            continue
        read[d.id] = d, text, n
        if d.date is None:
            report.undated.append((f.shown, d.date_note))
    ordered = sorted(read.values(), key=lambda r: (r[0].path, r[0].id))
    light, texts, file_of = [d for d, _, _ in ordered], [t for _, t, _ in ordered], [n for _, _, n in ordered]
    del ordered, read  # (the texts are the Articles' to let go)

    def fetch(indices: list[int]) -> list[bytes]:
        picked = [(light[i], file_of[i]) for i in indices]
        found = kept.load_texts([keys[n] for _, n in picked], [d.sha256 for d, _ in picked]) if kept else [
            None] * len(picked)
        fetched = []
        for (d, n), text in zip(picked, found):
            if text is None:
                text = _read_again(files[n], d, max_bytes)
                if kept:
                    kept.store_text(keys[n], d.sha256, text)
            fetched.append(text)
        return fetched

    return Articles(light, texts, fetch)


def _read_again(f: InputFile, d: Document, max_bytes: int) -> bytes:
    """The text of an article whose text left the cache during the build, if its file still holds it."""
    try:
        again, text = packed(read_document(f.path, f.shown, max_bytes, name=f.name))
    except ArticleSkipped as e:
        raise CacheError(f"{f.shown}: its text left the result cache and the file cannot be read ({e.reason}); "
                         "build again") from e
    if again.sha256 != d.sha256:
        raise CacheError(f"{f.shown}: changed while the build ran; build again")
    return text


def _articles(pairs: Iterable[tuple[Document, bytes]]) -> Articles:
    ordered = sorted(pairs, key=lambda p: (p[0].path, p[0].id))
    return Articles([d for d, _ in ordered], [t for _, t in ordered])


def build(
    inputs: list[Path],
    out: Path,
    *,
    style: MapStyle | None = None,
    formats: tuple[str, ...] = (),
    base_url: str = "",
    png: bool = False,
    include_demonyms: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    gazetteer: Gazetteer | Callable[[], Gazetteer] | None = None,
    progress: Callable[[Iterable[Document], int], Iterable[Document]] | None = None,
    options: Options | None = None,
    jobs: int = 1,
    cache: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
    memory: Memory | None = None,
) -> BuildReport:
    """Build `out` from `inputs` (paths, or fsspec URLs such as s3://bucket/news).

    `options` carries the newsroom's corrections, home and resolver weights (without it,
    corrections are read from the input folders). `jobs` processes analyse articles and write
    pages (or a Dask cluster at `scheduler` analyses them, with `engine="dask"`); `cache` reuses
    what earlier builds computed for the same content, code, gazetteer, options and corrections, and
    `memory` (with `cache`) keeps the entries every rebuild reads, for a process that builds again.
    """
    given_out, out = Path(out), Path(os.path.abspath(out))  # ".." folded, symbolic links kept
    urls = [str(i) for i in inputs if is_url(i)]
    local = [Path(i) for i in inputs if not is_url(i)]
    check_inputs_and_output(local, out)
    finish_interrupted(out)
    check_output(out)
    style = style or MapStyle()
    style.tile_provider()  # a misspelt basemap fails before any article is read
    files, passed = input_files(local, out)
    if not files and not urls:
        raise InputError(f"{', '.join(map(str, inputs))}: no article files found (mapgen reads "
                         f"{', '.join(ARTICLE_SUFFIXES)})")
    report = BuildReport(given_out)
    report.skipped.extend(passed)
    gazetteer = gazetteer() if callable(gazetteer) else gazetteer or open_gazetteer()
    if options is None:
        options = Options(corrections=find_corrections(local), include_demonyms=include_demonyms)
    check_corrections(options.corrections, gazetteer)
    with contextlib.ExitStack() as stack:
        # where each article's results go as they come: the result cache, or with --no-cache a scratch one
        # of this build's, neither read nor kept (a build holds no article's results in memory)
        scratch = None if cache else stack.enter_context(scratch_root())
        results = ResultCache(scratch, gazetteer_fingerprint=gazetteer.fingerprint, options=options.fingerprint,
                              corrections=options.corrections.fingerprint_for, memory=memory if cache else None)
        stack.callback(results.close)  # its last entries written
        if cache and results.first_of_its_version:
            report.notes.append("first build with this version of mapgen or of the libraries it reads data from: "
                                "every article was analysed again (later builds reuse the results)")
        docs = read_all(files, max_bytes, report, results if cache else None)
        if urls:
            remote, skipped = read_urls(urls, max_bytes)
            report.skipped += skipped
            docs = _merge(docs, remote, report)
        if not docs:
            raise InputError("no article could be read: " + "; ".join(f"{f}: {r}" for f, r in report.skipped))
        report.warnings += unused_corrections(options.corrections, docs.light,
                                              lambda indices: [d.text for d in docs.subset(indices)])
        del files  # the articles are read: what the analysing processes are forked from is all still needed
        give_back_memory()
        analyses, contributions = analyse_and_contribute(docs, gazetteer, options, store=results, jobs=jobs,
                                                         engine=engine, scheduler=scheduler, progress=progress)
        analyses.drop_texts()
        give_back_memory()
        _write(analyses, contributions, results, out, style, formats, base_url, png, cache, jobs, report)
        results.forget_unused()
    return report


def _write(analyses: Analyses, contributions: Contributions, results: ResultCache, out: Path, style: MapStyle,
           formats: tuple[str, ...], base_url: str, png: bool, cache: bool, jobs: int, report: BuildReport) -> None:
    docs = analyses.docs
    in_order = [i for *_, i in sorted((d.id, d.path, i) for i, d in enumerate(docs))]  # the data's order
    keys = [results.contribution_key(d) for d in docs]  # what each article's segments of the files are
    # an article's page follows from its analysis (whose key holds everything that decides it) and the style
    drawn_as = repr(style)
    made_from = {article_page(d.id): _digest(results.key(d), d.path, drawn_as) for d in docs}
    with staged(out) as stage:
        tmp = stage.folder
        made_before, digests_before = earlier_manifest(out) if cache else ({}, {})
        since = manifest_time(out)
        # the pages made from the same inputs as the earlier output's stay where they are (a page is in
        # the earlier output only if its article names a place)
        taken_over = _kept(_unchanged(made_from, made_before, digests_before), stage.present)
        with kept_objects():
            plan = _plan(analyses, contributions, results, out, formats, cache, in_order, keys)
        mapped = [i for i, named in enumerate(plan.names_a_place) if named]
        apart = events_apart(sum(plan.counts))
        # as an article's page follows from its analysis, a place's file of events follows from its key
        made_from.update({place_file(pid): key for pid, key in plan.place_keys.items()} if apart else {})
        earlier_places = _kept({f: d for f, d in _unchanged(made_from, made_before, digests_before).items()
                                if f.startswith(PLACE_FILES)}, stage.present)
        places = page_places(plan.overview)
        unwritten: list[int] = []  # places whose file of events is to be written
        titles: dict[str, str] = {}
        if apart:
            (tmp / PLACE_FILES).mkdir()
            # a place's file of events made from the same as the earlier output's stays where it is
            unwritten = [n for n, p in enumerate(places) if place_file(p.id) not in earlier_places]
            titles = source_titles(plan.overview)
        report.articles, report.places, report.events = len(docs), len(plan.overview.places), sum(plan.counts)
        report.unmapped = [d.path for d, named in zip(docs, plan.names_a_place) if not named]
        if results.memory is not None:  # what the review's writer reads, for the next build of this process
            results.remember("ranks", [docs[i] for i in review.on_page(plan.least)])
        splicer = Splicer(out, tmp, digests_before, since, results if cache else None)
        fresh = [i for i in mapped if article_page(docs[i].id) not in taken_over]  # (edited pages too)
        # what the pages and data are written from is kept to the end: the garbage collector need not scan
        # it, nor the processes that write pages touch (and so copy) its memory by doing so
        gc.freeze()
        try:
            telling = [i for i in in_order if plan.counts[i]]
            with Started([  # the longest first
                partial(_write_events_geojson, tmp, contributions, telling, keys, splicer),
                partial(_write_data, plan.overview, tmp, formats, contributions, in_order, telling, keys,
                        plan.place_keys, splicer),
                partial(_write_review, tmp, contributions, keys, plan.least, splicer),
                partial(_write_maps, plan.overview, places, tmp, style, contributions, plan.span, in_order,
                        plan.naming, plan.place_keys, splicer, apart),
                *(partial(_place_files, places, unwritten[i:i + _PLACES_A_TASK], tmp, contributions, in_order,
                          plan.naming, titles)
                  for i in range(0, len(unwritten), _PLACES_A_TASK)),
                *(partial(_article_pages, analyses, fresh[i:i + _PAGES_A_TASK], tmp, style)
                  for i in range(0, len(fresh), _PAGES_A_TASK)),
            ], jobs if jobs > 1 else 0) as writing:
                # meanwhile
                if plan.changed and cache:
                    results.store_tally(out, plan.tally)
                pages = [("index.html", overview_title(plan.overview, style))] + [
                    (article_page(docs[i].id), docs[i].title) for i in mapped]
                (tmp / "embed.txt").write_text(embed_text(pages, base_url), encoding="utf-8")
                written = writing.results()
        finally:
            gc.unfreeze()
        known = {**taken_over, **earlier_places}
        for made in written:  # each writer's files and their digests
            known.update(made)
        if png:
            from mapgen.preview import write_previews

            write_previews(tmp, [p for p, _ in pages])
        drawn_from = {p: made_from[p] for p, _ in pages[1:]}  # the pages of articles naming a place
        drawn_from.update((f, m) for f, m in made_from.items() if f.startswith(PLACE_FILES))
        stage.written = Written(drawn_from, known)


@dataclass
class _Plan:
    """What the build-wide files and pages are written from, beside the articles' contributions."""

    tally: Tally
    changed: bool  # since the last build into the same output (so to be kept again)
    overview: Collection
    naming: dict[str, list[int]]  # place id -> the articles naming it, by their place in the data's order
    place_keys: dict[str, str]  # place id -> tally.place_key
    names_a_place: list[bool]  # by article
    counts: list[int]  # events each article tells
    least: tuple[list[tuple], int]  # see review.least_ranks
    span: Span  # of every event


def _plan(analyses: Analyses, contributions: Contributions, results: ResultCache, out: Path,
          formats: tuple[str, ...], cache: bool, in_order: list[int], keys: list[str]) -> _Plan:
    """From the tally the last build into `out` kept, brought up to date (see `tally`)."""
    docs = analyses.docs
    before = results.load_tally(out) if cache else None
    tally = update(before, [keys[i] for i in in_order],
                   lambda positions: contributions.pieces([in_order[n] for n in positions], "summary"))
    overview = tally.collection([source_of(docs[i]) for i in in_order])
    if "gpkg" in formats:  # the GeoPackage's events table is made from the events themselves
        overview = collect(list(analyses))
    of = [tally.articles[0]] * len(docs)  # what the tally holds of each article
    for n, i in enumerate(in_order):
        of[i] = tally.articles[n]
    return _Plan(tally, tally is not before, overview, tally.naming(), tally.place_keys(),
                 [a.names_a_place for a in of], [a.events for a in of],
                 ([(a.least, i) for i, a in enumerate(of) if a.rows], sum(a.rows for a in of)),
                 joined_span(a.span for a in tally.articles))


_PAGES_A_TASK = 64  # article pages drawn per task of the --jobs processes
_PLACES_A_TASK = 500  # files of places' events written per task
_NAMINGS_A_BATCH = 250_000  # (article, place) pairs whose events the overview's writer holds at once


# the build-wide files, from what each article contributes (read back and unpacked one article at a time,
# by the process writing; those that go article by article spliced from the earlier output where they
# can); each task also gives the digests of what it wrote, for the manifest
def _write_data(overview: Collection, tmp: Path, formats: tuple[str, ...], contributions: Contributions,
                in_order: list[int], telling: list[int], keys: list[str], place_keys: dict[str, str],
                splicer: Splicer) -> dict[str, str]:
    """`in_order`: the articles in the order of the sources; `telling`: those that tell of an event, in
    the events' order."""
    made: dict[str, str] = {}

    def sources(path: Path) -> None:  # a source follows from its article (its path and content)
        splicer.write(path, SOURCES_HEAD, first_marked(keys[i] for i in in_order),
                      lambda indices: (source_item(overview.sources[n], n == 0) for n in indices), SOURCES_TAIL, made)

    def places(geojson: Path, rows: Path) -> None:
        in_rows = [place_keys[p.id] for p in overview.places]
        splicer.write(geojson, GEOJSON_HEAD, first_marked(in_rows), lambda indices: (
            feature_lines(f, n == 0) for n, (f, _) in zip(indices, place_lines(overview, indices))), GEOJSON_TAIL, made)
        splicer.write(rows, PLACES_CSV_HEAD, in_rows,
                      lambda indices: (row for _, row in place_lines(overview, indices)), made=made)

    def events(geojson: Path, rows: Path) -> None:  # the GeoJSON is _write_events_geojson's
        splicer.write(rows, EVENTS_CSV_HEAD, [keys[i] for i in telling],
                      _event_lines(contributions, telling, lambda t, n: t.rows), made=made)

    write_data(overview, tmp / "data", formats, events=events, places=places, sources=sources)
    rest = [f"data/{p.name}" for p in (tmp / "data").iterdir()
            if f"data/{p.name}" not in made and p.name != "events.geojson"]
    return {**made, **digests(tmp, rest)}


def _write_events_geojson(tmp: Path, contributions: Contributions, telling: list[int], keys: list[str],
                          splicer: Splicer) -> dict[str, str]:
    """events.geojson, the largest file, beside the other data files (see `_write_data`)."""
    (tmp / "data").mkdir(exist_ok=True)
    made: dict[str, str] = {}
    splicer.write(tmp / "data" / "events.geojson", GEOJSON_HEAD, first_marked(keys[i] for i in telling),
                  _event_lines(contributions, telling, lambda t, n: feature_lines(t.features, n == 0)), GEOJSON_TAIL,
                  made)
    return made


def _event_lines(contributions: Contributions, telling: list[int], part: Callable[[EventText, int], bytes]
                 ) -> Callable[[list[int]], Iterator[bytes]]:
    def render(indices: list[int]) -> Iterator[bytes]:
        texts = contributions.pieces([telling[n] for n in indices], "events")
        return (part(t, n) for n, t in zip(indices, texts))
    return render


def _write_review(tmp: Path, contributions: Contributions, keys: list[str], least: tuple[list[tuple], int],
                  splicer: Splicer) -> dict[str, str]:
    made: dict[str, str] = {}

    def texts(order) -> Iterator[ReviewText]:
        return contributions.pieces(list(order), "review")

    def write_csv(path: Path) -> None:
        splicer.write(path, review.CSV_HEAD, keys, lambda indices: (t.csv for t in texts(indices)), made=made)

    def write_page(path: Path, picked: list[tuple], total: int) -> None:
        # a row of the page follows from one article's row: spliced under its article's key and its place there
        def rows(indices: list[int]) -> Iterator[bytes]:
            return (review.row_html(r).encode() for r in review.picked_rows([picked[n] for n in indices], texts))

        splicer.write(path, review.page_head(len(picked), total).encode(), [f"{keys[i]}|{j}" for _, i, j in picked],
                      rows, review.PAGE_TAIL.encode(), made)

    review.write_texts(lambda order: contributions.pieces(list(order), "ranks"), texts, len(contributions),
                       tmp, write_csv=write_csv, write_page=write_page, least=least)
    return made


def _write_maps(overview: Collection, places: list[PlaceRow], tmp: Path, style: MapStyle,
                contributions: Contributions, span: Span, in_order: list[int], naming: dict[str, list[int]],
                place_keys: dict[str, str], splicer: Splicer, apart: bool = False) -> dict[str, str]:
    """index.html and the assets. A place's entry follows from the articles naming it (its row and its
    events are theirs), so it is spliced under their keys (`tally.place_key`), and drawn from their popups.
    With its events `apart`, each place's are a file of its own, which `_place_files` writes."""
    write_assets(tmp / "assets", style)
    head, tail, _ = overview_frame(overview, style, span, apart)
    keys = [place_keys[p.id] for p in places]

    def render(indices: list[int]) -> Iterator[bytes]:
        for batch, events in _place_events(places, indices, in_order, naming, contributions):
            for n, entries in zip(batch, events):
                yield (place_entry_apart(places[n], entries, n == 0, keys[n]) if apart
                       else place_entry(places[n], entries, n == 0))

    entry_keys = first_marked(k + "|apart" * apart for k in keys)
    made = {"index.html": splicer.write(tmp / "index.html", head, entry_keys, render, tail)}
    return {**made, **digests(tmp, [f"assets/{p.name}" for p in (tmp / "assets").iterdir()])}


def _place_files(places: list[PlaceRow], indices: list[int], tmp: Path, contributions: Contributions,
                 in_order: list[int], naming: dict[str, list[int]], titles: dict[str, str]) -> dict[str, str]:
    """The files of events of the places at `indices` (see `maps.place_file`): tasks of their own, beside
    the overview's, as a build of thousands of places is as many files to create, and creating one took
    up to a millisecond on a busy disk."""
    written = []
    for batch, events in _place_events(places, indices, in_order, naming, contributions):
        for n, entries in zip(batch, events):
            written.append(place_file(places[n].id))
            with open(tmp / written[-1], "wb") as f:
                f.write(place_file_text(entries, places[n], titles))
    return digests(tmp, written)


def _place_events(places: list[PlaceRow], indices: list[int], in_order: list[int], naming: dict[str, list[int]],
                  contributions: Contributions) -> Iterator[tuple[list[int], Iterator[list[bytes]]]]:
    """The events of the places at `indices`, in batches of places named _NAMINGS_A_BATCH times at most: a
    first build of 100,000 articles would otherwise hold all 1.7 million events at once (an article naming
    places in several batches is read once for each)."""
    def events_of(batch: list[int]) -> tuple[list[int], Iterator[list[bytes]]]:
        naming_them = sorted({in_order[at] for n in batch for at in naming[places[n].id]})
        return batch, place_events(places, batch, contributions.pieces(naming_them, "popups"))

    batch: list[int] = []
    named = 0
    for n in indices:
        batch.append(n)
        named += len(naming[places[n].id])
        if named >= _NAMINGS_A_BATCH:
            yield events_of(batch)
            batch, named = [], 0
    if batch:
        yield events_of(batch)


def _unchanged(made_from: dict[str, str], made_before: dict[str, str], digests_before: dict[str, str]) -> dict[str, str]:
    """The files of the earlier output made from the same inputs as this build's (file -> its SHA-256)."""
    return {f: digests_before[f] for f, m in made_before.items() if made_from.get(f) == m and f in digests_before}


def _kept(unchanged: dict[str, str], present: frozenset[str]) -> dict[str, str]:
    """The files made from the same inputs as the earlier output's that it still holds (file -> SHA-256):
    they stay where they are. (One moved out since is drawn again; one edited by hand stopped the build
    in `check_output`.)"""
    return {f: d for f, d in unchanged.items() if f in present}


def _article_pages(analyses: Analyses, mapped: list[int], tmp: Path, style: MapStyle) -> dict[str, str]:
    """Draw the maps of these articles (`mapped`: indices of articles that name a place) into `tmp`;
    returns their digests."""
    for a in analyses.batch(mapped):
        write_article_page(collect([a]), tmp, style)
    return digests(tmp, [article_page(analyses.docs[i].id) for i in mapped])


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _merge(docs: Articles, more: list[Document], report: BuildReport) -> Articles:
    by_id = {d.id: (d, t) for d, t in docs.pairs()}
    for d in more:
        if d.id in by_id:
            report.duplicates.append((d.path, by_id[d.id][0].path))
        else:
            by_id[d.id] = packed(d)
    return _articles(by_id.values())


def read_config(inputs: list[Path]) -> dict[str, object]:
    """Settings from a `mapgen.toml` in the first input folder that has one (title, dek, credit, tiles...)."""
    import tomllib

    for given in inputs:
        cfg = Path(given) / "mapgen.toml"
        if Path(given).is_dir() and cfg.is_file():
            try:
                data = tomllib.loads(cfg.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
                raise InputError(f"{cfg}: not valid TOML ({e})") from e
            known = {"title", "dek", "credit", "tiles", "basemap", "self_contained", "base_url", "home", "corrections"}
            unknown = sorted(set(data) - known)
            if unknown:
                raise InputError(f"{cfg}: unknown setting {', '.join(unknown)} (known: {', '.join(sorted(known))})")
            return data
    return {}


def check_corrections(corrections: Corrections, gazetteer: Gazetteer) -> None:
    """An id the gazetteer does not know is a typo the editor must hear about before the build."""
    for c in corrections.items:
        if c.place and not c.not_a_place and gazetteer.get(c.place) is None:
            raise InputError(f"{c.where}: {c.place} is not in the gazetteer (check the id with mapgen resolve "
                             f"{c.name!r}, or give lat and lon)")
