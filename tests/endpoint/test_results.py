"""Results written through SPARQL TSV and pyoxigraph's serialisers match what pyoxigraph writes itself."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rightsgraph.config import load_config
from rightsgraph.endpoint.engine import Job, execute
from rightsgraph.endpoint.results import graph, solutions
from rightsgraph.errors import AnswerTooLarge
from rightsgraph.store import StoreSpec
from rightsgraph.store.embedded import EmbeddedStore

EX = "http://example.org/"
F = ox.QueryResultsFormat
#: A byte cap no test answer reaches, where bytes are not what is tested.
BYTES = 10**9


@pytest.fixture(scope="module")
def store() -> ox.Store:
    n = ox.NamedNode
    store = ox.Store()
    terms = [
        ox.Literal("tab\there, newline\nthere, quote \" and backslash \\"),
        ox.Literal("人権 – حقوق ✊", language="mul"),
        ox.Literal("مرحبا", language="ar", direction=ox.BaseDirection.RTL),
        ox.Literal("42", datatype=n("http://www.w3.org/2001/XMLSchema#integer")),
        ox.BlankNode("b1"),
        n(EX + "iri?with=query&and#fragment"),
        ox.Triple(n(EX + "s"), n(EX + "p"), ox.Literal("o")),
    ]
    for number, term in enumerate(terms):
        store.add(ox.Quad(n(f"{EX}s{number}"), n(EX + "value"), term))
    return store


def parsed(body: bytes, fmt: F) -> list[list]:
    return [[term for term in row] for row in ox.parse_query_results(body, format=fmt)]


@pytest.mark.parametrize("fmt", [F.JSON, F.XML, F.TSV, F.CSV])
def test_solutions_match_pyoxigraph(store, fmt):
    query = f"SELECT ?s ?v ?unbound WHERE {{ ?s <{EX}value> ?v }} ORDER BY ?s"
    body, rows, truncated = solutions(store.query(query), fmt, 100, BYTES)
    expected = store.query(query).serialize(format=fmt)
    assert (rows, truncated) == (7, False)
    if fmt == F.CSV:  # CSV keeps only lexical forms: compare text
        assert body.decode() == expected.decode()
    else:
        assert parsed(body, fmt) == parsed(expected, fmt)


def test_solutions_cut_at_max_rows(store):
    body, rows, truncated = solutions(store.query("SELECT * WHERE { ?s ?p ?o }"), F.JSON, 3, BYTES)
    assert (rows, truncated) == (3, True)
    assert len(parsed(body, F.JSON)) == 3


def test_solutions_no_variables(store):
    body, rows, truncated = solutions(store.query("SELECT * WHERE {}"), F.JSON, 10, BYTES)
    assert (rows, truncated) == (1, False)
    assert parsed(body, F.JSON) == [[]]


def test_graph_cut_at_max_rows(store):
    body, rows, truncated = graph(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), ox.RdfFormat.N_TRIPLES, 5, BYTES)
    assert (rows, truncated) == (5, True)
    assert len(body.decode().strip().splitlines()) == 5


def test_data_setting_loads_files_in_memory(tmp_path):
    path = tmp_path / "data.nq"
    path.write_text(f"<{EX}a> <{EX}b> <{EX}c> <{EX}g> .\n")
    spec = StoreSpec.from_config(load_config({"data": str(path), "query_timeout": 1.0}, environ={}))
    assert spec.kind == "memory"
    backend = EmbeddedStore.in_memory(spec.location)
    assert bool(backend.query(f"ASK {{ <{EX}a> ?p ?o }}", default_graphs=(), named_graphs=(), union=True))


def test_data_setting_with_store_refused():
    with pytest.raises(ValueError):
        StoreSpec.from_config(load_config({"store": "/var/x", "data": "a.nq", "query_timeout": 1.0}, environ={}))


@pytest.fixture(scope="module")
def many() -> ox.Store:
    """Rows enough to span many of pyoxigraph's write chunks."""
    n = ox.NamedNode
    store = ox.Store()
    store.extend(ox.Quad(n(f"{EX}item/{i}"), n(EX + "label"), ox.Literal(f"item {i} – ✊")) for i in range(5000))
    return store


@pytest.mark.parametrize("max_rows, expected", [(4321, (4321, True)), (4999, (4999, True)), (5000, (5000, False)), (9000, (5000, False))])
def test_solutions_cut_exactly_across_chunks(many, max_rows, expected):
    query = f"SELECT ?s ?l WHERE {{ ?s <{EX}label> ?l }} ORDER BY ?s"
    body, rows, truncated = solutions(many.query(query), F.JSON, max_rows, BYTES)
    assert (rows, truncated) == expected
    got = parsed(body, F.JSON)
    assert got == parsed(many.query(query).serialize(format=F.JSON), F.JSON)[: expected[0]]


@pytest.mark.parametrize("max_rows, expected", [(1234, (1234, True)), (5000, (5000, False))])
def test_graph_cut_exactly_across_chunks_in_turtle(many, max_rows, expected):
    body, rows, truncated = graph(many.query("CONSTRUCT WHERE { ?s ?p ?o }"), ox.RdfFormat.TURTLE, max_rows, BYTES)
    assert (rows, truncated) == expected
    triples = set(ox.parse(body, format=ox.RdfFormat.TURTLE))
    assert len(triples) == expected[0] and triples <= set(many)


def test_graph_from_plain_triples_as_an_external_store_gives_them(store):
    triples = [quad.triple for quad in store]
    body, rows, truncated = graph(iter(triples), ox.RdfFormat.N_TRIPLES, 3, BYTES)
    assert (rows, truncated) == (3, True)
    assert len(body.decode().strip().splitlines()) == 3


def test_solutions_cut_at_max_bytes_on_a_whole_row(many):
    query = f"SELECT ?s ?l WHERE {{ ?s <{EX}label> ?l }} ORDER BY ?s"
    body, rows, truncated = solutions(many.query(query), F.TSV, 10000, 20_000)
    assert truncated and 0 < rows < 5000
    assert len(body) <= 20_000 and body.endswith(b"\n")
    assert len(list(ox.parse_query_results(body, format=F.TSV))) == rows


def test_solutions_one_value_beyond_max_bytes_keeps_the_header_only():
    """A value built by doubling a string passes any row cap; the byte cap stops it (it was a 500)."""
    doubling = " ".join(f'BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})' for i in range(20))
    query = f'SELECT ?s20 {{ BIND("ab" AS ?s0) {doubling} }}'
    body, rows, truncated = solutions(ox.Store().query(query), F.JSON, 10000, 1_000_000)
    assert (rows, truncated) == (0, True)
    assert list(ox.parse_query_results(body, format=F.JSON)) == []


def test_graph_cut_at_max_bytes_on_a_whole_triple(many):
    body, rows, truncated = graph(many.query("CONSTRUCT WHERE { ?s ?p ?o }"), ox.RdfFormat.N_TRIPLES, 10000, 10_000)
    assert truncated and 0 < rows < 5000 and len(body) <= 10_000
    assert len(list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))) == rows


class _Exhausting:
    """A backend whose evaluation runs out of memory, as pyoxigraph does past its buffers."""

    def query(self, text, **options):
        raise MemoryError


def test_execute_answers_memory_exhaustion_400_not_500():
    with pytest.raises(AnswerTooLarge) as refused:
        execute(_Exhausting(), Job(query="SELECT * {}", accept=None, max_rows=5))
    assert refused.value.status == 400 and "narrow the query" in refused.value.detail
