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

import math
import pickle
import re
import unicodedata
from functools import lru_cache
from importlib import metadata
from pathlib import Path

_PACKAGES = ("gender-guesser", "english-words", "wordfreq")
_FORMAT = "4"  # bump when what is derived changes
FREQUENT_FROM = 3.0  # frequent_words() holds every English word at least this frequent (Zipf scale)


def given_names() -> dict[str, str]:
    """Lower-cased given name -> gender-guesser's answer for it ("male", "mostly_female", "andy")."""
    return _derived()["given_names"]


def dictionary_words() -> frozenset[str]:
    """Lower-case entries of Webster's Second and GCIDE (proper nouns there are capitalised) that are frequent
    words too (or not in ASCII): the extractor asks only whether a frequent word is also in the dictionary, and
    the other 190,000 entries took most of the time these lists take to load."""
    return _derived()["dictionary"]


def frequent_words() -> dict[str, float]:
    """Lower-case word -> wordfreq's Zipf frequency in English, for every word of FREQUENT_FROM or more
    (about 29,000; rarer words are most place names, and need no look-up to be rare)."""
    return _derived()["frequent"]


_DOTTED = re.compile(r"(?:[a-z]\.){2,}")
_LATIN = r"[a-z\u00aa\u00b5\u00ba\u00df-\u00f6\u00f8-\u024f\u1e00-\u1eff]"  # lower-case Latin letters
_APOSTROPHES = "'\u2018\u2019"  # within a word to Unicode's word-break rules (not U+201A, U+201B)
_LATIN_WORD = re.compile(rf"{_LATIN}+(?:[{_APOSTROPHES}]{_LATIN}+)*")
# wordfreq's tokenizer splits a French elision off a word, a straight apostrophe only: "l'hay" is "l", "hay"
_ELISION = re.compile(rf"{_LATIN}{{1,2}}'(?=[aehiouyáéíóúàèìòùâêîôûåïöœ])")
_UNCURLED = str.maketrans(dict.fromkeys(_APOSTROPHES, "'"))


@lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """wordfreq's `zipf_frequency(word, "en")` wherever that is FREQUENT_FROM or more, and some smaller figure
    where it is less, without wordfreq's own tables (0.1 s to load, 0.1 s more to import wordfreq).

    wordfreq splits a word of Latin letters and apostrophes as `_tokens` does (Unicode's word-break rules
    join letters across an apostrophe; a French elision is split off), and "U.S." is the token "u.s"; only
    a word in another script, or with digits (which the extractor never asks about), needs wordfreq itself.
    The frequency of several tokens is combined as wordfreq does, from their raw frequencies: if one of
    them is rarer than FREQUENT_FROM, so is the whole."""
    low = word.lower()
    known = frequent_words().get(low)
    if known is not None:
        return known
    folded = unicodedata.normalize("NFC", low).casefold()
    if _DOTTED.fullmatch(folded):
        tokens = [folded[:-1]]
    elif _LATIN_WORD.fullmatch(folded):
        tokens = _tokens(folded)
    else:  # another script, digits: wordfreq's own tokenizer and tables
        from wordfreq import zipf_frequency

        return zipf_frequency(low, "en")
    raw = _derived()["raw"]
    if not tokens or any(t not in raw for t in tokens):
        return 0.0
    freq = 1.0 / sum(1.0 / raw[t] for t in tokens)
    rounded = round(freq, math.floor(-math.log(freq, 10)) + 3)  # as wordfreq rounds, to 3 significant digits
    return round(math.log(rounded, 10) + 9, 2)


def _tokens(folded: str) -> list[str]:
    """wordfreq's tokens of a Latin word, case-folded (tests compare them with its tokenizer's)."""
    tokens = []
    while elision := _ELISION.match(folded):
        tokens.append(elision.group()[:-1])
        folded = folded[elision.end():]
    tokens.append(folded)
    return [t.translate(_UNCURLED) for t in tokens]


def _derive() -> dict:
    import gender_guesser.detector
    from english_words import get_english_words_set

    from wordfreq import get_frequency_dict, iter_wordlist, zipf_frequency

    detector = gender_guesser.detector.Detector(case_sensitive=False)
    raw_frequencies = get_frequency_dict("en")
    frequent, raw = {}, {}
    for word in iter_wordlist("en"):  # most frequent first
        zipf = zipf_frequency(word, "en")
        if zipf < FREQUENT_FROM:
            break
        frequent[word], raw[word] = zipf, raw_frequencies[word]
    return {
        "frequent": frequent,
        "raw": raw,
        "given_names": {name: detector.get_gender(name) for name in detector.names},
        "dictionary": frozenset(w for w in get_english_words_set(["web2", "gcide"], lower=False, alpha=True)
                                if w.islower() and (w in frequent or not w.isascii())),
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
    from mapgen.housekeeping import keep

    keep(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    return data
