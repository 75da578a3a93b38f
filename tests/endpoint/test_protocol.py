"""SPARQL 1.1 Protocol, the query operation as this endpoint carries it: every test runs on the Flask
test client and on the real server (the ``endpoint`` fixture).

How a query is sent and decoded, the RDF dataset, each query form in each result format as its
specification writes it, content negotiation, the errors outside the W3C list, HEAD, OPTIONS and
CORS, and the endpoint's own limits. The W3C protocol test list and the service description are in
test_conformance.py; hostile input is in test_hostile.py.

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
from conftest import BIG, EX, G1, G2, GRAPH_TYPES, LIMITS, NON_ASCII, get, post, problem

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"

SELECT_NAME = f"SELECT ?name WHERE {{ <{EX}alice> <{EX}name> ?name }}"
CONSTRUCT_NAME = f"CONSTRUCT WHERE {{ <{EX}alice> <{EX}name> ?name }}"
#: One solution with every kind of term: a non-ASCII language-tagged literal, a typed one, a blank
#: node, a non-ASCII IRI, a plain literal needing quoting, and an unbound variable.
SELECT_TERMS = (
    f'SELECT ?lang ?typed ?bnode ?iri ?plain ?unbound WHERE {{ BIND("{NON_ASCII}"@mul AS ?lang) '
    'BIND(7 AS ?typed) BIND(BNODE("b") AS ?bnode) '
    f'BIND(<{EX}é> AS ?iri) BIND("a, \\"quoted\\"\\ttab" AS ?plain) }}'
)
VARIABLES = ["lang", "typed", "bnode", "iri", "plain", "unbound"]
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: What a textual format's Content-Type must say exactly.
CONTENT_TYPES = {
    "text/csv": "text/csv; charset=utf-8",
    "text/tab-separated-values": "text/tab-separated-values; charset=utf-8",
    "text/turtle": "text/turtle; charset=utf-8",
    "text/n3": "text/n3; charset=utf-8",
}


def bindings(reply, variable: str) -> list[str]:
    assert reply.status == 200, reply.body
    data = json.loads(reply.body)
    return sorted(row[variable]["value"] for row in data["results"]["bindings"])


def boolean(reply) -> bool:
    assert reply.status == 200, reply.body
    assert reply.header("Content-Type") == "application/sparql-results+json"
    return json.loads(reply.body)["boolean"]


# --- Sending a query: GET, a form, the query itself; how each is decoded -------------------------


def test_post_sparql_form_answered(endpoint):
    reply = post(endpoint, urlencode({"query": SELECT_NAME}), FORM)
    assert bindings(reply, "name") == [NON_ASCII]


def test_post_sparql_form_percent_decoded_once(endpoint):
    reply = post(endpoint, "query=" + quote('SELECT ("a%25b" AS ?x) {}', safe=""), FORM)
    assert bindings(reply, "x") == ["a%25b"]


def test_post_sparql_form_default_graph_uri_in_body(endpoint):
    body = urlencode([("query", f"ASK {{ <{EX}bob> ?p ?o }}"), ("default-graph-uri", G1)])
    assert boolean(post(endpoint, body, FORM)) is False


@pytest.mark.parametrize("content_type", [DIRECT, "application/sparql-query; charset=UTF-8", "application/sparql-query;charset=utf-8"])
def test_post_sparql_direct_non_ascii_query_answered(endpoint, content_type):
    reply = post(endpoint, f'SELECT ?s WHERE {{ ?s <{EX}name> "{NON_ASCII}"@mul }}', content_type)
    assert bindings(reply, "s") == [EX + "alice"]


def test_get_sparql_non_ascii_percent_encoded(endpoint):
    path = "/sparql?query=" + quote(f'ASK {{ ?s ?p "{NON_ASCII}"@mul }}', safe="")
    assert boolean(endpoint.request("GET", path)) is True


def test_get_sparql_plus_is_space(endpoint):
    assert boolean(endpoint.request("GET", "/sparql?query=ASK+%7B%7D")) is True


def test_get_sparql_trailing_slash_same_endpoint(endpoint):
    """The W3C protocol tests write the endpoint as /sparql/."""
    assert boolean(get(endpoint, "ASK {}", path="/sparql/")) is True


def test_get_sparql_version_1_2_answered(endpoint):
    """SPARQL 1.2's optional version parameter, once."""
    assert boolean(get(endpoint, "ASK {}", version=["1.2"])) is True


