"""``rightsgraph serve``: the endpoint on waitress, with every setting as a flag.

waitress reads each request completely on its asynchronous I/O thread before a
worker thread sees it, so clients that send half a request and stall hold no
thread; the threads in turn only wait on the query worker processes. The body
cap given to waitress is a backstop well above ``max_body_bytes`` so that the
app, not waitress, answers an oversized body (or query string) in the endpoint's error shape.
"""

from __future__ import annotations

import logging
import resource
import signal
import sys
import threading
from collections import deque
from logging.handlers import QueueHandler
from typing import Any, Callable

import click
import waitress
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import BaseWSGIServer
from waitress.task import ErrorTask
from waitress.utilities import RequestHeaderFieldsTooLarge

from .app import close_app, create_app
from .archive import write_threads
from .config import SETTINGS
from .errors import PROBLEM_JSON, problem_body
from .http import cors
from .units import format_bytes


def setting_options(command: Any) -> Any:
    """Decorate ``command`` with one option per setting of the table, defaulting to unset."""
    for setting in reversed(SETTINGS):
        command = click.option(
            setting.flag,
            setting.name,
            type=setting.type,
            default=None,
            help=f"{setting.help} [env {setting.env_var}; default {setting.default!r}]",
        )(command)
    return command


#: Open connections waitress keeps; each needs a file descriptor (see _raise_file_limit).
CONNECTION_LIMIT = 2000


def _raise_file_limit() -> None:
    """Let the process hold CONNECTION_LIMIT sockets plus its files, within the hard limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = CONNECTION_LIMIT + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


class _DroppingHandler(QueueHandler):
    """Hands records to the writer thread without waking it or waiting: the newest
    ``LOG_BACKLOG`` records are kept, older ones are dropped when the writer is far behind."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        return record  # the writer thread formats; our messages are plain strings

    def enqueue(self, record: logging.LogRecord) -> None:
        self.queue.append(record)


def _line(formatter: logging.Formatter, record: logging.LogRecord) -> str:
    try:
        return formatter.format(record) + "\n"
    except Exception:  # a record whose arguments do not fit its message
        return f"unprintable log record from {record.name}: {record.msg!r}\n"


def _log_without_blocking() -> Callable[[], None]:
    """Log to stderr from one writer thread, so that a stderr nobody reads (a full pipe)
    stalls only that thread and costs log lines, never a request. Returns what flushes it.

    The writer wakes every ``LOG_INTERVAL`` seconds and writes what has come in one
    write: waking it for every line cost more CPU per request than the line itself."""
    formatter = logging.Formatter("%(message)s")
    backlog: deque[logging.LogRecord] = deque(maxlen=LOG_BACKLOG)
    stopping = threading.Event()

    def drain() -> None:
        lines = []
        while backlog:
            lines.append(_line(formatter, backlog.popleft()))
        try:
            if lines:
                sys.stderr.write("".join(lines))
                sys.stderr.flush()
        except (OSError, ValueError):  # stderr closed: the lines are lost, the server is not
            pass

    def write() -> None:
        while not stopping.wait(LOG_INTERVAL):
            drain()
        drain()

    thread = threading.Thread(target=write, name="rightsgraph-log", daemon=True)
    thread.start()
    logging.basicConfig(level=logging.INFO, handlers=[_DroppingHandler(backlog)])

    def flush() -> None:
        stopping.set()
        thread.join(timeout=2)

    return flush


#: Seconds between the log writer's rounds.
LOG_INTERVAL = 0.05
#: Log records waiting for the writer; beyond this many the oldest are dropped.
LOG_BACKLOG = 10000


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(0)


#: waitress's own words for its backstop caps, and what a person reads instead.
_WAITRESS_CAPS = {
    "exceeds max_header of": "The request line and header fields together are larger than the {} accepted.",
    "exceeds max_body of": "The request body is larger than the {} accepted.",
}


