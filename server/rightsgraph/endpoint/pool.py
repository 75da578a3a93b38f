"""The pool of query workers: processes started, jobs handed over, overruns and crashes replaced.

pyoxigraph cannot cancel a running query from Python, and its parser and evaluator
overflow the stack (killing the process) on some deeply nested or very long queries. So
every query runs in one of a few long-lived worker processes (worker_process.py), each
holding its own backend opened once. The server hands a :class:`~.engine.Job` to an idle
worker and waits at most ``timeout`` seconds for the serialised answer; the status is
therefore known before the first byte is sent. A worker that overruns is killed and one
that dies is noticed; either is replaced in the background while the others keep
answering. Who is served next, and which long query gives its worker up, is the
policy of scheduling.py; this module does what it decides.

When the archive writes to an on-disk store it makes a new read-only snapshot of it and
calls :meth:`WorkerPool.reopen`: from then on a worker opens that snapshot before its
next job (a few milliseconds), and a replacement worker starts on it, so every query
that starts after ``reopen`` returns sees the write, and none is interrupted by it.

Workers ask Linux to kill them when the server dies; since Linux ties that to the
*thread* that started them, one long-lived thread of the pool starts every worker.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from typing import Callable

from ..errors import QueryTimeout, ServerBusy, WorkerFailed
from ..store import StoreSpec
from .engine import Job, Reopen
from .results import Answer
from .scheduling import Schedule, Ticket
from .worker_handle import Worker

log = logging.getLogger("rightsgraph.workers")

START_TIMEOUT = 120.0
#: Seconds between a waiting thread's looks at the pool (for preemption and its deadline).
POLL_INTERVAL = 0.05


class WorkerPool:
    """``size`` workers over one :class:`StoreSpec`, each job bounded by ``timeout`` seconds.

    Waiting for a worker is bounded too (scheduling.py says how), so that a burst of slow
    queries can neither hold every HTTP thread nor keep a cheap query waiting for long.
    ``on_new_worker`` is called whenever a replacement worker has opened the store (the
    app clears its answer cache then).
    """

    def __init__(
        self,
        spec: StoreSpec,
        *,
        size: int,
        timeout: float,
        max_waiting: int = 8,
        slice: float = 0.5,
        on_new_worker: Callable[[], None] | None = None,
    ) -> None:
        self.spec = spec
        self.size = size
        self.timeout = timeout
        self.slice = min(slice, timeout)
        self.on_new_worker = on_new_worker
        self._lock = threading.Lock()
        self._schedule: Schedule[Worker] = Schedule(size=size, max_waiting=max_waiting, slice=self.slice,
                                                    now=time.monotonic())
        self._closed = threading.Event()
        self._workers: set[Worker] = set()
        self._spawn_requests: queue.Queue[queue.Queue[Worker] | None] = queue.Queue()
        threading.Thread(target=self._spawner, name="rightsgraph-spawner", daemon=True).start()
        started = [self._start() for _ in range(size)]
        try:
            for worker in started:
                worker.wait_ready(START_TIMEOUT)
        except RuntimeError:
            self.close()
            raise
        self._schedule.idle.extend(started)
        if spec.offline and not all(worker.offline for worker in started):
            log.warning(
                "query workers keep network access (no network namespace on this system): "
                "only the screening of SERVICE stands between a query and the network"
            )

    def _spawner(self) -> None:
        """Start a worker for each request, from this one thread that lives as long as the pool."""
        while (reply := self._spawn_requests.get()) is not None:
            with self._lock:
                spec = self.spec
            reply.put(Worker(spec))

    def reopen(self, spec: StoreSpec) -> None:
        """Have every worker answer from ``spec`` (a newer snapshot) from its next job on."""
        with self._lock:
            self.spec = spec

    def locations_in_use(self) -> set[str]:
        """The store locations some live worker still has open (an older snapshot may not be removed)."""
        with self._lock:
            return {worker.location for worker in self._workers} | {self.spec.location}

    def _moved(self, worker: Worker) -> None:
        """Move ``worker`` to the pool's current store before its job; replaced (WorkerFailed) if it cannot."""
        with self._lock:
            spec = self.spec
        if worker.location == spec.location:
            return
        try:
            status, _ = worker.ask(Reopen(spec), self.timeout)
        except (TimeoutError, EOFError, OSError):
            status = "error"
        if status != "ok":
            self._replace(worker)
            raise WorkerFailed("A query worker could not open the store's newest state; try again.")
        worker.location = spec.location

    def _start(self) -> Worker:
        reply: queue.Queue[Worker] = queue.Queue()
        self._spawn_requests.put(reply)
        worker = reply.get()
        with self._lock:
            self._workers.add(worker)
        return worker

    def run(self, job: Job) -> Answer:
        """The answer to ``job``; raises its EndpointError, QueryTimeout, ServerBusy or WorkerFailed."""
        worker = self._acquire()
        self._moved(worker)
        try:
            status, payload = worker.ask(job, self.timeout)
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(f"The query was stopped after {self.timeout:g} s.")
        except (EOFError, OSError):
            self._replace(worker)
            if worker.preempted:
                raise ServerBusy(
                    f"The query was stopped after {self.slice:g} s so that waiting queries could run; "
                    "the server is busy, try again."
                )
            raise WorkerFailed(
                "The query worker stopped while running this query (it may nest or chain too "
                "deeply for the engine); the server is unaffected."
            )
        self._release(worker)
        if status == "error":
            raise payload
        return payload

    def _acquire(self) -> Worker:
        """An idle worker for this thread, waiting as the schedule says; raises ServerBusy.

        A freed worker is handed straight to a waiter, so a release wakes one thread, not all.
        """
        deadline = time.monotonic() + self.timeout
        with self._lock:
            if (worker := self._schedule.take_now(time.monotonic())) is not None:
                return worker
            woken = threading.Event()
            ticket: Ticket[Worker] = Ticket(time.monotonic(), woken.set)
            self._schedule.wait(ticket)
        while True:
            woken.wait(min(max(deadline - time.monotonic(), 0), POLL_INTERVAL))
            with self._lock:
                if ticket.worker is not None:
                    return ticket.worker
                if ticket.evicted or self._closed.is_set():
                    raise ServerBusy("Too many queries are waiting for a worker; try again.")
                now = time.monotonic()
                if now >= deadline:
                    self._schedule.give_up(ticket)
                    raise ServerBusy(f"Every query worker stayed busy for {self.timeout:g} s; try again.")
                self._schedule.evict(now)
                for worker in self._schedule.to_preempt(now):
                    worker.kill()  # its thread sees the pipe close and answers 503

    def _release(self, worker: Worker) -> None:
        """Give a worker back after a job; one preempted just as it finished is replaced instead."""
        if worker.preempted:
            self._replace(worker)
            return
        with self._lock:
            self._schedule.release(worker, time.monotonic())

    def _replace(self, worker: Worker) -> None:
        """Kill ``worker`` now and start its successor in the background."""
        worker.stop()
        with self._lock:
            self._schedule.retire(worker)
            self._workers.discard(worker)
        threading.Thread(target=self._respawn, name="rightsgraph-respawn", daemon=True).start()

    def _respawn(self) -> None:
        """Start a successor worker; it joins the idle ones once its store is open."""
        worker = None
        if not self._closed.is_set():
            worker = self._start()
            try:
                worker.wait_ready(START_TIMEOUT)
            except RuntimeError:
                if not self._closed.is_set():
                    log.exception("a replacement query worker failed to start")
                worker.stop()
                worker = None
        if worker is not None and self.on_new_worker is not None:
            self.on_new_worker()
        with self._lock:
            if worker is not None and self._closed.is_set():
                worker.stop()
                worker = None
            self._schedule.arrive(worker, time.monotonic())
            if worker is None:
                self._workers = {w for w in self._workers if w.is_alive()}

    def status(self) -> dict[str, int | bool]:
        """How many workers are alive and how many idle, and whether all run offline, for the health endpoint."""
        with self._lock:
            alive = [worker for worker in self._workers if worker.is_alive()]
            offline = bool(alive) and all(worker.offline for worker in alive)
            return {"workers": len(alive), "idle": len(self._schedule.idle), "size": self.size, "offline": offline}

    def close(self) -> None:
        """Stop every worker; jobs still waiting fail with ServerBusy."""
        self._closed.set()
        self._spawn_requests.put(None)
        with self._lock:
            workers, self._workers = list(self._workers), set()
            self._schedule.idle.clear()
            for ticket in self._schedule.waiters:
                ticket.wake()
        for worker in workers:
            worker.stop()
