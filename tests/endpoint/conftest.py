"""Shared fixtures: a small known dataset, the app over it with lowered limits, a real server;
and the helpers every HTTP test uses: ``get``, ``post`` and ``problem`` (the error shape).

The limits are lowered (a 1 s query timeout, 5 rows, 4 kB bodies) so that the
timeout, truncation and size paths run in every test run. The dataset is built
here, not read from data/, so answers are known while the real data changes.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
import pytest

EX = "http://example.org/"
G1 = EX + "graph/one"
G2 = EX + "graph/two"
BIG = EX + "graph/big"
#: Text that must survive every format: accents, CJK, RTL script, an emoji.
NON_ASCII = "Droits humains – 人権 – حقوق – ✊"

#: The RDF formats the endpoint offers for CONSTRUCT, DESCRIBE and its service description.
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "text/n3": ox.RdfFormat.N3,
}

LIMITS = {"query_timeout": 1.0, "max_rows": 5, "max_body_bytes": 4000, "workers": 2, "max_query_depth": 50}
#: More triples than max_rows, and enough for a cross product that outlives the timeout.
BIG_SIZE = 300


def fixture_quads() -> list[ox.Quad]:
    n = ox.NamedNode
    quads = [
        ox.Quad(n(EX + "alice"), n(EX + "name"), ox.Literal(NON_ASCII, language="mul"), n(G1)),
        ox.Quad(n(EX + "alice"), n(EX + "knows"), n(EX + "bob"), n(G1)),
        ox.Quad(n(EX + "bob"), n(EX + "name"), ox.Literal("Bob"), n(G2)),
    ]
    quads += [
        ox.Quad(n(f"{EX}item/{i}"), n(EX + "rank"), ox.Literal(str(i), datatype=n("http://www.w3.org/2001/XMLSchema#integer")), n(BIG))
        for i in range(BIG_SIZE)
    ]
    return quads


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the fixture quads, closed so workers can open it read-only."""
    path = tmp_path_factory.mktemp("store") / "oxigraph"
    store = ox.Store(str(path))
    store.extend(fixture_quads())
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def app(make_app, store_dir: Path):
    return make_app({**LIMITS, "store": str(store_dir)})


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class LiveServer:
    """``rightsgraph serve`` in a subprocess, on a free port it reports itself."""

    def __init__(self, *args: str) -> None:
        command = [sys.executable, "-c", "from rightsgraph.cli import main; main()", "serve", "--port", "0", *args]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"}
        )
        line = self.process.stdout.readline()
        if "http://" not in line:
            self.process.kill()
            raise RuntimeError(f"server did not start: {line!r} {self.process.stderr.read()}")
        self.url = line.split(" at ", 1)[1].strip()
        parts = urlsplit(self.url)
        self.host, self.port = parts.hostname, parts.port
        # Drain the access log as it comes: a full pipe would block the server's next log line.
        self._log: list[str] = []
        self._drain = threading.Thread(target=lambda: self._log.extend(self.process.stderr), daemon=True)
        self._drain.start()

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 10) -> Reply:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()

    def stop(self) -> str:
        """Stop the server; returns what it wrote to stderr (the access log)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._drain.join(timeout=10)
        self.process.stdout.close()
        self.process.stderr.close()
        return "".join(self._log)


@pytest.fixture(scope="session")
def live(store_dir: Path) -> Iterator[LiveServer]:
    flags = [f"--{name.replace('_', '-')}={value}" for name, value in LIMITS.items()]
    server = LiveServer("--store", str(store_dir), *flags)
    yield server
    server.stop()


class FlaskTransport:
    """The Flask test client behind the same ``request`` signature as :class:`LiveServer`."""

    #: The endpoint's URL as the app sees it: the test client sends ``Host: localhost``.
    url = "http://localhost/sparql"

    def __init__(self, client) -> None:
        self.client = client

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 10) -> Reply:
        response = self.client.open(path, method=method, data=body, headers=headers or {})
        return Reply(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.get_data())


@pytest.fixture(params=["flask", "live"])
def endpoint(request, client):
    """Each protocol test runs against the Flask test client and against the real server."""
    if request.param == "flask":
        return FlaskTransport(client)
    return request.getfixturevalue("live")


def get(transport, query: str | None = None, accept: str | None = None, path: str = "/sparql", timeout: float = 10, **params) -> Reply:
    """GET the endpoint with ``query`` and any protocol parameters (``default_graph_uri=[...]``)."""
    pairs = ([("query", query)] if query is not None else []) + [
        (name.replace("_", "-"), value) for name, values in params.items() for value in values
    ]
    headers = {"Accept": accept} if accept is not None else {}
    return transport.request("GET", path + ("?" + urlencode(pairs) if pairs else ""), headers=headers, timeout=timeout)


def post(transport, body: bytes | str, content_type: str | None, path: str = "/sparql", accept: str | None = None, timeout: float = 20) -> Reply:
    """POST ``body`` (a str is sent as UTF-8) with that Content-Type (none if ``None``)."""
    headers = {} if content_type is None else {"Content-Type": content_type}
    if accept is not None:
        headers["Accept"] = accept
    data = body.encode("utf-8") if isinstance(body, str) else body
    return transport.request("POST", path, body=data, headers=headers, timeout=timeout)


def problem(reply: Reply, status: int) -> dict:
    """Assert an error in the endpoint's one shape, with CORS and Vary like every response; return its body."""
    assert reply.status == status, reply.body
    assert reply.header("Content-Type") == "application/problem+json"
    assert reply.header("Access-Control-Allow-Origin") == "*"
    assert "Accept" in reply.header("Vary")
    body = json.loads(reply.body)
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in reply.body.decode() and ".py" not in reply.body.decode()
    return body


def wait_until(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        time.sleep(0.05)
