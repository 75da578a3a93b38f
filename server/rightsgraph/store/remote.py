"""An external SPARQL 1.1 store reached over the Protocol, and loading one over the Graph Store Protocol.

Queries are forwarded as a form POST asking for SPARQL JSON results or
N-Triples, and the answer is parsed back into pyoxigraph objects as it streams
in, so the endpoint caps, converts and negotiates exactly as it does for the
embedded store. No proxy is consulted: the store is reached directly.
The worker process running a query is what bounds its total time; the socket
timeout here only stops a connection that has gone silent.
"""

from __future__ import annotations

import base64
import logging
from typing import Iterable
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit, urlunsplit
from urllib.request import (
    HTTPBasicAuthHandler,
    HTTPDigestAuthHandler,
    HTTPPasswordMgrWithDefaultRealm,
    ProxyHandler,
    Request,
    build_opener,
    parse_http_list,
    parse_keqv_list,
)

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    QueryResultsFormat,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from ..errors import MalformedQuery, QueryTimeout, UpstreamError
from ..loading import load_store
from . import Results

log = logging.getLogger("rightsgraph.store")

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"

_opener = build_opener(ProxyHandler({}))


def _triples(quads: Iterable) -> Iterable[Triple]:
    for quad in quads:
        yield quad.triple


class RemoteStore:
    """A SPARQL 1.1 query endpoint at ``url``."""

    def __init__(self, url: str, *, timeout: float) -> None:
        self.url = url
        self.timeout = timeout

    def query(
        self,
        text: str,
        *,
        default_graphs: tuple[str, ...],
        named_graphs: tuple[str, ...],
        union: bool,
        base_iri: str | None = None,
    ) -> Results:
        """Forward a query; ``union`` and the base IRI are the external store's own, not ours to set."""
        params = [("query", text)]
        params += [("default-graph-uri", iri) for iri in default_graphs]
        params += [("named-graph-uri", iri) for iri in named_graphs]
        request = Request(
            self.url,
            data=urlencode(params).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT},
        )
        try:
            response = _opener.open(request, timeout=self.timeout)
        except HTTPError as error:
            message = error.read(2000).decode("utf-8", "replace").strip()
            if error.code == 400:
                raise MalformedQuery(f"The external store refused the query: {message}")
            raise UpstreamError(f"The external store answered {error.code}.")
        except (URLError, OSError) as error:
            if isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError):
                raise QueryTimeout(f"The external store gave no answer within {self.timeout:g} s.")
            log.warning("external store unreachable: %s", error)
            raise UpstreamError("The external store could not be reached.")
        media_type = response.headers.get_content_type()
        results_format = QueryResultsFormat.from_media_type(media_type)
        if results_format is not None:
            return parse_query_results(response, format=results_format)
        graph_format = RdfFormat.from_media_type(media_type)
        if graph_format is not None:
            return _triples(parse(response, format=graph_format))
        raise UpstreamError(f"The external store answered in an unknown format, {media_type}.")


