"""The local gazetteer behind one small interface: `Gazetteer.lookup(name)`.

Where entries come from is one module each (GeoNames cities and countries,
first-level subdivisions, counties and other second-level areas, the curated
file); `index` folds them into a SQLite file once, so a build
opens it in milliseconds instead of parsing 80 MB of JSON.
"""
from mapgen.gazetteer.index import Gazetteer, default_index_path, open_gazetteer

__all__ = ["Gazetteer", "default_index_path", "open_gazetteer"]
