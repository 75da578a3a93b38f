"""Benchmark: the archive's write path against ``oxigraph serve`` taking the same data, side by side.

    python3 tests/benchmarks/archive.py                        # defaults below
    python3 tests/benchmarks/archive.py --small 30 --large 3 --seconds 10

Starts, on free loopback ports, ``rightsgraph serve --store DIR`` (a fresh on-disk archive,
two query workers, a write token) and ``oxigraph serve`` on a fresh directory loaded with
the same dataset (``rightsgraph load --into``). Then, one after the other:

- **submissions per second at 1 KB and 1 MB**: the same valid Turtle files (people with
  names) sent one at a time, to ``POST /records`` (the gate over everything held, the
  commit with provenance, a new snapshot for the workers) and as a ``PUT`` of a named graph
  to oxigraph's Graph Store endpoint (a parse and a write, no validation);
- **query throughput while writing**: client threads run a small SELECT (made distinct per
  request by a comment, so the answer cache never serves it) for ``--seconds`` seconds,
  first with no writes, then while a writer submits 1 KB files back to back; the same on
  oxigraph's ``/query`` while a writer PUTs them.

Prints every figure and the ratios rightsgraph / oxigraph. Timings are wall-clock on this
machine, with whatever else runs on it; the ratios are the point. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]

from rightsgraph.archive.tokens import TokenFile  # noqa: E402
from rightsgraph.store.remote import load_into  # noqa: E402

QUERY = """PREFIX hr: <https://w3id.org/rightsgraph/ontology/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event ?label WHERE { ?event hr:victim <https://w3id.org/rightsgraph/id/person/sam-bopha> ; rdfs:label ?label } # """


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def people(prefix: str, target_bytes: int) -> bytes:
    """A valid Turtle file of people of about ``target_bytes`` bytes."""
    head = ("@prefix hr: <https://w3id.org/rightsgraph/ontology/> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n")
    lines, size, n = [head], len(head), 0
    while size < target_bytes:
        line = f'<https://w3id.org/rightsgraph/id/person/{prefix}-{n}> a hr:Person ; rdfs:label "Person {n} of {prefix}" .\n'
        lines.append(line)
        size += len(line)
        n += 1
    return "".join(lines).encode()


class Client:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port

    def send(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> int:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()


class Rightsgraph(Client):
    def __init__(self, directory: Path) -> None:
        tokens = directory / "tokens.json"
        self.token = TokenFile(tokens).add("bench")
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "RIGHTSGRAPH_TOKENS_FILE": str(tokens)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from rightsgraph.cli import main; main()", "serve", "--port", "0", "--store",
             str(directory / "store"), "--workers", "2", "--submit-max-bytes", "20000000"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        parts = urlsplit(self.process.stdout.readline().split(" at ", 1)[1].strip())
        super().__init__(parts.hostname, parts.port)

    def write(self, name: str, body: bytes) -> int:
        return self.send("POST", f"/records?name={name}.ttl", body,
                         {"Content-Type": "text/turtle", "Authorization": f"Bearer {self.token}"})

    def query(self, n: int) -> int:
        return self.send("POST", "/sparql", urlencode({"query": QUERY + str(n)}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


class Oxigraph(Client):
    def __init__(self, directory: Path) -> None:
        port = free_port()
        self.process = subprocess.Popen([shutil.which("oxigraph"), "serve", "--location", str(directory / "oxigraph"),
                                         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        super().__init__("127.0.0.1", port)
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.send("GET", "/query?query=ASK%7B%7D") == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        load_into(f"http://127.0.0.1:{port}/store")

    def write(self, name: str, body: bytes) -> int:
        graph = quote(f"https://w3id.org/rightsgraph/graph/bench/{name}", safe="")
        return self.send("PUT", f"/store?graph={graph}", body, {"Content-Type": "text/turtle"})

    def query(self, n: int) -> int:
        return self.send("POST", "/query", urlencode({"query": QUERY + str(n)}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def submissions_per_second(server, label: str, size: int, count: int) -> float:
    bodies = [people(f"{label}-{size}-{n}", size) for n in range(count)]
    started = time.perf_counter()
    for n, body in enumerate(bodies):
        status = server.write(f"{label}-{size}-{n}", body)
        if status not in (200, 201, 204):
            raise RuntimeError(f"{label}: a {size}-byte write answered {status}")
    return count / (time.perf_counter() - started)


def queries_per_second(server, label: str, seconds: float, clients: int, writing: bool) -> tuple[float, int, int]:
    """(queries per second, errors, writes made) over ``seconds`` with ``clients`` threads."""
    stop = threading.Event()
    counts, errors, writes = [0] * clients, [0], [0]

    def ask(index: int) -> None:
        n = index * 1_000_000
        while not stop.is_set():
            n += 1
            if server.query(n) == 200:
                counts[index] += 1
            else:
                errors[0] += 1

    def write() -> None:
        while not stop.is_set():
            if server.write(f"{label}-busy-{writes[0]}", people(f"{label}-busy-{writes[0]}", 1000)) in (200, 201, 204):
                writes[0] += 1

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(clients)]
    if writing:
        threads.append(threading.Thread(target=write))
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds, errors[0], writes[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=20, help="1 KB submissions to time")
    parser.add_argument("--large", type=int, default=3, help="1 MB submissions to time")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds of each query-throughput run")
    parser.add_argument("--clients", type=int, default=4, help="query client threads")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="rightsgraph-archive-bench-"))
    servers = {}
    try:
        servers["rightsgraph"] = Rightsgraph(directory)
        servers["oxigraph"] = Oxigraph(directory)
        results: dict[str, dict[str, float]] = {name: {} for name in servers}
        for name, server in servers.items():
            results[name]["1 KB submissions/s"] = submissions_per_second(server, name, 1_000, args.small)
            results[name]["1 MB submissions/s"] = submissions_per_second(server, name, 1_000_000, args.large)
            idle, idle_errors, _ = queries_per_second(server, name, args.seconds, args.clients, writing=False)
            busy, busy_errors, writes = queries_per_second(server, name, args.seconds, args.clients, writing=True)
            results[name]["queries/s, no writes"] = idle
            results[name]["queries/s while writing"] = busy
            results[name]["1 KB writes/s meanwhile"] = writes / args.seconds
            results[name]["query errors"] = idle_errors + busy_errors
        print(f"{'':28}{'rightsgraph':>14}{'oxigraph':>14}{'rightsgraph/oxigraph':>24}")
        for metric in results["rightsgraph"]:
            ours, theirs = results["rightsgraph"][metric], results["oxigraph"][metric]
            ratio = f"{ours / theirs:.3f}" if theirs else "-"
            print(f"{metric:28}{ours:>14.2f}{theirs:>14.2f}{ratio:>24}")
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
