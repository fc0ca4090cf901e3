"""Input discovery: which files under the given paths are articles, and what each is called.

Only article formats are read (see `formats`); hidden files, lock files, a
folder's settings and corrections, and any earlier mapgen output (known by its
manifest) are never taken for articles, so a build into a folder inside its
input cannot feed on its own pages. Every other file is skipped with a reason.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mapgen.errors import InputError, OutputError
from mapgen.formats import ARTICLE_SUFFIXES
from mapgen.output import is_mapgen_output

SETTINGS_FILES = frozenset({"mapgen.toml", "corrections.csv"})


@dataclass(frozen=True, slots=True)
class InputFile:
    name: str  # relative to the input folder it was found in (what the data publishes), POSIX-style
    shown: str  # as the user would write it (what messages say), and where to read it

    @property
    def path(self) -> Path:
        return Path(self.shown)


def _is_article(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


def _unknown(p: Path, shown: str) -> tuple[str, str]:
    what = f"a {p.suffix.lower()} file" if p.suffix else "a file without an extension"
    return shown, f"{what} is not an article format (mapgen reads {', '.join(ARTICLE_SUFFIXES)})"


def check_inputs_and_output(inputs: Iterable[Path], out: Path) -> None:
    """The output may sit inside an input folder (it is then never read), but may not be an input,
    hold one, or be the folder the user is working in."""
    out = out.resolve()
    for given in inputs:
        src = Path(given).resolve()
        if src == out:
            raise OutputError(f"{out}: --out is the input folder itself; choose a new folder name with --out")
        if out in src.parents:
            raise OutputError(f"{out}: --out holds the input {given}; choose a new folder name with --out")
    cwd = Path.cwd().resolve()
    if out == cwd or out in cwd.parents:
        raise OutputError(f"{out}: --out is the folder you are working in (or holds it); choose a new folder name")


def input_files(inputs: Iterable[Path], out: Path | None = None) -> tuple[list[InputFile], list[tuple[str, str]]]:
    """Every article under the inputs, in a stable order, and (file, reason) for each file passed over."""
    found: list[InputFile] = []
    passed: list[tuple[str, str]] = []
    skip_dir = out.resolve() if out is not None else None
    for given in inputs:
        given = Path(given)
        if given.is_dir() and is_mapgen_output(given):
            raise InputError(f"{given}: is an earlier mapgen output, not a folder of articles; give the articles' folder")
        if given.is_dir():
            root = str(given)
            for rel in _walk(root, "", skip_dir):
                shown = os.path.join(root, rel)
                if _is_article(rel):
                    found.append(InputFile(rel, shown))
                elif rel.rpartition("/")[2] not in SETTINGS_FILES:
                    passed.append(_unknown(Path(shown), shown))
        elif given.is_file():
            if _is_article(given.name):
                found.append(InputFile(given.name, str(given)))
            else:
                passed.append(_unknown(given, str(given)))
        elif given.exists():
            raise InputError(f"{given}: not a regular file or folder")
        else:
            raise InputError(f"{given}: no such file or folder")
    return found, passed


def _walk(root: str, under: str, skip: Path | None) -> list[str]:
    """Regular files in the folder `under` of `root` (relative, POSIX-style), sorted; hidden entries,
    earlier outputs and `skip` left out (os.scandir and strings: an archive has tens of thousands)."""
    folder = os.path.join(root, under)
    out: list[str] = []
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as e:
        raise InputError(f"{folder}: cannot list the folder ({e.strerror or e})") from e
    for e in entries:
        if e.name.startswith(".") or e.name.endswith((".lock", "~")):
            continue
        rel = f"{under}/{e.name}" if under else e.name
        if e.is_dir():
            p = Path(e.path)
            if e.is_symlink() or (skip is not None and p.resolve() == skip) or is_mapgen_output(p):
                continue
            out.extend(_walk(root, rel, skip))
        elif e.is_file():
            out.append(rel)
    return out