def test_get_sparql_version_unknown_400(endpoint):
    problem(get(endpoint, "ASK {}", version=["9.9"]), 400)


# --- The RDF dataset: protocol parameters, FROM, and the base IRI --------------------------------


def test_get_sparql_default_graph_is_union(endpoint):
    reply = get(endpoint, f"SELECT ?s WHERE {{ ?s <{EX}name> ?o }}")
    assert bindings(reply, "s") == [EX + "alice", EX + "bob"]


def test_get_sparql_default_graph_uri_not_also_named(endpoint):
    """A graph given only as default-graph-uri is not a named graph of the dataset."""
    assert boolean(get(endpoint, f"ASK {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}", default_graph_uri=[G1])) is False


def test_get_sparql_from_is_the_default_graph(endpoint):
    reply = get(endpoint, f"SELECT ?s FROM <{G2}> WHERE {{ ?s <{EX}name> ?o }}")
    assert bindings(reply, "s") == [EX + "bob"]


def test_get_sparql_from_and_from_named(endpoint):
    query = f"ASK FROM <{G2}> FROM NAMED <{G1}> {{ <{EX}bob> ?p ?o GRAPH <{G1}> {{ <{EX}alice> ?q ?r }} }}"
    assert boolean(get(endpoint, query)) is True


def test_get_sparql_default_graph_uri_invalid_iri_400(endpoint):
    problem(get(endpoint, "ASK {}", default_graph_uri=["not an iri"]), 400)


def test_get_sparql_relative_iri_resolved_against_endpoint(endpoint):
    """W3C query_content_type_construct uses <s> without BASE: the endpoint's URL is the base."""
    reply = get(endpoint, "SELECT ?x WHERE { BIND(<s> AS ?x) }")
    assert reply.status == 200
    [row] = json.loads(reply.body)["results"]["bindings"]
    assert row["x"] == {"type": "uri", "value": endpoint.url.rsplit("/", 1)[0] + "/s"}


def test_get_sparql_base_in_query_wins(endpoint):
    reply = get(endpoint, "BASE <http://example.org/b/> SELECT ?x WHERE { BIND(<s> AS ?x) }")
    assert bindings(reply, "x") == ["http://example.org/b/s"]


# --- Each query form in each format, as the format's specification writes it ---------------------


@pytest.mark.parametrize("accept", list(RESULT_TYPES))
def test_get_sparql_select_each_format(endpoint, accept):
    reply = get(endpoint, SELECT_TERMS, accept)
    assert reply.status == 200
    assert reply.header("Content-Type") == CONTENT_TYPES.get(accept, accept)
    if accept == "text/csv":  # lossy by design, so no RDF parser reads it: see the CSV test below
        assert next(csv.reader(io.StringIO(reply.body.decode("utf-8")))) == VARIABLES
        return
    results = ox.parse_query_results(reply.body, format=RESULT_TYPES[accept])
    assert [v.value for v in results.variables] == VARIABLES
    [solution] = list(results)
    assert solution["iri"] == ox.NamedNode(EX + "é")
    assert solution["unbound"] is None
    assert isinstance(solution["bnode"], ox.BlankNode)
    assert solution["lang"] == ox.Literal(NON_ASCII, language="mul")
    assert solution["typed"] == ox.Literal("7", datatype=ox.NamedNode(XSD_INTEGER))
    assert solution["plain"] == ox.Literal('a, "quoted"\ttab')


def test_get_sparql_select_json_structure(endpoint):
    body = json.loads(get(endpoint, SELECT_TERMS, "application/sparql-results+json").body)
    assert body["head"]["vars"] == VARIABLES
    [row] = body["results"]["bindings"]
    assert row["lang"] == {"type": "literal", "value": NON_ASCII, "xml:lang": "mul"}
    assert row["typed"] == {"type": "literal", "value": "7", "datatype": XSD_INTEGER}
    assert row["bnode"]["type"] == "bnode" and row["bnode"]["value"]
    assert row["iri"] == {"type": "uri", "value": EX + "é"}
    assert row["plain"] == {"type": "literal", "value": 'a, "quoted"\ttab'}
    assert "unbound" not in row


