"""English words and given names, as the extractor asks about them, derived once from their packages.

gender-guesser parses a 61,000-line text file, english-words reads two word
lists and wordfreq loads its English list: most of a second in every process that
analyses articles, as long as analysing a few hundred of them. What the extractor
needs of them (each given name's gender, the lower-case dictionary words, the
frequencies of the frequent words) is derived once, kept in mapgen's cache folder
under the packages' versions, and read back in a few milliseconds. A cache that
cannot be written only means deriving them again.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

_PACKAGES = ("gender-guesser", "english-words", "wordfreq")
_FORMAT = "2"  # bump when what is derived changes
FREQUENT_FROM = 3.0  # frequent_words() holds every English word at least this frequent (Zipf scale)


def given_names() -> dict[str, str]:
    """Lower-cased given name -> gender-guesser's answer for it ("male", "mostly_female", "andy")."""
    return _derived()["given_names"]


def dictionary_words() -> frozenset[str]:
    """Lower-case entries of Webster's Second and GCIDE (proper nouns there are capitalised)."""
    return _derived()["dictionary"]


def frequent_words() -> dict[str, float]:
    """Lower-case word -> wordfreq's Zipf frequency in English, for every word of FREQUENT_FROM or more
    (about 29,000; rarer words are most place names, and need no look-up to be rare)."""
    return _derived()["frequent"]


def _derive() -> dict:
    import gender_guesser.detector
    from english_words import get_english_words_set

    from wordfreq import iter_wordlist, zipf_frequency

    detector = gender_guesser.detector.Detector(case_sensitive=False)
    frequent = {}
    for word in iter_wordlist("en"):  # most frequent first
        zipf = zipf_frequency(word, "en")
        if zipf < FREQUENT_FROM:
            break
        frequent[word] = zipf
    return {
        "frequent": frequent,
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
