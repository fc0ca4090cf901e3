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


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """A result cache of the test's own, where builds keep what they analysed."""
    root = tmp_path / "results"
    monkeypatch.setattr("mapgen.cache.default_root", lambda: root)
    return root


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


def placed_words(analysis) -> set[str]:
    """Every span of the article that ended up on the map."""
    return {m.surface for p in analysis.places for m in p.mentions}


CHROMIUM = "/usr/bin/chromium"
_PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page whose CDN requests are answered from the installed Leaflet package and whose tiles are blank.

    Anything else leaving the machine is aborted and recorded, as are console
    errors and dialogs, so a test can assert there were none.
    """
    import mimetypes
    from importlib import resources

    assets = Path(str(resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"))
    ctx = browser.new_context(viewport={"width": 1000, "height": 700})
    pg = ctx.new_page()
    pg.console_errors, pg.dialogs, pg.blocked = [], [], []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))

    def handle(route):
        url = route.request.url
        if url.startswith("file://") or url.startswith("data:"):
            return route.continue_()
        if "/npm/leaflet@" in url:
            local = assets / url.rsplit("/dist/", 1)[1]
            return route.fulfill(body=local.read_bytes(), content_type=mimetypes.guess_type(local.name)[0])
        if "tile" in url:
            return route.fulfill(body=_PNG_1x1, content_type="image/png")
        pg.blocked.append(url)
        return route.abort()

    pg.route("**/*", handle)
    yield pg
    ctx.close()
