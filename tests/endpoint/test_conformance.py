"""SPARQL 1.1 Protocol and Service Description conformance, against the real server only.

What an independent checker asks, after the W3C protocol tests
(rdf-tests/sparql/sparql11/protocol, with the SPARQL 1.2 additions) and the
result-format specifications: every way of sending a query, the dataset
parameters, each query form in each format, content negotiation, every error
the protocol names, HEAD, CORS and the service description. Statuses, media
types and bodies are asserted exactly where the specifications fix them.

Names follow ``test_<method>_<resource>_<condition>``.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from conftest import BIG, EX, G1, G2, LIMITS, NON_ASCII

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"

#: True only when both graphs are in the default graph (the W3C dataset tests' shape).
BOTH_DEFAULT = f"ASK {{ <{EX}alice> <{EX}knows> ?x . <{EX}bob> <{EX}name> ?n }}"
#: True only when both graphs are named graphs.
BOTH_NAMED = f"ASK {{ GRAPH ?g1 {{ <{EX}alice> <{EX}knows> ?x }} GRAPH ?g2 {{ <{EX}bob> <{EX}name> ?n }} }}"
SELECT_TERMS = (
    'SELECT ?lang ?typed ?bnode ?iri ?plain ?unbound WHERE { '
    'BIND("chat"@fr AS ?lang) BIND(7 AS ?typed) BIND(BNODE("b") AS ?bnode) '
    f'BIND(<{EX}é> AS ?iri) BIND("a, \\"quoted\\"\\ttab" AS ?plain) }}'
)
CONSTRUCT_NAME = f"CONSTRUCT WHERE {{ <{EX}alice> <{EX}name> ?name }}"
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "text/n3": ox.RdfFormat.N3,
}
#: What a textual format's Content-Type must say exactly.
CONTENT_TYPES = {
    "text/csv": "text/csv; charset=utf-8",
    "text/tab-separated-values": "text/tab-separated-values; charset=utf-8",
    "text/turtle": "text/turtle; charset=utf-8",
    "text/n3": "text/n3; charset=utf-8",
}


def get(live, query: str | None = None, accept: str | None = None, path: str = "/sparql", **params):
    pairs = ([("query", query)] if query is not None else []) + [
        (name.replace("_", "-"), value) for name, values in params.items() for value in values
    ]
    headers = {"Accept": accept} if accept is not None else {}
    return live.request("GET", path + ("?" + urlencode(pairs) if pairs else ""), headers=headers)


def post(live, body: bytes | str, content_type: str | None, path: str = "/sparql", accept: str | None = None):
    headers = {} if content_type is None else {"Content-Type": content_type}
    if accept is not None:
        headers["Accept"] = accept
    return live.request("POST", path, body=body.encode("utf-8") if isinstance(body, str) else body, headers=headers)


def boolean(reply) -> bool:
    assert reply.status == 200, reply.body
    assert reply.header("Content-Type") == "application/sparql-results+json"
    return json.loads(reply.body)["boolean"]


def problem(reply, status: int) -> dict:
    """An error in the endpoint's one shape, with CORS and Vary like every response."""
    assert reply.status == status, reply.body
    assert reply.header("Content-Type") == "application/problem+json"
    assert reply.header("Access-Control-Allow-Origin") == "*"
    assert "Accept" in reply.header("Vary")
    body = json.loads(reply.body)
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in reply.body.decode() and ".py" not in reply.body.decode()
    return body


# --- The query operation: three ways to send it -------------------------------------------------


def test_get_sparql_query_ask(live):
    reply = get(live, "ASK {}", default_graph_uri=[G1])
    assert reply.status == 200
    assert json.loads(reply.body) == {"head": {}, "boolean": True}


def test_post_form_sparql_query_graph_in_url(live):
    """W3C query_post_form: the form body holds the query, the URL a default graph."""
    reply = post(live, "query=ASK%20%7B%7D", FORM, path="/sparql?" + urlencode({"default-graph-uri": G1}))
    assert boolean(reply) is True


def test_post_form_sparql_query_graph_in_body(live):
    body = urlencode([("query", f"ASK {{ <{EX}bob> ?p ?o }}"), ("default-graph-uri", G1)])
    assert boolean(post(live, body, FORM)) is False


def test_post_direct_sparql_query(live):
    assert boolean(post(live, "ASK {}", DIRECT)) is True


def test_post_direct_sparql_query_charset_utf8(live):
    reply = post(live, f'ASK {{ ?s ?p "{NON_ASCII}"@mul }}', "application/sparql-query;charset=utf-8")
    assert boolean(reply) is True


