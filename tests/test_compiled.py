"""The per-article stage compiled with mypyc (setup.py): the same results, and never stale code."""
import filecmp
import hashlib
import importlib
import importlib.machinery
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import mapgen
from mapgen.model import Analysis, Candidate, Document, Event, Finding, Flag, Mention, Place, Resolution, Source
from mapgen.resolve import Options

from conftest import FIXTURES

RECORDED = mapgen.compiled_modules()
PURE = bool(os.environ.get("MAPGEN_PURE_PYTHON"))


@pytest.mark.skipif(not RECORDED or PURE, reason="a pure-Python install (MAPGEN_PURE_PYTHON=1): nothing compiled")
@pytest.mark.parametrize("name", sorted(RECORDED))
def test_an_installed_mapgen_runs_its_compiled_modules(name):
    module = importlib.import_module(f"mapgen.{name}")
    assert module.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)), module.__file__


def test_a_module_edited_since_it_was_compiled_is_stale(tmp_path):
    (tmp_path / "rules.py").write_text("A = 1\n")
    (tmp_path / "dates.py").write_text("B = 2\n")
    recorded = {n: hashlib.sha256((tmp_path / f"{n}.py").read_bytes()).hexdigest() for n in ("rules", "dates")}
    assert mapgen.stale_modules(recorded, tmp_path) == []
    (tmp_path / "rules.py").write_text("A = 3\n")
    assert mapgen.stale_modules(recorded, tmp_path) == ["rules"]
    (tmp_path / "dates.py").unlink()
    assert mapgen.stale_modules(recorded, tmp_path) == ["dates", "rules"]


BAKU = Candidate("geonames:587084", "Baku", "capital", "AZ", 40.37767, 49.89201, 1116513, "09")
MENTION = Mention("Baku", 10, 14, 0, "baku", frozenset({Flag.DATELINE}))
PLACE = Place(BAKU, (MENTION,), 0.9, ("population 1,116,513 (+0.90)",), runner_up=None)
EVENT = Event("e1", BAKU.id, "s1", "2020-11-08", None, "day", "Shelling hit Baku.", 0, 18, "said", 3, 7)


@pytest.mark.parametrize("value", [
    Document("s1", "a.txt", "A title", "Shelling hit Baku.", "ab" * 32),
    Source("s1", "a.txt", "A title", "2020-11-08", "ab" * 32),
    MENTION, BAKU, Finding("population", 0.9, "population 1,116,513"),
    Resolution(BAKU, 1.2, 0.9, (Finding("own_name", 0.3, "the entry's own name"),), runner_up=BAKU),
    PLACE, EVENT,
    Analysis(Document("s1", "a.txt", "t", "x", "ab" * 32), (PLACE,), (EVENT,), ()),
    Options(home="US-GA"),
], ids=lambda v: type(v).__name__)
def test_values_survive_pickling_as_cache_entries_and_dask_tasks_need(value):
    again = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == value and type(again) is type(value)


def test_a_candidate_unpickled_has_its_category_again():
    assert pickle.loads(pickle.dumps(BAKU)).category is BAKU.category


