"""A query worker's own process: its sandbox, its store, and the loop that answers jobs.

Started by :class:`~rightsgraph.endpoint.worker_handle.Worker` as
``python -m rightsgraph.endpoint.worker_process FD SPEC``: a fresh interpreter, because
forking the threaded server is unsafe and multiprocessing's ``spawn`` would re-run the
caller's main script. The sandbox: the process dies with the server (``PR_SET_PDEATHSIG``),
ignores Ctrl-C (the server stops it), and, when its store needs no network, moves into a
network namespace of its own where no interface is up, so a ``SERVICE`` call that slipped
past screening reaches nobody.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

from ..errors import EndpointError
from ..store import StoreSpec, open_backend
from .engine import Reopen, execute
from .framing import receive, send

log = logging.getLogger("rightsgraph.workers")

#: Bytes of stack for the thread that runs a worker's queries (reserved, used as needed).
JOB_STACK = 256 * 1024 * 1024
#: unshare(2) flags: a user namespace (so no privilege is needed) and a network namespace.
CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent exits; elsewhere a no-op."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def leave_network() -> bool:
    """Move this process into a network namespace of its own, where no interface is up, so any
    connection it tries fails at once; True when done (Linux with user namespaces, or root)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return any(libc.unshare(flags) == 0 for flags in (CLONE_NEWUSER | CLONE_NEWNET, CLONE_NEWNET))
    except (OSError, AttributeError):
        return False


def worker_main(conn: Connection, spec: StoreSpec) -> None:
    """A worker's life: leave the network if it needs none, open the backend, say ready (and
    whether it is offline), answer jobs until the pipe closes."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    offline = spec.offline and leave_network()
    try:
        backend = open_backend(spec)
    except Exception as error:  # reported to the server, which refuses to start
        send(conn, ("failed", f"{type(error).__name__}: {error}"))
        return
    send(conn, ("ready", offline))
    # Queries run on a thread with a large stack: the engine's parser recurses once per link of
    # a chain (``!!!…``, ``UNION``, ``OPTIONAL``) and overflowed the 8 MB main stack, killing the
    # worker, at a few thousand links; screening refuses long chains, this is the margin.
    threading.stack_size(JOB_STACK)
    answering = threading.Thread(target=answer_jobs, args=(conn, backend), name="rightsgraph-jobs")
    answering.start()
    answering.join()


def answer_jobs(conn: Connection, backend: Any) -> None:
    """Answer jobs until the pipe closes; a :class:`Reopen` swaps the backend for the one it names."""
    while True:
        try:
            job = receive(conn)
        except EOFError:
            return
        try:
            if isinstance(job, Reopen):
                backend = None  # the old snapshot is closed before the new one opens
                backend = open_backend(job.spec)
                reply = ("ok", None)
            else:
                reply = ("ok", execute(backend, job))
        except EndpointError as error:
            reply = ("error", error)
        except Exception:
            log.exception("query worker failed on a job")
            reply = ("error", EndpointError())
        send(conn, reply)


if __name__ == "__main__":
    worker_main(Connection(int(sys.argv[1])), StoreSpec(**json.loads(sys.argv[2])))
