"""Name keys: the one normalisation shared by the gazetteer index and the text.

Both sides must fold a name the same way, or "Şuşa" in an article would never
meet "Susa" in GeoNames. anyascii does the transliteration (Ş->S, ə->e, ı->i);
what is left here is the punctuation that spellings disagree on.
"""
from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = re.compile(r"[\'\u2018\u2019\u02bc\u02bb\u02b9\u0060\u00b4]")
_INITIALS = re.compile(r"(?<![A-Za-z])([A-Za-z])\.(?=[A-Za-z]\b)")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015./_]+")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
# GeoNames writes "Saint-Etienne" and news copy "St. Etienne": one word either way; and English copy writes
# "St." for the German and Dutch words too ("St. Andrä" for Sankt Andrä, "St. Truiden" for Sint-Truiden)
_SHORT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "sankt": "saint", "sint": "saint"}


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Fold a place name into its look-up key: ASCII, lower case, no apostrophes.

    Hyphens and dots become spaces, so "Nagorno-Karabakh" = "Nagorno Karabakh"
    and "St. Helier" = "Saint Helier" (St, Ste, Mt and Ft are spelt out, Sankt and Sint read as Saint);
    initials close up, so "U.S." = "US".
    Changing this changes every key: bump index.SCHEMA_VERSION with it.
    """
    s = _INITIALS.sub(r"\1", _APOSTROPHES.sub("", name))
    s = anyascii(s).lower()
    s = _APOSTROPHES.sub("", s)
    s = _SEPARATORS.sub(" ", s)
    s = _NON_WORD.sub("", s)
    return " ".join(_SHORT_WORDS.get(w, w) for w in s.split())
