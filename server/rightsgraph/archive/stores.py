"""Where submissions are written: the embedded on-disk store, or an external store over the Graph Store Protocol.

**Embedded (``--store DIR``).** The server process holds the one read-write instance of
the store at ``DIR``. Query workers never open ``DIR`` itself (pyoxigraph says a
read-only instance opened while another process writes is undefined behaviour): they
open a *snapshot*, a RocksDB checkpoint made by ``Store.backup`` into
``.DIR.readers/N`` beside it, which costs milliseconds because the immutable table files
are hard-linked, not copied. A write is one pyoxigraph transaction (``extend``, or one
SPARQL update for a withdrawal): the submission's graph and its provenance commit
together or not at all, and RocksDB's write-ahead log replays a committed transaction
after ``kill -9``, while one that never committed leaves nothing. After the commit a new
snapshot is made and the pool told to move its workers to it; snapshots no worker has
open any more are removed.

**External.** The submission's graph is PUT to the Graph Store Protocol endpoint, then
its provenance POSTed to the provenance graph; if the second request fails the first is
undone (DELETE), so an external store, which offers no transaction across requests,
still never keeps data without its provenance for longer than the failing request.

**In memory** (no ``--store``): every worker loads the dataset files, so there is nowhere
to write; submissions are refused (409) with the way to start a server that takes them.
"""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from typing import Callable
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request

from pyoxigraph import (
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Store,
    parse,
    parse_query_results,
    serialize,
)

from ..errors import Conflict, UpstreamError
from ..store.remote import credentials, opener_for, put_graph, refusal
from .held import Held
from .provenance import HISTORY, PROVENANCE_GRAPH, Act, graph_of, history

#: Existence is asked with SELECT … LIMIT 1, not ASK: Virtuoso answers ASK in JSON as a SELECT
#: (a ``__ASK_RETVAL`` binding, or none), which no results parser reads as a boolean.
WITHDRAWN = "SELECT ?w WHERE {{ GRAPH <{prov}> {{ ?w <http://www.w3.org/ns/prov#invalidated> <{graph}> }} }} LIMIT 1"
SUBMITTED = "SELECT ?s WHERE {{ GRAPH <{prov}> {{ ?s <http://www.w3.org/ns/prov#generated> <{graph}> }} }} LIMIT 1"


def _insert_data(quads: list[Quad]) -> str:
    return "INSERT DATA { " + " ".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}"
                                       for q in quads) + " }"


class EmbeddedArchive:
    """The on-disk store at ``location``, written by this process, read by workers through snapshots."""

    writable = True

    def __init__(self, location: str) -> None:
        self.location = Path(location).resolve()
        self.primary = Store(str(self.location))
        self.readers = self.location.parent / f".{self.location.name}.readers"
        shutil.rmtree(self.readers, ignore_errors=True)  # a killed server's; we hold the store's lock now
        self.readers.mkdir()
        self._count = 0
        self.snapshot = self._snapshot()

    def _snapshot(self) -> str:
        self._count += 1
        target = self.readers / str(self._count)
        self.primary.backup(str(target))
        return str(target)

    def held(self) -> Held:
        return Held("disk", self.snapshot)

    def reader_store(self) -> Store:
        """The newest snapshot, opened read-only (what dumps are made from)."""
        return Store.read_only(self.snapshot)

    def commit(self, submission_id: str, ntriples: bytes, provenance: list[Quad]) -> None:
        graph = graph_of(submission_id)
        quads = [Quad(q.subject, q.predicate, q.object, graph) for q in parse(ntriples, format=RdfFormat.N_TRIPLES)]
        self.primary.extend(quads + provenance)
        self.snapshot = self._snapshot()

    def withdraw(self, submission_id: str, provenance: list[Quad]) -> None:
        self._check_withdrawable(submission_id)
        self.primary.update(f"DROP SILENT GRAPH {graph_of(submission_id)} ; " + _insert_data(provenance))
        self.snapshot = self._snapshot()

    def _ask(self, query: str) -> bool:
        return next(iter(self.primary.query(query)), None) is not None

    def _check_withdrawable(self, submission_id: str) -> None:
        _check(self._ask, submission_id)

    def history(self) -> list[Act]:
        return history(self.primary.query(HISTORY))

    def forget_snapshots(self, in_use: set[str]) -> None:
        """Remove every snapshot but the newest and those in ``in_use``."""
        for path in self.readers.iterdir():
            if str(path) != self.snapshot and str(path) not in in_use:
                shutil.rmtree(path, ignore_errors=True)

    def backup(self, target: str) -> None:
        self.primary.backup(target)

    def close(self) -> None:
        """Release the store (its lock goes with the last reference) and remove the snapshots."""
        self.primary = None
        gc.collect()
        shutil.rmtree(self.readers, ignore_errors=True)


