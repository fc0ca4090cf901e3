"""English words and given names, as the extractor asks about them, derived once from their packages.

gender-guesser parses a 61,000-line text file and english-words reads two word
lists: half a second in every process that analyses articles, as long as
analysing a hundred of them. What the extractor needs of them (each given name's
gender, the lower-case dictionary words) is derived once, kept in mapgen's cache
folder under the packages' versions, and read back in a few milliseconds. A cache
that cannot be written only means deriving them again.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

_PACKAGES = ("gender-guesser", "english-words")
_FORMAT = "1"  # bump when what is derived changes


def given_names() -> dict[str, str]:
    """Lower-cased given name -> gender-guesser's answer for it ("male", "mostly_female", "andy")."""
    return _derived()["given_names"]


def dictionary_words() -> frozenset[str]:
    """Lower-case entries of Webster's Second and GCIDE (proper nouns there are capitalised)."""
    return _derived()["dictionary"]


def _derive() -> dict:
    import gender_guesser.detector
    from english_words import get_english_words_set

    detector = gender_guesser.detector.Detector(case_sensitive=False)
    return {
        "given_names": {name: detector.get_gender(name) for name in detector.names},
        "dictionary": frozenset(w for w in get_english_words_set(["web2", "gcide"], lower=False, alpha=True)
                                if w.islower()),
    }


def _path() -> Path:
    from mapgen.gazetteer.index import cache_dir

    versions = []
    for name in _PACKAGES:
        try:
            versions.append(f"{name}-{metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}-none")
    return cache_dir() / f"words-{_FORMAT}-{'-'.join(versions)}.pickle"


@lru_cache(maxsize=1)
def _derived() -> dict:
    path = _path()
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        pass
    data = _derive()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".words-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError:
        pass
    return data