@pytest.mark.skipif(not RECORDED, reason="a pure-Python install: there is no compiled build to compare with")
def test_compiled_and_source_builds_write_the_same_bytes(tmp_path, cache_dir):
    outs = []
    for pure in ("", "1"):
        out = tmp_path / f"out{pure or 'compiled'}"
        env = {**os.environ, "MAPGEN_PURE_PYTHON": pure, "MAPGEN_CACHE_DIR": str(cache_dir)}
        done = subprocess.run([sys.executable, "-m", "mapgen", "build", str(FIXTURES / "articles"), "--out", str(out),
                               "--no-cache", "--jobs", "1"], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outs.append(out)
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(outs[1]) for p in outs[1].rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(outs[0], outs[1], [str(f) for f in files], shallow=False)
    assert not mismatch and not errors


def _written_inits():
    """(module, class, its __init__'s ast) of each dataclass that writes its __init__ out, read from the
    source (a compiled __init__ shows no signature)."""
    import ast
    import dataclasses

    from mapgen import dates, events, mentions, model, rules, sentences

    for module in (model, sentences, dates, events, rules, mentions):
        tree = ast.parse((Path(module.__file__).parent / f"{module.__name__.rpartition('.')[2]}.py").read_text())
        for node in tree.body:
            cls = getattr(module, getattr(node, "name", ""), None)
            if isinstance(node, ast.ClassDef) and dataclasses.is_dataclass(cls):
                for fn in node.body:
                    if isinstance(fn, ast.FunctionDef) and fn.name == "__init__":
                        yield pytest.param(module, cls, fn, id=cls.__qualname__)


@pytest.mark.parametrize("module, cls, init", list(_written_inits()))
def test_a_written_out_init_takes_exactly_its_dataclass_fields(module, cls, init):
    import ast
    import dataclasses

    fields = [f for f in dataclasses.fields(cls) if f.init]
    args = init.args.args[1:]
    assert [a.arg for a in args] == [f.name for f in fields]
    defaults = [None] * (len(args) - len(init.args.defaults)) + init.args.defaults
    for f, d in zip(fields, defaults):
        if f.default_factory is not dataclasses.MISSING:
            assert d is not None and ast.unparse(d) == "None"  # a fresh value each time, as the factory gives
        elif f.default is dataclasses.MISSING:
            assert d is None
        else:
            assert d is not None and eval(ast.unparse(d), vars(module)) == f.default


@pytest.mark.skipif(not RECORDED or PURE, reason="a pure-Python install: nothing compiled to go stale")
def test_after_an_edit_every_compiled_module_runs_from_its_source(tmp_path):
    import shutil

    root = Path(mapgen.__file__).parent
    shutil.copytree(root, tmp_path / "mapgen", ignore=shutil.ignore_patterns("__pycache__"))
    for native in root.parent.glob("mapgen_native__mypyc*"):  # the compiled modules' shared part
        shutil.copy(native, tmp_path)
    with (tmp_path / "mapgen" / "rules.py").open("a") as f:
        f.write("\nEDITED = True\n")
    code = ("import warnings; warnings.simplefilter('error')\n"
            "try:\n    import mapgen\nexcept RuntimeWarning as w:\n    print('warned:', w)\n"
            "warnings.simplefilter('ignore'); import mapgen, mapgen.rules, mapgen.names\n"
            "print(mapgen.rules.__file__, mapgen.names.__file__, mapgen.rules.EDITED)")
    env = {k: v for k, v in os.environ.items() if k != "MAPGEN_PURE_PYTHON"}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={**env, "PYTHONPATH": str(tmp_path)},
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    warned, files = done.stdout.splitlines()
    assert "rules.py changed since mapgen was compiled" in warned
    assert files.split() == [str(tmp_path / "mapgen" / "rules.py"), str(tmp_path / "mapgen" / "names.py"), "True"]


@pytest.mark.skipif(not RECORDED or PURE, reason="a pure-Python install: nothing compiled")
def test_a_partly_compiled_install_runs_from_source(tmp_path):
    """Without a C compiler setup.py's extensions are optional: some may be missing, and then none runs."""
    import shutil

    root = Path(mapgen.__file__).parent
    shutil.copytree(root, tmp_path / "mapgen", ignore=shutil.ignore_patterns("__pycache__", "rules.cpython-*"))
    code = "import mapgen.rules, mapgen.dates; print(mapgen.rules.__file__, mapgen.dates.__file__)"
    env = {k: v for k, v in os.environ.items() if k != "MAPGEN_PURE_PYTHON"}
    done = subprocess.run([sys.executable, "-W", "error", "-c", code], cwd=tmp_path,
                          env={**env, "PYTHONPATH": str(tmp_path)}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(tmp_path / "mapgen" / "rules.py"), str(tmp_path / "mapgen" / "dates.py")]


@pytest.mark.skipif(not RECORDED or PURE, reason="already running from source")
def test_the_resolver_tests_pass_from_source_too(cache_dir):
    """The suite runs the compiled modules; the rules' and extractor's own tests run again from source, so
    that neither form can drift from the other (nor a test pass only because it cannot see inside one)."""
    here = Path(__file__).parent
    files = [str(here / f) for f in ("test_rules.py", "test_mentions.py", "test_dates.py", "test_sentences.py")]
    env = {**os.environ, "MAPGEN_PURE_PYTHON": "1", "MAPGEN_CACHE_DIR": str(cache_dir)}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files], env=env,
                          capture_output=True, text=True, cwd=here.parent)
    assert done.returncode == 0, done.stdout[-3000:]
