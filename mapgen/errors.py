"""Typed errors. Stages raise these; only the CLI turns them into one-line messages."""

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(name: str) -> str:
    """A file name safe to print on one line: control characters shown as escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(name))


class MapgenError(Exception):
    """Root of every error mapgen raises on purpose."""


class InputError(MapgenError, ValueError):
    """An input path or article cannot be used as given."""


class ArticleSkipped(InputError):
    """One article cannot be read; the build goes on without it."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{printable(path)}: {reason}")
        self.path = path
        self.reason = reason


class OutputError(MapgenError, OSError):
    """The output folder cannot be written."""


class CacheError(MapgenError, RuntimeError):
    """The result cache lost what a build had put into it (deleted while the build ran)."""


class GazetteerError(MapgenError, RuntimeError):
    """The gazetteer index or its sources are missing or broken."""


class GeocodeError(MapgenError, RuntimeError):
    """An opt-in online look-up failed or found nothing."""