def credentials(url: str, user: str = "", password: str = "") -> tuple[str, str, str]:
    """(url without userinfo, user, password): given ones win over a URL's ``user:password@``."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, user, password
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    bare = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return bare, user or parts.username, password or (parts.password or "")


def opener_for(url: str, user: str, password: str):
    """An opener that answers a store's Basic or Digest challenge (Virtuoso's ``/sparql-graph-crud-auth``
    asks Digest) with ``user``/``password``; the plain proxy-less opener when no user is given."""
    if not user:
        return _opener
    passwords = HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, password)
    return build_opener(ProxyHandler({}), HTTPDigestAuthHandler(passwords), HTTPBasicAuthHandler(passwords))


def authorization(url: str, method: str, user: str, password: str, timeout: float, what: str) -> str | None:
    """The Authorization header for ``method`` on ``url``, made before the request is sent, or None.

    A store that refuses an unauthenticated request may close the connection while a large
    body is still being sent (Virtuoso does: the client saw a broken pipe, not the 401), so a
    bodiless HEAD asks first: without credentials its 401/403 is the refusal, raised at once;
    with them its challenge (Basic or Digest) is answered and the body is sent once.
    """
    try:
        _opener.open(Request(url, method="HEAD"), timeout=timeout).close()
        return None
    except HTTPError as error:
        if error.code in (401, 403) and not user:
            raise refusal(error, what)
        challenge = error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
        error.close()
    except (URLError, OSError):
        return None  # the request itself will say the store cannot be reached
    scheme, _, params = challenge.partition(" ")
    if scheme.lower() == "basic":
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    if scheme.lower() == "digest":
        passwords = HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, user, password)
        handler = HTTPDigestAuthHandler(passwords)
        answer = handler.get_authorization(Request(url, method=method), parse_keqv_list(parse_http_list(params)))
        return f"Digest {answer}" if answer else None
    return None


def refusal(error: HTTPError, what: str) -> UpstreamError:
    """A store's refusal in words a person can act on (credentials for 401/403); closes the response."""
    error.close()
    if error.code in (401, 403):
        return UpstreamError(f"The store refused {what}: {error.code} {error.reason}. It needs credentials with "
                             "write access: give --user/--password, a URL with user:password@, or "
                             "RIGHTSGRAPH_STORE_USER and RIGHTSGRAPH_STORE_PASSWORD.")
    return UpstreamError(f"The store refused {what}: {error.code} {error.reason}.")


def _graph_url(url: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of one graph (``?graph=`` or ``?default``)."""
    joiner = "&" if "?" in url else "?"
    return url + joiner + (urlencode({"graph": graph}) if graph else "default")


def put_graph(url: str, iri: str | None, ntriples: bytes, *, user: str = "", password: str = "",
              timeout: float = 120.0, method: str = "PUT") -> None:
    """Send one graph (N-Triples) to a Graph Store Protocol endpoint: PUT replaces it, POST adds to it,
    DELETE (with no body) removes it. Raises UpstreamError when refused or unreachable."""
    url, user, password = credentials(url, user, password)
    target = _graph_url(url, iri)
    headers = {"Content-Type": "application/n-triples"}
    answer = authorization(target, method, user, password, timeout, f"graph <{iri or 'default'}>")
    if answer:
        headers["Authorization"] = answer
    request = Request(target, data=ntriples if method != "DELETE" else None, headers=headers, method=method)
    try:
        opener_for(url, user, password).open(request, timeout=timeout).close()
    except HTTPError as error:
        if method == "DELETE" and error.code == 404:
            error.close()
            return
        raise refusal(error, f"graph <{iri or 'default'}>")
    except (URLError, OSError, ValueError) as error:
        raise UpstreamError(f"The store at {url} could not be reached ({error}).")


def load_into(url: str, *, timeout: float = 120.0, store: Store | None = None, user: str = "",
              password: str = "") -> dict[str, int]:
    """PUT every graph of the dataset (or of ``store``) to the Graph Store Protocol endpoint ``url``.

    PUT replaces each graph whole, so loading twice leaves the same state.
    Returns the number of triples sent per graph IRI ("" for the default graph).
    Raises UpstreamError when the store refuses a graph or cannot be reached.
    """
    store = store if store is not None else load_store()
    graphs: list[NamedNode | DefaultGraph] = sorted(store.named_graphs(), key=str)
    if next(store.quads_for_pattern(None, None, None, DefaultGraph()), None) is not None:
        graphs.append(DefaultGraph())
    sent = {}
    for graph in graphs:
        iri = graph.value if isinstance(graph, NamedNode) else ""
        triples = [quad.triple for quad in store.quads_for_pattern(None, None, None, graph)]
        put_graph(url, iri or None, serialize(triples, format=RdfFormat.N_TRIPLES), user=user, password=password,
                  timeout=timeout)
        sent[iri] = len(triples)
    return sent
