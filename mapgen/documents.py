"""Documents: article files read into text, with an id, a title and a date.

Reading is where hostile input arrives, so every reason an article cannot be
used becomes an `ArticleSkipped` naming the file: the build goes on without it.
"""
from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath

from mapgen.cache import squeeze, unsqueeze
from mapgen.dates import article_date
from mapgen.errors import ArticleSkipped
from mapgen.formats import read_as
from mapgen.model import Document

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_MAGIC = {
    b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)", b"\xd0\xcf\x11\xe0": "an old Word/Excel file",
    b"\x1f\x8b": "a gzip archive", b"\x7fELF": "a program",
}
TITLE_MAX = 120
_CONTROL = re.compile(r"[\x00-\x08\x0d-\x1f]")  # control characters but tab, newline, \v and \f
LEGACY_ENCODINGS = [
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "iso8859_15", "iso8859_2", "koi8_r", "mac_roman",
]


def source_id(sha256: str) -> str:
    """Stable id for an article: the start of its content hash, so the same text gets the same id anywhere."""
    return sha256[:16]


def _likeliest(matches):
    """Of the code pages that read the bytes about equally well, the one newsrooms use most: a
    Portuguese "São" is as plausible in cp1250 ("Săo") to charset-normalizer, but far likelier in cp1252."""
    found = [m for m in matches if m.encoding in LEGACY_ENCODINGS]
    if not found:
        return None
    least = min(m.chaos for m in found)
    return min((m for m in found if m.chaos <= least + 0.05), key=lambda m: LEGACY_ENCODINGS.index(m.encoding))


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
    best = _likeliest(from_bytes(data, cp_isolation=LEGACY_ENCODINGS)) or from_bytes(data).best()
    if best is None:
        raise ArticleSkipped(path, "cannot be decoded as text in any known encoding")
    return str(best)


_NOT_A_HEADLINE = re.compile(
    r"^(?:photo|image|picture|video|credit|caption|file photo|by|posted|updated|published|share|advertisement"
    r"|listen|watch|read more|subscribe)\b|^[\W\d_]*$",
    re.IGNORECASE,
)
# a line that is only a dateline: "BAKU, Azerbaijan, Nov. 8", "GENEVA, 25 November 2020 —"
_DATELINE_ONLY = re.compile(
    r"^[A-Z][\w .'\-]+(?:, [A-Z][\w.]+){0,2},? (?:\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"(?: \d{1,2})?(?:,? \d{4})?\s*(?:\(\w[\w .]*\))?\s*[\u2014\u2013-]*$"
)
_SENTENCE_END = re.compile(r"(?<=[a-z\u00df-\u024f)\]\"'\u201d])[.!?](?=\s)")


def choose_title(body: str, fallback: str) -> str:
    """A headline for an article without one in its metadata: the first line that reads like one.

    Credit, byline and caption lines ("Photo credit: ...", "By Staff Reporter") and lines of
    punctuation are passed over; a first line that is a whole paragraph gives its first
    sentence, and anything still too long is cut at a word, never inside one.
    """
    for n, line in enumerate(body.splitlines()):
        if n > 12:
            break
        line = " ".join(line.split())
        if len(line) < 3 or _NOT_A_HEADLINE.match(line) or _DATELINE_ONLY.match(line):
            continue
        return shorten(line)
    return fallback


def shorten(line: str, limit: int = TITLE_MAX) -> str:
    if len(line) <= limit:
        return line
    first = _SENTENCE_END.search(line)
    if first and 20 <= first.end() <= limit:
        return line[:first.end()]
    cut = line[:limit - 1].rsplit(" ", 1)[0] if " " in line[:limit - 1] else line[:limit - 1]
    return cut.rstrip(",;:-\u2013\u2014 ") + "\u2026"


