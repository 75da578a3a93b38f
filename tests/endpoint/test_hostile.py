"""Hostile input against the real server: each case gets a 4xx in the problem shape, its answer, or
a 503 for what runs too long; never a 500, a hang or an outbound request; and a normal query is
still answered within a second.

Loopback only: the "outside" a query tries to reach is a listener these tests own.

Names follow ``test_<method>_<resource>_<condition>``; ``any`` stands for a test that sends
several methods, ``raw`` for bytes written to the socket that are no whole, well-formed request.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest
from conftest import (
    BIG,
    EX,
    G1,
    LIMITS,
    LiveServer,
    Reply,
    get,
    post,
    problem,
    wait_until,
)

NORMAL = f"ASK {{ <{EX}alice> ?p ?o }}"
#: Four-way cross product of the big graph: never yields a row within any timeout.
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BIG}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }} }}"
DIRECT = "application/sparql-query"
FORM = "application/x-www-form-urlencoded"


def assert_normal_within_a_second(server, salt: str = "") -> None:
    """A query the cache has not seen (the comment varies) is answered 200 within one second."""
    started = time.monotonic()
    reply = get(server, NORMAL + f" # {salt}{time.monotonic()}")
    elapsed = time.monotonic() - started
    assert reply.status == 200 and b"true" in reply.body, reply.body
    assert elapsed < 1.0, elapsed


def assert_healthy(server) -> None:
    """Every worker back and idle, and a normal query answered at once."""
    wait_until(lambda: json.loads(server.request("GET", "/health").body)["idle"] == LIMITS["workers"], timeout=10)
    assert_normal_within_a_second(server)


def raw_response(server, data: bytes, timeout: float = 10) -> tuple[bytes, Reply]:
    """Send raw bytes; the status line and the reply (lower-case header names) the server answers."""
    sock = socket.create_connection((server.host, server.port), timeout=timeout)
    try:
        sock.sendall(data)
        reply = sock.makefile("rb")
        status_line = reply.readline()
        headers = {}
        while line := reply.readline().decode("latin-1").strip():
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = reply.read(int(headers.get("content-length", "0")))
        return status_line, Reply(int(status_line.split()[1]), headers, body)
    finally:
        sock.close()


class Listener:
    """A TCP port on loopback that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)  # any request would have connected before the reply came
        self.port = self.sock.getsockname()[1]

    def contacted(self) -> bool:
        try:
            connection, _ = self.sock.accept()
        except TimeoutError:
            return False
        connection.close()
        return True

    def close(self) -> None:
        self.sock.close()


@pytest.fixture()
def listener():
    owned = Listener()
    yield owned
    owned.close()


@pytest.fixture(scope="module")
def roomy(store_dir):
    """A server whose body cap lets large queries reach the screen and the workers."""
    server = LiveServer("--store", str(store_dir), "--max-body-bytes", "3000000", "--query-timeout", "2", "--workers", "2")
    yield server
    server.stop()


# --- SERVICE: every spelling that might slip past the screen ---------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://127.0.0.1\\u003a{port}/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
        "SELECT * WHERE { \\U00000053ERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
        "SELECT * WHERE { service\n# a comment between\n<http://127.0.0.1:{port}/> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE<http://127.0.0.1:{port}/>{ ?s ?p ?o } }",
        "PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE x:sparql { ?s ?p ?o } }",
        "PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE :sparql { ?s ?p ?o } }",
        "PREFIX a: <http://example.org/> PREFIX a: <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE a:x { ?s ?p ?o } }",
        "BASE <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
        "BASE <http://example.org/> BASE <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE <x> { ?s ?p ?o } }",
        "BASE <http://127.0.0.1:{port}/a/> PREFIX r: <../> SELECT * WHERE { SERVICE r:sparql { ?s ?p ?o } }",
        "SELECT * WHERE { BIND(<http://127.0.0.1:{port}/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        "SELECT * WHERE { VALUES ?e { <http://127.0.0.1:{port}/> } SERVICE ?e { ?s ?p ?o } }",
        "SELECT * WHERE { BIND(IRI(CONCAT('http://127.0.0.1:', '{port}/')) AS ?e) SERVICE SILENT ?e { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } } }",
        "SELECT * WHERE { { SELECT * WHERE { OPTIONAL { SERVICE SILENT <http://127.0.0.1:{port}/> { ?s ?p ?o } } } } }",
        "SELECT * WHERE { FILTER(1<2)SERVICE<http://127.0.0.1:{port}/>{ ?s ?p ?o }FILTER(2>1) }",
        "SELECT * WHERE { SERVICE <http://[::ffff:127.0.0.1]:{port}/> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://2130706433:{port}/> { ?s ?p ?o } }",
        'SELECT * { BIND("\\u0022" AS ?z) SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } BIND("""x""" AS ?w) }',
        "SELECT * { BIND('\\u0027' AS ?z) SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } BIND('''x''' AS ?w) }",
    ],
)
def test_get_sparql_service_refused_403_no_outbound(live, listener, query):
    reply = get(live, query.replace("{port}", str(listener.port)))
    assert problem(reply, 403)["title"] == "SERVICE call refused"
    assert not listener.contacted()


