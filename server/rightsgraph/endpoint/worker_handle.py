"""The server's end of one query worker: its process, its socket, and when its current job started.

The server waits for an answer with a ``poll`` object registered once per worker, because
``Connection.poll`` builds a new selector on every call and that showed in profiles.
"""

from __future__ import annotations

import json
import select
import socket
import subprocess
import sys
import threading
from dataclasses import asdict
from multiprocessing.connection import Connection
from typing import Any

from ..store import StoreSpec
from .framing import receive, send


class Worker:
    """One worker process. ``started`` and ``preempted`` are the scheduling policy's bookkeeping."""

    started = 0.0
    preempted = False
    offline = False

    def __init__(self, spec: StoreSpec) -> None:
        #: The store location this worker has open (a job after the pool's ``reopen`` moves it first).
        self.location = spec.location
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "rightsgraph.endpoint.worker_process", str(theirs.fileno()),
             json.dumps(asdict(spec))],
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
        send(self.conn, message)
        return self.reply(timeout)

    def reply(self, timeout: float) -> Any:
        if not self._poller.poll(timeout * 1000):
            raise TimeoutError
        return receive(self.conn)

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

    def kill(self) -> None:
        """Kill the process only: the thread waiting on its answer sees the socket close."""
        self.process.kill()

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
