"""Benchmark: the same graphs and query mix, side by side, on the endpoint and its yardsticks.

Run on purpose, never collected by pytest::

    pip install -e '.[bench]'          # oxigraph (the server) and rdflib-endpoint
    python tests/benchmarks/endpoint.py                       # both graphs, about 10 minutes
    python tests/benchmarks/endpoint.py --graphs statement --seconds 1 --soak 10   # quick look

Graphs, one after the other:

- ``statement``: the project's own graph (ontology, vocabularies and the
  statement's data, about 6,400 triples), served by ``rightsgraph serve`` exactly
  as a user starts it (in-memory default store);
- ``synthetic``: about ``--triples`` (default 1M) triples of the dataset's shape
  that this script generates (documents as named graphs, claims quoting their
  text, agents, places, dates, a SKOS hierarchy), given to ``rightsgraph serve``
  with ``--data`` so it is held in memory like ``oxigraph serve``'s.

Servers, each started here on a free loopback port and stopped after its graph:

- ``rightsgraph``: ``rightsgraph serve`` with its default settings, so every safety
  bound is on (5 s query timeout in killable worker processes, 10,000-row cap,
  body caps, depth and SERVICE screening, read-only, access log) and its cache of
  complete answers too;
- ``rg-nocache``: the same with ``--cache-bytes 0``: every request screened, sent
  to a worker, evaluated and serialised (the engine path, for an honest view:
  this benchmark repeats each query, which is what a cache is best at);
- ``oxigraph``: ``oxigraph serve`` in memory with a union default graph;
- ``rdflib``: rdflib-endpoint (skipped with a note if not installed);
- ``flask-noop``: a do-nothing Flask route on the same waitress server, built by
  the same function with the same default settings: the framework's own ceiling.

Each query is sent by ``--concurrency`` keep-alive clients for ``--seconds``, in
``--rounds`` rounds that alternate the servers (the median round is shown),
after one request per server whose row count is compared (a server that answers
differently is flagged). A server whose single request takes more than
``--slow`` seconds is measured by that request only (marked ``*``). The clients
are Python threads on the same machine, so they take CPU from the servers alike.

Also measured: cold start of ``rightsgraph serve`` to its first answer on the
statement's graph, and the resident memory of the endpoint (server and worker
processes) before, during and after a ``--soak``-second run of varied queries.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rightsgraph.config import BY_NAME  # noqa: E402
from rightsgraph.loading import load_store  # noqa: E402
from rightsgraph.namespaces import GRAPH, ID, VOCABULARIES_GRAPH  # noqa: E402
from rightsgraph.namespaces import ONTOLOGY as RG  # noqa: E402

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = f"PREFIX rg: <{RG}> PREFIX rdfs: <{RDFS}> PREFIX skos: <{SKOS}> "

#: The mix on the synthetic graph.
SYNTHETIC_QUERIES = {
    "lookup": f"SELECT ?p ?o WHERE {{ <{ID}claim/c-42> ?p ?o }}",
    "text search": PREFIXES + 'SELECT ?c ?t WHERE { ?c rg:quote ?t FILTER(CONTAINS(?t, "detention 77")) } LIMIT 20',
    "3-hop join": PREFIXES
    + "SELECT ?c ?name ?place WHERE { ?c rg:about ?a . ?a rg:memberOf ?o . ?o rdfs:label ?name . "
    + "?c rg:place ?pl . ?pl rdfs:label ?place . ?a rdfs:label \"Agent 7\" }",
    "group by": PREFIXES + "SELECT ?s (COUNT(?c) AS ?n) WHERE { ?c rg:status ?s } GROUP BY ?s",
    "optional": PREFIXES
    + "SELECT ?a ?l ?o WHERE { ?a a rg:Agent ; rdfs:label ?l OPTIONAL { ?a rg:memberOf ?o } } LIMIT 100",
    "property path": PREFIXES + f"SELECT ?x WHERE {{ ?x skos:broader+ <{ID}concept/k-0> }}",
    "order by limit": PREFIXES + "SELECT ?c ?d WHERE { ?c rg:date ?d } ORDER BY DESC(?d) LIMIT 10",
    "construct": PREFIXES + f"CONSTRUCT {{ ?c ?p ?o }} WHERE {{ ?c rg:about <{ID}agent/a-7> ; ?p ?o }}",
    "describe": f"DESCRIBE <{ID}agent/a-7>",
}
#: The same kinds of query on the statement's own graph.
STATEMENT_QUERIES = {
    "lookup": f"SELECT ?p ?o WHERE {{ <{ID}claim/amnesty-cambodia-2019-f31> ?p ?o }}",
    "text search": PREFIXES
    + 'SELECT ?c ?t WHERE { ?c rg:evidence/rg:exactText ?t FILTER(CONTAINS(LCASE(?t), "detention")) } LIMIT 20',
    "3-hop join": PREFIXES
    + "SELECT ?claim ?who ?status ?quote WHERE { ?claim rg:statedBy ?a . ?a rdfs:label ?who . "
    + "?claim rg:epistemicStatus ?s . ?s skos:prefLabel ?status . ?claim rg:evidence ?e . ?e rg:exactText ?quote }",
    "group by": PREFIXES + "SELECT ?s (COUNT(?c) AS ?n) WHERE { ?c rg:epistemicStatus ?s } GROUP BY ?s",
    "optional": PREFIXES + "SELECT ?c ?note WHERE { ?c rg:claimId ?id OPTIONAL { ?c rg:inferenceNote ?note } }",
    "property path": PREFIXES + "SELECT ?x ?y WHERE { ?x rdfs:subClassOf+ ?y }",
    "order by limit": PREFIXES
    + "SELECT ?c ?start WHERE { ?c rg:evidence ?e . ?e rg:rawStart ?start } ORDER BY DESC(?start) LIMIT 10",
    "construct": PREFIXES
    + "CONSTRUCT { ?c ?p ?o } WHERE { ?c rg:claimId ?id ; rg:statedBy ?a ; ?p ?o . ?a rdfs:label ?l }",
    "describe": f"DESCRIBE <{ID}claim/amnesty-cambodia-2019-f31>",
}
GRAPH_QUERIES = {"construct", "describe"}
#: The issue's goals: which queries each is judged on.
MEDIUM_AND_HEAVY = ("text search", "3-hop join", "group by", "optional", "property path", "order by limit", "construct")
JOINS_AND_SORTS = ("3-hop join", "group by", "optional", "property path", "order by limit")
THREADS = BY_NAME["threads"].default


def accept_for(label: str) -> str:
    return "application/n-triples" if label in GRAPH_QUERIES else "application/sparql-results+json"


def synthetic_graph(triples: int, path: Path) -> int:
    """Write about ``triples`` triples of the dataset's shape to ``path`` as N-Quads; returns the count."""
    rng = random.Random(7)
    n = ox.NamedNode
    claims = triples // 8
    agents, places, concepts, documents = max(claims // 20, 10), 200, 100, 50
    quads = []
    meta = n(VOCABULARIES_GRAPH)
    for k in range(concepts):
        quads.append(ox.Quad(n(f"{ID}concept/k-{k}"), n(RDFS + "label"), ox.Literal(f"Concept {k}"), meta))
        if k:
            quads.append(ox.Quad(n(f"{ID}concept/k-{k}"), n(SKOS + "broader"), n(f"{ID}concept/k-{(k - 1) // 3}"), meta))
    for a in range(agents):
        quads += [
            ox.Quad(n(f"{ID}agent/a-{a}"), n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n(RG + "Agent"), meta),
            ox.Quad(n(f"{ID}agent/a-{a}"), n(RDFS + "label"), ox.Literal(f"Agent {a}"), meta),
        ]
        if a % 3:
            quads.append(ox.Quad(n(f"{ID}agent/a-{a}"), n(RG + "memberOf"), n(f"{ID}agent/a-{a % 10}"), meta))
    for p in range(places):
        quads.append(ox.Quad(n(f"{ID}place/p-{p}"), n(RDFS + "label"), ox.Literal(f"Place {p} – Phnom Penh"), meta))
    for c in range(claims):
        g = n(f"{GRAPH}doc-{c % documents}")
        s = n(f"{ID}claim/c-{c}")
        date = f"20{10 + c % 15}-{1 + c % 12:02d}-{1 + c % 28:02d}"
        quads += [
            ox.Quad(s, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n(RG + "Claim"), g),
            ox.Quad(s, n(RG + "quote"), ox.Literal(f"Arbitrary detention {c} reported in province {c % 25}"), g),
            ox.Quad(s, n(RG + "about"), n(f"{ID}agent/a-{rng.randrange(agents)}"), g),
            ox.Quad(s, n(RG + "place"), n(f"{ID}place/p-{rng.randrange(places)}"), g),
            ox.Quad(s, n(RG + "date"), ox.Literal(date, datatype=n(XSD + "date")), g),
            ox.Quad(s, n(RG + "status"), n(f"{ID}concept/k-{rng.randrange(concepts)}"), g),
            ox.Quad(s, n(RG + "statedBy"), n(f"{ID}agent/a-{rng.randrange(agents)}"), g),
            ox.Quad(s, n(RDFS + "label"), ox.Literal(f"Claim {c}", language="en"), g),
        ]
    ox.serialize(quads, str(path), format=ox.RdfFormat.N_QUADS)
    return len(quads)


def statement_graph(path: Path) -> int:
    """Write the project's own graph (what ``rightsgraph serve`` loads) to ``path`` as N-Quads."""
    store = load_store()
    store.dump(str(path), format=ox.RdfFormat.N_QUADS)
    return len(store)


# --- servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, query: str | None = None, accept: str = "*/*", timeout: float = 600) -> tuple[int, bytes]:
    parts = urlsplit(url)
    path = parts.path + ("?" + urlencode({"query": query}) if query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept": accept})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_ready(url: str, probe: str | None, timeout: float = 900) -> float:
    """Seconds until ``url`` answers ``probe`` with 200."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if get(url, probe, timeout=5)[0] == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.02)
    raise TimeoutError(url)


def rightsgraph_command(port: int, *flags: str) -> list[str]:
    return [sys.executable, "-c", "from rightsgraph.cli import main; main()", "serve", "--port", str(port), *flags]


NOOP_APP = """
import sys
from flask import Flask
from rightsgraph.config import load_config
from rightsgraph.serve import wsgi_server
app = Flask("noop")
@app.get("/noop")
def noop():
    return "ok"
wsgi_server(app, load_config({"port": int(sys.argv[1])})).run()
"""


class Server:
    """One server under test: its process, query URL and the seconds it took to answer first."""

    def __init__(self, name: str, command: list[str], url: str, probe: str | None = "ASK {}") -> None:
        self.name, self.url = name, url
        started = time.monotonic()
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_ready(url, probe)
        self.ready_after = time.monotonic() - started

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_servers(graph: str, data: Path, only: set[str]) -> list[Server]:
    servers = []
    flags = [] if graph == "statement" else ["--data", str(data)]
    if "rightsgraph" in only:
        port = free_port()
        servers.append(Server("rightsgraph", rightsgraph_command(port, *flags), f"http://127.0.0.1:{port}/sparql"))
    if "rg-nocache" in only:
        port = free_port()
        command = rightsgraph_command(port, *flags, "--cache-bytes", "0")
        servers.append(Server("rg-nocache", command, f"http://127.0.0.1:{port}/sparql"))
    if "oxigraph" in only:
        port = free_port()
        command = [shutil.which("oxigraph") or "oxigraph", "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
        server = Server("oxigraph", command, f"http://127.0.0.1:{port}/query")
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
        connection.request("POST", "/store", body=data.read_bytes(), headers={"Content-Type": "application/n-quads"})
        connection.getresponse().read()
        server.ready_after += time.monotonic() - started
        servers.append(server)
    if "rdflib" in only:
        if shutil.which("rdflib-endpoint") is None:
            print("rdflib-endpoint not installed (pip install -e '.[bench]'): skipped")
        else:
            port = free_port()
            command = ["rdflib-endpoint", "serve", str(data), "--port", str(port), "--host", "127.0.0.1"]
            servers.append(Server("rdflib", command, f"http://127.0.0.1:{port}/"))
    if "flask-noop" in only:
        port = free_port()
        command = [sys.executable, "-c", NOOP_APP, str(port)]
        servers.append(Server("flask-noop", command, f"http://127.0.0.1:{port}/noop", probe=None))
    return servers


# --- measuring -------------------------------------------------------------------------------


def rows_in(body: bytes, label: str) -> int:
    if label in GRAPH_QUERIES:
        return sum(1 for line in body.splitlines() if line.strip())
    return len(json.loads(body)["results"]["bindings"])


def hammer(url: str, query: str | None, accept: str, concurrency: int, seconds: float) -> dict[str, float]:
    """Send the query from ``concurrency`` keep-alive clients for ``seconds``; req/s, p50, p99, errors."""
    parts = urlsplit(url)
    path = parts.path + ("?" + urlencode({"query": query}) if query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        mine, failed = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": accept})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
                ok = False
            mine.append(time.perf_counter() - started)
            failed += not ok
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "errors": errors[0],
        "note": "",
    }


def measure(servers: list[Server], queries: dict[str, str], args: argparse.Namespace) -> dict[tuple[str, str], dict]:
    """Every (query, server) cell: a row-count check, then the median of ``rounds`` hammerings.

    The do-nothing route is hammered in the lookup cell's rounds, between the
    servers' lookups, so the two figures the lookup goal compares are taken side by
    side; its row is printed as ``noop``.
    """
    results: dict[tuple[str, str], dict] = {}
    print(f"{'query':<16}{'server':<13}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'rows':>7}")
    noop = [server for server in servers if server.name == "flask-noop"]
    for label, query in queries.items():
        cells = [server for server in servers if server.name != "flask-noop"] + (noop if label == "lookup" else [])
        rows: dict[str, str] = {}
        slow: dict[str, dict] = {}
        for server in cells:
            if server.name == "flask-noop":
                rows[server.name] = ""
                continue
            started = time.perf_counter()
            status, body = get(server.url, query, accept_for(label))
            took = time.perf_counter() - started
            rows[server.name] = str(rows_in(body, label)) if status == 200 else f"HTTP {status}"
            if took > args.slow:
                slow[server.name] = {"rps": 1 / took, "p50": took * 1000, "p99": took * 1000, "errors": 0, "note": "*"}
        runs: dict[str, list[dict]] = {server.name: [] for server in cells}
        for _ in range(args.rounds):
            for server in cells:
                if server.name not in slow:
                    sent = None if server.name == "flask-noop" else query
                    runs[server.name].append(hammer(server.url, sent, accept_for(label), args.concurrency, args.seconds))
        reference = rows.get("rightsgraph")
        for server in cells:
            cell = slow.get(server.name) or sorted(runs[server.name], key=lambda run: run["rps"])[len(runs[server.name]) // 2]
            mark = "" if not reference or not rows[server.name] or rows[server.name] == reference else " !"
            shown = "noop" if server.name == "flask-noop" else label
            results[(shown, server.name)] = cell
            print(
                f"{shown:<16}{server.name:<13}{cell['rps']:>8.0f}{cell['note'] or ' '}{cell['p50']:>9.1f}"
                f"{cell['p99']:>9.1f}{cell['errors']:>8.0f}{rows[server.name]:>7}{mark}",
                flush=True,
            )
    return results


def print_ratios(results: dict[tuple[str, str], dict], queries: dict[str, str]) -> None:
    noop = results.get(("noop", "flask-noop"))
    for ours in ("rightsgraph", "rg-nocache"):
        if not any(name == ours for _, name in results):
            continue
        print(f"\nratios of {ours} req/s")
        for label in queries:
            mine = results.get((label, ours))
            if not mine:
                continue
            parts = [f"{label:<16}"]
            for other in ("oxigraph", "rdflib"):
                theirs = results.get((label, other))
                if theirs and theirs["rps"]:
                    parts.append(f"vs {other}: {mine['rps'] / theirs['rps']:7.2f}")
            if noop and noop["rps"]:
                parts.append(f"vs flask-noop: {mine['rps'] / noop['rps']:5.2f}")
            print("  ".join(parts))
        print_goals(results, ours, noop)


def print_goals(results: dict[tuple[str, str], dict], ours: str, noop: dict | None) -> None:
    """The issue's goals, each with the lowest ratio among the queries it judges.

    "Medium and heavy" is decided by what each query costs in this run: a query
    that ``oxigraph serve`` answers more often per second than the do-nothing
    Flask route can answer at all is light, whatever its kind, since no server on
    this framework could reach 80% of oxigraph on it; such queries are judged
    like lookups, against the do-nothing route. The verdict on the fixed list of
    kinds is printed too.
    """

    def rps(label: str, server: str) -> float | None:
        cell = results.get((label, server))
        return cell["rps"] if cell and cell["rps"] else None

    def ratio(label: str, other: str) -> float | None:
        mine, theirs = rps(label, ours), rps(label, other)
        return mine / theirs if mine and theirs else None

    ceiling = noop["rps"] if noop else None
    heavy = [label for label in MEDIUM_AND_HEAVY if ceiling and (rps(label, "oxigraph") or 0) <= ceiling]
    light = [label for label in MEDIUM_AND_HEAVY if label not in heavy]
    goals = []
    if ceiling:
        goals.append(("lookup >= 0.80 x flask-noop", ["lookup"], "flask-noop", 0.8))
        goals.append(("light for oxigraph >= 0.80 x flask-noop", light, "flask-noop", 0.8))
        goals.append(("medium/heavy by cost >= 0.80 x oxigraph", heavy, "oxigraph", 0.8))
    goals.append(("medium/heavy by kind >= 0.80 x oxigraph", list(MEDIUM_AND_HEAVY), "oxigraph", 0.8))
    goals.append(("joins/sorts >= 20 x rdflib", list(JOINS_AND_SORTS), "rdflib", 20.0))
    for name, labels, other, floor in goals:
        if other == "flask-noop":
            values = {label: rps(label, ours) / ceiling for label in labels if rps(label, ours)}
        else:
            values = {label: ratio(label, other) for label in labels if ratio(label, other) is not None}
        if values:
            lowest = min(values, key=values.get)
            verdict = "met" if values[lowest] >= floor else "NOT met"
            print(f"  goal {name}: lowest {values[lowest]:.2f} ({lowest}) -> {verdict}   [{', '.join(values)}]")


# --- cold start and memory -------------------------------------------------------------------


def cold_start(times: int) -> list[float]:
    """Seconds from launching ``rightsgraph serve`` (default store) to its first answer to a query."""
    query = f"SELECT ?p ?o WHERE {{ <{ID}claim/amnesty-cambodia-2019-f31> ?p ?o }}"
    seconds = []
    for _ in range(times):
        port = free_port()
        started = time.monotonic()
        process = subprocess.Popen(rightsgraph_command(port), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_ready(f"http://127.0.0.1:{port}/sparql", query, timeout=60)
            seconds.append(time.monotonic() - started)
        finally:
            process.terminate()
            process.wait()
    return seconds


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children (the worker processes), in MB."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(entry) == pid or int(fields.get("PPid", "0").strip()) == pid:
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


def cache_mb(server: Server) -> float:
    """MB the endpoint's answer cache holds, from its health report."""
    status, body = get(server.url.rsplit("/", 1)[0] + "/health")
    return json.loads(body).get("cache", {}).get("bytes", 0) / 1e6 if status == 200 else 0.0


def soak(server: Server, queries: dict[str, str], triples: int, seconds: float, concurrency: int) -> None:
    """Varied queries for ``seconds`` (the mix, lookups of many distinct claims, malformed ones); RSS over time.

    The answer cache fills up to its bound during the run, so the verdict
    discounts what the cache itself reports holding.
    """
    rng = random.Random(1)
    claims = max(triples // 8, 1)
    mix = list(queries.items())
    samples = [(0.0, rss_mb(server.process.pid), cache_mb(server))]
    deadline = time.monotonic() + seconds
    counts = {"sent": 0, "non-2xx": 0}
    lock = threading.Lock()

    def client() -> None:
        parts = urlsplit(server.url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        while time.monotonic() < deadline:
            pick = rng.random()
            if pick < 0.6:
                label, query = "lookup", f"SELECT ?p ?o WHERE {{ <{ID}claim/c-{rng.randrange(claims)}> ?p ?o }}"
            elif pick < 0.65:
                label, query = "malformed", f"SELECT ?x WHERE {{ ?x ?y {rng.randrange(10**6)}"
            else:
                label, query = rng.choice(mix)
            try:
                connection.request("GET", parts.path + "?" + urlencode({"query": query}), headers={"Accept": accept_for(label)})
                response = connection.getresponse()
                response.read()
                bad = response.status >= 300 and label != "malformed"
            except OSError:
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                bad = True
            with lock:
                counts["sent"] += 1
                counts["non-2xx"] += bad

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        time.sleep(min(2.0, max(seconds / 20, 0.2)))
        samples.append((time.monotonic() - started, rss_mb(server.process.pid), cache_mb(server)))
    warm = [sample for sample in samples if sample[0] >= seconds * 0.25]
    print(f"requests {counts['sent']} ({counts['non-2xx']} unexpected statuses) in {seconds:g} s")
    shown = samples[:: max(len(samples) // 12, 1)]
    print("RSS MB (server + workers) / cache MB: " + ", ".join(f"{at:.0f}s {mb:.0f}/{cached:.0f}" for at, mb, cached in shown))
    if warm:
        (_, first, first_cache), (_, last, last_cache) = warm[0], warm[-1]
        growth = (last - first) - (last_cache - first_cache)
        verdict = "flat" if growth <= 0.05 * first else "GROWING"
        print(f"before {samples[0][1]:.0f} MB, after warm-up {first:.0f} MB, end {last:.0f} MB "
              f"(cache {first_cache:.0f} -> {last_cache:.0f} MB): {growth:+.0f} MB beyond the cache -> {verdict}")


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graphs", default="statement,synthetic")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=2.0, help="per cell and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--slow", type=float, default=10.0, help="seconds per request beyond which a cell is one request")
    parser.add_argument("--servers", default="rightsgraph,rg-nocache,oxigraph,rdflib,flask-noop")
    parser.add_argument("--cold-starts", type=int, default=5)
    parser.add_argument("--soak", type=float, default=60.0, help="seconds of the memory run (0: none)")
    args = parser.parse_args()
    only = set(args.servers.split(","))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; concurrency {args.concurrency}; "
          f"{args.seconds:g} s x {args.rounds} rounds per cell; endpoint threads {THREADS}")
    if args.cold_starts:
        seconds = cold_start(args.cold_starts)
        print(f"cold start to first answer (statement's graph, default store): "
              f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s over {len(seconds)} starts")
    graphs = args.graphs.split(",")
    soak_graph = "synthetic" if "synthetic" in graphs else graphs[-1]
    with tempfile.TemporaryDirectory() as tmp:
        for graph in graphs:
            data = Path(tmp) / f"{graph}.nq"
            if graph == "statement":
                count, queries = statement_graph(data), STATEMENT_QUERIES
            else:
                count, queries = synthetic_graph(args.triples, data), SYNTHETIC_QUERIES
            print(f"\n== {graph} graph: {count} triples")
            servers = start_servers(graph, data, only)
            try:
                for server in servers:
                    print(f"{server.name}: ready after {server.ready_after:.2f} s, RSS {rss_mb(server.process.pid):.0f} MB")
                results = measure(servers, queries, args)
                print_ratios(results, queries)
                endpoint = next((server for server in servers if server.name == "rightsgraph"), None)
                if endpoint and args.soak and graph == soak_graph:
                    print(f"\nmemory over a {args.soak:g} s run of varied queries on rightsgraph ({graph} graph):")
                    soak(endpoint, queries, count if graph == "synthetic" else 1, args.soak, args.concurrency)
            finally:
                for server in servers:
                    server.stop()


if __name__ == "__main__":
    main()
