"""Typed errors. Stages raise these; only the CLI turns them into one-line messages."""


class MapgenError(Exception):
    """Root of every error mapgen raises on purpose."""


class InputError(MapgenError, ValueError):
    """An input path or article cannot be used as given."""


class ArticleSkipped(InputError):
    """One article cannot be read; the build goes on without it."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class OutputError(MapgenError, OSError):
    """The output folder cannot be written."""


class GazetteerError(MapgenError, RuntimeError):
    """The gazetteer index or its sources are missing or broken."""


class GeocodeError(MapgenError, RuntimeError):
    """An opt-in online look-up failed or found nothing."""