def test_get_sparql_query_non_ascii_percent_encoded(live):
    path = "/sparql?query=" + quote(f'ASK {{ ?s ?p "{NON_ASCII}"@mul }}', safe="")
    assert boolean(live.request("GET", path)) is True


def test_get_sparql_query_plus_is_space(live):
    assert boolean(live.request("GET", "/sparql?query=ASK+%7B%7D")) is True


def test_get_sparql_trailing_slash_same_endpoint(live):
    """The W3C protocol tests write the endpoint as /sparql/."""
    assert boolean(get(live, "ASK {}", path="/sparql/")) is True


def test_get_sparql_version_accepted(live):
    """SPARQL 1.2's optional version parameter, once."""
    assert boolean(get(live, "ASK {}", version=["1.2"])) is True


# --- The RDF dataset: protocol parameters, FROM, and which wins ---------------------------------


def test_get_sparql_default_graph_is_union(live):
    assert boolean(get(live, BOTH_DEFAULT)) is True


def test_get_sparql_two_default_graph_uris(live):
    assert boolean(get(live, BOTH_DEFAULT, default_graph_uri=[G1, G2])) is True
    assert boolean(get(live, BOTH_DEFAULT, default_graph_uri=[G1])) is False


def test_post_direct_sparql_two_default_graph_uris(live):
    path = "/sparql?" + urlencode([("default-graph-uri", G1), ("default-graph-uri", G2)])
    assert boolean(post(live, BOTH_DEFAULT, DIRECT, path=path)) is True


def test_get_sparql_two_named_graph_uris(live):
    assert boolean(get(live, BOTH_NAMED, named_graph_uri=[G1, G2])) is True
    assert boolean(get(live, BOTH_NAMED, named_graph_uri=[G1])) is False


def test_post_direct_sparql_named_graph_uris(live):
    path = "/sparql?" + urlencode([("named-graph-uri", G1), ("named-graph-uri", G2)])
    assert boolean(post(live, BOTH_NAMED, DIRECT, path=path)) is True


def test_post_direct_sparql_full_dataset(live):
    """W3C query_dataset_full: one default graph and two named ones."""
    query = f"ASK {{ <{EX}bob> <{EX}name> ?n GRAPH ?g1 {{ <{EX}alice> <{EX}knows> ?x }} GRAPH ?g2 {{ ?i <{EX}rank> 1 }} }}"
    path = "/sparql?" + urlencode([("default-graph-uri", G2), ("named-graph-uri", G1), ("named-graph-uri", BIG)])
    assert boolean(post(live, query, DIRECT, path=path)) is True


def test_get_sparql_default_graph_uri_not_also_named(live):
    """A graph given only as default-graph-uri is not a named graph of the dataset."""
    assert boolean(get(live, f"ASK {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}", default_graph_uri=[G1])) is False


def test_get_sparql_from_and_from_named(live):
    query = f"ASK FROM <{G2}> FROM NAMED <{G1}> {{ <{EX}bob> ?p ?o GRAPH <{G1}> {{ <{EX}alice> ?q ?r }} }}"
    assert boolean(get(live, query)) is True


def test_get_sparql_from_excludes_other_graphs(live):
    assert boolean(get(live, f"ASK FROM <{G2}> {{ <{EX}alice> ?p ?o }}")) is False


def test_post_direct_sparql_protocol_named_graphs_override_from(live):
    """W3C query_multiple_dataset: protocol graphs replace the query's FROM entirely."""
    query = f"ASK FROM <{G2}> {{ GRAPH ?g {{ <{EX}alice> ?p ?o }} }}"
    path = "/sparql?" + urlencode({"named-graph-uri": G1})
    assert boolean(post(live, query, DIRECT, path=path)) is True
    assert boolean(post(live, f"ASK FROM <{G2}> {{ <{EX}bob> ?p ?o }}", DIRECT, path=path)) is False


def test_get_sparql_relative_iri_resolved_against_endpoint(live):
    """W3C query_content_type_construct uses <s> without BASE: the endpoint's URL is the base."""
    reply = get(live, "SELECT ?x WHERE { BIND(<s> AS ?x) }")
    assert reply.status == 200
    [row] = json.loads(reply.body)["results"]["bindings"]
    assert row["x"] == {"type": "uri", "value": live.url.rsplit("/", 1)[0] + "/s"}


