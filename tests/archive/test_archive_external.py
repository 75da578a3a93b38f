"""The same gate in front of an external SPARQL 1.1 store, for each of a real ``oxigraph serve`` and a real
Virtuoso (whose Graph Store endpoint asks Digest credentials): loaded through ``rightsgraph load``, queried
through ``--store-url``, written through the Graph Store Protocol by the archive."""

from __future__ import annotations

import pytest
from archive_support import Server, Tokens, example, fixture, people
from click.testing import CliRunner
from external_stores import start_oxigraph, start_virtuoso
from rightsgraph.cli import main
from rightsgraph.loading import load_store

PROVENANCE = "https://w3id.org/rightsgraph/graph/provenance"


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def external(request, tmp_path_factory):
    directory = tmp_path_factory.mktemp(request.param)
    store = start_oxigraph(directory) if request.param == "oxigraph" else start_virtuoso(directory, "s3cret-dba")
    yield store
    store.stop()


@pytest.fixture(scope="module")
def loaded(external):
    env = {"RIGHTSGRAPH_STORE_USER": external.user, "RIGHTSGRAPH_STORE_PASSWORD": external.password}
    result = CliRunner().invoke(main, ["load", "--into", external.graph_url], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    dataset = load_store()
    expected = {g.value: len(list(dataset.quads_for_pattern(None, None, None, g))) for g in dataset.named_graphs()}
    assert all(f"{n} triples -> {graph}" in result.output for graph, n in expected.items())
    assert external.graphs() == expected
    return external


@pytest.fixture(scope="module")
def front(loaded, tmp_path_factory):
    """rightsgraph serve in front of the loaded store, writing through its Graph Store endpoint."""
    tokens = Tokens(tmp_path_factory.mktemp("tokens") / "tokens.json")
    flags = ["--store-url", loaded.query_url, "--store-graph-url", loaded.graph_url]
    if loaded.user:
        flags += ["--store-user", loaded.user, "--store-password", loaded.password]
    server = Server(*flags, tokens=tokens.file.path)
    server.tokens = tokens
    yield server, loaded
    server.stop()


def test_load_without_credentials_is_refused_with_what_to_do_when_the_store_asks_for_them(loaded):
    """Virtuoso's /sparql-graph-crud-auth refuses (401), said in words, exit 2, no traceback;
    oxigraph serve asks none, so the same command loads."""
    result = CliRunner().invoke(main, ["load", "--into", loaded.graph_url],
                                env={"RIGHTSGRAPH_STORE_USER": "", "RIGHTSGRAPH_STORE_PASSWORD": ""})
    assert "Traceback" not in result.output
    if loaded.user:
        assert result.exit_code == 2 and "401" in result.output and "needs credentials" in result.output
    else:
        assert result.exit_code == 0, result.output


def test_credentials_in_the_url_are_used(loaded):
    user, password = (loaded.user, loaded.password) if loaded.user else ("anyone", "unused")
    url = loaded.graph_url.replace("http://", f"http://{user}:{password}@")
    result = CliRunner().invoke(main, ["load", "--into", url], env={"RIGHTSGRAPH_STORE_USER": ""})
    assert result.exit_code == 0, result.output
    assert f"{password}" not in result.output


def test_a_valid_submission_lands_in_the_external_store_with_its_provenance(front):
    server, store = front
    reply = server.submit(server.tokens.archivist, example("case-record.ttl"))
    assert reply.status == 201, reply.body
    graphs = store.graphs()
    assert graphs[reply.json()["graph"]] == reply.json()["triples"] == 29 and graphs[PROVENANCE] > 0
    rows = server.select(f"SELECT ?id WHERE {{ GRAPH <{reply.json()['graph']}> {{ ?c "
                         "<https://w3id.org/rightsgraph/ontology/claimId> ?id } }")
    assert rows == [{"id": "E001"}]


def test_an_invalid_submission_changes_nothing_in_the_external_store(front):
    server, store = front
    before = store.graphs()
    reply = server.submit(server.tokens.archivist, example("case-record-invalid.ttl"))
    assert reply.status == 422 and not reply.json()["report"]["conforms"]
    assert store.graphs() == before


def test_a_record_citing_a_document_submitted_before_is_judged_against_it(front):
    """The gate reads what the external store holds: the second submission's quotes are found in the
    first one's text, which only the store knows."""
    server, store = front
    document = server.submit(server.tokens.archivist, fixture("harbour-town-2031.ttl"),
                             document=fixture("harbour-town-2031.txt"))
    assert document.status == 201, document.body
    claims = server.submit(server.tokens.archivist, fixture("harbour-town-2031-claims.csv"))
    assert claims.status == 201, claims.body
    assert store.graphs()[claims.json()["graph"]] == claims.json()["triples"]


def test_withdrawal_deletes_the_graph_and_records_both_acts(front):
    server, store = front
    accepted = server.submit(server.tokens.archivist, people("external", 3)).json()
    assert accepted["graph"] in store.graphs()
    assert server.withdraw(server.tokens.withdrawer, accepted["id"]).status == 200
    assert accepted["graph"] not in store.graphs()
    kinds = [a["kind"] for a in server.history() if a["id"] == accepted["id"]]
    assert kinds == ["submission", "withdrawal"]
