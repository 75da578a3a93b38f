"""Persistent worker processes that run queries, so that no query can stall or crash the server.

pyoxigraph cannot cancel a running query from Python, and its parser and
evaluator overflow the stack (killing the process) on some deeply nested or
very long queries. So every query runs in one of a few long-lived processes,
each holding its own backend opened once. The server process hands a
:class:`~server.engine.Job` to an idle worker over a pipe and waits at most
``timeout`` seconds for the serialised answer; the status is therefore known
before the first byte is sent. A worker that overruns is killed and one that
dies is noticed; either is replaced in the background while the others keep
answering.

Workers are fresh interpreters (``python -m rightsgraph.endpoint.workers``) talking over a
socket pair: forking the threaded server is unsafe, and multiprocessing's
``spawn`` would re-run the caller's main script. Each message is one pickled
object framed by ``send_bytes``; the server waits for the answer with a
``poll`` object registered once per worker, because ``Connection.poll`` builds a
new selector on every call and that showed in profiles. They ask Linux to kill them
when the server dies; since Linux ties that to the *thread* that started them,
one long-lived thread of the pool starts every worker.
"""

from __future__ import annotations

import json
import logging
import pickle
import queue
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from multiprocessing.connection import Connection
from typing import Any, Callable

from ..errors import EndpointError, QueryTimeout, ServerBusy, WorkerFailed
from ..store import StoreSpec, open_backend
from .engine import Job, execute
from .results import Answer

log = logging.getLogger("rightsgraph.workers")

START_TIMEOUT = 120.0
#: Bytes of stack for the thread that runs a worker's queries (reserved, used as needed).
JOB_STACK = 256 * 1024 * 1024
#: Seconds between a waiting thread's looks at the pool (for preemption and its deadline).
POLL_INTERVAL = 0.05


def _send(conn: Connection, message: Any) -> None:
    conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def _recv(conn: Connection) -> Any:
    return pickle.loads(conn.recv_bytes())


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent exits; elsewhere a no-op."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


#: unshare(2) flags: a user namespace (so no privilege is needed) and a network namespace.
CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000


def _leave_network() -> bool:
    """Move this process into a network namespace of its own, where no interface is up, so any
    connection it tries fails at once; True when done (Linux with user namespaces, or root)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return any(libc.unshare(flags) == 0 for flags in (CLONE_NEWUSER | CLONE_NEWNET, CLONE_NEWNET))
    except (OSError, AttributeError):
        return False


def _worker_main(conn: Connection, spec: StoreSpec) -> None:
    """A worker's life: leave the network if it needs none, open the backend, say ready (and
    whether it is offline), answer jobs until the pipe closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    offline = spec.offline and _leave_network()
    try:
        backend = open_backend(spec)
    except Exception as error:  # reported to the server, which refuses to start
        _send(conn, ("failed", f"{type(error).__name__}: {error}"))
        return
    _send(conn, ("ready", offline))
    # Queries run on a thread with a large stack: the engine's parser recurses once per link of
    # a chain (``!!!…``, ``UNION``, ``OPTIONAL``) and overflowed the 8 MB main stack, killing the
    # worker, at a few thousand links; screening refuses long chains, this is the margin.
    threading.stack_size(JOB_STACK)
    answering = threading.Thread(target=_answer_jobs, args=(conn, backend), name="rightsgraph-jobs")
    answering.start()
    answering.join()


def _answer_jobs(conn: Connection, backend: Any) -> None:
    """Answer jobs until the pipe closes."""
    while True:
        try:
            job = _recv(conn)
        except EOFError:
            return
        try:
            reply = ("ok", execute(backend, job))
        except EndpointError as error:
            reply = ("error", error)
        except Exception:
            log.exception("query worker failed on a job")
            reply = ("error", EndpointError())
        _send(conn, reply)


class _Ticket:
    """A request waiting for a worker since ``since``: handed one, or ``evicted`` by newer ones."""

    evicted = False
    worker: "_Worker | None" = None

    def __init__(self, since: float) -> None:
        self.since = since
        self.event = threading.Event()


