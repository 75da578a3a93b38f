"""The W3C SPARQL 1.1 Protocol tests and the Service Description, against the real server only.

Each protocol test names the case of the W3C list (rdf-tests/sparql/sparql11/protocol, with the
SPARQL 1.2 additions) it follows; the update cases are answered as a read-only endpoint must,
with 403. Statuses, media types and bodies are asserted exactly where the specifications fix
them. How the endpoint carries the query operation in general, on the Flask test client and the
real server alike, is in test_protocol.py.

Names follow ``test_<method>_<resource>_<condition>``.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from conftest import BIG, EX, G1, G2, GRAPH_TYPES, get, post, problem

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

#: True only when both graphs are in the default graph (the W3C dataset tests' shape).
BOTH_DEFAULT = f"ASK {{ <{EX}alice> <{EX}knows> ?x . <{EX}bob> <{EX}name> ?n }}"
#: True only when both graphs are named graphs.
BOTH_NAMED = f"ASK {{ GRAPH ?g1 {{ <{EX}alice> <{EX}knows> ?x }} GRAPH ?g2 {{ <{EX}bob> <{EX}name> ?n }} }}"


def boolean(reply) -> bool:
    assert reply.status == 200, reply.body
    assert reply.header("Content-Type") == "application/sparql-results+json"
    return json.loads(reply.body)["boolean"]


# --- The W3C protocol tests: queries ---------------------------------------------------------------


def test_get_sparql_default_graph_uri_ask(live):
    """W3C query_get."""
    reply = get(live, "ASK {}", default_graph_uri=[G1])
    assert reply.status == 200
    assert json.loads(reply.body) == {"head": {}, "boolean": True}


def test_post_sparql_form_default_graph_uri_in_url(live):
    """W3C query_post_form: the form body holds the query, the URL a default graph."""
    reply = post(live, "query=ASK%20%7B%7D", FORM, path="/sparql?" + urlencode({"default-graph-uri": G1}))
    assert boolean(reply) is True


def test_get_sparql_two_default_graph_uris_merged(live):
    """W3C query_dataset_default_graphs_get."""
    assert boolean(get(live, BOTH_DEFAULT, default_graph_uri=[G1, G2])) is True
    assert boolean(get(live, BOTH_DEFAULT, default_graph_uri=[G1])) is False


def test_post_sparql_direct_two_default_graph_uris_merged(live):
    """W3C query_dataset_default_graphs_post."""
    path = "/sparql?" + urlencode([("default-graph-uri", G1), ("default-graph-uri", G2)])
    assert boolean(post(live, BOTH_DEFAULT, DIRECT, path=path)) is True


def test_get_sparql_two_named_graph_uris(live):
    """W3C query_dataset_named_graphs_get."""
    assert boolean(get(live, BOTH_NAMED, named_graph_uri=[G1, G2])) is True
    assert boolean(get(live, BOTH_NAMED, named_graph_uri=[G1])) is False


def test_post_sparql_direct_two_named_graph_uris(live):
    """W3C query_dataset_named_graphs_post."""
    path = "/sparql?" + urlencode([("named-graph-uri", G1), ("named-graph-uri", G2)])
    assert boolean(post(live, BOTH_NAMED, DIRECT, path=path)) is True


def test_post_sparql_direct_full_dataset(live):
    """W3C query_dataset_full: one default graph and two named ones."""
    query = f"ASK {{ <{EX}bob> <{EX}name> ?n GRAPH ?g1 {{ <{EX}alice> <{EX}knows> ?x }} GRAPH ?g2 {{ ?i <{EX}rank> 1 }} }}"
    path = "/sparql?" + urlencode([("default-graph-uri", G2), ("named-graph-uri", G1), ("named-graph-uri", BIG)])
    assert boolean(post(live, query, DIRECT, path=path)) is True


def test_post_sparql_direct_protocol_graphs_replace_from(live):
    """W3C query_multiple_dataset: protocol graphs replace the query's FROM and FROM NAMED entirely."""
    named = "/sparql?" + urlencode({"named-graph-uri": G1})
    assert boolean(post(live, f"ASK FROM <{G2}> {{ GRAPH ?g {{ <{EX}alice> ?p ?o }} }}", DIRECT, path=named)) is True
    assert boolean(post(live, f"ASK FROM <{G2}> {{ <{EX}bob> ?p ?o }}", DIRECT, path=named)) is False
    default = "/sparql?" + urlencode({"default-graph-uri": G1})
    assert boolean(post(live, f"ASK FROM <{G2}> {{ <{EX}alice> <{EX}knows> ?o }}", DIRECT, path=default)) is True


def test_post_sparql_direct_construct_relative_iris(live):
    """W3C query_content_type_construct, verbatim."""
    reply = post(live, "CONSTRUCT { <s> <p> 1 } WHERE {}", DIRECT, path="/sparql/?" + urlencode({"default-graph-uri": G1}))
    assert reply.status == 200 and reply.header("Content-Type") == "text/turtle; charset=utf-8"
    [quad] = list(ox.parse(reply.body, format=ox.RdfFormat.TURTLE))
    assert quad.object == ox.Literal("1", datatype=ox.NamedNode(XSD_INTEGER))


# --- The W3C protocol tests: errors ----------------------------------------------------------------


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_put_delete_patch_sparql_405_with_allow(live, method):
    """W3C bad_query_method: a method other than GET or POST."""
    path = "/sparql?" + urlencode({"query": "ASK {}"})
    reply = live.request(method, path, body=b"", headers={"Content-Type": FORM})
    problem(reply, 405)
    allowed = {item.strip() for item in reply.header("Allow").split(",")}
    assert {"GET", "POST"} <= allowed and method not in allowed


