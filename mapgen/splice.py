"""Build-wide files made of segments, copied from the earlier output where unchanged.

Most of an archive's output is four files made of segments: events.geojson,
events.csv and review.csv go article by article, the overview's data place by
place (160 MB and 33 MB for 10,000 articles). After one article changed, all
but a few segments are the bytes the earlier build wrote, in the same order.
So a build records each such file's layout (a key for each segment, naming
what decides its bytes, and its length) in the result cache, and the next build
into the same folder copies every run of unchanged segments from the earlier
file (copy_file_range: in the kernel, not through Python), rendering only the
segments it has no copy of. The earlier file is used only while it is the one
whose SHA-256 its layout and the manifest record; the output is byte for byte
what rendering every segment writes (tests compare).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from mapgen.output import digests


@dataclass(frozen=True)
class Layout:
    """How a written file is made: `head` bytes, then a segment per key of the given lengths, then the rest."""

    sha256: str  # of the whole file, as the manifest lists it
    size: int
    head: int
    keys: tuple[str, ...]
    lengths: tuple[int, ...]

    def spans(self) -> dict[str, tuple[int, int]]:
        """Segment key -> (offset, length) in the file."""
        out, offset = {}, self.head
        for key, n in zip(self.keys, self.lengths):
            out[key] = (offset, n)
            offset += n
        return out


@dataclass(frozen=True)
class Earlier:
    """A file of the earlier output and its layout, checked to be what that build wrote."""

    path: Path
    layout: Layout


def write_spliced(path: Path, head: bytes, keys: list[str], render: Callable[[list[int]], Iterable[bytes]],
                  tail: bytes, earlier: Earlier | None = None) -> tuple[int, tuple[int, ...]]:
    """Write `head`, a segment for each of `keys`, then `tail` into `path`. A segment whose key the
    `earlier` file holds is copied from it; `render(indices)` gives the others' bytes, in that order
    (one call: the caller fetches what it needs in batches). Returns (head length, segment lengths)."""
    spans = earlier.layout.spans() if earlier else {}
    missing = [i for i, k in enumerate(keys) if k not in spans]
    made = iter(render(missing)) if missing else iter(())
    lengths: list[int] = []
    with open(path, "wb", buffering=0) as out, (open(earlier.path, "rb") if spans else nullcontext()) as source:
        pending = bytearray(head)
        run_start = run_length = 0  # a run of the earlier file still to be copied
        for key in keys:
            span = spans.get(key)
            if span is None:
                if run_length:
                    _copy(source, out, run_start, run_length)
                    run_length = 0
                data = next(made, None)
                if data is None:
                    raise ValueError("render gave fewer segments than were missing")
                pending += data
                lengths.append(len(data))
                if len(pending) >= _FLUSH:
                    _write(out, pending)
            else:
                if pending:
                    _write(out, pending)
                if run_length and run_start + run_length == span[0]:
                    run_length += span[1]
                else:
                    if run_length:
                        _copy(source, out, run_start, run_length)
                    run_start, run_length = span
                lengths.append(span[1])
        if run_length:
            _copy(source, out, run_start, run_length)
        pending += tail
        _write(out, pending)
    if next(made, None) is not None:
        raise ValueError("render gave more segments than were missing")
    return len(head), tuple(lengths)


_FLUSH = 1 << 20


def _write(out, data: bytearray) -> None:
    """All of `data` into the unbuffered `out` (a write may take part of it), then `data` emptied."""
    with memoryview(data) as view:
        done = 0
        while done < len(view):
            done += out.write(view[done:])
    del data[:]


def _copy(source, out, offset: int, length: int) -> None:
    """Copy `length` bytes at `offset` of `source` to the end of `out` (both unbuffered), in the kernel
    where the system can."""
    copy_range = getattr(os, "copy_file_range", None)
    while length:
        done = 0
        if copy_range is not None:
            try:
                done = copy_range(source.fileno(), out.fileno(), length, offset)
            except OSError:
                copy_range = None  # another file system, or none of it here: through memory
        if copy_range is None:
            source.seek(offset)
            chunk = source.read(min(length, _FLUSH * 8))
            done = len(chunk)
            if done:
                _write(out, bytearray(chunk))
        if done <= 0:
            raise OSError(f"{source.name}: shorter than the layout the earlier build recorded")
        offset += done
        length -= done


def earlier_file(out: Path, relative: str, digest: str | None, since: float, layout: Layout | None
                 ) -> Earlier | None:
    """The file `relative` of the earlier output at `out`, if `layout` is how it was written: its
    SHA-256 is the manifest's (`digest`) and the layout's, and it was not changed since that manifest
    was written (at `since`) or is still the same bytes."""
    if layout is None or digest is None or layout.sha256 != digest:
        return None
    path = out / relative
    try:
        st = os.stat(path)
        if st.st_size != layout.size or st.st_mtime > since and digests(out, [relative])[relative] != digest:
            return None
    except OSError:
        return None
    return Earlier(path, layout)


class Splicer:
    """Writes a build's spliced files into its temporary `folder`, from the earlier output at `out`
    (whose manifest gave `digests` and was written at `since`) and the layouts kept in `store` (a
    ResultCache); without a store (a build that keeps nothing) every segment is rendered and no layout
    kept. Each file's digest goes into `made` (of the process that wrote it)."""

    def __init__(self, out: Path, folder: Path, digests: dict[str, str], since: float, store=None):
        self.out, self.folder, self.digests, self.since, self.store = out, folder, digests, since, store

    def write(self, path: Path, head: bytes, keys: list[str], render: Callable[[list[int]], Iterable[bytes]],
              tail: bytes = b"", made: dict[str, str] | None = None) -> str:
        """Write `path`, in the folder (see `write_spliced`); returns its SHA-256, also put in `made`
        under its name in the folder."""
        folder, relative = self.folder, path.relative_to(self.folder).as_posix()
        earlier = None
        if self.store is not None:
            earlier = earlier_file(self.out, relative, self.digests.get(relative), self.since,
                                   self.store.load_layout(self.out, relative))
        head_length, lengths = write_spliced(folder / relative, head, keys, render, tail, earlier)
        digest = digests(folder, [relative])[relative]
        if self.store is not None:
            size = os.stat(folder / relative).st_size
            self.store.store_layout(self.out, relative, Layout(digest, size, head_length, tuple(keys), lengths))
        if made is not None:
            made[relative] = digest
        return digest


def first_marked(keys: Iterable[str]) -> list[str]:
    """Segment keys for a file whose first segment is written apart from the rest (without the comma
    that joins the others): the same segment first or not is two different runs of bytes."""
    return [k + "|first" * (n == 0) for n, k in enumerate(keys)]