class _Worker:
    """One worker process and the server's end of its socket, and when its current job started."""

    started = 0.0
    preempted = False
    offline = False

    def __init__(self, spec: StoreSpec) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "rightsgraph.endpoint.workers", str(theirs.fileno()), json.dumps(asdict(spec))],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self._poller = select.poll()
        self._poller.register(self.conn.fileno(), select.POLLIN)
        self._stopping = threading.Lock()
        self._stopped = False

    def ask(self, message: Any, timeout: float) -> Any:
        """Send ``message`` and return the reply, or raise TimeoutError after ``timeout`` seconds.

        Raises EOFError or OSError when the worker has died.
        """
        _send(self.conn, message)
        return self.reply(timeout)

    def reply(self, timeout: float) -> Any:
        if not self._poller.poll(timeout * 1000):
            raise TimeoutError
        return _recv(self.conn)

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has opened its backend; raises RuntimeError if it cannot."""
        try:
            status, detail = self.reply(timeout)
        except TimeoutError:
            raise RuntimeError("a query worker did not start in time")
        except EOFError:
            raise RuntimeError("a query worker died while opening the store")
        if status != "ready":
            raise RuntimeError(f"a query worker could not open the store: {detail}")
        self.offline = bool(detail)

    def is_alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Kill the process and close its socket, once: a replacement and the pool's
        close may both stop the same worker, from different threads."""
        with self._stopping:
            if self._stopped:
                return
            self._stopped = True
        self.process.kill()
        self.process.wait()
        self.conn.close()


