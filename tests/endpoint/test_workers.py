"""The worker pool's order of service, on real worker processes over the fixture store."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from rightsgraph.app import close_app, create_app
from rightsgraph.endpoint import get_pool
from rightsgraph.endpoint.engine import Job
from rightsgraph.endpoint.pool import WorkerPool
from rightsgraph.errors import EndpointError, WorkerFailed
from rightsgraph.store import StoreSpec

CHEAP = Job(query="ASK { ?s ?p ?o }", accept="application/sparql-results+json", max_rows=5)


def test_burst_after_idle_spell_is_served_not_shed(store_dir: Path):
    """A pool that was idle longer than its slice is not stuck: a burst beyond
    ``max_waiting`` waits its turn instead of being answered 503."""
    pool = WorkerPool(StoreSpec("disk", str(store_dir), 1.0), size=1, timeout=2.0, max_waiting=1, slice=0.2)
    try:
        time.sleep(0.4)
        outcomes: list[str] = []
        start = threading.Barrier(6)

        def ask() -> None:
            start.wait()
            try:
                pool.run(CHEAP)
                outcomes.append("answered")
            except Exception as error:  # ServerBusy is what the bug gave
                outcomes.append(type(error).__name__)

        threads = [threading.Thread(target=ask) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert outcomes == ["answered"] * 6
    finally:
        pool.close()


def test_offline_workers_reach_nobody_even_past_screening(store_dir: Path):
    """The second line: a SERVICE call handed straight to a worker (no screening) finds no network."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    pool = WorkerPool(StoreSpec("disk", str(store_dir), 1.0, offline=True), size=1, timeout=2.0)
    try:
        assert pool.status()["offline"] is True
        job = Job(query=f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}", accept=None, max_rows=5)
        with pytest.raises(EndpointError) as refused:
            pool.run(job)
        assert refused.value.status in (400, 502)
        with pytest.raises(socket.timeout):
            listener.accept()
        assert pool.run(CHEAP).body  # and it still answers queries
    finally:
        pool.close()
        listener.close()


def test_a_worker_killed_by_its_query_is_replaced(store_dir: Path):
    """Past screening (this job is handed to the pool directly), a chain long enough to overflow
    even the worker's large stack kills that worker only: 502, then a fresh worker answers."""
    pool = WorkerPool(StoreSpec("disk", str(store_dir), 5.0), size=1, timeout=5.0)
    try:
        crash = Job(query="SELECT * { FILTER(1" + "+1" * 400_000 + ") }", accept=None, max_rows=5)
        with pytest.raises(WorkerFailed):
            pool.run(crash)
        assert pool.run(CHEAP).body
    finally:
        pool.close()


def test_a_chain_past_the_main_stack_is_answered_on_the_large_one(store_dir: Path):
    """20,000 chained ``!`` overflowed the 8 MB main stack (measured: the worker died at 10,000);
    on the worker's query thread it parses and is answered."""
    pool = WorkerPool(StoreSpec("disk", str(store_dir), 5.0), size=1, timeout=5.0)
    try:
        chain = Job(query="SELECT * { BIND(" + "!" * 20_000 + "true AS ?x) }", accept=None, max_rows=5)
        assert pool.run(chain).rows == 1
    finally:
        pool.close()


def test_preempt_after_setting_reaches_the_pool(store_dir: Path):
    app = create_app({"store": str(store_dir), "workers": 1, "preempt_after": 0.2})
    try:
        assert get_pool(app).slice == 0.2
    finally:
        close_app(app)
