"""`mapgen gazetteer add` against a local server that answers like Nominatim (no internet here)."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from typer.testing import CliRunner

from mapgen.cli import app
from mapgen.gazetteer import open_gazetteer
from mapgen.gazetteer.curated import rows


class FakeNominatim(BaseHTTPRequestHandler):
    def do_GET(self):
        q = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        self.server.queries.append(q)
        body = []
        if q == "Lachin corridor":
            body = [{
                "lat": "39.6501", "lon": "46.5412", "display_name": "Lachin corridor, Lachin District, Azerbaijan",
                "osm_type": "way", "osm_id": 4242, "type": "primary", "addresstype": "road",
                "address": {"road": "Lachin corridor", "country": "Azerbaijan", "country_code": "az"},
            }]
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim():
    server = HTTPServer(("127.0.0.1", 0), FakeNominatim)
    server.queries = []
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield server
    server.shutdown()


def test_add_writes_the_answer_and_its_source_into_the_curated_file(nominatim, tmp_path):
    curated = tmp_path / "curated.csv"
    curated.write_text("id,name,aliases,kind,country,lat,lon,population,source,note\n")
    host = f"127.0.0.1:{nominatim.server_port}"
    r = CliRunner().invoke(app, ["gazetteer", "add", "Lachin corridor", "--domain", host, "--scheme", "http",
                                 "--file", str(curated)])
    assert r.exit_code == 0, r.output
    assert nominatim.queries == ["Lachin corridor"]
    (row,) = rows(curated)
    assert row["id"] == "nominatim:way-4242" and row["country"] == "AZ"
    assert float(row["lat"]) == pytest.approx(39.6501) and "Nominatim (127.0.0.1" in row["source"]
    g = open_gazetteer(tmp_path / "index.sqlite", curated_path=curated)
    assert g.lookup("Lachin corridor")[0].id == "nominatim:way-4242"  # builds after this are offline


def test_add_unknown_place_is_one_clear_line(nominatim, tmp_path):
    curated = tmp_path / "curated.csv"
    r = CliRunner().invoke(app, ["gazetteer", "add", "Nowhere at all", "--domain",
                                 f"127.0.0.1:{nominatim.server_port}", "--scheme", "http", "--file", str(curated)])
    assert r.exit_code == 1
    assert r.output.strip().startswith("mapgen: error: Nowhere at all: the geocoder at 127.0.0.1")
    assert not curated.exists()
