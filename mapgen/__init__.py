"""mapgen: news articles in, maps of the places they name out."""

__version__ = "0.2.0"