def test_get_sparql_select_xml_structure(endpoint):
    root = ET.fromstring(get(endpoint, SELECT_TERMS, "application/sparql-results+xml").body)
    assert root.tag == RESULTS_NS + "sparql"
    assert [v.get("name") for v in root.find(RESULTS_NS + "head")] == VARIABLES
    [result] = root.find(RESULTS_NS + "results")
    terms = {b.get("name"): b[0] for b in result}
    assert terms["lang"].tag == RESULTS_NS + "literal" and terms["lang"].text == NON_ASCII
    assert terms["lang"].get("{http://www.w3.org/XML/1998/namespace}lang") == "mul"
    assert terms["typed"].get("datatype") == XSD_INTEGER
    assert terms["bnode"].tag == RESULTS_NS + "bnode"
    assert terms["iri"].tag == RESULTS_NS + "uri" and terms["iri"].text == EX + "é"
    assert "unbound" not in terms


def test_get_sparql_select_csv_header_crlf_and_quoting(endpoint):
    body = get(endpoint, SELECT_TERMS, "text/csv").body.decode("utf-8")
    assert body.startswith(",".join(VARIABLES) + "\r\n")
    assert body.endswith("\r\n")
    [_, row] = list(csv.reader(io.StringIO(body)))
    assert row[0] == NON_ASCII and row[1] == "7" and row[2].startswith("_:") and row[3] == EX + "é"
    assert row[4] == 'a, "quoted"\ttab' and row[5] == ""


def test_get_sparql_select_tsv_terms(endpoint):
    lines = get(endpoint, SELECT_TERMS, "text/tab-separated-values").body.decode("utf-8").split("\n")
    assert lines[0] == "\t".join("?" + v for v in VARIABLES)
    cells = lines[1].split("\t")
    assert cells[0] == f'"{NON_ASCII}"@mul' and cells[2].startswith("_:") and cells[3] == f"<{EX}é>"
    assert cells[4] == '"a, \\"quoted\\"\\ttab"' and cells[5] == ""


@pytest.mark.parametrize("accept", list(RESULT_TYPES))
def test_get_sparql_select_empty_each_format(endpoint, accept):
    reply = get(endpoint, "SELECT ?x WHERE { FILTER(false) }", accept)
    assert reply.status == 200
    if accept == "text/csv":
        assert reply.body == b"x\r\n"
        return
    results = ox.parse_query_results(reply.body, format=RESULT_TYPES[accept])
    assert [v.value for v in results.variables] == ["x"]
    assert list(results) == []


def test_get_sparql_select_no_variables_json(endpoint):
    body = json.loads(get(endpoint, "SELECT * WHERE { FILTER(false) }").body)
    assert body == {"head": {"vars": []}, "results": {"bindings": []}}


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("application/sparql-results+json", b'{"head":{},"boolean":false}'),
        ("application/sparql-results+xml", b"<boolean>false</boolean>"),
    ],
)
def test_get_sparql_ask_false_each_format(endpoint, accept, expected):
    reply = get(endpoint, f"ASK {{ <{EX}nobody> ?p ?o }}", accept)
    assert reply.status == 200 and reply.header("Content-Type") == accept
    assert expected in reply.body


def test_get_sparql_ask_xml_namespace(endpoint):
    root = ET.fromstring(get(endpoint, "ASK {}", "application/sparql-results+xml").body)
    assert root.tag == RESULTS_NS + "sparql"
    assert root.find(RESULTS_NS + "boolean").text == "true"


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values"])
def test_get_sparql_ask_tabular_says_boolean(endpoint, accept):
    """CSV and TSV define no boolean; the answer is the bare word, in the asked type."""
    reply = get(endpoint, "ASK {}", accept)
    assert reply.status == 200 and reply.header("Content-Type") == CONTENT_TYPES[accept]
    assert reply.body.strip() == b"true"


@pytest.mark.parametrize("accept", list(GRAPH_TYPES))
def test_get_sparql_construct_each_format(endpoint, accept):
    reply = get(endpoint, CONSTRUCT_NAME, accept)
    assert reply.status == 200
    assert reply.header("Content-Type") == CONTENT_TYPES.get(accept, accept)
    [quad] = list(ox.parse(reply.body, format=GRAPH_TYPES[accept]))
    assert quad.triple == ox.Triple(ox.NamedNode(EX + "alice"), ox.NamedNode(EX + "name"), ox.Literal(NON_ASCII, language="mul"))


@pytest.mark.parametrize("accept", list(GRAPH_TYPES))
def test_get_sparql_describe_each_format(endpoint, accept):
    reply = get(endpoint, f"DESCRIBE <{EX}bob>", accept)
    assert reply.status == 200
    triples = [quad.triple for quad in ox.parse(reply.body, format=GRAPH_TYPES[accept])]
    assert triples == [ox.Triple(ox.NamedNode(EX + "bob"), ox.NamedNode(EX + "name"), ox.Literal("Bob"))]


