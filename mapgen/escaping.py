"""Escaping for everything mapgen writes into a page: article text and file names are data, never markup.

One module so the map pages and the embed snippets cannot drift apart in
what they consider safe.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

from markupsafe import Markup


def text(value: object) -> str:
    """Article text or a file name, made safe for HTML and for any script or template literal it may end up in."""
    return _escaped(value if type(value) is str else str(value))


_UNSAFE = re.compile(r"[&<>\"'\\`${}]")


@lru_cache(maxsize=1 << 16)  # a sentence is shown on every map of its article's places: escaped once
def _escaped(s: str) -> str:
    if _UNSAFE.search(s) is None:
        return s
    return (
        html.escape(s, quote=True)
        .replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")
        .replace("{", "&#123;").replace("}", "&#125;")
    )


def script_json(value: object) -> Markup:
    """JSON that cannot close the <script> element it sits in (marked safe for Jinja: it is already escaped)."""
    return Markup(script_json_text(value))


def script_json_text(value: object) -> str:
    """What `script_json` gives, as text: every escape stands for one character, so pieces escaped
    apart and put together are the whole escaped at once."""
    return (
        _ENCODE(value)
        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # json.dumps makes one a call

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(_FORMULA_START)


def csv_cell(value: object) -> object:
    """A CSV cell as pandas writes it (lists as "a|b", None empty), never a formula: spreadsheets run a
    cell that starts with "=", and article text and names must stay text."""
    if type(value) is str:  # most cells, asked first: an archive's CSV files have millions
        return "'" + value if value[:1] in _FORMULA_FIRST else value
    if value is None:
        return ""
    if isinstance(value, list):
        return csv_cell("|".join(value))
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return value
