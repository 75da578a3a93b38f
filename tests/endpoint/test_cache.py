"""The answer cache: bounded, keyed on everything that shapes an answer, never on a changing store."""

from __future__ import annotations

from urllib.parse import urlencode

from conftest import BIG, EX, LIMITS, wait_until
from rightsgraph.app import close_app, create_app
from rightsgraph.endpoint import get_cache, get_pool
from rightsgraph.endpoint.cache import AnswerCache, CachedAnswer
from rightsgraph.endpoint.results import Answer

SELECT_BIG = f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}"


def answer(size: int) -> CachedAnswer:
    return CachedAnswer(Answer(b"x" * size, "text/plain", 1, False), "0" * 16)


def test_cache_evicts_least_recently_used_within_its_bytes():
    cache = AnswerCache(max_bytes=40_000)  # room for eight answers of 4,000 bytes
    for number in range(8):
        cache.put((f"q{number}",), answer(4000))
    assert cache.stats()["entries"] == 8
    assert cache.get(("q0",)) is not None  # q0 becomes the most recently used
    cache.put(("q8",), answer(4000))
    assert cache.get(("q1",)) is None
    assert cache.get(("q0",)) is not None and cache.get(("q8",)) is not None
    assert cache.stats()["bytes"] <= 40_000


def test_cache_skips_answers_above_an_eighth_of_its_bytes():
    cache = AnswerCache(max_bytes=80_000)
    cache.put(("big",), answer(20_000))
    assert cache.get(("big",)) is None and cache.stats()["entries"] == 0


def test_get_sparql_repeated_same_answer_and_truncation(client, app):
    path = "/sparql?" + urlencode({"query": SELECT_BIG})
    first, second = client.get(path), client.get(path)
    assert first.status_code == second.status_code == 200
    assert first.get_data() == second.get_data()
    assert second.headers["Rightsgraph-Truncated"] == str(LIMITS["max_rows"])
    assert get_cache(app).stats()["entries"] >= 1


def test_get_sparql_cache_keyed_on_accept_and_dataset(client):
    query = f"SELECT ?o WHERE {{ <{EX}alice> ?p ?o }}"
    path = "/sparql?" + urlencode({"query": query})
    assert client.get(path, headers={"Accept": "text/csv"}).content_type.startswith("text/csv")
    assert client.get(path, headers={"Accept": "application/sparql-results+xml"}).content_type.startswith(
        "application/sparql-results+xml"
    )
    union = client.get(path, headers={"Accept": "text/csv"}).get_data()
    other_graph = client.get(path + "&" + urlencode({"default-graph-uri": EX + "graph/two"}), headers={"Accept": "text/csv"})
    assert other_graph.get_data() != union


def test_get_sparql_runaway_replaced_worker_clears_cache(client, app):
    cache = get_cache(app)
    client.get("/sparql?" + urlencode({"query": f"ASK {{ <{EX}alice> ?p ?o }}"}))
    assert cache.stats()["entries"] >= 1
    runaway = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BIG}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} }}"
    assert client.get("/sparql?" + urlencode({"query": runaway})).status_code == 503
    wait_until(lambda: get_pool(app).status()["idle"] == LIMITS["workers"])
    assert cache.stats()["entries"] == 0


def test_external_store_has_no_cache():
    app = create_app({"store_url": "http://127.0.0.1:9/sparql", "workers": 1})
    try:
        assert get_cache(app) is None
    finally:
        close_app(app)


def test_cache_bytes_zero_has_no_cache(store_dir):
    app = create_app({"store": str(store_dir), "workers": 1, "cache_bytes": 0})
    try:
        assert get_cache(app) is None
    finally:
        close_app(app)


def test_get_sparql_runaway_replaced_worker_keeps_cache_of_in_memory_store(tmp_path):
    """Every worker loads the same files, so a replaced worker leaves cached answers good: they
    keep being served while runaway queries have their workers replaced."""
    data = tmp_path / "data.nq"
    data.write_text("".join(f"<{EX}item/{i}> <{EX}rank> \"{i}\" <{BIG}> .\n" for i in range(300)))
    app = create_app({**LIMITS, "data": str(data)})
    try:
        client, cache = app.test_client(), get_cache(app)
        client.get("/sparql?" + urlencode({"query": f"ASK {{ <{EX}item/1> ?p ?o }}"}))
        entries = cache.stats()["entries"]
        assert entries >= 1
        runaway = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BIG}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} }}"
        assert client.get("/sparql?" + urlencode({"query": runaway})).status_code == 503
        wait_until(lambda: get_pool(app).status()["idle"] == LIMITS["workers"])
        assert cache.stats()["entries"] == entries
    finally:
        close_app(app)
