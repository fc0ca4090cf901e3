import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory):
    """One gazetteer index for the whole test run, never the user's own cache."""
    path = os.environ.get("MAPGEN_TEST_CACHE_DIR") or str(tmp_path_factory.mktemp("mapgen-cache"))
    old = os.environ.get("MAPGEN_CACHE_DIR")
    os.environ["MAPGEN_CACHE_DIR"] = path
    yield Path(path)
    if old is None:
        os.environ.pop("MAPGEN_CACHE_DIR", None)
    else:
        os.environ["MAPGEN_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def gazetteer(cache_dir):
    from mapgen.gazetteer import open_gazetteer

    return open_gazetteer()


@pytest.fixture(scope="session")
def analyse_text(gazetteer):
    """Analyse an article given as text (with an optional date marker line)."""
    from mapgen.analysis import analyse
    from mapgen.documents import parse

    def run(text: str, name: str = "article.txt"):
        return analyse(parse(text.encode("utf-8"), name), gazetteer)

    return run


def place_ids(analysis) -> set[str]:
    return {p.id for p in analysis.places}