def test_get_sparql_relative_service_refused_403_naming_the_endpoint(live):
    """Without BASE a relative SERVICE resolves against the endpoint itself: refused all the same."""
    reply = get(live, "SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }")
    assert f"127.0.0.1:{live.port}/sparql" in problem(reply, 403)["detail"]


@pytest.mark.parametrize("content_type", [DIRECT, FORM])
def test_post_sparql_service_refused_403_no_outbound(live, listener, content_type):
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"
    body = query if content_type == DIRECT else urlencode({"query": query})
    assert problem(post(live, body, content_type), 403)["title"] == "SERVICE call refused"
    assert not listener.contacted()


# --- FROM and the protocol's graphs name graphs of the store; they are never fetched -------------


@pytest.mark.parametrize(
    "query, params",
    [
        ("SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE { ?s ?p ?o }", {}),
        ("SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }", {}),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": "http://127.0.0.1:{port}/d.ttl"}),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": "http://127.0.0.1:{port}/n.ttl"}),
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", {}),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", {}),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": "file:///etc/passwd"}),
        ("SELECT * WHERE { GRAPH <file:///etc/passwd> { ?s ?p ?o } }", {}),
    ],
)
def test_get_sparql_dataset_iri_never_fetched_empty_answer(live, listener, query, params):
    pairs = {"query": query.replace("{port}", str(listener.port))}
    pairs.update({name: value.replace("{port}", str(listener.port)) for name, value in params.items()})
    reply = live.request("GET", "/sparql?" + urlencode(pairs))
    assert reply.status == 200
    assert json.loads(reply.body)["results"]["bindings"] == []
    assert b"root:" not in reply.body
    assert not listener.contacted()


@pytest.mark.parametrize(
    "expression",
    [
        '<http://www.w3.org/2005/xpath-functions#doc>("file:///etc/passwd")',
        '<http://www.w3.org/2005/xpath-functions#unparsed-text>("file:///etc/passwd")',
        '<http://jena.apache.org/ARQ/function#load>("http://127.0.0.1:{port}/")',
    ],
)
def test_get_sparql_reading_function_unsupported_400_no_outbound(live, listener, expression):
    reply = get(live, f"SELECT ({expression.replace('{port}', str(listener.port))} AS ?x) WHERE {{}}")
    assert "is not supported" in problem(reply, 400)["detail"]
    assert not listener.contacted()


def test_get_sparql_file_iri_is_only_a_name(live):
    """IRI("file:///etc/passwd") makes a name; nothing reads the file behind it."""
    reply = get(live, 'SELECT (STR(IRI("file:///etc/passwd")) AS ?x) WHERE {}')
    assert reply.status == 200
    assert json.loads(reply.body)["results"]["bindings"] == [{"x": {"type": "literal", "value": "file:///etc/passwd"}}]


# --- Updates through every channel: refused, nothing fetched, the store unchanged ----------------


