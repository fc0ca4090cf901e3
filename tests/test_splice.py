import hashlib
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapgen.splice import Earlier, Layout, earlier_file, write_spliced


def _write(path, head, segments, tail, earlier=None):
    """write_spliced with `segments` (key -> bytes); returns (layout, keys rendered)."""
    keys = list(segments)
    rendered = []

    def render(indices):
        rendered.extend(keys[i] for i in indices)
        return [segments[keys[i]] for i in indices]

    head_length, lengths = write_spliced(path, head, keys, render, tail, earlier)
    data = path.read_bytes()
    return Layout(hashlib.sha256(data).hexdigest(), len(data), head_length, tuple(keys), lengths), rendered


_SEGMENTS = st.dictionaries(st.text("abcdefghij", min_size=1, max_size=3), st.binary(max_size=40), max_size=12)


@settings(max_examples=150, deadline=None)
@given(before=_SEGMENTS, after=_SEGMENTS, heads=st.tuples(st.binary(max_size=9), st.binary(max_size=9)))
def test_a_spliced_file_is_its_segments_in_order_whatever_the_earlier_one_held(tmp_path_factory, before, after,
                                                                                heads):
    folder = tmp_path_factory.mktemp("splice")
    old, new = folder / "old", folder / "new"
    layout, _ = _write(old, heads[0], before, b"END")
    # what the earlier file holds under a key is what the key's segment is (keys name content)
    after = {k: before.get(k, v) for k, v in after.items()}
    _, rendered = _write(new, heads[1], after, b"\n]}\n", Earlier(old, layout))
    assert new.read_bytes() == heads[1] + b"".join(after.values()) + b"\n]}\n"
    assert rendered == [k for k in after if k not in before]


def test_runs_of_unchanged_segments_are_copied_not_rendered(tmp_path):
    before = {f"a{i}": f"line {i}\n".encode() * 50 for i in range(100)}
    layout, _ = _write(tmp_path / "old", b"head\n", before, b"")
    after = dict(before)
    del after["a7"]
    after = {**dict(list(after.items())[:40]), "new": b"a new article's line\n", **dict(list(after.items())[40:])}
    _, rendered = _write(tmp_path / "new", b"head\n", after, b"", Earlier(tmp_path / "old", layout))
    assert rendered == ["new"]
    assert (tmp_path / "new").read_bytes() == b"head\n" + b"".join(after.values())


def test_copying_falls_back_to_reading_where_the_kernel_cannot(tmp_path, monkeypatch):
    def refuse(*args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    before = {"a": b"1" * 10, "b": b"2" * 10}
    layout, _ = _write(tmp_path / "old", b"", before, b"")
    _write(tmp_path / "new", b">", {"b": b"2" * 10, "c": b"3", "a": b"1" * 10}, b"<", Earlier(tmp_path / "old", layout))
    assert (tmp_path / "new").read_bytes() == b">" + b"2" * 10 + b"3" + b"1" * 10 + b"<"


def test_an_earlier_file_changed_since_its_layout_is_not_copied_from(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    layout, _ = _write(out / "events.csv", b"h\n", {"a": b"x\n", "b": b"y\n"}, b"")
    since = os.stat(out / "events.csv").st_mtime
    assert earlier_file(out, "events.csv", layout.sha256, since, layout) is not None
    assert earlier_file(out, "events.csv", "another digest", since, layout) is None  # not the manifest's file
    assert earlier_file(out, "events.csv", layout.sha256, since, None) is None
    (out / "events.csv").write_bytes(b"h\nX\ny\n")  # an edit of the same size, after the manifest
    os.utime(out / "events.csv", (since + 5, since + 5))
    assert earlier_file(out, "events.csv", layout.sha256, since, layout) is None
    (out / "events.csv").write_bytes(b"h\nx\ny\n")  # touched, but the same bytes
    os.utime(out / "events.csv", (since + 5, since + 5))
    assert earlier_file(out, "events.csv", layout.sha256, since, layout) is not None
    (out / "events.csv").unlink()
    assert earlier_file(out, "events.csv", layout.sha256, since, layout) is None


def test_render_must_give_one_segment_for_each_missing_key(tmp_path):
    with pytest.raises(ValueError):
        write_spliced(tmp_path / "f", b"", ["a"], lambda indices: [b"1", b"2"], b"")