def test_get_sparql_base_in_query_wins(live):
    reply = get(live, "BASE <http://example.org/b/> SELECT ?x WHERE { BIND(<s> AS ?x) }")
    assert json.loads(reply.body)["results"]["bindings"][0]["x"]["value"] == "http://example.org/b/s"


# --- Each query form in each format --------------------------------------------------------------


@pytest.mark.parametrize("accept", list(RESULT_TYPES))
def test_get_sparql_select_each_format(live, accept):
    reply = get(live, SELECT_TERMS, accept)
    assert reply.status == 200
    assert reply.header("Content-Type") == CONTENT_TYPES.get(accept, accept)
    if accept == "text/csv":  # lossy by design, so no RDF parser reads it: see the CSV test below
        assert list(csv.reader(io.StringIO(reply.body.decode("utf-8"))))[0] == ["lang", "typed", "bnode", "iri", "plain", "unbound"]
        return
    results = ox.parse_query_results(reply.body, format=RESULT_TYPES[accept])
    assert [v.value for v in results.variables] == ["lang", "typed", "bnode", "iri", "plain", "unbound"]
    [solution] = list(results)
    assert solution["iri"] == ox.NamedNode(EX + "é")
    assert solution["unbound"] is None
    assert isinstance(solution["bnode"], ox.BlankNode)
    assert solution["lang"] == ox.Literal("chat", language="fr")
    assert solution["typed"] == ox.Literal("7", datatype=ox.NamedNode(XSD_INTEGER))
    assert solution["plain"] == ox.Literal('a, "quoted"\ttab')


def test_get_sparql_select_json_structure(live):
    reply = get(live, SELECT_TERMS, "application/sparql-results+json")
    body = json.loads(reply.body)
    assert body["head"]["vars"] == ["lang", "typed", "bnode", "iri", "plain", "unbound"]
    [row] = body["results"]["bindings"]
    assert row["lang"] == {"type": "literal", "value": "chat", "xml:lang": "fr"}
    assert row["typed"] == {"type": "literal", "value": "7", "datatype": XSD_INTEGER}
    assert row["bnode"]["type"] == "bnode" and row["bnode"]["value"]
    assert row["iri"] == {"type": "uri", "value": EX + "é"}
    assert row["plain"] == {"type": "literal", "value": 'a, "quoted"\ttab'}
    assert "unbound" not in row


def test_get_sparql_select_xml_structure(live):
    root = ET.fromstring(get(live, SELECT_TERMS, "application/sparql-results+xml").body)
    assert root.tag == RESULTS_NS + "sparql"
    assert [v.get("name") for v in root.find(RESULTS_NS + "head")] == ["lang", "typed", "bnode", "iri", "plain", "unbound"]
    [result] = root.find(RESULTS_NS + "results")
    bindings = {b.get("name"): b[0] for b in result}
    assert bindings["lang"].tag == RESULTS_NS + "literal"
    assert bindings["lang"].get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert bindings["typed"].get("datatype") == XSD_INTEGER
    assert bindings["bnode"].tag == RESULTS_NS + "bnode"
    assert bindings["iri"].tag == RESULTS_NS + "uri" and bindings["iri"].text == EX + "é"
    assert "unbound" not in bindings


def test_get_sparql_select_csv_header_crlf_and_quoting(live):
    body = get(live, SELECT_TERMS, "text/csv").body.decode("utf-8")
    assert body.startswith("lang,typed,bnode,iri,plain,unbound\r\n")
    assert body.endswith("\r\n")
    [header, row] = list(csv.reader(io.StringIO(body)))
    assert row[0] == "chat" and row[1] == "7" and row[2].startswith("_:") and row[3] == EX + "é"
    assert row[4] == 'a, "quoted"\ttab' and row[5] == ""


def test_get_sparql_select_tsv_terms(live):
    lines = get(live, SELECT_TERMS, "text/tab-separated-values").body.decode("utf-8").split("\n")
    assert lines[0] == "?lang\t?typed\t?bnode\t?iri\t?plain\t?unbound"
    cells = lines[1].split("\t")
    assert cells[0] == '"chat"@fr' and cells[2].startswith("_:") and cells[3] == f"<{EX}é>"
    assert cells[4] == '"a, \\"quoted\\"\\ttab"' and cells[5] == ""


