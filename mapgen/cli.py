"""The `mapgen` command: a thin Typer layer over the library.

This is the one place typed errors become one-line messages and exit codes;
`--debug` shows the traceback instead.
"""
from __future__ import annotations

import atexit
import json
import os
import re
import sys
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from mapgen import __version__, compiled
from mapgen.errors import CacheError, InputError, MapgenError, printable

app = typer.Typer(
    help="Turn news articles into maps of the places they name, with dated events and open data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Build, inspect and extend the local gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


class ExitStatus(IntEnum):
    OK = 0
    FAILED = 1  # nothing could be built
    USAGE = 2  # bad command line (Click's own code)
    PARTIAL = 3  # built, but some inputs were skipped


class _State:
    debug = False


def _fail(e: MapgenError, status: ExitStatus = ExitStatus.FAILED):
    if _State.debug:
        raise e
    typer.echo(f"mapgen: error: {printable(str(e))}", err=True)
    raise typer.Exit(int(status))


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"mapgen {__version__} ({'compiled' if compiled() else 'from source'})")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")] = False,
    version: Annotated[bool, typer.Option(
        "--version", help="Print the version and exit.", callback=_print_version, is_eager=True
    )] = False,
):
    _State.debug = debug


def _open_gazetteer_telling():
    """Open the gazetteer, saying so first when it must be indexed (once, half a minute): a silent
    first run looks hung."""
    from mapgen.gazetteer import default_index_path, open_gazetteer

    if not default_index_path().exists():
        typer.echo("mapgen: indexing the gazetteer once (about half a minute; later runs start at once)", err=True)
    return open_gazetteer()


def _positive(value: float) -> float:
    if value <= 0:
        raise typer.BadParameter(f"must be more than 0 (got {value:g})")
    return value


