"""The output folder: never half-written, and never at the cost of a file mapgen did not write.

A build writes what is new into a temporary folder beside the target, then
commits it: a first build's folder is renamed into place; a rebuild moves its
new and changed files into the earlier output one rename each, removes the
files no longer made, and puts the new manifest in last. The files it did not
draw again stay where they are, so adding one article to an archive of 10,000
touches a dozen files, not every one (linking each unchanged file into a fresh
folder and removing the old one was most of a rebuild). Before the first
rename the stage records what the commit removes; a commit cut short (the
process killed, the machine down) is finished by the next build, under the
same lock, before anything else, and Ctrl-C or SIGTERM during a commit takes
effect once it is done. An interruption before the commit leaves the previous
output as it was.

Before any work mapgen makes sure the target is its own: absent, empty, or
holding a manifest from an earlier build that lists every file in it, none
edited since. A folder with anything else in it (a reporter's notes, the
articles themselves, a home directory) is refused, with no option to force it;
at the commit, every file replaced or removed is checked again.
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
_COMMIT_MARK = ".mapgen-commit"  # ... and from when it is being moved into place: the files it removes


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
    """What a build tells the manifest beyond the files in its stage: what each reusable file was made
    from (a fingerprint of its inputs), and the digests it already knows: of files it wrote, and of the
    earlier output's files it keeps where they are (those named here and not written into the stage)."""

    made_from: dict[str, str] = field(default_factory=dict)
    sha256: dict[str, str] = field(default_factory=dict)


def write_manifest(folder: Path, written: Written | None = None) -> dict[str, str]:
    """List every file of the output, those written into `folder` and those kept (sorted, with its
    SHA-256: a newsroom can check a copy); returns file -> SHA-256."""
    written = written or Written()
    files = sorted((_files_in(folder) | set(written.sha256)) - {MANIFEST, _BUILDING_MARK, _COMMIT_MARK})
    digests = {f: written.sha256.get(f) or _sha256(folder / f) for f in files}
    manifest = {"generator": "mapgen", "version": __version__, "files": files, "sha256": digests}
    if written.made_from:
        manifest["made_from"] = dict(sorted(written.made_from.items()))
    (folder / MANIFEST).write_text(_indented(manifest) + "\n", encoding="utf-8")
    return digests


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
        if not _as_written(path, digest, since, missing=True):  # (moved out or unreadable: nothing replaced)
            edited.append(relative)
    return edited


def manifest_time(out: Path) -> float:
    """When the manifest of the output at `out` was written (0 without one)."""
    try:
        return (out / MANIFEST).stat().st_mtime
    except OSError:
        return 0.0


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
    _check_path(out)
    if out.is_dir():
        try:
            present = _files_in(out)
            empty = not any(out.iterdir())
        except OSError as e:
            raise OutputError(f"{out}: cannot read the output folder ({e.strerror or e})") from e
        if not empty:
            listed = manifest_files(out)
            if listed is None:
                raise _not_mapgens(out)
            foreign = sorted(present - listed - {MANIFEST})
            if foreign:
                raise _foreign(out, foreign)
            edited = edited_files(out)
            if edited:
                raise _edited(out, edited)
    _check_parent(out)


def _check_path(out: Path) -> None:
    for parent in [out, *out.parents]:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                what = "output path" if parent == out else f"a parent of the output folder ({parent})"
                raise OutputError(f"{out}: {what} is a file, not a folder; choose another --out")
            break
    if out.is_symlink():
        raise OutputError(f"{out}: output folder is a symbolic link; give the real folder or a new name with --out")


def _check_parent(out: Path) -> None:
    parent = out.parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True)
        except OSError as e:
            raise OutputError(f"{parent}: cannot create output folder ({e.strerror or e})") from e
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{parent}: folder is not writable")


def _not_mapgens(out: Path) -> OutputError:
    return OutputError(f"{out}: folder exists and was not made by mapgen (no {MANIFEST}); mapgen replaces only its "
                       "own output: choose a new folder name with --out")


