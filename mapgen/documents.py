"""Documents: article files read into text, with an id, a title and a date.

Reading is where hostile input arrives, so every reason an article cannot be
used becomes an `ArticleSkipped` naming the file: the build goes on without it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from mapgen.dates import article_date
from mapgen.errors import ArticleSkipped
from mapgen.model import Document

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*\n?")
_MAGIC = {
    b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)", b"\xd0\xcf\x11\xe0": "an old Word/Excel file",
    b"\x1f\x8b": "a gzip archive", b"\x7fELF": "a program",
}
_TITLE_MAX = 140
LEGACY_ENCODINGS = [
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "iso8859_15", "iso8859_2", "koi8_r", "mac_roman",
]


def source_id(sha256: str) -> str:
    """Stable id for an article: the start of its content hash, so the same text gets the same id anywhere."""
    return sha256[:16]


def decode(data: bytes, path: str) -> str:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ArticleSkipped(path, f"looks like {what}, not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ArticleSkipped(path, f"broken UTF-16 text ({e.reason})") from e
    if b"\x00" in data[:8192]:
        raise ArticleSkipped(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # Short texts leave charset-normalizer torn between near-identical code pages
    # (cp1252 vs the DOS cp775); newsroom files that are not Unicode come from
    # Windows or ISO code pages, so those are asked first, and everything after.
    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best() or from_bytes(data).best()
    if best is None:
        raise ArticleSkipped(path, "cannot be decoded as text in any known encoding")
    return str(best)


def _title(body: str, fallback: str) -> str:
    for line in body.splitlines():
        line = " ".join(line.split())
        if line:
            if len(line) <= _TITLE_MAX:
                return line
            cut = line[:_TITLE_MAX].rsplit(" ", 1)[0]
            return cut.rstrip(",;:") + "\u2026"
    return fallback


def parse(data: bytes, path: str) -> Document:
    """Turn one file's bytes into a Document (pure: the same bytes give the same Document)."""
    if not data.strip():
        raise ArticleSkipped(path, "empty file")
    sha = hashlib.sha256(data).hexdigest()
    text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    control = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\t\f\v")
    if control > 0.05 * min(len(text), 4096):
        raise ArticleSkipped(path, "binary file, not text")
    if not text.strip():
        raise ArticleSkipped(path, "empty file")
    date, date_source = None, "unknown"
    marker = _DATE_MARKER.match(text)
    if marker:
        try:
            date, date_source = dt.date.fromisoformat(marker.group(1)), "marker"
            text = text[marker.end():]
        except ValueError:
            pass  # "date 2020-13-45": not a date marker, leave the text alone
    if date is None:
        found = article_date(text)
        date, date_source = found.date, found.source
    name = Path(path).stem or path
    return Document(
        id=source_id(sha), path=path, title=_title(text, name), text=text, sha256=sha,
        date=date, date_source=date_source,
    )


def read_document(path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    shown = display or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleSkipped(shown, f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit (--max-size)")
        data = path.read_bytes()
    except OSError as e:
        raise ArticleSkipped(shown, f"cannot be read ({e.strerror or e})") from e
    return parse(data, shown)
