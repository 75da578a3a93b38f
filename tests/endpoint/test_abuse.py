"""Abuse against the real server: each case gets its status, and a normal query still succeeds after."""

from __future__ import annotations

import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from conftest import BIG, EX, LIMITS, LiveServer

NORMAL = f"ASK {{ <{EX}alice> ?p ?o }}"
#: A cross product of the big graph with itself three times: 27 million rows, no output.
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BIG}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} }}"


def ask(live, query: str, timeout: float = 10):
    return live.request("GET", "/sparql?" + urlencode({"query": query}), timeout=timeout)


def assert_still_serving(live) -> None:
    reply = ask(live, NORMAL)
    assert reply.status == 200 and b"true" in reply.body


def test_get_query_runaway_stopped_503(live):
    started = time.monotonic()
    reply = ask(live, RUNAWAY)
    elapsed = time.monotonic() - started
    assert reply.status == 503
    assert json.loads(reply.body)["title"] == "Query timeout"
    assert LIMITS["query_timeout"] <= elapsed < LIMITS["query_timeout"] + 2
    assert_still_serving(live)


def test_get_query_others_answered_during_runaway(live):
    with ThreadPoolExecutor(1) as pool:
        runaway = pool.submit(ask, live, RUNAWAY)
        time.sleep(0.1)
        started = time.monotonic()
        assert_still_serving(live)
        assert time.monotonic() - started < 1.0
        assert runaway.result().status == 503


def test_get_query_deeply_nested_400(live):
    reply = live.request("POST", "/sparql", body=("SELECT * WHERE " + "{" * 1500 + "?s ?p ?o" + "}" * 1500).encode(), headers={"Content-Type": "application/sparql-query"})
    assert reply.status == 400
    assert "nests more than" in json.loads(reply.body)["detail"]
    assert_still_serving(live)


def test_post_query_long_chain_refused_400_before_any_worker(store_dir):
    """A long flat chain passes the depth check but would overflow the engine's stack and kill a
    worker (a flood of them kept workers restarting): it is refused before any worker sees it."""
    server = LiveServer("--store", str(store_dir), "--max-body-bytes", "1000000", "--workers", "1")
    try:
        for crash in ("SELECT * { FILTER(1" + "+1" * 30000 + ") }", "SELECT * { BIND(" + "!" * 100000 + "true AS ?x) }"):
            reply = server.request("POST", "/sparql", body=crash.encode(), headers={"Content-Type": "application/sparql-query"})
            assert reply.status == 400
            assert json.loads(reply.body)["title"] == "Query chains too many operators"
        assert json.loads(server.request("GET", "/health").body)["idle"] == 1  # no worker was lost
        assert_still_serving(server)
    finally:
        server.stop()


def test_post_query_oversized_413(live):
    body = ("ASK {} #" + "x" * LIMITS["max_body_bytes"]).encode()
    reply = live.request("POST", "/sparql", body=body, headers={"Content-Type": "application/sparql-query"})
    assert reply.status == 413
    assert_still_serving(live)


def test_get_query_oversized_query_string_413(live):
    reply = ask(live, "ASK {} #" + "x" * LIMITS["max_body_bytes"])
    assert reply.status == 413


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
        "PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE x:sparql { ?s ?p ?o } }",
        "BASE <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { BIND(<http://127.0.0.1:{port}/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
    ],
)
def test_get_query_service_refused_no_outbound(live, query):
    """SERVICE is refused with 403 in every spelling, and no connection reaches the target."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.3)
    try:
        reply = ask(live, query.replace("{port}", str(listener.getsockname()[1])))
        assert reply.status == 403
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        listener.close()
    assert_still_serving(live)


def test_get_query_concurrent_burst(live):
    """A burst far above the worker count: every answer is 200 or 503 busy, never 500, never a hang."""
    queries = [NORMAL, f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }} ORDER BY DESC(?o) LIMIT 3"] * 30
    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda q: ask(live, q, timeout=15).status, queries))
    assert set(statuses) <= {200, 503}
    assert statuses.count(200) >= len(queries) // 2
    assert_still_serving(live)


def test_get_query_slow_client_does_not_starve_others(live):
    """Clients that send half a request and stall hold no thread: others are answered at once."""
    stalled = []
    for _ in range(20):
        sock = socket.create_connection((live.host, live.port))
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK")
        stalled.append(sock)
    try:
        started = time.monotonic()
        assert_still_serving(live)
        assert time.monotonic() - started < 1.0
    finally:
        for sock in stalled:
            sock.close()


def test_get_query_no_traceback_on_garbage(live):
    for raw in ["%00%01", "SELECT * WHERE { ?s ?p ?o } LIMIT -1", "%E2%80%AE%EF%BB%BF", "SELECT%20(" * 40]:
        reply = live.request("GET", "/sparql?query=" + raw.replace(" ", "%20"))
        assert 400 <= reply.status < 500
        assert b"Traceback" not in reply.body and b".py" not in reply.body
    assert_still_serving(live)
