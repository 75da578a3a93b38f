"""The lexical screen: what it refuses, what it lets through, and how it reads prefixes and escapes."""

from __future__ import annotations

import pytest
from rightsgraph.endpoint.screening import screen
from rightsgraph.errors import (
    QueryTooComplex,
    QueryTooDeep,
    ServiceRefused,
    UpdateAsQuery,
)

ALLOWED = frozenset({"query.wikidata.org"})


def run(query: str, depth: int = 10):
    return screen(query, max_depth=depth, allowed_hosts=ALLOWED)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
        "PREFIX wd: <https://query.wikidata.org/> SELECT * { SERVICE wd:sparql { ?s ?p ?o } }",
        "SELECT * { ?s ?p 'SERVICE <http://evil.example/>' } # SERVICE <http://evil.example/>",
        "SELECT * { ?s <http://example.org/SERVICE> ?service }",
    ],
)
def test_screen_lets_through(query):
    run(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <https://evil.example/sparql> { ?s ?p ?o } }",
        "SELECT * { service silent <https://evil.example/sparql> { } }",
        "PREFIX e: <https://evil.example/> SELECT * { SERVICE e:x { } }",
        "SELECT * { SERVICE undeclared:x { } }",
        "SELECT * { SERVICE ?endpoint { } }",
        "SELECT * { \\u0053ERVICE <https://evil.example/> { } }",
        "SELECT * { SERVICE <https://query.wikidata.org.evil.example/> { } }",
    ],
)
def test_screen_refuses_service(query):
    with pytest.raises(ServiceRefused):
        run(query)


def test_screen_refuses_deep_nesting_but_not_brackets_in_strings():
    run("SELECT * { FILTER(?x = '" + "(" * 100 + "') }")
    with pytest.raises(QueryTooDeep):
        run("SELECT * " + "{" * 11 + "}" * 11)


@pytest.mark.parametrize("query", ["INSERT DATA { <a:a> <a:b> <a:c> }", "PREFIX a: <a:> DELETE WHERE { ?s ?p ?o }", "LOAD <file:///etc/passwd>"])
def test_screen_refuses_updates(query):
    with pytest.raises(UpdateAsQuery):
        run(query)


def test_screen_notices_dataset_clause():
    assert run("SELECT * FROM <http://example.org/g> { ?s ?p ?o }").has_dataset_clause
    assert not run("SELECT * { ?s <http://example.org/from> ?o }").has_dataset_clause


@pytest.mark.parametrize(
    "query",
    [
        # An escaped quote is a quote to the grammar and a string's content to the engine:
        # read one way only, the two long strings hide SERVICE (found by an abuse probe).
        'SELECT * { BIND("\\u0022" AS ?z) SERVICE <http://evil.example/> { ?s ?p ?o } BIND("""x""" AS ?w) }',
        "SELECT * { BIND('\\u0027' AS ?z) SERVICE <http://evil.example/> { } BIND('''x''' AS ?w) }",
        "SELECT * { SERVICE <http://evil\\u002Eexample/> { } }",
        "PREFIX e: <http://evil\\u002Eexample/> SELECT * { SERVICE e:x { } }",
    ],
)
def test_screen_refuses_service_however_escapes_are_read(query):
    with pytest.raises(ServiceRefused):
        run(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { BIND(" + "!" * 3001 + "true AS ?x) }",
        "SELECT * { BIND(" + "+".join(["1"] * 3002) + " AS ?x) }",
        "SELECT * { BIND(" + " && ".join(["true"] * 1502) + " AS ?x) }",
        "SELECT * { " + " UNION ".join(["{}"] * 3002) + " }",
        "SELECT * { " + " ".join(["OPTIONAL { ?s <a:p> ?o }"] * 1501) + " }",
    ],
)
def test_screen_refuses_chains_the_engine_cannot_parse(query):
    """Each of these, about three times longer, killed a worker (the parser's stack overflowed)."""
    with pytest.raises(QueryTooComplex):
        run(query)


def test_screen_lets_through_long_values_and_moderate_chains():
    run("SELECT * { VALUES ?x { " + " ".join(str(n) for n in range(50_000)) + " 1.5 2e3 } }")
    run("SELECT * { BIND(" + "+".join(["1"] * 2000) + " AS ?x) " + " ".join(["OPTIONAL { ?s <a:p> ?o }"] * 400) + " }")
