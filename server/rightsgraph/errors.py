"""Every error the endpoint answers with, and the one handler that shapes them.

The tree, with the HTTP status each class carries::

    EndpointError                 500  (never raised bare: a fault of ours)
    ├── BadRequest                400  (missing/duplicate parameter, invalid UTF-8)
    │   ├── MalformedQuery        400  (the parser's message, with its position)
    │   ├── MalformedRecord       400  (a record to validate: the parser's message, line and column)
    │   └── QueryTooDeep          400
    ├── Unauthorized              401  (a write without a valid token)
    ├── Forbidden                 403
    │   ├── OutOfScope            403  (a write the token's scopes do not cover)
    │   ├── UpdateRefused         403  (the endpoint is read-only)
    │   └── ServiceRefused        403  (SERVICE to a host not allow-listed)
    ├── NotAcceptable             406
    ├── Conflict                  409  (a write the archive cannot take: read-only store, record already held)
    ├── PayloadTooLarge           413
    ├── UnsupportedMediaType      415
    ├── RecordRefused             422  (a record's unsafe construct: DOCTYPE, entity, remote context)
    │   ├── ValidationTooLong     422  (stopped after validate_timeout seconds)
    │   └── SubmissionRefused     422  (the gate found violations; carries the report)
    ├── WorkerFailed              502  (the worker process died on this query)
    ├── UpstreamError             502  (the external store failed or is unreachable)
    └── Unavailable               503
        ├── QueryTimeout          503  (stopped after query_timeout seconds)
        └── ServerBusy            503  (no worker came free in time)

Every response for an error is ``application/problem+json`` (RFC 9457) with
``title``, ``status`` and ``detail``; the detail never holds a traceback or a
file path (unexpected exceptions are logged and answered with a fixed text).
The classes are plain exceptions with one message, so they cross the pipe from
a worker process unchanged.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

log = logging.getLogger("rightsgraph.errors")

PROBLEM_JSON = "application/problem+json"


class EndpointError(Exception):
    status = 500
    title = "Internal server error"

    @property
    def detail(self) -> str:
        return str(self.args[0]) if self.args else self.title


class BadRequest(EndpointError):
    status = 400
    title = "Bad request"


class MalformedQuery(BadRequest):
    title = "Malformed query"


class AnswerTooLarge(BadRequest):
    title = "Answer too large"


class UpdateAsQuery(BadRequest):
    """Update text sent as a query: not valid under the query grammar (the protocol's 400)."""

    title = "Not a query"


class MalformedRecord(BadRequest):
    title = "Malformed record"


class QueryTooDeep(BadRequest):
    title = "Query nested too deeply"


class QueryTooComplex(BadRequest):
    title = "Query chains too many operators"


class Unauthorized(EndpointError):
    status = 401
    title = "Unauthorized"


class Forbidden(EndpointError):
    status = 403
    title = "Forbidden"


class UpdateRefused(Forbidden):
    title = "Updates are not accepted"


class ServiceRefused(Forbidden):
    title = "SERVICE call refused"


class OutOfScope(Forbidden):
    title = "Token out of scope"


class NotAcceptable(EndpointError):
    status = 406
    title = "Not acceptable"


class Conflict(EndpointError):
    status = 409
    title = "Conflict"


class PayloadTooLarge(EndpointError):
    status = 413
    title = "Payload too large"


class UnsupportedMediaType(EndpointError):
    status = 415
    title = "Unsupported media type"


class RecordRefused(EndpointError):
    status = 422
    title = "Record refused"


class ValidationTooLong(RecordRefused):
    title = "Validation took too long"


class SubmissionRefused(RecordRefused):
    """The gate's verdict: violations. ``report`` is the records' Report, as ``validate`` gives it."""

    title = "Submission refused"

    def __init__(self, detail: str, report=None) -> None:
        super().__init__(detail)
        self.report = report


class WorkerFailed(EndpointError):
    status = 502
    title = "Query worker failed"


class UpstreamError(EndpointError):
    status = 502
    title = "External store error"


class Unavailable(EndpointError):
    status = 503
    title = "Service unavailable"


class QueryTimeout(Unavailable):
    title = "Query timeout"


class ServerBusy(Unavailable):
    title = "Server busy"


def problem_body(status: int, title: str, detail: str) -> bytes:
    """The one shape of every error response's body (RFC 9457 problem details)."""
    return (json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail}) + "\n").encode()


def problem(status: int, title: str, detail: str) -> Response:
    """The one shape of every error response."""
    return Response(problem_body(status, title, detail), status=status, mimetype=PROBLEM_JSON)


def _endpoint_error(error: EndpointError) -> Response:
    response = problem(error.status, error.title, error.detail)
    if isinstance(error, Unauthorized):
        response.headers["WWW-Authenticate"] = 'Bearer realm="rightsgraph"'
    return response


def _http_exception(error: HTTPException) -> Response:
    """Routing errors (404, 405) and Werkzeug's own (413) in the same shape."""
    response = problem(error.code or 500, error.name, error.description or error.name)
    valid_methods = getattr(error, "valid_methods", None)
    if valid_methods:
        response.headers["Allow"] = ", ".join(valid_methods)
    return response


def _unexpected(error: Exception) -> Response:
    """A fault of ours: logged in full, answered without any detail."""
    log.exception("unexpected error", exc_info=error)
    return problem(500, EndpointError.title, "The server failed on this request; it has been logged.")


def init_app(app: Flask) -> None:
    app.register_error_handler(EndpointError, _endpoint_error)
    app.register_error_handler(HTTPException, _http_exception)
    app.register_error_handler(Exception, _unexpected)