@pytest.mark.parametrize("accept", list(GRAPH_TYPES))
def test_get_sparql_construct_empty_each_format(endpoint, accept):
    reply = get(endpoint, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s <{EX}none> ?o }}", accept)
    assert reply.status == 200
    assert list(ox.parse(reply.body, format=GRAPH_TYPES[accept])) == []


CONTROL = 'SELECT ?x WHERE { VALUES ?x { "ctl\\u0001z" } }'


@pytest.mark.parametrize(
    "query, accept",
    [
        (CONTROL, "application/sparql-results+xml"),
        ('CONSTRUCT { <a:s> <a:p> "ctl\\u0001z" } WHERE {}', "application/rdf+xml"),
        ('CONSTRUCT { <a:s> <a:p> "bad\\uFFFF" } WHERE {}', "application/rdf+xml"),
    ],
)
def test_get_sparql_xml_unsafe_character_406(endpoint, query, accept):
    """A 200 whose XML no parser accepts would be a silent failure: refuse, and say what to ask for."""
    assert "XML 1.0" in problem(get(endpoint, query, accept), 406)["detail"]


def test_get_sparql_xml_unsafe_character_in_json_200(endpoint):
    reply = get(endpoint, CONTROL, "application/sparql-results+json")
    assert reply.status == 200
    assert json.loads(reply.body)["results"]["bindings"][0]["x"]["value"] == "ctl\x01z"


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
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1", "application/sparql-results+xml"),
        ("text/csv;q=0.9, text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("*/*, text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", "application/sparql-results+xml"),
        ("*/*;q=0.1, text/csv;q=0.2", "text/csv; charset=utf-8"),
        ("image/png, */*;q=0.01", "application/sparql-results+json"),
        ("text/turtle, application/sparql-results+json;q=0.1", "application/sparql-results+json"),
        ("application/sparql-results+json;q=0.5, application/sparql-results+xml;q=0.5", "application/sparql-results+json"),
    ],
)
def test_get_sparql_select_accept_negotiated(endpoint, accept, expected):
    reply = get(endpoint, "SELECT * WHERE { }", accept)
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
def test_get_sparql_construct_accept_negotiated(endpoint, accept, expected):
    reply = get(endpoint, CONSTRUCT_NAME, accept)
    assert reply.status == 200
    assert reply.header("Content-Type") == expected


@pytest.mark.parametrize(
    "accept",
    ["text/html", "image/png", "text/turtle", "application/sparql-results+json;q=0", "application/sparql-results+json;q=0, image/png", "*/*;q=0"],
)
def test_get_sparql_select_unacceptable_406(endpoint, accept):
    body = problem(get(endpoint, "SELECT * WHERE { }", accept), 406)
    assert "application/sparql-results+json" in body["detail"]


def test_get_sparql_ask_graph_format_406(endpoint):
    problem(get(endpoint, "ASK {}", "text/turtle"), 406)


@pytest.mark.parametrize("accept", ["text/csv", "application/sparql-results+json"])
def test_get_sparql_construct_results_format_406(endpoint, accept):
    problem(get(endpoint, CONSTRUCT_NAME, accept), 406)


def test_get_sparql_answers_vary_on_accept_with_cors(endpoint):
    for reply in (get(endpoint, "ASK {}"), get(endpoint, CONSTRUCT_NAME), get(endpoint)):
        assert reply.status == 200
        assert "Accept" in [item.strip() for item in reply.header("Vary").split(",")]
        assert reply.header("Access-Control-Allow-Origin") == "*"


# --- Errors outside the W3C list -----------------------------------------------------------------


def test_post_sparql_form_two_queries_400(endpoint):
    problem(post(endpoint, "query=ASK%20%7B%7D&query=ASK%20%7B%7D", FORM), 400)


def test_post_sparql_form_no_query_400(endpoint):
    problem(post(endpoint, urlencode({"default-graph-uri": G1}), FORM), 400)


def test_get_sparql_graph_parameter_without_query_400(endpoint):
    problem(get(endpoint, default_graph_uri=[G1]), 400)


def test_get_sparql_invalid_utf8_400(endpoint):
    reply = endpoint.request("GET", "/sparql?query=ASK%20%7B%7D%FF")
    assert "UTF-8" in problem(reply, 400)["detail"]


