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

Workers are fresh interpreters (``python -m server.workers``) talking over a
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
from dataclasses import asdict
from multiprocessing.connection import Connection
from typing import Any, Callable

from .engine import Job, execute
from .errors import EndpointError, QueryTimeout, ServerBusy, WorkerFailed
from .results import Answer
from .store import StoreSpec, open_backend

log = logging.getLogger("rightsgraph.workers")

START_TIMEOUT = 120.0


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


def _worker_main(conn: Connection, spec: StoreSpec) -> None:
    """A worker's life: open the backend, say ready, answer jobs until the pipe closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        backend = open_backend(spec)
    except Exception as error:  # reported to the server, which refuses to start
        _send(conn, ("failed", f"{type(error).__name__}: {error}"))
        return
    _send(conn, ("ready", None))
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


class _Worker:
    """One worker process and the server's end of its socket."""

    def __init__(self, spec: StoreSpec) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.workers", str(theirs.fileno()), json.dumps(asdict(spec))],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self._poller = select.poll()
        self._poller.register(self.conn.fileno(), select.POLLIN)

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

    def is_alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.conn.close()


class WorkerPool:
    """``size`` workers over one :class:`StoreSpec`, each job bounded by ``timeout`` seconds.

    ``on_new_worker`` is called whenever a replacement worker has opened the
    store (the app clears its answer cache then).
    """

    def __init__(
        self,
        spec: StoreSpec,
        *,
        size: int,
        timeout: float,
        on_new_worker: Callable[[], None] | None = None,
    ) -> None:
        self.spec = spec
        self.size = size
        self.timeout = timeout
        self.on_new_worker = on_new_worker
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = threading.Event()
        self._lock = threading.Lock()
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
        for worker in started:
            self._idle.put(worker)

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
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy(f"Every query worker stayed busy for {self.timeout:g} s; try again.")
        try:
            status, payload = worker.ask(job, self.timeout)
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(f"The query was stopped after {self.timeout:g} s.")
        except (EOFError, OSError):
            self._replace(worker)
            raise WorkerFailed(
                "The query worker stopped while running this query (it may nest or chain too "
                "deeply for the engine); the server is unaffected."
            )
        self._idle.put(worker)
        if status == "error":
            raise payload
        return payload

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now and start its successor in the background."""
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
        threading.Thread(target=self._respawn, name="rightsgraph-respawn", daemon=True).start()

    def _respawn(self) -> None:
        if self._closed.is_set():
            return
        worker = self._start()
        try:
            worker.wait_ready(START_TIMEOUT)
        except RuntimeError:
            if not self._closed.is_set():
                log.exception("a replacement query worker failed to start")
            worker.stop()
            with self._lock:
                self._workers.discard(worker)
            return
        if self._closed.is_set():
            worker.stop()
            return
        if self.on_new_worker is not None:
            self.on_new_worker()
        self._idle.put(worker)

    def status(self) -> dict[str, int]:
        """How many workers are alive and how many idle, for the health endpoint."""
        with self._lock:
            alive = sum(1 for worker in self._workers if worker.is_alive())
        return {"workers": alive, "idle": self._idle.qsize(), "size": self.size}

    def close(self) -> None:
        """Stop every worker; jobs still waiting fail with ServerBusy."""
        self._closed.set()
        self._spawn_requests.put(None)
        with self._lock:
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.stop()


if __name__ == "__main__":
    _worker_main(Connection(int(sys.argv[1])), StoreSpec(**json.loads(sys.argv[2])))
