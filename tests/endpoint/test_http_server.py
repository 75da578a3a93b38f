"""What only the real server shows: the printed URL, the access log, chunked bodies, the default store."""

from __future__ import annotations

import json
import socket
import time
from urllib.parse import urlencode

from conftest import LIMITS, LiveServer
from rightsgraph.endpoint.views import query_hash


def test_serve_prints_url_and_logs_each_request(store_dir):
    server = LiveServer("--store", str(store_dir))
    try:
        assert server.url.startswith("http://127.0.0.1:") and server.url.endswith("/sparql")
        query = "ASK {}"
        assert server.request("GET", "/sparql?" + urlencode({"query": query})).status == 200
    finally:
        log = server.stop()
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    [entry] = [line for line in lines if line["path"] == "/sparql"]
    assert entry["method"] == "GET" and entry["status"] == 200
    assert entry["query_hash"] == query_hash(query)
    assert entry["ms"] >= 0


def test_serve_default_store_has_the_ontology():
    """Without --store the endpoint loads ontology and data into memory, and starts quickly."""
    started = time.monotonic()
    server = LiveServer()
    try:
        reply = server.request("GET", "/sparql?" + urlencode({"query": "ASK { GRAPH <https://w3id.org/rightsgraph/graph/ontology> { ?s ?p ?o } }"}))
        elapsed = time.monotonic() - started
        assert reply.status == 200 and b"true" in reply.body
        assert elapsed < 5
    finally:
        server.stop()


def test_post_sparql_chunked_body_over_limit_413(live):
    """The cap applies to bytes read, whatever Content-Length says (here there is none)."""
    sock = socket.create_connection((live.host, live.port), timeout=10)
    try:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"#" * 1000
        for _ in range(LIMITS["max_body_bytes"] // 1000 + 2):
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        sock.sendall(b"0\r\n\r\n")
        status_line = sock.makefile("rb").readline()
    finally:
        sock.close()
    assert b" 413 " in status_line


def test_post_sparql_chunked_body_within_limit_answered(live):
    """http.client sends an iterable body in chunks (here two), with no Content-Length."""
    reply = live.request("POST", "/sparql", body=iter([b"ASK ", b"{}"]), headers={"Content-Type": "application/sparql-query"})
    assert reply.status == 200
    assert json.loads(reply.body) == {"head": {}, "boolean": True}


def test_get_health_ok_reports_workers(live):
    reply = live.request("GET", "/health")
    assert reply.status == 200
    body = json.loads(reply.body)
    assert body["status"] == "ok"
    assert body["store"] == "disk"
    assert body["size"] == LIMITS["workers"]
