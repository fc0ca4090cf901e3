"""Curated gazetteer data shipped with mapgen (installed as `mapgen.gazetteer_data`).

See README.md beside this file for what is here and how the index is built.
"""
