#!/usr/bin/env python3
"""Geoparsing quality on an annotated corpus (GeoWebNews), end to end, with the corpus's own scorer.

usage: python benchmarks/geoparsing.py CORPUS_DIR [--scorer SCORE_EXTERNAL_PY] [--out DIR]

CORPUS_DIR holds docs/ and gold.json (e.g. ../shared/eval/external/geowebnews). The
scorer defaults to score_external.py two folders up from the corpus, where the
evaluation kit keeps it; nothing of the corpus or the scorer is part of mapgen.
Prints the build summary, then the scorer's figures (acc@161, recall_loc, precision)
with adjectives ("French") left out of the gold, as mapgen does not map demonyms.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--scorer", type=Path)
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    scorer = a.scorer or a.corpus.resolve().parent.parent / "score_external.py"
    if not scorer.exists():
        sys.exit(f"scorer not found: {scorer} (pass --scorer)")
    out = a.out or Path(tempfile.mkdtemp(prefix="mapgen-geoparsing-")) / "out"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mapgen", "build", str(a.corpus / "docs"), "--out", str(out)], check=False)
    print(f"build: {time.perf_counter() - t:.1f} s")
    return subprocess.run([sys.executable, str(scorer), str(out), str(a.corpus), "--no-adjectives"]).returncode


if __name__ == "__main__":
    raise SystemExit(main())
