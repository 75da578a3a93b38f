"""Hostile input against the real server, beyond test_abuse.py: each case gets a 4xx (or its answer),
never a 500, a hang or an outbound request, and a normal query is still answered within a second.

Loopback only: the "outside" a query tries to reach is a listener these tests own.
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
from conftest import BIG, EX, G1, LIMITS, LiveServer, wait_until

NORMAL = f"ASK {{ <{EX}alice> ?p ?o }}"
#: Four-way cross product of the big graph: never yields a row within any timeout.
RUNAWAY = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BIG}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }} }}"
DIRECT = {"Content-Type": "application/sparql-query"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def ask(server, query: str, timeout: float = 10, **headers):
    return server.request("GET", "/sparql?" + urlencode({"query": query}), headers=headers, timeout=timeout)


def assert_normal_within_a_second(server, salt: str = "") -> None:
    """A query the cache has not seen (the comment varies) is answered 200 within one second."""
    started = time.monotonic()
    reply = ask(server, NORMAL + f" # {salt}{time.monotonic()}")
    elapsed = time.monotonic() - started
    assert reply.status == 200 and b"true" in reply.body, reply.body
    assert elapsed < 1.0, elapsed


def assert_healthy(server) -> None:
    """Every worker back and idle, and a normal query answered at once."""
    wait_until(lambda: json.loads(server.request("GET", "/health").body)["idle"] == LIMITS["workers"], timeout=10)
    assert_normal_within_a_second(server)


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
        except socket.timeout:
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
        "SELECT * WHERE { SERVICE <http://127.0.0.1\\u003a{port}/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { \\U00000053ERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
        "SELECT * WHERE { service\n# a comment between\n<http://127.0.0.1:{port}/> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE<http://127.0.0.1:{port}/>{ ?s ?p ?o } }",
        "PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE :sparql { ?s ?p ?o } }",
        "PREFIX a: <http://example.org/> PREFIX a: <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE a:x { ?s ?p ?o } }",
        "BASE <http://example.org/> BASE <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE <x> { ?s ?p ?o } }",
        "BASE <http://127.0.0.1:{port}/a/> PREFIX r: <../> SELECT * WHERE { SERVICE r:sparql { ?s ?p ?o } }",
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
def test_get_sparql_service_spellings_refused_no_outbound(live, listener, query):
    reply = ask(live, query.replace("{port}", str(listener.port)))
    assert reply.status == 403, reply.body
    assert json.loads(reply.body)["title"] == "SERVICE call refused"
    assert not listener.contacted()


def test_get_sparql_relative_service_is_refused(live):
    """Without BASE a relative SERVICE resolves against the endpoint itself: refused all the same."""
    reply = ask(live, "SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }")
    assert reply.status == 403
    assert f"127.0.0.1:{live.port}/sparql" in json.loads(reply.body)["detail"]


def test_post_direct_sparql_service_refused_no_outbound(live, listener):
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"
    for body, headers in [(query.encode(), DIRECT), (urlencode({"query": query}).encode(), FORM)]:
        assert live.request("POST", "/sparql", body=body, headers=headers).status == 403
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
def test_get_sparql_dataset_never_dereferenced(live, listener, query, params):
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
        'STR(IRI("file:///etc/passwd"))',
    ],
)
def test_get_sparql_no_function_reads_or_fetches(live, listener, expression):
    reply = ask(live, f"SELECT ({expression.replace('{port}', str(listener.port))} AS ?x) WHERE {{}}")
    assert reply.status in (200, 400)
    assert b"root:" not in reply.body
    assert not listener.contacted()


# --- Updates through every channel, the store unchanged afterwards -------------------------------


UPDATES = [
    f"LOAD <http://127.0.0.1:{{port}}/data.ttl> INTO GRAPH <{G1}>",
    "LOAD SILENT <file:///etc/passwd>",
    f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}mallory> <{EX}name> 'M' }} }}",
    f"# leading comment\nPREFIX e: <{EX}>\nclear graph <{G1}>",
    f"WITH <{G1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    "DROP ALL",
    f"COPY <{G1}> TO <{EX}copy>",
]


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize("channel", ["get-query", "get-update", "form-query", "form-update", "direct-query", "direct-update"])
def test_post_sparql_update_every_channel_refused(live, listener, update, channel):
    text = update.replace("{port}", str(listener.port))
    method, carrier = channel.split("-")
    if method == "get":
        reply = live.request("GET", "/sparql?" + urlencode({carrier: text}))
    elif method == "form":
        reply = live.request("POST", "/sparql", body=urlencode({carrier: text}).encode(), headers=FORM)
    else:
        content_type = "application/sparql-query" if carrier == "query" else "application/sparql-update"
        reply = live.request("POST", "/sparql", body=text.encode(), headers={"Content-Type": content_type})
    assert reply.status == (400 if carrier == "query" else 403), reply.body
    assert not listener.contacted()
    assert b"true" in ask(live, f"ASK {{ GRAPH <{G1}> {{ <{EX}alice> <{EX}knows> <{EX}bob> }} }}").body
    assert b"false" in ask(live, f"ASK {{ <{EX}mallory> ?p ?o }}").body


# --- Load: runaway bursts and stalled clients -----------------------------------------------------


def test_get_sparql_runaway_burst_normal_query_within_a_second(live):
    """50 concurrent runaways (2 workers, 8 threads): all 503 within the bound, normal queries answered meanwhile."""
    results: list[tuple[int, float]] = []

    def runaway(index: int) -> None:
        started = time.monotonic()
        reply = ask(live, RUNAWAY + f" # {index}", timeout=30)
        results.append((reply.status, time.monotonic() - started))

    threads = [threading.Thread(target=runaway, args=(index,)) for index in range(50)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    for round_ in range(6):
        assert_normal_within_a_second(live, salt=f"burst {round_} ")
        time.sleep(0.2)
    for thread in threads:
        thread.join()
    assert len(results) == 50
    assert {status for status, _ in results} == {503}
    assert max(elapsed for _, elapsed in results) < LIMITS["query_timeout"] + 2
    assert_healthy(live)


def test_get_sparql_slowloris_300_connections_others_served(live):
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


# --- Malformed and oversized input ----------------------------------------------------------------


def raw(server, data: bytes, timeout: float = 10) -> bytes:
    """Send raw bytes, return the status line the server answers (empty if it just closes)."""
    sock = socket.create_connection((server.host, server.port), timeout=timeout)
    try:
        sock.sendall(data)
        return sock.makefile("rb").readline()
    finally:
        sock.close()


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\xff\xfe garbage \r\n\r\n",
        b"GET /sparql?query=ASK%7B%7D HTTP/9.9\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nASK\r\n0\r\n\r\n",
        b"GET /sparql?query=%%%%%% HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /sparql HTTP/1.1\r\nHost: x\r\nAccept: " + b"a/b;q=0.5," * 5000 + b"\r\n\r\n",
    ],
)
def test_get_sparql_garbage_bytes_4xx(live, data):
    status_line = raw(live, data)
    assert status_line == b"" or status_line.split()[1].startswith(b"4") or status_line.split()[1] == b"200"
    assert b" 500 " not in status_line
    assert_normal_within_a_second(live, salt="garbage ")


HEAD = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: %d\r\n\r\n"


def raw_response(server, data: bytes, timeout: float = 10) -> tuple[bytes, dict[str, str], bytes]:
    """Send raw bytes; the status line, headers (lower-case names) and body the server answers."""
    sock = socket.create_connection((server.host, server.port), timeout=timeout)
    try:
        sock.sendall(data)
        reply = sock.makefile("rb")
        status = reply.readline()
        headers = {}
        while (line := reply.readline().decode("latin-1").strip()):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return status, headers, reply.read(int(headers.get("content-length", "0")))
    finally:
        sock.close()


@pytest.mark.parametrize(
    "data, status",
    [
        (HEAD % 10**9 + b"ASK {}", 413),  # beyond waitress's own backstop cap
        (b"\x00\xff\xfe garbage \r\n\r\n", 400),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n", 400),
    ],
)
def test_post_sparql_refused_by_the_http_server_in_the_error_shape_with_cors(live, data, status):
    """What waitress refuses before the app sees it still reads like every other error."""
    status_line, headers, body = raw_response(live, data)
    assert status_line.split()[1] == str(status).encode()
    assert headers["content-type"] == "application/problem+json"
    assert headers["access-control-allow-origin"] == "*"
    problem = json.loads(body)
    assert problem["status"] == status and problem["detail"] and "Traceback" not in problem["detail"]


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
def test_get_sparql_header_fields_past_the_limits_431_in_the_error_shape(live, fields):
    status_line, headers, body = raw_response(live, GET_HEAD + fields + b"\r\n")
    assert status_line.split()[1] == b"431", status_line
    assert headers["content-type"] == "application/problem+json"
    assert headers["access-control-allow-origin"] == "*"
    detail = json.loads(body)["detail"]
    # Past waitress's own cap on the whole head (twice max_body_bytes plus 64 kB) it answers first.
    assert ("at most 100 fields and 32.8 kB are accepted" in detail
            or "header fields together are larger than the 73.5 kB accepted" in detail), detail
    assert_normal_within_a_second(live, salt="headers ")


def test_get_sparql_header_fields_at_the_limits_answered(live):
    """Host and 99 more fields, 32 kB in all: every limit reached, none passed."""
    fields = b"".join(b"X-F%d: a\r\n" % n for n in range(98))
    fields += b"X-Big: " + b"a" * (32_768 - len(b"Host: x\r\n") - len(fields) - len(b"X-Big: ")) + b"\r\n"
    assert len(b"Host: x\r\n" + fields) == 32_768 + 2  # the last CRLF belongs to the head's end
    status_line, _, body = raw_response(live, GET_HEAD + fields + b"\r\n")
    assert status_line.split()[1] == b"200", (status_line, body)
    assert b"true" in body


def test_post_direct_sparql_just_over_cap_413(live):
    body = b"ASK {} #" + b"x" * LIMITS["max_body_bytes"]
    assert b" 413 " in raw(live, HEAD % len(body) + body)


def test_post_direct_sparql_declared_gigabyte_413_without_reading(live):
    """A Content-Length far above any cap is refused at once, before the body comes."""
    assert b" 413 " in raw(live, HEAD % 10**9 + b"ASK {}")


def test_post_direct_sparql_chunked_within_limit_answered(live):
    body = b"ASK {}"
    data = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n"
    data += b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    assert b" 200 " in raw(live, data)


def test_post_direct_sparql_body_cut_short_no_hang(live):
    """A client that promises more body than it sends and closes: no thread waits on it."""
    sock = socket.create_connection((live.host, live.port))
    sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\nASK")
    sock.close()
    assert_normal_within_a_second(live, salt="cut ")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }",
        "SELECT * WHERE " + "{ " * 20000 + "}" * 20000,
        "SELECT * WHERE { FILTER(" + "!" * 50000 + "true) }",
        "SELECT * WHERE { FILTER(" + "-" * 50000 + "1) }",
        "SELECT * WHERE { ?s " + "/".join(["<http://e/p>"] * 20000) + " ?o }",
        "SELECT * WHERE { ?s " + "^" * 50000 + "<http://e/p> ?o }",
        "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o } " * 3000 + "}",
        "SELECT * WHERE { " + "{ ?s ?p ?o } UNION " * 5000 + "{ } }",
        "SELECT * WHERE { " + "[ <http://e/p> " * 20000 + "1" + " ]" * 20000 + " }",
    ],
)
def test_post_direct_sparql_deep_or_long_no_500(roomy, query):
    reply = roomy.request("POST", "/sparql", body=query.encode(), headers=DIRECT, timeout=20)
    assert reply.status in (200, 400, 502, 503), reply.status
    assert reply.header("Content-Type") in ("application/problem+json", "application/sparql-results+json")
    assert b"Traceback" not in reply.body and b".py" not in reply.body
    wait_until(lambda: json.loads(roomy.request("GET", "/health").body)["idle"] == 2, timeout=10)
    assert_normal_within_a_second(roomy, salt="deep ")


def test_post_direct_sparql_huge_literal_answered(roomy):
    query = 'SELECT (STRLEN("' + "x" * 2_500_000 + '") AS ?n) WHERE {}'
    reply = roomy.request("POST", "/sparql", body=query.encode(), headers=DIRECT, timeout=20)
    assert reply.status == 200
    assert json.loads(reply.body)["results"]["bindings"][0]["n"]["value"] == "2500000"


def test_post_direct_sparql_ten_thousand_variables_answered(roomy):
    variables = " ".join(f"?v{index}" for index in range(10000))
    reply = roomy.request("POST", "/sparql", body=f"SELECT {variables} WHERE {{}}".encode(), headers=DIRECT, timeout=20)
    assert reply.status == 200
    assert len(json.loads(reply.body)["head"]["vars"]) == 10000


def test_post_direct_sparql_huge_string_building_bounded(roomy):
    """Doubling a string until it would fill memory: stopped by the time bound, the server unharmed."""
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(11))
    query = f'SELECT (STRLEN(?a11) AS ?n) WHERE {{ BIND("xxxxxxxxxx" AS ?a0) {binds} }}'
    reply = roomy.request("POST", "/sparql", body=query.encode(), headers=DIRECT, timeout=20)
    assert reply.status in (502, 503)
    wait_until(lambda: json.loads(roomy.request("GET", "/health").body)["idle"] == 2, timeout=10)
    assert_normal_within_a_second(roomy, salt="memory ")


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+$", "(a*)*b", "^(([a-z])+.)+[A-Z]([a-z])+$"])
def test_get_sparql_regex_backtracking_fast(live, pattern):
    query = f'SELECT ?m WHERE {{ BIND(CONCAT(STRUUID(), "{"a" * 3000}!") AS ?s) BIND(REGEX(?s, "{pattern}") AS ?m) }}'
    started = time.monotonic()
    reply = ask(live, query)
    assert reply.status == 200
    assert time.monotonic() - started < 1.0


def test_get_sparql_regex_huge_repetition_fast(live):
    started = time.monotonic()
    reply = ask(live, 'SELECT ?m WHERE { BIND(REGEX("a", "a{1000}{1000}{1000}") AS ?m) }')
    assert reply.status == 200 and time.monotonic() - started < 1.0


def test_get_sparql_unread_stderr_does_not_stall(store_dir):
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


def test_get_health_after_everything(live):
    assert_healthy(live)
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda i: ask(live, NORMAL + f" # after {i}").status, range(40)))
    assert statuses.count(200) == 40


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
    status_line, headers, body = raw_response(live, head)
    assert status_line.split()[1] == b"400"
    assert headers["content-type"] == "application/problem+json"
    assert headers["access-control-allow-origin"] == "*"
    assert "Host" in json.loads(body)["detail"]


@pytest.mark.parametrize(
    "head",
    [
        b"GET /sparql?query=ASK%7B%7D HTTP/1.0\r\n\r\n",  # HTTP/1.0 needs no Host
        ASK + b"Host: [::1]:7878\r\n\r\n",
        ASK + b"Host: 127.0.0.1\r\n\r\n",
        ASK + b"Host: xn--rights-graph.example:80\r\n\r\n",
    ],
)
def test_get_sparql_with_valid_host_200(live, head):
    status_line, _, _ = raw_response(live, head)
    assert status_line.split()[1] == b"200"
