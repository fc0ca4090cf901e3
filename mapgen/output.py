"""The output folder: written whole or not at all, and never at the cost of a file mapgen did not write.

A build writes into a temporary folder beside the target and swaps it in at
the end, so an interrupted build leaves the previous output as it was. The
swap replaces the target folder, so before any work mapgen makes sure that
folder is its own: absent, empty, or holding a manifest from an earlier build
that lists every file in it. A folder with anything else in it (a reporter's
notes, the articles themselves, a home directory) is refused, with no option
to force it.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mapgen import __version__
from mapgen.errors import OutputError

MANIFEST = "mapgen-manifest.json"
_BUILDING_MARK = ".mapgen-building"  # inside a temporary folder, so a leftover is known to be mapgen's


def _manifest(folder: Path) -> dict | None:
    """The manifest in `folder`, parsed, or None. A build asks four times (checking the folder before
    and under the lock, then what it may take over), and an archive's manifest is megabytes: parsed
    once for as long as the file stays the same one (inode, size and times)."""
    path = os.path.join(folder, MANIFEST)
    try:
        st = os.stat(path)
    except OSError:
        return None
    return _parsed(path, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@lru_cache(maxsize=4)
def _parsed(path: str, *state: int) -> dict | None:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def manifest_files(folder: Path) -> set[str] | None:
    """The files a manifest in `folder` says mapgen wrote there, or None if it holds no mapgen manifest."""
    data = _manifest(folder)
    if data is None or data.get("generator") != "mapgen" or not isinstance(data.get("files"), list):
        return None
    return {f for f in data["files"] if isinstance(f, str)}


def is_mapgen_output(folder: Path) -> bool:
    return manifest_files(folder) is not None


@dataclass
class Written:
    """What a build tells the manifest beyond the files themselves: what each reusable file was made
    from (a fingerprint of its inputs), and the digests of files it took over from the earlier output."""

    made_from: dict[str, str] = field(default_factory=dict)
    sha256: dict[str, str] = field(default_factory=dict)


def write_manifest(folder: Path, written: Written | None = None) -> None:
    """List every file written into `folder` (sorted, with its SHA-256: a newsroom can check a copy)."""
    written = written or Written()
    files = sorted(_files_in(folder))
    files = [f for f in files if f not in (MANIFEST, _BUILDING_MARK)]
    digests = {f: written.sha256.get(f) or _sha256(folder / f) for f in files}
    manifest = {"generator": "mapgen", "version": __version__, "files": files, "sha256": digests}
    if written.made_from:
        manifest["made_from"] = dict(sorted(written.made_from.items()))
    (folder / MANIFEST).write_text(_indented(manifest) + "\n", encoding="utf-8")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _indented(value: object, level: int = 1) -> str:
    """json.dumps(value, ensure_ascii=False, indent=1) for dicts and lists of strings, each string
    through the C encoder: with an indent, json encodes in Python, and an archive's manifest lists
    tens of thousands of files twice."""
    if isinstance(value, dict) and value:
        pad = "\n" + " " * level
        return "{" + pad + ("," + pad).join(
            f"{_ENCODE(k)}: {_ENCODE(v) if type(v) is str else _indented(v, level + 1)}" for k, v in value.items()
        ) + "\n" + " " * (level - 1) + "}"
    if isinstance(value, list) and value:
        pad = "\n" + " " * level
        return "[" + pad + ("," + pad).join(
            _ENCODE(v) if type(v) is str else _indented(v, level + 1) for v in value
        ) + "\n" + " " * (level - 1) + "]"
    return _ENCODE(value)


def digests(folder: Path, relatives: Iterable[str]) -> dict[str, str]:
    """The SHA-256 of these files under `folder`, for the manifest: computed by the process that wrote
    them, while they are fresh in the page cache, and beside the other writers."""
    root = os.fspath(folder)
    return {f: _sha256(f"{root}/{f}") for f in relatives}


def _sha256(path: str | Path) -> str:
    """Read in blocks: an archive's events.geojson is hundreds of MB."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def earlier_manifest(out: Path) -> tuple[dict[str, str], dict[str, str]]:
    """What the manifest of the output at `out` says of its files: (file -> what it was made from, for
    those a build may take over; file -> SHA-256), both empty without one. (`check_output`, under the
    build's lock, has refused the output if any file was edited since.)"""
    try:
        data = _manifest(out) or {}
        made_from, digests = data.get("made_from") or {}, data.get("sha256") or {}
        return ({f: m for f, m in made_from.items() if isinstance(f, str) and isinstance(m, str)},
                {f: d for f, d in digests.items() if isinstance(f, str) and isinstance(d, str)})
    except (OSError, ValueError, AttributeError):
        return {}, {}