@app.command()
def build(
    inputs: Annotated[
        Optional[list[str]], typer.Argument(help="Article files or folders, or fsspec URLs (default: seeds/).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (replaced atomically).")] = Path("output"),
    title: Annotated[Optional[str], typer.Option(help="Title of the overview map.")] = None,
    dek: Annotated[Optional[str], typer.Option(help="A line under the title.")] = None,
    credit: Annotated[Optional[str], typer.Option(help="Credit line, e.g. your desk's name.")] = None,
    tiles: Annotated[Optional[str], typer.Option(help="Basemap, an xyzservices name (e.g. CartoDB.Positron).")] = None,
    basemap: Annotated[Optional[str], typer.Option(
        help="tiles (from --tiles; the outline when they cannot load) or outline (coastlines and borders, no network)."
    )] = None,
    self_contained: Annotated[
        Optional[bool], typer.Option("--self-contained/--cdn", help="Load Leaflet from OUT/assets only, never a CDN.")
    ] = None,
    base_url: Annotated[Optional[str], typer.Option(help="Where OUT will be published, for embed.txt.")] = None,
    png: Annotated[bool, typer.Option("--png", help="Also save a PNG preview of each map (needs Chromium).")] = False,
    format: Annotated[
        Optional[list[str]], typer.Option("--format", help="Extra data format to write: gpkg.")
    ] = None,
    max_size: Annotated[
        float, typer.Option(help="Skip articles larger than this many MB.", callback=_positive)
    ] = 5.0,
    include_demonyms: Annotated[
        bool, typer.Option("--include-demonyms", help="Map demonyms (\"Azerbaijani troops\") as their countries.")
    ] = False,
    home: Annotated[Optional[str], typer.Option(
        help="The newsroom's home, weak context for every article: a country (US) or a state (US-GA).")] = None,
    weights: Annotated[Optional[Path], typer.Option(help="A TOML table of resolver weights to use.")] = None,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="Processes for articles and pages (default: all cores).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Analyse and render everything again, ignoring earlier builds.")
    ] = False,
    engine: Annotated[
        str, typer.Option(help="Where articles are analysed: local (processes) or dask (a Dask cluster).")
    ] = "local",
    scheduler: Annotated[
        Optional[str], typer.Option(help="Dask scheduler address for --engine dask (default: local processes).")
    ] = None,
    watch: Annotated[bool, typer.Option(
        "--watch", help="Stay up and build again each time an article, the corrections or mapgen.toml change.")
    ] = False,
):
    """Build maps and open data from articles.

    Settings can also live in a mapgen.toml in the input folder (title, dek,
    credit, tiles, basemap, self_contained, base_url, home); options given here win.
    A corrections.csv beside the articles pins or removes names (see OUT/review.html).
    """
    from mapgen.build import build as run_build
    from mapgen.build import read_config
    from mapgen.corrections import find as find_corrections
    from mapgen.maps import MapStyle
    from mapgen.resolve import Options
    from mapgen.weights import DEFAULT, Weights

    from mapgen.engine import ENGINES, default_jobs, is_url

    if not inputs and not Path("seeds").is_dir():
        typer.echo("mapgen: error: no articles given, and no seeds/ folder here: mapgen build FOLDER [--out DIR]",
                   err=True)
        raise typer.Exit(int(ExitStatus.USAGE))
    if home is not None and not re.fullmatch(r"[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?", home):
        typer.echo(f"mapgen: error: --home {home!r} is not a country code (US) or a state's (US-GA)", err=True)
        raise typer.Exit(int(ExitStatus.USAGE))
    inputs = [i if is_url(i) else Path(i) for i in (inputs or ["seeds"])]
    if engine not in ENGINES:
        typer.echo(f"mapgen: error: unknown --engine {engine} (known: {', '.join(ENGINES)})", err=True)
        raise typer.Exit(int(ExitStatus.USAGE))
    if scheduler and engine != "dask":
        typer.echo("mapgen: error: --scheduler needs --engine dask", err=True)
        raise typer.Exit(int(ExitStatus.USAGE))
    formats = tuple(f.lower() for f in (format or ()))
    if set(formats) - {"gpkg"}:
        typer.echo(f"mapgen: error: unknown --format {', '.join(sorted(set(formats) - {'gpkg'}))} (known: gpkg)", err=True)
        raise typer.Exit(int(ExitStatus.USAGE))

    def progress(docs, n):
        if n < 20:  # over in a moment: no bar (nor tqdm's import, a tenth of a one-article rebuild's start)
            return docs
        from tqdm import tqdm

        return tqdm(docs, total=n, desc="articles", unit="article", disable=None, file=sys.stderr)

    if watch and (engine != "local" or any(is_url(i) for i in inputs)):
        typer.echo("mapgen: error: --watch watches local folders and files, built with --engine local", err=True)
        raise typer.Exit(int(ExitStatus.USAGE))

    def build_once(memory=None):
        cfg = read_config(inputs)  # read again for each build: --watch sees the settings change too
        given = {"title": title, "dek": dek, "credit": credit, "tiles": tiles, "basemap": basemap,
                 "self_contained": self_contained}
        style_keys = {"title", "dek", "credit", "tiles", "basemap", "self_contained"}
        settings = {k: v for k, v in cfg.items() if k in style_keys} | {k: v for k, v in given.items() if v is not None}
        style = MapStyle(**{k: (bool(v) if k == "self_contained" else str(v)) for k, v in settings.items()})
        options = Options(
            weights=Weights.load(weights) if weights else DEFAULT,
            corrections=find_corrections(inputs),
            home=str(home if home is not None else cfg.get("home", "")),
            include_demonyms=include_demonyms,
        )
        return run_build(
            inputs, out, style=style, formats=formats, max_bytes=int(max_size * 1e6), progress=progress,
            gazetteer=_open_gazetteer_telling,
            base_url=base_url if base_url is not None else str(cfg.get("base_url", "")), png=png,
            options=options,
            jobs=jobs or default_jobs(), cache=not no_cache, engine=engine,
            scheduler=scheduler, memory=memory,
        )

    if watch:
        _watch(inputs, out, build_once)
        return
    try:
        report = build_once()
    except MapgenError as e:
        _fail(e)
    _tell(report)
    if report.skipped:
        raise typer.Exit(int(ExitStatus.PARTIAL))


