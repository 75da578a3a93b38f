"""What every response carries: CORS headers, ``Vary: Accept`` and a structured access-log line.

The access log is one JSON object per request on the ``rightsgraph.access``
logger (method, path, status, milliseconds, bytes, query hash), so it can be
grepped and parsed without a custom format.
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


def _cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "Rightsgraph-Truncated, Content-Type"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", DEFAULT_ALLOWED_HEADERS
        )
        response.headers["Access-Control-Max-Age"] = "86400"
    response.vary.add("Accept")
    return response


def _log(response: Response) -> Response:
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
    return response


def init_app(app: Flask) -> None:
    app.before_request(_start_clock)
    app.after_request(_cors)
    app.after_request(_log)
