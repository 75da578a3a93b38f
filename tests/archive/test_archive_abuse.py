"""The write path probed as an attacker would: no token, a wrong or revoked one, a token out of scope,
updates smuggled in (LOAD, SERVICE), 50 MB bodies, slow uploads, the same record sent at once from
many clients. Each refusal changes nothing, and no token ever reaches the log."""

from __future__ import annotations

import json
import socket
import threading
import time
from urllib.parse import urlencode

import pytest
from archive_support import Server, Tokens, example, people
from rightsgraph.archive.tokens import TokenFile


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """A server with a small submission cap (1 MB), and its tokens; the log is read at the end."""
    tokens = Tokens(tmp_path_factory.mktemp("tokens") / "tokens.json")
    server = Server("--store", str(tmp_path_factory.mktemp("abuse") / "store"), "--submit-max-bytes", "1000000",
                    tokens=tokens.file.path)
    server.tokens = tokens
    yield server
    log = server.stop()
    for secret in (tokens.archivist, tokens.withdrawer, tokens.submitter):
        assert secret not in log
    assert "authorization" not in log.lower() and "bearer" not in log.lower()


def unchanged(server, act):
    """Run ``act`` and return its reply, asserting the graphs and the history are as before."""
    before, history = server.graphs(), server.history()
    reply = act()
    assert server.graphs() == before and server.history() == history
    return reply


def test_a_write_without_a_token_is_401_and_changes_nothing(guarded):
    reply = unchanged(guarded, lambda: guarded.submit(None, example("case-record.ttl")))
    assert reply.status == 401 and reply.headers["www-authenticate"].startswith("Bearer")
    assert reply.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("header", ["Bearer rg_not-a-token", "Basic YWxpY2U6c2VjcmV0", "Bearer ", "rg_bare"])
def test_a_wrong_token_is_401(guarded, header):
    reply = unchanged(guarded, lambda: guarded.submit(None, example("case-record.ttl"), headers={"Authorization": header}))
    assert reply.status == 401


def test_a_token_out_of_scope_is_403_both_ways(guarded):
    tokens = guarded.tokens
    submitted = unchanged(guarded, lambda: guarded.submit(tokens.withdrawer, example("case-record.ttl")))
    assert submitted.status == 403 and "withdraw, not submit" in submitted.json()["detail"]
    accepted = guarded.submit(tokens.submitter, people("scoped", 1)).json()
    withdrawn = unchanged(guarded, lambda: guarded.withdraw(tokens.submitter, accepted["id"]))
    assert withdrawn.status == 403


def test_a_revoked_token_is_401_at_once(guarded, tmp_path):
    file = TokenFile(guarded.tokens.file.path)
    secret = file.add("short-lived")
    assert guarded.submit(secret, people("revoked-before", 1)).status == 201
    assert file.revoke("short-lived")
    assert unchanged(guarded, lambda: guarded.submit(secret, people("revoked-after", 1))).status == 401


def test_tokens_are_stored_only_hashed(guarded):
    stored = guarded.tokens.file.path.read_text()
    assert guarded.tokens.archivist not in stored
    assert all(len(entry["sha256"]) == 64 for entry in json.loads(stored)["tokens"])


@pytest.mark.parametrize("update", [
    "LOAD <http://127.0.0.1:9/evil.ttl> INTO GRAPH <https://w3id.org/rightsgraph/graph/evil>",
    "INSERT { GRAPH <https://w3id.org/rightsgraph/graph/evil> { ?s ?p ?o } } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "INSERT DATA { GRAPH <https://w3id.org/rightsgraph/graph/evil> { <urn:a> <urn:b> <urn:c> } }",
    "DROP ALL",
])
def test_updates_are_never_run_from_user_text_even_with_a_token(guarded, update):
    auth = {"Authorization": f"Bearer {guarded.tokens.archivist}"}
    for method, path, body, headers in (
        ("POST", "/sparql", urlencode({"update": update}).encode(), {"Content-Type": "application/x-www-form-urlencoded"}),
        ("POST", "/sparql", update.encode(), {"Content-Type": "application/sparql-update"}),
        ("POST", "/records", update.encode(), {"Content-Type": "application/sparql-update"}),
    ):
        reply = unchanged(guarded, lambda: guarded.request(method, path, body, {**headers, **auth}))
        assert 400 <= reply.status < 500, (path, reply.status)
        assert reply.headers["content-type"] == "application/problem+json"


def test_a_50_mb_body_is_413_and_changes_nothing(guarded):
    """Refused on its Content-Length, before the body is read; a client that sends it anyway is cut off."""
    def send_50_mb() -> bytes:
        sock = socket.create_connection((guarded.host, guarded.port), timeout=30)
        try:
            sock.sendall(b"POST /records HTTP/1.1\r\nHost: x\r\nContent-Type: application/n-triples\r\n"
                         b"Authorization: Bearer " + guarded.tokens.archivist.encode() +
                         b"\r\nContent-Length: 50000000\r\n\r\n")
            try:
                for _ in range(50):
                    sock.sendall(b"<urn:a> <urn:b> \"" + b"x" * 1_000_000 + b"\" .\n")
            except OSError:
                pass  # the server closed the connection: it will not read 50 MB
            return sock.makefile("rb").read()
        finally:
            sock.close()

    answer = unchanged(guarded, send_50_mb)
    assert answer.startswith(b"HTTP/1.1 413 ") and b"application/problem+json" in answer


def test_a_slow_upload_holds_no_thread_and_lands_nothing(guarded):
    """A client that sends its body a few bytes at a time: reads are answered meanwhile, nothing is written."""
    before = guarded.graphs()
    sock = socket.create_connection((guarded.host, guarded.port), timeout=30)
    try:
        sock.sendall(b"POST /records HTTP/1.1\r\nHost: x\r\nContent-Type: text/turtle\r\n"
                     b"Authorization: Bearer " + guarded.tokens.archivist.encode() + b"\r\nContent-Length: 100000\r\n\r\n")
        for _ in range(10):
            sock.sendall(b"# slow ")
            started = time.monotonic()
            assert guarded.request("GET", "/records/history").status == 200
            assert time.monotonic() - started < 2
            time.sleep(0.1)
    finally:
        sock.close()
    assert guarded.graphs() == before


def test_the_same_record_sent_at_once_lands_once(guarded):
    replies = []
    threads = [threading.Thread(target=lambda: replies.append(
        guarded.submit(guarded.tokens.archivist, example("case-record.ttl")))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(reply.status for reply in replies)
    assert statuses.count(201) == 1 and set(statuses) <= {201, 409, 503}, statuses
    rows = guarded.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { "
                          "<https://w3id.org/rightsgraph/id/claim/example-death-of-tith-rorn> ?p ?o } }")
    assert rows == [{"n": "1"}]


def test_a_body_over_submit_max_bytes_is_413_from_the_app(guarded):
    name, data = people("too-big", 12_000)
    assert len(data) > 1_000_000
    headers = {"Content-Type": "text/turtle", "Authorization": f"Bearer {guarded.tokens.archivist}"}
    reply = unchanged(guarded, lambda: guarded.request("POST", "/records", data, headers))
    assert reply.status == 413 and "larger than 1000000 bytes" in reply.json()["detail"]