def _in_words(detail: str) -> str:
    """waitress's "exceeds max_body of 8065536" as a sentence with the size in words."""
    for words, sentence in _WAITRESS_CAPS.items():
        if detail.startswith(words) and (number := detail.removeprefix(words).strip()).isdigit():
            return sentence.format(format_bytes(int(number)))
    return detail


class _ProblemErrorTask(ErrorTask):
    """waitress's own refusals (a request it cannot parse, a body beyond its backstop cap) in
    the endpoint's error shape and with CORS, like every answer of the app."""

    def execute(self) -> None:
        error = self.request.error
        body = problem_body(error.code, error.reason, _in_words(" ".join(str(error.body).split())))
        self.status = f"{error.code} {error.reason}"
        headers = [("Content-Type", PROBLEM_JSON)]
        cors({"REQUEST_METHOD": "GET"}, headers)  # an error is never a preflight answer
        self.response_headers.extend(headers)
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


def _bounded_parser(max_bytes: int, max_count: int) -> type[HTTPRequestParser]:
    """waitress's request parser, refusing header fields past ``max_bytes`` in all or ``max_count``
    of them with 431: waitress bounds only the whole head, which must leave room for a long GET
    query in the request line, so alone it took a 1 MB header value and 10,000 headers."""

    class BoundedParser(HTTPRequestParser):
        def parse_header(self, header_plus: bytes) -> None:
            _, _, fields = header_plus.rstrip(b"\r\n").partition(b"\r\n")
            count = len(fields.split(b"\r\n")) if fields else 0
            if len(fields) <= max_bytes and count <= max_count:
                super().parse_header(header_plus)
                return
            super().parse_header(b"GET / HTTP/1.0\r\n")  # as waitress does for its own 431
            self.error = RequestHeaderFieldsTooLarge(
                f"The request carries {count} header fields, {format_bytes(len(fields))} in all; at most "
                f"{max_count} fields and {format_bytes(max_bytes)} are accepted."
            )

    return BoundedParser


def wsgi_server(app: Any, settings: dict[str, Any]) -> Any:
    """The waitress server for ``app`` as ``rightsgraph serve`` runs it (the benchmark's
    do-nothing route runs on the same, so the framework's ceiling is measured alike)."""
    server = waitress.create_server(
        app,
        host=settings["host"],
        port=settings["port"],
        threads=settings["threads"] + write_threads(app),
        max_request_body_size=2 * max(settings["max_body_bytes"], settings["validate_max_bytes"],
                                      settings["submit_max_bytes"]) + 65536,
        # Likewise for the request line: a long GET query gets the app's 413, not waitress's 431.
        max_request_header_size=2 * settings["max_body_bytes"] + 65536,
        # Clients that open a connection and stall cost a socket, not a thread: allow many
        # (waitress's default of 100 let 100 stalled sockets lock everyone out), watched
        # with poll() rather than select(), which fails past 1024 descriptors.
        connection_limit=CONNECTION_LIMIT,
        asyncore_use_poll=True,
        channel_timeout=60,
        ident="rightsgraph",
    )
    channel = type("Channel", (HTTPChannel,), {
        "error_task_class": _ProblemErrorTask,
        "parser_class": _bounded_parser(settings["max_header_bytes"], settings["max_headers"]),
    })
    listeners = server.map.values() if not isinstance(server, BaseWSGIServer) else [server]
    for listener in listeners:
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = channel
    return server


@click.command()
@setting_options
def serve(**options: Any) -> None:
    """Serve the SPARQL endpoint, loaded with ontology and data, until interrupted."""
    flush_log = _log_without_blocking()
    # The access log prints the message only: skip finding the caller and naming the
    # thread and process for every record (the logging HOWTO's "Optimization").
    logging._srcfile = None
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    _raise_file_limit()
    app = create_app(options)
    settings = app.config["RIGHTSGRAPH"]
    server = wsgi_server(app, settings)
    signal.signal(signal.SIGTERM, _stop)
    click.echo(f"rightsgraph: SPARQL endpoint at http://{settings['host']}:{server.effective_port}/sparql")
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        close_app(app)
        flush_log()
