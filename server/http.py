"""What every response carries: CORS headers, ``Vary: Accept`` and a structured access-log line.

The access log is one JSON object per request on the ``rightsgraph.access``
logger (method, path, status, milliseconds, bytes, query hash), so it can be
grepped and parsed without a custom format. ``rightsgraph serve`` turns off
the parts of a log record this format never prints (caller, thread and process
names), which otherwise cost more per request than the line itself.
"""

from __future__ import annotations

import json
import logging
import time

from flask import Flask, Response, g, request

access_log = logging.getLogger("rightsgraph.access")

ALLOWED_METHODS = "GET, POST, HEAD, OPTIONS"
DEFAULT_ALLOWED_HEADERS = "Accept, Content-Type"


def _start_clock() -> None:
    g.started = time.perf_counter()


def _cors(response: Response) -> None:
    headers = response.headers
    headers["Access-Control-Allow-Origin"] = "*"
    headers["Access-Control-Expose-Headers"] = "Rightsgraph-Truncated, Content-Type"
    if request.method == "OPTIONS":
        headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", DEFAULT_ALLOWED_HEADERS
        )
        headers["Access-Control-Max-Age"] = "86400"
    vary = headers.get("Vary")
    if not vary:
        headers["Vary"] = "Accept"
    elif "accept" not in (item.strip().lower() for item in vary.split(",")):
        headers["Vary"] = vary + ", Accept"


def _log(response: Response) -> None:
    started = g.get("started", time.perf_counter())
    access_log.info(
        json.dumps(
            {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 2),
                "bytes": response.calculate_content_length(),
                "query_hash": g.get("query_hash"),
                "truncated": response.headers.get("Rightsgraph-Truncated"),
            }
        )
    )


def _finish(response: Response) -> Response:
    """CORS and Vary, then the access-log line: one hook, so one pass over the response."""
    _cors(response)
    if access_log.isEnabledFor(logging.INFO):
        _log(response)
    return response


def init_app(app: Flask) -> None:
    app.before_request(_start_clock)
    app.after_request(_finish)