def _check(ask: Callable[[str], bool], submission_id: str) -> None:
    graph = graph_of(submission_id).value
    if not ask(SUBMITTED.format(prov=PROVENANCE_GRAPH.value, graph=graph)):
        raise Conflict(f"There is no submission {submission_id!r}; 'rightsgraph history' lists them.")
    if ask(WITHDRAWN.format(prov=PROVENANCE_GRAPH.value, graph=graph)):
        raise Conflict(f"Submission {submission_id!r} was already withdrawn.")


class RemoteArchive:
    """An external SPARQL 1.1 store: read at ``query_url``, written through the Graph Store Protocol at ``graph_url``."""

    writable = True

    def __init__(self, query_url: str, graph_url: str, user: str = "", password: str = "",
                 timeout: float = 60.0) -> None:
        self.query_url, self.graph_url, self.timeout = query_url, graph_url, timeout
        self.user, self.password = user, password

    def held(self) -> Held:
        return Held("remote", self.query_url, self.user, self.password, self.timeout)

    def _put(self, iri: str, body: bytes, method: str) -> None:
        put_graph(self.graph_url, iri, body, user=self.user, password=self.password, timeout=self.timeout,
                  method=method)

    def commit(self, submission_id: str, ntriples: bytes, provenance: list[Quad]) -> None:
        graph = graph_of(submission_id).value
        self._put(graph, ntriples, "PUT")
        try:
            self._put(PROVENANCE_GRAPH.value, serialize([q.triple for q in provenance], format=RdfFormat.N_TRIPLES),
                      "POST")
        except UpstreamError:
            self._put(graph, b"", "DELETE")
            raise

    def withdraw(self, submission_id: str, provenance: list[Quad]) -> None:
        _check(self._ask, submission_id)
        self._put(graph_of(submission_id).value, b"", "DELETE")
        self._put(PROVENANCE_GRAPH.value, serialize([q.triple for q in provenance], format=RdfFormat.N_TRIPLES), "POST")

    def _select(self, query: str):
        url, user, password = credentials(self.query_url, self.user, self.password)
        request = Request(url, data=urlencode({"query": query}).encode(),
                          headers={"Content-Type": "application/x-www-form-urlencoded",
                                   "Accept": "application/sparql-results+json"})
        try:
            with opener_for(url, user, password).open(request, timeout=self.timeout) as response:
                return parse_query_results(response.read(), format=QueryResultsFormat.JSON)
        except HTTPError as error:
            raise refusal(error, "a query")
        except (URLError, OSError) as error:
            raise UpstreamError(f"The store at {url} could not be reached ({error}).")

    def _ask(self, query: str) -> bool:
        return next(iter(self._select(query)), None) is not None

    def history(self) -> list[Act]:
        return history(self._select(HISTORY))

    def forget_snapshots(self, in_use: set[str]) -> None:
        """An external store has no snapshots."""

    def close(self) -> None:
        """Nothing is held open."""


IN_MEMORY = ("This server's store is in memory and takes no submissions: start it with "
             "'rightsgraph serve --store DIR' (or --store-url with --store-graph-url).")


class ReadOnlyArchive:
    """A store this server cannot write: in memory, or on disk but held by another process."""

    writable = False

    def __init__(self, reason: str = IN_MEMORY) -> None:
        self.reason = reason

    def refuse(self) -> Conflict:
        return Conflict(self.reason)

    def history(self) -> list[Act]:
        return []

    def close(self) -> None:
        """Nothing is held open."""