class WorkerPool:
    """``size`` workers over one :class:`StoreSpec`, each job bounded by ``timeout`` seconds.

    Waiting for a worker is bounded too, so that a burst of slow queries can
    neither hold every HTTP thread nor keep a cheap query waiting for long:

    - while queries complete, waiters are served in arrival order, so a steady
      load of ordinary queries is never shed and nobody starves;
    - once no query has completed and no worker was idle for ``slice`` seconds
      (slow queries hold every worker), the newest waiter is served first, since it has the most time
      left, and past ``max_waiting`` waiting requests the oldest are answered
      503 (their clients are the likeliest to be gone);
    - while someone waits and no worker is free, at most ``size - 1`` workers may
      hold queries that have run ``slice`` seconds or more: the youngest such
      query beyond that is stopped (503, "busy, try again") and its worker
      replaced. One worker thus always turns over within about ``slice`` plus
      a worker's start, and without contention a query keeps its full
      ``timeout``.

    ``on_new_worker`` is called whenever a replacement worker has opened the
    store (the app clears its answer cache then).
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
        self.max_waiting = max(1, max_waiting)
        self.slice = min(slice, timeout)
        self.on_new_worker = on_new_worker
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._waiters: list[_Ticket] = []
        self._spawning = 0
        self._last_progress = time.monotonic()
        self._closed = threading.Event()
        self._workers: set[_Worker] = set()
        self._spawn_requests: queue.Queue[queue.Queue[_Worker] | None] = queue.Queue()
        threading.Thread(target=self._spawner, name="rightsgraph-spawner", daemon=True).start()
        started = [self._start() for _ in range(size)]
        try:
            for worker in started:
                worker.wait_ready(START_TIMEOUT)
        except RuntimeError:
            self.close()
            raise
        self._idle.extend(started)
        if spec.offline and not all(worker.offline for worker in started):
            log.warning(
                "query workers keep network access (no network namespace on this system): "
                "only the screening of SERVICE stands between a query and the network"
            )

    def _spawner(self) -> None:
        """Start a worker for each request, from this one thread that lives as long as the pool."""
        while (reply := self._spawn_requests.get()) is not None:
            reply.put(_Worker(self.spec))

    def _start(self) -> _Worker:
        reply: queue.Queue[_Worker] = queue.Queue()
        self._spawn_requests.put(reply)
        worker = reply.get()
        with self._lock:
            self._workers.add(worker)
        return worker

    def run(self, job: Job) -> Answer:
        """The answer to ``job``; raises its EndpointError, QueryTimeout, ServerBusy or WorkerFailed."""
        worker = self._acquire()
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

    def _acquire(self) -> _Worker:
        """An idle worker for this thread, waiting as the class docstring says; raises ServerBusy.

        A freed worker is handed straight to a waiter (see :meth:`_give`),
        so a release wakes one thread, not all of them.
        """
        deadline = time.monotonic() + self.timeout
        with self._lock:
            if self._idle and not self._waiters:
                self._last_progress = time.monotonic()
                return self._take(self._idle.pop())
            ticket = _Ticket(time.monotonic())
            self._waiters.append(ticket)
            self._evict(ticket.since)
        while True:
            ticket.event.wait(min(max(deadline - time.monotonic(), 0), POLL_INTERVAL))
            with self._lock:
                if ticket.worker is not None:
                    return ticket.worker
                if ticket.evicted or self._closed.is_set():
                    raise ServerBusy("Too many queries are waiting for a worker; try again.")
                now = time.monotonic()
                if now >= deadline:
                    self._waiters.remove(ticket)
                    raise ServerBusy(f"Every query worker stayed busy for {self.timeout:g} s; try again.")
                self._evict(now)
                self._preempt(now)

    def _stuck(self, now: float) -> bool:
        """No query has completed, and no worker was idle, for ``slice`` seconds: slow
        queries hold every worker. (A pool that was merely idle is not stuck: the
        first burst after a quiet spell must not be shed.)"""
        return now - self._last_progress >= self.slice

    def _evict(self, now: float) -> None:
        """Past ``max_waiting`` waiters, let go of the oldest, but only while the pool is
        stuck: a queue of ordinary queries that keep completing is left alone."""
        while len(self._waiters) > self.max_waiting and self._stuck(now):
            ticket = self._waiters.pop(0)
            ticket.evicted = True
            ticket.event.set()

    def _take(self, worker: _Worker) -> _Worker:
        worker.started, worker.preempted = time.monotonic(), False
        self._busy.add(worker)
        return worker

    def _give(self, worker: _Worker, *, newest_first: bool) -> None:
        """A free worker goes to a waiter (the oldest, or the newest when the pool was
        stuck), or to the idle ones; call with the lock held."""
        if self._waiters:
            ticket = self._waiters.pop() if newest_first else self._waiters.pop(0)
            ticket.worker = self._take(worker)
            ticket.event.set()
        else:
            self._idle.append(worker)

    def _preempt(self, now: float) -> None:
        """Stop the youngest long-running queries beyond ``size - 1`` while waiters lack a worker."""
        wanted = len(self._waiters) - len(self._idle) - self._spawning
        long_running = sorted(
            (w for w in self._busy if not w.preempted and now - w.started >= self.slice),
            key=lambda w: w.started,
        )
        excess = min(wanted, len(long_running) - (self.size - 1))
        for worker in long_running[len(long_running) - excess :] if excess > 0 else ():
            worker.preempted = True
            worker.process.kill()  # its thread sees the pipe close and answers 503

    def _release(self, worker: _Worker) -> None:
        """Give a worker back after a job; one preempted just as it finished is replaced instead."""
        if worker.preempted:
            self._replace(worker)
            return
        with self._lock:
            self._busy.discard(worker)
            now = time.monotonic()
            stuck = self._stuck(now)
            self._last_progress = now
            self._give(worker, newest_first=stuck)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now and start its successor in the background."""
        worker.stop()
        with self._lock:
            self._busy.discard(worker)
            self._workers.discard(worker)
            self._spawning += 1
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
            self._spawning -= 1
            if worker is not None and self._closed.is_set():
                worker.stop()
            elif worker is not None:
                self._give(worker, newest_first=True)  # a replacement: a query was stopped
            else:
                self._workers = {w for w in self._workers if w.is_alive()}

    def status(self) -> dict[str, int | bool]:
        """How many workers are alive and how many idle, and whether all run offline, for the health endpoint."""
        with self._lock:
            alive = [worker for worker in self._workers if worker.is_alive()]
            offline = bool(alive) and all(worker.offline for worker in alive)
            return {"workers": len(alive), "idle": len(self._idle), "size": self.size, "offline": offline}

    def close(self) -> None:
        """Stop every worker; jobs still waiting fail with ServerBusy."""
        self._closed.set()
        self._spawn_requests.put(None)
        with self._lock:
            workers, self._workers = list(self._workers), set()
            self._idle.clear()
            for ticket in self._waiters:
                ticket.event.set()
        for worker in workers:
            worker.stop()


if __name__ == "__main__":
    _worker_main(Connection(int(sys.argv[1])), StoreSpec(**json.loads(sys.argv[2])))
