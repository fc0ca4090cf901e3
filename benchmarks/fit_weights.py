#!/usr/bin/env python3
"""Fit the resolver's weights on annotated corpora by coordinate descent over a coarse grid.

usage: python benchmarks/fit_weights.py CORPUS_DIR [CORPUS_DIR ...] [--scorer SCORE_EXTERNAL_PY]
                                        [--weights START.toml] [--rounds 2] [--only name,name] [--out FITTED.toml]

Each CORPUS_DIR holds docs/ and gold.json (e.g. ../shared/eval/external/lgl-dev and .../geowebnews);
the scorer defaults to score_external.py two folders up from the first corpus. Nothing of the corpora
is part of mapgen.

The procedure, so the numbers come from data rather than from the last article looked at:
1. Read every article once; open the gazetteer once.
2. Objective: the mean over corpora of (acc@161 + precision) / 2, from the corpus's own scorer
   (GeoWebNews with --no-adjectives, as mapgen maps no demonyms by default).
3. For each tunable weight in turn, try the current value times 0.5, 0.75, 1.25, 1.5 (and 0 for
   bonuses); keep a new value only if it raises the objective by more than MIN_GAIN, a noise floor
   (one article's worth of places). Repeat for --rounds passes.
4. Print every trial and write the best table as TOML, which `mapgen build --weights` and
   `mapgen resolve --weights` load. Figures on the corpora fitted are in-sample: say so.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib.util
import io
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mapgen.analysis import analyse  # noqa: E402
from mapgen.inputs import input_files  # noqa: E402
from mapgen.documents import read_document  # noqa: E402
from mapgen.gazetteer import open_gazetteer  # noqa: E402
from mapgen.resolve import Options  # noqa: E402
from mapgen.weights import Weights  # noqa: E402

MIN_GAIN = 0.002
# the weights a trial may move: evidence and penalties, not thresholds of kind or size
TUNABLE = [
    "own_name", "alternate", "capital", "country_named_base", "country_named_share", "neighbour", "sibling_state",
    "state_named", "holds_named_town", "distance", "distance_km", "dateline", "area_word", "area_word_against_town",
    "seat_town", "small_namesake", "world_city_namesake", "small_foreign_town", "far_foreign_town", "threshold",
]
FACTORS = (0.5, 0.75, 1.25, 1.5)


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_external", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Corpus:
    def __init__(self, root: Path, gazetteer, scorer):
        self.root, self.gazetteer, self.scorer = root, gazetteer, scorer
        files, _ = input_files([root / "docs"])
        self.docs = [read_document(f.path, f.shown, name=f.name) for f in files]
        self.flags = ["--no-adjectives"] if "geowebnews" in root.name else []

    def score(self, weights: Weights) -> tuple[float, float]:
        options = Options(weights=weights)
        analyses = [analyse(d, self.gazetteer, options=options) for d in self.docs]
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            data.mkdir()
            (data / "sources.json").write_text(json.dumps(
                [{"id": a.document.id, "file": a.document.path} for a in analyses]))
            features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.candidate.lon, p.candidate.lat]},
                         "properties": {"id": p.id, "name": p.candidate.name, "kind": p.candidate.kind,
                                        "sources": [a.document.id]}} for a in analyses for p in a.places]
            (data / "places.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                self.scorer.main([tmp, str(self.root), *self.flags])
        last = buf.getvalue().strip().splitlines()[-1]
        figures = dict(part.split("=") for part in last.split() if "=" in part)
        return float(figures["acc@161"]), float(figures["precision"])


def objective(corpora: list[Corpus], weights: Weights) -> tuple[float, list[tuple[float, float]]]:
    figures = [c.score(weights) for c in corpora]
    return sum((a + p) / 2 for a, p in figures) / len(figures), figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", type=Path, nargs="+")
    ap.add_argument("--scorer", type=Path)
    ap.add_argument("--weights", type=Path, help="start from this table instead of the defaults")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--only", help="comma-separated weights to fit (default: all tunable)")
    ap.add_argument("--out", type=Path, default=Path("fitted-weights.toml"))
    a = ap.parse_args()
    scorer = load_scorer(a.scorer or a.corpora[0].resolve().parent.parent / "score_external.py")
    gazetteer = open_gazetteer()
    corpora = [Corpus(c, gazetteer, scorer) for c in a.corpora]
    names = a.only.split(",") if a.only else TUNABLE
    best = Weights.load(a.weights) if a.weights else Weights()
    t = time.perf_counter()
    best_obj, figures = objective(corpora, best)
    print(f"start: objective {best_obj:.4f} {figures} ({time.perf_counter() - t:.1f} s a trial)", flush=True)
    for r in range(a.rounds):
        moved = False
        for name in names:
            current = getattr(best, name)
            values = sorted({round(current * f, 4) for f in FACTORS} | ({0.0} if name not in ("threshold", "distance_km") else set()))
            for v in values:
                trial = dataclasses.replace(best, **{name: type(current)(v)})
                obj, figs = objective(corpora, trial)
                better = obj > best_obj + MIN_GAIN
                print(f"round {r + 1} {name}={v:g}: {obj:.4f} {figs}{'  <- kept' if better else ''}", flush=True)
                if better:
                    best, best_obj, moved = trial, obj, True
        if not moved:
            break
    changed = {f.name: getattr(best, f.name) for f in dataclasses.fields(best)
               if getattr(best, f.name) != f.default}
    a.out.write_text("# fitted by benchmarks/fit_weights.py (in-sample on: " + ", ".join(c.name for c in a.corpora)
                     + ")\n[weights]\n" + "".join(f"{k} = {v!r}\n" for k, v in changed.items()))
    print(f"best: objective {best_obj:.4f}; changed {changed or 'nothing'} -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
