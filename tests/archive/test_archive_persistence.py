"""Persistence of the on-disk archive: restarts keep everything; ``kill -9`` during a write keeps every
acknowledged submission and no part of the interrupted one (a real SIGKILL, a real RocksDB)."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import threading
import time

import pyoxigraph as ox
import pytest
from archive_support import SUBMISSIONS, Server, Tokens, example, people

PROVENANCE = ox.NamedNode("https://w3id.org/rightsgraph/graph/provenance")
EXTENT = ox.NamedNode("http://purl.org/dc/terms/extent")


def submission_graphs(location) -> dict[str, tuple[int, str | None]]:
    """Each submission graph in the store: its triples, and the size its provenance records (None: no record)."""
    store = ox.Store(str(location))
    try:
        found = {}
        for graph in store.named_graphs():
            if graph.value.startswith(SUBMISSIONS):
                extent = next(store.quads_for_pattern(graph, EXTENT, None, PROVENANCE), None)
                found[graph.value] = (len(list(store.quads_for_pattern(None, None, None, graph))),
                                      extent.object.value if extent else None)
        return found
    finally:
        del store
        gc.collect()


def test_a_restart_keeps_submissions_withdrawals_and_their_history(tmp_path):
    tokens = Tokens(tmp_path / "tokens.json")
    location = str(tmp_path / "store")
    first = Server("--store", location, tokens=tokens.file.path)
    try:
        kept = first.submit(tokens.archivist, example("case-record.ttl")).json()
        gone = first.submit(tokens.archivist, people("restart", 2)).json()
        assert first.withdraw(tokens.archivist, gone["id"]).status == 200
        graphs, history = first.graphs(), first.history()
    finally:
        first.stop()
    second = Server("--store", location, tokens=tokens.file.path)
    try:
        assert second.graphs() == graphs and second.history() == history
        assert kept["graph"] in graphs and gone["graph"] not in graphs
        assert [a["kind"] for a in history] == ["submission", "submission", "withdrawal"]
    finally:
        second.stop()


COMMIT = textwrap.dedent("""
    import sys
    from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize
    from rightsgraph.archive.stores import EmbeddedArchive
    from rightsgraph.archive.provenance import SubmittedFile, submission_quads
    archive = EmbeddedArchive(sys.argv[1])
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    body = serialize([Triple(NamedNode(f"https://w3id.org/rightsgraph/id/person/p{n}"), label, Literal(f"P {n}"))
                      for n in range(300_000)], format=RdfFormat.N_TRIPLES)
    provenance = submission_quads("interrupted", "test", "2031-01-01T00:00:00Z", "2031-01-01T00:00:01Z",
                                  [SubmittedFile("big.nt", "0" * 64, len(body))], 300_000)
    print("committing", flush=True)
    archive.commit("interrupted", body, provenance)
    print("committed", flush=True)
    sys.stdin.read()
""")


@pytest.mark.parametrize("delay", [0.3, 3.0, 6.0])  # while parsing, then inside the transaction
def test_kill_9_during_a_commit_leaves_all_of_it_or_none(tmp_path, delay):
    location = tmp_path / "store"
    ox.Store(str(location)).flush()
    gc.collect()
    process = subprocess.Popen([sys.executable, "-c", COMMIT, str(location)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "committing"
        time.sleep(delay)
        process.kill()
        process.wait()
    finally:
        process.stdin.close()
        process.stdout.close()
    found = submission_graphs(location)
    assert found in ({}, {SUBMISSIONS + "interrupted": (300_000, "300000 triples")}), found


def test_kill_9_of_the_server_keeps_every_acknowledged_submission_and_no_part_of_the_interrupted_one(tmp_path):
    tokens = Tokens(tmp_path / "tokens.json")
    location = tmp_path / "store"
    server = Server("--store", str(location), tokens=tokens.file.path)
    acknowledged: dict[str, int] = {}
    stop = threading.Event()

    def keep_submitting() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            try:
                reply = server.submit(tokens.archivist, people(f"killed-{number}", 2000))
            except OSError:
                return
            if reply.status == 201:
                acknowledged[reply.json()["graph"]] = reply.json()["triples"]

    writer = threading.Thread(target=keep_submitting)
    writer.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.4)  # into the next submission
    server.kill9()
    stop.set()
    writer.join()
    server.log()
    assert len(acknowledged) >= 3
    found = submission_graphs(location)
    for graph, triples in acknowledged.items():
        assert found[graph] == (triples, f"{triples} triples")
    for graph, (triples, extent) in found.items():
        assert extent == f"{triples} triples", graph  # nothing without its provenance, nothing cut short
    restarted = Server("--store", str(location), tokens=tokens.file.path)
    try:
        graphs = restarted.graphs()
        assert all(graphs[graph] == triples for graph, triples in acknowledged.items())
    finally:
        restarted.stop()