UPDATES = [
    f"LOAD <http://127.0.0.1:{{port}}/data.ttl> INTO GRAPH <{G1}>",
    "LOAD SILENT <file:///etc/passwd>",
    f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}mallory> <{EX}name> 'M' }} }}",
    f"# leading comment\nPREFIX e: <{EX}>\nclear graph <{G1}>",
    "CLEAR ALL",
    f"WITH <{G1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    "PREFIX a: <a:> DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    f"COPY <{G1}> TO <{EX}copy>",
]


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize("channel", ["get-query", "get-update", "form-query", "form-update", "direct-query", "direct-update"])
def test_any_sparql_update_refused_store_unchanged_no_outbound(live, listener, update, channel):
    """As ``update`` a request is refused (403); as a query, the grammar refuses it (400); both say read-only."""
    text = update.replace("{port}", str(listener.port))
    method, carrier = channel.split("-")
    if method == "get":
        reply = live.request("GET", "/sparql?" + urlencode({carrier: text}))
    elif method == "form":
        reply = post(live, urlencode({carrier: text}), FORM)
    else:
        reply = post(live, text, DIRECT if carrier == "query" else "application/sparql-update")
    assert "read-only" in problem(reply, 400 if carrier == "query" else 403)["detail"]
    assert not listener.contacted()
    assert b"true" in get(live, f"ASK {{ GRAPH <{G1}> {{ <{EX}alice> <{EX}knows> <{EX}bob> }} }}").body
    assert b"false" in get(live, f"ASK {{ <{EX}mallory> ?p ?o }}").body


# --- Queries the screen refuses before any worker sees them ---------------------------------------


@pytest.mark.parametrize("raw", ["%00%01", "SELECT%20*%20WHERE%20%7B%20?s%20?p%20?o%20%7D%20LIMIT%20-1", "%E2%80%AE%EF%BB%BF", "%%%%%%", "SELECT%20(" * 40])
def test_get_sparql_garbage_query_400_malformed(live, raw):
    assert problem(live.request("GET", "/sparql?query=" + raw), 400)["title"] == "Malformed query"


NESTED, CHAINED = "Query nested too deeply", "Query chains too many operators"


@pytest.mark.parametrize(
    "query, title",
    [
        ("SELECT * WHERE " + "{" * 1500 + "?s ?p ?o" + "}" * 1500, NESTED),
        ("SELECT * WHERE " + "{ " * 20000 + "}" * 20000, NESTED),
        ("SELECT * WHERE { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }", NESTED),
        ("SELECT * WHERE { " + "[ <http://e/p> " * 20000 + "1" + " ]" * 20000 + " }", NESTED),
        ("SELECT * { FILTER(1" + "+1" * 30000 + ") }", CHAINED),
        ("SELECT * { BIND(" + "!" * 100000 + "true AS ?x) }", CHAINED),
        ("SELECT * WHERE { FILTER(" + "!" * 50000 + "true) }", CHAINED),
        ("SELECT * WHERE { FILTER(" + "-" * 50000 + "1) }", CHAINED),
        ("SELECT * WHERE { ?s " + "/".join(["<http://e/p>"] * 20000) + " ?o }", CHAINED),
        ("SELECT * WHERE { ?s " + "^" * 50000 + "<http://e/p> ?o }", CHAINED),
        ("SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o } " * 3000 + "}", CHAINED),
        ("SELECT * WHERE { " + "{ ?s ?p ?o } UNION " * 5000 + "{ } }", CHAINED),
    ],
    ids=["braces-1500", "braces-20000", "parentheses", "blank-nodes", "plus-chain", "not-chain-in-bind",
         "not-chain-in-filter", "minus-chain", "path-sequence", "inverse-path", "optionals", "unions"],
)
def test_post_sparql_direct_deep_or_long_refused_400_before_any_worker(roomy, query, title):
    """Too deep or too long a chain would overflow the engine's stack and kill a worker (a flood of
    them kept workers restarting): the screen refuses it with 400 first, so no worker is lost."""
    wait_until(lambda: json.loads(roomy.request("GET", "/health").body)["idle"] == 2, timeout=10)
    assert problem(post(roomy, query, DIRECT), 400)["title"] == title
    assert json.loads(roomy.request("GET", "/health").body)["idle"] == 2
    assert_normal_within_a_second(roomy, salt="screened ")


# --- Runaways, bursts and stalled clients ---------------------------------------------------------


