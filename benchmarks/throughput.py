#!/usr/bin/env python3
"""Per-article throughput and gazetteer open time, against the targets in the developers' guide.

usage: python benchmarks/throughput.py [CORPUS_DIR ...] [--repeat N]

Reads every article under the given folders (default: seeds/), then times
extraction + resolution + events (the pure per-article stage) over them,
repeated N times, in one process on one core. Prints figures and their ratio
to the targets (1,000 articles/s per core; index open under 0.2 s).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from mapgen.analysis import analyse
from mapgen.build import input_files, read_all, BuildReport
from mapgen.gazetteer import Gazetteer, open_gazetteer

TARGET_ARTICLES_PER_S = 1000  # issue 14
TARGET_OPEN_S = 0.2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="*", type=Path, default=[Path("seeds")])
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()

    path = open_gazetteer().path  # builds the index first if needed; not timed
    t = time.perf_counter()
    g = Gazetteer(path)
    g.lookup("Baku")
    open_s = time.perf_counter() - t

    docs = read_all(input_files(a.corpus)[0], 5_000_000, BuildReport(Path(".")))
    chars = sum(len(d.text) for d in docs)
    analyse(docs[0], g)  # warm the caches a long build would have warm
    t = time.perf_counter()
    for _ in range(a.repeat):
        fresh = Gazetteer(path)  # cold look-up caches each round, as for a new worker
        for d in docs:
            analyse(d, fresh)
    per_s = len(docs) * a.repeat / (time.perf_counter() - t)

    print(f"corpus: {len(docs)} articles, {chars / max(1, len(docs)):,.0f} chars each on average")
    print(f"gazetteer open + first look-up: {open_s * 1000:.1f} ms  (target < {TARGET_OPEN_S * 1000:.0f} ms, "
          f"ratio {open_s / TARGET_OPEN_S:.3f})")
    print(f"per-article stage: {per_s:,.0f} articles/s on one core  (target {TARGET_ARTICLES_PER_S}, "
          f"ratio {per_s / TARGET_ARTICLES_PER_S:.2f})")


if __name__ == "__main__":
    main()
