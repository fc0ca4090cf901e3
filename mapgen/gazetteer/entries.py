"""What every gazetteer source yields: one entry and the names it answers to."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    population: int = 0
    admin1: str = ""
    alternates: tuple[str, ...] = ()  # other spellings of the name: "Shushi", "Fuzuli"
    other_names: tuple[str, ...] = ()  # former, foreign or nick-names: "Stepanakert", "Bombay"
    codes: tuple[str, ...] = ()  # abbreviations matched only in their exact written form


def populated_kind(population: int, is_capital: bool) -> str:
    """A rough GeoNames-free class for a populated place, for styling and priors."""
    if is_capital:
        return "capital"
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"