def test_get_sparql_runaway_stopped_at_the_timeout_503(live):
    """Alone, a runaway runs its whole time bound, then is stopped and said to be a timeout."""
    started = time.monotonic()
    reply = get(live, RUNAWAY + " # alone")
    elapsed = time.monotonic() - started
    assert problem(reply, 503)["title"] == "Query timeout"
    assert LIMITS["query_timeout"] <= elapsed < LIMITS["query_timeout"] + 2
    assert_healthy(live)


#: The patient server's query timeout: long enough that a worker held to it shows as a wait.
PATIENT_TIMEOUT = 5.0


@pytest.fixture(scope="module")
def patient(store_dir):
    """A server whose queries may run 5 s: a cheap query that waited for a runaway's timeout would
    wait about that long, one that was given a preempted runaway's worker waits a slice and a start."""
    server = LiveServer("--store", str(store_dir), "--query-timeout", str(PATIENT_TIMEOUT), "--workers", "2")
    yield server
    server.stop()


def test_get_sparql_runaway_burst_all_503_normal_query_long_before_the_timeout(patient):
    """50 concurrent runaways (2 workers, 8 threads): all 503 within the bound, and meanwhile each
    normal query is answered in under half the query timeout (0.3 s slice plus a worker's start
    when idle; the bound leaves room for a loaded machine), not after a runaway's full 5 s."""
    results: list[tuple[int, float]] = []

    def runaway(index: int) -> None:
        started = time.monotonic()
        reply = get(patient, RUNAWAY + f" # {index}", timeout=30)
        results.append((reply.status, time.monotonic() - started))

    threads = [threading.Thread(target=runaway, args=(index,)) for index in range(50)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    waits = []
    for round_ in range(6):
        started = time.monotonic()
        reply = get(patient, NORMAL + f" # burst {round_} {started}")
        waits.append(time.monotonic() - started)
        assert reply.status == 200 and b"true" in reply.body, reply.body
        time.sleep(0.2)
    for thread in threads:
        thread.join()
    assert max(waits) < PATIENT_TIMEOUT / 2, waits
    assert len(results) == 50
    assert {status for status, _ in results} == {503}
    assert max(elapsed for _, elapsed in results) < PATIENT_TIMEOUT + 2


def test_get_sparql_cheap_burst_all_answered(live):
    """60 cheap queries from 16 threads, eight times the workers: every one answered 200."""
    assert_healthy(live)
    queries = [NORMAL, f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }} ORDER BY DESC(?o) LIMIT 3"] * 30
    with ThreadPoolExecutor(16) as pool:
        replies = list(pool.map(lambda item: get(live, item[1] + f" # cheap {item[0]}", timeout=15), enumerate(queries)))
    assert [reply.status for reply in replies] == [200] * len(queries)
    assert all(b"true" in reply.body for reply in replies[::2])
    assert all(len(json.loads(reply.body)["results"]["bindings"]) == 3 for reply in replies[1::2])


def test_raw_sparql_slowloris_300_connections_others_answered(live):
    """Hundreds of half-sent requests hold sockets, not threads, and do not fill the connection limit."""
    stalled = []
    try:
        for index in range(300):
            sock = socket.create_connection((live.host, live.port))
            head = b"GET /sparql?query=ASK HTTP/1.1\r\nHost: x\r\n" if index % 2 else b"POST /sparql HTTP/1.1\r\nContent-Length: 500\r\n\r\nASK {"
            sock.sendall(head)
            stalled.append(sock)
        assert_normal_within_a_second(live, salt="slowloris ")
    finally:
        for sock in stalled:
            sock.close()
    assert_healthy(live)


def test_post_sparql_direct_body_cut_short_others_answered(live):
    """A client that promises more body than it sends and closes: no thread waits on it."""
    sock = socket.create_connection((live.host, live.port))
    sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\nASK")
    sock.close()
    assert_normal_within_a_second(live, salt="cut ")