def _foreign(out: Path, foreign: list[str]) -> OutputError:
    return OutputError(f"{out}: holds files mapgen did not write ({foreign[0]}{' and more' if len(foreign) > 1 else ''});"
                       " move them out, or choose a new folder name with --out")


def _edited(out: Path, edited: list[str]) -> OutputError:
    them = "it" if len(edited) == 1 else "them"
    return OutputError(f"{out}: {edited[0]}{' and more' if len(edited) > 1 else ''} changed since mapgen wrote {them} "
                       f"(edited by hand?), and a rebuild would replace {them}: move the edited files out, or choose a "
                       "new folder name with --out")


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
    """The fresh folder a build writes into, the files the earlier output holds (those it may keep where
    they are), and what it tells the manifest (`Written`)."""

    folder: Path
    present: frozenset[str] = frozenset()
    written: Written | None = None


@contextmanager
def staged(out: Path) -> Iterator[Stage]:
    """A fresh folder beside `out` to write into, committed into `out` when the block ends (see the
    module's docstring; the manifest written from `stage.written`), or removed if the block raises; a
    lock is held throughout.

    `out` must be absolute and checked by `check_output`, before the work, which may be long; under the
    lock a commit cut short is finished first, and at the commit each file replaced or removed is checked
    again, as another build (or a person) may have changed the folder meanwhile.
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
        _finish_leftovers(out)
        _check_path(out)
        _check_parent(out)
        first = not out.is_dir() or not any(out.iterdir())
        if not first and manifest_files(out) is None:
            raise _not_mapgens(out)
        present = frozenset() if first else frozenset(_files_in(out))
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        committing = False
        try:
            (tmp / _BUILDING_MARK).write_text("", encoding="utf-8")
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o777 & ~umask)
            stage = Stage(tmp, present)
            yield stage
            files = write_manifest(tmp, stage.written)
            if first:
                (tmp / _BUILDING_MARK).unlink()
                old = _swap(tmp, out)
                if old is not None:
                    shutil.rmtree(old, ignore_errors=True)  # the empty folder that stood there
            else:
                gone = _checked_changes(tmp, out, files, present)
                _write_journal(tmp, gone)
                committing = True  # from here the stage is the next build's to finish, if this one cannot
                (tmp / _BUILDING_MARK).unlink()
                with _uninterrupted():
                    _finish(tmp, out)
        except BaseException:
            if not committing:
                shutil.rmtree(tmp, ignore_errors=True)
            raise
    except OutputError:
        raise
    except OSError as e:
        raise OutputError(f"{out}: cannot write the output ({e.strerror or e})") from e
    finally:
        lock.release()


def _checked_changes(tmp: Path, out: Path, files: dict[str, str], present: frozenset[str]) -> list[str]:
    """Before a rebuild is committed: drop from the stage the files drawn again as the earlier output
    holds them (left as they are), refuse if a file to be replaced or removed is not mapgen's or was
    edited since the earlier build, and return the earlier files no longer made."""
    data = _manifest(out) or {}
    listed, before = set(data.get("files") or ()), data.get("sha256") or {}
    since = manifest_time(out)
    root, stage = os.fspath(out), os.fspath(tmp)
    lost = sorted(f for f in files if f not in present and not os.path.exists(f"{stage}/{f}"))
    if lost:  # a file kept from the earlier output went missing during the build
        raise OutputError(f"{out}: {lost[0]} was removed while mapgen was building; build again")
    changed = []
    for f in sorted(_files_in(tmp) - {MANIFEST, _BUILDING_MARK}):
        if f in listed and before.get(f) == files[f] and _as_written(f"{root}/{f}", files[f], since):
            os.unlink(f"{stage}/{f}")  # the same bytes: the earlier file stays, its time and inode with it
        else:
            changed.append(f)
    gone = sorted(f for f in listed - set(files) - {MANIFEST})
    foreign, edited = [], []
    for f in changed + gone:
        path = f"{root}/{f}"
        if not os.path.lexists(path):
            continue
        if f not in listed:
            foreign.append(f)
        elif not isinstance(before.get(f), str) or not _as_written(path, before[f], since):
            edited.append(f)
    if foreign:
        raise _foreign(out, foreign)
    if edited:
        raise _edited(out, edited)
    return gone


def _as_written(path: str, sha256: str, since: float, missing: bool = False) -> bool:
    """Whether the file at `path` is the one whose SHA-256 the manifest written at `since` gives: not
    changed since, or changed to the same bytes (a copy tool's touch); `missing` if it cannot be read."""
    try:
        return os.stat(path).st_mtime <= since or _sha256(path) == sha256
    except OSError:
        return missing


def _write_journal(tmp: Path, gone: list[str]) -> None:
    """Mark the stage as committing, with the files the commit removes: from here, finishing it is safe."""
    part = tmp / (_COMMIT_MARK + ".part")
    part.write_text(json.dumps({"remove": gone}), encoding="utf-8")
    os.replace(part, tmp / _COMMIT_MARK)


def _finish(tmp: Path, out: Path) -> None:
    """Move a committing stage's files into `out`, remove the files it lists as gone, put its manifest in
    last, and remove the stage. Each step may be done again: a commit cut short is finished by this."""
    gone = json.loads((tmp / _COMMIT_MARK).read_text(encoding="utf-8"))["remove"]
    root, stage = os.fspath(out), os.fspath(tmp)
    os.makedirs(root, exist_ok=True)
    for f in sorted(_files_in(tmp) - {MANIFEST, _COMMIT_MARK}):
        target = f"{root}/{f}"
        try:
            os.replace(f"{stage}/{f}", target)
        except FileNotFoundError:  # the first into its folder
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(f"{stage}/{f}", target)
    for f in gone:
        try:
            os.unlink(f"{root}/{f}")
        except FileNotFoundError:
            pass
        folder = os.path.dirname(f)
        while folder:  # a folder emptied (an overview no longer in files of its own) goes too
            try:
                os.rmdir(f"{root}/{folder}")
            except OSError:
                break
            folder = os.path.dirname(folder)
    if os.path.exists(f"{stage}/{MANIFEST}"):
        os.replace(f"{stage}/{MANIFEST}", f"{root}/{MANIFEST}")
    shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM take effect once the block is done (a commit takes milliseconds; what it
    leaves half-done, the next build would finish, but the folder would be half old until then)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    handlers = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        handlers[sig] = signal.signal(sig, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if caught:
            signal.raise_signal(caught[0])


def finish_interrupted(out: Path) -> None:
    """Finish a commit into `out` that a killed build left half-done, before the folder is checked (its
    new files are newer than the earlier manifest, and would look edited by hand). Nothing to do if
    another build holds the lock: it finishes it, and this one will be refused."""
    from filelock import Timeout

    try:
        with lock_for(out).acquire(timeout=0):
            _finish_leftovers(out)
    except (Timeout, OSError):
        pass


def _finish_leftovers(out: Path) -> None:
    """Finish a commit a killed build left (its stage marked as committing), then remove the folders
    killed builds left before their commit, recognised by mapgen's own mark inside them (we hold the
    lock, so no build is using them); a folder of the same shape without a mark is not touched."""
    import glob

    for p in sorted(out.parent.glob(f".{glob.escape(out.name)}.*")):
        if not p.is_dir() or p.is_symlink():
            continue
        if ".building-" in p.name and (p / _COMMIT_MARK).is_file():
            ours = not os.path.lexists(out) or (
                out.is_dir() and not out.is_symlink() and (is_mapgen_output(out) or not any(out.iterdir())))
            if ours:
                _finish(p, out)
            else:  # the folder is no longer mapgen's: nothing of the stage goes into it
                shutil.rmtree(p, ignore_errors=True)
        elif (".building-" in p.name and (p / _BUILDING_MARK).is_file()) or (".old-" in p.name and is_mapgen_output(p)):
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