def edited_files(out: Path) -> list[str]:
    """Files of an earlier output that are no longer what mapgen wrote (a desk's hand edit): those changed
    after the manifest was written, and whose SHA-256 the manifest no longer gives. Most are only looked at."""
    try:
        since = (out / MANIFEST).stat().st_mtime
        digests = (_manifest(out) or {}).get("sha256")
    except OSError:
        return []
    if not isinstance(digests, dict):
        return []
    edited, root = [], os.fspath(out)
    for relative, digest in sorted(digests.items()):
        path = f"{root}/{relative}"  # not Paths, nor os.path.join: an archive's output has tens of thousands
        try:
            if os.stat(path).st_mtime > since and _sha256(path) != digest:
                edited.append(relative)
        except OSError:
            continue  # moved out or unreadable: nothing of the desk's is replaced
    return edited


def manifest_time(out: Path) -> float:
    """When the manifest of the output at `out` was written (0 without one)."""
    try:
        return (out / MANIFEST).stat().st_mtime
    except OSError:
        return 0.0


def take_over(earlier: Path, folder: Path, relative: str, sha256: str, since: float) -> bool:
    """Link `relative` from the earlier output into `folder` if it is still the file that output wrote
    (a hand-edited page is drawn again, not carried over); False when it cannot be. A file no newer
    than the earlier manifest (written at `since`, see `manifest_time`) is what the manifest lists, as
    `edited_files` has it."""
    try:
        source, target = f"{earlier}/{relative}", f"{folder}/{relative}"  # (POSIX paths work everywhere)
        if os.stat(source).st_mtime > since and _sha256(source) != sha256:
            return False
        try:
            os.link(source, target)
        except FileNotFoundError:  # the first into its folder
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(source, target)
        return True
    except OSError:
        return False


def _files_in(folder: Path) -> set[str]:
    """Every file under `folder`, as a relative POSIX path (os.walk: an archive's output has tens of thousands)."""
    found = set()
    for root, dirs, files in os.walk(folder, onerror=_raise):
        rel = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found.update(prefix + f for f in files)
        found.update(prefix + d for d in dirs if os.path.islink(os.path.join(root, d)))
    return found


def _raise(e: OSError) -> None:
    raise e


