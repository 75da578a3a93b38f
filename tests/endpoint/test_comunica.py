"""Comunica, the JavaScript SPARQL client, from Node.js against the real server.

The client lives in tests/endpoint/node (package.json and its lockfile; .ci/run
installs it with ``npm ci``). Without ``node`` or that install the tests fail,
saying what to run: a client test that quietly skips proves nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EX, NON_ASCII

NODE_DIR = Path(__file__).parent / "node"

@pytest.fixture(scope="module", autouse=True)
def comunica_installed():
    assert shutil.which("node") is not None, "Node.js is missing: install nodejs (18+) to run the Comunica client"
    assert (NODE_DIR / "node_modules" / "@comunica" / "query-sparql").is_dir(), (
        "Comunica is not installed: run `npm ci --prefix tests/endpoint/node`"
    )


def comunica(live, kind: str, query: str):
    done = subprocess.run(
        ["node", "query.mjs", live.url, kind, query], cwd=NODE_DIR, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_comunica_select_rows(live):
    rows = comunica(live, "select", f"SELECT ?who ?name WHERE {{ ?who <{EX}name> ?name }}")
    assert sorted(rows, key=lambda row: row["who"]) == [
        {"who": EX + "alice", "name": NON_ASCII},
        {"who": EX + "bob", "name": "Bob"},
    ]


def test_comunica_ask_and_construct(live):
    assert comunica(live, "ask", f"ASK {{ <{EX}alice> <{EX}knows> <{EX}bob> }}") is True
    triples = comunica(live, "construct", f"CONSTRUCT WHERE {{ <{EX}alice> <{EX}knows> ?o }}")
    assert triples == [[EX + "alice", EX + "knows", EX + "bob"]]
