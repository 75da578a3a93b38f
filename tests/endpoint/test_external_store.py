"""The endpoint in front of a real ``oxigraph serve``: same answers, limits and errors; loading via GSP."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import urllib.request
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import (
    BIG,
    EX,
    LIMITS,
    NON_ASCII,
    FlaskTransport,
    fixture_quads,
    get,
    wait_until,
)
from rightsgraph.app import close_app, create_app
from rightsgraph.cli import main
from rightsgraph.store.remote import load_into


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def oxigraph_url():
    """A real ``oxigraph serve`` on a free loopback port, union default graph as the endpoint's."""
    port = _free_port()
    process = subprocess.Popen(
        [shutil.which("oxigraph"), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "5"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(url))
        store = ox.Store()
        store.extend(fixture_quads())
        load_into(url + "/store", store=store)
        yield url
    finally:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def remote(oxigraph_url):
    app = create_app({**LIMITS, "store_url": oxigraph_url + "/query"})
    yield FlaskTransport(app.test_client())
    close_app(app)


def test_get_sparql_external_store_select_non_ascii(remote):
    reply = get(remote, f"SELECT ?name WHERE {{ <{EX}alice> <{EX}name> ?name }}", "application/sparql-results+xml")
    assert reply.status == 200
    [solution] = list(ox.parse_query_results(reply.body, format=ox.QueryResultsFormat.XML))
    assert solution["name"] == ox.Literal(NON_ASCII, language="mul")


def test_get_sparql_external_store_construct_turtle(remote):
    reply = get(remote, f"CONSTRUCT WHERE {{ <{EX}alice> <{EX}knows> ?o }}")
    assert reply.header("Content-Type") == "text/turtle; charset=utf-8"
    assert [q.object for q in ox.parse(reply.body, format=ox.RdfFormat.TURTLE)] == [ox.NamedNode(EX + "bob")]


def test_get_sparql_external_store_ask_true(remote):
    assert b"true" in get(remote, f"ASK {{ <{EX}alice> <{EX}knows> <{EX}bob> }}").body


def test_get_sparql_external_store_rows_truncated_said(remote):
    reply = get(remote, f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}")
    assert len(json.loads(reply.body)["results"]["bindings"]) == LIMITS["max_rows"]
    assert reply.header("Rightsgraph-Truncated") == str(LIMITS["max_rows"])


def test_get_sparql_external_store_malformed_400(remote):
    reply = get(remote, "SELECT ?x WHERE { ?x ?p }")
    assert reply.status == 400
    assert "external store refused" in json.loads(reply.body)["detail"]


def test_get_sparql_external_store_runaway_503_then_answers(remote):
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BIG}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} }}"
    assert get(remote, query).status == 503
    assert get(remote, "ASK {}").status == 200


def test_get_sparql_external_store_service_refused_403(remote):
    assert get(remote, "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }").status == 403


def test_get_sparql_external_store_ask_graph_format_406(remote):
    assert get(remote, "ASK {}", "text/turtle").status == 406


def test_get_sparql_external_store_unreachable_502():
    app = create_app({**LIMITS, "workers": 1, "store_url": f"http://127.0.0.1:{_free_port()}/query"})
    try:
        reply = get(FlaskTransport(app.test_client()), "ASK {}")
        assert reply.status == 502
    finally:
        close_app(app)


def test_load_into_external_store_puts_every_graph(oxigraph_url, store):
    result = CliRunner().invoke(main, ["load", "--into", oxigraph_url + "/store"])
    assert result.exit_code == 0, result.output
    expected = sum(1 for _ in store.quads_for_pattern(None, None, None, None))
    count_query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    url = oxigraph_url + "/query?" + urlencode({"query": count_query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        count = int(json.load(response)["results"]["bindings"][0]["n"]["value"])
    assert count == expected + len(fixture_quads())
