"""What the archive holds, as the gate reads it: from a snapshot directory, the dataset files, or an external store.

A :class:`Held` is small and picklable, because the gate runs in a child process and
reads the archive there: an on-disk archive's newest reader snapshot (immutable, so
opening it read-only while the primary takes writes is safe), the dataset files for
an in-memory one, or everything an external store answers to one CONSTRUCT.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request

from pyoxigraph import RdfFormat, Store, Triple, parse

from ..errors import UpstreamError
from ..loading import load_store
from ..namespaces import GRAPH
from ..store.remote import credentials, opener_for, refusal

#: Everything in the project's named graphs (an external store may hold others of its own, such as
#: Virtuoso's system graphs); the store must answer it whole (Virtuoso: raise ResultSetMaxRows).
EVERYTHING = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{GRAPH}\")) }}"


@dataclass(frozen=True)
class Held:
    kind: str  # "disk" (a snapshot directory), "memory" (the dataset files) or "remote" (a query URL)
    location: str = ""
    user: str = ""
    password: str = ""
    timeout: float = 60.0

    def triples(self) -> list[Triple]:
        if self.kind == "disk":
            return [quad.triple for quad in Store.read_only(self.location)]
        if self.kind == "memory":
            return [quad.triple for quad in load_store()]
        return _remote_triples(self.location, self.user, self.password, self.timeout)


def _remote_triples(url: str, user: str, password: str, timeout: float) -> list[Triple]:
    url, user, password = credentials(url, user, password)
    request = Request(url, data=urlencode({"query": EVERYTHING}).encode(),
                      headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/n-triples"})
    try:
        with opener_for(url, user, password).open(request, timeout=timeout) as response:
            return [quad.triple for quad in parse(response.read(), format=RdfFormat.N_TRIPLES)]
    except HTTPError as error:
        raise refusal(error, "to read what it holds")
    except (URLError, OSError) as error:
        raise UpstreamError(f"The store at {url} could not be reached ({error}).")
