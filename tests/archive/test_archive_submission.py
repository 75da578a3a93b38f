"""A submission round-trip as an archivist makes it, against a real server on an on-disk store:
valid (lands as its own graph, queryable at once), invalid (refused whole, nothing changes),
withdrawn (its graph gone, both acts on record)."""

from __future__ import annotations

import hashlib

import pytest
from archive_support import HR, SUBMISSIONS, Server, Tokens, example, people
from rightsgraph.records.engine import validate_submission
from rightsgraph.records.reading import read_records
from rightsgraph.records.report import build, summary_json

PROVENANCE = "https://w3id.org/rightsgraph/graph/provenance"


@pytest.fixture(scope="module")
def tokens(tmp_path_factory) -> Tokens:
    return Tokens(tmp_path_factory.mktemp("tokens") / "tokens.json")


@pytest.fixture(scope="module")
def server(tmp_path_factory, tokens):
    """A server on a fresh on-disk store (loaded with the dataset at start), stopped after the module."""
    running = Server("--store", str(tmp_path_factory.mktemp("archive") / "store"), tokens=tokens.file.path)
    yield running
    running.stop()


def findings(summary: dict) -> list[tuple]:
    return sorted((f["record"], f["field"], f["severity"], f["message"]) for f in summary["findings"])


def test_valid_record_lands_as_its_own_graph_and_is_queryable_at_once(server, tokens):
    before = server.graphs()
    reply = server.submit(tokens.archivist, example("case-record.ttl"))
    assert reply.status == 201, reply.body
    body = reply.json()
    assert body["graph"] == SUBMISSIONS + body["id"] and body["report"]["conforms"]
    after = server.graphs()
    assert after[body["graph"]] == body["triples"] == 29
    assert {g: n for g, n in after.items() if g not in (body["graph"], PROVENANCE)} == \
        {g: n for g, n in before.items() if g != PROVENANCE}
    rows = server.select(f"SELECT ?id WHERE {{ GRAPH <{body['graph']}> {{ ?c <{HR}claimId> ?id }} }}")
    assert [row["id"] for row in rows] == ["E001"]


def test_invalid_record_is_refused_whole_with_the_report_validate_gives(server, tokens):
    name, data = example("case-record-invalid.ttl")
    before, history = server.graphs(), server.history()
    reply = server.submit(tokens.archivist, (name, data))
    assert reply.status == 422
    assert reply.headers["content-type"] == "application/problem+json"
    body = reply.json()
    submission = read_records([(name, data, "")], max_bytes=10_000_000)
    validated = summary_json(build(validate_submission(submission), submission))
    assert not body["report"]["conforms"] and body["report"]["counts"] == validated["counts"]
    assert findings(body["report"]) == findings(validated)
    assert "does not conform" in body["report_text"]
    assert server.graphs() == before and server.history() == history


def test_warnings_are_kept_and_shown_on_an_accepted_submission(server, tokens):
    reply = server.submit(tokens.archivist, example("source-document.ttl"))
    assert reply.status == 201, reply.body
    report = reply.json()["report"]
    assert report["counts"]["warning"] >= 1
    assert any(f["field"].startswith("ISAD(G) 3.1.1") for f in report["findings"])


def test_withdrawal_removes_the_graph_and_keeps_the_record_of_both_acts(server, tokens):
    accepted = server.submit(tokens.archivist, people("withdrawn", 3)).json()
    graph = accepted["graph"]
    others = {g: n for g, n in server.graphs().items() if g not in (graph, PROVENANCE)}
    reply = server.withdraw(tokens.withdrawer, accepted["id"], "sent by mistake")
    assert reply.status == 200, reply.body
    graphs = server.graphs()
    assert graph not in graphs
    assert {g: n for g, n in graphs.items() if g != PROVENANCE} == others
    acts = [(a["kind"], a["who"]) for a in server.history() if a["id"] == accepted["id"]]
    assert acts == [("submission", "archivist"), ("withdrawal", "withdrawer")]
    assert server.withdraw(tokens.withdrawer, accepted["id"]).status == 409


def test_provenance_names_who_when_which_files_and_shapes(server, tokens):
    name, data = people("provenance", 2)
    accepted = server.submit(tokens.submitter, (name, data)).json()
    activity = f"https://w3id.org/rightsgraph/id/archive/submission/{accepted['id']}"
    prov = "http://www.w3.org/ns/prov#"
    rows = server.select(f"""SELECT ?who ?start ?file ?sha ?version WHERE {{ GRAPH <{PROVENANCE}> {{
        <{activity}> <{prov}wasAssociatedWith>/<http://www.w3.org/2000/01/rdf-schema#label> ?who ;
            <{prov}startedAtTime> ?start ; <{prov}generated> <{accepted['graph']}> ;
            <{prov}used> ?f , ?shapes .
        <{accepted['graph']}> <{prov}wasDerivedFrom> ?f .
        ?f <http://www.w3.org/2000/01/rdf-schema#label> ?file ; <{HR}sha256> ?sha .
        ?shapes <http://purl.org/dc/terms/hasVersion> ?version }} }}""")
    assert [(r["who"], r["file"], r["sha"]) for r in rows] == [("submitter", name, hashlib.sha256(data).hexdigest())]
    assert rows[0]["start"].startswith("20") and rows[0]["version"]


def test_the_same_claim_submitted_again_is_refused_409(server, tokens):
    first = server.submit(tokens.archivist, example("case-record.nt"))
    before = server.graphs()
    second = server.submit(tokens.archivist, example("case-record.nt"))
    assert first.status in (201, 409) and second.status == 409
    assert "already holds" in second.json()["detail"]
    assert server.graphs() == before


def test_the_answer_cache_is_emptied_on_every_write(server, tokens):
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    first = int(server.select(query)[0]["n"])
    assert int(server.select(query)[0]["n"]) == first  # now cached
    assert server.submit(tokens.archivist, people("cache", 1)).status == 201
    assert int(server.select(query)[0]["n"]) == first + 1


def test_an_in_memory_server_takes_no_submissions_409_and_asks_for_a_token_first_401(tokens):
    memory = Server(tokens=tokens.file.path)
    try:
        reply = memory.submit(tokens.archivist, example("case-record.ttl"))
        assert reply.status == 409 and "--store DIR" in reply.json()["detail"]
        anonymous = memory.submit(None, example("case-record.ttl"))
        assert anonymous.status == 401 and "--store DIR" not in anonymous.json()["detail"]
    finally:
        memory.stop()


def test_the_archive_page_lists_the_history_and_takes_a_form_with_a_token(server, tokens):
    page = server.request("GET", "/records", headers={"Accept": "text/html"})
    assert page.status == 200 and b"<h2 id=\"history-title\">History</h2>" in page.body
    assert b"archivist" in page.body and b"withdrawal" in page.body
    reply = server.submit(None, people("form", 1), extra={"token": tokens.submitter},
                          headers={"Accept": "text/html"})
    assert reply.status == 201 and b"accepted" in reply.body
    refused = server.submit(None, example("case-record-invalid.ttl"), extra={"token": tokens.submitter},
                            headers={"Accept": "text/html"})
    assert refused.status == 422 and b"does not conform" in refused.body
