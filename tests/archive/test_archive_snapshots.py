"""How the query workers see writes: they read snapshots of the on-disk store, move to the newest one
after each write, and the old ones go; a store another server holds is served read-only."""

from __future__ import annotations

import json
from pathlib import Path

from archive_support import Tokens, people
from rightsgraph.app import close_app, create_app
from rightsgraph.archive.stores import EmbeddedArchive
from rightsgraph.endpoint import get_pool
from rightsgraph.store.embedded import prepare

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def count(client) -> int:
    reply = client.post("/sparql", data={"query": COUNT}, headers={"Accept": "application/sparql-results+json"})
    return int(json.loads(reply.data)["results"]["bindings"][0]["n"]["value"])


def test_workers_move_to_the_newest_snapshot_and_older_ones_are_removed(tmp_path):
    tokens = Tokens(tmp_path / "tokens.json")
    location = tmp_path / "store"
    app = create_app({"store": str(location), "workers": 2, "tokens_file": str(tokens.file.path)})
    readers = tmp_path / ".store.readers"
    try:
        client = app.test_client()
        before = count(client)
        for n in range(3):
            name, data = people(f"snapshot-{n}", 2)
            reply = client.post("/records", data=data, headers={"Content-Type": "text/turtle",
                                                                "Authorization": f"Bearer {tokens.archivist}"})
            assert reply.status_code == 201, reply.data
            assert count(client) > before
            before = count(client)
        pool = get_pool(app)
        assert pool.spec.location == str(readers / "4")
        # What stays: the newest snapshot and those a worker had open at the last write (an idle
        # worker moves at its next job); of four snapshots made, at most one per worker besides.
        assert "4" in {p.name for p in readers.iterdir()}
        assert len(list(readers.iterdir())) <= 1 + pool.size
    finally:
        close_app(app)
    assert not readers.exists()


def test_a_killed_servers_snapshots_are_removed_when_the_store_is_opened_again(tmp_path):
    location = tmp_path / "store"
    prepare(str(location))
    left = tmp_path / ".store.readers" / "17"
    left.mkdir(parents=True)
    archive = EmbeddedArchive(str(location))
    try:
        assert not left.exists() and Path(archive.snapshot).is_dir()
    finally:
        archive.close()


def test_a_store_another_server_holds_is_served_read_only_without_submissions(tmp_path):
    tokens = Tokens(tmp_path / "tokens.json")
    settings = {"store": str(tmp_path / "store"), "workers": 1, "tokens_file": str(tokens.file.path)}
    writer = create_app(settings)
    try:
        reader = create_app(settings)
        try:
            client = reader.test_client()
            assert count(client) == count(writer.test_client())
            reply = client.post("/records", data=people("refused", 1)[1],
                                headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {tokens.archivist}"})
            assert reply.status_code == 409 and "Another process holds" in json.loads(reply.data)["detail"]
        finally:
            close_app(reader)
    finally:
        close_app(writer)