def parse(data: bytes, path: str, display: str | None = None) -> Document:
    """Turn one file's bytes into a Document (pure: the same bytes and name give the same Document).

    `path` is the article's name as published in the data (relative to its input folder);
    `display` is how messages name the file, the path as the user gave it.
    """
    shown = display or path
    if not data.strip():
        raise ArticleSkipped(shown, "empty file")
    sha = hashlib.sha256(data).hexdigest()
    text = decode(data, shown).replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text, 0, 4096) and len(_CONTROL.findall(text, 0, 4096)) > 0.05 * min(len(text), 4096):
        raise ArticleSkipped(shown, "binary file, not text")
    if not text.strip():
        raise ArticleSkipped(shown, "empty file")
    named = PurePosixPath(path)
    parsed = read_as(named.suffix.lower(), text, shown)
    if not parsed.body.strip():
        raise ArticleSkipped(shown, "no article text after its header")
    date, date_source, note = parsed.date, parsed.date_source, parsed.date_note
    if date is None:
        found = article_date(parsed.body)
        date, date_source = found.date, found.source
        note = "; ".join(n for n in (note, found.note) if n)
    name = named.stem or path
    title = shorten(parsed.title) if parsed.title else choose_title(parsed.body, name)
    return Document(
        id=source_id(sha), path=path, title=title, text=parsed.body, sha256=sha, date=date, date_source=date_source,
        date_note=note,
    )


def file_state(path: str | Path) -> tuple[int, int, int, int] | None:
    """What says a file is unchanged since it was last read (as git and make judge it): its inode, size,
    and when its content (mtime) and its inode (ctime, which no one sets by hand) last changed. None
    for a file changed in the last seconds, which a write in the same clock tick could change unseen."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if time.time_ns() - st.st_ctime_ns < _SETTLED_NS:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


_SETTLED_NS = 2_000_000_000


def read_document(
    path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None
) -> Document:
    """Read one article file; `name` is its path relative to the input folder (what the data publishes),
    `display` the path as the user gave it (what messages say)."""
    shown = display or str(path)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise ArticleSkipped(shown, f"{size / 1e6:.3g} MB is over the {max_bytes / 1e6:.3g} MB limit "
                                            "(--max-size)")
            data = f.read()
    except OSError as e:
        raise ArticleSkipped(shown, f"cannot be read ({e.strerror or e})") from e
    return parse(data, name or path.name, shown)


def _with_text(d: Document, text: str) -> Document:
    return Document(id=d.id, path=d.path, title=d.title, text=text, sha256=d.sha256, date=d.date,
                    date_source=d.date_source, date_note=d.date_note)


def packed(d: Document) -> tuple[Document, bytes]:
    """(the document without its text, the text packed): how a build holds an article."""
    return _with_text(d, ""), squeeze(d.text.encode("utf-8", "surrogatepass"))


def whole(d: Document, text: bytes) -> Document:
    """The document of `packed` made whole again."""
    return _with_text(d, unsqueeze(text).decode("utf-8", "surrogatepass"))


class Articles(Sequence[Document]):
    """A build's documents with their texts held compressed (LZ4, UTF-8), each made whole when asked
    for: an archive's texts were most of what a build held (a str of news text takes two or four bytes
    a character where it is not all ASCII), and what Python frees it seldom gives back to the system.
    `light` lists the documents without their texts, for everything but analysing them. A text given
    as None is fetched when first asked for, by `fetch(indices)` (a rebuild reads the texts of only
    the articles it analyses again)."""

    def __init__(self, light: list[Document], texts: list[bytes | None] | None,
                 fetch: Callable[[list[int]], list[bytes]] | None = None):
        self.light, self._texts, self._fetch = light, texts, fetch

    @classmethod
    def of(cls, docs: Iterable[Document]) -> Articles:
        if isinstance(docs, Articles):
            return docs
        pairs = [packed(d) for d in docs]
        return cls([d for d, _ in pairs], [t for _, t in pairs])

    def __len__(self) -> int:
        return len(self.light)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self.light[i] if self._texts is None else whole(self.light[i], self._held([i])[0])

    def subset(self, indices: list[int]) -> Articles:
        texts = None if self._texts is None else self._held(indices)
        return Articles([self.light[i] for i in indices], texts)

    def pairs(self) -> Iterator[tuple[Document, bytes]]:
        """(document without its text, packed text), while the texts are held: what crosses to a Dask cluster."""
        if self._texts is None:
            raise ValueError("the articles' texts were let go")
        return zip(self.light, self._held(range(len(self))))

    def _held(self, indices: Iterable[int]) -> list[bytes]:
        texts = self._texts
        assert texts is not None
        indices = list(indices)
        missing = [i for i in indices if texts[i] is None]
        if missing:
            assert self._fetch is not None, "a text to fetch without a fetch"
            for i, text in zip(missing, self._fetch(missing)):
                texts[i] = text
        return [texts[i] for i in indices]  # type: ignore[misc]

    @property
    def texts_held(self) -> bool:
        return self._texts is not None

    def drop_texts(self) -> None:
        self._texts = self._fetch = None