def _tell(report, took: float | None = None, told: frozenset[str] = frozenset()) -> frozenset[str]:
    """What a build did, skipped and warns of: warnings on stderr (but those in `told`: --watch says
    each once, not after every rebuild), the result on stdout. Returns the warnings."""
    warned = []
    for f, reason in report.skipped:
        warned.append(f"mapgen: skipped {printable(f)}: {reason}")
    for f, same in report.duplicates:
        warned.append(f"mapgen: skipped {printable(f)}: same content as {printable(same)}")
    for line in report.warnings:
        warned.append(f"mapgen: warning: {printable(line)}")
    for line in report.notes:
        warned.append(f"mapgen: note: {printable(line)}")
    for f, why in report.undated:
        problem = why.split(";")[0] if why.startswith("unreadable") else "no date found (add a 'Date: YYYY-MM-DD' line)"
        warned.append(f"mapgen: warning: {printable(f)}: {printable(problem)}; "
                      "relative dates such as 'on Sunday' are left undated")
    unmapped = [f"mapgen: no place found in {printable(f)}: no map page or embed code for it" for f in report.unmapped]
    for line in warned:
        if line not in told:
            typer.echo(line, err=True)
    skipped = len(report.skipped) + len(report.duplicates)
    typer.echo(
        f"Built {report.articles} article{'s' * (report.articles != 1)}: {report.places} places, "
        f"{report.events} events -> {report.out}/index.html"
        + (f" ({skipped} input{'s' * (skipped != 1)} skipped)" if skipped else "")
        + (f" in {took:.2f} s" if took is not None else "")
    )
    for line in unmapped:
        if line not in told:
            typer.echo(line, err=True)
    return frozenset(warned + unmapped)


def _watch(inputs: list[Path], out: Path, build_once) -> None:
    """Build, then again on each change, until Ctrl-C (or SIGTERM); a failed build is told and the next
    one tried (the desk fixes the copy; the last good output stays in place)."""
    import signal
    import time

    from mapgen.watch import watch

    told: frozenset[str] = frozenset()

    def once(memory) -> None:
        nonlocal told
        started = time.perf_counter()
        try:
            report = build_once(memory)
        except MapgenError as e:
            if isinstance(e, CacheError):
                memory.forget()  # what it held stood in front of a cache that failed the build
            if _State.debug:
                raise
            typer.echo(f"mapgen: error: {printable(str(e))} (watching for the next change)", err=True)
            return
        told = _tell(report, time.perf_counter() - started, told)

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)  # a service manager's stop is Ctrl-C's: the last output stays whole
    try:
        watch(inputs, out, once, say=lambda line: typer.echo(line, err=True))
    except KeyboardInterrupt:
        pass
    except MapgenError as e:
        _fail(e)
    typer.echo("mapgen: stopped watching", err=True)