def test_get_sparql_stderr_never_read_requests_still_answered(store_dir):
    """A supervisor that pipes stderr and never reads it: the access log fills the pipe, the server goes on."""
    command = [sys.executable, "-c", "from rightsgraph.cli import main; main()", "serve", "--port", "0", "--store", str(store_dir)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = urlsplit(process.stdout.readline().split(" at ", 1)[1].strip())
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
        for index in range(1500):  # about 200 kB of access log, three times a pipe's buffer
            connection.request("GET", "/sparql?" + urlencode({"query": NORMAL + f" # {index}"}))
            response = connection.getresponse()
            response.read()
            assert response.status == 200
        connection.close()
    finally:
        process.kill()
        process.communicate()


# --- Malformed and oversized requests ---------------------------------------------------------------


HEAD = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: %d\r\n\r\n"


@pytest.mark.parametrize(
    "data, status, detail",
    [
        (b"\x00\xff\xfe garbage \r\n\r\n", 400, "Start line is invalid"),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400, "Content-Length is invalid"),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n", 400, "Content-Length is invalid"),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nASK\r\n0\r\n\r\n", 400, "Invalid chunk size"),
        (b"GET /sparql HTTP/1.1\r\nHost: x\r\nAccept: " + b"a/b;q=0.5," * 5000 + b"\r\n\r\n", 431, "at most 100 fields and 32.8 kB"),
        (HEAD % 10**9 + b"ASK {}", 413, "request body is larger than"),
    ],
    ids=["garbage-start-line", "negative-length", "non-numeric-length", "bad-chunk-size", "fifty-kB-accept", "declared-gigabyte"],
)
def test_raw_sparql_malformed_request_4xx_in_problem_shape(live, data, status, detail):
    """What waitress refuses before the app sees it reads like every other error, and is answered at
    once: the declared gigabyte is refused without waiting for its body."""
    _, reply = raw_response(live, data)
    assert detail in problem(reply, status)["detail"]
    assert_normal_within_a_second(live, salt="malformed ")


def test_get_sparql_http_9_9_answered_as_http_1_0(live):
    """RFC 9110 section 2.5: a server MAY refuse an unknown major version with 505; if it answers, it
    SHOULD use the highest version it conforms to below the one asked. waitress answers in HTTP/1.0
    (one answer, then close), which is allowed though 1.1 is what the SHOULD names; the query is answered."""
    status_line, reply = raw_response(live, b"GET /sparql?query=ASK%7B%7D HTTP/9.9\r\n\r\n")
    assert status_line.startswith(b"HTTP/1.0 200 ")
    assert json.loads(reply.body) == {"head": {}, "boolean": True}


GET_HEAD = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n"


@pytest.mark.parametrize(
    "fields",
    [
        b"X-Big: " + b"a" * 1_000_000 + b"\r\n",  # a 1 MB value
        b"".join(b"X-F%d: a\r\n" % n for n in range(10_000)),  # 10,000 small fields
        b"".join(b"X-F%d: a\r\n" % n for n in range(100)),  # Host and 100 more: one past the default 100
        b"X-Big: " + b"a" * 32_768 + b"\r\n",  # one value past the default 32 kB in all
    ],
    ids=["one-megabyte-value", "ten-thousand-fields", "one-field-too-many", "just-past-32-kB"],
)
def test_get_sparql_header_fields_past_the_limits_431_in_problem_shape(live, fields):
    _, reply = raw_response(live, GET_HEAD + fields + b"\r\n")
    detail = problem(reply, 431)["detail"]
    # Past waitress's own cap on the whole head (twice max_body_bytes plus 64 kB) it answers first.
    assert ("at most 100 fields and 32.8 kB are accepted" in detail
            or "header fields together are larger than the 73.5 kB accepted" in detail), detail
    assert_normal_within_a_second(live, salt="headers ")


def test_get_sparql_header_fields_at_the_limits_answered(live):
    """Host and 99 more fields, 32 kB in all: every limit reached, none passed."""
    fields = b"".join(b"X-F%d: a\r\n" % n for n in range(98))
    fields += b"X-Big: " + b"a" * (32_768 - len(b"Host: x\r\n") - len(fields) - len(b"X-Big: ")) + b"\r\n"
    assert len(b"Host: x\r\n" + fields) == 32_768 + 2  # the last CRLF belongs to the head's end
    _, reply = raw_response(live, GET_HEAD + fields + b"\r\n")
    assert reply.status == 200, reply.body
    assert b"true" in reply.body