@pytest.mark.parametrize("accept", list(RESULT_TYPES))
def test_get_sparql_select_empty_each_format(live, accept):
    reply = get(live, "SELECT ?x WHERE { FILTER(false) }", accept)
    assert reply.status == 200
    if accept == "text/csv":
        assert reply.body == b"x\r\n"
        return
    results = ox.parse_query_results(reply.body, format=RESULT_TYPES[accept])
    assert [v.value for v in results.variables] == ["x"]
    assert list(results) == []


def test_get_sparql_select_no_variables_json(live):
    body = json.loads(get(live, "SELECT * WHERE { FILTER(false) }").body)
    assert body == {"head": {"vars": []}, "results": {"bindings": []}}


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("application/sparql-results+json", b'{"head":{},"boolean":false}'),
        ("application/sparql-results+xml", b"<boolean>false</boolean>"),
    ],
)
def test_get_sparql_ask_false_each_format(live, accept, expected):
    reply = get(live, f"ASK {{ <{EX}nobody> ?p ?o }}", accept)
    assert reply.status == 200 and reply.header("Content-Type") == accept
    assert expected in reply.body


def test_get_sparql_ask_xml_namespace(live):
    root = ET.fromstring(get(live, "ASK {}", "application/sparql-results+xml").body)
    assert root.tag == RESULTS_NS + "sparql"
    assert root.find(RESULTS_NS + "boolean").text == "true"


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values"])
def test_get_sparql_ask_tabular_says_boolean(live, accept):
    """CSV and TSV define no boolean; the answer is the bare word, in the asked type."""
    reply = get(live, "ASK {}", accept)
    assert reply.status == 200 and reply.header("Content-Type") == CONTENT_TYPES[accept]
    assert reply.body.strip() == b"true"


def test_get_sparql_ask_graph_format_406(live):
    problem(get(live, "ASK {}", "text/turtle"), 406)


@pytest.mark.parametrize("accept", list(GRAPH_TYPES))
def test_get_sparql_construct_each_format(live, accept):
    reply = get(live, CONSTRUCT_NAME, accept)
    assert reply.status == 200
    assert reply.header("Content-Type").split(";")[0] == accept
    assert reply.header("Content-Type") == CONTENT_TYPES.get(accept, accept)
    [quad] = list(ox.parse(reply.body, format=GRAPH_TYPES[accept]))
    assert quad.triple == ox.Triple(ox.NamedNode(EX + "alice"), ox.NamedNode(EX + "name"), ox.Literal(NON_ASCII, language="mul"))


@pytest.mark.parametrize("accept", list(GRAPH_TYPES))
def test_get_sparql_describe_each_format(live, accept):
    reply = get(live, f"DESCRIBE <{EX}bob>", accept)
    assert reply.status == 200
    triples = [quad.triple for quad in ox.parse(reply.body, format=GRAPH_TYPES[accept])]
    assert triples == [ox.Triple(ox.NamedNode(EX + "bob"), ox.NamedNode(EX + "name"), ox.Literal("Bob"))]


@pytest.mark.parametrize("accept", list(GRAPH_TYPES))
def test_get_sparql_construct_empty_each_format(live, accept):
    reply = get(live, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s <{EX}none> ?o }}", accept)
    assert reply.status == 200
    assert list(ox.parse(reply.body, format=GRAPH_TYPES[accept])) == []


def test_post_direct_sparql_construct_relative_iris(live):
    """W3C query_content_type_construct, verbatim."""
    reply = post(live, "CONSTRUCT { <s> <p> 1 } WHERE {}", DIRECT, path="/sparql/?" + urlencode({"default-graph-uri": G1}))
    assert reply.status == 200 and reply.header("Content-Type") == "text/turtle; charset=utf-8"
    [quad] = list(ox.parse(reply.body, format=ox.RdfFormat.TURTLE))
    assert quad.object == ox.Literal("1", datatype=ox.NamedNode(XSD_INTEGER))


def test_get_sparql_construct_results_format_406(live):
    problem(get(live, CONSTRUCT_NAME, "application/sparql-results+json"), 406)


# --- Content negotiation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "accept, expected",
    [
        (None, "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/*", "application/sparql-results+json"),
        ("text/*", "text/csv; charset=utf-8"),
        ("application/json", "application/sparql-results+json"),
        ("application/xml", "application/sparql-results+xml"),
        ("APPLICATION/SPARQL-RESULTS+XML", "application/sparql-results+xml"),
        ("application/sparql-results+xml; charset=utf-8", "application/sparql-results+xml"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/csv;q=0.9, text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", "application/sparql-results+xml"),
        ("*/*;q=0.1, text/csv;q=0.2", "text/csv; charset=utf-8"),
        ("image/png, */*;q=0.01", "application/sparql-results+json"),
        ("text/turtle, application/sparql-results+json;q=0.1", "application/sparql-results+json"),
        ("application/sparql-results+json;q=0.5, application/sparql-results+xml;q=0.5", "application/sparql-results+json"),
    ],
)
def test_get_sparql_select_accept_negotiated(live, accept, expected):
    reply = get(live, "SELECT * WHERE { }", accept)
    assert reply.status == 200
    assert reply.header("Content-Type") == expected


