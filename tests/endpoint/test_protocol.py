"""SPARQL 1.1 Protocol, query operation: every test runs on the Flask test client and the real server.

Names follow ``test_<method>_<resource>_<condition>``.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from conftest import BIG, EX, G1, G2, LIMITS, NON_ASCII

SELECT_NAME = f"SELECT ?name WHERE {{ <{EX}alice> <{EX}name> ?name }}"
CONSTRUCT_NAME = f"CONSTRUCT WHERE {{ <{EX}alice> <{EX}name> ?name }}"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}


def get(endpoint, query: str, accept: str | None = None, **params):
    headers = {"Accept": accept} if accept is not None else {}
    pairs = [("query", query)] + [(k.replace("_", "-"), v) for k, vs in params.items() for v in vs]
    return endpoint.request("GET", "/sparql?" + urlencode(pairs), headers=headers)


def bindings(reply, variable: str) -> list[str]:
    data = json.loads(reply.body)
    return sorted(row[variable]["value"] for row in data["results"]["bindings"])


def problem(reply) -> dict:
    assert reply.header("Content-Type") == "application/problem+json"
    body = json.loads(reply.body)
    assert body["status"] == reply.status
    assert "Traceback" not in body["detail"] and "/server/" not in body["detail"]
    return body


def test_get_query_no_accept_json(endpoint):
    reply = get(endpoint, SELECT_NAME)
    assert reply.status == 200
    assert reply.header("Content-Type") == "application/sparql-results+json"
    assert bindings(reply, "name") == [NON_ASCII]


def test_get_query_accept_star(endpoint):
    reply = get(endpoint, SELECT_NAME, "*/*")
    assert reply.status == 200
    assert reply.header("Content-Type") == "application/sparql-results+json"


@pytest.mark.parametrize(
    "accept, fmt",
    [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/csv", ox.QueryResultsFormat.CSV),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ],
)
def test_get_query_accept_results_format_non_ascii(endpoint, accept, fmt):
    reply = get(endpoint, SELECT_NAME, accept)
    assert reply.status == 200
    assert reply.header("Content-Type").split(";")[0] == accept
    assert NON_ASCII in reply.body.decode("utf-8")
    if fmt != ox.QueryResultsFormat.CSV:  # CSV drops language tags by design
        [solution] = list(ox.parse_query_results(reply.body, format=fmt))
        assert solution["name"] == ox.Literal(NON_ASCII, language="mul")


def test_get_query_accept_q_values(endpoint):
    reply = get(endpoint, SELECT_NAME, "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1")
    assert reply.header("Content-Type") == "application/sparql-results+xml"


def test_get_query_accept_type_wildcard(endpoint):
    reply = get(endpoint, SELECT_NAME, "text/*")
    assert reply.header("Content-Type") == "text/csv; charset=utf-8"


def test_get_query_accept_exact_beats_star(endpoint):
    reply = get(endpoint, SELECT_NAME, "*/*, text/tab-separated-values")
    assert reply.header("Content-Type").startswith("text/tab-separated-values")


def test_get_query_accept_graph_format_406(endpoint):
    reply = get(endpoint, SELECT_NAME, "text/turtle")
    assert reply.status == 406
    assert "application/sparql-results+json" in problem(reply)["detail"]


def test_get_query_accept_q_zero_406(endpoint):
    reply = get(endpoint, SELECT_NAME, "application/sparql-results+json;q=0, image/png")
    assert reply.status == 406


@pytest.mark.parametrize(
    "accept, fmt",
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/trig", ox.RdfFormat.TRIG),
    ],
)
def test_get_construct_accept_graph_format_non_ascii(endpoint, accept, fmt):
    reply = get(endpoint, CONSTRUCT_NAME, accept)
    assert reply.status == 200
    assert reply.header("Content-Type").split(";")[0] == accept
    [quad] = list(ox.parse(reply.body, format=fmt))
    assert quad.object == ox.Literal(NON_ASCII, language="mul")


def test_get_construct_no_accept_turtle(endpoint):
    reply = get(endpoint, CONSTRUCT_NAME)
    assert reply.header("Content-Type") == "text/turtle; charset=utf-8"


def test_get_construct_accept_results_format_406(endpoint):
    assert get(endpoint, CONSTRUCT_NAME, "text/csv").status == 406


def test_get_describe_graph(endpoint):
    reply = get(endpoint, f"DESCRIBE <{EX}bob>", "application/n-triples")
    triples = list(ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES))
    assert [t.object for t in triples] == [ox.Literal("Bob")]


@pytest.mark.parametrize("accept, expected", [(None, b'"boolean":true'), ("application/sparql-results+xml", b"<boolean>true</boolean>")])
def test_get_ask_accept(endpoint, accept, expected):
    reply = get(endpoint, f"ASK {{ <{EX}alice> <{EX}knows> <{EX}bob> }}", accept)
    assert reply.status == 200 and expected in reply.body


def test_post_form_query(endpoint):
    reply = endpoint.request("POST", "/sparql", body=urlencode({"query": SELECT_NAME}).encode(), headers=FORM)
    assert bindings(reply, "name") == [NON_ASCII]


def test_post_form_query_percent_decoded_once(endpoint):
    body = "query=" + quote('SELECT ("a%25b" AS ?x) {}', safe="")
    reply = endpoint.request("POST", "/sparql", body=body.encode(), headers=FORM)
    assert bindings(reply, "x") == ["a%25b"]


def test_post_direct_query(endpoint):
    reply = endpoint.request("POST", "/sparql", body=SELECT_NAME.encode("utf-8"), headers=DIRECT)
    assert bindings(reply, "name") == [NON_ASCII]


def test_post_direct_query_non_ascii_text(endpoint):
    query = f'SELECT ?s WHERE {{ ?s <{EX}name> "{NON_ASCII}"@mul }}'
    reply = endpoint.request("POST", "/sparql", body=query.encode("utf-8"), headers={"Content-Type": "application/sparql-query; charset=UTF-8"})
    assert bindings(reply, "s") == [EX + "alice"]


def test_post_direct_default_graph_uri_in_url(endpoint):
    path = "/sparql?" + urlencode({"default-graph-uri": G2})
    reply = endpoint.request("POST", path, body=b"SELECT ?s WHERE { ?s ?p ?o }", headers=DIRECT)
    assert bindings(reply, "s") == [EX + "bob"]


def test_get_query_default_graph_is_union(endpoint):
    reply = get(endpoint, f"SELECT ?s WHERE {{ ?s <{EX}name> ?o }}")
    assert bindings(reply, "s") == [EX + "alice", EX + "bob"]


def test_get_query_default_graph_uri(endpoint):
    reply = get(endpoint, f"SELECT ?s WHERE {{ ?s <{EX}name> ?o }}", default_graph_uri=[G1])
    assert bindings(reply, "s") == [EX + "alice"]


def test_get_query_two_default_graph_uris_merged(endpoint):
    reply = get(endpoint, f"SELECT ?s WHERE {{ ?s <{EX}name> ?o }}", default_graph_uri=[G1, G2])
    assert bindings(reply, "s") == [EX + "alice", EX + "bob"]


def test_get_query_named_graph_uri(endpoint):
    reply = get(endpoint, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", named_graph_uri=[G2])
    assert bindings(reply, "g") == [G2]


def test_get_query_from_clause_honoured(endpoint):
    reply = get(endpoint, f"SELECT ?s FROM <{G2}> WHERE {{ ?s <{EX}name> ?o }}")
    assert bindings(reply, "s") == [EX + "bob"]


def test_get_query_protocol_dataset_overrides_from(endpoint):
    reply = get(endpoint, f"SELECT ?s FROM <{G2}> WHERE {{ ?s <{EX}name> ?o }}", default_graph_uri=[G1])
    assert bindings(reply, "s") == [EX + "alice"]


def test_get_query_invalid_graph_iri_400(endpoint):
    reply = get(endpoint, "ASK {}", default_graph_uri=["not an iri"])
    assert reply.status == 400


def test_get_query_rows_truncated_said(endpoint):
    reply = get(endpoint, f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}")
    assert reply.status == 200
    assert len(bindings(reply, "s")) == LIMITS["max_rows"]
    assert reply.header("Rightsgraph-Truncated") == str(LIMITS["max_rows"])


def test_get_construct_triples_truncated_said(endpoint):
    reply = get(endpoint, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}", "application/n-triples")
    assert len(reply.body.splitlines()) == LIMITS["max_rows"]
    assert reply.header("Rightsgraph-Truncated") == str(LIMITS["max_rows"])


def test_get_query_under_limit_not_truncated(endpoint):
    assert get(endpoint, SELECT_NAME).header("Rightsgraph-Truncated") is None


def test_get_query_malformed_400_with_position(endpoint):
    reply = get(endpoint, "SELECT ?x WHERE { ?x ?p }")
    assert reply.status == 400
    body = problem(reply)
    assert body["title"] == "Malformed query"
    assert "1:" in body["detail"]


def test_get_query_two_queries_400(endpoint):
    reply = endpoint.request("GET", "/sparql?" + urlencode([("query", "ASK {}"), ("query", "ASK {}")]))
    assert reply.status == 400
    assert "got 2" in problem(reply)["detail"]


def test_post_form_no_query_400(endpoint):
    reply = endpoint.request("POST", "/sparql", body=b"default-graph-uri=x", headers=FORM)
    assert reply.status == 400


def test_get_query_invalid_utf8_400(endpoint):
    reply = endpoint.request("GET", "/sparql?query=ASK%20%7B%7D%FF")
    assert reply.status == 400
    assert "UTF-8" in problem(reply)["detail"]


def test_post_direct_invalid_utf8_400(endpoint):
    reply = endpoint.request("POST", "/sparql", body=b"ASK {} # \xff\xfe", headers=DIRECT)
    assert reply.status == 400


@pytest.mark.parametrize("headers", [{}, {"Content-Type": "text/plain"}, {"Content-Type": "application/sparql-query; charset=UTF-16"}])
def test_post_query_unsupported_media_type_415(endpoint, headers):
    reply = endpoint.request("POST", "/sparql", body=b"ASK {}", headers=headers)
    assert reply.status == 415
    problem(reply)


def test_post_update_refused(endpoint):
    reply = endpoint.request("POST", "/sparql", body=b"INSERT DATA { <a:a> <a:b> <a:c> }", headers={"Content-Type": "application/sparql-update"})
    assert reply.status == 403
    assert "read-only" in problem(reply)["detail"]


def test_post_form_update_refused(endpoint):
    reply = endpoint.request("POST", "/sparql", body=b"update=CLEAR+ALL", headers=FORM)
    assert reply.status == 403


def test_get_update_refused(endpoint):
    assert endpoint.request("GET", "/sparql?update=CLEAR%20ALL").status == 403


def test_get_query_update_text_refused(endpoint):
    reply = get(endpoint, "PREFIX a: <a:> LOAD <http://127.0.0.1:9/x>")
    assert reply.status == 400


def test_put_sparql_405(endpoint):
    reply = endpoint.request("PUT", "/sparql", body=b"ASK {}", headers=DIRECT)
    assert reply.status == 405
    problem(reply)


def test_head_query_headers_only(endpoint):
    reply = endpoint.request("HEAD", "/sparql?" + urlencode({"query": SELECT_NAME}), headers={"Accept": "text/csv"})
    assert reply.status == 200
    assert reply.header("Content-Type") == "text/csv; charset=utf-8"
    assert reply.body == b""


def test_get_query_cors_and_vary(endpoint):
    reply = get(endpoint, SELECT_NAME)
    assert reply.header("Access-Control-Allow-Origin") == "*"
    assert "Accept" in reply.header("Vary")


def test_get_query_error_has_cors(endpoint):
    assert get(endpoint, "nonsense").header("Access-Control-Allow-Origin") == "*"


def test_options_sparql_preflight(endpoint):
    reply = endpoint.request(
        "OPTIONS",
        "/sparql",
        headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
    )
    assert reply.status == 200
    assert reply.header("Access-Control-Allow-Origin") == "*"
    assert "POST" in reply.header("Access-Control-Allow-Methods")
    assert reply.header("Access-Control-Allow-Headers") == "content-type"


@pytest.mark.parametrize(
    "accept, fmt",
    [(None, ox.RdfFormat.TURTLE), ("application/rdf+xml", ox.RdfFormat.RDF_XML), ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/n-triples", ox.RdfFormat.N_TRIPLES)],
)
def test_get_sparql_service_description(endpoint, accept, fmt):
    reply = endpoint.request("GET", "/sparql", headers={"Accept": accept} if accept else {})
    assert reply.status == 200
    sd = "http://www.w3.org/ns/sparql-service-description#"
    triples = {(q.predicate.value, q.object.value) for q in ox.parse(reply.body, format=fmt)}
    assert (sd + "supportedLanguage", sd + "SPARQL11Query") in triples
    assert (sd + "resultFormat", "http://www.w3.org/ns/formats/SPARQL_Results_JSON") in triples
    [endpoint_iri] = [o for p, o in triples if p == sd + "endpoint"]
    assert endpoint_iri.endswith("/sparql")


def test_get_sparql_service_description_406(endpoint):
    assert endpoint.request("GET", "/sparql", headers={"Accept": "text/csv"}).status == 406


def test_get_health_ok(endpoint):
    reply = endpoint.request("GET", "/health")
    assert reply.status == 200
    assert json.loads(reply.body)["status"] == "ok"


def test_get_unknown_404_same_shape(endpoint):
    reply = endpoint.request("GET", "/nothing-here")
    assert reply.status == 404
    problem(reply)


CONTROL = 'SELECT ?x WHERE { VALUES ?x { "ctl\\u0001z" } }'


@pytest.mark.parametrize(
    "query, accept",
    [
        (CONTROL, "application/sparql-results+xml"),
        ('CONSTRUCT { <a:s> <a:p> "ctl\\u0001z" } WHERE {}', "application/rdf+xml"),
        ('CONSTRUCT { <a:s> <a:p> "bad\\uFFFF" } WHERE {}', "application/rdf+xml"),
    ],
)
def test_get_query_character_xml_cannot_carry_406(endpoint, query, accept):
    """A 200 whose XML no parser accepts would be a silent failure: refuse, and say what to ask for."""
    reply = get(endpoint, query, accept)
    assert reply.status == 406
    assert "XML 1.0" in problem(reply)["detail"]


def test_get_query_character_xml_cannot_carry_in_json_200(endpoint):
    reply = get(endpoint, CONTROL, "application/sparql-results+json")
    assert reply.status == 200
    assert json.loads(reply.body)["results"]["bindings"][0]["x"]["value"] == "ctl\x01z"


def test_get_query_huge_value_cut_by_bytes_not_500(endpoint):
    """One row of 8 MB passes the row cap; the byte cap cuts it and says so (it was a 500)."""
    doubling = " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(22))
    reply = get(endpoint, f'SELECT ?s22 {{ BIND("ab" AS ?s0) {doubling} }}', "application/sparql-results+json")
    assert reply.status == 200
    assert reply.header("Rightsgraph-Truncated") == "0"
    assert json.loads(reply.body)["results"]["bindings"] == []


@pytest.mark.parametrize("query", ["", "   \n"])
def test_get_query_empty_400_saying_so(endpoint, query):
    reply = get(endpoint, query)
    assert reply.status == 400
    assert "empty" in problem(reply)["detail"]