ASK = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n"


@pytest.mark.parametrize(
    "head",
    [
        ASK + b"\r\n",  # no Host
        ASK + b"Host: a.example\r\nHost: b.example\r\n\r\n",
        ASK + b"Host: bad host/x\r\n\r\n",
        ASK + b"Host: \r\n\r\n",
    ],
)
def test_get_sparql_without_one_valid_host_400(live, head):
    """RFC 9112 section 3.2: an HTTP/1.1 request with no, several or an invalid Host gets 400
    (the endpoint's URL, a query's base IRI, is built from it)."""
    _, reply = raw_response(live, head)
    assert "Host" in problem(reply, 400)["detail"]


@pytest.mark.parametrize(
    "head",
    [
        b"GET /sparql?query=ASK%7B%7D HTTP/1.0\r\n\r\n",  # HTTP/1.0 needs no Host
        ASK + b"Host: [::1]:7878\r\n\r\n",
        ASK + b"Host: 127.0.0.1\r\n\r\n",
        ASK + b"Host: xn--rights-graph.example:80\r\n\r\n",
    ],
)
def test_get_sparql_with_valid_host_answered(live, head):
    _, reply = raw_response(live, head)
    assert reply.status == 200
    assert json.loads(reply.body) == {"head": {}, "boolean": True}


def test_post_sparql_direct_body_just_over_cap_413(live):
    body = "ASK {} #" + "x" * LIMITS["max_body_bytes"]
    problem(post(live, body, DIRECT), 413)
    assert_normal_within_a_second(live, salt="over cap ")


def test_get_sparql_query_string_far_past_cap_413(live):
    """Fifteen times the query-string cap: still the endpoint's 413, not the HTTP server's 431.

    (waitress itself refuses a request head beyond twice the cap plus 64 kB, with 431.)
    """
    problem(live.request("GET", "/sparql?query=" + "x" * (15 * LIMITS["max_body_bytes"])), 413)


# --- Large queries the screen lets through -------------------------------------------------------


def test_post_sparql_direct_huge_literal_answered(roomy):
    query = 'SELECT (STRLEN("' + "x" * 2_500_000 + '") AS ?n) WHERE {}'
    reply = post(roomy, query, DIRECT)
    assert reply.status == 200
    assert json.loads(reply.body)["results"]["bindings"][0]["n"]["value"] == "2500000"


def test_post_sparql_direct_ten_thousand_variables_answered(roomy):
    variables = " ".join(f"?v{index}" for index in range(10000))
    reply = post(roomy, f"SELECT {variables} WHERE {{}}", DIRECT)
    assert reply.status == 200
    assert len(json.loads(reply.body)["head"]["vars"]) == 10000


def test_post_sparql_direct_huge_string_building_stopped_workers_recover(roomy):
    """Doubling a string until it would fill memory: stopped by the time bound, the server unharmed."""
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(11))
    query = f'SELECT (STRLEN(?a11) AS ?n) WHERE {{ BIND("xxxxxxxxxx" AS ?a0) {binds} }}'
    reply = post(roomy, query, DIRECT)
    assert reply.status in (502, 503)
    wait_until(lambda: json.loads(roomy.request("GET", "/health").body)["idle"] == 2, timeout=10)
    assert_normal_within_a_second(roomy, salt="memory ")


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$", "(a*)*b", "^(([a-z])+.)+[A-Z]([a-z])+$"])
def test_get_sparql_regex_backtracking_answered_within_a_second(live, pattern):
    query = f'SELECT ?m WHERE {{ BIND(CONCAT(STRUUID(), "{"a" * 3000}!") AS ?s) BIND(REGEX(?s, "{pattern}") AS ?m) }}'
    started = time.monotonic()
    reply = get(live, query)
    assert reply.status == 200
    assert time.monotonic() - started < 1.0


def test_get_sparql_regex_huge_repetition_answered_within_a_second(live):
    started = time.monotonic()
    reply = get(live, 'SELECT ?m WHERE { BIND(REGEX("a", "a{1000}{1000}{1000}") AS ?m) }')
    assert reply.status == 200 and time.monotonic() - started < 1.0
