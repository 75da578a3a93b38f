"""``rightsgraph submit``, ``withdraw``, ``history``, ``token``, ``backup`` and ``restore`` as an operator runs them."""

from __future__ import annotations

import gc
import json

import pyoxigraph as ox
from archive_support import EXAMPLES, FIXTURES, SUBMISSIONS, Server, Tokens
from click.testing import CliRunner
from rightsgraph.cli import main


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def graphs_of(location) -> dict[str, int]:
    store = ox.Store(str(location))
    try:
        return {g.value: len(list(store.quads_for_pattern(None, None, None, g))) for g in store.named_graphs()}
    finally:
        del store
        gc.collect()


def test_submit_to_a_store_exit_0_accepted_1_refused_2_held_or_unreadable(tmp_path):
    store = str(tmp_path / "store")
    accepted = run("submit", str(EXAMPLES / "case-record.ttl"), "--store", store, "--as", "curator")
    assert accepted.exit_code == 0 and "accepted: submission" in accepted.output
    assert "conforms" in accepted.output
    refused = run("submit", str(EXAMPLES / "case-record-invalid.ttl"), "--store", store)
    assert refused.exit_code == 1 and "does not conform" in refused.output
    held = run("submit", str(EXAMPLES / "case-record.ttl"), "--store", store)
    assert held.exit_code == 2 and "already holds" in held.output
    (tmp_path / "broken.ttl").write_text("<a> <b> .")
    broken = run("submit", str(tmp_path / "broken.ttl"), "--store", store)
    assert broken.exit_code == 2 and "broken.ttl" in broken.output
    submissions = [g for g in graphs_of(store) if g.startswith(SUBMISSIONS)]
    assert len(submissions) == 1


def test_history_and_withdraw_on_a_store(tmp_path):
    store = str(tmp_path / "store")
    output = run("submit", str(EXAMPLES / "case-record.trig"), "--store", store, "--as", "curator").output
    submission_id = output.split("accepted: submission ")[1].split()[0]
    assert run("withdraw", submission_id, "--store", store, "--as", "editor", "--reason", "duplicate").exit_code == 0
    history = json.loads(run("history", "--store", store, "--format", "json").output)
    assert [(a["kind"], a["id"], a["who"]) for a in history] == [
        ("submission", submission_id, "curator"), ("withdrawal", submission_id, "editor")]
    again = run("withdraw", submission_id, "--store", store)
    assert again.exit_code == 2 and "already withdrawn" in again.output
    assert run("withdraw", "x'>;DROP", "--store", store).exit_code == 2


def test_token_add_list_revoke(tmp_path):
    env = {"RIGHTSGRAPH_TOKENS_FILE": str(tmp_path / "tokens.json")}
    added = run("token", "add", "alice", "--scope", "submit", env=env)
    secret = added.stdout.strip()
    assert added.exit_code == 0 and secret.startswith("rg_") and len(secret) > 40
    assert secret not in (tmp_path / "tokens.json").read_text()
    assert run("token", "add", "alice", env=env).exit_code == 2
    assert run("token", "add", "bob", "--scope", "delete", env=env).exit_code == 2
    listed = run("token", "list", env=env).output
    assert "alice" in listed and "submit" in listed and "live" in listed and secret not in listed
    assert run("token", "revoke", "alice", env=env).exit_code == 0
    assert "revoked" in run("token", "list", env=env).output
    assert run("token", "revoke", "alice", env=env).exit_code == 2


def test_submit_withdraw_history_through_a_running_server(tmp_path):
    tokens = Tokens(tmp_path / "tokens.json")
    server = Server("--store", str(tmp_path / "store"), tokens=tokens.file.path)
    try:
        env = {"RIGHTSGRAPH_TOKEN": tokens.archivist}
        accepted = run("submit", str(EXAMPLES / "case-record.jsonld"), "--server", server.base, env=env)
        assert accepted.exit_code == 0, accepted.output
        submission_id = accepted.output.split("accepted: submission ")[1].split()[0]
        refused = run("submit", str(EXAMPLES / "case-record-invalid.jsonld"), "--server", server.base, env=env)
        assert refused.exit_code == 1 and "does not conform" in refused.output
        unauthorised = run("submit", str(EXAMPLES / "case-record.ttl"), "--server", server.base)
        assert unauthorised.exit_code == 2 and "token" in unauthorised.output
        assert run("withdraw", submission_id, "--server", server.base, env=env).exit_code == 0
        history = run("history", "--server", server.base).output
        assert history.count(submission_id) == 2 and "archivist" in history
    finally:
        server.stop()


def test_backup_while_serving_and_restore_both_ways(tmp_path):
    tokens = Tokens(tmp_path / "tokens.json")
    location = tmp_path / "store"
    server = Server("--store", str(location), tokens=tokens.file.path)
    try:
        assert server.submit(tokens.archivist, ("case-record.ttl", (EXAMPLES / "case-record.ttl").read_bytes())).status == 201
        served = server.graphs()
        copied = run("backup", str(tmp_path / "copy"), "--store", str(location))
        assert copied.exit_code == 0 and "newest snapshot" in copied.output
        assert run("backup", str(tmp_path / "copy.nq"), "--store", str(location), "--nquads").exit_code == 0
    finally:
        server.stop()
    assert run("restore", str(tmp_path / "copy"), "--store", str(tmp_path / "from-dir")).exit_code == 0
    assert run("restore", str(tmp_path / "copy.nq"), "--store", str(tmp_path / "from-nq")).exit_code == 0
    assert graphs_of(tmp_path / "from-dir") == served == graphs_of(tmp_path / "from-nq")
    assert run("restore", str(tmp_path / "copy"), "--store", str(tmp_path / "from-dir")).exit_code == 2
    assert run("backup", str(tmp_path / "copy"), "--store", str(location)).exit_code == 2


def test_a_new_document_whose_quote_is_absent_or_ambiguous_is_refused(tmp_path):
    sheet = (FIXTURES / "harbour-town-2031-claims.csv").read_text()
    cases = {"absent": sheet.replace("police arrested Lio Varga,", "soldiers arrested Lio Varga,"),
             "ambiguous": sheet.replace("On 3 March 2031 police arrested Lio Varga,", "Lio Varga,")}
    for name, text in cases.items():
        (tmp_path / f"{name}.csv").write_text(text)
        result = run("submit", str(FIXTURES / "harbour-town-2031.ttl"), str(tmp_path / f"{name}.csv"),
                     "--document", str(FIXTURES / "harbour-town-2031.txt"), "--store", str(tmp_path / name))
        assert result.exit_code == 1, result.output
        expected = "not in the source's text" if name == "absent" else "stands 2 times"
        assert expected in result.output
        assert not [g for g in graphs_of(tmp_path / name) if g.startswith(SUBMISSIONS)]
