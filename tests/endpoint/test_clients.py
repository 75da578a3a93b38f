"""Real client libraries against the real server: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import rdflib
from conftest import EX, G1, NON_ASCII
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper


def test_sparqlwrapper_select_json(live):
    client = SPARQLWrapper(live.url)
    client.setQuery(f"SELECT ?name WHERE {{ <{EX}alice> <{EX}name> ?name }}")
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert [row["name"]["value"] for row in result["results"]["bindings"]] == [NON_ASCII]


def test_sparqlwrapper_post_csv(live):
    client = SPARQLWrapper(live.url)
    client.setMethod(POST)
    client.setQuery(f"SELECT ?name WHERE {{ <{EX}alice> <{EX}name> ?name }}")
    client.setReturnFormat(CSV)
    assert NON_ASCII in client.query().convert().decode("utf-8")


def test_sparqlwrapper_ask_and_construct(live):
    client = SPARQLWrapper(live.url)
    client.setQuery(f"ASK {{ <{EX}alice> <{EX}knows> <{EX}bob> }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery(f"CONSTRUCT WHERE {{ <{EX}alice> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert (rdflib.URIRef(EX + "alice"), rdflib.URIRef(EX + "knows"), rdflib.URIRef(EX + "bob")) in graph


def test_rdflib_sparqlstore_query_and_triples(live):
    graph = rdflib.Graph(store=SPARQLStore(live.url, returnFormat="json"))
    rows = list(graph.query(f"SELECT ?o WHERE {{ <{EX}alice> <{EX}name> ?o }}"))
    assert [str(row[0]) for row in rows] == [NON_ASCII]
    assert (rdflib.URIRef(EX + "alice"), rdflib.URIRef(EX + "knows"), rdflib.URIRef(EX + "bob")) in graph


def test_rdflib_sparqlstore_named_graph(live):
    graph = rdflib.Graph(store=SPARQLStore(live.url), identifier=rdflib.URIRef(G1))
    assert len(list(graph.triples((None, rdflib.URIRef(EX + "knows"), None)))) == 1
