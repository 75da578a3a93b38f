"""What every response carries: CORS headers, ``Vary: Accept`` and a structured access-log line;
and what every request must carry: one valid ``Host`` (RFC 9112 section 3.2), else 400.

The access log is one JSON object per request on the ``rightsgraph.access``
logger (method, path, status, milliseconds, bytes, query hash), so it can be
grepped and parsed without a custom format. ``rightsgraph serve`` turns off the
parts of a log record this format never prints (caller, thread and process
names), which otherwise cost more per request than the line itself.

Both are done by a WSGI middleware around the whole app, on the raw header list
and ``environ``: the same work as Flask ``after_request`` hooks over werkzeug's
``Headers``, at well under half the cost per request (measured: it was the
largest part of what the endpoint adds to a bare Flask route). Views say what to
log through ``environ`` (:data:`QUERY_HASH`).
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import Any, Callable, Iterable

from flask import Flask

from .errors import PROBLEM_JSON, problem_body

access_log = logging.getLogger("rightsgraph.access")

ALLOWED_METHODS = "GET, POST, HEAD, OPTIONS"
DEFAULT_ALLOWED_HEADERS = "Accept, Content-Type"
EXPOSED_HEADERS = "Rightsgraph-Truncated, Content-Type"
#: The ``environ`` key under which a view leaves the hash of the query it ran.
QUERY_HASH = "rightsgraph.query_hash"

Headers = list[tuple[str, str]]

#: RFC 3986's host (an IP literal in brackets, or a reg-name or IPv4 address) and an optional port.
#: Two Host lines reach the app joined by ", ", which this refuses too.
VALID_HOST = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~%!$&'()*+,;=]+)(?::[0-9]*)?")


def host_problem(environ: dict[str, Any]) -> str | None:
    """Why the request's Host is unacceptable, or None: an HTTP/1.1 request must name exactly one
    valid host, which is also what the endpoint's own URL (a query's base IRI) is built from."""
    host = environ.get("HTTP_HOST")
    if host is None:
        if environ.get("SERVER_PROTOCOL") == "HTTP/1.1":
            return "An HTTP/1.1 request must carry a Host header."
        return None
    if not VALID_HOST.fullmatch(host):
        return "The Host header must name one valid host (and port), such as example.org:7878."
    return None


def refuse(detail: str, start_response: Callable) -> list[bytes]:
    body = problem_body(400, "Bad request", detail)
    start_response("400 Bad Request", [("Content-Type", PROBLEM_JSON), ("Content-Length", str(len(body)))])
    return [body]


def cors(environ: dict[str, Any], headers: Headers) -> None:
    """Add CORS to ``headers`` (preflight answers for OPTIONS) and make sure ``Vary`` names Accept."""
    headers.append(("Access-Control-Allow-Origin", "*"))
    headers.append(("Access-Control-Expose-Headers", EXPOSED_HEADERS))
    if environ["REQUEST_METHOD"] == "OPTIONS":
        requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS", DEFAULT_ALLOWED_HEADERS)
        headers.append(("Access-Control-Allow-Methods", ALLOWED_METHODS))
        headers.append(("Access-Control-Allow-Headers", requested))
        headers.append(("Access-Control-Max-Age", "86400"))
    for index, (name, value) in enumerate(headers):
        if name.lower() == "vary":
            if "accept" not in (item.strip().lower() for item in value.split(",")):
                headers[index] = (name, value + ", Accept")
            return
    headers.append(("Vary", "Accept"))


def _header(headers: Headers, wanted: str) -> str | None:
    for name, value in headers:
        if name.lower() == wanted:
            return value
    return None


def log_line(environ: dict[str, Any], status: str, headers: Headers, started: float) -> str:
    length = _header(headers, "content-length")
    return json.dumps(
        {
            "method": environ["REQUEST_METHOD"],
            "path": environ.get("PATH_INFO", ""),
            "status": int(status[:3]),
            "ms": round((time.perf_counter() - started) * 1000, 2),
            "bytes": int(length) if length is not None else None,
            "query_hash": environ.get(QUERY_HASH),
            "truncated": _header(headers, "rightsgraph-truncated"),
        }
    )


class ResponseMiddleware:
    """Wraps a WSGI app: a request without one valid Host refused, CORS and Vary on every
    response, then one access-log line."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()
        sent: list[tuple[str, Headers]] = []

        def start(status: str, headers: Headers, exc_info: Any = None) -> Callable:
            cors(environ, headers)
            sent.append((status, headers))
            return start_response(status, headers, exc_info)

        trouble = host_problem(environ)
        body = self.app(environ, start) if trouble is None else refuse(trouble, start)
        if sent and access_log.isEnabledFor(logging.INFO):
            status, headers = sent[-1]
            access_log.info(log_line(environ, status, headers, started))
        return body


def init_app(app: Flask) -> None:
    app.wsgi_app = ResponseMiddleware(app.wsgi_app)