def test_post_sparql_direct_invalid_utf8_400(endpoint):
    assert "UTF-8" in problem(post(endpoint, b"ASK { ?s ?p '\xe9' }", DIRECT), 400)["detail"]


def test_post_sparql_form_invalid_utf8_400(endpoint):
    problem(post(endpoint, b"query=ASK%20%7B%7D%E9", FORM), 400)


@pytest.mark.parametrize("query", ["", "   \n"])
def test_get_sparql_empty_query_400_saying_so(endpoint, query):
    assert "empty" in problem(get(endpoint, query), 400)["detail"]


def test_post_sparql_direct_empty_query_400_saying_so(endpoint):
    assert "empty" in problem(post(endpoint, b"", DIRECT), 400)["detail"]


# --- HEAD, OPTIONS and CORS ----------------------------------------------------------------------


def test_head_sparql_query_headers_of_get(endpoint):
    path = "/sparql?" + urlencode({"query": "ASK {}"})
    reply = endpoint.request("HEAD", path, headers={"Accept": "application/sparql-results+xml"})
    assert reply.status == 200 and reply.body == b""
    assert reply.header("Content-Type") == "application/sparql-results+xml"
    assert reply.header("Content-Length") == endpoint.request("GET", path, headers={"Accept": "application/sparql-results+xml"}).header("Content-Length")
    assert reply.header("Access-Control-Allow-Origin") == "*"


def test_options_sparql_preflight_allows_post(endpoint):
    """A browser's preflight before a cross-origin POST of application/sparql-query."""
    reply = endpoint.request(
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


@pytest.mark.parametrize(
    "method, path, body, headers, status",
    [
        ("GET", "/sparql?query=ASK%20%7B", None, {}, 400),
        ("GET", "/sparql?query=ASK%20%7B%7D", None, {"Accept": "image/png"}, 406),
        ("POST", "/sparql", b"ASK {}", {"Content-Type": "text/plain"}, 415),
        ("DELETE", "/sparql", None, {}, 405),
        ("GET", "/sparql?" + urlencode({"query": "ASK {} #" + "x" * LIMITS["max_body_bytes"]}), None, {}, 413),
        ("GET", "/no-such-thing", None, {}, 404),
    ],
    ids=["malformed", "unacceptable", "media-type", "method", "too-large", "no-such-resource"],
)
def test_any_sparql_error_in_problem_shape_with_cors(endpoint, method, path, body, headers, status):
    problem(endpoint.request(method, path, body=body, headers=headers), status)


# --- The endpoint's limits: rows, bytes, the query string -----------------------------------------


def test_get_sparql_rows_past_max_rows_truncated_said_and_exposed(endpoint):
    path = "/sparql?" + urlencode({"query": f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}"})
    reply = endpoint.request("GET", path, headers={"Origin": "https://client.example"})
    assert len(bindings(reply, "s")) == LIMITS["max_rows"]
    assert reply.header("Rightsgraph-Truncated") == str(LIMITS["max_rows"])
    assert reply.header("Access-Control-Allow-Origin") == "*"
    assert "Rightsgraph-Truncated" in reply.header("Access-Control-Expose-Headers")


def test_get_sparql_construct_triples_past_max_rows_truncated_said(endpoint):
    reply = get(endpoint, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}", "application/n-triples")
    assert len(reply.body.splitlines()) == LIMITS["max_rows"]
    assert reply.header("Rightsgraph-Truncated") == str(LIMITS["max_rows"])


def test_get_sparql_under_max_rows_not_truncated(endpoint):
    reply = get(endpoint, SELECT_NAME)
    assert bindings(reply, "name") == [NON_ASCII]
    assert reply.header("Rightsgraph-Truncated") is None


def test_get_sparql_value_past_answer_bytes_cut_and_said(endpoint):
    """One row of 8 MB passes the row cap; the byte cap cuts it and says so (it was a 500)."""
    doubling = " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(22))
    reply = get(endpoint, f'SELECT ?s22 {{ BIND("ab" AS ?s0) {doubling} }}', "application/sparql-results+json")
    assert reply.status == 200
    assert reply.header("Rightsgraph-Truncated") == "0"
    assert json.loads(reply.body)["results"]["bindings"] == []


def test_get_sparql_query_string_within_cap_answered(endpoint):
    assert boolean(get(endpoint, "ASK {} #" + "x" * (LIMITS["max_body_bytes"] // 2))) is True