@pytest.mark.parametrize(
    "accept, expected",
    [
        (None, "text/turtle; charset=utf-8"),
        ("*/*", "text/turtle; charset=utf-8"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.8", "application/rdf+xml"),
        ("text/plain", "application/n-triples"),
        ("application/json", "application/ld+json"),
        ("application/*", "application/n-triples"),
    ],
)
def test_get_sparql_construct_accept_negotiated(live, accept, expected):
    reply = get(live, CONSTRUCT_NAME, accept)
    assert reply.status == 200
    assert reply.header("Content-Type") == expected


@pytest.mark.parametrize("accept", ["text/html", "image/png", "application/sparql-results+json;q=0", "*/*;q=0"])
def test_get_sparql_select_unacceptable_406(live, accept):
    body = problem(get(live, "SELECT * WHERE { }", accept), 406)
    assert "application/sparql-results+json" in body["detail"]


def test_get_sparql_vary_accept_on_answers(live):
    for reply in (get(live, "ASK {}"), get(live, CONSTRUCT_NAME), get(live)):
        assert "Accept" in [item.strip() for item in reply.header("Vary").split(",")]


# --- Errors the protocol names -------------------------------------------------------------------


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_put_sparql_method_not_allowed_405(live, method):
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


def test_post_form_sparql_two_queries_400(live):
    problem(post(live, "query=ASK%20%7B%7D&query=ASK%20%7B%7D", FORM), 400)


def test_post_form_sparql_no_query_400(live):
    problem(post(live, urlencode({"default-graph-uri": G1}), FORM), 400)


def test_get_sparql_graph_parameter_without_query_400(live):
    problem(get(live, default_graph_uri=[G1]), 400)


def test_post_sparql_wrong_media_type_415(live):
    """W3C bad_query_wrong_media_type."""
    problem(post(live, "ASK {}", "text/plain"), 415)


@pytest.mark.parametrize("body", ["query=ASK%20%7B%7D", "ASK {}"])
def test_post_sparql_missing_media_type_415(live, body):
    """W3C bad_query_missing_form_type and bad_query_missing_direct_type."""
    problem(post(live, body, None), 415)


def test_post_direct_sparql_utf16_415(live):
    """W3C bad_query_non_utf8: the body in UTF-16 with its BOM."""
    problem(post(live, "ASK {}".encode("utf-16"), "application/sparql-query; charset=UTF-16"), 415)


def test_post_direct_sparql_invalid_utf8_400(live):
    assert "UTF-8" in problem(post(live, b"ASK { ?s ?p '\xe9' }", DIRECT), 400)["detail"]


def test_post_form_sparql_invalid_utf8_400(live):
    problem(post(live, b"query=ASK%20%7B%7D%E9", FORM), 400)


def test_get_sparql_syntax_error_400(live):
    """W3C bad_query_syntax: the parser's message with its position."""
    body = problem(live.request("GET", "/sparql?query=ASK%20%7B"), 400)
    assert body["title"] == "Malformed query" and "1:" in body["detail"]


def test_post_direct_sparql_empty_query_400(live):
    problem(post(live, b"", DIRECT), 400)


def test_get_sparql_with_body_400(live):
    """SPARQL 1.2 bad_query_get_with_body: a GET's parameters are in its URL."""
    reply = live.request("GET", "/sparql?query=ASK%20%7B%7D", body=b"query=ASK%20%7B%7D", headers={"Content-Type": FORM})
    problem(reply, 400)


def test_get_sparql_two_versions_400(live):
    """SPARQL 1.2 bad_query_multiple_versions."""
    problem(get(live, "ASK {}", version=["1.1", "1.2"]), 400)


def test_get_sparql_unknown_version_400(live):
    problem(get(live, "ASK {}", version=["9.9"]), 400)


def test_get_sparql_update_parameter_403(live):
    """W3C bad_update_get: an update through the query endpoint is refused."""
    assert "read-only" in problem(live.request("GET", "/sparql?update=CLEAR%20ALL"), 403)["detail"]


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", FORM),
        ("update=CLEAR%20NAMED", FORM),
        ("CLEAR NAMED", "application/sparql-update"),
        ("CLEAR NAMED".encode("utf-16"), "application/sparql-update; charset=UTF-16"),
        ("query=ASK%20%7B%7D&update=CLEAR%20ALL", FORM),
    ],
)
def test_post_sparql_update_refused_403(live, body, content_type):
    problem(post(live, body, content_type), 403)