@app.command()
def resolve(
    name: Annotated[str, typer.Argument(help="A place name as an article writes it.")],
    context: Annotated[
        Optional[list[str]], typer.Option("--context", "-c", help="ISO-2 code of a country the article names.")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many candidates to show.")] = 10,
    weights: Annotated[Optional[Path], typer.Option(help="A TOML table of resolver weights to try.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
):
    """Show the ranked gazetteer candidates for NAME, with scores, the evidence behind them, and the
    corrections.csv line that would pin each."""
    from mapgen.corrections import line_for
    from mapgen.gazetteer import open_gazetteer
    from dataclasses import replace

    from mapgen.rules import Context, rank
    from mapgen.weights import DEFAULT, Weights

    try:
        table = Weights.load(weights) if weights else DEFAULT
        g = open_gazetteer()
    except MapgenError as e:
        _fail(e)
    if not name.strip():
        _fail(InputError("give a place name, as an article writes it"), ExitStatus.USAGE)
    countries, states = [], []
    for given in context or ():
        iso, _, admin1 = given.upper().partition("-")
        if not re.fullmatch(r"[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?", given) or g.country(iso) is None:
            _fail(InputError(f"--context {given!r}: not a country's ISO code (AZ) or a state's (US-GA)"), ExitStatus.USAGE)
        countries.append(iso)
        if admin1:
            states.append((iso, admin1))
    ctx = replace(Context.from_countries(*countries, weights=table), admin1=frozenset(states))
    ranked = rank(g.lookup(name), ctx)[:limit]
    if as_json:
        typer.echo(json.dumps([{
            "id": r.candidate.id, "name": r.candidate.name, "kind": r.candidate.kind, "country": r.candidate.country,
            "lat": r.candidate.lat, "lon": r.candidate.lon, "population": r.candidate.population,
            "matched": r.candidate.matched, "score": r.score, "confidence": r.confidence, "evidence": list(r.evidence),
            "findings": [{"rule": f.rule, "delta": round(f.delta, 4), "why": f.why} for f in r.findings],
            "correction": line_for(name, r.candidate.id),
        } for r in ranked], ensure_ascii=False, indent=1))
        return
    if not ranked:
        typer.echo(f"No gazetteer entry is called {name!r}. To place it, add to corrections.csv beside the articles:")
        typer.echo(f"  {name},,LAT,LON,town,,")
        raise typer.Exit(int(ExitStatus.FAILED))
    for i, r in enumerate(ranked, 1):
        c = r.candidate
        verdict = "" if r.score >= table.threshold else "  (below threshold: not placed)"
        typer.echo(
            f"{i:>2}. {c.id:<18} {c.name} ({c.kind}, {c.country or '-'}{'.' + c.admin1 if c.admin1 else ''})  "
            f"{c.lat:.4f}, {c.lon:.4f}  "
            f"pop {c.population:,}  score {r.score:.2f}  confidence {r.confidence:.2f}{verdict}"
        )
        for f in r.findings:
            typer.echo(f"      {f.rule}: {f}")
        typer.echo(f"      to pin {name!r} to this place, add to corrections.csv: {line_for(name, c.id)}")
    typer.echo(f"to keep {name!r} off the map: {line_for(name)}")


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One article file.")],
    include_demonyms: Annotated[
        bool, typer.Option("--include-demonyms", help="Map demonyms as their countries.")
    ] = False,
):
    """Print the mentions, places and events of one article as JSON."""
    from mapgen.analysis import analyse
    from mapgen.corrections import find as find_corrections
    from mapgen.documents import read_document
    from mapgen.formats import ARTICLE_SUFFIXES
    from mapgen.gazetteer import open_gazetteer
    from mapgen.resolve import Options

    try:
        if file.is_dir():
            raise InputError(f"{file}: is a folder; mapgen extract reads one article file (mapgen build reads folders)")
        if file.suffix.lower() not in ARTICLE_SUFFIXES:
            raise InputError(f"{file}: not an article format (mapgen reads {', '.join(ARTICLE_SUFFIXES)})")
        if not file.is_file():
            raise InputError(f"{file}: no such file")
        doc = read_document(file, name=file.name)
        options = Options(corrections=find_corrections([file.parent]), include_demonyms=include_demonyms)
        a = analyse(doc, open_gazetteer(), options=options)
    except MapgenError as e:
        _fail(e)

    why = doc.date_note
    typer.echo(json.dumps({
        "source": {"id": doc.id, "file": doc.path, "title": doc.title,
                   "date": doc.date.isoformat() if doc.date else None, "date_source": doc.date_source,
                   "date_why": why, "sha256": doc.sha256, "text": doc.text},
        "places": [{
            "id": p.id, "name": p.candidate.name, "kind": p.candidate.kind, "country": p.candidate.country,
            "lat": p.candidate.lat, "lon": p.candidate.lon, "population": p.candidate.population,
            "confidence": p.confidence, "evidence": list(p.evidence),
            "mentions": [{"text": m.surface, "start": m.start, "end": m.end} for m in p.mentions],
        } for p in a.places],
        "not_placed": [{
            "best": p.id, "name": p.candidate.name, "evidence": list(p.evidence),
            "mentions": [{"text": m.surface, "start": m.start, "end": m.end} for m in p.mentions],
        } for p in a.unplaced],
        "unknown": [{"text": m.surface, "start": m.start, "end": m.end} for m in a.unknown],
        "events": [{
            "id": e.id, "place_id": e.place_id, "date": e.date, "date_end": e.date_end, "precision": e.precision,
            "when": e.when, "when_start": e.when_start, "when_end": e.when_end,
            "text": e.text, "start": e.start, "end": e.end,
        } for e in a.events],
    }, ensure_ascii=False, indent=1))


@gazetteer_app.command("build")
def gazetteer_build():
    """Rebuild the gazetteer index from its sources now."""
    from mapgen.gazetteer import open_gazetteer

    try:
        g = open_gazetteer(rebuild=True)
    except MapgenError as e:
        _fail(e)
    info = g.info()
    typer.echo(f"Indexed {sum(info['entries'].values()):,} entries, {info['names']:,} names -> {info['path']}")


@gazetteer_app.command("info")
def gazetteer_info():
    """Show where the index is, what it was built from and what it holds."""
    from mapgen.gazetteer import open_gazetteer

    try:
        info = open_gazetteer().info()
    except MapgenError as e:
        _fail(e)
    typer.echo(f"index:   {info['path']}")
    typer.echo(f"sources: {info['sources']}")
    typer.echo("entries: " + ", ".join(f"{k} {v:,}" for k, v in info["entries"].items()))
    typer.echo(f"names:   {info['names']:,}")


@gazetteer_app.command("add")
def gazetteer_add(
    name: Annotated[str, typer.Argument(help="The place name to look up and add.")],
    geocode: Annotated[str, typer.Option(help="Online geocoder to ask (opt-in): nominatim.")] = "nominatim",
    domain: Annotated[str, typer.Option(help="Geocoder host, for a self-hosted Nominatim.")] = "nominatim.openstreetmap.org",
    scheme: Annotated[str, typer.Option(help="http or https.")] = "https",
    file: Annotated[Optional[Path], typer.Option(help="Curated file to write (default: the packaged one).")] = None,
):
    """Look NAME up online once and write it into the curated gazetteer, so builds stay offline."""
    from mapgen.gazetteer.add import add_from_geocoder

    try:
        entry, path = add_from_geocoder(name, geocode, domain=domain, scheme=scheme, curated_file=file)
    except MapgenError as e:
        _fail(e)
    typer.echo(f"Added {entry.id} {entry.name} ({entry.lat:.5f}, {entry.lon:.5f}) to {path}")


def main():
    app()


def run() -> None:
    """The `mapgen` command (its console script and `python -m mapgen`), which leaves without tearing
    the interpreter down.

    Freeing every object one by one (word lists, look-up caches, modules) takes a tenth of a second
    after a build, a tenth of a rebuild's whole time, and the end of the process frees them anyway.
    Every exit handler registered while the command ran still runs first; when one was registered
    before it started (a coverage hook, a program calling this one), mapgen leaves the ordinary way.
    """
    status: list[object] = [1]  # a traceback's status, unless the command exits
    if getattr(atexit, "_ncallbacks", lambda: 1)() == 0:
        atexit.register(_leave, status)  # first, so run last
    try:
        main()
    except SystemExit as e:
        status[0] = e.code
        raise
    except KeyboardInterrupt:
        status[0] = 130  # what a shell reports of a program stopped by Ctrl-C
        raise
    status[0] = 0


def _leave(status: list[object]) -> None:
    code = status[0]
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None when the command was started with the stream closed
                stream.flush()
        except (OSError, ValueError):  # a closed pipe: what it would have said is lost either way
            pass
    os._exit(0 if code is None else code & 0xFF if isinstance(code, int) else 1)
