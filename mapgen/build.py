"""A whole build: articles in, an output folder of data and maps out, atomically.

Everything is written into a temporary folder beside the target and swapped
in at the end, under a lock: an interrupted or failed build leaves the
previous output as it was, and two builds into one folder cannot mix.
"""
from __future__ import annotations

import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mapgen.analysis import analyse
from mapgen.documents import DEFAULT_MAX_BYTES, read_document
from mapgen.errors import ArticleSkipped, InputError, OutputError
from mapgen.exports import collect, write_data
from mapgen.gazetteer import Gazetteer, open_gazetteer
from mapgen.embed import embed_text
from mapgen.maps import MapStyle, write_maps
from mapgen.model import Analysis, Document


@dataclass
class BuildReport:
    out: Path
    articles: int = 0
    places: int = 0
    events: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, same content as)
    unmapped: list[str] = field(default_factory=list)  # files that name no place: no map page, no embed


def input_files(inputs: Iterable[Path]) -> list[tuple[Path, str]]:
    """(path, path as the user sees it) for every article under the inputs, in a stable order."""
    found: list[tuple[Path, str]] = []
    for given in inputs:
        given = Path(given)
        if given.is_dir():
            for p in sorted(given.rglob("*")):
                rel = p.relative_to(given)
                if p.is_file() and not any(part.startswith(".") for part in rel.parts) and p.name != "mapgen.toml":
                    found.append((p, str(given / rel)))
        elif given.is_file():
            found.append((given, str(given)))
        elif given.exists():
            raise InputError(f"{given}: not a regular file or folder")
        else:
            raise InputError(f"{given}: no such file or folder")
    return found


def read_all(files: list[tuple[Path, str]], max_bytes: int, report: BuildReport) -> list[Document]:
    docs: dict[str, Document] = {}
    for path, shown in files:
        try:
            d = read_document(path, shown, max_bytes)
        except ArticleSkipped as e:
            report.skipped.append((e.path, e.reason))
            continue
        if d.id in docs:
            report.duplicates.append((shown, docs[d.id].path))
            continue
        docs[d.id] = d
    return sorted(docs.values(), key=lambda d: (d.path, d.id))


def _check_output(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: output path is a file, not a folder")
    parent = out.resolve().parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True)
        except OSError as e:
            raise OutputError(f"{parent}: cannot create output folder ({e.strerror})") from e
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{parent}: folder is not writable")


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
    gazetteer: Gazetteer | None = None,
    progress: Callable[[Iterable[Document], int], Iterable[Document]] | None = None,
) -> BuildReport:
    out = Path(out)
    files = input_files(inputs)
    if not files:
        raise InputError(f"{', '.join(map(str, inputs))}: no article files found")
    _check_output(out)
    style = style or MapStyle()
    style.tile_provider()  # a misspelt basemap fails before any article is read
    report = BuildReport(out)
    docs = read_all(files, max_bytes, report)
    if not docs:
        raise InputError("no article could be read: " + "; ".join(f"{f}: {r}" for f, r in report.skipped))
    gazetteer = gazetteer or open_gazetteer()
    analyses: list[Analysis] = [
        analyse(d, gazetteer, include_demonyms) for d in (progress(docs, len(docs)) if progress else docs)
    ]
    overview = collect(analyses)
    report.articles, report.places, report.events = len(docs), len(overview.places), len(overview.events)
    report.unmapped = [a.document.path for a in analyses if not a.places]

    def write(tmp: Path) -> None:
        write_data(overview, tmp / "data", formats)
        pages = write_maps(overview, [collect([a]) for a in analyses], tmp, style)
        (tmp / "embed.txt").write_text(embed_text(pages, base_url), encoding="utf-8")
        if png:
            from mapgen.preview import write_previews

            write_previews(tmp, [p for p, _ in pages])

    write_atomically(out, write)
    return report


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
            known = {"title", "dek", "credit", "tiles", "basemap", "self_contained", "base_url"}
            unknown = sorted(set(data) - known)
            if unknown:
                raise InputError(f"{cfg}: unknown setting {', '.join(unknown)} (known: {', '.join(sorted(known))})")
            return data
    return {}


def write_atomically(out: Path, write: Callable[[Path], object]) -> None:
    """Run `write(tmp)` into a fresh folder beside `out`, then swap it in, holding a lock throughout.

    The lock file stays beside the output: deleting it on release would let a
    waiting build and a new one each lock a different file.
    """
    from filelock import FileLock, Timeout

    parent = out.resolve().parent
    lock = FileLock(str(parent / f".{out.name}.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout as e:
        raise OutputError(f"{out}: another mapgen build is writing this folder") from e
    except OSError as e:
        raise OutputError(f"{out}: cannot write the output ({e.strerror or e})") from e
    try:
        _remove_leftovers(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=parent))
        try:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o777 & ~umask)
            write(tmp)
            _swap(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    except OutputError:
        raise
    except OSError as e:
        raise OutputError(f"{out}: cannot write the output ({e.strerror or e})") from e
    finally:
        lock.release()


def _remove_leftovers(out: Path) -> None:
    """Folders a killed build left behind (we hold the lock, so no build is using them)."""
    for p in out.resolve().parent.glob(f".{glob.escape(out.name)}.*"):
        if p.is_dir() and (".building-" in p.name or ".old-" in p.name):
            shutil.rmtree(p, ignore_errors=True)


def _swap(new: Path, out: Path) -> None:
    """Replace `out` by `new` with two renames; the old output survives until the new one is in place."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        if old is not None:
            os.rename(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