@pytest.mark.parametrize("update", ["CLEAR ALL", "INSERT DATA { <a:s> <a:p> <a:o> }", "PREFIX a: <a:> DELETE WHERE { ?s ?p ?o }", "DROP ALL"])
def test_post_direct_sparql_update_text_as_query_400(live, update):
    """Not valid under the query grammar, so the protocol's 400, saying what to do."""
    assert "read-only" in problem(post(live, update, DIRECT), 400)["detail"]


# --- HEAD, OPTIONS and CORS ----------------------------------------------------------------------


def test_head_sparql_query_headers_of_get(live):
    path = "/sparql?" + urlencode({"query": "ASK {}"})
    reply = live.request("HEAD", path, headers={"Accept": "application/sparql-results+xml"})
    assert reply.status == 200 and reply.body == b""
    assert reply.header("Content-Type") == "application/sparql-results+xml"
    assert reply.header("Content-Length") == live.request("GET", path, headers={"Accept": "application/sparql-results+xml"}).header("Content-Length")
    assert reply.header("Access-Control-Allow-Origin") == "*"


def test_head_sparql_service_description(live):
    reply = live.request("HEAD", "/sparql")
    assert reply.status == 200 and reply.body == b""
    assert reply.header("Content-Type") == "text/turtle; charset=utf-8"


def test_options_sparql_preflight_post_json(live):
    """A browser's preflight before a cross-origin POST of application/sparql-query."""
    reply = live.request(
        "OPTIONS",
        "/sparql",
        headers={
            "Origin": "https://client.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, accept, x-requested-with",
        },
    )
    assert 200 <= reply.status < 300 and reply.body == b""
    assert reply.header("Access-Control-Allow-Origin") == "*"
    methods = {item.strip() for item in reply.header("Access-Control-Allow-Methods").split(",")}
    assert {"GET", "POST"} <= methods
    headers = {item.strip().lower() for item in reply.header("Access-Control-Allow-Headers").split(",")}
    assert {"content-type", "accept", "x-requested-with"} <= headers
    assert int(reply.header("Access-Control-Max-Age")) > 0
    assert reply.header("Content-Security-Policy") is None


def test_get_sparql_cors_exposes_truncation(live):
    path = "/sparql?" + urlencode({"query": f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}"})
    reply = live.request("GET", path, headers={"Origin": "https://client.example"})
    assert reply.header("Access-Control-Allow-Origin") == "*"
    assert reply.header("Rightsgraph-Truncated") == str(LIMITS["max_rows"])
    assert "Rightsgraph-Truncated" in reply.header("Access-Control-Expose-Headers")


def test_get_sparql_cors_on_every_error(live):
    replies = [
        (get(live, "ASK {"), 400),
        (get(live, "ASK {}", "image/png"), 406),
        (post(live, "ASK {}", "text/plain"), 415),
        (live.request("DELETE", "/sparql"), 405),
        (get(live, "ASK {} #" + "x" * LIMITS["max_body_bytes"]), 413),
        (live.request("GET", "/no-such-thing"), 404),
    ]
    for reply, status in replies:
        problem(reply, status)


def test_get_sparql_long_url_within_limit_answered(live):
    query = "ASK {} #" + "x" * (LIMITS["max_body_bytes"] // 2)
    assert boolean(get(live, query)) is True


def test_get_sparql_url_far_beyond_cap_413(live):
    """Fifteen times the query-string cap: still the endpoint's 413, not the HTTP server's 431.

    (waitress itself refuses a request head beyond twice the cap plus 64 kB, with 431.)
    """
    reply = live.request("GET", "/sparql?query=" + "x" * (15 * LIMITS["max_body_bytes"]))
    problem(reply, 413)


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
    [service] = [s for s, in store.query(f"SELECT ?s WHERE {{ ?s <{RDF_TYPE}> <{SD}Service> }}")]
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


def test_get_sparql_service_description_results_format_406(live):
    problem(get(live, accept="application/sparql-results+json"), 406)
