"""The endpoint's HTTP views: thin over protocol, screening, the answer cache and the worker pool.

A query is looked up in the answer cache first: a hit was screened, run and
capped when it first came, under the same settings, so it is sent as is.
"""

from __future__ import annotations

import hashlib

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from pyoxigraph import serialize

from ..bodies import has_body, read_capped
from ..config import allowed_hosts, settings
from ..errors import PayloadTooLarge
from ..http import ALLOWED_METHODS, QUERY_HASH
from ..publishing import service
from ..units import format_bytes
from . import get_cache, get_pool, protocol
from .cache import CachedAnswer
from .engine import Job
from .querying import run_screened
from .service_description import describe

bp = Blueprint("sparql", __name__)

#: Response header saying how many rows were kept when more were cut.
TRUNCATED_HEADER = "Rightsgraph-Truncated"
#: The named graphs the service description lists.
GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g"


def query_hash(query: str) -> str:
    """A short, stable name for a query in the access log (the text itself may be large or private)."""
    return hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def read_body(limit: int) -> bytes:
    """The request body, at most ``limit`` bytes actually read; raises PayloadTooLarge beyond."""
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(f"The request body exceeds {format_bytes(limit)}.")
    if not has_body(request.environ):
        return b""
    body = read_capped(request.stream, limit)
    if len(body) > limit:
        raise PayloadTooLarge(f"The request body exceeds {format_bytes(limit)}.")
    return body


def request_key(environ: dict, body: bytes) -> tuple:
    """Everything of a request that shapes its answer, as it arrived: the answer cache's key.

    The scheme, host, server and script name make up the endpoint's URL, which
    is the base IRI of the query.
    """
    return (
        environ["REQUEST_METHOD"],
        environ.get("QUERY_STRING", ""),
        environ.get("CONTENT_TYPE"),
        body,
        environ.get("HTTP_ACCEPT"),
        environ.get("wsgi.url_scheme"),
        environ.get("HTTP_HOST"),
        environ.get("SERVER_NAME"),
        environ.get("SERVER_PORT"),
        environ.get("SCRIPT_NAME", ""),
    )


def endpoint_url() -> str:
    """The endpoint's own URL, as the client reached this server: the query's base IRI and sd:endpoint."""
    return url_for("sparql.sparql", _external=True)


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"], provide_automatic_options=False)
@bp.route("/sparql/", endpoint="sparql_slash", methods=["GET", "POST", "OPTIONS"], provide_automatic_options=False)
def sparql() -> Response:
    """The SPARQL 1.1 Protocol query operation, or the service description for a bare GET.

    ``/sparql/`` is the same endpoint, as the W3C protocol tests write it.
    """
    accept = request.environ.get("HTTP_ACCEPT")
    # A browser opening /sparql gets a page. Cheapest test first: this runs before the answer
    # cache, so a client that never names HTML pays one substring search for it.
    if accept and "html" in accept and request.method == "GET" and service.wants_page(accept) and "query" not in request.args:
        return service.sparql_page(endpoint_url(), graph_names(), settings()["base_iri"])
    if request.method == "OPTIONS":  # CORS preflight: the headers come from rightsgraph.http
        response = Response(status=200, headers={"Allow": ALLOWED_METHODS})
        del response.headers["Content-Type"]
        return response
    limit = settings()["max_body_bytes"]
    if len(request.query_string) > limit:
        raise PayloadTooLarge(f"The query string exceeds {format_bytes(limit)}.")
    body = read_body(limit)
    environ = request.environ
    cache = get_cache()
    key = request_key(environ, body)
    hit = cache.get(key) if cache is not None else None
    if hit is None:
        epoch = cache.epoch if cache is not None else None
        parsed = protocol.parse_request(request.method, request.content_type, request.query_string, body)
        if parsed is None:
            return service_description()
        environ[QUERY_HASH] = hashed = query_hash(parsed.query)
        answer = run_screened(parsed.query, settings(), accept=accept, base_iri=endpoint_url(),
                              default_graphs=parsed.default_graphs, named_graphs=parsed.named_graphs)
        hit = CachedAnswer(answer, hashed)
        if cache is not None:
            cache.put(key, hit, epoch)
    answer, environ[QUERY_HASH] = hit
    response = Response(answer.body, content_type=answer.media_type)
    if answer.truncated:
        response.headers[TRUNCATED_HEADER] = str(answer.rows)
    return response


def service_description() -> Response:
    """The Service Description in the RDF format the client accepts (Turtle by default)."""
    fmt = protocol.negotiate(request.headers.get("Accept"), protocol.GRAPH_FORMATS)
    triples = describe(endpoint_url(), federated=bool(allowed_hosts(settings())), named_graphs=graph_names())
    return Response(serialize(triples, format=fmt), content_type=protocol.content_type(fmt))


def graph_names() -> tuple[str, ...]:
    """The store's named graphs for the service description, asked once: the store cannot change.

    An external store can, and may be slow or large, so its graphs are not listed.
    """
    if not get_pool().spec.read_only:
        return ()
    names = current_app.extensions.get("rightsgraph.graph_names")
    if names is None:
        answer = get_pool().run(Job(query=GRAPH_NAMES, accept="text/tab-separated-values", max_rows=settings()["max_rows"]))
        rows = answer.body.decode("utf-8").splitlines()[1:]
        names = tuple(row[1:-1] for row in rows if row.startswith("<"))
        current_app.extensions["rightsgraph.graph_names"] = names
    return names


@bp.route("/health")
def health() -> Response:
    """Liveness for operators and load balancers: 200 while every worker is alive, else 503."""
    status = get_pool().status()
    healthy = status["workers"] > 0
    cache = get_cache()
    extra = {"cache": cache.stats()} if cache is not None else {}
    body = jsonify(status="ok" if healthy else "degraded", store=get_pool().spec.kind, **status, **extra)
    body.status_code = 200 if healthy else 503
    return body