def check_output(out: Path) -> None:
    """Refuse, before any work, an output path that cannot be used or is not mapgen's to replace."""
    for parent in [out, *out.parents]:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                what = "output path" if parent == out else f"a parent of the output folder ({parent})"
                raise OutputError(f"{out}: {what} is a file, not a folder; choose another --out")
            break
    if out.is_symlink():
        raise OutputError(f"{out}: output folder is a symbolic link; give the real folder or a new name with --out")
    if out.is_dir():
        try:
            present = _files_in(out)
            empty = not any(out.iterdir())
        except OSError as e:
            raise OutputError(f"{out}: cannot read the output folder ({e.strerror or e})") from e
        if not empty:
            listed = manifest_files(out)
            if listed is None:
                raise OutputError(
                    f"{out}: folder exists and was not made by mapgen (no {MANIFEST}); mapgen replaces only its own "
                    f"output: choose a new folder name with --out"
                )
            foreign = sorted(present - listed - {MANIFEST})
            if foreign:
                raise OutputError(
                    f"{out}: holds files mapgen did not write ({foreign[0]}{' and more' if len(foreign) > 1 else ''});"
                    " move them out, or choose a new folder name with --out"
                )
            edited = edited_files(out)
            if edited:
                raise OutputError(
                    f"{out}: {edited[0]}{' and more' if len(edited) > 1 else ''} changed since mapgen wrote "
                    f"{'it' if len(edited) == 1 else 'them'} (edited by hand?), and a rebuild would replace "
                    f"{'it' if len(edited) == 1 else 'them'}: move the edited files out, or choose a new folder name "
                    "with --out"
                )
    parent = out.parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True)
        except OSError as e:
            raise OutputError(f"{parent}: cannot create output folder ({e.strerror or e})") from e
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{parent}: folder is not writable")


def _lock_path(out: Path) -> Path:
    """Locks live in mapgen's cache, not beside the user's files: nothing is left in their folders."""
    from mapgen.gazetteer.index import cache_dir

    digest = hashlib.sha256(str(out).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_dir() / "locks" / f"{digest}.lock"


def lock_for(out: Path):
    """The lock that keeps two builds from writing one output folder."""
    from filelock import FileLock

    path = _lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{path.parent}: cannot create mapgen's lock folder ({e.strerror or e})") from e
    return FileLock(str(path))


@dataclass
class Stage:
    """The fresh folder a build writes into, and what it tells the manifest (`Written`)."""

    folder: Path
    written: Written | None = None


@contextmanager
def staged(out: Path, discard: Callable[[Path], None] | None = None) -> Iterator[Stage]:
    """A fresh folder beside `out` to write into, swapped in when the block ends (its manifest written
    from `stage.written`), or removed if the block raises; a lock is held throughout.

    `out` must be absolute and checked by `check_output`; it is checked again under the lock, as
    another build (or a person) may have changed it since. The replaced output is removed at once,
    or handed to `discard` (which must have removed it before this is called again for `out`).
    """
    from filelock import Timeout

    lock = lock_for(out)
    try:
        lock.acquire(timeout=0)
    except Timeout as e:
        raise OutputError(f"{out}: another mapgen build is writing this folder") from e
    except OSError as e:
        raise OutputError(f"{out}: cannot write the output ({e.strerror or e})") from e
    try:
        check_output(out)
        _remove_leftovers(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        try:
            (tmp / _BUILDING_MARK).write_text("", encoding="utf-8")
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o777 & ~umask)
            stage = Stage(tmp)
            yield stage
            (tmp / _BUILDING_MARK).unlink()
            write_manifest(tmp, stage.written)
            old = _swap(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if old is not None:
            (discard or remove_replaced)(old)
    except OutputError:
        raise
    except OSError as e:
        raise OutputError(f"{out}: cannot write the output ({e.strerror or e})") from e
    finally:
        lock.release()


def remove_replaced(folder: Path) -> None:
    """Remove an output `_swap` replaced (named by mapgen, holding only what mapgen wrote)."""
    shutil.rmtree(folder, ignore_errors=True)


def _remove_leftovers(out: Path) -> None:
    """Folders a killed build left behind, recognised by mapgen's own mark inside them (we hold the lock,
    so no build is using them); a folder of the same shape without the mark is not touched."""
    import glob

    for p in out.parent.glob(f".{glob.escape(out.name)}.*"):
        if not p.is_dir() or p.is_symlink():
            continue
        if (".building-" in p.name and (p / _BUILDING_MARK).is_file()) or (".old-" in p.name and is_mapgen_output(p)):
            shutil.rmtree(p, ignore_errors=True)


def _swap(new: Path, out: Path) -> Path | None:
    """Replace `out` by `new` with two renames; the old output survives until the new one is in place,
    and is returned (None when there was none)."""
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
    return old