def test_get_sparql_two_queries_400(live):
    """W3C bad_multiple_queries."""
    reply = live.request("GET", "/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D")
    assert "got 2" in problem(reply, 400)["detail"]


def test_post_sparql_wrong_media_type_415(live):
    """W3C bad_query_wrong_media_type."""
    problem(post(live, "ASK {}", "text/plain"), 415)


@pytest.mark.parametrize("body", ["query=ASK%20%7B%7D", "ASK {}"], ids=["form-body", "direct-body"])
def test_post_sparql_missing_media_type_415(live, body):
    """W3C bad_query_missing_form_type and bad_query_missing_direct_type."""
    problem(post(live, body, None), 415)


def test_post_sparql_direct_utf16_415(live):
    """W3C bad_query_non_utf8: the body in UTF-16 with its BOM."""
    problem(post(live, "ASK {}".encode("utf-16"), "application/sparql-query; charset=UTF-16"), 415)


def test_get_sparql_syntax_error_400_with_position(live):
    """W3C bad_query_syntax: the parser's message with its position."""
    body = problem(live.request("GET", "/sparql?query=ASK%20%7B"), 400)
    assert body["title"] == "Malformed query" and "1:" in body["detail"]


def test_get_sparql_with_body_400(live):
    """SPARQL 1.2 bad_query_get_with_body: a GET's parameters are in its URL."""
    reply = live.request("GET", "/sparql?query=ASK%20%7B%7D", body=b"query=ASK%20%7B%7D", headers={"Content-Type": FORM})
    problem(reply, 400)


def test_get_sparql_two_versions_400(live):
    """SPARQL 1.2 bad_query_multiple_versions."""
    problem(get(live, "ASK {}", version=["1.1", "1.2"]), 400)


# --- The W3C protocol tests: updates, refused by a read-only endpoint -------------------------------


def test_get_sparql_update_parameter_403(live):
    """W3C bad_update_get: an update through the query endpoint is refused."""
    assert "read-only" in problem(live.request("GET", "/sparql?update=CLEAR%20ALL"), 403)["detail"]


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", FORM),
        ("CLEAR NAMED".encode("utf-16"), "application/sparql-update; charset=UTF-16"),
        ("query=ASK%20%7B%7D&update=CLEAR%20ALL", FORM),
    ],
    ids=["bad_multiple_updates", "bad_update_non_utf8", "query-and-update"],
)
def test_post_sparql_update_refused_403(live, body, content_type):
    """Updates the W3C list sends as bad requests are refused before they are read: read-only."""
    assert "read-only" in problem(post(live, body, content_type), 403)["detail"]


# --- The service description ---------------------------------------------------------------------


def sd_graph(reply, fmt: ox.RdfFormat) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in (q.triple for q in ox.parse(reply.body, format=fmt)))
    return store


@pytest.mark.parametrize("accept", [None, *GRAPH_TYPES])
def test_get_sparql_service_description_each_format(live, accept):
    reply = get(live, accept=accept)
    assert reply.status == 200
    fmt = GRAPH_TYPES[accept] if accept else ox.RdfFormat.TURTLE
    store = sd_graph(reply, fmt)
    [_] = [s for s, in store.query(f"SELECT ?s WHERE {{ ?s <{RDF_TYPE}> <{SD}Service> }}")]
    assert bool(store.query(f"ASK {{ ?s <{SD}endpoint> <{live.url}> }}"))
    assert bool(store.query(f"ASK {{ ?s <{SD}supportedLanguage> <{SD}SPARQL11Query> }}"))
    assert not bool(store.query(f"ASK {{ ?s <{SD}supportedLanguage> <{SD}SPARQL11Update> }}"))


def test_get_sparql_service_description_result_formats(live):
    store = sd_graph(get(live), ox.RdfFormat.TURTLE)
    formats = {o.value for o, in store.query(f"SELECT ?o WHERE {{ ?s <{SD}resultFormat> ?o }}")}
    expected = {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD"}
    assert {"http://www.w3.org/ns/formats/" + name for name in expected} <= formats


def test_get_sparql_service_description_dataset(live):
    """The default dataset: a default graph (the union, said by a feature) and the named graphs."""
    store = sd_graph(get(live), ox.RdfFormat.TURTLE)
    assert bool(store.query(f"ASK {{ ?s <{SD}feature> <{SD}UnionDefaultGraph> }}"))
    assert bool(store.query(f"ASK {{ ?s <{SD}defaultDataset> ?d . ?d a <{SD}Dataset> ; <{SD}defaultGraph> ?g . ?g a <{SD}Graph> }}"))
    names = {n.value for n, in store.query(f"SELECT ?n WHERE {{ ?d <{SD}namedGraph> ?ng . ?ng a <{SD}NamedGraph> ; <{SD}name> ?n ; <{SD}graph> ?g }}")}
    assert {G1, G2, BIG} <= names


def test_get_sparql_service_description_ignores_other_parameters(live):
    """A GET with no protocol parameter (a cache buster, a trace id) still describes the service."""
    reply = live.request("GET", "/sparql?clientRequestId=sd-check")
    assert reply.status == 200 and reply.header("Content-Type") == "text/turtle; charset=utf-8"


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_get_sparql_service_description_results_format_406(live, accept):
    problem(get(live, accept=accept), 406)


def test_head_sparql_service_description(live):
    reply = live.request("HEAD", "/sparql")
    assert reply.status == 200 and reply.body == b""
    assert reply.header("Content-Type") == "text/turtle; charset=utf-8"
