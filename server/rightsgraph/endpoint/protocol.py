"""The SPARQL 1.1 Protocol's query operation, as pure functions over bytes and headers.

:func:`parse_request` turns what arrived (method, Content-Type, the raw query
string and the raw body) into a :class:`QueryRequest`, or ``None`` for a GET
that carries none of the protocol's parameters (the service description; a
cache-busting or tracing parameter does not make it a query), or raises the
error the protocol names. Parameters are decoded exactly once and strictly as UTF-8, so ``%25``
keeps its meaning and invalid bytes are refused instead of silently replaced.

:func:`negotiate` picks a pyoxigraph format for an ``Accept`` header: the most
specific range that matches a format gives it its q-value (exact type beats
``type/*`` beats ``*/*``), the highest q wins, then the more specific match, then
the server's order; an absent header gets the first format; nothing acceptable
raises :class:`~rightsgraph.errors.NotAcceptable`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union
from urllib.parse import parse_qsl

from pyoxigraph import QueryResultsFormat, RdfFormat
from werkzeug.http import parse_options_header

from ..errors import (
    BadRequest,
    MalformedQuery,
    NotAcceptable,
    UnsupportedMediaType,
    UpdateRefused,
)

Format = Union[QueryResultsFormat, RdfFormat]

#: Formats for SELECT and ASK results, the default first.
RESULT_FORMATS: tuple[QueryResultsFormat, ...] = (
    QueryResultsFormat.JSON,
    QueryResultsFormat.XML,
    QueryResultsFormat.CSV,
    QueryResultsFormat.TSV,
)
#: Formats for CONSTRUCT and DESCRIBE graphs and the service description, the default first.
GRAPH_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat.TURTLE,
    RdfFormat.N_TRIPLES,
    RdfFormat.RDF_XML,
    RdfFormat.JSON_LD,
    RdfFormat.N_QUADS,
    RdfFormat.TRIG,
    RdfFormat.N3,  # pyoxigraph writes the N-Triples subset of N3: for clients that ask only text/n3
)

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"

#: Parameters that make a GET a protocol operation rather than a request for the service description.
PROTOCOL_PARAMS = frozenset(
    {"query", "update", "default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"}
)
#: Values of SPARQL 1.2's ``version`` parameter this endpoint answers (its engine reads both).
VERSIONS = frozenset({"1.1", "1.2", "1.2-basic"})


@dataclass(frozen=True)
class QueryRequest:
    """One query operation: the query text and the protocol's RDF dataset, if any."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def decode_params(raw: bytes, where: str) -> list[tuple[str, str]]:
    """``application/x-www-form-urlencoded`` pairs, decoded once; raises BadRequest on bad UTF-8."""
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(f"The {where} is not valid UTF-8.")


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("The query is not valid UTF-8.")


def _content_type(header: str | None) -> tuple[str, dict[str, str]]:
    media_type, options = parse_options_header(header or "")
    return media_type.lower(), {key.lower(): value for key, value in options.items()}


def parse_request(
    method: str, content_type: str | None, query_string: bytes, body: bytes
) -> QueryRequest | None:
    """The query operation carried by a request (GET/HEAD, POST form or POST direct).

    Returns ``None`` for a GET without any protocol parameter (answer with the
    service description). Raises UpdateRefused for an update operation,
    BadRequest for zero or several ``query`` parameters, several ``version``
    parameters or one this endpoint does not speak, bad UTF-8 or a GET with a
    body, UnsupportedMediaType for a POST body that is neither form-encoded nor
    ``application/sparql-query`` in UTF-8.
    """
    params = decode_params(query_string, "query string")
    if method in ("GET", "HEAD"):
        if body:
            raise BadRequest("A GET request carries its parameters in the URL, not in a body.")
        if not any(name in PROTOCOL_PARAMS for name, _ in params):
            return None
    else:
        media_type, options = _content_type(content_type)
        charset = options.get("charset", "utf-8").lower()
        if media_type == UPDATE:
            raise UpdateRefused("This endpoint is read-only: SPARQL Update is not accepted.")
        if media_type not in (FORM, DIRECT):
            raise UnsupportedMediaType(
                f"Send the query as {FORM} or {DIRECT}, not {media_type or 'no media type'}."
            )
        if charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(f"The body must be UTF-8, not {charset}.")
        if media_type == FORM:
            params += decode_params(body, "request body")
        else:
            if any(name == "query" for name, _ in params):
                raise BadRequest("A direct POST carries the query in the body, not in a parameter.")
            params.append(("query", _utf8(body)))
    return _query_request(params)


def _query_request(params: list[tuple[str, str]]) -> QueryRequest:
    names = [name for name, _ in params]
    if "update" in names:
        raise UpdateRefused("This endpoint is read-only: SPARQL Update is not accepted.")
    queries = [value for name, value in params if name == "query"]
    if len(queries) != 1:
        raise BadRequest(f"Exactly one 'query' parameter is required; got {len(queries)}.")
    if not queries[0].strip():
        raise MalformedQuery("The query is empty: send a SPARQL query, such as ASK { ?s ?p ?o }.")
    versions = [value for name, value in params if name == "version"]
    if len(versions) > 1:
        raise BadRequest(f"At most one 'version' parameter is allowed; got {len(versions)}.")
    if versions and versions[0] not in VERSIONS:
        raise BadRequest(f"SPARQL version {versions[0]!r} is not supported; use one of {', '.join(sorted(VERSIONS))}.")
    return QueryRequest(
        query=queries[0],
        default_graphs=tuple(value for name, value in params if name == "default-graph-uri"),
        named_graphs=tuple(value for name, value in params if name == "named-graph-uri"),
    )


def base_media_type(fmt: Format) -> str:
    """A format's media type without parameters (``text/csv``, not ``text/csv; charset=utf-8``)."""
    return fmt.media_type.split(";")[0].strip()


def content_type(fmt: Format) -> str:
    """The Content-Type to send for a format: textual types say their charset."""
    media_type = fmt.media_type
    if media_type.startswith("text/") and "charset" not in media_type:
        media_type += "; charset=utf-8"
    return media_type


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values; malformed q counts as 0."""
    ranges = []
    for item in accept.split(","):
        media_range, options = parse_options_header(item)
        if not media_range:
            continue
        try:
            q = float(options.get("q", "1"))
        except ValueError:
            q = 0.0
        ranges.append((media_range.lower(), min(max(q, 0.0), 1.0)))
    return ranges


def _match(media_range: str, fmt: Format) -> int:
    """How specifically ``media_range`` names ``fmt``: 2 exact, 1 ``type/*``, 0 ``*/*``, -1 not."""
    if media_range == "*/*":
        return 0
    if media_range.endswith("/*"):
        return 1 if base_media_type(fmt).startswith(media_range[:-1]) else -1
    return 2 if type(fmt).from_media_type(media_range) == fmt else -1


def negotiate(accept: str | None, offered: Sequence[Format]) -> Format:
    """The format of ``offered`` the client prefers; see the module docstring for the order."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = _ranges(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for position, fmt in enumerate(offered):
        matches = [(_match(media_range, fmt), q) for media_range, q in ranges]
        matches = [match for match in matches if match[0] >= 0]
        if not matches:
            continue
        specificity, q = max(matches)
        key = (q, specificity, -position)
        if q > 0 and (best is None or key > best):
            best, chosen = key, fmt
    if chosen is None:
        names = ", ".join(base_media_type(fmt) for fmt in offered)
        raise NotAcceptable(f"None of the accepted media types is available here; offered: {names}.")
    return chosen
