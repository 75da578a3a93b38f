"""Benchmark: the same graph and query mix, side by side, on the endpoint and its yardsticks.

Run on purpose, never collected by pytest::

    pip install -e '.[bench]'          # rdflib-endpoint and uvicorn
    python tests/benchmarks/endpoint.py --triples 100000 --concurrency 8 --seconds 3

Servers, each started here on a free loopback port and stopped at the end:
``rightsgraph`` (``rightsgraph serve`` on an on-disk store, every safety bound on),
``oxigraph`` (``oxigraph serve`` in memory, union default graph), ``rdflib``
(rdflib-endpoint, skipped with a note if not installed) and ``flask-noop``
(a do-nothing Flask route on waitress with the same thread count: the
framework's own ceiling, shown for the lookup row). The synthetic graph has the
dataset's shape: documents as named graphs, claims quoting their text, agents,
places, dates and a SKOS hierarchy. Prints requests/s, p50 and p99 per server
and query, then rightsgraph's ratios to the others.
"""

from __future__ import annotations

import argparse
import http.client
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
RG = "https://w3id.org/rightsgraph/ontology/"
ID = "https://w3id.org/rightsgraph/id/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = f"PREFIX rg: <{RG}> PREFIX rdfs: <{RDFS}> PREFIX skos: <{SKOS}> "

QUERIES = {
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
ACCEPT = {"construct": "application/n-triples", "describe": "application/n-triples"}


def synthetic_graph(triples: int, path: Path) -> int:
    """Write about ``triples`` triples of the dataset's shape to ``path`` as N-Quads; returns the count."""
    rng = random.Random(7)
    n = ox.NamedNode
    claims = triples // 8
    agents, places, concepts, documents = max(claims // 20, 10), 200, 100, 50
    quads = []
    meta = n(f"https://w3id.org/rightsgraph/graph/vocabularies")
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
        g = n(f"https://w3id.org/rightsgraph/graph/doc-{c % documents}")
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float = 600) -> float:
    """Seconds until ``url`` answers at all."""
    started = time.monotonic()
    parts = urlsplit(url)
    while time.monotonic() - started < timeout:
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            connection.request("GET", parts.path or "/")
            connection.getresponse().read()
            return time.monotonic() - started
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


NOOP_APP = """
import sys, waitress
from flask import Flask
app = Flask("noop")
@app.get("/noop")
def noop():
    return "ok"
waitress.serve(app, host="127.0.0.1", port=int(sys.argv[1]), threads=int(sys.argv[2]), _quiet=True)
"""


def start_servers(data: Path, work: Path, threads: int, only: set[str]) -> dict[str, tuple[str, subprocess.Popen]]:
    servers = {}
    if "rightsgraph" in only:
        store_dir = work / "rightsgraph-store"
        store = ox.Store(str(store_dir))
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.optimize()
        del store
        port = free_port()
        command = [sys.executable, "-c", "from server.cli import main; main()", "serve", "--port", str(port),
                   "--store", str(store_dir), "--threads", str(threads), "--query-timeout", "30"]
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers["rightsgraph"] = (f"http://127.0.0.1:{port}/sparql", process)
    if "oxigraph" in only:
        port = free_port()
        process = subprocess.Popen([shutil.which("oxigraph"), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_http(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        connection.request("POST", "/store", body=data.read_bytes(), headers={"Content-Type": "application/n-quads"})
        connection.getresponse().read()
        servers["oxigraph"] = (f"http://127.0.0.1:{port}/query", process)
    if "rdflib" in only:
        if shutil.which("rdflib-endpoint") is None:
            print("rdflib-endpoint not installed (pip install -e '.[bench]'): skipped")
        else:
            port = free_port()
            process = subprocess.Popen(["rdflib-endpoint", "serve", str(data), "--port", str(port), "--host", "127.0.0.1"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            servers["rdflib"] = (f"http://127.0.0.1:{port}/", process)
    if "flask-noop" in only:
        port = free_port()
        process = subprocess.Popen([sys.executable, "-c", NOOP_APP, str(port), str(threads)], cwd=ROOT, stderr=subprocess.DEVNULL)
        servers["flask-noop"] = (f"http://127.0.0.1:{port}/noop", process)
    return servers


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
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--servers", default="rightsgraph,oxigraph,rdflib,flask-noop")
    args = parser.parse_args()
    only = set(args.servers.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "synthetic.nq"
        count = synthetic_graph(args.triples, data)
        print(f"synthetic graph: {count} triples; concurrency {args.concurrency}; {args.seconds:g} s per cell")
        servers = start_servers(data, work, args.concurrency, only)
        try:
            for name, (url, _) in servers.items():
                probe = url if name == "flask-noop" else url + "?" + urlencode({"query": "ASK {}"})
                print(f"{name}: ready after {wait_http(probe):.2f} s")
            results: dict[tuple[str, str], dict[str, float]] = {}
            print(f"{'query':<16}{'server':<13}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
            for label, query in [("noop", None), *QUERIES.items()]:
                for name, (url, _) in servers.items():
                    if (label == "noop") != (name == "flask-noop"):
                        continue
                    accept = ACCEPT.get(label, "application/sparql-results+json")
                    cell = hammer(url, query, accept, args.concurrency, args.seconds)
                    results[(label, name)] = cell
                    print(f"{label:<16}{name:<13}{cell['rps']:>10.0f}{cell['p50']:>10.1f}{cell['p99']:>10.1f}{cell['errors']:>8.0f}", flush=True)
            print("\nratios of rightsgraph req/s")
            noop = results.get(("noop", "flask-noop"))
            for label in QUERIES:
                ours = results.get((label, "rightsgraph"))
                if not ours:
                    continue
                parts = [f"{label:<16}"]
                for other in ("oxigraph", "rdflib"):
                    theirs = results.get((label, other))
                    if theirs and theirs["rps"]:
                        parts.append(f"vs {other}: {ours['rps'] / theirs['rps']:6.2f}")
                if noop:
                    parts.append(f"vs flask-noop: {ours['rps'] / noop['rps']:5.2f}")
                print("  ".join(parts))
        finally:
            for _, process in servers.values():
                process.terminate()
                process.wait(timeout=30)


if __name__ == "__main__":
    main()
